//! Read-only questions the lab asks a session: when the next thing happens, what HAProxy would
//! say about a configuration, what a half-typed command line can be completed with, and what
//! changed between two pictures of the set-up (for announcements). Nothing here changes the
//! world.

use super::haproxy::{self, config::Severity};
use super::topology::Topology;
use super::world::{HAPROXY_CFG_PATH, HAPROXY_NAME};
use super::Session;

/// One line of what HAProxy prints about a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigLine {
    /// The configuration line it is about (`[file:N]`), if any.
    pub line: Option<usize>,
    /// `ALERT`, `WARNING` or `NOTICE`.
    pub severity: &'static str,
    /// The console line as HAProxy prints it.
    pub text: String,
}

/// HAProxy's verdict on a configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigCheck {
    /// HAProxy would start with it.
    pub ok: bool,
    pub lines: Vec<ConfigLine>,
}

/// Candidates for the word being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the word being completed starts.
    pub start: usize,
    /// Whole words that can replace it, sorted.
    pub candidates: Vec<String>,
}

impl Completion {
    /// The longest prefix all candidates share.
    pub fn common_prefix(&self) -> String {
        let Some(first) = self.candidates.first() else {
            return String::new();
        };
        let mut end = first.len();
        for c in &self.candidates[1..] {
            end = end.min(
                first
                    .char_indices()
                    .zip(c.chars())
                    .take_while(|((_, a), b)| a == b)
                    .map(|((i, a), _)| i + a.len_utf8())
                    .last()
                    .unwrap_or(0),
            );
        }
        first[..end].to_string()
    }
}

/// A state change between two pictures: `cluster01-worker2 NotReady`, `ingress_http/worker3 UP`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub subject: String,
    pub state: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.subject, self.state)
    }
}

impl Topology {
    /// What changed from `before` to `self`: nodes (Ready/NotReady/stopped, kubelet), HAProxy
    /// servers (UP/DOWN), containers that started or stopped.
    pub fn changes_since(&self, before: &Topology) -> Vec<Change> {
        let mut out = vec![];
        for n in self.nodes() {
            match before.node(&n.name) {
                Some(b) => {
                    if b.state != n.state {
                        out.push(Change {
                            subject: n.name.clone(),
                            state: n.state.to_string(),
                        });
                    }
                    if b.kubelet_running != n.kubelet_running && n.container_running {
                        out.push(Change {
                            subject: format!("{} kubelet", n.name),
                            state: if n.kubelet_running {
                                "running"
                            } else {
                                "stopped"
                            }
                            .into(),
                        });
                    }
                }
                None => out.push(Change {
                    subject: n.name.clone(),
                    state: n.state.to_string(),
                }),
            }
        }
        for b in before.nodes() {
            if self.node(&b.name).is_none() {
                out.push(Change {
                    subject: b.name.clone(),
                    state: "deleted".into(),
                });
            }
        }
        for s in self.servers() {
            let was = before
                .servers()
                .find(|x| x.backend == s.backend && x.name == s.name)
                .map(|x| x.state);
            if was != Some(s.state) && (was.is_some() || s.state != "UP") {
                out.push(Change {
                    subject: format!("{}/{}", s.backend, s.name),
                    state: s.state.to_string(),
                });
            }
        }
        for lb in &self.balancers {
            let was = before
                .balancers
                .iter()
                .find(|b| b.container == lb.container)
                .map(|b| b.running);
            if was.is_some_and(|w| w != lb.running) {
                out.push(Change {
                    subject: lb.container.clone(),
                    state: if lb.running { "running" } else { "stopped" }.into(),
                });
            }
        }
        out
    }
}

const COMMANDS: &[&str] = &[
    "awk", "cat", "cd", "clear", "curl", "cut", "date", "docker", "echo", "grep", "head", "help",
    "kind", "kubectl", "ls", "mkdir", "pwd", "rm", "sleep", "sort", "tail", "tee", "wc",
];
const DOCKER: &[&str] = &[
    "exec", "images", "inspect", "kill", "logs", "ps", "restart", "rm", "run", "start", "stop",
];
const KUBECTL: &[&str] = &[
    "apply", "config", "cordon", "delete", "describe", "get", "scale", "uncordon",
];
const RESOURCES: &[&str] = &[
    "csidrivers",
    "deployments",
    "events",
    "ingress",
    "namespaces",
    "nodes",
    "pods",
    "pv",
    "pvc",
    "sc",
    "services",
    "storageclass",
];
const CURL_URLS: &[&str] = &[
    "http://localhost/",
    "http://localhost/echo",
    "https://localhost/",
];
const DURATIONS: &[&str] = &["5s", "10s", "15s", "30s", "40s", "60s", "2m", "5m"];

