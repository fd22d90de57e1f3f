//! Quiz files: mdbook-quiz's format (tests/fixtures/mdbook-quiz/) loads into the model; option
//! order, scoring and runs (practice, exam, retry the missed ones) work on what was loaded; the
//! chapter's own quiz keeps the book's questions, order and answer key in both languages.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::content::bundle::MISTRANSLATIONS;
use kindlab::content::markdown::Env;
use kindlab::content::model::*;
use kindlab::content::quizfile::{self, Loaded};
use kindlab::quiz::{is_correct, option_order, Mode, OptKey, Response, Run, Shown};
use std::path::PathBuf;

fn plain(lang: &str, code: &str) -> Vec<Vec<Span>> {
    kindlab::content::bundle::plain(lang, code)
}

fn refuse(p: &str) -> Result<String, String> {
    Err(format!("no images in quizzes: {p}"))
}

fn load_file(path: &str, id: &str) -> Loaded {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"));
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    let env = Env {
        file: path,
        highlight: &plain,
        image: &refuse,
    };
    quizfile::load(&env, id, &text)
}

fn fixture(name: &str) -> Loaded {
    load_file(&format!("tests/fixtures/mdbook-quiz/{name}.toml"), name)
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

fn choice(q: &Question) -> &Choice {
    match &q.kind {
        QuestionKind::Choice(c) => c,
        other => panic!("{}: not multiple choice: {other:?}", q.id),
    }
}

fn short(q: &Question) -> &Short {
    match &q.kind {
        QuestionKind::Short(s) => s,
        other => panic!("{}: not a short answer: {other:?}", q.id),
    }
}

/// The options of `q` in `order`, as their text in `lang`.
fn shown_texts(q: &Question, order: &[OptKey], lang: Lang) -> Vec<String> {
    let c = choice(q);
    order
        .iter()
        .map(|k| {
            let o = if k.answer {
                &c.answers[k.index]
            } else {
                &c.distractors[k.index]
            };
            text(o.text.get(lang))
        })
        .collect()
}

fn shown(q: &Question, seed: u64) -> Shown {
    Shown {
        question: q.id.clone(),
        options: option_order(q, seed),
    }
}

/// Positions of the right options in a shown order.
fn right_positions(s: &Shown) -> Vec<usize> {
    s.options
        .iter()
        .enumerate()
        .filter(|(_, k)| k.answer)
        .map(|(i, _)| i)
        .collect()
}

fn wrong_positions(s: &Shown) -> Vec<usize> {
    s.options
        .iter()
        .enumerate()
        .filter(|(_, k)| !k.answer)
        .map(|(i, _)| i)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// loading

#[test]
fn a_plain_mdbook_quiz_file_loads_into_the_model() {
    let l = fixture("variables");
    assert!(l.problems.is_empty(), "{:#?}", msgs(&l.problems));
    let q = &l.quiz;
    assert_eq!(q.id, "variables");
    assert_eq!(q.file, "tests/fixtures/mdbook-quiz/variables.toml");
    // no title: the id in both languages
    assert_eq!(
        (q.title.en.as_str(), q.title.zh.as_str()),
        ("variables", "variables")
    );
    // ids: the file's, or `<file>-<n>` by place in the file (the skipped Tracing one is 3)
    let ids: Vec<&str> = q.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "variables-1",
            "b230bed3-d6ba-4048-8b06-aa655d837b04",
            "variables-4",
            "fruit",
            "variables-6",
            "variables-7"
        ]
    );
    // no kindlab keys: the general topic, no lesson; English shown in Chinese too
    for question in &q.questions {
        assert_eq!(question.topic, "general");
        assert_eq!(question.lesson, None);
        assert_eq!(question.prompt.en, question.prompt.zh, "{}", question.id);
    }
    // lines point at each question's `type`
    let lines: Vec<u32> = q.questions.iter().map(|q| q.line).collect();
    assert_eq!(lines, vec![4, 11, 34, 41, 48, 55]);

    // a short answer, with its context
    let s = short(&q.questions[0]);
    assert_eq!(s.answer.en, "let");
    assert_eq!(s.accepted, vec!["let"]);
    assert_eq!(
        text(&q.questions[0].prompt.en),
        "What is the keyword for declaring a variable in Rust?"
    );
    assert_eq!(
        text(&q.questions[0].context.en),
        "For example, you can write: let x = 1"
    );
    assert!(
        matches!(&q.questions[0].context.en[0], Block::Paragraph(i) if i.contains(&Inline::Code("let x = 1".into())))
    );

    // an array of one answer is a "multiple" question (check boxes), as in mdbook-quiz
    let c = choice(&q.questions[1]);
    assert_eq!(c.answers.len(), 1);
    assert_eq!(c.answers[0].key, "2");
    let d: Vec<&str> = c.distractors.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(d, vec!["1", "3", "**infinity**"]);
    assert!(
        matches!(&c.distractors[2].text.en[0], Block::Paragraph(i) if i == &vec![Inline::Strong(vec![Inline::Text("infinity".into())])])
    );
    assert!(c.multiple);
    assert_eq!((c.answer_index, c.sort), (None, false));
    assert_eq!(
        text(&q.questions[1].context.en),
        "Consult your local mathematician for details."
    );

    // several answers
    let c = choice(&q.questions[2]);
    assert!(c.multiple);
    let a: Vec<&str> = c.answers.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(
        a,
        vec![
            "`PersistentVolume`",
            "`PersistentVolumeClaim`",
            "`StorageClass`"
        ]
    );
    assert_eq!(c.distractors.len(), 2);

    // one answer as a string: radio buttons; sorted; fixed order
    let c = choice(&q.questions[3]);
    assert!(!c.multiple && c.sort && c.answer_index.is_none());
    let c = choice(&q.questions[4]);
    assert!(!c.multiple && !c.sort);
    assert_eq!(c.answer_index, Some(2));

    // a short answer with alternatives, all normalised
    let s = short(&q.questions[5]);
    assert_eq!(
        s.accepted,
        vec!["kubelet", "the kubelet", "kubelet.service"]
    );
}

