//! The API server's schema, as far as strict decoding goes: the fields and Go types of the
//! objects kindlab decodes.

/// A node of the schema: what a field may hold.
pub(super) enum S {
    Any,
    Str,
    Int(&'static str),
    Bool,
    StrMap,
    QtyMap,
    /// A slice: its Go type (`[]v1.Container`) and element.
    Arr(&'static str, &'static S),
    /// A struct: its Go type (`v1.PodSpec`) and fields.
    Obj(&'static str, &'static [(&'static str, S)]),
}

pub(super) static STR_ARR: S = S::Arr("[]string", &S::Str);
pub(super) static OBJECT_META: S = S::Obj(
    "v1.ObjectMeta",
    &[
        ("name", S::Str),
        ("generateName", S::Str),
        ("namespace", S::Str),
        ("selfLink", S::Str),
        ("uid", S::Str),
        ("resourceVersion", S::Str),
        ("generation", S::Int("int64")),
        ("creationTimestamp", S::Any),
        ("deletionTimestamp", S::Any),
        ("deletionGracePeriodSeconds", S::Int("int64")),
        ("labels", S::StrMap),
        ("annotations", S::StrMap),
        ("ownerReferences", S::Any),
        ("finalizers", S::Arr("[]string", &S::Str)),
        ("managedFields", S::Any),
    ],
);
pub(super) static LABEL_SELECTOR: S = S::Obj(
    "v1.LabelSelector",
    &[("matchLabels", S::StrMap), ("matchExpressions", S::Any)],
);
pub(super) static VOLUME_MOUNT: S = S::Obj(
    "v1.VolumeMount",
    &[
        ("name", S::Str),
        ("readOnly", S::Bool),
        ("recursiveReadOnly", S::Str),
        ("mountPath", S::Str),
        ("subPath", S::Str),
        ("mountPropagation", S::Str),
        ("subPathExpr", S::Str),
    ],
);
pub(super) static CONTAINER_PORT: S = S::Obj(
    "v1.ContainerPort",
    &[
        ("name", S::Str),
        ("hostPort", S::Int("int32")),
        ("containerPort", S::Int("int32")),
        ("protocol", S::Str),
        ("hostIP", S::Str),
    ],
);
pub(super) static CONTAINER: S = S::Obj(
    "v1.Container",
    &[
        ("name", S::Str),
        ("image", S::Str),
        ("command", S::Arr("[]string", &S::Str)),
        ("args", S::Arr("[]string", &S::Str)),
        ("workingDir", S::Str),
        ("ports", S::Arr("[]v1.ContainerPort", &CONTAINER_PORT)),
        ("envFrom", S::Any),
        ("env", S::Any),
        ("resources", S::Any),
        ("resizePolicy", S::Any),
        ("restartPolicy", S::Str),
        ("volumeMounts", S::Arr("[]v1.VolumeMount", &VOLUME_MOUNT)),
        ("volumeDevices", S::Any),
        ("livenessProbe", S::Any),
        ("readinessProbe", S::Any),
        ("startupProbe", S::Any),
        ("lifecycle", S::Any),
        ("terminationMessagePath", S::Str),
        ("terminationMessagePolicy", S::Str),
        ("imagePullPolicy", S::Str),
        ("securityContext", S::Any),
        ("stdin", S::Bool),
        ("stdinOnce", S::Bool),
        ("tty", S::Bool),
    ],
);
pub(super) static VOLUME: S = S::Obj(
    "v1.Volume",
    &[
        ("name", S::Str),
        (
            "persistentVolumeClaim",
            S::Obj(
                "v1.PersistentVolumeClaimVolumeSource",
                &[("claimName", S::Str), ("readOnly", S::Bool)],
            ),
        ),
        ("hostPath", S::Any),
        ("emptyDir", S::Any),
        ("gcePersistentDisk", S::Any),
        ("awsElasticBlockStore", S::Any),
        ("gitRepo", S::Any),
        ("secret", S::Any),
        ("nfs", S::Any),
        ("iscsi", S::Any),
        ("glusterfs", S::Any),
        ("rbd", S::Any),
        ("flexVolume", S::Any),
        ("cinder", S::Any),
        ("cephfs", S::Any),
        ("flocker", S::Any),
        ("downwardAPI", S::Any),
        ("fc", S::Any),
        ("azureFile", S::Any),
        ("configMap", S::Any),
        ("vsphereVolume", S::Any),
        ("quobyte", S::Any),
        ("azureDisk", S::Any),
        ("photonPersistentDisk", S::Any),
        ("projected", S::Any),
        ("portworxVolume", S::Any),
        ("scaleIO", S::Any),
        ("storageos", S::Any),
        ("csi", S::Any),
        ("ephemeral", S::Any),
        ("image", S::Any),
    ],
);
pub(super) static TOLERATION: S = S::Obj(
    "v1.Toleration",
    &[
        ("key", S::Str),
        ("operator", S::Str),
        ("value", S::Str),
        ("effect", S::Str),
        ("tolerationSeconds", S::Int("int64")),
    ],
);
pub(super) static POD_SPEC: S = S::Obj(
    "v1.PodSpec",
    &[
        ("volumes", S::Arr("[]v1.Volume", &VOLUME)),
        ("initContainers", S::Arr("[]v1.Container", &CONTAINER)),
        ("containers", S::Arr("[]v1.Container", &CONTAINER)),
        ("ephemeralContainers", S::Any),
        ("restartPolicy", S::Str),
        ("terminationGracePeriodSeconds", S::Int("int64")),
        ("activeDeadlineSeconds", S::Int("int64")),
        ("dnsPolicy", S::Str),
        ("nodeSelector", S::StrMap),
        ("serviceAccountName", S::Str),
        ("serviceAccount", S::Str),
        ("automountServiceAccountToken", S::Bool),
        ("nodeName", S::Str),
        ("hostNetwork", S::Bool),
        ("hostPID", S::Bool),
        ("hostIPC", S::Bool),
        ("shareProcessNamespace", S::Bool),
        ("securityContext", S::Any),
        ("imagePullSecrets", S::Any),
        ("hostname", S::Str),
        ("subdomain", S::Str),
        ("affinity", S::Any),
        ("schedulerName", S::Str),
        ("tolerations", S::Arr("[]v1.Toleration", &TOLERATION)),
        ("hostAliases", S::Any),
        ("priorityClassName", S::Str),
        ("priority", S::Int("int32")),
        ("dnsConfig", S::Any),
        ("readinessGates", S::Any),
        ("runtimeClassName", S::Str),
        ("enableServiceLinks", S::Bool),
        ("preemptionPolicy", S::Str),
        ("overhead", S::Any),
        ("topologySpreadConstraints", S::Any),
        ("setHostnameAsFQDN", S::Bool),
        ("os", S::Any),
        ("hostUsers", S::Bool),
        ("schedulingGates", S::Any),
        ("resourceClaims", S::Any),
        ("resources", S::Any),
    ],
);
// the template's metadata and spec are looked up by path (see `sub_schema`)
pub(super) static POD_TEMPLATE: S = S::Obj(
    "v1.PodTemplateSpec",
    &[("metadata", S::Any), ("spec", S::Any)],
);
pub(super) static DEPLOYMENT_SPEC: S = S::Obj(
    "v1.DeploymentSpec",
    &[
        ("replicas", S::Int("int32")),
        ("selector", S::Any),
        ("template", S::Any),
        ("strategy", S::Any),
        ("minReadySeconds", S::Int("int32")),
        ("revisionHistoryLimit", S::Int("int32")),
        ("paused", S::Bool),
        ("progressDeadlineSeconds", S::Int("int32")),
    ],
);
pub(super) static RESOURCES: S = S::Obj(
    "v1.VolumeResourceRequirements",
    &[("limits", S::QtyMap), ("requests", S::QtyMap)],
);
pub(super) static PVC_SPEC: S = S::Obj(
    "v1.PersistentVolumeClaimSpec",
    &[
        (
            "accessModes",
            S::Arr("[]v1.PersistentVolumeAccessMode", &S::Str),
        ),
        ("selector", S::Any),
        ("resources", S::Any),
        ("volumeName", S::Str),
        ("storageClassName", S::Str),
        ("volumeMode", S::Str),
        ("dataSource", S::Any),
        ("dataSourceRef", S::Any),
        ("volumeAttributesClassName", S::Str),
    ],
);
pub(super) static HOST_PATH: S = S::Obj(
    "v1.HostPathVolumeSource",
    &[("path", S::Str), ("type", S::Str)],
);
pub(super) static LOCAL: S = S::Obj(
    "v1.LocalVolumeSource",
    &[("path", S::Str), ("fsType", S::Str)],
);
pub(super) static CSI: S = S::Obj(
    "v1.CSIPersistentVolumeSource",
    &[
        ("driver", S::Str),
        ("volumeHandle", S::Str),
        ("readOnly", S::Bool),
        ("fsType", S::Str),
        ("volumeAttributes", S::StrMap),
        ("controllerPublishSecretRef", S::Any),
        ("nodeStageSecretRef", S::Any),
        ("nodePublishSecretRef", S::Any),
        ("controllerExpandSecretRef", S::Any),
        ("nodeExpandSecretRef", S::Any),
    ],
);
pub(super) static NODE_REQ: S = S::Obj(
    "v1.NodeSelectorRequirement",
    &[
        ("key", S::Str),
        ("operator", S::Str),
        ("values", S::Arr("[]string", &S::Str)),
    ],
);
pub(super) static NODE_TERM: S = S::Obj(
    "v1.NodeSelectorTerm",
    &[
        (
            "matchExpressions",
            S::Arr("[]v1.NodeSelectorRequirement", &NODE_REQ),
        ),
        ("matchFields", S::Any),
    ],
);
pub(super) static NODE_SELECTOR: S = S::Obj(
    "v1.NodeSelector",
    &[(
        "nodeSelectorTerms",
        S::Arr("[]v1.NodeSelectorTerm", &NODE_TERM),
    )],
);
pub(super) static VOLUME_NODE_AFFINITY: S =
    S::Obj("v1.VolumeNodeAffinity", &[("required", S::Any)]);
pub(super) static CLAIM_REF: S = S::Obj(
    "v1.ObjectReference",
    &[
        ("kind", S::Str),
        ("namespace", S::Str),
        ("name", S::Str),
        ("uid", S::Str),
        ("apiVersion", S::Str),
        ("resourceVersion", S::Str),
        ("fieldPath", S::Str),
    ],
);
/// The volume plugins a PV may name (besides hostPath, local and csi, checked more closely).
pub(super) const PV_PLUGINS: [&str; 19] = [
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "nfs",
    "rbd",
    "iscsi",
    "cinder",
    "cephfs",
    "fc",
    "flocker",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "glusterfs",
];
pub(super) static PV_SPEC: S = S::Obj(
    "v1.PersistentVolumeSpec",
    &[
        ("capacity", S::QtyMap),
        (
            "accessModes",
            S::Arr("[]v1.PersistentVolumeAccessMode", &S::Str),
        ),
        ("claimRef", S::Any),
        ("persistentVolumeReclaimPolicy", S::Str),
        ("storageClassName", S::Str),
        ("mountOptions", S::Arr("[]string", &S::Str)),
        ("volumeMode", S::Str),
        ("nodeAffinity", S::Any),
        ("volumeAttributesClassName", S::Str),
        ("hostPath", S::Any),
        ("local", S::Any),
        ("csi", S::Any),
        ("gcePersistentDisk", S::Any),
        ("awsElasticBlockStore", S::Any),
        ("nfs", S::Any),
        ("rbd", S::Any),
        ("iscsi", S::Any),
        ("cinder", S::Any),
        ("cephfs", S::Any),
        ("fc", S::Any),
        ("flocker", S::Any),
        ("flexVolume", S::Any),
        ("azureFile", S::Any),
        ("vsphereVolume", S::Any),
        ("quobyte", S::Any),
        ("azureDisk", S::Any),
        ("photonPersistentDisk", S::Any),
        ("portworxVolume", S::Any),
        ("scaleIO", S::Any),
        ("storageos", S::Any),
        ("glusterfs", S::Any),
    ],
);

/// The sub-schemas the tables above leave as `Any` to keep them acyclic, by path.
pub(super) fn sub_schema(path: &str) -> Option<&'static S> {
    Some(match path {
        "spec.template.metadata" | "metadata" => &OBJECT_META,
        "spec.template.spec" => &POD_SPEC,
        "spec.template" => &POD_TEMPLATE,
        "spec.selector" => &LABEL_SELECTOR,
        "spec.resources" => &RESOURCES,
        "spec.hostPath" => &HOST_PATH,
        "spec.local" => &LOCAL,
        "spec.csi" => &CSI,
        "spec.nodeAffinity" => &VOLUME_NODE_AFFINITY,
        "spec.nodeAffinity.required" => &NODE_SELECTOR,
        "spec.claimRef" => &CLAIM_REF,
        _ => return None,
    })
}
