//! The web release: cargo (wasm32, size profile) -> wasm-bindgen (library, same version as the
//! lock file) -> wasm-opt (npm binaryen) -> `dist/` with index.html, 404.html, js, wasm, css.

use crate::{dist_dir, root, run, setup, target_dir, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cargo profile used for the web build (see the workspace Cargo.toml).
pub const PROFILE: &str = "web-release";

/// The page. The stylesheet is linked from the head (render-blocking: no unstyled flash);
/// `<div id="main">` is where Dioxus mounts. The small observer records, for `cargo xtask
/// bench`, when (`performance.now()`, ms since the navigation started) the first page content
/// appears (`__kindlabFirstRender`), a lesson's title (`__kindlabLessonTitle`) and a quiz
/// page's start panel or question (`__kindlabQuizVisible`); it stops when all three are
/// recorded or after 10 s.
pub fn index_html() -> String {
    r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>kindlab</title>
<link rel="stylesheet" href="/kindlab.css">
<link rel="modulepreload" href="/kindlab.js">
<link rel="preload" href="/kindlab_bg.wasm" as="fetch" type="application/wasm" crossorigin>
</head>
<body>
<div id="main"></div>
<script>
(function () {
  var marks = [
    ['__kindlabFirstRender', '[data-testid="page"]'],
    ['__kindlabLessonTitle', '[data-testid="lesson-title"]'],
    ['__kindlabQuizVisible', '[data-route^="quiz-"] [data-testid="quiz-start"], [data-route^="quiz-"] [data-testid="quiz-question"]']
  ];
  new MutationObserver(function (_, o) {
    var now = performance.now(), left = 0;
    for (var i = 0; i < marks.length; i++) {
      if (window[marks[i][0]] !== undefined) continue;
      if (document.querySelector(marks[i][1])) window[marks[i][0]] = now; else left++;
    }
    if (!left || now > 10000) o.disconnect();
  }).observe(document.getElementById('main'), { childList: true, subtree: true });
})();
</script>
<script type="module">
import init from "/kindlab.js";
init({ module_or_path: "/kindlab_bg.wasm" });
</script>
</body>
</html>
"#
    .to_string()
}

/// Builds the web release into `dist/` and returns its path.
pub fn build() -> Result<PathBuf> {
    setup::for_web()?;
    let wasm_opt = setup::ensure_wasm_opt()?;
    run(Command::new(env!("CARGO")).current_dir(root()).args([
        "build",
        "--package",
        "kindlab",
        "--bin",
        "kindlab",
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
        "--features",
        "web",
        "--profile",
        PROFILE,
    ]))?;
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join(PROFILE)
        .join("kindlab.wasm");
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;

    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .out_name("kindlab")
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .generate(&dist)
        .map_err(|e| format!("wasm-bindgen on {}: {e:#}", input.display()))?;

    let wasm = dist.join("kindlab_bg.wasm");
    optimise(&wasm_opt, &wasm)?;

    let css = std::fs::read_to_string(root().join("assets/kindlab.css"))
        .map_err(|e| format!("assets/kindlab.css: {e}"))?;
    write(&dist.join("kindlab.css"), &css)?;
    let html = index_html();
    write(&dist.join("index.html"), &html)?;
    // static hosts answer unknown paths with 404.html: the same page, so deep links load
    write(&dist.join("404.html"), &html)?;
    // TypeScript declarations are of no use to the page
    for f in ["kindlab.d.ts", "kindlab_bg.wasm.d.ts"] {
        let _ = std::fs::remove_file(dist.join(f));
    }
    Ok(dist)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Size-optimises and strips the wasm in place.
fn optimise(wasm_opt: &Path, wasm: &Path) -> Result<()> {
    let tmp = wasm.with_extension("opt.wasm");
    run(Command::new(wasm_opt)
        .arg(wasm)
        .args([
            "-Oz",
            "--strip-debug",
            "--strip-producers",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "-o",
        ])
        .arg(&tmp))?;
    std::fs::rename(&tmp, wasm).map_err(|e| format!("{}: {e}", wasm.display()))
}
