//! The first guided lab done by keyboard alone.

use super::*;

/// The focused element, described for a failure message: its tag, data-testid (or id and
/// classes, and the nearest data-testid around it) and the start of its label.
const FOCUS_JS: &str = r#"
const e = document.activeElement;
if (!e || e === document.body || e === document.documentElement) return '<body> (nothing has the focus)';
let s = e.tagName.toLowerCase();
const t = e.getAttribute('data-testid');
if (t) {
  s += `[data-testid="${t}"]`;
} else {
  if (e.id) s += '#' + e.id;
  const cls = e.getAttribute('class');
  if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
  const w = e.closest('[data-testid]');
  if (w) s += ` inside [data-testid="${w.getAttribute('data-testid')}"]`;
}
const label = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 50);
return label ? `${s} "${label}"` : s;
"#;

async fn focused(c: &Client) -> String {
    js(c, FOCUS_JS)
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Whether the focused element matches `sel`.
async fn focus_is(c: &Client, sel: &str) -> bool {
    js(
        c,
        &format!(
            "const e = document.activeElement; return !!e && e !== document.body && e.matches({sel:?});"
        ),
    )
    .await
    .unwrap()
        == Json::Bool(true)
}

/// Presses Tab until the focused element matches `sel` (at most `max` times); the panic lists
/// every element the focus went through.
async fn tab_to(c: &Client, sel: &str, max: usize, why: &str) -> usize {
    let mut trail: Vec<String> = vec![format!("(start) {}", focused(c).await)];
    for n in 1..=max {
        press(c, &TAB.to_string()).await;
        if focus_is(c, sel).await {
            eprintln!("a11y: {why}: {sel} reached after {n} Tab(s)");
            return n;
        }
        let f = focused(c).await;
        if trail.last() == Some(&f) {
            trail.push(format!("{f} (again: Tab did not move the focus)"));
        } else {
            trail.push(f);
        }
    }
    panic!(
        "{why}: {sel} not reached by keyboard after {max} presses of Tab. The focus went \
         through:\n  {}",
        trail.join("\n  ")
    );
}

/// Waits until step `n` of the guide is marked done (`data-done="true"`); the panic says why
/// the guide says it is not, and where the focus is.
async fn wait_step_done(c: &Client, n: usize) {
    let sel = format!("{}[data-done=\"true\"]", testid(&format!("lab-step-{n}")));
    if find(c, &sel).await.is_err() {
        let why = js(
            c,
            "const w = document.querySelector('[data-testid=\"lab-why\"]'); return w ? w.textContent : null;",
        )
        .await
        .unwrap();
        panic!(
            "step {n} of the {FIRST_GUIDE} guide is not marked done (lab-step-{n} data-done is \
             not \"true\"); the guide says why not: {why}; the focus is on {}",
            focused(c).await
        );
    }
}

/// Waits until the focus is on an element matching `sel`; the panic says where it is instead.
async fn wait_focus(c: &Client, sel: &str, when: &str) {
    let r = wait_for(&format!("the focus on {sel}"), WAIT, || async move {
        focus_is(c, sel).await.then_some(())
    })
    .await;
    if let Err(e) = r {
        panic!("{when}: {e}; the focus is on {}", focused(c).await);
    }
}

/// Types a command into the focused terminal (key by key, then Enter) and waits for it in the
/// transcript.
async fn type_command(c: &Client, cmd: &str) {
    let before = js(
        c,
        "return document.querySelectorAll('[data-testid=\"terminal-output\"] .term-cmd').length;",
    )
    .await
    .unwrap()
    .as_u64()
    .unwrap_or(0);
    press(c, cmd).await;
    press(c, &ENTER.to_string()).await;
    let r = wait_js(
        c,
        &format!("`{cmd}` in the terminal's transcript"),
        &format!(
            "const t = document.querySelectorAll('[data-testid=\"terminal-output\"] .term-cmd'); \
             return t.length > {before} && t[t.length - 1].textContent.trim() === {cmd:?};"
        ),
    )
    .await;
    if let Err(e) = r {
        let input = js(
            c,
            "const i = document.querySelector('[data-testid=\"terminal-input\"]'); return i ? i.value : null;",
        )
        .await
        .unwrap();
        panic!(
            "{e}; the terminal input holds {input}; the focus is on {}",
            focused(c).await
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn a11y_first_guided_lab_by_keyboard_alone() {
    let _turn = turn();
    let server = serve();
    let browser = Browser::start().await.unwrap();
    let c = &browser.client;
    goto(c, &server.url("/lab"), "lab").await.unwrap();
    find(c, "html[data-kindlab=\"full\"]").await.unwrap();
    find(c, &testid("terminal-input")).await.unwrap();
    find(c, &testid(&format!("node-{NGINX_NODE}")))
        .await
        .unwrap();
    let start = testid(&format!("guide-start-{FIRST_GUIDE}"));
    find(c, &start).await.unwrap();

    // from the top of the page to the guide's start button; Enter starts it
    tab_to(
        c,
        &start,
        80,
        "the guide's start button from the top of the page",
    )
    .await;
    press(c, &ENTER.to_string()).await;
    find(
        c,
        &format!("{}[data-guide=\"{FIRST_GUIDE}\"]", testid("guide")),
    )
    .await
    .unwrap_or_else(|e| {
        panic!("Enter on {start} did not start the guide: {e}");
    });
    eprintln!(
        "a11y: after Enter on the start button the focus is on {}",
        focused(c).await
    );

    // 1. its first step: Tab into the question's answers, the arrows pick NGINX's worker
    let answers = format!("{} input[type=\"radio\"]", testid("lab-step-1"));
    tab_to(c, &answers, 80, "step 1's answers").await;
    // the arrows move through a radio group checking each radio they reach (a wrong answer
    // until the right one): the step is done once the right one is checked
    let right = testid(&format!("lab-answer-{NGINX_NODE}"));
    let step1_done = format!("{}[data-done=\"true\"]", testid("lab-step-1"));
    if focus_is(c, &right).await {
        press(c, " ").await;
    }
    let mut downs = 0;
    while c.find(Locator::Css(&step1_done)).await.is_err() && !focus_is(c, &right).await {
        assert!(
            focus_is(c, &answers).await,
            "step 1: after {downs} press(es) of the down arrow in the answers, the focus left \
             them before {right} was checked: it is on {}",
            focused(c).await
        );
        downs += 1;
        assert!(
            downs <= 10,
            "step 1: the down arrow did not reach {right}; the focus is on {}",
            focused(c).await
        );
        press(c, &DOWN.to_string()).await;
    }
    wait_step_done(c, 1).await;
    eprintln!(
        "a11y: after step 1 was done the focus is on {}",
        focused(c).await
    );

    // 2. stop the worker's kubelet from the diagram: Tab to the node, Enter opens its actions
    // with the focus on the first (stop the kubelet), Enter runs it
    let node = testid(&format!("node-{NGINX_NODE}"));
    tab_to(c, &node, 80, "step 2: the node in the diagram").await;
    press(c, &ENTER.to_string()).await;
    find(c, &testid("node-actions")).await.unwrap_or_else(|e| {
        panic!("step 2: Enter on {node} did not open its actions: {e}");
    });
    wait_focus(
        c,
        &testid("action-stop-kubelet"),
        "step 2: the node's actions opened",
    )
    .await;
    press(c, &ENTER.to_string()).await;
    wait_step_done(c, 2).await;
    eprintln!(
        "a11y: after step 2 was done the focus is on {}",
        focused(c).await
    );

    // 3. the terminal, by Tab: the grace period passes, kubectl shows the node NotReady
    let input = testid("terminal-input");
    tab_to(c, &input, 80, "step 3: the terminal").await;
    type_command(c, "sleep 50s").await;
    type_command(c, "kubectl get nodes").await;
    for _ in 0..3 {
        let done = js(
            c,
            "return document.querySelector('[data-testid=\"lab-step-3\"]').getAttribute('data-done');",
        )
        .await
        .unwrap();
        if done == "true" {
            break;
        }
        type_command(c, "sleep 10s").await;
        type_command(c, "kubectl get nodes").await;
    }
    wait_step_done(c, 3).await;

    // and the keyboard can leave the terminal again (no keyboard trap, WCAG 2.1.2): Shift+Tab,
    // Tab, or Escape then Tab (the way out editors that keep Tab for themselves offer)
    assert!(focus_is(c, &input).await, "{}", focused(c).await);
    let mut tried = vec![];
    for (keys, how) in [
        (None, "Shift+Tab"),
        (Some(TAB.to_string()), "Tab"),
        (Some(format!("{ESCAPE}{TAB}")), "Escape then Tab"),
    ] {
        match keys {
            None => press_shift_tab(c).await,
            Some(k) => press(c, &k).await,
        }
        if !focus_is(c, &input).await {
            eprintln!("a11y: {how} left the terminal for {}", focused(c).await);
            tried.clear();
            break;
        }
        tried.push(format!("{how} left the focus on {}", focused(c).await));
    }
    assert!(
        tried.is_empty(),
        "the three steps were done, but the keyboard cannot leave the terminal: {} (the \
         terminal takes Tab for completion), so the guide's hints, the panels and the rest of \
         the page cannot be reached by keyboard any more (a keyboard trap, WCAG 2.1.2)",
        tried.join("; ")
    );
    browser.close().await;
    drop(server);
}
