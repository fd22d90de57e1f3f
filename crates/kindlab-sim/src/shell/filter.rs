//! The filters a pipeline feeds: `grep`, `head`, `tail`, `wc`, `cat`, `cut`, `awk`, `sort`.

/// Filters usable after `|`.
pub(super) fn filter(words: &[String], input: &str) -> (String, bool) {
    let Some(cmd) = words.first() else {
        return (
            "bash: syntax error near unexpected token `|'\n".into(),
            false,
        );
    };
    let args = &words[1..];
    match cmd.as_str() {
        "grep" => grep(args, input),
        "head" => head_tail(true, args, input),
        "tail" => head_tail(false, args, input),
        "wc" => wc(args, input),
        "cat" | "less" | "more" => (input.to_string(), true),
        "cut" => cut(args, input),
        "awk" => awk(args, input),
        "sort" => sort(input),
        other => (
            format!("bash: {other}: command not found (this lab's shell pipes into grep, head, tail, wc, sort, cut, awk)\n"),
            false,
        ),
    }
}

/// One line of output per selected line.
fn lines_out<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    lines.into_iter().map(|l| format!("{l}\n")).collect()
}

/// `grep [-v] [-i] [-c] PATTERN`: `a\|b` and `a|b` are alternatives, matched as plain text.
fn grep(args: &[String], input: &str) -> (String, bool) {
    let mut inv = false;
    let mut icase = false;
    let mut count = false;
    let mut pat = None;
    for a in args {
        match a.as_str() {
            "-v" => inv = true,
            "-i" => icase = true,
            "-c" => count = true,
            "-vi" | "-iv" => {
                inv = true;
                icase = true
            }
            "-E" | "-F" | "--color=never" | "--color=auto" => {}
            f if f.starts_with('-') && pat.is_none() => {
                return (
                    format!("grep: this lab's grep knows -v, -i, -c, -E (not {f})\n"),
                    false,
                );
            }
            p if pat.is_none() => pat = Some(p.to_string()),
            _ => {}
        }
    }
    let Some(p) = pat else {
        return (
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"
                .into(),
            false,
        );
    };
    let alts: Vec<String> = p
        .split("\\|")
        .flat_map(|s| s.split('|'))
        .map(|s| {
            if icase {
                s.to_lowercase()
            } else {
                s.to_string()
            }
        })
        .collect();
    let lines: Vec<&str> = input
        .lines()
        .filter(|l| {
            let l2 = if icase {
                l.to_lowercase()
            } else {
                l.to_string()
            };
            alts.iter().any(|a| l2.contains(a.as_str())) != inv
        })
        .collect();
    let ok = !lines.is_empty();
    if count {
        return (format!("{}\n", lines.len()), ok);
    }
    (lines_out(lines), ok)
}

/// `head`/`tail` `[-n N | -nN | -N]` (10 lines by default).
fn head_tail(head: bool, args: &[String], input: &str) -> (String, bool) {
    let mut n = 10usize;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "-n" {
            n = args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(10);
            i += 1;
        } else if let Some(v) = a.strip_prefix("-n") {
            n = v.parse().unwrap_or(10);
        } else if let Some(v) = a.strip_prefix('-') {
            n = v.parse().unwrap_or(10);
        }
        i += 1;
    }
    let lines: Vec<&str> = input.lines().collect();
    let sel: Vec<&str> = if head {
        lines.iter().take(n).copied().collect()
    } else {
        lines[lines.len().saturating_sub(n)..].to_vec()
    };
    (lines_out(sel), true)
}

/// `wc -l` (lines), else `wc` (lines, words, bytes).
fn wc(args: &[String], input: &str) -> (String, bool) {
    if args.iter().any(|a| a == "-l") {
        (format!("{}\n", input.lines().count()), true)
    } else {
        (
            format!(
                "{:>7} {:>7} {:>7}\n",
                input.lines().count(),
                input.split_whitespace().count(),
                input.len()
            ),
            true,
        )
    }
}

/// `cut -d X -f N` (also `-dX -fN`): one field per line; a line without the delimiter whole.
fn cut(args: &[String], input: &str) -> (String, bool) {
    let mut delim = '\t';
    let mut field: Option<usize> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, val) = if a.len() > 2 && (a.starts_with("-d") || a.starts_with("-f")) {
            (&a[..2], Some(a[2..].to_string()))
        } else {
            (a, args.get(i + 1).cloned())
        };
        match flag {
            "-d" => {
                delim = val
                    .as_deref()
                    .and_then(|v| v.chars().next())
                    .unwrap_or('\t');
                if a.len() == 2 {
                    i += 1;
                }
            }
            "-f" => {
                field = val.as_deref().and_then(|v| v.parse().ok());
                if a.len() == 2 {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let Some(f) = field.filter(|f| *f > 0) else {
        return ("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n".into(), false);
    };
    let out: String = input
        .lines()
        .map(|l| {
            format!(
                "{}\n",
                l.split(delim)
                    .nth(f - 1)
                    .unwrap_or(if l.contains(delim) { "" } else { l })
            )
        })
        .collect();
    (out, true)
}

/// `awk '{print $N}'` (fields split on blanks; `$0` is the whole line).
fn awk(args: &[String], input: &str) -> (String, bool) {
    let prog = args.first().map(|s| s.trim()).unwrap_or("");
    let n = prog
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .map(|p| p.trim())
        .and_then(|p| p.strip_prefix("print"))
        .map(|p| p.trim())
        .and_then(|p| p.strip_prefix('$'))
        .and_then(|p| p.parse::<usize>().ok());
    let Some(n) = n else {
        return (
            format!("awk: this lab's awk runs '{{print $N}}' only (not {prog})\n"),
            false,
        );
    };
    let out: String = input
        .lines()
        .map(|l| {
            if n == 0 {
                format!("{l}\n")
            } else {
                format!("{}\n", l.split_whitespace().nth(n - 1).unwrap_or(""))
            }
        })
        .collect();
    (out, true)
}

/// `sort`: lines in byte order.
fn sort(input: &str) -> (String, bool) {
    let mut l: Vec<&str> = input.lines().collect();
    l.sort();
    (lines_out(l), true)
}
