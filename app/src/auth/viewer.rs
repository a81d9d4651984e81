use super::Permission;
use crate::data::repos::{Audience, users};
use crate::error::AppError;
use crate::model::Role;
use uuid::Uuid;

/// A member of the current tenant, as proven by `Viewer::require`.
#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: Uuid,
    pub role: Role,
    pub display_name: String,
}

/// The person behind this request, in this tenant. Loaded once per request, with the session,
/// before any handler runs (`auth::session::load`).
#[derive(Debug, Clone, Default)]
pub enum Viewer {
    #[default]
    Anonymous,
    SignedIn {
        user_id: Uuid,
        display_name: String,
        email: String,
        /// `None`: a valid identity that is not a member here.
        role: Option<Role>,
    },
}

impl Viewer {
    /// The signed-in person as the data layer found them in this tenant.
    pub fn signed_in(person: users::PersonHere) -> Self {
        Viewer::SignedIn {
            user_id: person.id,
            display_name: person.display_name,
            email: person.email,
            role: person.role.as_deref().and_then(Role::parse),
        }
    }

    /// A super admin in a support session: in the portal with an admin's view (writes are
    /// refused by the database unless the session allows them).
    pub fn supporting(person: users::PersonHere) -> Self {
        Viewer::SignedIn {
            user_id: person.id,
            display_name: person.display_name,
            email: person.email,
            role: Some(Role::Admin),
        }
    }

    pub fn user_id(&self) -> Option<Uuid> {
        match self {
            Viewer::Anonymous => None,
            Viewer::SignedIn { user_id, .. } => Some(*user_id),
        }
    }

    pub fn role(&self) -> Option<Role> {
        match self {
            Viewer::Anonymous => None,
            Viewer::SignedIn { role, .. } => *role,
        }
    }

    /// Which courses this person may see listed.
    pub fn audience(&self) -> Audience {
        if self.role().is_some() {
            Audience::Members
        } else {
            Audience::Public
        }
    }

    /// The one authorization check: anonymous callers get 401, everyone else without the right
    /// gets 403.
    pub fn require(&self, permission: Permission) -> Result<Member, AppError> {
        match self {
            Viewer::Anonymous => Err(AppError::Unauthorized),
            Viewer::SignedIn { role: None, .. } => Err(AppError::Forbidden),
            Viewer::SignedIn {
                user_id,
                display_name,
                role: Some(role),
                ..
            } => {
                if permission.allows(*role) {
                    Ok(Member {
                        user_id: *user_id,
                        role: *role,
                        display_name: display_name.clone(),
                    })
                } else {
                    Err(AppError::Forbidden)
                }
            }
        }
    }
}
