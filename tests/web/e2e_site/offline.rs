//! Offline after one visit, and a new version offered.

use super::*;

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
        // a break-fix challenge: the lab's edition, its broken world (issue 19)
        (
            "/zh/challenge/pvc-pending",
            "[data-testid=\"challenge-status\"][data-solved=\"false\"]",
        ),
    ] {
        c.goto(&server_url(port, url)).await.unwrap();
        let live = wait_live(&c).await;
        find(&c, check).await;
        assert_eq!(path(&c).await, url, "offline {url}");
        if url.ends_with("/pvc-pending") {
            assert_eq!(live, "full");
        }
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
