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
pub mod log;

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
pub use log::{MASTER_PID, WORKER_PID};

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

/// Default client address for `balance source` (the docker bridge gateway).
pub const DEFAULT_CLIENT: Ipv4Addr = Ipv4Addr::new(172, 18, 0, 1);

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

/// Administrative/operational state of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerState {
    Up,
    Down,
    /// `disabled` in the configuration: never checked, never used.
    Maint,
}

/// What the last finished check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastCheck {
    /// e.g. `Layer7 check passed, code: 200` (in the engine's log style).
    pub reason: String,
    pub duration: Millis,
    /// When the check ended.
    pub at: Millis,
    pub passed: bool,
}

/// A server as the UI and the tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerView {
    pub backend: String,
    pub name: String,
    pub addr: Ipv4Addr,
    /// The server's own port (`None` when the address has no port).
    pub port: Option<u16>,
    /// Where checks go (`port N`, else the server port); `None` when not checked.
    pub check_port: Option<u16>,
    pub checked: bool,
    pub state: ServerState,
    /// HAProxy's health counter: 0..rise-1 DOWN, rise..rise+fall-1 UP.
    pub health: u32,
    pub rise: u32,
    pub fall: u32,
    pub backup: bool,
    pub last_check: Option<LastCheck>,
    /// Start time of the next check (or of the running one).
    pub next_check: Option<Millis>,
    /// A check is in progress (started, not yet ended).
    pub checking: bool,
}

/// A backend as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendView {
    pub name: String,
    pub mode: Mode,
    pub balance: Balance,
    /// Usable (UP) active servers.
    pub active_up: u32,
    /// Usable (UP) backup servers.
    pub backup_up: u32,
    /// Number of servers in the backend.
    pub servers: usize,
}

