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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn site_lessons_read_without_javascript_in_both_languages() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    c.goto("about:blank").await.unwrap();
    cdp(
        &c,
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    )
    .await
    .unwrap();
    for (url, lang, next) in [
        ("/lesson/kind-ha", "en-US", "/lesson/haproxy-workers"),
        ("/zh/lesson/kind-ha", "zh-CN", "/zh/lesson/haproxy-workers"),
    ] {
        c.goto(&server.url(url)).await.unwrap();
        // no script ran: the page is the pre-rendered HTML alone
        let page = js(
            &c,
            "return null;", // scripts cannot run; read the page through WebDriver instead
        )
        .await;
        assert!(page.is_null());
        let html = c.source().await.unwrap();
        assert!(
            html.contains(&format!("<html lang=\"{lang}\"")),
            "{url}: html lang"
        );
        assert!(
            !html.contains("data-kindlab=\""),
            "{url}: an app ran without JavaScript"
        );
        let title = find(&c, &testid("lesson-title"))
            .await
            .text()
            .await
            .unwrap();
        assert!(!title.trim().is_empty(), "{url}: no title");
        if lang == "zh-CN" {
            assert!(
                title
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{title}"
            );
        }
        // a code block, highlighted, and the diagram as it stands at the lesson's step
        let code = find(&c, "[data-testid=\"code-block\"] pre code").await;
        assert!(!code.text().await.unwrap().trim().is_empty());
        c.find(Locator::Css("[data-testid=\"code-block\"] .tok"))
            .await
            .expect("highlighted tokens");
        let node = find(
            &c,
            "[data-testid=\"topology\"] [data-testid=\"node-cluster01-worker2\"]",
        )
        .await;
        assert_eq!(
            node.attr("data-state").await.unwrap().as_deref(),
            Some("Ready")
        );
        // hreflang alternates name both twins
        for (hl, href) in [
            ("en", url.trim_start_matches("/zh")),
            ("zh-CN", &format!("/zh{}", url.trim_start_matches("/zh"))),
        ] {
            assert!(
                html.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"{hl}\" href=\"{href}\">"
                )),
                "{url}: no alternate {hl} -> {href}"
            );
        }
        // the link to the next lesson is a real link that works
        let next_link = find(&c, &testid("lesson-next")).await;
        assert_eq!(next_link.attr("href").await.unwrap().as_deref(), Some(next));
        next_link.click().await.unwrap();
        wait_for("the next lesson", WAIT, || {
            let c = c.clone();
            async move { (path(&c).await == next).then_some(()) }
        })
        .await
        .unwrap();
        let next_title = find(&c, &testid("lesson-title"))
            .await
            .text()
            .await
            .unwrap();
        assert_ne!(next_title, title);
        // and the language switch is a link to the twin page
        let switch = find(&c, &testid("lang-switch")).await;
        let twin = switch.attr("href").await.unwrap().unwrap_or_default();
        let expect_twin = if lang == "en-US" {
            format!("/zh{next}")
        } else {
            next.trim_start_matches("/zh").to_string()
        };
        assert_eq!(twin, expect_twin);
    }
    browser.close().await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn site_the_app_takes_the_page_over_where_the_reader_is() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    // a slow connection, so the learner scrolls before the app arrives
    c.goto("about:blank").await.unwrap();
    cdp(
        &c,
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 40, "downloadThroughput": 150_000, "uploadThroughput": 150_000 }),
    )
    .await
    .unwrap();
    c.goto(&server.url("/lesson/kubelet-failure"))
        .await
        .unwrap();
    let scrolled = js(
        &c,
        "if (document.documentElement.hasAttribute('data-kindlab')) return null; \
         const h = document.getElementById('timeline'); h.scrollIntoView({block: 'start'}); \
         window.scrollBy(0, -100); return h.getBoundingClientRect().top;",
    )
    .await;
    let before = scrolled.as_f64().expect(
        "the app was live before the page could be scrolled (the throttled wasm arrived at once?)",
    );
    assert_eq!(wait_live(&c).await, "reader");
    cdp(
        &c,
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await
    .unwrap();
    // the same heading is where it was on screen; one page, not two
    let after = js(
        &c,
        "return document.getElementById('timeline').getBoundingClientRect().top;",
    )
    .await;
    let after = after.as_f64().unwrap();
    assert!(
        (after - before).abs() <= 4.0,
        "the heading moved from {before}px to {after}px when the app took over"
    );
    let counts = js(
        &c,
        "return [document.querySelectorAll('[data-testid=\"page\"]').length, \
                 document.querySelectorAll('[data-testid=\"lesson-title\"]').length, \
                 document.querySelectorAll('#main').length, \
                 document.querySelectorAll('.app').length];",
    )
    .await;
    assert_eq!(
        counts,
        json!([1, 1, 1, 1]),
        "duplicate content after the takeover"
    );

    // the table of contents works (scrolls inside the app, no page load)
    js(
        &c,
        "window.__sameDocument = true; window.scrollTo(0, 0); return true;",
    )
    .await;
    click(&c, &testid("toc-restart-kubelet")).await;
    wait_js(
        &c,
        "the heading scrolled to the top",
        "const t = document.getElementById('restart-kubelet').getBoundingClientRect().top; \
         return t >= 0 && t < 200;",
    )
    .await;
    // search works: type, a result, open it
    let input = find(&c, &testid("search-input")).await;
    input.send_keys("StorageClass").await.unwrap();
    click(
        &c,
        &format!("{}[data-slug=\"storage\"]", testid("search-result")),
    )
    .await;
    wait_js(
        &c,
        "the storage lesson",
        "return location.pathname === '/lesson/storage' && \
         !!document.querySelector('[data-testid=\"lesson\"][data-slug=\"storage\"]');",
    )
    .await;
    assert_eq!(
        js(&c, "return window.__sameDocument === true;").await,
        json!(true),
        "the search result loaded a new page instead of navigating in the app"
    );
    // and the document follows the page: its title, its canonical and hreflang links
    let title = js(&c, "return document.title;").await;
    assert!(
        title.as_str().unwrap_or_default().contains("Storage"),
        "{title}"
    );
    let links = js(
        &c,
        "return ['link[rel=canonical]', 'link[rel=alternate][hreflang=\"en\"]', \
                 'link[rel=alternate][hreflang=\"zh-CN\"]'] \
           .map(s => document.querySelector(s).getAttribute('href'));",
    )
    .await;
    assert_eq!(
        links,
        json!(["/lesson/storage", "/lesson/storage", "/zh/lesson/storage"])
    );
    browser.close().await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn site_language_lives_in_the_url() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    // a Chinese deep link opens in Chinese
    c.goto(&server.url("/zh/lesson/kubelet-failure#timeline"))
        .await
        .unwrap();
    wait_live(&c).await;
    assert_eq!(
        js(&c, "return document.documentElement.lang;").await,
        json!("zh-CN")
    );
    let nav = find(&c, &testid("nav-lab")).await.text().await.unwrap();
    assert_eq!(nav, "集群实验室");
    // links inside it stay in Chinese
    let next = find(&c, &testid("lesson-next")).await;
    assert_eq!(
        next.attr("href").await.unwrap().as_deref(),
        Some("/zh/lesson/cleanup")
    );
    // the switch goes to the English twin at the section being read
    js(
        &c,
        "const h = document.getElementById('delete-pod'); \
         window.scrollBy(0, h.getBoundingClientRect().top - 100); return true;",
    )
    .await;
    // (a plain click: the switch is in the sticky top bar, nothing to scroll to)
    find(&c, &testid("lang-switch"))
        .await
        .click()
        .await
        .unwrap();
    wait_js(
        &c,
        "the English twin at the anchor",
        "return location.pathname === '/lesson/kubelet-failure' && location.hash === '#delete-pod' \
         && document.documentElement.lang === 'en-US';",
    )
    .await;
    wait_js(
        &c,
        "the section in view",
        "const t = document.getElementById('delete-pod').getBoundingClientRect().top; \
         return t >= 0 && t < 220;",
    )
    .await;
    let title = find(&c, &testid("lesson-title"))
        .await
        .text()
        .await
        .unwrap();
    assert!(title.is_ascii(), "{title}");
    // the choice is saved: an old (unprefixed) link now opens in English
    let saved = js(
        &c,
        "return JSON.parse(localStorage.getItem('kindlab.settings')).lang;",
    )
    .await;
    assert_eq!(saved, json!("en"));
    browser.close().await;

    // a first visit follows the browser's languages; an explicit URL or choice wins
    for (langs, url, want_path, want_lang) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", "/", "/zh/", "zh-CN"),
        (
            "zh-TW,en;q=0.5",
            "/lesson/kind-ha",
            "/zh/lesson/kind-ha",
            "zh-CN",
        ),
        (
            "en-GB,zh;q=0.5",
            "/lesson/kind-ha",
            "/lesson/kind-ha",
            "en-US",
        ),
        ("fr-FR,de", "/quiz", "/quiz", "en-US"),
        ("en-US", "/zh/quiz", "/zh/quiz", "zh-CN"),
    ] {
        let browser = Browser::start().await.unwrap();
        let c = browser.client.clone();
        c.goto("about:blank").await.unwrap();
        browser_languages(&c, langs).await;
        c.goto(&server.url(url)).await.unwrap();
        wait_live(&c).await;
        assert_eq!(path(&c).await, want_path, "{langs} opening {url}");
        assert_eq!(
            js(&c, "return document.documentElement.lang;").await,
            json!(want_lang),
            "{langs} opening {url}"
        );
        browser.close().await;
    }

    // old saved settings (a language chosen before it was in the URL) and progress still load
    let browser = Browser::start().await.unwrap();
    let c = browser.client.clone();
    c.goto(&server.url("/404.html")).await.unwrap();
    js(
        &c,
        r#"localStorage.setItem('kindlab.settings', '{"lang":"zh","theme":"dark"}');
           localStorage.setItem('kindlab.progress', '{"lessons_opened":["kind-ha","traffic"],"quiz_answers":3,"lessons_read":["kind-ha"]}');
           return true;"#,
    )
    .await;
    c.goto(&server.url("/lesson/kind-ha")).await.unwrap();
    wait_live(&c).await;
    assert_eq!(path(&c).await, "/zh/lesson/kind-ha");
    wait_js(
        &c,
        "the dark theme and the lesson read",
        "return document.querySelector('.app').getAttribute('data-theme') === 'dark' && \
         document.querySelector('[data-testid=\"lesson\"]').getAttribute('data-read') === 'true';",
    )
    .await;
    let count = find(&c, &testid("nav-read-count"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(count.trim(), "1/7");
    browser.close().await;
    drop(server);
}

/// The reader edition's wasm and the full edition's, from site.json.
fn edition_files(site: &Json, edition: &str) -> (String, String) {
    let e = &site["editions"][edition];
    (
        e["js"].as_str().unwrap().to_string(),
        e["wasm"].as_str().unwrap().to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn site_lessons_load_no_simulator_until_the_lab_is_wanted() {
    let _turn = turn();
    let dist = dist();
    let site = site(&dist);
    let (reader_js, reader_wasm) = edition_files(&site, "reader");
    let (full_js, full_wasm) = edition_files(&site, "full");
    // the reader edition holds no simulator: none of its texts are in its wasm
    let reader = std::fs::read(dist.join(reader_wasm.trim_start_matches('/'))).unwrap();
    let full = std::fs::read(dist.join(full_wasm.trim_start_matches('/'))).unwrap();
    let contains =
        |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    // (texts of the simulated kubectl, docker, kind and HAProxy)
    for marker in [
        "Layer4 connection problem",
        "No resources found",
        "kindest/node",
        "docker: Error response from daemon",
    ] {
        assert!(contains(&full, marker), "the full edition lacks {marker:?}");
        assert!(
            !contains(&reader, marker),
            "the reader edition holds {marker:?}"
        );
    }
    assert!(
        reader.len() * 3 < full.len() * 2,
        "reader {} vs full {} bytes",
        reader.len(),
        full.len()
    );

    let (server, browser, c) = open().await;
    c.goto(&server.url("/lesson/storage")).await.unwrap();
    assert_eq!(wait_live(&c).await, "reader");
    let fetched = |c: Client| async move {
        let v = c
            .execute(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);",
                vec![],
            )
            .await
            .unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    let got = fetched(c.clone()).await;
    assert!(
        got.contains(&reader_wasm) && got.contains(&reader_js),
        "{got:?}"
    );
    assert!(
        !got.contains(&full_wasm) && !got.contains(&full_js),
        "a lesson fetched the simulator: {got:?}"
    );
    // a lesson's lab widget shows its place and loads the lab when started, in place
    let widget = find(
        &c,
        &format!("{} {}", testid("widget-lab"), testid("widget-lab-start")),
    )
    .await;
    let arg = serde_json::to_value(&widget).unwrap();
    c.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
        .await
        .unwrap();
    let top_before = js(
        &c,
        "return document.querySelector('[data-testid=\"widget-lab\"]').getBoundingClientRect().top;",
    )
    .await
    .as_f64()
    .unwrap();
    widget.click().await.unwrap();
    wait_js(
        &c,
        "the full edition in place of the reader",
        "return document.documentElement.getAttribute('data-kindlab') === 'full' && \
         location.pathname === '/lesson/storage';",
    )
    .await;
    let top_after = js(
        &c,
        "return document.querySelector('[data-testid=\"widget-lab\"]').getBoundingClientRect().top;",
    )
    .await
    .as_f64()
    .unwrap();
    assert!(
        (top_after - top_before).abs() <= 4.0,
        "the widget moved from {top_before}px to {top_after}px"
    );
    // its terminal has the keyboard and answers
    wait_js(
        &c,
        "the widget's terminal focused",
        "const a = document.activeElement; return a && a.getAttribute('data-testid') === 'terminal-input' \
         && !!a.closest('[data-testid=\"widget-lab\"]');",
    )
    .await;
    let got = fetched(c.clone()).await;
    assert!(got.contains(&full_wasm), "{got:?}");
    browser.close().await;

    // the lab from the navigation: the reader hands over, the lab works
    let browser = Browser::start().await.unwrap();
    let c = browser.client.clone();
    c.goto(&server.url("/zh/quiz")).await.unwrap();
    assert_eq!(wait_live(&c).await, "reader");
    click(&c, &testid("nav-lab")).await;
    wait_js(
        &c,
        "the lab, live",
        "return document.documentElement.getAttribute('data-kindlab') === 'full' && \
         location.pathname === '/zh/lab' && !!document.querySelector('[data-testid=\"terminal-input\"]');",
    )
    .await;
    run_in_terminal(&c, "kubectl get nodes", "cluster01-worker3").await;
    browser.close().await;

    // "try in the lab" on a lesson read in the reader edition: the commands come along
    let browser = Browser::start().await.unwrap();
    let c = browser.client.clone();
    c.goto(&server.url("/lesson/kind-ha")).await.unwrap();
    assert_eq!(wait_live(&c).await, "reader");
    click(&c, &testid("code-try")).await;
    let offer = wait_js(
        &c,
        "the lab offering the block's commands",
        "if (document.documentElement.getAttribute('data-kindlab') !== 'full' || \
             location.pathname !== '/lab') return null; \
         const o = document.querySelector('[data-testid=\"lab-offer\"]'); \
         return o ? o.textContent : null;",
    )
    .await;
    assert!(
        offer
            .as_str()
            .unwrap_or_default()
            .contains("kind get clusters"),
        "{offer}"
    );
    click(&c, &testid("lab-offer-run")).await;
    wait_js(
        &c,
        "the commands run",
        "return document.querySelector('[data-testid=\"terminal-output\"]').textContent.includes('cluster01');",
    )
    .await;
    browser.close().await;
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn site_works_offline_after_one_visit_and_offers_a_new_version() {
    let _turn = turn();
    // a copy of dist/ this test can change (a new version is deployed below)
    let dist = dist();
    let copy = std::env::temp_dir().join(format!("kindlab-site-offline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&dist, &copy);
    let site = site(&copy);
    let port = kindlab_testkit::free_port();
    let server = Server::start(&copy, port).unwrap();
    let browser = Browser::start().await.unwrap();
    let c = browser.client.clone();

    // one visit: the service worker installs and keeps every file of this version
    c.goto(&server.url("/lesson/kind-ha")).await.unwrap();
    wait_live(&c).await;
    let files = site["precache"].as_array().unwrap().len();
    let version = site["version"].as_str().unwrap().to_string();
    let kept = wait_for("the service worker in control, every file kept", WAIT, || {
        let c = c.clone();
        let version = version.clone();
        async move {
            let n = js_async(
                &c,
                &format!(
                    "if (!navigator.serviceWorker.controller) return -1; \
                     const ks = await caches.keys(); if (!ks.includes('kindlab-{version}')) return -2; \
                     return (await (await caches.open('kindlab-{version}')).keys()).length;"
                ),
            )
            .await;
            (n.as_u64()? as usize >= files).then_some(n)
        }
    })
    .await;
    assert!(kept.is_ok(), "{kept:?}");
    // something saved before going offline: reading to the end marks the lesson read
    js(
        &c,
        "window.scrollTo(0, document.documentElement.scrollHeight); return true;",
    )
    .await;
    find(&c, &testid("lesson-mark-unread")).await;

    // the network goes away: the server stops and the browser is offline
    drop(server);
    cdp(
        &c,
        "Network.emulateNetworkConditions",
        json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await
    .unwrap();
    for (url, check) in [
        (
            "/zh/lesson/haproxy-workers",
            "[data-testid=\"lesson\"][data-slug=\"haproxy-workers\"]",
        ),
        ("/quiz/chapter", "[data-testid=\"quiz-start\"]"),
        ("/lab", "[data-testid=\"terminal-input\"]"),
    ] {
        c.goto(&server_url(port, url)).await.unwrap();
        let live = wait_live(&c).await;
        find(&c, check).await;
        assert_eq!(path(&c).await, url, "offline {url}");
        if url == "/lab" {
            assert_eq!(live, "full");
            run_in_terminal(&c, "kubectl get nodes", "cluster01-worker2").await;
        }
    }
    // what was saved is still there
    c.goto(&server_url(port, "/lesson/kind-ha")).await.unwrap();
    wait_live(&c).await;
    wait_js(
        &c,
        "the lesson still read",
        "return document.querySelector('[data-testid=\"lesson\"]').getAttribute('data-read') === 'true';",
    )
    .await;

    // back online, and a new version is deployed: the page offers to reload into it
    cdp(
        &c,
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await
    .unwrap();
    let sw = copy.join("sw.js");
    let text = std::fs::read_to_string(&sw).unwrap();
    let old_version = site["version"].as_str().unwrap().to_string();
    let new_version = "e2e0000001";
    std::fs::write(&sw, text.replace(&old_version, new_version)).unwrap();
    for ext in ["br", "gz"] {
        let _ = std::fs::remove_file(copy.join(format!("sw.js.{ext}")));
    }
    let server = Server::start(&copy, port).unwrap();
    c.goto(&server_url(port, "/lesson/traffic")).await.unwrap();
    wait_live(&c).await;
    js_async(
        &c,
        "const r = await navigator.serviceWorker.getRegistration(); await r.update(); return true;",
    )
    .await;
    click(&c, &testid("update-reload")).await;
    let upgraded = wait_for(
        "the new version in control, the old one's files gone",
        WAIT,
        || {
            let c = c.clone();
            let old = old_version.clone();
            async move {
                // the page reloads into the new version meanwhile
                let keys = try_js_async(
                    &c,
                    "if (!document.documentElement.getAttribute('data-kindlab')) return null; \
                 return await caches.keys();",
                )
                .await?;
                let keys: Vec<String> = keys
                    .as_array()?
                    .iter()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect();
                (keys.contains(&format!("kindlab-{new_version}"))
                    && !keys.contains(&format!("kindlab-{old}")))
                .then_some(keys)
            }
        },
    )
    .await;
    assert!(upgraded.is_ok(), "{upgraded:?}");
    // progress and settings came through the upgrade
    let p = js(
        &c,
        "return JSON.parse(localStorage.getItem('kindlab.progress')).lessons_read;",
    )
    .await;
    assert!(
        p.as_array()
            .is_some_and(|a| a.iter().any(|s| s == "kind-ha")),
        "{p}"
    );
    browser.close().await;
    drop(server);
    let _ = std::fs::remove_dir_all(&copy);
}

fn server_url(port: u16, path: &str) -> String {
    format!("http://127.0.0.1:{port}{path}")
}

fn copy_dir(from: &Path, to: &Path) {
    for f in kindlab_testkit::files_under(from) {
        let rel = f.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&f, &dest).unwrap();
    }
}
