//! Integration and property tests of the simulated HAProxy engine (`kindlab::sim::haproxy`).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use kindlab::sim::haproxy::{parse_config, Haproxy, LogStyle, ServerState};
use kindlab::sim::net::{Endpoint, HttpReply, Listener, Network};
use kindlab::sim::time::{Millis, HOUR};
use kindlab::sim::world::CHAPTER_HAPROXY_CFG;

/// Every host listens on 80 with this status (0 = no answer), or refuses, or drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Host {
    Serving(u16),
    Refusing,
    Dropping,
}

/// One observed check: (start time, ip, port, passed?) as seen from the network side.
type Probe = (Millis, Ipv4Addr, u16, Option<bool>);

struct Net {
    hosts: BTreeMap<Ipv4Addr, Host>,
    now: RefCell<Millis>,
    probes: RefCell<Vec<Probe>>,
    record: bool,
}

impl Net {
    fn new(record: bool) -> Net {
        Net {
            hosts: BTreeMap::new(),
            now: RefCell::new(0),
            probes: RefCell::new(Vec::new()),
            record,
        }
    }
}

impl Network for Net {
    fn connect(&self, ip: Ipv4Addr, port: u16) -> Endpoint {
        let h = self.hosts.get(&ip).copied().unwrap_or(Host::Refusing);
        let (ep, passed) = match h {
            Host::Serving(_) => (Endpoint::Listening(Listener::Http), None),
            Host::Refusing => (Endpoint::Refused, Some(false)),
            Host::Dropping => (Endpoint::Dropped, Some(false)),
        };
        if self.record {
            self.probes
                .borrow_mut()
                .push((*self.now.borrow(), ip, port, passed));
        }
        ep
    }
    fn http(&self, ip: Ipv4Addr, _port: u16, _m: &str, _p: &str) -> HttpReply {
        let status = match self.hosts.get(&ip) {
            Some(Host::Serving(s)) => *s,
            _ => 0,
        };
        if self.record {
            if let Some(last) = self.probes.borrow_mut().last_mut() {
                last.3 = Some((200..400).contains(&status));
            }
        }
        HttpReply::new(status, "")
    }
}

fn ip(i: usize) -> Ipv4Addr {
    Ipv4Addr::new(10, 0, (i / 250) as u8, (i % 250 + 2) as u8)
}

/// `n` servers in one backend, all checked with `option httpchk`.
fn many_servers_config(n: usize) -> String {
    let mut s = String::from(
        "defaults\n  mode http\n  timeout connect 5s\n  timeout client 50s\n  timeout server 50s\n\
         frontend fe\n  bind *:80\n  default_backend be\nbackend be\n  option httpchk GET /healthz\n",
    );
    for i in 0..n {
        s.push_str(&format!("  server s{i} {}:80 check\n", ip(i)));
    }
    s
}

/// 1 000 servers behind one backend for one hour of virtual time; a tenth of them flap every
/// 5 minutes. Prints the wall time (goal: well under 1 s in release builds).
#[test]
fn thousand_servers_one_hour() {
    let n = 1000;
    let cfg = parse_config("haproxy.cfg", &many_servers_config(n), &|_| None)
        .result
        .unwrap();
    let mut net = Net::new(false);
    for i in 0..n {
        net.hosts.insert(ip(i), Host::Serving(200));
    }
    let mut hp = Haproxy::start(cfg, 0, 1, LogStyle::Chapter);
    let step = 5 * 60_000;
    let mut t = 0;
    let mut flip = false;
    while t < HOUR {
        t += step;
        hp.run_until(t, &net);
        flip = !flip;
        for i in (0..n).step_by(10) {
            net.hosts.insert(
                ip(i),
                if flip {
                    Host::Refusing
                } else {
                    Host::Serving(200)
                },
            );
        }
    }
    // 11 flips took effect (the 12th happens at the end): 100 servers went DOWN 6 times and
    // UP 5 times: 1 100 state lines + the start-up notice.
    assert_eq!(hp.logs().len(), 1 + 1100);
    let down = hp
        .servers()
        .iter()
        .filter(|s| s.state == ServerState::Down)
        .count();
    assert_eq!(down, 100);
    // how long it takes is the benchmark's (`cargo xtask bench`: 1 000 workers for an hour)
}

fn chapter_vars(v: &str) -> Option<String> {
    let n: usize = v.strip_prefix("worker")?.parse().ok()?;
    (1..=3).contains(&n).then(|| ip(n - 1).to_string())
}

