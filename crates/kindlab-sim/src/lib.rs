//! The simulated world of kindlab: the chapter's KinD cluster, its custom HAProxy and
//! Kubernetes on a virtual clock, and a command layer that answers like the real tools.
//!
//! Pure and deterministic: no I/O, no wall clock, randomness only from `ChaCha8Rng`s derived
//! from the session seed (one stream per purpose). Same seed + same commands = same output.
//!
//! # The API the UI (and the CLI, and the tests) use
//! ```text
//! use kindlab_sim::{Session, SessionOptions};   // the app re-exports it as kindlab::sim
//! let mut s = Session::new(SessionOptions::default());      // the chapter's state, time 0
//! // ...or the chapter's flow on a topology of your own (a kind config and a haproxy.cfg):
//! let s2: Result<Session, String> = Session::with_topology(opts, kind_yaml, haproxy_cfg);
//! // (Session::from_topology gives a TopologyError { file, line, message } instead)
//! let out: String = s.run("docker logs HAProxy-workers-lb"); // one command line...
//! let out = s.run("tee ~/haproxy/haproxy.cfg <<EOF\n...\nEOF"); // ...or a block with a heredoc
//! // a terminal that sends lines one at a time (buffers heredocs until their delimiter):
//! if let Some(done) = s.feed_line("cat <<EOF > ~/x") { /* (echo, output) */ }
//! s.needs_more_input();            // true while a heredoc is open
//! s.now();                         // virtual ms since 2026-01-01T00:00:00Z
//! s.advance(500);                  // a fast-running clock in the UI
//! s.nodes(); s.pods(); s.containers(); s.haproxy_servers();  // read-only views to draw
//! s.pvcs(); s.pvs(); s.storage_classes();                      // storage, as kubectl shows it
//! s.last_route();                  // where HAProxy sent the last curl (to animate it)
//! s.cwd();                         // for the prompt; `Session` is `Clone` (snapshots)
//! s.world();                       // full read access (quiz generation)
//! ```
//! Options: `seed` (default [`DEFAULT_SEED`], with which the replacement ingress pod lands on
//! cluster01-worker3 as in the chapter), `log_style` (HAProxy's chapter-era or current console
//! lines), `k8s_version` (the node version; decides the node-monitor grace period: 40 s up to
//! 1.31, 50 s from 1.32).
//!
//! `with_topology` builds the world from any kind config (one control plane and five workers,
//! `extraPortMappings`, labels...) and HAProxy configuration: the cluster is created from it, the
//! NGINX ingress controller runs if a node is labelled `ingress-ready=true`, and HAProxy's
//! `$worker1..$workerN` are the workers' addresses. With one control plane there is no
//! `<cluster>-external-load-balancer`, as with real kind. A bad file gives kind's (or HAProxy's)
//! message with its line, and no session: the caller keeps its previous one.
//!
//! Storage follows kind: the default StorageClass `standard` (`rancher.io/local-path`,
//! `WaitForFirstConsumer`, `Delete`) and its provisioner in `local-path-storage`; claims wait for
//! a pod, volumes are made on that pod's node and tie it there. `kubectl apply|create|delete -f`
//! take Pods, Deployments, PVCs, PVs and StorageClasses (see `k8s::storage`, `manifest`).
//!
//! Modules: `time`, `net`, `haproxy` (HAProxy engine), `kind` (config parsing, node names),
//! `yaml` (YAML as kubectl's and kind's go-yaml read it), `manifest` (Kubernetes manifests),
//! `k8s` (Kubernetes; `k8s::storage`: classes, volumes, claims and their controllers), `docker`
//! (containers, `docker ps`), `fs` (host files), `shell` (the command layer), `world` (state +
//! event-driven `advance_to`), `fmt` (tool output formats).

pub mod docker;
pub mod fmt;
pub mod fs;
pub mod haproxy;
pub mod inspect;
pub mod k8s;
pub mod kind;
pub mod manifest;
pub mod net;
pub mod shell;
pub mod time;
pub mod topology;
pub mod verbs;
pub mod world;
pub mod yaml;

pub use haproxy::{LogStyle, ServerView};
pub use k8s::K8sVersion;
pub use world::{TopologyError, TopologyFile, World};

use shell::{heredoc_delimiter, run_block, split_blocks, Block, Heredoc};

/// The default seed: with it the replacement NGINX ingress pod lands on cluster01-worker3, as
/// in the chapter.
pub const DEFAULT_SEED: u64 = 2026;

/// How a session starts.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    pub seed: u64,
    pub log_style: LogStyle,
    pub k8s_version: K8sVersion,
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
        }
    }
}

/// A node as the topology view draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeView {
    pub cluster: String,
    pub name: String,
    pub role: String,
    pub ip: String,
    /// `Ready`, `NotReady`, `Ready,SchedulingDisabled`...
    pub status: String,
    pub container_running: bool,
    pub kubelet_running: bool,
    pub taints: Vec<String>,
    /// Containers running in the node's containerd: (namespace/pod, hostPorts).
    pub runtime: Vec<(String, Vec<u16>)>,
}

/// A pod as `kubectl get pods -A -o wide` would show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    pub node: Option<String>,
    pub status: String,
    pub ready: bool,
    pub ip: Option<String>,
}

