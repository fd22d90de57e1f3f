//! Browser end-to-end tests: the web release in dist/, served on a random loopback port, driven
//! in Debian's headless Chromium through chromedriver. Run by `cargo xtask test`, which builds
//! dist/ first (they are `#[ignore]`d for a plain `cargo test`).
//!
//! Each test has a browser of its own (a fresh profile, so fresh localStorage); they take turns
//! (one Chromium at a time on a two-core machine: `support::browser::turn`). With
//! KINDLAB_SCREENSHOTS=DIR set, pages are saved as DIR/web-NAME.png.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing
#![allow(clippy::await_holding_lock)] // see support::browser::turn

use crate::support::browser::{find_within, keep_screenshot, open, poll_js, press, testid, turn};
use crate::support::quiz::CHAPTER_KEY;
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use kindlab_testkit::browser::wait_for;
use serde_json::Value as Json;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

/// Opens a URL (a new document) and waits until the app has taken the pre-rendered page over:
/// before that, its buttons are only markup.
async fn goto(c: &Client, url: &str) {
    c.goto(url).await.unwrap();
    wait_live(c).await;
}

/// Reloads the page and waits until the app is live again.
async fn reload(c: &Client) {
    c.refresh().await.unwrap();
    wait_live(c).await;
}

/// Waits until an edition of the app is live on the page (`<html data-kindlab>`).
async fn wait_live(c: &Client) {
    find(c, "html[data-kindlab]").await;
}

/// The first element matching a CSS selector, once it exists.
async fn find(c: &Client, sel: &str) -> Element {
    find_within(c, sel, WAIT).await.unwrap()
}

/// Text of the element with this data-testid, once it exists.
async fn text_of(c: &Client, id: &str) -> String {
    find(c, &testid(id)).await.text().await.unwrap()
}

/// Waits until the page region shows `route`.
async fn wait_route(c: &Client, route: &str) {
    find(
        c,
        &format!("[data-testid=\"page\"][data-route=\"{route}\"]"),
    )
    .await;
}

/// Text without Fluent's bidi isolation marks (U+2068/U+2069 around each placeable: invisible).
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
        .collect()
}

/// Waits until the element's text equals `want` (isolation marks aside).
async fn wait_text(c: &Client, id: &str, want: &str) {
    let sel = testid(id);
    let got = wait_for(&format!("{id} to read {want:?}"), WAIT, || {
        let c = c.clone();
        let sel = sel.clone();
        async move {
            let t = c.find(Locator::Css(&sel)).await.ok()?.text().await.ok()?;
            (plain(&t) == want).then_some(t)
        }
    })
    .await;
    assert!(
        got.is_ok(),
        "{id}: wanted {want:?}, page has {:?}",
        text_of(c, id).await
    );
}

/// Waits until an element matching `sel` exists whose attribute `attr` is `want`.
async fn wait_attr(c: &Client, sel: &str, attr: &str, want: &str) -> Element {
    let full = format!("{sel}[{attr}=\"{want}\"]");
    let found = wait_for(&full, WAIT, || {
        let c = c.clone();
        let full = full.clone();
        async move { c.find(Locator::Css(&full)).await.ok() }
    })
    .await;
    match found {
        Ok(e) => e,
        Err(e) => {
            let now = js(
                c,
                &format!(
                    "const e = document.querySelector({sel:?}); return e ? e.getAttribute({attr:?}) : 'no element';"
                ),
            )
            .await;
            panic!("{e}; {sel} has {attr}={now}");
        }
    }
}

async fn click(c: &Client, id: &str) {
    find(c, &testid(id)).await.click().await.unwrap();
}

/// Runs a script (its `return` value comes back).
async fn js(c: &Client, script: &str) -> Json {
    c.execute(script, vec![]).await.unwrap()
}

/// Polls a script until it returns something other than null, undefined or false.
async fn wait_js(c: &Client, what: &str, script: &str) -> Json {
    let got = poll_js(c, what, script, WAIT).await;
    got.unwrap_or_else(|e| panic!("{e} (script: {script})"))
}

/// Key codes of the WebDriver keyboard.
const ENTER: char = '\u{e007}';
const TAB: char = '\u{e004}';
const DOWN: char = '\u{e015}';

/// Gives the keyboard focus to an element (the start of a keyboard-only path).
async fn focus(c: &Client, sel: &str) {
    find(c, sel).await;
    js(
        c,
        &format!("document.querySelector({sel:?}).focus({{preventScroll: false}}); return true;"),
    )
    .await;
}

/// The data-testid of the focused element, or of the nearest ancestor that has one.
async fn focused_within(c: &Client) -> String {
    js(
        c,
        "const e = document.activeElement; const t = e && e.closest('[data-testid]'); \
         return t ? t.getAttribute('data-testid') : (e ? e.tagName : '');",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// With KINDLAB_SCREENSHOTS=DIR set, saves a screenshot of the page as DIR/web-NAME.png.
async fn shot(c: &Client, name: &str) {
    if std::env::var_os("KINDLAB_SCREENSHOTS").is_some() {
        // let a click's re-render and the fonts settle into a painted frame
        js(
            c,
            "await document.fonts.ready; \
             await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); \
             return true;",
        )
        .await;
        keep_screenshot(c, &format!("web-{name}.png")).await;
    }
}

/// Scrolls the first element matching `sel` to the top of the viewport (below the top bar).
async fn scroll_into_view(c: &Client, sel: &str) {
    find(c, sel).await;
    js(
        c,
        &format!(
            "const e = document.querySelector({sel:?}); e.scrollIntoView({{block: 'start'}}); \
             window.scrollBy(0, -72); return true;"
        ),
    )
    .await;
}

async fn path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

/// The theme switch cycles system -> light -> dark -> system: clicks it until it shows `want`.
async fn set_theme(c: &Client, want: &str) {
    for _ in 0..3 {
        let now = find(c, &testid("theme-switch"))
            .await
            .attr("data-theme")
            .await
            .unwrap();
        if now.as_deref() == Some(want) {
            return;
        }
        click(c, "theme-switch").await;
        wait_js(
            c,
            "the theme to change",
            &format!(
                "return document.querySelector('.app').getAttribute('data-theme') !== {:?};",
                now.unwrap_or_default()
            ),
        )
        .await;
    }
    wait_attr(c, ".app", "data-theme", want).await;
}

/// Switches the language with the top bar's button until it is `want` (en-US or zh-CN).
async fn set_lang(c: &Client, want: &str) {
    let now = find(c, &testid("lang-switch"))
        .await
        .attr("data-lang")
        .await
        .unwrap();
    if now.as_deref() != Some(want) {
        click(c, "lang-switch").await;
    }
    wait_attr(c, &testid("lang-switch"), "data-lang", want).await;
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The saved progress document (localStorage), parsed.
async fn saved_progress(c: &Client) -> Json {
    let text = js(c, "return localStorage.getItem('kindlab.progress');").await;
    serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or(Json::Null)
}

mod learn;
mod lessons;
mod navigation;
mod quiz;
mod storage;
