//! The kind clusters in the world: creating one (nodes, system pods, the ingress controller),
//! kubelets stopped and started, operations on a cluster's Kubernetes, deleting one.

use super::*;

/// What a new cluster's node is made from.
#[derive(Clone, Copy)]
struct NodeStart<'a> {
    /// The cluster's name.
    cluster: &'a str,
    /// Every node of the cluster, as planned from its kind config.
    plan: &'a [PlannedNode],
    /// This node's index in `plan`.
    slot: usize,
    /// When the cluster's creation started.
    t0: Millis,
    /// The API server's port on the host.
    api_port: u16,
}

/// A pod to put on a node: where, what, whose, from when.
pub(super) struct PodPlan<'a> {
    pub(super) ns: &'a str,
    pub(super) name: &'a str,
    pub(super) app: App,
    pub(super) owner: Owner,
    /// The node's index in the cluster.
    pub(super) node: usize,
    /// When it starts.
    pub(super) at: Millis,
}

/// A Deployment to make: its pods go on the nodes `on` (one each, `replicas` of them).
pub(super) struct DeploymentPlan<'a> {
    pub(super) ns: &'a str,
    pub(super) name: &'a str,
    pub(super) app: App,
    pub(super) replicas: u32,
    /// When it is created.
    pub(super) at: Millis,
    /// The nodes' indices, one per pod.
    pub(super) on: &'a [usize],
}

impl World {
    pub(super) fn k8s_rng(rng: &mut Rngs) -> K8sRng<'_> {
        K8sRng {
            names: &mut rng.names,
            sched: &mut rng.sched,
            kubelet: &mut rng.kubelet,
            storage: &mut rng.storage,
        }
    }

    /// Creates a kind cluster's containers and its Kubernetes state as of `t0`; nodes are Ready
    /// 40 s later. Returns the cluster's index.
    pub(crate) fn create_cluster(&mut self, name: &str, plan: &[PlannedNode], t0: Millis) -> usize {
        let v = self.version;
        self.ensure_kind_network(t0);
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
            self.now = t0 + 150 * k as Millis;
            if slot == plan.len() {
                self.kind_lb_container(name, lb_port);
                continue;
            }
            let start = NodeStart {
                cluster: name,
                plan,
                slot,
                t0,
                api_port: lb_port,
            };
            nodes.push((slot, self.node_container(&start)));
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
        self.system_pods(ci, t0);
        self.context = Some(name.to_string());
        ci
    }

    /// kind's API load balancer (several control planes): `<cluster>-external-load-balancer`,
    /// published on the host at `api_port`.
    fn kind_lb_container(&mut self, name: &str, lb_port: u16) {
        let idx = self.new_container(NewContainer {
            name: &format!("{name}-external-load-balancer"),
            image: kind::LB_IMAGE,
            command: "haproxy -W -db -f /usr/local/etc/haproxy/haproxy.cfg",
            ports: vec![PortMap {
                host_ip: Some("127.0.0.1".into()),
                host_port: lb_port,
                container_port: 6443,
                proto: "tcp".into(),
            }],
            network: "kind",
            mounts: vec![],
            role: ContainerRole::KindLb {
                cluster: name.into(),
            },
        });
        self.start_container_raw(idx);
    }

    /// One node of a new cluster: its container (started) and its Kubernetes Node.
    fn node_container(&mut self, start: &NodeStart<'_>) -> Node {
        let NodeStart {
            cluster: name,
            plan,
            slot,
            t0,
            api_port: lb_port,
        } = *start;
        let v = self.version;
        let cps = plan.iter().filter(|n| n.role == Role::ControlPlane).count();
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
        let idx = self.new_container(NewContainer {
            name: &p.name,
            image: &format!("kindest/node:{}", v.tag()),
            command: "/usr/local/bin/entrypoint /sbin/init",
            ports,
            network: "kind",
            mounts: vec![],
            role: ContainerRole::KindNode {
                cluster: name.into(),
                node: p.name.clone(),
            },
        });
        self.start_container_raw(idx);
        let ip = self.containers[idx]
            .ip()
            .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED);
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
            taints.push(crate::k8s::Taint::new(CP_TAINT, "NoSchedule", t0 + 15_000));
        }
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
        }
    }

    /// The pods a new cluster starts with: static pods on the control planes, DaemonSet pods
    /// everywhere, CoreDNS and the local-path provisioner.
    fn system_pods(&mut self, ci: usize, t0: Millis) {
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
                        PodPlan {
                            ns: "kube-system",
                            name: &format!("{base}-{n}"),
                            app,
                            owner: Owner::Node(n.clone()),
                            node: *i,
                            at: t - 1_000,
                        },
                    );
                }
            }
            for (app, ds) in [(App::KindNet, "kindnet"), (App::KubeProxy, "kube-proxy")] {
                let pod = format!("{ds}-{}", rand_suffix(&mut self.rng.names, 5));
                self.place_pod(
                    ci,
                    PodPlan {
                        ns: "kube-system",
                        name: &pod,
                        app,
                        owner: Owner::DaemonSet(ds.into()),
                        node: *i,
                        at: t + 2_000,
                    },
                );
            }
        }
        let cp0 = 0;
        self.add_deployment(
            ci,
            DeploymentPlan {
                ns: "kube-system",
                name: "coredns",
                app: App::CoreDns,
                replicas: 2,
                at: t0 + 25_000,
                on: &[cp0, cp0],
            },
        );
        self.add_deployment(
            ci,
            DeploymentPlan {
                ns: "local-path-storage",
                name: "local-path-provisioner",
                app: App::LocalPath,
                replicas: 1,
                at: t0 + 25_000,
                on: &[cp0],
            },
        );
    }

    /// Puts a Running pod on a node directly (state built for the start, not scheduled).
    /// Puts a pod on a node (as a controller or the kubelet would), running from `at`.
    pub(super) fn place_pod(&mut self, ci: usize, p: PodPlan<'_>) {
        let PodPlan {
            ns,
            name,
            app,
            owner,
            node: ni,
            at: t,
        } = p;
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
            labels: BTreeMap::new(),
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
    /// A Deployment with its ReplicaSet and pods, created at `at`.
    pub(super) fn add_deployment(&mut self, ci: usize, d: DeploymentPlan<'_>) {
        let DeploymentPlan {
            ns,
            name,
            app,
            replicas,
            at: t,
            on,
        } = d;
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
                PodPlan {
                    ns,
                    name: &pod,
                    app,
                    owner: Owner::ReplicaSet {
                        deployment: name.into(),
                        rs: rs.clone(),
                    },
                    node: ni,
                    at: t + 1_000,
                },
            );
        }
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
        f: impl FnOnce(&mut Cluster, Millis, &mut K8sRng) -> R,
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
        f: impl FnOnce(&mut Cluster, Millis, &mut K8sRng) -> R,
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
