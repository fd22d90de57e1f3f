//! Browser end-to-end test: the web release in dist/, served on a random loopback port, driven
//! in Debian's headless Chromium through chromedriver. Run by `cargo xtask test`, which builds
//! dist/ first (it is `#[ignore]`d for a plain `cargo test`).

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use std::path::PathBuf;
use std::time::Duration;
use xtask::browser::{wait_for, Browser};
use xtask::serve::Server;

fn dist() -> PathBuf {
    std::env::var_os("KINDLAB_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(xtask::dist_dir)
}

const WAIT: Duration = Duration::from_secs(30);

/// The first element matching a CSS selector, once it exists.
async fn find(c: &Client, sel: &str) -> Element {
    wait_for(sel, WAIT, || {
        let c = c.clone();
        async move { c.find(Locator::Css(sel)).await.ok() }
    })
    .await
    .unwrap()
}

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
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

/// Waits until the element's text equals `want`.
async fn wait_text(c: &Client, id: &str, want: &str) {
    let sel = testid(id);
    let got = wait_for(&format!("{id} to read {want:?}"), WAIT, || {
        let c = c.clone();
        let sel = sel.clone();
        async move {
            let t = c.find(Locator::Css(&sel)).await.ok()?.text().await.ok()?;
            (t == want).then_some(t)
        }
    })
    .await;
    assert!(
        got.is_ok(),
        "{id}: wanted {want:?}, page has {:?}",
        text_of(c, id).await
    );
}

async fn click(c: &Client, id: &str) {
    find(c, &testid(id)).await.click().await.unwrap();
}

/// With KINDLAB_SCREENSHOTS=DIR set, saves a screenshot of the page as DIR/web-NAME.png.
async fn shot(c: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("KINDLAB_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("web-{name}.png")), png).unwrap();
    }
}

async fn path(c: &Client) -> String {
    c.current_url().await.unwrap().path().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_app_navigates_switches_language_and_keeps_it() {
    let dist = dist();
    assert!(
        dist.join("index.html").is_file() && dist.join("kindlab_bg.wasm").is_file(),
        "no web release in {} (run `cargo xtask web --no-serve`)",
        dist.display()
    );
    assert_eq!(
        std::fs::read(dist.join("404.html")).unwrap(),
        std::fs::read(dist.join("index.html")).unwrap()
    );
    let server = Server::start(&dist, 0).unwrap();
    let browser = Browser::start().await.unwrap();
    let c = browser.client.clone();

    // home, in English
    c.goto(&server.url("/")).await.unwrap();
    wait_route(&c, "home").await;
    wait_text(&c, "nav-lab", "Cluster lab").await;
    assert_eq!(text_of(&c, "lang-switch").await, "中文");
    // the stylesheet applied (sidebar is laid out beside the page)
    let width = c
        .execute(
            "return getComputedStyle(document.querySelector('.sidebar')).width",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(width.as_str(), Some("300px"));
    shot(&c, "home-en-light").await;

    // follow the sidebar to a lesson route
    click(&c, "nav-lesson-kind-ha").await;
    wait_route(&c, "lesson-kind-ha").await;
    assert_eq!(path(&c).await, "/lesson/kind-ha");

    // switch to Chinese
    click(&c, "lang-switch").await;
    wait_text(&c, "nav-lab", "集群实验室").await;
    wait_text(&c, "nav-home", "概览").await;
    assert_eq!(text_of(&c, "lang-switch").await, "English");
    shot(&c, "lesson-zh-light").await;

    // switch theme to dark (system -> light -> dark)
    click(&c, "theme-switch").await;
    click(&c, "theme-switch").await;

    // reload the deep link: same page, Chinese and dark kept
    c.refresh().await.unwrap();
    wait_route(&c, "lesson-kind-ha").await;
    wait_text(&c, "nav-lab", "集群实验室").await;
    let theme = c
        .execute(
            "return document.querySelector('.app').getAttribute('data-theme')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(theme.as_str(), Some("dark"));
    shot(&c, "lesson-zh-dark").await;

    // back goes to the home page
    c.back().await.unwrap();
    wait_route(&c, "home").await;
    assert_eq!(path(&c).await, "/");
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
    shot(&c, "home-en-dark").await;

    // a deep link opened directly loads its page
    c.goto(&server.url("/quiz/1")).await.unwrap();
    wait_route(&c, "quiz-1").await;
    c.goto(&server.url("/no/such/page")).await.unwrap();
    wait_route(&c, "not-found").await;

    browser.close().await;
}
