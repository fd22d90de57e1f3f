//! `kubectl`: get, describe, delete, apply/create -f, scale, cordon/uncordon — kubectl's layouts
//! and error messages (storage and manifests in `kubectl_storage`).

use super::flags::{flag, parse_flags, FlagErr, FlagSpec, Parsed};
use super::kubectl_storage::{self as storage, GetOpts, Store};
use super::with_errors;
use crate::fmt::{kube_age, rfc1123z, table, tabwrite, Ts};
use crate::k8s::{App, Cluster, CondStatus, Deployment, Node, Owner, Pod, Taint, UNSCHEDULABLE};
use crate::manifest::Kind;
use crate::world::World;

const NO_SERVER: &str =
    "The connection to the server localhost:8080 was refused - did you specify the right host or port?";

fn flag_err(e: FlagErr, sub: &str) -> String {
    let see = if sub.is_empty() {
        "See 'kubectl --help' for usage.".to_string()
    } else {
        format!("See 'kubectl {sub} --help' for usage.")
    };
    match e {
        FlagErr::Unknown(f) => format!("error: unknown flag: {f}\n{see}"),
        FlagErr::UnknownShort(c, w) => {
            format!("error: unknown shorthand flag: '{c}' in {w}\n{see}")
        }
        FlagErr::NeedsArg(f) => format!("error: flag needs an argument: {f}\n{see}"),
    }
}

const COMMON: [FlagSpec; 4] = [
    flag("namespace", Some('n'), true),
    flag("context", None, true),
    flag("kubeconfig", None, true),
    flag("help", Some('h'), false),
];

fn specs(extra: &[FlagSpec]) -> Vec<FlagSpec> {
    let mut v = COMMON.to_vec();
    v.extend_from_slice(extra);
    v
}

pub(super) fn run(w: &mut World, args: &[String], stdin: Option<&str>) -> Result<String, String> {
    let Some(sub) = args.first() else {
        return Ok("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands: get, describe, delete, apply, create, scale, cordon, uncordon\n".into());
    };
    let rest = &args[1..];
    match sub.as_str() {
        "get" | "describe" | "delete" | "apply" | "create" | "scale" | "cordon" | "uncordon"
        | "cluster-info" | "version" => {}
        "config" => return config(w, rest),
        s if s.starts_with('-') => {
            return Err(flag_err(FlagErr::Unknown(s.to_string()), ""));
        }
        s => {
            return Err(format!(
                "error: unknown command \"{s}\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\tdescribe\n\tdelete"
            ))
        }
    }
    if sub == "version" {
        let v = w.k8s_version().tag();
        let server = match w.current_cluster() {
            Some(_) => format!("Server Version: {v}"),
            None => NO_SERVER.to_string(),
        };
        return Ok(format!(
            "Client Version: {v}\nKustomize Version: v5.4.2\n{server}"
        ));
    }
    let Some(ci) = w.current_cluster() else {
        return Err(NO_SERVER.into());
    };
    api_reachable(w, ci)?;
    match sub.as_str() {
        "get" => get(w, ci, rest),
        "describe" => describe(w, ci, rest),
        "delete" => delete(w, ci, rest, stdin),
        "apply" | "create" => apply(w, ci, rest, stdin, sub == "create"),
        "scale" => scale(w, ci, rest),
        "cordon" => cordon(w, ci, rest, true),
        "uncordon" => cordon(w, ci, rest, false),
        "cluster-info" => {
            let port = w
                .containers
                .iter()
                .flat_map(|c| c.ports.iter())
                .find(|p| p.container_port == 6443)
                .map(|p| p.host_port)
                .unwrap_or(6443);
            Ok(format!("Kubernetes control plane is running at https://127.0.0.1:{port}\nCoreDNS is running at https://127.0.0.1:{port}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'."))
        }
        _ => Err(String::new()),
    }
}

