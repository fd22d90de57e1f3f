//! kubectl for manifests and storage: `apply -f` / `create -f` / `delete -f`, `delete
//! pvc|pv|sc|deployment`, `get sc|pv|pvc|csidrivers|csinodes` and `describe pvc|pv|sc` — in
//! kubectl's layouts (server-side printing of v1.31: `VOLUMEATTRIBUTESCLASS` from 1.29) and with
//! its messages.

use super::flags::Parsed;
use super::with_errors;
use crate::fmt::{kube_age, table, tabwrite, Ts};
use crate::k8s::apply::{Outcome, Refusal};
use crate::k8s::storage::{
    modes_str, PersistentVolume, PersistentVolumeClaim, PvSource, StorageClass, LAST_APPLIED,
};
use crate::k8s::{Cluster, Event};
use crate::manifest::{self, Kind, Manifest};
use crate::world::World;
use crate::yaml::{self, GoYaml, Yaml};

/// The storage kinds `kubectl get` knows here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Store {
    Classes,
    Volumes,
    Claims,
    CsiDrivers,
    CsiNodes,
}

impl Store {
    pub(super) fn parse(s: &str) -> Option<Store> {
        Some(match s {
            "storageclasses"
            | "storageclass"
            | "sc"
            | "storageclasses.storage.k8s.io"
            | "storageclass.storage.k8s.io" => Store::Classes,
            "persistentvolumes" | "persistentvolume" | "pv" => Store::Volumes,
            "persistentvolumeclaims" | "persistentvolumeclaim" | "pvc" => Store::Claims,
            "csidrivers" | "csidriver" | "csidrivers.storage.k8s.io" => Store::CsiDrivers,
            "csinodes" | "csinode" | "csinodes.storage.k8s.io" => Store::CsiNodes,
            _ => return None,
        })
    }
    /// As in `-o name` and multi-kind listings.
    pub(super) fn prefix(&self) -> &'static str {
        match self {
            Store::Classes => "storageclass.storage.k8s.io",
            Store::Volumes => "persistentvolume",
            Store::Claims => "persistentvolumeclaim",
            Store::CsiDrivers => "csidriver.storage.k8s.io",
            Store::CsiNodes => "csinode.storage.k8s.io",
        }
    }
    /// As in NotFound errors.
    fn resource(&self) -> &'static str {
        match self {
            Store::Classes => "storageclasses.storage.k8s.io",
            Store::Volumes => "persistentvolumes",
            Store::Claims => "persistentvolumeclaims",
            Store::CsiDrivers => "csidrivers.storage.k8s.io",
            Store::CsiNodes => "csinodes.storage.k8s.io",
        }
    }
    pub(super) fn namespaced(&self) -> bool {
        *self == Store::Claims
    }
}

fn not_found(resource: &str, name: &str) -> String {
    format!("Error from server (NotFound): {resource} \"{name}\" not found\n")
}

/// Options of a `kubectl get` listing.
pub(super) struct GetOpts<'a> {
    pub names: &'a [String],
    pub ns: &'a str,
    pub all: bool,
    pub wide: bool,
    pub name_only: bool,
    /// `kind/` before names (a listing of several kinds).
    pub prefix: &'a str,
}

