//! Builds the content bundle when the app is compiled: every lesson and quiz in `content/` is
//! parsed (pulldown-cmark, TOML) and its code highlighted (syntect) into the document model by
//! `crates/kindlab-content`,
//! which is serialised (postcard) to `$OUT_DIR/content.bin` and compiled into the app. So the app parses no
//! Markdown and carries no grammars, and the model is built once, never per render.
//!
//! Problems in the content do not stop the build: they are printed as cargo warnings and kept in
//! the bundle (the app shows them where they matter); `kindlab check` fails on them.

use kindlab_content::{bundle, highlight};
use std::path::Path;

fn main() {
    // `has_lab`: the simulator and the lab are compiled in. Always natively (the command line
    // runs the simulator); on the web only in the full edition (`--features lab`): the reader
    // edition that lessons, quizzes and progress load is built without them.
    println!("cargo::rustc-check-cfg=cfg(has_lab)");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if !wasm || std::env::var_os("CARGO_FEATURE_LAB").is_some() {
        println!("cargo::rustc-cfg=has_lab");
    }
    println!("cargo:rerun-if-changed=build.rs");
    // the web editions read the content from per-language packs (written by the pre-renderer,
    // see src/bin/prerender.rs), not from the binary
    if wasm {
        return;
    }
    println!("cargo:rerun-if-changed=content");
    // lesson images; while there is no such folder, its parent (which changes when the folder
    // appears): a missing path would make cargo rebuild the app every time
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    if Path::new(&dir).join("assets/img").is_dir() {
        println!("cargo:rerun-if-changed=assets/img");
    } else {
        println!("cargo:rerun-if-changed=assets");
    }
    let root = Path::new(&dir);
    let hl = highlight::Highlighter::new();
    let highlight = |lang: &str, code: &str| hl.highlight(lang, code);
    let loaded = bundle::load(&root.join("content"), &highlight);
    for p in loaded.problems.iter().take(12) {
        println!("cargo:warning=content/{p}");
    }
    if loaded.problems.len() > 12 {
        println!(
            "cargo:warning=... and {} more problems in content/ (cargo run -- check lists them)",
            loaded.problems.len() - 12
        );
    }
    let bin = postcard::to_allocvec(&loaded.bundle).expect("the bundle serialises");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("content.bin");
    std::fs::write(&out, bin).expect("OUT_DIR is writable");
}
