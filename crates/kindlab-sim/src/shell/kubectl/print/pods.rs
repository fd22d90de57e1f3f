//! Pods: `kubectl get pods` (`-o wide`, `-A`) and `kubectl describe pod` (volumes, events).

use super::super::get::GetOpts;
use super::events::events_of;
use super::{namespace_column, no_resources, pick, print_found, Named};
use crate::fmt::{kube_age, rfc1123z, table, tabwrite};
use crate::k8s::{Cluster, Pod};
use crate::time::Millis;

impl Named for Pod {
    const KIND: &'static str = "pods";
    const PREFIX: &'static str = "pod";
    fn name(&self) -> &str {
        &self.name
    }
}

/// `kubectl get pods`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (names, wide, name_only, all, ns, pfx) =
        (o.names, o.wide, o.name_only, o.all, o.ns, o.prefix);
    let pods: Vec<&Pod> = cl
        .sorted_pods()
        .into_iter()
        .filter(|x| all || x.namespace == ns)
        .collect();
    let (pods, err) = pick(pods, names);
    print_found(&pods, err, no_resources(all, ns), name_only, |pods| {
        let rows: Vec<Vec<String>> = pods
            .iter()
            .map(|x| {
                let mut r = namespace_column(all, x.namespace.clone());
                let restarts = match x.last_restart {
                    Some(t) if x.restarts > 0 => {
                        format!("{} ({} ago)", x.restarts, kube_age(now - t))
                    }
                    _ => x.restarts.to_string(),
                };
                r.extend([
                    format!("{pfx}{}", x.name),
                    format!(
                        "{}/{}",
                        u32::from(x.container_ready) * x.spec.containers,
                        x.spec.containers
                    ),
                    cl.pod_status(x).to_string(),
                    restarts,
                    kube_age(now - x.created),
                ]);
                if wide {
                    r.extend([
                        x.ip.map(|i| i.to_string())
                            .unwrap_or_else(|| "<none>".into()),
                        x.node.clone().unwrap_or_else(|| "<none>".into()),
                        "<none>".into(),
                        "<none>".into(),
                    ]);
                }
                r
            })
            .collect();
        let mut h = namespace_column(all, "NAMESPACE");
        h.extend(["NAME", "READY", "STATUS", "RESTARTS", "AGE"]);
        if wide {
            h.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
        }
        table(&h, &rows, 3)
    })
}

/// `kubectl describe pod` of `x`.
pub(in crate::shell::kubectl) fn describe(
    cl: &Cluster,
    x: &Pod,
    now: Millis,
) -> Result<String, String> {
    let head = format!(
        "Name:             {}\nNamespace:        {}\nPriority:         0\nService Account:  default\nNode:             {}\nStart Time:       {}\nStatus:           {}\nIP:               {}\nContainers:\n  {}:\n    Image:          {}\n    Ready:          {}\n    Restart Count:  {}\nConditions:\n  Type              Status\n  PodScheduled      {}\n  Ready             {}\n",
        x.name,
        x.namespace,
        match (&x.node, x.ip) {
            (Some(n), _) => format!("{n}/{}", cl.node(n).map(|n| n.ip.to_string()).unwrap_or_default()),
            (None, _) => "<none>".into(),
        },
        rfc1123z(x.created),
        cl.pod_status(x),
        x.ip.map(|i| i.to_string()).unwrap_or_default(),
        x.spec.container_name(),
        x.spec.image(&cl.version),
        x.container_ready,
        x.restarts,
        if x.node.is_some() { "True" } else { "False" },
        if x.ready_cond { "True" } else { "False" },
    );
    let selectors = if x.spec.node_selector.is_empty() {
        "<none>".to_string()
    } else {
        x.spec
            .node_selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let events = events_of(cl, Some(&x.namespace), &format!("pod/{}", x.name), now);
    if x.spec.claims.is_empty() {
        let events = events.unwrap_or_else(|| "Events:           <none>\n".into());
        return Ok(format!("{head}Node-Selectors:   {selectors}\nTolerations:      node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                  node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n{events}"));
    }
    // the claims' volumes, then what follows them in one tabwriter block
    let mut tail = String::from("Volumes:\n");
    for (i, c) in x.spec.claims.iter().enumerate() {
        let v = x.spec.claim_volumes.get(i).unwrap_or(c);
        tail.push_str(&format!("  {v}:\n    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{c}\n    ReadOnly:\tfalse\n"));
    }
    tail.push_str(&format!("Node-Selectors:\t{selectors}\nTolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"));
    match events {
        None => Ok(head + &tabwrite(&(tail + "Events:\t<none>\n"), 2)),
        Some(e) => Ok(head + &tabwrite(&tail, 2) + &e),
    }
}
