//! Nodes: `kubectl get nodes` (`-o wide`, `--show-labels`) and `kubectl describe node`.

use super::super::get::GetOpts;
use super::{pick, print_found, Named};
use crate::fmt::{kube_age, rfc1123z, table};
use crate::k8s::{Cluster, CondStatus, Node, Pod, Taint};
use crate::time::Millis;

impl Named for Node {
    const KIND: &'static str = "nodes";
    const PREFIX: &'static str = "node";
    fn name(&self) -> &str {
        &self.name
    }
}

/// Nodes in name order.
pub(in crate::shell::kubectl) fn sorted(cl: &Cluster) -> Vec<&Node> {
    let mut nodes: Vec<&Node> = cl.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    nodes
}

/// `kubectl get nodes`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (names, wide, name_only, show_labels, pfx) =
        (o.names, o.wide, o.name_only, o.show_labels, o.prefix);
    let (nodes, err) = pick(sorted(cl), names);
    print_found(
        &nodes,
        err,
        "No resources found\n".into(),
        name_only,
        |nodes| {
            let rows: Vec<Vec<String>> = nodes
                .iter()
                .map(|n| {
                    let mut r = vec![
                        format!("{pfx}{}", n.name),
                        n.status_str(),
                        n.role_str().to_string(),
                        kube_age(now - n.created),
                        cl.version.tag(),
                    ];
                    if wide {
                        r.extend([
                            n.ip.to_string(),
                            "<none>".into(),
                            "Debian GNU/Linux 12 (bookworm)".into(),
                            "6.8.0-49-generic".into(),
                            "containerd://2.1.3".into(),
                        ]);
                    }
                    if show_labels {
                        r.push(
                            n.labels
                                .iter()
                                .map(|(k, v)| format!("{k}={v}"))
                                .collect::<Vec<_>>()
                                .join(","),
                        );
                    }
                    r
                })
                .collect();
            let mut h = vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
            if wide {
                h.extend([
                    "INTERNAL-IP",
                    "EXTERNAL-IP",
                    "OS-IMAGE",
                    "KERNEL-VERSION",
                    "CONTAINER-RUNTIME",
                ]);
            }
            if show_labels {
                h.push("LABELS");
            }
            table(&h, &rows, 3)
        },
    )
}

