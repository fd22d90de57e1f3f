//! Storage in the simulated kind cluster, against the real rules: the default class and its
//! binding mode, provisioning on the consumer's node, reclaim Delete/Retain, node affinity and
//! the scheduler's messages, static binding by class, access modes and size, pvc- and
//! pv-protection; and kubectl's layouts and errors for all of it.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::sim::{K8sVersion, Session, SessionOptions};

fn session() -> Session {
    Session::new(SessionOptions::default())
}

/// A claim manifest.
fn pvc(name: &str, class: Option<&str>, size: &str, modes: &str) -> String {
    let class = class
        .map(|c| format!("  storageClassName: \"{c}\"\n"))
        .unwrap_or_default();
    format!("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\nspec:\n{class}  accessModes: [{modes}]\n  resources:\n    requests:\n      storage: {size}\n")
}

/// A pod that mounts `claim`, optionally pinned with a nodeSelector.
fn pod(name: &str, claim: &str, node: Option<&str>) -> String {
    let sel = node
        .map(|n| format!("  nodeSelector:\n    kubernetes.io/hostname: {n}\n"))
        .unwrap_or_default();
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{sel}  containers:\n  - name: app\n    image: busybox\n    volumeMounts:\n    - name: v\n      mountPath: /data\n  volumes:\n  - name: v\n    persistentVolumeClaim:\n      claimName: {claim}\n")
}

/// A static hostPath volume.
fn pv(name: &str, class: &str, size: &str, modes: &str, extra: &str) -> String {
    format!("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: {name}\nspec:\n  storageClassName: \"{class}\"\n  capacity:\n    storage: {size}\n  accessModes: [{modes}]\n{extra}  hostPath:\n    path: /mnt/{name}\n")
}

fn apply(s: &mut Session, manifest: &str) -> String {
    s.run(&format!("kubectl apply -f - <<EOF\n{manifest}EOF"))
}

fn claim(s: &Session, name: &str) -> kindlab::sim::PvcView {
    s.pvcs()
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("claim {name}"))
}

fn pod_view(s: &Session, name: &str) -> kindlab::sim::PodView {
    s.pods()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("pod {name}"))
}

#[test]
fn kind_installs_a_default_class_and_its_provisioner() {
    let mut s = session();
    let classes = s.storage_classes();
    assert_eq!(classes.len(), 1);
    let c = &classes[0];
    assert_eq!(
        (
            c.name.as_str(),
            c.provisioner.as_str(),
            c.reclaim_policy.as_str()
        ),
        ("standard", "rancher.io/local-path", "Delete")
    );
    assert_eq!(c.binding_mode, "WaitForFirstConsumer");
    assert!(c.is_default && !c.allow_expansion);
    let pods = s.run("kubectl get pods -A -o wide");
    let lp = pods
        .lines()
        .find(|l| l.starts_with("local-path-storage   local-path-provisioner-"))
        .expect("provisioner pod");
    assert!(
        lp.contains("Running") && lp.contains("cluster01-control-plane"),
        "{lp}"
    );
    assert_eq!(s.run("kubectl get csidrivers"), "No resources found\n");
    assert_eq!(
        s.run("kubectl get sc").lines().nth(1).unwrap_or(""),
        "standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  6m36s"
    );
}

