//! The whole simulated set-up as one read-only picture, for the UI to draw: host ports, the
//! HAProxy containers with their frontends, backends and servers (state and rise/fall progress
//! as HAProxy's stats page prints it), each kind cluster's API load balancer and nodes with the
//! pods and containers running on them. Derived from the world on every call; nothing is kept.

use super::docker::{Container, ContainerRole};
use super::haproxy::{Route, ServerState, ServerView};
use super::k8s::{App, Cluster, CondStatus, Node};
use super::kind::Role;
use super::world::World;

/// Everything a topology diagram shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topology {
    /// Virtual time of the picture.
    pub now: i64,
    /// Ports the host publishes, by running containers.
    pub host_ports: Vec<HostPort>,
    /// Containers running HAProxy from the `haproxy` image (the chapter's HAProxy-workers-lb).
    pub balancers: Vec<Balancer>,
    /// The kind clusters, in creation order.
    pub clusters: Vec<ClusterBox>,
    /// Where HAProxy sent the last `curl` (for an animation along its path).
    pub last_route: Option<Route>,
}

/// A host port published by a running container (`docker ps`'s PORTS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    /// `None`: every interface.
    pub host_ip: Option<String>,
    /// The port on the host.
    pub port: u16,
    /// The container that publishes it.
    pub container: String,
    /// The port inside the container it forwards to.
    pub container_port: u16,
}

/// A container running HAProxy, with its configuration's frontends and backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balancer {
    /// The container's name (`HAProxy-workers-lb`).
    pub container: String,
    /// The container runs.
    pub running: bool,
    /// The container's address.
    pub ip: String,
    /// Its frontends (and listen sections), in configuration order.
    pub frontends: Vec<FrontendBox>,
    /// Its backends (and listen sections), in configuration order.
    pub backends: Vec<BackendBox>,
}

/// A frontend (or a listen section's front) of a running HAProxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontendBox {
    /// The proxy's name.
    pub name: String,
    /// The ports it binds.
    pub ports: Vec<u16>,
    /// `tcp` or `http`.
    pub mode: String,
    /// The backend it sends connections to (its unconditional `use_backend`, else `default_backend`).
    pub backend: Option<String>,
}

/// A backend (or a listen section's back) of a running HAProxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendBox {
    /// The proxy's name.
    pub name: String,
    /// `tcp` or `http`.
    pub mode: String,
    /// UP active servers (HAProxy's "N active ... servers").
    pub active_up: u32,
    /// Its servers, in configuration order.
    pub servers: Vec<ServerBox>,
}

/// A server of a HAProxy backend, with its health as HAProxy sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerBox {
    /// The backend it belongs to.
    pub backend: String,
    /// The server's name, unique in its backend.
    pub name: String,
    /// Its address.
    pub addr: String,
    /// Its port (`None` when the server line gives none: the bound port is used).
    pub port: Option<u16>,
    /// `UP`, `DOWN` or `MAINT`.
    pub state: &'static str,
    /// HAProxy's "going up/down" counter, as its stats page prints it: `(1, 3)` = `UP 1/3`
    /// (one failed check left before DOWN), `(1, 2)` = `DOWN 1/2` (one of two successes).
    /// `None` when the server is steady (fully UP or fully DOWN) or not checked.
    pub progress: Option<(u32, u32)>,
    /// The node container whose address the server has, if any.
    pub node: Option<String>,
    /// Health checks are enabled (`check`, with a port to check).
    pub checked: bool,
    /// A check is in progress.
    pub checking: bool,
    /// A `backup` server (used only when no active server is UP).
    pub backup: bool,
    /// The last check's reason (`Layer4 connection problem, info: "Connection refused"`).
    pub last_reason: Option<String>,
    /// When the last check ended (virtual ms), for an animation of each check.
    pub last_check_at: Option<crate::time::Millis>,
}

