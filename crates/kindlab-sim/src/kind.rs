//! KinD: the cluster configuration file (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`)
//! and the names kind gives the node containers. The YAML itself is read by [`crate::yaml`]
//! (go-yaml v3's messages, as kind prints them).

use crate::yaml::{self, GoYaml, Yaml};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The kind config file of the chapter's cluster (3 control-plane nodes + 3 workers).
pub const CLUSTER01_YAML: &str = include_str!("../../../content/lab/cluster01.yaml");

/// Node images of the kind release the simulator pretends to be (by Kubernetes minor version).
pub fn node_image_patch(minor: u32) -> String {
    let patch = match minor {
        25 => 16,
        26 => 15,
        27 => 16,
        28 => 15,
        29 => 14,
        30 => 13,
        31 => 12,
        32 => 8,
        33 => 4,
        34 => 0,
        _ => 0,
    };
    format!("v1.{minor}.{patch}")
}

/// kind's load balancer image in the HAProxy era (kind <= v0.31).
pub const LB_IMAGE: &str = "kindest/haproxy:v20230606-42a2262b";

/// A node's role in a kind config (`role:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// `control-plane`: runs the API server, etcd, the scheduler and the controllers.
    ControlPlane,
    /// `worker`: runs the workloads.
    Worker,
}

/// A node's `extraPortMappings` entry (validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortMapping {
    /// `containerPort`: the port inside the node container.
    pub container_port: u16,
    /// `hostPort`: the port on the host, when given.
    pub host_port: Option<u16>,
    /// `listenAddress`, when given (kind listens on every interface by default).
    pub listen_address: Option<String>,
    /// `protocol`, when given (`TCP`, `UDP`, `SCTP`).
    pub protocol: Option<String>,
}

/// A node of the config (validated).
#[derive(Debug, Clone)]
pub struct NodeConfig {
    /// `control-plane` or `worker`.
    pub role: Role,
    /// `labels`, put on the Kubernetes node.
    pub labels: BTreeMap<String, String>,
    /// `extraPortMappings`: host ports published by the node container.
    pub extra_port_mappings: Vec<PortMapping>,
    /// `kubeadmConfigPatches`, kept as text.
    pub kubeadm_config_patches: Vec<String>,
}

/// A kind cluster config, as far as kindlab uses it (fields kind knows and kindlab does not
/// model are accepted and ignored).
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// `name:`, when the config gives one.
    pub name: Option<String>,
    /// `None`: no `nodes:` (kind makes one control-plane node).
    pub nodes: Option<Vec<NodeConfig>>,
}

