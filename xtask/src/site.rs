//! Assembles `dist/` from what `web.rs` staged: the two editions (wasm-bindgen output), the
//! pre-rendered pages and the content packs.
//!
//! - Every asset gets a content-hashed name under `/assets/` (served as immutable): the
//!   editions' glue and wasm, their JavaScript snippets (the glue's imports are rewritten to the
//!   hashed names), the content packs, the icons. The glue, the snippets and the inline loader
//!   are minified by npm's esbuild (about 3.4 KB less brotli on every page).
//! - Every page is a complete HTML file: the stylesheet and two small scripts inline (the head
//!   script picks the theme and the language before the first paint; the loader starts the
//!   page's edition after it), `hreflang` alternates, the manifest, the body from the
//!   pre-renderer. English pages keep the app's paths (`lesson/kind-ha.html` for
//!   `/lesson/kind-ha`), Chinese ones live under `zh/`.
//! - `sw.js` (the service worker) lists every file of this version; its version is a hash of
//!   them all.
//! - `.br` (quality 11) and `.gz` (level 9) copies sit beside every file.

use crate::{root, Result};
// what the site test reads dist/ with, shared with it
pub use kindlab_testkit::files_under;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What `assemble` wrote, for the bench and the tests (also saved as `dist/site.json`).
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// edition -> (glue URL, wasm URL, snippet URLs)
    pub editions: BTreeMap<String, EditionFiles>,
    /// content pack name (`en/index`, `zh/lesson/kind-ha`, `en/quizzes`) -> URL
    pub packs: BTreeMap<String, String>,
    /// Every page: URL path -> file under dist/.
    pub pages: BTreeMap<String, String>,
    /// What the service worker keeps.
    pub precache: Vec<String>,
    /// A hash of every file's hash: the service worker's cache name.
    pub version: String,
}

/// One edition's files, by their content-hashed URLs.
#[derive(Debug, Clone, Default)]
pub struct EditionFiles {
    /// wasm-bindgen's JavaScript glue.
    pub js: String,
    /// The WebAssembly module.
    pub wasm: String,
    /// The JavaScript snippets the glue imports.
    pub snippets: Vec<String>,
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The first 10 hex digits of the SHA-256 of `bytes`.
pub fn short_hash(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// `name.ext` -> `name.<hash>.ext`
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let h = short_hash(bytes);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{h}.{ext}"),
        None => format!("{name}.{h}"),
    }
}

/// Writes `bytes` to `dist/assets/<dir>/<hashed name>` and returns its URL.
fn put_asset(dist: &Path, dir: &str, name: &str, bytes: &[u8]) -> Result<String> {
    let file = hashed_name(name, bytes);
    let rel = if dir.is_empty() {
        format!("assets/{file}")
    } else {
        format!("assets/{dir}/{file}")
    };
    write(&dist.join(&rel), bytes)?;
    Ok(format!("/{rel}"))
}