#[test]
fn wait_for_first_consumer_then_bound_on_the_pods_node() {
    let mut s = session();
    assert_eq!(
        apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce")),
        "persistentvolumeclaim/data created\n"
    );
    // no class given: admission fills in the default
    assert_eq!(claim(&s, "data").storage_class.as_deref(), Some("standard"));
    s.run("sleep 2m");
    assert_eq!(claim(&s, "data").status, "Pending");
    let d = s.run("kubectl describe pvc data");
    // one event per 15 s resync
    assert!(
        d.contains("Normal  WaitForFirstConsumer  0s (x9 over 2m)  persistentvolume-controller  waiting for first consumer to be created before binding"),
        "{d}"
    );
    apply(&mut s, &pod("app", "data", None));
    assert_eq!(pod_view(&s, "app").status, "Pending");
    assert!(
        pod_view(&s, "app").node.is_none(),
        "bound only after its volume"
    );
    s.run("sleep 10s");
    let c = claim(&s, "data");
    assert_eq!(c.status, "Bound");
    let node = pod_view(&s, "app").node.expect("scheduled");
    assert_eq!(c.selected_node.as_deref(), Some(node.as_str()));
    let v = &s.pvs()[0];
    assert_eq!(v.name, format!("{}", c.volume.clone().unwrap()));
    assert!(
        v.name.starts_with("pvc-") && v.name.len() == 40,
        "{}",
        v.name
    );
    assert_eq!(v.node.as_deref(), Some(node.as_str()));
    assert_eq!(
        v.path.clone().unwrap(),
        format!("/var/local-path-provisioner/{}_default_data", v.name)
    );
    assert_eq!(v.claim.as_deref(), Some("default/data"));
    assert_eq!(pod_view(&s, "app").status, "Running");
    let ev = s.run("kubectl get events");
    for reason in [
        "ExternalProvisioning",
        "Provisioning",
        "ProvisioningSucceeded",
    ] {
        assert!(ev.contains(&format!("  {reason} ")), "{reason}:\n{ev}");
    }
    assert!(ev.contains(&format!("Successfully provisioned volume {}", v.name)));
    assert!(ev.contains(&format!("Successfully assigned default/app to {node}")));
    // the directory is on that node only
    assert_eq!(
        s.run(&format!(
            "docker exec {node} ls /var/local-path-provisioner"
        )),
        format!("{}_default_data\n", v.name)
    );
}

#[test]
fn reclaim_delete_removes_the_volume_and_retain_keeps_it() {
    let mut s = session();
    apply(&mut s, "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: keep\nprovisioner: rancher.io/local-path\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\n");
    apply(&mut s, &pvc("gone", None, "1Gi", "ReadWriteOnce"));
    apply(&mut s, &pvc("kept", Some("keep"), "1Gi", "ReadWriteOnce"));
    apply(&mut s, &pod("a", "gone", None));
    apply(&mut s, &pod("b", "kept", None));
    s.run("sleep 10s");
    assert_eq!(s.pvs().len(), 2);
    s.run("kubectl delete pod a b\nsleep 2s\nkubectl delete pvc gone kept");
    let pvs = s.pvs();
    let kept = pvs.iter().find(|v| v.reclaim_policy == "Retain").unwrap();
    assert_eq!(kept.status, "Released");
    assert_eq!(kept.claim.as_deref(), Some("default/kept"));
    // Delete: the helper pod cleans the directory, then the volume goes
    let gone = pvs.iter().find(|v| v.reclaim_policy == "Delete").unwrap();
    assert_eq!(gone.status, "Released");
    s.run("sleep 5s");
    let names: Vec<String> = s.pvs().into_iter().map(|v| v.name).collect();
    assert_eq!(names, std::slice::from_ref(&kept.name));
    // a Released volume does not bind again, even to a claim of the same name
    apply(&mut s, &pvc("kept", Some("keep"), "1Gi", "ReadWriteOnce"));
    s.run("sleep 20s");
    assert_eq!(s.pvs()[0].status, "Released");
    // deleting a Retain volume leaves its directory on the node
    let node = kept.node.clone().unwrap();
    s.run(&format!("kubectl delete pv {}", kept.name));
    assert!(s.pvs().is_empty());
    assert!(s
        .run(&format!(
            "docker exec {node} ls /var/local-path-provisioner"
        ))
        .contains("_default_kept"));
}