// The file as kind's v1alpha4 types read it (go-yaml v3 with KnownFields: unknown fields are
// errors). Types are loose where Go's are (a label value may be any scalar).

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawCluster {
    #[serde(default)]
    kind: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    api_version: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    nodes: Option<Vec<RawNode>>,
    #[serde(default)]
    networking: Option<RawNetworking>,
    #[serde(default)]
    feature_gates: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    runtime_config: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    kubeadm_config_patches: Option<Vec<String>>,
    #[serde(default, rename = "kubeadmConfigPatchesJSON6902")]
    kubeadm_config_patches_json6902: Option<Vec<RawPatchJson6902>>,
    #[serde(default)]
    containerd_config_patches: Option<Vec<String>>,
    #[serde(default, rename = "containerdConfigPatchesJSON6902")]
    containerd_config_patches_json6902: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawNode {
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    image: Option<String>,
    #[serde(default, deserialize_with = "scalar_map")]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    extra_port_mappings: Option<Vec<RawPortMapping>>,
    #[serde(default)]
    extra_mounts: Option<Vec<RawMount>>,
    #[serde(default)]
    kubeadm_config_patches: Option<Vec<String>>,
    #[serde(default, rename = "kubeadmConfigPatchesJSON6902")]
    kubeadm_config_patches_json6902: Option<Vec<RawPatchJson6902>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawPortMapping {
    #[serde(default)]
    container_port: i32,
    #[serde(default)]
    host_port: i32,
    #[serde(default)]
    listen_address: Option<String>,
    #[serde(default)]
    protocol: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[allow(dead_code)]
struct RawMount {
    #[serde(default)]
    host_path: Option<String>,
    #[serde(default)]
    container_path: Option<String>,
    #[serde(default)]
    read_only: Option<bool>,
    #[serde(default)]
    selinux_relabel: Option<bool>,
    #[serde(default)]
    propagation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[allow(dead_code)]
struct RawNetworking {
    #[serde(default)]
    ip_family: Option<String>,
    #[serde(default)]
    api_server_port: Option<i32>,
    #[serde(default)]
    api_server_address: Option<String>,
    #[serde(default)]
    pod_subnet: Option<String>,
    #[serde(default)]
    service_subnet: Option<String>,
    #[serde(default, rename = "disableDefaultCNI")]
    disable_default_cni: Option<bool>,
    #[serde(default)]
    kube_proxy_mode: Option<String>,
    #[serde(default)]
    dns_search: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawPatchJson6902 {
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    patch: Option<String>,
}

/// A `map[string]string` as go-yaml v3 fills it: any scalar value is taken as its text.
fn scalar_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    use serde::de::Error;
    let v = Yaml::deserialize(d)?;
    let mut out = BTreeMap::new();
    match v {
        Yaml::Null => {}
        Yaml::Map(m) => {
            for (k, v) in m {
                let s = match v {
                    Yaml::Str(s) => s,
                    Yaml::Null => String::new(),
                    Yaml::Bool(_) | Yaml::Int(_) | Yaml::Float(_) => v.to_json(),
                    _ => {
                        return Err(D::Error::custom(
                            "invalid type: sequence, expected a string",
                        ))
                    }
                };
                out.insert(k, s);
            }
        }
        _ => return Err(D::Error::custom("invalid type: sequence, expected a map")),
    }
    Ok(out)
}

/// Labels given through the chapter-era `kubeadmConfigPatches` way:
/// `nodeRegistration.kubeletExtraArgs.node-labels: "ingress-ready=true"`.
fn labels_from_patches(patches: &[String]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for p in patches {
        if crate::yaml::surely_too_deep(p) {
            continue;
        }
        let Ok(v) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(p) else {
            continue;
        };
        let labels = v
            .get("nodeRegistration")
            .and_then(|n| n.get("kubeletExtraArgs"))
            .and_then(|k| k.get("node-labels"))
            .and_then(|l| l.as_str());
        if let Some(l) = labels {
            for kv in l.split(',') {
                if let Some((k, v)) = kv.split_once('=') {
                    out.insert(k.trim().to_string(), v.trim().to_string());
                }
            }
        }
    }
    out
}

/// The Go type a serde path of the config points into (for go-yaml v3's `field X not found in
/// type v1alpha4.Node`).
fn go_type_of(path: &str) -> &'static str {
    let bare: String = {
        let mut s = String::new();
        let mut depth = 0;
        for c in path.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                _ if depth == 0 => s.push(c),
                _ => {}
            }
        }
        s
    };
    match bare.as_str() {
        "" | "." => "v1alpha4.Cluster",
        "nodes" => "v1alpha4.Node",
        "nodes.extraPortMappings" => "v1alpha4.PortMapping",
        "nodes.extraMounts" => "v1alpha4.Mount",
        "networking" => "v1alpha4.Networking",
        "kubeadmConfigPatchesJSON6902" | "nodes.kubeadmConfigPatchesJSON6902" => {
            "v1alpha4.PatchJSON6902"
        }
        _ => "v1alpha4.Cluster",
    }
}

/// go-yaml v3's short tag and value for what serde says it found (`string "abc"` -> !!str `abc`).
fn v3_found(found: &str) -> String {
    let (kind, rest) = found.split_once(' ').unwrap_or((found, ""));
    let tag = match kind {
        "string" => "!!str",
        "integer" => "!!int",
        "floating" => "!!float",
        "boolean" => "!!bool",
        "map" => return "!!map".into(),
        "sequence" => return "!!seq".into(),
        _ => "!!str",
    };
    let v = rest
        .trim_start_matches("point ")
        .trim_matches('`')
        .trim_matches('"');
    format!("{tag} `{v}`")
}

/// go-yaml v3's name for the Go type serde expected.
fn v3_expected(expected: &str, path: &str) -> String {
    let field = path.rsplit('.').next().unwrap_or("");
    match expected {
        "i32" | "u16" => "int32".into(),
        "a boolean" => "bool".into(),
        "a string" if field.starts_with("role") => "v1alpha4.NodeRole".into(),
        "a string" => "string".into(),
        "a map" => "map[string]string".into(),
        "a sequence" if field.starts_with("nodes") => "[]v1alpha4.Node".into(),
        "a sequence" => "[]string".into(),
        e if e.starts_with("struct ") => go_type_of(path).into(),
        e => e.into(),
    }
}

/// A strict-decoding failure as kind reports it (go-yaml v3's `unmarshal errors`, with the line).
fn decode_error(e: &serde_yaml_ng::Error) -> String {
    let line = e.location().map(|l| l.line()).unwrap_or(0);
    let full = e.to_string();
    let msg = full
        .rsplit_once(" at line ")
        .map(|(m, _)| m)
        .unwrap_or(full.as_str());
    let (path, msg) = match msg.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (p, m),
        _ => ("", msg),
    };
    let what = if let Some(r) = msg.strip_prefix("unknown field `") {
        let name = r.split('`').next().unwrap_or("");
        format!("field {name} not found in type {}", go_type_of(path))
    } else if let Some(r) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        format!(
            "cannot unmarshal {} into {}",
            v3_found(found),
            v3_expected(expected, path)
        )
    } else if let Some(r) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        format!(
            "cannot unmarshal {} into {}",
            v3_found(found),
            v3_expected(expected, path)
        )
    } else {
        msg.to_string()
    };
    if line > 0 {
        format!("yaml: unmarshal errors:\n  line {line}: {what}")
    } else {
        format!("yaml: unmarshal errors:\n  {what}")
    }
}

