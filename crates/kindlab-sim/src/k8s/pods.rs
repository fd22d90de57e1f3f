//! Pods: deletion (grace periods, mirror pods, terminating pods) and how kubectl lists them.

use super::*;

impl Cluster {
    /// `kubectl delete pod`: `grace` None = the pod's own terminationGracePeriodSeconds.
    /// Returns the effective grace period.
    pub fn delete_pod(
        &mut self,
        ns: &str,
        name: &str,
        grace: Option<i64>,
        _force: bool,
        now: Millis,
        rng: &mut K8sRng,
    ) -> Result<i64, String> {
        let pi = self
            .pods
            .iter()
            .position(|p| p.namespace == ns && p.name == name)
            .ok_or_else(|| format!("Error from server (NotFound): pods \"{name}\" not found"))?;
        let p = &self.pods[pi];
        let mut g = grace.unwrap_or(p.spec.grace_s);
        if p.node.is_none() {
            g = 0;
        }
        let ni = p.node.as_deref().and_then(|n| self.node_index(n));
        let alive = ni.is_some_and(|i| self.nodes[i].kubelet_alive());
        if matches!(p.owner, Owner::Node(_)) {
            // a mirror pod: deleting it does not stop the static pod; the kubelet posts it again
            if alive {
                let uid = self.take_uid();
                let p = &mut self.pods[pi];
                p.created = now;
                p.uid = uid;
                if let Some(i) = ni {
                    let uid = self.pods[pi].uid;
                    let name = self.pods[pi].name.clone();
                    if let Some(c) = self.nodes[i]
                        .runtime
                        .iter_mut()
                        .find(|c| c.pod_name == name)
                    {
                        c.pod_uid = uid;
                    }
                }
            }
            return Ok(0);
        }
        if let Some(d) = &p.deletion {
            // already terminating: a shorter grace period (or force) may finish it
            if g == 0 {
                let uid = p.uid;
                self.pods.remove(pi);
                if alive {
                    if let Some(i) = ni {
                        self.nodes[i].runtime.retain(|c| c.pod_uid != uid);
                    }
                }
            } else if g < d.grace_s {
                if let Some(d) = self.pods[pi].deletion.as_mut() {
                    d.grace_s = g;
                }
            }
            self.reconcile(now, rng);
            return Ok(g);
        }
        if alive {
            let (ns, pod, c) = (p.namespace.clone(), p.name.clone(), p.spec.container_name());
            self.event(
                now,
                &ns,
                false,
                "Killing",
                &format!("pod/{pod}"),
                &format!("Stopping container {c}"),
            );
        }
        let p = &self.pods[pi];
        if g == 0 {
            let uid = p.uid;
            self.pods.remove(pi);
            if alive {
                if let Some(i) = ni {
                    self.nodes[i].runtime.retain(|c| c.pod_uid != uid);
                }
            }
        } else {
            let kill_at = if alive {
                Some(now + g.saturating_mul(1000).min(1_000))
            } else {
                None
            };
            let p = &mut self.pods[pi];
            p.deletion = Some(Deletion {
                requested: now,
                grace_s: g,
                kill_at,
            });
            p.ready_cond = false;
        }
        self.reconcile(now, rng);
        Ok(g)
    }

    /// Pods sorted as kubectl lists them (namespace, then name).
    pub fn sorted_pods(&self) -> Vec<&Pod> {
        let mut v: Vec<&Pod> = self.pods.iter().collect();
        v.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
        v
    }

    /// Ready endpoints of a deployment's pods (pod IPs).
    pub fn endpoints(&self, ns: &str, deployment: &str) -> Vec<&Pod> {
        self.sorted_pods()
            .into_iter()
            .filter(|p| {
                p.namespace == ns
                    && matches!(&p.owner, Owner::ReplicaSet { deployment: d, .. } if d == deployment)
                    && p.ready_cond
                    && p.deletion.is_none()
            })
            .collect()
    }

    /// `kubectl get pods` STATUS of a pod.
    pub fn pod_status(&self, p: &Pod) -> &'static str {
        if p.deletion.is_some() {
            return "Terminating";
        }
        match p.phase {
            Phase::Running => "Running",
            Phase::Pending => {
                let alive = p
                    .node
                    .as_deref()
                    .and_then(|n| self.node(n))
                    .is_some_and(|n| n.kubelet_alive());
                if p.node.is_some() && alive {
                    "ContainerCreating"
                } else {
                    "Pending"
                }
            }
        }
    }
}