#[test]
fn a_tracing_question_is_skipped_with_a_notice_naming_the_file_and_question() {
    let l = fixture("variables");
    let want = "tests/fixtures/mdbook-quiz/variables.toml:20:8: question `variables-3` is of type Tracing, which kindlab does not run; skipped";
    assert_eq!(l.notices, vec![want.to_string()]);
    assert_eq!(l.quiz.skipped, vec![want.to_string()]);
    assert!(!l.quiz.questions.iter().any(|q| q.id == "variables-3"));
    // a notice, not a problem
    assert!(!msgs(&l.problems).iter().any(|m| m.contains("Tracing")));
    assert!(!msgs(&l.untranslated)
        .iter()
        .any(|m| m.contains("variables-3")));
}

#[test]
fn a_plain_mdbook_quiz_file_has_only_untranslated_problems() {
    let l = fixture("variables");
    assert!(l.problems.is_empty(), "{:#?}", msgs(&l.problems));
    let u = msgs(&l.untranslated);
    assert!(!u.is_empty());
    for m in &u {
        assert!(m.contains("has no Chinese `zh."), "{m}");
    }
    // every English string without its twin is named: the prompts, contexts, answers and
    // distractors of each question
    for want in [
        "question `variables-1` has no Chinese `zh.prompt`",
        "question `variables-1` has no Chinese `zh.context`",
        "question `fruit` has no Chinese `zh.distractors`",
        "question `fruit` has no Chinese `zh.answer`",
        "question `variables-7` has no Chinese `zh.prompt`",
    ] {
        assert!(u.iter().any(|m| m.ends_with(want)), "{want} not in {u:#?}");
    }
    // and the bilingual file has none
    let b = fixture("bilingual");
    assert!(b.problems.is_empty(), "{:#?}", msgs(&b.problems));
    assert!(b.untranslated.is_empty(), "{:#?}", msgs(&b.untranslated));
    assert!(b.notices.is_empty());
    assert_eq!(
        (b.quiz.title.en.as_str(), b.quiz.title.zh.as_str()),
        ("The kubelet", "kubelet")
    );
    let lessons: Vec<&str> = b.lessons.iter().map(|(s, _, _)| s.as_str()).collect();
    assert_eq!(
        lessons,
        vec!["kubelet-failure", "kubelet-failure", "storage"]
    );
}

