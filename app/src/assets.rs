//! Where the built files are, read once per process. With `hash-files` (Cargo.toml),
//! cargo-leptos gives the stylesheet, scripts and wasm pieces content-hashed names, listed in a
//! hash file next to the server binary, so browsers may keep them for a year.
//!
//! Leptos's own `HydrationScripts` reads that file (and resolves the binary's path) on every
//! page; `hydration_scripts` below renders the same tags from names read at start-up, and its
//! script hydrates the page's islands (see `crate::hydrate`). Islands marked `lazy` (the
//! studio's) are pieces of the wasm of their own (`cargo leptos build --split`), fetched only
//! by pages that contain them.

use leptos::config::LeptosOptions;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::OnceLock;

struct Built {
    css: String,
    /// What every page's `<head>` links and runs, formatted once.
    js_href: String,
    wasm_href: String,
    script: String,
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
        let js = named("js", &name);
        let wasm = named("wasm", &wasm_base);
        let pkg = &options.site_pkg_dir;
        Built {
            css: format!("{}.css", named("css", &name)),
            js_href: format!("/{pkg}/{js}.js"),
            wasm_href: format!("/{pkg}/{wasm}.wasm"),
            script: format!("{HYDRATE}(\"\", {:?}, {js:?}, {wasm:?});", pkg.as_ref()),
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

/// Loads the JS and the wasm, then makes each island live: `<leptos-island>` elements in
/// document order, an island before the islands inside its children (whose owner the
/// `leptos-children` element hands over). When all are live, `<body data-hydrated>` says so.
const HYDRATE: &str = r#"(function (root, pkg_path, output_name, wasm_output_name) {
	async function hydrateIslands(mod) {
		const owners = [];
		async function visit(parent) {
			for (const node of parent.children) {
				const tag = node.tagName;
				if (tag === "LEPTOS-ISLAND") {
					const adopt = owners[owners.length - 1];
					if (adopt) adopt();
					const island = mod[node.dataset.component];
					if (island) await island(node);
					else console.warn(`No island called ${node.dataset.component}`);
					await visit(node);
				} else if (tag === "LEPTOS-CHILDREN") {
					owners.push(node.$$on_hydrate);
					await visit(node);
					owners.pop();
				} else {
					await visit(node);
				}
			}
		}
		await visit(document.body);
	}
	import(`${root}/${pkg_path}/${output_name}.js`).then(async (mod) => {
		await mod.default({module_or_path: `${root}/${pkg_path}/${wasm_output_name}.wasm`});
		mod.hydrate();
		await hydrateIslands(mod);
		document.body.dataset.hydrated = "true";
	});
})"#;

/// `<link>`s that start the downloads early and the `<script>` that hydrates the page's
/// islands, for the shell's `<head>`. Also tells the renderer that what follows is not
/// hydrated (islands mark their own parts), so no page data is serialised for the browser.
pub fn hydration_scripts(options: &LeptosOptions) -> impl IntoView + use<> {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let built = built(options);
    let nonce = leptos::nonce::use_nonce();
    view! {
        <link rel="modulepreload" href=built.js_href.as_str() crossorigin=nonce.clone()/>
        <link rel="preload" href=built.wasm_href.as_str() r#as="fetch" r#type="application/wasm"
            crossorigin=nonce.clone()/>
        <script type="module" nonce=nonce>{built.script.as_str()}</script>
    }
}
