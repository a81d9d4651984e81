/// Percent-encodes a query-string component (RFC 3986 unreserved characters stay as they are).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes a query-string component: `+` is a space, `%XX` a byte; malformed escapes stay as
/// they are and invalid UTF-8 is replaced.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A query string from pairs, skipping empty values.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// `next` targets must stay on this site: a path, not `//host` or a scheme.
pub fn is_local_path(path: &str) -> bool {
    // Browsers drop tabs and newlines from URLs (`/\t/evil.example` would become
    // `//evil.example`), so no whitespace or control characters at all.
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.contains("://")
        && !path.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(
            query(&[("error", "x"), ("email", "a+b@c.org"), ("skip", "")]),
            "?error=x&email=a%2Bb%40c.org"
        );
        assert_eq!(query(&[]), "");
    }

    #[test]
    fn query_components_decode_what_encode_made() {
        for text in ["a+b@c.org", "Ünïcode & spaces", "100%", ""] {
            assert_eq!(decode(&encode(text)), text);
        }
        assert_eq!(decode("a+b%20c"), "a b c");
        assert_eq!(decode("50%"), "50%");
        assert_eq!(decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn only_local_paths_are_allowed_as_next() {
        assert!(is_local_path("/5q/learning"));
        for bad in [
            "//evil.example",
            "https://evil.example",
            "evil",
            "/\\evil",
            "/x?u=http://e",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}

/// Escapes text for HTML. Needed for `<textarea>` contents, which Leptos writes unescaped.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn html_is_escaped() {
        assert_eq!(
            super::escape_html("</textarea><script>\"x\" & 'y'"),
            "&lt;/textarea&gt;&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
    }
}
