//! The web release, built into `dist/` in three steps:
//!
//! 1. Two editions of the app for wasm32 (size profile), each through wasm-bindgen (the library,
//!    at the lock file's version) and wasm-opt (npm binaryen): the **reader** edition (`--features
//!    web`: lessons, quizzes, progress; no simulator) and the **full** edition (`--features
//!    web,lab`: everything, for the lab). Two builds of one crate rather than Dioxus's wasm
//!    splitter: see README, "The web edition".
//! 2. The pre-renderer (`src/bin/prerender.rs`, native): every page with fixed content in both
//!    languages as HTML, and the per-language content packs.
//! 3. The site (`site.rs`): pages, content-hashed assets with `.br` and `.gz` beside each file,
//!    the web app manifests, the service worker.

use crate::{dist_dir, root, run, setup, target_dir, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Cargo profile used for the web build (see the workspace Cargo.toml).
pub const PROFILE: &str = "web-release";

/// The two editions: name and cargo features.
pub const EDITIONS: [(&str, &str); 2] = [("reader", "web"), ("full", "web,lab")];

/// Where the steps leave their output before the site is assembled.
pub fn stage_dir() -> PathBuf {
    target_dir().join("kindlab-web")
}

/// Builds the web release into `dist/` and returns its path.
pub fn build() -> Result<PathBuf> {
    setup::for_web()?;
    let wasm_opt = setup::ensure_wasm_opt()?;
    let stage = stage_dir();
    for (edition, features) in EDITIONS {
        build_edition(&wasm_opt, &stage, edition, features)?;
    }
    prerender(&stage.join("pages"))?;
    let dist = dist_dir();
    crate::site::assemble(&stage, &dist)?;
    Ok(dist)
}

/// cargo -> wasm-bindgen -> wasm-opt, into `stage/<edition>/`.
fn build_edition(wasm_opt: &Path, stage: &Path, edition: &str, features: &str) -> Result<()> {
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
        features,
        "--profile",
        PROFILE,
    ]))?;
    let input = target_dir()
        .join("wasm32-unknown-unknown")
        .join(PROFILE)
        .join("kindlab.wasm");
    let out = stage.join(edition);
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .out_name("kindlab")
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .generate(&out)
        .map_err(|e| format!("wasm-bindgen on {}: {e:#}", input.display()))?;
    optimise(wasm_opt, &out.join("kindlab_bg.wasm"))
}

/// Runs the pre-renderer (native, without the desktop window) into `out`.
fn prerender(out: &Path) -> Result<()> {
    run(Command::new(env!("CARGO")).current_dir(root()).args([
        "build",
        "--package",
        "kindlab",
        "--bin",
        "prerender",
        "--no-default-features",
        "--features",
        "prerender",
    ]))?;
    let exe = target_dir()
        .join("debug")
        .join(format!("prerender{}", std::env::consts::EXE_SUFFIX));
    run(Command::new(exe).arg(out))
}

/// Size-optimises and strips the wasm in place (`KINDLAB_WASM_NAMES=1`: keeps the functions'
/// names, for a profile; a larger file), then runs binaryen's -O3 over the result: the same
/// size within 0.1 %, but about 10 % fewer functions (it inlines the small ones -Oz keeps
/// apart). Chromium compiles a wasm function lazily, on the main thread, the first time it
/// runs, at a cost per function: starting the reader edition compiled 1146 functions in about
/// 105 ms at CPU 4x, and 1027 in 87 ms after this pass.
fn optimise(wasm_opt: &Path, wasm: &Path) -> Result<()> {
    let tmp = wasm.with_extension("opt.wasm");
    let names = std::env::var_os("KINDLAB_WASM_NAMES").is_some_and(|v| v == "1");
    let features = [
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
    ];
    for level in ["-Oz", "-O3"] {
        run(Command::new(wasm_opt)
            .arg(wasm)
            .args(if names {
                &["-g"][..]
            } else {
                &["--strip-debug"][..]
            })
            .args([level, "--strip-producers"])
            .args(features)
            .arg("-o")
            .arg(&tmp))?;
        std::fs::rename(&tmp, wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    }
    Ok(())
}
