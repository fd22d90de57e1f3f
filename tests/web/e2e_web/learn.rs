//! A lesson's checkpoint and prediction in the web's reader edition (issue 19): answered and
//! committed in English, then in Chinese; the result shown is the one the simulator gives (the
//! test runs the simulator itself to know it); both survive a reload.

use super::*;
use kindlab::content::model::{Block, Predict, Widget};
use kindlab::content::Lang;
use kindlab_testkit::browser::cdp;
use serde_json::json;

/// The lesson's prediction and the position (1-based) of the choice the simulator shows.
fn prediction(slug: &str) -> (Predict, usize) {
    let b = kindlab::content::bundle();
    let l = b.lesson(slug, Lang::En).unwrap();
    let p = l
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Widget(Widget::Predict(p)) => Some((**p).clone()),
            _ => None,
        })
        .unwrap();
    let o = kindlab::lab::predict::observe(&p.run, &p.observe).unwrap();
    let right =
        kindlab::quiz::predict::matching(p.choices.iter().map(|c| c.value.as_str()), &o.value);
    (p, right[0] + 1)
}

async fn screen(c: &Client, width: u32) {
    cdp(
        c,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 700 }),
    )
    .await
    .unwrap();
}

/// Picks choice `n` of the lesson's prediction and commits it; waits for the result.
async fn predict(c: &Client, n: usize, correct: bool) -> String {
    scroll_into_view(c, &testid("predict")).await;
    click(c, &format!("predict-choice-{n}")).await;
    click(c, "predict-commit").await;
    let result = wait_attr(
        c,
        &testid("predict-result"),
        "data-correct",
        if correct { "true" } else { "false" },
    )
    .await;
    result.text().await.unwrap()
}

/// Types `answer` into the checkpoint of `question` and checks it; waits for the feedback.
async fn checkpoint(c: &Client, question: &str, answer: &str, correct: bool) {
    let cp = format!("[data-testid=\"checkpoint\"][data-question=\"{question}\"]");
    scroll_into_view(c, &cp).await;
    let input = find(c, &format!("{cp} [data-testid=\"quiz-input\"]")).await;
    input.send_keys(answer).await.unwrap();
    find(c, &format!("{cp} [data-testid=\"quiz-submit\"]"))
        .await
        .click()
        .await
        .unwrap();
    wait_attr(
        c,
        &format!("{cp} [data-testid=\"quiz-feedback\"]"),
        "data-correct",
        if correct { "true" } else { "false" },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_lesson_checkpoint_and_prediction_in_english_and_chinese() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    // English, wide, light: lesson 4's prediction (the seconds until NotReady), right
    screen(&c, 1280).await;
    goto(&c, &server.url("/lesson/kubelet-failure")).await;
    wait_route(&c, "lesson-kubelet-failure").await;
    set_theme(&c, "light").await;
    let (p, right) = prediction("kubelet-failure");
    let shown = predict(&c, right, true).await;
    assert!(shown.contains("NotReady"), "{shown}");
    let o = kindlab::lab::predict::observe(&p.run, &p.observe).unwrap();
    assert!(shown.contains(&format!("sleep {}s", o.value)), "{shown}");
    shot(&c, "learn-en-wide-light-predict").await;
    // its checkpoint, typed
    checkpoint(&c, "kubelet-failure-eviction-seconds", "300", true).await;
    shot(&c, "learn-en-wide-light-checkpoint").await;
    let saved = saved_progress(&c).await;
    assert_eq!(
        saved["predictions"][format!("kubelet-failure/{}", p.id)]["correct"],
        true,
        "{saved}"
    );
    let history = saved["history"].as_array().unwrap();
    assert!(history
        .iter()
        .any(|h| h["question"] == "kubelet-failure-eviction-seconds"
            && h["quiz"] == "checkpoint/kubelet-failure-eviction-seconds"
            && h["correct"] == true));
    assert!(
        saved["cards"]["kubelet-failure-eviction-seconds"].is_object(),
        "{saved}"
    );
    // a reload shows the guess and the result again
    reload(&c).await;
    wait_attr(&c, &testid("predict"), "data-committed", "true").await;
    wait_attr(&c, &testid("predict-result"), "data-correct", "true").await;

    // Chinese, narrow, dark: lesson 5's prediction, a wrong guess
    screen(&c, 390).await;
    goto(&c, &server.url("/zh/lesson/cleanup")).await;
    wait_route(&c, "lesson-cleanup").await;
    set_theme(&c, "dark").await;
    let (_, right) = prediction("cleanup");
    let wrong = if right == 1 { 2 } else { 1 };
    let shown = predict(&c, wrong, false).await;
    assert!(has_cjk(&shown), "{shown}");
    assert!(shown.contains("HAProxy-workers-lb"), "{shown}");
    shot(&c, "learn-zh-narrow-dark-predict").await;
    checkpoint(&c, "cleanup-left-running", "HAProxy-workers-lb", true).await;
    shot(&c, "learn-zh-narrow-dark-checkpoint").await;
    let saved = saved_progress(&c).await;
    assert_eq!(
        saved["predictions"]["cleanup/after-delete"]["correct"],
        false
    );
    // nothing on the page scrolls sideways at 390 px
    let wide = js(
        &c,
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
    )
    .await;
    assert_eq!(wide, false);

    // the other screenshots: English narrow dark, Chinese wide light
    goto(&c, &server.url("/lesson/kubelet-failure")).await;
    scroll_into_view(&c, &testid("predict")).await;
    shot(&c, "learn-en-narrow-dark-predict").await;
    screen(&c, 1280).await;
    set_theme(&c, "light").await;
    goto(&c, &server.url("/zh/lesson/cleanup")).await;
    scroll_into_view(&c, &testid("predict")).await;
    shot(&c, "learn-zh-wide-light-predict").await;
    browser.close().await;
}