/// 24 h of the chapter's HAProxy, advanced by `sleep 24h` (one call) and by 1-minute steps.
#[test]
fn chapter_cluster_24_hours() {
    let cfg = parse_config("haproxy.cfg", CHAPTER_HAPROXY_CFG, &chapter_vars)
        .result
        .unwrap();
    let mut net = Net::new(false);
    net.hosts.insert(ip(1), Host::Serving(200));
    let mut a = Haproxy::start(cfg.clone(), 0, 5, LogStyle::Chapter);
    a.run_until(24 * HOUR, &net);
    let mut b = Haproxy::start(cfg, 0, 5, LogStyle::Chapter);
    let mut t = 0;
    while t < 24 * HOUR {
        t += 60_000;
        b.run_until(t, &net);
    }
    // Same timeline however the time is cut.
    assert_eq!(a.logs(), b.logs());
    assert_eq!(a.servers(), b.servers());
    assert_eq!(a.logs().len(), 5);
    // how long it takes is the benchmark's (`cargo xtask bench`: the chapter's cluster for 24 h)
}

// -------------------------------------------------------------------------------------------
// Property tests over random up/down schedules.

use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Scenario {
    rise: u32,
    fall: u32,
    inter: u64,
    fastinter: Option<u64>,
    downinter: Option<u64>,
    timeout_check: bool,
    log_health_checks: bool,
    seed: u64,
    /// (wait in units of 100 ms, host 0..3, new state)
    steps: Vec<(u64, usize, Host)>,
}

fn host_strategy() -> impl Strategy<Value = Host> {
    prop_oneof![
        3 => Just(Host::Serving(200)),
        1 => Just(Host::Serving(404)),
        1 => Just(Host::Serving(0)),
        2 => Just(Host::Refusing),
        2 => Just(Host::Dropping),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        1u32..4,
        1u32..4,
        prop_oneof![Just(1000u64), Just(2000), Just(3000)],
        proptest::option::of(prop_oneof![Just(1000u64), Just(1500)]),
        proptest::option::of(prop_oneof![Just(1000u64), Just(5000)]),
        (any::<bool>(), any::<bool>()),
        any::<u64>(),
        proptest::collection::vec((1u64..150, 0usize..3, host_strategy()), 1..25),
    )
        .prop_map(
            |(
                rise,
                fall,
                inter,
                fastinter,
                downinter,
                (timeout_check, log_health_checks),
                seed,
                steps,
            )| {
                Scenario {
                    rise,
                    fall,
                    inter,
                    fastinter,
                    downinter,
                    timeout_check,
                    log_health_checks,
                    seed,
                    steps,
                }
            },
        )
}

fn scenario_config(sc: &Scenario) -> String {
    let mut params = format!("check rise {} fall {} inter {}", sc.rise, sc.fall, sc.inter);
    if let Some(f) = sc.fastinter {
        params.push_str(&format!(" fastinter {f}"));
    }
    if let Some(d) = sc.downinter {
        params.push_str(&format!(" downinter {d}"));
    }
    let mut s = String::from(
        "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 50s\n  timeout server 50s\n",
    );
    if sc.timeout_check {
        s.push_str("  timeout check 1500\n");
    }
    s.push_str("frontend fa\n  bind :80\n  default_backend a\nfrontend fb\n  bind :81\n  mode http\n  default_backend b\n");
    let lhc = if sc.log_health_checks {
        "  option log-health-checks\n"
    } else {
        ""
    };
    s.push_str(&format!("backend a\n  option httpchk GET /healthz\n{lhc}"));
    for i in 0..3 {
        s.push_str(&format!("  server s{i} {}:80 {params}\n", ip(i)));
    }
    s.push_str(&format!(
        "backend b\n  mode http\n  option httpchk GET /healthz\n{lhc}"
    ));
    for i in 0..3 {
        s.push_str(&format!("  server s{i} {}:443 {params} port 8080\n", ip(i)));
    }
    s
}

/// State of each server as the log lines tell it.
fn states_from_log(hp: &Haproxy) -> BTreeMap<String, bool> {
    let mut m = BTreeMap::new();
    for l in hp.logs() {
        if l.text.contains("Health check for") {
            continue;
        }
        if let Some(rest) = l.text.split("Server ").nth(1) {
            let name = rest.split(' ').next().unwrap().to_string();
            if rest.contains(" is DOWN,") {
                m.insert(name, false);
            } else if rest.contains(" is UP,") {
                m.insert(name, true);
            }
        }
    }
    m
}