#[test]
fn a_volume_ties_its_pods_to_its_node() {
    let mut s = session();
    apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    apply(&mut s, &pod("one", "data", Some("cluster01-worker2")));
    s.run("sleep 10s");
    assert_eq!(s.pvs()[0].node.as_deref(), Some("cluster01-worker2"));
    // another pod on another node cannot use it
    apply(&mut s, &pod("two", "data", Some("cluster01-worker3")));
    let ev = s.run("kubectl get events");
    assert!(ev.contains("0/6 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.."), "{ev}");
    // without a selector, a second pod joins the first (RWO is per node)
    apply(&mut s, &pod("three", "data", None));
    s.run("sleep 5s");
    assert_eq!(
        pod_view(&s, "three").node.as_deref(),
        Some("cluster01-worker2")
    );
    // the node is lost: nowhere to go
    s.run("docker stop cluster01-worker2\nsleep 60s\nkubectl delete pod three --force --grace-period=0");
    apply(&mut s, &pod("four", "data", None));
    let d = s.run("kubectl describe pod four");
    assert!(d.contains("0/6 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) had volume node affinity conflict, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."), "{d}");
    assert!(d.contains("Volumes:\n  v:\n    Type:        PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:   data\n"), "{d}");
}

#[test]
fn static_volumes_bind_by_class_modes_and_size() {
    let mut s = session();
    for m in [
        pv("small", "", "1Gi", "ReadWriteOnce", ""),
        pv("medium", "", "2Gi", "ReadWriteOnce", ""),
        pv("many", "", "10Gi", "ReadWriteOnce, ReadWriteMany", ""),
        pv("classy", "standard", "3Gi", "ReadWriteOnce", ""),
    ] {
        apply(&mut s, &m);
    }
    // the smallest that is big enough
    apply(&mut s, &pvc("a", Some(""), "1500Mi", "ReadWriteOnce"));
    assert_eq!(claim(&s, "a").volume.as_deref(), Some("medium"));
    assert_eq!(claim(&s, "a").capacity.as_deref(), Some("2Gi"));
    // access modes must all be there
    apply(&mut s, &pvc("b", Some(""), "1Gi", "ReadWriteMany"));
    assert_eq!(claim(&s, "b").volume.as_deref(), Some("many"));
    // nothing left that fits: Pending, and the controller says why
    apply(&mut s, &pvc("c", Some(""), "1Gi", "ReadOnlyMany"));
    assert_eq!(claim(&s, "c").status, "Pending");
    assert!(s
        .run("kubectl describe pvc c")
        .contains("FailedBinding  0s    persistentvolume-controller  no persistent volumes available for this claim and no storage class is set"));
    apply(&mut s, &pvc("d", Some(""), "100Mi", "ReadWriteOnce"));
    assert_eq!(claim(&s, "d").volume.as_deref(), Some("small"));
    // a claim of the default class does not take a volume without class: it waits for a pod,
    // and then the scheduler prefers the static volume of its class to provisioning one
    apply(&mut s, &pvc("e", None, "1Gi", "ReadWriteOnce"));
    assert_eq!(claim(&s, "e").status, "Pending");
    apply(&mut s, &pod("p", "e", None));
    s.run("sleep 5s");
    assert_eq!(claim(&s, "e").volume.as_deref(), Some("classy"));
    assert!(!s
        .run("kubectl get events")
        .contains("ProvisioningSucceeded"));
    assert_eq!(pod_view(&s, "p").status, "Running");
    // listings
    let l = s.run("kubectl get pv");
    assert!(l.starts_with("NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM       STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\nclassy   3Gi        RWO            Retain           Bound    default/e   standard       <unset>                          5s\n"), "{l}");
    assert!(
        l.contains("many     10Gi       RWO,RWX        Retain           Bound    default/b"),
        "{l}"
    );
}

#[test]
fn the_binder_prefers_the_smallest_set_of_access_modes() {
    let mut s = session();
    apply(
        &mut s,
        &pv("wide", "", "1Gi", "ReadWriteOnce, ReadWriteMany", ""),
    );
    apply(&mut s, &pv("narrow", "", "5Gi", "ReadWriteOnce", ""));
    apply(&mut s, &pvc("c", Some(""), "1Gi", "ReadWriteOnce"));
    assert_eq!(claim(&s, "c").volume.as_deref(), Some("narrow"));
}