impl ServerBox {
    /// `UP`, `UP 1/3`, `DOWN 1/2`, `DOWN`, `MAINT`: what HAProxy's stats page shows.
    pub fn label(&self) -> String {
        match self.progress {
            Some((a, b)) => format!("{} {a}/{b}", self.state),
            None => self.state.to_string(),
        }
    }
}

/// A kind cluster: its API load balancer and its nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterBox {
    /// The cluster's name (`cluster01`).
    pub name: String,
    /// kind's API load balancer (`<cluster>-external-load-balancer`), with several control planes.
    pub api_lb: Option<ApiLb>,
    /// Its control-plane nodes.
    pub control_planes: Vec<NodeBox>,
    /// Its worker nodes.
    pub workers: Vec<NodeBox>,
}

/// kind's API load balancer container of a cluster with several control planes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiLb {
    /// The container's name (`cluster01-external-load-balancer`).
    pub container: String,
    /// The name without the cluster's (`external-load-balancer`), for a label.
    pub short: String,
    /// The container runs.
    pub running: bool,
    /// The container's address.
    pub ip: String,
    /// The host port published for 6443 (`127.0.0.1:<port>`).
    pub host_port: Option<u16>,
}

/// A node of a kind cluster, with its pods and what listens on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBox {
    /// The node's name (`cluster01-worker2`), also its container's.
    pub name: String,
    /// The name without the cluster's (`worker2` for `cluster01-worker2`), for a label.
    pub short: String,
    /// A control-plane node.
    pub control_plane: bool,
    /// The node's address on the docker network `kind`.
    pub ip: String,
    /// `kubectl get nodes` STATUS: `Ready`, `NotReady`, `Ready,SchedulingDisabled`.
    pub status: String,
    /// `Ready`, `NotReady` or `stopped` (the node container is not running).
    pub state: &'static str,
    /// The node container runs.
    pub container_running: bool,
    /// The kubelet runs (the node container is up and `systemctl` has not stopped it).
    pub kubelet_running: bool,
    /// Cordoned (`kubectl cordon`): no new pods are scheduled there.
    pub cordoned: bool,
    /// Its taints, as `key:effect` (`node.kubernetes.io/unreachable:NoExecute`), or
    /// `key=value:effect` when they have a value.
    pub taints: Vec<String>,
    /// Its labels (`ingress-ready=true`, `kubernetes.io/hostname`, ...).
    pub labels: std::collections::BTreeMap<String, String>,
    /// Pods the API server places on this node.
    pub pods: Vec<PodBox>,
    /// Containers the node's containerd runs with hostPorts (what answers on the node's IP),
    /// including orphans whose pod object is gone.
    pub listeners: Vec<Listener>,
}

/// A pod on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodBox {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name, unique in its namespace.
    pub name: String,
    /// `kubectl get pods` STATUS.
    pub status: String,
    /// Its containers are ready (the READY column is full).
    pub ready: bool,
    /// The NGINX ingress controller (what HAProxy's checks look for).
    pub ingress: bool,
    /// Part of the cluster's plumbing (DaemonSets, control-plane static pods, CoreDNS, ...).
    pub system: bool,
}

/// A container with host ports that the node's containerd runs (what answers on the node's address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listener {
    /// Its pod's name.
    pub pod: String,
    /// Its pod's namespace.
    pub namespace: String,
    /// The host ports it publishes on the node.
    pub host_ports: Vec<u16>,
    /// The API server no longer has this pod: containerd runs it on, unknown to Kubernetes.
    pub orphan: bool,
    /// It runs the NGINX ingress controller (what HAProxy's checks look for).
    pub ingress: bool,
}