/// k8s' `utilerrors.NewAggregate(...).Error()`: one error as it is, several as `[a, b]`.
fn aggregate(errs: &[String]) -> String {
    if errs.len() == 1 {
        errs[0].clone()
    } else {
        format!("[{}]", errs.join(", "))
    }
}

/// The most nodes a cluster config may list in kindlab's simulator (kind has no such limit; a
/// laptop does, and a cluster of thousands would take the simulator seconds to build and run).
pub const MAX_NODES: usize = 1024;

/// Parses a kind config as kind v0.30 does (`encoding.Parse`, then `Cluster.Validate`), with its
/// messages: `could not determine kind / apiVersion for config: yaml: line 3: ...`, `unknown
/// apiVersion: v1`, `unable to decode config: yaml: unmarshal errors:\n  line 5: field rol not
/// found in type v1alpha4.Node`, `invalid configuration for node 1: "boss" is not a valid node
/// role`, `must have at least one control-plane node`.
pub fn parse_config(text: &str) -> Result<ClusterConfig, String> {
    // a long config listing far too many nodes: said before any value tree is built
    if text.len() > 64 * 1024 {
        if let Some(listed) = nodes_listed(text).filter(|n| *n > MAX_NODES) {
            return Err(format!(
                "kindlab simulates at most {MAX_NODES} nodes; this config lists {listed}"
            ));
        }
    }
    // kind reads kind/apiVersion first, with a plain decode: syntax errors surface here
    let meta = yaml::parse(text, GoYaml::V3)
        .map_err(|e| format!("could not determine kind / apiVersion for config: {e}"))?;
    let field = |k: &str| {
        meta.get(k)
            .map(|v| match v {
                Yaml::Str(s) => s.clone(),
                Yaml::Null => String::new(),
                other => other.to_json(),
            })
            .unwrap_or_default()
    };
    if !matches!(meta, Yaml::Map(_) | Yaml::Null) {
        let tag = if matches!(meta, Yaml::Seq(_)) {
            "!!seq"
        } else {
            "!!str"
        };
        return Err(format!("could not determine kind / apiVersion for config: yaml: unmarshal errors:\n  line 1: cannot unmarshal {tag} into encoding.typeMeta"));
    }
    let (kind, api) = (field("kind"), field("apiVersion"));
    if api != "kind.x-k8s.io/v1alpha4" {
        return Err(format!("unknown apiVersion: {api}"));
    }
    if kind != "Cluster" {
        return Err(format!("unknown kind {kind} for apiVersion: {api}"));
    }
    // far too many nodes: said before the whole config is decoded a second time
    let listed = meta
        .get("nodes")
        .and_then(Yaml::as_seq)
        .map_or(0, <[Yaml]>::len);
    if listed > MAX_NODES {
        return Err(format!(
            "kindlab simulates at most {MAX_NODES} nodes; this config lists {listed}"
        ));
    }
    let raw: RawCluster = serde_yaml_ng::from_str(text)
        .map_err(|e| format!("unable to decode config: {}", decode_error(&e)))?;
    let mut errs = Vec::new();
    let mut nodes = None;
    if let Some(raw_nodes) = raw.nodes.filter(|n| !n.is_empty()) {
        let mut out = Vec::new();
        for (i, n) in raw_nodes.into_iter().enumerate() {
            let mut node_errs = Vec::new();
            // an empty role defaults to control-plane
            let role = match n.role.as_deref().unwrap_or("control-plane") {
                "control-plane" => Role::ControlPlane,
                "worker" => Role::Worker,
                other => {
                    node_errs.push(format!("{other:?} is not a valid node role"));
                    Role::Worker
                }
            };
            let mut maps = Vec::new();
            for m in n.extra_port_mappings.unwrap_or_default() {
                for (p, what) in [
                    (m.host_port, "hostPort"),
                    (m.container_port, "containerPort"),
                ] {
                    if !(-1..=65535).contains(&p) {
                        node_errs.push(format!("invalid {what}: invalid port number: {p}"));
                    }
                }
                maps.push(PortMapping {
                    container_port: u16::try_from(m.container_port).unwrap_or(0),
                    host_port: u16::try_from(m.host_port).ok().filter(|p| *p != 0),
                    listen_address: m.listen_address,
                    protocol: m.protocol,
                });
            }
            if !node_errs.is_empty() {
                errs.push(format!(
                    "invalid configuration for node {i}: {}",
                    aggregate(&node_errs)
                ));
            }
            let _ = (n.image, n.extra_mounts, n.kubeadm_config_patches_json6902);
            out.push(NodeConfig {
                role,
                labels: n.labels,
                extra_port_mappings: maps,
                kubeadm_config_patches: n.kubeadm_config_patches.unwrap_or_default(),
            });
        }
        if !out.iter().any(|n| n.role == Role::ControlPlane) {
            errs.push("must have at least one control-plane node".into());
        }

        nodes = Some(out);
    }
    let _ = (
        raw.kind,
        raw.api_version,
        raw.networking,
        raw.feature_gates,
        raw.runtime_config,
        raw.kubeadm_config_patches,
        raw.kubeadm_config_patches_json6902,
        raw.containerd_config_patches,
        raw.containerd_config_patches_json6902,
    );
    if !errs.is_empty() {
        return Err(aggregate(&errs));
    }
    Ok(ClusterConfig {
        name: raw.name,
        nodes,
    })
}