/// `kubectl get sc|pv|pvc|csidrivers|csinodes`.
pub(super) fn list(cl: &Cluster, what: Store, o: &GetOpts, now: Ts) -> Result<String, String> {
    let vac = cl.version.minor >= 29;
    let empty = if what.namespaced() && !o.all {
        format!("No resources found in {} namespace.\n", o.ns)
    } else {
        "No resources found\n".to_string()
    };
    // (name, row) of what is listed
    let mut found: Vec<(String, Vec<String>)> = vec![];
    let mut header: Vec<&str> = vec![];
    let pick = |name: &str| o.names.is_empty() || o.names.iter().any(|n| n == name);
    match what {
        Store::Classes => {
            header = vec![
                "NAME",
                "PROVISIONER",
                "RECLAIMPOLICY",
                "VOLUMEBINDINGMODE",
                "ALLOWVOLUMEEXPANSION",
                "AGE",
            ];
            let mut v: Vec<&StorageClass> = cl.storage.classes.iter().collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            for c in v.into_iter().filter(|c| pick(&c.name)) {
                let name = if c.is_default() {
                    format!("{} (default)", c.name)
                } else {
                    c.name.clone()
                };
                found.push((
                    c.name.clone(),
                    vec![
                        format!("{}{name}", o.prefix),
                        c.provisioner.clone(),
                        c.reclaim.as_str().into(),
                        c.binding.as_str().into(),
                        c.allow_expansion.unwrap_or(false).to_string(),
                        kube_age(now - c.created),
                    ],
                ));
            }
        }
        Store::Volumes => {
            header = vec![
                "NAME",
                "CAPACITY",
                "ACCESS MODES",
                "RECLAIM POLICY",
                "STATUS",
                "CLAIM",
                "STORAGECLASS",
            ];
            if vac {
                header.push("VOLUMEATTRIBUTESCLASS");
            }
            header.extend(["REASON", "AGE"]);
            if o.wide {
                header.push("VOLUMEMODE");
            }
            let mut v: Vec<&PersistentVolume> = cl.storage.pvs.iter().collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            for pv in v.into_iter().filter(|v| pick(&v.name)) {
                let mut r = vec![
                    format!("{}{}", o.prefix, pv.name),
                    pv.capacity.canonical(),
                    modes_str(&pv.modes),
                    pv.reclaim.as_str().into(),
                    pv_status(pv).into(),
                    pv.claim_ref
                        .as_ref()
                        .map(|c| format!("{}/{}", c.namespace, c.name))
                        .unwrap_or_default(),
                    pv.class.clone(),
                ];
                if vac {
                    r.push("<unset>".into());
                }
                r.extend([String::new(), kube_age(now - pv.created)]);
                if o.wide {
                    r.push(pv.volume_mode.clone());
                }
                found.push((pv.name.clone(), r));
            }
        }
        Store::Claims => {
            if o.all {
                header.push("NAMESPACE");
            }
            header.extend([
                "NAME",
                "STATUS",
                "VOLUME",
                "CAPACITY",
                "ACCESS MODES",
                "STORAGECLASS",
            ]);
            if vac {
                header.push("VOLUMEATTRIBUTESCLASS");
            }
            header.push("AGE");
            if o.wide {
                header.push("VOLUMEMODE");
            }
            let mut v: Vec<&PersistentVolumeClaim> = cl
                .storage
                .pvcs
                .iter()
                .filter(|c| o.all || c.namespace == o.ns)
                .collect();
            v.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
            for c in v.into_iter().filter(|c| pick(&c.name)) {
                let mut r = vec![];
                if o.all {
                    r.push(c.namespace.clone());
                }
                let (cap, modes) = match &c.volume_name {
                    Some(_) => (
                        c.capacity.map_or("0".into(), |q| q.canonical()),
                        modes_str(&c.bound_modes),
                    ),
                    None => (String::new(), String::new()),
                };
                r.extend([
                    format!("{}{}", o.prefix, c.name),
                    pvc_status(c).into(),
                    c.volume_name.clone().unwrap_or_default(),
                    cap,
                    modes,
                    c.class_name().to_string(),
                ]);
                if vac {
                    r.push("<unset>".into());
                }
                r.push(kube_age(now - c.created));
                if o.wide {
                    r.push(c.volume_mode.clone());
                }
                found.push((c.name.clone(), r));
            }
        }
        Store::CsiDrivers => {
            // a kind cluster runs no CSI driver (local-path is not one)
        }
        Store::CsiNodes => {
            header = vec!["NAME", "DRIVERS", "AGE"];
            let mut nodes: Vec<_> = cl.nodes.iter().collect();
            nodes.sort_by(|a, b| a.name.cmp(&b.name));
            for n in nodes.into_iter().filter(|n| pick(&n.name)) {
                found.push((
                    n.name.clone(),
                    vec![
                        format!("{}{}", o.prefix, n.name),
                        "0".into(),
                        kube_age(now - n.created),
                    ],
                ));
            }
        }
    }
    // names asked for and not found, in the order asked
    let mut err = String::new();
    let mut rows = vec![];
    let mut names_out = String::new();
    if o.names.is_empty() {
        for (n, r) in found {
            names_out.push_str(&format!("{}/{n}\n", what.prefix()));
            rows.push(r);
        }
    } else {
        for n in o.names {
            match found.iter().find(|(x, _)| x == n) {
                Some((x, r)) => {
                    names_out.push_str(&format!("{}/{x}\n", what.prefix()));
                    rows.push(r.clone());
                }
                None => err.push_str(&not_found(what.resource(), n)),
            }
        }
    }
    if rows.is_empty() {
        return if err.is_empty() { Ok(empty) } else { Err(err) };
    }
    if o.name_only {
        return with_errors(names_out, err);
    }
    with_errors(table(&header, &rows, 3), err)
}

