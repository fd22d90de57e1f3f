//! Pre-rendered pages read without JavaScript, and the app taking a page over.

use super::*;

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