fn cond_rows(n: &Node, heartbeat: Millis) -> Vec<Vec<String>> {
    let hb = rfc1123z(heartbeat);
    let tr = rfc1123z(n.ready_since);
    let unknown = n.ready == CondStatus::Unknown;
    let mut rows = vec![];
    for (t, reason, msg) in [
        (
            "MemoryPressure",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        (
            "DiskPressure",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        (
            "PIDPressure",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
    ] {
        if unknown {
            rows.push(vec![
                t.into(),
                "Unknown".into(),
                hb.clone(),
                tr.clone(),
                "NodeStatusUnknown".into(),
                "Kubelet stopped posting node status.".into(),
            ]);
        } else {
            rows.push(vec![
                t.into(),
                "False".into(),
                hb.clone(),
                rfc1123z(n.created),
                reason.into(),
                msg.into(),
            ]);
        }
    }
    if unknown {
        rows.push(vec![
            "Ready".into(),
            "Unknown".into(),
            hb,
            tr,
            "NodeStatusUnknown".into(),
            "Kubelet stopped posting node status.".into(),
        ]);
    } else {
        rows.push(vec![
            "Ready".into(),
            n.ready.as_str().into(),
            hb,
            tr,
            "KubeletReady".into(),
            "kubelet is posting ready status".into(),
        ]);
    }
    rows
}

/// `kubectl describe node`.
pub(in crate::shell::kubectl) fn describe(cl: &Cluster, n: &Node, now: Millis) -> String {
    let mut s = String::new();
    let renew = describe_head(&mut s, n, now);
    describe_conditions(&mut s, n, renew);
    describe_system(&mut s, cl, n);
    describe_pods(&mut s, cl, n, now);
    s.push_str("Events:              <none>\n");
    s
}

/// Name, roles, labels, annotations, taints and the lease; returns the lease's renew time.
fn describe_head(s: &mut String, n: &Node, now: Millis) -> Millis {
    s.push_str(&format!("Name:               {}\n", n.name));
    s.push_str(&format!("Roles:              {}\n", n.role_str()));
    let mut first = true;
    for (k, v) in &n.labels {
        let kv = format!("{k}={v}");
        if first {
            s.push_str(&format!("Labels:             {kv}\n"));
            first = false;
        } else {
            s.push_str(&format!("                    {kv}\n"));
        }
    }
    s.push_str("Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock\n");
    s.push_str("                    node.alpha.kubernetes.io/ttl: 0\n");
    s.push_str(
        "                    volumes.kubernetes.io/controller-managed-attach-detach: true\n",
    );
    s.push_str(&format!("CreationTimestamp:  {}\n", rfc1123z(n.created)));
    let mut taints: Vec<&Taint> = n.taints.iter().collect();
    taints.sort_by(|a, b| (&a.key, &a.effect).cmp(&(&b.key, &b.effect)));
    if taints.is_empty() {
        s.push_str("Taints:             <none>\n");
    } else {
        for (i, t) in taints.iter().enumerate() {
            let lead = if i == 0 {
                "Taints:             "
            } else {
                "                    "
            };
            s.push_str(&format!("{lead}{}\n", t.spec()));
        }
    }
    s.push_str(&format!("Unschedulable:      {}\n", n.unschedulable));
    s.push_str("Lease:\n");
    s.push_str(&format!("  HolderIdentity:  {}\n", n.name));
    s.push_str("  AcquireTime:     <unset>\n");
    let renew = if n.kubelet_alive() {
        n.lease_base + (now - n.lease_base).max(0) / 10_000 * 10_000
    } else {
        n.last_renew
    };
    s.push_str(&format!("  RenewTime:       {}\n", rfc1123z(renew)));
    renew
}

/// The node's conditions as a table.
fn describe_conditions(s: &mut String, n: &Node, renew: Millis) {
    s.push_str("Conditions:\n");
    let mut rows = vec![vec![
        "----".to_string(),
        "------".into(),
        "-----------------".into(),
        "------------------".into(),
        "------".into(),
        "-------".into(),
    ]];
    rows.extend(cond_rows(n, renew));
    let ct = table(
        &[
            "Type",
            "Status",
            "LastHeartbeatTime",
            "LastTransitionTime",
            "Reason",
            "Message",
        ],
        &rows,
        3,
    );
    for l in ct.lines() {
        s.push_str(&format!("  {l}\n"));
    }
}

/// Addresses, capacity, system info, pod CIDRs, provider id.
fn describe_system(s: &mut String, cl: &Cluster, n: &Node) {
    s.push_str("Addresses:\n");
    s.push_str(&format!("  InternalIP:  {}\n", n.ip));
    s.push_str(&format!("  Hostname:    {}\n", n.name));
    s.push_str("Capacity:\n  cpu:                8\n  ephemeral-storage:  102626232Ki\n  hugepages-1Gi:      0\n  hugepages-2Mi:      0\n  memory:             16365892Ki\n  pods:               110\n");
    s.push_str("Allocatable:\n  cpu:                8\n  ephemeral-storage:  102626232Ki\n  hugepages-1Gi:      0\n  hugepages-2Mi:      0\n  memory:             16365892Ki\n  pods:               110\n");
    s.push_str("System Info:\n");
    s.push_str(&format!("  Kernel Version:             6.8.0-49-generic\n  OS Image:                   Debian GNU/Linux 12 (bookworm)\n  Operating System:           linux\n  Architecture:               amd64\n  Container Runtime Version:  containerd://2.1.3\n  Kubelet Version:            {}\n", cl.version.tag()));
    s.push_str(&format!("PodCIDR:                      {}\n", n.pod_cidr()));
    s.push_str(&format!("PodCIDRs:                     {}\n", n.pod_cidr()));
    s.push_str(&format!(
        "ProviderID:                   kind://docker/{}/{}\n",
        cl.name, n.name
    ));
}

/// The pods on the node with their requests and limits, and the totals.
fn describe_pods(s: &mut String, cl: &Cluster, n: &Node, now: Millis) {
    let pods: Vec<&Pod> = cl
        .sorted_pods()
        .into_iter()
        .filter(|p| p.node.as_deref() == Some(n.name.as_str()) && p.deletion.is_none())
        .collect();
    s.push_str(&format!(
        "Non-terminated Pods:          ({} in total)\n",
        pods.len()
    ));
    let pct = |m: u32, cap: u32| -> String {
        if m == 0 {
            "0 (0%)".to_string()
        } else {
            format!("{m}m ({}%)", m * 100 / cap)
        }
    };
    let mem = |mi: u32| -> String {
        if mi == 0 {
            "0 (0%)".to_string()
        } else {
            format!("{mi}Mi ({}%)", mi * 100 / 15982)
        }
    };
    let mut rows = vec![vec![
        "---------".to_string(),
        "----".into(),
        "------------".into(),
        "----------".into(),
        "---------------".into(),
        "-------------".into(),
        "---".into(),
    ]];
    let (mut cr, mut cli, mut mr, mut ml) = (0, 0, 0, 0);
    for p in &pods {
        let (a, b, c, d) = p.spec.app.resources();
        cr += a;
        cli += b;
        mr += c;
        ml += d;
        rows.push(vec![
            p.namespace.clone(),
            p.name.clone(),
            pct(a, 8000),
            pct(b, 8000),
            mem(c),
            mem(d),
            kube_age(now - p.created),
        ]);
    }
    let t = table(
        &[
            "Namespace",
            "Name",
            "CPU Requests",
            "CPU Limits",
            "Memory Requests",
            "Memory Limits",
            "Age",
        ],
        &rows,
        2,
    );
    for l in t.lines() {
        s.push_str(&format!("  {l}\n"));
    }
    s.push_str(
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    let t = table(
        &["Resource", "Requests", "Limits"],
        &[
            vec!["--------".into(), "--------".into(), "------".into()],
            vec!["cpu".into(), pct(cr, 8000), pct(cli, 8000)],
            vec!["memory".into(), mem(mr), mem(ml)],
            vec!["ephemeral-storage".into(), "0 (0%)".into(), "0 (0%)".into()],
            vec!["hugepages-1Gi".into(), "0 (0%)".into(), "0 (0%)".into()],
            vec!["hugepages-2Mi".into(), "0 (0%)".into(), "0 (0%)".into()],
        ],
        2,
    );
    for l in t.lines() {
        s.push_str(&format!("  {l}\n"));
    }
}
