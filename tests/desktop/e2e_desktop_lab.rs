//! Desktop end-to-end test of the lab: the real `kindlab` window under Xvfb, opened on `/lab`
//! (KINDLAB_START_ROUTE), clicked and typed at with xdotool. Every process it starts is in a
//! process group ended by a guard (killpg), also when the test fails.
//!
//! The desktop app has no WebDriver, and screenshots compared pixel by pixel depend on timing
//! and fonts (a scrollbar drawn a moment later once made this test fail). So the test reads
//! facts: the app's probe (`KINDLAB_PROBE`, see `src/ui/probe.rs`) writes where each
//! `data-testid` element is and its `data-*` attributes; the pointer moved to a known point on
//! the screen tells where the page sits in the window; the saved `lab.json` tells what ran (its
//! steps replayed through the simulator, the same code the app replays on start).
//!
//! In a fresh lab: a real click on worker2 opens its actions, Return runs the first ("Stop the
//! kubelet"); clicks on "Next event" until the node is NotReady, which the diagram then says.
//! A restart replays the lab: lab.json unchanged, the route marker says `lab`, and worker2 is
//! drawn NotReady with its kubelet stopped.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use crate::support::probe::{Page, Seen};
use crate::support::x11::{self, output, screenshot, start_app, wait_until, Display};
use kindlab::lab::{Lab, LabDoc, Step, CHAPTER_MOMENT_MS};
use kindlab_testkit::proc::Group;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const STOP2: &str = "docker exec cluster01-worker2 systemctl stop kubelet";
const WORKER2: &str = "node-cluster01-worker2";

/// The app under test: its process group (killed on drop), its window, where its page is.
struct App {
    _guard: Group,
    display: String,
    window: String,
    probe: PathBuf,
    /// Screen position of the page's top left corner.
    origin: (f64, f64),
}

