//! The HAProxy config editor and custom topologies (presets, refusals, fifty workers).

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_config_editor_flags_the_line_reverts_and_applies() {
    let p = Page::open().await;
    let c = &p.c;
    let log_before = panel_log(c).await;
    let starts_before = log_before.matches("New worker #1 (6) forked").count();
    assert_eq!(starts_before, 1, "{log_before}");

    click(c, "lab-tab-config").await;
    find(c, &testid("config-editor")).await;
    wait_exists(c, "config-ok", true).await;
    assert!(
        !exists(c, "config-message").await
            || {
                // a good file may carry warnings, never an ALERT
                js(c, "return document.querySelector('[data-testid=config-message][data-severity=ALERT]') === null;").await == Value::Bool(true)
            }
    );
    let original = value_of(c, "config-editor").await;
    assert!(
        original.contains("server worker3 $worker3:80 check port 80"),
        "{original}"
    );
    assert!(
        attr(c, "config-apply", "disabled").await.is_some(),
        "nothing to apply yet"
    );

    // a keyword HAProxy does not know: refused, with its line
    let bad = type_after_line(c, "config-editor", "  mode http", "\n  frobnicate yes").await;
    let line = bad.lines().position(|l| l.contains("frobnicate")).unwrap() + 1;
    wait_exists(c, "config-bad", true).await;
    assert!(!exists(c, "config-ok").await);
    let msg = js_with(
        c,
        "const m = document.querySelector('[data-testid=config-message][data-severity=ALERT][data-line]'); return m ? [m.getAttribute('data-line'), m.textContent] : null;",
        vec![],
    )
    .await;
    assert_eq!(msg[0].as_str(), Some(line.to_string().as_str()), "{msg}");
    assert!(
        msg[1].as_str().unwrap_or("").contains("frobnicate"),
        "{msg}"
    );

    // revert: the file again
    click(c, "config-revert").await;
    wait_exists(c, "config-ok", true).await;
    assert_eq!(value_of(c, "config-editor").await, original);

    // a good change: worker3's http server checked every second, down after two failures
    let before = transcript(c).await.len();
    let good = type_after_line(
        c,
        "config-editor",
        "server worker3 $worker3:80 check port 80",
        " inter 1s fall 2",
    )
    .await;
    wait_exists(c, "config-ok", true).await;
    assert!(
        attr(c, "config-apply", "disabled").await.is_none(),
        "a change can be applied"
    );
    click(c, "config-apply").await;
    let (out, failed) = wait_entry(c, before + 1, "docker restart HAProxy-workers-lb").await;
    assert!(!failed, "{out}");
    let t = transcript(c).await;
    assert_eq!(t.len(), before + 2, "{t:?}");
    // the file was written by the first of the two commands, which succeeded
    let wrote = js(
        c,
        "const o = document.querySelectorAll('[data-testid=terminal-output] .term-out'); const e = o[o.length - 2]; return [e.textContent, e.classList.contains('failed')];",
    )
    .await;
    assert_eq!(
        wrote[1],
        Value::Bool(false),
        "writing haproxy.cfg from the editor failed: {}",
        wrote[0]
    );
    let cat = run(c, "cat ~/haproxy/haproxy.cfg").await;
    assert_eq!(cat, good);
    assert!(cat.contains("server worker3 $worker3:80 check port 80 inter 1s fall 2"));
    // the container restarted: its start-up lines are in the log again
    let log_after = panel_log(c).await;
    assert!(
        log_after.matches("New worker #1 (6) forked").count() == 2
            && log_after.contains("Exiting Master process"),
        "{log_after}"
    );
    click(c, "lab-tab-config").await;
    wait_exists(c, "config-ok", true).await;
    assert_eq!(value_of(c, "config-editor").await, good);
    assert!(attr(c, "config-apply", "disabled").await.is_some());

    // "Try it for real" writes the same file (the shell filling in the workers' addresses)
    // and restarts HAProxy
    click(c, "lab-export").await;
    wait_exists(c, "lab-export-panel", true).await;
    let script = text(c, "lab-export-script").await;
    let mine = script
        .split("what you did in the lab, in order")
        .nth(1)
        .unwrap_or_else(|| panic!("{script}"));
    assert!(
        mine.contains(&format!("cat > ~/haproxy/haproxy.cfg <<EOF\n{good}EOF\n")),
        "the change is in the script:\n{mine}"
    );
    assert!(
        mine.contains("docker restart HAProxy-workers-lb\n"),
        "{mine}"
    );
    p.close().await;
}