#[test]
fn kindlab_keys_fill_both_languages() {
    let b = fixture("bilingual");
    let q = &b.quiz.questions;
    assert_eq!(q[0].topic, "kubelet-failure");
    assert_eq!(q[0].lesson.as_deref(), Some("kubelet-failure"));
    assert_eq!(
        text(&q[0].prompt.zh),
        "节点上哪个代理程序向 API 服务器报告节点状态？"
    );
    let s = short(&q[0]);
    // shown after answering: the English answer in both languages (no zh.answer)
    assert_eq!(
        (s.answer.en.as_str(), s.answer.zh.as_str()),
        ("kubelet", "kubelet")
    );
    let c = choice(&q[1]);
    assert_eq!(text(&c.answers[0].text.zh), "继续运行");
    assert_eq!(text(&c.distractors[1].text.zh), "被 kubelet 重新启动");
    assert_eq!(
        text(&c.distractors[0].why.en),
        "The containers run under containerd, not under the kubelet."
    );
    assert_eq!(
        text(&c.distractors[0].why.zh),
        "容器由 containerd 运行，不归 kubelet 管。"
    );
    assert!(c.answers[0].why.en.is_empty());
}

// ---------------------------------------------------------------------------------------------
// option order

#[test]
fn answer_index_fixes_the_order_and_sort_answers_sorts() {
    let l = fixture("variables");
    let q = &l.quiz.questions;
    // answerIndex = 2: the distractors as written, the answer third, whatever the seed
    for seed in [0, 1, 42, u64::MAX] {
        assert_eq!(
            shown_texts(&q[4], &option_order(&q[4], seed), Lang::En),
            vec!["A", "B", "C", "D"]
        );
        assert_eq!(
            shown_texts(&q[3], &option_order(&q[3], seed), Lang::En),
            vec!["apple", "banana", "cherry", "mango", "zucchini"]
        );
    }
}

#[test]
fn answers_given_as_an_array_are_placed_at_answer_index_as_mdbook_quiz_does() {
    let l = fixture("spliced");
    assert!(l.problems.is_empty(), "{:#?}", msgs(&l.problems));
    let q = &l.quiz.questions;
    for seed in [3, 99] {
        assert_eq!(
            shown_texts(&q[0], &option_order(&q[0], seed), Lang::En),
            vec!["1", "2", "3", "infinity"]
        );
        assert_eq!(
            shown_texts(&q[1], &option_order(&q[1], seed), Lang::En),
            vec!["1", "2", "4", "3"]
        );
    }
    // and scoring follows the order shown
    let s = shown(&q[1], 3);
    assert!(is_correct(&q[1], &s, &Response::Choice(vec![1, 2])));
    assert!(!is_correct(&q[1], &s, &Response::Choice(vec![1])));
}

#[test]
fn other_questions_are_shuffled_per_seed_and_per_question() {
    let l = fixture("variables");
    let q = &l.quiz.questions[2]; // 3 answers, 2 distractors
    let mut orders = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let o = option_order(q, seed);
        // a permutation of every option
        let mut keys: Vec<(bool, usize)> = o.iter().map(|k| (k.answer, k.index)).collect();
        keys.sort();
        assert_eq!(
            keys,
            vec![(false, 0), (false, 1), (true, 0), (true, 1), (true, 2)]
        );
        // the same seed, the same order
        assert_eq!(o, option_order(q, seed));
        orders.insert(o.iter().map(|k| (k.answer, k.index)).collect::<Vec<_>>());
    }
    assert!(
        orders.len() > 10,
        "only {} orders in 40 seeds",
        orders.len()
    );
    // short answers have no options
    assert!(option_order(&l.quiz.questions[0], 1).is_empty());
}

// ---------------------------------------------------------------------------------------------
// scoring

#[test]
fn a_single_answer_is_right_only_when_the_answer_is_picked() {
    let l = fixture("variables");
    let q = &l.quiz.questions[4];
    for seed in 0..10 {
        let s = shown(q, seed);
        let right = right_positions(&s);
        assert_eq!(right, vec![2]);
        assert!(is_correct(q, &s, &Response::Choice(right.clone())));
        for w in wrong_positions(&s) {
            assert!(!is_correct(q, &s, &Response::Choice(vec![w])));
            assert!(!is_correct(q, &s, &Response::Choice(vec![2, w])));
        }
        assert!(!is_correct(q, &s, &Response::Choice(vec![])));
        assert!(!is_correct(q, &s, &Response::Text("C".into())));
    }
}

