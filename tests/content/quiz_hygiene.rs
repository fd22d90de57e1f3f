//! The quizzes' hygiene, measured over content/quizzes/ as the app loads it: a single-answer
//! question must not give itself away by the length of its key (at most 30 % of them may have
//! the key strictly the longest option, in characters of the English text), a "select all"
//! question must not be mostly true (at most half of its options right), and every typed-answer
//! question explains the usual wrong answers in both languages. The figures are printed
//! (`cargo test --test content quiz_hygiene -- --nocapture`) so they can be quoted.

use kindlab::content::bundle;
use kindlab::content::model::{Bundle, Question, QuestionKind};
use std::path::PathBuf;

/// The chapter's four questions keep the book's options word for word, whatever their length.
const BOOK_QUIZ: &str = "chapter";

fn content() -> Bundle {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("content");
    let loaded = bundle::load(&dir, &bundle::plain);
    assert!(
        loaded.problems.is_empty(),
        "content/ has problems: {:#?}",
        loaded
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
    );
    loaded.bundle
}

/// Every question of every quiz, with its quiz's id.
fn questions(b: &Bundle) -> Vec<(&str, &Question)> {
    b.quizzes
        .iter()
        .flat_map(|q| q.questions.iter().map(move |x| (q.id.as_str(), x)))
        .collect()
}

/// Characters of an option's English text as written in the file.
fn chars(s: &str) -> usize {
    s.chars().count()
}

#[test]
fn few_single_answer_keys_are_the_longest_option() {
    let b = content();
    let mut single = 0;
    let mut longest = vec![];
    for (quiz, q) in questions(&b) {
        let QuestionKind::Choice(c) = &q.kind else {
            continue;
        };
        if c.multiple {
            continue;
        }
        single += 1;
        let key = chars(&c.answers[0].key);
        if c.distractors.iter().all(|d| chars(&d.key) < key) {
            longest.push(format!("{quiz}/{}", q.id));
        }
    }
    assert!(single >= 30, "only {single} single-answer questions found");
    let share = longest.len() as f64 * 100.0 / single as f64;
    eprintln!(
        "quiz hygiene: single-answer questions whose key is strictly the longest option: {} of {} ({share:.0} %): {longest:?}",
        longest.len(),
        single
    );
    assert!(
        longest.len() * 10 <= single * 3,
        "{} of {single} single-answer keys are strictly the longest option (limit 30 %): {longest:#?}",
        longest.len()
    );
    // only the book's own questions may keep a longest key (their options are the book's)
    let ours: Vec<&String> = longest
        .iter()
        .filter(|id| !id.starts_with(&format!("{BOOK_QUIZ}/")))
        .collect();
    assert!(
        ours.len() * 10 <= single * 3,
        "beyond the book's questions: {ours:#?}"
    );
}

#[test]
fn no_select_all_question_is_mostly_true() {
    let b = content();
    let mut seen = 0;
    let mut over = vec![];
    let mut figures = vec![];
    for (quiz, q) in questions(&b) {
        let QuestionKind::Choice(c) = &q.kind else {
            continue;
        };
        if !c.multiple {
            continue;
        }
        seen += 1;
        let right = c.answers.len();
        let all = right + c.distractors.len();
        figures.push(format!("{}: {right}/{all}", q.id));
        if right * 2 > all {
            over.push(format!("{quiz}/{}: {right} right of {all}", q.id));
        }
        assert!(right < all, "{}: every option is right", q.id);
    }
    assert!(seen >= 10, "only {seen} select-all questions found");
    eprintln!(
        "quiz hygiene: {seen} select-all questions, true options per question: {}",
        figures.join(", ")
    );
    assert!(
        over.is_empty(),
        "select-all questions with most options true: {over:#?}"
    );
}

#[test]
fn every_typed_answer_explains_the_usual_wrong_answers_in_both_languages() {
    let b = content();
    let mut shorts = 0;
    let mut mistakes = 0;
    for (quiz, q) in questions(&b) {
        let QuestionKind::Short(s) = &q.kind else {
            continue;
        };
        shorts += 1;
        assert!(
            !s.mistakes.is_empty(),
            "{quiz}/{}: a typed answer without feedback for its usual wrong answers",
            q.id
        );
        for m in &s.mistakes {
            mistakes += 1;
            assert!(
                !m.typed.is_empty(),
                "{quiz}/{}: a mistake with no spelling",
                q.id
            );
            assert!(!m.why.en.is_empty() && !m.why.zh.is_empty(), "{}", q.id);
            assert_ne!(
                m.why.en, m.why.zh,
                "{quiz}/{}: the Chinese `why` is the English one",
                q.id
            );
            for t in &m.typed {
                assert!(
                    !s.accepted.contains(t),
                    "{quiz}/{}: {t:?} is both accepted and a mistake",
                    q.id
                );
                assert_eq!(
                    s.mistake(t).map(|x| &x.why),
                    Some(&m.why),
                    "{quiz}/{}: {t:?} finds its own explanation",
                    q.id
                );
            }
        }
    }
    eprintln!(
        "quiz hygiene: {shorts} typed-answer questions, {mistakes} common wrong answers explained"
    );
    assert!(shorts >= 15, "only {shorts} typed-answer questions found");
}

#[test]
fn restarting_the_kubelet_must_happen_inside_the_node_container() {
    let b = content();
    let (_, q) = questions(&b)
        .into_iter()
        .find(|(_, q)| q.id == "kubelet-failure-restart-kubelet")
        .expect("the question exists");
    let QuestionKind::Short(s) = &q.kind else {
        panic!("a typed answer");
    };
    assert!(s
        .accepted
        .contains(&"docker exec cluster01-worker2 systemctl start kubelet".to_string()));
    for bare in [
        "systemctl start kubelet",
        "systemctl restart kubelet",
        "sudo systemctl start kubelet",
    ] {
        assert!(
            !s.accepted.contains(&bare.to_string()),
            "{bare} is accepted"
        );
        let why = s.mistake(bare).expect("a bare systemctl gets its feedback");
        let text = format!("{:?}", why.why.en);
        assert!(text.contains("docker exec cluster01-worker2"), "{text}");
    }
}