#[test]
fn pvc_protection_and_pv_protection() {
    let mut s = session();
    apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    apply(&mut s, &pod("app", "data", None));
    s.run("sleep 10s");
    assert_eq!(
        s.run("kubectl delete pvc data"),
        "persistentvolumeclaim \"data\" deleted\n"
    );
    s.run("sleep 1m");
    assert_eq!(claim(&s, "data").status, "Terminating");
    let d = s.run("kubectl describe pvc data");
    assert!(
        d.contains("Status:        Terminating (lasts 60s)\n"),
        "{d}"
    );
    assert!(d.contains("Used By:       app\n"), "{d}");
    // the volume is Bound: pv-protection keeps it too
    let name = s.pvs()[0].name.clone();
    s.run(&format!("kubectl delete pv {name}"));
    assert_eq!(s.pvs()[0].status, "Terminating");
    // the pod goes: the claim goes, the volume is released and removed
    s.run("kubectl delete pod app\nsleep 5s");
    assert!(s.pvcs().is_empty());
    assert!(s.pvs().is_empty());
}

#[test]
fn other_provisioners_and_missing_classes() {
    let mut s = session();
    apply(&mut s, "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ebs\nprovisioner: ebs.csi.aws.com\n");
    apply(&mut s, &pvc("cloud", Some("ebs"), "10Gi", "ReadWriteOnce"));
    s.run("sleep 1m");
    let d = s.run("kubectl describe pvc cloud");
    assert!(d.contains("Normal  ExternalProvisioning  0s (x5 over 60s)  persistentvolume-controller  Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."), "{d}");
    assert!(
        d.contains(
            "Annotations:   volume.beta.kubernetes.io/storage-provisioner: ebs.csi.aws.com\n"
        ),
        "{d}"
    );
    // a pod on an unbound Immediate claim is not scheduled
    apply(&mut s, &pod("p", "cloud", None));
    assert!(s.run("kubectl get events").contains("0/6 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.."));
    // local-path with Immediate binding has no node to make the volume on
    apply(&mut s, "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: now\nprovisioner: rancher.io/local-path\nvolumeBindingMode: Immediate\n");
    apply(&mut s, &pvc("soon", Some("now"), "1Gi", "ReadWriteOnce"));
    assert!(s.run("kubectl describe pvc soon").contains("failed to provision volume with StorageClass \"now\": configuration error, no node was specified"));
    apply(&mut s, &pvc("lost", Some("nope"), "1Gi", "ReadWriteOnce"));
    assert!(s
        .run("kubectl describe pvc lost")
        .contains("Warning  ProvisioningFailed  0s    persistentvolume-controller  storageclass.storage.k8s.io \"nope\" not found"));
    // a pod naming a claim that does not exist
    apply(&mut s, &pod("q", "missing", None));
    assert!(s
        .run("kubectl get events")
        .contains("0/6 nodes are available: persistentvolumeclaim \"missing\" not found."));
    // a second default class: the newest one is used
    apply(&mut s, "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\n  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\n");
    apply(&mut s, &pvc("new", None, "1Gi", "ReadWriteOnce"));
    assert_eq!(claim(&s, "new").storage_class.as_deref(), Some("fast"));
    assert!(s.run("kubectl get sc").contains("fast (default)"));
}

#[test]
fn a_static_hostpath_volume_with_delete_fails_outside_tmp() {
    let mut s = session();
    apply(
        &mut s,
        &pv(
            "data",
            "",
            "1Gi",
            "ReadWriteOnce",
            "  persistentVolumeReclaimPolicy: Delete\n",
        ),
    );
    apply(&mut s, &pvc("c", Some(""), "1Gi", "ReadWriteOnce"));
    s.run("kubectl delete pvc c");
    let v = &s.pvs()[0];
    assert_eq!(v.status, "Failed");
    let d = s.run("kubectl describe pv data");
    assert!(d.contains("Message:         host_path deleter only supports /tmp/.+ but received provided /mnt/data\n"), "{d}");
    assert!(d.contains("Warning  VolumeFailedDelete"), "{d}");
}

