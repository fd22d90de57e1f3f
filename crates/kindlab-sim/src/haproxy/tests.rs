//! Unit tests of the HAProxy engine against a fake network.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::*;
use crate::net::{Endpoint, HttpReply, Listener, Network};

/// A fake docker network: per host, up/down, and per port a listener and the status that
/// `GET` answers.
#[derive(Default, Clone)]
pub(super) struct FakeNet {
    /// Hosts whose SYNs are dropped.
    pub dropped: Vec<Ipv4Addr>,
    /// (ip, port) -> (listener, HTTP status answered)
    pub ports: BTreeMap<(Ipv4Addr, u16), (Listener, u16)>,
}

impl FakeNet {
    pub(super) fn nginx(&mut self, ip: Ipv4Addr) {
        self.ports.insert((ip, 80), (Listener::Http, 200));
        self.ports.insert((ip, 443), (Listener::Https, 200));
    }
    pub(super) fn kill(&mut self, ip: Ipv4Addr) {
        self.ports.retain(|(i, _), _| *i != ip);
    }
}

impl Network for FakeNet {
    fn connect(&self, ip: Ipv4Addr, port: u16) -> Endpoint {
        if self.dropped.contains(&ip) {
            return Endpoint::Dropped;
        }
        match self.ports.get(&(ip, port)) {
            Some((l, _)) => Endpoint::Listening(*l),
            None => Endpoint::Refused,
        }
    }
    fn http(&self, ip: Ipv4Addr, port: u16, _method: &str, _path: &str) -> HttpReply {
        let status = self.ports.get(&(ip, port)).map_or(0, |p| p.1);
        HttpReply::new(status, "")
    }
}

pub(super) const W1: Ipv4Addr = Ipv4Addr::new(172, 18, 0, 5);
pub(super) const W2: Ipv4Addr = Ipv4Addr::new(172, 18, 0, 6);
pub(super) const W3: Ipv4Addr = Ipv4Addr::new(172, 18, 0, 7);

/// The chapter's `haproxy.cfg` (the lab's own file) with a `global` section in front.
pub(super) const CHAPTER_CFG: &str = concat!(
    "global\n  log /dev/log local0\n  log /dev/log local1 notice\n  daemon\n",
    include_str!("../../../../content/lab/haproxy.cfg")
);

pub(super) fn vars(name: &str) -> Option<String> {
    match name {
        "worker1" => Some(W1.to_string()),
        "worker2" => Some(W2.to_string()),
        "worker3" => Some(W3.to_string()),
        _ => None,
    }
}

pub(super) fn parse(text: &str) -> ParseReport {
    parse_config("haproxy.cfg", text, &vars)
}

pub(super) fn start(text: &str, seed: u64, style: LogStyle) -> Haproxy {
    let rep = parse(text);
    let cfg = rep
        .result
        .unwrap_or_else(|e| panic!("config rejected: {e:?}"));
    Haproxy::start(cfg, 0, seed, style)
}

/// A configuration with the usual timeouts and one frontend `fe` on `port` that sends everything
/// to backend `be`, whose lines (each indented and ending in a newline) are `backend`.
fn fe_be(port: u16, backend: &str) -> String {
    format!(
        "defaults\n  timeout connect 5s\n  timeout client 50s\n  timeout server 50s\n\
         frontend fe\n  bind :{port}\n  default_backend be\nbackend be\n{backend}"
    )
}

/// The text of log lines.
fn texts(logs: &[LogLine]) -> Vec<&str> {
    logs.iter().map(|l| l.text.as_str()).collect()
}

/// The console lines a parse report prints at time 0.
fn console(rep: &ParseReport, style: LogStyle) -> Vec<String> {
    rep.console_lines(style, 0)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// Lines containing `needle`, with their times.
fn find<'a>(hp: &'a Haproxy, needle: &str) -> Vec<&'a LogLine> {
    hp.logs()
        .iter()
        .filter(|l| l.text.contains(needle))
        .collect()
}

fn chapter_net() -> FakeNet {
    nginx_on(&[W2])
}

/// A network where NGINX answers on these hosts and nothing else listens.
fn nginx_on(hosts: &[Ipv4Addr]) -> FakeNet {
    let mut net = FakeNet::default();
    for &ip in hosts {
        net.nginx(ip);
    }
    net
}

