//! Workloads: Pod and Deployment decoded and validated (the pod template both share).

use super::values::*;
use super::*;

pub(super) fn pod_template(spec: &Yaml, prefix: &str, errs: &mut Vec<String>) -> PodTemplate {
    let mut t = PodTemplate::default();
    let containers = seq_at(spec, &["containers"]);
    let volumes: Vec<String> = seq_at(spec, &["volumes"])
        .iter()
        .filter_map(|v| s_at(v, &["name"]))
        .collect();
    for (i, v) in seq_at(spec, &["volumes"]).iter().enumerate() {
        if s_at(v, &["name"]).unwrap_or_default().is_empty() {
            errs.push(format!("{prefix}.volumes[{i}].name: Required value"));
        }
        if v.get("persistentVolumeClaim").is_some() {
            match s_at(v, &["persistentVolumeClaim", "claimName"]) {
                Some(c) if !c.is_empty() => {
                    t.claims.push(c);
                    t.claim_volumes.push(s_at(v, &["name"]).unwrap_or_default());
                }
                _ => errs.push(format!(
                    "{prefix}.volumes[{i}].persistentVolumeClaim.claimName: Required value"
                )),
            }
        }
    }
    if containers.is_empty() {
        errs.push(format!("{prefix}.containers: Required value"));
    }
    for (i, c) in containers.iter().enumerate() {
        let name = s_at(c, &["name"]).unwrap_or_default();
        let image = s_at(c, &["image"]).unwrap_or_default();
        if name.is_empty() {
            errs.push(format!("{prefix}.containers[{i}].name: Required value"));
        }
        if image.is_empty() {
            errs.push(format!("{prefix}.containers[{i}].image: Required value"));
        }
        for (j, m) in seq_at(c, &["volumeMounts"]).iter().enumerate() {
            let n = s_at(m, &["name"]).unwrap_or_default();
            if !volumes.contains(&n) {
                errs.push(format!(
                    "{prefix}.containers[{i}].volumeMounts[{j}].name: Not found: {n:?}"
                ));
            }
        }
        t.containers.push((name, image));
    }
    t.node_selector = map_at(spec, &["nodeSelector"]);
    t.node_name = s_at(spec, &["nodeName"]).filter(|n| !n.is_empty());
    t.grace = int_at(spec, &["terminationGracePeriodSeconds"]);
    t.host_network = matches!(spec.get("hostNetwork"), Some(Yaml::Bool(true)));
    for tol in seq_at(spec, &["tolerations"]) {
        t.tolerations.push(Toleration {
            key: s_at(tol, &["key"]).unwrap_or_default(),
            operator: s_at(tol, &["operator"]).unwrap_or_else(|| "Equal".into()),
            value: s_at(tol, &["value"]).unwrap_or_default(),
            effect: s_at(tol, &["effect"]).unwrap_or_default(),
            seconds: int_at(tol, &["tolerationSeconds"]),
        });
    }
    t
}

/// A Pod: its spec as a pod template carrying the Pod's labels.
pub(super) fn pod(doc: &Yaml, labels: &BTreeMap<String, String>, errs: &mut Vec<String>) -> Body {
    let spec = doc.get("spec").cloned().unwrap_or(Yaml::Null);
    let mut t = pod_template(&spec, "spec", errs);
    t.labels = labels.clone();
    Body::Pod(t)
}

/// A Deployment: replicas, the selector (matching the template's labels), the template.
pub(super) fn deployment(doc: &Yaml, errs: &mut Vec<String>) -> Body {
    let replicas = int_at(doc, &["spec", "replicas"]).unwrap_or(1);
    if replicas < 0 {
        errs.push(format!(
            "spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
        ));
    }
    let selector = map_at(doc, &["spec", "selector", "matchLabels"]);
    let tpl_labels = map_at(doc, &["spec", "template", "metadata", "labels"]);
    if doc.at(&["spec", "selector"]).is_none() {
        errs.push("spec.selector: Required value".into());
    }
    if selector.is_empty() || !selector.iter().all(|(k, v)| tpl_labels.get(k) == Some(v)) {
        errs.push(format!(
            "spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`",
            go_map(&tpl_labels)
        ));
    }
    let spec = doc
        .at(&["spec", "template", "spec"])
        .cloned()
        .unwrap_or(Yaml::Null);
    let mut template = pod_template(&spec, "spec.template.spec", errs);
    template.labels = tpl_labels;
    Body::Deployment(DeploymentBody {
        replicas: replicas.clamp(0, 500) as u32,
        selector,
        template,
        template_json: doc
            .at(&["spec", "template"])
            .map(|t| t.to_json())
            .unwrap_or_default(),
    })
}