impl App {
    /// Opens the app on the lab with this data directory, waits until it shows the lab and
    /// learns where its page is on the screen.
    fn start(display: &str, data: &Path, marker: &Path, probe: &Path) -> App {
        let _ = std::fs::remove_file(marker);
        let _ = std::fs::remove_file(probe);
        let (guard, window) = start_app(
            display,
            Command::new(env!("CARGO_BIN_EXE_kindlab"))
                .env("KINDLAB_DATA_DIR", data)
                .env("KINDLAB_ROUTE_MARKER", marker)
                .env("KINDLAB_PROBE", probe)
                .env("KINDLAB_START_ROUTE", "/lab"),
        );
        let geo = output(Command::new("xdotool").env("DISPLAY", display).args([
            "getwindowgeometry",
            "--shell",
            &window,
        ]))
        .expect("window geometry");
        let field = |k: &str| -> f64 {
            geo.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.0)
        };
        let mut app = App {
            _guard: guard,
            display: display.to_string(),
            window,
            probe: probe.to_path_buf(),
            origin: (0.0, 0.0),
        };
        wait_until("the lab route", Duration::from_secs(60), || {
            (std::fs::read_to_string(marker).ok()? == "lab en-US system").then_some(())
        });
        app.wait("the diagram", |p| p.find(WORKER2).map(|_| ()));
        // the pointer moved to a known point of the screen: the page says where it landed
        // (from a point beside it, so that there is a move; read after the probe has written
        // since, and twice the same, so that the reading is of this move)
        let (wx, wy, ww, wh) = (field("X"), field("Y"), field("WIDTH"), field("HEIGHT"));
        let at = ((wx + ww / 2.0).round(), (wy + wh / 2.0).round());
        let mut last = None;
        let (mx, my) = wait_until(
            "the pointer seen by the page",
            Duration::from_secs(60),
            || {
                app.pointer_to((at.0 + 7.0, at.1));
                app.pointer_to(at);
                std::thread::sleep(Duration::from_millis(700));
                let p = app.page()?;
                let now = (p.mouse.x?, p.mouse.y?);
                let agreed = last == Some(now);
                last = Some(now);
                agreed.then_some(now)
            },
        );
        app.origin = (at.0 - mx, at.1 - my);
        eprintln!(
            "desktop lab: the page starts at {:?} on the screen",
            app.origin
        );
        app
    }

    /// What the page shows now (None while the probe has not written yet).
    fn page(&self) -> Option<Page> {
        Page::read(&self.probe)
    }

    /// Waits until `f` finds what it looks for in the page.
    fn wait<T>(&self, what: &str, mut f: impl FnMut(&Page) -> Option<T>) -> T {
        wait_until(what, Duration::from_secs(60), || f(&self.page()?))
    }

    /// The screen point at the centre of an element.
    fn centre(&self, e: &Seen) -> (i64, i64) {
        (
            (self.origin.0 + e.x + e.w / 2.0).round() as i64,
            (self.origin.1 + e.y + e.h / 2.0).round() as i64,
        )
    }

    fn pointer_to(&self, (x, y): (f64, f64)) {
        let ok = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(["mousemove", &x.to_string(), &y.to_string()])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "xdotool mousemove {x},{y}");
    }

    /// A real click on the element with this test id.
    fn click(&self, id: &str) {
        let e = self.wait(&format!("{id} on screen"), |p| p.find(id).cloned());
        let (x, y) = self.centre(&e);
        let ok = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args([
                // no --sync: xdotool waits for ever when the pointer is already there
                "mousemove",
                &x.to_string(),
                &y.to_string(),
                "click",
                "1",
            ])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "xdotool click at {x},{y} ({id})");
    }

    /// A key pressed in the window (its X input focus set first: there is no window manager).
    fn key(&self, key: &str) {
        let ok = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(["windowfocus", "--sync", &self.window, "key", key])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "xdotool key {key}");
    }

    /// worker2 as the diagram draws it: (`data-state`, `data-kubelet`).
    fn worker2_drawn(&self) -> Option<(String, String)> {
        let p = self.page()?;
        let e = p.find(WORKER2)?;
        Some((
            e.attrs.get("data-state")?.clone(),
            e.attrs.get("data-kubelet")?.clone(),
        ))
    }
}

/// The saved lab (None while it is missing or half-written).
fn saved(data: &Path) -> Option<LabDoc> {
    serde_json::from_str(&std::fs::read_to_string(data.join("lab.json")).ok()?).ok()
}

fn waited(doc: &LabDoc) -> i64 {
    doc.steps
        .iter()
        .map(|s| match s {
            Step::Wait(ms) => *ms,
            Step::Run(_) => 0,
        })
        .sum()
}

/// worker2's state in the world the saved lab replays to.
fn worker2(doc: &LabDoc) -> (String, bool) {
    let lab = Lab::replay(doc.clone());
    let n = lab
        .topology()
        .node("cluster01-worker2")
        .expect("worker2 in the replayed lab");
    (n.state.to_string(), n.kubelet_running)
}

