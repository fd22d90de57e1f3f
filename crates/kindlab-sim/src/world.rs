//! The world: docker's containers, the kind clusters inside them, the host filesystem and the
//! HAProxy engines, on one virtual clock. `advance_to` is event driven: it jumps from one
//! component's wake-up to the next (kubelet start-ups, the node controller's deadlines, pod
//! start-ups and terminations, evictions) and drives every HAProxy engine up to each instant at
//! which the network may change, so its health checks always see the current network.

use crate::docker::{Container, ContainerRole, Mount, PortMap, State};
use crate::fmt::Ts;
use crate::fs::Fs;
use crate::haproxy::{self, Haproxy, LogStyle};
use crate::k8s::storage::Storage;
use crate::k8s::{
    rand_suffix, spec_for, App, Cluster, CondStatus, Deployment, K8sRng, K8sVersion, Node, Owner,
    Phase, Pod, RuntimeContainer, CP_TAINT,
};
use crate::kind::{self, PlannedNode, Role};
use crate::net::{Endpoint, HttpReply, Listener, Network};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// The chapter's HAProxy configuration (kept once, in `content/lab/`).
pub const CHAPTER_HAPROXY_CFG: &str = include_str!("../../../content/lab/haproxy.cfg");
/// Where the chapter's files live on the simulated host.
pub const HAPROXY_DIR: &str = "/root/haproxy";
pub const HAPROXY_CFG_PATH: &str = "/root/haproxy/haproxy.cfg";
pub const KIND_CFG_PATH: &str = "/root/cluster01.yaml";
pub const HAPROXY_NAME: &str = "HAProxy-workers-lb";
/// The ingress controller's Deployment (the chapter-era name) and namespace.
pub const INGRESS_DEPLOYMENT: &str = "nginx-ingress-controller";
pub const INGRESS_NS: &str = "ingress-nginx";
/// The chapter's ReplicaSet hash and pod name (used with the default seed).
pub const CHAPTER_INGRESS_HASH: &str = "7d6bf88c86";
pub const CHAPTER_INGRESS_POD: &str = "nginx-ingress-controller-7d6bf88c86-r7ztq";

/// Independent random streams, one per purpose, all derived from the session seed, so one
/// feature's draws never shift another's.
#[derive(Clone)]
pub struct Rngs {
    pub ids: ChaCha8Rng,
    pub names: ChaCha8Rng,
    pub sched: ChaCha8Rng,
    pub kubelet: ChaCha8Rng,
    pub ports: ChaCha8Rng,
    pub lb: ChaCha8Rng,
    pub misc: ChaCha8Rng,
    /// Storage: UIDs, provisioning and cleanup timings.
    pub storage: ChaCha8Rng,
    /// Choices made when a world is built from a custom topology.
    pub topology: ChaCha8Rng,
}

fn sub_rng(seed: u64, purpose: u64) -> ChaCha8Rng {
    let mut z = seed ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ChaCha8Rng::seed_from_u64(z ^ (z >> 31))
}

impl Rngs {
    pub fn new(seed: u64) -> Rngs {
        Rngs {
            ids: sub_rng(seed, 1),
            names: sub_rng(seed, 2),
            sched: sub_rng(seed, 3),
            kubelet: sub_rng(seed, 4),
            ports: sub_rng(seed, 5),
            lb: sub_rng(seed, 6),
            misc: sub_rng(seed, 7),
            storage: sub_rng(seed, 8),
            topology: sub_rng(seed, 9),
        }
    }
}

/// A running HAProxy engine and the container it runs in.
#[derive(Clone)]
pub struct LbProc {
    pub container_id: String,
    pub engine: Haproxy,
}

/// What lives at an IP address on the simulated docker networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Node { cluster: usize, node: usize },
    Container(usize),
}

/// The simulated world's state.
#[derive(Clone)]
pub struct World {
    pub(crate) now: Ts,
    pub(crate) seed: u64,
    pub(crate) style: LogStyle,
    pub(crate) version: K8sVersion,
    pub fs: Fs,
    pub containers: Vec<Container>,
    pub clusters: Vec<Cluster>,
    /// kubectl's current context (`kind-<cluster>`), by cluster name.
    pub context: Option<String>,
    pub lbs: Vec<LbProc>,
    /// Where HAProxy sent the last request made with curl (for the UI to animate).
    pub last_route: Option<haproxy::Route>,
    pub(crate) rng: Rngs,
    ip_index: BTreeMap<Ipv4Addr, Target>,
}

/// The network as HAProxy (and curl, through the host) sees it.
pub struct NetView<'a> {
    clusters: &'a [Cluster],
    containers: &'a [Container],
    index: &'a BTreeMap<Ipv4Addr, Target>,
    pub now: Ts,
    /// For replies that echo the client (the echo app), the client's address.
    pub client: Ipv4Addr,
    pub scheme: &'static str,
    pub request_id: u128,
}

pub const NGINX_404: &str = "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";

/// Size of a body as sent (nginx's pages use CRLF line ends).
fn crlf_len(body: &str) -> usize {
    body.len() + body.matches('\n').count()
}

impl NetView<'_> {
    fn lookup(&self, ip: Ipv4Addr) -> Option<Target> {
        self.index.get(&ip).copied()
    }

    fn node_listener(&self, ci: usize, ni: usize, port: u16) -> Option<&RuntimeContainer> {
        self.clusters[ci].nodes[ni]
            .runtime
            .iter()
            .find(|c| c.host_ports.contains(&port))
    }

    /// The NGINX ingress controller's answer on a node's hostPort.
    fn nginx(
        &self,
        ci: usize,
        ingress: &RuntimeContainer,
        port: u16,
        method: &str,
        path: &str,
    ) -> HttpReply {
        let cluster = &self.clusters[ci];
        let date = crate::fmt::http_date(self.now);
        if path == "/healthz" {
            return nginx_reply(200, "", date, "text/html", ("Content-Length", "0".into()));
        }
        // Ingress rules (path prefix -> deployment)
        for (ns, _name, prefix, dep) in &cluster.ingresses {
            if path == prefix || path.starts_with(&format!("{prefix}/")) || (prefix == "/") {
                let eps = cluster.endpoints(ns, dep);
                if eps.is_empty() {
                    let body = "<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
                    let length = ("Content-Length", crlf_len(body).to_string());
                    let mut r = nginx_reply(503, body, date, "text/html", length);
                    r.reason = "Service Temporarily Unavailable".into();
                    return r;
                }
                let ep = eps[(self.request_id as usize) % eps.len()];
                let body = echo_body(
                    &ep.name,
                    ingress.ip,
                    self.client,
                    method,
                    path,
                    self.scheme,
                    port,
                    self.request_id,
                );
                let chunked = ("Transfer-Encoding", "chunked".into());
                return nginx_reply(200, body, date, "text/plain", chunked);
            }
        }
        let length = ("Content-Length", crlf_len(NGINX_404).to_string());
        nginx_reply(404, NGINX_404, date, "text/html", length)
    }
}

