//! The simulated HAProxy: configuration parsing, health checks on an event queue, console log
//! lines in the chapter's (pre-2.4) or the current (2.4+) style, and load balancing.
//!
//! Rules followed: `shared/notes/haproxy-behaviour.md`. Usage:
//! ```text
//! let report = parse_config("/usr/local/etc/haproxy/haproxy.cfg", &text, &|v| vars.get(v).cloned());
//! match report.result {
//!     Err(_) => { /* docker logs: report.console_lines(style, now); container Exited (1) */ }
//!     Ok(cfg) => {
//!         let mut hp = Haproxy::start(cfg, now, seed, LogStyle::Chapter);
//!         // whenever the network may change, and before reading logs or routing:
//!         hp.run_until(t, &net);
//!     }
//! }
//! ```

pub mod check;
pub mod config;
mod health;
pub mod log;
mod route;
mod views;

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::net::Ipv4Addr;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use check::{CheckResult, CheckStatus};
pub use config::{
    parse_config, parse_config_with_resolver, Backend, Balance, Bind, Config, ConfigMessage,
    Frontend, HttpChk, Mode, ParseReport, ServerConf, Severity, Timeouts,
};
pub use health::{LastCheck, ServerState};
pub use log::{MASTER_PID, WORKER_PID};
pub use route::{Route, DEFAULT_CLIENT};
pub use views::{BackendView, ServerView};

use crate::net::Network;
use crate::time::Millis;

/// Body of HAProxy's 503 page (when no server is available, in http mode). HAProxy sends it
/// followed by one `\n` (counted in `content-length: 107`).
pub const NO_SERVER_BODY: &str = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>";
/// Status line of that page.
pub const NO_SERVER_STATUS_LINE: &str = "HTTP/1.1 503 Service Unavailable";
/// Headers of that page, as HAProxy 2.x sends them.
pub const NO_SERVER_HEADERS: &[(&str, &str)] = &[
    ("content-length", "107"),
    ("cache-control", "no-cache"),
    ("content-type", "text/html"),
];
/// The version the current style claims (printed before alerts, as HAProxy >= 2.4 does).
pub const CURRENT_VERSION: &str = "2.6.12-1+deb12u1";
/// Where the current style says the executable lives.
pub const CURRENT_EXECUTABLE: &str = "/usr/local/sbin/haproxy";

/// The two notices a current HAProxy prints before its alerts or its shutdown.
fn version_notices() -> [String; 2] {
    [
        format!("haproxy version is {CURRENT_VERSION}"),
        format!("path to executable is {CURRENT_EXECUTABLE}"),
    ]
}

/// Which HAProxy generation the console lines imitate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogStyle {
    /// The chapter's HAProxy (< 2.4): `[WARNING] 093/191701 (6) : `, UP lines with
    /// `, info: "OK"`.
    #[default]
    Chapter,
    /// HAProxy 2.4 and later: `[WARNING]  (6) : `.
    Current,
}

impl LogStyle {
    /// Parses `chapter` / `current` (the CLI's `--log-style`).
    pub fn parse(s: &str) -> Option<LogStyle> {
        match s {
            "chapter" => Some(LogStyle::Chapter),
            "current" => Some(LogStyle::Current),
            _ => None,
        }
    }
}

/// One console line, stamped with the virtual time it was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// When it was printed.
    pub at: Millis,
    /// The full console line, prefix included (no trailing newline).
    pub text: String,
}

