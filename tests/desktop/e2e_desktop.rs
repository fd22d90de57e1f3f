//! Desktop end-to-end tests: the real `kindlab` window under Xvfb, the keyboard through xdotool
//! (no pixel coordinates: the layout may change). The app writes its route, language and theme
//! to KINDLAB_ROUTE_MARKER on every render, what the page shows to KINDLAB_PROBE (each test id's
//! element, its attributes and text), and KINDLAB_START_ROUTE opens it on a page, so the tests
//! wait on facts, not sleeps or pixel diffs (screenshots are kept for people to look at). Every
//! process started is killed by a guard (killpg), also on failure.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use crate::support::probe::{Page, Seen};
use crate::support::quiz::CHAPTER_KEY;
use crate::support::x11::{self, colours, screenshot, start_app, wait_until, xdotool, Display};
use kindlab_testkit::proc::Group;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The app under test: its process group (killed on drop), its window and where it is.
struct App {
    guard: Group,
    display: String,
    marker: PathBuf,
    window: String,
}

impl App {
    /// Starts the app on `display` with its data in `data`; `route` (KINDLAB_START_ROUTE)
    /// opens it on that page instead of the home page.
    fn start(display: &str, data: &Path, marker: &Path, route: Option<&str>) -> App {
        Self::start_in(display, data, marker, route, "en_US.UTF-8")
    }

    /// Like `start`, with the system's language (the locale) set to `locale`.
    fn start_in(
        display: &str,
        data: &Path,
        marker: &Path,
        route: Option<&str>,
        locale: &str,
    ) -> App {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kindlab"));
        cmd.env("LANG", locale)
            .env("LC_ALL", locale)
            .env("LC_MESSAGES", locale)
            .env_remove("LANGUAGE")
            .env("KINDLAB_DATA_DIR", data)
            .env("KINDLAB_ROUTE_MARKER", marker)
            .env("KINDLAB_PROBE", marker.with_extension("probe.json"))
            .env_remove("KINDLAB_START_ROUTE");
        if let Some(r) = route {
            cmd.env("KINDLAB_START_ROUTE", r);
        }
        let (guard, window) = start_app(display, &mut cmd);
        App {
            guard,
            display: display.to_string(),
            marker: marker.to_path_buf(),
            window,
        }
    }

    /// Waits until the page shows an element with this test id (drawn, not hidden) and `f`
    /// holds for it; returns it.
    fn wait_shown(&self, id: &str, f: impl Fn(&Seen) -> bool) -> Seen {
        let probe = self.marker.with_extension("probe.json");
        wait_until(&format!("{id} on screen"), Duration::from_secs(60), || {
            Page::read(&probe)?.find(id).filter(|e| f(e)).cloned()
        })
    }

    /// What the app reports: `<route> <lang> <theme>`.
    fn marker(&self) -> String {
        std::fs::read_to_string(&self.marker).unwrap_or_default()
    }

