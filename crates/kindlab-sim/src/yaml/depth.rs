//! A quick answer for YAML nested far deeper than anything decodes.
//!
//! libyaml's scanner does work proportional to the open flow collections for every token, so a
//! paste of 100 000 `[` costs seconds to scan before the decoder gives up at its depth limit
//! (`recursion limit exceeded`, at the first collection 128 levels down). The answer depends only
//! on the text up to that collection and a little after it (the scanner looks at most 1024
//! bytes ahead to decide a simple key), so the text after that is not needed to give it.
//!
//! [`deep_point`] finds, in one pass, where the text surely is that deep: it counts the flow
//! brackets outside quotes and comments, plus the block sequences opened on one line
//! (`- - - x`). It is only an estimate; [`parse_prefix`] accepts the shortened text's answer
//! only when it is that same error at a place far enough before the cut, where the shortened
//! text and the whole one cannot differ. Any other answer and the whole text is parsed as
//! before.

/// The decoder's depth limit (serde_yaml_ng's): deeper than this is `recursion limit exceeded`.
pub(super) const DEPTH_LIMIT: usize = 128;
/// How far past the deep point the text is kept (the prefix is itself deep, and scanning it is
/// quadratic in its depth: keep it short).
const KEEP_AFTER: usize = 1152;
/// How far before the cut the error must be to hold for the whole text (past the scanner's
/// 1024-byte look-ahead for a simple key).
const SAFE_BEFORE_CUT: usize = 1088;

/// The first byte offset where the text is estimated to be nested deeper than `limit`.
pub(super) fn deep_point(text: &str, limit: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut flow = 0usize;
    // block sequences opened on this line (`- - -`), counted only from the line's start
    let mut dashes = 0usize;
    let mut at_line_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            dashes = 0;
            at_line_start = true;
            i += 1;
            continue;
        }
        if at_line_start && flow == 0 {
            // `- - - x`: each dash followed by a blank opens one more sequence
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            while i + 1 < b.len() && b[i] == b'-' && (b[i + 1] == b' ' || b[i + 1] == b'\t') {
                dashes += 1;
                if dashes > limit {
                    return Some(i);
                }
                i += 2;
                while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                    i += 1;
                }
            }
            at_line_start = false;
            continue;
        }
        at_line_start = false;
        let prev = if i == 0 { b'\n' } else { b[i - 1] };
        let token_start = matches!(prev, b'\n' | b' ' | b'\t' | b'[' | b'{' | b',');
        match c {
            b'#' if matches!(prev, b'\n' | b' ' | b'\t') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' if token_start => i = skip_double_quoted(b, i + 1),
            b'\'' if token_start => i = skip_single_quoted(b, i + 1),
            b'[' | b'{' => {
                flow += 1;
                if flow + dashes > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => flow = flow.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the closing `"` (or the end), from just after the opening one.
fn skip_double_quoted(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// The index of the closing `'` (or the end), from just after the opening one (`''` is a quote).
fn skip_single_quoted(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i;
        }
        i += 1;
    }
    b.len()
}

/// For a text nested deeper than the decoder goes: its error, found on a prefix of the text
/// (`None`: parse the whole text).
pub(super) fn parse_prefix<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Option<serde_yaml_ng::Error> {
    let deep = deep_point(text, DEPTH_LIMIT)?;
    let mut cut = deep.saturating_add(KEEP_AFTER);
    if cut >= text.len() {
        return None;
    }
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let e = serde_yaml_ng::from_str::<T>(&text[..cut]).err()?;
    let recursion = e.to_string().starts_with("recursion limit exceeded");
    let index = e.location()?.index();
    (recursion && index + SAFE_BEFORE_CUT <= cut).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::super::{parse, GoYaml, Yaml};
    use super::*;

    /// The whole text's answer in both dialects (one slow parse).
    fn whole(text: &str) -> [Result<Yaml, String>; 2] {
        match serde_yaml_ng::from_str::<Yaml>(text) {
            Ok(v) => [Ok(v.clone()), Ok(v)],
            Err(e) => [GoYaml::V2, GoYaml::V3].map(|d| Err(super::super::go_syntax_error(&e, d))),
        }
    }

    #[test]
    fn the_deep_point_counts_brackets_outside_quotes_and_comments_and_dashes_on_a_line() {
        assert_eq!(deep_point("a: [[[", 2), Some(5));
        assert_eq!(deep_point("a: \"[[[[\" # [[[[\nb: '[[''[['", 2), None);
        assert_eq!(deep_point("- - - x", 2), Some(4));
        assert_eq!(deep_point("-\n - \n  - x", 2), None);
        assert_eq!(deep_point("a: [1, 2]\nb: [[3]]", 2), None);
    }

    #[test]
    fn a_deep_text_gets_the_same_answer_as_the_whole_parse() {
        let n = 2000;
        let cases = [
            // flow brackets, closed and not, after a block prefix, with a later error or not
            format!("kind: Pod\nspec: {}{}\n", "[".repeat(n), "]".repeat(n)),
            format!("kind: Pod\nspec: {}\n", "[".repeat(n)),
            format!("a:\n  b: {}x{}\n: : bad\n", "{a: ".repeat(n), "}".repeat(n)),
            format!("- {}\n", "- ".repeat(n)),
            format!("\"quoted [[[\": {}\n", "[1, ".repeat(n)),
            format!("{}\n", "[".repeat(120) + &"\n".repeat(5) + &"[".repeat(n)),
            // an error before the deep part wins, as in the whole parse
            format!("a: b: c\n{}", "[".repeat(n)),
            format!("a: [\"unclosed\n{}", "[".repeat(n)),
            // multi-byte text around the cut
            format!("a: {}", "[é, ".repeat(n)),
        ];
        for text in &cases {
            let [v2, v3] = whole(text);
            let head: String = text.chars().take(80).collect();
            assert_eq!(parse(text, GoYaml::V2), v2, "{head}");
            assert_eq!(parse(text, GoYaml::V3), v3, "{head}");
        }
    }

    #[test]
    fn a_deep_text_is_answered_from_its_prefix() {
        let text = format!("a: {}", "[".repeat(100_000));
        assert!(parse_prefix::<Yaml>(&text).is_some());
        // a shallow or short one is not
        assert!(parse_prefix::<Yaml>("a: [[[1]]]").is_none());
        assert!(parse_prefix::<Yaml>(&"[".repeat(200)).is_none());
    }
}