#[test]
fn chapter_startup_block_chapter_style() {
    for seed in 0..20 {
        let mut hp = start(CHAPTER_CFG, seed, LogStyle::Chapter);
        let net = chapter_net();
        hp.run_until(10_000, &net);
        let logs: Vec<&LogLine> = hp.logs().iter().collect();
        assert_eq!(logs.len(), 5, "seed {seed}: {logs:#?}");
        assert_eq!(
            logs[0].text,
            "[NOTICE] 000/000000 (1) : New worker #1 (6) forked"
        );
        let expect = [
            (
                "ingress_https/worker ",
                "SSL handshake failure (Connection refused)",
                2,
                0,
                100,
            ),
            (
                "ingress_https/worker3 ",
                "SSL handshake failure (Connection refused)",
                1,
                667,
                767,
            ),
            ("ingress_http/worker ", "Connection refused", 2, 1000, 1100),
            ("ingress_http/worker3 ", "Connection refused", 1, 1667, 1767),
        ];
        for (l, (srv, info, left, lo, hi)) in logs[1..].iter().zip(expect) {
            assert!(l.at >= lo && l.at <= hi, "seed {seed}: {srv} at {}", l.at);
            let want = format!(
                "[WARNING] 000/00000{} (6) : Server {srv}is DOWN, reason: Layer4 connection problem, info: \"{info}\", check duration: 0ms. {left} active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                l.at / 1000
            );
            assert_eq!(l.text, want);
        }
    }
}

