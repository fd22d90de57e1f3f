//! Quiz files: mdbook-quiz's TOML format plus kindlab's optional keys -> the quiz model.
//!
//! mdbook-quiz keys: `[[questions]]` with `id`, `type`, `prompt.prompt`, `prompt.distractors`,
//! `prompt.answerIndex`, `prompt.sortAnswers`, `answer.answer` (a string or an array),
//! `answer.alternatives` (ShortAnswer), `context`. kindlab adds `topic`, `lesson`,
//! `explain.distractors` and the `zh` twin of every string (`zh.prompt`, `zh.distractors`,
//! `zh.answer`, `zh.alternatives`, `zh.context`, `zh.explain`), plus a file-level `title` and
//! `zh.title`, and for a ShortAnswer its common wrong answers (`[[questions.mistakes]]`: `answer`,
//! `why`, `zh.answer`, `zh.why`). A plain mdbook-quiz file (no Chinese text at all) loads as it
//! is: English shown in both languages, marked [`Quiz::english_only`].

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
    mistakes: Option<Spanned<Vec<Spanned<RawMistake>>>>,
}

/// A common wrong answer to a ShortAnswer (kindlab).
#[derive(Deserialize)]
struct RawMistake {
    answer: Option<Spanned<OneOrMany>>,
    why: Option<Spanned<String>>,
    zh: Option<RawMistakeZh>,
}

#[derive(Deserialize)]
struct RawMistakeZh {
    answer: Option<OneOrMany>,
    why: Option<String>,
}

impl RawQuestion {
    /// Whether any Chinese text is given for this question.
    fn has_chinese(&self) -> bool {
        self.zh.is_some()
            || self
                .mistakes
                .iter()
                .flat_map(|m| m.get_ref())
                .any(|m| m.get_ref().zh.is_some())
    }
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
    /// The quiz (what could be read of it).
    pub quiz: Quiz,
    /// Errors (`kindlab check` fails on them).
    pub problems: Vec<Problem>,
    /// Missing Chinese text: an error for kindlab's own files, fine for a plain mdbook-quiz file
    /// (one without any Chinese text: then [`Quiz::english_only`] is set).
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
            english_only: false,
        },
        problems: vec![],
        untranslated: vec![],
        notices: vec![],
        lessons: vec![],
        ids: BTreeMap::new(),
    };
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
        let mut r = Reader {
            env,
            ix: &ix,
            out: &mut out,
        };
        if let Some(question) = r.question(id, n, q, &mut seen) {
            out.quiz.questions.push(question);
        }
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
    out.quiz.english_only = raw.zh.is_none() && !raw.questions.iter().any(|q| q.has_chinese());
    out
}

/// Reads the questions of one file into what [`load`] returns.
struct Reader<'a, 'e> {
    env: &'a Env<'e>,
    ix: &'a LineIndex<'a>,
    out: &'a mut Loaded,
}

/// The question being read: its id, where it is, its Chinese twin.
struct At<'q> {
    qid: String,
    /// Where the question starts (its `type`, else its prompt).
    line: (u32, u32),
    zh: Option<&'q RawZh>,
    /// Where the `zh` twin is (the question's start when it has none).
    zh_pos: (u32, u32),
}

impl Reader<'_, '_> {
    fn at(&self, span: Range<usize>) -> (u32, u32) {
        self.ix.pos(span.start)
    }

    fn problem(&mut self, pos: (u32, u32), message: String) {
        self.out.problems.push(Problem {
            file: self.env.file.into(),
            line: pos.0,
            col: pos.1,
            message,
        });
    }

    /// A missing Chinese text, reported at the question's `zh` table.
    fn untranslated(&mut self, q: &At<'_>, message: String) {
        self.out.untranslated.push(Problem {
            file: self.env.file.into(),
            line: q.zh_pos.0,
            col: q.zh_pos.1,
            message,
        });
    }

    /// Markdown of a snippet that starts at `pos`.
    fn md(&mut self, text: &str, pos: (u32, u32)) -> Rich {
        let (blocks, p) = parse_snippet(self.env, text, pos.0);
        self.out.problems.extend(p);
        blocks
    }

    /// The Chinese twin of a string, or the English one with a note that it is missing.
    fn twin(&mut self, q: &At<'_>, name: &str, zh_val: Option<&String>, en: &str) -> String {
        match zh_val {
            Some(z) if !z.trim().is_empty() => z.clone(),
            _ => {
                self.untranslated(
                    q,
                    format!("question `{}` has no Chinese `zh.{name}`", q.qid),
                );
                en.to_string()
            }
        }
    }

