//! docker's containers in the world: made, started (HAProxy launched in its own), stopped,
//! removed, and the HAProxy engines inside them.

use super::*;

/// What `docker create` is given: the container's name, image, command, published ports,
/// network and mounts, and what runs inside it.
pub(crate) struct NewContainer<'a> {
    /// Its name (unique among the host's containers).
    pub(crate) name: &'a str,
    /// The image, as `docker ps` prints it (`kindest/node:v1.29.2`, `haproxy`).
    pub(crate) image: &'a str,
    /// The command line, as `docker ps --no-trunc` prints it.
    pub(crate) command: &'a str,
    /// The published ports (`-p`).
    pub(crate) ports: Vec<PortMap>,
    /// The docker network it joins (`kind`, `bridge`, `host`, `none`): its address comes from
    /// there (none on `host` and `none`).
    pub(crate) network: &'a str,
    /// The bind mounts (`-v`).
    pub(crate) mounts: Vec<Mount>,
    /// What runs inside it (a kind node, kind's load balancer, HAProxy).
    pub(crate) role: ContainerRole,
}

impl World {
    /// Creates a container (state Created) and returns its index.
    pub(crate) fn new_container(&mut self, c: NewContainer) -> usize {
        let id = crate::docker::new_id(&mut self.rng.ids);
        let ip = self.alloc_ip(c.network);
        let nets = vec![crate::docker::NetAttach {
            network: c.network.to_string(),
            ip,
        }];
        self.containers.push(Container {
            id,
            name: c.name.to_string(),
            image: c.image.to_string(),
            command: c.command.to_string(),
            created: self.now,
            state: State::Created,
            started_at: self.now,
            finished_at: self.now,
            exit_code: 0,
            ports: c.ports,
            nets,
            mounts: c.mounts,
            role: c.role,
            logs: vec![],
        });
        self.reindex();
        self.containers.len() - 1
    }

    pub(super) fn start_container_raw(&mut self, idx: usize) {
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
    pub(super) fn host_path(&self, idx: usize, path: &str) -> Option<String> {
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

    pub(super) fn haproxy_console(
        &self,
        sev: haproxy::config::Severity,
        pid: u32,
        msg: &str,
    ) -> Vec<(Millis, String)> {
        haproxy::log::console_lines(self.style, sev, pid, self.now.max(0), msg)
            .into_iter()
            .map(|l| (self.now, l))
            .collect()
    }

    pub(super) fn launch_haproxy(&mut self, idx: usize, args: &[String]) {
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
                let engine = Haproxy::start(cfg, self.now.max(0), seed, self.style);
                let id = self.containers[idx].id.clone();
                self.lbs.retain(|l| l.container_id != id);
                self.lbs.push(LbProc {
                    container_id: id,
                    engine,
                });
            }
            Err(_) => {
                let mut lines: Vec<(Millis, String)> = report
                    .console_lines(self.style, self.now.max(0))
                    .into_iter()
                    .map(|l| (self.now, l.text))
                    .collect();
                self.exit_container(idx, 1, &mut lines);
            }
        }
    }

    pub(super) fn exit_container(
        &mut self,
        idx: usize,
        code: i32,
        lines: &mut Vec<(Millis, String)>,
    ) {
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
                let _ = lb.engine.stop(self.now.max(0));
            }
            let mut lines: Vec<(Millis, String)> = lb
                .engine
                .logs()
                .iter()
                .map(|l| (l.at as Millis, l.text.clone()))
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

    pub(crate) fn engine_mut(&mut self, idx: usize) -> Option<&mut Haproxy> {
        let id = self.containers[idx].id.clone();
        self.lbs
            .iter_mut()
            .find(|l| l.container_id == id)
            .map(|l| &mut l.engine)
    }
}
