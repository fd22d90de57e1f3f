//! Tune HAProxy: predict, then observe (texts: `content/guides/tuning.toml`), and what it
//! measured ([`tuning_result`]).

use super::{server_of, Answers, GuideDef, GuideProgress, StepDef, Why};
use crate::sim::Session;

/// The HAProxy-workers-lb servers' (inter ms, fall), if HAProxy runs.
fn running_checks(s: &Session) -> Vec<(String, i64, u32)> {
    s.haproxy()
        .map(|e| {
            e.config()
                .backends
                .iter()
                .flat_map(|b| {
                    b.servers
                        .iter()
                        .map(move |v| (format!("{}/{}", b.name, v.name), v.inter, v.fall))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `cfg` with `inter {inter}s fall {fall}` on every checked server line (replacing any inter
/// or fall already there); ends with a newline.
pub(super) fn tuned_config(cfg: &str, inter_s: u32, fall: u32) -> String {
    let mut out = String::new();
    for line in cfg.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"server") && words.contains(&"check") {
            let indent = &line[..line.len() - line.trim_start().len()];
            let mut kept: Vec<&str> = vec![];
            let mut i = 0;
            while i < words.len() {
                if matches!(words[i], "inter" | "fall") {
                    i += 2;
                    continue;
                }
                kept.push(words[i]);
                i += 1;
            }
            out.push_str(&format!(
                "{indent}{} inter {inter_s}s fall {fall}\n",
                kept.join(" ")
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// What the tuning lab measured, once its last step is done.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// The `inter` tried, in seconds.
    pub inter_s: u32,
    /// The `fall` tried.
    pub fall: u32,
    /// The learner's prediction, in seconds.
    pub predicted_s: Option<f64>,
    /// From the worker's death to HAProxy's DOWN line (ms), read from the log.
    pub measured_ms: i64,
    /// The rule without the wait for the first check: (fall − 1) × inter + fall × timeout (ms).
    pub rule_ms: i64,
}

/// The tuning lab's result (after its last step).
pub fn tuning_result(p: &GuideProgress, s: &Session) -> Option<Tuning> {
    let stopped_at = *p.done_at.get(&2)?;
    let down_at = *p.done_at.get(&3)?;
    let node = &p.facts.nginx_node;
    let server = server_of(&s.topology(), node);
    let measured = s.haproxy().and_then(|e| {
        e.logs()
            .iter()
            .find(|l| {
                l.at >= stopped_at
                    && l.at <= down_at
                    && l.text
                        .contains(&format!("Server ingress_http/{server} is DOWN"))
            })
            .map(|l| l.at - stopped_at)
    })?;
    let inter = p.facts.inter_s as i64 * 1000;
    let fall = p.facts.fall as i64;
    Some(Tuning {
        inter_s: p.facts.inter_s,
        fall: p.facts.fall,
        predicted_s: p
            .answers
            .get(&0)
            .and_then(|a| a.trim().replace(',', ".").parse().ok()),
        measured_ms: measured,
        // without `timeout check`, a check that gets no answer gives up after `inter`
        rule_ms: (fall - 1) * inter + fall * inter,
    })
}

pub(super) fn guide() -> GuideDef {
    GuideDef {
        id: "tuning",
        steps: vec![
            StepDef {
                id: "predict",
                command: "",
                ask: Some(Answers::Number),
                why: &[("not-a-number", &[]), ("predict-first", &[])],
                check: |_, _, answer| match answer.map(|a| a.trim().replace(',', ".").parse::<f64>()) {
                    Some(Ok(v)) if v >= 0.0 => Ok(()),
                    Some(_) => Err(Why::new("not-a-number")),
                    None => Err(Why::new("predict-first")),
                },
            },
            StepDef {
                id: "apply-settings",
                // the file rewritten whole (the lab's shell has no sed), then HAProxy restarted
                command: "cat > ~/haproxy/haproxy.cfg <<'EOF' && docker restart HAProxy-workers-lb\n{tuned_cfg}EOF",
                ask: None,
                why: &[
                    ("haproxy-stopped", &[]),
                    ("old-settings", &["server", "inter", "fall"]),
                ],
                check: |s, f, _| {
                    let servers = running_checks(s);
                    if servers.is_empty() {
                        return Err(Why::new("haproxy-stopped"));
                    }
                    let want = (i64::from(f.inter_s) * 1000, f.fall);
                    match servers.iter().find(|(_, i, fl)| (*i, *fl) != want) {
                        None => Ok(()),
                        Some((name, i, fl)) => Err(Why::new("old-settings")
                            .arg("server", name)
                            .arg("inter", *i as f64 / 1000.0)
                            .arg("fall", fl)),
                    }
                },
            },
            StepDef {
                id: "kill-worker",
                command: "docker stop {node}",
                ask: None,
                why: &[("still-running", &["node"]), ("node-gone", &[])],
                check: |s, f, _| match s.topology().node(&f.nginx_node) {
                    Some(n) if !n.container_running => Ok(()),
                    Some(_) => Err(Why::new("still-running").arg("node", &f.nginx_node)),
                    None => Err(Why::new("node-gone")),
                },
            },
            StepDef {
                id: "wait-down",
                command: "sleep 15s",
                ask: None,
                why: &[("still-up", &["server"])],
                check: |s, f, _| {
                    let server = server_of(&s.topology(), &f.nginx_node);
                    let up = s.haproxy_servers().into_iter().any(|v| {
                        v.backend == "ingress_http"
                            && v.name == server
                            && v.state == crate::sim::haproxy::ServerState::Up
                    });
                    if up {
                        Err(Why::new("still-up").arg("server", server))
                    } else {
                        Ok(())
                    }
                },
            },
        ],
    }
}
