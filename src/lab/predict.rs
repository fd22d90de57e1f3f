//! "Predict, then observe": what the simulator shows for a lesson's ```` ```kindlab-predict ````
//! block. Its commands run on a fresh simulated cluster (like a topology diagram's), then one
//! of the rules below reads the value the learner's choices are compared with, and the lines
//! of the tools' output that show it. The rules are here, not in the lesson's text: the text
//! names a rule and its arguments (`observe: up-servers ingress_http`).

use crate::content::model::Observed;
use crate::sim::haproxy::{Route, ServerState};
use crate::sim::lines::{Fed, LineReader};
use crate::sim::{Session, SessionOptions};

/// The rules an `observe:` line may name, with their arguments.
pub const RULES: &[&str] = &[
    "up-servers BACKEND",
    "running-containers [NAME-PREFIX]",
    "seconds-until NODE STATUS",
    "answered-by",
    "pod-node NAMESPACE NAME-PREFIX",
    "pvc-status NAME",
    "pv-count",
];

/// The longest a `seconds-until` rule waits (virtual seconds).
pub const WAIT_LIMIT_S: i64 = 900;

/// Why a prediction cannot be observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PredictError {
    /// The simulator refused one of the commands (its index in `run`, and the first line of
    /// what it printed).
    Command {
        /// Which of the block's `run` items (0-based; a heredoc counts from its first line).
        index: usize,
        /// The simulator's message.
        message: String,
    },
    /// The rule is unknown, its arguments are wrong, or it found nothing to read.
    Rule(String),
}

impl std::fmt::Display for PredictError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PredictError::Command { message, .. } => write!(f, "{message}"),
            PredictError::Rule(m) => write!(f, "{m}"),
        }
    }
}

/// Runs `run` on a fresh simulated cluster (default seed, time 0 = HAProxy's start) and reads
/// the observation with the rule `observe`.
pub fn observe(run: &[String], observe: &str) -> Result<Observed, PredictError> {
    let mut s = Session::new(SessionOptions::default());
    run_commands(&mut s, run)?;
    read(&mut s, observe)
}

/// Runs the items as a shell reads them (a heredoc's lines gathered into its command); the
/// first command the simulator refuses is an error at its item.
fn run_commands(s: &mut Session, run: &[String]) -> Result<(), PredictError> {
    let mut reader = LineReader::default();
    let mut first = 0;
    for (i, line) in run.iter().enumerate() {
        if !reader.is_open() {
            first = i;
        }
        if let Fed::Block(b) = reader.feed(line) {
            if b.is_comment() {
                continue;
            }
            let (out, ok) = s.run_status(&b.text());
            if !ok {
                return Err(PredictError::Command {
                    index: first,
                    message: out.lines().next().unwrap_or("it failed").trim().to_string(),
                });
            }
        }
    }
    if reader.is_open() {
        return Err(PredictError::Command {
            index: first,
            message: "a heredoc is not closed".into(),
        });
    }
    Ok(())
}

fn read(s: &mut Session, observe: &str) -> Result<Observed, PredictError> {
    let words: Vec<&str> = observe.split_whitespace().collect();
    let wrong = || {
        PredictError::Rule(format!(
            "`{observe}` is not a rule (known: {})",
            RULES.join(", ")
        ))
    };
    match words.as_slice() {
        ["up-servers", backend] => up_servers(s, backend),
        ["running-containers"] => Ok(running_containers(s, "")),
        ["running-containers", prefix] => Ok(running_containers(s, prefix)),
        ["seconds-until", node, status] => seconds_until(s, node, status),
        ["answered-by"] => answered_by(s),
        ["pod-node", ns, prefix] => pod_node(s, ns, prefix),
        ["pvc-status", name] => pvc_status(s, name),
        ["pv-count"] => Ok(pv_count(s)),
        _ => Err(wrong()),
    }
}

/// A list of names as a value: sorted, comma-separated, `-` when empty.
fn list_value(mut names: Vec<String>) -> String {
    if names.is_empty() {
        return "-".into();
    }
    names.sort();
    names.join(",")
}

/// The servers UP in `backend`; the lines are HAProxy's log lines about that backend, then
/// each server's state.
fn up_servers(s: &Session, backend: &str) -> Result<Observed, PredictError> {
    let servers: Vec<_> = s
        .haproxy_servers()
        .into_iter()
        .filter(|v| v.backend == backend)
        .collect();
    if servers.is_empty() {
        return Err(PredictError::Rule(format!(
            "up-servers: HAProxy has no backend `{backend}` (or does not run)"
        )));
    }
    let tag = format!("{backend}/");
    let mut lines: Vec<String> = s
        .show("docker logs HAProxy-workers-lb")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains(&tag))
        .map(str::to_string)
        .collect();
    let up: Vec<String> = servers
        .iter()
        .filter(|v| v.state == ServerState::Up)
        .map(|v| v.name.clone())
        .collect();
    lines.extend(servers.iter().map(|v| {
        let state = match v.state {
            ServerState::Up => "UP",
            ServerState::Down => "DOWN",
            ServerState::Maint => "MAINT",
        };
        format!("{backend}/{}: {state}", v.name)
    }));
    Ok(Observed {
        value: list_value(up),
        lines,
    })
}