    /// The `n`th question of quiz `quiz_id`; `None` when it is skipped or broken (the reason is
    /// recorded). `seen`: the ids read so far, with their positions.
    fn question(
        &mut self,
        quiz_id: &str,
        n: usize,
        q: &RawQuestion,
        seen: &mut BTreeMap<String, (u32, u32)>,
    ) -> Option<Question> {
        let file = self.env.file;
        let qline = q
            .kind
            .as_ref()
            .map(|k| self.at(k.span()))
            .or_else(|| q.prompt.as_ref().map(|p| self.at(p.span())))
            .unwrap_or((1, 1));
        let qid = match &q.id {
            Some(s) => s.get_ref().clone(),
            None => format!("{quiz_id}-{}", n + 1),
        };
        let id_pos = q.id.as_ref().map(|s| self.at(s.span())).unwrap_or(qline);
        if let Some((l, c)) = seen.get(&qid) {
            let msg = format!("question id `{qid}` is used twice (first at line {l}, col {c})");
            self.problem(id_pos, msg);
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
            self.out.notices.push(msg.clone());
            self.out.quiz.skipped.push(msg);
            return None;
        }
        let Some(prompt) = &q.prompt else {
            self.problem(qline, format!("question `{qid}` has no `prompt.prompt`"));
            return None;
        };
        let Some(prompt_text) = &prompt.get_ref().prompt else {
            let pos = self.at(prompt.span());
            self.problem(pos, format!("question `{qid}` has no `prompt.prompt`"));
            return None;
        };
        let zh = q.zh.as_ref().map(|z| z.get_ref());
        let zh_pos = q.zh.as_ref().map(|z| self.at(z.span())).unwrap_or(qline);
        let at = At {
            qid,
            line: qline,
            zh,
            zh_pos,
        };
        let ppos = self.at(prompt_text.span());
        let zh_prompt = self.twin(
            &at,
            "prompt",
            zh.and_then(|z| z.prompt.as_ref()),
            prompt_text.get_ref(),
        );
        let prompt_md = Text2 {
            en: self.md(prompt_text.get_ref(), ppos),
            zh: self.md(&zh_prompt, zh_pos),
        };
        let context = match &q.context {
            Some(c) => {
                let zc = self.twin(
                    &at,
                    "context",
                    zh.and_then(|z| z.context.as_ref()),
                    c.get_ref(),
                );
                let cpos = self.at(c.span());
                Text2 {
                    en: self.md(c.get_ref(), cpos),
                    zh: self.md(&zc, zh_pos),
                }
            }
            None => Text2::default(),
        };
        let qid = &at.qid;
        let Some(answer) = &q.answer else {
            self.problem(qline, format!("question `{qid}` has no `answer.answer`"));
            return None;
        };
        let Some(ans) = &answer.get_ref().answer else {
            let pos = self.at(answer.span());
            self.problem(pos, format!("question `{qid}` has no `answer.answer`"));
            return None;
        };
        let apos = self.at(ans.span());
        let answers_en = ans.get_ref().list();
        if answers_en.is_empty() || answers_en.iter().any(|a| a.trim().is_empty()) {
            self.problem(apos, format!("question `{qid}`: an answer is empty"));
            return None;
        }
        let lesson = q.lesson.as_ref().map(|l| {
            let (line, col) = self.at(l.span());
            self.out.lessons.push((l.get_ref().clone(), line, col));
            l.get_ref().clone()
        });
        let given = Given {
            answer: answer.get_ref(),
            answers_en,
            apos,
            multiple: matches!(ans.get_ref(), OneOrMany::Many(_)),
            zh_answers: zh
                .and_then(|z| z.answer.as_ref())
                .map(|a| a.get_ref().list()),
        };
        let question_kind = if kind == "ShortAnswer" {
            let mut short = self.short(&at, &given)?;
            short.mistakes = self.mistakes(&at, q, &short.accepted);
            QuestionKind::Short(short)
        } else {
            if let Some(m) = &q.mistakes {
                let pos = self.at(m.span());
                self.problem(
                    pos,
                    format!("question `{}`: `mistakes` is for ShortAnswer questions (a MultipleChoice explains its distractors in `explain.distractors`)", at.qid),
                );
            }
            self.choice(&at, q, prompt.get_ref(), &given)
        };
        Some(Question {
            id: at.qid,
            topic: q.topic.clone().unwrap_or_else(|| "general".into()),
            lesson,
            line: qline.0,
            prompt: prompt_md,
            kind: question_kind,
            context,
        })
    }

