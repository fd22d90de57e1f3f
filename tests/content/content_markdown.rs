//! The Markdown -> model parser, construct by construct, and what it refuses.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::content::markdown::{parse_body, Env, Parsed};
use kindlab::content::model::*;

fn plain(_lang: &str, code: &str) -> Vec<Vec<Span>> {
    kindlab::content::bundle::plain(_lang, code)
}

fn no_image(p: &str) -> Result<String, String> {
    if p.ends_with("ok.svg") {
        Ok("data:image/svg+xml;base64,PHN2Zy8+".into())
    } else {
        Err(format!("`{p}`: no such file"))
    }
}

fn parse(md: &str) -> Parsed {
    let env = Env {
        file: "en/01-x.md",
        highlight: &plain,
        image: &no_image,
    };
    parse_body(&env, md, 0)
}

fn messages(p: &Parsed) -> Vec<String> {
    p.problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn headings_get_their_anchor_and_fill_the_table_of_contents() {
    let p = parse("## Why eight containers {#eight}\n\ntext\n\n### Sub part\n\n#### deep\n");
    assert!(p.problems.is_empty(), "{:?}", messages(&p));
    assert_eq!(
        p.toc,
        vec![
            TocEntry {
                level: 2,
                id: "eight".into(),
                text: "Why eight containers".into()
            },
            TocEntry {
                level: 3,
                id: "sub-part".into(),
                text: "Sub part".into()
            },
        ]
    );
    assert!(matches!(&p.blocks[0], Block::Heading { level: 2, id, .. } if id == "eight"));
}

#[test]
fn chinese_headings_get_chinese_automatic_anchors() {
    let p = parse("## 节点 状态\n");
    assert_eq!(p.toc[0].id, "节点-状态");
}

#[test]
fn a_duplicate_anchor_is_reported_at_the_second_heading() {
    let p = parse("## A {#x}\n\n## B {#x}\n");
    assert_eq!(
        messages(&p),
        vec!["en/01-x.md:3:1: heading anchor #x is used twice (first at line 1, col 1)"]
    );
}

#[test]
fn inline_styles_links_and_code() {
    let p = parse("Some **bold**, *em*, ~~gone~~, `kubectl` and [next](02-haproxy-workers.md#check-timing).\n");
    assert!(p.problems.is_empty(), "{:?}", messages(&p));
    let Block::Paragraph(inl) = &p.blocks[0] else {
        panic!("{:?}", p.blocks)
    };
    assert!(inl.contains(&Inline::Strong(vec![Inline::Text("bold".into())])));
    assert!(inl.contains(&Inline::Emph(vec![Inline::Text("em".into())])));
    assert!(inl.contains(&Inline::Strike(vec![Inline::Text("gone".into())])));
    assert!(inl.contains(&Inline::Code("kubectl".into())));
    assert!(inl.iter().any(|i| matches!(i, Inline::Link { href: Href::Lesson { slug, anchor: Some(a) }, .. } if slug == "haproxy-workers" && a == "check-timing")));
    assert_eq!(p.links.len(), 1);
    assert_eq!((p.links[0].line, p.links[0].col), (1, 46));
}

#[test]
fn tables_keep_alignment_head_and_rows() {
    let p = parse("| a | b |\n|:--|--:|\n| 1 | `2` |\n| 3 | 4 |\n");
    let Block::Table { align, head, rows } = &p.blocks[0] else {
        panic!("{:?}", p.blocks)
    };
    assert_eq!(align, &vec![Align::Left, Align::Right]);
    assert_eq!(head.len(), 2);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][1], vec![Inline::Code("2".into())]);
}

#[test]
fn task_lists_tight_and_loose() {
    let p = parse("- [x] done\n- [ ] todo\n");
    let Block::List { items, start } = &p.blocks[0] else {
        panic!()
    };
    assert_eq!(*start, None);
    assert_eq!(items[0].task, Some(true));
    assert_eq!(items[1].task, Some(false));
    assert_eq!(
        items[1].blocks,
        vec![Block::Paragraph(vec![Inline::Text("todo".into())])]
    );
    let p = parse("1. [ ] one\n\n2. [x] two\n");
    let Block::List { items, start } = &p.blocks[0] else {
        panic!()
    };
    assert_eq!(*start, Some(1));
    assert_eq!(items[0].task, Some(false));
    assert_eq!(items[1].task, Some(true));
}