/// The API server is reached through kind's load balancer (several control-plane nodes) or the
/// control-plane container; etcd needs a majority of the control-plane nodes.
fn api_reachable(w: &World, ci: usize) -> Result<(), String> {
    let name = &w.clusters[ci].name;
    let front = w.containers.iter().find(|c| {
        c.ports.iter().any(|p| p.container_port == 6443)
            && match &c.role {
                crate::docker::ContainerRole::KindLb { cluster } => cluster == name,
                crate::docker::ContainerRole::KindNode { cluster, .. } => cluster == name,
                _ => false,
            }
    });
    if let Some(c) = front {
        if !c.running() {
            let port = c
                .ports
                .iter()
                .find(|p| p.container_port == 6443)
                .map(|p| p.host_port)
                .unwrap_or(6443);
            return Err(format!("The connection to the server 127.0.0.1:{port} was refused - did you specify the right host or port?"));
        }
    }
    let cps: Vec<bool> = w.clusters[ci]
        .nodes
        .iter()
        .filter(|n| n.role == crate::kind::Role::ControlPlane)
        .map(|n| n.container_up)
        .collect();
    let up = cps.iter().filter(|u| **u).count();
    if up == 0 {
        return Err("Unable to connect to the server: EOF".into());
    }
    if up * 2 <= cps.len() {
        return Err("Error from server: etcdserver: request timed out".into());
    }
    Ok(())
}

/// `kubectl config current-context|get-contexts|use-context NAME` (kind writes `kind-<cluster>`).
fn config(w: &mut World, args: &[String]) -> Result<String, String> {
    let words: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    match words.as_slice() {
        ["current-context"] => match &w.context {
            Some(c) => Ok(format!("kind-{c}")),
            None => Err("error: current-context is not set".into()),
        },
        ["get-contexts"] => {
            let mut names: Vec<&str> = w.clusters.iter().map(|c| c.name.as_str()).collect();
            names.sort();
            let rows: Vec<Vec<String>> = names
                .iter()
                .map(|n| {
                    let cur = if w.context.as_deref() == Some(*n) { "*" } else { "" };
                    vec![cur.to_string(), format!("kind-{n}"), format!("kind-{n}"), format!("kind-{n}"), String::new()]
                })
                .collect();
            Ok(table(&["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"], &rows, 3))
        }
        ["use-context", ctx] => {
            let name = ctx.strip_prefix("kind-").unwrap_or("");
            if w.cluster_index(name).is_some() {
                w.context = Some(name.to_string());
                Ok(format!("Switched to context \"{ctx}\"."))
            } else {
                Err(format!("error: no context exists with the name: \"{ctx}\""))
            }
        }
        _ => Err("error: this lab's kubectl config knows current-context, get-contexts and use-context NAME".into()),
    }
}

fn ns_of(p: &Parsed) -> String {
    p.last("namespace").unwrap_or("default").to_string()
}

#[derive(Clone, Copy)]
enum Res {
    Nodes,
    Pods,
    Deployments,
    Namespaces,
    Services,
    Ingresses,
    Events,
    Store(Store),
}

impl Res {
    /// How kubectl prefixes names when it lists several kinds (`pod/x`).
    fn prefix(&self) -> &'static str {
        match self {
            Res::Nodes => "node",
            Res::Pods => "pod",
            Res::Deployments => "deployment.apps",
            Res::Namespaces => "namespace",
            Res::Services => "service",
            Res::Ingresses => "ingress.networking.k8s.io",
            Res::Events => "event",
            Res::Store(s) => s.prefix(),
        }
    }
    fn namespaced(&self) -> bool {
        match self {
            Res::Nodes | Res::Namespaces => false,
            Res::Store(s) => s.namespaced(),
            _ => true,
        }
    }
}

fn resource(s: &str) -> Option<(Res, Option<String>)> {
    let (kind, name) = match s.split_once('/') {
        Some((k, n)) => (k, Some(n.to_string())),
        None => (s, None),
    };
    let r = match kind {
        "nodes" | "node" | "no" => Res::Nodes,
        "pods" | "pod" | "po" => Res::Pods,
        "deployments" | "deployment" | "deploy" | "deployments.apps" | "deployment.apps" => {
            Res::Deployments
        }
        "namespaces" | "namespace" | "ns" => Res::Namespaces,
        "services" | "service" | "svc" => Res::Services,
        "events" | "event" | "ev" => Res::Events,
        "ingresses" | "ingress" | "ing" | "ingresses.networking.k8s.io" => Res::Ingresses,
        other => Res::Store(Store::parse(other)?),
    };
    Some((r, name))
}

