//! Challenges about nodes: no node the ingress controller may run on, a stopped worker (texts:
//! `content/challenges/ID.toml`).

use super::{every_backend_up, options, prepare, ChallengeDef, Verdict};
use crate::lab::guide::Why;
use crate::sim::world::CHAPTER_HAPROXY_CFG;
use crate::sim::{PodView, Session};

/// The NGINX ingress controller's pod (the newest one that is not being deleted).
fn ingress_pod(s: &Session) -> Option<PodView> {
    s.pods()
        .into_iter()
        .rfind(|p| p.namespace == "ingress-nginx" && p.status != "Terminating")
}

/// The chapter's cluster where only the first control-plane node carries `ingress-ready=true`.
const ONLY_CONTROL_PLANE_LABELLED: &str = "# cluster01, with the ingress label on the wrong node
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
- role: control-plane
  labels:
    ingress-ready: \"true\"
- role: control-plane
- role: control-plane
- role: worker
- role: worker
- role: worker
";

/// `ingress-no-node`: the ingress controller's nodeSelector wants `ingress-ready=true`, which
/// only the (tainted) control-plane node carries: its pod stays Pending.
pub(super) const INGRESS_NO_NODE: ChallengeDef = ChallengeDef {
    id: "ingress-no-node",
    setup: |seed| {
        let s = Session::from_topology(
            options(seed),
            ONLY_CONTROL_PLANE_LABELLED,
            CHAPTER_HAPROXY_CFG,
        )
        .unwrap_or_else(|_| Session::new(options(seed)));
        // kind placed the controller when it built the cluster; its replacement is scheduled
        // by the rules, and finds no node
        let delete = ingress_pod(&s)
            .map(|p| format!("kubectl delete pod -n ingress-nginx {}", p.name));
        let cmds: Vec<&str> = delete.iter().map(String::as_str).collect();
        prepare(s, &cmds, 20_000)
    },
    why: &[("no-pod", &[]), ("pending", &[]), ("not-running", &["node", "status"])],
    fixes: &[("labelled-worker", &["node"]), ("untainted", &["node"])],
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
            "untainted"
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
