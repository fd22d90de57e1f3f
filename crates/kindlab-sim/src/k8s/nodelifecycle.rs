//! The node lifecycle controller: monitor passes, Ready -> Unknown, the unreachable taints and
//! the taint manager's evictions.

use super::*;

/// The first monitor pass (at `phase + k * 5 s`) at or after `t`.
pub(super) fn tick_ge(phase: Millis, t: Millis) -> Millis {
    phase
        + (t - phase).div_euclid(MONITOR_PERIOD) * MONITOR_PERIOD
        + if (t - phase).rem_euclid(MONITOR_PERIOD) == 0 {
            0
        } else {
            MONITOR_PERIOD
        }
}

impl Cluster {
    /// When the node controller will declare the node's Ready condition Unknown.
    pub fn unknown_deadline(&self, n: &Node) -> Option<Millis> {
        if n.ready != CondStatus::True || n.kubelet_alive() {
            return None;
        }
        // The controller saw the last renewal at its next pass (probe timestamp), and acts at
        // the first pass strictly after probe + grace.
        let probe = tick_ge(self.monitor_phase, n.last_renew);
        Some(tick_ge(self.monitor_phase, probe + self.grace() + 1))
    }

    /// When the taint manager evicts `p` (its node carries the unreachable NoExecute taint).
    pub fn eviction_at(&self, p: &Pod) -> Option<Millis> {
        if p.deletion.is_some() || p.spec.tolerations != Tolerations::Default {
            return None;
        }
        let n = self.node(p.node.as_deref()?)?;
        let t = n
            .taints
            .iter()
            .find(|t| t.key == UNREACHABLE && t.effect == "NoExecute")?;
        Some(t.added + EVICTION_TOLERATION)
    }

    /// One pass of the node controller: nodes whose kubelet stopped posting past the grace
    /// period turn Unknown and get the unreachable taints; taints of nodes that came back are
    /// cleared. Returns true if anything happened.
    pub(super) fn monitor_nodes(&mut self, now: Millis) -> bool {
        let mut did = false;
        for i in 0..self.nodes.len() {
            if self
                .unknown_deadline(&self.nodes[i])
                .is_some_and(|t| t <= now)
            {
                let n = &mut self.nodes[i];
                n.ready = CondStatus::Unknown;
                let nn = n.name.clone();
                self.event(
                    now,
                    "default",
                    false,
                    "NodeNotReady",
                    &format!("node/{nn}"),
                    &format!("Node {nn} status is now: NodeNotReady"),
                );
                let n = &mut self.nodes[i];
                n.ready_since = now;
                for eff in ["NoSchedule", "NoExecute"] {
                    if !n
                        .taints
                        .iter()
                        .any(|t| t.key == UNREACHABLE && t.effect == eff)
                    {
                        n.taints.push(Taint::new(UNREACHABLE, eff, now));
                    }
                }
                let name = n.name.clone();
                for p in self.pods.iter_mut() {
                    if p.node.as_deref() == Some(name.as_str()) {
                        p.ready_cond = false;
                    }
                }
                did = true;
            }
            let n = &mut self.nodes[i];
            if n.taint_clear_at.is_some_and(|t| t <= now) {
                n.taint_clear_at = None;
                if n.ready == CondStatus::True {
                    n.taints.retain(|t| t.key != UNREACHABLE);
                }
                did = true;
            }
        }
        did
    }
}
