//! The command-line front: `kindlab` (the window), `kindlab sim ...`, `--help`, `--version`.
//!
//! `kindlab sim [--seed N] [--log-style chapter|current] [--k8s-version 1.31|1.32|...] [SCRIPT|-]`
//!
//! Runs the simulator headless: reads commands one per line (blank lines and `#` comments
//! ignored, heredoc bodies kept verbatim) from SCRIPT or stdin, starting from the chapter's
//! state, and prints `$ <command>` and its output for each. Exit status 0, or 2 when the script
//! cannot be read or the flags are wrong. Same seed and script -> byte-identical output.

use crate::sim::{K8sVersion, LogStyle, Session, SessionOptions, DEFAULT_SEED};
use std::ffi::OsString;
use std::io::{Read, Write};

/// `kindlab --help`.
pub const TOP_USAGE: &str = "usage: kindlab [COMMAND]

  An offline, bilingual study app: Kubernetes with KinD, HAProxy in front of the workers,
  a kubelet failure, storage. Without a command it opens the app's window.

commands:
  sim [--seed N] [--log-style S] [--k8s-version V] [SCRIPT|-]
                 run the simulated cluster headless (kindlab sim --help)
  check [DIR]    check the lessons and quizzes in DIR (default: content)

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
        Value(cmd) if cmd == "sim" || cmd == "check" => {
            let rest: Vec<String> = match p.raw_args() {
                Ok(raw) => raw.map(|a| a.to_string_lossy().into_owned()).collect(),
                Err(e) => return Some(usage_error(&e.to_string())),
            };
            Some(if cmd == "sim" {
                run(&rest)
            } else {
                crate::content::check::run(&rest)
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

pub const USAGE: &str = "usage: kindlab sim [--seed N] [--log-style chapter|current] [--k8s-version 1.31|1.32|...] [SCRIPT|-]\n\n  Runs the kindlab simulator without a window: reads commands one per line from SCRIPT\n  (or stdin when SCRIPT is - or missing), starting from the chapter's state, and prints\n  `$ <command>` and its output for each.\n\n  --seed N             seed of the simulation (default 2026)\n  --log-style STYLE    HAProxy console lines: chapter (HAProxy < 2.4, default) or current\n  --k8s-version V      Kubernetes version of the nodes (default 1.31)\n";

/// Parses the arguments after `sim`; `Err` = a usage problem.
fn parse_args(args: &[String]) -> Result<(SessionOptions, Option<String>), String> {
    let mut opts = SessionOptions {
        seed: DEFAULT_SEED,
        ..SessionOptions::default()
    };
    let mut script: Option<String> = None;
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
    Ok((opts, script))
}

/// Runs a script's text through a session and returns the transcript.
pub fn transcript(opts: SessionOptions, text: &str) -> String {
    let mut s = Session::new(opts);
    let mut out = String::new();
    for line in text.lines() {
        if let Some((echo, o)) = s.feed_line(line) {
            out.push_str(&echo);
            out.push_str(&o);
        }
    }
    if let Some((echo, o)) = s.finish() {
        out.push_str(&echo);
        out.push_str(&o);
    }
    out
}

pub fn run(args: &[String]) -> i32 {
    let (opts, script) = match parse_args(args) {
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
    let text = match script.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("kindlab sim: cannot read the script from stdin: {e}");
                return 2;
            }
            s
        }
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("kindlab sim: cannot read script {path}: {e}");
                return 2;
            }
        },
    };
    let out = transcript(opts, &text);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    0
}