/// A PersistentVolumeClaim as `kubectl get pvc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PvcView {
    pub cluster: String,
    pub namespace: String,
    pub name: String,
    /// `Pending`, `Bound`, `Lost`, or `Terminating` (deleted, kept by pvc-protection).
    pub status: String,
    pub volume: Option<String>,
    /// The bound volume's capacity (`1Gi`), when bound.
    pub capacity: Option<String>,
    /// What the claim asks for (`1Gi`).
    pub request: String,
    /// `RWO`, `RWO,RWX`...: the claim's own access modes.
    pub access_modes: String,
    /// `None`: no class (`storageClassName: ""`, or no default class existed).
    pub storage_class: Option<String>,
    /// The node the scheduler chose for its first consumer (`volume.kubernetes.io/selected-node`).
    pub selected_node: Option<String>,
    /// Pods whose volumes name the claim.
    pub used_by: Vec<String>,
}

/// A PersistentVolume as `kubectl get pv` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PvView {
    pub cluster: String,
    pub name: String,
    pub capacity: String,
    pub access_modes: String,
    /// `Delete`, `Retain`, `Recycle`.
    pub reclaim_policy: String,
    /// `Available`, `Bound`, `Released`, `Failed`, or `Terminating`.
    pub status: String,
    /// `namespace/name` of the claim it is (or was) bound to.
    pub claim: Option<String>,
    pub storage_class: Option<String>,
    /// The node its node affinity ties it to (local-path's volumes), if any.
    pub node: Option<String>,
    /// Its directory (`hostPath`/`local` path).
    pub path: Option<String>,
    /// Made by a provisioner (local-path), not by hand.
    pub dynamic: bool,
}

/// A StorageClass as `kubectl get sc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageClassView {
    pub cluster: String,
    pub name: String,
    pub provisioner: String,
    pub reclaim_policy: String,
    /// `Immediate` or `WaitForFirstConsumer`.
    pub binding_mode: String,
    pub allow_expansion: bool,
    /// Marked default (`storageclass.kubernetes.io/is-default-class: "true"`).
    pub is_default: bool,
}

/// A docker container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerView {
    pub name: String,
    pub image: String,
    pub running: bool,
    pub ip: String,
}

/// One learner's lab: a world and the shell state around it. `Clone` gives a snapshot (for a
/// "reset to here" or a what-if).
#[derive(Clone)]
pub struct Session {
    world: World,
    pending: Option<(String, String, bool, String)>, // (line, delimiter, strip_tabs, body)
}

impl Session {
    /// The chapter's starting state (see [`World::chapter`]).
    pub fn new(opts: SessionOptions) -> Session {
        let wo = world::WorldOptions {
            seed: opts.seed,
            log_style: opts.log_style,
            k8s_version: opts.k8s_version,
        };
        Session {
            world: World::chapter(&wo),
            pending: None,
        }
    }

    /// A session over a world made elsewhere (e.g. [`World::build`] with NGINX on other
    /// workers, for the quiz's generated scenarios).
    pub fn from_world(world: World) -> Session {
        Session {
            world,
            pending: None,
        }
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
        let wo = world::WorldOptions {
            seed: opts.seed,
            log_style: opts.log_style,
            k8s_version: opts.k8s_version,
        };
        Ok(Session {
            world: World::from_topology(&wo, kind_config, haproxy_cfg)?,
            pending: None,
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
        if let Some((first, delim, strip, mut body)) = self.pending.take() {
            let cmp = if strip {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if cmp == delim || cmp.trim_end() == delim {
                let b = Block {
                    line: first,
                    heredoc: Some(Heredoc {
                        delimiter: delim,
                        body,
                        closed: true,
                    }),
                };
                let out = run_block(&mut self.world, &b);
                return Some((b.echo(), out));
            }
            body.push_str(if strip { cmp } else { line });
            body.push('\n');
            self.pending = Some((first, delim, strip, body));
            return None;
        }
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            return None;
        }
        if let Some((delim, strip)) = heredoc_delimiter(t) {
            self.pending = Some((t.to_string(), delim, strip, String::new()));
            return None;
        }
        let b = Block {
            line: t.to_string(),
            heredoc: None,
        };
        let out = run_block(&mut self.world, &b);
        Some((b.echo(), out))
    }

    /// A heredoc is open and waits for its delimiter.
    pub fn needs_more_input(&self) -> bool {
        self.pending.is_some()
    }

    /// Runs an unterminated heredoc at end of input (bash warns and runs it anyway).
    pub fn finish(&mut self) -> Option<(String, String)> {
        let (first, delim, _, body) = self.pending.take()?;
        let b = Block {
            line: first,
            heredoc: Some(Heredoc {
                delimiter: delim,
                body,
                closed: false,
            }),
        };
        let out = run_block(&mut self.world, &b);
        Some((b.echo(), out))
    }

    /// Virtual milliseconds since 2026-01-01T00:00:00Z (time 0 = HAProxy's start).
    pub fn now(&self) -> i64 {
        self.world.now()
    }

    /// Lets `ms` of virtual time pass.
    pub fn advance(&mut self, ms: i64) {
        self.world.advance(ms);
    }

    /// The shell's working directory (for a prompt like `root@host:~#`).
    pub fn cwd(&self) -> &str {
        &self.world.fs.cwd
    }

    /// Where HAProxy sent the last `curl` request (backend, server, address), if anywhere.
    pub fn last_route(&self) -> Option<&haproxy::Route> {
        self.world.last_route.as_ref()
    }

    /// Read access to everything (quiz generation, tests).
    pub fn world(&self) -> &World {
        &self.world
    }

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
                    taints: n
                        .taints
                        .iter()
                        .map(|t| format!("{}:{}", t.key, t.effect))
                        .collect(),
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

    pub fn containers(&self) -> Vec<ContainerView> {
        self.world
            .containers
            .iter()
            .map(|c| ContainerView {
                name: c.name.clone(),
                image: c.image.clone(),
                running: c.running(),
                ip: c.ip.to_string(),
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
}