/// How many entries the config's `nodes:` lists, counted without building them (`None`: the
/// text does not decode as a mapping; the full parse then says why).
fn nodes_listed(text: &str) -> Option<usize> {
    use serde::de::{IgnoredAny, SeqAccess, Visitor};
    struct Count(usize);
    impl<'de> Deserialize<'de> for Count {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Count;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a list of nodes")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                    let mut n = 0;
                    while seq.next_element::<IgnoredAny>()?.is_some() {
                        n += 1;
                    }
                    Ok(Count(n))
                }
            }
            d.deserialize_seq(V)
        }
    }
    #[derive(Deserialize)]
    struct Peek {
        nodes: Option<Count>,
    }
    // nested past the decoder's depth: the full parse answers that at once, this would not
    if yaml::surely_too_deep(text) {
        return None;
    }
    let peek: Peek = serde_yaml_ng::from_str(text).ok()?;
    peek.nodes.map(|c| c.0)
}

/// The line an error message of [`parse_config`] points at, if it names one (`line 5: ...`).
pub fn error_line(msg: &str) -> Option<usize> {
    let (_, rest) = msg.split_once("line ")?;
    let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    n.parse().ok()
}

/// One node kind will create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedNode {
    /// The node's name (`<cluster>-control-plane`, `<cluster>-worker2`).
    pub name: String,
    /// Its role.
    pub role: Role,
    /// The labels it gets.
    pub labels: BTreeMap<String, String>,
    /// The ports its container publishes.
    pub port_mappings: Vec<PortMapping>,
}

