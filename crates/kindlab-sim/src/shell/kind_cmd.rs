//! `kind create cluster`, `kind delete cluster`, `kind get clusters|nodes`.

use super::flags::{flag, parse_flags, FlagErr};
use crate::kind::{self, Role};
use crate::world::World;

fn flag_err(e: FlagErr) -> String {
    match e {
        FlagErr::Unknown(f) => format!("ERROR: unknown flag: {f}"),
        FlagErr::UnknownShort(c, w) => format!("ERROR: unknown shorthand flag: '{c}' in {w}"),
        FlagErr::NeedsArg(f) => format!("ERROR: flag needs an argument: {f}"),
    }
}

const USAGE: &str = "kind creates and manages local Kubernetes clusters using Docker container 'nodes'\n\nUsage:\n  kind [command]\n\nAvailable Commands:\n  create      Creates one of [cluster]\n  delete      Deletes one of [cluster]\n  get         Gets one of [clusters, nodes, kubeconfig]\n  version     Prints the kind CLI version\n";

pub(super) fn run(w: &mut World, args: &[String]) -> Result<String, String> {
    let words: Vec<&str> = args.iter().map(|s| s.as_str()).collect();
    match words.as_slice() {
        [] => Ok(USAGE.into()),
        ["version", ..] => Ok("kind v0.30.0 go1.24.6 linux/amd64".into()),
        ["create", "cluster", ..] => create(w, &args[2..]),
        ["delete", "cluster", ..] | ["delete", "clusters", ..] => delete(w, &args[2..]),
        ["get", "clusters", ..] => {
            let mut names: Vec<&str> = w.clusters.iter().map(|c| c.name.as_str()).collect();
            names.sort();
            if names.is_empty() {
                Ok("No kind clusters found.".into())
            } else {
                Ok(names.join("\n"))
            }
        }
        ["get", "nodes", ..] => {
            let p = parse_flags(
                &args[2..],
                &[
                    flag("name", Some('n'), true),
                    flag("all-clusters", Some('A'), false),
                ],
                false,
            )
            .map_err(flag_err)?;
            let name = p.last("name").unwrap_or("kind");
            let Some(ci) = w.cluster_index(name) else {
                return Ok(format!("No kind nodes found for cluster \"{name}\"."));
            };
            let mut v: Vec<String> = w.clusters[ci]
                .nodes
                .iter()
                .map(|n| n.name.clone())
                .collect();
            if w.containers
                .iter()
                .any(|c| c.name == format!("{name}-external-load-balancer"))
            {
                v.push(format!("{name}-external-load-balancer"));
            }
            v.sort();
            Ok(v.join("\n"))
        }
        ["create", x, ..] | ["delete", x, ..] | ["get", x, ..] => Err(format!(
            "ERROR: unknown command \"{x}\" for \"kind {}\"",
            words[0]
        )),
        [x, ..] if x.starts_with('-') => Err(format!("ERROR: unknown flag: {x}")),
        [x, ..] => Err(format!("ERROR: unknown command \"{x}\" for \"kind\"")),
    }
}

fn create(w: &mut World, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &[
            flag("name", Some('n'), true),
            flag("config", None, true),
            flag("image", None, true),
            flag("wait", None, true),
            flag("retain", None, false),
            flag("kubeconfig", None, true),
        ],
        false,
    )
    .map_err(flag_err)?;
    if let Some(x) = p.positional.first() {
        return Err(format!(
            "ERROR: unknown command \"{x}\" for \"kind create cluster\""
        ));
    }
    let cfg = match p.last("config") {
        Some(path) => {
            let text = w.fs.read(path).map_err(|_| format!("ERROR: failed to create cluster: error reading file: open {path}: no such file or directory"))?.to_string();
            kind::parse_config(&text)
                .map_err(|e| format!("ERROR: failed to create cluster: {e}"))?
        }
        None => kind::parse_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n")
            .map_err(|e| format!("ERROR: {e}"))?,
    };
    let name = p
        .last("name")
        .map(|s| s.to_string())
        .or(cfg.name.clone())
        .unwrap_or_else(|| "kind".into());
    // kind checks for an existing cluster before it validates the config
    if w.cluster_index(&name).is_some() {
        return Err(format!("ERROR: failed to create cluster: node(s) already exist for a cluster with the name \"{name}\""));
    }
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
    {
        return Err(format!("ERROR: failed to create cluster: '{name}' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"));
    }
    let plan = kind::plan_nodes(&name, &cfg);
    for pn in &plan {
        if w.container_index(&pn.name).is_some() {
            return Err(format!("ERROR: failed to create cluster: node(s) already exist for a cluster with the name \"{name}\""));
        }
    }
    // host ports asked for by extraPortMappings must be free
    for pn in &plan {
        for m in &pn.port_mappings {
            let hp = m.host_port.unwrap_or(m.container_port);
            if w.containers
                .iter()
                .any(|c| c.running() && c.ports.iter().any(|q| q.host_port == hp))
            {
                return Err(format!("ERROR: failed to create cluster: command \"docker run --name {} ...\" failed with error: exit status 125\nCommand Output: docker: Error response from daemon: driver failed programming external connectivity on endpoint {}: Bind for 0.0.0.0:{hp} failed: port is already allocated.", pn.name, pn.name));
            }
        }
    }
    let cps = plan.iter().filter(|n| n.role == Role::ControlPlane).count();
    let workers = plan.len() - cps;
    let v = w.k8s_version().tag();
    let t0 = w.now();
    w.create_cluster(&name, &plan, t0);
    // creating a cluster takes about a minute
    w.advance(45_000 + 10_000 * plan.len() as i64);
    let mut s = format!("Creating cluster \"{name}\" ...\n ✓ Ensuring node image (kindest/node:{v}) 🖼\n ✓ Preparing nodes {}\n", "📦 ".repeat(plan.len()));
    if cps > 1 {
        s.push_str(" ✓ Configuring the external load balancer ⚖️\n");
    }
    s.push_str(" ✓ Writing configuration 📜\n ✓ Starting control-plane 🕹️\n ✓ Installing CNI 🔌\n ✓ Installing StorageClass 💾\n");
    if cps > 1 {
        s.push_str(" ✓ Joining more control-plane nodes 🎮\n");
    }
    if workers > 0 {
        s.push_str(" ✓ Joining worker nodes 🚜\n");
    }
    s.push_str(&format!("Set kubectl context to \"kind-{name}\"\nYou can now use your cluster with:\n\nkubectl cluster-info --context kind-{name}\n\n{}\n", salutation(w)));
    Ok(s)
}

/// kind ends `create cluster` with one of a few salutations, picked at random.
fn salutation(w: &mut World) -> &'static str {
    use rand::Rng;
    const S: [&str; 4] = [
        "Have a nice day! 👋",
        "Thanks for using kind! 😊",
        "Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/",
        "Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂",
    ];
    S[w.rng.misc.random_range(0..S.len())]
}

fn delete(w: &mut World, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &[
            flag("name", Some('n'), true),
            flag("kubeconfig", None, true),
        ],
        false,
    )
    .map_err(flag_err)?;
    let name = p.last("name").unwrap_or("kind").to_string();
    let mut s = format!("Deleting cluster \"{name}\" ...\n");
    if let Some(ci) = w.cluster_index(&name) {
        let mut del = w.delete_cluster(ci);
        del.sort();
        let quoted: Vec<String> = del.iter().map(|d| format!("\"{d}\"")).collect();
        s.push_str(&format!("Deleted nodes: [{}]\n", quoted.join(" ")));
    }
    Ok(s)
}
