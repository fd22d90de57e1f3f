//! Desktop end-to-end test: the real `kindlab` window under Xvfb, screenshots with ImageMagick,
//! a click with xdotool. The app writes its current route to KINDLAB_ROUTE_MARKER, so the test
//! waits on facts, not sleeps. Every process started is killed by a guard, also on failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use xtask::proc::Group;

/// Starts `cmd` in a process group of its own, ended (killpg) when the guard drops.
fn spawn_group(cmd: &mut Command) -> Group {
    Group::spawn(cmd).unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"))
}

fn wait_until<T>(what: &str, timeout: Duration, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn output(cmd: &mut Command) -> Option<String> {
    let o = cmd.output().ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

fn screenshot(display: &str, path: &Path) {
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
fn colours(path: &Path) -> usize {
    output(
        Command::new("convert")
            .arg(path)
            .args(["-format", "%k", "info:"]),
    )
    .and_then(|s| s.parse().ok())
    .unwrap_or(0)
}

/// Number of pixels that differ between two images.
fn pixels_changed(a: &Path, b: &Path) -> u64 {
    // `compare` prints the metric on stderr and exits 1 when the images differ
    let o = Command::new("compare")
        .args(["-metric", "AE"])
        .arg(a)
        .arg(b)
        .arg("null:")
        .output()
        .expect("compare (imagemagick)");
    let s = String::from_utf8_lossy(&o.stderr);
    s.split_whitespace()
        .next()
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0) as u64
}

fn free_display() -> u32 {
    (100..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .expect("a free X display number")
}

/// The app under test: its process group (killed on drop), its window and where it is.
struct App {
    _guard: Group,
    display: String,
    marker: PathBuf,
    x: i64,
    y: i64,
    width: i64,
}

impl App {
    fn start(display: &str, data: &Path, marker: &Path) -> App {
        let guard = spawn_group(
            Command::new(env!("CARGO_BIN_EXE_kindlab"))
                .env("DISPLAY", display)
                .env("KINDLAB_DATA_DIR", data)
                .env("KINDLAB_ROUTE_MARKER", marker)
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let window = wait_until("the kindlab window", Duration::from_secs(90), || {
            output(Command::new("xdotool").env("DISPLAY", display).args([
                "search",
                "--onlyvisible",
                "--name",
                "^kindlab$",
            ]))
            .and_then(|s| s.lines().next().map(str::to_string))
        });
        // where is the window? (no window manager: usually 0,0)
        let geo = output(Command::new("xdotool").env("DISPLAY", display).args([
            "getwindowgeometry",
            "--shell",
            &window,
        ]))
        .expect("window geometry");
        let field = |k: &str| -> i64 {
            geo.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        App {
            _guard: guard,
            display: display.to_string(),
            marker: marker.to_path_buf(),
            x: field("X"),
            y: field("Y"),
            width: field("WIDTH"),
        }
    }

    /// Waits until the app reports `<route> <lang> <theme>`.
    fn wait_marker(&self, want: &str) {
        wait_until(want, Duration::from_secs(60), || {
            (std::fs::read_to_string(&self.marker).ok()? == want).then_some(())
        });
    }

    /// Clicks at a point given relative to the window.
    fn click(&self, dx: i64, dy: i64) {
        let (cx, cy) = (self.x + dx, self.y + dy);
        let clicked = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(["mousemove", &cx.to_string(), &cy.to_string(), "click", "1"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(clicked, "xdotool click at {cx},{cy}");
    }
}

#[test]
#[ignore = "needs Xvfb, xdotool and imagemagick; run by `cargo xtask test`"]
fn desktop_window_opens_renders_navigates_and_keeps_the_language() {
    let tmp = std::env::temp_dir().join(format!("kindlab-e2e-desktop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let n = free_display();
    let display = format!(":{n}");

    let _xvfb = spawn_group(
        Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    );
    wait_until("Xvfb", Duration::from_secs(20), || {
        Path::new(&format!("/tmp/.X11-unix/X{n}"))
            .exists()
            .then_some(())
    });

    let marker: PathBuf = tmp.join("state");
    let data = tmp.join("data");
    let app = App::start(&display, &data, &marker);
    app.wait_marker("home en-US system");

    // the first paint can trail the DOM a little: wait until the screen shows a real page
    let home = tmp.join("home.png");
    wait_until("a non-blank window", Duration::from_secs(30), || {
        screenshot(&display, &home);
        (colours(&home) > 50).then_some(())
    });

    // the sidebar's first lesson link: top bar 56px + padding 16 + Home 36 + gap 2 + group
    // heading (8 + 28) + gap 2 = 148; the link is 36px tall -> its middle is 166
    app.click(100, 166);
    app.wait_marker("lesson-kind-ha en-US system");
    let lesson = tmp.join("lesson.png");
    let changed = wait_until("the screen to change", Duration::from_secs(30), || {
        screenshot(&display, &lesson);
        let d = pixels_changed(&home, &lesson);
        (d > 2000).then_some(d)
    });
    assert!(colours(&lesson) > 50);
    eprintln!("desktop e2e: {changed} pixels changed after navigating");

    // the language switch: the right-most top-bar button (88px wide, 20px from the edge)
    app.click(app.width - 64, 28);
    app.wait_marker("lesson-kind-ha zh-CN system");
    let chinese = tmp.join("lesson-zh.png");
    wait_until(
        "the Chinese page on screen",
        Duration::from_secs(30),
        || {
            screenshot(&display, &chinese);
            (pixels_changed(&lesson, &chinese) > 500).then_some(())
        },
    );

    // the choice survives a restart: it was saved in the data directory
    drop(app);
    assert!(std::fs::read_to_string(data.join("settings.json"))
        .unwrap()
        .contains("zh"));
    let _ = std::fs::remove_file(&marker);
    let again = App::start(&display, &data, &marker);
    again.wait_marker("home zh-CN system");
    drop(again);

    if let Some(keep) = std::env::var_os("KINDLAB_SCREENSHOTS") {
        let keep = PathBuf::from(keep);
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::copy(&home, keep.join("desktop-home.png"));
        let _ = std::fs::copy(&lesson, keep.join("desktop-lesson.png"));
        let _ = std::fs::copy(&chinese, keep.join("desktop-lesson-zh.png"));
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
