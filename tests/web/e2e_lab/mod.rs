//! Browser end-to-end tests of the lab (`/lab`): the web release in dist/, served on a random
//! loopback port, driven in Debian's headless Chromium through chromedriver. Run by
//! `cargo xtask test`, which builds dist/ first (they are `#[ignore]`d for a plain `cargo test`).
//!
//! Every test opens its own browser (a fresh profile: an empty localStorage, so a fresh lab with
//! the simulator's default seed; the lab's tests run beside each other, not beside the other
//! browser tests: `support::browser::shared_turn`) and waits on facts the page shows (data-* attributes, text),
//! never on sleeps. Keys and clicks go through WebDriver (real input events); JavaScript is used
//! only to read the page, to place the caret in a textarea before typing, and to install the
//! measurements of the responsiveness check.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use crate::support::browser::{
    click_centred, find_within, keep_screenshot, open, shared_turn, testid, Turn,
};
use crate::support::lab::Lab;
use fantoccini::elements::Element;
use fantoccini::Client;
use kindlab::lab::CHAPTER_MOMENT_MS;
use kindlab_testkit::browser::{wait_for, Browser};
use kindlab_testkit::serve::Server;
use serde_json::Value;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

// WebDriver key codes
const ENTER: &str = "\u{e007}";
const TAB: &str = "\u{e004}";
const UP: &str = "\u{e013}";
const DOWN: &str = "\u{e015}";
const CTRL: &str = "\u{e009}";
const NULL: &str = "\u{e000}";
const BACKSPACE: &str = "\u{e003}";

/// The web release served, a browser, and its client on `/lab`.
struct Page {
    c: Client,
    server: Server,
    browser: Browser,
    _turn: Turn,
}

impl Page {
    async fn open() -> Page {
        let turn = shared_turn();
        let (server, browser, c) = open().await;
        c.goto(&server.url("/lab")).await.unwrap();
        let p = Page {
            c,
            server,
            browser,
            _turn: turn,
        };
        p.wait_ready().await;
        p
    }

    async fn wait_ready(&self) {
        // the full edition has taken the pre-rendered lab page over
        find(&self.c, "html[data-kindlab=\"full\"]").await;
        find(&self.c, "[data-testid=\"page\"][data-route=\"lab\"]").await;
        find(&self.c, &testid("terminal-input")).await;
        find(&self.c, &testid("topology")).await;
    }

    async fn reload(&self) {
        self.c.refresh().await.unwrap();
        self.wait_ready().await;
    }

    async fn close(self) {
        let Page {
            browser,
            server,
            _turn,
            ..
        } = self;
        browser.close().await;
        drop(server);
        drop(_turn);
    }
}

