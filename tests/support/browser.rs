//! The browser harness: the web release in dist/ (or `KINDLAB_DIST`) served on a random
//! loopback port, headless Chromium through chromedriver with a fresh profile per browser (so
//! a fresh localStorage and service-worker state), and turns that bound how many run at once.
//!
//! Turns: cargo runs test binaries one after another and the tests of one binary on parallel
//! threads. Before the areas were merged, each e2e file was a binary of its own, and all but
//! the lab's let one test at a time have browsers (a mutex each); the lab's tests ran side by
//! side. In one binary, [`turn`] (a test alone with its browsers) and [`shared_turn`] (the
//! lab's tests, beside each other but never beside the others) keep exactly those limits.
//! Each test has a runtime of its own, so a test waiting for its turn blocks nothing but
//! itself: holding the guard across awaits is what it is for.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use kindlab_testkit::browser::{wait_for, Browser};
use kindlab_testkit::serve::Server;
use serde_json::Value as Json;
use std::path::PathBuf;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

static BROWSERS: RwLock<()> = RwLock::new(());

/// A test's turn with browsers; held for the test's life (dropped with it).
pub(crate) enum Turn {
    Alone(RwLockWriteGuard<'static, ()>),
    Shared(RwLockReadGuard<'static, ()>),
}

/// The whole machine's browsers for this test: no other test has one meanwhile.
pub(crate) fn turn() -> Turn {
    Turn::Alone(BROWSERS.write().unwrap_or_else(|e| e.into_inner()))
}

/// A turn beside the other shared ones (the lab's tests, one browser each), never beside a
/// test that has [`turn`].
pub(crate) fn shared_turn() -> Turn {
    Turn::Shared(BROWSERS.read().unwrap_or_else(|e| e.into_inner()))
}

/// The web release the tests run against: `KINDLAB_DIST`, else the repository's dist/.
pub(crate) fn dist() -> PathBuf {
    std::env::var_os("KINDLAB_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(kindlab_testkit::dist_dir)
}

/// The CSS selector of the element with this data-testid.
pub(crate) fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// The web release served on a free port, after checking that dist/ holds one.
pub(crate) fn serve() -> Server {
    let dist = dist();
    assert!(
        dist.join("index.html").is_file() && dist.join("site.json").is_file(),
        "no web release in {} (run `cargo xtask web --no-serve`)",
        dist.display()
    );
    Server::start(&dist, 0).unwrap()
}

/// The server and a browser of one test (its client too), after checking that dist/ holds a
/// web release.
pub(crate) async fn open() -> (Server, Browser, Client) {
    let server = serve();
    let browser = Browser::start().await.unwrap();
    let c = browser.client.clone();
    (server, browser, c)
}

/// The first element matching a CSS selector, once it exists (or the time-out's message).
pub(crate) async fn find_within(c: &Client, sel: &str, wait: Duration) -> Result<Element, String> {
    wait_for(sel, wait, || {
        let c = c.clone();
        async move { c.find(Locator::Css(sel)).await.ok() }
    })
    .await
}

/// Polls a script until it returns something other than null, undefined or false (or the
/// time-out's message).
pub(crate) async fn poll_js(
    c: &Client,
    what: &str,
    script: &str,
    wait: Duration,
) -> Result<Json, String> {
    wait_for(what, wait, || {
        let c = c.clone();
        async move {
            let v = c.execute(script, vec![]).await.ok()?;
            (!v.is_null() && v != Json::Bool(false)).then_some(v)
        }
    })
    .await
}

/// Presses keys (WebDriver key codes or characters) one after another on whatever has the
/// focus, like a person at a keyboard.
pub(crate) async fn press(c: &Client, keys: &str) {
    let mut seq = KeyActions::new("keyboard".into());
    for k in keys.chars() {
        seq = seq
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    c.perform_actions(seq).await.unwrap();
}

/// Scrolls an element to the middle of its scroll container, then clicks it through
/// WebDriver (a real click): WebDriver's own scrolling can leave it under the sticky top bar.
pub(crate) async fn click_centred(c: &Client, e: Element) -> Result<(), String> {
    let arg = serde_json::to_value(&e).map_err(|e| e.to_string())?;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
        vec![arg],
    )
    .await
    .map_err(|e| format!("scrolling: {e}"))?;
    e.click().await.map_err(|e| format!("clicking: {e}"))
}

/// With KINDLAB_SCREENSHOTS=DIR set, saves a screenshot of the page as DIR/`file`.
pub(crate) async fn keep_screenshot(c: &Client, file: &str) {
    if let Some(dir) = std::env::var_os("KINDLAB_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), png).unwrap();
    }
}
