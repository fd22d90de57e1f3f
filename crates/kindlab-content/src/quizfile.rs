//! Quiz files: mdbook-quiz's TOML format plus kindlab's optional keys -> the quiz model.
//!
//! mdbook-quiz keys: `[[questions]]` with `id`, `type`, `prompt.prompt`, `prompt.distractors`,
//! `prompt.answerIndex`, `prompt.sortAnswers`, `answer.answer` (a string or an array),
//! `answer.alternatives` (ShortAnswer), `context`. kindlab adds `topic`, `lesson`,
//! `explain.distractors` and the `zh` twin of every string (`zh.prompt`, `zh.distractors`,
//! `zh.answer`, `zh.alternatives`, `zh.context`, `zh.explain`), plus a file-level `title` and
//! `zh.title`. A plain mdbook-quiz file loads as it is (English shown in both languages).

use crate::diag::{LineIndex, Problem};
use crate::markdown::{parse_snippet, Env};
use crate::model::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

#[derive(Deserialize)]
struct RawQuiz {
    title: Option<String>,
    zh: Option<RawQuizZh>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
struct RawQuizZh {
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Deserialize)]
struct RawQuestion {
    id: Option<Spanned<String>>,
    #[serde(rename = "type")]
    kind: Option<Spanned<String>>,
    topic: Option<String>,
    lesson: Option<Spanned<String>>,
    prompt: Option<Spanned<RawPrompt>>,
    answer: Option<Spanned<RawAnswer>>,
    context: Option<Spanned<String>>,
    explain: Option<RawExplain>,
    zh: Option<Spanned<RawZh>>,
}

#[derive(Deserialize)]
struct RawPrompt {
    prompt: Option<Spanned<String>>,
    distractors: Option<Vec<Spanned<String>>>,
    #[serde(rename = "answerIndex")]
    answer_index: Option<Spanned<i64>>,
    #[serde(rename = "sortAnswers")]
    sort_answers: Option<bool>,
}

