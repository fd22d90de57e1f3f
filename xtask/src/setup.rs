//! Installs what kindlab's commands need, idempotently: Debian packages (with sudo only when not
//! root), the wasm32 target, wasm-opt from npm's `binaryen@132` (Debian's binaryen 108 breaks
//! current wasm-bindgen output), npm's esbuild (it minifies the web release's scripts), npm's
//! playwright-core for the web bench and npm's axe-core for
//! the accessibility test. On a system without apt it says exactly what is missing.

use crate::{run, tools_dir, Result};
// the npm installer and axe-core are shared with the accessibility test
use kindlab_testkit::tools::ensure_npm;
pub use kindlab_testkit::tools::{ensure_axe, AXE};
use std::path::PathBuf;
use std::process::Command;

/// What a command needs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Need {
    /// Build and run the desktop app.
    Desktop,
    /// Build the web release.
    Web,
    /// Drive Chromium (browser tests, bench).
    Browser,
    /// Run the desktop app under Xvfb and click it (desktop end-to-end test).
    DesktopE2e,
}

/// A Debian package, and optionally a command whose presence means the need is already met some
/// other way (e.g. Node.js from another source, whose npm conflicts with Debian's).
type Pkg = (&'static str, Option<&'static str>);

fn apt_packages(need: Need) -> &'static [Pkg] {
    match need {
        Need::Desktop => &[
            ("libwebkit2gtk-4.1-dev", None),
            ("libxdo-dev", None),
            ("libssl-dev", None),
            ("pkg-config", Some("pkg-config")),
            ("build-essential", Some("cc")),
            ("fonts-noto-cjk", None),
        ],
        Need::Web => &[("nodejs", Some("node")), ("npm", Some("npm"))],
        Need::Browser => &[
            ("chromium", None),
            ("chromium-driver", None),
            ("fonts-noto-cjk", None),
        ],
        Need::DesktopE2e => &[
            ("xvfb", Some("Xvfb")),
            ("xdotool", Some("xdotool")),
            // no command probe: some images ship a stand-in `convert` that is not ImageMagick
            ("imagemagick", None),
        ],
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd} >/dev/null 2>&1")])
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn dpkg_installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// A command that needs root, prefixed with sudo when we are not root.
fn privileged(args: &[&str]) -> Command {
    if is_root() {
        let mut c = Command::new(args[0]);
        c.args(&args[1..]);
        c
    } else {
        let mut c = Command::new("sudo");
        c.args(args);
        c
    }
}

/// Installs the Debian packages for `needs` that are not installed yet.
pub fn ensure_apt(needs: &[Need]) -> Result<()> {
    let mut wanted: Vec<Pkg> = needs
        .iter()
        .flat_map(|n| apt_packages(*n))
        .copied()
        .collect();
    wanted.sort();
    wanted.dedup();
    if !have("dpkg-query") || !have("apt-get") {
        let mut msg = String::from(
            "this is not a Debian-based system (no apt-get/dpkg-query), so kindlab cannot install \
             its dependencies by itself. Install these (or your distribution's equivalents) and \
             run the command again:\n",
        );
        for (p, cmd) in &wanted {
            if !cmd.is_some_and(have) {
                msg.push_str(&format!("  - {p}\n"));
            }
        }
        msg.push_str("  - the Rust target: rustup target add wasm32-unknown-unknown\n");
        return Err(msg);
    }
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(p, cmd)| !cmd.is_some_and(have) && !dpkg_installed(p))
        .map(|(p, _)| *p)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing Debian packages: {}", missing.join(" "));
    if !is_root() && !have("sudo") {
        return Err(format!(
            "these Debian packages are missing and there is no sudo to install them: {}",
            missing.join(" ")
        ));
    }
    run(&mut privileged(&["apt-get", "update", "-q"]))?;
    let mut args = vec![
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "apt-get",
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
    ];
    args.extend(missing.iter().copied());
    run(&mut privileged(&args))
}

/// Adds the wasm32 target when missing.
pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| {
            format!("rustup is needed to add the wasm32-unknown-unknown target ({e}); install it from your package manager")
        })?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The npm binaryen version whose wasm-opt handles current wasm-bindgen output.
pub const BINARYEN: &str = "binaryen@132";

/// Installs npm's binaryen into the tools folder when missing; returns the wasm-opt path.
pub fn ensure_wasm_opt() -> Result<PathBuf> {
    ensure_npm(BINARYEN, "node_modules/.bin/wasm-opt", "binaryen.version")
}

/// The npm esbuild that minifies the web release's scripts (the wasm-bindgen glue, its
/// snippets and the inline loader).
pub const ESBUILD: &str = "esbuild@0.28.2";

/// Installs npm's esbuild into the tools folder when missing; returns the esbuild path.
pub fn ensure_esbuild() -> Result<PathBuf> {
    ensure_npm(ESBUILD, "node_modules/.bin/esbuild", "esbuild.version")
}

/// The npm playwright-core the web bench drives Debian's Chromium with (no browser download:
/// the package has no install script).
pub const PLAYWRIGHT: &str = "playwright-core@1";

/// Installs npm's playwright-core into the tools folder when missing; returns the
/// `node_modules` folder that holds it.
pub fn ensure_playwright() -> Result<PathBuf> {
    ensure_npm(
        PLAYWRIGHT,
        "node_modules/playwright-core/package.json",
        "playwright.version",
    )?;
    Ok(tools_dir().join("node_modules"))
}

/// Everything `cargo xtask run` needs.
pub fn for_desktop() -> Result<()> {
    ensure_apt(&[Need::Desktop])
}

/// Everything the web build needs.
pub fn for_web() -> Result<()> {
    ensure_apt(&[Need::Web])?;
    ensure_wasm_target()?;
    ensure_wasm_opt()?;
    ensure_esbuild().map(|_| ())
}

/// Everything the whole test suite needs.
pub fn for_tests() -> Result<()> {
    ensure_apt(&[Need::Desktop, Need::Web, Need::Browser, Need::DesktopE2e])?;
    ensure_wasm_target()?;
    ensure_wasm_opt()?;
    ensure_esbuild()?;
    ensure_axe().map(|_| ())
}
