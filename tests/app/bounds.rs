//! The app's parsers answer a 1 MB adversarial input (deep nesting, one long line, huge
//! counts) with a result or a clear error, and soon: imported or saved progress, settings, the
//! lab's saved state, the search box, a typed answer, a lesson's Markdown, a quiz file. The
//! simulator's parsers are `tests/sim/bounds.rs`'s.
//!
//! Each test holds a ceiling far above the figures (a debug build on a loaded machine): what
//! it catches is an answer that never comes or comes quadratically late, not a slow machine.
//! The saved lab is also bounded in what replaying it costs: its steps, its commands' bytes
//! and, through the simulator's clock horizon, its waits.

use kindlab::content::{self, model::QuestionKind, Lang};
use kindlab::lab::{Lab, LabDoc, Step, MAX_INPUT_BYTES, MAX_STEPS};
use kindlab::quiz::{is_correct, Response, Shown};
use kindlab::store::{self, progress, Backend, MemoryBackend, Settings};
use kindlab_content::markdown::{parse_body, Env};
use std::time::Duration;

const MB: usize = 1 << 20;
/// Far above what any of these takes; see the module's docs.
const CEILING: Duration = Duration::from_secs(30);

/// Runs `f` and fails if it took the ceiling or more (see [`kindlab_testkit::bounds`]).
fn answered<T>(what: &str, f: impl FnOnce() -> T) -> T {
    kindlab_testkit::bounds::answered(what, CEILING, f)
}