fn flags_for(words: &[&str]) -> &'static [&'static str] {
    match words {
        ["docker", "ps", ..] => &["--all", "--filter", "--quiet", "-a", "-q"],
        ["docker", "logs", ..] => &["--since", "--tail", "--timestamps", "-t"],
        ["docker", "rm", ..] => &["--force", "-f"],
        ["docker", "run", ..] => &[
            "--detach",
            "--name",
            "--network",
            "--volume",
            "-d",
            "-p",
            "-v",
        ],
        ["docker", "inspect", ..] => &["--format", "-f"],
        ["docker", "stop", ..] | ["docker", "restart", ..] => &["--time", "-t"],
        ["kubectl", "get", ..] => &[
            "--all-namespaces",
            "--namespace",
            "--output",
            "-A",
            "-n",
            "-o",
            "--show-labels",
        ],
        ["kubectl", "delete", ..] => &["--force", "--grace-period=0", "--namespace", "-f", "-n"],
        ["kubectl", "describe", ..] => &["--namespace", "-n"],
        ["kubectl", "scale", ..] => &["--namespace", "--replicas=", "-n"],
        ["kubectl", "apply", ..] => &["-f"],
        ["kind", ..] => &["--config", "--name"],
        ["curl", ..] => &[
            "--head",
            "--include",
            "--insecure",
            "--silent",
            "--verbose",
            "-I",
            "-i",
            "-k",
            "-s",
            "-v",
        ],
        _ => &[],
    }
}

