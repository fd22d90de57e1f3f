//! Desktop end-to-end test of the lab: the real `kindlab` window under Xvfb, opened on `/lab`
//! (KINDLAB_START_ROUTE), clicked with xdotool, looked at with ImageMagick. Every process it
//! starts is in a process group ended by a guard (killpg), also when the test fails.
//!
//! The desktop app has no WebDriver, so where is worker2 on the screen? Counting Tab presses
//! from the top of the page breaks whenever a control is added above the diagram, and fixed
//! coordinates break with any change of layout or font. Instead the test asks the app itself:
//! it opens the app on saved labs that differ in one visible thing only, and the pixels that
//! change are where that thing is drawn:
//!   - a fresh lab vs one where worker2's kubelet was stopped (and the terminal cleared):
//!     only worker2's box changes ("kubelet stopped"), so its centre is worker2;
//!   - HAProxy stopped at 0 s vs the same 15 s later: only the clock's seconds change; the
//!     "Next event" button is just left of the time (six monospace characters before the
//!     seconds' second digit, then the clock bar's 10 px gap).
//!
//! Then, in the fresh lab: a real click on worker2 opens its actions with the focus on the
//! first ("Stop the kubelet"), Return runs it; clicks on "Next event" until the node is
//! NotReady. Facts are read from the saved lab.json (its steps are replayed through the
//! simulator, the same code the app replays on start) and from the screen (worker2's box
//! changed). A restart replays the lab: lab.json unchanged, the route marker says `lab`, and
//! worker2's box is drawn as it was.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use crate::support::x11::{self, colours, output, screenshot, start_app, wait_until, Display};
use kindlab::lab::{Lab, LabDoc, Step};
use kindlab_testkit::proc::Group;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const STOP2: &str = "docker exec cluster01-worker2 systemctl stop kubelet";

/// How far apart two colours may be and still count as the same: WebKit's text antialiasing
/// differs by a level or two from one start of the app to the next.
const FUZZ: &str = "12%";

/// The same when looking for where something changed: the app's SVG icons (the logo, the
/// theme switch's) land on a different sub-pixel offset from one start to the next, which
/// shifts their edges by up to a third of full contrast, while a changed word or digit swaps
/// text for background.
const LOCATE_FUZZ: &str = "35%";

/// Number of pixels that differ between two images (beyond [`FUZZ`]; all of them when
/// ImageMagick's answer cannot be read).
fn pixels_changed(a: &Path, b: &Path) -> u64 {
    x11::pixels_differ(a, b, Some(FUZZ)).unwrap_or(u64::MAX)
}

/// A rectangle on the screen.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: i64,
    y: i64,
    w: i64,
    h: i64,
}

impl Rect {
    fn centre(&self) -> (i64, i64) {
        (self.x + self.w / 2, self.y + self.h / 2)
    }
    fn grown(&self, left: i64, top: i64, w: i64, h: i64) -> Rect {
        Rect {
            x: (self.x - left).max(0),
            y: (self.y - top).max(0),
            w,
            h,
        }
    }
}

/// Where the biggest change between two screenshots is: the bounding box of the largest
/// patch of changed pixels (neighbours within 3 px merged, so a word is one patch), leaving out
/// stray specks elsewhere (a health check's dot caught mid-flight). None: no change.
fn changed_box(a: &Path, b: &Path, tmp: &Path) -> Option<Rect> {
    let diff = tmp.join("diff.png");
    let _ = Command::new("compare")
        .args(["-fuzz", LOCATE_FUZZ])
        .arg(a)
        .arg(b)
        .args([
            "-compose",
            "src",
            "-highlight-color",
            "white",
            "-lowlight-color",
            "black",
        ])
        .arg(&diff)
        .output()
        .expect("compare (imagemagick)");
    // "  3: 79x15+632+706 671.9,712.9 885 gray(255)": id, box, centroid, area, colour
    let o = Command::new("convert")
        .arg(&diff)
        .args([
            "-threshold",
            "50%",
            "-morphology",
            "Dilate",
            "Disk:3",
            "-define",
            "connected-components:verbose=true",
            "-connected-components",
            "8",
            "null:",
        ])
        .output()
        .expect("convert -connected-components (imagemagick)");
    let text = String::from_utf8_lossy(&o.stdout);
    let mut best: Option<(u64, Rect)> = None;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 5 || !(f[4].contains("255") || f[4] == "white") {
            continue;
        }
        let parse = || -> Option<(u64, Rect)> {
            let (wh, xy) = f[1].split_once('+')?;
            let (w, h) = wh.split_once('x')?;
            let (x, y) = xy.split_once('+')?;
            let r = Rect {
                x: x.parse::<i64>().ok()? + 3,
                y: y.parse::<i64>().ok()? + 3,
                w: w.parse::<i64>().ok()? - 6,
                h: h.parse::<i64>().ok()? - 6,
            };
            Some((f[3].parse().ok()?, r))
        };
        if let Some((area, r)) = parse() {
            if best.is_none_or(|(a, _)| area > a) {
                best = Some((area, r));
            }
        }
    }
    best.map(|(_, r)| r).filter(|r| r.w > 0 && r.h > 0)
}