/// 1 MB of `open` then as many `close`.
fn nested(open: &str, close: &str) -> String {
    let n = MB / 2 / open.len();
    format!("{}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn progress_of_a_megabyte_is_answered() {
    for (what, text) in [
        ("progress, 1 MB of '['", nested("[", "]")),
        ("progress, 1 MB of '{\"a\":'", nested("{\"a\":", "}")),
        ("progress, a 1 MB string", format!("\"{}\"", "x".repeat(MB))),
    ] {
        let r = answered(what, || progress::parse(&text));
        assert!(r.is_err(), "{what}");
    }
    // a record of many answers: read whole, as fast
    let one = r#"{"quiz":"q","question":"q1","correct":true,"at":1}"#;
    let n = MB / (one.len() + 1);
    let answers = vec![one; n].join(",");
    let text = format!(r#"{{"schema":1,"answers":[{answers}]}}"#);
    let r = answered("progress, 1 MB of answers", || progress::parse(&text));
    // either read (and trimmed to its history limit) or refused with a reason: never a hang
    if let Err(e) = &r {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn settings_of_a_megabyte_are_answered_and_kept_aside() {
    let b = MemoryBackend::default();
    b.write("settings", &nested("[", "]")).unwrap();
    let (s, problem): (Settings, _) =
        answered("settings, 1 MB of '['", || store::load(&b, "settings"));
    assert_eq!(s, Settings::default());
    let problem = problem.expect("a message");
    assert!(problem.detail.contains("line 1"), "{}", problem.detail);
    assert_eq!(b.read(&problem.backup).map(|t| t.len()), Some(MB));
}

#[test]
fn a_saved_lab_of_a_megabyte_is_answered() {
    let b = MemoryBackend::default();
    for (what, text) in [
        ("lab, 1 MB of '['", nested("[", "]")),
        ("lab, 1 MB of steps nested", {
            let n = MB / 16;
            format!(
                r#"{{"schema":1,"seed":1,"steps":{}{}}}"#,
                "[".repeat(n),
                "]".repeat(n)
            )
        }),
    ] {
        b.write("lab", &text).unwrap();
        let (doc, problem): (LabDoc, _) = answered(what, || store::load(&b, "lab"));
        assert!(problem.is_some(), "{what}");
        assert_eq!(doc, LabDoc::default());
    }
}

/// A saved lab whose steps are `steps`, as JSON.
fn lab_json(steps: &[Step]) -> String {
    let doc = LabDoc {
        steps: steps.to_vec(),
        ..LabDoc::default()
    };
    serde_json::to_string(&doc).unwrap()
}

#[test]
fn a_saved_lab_too_long_to_replay_is_refused_as_it_is_read() {
    let b = MemoryBackend::default();
    // more steps than a lab records
    let many = vec![Step::Run("kubectl get nodes".into()); MAX_STEPS + 1];
    b.write("lab", &lab_json(&many)).unwrap();
    let (doc, problem): (LabDoc, _) = answered("lab, 5001 steps", || store::load(&b, "lab"));
    let problem = problem.expect("refused");
    assert!(
        problem
            .detail
            .contains("5001 steps; kindlab replays at most 5000"),
        "{}",
        problem.detail
    );
    assert!(
        problem.detail.contains("line 1, column"),
        "{}",
        problem.detail
    );
    assert!(doc.steps.is_empty());
    // a command longer than the lab takes
    let long = vec![Step::Run("x".repeat(MAX_INPUT_BYTES + 1))];
    b.write("lab", &lab_json(&long)).unwrap();
    let (_, problem): (LabDoc, _) = store::load(&b, "lab");
    let detail = problem.expect("refused").detail;
    assert!(detail.contains("step 1 is a command of 65 KB"), "{detail}");
    // commands adding up past a megabyte
    let big = vec![Step::Run("y".repeat(MAX_INPUT_BYTES - 10)); 20];
    b.write("lab", &lab_json(&big)).unwrap();
    let (_, problem): (LabDoc, _) = store::load(&b, "lab");
    let detail = problem.expect("refused").detail;
    assert!(
        detail.contains("kindlab replays at most 1024 KB"),
        "{detail}"
    );
}

#[test]
fn a_saved_lab_of_a_thousand_year_long_waits_replays_up_to_the_clocks_horizon() {
    let waits: Vec<Step> = (0..1000)
        .flat_map(|_| [Step::Wait(365 * 86_400_000), Step::Run("true".into())])
        .collect();
    let b = MemoryBackend::default();
    b.write("lab", &lab_json(&waits)).unwrap();
    let (doc, problem): (LabDoc, _) = store::load(&b, "lab");
    assert!(problem.is_none());
    let lab = answered("lab, 1000 one-year waits", || Lab::replay(doc));
    assert_eq!(lab.session.now(), kindlab::sim::time::HORIZON);
}

#[test]
fn the_lab_refuses_a_step_past_its_limit_with_a_message() {
    let mut lab = Lab::new(kindlab::sim::DEFAULT_SEED);
    lab.doc.steps = vec![Step::Run("true".into()); MAX_STEPS - 1];
    let e = lab.run("kubectl get nodes");
    assert!(!e.ok);
    assert!(
        e.output.contains("this lab has taken 4999 steps") && e.output.contains("reset the lab"),
        "{}",
        e.output
    );
    assert_eq!(lab.doc.steps.len(), MAX_STEPS - 1, "not recorded");
    // what the lab saves is what it reads back
    let text = serde_json::to_string(&lab.doc).unwrap();
    let b = MemoryBackend::default();
    b.write("lab", &text).unwrap();
    let (_, problem): (LabDoc, _) = store::load(&b, "lab");
    assert!(problem.is_none());
}

#[test]
fn a_megabyte_search_query_is_answered() {
    let b = content::bundle();
    for (what, q) in [
        ("search, 1 MB of one word", "kubelet".repeat(MB / 7)),
        ("search, 1 MB of words", "node ".repeat(MB / 5)),
        ("search, 1 MB of Chinese", "节点".repeat(MB / 6)),
    ] {
        for lang in [Lang::En, Lang::Zh] {
            let hits = answered(what, || b.search(lang, &q, 20));
            assert!(hits.len() <= 20);
        }
    }
}

#[test]
fn a_megabyte_typed_answer_is_answered() {
    let t = format!("{} {}", "a ".repeat(MB / 4), "ß".repeat(MB / 4));
    let mut asked = 0;
    answered("typed answer, 1 MB against every short question", || {
        for quiz in &content::bundle().quizzes {
            for q in &quiz.questions {
                if matches!(q.kind, QuestionKind::Short(_)) {
                    let shown = Shown {
                        question: q.id.clone(),
                        options: vec![],
                    };
                    assert!(!is_correct(q, &shown, &Response::Text(t.clone())));
                    asked += 1;
                }
            }
        }
    });
    assert!(asked > 0, "the chapter has short-answer questions");
}

#[test]
fn a_megabyte_lesson_is_answered() {
    let highlight = kindlab_content::bundle::plain;
    let image = |_: &str| -> Result<String, String> { Err("no images".into()) };
    let env = Env {
        file: "en/99-huge.md",
        highlight: &highlight,
        image: &image,
    };
    for (what, body) in [
        (
            "lesson, 1 MB of '>'",
            format!("{}text\n", "> ".repeat(MB / 2)),
        ),
        (
            "lesson, 1 MB of '- '",
            format!("{}item\n", "- ".repeat(MB / 2)),
        ),
        ("lesson, 1 MB of '['", "[".repeat(MB)),
        ("lesson, 1 MB of '*a'", "*a".repeat(MB / 2)),
        ("lesson, 1 MB of one line", "word ".repeat(MB / 5)),
        ("lesson, 1 MB of '<div>'", "<div>".repeat(MB / 5)),
    ] {
        let parsed = answered(what, || parse_body(&env, &body, 0));
        drop(parsed);
    }
}

#[test]
fn a_megabyte_quiz_file_is_answered() {
    let highlight = kindlab_content::bundle::plain;
    let image = |_: &str| -> Result<String, String> { Err("no images".into()) };
    let env = Env {
        file: "quizzes/huge.toml",
        highlight: &highlight,
        image: &image,
    };
    for (what, text) in [
        ("quiz, 1 MB of '['", format!("a = {}", nested("[", "]"))),
        ("quiz, 1 MB of '{a='", format!("a = {}", nested("{a=", "}"))),
        ("quiz, 1 MB of tables", "[[questions]]\n".repeat(MB / 14)),
        ("quiz, a 1 MB prompt", {
            format!(
                "[[questions]]\ntype = \"ShortAnswer\"\nprompt.prompt = \"{}\"\nanswer.answer = \"x\"\n",
                "p".repeat(MB)
            )
        }),
    ] {
        let loaded = answered(what, || {
            kindlab_content::quizfile::load(&env, "huge", &text)
        });
        // a broken file says where
        if !loaded.problems.is_empty() {
            assert!(loaded.problems[0].line >= 1, "{what}");
        }
    }
}
