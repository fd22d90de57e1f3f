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
//! s.show("kubectl get nodes");    // what a read-only command prints, changing nothing
//! s.haproxy(); s.clusters();       // read-only: HAProxy's engine, the clusters' objects
//! // the world itself is private to the simulator: everything goes through Session
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

#![warn(missing_docs)]

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
pub use world::{TopologyError, TopologyFile};

/// The default seed: with it the replacement NGINX ingress pod lands on cluster01-worker3, as
/// in the chapter.
pub const DEFAULT_SEED: u64 = 2026;
