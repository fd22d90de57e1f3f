//! The scheduler: filters (readiness, taints, selectors, host ports, volumes), the random
//! tie-break, and the FailedScheduling message.

use super::*;
use std::collections::BTreeSet;

impl Cluster {
    /// Can `spec` be scheduled on node `n` (not counting host port conflicts)?
    pub(super) fn feasible(
        &self,
        ns: &str,
        spec: &PodSpec,
        n: &Node,
        used_ports: &BTreeSet<(String, u16)>,
    ) -> bool {
        if n.ready != CondStatus::True || n.unschedulable {
            return false;
        }
        if n.taints.iter().any(|t| t.repels() && !spec.tolerates(t)) {
            return false;
        }
        if !spec
            .node_selector
            .iter()
            .all(|(k, v)| n.labels.get(k) == Some(v))
        {
            return false;
        }
        if spec
            .host_ports
            .iter()
            .any(|hp| used_ports.contains(&(n.name.clone(), *hp)))
        {
            return false;
        }
        spec.claims.is_empty() || self.volume_reasons(ns, spec, n).is_empty()
    }

    /// The scheduler: pending pods without a node, oldest first (`only_claims`: those with
    /// PersistentVolumeClaims only).
    pub(super) fn schedule(&mut self, now: Millis, rng: &mut K8sRng, only_claims: bool) {
        let mut pending: Vec<(Millis, u64)> = self
            .pods
            .iter()
            .filter(|p| {
                p.node.is_none()
                    && p.deletion.is_none()
                    && p.volume_wait.is_none()
                    && (!only_claims || !p.spec.claims.is_empty())
            })
            .map(|p| (p.created, p.uid))
            .collect();
        pending.sort();
        if pending.is_empty() {
            return;
        }
        // hostPorts taken on each node (terminating pods included), kept up to date below
        let mut used_ports: BTreeSet<(String, u16)> = self
            .pods
            .iter()
            .filter_map(|p| {
                p.node
                    .as_ref()
                    .or(p.volume_wait.as_ref().map(|w| &w.node))
                    .map(|n| (n, &p.spec.host_ports))
            })
            .flat_map(|(n, hps)| hps.iter().map(move |hp| (n.clone(), *hp)))
            .collect();
        for (_, uid) in pending {
            let Some(pi) = self.pods.iter().position(|p| p.uid == uid) else {
                continue;
            };
            let spec = self.pods[pi].spec.clone();
            let (ns, name) = (self.pods[pi].namespace.clone(), self.pods[pi].name.clone());
            // VolumeBinding's PreFilter fails for every node at once
            if !spec.claims.is_empty() {
                if let Err(m) = self.volume_prefilter(&ns, &spec) {
                    let total = self.nodes.len();
                    let msg = format!("0/{total} nodes are available: {m}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling..");
                    self.event(
                        now,
                        &ns,
                        true,
                        "FailedScheduling",
                        &format!("pod/{name}"),
                        &msg,
                    );
                    continue;
                }
            }
            let cands: Vec<usize> = (0..self.nodes.len())
                .filter(|&i| self.feasible(&ns, &spec, &self.nodes[i], &used_ports))
                .collect();
            if cands.is_empty() {
                let msg = self.unschedulable_message(&ns, &spec, &used_ports);
                self.event(
                    now,
                    &ns,
                    true,
                    "FailedScheduling",
                    &format!("pod/{name}"),
                    &msg,
                );
                continue;
            }
            // all feasible nodes score alike here; the scheduler breaks ties at random
            let pick = cands[rng.sched.random_range(0..cands.len())];
            let node = self.nodes[pick].name.clone();
            for hp in &spec.host_ports {
                used_ports.insert((node.clone(), *hp));
            }
            if !spec.claims.is_empty() && self.needs_volume_binding(&ns, &spec) {
                // PreBind: the claims are bound (or provisioned) for this node first
                self.reserve_volumes(pi, &node, now);
                continue;
            }
            let alive = self.nodes[pick].kubelet_alive();
            let start = now + 1_500 + rng.kubelet.random_range(0..1_000);
            let p = &mut self.pods[pi];
            p.node = Some(node.clone());
            if alive {
                p.start_at = Some(start);
            }
            self.event(
                now,
                &ns,
                false,
                "Scheduled",
                &format!("pod/{name}"),
                &format!("Successfully assigned {ns}/{name} to {node}"),
            );
        }
    }

    /// The scheduler's explanation when no node fits, as `kubectl get events` shows it (the
    /// filters in kube-scheduler's order, one reason per node; the "count reason" strings sorted
    /// as Go's `sort.Strings` sorts them; then the preemption plugin's verdict):
    /// `0/6 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable:
    /// }, 2 node(s) had volume node affinity conflict, 3 node(s) had untolerated taint
    /// {node-role.kubernetes.io/control-plane: }. preemption: 0/6 nodes are available: 6
    /// Preemption is not helpful for scheduling..`
    pub(super) fn unschedulable_message(
        &self,
        ns: &str,
        spec: &PodSpec,
        used_ports: &BTreeSet<(String, u16)>,
    ) -> String {
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        // nodes where evicting lower-priority pods could help (a port conflict): none of the
        // lab's pods has a lower priority than another, so preemption finds no victims there
        let mut resolvable = 0;
        for n in &self.nodes {
            let rs: Vec<String> = if n.unschedulable {
                vec!["node(s) were unschedulable".to_string()]
            } else if let Some(t) = n.taints.iter().find(|t| t.repels() && !spec.tolerates(t)) {
                vec![format!(
                    "node(s) had untolerated taint {{{}: {}}}",
                    t.key, t.value
                )]
            } else if n.ready != CondStatus::True {
                vec!["node(s) were not ready".to_string()]
            } else if !spec
                .node_selector
                .iter()
                .all(|(k, v)| n.labels.get(k) == Some(v))
            {
                vec!["node(s) didn't match Pod's node affinity/selector".to_string()]
            } else if spec
                .host_ports
                .iter()
                .any(|hp| used_ports.contains(&(n.name.clone(), *hp)))
            {
                resolvable += 1;
                vec!["node(s) didn't have free ports for the requested pod ports".to_string()]
            } else if !spec.claims.is_empty() {
                self.volume_reasons(ns, spec, n)
                    .into_iter()
                    .map(|r| r.to_string())
                    .collect()
            } else {
                vec![]
            };
            for r in rs {
                *reasons.entry(r).or_default() += 1;
            }
        }
        let mut parts: Vec<String> = reasons.iter().map(|(r, c)| format!("{c} {r}")).collect();
        parts.sort();
        let total = self.nodes.len();
        let mut pre = vec![];
        if resolvable > 0 {
            pre.push(format!(
                "{resolvable} No preemption victims found for incoming pod"
            ));
        }
        if total > resolvable {
            pre.push(format!(
                "{} Preemption is not helpful for scheduling",
                total - resolvable
            ));
        }
        pre.sort();
        format!(
            "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}..",
            parts.join(", "),
            pre.join(", ")
        )
    }
}
