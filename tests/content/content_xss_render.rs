//! The hostile lessons (tests/fixtures/content-hostile) and a generated corpus of hostile
//! Markdown, loaded by the real content pipeline and rendered by the real app (router, lesson
//! page, renderer) in both languages: nothing executable reaches the page. Its own test binary:
//! it replaces the app's built-in content for the whole process.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use crate::inert::{assert_inert, backend_in, render};
use kindlab::content::bundle;

/// Hostile Markdown in every block context, one lesson per snippet.
const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "Text <img src=x onerror=alert(1)> after",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:msgbox(1)) [w](data:text/html,<script>alert(1)</script>)",
    "[x](&#106;avascript:alert(1)) [y](javascript&#58;alert(1)) [z](%6Aavascript:alert(1))",
    "<javascript:alert(1)> <vbscript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1) \"t\"",
    "![img](javascript:alert(1)) ![svg](data:image/svg+xml,<svg onload=alert(1)>)",
    "| a | b |\n|---|---|\n| <b onmouseover=alert(1)>x</b> | [y](javascript:alert(1)) |",
    "## Title <img src=x onerror=alert(1)> {#t}",
    "- item <svg onload=alert(1)>\n- [x](javascript:alert(1))",
    "> [!WARNING]\n> <iframe src=\"javascript:alert(1)\"></iframe>",
    "Footnote[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
    "<!-- <script>alert(1)</script> -->",
    "[x](https://ok.example/\" onclick=\"alert(1))",
    "[x](<javascript:alert(1)>) [y]( javascript:alert(1) )",
    "```kindlab-topology <img src=x onerror=alert(1)>\nsleep 1s\n```",
    "```console\n$ echo <script>alert(1)</script>\n```",
    "*<form action=javascript:alert(1)><input type=submit>*",
    "<details open ontoggle=alert(1)>x</details>",
];

fn front(title: &str) -> String {
    format!("---\ntitle: \"{title}\"\nsummary: hostile\nminutes: 1\nobjectives:\n  - \"<script>alert(1)</script>\"\n---\n\n")
}

#[test]
fn hostile_lessons_render_nothing_executable_in_either_language() {
    // the fixture folder plus the corpus, written as a content folder of its own
    let dir = std::env::temp_dir().join(format!("kindlab-xss-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for lang in ["en", "zh"] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
    }
    let fixture =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
            .join("tests/fixtures/content-hostile");
    let mut summary = String::from("# Summary\n\n");
    for lang in ["en", "zh"] {
        std::fs::copy(
            fixture.join(lang).join("01-hostile.md"),
            dir.join(lang).join("01-hostile.md"),
        )
        .unwrap();
    }
    summary.push_str("1. [Hostile](01-hostile.md)\n");
    for (i, md) in CORPUS.iter().enumerate() {
        let name = format!("{:02}-corpus{i}.md", i + 2);
        for lang in ["en", "zh"] {
            let text = format!("{}{md}\n", front(&format!("corpus {i} <b onclick=x>")));
            std::fs::write(dir.join(lang).join(&name), text).unwrap();
        }
        summary.push_str(&format!("{}. [c{i}]({name})\n", i + 2));
    }
    std::fs::write(dir.join("SUMMARY.md"), summary).unwrap();
    let loaded = bundle::load(&dir, &bundle::plain);
    // it is hostile: the pipeline has plenty to say, and still builds every lesson
    assert!(
        loaded.problems.len() > CORPUS.len(),
        "{}",
        loaded.problems.len()
    );
    let slugs = loaded.bundle.order.clone();
    assert_eq!(slugs.len(), CORPUS.len() + 1);
    assert!(kindlab::content::install_bundle_for_test(loaded.bundle).is_ok());
    let mut rendered = 0;
    for lang in [kindlab::store::Lang::En, kindlab::store::Lang::Zh] {
        for slug in &slugs {
            let html = render(backend_in(lang), &format!("/lesson/{slug}"));
            assert!(
                html.contains("data-testid=\"lesson-title\""),
                "{slug} did not render as a lesson"
            );
            assert_inert(&html, &format!("/lesson/{slug} ({lang:?})"));
            rendered += 1;
        }
        // the search over hostile text and the home page's lesson cards, too
        assert_inert(&render(backend_in(lang), "/"), "/ (hostile bundle)");
    }
    assert_eq!(rendered, 2 * slugs.len());
    let _ = std::fs::remove_dir_all(&dir);
}