    /// Waits until the app reports `<route> <lang> <theme>`; on a time-out, says what it
    /// reports and keeps a screenshot beside the marker.
    fn wait_marker(&self, want: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.marker() != want {
            if Instant::now() > deadline {
                let png = self.marker.with_extension("timeout.png");
                screenshot(&self.display, &png);
                keep_screenshots(&[(&png, "timeout")]);
                panic!(
                    "timed out waiting for the app to report {want:?}; it reports {:?} \
                     (screen: {})",
                    self.marker(),
                    png.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn xdotool(&self, args: &[&str]) {
        assert!(xdotool(&self.display, args), "xdotool {args:?}");
    }

    /// Gives the window the keyboard focus (there is no window manager to do it).
    fn focus(&self) {
        self.xdotool(&["windowfocus", "--sync", &self.window]);
    }

    /// Presses keys (xdotool names: Tab, shift+Tab, Return, 3 ...) one after another.
    fn keys(&self, keys: &[&str]) {
        self.focus();
        let mut args = vec!["key", "--clearmodifiers", "--delay", "80"];
        args.extend_from_slice(keys);
        self.xdotool(&args);
    }

    /// Screenshots until the window shows a page (the first paint can trail the DOM).
    fn wait_painted(&self, png: &Path) {
        wait_until("a non-blank window", Duration::from_secs(30), || {
            screenshot(&self.display, png);
            (colours(png) > 50).then_some(())
        });
    }

    /// Ends the app the way a crash or a kill would: no chance to save on the way out.
    fn end(mut self) {
        self.guard.end().expect("end the app's process group");
    }
}

/// A temporary folder of the test's own.
fn temp(name: &str) -> PathBuf {
    let tmp = std::env::temp_dir().join(format!("kindlab-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    tmp
}

/// With KINDLAB_SCREENSHOTS=DIR, keeps the screenshots as DIR/desktop-NAME.png.
fn keep_screenshots(shots: &[(&Path, &str)]) {
    x11::keep_screenshots("desktop-", shots);
}

// One desktop test at a time: `Display::start` takes the binary's turn with displays.

#[test]
#[ignore = "needs Xvfb and xdotool; run by `cargo xtask test`"]
fn desktop_window_opens_renders_navigates_and_keeps_the_language() {
    let tmp = temp("desktop");
    let x = Display::start();
    let display = x.name.clone();

    let marker: PathBuf = tmp.join("state");
    let data = tmp.join("data");
    let app = App::start(&display, &data, &marker, None);
    app.wait_marker("home en-US system");
    let home = tmp.join("home.png");
    app.wait_painted(&home);

    // the sidebar's first lesson with the keyboard: Tab past the skip link, the two top-bar
    // switches, the search box and Overview, then Enter (typing into the search box is left
    // out: on the desktop it loses keys typed quickly, see the report of the e2e branch)
    app.keys(&["Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Return"]);
    app.wait_marker("lesson-kind-ha en-US system");
    // the lesson is on screen: its title, in English
    let title = app.wait_shown("lesson-title", |e| !e.text.trim().is_empty());
    assert!(title.text.is_ascii(), "an English title: {:?}", title.text);
    let lesson = tmp.join("lesson.png");
    app.wait_painted(&lesson);

    // the language switch: back past Overview and the search box, Enter
    app.keys(&["shift+Tab", "shift+Tab", "shift+Tab", "Return"]);
    app.wait_marker("lesson-kind-ha zh-CN system");
    // the lesson's title is now the Chinese one
    let zh = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let title = app.wait_shown("lesson-title", |e| zh(&e.text));
    eprintln!("desktop e2e: the Chinese title {:?}", title.text);
    let chinese = tmp.join("lesson-zh.png");
    app.wait_painted(&chinese);

    // the choice survives a restart: it was saved in the data directory
    drop(app);
    assert!(std::fs::read_to_string(data.join("settings.json"))
        .unwrap()
        .contains("zh"));
    let _ = std::fs::remove_file(&marker);
    let again = App::start(&display, &data, &marker, None);
    again.wait_marker("home zh-CN system");
    drop(again);

    keep_screenshots(&[
        (&home, "home"),
        (&lesson, "lesson"),
        (&chinese, "lesson-zh"),
    ]);

    // a first run on a Chinese system opens in Chinese; a saved choice wins over the system
    let fresh = tmp.join("fresh");
    let _ = std::fs::remove_file(&marker);
    let zh = App::start_in(&display, &fresh, &marker, None, "zh_CN.UTF-8");
    zh.wait_marker("home zh-CN system");
    drop(zh);
    let _ = std::fs::remove_file(&marker);
    let chosen = App::start_in(&display, &data, &marker, None, "en_US.UTF-8");
    chosen.wait_marker("home zh-CN system");
    drop(chosen);
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The saved progress document, parsed (null while there is none).
fn progress_file(data: &Path) -> serde_json::Value {
    std::fs::read_to_string(data.join("progress.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Waits until the progress file satisfies `f`.
fn wait_progress(
    data: &Path,
    what: &str,
    f: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let p = progress_file(data);
        if f(&p) {
            return p;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what} in progress.json: {p}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How many of the chapter run's questions have an answer.
fn chapter_answers(p: &serde_json::Value) -> usize {
    p["runs"]["chapter"]["attempts"]
        .as_array()
        .map(|a| a.iter().filter(|x| !x.is_null()).count())
        .unwrap_or(0)
}

#[test]
#[ignore = "needs Xvfb and xdotool; run by `cargo xtask test`"]
fn desktop_quiz_answer_is_saved_at_once_and_kept_after_a_restart() {
    let tmp = temp("desktop-quiz");
    let x = Display::start();
    let display = x.name.clone();
    let marker = tmp.join("state");
    let data = tmp.join("data");

    let app = App::start(&display, &data, &marker, Some("/quiz/chapter"));
    app.wait_marker("quiz-chapter en-US system");
    let start = tmp.join("quiz-start.png");
    app.wait_painted(&start);

    // Start is the page's last control: Shift+Tab from the top reaches it. Then the focus is
    // in the first question: 3 picks the right option, Enter checks it
    app.keys(&["shift+Tab", "Return"]);
    // the chapter quiz's answer key, pressed as in the browser's keyboard-only run
    let (first, second) = (CHAPTER_KEY[0].to_string(), CHAPTER_KEY[1].to_string());
    let p = wait_progress(&data, "a started chapter run", |p| {
        p["runs"]["chapter"].is_object()
    });
    assert_eq!(p["runs"]["chapter"]["current"], 0, "{p}");
    app.keys(&[&first, "Return"]);
    // saved after the answer, before anything else happens
    let p = wait_progress(&data, "the first answer", |p| chapter_answers(p) == 1);
    assert!(p["quiz_answers"].as_u64().unwrap_or(0) >= 1, "{p}");
    assert_eq!(p["runs"]["chapter"]["attempts"][0]["correct"], true, "{p}");
    assert_eq!(p["history"][0]["question"], "chapter-1", "{p}");
    // the feedback is on screen, saying it was right
    let feedback = app.wait_shown("quiz-feedback", |e| {
        e.attrs.get("data-correct").map(String::as_str) == Some("true")
    });
    eprintln!("desktop e2e: feedback {:?}", feedback.text);
    let answered = tmp.join("quiz-answered.png");
    app.wait_painted(&answered);

    // the app is ended without warning, then started again on the same page
    app.end();
    let kept = progress_file(&data);
    assert_eq!(chapter_answers(&kept), 1, "{kept}");
    let _ = std::fs::remove_file(&marker);
    let again = App::start(&display, &data, &marker, Some("/quiz/chapter"));
    again.wait_marker("quiz-chapter en-US system");
    let reopened = tmp.join("quiz-reopened.png");
    again.wait_painted(&reopened);
    // the answered question is back (with its feedback): Enter goes on to the second, 4 and
    // Enter answer it; the run continues where it was instead of starting again
    again.keys(&["Return"]);
    let p = wait_progress(&data, "the second question on screen", |p| {
        p["runs"]["chapter"]["current"] == 1
    });
    assert_eq!(chapter_answers(&p), 1, "{p}");
    again.keys(&[&second, "Return"]);
    let p = wait_progress(&data, "the second answer", |p| chapter_answers(p) == 2);
    assert_eq!(p["quiz_answers"], 2, "{p}");
    assert_eq!(p["runs"]["chapter"]["attempts"][1]["correct"], true, "{p}");
    drop(again);

    keep_screenshots(&[
        (&start, "quiz-start"),
        (&answered, "quiz-answered"),
        (&reopened, "quiz-reopened"),
    ]);
    let _ = std::fs::remove_dir_all(&tmp);
}