fn get(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("all-namespaces", Some('A'), false),
            flag("output", Some('o'), true),
            flag("show-labels", None, false),
            flag("watch", Some('w'), false),
            flag("selector", Some('l'), true),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "get"))?;
    let Some(kind) = p.positional.first() else {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples".into());
    };
    let mut kinds = vec![];
    for k in kind.split(',') {
        kinds.push(resource_or_err(k)?);
    }
    let first_names = names_of(&p, kinds[0].1.clone());
    no_kind_in_names(&first_names)?;
    let wide = match p.last("output") {
        None => false,
        Some("wide") => true,
        Some("name") => false,
        Some(o) => {
            return Err(format!("error: unable to match a printer suitable for the output format \"{o}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml (this lab prints: wide, name)"))
        }
    };
    let name_only = p.last("output") == Some("name");
    let all = p.on("all-namespaces");
    let ns = ns_of(&p);
    let show_labels = p.on("show-labels");
    let opts = |names: &[String]| {
        (
            names.to_vec(),
            wide,
            name_only,
            all,
            ns.clone(),
            show_labels,
        )
    };
    if kinds.len() == 1 {
        let (res, _) = kinds[0].clone();
        return get_one(w, ci, res, &opts(&first_names), "");
    }
    // several kinds (`get sc,pv,pvc`): kubectl prefixes names with their kind when more than one
    // kind has objects, and leaves a blank line between the kinds' tables
    let listings = |w: &World, with_kind: bool| -> Vec<(String, String)> {
        kinds
            .iter()
            .map(|(res, slash)| {
                let names = names_of(&p, slash.clone());
                let pfx = if with_kind {
                    format!("{}/", res.prefix())
                } else {
                    String::new()
                };
                let r = get_one(w, ci, *res, &opts(&names), &pfx);
                let text = match r {
                    Ok(t) | Err(t) => t,
                };
                let (errs, rest): (Vec<&str>, Vec<&str>) = text
                    .lines()
                    .partition(|l| l.starts_with("Error from server"));
                let table = if rest
                    .first()
                    .is_some_and(|l| l.starts_with("No resources found"))
                {
                    String::new()
                } else {
                    rest.iter().map(|l| format!("{l}\n")).collect()
                };
                (table, errs.iter().map(|l| format!("{l}\n")).collect())
            })
            .collect()
    };
    let first = listings(w, false);
    let with_kind = first.iter().filter(|(t, _)| !t.is_empty()).count() > 1;
    let lists = if with_kind { listings(w, true) } else { first };
    let sep = if name_only { "" } else { "\n" };
    let tables: Vec<String> = lists
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, _)| t.clone())
        .collect();
    let errs: String = lists.iter().map(|(_, e)| e.as_str()).collect();
    if tables.is_empty() && errs.is_empty() {
        let namespaced = kinds.iter().all(|(r, _)| r.namespaced());
        return Ok(if namespaced && !all {
            no_resources(false, &ns)
        } else {
            "No resources found\n".into()
        });
    }
    with_errors(tables.join(sep), errs)
}