/// A part of a screenshot, as its own image.
fn crop(src: &Path, r: Rect, dst: &Path) {
    let ok = Command::new("convert")
        .arg(src)
        .args([
            "-crop",
            &format!("{}x{}+{}+{}", r.w, r.h, r.x, r.y),
            "+repage",
        ])
        .arg(dst)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "convert -crop {r:?}");
}

/// The app under test: its process group (killed on drop) and where its window is.
struct App {
    _guard: Group,
    display: String,
    window: String,
    x: i64,
    y: i64,
}

impl App {
    /// Opens the app on the lab with this data directory, and waits until it shows the lab.
    fn start(display: &str, data: &Path, marker: &Path) -> App {
        let _ = std::fs::remove_file(marker);
        let (guard, window) = start_app(
            display,
            Command::new(env!("CARGO_BIN_EXE_kindlab"))
                .env("KINDLAB_DATA_DIR", data)
                .env("KINDLAB_ROUTE_MARKER", marker)
                .env("KINDLAB_START_ROUTE", "/lab"),
        );
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
        let app = App {
            _guard: guard,
            display: display.to_string(),
            window,
            x: field("X"),
            y: field("Y"),
        };
        wait_until("the lab route", Duration::from_secs(60), || {
            (std::fs::read_to_string(marker).ok()? == "lab en-US system").then_some(())
        });
        app
    }

    /// A screenshot once the screen stopped changing (the first paint and the diagram's
    /// check animations, 0.7 s, are over).
    fn settled(&self, path: &Path) {
        let prev = path.with_extension("prev.png");
        screenshot(&self.display, &prev);
        wait_until("the screen to settle", Duration::from_secs(30), || {
            std::thread::sleep(Duration::from_millis(400));
            screenshot(&self.display, path);
            let same = pixels_changed(&prev, path) == 0 && colours(path) > 50;
            let _ = std::fs::copy(path, &prev);
            same.then_some(())
        });
        let _ = std::fs::remove_file(&prev);
    }

