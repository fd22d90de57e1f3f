//! The simulated world of kindlab: the chapter's KinD cluster, its custom HAProxy and
//! Kubernetes on a virtual clock, and a command layer that answers like the real tools.
//!
//! Pure and deterministic: no I/O, no wall clock, randomness only from `ChaCha8Rng`s derived
//! from the session seed (one stream per purpose). Same seed + same commands = same output.
//!
//! # The API the UI (and the CLI, and the tests) use
//! ```
//! use kindlab_sim::verbs::Verb;
//! use kindlab_sim::{Session, SessionOptions};   // the app re-exports it as kindlab::sim
//!
//! // the chapter's state at time 0 (HAProxy just started in front of three workers)
//! let mut s = Session::new(SessionOptions::default());
//! // one command line, or a block with a heredoc: what the tools print
//! assert!(s.run("docker logs HAProxy-workers-lb").contains("New worker"));
//! s.run("tee ~/note <<'EOF'\nhello\nEOF");
//! assert_eq!(s.run("cat ~/note"), "hello\n");
//! // a terminal sends lines one at a time: a heredoc waits for its delimiter
//! assert!(s.feed_line("cat <<EOF > ~/x").is_none());
//! assert!(s.needs_more_input());
//! let (echo, _output) = s.feed_line("EOF").expect("the block ran");
//! assert_eq!(echo, "$ cat <<EOF > ~/x\n> EOF\n");
//! // typed verbs for what the lab's buttons do, each with the command a learner could type
//! let stop = Verb::StopKubelet("cluster01-worker2".into());
//! for line in stop.command_lines() {
//!     s.run(&line);
//! }
//! // the virtual clock: the node controller marks the node NotReady after its grace period
//! s.advance(60_000);
//! assert_eq!(s.now(), 60_000);
//! let worker2 = s.nodes().into_iter().find(|n| n.name == "cluster01-worker2").unwrap();
//! assert_eq!(worker2.status, "NotReady");
//! // read-only questions: views to draw, what a read-only command prints (changing nothing),
//! // HAProxy's engine and the clusters' objects; the world itself is private
//! assert!(s.show("kubectl get nodes").unwrap().contains("NotReady"));
//! assert_eq!(s.haproxy_servers().len(), s.haproxy().unwrap().servers().len());
//! assert_eq!(s.clusters().len(), 1);
//! let picture = s.topology(); // the diagram's model: nodes, pods, HAProxy's servers
//! assert!(picture.node("cluster01-worker2").is_some());
//! // the chapter's flow on a topology of your own; a bad file says which file and line
//! let bad = Session::from_topology(SessionOptions::default(), "kind: Cluster\nnodes: [", "");
//! assert!(bad.is_err());
//! ```
//! Options: `seed` (default [`DEFAULT_SEED`], with which the replacement ingress pod lands on
//! cluster01-worker3 as in the chapter), `log_style` (HAProxy's chapter-era or current console
//! lines), `k8s_version` (the node version; decides the node-monitor grace period: 40 s up to
//! 1.31, 50 s from 1.32), `kind_era` ([`KindEra::Chapter`], the default: HAProxy started without
//! `--network` reaches the nodes as in the book; [`KindEra::Current`]: kind v0.8.0 and later,
//! the nodes on the `kind` network, which docker isolates from the default bridge).
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
//! (containers, `docker ps`; `world` keeps docker's networks), `fs` (host files), `shell` (the command layer), `world` (state +
//! event-driven `advance_to`), `fmt` (tool output formats).

pub(crate) mod docker;
pub(crate) mod fmt;
pub(crate) mod fs;
pub mod haproxy;
pub mod inspect;
pub mod k8s;
pub mod kind;
pub(crate) mod manifest;
pub mod net;
mod session;
pub mod shell;
pub mod time;
pub mod topology;
pub mod verbs;
mod views;
pub mod world;
pub(crate) mod yaml;

pub use haproxy::{LogStyle, ServerView};
pub use k8s::K8sVersion;
/// How command lines and heredocs are read: one reader for the shell, the lab's terminal, the
/// lessons' console blocks and the export.
pub use kindlab_lines as lines;
pub use session::{Session, SessionOptions};
pub use views::*;
pub(crate) use world::World;
pub use world::{KindEra, TopologyError, TopologyFile};

/// The default seed: with it the replacement NGINX ingress pod lands on cluster01-worker3, as
/// in the chapter.
pub const DEFAULT_SEED: u64 = 2026;