#[test]
fn provisioning_waits_for_the_provisioner_and_the_node() {
    let mut s = session();
    // no provisioner: the claim waits
    s.run("kubectl scale deployment local-path-provisioner -n local-path-storage --replicas=0");
    apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    apply(&mut s, &pod("app", "data", None));
    s.run("sleep 1m");
    assert_eq!(claim(&s, "data").status, "Pending");
    assert!(!s.run("kubectl get events").contains("  Provisioning "));
    s.run("kubectl scale deployment local-path-provisioner -n local-path-storage --replicas=1");
    s.run("sleep 15s");
    assert_eq!(claim(&s, "data").status, "Bound");
    assert_eq!(pod_view(&s, "app").status, "Running");
}

#[test]
fn a_node_that_goes_away_while_provisioning() {
    let mut s = session();
    apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    apply(&mut s, &pod("app", "data", Some("cluster01-worker")));
    // the helper pod cannot run there
    s.run("docker exec cluster01-worker systemctl stop kubelet");
    s.run("sleep 3m");
    assert_eq!(claim(&s, "data").status, "Pending");
    assert!(s
        .run("kubectl describe pvc data")
        .contains("failed to provision volume with StorageClass \"standard\": create process timeout after 120 seconds"));
    s.run("docker exec cluster01-worker systemctl start kubelet\nsleep 10s");
    assert_eq!(claim(&s, "data").status, "Bound");
}

#[test]
fn apply_create_delete_and_their_messages() {
    let mut s = session();
    let two = format!(
        "{}---\n{}",
        pvc("a", None, "1Gi", "ReadWriteOnce"),
        pvc("b", None, "2Gi", "ReadWriteOnce")
    );
    s.run(&format!("cat <<'EOF' > ~/two.yaml\n{two}EOF"));
    assert_eq!(
        s.run("kubectl apply -f ~/two.yaml"),
        "persistentvolumeclaim/a created\npersistentvolumeclaim/b created\n"
    );
    assert_eq!(
        s.run("kubectl apply -f ~/two.yaml"),
        "persistentvolumeclaim/a unchanged\npersistentvolumeclaim/b unchanged\n"
    );
    // labels may change, the spec may not
    let labelled = pvc("a", None, "1Gi", "ReadWriteOnce")
        .replace("  name: a\n", "  name: a\n  labels:\n    tier: db\n");
    assert_eq!(
        apply(&mut s, &labelled),
        "persistentvolumeclaim/a configured\n"
    );
    assert_eq!(
        apply(&mut s, &pvc("a", None, "1Gi", "ReadWriteMany")),
        "The PersistentVolumeClaim \"a\" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"
    );
    assert_eq!(
        apply(&mut s, &pvc("a", None, "5Gi", "ReadWriteOnce")),
        "The PersistentVolumeClaim \"a\" is invalid: spec.resources.requests.storage: Forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n"
    );
    assert_eq!(
        s.run("kubectl create -f ~/two.yaml"),
        "Error from server (AlreadyExists): error when creating \"/root/two.yaml\": persistentvolumeclaims \"a\" already exists\nError from server (AlreadyExists): error when creating \"/root/two.yaml\": persistentvolumeclaims \"b\" already exists\n"
    );
    // YAML errors: the line is counted within the document (as kubectl's decoder does)
    let bad = format!("{}---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\n   bad: indent\n", pvc("z", None, "1Gi", "ReadWriteOnce"));
    assert_eq!(
        apply(&mut s, &bad),
        "persistentvolumeclaim/z created\nerror: error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n"
    );
    // go-yaml v2 names no line for a problem on a document's first line
    assert_eq!(
        apply(&mut s, "kind: a: b\n"),
        "error: error parsing STDIN: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n"
    );
    assert_eq!(
        apply(&mut s, "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n"),
        "error: resource mapping not found for name: \"x\" namespace: \"\" from \"STDIN\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\n"
    );
    assert_eq!(
        apply(&mut s, "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n"),
        "error: resource mapping not found for name: \"x\" namespace: \"\" from \"STDIN\": no matches for kind \"Deployment\" in version \"v1\"\nensure CRDs are installed first\n"
    );
    assert_eq!(
        apply(&mut s, "metadata:\n  name: x\n"),
        "error: error validating \"STDIN\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n"
    );
    let ns = pvc("n", None, "1Gi", "ReadWriteOnce")
        .replace("  name: n\n", "  name: n\n  namespace: nowhere\n");
    assert_eq!(
        apply(&mut s, &ns),
        "Error from server (NotFound): error when creating \"STDIN\": namespaces \"nowhere\" not found\n"
    );
    assert_eq!(
        s.run(&format!("kubectl apply -n kube-system -f - <<EOF\n{ns}EOF")),
        "error: the namespace from the provided object \"nowhere\" does not match the namespace \"kube-system\". You must pass '--namespace=nowhere' to perform this operation.\n"
    );
    assert_eq!(
        s.run("kubectl apply -f ~/missing.yaml"),
        "error: the path \"/root/missing.yaml\" does not exist\n"
    );
    assert_eq!(
        s.run("kubectl apply"),
        "error: must specify one of -f and -k\n"
    );
    // dry runs change nothing
    assert_eq!(
        apply(&mut s, &pvc("dry", None, "1Gi", "ReadWriteOnce")).len(),
        "persistentvolumeclaim/dry created\n".len()
    );
    let out = s.run(&format!(
        "kubectl apply --dry-run=client -f - <<EOF\n{}EOF",
        pvc("drier", None, "1Gi", "ReadWriteOnce")
    ));
    assert_eq!(out, "persistentvolumeclaim/drier created (dry run)\n");
    assert!(s.pvcs().iter().all(|c| c.name != "drier"));
    // delete -f, by name, --all
    assert_eq!(
        s.run("kubectl delete -f ~/two.yaml"),
        "persistentvolumeclaim \"a\" deleted\npersistentvolumeclaim \"b\" deleted\n"
    );
    assert_eq!(
        s.run("kubectl delete -f ~/two.yaml"),
        "Error from server (NotFound): error when deleting \"/root/two.yaml\": persistentvolumeclaims \"a\" not found\nError from server (NotFound): error when deleting \"/root/two.yaml\": persistentvolumeclaims \"b\" not found\n"
    );
    assert_eq!(
        s.run("kubectl delete pvc nope"),
        "Error from server (NotFound): persistentvolumeclaims \"nope\" not found\n"
    );
    assert_eq!(
        s.run("kubectl delete pvc --all"),
        "persistentvolumeclaim \"dry\" deleted\npersistentvolumeclaim \"z\" deleted\n"
    );
    assert_eq!(
        s.run("kubectl get pvc"),
        "No resources found in default namespace.\n"
    );
    assert_eq!(
        s.run("kubectl delete sc standard"),
        "storageclass.storage.k8s.io \"standard\" deleted\n"
    );
    assert_eq!(s.run("kubectl get sc"), "No resources found\n");
}