fn pvc_status(c: &PersistentVolumeClaim) -> &'static str {
    if c.deletion.is_some() {
        "Terminating"
    } else {
        c.phase.as_str()
    }
}

fn pv_status(v: &PersistentVolume) -> &'static str {
    if v.deletion.is_some() {
        "Terminating"
    } else {
        v.phase.as_str()
    }
}

/// kubectl describe's `Labels:` block (sorted `k=v` lines, or `<none>`).
fn labels_block(title: &str, labels: &std::collections::BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return format!("{title}:\t<none>\n");
    }
    let mut s = String::new();
    for (i, (k, v)) in labels.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("{title}:\t{k}={v}\n"));
        } else {
            s.push_str(&format!("\t{k}={v}\n"));
        }
    }
    s
}

/// kubectl describe's `Annotations:` block (`k: v` lines, the last-applied one left out).
fn annotations_block(annotations: &std::collections::BTreeMap<String, String>) -> String {
    let keys: Vec<(&String, &String)> = annotations
        .iter()
        .filter(|(k, _)| k.as_str() != LAST_APPLIED)
        .collect();
    if keys.is_empty() {
        return "Annotations:\t<none>\n".into();
    }
    let mut s = String::new();
    for (i, (k, v)) in keys.into_iter().enumerate() {
        let lead = if i == 0 { "Annotations:\t" } else { "\t" };
        s.push_str(&format!("{lead}{k}: {}\n", v.trim_end_matches('\n')));
    }
    s
}

/// kubectl's `DescribeEvents`: `Events:  <none>`, or the table (Age as `5s (x3 over 40s)`).
fn events_section(events: &[&Event], now: Ts) -> (String, String) {
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

/// Joins describe's body and its events the way kubectl flushes its tabwriter before the
/// events table.
fn finish_describe(body: String, events: (String, String)) -> String {
    if events.1.is_empty() {
        return tabwrite(&(body + &events.0), 2);
    }
    tabwrite(&body, 2) + &events.0 + &tabwrite(&events.1, 2)
}

fn object_events<'a>(cl: &'a Cluster, ns: Option<&str>, object: &str) -> Vec<&'a Event> {
    cl.events
        .iter()
        .filter(|e| e.object == object && ns.is_none_or(|n| n == e.namespace))
        .collect()
}

fn describe_pvc(cl: &Cluster, c: &PersistentVolumeClaim, now: Ts) -> String {
    let mut s = format!(
        "Name:\t{}\nNamespace:\t{}\nStorageClass:\t{}\n",
        c.name,
        c.namespace,
        c.class_name()
    );
    match c.deletion {
        Some(t) => s.push_str(&format!(
            "Status:\tTerminating (lasts {})\n",
            kube_age(now - t)
        )),
        None => s.push_str(&format!("Status:\t{}\n", c.phase.as_str())),
    }
    s.push_str(&format!(
        "Volume:\t{}\n",
        c.volume_name.clone().unwrap_or_default()
    ));
    s.push_str(&labels_block("Labels", &c.labels));
    s.push_str(&annotations_block(&c.annotations));
    s.push_str("Finalizers:\t[kubernetes.io/pvc-protection]\n");
    let (cap, modes) = match &c.volume_name {
        Some(_) => (
            c.capacity.map_or("0".into(), |q| q.canonical()),
            modes_str(&c.bound_modes),
        ),
        None => (String::new(), String::new()),
    };
    s.push_str(&format!("Capacity:\t{cap}\nAccess Modes:\t{modes}\n"));
    s.push_str(&format!("VolumeMode:\t{}\n", c.volume_mode));
    let users = cl.pvc_used_by(&c.namespace, &c.name);
    if users.is_empty() {
        s.push_str("Used By:\t<none>\n");
    } else {
        for (i, u) in users.iter().enumerate() {
            let lead = if i == 0 { "Used By:\t" } else { "\t" };
            s.push_str(&format!("{lead}{u}\n"));
        }
    }
    let evs = object_events(cl, Some(&c.namespace), &c.object());
    finish_describe(s, events_section(&evs, now))
}

