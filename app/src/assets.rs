//! Where the built files are. With `hash-files` (Cargo.toml), cargo-leptos gives the stylesheet,
//! scripts and wasm pieces content-hashed names, listed in a hash file next to the server binary,
//! so browsers may keep them for a year. The stylesheet's name is read once per process.

use leptos::config::LeptosOptions;
use std::sync::OnceLock;

static STYLESHEET: OnceLock<String> = OnceLock::new();

fn hashed_name(options: &LeptosOptions, kind: &str, extension: &str) -> String {
    let base = options.output_name.to_string();
    let hashes = options
        .hash_files
        .then(|| {
            let dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
            std::fs::read_to_string(dir.join(options.hash_file.as_ref())).ok()
        })
        .flatten()
        .unwrap_or_default();
    let hash = hashes.lines().find_map(|line| {
        let (file, hash) = line.trim().split_once(':')?;
        (file == kind).then(|| hash.trim().to_owned())
    });
    match hash {
        Some(hash) => format!("{base}.{hash}.{extension}"),
        None => format!("{base}.{extension}"),
    }
}

/// The stylesheet's address, e.g. `/pkg/atrium.3Kx….css`.
pub fn stylesheet(options: &LeptosOptions) -> &'static str {
    STYLESHEET.get_or_init(|| {
        format!(
            "/{}/{}",
            options.site_pkg_dir,
            hashed_name(options, "css", "css")
        )
    })
}

/// The stylesheet's address once a page has been served; for pages made outside Leptos.
pub fn known_stylesheet() -> &'static str {
    STYLESHEET.get().map_or("/pkg/atrium.css", String::as_str)
}
