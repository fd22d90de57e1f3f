//! `kubectl label nodes|pods NAME... KEY=VALUE... KEY-...` (`--overwrite`, `--all`) and
//! `kubectl taint nodes NAME... KEY[=VALUE]:EFFECT[-]...` (`--overwrite`, `--all`), with
//! kubectl's wording for what changed and for each refusal. A change to a node's labels or
//! taints wakes the scheduler: a Pending pod that now fits is placed at once; a NoExecute taint
//! evicts the pods that do not tolerate it.

use super::print::Named;
use super::resource::{not_found, resource, Res};
use super::{flag_err, ns_of, specs};
use crate::k8s::{Node, Taint};
use crate::shell::flags::{flag, parse_flags, Parsed};
use crate::shell::with_errors;
use crate::world::World;
use std::collections::BTreeMap;

/// Splits kubectl's arguments into resources and the changes after them (`key=value`, `key-`,
/// and for taints `key:Effect`), as `cmdutil.GetResourcesAndPairs` does.
fn resources_and_pairs<'a>(
    args: &'a [String],
    what: &str,
    is_pair: impl Fn(&str) -> bool,
) -> Result<(Vec<&'a str>, Vec<&'a str>), String> {
    let (mut res, mut pairs) = (vec![], vec![]);
    for a in args {
        if is_pair(a) {
            pairs.push(a.as_str());
        } else if pairs.is_empty() {
            res.push(a.as_str());
        } else {
            return Err(format!(
                "error: all resources must be specified before {what} changes: {a}"
            ));
        }
    }
    Ok((res, pairs))
}

/// The names the resources name: `nodes a b`, `node/a node/b`, or every one with `--all`.
fn targets(
    res: &[&str],
    all: bool,
    every: impl Fn() -> Vec<String>,
) -> Result<(Res, Vec<String>), String> {
    let Some(first) = res.first() else {
        return Err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    };
    let (kind, name) = resource(first).ok_or_else(|| {
        format!(
            "error: the server doesn't have a resource type \"{}\"",
            first.split('/').next().unwrap_or(first)
        )
    })?;
    let mut names: Vec<String> = name.into_iter().collect();
    for r in &res[1..] {
        match resource(r) {
            Some((_, Some(n))) if r.contains('/') => names.push(n),
            _ => names.push(r.to_string()),
        }
    }
    if all {
        names = every();
    }
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    Ok((kind, names))
}

