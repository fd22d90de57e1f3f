//! Problems found in content files, with their exact position.

/// One problem: `file:line:col: message` (line and column 1-based, columns in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, relative to the content folder.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// What is wrong, in words a writer can act on.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Turns byte offsets of a text into 1-based (line, column) positions.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Added to every line (the text may start part-way into a file).
    line_offset: u32,
}

impl<'a> LineIndex<'a> {
    /// An index of `text`'s lines; `line_offset` is added to every line (a snippet part-way into a file).
    pub fn new(text: &'a str, line_offset: u32) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            text,
            starts,
            line_offset,
        }
    }

    /// (line, column) of byte offset `at` (clamped to the text).
    pub fn pos(&self, at: usize) -> (u32, u32) {
        let at = at.min(self.text.len());
        let line = match self.starts.binary_search(&at) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = at;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() as u32 + 1;
        (line as u32 + 1 + self.line_offset, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let t = "ab\n中文x\n";
        let ix = LineIndex::new(t, 0);
        assert_eq!(ix.pos(0), (1, 1));
        assert_eq!(ix.pos(1), (1, 2));
        assert_eq!(ix.pos(3), (2, 1));
        // after two 3-byte characters
        assert_eq!(ix.pos(9), (2, 3));
        assert_eq!(LineIndex::new(t, 4).pos(3), (6, 1));
    }
}
