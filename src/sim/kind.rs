//! KinD: the cluster configuration file (`kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`)
//! and the names kind gives the node containers.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The kind config file of the chapter's cluster (3 control-plane nodes + 3 workers).
pub const CLUSTER01_YAML: &str = include_str!("../../content/lab/cluster01.yaml");

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Role {
    #[serde(rename = "control-plane")]
    ControlPlane,
    #[serde(rename = "worker")]
    Worker,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PortMapping {
    pub container_port: u16,
    #[serde(default)]
    pub host_port: Option<u16>,
    #[serde(default)]
    pub listen_address: Option<String>,
    #[serde(default)]
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NodeConfig {
    pub role: Role,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub extra_port_mappings: Vec<PortMapping>,
    #[serde(default)]
    pub extra_mounts: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub kubeadm_config_patches: Vec<String>,
    #[serde(default, rename = "kubeadmConfigPatchesJSON6902")]
    pub kubeadm_config_patches_json6902: Option<serde_yaml_ng::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClusterConfig {
    pub kind: Option<String>,
    pub api_version: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub nodes: Option<Vec<NodeConfig>>,
    #[serde(default)]
    pub networking: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub feature_gates: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub runtime_config: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub kubeadm_config_patches: Vec<String>,
    #[serde(default, rename = "kubeadmConfigPatchesJSON6902")]
    pub kubeadm_config_patches_json6902: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    pub containerd_config_patches: Option<serde_yaml_ng::Value>,
    #[serde(default, rename = "containerdConfigPatchesJSON6902")]
    pub containerd_config_patches_json6902: Option<serde_yaml_ng::Value>,
}

/// One node kind will create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedNode {
    pub name: String,
    pub role: Role,
    pub labels: BTreeMap<String, String>,
    pub port_mappings: Vec<PortMapping>,
}

/// Labels given through the chapter-era `kubeadmConfigPatches` way:
/// `nodeRegistration.kubeletExtraArgs.node-labels: "ingress-ready=true"`.
fn labels_from_patches(patches: &[String]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for p in patches {
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

/// Parses a kind config. Errors read like kind's (`unable to decode config: ...`, with the line
/// and column serde_yaml_ng reports).
pub fn parse_config(text: &str) -> Result<ClusterConfig, String> {
    let cfg: ClusterConfig =
        serde_yaml_ng::from_str(text).map_err(|e| format!("unable to decode config: {e}"))?;
    match cfg.kind.as_deref() {
        Some("Cluster") => {}
        Some(k) => return Err(format!("unknown kind: {k:?}, expected \"Cluster\"")),
        None => return Err("missing kind: expected \"kind: Cluster\"".into()),
    }
    match cfg.api_version.as_deref() {
        Some("kind.x-k8s.io/v1alpha4") => {}
        Some(v) => {
            return Err(format!(
                "unknown apiVersion: {v}, expected kind.x-k8s.io/v1alpha4"
            ))
        }
        None => return Err("missing apiVersion: expected kind.x-k8s.io/v1alpha4".into()),
    }
    if let Some(nodes) = &cfg.nodes {
        if !nodes.iter().any(|n| n.role == Role::ControlPlane) {
            return Err("invalid configuration: must have at least one control-plane node".into());
        }
    }
    Ok(cfg)
}

/// The nodes kind creates for `cfg`, named as kind names them.
pub fn plan_nodes(cluster: &str, cfg: &ClusterConfig) -> Vec<PlannedNode> {
    let default_nodes = vec![NodeConfig {
        role: Role::ControlPlane,
        image: None,
        labels: BTreeMap::new(),
        extra_port_mappings: vec![],
        extra_mounts: None,
        kubeadm_config_patches: vec![],
        kubeadm_config_patches_json6902: None,
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
    fn errors_carry_line_numbers() {
        let text = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- rol: worker\n";
        let e = parse_config(text).unwrap_err();
        assert!(e.contains("unknown field `rol`"), "{e}");
        assert!(e.contains("line 5"), "{e}");
        let e = parse_config(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: boss\n",
        )
        .unwrap_err();
        assert!(e.contains("line 4"), "{e}");
        let e = parse_config("kind: Cluster\napiVersion: v1\n").unwrap_err();
        assert!(e.contains("apiVersion"), "{e}");
        let e = parse_config("kind: Cluster\n  bad: [\n").unwrap_err();
        assert!(e.contains("line"), "{e}");
        let e = parse_config(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: worker\n",
        )
        .unwrap_err();
        assert!(e.contains("control-plane"), "{e}");
    }
}
