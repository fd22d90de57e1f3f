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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_app_navigates_switches_language_and_keeps_it() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    // home, in English
    goto(&c, &server.url("/")).await;
    wait_route(&c, "home").await;
    wait_text(&c, "nav-lab", "Cluster lab").await;
    assert_eq!(text_of(&c, "lang-switch").await, "中文");
    // the stylesheet applied (sidebar is laid out beside the page)
    let width = js(
        &c,
        "return getComputedStyle(document.querySelector('.sidebar')).width",
    )
    .await;
    assert_eq!(width.as_str(), Some("300px"));
    shot(&c, "home-en-light").await;

    // follow the sidebar to a lesson route
    click(&c, "nav-lesson-kind-ha").await;
    wait_route(&c, "lesson-kind-ha").await;
    assert_eq!(path(&c).await, "/lesson/kind-ha");

    // switch to Chinese: the Chinese twin of the page, under /zh/
    click(&c, "lang-switch").await;
    wait_text(&c, "nav-lab", "集群实验室").await;
    wait_text(&c, "nav-home", "概览").await;
    assert_eq!(text_of(&c, "lang-switch").await, "English");
    assert_eq!(path(&c).await, "/zh/lesson/kind-ha");
    assert_eq!(
        js(&c, "return document.documentElement.lang")
            .await
            .as_str(),
        Some("zh-CN")
    );
    shot(&c, "lesson-zh-light").await;

    // switch theme to dark (system -> light -> dark)
    click(&c, "theme-switch").await;
    click(&c, "theme-switch").await;

    // reload the deep link: same page, Chinese and dark kept
    reload(&c).await;
    wait_route(&c, "lesson-kind-ha").await;
    wait_text(&c, "nav-lab", "集群实验室").await;
    let theme = js(
        &c,
        "return document.querySelector('.app').getAttribute('data-theme')",
    )
    .await;
    assert_eq!(theme.as_str(), Some("dark"));
    shot(&c, "lesson-zh-dark").await;

    // back goes to the page before (the switch replaced the English lesson), in the language
    // the learner chose: its Chinese twin
    c.back().await.unwrap();
    wait_route(&c, "home").await;
    wait_js(
        &c,
        "the Chinese home page",
        "return location.pathname === '/zh/';",
    )
    .await;
    // the lesson visit was recorded and survived the reload
    let opened = find(&c, &testid("progress-summary"))
        .await
        .attr("data-lessons-opened")
        .await
        .unwrap();
    assert_eq!(opened.as_deref(), Some("1"));
    wait_text(&c, "nav-lab", "集群实验室").await;
    shot(&c, "home-zh-dark").await;
    click(&c, "lang-switch").await;
    wait_text(&c, "nav-lab", "Cluster lab").await;
    assert_eq!(path(&c).await, "/");
    shot(&c, "home-en-dark").await;

    // deep links opened directly load their page; an unknown quiz or path says so
    goto(&c, &server.url("/quiz/chapter")).await;
    wait_route(&c, "quiz-chapter").await;
    find(&c, &testid("quiz-start")).await;
    goto(&c, &server.url("/quiz/1")).await;
    wait_route(&c, "quiz-1").await;
    goto(&c, &server.url("/no/such/page")).await;
    wait_route(&c, "not-found").await;

    browser.close().await;
}

/// The first code block that has highlighted tokens: its language, a token's colour, the plain
/// text's colour.
const HIGHLIGHT_JS: &str = r#"
for (const b of document.querySelectorAll('[data-testid="code-block"]')) {
  const tok = b.querySelector('.tok:not(.tok-pr):not(.tok-o)');
  if (!tok) continue;
  const code = b.querySelector('pre code');
  return { lang: b.getAttribute('data-lang'), cls: tok.className, text: tok.textContent,
           tok: getComputedStyle(tok).color, plain: getComputedStyle(code).color,
           tokens: b.querySelectorAll('.tok').length };
}
return null;
"#;

/// Asserts the page shows highlighted code: a token coloured unlike the text around it.
async fn assert_highlighted(c: &Client, what: &str) {
    let h = wait_js(c, "a highlighted code block", HIGHLIGHT_JS).await;
    eprintln!("{what}: highlighted {h}");
    assert_ne!(
        h["tok"], h["plain"],
        "{what}: token {} has the plain text's colour",
        h["cls"]
    );
}

