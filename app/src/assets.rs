//! Where the built files are, read once per process. With `hash-files` (Cargo.toml),
//! cargo-leptos gives the stylesheet, scripts and wasm pieces content-hashed names, listed in a
//! hash file next to the server binary, so browsers may keep them for a year.
//!
//! Leptos's own `HydrationScripts` reads that file (and resolves the binary's path) on every
//! page; `hydration_scripts` below renders the same tags from names read at start-up.
//!
//! It deliberately does not hand the wasm-split manifest to the renderer: with it, Leptos writes
//! one `<link rel="preload">` per wasm piece the route needs — 65 on the catalog, which made the
//! page's HTML 2.6 times larger on every visit and cost the server about a tenth of its time per
//! page. Without them the split loader (imported by the main script) fetches a route's pieces
//! in parallel as soon as the main module runs, and later visits find them all cached.

use leptos::config::LeptosOptions;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

struct Built {
    css: String,
    js: String,
    wasm: String,
}

static BUILT: OnceLock<Built> = OnceLock::new();

fn hashes(options: &LeptosOptions) -> HashMap<String, String> {
    let text = options
        .hash_files
        .then(|| {
            let dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
            std::fs::read_to_string(dir.join(options.hash_file.as_ref())).ok()
        })
        .flatten()
        .unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (file, hash) = line.trim().split_once(':')?;
            Some((file.trim().to_owned(), hash.trim().to_owned()))
        })
        .collect()
}

fn built(options: &LeptosOptions) -> &'static Built {
    BUILT.get_or_init(|| {
        let hashes = hashes(options);
        let name = options.output_name.to_string();
        let named = |kind: &str, base: &str| match hashes.get(kind) {
            Some(hash) => format!("{base}.{hash}"),
            None => base.to_owned(),
        };
        // Without hashing, cargo-leptos names the wasm after the output; a plain wasm-bindgen
        // build calls it `<name>_bg`.
        let wasm_base = if hashes.is_empty() && option_env!("LEPTOS_OUTPUT_NAME").is_none() {
            format!("{name}_bg")
        } else {
            name.clone()
        };
        Built {
            css: format!("{}.css", named("css", &name)),
            js: named("js", &name),
            wasm: named("wasm", &wasm_base),
        }
    })
}

/// The stylesheet's address, e.g. `/pkg/atrium.3Kx….css`.
pub fn stylesheet(options: &LeptosOptions) -> String {
    format!("/{}/{}", options.site_pkg_dir, built(options).css)
}

/// The stylesheet's address once a page has been served; for pages made outside Leptos.
pub fn known_stylesheet() -> String {
    BUILT.get().map_or_else(
        || "/pkg/atrium.css".to_owned(),
        |b| format!("/pkg/{}", b.css),
    )
}

/// The same script Leptos's `HydrationScripts` writes: load the JS, instantiate the wasm,
/// hydrate.
const HYDRATE: &str = r#"(function (root, pkg_path, output_name, wasm_output_name) {
	import(`${root}/${pkg_path}/${output_name}.js`).then(mod => {
		mod.default({module_or_path: `${root}/${pkg_path}/${wasm_output_name}.wasm`}).then(() => {
			mod.hydrate();
		});
	});
})"#;

/// `<link>`s that start the downloads early and the `<script>` that hydrates the page, for the
/// shell's `<head>`.
pub fn hydration_scripts(options: &LeptosOptions) -> impl IntoView + use<> {
    let built = built(options);
    let pkg = options.site_pkg_dir.to_string();
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "{HYDRATE}(\"\", {pkg:?}, {js:?}, {wasm:?});",
        js = built.js,
        wasm = built.wasm
    );
    view! {
        <link rel="modulepreload" href=format!("/{pkg}/{}.js", built.js) crossorigin=nonce.clone()/>
        <link rel="preload" href=format!("/{pkg}/{}.wasm", built.wasm) r#as="fetch" r#type="application/wasm"
            crossorigin=nonce.clone()/>
        <script type="module" nonce=nonce>{script}</script>
    }
}
