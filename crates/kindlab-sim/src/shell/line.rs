//! One command line: operators spaced out, `$(...)` substituted, split into `&&`/`||`/`;`
//! sequences and `|` pipelines, redirections (`>`, `>>`) taken out and applied.

use super::filter::filter;
use super::subst::substitute;
use super::{nl, run_simple};
use crate::world::World;

/// Puts spaces around unquoted `|`, `||`, `&&` and `;` so that `a|b` splits like `a | b`.
fn space_operators(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                } else if c == '\\' && q == '"' && i + 1 < chars.len() {
                    out.push(c);
                    i += 1;
                    out.push(chars[i]);
                    i += 1;
                    continue;
                }
                out.push(c);
            }
            None => {
                if c == '\\' && i + 1 < chars.len() {
                    out.push(c);
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if c == '\'' || c == '"' {
                    quote = Some(c);
                    out.push(c);
                } else if (c == '|' || c == '&') && chars.get(i + 1) == Some(&c) {
                    out.push_str(&format!(" {c}{c} "));
                    i += 2;
                    continue;
                } else if c == '|' || c == ';' {
                    out.push_str(&format!(" {c} "));
                } else {
                    out.push(c);
                }
            }
        }
        i += 1;
    }
    out
}

/// One simple command after redirections were taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simple {
    /// The words, `~` expanded.
    pub words: Vec<String>,
    /// Where the output goes: (file, append).
    pub out: Option<(String, bool)>,
}

/// How a pipeline is joined to the next: `;`, `&&` or `||`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// `;` (or the line's end): the next runs anyway.
    Always,
    /// `&&`: the next runs if this one succeeded.
    IfOk,
    /// `||`: the next runs if this one failed.
    IfFailed,
}

/// One pipeline of a command line: its stages (`a | b | c`), each with its redirections taken
/// out or the syntax error it has (reported when the pipeline's turn comes, as bash does), and
/// how the next pipeline follows. No stages for an empty sequence (`a ; ; b`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// The stages in order.
    pub stages: Vec<Result<Simple, String>>,
    /// How the next pipeline follows.
    pub then: Then,
}

/// Reads a command line (after `$(...)` substitution) into its pipelines: words split as bash
/// quotes them, operators with or without spaces around them, redirections taken out. Pure:
/// the shell's parser alone, with no world (the fuzz target `shell` drives it).
pub fn parse_line(line: &str) -> Result<Vec<Pipeline>, String> {
    let words = shell_words::split(&space_operators(line))
        .map_err(|_| "bash: unexpected EOF while looking for matching quote".to_string())?;
    let mut cur: Vec<String> = Vec::new();
    let mut seqs: Vec<(Vec<String>, Then)> = Vec::new();
    for word in words {
        let then = match word.as_str() {
            "&&" => Some(Then::IfOk),
            "||" => Some(Then::IfFailed),
            ";" => Some(Then::Always),
            _ => None,
        };
        if let Some(then) = then {
            seqs.push((std::mem::take(&mut cur), then));
        } else if let Some(stripped) = word.strip_suffix(';').filter(|s| !s.is_empty()) {
            cur.push(stripped.to_string());
            seqs.push((std::mem::take(&mut cur), Then::Always));
        } else {
            cur.push(word);
        }
    }
    seqs.push((cur, Then::Always));
    Ok(seqs
        .into_iter()
        .map(|(words, then)| Pipeline {
            stages: if words.is_empty() {
                vec![]
            } else {
                words
                    .split(|w| w == "|")
                    .map(|stage| take_redirects(stage.to_vec()))
                    .collect()
            },
            then,
        })
        .collect())
}

fn expand_tilde(w: &str) -> String {
    if w == "~" {
        "/root".into()
    } else if let Some(r) = w.strip_prefix("~/") {
        format!("/root/{r}")
    } else {
        w.to_string()
    }
}

/// Takes `>`/`>>`/`2>`/`<<` operators out of the words.
fn take_redirects(words: Vec<String>) -> Result<Simple, String> {
    let mut out = None;
    let mut rest = Vec::new();
    let mut it = words.into_iter().peekable();
    while let Some(w) = it.next() {
        if w == ">" || w == ">>" || w == "1>" {
            let target = it
                .next()
                .ok_or("bash: syntax error near unexpected token `newline'")?;
            out = Some((expand_tilde(&target), w == ">>"));
        } else if let Some(t) = w.strip_prefix(">>").filter(|t| !t.is_empty()) {
            out = Some((expand_tilde(t), true));
        } else if let Some(t) = w
            .strip_prefix('>')
            .filter(|t| !t.is_empty() && !t.starts_with('&'))
        {
            out = Some((expand_tilde(t), false));
        } else if w == "2>" || w == "2>>" {
            it.next();
        } else if w.starts_with("2>") || w == "&>" {
            // stderr redirections: output is not split in this shell
        } else if w == "<<" || w == "<<-" {
            it.next();
        } else if w.starts_with("<<") {
        } else {
            rest.push(expand_tilde(&w));
        }
    }
    Ok(Simple { words: rest, out })
}

