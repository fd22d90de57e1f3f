//! The glossary (`content/glossary.toml`): `kindlab check` on a broken glossary (every problem at
//! its file:line, the unused form a notice), the book's glossary complete in both languages, and
//! the build's pass that links the first use of a term in a lesson (and only the first).

use super::content_check::{assert_lines, fixtures, kindlab, lines, root};
use kindlab::content::bundle;
use kindlab::content::glossaryfile;
use kindlab::content::markdown::{self, Env};
use kindlab::content::model::{Block, Href, Inline, Lang, ListItem};
use kindlab::content::termlinks;
use std::collections::BTreeMap;

const BROKEN: &[&str] = &[
    // the "before you begin" page links to a lesson that does not exist
    "glossary-broken/glossary.toml:6:5: link to a lesson that does not exist: `missing`",
    // a `lab = true` command the lab's shell refuses
    "glossary-broken/glossary.toml:11:8: `lab = true`, but the lab's shell does not accept `frobnicate now`: bash: frobnicate: command not found",
    // a term without its Chinese definition (at its `zh` table)
    "glossary-broken/glossary.toml:22:1: term `pod` has no Chinese definition",
    // the same anchor twice
    "glossary-broken/glossary.toml:37:6: anchor `taint` is used twice (first at line 26, col 6)",
    // an unknown lesson
    "glossary-broken/glossary.toml:38:10: `lesson = \"nowhere\"` names no lesson in SUMMARY.md",
    // the file out of the English page's order
    "glossary-broken/glossary.toml:45:6: term `node` is out of order: the English page shows it before `taint` (keep the file sorted by the English term)",
    // a heading the lesson does not have, in either language
    "glossary-broken/glossary.toml:46:10: no heading #nodes in the en lesson `one`",
    "glossary-broken/glossary.toml:46:10: no heading #nodes in the zh lesson `one`",
    // twins naming other upstream pages
    "glossary-broken/zh/01-one.md:2:1: front matter: `sources` names other pages than en/01-one.md (the same urls, in the same order)",
];

#[test]
fn a_broken_glossary_fails_with_every_problem_at_its_line() {
    let o = kindlab(&fixtures(), &["check", "glossary-broken"]);
    assert_eq!(o.status.code(), Some(1));
    assert_lines(&lines(&o.stdout), BROKEN);
    // a form no lesson uses is worth knowing, not an error
    assert_eq!(
        lines(&o.stderr),
        vec![
            "notice: glossary-broken/glossary.toml:31:22: term `taint`: the form `taint galore` occurs in no English lesson's text".to_string(),
            format!("kindlab check: glossary-broken: {} problems in 4 files", BROKEN.len()),
        ]
    );
}

