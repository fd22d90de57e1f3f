//! The command layer: one line (or a block with a heredoc) in, the tools' output out.
//!
//! A small bash: words are split with `shell-words`; `~` expands to `/root`; `> FILE`,
//! `>> FILE` redirect output; `cmd1 && cmd2` and `cmd1 ; cmd2` run in sequence; `| grep`,
//! `| head`, `| tail`, `| wc -l` filter output; heredocs `<<EOF`, `<<'EOF'`, `<<-EOF` feed
//! stdin. Unquoted heredocs are kept verbatim (no `$var` expansion), so a configuration that uses
//! HAProxy's `$worker1` variables reaches HAProxy as written.

mod curl;
mod docker_cmd;
mod flags;
mod kind_cmd;
mod kubectl;

use crate::time::Millis;
use crate::world::World;

pub use flags::{parse_flags, FlagErr, FlagSpec, Parsed};

// how lines and heredocs are read is kindlab-lines' (one reader for the whole app)
pub use kindlab_lines::{heredoc_delimiter, split_blocks, Block, Heredoc};

/// Makes sure output ends with a newline (when not empty).
pub(crate) fn nl(mut s: String) -> String {
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

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

/// Command substitution: `$(cmd)` is replaced by cmd's output (newlines become spaces), as
/// in `kubectl delete $(kubectl get pods -n ingress-nginx -o name) -n ingress-nginx`.
fn substitute(
    w: &mut World,
    line: &str,
    depth: u32,
    errors: &mut String,
) -> Result<String, String> {
    if !line.contains("$(") {
        return Ok(line.to_string());
    }
    if depth > 4 {
        return Err("bash: command substitution nested too deeply".into());
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_single = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            in_single = !in_single;
        }
        if !in_single && c == '$' && chars.get(i + 1) == Some(&'(') {
            let mut level = 1;
            let mut j = i + 2;
            while j < chars.len() {
                match chars[j] {
                    '(' => level += 1,
                    ')' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err("bash: unexpected EOF while looking for matching `)'".into());
            }
            let inner: String = chars[i + 2..j].iter().collect();
            let inner = substitute(w, &inner, depth + 1, errors)?;
            let (o, ok) = run_line_status(w, &inner, None);
            if ok {
                out.push_str(o.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
            } else {
                // what failed went to stderr: shown, not substituted
                errors.push_str(&o);
            }
            i = j + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Ok(out)
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

/// What a read-only command prints, from a world it cannot change: `kubectl get ...`,
/// `docker ps ...`, `docker logs ...` (one simple command: no pipes, redirects or sequences).
/// `None` for anything else. Byte for byte what running the line prints.
pub(crate) fn query(w: &World, line: &str) -> Option<String> {
    let words = shell_words::split(line).ok()?;
    if words
        .iter()
        .any(|x| matches!(x.as_str(), "|" | "&&" | "||" | ";" | ">" | ">>"))
    {
        return None;
    }
    let (cmd, args) = words.split_first()?;
    let r = match cmd.as_str() {
        "kubectl" | "k" => kubectl::query(w, args)?,
        "docker" => docker_cmd::query(w, args)?,
        _ => return None,
    };
    Some(match r {
        Ok(s) | Err(s) => nl(s),
    })
}

/// Runs a block (a command line, possibly with a heredoc) and returns what it prints.
pub(crate) fn run_block(w: &mut World, b: &Block) -> String {
    run_block_status(w, b).0
}

/// Runs a block; returns what it prints and whether its last command succeeded.
pub(crate) fn run_block_status(w: &mut World, b: &Block) -> (String, bool) {
    let stdin = b.heredoc.as_ref().map(|h| h.body.clone());
    if let Some(h) = &b.heredoc {
        if !h.closed {
            let (out, ok) = run_line_status(w, &b.line, stdin.as_deref());
            let warning = format!(
                "bash: warning: here-document at line 1 delimited by end-of-file (wanted `{}')\n",
                h.delimiter
            );
            return (warning + &out, ok);
        }
    }
    run_line_status(w, &b.line, stdin.as_deref())
}

/// Runs one command line; returns its output and whether the last command succeeded.
fn run_line_status(w: &mut World, line: &str, stdin: Option<&str>) -> (String, bool) {
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

/// Filters usable after `|`.
fn filter(words: &[String], input: &str) -> (String, bool) {
    let Some(cmd) = words.first() else {
        return (
            "bash: syntax error near unexpected token `|'\n".into(),
            false,
        );
    };
    let args = &words[1..];
    match cmd.as_str() {
        "grep" => {
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
                        return (format!("grep: this lab's grep knows -v, -i, -c, -E (not {f})\n"), false);
                    }
                    p if pat.is_none() => pat = Some(p.to_string()),
                    _ => {}
                }
            }
            let Some(p) = pat else {
                return ("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n".into(), false);
            };
            let alts: Vec<String> = p
                .split("\\|")
                .flat_map(|s| s.split('|'))
                .map(|s| if icase { s.to_lowercase() } else { s.to_string() })
                .collect();
            let lines: Vec<&str> = input
                .lines()
                .filter(|l| {
                    let l2 = if icase { l.to_lowercase() } else { l.to_string() };
                    alts.iter().any(|a| l2.contains(a.as_str())) != inv
                })
                .collect();
            let ok = !lines.is_empty();
            if count {
                return (format!("{}\n", lines.len()), ok);
            }
            (lines.iter().map(|l| format!("{l}\n")).collect(), ok)
        }
        "head" | "tail" => {
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
            let sel: Vec<&str> = if cmd == "head" {
                lines.iter().take(n).copied().collect()
            } else {
                lines[lines.len().saturating_sub(n)..].to_vec()
            };
            (sel.iter().map(|l| format!("{l}\n")).collect(), true)
        }
        "wc" => {
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
        "cat" | "less" | "more" => (input.to_string(), true),
        "cut" => {
            // cut -d X -f N (also -dX -fN)
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
                        delim = val.as_deref().and_then(|v| v.chars().next()).unwrap_or('\t');
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
                .map(|l| format!("{}\n", l.split(delim).nth(f - 1).unwrap_or(if l.contains(delim) { "" } else { l })))
                .collect();
            (out, true)
        }
        "awk" => {
            // awk '{print $N}' (fields split on blanks)
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
                return (format!("awk: this lab's awk runs '{{print $N}}' only (not {prog})\n"), false);
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
        "sort" => {
            let mut l: Vec<&str> = input.lines().collect();
            l.sort();
            (l.iter().map(|l| format!("{l}\n")).collect(), true)
        }
        other => (
            format!("bash: {other}: command not found (this lab's shell pipes into grep, head, tail, wc, sort, cut, awk)\n"),
            false,
        ),
    }
}

/// Dispatches one simple command; returns (output, success).
fn run_simple(w: &mut World, words: &[String], stdin: Option<&str>) -> (String, bool) {
    let cmd = words[0].as_str();
    let args = &words[1..];
    let r: Result<String, String> = match cmd {
        "kubectl" | "k" => kubectl::run(w, args, stdin),
        "docker" => docker_cmd::run(w, args),
        "kind" => kind_cmd::run(w, args),
        "curl" => curl::run(w, args),
        "sleep" => sleep(w, args),
        "cat" => cat(w, args, stdin),
        "tee" => tee(w, args, stdin),
        "ls" => ls(w, args),
        "mkdir" => mkdir(w, args),
        "rm" => rm(w, args),
        "cd" => match w.fs.cd(args.first().map(|s| s.as_str()).unwrap_or("/root")) {
            Ok(()) => Ok(String::new()),
            Err(e) => Err(format!("bash: cd: {}: {e}\n", args[0])),
        },
        "pwd" => Ok(format!("{}\n", w.fs.cwd)),
        "echo" => Ok(format!("{}\n", args.join(" "))),
        "date" => Ok(format!("{}\n", crate::fmt::unix_date(w.now()))),
        "true" | "clear" | "export" => Ok(String::new()),
        "false" => Err(String::new()),
        "help" => Ok(HELP.to_string()),
        "systemctl" => Err("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n(on this host the kubelets run inside the kind node containers: docker exec cluster01-worker2 systemctl stop kubelet)\n".into()),
        "haproxy" => Err("bash: haproxy: command not found (HAProxy runs in the HAProxy-workers-lb container: docker logs HAProxy-workers-lb)\n".into()),
        _ => Err(format!("bash: {cmd}: command not found\n")),
    };
    match r {
        Ok(s) => (nl(s), true),
        Err(s) => (nl(s), false),
    }
}

const HELP: &str = "kindlab lab shell — commands:
  kind create cluster --name N --config F | kind delete cluster --name N | kind get clusters|nodes
  docker ps [-a] | docker exec NODE systemctl stop|start|restart|status kubelet | docker exec NODE crictl ps
  docker exec NODE ls /var/local-path-provisioner
  docker stop|start|restart NAME | docker logs [-t] [--since DUR] [--tail N] NAME | docker rm [-f] NAME
  docker inspect [-f '{{.NetworkSettings.Networks.kind.IPAddress}}'] NAME
  docker run --name HAProxy-workers-lb -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg
  kubectl get nodes|pods|deployments|services|ingress|events|namespaces [-n NS|-A] [-o wide|name]
  kubectl get sc|pv|pvc|csidrivers|csinodes [-o wide|name] | kubectl get sc,pv,pvc
  kubectl describe node|pod|pvc|pv|sc NAME | kubectl delete pod NAME -n NS [--grace-period=N] [--force]
  kubectl apply -f FILE|DIR|- [--dry-run=client] | kubectl create -f FILE | kubectl delete -f FILE
  kubectl delete pvc|pv|sc|deployment NAME [--all]   (manifests: Pod, Deployment, PVC, PV, StorageClass)
  kubectl scale deployment NAME --replicas=N -n NS | kubectl cordon|uncordon NODE | kubectl config get-contexts|use-context
  curl [-s] [-k] [-I] [-i] [-v] http://localhost/ | https://localhost/ | http://localhost/echo
  sleep 45s|2m|24h   cat FILE   ls [DIR]   mkdir -p DIR   rm FILE   echo   date
  tee FILE <<EOF ... EOF   cat <<EOF > FILE ... EOF   cmd | grep|head|tail|wc|sort|cut|awk   $(cmd)   a && b ; c
";

fn sleep(w: &mut World, args: &[String]) -> Result<String, String> {
    if args.is_empty() {
        return Err("sleep: missing operand\nTry 'sleep --help' for more information.".into());
    }
    let mut total: i64 = 0;
    for a in args {
        match crate::time::parse_duration(a) {
            Some(ms) => total = total.saturating_add(ms.min(Millis::MAX / 4)),
            None => {
                return Err(format!(
                    "sleep: invalid time interval ‘{a}’\nTry 'sleep --help' for more information."
                ))
            }
        }
    }
    // at most a year of virtual time per command
    let total = total.min(365 * 86_400_000);
    w.advance(total);
    Ok(String::new())
}

fn cat(w: &mut World, args: &[String], stdin: Option<&str>) -> Result<String, String> {
    let files: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with('-') || a.as_str() == "-")
        .collect();
    if files.is_empty() {
        return Ok(stdin.unwrap_or("").to_string());
    }
    let mut out = String::new();
    let mut err = String::new();
    for f in files {
        if f == "-" {
            out.push_str(stdin.unwrap_or(""));
            continue;
        }
        match w.fs.read(f) {
            Ok(s) => out.push_str(s),
            Err(e) => err.push_str(&format!("cat: {f}: {e}\n")),
        }
    }
    with_errors(out, err)
}

/// `out`, or `out` then the error lines as an error when there are any (a command that did some
/// of what it was asked).
fn with_errors(out: String, err: String) -> Result<String, String> {
    if err.is_empty() {
        Ok(out)
    } else {
        Err(out + &err)
    }
}

fn tee(w: &mut World, args: &[String], stdin: Option<&str>) -> Result<String, String> {
    let append = args.iter().any(|a| a == "-a" || a == "--append");
    let text = stdin.unwrap_or("");
    let mut err = String::new();
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        if let Err(e) = w.fs.write(f, text, append) {
            err.push_str(&format!("tee: {f}: {e}\n"));
        }
    }
    if err.is_empty() {
        Ok(text.to_string())
    } else {
        Err(text.to_string() + &err)
    }
}

fn ls(w: &mut World, args: &[String]) -> Result<String, String> {
    let long = args.iter().any(|a| a.starts_with('-') && a.contains('l'));
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let targets: Vec<String> = if dirs.is_empty() {
        vec![".".into()]
    } else {
        dirs.iter().map(|s| s.to_string()).collect()
    };
    let mut out = String::new();
    let multi = targets.len() > 1;
    for t in &targets {
        match w.fs.list(t) {
            Ok(names) => {
                if multi {
                    out.push_str(&format!("{t}:\n"));
                }
                if long {
                    for n in &names {
                        let p = format!("{}/{}", w.fs.resolve(t), n);
                        let (kind, size) = match w.fs.read(&p) {
                            Ok(s) => ("-rw-r--r-- 1 root root", s.len()),
                            Err(_) => ("drwxr-xr-x 2 root root", 4096),
                        };
                        out.push_str(&format!("{kind} {size:>5} Jan  1 00:00 {n}\n"));
                    }
                } else if !names.is_empty() {
                    out.push_str(&names.join("  "));
                    out.push('\n');
                }
            }
            Err(e) => {
                return Err(format!("ls: cannot access '{t}': {e}"));
            }
        }
    }
    Ok(out)
}

fn mkdir(w: &mut World, args: &[String]) -> Result<String, String> {
    let parents = args.iter().any(|a| a == "-p" || a == "--parents");
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if dirs.is_empty() {
        return Err("mkdir: missing operand\nTry 'mkdir --help' for more information.".into());
    }
    let mut err = String::new();
    for d in dirs {
        if let Err(e) = w.fs.mkdir(d, parents) {
            err.push_str(&e);
            err.push('\n');
        }
    }
    if err.is_empty() {
        Ok(String::new())
    } else {
        Err(err)
    }
}

fn rm(w: &mut World, args: &[String]) -> Result<String, String> {
    let rec = args
        .iter()
        .any(|a| a.starts_with('-') && (a.contains('r') || a.contains('R')));
    let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
    let mut err = String::new();
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        match w.fs.remove(f, rec) {
            Ok(()) => {}
            Err("No such file or directory") if force => {}
            Err("Is a directory") => {
                err.push_str(&format!("rm: cannot remove '{f}': Is a directory\n"))
            }
            Err(e) => err.push_str(&format!("rm: cannot remove '{f}': {e}\n")),
        }
    }
    if err.is_empty() {
        Ok(String::new())
    } else {
        Err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredoc_delimiters() {
        assert_eq!(
            heredoc_delimiter("cat <<EOF > f"),
            Some(("EOF".into(), false))
        );
        assert_eq!(
            heredoc_delimiter("tee f <<'EOF'"),
            Some(("EOF".into(), false))
        );
        assert_eq!(
            heredoc_delimiter("cat << \"END\" >f"),
            Some(("END".into(), false))
        );
        assert_eq!(heredoc_delimiter("cat <<-EOF"), Some(("EOF".into(), true)));
        assert_eq!(heredoc_delimiter("echo '<<EOF'"), None);
        assert_eq!(heredoc_delimiter("cat f"), None);
    }

    #[test]
    fn blocks() {
        let b = split_blocks("# c\n\nmkdir -p ~/x\ntee ~/x/f <<EOF\na $worker1\n\n  b\nEOF\nls ~/x\ncat <<E\nunterminated");
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].line, "mkdir -p ~/x");
        let h = b[1].heredoc.as_ref().unwrap();
        assert_eq!(h.body, "a $worker1\n\n  b\n");
        assert!(h.closed);
        assert_eq!(b[2].line, "ls ~/x");
        assert!(!b[3].heredoc.as_ref().unwrap().closed);
        assert_eq!(
            b[1].echo(),
            "$ tee ~/x/f <<EOF\n> a $worker1\n> \n>   b\n> EOF\n"
        );
    }

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