#[test]
fn several_answers_need_exactly_the_right_set() {
    let l = fixture("variables");
    let q = &l.quiz.questions[2];
    for seed in 0..20 {
        let s = shown(q, seed);
        let right = right_positions(&s);
        let wrong = wrong_positions(&s);
        assert_eq!((right.len(), wrong.len()), (3, 2));
        assert!(is_correct(q, &s, &Response::Choice(right.clone())));
        // any order, repeats ignored
        let mut rev = right.clone();
        rev.reverse();
        rev.push(right[0]);
        assert!(is_correct(q, &s, &Response::Choice(rev)));
        // a subset is wrong
        for i in 0..3 {
            let mut sub = right.clone();
            sub.remove(i);
            assert!(!is_correct(q, &s, &Response::Choice(sub)));
        }
        // a superset is wrong
        for w in &wrong {
            let mut sup = right.clone();
            sup.push(*w);
            assert!(!is_correct(q, &s, &Response::Choice(sup)));
        }
        assert!(!is_correct(q, &s, &Response::Choice(wrong.clone())));
        assert!(!is_correct(q, &s, &Response::Choice(vec![])));
    }
}

#[test]
fn short_answers_are_trimmed_case_insensitive_and_accept_alternatives_in_both_languages() {
    let l = fixture("variables");
    let q = &l.quiz.questions[5];
    let s = shown(q, 0);
    for ok in [
        "kubelet",
        "  Kubelet\n",
        "KUBELET",
        "the kubelet",
        "The  Kubelet",
        "kubelet.service",
    ] {
        assert!(is_correct(q, &s, &Response::Text(ok.into())), "{ok:?}");
    }
    for bad in [
        "",
        "   ",
        "kube let",
        "kubelets",
        "kube-proxy",
        "the",
        "kubelet service",
    ] {
        assert!(!is_correct(q, &s, &Response::Text(bad.into())), "{bad:?}");
    }
    assert!(!is_correct(q, &s, &Response::Choice(vec![0])));

    let b = fixture("bilingual");
    let q = &b.quiz.questions[0];
    let s = shown(q, 0);
    for ok in [
        "kubelet",
        "The Kubelet",
        "节点代理 kubelet",
        " kubelet 进程 ",
        "节点代理 KUBELET",
    ] {
        assert!(is_correct(q, &s, &Response::Text(ok.into())), "{ok:?}");
    }
    for bad in ["节点代理", "进程", "kubelet进程"] {
        assert!(!is_correct(q, &s, &Response::Text(bad.into())), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// runs

fn bundle_of(quizzes: Vec<Quiz>) -> Bundle {
    Bundle {
        quizzes,
        ..Bundle::default()
    }
}

/// The right response to the question on screen.
fn right_response(q: &Question, s: &Shown) -> Response {
    match &q.kind {
        QuestionKind::Choice(_) => Response::Choice(right_positions(s)),
        QuestionKind::Short(sh) => Response::Text(sh.answer.en.clone()),
    }
}

fn wrong_response(q: &Question, s: &Shown) -> Response {
    match &q.kind {
        QuestionKind::Choice(_) => Response::Choice(vec![wrong_positions(s)[0]]),
        QuestionKind::Short(_) => Response::Text("certainly not this".into()),
    }
}

const T0: i64 = 1_780_000_000_000;

#[test]
fn a_practice_run_waits_for_advance_and_an_exam_run_moves_on_by_itself() {
    let b = fixture("bilingual");
    let bundle = bundle_of(vec![b.quiz.clone()]);
    let qs: Vec<&Question> = b.quiz.questions.iter().collect();

    // practice: the answer stays on screen (feedback) until advance
    let mut run = Run::new("bilingual", &qs, Mode::Practice, false, 7, T0);
    assert_eq!(run.items.len(), 3);
    let order: Vec<&str> = run.items.iter().map(|s| s.question.as_str()).collect();
    assert_eq!(
        order,
        vec!["kubelet-who", "kubelet-pods", "storage-objects"]
    );
    assert_eq!(run.shown().unwrap().question, "kubelet-who");
    assert!(!run.answered());
    let r = right_response(qs[0], run.shown().unwrap());
    assert_eq!(run.answer(qs[0], r, T0 + 1000), Some(true));
    assert_eq!(run.current, 0);
    assert!(run.answered());
    // no second try inside a run
    assert_eq!(
        run.answer(qs[0], Response::Text("nope".into()), T0 + 1500),
        None
    );
    assert!(run.attempts[0].as_ref().unwrap().correct);
    // the wrong question for the screen is refused
    let r = right_response(qs[2], &shown(qs[2], 7));
    assert_eq!(run.answer(qs[2], r, T0 + 1600), None);
    run.advance(T0 + 2000);
    assert_eq!(run.current, 1);
    let r = wrong_response(qs[1], run.shown().unwrap());
    assert_eq!(run.answer(qs[1], r, T0 + 3000), Some(false));
    run.advance(T0 + 4000);
    assert!(!run.is_finished());
    let r = right_response(qs[2], run.shown().unwrap());
    assert_eq!(run.answer(qs[2], r, T0 + 5000), Some(true));
    assert!(!run.is_finished());
    run.advance(T0 + 6000);
    assert!(run.is_finished());
    assert_eq!(run.finished, Some(T0 + 6000));
    assert!(run.shown().is_none());

    let res = run.results(&bundle);
    assert_eq!((res.correct, res.total), (2, 3));
    assert_eq!(
        res.by_topic,
        vec![
            ("kubelet-failure".to_string(), 1, 2),
            ("storage".to_string(), 1, 1)
        ]
    );
    assert_eq!(res.duration_ms, 6000);
    assert_eq!(run.missed(), vec!["kubelet-pods".to_string()]);

    // exam: answering moves to the next question; the last answer finishes the run
    let mut exam = Run::new("bilingual", &qs, Mode::Exam, false, 7, T0);
    for (i, q) in qs.iter().enumerate() {
        assert_eq!(exam.current, i);
        let s = exam.shown().unwrap().clone();
        let r = if i == 2 {
            wrong_response(q, &s)
        } else {
            right_response(q, &s)
        };
        exam.answer(q, r, T0 + 100 * (i as i64 + 1)).unwrap();
    }
    assert!(exam.is_finished());
    assert_eq!(exam.finished, Some(T0 + 300));
    let res = exam.results(&bundle);
    assert_eq!((res.correct, res.total), (2, 3));
    assert_eq!(
        res.by_topic,
        vec![
            ("kubelet-failure".to_string(), 2, 2),
            ("storage".to_string(), 0, 1)
        ]
    );
}

#[test]
fn retry_missed_builds_a_run_over_the_missed_questions_only() {
    let l = fixture("variables");
    let b = fixture("bilingual");
    let bundle = bundle_of(vec![l.quiz.clone(), b.quiz.clone()]);
    let qs: Vec<&Question> = l.quiz.questions.iter().collect();
    let mut run = Run::new("variables", &qs, Mode::Exam, false, 11, T0);
    // right, wrong, right, wrong, unanswered x2 (the run is left unfinished)
    for (i, q) in qs.iter().take(4).enumerate() {
        let s = run.shown().unwrap().clone();
        let r = if i % 2 == 0 {
            right_response(q, &s)
        } else {
            wrong_response(q, &s)
        };
        run.answer(q, r, T0 + i as i64).unwrap();
    }
    let missed = run.missed();
    assert_eq!(
        missed,
        vec![
            "b230bed3-d6ba-4048-8b06-aa655d837b04",
            "fruit",
            "variables-6",
            "variables-7"
        ]
    );
    let retry = run.retry_missed(&bundle, T0 + 10_000).unwrap();
    assert_eq!(retry.quiz, "variables");
    assert_eq!(retry.mode, Mode::Exam);
    assert_eq!(
        retry
            .items
            .iter()
            .map(|s| s.question.clone())
            .collect::<Vec<_>>(),
        missed
    );
    assert!(retry.attempts.iter().all(|a| a.is_none()));
    assert_eq!(
        (retry.current, retry.started, retry.finished),
        (0, T0 + 10_000, None)
    );
    assert_ne!(retry.seed, run.seed);
    // a run with nothing missed has no retry
    let bq: Vec<&Question> = b.quiz.questions.iter().collect();
    let mut all = Run::new("bilingual", &bq, Mode::Practice, false, 1, T0);
    for q in &bq {
        let s = all.shown().unwrap().clone();
        all.answer(q, right_response(q, &s), T0).unwrap();
        all.advance(T0);
    }
    assert!(all.missed().is_empty());
    assert!(all.retry_missed(&bundle, T0).is_none());
}

#[test]
fn shuffling_questions_keeps_every_question_once() {
    let l = fixture("variables");
    let qs: Vec<&Question> = l.quiz.questions.iter().collect();
    let plain = Run::new("variables", &qs, Mode::Practice, false, 5, T0);
    let mut seen_other = false;
    for seed in 0..10 {
        let r = Run::new("variables", &qs, Mode::Practice, true, seed, T0);
        let mut a: Vec<String> = r.items.iter().map(|s| s.question.clone()).collect();
        seen_other |= a
            != plain
                .items
                .iter()
                .map(|s| s.question.clone())
                .collect::<Vec<_>>();
        a.sort();
        let mut b: Vec<String> = qs.iter().map(|q| q.id.clone()).collect();
        b.sort();
        assert_eq!(a, b);
    }
    assert!(seen_other);
}

// ---------------------------------------------------------------------------------------------
// the chapter's quiz: the book's four questions

#[test]
fn the_chapter_quiz_has_the_books_questions_order_and_answer_key_in_both_languages() {
    let l = load_file("content/quizzes/chapter.toml", "chapter");
    assert!(l.problems.is_empty(), "{:#?}", msgs(&l.problems));
    assert!(l.untranslated.is_empty(), "{:#?}", msgs(&l.untranslated));
    assert!(l.notices.is_empty());
    let q = &l.quiz.questions;
    let prompts: Vec<String> = q.iter().map(|q| text(&q.prompt.en)).collect();
    assert_eq!(
        prompts,
        vec![
            "What object must be created before you can create a PersistentVolumeClaim?",
            "KinD includes a dynamic disk provisioner. What company created the provisioner?",
            "If you create a KinD cluster with multiple worker nodes, what would you install to direct traffic to each node?",
            "True or false: A Kubernetes cluster can only have one CSI driver installed.",
        ]
    );
    // the book's options, in the book's order (A, B, C, D), and its answer key
    let book: [(&[&str], char); 4] = [
        (&["PVC", "Disk", "PersistentVolume", "VirtualDisk"], 'C'),
        (&["Microsoft", "CNCF", "VMware", "Rancher"], 'D'),
        (
            &[
                "Load balancer",
                "Proxy server",
                "Nothing",
                "Network load balancer",
            ],
            'A',
        ),
        (&["True", "False"], 'B'),
    ];
    // Chinese: the seed's mistranslations corrected as its README says
    let zh: [&[&str]; 4] = [
        &["PVC", "磁盘 (Disk)", "PersistentVolume", "VirtualDisk"],
        &["微软", "CNCF", "VMware", "Rancher"],
        &["负载均衡器", "代理服务器", "什么都不需要", "网络负载均衡器"],
        &["正确", "错误"],
    ];
    for (i, ((options, key), zh_options)) in book.iter().zip(zh).enumerate() {
        let c = choice(&q[i]);
        assert!(!c.multiple && !c.sort, "{}", q[i].id);
        assert!(
            c.answer_index.is_some(),
            "{}: the book's order is fixed",
            q[i].id
        );
        for seed in [0, 1, 2026] {
            let s = shown(&q[i], seed);
            let letters: Vec<char> = right_positions(&s)
                .iter()
                .map(|p| (b'A' + *p as u8) as char)
                .collect();
            assert_eq!(letters, vec![*key], "{}", q[i].id);
            assert_eq!(shown_texts(&q[i], &s.options, Lang::En), options.to_vec());
            assert_eq!(
                shown_texts(&q[i], &s.options, Lang::Zh),
                zh_options.to_vec()
            );
            // the key scores as right, every other letter as wrong
            let k = (*key as u8 - b'A') as usize;
            assert!(is_correct(&q[i], &s, &Response::Choice(vec![k])));
            for other in (0..options.len()).filter(|o| *o != k) {
                assert!(!is_correct(&q[i], &s, &Response::Choice(vec![other])));
            }
        }
        // every distractor is explained, in both languages
        for d in &c.distractors {
            assert!(!d.why.en.is_empty() && !d.why.zh.is_empty(), "{}", q[i].id);
        }
        assert!(!q[i].context.zh.is_empty());
    }
}

#[test]
fn the_chapter_quizs_chinese_has_none_of_the_seeds_mistranslations() {
    let l = load_file("content/quizzes/chapter.toml", "chapter");
    let mut all = vec![l.quiz.title.zh.clone()];
    for q in &l.quiz.questions {
        all.push(text(&q.prompt.zh));
        all.push(text(&q.context.zh));
        let c = choice(q);
        for o in c.answers.iter().chain(&c.distractors) {
            all.push(text(&o.text.zh));
            all.push(text(&o.why.zh));
        }
    }
    assert!(all.len() > 30);
    for s in &all {
        for (wrong, right) in MISTRANSLATIONS {
            assert!(!s.contains(wrong), "`{wrong}` (write {right}) in {s:?}");
        }
        // the seed's true/false words and its "CNCF(消歧义)" either
        for wrong in ["真实的", "错误的", "消歧义"] {
            assert!(!s.contains(wrong), "`{wrong}` in {s:?}");
        }
    }
}
