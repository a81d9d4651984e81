//! Both sides of the wire: what a portal sells (plans and products), a learner's subscriptions
//! and invoices, and money as integer minor units of an ISO 4217 currency.

use super::subscription::{BillingInterval, SubscriptionState};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How dates show on billing pages: "3 Jan 2027".
#[cfg(feature = "ssr")]
pub fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%-d %b %Y").to_string()
}

/// An amount in minor units (cents) of `currency`. Never a float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: String,
}

impl Money {
    /// Digits after the decimal point for a currency (ISO 4217's minor unit).
    fn exponent(currency: &str) -> u32 {
        match currency {
            "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" | "XAF" | "XOF" => 0,
            "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD" => 3,
            _ => 2,
        }
    }

    /// Reads an amount typed by a person ("29", "29.5", "1,299.00", "$49") in `currency`'s
    /// minor units: positive, at most the currency's decimals, at most 10 million.
    pub fn parse_minor(text: &str, currency: &str) -> Option<i64> {
        let exponent = Self::exponent(currency);
        let clean: String = text
            .trim()
            .trim_start_matches(['$', '€', '£'])
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        let (whole, fraction) = clean.split_once('.').unwrap_or((&clean, ""));
        if whole.is_empty()
            || whole.len() > 8
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || fraction.len() > exponent as usize
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let scale = 10_i64.pow(exponent);
        let whole: i64 = whole.parse().ok()?;
        let padded = format!("{fraction:0<width$}", width = exponent as usize);
        let fraction: i64 = if padded.is_empty() {
            0
        } else {
            padded.parse().ok()?
        };
        let minor = whole.checked_mul(scale)?.checked_add(fraction)?;
        (minor > 0 && whole <= 10_000_000).then_some(minor)
    }

    /// The amount in the currency's own precision, without its currency: "1,299.00".
    pub fn amount(&self) -> String {
        let exponent = Self::exponent(&self.currency);
        let scale = 10_u64.pow(exponent);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let whole = group_thousands(abs / scale);
        if exponent == 0 {
            format!("{sign}{whole}")
        } else {
            let fraction = abs % scale;
            format!(
                "{sign}{whole}.{fraction:0width$}",
                width = exponent as usize
            )
        }
    }

    /// "$29.00", "€12.50", or "1,299.00 CHF" for currencies without a common symbol.
    pub fn display(&self) -> String {
        let amount = self.amount();
        let (sign, number) = match amount.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", amount.as_str()),
        };
        match self.currency.as_str() {
            "USD" => format!("{sign}${number}"),
            "EUR" => format!("{sign}€{number}"),
            "GBP" => format!("{sign}£{number}"),
            _ => format!("{amount} {}", self.currency),
        }
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What an offer grants, in words, in one order everywhere: the member level, the assessments
/// area, then each course.
pub fn grants_in_words<'a>(
    level: Option<&str>,
    assessments: bool,
    courses: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    level
        .map(|l| format!("{l} member level"))
        .into_iter()
        .chain(assessments.then(|| "The assessments area".to_owned()))
        .chain(courses.into_iter().map(|t| format!("Course: {t}")))
        .collect()
}

/// Splits the unit-separated (U+001F) list a repository query aggregates.
pub fn unit_separated(joined: &str) -> impl Iterator<Item = &str> {
    joined.split('\u{1f}').filter(|s| !s.is_empty())
}

/// A plan on the pricing page, as one viewer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanOffer {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub interval: BillingInterval,
    /// What a signed subscription grants, in words ("Gold level", "Assessments", course titles).
    pub grants: Vec<String>,
    /// Whether this viewer may buy it (their member level is one the plan is offered to).
    pub available: bool,
    /// The viewer's live subscription to it, if any.
    pub subscribed: Option<SubscriptionState>,
}

/// A one-off product on the pricing page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductOffer {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub grants: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricingView {
    pub plans: Vec<PlanOffer>,
    pub products: Vec<ProductOffer>,
    /// Whether the viewer is a member (visitors are asked to sign in before buying).
    pub member: bool,
}

/// The simulated provider's hosted payment page for one open invoice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentPageView {
    pub invoice_id: Uuid,
    pub description: String,
    pub amount: Money,
    pub status: InvoiceStatus,
    /// Where to go once it is settled.
    pub return_to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvoiceStatus {
    Open,
    Paid,
    Failed,
    Void,
    Refunded,
}

impl InvoiceStatus {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "open" => Self::Open,
            "paid" => Self::Paid,
            "failed" => Self::Failed,
            "void" => Self::Void,
            "refunded" => Self::Refunded,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Paid => "paid",
            Self::Failed => "failed",
            Self::Void => "void",
            Self::Refunded => "refunded",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Awaiting payment",
            Self::Paid => "Paid",
            Self::Failed => "Payment failed",
            Self::Void => "Cancelled",
            Self::Refunded => "Refunded",
        }
    }
}