/// The nodes kind creates for `cfg`, named as kind names them.
pub fn plan_nodes(cluster: &str, cfg: &ClusterConfig) -> Vec<PlannedNode> {
    let default_nodes = vec![NodeConfig {
        role: Role::ControlPlane,
        labels: BTreeMap::new(),
        extra_port_mappings: vec![],
        kubeadm_config_patches: vec![],
    }];
    let nodes = cfg.nodes.as_ref().unwrap_or(&default_nodes);
    let (mut cp, mut w) = (0, 0);
    let mut out = Vec::new();
    for n in nodes {
        let (base, count) = match n.role {
            Role::ControlPlane => {
                cp += 1;
                ("control-plane", cp)
            }
            Role::Worker => {
                w += 1;
                ("worker", w)
            }
        };
        let name = if count == 1 {
            format!("{cluster}-{base}")
        } else {
            format!("{cluster}-{base}{count}")
        };
        let mut labels = labels_from_patches(&n.kubeadm_config_patches);
        labels.extend(n.labels.clone());
        out.push(PlannedNode {
            name,
            role: n.role,
            labels,
            port_mappings: n.extra_port_mappings.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_config() {
        let cfg = parse_config(CLUSTER01_YAML).unwrap();
        let nodes = plan_nodes("cluster01", &cfg);
        let names: Vec<_> = nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "cluster01-control-plane",
                "cluster01-control-plane2",
                "cluster01-control-plane3",
                "cluster01-worker",
                "cluster01-worker2",
                "cluster01-worker3"
            ]
        );
        assert!(nodes[3..]
            .iter()
            .all(|n| n.labels.get("ingress-ready").map(|s| s.as_str()) == Some("true")));
        assert!(nodes[..3].iter().all(|n| n.labels.is_empty()));
    }

    #[test]
    fn chapter_era_label_patch() {
        let text = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n  kubeadmConfigPatches:\n  - |\n    kind: JoinConfiguration\n    nodeRegistration:\n      kubeletExtraArgs:\n        node-labels: \"ingress-ready=true\"\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 80\n";
        let cfg = parse_config(text).unwrap();
        let nodes = plan_nodes("c", &cfg);
        assert_eq!(nodes[1].name, "c-worker");
        assert_eq!(nodes[1].labels["ingress-ready"], "true");
        assert_eq!(nodes[1].port_mappings[0].host_port, Some(80));
    }

    #[test]
    fn default_is_one_control_plane() {
        let cfg = parse_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n").unwrap();
        let nodes = plan_nodes("kind", &cfg);
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].name, "kind-control-plane");
    }

    #[test]
    fn errors_read_like_kinds() {
        let text = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- rol: worker\n";
        assert_eq!(
            parse_config(text).unwrap_err(),
            "unable to decode config: yaml: unmarshal errors:\n  line 5: field rol not found in type v1alpha4.Node"
        );
        let e = parse_config(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: boss\n",
        )
        .unwrap_err();
        assert_eq!(
            e,
            "invalid configuration for node 1: \"boss\" is not a valid node role"
        );
        assert_eq!(
            parse_config("kind: Cluster\napiVersion: v1\n").unwrap_err(),
            "unknown apiVersion: v1"
        );
        assert_eq!(
            parse_config("kind: Clusters\napiVersion: kind.x-k8s.io/v1alpha4\n").unwrap_err(),
            "unknown kind Clusters for apiVersion: kind.x-k8s.io/v1alpha4"
        );
        let e = parse_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: worker\n  labels:\n    a: b\n   c: d\n").unwrap_err();
        assert_eq!(
            e,
            // go-yaml v3 names the mapping the key was expected in (0-based, as v3 counts)
            "could not determine kind / apiVersion for config: yaml: line 3: did not find expected key"
        );
        assert_eq!(error_line(&e), Some(3));
        let e = parse_config(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: worker\n",
        )
        .unwrap_err();
        assert_eq!(e, "must have at least one control-plane node");
        let e = parse_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: http\n").unwrap_err();
        assert_eq!(
            e,
            "unable to decode config: yaml: unmarshal errors:\n  line 6: cannot unmarshal !!str `http` into int32"
        );
        let e = parse_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  podSubnets: 10.0.0.0/16\n").unwrap_err();
        assert!(
            e.ends_with("line 4: field podSubnets not found in type v1alpha4.Networking"),
            "{e}"
        );
        // fields kind knows are accepted, numbers as label values too
        let cfg = parse_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnetworking:\n  podSubnet: 10.0.0.0/16\nnodes:\n- role: control-plane\n  labels:\n    tier: 1\n  extraMounts:\n  - hostPath: /tmp\n    containerPath: /data\n").unwrap();
        assert_eq!(cfg.nodes.unwrap()[0].labels["tier"], "1");
    }
}