#[test]
#[ignore = "needs Xvfb and xdotool; run by `cargo xtask test`"]
fn desktop_lab_stop_a_kubelet_by_clicking_the_diagram_and_replay_it() {
    let tmp = std::env::temp_dir().join(format!("kindlab-e2e-desktop-lab-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let xvfb = Display::start();
    let display = xvfb.name.clone();
    let (marker, probe) = (tmp.join("route"), tmp.join("probe.json"));
    let shot = |name: &str| tmp.join(format!("{name}.png"));

    // a fresh lab opens at the chapter's moment: worker2 Ready, its kubelet running
    let data = tmp.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let app = App::start(&display, &data, &marker, &probe);
    let page = app.page().unwrap();
    let clock = page.find("clock-time").expect("the clock");
    assert_eq!(
        clock.attrs.get("data-ms").map(String::as_str),
        Some(CHAPTER_MOMENT_MS.to_string().as_str()),
        "the clock: {clock:?}"
    );
    assert_eq!(
        app.worker2_drawn(),
        Some(("Ready".into(), "running".into()))
    );
    screenshot(&display, &shot("fresh"));

    // --- click worker2, Return on its first action -------------------------------------------
    app.click(WORKER2);
    let actions = app.wait("worker2's actions", |p| p.find("node-actions").cloned());
    assert!(
        actions.text.contains("cluster01-worker2"),
        "the actions are worker2's: {:?}",
        actions.text
    );
    screenshot(&display, &shot("actions"));
    app.key("Return");
    let doc = wait_until("the stop in lab.json", Duration::from_secs(30), || {
        saved(&data).filter(|d| d.steps.iter().any(|s| *s == Step::Run(STOP2.into())))
    });
    assert_eq!(
        doc.steps,
        vec![Step::Run(STOP2.into())],
        "the click ran exactly the kubelet's stop"
    );
    assert_eq!(worker2(&doc), ("Ready".to_string(), false));
    let drawn = app.wait("worker2 drawn with its kubelet stopped", |_| {
        app.worker2_drawn().filter(|(_, k)| k == "stopped")
    });
    assert_eq!(
        drawn.0, "Ready",
        "still Ready until the grace period is over"
    );
    assert!(
        !app.page()
            .unwrap()
            .elements
            .iter()
            .any(|e| e.focused && e.id == "node-actions"),
        "the actions closed once one ran"
    );

    // --- clicks on Next event until worker2 is NotReady -------------------------------------
    // (each jumps to the next thing due, mostly a health check: some 200 presses)
    let mut presses = 0;
    let doc = loop {
        let doc = saved(&data).unwrap();
        if worker2(&doc).0 == "NotReady" {
            break doc;
        }
        presses += 1;
        assert!(
            presses <= 400,
            "worker2 not NotReady after 400 presses of Next event ({} ms)",
            waited(&doc)
        );
        let was = waited(&doc);
        app.click("clock-next");
        wait_until(
            &format!("Next event (click {presses}) to move the clock past {was} ms"),
            Duration::from_secs(20),
            || saved(&data).filter(|d| waited(d) > was),
        );
    };
    assert_eq!(doc.steps[0], Step::Run(STOP2.into()));
    assert!(
        matches!(doc.steps[1..], [Step::Wait(ms)] if ms >= 40_000),
        "the rest is the clock's waits (merged): {:?}",
        doc.steps
    );
    eprintln!(
        "desktop lab: NotReady after {presses} presses of Next event, at {} ms",
        waited(&doc)
    );
    app.wait("worker2 drawn NotReady", |_| {
        app.worker2_drawn()
            .filter(|d| *d == ("NotReady".to_string(), "stopped".to_string()))
    });
    screenshot(&display, &shot("notready"));

    // --- a restart replays the lab -----------------------------------------------------------
    let text = std::fs::read_to_string(data.join("lab.json")).unwrap();
    drop(app);
    let again = App::start(&display, &data, &marker, &probe);
    assert_eq!(
        again.worker2_drawn(),
        Some(("NotReady".into(), "stopped".into())),
        "worker2 after the restart is drawn as before it"
    );
    screenshot(&display, &shot("replayed"));
    assert_eq!(
        std::fs::read_to_string(data.join("lab.json")).unwrap(),
        text,
        "opening the app does not change the saved lab"
    );
    assert_eq!(
        std::fs::read_to_string(&marker).unwrap(),
        "lab en-US system"
    );
    drop(again);

    let shots = ["fresh", "actions", "notready", "replayed"].map(|name| (shot(name), name));
    let shots: Vec<(&Path, &str)> = shots.iter().map(|(p, n)| (p.as_path(), *n)).collect();
    x11::keep_screenshots("desktop-lab-", &shots);
    let _ = std::fs::remove_dir_all(&tmp);
}