/// Number of worker nodes drawn.
async fn workers_drawn(c: &Client) -> u64 {
    js(
        c,
        "return document.querySelectorAll('[data-testid=topology] [data-testid^=\"node-cluster01-worker\"]').length;",
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

async fn choose_preset(c: &Client, preset: &str) {
    if !exists(c, "topology-settings").await {
        click(c, "lab-topology-settings").await;
    }
    find(c, &testid("topology-preset"))
        .await
        .select_by_value(preset)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_custom_topologies_presets_refusals_and_fifty_workers() {
    let p = Page::open().await;
    let c = &p.c;
    assert_eq!(workers_drawn(c).await, 3);
    assert!(exists(c, "node-cluster01-control-plane3").await);

    // one control plane and five workers
    choose_preset(c, "one-cp-five-workers").await;
    let r = wait_for("the preset in the kind editor", WAIT, || async move {
        (value_of(c, "topology-kind")
            .await
            .matches("- role: worker")
            .count()
            == 5)
            .then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: {}", value_of(c, "topology-kind").await);
    }
    assert!(value_of(c, "topology-haproxy")
        .await
        .contains("server worker5 $worker5:80"));
    click(c, "topology-apply").await;
    wait_exists(c, "topology-settings", false).await;
    wait_exists(c, "node-cluster01-worker5", true).await;
    assert!(exists(c, "node-cluster01-control-plane").await);
    assert!(!exists(c, "node-cluster01-control-plane2").await);
    assert!(!exists(c, "node-cluster01-worker6").await);
    assert_eq!(workers_drawn(c).await, 5);
    assert!(exists(c, "server-ingress_http-worker5").await);
    let nodes = run(c, "kubectl get nodes").await;
    assert!(
        nodes.contains("cluster01-worker5") && !nodes.contains("control-plane2"),
        "{nodes}"
    );
    // the world is the new one: its nodes can be clicked
    node_action(
        c,
        "cluster01-worker5",
        &testid("action-stop-kubelet"),
        "docker exec cluster01-worker5 systemctl stop kubelet",
    )
    .await;
    wait_attr(c, "node-cluster01-worker5", "data-kubelet", "stopped").await;

    // a kind config kind would refuse: its line is shown, the world stays
    click(c, "lab-topology-settings").await;
    find(c, &testid("topology-kind")).await;
    let kind_text = value_of(c, "topology-kind").await;
    assert_eq!(
        kind_text.matches("- role: worker").count(),
        5,
        "{kind_text}"
    );
    type_after_line(c, "topology-kind", "apiVersion", "\nfrobnicate: yes").await;
    click(c, "topology-apply").await;
    wait_exists(c, "topology-error", true).await;
    let err = text(c, "topology-error").await;
    let bad_line = value_of(c, "topology-kind")
        .await
        .lines()
        .position(|l| l.starts_with("frobnicate"))
        .unwrap()
        + 1;
    assert!(
        err.starts_with(&format!("kind config:{bad_line}:")),
        "the error names line {bad_line}: {err}"
    );
    assert!(
        exists(c, "topology-settings").await,
        "the settings stay open"
    );
    assert_eq!(workers_drawn(c).await, 5, "the previous world stays");
    assert_eq!(
        attr(c, "node-cluster01-worker5", "data-kubelet")
            .await
            .as_deref(),
        Some("stopped"),
        "and its state"
    );

    // fifty workers
    choose_preset(c, "fifty-workers").await;
    let r = wait_for("the fifty-worker preset", WAIT, || async move {
        (value_of(c, "topology-kind")
            .await
            .matches("- role: worker")
            .count()
            == 50)
            .then_some(())
    })
    .await;
    r.unwrap();
    click(c, "topology-apply").await;
    wait_exists(c, "topology-settings", false).await;
    wait_exists(c, "node-cluster01-worker50", true).await;
    assert_eq!(workers_drawn(c).await, 50);
    assert!(exists(c, "server-ingress_http-worker50").await);
    shot(c, "fifty-workers").await;

    // the clock plays at 600x with fifty workers and stops when paused (how smoothly it plays
    // is a figure, not a test: `cargo xtask bench-lab` measures the frames on this preset)
    find(c, &testid("clock-speed"))
        .await
        .select_by_value("600")
        .await
        .unwrap();
    let t0 = clock_ms(c).await;
    click(c, "clock-play").await;
    wait_attr(c, "clock-play", "data-playing", "true").await;
    let r = wait_for("the clock to move at 600x", WAIT, || async move {
        (clock_ms(c).await > t0 + 60_000).then_some(())
    })
    .await;
    r.unwrap();
    click(c, "clock-play").await;
    wait_attr(c, "clock-play", "data-playing", "false").await;
    let after = clock_ms(c).await;
    let r = wait_for(
        "the clock to stay paused",
        Duration::from_millis(500),
        || async move { (clock_ms(c).await != after).then_some(()) },
    )
    .await;
    assert!(r.is_err(), "the clock moved after pausing");
    p.close().await;
}
