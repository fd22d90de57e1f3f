//! Moving around the app: routes, language switches that stick, the theme.

use super::*;

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
    wait_text(&c, "nav-lab", "集群实验环境").await;
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
    wait_text(&c, "nav-lab", "集群实验环境").await;
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
    wait_text(&c, "nav-lab", "集群实验环境").await;
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
