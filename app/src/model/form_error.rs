//! Input problems a form can report. A fixed set, so the same plain message reaches people with
//! and without JavaScript (without it, the code travels in the `error` query parameter and
//! nothing a link-crafter writes is ever shown as an error).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormError {
    InvalidCredentials,
    EmailInvalid,
    NameRequired,
    PasswordTooShort,
    PasswordTooLong,
    PasswordIsEmail,
    PasswordRepeated,
    AccountExists,
    SignupClosed,
    NotAMember,
    TitleRequired,
    BodyRequired,
    TooLong,
    AnswerEveryQuestion,
    AlreadyPaid,
    HandoffExpired,
    ControlCharacters,
    SlugInvalid,
    SlugReserved,
    SlugTaken,
    ColourInvalid,
    ColourUnreadable,
    DomainInvalid,
    DomainTaken,
    ReasonRequired,
    InvitationInvalid,
    SettingOutOfRange,
    DomainUnverified,
    DnsLookupFailed,
    ConfirmationMismatch,
    GraceOutOfRange,
    NothingScheduled,
    DeletionScheduled,
    SupportReadOnly,
    SupportDuration,
    SupportEntryInvalid,
    RoleInvalid,
    OwnersOnly,
    LastOwner,
    AlreadyMember,
    InvitationPending,
    LevelNameInvalid,
    LevelNameTaken,
    TooManyLevels,
    LevelInUse,
    LevelRequired,
    MemberQuota,
    CourseQuota,
    StorageQuota,
    FeatureNotInPlan,
    PlanNotAvailable,
    AlreadySubscribed,
    SubscriptionRequired,
    SubscriptionSuspended,
    PriceInvalid,
    OfferNameTaken,
    AssessmentsRequired,
}