impl ParseReport {
    /// The console lines HAProxy prints for this configuration when it refuses to start
    /// (or the warnings when it starts; `Haproxy::start` prints those itself). All from the
    /// master process (pid 1), stamped `at`.
    pub fn console_lines(&self, style: LogStyle, at: Millis) -> Vec<LogLine> {
        let mut out = Vec::new();
        let mut version_printed = false;
        for m in &self.messages {
            if m.severity == Severity::Alert && style == LogStyle::Current && !version_printed {
                version_printed = true;
                for n in version_notices() {
                    out.extend(log::console_lines(
                        style,
                        Severity::Notice,
                        MASTER_PID,
                        at,
                        &n,
                    ));
                }
            }
            let text = m.text_for(style);
            out.extend(log::console_lines(style, m.severity, MASTER_PID, at, &text));
        }
        out.into_iter().map(|text| LogLine { at, text }).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EvKind {
    /// End of a check: at equal times, ends come before starts.
    End,
    Start,
}

/// A queued event. Ordered by time, then kind, then server (configuration order), so events at
/// the same instant run in an order that does not depend on when they were queued (and so not
/// on how a caller cuts time into `run_until` calls); `seq` only breaks what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ev {
    at: Millis,
    kind: EvKind,
    srv: u32,
    seq: u64,
}

#[derive(Debug, Clone)]
struct Srv {
    be: usize,
    idx: usize,
    state: ServerState,
    health: u32,
    checked: bool,
    /// Result of the running check (decided at its start).
    pending: Option<CheckResult>,
    /// The last finished check and its end time.
    last: Option<(CheckResult, Millis)>,
    next_check: Option<Millis>,
    /// Each server draws from its own generator, so its timeline does not depend on the
    /// others' (nor on how `run_until` calls are split).
    rng: ChaCha8Rng,
    /// Probe result cached for the current `run_until` call (the network does not change
    /// during one call): (call number, status, duration kind).
    probe: Option<(u64, CheckStatus, check::DurationKind)>,
}

/// A running HAProxy (the worker process and its master).
#[derive(Debug, Clone)]
pub struct Haproxy {
    config: Config,
    style: LogStyle,
    lb_rng: ChaCha8Rng,
    srvs: Vec<Srv>,
    /// Number of `run_until` calls so far (keys the probe cache).
    call: u64,
    stopped: bool,
    /// First global server index of each backend.
    be_start: Vec<usize>,
    /// Last server picked by round robin, per backend (global index).
    rr_last: Vec<Option<usize>>,
    queue: BinaryHeap<Reverse<Ev>>,
    seq: u64,
    logs: Vec<LogLine>,
    now: Millis,
}

impl Haproxy {
    /// Starts HAProxy with a valid configuration at virtual time `now`: prints the
    /// configuration warnings and the start-up notices, and schedules the first checks.
    pub fn start(config: Config, now: Millis, seed: u64, style: LogStyle) -> Haproxy {
        let mut hp = Haproxy {
            style,
            call: 0,
            stopped: false,
            lb_rng: ChaCha8Rng::seed_from_u64(seed ^ 0x5EED_0F1B_u64.rotate_left(32)),
            srvs: Vec::new(),
            be_start: Vec::new(),
            rr_last: vec![None; config.backends.len()],
            queue: BinaryHeap::new(),
            seq: 0,
            logs: Vec::new(),
            now,
            config,
        };
        for w in hp.config.warnings.clone() {
            hp.print(w.severity, MASTER_PID, now, &w.text_for(style));
        }
        match style {
            LogStyle::Chapter => hp.print(
                Severity::Notice,
                MASTER_PID,
                now,
                &format!("New worker #1 ({WORKER_PID}) forked"),
            ),
            LogStyle::Current => {
                hp.print(
                    Severity::Notice,
                    MASTER_PID,
                    now,
                    &format!("New worker ({WORKER_PID}) forked"),
                );
                hp.print(Severity::Notice, MASTER_PID, now, "Loading success.");
            }
        }
        for (bi, be) in hp.config.backends.iter().enumerate() {
            hp.be_start.push(hp.srvs.len());
            for (si, s) in be.servers.iter().enumerate() {
                hp.srvs.push(Srv {
                    be: bi,
                    idx: si,
                    state: if s.disabled {
                        ServerState::Maint
                    } else {
                        ServerState::Up
                    },
                    // up, but will fall down at first failure
                    health: s.rise,
                    checked: s.check && !s.disabled,
                    pending: None,
                    last: None,
                    next_check: None,
                    rng: ChaCha8Rng::seed_from_u64(
                        seed ^ (hp.srvs.len() as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                    ),
                    probe: None,
                });
            }
        }
        hp.be_start.push(hp.srvs.len());
        // First checks spread over all checked servers (start_checks()): mininter is the
        // smallest interval >= 1000 ms; server k of n starts at max(mininter, own) * k / n,
        // plus a few tens of ms.
        let configured: Vec<usize> = (0..hp.srvs.len()).filter(|&i| hp.conf(i).check).collect();
        let n = configured.len() as Millis;
        let mininter = configured
            .iter()
            .map(|&i| hp.getinter(i))
            .filter(|&t| t >= 1000)
            .min()
            .unwrap_or(0);
        for (pos, &i) in configured.iter().enumerate() {
            if !hp.srvs[i].checked {
                continue;
            }
            let mi = mininter.max(hp.getinter(i));
            let jitter = hp.srvs[i].rng.random_range(0..=50u64) as Millis;
            let at = now + mi * pos as Millis / n + jitter;
            hp.schedule(at, i, EvKind::Start);
            hp.srvs[i].next_check = Some(at);
        }
        hp
    }

    /// `docker stop` (SIGTERM to the master): prints the shutdown lines at `at` and stops all
    /// checks. Returns the master's exit status (0: SIGTERM is a normal exit for HAProxy).
    /// Events up to `at` should have been run first (`run_until(at, net)`).
    pub fn stop(&mut self, at: Millis) -> i32 {
        if self.stopped {
            return 0;
        }
        self.stopped = true;
        self.queue.clear();
        for s in &mut self.srvs {
            s.pending = None;
            s.next_check = None;
        }
        let style = self.style;
        self.print(
            Severity::Warning,
            MASTER_PID,
            at,
            "Exiting Master process...",
        );
        let worker = match style {
            LogStyle::Chapter => format!("Current worker #1 ({WORKER_PID})"),
            LogStyle::Current => {
                for n in version_notices() {
                    self.print(Severity::Notice, MASTER_PID, at, &n);
                }
                format!("Current worker ({WORKER_PID})")
            }
        };
        self.print(
            Severity::Alert,
            MASTER_PID,
            at,
            &format!("{worker} exited with code 143 (Terminated)"),
        );
        self.print(
            Severity::Warning,
            MASTER_PID,
            at,
            "All workers exited. Exiting... (0)",
        );
        0
    }

    /// Whether `stop` was called.
    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// The configuration it runs.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Which HAProxy generation its console lines imitate.
    pub fn style(&self) -> LogStyle {
        self.style
    }

    /// The time of the next event (check start or end), if any.
    pub fn next_wakeup(&self) -> Option<Millis> {
        self.queue.peek().map(|Reverse(e)| e.at)
    }

    /// Processes every event with time <= `t`, in order, then sets the clock to `t`.
    pub fn run_until(&mut self, t: Millis, net: &dyn Network) {
        self.call += 1;
        while let Some(&Reverse(ev)) = self.queue.peek() {
            if ev.at > t {
                break;
            }
            self.queue.pop();
            self.now = ev.at;
            match ev.kind {
                EvKind::Start => self.check_start(ev.srv as usize, net, t),
                EvKind::End => self.check_end(ev.srv as usize),
            }
        }
        if t > self.now {
            self.now = t;
        }
    }

    /// All console lines so far, in time order.
    pub fn logs(&self) -> &[LogLine] {
        &self.logs
    }

    fn conf(&self, i: usize) -> &ServerConf {
        let s = &self.srvs[i];
        &self.config.backends[s.be].servers[s.idx]
    }

    fn schedule(&mut self, at: Millis, srv: usize, kind: EvKind) {
        self.seq += 1;
        self.queue.push(Reverse(Ev {
            at,
            seq: self.seq,
            srv: srv as u32,
            kind,
        }));
    }

    fn print(&mut self, sev: Severity, pid: u32, at: Millis, msg: &str) {
        for text in log::console_lines(self.style, sev, pid, at, msg) {
            self.logs.push(LogLine { at, text });
        }
    }
}

#[cfg(test)]
mod tests;
