//! What a lesson loads: no simulator until the lab is wanted.

use super::*;

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
