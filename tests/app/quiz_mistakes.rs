//! Typed answers' common wrong answers (`[[questions.mistakes]]`): loaded in both languages,
//! matched as accepted answers are (trimmed, blanks collapsed, any case), found by the quiz
//! layer for the answer the learner typed, refused by the checker when they contradict the
//! answer; and a plain mdbook-quiz file (no Chinese at all) loads as an English-only quiz.

use kindlab::content::markdown::Env;
use kindlab::content::model::*;
use kindlab::content::quizfile::{self, Loaded};
use kindlab::quiz::{self, is_correct, Response, Shown};
use std::path::PathBuf;

fn refuse(p: &str) -> Result<String, String> {
    Err(format!("no images in quizzes: {p}"))
}

fn fixture(name: &str) -> Loaded {
    let path = format!("tests/fixtures/mdbook-quiz/{name}.toml");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"));
    let text = std::fs::read_to_string(root.join(&path)).unwrap();
    let env = Env {
        file: &path,
        highlight: &kindlab::content::bundle::plain,
        image: &refuse,
    };
    quizfile::load(&env, name, &text)
}

fn msgs(ps: &[kindlab::content::diag::Problem]) -> Vec<String> {
    ps.iter().map(|p| p.to_string()).collect()
}

/// Plain text of rich text (paragraphs joined by a space).
fn text(r: &Rich) -> String {
    r.iter()
        .map(|b| match b {
            Block::Paragraph(i) => plain_text(i),
            other => format!("{other:?}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn short(q: &Question) -> &Short {
    match &q.kind {
        QuestionKind::Short(s) => s,
        other => panic!("{}: not a typed answer: {other:?}", q.id),
    }
}

fn typed(t: &str) -> Response {
    Response::Text(t.to_string())
}

#[test]
fn common_wrong_answers_load_in_both_languages() {
    let l = fixture("mistakes");
    assert!(l.problems.is_empty(), "{:#?}", msgs(&l.problems));
    assert!(l.untranslated.is_empty(), "{:#?}", msgs(&l.untranslated));
    assert!(!l.quiz.english_only);
    let q = &l.quiz.questions;
    let s = short(&q[0]);
    let typed: Vec<&Vec<String>> = s.mistakes.iter().map(|m| &m.typed).collect();
    assert_eq!(
        typed,
        vec![
            &vec![
                "systemctl start kubelet".to_string(),
                "sudo systemctl start kubelet".to_string()
            ],
            // one string, and a Chinese spelling beside it
            &vec![
                "docker start cluster01-worker2".to_string(),
                "启动节点容器".to_string()
            ],
        ]
    );
    let why = &s.mistakes[0].why;
    assert_eq!(
        text(&why.en),
        "That runs on the host, not in the node container."
    );
    assert_eq!(text(&why.zh), "这条命令在主机上执行，而不是在节点容器里。");
    // Markdown, as every other text of a quiz
    assert!(format!("{:?}", why.en).contains("Strong"));
    // the inline form of the same key
    let inline = short(&q[1]);
    assert_eq!(inline.mistakes.len(), 1);
    assert_eq!(inline.mistakes[0].typed, vec!["50", "50 s"]);
    assert_eq!(text(&inline.mistakes[0].why.zh), "那是 1.32 的值。");
}

#[test]
fn the_quiz_finds_the_mistake_the_learner_typed() {
    let l = fixture("mistakes");
    let q = &l.quiz.questions[0];
    let shown = Shown {
        question: q.id.clone(),
        options: vec![],
    };
    let m = |t: &str| quiz::mistake(q, &typed(t)).map(|m| text(&m.why.en));
    // normalised as accepted answers are: trimmed, blanks collapsed, any case
    for t in [
        "systemctl start kubelet",
        "  SystemCtl   start   kubelet ",
        "sudo systemctl start kubelet",
    ] {
        assert_eq!(
            m(t).as_deref(),
            Some("That runs on the host, not in the node container."),
            "{t:?}"
        );
        assert!(!is_correct(q, &shown, &typed(t)), "{t:?} is wrong");
    }
    // a Chinese spelling finds its mistake too
    assert_eq!(
        m("启动节点容器").as_deref(),
        Some("The container never stopped; only the kubelet did.")
    );
    // the right answer, an unforeseen wrong one and nothing at all have no mistake
    assert!(is_correct(
        q,
        &shown,
        &typed("docker exec cluster01-worker2 systemctl start kubelet")
    ));
    for t in [
        "docker exec cluster01-worker2 systemctl start kubelet",
        "reboot",
        "   ",
        "systemctl",
    ] {
        assert_eq!(m(t), None, "{t:?}");
    }
    // a choice never has one
    assert!(quiz::mistake(q, &Response::Choice(vec![0])).is_none());
}

#[test]
fn the_checker_refuses_mistakes_that_contradict_the_answer() {
    let l = fixture("mistakes-broken");
    let f = "tests/fixtures/mdbook-quiz/mistakes-broken.toml";
    assert_eq!(
        msgs(&l.problems),
        vec![
            format!("{f}:12:10: question `accepted`: the mistake \"Port  80\" is an accepted answer"),
            format!("{f}:17:10: question `accepted`: the mistake \"443\" is listed twice"),
            format!("{f}:20:1: question `accepted`: a mistake has no `why`"),
            format!("{f}:33:1: question `choice`: `mistakes` is for ShortAnswer questions (a MultipleChoice explains its distractors in `explain.distractors`)"),
        ]
    );
    assert_eq!(
        msgs(&l.untranslated),
        vec![format!(
            "{f}:9:1: question `accepted`: the mistake \"443\" has no Chinese `zh.why`"
        )]
    );
    // what was valid of the question is kept: "443" once, with its explanation
    let s = short(&l.quiz.questions[0]);
    assert_eq!(s.mistakes.len(), 2);
    assert_eq!(s.mistakes[0].typed, vec!["443"]);
    assert!(s.mistakes[1].typed.is_empty());
}

#[test]
fn a_plain_mdbook_quiz_file_is_an_english_only_quiz() {
    let plain = fixture("variables");
    assert!(plain.quiz.english_only, "no Chinese anywhere: English only");
    assert!(plain.problems.is_empty(), "{:#?}", msgs(&plain.problems));
    // shown in English on both sides
    for q in &plain.quiz.questions {
        assert_eq!(q.prompt.en, q.prompt.zh, "{}", q.id);
        assert_eq!(q.context.en, q.context.zh, "{}", q.id);
    }
    // one Chinese string makes it a kindlab file, which must then be complete
    for name in ["bilingual", "mistakes", "mistakes-broken"] {
        assert!(!fixture(name).quiz.english_only, "{name}");
    }
}
