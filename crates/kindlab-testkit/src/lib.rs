//! What kindlab's end-to-end tests and its tooling (`xtask`) share: where the repository, the
//! build cache and the web release are, process groups ended with killpg, the static server
//! for `dist/`, headless Chromium through chromedriver, and tools installed from npm.
//!
//! `xtask` re-exports all of it (`xtask::serve`, `xtask::browser`, `xtask::root()` ...), so
//! there is one copy of each; the test binaries depend on this crate alone, not on the tooling.

pub mod bounds;
pub mod browser;
pub mod proc;
pub mod serve;
pub mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the folder holding the workspace Cargo.toml and `xtask/`).
///
/// Found at run time (cargo sets CARGO_MANIFEST_DIR for `cargo run` and `cargo test`, else
/// the working directory), not from the path this crate was compiled in: a build cache
/// shared by two clones (CI keeps it outside the clone) may hold a binary compiled in the
/// other one, which cargo does not rebuild for a new path.
pub fn root() -> PathBuf {
    let is_root = |d: &Path| d.join("Cargo.toml").is_file() && d.join("xtask/Cargo.toml").is_file();
    let starts = [
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
        std::env::current_dir().ok(),
    ];
    starts
        .into_iter()
        .flatten()
        .find_map(|s| s.ancestors().find(|d| is_root(d)).map(Path::to_path_buf))
        .unwrap_or_else(|| {
            // crates/kindlab-testkit -> the repository
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .nth(2)
                .expect("kindlab-testkit lives inside the repository")
                .to_path_buf()
        })
}

/// Cargo's target directory (honours CARGO_TARGET_DIR, which CI points outside the clone).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                root().join(d)
            }
        }
        None => root().join("target"),
    }
}

/// Where the web release is written.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Tools installed from registries (npm's binaryen, playwright-core and axe-core), kept with the
/// build cache.
pub fn tools_dir() -> PathBuf {
    target_dir().join("kindlab-tools")
}

/// A tool's result: the error is a message for the person at the terminal.
pub type Result<T> = std::result::Result<T, String>;

/// Runs a command, streaming its output; an error names the command.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
