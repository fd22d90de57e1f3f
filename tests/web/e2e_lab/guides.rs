//! The guided labs done in the browser: the chapter's (typed, then clicked), storage, tuning.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_chapter_guide_completed_through_the_terminal() {
    let p = Page::open().await;
    let c = &p.c;
    click(c, "guide-start-chapter").await;
    wait_attr(c, "guide", "data-guide", "chapter").await;
    wait_attr(c, "guide", "data-done", "0").await;
    for n in 1..=8 {
        step_not_done(c, n).await;
    }
    assert!(!exists(c, "guide-finished").await);

    // 1. the worker that runs NGINX, from HAProxy's log: the others are reported DOWN once
    // their checks failed (the log is empty of them at virtual time 0)
    run(c, "sleep 10s").await;
    let log = run(c, "docker logs HAProxy-workers-lb").await;
    assert!(log.contains("Server ingress_http/worker3 is DOWN"), "{log}");
    assert!(log.contains("Server ingress_http/worker is DOWN"), "{log}");
    assert!(!log.contains("worker2 is DOWN"), "{log}");
    no_sideways_scroll(c, "after HAProxy's long log lines in the terminal").await;
    wait_attr(c, "server-ingress_http-worker3", "data-state", "DOWN").await;
    wait_attr(c, "server-ingress_http-worker2", "data-state", "UP").await;
    step_not_done(c, 1).await;
    click(c, "lab-answer-cluster01-worker3").await;
    wait_text_has(c, "lab-why", &["Not cluster01-worker3"]).await;
    step_not_done(c, 1).await;
    click(c, "lab-answer-cluster01-worker2").await;
    step_done(c, 1).await;
    step_not_done(c, 2).await;

    // 2. stop worker2's kubelet, the chapter's way
    run(c, STOP2).await;
    step_done(c, 2).await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "stopped").await;
    assert_eq!(
        attr(c, "node-cluster01-worker2", "data-state")
            .await
            .as_deref(),
        Some("Ready"),
        "the node is Ready until the grace period passed"
    );
    wait_text_has(c, "lab-announce", &["cluster01-worker2 kubelet stopped"]).await;
    step_not_done(c, 3).await;

    // 3. the chapter's 40 s, then kubectl get nodes until it says NotReady
    run(c, "sleep 40s").await;
    let mut nodes = run(c, "kubectl get nodes").await;
    let mut extra = 0;
    while !nodes
        .lines()
        .any(|l| l.starts_with("cluster01-worker2 ") && l.contains("NotReady"))
    {
        extra += 1;
        assert!(
            extra <= 3,
            "worker2 not NotReady 70 s after its kubelet stopped:\n{nodes}"
        );
        run(c, "sleep 10s").await;
        nodes = run(c, "kubectl get nodes").await;
    }
    wait_attr(c, "node-cluster01-worker2", "data-state", "NotReady").await;
    wait_text_has(c, "lab-announce", &["cluster01-worker2 NotReady"]).await;
    step_done(c, 3).await;

    // 4. the pod still Running on the NotReady node
    let pods = run(c, "kubectl get pods -n ingress-nginx -o wide").await;
    let line = pods
        .lines()
        .find(|l| l.starts_with(NGINX_POD))
        .unwrap_or_else(|| panic!("{pods}"));
    assert!(
        line.contains("Running") && line.contains("cluster01-worker2"),
        "{pods}"
    );
    step_done(c, 4).await;

    // 5. delete it
    let out = run(
        c,
        &format!("kubectl delete pod {NGINX_POD} -n ingress-nginx"),
    )
    .await;
    assert!(
        out.contains(&format!("pod \"{NGINX_POD}\" deleted")),
        "{out}"
    );
    step_done(c, 5).await;

    // 6. the replacement lands on worker3, HAProxy brings worker3 UP ("2 active")
    run(c, "sleep 20s").await;
    wait_attr(c, "server-ingress_http-worker3", "data-state", "UP").await;
    wait_attr(c, "server-ingress_https-worker3", "data-state", "UP").await;
    // the old worker still counts: its orphaned NGINX answers the checks
    wait_attr(c, "server-ingress_http-worker2", "data-state", "UP").await;
    wait_text_has(c, "lab-announce", &["ingress_http/worker3 UP"]).await;
    let recent = run(c, "docker logs --since 20s HAProxy-workers-lb").await;
    assert!(
        recent.contains("Server ingress_http/worker3 is UP"),
        "{recent}"
    );
    assert!(recent.contains("2 active"), "{recent}");
    let log = panel_log(c).await;
    assert!(log.contains("Server ingress_http/worker3 is UP"), "{log}");
    assert!(
        log.contains("2 active and 0 backup servers online"),
        "{log}"
    );
    let pods = run(c, "kubectl get pods -n ingress-nginx -o wide").await;
    assert!(
        pods.lines()
            .any(|l| l.contains("Running") && l.contains("cluster01-worker3")),
        "the replacement runs on worker3:\n{pods}"
    );
    step_not_done(c, 6).await;
    click(c, "lab-answer-replicas").await;
    wait_text_has(c, "lab-why", &["Not that"]).await;
    step_not_done(c, 6).await;
    click(c, "lab-answer-orphan").await;
    step_done(c, 6).await;

    // 7. the kubelet back: it stops the orphan, HAProxy takes worker2 DOWN
    run(c, START2).await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "running").await;
    step_not_done(c, 7).await;
    run(c, "sleep 30s").await;
    wait_attr(c, "server-ingress_http-worker2", "data-state", "DOWN").await;
    wait_attr(c, "node-cluster01-worker2", "data-state", "Ready").await;
    wait_text_has(c, "lab-announce", &["ingress_http/worker2 DOWN"]).await;
    step_done(c, 7).await;

    // 8. clean up
    let out = run(c, "kind delete cluster --name cluster01").await;
    assert!(out.contains("Deleting cluster \"cluster01\""), "{out}");
    wait_exists(c, "node-cluster01-worker2", false).await;
    step_not_done(c, 8).await;
    assert!(!exists(c, "guide-finished").await);
    run(c, "docker rm --force HAProxy-workers-lb").await;
    step_done(c, 8).await;
    wait_exists(c, "guide-finished", true).await;
    wait_attr(c, "guide", "data-done", "8").await;
    shot(c, "chapter-terminal-finished").await;
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_chapter_guide_completed_through_clicks() {
    let p = Page::open().await;
    let c = &p.c;
    // something to reset first
    run(c, STOP2).await;
    run(c, "sleep 5s").await;
    click(c, "lab-reset").await;
    let r = wait_for("the reset", WAIT, || async move {
        // a reset goes back to the chapter's moment, not to HAProxy's first instant
        (transcript(c).await.is_empty() && clock_ms(c).await == CHAPTER_MOMENT_MS).then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: transcript {:?}", transcript(c).await);
    }
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "running").await;

    click(c, "guide-start-chapter").await;
    wait_attr(c, "guide", "data-guide", "chapter").await;
    click(c, "lab-answer-cluster01-worker2").await;
    step_done(c, 1).await;

    // the node's actions: stop its kubelet
    node_action(
        c,
        "cluster01-worker2",
        &testid("action-stop-kubelet"),
        STOP2,
    )
    .await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "stopped").await;
    step_done(c, 2).await;

    // the clock at 60x until NotReady (600x would run past the 300 s after which the node's
    // pods are evicted before the test can pause it: 1 s of polling is 10 virtual minutes)
    play_until(c, "60", "worker2 NotReady", || async move {
        attr(c, "node-cluster01-worker2", "data-state")
            .await
            .as_deref()
            == Some("NotReady")
    })
    .await;
    step_done(c, 3).await;
    step_done(c, 4).await;
    shot(c, "chapter-clicks-notready").await;

    // delete the NGINX pod from the node's actions
    let del = format!("[data-testid=\"action-delete-pod\"][data-pod=\"{NGINX_POD}\"]");
    node_action(
        c,
        "cluster01-worker2",
        &del,
        &format!("kubectl delete pod {NGINX_POD} -n ingress-nginx"),
    )
    .await;
    step_done(c, 5).await;

    // Next event until HAProxy has worker3 UP
    next_until(c, "worker3 UP in both backends", 60, || async move {
        attr(c, "server-ingress_http-worker3", "data-state")
            .await
            .as_deref()
            == Some("UP")
            && attr(c, "server-ingress_https-worker3", "data-state")
                .await
                .as_deref()
                == Some("UP")
    })
    .await;
    click(c, "lab-answer-orphan").await;
    step_done(c, 6).await;

    // start the kubelet again, Next event until worker2 is DOWN
    node_action(
        c,
        "cluster01-worker2",
        &testid("action-start-kubelet"),
        START2,
    )
    .await;
    wait_attr(c, "node-cluster01-worker2", "data-kubelet", "running").await;
    next_until(c, "worker2 DOWN in both backends", 60, || async move {
        attr(c, "server-ingress_http-worker2", "data-state")
            .await
            .as_deref()
            == Some("DOWN")
            && attr(c, "server-ingress_https-worker2", "data-state")
                .await
                .as_deref()
                == Some("DOWN")
    })
    .await;
    step_done(c, 7).await;

    // the clean-up through the hint: the hint first, then the command and its Run button
    assert!(!exists(c, "lab-hint-text").await);
    click(c, "lab-hint").await;
    wait_exists(c, "lab-hint-text", true).await;
    assert!(!exists(c, "lab-run-hint").await);
    click(c, "lab-hint").await;
    let cleanup = "kind delete cluster --name cluster01 && docker rm --force HAProxy-workers-lb";
    wait_text_has(c, "lab-hint-command", &[cleanup]).await;
    let before = transcript(c).await.len();
    click(c, "lab-run-hint").await;
    let (out, failed) = wait_entry(c, before, cleanup).await;
    assert!(!failed, "{out}");
    wait_exists(c, "guide-finished", true).await;
    wait_attr(c, "guide", "data-done", "8").await;

    // every click was echoed as the command it stands for
    let t = transcript(c).await;
    assert_eq!(
        t,
        vec![
            STOP2.to_string(),
            format!("kubectl delete pod {NGINX_POD} -n ingress-nginx"),
            START2.to_string(),
            cleanup.to_string(),
        ]
    );
    p.close().await;
}

