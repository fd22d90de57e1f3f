//! The façade: a [`Session`] is one learner's lab, a world and the shell state around it.
//! Everything outside the simulator (the app, the command line, the tests) goes through it:
//! command lines in ([`Session::run`], [`Session::feed_line`]), the clock ([`Session::advance`]),
//! and read-only questions out ([`Session::topology`], [`Session::next_event`], completion,
//! HAProxy's verdict on a config). The typed verbs it understands are in [`crate::verbs`].

use crate::haproxy::{self, config::Severity};
use crate::inspect::*;
use crate::lines::{split_blocks, Fed, LineReader};
use crate::shell::run_block;
use crate::topology::Topology;
use crate::world::{HAPROXY_CFG_PATH, HAPROXY_NAME};
use crate::*;

/// How a session starts.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// The seed every random stream derives from (see [`crate::DEFAULT_SEED`]).
    pub seed: u64,
    /// HAProxy's console lines: the chapter's (< 2.4) or the current style.
    pub log_style: LogStyle,
    /// The Kubernetes version of kind's nodes (decides the node-monitor grace period).
    pub k8s_version: K8sVersion,
    /// Which kind's docker networking the world imitates: the book's (the default: HAProxy
    /// started without `--network` reaches the nodes) or kind v0.8.0 and later's (the nodes
    /// on the `kind` network, isolated from docker's default bridge).
    pub kind_era: KindEra,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            seed: DEFAULT_SEED,
            log_style: LogStyle::Chapter,
            k8s_version: K8sVersion {
                minor: 31,
                patch: 12,
            },
            kind_era: KindEra::Chapter,
        }
    }
}

fn world_options(opts: &SessionOptions) -> world::WorldOptions {
    world::WorldOptions {
        seed: opts.seed,
        log_style: opts.log_style,
        k8s_version: opts.k8s_version,
        era: opts.kind_era,
    }
}

/// One learner's lab: a world and the shell state around it. `Clone` gives a snapshot (for a
/// "reset to here" or a what-if).
#[derive(Clone)]
pub struct Session {
    world: World,
    /// Reads what is fed a line at a time (a heredoc's lines gather until its delimiter).
    reader: LineReader,
}

impl Session {
    /// The chapter's starting state (see [`World::chapter`]).
    pub fn new(opts: SessionOptions) -> Session {
        Session {
            world: World::chapter(&world_options(&opts)),
            reader: LineReader::default(),
        }
    }

    fn from_world(world: World) -> Session {
        Session {
            world,
            reader: LineReader::default(),
        }
    }

    /// The chapter's flow on `workers` workers, with the NGINX ingress controller on the
    /// workers numbered in `ingress_on` (0-based) and HAProxy started from `haproxy_cfg`
    /// (`$worker1..`: the workers' addresses). The quiz generates its scenarios this way.
    pub fn build(
        opts: SessionOptions,
        workers: usize,
        ingress_on: &[usize],
        haproxy_cfg: &str,
    ) -> Session {
        Session::from_world(World::build(
            &world_options(&opts),
            workers,
            ingress_on,
            haproxy_cfg,
        ))
    }

    /// The chapter's flow on a topology of your own: a cluster created from `kind_config` (a
    /// kind `Cluster` config), the NGINX ingress controller if a node is labelled
    /// `ingress-ready=true`, `HAProxy-workers-lb` started from `haproxy_cfg` (`$worker1..` are the
    /// workers' IPs). `Err`: kind's or HAProxy's message, with the file and line
    /// (`kind config:5: ERROR: failed to create cluster: ...`).
    pub fn with_topology(
        opts: SessionOptions,
        kind_config: &str,
        haproxy_cfg: &str,
    ) -> Result<Session, String> {
        Session::from_topology(opts, kind_config, haproxy_cfg).map_err(|e| e.to_string())
    }

    /// Like [`Session::with_topology`], with the error as a value (which file, which line).
    pub fn from_topology(
        opts: SessionOptions,
        kind_config: &str,
        haproxy_cfg: &str,
    ) -> Result<Session, TopologyError> {
        Ok(Session {
            world: World::from_topology(&world_options(&opts), kind_config, haproxy_cfg)?,
            reader: LineReader::default(),
        })
    }

    /// Runs a command line or a block of lines (heredocs included); returns what the commands
    /// print, without the `$ ` echo.
    pub fn run(&mut self, text: &str) -> String {
        let mut out = String::new();
        for b in split_blocks(text) {
            out.push_str(&run_block(&mut self.world, &b));
        }
        out
    }

