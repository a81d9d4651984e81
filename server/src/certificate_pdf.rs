//! A certificate as a one-page PDF (A4 landscape), drawn with krilla (Typst's PDF writer: pure
//! Rust, embeds only the glyphs used). Text is set in DejaVu Sans, vendored under
//! `server/assets/fonts` with its licence, so every Latin, Greek and Cyrillic name prints as
//! written whatever the machine has installed.

use app::model::certificate::CertificateView;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 landscape, in points.
const WIDTH: f32 = 841.89;
const HEIGHT: f32 = 595.28;
/// Room left and right of the text.
const MARGIN: f32 = 90.0;

/// The tenant's look on paper: its primary colour as RGB.
pub struct Look {
    pub colour: (u8, u8, u8),
}

/// How wide `text` is at `size` in `font` (advances, no kerning: enough to centre a line).
fn width(font: &[u8], text: &str, size: f32) -> f32 {
    let Ok(face) = skrifa::FontRef::new(font) else {
        return 0.0;
    };
    let charmap = face.charmap();
    let metrics = face.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .filter_map(|c| charmap.map(c))
        .filter_map(|g| metrics.advance_width(g))
        .sum()
}

struct Line<'a> {
    text: &'a str,
    bold: bool,
    size: f32,
    /// Baseline, from the top of the page.
    y: f32,
    colour: rgb::Color,
}

/// The PDF's bytes; `verify_at` is the address of the certificate's page.
pub fn render(view: &CertificateView, look: &Look, verify_at: &str) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR.to_vec().into(), 0).ok_or("the regular font did not load")?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or("the bold font did not load")?;
    let (r, g, b) = look.colour;
    let brand = rgb::Color::new(r, g, b);
    let ink = rgb::Color::new(15, 23, 42);
    let grey = rgb::Color::new(71, 85, 105);
    let red = rgb::Color::new(185, 28, 28);

    let code = view.code.grouped();
    let issued = format!("Issued on {}", view.issued_on);
    let verify = format!("Verification code {code} · {verify_at}");
    let revoked = view
        .revoked
        .as_ref()
        .map(|r| format!("Revoked on {}: {}", r.on, r.reason));
    let mut lines = vec![
        Line {
            text: &view.tenant_name,
            bold: true,
            size: 16.0,
            y: 105.0,
            colour: brand,
        },
        Line {
            text: "Certificate of completion",
            bold: true,
            size: 34.0,
            y: 170.0,
            colour: ink,
        },
        Line {
            text: "This certifies that",
            bold: false,
            size: 14.0,
            y: 230.0,
            colour: grey,
        },
        Line {
            text: &view.learner_name,
            bold: true,
            size: 28.0,
            y: 278.0,
            colour: ink,
        },
        Line {
            text: "has completed the course",
            bold: false,
            size: 14.0,
            y: 325.0,
            colour: grey,
        },
        Line {
            text: &view.course_title,
            bold: true,
            size: 22.0,
            y: 368.0,
            colour: ink,
        },
        Line {
            text: &issued,
            bold: false,
            size: 13.0,
            y: 430.0,
            colour: grey,
        },
        Line {
            text: &verify,
            bold: false,
            size: 10.0,
            y: 500.0,
            colour: grey,
        },
    ];
    if let Some(text) = &revoked {
        lines.push(Line {
            text,
            bold: true,
            size: 14.0,
            y: 465.0,
            colour: red,
        });
    }

    let mut document = Document::new();
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("bad page size")?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    // A frame in the tenant's colour: two rectangles filled even-odd leave a band.
    let mut frame = PathBuilder::new();
    for inset in [20.0, 32.0] {
        if let Some(rect) = Rect::from_xywh(inset, inset, WIDTH - 2.0 * inset, HEIGHT - 2.0 * inset)
        {
            frame.push_rect(rect);
        }
    }
    if let Some(path) = frame.finish() {
        surface.set_fill(Some(Fill {
            paint: brand.into(),
            rule: FillRule::EvenOdd,
            ..Default::default()
        }));
        surface.draw_path(&path);
    }
    for line in &lines {
        let (font, data) = if line.bold {
            (&bold, BOLD)
        } else {
            (&regular, REGULAR)
        };
        // Long names and titles shrink to fit between the margins.
        let mut size = line.size;
        let natural = width(data, line.text, size);
        let room = WIDTH - 2.0 * MARGIN;
        if natural > room {
            size *= room / natural;
        }
        let x = (WIDTH - width(data, line.text, size)) / 2.0;
        surface.set_fill(Some(Fill {
            paint: line.colour.into(),
            ..Default::default()
        }));
        surface.draw_text(
            Point::from_xy(x, line.y),
            font.clone(),
            size,
            line.text,
            false,
            TextDirection::Auto,
        );
    }
    surface.finish();
    page.finish();
    document.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::certificate::{CODE_LEN, CertificateCode, Revocation};

    fn view(name: &str, title: &str) -> CertificateView {
        CertificateView {
            code: CertificateCode::from_digits(&[9; CODE_LEN]),
            learner_name: name.into(),
            course_title: title.into(),
            tenant_name: "Forge Academy".into(),
            issued_on: "2026-12-03".into(),
            revoked: None,
        }
    }

    fn text_of(pdf: &[u8]) -> String {
        String::from_utf8_lossy(pdf).into_owned()
    }

    #[test]
    fn a_certificate_is_one_page_with_both_fonts_embedded_as_subsets() {
        let look = Look {
            colour: (0x11, 0x22, 0x33),
        };
        let pdf = render(
            &view("Zoë Łukasiewicz-Dvořák", "Welding"),
            &look,
            "https://forge.example/certificates/X",
        )
        .unwrap();
        let text = text_of(&pdf);
        assert!(text.starts_with("%PDF-"));
        assert!(text.contains("/Type/Pages/Count 1/"), "one page");
        // Subset fonts are named with a six-letter tag: ABCDEF+DejaVuSans.
        assert!(text.contains("+DejaVuSans-Bold"), "bold subset embedded");
        assert!(text.contains("+DejaVuSans"), "regular subset embedded");
        assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
    }

    #[test]
    fn long_titles_and_revocations_still_render() {
        let look = Look { colour: (0, 0, 0) };
        let mut v = view("A", &"Very long course title ".repeat(20));
        v.revoked = Some(Revocation {
            on: "2026-12-04".into(),
            reason: "Awarded in error".into(),
        });
        let pdf = render(&v, &look, "/x").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