    /// A ShortAnswer: its one answer and every spelling accepted (both languages'
    /// alternatives, normalised).
    fn short(&mut self, at: &At<'_>, g: &Given<'_>) -> Option<Short> {
        if g.answers_en.len() != 1 {
            self.problem(
                g.apos,
                format!("question `{}`: a ShortAnswer has one `answer.answer` (list more under `answer.alternatives`)", at.qid),
            );
            return None;
        }
        let en = g.answers_en[0].clone();
        let zh_shown = g
            .zh_answers
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
        for a in g.answer.alternatives.iter().flatten() {
            accept(a);
        }
        for a in g.zh_answers.iter().flatten() {
            accept(a);
        }
        for a in at
            .zh
            .and_then(|z| z.alternatives.as_ref())
            .into_iter()
            .flatten()
        {
            accept(a);
        }
        Some(Short {
            answer: Text2 { en, zh: zh_shown },
            accepted,
            mistakes: vec![],
        })
    }

    /// A ShortAnswer's common wrong answers: each with a spelling and why it is wrong in both
    /// languages; no spelling that is accepted or listed twice.
    fn mistakes(&mut self, at: &At<'_>, q: &RawQuestion, accepted: &[String]) -> Vec<Mistake> {
        let qid = &at.qid;
        let mut out: Vec<Mistake> = vec![];
        for m in q.mistakes.iter().flat_map(|m| m.get_ref()) {
            let mpos = self.at(m.span());
            let m = m.get_ref();
            let Some(answer) = &m.answer else {
                self.problem(mpos, format!("question `{qid}`: a mistake has no `answer`"));
                continue;
            };
            let Some(why) = &m.why else {
                self.problem(mpos, format!("question `{qid}`: a mistake has no `why`"));
                continue;
            };
            let apos = self.at(answer.span());
            let zh = m.zh.as_ref();
            let spellings = answer.get_ref().list().into_iter().chain(
                zh.and_then(|z| z.answer.as_ref())
                    .map(|a| a.list())
                    .into_iter()
                    .flatten(),
            );
            let mut typed: Vec<String> = vec![];
            for a in spellings {
                let n = normalize_answer(&a);
                if n.is_empty() {
                    self.problem(
                        apos,
                        format!("question `{qid}`: a mistake's answer is empty"),
                    );
                } else if accepted.contains(&n) {
                    self.problem(
                        apos,
                        format!("question `{qid}`: the mistake {a:?} is an accepted answer"),
                    );
                } else if typed.contains(&n) || out.iter().any(|o| o.typed.contains(&n)) {
                    self.problem(
                        apos,
                        format!("question `{qid}`: the mistake {a:?} is listed twice"),
                    );
                } else {
                    typed.push(n);
                }
            }
            let wpos = self.at(why.span());
            let why_zh = match zh.and_then(|z| z.why.as_ref()) {
                Some(z) if !z.trim().is_empty() => z.clone(),
                _ => {
                    self.untranslated(
                        at,
                        format!(
                            "question `{qid}`: the mistake {:?} has no Chinese `zh.why`",
                            answer.get_ref().list().first().cloned().unwrap_or_default()
                        ),
                    );
                    why.get_ref().clone()
                }
            };
            if why.get_ref().trim().is_empty() {
                self.problem(
                    wpos,
                    format!("question `{qid}`: a mistake's `why` is empty"),
                );
            }
            out.push(Mistake {
                typed,
                why: Text2 {
                    en: self.md(why.get_ref(), wpos),
                    zh: self.md(&why_zh, at.zh_pos),
                },
            });
        }
        out
    }

