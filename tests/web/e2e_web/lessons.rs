//! Lessons: highlighting, copy, the table of contents, diagrams, search, next, marking read.

use super::*;

/// The first code block that has highlighted tokens: its language, a token's colour, the plain
/// text's colour.
const HIGHLIGHT_JS: &str = r#"
for (const b of document.querySelectorAll('[data-testid="code-block"]')) {
  const tok = b.querySelector('.tok:not(.tok-pr):not(.tok-o)');
  if (!tok) continue;
  const code = b.querySelector('pre code');
  return { lang: b.getAttribute('data-lang'), cls: tok.className, text: tok.textContent,
           tok: getComputedStyle(tok).color, plain: getComputedStyle(code).color,
           tokens: b.querySelectorAll('.tok').length };
}
return null;
"#;

/// Asserts the page shows highlighted code: a token coloured unlike the text around it.
async fn assert_highlighted(c: &Client, what: &str) {
    let h = wait_js(c, "a highlighted code block", HIGHLIGHT_JS).await;
    eprintln!("{what}: highlighted {h}");
    assert_ne!(
        h["tok"], h["plain"],
        "{what}: token {} has the plain text's colour",
        h["cls"]
    );
}

/// Where a heading is in the viewport: its top, in CSS pixels (null when absent).
async fn heading_top(c: &Client, id: &str) -> Json {
    js(
        c,
        &format!(
            "const e = document.getElementById({id:?}); return e ? e.getBoundingClientRect().top : null;"
        ),
    )
    .await
}

/// Waits until the heading `id` has been scrolled to the top of the viewport (below the
/// 56px top bar, where `scroll-margin-top` puts it).
async fn wait_heading_in_view(c: &Client, id: &str) {
    let script = format!(
        "const e = document.getElementById({id:?}); if (!e) return false; \
         const t = e.getBoundingClientRect().top; return window.scrollY > 0 && t >= 40 && t <= 160;"
    );
    let ok = wait_for(&format!("#{id} scrolled into view"), WAIT, || {
        let c = c.clone();
        let script = script.clone();
        async move {
            let v = c.execute(&script, vec![]).await.ok()?;
            (v == Json::Bool(true)).then_some(())
        }
    })
    .await;
    assert!(
        ok.is_ok(),
        "#{id} is not at the top of the viewport: top {}",
        heading_top(c, id).await
    );
}