/// A reply as NGINX sends it: `Date`, `Content-Type`, the length header (`Content-Length`, or
/// `Transfer-Encoding: chunked`), `Connection: keep-alive`.
fn nginx_reply(
    status: u16,
    body: impl Into<String>,
    date: String,
    content_type: &str,
    length: (&str, String),
) -> HttpReply {
    let mut r = HttpReply::new(status, body);
    r.headers = vec![
        ("Date".into(), date),
        ("Content-Type".into(), content_type.into()),
        (length.0.into(), length.1),
        ("Connection".into(), "keep-alive".into()),
    ];
    r
}

/// The reply of `registry.k8s.io/echoserver`: it names the echo pod (Hostname) and the address
/// the request came from, which is the NGINX ingress pod that proxied it.
#[allow(clippy::too_many_arguments)]
fn echo_body(
    pod: &str,
    ingress_ip: Ipv4Addr,
    client: Ipv4Addr,
    method: &str,
    path: &str,
    scheme: &str,
    port: u16,
    rid: u128,
) -> String {
    format!(
        "\n\nHostname: {pod}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address={ingress_ip}\n\tmethod={method}\n\treal path={path}\n\tquery=\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://localhost:8080{path}\n\nRequest Headers:\n\taccept=*/*\n\thost=localhost\n\tuser-agent=curl/8.5.0\n\tx-forwarded-for={client}\n\tx-forwarded-host=localhost\n\tx-forwarded-port={port}\n\tx-forwarded-proto={scheme}\n\tx-forwarded-scheme={scheme}\n\tx-real-ip={client}\n\tx-request-id={rid:032x}\n\tx-scheme={scheme}\n\nRequest Body:\n\t-no body in request-\n\n"
    )
}

impl Network for NetView<'_> {
    fn connect(&self, ip: Ipv4Addr, port: u16) -> Endpoint {
        match self.lookup(ip) {
            None => Endpoint::Dropped,
            Some(Target::Node { cluster, node }) => {
                let n = &self.clusters[cluster].nodes[node];
                if !n.container_up {
                    return Endpoint::Dropped;
                }
                if let Some(c) = self.node_listener(cluster, node, port) {
                    return Endpoint::Listening(match (c.app, port) {
                        (App::IngressNginx, 443) => Listener::Https,
                        _ => Listener::Http,
                    });
                }
                if n.stale_hostports.contains(&port) {
                    return Endpoint::Dropped;
                }
                if port == 10250 && n.kubelet_alive() {
                    return Endpoint::Listening(Listener::Https);
                }
                if port == 6443 && n.role == Role::ControlPlane {
                    return Endpoint::Listening(Listener::Https);
                }
                Endpoint::Refused
            }
            Some(Target::Container(i)) => {
                let c = &self.containers[i];
                if !c.running() {
                    return Endpoint::Dropped;
                }
                match &c.role {
                    ContainerRole::KindLb { .. } if port == 6443 => {
                        Endpoint::Listening(Listener::Https)
                    }
                    _ => Endpoint::Refused,
                }
            }
        }
    }

    fn http(&self, ip: Ipv4Addr, port: u16, method: &str, path: &str) -> HttpReply {
        if let Some(Target::Node { cluster, node }) = self.lookup(ip) {
            if let Some(c) = self.node_listener(cluster, node, port) {
                if c.app == App::IngressNginx {
                    return self.nginx(cluster, c, port, method, path);
                }
            }
            let n = &self.clusters[cluster].nodes[node];
            if port == 6443 || port == 10250 {
                let _ = n;
                let body = "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\",\n  \"reason\": \"Forbidden\",\n  \"details\": {},\n  \"code\": 403\n}";
                return HttpReply::new(403, body);
            }
        }
        HttpReply::new(404, NGINX_404)
    }
}

/// Options a world is made with.
#[derive(Debug, Clone)]
pub struct WorldOptions {
    pub seed: u64,
    pub log_style: LogStyle,
    pub k8s_version: K8sVersion,
}

/// Which file of a custom topology was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopologyFile {
    KindConfig,
    HaproxyConfig,
}

/// Why a topology could not be built: kind's, docker's or HAProxy's message, and the line of
/// the file it points at (when it names one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopologyError {
    pub file: TopologyFile,
    pub line: Option<usize>,
    pub message: String,
}

impl TopologyError {
    /// `name:line: message` (or `name: message`), with the file called `name`.
    pub fn describe(&self, name: &str) -> String {
        match self.line {
            Some(l) => format!("{name}:{l}: {}", self.message),
            None => format!("{name}: {}", self.message),
        }
    }
}

impl std::fmt::Display for TopologyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.file {
            TopologyFile::KindConfig => "kind config",
            TopologyFile::HaproxyConfig => "haproxy.cfg",
        };
        f.write_str(&self.describe(name))
    }
}

impl World {
    /// An empty host: no containers, no clusters.
    pub fn empty(opts: &WorldOptions) -> World {
        World {
            now: 0,
            seed: opts.seed,
            style: opts.log_style,
            version: opts.k8s_version,
            fs: Fs::new(),
            containers: vec![],
            clusters: vec![],
            context: None,
            lbs: vec![],
            last_route: None,
            rng: Rngs::new(opts.seed),
            ip_index: BTreeMap::new(),
        }
    }

