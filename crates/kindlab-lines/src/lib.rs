//! One reader of shell input for all of kindlab: command lines and heredocs (see the README).
//!
//! ```
//! use kindlab_lines::{Fed, LineReader};
//!
//! let mut r = LineReader::default();
//! assert_eq!(r.feed("cat <<'EOF' > ~/note"), Fed::More);
//! assert!(r.is_open());
//! assert_eq!(r.feed("hello"), Fed::More);
//! let Fed::Block(b) = r.feed("EOF") else { panic!() };
//! assert_eq!(b.line, "cat <<'EOF' > ~/note");
//! assert_eq!(b.heredoc.as_ref().map(|h| h.body.as_str()), Some("hello\n"));
//! assert_eq!(b.text(), "cat <<'EOF' > ~/note\nhello\nEOF");
//! ```

/// One command as typed: its first line and, for a heredoc, the body and delimiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The command line, trimmed.
    pub line: String,
    /// The heredoc it reads on its standard input, if the line opens one.
    pub heredoc: Option<Heredoc>,
}

/// A heredoc's body, as the command reads it on its standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The word that ends it (without its quotes).
    pub delimiter: String,
    /// Every line ends with `\n` (with `<<-`, leading tabs removed).
    pub body: String,
    /// The terminating line was found.
    pub closed: bool,
}

impl Block {
    /// A `#` comment line (nothing to run).
    pub fn is_comment(&self) -> bool {
        self.heredoc.is_none() && self.line.starts_with('#')
    }

    /// How the block is echoed in a transcript: `$ line`, then `> ` for each body line.
    pub fn echo(&self) -> String {
        let mut s = format!("$ {}\n", self.line);
        if let Some(h) = &self.heredoc {
            for l in h.body.lines() {
                s.push_str("> ");
                s.push_str(l);
                s.push('\n');
            }
            if h.closed {
                s.push_str("> ");
                s.push_str(&h.delimiter);
                s.push('\n');
            }
        }
        s
    }

    /// The block as text to run again: the line, then the body and the delimiter (read back by
    /// [`split_blocks`], it gives the same block).
    pub fn text(&self) -> String {
        let mut text = self.line.clone();
        if let Some(h) = &self.heredoc {
            text.push('\n');
            text.push_str(&h.body);
            text.push_str(&h.delimiter);
        }
        text
    }
}

/// Finds a heredoc operator in a command line: returns (delimiter, strip_tabs). `<<<` (a
/// here-string) and `<<` inside quotes are not heredocs.
pub fn heredoc_delimiter(line: &str) -> Option<(String, bool)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == q {
                    quote = None;
                }
            }
            None => {
                if b == b'\'' || b == b'"' {
                    quote = Some(b);
                } else if b == b'<' && bytes.get(i + 1) == Some(&b'<') {
                    if bytes.get(i + 2) == Some(&b'<') {
                        // a here-string: its word is text, not a delimiter
                        i += 3;
                        continue;
                    }
                    return word_after(&line[i + 2..]);
                }
            }
        }
        i += 1;
    }
    None
}

/// The heredoc's word after `<<` (and its `-`).
fn word_after(rest: &str) -> Option<(String, bool)> {
    let (strip, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.trim_start_matches(' ');
    let word = if let Some(r) = rest.strip_prefix('\'') {
        r.split('\'').next().unwrap_or("")
    } else if let Some(r) = rest.strip_prefix('"') {
        r.split('"').next().unwrap_or("")
    } else {
        rest.split(|c: char| c.is_whitespace() || c == ';' || c == '>' || c == '|')
            .next()
            .unwrap_or("")
    };
    (!word.is_empty()).then(|| (word.to_string(), strip))
}

/// What a line fed to a [`LineReader`] gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fed {
    /// A blank line: nothing to run.
    Nothing,
    /// A heredoc is open: more lines are needed (the terminal's `> ` prompt).
    More,
    /// A whole command block (a `#` comment line is one too: see [`Block::is_comment`]).
    Block(Block),
}

/// Reads shell input a line at a time, gathering a heredoc's lines until its delimiter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineReader {
    open: Option<Open>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Open {
    line: String,
    delimiter: String,
    strip_tabs: bool,
    body: String,
}