/// One of the viewer's subscriptions on "My subscription".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionView {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub plan_name: String,
    pub price: Money,
    pub interval: BillingInterval,
    pub state: SubscriptionState,
    /// "3 Jan 2027": the next renewal while signed, the end of access when cancelled.
    pub period_end: Option<String>,
    pub cancel_at_period_end: bool,
    /// While `signing`: the open invoice to pay.
    pub open_invoice: Option<Uuid>,
    /// Suspended for failed payments: paying now resumes it.
    pub can_pay_to_resume: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub id: Uuid,
    pub description: String,
    pub amount: Money,
    pub status: InvoiceStatus,
    /// "3 Jan 2027".
    pub created_at: String,
    pub paid_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyBillingView {
    pub subscriptions: Vec<SubscriptionView>,
    pub invoices: Vec<InvoiceLine>,
    /// The simulated provider only: whether this member's saved card declines renewals.
    pub simulated_card_declines: Option<bool>,
}

/// A plan in the admin's editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminPlan {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// The current price (new subscribers pay it; existing ones keep theirs).
    pub price: Money,
    pub interval: BillingInterval,
    pub grants: Vec<String>,
    /// Names of the levels that may buy it; empty means every member.
    pub for_levels: Vec<String>,
    pub archived: bool,
    /// Signed subscriptions.
    pub subscribers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminProduct {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub price: Money,
    pub grants: Vec<String>,
    pub archived: bool,
}

/// A course an offer may grant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseChoice {
    pub id: Uuid,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffersView {
    pub currency: String,
    /// Where the payment provider sends this tenant's signed events, and the signing secret
    /// (admins configure both at the provider).
    pub events_path: String,
    pub events_secret: String,
    /// Quizzes are only for members whose plan or purchase includes assessments.
    pub assessments_sold: bool,
    pub plans: Vec<AdminPlan>,
    pub products: Vec<AdminProduct>,
    pub levels: Vec<super::levels::LevelChoice>,
    pub courses: Vec<CourseChoice>,
}

/// A subscription in the admin's subscribers list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriberRow {
    pub id: Uuid,
    pub member_name: String,
    pub member_email: String,
    pub plan_name: String,
    pub price: Money,
    pub interval: BillingInterval,
    pub state: SubscriptionState,
    /// "3 Jan 2027".
    pub period_end: Option<String>,
    pub cancel_at_period_end: bool,
    pub failed_attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscribersView {
    pub rows: Vec<SubscriberRow>,
    /// How many subscriptions are in each state (all of them, whatever the filter).
    pub counts: Vec<(SubscriptionState, u64)>,
    /// Monthly recurring revenue, one figure per currency in use.
    pub mrr: Vec<Money>,
    /// The tenant's currency, in which `revenue` is counted.
    pub currency: String,
    /// Paid revenue per month ("2026-11"), oldest first, minor units.
    pub revenue: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionRecord {
    pub subscription: SubscriberRow,
    pub history: Vec<HistoryLine>,
}

/// One move in a subscription's history, for the admin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub from: Option<SubscriptionState>,
    pub to: SubscriptionState,
    /// "Member", "Admin", "Payment", "Scheduled job".
    pub cause: String,
    pub actor: Option<String>,
    pub reason: String,
    /// "2026-12-02 17:40 UTC".
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(minor: i64, currency: &str) -> String {
        Money {
            minor,
            currency: currency.into(),
        }
        .display()
    }

    #[test]
    fn money_shows_minor_units_in_the_currency_s_own_precision() {
        assert_eq!(money(2900, "USD"), "$29.00");
        assert_eq!(money(129_900, "USD"), "$1,299.00");
        assert_eq!(money(5, "EUR"), "€0.05");
        assert_eq!(money(1000, "JPY"), "1,000 JPY");
        assert_eq!(money(1234, "KWD"), "1.234 KWD");
        assert_eq!(money(-250, "GBP"), "-£2.50");
        assert_eq!(money(100_000_000, "CHF"), "1,000,000.00 CHF");
    }

    #[test]
    fn typed_prices_become_minor_units_or_are_refused() {
        let usd = |t: &str| Money::parse_minor(t, "USD");
        assert_eq!(usd("29"), Some(2900));
        assert_eq!(usd(" $1,299.00 "), Some(129_900));
        assert_eq!(usd("0.5"), Some(50));
        assert_eq!(Money::parse_minor("1000", "JPY"), Some(1000));
        assert_eq!(Money::parse_minor("1.5", "JPY"), None);
        assert_eq!(Money::parse_minor("1.234", "KWD"), Some(1234));
        for bad in [
            "",
            "0",
            "0.00",
            "-5",
            "29.999",
            "1e3",
            "abc",
            "12.3.4",
            "99999999999",
        ] {
            assert_eq!(usd(bad), None, "{bad}");
        }
    }

    #[test]
    fn invoice_statuses_round_trip() {
        for s in ["open", "paid", "failed", "void", "refunded"] {
            assert_eq!(InvoiceStatus::parse(s).map(InvoiceStatus::as_str), Some(s));
        }
        assert_eq!(InvoiceStatus::parse("lost"), None);
    }
}
