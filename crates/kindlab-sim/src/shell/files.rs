//! The file commands of the host shell: `cat`, `tee`, `ls`, `mkdir`, `rm` (on the simulated
//! filesystem, [`crate::fs`]).

use super::with_errors;
use crate::world::World;

pub(super) fn cat(w: &mut World, args: &[String], stdin: Option<&str>) -> Result<String, String> {
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

pub(super) fn tee(w: &mut World, args: &[String], stdin: Option<&str>) -> Result<String, String> {
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

pub(super) fn ls(w: &mut World, args: &[String]) -> Result<String, String> {
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

pub(super) fn mkdir(w: &mut World, args: &[String]) -> Result<String, String> {
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

pub(super) fn rm(w: &mut World, args: &[String]) -> Result<String, String> {
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
