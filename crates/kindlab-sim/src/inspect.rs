//! Read-only questions the lab asks a session: when the next thing happens, what HAProxy would
//! say about a configuration, what a half-typed command line can be completed with, and what
//! changed between two pictures of the set-up (for announcements). Nothing here changes the
//! world.

use super::topology::Topology;

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
    /// HAProxy's messages about it, each with the line it points at.
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
    /// What changed (`cluster01-worker2`, `ingress_http/worker3`).
    pub subject: String,
    /// Its new state (`NotReady`, `UP`).
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

pub(crate) const COMMANDS: &[&str] = &[
    "awk", "cat", "cd", "clear", "curl", "cut", "date", "docker", "echo", "grep", "head", "help",
    "kind", "kubectl", "ls", "mkdir", "pwd", "rm", "sleep", "sort", "tail", "tee", "wc",
];
pub(crate) const DOCKER: &[&str] = &[
    "exec", "images", "inspect", "kill", "logs", "network", "ps", "restart", "rm", "run", "start",
    "stop",
];
pub(crate) const DOCKER_NETWORK: &[&str] = &["connect", "disconnect", "inspect", "ls"];
pub(crate) const KUBECTL: &[&str] = &[
    "apply", "config", "cordon", "delete", "describe", "drain", "get", "label", "scale", "taint",
    "uncordon",
];
pub(crate) const RESOURCES: &[&str] = &[
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
pub(crate) const CURL_URLS: &[&str] = &[
    "http://localhost/",
    "http://localhost/echo",
    "https://localhost/",
];
pub(crate) const DURATIONS: &[&str] = &["5s", "10s", "15s", "30s", "40s", "60s", "2m", "5m"];

pub(crate) fn flags_for(words: &[&str]) -> &'static [&'static str] {
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
        ["kubectl", "label", ..] => &["--all", "--namespace", "--overwrite", "-n"],
        ["kubectl", "taint", ..] => &["--all", "--overwrite"],
        ["kubectl", "drain", ..] => &[
            "--delete-emptydir-data",
            "--force",
            "--grace-period=",
            "--ignore-daemonsets",
        ],
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
