//! Saving in the browser when it goes wrong: a full localStorage (quota exceeded) and two tabs
//! answering at the same time.

use super::*;
use crate::support::quiz::Quiz;
use fantoccini::wd::WindowHandle;

/// Answers the question on screen (option 1, or a typed word), then goes on to the next.
async fn answer_and_go_on(c: &Client) {
    answer(c).await;
    click(c, "quiz-next").await;
}

/// Answers the question on screen: option 1, or a typed word for a short-answer question.
async fn answer(c: &Client) {
    let q = find(
        c,
        &format!("{}[data-answered=\"false\"]", testid("quiz-question")),
    )
    .await;
    if q.find(Locator::Css(&testid("quiz-input"))).await.is_ok() {
        find(c, &testid("quiz-input"))
            .await
            .send_keys("kubelet")
            .await
            .unwrap();
        click(c, "quiz-submit").await;
        wait_attr(c, &testid("quiz-question"), "data-answered", "true").await;
    } else {
        Quiz::new(c, WAIT).answer(1).await.unwrap();
    }
}

/// The `history` of the saved progress: one entry per answer.
async fn saved_answers(c: &Client) -> usize {
    saved_progress(c).await["history"]
        .as_array()
        .map_or(0, Vec::len)
}

/// Fills this origin's localStorage to its quota with filler keys (coarse chunks first, then
/// finer ones); returns how many bytes went in.
async fn fill_storage(c: &Client) -> u64 {
    let filled = js(
        c,
        "let total = 0, i = 0; \
         for (let size = 1 << 20; size >= 16; size = size >> 1) { \
           const chunk = 'x'.repeat(size); \
           for (;;) { \
             try { localStorage.setItem('filler' + (i++), chunk); total += size; } \
             catch (e) { break; } \
           } \
         } \
         return total;",
    )
    .await;
    filled.as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_full_local_storage_says_so_and_keeps_the_last_good_progress() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    goto(&c, &server.url("/quiz/chapter")).await;
    click(&c, "quiz-start").await;
    answer_and_go_on(&c).await;
    wait_js(
        &c,
        "the first answer to be saved",
        "const p = JSON.parse(localStorage.getItem('kindlab.progress') || 'null'); \
         return !!p && p.history.length === 1;",
    )
    .await;
    let good = js(&c, "return localStorage.getItem('kindlab.progress');").await;

    // the storage fills up (another site's data, the learner's other notes...)
    let filled = fill_storage(&c).await;
    assert!(filled > 1 << 20, "filled only {filled} bytes");
    answer_and_go_on(&c).await;
    let notice = find(&c, &testid("notice")).await.text().await.unwrap();
    assert!(
        plain(&notice).contains("Could not save to localStorage[kindlab.progress]")
            && notice.contains("What was saved before is kept"),
        "{notice}"
    );
    // in view, under the top bar, though answering scrolled the page
    let in_view = js(
        &c,
        "const r = document.querySelector('[data-testid=\"notice\"]').getBoundingClientRect(); \
         const bar = document.querySelector('.topbar').getBoundingClientRect(); \
         return [r.top >= bar.bottom - 1, r.bottom <= innerHeight, scrollY];",
    )
    .await;
    assert_eq!(
        (in_view[0].as_bool(), in_view[1].as_bool()),
        (Some(true), Some(true)),
        "{in_view}"
    );
    shot(&c, "storage-en-full").await;
    assert_eq!(
        js(&c, "return localStorage.getItem('kindlab.progress');").await,
        good,
        "the last good record was changed"
    );
    assert_eq!(saved_answers(&c).await, 1);

    // room again: the next change saves everything answered meanwhile
    js(
        &c,
        "for (const k of Object.keys(localStorage)) if (k.startsWith('filler')) localStorage.removeItem(k); \
         return true;",
    )
    .await;
    answer_and_go_on(&c).await;
    wait_js(
        &c,
        "the three answers to be saved",
        "const p = JSON.parse(localStorage.getItem('kindlab.progress') || 'null'); \
         return !!p && p.history.length === 3;",
    )
    .await;
    // and a reload reads them back
    reload(&c).await;
    assert_eq!(saved_answers(&c).await, 3);
    drop(browser);
}

/// Opens `url` in a new tab of the same browser; returns its handle (the client is left on it).
async fn new_tab(c: &Client, url: &str) -> WindowHandle {
    let w = c.new_window(true).await.unwrap();
    c.switch_to_window(w.handle.clone()).await.unwrap();
    goto(c, url).await;
    w.handle
}

/// How many saved answers belong to `quiz`.
fn answers_in(p: &Json, quiz: &str) -> usize {
    p["history"]
        .as_array()
        .map_or(0, |h| h.iter().filter(|a| a["quiz"] == quiz).count())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_two_tabs_answering_at_once_lose_no_answer() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    // one tab on the chapter's quiz, one on the storage lesson's (a run is one per quiz and
    // follows the learner from tab to tab: two runs of one quiz are one run)
    goto(&c, &server.url("/quiz/chapter")).await;
    let first = c.window().await.unwrap();
    let second = new_tab(&c, &server.url("/quiz/storage")).await;
    for tab in [&first, &second] {
        c.switch_to_window(tab.clone()).await.unwrap();
        click(&c, "quiz-start").await;
    }
    // the tabs answer in turns, each save racing the other tab's
    for _ in 0..2 {
        for tab in [&first, &second] {
            c.switch_to_window(tab.clone()).await.unwrap();
            answer_and_go_on(&c).await;
        }
    }
    // and once more, the second at once after the first
    c.switch_to_window(first.clone()).await.unwrap();
    answer(&c).await;
    c.switch_to_window(second.clone()).await.unwrap();
    answer(&c).await;

    // every answer of both tabs is in the saved record
    wait_js(
        &c,
        "all six answers to be in the saved record",
        "const p = JSON.parse(localStorage.getItem('kindlab.progress') || 'null'); \
         return !!p && p.history.length === 6;",
    )
    .await;
    let p = saved_progress(&c).await;
    assert_eq!(
        (answers_in(&p, "chapter"), answers_in(&p, "storage")),
        (3, 3),
        "{p}"
    );
    assert_eq!(p["quiz_answers"], 6);
    // each tab's run is where that tab left it, and a reload reads the record back whole
    for (tab, quiz) in [(&first, "chapter"), (&second, "storage")] {
        c.switch_to_window(tab.clone()).await.unwrap();
        reload(&c).await;
        let p = saved_progress(&c).await;
        assert_eq!(p["history"].as_array().map(Vec::len), Some(6));
        assert_eq!(
            p["runs"][quiz]["attempts"]
                .as_array()
                .map(|a| a.iter().filter(|x| !x.is_null()).count()),
            Some(3),
            "{quiz}: {}",
            p["runs"][quiz]
        );
    }
    drop(browser);
}