/// Removes block comments and line comments that stand alone, and leading blanks: enough for
/// the hand-written CSS and scripts inlined into every page (no string holds `/*` or starts a
/// line with `//`).
pub fn compact(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        match rest[i..].find("*/") {
            Some(j) => rest = &rest[i + j + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `src` minified by esbuild (whitespace, local names, syntax; never the names a module exports
/// or a script's globals): the wasm-bindgen glue and its snippets as ES modules, the inline
/// loader as a classic script. `what` names it in an error.
fn minify_js(esbuild: &Path, src: &str, module: bool, what: &str) -> Result<String> {
    let mut cmd = Command::new(esbuild);
    cmd.args(["--minify", "--loader=js", "--log-level=error"]);
    if module {
        cmd.arg("--format=esm");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", esbuild.display()))?;
    let mut stdin = child.stdin.take().ok_or("esbuild: no stdin")?;
    let input = src.to_string();
    // fed from another thread: written here, a large input could wait on a full output pipe
    // that nobody reads yet
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("esbuild on {what}: {e}"))?;
    let _ = feeder.join();
    if !out.status.success() {
        return Err(format!(
            "esbuild could not minify {what}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("esbuild on {what}: {e}"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Hidden when JavaScript is off: the controls only the app can work (theme, search, copy and
/// "try in the lab", starting a lesson's lab, the drawer's button: on a small screen the
/// navigation then stays in the page, above its content). Links still work.
const NOSCRIPT_CSS: &str = "[data-testid=\"theme-switch\"],.search,.code-actions,\
     [data-testid=\"widget-lab-start\"],.nav-toggle{display:none!important}\
     @media (max-width:640px){.sidebar{position:static!important;transform:none!important;\
     visibility:visible!important;width:auto!important;box-shadow:none!important}}";

/// One edition's glue, wasm and snippets, hashed; the glue's snippet imports rewritten.
fn put_edition(dist: &Path, staged: &Path, edition: &str, esbuild: &Path) -> Result<EditionFiles> {
    let mut glue = String::from_utf8(read(&staged.join("kindlab.js"))?)
        .map_err(|e| format!("{edition} glue: {e}"))?;
    let mut snippets = vec![];
    // the snippets the glue imports (`./snippets/<crate-hash>/<path>.js`)
    let imported: Vec<String> = glue
        .match_indices("'./snippets/")
        .filter_map(|(i, _)| {
            let start = i + 1;
            let end = glue[start..].find('\'')? + start;
            Some(glue[start..end].to_string())
        })
        .collect();
    for rel in imported {
        let src = staged.join(rel.trim_start_matches("./"));
        let text = String::from_utf8(read(&src)?).map_err(|e| format!("{}: {e}", src.display()))?;
        let bytes = minify_js(esbuild, &text, true, &rel)?.into_bytes();
        let path = Path::new(rel.trim_start_matches("./snippets/"));
        let dir = path
            .parent()
            .map(|p| p.to_string_lossy().to_string())
            .unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let url = put_asset(dist, &format!("snippets/{dir}"), &name, &bytes)?;
        let relative = format!(".{}", url.trim_start_matches("/assets"));
        glue = glue.replace(&format!("'{rel}'"), &format!("'{relative}'"));
        snippets.push(url);
    }
    let wasm = read(&staged.join("kindlab_bg.wasm"))?;
    let wasm_url = put_asset(dist, "", &format!("kindlab-{edition}_bg.wasm"), &wasm)?;
    let glue = minify_js(
        esbuild,
        &glue,
        true,
        &format!("the {edition} edition's glue"),
    )?;
    let js_url = put_asset(dist, "", &format!("kindlab-{edition}.js"), glue.as_bytes())?;
    Ok(EditionFiles {
        js: js_url,
        wasm: wasm_url,
        snippets,
    })
}

/// Builds dist/ from the staged output (see the module comment).
pub fn assemble(stage: &Path, dist: &Path) -> Result<Site> {
    if dist.exists() {
        std::fs::remove_dir_all(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    }
    std::fs::create_dir_all(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut site = Site::default();
    let mut assets = vec![];

    let esbuild = crate::setup::ensure_esbuild()?;
    for (edition, _) in crate::web::EDITIONS {
        let files = put_edition(dist, &stage.join(edition), edition, &esbuild)?;
        assets.push(files.js.clone());
        assets.push(files.wasm.clone());
        assets.extend(files.snippets.iter().cloned());
        site.editions.insert(edition.to_string(), files);
    }
    put_packs(stage, dist, &mut site, &mut assets)?;
    let icons = put_icons(dist, &mut assets)?;
    put_manifests(dist, &icons, &mut assets)?;

    // the pages
    let frame = Frame {
        css: compact(&String::from_utf8_lossy(&read(
            &root().join("assets/kindlab.css"),
        )?)),
        head_js: compact(&String::from_utf8_lossy(&read(
            &root().join("assets/web/head.js"),
        )?)),
        loader_js: minify_js(
            &esbuild,
            &String::from_utf8_lossy(&read(&root().join("assets/web/loader.js"))?),
            false,
            "assets/web/loader.js",
        )?
        .trim_end()
        .to_string(),
        editions_json: editions_json(&site),
        icons,
    };
    let pages: Vec<Value> = serde_json::from_slice(&read(&stage.join("pages/pages.json"))?)
        .map_err(|e| format!("pages.json: {e}"))?;
    let mut page_urls = vec![];
    for p in &pages {
        let file = p.get("file").and_then(Value::as_str).unwrap_or_default();
        let path = p.get("path").and_then(Value::as_str).unwrap_or_default();
        write(&dist.join(file), page_html(p, &site, &frame).as_bytes())?;
        // the URL the service worker keeps the page under
        let url = if file.ends_with("404.html") {
            format!("/{file}")
        } else {
            path.to_string()
        };
        site.pages.insert(url.clone(), file.to_string());
        page_urls.push(url);
    }
    put_service_worker(dist, &mut site, page_urls, assets)?;

    // what was written, for the bench and the tests
    let summary = json!({
        "version": site.version,
        "editions": frame.editions_json,
        "packs": site.packs,
        "pages": site.pages,
        "precache": site.precache,
    });
    write(
        &dist.join("site.json"),
        serde_json::to_string_pretty(&summary)
            .unwrap_or_default()
            .as_bytes(),
    )?;
    compress_all(dist)?;
    Ok(site)
}

/// What every page carries besides its own body: the style, the head and loader scripts, the
/// editions' files, the icons.
struct Frame {
    css: String,
    head_js: String,
    loader_js: String,
    editions_json: Value,
    icons: BTreeMap<&'static str, String>,
}

/// The editions' files as the pages' config names them.
fn editions_json(site: &Site) -> Value {
    site.editions
        .iter()
        .map(|(k, f)| {
            (
                k.clone(),
                json!({"js": f.js, "wasm": f.wasm, "snippets": f.snippets}),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The content packs, each under a name made from its bytes.
fn put_packs(stage: &Path, dist: &Path, site: &mut Site, assets: &mut Vec<String>) -> Result<()> {
    let names: Vec<String> = serde_json::from_slice(&read(&stage.join("pages/packs.json"))?)
        .map_err(|e| format!("packs.json: {e}"))?;
    for name in names {
        let bytes = read(&stage.join("pages/packs").join(format!("{name}.bin")))?;
        let (dir, file) = name.rsplit_once('/').unwrap_or(("", &name));
        let url = put_asset(
            dist,
            &format!("packs/{dir}"),
            &format!("{file}.bin"),
            &bytes,
        )?;
        assets.push(url.clone());
        site.packs.insert(name, url);
    }
    Ok(())
}

/// The app's icons, by file name.
fn put_icons(dist: &Path, assets: &mut Vec<String>) -> Result<BTreeMap<&'static str, String>> {
    let mut icons = BTreeMap::new();
    for name in [
        "icon.svg",
        "icon-192.png",
        "icon-512.png",
        "icon-maskable-512.png",
    ] {
        let bytes = read(&root().join("assets/icons").join(name))?;
        let url = put_asset(dist, "", name, &bytes)?;
        assets.push(url.clone());
        icons.insert(name, url);
    }
    Ok(icons)
}

/// The web app manifests, one per language (the same app: one id).
fn put_manifests(
    dist: &Path,
    icons: &BTreeMap<&'static str, String>,
    assets: &mut Vec<String>,
) -> Result<()> {
    for (code, lang, start, desc) in [
        (
            "en",
            "en-US",
            "/",
            "Deploy Kubernetes with KinD, put HAProxy in front of the workers, break a kubelet and learn storage, with a simulated cluster.",
        ),
        (
            "zh",
            "zh-CN",
            "/zh/",
            "用 KinD 部署 Kubernetes，在工作节点前放置 HAProxy，让 kubelet 故障并学习存储，全部在模拟集群中完成。",
        ),
    ] {
        let m = json!({
            "id": "/",
            "name": "kindlab",
            "short_name": "kindlab",
            "description": desc,
            "lang": lang,
            "start_url": start,
            "scope": "/",
            "display": "standalone",
            "background_color": "#f7f8fa",
            "theme_color": "#2e62d9",
            "icons": [
                {"src": icons["icon-192.png"], "sizes": "192x192", "type": "image/png", "purpose": "any"},
                {"src": icons["icon-512.png"], "sizes": "512x512", "type": "image/png", "purpose": "any"},
                {"src": icons["icon-maskable-512.png"], "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            ],
        });
        let file = format!("manifest.{code}.webmanifest");
        write(
            &dist.join(&file),
            serde_json::to_string_pretty(&m).unwrap_or_default().as_bytes(),
        )?;
        assets.push(format!("/{file}"));
    }

    Ok(())
}

/// One page's HTML: its pre-rendered body in the frame, with the config its loader reads.
fn page_html(p: &Value, site: &Site, frame: &Frame) -> String {
    let Frame {
        css,
        head_js,
        loader_js,
        editions_json,
        icons,
    } = frame;
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default();
    let (path, file, code, lang) = (s("path"), s("file"), s("code"), s("lang"));
    let not_found = file.ends_with("404.html");
    let eager = p.get("eager").and_then(Value::as_bool).unwrap_or(false);
    let config = json!({
        "edition": s("edition"),
        // pages made for doing (the lab, a quiz) start their edition at once; reading
        // pages after their text is on screen
        "eager": eager,
        "lang": code,
        "assets": editions_json,
        "need": p.get("packs").cloned().unwrap_or(json!([])),
        "packUrls": site.packs,
        "sw": "/sw.js",
    });
    let config = serde_json::to_string(&config)
        .unwrap_or_default()
        .replace("</", "<\\/");
    let alternates = if not_found {
        "<meta name=\"robots\" content=\"noindex\">\n".to_string()
    } else {
        format!(
            "<link rel=\"canonical\" href=\"{path}\">\n\
             <link rel=\"alternate\" hreflang=\"en\" href=\"{en}\">\n\
             <link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{zh}\">\n\
             <link rel=\"alternate\" hreflang=\"x-default\" href=\"{en}\">\n",
            path = escape(path),
            en = escape(s("en")),
            zh = escape(s("zh")),
        )
    };
    // a page made for doing fetches its edition from the head already (the preload
    // scanner sees it before the body is parsed); a reading page's loader waits until its
    // text is on screen
    let preloads = if eager {
        let files = &site.editions[s("edition")];
        let mut links = format!(
            "<link rel=\"preload\" href=\"{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
             <link rel=\"modulepreload\" href=\"{}\">\n",
            files.wasm, files.js
        );
        for sn in &files.snippets {
            links.push_str(&format!("<link rel=\"modulepreload\" href=\"{sn}\">\n"));
        }
        for name in p
            .get("packs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(url) = name.as_str().and_then(|n| site.packs.get(n)) {
                links.push_str(&format!(
                    "<link rel=\"preload\" href=\"{url}\" as=\"fetch\" crossorigin>\n"
                ));
            }
        }
        links
    } else {
        String::new()
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title}</title>\n<meta name=\"description\" content=\"{desc}\">\n\
         {alternates}\
         <link rel=\"manifest\" href=\"/manifest.{code}.webmanifest\">\n\
         <link rel=\"icon\" type=\"image/svg+xml\" href=\"{favicon}\">\n\
         <link rel=\"apple-touch-icon\" href=\"{icon}\">\n\
         <meta name=\"theme-color\" content=\"#2e62d9\">\n\
         {preloads}<script>{head_js}</script>\n<style>{css}</style>\n\
         <noscript><style>{noscript}</style></noscript>\n</head>\n<body>\n\
         <div id=\"main\" class=\"prerendered\">{body}</div>\n\
         <script>window.kindlab={config};\n{loader_js}</script>\n</body>\n</html>\n",
        title = escape(s("title")),
        // without JavaScript the page reads in full; the controls that need the app go
        noscript = NOSCRIPT_CSS,
        desc = escape(s("description")),
        icon = icons["icon-192.png"],
        favicon = icons["icon.svg"],
        body = s("body"),
    );
    html
}

/// The service worker: every file of this version, and the version named by their hashes.
fn put_service_worker(
    dist: &Path,
    site: &mut Site,
    page_urls: Vec<String>,
    assets: Vec<String>,
) -> Result<()> {
    let mut precache: Vec<String> = page_urls;
    // both editions import the same snippets: each file once (the Cache API refuses a list
    // that names a request twice)
    for a in assets {
        if !precache.contains(&a) {
            precache.push(a);
        }
    }
    let listing: String = precache
        .iter()
        .map(|u| {
            let file = site
                .pages
                .get(u)
                .cloned()
                .unwrap_or_else(|| u.trim_start_matches('/').to_string());
            let bytes = std::fs::read(dist.join(file)).unwrap_or_default();
            format!("{u} {}\n", short_hash(&bytes))
        })
        .collect();
    site.version = short_hash(listing.as_bytes());
    let sw = String::from_utf8_lossy(&read(&root().join("assets/web/sw.js"))?)
        .replace("__VERSION__", &site.version)
        .replace(
            "__FILES__",
            &serde_json::to_string(&precache).unwrap_or_default(),
        );
    write(&dist.join("sw.js"), compact(&sw).as_bytes())?;
    site.precache = precache;
    Ok(())
}

/// `bytes` compressed with brotli at its highest quality (what `.br` files hold).
pub fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = w.write_all(bytes);
    }
    out
}

/// `bytes` compressed with gzip at its highest level (what `.gz` files hold).
pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// `.br` and `.gz` beside every file (two threads: brotli at quality 11 is slow on the wasm).
fn compress_all(dist: &Path) -> Result<()> {
    let files: Vec<PathBuf> = files_under(dist)
        .into_iter()
        .filter(|p| !matches!(p.extension().and_then(|e| e.to_str()), Some("br" | "gz")))
        .collect();
    let (a, b): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let work = |part: Vec<(usize, &PathBuf)>| -> Result<()> {
        for (_, f) in part {
            let bytes = read(f)?;
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            write(
                &f.with_file_name(format!("{name}.br")),
                &brotli_bytes(&bytes),
            )?;
            write(&f.with_file_name(format!("{name}.gz")), &gzip_bytes(&bytes))?;
        }
        Ok(())
    };
    std::thread::scope(|s| {
        let h = s.spawn(|| work(a));
        let r = work(b);
        h.join().unwrap_or(Ok(())).and(r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlined_scripts_and_styles_lose_comments_and_indentation_only() {
        let src = "/* a comment */\nbody {\n  color: red; /* why */\n}\n// a line comment\nvar u = 'http://x/y';\n";
        assert_eq!(
            compact(src),
            "body {\ncolor: red;\n}\nvar u = 'http://x/y';"
        );
    }

    #[test]
    fn asset_names_carry_a_hash_of_their_content() {
        let a = hashed_name("kindlab-reader_bg.wasm", b"one");
        let b = hashed_name("kindlab-reader_bg.wasm", b"two");
        assert!(
            a.starts_with("kindlab-reader_bg.") && a.ends_with(".wasm"),
            "{a}"
        );
        assert_ne!(a, b);
        assert_eq!(a, hashed_name("kindlab-reader_bg.wasm", b"one"));
        assert_eq!(short_hash(b"one").len(), 10);
    }

    #[test]
    fn escaping_keeps_markup_out_of_attributes() {
        assert_eq!(
            escape("a \"b\" <c> & d"),
            "a &quot;b&quot; &lt;c&gt; &amp; d"
        );
    }
}
