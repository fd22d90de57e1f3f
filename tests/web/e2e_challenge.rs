//! Break-fix challenges in the browser, in Chinese (issue 19): the pre-rendered
//! `/zh/challenge/<id>` pages load the lab's edition; one challenge is solved by typing in the
//! terminal, two by the diagram's node actions; the hints come one at a time, the explanation
//! appears once solved, the home page lists the challenges and marks the solved ones. Waits are
//! on facts the page shows (`data-solved`, the hints' count), never on sleeps.

use crate::support::browser::{
    click_centred, find_within, keep_screenshot, open, shared_turn, testid,
};
use crate::support::lab::{Lab, ENTER};
use fantoccini::Client;
use kindlab_testkit::browser::wait_for;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(60);

async fn click(c: &Client, id: &str) {
    let e = find_within(c, &testid(id), WAIT).await.unwrap();
    click_centred(c, e).await.unwrap();
}

/// The number of elements matching `sel`.
async fn count(c: &Client, sel: &str) -> u64 {
    c.execute(
        "return document.querySelectorAll(arguments[0]).length;",
        vec![sel.into()],
    )
    .await
    .unwrap()
    .as_u64()
    .unwrap_or(0)
}

/// The text of the element with this data-testid ("" when there is none).
async fn text_of(c: &Client, id: &str) -> String {
    c.execute(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
        vec![testid(id).into()],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Opens a challenge page in Chinese and waits until the lab's edition runs it.
async fn open_challenge(c: &Client, url: &str, id: &str) {
    c.goto(url).await.unwrap();
    find_within(c, "html[data-kindlab=\"full\"]", WAIT)
        .await
        .unwrap();
    find_within(
        c,
        &format!("[data-testid=\"page\"][data-route=\"challenge-{id}\"]"),
        WAIT,
    )
    .await
    .unwrap();
    find_within(
        c,
        "[data-testid=\"challenge-status\"][data-solved=\"false\"]",
        WAIT,
    )
    .await
    .unwrap();
    find_within(c, &testid("terminal-input"), WAIT)
        .await
        .unwrap();
}

async fn wait_solved(c: &Client, what: &str) {
    let r = find_within(
        c,
        "[data-testid=\"challenge-status\"][data-solved=\"true\"]",
        WAIT,
    )
    .await;
    if let Err(e) = r {
        panic!(
            "{what}: {e}; the status reads {:?}",
            text_of(c, "challenge-status").await
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn challenges_solved_in_chinese_by_typing_and_by_clicking() {
    let _turn = shared_turn();
    let (server, browser, c) = open().await;
    let lab = Lab::new(&c, WAIT);
    let cr = &c;

    // pvc-pending, by typing: a StorageClass fast, then time for the provisioner
    open_challenge(&c, &server.url("/zh/challenge/pvc-pending"), "pvc-pending").await;
    let html_lang = c
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    assert_eq!(html_lang.as_str(), Some("zh-CN"));
    assert!(text_of(&c, "challenge-goal").await.contains("申领"));
    // hints, one at a time
    assert_eq!(count(&c, "[data-testid=\"challenge-hints\"] li").await, 0);
    click(&c, "challenge-hint").await;
    find_within(&c, "[data-testid=\"challenge-hints\"] li", WAIT)
        .await
        .unwrap();
    click(&c, "challenge-hint").await;
    wait_for("two hints", WAIT, || async move {
        (count(cr, "[data-testid=\"challenge-hints\"] li").await == 2).then_some(())
    })
    .await
    .unwrap();
    for line in [
        "kubectl apply -f - <<EOF",
        "apiVersion: storage.k8s.io/v1",
        "kind: StorageClass",
        "metadata:",
        "  name: fast",
        "provisioner: rancher.io/local-path",
        "volumeBindingMode: WaitForFirstConsumer",
        "EOF",
        "sleep 30s",
    ] {
        lab.send_keys(&format!("{line}{ENTER}")).await.unwrap();
    }
    wait_solved(&c, "pvc-pending after typing").await;
    let fix = text_of(&c, "challenge-fix").await;
    assert!(fix.contains("StorageClass fast"), "{fix}");
    assert!(find_within(&c, &testid("challenge-explanation"), WAIT)
        .await
        .is_ok());
    c.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    keep_screenshot(&c, "challenge-pvc-pending-zh.png").await;

    // node-stopped, by clicking: the stopped node's "start" action, then the clock
    open_challenge(
        &c,
        &server.url("/zh/challenge/node-stopped"),
        "node-stopped",
    )
    .await;
    lab.click_node("cluster01-worker2").await.unwrap();
    click(&c, "action-start-node").await;
    // the clock's "next event" until HAProxy's checks have seen NGINX again
    let solved = wait_for("node-stopped solved by the clock", WAIT, || async move {
        let done = count(
            cr,
            "[data-testid=\"challenge-status\"][data-solved=\"true\"]",
        )
        .await
            > 0;
        if !done {
            click(cr, "clock-next").await;
        }
        done.then_some(())
    })
    .await;
    if let Err(e) = solved {
        panic!(
            "{e}; the status reads {:?}",
            text_of(&c, "challenge-status").await
        );
    }
    assert!(text_of(&c, "challenge-fix")
        .await
        .contains("cluster01-worker2"));
    c.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    keep_screenshot(&c, "challenge-node-stopped-zh.png").await;

    // ingress-no-node, by clicking too: a worker's "label ingress-ready" action
    open_challenge(
        &c,
        &server.url("/zh/challenge/ingress-no-node"),
        "ingress-no-node",
    )
    .await;
    lab.click_node("cluster01-worker3").await.unwrap();
    click(&c, "action-label-ingress-ready").await;
    let solved = wait_for("ingress-no-node solved by the clock", WAIT, || async move {
        let done = count(
            cr,
            "[data-testid=\"challenge-status\"][data-solved=\"true\"]",
        )
        .await
            > 0;
        if !done {
            click(cr, "clock-next").await;
        }
        done.then_some(())
    })
    .await;
    if let Err(e) = solved {
        panic!(
            "{e}; the status reads {:?}",
            text_of(&c, "challenge-status").await
        );
    }
    assert!(text_of(&c, "challenge-fix")
        .await
        .contains("cluster01-worker3"));

    // the home page lists both, marked solved (from the learner's record, once the app runs)
    c.goto(&server.url("/zh/")).await.unwrap();
    find_within(&c, "html[data-kindlab]", WAIT).await.unwrap();
    find_within(&c, &testid("home-challenges"), WAIT)
        .await
        .unwrap();
    for id in ["pvc-pending", "node-stopped"] {
        let sel = format!("[data-testid=\"challenge-link-{id}\"]");
        let marked = wait_for(&format!("{id} marked solved"), WAIT, || {
            let sel = sel.clone();
            async move {
                let t = cr
                    .execute(
                        "const a = document.querySelector(arguments[0]); return a ? a.parentElement.textContent : '';",
                        vec![sel.into()],
                    )
                    .await
                    .ok()?;
                t.as_str().filter(|t| t.contains("已解决")).map(str::to_string)
            }
        })
        .await;
        assert!(marked.is_ok(), "{id}: {marked:?}");
    }
    keep_screenshot(&c, "challenge-home-zh.png").await;
    // a link from the reading page opens the challenge in the lab's edition
    click(&c, "challenge-link-check-port-443").await;
    find_within(
        &c,
        "[data-testid=\"page\"][data-route=\"challenge-check-port-443\"]",
        WAIT,
    )
    .await
    .unwrap();
    find_within(
        &c,
        "[data-testid=\"challenge-status\"][data-solved=\"false\"]",
        WAIT,
    )
    .await
    .unwrap();
    find_within(&c, "html[data-kindlab=\"full\"]", WAIT)
        .await
        .unwrap();
    browser.close().await;
    drop(server);
}