/// Every glossary link of some blocks: (term id, its text, its title), in reading order.
fn glossary_links(blocks: &[Block]) -> Vec<(String, String, String)> {
    fn inl(is: &[Inline], out: &mut Vec<(String, String, String)>) {
        for i in is {
            match i {
                Inline::Link {
                    href: Href::Glossary(id),
                    title,
                    content,
                } => out.push((
                    id.clone(),
                    kindlab::content::model::plain_text(content),
                    title.clone(),
                )),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Plain(c) => {
                    inl(c, out)
                }
                _ => {}
            }
        }
    }
    fn blk(bs: &[Block], out: &mut Vec<(String, String, String)>) {
        for b in bs {
            match b {
                Block::Paragraph(i) | Block::Heading { content: i, .. } => inl(i, out),
                Block::List { items, .. } => {
                    for ListItem { blocks, .. } in items {
                        blk(blocks, out)
                    }
                }
                Block::Quote(bs) | Block::Admonition { blocks: bs, .. } => blk(bs, out),
                Block::Table { head, rows, .. } => {
                    for c in head.iter().chain(rows.iter().flatten()) {
                        inl(c, out)
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = vec![];
    blk(blocks, &mut out);
    out
}

const GLOSSARY: &str = r#"
[[terms]]
id = "ingress"
lesson = "one"
en.term = "Ingress"
en.def = "Rules for traffic entering the cluster."
en.match = ["Ingress"]
zh.term = "Ingress"
zh.def = "进入集群的流量规则。"
zh.match = ["Ingress"]

[[terms]]
id = "ingress-controller"
lesson = "one"
en.term = "ingress controller"
en.def = "The proxy that carries out Ingress rules."
en.match = ["ingress controller"]
zh.term = "Ingress 控制器"
zh.def = "执行 Ingress 规则的代理。"
zh.match = ["Ingress 控制器"]

[[terms]]
id = "pv"
lesson = "one"
en.term = "PersistentVolume"
en.def = "A piece of storage."
en.match = ["PV"]
zh.term = "持久卷"
zh.def = "一块存储。"
zh.match = ["持久卷", "PV"]

[[terms]]
id = "taint"
lesson = "one"
en.term = "taint"
en.def = "A mark on a node."
en.match = ["taints", "taint"]
zh.term = "污点"
zh.def = "节点上的标记。"
zh.match = ["污点"]
"#;

fn linked(md: &str, lang: Lang) -> Vec<(String, String, String)> {
    let g = glossaryfile::load(GLOSSARY, &bundle::plain);
    assert!(g.problems.is_empty(), "{:?}", g.problems);
    let no_image = |_: &str| -> Result<String, String> { Err("no images".into()) };
    let env = Env {
        file: "en/01-one.md",
        highlight: &bundle::plain,
        image: &no_image,
    };
    let mut p = markdown::parse_body(&env, md, 0);
    termlinks::link_lesson(&mut p.blocks, lang, &g.glossary, &g.forms);
    glossary_links(&p.blocks)
}

#[test]
fn the_first_use_in_running_text_is_linked_and_later_ones_are_not() {
    let md = "## Taints and the PV {#t}\n\n\
              `kubectl taint nodes` in code, and [a taint](https://example.org/) in a link.\n\n\
              Taints keep pods away; a taint is a mark. Its PVC is not a PV.\n\n\
              - a second taint in a list, another PV\n";
    let got = linked(md, Lang::En);
    // not the heading, the code that holds more than a form, or the link: the paragraph's
    // capitalised "Taints" (a form),
    // and "PV" as a whole word (not inside "PVC"); each once
    assert_eq!(
        got,
        vec![
            (
                "taint".to_string(),
                "Taints".to_string(),
                "A mark on a node.".to_string()
            ),
            ("pv".into(), "PV".into(), "A piece of storage.".into()),
        ]
    );
}

#[test]
fn inline_code_that_is_exactly_a_form_is_linked_around_the_code() {
    let got = linked(
        "Write `PV` here, then `kubectl taint`, then `taint`.\n\n```text\nIngress\n```\n",
        Lang::En,
    );
    assert_eq!(
        got,
        vec![
            ("pv".into(), "PV".into(), "A piece of storage.".into()),
            ("taint".into(), "taint".into(), "A mark on a node.".into()),
        ]
    );
}

#[test]
fn the_longer_form_wins_and_an_all_capital_form_matches_exactly() {
    let got = linked(
        "The ingress controller reads each Ingress; an ingress rule is not one.\n",
        Lang::En,
    );
    let ids: Vec<&str> = got.iter().map(|(id, ..)| id.as_str()).collect();
    assert_eq!(ids, ["ingress-controller", "ingress"]);
    assert_eq!(got[1].1, "Ingress");
}

#[test]
fn chinese_forms_match_inside_chinese_text_with_the_chinese_definition() {
    let got = linked(
        "节点上的污点让 Pod 远离；持久卷（PV）保存数据。再次提到污点。\n",
        Lang::Zh,
    );
    assert_eq!(
        got,
        vec![
            ("taint".into(), "污点".into(), "节点上的标记。".into()),
            ("pv".into(), "持久卷".into(), "一块存储。".into()),
        ]
    );
}

#[test]
fn the_books_glossary_is_complete_in_both_languages_and_every_lesson_links_to_it() {
    let loaded = bundle::load(&root().join("content"), &bundle::plain);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert!(loaded.notices.is_empty(), "{:#?}", loaded.notices);
    let g = &loaded.bundle.glossary;
    assert!(g.terms.len() >= 40, "{} terms", g.terms.len());
    // the terms the issue names are all there
    for id in [
        "hostport",
        "taint",
        "toleration",
        "lease",
        "node-monitor-grace-period",
        "wait-for-first-consumer",
        "csi",
        "storageclass",
        "pv",
        "pvc",
        "reclaim-policy",
        "access-modes",
        "provisioner",
        "kubelet",
        "cordon",
        "drain",
        "nodeport",
        "ingress",
        "ingress-controller",
        "health-check",
        "backend",
        "frontend",
        "kindnet",
        "calico",
        "cri",
        "containerd",
        "crictl",
    ] {
        let t = g.term(id).unwrap_or_else(|| panic!("no term {id}"));
        for lang in Lang::ALL {
            assert!(!t.term.get(lang).trim().is_empty(), "{id} {lang:?}");
            assert!(!t.def.get(lang).trim().is_empty(), "{id} {lang:?}");
        }
    }
    // the Chinese page shows the API name beside a Chinese term
    assert_eq!(g.term("taint").unwrap().shown(Lang::Zh), "污点（taint）");
    assert_eq!(g.term("kubelet").unwrap().shown(Lang::Zh), "kubelet");
    // per lesson and language: at least one glossary link, never two to one term, each
    // titled with that term's definition in the lesson's language
    let mut per_term: BTreeMap<String, usize> = BTreeMap::new();
    for l in &loaded.bundle.lessons {
        let links = glossary_links(&l.blocks);
        assert!(!links.is_empty(), "{} links no term", l.file);
        let mut seen = std::collections::BTreeSet::new();
        for (id, text, title) in links {
            assert!(seen.insert(id.clone()), "{}: `{id}` linked twice", l.file);
            assert_eq!(&title, g.term(&id).unwrap().def.get(l.lang), "{id}");
            assert!(!text.is_empty());
            *per_term.entry(id).or_default() += 1;
        }
        // the lesson names its sources (further reading)
        assert!(!l.sources.is_empty(), "{} has no sources", l.file);
    }
    // the lesson on the kubelet links its first use once, and uses the word again unlinked
    for lang in Lang::ALL {
        let l = loaded.bundle.lesson("kubelet-failure", lang).unwrap();
        let links = glossary_links(&l.blocks);
        assert_eq!(links.iter().filter(|(id, ..)| id == "kubelet").count(), 1);
        let text: String = l.sections.iter().map(|s| s.text.as_str()).collect();
        assert!(text.matches("kubelet").count() > 5, "{lang:?}");
    }
    // most terms are linked from some lesson (the others have no form to match: cordon and
    // drain are the lab's, not the lessons')
    assert!(per_term.len() * 10 >= g.terms.len() * 8, "{per_term:?}");
    for id in [
        "hostport",
        "wait-for-first-consumer",
        "taint",
        "lease",
        "csi",
        "kubelet",
    ] {
        assert!(per_term.contains_key(id), "{id} is linked from no lesson");
    }
    // the commands the lab accepts offer "try in the lab" with that command
    let lab: Vec<_> = g
        .commands
        .iter()
        .filter(|c| !c.sample.commands.is_empty())
        .collect();
    assert!(lab.len() >= 10);
    for c in &lab {
        assert_eq!(c.sample.commands, c.line);
        assert!(c.sample.text.starts_with(&format!("$ {}", c.line)));
    }
    assert_eq!(
        loaded.lab_commands.len(),
        lab.len(),
        "the checker runs each of them"
    );
}
