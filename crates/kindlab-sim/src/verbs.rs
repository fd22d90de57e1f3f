//! What the lab does to the cluster, as typed verbs: stop or start a kubelet or a node, cordon,
//! delete a pod, apply a haproxy.cfg, label a worker for the ingress controller, remove a taint. Each verb stands for the command lines a learner could
//! type ([`Verb::command_lines`]): the lab runs those lines through its terminal, so what a
//! click did is echoed, saved, replayed and exported exactly as if it had been typed.
//!
//! The node menu's rule (which verbs a node offers in its state) lives here too
//! ([`node_verbs`]), not in the component that draws the menu.
//!
//! ```
//! use kindlab_sim::verbs::{node_verbs, Verb};
//! use kindlab_sim::{Session, SessionOptions};
//!
//! let mut s = Session::new(SessionOptions::default());
//! let node = s.topology().node("cluster01-worker2").cloned().unwrap();
//! let stop = node_verbs(&node).into_iter().next().unwrap();
//! assert_eq!(stop, Verb::StopKubelet("cluster01-worker2".into()));
//! assert_eq!(
//!     stop.command_lines(),
//!     ["docker exec cluster01-worker2 systemctl stop kubelet"]
//! );
//! for line in stop.command_lines() {
//!     s.run(&line);
//! }
//! assert!(!s.topology().node("cluster01-worker2").unwrap().kubelet_running);
//! ```

use crate::topology::NodeBox;
use crate::world::HAPROXY_NAME;

/// The lab's haproxy.cfg as a learner types its path (the world's [`crate::world::HAPROXY_CFG_PATH`],
/// mounted into the HAProxy container).
pub const HAPROXY_CFG_PATH: &str = "~/haproxy/haproxy.cfg";

/// One thing the lab can do to the cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb {
    /// `systemctl stop kubelet` inside the node's container: the chapter's failure.
    StopKubelet(String),
    /// `systemctl start kubelet` inside the node's container.
    StartKubelet(String),
    /// Stops the node's container (the whole node goes away).
    StopNode(String),
    /// Starts the node's container again (its kubelet boots and registers).
    StartNode(String),
    /// `kubectl cordon`: no new pods on the node.
    Cordon(String),
    /// `kubectl uncordon`.
    Uncordon(String),
    /// `kubectl delete pod` (with its grace period).
    DeletePod {
        /// The pod's namespace.
        namespace: String,
        /// The pod's name.
        pod: String,
    },
    /// Writes this text to [`HAPROXY_CFG_PATH`] and restarts the HAProxy container.
    ApplyHaproxyConfig(String),
    /// `kubectl label nodes NODE ingress-ready=true`: the label the NGINX ingress controller's
    /// `nodeSelector` wants (`--overwrite` when the node has the label with another value).
    LabelIngressReady {
        /// The node.
        node: String,
        /// The node has `ingress-ready` with another value: kubectl needs `--overwrite`.
        overwrite: bool,
    },
    /// `kubectl taint nodes NODE TAINT-`: removes a taint that keeps pods off the node (the
    /// control plane's `node-role.kubernetes.io/control-plane:NoSchedule`, one of your own).
    Untaint {
        /// The node.
        node: String,
        /// The taint as kubectl writes it (`key:Effect`, `key=value:Effect`).
        taint: String,
    },
}