/// Where a heading is in the viewport: its top, in CSS pixels (null when absent).
async fn heading_top(c: &Client, id: &str) -> Json {
    js(
        c,
        &format!(
            "const e = document.getElementById({id:?}); return e ? e.getBoundingClientRect().top : null;"
        ),
    )
    .await
}

/// Waits until the heading `id` has been scrolled to the top of the viewport (below the
/// 56px top bar, where `scroll-margin-top` puts it).
async fn wait_heading_in_view(c: &Client, id: &str) {
    let script = format!(
        "const e = document.getElementById({id:?}); if (!e) return false; \
         const t = e.getBoundingClientRect().top; return window.scrollY > 0 && t >= 40 && t <= 160;"
    );
    let ok = wait_for(&format!("#{id} scrolled into view"), WAIT, || {
        let c = c.clone();
        let script = script.clone();
        async move {
            let v = c.execute(&script, vec![]).await.ok()?;
            (v == Json::Bool(true)).then_some(())
        }
    })
    .await;
    assert!(
        ok.is_ok(),
        "#{id} is not at the top of the viewport: top {}",
        heading_top(c, id).await
    );
}

/// The `data-state` of a topology element inside the n-th topology widget on the page.
async fn topo_state(c: &Client, n: usize, id: &str) -> String {
    let v = wait_js(
        c,
        &format!("topology {n} with {id}"),
        &format!(
            "const t = document.querySelectorAll('[data-testid=\"topology\"]')[{n}]; \
             const e = t && t.querySelector('[data-testid=\"{id}\"]'); \
             return e ? e.getAttribute('data-state') : null;"
        ),
    )
    .await;
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_lessons_highlight_copy_toc_topology_search_next_and_read() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    // a lesson in English, light
    goto(&c, &server.url("/lesson/kind-ha")).await;
    wait_route(&c, "lesson-kind-ha").await;
    set_theme(&c, "light").await;
    let title_en = text_of(&c, "lesson-title").await;
    assert!(!title_en.is_empty() && !has_cjk(&title_en), "{title_en:?}");
    assert_highlighted(&c, "kind-ha, English, light").await;

    // copy a code block: exactly its text lands on the clipboard
    let copy = find(&c, &testid("code-copy")).await;
    js(
        &c,
        "document.querySelector('[data-testid=\"code-copy\"]').scrollIntoView({block: 'center'}); return true;",
    )
    .await;
    copy.click().await.unwrap();
    wait_attr(&c, &testid("code-copy"), "data-copied", "true").await;
    let (copied, shown) = {
        let v = js(
            &c,
            "return [window.__kindlabCopied || null, \
             document.querySelector('[data-testid=\"code-block\"] pre code').textContent];",
        )
        .await;
        (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        )
    };
    assert!(!copied.is_empty(), "nothing was copied");
    assert_eq!(
        copied.trim_end(),
        shown.trim_end(),
        "the copied text differs from the block's text"
    );

    // the in-page table of contents scrolls its heading to the top
    let toc = find(&c, &testid("lesson-toc")).await;
    let entries = toc
        .find_all(Locator::Css("[data-testid^=\"toc-\"]"))
        .await
        .unwrap();
    assert!(entries.len() >= 4, "toc has {} entries", entries.len());
    js(&c, "window.scrollTo(0, 0); return true;").await;
    click(&c, "toc-eight-containers").await;
    wait_heading_in_view(&c, "eight-containers").await;

    // the topology drawn from the start state: NGINX on worker2, so only worker2 is UP
    scroll_into_view(&c, &testid("topology")).await;
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker2").await, "Ready");
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker3").await, "Ready");
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker").await, "Ready");
    assert_eq!(
        topo_state(&c, 0, "node-cluster01-control-plane").await,
        "Ready"
    );
    assert_eq!(topo_state(&c, 0, "server-ingress_http-worker2").await, "UP");
    assert_eq!(
        topo_state(&c, 0, "server-ingress_http-worker3").await,
        "DOWN"
    );
    assert_eq!(
        topo_state(&c, 0, "server-ingress_https-worker2").await,
        "UP"
    );
    assert_eq!(
        topo_state(&c, 0, "server-ingress_https-worker").await,
        "DOWN"
    );
    shot(&c, "lesson-en-light-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-en-light-code").await;

    // the same lesson in Chinese: its own title, still highlighted
    set_lang(&c, "zh-CN").await;
    let title_zh = wait_js(
        &c,
        "the Chinese lesson title",
        "const t = document.querySelector('[data-testid=\"lesson-title\"]').textContent; \
         return /[\\u4e00-\\u9fff]/.test(t) ? t : null;",
    )
    .await;
    assert_ne!(title_zh.as_str(), Some(title_en.as_str()));
    assert_highlighted(&c, "kind-ha, Chinese, light").await;
    scroll_into_view(&c, &testid("topology")).await;
    shot(&c, "lesson-zh-light-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-zh-light-code").await;

    // dark, in both languages: tokens keep a colour of their own
    set_theme(&c, "dark").await;
    assert_highlighted(&c, "kind-ha, Chinese, dark").await;
    scroll_into_view(&c, &testid("topology")).await;
    shot(&c, "lesson-zh-dark-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-zh-dark-code").await;
    set_lang(&c, "en-US").await;
    assert_highlighted(&c, "kind-ha, English, dark").await;
    scroll_into_view(&c, &testid("topology")).await;
    shot(&c, "lesson-en-dark-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-en-dark-code").await;
    set_theme(&c, "light").await;

    // the kubelet lesson: before the failure worker2 is Ready, after it NotReady
    goto(&c, &server.url("/lesson/kubelet-failure")).await;
    wait_route(&c, "lesson-kubelet-failure").await;
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker2").await, "Ready");
    assert_eq!(
        topo_state(&c, 1, "node-cluster01-worker2").await,
        "NotReady"
    );
    assert_eq!(topo_state(&c, 1, "node-cluster01-worker3").await, "Ready");
    js(
        &c,
        "const t = document.querySelectorAll('[data-testid=\"topology\"]')[1]; \
         t.scrollIntoView({block: 'center'}); return true;",
    )
    .await;
    shot(&c, "lesson-en-light-topology-notready").await;

    // search in Chinese, from the home page: type, Enter opens the first hit at its heading
    goto(&c, &server.url("/")).await;
    wait_route(&c, "home").await;
    set_lang(&c, "zh-CN").await;
    let input = find(&c, &testid("search-input")).await;
    input.send_keys("宽限期").await.unwrap();
    let first = find(&c, &testid("search-result")).await;
    let slug = first.attr("data-slug").await.unwrap().unwrap_or_default();
    let anchor = first.attr("data-anchor").await.unwrap().unwrap_or_default();
    let hit = first.text().await.unwrap();
    assert!(has_cjk(&hit), "{hit:?}");
    // the grace period is the kubelet lesson's subject: it is among the hits
    find(
        &c,
        &format!("{}[data-slug=\"kubelet-failure\"]", testid("search-result")),
    )
    .await;
    shot(&c, "search-zh-light").await;
    press(&c, &ENTER.to_string()).await;
    wait_route(&c, &format!("lesson-{slug}")).await;
    if !anchor.is_empty() {
        wait_heading_in_view(&c, &anchor).await;
    }
    // the results closed and the box was cleared
    assert!(c
        .find(Locator::Css(&testid("search-result")))
        .await
        .is_err());

    // and in English, from another lesson: click a result
    set_lang(&c, "en-US").await;
    goto(&c, &server.url("/lesson/kind-ha")).await;
    wait_route(&c, "lesson-kind-ha").await;
    find(&c, &testid("search-input"))
        .await
        .send_keys("StorageClass")
        .await
        .unwrap();
    let hits = wait_for("English search results", WAIT, || {
        let c = c.clone();
        async move {
            let v = c
                .find_all(Locator::Css(&testid("search-result")))
                .await
                .ok()?;
            (!v.is_empty()).then_some(v)
        }
    })
    .await
    .unwrap();
    let mut target = None;
    for h in &hits {
        let s = h.attr("data-slug").await.unwrap().unwrap_or_default();
        let a = h.attr("data-anchor").await.unwrap().unwrap_or_default();
        if s == "storage" && !a.is_empty() {
            target = Some((h.clone(), a));
            break;
        }
    }
    let (hit, anchor) = target.expect("a result in the storage lesson, at a heading");
    hit.click().await.unwrap();
    wait_route(&c, "lesson-storage").await;
    wait_heading_in_view(&c, &anchor).await;
    // "no results" says so
    find(&c, &testid("search-input"))
        .await
        .send_keys("zzqqxxnothing")
        .await
        .unwrap();
    find(&c, &testid("search-none")).await;
    press(&c, "\u{e00c}").await; // Escape clears the box
    wait_js(
        &c,
        "the search box to clear",
        "return document.querySelector('[data-testid=\"search-input\"]').value === '';",
    )
    .await;

    // next lesson
    goto(&c, &server.url("/lesson/kind-ha")).await;
    wait_route(&c, "lesson-kind-ha").await;
    click(&c, "lesson-next").await;
    wait_route(&c, "lesson-haproxy-workers").await;
    assert_eq!(path(&c).await, "/lesson/haproxy-workers");
    wait_attr(&c, &testid("lesson"), "data-slug", "haproxy-workers").await;

    // reaching the end marks the lesson read, and that survives a reload
    let lesson = testid("lesson");
    wait_attr(&c, &lesson, "data-read", "false").await;
    let count_before = text_of(&c, "nav-read-count").await;
    let read_before: usize = count_before
        .trim()
        .split('/')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("nav-read-count {count_before:?}"));
    js(
        &c,
        "window.scrollTo(0, document.documentElement.scrollHeight); return true;",
    )
    .await;
    wait_attr(&c, &lesson, "data-read", "true").await;
    wait_text(&c, "nav-read-count", &format!("{}/7", read_before + 1)).await;
    find(&c, &testid("lesson-mark-unread")).await;
    find(
        &c,
        ".nav-link.done[data-testid=\"nav-lesson-haproxy-workers\"]",
    )
    .await;
    reload(&c).await;
    wait_route(&c, "lesson-haproxy-workers").await;
    wait_attr(&c, &lesson, "data-read", "true").await;
    wait_text(&c, "nav-read-count", &format!("{}/7", read_before + 1)).await;
    let p = saved_progress(&c).await;
    assert!(
        p["lessons_read"]
            .as_array()
            .is_some_and(|a| a.iter().any(|s| s == "haproxy-workers")),
        "saved progress: {p}"
    );

    browser.close().await;
}

