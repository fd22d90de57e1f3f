//! `kindlab check [DIR]`: validates a content folder (default `content/`) and prints every
//! problem as `file:line:col: message`; exit status 1 when there is any, else 0 and a one-line
//! summary. Adds to what loading finds (front matter, order file, twins, links and anchors,
//! images, widget names, raw HTML, unsafe links, quiz rules, guide files' shape,
//! mistranslations) the checks that need the app: every command of a `kindlab-topology` block
//! must be accepted by the simulator, and the guided labs' texts (`guides/ID.toml`) must match
//! their rules (`src/lab/guide/`): every step and every message a check can return written in
//! both languages, with only the placeholders the check fills in, and nothing the rules do not
//! know; the break-fix challenges' texts (`challenges/ID.toml`) likewise against theirs
//! (`src/lab/challenge/`, see [`challenges`]).

mod challenges;

use crate::content::bundle::{self, GuideInfo, Loaded};
use crate::content::diag::Problem;
use crate::content::model::{self, Guide, GuideStep, Lang, Text2, Widget};
use crate::lab::guide::{self, Answers, GuideDef, StepDef};
use crate::sim::{Session, SessionOptions};
use std::path::Path;

/// Everything `kindlab check` found.
pub struct Report {
    /// The content as loaded (lessons, quizzes, their problems).
    pub loaded: Loaded,
    /// All problems, loading's and the simulator's, sorted by file and position.
    pub problems: Vec<Problem>,
}

/// Checks the content folder `dir`.
pub fn check(dir: &Path) -> Report {
    let loaded = bundle::load(dir, &bundle::plain);
    let mut problems = loaded.problems.clone();
    for info in &loaded.lessons {
        for w in &info.widgets {
            match &w.item {
                Widget::Topology { commands, .. } => {
                    if commands.is_empty() {
                        problems.push(Problem {
                            file: info.file.clone(),
                            line: w.line,
                            col: w.col,
                            message: "kindlab-topology: the block holds no commands (use `sleep 10s` for the start state)".into(),
                        });
                    }
                    let mut s = Session::new(SessionOptions::default());
                    for (i, c) in commands.iter().enumerate() {
                        let (out, ok) = s.run_status(c);
                        if !ok {
                            let first = out.lines().next().unwrap_or("it failed").trim();
                            problems.push(Problem {
                                file: info.file.clone(),
                                // the commands start on the line after the fence
                                line: w.line + 1 + i as u32,
                                col: 1,
                                message: format!(
                                    "kindlab-topology: the simulator does not accept `{c}`: {first}"
                                ),
                            });
                        }
                    }
                }
                Widget::Predict(p) => problems.extend(predict_problems(&info.file, w.line, p)),
                Widget::Lab { guide: Some(g), .. } if !crate::lab::GUIDES.contains(&g.as_str()) => {
                    problems.push(Problem {
                        file: info.file.clone(),
                        line: w.line,
                        col: w.col,
                        message: format!(
                            "kindlab-lab: no guided lab `{g}` (known: {})",
                            crate::lab::GUIDES.join(", ")
                        ),
                    });
                }
                Widget::Lab { guide: Some(g), .. } if loaded.bundle.guide(g).is_none() => {
                    problems.push(Problem {
                        file: info.file.clone(),
                        line: w.line,
                        col: w.col,
                        message: format!(
                            "kindlab-lab: the guided lab `{g}` has no texts (no file guides/{g}.toml)"
                        ),
                    });
                }
                _ => {}
            }
        }
    }
    // the command sheet's "try in the lab" commands must run in the lab
    for c in &loaded.lab_commands {
        let mut s = Session::new(SessionOptions::default());
        let (out, ok) = s.run_status(&c.item);
        if !ok {
            let first = out.lines().next().unwrap_or("it failed").trim();
            problems.push(Problem {
                file: bundle::GLOSSARY.into(),
                line: c.line,
                col: c.col,
                message: format!(
                    "`lab = true`, but the lab's shell does not accept `{}`: {first}",
                    c.item
                ),
            });
        }
    }
    problems.extend(guide_problems(&loaded));
    problems.extend(challenges::problems(&loaded));
    problems.sort();
    problems.dedup();
    Report { loaded, problems }
}

