//! Namespaces: `kubectl get namespaces` (kind's and ingress-nginx's).

use super::super::get::GetOpts;
use crate::fmt::{kube_age, table};
use crate::k8s::Cluster;
use crate::time::Millis;

/// `kubectl get namespaces`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (names, pfx) = (o.names, o.prefix);
    let list = [
        ("default", 0),
        ("ingress-nginx", 1),
        ("kube-node-lease", 0),
        ("kube-public", 0),
        ("kube-system", 0),
        ("local-path-storage", 0),
    ];
    let rows: Vec<Vec<String>> = list
        .iter()
        .filter(|(n, _)| names.is_empty() || names.iter().any(|x| x == n))
        .map(|(n, later)| {
            let created = if *later == 1 {
                cl.deployments
                    .iter()
                    .find(|d| d.namespace == *n)
                    .map(|d| d.created)
                    .unwrap_or(cl.created)
            } else {
                cl.created
            };
            vec![
                format!("{pfx}{n}"),
                "Active".into(),
                kube_age(now - created),
            ]
        })
        .collect();
    Ok(table(&["NAME", "STATUS", "AGE"], &rows, 3))
}
