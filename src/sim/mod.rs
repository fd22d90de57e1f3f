//! The simulated world of kindlab: the chapter's KinD cluster, its custom HAProxy and
//! Kubernetes on a virtual clock, and a command layer that answers like the real tools.
//!
//! Pure and deterministic: no I/O, no wall clock, randomness only from `ChaCha8Rng`s derived
//! from the session seed (one stream per purpose). Same seed + same commands = same output.
//!
//! # The API the UI (and the CLI, and the tests) use
//! ```text
//! use kindlab::sim::{Session, SessionOptions};
//! let mut s = Session::new(SessionOptions::default());      // the chapter's state, time 0
//! let out: String = s.run("docker logs HAProxy-workers-lb"); // one command line...
//! let out = s.run("tee ~/haproxy/haproxy.cfg <<EOF\n...\nEOF"); // ...or a block with a heredoc
//! // a terminal that sends lines one at a time (buffers heredocs until their delimiter):
//! if let Some(done) = s.feed_line("cat <<EOF > ~/x") { /* (echo, output) */ }
//! s.needs_more_input();            // true while a heredoc is open
//! s.now();                         // virtual ms since 2026-01-01T00:00:00Z
//! s.advance(500);                  // a fast-running clock in the UI
//! s.nodes(); s.pods(); s.containers(); s.haproxy_servers();  // read-only views to draw
//! s.last_route();                  // where HAProxy sent the last curl (to animate it)
//! s.cwd();                         // for the prompt; `Session` is `Clone` (snapshots)
//! s.world();                       // full read access (quiz generation)
//! ```
//! Options: `seed` (default [`DEFAULT_SEED`], with which the replacement ingress pod lands on
//! cluster01-worker3 as in the chapter), `log_style` (HAProxy's chapter-era or current console
//! lines), `k8s_version` (the node version; decides the node-monitor grace period: 40 s up to
//! 1.31, 50 s from 1.32).
//!
//! Modules: `time`, `net`, `haproxy` (HAProxy engine), `kind` (config parsing, node names),
//! `k8s` (Kubernetes), `docker` (containers, `docker ps`), `fs` (host files), `shell` (the
//! command layer), `world` (state + event-driven `advance_to`), `fmt` (tool output formats).

pub mod docker;
pub mod fmt;
pub mod fs;
pub mod haproxy;
pub mod k8s;
pub mod kind;
pub mod net;
pub mod shell;
pub mod time;
pub mod world;
pub mod yaml;

pub use haproxy::{LogStyle, ServerView};
pub use k8s::K8sVersion;
pub use world::World;

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

    /// Runs a command line or a block of lines (heredocs included); returns what the commands
    /// print, without the `$ ` echo.
    pub fn run(&mut self, text: &str) -> String {
        let mut out = String::new();
        for b in split_blocks(text) {
            out.push_str(&run_block(&mut self.world, &b));
        }
        out
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

    /// The servers of the HAProxy running in `HAProxy-workers-lb` (empty when it is not running).
    pub fn haproxy_servers(&self) -> Vec<ServerView> {
        self.world
            .container_index(world::HAPROXY_NAME)
            .and_then(|i| self.world.engine(i))
            .map(|e| e.servers())
            .unwrap_or_default()
    }
}
