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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_chapter_guide_completed_through_the_terminal() {
    let p = Page::open().await;
    let c = &p.c;
    click(c, "guide-start-chapter").await;
    wait_attr(c, "guide", "data-guide", "chapter").await;
    wait_attr(c, "guide", "data-done", "0").await;
    for n in 1..=8 {
        step_not_done(c, n).await;
    }
    assert!(!exists(c, "guide-finished").await);

    // 1. the worker that runs NGINX, from HAProxy's log: the others are reported DOWN once
    // their checks failed (the log is empty of them at virtual time 0)
    run(c, "sleep 10s").await;
    let log = run(c, "docker logs HAProxy-workers-lb").await;
    assert!(log.contains("Server ingress_http/worker3 is DOWN"), "{log}");
    assert!(log.contains("Server ingress_http/worker is DOWN"), "{log}");
    assert!(!log.contains("worker2 is DOWN"), "{log}");
    no_sideways_scroll(c, "after HAProxy's long log lines in the terminal").await;
    wait_attr(c, "server-ingress_http-worker3", "data-state", "DOWN").await;
    wait_attr(c, "server-ingress_http-worker2", "data-state", "UP").await;
    step_not_done(c, 1).await;
    click(c, "lab-answer-cluster01-worker3").await;
    wait_text_has(c, "lab-why", &["Not cluster01-worker3"]).await;
    step_not_done(c, 1).await;
    click(c, "lab-answer-cluster01-worker2").await;
    step_done(c, 1).await;
    step_not_done(c, 2).await;

    // 2. stop worker2's kubelet, the chapter's way
    run(c, STOP2).await;
    step_done(c, 2).await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "stopped").await;
    assert_eq!(
        attr(c, "node-cluster01-worker2", "data-state")
            .await
            .as_deref(),
        Some("Ready"),
        "the node is Ready until the grace period passed"
    );
    wait_text_has(c, "lab-announce", &["cluster01-worker2 kubelet stopped"]).await;
    step_not_done(c, 3).await;

    // 3. the chapter's 40 s, then kubectl get nodes until it says NotReady
    run(c, "sleep 40s").await;
    let mut nodes = run(c, "kubectl get nodes").await;
    let mut extra = 0;
    while !nodes
        .lines()
        .any(|l| l.starts_with("cluster01-worker2 ") && l.contains("NotReady"))
    {
        extra += 1;
        assert!(
            extra <= 3,
            "worker2 not NotReady 70 s after its kubelet stopped:\n{nodes}"
        );
        run(c, "sleep 10s").await;
        nodes = run(c, "kubectl get nodes").await;
    }
    wait_attr(c, "node-cluster01-worker2", "data-state", "NotReady").await;
    wait_text_has(c, "lab-announce", &["cluster01-worker2 NotReady"]).await;
    step_done(c, 3).await;

    // 4. the pod still Running on the NotReady node
    let pods = run(c, "kubectl get pods -n ingress-nginx -o wide").await;
    let line = pods
        .lines()
        .find(|l| l.starts_with(NGINX_POD))
        .unwrap_or_else(|| panic!("{pods}"));
    assert!(
        line.contains("Running") && line.contains("cluster01-worker2"),
        "{pods}"
    );
    step_done(c, 4).await;

    // 5. delete it
    let out = run(
        c,
        &format!("kubectl delete pod {NGINX_POD} -n ingress-nginx"),
    )
    .await;
    assert!(
        out.contains(&format!("pod \"{NGINX_POD}\" deleted")),
        "{out}"
    );
    step_done(c, 5).await;

    // 6. the replacement lands on worker3, HAProxy brings worker3 UP ("2 active")
    run(c, "sleep 20s").await;
    wait_attr(c, "server-ingress_http-worker3", "data-state", "UP").await;
    wait_attr(c, "server-ingress_https-worker3", "data-state", "UP").await;
    // the old worker still counts: its orphaned NGINX answers the checks
    wait_attr(c, "server-ingress_http-worker2", "data-state", "UP").await;
    wait_text_has(c, "lab-announce", &["ingress_http/worker3 UP"]).await;
    let recent = run(c, "docker logs --since 20s HAProxy-workers-lb").await;
    assert!(
        recent.contains("Server ingress_http/worker3 is UP"),
        "{recent}"
    );
    assert!(recent.contains("2 active"), "{recent}");
    let log = panel_log(c).await;
    assert!(log.contains("Server ingress_http/worker3 is UP"), "{log}");
    assert!(
        log.contains("2 active and 0 backup servers online"),
        "{log}"
    );
    let pods = run(c, "kubectl get pods -n ingress-nginx -o wide").await;
    assert!(
        pods.lines()
            .any(|l| l.contains("Running") && l.contains("cluster01-worker3")),
        "the replacement runs on worker3:\n{pods}"
    );
    step_not_done(c, 6).await;
    click(c, "lab-answer-replicas").await;
    wait_text_has(c, "lab-why", &["Not that"]).await;
    step_not_done(c, 6).await;
    click(c, "lab-answer-orphan").await;
    step_done(c, 6).await;

    // 7. the kubelet back: it stops the orphan, HAProxy takes worker2 DOWN
    run(c, START2).await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "running").await;
    step_not_done(c, 7).await;
    run(c, "sleep 30s").await;
    wait_attr(c, "server-ingress_http-worker2", "data-state", "DOWN").await;
    wait_attr(c, "node-cluster01-worker2", "data-state", "Ready").await;
    wait_text_has(c, "lab-announce", &["ingress_http/worker2 DOWN"]).await;
    step_done(c, 7).await;

    // 8. clean up
    let out = run(c, "kind delete cluster --name cluster01").await;
    assert!(out.contains("Deleting cluster \"cluster01\""), "{out}");
    wait_exists(c, "node-cluster01-worker2", false).await;
    step_not_done(c, 8).await;
    assert!(!exists(c, "guide-finished").await);
    run(c, "docker rm --force HAProxy-workers-lb").await;
    step_done(c, 8).await;
    wait_exists(c, "guide-finished", true).await;
    wait_attr(c, "guide", "data-done", "8").await;
    shot(c, "chapter-terminal-finished").await;
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_chapter_guide_completed_through_clicks() {
    let p = Page::open().await;
    let c = &p.c;
    // something to reset first
    run(c, STOP2).await;
    run(c, "sleep 5s").await;
    click(c, "lab-reset").await;
    let r = wait_for("the reset", WAIT, || async move {
        (transcript(c).await.is_empty() && clock_ms(c).await == 0).then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: transcript {:?}", transcript(c).await);
    }
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "running").await;

    click(c, "guide-start-chapter").await;
    wait_attr(c, "guide", "data-guide", "chapter").await;
    click(c, "lab-answer-cluster01-worker2").await;
    step_done(c, 1).await;

    // the node's actions: stop its kubelet
    node_action(
        c,
        "cluster01-worker2",
        &testid("action-stop-kubelet"),
        STOP2,
    )
    .await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "stopped").await;
    step_done(c, 2).await;

    // the clock at 60x until NotReady (600x would run past the 300 s after which the node's
    // pods are evicted before the test can pause it: 1 s of polling is 10 virtual minutes)
    play_until(c, "60", "worker2 NotReady", || async move {
        attr(c, "node-cluster01-worker2", "data-state")
            .await
            .as_deref()
            == Some("NotReady")
    })
    .await;
    step_done(c, 3).await;
    step_done(c, 4).await;
    shot(c, "chapter-clicks-notready").await;

    // delete the NGINX pod from the node's actions
    let del = format!("[data-testid=\"action-delete-pod\"][data-pod=\"{NGINX_POD}\"]");
    node_action(
        c,
        "cluster01-worker2",
        &del,
        &format!("kubectl delete pod {NGINX_POD} -n ingress-nginx"),
    )
    .await;
    step_done(c, 5).await;

    // Next event until HAProxy has worker3 UP
    next_until(c, "worker3 UP in both backends", 60, || async move {
        attr(c, "server-ingress_http-worker3", "data-state")
            .await
            .as_deref()
            == Some("UP")
            && attr(c, "server-ingress_https-worker3", "data-state")
                .await
                .as_deref()
                == Some("UP")
    })
    .await;
    click(c, "lab-answer-orphan").await;
    step_done(c, 6).await;

    // start the kubelet again, Next event until worker2 is DOWN
    node_action(
        c,
        "cluster01-worker2",
        &testid("action-start-kubelet"),
        START2,
    )
    .await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "running").await;
    next_until(c, "worker2 DOWN in both backends", 60, || async move {
        attr(c, "server-ingress_http-worker2", "data-state")
            .await
            .as_deref()
            == Some("DOWN")
            && attr(c, "server-ingress_https-worker2", "data-state")
                .await
                .as_deref()
                == Some("DOWN")
    })
    .await;
    step_done(c, 7).await;

    // the clean-up through the hint: the hint first, then the command and its Run button
    assert!(!exists(c, "lab-hint-text").await);
    click(c, "lab-hint").await;
    wait_exists(c, "lab-hint-text", true).await;
    assert!(!exists(c, "lab-run-hint").await);
    click(c, "lab-hint").await;
    let cleanup = "kind delete cluster --name cluster01 && docker rm --force HAProxy-workers-lb";
    wait_text_has(c, "lab-hint-command", &[cleanup]).await;
    let before = transcript(c).await.len();
    click(c, "lab-run-hint").await;
    let (out, failed) = wait_entry(c, before, cleanup).await;
    assert!(!failed, "{out}");
    wait_exists(c, "guide-finished", true).await;
    wait_attr(c, "guide", "data-done", "8").await;

    // every click was echoed as the command it stands for
    let t = transcript(c).await;
    assert_eq!(
        t,
        vec![
            STOP2.to_string(),
            format!("kubectl delete pod {NGINX_POD} -n ingress-nginx"),
            START2.to_string(),
            cleanup.to_string(),
        ]
    );
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_terminal_history_completion_heredoc_and_clearing() {
    let p = Page::open().await;
    let c = &p.c;
    run(c, "kubectl get nodes").await;
    run(c, "docker ps").await;

    // the history survives a reload
    p.reload().await;
    assert_eq!(transcript(c).await, vec!["kubectl get nodes", "docker ps"]);
    keys(c, UP).await;
    wait_input(c, "docker ps").await;
    keys(c, UP).await;
    wait_input(c, "kubectl get nodes").await;
    keys(c, UP).await;
    wait_input(c, "kubectl get nodes").await;
    keys(c, DOWN).await;
    wait_input(c, "docker ps").await;
    keys(c, DOWN).await;
    wait_input(c, "").await;
    // a draft comes back after browsing
    keys(c, "dock").await;
    wait_input(c, "dock").await;
    keys(c, UP).await;
    wait_input(c, "docker ps").await;
    keys(c, DOWN).await;
    wait_input(c, "dock").await;
    keys(c, &format!("{CTRL}a{NULL}{BACKSPACE}")).await;
    wait_input(c, "").await;

    // Tab: to the common prefix, then the candidates are listed
    keys(c, "docker exec cluster01-wor").await;
    wait_input(c, "docker exec cluster01-wor").await;
    keys(c, TAB).await;
    wait_input(c, "docker exec cluster01-worker").await;
    assert_eq!(
        js(
            c,
            "return document.activeElement && document.activeElement.getAttribute('data-testid');"
        )
        .await
        .as_str(),
        Some("terminal-input"),
        "Tab completed instead of moving the focus"
    );
    keys(c, TAB).await;
    wait_text_has(
        c,
        "terminal-output",
        &["cluster01-worker  cluster01-worker2  cluster01-worker3"],
    )
    .await;
    assert_eq!(input_value(c).await, "docker exec cluster01-worker");
    keys(c, &format!("{CTRL}a{NULL}{BACKSPACE}")).await;
    wait_input(c, "").await;
    keys(c, "kub").await;
    wait_input(c, "kub").await;
    keys(c, TAB).await;
    wait_input(c, "kubectl ").await;
    keys(c, "get no").await;
    keys(c, TAB).await;
    wait_input(c, "kubectl get nodes ").await;
    keys(c, &format!("{CTRL}a{NULL}{BACKSPACE}")).await;
    wait_input(c, "").await;

    // a heredoc typed line by line, with the continuation prompt
    let before = transcript(c).await.len();
    type_line(c, "cat <<EOF > ~/x.txt").await;
    let prompt = js(
        c,
        "return document.querySelector('.terminal-line .term-prompt').textContent;",
    )
    .await;
    assert_eq!(
        prompt.as_str().map(str::trim),
        Some(">"),
        "continuation prompt"
    );
    assert_eq!(transcript(c).await.len(), before, "nothing ran before EOF");
    type_line(c, "hello").await;
    type_line(c, "EOF").await;
    let (_, failed) = wait_entry(c, before, "cat <<EOF > ~/x.txt").await;
    assert!(!failed);
    let cont = js(
        c,
        "return Array.from(document.querySelectorAll('[data-testid=terminal-output] .term-cont')).map(e => e.textContent);",
    )
    .await;
    assert_eq!(cont, serde_json::json!(["> hello\n", "> EOF\n"]));
    let out = run(c, "cat ~/x.txt").await;
    assert_eq!(out, "hello\n");

    // Ctrl-L clears the screen (not the lab)
    keys(c, &format!("{CTRL}l{NULL}")).await;
    let r = wait_for("Ctrl-L to clear the terminal", WAIT, || async move {
        transcript(c).await.is_empty().then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: {:?}", transcript(c).await);
    }
    assert!(!text(c, "terminal-output").await.contains("hello"));
    assert_eq!(
        run(c, "cat ~/x.txt").await,
        "hello\n",
        "the file is still there"
    );
    // and `clear`
    type_line(c, "clear").await;
    let r = wait_for("`clear` to clear the terminal", WAIT, || async move {
        transcript(c).await.is_empty().then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: {:?}", transcript(c).await);
    }
    // the history still has it all, newest last
    keys(c, UP).await;
    wait_input(c, "clear").await;
    keys(c, UP).await;
    wait_input(c, "cat ~/x.txt").await;
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_reload_keeps_the_lab_and_its_clock() {
    let p = Page::open().await;
    let c = &p.c;
    run(c, STOP2).await;
    let t = play_until(c, "60", "worker2 NotReady", || async move {
        attr(c, "node-cluster01-worker2", "data-state")
            .await
            .as_deref()
            == Some("NotReady")
    })
    .await;
    let saved = js(c, "return localStorage.getItem('kindlab.lab');").await;
    let saved = saved
        .as_str()
        .expect("the lab is saved in localStorage kindlab.lab");
    assert!(saved.contains(STOP2), "{saved}");
    assert!(saved.contains("\"Wait\""), "{saved}");

    p.reload().await;
    wait_attr(c, "node-cluster01-worker2", "data-state", "NotReady").await;
    assert_eq!(
        attr(c, "node-cluster01-worker2", "data-kubelet")
            .await
            .as_deref(),
        Some("stopped")
    );
    assert_eq!(
        clock_ms(c).await,
        t,
        "the clock came back where it was paused"
    );
    assert_eq!(transcript(c).await, vec![STOP2]);
    // and it goes on from there
    let out = run(c, "kubectl get nodes").await;
    assert!(
        out.lines()
            .any(|l| l.starts_with("cluster01-worker2 ") && l.contains("NotReady")),
        "{out}"
    );
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_export_holds_exactly_the_accepted_commands_in_order() {
    let p = Page::open().await;
    let c = &p.c;
    run(c, "docker logs HAProxy-workers-lb").await;
    let before = transcript(c).await.len();
    type_line(c, "kubectl get nodez").await;
    let (out, failed) = wait_entry(c, before, "kubectl get nodez").await;
    assert!(failed, "a bad resource type is an error: {out}");
    run(c, "kubectl get nodes").await;
    // by keyboard: Enter on a node opens its actions with the focus on the first one; Tab to
    // the third (cordon), Enter
    let before = transcript(c).await.len();
    find(c, &testid("node-cluster01-worker"))
        .await
        .send_keys(ENTER)
        .await
        .unwrap();
    find(c, &testid("node-actions")).await;
    let focused = || async move {
        js(
            c,
            "return document.activeElement && document.activeElement.getAttribute('data-testid');",
        )
        .await
        .as_str()
        .map(str::to_string)
    };
    let r = wait_for("the focus in the node's actions", WAIT, || async move {
        (focused().await.as_deref() == Some("action-stop-kubelet")).then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: the focus is on {:?}", focused().await);
    }
    c.active_element()
        .await
        .unwrap()
        .send_keys(&format!("{TAB}{TAB}"))
        .await
        .unwrap();
    assert_eq!(focused().await.as_deref(), Some("action-cordon"));
    c.active_element()
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    let (out, failed) = wait_entry(c, before, "kubectl cordon cluster01-worker").await;
    assert!(!failed, "{out}");
    wait_exists(c, "node-actions", false).await;
    let t0 = clock_ms(c).await;
    click(c, "clock-next").await;
    let r = wait_for("the clock to move", WAIT, || async move {
        (clock_ms(c).await > t0).then_some(())
    })
    .await;
    r.unwrap();
    let waited = clock_ms(c).await - t0;
    run(c, "docker ps").await;

    click(c, "lab-export").await;
    wait_exists(c, "lab-export-panel", true).await;
    let script = text(c, "lab-export-script").await;
    let mine = script
        .split("what you did in the lab, in order")
        .nth(1)
        .unwrap_or_else(|| panic!("{script}"));
    let lines: Vec<&str> = mine
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let secs = (waited + 999) / 1000;
    assert_eq!(
        lines,
        vec![
            "docker logs HAProxy-workers-lb".to_string(),
            "kubectl get nodes".to_string(),
            "kubectl cordon cluster01-worker".to_string(),
            format!("sleep {secs}   # the lab's clock ran for {secs} s"),
            "docker ps".to_string(),
        ]
    );
    assert!(!script.contains("nodez"));
    assert!(script.starts_with("#!/usr/bin/env bash"));
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_config_editor_flags_the_line_reverts_and_applies() {
    let p = Page::open().await;
    let c = &p.c;
    let log_before = panel_log(c).await;
    let starts_before = log_before.matches("New worker #1 (6) forked").count();
    assert_eq!(starts_before, 1, "{log_before}");

    click(c, "lab-tab-config").await;
    find(c, &testid("config-editor")).await;
    wait_exists(c, "config-ok", true).await;
    assert!(
        !exists(c, "config-message").await
            || {
                // a good file may carry warnings, never an ALERT
                js(c, "return document.querySelector('[data-testid=config-message][data-severity=ALERT]') === null;").await == Value::Bool(true)
            }
    );
    let original = value_of(c, "config-editor").await;
    assert!(
        original.contains("server worker3 $worker3:80 check port 80"),
        "{original}"
    );
    assert!(
        attr(c, "config-apply", "disabled").await.is_some(),
        "nothing to apply yet"
    );

    // a keyword HAProxy does not know: refused, with its line
    let bad = type_after_line(c, "config-editor", "  mode http", "\n  frobnicate yes").await;
    let line = bad.lines().position(|l| l.contains("frobnicate")).unwrap() + 1;
    wait_exists(c, "config-bad", true).await;
    assert!(!exists(c, "config-ok").await);
    let msg = js_with(
        c,
        "const m = document.querySelector('[data-testid=config-message][data-severity=ALERT][data-line]'); return m ? [m.getAttribute('data-line'), m.textContent] : null;",
        vec![],
    )
    .await;
    assert_eq!(msg[0].as_str(), Some(line.to_string().as_str()), "{msg}");
    assert!(
        msg[1].as_str().unwrap_or("").contains("frobnicate"),
        "{msg}"
    );

    // revert: the file again
    click(c, "config-revert").await;
    wait_exists(c, "config-ok", true).await;
    assert_eq!(value_of(c, "config-editor").await, original);

    // a good change: worker3's http server checked every second, down after two failures
    let before = transcript(c).await.len();
    let good = type_after_line(
        c,
        "config-editor",
        "server worker3 $worker3:80 check port 80",
        " inter 1s fall 2",
    )
    .await;
    wait_exists(c, "config-ok", true).await;
    assert!(
        attr(c, "config-apply", "disabled").await.is_none(),
        "a change can be applied"
    );
    click(c, "config-apply").await;
    let (out, failed) = wait_entry(c, before + 1, "docker restart HAProxy-workers-lb").await;
    assert!(!failed, "{out}");
    let t = transcript(c).await;
    assert_eq!(t.len(), before + 2, "{t:?}");
    // the file was written by the first of the two commands, which succeeded
    let wrote = js(
        c,
        "const o = document.querySelectorAll('[data-testid=terminal-output] .term-out'); const e = o[o.length - 2]; return [e.textContent, e.classList.contains('failed')];",
    )
    .await;
    assert_eq!(
        wrote[1],
        Value::Bool(false),
        "writing haproxy.cfg from the editor failed: {}",
        wrote[0]
    );
    let cat = run(c, "cat ~/haproxy/haproxy.cfg").await;
    assert_eq!(cat, good);
    assert!(cat.contains("server worker3 $worker3:80 check port 80 inter 1s fall 2"));
    // the container restarted: its start-up lines are in the log again
    let log_after = panel_log(c).await;
    assert!(
        log_after.matches("New worker #1 (6) forked").count() == 2
            && log_after.contains("Exiting Master process"),
        "{log_after}"
    );
    click(c, "lab-tab-config").await;
    wait_exists(c, "config-ok", true).await;
    assert_eq!(value_of(c, "config-editor").await, good);
    assert!(attr(c, "config-apply", "disabled").await.is_some());

    // "Try it for real" writes the same file (the shell filling in the workers' addresses)
    // and restarts HAProxy
    click(c, "lab-export").await;
    wait_exists(c, "lab-export-panel", true).await;
    let script = text(c, "lab-export-script").await;
    let mine = script
        .split("what you did in the lab, in order")
        .nth(1)
        .unwrap_or_else(|| panic!("{script}"));
    assert!(
        mine.contains(&format!("cat > ~/haproxy/haproxy.cfg <<EOF\n{good}EOF\n")),
        "the change is in the script:\n{mine}"
    );
    assert!(
        mine.contains("docker restart HAProxy-workers-lb\n"),
        "{mine}"
    );
    p.close().await;
}

/// The node named in a hint command like `docker exec NODE systemctl stop kubelet`.
fn node_in(cmd: &str) -> String {
    cmd.trim_start_matches("$ ")
        .split_whitespace()
        .nth(2)
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_storage_guide_completed_in_the_browser() {
    let p = Page::open().await;
    let c = &p.c;
    click(c, "guide-start-storage").await;
    wait_attr(c, "guide", "data-guide", "storage").await;

    // 1. the claim, from the hint's Run button (a heredoc manifest)
    click(c, "lab-hint").await;
    click(c, "lab-hint").await;
    wait_text_has(c, "lab-hint-command", &["kind: PersistentVolumeClaim"]).await;
    let before = transcript(c).await.len();
    click(c, "lab-run-hint").await;
    let (out, failed) = wait_entry(c, before, "kubectl apply -f - <<EOF").await;
    assert!(!failed, "{out}");
    assert!(out.contains("persistentvolumeclaim/data created"), "{out}");
    step_done(c, 1).await;

    // 2. Pending, and why
    let pvc = run(c, "kubectl get pvc").await;
    assert!(pvc.contains("data") && pvc.contains("Pending"), "{pvc}");
    let d = run(c, "kubectl describe pvc data").await;
    assert!(d.contains("WaitForFirstConsumer"), "{d}");
    click(c, "lab-answer-no-pv").await;
    wait_text_has(c, "lab-why", &["Not that"]).await;
    click(c, "lab-answer-wffc").await;
    step_done(c, 2).await;

    // 3. a Deployment that uses it (hint's Run button)
    click(c, "lab-hint").await;
    click(c, "lab-hint").await;
    wait_text_has(
        c,
        "lab-hint-command",
        &["kind: Deployment", "claimName: data"],
    )
    .await;
    let before = transcript(c).await.len();
    click(c, "lab-run-hint").await;
    let (out, failed) = wait_entry(c, before, "kubectl apply -f - <<EOF").await;
    assert!(!failed, "{out}");
    step_done(c, 3).await;

    // 4. the provisioner makes the volume on the pod's node
    run(c, "sleep 15s").await;
    let all = run(c, "kubectl get sc,pv,pvc").await;
    assert!(all.contains("Bound"), "{all}");
    step_done(c, 4).await;
    let pods = run(c, "kubectl get pods -o wide").await;

    // 5. stop that node's kubelet (its name from the hint), delete the pod, see why it stays
    click(c, "lab-hint").await;
    click(c, "lab-hint").await;
    find(c, &testid("lab-hint-command")).await;
    let node = node_in(&text(c, "lab-hint-command").await);
    assert!(node.starts_with("cluster01-worker"), "{node}");
    assert!(
        pods.lines()
            .any(|l| l.starts_with("web-") && l.contains(&node)),
        "the pod runs where its volume is:\n{pods}"
    );
    run(c, &format!("docker exec {node} systemctl stop kubelet")).await;
    wait_attr(c, &format!("node-{node}"), "data-kubelet", "stopped").await;
    let mut waited = 0;
    while attr(c, &format!("node-{node}"), "data-state")
        .await
        .as_deref()
        != Some("NotReady")
    {
        waited += 1;
        assert!(waited <= 10, "{node} not NotReady after 100 s");
        run(c, "sleep 10s").await;
    }
    // the pod's name, completed with Tab
    keys(c, "kubectl delete pod web").await;
    keys(c, TAB).await;
    let r = wait_for("the pod name completed", WAIT, || async move {
        let v = input_value(c).await;
        (v.starts_with("kubectl delete pod web-") && v.ends_with(' ')).then_some(v)
    })
    .await;
    let line = r.unwrap_or_else(|e| panic!("{e}"));
    let pod = line.trim_end().rsplit(' ').next().unwrap().to_string();
    let before = transcript(c).await.len();
    keys(c, ENTER).await;
    let (out, failed) = wait_entry(c, before, line.trim_end()).await;
    assert!(!failed && out.contains("deleted"), "{out}");
    run(c, "sleep 5s").await;
    let pods = run(c, "kubectl get pods").await;
    assert!(
        pods.lines()
            .any(|l| l.starts_with("web-") && !l.starts_with(&pod) && l.contains("Pending")),
        "the replacement waits:\n{pods}"
    );
    click(c, "lab-answer-taint").await;
    wait_text_has(c, "lab-why", &["Not that"]).await;
    click(c, "lab-answer-affinity").await;
    step_done(c, 5).await;

    // 6. delete the Deployment and the claim; the kubelet back lets the old pod go
    run(c, "kubectl delete deployment web").await;
    run(c, "kubectl delete pvc data").await;
    run(c, "sleep 5s").await;
    step_not_done(c, 6).await;
    run(c, &format!("docker exec {node} systemctl start kubelet")).await;
    run(c, "sleep 20s").await;
    step_done(c, 6).await;
    wait_exists(c, "guide-finished", true).await;
    let left = run(c, "kubectl get pv,pvc").await;
    assert!(!left.contains("default/data"), "{left}");
    shot(c, "storage-finished").await;
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_tuning_guide_predict_apply_observe() {
    let p = Page::open().await;
    let c = &p.c;
    click(c, "guide-start-tuning").await;
    wait_attr(c, "guide", "data-guide", "tuning").await;
    wait_text_has(c, "lab-step-1", &["inter 1s fall 2"]).await;

    // 1. the prediction, committed when the field loses focus
    let predict = find(c, &testid("lab-predict")).await;
    predict.send_keys("3.5").await.unwrap();
    step_not_done(c, 1).await;
    predict.send_keys(TAB).await.unwrap();
    step_done(c, 1).await;

    // 2. inter 1s fall 2 for every server, once, as default-server in defaults
    click(c, "lab-tab-config").await;
    find(c, &testid("config-editor")).await;
    type_after_line(
        c,
        "config-editor",
        "defaults",
        "\n  default-server inter 1s fall 2",
    )
    .await;
    wait_exists(c, "config-ok", true).await;
    let before = transcript(c).await.len();
    click(c, "config-apply").await;
    let (out, failed) = wait_entry(c, before + 1, "docker restart HAProxy-workers-lb").await;
    assert!(!failed, "{out}");
    step_done(c, 2).await;

    // let the checks settle with the new settings, then kill the NGINX worker by clicking
    next_until(c, "a few checks", 200, || async move {
        clock_ms(c).await > 10_000
    })
    .await;
    node_action(
        c,
        "cluster01-worker2",
        &testid("action-stop-node"),
        "docker stop cluster01-worker2",
    )
    .await;
    wait_attr(c, "node-cluster01-worker2", "data-state", "stopped").await;
    step_done(c, 3).await;

    // Next event until HAProxy says DOWN and the result is shown
    next_until(c, "the tuning result", 60, || async move {
        exists(c, "tuning-result").await
    })
    .await;
    step_done(c, 4).await;
    wait_attr(c, "server-ingress_http-worker2", "data-state", "DOWN").await;
    let measured: i64 = attr(c, "tuning-result", "data-measured-ms")
        .await
        .and_then(|v| v.parse().ok())
        .expect("data-measured-ms");
    // the rule: (fall - 1) x inter + fall x timeout = 3 s, plus up to one inter of waiting
    assert!((3000..=4050).contains(&measured), "measured {measured} ms");
    assert_eq!(text(c, "tuning-predicted").await, "3.5 s");
    assert_eq!(
        text(c, "tuning-measured").await,
        format!("{:.1} s", measured as f64 / 1000.0)
    );
    shot(c, "tuning-result").await;

    // other settings: the guide starts over with new numbers
    click(c, "tuning-again").await;
    wait_exists(c, "tuning-result", false).await;
    wait_attr(c, "guide", "data-done", "0").await;
    p.close().await;
}

/// Number of worker nodes drawn.
async fn workers_drawn(c: &Client) -> u64 {
    js(
        c,
        "return document.querySelectorAll('[data-testid=topology] [data-testid^=\"node-cluster01-worker\"]').length;",
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

async fn choose_preset(c: &Client, preset: &str) {
    if !exists(c, "topology-settings").await {
        click(c, "lab-topology-settings").await;
    }
    find(c, &testid("topology-preset"))
        .await
        .select_by_value(preset)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_custom_topologies_presets_refusals_and_fifty_workers() {
    let p = Page::open().await;
    let c = &p.c;
    assert_eq!(workers_drawn(c).await, 3);
    assert!(exists(c, "node-cluster01-control-plane3").await);

    // one control plane and five workers
    choose_preset(c, "one-cp-five-workers").await;
    let r = wait_for("the preset in the kind editor", WAIT, || async move {
        (value_of(c, "topology-kind")
            .await
            .matches("- role: worker")
            .count()
            == 5)
            .then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: {}", value_of(c, "topology-kind").await);
    }
    assert!(value_of(c, "topology-haproxy")
        .await
        .contains("server worker5 $worker5:80"));
    click(c, "topology-apply").await;
    wait_exists(c, "topology-settings", false).await;
    wait_exists(c, "node-cluster01-worker5", true).await;
    assert!(exists(c, "node-cluster01-control-plane").await);
    assert!(!exists(c, "node-cluster01-control-plane2").await);
    assert!(!exists(c, "node-cluster01-worker6").await);
    assert_eq!(workers_drawn(c).await, 5);
    assert!(exists(c, "server-ingress_http-worker5").await);
    let nodes = run(c, "kubectl get nodes").await;
    assert!(
        nodes.contains("cluster01-worker5") && !nodes.contains("control-plane2"),
        "{nodes}"
    );
    // the world is the new one: its nodes can be clicked
    node_action(
        c,
        "cluster01-worker5",
        &testid("action-stop-kubelet"),
        "docker exec cluster01-worker5 systemctl stop kubelet",
    )
    .await;
    wait_attr(c, "node-cluster01-worker5", "data-kubelet", "stopped").await;

    // a kind config kind would refuse: its line is shown, the world stays
    click(c, "lab-topology-settings").await;
    find(c, &testid("topology-kind")).await;
    let kind_text = value_of(c, "topology-kind").await;
    assert_eq!(
        kind_text.matches("- role: worker").count(),
        5,
        "{kind_text}"
    );
    type_after_line(c, "topology-kind", "apiVersion", "\nfrobnicate: yes").await;
    click(c, "topology-apply").await;
    wait_exists(c, "topology-error", true).await;
    let err = text(c, "topology-error").await;
    let bad_line = value_of(c, "topology-kind")
        .await
        .lines()
        .position(|l| l.starts_with("frobnicate"))
        .unwrap()
        + 1;
    assert!(
        err.starts_with(&format!("kind config:{bad_line}:")),
        "the error names line {bad_line}: {err}"
    );
    assert!(
        exists(c, "topology-settings").await,
        "the settings stay open"
    );
    assert_eq!(workers_drawn(c).await, 5, "the previous world stays");
    assert_eq!(
        attr(c, "node-cluster01-worker5", "data-kubelet")
            .await
            .as_deref(),
        Some("stopped"),
        "and its state"
    );

    // fifty workers
    choose_preset(c, "fifty-workers").await;
    let r = wait_for("the fifty-worker preset", WAIT, || async move {
        (value_of(c, "topology-kind")
            .await
            .matches("- role: worker")
            .count()
            == 50)
            .then_some(())
    })
    .await;
    r.unwrap();
    click(c, "topology-apply").await;
    wait_exists(c, "topology-settings", false).await;
    wait_exists(c, "node-cluster01-worker50", true).await;
    assert_eq!(workers_drawn(c).await, 50);
    assert!(exists(c, "server-ingress_http-worker50").await);
    shot(c, "fifty-workers").await;

    // the clock plays at 600x with fifty workers and stops when paused (how smoothly it plays
    // is a figure, not a test: `cargo xtask bench-lab` measures the frames on this preset)
    find(c, &testid("clock-speed"))
        .await
        .select_by_value("600")
        .await
        .unwrap();
    let t0 = clock_ms(c).await;
    click(c, "clock-play").await;
    wait_attr(c, "clock-play", "data-playing", "true").await;
    let r = wait_for("the clock to move at 600x", WAIT, || async move {
        (clock_ms(c).await > t0 + 60_000).then_some(())
    })
    .await;
    r.unwrap();
    click(c, "clock-play").await;
    wait_attr(c, "clock-play", "data-playing", "false").await;
    let after = clock_ms(c).await;
    let r = wait_for(
        "the clock to stay paused",
        Duration::from_millis(500),
        || async move { (clock_ms(c).await != after).then_some(()) },
    )
    .await;
    assert!(r.is_err(), "the clock moved after pausing");
    p.close().await;
}
