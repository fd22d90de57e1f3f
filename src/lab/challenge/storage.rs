//! `pvc-pending`: pod `writer` waits on claim `data`, which names StorageClass `fast`, which does
//! not exist (texts: `content/challenges/pvc-pending.toml`).

use super::{options, prepare, ChallengeDef, Verdict};
use crate::lab::guide::Why;
use crate::sim::Session;

/// The claim, on a class that does not exist.
const CLAIM_FAST: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: fast\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\nEOF";

/// The pod that waits for it.
const WRITER: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: writer\nspec:\n  containers:\n  - name: writer\n    image: busybox\n    command: [\"sh\", \"-c\", \"date >> /data/log; sleep 3600\"]\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data\nEOF";

pub(super) const PVC_PENDING: ChallengeDef = ChallengeDef {
    id: "pvc-pending",
    setup: |seed| prepare(Session::new(options(seed)), &[CLAIM_FAST, WRITER], 30_000),
    why: &[
        ("no-writer", &[]),
        ("no-claim", &[]),
        ("claim-pending", &["class"]),
        ("writer-waiting", &["status"]),
    ],
    fixes: &[
        ("created-class", &["provisioner", "mode"]),
        ("claim-standard", &[]),
        ("claim-other", &["class"]),
    ],
    check: |s| -> Verdict {
        let writer = s
            .pods()
            .into_iter()
            .find(|p| p.namespace == "default" && p.name == "writer")
            .ok_or_else(|| Why::new("no-writer"))?;
        let claim = s
            .pvcs()
            .into_iter()
            .find(|c| c.namespace == "default" && c.name == "data")
            .ok_or_else(|| Why::new("no-claim"))?;
        let class = claim.storage_class.clone().unwrap_or_default();
        if claim.status != "Bound" {
            return Err(Why::new("claim-pending").arg("class", &class));
        }
        if writer.status != "Running" {
            return Err(Why::new("writer-waiting").arg("status", &writer.status));
        }
        match class.as_str() {
            "fast" => {
                let sc = s.storage_classes().into_iter().find(|c| c.name == "fast");
                let (provisioner, mode) = sc
                    .map(|c| (c.provisioner, c.binding_mode))
                    .unwrap_or_default();
                Ok(Why::new("created-class")
                    .arg("provisioner", provisioner)
                    .arg("mode", mode))
            }
            "standard" => Ok(Why::new("claim-standard")),
            _ => Ok(Why::new("claim-other").arg("class", class)),
        }
    },
};