/// Runs a scenario; `fine` advances the clock by 100 ms steps (one probe per check), else
/// only to the change points. Returns the engine and the recorded probes.
fn run_scenario(sc: &Scenario, fine: bool, check_routes: bool) -> (Haproxy, Vec<Probe>) {
    let cfg = parse_config("haproxy.cfg", &scenario_config(sc), &|_| None)
        .result
        .unwrap();
    let mut hp = Haproxy::start(cfg, 0, sc.seed, LogStyle::Current);
    let mut net = Net::new(true);
    for i in 0..3 {
        net.hosts.insert(ip(i), Host::Serving(200));
    }
    let mut t: Millis = 0;
    let advance = |hp: &mut Haproxy, net: &Net, t: &mut Millis, to: Millis| {
        if fine {
            while *t < to {
                *t += 100;
                *net.now.borrow_mut() = *t;
                hp.run_until(*t, net);
            }
        } else {
            *t = to;
            *net.now.borrow_mut() = *t;
            hp.run_until(*t, net);
        }
    };
    for &(wait, host, state) in &sc.steps {
        let to = t + wait as i64 * 100;
        advance(&mut hp, &net, &mut t, to);
        if check_routes {
            let log_states = states_from_log(&hp);
            for port in [80u16, 81] {
                for _ in 0..4 {
                    match hp.route(port) {
                        kindlab::sim::haproxy::Route::Server {
                            backend, server, ..
                        } => {
                            let v = hp.server(&backend, &server).unwrap();
                            assert_eq!(v.state, ServerState::Up, "routed to {backend}/{server}");
                            let key = format!("{backend}/{server}");
                            assert_ne!(log_states.get(&key), Some(&false), "routed to DOWN {key}");
                        }
                        kindlab::sim::haproxy::Route::NoServer { backend, .. } => {
                            assert!(hp
                                .servers()
                                .iter()
                                .filter(|s| s.backend == backend)
                                .all(|s| s.state != ServerState::Up));
                        }
                        r => panic!("{r:?}"),
                    }
                }
            }
        }
        net.hosts.insert(ip(host), state);
    }
    let end = t + 30_000;
    advance(&mut hp, &net, &mut t, end);
    let probes = net.probes.into_inner();
    (hp, probes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn never_routed_to_down_and_fall_rise_respected(sc in scenario()) {
        let (hp, probes) = run_scenario(&sc, true, true);
        for l in hp.logs() {
            if l.text.contains("Health check for") {
                continue;
            }
            let Some(rest) = l.text.split("Server ").nth(1) else { continue };
            let name = rest.split(' ').next().unwrap();
            let (be, srv) = name.split_once('/').unwrap();
            let idx: usize = srv[1..].parse().unwrap();
            let port = if be == "a" { 80 } else { 8080 };
            // probes of this server that started before the line was printed (a probe is
            // stamped with the end of its 100 ms step; checks are >= 1 s apart)
            let mine: Vec<bool> = probes
                .iter()
                .filter(|p| p.1 == ip(idx) && p.2 == port && p.0 < l.at + 100)
                .map(|p| p.3.unwrap_or(false))
                .collect();
            let trailing = |want: bool| mine.iter().rev().take_while(|&&p| p == want).count() as u32;
            if rest.contains(" is DOWN,") {
                let had_success = mine.iter().any(|&p| p);
                let k = trailing(false);
                if had_success {
                    prop_assert_eq!(k, sc.fall, "DOWN of {} after {} failures: {:?}", name, k, mine);
                } else {
                    prop_assert_eq!(k, 1);
                }
            } else if rest.contains(" is UP,") {
                prop_assert_eq!(trailing(true), sc.rise, "UP of {}: {:?}", name, mine);
            }
        }
    }

    #[test]
    fn same_seed_same_logs_however_time_is_cut(sc in scenario()) {
        let (a, _) = run_scenario(&sc, true, false);
        let (b, _) = run_scenario(&sc, true, false);
        prop_assert_eq!(a.logs(), b.logs());
        let (c, _) = run_scenario(&sc, false, false);
        prop_assert_eq!(a.logs(), c.logs());
        prop_assert_eq!(a.servers(), c.servers());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Any text: the parser never panics, alerts always come with a result Err, and an
    /// accepted configuration starts and runs.
    #[test]
    fn parser_never_panics(lines in proptest::collection::vec(
        prop_oneof![
            "[ -~]{0,40}",
            "\\PC{0,30}",
            Just("  server s \"${worker1}\":80 ${".to_string()),
            Just("frontend f".to_string()),
            Just("backend b".to_string()),
            Just("listen l".to_string()),
            Just("defaults".to_string()),
            Just("  bind *:80".to_string()),
            Just("  default_backend b".to_string()),
            Just("  use_backend b".to_string()),
            Just("  server s $worker1:80 check".to_string()),
            Just("  server s2 10.0.0.1 check port 8080 inter 1s rise 1 fall 1".to_string()),
            Just("  option httpchk GET /healthz".to_string()),
            Just("  mode http".to_string()),
            Just("  timeout check 3s".to_string()),
            Just("  balance random".to_string()),
            Just("  server b1 10.0.0.2:80 check backup".to_string()),
        ],
        0..20,
    )) {
        let text = lines.join("\n");
        let rep = parse_config("haproxy.cfg", &text, &chapter_vars);
        let has_alert = rep.messages.iter().any(|m| m.severity == kindlab::sim::haproxy::Severity::Alert);
        prop_assert_eq!(has_alert, rep.result.is_err());
        let _ = rep.console_lines(LogStyle::Current, 0);
        if let Ok(cfg) = rep.result {
            let mut hp = Haproxy::start(cfg, 0, 1, LogStyle::Chapter);
            let mut net = Net::new(false);
            net.hosts.insert(ip(0), Host::Serving(200));
            hp.run_until(60_000, &net);
            for port in [80u16, 443, 8080] {
                let _ = hp.route(port);
            }
        }
    }
}
