//! The kubelet: lease renewals, boot (orphans, pending deletions, restarts), starting
//! containers, and removing pods whose containers it killed.

use super::nodelifecycle::tick_ge;
use super::*;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

impl Cluster {
    /// Last lease renewal at or before `t` of a kubelet posting since `base`.
    pub(super) fn renew_before(base: Millis, t: Millis) -> Millis {
        if t < base {
            return base;
        }
        base + (t - base) / LEASE_RENEW * LEASE_RENEW
    }

    /// The kubelet of node `i` stops (systemctl stop, or its container stops).
    pub fn kubelet_down(&mut self, i: usize, now: Millis) {
        let n = &mut self.nodes[i];
        if n.kubelet_booted {
            n.last_renew = Cluster::renew_before(n.lease_base, now);
            n.last_heartbeat = n.last_renew;
        }
        n.kubelet_booted = false;
        n.boot_at = None;
    }

    pub(super) fn start_container(&mut self, pi: usize, ni: usize, now: Millis) {
        let node = &mut self.nodes[ni];
        let p = &mut self.pods[pi];
        p.start_at = None;
        if p.ip.is_none() {
            p.ip = Some(if p.spec.host_network {
                node.ip
            } else {
                node.next_pod_ip = node.next_pod_ip.wrapping_add(1).max(2);
                Ipv4Addr::new(10, 244, node.index, node.next_pod_ip)
            });
        }
        if p.started_at.is_some() {
            p.restarts += 1;
            p.last_restart = Some(now);
        }
        p.started_at = Some(now);
        p.phase = Phase::Running;
        p.container_ready = false;
        p.ready_cond = false;
        p.ready_at = Some(now + p.spec.app.ready_delay());
        // a new listener on a hostPort replaces any stale rule
        for hp in &p.spec.host_ports {
            node.stale_hostports.remove(hp);
        }
        node.runtime.retain(|c| c.pod_uid != p.uid);
        node.runtime.push(RuntimeContainer {
            pod_uid: p.uid,
            namespace: p.namespace.clone(),
            pod_name: p.name.clone(),
            app: p.spec.app,
            container: p.spec.container_name(),
            host_ports: p.spec.host_ports.clone(),
            ip: p.ip.unwrap_or(node.ip),
            started: now,
        });
        let (ns, name) = (p.namespace.clone(), p.name.clone());
        let (obj, c, image) = (
            format!("pod/{name}"),
            p.spec.container_name(),
            p.spec.image(&self.version),
        );
        self.event(
            now,
            &ns,
            false,
            "Pulled",
            &obj,
            &format!("Container image \"{image}\" already present on machine"),
        );
        self.event(
            now,
            &ns,
            false,
            "Created",
            &obj,
            &format!("Created container: {c}"),
        );
        self.event(
            now,
            &ns,
            false,
            "Started",
            &obj,
            &format!("Started container {c}"),
        );
    }

    /// The kubelet of node `i` has started: it posts Ready, cleans up orphans and confirms
    /// pending deletions, and (re)starts the containers of its pods.
    pub(super) fn kubelet_boot(&mut self, i: usize, now: Millis, rng: &mut K8sRng) {
        let name = self.nodes[i].name.clone();
        {
            let n = &mut self.nodes[i];
            n.boot_at = None;
            n.kubelet_booted = true;
            n.lease_base = now;
            n.last_heartbeat = now;
            if n.ready != CondStatus::True {
                n.ready = CondStatus::True;
                n.ready_since = now;
            }
            if n.has_unreachable() {
                n.taint_clear_at = Some(tick_ge(self.monitor_phase, now));
            }
        }
        let obj = format!("node/{name}");
        self.event(now, "default", false, "Starting", &obj, "Starting kubelet.");
        if self.nodes[i].ready_since == now {
            self.event(
                now,
                "default",
                false,
                "NodeReady",
                &obj,
                &format!("Node {name} status is now: NodeReady"),
            );
        }
        // orphans: containers whose pod object is gone
        let live: BTreeSet<u64> = self
            .pods
            .iter()
            .filter(|p| p.node.as_deref() == Some(name.as_str()))
            .map(|p| p.uid)
            .collect();
        let n = &mut self.nodes[i];
        let mut stale = Vec::new();
        n.runtime.retain(|c| {
            if live.contains(&c.pod_uid) {
                true
            } else {
                stale.extend(c.host_ports.iter().copied());
                false
            }
        });
        n.stale_hostports.extend(stale);
        // pods bound here
        let running: BTreeSet<u64> = n.runtime.iter().map(|c| c.pod_uid).collect();
        let mut confirm = Vec::new();
        for p in self.pods.iter_mut() {
            if p.node.as_deref() != Some(name.as_str()) {
                continue;
            }
            if let Some(d) = &mut p.deletion {
                d.kill_at = Some(now + 500);
                confirm.push((p.namespace.clone(), p.name.clone(), p.spec.container_name()));
                continue;
            }
            if running.contains(&p.uid) {
                // readiness probe passes again shortly
                if !p.ready_cond && p.start_at.is_none() {
                    p.ready_at = Some(now + 1_000 + rng.kubelet.random_range(0..2_000));
                }
            } else if p.start_at.is_none() {
                p.start_at = Some(now + 1_500 + rng.kubelet.random_range(0..1_000));
            }
        }
        for (ns, pod, c) in confirm {
            self.event(
                now,
                &ns,
                false,
                "Killing",
                &format!("pod/{pod}"),
                &format!("Stopping container {c}"),
            );
        }
    }

    /// Removes a pod object whose container the kubelet has killed.
    pub(super) fn finish_deletion(&mut self, uid: u64) {
        if let Some(pi) = self.pods.iter().position(|p| p.uid == uid) {
            let p = self.pods.remove(pi);
            if let Some(n) = p.node.as_deref().and_then(|nn| self.node_mut(nn)) {
                n.runtime.retain(|c| c.pod_uid != uid);
            }
        }
    }
}