/// How many containers run (named with `prefix`); the lines are their names.
fn running_containers(s: &Session, prefix: &str) -> Observed {
    let names: Vec<String> = s
        .containers()
        .into_iter()
        .filter(|c| c.running && c.name.starts_with(prefix))
        .map(|c| c.name)
        .collect();
    Observed {
        value: names.len().to_string(),
        lines: names,
    }
}

/// Virtual seconds (to a tenth) until `node`'s status is `status`, looked at every 100 ms for
/// at most [`WAIT_LIMIT_S`]; the lines are the commands that show it: that `sleep`, then
/// `kubectl get nodes NODE` at that moment.
fn seconds_until(s: &mut Session, node: &str, status: &str) -> Result<Observed, PredictError> {
    const STEP_MS: i64 = 100;
    let status_of = |s: &Session| {
        s.nodes()
            .into_iter()
            .find(|n| n.name == node)
            .map(|n| n.status)
    };
    if status_of(s).is_none() {
        return Err(PredictError::Rule(format!(
            "seconds-until: no node `{node}`"
        )));
    }
    for step in 0..=WAIT_LIMIT_S * 1000 / STEP_MS {
        if status_of(s).as_deref() == Some(status) {
            let ms = step * STEP_MS;
            let value = format!("{}.{}", ms / 1000, (ms % 1000) / 100);
            let mut lines = vec![
                format!("$ sleep {value}s"),
                format!("$ kubectl get nodes {node}"),
            ];
            lines.extend(shown(s, &format!("kubectl get nodes {node}")));
            return Ok(Observed { value, lines });
        }
        s.advance(STEP_MS);
    }
    Err(PredictError::Rule(format!(
        "seconds-until: {node} is not {status} within {WAIT_LIMIT_S} s"
    )))
}

/// Which server HAProxy sent the last `curl` to (`-`: none); the line says where it went.
fn answered_by(s: &Session) -> Result<Observed, PredictError> {
    match s.last_route() {
        Some(Route::Server {
            backend,
            server,
            addr,
            port,
            ..
        }) => Ok(Observed {
            value: server.clone(),
            lines: vec![format!("{backend} → {server} ({addr}:{port})")],
        }),
        Some(Route::NoServer { backend, .. }) => Ok(Observed {
            value: "-".into(),
            lines: vec![format!("{backend}: no server available")],
        }),
        Some(Route::NoListener) | None => Err(PredictError::Rule(
            "answered-by: the commands sent no request through HAProxy (run a curl)".into(),
        )),
    }
}

/// The node the first pod of `ns` named `prefix...` is bound to (`-`: not scheduled); the line
/// is its `kubectl get pods -o wide` row.
fn pod_node(s: &Session, ns: &str, prefix: &str) -> Result<Observed, PredictError> {
    let pod = s
        .pods()
        .into_iter()
        .find(|p| p.namespace == ns && p.name.starts_with(prefix))
        .ok_or_else(|| PredictError::Rule(format!("pod-node: no pod {ns}/{prefix}...")))?;
    let row = s
        .show(&format!("kubectl get pods -n {ns} -o wide"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("NAME") || l.starts_with(&pod.name))
        .map(str::to_string)
        .collect();
    Ok(Observed {
        value: pod.node.unwrap_or_else(|| "-".into()),
        lines: row,
    })
}

/// The STATUS of claim `name`; the lines are `kubectl get pvc`.
fn pvc_status(s: &Session, name: &str) -> Result<Observed, PredictError> {
    let pvc = s
        .pvcs()
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| PredictError::Rule(format!("pvc-status: no claim `{name}`")))?;
    Ok(Observed {
        value: pvc.status,
        lines: shown(s, "kubectl get pvc"),
    })
}

/// How many PersistentVolumes exist; the lines are `kubectl get pv`.
fn pv_count(s: &Session) -> Observed {
    Observed {
        value: s.pvs().len().to_string(),
        lines: shown(s, "kubectl get pv"),
    }
}

fn shown(s: &Session, cmd: &str) -> Vec<String> {
    s.show(cmd)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn after_the_first_checks_only_worker2_is_up() {
        let o = observe(&run(&["sleep 10s"]), "up-servers ingress_http").expect("observed");
        assert_eq!(o.value, "worker2");
        assert!(o
            .lines
            .iter()
            .any(|l| l.contains("ingress_http/worker3 is DOWN")));
    }

    #[test]
    fn a_refused_command_is_reported_at_its_item() {
        let e = observe(&run(&["sleep 10s", "kubectl frobnicate"]), "pv-count");
        assert!(
            matches!(e, Err(PredictError::Command { index: 1, .. })),
            "{e:?}"
        );
        let e = observe(&run(&[]), "no-such-rule");
        assert!(matches!(e, Err(PredictError::Rule(_))), "{e:?}");
    }

    #[test]
    fn notready_is_read_from_the_clock_not_the_text() {
        let o = observe(
            &run(&[
                "sleep 10s",
                "docker exec cluster01-worker2 systemctl stop kubelet",
            ]),
            "seconds-until cluster01-worker2 NotReady",
        )
        .expect("observed");
        let secs: f64 = o.value.parse().expect("a number");
        assert!((30.0..=60.0).contains(&secs), "{secs}");
        assert!(o.lines.iter().any(|l| l.contains("NotReady")));
    }
}