/// `node` without its cluster's name in front (kind names a cluster's containers
/// `<cluster>-<role><n>`): `worker2` for `cluster01-worker2`.
pub fn short_name<'a>(cluster: &str, node: &'a str) -> &'a str {
    node.strip_prefix(cluster)
        .and_then(|rest| rest.strip_prefix('-'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(node)
}

impl Topology {
    /// `name` (a node or another container) without the name of the cluster it belongs to.
    pub fn short_name<'a>(&self, name: &'a str) -> &'a str {
        self.clusters
            .iter()
            .map(|c| short_name(&c.name, name))
            .find(|s| s.len() < name.len())
            .unwrap_or(name)
    }

    /// Every node of every cluster, control planes first.
    pub fn nodes(&self) -> impl Iterator<Item = &NodeBox> {
        self.clusters
            .iter()
            .flat_map(|c| c.control_planes.iter().chain(c.workers.iter()))
    }

    /// The node named `name`, in any cluster.
    pub fn node(&self, name: &str) -> Option<&NodeBox> {
        self.nodes().find(|n| n.name == name)
    }

    /// Every HAProxy server of every balancer.
    pub fn servers(&self) -> impl Iterator<Item = &ServerBox> {
        self.balancers
            .iter()
            .flat_map(|b| b.backends.iter().flat_map(|be| be.servers.iter()))
    }
}

/// The picture of the whole set-up in `w` now (see [`Topology`]; `Session::topology`).
pub(crate) fn topology(w: &World) -> Topology {
    let mut host_ports = vec![];
    for c in w.containers.iter().filter(|c| c.running()) {
        for p in &c.ports {
            host_ports.push(HostPort {
                host_ip: p.host_ip.clone(),
                port: p.host_port,
                container: c.name.clone(),
                container_port: p.container_port,
            });
        }
    }
    host_ports.sort_by_key(|p| (p.host_ip.is_some(), p.port));
    let balancers = w
        .containers
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.role, ContainerRole::Haproxy { .. }))
        .map(|(i, c)| balancer(w, i, c))
        .collect();
    Topology {
        now: w.now(),
        host_ports,
        balancers,
        clusters: w.clusters.iter().map(|cl| cluster_box(w, cl)).collect(),
        last_route: w.last_route.clone(),
    }
}

/// The node whose address is `addr`, if any.
fn node_at(w: &World, addr: &str) -> Option<String> {
    w.clusters
        .iter()
        .flat_map(|c| c.nodes.iter())
        .find(|n| n.ip.to_string() == addr)
        .map(|n| n.name.clone())
}

/// An HAProxy container (the `i`th) with its frontends and backends, if it runs.
fn balancer(w: &World, i: usize, c: &Container) -> Balancer {
    let engine = if c.running() { w.engine(i) } else { None };
    let (frontends, backends) = match engine {
        None => (vec![], vec![]),
        Some(e) => {
            let conf = e.config();
            let frontends = conf
                .frontends
                .iter()
                .map(|f| FrontendBox {
                    name: f.name.clone(),
                    ports: f.binds.iter().map(|b| b.port).collect(),
                    mode: f.mode.as_str().to_string(),
                    backend: f.backend.map(|b| conf.backends[b].name.clone()),
                })
                .collect();
            let views = e.servers();
            let backends = e
                .backends()
                .into_iter()
                .map(|b| BackendBox {
                    servers: views
                        .iter()
                        .filter(|s| s.backend == b.name)
                        .map(|s| server_box(w, s))
                        .collect(),
                    name: b.name,
                    mode: b.mode.as_str().to_string(),
                    active_up: b.active_up,
                })
                .collect();
            (frontends, backends)
        }
    };
    Balancer {
        container: c.name.clone(),
        running: c.running(),
        ip: c.ip().map(|i| i.to_string()).unwrap_or_default(),
        frontends,
        backends,
    }
}