fn describe_pv(cl: &Cluster, v: &PersistentVolume, now: Ts) -> String {
    let mut s = format!("Name:\t{}\n", v.name);
    s.push_str(&labels_block("Labels", &v.labels));
    s.push_str(&annotations_block(&v.annotations));
    s.push_str("Finalizers:\t[kubernetes.io/pv-protection]\n");
    s.push_str(&format!("StorageClass:\t{}\n", v.class));
    match v.deletion {
        Some(t) => s.push_str(&format!(
            "Status:\tTerminating (lasts {})\n",
            kube_age(now - t)
        )),
        None => s.push_str(&format!("Status:\t{}\n", v.phase.as_str())),
    }
    s.push_str(&format!(
        "Claim:\t{}\n",
        v.claim_ref
            .as_ref()
            .map(|c| format!("{}/{}", c.namespace, c.name))
            .unwrap_or_default()
    ));
    s.push_str(&format!("Reclaim Policy:\t{}\n", v.reclaim.as_str()));
    s.push_str(&format!("Access Modes:\t{}\n", modes_str(&v.modes)));
    s.push_str(&format!("VolumeMode:\t{}\n", v.volume_mode));
    s.push_str(&format!("Capacity:\t{}\n", v.capacity.canonical()));
    if v.affinity.is_empty() {
        s.push_str("Node Affinity:\t<none>\n");
    } else {
        s.push_str("Node Affinity:\t\n  Required Terms:\t\n");
        for (i, term) in v.affinity.iter().enumerate() {
            if term.is_empty() {
                s.push_str(&format!("    Term {i}:\t<none>\n"));
                continue;
            }
            for (j, e) in term.iter().enumerate() {
                let lead = if j == 0 {
                    format!("    Term {i}:\t")
                } else {
                    "    \t".to_string()
                };
                let mut expr = format!("{} {}", e.key, e.operator.to_lowercase());
                if !e.values.is_empty() {
                    expr.push_str(&format!(" [{}]", e.values.join(", ")));
                }
                s.push_str(&format!("{lead}{expr}\n"));
            }
        }
    }
    s.push_str(&format!("Message:\t{}\n", v.message));
    s.push_str("Source:\n");
    match &v.source {
        PvSource::HostPath { path, kind } => s.push_str(&format!(
            "    Type:\tHostPath (bare host directory volume)\n    Path:\t{path}\n    HostPathType:\t{kind}\n"
        )),
        PvSource::Local { path } => s.push_str(&format!(
            "    Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{path}\n"
        )),
        PvSource::Csi { driver, handle } => s.push_str(&format!(
            "    Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{driver}\n    FSType:\t\n    VolumeHandle:\t{handle}\n    ReadOnly:\tfalse\n    VolumeAttributes:\t<none>\n"
        )),
        PvSource::Other(kind) => s.push_str(&format!("    Type:\t{kind}\n")),
    }
    let evs = object_events(cl, None, &format!("persistentvolume/{}", v.name));
    finish_describe(s, events_section(&evs, now))
}

fn describe_sc(c: &StorageClass) -> String {
    let fmt_map = |m: &std::collections::BTreeMap<String, String>| {
        if m.is_empty() {
            "<none>".to_string()
        } else {
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(",")
        }
    };
    let mut s = format!(
        "Name:\t{}\nIsDefaultClass:\t{}\nAnnotations:\t{}\nProvisioner:\t{}\nParameters:\t{}\nAllowVolumeExpansion:\t{}\n",
        c.name,
        if c.is_default() { "Yes" } else { "No" },
        fmt_map(&c.annotations),
        c.provisioner,
        fmt_map(&c.parameters),
        match c.allow_expansion {
            None => "<unset>",
            Some(true) => "True",
            Some(false) => "False",
        }
    );
    if c.mount_options.is_empty() {
        s.push_str("MountOptions:\t<none>\n");
    } else {
        s.push_str("MountOptions:\n");
        for o in &c.mount_options {
            s.push_str(&format!("  {o}\n"));
        }
    }
    s.push_str(&format!(
        "ReclaimPolicy:\t{}\nVolumeBindingMode:\t{}\nEvents:\t<none>\n",
        c.reclaim.as_str(),
        c.binding.as_str()
    ));
    tabwrite(&s, 2)
}