impl Session {
    /// When something is next due to happen (a health check, a kubelet or controller
    /// deadline), if anything is scheduled.
    pub fn next_event(&self) -> Option<i64> {
        let w = self.world();
        let now = w.now();
        let k8s = w.next_wakeup().filter(|t| *t > now);
        let lbs = w
            .lbs
            .iter()
            .filter_map(|l| l.engine.next_wakeup())
            .map(|t| t as i64)
            .filter(|t| *t > now)
            .min();
        match (k8s, lbs) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The configuration HAProxy-workers-lb mounts (`~/haproxy/haproxy.cfg`), if present.
    pub fn haproxy_config(&self) -> Option<String> {
        self.world()
            .fs
            .read(HAPROXY_CFG_PATH)
            .ok()
            .map(str::to_string)
    }

    /// What HAProxy would print about `text` as its configuration (the container's path,
    /// `$workerN` resolved like `docker run` does), and whether it would start.
    pub fn check_haproxy_config(&self, text: &str) -> ConfigCheck {
        let file = "/usr/local/etc/haproxy/haproxy.cfg";
        let workers = self.world().worker_ips();
        let vars = |name: &str| -> Option<String> {
            let n: usize = name.strip_prefix("worker")?.parse().ok()?;
            workers.get(n.checked_sub(1)?).map(|ip| ip.to_string())
        };
        let report = haproxy::parse_config(file, text, &vars);
        let ok = report.is_ok();
        let style = self.world().log_style();
        let mut lines = vec![];
        // warnings of a good configuration are printed by HAProxy at start, with the same prefix
        let console = if ok {
            report
                .messages
                .iter()
                .filter(|m| m.severity != Severity::Notice || !ok)
                .flat_map(|m| {
                    haproxy::log::console_lines(
                        style,
                        m.severity,
                        haproxy::log::MASTER_PID,
                        self.now().max(0) as u64,
                        &m.text_for(style),
                    )
                })
                .collect::<Vec<_>>()
        } else {
            report
                .console_lines(style, self.now().max(0) as u64)
                .into_iter()
                .map(|l| l.text)
                .collect()
        };
        for text in console {
            let severity = if text.contains("[ALERT]") {
                "ALERT"
            } else if text.contains("[WARNING]") {
                "WARNING"
            } else {
                "NOTICE"
            };
            let line = text
                .split_once(&format!("{file}:"))
                .and_then(|(_, r)| r.split(']').next())
                .and_then(|n| n.parse().ok());
            lines.push(ConfigLine {
                line,
                severity,
                text,
            });
        }
        ConfigCheck { ok, lines }
    }

    /// Completions for the last word of `line` (commands, subcommands, flags, node, pod,
    /// container and file names).
    pub fn complete(&self, line: &str) -> Completion {
        // the current simple command: after the last unquoted | ; &&
        let seg_start = line.rfind(['|', ';', '&']).map(|i| i + 1).unwrap_or(0);
        let seg = &line[seg_start..];
        let ends_blank = seg.is_empty() || seg.ends_with(char::is_whitespace);
        let words: Vec<&str> = seg.split_whitespace().collect();
        let (done, partial): (Vec<&str>, &str) = if ends_blank {
            (words.clone(), "")
        } else {
            (
                words[..words.len() - 1].to_vec(),
                words.last().copied().unwrap_or(""),
            )
        };
        let start = line.len() - partial.len();
        let w = self.world();
        let containers: Vec<String> = w.containers.iter().map(|c| c.name.clone()).collect();
        let nodes: Vec<String> = w
            .clusters
            .iter()
            .flat_map(|c| c.nodes.iter().map(|n| n.name.clone()))
            .collect();
        let pods: Vec<String> = self.pods().into_iter().map(|p| p.name).collect();
        let mut namespaces: Vec<String> = self.pods().into_iter().map(|p| p.namespace).collect();
        namespaces.sort();
        namespaces.dedup();
        let files = || -> Vec<String> {
            let mut v = vec![];
            for dir in ["/root", "/root/haproxy"] {
                if let Ok(names) = w.fs.list(dir) {
                    for n in names {
                        let full = format!("{dir}/{n}");
                        if w.fs.read(&full).is_ok() {
                            v.push(full.replacen("/root", "~", 1));
                        } else {
                            v.push(format!("{}/", full.replacen("/root", "~", 1)));
                        }
                    }
                }
            }
            v
        };
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let prev = done.last().copied().unwrap_or("");
        let pool: Vec<String> = if partial.starts_with('-') {
            owned(flags_for(&done))
        } else {
            match (done.as_slice(), prev) {
                ([], _) => owned(COMMANDS),
                (_, "-n") | (_, "--namespace") => namespaces,
                (_, "-o") | (_, "--output") => owned(&["name", "wide", "yaml"]),
                (["docker"], _) => owned(DOCKER),
                (["docker", "exec", ..], _) if done.len() == 2 => containers,
                (["docker", "exec", _, ..], _) if done.len() == 3 => {
                    owned(&["crictl", "systemctl"])
                }
                (["docker", "exec", _, "systemctl", ..], _) if done.len() == 4 => {
                    owned(&["restart", "start", "status", "stop"])
                }
                (["docker", "exec", _, "systemctl", _, ..], _) => owned(&["kubelet"]),
                (["docker", "exec", _, "crictl", ..], _) => owned(&["ps"]),
                (
                    ["docker", "stop" | "start" | "restart" | "kill" | "rm" | "logs" | "inspect", ..],
                    _,
                ) => containers,
                (["kubectl"], _) => owned(KUBECTL),
                (["kubectl", "get"], _) => owned(RESOURCES),
                (["kubectl", "describe"], _) => owned(&["node", "pod", "pv", "pvc"]),
                (["kubectl", "delete"], _) => owned(&["pod", "pv", "pvc", "sc"]),
                (["kubectl", "describe" | "get", "node" | "nodes", ..], _) => nodes,
                (["kubectl", "describe" | "delete" | "get", "pod" | "pods", ..], _) => pods,
                (["kubectl", "cordon" | "uncordon", ..], _) => nodes,
                (["kubectl", "scale"], _) => owned(&["deployment"]),
                (["kubectl", "config"], _) => owned(&["get-contexts", "use-context"]),
                (["kind"], _) => owned(&["create", "delete", "get"]),
                (["kind", "create" | "delete"], _) => owned(&["cluster"]),
                (["kind", "get"], _) => owned(&["clusters", "nodes"]),
                (["curl", ..], _) => owned(CURL_URLS),
                (["sleep"], _) => owned(DURATIONS),
                (["cat" | "tee" | "ls" | "rm", ..], _) | (_, "--config") | (_, "-f") => files(),
                _ => vec![],
            }
        };
        let mut candidates: Vec<String> = pool
            .into_iter()
            .filter(|c| c.starts_with(partial))
            .collect();
        candidates.sort();
        candidates.dedup();
        Completion { start, candidates }
    }

    /// Whether HAProxy-workers-lb exists (running or not).
    pub fn has_haproxy_container(&self) -> bool {
        self.world().container_index(HAPROXY_NAME).is_some()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Session, SessionOptions};

    fn s() -> Session {
        Session::new(SessionOptions::default())
    }

    #[test]
    fn completes_commands_subcommands_names_and_flags() {
        let s = s();
        assert_eq!(s.complete("kub").candidates, vec!["kubectl"]);
        assert_eq!(s.complete("docker ex").candidates, vec!["exec"]);
        let c = s.complete("docker exec cluster01-wor");
        assert_eq!(
            c.candidates,
            vec!["cluster01-worker", "cluster01-worker2", "cluster01-worker3"]
        );
        assert_eq!(c.start, "docker exec ".len());
        assert_eq!(c.common_prefix(), "cluster01-worker");
        assert_eq!(
            s.complete("docker exec cluster01-worker2 systemctl st")
                .candidates,
            vec!["start", "status", "stop"]
        );
        assert_eq!(
            s.complete("docker exec cluster01-worker2 systemctl stop ")
                .candidates,
            vec!["kubelet"]
        );
        assert_eq!(
            s.complete("kubectl get pods -n ingress").candidates,
            vec!["ingress-nginx"]
        );
        let p = s.complete("kubectl delete pod nginx");
        assert_eq!(
            p.candidates,
            vec!["nginx-ingress-controller-7d6bf88c86-r7ztq"]
        );
        assert!(s
            .complete("kubectl get pods --all")
            .candidates
            .contains(&"--all-namespaces".to_string()));
        assert_eq!(
            s.complete("docker logs HAP").candidates,
            vec!["HAProxy-workers-lb"]
        );
        assert_eq!(
            s.complete("cat ~/haproxy/h").candidates,
            vec!["~/haproxy/haproxy.cfg"]
        );
        // after a pipe, a new command starts
        assert_eq!(s.complete("docker ps | gre").candidates, vec!["grep"]);
    }

    #[test]
    fn config_check_reports_lines_as_haproxy_prints_them() {
        let s = s();
        let good = s.haproxy_config().unwrap();
        let c = s.check_haproxy_config(&good);
        assert!(c.ok, "{c:?}");
        assert!(c.lines.iter().all(|l| l.severity != "ALERT"));
        let bad = good.replace("  mode http\n", "  mode http\n  frobnicate yes\n");
        let c = s.check_haproxy_config(&bad);
        assert!(!c.ok);
        let alert = c
            .lines
            .iter()
            .find(|l| l.severity == "ALERT" && l.line.is_some())
            .unwrap();
        let n = bad.lines().position(|l| l.contains("frobnicate")).unwrap() + 1;
        assert_eq!(alert.line, Some(n), "{alert:?}");
        assert!(alert.text.contains("frobnicate"), "{alert:?}");
    }

    #[test]
    fn next_event_is_in_the_future_and_changes_are_reported() {
        let mut s = s();
        let t = s.next_event().unwrap();
        assert!(t > s.now());
        s.run("sleep 10s");
        let before = s.topology();
        s.run("docker exec cluster01-worker2 systemctl stop kubelet");
        s.run("sleep 60s");
        let after = s.topology();
        let ch: Vec<String> = after
            .changes_since(&before)
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            ch.contains(&"cluster01-worker2 NotReady".to_string()),
            "{ch:?}"
        );
        assert!(
            ch.contains(&"cluster01-worker2 kubelet stopped".to_string()),
            "{ch:?}"
        );
        s.run("kubectl delete pod nginx-ingress-controller-7d6bf88c86-r7ztq -n ingress-nginx");
        s.run("sleep 20s");
        let later = s.topology();
        let ch: Vec<String> = later
            .changes_since(&after)
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            ch.contains(&"ingress_http/worker3 UP".to_string()),
            "{ch:?}"
        );
    }
}