/// One HAProxy server as its stats page shows it (`UP 1/3`), with the node at its address.
fn server_box(w: &World, s: &ServerView) -> ServerBox {
    let state = match s.state {
        ServerState::Up => "UP",
        ServerState::Down => "DOWN",
        ServerState::Maint => "MAINT",
    };
    let full = s.rise + s.fall - 1;
    let progress = if !s.checked {
        None
    } else {
        match s.state {
            ServerState::Up if s.health < full => {
                Some(((s.health + 1).saturating_sub(s.rise), s.fall))
            }
            ServerState::Down if s.health > 0 => Some((s.health, s.rise)),
            _ => None,
        }
    };
    let addr = s.addr.to_string();
    ServerBox {
        backend: s.backend.clone(),
        name: s.name.clone(),
        node: node_at(w, &addr),
        addr,
        port: s.port,
        state,
        progress,
        checked: s.checked,
        checking: s.checking,
        backup: s.backup,
        last_reason: s.last_check.as_ref().map(|l| l.reason.clone()),
        last_check_at: s.last_check.as_ref().map(|l| l.at),
    }
}

/// A kind cluster: kind's API balancer, its control planes and workers.
fn cluster_box(w: &World, cl: &Cluster) -> ClusterBox {
    let api_lb = w
        .containers
        .iter()
        .find(|c| matches!(&c.role, ContainerRole::KindLb { cluster } if *cluster == cl.name))
        .map(|c| ApiLb {
            container: c.name.clone(),
            short: short_name(&cl.name, &c.name).to_string(),
            running: c.running(),
            ip: c.ip().map(|i| i.to_string()).unwrap_or_default(),
            host_port: c
                .ports
                .iter()
                .find(|p| p.container_port == 6443)
                .map(|p| p.host_port),
        });
    let (control_planes, workers) = cl
        .nodes
        .iter()
        .map(|n| node_box(cl, n))
        .partition(|b| b.control_plane);
    ClusterBox {
        name: cl.name.clone(),
        api_lb,
        control_planes,
        workers,
    }
}

/// A node: its state, its pods, what listens on its host ports.
fn node_box(cl: &Cluster, n: &Node) -> NodeBox {
    let pods: Vec<PodBox> = cl
        .sorted_pods()
        .into_iter()
        .filter(|p| p.node.as_deref() == Some(n.name.as_str()))
        .map(|p| {
            let app = p.spec.app;
            PodBox {
                namespace: p.namespace.clone(),
                name: p.name.clone(),
                status: cl.pod_status(p).to_string(),
                ready: p.container_ready,
                ingress: app == App::IngressNginx,
                system: matches!(
                    app,
                    App::CoreDns
                        | App::LocalPath
                        | App::KindNet
                        | App::KubeProxy
                        | App::Etcd
                        | App::ApiServer
                        | App::ControllerManager
                        | App::Scheduler
                ),
            }
        })
        .collect();
    let listeners = n
        .runtime
        .iter()
        .filter(|r| !r.host_ports.is_empty())
        .map(|r| Listener {
            pod: r.pod_name.clone(),
            namespace: r.namespace.clone(),
            host_ports: r.host_ports.clone(),
            orphan: !cl.pods.iter().any(|p| p.uid == r.pod_uid),
            ingress: r.app == App::IngressNginx,
        })
        .collect();
    let state = if !n.container_up {
        "stopped"
    } else if n.ready == CondStatus::True {
        "Ready"
    } else {
        "NotReady"
    };
    NodeBox {
        name: n.name.clone(),
        short: short_name(&cl.name, &n.name).to_string(),
        control_plane: n.role == Role::ControlPlane,
        ip: n.ip.to_string(),
        status: n.status_str(),
        state,
        container_running: n.container_up,
        kubelet_running: n.container_up && n.kubelet_active,
        cordoned: n.unschedulable,
        taints: n.taints.iter().map(|t| t.spec()).collect(),
        labels: n.labels.clone(),
        pods,
        listeners,
    }
}

#[cfg(test)]
mod tests {
    use super::short_name;
    use crate::{Session, SessionOptions};

