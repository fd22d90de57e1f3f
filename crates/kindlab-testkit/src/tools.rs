//! Tools installed from npm into the tools folder (with the build cache), idempotently: the
//! installer `xtask` uses for binaryen and playwright-core too, and axe-core, which the
//! accessibility test injects into the pages.

use crate::{run, tools_dir, Result};
use std::path::PathBuf;
use std::process::Command;

/// Installs the npm package `spec` (`name@version`) into the tools folder unless `file` (a path
/// inside that folder) is there from the same `spec`; returns `file`. A stamp file named
/// `stamp` remembers which version put it there, so a version bump reinstalls.
pub fn ensure_npm(spec: &str, file: &str, stamp: &str) -> Result<PathBuf> {
    let dir = tools_dir();
    let path = dir.join(file);
    let stamp = dir.join(stamp);
    if path.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(spec) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let dir_s = dir.to_string_lossy().to_string();
    run(Command::new("npm").args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        &dir_s,
        spec,
    ]))?;
    if !path.exists() {
        return Err(format!(
            "npm installed {spec} but {} is missing",
            path.display()
        ));
    }
    let _ = std::fs::write(&stamp, spec);
    Ok(path)
}

/// The npm axe-core the accessibility test (tests/web/e2e_a11y.rs) injects into the pages.
pub const AXE: &str = "axe-core@4";

/// Installs npm's axe-core into the tools folder when missing; returns the path of
/// `axe.min.js` (the script a page runs: it defines `window.axe`).
pub fn ensure_axe() -> Result<PathBuf> {
    ensure_npm(AXE, "node_modules/axe-core/axe.min.js", "axe.version")
}
