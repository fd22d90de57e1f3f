//! Fenced code: widgets (`kindlab-*` blocks), code blocks and their languages, console blocks
//! (commands, heredocs, output).

use super::*;

impl<'a, 'e> Builder<'a, 'e> {
    pub(super) fn code_block(&mut self, info: &str, text: String, range: Range<usize>) -> Block {
        let info = info.trim();
        let (name, rest) = match info.split_once(char::is_whitespace) {
            Some((n, r)) => (n, r.trim()),
            None => (info, ""),
        };
        let (line, col) = self.pos(range.start);
        if let Some(widget) = name.strip_prefix("kindlab-") {
            let w = match widget {
                "topology" => Widget::Topology {
                    caption: rest.to_string(),
                    commands: text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .map(str::to_string)
                        .collect(),
                    drawn: String::new(),
                },
                "lab" => {
                    let guide = text
                        .lines()
                        .find_map(|l| l.trim().strip_prefix("guide:"))
                        .map(|g| g.trim().to_string());
                    Widget::Lab {
                        caption: rest.to_string(),
                        commands: if guide.is_some() {
                            String::new()
                        } else {
                            text.trim_end().to_string()
                        },
                        guide,
                    }
                }
                "quiz" => {
                    let id = text.trim().to_string();
                    if id.is_empty() || id.contains(char::is_whitespace) {
                        self.problem(
                            range.start,
                            "a kindlab-quiz block holds one quiz id (a file name in quizzes/)"
                                .into(),
                        );
                    }
                    Widget::Quiz { id }
                }
                "checkpoint" => {
                    let questions: Vec<String> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && !l.starts_with('#'))
                        .flat_map(str::split_whitespace)
                        .map(str::to_string)
                        .collect();
                    if questions.is_empty() || questions.len() > 2 {
                        self.problem(
                            range.start,
                            "a kindlab-checkpoint block names one or two question ids (from quizzes/*.toml)"
                                .into(),
                        );
                    }
                    Widget::Checkpoint { questions }
                }
                "predict" => Widget::Predict(Box::new(self.predict(rest, &text, line))),
                _ => {
                    self.problem(
                        range.start,
                        format!("unknown widget `{name}` (known: {})", WIDGETS.join(", ")),
                    );
                    return Block::Code(CodeBlock {
                        lang: "text".into(),
                        lines: (self.env.highlight)("text", &text),
                        text,
                        commands: String::new(),
                    });
                }
            };
            self.out.widgets.push(Found {
                line,
                col,
                item: w.clone(),
            });
            return Block::Widget(w);
        }
        let lang = code_lang(name);
        if !CODE_LANGS.contains(&lang.as_str()) {
            self.problem(
                range.start,
                format!(
                    "unknown code language `{name}` (use {})",
                    CODE_LANGS.join(", ")
                ),
            );
        }
        let lang = if CODE_LANGS.contains(&lang.as_str()) {
            lang
        } else {
            "text".into()
        };
        let commands = if lang == "console" {
            console_commands(&text)
        } else {
            String::new()
        };
        if !commands.is_empty() {
            self.out.consoles.push(Found {
                line,
                col,
                item: commands.clone(),
            });
        }
        Block::Code(CodeBlock {
            lines: (self.env.highlight)(&lang, &text),
            lang,
            text,
            commands,
        })
    }
}

/// The keys of a `kindlab-predict` block's lines.
pub const PREDICT_KEYS: &[&str] = &["ask", "choice", "run", "observe", "explain"];