/// A label key or value as the API server accepts it (a qualified name; a value of at most 63
/// characters, alphanumeric at both ends).
fn valid_label_value(v: &str) -> bool {
    v.is_empty()
        || (v.len() <= 63
            && v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && v.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

fn valid_label_key(k: &str) -> bool {
    let name = match k.rsplit_once('/') {
        Some((prefix, name)) => {
            if prefix.is_empty()
                || prefix.len() > 253
                || !prefix
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.'))
            {
                return false;
            }
            name
        }
        None => k,
    };
    !name.is_empty() && valid_label_value(name)
}

/// `kubectl label`'s changes: labels to set and keys to remove.
type LabelChanges = (BTreeMap<String, String>, Vec<String>);

fn parse_labels(pairs: &[&str]) -> Result<LabelChanges, String> {
    let (mut set, mut remove) = (BTreeMap::new(), vec![]);
    for p in pairs {
        if let Some((k, v)) = p.split_once('=') {
            if !valid_label_key(k) {
                return Err(format!("error: invalid label spec: {p}"));
            }
            if !valid_label_value(v) {
                return Err(format!("error: invalid label value: \"{p}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
            }
            set.insert(k.to_string(), v.to_string());
        } else if let Some(k) = p.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(format!("error: invalid label spec: {p}"));
        }
    }
    if remove.iter().any(|k| set.contains_key(k)) {
        return Err("error: can not both modify and remove a label in the same command".into());
    }
    Ok((set, remove))
}

/// Applies label changes to one object's labels: kubectl's verdict (`labeled`, `unlabeled`,
/// `not labeled`) and its notes (`label "x" not found.`).
fn relabel(
    labels: &mut BTreeMap<String, String>,
    (set, remove): &LabelChanges,
    overwrite: bool,
    notes: &mut String,
) -> Result<&'static str, String> {
    if !overwrite {
        if let Some((k, v)) = set.keys().find_map(|k| labels.get_key_value(k)) {
            return Err(format!(
                "error: '{k}' already has a value ({v}), and --overwrite is false"
            ));
        }
    }
    let before = labels.clone();
    for (k, v) in set {
        labels.insert(k.clone(), v.clone());
    }
    for k in remove {
        if labels.remove(k).is_none() {
            notes.push_str(&format!("label \"{k}\" not found.\n"));
        }
    }
    Ok(if *labels == before {
        "not labeled"
    } else if !overwrite && labels.len() < before.len() {
        "unlabeled"
    } else {
        "labeled"
    })
}

/// `kubectl label nodes|pods NAME... KEY=VALUE... KEY-...`.
pub(super) fn label(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(args, &specs(&change_flags()), false).map_err(|e| flag_err(e, "label"))?;
    let (res, pairs) = resources_and_pairs(&p.positional, "label", |a| {
        a.contains('=') || a.ends_with('-')
    })?;
    if res.is_empty() {
        return Err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into());
    }
    if pairs.is_empty() {
        return Err("error: at least one label update is required".into());
    }
    let changes = parse_labels(&pairs)?;
    let ns = ns_of(&p);
    let cl = &w.clusters[ci];
    let (kind, names) = targets(&res, p.on("all"), || match resource(res[0]) {
        Some((Res::Pods, _)) => cl
            .sorted_pods()
            .iter()
            .filter(|x| x.namespace == ns)
            .map(|x| x.name.clone())
            .collect(),
        _ => cl.nodes.iter().map(|n| n.name.clone()).collect(),
    })?;
    let dry = dry_run(&p);
    let (mut out, mut err) = (String::new(), String::new());
    for name in &names {
        let mut notes = String::new();
        let cl = &mut w.clusters[ci];
        let (prefix, labels) = match kind {
            Res::Nodes => match cl.node_mut(name) {
                Some(n) => ("node", &mut n.labels),
                None => {
                    err.push_str(&format!("{}\n", not_found(Node::KIND, name)));
                    continue;
                }
            },
            Res::Pods => match cl
                .pods
                .iter_mut()
                .find(|x| x.namespace == ns && &x.name == name)
            {
                Some(x) => ("pod", &mut x.labels),
                None => {
                    err.push_str(&format!("{}\n", not_found("pods", name)));
                    continue;
                }
            },
            _ => {
                return Err(
                    "error: this lab's kubectl labels nodes and pods (kubectl label nodes NAME key=value)"
                        .into(),
                )
            }
        };
        let mut copy = labels.clone();
        let target = if dry { &mut copy } else { labels };
        match relabel(target, &changes, p.on("overwrite"), &mut notes) {
            Ok(verdict) => out.push_str(&format!(
                "{notes}{prefix}/{name} {verdict}{dry_note}\n",
                dry_note = if dry { " (dry run)" } else { "" }
            )),
            Err(e) => err.push_str(&format!("{e}\n")),
        }
    }
    w.reconcile(ci);
    with_errors(out, err)
}

fn change_flags() -> Vec<crate::shell::flags::FlagSpec> {
    vec![
        flag("overwrite", None, false),
        flag("all", None, false),
        flag("dry-run", None, true),
    ]
}

fn dry_run(p: &Parsed) -> bool {
    p.last("dry-run").is_some_and(|v| v != "none")
}

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// One `kubectl taint` change: a taint to add, or a key (and maybe an effect) to remove.
enum TaintChange {
    Add(Taint),
    Remove { key: String, effect: Option<String> },
}

fn parse_taint(spec: &str, now: i64) -> Result<TaintChange, String> {
    if let Some(body) = spec.strip_suffix('-') {
        let (kv, effect) = match body.split_once(':') {
            Some((kv, e)) => (kv, Some(e)),
            None => (body, None),
        };
        if let Some(e) = effect {
            if !EFFECTS.contains(&e) {
                return Err(format!(
                    "error: invalid taint effect: {e}, unsupported taint effect"
                ));
            }
        }
        let key = kv.split_once('=').map_or(kv, |(k, _)| k);
        return Ok(TaintChange::Remove {
            key: key.to_string(),
            effect: effect.map(str::to_string),
        });
    }
    let Some((kv, effect)) = spec.split_once(':') else {
        return Err(format!("error: invalid taint spec: {spec}"));
    };
    if !EFFECTS.contains(&effect) {
        return Err(format!(
            "error: invalid taint effect: {effect}, unsupported taint effect"
        ));
    }
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    if !valid_label_key(key) || !valid_label_value(value) {
        return Err(format!("error: invalid taint spec: {spec}"));
    }
    let mut t = Taint::new(key, effect, now);
    t.value = value.to_string();
    Ok(TaintChange::Add(t))
}

/// kubectl's `reorganizeTaints`: the node's new taints and the verdict (`tainted`,
/// `untainted`, `modified`), or the first taint to remove that is not there.
fn retaint(
    old: &[Taint],
    changes: &[TaintChange],
    overwrite: bool,
) -> Result<(Vec<Taint>, &'static str), String> {
    let mut new: Vec<Taint> = changes
        .iter()
        .filter_map(|c| match c {
            TaintChange::Add(t) => Some(t.clone()),
            TaintChange::Remove { .. } => None,
        })
        .collect();
    for t in old {
        if !new.iter().any(|n| n.key == t.key && n.effect == t.effect) {
            new.push(t.clone());
        }
    }
    let added = new.len() != old.len();
    let mut deleted = false;
    for c in changes {
        if let TaintChange::Remove { key, effect } = c {
            let before = new.len();
            new.retain(|t| !(t.key == *key && effect.as_ref().is_none_or(|e| *e == t.effect)));
            if new.len() == before {
                let shown = match effect {
                    Some(e) => format!("{key}:{e}"),
                    None => key.clone(),
                };
                return Err(format!("error: taint \"{shown}\" not found"));
            }
            deleted = true;
        }
    }
    let verdict = if (added && deleted) || overwrite {
        "modified"
    } else if added {
        "tainted"
    } else {
        "untainted"
    };
    Ok((new, verdict))
}

/// `kubectl taint nodes NAME... KEY[=VALUE]:EFFECT[-]...`.
pub(super) fn taint(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(args, &specs(&change_flags()), false).map_err(|e| flag_err(e, "taint"))?;
    let (res, pairs) = resources_and_pairs(&p.positional, "taint", |a| {
        a.contains('=') || a.contains(':') || a.ends_with('-')
    })?;
    if res.is_empty() {
        return Err("error: one or more resources must be specified as <resource> <name>".into());
    }
    if pairs.is_empty() {
        return Err("error: at least one taint update is required".into());
    }
    let now = w.now();
    let changes = pairs
        .iter()
        .map(|s| parse_taint(s, now))
        .collect::<Result<Vec<_>, _>>()?;
    let kind = res[0].split('/').next().unwrap_or_default();
    if !matches!(kind, "node" | "nodes" | "no") {
        return Err(format!(
            "error: invalid resource type {kind}, only [\"node\" \"nodes\"] are supported"
        ));
    }
    if res.len() < 2 && !res[0].contains('/') && !p.on("all") {
        return Err(
            "error: at least one resource name must be specified since 'all' parameter is not set"
                .into(),
        );
    }
    let cl = &w.clusters[ci];
    let (_, names) = targets(&res, p.on("all"), || {
        cl.nodes.iter().map(|n| n.name.clone()).collect()
    })?;
    let overwrite = p.on("overwrite");
    let (mut out, mut err) = (String::new(), String::new());
    for name in &names {
        let Some(n) = w.clusters[ci].node(name) else {
            err.push_str(&format!("{}\n", not_found(Node::KIND, name)));
            continue;
        };
        if !overwrite {
            let clash: Vec<String> = changes
                .iter()
                .filter_map(|c| match c {
                    TaintChange::Add(t) => n
                        .taints
                        .iter()
                        .find(|o| o.key == t.key && o.effect == t.effect)
                        .map(|o| o.key.clone()),
                    TaintChange::Remove { .. } => None,
                })
                .collect();
            if !clash.is_empty() {
                err.push_str(&format!("error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false\n", clash.join(",")));
                continue;
            }
        }
        match retaint(&n.taints, &changes, overwrite) {
            Ok((taints, verdict)) => {
                let dry = dry_run(&p);
                if !dry {
                    set_taints(w, ci, name, taints);
                }
                let note = if dry { " (dry run)" } else { "" };
                out.push_str(&format!("node/{name} {verdict}{note}\n"));
            }
            Err(e) => err.push_str(&format!("{e}\n")),
        }
    }
    w.reconcile(ci);
    with_errors(out, err)
}

/// Gives node `name` its new taints; pods there that do not tolerate a new NoExecute taint
/// are evicted at once by the taint manager (mirror pods stay: the kubelet keeps them).
fn set_taints(w: &mut World, ci: usize, name: &str, taints: Vec<Taint>) {
    let now = w.now();
    let cl = &mut w.clusters[ci];
    let Some(n) = cl.node_mut(name) else {
        return;
    };
    n.taints = taints;
    let execute: Vec<Taint> = n
        .taints
        .iter()
        .filter(|t| t.effect == "NoExecute")
        .cloned()
        .collect();
    let victims: Vec<(String, String)> = cl
        .pods
        .iter()
        .filter(|p| p.node.as_deref() == Some(name) && p.deletion.is_none())
        .filter(|p| !matches!(p.owner, crate::k8s::Owner::Node(_)))
        .filter(|p| execute.iter().any(|t| !tolerates_execute(p, t)))
        .map(|p| (p.namespace.clone(), p.name.clone()))
        .collect();
    for (ns, pod) in victims {
        w.clusters[ci].event(
            now,
            &ns,
            false,
            "TaintManagerEviction",
            &format!("pod/{pod}"),
            &format!("Marking for deletion Pod {ns}/{pod}"),
        );
        let _ = w.delete_pod(ci, &ns, &pod, None, false);
    }
}

/// A pod stays on a node with NoExecute taint `t`: it tolerates it (the node controller's own
/// taints are handled by the taint manager's timers, not here).
fn tolerates_execute(p: &crate::k8s::Pod, t: &Taint) -> bool {
    use crate::k8s::{Tolerations, UNREACHABLE};
    p.spec.tolerates(t)
        || (t.key == UNREACHABLE || t.key == "node.kubernetes.io/not-ready")
        || (p.spec.tolerations == Tolerations::Static)
}
