//! Browser end-to-end tests of the web release on small screens (issue 17): at 320, 390 and
//! 768 px no page is wider than the screen and a lesson's heading is in the first screen; the
//! navigation drawer opens, navigates and closes; in the lab every worker is within the screen
//! and a tap opens its actions; the terminal's key row completes and walks the history.
//! Phone metrics and touch come from DevTools (`Emulation.*` through chromedriver). Run by
//! `cargo xtask test` (`#[ignore]`d for a plain `cargo test`).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing
#![allow(clippy::await_holding_lock)] // see support::browser::turn

use crate::support::browser::{find_within, open, poll_js, testid, turn};
use crate::support::lab::{Lab, ENTER};
use fantoccini::Client;
use kindlab_testkit::browser::cdp;
use serde_json::{json, Value as Json};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(45);
const HEIGHT: u32 = 740;

async fn js(c: &Client, script: &str) -> Json {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{e}: {script}"))
}

async fn wait_js(c: &Client, what: &str, script: &str) -> Json {
    let got = poll_js(c, what, script, WAIT).await;
    got.unwrap_or_else(|e| panic!("{e} (script: {script})"))
}

async fn find(c: &Client, sel: &str) -> fantoccini::elements::Element {
    find_within(c, sel, WAIT)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A phone (or tablet) screen `width` CSS px wide, with touch.
async fn screen(c: &Client, width: u32) {
    screen_of(c, width, HEIGHT).await;
}

/// A screen `width` x `height` CSS px, with touch (a phone's below 700 px wide).
async fn screen_of(c: &Client, width: u32, height: u32) {
    cdp(
        c,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700 }),
    )
    .await
    .unwrap();
    cdp(
        c,
        "Emulation.setTouchEmulationEnabled",
        json!({ "enabled": true, "maxTouchPoints": 5 }),
    )
    .await
    .unwrap();
}

/// Opens a page and waits until the app has taken it over.
async fn goto(c: &Client, url: &str) {
    c.goto(url).await.unwrap();
    find(c, "html[data-kindlab]").await;
}

/// A tap: the element's middle, through DevTools' touch events.
async fn tap(c: &Client, sel: &str) {
    let at = wait_js(
        c,
        &format!("{sel} on screen"),
        &format!(
            "const e = document.querySelector({sel:?}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const b = e.getBoundingClientRect(); \
             return b.width > 0 ? [b.left + b.width / 2, b.top + b.height / 2] : null;"
        ),
    )
    .await;
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    for kind in ["touchStart", "touchEnd"] {
        let points = if kind == "touchEnd" {
            json!([])
        } else {
            json!([{ "x": x, "y": y }])
        };
        cdp(
            c,
            "Input.dispatchTouchEvent",
            json!({ "type": kind, "touchPoints": points }),
        )
        .await
        .unwrap();
    }
}