/// The `data-state` of a topology element inside the n-th topology widget on the page.
async fn topo_state(c: &Client, n: usize, id: &str) -> String {
    let v = wait_js(
        c,
        &format!("topology {n} with {id}"),
        &format!(
            "const t = document.querySelectorAll('[data-testid=\"topology\"]')[{n}]; \
             const e = t && t.querySelector('[data-testid=\"{id}\"]'); \
             return e ? e.getAttribute('data-state') : null;"
        ),
    )
    .await;
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn web_lessons_highlight_copy_toc_topology_search_next_and_read() {
    let _turn = turn();
    let (server, browser, c) = open().await;

    // a lesson in English, light
    goto(&c, &server.url("/lesson/kind-ha")).await;
    wait_route(&c, "lesson-kind-ha").await;
    set_theme(&c, "light").await;
    let title_en = text_of(&c, "lesson-title").await;
    assert!(!title_en.is_empty() && !has_cjk(&title_en), "{title_en:?}");
    assert_highlighted(&c, "kind-ha, English, light").await;

    // copy a code block: exactly its text lands on the clipboard
    let copy = find(&c, &testid("code-copy")).await;
    js(
        &c,
        "document.querySelector('[data-testid=\"code-copy\"]').scrollIntoView({block: 'center'}); return true;",
    )
    .await;
    copy.click().await.unwrap();
    wait_attr(&c, &testid("code-copy"), "data-copied", "true").await;
    let (copied, shown) = {
        let v = js(
            &c,
            "return [window.__kindlabCopied || null, \
             document.querySelector('[data-testid=\"code-block\"] pre code').textContent];",
        )
        .await;
        (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        )
    };
    assert!(!copied.is_empty(), "nothing was copied");
    assert_eq!(
        copied.trim_end(),
        shown.trim_end(),
        "the copied text differs from the block's text"
    );

    // the in-page table of contents scrolls its heading to the top
    let toc = find(&c, &testid("lesson-toc")).await;
    let entries = toc
        .find_all(Locator::Css("[data-testid^=\"toc-\"]"))
        .await
        .unwrap();
    assert!(entries.len() >= 4, "toc has {} entries", entries.len());
    js(&c, "window.scrollTo(0, 0); return true;").await;
    click(&c, "toc-eight-containers").await;
    wait_heading_in_view(&c, "eight-containers").await;

    // the topology drawn from the start state: NGINX on worker2, so only worker2 is UP
    scroll_into_view(&c, &testid("topology")).await;
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker2").await, "Ready");
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker3").await, "Ready");
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker").await, "Ready");
    assert_eq!(
        topo_state(&c, 0, "node-cluster01-control-plane").await,
        "Ready"
    );
    assert_eq!(topo_state(&c, 0, "server-ingress_http-worker2").await, "UP");
    assert_eq!(
        topo_state(&c, 0, "server-ingress_http-worker3").await,
        "DOWN"
    );
    assert_eq!(
        topo_state(&c, 0, "server-ingress_https-worker2").await,
        "UP"
    );
    assert_eq!(
        topo_state(&c, 0, "server-ingress_https-worker").await,
        "DOWN"
    );
    shot(&c, "lesson-en-light-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-en-light-code").await;

    // the same lesson in Chinese: its own title, still highlighted
    set_lang(&c, "zh-CN").await;
    let title_zh = wait_js(
        &c,
        "the Chinese lesson title",
        "const t = document.querySelector('[data-testid=\"lesson-title\"]').textContent; \
         return /[\\u4e00-\\u9fff]/.test(t) ? t : null;",
    )
    .await;
    assert_ne!(title_zh.as_str(), Some(title_en.as_str()));
    assert_highlighted(&c, "kind-ha, Chinese, light").await;
    scroll_into_view(&c, &testid("topology")).await;
    shot(&c, "lesson-zh-light-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-zh-light-code").await;

    // dark, in both languages: tokens keep a colour of their own
    set_theme(&c, "dark").await;
    assert_highlighted(&c, "kind-ha, Chinese, dark").await;
    scroll_into_view(&c, &testid("topology")).await;
    shot(&c, "lesson-zh-dark-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-zh-dark-code").await;
    set_lang(&c, "en-US").await;
    assert_highlighted(&c, "kind-ha, English, dark").await;
    scroll_into_view(&c, &testid("topology")).await;
    shot(&c, "lesson-en-dark-topology").await;
    scroll_into_view(&c, &testid("code-block")).await;
    shot(&c, "lesson-en-dark-code").await;
    set_theme(&c, "light").await;

    // the kubelet lesson: before the failure worker2 is Ready, after it NotReady
    goto(&c, &server.url("/lesson/kubelet-failure")).await;
    wait_route(&c, "lesson-kubelet-failure").await;
    assert_eq!(topo_state(&c, 0, "node-cluster01-worker2").await, "Ready");
    assert_eq!(
        topo_state(&c, 1, "node-cluster01-worker2").await,
        "NotReady"
    );
    assert_eq!(topo_state(&c, 1, "node-cluster01-worker3").await, "Ready");
    js(
        &c,
        "const t = document.querySelectorAll('[data-testid=\"topology\"]')[1]; \
         t.scrollIntoView({block: 'center'}); return true;",
    )
    .await;
    shot(&c, "lesson-en-light-topology-notready").await;

    // search in Chinese, from the home page: type, Enter opens the first hit at its heading
    goto(&c, &server.url("/")).await;
    wait_route(&c, "home").await;
    set_lang(&c, "zh-CN").await;
    let input = find(&c, &testid("search-input")).await;
    input.send_keys("宽限期").await.unwrap();
    let first = find(&c, &testid("search-result")).await;
    let slug = first.attr("data-slug").await.unwrap().unwrap_or_default();
    let anchor = first.attr("data-anchor").await.unwrap().unwrap_or_default();
    let hit = first.text().await.unwrap();
    assert!(has_cjk(&hit), "{hit:?}");
    // the grace period is the kubelet lesson's subject: it is among the hits
    find(
        &c,
        &format!("{}[data-slug=\"kubelet-failure\"]", testid("search-result")),
    )
    .await;
    shot(&c, "search-zh-light").await;
    press(&c, &ENTER.to_string()).await;
    wait_route(&c, &format!("lesson-{slug}")).await;
    if !anchor.is_empty() {
        wait_heading_in_view(&c, &anchor).await;
    }
    // the results closed and the box was cleared
    assert!(c
        .find(Locator::Css(&testid("search-result")))
        .await
        .is_err());

    // and in English, from another lesson: click a result
    set_lang(&c, "en-US").await;
    goto(&c, &server.url("/lesson/kind-ha")).await;
    wait_route(&c, "lesson-kind-ha").await;
    find(&c, &testid("search-input"))
        .await
        .send_keys("StorageClass")
        .await
        .unwrap();
    let hits = wait_for("English search results", WAIT, || {
        let c = c.clone();
        async move {
            let v = c
                .find_all(Locator::Css(&testid("search-result")))
                .await
                .ok()?;
            (!v.is_empty()).then_some(v)
        }
    })
    .await
    .unwrap();
    let mut target = None;
    for h in &hits {
        let s = h.attr("data-slug").await.unwrap().unwrap_or_default();
        let a = h.attr("data-anchor").await.unwrap().unwrap_or_default();
        if s == "storage" && !a.is_empty() {
            target = Some((h.clone(), a));
            break;
        }
    }
    let (hit, anchor) = target.expect("a result in the storage lesson, at a heading");
    hit.click().await.unwrap();
    wait_route(&c, "lesson-storage").await;
    wait_heading_in_view(&c, &anchor).await;
    // "no results" says so
    find(&c, &testid("search-input"))
        .await
        .send_keys("zzqqxxnothing")
        .await
        .unwrap();
    find(&c, &testid("search-none")).await;
    press(&c, "\u{e00c}").await; // Escape clears the box
    wait_js(
        &c,
        "the search box to clear",
        "return document.querySelector('[data-testid=\"search-input\"]').value === '';",
    )
    .await;

    // next lesson
    goto(&c, &server.url("/lesson/kind-ha")).await;
    wait_route(&c, "lesson-kind-ha").await;
    click(&c, "lesson-next").await;
    wait_route(&c, "lesson-haproxy-workers").await;
    assert_eq!(path(&c).await, "/lesson/haproxy-workers");
    wait_attr(&c, &testid("lesson"), "data-slug", "haproxy-workers").await;

    // reaching the end marks the lesson read, and that survives a reload
    let lesson = testid("lesson");
    wait_attr(&c, &lesson, "data-read", "false").await;
    let count_before = text_of(&c, "nav-read-count").await;
    let read_before: usize = count_before
        .trim()
        .split('/')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("nav-read-count {count_before:?}"));
    js(
        &c,
        "window.scrollTo(0, document.documentElement.scrollHeight); return true;",
    )
    .await;
    wait_attr(&c, &lesson, "data-read", "true").await;
    wait_text(&c, "nav-read-count", &format!("{}/7", read_before + 1)).await;
    find(&c, &testid("lesson-mark-unread")).await;
    find(
        &c,
        ".nav-link.done[data-testid=\"nav-lesson-haproxy-workers\"]",
    )
    .await;
    reload(&c).await;
    wait_route(&c, "lesson-haproxy-workers").await;
    wait_attr(&c, &lesson, "data-read", "true").await;
    wait_text(&c, "nav-read-count", &format!("{}/7", read_before + 1)).await;
    let p = saved_progress(&c).await;
    assert!(
        p["lessons_read"]
            .as_array()
            .is_some_and(|a| a.iter().any(|s| s == "haproxy-workers")),
        "saved progress: {p}"
    );

    browser.close().await;
}
