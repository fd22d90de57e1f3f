//! The command-line front: `kindlab` (the window), `kindlab sim ...`, `--help`, `--version`.
//!
//! `kindlab sim [--seed N] [--log-style chapter|current] [--k8s-version 1.31|1.32|...]
//! [--kind-config FILE] [--haproxy-config FILE] [SCRIPT|-]`
//!
//! Runs the simulator headless: reads commands one per line (blank lines and `#` comments
//! ignored, heredoc bodies kept verbatim) from SCRIPT or stdin, starting from the chapter's
//! state (or the chapter's flow on the topology the two config files describe), and prints
//! `$ <command>` and its output for each. A line that is not valid UTF-8 is skipped like a shell
//! would skip an unknown command: `line N: not valid UTF-8` takes its place in the transcript
//! (stdout), and the script goes on. Exit status 0, or 2 when the script or a config file cannot
//! be read, a config is refused (the message names the file and the line), or the flags are
//! wrong. Same seed, configs and script -> byte-identical output.

mod challenge;

use crate::sim::{
    K8sVersion, KindEra, LogStyle, Session, SessionOptions, TopologyFile, DEFAULT_SEED,
};
use std::ffi::OsString;
use std::io::{Read, Write};

/// `kindlab --help`.
pub const TOP_USAGE: &str = "usage: kindlab [COMMAND]

  An offline, bilingual study app: Kubernetes with KinD, HAProxy in front of the workers,
  a kubelet failure, storage. Without a command it opens the app's window.

commands:
  sim [--seed N] [--log-style S] [--k8s-version V] [--kind-config F] [--haproxy-config F] [SCRIPT|-]
                 run the simulated cluster headless (kindlab sim --help)
  check [DIR]    check the lessons and quizzes in DIR (default: content)
  challenge list | challenge run ID [SCRIPT|-]
                 list the break-fix challenges, or run one headless: its broken cluster, the
                 script's commands, then `solved` (exit 0) or `not solved: <why>` (exit 1)

options:
  -h, --help     print this help
  -V, --version  print the version
";

/// Reads the command line. `Some(code)`: a subcommand ran (or the arguments were wrong) and the
/// process should exit with `code`; `None`: open the window.
pub fn front(args: Vec<OsString>) -> Option<i32> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let arg = match p.next() {
        Ok(None) => return None,
        Ok(Some(a)) => a,
        Err(e) => return Some(usage_error(&e.to_string())),
    };
    match arg {
        Short('h') | Long("help") => {
            print!("{TOP_USAGE}");
            Some(0)
        }
        Short('V') | Long("version") => {
            println!("kindlab {}", env!("CARGO_PKG_VERSION"));
            Some(0)
        }
        Value(cmd) if cmd == "sim" || cmd == "check" || cmd == "challenge" => {
            let rest: Vec<String> = match p.raw_args() {
                Ok(raw) => raw.map(|a| a.to_string_lossy().into_owned()).collect(),
                Err(e) => return Some(usage_error(&e.to_string())),
            };
            Some(if cmd == "sim" {
                run(&rest)
            } else if cmd == "challenge" {
                challenge::run(&rest)
            } else {
                crate::check::run(&rest)
            })
        }
        Value(cmd) => Some(usage_error(&format!(
            "unknown command '{}'",
            cmd.to_string_lossy()
        ))),
        other => Some(usage_error(&other.unexpected().to_string())),
    }
}

/// One line on stderr, exit status 2.
fn usage_error(msg: &str) -> i32 {
    eprintln!("kindlab: {msg} (try kindlab --help)");
    2
}

/// Whether a window can be opened at all: without a display, tao would panic.
pub fn can_open_window() -> Result<(), String> {
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    if cfg!(target_os = "linux") && !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
        return Err(
            "cannot open a window: no display (DISPLAY/WAYLAND_DISPLAY unset); try kindlab sim"
                .into(),
        );
    }
    Ok(())
}

/// `kindlab sim --help`.
pub const USAGE: &str = "usage: kindlab sim [--seed N] [--log-style chapter|current] [--k8s-version 1.31|1.32|...] [--kind-config FILE] [--haproxy-config FILE] [SCRIPT|-]\n\n  Runs the kindlab simulator without a window: reads commands one per line from SCRIPT\n  (or stdin when SCRIPT is - or missing), starting from the chapter's state, and prints\n  `$ <command>` and its output for each. A line that is not valid UTF-8 is not run:\n  `line N: not valid UTF-8` is printed in its place and the script goes on.\n\n  --seed N             seed of the simulation (default 2026)\n  --log-style STYLE    HAProxy console lines: chapter (HAProxy < 2.4, default) or current\n  --k8s-version V      Kubernetes version of the nodes (default 1.31)\n  --kind-config FILE   build the cluster from this kind config instead of the chapter's\n  --haproxy-config FILE  start HAProxy-workers-lb with this haproxy.cfg instead of the chapter's\n                       ($worker1..$workerN are the workers' addresses)\n  --kind-era ERA       docker networking of the nodes: chapter (default: HAProxy reaches them\n                       without --network) or current (kind >= 0.8: they live on the network kind)\n";

/// What `kindlab sim` was asked to do.
#[derive(Debug, Default)]
struct SimArgs {
    opts: SessionOptions,
    script: Option<String>,
    kind_config: Option<String>,
    haproxy_config: Option<String>,
}