/// Every page with fixed content, in one language or the other.
const PAGES: &[&str] = &[
    "/",
    "/lesson/kind-ha",
    "/lesson/haproxy-workers",
    "/lesson/traffic",
    "/lesson/kubelet-failure",
    "/lesson/cleanup",
    "/lesson/storage",
    "/lesson/summary",
    "/quiz",
    "/quiz/chapter",
    "/progress",
    "/glossary",
    "/start",
    "/lab",
    "/zh/lesson/kubelet-failure",
    "/zh/lesson/storage",
    "/zh/lab",
    "/zh/glossary",
    "/challenge/check-port-443",
    "/zh/challenge/ingress-no-node",
    "/no/such/page",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn viewport_no_page_scrolls_sideways_and_lessons_start_in_the_first_screen() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    c.goto("about:blank").await.unwrap();
    let mut problems = vec![];
    for width in [320, 390, 768] {
        screen(&c, width).await;
        for page in PAGES {
            goto(&c, &server.url(page)).await;
            let r = js(
                &c,
                "const W = document.documentElement.clientWidth; \
                 const wide = [...document.querySelectorAll('#main *')].filter(e => { \
                   const b = e.getBoundingClientRect(); if (b.right <= W + 1 || b.width === 0) return false; \
                   for (let a = e.parentElement; a; a = a.parentElement) { \
                     const o = getComputedStyle(a).overflowX; \
                     if (/(auto|scroll|hidden)/.test(o) && a.getBoundingClientRect().right <= W + 1) return false; } \
                   return true; }).slice(0, 3).map(e => e.tagName + '.' + (e.getAttribute('class') || '')); \
                 const h = document.querySelector('[data-testid=\"lesson-title\"]'); \
                 return { W, scroll: document.documentElement.scrollWidth, wide, \
                          heading: h ? h.getBoundingClientRect().top : null, height: innerHeight };",
            )
            .await;
            let (w, scroll) = (r["W"].as_f64().unwrap(), r["scroll"].as_f64().unwrap());
            if scroll > w + 0.5 {
                problems.push(format!(
                    "{width} px {page}: the page is {scroll} px wide ({})",
                    r["wide"]
                ));
            }
            if let Some(top) = r["heading"].as_f64() {
                if top < 0.0 || top > r["height"].as_f64().unwrap() - 40.0 {
                    problems.push(format!(
                        "{width} px {page}: the lesson's heading is at {top} px, not in the first screen"
                    ));
                }
            }
        }
    }
    browser.close().await;
    drop(server);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn viewport_the_drawer_opens_navigates_and_closes() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    c.goto("about:blank").await.unwrap();
    screen(&c, 390).await;
    goto(&c, &server.url("/lesson/kind-ha")).await;
    let hidden = "getComputedStyle(document.getElementById('site-nav')).visibility === 'hidden'";
    // the drawer slides in: a tap aimed while it moves lands beside its target
    let settled = "document.getAnimations().every(a => a.playState !== 'running')";
    assert_eq!(
        js(&c, &format!("return {hidden};")).await,
        json!(true),
        "the drawer starts open"
    );
    // open: the drawer shows, its button says so, the keyboard is in it
    tap(&c, &testid("nav-toggle")).await;
    wait_js(
        &c,
        "the drawer open, the focus in it",
        &format!(
            "return !({hidden}) && document.querySelector('[data-testid=\"nav-toggle\"]').getAttribute('aria-expanded') === 'true' \
             && document.getElementById('site-nav').contains(document.activeElement) && {settled};"
        ),
    )
    .await;
    // a choice navigates and closes it
    tap(&c, &testid("nav-lesson-storage")).await;
    wait_js(
        &c,
        "the storage lesson, the drawer closed",
        &format!(
            "return location.pathname === '/lesson/storage' && {hidden} && \
             document.querySelector('[data-testid=\"nav-toggle\"]').getAttribute('aria-expanded') === 'false';"
        ),
    )
    .await;
    // Escape closes it and gives the keyboard back to its button
    tap(&c, &testid("nav-toggle")).await;
    wait_js(
        &c,
        "the drawer open again",
        &format!("return !({hidden}) && {settled};"),
    )
    .await;
    let focused = find(&c, "#site-nav :focus").await;
    focused.send_keys("\u{e00c}").await.unwrap();
    wait_js(
        &c,
        "the drawer closed by Escape, the focus on its button",
        &format!(
            "return {hidden} && document.activeElement && document.activeElement.id === 'nav-toggle';"
        ),
    )
    .await;
    // on a wide screen there is no drawer: the navigation is beside the page
    screen(&c, 1024).await;
    goto(&c, &server.url("/lesson/kind-ha")).await;
    let wide = js(
        &c,
        "return [getComputedStyle(document.querySelector('[data-testid=\"nav-toggle\"]')).display, \
                 getComputedStyle(document.getElementById('site-nav')).visibility];",
    )
    .await;
    assert_eq!(wide, json!(["none", "visible"]));
    browser.close().await;
    drop(server);
}