#[test]
fn chapter_startup_block_current_style() {
    let mut hp = start(CHAPTER_CFG, 7, LogStyle::Current);
    hp.run_until(10_000, &chapter_net());
    let t = texts(hp.logs());
    assert_eq!(t[0], "[NOTICE]   (1) : New worker (6) forked");
    assert_eq!(t[1], "[NOTICE]   (1) : Loading success.");
    assert_eq!(t.len(), 6);
    assert_eq!(t[2], "[WARNING]  (6) : Server ingress_https/worker is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
    assert!(t[5].starts_with("[WARNING]  (6) : Server ingress_http/worker3 is DOWN"));
    // No UP line for the healthy worker2 at start.
    assert!(find(&hp, "worker2").is_empty());
    let v = hp.server("ingress_http", "worker2").unwrap();
    assert_eq!(v.state, ServerState::Up);
    assert_eq!(v.health, 4); // rise + fall - 1 after its first success
    assert_eq!(
        v.last_check.unwrap().reason,
        "Layer7 check passed, code: 200"
    );
}

/// Times of the checks of `backend/server` that ended so far is not kept by the engine; this
/// helper runs the engine step by step and returns the end time of the last check of the
/// server before `t` (from `last_check`).
fn last_check_end(hp: &Haproxy, be: &str, srv: &str) -> Millis {
    hp.server(be, srv).unwrap().last_check.unwrap().at
}

/// The chapter's HAProxy run to `t`, or with `mid` on to 1 s after the end of the last check of
/// `ingress_http/server` by then (mid-interval). Returns it, its network and the time reached.
fn chapter_until(
    seed: u64,
    style: LogStyle,
    t: Millis,
    mid: bool,
    server: &str,
) -> (Haproxy, FakeNet, Millis) {
    let mut hp = start(CHAPTER_CFG, seed, style);
    let net = chapter_net();
    hp.run_until(t, &net);
    if !mid {
        return (hp, net, t);
    }
    let t = last_check_end(&hp, "ingress_http", server) + 1_000;
    hp.run_until(t, &net);
    (hp, net, t)
}

/// A live server dies (connection refused). The model: DOWN at the `fall`-th failed check,
/// i.e. (wait to the next check) + 2 x 2 s, so 4.0..6.0 s for an arbitrary death time; a
/// death in the middle of the interval gives the notes' observed 4.2..5.9 s.
#[test]
fn live_server_dying_goes_down_after_fall_failures() {
    for seed in 0..40u64 {
        for mid in [false, true] {
            let (mut hp, mut net, death) = chapter_until(
                seed,
                LogStyle::Chapter,
                30_000 + seed as Millis * 137,
                mid,
                "worker2",
            );
            net.kill(W2);
            // fall - 1 failures: still UP
            let first_fail = hp
                .server("ingress_http", "worker2")
                .unwrap()
                .next_check
                .unwrap();
            hp.run_until(first_fail + 2_100, &net);
            let v = hp.server("ingress_http", "worker2").unwrap();
            assert_eq!((v.state, v.health), (ServerState::Up, 2), "seed {seed}");
            hp.run_until(death + 20_000, &net);
            let down = find(&hp, "Server ingress_http/worker2 is DOWN");
            assert_eq!(down.len(), 1);
            assert_eq!(down[0].at, first_fail + 4_000, "seed {seed}: third failure");
            let dt = down[0].at - death;
            let window = if mid { 4_200..=5_900 } else { 4_000..=6_010 };
            assert!(window.contains(&dt), "seed {seed}: DOWN after {dt} ms");
            assert!(down[0].text.contains("0 active and 0 backup servers left"));
            let nsa = find(&hp, "has no server available!");
            assert_eq!(nsa.len(), 2, "{:#?}", hp.logs());
            let want = format!(
                "[ALERT] {} (6) : backend 'ingress_http' has no server available!",
                crate::time::haproxy_date(down[0].at)
            );
            assert!(nsa.iter().any(|l| l.text == want && l.at == down[0].at));
            assert_eq!(
                hp.route(80),
                Route::NoServer {
                    backend: "ingress_http".into(),
                    mode: Mode::Http
                }
            );
            assert_eq!(
                hp.route(443),
                Route::NoServer {
                    backend: "ingress_https".into(),
                    mode: Mode::Tcp
                }
            );
        }
    }
}

/// A DOWN server whose NGINX comes back: UP after `rise` = 2 successes, i.e. (wait to the
/// next check) + 2 s: 2.0..4.0 s in general, the notes' 2.1..3.7 s for a mid-interval start.
#[test]
fn server_coming_back_is_up_after_rise_successes() {
    for seed in 0..40u64 {
        for mid in [false, true] {
            let (mut hp, mut net, back) = chapter_until(
                seed,
                LogStyle::Chapter,
                40_000 + seed as Millis * 211,
                mid,
                "worker3",
            );
            net.nginx(W3);
            hp.run_until(back + 10_000, &net);
            let up = find(&hp, "Server ingress_http/worker3 is UP");
            assert_eq!(up.len(), 1);
            let dt = up[0].at - back;
            let window = if mid { 2_100..=3_700 } else { 2_000..=4_010 };
            assert!(window.contains(&dt), "seed {seed}: UP after {dt} ms");
            assert!(up[0].text.contains(
                ", reason: Layer7 check passed, code: 200, info: \"OK\", check duration: "
            ));
            assert!(up[0].text.ends_with(
                "2 active and 0 backup servers online. 0 sessions requeued, 0 total in queue."
            ));
        }
    }
}

/// A black-holed server (node container stopped): 3 timeouts of 2 s + 2 gaps of 2 s after the
/// wait to the next check: 10.0..12.0 s in general, ~11 s for a mid-interval stop.
#[test]
fn black_holed_server_times_out() {
    for seed in 0..40u64 {
        for mid in [false, true] {
            let (mut hp, mut net, stop) = chapter_until(
                seed,
                LogStyle::Current,
                50_000 + seed as Millis * 173,
                mid,
                "worker2",
            );
            net.dropped.push(W2);
            hp.run_until(stop + 30_000, &net);
            let down = find(&hp, "Server ingress_http/worker2 is DOWN");
            assert_eq!(down.len(), 1);
            let dt = down[0].at - stop;
            let window = if mid {
                10_400..=11_400
            } else {
                10_000..=12_010
            };
            assert!(window.contains(&dt), "seed {seed}: DOWN after {dt} ms");
            assert!(
                down[0]
                    .text
                    .contains("reason: Layer4 timeout, check duration: 2000ms.")
                    || down[0]
                        .text
                        .contains("reason: Layer4 timeout, check duration: 2001ms."),
                "{}",
                down[0].text
            );
        }
    }
}

#[test]
fn wrong_status_404() {
    let mut hp = start(CHAPTER_CFG, 1, LogStyle::Chapter);
    let mut net = chapter_net();
    net.ports.insert((W1, 80), (Listener::Http, 404));
    hp.run_until(5_000, &net);
    let l = find(&hp, "ingress_http/worker is DOWN");
    assert_eq!(l.len(), 1);
    assert!(
        l[0].text.contains(
            "reason: Layer7 wrong status, code: 404, info: \"Not Found\", check duration: "
        ),
        "{}",
        l[0].text
    );
}

#[test]
fn round_robin_alternates_over_up_servers() {
    let mut hp = start(CHAPTER_CFG, 3, LogStyle::Chapter);
    let mut net = nginx_on(&[W1, W2, W3]);
    hp.run_until(10_000, &net);
    let names: Vec<String> = (0..6)
        .map(|_| match hp.route(80) {
            Route::Server { server, .. } => server,
            r => panic!("{r:?}"),
        })
        .collect();
    assert_eq!(
        names,
        ["worker", "worker2", "worker3", "worker", "worker2", "worker3"]
    );
    net.kill(W2);
    hp.run_until(30_000, &net);
    let names: Vec<String> = (0..4)
        .map(|_| match hp.route(80) {
            Route::Server {
                server, addr, port, ..
            } => {
                assert_eq!(port, 80);
                assert_ne!(addr, W2);
                server
            }
            r => panic!("{r:?}"),
        })
        .collect();
    assert_eq!(names, ["worker", "worker3", "worker", "worker3"]);
    assert_eq!(hp.route(8080), Route::NoListener);
}

#[test]
fn backup_server_used_only_without_active() {
    let cfg = "defaults
  mode http
  timeout connect 5s
  timeout client 50s
  timeout server 50s
frontend fe
  bind :80
  default_backend be
backend be
  server a $worker1:80 check
  server b $worker2:80 check backup
";
    let mut hp = start(cfg, 1, LogStyle::Chapter);
    let mut net = nginx_on(&[W1, W2]);
    hp.run_until(5_000, &net);
    for _ in 0..3 {
        assert!(matches!(hp.route(80), Route::Server { ref server, .. } if server == "a"));
    }
    net.kill(W1);
    hp.run_until(20_000, &net);
    let l = find(&hp, "Server be/a is DOWN");
    assert!(
        l[0].text.contains("0 active and 1 backup servers left."),
        "{}",
        l[0].text
    );
    assert!(matches!(hp.route(80), Route::Server { ref server, .. } if server == "b"));
    net.kill(W2);
    hp.run_until(40_000, &net);
    let l = find(&hp, "Backup Server be/b is DOWN");
    assert_eq!(l.len(), 1);
    assert!(l[0].text.contains("0 active and 0 backup servers left."));
    assert_eq!(find(&hp, "backend 'be' has no server available!").len(), 1);
}

#[test]
fn fastinter_and_downinter() {
    let cfg = &fe_be(
        80,
        "  server a $worker1:80 check inter 10s fastinter 1s downinter 30s\n",
    );
    let mut hp = start(cfg, 1, LogStyle::Chapter);
    let mut net = nginx_on(&[W1]);
    hp.run_until(100, &net);
    // first success: health rise -> max, next check after inter (10 s)
    let v = hp.server("be", "a").unwrap();
    assert_eq!(v.health, 4);
    let t0 = v.last_check.as_ref().unwrap().at;
    assert_eq!(v.next_check, Some(t0 + 10_000));
    net.kill(W1);
    hp.run_until(t0 + 10_000, &net);
    let v = hp.server("be", "a").unwrap();
    assert_eq!(v.health, 3);
    // changing state: fastinter
    assert_eq!(v.next_check, Some(t0 + 11_000));
    hp.run_until(t0 + 12_000, &net);
    let v = hp.server("be", "a").unwrap();
    assert_eq!(v.state, ServerState::Down);
    assert_eq!(v.health, 0);
    // fully down: downinter
    assert_eq!(v.next_check, Some(t0 + 12_000 + 30_000));
    let down = find(&hp, "be/a is DOWN");
    assert_eq!(down[0].at, t0 + 12_000);
}

#[test]
fn timeout_check_bounds_connect() {
    let cfg = "defaults
  timeout connect 500ms
  timeout check 3s
  timeout client 50s
  timeout server 50s
frontend fe
  bind :80
  default_backend be
backend be
  option httpchk
  server a $worker1:80 check
";
    let mut hp = start(cfg, 1, LogStyle::Chapter);
    let net = FakeNet {
        dropped: vec![W1],
        ..FakeNet::default()
    };
    hp.run_until(5_000, &net);
    let down = find(&hp, "be/a is DOWN");
    assert!(
        down[0].text.contains("Layer4 timeout, check duration: 50"),
        "{}",
        down[0].text
    );
    // A listening server that never answers HTTP: Layer7 timeout after `timeout check`.
    let mut net = FakeNet::default();
    net.ports.insert((W1, 80), (Listener::Http, 0));
    let mut hp = start(cfg, 1, LogStyle::Chapter);
    hp.run_until(10_000, &net);
    let down = find(&hp, "be/a is DOWN");
    assert!(
        down[0].text.contains("Layer7 timeout, check duration: 300"),
        "{}",
        down[0].text
    );
}

#[test]
fn check_ssl_against_plain_http_is_layer6_timeout() {
    let cfg = &fe_be(
        443,
        "  option httpchk GET /healthz\n  server a $worker1:443 check check-ssl port 80\n",
    );
    let mut hp = start(cfg, 1, LogStyle::Current);
    let net = nginx_on(&[W1]);
    hp.run_until(5_000, &net);
    let down = find(&hp, "be/a is DOWN");
    assert!(
        down[0]
            .text
            .contains("reason: Layer6 timeout, check duration: 200"),
        "{}",
        down[0].text
    );
}

#[test]
fn disabled_server_is_never_checked_nor_used() {
    let cfg = &fe_be(
        80,
        "  server a $worker1:80 check disabled\n  server b $worker2:80 check\n",
    );
    let mut hp = start(cfg, 1, LogStyle::Current);
    let net = nginx_on(&[W2]);
    hp.run_until(60_000, &net);
    let a = hp.server("be", "a").unwrap();
    assert_eq!(a.state, ServerState::Maint);
    assert!(a.last_check.is_none() && a.next_check.is_none());
    for _ in 0..4 {
        assert!(matches!(hp.route(80), Route::Server { ref server, .. } if server == "b"));
    }
}

/// One server `a` on worker1, checked with `option log-health-checks` (current style, seed 1).
fn start_log_health_checks() -> Haproxy {
    let cfg = fe_be(
        80,
        "  option log-health-checks\n  server a $worker1:80 check\n",
    );
    start(&cfg, 1, LogStyle::Current)
}

#[test]
fn log_health_checks_lines() {
    let mut hp = start_log_health_checks();
    let mut net = FakeNet::default();
    hp.run_until(100, &net);
    let t = texts(hp.logs());
    assert_eq!(t[2], "[WARNING]  (6) : Health check for server be/a failed, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms, status: 0/2 DOWN.");
    assert!(t[3].starts_with("[WARNING]  (6) : Server be/a is DOWN"));
    net.nginx(W1);
    hp.run_until(10_000, &net);
    let hc = find(&hp, "succeeded");
    assert_eq!(hc.len(), 2);
    assert!(hc[0]
        .text
        .ends_with("reason: Layer4 check passed, check duration: 0ms, status: 1/2 DOWN."));
    assert!(hc[1].text.ends_with("status: 3/3 UP."));
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn chapter_config_parses_without_messages() {
    let rep = parse(CHAPTER_CFG);
    assert!(rep.messages.is_empty(), "{:#?}", rep.messages);
    let cfg = rep.result.unwrap();
    assert_eq!(cfg.backends.len(), 2);
    assert_eq!(cfg.frontends[1].mode, Mode::Tcp); // inherited from defaults
    let s = &cfg.backends[0].servers[0];
    assert_eq!(
        (s.addr, s.port, s.check_port, s.check),
        (W1, Some(443), Some(80), true)
    );
    assert_eq!((s.inter, s.rise, s.fall), (2000, 2, 3));
}

#[test]
fn unknown_keyword_is_fatal_with_line_number() {
    let text = CHAPTER_CFG.replace(
        "  use_backend ingress_http\n",
        "  use_backend ingress_http\n  chek 3\n",
    );
    let rep = parse(&text);
    assert!(!rep.is_ok());
    let lines = console(&rep, LogStyle::Chapter);
    assert_eq!(
        lines,
        [
            "[ALERT] 000/000000 (1) : parsing [haproxy.cfg:24] : unknown keyword 'chek' in 'frontend' section",
            "[ALERT] 000/000000 (1) : Error(s) found in configuration file : haproxy.cfg",
            "[ALERT] 000/000000 (1) : Fatal errors found in configuration.",
        ]
    );
    let text = CHAPTER_CFG.replace(
        "  use_backend ingress_http\n",
        "  use_backend ingress_http\n  bind: *:81\n",
    );
    let lines = console(&parse(&text), LogStyle::Current);
    assert_eq!(
        lines[0],
        "[NOTICE]   (1) : haproxy version is 2.6.12-1+deb12u1"
    );
    assert_eq!(
        lines[1],
        "[NOTICE]   (1) : path to executable is /usr/local/sbin/haproxy"
    );
    assert_eq!(lines[2], "[ALERT]    (1) : config : parsing [haproxy.cfg:24] : unknown keyword 'bind:' in 'frontend' section; did you mean 'bind' maybe ?");
    assert_eq!(
        lines[3],
        "[ALERT]    (1) : config : Error(s) found in configuration file : haproxy.cfg"
    );
    assert_eq!(
        lines[4],
        "[ALERT]    (1) : config : Fatal errors found in configuration."
    );
    assert_eq!(lines.len(), 5);
}

#[test]
fn missing_backend_and_bad_address() {
    let text = CHAPTER_CFG.replace("use_backend ingress_http\n", "use_backend ingress_htp\n");
    let rep = parse(&text);
    assert_eq!(
        rep.alerts(),
        [
            "config : Proxy 'workers_http': unable to find required use_backend: 'ingress_htp'.",
            "Fatal errors found in configuration."
        ]
    );
    let rep = parse_config("haproxy.cfg", CHAPTER_CFG, &|v| {
        if v == "worker3" {
            None
        } else {
            vars(v)
        }
    });
    let alerts = rep.alerts();
    assert_eq!(
        alerts[0],
        "parsing [haproxy.cfg:20] : 'server worker3' : could not resolve address '$worker3'."
    );
    assert_eq!(
        alerts[1],
        "parsing [haproxy.cfg:29] : 'server worker3' : could not resolve address '$worker3'."
    );
    assert!(rep.result.is_err());
    let rep = parse(&CHAPTER_CFG.replace("$worker2:80 check", "${worker2}:80 check"));
    assert!(rep.is_ok());
    assert_eq!(rep.result.unwrap().backends[1].servers[1].addr, W2);
}

#[test]
fn warnings_for_missing_bind_and_timeouts() {
    let text = "frontend f
  mode http
backend b
  server s 10.0.0.1:80 check
frontend g
  bind *:80
  timeout client 5s
  default_backend b
";
    let rep = parse(text);
    assert!(rep.is_ok(), "{:#?}", rep.messages);
    let w = rep.warnings();
    assert_eq!(w[0], "config : frontend 'f' has no 'bind' directive. Please declare it as a backend if this was intended.");
    assert!(w[1].starts_with(
        "config : missing timeouts for frontend 'f'.\n   | While not properly invalid"
    ));
    assert!(w[2].starts_with("config : missing timeouts for backend 'b'."));
    assert_eq!(w.len(), 3);
    let hp = Haproxy::start(rep.result.unwrap(), 0, 1, LogStyle::Current);
    let t = texts(hp.logs());
    assert_eq!(t[0], "[WARNING]  (1) : config : frontend 'f' has no 'bind' directive. Please declare it as a backend if this was intended.");
    assert_eq!(
        t[2],
        "   | While not properly invalid, you will certainly encounter various problems"
    );
    assert_eq!(t.last().unwrap(), &"[NOTICE]   (1) : Loading success.");
}

#[test]
fn no_listener_is_fatal() {
    let rep = parse("backend b\n  server s 10.0.0.1:80\n");
    assert_eq!(
        rep.alerts(),
        ["[haproxy.main()] No enabled listener found (check for 'bind' directives) ! Exiting."]
    );
}

#[test]
fn bad_numbers_and_capabilities() {
    let text = "defaults
  timeout connect 5x
frontend f
  bind *:80
  balance roundrobin
backend b
  server s 10.0.0.1:80 check rise 0
  server t 10.0.0.1:99999
";
    let rep = parse(text);
    let a = rep.alerts();
    assert_eq!(
        a[0],
        "parsing [haproxy.cfg:2] : unexpected character 'x' in 'timeout connect'"
    );
    assert_eq!(
        a[1],
        "parsing [haproxy.cfg:7] : 'server s' : 'rise' has to be > 0."
    );
    assert_eq!(
        a[2],
        "parsing [haproxy.cfg:8] : 'server t' : invalid port '99999'"
    );
    assert_eq!(rep.warnings()[0], "parsing [haproxy.cfg:5] : 'balance' ignored because frontend 'f' has no backend capability.");
}

#[test]
fn listen_section_and_balance_first_source_random() {
    let text = "defaults
  timeout connect 5s
  timeout client 50s
  timeout server 50s
listen web
  bind 0.0.0.0:8080
  balance random
  server a $worker1:80 check
  server b $worker2:80 check
";
    let mut hp = start(text, 9, LogStyle::Current);
    let mut net = nginx_on(&[W1, W2]);
    hp.run_until(5_000, &net);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..50 {
        if let Route::Server { server, .. } = hp.route(8080) {
            seen.insert(server);
        }
    }
    assert_eq!(seen.len(), 2);
    net.kill(W1);
    net.kill(W2);
    hp.run_until(30_000, &net);
    assert_eq!(find(&hp, "proxy 'web' has no server available!").len(), 1);
}

#[test]
fn no_server_body_length_matches_header() {
    // On the wire the body is followed by "\n": content-length counts it.
    assert_eq!(
        (NO_SERVER_BODY.len() + 1).to_string(),
        NO_SERVER_HEADERS[0].1
    );
}

#[test]
fn same_seed_same_logs() {
    let run = |seed| {
        let mut hp = start(CHAPTER_CFG, seed, LogStyle::Chapter);
        let mut net = chapter_net();
        hp.run_until(30_000, &net);
        net.kill(W2);
        net.nginx(W3);
        hp.run_until(60_000, &net);
        hp.logs().to_vec()
    };
    assert_eq!(run(42), run(42));
    assert_ne!(
        run(42).iter().map(|l| l.at).collect::<Vec<_>>(),
        run(43).iter().map(|l| l.at).collect::<Vec<_>>()
    );
}

#[test]
fn log_health_checks_also_logs_status_changes() {
    let mut hp = start_log_health_checks();
    let mut net = FakeNet::default();
    hp.run_until(10_000, &net);
    // fully down, refused again and again: nothing more after the first failure
    assert_eq!(find(&hp, "Health check for server be/a failed").len(), 1);
    net.dropped.push(W1);
    hp.run_until(20_000, &net);
    // refused -> timeout: a new status, logged once although the health stays 0
    let f = find(&hp, "Health check for server be/a failed");
    assert_eq!(f.len(), 2, "{:#?}", hp.logs());
    assert!(f[1]
        .text
        .contains("reason: Layer4 timeout, check duration: 200"));
    assert!(f[1].text.ends_with("status: 0/2 DOWN."));
}

#[test]
fn stop_prints_the_shutdown_lines() {
    let mut hp = start(CHAPTER_CFG, 1, LogStyle::Chapter);
    let net = chapter_net();
    hp.run_until(61_000, &net);
    let n = hp.logs().len();
    assert_eq!(hp.stop(61_000), 0);
    let t = texts(&hp.logs()[n..]);
    assert_eq!(
        t,
        [
            "[WARNING] 000/000101 (1) : Exiting Master process...",
            "[ALERT] 000/000101 (1) : Current worker #1 (6) exited with code 143 (Terminated)",
            "[WARNING] 000/000101 (1) : All workers exited. Exiting... (0)",
        ]
    );
    assert_eq!(hp.next_wakeup(), None);
    assert_eq!(hp.route(80), Route::NoListener);
    hp.run_until(100_000, &net);
    assert_eq!(hp.logs().len(), n + 3);
    let mut hp = start(CHAPTER_CFG, 1, LogStyle::Current);
    hp.run_until(5_000, &net);
    let n = hp.logs().len();
    hp.stop(5_000);
    let t = texts(&hp.logs()[n..]);
    assert_eq!(t[0], "[WARNING]  (1) : Exiting Master process...");
    assert_eq!(t[1], "[NOTICE]   (1) : haproxy version is 2.6.12-1+deb12u1");
    assert_eq!(
        t[3],
        "[ALERT]    (1) : Current worker (6) exited with code 143 (Terminated)"
    );
    assert_eq!(t[4], "[WARNING]  (1) : All workers exited. Exiting... (0)");
}

#[test]
fn http_options_in_tcp_mode_warn() {
    let text = CHAPTER_CFG.replace(
        "  mode tcp\n  use_backend ingress_https",
        "  mode tcp\n  option forwardfor\n  use_backend ingress_https",
    );
    let rep = parse(&text);
    assert!(rep.is_ok());
    assert_eq!(
        rep.warnings(),
        ["config : 'option forwardfor' ignored for frontend 'workers_https' as it requires HTTP mode."]
    );
}

#[test]
fn server_in_frontend_is_fatal_after_its_warning() {
    let text =
        "frontend f\n  bind :80\n  server s 10.0.0.1:80\n  option httpchk\n  timeout server 5s\n";
    let rep = parse(text);
    assert!(!rep.is_ok());
    let l = console(&rep, LogStyle::Chapter);
    assert_eq!(l[0], "[WARNING] 000/000000 (1) : parsing [haproxy.cfg:3] : 'server' ignored because frontend 'f' has no backend capability.");
    assert_eq!(l[1], "[WARNING] 000/000000 (1) : parsing [haproxy.cfg:4] : 'httpchk' ignored because frontend 'f' has no backend capability.");
    assert_eq!(l[2], "[WARNING] 000/000000 (1) : parsing [haproxy.cfg:5] : 'timeout server' will be ignored because frontend 'f' has no backend capability");
    assert_eq!(
        l[3],
        "[ALERT] 000/000000 (1) : Error(s) found in configuration file : haproxy.cfg"
    );
    assert_eq!(
        l.last().unwrap(),
        "[ALERT] 000/000000 (1) : Fatal errors found in configuration."
    );
}

#[test]
fn backends_view() {
    let mut hp = start(CHAPTER_CFG, 2, LogStyle::Chapter);
    hp.run_until(10_000, &chapter_net());
    let b = hp.backends();
    assert_eq!(b.len(), 2);
    assert_eq!(
        (b[0].name.as_str(), b[0].mode, b[0].active_up, b[0].servers),
        ("ingress_https", Mode::Tcp, 1, 3)
    );
    assert_eq!(
        (b[1].name.as_str(), b[1].mode, b[1].balance),
        ("ingress_http", Mode::Http, Balance::RoundRobin)
    );
}

#[test]
fn suggestions_only_in_the_current_style() {
    let text = CHAPTER_CFG.replace("\nbackend ingress_http\n", "\nbacknd ingress_http\n");
    let rep = parse(&text);
    let cur = console(&rep, LogStyle::Current);
    assert_eq!(cur[2], "[ALERT]    (1) : config : parsing [haproxy.cfg:24] : unknown keyword 'backnd' in 'frontend' section; did you mean 'backend' maybe ?");
    let chap = console(&rep, LogStyle::Chapter);
    assert_eq!(chap[0], "[ALERT] 000/000000 (1) : parsing [haproxy.cfg:24] : unknown keyword 'backnd' in 'frontend' section");
    let rep = parse(&CHAPTER_CFG.replace(
        "check port 80\n  server worker3 $worker3:80",
        "chek port 80\n  server worker3 $worker3:80",
    ));
    assert_eq!(rep.alerts()[0], "parsing [haproxy.cfg:28] : 'server worker2' unknown keyword 'chek'; did you mean 'check' maybe ?");
    let rep = parse(&CHAPTER_CFG.replace(
        "option httpchk GET /healthz\n  server worker $worker1:80",
        "option htpchk GET /healthz\n  server worker $worker1:80",
    ));
    assert_eq!(
        rep.alerts()[0],
        "parsing [haproxy.cfg:26] : unknown option 'htpchk'; did you mean 'httpchk' maybe ?"
    );
}
