//! `kindlab challenge list` and `kindlab challenge run ID [SCRIPT|-]`: the break-fix challenges
//! headless (issue 19).
//!
//! `list` prints each challenge's id and English title, one per line. `run` sets the challenge's
//! broken world up, runs the script's commands exactly as `kindlab sim` runs and prints them,
//! then checks the world and ends with a line `solved` (exit status 0) or `not solved: <why>`
//! (exit status 1). An unknown id, a script that cannot be read or wrong arguments: a message
//! on stderr, exit status 2.

use crate::content::model::Lang;
use crate::lab::challenge;
use std::io::{Read, Write};

/// `kindlab challenge --help`.
pub(super) const USAGE: &str = "usage: kindlab challenge list
       kindlab challenge run ID [SCRIPT|-]

  Break-fix challenges: a cluster that is already broken, a goal, no steps.
  list            print each challenge's id and title
  run ID [SCRIPT] set challenge ID up, run the commands of SCRIPT (or stdin when SCRIPT is -
                  or missing) like `kindlab sim`, then check the world: the last line says
                  `solved` (exit 0) or `not solved: <why>` (exit 1)
";

/// Runs `kindlab challenge ARGS...`; returns the exit status.
pub(super) fn run(args: &[String]) -> i32 {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["-h" | "--help", ..] => {
            print!("{USAGE}");
            0
        }
        ["list"] => {
            let mut out = String::new();
            for def in challenge::ALL {
                out.push_str(&format!("{}  {}\n", def.id, def.title(Lang::En)));
            }
            print!("{out}");
            0
        }
        ["run", id] => run_one(id, "-"),
        ["run", id, script] => run_one(id, script),
        _ => {
            eprintln!("kindlab challenge: wrong arguments\n{USAGE}");
            2
        }
    }
}

fn run_one(id: &str, script: &str) -> i32 {
    let Some(def) = challenge::find(id) else {
        eprintln!(
            "kindlab challenge: no challenge `{id}` (known: {}; try kindlab challenge list)",
            challenge::CHALLENGES.join(", ")
        );
        return 2;
    };
    let bytes = if script == "-" {
        let mut b = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut b) {
            eprintln!("kindlab challenge: cannot read the script from stdin: {e}");
            return 2;
        }
        b
    } else {
        match std::fs::read(script) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("kindlab challenge: cannot read script {script}: {e}");
                return 2;
            }
        }
    };
    let mut session = (def.setup)(crate::sim::DEFAULT_SEED);
    let mut out = super::transcript_into(&mut session, &bytes);
    let code = match def.verdict(&session) {
        Ok(_) => {
            out.push_str("solved\n");
            0
        }
        Err(why) => {
            let text = def.message(&why, false, Lang::En);
            out.push_str(&format!("not solved: {text}\n"));
            1
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
    code
}
