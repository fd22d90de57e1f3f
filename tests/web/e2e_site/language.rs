//! The language lives in the URL.

use super::*;

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
    assert_eq!(nav, "集群实验环境");
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
    // the reader's click on the switch in the sticky top bar. Not WebDriver's element click:
    // that first scrolls the element "into view", and for a sticky bar under the page's
    // scroll-padding it scrolls the page (Playwright's did by 455 px here), so the section
    // being read would be whatever the automation scrolled to
    js(
        &c,
        "document.querySelector('[data-testid=\"lang-switch\"]').click(); return true;",
    )
    .await;
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
