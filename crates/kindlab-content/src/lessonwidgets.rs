//! Cross-checks of the lessons' learning widgets: a ```` ```kindlab-checkpoint ```` names
//! questions that exist; the en and zh twins of a lesson have the same checkpoints and the same
//! predictions (ids, choices' values, commands, rule) at the same places, in the same order.

use crate::bundle::LessonInfo;
use crate::diag::Problem;
use crate::model::{Bundle, Lang, Widget};
use std::collections::BTreeSet;

/// What a learning widget is, without its language's texts: the twins must agree on it.
fn shape(w: &Widget) -> Option<String> {
    match w {
        Widget::Checkpoint { questions } => Some(format!("checkpoint {}", questions.join(" "))),
        Widget::Predict(p) => Some(format!(
            "predict {} (choices {}; observe {}; run {})",
            p.id,
            p.choices
                .iter()
                .map(|c| c.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            p.observe,
            p.run.join(" | ")
        )),
        _ => None,
    }
}

/// Problems with the lessons' checkpoints and predictions (positions in `infos`).
pub(crate) fn problems(bundle: &Bundle, infos: &[LessonInfo]) -> Vec<Problem> {
    let mut out = vec![];
    let questions: BTreeSet<&str> = bundle
        .quizzes
        .iter()
        .flat_map(|q| q.questions.iter().map(|x| x.id.as_str()))
        .collect();
    for info in infos {
        let mut seen = BTreeSet::new();
        for w in &info.widgets {
            let at = |message: String| Problem {
                file: info.file.clone(),
                line: w.line,
                col: w.col,
                message,
            };
            match &w.item {
                Widget::Checkpoint { questions: ids } => {
                    for id in ids {
                        if !questions.contains(id.as_str()) {
                            out.push(at(format!(
                                "kindlab-checkpoint: no question `{id}` in quizzes/*.toml"
                            )));
                        }
                    }
                }
                Widget::Predict(p) if !p.id.is_empty() && !seen.insert(p.id.clone()) => {
                    out.push(at(format!(
                        "kindlab-predict: the id `{}` is used twice in this lesson",
                        p.id
                    )));
                }
                _ => {}
            }
        }
    }
    for en in infos.iter().filter(|i| i.lang == Lang::En) {
        let Some(zh) = infos
            .iter()
            .find(|i| i.lang == Lang::Zh && i.slug == en.slug)
        else {
            continue;
        };
        let mine: Vec<_> = en
            .widgets
            .iter()
            .filter_map(|w| shape(&w.item).map(|s| (w, s)))
            .collect();
        let theirs: Vec<_> = zh
            .widgets
            .iter()
            .filter_map(|w| shape(&w.item).map(|s| (w, s)))
            .collect();
        for i in 0..mine.len().max(theirs.len()) {
            match (mine.get(i), theirs.get(i)) {
                (Some((_, a)), Some((_, b))) if a == b => {}
                (Some((_, a)), Some((w, b))) => out.push(Problem {
                    file: zh.file.clone(),
                    line: w.line,
                    col: w.col,
                    message: format!(
                        "this {b} differs from its English twin's {a} ({}): checkpoints and predictions must match in both languages",
                        en.file
                    ),
                }),
                (Some((w, a)), None) => out.push(Problem {
                    file: en.file.clone(),
                    line: w.line,
                    col: w.col,
                    message: format!(
                        "this {a} has no twin in {} (checkpoints and predictions must match in both languages)",
                        zh.file
                    ),
                }),
                (None, Some((w, b))) => out.push(Problem {
                    file: zh.file.clone(),
                    line: w.line,
                    col: w.col,
                    message: format!(
                        "this {b} has no twin in {} (checkpoints and predictions must match in both languages)",
                        en.file
                    ),
                }),
                (None, None) => {}
            }
        }
    }
    out
}