    #[test]
    fn the_chapter_picture_after_the_first_checks() {
        let mut s = Session::new(SessionOptions::default());
        s.run("sleep 10s");
        let t = s.topology();
        let ports: Vec<u16> = t.host_ports.iter().map(|p| p.port).collect();
        assert!(ports.contains(&80) && ports.contains(&443), "{ports:?}");
        assert_eq!(t.balancers.len(), 1);
        let lb = &t.balancers[0];
        assert_eq!(lb.container, "HAProxy-workers-lb");
        assert_eq!(lb.backends.len(), 2);
        for be in &lb.backends {
            assert_eq!(be.active_up, 1, "{be:?}");
            let up: Vec<&str> = be
                .servers
                .iter()
                .filter(|s| s.state == "UP")
                .map(|s| s.node.as_deref().unwrap())
                .collect();
            assert_eq!(up, vec!["cluster01-worker2"]);
        }
        let c = &t.clusters[0];
        assert_eq!(c.control_planes.len(), 3);
        assert_eq!(c.workers.len(), 3);
        assert!(c.api_lb.as_ref().is_some_and(|l| l.running));
        let w2 = t.node("cluster01-worker2").unwrap();
        assert_eq!(w2.state, "Ready");
        assert!(w2.pods.iter().any(|p| p.ingress));
        assert!(w2
            .listeners
            .iter()
            .any(|l| l.ingress && l.host_ports == vec![80, 443]));
    }

    #[test]
    fn a_stopped_kubelet_shows_not_ready_and_the_pod_still_on_the_node() {
        let mut s = Session::new(SessionOptions::default());
        s.run("sleep 10s\ndocker exec cluster01-worker2 systemctl stop kubelet\nsleep 60s");
        let t = s.topology();
        let w2 = t.node("cluster01-worker2").unwrap();
        assert_eq!(w2.state, "NotReady");
        assert!(!w2.kubelet_running);
        assert!(w2.container_running);
        assert!(w2.pods.iter().any(|p| p.ingress && p.status == "Running"));
        s.run("docker stop cluster01-worker3");
        assert_eq!(
            s.topology().node("cluster01-worker3").unwrap().state,
            "stopped"
        );
    }

    #[test]
    fn progress_is_printed_like_haproxys_stats_page() {
        // a server that starts UP at the weakest health: one failure from DOWN
        let mut s = Session::new(SessionOptions::default());
        let t = s.topology();
        let w2 = t
            .servers()
            .find(|x| x.backend == "ingress_http" && x.name == "worker2")
            .unwrap();
        assert_eq!(w2.label(), "UP 1/3");
        s.run("sleep 30s");
        let t = s.topology();
        let w2 = t
            .servers()
            .find(|x| x.backend == "ingress_http" && x.name == "worker2")
            .unwrap();
        assert_eq!(w2.label(), "UP");
        let w3 = t
            .servers()
            .find(|x| x.backend == "ingress_http" && x.name == "worker3")
            .unwrap();
        assert_eq!(w3.label(), "DOWN");
    }

    #[test]
    fn short_names_drop_the_clusters_own_name_whatever_it_is() {
        assert_eq!(short_name("cluster01", "cluster01-worker2"), "worker2");
        assert_eq!(short_name("lab", "lab-control-plane"), "control-plane");
        // another cluster's prefix, or the bare cluster name, stays
        assert_eq!(short_name("lab", "cluster01-worker"), "cluster01-worker");
        assert_eq!(short_name("lab", "lab-"), "lab-");
        let mut s = Session::new(SessionOptions::default());
        s.run("kind delete cluster --name cluster01");
        s.run("kind create cluster --name lab");
        let t = s.topology();
        let n = t.nodes().next().unwrap();
        assert_eq!(n.name, "lab-control-plane");
        assert_eq!(n.short, "control-plane");
        assert_eq!(t.short_name("lab-control-plane"), "control-plane");
    }
}
