//! Challenges in HAProxy's configuration and its container: checks against the TLS port, a
//! backend on the wrong port (texts: `content/challenges/ID.toml`).

use super::{every_backend_up, options, prepare, ChallengeDef, Verdict};
use crate::lab::guide::Why;
use crate::sim::kind::CLUSTER01_YAML;
use crate::sim::world::CHAPTER_HAPROXY_CFG;
use crate::sim::{KindEra, Session, SessionOptions};

/// The chapter's haproxy.cfg with its `check port 80` lines rewritten by `edit`.
fn chapter_cfg_with(edit: impl Fn(&str) -> String) -> String {
    CHAPTER_HAPROXY_CFG
        .lines()
        .map(|l| edit(l) + "\n")
        .collect()
}

/// The chapter's cluster, HAProxy started from `cfg`, its first checks done.
fn with_haproxy_cfg(seed: u64, cfg: &str) -> Session {
    let s = Session::from_topology(options(seed), CLUSTER01_YAML, cfg)
        .unwrap_or_else(|_| Session::new(options(seed)));
    prepare(s, &[], 20_000)
}

/// Backends whose health checks are HTTP requests (`option httpchk`), in the running HAProxy.
fn httpchk_backends(s: &Session) -> Vec<String> {
    s.haproxy()
        .map(|h| {
            h.config()
                .backends
                .iter()
                .filter(|b| b.httpchk.is_some())
                .map(|b| b.name.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// `check-port-443`: `option httpchk` sends a plain HTTP request; aimed at the TLS port (443),
/// NGINX answers it with an error, so every server is DOWN.
pub(super) const CHECK_PORT_443: ChallengeDef = ChallengeDef {
    id: "check-port-443",
    setup: |seed| {
        let cfg = chapter_cfg_with(|l| {
            if l.contains(":443 check port 80") {
                l.replace(" check port 80", " check")
            } else {
                l.replace("check port 80", "check port 443")
            }
        });
        with_haproxy_cfg(seed, &cfg)
    },
    why: &[("haproxy-not-running", &[]), ("backend-down", &["backend"])],
    fixes: &[
        ("check-port-80", &[]),
        ("tcp-check", &["backend"]),
        ("other", &[]),
    ],
    check: |s| -> Verdict {
        every_backend_up(s)?;
        let servers = s.haproxy_servers();
        let http = httpchk_backends(s);
        // a backend checking the TLS port without httpchk: a TCP connect, which NGINX accepts
        if let Some(b) = servers
            .iter()
            .find(|v| v.checked && v.check_port == Some(443) && !http.contains(&v.backend))
        {
            return Ok(Why::new("tcp-check").arg("backend", &b.backend));
        }
        if servers
            .iter()
            .filter(|v| v.checked)
            .all(|v| v.check_port == Some(80))
        {
            return Ok(Why::new("check-port-80"));
        }
        Ok(Why::new("other"))
    },
};

/// `wrong-backend-port`: the HTTP backend's servers point at port 8080, where nothing listens,
/// while their checks go to port 80: every server looks healthy, every request fails.
pub(super) const WRONG_BACKEND_PORT: ChallengeDef = ChallengeDef {
    id: "wrong-backend-port",
    setup: |seed| {
        let cfg = chapter_cfg_with(|l| l.replace(":80 check port 80", ":8080 check port 80"));
        with_haproxy_cfg(seed, &cfg)
    },
    why: &[
        ("haproxy-not-running", &[]),
        ("backend-down", &["backend"]),
        ("wrong-port", &["server", "port"]),
    ],
    fixes: &[("port-80", &[]), ("no-port", &[])],
    check: |s| -> Verdict {
        every_backend_up(s)?;
        let servers = s.haproxy_servers();
        let http: Vec<_> = servers
            .iter()
            .filter(|v| v.backend == "ingress_http")
            .collect();
        if let Some(v) = http.iter().find(|v| v.port.is_some_and(|p| p != 80)) {
            let port = v.port.unwrap_or_default();
            return Err(Why::new("wrong-port")
                .arg("server", &v.name)
                .arg("port", port));
        }
        if http.iter().any(|v| v.port.is_none()) {
            Ok(Why::new("no-port"))
        } else {
            Ok(Why::new("port-80"))
        }
    },
};

/// Whether the container HAProxy-workers-lb is on docker network `net`.
fn on_network(s: &Session, net: &str) -> bool {
    s.containers()
        .iter()
        .any(|c| c.name == "HAProxy-workers-lb" && c.networks.iter().any(|(n, _)| n == net))
}

/// `haproxy-off-network`: a current kind (the nodes on the `kind` network) and HAProxy started
/// the chapter's way, on docker's default bridge: every check times out.
pub(super) const OFF_NETWORK: ChallengeDef = ChallengeDef {
    id: "haproxy-off-network",
    setup: |seed| {
        let opts = SessionOptions {
            kind_era: KindEra::Current,
            ..options(seed)
        };
        prepare(Session::new(opts), &[], 20_000)
    },
    why: &[("haproxy-not-running", &[]), ("backend-down", &["backend"])],
    fixes: &[("connected", &[]), ("recreated", &[]), ("other", &[])],
    check: |s| -> Verdict {
        every_backend_up(s)?;
        Ok(Why::new(
            match (on_network(s, "kind"), on_network(s, "bridge")) {
                (true, true) => "connected",
                (true, false) => "recreated",
                _ => "other",
            },
        ))
    },
};