#[derive(Deserialize)]
struct RawAnswer {
    answer: Option<Spanned<OneOrMany>>,
    alternatives: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct RawExplain {
    distractors: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
struct RawZh {
    prompt: Option<String>,
    distractors: Option<Spanned<Vec<String>>>,
    answer: Option<Spanned<OneOrMany>>,
    alternatives: Option<Vec<String>>,
    context: Option<String>,
    explain: Option<Spanned<Vec<String>>>,
}

/// A loaded quiz and what was found wrong with it.
pub struct Loaded {
    pub quiz: Quiz,
    /// Errors (`kindlab check` fails on them).
    pub problems: Vec<Problem>,
    /// Missing Chinese text: an error for kindlab's own files, fine for a plain mdbook-quiz file.
    pub untranslated: Vec<Problem>,
    /// Questions skipped because kindlab does not run their type.
    pub notices: Vec<String>,
    /// `lesson` keys, for the checker: (slug, line, col).
    pub lessons: Vec<(String, u32, u32)>,
    /// Every question id of the file, once, with the position of its first `id` key (or of the
    /// question's `type` when it has none), for the checker's across-files uniqueness check.
    pub ids: BTreeMap<String, (u32, u32)>,
}

/// Loads quiz `id` from `text` (the file `file`).
pub fn load(env: &Env, id: &str, text: &str) -> Loaded {
    let ix = LineIndex::new(text, 0);
    let file = env.file;
    let mut out = Loaded {
        quiz: Quiz {
            id: id.into(),
            file: file.into(),
            title: Text2 {
                en: id.into(),
                zh: id.into(),
            },
            questions: vec![],
            skipped: vec![],
            partial: false,
        },
        problems: vec![],
        untranslated: vec![],
        notices: vec![],
        lessons: vec![],
        ids: BTreeMap::new(),
    };
    let at = |span: Range<usize>| ix.pos(span.start);
    let raw: RawQuiz = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let (line, col) = e.span().map(|s| ix.pos(s.start)).unwrap_or((1, 1));
            out.problems.push(Problem {
                file: file.into(),
                line,
                col,
                message: format!("TOML: {}", e.message().trim()),
            });
            return out;
        }
    };
    if let Some(t) = &raw.title {
        out.quiz.title.en = t.clone();
        out.quiz.title.zh = raw
            .zh
            .as_ref()
            .and_then(|z| z.title.clone())
            .unwrap_or_else(|| t.clone());
    }
    let mut seen: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for (n, q) in raw.questions.iter().enumerate() {
        let qline = q
            .kind
            .as_ref()
            .map(|k| at(k.span()))
            .or_else(|| q.prompt.as_ref().map(|p| at(p.span())))
            .unwrap_or((1, 1));
        let problem = |pos: (u32, u32), message: String, list: &mut Vec<Problem>| {
            list.push(Problem {
                file: file.into(),
                line: pos.0,
                col: pos.1,
                message,
            });
        };
        let qid = match &q.id {
            Some(s) => s.get_ref().clone(),
            None => format!("{id}-{}", n + 1),
        };
        let id_pos = q.id.as_ref().map(|s| at(s.span())).unwrap_or(qline);
        if let Some((l, c)) = seen.get(&qid) {
            problem(
                id_pos,
                format!("question id `{qid}` is used twice (first at line {l}, col {c})"),
                &mut out.problems,
            );
        } else {
            seen.insert(qid.clone(), id_pos);
        }
        let kind = q.kind.as_ref().map(|k| k.get_ref().as_str()).unwrap_or("");
        if kind != "MultipleChoice" && kind != "ShortAnswer" {
            let what = if kind.is_empty() {
                "has no `type`".to_string()
            } else {
                format!("is of type {kind}, which kindlab does not run")
            };
            let msg = format!(
                "{file}:{}:{}: question `{qid}` {what}; skipped",
                qline.0, qline.1
            );
            out.notices.push(msg.clone());
            out.quiz.skipped.push(msg);
            continue;
        }
        let Some(prompt) = &q.prompt else {
            problem(
                qline,
                format!("question `{qid}` has no `prompt.prompt`"),
                &mut out.problems,
            );
            continue;
        };
        let Some(prompt_text) = &prompt.get_ref().prompt else {
            problem(
                at(prompt.span()),
                format!("question `{qid}` has no `prompt.prompt`"),
                &mut out.problems,
            );
            continue;
        };
        let zh = q.zh.as_ref().map(|z| z.get_ref());
        let zh_pos = q.zh.as_ref().map(|z| at(z.span())).unwrap_or(qline);
        let md = |text: &str, pos: (u32, u32), problems: &mut Vec<Problem>| -> Rich {
            let (blocks, p) = parse_snippet(env, text, pos.0);
            problems.extend(p);
            blocks
        };
        // the Chinese twin of a string, or the English one with a note that it is missing
        let twin = |name: &str, zh_val: Option<&String>, en: &str, out: &mut Loaded| match zh_val {
            Some(z) if !z.trim().is_empty() => z.clone(),
            _ => {
                out.untranslated.push(Problem {
                    file: file.into(),
                    line: zh_pos.0,
                    col: zh_pos.1,
                    message: format!("question `{qid}` has no Chinese `zh.{name}`"),
                });
                en.to_string()
            }
        };
        let ppos = at(prompt_text.span());
        let zh_prompt = twin(
            "prompt",
            zh.and_then(|z| z.prompt.as_ref()),
            prompt_text.get_ref(),
            &mut out,
        );
        let prompt_md = Text2 {
            en: md(prompt_text.get_ref(), ppos, &mut out.problems),
            zh: md(&zh_prompt, zh_pos, &mut out.problems),
        };
        let context = match &q.context {
            Some(c) => {
                let zc = twin(
                    "context",
                    zh.and_then(|z| z.context.as_ref()),
                    c.get_ref(),
                    &mut out,
                );
                Text2 {
                    en: md(c.get_ref(), at(c.span()), &mut out.problems),
                    zh: md(&zc, zh_pos, &mut out.problems),
                }
            }
            None => Text2::default(),
        };
        let Some(answer) = &q.answer else {
            problem(
                qline,
                format!("question `{qid}` has no `answer.answer`"),
                &mut out.problems,
            );
            continue;
        };
        let Some(ans) = &answer.get_ref().answer else {
            problem(
                at(answer.span()),
                format!("question `{qid}` has no `answer.answer`"),
                &mut out.problems,
            );
            continue;
        };
        let apos = at(ans.span());
        let answers_en = ans.get_ref().list();
        if answers_en.is_empty() || answers_en.iter().any(|a| a.trim().is_empty()) {
            problem(
                apos,
                format!("question `{qid}`: an answer is empty"),
                &mut out.problems,
            );
            continue;
        }
        let zh_answers: Option<Vec<String>> = zh
            .and_then(|z| z.answer.as_ref())
            .map(|a| a.get_ref().list());
        let lesson = q.lesson.as_ref().map(|l| {
            let (line, col) = at(l.span());
            out.lessons.push((l.get_ref().clone(), line, col));
            l.get_ref().clone()
        });
        let question_kind = if kind == "ShortAnswer" {
            if answers_en.len() != 1 {
                problem(
                    apos,
                    format!("question `{qid}`: a ShortAnswer has one `answer.answer` (list more under `answer.alternatives`)"),
                    &mut out.problems,
                );
                continue;
            }
            let en = answers_en[0].clone();
            let zh_shown = zh_answers
                .as_ref()
                .and_then(|v| v.first().cloned())
                .unwrap_or_else(|| en.clone());
            let mut accepted: Vec<String> = vec![];
            let mut accept = |s: &str| {
                let s = normalize_answer(s);
                if !s.is_empty() && !accepted.contains(&s) {
                    accepted.push(s);
                }
            };
            accept(&en);
            for a in answer.get_ref().alternatives.iter().flatten() {
                accept(a);
            }
            for a in zh_answers.iter().flatten() {
                accept(a);
            }
            for a in zh
                .and_then(|z| z.alternatives.as_ref())
                .into_iter()
                .flatten()
            {
                accept(a);
            }
            QuestionKind::Short(Short {
                answer: Text2 { en, zh: zh_shown },
                accepted,
            })
        } else {
            let p = prompt.get_ref();
            let distractors: Vec<Spanned<String>> = p.distractors.clone().unwrap_or_default();
            let dpos = distractors.first().map(|d| at(d.span())).unwrap_or(ppos);
            for a in &answers_en {
                if let Some(d) = distractors.iter().find(|d| d.get_ref().trim() == a.trim()) {
                    problem(
                        at(d.span()),
                        format!("question `{qid}`: the answer {a:?} is also a distractor"),
                        &mut out.problems,
                    );
                }
            }
            if distractors.is_empty() && answers_en.len() < 2 {
                problem(
                    qline,
                    format!("question `{qid}` has no `prompt.distractors`"),
                    &mut out.problems,
                );
            }
            let multiple = matches!(ans.get_ref(), OneOrMany::Many(_));
            let answer_index = match &p.answer_index {
                Some(i) => {
                    let v = *i.get_ref();
                    // with several answers, mdbook-quiz puts them all there, in their order
                    if v < 0 || v as usize > distractors.len() {
                        problem(
                            at(i.span()),
                            format!(
                                "question `{qid}`: `answerIndex` {v} is outside 0..={}",
                                distractors.len()
                            ),
                            &mut out.problems,
                        );
                        None
                    } else {
                        Some(v as usize)
                    }
                }
                None => None,
            };
            // lengths of the arrays that must match the distractors
            let n = distractors.len();
            let check_len = |name: &str, v: Option<&Spanned<Vec<String>>>, out: &mut Loaded| {
                if let Some(v) = v {
                    if v.get_ref().len() != n {
                        out.problems.push(Problem {
                            file: file.into(),
                            line: at(v.span()).0,
                            col: at(v.span()).1,
                            message: format!(
                                "question `{qid}`: `{name}` has {} entries for {n} distractors",
                                v.get_ref().len()
                            ),
                        });
                    }
                }
            };
            check_len(
                "explain.distractors",
                q.explain.as_ref().and_then(|e| e.distractors.as_ref()),
                &mut out,
            );
            check_len(
                "zh.distractors",
                zh.and_then(|z| z.distractors.as_ref()),
                &mut out,
            );
            check_len("zh.explain", zh.and_then(|z| z.explain.as_ref()), &mut out);
            if let Some(za) = zh.and_then(|z| z.answer.as_ref()) {
                let zl = za.get_ref().list();
                if zl.len() != answers_en.len() {
                    problem(
                        at(za.span()),
                        format!(
                            "question `{qid}`: `zh.answer` has {} entries for {} answers",
                            zl.len(),
                            answers_en.len()
                        ),
                        &mut out.problems,
                    );
                }
            }
            if zh.and_then(|z| z.distractors.as_ref()).is_none() && n > 0 {
                out.untranslated.push(Problem {
                    file: file.into(),
                    line: zh_pos.0,
                    col: zh_pos.1,
                    message: format!("question `{qid}` has no Chinese `zh.distractors`"),
                });
            }
            if zh_answers.is_none() {
                out.untranslated.push(Problem {
                    file: file.into(),
                    line: zh_pos.0,
                    col: zh_pos.1,
                    message: format!("question `{qid}` has no Chinese `zh.answer`"),
                });
            }
            let en_explain: Vec<String> = q
                .explain
                .as_ref()
                .and_then(|e| e.distractors.as_ref())
                .map(|v| v.get_ref().clone())
                .unwrap_or_default();
            if !en_explain.is_empty() && zh.and_then(|z| z.explain.as_ref()).is_none() {
                out.untranslated.push(Problem {
                    file: file.into(),
                    line: zh_pos.0,
                    col: zh_pos.1,
                    message: format!("question `{qid}` has no Chinese `zh.explain`"),
                });
            }
            let zh_d: Vec<String> = zh
                .and_then(|z| z.distractors.as_ref())
                .map(|v| v.get_ref().clone())
                .unwrap_or_default();
            let zh_e: Vec<String> = zh
                .and_then(|z| z.explain.as_ref())
                .map(|v| v.get_ref().clone())
                .unwrap_or_default();
            let mut opts = vec![];
            for (i, d) in distractors.iter().enumerate() {
                let pos = at(d.span());
                let en_text = d.get_ref();
                let zh_text = zh_d.get(i).cloned().unwrap_or_else(|| en_text.clone());
                let why_en = en_explain.get(i).cloned().unwrap_or_default();
                let why_zh = zh_e.get(i).cloned().unwrap_or_else(|| why_en.clone());
                opts.push(Opt {
                    key: en_text.trim().to_string(),
                    text: Text2 {
                        en: md(en_text, pos, &mut out.problems),
                        zh: md(&zh_text, zh_pos, &mut out.problems),
                    },
                    why: Text2 {
                        en: md(&why_en, pos, &mut out.problems),
                        zh: md(&why_zh, zh_pos, &mut out.problems),
                    },
                });
            }
            let _ = dpos;
            let mut answers = vec![];
            for (i, a) in answers_en.iter().enumerate() {
                let zh_text = zh_answers
                    .as_ref()
                    .and_then(|v| v.get(i).cloned())
                    .unwrap_or_else(|| a.clone());
                answers.push(Opt {
                    key: a.trim().to_string(),
                    text: Text2 {
                        en: md(a, apos, &mut out.problems),
                        zh: md(&zh_text, zh_pos, &mut out.problems),
                    },
                    why: Text2::default(),
                });
            }
            QuestionKind::Choice(Choice {
                answers,
                distractors: opts,
                multiple,
                answer_index,
                sort: p.sort_answers.unwrap_or(false),
            })
        };
        out.quiz.questions.push(Question {
            id: qid,
            topic: q.topic.clone().unwrap_or_else(|| "general".into()),
            lesson,
            line: qline.0,
            prompt: prompt_md,
            kind: question_kind,
            context,
        });
    }
    if raw.title.is_some() && raw.zh.as_ref().and_then(|z| z.title.as_ref()).is_none() {
        out.untranslated.push(Problem {
            file: file.into(),
            line: 1,
            col: 1,
            message: "the quiz has a `title` but no Chinese `zh.title`".into(),
        });
    }
    out.ids = seen;
    out
}
