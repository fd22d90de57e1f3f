//! Events: `kubectl get events` and the `Events:` section of `kubectl describe`.

use super::super::get::GetOpts;
use super::{namespace_column, no_resources};
use crate::fmt::{kube_age, table, tabwrite};
use crate::k8s::{Cluster, Event};
use crate::time::Millis;

/// `kubectl get events`.
pub(in crate::shell::kubectl) fn get(
    cl: &Cluster,
    o: &GetOpts,
    now: Millis,
) -> Result<String, String> {
    let (all, ns) = (o.all, o.ns);
    let mut evs: Vec<&crate::k8s::Event> = cl
        .events
        .iter()
        .filter(|e| all || e.namespace == ns)
        .filter(|e| e.last > now - crate::k8s::EVENT_TTL)
        .collect();
    evs.sort_by_key(|e| e.last);
    if evs.is_empty() {
        return Ok(no_resources(all, ns));
    }
    let rows: Vec<Vec<String>> = evs
        .iter()
        .map(|e| {
            let seen = if e.count > 1 {
                format!(
                    "{} (x{} over {})",
                    kube_age(now - e.last),
                    e.count,
                    kube_age(now - e.first)
                )
            } else {
                kube_age(now - e.last)
            };
            let mut r = namespace_column(all, e.namespace.clone());
            r.extend([
                seen,
                if e.warning { "Warning" } else { "Normal" }.to_string(),
                e.reason.clone(),
                e.object.clone(),
                e.message.clone(),
            ]);
            r
        })
        .collect();
    let mut h = namespace_column(all, "NAMESPACE");
    h.extend(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
    Ok(table(&h, &rows, 3))
}

/// kubectl's `DescribeEvents`: `Events:  <none>`, or the table (Age as `5s (x3 over 40s)`).
pub(in crate::shell::kubectl) fn events_section(
    events: &[&Event],
    now: Millis,
) -> (String, String) {
    if events.is_empty() {
        return ("Events:\t<none>\n".into(), String::new());
    }
    let mut evs: Vec<&&Event> = events.iter().collect();
    evs.sort_by_key(|e| e.last);
    let mut t =
        String::from("  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n");
    for e in evs {
        let age = if e.count > 1 {
            format!(
                "{} (x{} over {})",
                kube_age(now - e.last),
                e.count,
                kube_age(now - e.first)
            )
        } else {
            kube_age(now - e.first)
        };
        t.push_str(&format!(
            "  {}\t{}\t{age}\t{}\t{}\n",
            if e.warning { "Warning" } else { "Normal" },
            e.reason,
            e.source,
            e.message.trim()
        ));
    }
    ("Events:\n".into(), t)
}

/// The events about `object` (in `ns`, when given).
pub(in crate::shell::kubectl) fn object_events<'a>(
    cl: &'a Cluster,
    ns: Option<&str>,
    object: &str,
) -> Vec<&'a Event> {
    cl.events
        .iter()
        .filter(|e| e.object == object && ns.is_none_or(|n| n == e.namespace))
        .collect()
}

/// The `Events:` section of `kubectl describe` for an object that has events (None: it has
/// none).
pub(in crate::shell::kubectl) fn events_of(
    cl: &Cluster,
    ns: Option<&str>,
    object: &str,
    now: Millis,
) -> Option<String> {
    let evs = object_events(cl, ns, object);
    if evs.is_empty() {
        return None;
    }
    let (head, table) = events_section(&evs, now);
    Some(head + &tabwrite(&table, 2))
}
