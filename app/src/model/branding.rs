//! A tenant's look: colours, logo and favicon, validated so that nothing stored can inject CSS or
//! HTML. The database checks the same rules on write (tenants_colors_hex, tenants_*_url_safe).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrandingError {
    Color,
    Url,
}

impl fmt::Display for BrandingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BrandingError::Color => "Colours must look like #1D4A38 (a # and six hex digits).",
            BrandingError::Url => {
                "Images must be an https:// address or an uploaded file under /assets/."
            }
        })
    }
}

/// A colour written `#RRGGBB`: the only form that reaches a stylesheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HexColor(String);

impl HexColor {
    pub fn parse(s: &str) -> Result<Self, BrandingError> {
        let hex = s.strip_prefix('#').ok_or(BrandingError::Color)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BrandingError::Color);
        }
        Ok(Self(format!("#{}", hex.to_ascii_uppercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Red, green and blue, 0 to 255 each.
    pub fn rgb(&self) -> (u8, u8, u8) {
        let byte = |i: usize| u8::from_str_radix(&self.0[1 + 2 * i..3 + 2 * i], 16).unwrap_or(0);
        (byte(0), byte(1), byte(2))
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(&self) -> f64 {
        rgb_luminance(self.rgb())
    }

    /// Text colour for words set *on* this colour: white or near-black (#111827), whichever
    /// reads better, and pure black where neither reaches WCAG AA's 4.5:1. Always at least
    /// 4.5:1: when white falls short the colour's luminance is above 0.183, so black gives over
    /// 4.6:1.
    pub fn readable_text(&self) -> &'static str {
        const NEAR_BLACK: f64 = 0.010_3; // luminance of #111827
        let l = self.luminance();
        let on_white = contrast_ratio(l, 1.0);
        let on_near_black = contrast_ratio(l, NEAR_BLACK);
        if on_white.max(on_near_black) < 4.5 {
            "#000000"
        } else if on_white >= on_near_black {
            "#FFFFFF"
        } else {
            "#111827"
        }
    }

    /// This colour as text (links, focus rings) on the page background and on white: the colour
    /// itself where it reaches 4.5:1 on the page (the darker of the two), otherwise the lightest
    /// darker shade of it that does, so a pale brand colour still reads and keeps its hue.
    /// Runs on every rendered page (the theme), so it searches on numbers and formats once.
    pub fn ink(&self) -> HexColor {
        let (r, g, b) = self.rgb();
        let shade = |percent: u16| {
            let scale = |c: u8| (u16::from(c) * (100 - percent) / 100) as u8;
            (scale(r), scale(g), scale(b))
        };
        let page = HexColor::parse(PAGE_BACKGROUND).map_or(1.0, |c| c.luminance());
        let (r, g, b) = (0..=100)
            .map(shade)
            .find(|&c| contrast_ratio(rgb_luminance(c), page) >= 4.5)
            .unwrap_or((0, 0, 0));
        HexColor(format!("#{r:02X}{g:02X}{b:02X}"))
    }
}

/// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
fn rgb_luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |byte: u8| {
        let c = f64::from(byte) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

impl TryFrom<String> for HexColor {
    type Error = BrandingError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<HexColor> for String {
    fn from(c: HexColor) -> Self {
        c.0
    }
}

/// Whether `name` is a file name the server made for an upload: 32 lower-case hex digits and an
/// image extension.
pub fn is_media_name(name: &str) -> bool {
    name.split_once('.').is_some_and(|(stem, ext)| {
        stem.len() == 32
            && stem
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            && matches!(ext, "png" | "jpg" | "gif" | "webp")
    })
}

/// An image address: `https://…`, a bundled asset under `/assets/`, or a file the tenant
/// uploaded, `/media/<name>` (inside the tenant's portal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AssetUrl(String);

impl AssetUrl {
    pub fn parse(s: &str) -> Result<Self, BrandingError> {
        let ok = if let Some(rest) = s.strip_prefix("https://") {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let (host, port) = match authority.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            };
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
                && port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && path
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._~%/+=&?-".contains(&b))
        } else if let Some(name) = s.strip_prefix("/media/") {
            is_media_name(name)
        } else if let Some(path) = s.strip_prefix("/assets/") {
            !path.is_empty()
                && path
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
        } else {
            false
        };
        if ok && !s.contains("..") && s.len() <= 2048 {
            Ok(Self(s.to_owned()))
        } else {
            Err(BrandingError::Url)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address to put in a page reached by `mode`: an uploaded file is inside the portal
    /// (`/<slug>/media/…` in path mode), anything else as it is.
    pub fn src(&self, mode: &super::PortalMode) -> String {
        if self.0.starts_with("/media/") {
            mode.href(&self.0)
        } else {
            self.0.clone()
        }
    }
}

impl TryFrom<String> for AssetUrl {
    type Error = BrandingError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<AssetUrl> for String {
    fn from(u: AssetUrl) -> Self {
        u.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    pub primary: HexColor,
    pub secondary: HexColor,
    pub accent: HexColor,
    pub logo: Option<AssetUrl>,
    pub favicon: Option<AssetUrl>,
}

impl Default for Branding {
    fn default() -> Self {
        Self {
            primary: HexColor("#334155".into()),
            secondary: HexColor("#64748B".into()),
            accent: HexColor("#F59E0B".into()),
            logo: None,
            favicon: None,
        }
    }
}

impl Branding {
    /// The custom properties the Tailwind theme tokens read (see style/tailwind.css). Every value
    /// is a validated `#RRGGBB`, so this text cannot close the rule or the `<style>` element.
    pub fn css_variables(&self) -> String {
        format!(
            ":root{{--brand-primary:{};--brand-on-primary:{};--brand-ink:{};--brand-secondary:{};\
             --brand-on-secondary:{};--brand-accent:{};--brand-on-accent:{}}}",
            self.primary.as_str(),
            self.primary.readable_text(),
            self.primary.ink().as_str(),
            self.secondary.as_str(),
            self.secondary.readable_text(),
            self.accent.as_str(),
            self.accent.readable_text(),
        )
    }
}

/// A tenant's mark where it has no logo: the first letters of the first two words of its name,
/// as the portal's header and the certificate PDF show them.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

/// The portal's page background (Tailwind's stone-50), which the primary colour is read on as
/// link and heading text.
pub const PAGE_BACKGROUND: &str = "#FAFAF9";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContrastVerdict {
    /// At least 4.5:1 (WCAG AA for text).
    Good,
    /// 3:1 to 4.5:1: large text only; saved with a warning.
    Weak,
    /// Under 3:1: refused.
    Unreadable,
}

/// The primary colour as text on the page background (text *on* the colour is always black or
/// white, whichever reads better, so that pair is never the weak one).
pub fn contrast_verdict(primary: &HexColor) -> ContrastVerdict {
    let background = HexColor::parse(PAGE_BACKGROUND).map_or(1.0, |c| c.luminance());
    let ratio = contrast_ratio(primary.luminance(), background);
    if ratio >= 4.5 {
        ContrastVerdict::Good
    } else if ratio >= 3.0 {
        ContrastVerdict::Weak
    } else {
        ContrastVerdict::Unreadable
    }
}

/// WCAG contrast ratio of two relative luminances, 1 to 21.
pub fn contrast_ratio(a: f64, b: f64) -> f64 {
    let (light, dark) = if a > b { (a, b) } else { (b, a) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_accept_only_six_hex_digits() {
        assert_eq!(
            HexColor::parse("#1d4a38").map(|c| c.0),
            Ok("#1D4A38".to_string())
        );
        for bad in [
            "1D4A38",
            "#1D4A3",
            "#1D4A388",
            "#GGGGGG",
            "red",
            "#000;}body{display:none",
            "#000000</style><script>",
            "",
        ] {
            assert_eq!(HexColor::parse(bad), Err(BrandingError::Color), "{bad}");
        }
    }

    #[test]
    fn readable_text_contrasts_with_the_colour() {
        assert_eq!(
            HexColor::parse("#1D4A38").map(|c| c.readable_text()),
            Ok("#FFFFFF")
        );
        assert_eq!(
            HexColor::parse("#FACC15").map(|c| c.readable_text()),
            Ok("#111827")
        );
    }

    /// Every colour on a 16-step grid of the RGB cube (4,913 colours).
    fn colour_grid() -> impl Iterator<Item = HexColor> {
        let steps = (0..=16u32).map(|i| (i * 255 / 16) as u8);
        steps.clone().flat_map(move |r| {
            let steps = steps.clone();
            steps.clone().flat_map(move |g| {
                steps
                    .clone()
                    .map(move |b| HexColor(format!("#{r:02X}{g:02X}{b:02X}")))
            })
        })
    }

    fn text_ratio(text: &str, on: &HexColor) -> f64 {
        let text = HexColor::parse(text).unwrap();
        contrast_ratio(text.luminance(), on.luminance())
    }

    #[test]
    fn text_on_any_brand_colour_reaches_wcag_aa() {
        let mut worst = f64::MAX;
        for colour in colour_grid() {
            let ratio = text_ratio(colour.readable_text(), &colour);
            worst = worst.min(ratio);
            assert!(
                ratio >= 4.5,
                "{} on {}: {ratio:.2}",
                colour.readable_text(),
                colour.0
            );
        }
        // Near-black alone would fall to about 4.2:1 on mid-tone colours such as #808080.
        assert!(worst < 4.7, "the grid reaches the hard cases ({worst:.2})");
        assert_eq!(HexColor("#808080".into()).readable_text(), "#000000");
        // White reads at 4.49:1 here: just short, so black.
        assert_eq!(HexColor("#B2613E".into()).readable_text(), "#000000");
    }

    #[test]
    fn brand_ink_reads_on_white_and_the_page_and_keeps_dark_colours() {
        let page = HexColor::parse(PAGE_BACKGROUND).unwrap();
        let white = HexColor("#FFFFFF".into());
        for colour in colour_grid() {
            let ink = colour.ink();
            assert!(
                text_ratio(ink.as_str(), &white) >= 4.5,
                "{} → {}",
                colour.0,
                ink.0
            );
            assert!(
                text_ratio(ink.as_str(), &page) >= 4.5,
                "{} → {}",
                colour.0,
                ink.0
            );
        }
        assert_eq!(HexColor("#1D4A38".into()).ink(), HexColor("#1D4A38".into()));
        let orange = HexColor("#F97316".into()).ink();
        let (r, g, b) = orange.rgb();
        assert!(r > g && g > b, "a darker orange, not grey: {}", orange.0);
    }

    #[test]
    fn asset_urls_allow_https_and_uploads_only() {
        for ok in [
            "https://cdn.example.org/logo.svg",
            "https://cdn.example.org:8443/a/b.png?v=2",
            "/assets/demo/5q-logo.svg",
        ] {
            assert!(AssetUrl::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.org/logo.svg",
            "javascript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "https://x.org/a\"onerror=\"alert(1)",
            "https://x.org/a) ; background:url(evil",
            "/assets/../secrets",
            "/etc/passwd",
            "//evil.example/logo.svg",
            "https://",
            "https://ex ample.org/",
        ] {
            assert_eq!(AssetUrl::parse(bad), Err(BrandingError::Url), "{bad}");
        }
    }

    #[test]
    fn branding_deserialisation_rejects_injection() {
        let json = r##"{"primary":"#000000;}*{x:y","secondary":"#FFFFFF","accent":"#FFFFFF","logo":null,"favicon":null}"##;
        assert!(serde_json::from_str::<Branding>(json).is_err());
    }

    #[test]
    fn css_variables_carry_every_colour() {
        let css = Branding::default().css_variables();
        assert!(css.contains("--brand-primary:#334155"));
        assert!(css.contains("--brand-accent:#F59E0B"));
        assert!(css.contains("--brand-ink:#334155"));
        assert!(!css.contains('<'));
    }

    #[test]
    fn primary_colours_are_judged_as_text_on_the_page() {
        let judge = |hex: &str| contrast_verdict(&HexColor::parse(hex).unwrap());
        assert_eq!(judge("#1D4A38"), ContrastVerdict::Good);
        assert_eq!(judge("#2563EB"), ContrastVerdict::Good);
        assert_eq!(judge("#EA580C"), ContrastVerdict::Weak);
        assert_eq!(judge("#F97316"), ContrastVerdict::Unreadable);
        assert_eq!(judge("#FDE047"), ContrastVerdict::Unreadable);
        assert!((contrast_ratio(1.0, 0.0) - 21.0).abs() < 1e-9);
    }
}