#[test]
fn footnotes_are_numbered_by_first_reference() {
    let p = parse("B[^b] then A[^a] and B again[^b].\n\n[^a]: note a\n[^b]: note b\n");
    assert!(p.problems.is_empty(), "{:?}", messages(&p));
    assert_eq!(p.footnotes.len(), 2);
    assert_eq!((p.footnotes[0].label.as_str(), p.footnotes[0].n), ("b", 1));
    assert_eq!((p.footnotes[1].label.as_str(), p.footnotes[1].n), ("a", 2));
    let p = parse("x[^nope]\n");
    assert_eq!(p.footnotes.len(), 0);
}

#[test]
fn admonitions_and_quotes() {
    let p = parse("> [!NOTE]\n> a note\n\n> [!WARNING]\n> careful\n\n> [!TIP]\n> tip\n\n> plain\n");
    let kinds: Vec<_> = p
        .blocks
        .iter()
        .map(|b| match b {
            Block::Admonition { kind, .. } => kind.as_str(),
            Block::Quote(_) => "quote",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, vec!["note", "warning", "tip", "quote"]);
}

#[test]
fn code_blocks_keep_language_text_and_console_commands() {
    let md = "```console\n$ kubectl get nodes\nNAME STATUS\n$ tee f <<EOF\nline\nEOF\nafter\n```\n\n```yml\na: 1\n```\n";
    let p = parse(md);
    assert!(p.problems.is_empty(), "{:?}", messages(&p));
    let Block::Code(c) = &p.blocks[0] else {
        panic!()
    };
    assert_eq!(c.lang, "console");
    assert_eq!(c.commands, "kubectl get nodes\ntee f <<EOF\nline\nEOF");
    assert_eq!(c.lines.len(), 6);
    let Block::Code(y) = &p.blocks[1] else {
        panic!()
    };
    assert_eq!(y.lang, "yaml");
    assert_eq!(y.text, "a: 1\n");
}

#[test]
fn an_unknown_code_language_is_reported_and_shown_as_text() {
    let p = parse("text\n\n```rust\nfn main() {}\n```\n");
    assert_eq!(
        messages(&p),
        vec!["en/01-x.md:3:1: unknown code language `rust` (use yaml, bash, console, haproxy, json, text)"]
    );
    let Block::Code(c) = &p.blocks[1] else {
        panic!()
    };
    assert_eq!(c.lang, "text");
}

#[test]
fn widgets_are_parsed_and_unknown_ones_are_errors() {
    let md = "```kindlab-topology After the failure\nsleep 10s\n# a comment\ndocker exec cluster01-worker2 systemctl stop kubelet\n```\n\n```kindlab-quiz\nstorage\n```\n\n```kindlab-lab\nguide: storage\n```\n\n```kindlab-frobnicator\nx\n```\n";
    let p = parse(md);
    assert_eq!(
        p.blocks[0],
        Block::Widget(Widget::Topology {
            caption: "After the failure".into(),
            commands: vec![
                "sleep 10s".into(),
                "docker exec cluster01-worker2 systemctl stop kubelet".into()
            ],
            drawn: String::new(),
        })
    );
    assert_eq!(
        p.blocks[1],
        Block::Widget(Widget::Quiz {
            id: "storage".into()
        })
    );
    assert!(
        matches!(&p.blocks[2], Block::Widget(Widget::Lab { guide: Some(g), .. }) if g == "storage")
    );
    assert_eq!(
        messages(&p),
        vec!["en/01-x.md:15:1: unknown widget `kindlab-frobnicator` (known: kindlab-topology, kindlab-lab, kindlab-quiz, kindlab-checkpoint, kindlab-predict)"]
    );
    assert!(matches!(&p.blocks[3], Block::Code(_)));
}

#[test]
fn images_come_from_assets_and_others_are_refused() {
    let p = parse("![a diagram](../../assets/img/ok.svg)\n\n![x](javascript:alert(1))\n\n![y](../../assets/img/missing.png)\n");
    let Block::Paragraph(i) = &p.blocks[0] else {
        panic!()
    };
    assert_eq!(
        i[0],
        Inline::Image {
            src: "data:image/svg+xml;base64,PHN2Zy8+".into(),
            alt: "a diagram".into()
        }
    );
    assert_eq!(
        messages(&p),
        vec![
            "en/01-x.md:3:1: image refused: the `javascript:` scheme is not allowed for images (use a file in assets/)",
            "en/01-x.md:5:1: image refused: `../../assets/img/missing.png`: no such file",
        ]
    );
}

#[test]
fn links_with_unsafe_schemes_are_refused_and_keep_only_their_text() {
    let cases = [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](<java\tscript:alert(1)>)",
        "[a]( javascript:alert(1) )",
        "[a](&#106;avascript:alert(1))",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
        "[a](vbscript:msgbox)",
        "[a](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "[a](//evil.example/x)",
    ];
    for md in cases {
        let p = parse(md);
        assert_eq!(p.problems.len(), 1, "{md}: {:?}", messages(&p));
        assert!(
            p.problems[0].message.starts_with("link refused"),
            "{md}: {:?}",
            messages(&p)
        );
        assert!(p.links.is_empty(), "{md}");
        let text = format!("{:?}", p.blocks);
        assert!(!text.contains("Link"), "{md}: {text}");
    }
    // a tab inside a bare destination is no link at all in CommonMark: only text
    let p = parse("[a](java\tscript:alert(1))");
    assert!(p.links.is_empty() && !format!("{:?}", p.blocks).contains("Link"));
    for ok in [
        "[a](https://kind.sigs.k8s.io/)",
        "[a](mailto:x@example.com)",
        "[a](/lab)",
        "[a](#x)",
        "<https://example.com>",
    ] {
        let p = parse(ok);
        assert!(p.problems.is_empty(), "{ok}: {:?}", messages(&p));
        assert_eq!(p.links.len(), 1, "{ok}");
    }
}

#[test]
fn raw_html_is_reported_once_per_offence_and_kept_as_text() {
    let md = "<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b> and <img src=x onerror=alert(1)>.\n\n<!-- a comment -->\n\n| a | b |\n|---|---|\n| <i>x</i> | y |\n\n## Title <span>x</span>\n";
    let p = parse(md);
    assert_eq!(
        messages(&p),
        vec![
            "en/01-x.md:1:1: raw HTML is not allowed (a script tag): `<script>alert(1)</script>`; write Markdown instead",
            "en/01-x.md:3:6: raw HTML is not allowed (an event-handler attribute `onclick`): `<b onclick=\"x()\">`; write Markdown instead",
            "en/01-x.md:3:36: raw HTML is not allowed (an event-handler attribute `onerror`): `<img src=x onerror=alert(1)>`; write Markdown instead",
            "en/01-x.md:5:1: raw HTML is not allowed (an HTML comment): `<!-- a comment -->`; write Markdown instead",
            "en/01-x.md:9:3: raw HTML is not allowed (an HTML tag): `<i>`; write Markdown instead",
            "en/01-x.md:11:10: raw HTML is not allowed (an HTML tag): `<span>`; write Markdown instead",
        ]
    );
    assert!(matches!(&p.blocks[0], Block::Html(h) if h.contains("<script>")));
}

#[test]
fn parsing_arbitrary_bytes_never_panics() {
    let nasty = [
        "",
        "\n\n\n",
        "#",
        "> [!NOTE]",
        "```",
        "```kindlab-topology",
        "|a|\n|-|\n|<b>|",
        "[^x]: [^y]\n[^y]: [^x]",
        "- [ ]",
        "<",
        "<!--",
        "*[a](b)*",
        "![](",
        "中文[链接](中文.md#锚)",
        "\u{0}\u{1}\u{fffd}",
        "## {#}",
        "1. a\n   > b\n   ```\n   c",
    ];
    for n in nasty {
        let _ = parse(n);
    }
}

/// How deep the model's blocks go (block quotes, lists, admonitions).
fn block_depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Quote(inner) | Block::Admonition { blocks: inner, .. } => 1 + block_depth(inner),
            Block::List { items, .. } => {
                1 + items
                    .iter()
                    .map(|i| block_depth(&i.blocks))
                    .max()
                    .unwrap_or(0)
            }
            _ => 1,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn nesting_a_hundred_thousand_deep_is_reported_at_its_line_not_a_stack_overflow() {
    use kindlab::content::markdown::MAX_NESTING;
    let md = format!(
        "# Deep\n\n{} quoted\n\n{}\n\n{}x{}\n",
        ">".repeat(100_000),
        (0..300)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect::<String>(),
        "[".repeat(50_000),
        "]".repeat(50_000),
    );
    let p = parse(&md);
    let deep: Vec<_> = p
        .problems
        .iter()
        .filter(|x| {
            x.message
                .starts_with(&format!("nested more than {MAX_NESTING} levels deep"))
        })
        .collect();
    assert!(!deep.is_empty(), "{:?}", p.problems);
    // the block quotes' problem is on their line
    assert_eq!(deep[0].line, 3, "{:?}", deep[0]);
    // what is kept stays within the bound, so rendering and serialising it cannot overflow
    assert!(
        block_depth(&p.blocks) <= MAX_NESTING + 1,
        "{}",
        block_depth(&p.blocks)
    );
    // text shallower than the bound is still there
    assert!(matches!(p.blocks.first(), Some(Block::Heading { .. })));
}
