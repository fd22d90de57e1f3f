//! The storage lab: a claim, its volume, and the node it is tied to (texts:
//! `content/guides/storage.toml`).

use super::{Answers, GuideDef, StepDef, Why};
use crate::sim::Session;

/// The storage lab's claim.
const CLAIM: &str = "data";

fn claim(s: &Session) -> Option<crate::sim::PvcView> {
    s.pvcs()
        .into_iter()
        .find(|c| c.namespace == "default" && c.name == CLAIM)
}

const PVC_YAML: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: standard\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\nEOF";

const DEPLOY_YAML: &str = "kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        volumeMounts:\n        - name: data\n          mountPath: /usr/share/nginx/html\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: data\nEOF";

pub(super) fn guide() -> GuideDef {
    GuideDef {
        id: "storage",
        steps: vec![
            StepDef {
                id: "create-claim",
                command: PVC_YAML,
                ask: None,
                why: &[("wrong-class", &["class"]), ("no-claim", &[])],
                check: |s, _, _| match claim(s) {
                    Some(c) if c.storage_class.as_deref() == Some("standard") => Ok(()),
                    Some(c) => {
                        Err(Why::new("wrong-class").arg("class", format!("{:?}", c.storage_class)))
                    }
                    None => Err(Why::new("no-claim")),
                },
            },
            StepDef {
                id: "why-pending",
                command: "kubectl describe pvc data",
                ask: Some(Answers::Listed(&["wffc", "no-pv", "down"])),
                why: &[
                    ("claim-gone", &[]),
                    ("not-pending", &[]),
                    ("answer", &[]),
                    ("wrong", &[]),
                ],
                check: |s, _, answer| {
                    let c = claim(s).ok_or_else(|| Why::new("claim-gone"))?;
                    if c.status != "Pending" && answer.is_none() {
                        return Err(Why::new("not-pending"));
                    }
                    match answer {
                        Some("wffc") => Ok(()),
                        None => Err(Why::new("answer")),
                        Some(_) => Err(Why::new("wrong")),
                    }
                },
            },
            StepDef {
                id: "use-claim",
                command: DEPLOY_YAML,
                ask: None,
                why: &[("unused", &[]), ("claim-gone", &[])],
                check: |s, _, _| match claim(s) {
                    Some(c) if !c.used_by.is_empty() => Ok(()),
                    Some(_) => Err(Why::new("unused")),
                    None => Err(Why::new("claim-gone")),
                },
            },
            StepDef {
                id: "bound",
                command: "kubectl get sc,pv,pvc",
                ask: None,
                why: &[("claim-gone", &[]), ("not-bound", &["status"])],
                check: |s, _, _| {
                    let c = claim(s).ok_or_else(|| Why::new("claim-gone"))?;
                    let pv = c
                        .volume
                        .as_ref()
                        .and_then(|v| s.pvs().into_iter().find(|p| &p.name == v));
                    match (c.status.as_str(), pv) {
                        ("Bound", Some(pv)) if pv.status == "Bound" && pv.node.is_some() => Ok(()),
                        _ => Err(Why::new("not-bound").arg("status", &c.status)),
                    }
                },
            },
            StepDef {
                id: "cannot-move",
                command: "docker exec {volume_node} systemctl stop kubelet",
                ask: Some(Answers::Listed(&["affinity", "quota", "taint"])),
                why: &[
                    ("claim-gone", &[]),
                    ("no-volume", &[]),
                    ("kubelet-running", &["node"]),
                    ("no-replacement", &[]),
                    ("answer", &[]),
                    ("wrong", &[]),
                ],
                check: |s, _, answer| {
                    let c = claim(s).ok_or_else(|| Why::new("claim-gone"))?;
                    let node = c
                        .volume
                        .as_ref()
                        .and_then(|v| s.pvs().into_iter().find(|p| &p.name == v))
                        .and_then(|p| p.node)
                        .ok_or_else(|| Why::new("no-volume"))?;
                    let t = s.topology();
                    if t.node(&node).is_some_and(|n| n.kubelet_running) {
                        return Err(Why::new("kubelet-running").arg("node", node));
                    }
                    let pods = s.pods();
                    let stuck = c.used_by.iter().any(|u| {
                        pods.iter()
                            .any(|p| &p.name == u && p.node.is_none() && p.status == "Pending")
                    });
                    if !stuck {
                        return Err(Why::new("no-replacement"));
                    }
                    match answer {
                        Some("affinity") => Ok(()),
                        None => Err(Why::new("answer")),
                        Some(_) => Err(Why::new("wrong")),
                    }
                },
            },
            StepDef {
                id: "clean-up",
                command: "kubectl delete deployment web && kubectl delete pvc data",
                ask: None,
                why: &[("claim-exists", &[]), ("volume-exists", &[])],
                check: |s, _, _| {
                    if claim(s).is_some() {
                        return Err(Why::new("claim-exists"));
                    }
                    if s.pvs()
                        .iter()
                        .any(|p| p.claim.as_deref() == Some("default/data"))
                    {
                        return Err(Why::new("volume-exists"));
                    }
                    Ok(())
                },
            },
        ],
    }
}
