//! Syntax highlighting with syntect, run when the app is built (`build.rs`), so the app carries
//! no grammars: it only gets spans with a short token class, coloured by the stylesheet.
//!
//! Classes: `c` comment, `s` string, `n` number, `k` keyword, `a` key/attribute, `v` variable,
//! `f` command/function/section name, `t` constant; in `console` blocks `pr` the prompt, `o`
//! output and `hd` heredoc bodies. Empty = plain.

use crate::markdown::{console_lines, ConsoleLine};
use crate::model::Span;
use syntect::easy::ScopeRegionIterator;
use syntect::parsing::{
    ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet,
};

/// The grammars: syntect's defaults (YAML, JSON, Bash) plus kindlab's HAProxy grammar.
pub struct Highlighter {
    set: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// Loads the grammars (syntect's defaults and kindlab's HAProxy grammar): once, it takes a moment.
    pub fn new() -> Highlighter {
        let mut b = SyntaxSet::load_defaults_newlines().into_builder();
        let haproxy = SyntaxDefinition::load_from_str(
            include_str!("syntaxes/haproxy.sublime-syntax"),
            true,
            Some("haproxy"),
        )
        .expect("the HAProxy grammar in syntaxes/ parses");
        b.add(haproxy);
        Highlighter { set: b.build() }
    }

    fn syntax(&self, lang: &str) -> Option<&SyntaxReference> {
        match lang {
            "yaml" => self.set.find_syntax_by_extension("yaml"),
            "json" => self.set.find_syntax_by_extension("json"),
            "bash" | "console" => self.set.find_syntax_by_extension("sh"),
            "haproxy" => self.set.find_syntax_by_name("HAProxy"),
            _ => None,
        }
    }

    /// Highlights `code` written in `lang` into one list of spans per line.
    pub fn highlight(&self, lang: &str, code: &str) -> Vec<Vec<Span>> {
        if lang == "console" {
            return self.console(code);
        }
        match self.syntax(lang) {
            Some(syntax) => {
                let mut state = ParseState::new(syntax);
                let mut stack = ScopeStack::new();
                code.lines()
                    .map(|l| self.line(&mut state, &mut stack, l))
                    .collect()
            }
            None => code.lines().map(|l| vec![span("", l)]).collect(),
        }
    }

    /// `$ ` lines as bash with the prompt marked, heredoc bodies as strings, the rest as output.
    fn console(&self, code: &str) -> Vec<Vec<Span>> {
        let bash = self.syntax("bash");
        let kinds = console_lines(code);
        code.lines()
            .zip(kinds)
            .map(|(l, k)| match k {
                ConsoleLine::Command => {
                    let mut v = vec![span("pr", "$ ")];
                    let cmd = &l[2..];
                    match bash {
                        Some(syntax) => {
                            let mut state = ParseState::new(syntax);
                            v.extend(self.line(&mut state, &mut ScopeStack::new(), cmd));
                        }
                        None => v.push(span("", cmd)),
                    }
                    v
                }
                ConsoleLine::Heredoc => vec![span("hd", l)],
                ConsoleLine::Output => vec![span("o", l)],
            })
            .collect()
    }

    fn line(&self, state: &mut ParseState, stack: &mut ScopeStack, line: &str) -> Vec<Span> {
        let with_nl = format!("{line}\n");
        let mut out: Vec<Span> = vec![];
        let Ok(ops) = state.parse_line(&with_nl, &self.set) else {
            return vec![span("", line)];
        };
        for (text, op) in ScopeRegionIterator::new(&ops, &with_nl) {
            if stack.apply(op).is_err() {
                continue;
            }
            let text = text.trim_end_matches('\n');
            if text.is_empty() {
                continue;
            }
            let class = class_for(stack.as_slice());
            match out.last_mut() {
                Some(last) if last.class == class => last.text.push_str(text),
                _ => out.push(span(class, text)),
            }
        }
        if out.is_empty() {
            out.push(span("", ""));
        }
        out
    }
}

fn span(class: &str, text: &str) -> Span {
    Span {
        class: class.into(),
        text: text.into(),
    }
}

/// The token class of the innermost scope that has one.
fn class_for(stack: &[Scope]) -> &'static str {
    let names: Vec<String> = stack.iter().map(|s| s.build_string()).collect();
    if names.iter().any(|n| n.starts_with("meta.mapping.key")) {
        return "a";
    }
    for n in names.iter().rev() {
        let c = if n.starts_with("comment") || n.starts_with("punctuation.definition.comment") {
            "c"
        } else if n.starts_with("string") || n.starts_with("punctuation.definition.string") {
            "s"
        } else if n.starts_with("constant.numeric") {
            "n"
        } else if n.starts_with("constant") {
            "t"
        } else if n.starts_with("entity.name.tag") || n.starts_with("support.type.property-name") {
            "a"
        } else if n.starts_with("variable.function")
            || n.starts_with("entity.name.function")
            || n.starts_with("support.function")
            || n.starts_with("entity.name.section")
        {
            "f"
        } else if n.starts_with("keyword") || n.starts_with("storage") {
            "k"
        } else if n.starts_with("variable") {
            "v"
        } else {
            continue;
        };
        return c;
    }
    ""
}