/// Where a connection to a bound port goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// No frontend binds that port: connection refused.
    NoListener,
    /// The chosen server.
    Server {
        backend: String,
        server: String,
        addr: Ipv4Addr,
        /// The server's port (or the bound port when the server line has none).
        port: u16,
        mode: Mode,
    },
    /// No usable server (or the frontend has no backend: `backend` is empty). http mode: the
    /// 503 page ([`NO_SERVER_BODY`]); tcp mode: accepted then closed with no data.
    NoServer { backend: String, mode: Mode },
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

    /// Routes a connection arriving on `bind_port` from the default client (172.18.0.1).
    pub fn route(&mut self, bind_port: u16) -> Route {
        self.route_from(bind_port, DEFAULT_CLIENT)
    }

    /// Routes a connection arriving on `bind_port` from `client` (used by `balance source`).
    pub fn route_from(&mut self, bind_port: u16, client: Ipv4Addr) -> Route {
        if self.stopped {
            return Route::NoListener;
        }
        let Some(fe) = self.config.frontends.iter().find(|f| {
            f.binds
                .iter()
                .any(|b| b.port == bind_port && !b.addr.is_some_and(|a| a.is_loopback()))
        }) else {
            return Route::NoListener;
        };
        let fe_mode = fe.mode;
        let Some(bi) = fe.backend else {
            return Route::NoServer {
                backend: String::new(),
                mode: fe_mode,
            };
        };
        let be = &self.config.backends[bi];
        let be_name = be.name.clone();
        let mode = if fe_mode == Mode::Http || be.mode == Mode::Http {
            Mode::Http
        } else {
            Mode::Tcp
        };
        match self.pick(bi, client) {
            None => Route::NoServer {
                backend: be_name,
                mode,
            },
            Some(i) => {
                let s = self.conf(i);
                Route::Server {
                    backend: be_name,
                    server: s.name.clone(),
                    addr: s.addr,
                    port: s.port.unwrap_or(bind_port),
                    mode,
                }
            }
        }
    }

    /// Every server of every backend, in configuration order.
    pub fn servers(&self) -> Vec<ServerView> {
        (0..self.srvs.len()).map(|i| self.server_view(i)).collect()
    }

    /// One server by backend and name.
    pub fn server(&self, backend: &str, name: &str) -> Option<ServerView> {
        (0..self.srvs.len())
            .find(|&i| {
                self.config.backends[self.srvs[i].be].name == backend && self.conf(i).name == name
            })
            .map(|i| self.server_view(i))
    }

    /// Every backend (a `listen` section included), in configuration order.
    pub fn backends(&self) -> Vec<BackendView> {
        self.config
            .backends
            .iter()
            .enumerate()
            .map(|(bi, b)| {
                let (active_up, backup_up) = self.counts(bi);
                BackendView {
                    name: b.name.clone(),
                    mode: b.mode,
                    balance: b.balance,
                    active_up,
                    backup_up,
                    servers: b.servers.len(),
                }
            })
            .collect()
    }

    /// Usable (active, backup) servers of a backend.
    pub fn usable_counts(&self, backend: &str) -> Option<(u32, u32)> {
        let bi = self
            .config
            .backends
            .iter()
            .position(|b| b.name == backend)?;
        Some(self.counts(bi))
    }

    // -----------------------------------------------------------------------------------------

    fn server_view(&self, i: usize) -> ServerView {
        let s = &self.srvs[i];
        let c = self.conf(i);
        ServerView {
            backend: self.config.backends[s.be].name.clone(),
            name: c.name.clone(),
            addr: c.addr,
            port: c.port,
            check_port: if s.checked {
                c.check_port.or(c.port)
            } else {
                None
            },
            checked: s.checked,
            state: s.state,
            health: s.health,
            rise: c.rise,
            fall: c.fall,
            backup: c.backup,
            last_check: s.last.as_ref().map(|(r, at)| LastCheck {
                reason: r.reason(self.style),
                duration: r.duration,
                at: *at,
                passed: r.status.passed(),
            }),
            next_check: s.next_check,
            checking: s.pending.is_some(),
        }
    }

    fn conf(&self, i: usize) -> &ServerConf {
        let s = &self.srvs[i];
        &self.config.backends[s.be].servers[s.idx]
    }

    /// `srv_getinter()`: inter at full health, downinter when fully down, fastinter otherwise.
    fn getinter(&self, i: usize) -> Millis {
        let s = &self.srvs[i];
        let c = self.conf(i);
        if s.health == c.rise + c.fall - 1 {
            c.inter
        } else if s.state == ServerState::Down && s.health == 0 {
            c.downinter.unwrap_or(c.inter)
        } else {
            c.fastinter.unwrap_or(c.inter)
        }
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

    /// A check starts at `self.now`; `t` is the end of the current `run_until` call.
    fn check_start(&mut self, i: usize, net: &dyn Network, t: Millis) {
        let call = self.call;
        let Haproxy { config, srvs, .. } = self;
        let s = &mut srvs[i];
        let be = &config.backends[s.be];
        let conf = &be.servers[s.idx];
        if !matches!(&s.probe, Some((c, _, _)) if *c == call) {
            let (status, kind) = check::probe(conf, be, net);
            s.probe = Some((call, status, kind));
        }
        let (_, status, kind) = s.probe.as_ref().expect("probe cached");
        let (passed, kind) = (status.passed(), *kind);
        let full = conf.rise + conf.fall - 1;
        let mut start = self.now;
        // A check that cannot change the health counter (success at full health, failure when
        // fully down) prints nothing and changes nothing. While the network does not change
        // (within this call), every following check of this server is the same: run them in
        // a tight loop, stamped with their own times, instead of through the queue.
        // With `option log-health-checks`, a check whose status differs from the previous
        // one is logged even when the health does not move (`status != prev_status`).
        let status_changed = be.log_health_checks
            && s.last.as_ref().is_some_and(|(r, _)| {
                std::mem::discriminant(&r.status) != std::mem::discriminant(status)
            });
        if !status_changed && ((passed && s.health >= full) || (!passed && s.health == 0)) {
            let inter = if passed {
                conf.inter
            } else {
                conf.downinter.unwrap_or(conf.inter)
            };
            loop {
                let d = check::draw_duration(kind, conf, be, &mut s.rng);
                let end = start + d;
                if end > t {
                    // still running when this call ends: finish it through the queue
                    s.pending = Some(CheckResult {
                        status: status.clone(),
                        duration: d,
                        started: start,
                        srv_port_443: conf.port == Some(443),
                    });
                    s.next_check = Some(start);
                    self.schedule(end, i, EvKind::End);
                    return;
                }
                match &mut s.last {
                    Some((r, at)) if r.status == *status => {
                        r.duration = d;
                        r.started = start;
                        *at = end;
                    }
                    last => {
                        *last = Some((
                            CheckResult {
                                status: status.clone(),
                                duration: d,
                                started: start,
                                srv_port_443: conf.port == Some(443),
                            },
                            end,
                        ))
                    }
                }
                start = end + inter;
                if start > t {
                    break;
                }
            }
            s.next_check = Some(start);
            self.schedule(start, i, EvKind::Start);
            return;
        }
        let result = CheckResult {
            status: status.clone(),
            duration: check::draw_duration(kind, conf, be, &mut s.rng),
            started: start,
            srv_port_443: conf.port == Some(443),
        };
        let end = start + result.duration;
        s.pending = Some(result);
        self.schedule(end, i, EvKind::End);
    }

    fn counts(&self, bi: usize) -> (u32, u32) {
        let mut act = 0;
        let mut bck = 0;
        for i in self.be_start[bi]..self.be_start[bi + 1] {
            if self.srvs[i].state == ServerState::Up {
                if self.conf(i).backup {
                    bck += 1;
                } else {
                    act += 1;
                }
            }
        }
        (act, bck)
    }

    fn check_end(&mut self, i: usize) {
        let now = self.now;
        let Some(result) = self.srvs[i].pending.take() else {
            return;
        };
        let style = self.style;
        let status_changed = self.srvs[i].last.as_ref().is_some_and(|(r, _)| {
            std::mem::discriminant(&r.status) != std::mem::discriminant(&result.status)
        });
        let (rise, fall, backup, name) = {
            let c = self.conf(i);
            (c.rise, c.fall, c.backup, c.name.clone())
        };
        let bi = self.srvs[i].be;
        let be_name = self.config.backends[bi].name.clone();
        let log_hc = self.config.backends[bi].log_health_checks;
        let passed = result.status.passed();
        let reason = result.reason(style);
        // set_server_check_status(): adjust the health counter.
        let mut report = false;
        {
            let s = &mut self.srvs[i];
            if passed {
                if s.health < rise + fall - 1 {
                    report = true;
                    s.health += 1;
                    if s.health >= rise {
                        s.health = rise + fall - 1;
                    }
                }
            } else if s.health > 0 {
                report = true;
                s.health -= 1;
                if s.health < rise {
                    s.health = 0;
                }
            }
        }
        let health = self.srvs[i].health;
        if log_hc && (report || status_changed) {
            let up = health >= rise;
            let msg = format!(
                "Health check for {}server {}/{} {}, reason: {}, check duration: {}ms, status: {}/{} {}.",
                if backup { "backup " } else { "" },
                be_name,
                name,
                if passed { "succeeded" } else { "failed" },
                reason,
                result.duration,
                if up { health - rise + 1 } else { health },
                if up { fall } else { rise },
                if up { "UP" } else { "DOWN" }
            );
            self.print(Severity::Warning, WORKER_PID, now, &msg);
        }
        // check_notify_failure() / check_notify_success(): state changes.
        let state = self.srvs[i].state;
        let who = if backup { "Backup Server" } else { "Server" };
        if !passed && health == 0 && state == ServerState::Up {
            let (before_act, before_bck) = self.counts(bi);
            self.srvs[i].state = ServerState::Down;
            let (act, bck) = self.counts(bi);
            let msg = format!(
                "{who} {be_name}/{name} is DOWN, reason: {reason}, check duration: {}ms. {act} active and {bck} backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                result.duration
            );
            self.print(Severity::Warning, WORKER_PID, now, &msg);
            if before_act + before_bck > 0 && act + bck == 0 {
                let ty = if self
                    .config
                    .frontends
                    .iter()
                    .any(|f| f.name == be_name && f.backend == Some(bi))
                {
                    "proxy"
                } else {
                    "backend"
                };
                self.print(
                    Severity::Alert,
                    WORKER_PID,
                    now,
                    &format!("{ty} '{be_name}' has no server available!"),
                );
            }
        } else if passed && health >= rise && state == ServerState::Down {
            self.srvs[i].state = ServerState::Up;
            let (act, bck) = self.counts(bi);
            let msg = format!(
                "{who} {be_name}/{name} is UP, reason: {reason}, check duration: {}ms. {act} active and {bck} backup servers online. 0 sessions requeued, 0 total in queue.",
                result.duration
            );
            self.print(Severity::Warning, WORKER_PID, now, &msg);
        }
        self.srvs[i].last = Some((result, now));
        // The next check starts `inter` after this one ended.
        let next = now + self.getinter(i);
        self.srvs[i].next_check = Some(next);
        self.schedule(next, i, EvKind::Start);
    }

    /// Chooses a server of backend `bi` (global index), or None when none is usable.
    fn pick(&mut self, bi: usize, client: Ipv4Addr) -> Option<usize> {
        let range = self.be_start[bi]..self.be_start[bi + 1];
        let usable = |i: usize| self.srvs[i].state == ServerState::Up && self.conf(i).weight > 0;
        let mut cands: Vec<usize> = range
            .clone()
            .filter(|&i| usable(i) && !self.conf(i).backup)
            .collect();
        if cands.is_empty() {
            let backups = range.filter(|&i| usable(i) && self.conf(i).backup);
            cands = if self.config.backends[bi].allbackups {
                backups.collect()
            } else {
                backups.take(1).collect()
            };
        }
        if cands.is_empty() {
            return None;
        }
        let chosen = match self.config.backends[bi].balance {
            Balance::RoundRobin | Balance::StaticRr | Balance::LeastConn => {
                let next = match self.rr_last[bi] {
                    Some(last) => cands
                        .iter()
                        .copied()
                        .find(|&i| i > last)
                        .unwrap_or(cands[0]),
                    None => cands[0],
                };
                self.rr_last[bi] = Some(next);
                next
            }
            Balance::First | Balance::Hash => cands[0],
            Balance::Source => cands[(u32::from(client) as usize) % cands.len()],
            Balance::Random => cands[self.lb_rng.random_range(0..cands.len())],
        };
        Some(chosen)
    }
}

#[cfg(test)]
mod tests;