impl LineReader {
    /// Reads one line (without its newline).
    pub fn feed(&mut self, line: &str) -> Fed {
        if let Some(mut open) = self.open.take() {
            let cmp = if open.strip_tabs {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if cmp.trim_end() == open.delimiter {
                return Fed::Block(Block {
                    line: open.line,
                    heredoc: Some(Heredoc {
                        delimiter: open.delimiter,
                        body: open.body,
                        closed: true,
                    }),
                });
            }
            open.body.push_str(cmp);
            open.body.push('\n');
            self.open = Some(open);
            return Fed::More;
        }
        let t = line.trim();
        if t.is_empty() {
            return Fed::Nothing;
        }
        if !t.starts_with('#') {
            if let Some((delimiter, strip_tabs)) = heredoc_delimiter(t) {
                self.open = Some(Open {
                    line: t.to_string(),
                    delimiter,
                    strip_tabs,
                    body: String::new(),
                });
                return Fed::More;
            }
        }
        Fed::Block(Block {
            line: t.to_string(),
            heredoc: None,
        })
    }

    /// A heredoc is open and waits for its delimiter.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The lines read so far of the open heredoc: its command line, then its body's lines.
    pub fn open_lines(&self) -> Vec<&str> {
        match &self.open {
            Some(o) => std::iter::once(o.line.as_str())
                .chain(o.body.lines())
                .collect(),
            None => vec![],
        }
    }

    /// Drops an open heredoc (Ctrl-C).
    pub fn cancel(&mut self) {
        self.open = None;
    }

    /// The end of input: an open heredoc as it is, unterminated (bash warns and runs it).
    pub fn finish(&mut self) -> Option<Block> {
        let o = self.open.take()?;
        Some(Block {
            line: o.line,
            heredoc: Some(Heredoc {
                delimiter: o.delimiter,
                body: o.body,
                closed: false,
            }),
        })
    }
}

/// Splits a script (or a pasted block) into command blocks; blank lines and `#` comments
/// outside heredocs are skipped; an unterminated heredoc at the end is kept (not closed).
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut r = LineReader::default();
    let mut out: Vec<Block> = text
        .lines()
        .filter_map(|l| match r.feed(l) {
            Fed::Block(b) if !b.is_comment() => Some(b),
            _ => None,
        })
        .collect();
    out.extend(r.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredoc_words() {
        assert_eq!(heredoc_delimiter("cat <<EOF"), Some(("EOF".into(), false)));
        assert_eq!(
            heredoc_delimiter("cat <<'END' > x"),
            Some(("END".into(), false))
        );
        assert_eq!(
            heredoc_delimiter("cat << \"E O\""),
            Some(("E O".into(), false))
        );
        assert_eq!(
            heredoc_delimiter("cat <<-EOF|wc"),
            Some(("EOF".into(), true))
        );
        assert_eq!(heredoc_delimiter("cat <<<word"), None);
        assert_eq!(heredoc_delimiter("echo '<<EOF'"), None);
        assert_eq!(heredoc_delimiter("cat <<"), None);
    }

    #[test]
    fn tabs_are_stripped_with_the_dash_only() {
        let b = split_blocks("cat <<-X\n\tone\n\t\tX\n");
        assert_eq!(b[0].heredoc.as_ref().unwrap().body, "one\n");
        assert!(b[0].heredoc.as_ref().unwrap().closed);
        let b = split_blocks("cat <<X\n\tone\n\tX\nX");
        assert_eq!(b[0].heredoc.as_ref().unwrap().body, "\tone\n\tX\n");
    }

    #[test]
    fn a_script_splits_into_blocks_and_round_trips() {
        let script = "# a comment\n\nkubectl get nodes\ntee f <<'EOF'\na\n  b\nEOF   \necho hi\n";
        let blocks = split_blocks(script);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[1].heredoc.as_ref().unwrap().body, "a\n  b\n");
        let again: Vec<Block> = blocks
            .iter()
            .flat_map(|b| split_blocks(&b.text()))
            .collect();
        assert_eq!(again, blocks);
    }

    #[test]
    fn the_end_of_input_keeps_an_open_heredoc_unclosed() {
        let b = split_blocks("cat <<EOF\nno end");
        assert_eq!(b.len(), 1);
        let h = b[0].heredoc.as_ref().unwrap();
        assert!(!h.closed);
        assert_eq!(b[0].echo(), "$ cat <<EOF\n> no end\n");
    }

    #[test]
    fn comments_are_blocks_for_a_terminal_but_not_for_a_script() {
        let mut r = LineReader::default();
        let Fed::Block(b) = r.feed("  # note <<EOF") else {
            panic!()
        };
        assert!(b.is_comment());
        assert!(!r.is_open());
        assert_eq!(r.feed("   "), Fed::Nothing);
        assert!(split_blocks("# note").is_empty());
    }

    #[test]
    fn open_lines_and_cancel() {
        let mut r = LineReader::default();
        r.feed("cat <<E");
        r.feed("x");
        assert_eq!(r.open_lines(), vec!["cat <<E", "x"]);
        r.cancel();
        assert!(!r.is_open());
        assert!(r.finish().is_none());
    }
}