impl FormError {
    pub const ALL: [FormError; 57] = [
        FormError::InvalidCredentials,
        FormError::EmailInvalid,
        FormError::NameRequired,
        FormError::PasswordTooShort,
        FormError::PasswordTooLong,
        FormError::PasswordIsEmail,
        FormError::PasswordRepeated,
        FormError::AccountExists,
        FormError::SignupClosed,
        FormError::NotAMember,
        FormError::TitleRequired,
        FormError::BodyRequired,
        FormError::TooLong,
        FormError::AnswerEveryQuestion,
        FormError::AlreadyPaid,
        FormError::HandoffExpired,
        FormError::ControlCharacters,
        FormError::SlugInvalid,
        FormError::SlugReserved,
        FormError::SlugTaken,
        FormError::ColourInvalid,
        FormError::ColourUnreadable,
        FormError::DomainInvalid,
        FormError::DomainTaken,
        FormError::ReasonRequired,
        FormError::InvitationInvalid,
        FormError::SettingOutOfRange,
        FormError::DomainUnverified,
        FormError::DnsLookupFailed,
        FormError::ConfirmationMismatch,
        FormError::GraceOutOfRange,
        FormError::NothingScheduled,
        FormError::DeletionScheduled,
        FormError::SupportReadOnly,
        FormError::SupportDuration,
        FormError::SupportEntryInvalid,
        FormError::RoleInvalid,
        FormError::OwnersOnly,
        FormError::LastOwner,
        FormError::AlreadyMember,
        FormError::InvitationPending,
        FormError::LevelNameInvalid,
        FormError::LevelNameTaken,
        FormError::TooManyLevels,
        FormError::LevelInUse,
        FormError::LevelRequired,
        FormError::MemberQuota,
        FormError::CourseQuota,
        FormError::StorageQuota,
        FormError::FeatureNotInPlan,
        FormError::PlanNotAvailable,
        FormError::AlreadySubscribed,
        FormError::SubscriptionRequired,
        FormError::SubscriptionSuspended,
        FormError::PriceInvalid,
        FormError::OfferNameTaken,
        FormError::AssessmentsRequired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FormError::InvalidCredentials => "invalid_credentials",
            FormError::EmailInvalid => "email_invalid",
            FormError::NameRequired => "name_required",
            FormError::PasswordTooShort => "password_too_short",
            FormError::PasswordTooLong => "password_too_long",
            FormError::PasswordIsEmail => "password_is_email",
            FormError::PasswordRepeated => "password_repeated",
            FormError::AccountExists => "account_exists",
            FormError::SignupClosed => "signup_closed",
            FormError::NotAMember => "not_a_member",
            FormError::TitleRequired => "title_required",
            FormError::BodyRequired => "body_required",
            FormError::TooLong => "too_long",
            FormError::AnswerEveryQuestion => "answer_every_question",
            FormError::AlreadyPaid => "already_paid",
            FormError::HandoffExpired => "handoff_expired",
            FormError::ControlCharacters => "control_characters",
            FormError::SlugInvalid => "slug_invalid",
            FormError::SlugReserved => "slug_reserved",
            FormError::SlugTaken => "slug_taken",
            FormError::ColourInvalid => "colour_invalid",
            FormError::ColourUnreadable => "colour_unreadable",
            FormError::DomainInvalid => "domain_invalid",
            FormError::DomainTaken => "domain_taken",
            FormError::ReasonRequired => "reason_required",
            FormError::InvitationInvalid => "invitation_invalid",
            FormError::SettingOutOfRange => "setting_out_of_range",
            FormError::DomainUnverified => "domain_unverified",
            FormError::DnsLookupFailed => "dns_lookup_failed",
            FormError::ConfirmationMismatch => "confirmation_mismatch",
            FormError::GraceOutOfRange => "grace_out_of_range",
            FormError::NothingScheduled => "nothing_scheduled",
            FormError::DeletionScheduled => "deletion_scheduled",
            FormError::SupportReadOnly => "support_read_only",
            FormError::SupportDuration => "support_duration",
            FormError::SupportEntryInvalid => "support_entry_invalid",
            FormError::RoleInvalid => "role_invalid",
            FormError::OwnersOnly => "owners_only",
            FormError::LastOwner => "last_owner",
            FormError::AlreadyMember => "already_member",
            FormError::InvitationPending => "invitation_pending",
            FormError::LevelNameInvalid => "level_name_invalid",
            FormError::LevelNameTaken => "level_name_taken",
            FormError::TooManyLevels => "too_many_levels",
            FormError::LevelInUse => "level_in_use",
            FormError::LevelRequired => "level_required",
            FormError::MemberQuota => "member_quota",
            FormError::CourseQuota => "course_quota",
            FormError::StorageQuota => "storage_quota",
            FormError::FeatureNotInPlan => "feature_not_in_plan",
            FormError::PlanNotAvailable => "plan_not_available",
            FormError::AlreadySubscribed => "already_subscribed",
            FormError::SubscriptionRequired => "subscription_required",
            FormError::SubscriptionSuspended => "subscription_suspended",
            FormError::PriceInvalid => "price_invalid",
            FormError::OfferNameTaken => "offer_name_taken",
            FormError::AssessmentsRequired => "assessments_required",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    pub fn message(self) -> &'static str {
        match self {
            FormError::InvalidCredentials => "That email and password don't match an account.",
            FormError::EmailInvalid => "Enter an email address like name@example.org.",
            FormError::NameRequired => "Tell us your name (up to 120 characters).",
            FormError::PasswordTooShort => {
                "Use at least 12 characters for your password. A short phrase is easy to remember."
            }
            FormError::PasswordTooLong => "Use at most 128 characters for your password.",
            FormError::PasswordIsEmail => "Your password can't be your email address.",
            FormError::PasswordRepeated => "Your password can't be one character repeated.",
            FormError::AccountExists => {
                "We couldn't create an account with these details. If you already have an \
                 Atrium account, sign up with its password to join, or sign in."
            }
            FormError::SignupClosed => {
                "This organisation is invite-only. Ask an administrator for an invitation."
            }
            FormError::NotAMember => "Join this organisation first.",
            FormError::TitleRequired => "Give it a title (up to 200 characters).",
            FormError::BodyRequired => "Write something before posting.",
            FormError::TooLong => "That's too long. Please shorten it.",
            FormError::AnswerEveryQuestion => "Answer every question before submitting.",
            FormError::AlreadyPaid => "This has been paid already.",
            FormError::HandoffExpired => {
                "This link has expired or was already used. Please sign in here instead."
            }
            FormError::ControlCharacters => {
                "Your text contains invisible control characters (often from pasting). \
                 Remove them and try again."
            }
            FormError::SlugInvalid => {
                "Use lower-case letters, digits and hyphens (up to 63), starting and ending with a letter or digit."
            }
            FormError::SlugReserved => {
                "That web name is reserved for Atrium itself. Choose another."
            }
            FormError::SlugTaken => "Another organisation already has that web name.",
            FormError::ColourInvalid => "Give colours as six hex digits, like #1D4A38.",
            FormError::ColourUnreadable => {
                "Text in the primary colour would be unreadable on the page (contrast under 3:1). Choose a darker colour."
            }
            FormError::DomainInvalid => "Give the domain as a host name, like learn.example.org.",
            FormError::DomainTaken => "That domain is already in use.",
            FormError::ReasonRequired => {
                "Say why (up to 500 characters): it goes into the audit trail."
            }
            FormError::InvitationInvalid => {
                "This invitation link has expired or was already used. Ask for a new one."
            }
            FormError::SettingOutOfRange => {
                "Choose one of the offered values: sessions idle 5 minutes to 30 days, 1 to 50 \
                 sessions per person."
            }
            FormError::DomainUnverified => {
                "The TXT record was not found with this token yet. Check it, and allow time for DNS changes to spread."
            }
            FormError::DnsLookupFailed => "The DNS lookup failed. Try again in a moment.",
            FormError::ConfirmationMismatch => {
                "Type the tenant's web name exactly to confirm. Nothing was scheduled."
            }
            FormError::GraceOutOfRange => "Choose a grace period of 1 to 90 days.",
            FormError::NothingScheduled => {
                "No deletion is waiting for this tenant (it may already be running)."
            }
            FormError::DeletionScheduled => {
                "This tenant is scheduled for deletion. Cancel the deletion before reactivating it."
            }
            FormError::SupportReadOnly => {
                "This support session is read-only: nothing was changed. Start one with write access to make changes."
            }
            FormError::SupportDuration => "Choose a support session of 5 to 60 minutes.",
            FormError::SupportEntryInvalid => {
                "This support link has expired or was already used. Start a new session from the console."
            }
            FormError::RoleInvalid => "Choose a role: member, instructor, admin or owner.",
            FormError::OwnersOnly => "Only an owner can make, change or remove owners.",
            FormError::LastOwner => {
                "An organisation needs at least one owner. Make someone else an owner first."
            }
            FormError::AlreadyMember => "That person is already a member here.",
            FormError::InvitationPending => {
                "That address already has an open invitation. Renew its link in the list below instead."
            }
            FormError::LevelNameInvalid => "Give the level a name of 1 to 40 characters.",
            FormError::LevelNameTaken => "Another level already has that name.",
            FormError::TooManyLevels => "An organisation can have at most 12 levels.",
            FormError::LevelInUse => {
                "Some courses require this level. Change their required level in the studio first."
            }
            FormError::LevelRequired => {
                "This course needs a higher member level. Ask an admin of this organisation."
            }
            FormError::MemberQuota => {
                "This organisation has reached its plan's member limit (open invitations count too). Revoke an invitation, remove a member, or ask about a larger plan."
            }
            FormError::CourseQuota => {
                "This organisation has reached its plan's course limit. Delete a course you no longer need, or ask about a larger plan."
            }
            FormError::StorageQuota => {
                "This upload would go past the plan's storage for uploaded files. Nothing was saved."
            }
            FormError::FeatureNotInPlan => "That feature isn't part of this organisation's plan.",
            FormError::PlanNotAvailable => {
                "This plan isn't offered to your member level. The pricing page shows the plans you can choose."
            }
            FormError::AlreadySubscribed => {
                "You already have this plan. Manage it under My subscription."
            }
            FormError::SubscriptionRequired => {
                "This course is part of a subscription plan. Choose a plan on the pricing page to open it."
            }
            FormError::PriceInvalid => {
                "Give the price as an amount like 29 or 29.00 (more than zero)."
            }
            FormError::OfferNameTaken => "Another plan or product already has that name.",
            FormError::AssessmentsRequired => {
                "Assessments here come with a plan or as a purchase of their own. See the pricing page to get them; your course progress is kept."
            }
            FormError::SubscriptionSuspended => {
                "Your subscription is suspended, so this course is locked for now. Your progress is kept: it opens again as soon as the subscription is resumed."
            }
        }
    }