impl Verb {
    /// A stable name: the interface's label and test id are derived from it.
    pub fn id(&self) -> &'static str {
        match self {
            Verb::StopKubelet(_) => "stop-kubelet",
            Verb::StartKubelet(_) => "start-kubelet",
            Verb::StopNode(_) => "stop-node",
            Verb::StartNode(_) => "start-node",
            Verb::Cordon(_) => "cordon",
            Verb::Uncordon(_) => "uncordon",
            Verb::DeletePod { .. } => "delete-pod",
            Verb::ApplyHaproxyConfig(_) => "apply-haproxy-config",
            Verb::LabelIngressReady { .. } => "label-ingress-ready",
            Verb::Untaint { .. } => "untaint",
        }
    }

    /// The command lines this verb stands for, in order (a heredoc is one line with its body).
    pub fn command_lines(&self) -> Vec<String> {
        match self {
            Verb::StopKubelet(n) => vec![format!("docker exec {n} systemctl stop kubelet")],
            Verb::StartKubelet(n) => vec![format!("docker exec {n} systemctl start kubelet")],
            Verb::StopNode(n) => vec![format!("docker stop {n}")],
            Verb::StartNode(n) => vec![format!("docker start {n}")],
            Verb::Cordon(n) => vec![format!("kubectl cordon {n}")],
            Verb::Uncordon(n) => vec![format!("kubectl uncordon {n}")],
            Verb::DeletePod { namespace, pod } => {
                vec![format!("kubectl delete pod {pod} -n {namespace}")]
            }
            Verb::ApplyHaproxyConfig(text) => {
                let body = if text.ends_with('\n') {
                    text.clone()
                } else {
                    format!("{text}\n")
                };
                // `cat >`, not `tee … > /dev/null`: the simulated host has no /dev/null (the
                // write would work but the command fail, and the export would leave it out)
                vec![
                    format!("cat > {HAPROXY_CFG_PATH} <<'EOF'\n{body}EOF"),
                    format!("docker restart {HAPROXY_NAME}"),
                ]
            }
            Verb::LabelIngressReady { node, overwrite } => vec![format!(
                "kubectl label nodes {node} ingress-ready=true{}",
                if *overwrite { " --overwrite" } else { "" }
            )],
            Verb::Untaint { node, taint } => vec![format!("kubectl taint nodes {node} {taint}-")],
        }
    }
}