/// The sidebar's entries that are shorter than their text, or that overlap the next one.
const SQUEEZED: &str = "const kids = [...document.querySelectorAll('#site-nav > *')]; \
     const out = []; \
     kids.forEach((e, i) => { const b = e.getBoundingClientRect(); \
       if (e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY === 'visible') \
         out.push(`${e.textContent.trim().slice(0, 40)}: ${e.clientHeight} px for ${e.scrollHeight} px of text`); \
       const n = kids[i + 1]; \
       if (n && n.getBoundingClientRect().top < b.bottom - 0.5) \
         out.push(`${e.textContent.trim().slice(0, 40)} overlaps the next entry`); }); \
     return { out, scrolls: document.getElementById('site-nav').scrollHeight > document.getElementById('site-nav').clientHeight };";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn viewport_on_a_short_screen_the_navigation_scrolls_and_no_title_is_squeezed() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    c.goto("about:blank").await.unwrap();
    let mut problems = vec![];
    // a phone held sideways or with its keyboard up (the drawer), a short laptop window with
    // search results open, in both languages (two-line titles: lessons 2 and 7)
    for (width, height, page, query) in [
        (390, 500, "/lesson/haproxy-workers", None),
        (390, 500, "/zh/lesson/haproxy-workers", None),
        (1280, 560, "/lesson/haproxy-workers", Some("haproxy")),
        (1280, 560, "/zh/lesson/storage", Some("存储")),
    ] {
        screen_of(&c, width, height).await;
        goto(&c, &server.url(page)).await;
        if width < 700 {
            tap(&c, &testid("nav-toggle")).await;
            wait_js(
                &c,
                "the drawer open",
                "return getComputedStyle(document.getElementById('site-nav')).visibility === 'visible' \
                 && document.getAnimations().every(a => a.playState !== 'running');",
            )
            .await;
        }
        if let Some(q) = query {
            let input = find(&c, &testid("search-input")).await;
            input.send_keys(q).await.unwrap();
            find(&c, ".search-result").await;
        }
        let r = js(&c, SQUEEZED).await;
        assert_eq!(
            r["scrolls"],
            json!(true),
            "{width}x{height} {page}: the navigation should be longer than the screen here"
        );
        for p in r["out"].as_array().unwrap() {
            problems.push(format!("{width}x{height} {page}: {}", p.as_str().unwrap()));
        }
    }
    browser.close().await;
    drop(server);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn viewport_the_lab_fits_a_phone_and_its_terminal_has_keys() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    c.goto("about:blank").await.unwrap();
    for width in [320, 390] {
        screen(&c, width).await;
        goto(&c, &server.url("/lab")).await;
        find(&c, &testid("terminal-input")).await;
        // every node of the diagram, and its state, within the screen's width
        let nodes = wait_js(
            &c,
            "the diagram's nodes",
            "const W = document.documentElement.clientWidth; \
             const n = [...document.querySelectorAll('.lab-topology [data-testid^=\"node-cluster01-\"]')]; \
             if (n.length < 6) return null; \
             return n.map(e => { const b = e.getBoundingClientRect(); \
               return [e.getAttribute('data-testid'), Math.round(b.left), Math.round(b.right), W]; });",
        )
        .await;
        for n in nodes.as_array().unwrap() {
            let (left, right, w) = (
                n[1].as_f64().unwrap(),
                n[2].as_f64().unwrap(),
                n[3].as_f64().unwrap(),
            );
            assert!(
                left >= 0.0 && right <= w,
                "{width} px: {} is at {left}..{right}, outside 0..{w}",
                n[0]
            );
        }
        // text stays readable: no diagram text smaller than 11 CSS px on screen
        let smallest = js(
            &c,
            "let m = 99; for (const t of document.querySelectorAll('.lab-topology svg text')) { \
               const b = t.getBoundingClientRect(); if (b.height === 0) continue; \
               const svg = t.ownerSVGElement; const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
               m = Math.min(m, parseFloat(getComputedStyle(t).fontSize) * k); } return m;",
        )
        .await;
        assert!(
            smallest.as_f64().unwrap() >= 11.0,
            "{width} px: diagram text at {smallest} px"
        );
        // a tap on a worker opens its actions
        tap(&c, &testid("node-cluster01-worker2")).await;
        find(&c, &testid("node-actions")).await;
    }

    // the key row: Tab completes, ↑ brings back the last command
    let lab = Lab::new(&c, WAIT);
    lab.send_keys("kubectl get no").await.unwrap();
    tap(&c, &testid("terminal-key-tab")).await;
    wait_js(
        &c,
        "Tab completion from the key row",
        "return document.querySelector('[data-testid=\"terminal-input\"]').value === 'kubectl get nodes ';",
    )
    .await;
    lab.send_keys(&ENTER.to_string()).await.unwrap();
    wait_js(
        &c,
        "the command's answer",
        "return document.querySelector('[data-testid=\"terminal-output\"]').textContent.includes('cluster01-worker3');",
    )
    .await;
    tap(&c, &testid("terminal-key-up")).await;
    wait_js(
        &c,
        "the last command back from the history",
        "return document.querySelector('[data-testid=\"terminal-input\"]').value.trim() === 'kubectl get nodes' \
         && document.activeElement.getAttribute('data-testid') === 'terminal-input';",
    )
    .await;
    // Ctrl-C from the row cancels the line
    tap(&c, &testid("terminal-key-ctrl-c")).await;
    wait_js(
        &c,
        "the line cancelled",
        "return document.querySelector('[data-testid=\"terminal-input\"]').value === '' && \
         document.querySelector('[data-testid=\"terminal-output\"]').textContent.includes('^C');",
    )
    .await;
    browser.close().await;
    drop(server);
}