    /// The chapter's starting state: cluster01 up and Ready (created a few minutes before time
    /// 0), the NGINX ingress controller's single pod Running on cluster01-worker2, an echo app
    /// behind an Ingress at `/echo`, and `HAProxy-workers-lb` started at time 0 from the
    /// chapter's configuration in `~/haproxy/haproxy.cfg`.
    ///
    /// With the default seed the ingress pod carries the chapter's own name,
    /// `nginx-ingress-controller-7d6bf88c86-r7ztq`, so the book's commands work as printed.
    pub fn chapter(opts: &WorldOptions) -> World {
        let mut w = World::build(opts, 3, &[2], CHAPTER_HAPROXY_CFG);
        if opts.seed == crate::DEFAULT_SEED {
            w.rename_ingress(CHAPTER_INGRESS_HASH, CHAPTER_INGRESS_POD);
        }
        w
    }

    /// Gives the ingress Deployment's ReplicaSet hash and its (first) pod the given names.
    fn rename_ingress(&mut self, hash: &str, pod: &str) {
        let Some(cl) = self.clusters.first_mut() else {
            return;
        };
        let rs = format!("{INGRESS_DEPLOYMENT}-{hash}");
        if let Some(d) = cl
            .deployments
            .iter_mut()
            .find(|d| d.name == INGRESS_DEPLOYMENT)
        {
            d.rs_hash = hash.to_string();
        }
        let mut first = true;
        for p in cl.pods.iter_mut() {
            if let Owner::ReplicaSet { deployment, rs: r } = &mut p.owner {
                if deployment == INGRESS_DEPLOYMENT {
                    *r = rs.clone();
                    let new = if first {
                        pod.to_string()
                    } else {
                        format!("{rs}-{}", &p.name[p.name.len().saturating_sub(5)..])
                    };
                    first = false;
                    for n in cl.nodes.iter_mut() {
                        for c in n.runtime.iter_mut().filter(|c| c.pod_uid == p.uid) {
                            c.pod_name = new.clone();
                        }
                    }
                    p.name = new;
                }
            }
        }
    }

    /// The chapter's set-up with `workers` worker nodes (3 control-plane nodes as in the
    /// chapter), the NGINX ingress controller running on the given workers (1-based numbers, one
    /// replica each) and `HAProxy-workers-lb` started at time 0 from `haproxy_cfg`
    /// (written to `~/haproxy/haproxy.cfg`). Used by the chapter's state and the benchmarks.
    pub fn build(
        opts: &WorldOptions,
        workers: usize,
        ingress_on: &[usize],
        haproxy_cfg: &str,
    ) -> World {
        let cfg = kind::parse_config(kind::CLUSTER01_YAML).unwrap_or_else(|e| panic!("{e}"));
        let mut plan = kind::plan_nodes("cluster01", &cfg);
        let template = plan
            .iter()
            .find(|n| n.role == Role::Worker)
            .cloned()
            .unwrap_or_else(|| panic!("the chapter's kind config has workers"));
        plan.retain(|n| n.role == Role::ControlPlane);
        for k in 1..=workers {
            let mut n = template.clone();
            n.name = if k == 1 {
                "cluster01-worker".into()
            } else {
                format!("cluster01-worker{k}")
            };
            plan.push(n);
        }
        let on: Vec<String> = ingress_on
            .iter()
            .map(|k| {
                if *k == 1 {
                    "cluster01-worker".to_string()
                } else {
                    format!("cluster01-worker{k}")
                }
            })
            .collect();
        World::assemble(
            opts,
            "cluster01",
            &plan,
            (KIND_CFG_PATH, kind::CLUSTER01_YAML),
            |w, ci| {
                on.iter()
                    .filter_map(|n| w.clusters[ci].node_index(n))
                    .collect()
            },
            haproxy_cfg,
        )
    }

    /// The chapter's flow on a cluster of the given plan: the kind config written to the host,
    /// the cluster created a few minutes before time 0, the NGINX ingress controller on the nodes
    /// `ingress` picks (one replica each), the echo app on the first worker (the first node
    /// without workers), `HAProxy-workers-lb` started at time 0 from `haproxy_cfg`.
    fn assemble(
        opts: &WorldOptions,
        cluster: &str,
        plan: &[PlannedNode],
        kind_file: (&str, &str),
        ingress: impl FnOnce(&mut World, usize) -> Vec<usize>,
        haproxy_cfg: &str,
    ) -> World {
        let mut w = World::empty(opts);
        let _ = w.fs.mkdir(HAPROXY_DIR, true);
        let _ = w.fs.write(HAPROXY_CFG_PATH, haproxy_cfg, false);
        let _ = w.fs.write(kind_file.0, kind_file.1, false);
        w.now = -420_000;
        let ci = w.create_cluster(cluster, plan, -420_000);
        // NGINX ingress controller, installed a few minutes later (on worker2 in the chapter)
        let on = ingress(&mut w, ci);
        let first_worker = format!("{cluster}-worker");
        let worker = w.clusters[ci].node_index(&first_worker).unwrap_or(0);
        if !on.is_empty() {
            w.add_deployment(
                ci,
                INGRESS_NS,
                INGRESS_DEPLOYMENT,
                App::IngressNginx,
                on.len() as u32,
                -250_000,
                &on,
            );
        }
        w.add_deployment(ci, "default", "echo", App::Echo, 1, -200_000, &[worker]);
        w.clusters[ci].ingresses.push((
            "default".into(),
            "echo".into(),
            "/echo".into(),
            "echo".into(),
        ));
        w.now = 0;
        let mut ports = vec![];
        for p in [80u16, 443] {
            ports.push(PortMap {
                host_ip: None,
                host_port: p,
                container_port: p,
                proto: "tcp".into(),
            });
        }
        let args = vec![
            "-f".to_string(),
            "/usr/local/etc/haproxy/haproxy.cfg".to_string(),
        ];
        let idx = w.new_container(
            HAPROXY_NAME,
            "haproxy",
            &format!("docker-entrypoint.sh haproxy {}", args.join(" ")),
            ports,
            "bridge",
            vec![Mount {
                source: HAPROXY_DIR.into(),
                target: "/usr/local/etc/haproxy".into(),
                read_only: true,
            }],
            ContainerRole::Haproxy { args },
        );
        w.start_container(idx);
        w
    }

