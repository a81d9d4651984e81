use super::Role;

/// Things a person may do inside a tenant. The one place roles turn into rights, on both sides of
/// the wire: the server enforces them (`auth::Viewer::require`), pages use them only to decide
/// what to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See members-only courses, enrol, read lessons, take quizzes, join discussions.
    Learn,
    /// Remove anyone's discussion posts in this tenant.
    Moderate,
    /// Author and publish courses (the studio).
    Teach,
    /// Run the organisation: members, roles, branding, features, pricing.
    Administer,
}

impl Permission {
    pub fn allows(self, role: Role) -> bool {
        let least = match self {
            Permission::Learn => Role::Member,
            Permission::Moderate | Permission::Teach => Role::Instructor,
            Permission::Administer => Role::Admin,
        };
        role >= least
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_they_should() {
        use Permission::*;
        use Role::*;
        let table = [
            (Member, [true, false, false, false]),
            (Instructor, [true, true, true, false]),
            (Admin, [true, true, true, true]),
            (Owner, [true, true, true, true]),
        ];
        for (role, expected) in table {
            let got = [Learn, Moderate, Teach, Administer].map(|p| p.allows(role));
            assert_eq!(got, expected, "{role:?}");
        }
    }
}