/// Runs one command line; returns its output and whether the last command succeeded.
pub(super) fn run_line_status(w: &mut World, line: &str, stdin: Option<&str>) -> (String, bool) {
    let mut out = String::new();
    let line = match substitute(w, line, 0, &mut out) {
        Ok(l) => l,
        Err(e) => return (out + &nl(e), false),
    };
    let pipelines = match parse_line(&line) {
        Ok(p) => p,
        Err(e) => return (out + &nl(e), false),
    };
    let mut prev_ok = true;
    let mut prev_then = Then::Always;
    for p in pipelines {
        let run = match prev_then {
            Then::IfOk => prev_ok,
            Then::IfFailed => !prev_ok,
            Then::Always => true,
        };
        prev_then = p.then;
        if p.stages.is_empty() || !run {
            continue;
        }
        let (o, ok) = run_pipeline(w, p.stages, stdin);
        out.push_str(&o);
        prev_ok = ok;
    }
    (out, prev_ok)
}

fn run_pipeline(
    w: &mut World,
    stages: Vec<Result<Simple, String>>,
    stdin: Option<&str>,
) -> (String, bool) {
    let mut stages = stages.into_iter();
    let simple = match stages.next() {
        Some(Ok(s)) => s,
        Some(Err(e)) => return (nl(e), false),
        None => return (String::new(), true),
    };
    let (mut text, mut ok) = if simple.words.is_empty() {
        (stdin.unwrap_or("").to_string(), true)
    } else {
        run_simple(w, &simple.words, stdin)
    };
    let mut redirect = simple.out;
    for st in stages {
        let s = match st {
            Ok(s) => s,
            Err(e) => return (nl(e), false),
        };
        if s.out.is_some() {
            redirect = s.out;
        }
        let (t, o) = filter(&s.words, &text);
        text = t;
        ok = o;
    }
    if let Some((path, append)) = redirect {
        return match w.fs.write(&path, &text, append) {
            Ok(()) => (String::new(), ok),
            Err(e) => (format!("bash: {path}: {e}\n"), false),
        };
    }
    (text, ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_need_no_spaces() {
        assert_eq!(space_operators("a|b"), "a | b");
        assert_eq!(space_operators("a&&b;c||d"), "a && b ; c || d");
        assert_eq!(space_operators("echo 'a|b' \"c;d\""), "echo 'a|b' \"c;d\"");
        assert_eq!(space_operators("echo a\\|b"), "echo a\\|b");
    }

    #[test]
    fn tokenising_and_redirects() {
        let s = take_redirects(shell_words::split("cat >> ~/a 'b c'").unwrap()).unwrap();
        assert_eq!(s.words, vec!["cat".to_string(), "b c".to_string()]);
        assert_eq!(s.out, Some(("/root/a".into(), true)));
        let s = take_redirects(shell_words::split("cat <<'EOF' >~/f").unwrap()).unwrap();
        assert_eq!(s.words, vec!["cat".to_string()]);
        assert_eq!(s.out, Some(("/root/f".into(), false)));
        assert!(take_redirects(vec!["echo".into(), ">".into()]).is_err());
    }

    #[test]
    fn a_line_reads_into_pipelines() {
        let p = parse_line("kubectl get pods|grep web && echo ok > ~/f;;ls").unwrap();
        let words = |p: &Pipeline| -> Vec<Vec<String>> {
            p.stages
                .iter()
                .map(|s| s.as_ref().unwrap().words.clone())
                .collect()
        };
        assert_eq!(p.len(), 4);
        assert_eq!(
            words(&p[0]),
            [vec!["kubectl", "get", "pods"], vec!["grep", "web"]]
        );
        assert_eq!(p[0].then, Then::IfOk);
        assert_eq!(
            p[1].stages[0].as_ref().unwrap().out,
            Some(("/root/f".into(), false))
        );
        assert!(p[2].stages.is_empty(), "an empty sequence");
        assert_eq!(words(&p[3]), [vec!["ls"]]);
        assert!(parse_line("echo 'open").is_err());
        // a bad redirection is an error of its pipeline only
        let p = parse_line("echo a; echo >").unwrap();
        assert!(p[0].stages[0].is_ok() && p[1].stages[0].is_err());
    }
}
