//! The one place the document title is put together. leptos_meta writes the `<title>` text into
//! the server-rendered `<head>` as it is, without escaping, so a course called
//! `</title><meta http-equiv=refresh …>` would become markup. Every `<Title>` goes through the
//! formatter the app installs from here, which escapes on the server. In the browser the same
//! formatter sets `document.title`, which is plain text, so nothing is escaped there.

/// `site · page` for tenant portals (`site_first`), `page · site` on the platform; the site alone
/// when the page gives no title.
pub fn document_title(site: &str, page: &str, site_first: bool) -> String {
    let title = match (page.is_empty(), site_first) {
        (true, _) => site.to_owned(),
        (false, true) => format!("{site} · {page}"),
        (false, false) => format!("{page} · {site}"),
    };
    for_head(title)
}

#[cfg(feature = "ssr")]
fn for_head(title: String) -> String {
    crate::model::url::escape_html(&title)
}

#[cfg(not(feature = "ssr"))]
fn for_head(title: String) -> String {
    title
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn markup_in_any_part_becomes_text() {
        let title = document_title(
            "Evil</title><style>body{display:none}</style>",
            "Intro</title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
            true,
        );
        assert!(!title.contains('<'), "{title}");
        assert!(!title.contains('"'), "{title}");
        assert!(title.starts_with("Evil&lt;/title&gt;&lt;style&gt;"));
        assert_eq!(document_title("Atrium", "", false), "Atrium");
        assert_eq!(document_title("Atrium", "Home", false), "Home · Atrium");
    }
}