    /// The chapter's flow on a cluster of your own: `kind create cluster --config` with
    /// `kind_config` (named `cluster01` unless the config names it), the NGINX ingress controller
    /// (one replica, on a node labelled `ingress-ready=true` if there is one), the echo app, and
    /// `HAProxy-workers-lb` started from `haproxy_cfg`, whose `$worker1..$workerN` resolve to the
    /// workers' addresses. With the chapter's own kind config this is [`World::chapter`] with
    /// that HAProxy configuration. `Err`: kind's or HAProxy's (or docker's) message, and the line.
    pub fn from_topology(
        opts: &WorldOptions,
        kind_config: &str,
        haproxy_cfg: &str,
    ) -> Result<World, TopologyError> {
        let kind_err = |message: String| TopologyError {
            file: TopologyFile::KindConfig,
            line: kind::error_line(&message),
            message: format!("ERROR: failed to create cluster: {message}"),
        };
        let cfg = kind::parse_config(kind_config).map_err(kind_err)?;
        let name = cfg.name.clone().unwrap_or_else(|| "cluster01".into());
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        {
            return Err(TopologyError {
                file: TopologyFile::KindConfig,
                line: None,
                message: format!("ERROR: failed to create cluster: '{name}' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"),
            });
        }
        let plan = kind::plan_nodes(&name, &cfg);
        // host ports: the nodes' extraPortMappings, then HAProxy's 80 and 443
        let mut taken: Vec<u16> = vec![];
        for pn in &plan {
            for m in &pn.port_mappings {
                let hp = m.host_port.unwrap_or(m.container_port);
                if taken.contains(&hp) {
                    return Err(TopologyError {
                        file: TopologyFile::KindConfig,
                        line: None,
                        message: format!("ERROR: failed to create cluster: command \"docker run --name {} ...\" failed with error: exit status 125\nCommand Output: docker: Error response from daemon: driver failed programming external connectivity on endpoint {}: Bind for 0.0.0.0:{hp} failed: port is already allocated.", pn.name, pn.name),
                    });
                }
                taken.push(hp);
            }
        }
        if let Some(hp) = taken.iter().find(|p| **p == 80 || **p == 443) {
            return Err(TopologyError {
                file: TopologyFile::KindConfig,
                line: None,
                message: format!("docker: Error response from daemon: driver failed programming external connectivity on endpoint {HAPROXY_NAME}: Bind for 0.0.0.0:{hp} failed: port is already allocated. (a node's extraPortMappings already publishes port {hp}, which HAProxy-workers-lb needs)"),
            });
        }
        let chapter = kind_config == kind::CLUSTER01_YAML;
        let w = if chapter {
            let mut w = World::build(opts, 3, &[2], haproxy_cfg);
            if opts.seed == crate::DEFAULT_SEED {
                w.rename_ingress(CHAPTER_INGRESS_HASH, CHAPTER_INGRESS_POD);
            }
            w
        } else {
            let path = if name == "cluster01" {
                KIND_CFG_PATH.to_string()
            } else {
                format!("/root/{name}.yaml")
            };
            World::assemble(
                opts,
                &name,
                &plan,
                (&path, kind_config),
                |w, ci| {
                    let labelled: Vec<usize> = (0..w.clusters[ci].nodes.len())
                        .filter(|&i| {
                            w.clusters[ci].nodes[i]
                                .labels
                                .get("ingress-ready")
                                .map(|s| s.as_str())
                                == Some("true")
                        })
                        .collect();
                    if labelled.is_empty() {
                        return vec![];
                    }
                    vec![labelled[w.rng.topology.random_range(0..labelled.len())]]
                },
                haproxy_cfg,
            )
        };
        // HAProxy refused its configuration: its console says why
        if let Some(i) = w.container_index(HAPROXY_NAME) {
            if !w.containers[i].running() {
                let lines: Vec<String> = w.container_logs(i).into_iter().map(|(_, l)| l).collect();
                let line = lines.iter().find_map(|l| {
                    let (_, r) = l.split_once("parsing [")?;
                    let (_, r) = r.split_once(':')?;
                    r.split(']').next()?.parse().ok()
                });
                return Err(TopologyError {
                    file: TopologyFile::HaproxyConfig,
                    line,
                    message: lines.join("\n"),
                });
            }
        }
        Ok(w)
    }

    pub fn now(&self) -> Ts {
        self.now
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn log_style(&self) -> LogStyle {
        self.style
    }
    pub fn k8s_version(&self) -> K8sVersion {
        self.version
    }

    pub(crate) fn reindex(&mut self) {
        self.ip_index.clear();
        for (i, c) in self.containers.iter().enumerate() {
            let t = match &c.role {
                ContainerRole::KindNode { cluster, node } => {
                    match self.clusters.iter().position(|cl| &cl.name == cluster) {
                        Some(ci) => match self.clusters[ci].node_index(node) {
                            Some(ni) => Target::Node {
                                cluster: ci,
                                node: ni,
                            },
                            None => Target::Container(i),
                        },
                        None => Target::Container(i),
                    }
                }
                _ => Target::Container(i),
            };
            self.ip_index.insert(c.ip, t);
        }
    }

    /// The network view at the current instant.
    pub fn net(&self) -> NetView<'_> {
        NetView {
            clusters: &self.clusters,
            containers: &self.containers,
            index: &self.ip_index,
            now: self.now,
            client: Ipv4Addr::new(172, 17, 0, 1),
            scheme: "http",
            request_id: 0,
        }
    }