/// The node named in a hint command like `docker exec NODE systemctl stop kubelet`.
fn node_in(cmd: &str) -> String {
    cmd.trim_start_matches("$ ")
        .split_whitespace()
        .nth(2)
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_storage_guide_completed_in_the_browser() {
    let p = Page::open().await;
    let c = &p.c;
    click(c, "guide-start-storage").await;
    wait_attr(c, "guide", "data-guide", "storage").await;

    // 1. the claim, from the hint's Run button (a heredoc manifest)
    click(c, "lab-hint").await;
    click(c, "lab-hint").await;
    wait_text_has(c, "lab-hint-command", &["kind: PersistentVolumeClaim"]).await;
    let before = transcript(c).await.len();
    click(c, "lab-run-hint").await;
    let (out, failed) = wait_entry(c, before, "kubectl apply -f - <<EOF").await;
    assert!(!failed, "{out}");
    assert!(out.contains("persistentvolumeclaim/data created"), "{out}");
    step_done(c, 1).await;

    // 2. Pending, and why
    let pvc = run(c, "kubectl get pvc").await;
    assert!(pvc.contains("data") && pvc.contains("Pending"), "{pvc}");
    let d = run(c, "kubectl describe pvc data").await;
    assert!(d.contains("WaitForFirstConsumer"), "{d}");
    click(c, "lab-answer-no-pv").await;
    wait_text_has(c, "lab-why", &["Not that"]).await;
    click(c, "lab-answer-wffc").await;
    step_done(c, 2).await;

    // 3. a Deployment that uses it (hint's Run button)
    click(c, "lab-hint").await;
    click(c, "lab-hint").await;
    wait_text_has(
        c,
        "lab-hint-command",
        &["kind: Deployment", "claimName: data"],
    )
    .await;
    let before = transcript(c).await.len();
    click(c, "lab-run-hint").await;
    let (out, failed) = wait_entry(c, before, "kubectl apply -f - <<EOF").await;
    assert!(!failed, "{out}");
    step_done(c, 3).await;

    // 4. the provisioner makes the volume on the pod's node
    run(c, "sleep 15s").await;
    let all = run(c, "kubectl get sc,pv,pvc").await;
    assert!(all.contains("Bound"), "{all}");
    step_done(c, 4).await;
    let pods = run(c, "kubectl get pods -o wide").await;

    // 5. stop that node's kubelet (its name from the hint), delete the pod, see why it stays
    click(c, "lab-hint").await;
    click(c, "lab-hint").await;
    find(c, &testid("lab-hint-command")).await;
    let node = node_in(&text(c, "lab-hint-command").await);
    assert!(node.starts_with("cluster01-worker"), "{node}");
    assert!(
        pods.lines()
            .any(|l| l.starts_with("web-") && l.contains(&node)),
        "the pod runs where its volume is:\n{pods}"
    );
    run(c, &format!("docker exec {node} systemctl stop kubelet")).await;
    wait_attr(c, &format!("node-{node}"), "data-kubelet", "stopped").await;
    let mut waited = 0;
    while attr(c, &format!("node-{node}"), "data-state")
        .await
        .as_deref()
        != Some("NotReady")
    {
        waited += 1;
        assert!(waited <= 10, "{node} not NotReady after 100 s");
        run(c, "sleep 10s").await;
    }
    // the pod's name, completed with Tab
    keys(c, "kubectl delete pod web").await;
    keys(c, TAB).await;
    let r = wait_for("the pod name completed", WAIT, || async move {
        let v = input_value(c).await;
        (v.starts_with("kubectl delete pod web-") && v.ends_with(' ')).then_some(v)
    })
    .await;
    let line = r.unwrap_or_else(|e| panic!("{e}"));
    let pod = line.trim_end().rsplit(' ').next().unwrap().to_string();
    let before = transcript(c).await.len();
    keys(c, ENTER).await;
    let (out, failed) = wait_entry(c, before, line.trim_end()).await;
    assert!(!failed && out.contains("deleted"), "{out}");
    run(c, "sleep 5s").await;
    let pods = run(c, "kubectl get pods").await;
    assert!(
        pods.lines()
            .any(|l| l.starts_with("web-") && !l.starts_with(&pod) && l.contains("Pending")),
        "the replacement waits:\n{pods}"
    );
    click(c, "lab-answer-taint").await;
    wait_text_has(c, "lab-why", &["Not that"]).await;
    click(c, "lab-answer-affinity").await;
    step_done(c, 5).await;

    // 6. delete the Deployment and the claim; the kubelet back lets the old pod go
    run(c, "kubectl delete deployment web").await;
    run(c, "kubectl delete pvc data").await;
    run(c, "sleep 5s").await;
    step_not_done(c, 6).await;
    run(c, &format!("docker exec {node} systemctl start kubelet")).await;
    run(c, "sleep 20s").await;
    step_done(c, 6).await;
    wait_exists(c, "guide-finished", true).await;
    let left = run(c, "kubectl get pv,pvc").await;
    assert!(!left.contains("default/data"), "{left}");
    shot(c, "storage-finished").await;
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_tuning_guide_predict_apply_observe() {
    let p = Page::open().await;
    let c = &p.c;
    click(c, "guide-start-tuning").await;
    wait_attr(c, "guide", "data-guide", "tuning").await;
    wait_text_has(c, "lab-step-1", &["inter 1s fall 2"]).await;

    // 1. the prediction, committed when the field loses focus
    let predict = find(c, &testid("lab-predict")).await;
    predict.send_keys("3.5").await.unwrap();
    step_not_done(c, 1).await;
    predict.send_keys(TAB).await.unwrap();
    step_done(c, 1).await;

    // 2. inter 1s fall 2 for every server, once, as default-server in defaults
    click(c, "lab-tab-config").await;
    find(c, &testid("config-editor")).await;
    type_after_line(
        c,
        "config-editor",
        "defaults",
        "\n  default-server inter 1s fall 2",
    )
    .await;
    wait_exists(c, "config-ok", true).await;
    let before = transcript(c).await.len();
    click(c, "config-apply").await;
    let (out, failed) = wait_entry(c, before + 1, "docker restart HAProxy-workers-lb").await;
    assert!(!failed, "{out}");
    step_done(c, 2).await;

    // let the checks settle with the new settings, then kill the NGINX worker by clicking
    next_until(c, "a few checks", 200, || async move {
        clock_ms(c).await > CHAPTER_MOMENT_MS + 10_000
    })
    .await;
    node_action(
        c,
        "cluster01-worker2",
        &testid("action-stop-node"),
        "docker stop cluster01-worker2",
    )
    .await;
    wait_attr(c, "node-cluster01-worker2", "data-state", "stopped").await;
    step_done(c, 3).await;

    // Next event until HAProxy says DOWN and the result is shown
    next_until(c, "the tuning result", 60, || async move {
        exists(c, "tuning-result").await
    })
    .await;
    step_done(c, 4).await;
    wait_attr(c, "server-ingress_http-worker2", "data-state", "DOWN").await;
    let measured: i64 = attr(c, "tuning-result", "data-measured-ms")
        .await
        .and_then(|v| v.parse().ok())
        .expect("data-measured-ms");
    // the rule: (fall - 1) x inter + fall x timeout = 3 s, plus up to one inter of waiting
    assert!((3000..=4050).contains(&measured), "measured {measured} ms");
    assert_eq!(text(c, "tuning-predicted").await, "3.5 s");
    assert_eq!(
        text(c, "tuning-measured").await,
        format!("{:.1} s", measured as f64 / 1000.0)
    );
    shot(c, "tuning-result").await;

    // other settings: the guide starts over with new numbers
    click(c, "tuning-again").await;
    wait_exists(c, "tuning-result", false).await;
    wait_attr(c, "guide", "data-done", "0").await;
    p.close().await;
}
