//! Services: `kubectl get services` (the cluster's own and the deployments' fixed ones).

use super::super::get::GetOpts;
use super::{namespace_column, no_resources};
use crate::fmt::{kube_age, table};
use crate::k8s::{App, Cluster};
use crate::time::Millis;

/// `kubectl get services`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (names, all, ns, pfx) = (o.names, o.all, o.ns, o.prefix);
    // (namespace, name, type, cluster-ip, ports, created)
    let mut svcs: Vec<(String, &str, &str, &str, &str, Millis)> = vec![
        (
            "default".into(),
            "kubernetes",
            "ClusterIP",
            "10.96.0.1",
            "443/TCP",
            cl.created + 10_000,
        ),
        (
            "kube-system".into(),
            "kube-dns",
            "ClusterIP",
            "10.96.0.10",
            "53/UDP,53/TCP,9153/TCP",
            cl.created + 12_000,
        ),
    ];
    for d in &cl.deployments {
        match d.spec.app {
            App::IngressNginx => svcs.push((
                d.namespace.clone(),
                "ingress-nginx",
                "NodePort",
                "10.96.184.26",
                "80:30352/TCP,443:31713/TCP",
                d.created,
            )),
            App::Echo => svcs.push((
                d.namespace.clone(),
                "echo",
                "ClusterIP",
                "10.96.37.142",
                "8080/TCP",
                d.created,
            )),
            _ => {}
        }
    }
    svcs.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let rows: Vec<Vec<String>> = svcs
        .iter()
        .filter(|v| all || v.0 == ns)
        .filter(|v| names.is_empty() || names.iter().any(|n| n == v.1))
        .map(|v| {
            let mut r = namespace_column(all, v.0.clone());
            r.extend([
                format!("{pfx}{}", v.1),
                v.2.into(),
                v.3.into(),
                "<none>".into(),
                v.4.into(),
                kube_age(now - v.5),
            ]);
            r
        })
        .collect();
    if rows.is_empty() {
        return Ok(no_resources(all, ns));
    }
    let mut h = namespace_column(all, "NAMESPACE");
    h.extend([
        "NAME",
        "TYPE",
        "CLUSTER-IP",
        "EXTERNAL-IP",
        "PORT(S)",
        "AGE",
    ]);
    Ok(table(&h, &rows, 3))
}
