//! Challenges about nodes: no node the ingress controller may run on, a stopped worker (texts:
//! `content/challenges/ID.toml`).

use super::{every_backend_up, options, prepare, ChallengeDef, Verdict};
use crate::lab::guide::Why;
use crate::sim::{PodView, Session};

/// The NGINX ingress controller's pod (the newest one that is not being deleted).
fn ingress_pod(s: &Session) -> Option<PodView> {
    s.pods()
        .into_iter()
        .rfind(|p| p.namespace == "ingress-nginx" && p.status != "Terminating")
}

/// `ingress-no-node`: no node carries `ingress-ready=true` any more (as after creating the
/// cluster from a kind config without the `labels:` block), and the controller's pod was
/// replaced: its nodeSelector matches no node, so it stays Pending.
pub(super) const INGRESS_NO_NODE: ChallengeDef = ChallengeDef {
    id: "ingress-no-node",
    setup: |seed| {
        let s = Session::new(options(seed));
        let mut cmds: Vec<String> = ["cluster01-worker", "cluster01-worker2", "cluster01-worker3"]
            .iter()
            .map(|w| format!("kubectl label nodes {w} ingress-ready-"))
            .collect();
        // its replacement is scheduled by the rules, and finds no node
        cmds.extend(
            ingress_pod(&s).map(|p| format!("kubectl delete pod -n ingress-nginx {}", p.name)),
        );
        let cmds: Vec<&str> = cmds.iter().map(String::as_str).collect();
        prepare(s, &cmds, 20_000)
    },
    why: &[
        ("no-pod", &[]),
        ("pending", &[]),
        ("not-running", &["node", "status"]),
    ],
    fixes: &[
        ("labelled-worker", &["node"]),
        ("labelled-control-plane", &["node"]),
    ],
    check: |s| -> Verdict {
        let pod = ingress_pod(s).ok_or_else(|| Why::new("no-pod"))?;
        let Some(node) = pod.node.clone() else {
            return Err(Why::new("pending"));
        };
        if pod.status != "Running" {
            return Err(Why::new("not-running")
                .arg("node", &node)
                .arg("status", &pod.status));
        }
        let control_plane = s
            .nodes()
            .iter()
            .any(|n| n.name == node && n.role == "control-plane");
        Ok(Why::new(if control_plane {
            "labelled-control-plane"
        } else {
            "labelled-worker"
        })
        .arg("node", node))
    },
};

/// `node-stopped`: the node container that ran NGINX (cluster01-worker2) was stopped: HAProxy
/// has no server UP.
pub(super) const NODE_STOPPED: ChallengeDef = ChallengeDef {
    id: "node-stopped",
    setup: |seed| {
        prepare(
            Session::new(options(seed)),
            &["docker stop cluster01-worker2"],
            60_000,
        )
    },
    why: &[("haproxy-not-running", &[]), ("backend-down", &["backend"])],
    fixes: &[("node-started", &[]), ("pod-moved", &["node"])],
    check: |s| -> Verdict {
        every_backend_up(s)?;
        let node = ingress_pod(s).and_then(|p| p.node).unwrap_or_default();
        if node == "cluster01-worker2" {
            Ok(Why::new("node-started"))
        } else {
            Ok(Why::new("pod-moved").arg("node", node))
        }
    },
};
