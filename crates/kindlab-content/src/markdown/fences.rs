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