/// Waits for question `n` (1-based) of the chapter quiz, not yet answered, with the keyboard
/// focus inside it.
async fn wait_question(c: &Client, n: usize) {
    let q = wait_attr(
        c,
        &testid("quiz-question"),
        "data-question",
        &format!("chapter-{n}"),
    )
    .await;
    assert_eq!(
        q.attr("data-answered").await.unwrap().as_deref(),
        Some("false")
    );
    let focused = wait_for("the focus inside the question", WAIT, || {
        let c = c.clone();
        async move {
            let f = focused_within(&c).await;
            (f.starts_with("quiz-option") || f == "quiz-question").then_some(f)
        }
    })
    .await;
    assert!(
        focused.is_ok(),
        "question {n}: the focus is on {:?}, not in the question",
        focused_within(c).await
    );
}

/// After an answer (practice mode) the keyboard focus is still inside the question.
async fn wait_answered_focus(c: &Client) {
    wait_attr(c, &testid("quiz-question"), "data-answered", "true").await;
    let inside = wait_for("the focus inside the answered question", WAIT, || {
        let c = c.clone();
        async move {
            let f = focused_within(&c).await;
            (f.starts_with("quiz-") && f != "quiz-announce").then_some(f)
        }
    })
    .await;
    assert!(
        inside.is_ok(),
        "after answering, the focus is on {:?}: Enter cannot continue",
        focused_within(c).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_chapter_quiz_by_keyboard_in_chinese_then_review_and_progress_import() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    goto(&c, &server.url("/quiz/chapter")).await;
    wait_route(&c, "quiz-chapter").await;
    // the language, switched from the keyboard
    focus(&c, &testid("lang-switch")).await;
    press(&c, &ENTER.to_string()).await;
    wait_attr(&c, &testid("lang-switch"), "data-lang", "zh-CN").await;
    wait_text(&c, "quiz-start", "开始").await;
    shot(&c, "quiz-zh-light-start").await;

    // exam mode: ↓ in the mode radios, Tab past "shuffle" to Start, Enter
    focus(&c, &testid("quiz-mode-practice")).await;
    press(&c, &DOWN.to_string()).await;
    wait_js(
        &c,
        "exam mode to be chosen",
        "return document.querySelector('[data-testid=\"quiz-mode-exam\"]').checked;",
    )
    .await;
    press(&c, &format!("{TAB}{TAB}")).await;
    assert_eq!(focused_within(&c).await, "quiz-start");
    press(&c, &ENTER.to_string()).await;

    // four questions, each: a digit picks, Enter answers
    for (i, key) in CHAPTER_KEY.iter().enumerate() {
        let n = i + 1;
        wait_question(&c, n).await;
        wait_text(&c, "quiz-position", &format!("第 {n} 题，共 4 题")).await;
        if n == 1 {
            shot(&c, "quiz-zh-light-exam-question").await;
        }
        press(&c, &key.to_string()).await;
        wait_attr(
            &c,
            &testid(&format!("quiz-option-{key}")),
            "data-state",
            "picked",
        )
        .await;
        // exam mode: Enter records the answer and goes straight on, with no verdict
        press(&c, &ENTER.to_string()).await;
        if n < CHAPTER_KEY.len() {
            wait_attr(
                &c,
                &testid("quiz-question"),
                "data-question",
                &format!("chapter-{}", n + 1),
            )
            .await;
        }
        assert!(c
            .find(Locator::Css(&testid("quiz-feedback")))
            .await
            .is_err());
    }
    let score = find(&c, &testid("quiz-score")).await;
    assert_eq!(
        score.attr("data-correct").await.unwrap().as_deref(),
        Some("4")
    );
    assert_eq!(
        score.attr("data-total").await.unwrap().as_deref(),
        Some("4")
    );
    assert_eq!(plain(&score.text().await.unwrap()), "得分：4 / 4");
    find(&c, &testid("quiz-topics")).await;
    let items = c
        .find_all(Locator::Css(&testid("quiz-review-item")))
        .await
        .unwrap();
    assert_eq!(items.len(), 4);
    shot(&c, "quiz-zh-light-results").await;

    // a reload keeps the result
    reload(&c).await;
    wait_route(&c, "quiz-chapter").await;
    let score = find(&c, &testid("quiz-score")).await;
    assert_eq!(
        score.attr("data-correct").await.unwrap().as_deref(),
        Some("4")
    );
    assert_eq!(text_of(&c, "lang-switch").await, "English");
    let p = saved_progress(&c).await;
    assert_eq!(p["quiz_answers"], 4, "saved progress: {p}");

    // again, in practice mode, with the first answer wrong on purpose
    focus(&c, &testid("quiz-restart")).await;
    press(&c, &ENTER.to_string()).await;
    focus(&c, &testid("quiz-start")).await;
    press(&c, &ENTER.to_string()).await;
    wait_question(&c, 1).await;
    press(&c, "1").await;
    press(&c, &ENTER.to_string()).await;
    let fb = find(&c, &testid("quiz-feedback")).await;
    assert_eq!(
        fb.attr("data-correct").await.unwrap().as_deref(),
        Some("false")
    );
    // the options are disabled now: the focus must not fall out of the question, or the next
    // Enter would go nowhere
    wait_answered_focus(&c).await;
    wait_attr(&c, &testid("quiz-option-1"), "data-state", "wrong").await;
    wait_attr(&c, &testid("quiz-option-3"), "data-state", "right").await;
    // the live region said so
    let announced = text_of(&c, "quiz-announce").await;
    let announced = if announced.is_empty() {
        // WebDriver's text is the rendered text; the region is visually hidden
        js(
            &c,
            "return document.querySelector('[data-testid=\"quiz-announce\"]').textContent;",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    } else {
        announced
    };
    assert_eq!(announced.trim(), "回答错误。");
    let live = find(&c, &testid("quiz-announce"))
        .await
        .attr("aria-live")
        .await
        .unwrap();
    assert_eq!(live.as_deref(), Some("polite"));
    shot(&c, "quiz-zh-light-practice-answered").await;
    press(&c, &ENTER.to_string()).await;
    for (i, key) in CHAPTER_KEY.iter().enumerate().skip(1) {
        wait_question(&c, i + 1).await;
        press(&c, &key.to_string()).await;
        press(&c, &ENTER.to_string()).await;
        let fb = find(&c, &testid("quiz-feedback")).await;
        assert_eq!(
            fb.attr("data-correct").await.unwrap().as_deref(),
            Some("true")
        );
        wait_answered_focus(&c).await;
        let said = js(
            &c,
            "return document.querySelector('[data-testid=\"quiz-announce\"]').textContent;",
        )
        .await;
        assert_eq!(said.as_str(), Some("回答正确。"));
        press(&c, &ENTER.to_string()).await;
    }
    let score = find(&c, &testid("quiz-score")).await;
    assert_eq!(
        score.attr("data-correct").await.unwrap().as_deref(),
        Some("3")
    );
    wait_attr(
        &c,
        &format!(
            "{}[data-question=\"chapter-1\"]",
            testid("quiz-review-item")
        ),
        "data-correct",
        "false",
    )
    .await;
    find(&c, &testid("quiz-retry-wrong")).await;

    // the missed question waits in the review queue
    click(&c, "nav-quiz").await;
    wait_route(&c, "quiz").await;
    let card = find(&c, &testid("quiz-card-review")).await;
    let due: usize = card
        .attr("data-due")
        .await
        .unwrap()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    assert!(due >= 1, "review queue: {due} due");
    card.click().await.unwrap();
    wait_route(&c, "quiz-review").await;
    click(&c, "quiz-start").await;
    find(&c, &testid("quiz-question")).await;
    let p = saved_progress(&c).await;
    let queued: Vec<String> = p["runs"]["review"]["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["question"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        queued.iter().any(|q| q == "chapter-1"),
        "the review run asks {queued:?}"
    );

    // a question before and after answering, in both languages, light and dark
    let first = find(&c, &testid("quiz-question"))
        .await
        .attr("data-question")
        .await
        .unwrap()
        .unwrap_or_default();
    for (lang, l) in [("zh-CN", "zh"), ("en-US", "en")] {
        for theme in ["light", "dark"] {
            set_lang(&c, lang).await;
            set_theme(&c, theme).await;
            shot(&c, &format!("quiz-{l}-{theme}-question")).await;
        }
    }
    // the others were answered right a minute ago: not due yet, so the missed one comes first
    assert_eq!(first, "chapter-1", "the review run asks {queued:?}");
    focus(&c, &testid("quiz-question")).await;
    press(&c, "3").await;
    press(&c, &ENTER.to_string()).await;
    let fb = find(&c, &testid("quiz-feedback")).await;
    assert_eq!(
        fb.attr("data-correct").await.unwrap().as_deref(),
        Some("true")
    );
    for (lang, l) in [("zh-CN", "zh"), ("en-US", "en")] {
        for theme in ["light", "dark"] {
            set_lang(&c, lang).await;
            set_theme(&c, theme).await;
            shot(&c, &format!("quiz-{l}-{theme}-answered")).await;
        }
    }

    // progress: export, a bad import changes nothing, the exported text imports
    click(&c, "nav-progress").await;
    wait_route(&c, "progress").await;
    click(&c, "progress-export").await;
    find(&c, &testid("progress-export-result")).await;
    let exported = wait_js(
        &c,
        "the exported text",
        "return window.__kindlabExport || null;",
    )
    .await;
    let exported = exported.as_str().unwrap().to_string();
    let doc: Json = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["schema"], 2);
    assert!(doc["quiz_answers"].as_u64().unwrap_or(0) >= 8, "{doc}");
    let before = js(&c, "return localStorage.getItem('kindlab.progress');").await;

    find(&c, &testid("progress-import-text"))
        .await
        .send_keys("{\"schema\": 2, \"quiz_answers\": ")
        .await
        .unwrap();
    click(&c, "progress-import").await;
    let bad = find(&c, &testid("progress-import-result")).await;
    assert_eq!(bad.attr("data-ok").await.unwrap().as_deref(), Some("false"));
    let why = bad.text().await.unwrap();
    assert!(why.contains("1"), "the message names a line: {why:?}");
    shot(&c, "progress-en-dark-import-bad").await;
    assert_eq!(
        js(&c, "return localStorage.getItem('kindlab.progress');").await,
        before,
        "a bad import changed the saved progress"
    );
    assert_eq!(
        saved_progress(&c).await["quiz_answers"],
        doc["quiz_answers"]
    );

    // the exported text, pasted in (set at once: typing 10 KB key by key is slow)
    js(
        &c,
        &format!(
            "const t = document.querySelector('[data-testid=\"progress-import-text\"]'); \
             t.value = {}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return true;",
            serde_json::to_string(&exported).unwrap()
        ),
    )
    .await;
    click(&c, "progress-import").await;
    wait_attr(&c, &testid("progress-import-result"), "data-ok", "true").await;
    let after = saved_progress(&c).await;
    assert_eq!(after, doc, "the imported progress differs from the export");
    // and the app uses it: the chapter quiz's best score is 4/4
    click(&c, "nav-quiz").await;
    wait_route(&c, "quiz").await;
    let chapter = plain(&text_of(&c, "quiz-card-chapter").await);
    assert!(chapter.contains("4/4"), "{chapter:?}");

    browser.close().await;
}
