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
struct Simple {
    words: Vec<String>,
    out: Option<(String, bool)>,
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
    let words = match shell_words::split(&space_operators(&line)) {
        Ok(ws) => ws,
        Err(_) => {
            return (
                out + "bash: unexpected EOF while looking for matching quote\n",
                false,
            );
        }
    };
    // sequences
    let mut cur: Vec<String> = Vec::new();
    let mut seqs: Vec<(Vec<String>, &str)> = Vec::new();
    for word in words {
        if word == "&&" || word == ";" || word == "||" {
            let op = match word.as_str() {
                "&&" => "&&",
                "||" => "||",
                _ => ";",
            };
            seqs.push((std::mem::take(&mut cur), op));
        } else if let Some(stripped) = word.strip_suffix(';').filter(|s| !s.is_empty()) {
            cur.push(stripped.to_string());
            seqs.push((std::mem::take(&mut cur), ";"));
        } else {
            cur.push(word);
        }
    }
    seqs.push((cur, ";"));
    let mut prev_ok = true;
    let mut prev_op = ";";
    for (ws, op) in seqs {
        let run = match prev_op {
            "&&" => prev_ok,
            "||" => !prev_ok,
            _ => true,
        };
        prev_op = op;
        if ws.is_empty() {
            continue;
        }
        if !run {
            continue;
        }
        let (o, ok) = run_pipeline(w, ws, stdin);
        out.push_str(&o);
        prev_ok = ok;
    }
    (out, prev_ok)
}

fn run_pipeline(w: &mut World, words: Vec<String>, stdin: Option<&str>) -> (String, bool) {
    let mut stages: Vec<Vec<String>> = vec![vec![]];
    for word in words {
        if word == "|" {
            stages.push(vec![]);
        } else if let Some(last) = stages.last_mut() {
            last.push(word);
        }
    }
    let first = stages.remove(0);
    let simple = match take_redirects(first) {
        Ok(s) => s,
        Err(e) => return (nl(e), false),
    };
    let (mut text, mut ok) = if simple.words.is_empty() {
        (stdin.unwrap_or("").to_string(), true)
    } else {
        run_simple(w, &simple.words, stdin)
    };
    let mut redirect = simple.out;
    for st in stages {
        let s = match take_redirects(st) {
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
}
