//! `kindlab check [DIR]`: validates a content folder (default `content/`) and prints every
//! problem as `file:line:col: message`; exit status 1 when there is any, else 0 and a one-line
//! summary. Adds to what loading finds (front matter, order file, twins, links and anchors,
//! images, widget names, raw HTML, unsafe links, quiz rules, mistranslations) the checks that
//! need the simulator: every command of a `kindlab-topology` block must be accepted by it.

use crate::content::bundle::{self, Loaded};
use crate::content::diag::Problem;
use crate::content::model::Widget;
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
                _ => {}
            }
        }
    }
    problems.sort();
    problems.dedup();
    Report { loaded, problems }
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

  Validates the lessons and quizzes in DIR (default: content): front matter, SUMMARY.md,
  en/zh twins, links and anchors, images, widgets (kindlab-topology commands are run in the
  simulator), raw HTML, unsafe links, quiz files, and the source's known mistranslations.
  Prints file:line:col: message for each problem; exit 1 if there is any.
";