/// `kubectl describe pvc|pv|sc NAME...`.
pub(super) fn describe(
    cl: &Cluster,
    what: Store,
    names: &[String],
    ns: &str,
    now: Ts,
) -> Result<String, String> {
    let mut out: Vec<String> = vec![];
    let mut err = String::new();
    let all: Vec<String> = match what {
        Store::Claims => {
            let mut v: Vec<String> = cl
                .storage
                .pvcs
                .iter()
                .filter(|c| c.namespace == ns)
                .map(|c| c.name.clone())
                .collect();
            v.sort();
            v
        }
        Store::Volumes => {
            let mut v: Vec<String> = cl.storage.pvs.iter().map(|v| v.name.clone()).collect();
            v.sort();
            v
        }
        Store::Classes => {
            let mut v: Vec<String> = cl.storage.classes.iter().map(|c| c.name.clone()).collect();
            v.sort();
            v
        }
        _ => {
            return Err("error: this lab describes nodes, pods, pvc, pv and storageclasses".into())
        }
    };
    let wanted: Vec<String> = if names.is_empty() {
        all
    } else {
        names.to_vec()
    };
    for n in &wanted {
        let text = match what {
            Store::Claims => cl.storage.pvc(ns, n).map(|c| describe_pvc(cl, c, now)),
            Store::Volumes => cl.storage.pv(n).map(|v| describe_pv(cl, v, now)),
            _ => cl.storage.class(n).map(describe_sc),
        };
        match text {
            Some(t) => out.push(t),
            None => err.push_str(&not_found(what.resource(), n)),
        }
    }
    if out.is_empty() && err.is_empty() {
        let msg = if what.namespaced() {
            format!("No resources found in {ns} namespace.")
        } else {
            "No resources found".into()
        };
        return Ok(msg);
    }
    with_errors(out.join("\n\n"), err)
}

/// The `Events:` section of `kubectl describe` for an object that has events (None: it has
/// none).
pub(super) fn events_of(cl: &Cluster, ns: Option<&str>, object: &str, now: Ts) -> Option<String> {
    let evs = object_events(cl, ns, object);
    if evs.is_empty() {
        return None;
    }
    let (head, table) = events_section(&evs, now);
    Some(head + &tabwrite(&table, 2))
}

/// The manifests of `-f` arguments: (source as kubectl names it, text), and read errors.
fn read_sources(
    w: &World,
    files: &[String],
    stdin: Option<&str>,
) -> (Vec<(String, String)>, Vec<String>) {
    let mut out = vec![];
    let mut errs = vec![];
    for f in files {
        if f == "-" {
            out.push(("STDIN".to_string(), stdin.unwrap_or("").to_string()));
            continue;
        }
        match w.fs.read(f) {
            Ok(t) => out.push((f.clone(), t.to_string())),
            Err(_) if w.fs.is_dir(f) => {
                for name in w.fs.list(f).unwrap_or_default() {
                    if [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e)) {
                        let p = format!("{}/{name}", f.trim_end_matches('/'));
                        if let Ok(t) = w.fs.read(&p) {
                            out.push((p, t.to_string()));
                        }
                    }
                }
            }
            Err(_) => errs.push(format!("the path {f:?} does not exist")),
        }
    }
    (out, errs)
}

/// The documents of the sources: (source, document) in order, and the errors kubectl's stream
/// reader and decoder report (a YAML error ends its source).
/// (source, document) pairs.
type Docs = Vec<(String, Yaml)>;
/// (message, needs kubectl's `error: ` prefix) pairs.
type Errors = Vec<(String, bool)>;

fn documents(sources: &[(String, String)]) -> (Docs, Errors) {
    let mut docs = vec![];
    let mut errs = vec![];
    for (src, text) in sources {
        let (parts, sep_err) = yaml::split_documents(text);
        let mut broken = false;
        for d in parts {
            match yaml::parse(&d.text, GoYaml::V2) {
                Ok(Yaml::Null) => {}
                Ok(v) => docs.push((src.clone(), v)),
                Err(e) => {
                    errs.push((
                        format!("error parsing {src}: error converting YAML to JSON: {e}"),
                        true,
                    ));
                    broken = true;
                    break;
                }
            }
        }
        if let (Some(e), false) = (sep_err, broken) {
            errs.push((format!("error parsing {src}: {e}"), true));
        }
    }
    (docs, errs)
}