#[test]
fn the_api_servers_decoding_and_validation() {
    let mut s = session();
    let typo = pvc("t", None, "1Gi", "ReadWriteOnce").replace("accessModes", "accesModes");
    assert_eq!(apply(&mut s, &typo), "Error from server (BadRequest): error when creating \"STDIN\": PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field \"spec.accesModes\"\n");
    let badq = pvc("t", None, "1 GB", "ReadWriteOnce");
    assert!(apply(&mut s, &badq).ends_with("cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n"));
    let modes = pvc("t", None, "1Gi", "ReadWrite");
    assert_eq!(apply(&mut s, &modes), "The PersistentVolumeClaim \"t\" is invalid: spec.accessModes: Unsupported value: \"ReadWrite\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"\n");
    let upper = pvc("Data", None, "1Gi", "ReadWriteOnce");
    assert!(apply(&mut s, &upper).starts_with("The PersistentVolumeClaim \"Data\" is invalid: metadata.name: Invalid value: \"Data\": a lowercase RFC 1123 subdomain must consist of"));
    let pod_typo = pod("p", "x", None).replace("image:", "imagee:");
    assert_eq!(apply(&mut s, &pod_typo), "Error from server (BadRequest): error when creating \"STDIN\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\"\n");
    let mount = pod("p", "x", None).replace(
        "    - name: v\n      mountPath",
        "    - name: w\n      mountPath",
    );
    assert_eq!(
        apply(&mut s, &mount),
        "The Pod \"p\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"w\"\n"
    );
    let sc = "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: x\nprovisioner: a\nvolumeBindingMode: Later\nreclaimPolicy: Keep\n";
    assert_eq!(apply(&mut s, sc), "The StorageClass \"x\" is invalid: \n* reclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Retain\"\n* volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"\n");
    // a class's provisioner and policies cannot change
    let sc =
        "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: x\nprovisioner: a\n";
    apply(&mut s, sc);
    assert_eq!(
        apply(&mut s, &sc.replace("provisioner: a", "provisioner: b")),
        "The StorageClass \"x\" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.\n"
    );
    // kind's own class was applied with kubectl: its manifest applied again is unchanged
    assert_eq!(
        apply(&mut s, "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\n  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: rancher.io/local-path\nreclaimPolicy: Delete\nvolumeBindingMode: WaitForFirstConsumer\n"),
        "storageclass.storage.k8s.io/standard unchanged\n"
    );
    // a pod may change its image only
    apply(&mut s, &pod("img", "x", None));
    assert_eq!(
        apply(&mut s, &pod("img", "x", None).replace("busybox", "alpine")),
        "pod/img configured\n"
    );
    assert!(apply(&mut s, &pod("img", "y", None)).starts_with("The Pod \"img\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"));
}

#[test]
fn listings_in_kubectls_layouts() {
    let mut s = session();
    apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    assert_eq!(
        s.run("kubectl get pvc"),
        "NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\ndata   Pending                                      standard       <unset>                 0s\n"
    );
    assert_eq!(
        s.run("kubectl get pvc -o wide").lines().next().unwrap(),
        "NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE"
    );
    assert!(s
        .run("kubectl get pvc -A")
        .starts_with("NAMESPACE   NAME   STATUS    VOLUME"));
    assert_eq!(
        s.run("kubectl get pvc -o name"),
        "persistentvolumeclaim/data\n"
    );
    assert_eq!(
        s.run("kubectl get sc -o name"),
        "storageclass.storage.k8s.io/standard\n"
    );
    // several kinds: names carry their kind and tables are apart
    let all = s.run("kubectl get sc,pvc");
    assert_eq!(
        all,
        "NAME                                             PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\nstorageclass.storage.k8s.io/standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  6m36s\n\nNAME                         STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\npersistentvolumeclaim/data   Pending                                      standard       <unset>                 0s\n"
    );
    // a kind with nothing to show is left out (and then names need no prefix)
    assert!(s.run("kubectl get pv,pvc").starts_with("NAME   STATUS"));
    assert!(s
        .run("kubectl get pods,pvc")
        .contains("\n\nNAME                         STATUS"));
    assert_eq!(
        s.run("kubectl get pvc nope"),
        "Error from server (NotFound): persistentvolumeclaims \"nope\" not found\n"
    );
    assert_eq!(s.run("kubectl get pv"), "No resources found\n");
    assert_eq!(
        s.run("kubectl get storageclasses.storage.k8s.io standard -o name"),
        "storageclass.storage.k8s.io/standard\n"
    );
    let n = s.run("kubectl get csinodes");
    assert!(
        n.starts_with("NAME                       DRIVERS   AGE\ncluster01-control-plane    0 "),
        "{n}"
    );
    // VOLUMEATTRIBUTESCLASS came with Kubernetes 1.29
    let mut old = Session::new(SessionOptions {
        k8s_version: K8sVersion::parse("1.28").unwrap(),
        ..SessionOptions::default()
    });
    apply(&mut old, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    assert_eq!(
        old.run("kubectl get pvc").lines().next().unwrap(),
        "NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   AGE"
    );
}

#[test]
fn describe_layouts() {
    let mut s = session();
    apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    assert_eq!(
        s.run("kubectl describe pvc data"),
        "Name:          data\nNamespace:     default\nStorageClass:  standard\nStatus:        Pending\nVolume:        \nLabels:        <none>\nAnnotations:   <none>\nFinalizers:    [kubernetes.io/pvc-protection]\nCapacity:      \nAccess Modes:  \nVolumeMode:    Filesystem\nUsed By:       <none>\nEvents:\n  Type    Reason                Age   From                         Message\n  ----    ------                ----  ----                         -------\n  Normal  WaitForFirstConsumer  0s    persistentvolume-controller  waiting for first consumer to be created before binding\n"
    );
    let sc = s.run("kubectl describe sc standard");
    // the last-applied JSON ends with a newline, which breaks kubectl's tabwriter block
    assert!(sc.starts_with("Name:            standard\nIsDefaultClass:  Yes\nAnnotations:     kubectl.kubernetes.io/last-applied-configuration={\"apiVersion\":\"storage.k8s.io/v1\""), "{sc}");
    assert!(sc.contains("\n,storageclass.kubernetes.io/is-default-class=true\nProvisioner:           rancher.io/local-path\n"), "{sc}");
    assert!(
        sc.ends_with(
            "VolumeBindingMode:     WaitForFirstConsumer\nEvents:                <none>\n"
        ),
        "{sc}"
    );
    assert_eq!(
        s.run("kubectl describe pvc nope"),
        "Error from server (NotFound): persistentvolumeclaims \"nope\" not found\n"
    );
}

#[test]
fn deployments_from_manifests_roll_out_and_go() {
    let mut s = session();
    let dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n";
    assert_eq!(apply(&mut s, dep), "deployment.apps/web created\n");
    s.run("sleep 10s");
    let d = s.run("kubectl get deployments -o wide");
    let row: Vec<&str> = d
        .lines()
        .find(|l| l.starts_with("web "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        row,
        [
            "web",
            "2/2",
            "2",
            "2",
            "10s",
            "nginx",
            "nginx:1.27",
            "app=web"
        ],
        "{d}"
    );
    let before: Vec<String> = s
        .pods()
        .into_iter()
        .filter(|p| p.name.starts_with("web-"))
        .map(|p| p.name)
        .collect();
    assert_eq!(before.len(), 2);
    assert_eq!(
        apply(&mut s, &dep.replace("nginx:1.27", "nginx:1.28")),
        "deployment.apps/web configured\n"
    );
    s.run("sleep 10s");
    let after: Vec<String> = s
        .pods()
        .into_iter()
        .filter(|p| p.name.starts_with("web-"))
        .map(|p| p.name)
        .collect();
    assert_eq!(after.len(), 2);
    assert!(
        after.iter().all(|p| !before.contains(p)),
        "a new ReplicaSet's pods"
    );
    // same template, same pod-template hash
    assert_eq!(
        apply(&mut s, &dep.replace("nginx:1.27", "nginx:1.28")),
        "deployment.apps/web unchanged\n"
    );
    assert_eq!(
        s.run("kubectl delete deployment web"),
        "deployment.apps \"web\" deleted\n"
    );
    s.run("sleep 5s");
    assert!(s.pods().iter().all(|p| !p.name.starts_with("web-")));
}

#[test]
fn storage_ids_follow_the_seed() {
    let run = |seed| {
        let mut s = Session::new(SessionOptions {
            seed,
            ..SessionOptions::default()
        });
        apply(&mut s, &pvc("data", None, "1Gi", "ReadWriteOnce"));
        apply(&mut s, &pod("app", "data", None));
        s.run("sleep 10s");
        s.run("kubectl get pv -o name\nkubectl describe pvc data")
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
    // adding storage leaves the chapter's own names and timings alone
    let mut a = session();
    let mut b = session();
    apply(&mut b, &pvc("data", None, "1Gi", "ReadWriteOnce"));
    for s in [&mut a, &mut b] {
        s.run("sleep 90s");
    }
    assert_eq!(
        a.run("docker logs HAProxy-workers-lb\nkubectl get pods -A -o wide"),
        b.run("docker logs HAProxy-workers-lb\nkubectl get pods -A -o wide")
    );
}
