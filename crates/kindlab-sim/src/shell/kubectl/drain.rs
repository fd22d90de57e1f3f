//! `kubectl drain NODE` (`--ignore-daemonsets`, `--delete-emptydir-data`, `--force`): cordon,
//! then evict every pod of the node that may go, with kubectl's filters and wording:
//! DaemonSet-managed pods need `--ignore-daemonsets`, pods that declare no controller need
//! `--force`, mirror pods are left alone. An evicted pod is deleted with its grace period; its
//! controller makes a replacement, which the scheduler places on another node.
//!
//! Simplified: kubectl waits until the evicted pods are gone before `pod/x evicted`; here the
//! lines come at once (as `kubectl delete` here returns at once) and the pods terminate on the
//! virtual clock as with `kubectl delete pod`.

use super::print::Named;
use super::resource::not_found;
use super::{flag_err, specs};
use crate::k8s::{Node, Owner, Taint, UNSCHEDULABLE};
use crate::shell::flags::{flag, parse_flags};
use crate::world::World;

/// `kubectl drain NODE...`.
pub(super) fn drain(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("ignore-daemonsets", None, false),
            flag("delete-emptydir-data", None, false),
            flag("delete-local-data", None, false),
            flag("force", None, false),
            flag("grace-period", None, true),
            flag("timeout", None, true),
            flag("disable-eviction", None, false),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "drain"))?;
    if p.positional.is_empty() {
        return Err(
            "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples".into(),
        );
    }
    let grace = match p.last("grace-period") {
        Some(g) => match g.parse::<i64>() {
            Ok(g) if g >= 0 => Some(g),
            Ok(_) => None,
            Err(_) => return Err(format!("invalid argument \"{g}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{g}\": invalid syntax\nSee 'kubectl drain --help' for usage.")),
        },
        None => None,
    };
    let opts = Opts {
        ignore_daemonsets: p.on("ignore-daemonsets"),
        force: p.on("force"),
        grace,
    };
    let (mut out, mut err) = (String::new(), String::new());
    let mut pending = vec![];
    for name in &p.positional {
        let name = name
            .strip_prefix("node/")
            .or(name.strip_prefix("nodes/"))
            .unwrap_or(name);
        if w.clusters[ci].node(name).is_none() {
            err.push_str(&format!("{}\n", not_found(Node::KIND, name)));
            continue;
        }
        out.push_str(&cordon(w, ci, name));
        match drain_node(w, ci, name, &opts) {
            Ok(lines) => out.push_str(&format!("{lines}node/{name} drained\n")),
            Err(e) => {
                err.push_str(&format!(
                    "error: unable to drain node \"{name}\" due to error:{e}, continuing command...\n"
                ));
                pending.push((name.to_string(), e));
            }
        }
    }
    w.reconcile(ci);
    if !pending.is_empty() {
        err.push_str("There are pending nodes to be drained:\n");
        for (n, _) in &pending {
            err.push_str(&format!(" {n}\n"));
        }
        for (_, e) in &pending {
            err.push_str(&format!("{e}\n"));
        }
    }
    if err.is_empty() {
        Ok(out)
    } else {
        Err(out + &err)
    }
}

struct Opts {
    ignore_daemonsets: bool,
    force: bool,
    grace: Option<i64>,
}

/// Marks the node unschedulable (as `kubectl cordon`): `node/x cordoned` or `already cordoned`.
fn cordon(w: &mut World, ci: usize, name: &str) -> String {
    let now = w.now();
    let cl = &mut w.clusters[ci];
    let Some(n) = cl.node_mut(name) else {
        return String::new();
    };
    if n.unschedulable {
        return format!("node/{name} already cordoned\n");
    }
    n.unschedulable = true;
    n.taints.push(Taint::new(UNSCHEDULABLE, "NoSchedule", now));
    cl.event(
        now,
        "default",
        false,
        "NodeNotSchedulable",
        &format!("node/{name}"),
        &format!("Node {name} status is now: NodeNotSchedulable"),
    );
    format!("node/{name} cordoned\n")
}

/// Evicts what may go from node `name`: the `evicting pod` / `pod/x evicted` lines (after the
/// warnings), or the refusal listing the pods that stop it (nothing is evicted then).
fn drain_node(w: &mut World, ci: usize, name: &str, o: &Opts) -> Result<String, String> {
    let cl = &w.clusters[ci];
    let mut daemons = vec![];
    let mut bare = vec![];
    let mut evict = vec![];
    for p in cl.sorted_pods() {
        if p.node.as_deref() != Some(name) || p.deletion.is_some() {
            continue;
        }
        let id = format!("{}/{}", p.namespace, p.name);
        match p.owner {
            Owner::Node(_) => continue,
            Owner::DaemonSet(_) => daemons.push(id),
            Owner::Bare => {
                bare.push(id);
                evict.push((p.namespace.clone(), p.name.clone()));
            }
            Owner::ReplicaSet { .. } => evict.push((p.namespace.clone(), p.name.clone())),
        }
    }
    let mut errors = vec![];
    let mut warnings = String::new();
    if !daemons.is_empty() {
        if o.ignore_daemonsets {
            warnings.push_str(&format!(
                "Warning: ignoring DaemonSet-managed Pods: {}\n",
                daemons.join(", ")
            ));
        } else {
            errors.push(format!(
                "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {}",
                daemons.join(", ")
            ));
        }
    }
    if !bare.is_empty() {
        if o.force {
            warnings.push_str(&format!(
                "Warning: deleting Pods that declare no controller: {}\n",
                bare.join(", ")
            ));
        } else {
            errors.push(format!(
                "cannot delete Pods declare no controller (use --force to override): {}",
                bare.join(", ")
            ));
        }
    }
    match errors.len() {
        0 => {}
        1 => return Err(errors.remove(0)),
        _ => return Err(format!("[{}]", errors.join(", "))),
    }
    let mut out = warnings;
    for (ns, pod) in &evict {
        out.push_str(&format!("evicting pod {ns}/{pod}\n"));
    }
    for (ns, pod) in &evict {
        if w.delete_pod(ci, ns, pod, o.grace, false).is_ok() {
            out.push_str(&format!("pod/{pod} evicted\n"));
        }
    }
    Ok(out)
}
