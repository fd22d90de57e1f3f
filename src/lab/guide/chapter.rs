//! The chapter's walkthrough: a kubelet fails (texts: `content/guides/chapter.toml`).

use super::{server_of, Answers, GuideDef, StepDef, Why};
use crate::sim::topology::{NodeBox, Topology};

fn node<'a>(t: &'a Topology, name: &str) -> Option<&'a NodeBox> {
    t.node(name)
}

/// The state of `node`'s server in every backend (`UP`/`DOWN`), if HAProxy checks it.
fn server_states(t: &Topology, node: &str) -> Vec<&'static str> {
    t.servers()
        .filter(|s| s.node.as_deref() == Some(node))
        .map(|s| s.state)
        .collect()
}

pub(super) fn guide() -> GuideDef {
    GuideDef {
        id: "chapter",
        steps: vec![
            StepDef {
                id: "find-nginx",
                command: "docker logs HAProxy-workers-lb",
                ask: Some(Answers::Workers),
                why: &[("choose", &[]), ("not-it", &["answer"])],
                check: |_s, f, answer| match answer {
                    None => Err(Why::new("choose")),
                    Some(a) if a == f.nginx_node => Ok(()),
                    Some(a) => Err(Why::new("not-it").arg("answer", a)),
                },
            },
            StepDef {
                id: "stop-kubelet",
                command: "docker exec {node} systemctl stop kubelet",
                ask: None,
                why: &[
                    ("node-missing", &["node"]),
                    ("container-stopped", &["node"]),
                    ("kubelet-running", &["node"]),
                ],
                check: |s, f, _| {
                    let t = s.topology();
                    let n = node(&t, &f.nginx_node)
                        .ok_or_else(|| Why::new("node-missing").arg("node", &f.nginx_node))?;
                    if !n.container_running {
                        return Err(Why::new("container-stopped").arg("node", &f.nginx_node));
                    }
                    if n.kubelet_running {
                        return Err(Why::new("kubelet-running").arg("node", &f.nginx_node));
                    }
                    Ok(())
                },
            },
            StepDef {
                id: "wait-notready",
                command: "sleep 50s && kubectl get nodes",
                ask: None,
                why: &[
                    ("kubelet-back", &["node"]),
                    ("still-ready", &["node"]),
                    ("node-gone", &[]),
                ],
                check: |s, f, _| {
                    let t = s.topology();
                    match node(&t, &f.nginx_node) {
                        Some(n) if n.state == "NotReady" => Ok(()),
                        Some(n) if n.kubelet_running => {
                            Err(Why::new("kubelet-back").arg("node", &f.nginx_node))
                        }
                        Some(_) => Err(Why::new("still-ready").arg("node", &f.nginx_node)),
                        None => Err(Why::new("node-gone")),
                    }
                },
            },
            StepDef {
                id: "pod-still-running",
                command: "kubectl get pods -n ingress-nginx -o wide",
                ask: None,
                why: &[("not-running", &["node"])],
                check: |s, f, _| {
                    let running = s.pods().into_iter().any(|p| {
                        p.namespace == "ingress-nginx"
                            && p.node.as_deref() == Some(f.nginx_node.as_str())
                            && p.status == "Running"
                    });
                    if running {
                        Ok(())
                    } else {
                        Err(Why::new("not-running").arg("node", &f.nginx_node))
                    }
                },
            },
            StepDef {
                id: "delete-pod",
                command: "kubectl delete pod {pod} -n ingress-nginx",
                ask: None,
                why: &[("pod-exists", &["pod"])],
                check: |s, f, _| {
                    let still = s
                        .pods()
                        .into_iter()
                        .any(|p| p.namespace == "ingress-nginx" && p.name == f.nginx_pod);
                    if still {
                        Err(Why::new("pod-exists").arg("pod", &f.nginx_pod))
                    } else {
                        Ok(())
                    }
                },
            },
            StepDef {
                id: "two-active",
                command: "docker logs --since 20s HAProxy-workers-lb",
                ask: Some(Answers::Listed(&["orphan", "replicas", "https"])),
                why: &[
                    ("not-moved", &[]),
                    ("not-up", &["server"]),
                    ("answer", &[]),
                    ("wrong", &[]),
                ],
                check: |s, f, answer| {
                    let t = s.topology();
                    let moved = s.pods().into_iter().find(|p| {
                        p.namespace == "ingress-nginx"
                            && p.status == "Running"
                            && p.node.as_deref().is_some_and(|n| n != f.nginx_node)
                    });
                    let Some(p) = moved else {
                        return Err(Why::new("not-moved"));
                    };
                    let n = p.node.unwrap_or_default();
                    let states = server_states(&t, &n);
                    if states.is_empty() || states.iter().any(|s| *s != "UP") {
                        return Err(Why::new("not-up").arg("server", server_of(&t, &n)));
                    }
                    match answer {
                        Some("orphan") => Ok(()),
                        None => Err(Why::new("answer")),
                        Some(_) => Err(Why::new("wrong")),
                    }
                },
            },
            StepDef {
                id: "restart-kubelet",
                command: "docker exec {node} systemctl start kubelet",
                ask: None,
                why: &[
                    ("node-gone", &[]),
                    ("kubelet-stopped", &["node"]),
                    ("still-up", &["server"]),
                ],
                check: |s, f, _| {
                    let t = s.topology();
                    let Some(n) = node(&t, &f.nginx_node) else {
                        return Err(Why::new("node-gone"));
                    };
                    if !n.kubelet_running {
                        return Err(Why::new("kubelet-stopped").arg("node", &f.nginx_node));
                    }
                    let states = server_states(&t, &f.nginx_node);
                    if states.contains(&"UP") {
                        return Err(
                            Why::new("still-up").arg("server", server_of(&t, &f.nginx_node))
                        );
                    }
                    Ok(())
                },
            },
            StepDef {
                id: "clean-up",
                command:
                    "kind delete cluster --name cluster01 && docker rm --force HAProxy-workers-lb",
                ask: None,
                why: &[("cluster-exists", &[]), ("haproxy-exists", &[])],
                check: |s, _, _| {
                    if !s.clusters().is_empty() {
                        return Err(Why::new("cluster-exists"));
                    }
                    if s.has_haproxy_container() {
                        return Err(Why::new("haproxy-exists"));
                    }
                    Ok(())
                },
            },
        ],
    }
}