/// A `kindlab-predict` block against the simulator: its commands are accepted, its rule reads
/// a value, and exactly one of its choices stands for that value.
fn predict_problems(file: &str, line: u32, p: &model::Predict) -> Vec<Problem> {
    use crate::lab::predict::{observe, PredictError};
    let at = |line: u32, message: String| Problem {
        file: file.to_string(),
        line,
        col: 1,
        message: format!("kindlab-predict `{}`: {message}", p.id),
    };
    if p.id.is_empty() || p.choices.len() < 2 || p.observe.is_empty() {
        // the block itself is incomplete: reported where it was read
        return vec![];
    }
    match observe(&p.run, &p.observe) {
        Err(PredictError::Command { index, message }) => {
            let l = p.run_at.get(index).copied().unwrap_or(line);
            let cmd = p.run.get(index).map(String::as_str).unwrap_or("");
            vec![at(
                l,
                format!("the simulator does not accept `{cmd}`: {message}"),
            )]
        }
        Err(PredictError::Rule(m)) => vec![at(line, m)],
        Ok(o) => match p.matching(&o.value).len() {
            1 => vec![],
            0 => vec![at(
                line,
                format!(
                    "the simulator shows `{}`, which no choice stands for",
                    o.value
                ),
            )],
            n => vec![at(
                line,
                format!(
                    "the simulator shows `{}`, which {n} choices stand for (one must)",
                    o.value
                ),
            )],
        },
    }
}

/// The guide files against the guided labs' rules. A folder without `guides/` has no guided
/// labs (its lessons may name none); with one, every guided lab of the app needs its file.
fn guide_problems(loaded: &Loaded) -> Vec<Problem> {
    let mut out = vec![];
    for info in &loaded.guides {
        let Some(texts) = loaded.bundle.guide(&info.id) else {
            continue;
        };
        match guide::find(&info.id) {
            Some(def) => match_guide(def, texts, info, &mut out),
            None => out.push(Problem {
                file: info.file.clone(),
                line: 1,
                col: 1,
                message: format!(
                    "no guided lab `{}` in the app (known: {})",
                    info.id,
                    guide::GUIDES.join(", ")
                ),
            }),
        }
    }
    if loaded.has_guides {
        for id in guide::GUIDES {
            if !loaded.guides.iter().any(|g| g.id == *id) {
                out.push(Problem {
                    file: format!("guides/{id}.toml"),
                    line: 1,
                    col: 1,
                    message: format!("the guided lab `{id}` has no texts: this file is missing"),
                });
            }
        }
    }
    out
}

/// One guide file against its guided lab's definition.
fn match_guide(def: &GuideDef, texts: &Guide, info: &GuideInfo, out: &mut Vec<Problem>) {
    let mut m = GuideMatch { info, out };
    m.placeholders("title", "the title", &texts.title, &[]);
    m.placeholders("intro", "the intro", &texts.intro, &[]);
    let step_ids: Vec<&str> = def.steps.iter().map(|s| s.id).collect();
    for t in &texts.steps {
        if !step_ids.contains(&t.id.as_str()) {
            m.problem(
                m.at(&format!("steps.{}", t.id), None),
                format!(
                    "no step `{}` in the guided lab `{}` (its steps: {})",
                    t.id,
                    def.id,
                    step_ids.join(", ")
                ),
            );
        }
    }
    for step in &def.steps {
        let sid = step.id;
        match texts.step(sid) {
            Some(t) => m.step(step, t),
            None => m.problem(
                (1, 1),
                format!("the step `{sid}` has no texts: add a [[steps]] with id = \"{sid}\""),
            ),
        }
    }
}

/// Matching one guide file: where its texts are, and the problems found.
struct GuideMatch<'a> {
    info: &'a GuideInfo,
    out: &'a mut Vec<Problem>,
}

