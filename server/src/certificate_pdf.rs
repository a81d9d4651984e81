//! A certificate as a one-page PDF (A4 landscape), drawn with krilla (Typst's PDF writer: pure
//! Rust, embeds only the glyphs used). Text is set in DejaVu Sans, vendored under
//! `server/assets/fonts` with its licence, so every Latin, Greek and Cyrillic name prints as
//! written whatever the machine has installed. The tenant's logo is drawn when the server holds
//! it as a bitmap (uploads are PNG, JPEG, GIF or WebP); otherwise its initials, as the portal's
//! header shows them.

use app::model::branding::initials;
use app::model::certificate::CertificateView;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size as PageSize, Transform};
use krilla::image::Image;
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

/// Where the logo goes: centred at the top, inside this box.
const LOGO_TOP: f32 = 46.0;
const LOGO_HEIGHT: f32 = 44.0;
const LOGO_MAX_WIDTH: f32 = 160.0;
/// Larger bitmaps are left out rather than inflating every certificate (4 megapixels).
const LOGO_MAX_PIXELS: u64 = 4_000_000;

/// The tenant's look on paper.
pub struct Look {
    /// Its primary colour, as RGB.
    pub colour: (u8, u8, u8),
    /// Text set on that colour (black or white, whichever reads).
    pub on_colour: (u8, u8, u8),
    /// The colour as text on white: itself, or a darker shade where it is pale (`HexColor::ink`).
    pub ink: (u8, u8, u8),
    /// Its logo file, where it has one the server holds; otherwise its initials are drawn.
    pub logo: Option<Logo>,
}

/// A logo file as stored: an upload or a bundled asset.
pub struct Logo {
    pub bytes: Vec<u8>,
    pub format: LogoFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl LogoFormat {
    /// The format a file name says (uploads are named by the server from their checked type).
    /// SVG is not drawn: uploads cannot be SVG, and a bitmap prints the same everywhere.
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "gif" => Some(Self::Gif),
            "webp" => Some(Self::Webp),
            _ => None,
        }
    }
}

/// The logo as a PDF image, if its header reads and it is not too large.
fn logo_image(logo: &Logo) -> Option<Image> {
    let data = logo.bytes.clone().into();
    let image = match logo.format {
        LogoFormat::Png => Image::from_png(data, true),
        LogoFormat::Jpeg => Image::from_jpeg(data, true),
        LogoFormat::Gif => Image::from_gif(data, true),
        LogoFormat::Webp => Image::from_webp(data, true),
    }
    .ok()?;
    let (w, h) = image.size();
    (w > 0 && h > 0 && u64::from(w) * u64::from(h) <= LOGO_MAX_PIXELS).then_some(image)
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

/// The PDF's bytes; `verify_at` is the address of the certificate's page. A logo that turns out
/// not to decode is left out (the certificate is drawn with the tenant's initials instead).
pub fn render(view: &CertificateView, look: &Look, verify_at: &str) -> Result<Vec<u8>, String> {
    match look.logo.as_ref().and_then(logo_image) {
        Some(image) => draw(view, look, Some(image), verify_at).or_else(|detail| {
            tracing::warn!(%detail, "certificate logo not drawn; drawing without it");
            draw(view, look, None, verify_at)
        }),
        None => draw(view, look, None, verify_at),
    }
}

fn draw(
    view: &CertificateView,
    look: &Look,
    logo: Option<Image>,
    verify_at: &str,
) -> Result<Vec<u8>, String> {
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
            y: 114.0,
            colour: {
                let (r, g, b) = look.ink;
                rgb::Color::new(r, g, b)
            },
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
    // Without a logo, the tenant's initials on a square of its colour (drawn below).
    let letters = initials(&view.tenant_name);
    if logo.is_none() {
        let (r, g, b) = look.on_colour;
        lines.push(Line {
            text: &letters,
            bold: true,
            size: 18.0,
            y: LOGO_TOP + LOGO_HEIGHT / 2.0 + 6.5,
            colour: rgb::Color::new(r, g, b),
        });
    }
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
    match logo {
        Some(image) => {
            let (w, h) = image.size();
            let scale = (LOGO_HEIGHT / h as f32).min(LOGO_MAX_WIDTH / w as f32);
            let (w, h) = (w as f32 * scale, h as f32 * scale);
            if let Some(size) = PageSize::from_wh(w, h) {
                let top = LOGO_TOP + (LOGO_HEIGHT - h) / 2.0;
                surface.push_transform(&Transform::from_translate((WIDTH - w) / 2.0, top));
                surface.draw_image(image, size);
                surface.pop();
            }
        }
        None => {
            let side = LOGO_HEIGHT;
            if let Some(square) = Rect::from_xywh((WIDTH - side) / 2.0, LOGO_TOP, side, side) {
                let mut badge = PathBuilder::new();
                badge.push_rect(square);
                if let Some(path) = badge.finish() {
                    surface.set_fill(Some(Fill {
                        paint: brand.into(),
                        ..Default::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
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
            on_colour: (255, 255, 255),
            ink: (0, 0, 0),
            logo: None,
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

    static LOGO: &[u8] = include_bytes!("../tests/fixtures/logo.png");

    fn with_logo(bytes: &[u8], format: LogoFormat) -> Look {
        Look {
            colour: (0x1D, 0x4A, 0x38),
            on_colour: (255, 255, 255),
            ink: (0, 0, 0),
            logo: Some(Logo {
                bytes: bytes.to_vec(),
                format,
            }),
        }
    }

    #[test]
    fn the_tenant_logo_is_drawn_as_an_image_and_its_initials_without_one() {
        let v = view("Ana", "Welding");
        let pdf = render(&v, &with_logo(LOGO, LogoFormat::Png), "/x").unwrap();
        assert!(
            text_of(&pdf).contains("/Subtype/Image"),
            "the logo is an image"
        );
        assert!(pdf.len() < 120_000, "{} bytes", pdf.len());

        let plain = Look {
            logo: None,
            ..with_logo(LOGO, LogoFormat::Png)
        };
        let pdf = render(&v, &plain, "/x").unwrap();
        assert!(
            !text_of(&pdf).contains("/Subtype/Image"),
            "no image without a logo"
        );
        assert_eq!(initials("Forge Academy of Arts"), "FA");
    }

    #[test]
    fn a_logo_that_does_not_decode_is_left_out_not_an_error() {
        let v = view("Ana", "Welding");
        let mut truncated = LOGO[..LOGO.len() / 2].to_vec();
        truncated.extend_from_slice(b"not a png any more");
        for look in [
            with_logo(b"GIF89a but not really", LogoFormat::Gif),
            with_logo(&truncated, LogoFormat::Png),
            with_logo(LOGO, LogoFormat::Jpeg),
        ] {
            let pdf = render(&v, &look, "/x").unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            assert!(!text_of(&pdf).contains("/Subtype/Image"));
        }
        assert_eq!(
            LogoFormat::from_name("/media/ab.PNG"),
            Some(LogoFormat::Png)
        );
        assert_eq!(LogoFormat::from_name("/assets/demo/5q-mark.svg"), None);
    }

    #[test]
    fn long_titles_and_revocations_still_render() {
        let look = Look {
            colour: (0, 0, 0),
            on_colour: (255, 255, 255),
            ink: (0, 0, 0),
            logo: None,
        };
        let mut v = view("A", &"Very long course title ".repeat(20));
        v.revoked = Some(Revocation {
            on: "2026-12-04".into(),
            reason: "Awarded in error".into(),
        });
        let pdf = render(&v, &look, "/x").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