/// Parses the arguments after `sim`; `Err` = a usage problem.
fn parse_args(args: &[String]) -> Result<SimArgs, String> {
    let mut opts = SessionOptions {
        seed: DEFAULT_SEED,
        ..SessionOptions::default()
    };
    let mut script: Option<String> = None;
    let mut kind_config: Option<String> = None;
    let mut haproxy_config: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a, None),
        };
        let value = |i: &mut usize| -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            *i += 1;
            args.get(*i)
                .cloned()
                .ok_or(format!("option {name} needs a value"))
        };
        match name {
            "--seed" => {
                let v = value(&mut i)?;
                opts.seed = v.parse().map_err(|_| format!("invalid --seed: {v}"))?;
            }
            "--log-style" => {
                let v = value(&mut i)?;
                opts.log_style = LogStyle::parse(&v)
                    .ok_or(format!("invalid --log-style: {v} (chapter or current)"))?;
            }
            "--k8s-version" => {
                let v = value(&mut i)?;
                opts.k8s_version = K8sVersion::parse(&v)
                    .ok_or(format!("invalid --k8s-version: {v} (e.g. 1.31, 1.32)"))?;
            }
            "--kind-era" => {
                let v = value(&mut i)?;
                opts.kind_era = KindEra::parse(&v)
                    .ok_or(format!("invalid --kind-era: {v} (chapter or current)"))?;
            }
            "--kind-config" => kind_config = Some(value(&mut i)?),
            "--haproxy-config" => haproxy_config = Some(value(&mut i)?),
            "-h" | "--help" => return Err(String::new()),
            "-" => {
                if script.is_some() {
                    return Err("only one SCRIPT may be given".into());
                }
                script = Some("-".into());
            }
            s if s.starts_with('-') => return Err(format!("unknown option: {s}")),
            s => {
                if script.is_some() {
                    return Err("only one SCRIPT may be given".into());
                }
                script = Some(s.to_string());
            }
        }
        i += 1;
    }
    Ok(SimArgs {
        opts,
        script,
        kind_config,
        haproxy_config,
    })
}

/// Runs a script's text through a session and returns the transcript.
pub fn transcript(opts: SessionOptions, text: &str) -> String {
    transcript_bytes(Session::new(opts), text.as_bytes())
}

/// Runs a script, read as bytes, through `s`: lines split as `str::lines` splits them; a line
/// that is not valid UTF-8 is not run, `line N: not valid UTF-8` stands in its place.
pub fn transcript_bytes(mut s: Session, bytes: &[u8]) -> String {
    transcript_into(&mut s, bytes)
}

/// Like [`transcript_bytes`], leaving the session as the script left it (to look at it after).
pub fn transcript_into(s: &mut Session, bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    // a last piece after the final newline is a line only when it is not empty; \r\n ends a
    // line too, a \r at the very end does not
    let unterminated = lines.pop().filter(|l| !l.is_empty());
    let mut lines: Vec<&[u8]> = lines
        .into_iter()
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .collect();
    lines.extend(unterminated);
    for (n, raw) in lines.into_iter().enumerate() {
        match std::str::from_utf8(raw) {
            Ok(line) => {
                if let Some((echo, o)) = s.feed_line(line) {
                    out.push_str(&echo);
                    out.push_str(&o);
                }
            }
            Err(_) => out.push_str(&format!("line {}: not valid UTF-8\n", n + 1)),
        }
    }
    if let Some((echo, o)) = s.finish() {
        out.push_str(&echo);
        out.push_str(&o);
    }
    out
}

/// A config file's text (`Err`: the message to print).
fn read_config(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    String::from_utf8(bytes)
        .map_err(|_| format!("cannot read {path}: stream did not contain valid UTF-8"))
}

/// The session the arguments ask for: the chapter's, or the chapter's flow on the given configs.
fn session(a: &SimArgs) -> Result<Session, String> {
    if a.kind_config.is_none() && a.haproxy_config.is_none() {
        return Ok(Session::new(a.opts.clone()));
    }
    let kind = match &a.kind_config {
        Some(p) => read_config(p)?,
        None => crate::sim::kind::CLUSTER01_YAML.to_string(),
    };
    let haproxy = match &a.haproxy_config {
        Some(p) => read_config(p)?,
        None => crate::sim::world::CHAPTER_HAPROXY_CFG.to_string(),
    };
    Session::from_topology(a.opts.clone(), &kind, &haproxy).map_err(|e| {
        let name = match e.file {
            TopologyFile::KindConfig => a
                .kind_config
                .as_deref()
                .unwrap_or("the chapter's kind config"),
            TopologyFile::HaproxyConfig => a
                .haproxy_config
                .as_deref()
                .unwrap_or("the chapter's haproxy.cfg"),
        };
        e.describe(name)
    })
}

/// Runs `kindlab ARGS...` (`sim`, `check`); returns the process's exit status.
pub fn run(args: &[String]) -> i32 {
    let a = match parse_args(args) {
        Ok(x) => x,
        Err(e) => {
            if e.is_empty() {
                print!("{USAGE}");
                return 0;
            }
            eprintln!("kindlab sim: {e}\n{USAGE}");
            return 2;
        }
    };
    let s = match session(&a) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kindlab sim: {e}");
            return 2;
        }
    };
    let bytes = match a.script.as_deref() {
        None | Some("-") => {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                eprintln!("kindlab sim: cannot read the script from stdin: {e}");
                return 2;
            }
            b
        }
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("kindlab sim: cannot read script {path}: {e}");
                return 2;
            }
        },
    };
    let out = transcript_bytes(s, &bytes);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    0
}