    /// A real click at a point on the screen.
    fn click(&self, (x, y): (i64, i64)) {
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
        assert!(ok, "xdotool click at {x},{y}");
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
}

/// The saved lab (None while it is missing or half-written).
fn saved(data: &Path) -> Option<LabDoc> {
    serde_json::from_str(&std::fs::read_to_string(data.join("lab.json")).ok()?).ok()
}

fn write_lab(data: &Path, steps: Vec<Step>) {
    std::fs::create_dir_all(data).unwrap();
    let doc = LabDoc {
        steps,
        ..LabDoc::default()
    };
    std::fs::write(
        data.join("lab.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
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
#[ignore = "needs Xvfb, xdotool and imagemagick; run by `cargo xtask test`"]
fn desktop_lab_stop_a_kubelet_by_clicking_the_diagram_and_replay_it() {
    let tmp = std::env::temp_dir().join(format!("kindlab-e2e-desktop-lab-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let xvfb = Display::start();
    let display = xvfb.name.clone();
    let marker = tmp.join("route");
    let shot = |name: &str| tmp.join(format!("{name}.png"));

    // --- where things are: labs that differ in one visible thing --------------------------
    let calibrate = |name: &str, steps: Vec<Step>| -> PathBuf {
        let data = tmp.join(format!("data-{name}"));
        write_lab(&data, steps);
        let app = App::start(&display, &data, &marker);
        app.settled(&shot(name));
        shot(name)
    };
    let stopped = calibrate(
        "kubelet-stopped",
        vec![Step::Run(STOP2.into()), Step::Run("clear".into())],
    );
    let lb_stop = "docker stop HAProxy-workers-lb";
    let at0 = calibrate(
        "clock-0s",
        vec![Step::Run(lb_stop.into()), Step::Run("clear".into())],
    );
    let at15 = calibrate(
        "clock-15s",
        vec![
            Step::Run(lb_stop.into()),
            Step::Wait(15_000),
            Step::Run("clear".into()),
        ],
    );
    // 00:00:00 -> 00:00:15: the last two digits of the clock's time (a monospace font)
    let clock = changed_box(&at0, &at15, &tmp).expect("the clock's time changed on screen");
    assert!(
        clock.w < 60 && clock.h < 40,
        "more than the clock's seconds changed between 0 s and 15 s: {clock:?}"
    );
    // "HH:MM:" and the seconds' first digit before them; the clock bar's gap (10 px) and
    // "Next event" (over 100 px wide) before that
    let advance = clock.w / 2;
    let next = (clock.x - 6 * advance - 40, clock.y + clock.h / 2);

    // the real run: a fresh lab
    let data = tmp.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let app = App::start(&display, &data, &marker);
    let fresh = shot("fresh");
    app.settled(&fresh);
    let node = changed_box(&fresh, &stopped, &tmp).expect("worker2's box changed on screen");
    assert!(
        node.w < 400 && node.h < 200,
        "more than worker2's box changed when its kubelet stopped: {node:?}"
    );
    let (ox, oy) = (app.x, app.y);
    eprintln!(
        "desktop lab: worker2 at {node:?}, the clock's seconds at {clock:?}, Next event at {next:?} (window at {ox},{oy})"
    );
    // the inside of worker2's box: its title line (state) and its lines, not its border,
    // which turns the accent colour while the node has the keyboard focus (it gets the focus
    // back once one of its actions ran)
    let region = node.grown(6, 22, 242, 100);

    // --- click worker2, Return on its first action -------------------------------------------
    app.click(node.centre());
    let opened = shot("actions");
    app.settled(&opened);
    let d = pixels_changed(&fresh, &opened);
    assert!(
        d > 2000,
        "the click on worker2 changed only {d} pixels: no actions opened"
    );
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
    let before = shot("kubelet-stopped-live");
    app.settled(&before);
    crop(&before, region, &tmp.join("node-before.png"));
    crop(&stopped, region, &tmp.join("node-calibrated.png"));
    let d = pixels_changed(
        &tmp.join("node-before.png"),
        &tmp.join("node-calibrated.png"),
    );
    assert!(
        d < 200,
        "worker2 after the click should look as in the saved lab with the kubelet stopped ({d} pixels differ)"
    );

    // --- clicks on Next event until worker2 is NotReady -------------------------------------
    // (each jumps to the next thing due, mostly a health check: some 200 presses. Play is
    // not used: a click does not focus a button in WebKitGTK, so it cannot be reached from
    // Next event by keyboard, and its place would have to be guessed.)
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
        app.click(next);
        wait_until(
            &format!("Next event (click {presses} at {next:?}) to move the clock past {was} ms"),
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
    let after = shot("notready");
    app.settled(&after);
    crop(&after, region, &tmp.join("node-after.png"));
    let changed = pixels_changed(&tmp.join("node-before.png"), &tmp.join("node-after.png"));
    assert!(
        changed > 300,
        "worker2's box should be drawn NotReady: only {changed} pixels changed"
    );

    // --- a restart replays the lab -----------------------------------------------------------
    let text = std::fs::read_to_string(data.join("lab.json")).unwrap();
    drop(app);
    let again = App::start(&display, &data, &marker);
    let replayed = shot("replayed");
    again.settled(&replayed);
    crop(&replayed, region, &tmp.join("node-replayed.png"));
    let d = pixels_changed(&tmp.join("node-after.png"), &tmp.join("node-replayed.png"));
    assert!(
        d < 200,
        "worker2 after the restart is drawn as before it ({d} pixels differ)"
    );
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
