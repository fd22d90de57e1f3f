//! Building a world: an empty host, the chapter's state, the chapter's flow on any number of
//! workers, or on a kind config and haproxy.cfg of the learner's own.

use super::cluster::DeploymentPlan;
use super::*;

impl World {
    /// An empty host: no containers, no clusters.
    pub(crate) fn empty(opts: &WorldOptions) -> World {
        World {
            now: 0,
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
            ip_net: BTreeMap::new(),
            networks: DockerNet::defaults(),
            era: opts.era,
        }
    }

    /// The chapter's starting state: cluster01 up and Ready (created a few minutes before time
    /// 0), the NGINX ingress controller's single pod Running on cluster01-worker2, an echo app
    /// behind an Ingress at `/echo`, and `HAProxy-workers-lb` started at time 0 from the
    /// chapter's configuration in `~/haproxy/haproxy.cfg`.
    ///
    /// With the default seed the ingress pod carries the chapter's own name,
    /// `nginx-ingress-controller-7d6bf88c86-r7ztq`, so the book's commands work as printed.
    pub(crate) fn chapter(opts: &WorldOptions) -> World {
        let mut w = World::build(opts, 3, &[2], CHAPTER_HAPROXY_CFG);
        if opts.seed == crate::DEFAULT_SEED {
            w.rename_ingress(CHAPTER_INGRESS_HASH, CHAPTER_INGRESS_POD);
        }
        w
    }

    /// Gives the ingress Deployment's ReplicaSet hash and its (first) pod the given names.
    pub(super) fn rename_ingress(&mut self, hash: &str, pod: &str) {
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
    pub(crate) fn build(
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
    pub(super) fn assemble(
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
                DeploymentPlan {
                    ns: INGRESS_NS,
                    name: INGRESS_DEPLOYMENT,
                    app: App::IngressNginx,
                    replicas: on.len() as u32,
                    at: -250_000,
                    on: &on,
                },
            );
        }
        w.add_deployment(
            ci,
            DeploymentPlan {
                ns: "default",
                name: "echo",
                app: App::Echo,
                replicas: 1,
                at: -200_000,
                on: &[worker],
            },
        );
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
        let idx = w.new_container(NewContainer {
            name: HAPROXY_NAME,
            image: "haproxy",
            command: &format!("docker-entrypoint.sh haproxy {}", args.join(" ")),
            ports,
            network: "bridge",
            mounts: vec![Mount {
                source: HAPROXY_DIR.into(),
                target: "/usr/local/etc/haproxy".into(),
                read_only: true,
            }],
            role: ContainerRole::Haproxy { args },
        });
        w.start_container(idx);
        w
    }

    /// The chapter's flow on a cluster of your own: `kind create cluster --config` with
    /// `kind_config` (named `cluster01` unless the config names it), the NGINX ingress controller
    /// (one replica, on a node labelled `ingress-ready=true` if there is one), the echo app, and
    /// `HAProxy-workers-lb` started from `haproxy_cfg`, whose `$worker1..$workerN` resolve to the
    /// workers' addresses. With the chapter's own kind config this is [`World::chapter`] with
    /// that HAProxy configuration. `Err`: kind's or HAProxy's (or docker's) message, and the line.
    pub(crate) fn from_topology(
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
}
