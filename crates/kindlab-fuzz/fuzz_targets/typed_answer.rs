//! A typed quiz answer, checked against every short-answer question of the chapter.
#![no_main]
use kindlab::content::{self, model::QuestionKind};
use kindlab::quiz::{is_correct, Response, Shown};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let t = String::from_utf8_lossy(data).into_owned();
    for quiz in &content::bundle().quizzes {
        for q in &quiz.questions {
            if matches!(q.kind, QuestionKind::Short(_)) {
                let shown = Shown {
                    question: q.id.clone(),
                    options: vec![],
                };
                let _ = is_correct(q, &shown, &Response::Text(t.clone()));
            }
        }
    }
});