/// How kubectl prints the errors of a command that went on after them: one with `error: ` (for
/// its own errors), several one per line.
fn error_text(errs: &[(String, bool)]) -> String {
    match errs {
        [] => String::new(),
        [(m, prefix)] => {
            if *prefix {
                format!("error: {m}\n")
            } else {
                format!("{m}\n")
            }
        }
        many => many.iter().map(|(m, _)| format!("{m}\n")).collect(),
    }
}

fn ns_mismatch(doc_ns: &str, flag: &str) -> String {
    format!("the namespace from the provided object {doc_ns:?} does not match the namespace {flag:?}. You must pass '--namespace={doc_ns}' to perform this operation.")
}

/// `kubectl apply -f ...` (`create`: `kubectl create -f ...`).
pub(super) fn apply(
    w: &mut World,
    ci: usize,
    p: &Parsed,
    stdin: Option<&str>,
    create: bool,
) -> Result<String, String> {
    let verb = if create { "create" } else { "apply" };
    let files = p.all("filename");
    if files.is_empty() {
        return Err("error: must specify one of -f and -k".into());
    }
    let dry = match p.last("dry-run") {
        None | Some("none") | Some("false") => "",
        Some("client") | Some("true") => " (dry run)",
        Some("server") => " (server dry run)",
        Some(x) => {
            return Err(format!(
                "error: Invalid dry-run value ({x}). Must be \"none\", \"server\", or \"client\"."
            ))
        }
    };
    let flag_ns = p.last("namespace").map(|s| s.to_string());
    let ns = flag_ns.clone().unwrap_or_else(|| "default".into());
    let (sources, read_errs) = read_sources(w, &files, stdin);
    let mut errs: Vec<(String, bool)> = read_errs.into_iter().map(|e| (e, true)).collect();
    let (docs, doc_errs) = documents(&sources);
    errs.extend(doc_errs);
    let mut items: Vec<(String, Manifest)> = vec![];
    for (src, doc) in docs {
        match manifest::decode(&doc, &ns) {
            Ok(m) => {
                if let (Some(f), Some(d)) = (&flag_ns, &m.meta.namespace) {
                    if f != d {
                        errs.push((ns_mismatch(d, f), true));
                        continue;
                    }
                }
                items.push((src, m));
            }
            Err(e) => {
                let (msg, prefix) = e.render(&src, "creating");
                errs.push((msg, prefix));
            }
        }
    }
    if items.is_empty() && errs.is_empty() {
        return Err(format!("error: no objects passed to {verb}"));
    }
    let mut out = String::new();
    for (src, m) in &items {
        let r = if dry.is_empty() {
            w.cluster_op(ci, |cl, now, rng| cl.apply_manifest(m, create, now, rng))
        } else {
            w.dry_cluster_op(ci, |cl, now, rng| cl.apply_manifest(m, create, now, rng))
        };
        match r {
            Ok((outcome, warn)) => {
                if warn {
                    out.push_str(&format!("Warning: resource {}/{} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n", m.kind.resource(), m.meta.name));
                }
                let word = if create { Outcome::Created } else { outcome };
                out.push_str(&format!(
                    "{}/{} {}{dry}\n",
                    m.kind.prefix(),
                    m.meta.name,
                    word.as_str()
                ));
            }
            Err(Refusal::NamespaceNotFound(n)) => errs.push((
                format!("Error from server (NotFound): error when creating {src:?}: namespaces {n:?} not found"),
                false,
            )),
            Err(Refusal::AlreadyExists) => errs.push((
                format!(
                    "Error from server (AlreadyExists): error when creating {src:?}: {} {:?} already exists",
                    m.kind.resource(),
                    m.meta.name
                ),
                false,
            )),
            Err(Refusal::Invalid(causes)) => {
                let e = manifest::Error::Invalid {
                    kind: m.kind,
                    name: m.meta.name.clone(),
                    causes,
                };
                errs.push(e.render(src, "patching"));
            }
        }
    }
    with_errors(out, error_text(&errs))
}