    /// What a read-only command prints now, without changing anything: `kubectl get ...`,
    /// `docker ps ...`, `docker logs ...` (one command: no pipes, redirects or sequences).
    /// `None` for a command that could change the world (run it with [`Session::run`]). The
    /// lab's live panels draw from it, so looking costs no copy of the world.
    ///
    /// ```
    /// use kindlab_sim::{Session, SessionOptions};
    /// let mut s = Session::new(SessionOptions::default());
    /// let shown = s.show("kubectl get nodes").expect("a read-only command");
    /// assert_eq!(shown, s.run("kubectl get nodes"));
    /// assert_eq!(s.show("kubectl cordon cluster01-worker2"), None);
    /// ```
    pub fn show(&self, line: &str) -> Option<String> {
        crate::shell::query(&self.world, line)
    }

    /// Runs a block like [`Session::run`] and also says whether its last command succeeded
    /// (exit status 0), as a shell's `$?` would.
    pub fn run_status(&mut self, text: &str) -> (String, bool) {
        let mut out = String::new();
        let mut ok = true;
        for b in split_blocks(text) {
            let (o, good) = shell::run_block_status(&mut self.world, &b);
            out.push_str(&o);
            ok = good;
        }
        (out, ok)
    }

    /// Runs a block and returns it as a transcript: `$ command` (and `> ` heredoc lines), then
    /// the output.
    pub fn run_transcript(&mut self, text: &str) -> String {
        let mut out = String::new();
        for b in split_blocks(text) {
            out.push_str(&b.echo());
            out.push_str(&run_block(&mut self.world, &b));
        }
        out
    }

    /// Feeds one line as typed in a terminal. Returns `Some((echo, output))` when a command
    /// completed, `None` while a heredoc is still open (or for blank/comment lines).
    pub fn feed_line(&mut self, line: &str) -> Option<(String, String)> {
        match self.reader.feed(line) {
            Fed::Block(b) if !b.is_comment() => {
                let out = run_block(&mut self.world, &b);
                Some((b.echo(), out))
            }
            _ => None,
        }
    }

    /// A heredoc is open and waits for its delimiter.
    pub fn needs_more_input(&self) -> bool {
        self.reader.is_open()
    }

    /// Runs an unterminated heredoc at end of input (bash warns and runs it anyway).
    pub fn finish(&mut self) -> Option<(String, String)> {
        let b = self.reader.finish()?;
        let out = run_block(&mut self.world, &b);
        Some((b.echo(), out))
    }

    /// Virtual milliseconds since 2026-01-01T00:00:00Z (time 0 = HAProxy's start).
    pub fn now(&self) -> i64 {
        self.world.now()
    }

    /// Lets `ms` of virtual time pass, up to the clock's horizon ([`crate::time::HORIZON`]);
    /// returns the time that passed.
    pub fn advance(&mut self, ms: i64) -> i64 {
        self.world.advance(ms)
    }

    /// The shell's working directory (for a prompt like `root@host:~#`).
    pub fn cwd(&self) -> &str {
        &self.world.fs.cwd
    }

    /// Where HAProxy sent the last `curl` request (backend, server, address), if anywhere.
    pub fn last_route(&self) -> Option<&haproxy::Route> {
        self.world.last_route.as_ref()
    }

    /// The kind clusters, read-only (their nodes, pods, storage objects), for questions the
    /// views do not answer (quiz generation, invariants in tests).
    pub fn clusters(&self) -> &[crate::k8s::Cluster] {
        &self.world.clusters
    }

    /// The HAProxy engine in `HAProxy-workers-lb`, read-only (its configuration, servers and
    /// log), if that container runs.
    pub fn haproxy(&self) -> Option<&crate::haproxy::Haproxy> {
        self.world
            .container_index(HAPROXY_NAME)
            .and_then(|i| self.world.engine(i))
    }

    /// The nodes of every cluster, as the topology view draws them.
    pub fn nodes(&self) -> Vec<NodeView> {
        let mut out = vec![];
        for c in &self.world.clusters {
            for n in &c.nodes {
                out.push(NodeView {
                    cluster: c.name.clone(),
                    name: n.name.clone(),
                    role: n.role_str().to_string(),
                    ip: n.ip.to_string(),
                    status: n.status_str(),
                    container_running: n.container_up,
                    kubelet_running: n.container_up && n.kubelet_active,
                    taints: n.taints.iter().map(|t| t.spec()).collect(),
                    runtime: n
                        .runtime
                        .iter()
                        .map(|r| {
                            (
                                format!("{}/{}", r.namespace, r.pod_name),
                                r.host_ports.clone(),
                            )
                        })
                        .collect(),
                });
            }
        }
        out
    }