/// What a node offers in its current state, in the order the node's menu lists it: its
/// kubelet (stop or start), the node itself, cordoning, then deleting each of its own pods (the
/// cluster's plumbing is left out), then the fixes: a worker without `ingress-ready=true` offers
/// the label, and each taint that keeps pods off (NoSchedule or NoExecute; not the ones the
/// node controller and cordoning manage, `node.kubernetes.io/...`) offers its removal. A
/// stopped node offers only to start it.
pub fn node_verbs(node: &NodeBox) -> Vec<Verb> {
    let n = || node.name.clone();
    if !node.container_running {
        return vec![Verb::StartNode(n())];
    }
    let mut v = vec![
        if node.kubelet_running {
            Verb::StopKubelet(n())
        } else {
            Verb::StartKubelet(n())
        },
        Verb::StopNode(n()),
        if node.cordoned {
            Verb::Uncordon(n())
        } else {
            Verb::Cordon(n())
        },
    ];
    v.extend(
        node.pods
            .iter()
            .filter(|p| !p.system)
            .map(|p| Verb::DeletePod {
                namespace: p.namespace.clone(),
                pod: p.name.clone(),
            }),
    );
    let ingress = node.labels.get("ingress-ready");
    if !node.control_plane && ingress.map(String::as_str) != Some("true") {
        v.push(Verb::LabelIngressReady {
            node: n(),
            overwrite: ingress.is_some(),
        });
    }
    v.extend(
        node.taints
            .iter()
            .filter(|t| !t.starts_with("node.kubernetes.io/"))
            .filter(|t| t.ends_with(":NoSchedule") || t.ends_with(":NoExecute"))
            .map(|t| Verb::Untaint {
                node: n(),
                taint: t.clone(),
            }),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Session, SessionOptions};

    fn node(s: &Session, name: &str) -> NodeBox {
        s.topology().node(name).cloned().expect("the node")
    }

    fn apply(s: &mut Session, v: &Verb) {
        for line in v.command_lines() {
            let (out, ok) = s.run_status(&line);
            assert!(ok, "{line}: {out}");
        }
    }

    #[test]
    fn every_verb_a_node_offers_does_what_it_says_and_the_menu_follows() {
        let mut s = Session::new(SessionOptions::default());
        let w = "cluster01-worker2";
        let ids = |s: &Session| -> Vec<&'static str> {
            node_verbs(&node(s, w)).iter().map(Verb::id).collect()
        };
        assert_eq!(
            ids(&s),
            ["stop-kubelet", "stop-node", "cordon", "delete-pod"],
            "worker2 runs the NGINX ingress controller"
        );
        apply(&mut s, &Verb::StopKubelet(w.into()));
        assert!(!node(&s, w).kubelet_running);
        assert_eq!(ids(&s)[0], "start-kubelet");
        apply(&mut s, &Verb::StartKubelet(w.into()));
        assert!(node(&s, w).kubelet_running);
        apply(&mut s, &Verb::Cordon(w.into()));
        assert!(node(&s, w).cordoned);
        assert_eq!(ids(&s)[2], "uncordon");
        apply(&mut s, &Verb::Uncordon(w.into()));
        assert!(!node(&s, w).cordoned);
        let pod = node_verbs(&node(&s, w)).pop().unwrap();
        let Verb::DeletePod { pod: name, .. } = &pod else {
            panic!("{pod:?}")
        };
        let name = name.clone();
        apply(&mut s, &pod);
        assert!(
            node(&s, w).pods.iter().all(|p| p.name != name),
            "{name} is gone from worker2"
        );
        apply(&mut s, &Verb::StopNode(w.into()));
        assert!(!node(&s, w).container_running);
        assert_eq!(ids(&s), ["start-node"]);
        apply(&mut s, &Verb::StartNode(w.into()));
        assert!(node(&s, w).container_running);
    }

    #[test]
    fn the_fixes_come_last_and_do_what_they_say() {
        let mut s = Session::new(SessionOptions::default());
        let cp = "cluster01-control-plane";
        let untaint = Verb::Untaint {
            node: cp.into(),
            taint: "node-role.kubernetes.io/control-plane:NoSchedule".into(),
        };
        assert_eq!(node_verbs(&node(&s, cp)).last(), Some(&untaint));
        assert_eq!(
            untaint.command_lines(),
            [format!(
                "kubectl taint nodes {cp} node-role.kubernetes.io/control-plane:NoSchedule-"
            )]
        );
        apply(&mut s, &untaint);
        assert!(node(&s, cp).taints.is_empty());
        assert!(!node_verbs(&node(&s, cp)).contains(&untaint));
        // a worker without the label offers it; with another value, with --overwrite
        let w = "cluster01-worker3";
        s.run(&format!("kubectl label nodes {w} ingress-ready-"));
        let label = Verb::LabelIngressReady {
            node: w.into(),
            overwrite: false,
        };
        assert_eq!(node_verbs(&node(&s, w)).last(), Some(&label));
        s.run(&format!("kubectl label nodes {w} ingress-ready=no"));
        let relabel = node_verbs(&node(&s, w)).pop().expect("a verb");
        assert_eq!(
            relabel.command_lines(),
            [format!(
                "kubectl label nodes {w} ingress-ready=true --overwrite"
            )]
        );
        apply(&mut s, &relabel);
        assert_eq!(
            node(&s, w).labels.get("ingress-ready").map(String::as_str),
            Some("true")
        );
        assert!(node_verbs(&node(&s, w))
            .iter()
            .all(|v| v.id() != "label-ingress-ready"));
        // cordoning's taint is cordoning's: no untaint for it
        s.run(&format!("kubectl cordon {w}"));
        assert!(node_verbs(&node(&s, w)).iter().all(|v| v.id() != "untaint"));
    }

    #[test]
    fn applying_a_haproxy_config_writes_the_file_and_restarts_haproxy() {
        let mut s = Session::new(SessionOptions::default());
        let cfg = s.run("cat ~/haproxy/haproxy.cfg");
        let changed = cfg.replace("timeout connect 5000", "timeout connect 3000");
        assert_ne!(
            cfg, changed,
            "the chapter's config has `timeout connect 5000`"
        );
        let v = Verb::ApplyHaproxyConfig(changed.trim_end().to_string());
        let lines = v.command_lines();
        assert_eq!(lines.len(), 2);
        assert!(lines[1].starts_with("docker restart "), "{lines:?}");
        apply(&mut s, &v);
        assert_eq!(s.run("cat ~/haproxy/haproxy.cfg"), changed);
    }
}