/// The first element matching a CSS selector, once it exists.
async fn find(c: &Client, sel: &str) -> Element {
    find_within(c, sel, WAIT)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn click(c: &Client, id: &str) {
    click_el(c, find(c, &testid(id)).await).await;
}

/// Clicks an element (a real click through WebDriver), once it was scrolled to the middle of
/// its scroll container: WebDriver's own scrolling can leave it under the sticky top bar.
async fn click_el(c: &Client, e: Element) {
    click_centred(c, e).await.unwrap();
}

/// Runs `body` (a function body) in the page and returns its result.
async fn js(c: &Client, body: &str) -> Value {
    c.execute(body, vec![]).await.unwrap()
}

/// Runs `body` with these arguments (`arguments[0]`, …).
async fn js_with(c: &Client, body: &str, args: Vec<Value>) -> Value {
    c.execute(body, args).await.unwrap()
}

/// An attribute of the element with this data-testid (None: no element or no attribute).
async fn attr(c: &Client, id: &str, name: &str) -> Option<String> {
    js_with(
        c,
        "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
        vec![testid(id).into(), name.into()],
    )
    .await
    .as_str()
    .map(str::to_string)
}

/// Waits until the element's attribute reads `want`; the panic says what it read last.
async fn wait_attr(c: &Client, id: &str, name: &str, want: &str) {
    let r = wait_for(&format!("{id} {name}={want}"), WAIT, || async move {
        (attr(c, id, name).await.as_deref() == Some(want)).then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}; it reads {:?}", attr(c, id, name).await);
    }
}

/// Whether an element with this data-testid exists.
async fn exists(c: &Client, id: &str) -> bool {
    js_with(
        c,
        "return document.querySelector(arguments[0]) !== null;",
        vec![testid(id).into()],
    )
    .await
    .as_bool()
    .unwrap_or(false)
}

async fn wait_exists(c: &Client, id: &str, want: bool) {
    let r = wait_for(
        &format!("{id} to {}", if want { "appear" } else { "go" }),
        WAIT,
        || async move { (exists(c, id).await == want).then_some(()) },
    )
    .await;
    r.unwrap_or_else(|e| panic!("{e}"));
}

/// textContent of the element with this data-testid ("" when there is none).
async fn text(c: &Client, id: &str) -> String {
    js_with(
        c,
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
        vec![testid(id).into()],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the element's text contains every one of `parts`.
async fn wait_text_has(c: &Client, id: &str, parts: &[&str]) {
    let r = wait_for(&format!("{id} to contain {parts:?}"), WAIT, || async move {
        let t = text(c, id).await;
        parts.iter().all(|p| t.contains(p)).then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}; it reads:\n{}", text(c, id).await);
    }
}

/// The commands in the terminal's transcript (first lines), in order.
async fn transcript(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return Array.from(document.querySelectorAll('[data-testid=terminal-output] .term-cmd')).map(e => e.textContent.replace(/\\n$/, ''));",
    )
    .await;
    serde_json::from_value(v).unwrap_or_default()
}

/// The output of the last command in the transcript, and whether it was marked failed.
async fn last_output(c: &Client) -> (String, bool) {
    let v = js(
        c,
        "const o = document.querySelectorAll('[data-testid=terminal-output] .term-out'); const e = o[o.length - 1]; return e ? [e.textContent, e.classList.contains('failed')] : ['', false];",
    )
    .await;
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_bool().unwrap_or(false),
    )
}

/// The terminal input's current value.
async fn input_value(c: &Client) -> String {
    js(
        c,
        "return document.querySelector('[data-testid=terminal-input]').value;",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the terminal input holds `want`.
async fn wait_input(c: &Client, want: &str) {
    let r = wait_for(
        &format!("the input to read {want:?}"),
        WAIT,
        || async move { (input_value(c).await == want).then_some(()) },
    )
    .await;
    if let Err(e) = r {
        panic!("{e}; it reads {:?}", input_value(c).await);
    }
}

/// Sends keys to the terminal input.
async fn keys(c: &Client, k: &str) {
    Lab::new(c, WAIT).send_keys(k).await.unwrap();
}

/// Types one line and Enter (a heredoc line, or a command whose entry is checked by the caller).
async fn type_line(c: &Client, line: &str) {
    keys(c, &format!("{line}{ENTER}")).await;
    wait_input(c, "").await;
}

/// Waits until the transcript's last command is `cmd` (its first line) and the transcript
/// grew past `before` entries; returns the command's output and whether it failed.
async fn wait_entry(c: &Client, before: usize, cmd: &str) -> (String, bool) {
    let first = cmd.lines().next().unwrap_or("").to_string();
    let f = first.clone();
    let r = wait_for(&format!("`{first}` in the terminal"), WAIT, || {
        let f = f.clone();
        async move {
            let t = transcript(c).await;
            (t.len() > before && t.last() == Some(&f)).then_some(())
        }
    })
    .await;
    if let Err(e) = r {
        panic!("{e}; the transcript is {:?}", transcript(c).await);
    }
    last_output(c).await
}

/// Types a command, Enter, and waits for it in the transcript; returns its output. Panics if
/// the terminal marked it failed.
async fn run(c: &Client, cmd: &str) -> String {
    let before = transcript(c).await.len();
    type_line(c, cmd).await;
    let (out, failed) = wait_entry(c, before, cmd).await;
    assert!(!failed, "`{cmd}` failed in the lab:\n{out}");
    out
}

/// Clicks a node in the diagram, then one of its actions; waits for the command's echo in the
/// terminal (the command the action stands for).
async fn node_action(c: &Client, node: &str, action_sel: &str, echoed: &str) {
    let before = transcript(c).await.len();
    Lab::new(c, WAIT)
        .click_node(node)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let head = text(c, "node-actions").await;
    assert!(head.contains(node), "the actions are for {node}: {head}");
    click_el(c, find(c, action_sel).await).await;
    let (out, failed) = wait_entry(c, before, echoed).await;
    assert!(!failed, "`{echoed}` (clicked) failed:\n{out}");
    wait_exists(c, "node-actions", false).await;
}

async fn clock_ms(c: &Client) -> i64 {
    attr(c, "clock-time", "data-ms")
        .await
        .and_then(|v| v.parse().ok())
        .expect("clock-time data-ms")
}

/// Presses "Next event" until `done` holds (at most `max` times); each press must move the
/// clock. Returns the number of presses.
async fn next_until<F, Fut>(c: &Client, what: &str, max: usize, mut done: F) -> usize
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for i in 0..max {
        if done().await {
            return i;
        }
        let t = clock_ms(c).await;
        click(c, "clock-next").await;
        let r = wait_for("the clock to move", WAIT, || async move {
            (clock_ms(c).await > t).then_some(())
        })
        .await;
        r.unwrap_or_else(|e| panic!("{e} after Next event (at {t} ms)"));
    }
    assert!(
        done().await,
        "{what}: not after {max} presses of Next event"
    );
    max
}

/// Sets the clock's speed, plays until `done` holds, pauses; returns the virtual time then.
async fn play_until<F, Fut>(c: &Client, speed: &str, what: &str, mut done: F) -> i64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    find(c, &testid("clock-speed"))
        .await
        .select_by_value(speed)
        .await
        .unwrap();
    assert_eq!(
        attr(c, "clock-play", "data-playing").await.as_deref(),
        Some("false")
    );
    let t0 = clock_ms(c).await;
    click(c, "clock-play").await;
    wait_attr(c, "clock-play", "data-playing", "true").await;
    let deadline = Instant::now() + WAIT;
    while !done().await {
        assert!(
            Instant::now() < deadline,
            "{what}: not after playing from {t0} to {} ms",
            clock_ms(c).await
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    click(c, "clock-play").await;
    wait_attr(c, "clock-play", "data-playing", "false").await;
    let t1 = clock_ms(c).await;
    assert!(t1 > t0, "the clock did not move while playing");
    t1
}

async fn step_done(c: &Client, n: usize) {
    let id = format!("lab-step-{n}");
    let r = wait_for(&format!("step {n} to be done"), WAIT, || {
        let id = id.clone();
        async move { (attr(c, &id, "data-done").await.as_deref() == Some("true")).then_some(()) }
    })
    .await;
    if let Err(e) = r {
        panic!("{e}; why not: {:?}", text(c, "lab-why").await);
    }
}

async fn step_not_done(c: &Client, n: usize) {
    assert_eq!(
        attr(c, &format!("lab-step-{n}"), "data-done")
            .await
            .as_deref(),
        Some("false"),
        "step {n} should not be done yet; why: {}",
        text(c, "lab-why").await
    );
}

/// The HAProxy log panel's text (the log tab is opened first).
async fn panel_log(c: &Client) -> String {
    click(c, "lab-tab-log").await;
    find(c, &testid("panel-log")).await;
    text(c, "panel-log").await
}

/// Places the caret of a textarea at character offset `at` (so typing inserts
/// there), having focused it first: WebDriver only moves the caret to the end of an element
/// that was not focused.
async fn caret(c: &Client, id: &str, at: usize) {
    js_with(
        c,
        "const e = document.querySelector(arguments[0]); e.focus(); e.setSelectionRange(arguments[1], arguments[1]);",
        vec![testid(id).into(), at.into()],
    )
    .await;
}

/// The value of a textarea or input.
async fn value_of(c: &Client, id: &str) -> String {
    js_with(
        c,
        "const e = document.querySelector(arguments[0]); return e ? e.value : '';",
        vec![testid(id).into()],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Character offset of the end of the first line of `text` containing `needle`.
fn end_of_line(text: &str, needle: &str) -> usize {
    let mut at = 0;
    for line in text.split('\n') {
        if line.contains(needle) {
            return at + line.chars().count();
        }
        at += line.chars().count() + 1;
    }
    panic!("no line with {needle:?} in:\n{text}");
}

/// Types `s` into a textarea at the end of the line holding `needle`; waits until the
/// textarea holds the typed text.
async fn type_after_line(c: &Client, id: &str, needle: &str, s: &str) -> String {
    let before = value_of(c, id).await;
    let at = end_of_line(&before, needle);
    caret(c, id, at).await;
    find(c, &testid(id)).await.send_keys(s).await.unwrap();
    let mut want: Vec<char> = before.chars().collect();
    for (i, ch) in s.chars().enumerate() {
        want.insert(at + i, ch);
    }
    let want: String = want.into_iter().collect();
    let w = want.clone();
    let r = wait_for("the typed text in the editor", WAIT, || {
        let w = w.clone();
        async move { (value_of(c, id).await == w).then_some(()) }
    })
    .await;
    if let Err(e) = r {
        panic!("{e}; it holds:\n{}", value_of(c, id).await);
    }
    want
}

/// The screenshot, saved as DIR/lab-NAME.png when KINDLAB_SCREENSHOTS=DIR is set.
async fn shot(c: &Client, name: &str) {
    keep_screenshot(c, &format!("lab-{name}.png")).await;
}

/// Asserts that the page does not scroll sideways: long terminal and log lines scroll inside
/// their own boxes, the lab's columns do not grow to fit them.
async fn no_sideways_scroll(c: &Client, when: &str) {
    let v = js(
        c,
        "return ['html', 'body', '.app', '.body', '.page', '.lab', '.lab-work'].map(s => { const e = document.querySelector(s); return e ? [s, e.scrollWidth, e.clientWidth] : [s, 0, 0]; }).filter(([_, sw, cw]) => sw > cw + 1);",
    )
    .await;
    assert_eq!(
        v,
        serde_json::json!([]),
        "{when}: these are wider than the window (scrollWidth, clientWidth)"
    );
}

const STOP2: &str = "docker exec cluster01-worker2 systemctl stop kubelet";
const START2: &str = "docker exec cluster01-worker2 systemctl start kubelet";
const NGINX_POD: &str = "nginx-ingress-controller-7d6bf88c86-r7ztq";

mod config;
mod guides;
mod terminal;
