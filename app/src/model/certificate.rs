//! Completion certificates as both sides see them, and their verification codes.
//!
//! A code is 28 characters of Crockford's base 32 (140 random bits), shown in seven groups of
//! four. Typed codes are forgiving: any case, dashes or spaces anywhere, O for 0, I and L for 1.

use serde::{Deserialize, Serialize};

/// Characters of a code: Crockford's base 32 (no I, L, O or U).
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code: 28 × 5 = 140 random bits.
pub const CODE_LEN: usize = 28;

/// A well-formed verification code, kept without separators in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CertificateCode(String);

impl CertificateCode {
    /// Reads a code as people type or paste it; `None` when it cannot be one.
    pub fn parse(input: &str) -> Option<Self> {
        let mut code = String::with_capacity(CODE_LEN);
        for c in input.chars() {
            let c = match c.to_ascii_uppercase() {
                '-' | ' ' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) || code.len() == CODE_LEN {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_LEN).then_some(Self(code))
    }

    /// A code from 28 values below 32 (the server draws them from the OS's generator).
    pub fn from_digits(digits: &[u8; CODE_LEN]) -> Self {
        Self(
            digits
                .iter()
                .map(|d| char::from(ALPHABET[usize::from(d & 31)]))
                .collect(),
        )
    }

    /// As stored and in links: 28 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As shown to people: seven groups of four, `K7QM-2XD4-…`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(CODE_LEN + CODE_LEN / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }
}

/// Whether and when a certificate was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    /// The day, as `YYYY-MM-DD` (UTC).
    pub on: String,
    pub reason: String,
}

/// One certificate, as its page, its PDF and a verifier see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateView {
    pub code: CertificateCode,
    pub learner_name: String,
    pub course_title: String,
    pub tenant_name: String,
    /// The day it was issued, as `YYYY-MM-DD` (UTC).
    pub issued_on: String,
    pub revoked: Option<Revocation>,
}

/// A line of "My learning"'s certificate list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateItem {
    pub code: CertificateCode,
    pub course_title: String,
    pub learner_name: String,
    pub issued_on: String,
    pub revoked: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_forgivingly_and_shown_in_groups() {
        let code = CertificateCode::from_digits(&[7; CODE_LEN]);
        assert_eq!(code.as_str(), "7777777777777777777777777777");
        let typed = "k7qm-2xd4 r9tf-0ol1-abcd-efgh-jkmn";
        let parsed = CertificateCode::parse(typed).expect("a code");
        assert_eq!(parsed.as_str(), "K7QM2XD4R9TF0011ABCDEFGHJKMN");
        assert_eq!(parsed.grouped(), "K7QM-2XD4-R9TF-0011-ABCD-EFGH-JKMN");
        assert_eq!(CertificateCode::parse(&parsed.grouped()), Some(parsed));
    }

    #[test]
    fn anything_else_is_not_a_code() {
        for bad in [
            "",
            "K7QM",
            "K7QM2XD4R9TF0011ABCDEFGHJKMNP",
            "K7QM2XD4R9TF0011ABCDEFGHJKMU",
            "K7QM2XD4R9TF0011ABCDEFGHJKM!",
            "K7QM2XD4R9TF0011ABCDEFGHJKMÉ",
            "../../etc/passwd",
        ] {
            assert_eq!(CertificateCode::parse(bad), None, "{bad:?}");
        }
    }
}