impl GuideMatch<'_> {
    /// Where the text at `key` is (in `lang`), else the file's start.
    fn at(&self, key: &str, lang: Option<Lang>) -> (u32, u32) {
        self.info
            .positions
            .get(&(key.to_string(), lang))
            .or_else(|| self.info.positions.get(&(key.to_string(), None)))
            .copied()
            .unwrap_or((1, 1))
    }

    fn problem(&mut self, pos: (u32, u32), message: String) {
        self.out.push(Problem {
            file: self.info.file.clone(),
            line: pos.0,
            col: pos.1,
            message,
        })
    }

    /// Placeholders in `t` (the text at `key`) that are not among `allowed`.
    fn placeholders(&mut self, key: &str, what: &str, t: &Text2<String>, allowed: &[&str]) {
        for lang in Lang::ALL {
            for p in model::placeholders(t.get(lang)) {
                if !allowed.contains(&p) {
                    let gives = if allowed.is_empty() {
                        "is shown as written: it has no placeholders".to_string()
                    } else {
                        let names: Vec<String> =
                            allowed.iter().map(|a| format!("{{{a}}}")).collect();
                        format!("may use only {}", names.join(", "))
                    };
                    self.problem(
                        self.at(key, Some(lang)),
                        format!("{what} uses {{{p}}}, but it {gives}"),
                    );
                }
            }
        }
    }

    /// One step's texts against its rules.
    fn step(&mut self, step: &StepDef, t: &GuideStep) {
        let sid = step.id;
        let key = |k: &str| format!("steps.{sid}.{k}");
        let step_at = self.at(&format!("steps.{sid}"), None);
        let title = format!("step `{sid}`: the title");
        self.placeholders(&key("title"), &title, &t.title, guide::TITLE_PLACEHOLDERS);
        let hint = format!("step `{sid}`: the hint");
        self.placeholders(&key("hint"), &hint, &t.hint, &[]);
        match (&step.ask, &t.ask) {
            (Some(_), None) => self.problem(
                step_at,
                format!("step `{sid}` asks a question: it needs `ask.en` and `ask.zh`"),
            ),
            (None, Some(_)) => self.problem(
                self.at(&key("ask"), None),
                format!("step `{sid}` asks no question: remove `ask`"),
            ),
            (Some(_), Some(a)) => {
                let what = format!("step `{sid}`: the question");
                self.placeholders(&key("ask"), &what, a, &[]);
            }
            (None, None) => {}
        }
        self.options(step, t, step_at);
        self.whys(step, t, step_at);
    }

    /// Every listed answer has a label, and every label an answer.
    fn options(&mut self, step: &StepDef, t: &GuideStep, step_at: (u32, u32)) {
        let sid = step.id;
        let values: &[&str] = match step.ask {
            Some(Answers::Listed(v)) => v,
            _ => &[],
        };
        for v in values {
            if t.option(v).is_none() {
                self.problem(
                    step_at,
                    format!("step `{sid}`: the answer `{v}` has no label: add `options.{v}.en` and `options.{v}.zh`"),
                );
            }
        }
        for (v, label) in &t.options {
            let key = format!("steps.{sid}.options.{v}");
            if !values.contains(&v.as_str()) {
                let known = if values.is_empty() {
                    "it offers no answers to label".to_string()
                } else {
                    format!("its answers: {}", values.join(", "))
                };
                self.problem(
                    self.at(&key, None),
                    format!("step `{sid}` has no answer `{v}` ({known})"),
                );
            } else {
                let what = format!("step `{sid}`: the answer `{v}`");
                self.placeholders(&key, &what, label, &[]);
            }
        }
    }

    /// Every message the check can return has a text (with only its placeholders), and every
    /// text a message the check returns.
    fn whys(&mut self, step: &StepDef, t: &GuideStep, step_at: (u32, u32)) {
        let sid = step.id;
        for (m, args) in step.why {
            let Some(text) = t.why(m) else {
                let names: Vec<String> = args.iter().map(|a| format!("{{{a}}}")).collect();
                let with = if names.is_empty() {
                    String::new()
                } else {
                    format!(" (it may use {})", names.join(", "))
                };
                self.problem(
                    step_at,
                    format!("step `{sid}`: its check can say `{m}`, which has no text: add `why.{m}.en` and `why.{m}.zh`{with}"),
                );
                continue;
            };
            let what = format!("step `{sid}`: `why.{m}`");
            self.placeholders(&format!("steps.{sid}.why.{m}"), &what, text, args);
        }
        for (m, _) in &t.why {
            if !step.why.iter().any(|(d, _)| d == m) {
                let known: Vec<&str> = step.why.iter().map(|(d, _)| *d).collect();
                self.problem(
                    self.at(&format!("steps.{sid}.why.{m}"), None),
                    format!(
                        "step `{sid}`: its check never says `{m}` (it says: {})",
                        known.join(", ")
                    ),
                );
            }
        }
    }
}

/// Runs `kindlab check [DIR]` and returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let mut dir: Option<&str> = None;
    for a in args {
        match a.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return 0;
            }
            s if s.starts_with('-') && s != "-" => {
                eprintln!("kindlab check: unknown option {s} (try kindlab check --help)");
                return 2;
            }
            s => {
                if dir.is_some() {
                    eprintln!("kindlab check: only one DIR may be given");
                    return 2;
                }
                dir = Some(s);
            }
        }
    }
    let dir = dir.unwrap_or("content");
    let path = Path::new(dir);
    if !path.is_dir() {
        eprintln!("kindlab check: {dir} is not a folder");
        return 2;
    }
    let report = check(path);
    for n in &report.loaded.notices {
        eprintln!("notice: {}/{n}", dir.trim_end_matches('/'));
    }
    let lessons = report.loaded.bundle.lessons.len();
    let quizzes = report.loaded.bundle.quizzes.len();
    let questions: usize = report
        .loaded
        .bundle
        .quizzes
        .iter()
        .map(|q| q.questions.len())
        .sum();
    if report.problems.is_empty() {
        println!(
            "kindlab check: {dir}: {lessons} lessons, {quizzes} quizzes ({questions} questions), {} files: no problems",
            report.loaded.files
        );
        0
    } else {
        for p in &report.problems {
            println!("{}/{p}", dir.trim_end_matches('/'));
        }
        eprintln!(
            "kindlab check: {dir}: {} problem{} in {} files",
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" },
            report.loaded.files
        );
        1
    }
}

