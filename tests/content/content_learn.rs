//! Checkpoints and predictions in lessons (issue 19): the widgets are parsed into the model,
//! and `kindlab check` reports, at their file:line, a checkpoint naming no question, twins that
//! disagree, a prediction whose command the simulator refuses, an unknown rule, and a block
//! none of whose choices is what the simulator shows. The book's lessons have both widgets in
//! every lesson, the same in both languages.

use super::content_check::{kindlab, lines, tempdir};
use kindlab::content::model::{Block, Widget};
use kindlab::content::Lang;

const FRONT_EN: &str =
    "---\ntitle: Learn\nsummary: Checkpoints.\nminutes: 3\nobjectives:\n  - Learn.\n---\n\n";
const FRONT_ZH: &str =
    "---\ntitle: 学习\nsummary: 随堂检查。\nminutes: 3\nobjectives:\n  - 学习。\n---\n\n";

const QUIZ: &str = r#"title = "Learn"
zh.title = "学习"

[[questions]]
id = "learn-q"
type = "ShortAnswer"
topic = "kind"
lesson = "learn"
prompt.prompt = "Which process posts a node's status?"
answer.answer = "kubelet"
context = "The kubelet."
zh.prompt = "哪个进程上报节点状态？"
zh.context = "kubelet。"
"#;

/// A prediction block with `choices` and `run` lines, observing with `rule`.
fn predict(id: &str, choices: &[&str], run: &[&str], rule: &str) -> String {
    let mut b = format!("```kindlab-predict {id}\nask: Which servers are UP?\n");
    for c in choices {
        b.push_str(&format!("choice {c}: {c}\n"));
    }
    for r in run {
        b.push_str(&format!("run: {r}\n"));
    }
    b.push_str(&format!("observe: {rule}\nexplain: Because.\n```\n"));
    b
}

/// A folder with one lesson (`en` and `zh` bodies) and the quiz above; `kindlab check .`'s
/// output lines and exit code.
fn check(name: &str, en: &str, zh: &str) -> (Vec<String>, Option<i32>) {
    let dir = tempdir(&format!("learn-{name}"));
    for (lang, front, body) in [("en", FRONT_EN, en), ("zh", FRONT_ZH, zh)] {
        std::fs::create_dir_all(dir.join(lang)).unwrap();
        std::fs::write(dir.join(lang).join("01-learn.md"), format!("{front}{body}")).unwrap();
    }
    std::fs::create_dir_all(dir.join("quizzes")).unwrap();
    std::fs::write(dir.join("quizzes/learn.toml"), QUIZ).unwrap();
    std::fs::write(
        dir.join("SUMMARY.md"),
        "# Summary\n\n1. [Learn](01-learn.md)\n",
    )
    .unwrap();
    let o = kindlab(&dir, &["check", "."]);
    let _ = std::fs::remove_dir_all(&dir);
    (lines(&o.stdout), o.status.code())
}

#[test]
fn good_widgets_pass() {
    let body = format!(
        "## One {{#one}}\n\nText.\n\n```kindlab-checkpoint\nlearn-q\n```\n\n{}",
        predict(
            "first",
            &["worker2", "worker,worker2,worker3", "-"],
            &["sleep 10s"],
            "up-servers ingress_http"
        )
    );
    let (out, code) = check("good", &body, &body);
    assert_eq!(code, Some(0), "{out:#?}");
    assert_eq!(
        out,
        vec!["kindlab check: .: 2 lessons, 1 quizzes (1 questions), 4 files: no problems"]
    );
}

#[test]
fn unknown_ids_mismatched_twins_and_bad_commands_are_reported_at_file_line() {
    // line 9 is the first line of the body (after 7 lines of front matter and a blank line)
    let en = format!(
        "## One {{#one}}\n\n```kindlab-checkpoint\nlearn-q no-such-q\n```\n\n{}\n{}\n{}",
        // line 15: a command the simulator refuses, on the block's sixth line (20)
        predict(
            "bad-cmd",
            &["1", "2"],
            &["sleep 10s", "kubectl frobnicate"],
            "pv-count"
        ),
        // line 25: an unknown rule
        predict("bad-rule", &["1", "2"], &["sleep 10s"], "count-sheep"),
        // line 34: the simulator shows `worker2`, which no choice stands for
        predict(
            "no-choice",
            &["worker", "worker3"],
            &["sleep 10s"],
            "up-servers ingress_http"
        ),
    );
    // the Chinese twin lacks the checkpoint's second id and the last prediction
    let zh = format!(
        "## 一 {{#one}}\n\n```kindlab-checkpoint\nlearn-q\n```\n\n{}\n{}",
        predict(
            "bad-cmd",
            &["1", "2"],
            &["sleep 10s", "kubectl frobnicate"],
            "pv-count"
        ),
        predict("bad-rule", &["1", "2"], &["sleep 10s"], "count-sheep"),
    );
    let (out, code) = check("bad", &en, &zh);
    assert_eq!(code, Some(1), "{out:#?}");
    let want = [
        "./en/01-learn.md:11:1: kindlab-checkpoint: no question `no-such-q` in quizzes/*.toml",
        "./en/01-learn.md:20:1: kindlab-predict `bad-cmd`: the simulator does not accept `kubectl frobnicate`:",
        "./en/01-learn.md:25:1: kindlab-predict `bad-rule`: `count-sheep` is not a rule",
        "./en/01-learn.md:34:1: kindlab-predict `no-choice`: the simulator shows `worker2`, which no choice stands for",
        "./en/01-learn.md:34:1: this predict no-choice",
        "./zh/01-learn.md:11:1: this checkpoint learn-q differs from its English twin's checkpoint learn-q no-such-q",
        "./zh/01-learn.md:20:1: kindlab-predict `bad-cmd`: the simulator does not accept `kubectl frobnicate`:",
        "./zh/01-learn.md:25:1: kindlab-predict `bad-rule`: `count-sheep` is not a rule",
    ];
    for w in want {
        assert!(
            out.iter().any(|l| l.starts_with(w)),
            "no line starting with {w:?} in {out:#?}"
        );
    }
    // one line per offence
    assert_eq!(out.len(), want.len(), "{out:#?}");
}

