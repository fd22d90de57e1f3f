//! Nothing executable reaches the page.
//!
//! - The whole app (dioxus-ssr, the real router and renderer, an in-memory store) renders every
//!   page of the built-in content, every lesson in both languages: no script, style, frame or
//!   object element, no event-handler attribute, no `javascript:` anywhere, and every `href` and
//!   `src` is one of the few safe kinds.
//! - Hostile data the app does render (saved progress, a corrupted progress file, addresses) is
//!   shown as text.
//! - A large hostile Markdown corpus (tags, handlers, URL schemes with case, whitespace, entity
//!   and percent tricks, every kind of link, in every block context) is parsed by
//!   `content::markdown::parse_body`: no unsafe link or image survives into the model, raw HTML
//!   only survives as the model's text-only `Html` nodes, and every refusal is reported, once.
//!   (Rendering that corpus through the real renderer needs a public hook; see the end.)

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::content::markdown::{parse_body, Env, Parsed};
use kindlab::content::model::*;
use kindlab::store::{self, Backend};

use crate::inert::*;

#[test]
fn the_inertness_check_catches_what_it_must() {
    // the detector itself: each of these must be caught
    for bad in [
        "<p><script>alert(1)</script></p>",
        "<img src=\"x\" onerror=\"alert(1)\"/>",
        "<div class=\"a\" ONMOUSEOVER=\"x()\"></div>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVa&#x09;Script&colon;alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<a href=\"//evil.example/\">x</a>",
        "<img src=\"data:text/html;base64,PHNjcmlwdD4=\"/>",
        "<img src=\"https://tracker.example/pixel.png\"/>",
        "<iframe src=\"/lab\"></iframe>",
        "<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "<object data=\"x.swf\"></object>",
        "<div style=\"background:url(javascript:alert(1))\"></div>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    ] {
        assert!(!offences(bad).is_empty(), "not caught: {bad}");
    }
    // and escaped text is not markup
    assert!(offences(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>"
    )
    .is_empty());
    assert!(offences(
        "<a href=\"/lesson/kind-ha#x\" title=\"a &quot;quote&quot; onclick=x\">t</a>"
    )
    .is_empty());
}

// ---------------------------------------------------------------------------------------------
// the real content, every page

#[test]
fn every_lesson_page_in_both_languages_renders_nothing_executable() {
    let b = kindlab::content::bundle();
    assert!(b.order.len() >= 7, "{:?}", b.order);
    for lang in [store::Lang::En, store::Lang::Zh] {
        for slug in &b.order {
            let html = render(backend_in(lang), &format!("/lesson/{slug}"));
            let what = format!("/lesson/{slug} ({lang:?})");
            // the lesson itself was rendered, not a fallback page
            assert!(
                html.contains(&format!("data-testid=\"lesson\" data-slug=\"{slug}\"")),
                "{what}: no lesson in {html}"
            );
            let lesson = b.lesson(slug, lang).unwrap();
            assert!(!lesson.blocks.is_empty());
            assert!(
                html.contains("data-testid=\"lesson-title\""),
                "{what}: no title"
            );
            assert!(
                !html.to_lowercase().contains("javascript:"),
                "{what}: javascript:"
            );
            assert!(
                !html.to_lowercase().contains("vbscript:"),
                "{what}: vbscript:"
            );
            assert_inert(&html, &what);
            // every heading of the lesson is there, with its anchor
            for t in &lesson.toc {
                assert!(
                    html.contains(&format!("id=\"{}\"", t.id)),
                    "{what}: #{}",
                    t.id
                );
            }
        }
    }
}

