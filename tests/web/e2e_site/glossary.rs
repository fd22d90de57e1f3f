//! The glossary on the web: its pre-rendered Chinese page, and a Chinese lesson's link to a
//! term followed in the reader edition (no simulator), landing on the term.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn site_a_chinese_lessons_glossary_link_lands_on_its_term() {
    let _turn = turn();
    let (server, browser, c) = open().await;
    // the Chinese glossary, as pre-rendered and once the app has it: the term with its API
    // name, at its anchor
    c.goto(&server.url("/zh/glossary#taint")).await.unwrap();
    // (read in one script: the app may replace the pre-rendered node between a find and a read)
    let term = wait_js(
        &c,
        "the term 污点 at #taint",
        "const d = document.querySelector('#taint dt'); return d && d.textContent;",
    )
    .await;
    assert_eq!(term, json!("污点（taint）"));
    assert_eq!(wait_live(&c).await, "reader");
    let term = js(
        &c,
        "return document.querySelector('#taint dt').textContent;",
    )
    .await;
    assert_eq!(term, json!("污点（taint）"), "once the app has the page");
    // the app took the page over where the link put the reader: at the term, the URL kept
    wait_js(
        &c,
        "污点 still at the top after the takeover",
        "const t = document.getElementById('taint').getBoundingClientRect().top; \
         return location.hash === '#taint' && t >= 0 && t < 200;",
    )
    .await;
    let terms = js(
        &c,
        "return document.querySelectorAll('[data-testid=\"glossary-term\"]').length;",
    )
    .await;
    assert!(terms.as_u64().unwrap() >= 40, "{terms}");
    wait_js(
        &c,
        "the command sheet's try buttons",
        "return document.querySelectorAll('#commands ~ * [data-testid=\"code-try\"]').length > 5;",
    )
    .await;

    // a Chinese lesson: the first use of 污点 is a link with the Chinese definition as its title
    c.goto(&server.url("/zh/lesson/kubelet-failure"))
        .await
        .unwrap();
    assert_eq!(wait_live(&c).await, "reader");
    let link = "[data-testid=\"glossary-link\"][data-term=\"taint\"]";
    let found = js(
        &c,
        &format!(
            "const l = document.querySelectorAll('{}'); \
             return [l.length, l[0].textContent, l[0].getAttribute('title'), l[0].getAttribute('href')];",
            link.replace('\'', "\\'")
        ),
    )
    .await;
    assert_eq!(found[0], json!(1), "{found}");
    assert_eq!(found[1], json!("污点"));
    assert!(
        found[2]
            .as_str()
            .unwrap()
            .chars()
            .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
        "{found}"
    );
    assert_eq!(found[3], json!("/zh/glossary#taint"));
    js(&c, "window.__sameDocument = true; return true;").await;
    click(&c, link).await;
    wait_js(
        &c,
        "the glossary at 污点",
        "const t = document.getElementById('taint'); \
         return location.pathname === '/zh/glossary' && !!t && \
           t.getBoundingClientRect().top >= 0 && t.getBoundingClientRect().top < 200;",
    )
    .await;
    assert_eq!(
        js(&c, "return window.__sameDocument === true;").await,
        json!(true),
        "the link loaded a new page instead of navigating in the app"
    );
    // and the term's lesson link goes back to the lesson that explains it
    let back = js(
        &c,
        "return document.querySelector('#taint [data-testid=\"glossary-lesson\"]').getAttribute('href');",
    )
    .await;
    assert_eq!(back, json!("/zh/lesson/kubelet-failure#taints-eviction"));
    browser.close().await;
    drop(server);
}