    /// The status a refused form answers with.
    pub fn status(self) -> u16 {
        match self {
            FormError::InvalidCredentials
            | FormError::HandoffExpired
            | FormError::InvitationInvalid
            | FormError::SupportEntryInvalid => 401,
            FormError::SignupClosed
            | FormError::NotAMember
            | FormError::SupportReadOnly
            | FormError::OwnersOnly
            | FormError::LevelRequired
            | FormError::MemberQuota
            | FormError::CourseQuota
            | FormError::FeatureNotInPlan
            | FormError::PlanNotAvailable
            | FormError::SubscriptionRequired
            | FormError::SubscriptionSuspended
            | FormError::AssessmentsRequired => 403,
            FormError::StorageQuota => 413,
            FormError::AlreadyPaid
            | FormError::AlreadySubscribed
            | FormError::OfferNameTaken
            | FormError::SlugTaken
            | FormError::DomainTaken
            | FormError::NothingScheduled
            | FormError::DeletionScheduled
            | FormError::LastOwner
            | FormError::AlreadyMember
            | FormError::InvitationPending
            | FormError::LevelNameTaken
            | FormError::LevelInUse => 409,
            _ => 400,
        }
    }

    /// Checks a new password (see `auth::password_problem` for the rules).
    pub fn for_password(password: &str, email: &str) -> Option<Self> {
        let chars = password.chars().count();
        if chars < super::auth::MIN_PASSWORD_LEN {
            Some(FormError::PasswordTooShort)
        } else if chars > super::auth::MAX_PASSWORD_LEN {
            Some(FormError::PasswordTooLong)
        } else if password.trim().eq_ignore_ascii_case(email.trim()) {
            Some(FormError::PasswordIsEmail)
        } else if password.chars().all(|c| password.starts_with(c)) {
            Some(FormError::PasswordRepeated)
        } else {
            None
        }
    }
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for e in FormError::ALL {
            assert_eq!(FormError::from_code(e.code()), Some(e));
        }
        assert_eq!(FormError::from_code("<script>"), None);
    }

    #[test]
    fn passwords_are_checked() {
        assert_eq!(
            FormError::for_password("short", "a@b.org"),
            Some(FormError::PasswordTooShort)
        );
        assert_eq!(
            FormError::for_password(&"x".repeat(129), "a@b.org"),
            Some(FormError::PasswordTooLong)
        );
        assert_eq!(
            FormError::for_password("sam@learner.example", "SAM@learner.example"),
            Some(FormError::PasswordIsEmail)
        );
        assert_eq!(
            FormError::for_password("zzzzzzzzzzzzzz", "a@b.org"),
            Some(FormError::PasswordRepeated)
        );
        assert_eq!(
            FormError::for_password("correct horse battery", "a@b.org"),
            None
        );
    }
}
