//! Password hashing with Argon2id at OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
//!
//! Stored hashes never come back to the server: to check a password it asks the database for the
//! stored hash's parameters and salt (`salt_of`'s input), computes the hash here, and lets the
//! database compare (see `repos::users::password_matches`).

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn hasher() -> Result<Argon2<'static>, argon2::Error> {
    Ok(Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None)?,
    ))
}

pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .map_err(|e| e.to_string())?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// The hash of `password` made with the algorithm, parameters and salt of `salted` (a stored PHC
/// string with its hash cut off, as `atrium_password_salt` returns it), in the stored encoding.
/// `None` if `salted` cannot be read. Parameters come from the stored value, so hashes made with
/// older settings still verify.
pub fn hash_with(password: &str, salted: &str) -> Option<String> {
    let parsed = PasswordHash::new(salted.trim_end_matches('$')).ok()?;
    let salt = parsed.salt?;
    let params = Params::try_from(&parsed).ok()?;
    let computed = Argon2::default()
        .hash_password_customized(
            password.as_bytes(),
            Some(parsed.algorithm),
            parsed.version,
            params,
            salt,
        )
        .ok()?;
    computed.hash.map(|h| h.to_string())
}

/// A salt with the real parameters, for sign-ins with an unknown email: the same work as a real
/// check, so the response time does not tell whether an account exists.
pub fn dummy_salt() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash("not a real password, only for timing")
            .ok()
            .and_then(|h| h.rsplit_once('$').map(|(salted, _)| format!("{salted}$")))
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(stored: &str) -> (String, String) {
        let (salted, hash) = stored.rsplit_once('$').unwrap();
        (format!("{salted}$"), hash.to_owned())
    }

    #[test]
    fn hashes_are_argon2id_and_check_through_their_salt() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let (salted, expected) = split(&stored);
        assert_eq!(
            hash_with("correct horse battery", &salted).as_deref(),
            Some(expected.as_str())
        );
        assert_ne!(
            hash_with("Correct horse battery", &salted).as_deref(),
            Some(expected.as_str())
        );
        assert_eq!(hash_with("anything", "not a hash"), None);
    }

    #[test]
    fn the_dummy_salt_costs_a_real_hash() {
        let salted = dummy_salt();
        assert!(salted.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hash_with("whatever", salted).is_some());
    }
}