/// Deletes one object; `false` when it does not exist.
fn delete_object(w: &mut World, ci: usize, kind: Kind, ns: &str, name: &str) -> bool {
    let done = match kind {
        Kind::Pod => w.delete_pod(ci, ns, name, None, false).is_ok(),
        Kind::Deployment => {
            w.cluster_op(ci, |cl, now, rng| cl.delete_deployment(ns, name, now, rng))
        }
        Kind::Pvc => w.cluster_op(ci, |cl, now, rng| cl.delete_pvc(ns, name, now, rng)),
        Kind::Pv => w.cluster_op(ci, |cl, now, rng| cl.delete_pv(name, now, rng)),
        Kind::StorageClass => w.clusters[ci].delete_storage_class(name),
    };
    if done {
        w.clusters[ci].forget_applied(kind, ns, name);
        if kind == Kind::StorageClass {
            w.reconcile(ci);
        }
    }
    done
}

/// `kubectl delete -f ...`.
pub(super) fn delete_files(
    w: &mut World,
    ci: usize,
    p: &Parsed,
    stdin: Option<&str>,
) -> Result<String, String> {
    let files = p.all("filename");
    let flag_ns = p.last("namespace").map(|s| s.to_string());
    let ns = flag_ns.clone().unwrap_or_else(|| "default".into());
    let (sources, read_errs) = read_sources(w, &files, stdin);
    let mut errs: Vec<(String, bool)> = read_errs.into_iter().map(|e| (e, true)).collect();
    let (docs, doc_errs) = documents(&sources);
    errs.extend(doc_errs);
    let mut out = String::new();
    let mut any = false;
    for (src, doc) in docs {
        let (kind, name, dns) = match manifest::identify(&doc, &ns) {
            Ok(x) => x,
            Err(e) => {
                errs.push(e.render(&src, "deleting"));
                continue;
            }
        };
        any = true;
        let dns = dns.unwrap_or_default();
        if let Some(f) = &flag_ns {
            if kind.namespaced() && f != &dns {
                errs.push((ns_mismatch(&dns, f), true));
                continue;
            }
        }
        if delete_object(w, ci, kind, &dns, &name) {
            out.push_str(&format!("{} {name:?} deleted\n", kind.prefix()));
        } else {
            errs.push((
                format!(
                    "Error from server (NotFound): error when deleting {src:?}: {} {name:?} not found",
                    kind.resource()
                ),
                false,
            ));
        }
    }
    if !any && errs.is_empty() {
        return Err("error: no objects passed to delete".into());
    }
    with_errors(out, error_text(&errs))
}

/// `kubectl delete pvc|pv|sc|deployment NAME... | --all`.
pub(super) fn delete_named(
    w: &mut World,
    ci: usize,
    kind: Kind,
    names: &[String],
    ns: &str,
    all: bool,
) -> Result<String, String> {
    let names: Vec<String> = if all {
        let cl = &w.clusters[ci];
        let mut v: Vec<String> = match kind {
            Kind::Pvc => cl
                .storage
                .pvcs
                .iter()
                .filter(|c| c.namespace == ns)
                .map(|c| c.name.clone())
                .collect(),
            Kind::Pv => cl.storage.pvs.iter().map(|v| v.name.clone()).collect(),
            Kind::StorageClass => cl.storage.classes.iter().map(|c| c.name.clone()).collect(),
            Kind::Deployment => cl
                .deployments
                .iter()
                .filter(|d| d.namespace == ns)
                .map(|d| d.name.clone())
                .collect(),
            Kind::Pod => cl
                .pods
                .iter()
                .filter(|p| p.namespace == ns)
                .map(|p| p.name.clone())
                .collect(),
        };
        v.sort();
        if v.is_empty() {
            return Ok(if kind.namespaced() {
                format!("No resources found in {ns} namespace.")
            } else {
                "No resources found".into()
            });
        }
        v
    } else {
        names.to_vec()
    };
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    let mut out = String::new();
    let mut err = String::new();
    for n in names {
        if delete_object(w, ci, kind, ns, &n) {
            out.push_str(&format!("{} {n:?} deleted\n", kind.prefix()));
        } else {
            err.push_str(&format!(
                "Error from server (NotFound): {} {n:?} not found\n",
                kind.resource()
            ));
        }
    }
    with_errors(out, err)
}
