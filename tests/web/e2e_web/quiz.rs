//! The chapter's quiz by keyboard in Chinese, then review and the progress page's import.

use super::*;

/// Waits for question `n` (1-based) of the chapter quiz, not yet answered, with the keyboard
/// focus inside it.
async fn wait_question(c: &Client, n: usize) {
    let q = wait_attr(
        c,
        &testid("quiz-question"),
        "data-question",
        &format!("chapter-{n}"),
    )
    .await;
    assert_eq!(
        q.attr("data-answered").await.unwrap().as_deref(),
        Some("false")
    );
    let focused = wait_for("the focus inside the question", WAIT, || {
        let c = c.clone();
        async move {
            let f = focused_within(&c).await;
            (f.starts_with("quiz-option") || f == "quiz-question").then_some(f)
        }
    })
    .await;
    assert!(
        focused.is_ok(),
        "question {n}: the focus is on {:?}, not in the question",
        focused_within(c).await
    );
}

/// After an answer (practice mode) the keyboard focus is still inside the question.
async fn wait_answered_focus(c: &Client) {
    wait_attr(c, &testid("quiz-question"), "data-answered", "true").await;
    let inside = wait_for("the focus inside the answered question", WAIT, || {
        let c = c.clone();
        async move {
            let f = focused_within(&c).await;
            (f.starts_with("quiz-") && f != "quiz-announce").then_some(f)
        }
    })
    .await;
    assert!(
        inside.is_ok(),
        "after answering, the focus is on {:?}: Enter cannot continue",
        focused_within(c).await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_chapter_quiz_by_keyboard_in_chinese_then_review_and_progress_import() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    goto(&c, &server.url("/quiz/chapter")).await;
    wait_route(&c, "quiz-chapter").await;
    // the language, switched from the keyboard
    focus(&c, &testid("lang-switch")).await;
    press(&c, &ENTER.to_string()).await;
    wait_attr(&c, &testid("lang-switch"), "data-lang", "zh-CN").await;
    wait_text(&c, "quiz-start", "开始").await;
    shot(&c, "quiz-zh-light-start").await;

    // exam mode: ↓ in the mode radios, Tab past "shuffle" to Start, Enter
    focus(&c, &testid("quiz-mode-practice")).await;
    press(&c, &DOWN.to_string()).await;
    wait_js(
        &c,
        "exam mode to be chosen",
        "return document.querySelector('[data-testid=\"quiz-mode-exam\"]').checked;",
    )
    .await;
    press(&c, &format!("{TAB}{TAB}")).await;
    assert_eq!(focused_within(&c).await, "quiz-start");
    press(&c, &ENTER.to_string()).await;

    // four questions, each: a digit picks, Enter answers
    for (i, key) in CHAPTER_KEY.iter().enumerate() {
        let n = i + 1;
        wait_question(&c, n).await;
        wait_text(&c, "quiz-position", &format!("第 {n} 题，共 4 题")).await;
        if n == 1 {
            shot(&c, "quiz-zh-light-exam-question").await;
        }
        press(&c, &key.to_string()).await;
        wait_attr(
            &c,
            &testid(&format!("quiz-option-{key}")),
            "data-state",
            "picked",
        )
        .await;
        // exam mode: Enter records the answer and goes straight on, with no verdict
        press(&c, &ENTER.to_string()).await;
        if n < CHAPTER_KEY.len() {
            wait_attr(
                &c,
                &testid("quiz-question"),
                "data-question",
                &format!("chapter-{}", n + 1),
            )
            .await;
        }
        assert!(c
            .find(Locator::Css(&testid("quiz-feedback")))
            .await
            .is_err());
    }
    let score = find(&c, &testid("quiz-score")).await;
    assert_eq!(
        score.attr("data-correct").await.unwrap().as_deref(),
        Some("4")
    );
    assert_eq!(
        score.attr("data-total").await.unwrap().as_deref(),
        Some("4")
    );
    assert_eq!(plain(&score.text().await.unwrap()), "得分：4 / 4");
    find(&c, &testid("quiz-topics")).await;
    let items = c
        .find_all(Locator::Css(&testid("quiz-review-item")))
        .await
        .unwrap();
    assert_eq!(items.len(), 4);
    shot(&c, "quiz-zh-light-results").await;

    // a reload keeps the result
    reload(&c).await;
    wait_route(&c, "quiz-chapter").await;
    let score = find(&c, &testid("quiz-score")).await;
    assert_eq!(
        score.attr("data-correct").await.unwrap().as_deref(),
        Some("4")
    );
    assert_eq!(text_of(&c, "lang-switch").await, "English");
    let p = saved_progress(&c).await;
    assert_eq!(p["quiz_answers"], 4, "saved progress: {p}");

    // again, in practice mode, with the first answer wrong on purpose
    focus(&c, &testid("quiz-restart")).await;
    press(&c, &ENTER.to_string()).await;
    focus(&c, &testid("quiz-start")).await;
    press(&c, &ENTER.to_string()).await;
    wait_question(&c, 1).await;
    press(&c, "1").await;
    press(&c, &ENTER.to_string()).await;
    let fb = find(&c, &testid("quiz-feedback")).await;
    assert_eq!(
        fb.attr("data-correct").await.unwrap().as_deref(),
        Some("false")
    );
    // the options are disabled now: the focus must not fall out of the question, or the next
    // Enter would go nowhere
    wait_answered_focus(&c).await;
    wait_attr(&c, &testid("quiz-option-1"), "data-state", "wrong").await;
    wait_attr(&c, &testid("quiz-option-3"), "data-state", "right").await;
    // the live region said so
    let announced = text_of(&c, "quiz-announce").await;
    let announced = if announced.is_empty() {
        // WebDriver's text is the rendered text; the region is visually hidden
        js(
            &c,
            "return document.querySelector('[data-testid=\"quiz-announce\"]').textContent;",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    } else {
        announced
    };
    assert_eq!(announced.trim(), "回答错误。");
    let live = find(&c, &testid("quiz-announce"))
        .await
        .attr("aria-live")
        .await
        .unwrap();
    assert_eq!(live.as_deref(), Some("polite"));
    shot(&c, "quiz-zh-light-practice-answered").await;
    press(&c, &ENTER.to_string()).await;
    for (i, key) in CHAPTER_KEY.iter().enumerate().skip(1) {
        wait_question(&c, i + 1).await;
        press(&c, &key.to_string()).await;
        press(&c, &ENTER.to_string()).await;
        let fb = find(&c, &testid("quiz-feedback")).await;
        assert_eq!(
            fb.attr("data-correct").await.unwrap().as_deref(),
            Some("true")
        );
        wait_answered_focus(&c).await;
        let said = js(
            &c,
            "return document.querySelector('[data-testid=\"quiz-announce\"]').textContent;",
        )
        .await;
        assert_eq!(said.as_str(), Some("回答正确。"));
        press(&c, &ENTER.to_string()).await;
    }
    let score = find(&c, &testid("quiz-score")).await;
    assert_eq!(
        score.attr("data-correct").await.unwrap().as_deref(),
        Some("3")
    );
    wait_attr(
        &c,
        &format!(
            "{}[data-question=\"chapter-1\"]",
            testid("quiz-review-item")
        ),
        "data-correct",
        "false",
    )
    .await;
    find(&c, &testid("quiz-retry-wrong")).await;

    // the missed question waits in the review queue
    click(&c, "nav-quiz").await;
    wait_route(&c, "quiz").await;
    let card = find(&c, &testid("quiz-card-review")).await;
    let due: usize = card
        .attr("data-due")
        .await
        .unwrap()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    assert!(due >= 1, "review queue: {due} due");
    card.click().await.unwrap();
    wait_route(&c, "quiz-review").await;
    click(&c, "quiz-start").await;
    find(&c, &testid("quiz-question")).await;
    let p = saved_progress(&c).await;
    let queued: Vec<String> = p["runs"]["review"]["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["question"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        queued.iter().any(|q| q == "chapter-1"),
        "the review run asks {queued:?}"
    );

    // a question before and after answering, in both languages, light and dark
    let first = find(&c, &testid("quiz-question"))
        .await
        .attr("data-question")
        .await
        .unwrap()
        .unwrap_or_default();
    for (lang, l) in [("zh-CN", "zh"), ("en-US", "en")] {
        for theme in ["light", "dark"] {
            set_lang(&c, lang).await;
            set_theme(&c, theme).await;
            shot(&c, &format!("quiz-{l}-{theme}-question")).await;
        }
    }
    // the others were answered right a minute ago: not due yet, so the missed one comes first
    assert_eq!(first, "chapter-1", "the review run asks {queued:?}");
    focus(&c, &testid("quiz-question")).await;
    press(&c, "3").await;
    press(&c, &ENTER.to_string()).await;
    let fb = find(&c, &testid("quiz-feedback")).await;
    assert_eq!(
        fb.attr("data-correct").await.unwrap().as_deref(),
        Some("true")
    );
    for (lang, l) in [("zh-CN", "zh"), ("en-US", "en")] {
        for theme in ["light", "dark"] {
            set_lang(&c, lang).await;
            set_theme(&c, theme).await;
            shot(&c, &format!("quiz-{l}-{theme}-answered")).await;
        }
    }

    // progress: export, a bad import changes nothing, the exported text imports
    click(&c, "nav-progress").await;
    wait_route(&c, "progress").await;
    click(&c, "progress-export").await;
    find(&c, &testid("progress-export-result")).await;
    let exported = wait_js(
        &c,
        "the exported text",
        "return window.__kindlabExport || null;",
    )
    .await;
    let exported = exported.as_str().unwrap().to_string();
    let doc: Json = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["schema"], kindlab::store::progress::SCHEMA);
    assert!(doc["quiz_answers"].as_u64().unwrap_or(0) >= 8, "{doc}");
    let before = js(&c, "return localStorage.getItem('kindlab.progress');").await;

    find(&c, &testid("progress-import-text"))
        .await
        .send_keys("{\"schema\": 2, \"quiz_answers\": ")
        .await
        .unwrap();
    click(&c, "progress-import").await;
    let bad = find(&c, &testid("progress-import-result")).await;
    assert_eq!(bad.attr("data-ok").await.unwrap().as_deref(), Some("false"));
    let why = bad.text().await.unwrap();
    assert!(why.contains("1"), "the message names a line: {why:?}");
    shot(&c, "progress-en-dark-import-bad").await;
    assert_eq!(
        js(&c, "return localStorage.getItem('kindlab.progress');").await,
        before,
        "a bad import changed the saved progress"
    );
    assert_eq!(
        saved_progress(&c).await["quiz_answers"],
        doc["quiz_answers"]
    );

    // the exported text, pasted in (set at once: typing 10 KB key by key is slow)
    js(
        &c,
        &format!(
            "const t = document.querySelector('[data-testid=\"progress-import-text\"]'); \
             t.value = {}; t.dispatchEvent(new Event('input', {{bubbles: true}})); return true;",
            serde_json::to_string(&exported).unwrap()
        ),
    )
    .await;
    click(&c, "progress-import").await;
    wait_attr(&c, &testid("progress-import-result"), "data-ok", "true").await;
    let after = saved_progress(&c).await;
    assert_eq!(after, doc, "the imported progress differs from the export");
    // and the app uses it: the chapter quiz's best score is 4/4
    click(&c, "nav-quiz").await;
    wait_route(&c, "quiz").await;
    let chapter = plain(&text_of(&c, "quiz-card-chapter").await);
    assert!(chapter.contains("4/4"), "{chapter:?}");

    browser.close().await;
}

/// On a slow link the quiz page's start panel is there seconds before the app is live: a mode
/// chosen and a tap on Start meanwhile are not lost. The app, once live, starts the quiz in the
/// chosen mode.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_quiz_mode_and_start_chosen_before_the_app_is_live_are_kept() {
    use kindlab_testkit::browser::cdp;
    use serde_json::json;
    let _turn = turn();
    let (server, browser, c) = open().await;
    let link = |down: i64, latency: i64| json!({ "offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": -1 });
    // 40 KB/s: the page's HTML (about 12 KB) in a moment, the app (over 300 KB) in seconds
    cdp(&c, "Network.enable", json!({})).await.unwrap();
    cdp(&c, "Network.emulateNetworkConditions", link(40_000, 100))
        .await
        .unwrap();
    // (a navigation from script: goto would wait for the page's load, preloads included)
    c.execute(
        "location.href = arguments[0];",
        vec![server.url("/quiz/chapter").into()],
    )
    .await
    .unwrap();
    find(&c, &testid("quiz-mode-exam"))
        .await
        .click()
        .await
        .unwrap();
    find(&c, &testid("quiz-start")).await.click().await.unwrap();
    let early = js(
        &c,
        "const h = document.documentElement; \
         return [h.hasAttribute('data-kindlab'), h.hasAttribute('data-kindlab-loading'), \
                 document.querySelector('[data-testid=\"quiz-mode-exam\"]').checked];",
    )
    .await;
    assert_eq!(
        early,
        json!([false, true, true]),
        "[app live, loading bar, exam chosen] right after the clicks: the clicks must land on \
         the pre-rendered page, with the loading bar showing"
    );
    cdp(&c, "Network.emulateNetworkConditions", link(-1, 0))
        .await
        .unwrap();
    wait_live(&c).await;
    // the tap on Start was pressed again in the app's page, in the mode chosen before
    wait_attr(&c, &testid("quiz-question"), "data-question", "chapter-1").await;
    wait_attr(&c, &testid("quiz-run-mode"), "data-mode", "exam").await;
    assert_eq!(
        js(
            &c,
            "return document.documentElement.hasAttribute('data-kindlab-loading');"
        )
        .await,
        json!(false)
    );
    shot(&c, "quiz-started-before-live").await;
    browser.close().await;
}

