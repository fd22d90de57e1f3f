//! Browser end-to-end tests of how the web edition is delivered (issue 16): pre-rendered pages
//! that read without JavaScript, the app taking them over, the language in the URL, the split
//! between the reader edition and the full one, and offline use through the service worker.
//! The web release in dist/ is served on a random loopback port and driven in Debian's headless
//! Chromium through chromedriver; run by `cargo xtask test` (`#[ignore]`d for a plain `cargo
//! test`). Each test has a fresh browser profile; they take turns.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing
#![allow(clippy::await_holding_lock)] // see support::browser::turn

use crate::support::browser::{click_centred, dist, find_within, open, poll_js, testid, turn};
use crate::support::lab::Lab;
use fantoccini::{Client, Locator};
use kindlab_testkit::browser::{cdp, wait_for, Browser};
use kindlab_testkit::serve::Server;
use serde_json::{json, Value as Json};
use std::path::Path;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(45);

/// What `cargo xtask web` wrote (dist/site.json).
fn site(dist: &Path) -> Json {
    let text = std::fs::read_to_string(dist.join("site.json")).unwrap_or_else(|e| {
        panic!(
            "no web release in {} (run `cargo xtask web --no-serve`): {e}",
            dist.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

async fn js(c: &Client, script: &str) -> Json {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{e}: {script}"))
}

/// Polls a script until it returns something other than null, undefined or false.
async fn wait_js(c: &Client, what: &str, script: &str) -> Json {
    let got = poll_js(c, what, script, WAIT).await;
    match got {
        Ok(v) => v,
        Err(e) => {
            let url = c
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            panic!("{e} on {url} (script: {script})")
        }
    }
}

/// An async script (its body may `await`); waits for its value.
async fn js_async(c: &Client, body: &str) -> Json {
    c.execute_async(&async_script(body), vec![])
        .await
        .unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Like [`js_async`], for a page that may be navigating away (a reload): None then.
async fn try_js_async(c: &Client, body: &str) -> Option<Json> {
    c.execute_async(&async_script(body), vec![]).await.ok()
}

/// WebDriver's async script around `body`: its value (or its error, as text) is the result.
fn async_script(body: &str) -> String {
    format!(
        "const done = arguments[arguments.length - 1]; \
         (async () => {{ {body} }})().then(done, e => done('error: ' + e));"
    )
}

async fn find(c: &Client, sel: &str) -> fantoccini::elements::Element {
    find_within(c, sel, WAIT)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Waits until an edition of the app has taken the page over.
async fn wait_live(c: &Client) -> String {
    wait_js(
        c,
        "the app to take the page over",
        "return document.documentElement.getAttribute('data-kindlab');",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

/// Clicks an element through WebDriver (a real click), once it is in the middle of the window.
async fn click(c: &Client, sel: &str) {
    click_centred(c, find(c, sel).await).await.unwrap();
}

/// The browser's languages, as `navigator.languages` and `Accept-Language` give them.
async fn browser_languages(c: &Client, langs: &str) {
    let ua = js(c, "return navigator.userAgent;").await;
    cdp(
        c,
        "Network.setUserAgentOverride",
        json!({ "userAgent": ua, "acceptLanguage": langs }),
    )
    .await
    .unwrap();
}

/// Types a command into the lab's terminal and waits for `want` in its output.
async fn run_in_terminal(c: &Client, command: &str, want: &str) {
    Lab::new(c, WAIT).type_command(command).await.unwrap();
    wait_js(
        c,
        &format!("{want:?} in the terminal after {command}"),
        &format!(
            "const o = document.querySelector('[data-testid=\"terminal-output\"]'); \
             return o && o.textContent.includes({want:?});"
        ),
    )
    .await;
}

mod glossary;
mod language;
mod loading;
mod offline;
mod reading;
