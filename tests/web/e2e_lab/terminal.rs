//! The lab's terminal: history, completion, heredocs, clearing; a reload keeps the lab; the export.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_terminal_history_completion_heredoc_and_clearing() {
    let p = Page::open().await;
    let c = &p.c;
    run(c, "kubectl get nodes").await;
    run(c, "docker ps").await;

    // the history survives a reload
    p.reload().await;
    assert_eq!(transcript(c).await, vec!["kubectl get nodes", "docker ps"]);
    keys(c, UP).await;
    wait_input(c, "docker ps").await;
    keys(c, UP).await;
    wait_input(c, "kubectl get nodes").await;
    keys(c, UP).await;
    wait_input(c, "kubectl get nodes").await;
    keys(c, DOWN).await;
    wait_input(c, "docker ps").await;
    keys(c, DOWN).await;
    wait_input(c, "").await;
    // a draft comes back after browsing
    keys(c, "dock").await;
    wait_input(c, "dock").await;
    keys(c, UP).await;
    wait_input(c, "docker ps").await;
    keys(c, DOWN).await;
    wait_input(c, "dock").await;
    keys(c, &format!("{CTRL}a{NULL}{BACKSPACE}")).await;
    wait_input(c, "").await;

    // Tab: to the common prefix, then the candidates are listed
    keys(c, "docker exec cluster01-wor").await;
    wait_input(c, "docker exec cluster01-wor").await;
    keys(c, TAB).await;
    wait_input(c, "docker exec cluster01-worker").await;
    assert_eq!(
        js(
            c,
            "return document.activeElement && document.activeElement.getAttribute('data-testid');"
        )
        .await
        .as_str(),
        Some("terminal-input"),
        "Tab completed instead of moving the focus"
    );
    keys(c, TAB).await;
    wait_text_has(
        c,
        "terminal-output",
        &["cluster01-worker  cluster01-worker2  cluster01-worker3"],
    )
    .await;
    assert_eq!(input_value(c).await, "docker exec cluster01-worker");
    keys(c, &format!("{CTRL}a{NULL}{BACKSPACE}")).await;
    wait_input(c, "").await;
    keys(c, "kub").await;
    wait_input(c, "kub").await;
    keys(c, TAB).await;
    wait_input(c, "kubectl ").await;
    keys(c, "get no").await;
    keys(c, TAB).await;
    wait_input(c, "kubectl get nodes ").await;
    keys(c, &format!("{CTRL}a{NULL}{BACKSPACE}")).await;
    wait_input(c, "").await;

    // a heredoc typed line by line, with the continuation prompt
    let before = transcript(c).await.len();
    type_line(c, "cat <<EOF > ~/x.txt").await;
    let prompt = js(
        c,
        "return document.querySelector('.terminal-line .term-prompt').textContent;",
    )
    .await;
    assert_eq!(
        prompt.as_str().map(str::trim),
        Some(">"),
        "continuation prompt"
    );
    assert_eq!(transcript(c).await.len(), before, "nothing ran before EOF");
    type_line(c, "hello").await;
    type_line(c, "EOF").await;
    let (_, failed) = wait_entry(c, before, "cat <<EOF > ~/x.txt").await;
    assert!(!failed);
    let cont = js(
        c,
        "return Array.from(document.querySelectorAll('[data-testid=terminal-output] .term-cont')).map(e => e.textContent);",
    )
    .await;
    assert_eq!(cont, serde_json::json!(["> hello\n", "> EOF\n"]));
    let out = run(c, "cat ~/x.txt").await;
    assert_eq!(out, "hello\n");

    // Ctrl-L clears the screen (not the lab)
    keys(c, &format!("{CTRL}l{NULL}")).await;
    let r = wait_for("Ctrl-L to clear the terminal", WAIT, || async move {
        transcript(c).await.is_empty().then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: {:?}", transcript(c).await);
    }
    assert!(!text(c, "terminal-output").await.contains("hello"));
    assert_eq!(
        run(c, "cat ~/x.txt").await,
        "hello\n",
        "the file is still there"
    );
    // and `clear`
    type_line(c, "clear").await;
    let r = wait_for("`clear` to clear the terminal", WAIT, || async move {
        transcript(c).await.is_empty().then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: {:?}", transcript(c).await);
    }
    // the history still has it all, newest last
    keys(c, UP).await;
    wait_input(c, "clear").await;
    keys(c, UP).await;
    wait_input(c, "cat ~/x.txt").await;
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_reload_keeps_the_lab_and_its_clock() {
    let p = Page::open().await;
    let c = &p.c;
    run(c, STOP2).await;
    let t = play_until(c, "60", "worker2 NotReady", || async move {
        attr(c, "node-cluster01-worker2", "data-state")
            .await
            .as_deref()
            == Some("NotReady")
    })
    .await;
    let saved = js(c, "return localStorage.getItem('kindlab.lab');").await;
    let saved = saved
        .as_str()
        .expect("the lab is saved in localStorage kindlab.lab");
    assert!(saved.contains(STOP2), "{saved}");
    assert!(saved.contains("\"Wait\""), "{saved}");

    p.reload().await;
    wait_attr(c, "node-cluster01-worker2", "data-state", "NotReady").await;
    assert_eq!(
        attr(c, "node-cluster01-worker2", "data-kubelet")
            .await
            .as_deref(),
        Some("stopped")
    );
    assert_eq!(
        clock_ms(c).await,
        t,
        "the clock came back where it was paused"
    );
    assert_eq!(transcript(c).await, vec![STOP2]);
    // and it goes on from there
    let out = run(c, "kubectl get nodes").await;
    assert!(
        out.lines()
            .any(|l| l.starts_with("cluster01-worker2 ") && l.contains("NotReady")),
        "{out}"
    );
    p.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn lab_export_holds_exactly_the_accepted_commands_in_order() {
    let p = Page::open().await;
    let c = &p.c;
    run(c, "docker logs HAProxy-workers-lb").await;
    let before = transcript(c).await.len();
    type_line(c, "kubectl get nodez").await;
    let (out, failed) = wait_entry(c, before, "kubectl get nodez").await;
    assert!(failed, "a bad resource type is an error: {out}");
    run(c, "kubectl get nodes").await;
    // by keyboard: Enter on a node opens its actions with the focus on the first one; Tab to
    // the third (cordon), Enter
    let before = transcript(c).await.len();
    find(c, &testid("node-cluster01-worker"))
        .await
        .send_keys(ENTER)
        .await
        .unwrap();
    find(c, &testid("node-actions")).await;
    let focused = || async move {
        js(
            c,
            "return document.activeElement && document.activeElement.getAttribute('data-testid');",
        )
        .await
        .as_str()
        .map(str::to_string)
    };
    let r = wait_for("the focus in the node's actions", WAIT, || async move {
        (focused().await.as_deref() == Some("action-stop-kubelet")).then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{e}: the focus is on {:?}", focused().await);
    }
    c.active_element()
        .await
        .unwrap()
        .send_keys(&format!("{TAB}{TAB}"))
        .await
        .unwrap();
    assert_eq!(focused().await.as_deref(), Some("action-cordon"));
    c.active_element()
        .await
        .unwrap()
        .send_keys(ENTER)
        .await
        .unwrap();
    let (out, failed) = wait_entry(c, before, "kubectl cordon cluster01-worker").await;
    assert!(!failed, "{out}");
    wait_exists(c, "node-actions", false).await;
    let t0 = clock_ms(c).await;
    click(c, "clock-next").await;
    let r = wait_for("the clock to move", WAIT, || async move {
        (clock_ms(c).await > t0).then_some(())
    })
    .await;
    r.unwrap();
    let waited = clock_ms(c).await - t0;
    run(c, "docker ps").await;

    click(c, "lab-export").await;
    wait_exists(c, "lab-export-panel", true).await;
    let script = text(c, "lab-export-script").await;
    let mine = script
        .split("what you did in the lab, in order")
        .nth(1)
        .unwrap_or_else(|| panic!("{script}"));
    let lines: Vec<&str> = mine
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let secs = (waited + 999) / 1000;
    assert_eq!(
        lines,
        vec![
            "docker logs HAProxy-workers-lb".to_string(),
            "kubectl get nodes".to_string(),
            "kubectl cordon cluster01-worker".to_string(),
            format!("sleep {secs}   # the lab's clock ran for {secs} s"),
            "docker ps".to_string(),
        ]
    );
    assert!(!script.contains("nodez"));
    assert!(script.starts_with("#!/usr/bin/env bash"));
    p.close().await;
}