    pub(crate) fn net_from(
        &self,
        client: Ipv4Addr,
        scheme: &'static str,
        request_id: u128,
    ) -> NetView<'_> {
        NetView {
            client,
            scheme,
            request_id,
            ..self.net()
        }
    }

    fn alloc_ip(&self, network: &str) -> Ipv4Addr {
        let base: [u8; 2] = if network == "kind" {
            [172, 18]
        } else {
            [172, 17]
        };
        let mut h: u32 = 2;
        loop {
            let ip = Ipv4Addr::new(base[0], base[1], (h >> 8) as u8, (h & 255) as u8);
            if (h & 255) != 0 && (h & 255) != 255 && !self.containers.iter().any(|c| c.ip == ip) {
                return ip;
            }
            h += 1;
        }
    }

    /// Creates a container (state Created) and returns its index.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new_container(
        &mut self,
        name: &str,
        image: &str,
        command: &str,
        ports: Vec<PortMap>,
        network: &str,
        mounts: Vec<Mount>,
        role: ContainerRole,
    ) -> usize {
        let id = crate::docker::new_id(&mut self.rng.ids);
        let ip = self.alloc_ip(network);
        self.containers.push(Container {
            id,
            name: name.to_string(),
            image: image.to_string(),
            command: command.to_string(),
            created: self.now,
            state: State::Created,
            started_at: self.now,
            finished_at: self.now,
            exit_code: 0,
            ports,
            ip,
            network: network.to_string(),
            mounts,
            role,
            logs: vec![],
        });
        self.reindex();
        self.containers.len() - 1
    }

    pub fn container_index(&self, name_or_id: &str) -> Option<usize> {
        let key = name_or_id.trim_start_matches('/');
        self.containers
            .iter()
            .position(|c| c.name == key)
            .or_else(|| {
                if key.len() >= 3 && key.chars().all(|c| c.is_ascii_hexdigit()) {
                    let m: Vec<usize> = self
                        .containers
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.id.starts_with(key))
                        .map(|(i, _)| i)
                        .collect();
                    if m.len() == 1 {
                        return Some(m[0]);
                    }
                }
                None
            })
    }

    pub fn cluster_index(&self, name: &str) -> Option<usize> {
        self.clusters.iter().position(|c| c.name == name)
    }

    /// The cluster kubectl talks to.
    pub fn current_cluster(&self) -> Option<usize> {
        self.context.as_deref().and_then(|c| self.cluster_index(c))
    }

    fn k8s_rng(rng: &mut Rngs) -> K8sRng<'_> {
        K8sRng {
            names: &mut rng.names,
            sched: &mut rng.sched,
            kubelet: &mut rng.kubelet,
            storage: &mut rng.storage,
        }
    }

    /// Creates a kind cluster's containers and its Kubernetes state as of `t0`; nodes are Ready
    /// 40 s later. Returns the cluster's index.
    pub(crate) fn create_cluster(&mut self, name: &str, plan: &[PlannedNode], t0: Ts) -> usize {
        let v = self.version;
        let cps = plan.iter().filter(|n| n.role == Role::ControlPlane).count();
        // kind creates the containers concurrently: the order they get their IPs in is random
        let mut order: Vec<usize> = (0..plan.len() + usize::from(cps > 1)).collect();
        for i in (1..order.len()).rev() {
            let j = self.rng.misc.random_range(0..=i);
            order.swap(i, j);
        }
        let mut nodes = Vec::new();
        let lb_port: u16 = self.rng.ports.random_range(32768..60999);
        let saved_now = self.now;
        for (k, &slot) in order.iter().enumerate() {
            self.now = t0 + 150 * k as Ts;
            if slot == plan.len() {
                let idx = self.new_container(
                    &format!("{name}-external-load-balancer"),
                    kind::LB_IMAGE,
                    "haproxy -W -db -f /usr/local/etc/haproxy/haproxy.cfg",
                    vec![PortMap {
                        host_ip: Some("127.0.0.1".into()),
                        host_port: lb_port,
                        container_port: 6443,
                        proto: "tcp".into(),
                    }],
                    "kind",
                    vec![],
                    ContainerRole::KindLb {
                        cluster: name.into(),
                    },
                );
                self.start_container_raw(idx);
                continue;
            }
            let p = &plan[slot];
            let mut ports: Vec<PortMap> = p
                .port_mappings
                .iter()
                .map(|m| PortMap {
                    host_ip: m.listen_address.clone().filter(|a| a != "0.0.0.0"),
                    host_port: m.host_port.unwrap_or(m.container_port),
                    container_port: m.container_port,
                    proto: m
                        .protocol
                        .clone()
                        .unwrap_or_else(|| "TCP".into())
                        .to_lowercase(),
                })
                .collect();
            if cps == 1 && p.role == Role::ControlPlane {
                ports.push(PortMap {
                    host_ip: Some("127.0.0.1".into()),
                    host_port: lb_port,
                    container_port: 6443,
                    proto: "tcp".into(),
                });
            }
            let idx = self.new_container(
                &p.name,
                &format!("kindest/node:{}", v.tag()),
                "/usr/local/bin/entrypoint /sbin/init",
                ports,
                "kind",
                vec![],
                ContainerRole::KindNode {
                    cluster: name.into(),
                    node: p.name.clone(),
                },
            );
            self.start_container_raw(idx);
            let ip = self.containers[idx].ip;
            let mut labels: BTreeMap<String, String> = BTreeMap::new();
            labels.insert("beta.kubernetes.io/arch".into(), "amd64".into());
            labels.insert("beta.kubernetes.io/os".into(), "linux".into());
            labels.insert("kubernetes.io/arch".into(), "amd64".into());
            labels.insert("kubernetes.io/hostname".into(), p.name.clone());
            labels.insert("kubernetes.io/os".into(), "linux".into());
            if p.role == Role::ControlPlane {
                labels.insert("node-role.kubernetes.io/control-plane".into(), "".into());
                labels.insert(
                    "node.kubernetes.io/exclude-from-external-load-balancers".into(),
                    "".into(),
                );
            }
            labels.extend(p.labels.clone());
            let boot = t0 + 20_000 + self.rng.kubelet.random_range(0..10_000);
            let mut taints = vec![];
            // kind removes the control-plane taint when the cluster has no workers
            if p.role == Role::ControlPlane && cps < plan.len() {
                taints.push(crate::k8s::Taint {
                    key: CP_TAINT.into(),
                    effect: "NoSchedule".into(),
                    added: t0 + 15_000,
                });
            }
            nodes.push((
                slot,
                Node {
                    name: p.name.clone(),
                    role: p.role,
                    ip,
                    index: slot as u8,
                    created: boot - 2_000,
                    labels,
                    unschedulable: false,
                    taints,
                    ready: CondStatus::True,
                    ready_since: boot + 10_000,
                    last_heartbeat: boot,
                    container_up: true,
                    kubelet_active: true,
                    kubelet_since: boot - 3_000,
                    kubelet_pid: 200 + self.rng.kubelet.random_range(0..100),
                    kubelet_booted: true,
                    boot_at: None,
                    lease_base: boot,
                    last_renew: boot,
                    taint_clear_at: None,
                    runtime: vec![],
                    stale_hostports: Default::default(),
                    next_pod_ip: 1,
                },
            ));
        }
        self.now = saved_now;
        nodes.sort_by_key(|(s, _)| *s);
        let phase = t0 + self.rng.kubelet.random_range(0..5_000);
        self.clusters.push(Cluster {
            name: name.into(),
            version: v,
            created: t0,
            nodes: nodes.into_iter().map(|(_, n)| n).collect(),
            pods: vec![],
            deployments: vec![],
            monitor_phase: phase,
            next_uid: 1,
            ingresses: vec![],
            node_pos: BTreeMap::new(),
            events: vec![],
            // kind's "Installing StorageClass" step
            storage: Storage::kind_default(t0 + 24_000, &mut self.rng.storage),
            applied: BTreeMap::new(),
        });
        let ci = self.clusters.len() - 1;
        self.clusters[ci].index_nodes();
        self.reindex();
        // static pods on the control-plane nodes, DaemonSet pods everywhere
        let node_names: Vec<(usize, String, Role)> = self.clusters[ci]
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (i, n.name.clone(), n.role))
            .collect();
        for (i, n, role) in &node_names {
            let t = self.clusters[ci].nodes[*i].lease_base;
            if *role == Role::ControlPlane {
                for (app, base) in [
                    (App::Etcd, "etcd"),
                    (App::ApiServer, "kube-apiserver"),
                    (App::ControllerManager, "kube-controller-manager"),
                    (App::Scheduler, "kube-scheduler"),
                ] {
                    self.place_pod(
                        ci,
                        "kube-system",
                        &format!("{base}-{n}"),
                        app,
                        Owner::Node(n.clone()),
                        *i,
                        t - 1_000,
                    );
                }
            }
            for (app, ds) in [(App::KindNet, "kindnet"), (App::KubeProxy, "kube-proxy")] {
                let pod = format!("{ds}-{}", rand_suffix(&mut self.rng.names, 5));
                self.place_pod(
                    ci,
                    "kube-system",
                    &pod,
                    app,
                    Owner::DaemonSet(ds.into()),
                    *i,
                    t + 2_000,
                );
            }
        }
        let cp0 = 0;
        self.add_deployment(
            ci,
            "kube-system",
            "coredns",
            App::CoreDns,
            2,
            t0 + 25_000,
            &[cp0, cp0],
        );
        self.add_deployment(
            ci,
            "local-path-storage",
            "local-path-provisioner",
            App::LocalPath,
            1,
            t0 + 25_000,
            &[cp0],
        );
        self.context = Some(name.to_string());
        ci
    }

    /// Puts a Running pod on a node directly (state built for the start, not scheduled).
    #[allow(clippy::too_many_arguments)]
    fn place_pod(
        &mut self,
        ci: usize,
        ns: &str,
        name: &str,
        app: App,
        owner: Owner,
        ni: usize,
        t: Ts,
    ) {
        let cl = &mut self.clusters[ci];
        let uid = cl.take_uid();
        let spec = spec_for(app);
        let node = &mut cl.nodes[ni];
        let ip = if spec.host_network {
            node.ip
        } else {
            node.next_pod_ip = node.next_pod_ip.wrapping_add(1).max(2);
            Ipv4Addr::new(10, 244, node.index, node.next_pod_ip)
        };
        node.runtime.push(RuntimeContainer {
            pod_uid: uid,
            namespace: ns.into(),
            pod_name: name.into(),
            app,
            container: spec.container_name(),
            host_ports: spec.host_ports.clone(),
            ip,
            started: t + 2_000,
        });
        cl.pods.push(Pod {
            uid,
            namespace: ns.into(),
            name: name.into(),
            owner,
            spec,
            node: Some(node.name.clone()),
            ip: Some(ip),
            created: t,
            phase: Phase::Running,
            start_at: None,
            started_at: Some(t + 2_000),
            ready_at: None,
            container_ready: true,
            ready_cond: true,
            restarts: 0,
            last_restart: None,
            deletion: None,
            volume_wait: None,
        });
    }

    /// A Deployment whose pods already run on the given nodes.
    #[allow(clippy::too_many_arguments)]
    fn add_deployment(
        &mut self,
        ci: usize,
        ns: &str,
        name: &str,
        app: App,
        replicas: u32,
        t: Ts,
        on: &[usize],
    ) {
        let hash = rand_suffix(&mut self.rng.names, 10);
        let spec = spec_for(app);
        self.clusters[ci].deployments.push(Deployment {
            namespace: ns.into(),
            name: name.into(),
            replicas,
            rs_hash: hash.clone(),
            spec,
            created: t,
            selector: format!("app.kubernetes.io/name={name}"),
        });
        let rs = format!("{name}-{hash}");
        for &ni in on.iter().take(replicas as usize) {
            let pod = format!("{rs}-{}", rand_suffix(&mut self.rng.names, 5));
            self.place_pod(
                ci,
                ns,
                &pod,
                app,
                Owner::ReplicaSet {
                    deployment: name.into(),
                    rs: rs.clone(),
                },
                ni,
                t + 1_000,
            );
        }
    }

    fn start_container_raw(&mut self, idx: usize) {
        let c = &mut self.containers[idx];
        c.state = State::Running;
        c.started_at = self.now;
    }

    /// Starts a container (docker start/run): node containers boot their kubelet, HAProxy
    /// containers read their configuration and start their engine (or exit on an alert).
    pub(crate) fn start_container(&mut self, idx: usize) {
        if self.containers[idx].running() {
            return;
        }
        self.start_container_raw(idx);
        match self.containers[idx].role.clone() {
            ContainerRole::KindNode { cluster, node } => {
                if let Some(ci) = self.cluster_index(&cluster) {
                    let now = self.now;
                    if let Some(n) = self.clusters[ci].node_mut(&node) {
                        n.container_up = true;
                        n.kubelet_active = true;
                        n.kubelet_since = now + 3_000;
                        n.kubelet_pid = n.kubelet_pid.wrapping_add(37) % 400 + 150;
                        n.boot_at = Some(now + 8_000);
                        n.stale_hostports.clear();
                    }
                }
            }
            ContainerRole::KindLb { .. } => {}
            ContainerRole::Haproxy { args } => self.launch_haproxy(idx, &args),
        }
    }

    /// Maps a path inside a container to the host path through its bind mounts.
    fn host_path(&self, idx: usize, path: &str) -> Option<String> {
        let c = &self.containers[idx];
        let mut best: Option<(&Mount, usize)> = None;
        for m in &c.mounts {
            let t = m.target.trim_end_matches('/');
            if (path == t || path.starts_with(&format!("{t}/")))
                && best.is_none_or(|(_, l)| t.len() > l)
            {
                best = Some((m, t.len()));
            }
        }
        let (m, l) = best?;
        Some(format!("{}{}", m.source.trim_end_matches('/'), &path[l..]))
    }

    fn haproxy_console(
        &self,
        sev: haproxy::config::Severity,
        pid: u32,
        msg: &str,
    ) -> Vec<(Ts, String)> {
        haproxy::log::console_lines(self.style, sev, pid, self.now.max(0) as u64, msg)
            .into_iter()
            .map(|l| (self.now, l))
            .collect()
    }

    /// The current cluster's worker IPs in order (`$worker1`, `$worker2`, ... in HAProxy's
    /// configuration).
    pub fn worker_ips(&self) -> Vec<Ipv4Addr> {
        self.current_cluster()
            .map(|ci| {
                let mut ws: Vec<&Node> = self.clusters[ci]
                    .nodes
                    .iter()
                    .filter(|n| n.role == Role::Worker)
                    .collect();
                ws.sort_by_key(|n| worker_number(&n.name));
                ws.iter().map(|n| n.ip).collect()
            })
            .unwrap_or_default()
    }

    fn launch_haproxy(&mut self, idx: usize, args: &[String]) {
        use haproxy::config::Severity;
        let mut cfg_path = "/usr/local/etc/haproxy/haproxy.cfg".to_string();
        let mut i = 0;
        while i < args.len() {
            if args[i] == "-f" {
                if let Some(p) = args.get(i + 1) {
                    cfg_path = p.clone();
                }
                i += 1;
            }
            i += 1;
        }
        let text = self
            .host_path(idx, &cfg_path)
            .and_then(|hp| self.fs.read(&hp).ok().map(|s| s.to_string()));
        let Some(text) = text else {
            let mut lines = self.haproxy_console(
                Severity::Alert,
                1,
                &format!("Cannot open configuration file/directory {cfg_path} : No such file or directory"),
            );
            self.exit_container(idx, 1, &mut lines);
            return;
        };
        // `$worker1`.. resolve to the workers of the current cluster
        let workers = self.worker_ips();
        let vars = |name: &str| -> Option<String> {
            let n: usize = name.strip_prefix("worker")?.parse().ok()?;
            workers.get(n.checked_sub(1)?).map(|ip| ip.to_string())
        };
        // HAProxy names the file as given with -f: parsing [/usr/local/etc/haproxy/haproxy.cfg:5]
        let report = haproxy::parse_config(&cfg_path, &text, &vars);
        match report.result {
            Ok(cfg) => {
                let seed = self.rng.lb.random::<u64>();
                let engine = Haproxy::start(cfg, self.now.max(0) as u64, seed, self.style);
                let id = self.containers[idx].id.clone();
                self.lbs.retain(|l| l.container_id != id);
                self.lbs.push(LbProc {
                    container_id: id,
                    engine,
                });
            }
            Err(_) => {
                let mut lines: Vec<(Ts, String)> = report
                    .console_lines(self.style, self.now.max(0) as u64)
                    .into_iter()
                    .map(|l| (self.now, l.text))
                    .collect();
                self.exit_container(idx, 1, &mut lines);
            }
        }
    }

    fn exit_container(&mut self, idx: usize, code: i32, lines: &mut Vec<(Ts, String)>) {
        let now = self.now;
        let c = &mut self.containers[idx];
        c.logs.append(lines);
        c.state = State::Exited;
        c.exit_code = code;
        c.finished_at = now;
    }

    /// Stops a container (docker stop / rm -f / kind delete).
    pub(crate) fn stop_container(&mut self, idx: usize, code: i32) {
        if !self.containers[idx].running() {
            return;
        }
        let id = self.containers[idx].id.clone();
        if let Some(pos) = self.lbs.iter().position(|l| l.container_id == id) {
            let mut lb = self.lbs.remove(pos);
            // docker stop: SIGTERM to the master, which prints its shutdown lines (SIGKILL,
            // code 137, leaves no last words)
            if code != 137 {
                let _ = lb.engine.stop(self.now.max(0) as u64);
            }
            let mut lines: Vec<(Ts, String)> = lb
                .engine
                .logs()
                .iter()
                .map(|l| (l.at as Ts, l.text.clone()))
                .collect();
            self.containers[idx].logs.append(&mut lines);
        }
        if let ContainerRole::KindNode { cluster, node } = self.containers[idx].role.clone() {
            if let Some(ci) = self.cluster_index(&cluster) {
                if let Some(ni) = self.clusters[ci].node_index(&node) {
                    let now = self.now;
                    self.clusters[ci].kubelet_down(ni, now);
                    let n = &mut self.clusters[ci].nodes[ni];
                    n.container_up = false;
                    n.runtime.clear();
                    n.stale_hostports.clear();
                }
            }
        }
        let now = self.now;
        let c = &mut self.containers[idx];
        c.state = State::Exited;
        c.exit_code = code;
        c.finished_at = now;
    }

    /// Removes a container (it must be stopped).
    pub(crate) fn remove_container(&mut self, idx: usize) {
        self.containers.remove(idx);
        self.reindex();
    }

    /// `systemctl stop kubelet` inside a node container.
    pub(crate) fn kubelet_stop(&mut self, ci: usize, ni: usize) {
        let now = self.now;
        let cl = &mut self.clusters[ci];
        if !cl.nodes[ni].kubelet_active {
            return;
        }
        cl.kubelet_down(ni, now);
        let n = &mut cl.nodes[ni];
        n.kubelet_active = false;
        n.kubelet_since = now;
    }

    /// `systemctl start kubelet`.
    pub(crate) fn kubelet_start(&mut self, ci: usize, ni: usize) {
        let now = self.now;
        let n = &mut self.clusters[ci].nodes[ni];
        if n.kubelet_active {
            return;
        }
        n.kubelet_active = true;
        n.kubelet_since = now;
        n.kubelet_pid = n.kubelet_pid.wrapping_add(1013) % 30000 + 300;
        n.boot_at = Some(now + 1_500 + self.rng.kubelet.random_range(0..1_000));
    }

    /// Runs `f` on cluster `ci` with the current time and the cluster's random streams.
    pub(crate) fn cluster_op<R>(
        &mut self,
        ci: usize,
        f: impl FnOnce(&mut Cluster, Ts, &mut K8sRng) -> R,
    ) -> R {
        let now = self.now;
        let mut r = World::k8s_rng(&mut self.rng);
        f(&mut self.clusters[ci], now, &mut r)
    }

    /// Like [`World::cluster_op`] on a copy of the cluster and its streams (a dry run: nothing
    /// changes).
    pub(crate) fn dry_cluster_op<R>(
        &self,
        ci: usize,
        f: impl FnOnce(&mut Cluster, Ts, &mut K8sRng) -> R,
    ) -> R {
        let mut cl = self.clusters[ci].clone();
        let mut rngs = self.rng.clone();
        let mut r = World::k8s_rng(&mut rngs);
        f(&mut cl, self.now, &mut r)
    }

    /// Runs the cluster's controllers after a command changed something.
    pub(crate) fn reconcile(&mut self, ci: usize) {
        let now = self.now;
        let mut r = World::k8s_rng(&mut self.rng);
        self.clusters[ci].reconcile(now, &mut r);
    }

    pub(crate) fn delete_pod(
        &mut self,
        ci: usize,
        ns: &str,
        name: &str,
        grace: Option<i64>,
        force: bool,
    ) -> Result<i64, String> {
        let now = self.now;
        let mut r = World::k8s_rng(&mut self.rng);
        self.clusters[ci].delete_pod(ns, name, grace, force, now, &mut r)
    }

    /// The next instant at which the world changes by itself (HAProxy engines excluded: they
    /// never change the world, they are driven up to each such instant).
    pub fn next_wakeup(&self) -> Option<Ts> {
        self.clusters.iter().filter_map(|c| c.next_event()).min()
    }

    fn run_lbs_until(&mut self, t: Ts) {
        if t < 0 {
            return;
        }
        let net = NetView {
            clusters: &self.clusters,
            containers: &self.containers,
            index: &self.ip_index,
            now: t,
            client: Ipv4Addr::new(172, 17, 0, 1),
            scheme: "http",
            request_id: 0,
        };
        for lb in self.lbs.iter_mut() {
            lb.engine.run_until(t as u64, &net);
        }
    }

    /// Advances virtual time to `t`, processing every event on the way in order.
    pub fn advance_to(&mut self, t: Ts) {
        let mut guard = 0u32;
        while let Some(w) = self.next_wakeup() {
            if w > t {
                break;
            }
            let w = w.max(self.now);
            self.run_lbs_until(w);
            self.now = w;
            let now = self.now;
            let mut did = false;
            for ci in 0..self.clusters.len() {
                let mut r = World::k8s_rng(&mut self.rng);
                did |= self.clusters[ci].process_due(now, &mut r);
            }
            guard += 1;
            if !did || guard > 1_000_000 {
                // nothing was due after all (should not happen): avoid spinning
                break;
            }
        }
        if t > self.now {
            self.run_lbs_until(t);
            self.now = t;
        }
        // repeated storage events are counted lazily, up to now
        let now = self.now;
        for c in self.clusters.iter_mut() {
            c.storage_refresh(now);
        }
    }

    /// Lets `ms` of virtual time pass (at most a year per call).
    pub fn advance(&mut self, ms: Ts) {
        let t = self.now.saturating_add(ms.clamp(0, 365 * 86_400_000));
        self.advance_to(t);
    }

    /// All console lines of a container (HAProxy engines' included), in time order.
    pub fn container_logs(&self, idx: usize) -> Vec<(Ts, String)> {
        let c = &self.containers[idx];
        let mut out = c.logs.clone();
        if let Some(lb) = self.lbs.iter().find(|l| l.container_id == c.id) {
            out.extend(
                lb.engine
                    .logs()
                    .iter()
                    .map(|l| (l.at as Ts, l.text.clone())),
            );
        }
        out
    }

    /// The HAProxy engine running in a container, if any.
    pub fn engine(&self, idx: usize) -> Option<&Haproxy> {
        let id = &self.containers[idx].id;
        self.lbs
            .iter()
            .find(|l| &l.container_id == id)
            .map(|l| &l.engine)
    }

    pub(crate) fn engine_mut(&mut self, idx: usize) -> Option<&mut Haproxy> {
        let id = self.containers[idx].id.clone();
        self.lbs
            .iter_mut()
            .find(|l| l.container_id == id)
            .map(|l| &mut l.engine)
    }

    /// Deletes a kind cluster's containers and its state.
    pub(crate) fn delete_cluster(&mut self, ci: usize) -> Vec<String> {
        let name = self.clusters[ci].name.clone();
        let mut deleted = vec![];
        let mut i = 0;
        while i < self.containers.len() {
            let mine = match &self.containers[i].role {
                ContainerRole::KindNode { cluster, .. } | ContainerRole::KindLb { cluster } => {
                    cluster == &name
                }
                _ => false,
            };
            if mine {
                deleted.push(self.containers[i].name.clone());
                self.containers.remove(i);
            } else {
                i += 1;
            }
        }
        self.clusters.remove(ci);
        if self.context.as_deref() == Some(name.as_str()) {
            self.context = None;
        }
        self.reindex();
        deleted
    }
}

/// `cluster01-worker` -> 1, `cluster01-worker3` -> 3.
pub fn worker_number(name: &str) -> usize {
    let tail = name.rsplit("worker").next().unwrap_or("");
    if tail.is_empty() {
        1
    } else {
        tail.parse().unwrap_or(usize::MAX)
    }
}