    /// The pods of every cluster, as `kubectl get pods -A -o wide` orders them.
    pub fn pods(&self) -> Vec<PodView> {
        let mut out = vec![];
        for c in &self.world.clusters {
            for p in c.sorted_pods() {
                out.push(PodView {
                    namespace: p.namespace.clone(),
                    name: p.name.clone(),
                    node: p.node.clone(),
                    status: c.pod_status(p).to_string(),
                    ready: p.container_ready,
                    ip: p.ip.map(|i| i.to_string()),
                });
            }
        }
        out
    }

    /// The docker containers, as `docker ps -a` lists them.
    pub fn containers(&self) -> Vec<ContainerView> {
        self.world
            .containers
            .iter()
            .map(|c| ContainerView {
                name: c.name.clone(),
                image: c.image.clone(),
                running: c.running(),
                ip: c.ip().map(|i| i.to_string()).unwrap_or_default(),
                networks: {
                    let mut v: Vec<(String, String)> = c
                        .nets
                        .iter()
                        .map(|a| {
                            let ip = a.ip.map(|i| i.to_string()).unwrap_or_default();
                            (a.network.clone(), ip)
                        })
                        .collect();
                    v.sort();
                    v
                },
            })
            .collect()
    }

    /// Every cluster's PersistentVolumeClaims (by namespace, then name).
    pub fn pvcs(&self) -> Vec<PvcView> {
        let mut out = vec![];
        for cl in &self.world.clusters {
            let mut v: Vec<&k8s::storage::PersistentVolumeClaim> = cl.storage.pvcs.iter().collect();
            v.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
            for c in v {
                out.push(PvcView {
                    cluster: cl.name.clone(),
                    namespace: c.namespace.clone(),
                    name: c.name.clone(),
                    status: if c.deletion.is_some() {
                        "Terminating".into()
                    } else {
                        c.phase.as_str().into()
                    },
                    volume: c.volume_name.clone(),
                    capacity: c.capacity.map(|q| q.canonical()),
                    request: c.request.canonical(),
                    access_modes: k8s::storage::modes_str(&c.modes),
                    storage_class: c.class.clone().filter(|s| !s.is_empty()),
                    selected_node: c.selected_node().map(|s| s.to_string()),
                    used_by: cl.pvc_used_by(&c.namespace, &c.name),
                });
            }
        }
        out
    }

    /// Every cluster's PersistentVolumes (by name).
    pub fn pvs(&self) -> Vec<PvView> {
        let mut out = vec![];
        for cl in &self.world.clusters {
            let mut v: Vec<&k8s::storage::PersistentVolume> = cl.storage.pvs.iter().collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            for p in v {
                out.push(PvView {
                    cluster: cl.name.clone(),
                    name: p.name.clone(),
                    capacity: p.capacity.canonical(),
                    access_modes: k8s::storage::modes_str(&p.modes),
                    reclaim_policy: p.reclaim.as_str().into(),
                    status: if p.deletion.is_some() {
                        "Terminating".into()
                    } else {
                        p.phase.as_str().into()
                    },
                    claim: p
                        .claim_ref
                        .as_ref()
                        .map(|c| format!("{}/{}", c.namespace, c.name)),
                    storage_class: Some(p.class.clone()).filter(|s| !s.is_empty()),
                    node: p.node().map(|s| s.to_string()),
                    path: p.path().map(|s| s.to_string()),
                    dynamic: p.dynamic,
                });
            }
        }
        out
    }

    /// Every cluster's StorageClasses (by name).
    pub fn storage_classes(&self) -> Vec<StorageClassView> {
        let mut out = vec![];
        for cl in &self.world.clusters {
            let mut v: Vec<&k8s::storage::StorageClass> = cl.storage.classes.iter().collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            for c in v {
                out.push(StorageClassView {
                    cluster: cl.name.clone(),
                    name: c.name.clone(),
                    provisioner: c.provisioner.clone(),
                    reclaim_policy: c.reclaim.as_str().into(),
                    binding_mode: c.binding.as_str().into(),
                    allow_expansion: c.allow_expansion.unwrap_or(false),
                    is_default: c.is_default(),
                });
            }
        }
        out
    }

    /// The servers of the HAProxy running in `HAProxy-workers-lb` (empty when it is not running).
    pub fn haproxy_servers(&self) -> Vec<ServerView> {
        self.world
            .container_index(world::HAPROXY_NAME)
            .and_then(|i| self.world.engine(i))
            .map(|e| e.servers())
            .unwrap_or_default()
    }

    /// The picture of the whole set-up now (see [`Topology`]).
    pub fn topology(&self) -> Topology {
        crate::topology::topology(&self.world)
    }