#[test]
fn a_malformed_block_is_reported_at_its_lines() {
    let body = "## One {#one}\n\n```kindlab-predict\nask: What?\nchoice only: One\nbogus line\nobserve: pv-count\n```\n\n```kindlab-checkpoint\n```\n";
    let (out, code) = check("malformed", body, body);
    assert_eq!(code, Some(1), "{out:#?}");
    for lang in ["en", "zh"] {
        for w in [
            format!("./{lang}/01-learn.md:11:1: kindlab-predict: the block needs an id"),
            format!("./{lang}/01-learn.md:11:1: kindlab-predict: the block needs explain:"),
            format!("./{lang}/01-learn.md:11:1: kindlab-predict: the block needs two or more"),
            format!("./{lang}/01-learn.md:14:1: kindlab-predict: every line starts with a key"),
            format!("./{lang}/01-learn.md:18:1: a kindlab-checkpoint block names one or two question ids"),
        ] {
            assert!(
                out.iter().any(|l| l.starts_with(&w)),
                "no line starting with {w:?} in {out:#?}"
            );
        }
    }
    // an incomplete block is not run on the simulator as well
    assert_eq!(out.len(), 10, "{out:#?}");
}

/// The learning widgets of a lesson, in order.
fn learning_widgets(blocks: &[Block]) -> Vec<&Widget> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Widget(w @ (Widget::Checkpoint { .. } | Widget::Predict(_))) => Some(w),
            _ => None,
        })
        .collect()
}

#[test]
fn every_lesson_has_checkpoints_and_a_prediction_in_both_languages() {
    let b = kindlab::content::builtin();
    assert!(!b.order.is_empty());
    for slug in &b.order {
        let en = b.lesson(slug, Lang::En).unwrap();
        let zh = b.lesson(slug, Lang::Zh).unwrap();
        let (we, wz) = (learning_widgets(&en.blocks), learning_widgets(&zh.blocks));
        let checkpoints = we
            .iter()
            .filter(|w| matches!(w, Widget::Checkpoint { .. }))
            .count();
        let predictions: Vec<_> = we
            .iter()
            .filter_map(|w| match w {
                Widget::Predict(p) => Some(p),
                _ => None,
            })
            .collect();
        assert!(
            (1..=3).contains(&checkpoints),
            "{slug}: {checkpoints} checkpoints"
        );
        assert!(!predictions.is_empty(), "{slug}: no prediction");
        // the same blocks at the same places, each language with its own words
        assert_eq!(we.len(), wz.len(), "{slug}");
        for (a, z) in we.iter().zip(&wz) {
            match (a, z) {
                (Widget::Checkpoint { questions: x }, Widget::Checkpoint { questions: y }) => {
                    assert_eq!(x, y, "{slug}")
                }
                (Widget::Predict(x), Widget::Predict(y)) => {
                    assert_eq!((&x.id, &x.run, &x.observe), (&y.id, &y.run, &y.observe));
                    assert_ne!(x.ask, y.ask, "{slug}/{}: the same question text", x.id);
                }
                _ => panic!("{slug}: the twins' widgets differ in kind"),
            }
        }
        let last_checkpoint = en
            .blocks
            .iter()
            .rposition(|b| matches!(b, Block::Widget(Widget::Checkpoint { .. })))
            .unwrap();
        assert!(
            last_checkpoint + 3 < en.blocks.len(),
            "{slug}: the checkpoints are only at the end"
        );
    }
    // the observation is never in the compiled text: it is computed (desktop) or pre-rendered
    assert!(b.lessons.iter().all(|l| learning_widgets(&l.blocks)
        .iter()
        .all(|w| !matches!(w, Widget::Predict(p) if p.observed.is_some()))));
}