#[test]
fn every_other_page_renders_nothing_executable() {
    let b = kindlab::content::bundle();
    let mut paths: Vec<String> = ["/", "/lab", "/quiz", "/progress", "/no/such/page"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    paths.extend(b.quizzes.iter().map(|q| format!("/quiz/{}", q.id)));
    for lang in [store::Lang::En, store::Lang::Zh] {
        for p in &paths {
            let html = render(backend_in(lang), p);
            assert!(html.contains("data-testid=\"page\""), "{p}: {html}");
            assert!(!html.to_lowercase().contains("javascript:"), "{p}");
            assert_inert(&html, &format!("{p} ({lang:?})"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// hostile data the app renders

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
];

#[test]
fn hostile_saved_progress_is_shown_as_text() {
    // every string of the progress document is a payload
    let mut doc = serde_json::json!({
        "schema": 2,
        "lessons_opened": PAYLOADS,
        "lessons_read": PAYLOADS,
        "quiz_answers": 3,
        "history": PAYLOADS.iter().map(|p| serde_json::json!({
            "question": p, "quiz": p, "correct": false, "at": 1_780_000_000_000i64
        })).collect::<Vec<_>>(),
        "scores": {},
        "cards": {},
        "runs": {},
    });
    for p in PAYLOADS {
        doc["scores"][p] = serde_json::json!([{
            "at": 1_780_000_000_000i64, "correct": 1, "total": 2, "mode": "exam", "duration_ms": 1000
        }]);
        doc["cards"][p] = serde_json::json!({
            "due": 0, "stability": 1.0, "difficulty": 5.0, "elapsed_days": 0, "scheduled_days": 0,
            "reps": 1, "lapses": 1, "state": 3, "last_review": 0, "last_correct": false
        });
    }
    let text = serde_json::to_string_pretty(&doc).unwrap();
    assert!(
        kindlab::store::progress::parse(&text).is_ok(),
        "the document is valid"
    );
    for lang in [store::Lang::En, store::Lang::Zh] {
        for path in ["/", "/progress", "/quiz", "/quiz/review", "/lesson/kind-ha"] {
            let b = backend_in(lang);
            b.write("progress", &text).unwrap();
            let html = render(b, path);
            assert_inert(&html, &format!("{path} with hostile progress"));
            if path == "/progress" {
                // the scores table names each quiz id: as text
                assert!(
                    PAYLOADS.iter().all(|p| html.contains(&escaped(p))),
                    "a payload is not shown at all, so this proves nothing: {html}"
                );
            }
        }
    }
}

#[test]
fn a_hostile_corrupted_progress_file_is_reported_as_text() {
    let text = "{\"schema\": 2, \"<img src=x onerror=alert(1)>\": \"<script>alert(1)</script>\"}";
    let b = backend_in(store::Lang::En);
    b.write("progress", text).unwrap();
    let html = render(b.clone(), "/");
    assert!(html.contains("data-testid=\"notice\""), "{html}");
    assert!(
        html.contains(&escaped("<img src=x onerror=alert(1)>")),
        "{html}"
    );
    assert!(!html.contains("<img src=x"), "{html}");
    assert_inert(&html, "a notice about a hostile progress file");
    // kept aside as it was
    assert_eq!(b.read("progress.bad").as_deref(), Some(text));
}

#[test]
fn hostile_addresses_are_shown_as_text() {
    for p in PAYLOADS {
        let enc: String = p
            .bytes()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    (c as char).to_string()
                } else {
                    format!("%{c:02X}")
                }
            })
            .collect();
        for path in [
            format!("/lesson/{enc}"),
            format!("/quiz/{enc}"),
            format!("/{enc}"),
            format!("/lesson/{p}"),
        ] {
            let html = render(backend_in(store::Lang::En), &path);
            assert!(html.contains("data-testid=\"page\""), "{path}");
            assert_inert(&html, &path);
            // a lesson or quiz address names what it did not find: as text
            if !p.contains('/') && !path.starts_with(&format!("/{enc}")) {
                assert!(html.contains(&escaped(p)), "{path}: {html}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the hostile Markdown corpus, through the parser

const OK_IMAGE: &str = "data:image/svg+xml;base64,PHN2Zy8+";

fn plain(lang: &str, code: &str) -> Vec<Vec<Span>> {
    kindlab::content::bundle::plain(lang, code)
}

fn image(p: &str) -> Result<String, String> {
    if p == "ok.svg" {
        Ok(OK_IMAGE.into())
    } else {
        Err(format!("`{p}`: no such file"))
    }
}

fn parse(md: &str) -> Parsed {
    let env = Env {
        file: "en/01-x.md",
        highlight: &plain,
        image: &image,
    };
    parse_body(&env, md, 0)
}

/// Every link target and image source in the model, and the text of every raw-HTML node.
#[derive(Default, Debug)]
struct Seen {
    hrefs: Vec<Href>,
    srcs: Vec<String>,
    html: String,
}

fn walk_blocks(bs: &[Block], s: &mut Seen) {
    for b in bs {
        match b {
            Block::Heading { content, .. } | Block::Paragraph(content) => walk_inlines(content, s),
            Block::List { items, .. } => items.iter().for_each(|i| walk_blocks(&i.blocks, s)),
            Block::Quote(bs) | Block::Admonition { blocks: bs, .. } => walk_blocks(bs, s),
            Block::Table { head, rows, .. } => {
                head.iter().for_each(|c| walk_inlines(c, s));
                rows.iter().flatten().for_each(|c| walk_inlines(c, s));
            }
            Block::Html(h) => s.html.push_str(h),
            Block::Code(_) | Block::Rule | Block::Widget(_) => {}
        }
    }
}

fn walk_inlines(is: &[Inline], s: &mut Seen) {
    for i in is {
        match i {
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Plain(c) => {
                walk_inlines(c, s)
            }
            Inline::Link { href, content, .. } => {
                s.hrefs.push(href.clone());
                walk_inlines(content, s);
            }
            Inline::Image { src, .. } => s.srcs.push(src.clone()),
            Inline::Html(h) => s.html.push_str(h),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::FootnoteRef { .. }
            | Inline::SoftBreak
            | Inline::HardBreak => {}
        }
    }
}

fn seen(p: &Parsed) -> Seen {
    let mut s = Seen::default();
    walk_blocks(&p.blocks, &mut s);
    for f in &p.footnotes {
        walk_blocks(&f.blocks, &mut s);
    }
    s
}

/// What the renderer makes of a model link (doc.rs: `#a`, `/lesson/slug#a`, the path, the URL).
fn rendered_href(h: &Href) -> String {
    match h {
        Href::External(u) => u.clone(),
        Href::Anchor(a) => format!("#{a}"),
        Href::Lesson { slug, anchor } => match anchor {
            Some(a) => format!("/lesson/{slug}#{a}"),
            None => format!("/lesson/{slug}"),
        },
        Href::App(p) => p.clone(),
        Href::Glossary(id) => format!("/glossary#{id}"),
    }
}

/// The model of `md` can only make safe links and images.
fn assert_model_safe(md: &str, p: &Parsed) -> Seen {
    let s = seen(p);
    for h in &s.hrefs {
        let r = as_browser_sees(&rendered_href(h));
        assert!(href_ok(&r), "{md:?}: the model links to {h:?}");
        if let Href::External(u) = h {
            let u = as_browser_sees(u);
            assert!(
                u.starts_with("http://") || u.starts_with("https://") || u.starts_with("mailto:"),
                "{md:?}: {h:?}"
            );
        }
    }
    for src in &s.srcs {
        assert_eq!(src, OK_IMAGE, "{md:?}: an image from elsewhere");
    }
    // what the parser found as links matches the model
    assert_eq!(
        p.links.len(),
        s.hrefs.len(),
        "{md:?}: {:?} vs {:?}",
        p.links,
        s.hrefs
    );
    s
}

/// What pulldown-cmark itself sees in `md`: link and image destinations, raw HTML pieces.
fn tokens(md: &str) -> (Vec<String>, Vec<String>) {
    let t = tokens_counted(md);
    (t.0, t.1)
}

/// Also: how many HTML blocks and inline HTML pieces there are.
fn tokens_counted(md: &str) -> (Vec<String>, Vec<String>, usize, usize) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    let mut dests = vec![];
    let mut html = vec![];
    let (mut blocks, mut inline) = (0, 0);
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dests.push(dest_url.to_string()),
            Event::Start(Tag::HtmlBlock) => blocks += 1,
            Event::Html(h) => html.push(h.to_string()),
            Event::InlineHtml(h) => {
                inline += 1;
                html.push(h.to_string())
            }
            _ => {}
        }
    }
    (dests, html, blocks, inline)
}

/// URLs that must never become a link or an image.
const BAD_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "javascript:alert(1)//.md",
    "javascript://%0Aalert(1)",
    "java&#x09;script:alert(1)",
    "java&#9;script:alert(1)",
    "java&#10;script:alert(1)",
    "java&#13;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "java&Tab;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;&#x61;vascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#x3A;alert(1)",
    "%6A%61vascript:alert(1)",
    "javascript%3Aalert(1)",
    "\u{1}javascript:alert(1)",
    "java\u{0}script:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:MsgBox(1)",
    "livescript:alert(1)",
    "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,x",
    "data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "file:///etc/passwd",
    "blob:https://example.com/1",
    "filesystem:https://example.com/x",
    "about:blank",
    "chrome://settings",
    "ms-its:x",
    "jar:https://x!/y",
    "//evil.example/x",
    "\\\\evil.example\\x",
    "/\\\\evil.example",
    "evil.example/x.html",
    "x.html",
];

/// How a URL `u` is written in Markdown: (label, document). `{u}` is the URL.
const LINK_FORMS: &[&str] = &[
    "[text]({u})",
    "[text](<{u}>)",
    "[text]({u} \"a title\")",
    "[text]({u} 'a \"quoted\" title')",
    "[text]({u} (paren title))",
    "![alt]({u})",
    "![alt](<{u}> \"t\")",
    "[![alt](ok.svg)]({u})",
    "[**bold** `code`]({u})",
    "[text][ref]\n\n[ref]: {u}",
    "[ref][]\n\n[ref]: {u}",
    "[ref]\n\n[ref]: {u} \"title\"",
    "![alt][img]\n\n[img]: {u}",
    "[text][REF]\n\n[ref]:\n  <{u}>\n  'title'",
    "<{u}>",
];

/// Where a construct `{c}` appears.
const CONTEXTS: &[&str] = &[
    "Before {c} after.",
    "## A heading {c} {#h}",
    "### {c}",
    "- item {c}\n- second",
    "1. one\n2. two {c}",
    "- [ ] task {c}",
    "- outer\n  - inner {c}",
    "| a | b |\n|---|---|\n| {c} | x |",
    "| {c} | b |\n|---|---|\n| a | x |",
    "> quoted {c}",
    "> > nested {c}",
    "> [!NOTE]\n> noted {c}",
    "> [!WARNING]\n> - careful {c}",
    "Text[^n].\n\n[^n]: a note {c}",
    "**bold {c}** and *em {c2}*",
    "~~gone {c}~~",
    "Line one  \nline two {c}",
];

fn docs(construct: &str) -> Vec<String> {
    CONTEXTS
        .iter()
        .map(|ctx| {
            // reference definitions go at the end, at block level
            let (inline, defs) = match construct.split_once("\n\n") {
                Some((i, d)) => (i, Some(d)),
                None => (construct, None),
            };
            let mut d = ctx.replace("{c2}", "plain").replace("{c}", inline);
            if let Some(defs) = defs {
                d.push_str("\n\n");
                d.push_str(defs);
            }
            d.push('\n');
            d
        })
        .collect()
}

#[test]
fn no_unsafe_url_survives_in_any_form_or_context_and_each_is_reported() {
    let mut cases = 0;
    let mut links_seen = 0;
    for u in BAD_URLS {
        for form in LINK_FORMS {
            let construct = form.replace("{u}", u);
            for md in docs(&construct) {
                cases += 1;
                let p = parse(&md);
                let s = assert_model_safe(&md, &p);
                // nothing from the hostile URL is a link or an image (only the nested ok.svg)
                assert!(s.hrefs.is_empty(), "{md:?}: {:?}", s.hrefs);
                assert!(s.srcs.iter().all(|x| x == OK_IMAGE), "{md:?}");
                // each destination pulldown-cmark saw (other than ok.svg) was refused, once
                let (dests, html) = tokens(&md);
                let hostile = dests.iter().filter(|d| *d != "ok.svg").count();
                links_seen += hostile;
                let refused = p
                    .problems
                    .iter()
                    .filter(|x| {
                        x.message.starts_with("link refused")
                            || x.message.starts_with("image refused")
                    })
                    .count();
                assert_eq!(
                    refused,
                    hostile,
                    "{md:?}: destinations {dests:?}, problems {:?}",
                    p.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()
                );
                // the rest of the problems are raw HTML the URL contained (`<...>` forms)
                for x in &p.problems {
                    assert!(
                        x.message.starts_with("link refused")
                            || x.message.starts_with("image refused")
                            || x.message.starts_with("raw HTML")
                            || x.message.starts_with("footnote"),
                        "{md:?}: {x}"
                    );
                }
                for h in &html {
                    assert!(
                        s.html.contains(h.trim()),
                        "{md:?}: {h:?} is not kept as text"
                    );
                }
            }
        }
    }
    assert!(cases > 10_000, "{cases}");
    // the corpus really exercises links: most forms are links to pulldown-cmark
    assert!(links_seen > cases / 2, "{links_seen} of {cases}");
}

/// Tricky but allowed targets: they stay links, and escaping them is the renderer's job.
#[test]
fn allowed_links_with_quotes_and_markup_in_them_stay_plain_links() {
    for (md, want) in [
        (
            "[x](<https://ok.example/\" onmouseover=\"alert(1)>)",
            Href::External("https://ok.example/\" onmouseover=\"alert(1)".into()),
        ),
        (
            "[x](https://ok.example/?q=<script>)",
            Href::External("https://ok.example/?q=<script>".into()),
        ),
        (
            "[x](/lab?\"><script>)",
            Href::App("/lab?\"><script>".into()),
        ),
        (
            "[x](02-a.md#\"><img%20src=x%20onerror=alert(1)>)",
            Href::Lesson {
                slug: "a".into(),
                anchor: Some("\"><img%20src=x%20onerror=alert(1)>".into()),
            },
        ),
    ] {
        let p = parse(md);
        let s = assert_model_safe(md, &p);
        assert_eq!(s.hrefs, vec![want], "{md}");
        assert!(s.html.is_empty(), "{md}");
    }
    // a title with quotes stays a title (an attribute value)
    let p = parse("[x](https://ok.example \"a \\\" onclick=alert(1) x\")");
    let Block::Paragraph(i) = &p.blocks[0] else {
        panic!()
    };
    assert!(matches!(&i[0], Inline::Link { title, .. } if title == "a \" onclick=alert(1) x"));
}

/// Raw HTML that must be reported once and kept only as text.
const HTML_INLINE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script\n>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)/>",
    "<img/src=x/onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img src=x onerror = \"alert(1)\">",
    "<img src=x\nonerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a\nhref=\"javascript:alert(1)\">x</a>",
    "<a href=x onmouseover=alert(1)>x</a>",
    "<details open ontoggle=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"x.swf\"></object>",
    "<embed src=\"x.swf\">",
    "<style>*{display:none}</style>",
    "<link rel=stylesheet href=x.css>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<base href=\"https://evil.example/\">",
    "<form action=\"javascript:alert(1)\">x</form>",
    "<input autofocus onfocus=alert(1)>",
    "<math xlink:href=\"javascript:alert(1)\">x</math>",
    "<x onclick=alert(1)>x</x>",
    "<br>",
    "<br/>",
    "<!-- a comment -->",
    "<!-- <script>alert(1)</script> -->",
    "<?php echo 1; ?>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!DOCTYPE html>",
];

#[test]
fn raw_html_in_every_context_is_reported_once_and_kept_as_text_only() {
    let mut cases = 0;
    let mut failures = vec![];
    for h in HTML_INLINE {
        for md in docs(h) {
            cases += 1;
            let p = parse(&md);
            let s = assert_model_safe(&md, &p);
            let (_, html) = tokens(&md);
            let msgs: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
            if html.is_empty() {
                // not HTML to CommonMark (e.g. split by a line break where a tag cannot be):
                // plain text, nothing to report
                if !(msgs.is_empty() && s.html.is_empty()) {
                    failures.push(format!("{md:?}: {msgs:?}"));
                }
                continue;
            }
            // every raw piece is kept, as text
            for piece in &html {
                if !s.html.contains(piece.trim()) {
                    failures.push(format!("{md:?}: {piece:?} not kept as text"));
                }
            }
            // one offence, one message
            if msgs.len() != 1 || !msgs[0].contains("raw HTML is not allowed") {
                failures.push(format!("{md:?}: {msgs:#?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures: {:#?}",
        failures.len(),
        &failures[..failures.len().min(25)]
    );
    assert!(cases > 500, "{cases}");
}

/// HTML blocks (lines starting with a tag), at the top level and nested.
#[test]
fn raw_html_blocks_at_any_depth_are_one_problem_each() {
    let blocks = [
        "<script>\nalert(1)\n</script>",
        "<div onclick=\"alert(1)\">\n\n**markdown inside**\n\n</div>",
        "<iframe src=\"https://evil.example/\">\n</iframe>",
        "<style>\nbody { display: none }\n</style>",
        "<!--\na comment\nover lines\n-->",
        "<svg onload=alert(1)>",
        "<table><tr><td onmouseover=alert(1)>x</td></tr></table>",
        "<pre>\n<script>alert(1)</script>\n</pre>",
        "<textarea>\n</textarea><script>alert(1)</script>",
    ];
    let wraps: [fn(&str) -> String; 5] = [
        |b| format!("{b}\n"),
        |b| format!("Intro.\n\n{b}\n\nOutro.\n"),
        |b| b.lines().map(|l| format!("> {l}\n")).collect(),
        |b| {
            format!(
                "- item\n\n{}",
                b.lines().map(|l| format!("  {l}\n")).collect::<String>()
            )
        },
        |b| {
            format!(
                "Text[^n].\n\n[^n]: note\n\n{}",
                b.lines().map(|l| format!("    {l}\n")).collect::<String>()
            )
        },
    ];
    for b in blocks {
        for w in wraps {
            let md = w(b);
            let p = parse(&md);
            let s = assert_model_safe(&md, &p);
            let msgs: Vec<String> = p.problems.iter().map(|p| p.to_string()).collect();
            assert!(!msgs.is_empty(), "{md:?}: not reported");
            assert!(
                msgs.iter().all(|m| m.contains("raw HTML is not allowed")),
                "{md:?}: {msgs:#?}"
            );
            // one message per HTML block (an HTML block ends at a blank line, so `<div>`, a
            // blank line, Markdown, a blank line and `</div>` are two)
            let (_, html, n_blocks, n_inline) = tokens_counted(&md);
            assert_eq!(n_inline, 0, "{md:?}");
            assert_eq!(msgs.len(), n_blocks, "{md:?}: {msgs:#?} for {html:?}");
            for piece in &html {
                assert!(s.html.contains(piece.trim()), "{md:?}: {piece:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering the corpus above through the real renderer (`src/ui/doc.rs`) needs a public hook;
// none exists yet (`kindlab::ui` exports App, Route, AppState, StoreBackend and the i18n
// helpers only, and the renderer needs the app's context and router). See the report.