    /// A MultipleChoice: its answers and distractors in both languages, with the checks that
    /// the arrays line up.
    fn choice(
        &mut self,
        at: &At<'_>,
        q: &RawQuestion,
        p: &RawPrompt,
        g: &Given<'_>,
    ) -> QuestionKind {
        let qid = &at.qid;
        let distractors: Vec<Spanned<String>> = p.distractors.clone().unwrap_or_default();
        for a in &g.answers_en {
            if let Some(d) = distractors.iter().find(|d| d.get_ref().trim() == a.trim()) {
                let pos = self.at(d.span());
                self.problem(
                    pos,
                    format!("question `{qid}`: the answer {a:?} is also a distractor"),
                );
            }
        }
        if distractors.is_empty() && g.answers_en.len() < 2 {
            self.problem(
                at.line,
                format!("question `{qid}` has no `prompt.distractors`"),
            );
        }
        let answer_index = self.answer_index(at, p, distractors.len());
        self.check_lengths(at, q, g, distractors.len());
        let en_explain: Vec<String> = q
            .explain
            .as_ref()
            .and_then(|e| e.distractors.as_ref())
            .map(|v| v.get_ref().clone())
            .unwrap_or_default();
        if !en_explain.is_empty() && at.zh.and_then(|z| z.explain.as_ref()).is_none() {
            self.untranslated(at, format!("question `{qid}` has no Chinese `zh.explain`"));
        }
        let zh_d: Vec<String> = at
            .zh
            .and_then(|z| z.distractors.as_ref())
            .map(|v| v.get_ref().clone())
            .unwrap_or_default();
        let zh_e: Vec<String> = at
            .zh
            .and_then(|z| z.explain.as_ref())
            .map(|v| v.get_ref().clone())
            .unwrap_or_default();
        let mut opts = vec![];
        for (i, d) in distractors.iter().enumerate() {
            let pos = self.at(d.span());
            let en_text = d.get_ref();
            let zh_text = zh_d.get(i).cloned().unwrap_or_else(|| en_text.clone());
            let why_en = en_explain.get(i).cloned().unwrap_or_default();
            let why_zh = zh_e.get(i).cloned().unwrap_or_else(|| why_en.clone());
            opts.push(Opt {
                key: en_text.trim().to_string(),
                text: Text2 {
                    en: self.md(en_text, pos),
                    zh: self.md(&zh_text, at.zh_pos),
                },
                why: Text2 {
                    en: self.md(&why_en, pos),
                    zh: self.md(&why_zh, at.zh_pos),
                },
            });
        }
        let mut answers = vec![];
        for (i, a) in g.answers_en.iter().enumerate() {
            let zh_text = g
                .zh_answers
                .as_ref()
                .and_then(|v| v.get(i).cloned())
                .unwrap_or_else(|| a.clone());
            answers.push(Opt {
                key: a.trim().to_string(),
                text: Text2 {
                    en: self.md(a, g.apos),
                    zh: self.md(&zh_text, at.zh_pos),
                },
                why: Text2::default(),
            });
        }
        QuestionKind::Choice(Choice {
            answers,
            distractors: opts,
            multiple: g.multiple,
            answer_index,
            sort: p.sort_answers.unwrap_or(false),
        })
    }

    /// `answerIndex`, if given and inside 0..=distractors (with several answers, mdbook-quiz
    /// puts them all there, in their order).
    fn answer_index(&mut self, at: &At<'_>, p: &RawPrompt, n: usize) -> Option<usize> {
        let i = p.answer_index.as_ref()?;
        let v = *i.get_ref();
        if v < 0 || v as usize > n {
            let pos = self.at(i.span());
            self.problem(
                pos,
                format!(
                    "question `{}`: `answerIndex` {v} is outside 0..={n}",
                    at.qid
                ),
            );
            None
        } else {
            Some(v as usize)
        }
    }

    /// The arrays that must have one entry per distractor (or per answer) do, and the Chinese
    /// ones exist.
    fn check_lengths(&mut self, at: &At<'_>, q: &RawQuestion, g: &Given<'_>, n: usize) {
        let qid = &at.qid;
        let zh = at.zh;
        for (name, v) in [
            (
                "explain.distractors",
                q.explain.as_ref().and_then(|e| e.distractors.as_ref()),
            ),
            ("zh.distractors", zh.and_then(|z| z.distractors.as_ref())),
            ("zh.explain", zh.and_then(|z| z.explain.as_ref())),
        ] {
            if let Some(v) = v {
                if v.get_ref().len() != n {
                    let pos = self.at(v.span());
                    self.problem(
                        pos,
                        format!(
                            "question `{qid}`: `{name}` has {} entries for {n} distractors",
                            v.get_ref().len()
                        ),
                    );
                }
            }
        }
        if let Some(za) = zh.and_then(|z| z.answer.as_ref()) {
            let zl = za.get_ref().list();
            if zl.len() != g.answers_en.len() {
                let pos = self.at(za.span());
                self.problem(
                    pos,
                    format!(
                        "question `{qid}`: `zh.answer` has {} entries for {} answers",
                        zl.len(),
                        g.answers_en.len()
                    ),
                );
            }
        }
        if zh.and_then(|z| z.distractors.as_ref()).is_none() && n > 0 {
            self.untranslated(
                at,
                format!("question `{qid}` has no Chinese `zh.distractors`"),
            );
        }
        if g.zh_answers.is_none() {
            self.untranslated(at, format!("question `{qid}` has no Chinese `zh.answer`"));
        }
    }
}

/// A question's `answer` as given, read once.
struct Given<'a> {
    answer: &'a RawAnswer,
    /// The English answers (one for a ShortAnswer).
    answers_en: Vec<String>,
    /// Where `answer.answer` is.
    apos: (u32, u32),
    /// `answer.answer` is an array: pick every right one.
    multiple: bool,
    zh_answers: Option<Vec<String>>,
}