impl<'a, 'e> Builder<'a, 'e> {
    /// A `kindlab-predict` block: `ask:`, `choice VALUE:` (two or more), `run:` (lines after a
    /// `run:` line that start with no key belong to it: a heredoc's body), `observe:`, `explain:`.
    fn predict(&mut self, id: &str, text: &str, fence_line: u32) -> Predict {
        let mut p = Predict {
            id: id.to_string(),
            ask: vec![],
            choices: vec![],
            run: vec![],
            run_at: vec![],
            observe: String::new(),
            explain: vec![],
            observed: None,
        };
        let mut problems: Vec<(u32, String)> = vec![];
        if id.is_empty() || id.contains(char::is_whitespace) {
            problems.push((
                fence_line,
                "kindlab-predict: the block needs an id after its name (```kindlab-predict ID)"
                    .into(),
            ));
        }
        let mut in_run = false;
        for (i, raw) in text.lines().enumerate() {
            let at = fence_line + 1 + i as u32;
            let key = raw
                .split_once(':')
                .map(|(k, v)| (k.trim(), v.trim()))
                .filter(|(k, _)| PREDICT_KEYS.contains(&k.split_whitespace().next().unwrap_or("")));
            let Some((key, value)) = key else {
                if in_run {
                    p.run.push(raw.to_string());
                    p.run_at.push(at);
                } else if !raw.trim().is_empty() && !raw.trim_start().starts_with('#') {
                    problems.push((
                        at,
                        "kindlab-predict: every line starts with a key (ask:, choice VALUE:, run:, observe:, explain:)".into(),
                    ));
                }
                continue;
            };
            in_run = key == "run";
            let mut words = key.split_whitespace();
            match (words.next().unwrap_or(""), words.next()) {
                ("ask", None) => p.ask = self.snippet(value, at),
                ("explain", None) => p.explain = self.snippet(value, at),
                ("observe", None) => p.observe = value.to_string(),
                ("run", None) => {
                    p.run.push(value.to_string());
                    p.run_at.push(at);
                }
                ("choice", Some(v)) if words.next().is_none() => {
                    let label = self.snippet(value, at);
                    p.choices.push(PredictChoice { value: v.to_string(), label });
                }
                _ => problems.push((at, format!("kindlab-predict: `{key}:` is not a key here (`choice VALUE: label`, or one of {})", PREDICT_KEYS.join(", ")))),
            }
        }
        for (what, missing) in [
            ("ask:", p.ask.is_empty()),
            ("explain:", p.explain.is_empty()),
            ("observe:", p.observe.is_empty()),
            ("two or more `choice VALUE:` lines", p.choices.len() < 2),
        ] {
            if missing {
                problems.push((
                    fence_line,
                    format!("kindlab-predict: the block needs {what}"),
                ));
            }
        }
        for (line, message) in problems {
            self.out.problems.push(Problem {
                file: self.env.file.into(),
                line,
                col: 1,
                message,
            });
        }
        p
    }

    /// A line of Markdown inside a widget (a prediction's question, choice or explanation).
    fn snippet(&mut self, text: &str, line: u32) -> Rich {
        let (blocks, problems) = super::parse_snippet(self.env, text, line);
        self.out.problems.extend(problems);
        blocks
    }
}

/// Lines of a `console` block that are commands (after `$ `), with their heredoc bodies.
pub fn console_commands(text: &str) -> String {
    let kinds = console_lines(text);
    text.lines()
        .zip(kinds)
        .filter_map(|(line, kind)| match kind {
            ConsoleLine::Command => line.strip_prefix("$ "),
            ConsoleLine::Heredoc => Some(line),
            ConsoleLine::Output => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Which lines of a console block are commands (`$ `), heredoc bodies, or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleLine {
    /// `$ command` (the prompt is not part of the command).
    Command,
    /// A heredoc's body or its closing line, as the shell reads them.
    Heredoc,
    /// What the commands printed.
    Output,
}

/// The kind of each line of a console block, read as the simulator's shell reads it
/// (`kindlab_lines`: the same heredoc rules as `kindlab sim` and the lab's terminal).
pub fn console_lines(text: &str) -> Vec<ConsoleLine> {
    let mut reader = kindlab_lines::LineReader::default();
    text.lines()
        .map(|line| {
            if reader.is_open() {
                reader.feed(line);
                ConsoleLine::Heredoc
            } else if let Some(cmd) = line.strip_prefix("$ ") {
                reader.feed(cmd);
                ConsoleLine::Command
            } else {
                ConsoleLine::Output
            }
        })
        .collect()
}
