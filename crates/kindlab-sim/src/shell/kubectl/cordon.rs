//! `kubectl cordon|uncordon NODE...`: the unschedulable flag, its taint and its event.

use super::print::Named;
use super::resource::not_found;
use super::{flag_err, specs};
use crate::k8s::{App, Node, Taint, UNSCHEDULABLE};
use crate::shell::flags::{flag, parse_flags};
use crate::shell::with_errors;
use crate::world::World;

pub(super) fn cordon(
    w: &mut World,
    ci: usize,
    args: &[String],
    on: bool,
) -> Result<String, String> {
    let sub = if on { "cordon" } else { "uncordon" };
    let p = parse_flags(
        args,
        &specs(&[
            flag("selector", Some('l'), true),
            flag("dry-run", None, true),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, sub))?;
    if p.positional.is_empty() {
        return Err(format!("error: resource(s) were provided, but no name was specified\nSee 'kubectl {sub} -h' for help and examples"));
    }
    let now = w.now();
    let mut out = String::new();
    let mut err = String::new();
    for name in &p.positional {
        let name = name.strip_prefix("node/").unwrap_or(name);
        let Some(n) = w.clusters[ci].node_mut(name) else {
            err.push_str(&(not_found(Node::KIND, name) + "\n"));
            continue;
        };
        if n.unschedulable == on {
            out.push_str(&format!("node/{name} already {sub}ed\n"));
            continue;
        }
        n.unschedulable = on;
        if on {
            n.taints.push(Taint::new(UNSCHEDULABLE, "NoSchedule", now));
        } else {
            n.taints.retain(|t| t.key != UNSCHEDULABLE);
        }
        let reason = if on {
            "NodeNotSchedulable"
        } else {
            "NodeSchedulable"
        };
        w.clusters[ci].event(
            now,
            "default",
            false,
            reason,
            &format!("node/{name}"),
            &format!("Node {name} status is now: {reason}"),
        );
        out.push_str(&format!("node/{name} {sub}ed\n"));
    }
    w.reconcile(ci);
    let _ = App::Echo;
    with_errors(out, err)
}