/// `kindlab check --help`.
pub const USAGE: &str = "usage: kindlab check [DIR]

  Validates the lessons, quizzes and guided labs' texts in DIR (default: content): front
  matter, SUMMARY.md, en/zh twins, links and anchors, images, widgets (kindlab-topology
  commands are run in the simulator), raw HTML, unsafe links, quiz files, guide files (against
  the guided labs' steps and messages), and the source's known mistranslations.
  Prints file:line:col: message for each problem; exit 1 if there is any.
";

#[cfg(test)]
mod tests {
    use super::*;

    /// A content folder with no lessons and these guide files (the real ones, changed by `edit`).
    fn folder(name: &str, edit: &dyn Fn(&str, String) -> String) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("kindlab-check-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("guides")).unwrap();
        std::fs::write(dir.join("SUMMARY.md"), "# Summary\n").unwrap();
        for id in guide::GUIDES {
            let real = std::fs::read_to_string(format!("content/guides/{id}.toml")).unwrap();
            let text = edit(id, real);
            if !text.is_empty() {
                std::fs::write(dir.join(format!("guides/{id}.toml")), text).unwrap();
            }
        }
        dir
    }

    fn problems(dir: &Path) -> Vec<String> {
        let r = check(dir);
        let _ = std::fs::remove_dir_all(dir);
        r.problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn the_books_guide_files_match_the_guided_labs() {
        let r = check(Path::new("content"));
        let guides: Vec<String> = r
            .problems
            .iter()
            .filter(|p| p.file.starts_with("guides/"))
            .map(|p| p.to_string())
            .collect();
        assert!(guides.is_empty(), "{guides:#?}");
        assert_eq!(r.loaded.guides.len(), guide::GUIDES.len());
        // and unchanged, they pass alone
        assert!(problems(&folder("same", &|_, t| t)).is_empty());
    }

    #[test]
    fn a_broken_guide_file_is_named_with_the_line_of_each_problem() {
        let dir = folder("broken", &|id, t| match id {
            "chapter" => t
                // a message its check never returns, one it does without its text
                .replace("why.still-up.", "why.still-upp.")
                // a placeholder the check does not fill in, in one language
                .replace("{node} 仍是 Ready", "{pod} 仍是 Ready")
                // a step the rules do not have
                .replace("id = \"clean-up\"", "id = \"clean-up-now\"")
                // a label for an answer the step does not offer
                .replace("options.https.", "options.http."),
            // a TOML error
            "storage" => t.replace("title.zh = \"存储", "title.zh = 存储"),
            // missing altogether
            _ => String::new(),
        });
        assert_eq!(
            problems(&dir),
            vec![
                "guides/chapter.toml:1:1: the step `clean-up` has no texts: add a [[steps]] with id = \"clean-up\"",
                "guides/chapter.toml:45:22: step `wait-notready`: `why.still-ready` uses {pod}, but it may use only {node}",
                "guides/chapter.toml:68:6: step `two-active`: the answer `https` has no label: add `options.https.en` and `options.https.zh`",
                "guides/chapter.toml:79:9: step `two-active` has no answer `http` (its answers: orphan, replicas, https)",
                "guides/chapter.toml:91:6: step `restart-kubelet`: its check can say `still-up`, which has no text: add `why.still-up.en` and `why.still-up.zh` (it may use {server})",
                "guides/chapter.toml:100:5: step `restart-kubelet`: its check never says `still-upp` (it says: node-gone, kubelet-stopped, still-up)",
                "guides/chapter.toml:104:6: no step `clean-up-now` in the guided lab `chapter` (its steps: find-nginx, stop-kubelet, wait-notready, pod-still-running, delete-pod, two-active, restart-kubelet, clean-up)",
                "guides/storage.toml:6:12: TOML: missing opening quote, expected `\"`",
                "guides/tuning.toml:1:1: the guided lab `tuning` has no texts: this file is missing",
            ]
        );
    }
}