/// `kubectl get` of one kind; `pfx` goes before the names (`pod/`) in a listing of several.
fn get_one(
    w: &World,
    ci: usize,
    res: Res,
    o: &(Vec<String>, bool, bool, bool, String, bool),
    pfx: &str,
) -> Result<String, String> {
    let (names, wide, name_only, all, ns) = (&o.0, o.1, o.2, o.3, o.4.clone());
    let show_labels = o.5;
    let now = w.now();
    let cl = &w.clusters[ci];
    match res {
        Res::Store(what) => {
            let go = GetOpts {
                names,
                ns: &ns,
                all,
                wide,
                name_only,
                prefix: pfx,
            };
            storage::list(cl, what, &go, now)
        }
        Res::Nodes => {
            let (nodes, err) = pick(sorted_nodes(cl), names);
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
        Res::Pods => {
            let pods: Vec<&Pod> = cl
                .sorted_pods()
                .into_iter()
                .filter(|x| all || x.namespace == ns)
                .collect();
            let (pods, err) = pick(pods, names);
            print_found(&pods, err, no_resources(all, &ns), name_only, |pods| {
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
        Res::Deployments => {
            let mut deps: Vec<_> = cl
                .deployments
                .iter()
                .filter(|d| all || d.namespace == ns)
                .filter(|d| names.is_empty() || names.contains(&d.name))
                .collect();
            deps.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
            let err: String = names
                .iter()
                .filter(|n| !deps.iter().any(|d| &d.name == *n))
                .map(|n| not_found(Deployment::KIND, n) + "\n")
                .collect();
            print_found(&deps, err, no_resources(all, &ns), name_only, |deps| {
                let rows: Vec<Vec<String>> = deps
                    .iter()
                    .map(|d| {
                        let mine: Vec<&Pod> = cl
                            .pods
                            .iter()
                            .filter(|x| {
                                x.namespace == d.namespace
                                    && matches!(&x.owner, Owner::ReplicaSet { deployment, .. } if *deployment == d.name)
                            })
                            .collect();
                        let ready = mine.iter().filter(|x| x.ready_cond && x.deletion.is_none()).count();
                        let current = mine.iter().filter(|x| x.deletion.is_none()).count();
                        let mut r = namespace_column(all, d.namespace.clone());
                        r.extend([
                            format!("{pfx}{}", d.name),
                            format!("{ready}/{}", d.replicas),
                            current.min(d.replicas as usize).to_string(),
                            ready.min(d.replicas as usize).to_string(),
                            kube_age(now - d.created),
                        ]);
                        if wide {
                            r.extend([
                                d.spec.container_name(),
                                d.spec.image(&cl.version),
                                d.selector.clone(),
                            ]);
                        }
                        r
                    })
                    .collect();
                let mut h = namespace_column(all, "NAMESPACE");
                h.extend(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
                if wide {
                    h.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
                }
                table(&h, &rows, 3)
            })
        }
        Res::Services => {
            // (namespace, name, type, cluster-ip, ports, created)
            let mut svcs: Vec<(String, &str, &str, &str, &str, Ts)> = vec![
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
                return Ok(no_resources(all, &ns));
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
        Res::Events => {
            let mut evs: Vec<&crate::k8s::Event> = cl
                .events
                .iter()
                .filter(|e| all || e.namespace == ns)
                .filter(|e| e.last > now - crate::k8s::EVENT_TTL)
                .collect();
            evs.sort_by_key(|e| e.last);
            if evs.is_empty() {
                return Ok(no_resources(all, &ns));
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
        Res::Ingresses => {
            let rows: Vec<Vec<String>> = cl
                .ingresses
                .iter()
                .filter(|i| all || i.0 == ns)
                .filter(|i| names.is_empty() || names.contains(&i.1))
                .map(|i| {
                    let created = cl
                        .deployments
                        .iter()
                        .find(|d| d.name == i.3)
                        .map(|d| d.created)
                        .unwrap_or(cl.created);
                    let mut r = namespace_column(all, i.0.clone());
                    r.extend([
                        format!("{pfx}{}", i.1),
                        "nginx".into(),
                        "*".into(),
                        "localhost".into(),
                        "80".into(),
                        kube_age(now - created),
                    ]);
                    r
                })
                .collect();
            if rows.is_empty() {
                return Ok(no_resources(all, &ns));
            }
            let mut h = namespace_column(all, "NAMESPACE");
            h.extend(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]);
            Ok(table(&h, &rows, 3))
        }
        Res::Namespaces => {
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
    }
}

fn cond_rows(n: &Node, heartbeat: Ts) -> Vec<Vec<String>> {
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

fn describe_node(cl: &Cluster, n: &Node, now: Ts) -> String {
    let mut s = String::new();
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
            s.push_str(&format!("{lead}{}:{}\n", t.key, t.effect));
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
    s.push_str("Events:              <none>\n");
    s
}

fn describe(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[flag("all-namespaces", Some('A'), false)]),
        false,
    )
    .map_err(|e| flag_err(e, "describe"))?;
    let Some(kind) = p.positional.first() else {
        return Err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.".into());
    };
    let now = w.now();
    let cl = &w.clusters[ci];
    match resource_or_err(kind)? {
        (Res::Nodes, slash) => {
            let (nodes, err) = pick(sorted_nodes(cl), &names_of(&p, slash));
            let out: Vec<String> = nodes.iter().map(|n| describe_node(cl, n, now)).collect();
            with_errors(out.join("\n\n\n"), err)
        }
        (Res::Pods, slash) => {
            let ns = ns_of(&p);
            let name = slash
                .or_else(|| p.positional.get(1).cloned())
                .unwrap_or_default();
            let Some(x) = cl.pods.iter().find(|x| x.namespace == ns && x.name == name) else {
                return Err(not_found(Pod::KIND, &name));
            };
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
                x.spec.node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
            };
            let events = storage::events_of(cl, Some(&x.namespace), &format!("pod/{}", x.name), now);
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
        (Res::Store(what), slash) => {
            let names = names_of(&p, slash);
            storage::describe(cl, what, &names, &ns_of(&p), now)
        }
        _ => Err(format!(
            "error: this lab describes nodes, pods, pvc, pv and storageclasses (kubectl get {kind} lists them)"
        )),
    }
}

fn delete(
    w: &mut World,
    ci: usize,
    args: &[String],
    stdin: Option<&str>,
) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("grace-period", None, true),
            flag("force", None, false),
            flag("now", None, false),
            flag("wait", None, false),
            flag("all", None, false),
            flag("filename", Some('f'), true),
            flag("ignore-not-found", None, false),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "delete"))?;
    if p.has("filename") {
        if !p.positional.is_empty() {
            return Err("error: resource(s) were provided, but no name was specified".into());
        }
        return storage::delete_files(w, ci, &p, stdin);
    }
    let Some(kind) = p.positional.first() else {
        return Err("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into());
    };
    let (res, slash) = resource_or_err(kind)?;
    let names = names_of(&p, slash);
    no_kind_in_names(&names)?;
    let target = match res {
        Res::Pods => None,
        Res::Deployments => Some(Kind::Deployment),
        Res::Store(Store::Claims) => Some(Kind::Pvc),
        Res::Store(Store::Volumes) => Some(Kind::Pv),
        Res::Store(Store::Classes) => Some(Kind::StorageClass),
        _ => {
            return Err(
                "error: this lab deletes pods, deployments, pvc, pv and storageclasses (kubectl delete pod NAME -n NAMESPACE)".into(),
            )
        }
    };
    if let Some(kind) = target {
        return storage::delete_named(w, ci, kind, &names, &ns_of(&p), p.on("all"));
    }
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    let force = p.on("force");
    let mut grace: Option<i64> = match p.last("grace-period") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(g) if g < 0 => None,
            Ok(g) => Some(g),
            Err(_) => {
                return Err(format!(
                    "invalid argument \"{v}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax\nSee 'kubectl delete --help' for usage."
                ))
            }
        },
    };
    if p.on("now") {
        grace = Some(1);
    }
    if grace == Some(0) && !force {
        // kubectl turns --grace-period=0 into 1 unless --force is given
        grace = Some(1);
    }
    if force && grace.is_none() {
        grace = Some(0);
    }
    let ns = ns_of(&p);
    let mut out = String::new();
    let mut err = String::new();
    if force && grace == Some(0) {
        out.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    for n in names {
        match w.delete_pod(ci, &ns, &n, grace, force) {
            Ok(_) => {
                if force && grace == Some(0) {
                    out.push_str(&format!("pod \"{n}\" force deleted\n"));
                } else {
                    out.push_str(&format!("pod \"{n}\" deleted\n"));
                }
            }
            Err(e) => err.push_str(&format!("{e}\n")),
        }
    }
    with_errors(out, err)
}

/// `kubectl apply -f` / `kubectl create -f`.
fn apply(
    w: &mut World,
    ci: usize,
    args: &[String],
    stdin: Option<&str>,
    create: bool,
) -> Result<String, String> {
    let sub = if create { "create" } else { "apply" };
    let p = parse_flags(
        args,
        &specs(&[
            flag("filename", Some('f'), true),
            flag("dry-run", None, true),
            flag("recursive", Some('R'), false),
            flag("validate", None, true),
            flag("save-config", None, false),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, sub))?;
    if let Some(x) = p.positional.first() {
        return Err(if create {
            format!("error: unknown command \"{x}\" for \"kubectl create\" (this lab creates from files: kubectl create -f FILE)")
        } else {
            format!("error: Unexpected args: [{x}]\nSee 'kubectl apply -h' for help and examples")
        });
    }
    storage::apply(w, ci, &p, stdin, create)
}

fn scale(w: &mut World, ci: usize, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &specs(&[
            flag("replicas", None, true),
            flag("current-replicas", None, true),
        ]),
        false,
    )
    .map_err(|e| flag_err(e, "scale"))?;
    let Some(replicas) = p.last("replicas") else {
        return Err("error: required flag(s) \"replicas\" not set".into());
    };
    let Ok(replicas) = replicas.parse::<i64>() else {
        return Err(format!("invalid argument \"{replicas}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{replicas}\": invalid syntax\nSee 'kubectl scale --help' for usage."));
    };
    if replicas < 0 {
        return Err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into());
    }
    let Some(kind) = p.positional.first() else {
        return Err(
            "error: You must provide one or more resources by argument or filename.".into(),
        );
    };
    let (res, slash) = resource_or_err(kind)?;
    if !matches!(res, Res::Deployments) {
        return Err("error: this lab scales deployments only".into());
    }
    let name = slash.or_else(|| p.positional.get(1).cloned());
    let Some(name) = name else {
        return Err("error: resource(s) were provided, but no name was specified".into());
    };
    let ns = ns_of(&p);
    let cl = &mut w.clusters[ci];
    let Some(d) = cl
        .deployments
        .iter_mut()
        .find(|d| d.namespace == ns && d.name == name)
    else {
        return Err(not_found(Deployment::KIND, &name));
    };
    d.replicas = replicas.min(500) as u32;
    w.reconcile(ci);
    Ok(format!("deployment.apps/{name} scaled"))
}

fn cordon(w: &mut World, ci: usize, args: &[String], on: bool) -> Result<String, String> {
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
            n.taints.push(Taint {
                key: UNSCHEDULABLE.into(),
                effect: "NoSchedule".into(),
                added: now,
            });
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

/// A listing's first column when it lists all namespaces (`-A`): `vec![cell]`, else nothing.
fn namespace_column<T>(all_namespaces: bool, cell: T) -> Vec<T> {
    if all_namespaces {
        vec![cell]
    } else {
        vec![]
    }
}

/// kubectl's message for an empty listing.
fn no_resources(all_namespaces: bool, ns: &str) -> String {
    if all_namespaces {
        "No resources found\n".into()
    } else {
        format!("No resources found in {ns} namespace.\n")
    }
}

fn resource_or_err(kind: &str) -> Result<(Res, Option<String>), String> {
    resource(kind)
        .ok_or_else(|| format!("error: the server doesn't have a resource type \"{kind}\""))
}

/// The names a command was given: the one of `kind/name` first, then the other arguments.
fn names_of(p: &Parsed, slash: Option<String>) -> Vec<String> {
    let mut names: Vec<String> = p.positional[1..].to_vec();
    if let Some(n) = slash {
        names.insert(0, n);
    }
    names
}

/// After `kind/name`, or a kind, the names may not name a kind again.
fn no_kind_in_names(names: &[String]) -> Result<(), String> {
    if names.iter().any(|n| n.contains('/')) {
        return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
    }
    Ok(())
}

/// kubectl's line for a name it cannot find (`kind` as the API server spells it: `nodes`,
/// `pods`, `deployments.apps`); no newline.
fn not_found(kind: &str, name: &str) -> String {
    format!("Error from server (NotFound): {kind} \"{name}\" not found")
}

/// A kind `kubectl get` looks up by name.
trait Named {
    /// As in NotFound errors.
    const KIND: &'static str;
    /// As in `-o name` output.
    const PREFIX: &'static str;
    fn name(&self) -> &str;
}

impl Named for Node {
    const KIND: &'static str = "nodes";
    const PREFIX: &'static str = "node";
    fn name(&self) -> &str {
        &self.name
    }
}

impl Named for Pod {
    const KIND: &'static str = "pods";
    const PREFIX: &'static str = "pod";
    fn name(&self) -> &str {
        &self.name
    }
}

impl Named for Deployment {
    const KIND: &'static str = "deployments.apps";
    const PREFIX: &'static str = "deployment.apps";
    fn name(&self) -> &str {
        &self.name
    }
}

fn sorted_nodes(cl: &Cluster) -> Vec<&Node> {
    let mut nodes: Vec<&Node> = cl.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    nodes
}

/// The objects of `all` named in `names`, in the order asked (no names: all of them), and a
/// NotFound line for each name that is missing.
fn pick<'a, T: Named>(all: Vec<&'a T>, names: &[String]) -> (Vec<&'a T>, String) {
    if names.is_empty() {
        return (all, String::new());
    }
    let mut found = vec![];
    let mut err = String::new();
    for n in names {
        match all.iter().find(|x| x.name() == n) {
            Some(x) => found.push(*x),
            None => err.push_str(&(not_found(T::KIND, n) + "\n")),
        }
    }
    (found, err)
}

/// How `kubectl get` prints what it found: nothing → `empty`, or the NotFound lines alone as an
/// error; `-o name` → `kind/name` lines then the NotFound lines; else `table(found)`, an error
/// when NotFound lines follow it.
fn print_found<T: Named>(
    found: &[&T],
    err: String,
    empty: String,
    name_only: bool,
    table: impl FnOnce(&[&T]) -> String,
) -> Result<String, String> {
    if found.is_empty() {
        return if err.is_empty() { Ok(empty) } else { Err(err) };
    }
    if name_only {
        return Ok(found
            .iter()
            .map(|x| format!("{}/{}\n", T::PREFIX, x.name()))
            .collect::<String>()
            + &err);
    }
    with_errors(table(found), err)
}