    /// When something is next due to happen (a health check, a kubelet or controller
    /// deadline), if anything is scheduled.
    pub fn next_event(&self) -> Option<i64> {
        let w = &self.world;
        let now = w.now();
        let k8s = w.next_wakeup().filter(|t| *t > now);
        let lbs = w
            .lbs
            .iter()
            .filter_map(|l| l.engine.next_wakeup())
            .filter(|t| *t > now)
            .min();
        match (k8s, lbs) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The configuration HAProxy-workers-lb mounts (`~/haproxy/haproxy.cfg`), if present.
    pub fn haproxy_config(&self) -> Option<String> {
        self.world
            .fs
            .read(HAPROXY_CFG_PATH)
            .ok()
            .map(str::to_string)
    }

    /// What HAProxy would print about `text` as its configuration (the container's path,
    /// `$workerN` resolved like `docker run` does), and whether it would start.
    pub fn check_haproxy_config(&self, text: &str) -> ConfigCheck {
        let file = "/usr/local/etc/haproxy/haproxy.cfg";
        let workers = self.world.worker_ips();
        let vars = |name: &str| -> Option<String> {
            let n: usize = name.strip_prefix("worker")?.parse().ok()?;
            workers.get(n.checked_sub(1)?).map(|ip| ip.to_string())
        };
        let report = haproxy::parse_config(file, text, &vars);
        let ok = report.is_ok();
        let style = self.world.log_style();
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
                        self.now().max(0),
                        &m.text_for(style),
                    )
                })
                .collect::<Vec<_>>()
        } else {
            report
                .console_lines(style, self.now().max(0))
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
        let w = &self.world;
        let containers: Vec<String> = w.containers.iter().map(|c| c.name.clone()).collect();
        let nodes: Vec<String> = w
            .clusters
            .iter()
            .flat_map(|c| c.nodes.iter().map(|n| n.name.clone()))
            .collect();
        let pods: Vec<String> = self.pods().into_iter().map(|p| p.name).collect();
        let networks: Vec<String> = w.networks.iter().map(|n| n.name.clone()).collect();
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
                (["docker", "run", ..], "--network" | "--net") => networks,
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
                (["docker", "network"], _) => owned(DOCKER_NETWORK),
                (["docker", "network", "inspect"], _) => networks,
                (["docker", "network", "connect" | "disconnect"], _) => networks,
                (["docker", "network", "connect" | "disconnect", _], _) => containers,
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
                (["kubectl", "cordon" | "uncordon" | "drain", ..], _) => nodes,
                (["kubectl", "label"], _) => owned(&["nodes", "pods"]),
                (["kubectl", "taint"], _) => owned(&["nodes"]),
                (["kubectl", "label" | "taint", "node" | "nodes" | "no"], _) => nodes,
                (["kubectl", "label", "pod" | "pods" | "po"], _) => pods,
                (["kubectl", "label", "node" | "nodes" | "no", _, ..], _) => {
                    owned(&["ingress-ready=true"])
                }
                (["kubectl", "taint", "node" | "nodes" | "no", _, ..], _) => {
                    owned(&["node-role.kubernetes.io/control-plane:NoSchedule-"])
                }
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

    /// Which kind's docker networking this world imitates (see [`SessionOptions::kind_era`]).
    pub fn kind_era(&self) -> KindEra {
        self.world.era
    }

    /// Whether HAProxy-workers-lb exists (running or not).
    pub fn has_haproxy_container(&self) -> bool {
        self.world.container_index(HAPROXY_NAME).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `show` prints what `run` prints, at every moment of a scenario that changes the
    /// cluster, HAProxy and storage (errors included).
    #[test]
    fn show_prints_what_run_prints_without_changing_anything() {
        let lines = [
            "kubectl get nodes",
            "kubectl get pods -A -o wide",
            "kubectl get pods -n nope",
            "kubectl get sc,pv,pvc",
            "kubectl get nodez",
            "docker logs HAProxy-workers-lb",
            "docker logs -t --tail 3 HAProxy-workers-lb",
            "docker logs nothing-here",
            "docker ps -a",
            "docker ps --filter name=worker",
        ];
        let steps = [
            "sleep 5s",
            "docker exec cluster01-worker2 systemctl stop kubelet",
            "sleep 60s",
            "docker stop cluster01-worker3",
            "sleep 400s",
            "kind delete cluster --name cluster01",
        ];
        let mut s = Session::new(SessionOptions::default());
        for step in steps {
            for line in lines {
                let before = s.now();
                let shown = s.show(line).expect("read-only");
                assert_eq!(s.now(), before);
                assert_eq!(shown, s.clone().run(line), "{line} after {step}");
            }
            s.run(step);
        }
        for writer in [
            "kubectl delete pod x",
            "docker stop x",
            "kubectl get nodes | wc -l",
            "sleep 1s",
            "kubectl get nodes > f",
        ] {
            assert_eq!(s.show(writer), None, "{writer}");
        }
    }
}
