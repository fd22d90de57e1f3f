//! The X11 harness: an Xvfb display of the test's own, the app's window found and driven with
//! xdotool, screenshots and pixel counts with ImageMagick. Every process is in a process group
//! ended with killpg (`kindlab_testkit::proc::Group`) when its guard drops, also on failure.
//!
//! One display at a time in the binary: [`Display::start`] waits for the turn and holds it
//! for the display's life (each display has its own server, but the machine has two cores;
//! before the areas were merged the desktop tests took the same turns, one binary each).

use kindlab_testkit::proc::Group;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

static DISPLAYS: Mutex<()> = Mutex::new(());

/// Starts `cmd` in a process group of its own, ended (killpg) when the guard drops.
pub(crate) fn spawn_group(cmd: &mut Command) -> Group {
    Group::spawn(cmd).unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"))
}

/// Polls `f` every 100 ms until it returns Some; panics after `timeout`.
pub(crate) fn wait_until<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A command's standard output, trimmed, when it succeeds.
pub(crate) fn output(cmd: &mut Command) -> Option<String> {
    let o = cmd.output().ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// The whole screen of `display` as a PNG at `path` (ImageMagick's import).
pub(crate) fn screenshot(display: &str, path: &Path) {
    let ok = Command::new("import")
        .env("DISPLAY", display)
        .args(["-window", "root"])
        .arg(path)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "import (imagemagick) could not take a screenshot");
}

/// Number of distinct colours in an image: a blank window has one or two.
pub(crate) fn colours(path: &Path) -> usize {
    output(
        Command::new("convert")
            .arg(path)
            .args(["-format", "%k", "info:"]),
    )
    .and_then(|s| s.parse().ok())
    .unwrap_or(0)
}

/// A display number no X server uses.
fn free_display() -> u32 {
    (100..300)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .expect("a free X display number")
}

/// An Xvfb display of our own (1280x900), stopped (SIGTERM, then killpg) when dropped; it
/// holds the binary's turn with displays meanwhile.
pub(crate) struct Display {
    xvfb: Group,
    pub(crate) name: String,
    // dropped last: the server is gone before the next test's display starts
    _turn: MutexGuard<'static, ()>,
}

impl Drop for Display {
    /// Xvfb is asked to end (SIGTERM), so that it removes its socket and lock file: a server
    /// killed outright left them behind, and every run of the suite took three more display
    /// numbers until none was free. Whatever it still left is removed (the server is gone).
    fn drop(&mut self) {
        if let Err(e) = self.xvfb.stop(Duration::from_secs(5)) {
            eprintln!("Xvfb {}: {e}", self.name);
        }
        let n = self.name.trim_start_matches(':');
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
        let _ = std::fs::remove_file(format!("/tmp/.X{n}-lock"));
    }
}

impl Display {
    /// Waits for the turn, then starts Xvfb and waits until a client can connect to it.
    pub(crate) fn start() -> Display {
        let turn = DISPLAYS.lock().unwrap_or_else(|e| e.into_inner());
        let n = free_display();
        let name = format!(":{n}");
        let xvfb = spawn_group(
            Command::new("Xvfb")
                // -noreset: by default the server resets when its last client leaves, and a
                // client that comes meanwhile is refused: the app started again after a restart
                // once could not open the display (GTK: "could not open the display")
                .args([
                    &name,
                    "-screen",
                    "0",
                    "1280x900x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        // ready when a client (xdotool) has connected and had its answer, not merely when the
        // socket's file is there
        wait_until("Xvfb", Duration::from_secs(20), || {
            (Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && output(
                    Command::new("xdotool")
                        .env("DISPLAY", &name)
                        .arg("getdisplaygeometry"),
                )
                .is_some())
            .then_some(())
        });
        Display {
            xvfb,
            name,
            _turn: turn,
        }
    }
}

/// Starts the app under test (`cmd`: this build's `kindlab` binary and its environment) on
/// `display`, in a process group of its own, its output kept in a file beside the system's
/// temporary files (shown if its window never comes, removed otherwise). Returns the group and
/// the app's window id once the window is visible (within 90 s).
pub(crate) fn start_app(display: &str, cmd: &mut Command) -> (Group, String) {
    let log = std::env::temp_dir().join(format!(
        "kindlab-app-{}-{}.log",
        std::process::id(),
        display.trim_start_matches(':')
    ));
    let out = std::fs::File::create(&log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
    let err = out.try_clone().unwrap();
    cmd.env("DISPLAY", display).stdout(out).stderr(err);
    let mut guard = spawn_group(cmd);
    let deadline = Instant::now() + Duration::from_secs(90);
    let window = loop {
        let found = output(Command::new("xdotool").env("DISPLAY", display).args([
            "search",
            "--onlyvisible",
            "--name",
            "^kindlab$",
        ]))
        .and_then(|s| s.lines().next().map(str::to_string));
        if let Some(w) = found {
            break w;
        }
        if Instant::now() >= deadline || !guard.is_running() {
            let running = guard.is_running();
            let _ = guard.end();
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            // its last 4000 bytes or so, cut at a character's start
            let from = (text.len().saturating_sub(4000)..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let tail = &text[from..];
            panic!(
                "no kindlab window on {display} ({}); the app's output ({}):\n{tail}",
                if running {
                    "still running after 90 s"
                } else {
                    "the app exited"
                },
                log.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = std::fs::remove_file(&log);
    (guard, window)
}

/// Runs xdotool on `display`; whether it succeeded.
pub(crate) fn xdotool(display: &str, args: &[&str]) -> bool {
    Command::new("xdotool")
        .env("DISPLAY", display)
        .args(args)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// With KINDLAB_SCREENSHOTS=DIR, keeps the screenshots as DIR/PREFIXNAME.png (`shots`: the
/// file, NAME).
pub(crate) fn keep_screenshots(prefix: &str, shots: &[(&Path, &str)]) {
    if let Some(keep) = std::env::var_os("KINDLAB_SCREENSHOTS") {
        let keep = PathBuf::from(keep);
        let _ = std::fs::create_dir_all(&keep);
        for (png, name) in shots {
            let _ = std::fs::copy(png, keep.join(format!("{prefix}{name}.png")));
        }
    }
}