/// On a slow link a tap on Start, before the app is live, shows the quiz's first question at
/// once (pre-rendered, hidden until then) and its options can be picked. The app, once live,
/// starts the same run: the same options in the same order, the pick kept, and Check pressed
/// meanwhile (by the app's keys: 3, Enter) pressed again. With a run of the quiz saved, Start
/// shows no preview (the app will show that run).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_quiz_first_question_answered_before_the_app_is_live_is_kept() {
    use kindlab_testkit::browser::cdp;
    use serde_json::json;
    let _turn = turn();
    let server = crate::support::browser::serve();
    let url = server.url("/quiz/chapter");
    let options =
        "return Array.from(document.querySelectorAll(arguments[0] + ' .quiz-option')).map(l => \
                   [l.querySelector('.opt-text').textContent, l.getAttribute('data-state')]);";
    let preview_shown = "const p = document.querySelector('[data-testid=\"quiz-preview\"]'); \
                         return [document.documentElement.hasAttribute('data-kindlab'), !!p && !p.hidden];";
    let link = |down: i64, latency: i64| json!({ "offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": -1 });

    // a new browser (nothing saved, nothing cached) on a slow link: Start, option 3 picked,
    // `check`: Check pressed; then the link is fast again and the app takes the page over.
    // Returns the browser and the preview's options as picked.
    let answer_early = |check: bool| {
        let url = url.clone();
        async move {
            let browser = kindlab_testkit::browser::Browser::start().await.unwrap();
            let c = browser.client.clone();
            cdp(&c, "Network.enable", json!({})).await.unwrap();
            cdp(&c, "Network.emulateNetworkConditions", link(40_000, 100))
                .await
                .unwrap();
            c.execute("location.href = arguments[0];", vec![url.into()])
                .await
                .unwrap();
            find(&c, &testid("quiz-start")).await.click().await.unwrap();
            assert_eq!(
                js(&c, preview_shown).await,
                json!([false, true]),
                "[app live, first question shown] right after the tap on Start"
            );
            assert_eq!(
                js(
                    &c,
                    "return document.activeElement && document.activeElement.id;"
                )
                .await,
                json!("q0-chapter-1-opt-0"),
                "the keyboard on the first option, as the app puts it on Start"
            );
            if check {
                // by the app's keys this time: 3 picks the third option, Enter checks
                press(&c, "3").await;
                press(&c, &ENTER.to_string()).await;
            } else {
                find(
                    &c,
                    "[data-testid=\"quiz-preview\"] [data-testid=\"quiz-option-3\"]",
                )
                .await
                .click()
                .await
                .unwrap();
            }
            let before = c
                .execute(options, vec!["[data-testid=\"quiz-preview\"]".into()])
                .await
                .unwrap();
            cdp(&c, "Network.emulateNetworkConditions", link(-1, 0))
                .await
                .unwrap();
            wait_live(&c).await;
            (browser, before)
        }
    };

    // the pick: the app shows the same question, its options in the same order, the pick kept
    let (browser, before) = answer_early(false).await;
    let c = browser.client.clone();
    let picked = before.as_array().unwrap();
    assert_eq!(picked.len(), 4, "{before}");
    assert_eq!(picked[2][1], json!("picked"), "{before}");
    wait_attr(
        &c,
        "[data-testid=\"quiz-option-3\"]",
        "data-state",
        "picked",
    )
    .await;
    let q = find(&c, &testid("quiz-question")).await;
    assert_eq!(
        q.attr("data-question").await.unwrap().as_deref(),
        Some("chapter-1")
    );
    let after = c
        .execute(options, vec!["[data-testid=\"quiz-question\"]".into()])
        .await
        .unwrap();
    assert_eq!(
        after, before,
        "the app shows the options in the preview's order, the pick kept"
    );
    assert_eq!(
        js(
            &c,
            "return !!document.querySelector('[data-testid=\"quiz-preview\"]');"
        )
        .await,
        json!(false),
        "the preview went with the pre-rendered page"
    );
    shot(&c, "quiz-answered-before-live").await;

    // a run of the quiz is saved now: Start, before the app is live (its wasm held back),
    // shows no preview
    cdp(&c, "Network.setBlockedURLs", json!({ "urls": ["*.wasm"] }))
        .await
        .unwrap();
    js(
        &c,
        "return navigator.serviceWorker.getRegistrations().then(rs => \
         Promise.all(rs.map(r => r.unregister()))).then(() => 1);",
    )
    .await;
    c.execute("location.href = arguments[0];", vec![url.clone().into()])
        .await
        .unwrap();
    find(&c, "html:not([data-kindlab]) [data-testid=\"quiz-start\"]")
        .await
        .click()
        .await
        .unwrap();
    assert_eq!(
        js(&c, preview_shown).await,
        json!([false, false]),
        "a saved run: no preview"
    );
    browser.close().await;

    // Check pressed on the preview: the app answers the question once live
    let (browser, _) = answer_early(true).await;
    let c = browser.client.clone();
    wait_attr(&c, &testid("quiz-question"), "data-answered", "true").await;
    let graded = c
        .execute(options, vec!["[data-testid=\"quiz-question\"]".into()])
        .await
        .unwrap();
    let state3 = graded[2][1].as_str().unwrap_or_default().to_string();
    assert!(
        state3 == "right" || state3 == "wrong",
        "option 3 was the answer checked: {graded}"
    );
    browser.close().await;
}
