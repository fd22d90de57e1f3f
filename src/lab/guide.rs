//! Guided labs: steps checked against the simulator's state (not the text typed, so a learner
//! may do a step their own way: typing, clicking the topology, in another order). A failed check
//! says why; help gives a hint first, the exact command on a second request. Steps are checked
//! in order and stay done once done.

use crate::content::model::{Lang, Text2};
use crate::sim::topology::Topology;
use crate::sim::Session;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The guided labs a `kindlab-lab` block may name with `guide: NAME`.
pub const GUIDES: &[&str] = &["chapter", "storage", "tuning"];

/// Why a step is not done yet (in both languages).
pub type Why = Text2<String>;

fn why(en: impl Into<String>, zh: impl Into<String>) -> Why {
    Text2 {
        en: en.into(),
        zh: zh.into(),
    }
}

/// Facts a guided lab remembers from when it started (which worker ran NGINX, the pod's name,
/// the settings drawn for it), so later checks can ask about them after the world moved on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    pub nginx_node: String,
    pub nginx_pod: String,
    /// The tuning lab: the check settings to try (`inter` in seconds, `fall`).
    pub inter_s: u32,
    pub fall: u32,
}

/// The storage lab's claim.
const CLAIM: &str = "data";

/// The answers a step's question offers, worked out from the world: (value, label).
pub type AskOptions = fn(&Session, &Facts) -> Vec<(String, Text2<String>)>;

/// A question a step asks (answered in the guide panel).
pub struct Ask {
    pub prompt: Text2<&'static str>,
    /// (value, label) options; empty: a number is typed instead.
    pub options: AskOptions,
}

/// One step of a guided lab.
pub struct StepDef {
    pub title: Text2<&'static str>,
    pub hint: Text2<&'static str>,
    /// The exact command (may use the facts: `{node}`, `{pod}`).
    pub command: &'static str,
    pub ask: Option<Ask>,
    pub check: fn(&Session, &Facts, Option<&str>) -> Result<(), Why>,
}

impl StepDef {
    /// The exact command with the facts filled in, and what depends on the world now: the
    /// storage lab's volume node, the tuning lab's haproxy.cfg with the settings applied.
    pub fn command_in(&self, f: &Facts, s: &Session) -> String {
        let mut cmd = self.command_for(f);
        if cmd.contains("{volume_node}") {
            let node = s
                .pvs()
                .into_iter()
                .find(|p| p.claim.as_deref() == Some("default/data"))
                .and_then(|p| p.node)
                .unwrap_or_else(|| "cluster01-worker".into());
            cmd = cmd.replace("{volume_node}", &node);
        }
        if cmd.contains("{tuned_cfg}") {
            let cfg = tuned_config(&s.haproxy_config().unwrap_or_default(), f.inter_s, f.fall);
            cmd = cmd.replace("{tuned_cfg}", &cfg);
        }
        cmd
    }

    /// The exact command with the facts filled in.
    pub fn command_for(&self, f: &Facts) -> String {
        self.command
            .replace("{node}", &f.nginx_node)
            .replace("{pod}", &f.nginx_pod)
            .replace("{inter}", &f.inter_s.to_string())
            .replace("{fall}", &f.fall.to_string())
    }
}

pub struct GuideDef {
    pub id: &'static str,
    pub title: Text2<&'static str>,
    pub intro: Text2<&'static str>,
    pub steps: Vec<StepDef>,
}

/// A learner's progress in one guided lab.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuideProgress {
    pub id: String,
    pub facts: Facts,
    /// Steps done (a prefix: steps are done in order).
    pub done: usize,
    /// Answers to steps' questions, by step index.
    pub answers: BTreeMap<usize, String>,
    /// How many times help was asked, by step index (1: the hint, 2: the command).
    pub hints: BTreeMap<usize, u8>,
    /// Virtual time at which each step got done.
    pub done_at: BTreeMap<usize, i64>,
}

impl GuideProgress {
    pub fn start(id: &str, s: &Session) -> GuideProgress {
        let mut facts = facts(s);
        if id == "tuning" {
            // the first try is the example; "try other settings" draws more
            facts.inter_s = 1;
            facts.fall = 2;
        }
        GuideProgress {
            id: id.to_string(),
            facts,
            ..GuideProgress::default()
        }
    }

    /// The tuning lab again with other settings, drawn from `draw` (same draw, same settings).
    pub fn redraw(&mut self, s: &Session, draw: u64) {
        let options = [(1, 2), (2, 3), (3, 2), (1, 4), (2, 2), (3, 3), (4, 2)];
        let (inter, fall) = options[(draw as usize) % options.len()];
        *self = GuideProgress::start(&self.id, s);
        self.facts.inter_s = inter;
        self.facts.fall = fall;
    }

    /// Checks the steps from the first not done, in order, while they pass; returns the ones
    /// that got done now.
    pub fn update(&mut self, def: &GuideDef, s: &Session) -> Vec<usize> {
        let mut newly = vec![];
        while let Some(step) = def.steps.get(self.done) {
            let answer = self.answers.get(&self.done).map(String::as_str);
            if (step.check)(s, &self.facts, answer).is_err() {
                break;
            }
            newly.push(self.done);
            self.done_at.insert(self.done, s.now());
            self.done += 1;
        }
        newly
    }

    /// Why the current step is not done (`None` when it is, or the guide is finished).
    pub fn why_not(&self, def: &GuideDef, s: &Session) -> Option<Why> {
        let step = def.steps.get(self.done)?;
        (step.check)(
            s,
            &self.facts,
            self.answers.get(&self.done).map(String::as_str),
        )
        .err()
    }

    pub fn finished(&self, def: &GuideDef) -> bool {
        self.done >= def.steps.len()
    }
}

/// The guided lab with this id.
pub fn find(id: &str) -> Option<&'static GuideDef> {
    use std::sync::OnceLock;
    static CHAPTER: OnceLock<GuideDef> = OnceLock::new();
    static TUNING: OnceLock<GuideDef> = OnceLock::new();
    static STORAGE: OnceLock<GuideDef> = OnceLock::new();
    match id {
        "chapter" => Some(CHAPTER.get_or_init(chapter)),
        "tuning" => Some(TUNING.get_or_init(tuning)),
        "storage" => Some(STORAGE.get_or_init(storage)),
        _ => None,
    }
}

/// Where NGINX runs now, and its pod.
fn facts(s: &Session) -> Facts {
    let pod = s
        .pods()
        .into_iter()
        .find(|p| p.namespace == "ingress-nginx");
    Facts {
        nginx_node: pod
            .as_ref()
            .and_then(|p| p.node.clone())
            .unwrap_or_default(),
        nginx_pod: pod.map(|p| p.name).unwrap_or_default(),
        ..Facts::default()
    }
}

/// The name of the HAProxy server whose address is `node`'s (the chapter's `worker2` for
/// `cluster01-worker2`); the node's own name if no server has its address.
fn server_of(t: &Topology, node: &str) -> String {
    t.servers()
        .find(|s| s.node.as_deref() == Some(node))
        .map(|s| s.name.clone())
        .unwrap_or_else(|| node.to_string())
}

fn workers(s: &Session, _: &Facts) -> Vec<(String, Text2<String>)> {
    s.topology()
        .clusters
        .iter()
        .flat_map(|c| c.workers.iter())
        .map(|n| {
            (
                n.name.clone(),
                Text2 {
                    en: n.name.clone(),
                    zh: n.name.clone(),
                },
            )
        })
        .collect()
}

fn two_active(_: &Session, _: &Facts) -> Vec<(String, Text2<String>)> {
    [
        ("orphan", "worker2's old NGINX container still runs and answers the checks, so worker2 still counts as UP beside worker3", "worker2 上旧的 NGINX 容器仍在运行并响应健康检查，所以 worker2 和 worker3 一起都算作 UP"),
        ("replicas", "the Deployment now runs two replicas of NGINX", "Deployment 现在运行着两个 NGINX 副本"),
        ("https", "HAProxy counts the http and https backends together", "HAProxy 把 http 和 https 两个后端合在一起计数"),
    ]
    .iter()
    .map(|(v, en, zh)| {
        (
            v.to_string(),
            Text2 {
                en: en.to_string(),
                zh: zh.to_string(),
            },
        )
    })
    .collect()
}

fn node<'a>(t: &'a Topology, name: &str) -> Option<&'a crate::sim::topology::NodeBox> {
    t.node(name)
}

/// The state of `node`'s server in every backend (`UP`/`DOWN`), if HAProxy checks it.
fn server_states(t: &Topology, node: &str) -> Vec<&'static str> {
    t.servers()
        .filter(|s| s.node.as_deref() == Some(node))
        .map(|s| s.state)
        .collect()
}

fn chapter() -> GuideDef {
    GuideDef {
        id: "chapter",
        title: Text2 {
            en: "The chapter's walkthrough: a kubelet fails",
            zh: "本章的演练：kubelet 故障",
        },
        intro: Text2 {
            en: "Do each step in the terminal or by clicking a node in the diagram. Each step is checked against the simulated cluster, so any way that gets there counts.",
            zh: "每一步都可以在终端中完成，也可以点击示意图中的节点来完成。每一步都会对照模拟集群的实际状态来检查，所以只要达到目标，用什么方法都可以。",
        },
        steps: vec![
            StepDef {
                title: Text2 {
                    en: "Find the worker that runs NGINX, from HAProxy's log",
                    zh: "通过 HAProxy 的日志，找出运行 NGINX 的工作节点",
                },
                hint: Text2 {
                    en: "Let the first health checks run (a few seconds: play the clock or sleep 5s), then read HAProxy's log: every server starts UP, so only failed checks are logged. The worker that is never reported DOWN answers on port 80.",
                    zh: "先让第一轮健康检查跑完（几秒钟：播放时钟或执行 sleep 5s），再查看 HAProxy 的日志：每个服务器启动时都是 UP，所以日志里只有检查失败的记录。从未被报告为 DOWN 的那个工作节点，就是在 80 端口上应答的节点。",
                },
                command: "docker logs HAProxy-workers-lb",
                ask: Some(Ask {
                    prompt: Text2 {
                        en: "Which worker runs NGINX?",
                        zh: "哪个工作节点运行着 NGINX？",
                    },
                    options: workers,
                }),
                check: |_s, f, answer| match answer {
                    None => Err(why(
                        "Choose the worker below once you have read the log.",
                        "读完日志后，在下面选择对应的工作节点。",
                    )),
                    Some(a) if a == f.nginx_node => Ok(()),
                    Some(a) => Err(why(
                        format!("Not {a}: in the log, its servers are DOWN (its port 80 refused the checks)."),
                        format!("不是 {a}：日志显示它的服务器处于 DOWN 状态（它的 80 端口拒绝了检查）。"),
                    )),
                },
            },
            StepDef {
                title: Text2 {
                    en: "Stop that worker's kubelet, the chapter's way",
                    zh: "按本章的方法，停止该工作节点上的 kubelet",
                },
                hint: Text2 {
                    en: "Stop only the kubelet service inside the node container (docker exec ... systemctl), not the container itself.",
                    zh: "只停止节点容器内部的 kubelet 服务（docker exec ... systemctl），而不是停止容器本身。",
                },
                command: "docker exec {node} systemctl stop kubelet",
                ask: None,
                check: |s, f, _| {
                    let t = s.topology();
                    let n = node(&t, &f.nginx_node).ok_or_else(|| {
                        why(format!("{} no longer exists.", f.nginx_node), format!("{} 已经不存在了。", f.nginx_node))
                    })?;
                    if !n.container_running {
                        return Err(why(
                            format!("{}'s node container is stopped: start it again (docker start {}) and stop only its kubelet.", f.nginx_node, f.nginx_node),
                            format!("{} 的节点容器已停止：请先重新启动它（docker start {}），然后只停止其中的 kubelet。", f.nginx_node, f.nginx_node),
                        ));
                    }
                    if n.kubelet_running {
                        return Err(why(
                            format!("{}'s kubelet is still running.", f.nginx_node),
                            format!("{} 上的 kubelet 仍在运行。", f.nginx_node),
                        ));
                    }
                    Ok(())
                },
            },
            StepDef {
                title: Text2 {
                    en: "Wait until kubectl get nodes shows it NotReady",
                    zh: "等待，直到 kubectl get nodes 显示它为 NotReady",
                },
                hint: Text2 {
                    en: "The node controller waits for the grace period (40 s up to Kubernetes 1.31, 50 s from 1.32) without a status update. Let time pass: press play, or sleep.",
                    zh: "节点控制器要等待一个宽限期（Kubernetes 1.31 及以前为 40 秒，1.32 起为 50 秒）内没有状态更新。让时间流逝：按下播放键，或者执行 sleep。",
                },
                command: "sleep 50s && kubectl get nodes",
                ask: None,
                check: |s, f, _| {
                    let t = s.topology();
                    match node(&t, &f.nginx_node) {
                        Some(n) if n.state == "NotReady" => Ok(()),
                        Some(n) if n.kubelet_running => Err(why(
                            format!("{}'s kubelet is running again: it reports the node Ready.", f.nginx_node),
                            format!("{} 上的 kubelet 又在运行了：它会报告节点为 Ready。", f.nginx_node),
                        )),
                        Some(_) => Err(why(
                            format!("{} is still Ready: the grace period has not passed yet.", f.nginx_node),
                            format!("{} 仍是 Ready：宽限期还没有过去。", f.nginx_node),
                        )),
                        None => Err(why("The node is gone.", "节点已经不存在了。")),
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "See that the NGINX pod is still Running",
                    zh: "确认 NGINX Pod 仍处于 Running 状态",
                },
                hint: Text2 {
                    en: "List the pods of the ingress-nginx namespace with their nodes: the kubelet is gone, the container is not.",
                    zh: "列出 ingress-nginx 命名空间中的 Pod 及其所在节点：kubelet 停了，但容器还在。",
                },
                command: "kubectl get pods -n ingress-nginx -o wide",
                ask: None,
                check: |s, f, _| {
                    let running = s.pods().into_iter().any(|p| {
                        p.namespace == "ingress-nginx"
                            && p.node.as_deref() == Some(f.nginx_node.as_str())
                            && p.status == "Running"
                    });
                    if running {
                        Ok(())
                    } else {
                        Err(why(
                            format!("No NGINX pod shows Running on {} any more.", f.nginx_node),
                            format!("{} 上已经没有显示为 Running 的 NGINX Pod 了。", f.nginx_node),
                        ))
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "Delete the pod so it is scheduled elsewhere",
                    zh: "删除该 Pod，让它被调度到别的节点上",
                },
                hint: Text2 {
                    en: "The scheduler will not place pods on a NotReady node, but the ReplicaSet replaces a deleted pod at once.",
                    zh: "调度器不会把 Pod 放到 NotReady 的节点上，但 ReplicaSet 会立刻替换被删除的 Pod。",
                },
                command: "kubectl delete pod {pod} -n ingress-nginx",
                ask: None,
                check: |s, f, _| {
                    let still = s
                        .pods()
                        .into_iter()
                        .any(|p| p.namespace == "ingress-nginx" && p.name == f.nginx_pod);
                    if still {
                        Err(why(
                            format!("The pod {} still exists.", f.nginx_pod),
                            format!("Pod {} 仍然存在。", f.nginx_pod),
                        ))
                    } else {
                        Ok(())
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "See it rescheduled and HAProxy bring the new worker UP — and why \"2 active\"",
                    zh: "看到它被重新调度、HAProxy 把新的工作节点标记为 UP——并理解为什么是“2 active”",
                },
                hint: Text2 {
                    en: "Wait a few seconds, then list the pods again and read HAProxy's latest log lines.",
                    zh: "等几秒钟，然后再次列出 Pod，并查看 HAProxy 最新的日志。",
                },
                command: "docker logs --since 20s HAProxy-workers-lb",
                ask: Some(Ask {
                    prompt: Text2 {
                        en: "The new worker's UP line says \"2 active and 0 backup servers online\". Why 2?",
                        zh: "新工作节点的 UP 日志写着“2 active and 0 backup servers online”。为什么是 2？",
                    },
                    options: two_active,
                }),
                check: |s, f, answer| {
                    let t = s.topology();
                    let moved = s.pods().into_iter().find(|p| {
                        p.namespace == "ingress-nginx"
                            && p.status == "Running"
                            && p.node.as_deref().is_some_and(|n| n != f.nginx_node)
                    });
                    let Some(p) = moved else {
                        return Err(why(
                            "The replacement NGINX pod is not Running on another worker yet.",
                            "替换用的 NGINX Pod 还没有在其他工作节点上进入 Running 状态。",
                        ));
                    };
                    let n = p.node.unwrap_or_default();
                    let states = server_states(&t, &n);
                    if states.is_empty() || states.iter().any(|s| *s != "UP") {
                        return Err(why(
                            format!("HAProxy does not show {} UP in both backends yet: its checks need `rise` successes.", server_of(&t, &n)),
                            format!("HAProxy 还没有在两个后端中都把 {} 标记为 UP：它的检查需要连续 `rise` 次成功。", server_of(&t, &n)),
                        ));
                    }
                    match answer {
                        Some("orphan") => Ok(()),
                        None => Err(why(
                            "Now answer the question below.",
                            "现在请回答下面的问题。",
                        )),
                        Some(_) => Err(why(
                            "Not that: look at what still runs on the old worker (docker exec ... crictl ps).",
                            "不是这个原因：看看旧的工作节点上还在运行什么（docker exec ... crictl ps）。",
                        )),
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "Restart the kubelet and see the old worker go DOWN",
                    zh: "重新启动 kubelet，看着旧的工作节点变为 DOWN",
                },
                hint: Text2 {
                    en: "When the kubelet comes back it stops the orphaned NGINX container; HAProxy's checks to that worker then time out.",
                    zh: "kubelet 恢复后会停止那个孤儿 NGINX 容器；之后 HAProxy 对该节点的检查就会超时。",
                },
                command: "docker exec {node} systemctl start kubelet",
                ask: None,
                check: |s, f, _| {
                    let t = s.topology();
                    let Some(n) = node(&t, &f.nginx_node) else {
                        return Err(why("The node is gone.", "节点已经不存在了。"));
                    };
                    if !n.kubelet_running {
                        return Err(why(
                            format!("{}'s kubelet is still stopped.", f.nginx_node),
                            format!("{} 上的 kubelet 仍处于停止状态。", f.nginx_node),
                        ));
                    }
                    let states = server_states(&t, &f.nginx_node);
                    if states.contains(&"UP") {
                        return Err(why(
                            format!("HAProxy still has {} UP: wait for its checks to fail `fall` times.", server_of(&t, &f.nginx_node)),
                            format!("HAProxy 仍把 {} 视为 UP：等它的检查连续失败 `fall` 次。", server_of(&t, &f.nginx_node)),
                        ));
                    }
                    Ok(())
                },
            },
            StepDef {
                title: Text2 {
                    en: "Clean up: delete the cluster and the HAProxy container",
                    zh: "清理：删除集群和 HAProxy 容器",
                },
                hint: Text2 {
                    en: "kind deletes what kind created; the custom HAProxy container is yours to remove, with docker rm --force.",
                    zh: "kind 只删除它自己创建的东西；自定义的 HAProxy 容器需要你自己用 docker rm --force 删除。",
                },
                command: "kind delete cluster --name cluster01 && docker rm --force HAProxy-workers-lb",
                ask: None,
                check: |s, _, _| {
                    if !s.clusters().is_empty() {
                        return Err(why(
                            "cluster01 still exists (kind delete cluster --name cluster01).",
                            "cluster01 仍然存在（kind delete cluster --name cluster01）。",
                        ));
                    }
                    if s.has_haproxy_container() {
                        return Err(why(
                            "HAProxy-workers-lb is still there: kind does not remove it.",
                            "HAProxy-workers-lb 仍然存在：kind 不会删除它。",
                        ));
                    }
                    Ok(())
                },
            },
        ],
    }
}

fn claim(s: &Session) -> Option<crate::sim::PvcView> {
    s.pvcs()
        .into_iter()
        .find(|c| c.namespace == "default" && c.name == CLAIM)
}

fn pending_why(_: &Session, _: &Facts) -> Vec<(String, Text2<String>)> {
    opts(&[
        ("wffc", "No pod uses it yet: standard binds only when the claim's first consumer is scheduled (WaitForFirstConsumer)", "还没有 Pod 使用它：standard 只有在申领的第一个使用者被调度之后才会绑定（WaitForFirstConsumer）"),
        ("no-pv", "A PersistentVolume must be created by hand first", "必须先手动创建一个 PersistentVolume"),
        ("down", "The local-path provisioner is not running", "local-path 制备器没有在运行"),
    ])
}

fn cannot_move(_: &Session, _: &Facts) -> Vec<(String, Text2<String>)> {
    opts(&[
        ("affinity", "The volume lives on that node: its node affinity rules out every other node (volume node affinity conflict)", "卷就在那个节点上：它的节点亲和性排除了其他所有节点（volume node affinity conflict）"),
        ("quota", "The other workers have no room left for it", "其他工作节点上已经没有空间了"),
        ("taint", "Every node is tainted NoSchedule while one node is NotReady", "只要有一个节点处于 NotReady，所有节点都会被打上 NoSchedule 污点"),
    ])
}

fn opts(v: &[(&str, &str, &str)]) -> Vec<(String, Text2<String>)> {
    v.iter()
        .map(|(k, en, zh)| {
            (
                k.to_string(),
                Text2 {
                    en: en.to_string(),
                    zh: zh.to_string(),
                },
            )
        })
        .collect()
}

const PVC_YAML: &str = "kubectl apply -f - <<EOF\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: standard\n  accessModes:\n  - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\nEOF";

const DEPLOY_YAML: &str = "kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        volumeMounts:\n        - name: data\n          mountPath: /usr/share/nginx/html\n      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: data\nEOF";

fn storage() -> GuideDef {
    GuideDef {
        id: "storage",
        title: Text2 {
            en: "Storage: a claim, its volume, and the node it is tied to",
            zh: "存储：申领、它的卷，以及卷所绑定的节点",
        },
        intro: Text2 {
            en: "kind's default StorageClass, standard, uses Rancher's local-path provisioner: volumes are directories on one node. Follow a claim from Pending to Bound, then see what that means when the node fails.",
            zh: "kind 默认的 StorageClass standard 使用 Rancher 的 local-path 制备器：卷就是某个节点上的一个目录。跟着一个申领从 Pending 走到 Bound，然后看看节点故障时这意味着什么。",
        },
        steps: vec![
            StepDef {
                title: Text2 {
                    en: "Create a PersistentVolumeClaim named data on the standard class",
                    zh: "在 standard 存储类上创建一个名为 data 的 PersistentVolumeClaim",
                },
                hint: Text2 {
                    en: "Apply a PersistentVolumeClaim manifest (kubectl apply -f - with a heredoc): 1Gi, ReadWriteOnce, storageClassName standard.",
                    zh: "应用一个 PersistentVolumeClaim 清单（kubectl apply -f - 加 heredoc）：1Gi，ReadWriteOnce，storageClassName 为 standard。",
                },
                command: PVC_YAML,
                ask: None,
                check: |s, _, _| match claim(s) {
                    Some(c) if c.storage_class.as_deref() == Some("standard") => Ok(()),
                    Some(c) => Err(why(
                        format!("The claim data uses the class {:?}, not standard.", c.storage_class),
                        format!("申领 data 使用的存储类是 {:?}，而不是 standard。", c.storage_class),
                    )),
                    None => Err(why(
                        "There is no claim named data in the default namespace yet.",
                        "default 命名空间中还没有名为 data 的申领。",
                    )),
                },
            },
            StepDef {
                title: Text2 {
                    en: "See it Pending, and say why",
                    zh: "确认它处于 Pending 状态，并说明原因",
                },
                hint: Text2 {
                    en: "kubectl get pvc shows the status; kubectl describe pvc data shows the events, with the class's binding mode.",
                    zh: "kubectl get pvc 显示状态；kubectl describe pvc data 会显示事件，其中提到存储类的绑定模式。",
                },
                command: "kubectl describe pvc data",
                ask: Some(Ask {
                    prompt: Text2 {
                        en: "Why is data Pending?",
                        zh: "data 为什么处于 Pending？",
                    },
                    options: pending_why,
                }),
                check: |s, _, answer| {
                    let c = claim(s).ok_or_else(|| why("The claim data is gone.", "申领 data 已经不存在了。"))?;
                    if c.status != "Pending" && answer.is_none() {
                        return Err(why(
                            "data is not Pending any more: a pod already uses it. Answer from what you saw.",
                            "data 已经不是 Pending 了：已经有 Pod 在使用它。请根据你看到的情况回答。",
                        ));
                    }
                    match answer {
                        Some("wffc") => Ok(()),
                        None => Err(why("Answer the question below.", "请回答下面的问题。")),
                        Some(_) => Err(why(
                            "Not that: read the claim's events (kubectl describe pvc data).",
                            "不是这个原因：看看申领的事件（kubectl describe pvc data）。",
                        )),
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "Start a pod that uses the claim (a Deployment, so that it can be replaced)",
                    zh: "启动一个使用该申领的 Pod（用 Deployment，这样它可以被替换）",
                },
                hint: Text2 {
                    en: "A Deployment whose pod template has a volume with persistentVolumeClaim.claimName: data.",
                    zh: "创建一个 Deployment，它的 Pod 模板中有一个卷，persistentVolumeClaim.claimName 为 data。",
                },
                command: DEPLOY_YAML,
                ask: None,
                check: |s, _, _| match claim(s) {
                    Some(c) if !c.used_by.is_empty() => Ok(()),
                    Some(_) => Err(why("No pod uses the claim data yet.", "还没有 Pod 使用申领 data。")),
                    None => Err(why("The claim data is gone.", "申领 data 已经不存在了。")),
                },
            },
            StepDef {
                title: Text2 {
                    en: "See the PV appear on that pod's node, and both Bound",
                    zh: "看到 PV 出现在该 Pod 所在的节点上，并且两者都是 Bound",
                },
                hint: Text2 {
                    en: "Give the provisioner a few seconds, then kubectl get sc,pv,pvc and kubectl get pods -o wide.",
                    zh: "给制备器几秒钟，然后执行 kubectl get sc,pv,pvc 和 kubectl get pods -o wide。",
                },
                command: "kubectl get sc,pv,pvc",
                ask: None,
                check: |s, _, _| {
                    let c = claim(s).ok_or_else(|| why("The claim data is gone.", "申领 data 已经不存在了。"))?;
                    let pv = c.volume.as_ref().and_then(|v| s.pvs().into_iter().find(|p| &p.name == v));
                    match (c.status.as_str(), pv) {
                        ("Bound", Some(pv)) if pv.status == "Bound" && pv.node.is_some() => Ok(()),
                        _ => Err(why(
                            format!("data is {}: the volume is not made and bound yet.", c.status),
                            format!("data 是 {}：卷还没有创建并绑定。", c.status),
                        )),
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "Stop that node's kubelet, delete the pod, and see why its replacement cannot move",
                    zh: "停止那个节点的 kubelet，删除该 Pod，看看替换它的 Pod 为什么无法迁移",
                },
                hint: Text2 {
                    en: "Find the node in kubectl get pv (node affinity) or kubectl get pods -o wide; stop its kubelet, wait until it is NotReady, delete the pod; the Deployment's new pod stays Pending: kubectl describe pod tells why.",
                    zh: "从 kubectl get pv（节点亲和性）或 kubectl get pods -o wide 找到节点；停止它的 kubelet，等它变成 NotReady，然后删除 Pod；Deployment 新建的 Pod 会一直处于 Pending：kubectl describe pod 会说明原因。",
                },
                command: "docker exec {volume_node} systemctl stop kubelet",
                ask: Some(Ask {
                    prompt: Text2 {
                        en: "Why can the new pod not run on another worker?",
                        zh: "新的 Pod 为什么不能在其他工作节点上运行？",
                    },
                    options: cannot_move,
                }),
                check: |s, _, answer| {
                    let c = claim(s).ok_or_else(|| why("The claim data is gone.", "申领 data 已经不存在了。"))?;
                    let node = c
                        .volume
                        .as_ref()
                        .and_then(|v| s.pvs().into_iter().find(|p| &p.name == v))
                        .and_then(|p| p.node)
                        .ok_or_else(|| why("The claim has no volume on a node.", "该申领在任何节点上都没有卷。"))?;
                    let t = s.topology();
                    if t.node(&node).is_some_and(|n| n.kubelet_running) {
                        return Err(why(
                            format!("{node}'s kubelet (where the volume lives) is still running."),
                            format!("卷所在节点 {node} 上的 kubelet 仍在运行。"),
                        ));
                    }
                    let pods = s.pods();
                    let stuck = c.used_by.iter().any(|u| {
                        pods.iter()
                            .any(|p| &p.name == u && p.node.is_none() && p.status == "Pending")
                    });
                    if !stuck {
                        return Err(why(
                            "No replacement pod is waiting yet: once the node is NotReady, delete the pod.",
                            "还没有等待中的替换 Pod：节点变成 NotReady 之后，删除那个 Pod。",
                        ));
                    }
                    match answer {
                        Some("affinity") => Ok(()),
                        None => Err(why("Answer the question below.", "请回答下面的问题。")),
                        Some(_) => Err(why(
                            "Not that: read the new pod's events (kubectl describe pod).",
                            "不是这个原因：看看新 Pod 的事件（kubectl describe pod）。",
                        )),
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "Delete the Deployment and the claim, and see the volume go",
                    zh: "删除 Deployment 和申领，看着卷被删除",
                },
                hint: Text2 {
                    en: "kubectl delete deployment web and kubectl delete pvc data; the claim stays Terminating while a pod still holds it, so bring the kubelet back. With reclaimPolicy Delete the PV goes too.",
                    zh: "执行 kubectl delete deployment web 和 kubectl delete pvc data；只要还有 Pod 占用申领，它就会停在 Terminating，所以要把 kubelet 恢复。回收策略为 Delete 时，PV 也会被删除。",
                },
                command: "kubectl delete deployment web && kubectl delete pvc data",
                ask: None,
                check: |s, _, _| {
                    if claim(s).is_some() {
                        return Err(why("The claim data still exists.", "申领 data 仍然存在。"));
                    }
                    if s
                        .pvs()
                        .iter()
                        .any(|p| p.claim.as_deref() == Some("default/data"))
                    {
                        return Err(why(
                            "Its volume is still there: it goes once the provisioner has cleaned up.",
                            "它的卷还在：要等制备器清理完才会删除。",
                        ));
                    }
                    Ok(())
                },
            },
        ],
    }
}

/// The HAProxy-workers-lb servers' (inter ms, fall), if HAProxy runs.
fn running_checks(s: &Session) -> Vec<(String, i64, u32)> {
    s.haproxy()
        .map(|e| {
            e.config()
                .backends
                .iter()
                .flat_map(|b| {
                    b.servers
                        .iter()
                        .map(move |v| (format!("{}/{}", b.name, v.name), v.inter, v.fall))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `cfg` with `inter {inter}s fall {fall}` on every checked server line (replacing any inter
/// or fall already there); ends with a newline.
fn tuned_config(cfg: &str, inter_s: u32, fall: u32) -> String {
    let mut out = String::new();
    for line in cfg.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"server") && words.contains(&"check") {
            let indent = &line[..line.len() - line.trim_start().len()];
            let mut kept: Vec<&str> = vec![];
            let mut i = 0;
            while i < words.len() {
                if matches!(words[i], "inter" | "fall") {
                    i += 2;
                    continue;
                }
                kept.push(words[i]);
                i += 1;
            }
            out.push_str(&format!(
                "{indent}{} inter {inter_s}s fall {fall}\n",
                kept.join(" ")
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn no_options(_: &Session, _: &Facts) -> Vec<(String, Text2<String>)> {
    vec![]
}

/// What the tuning lab measured, once its last step is done.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    pub inter_s: u32,
    pub fall: u32,
    /// The learner's prediction, in seconds.
    pub predicted_s: Option<f64>,
    /// From the worker's death to HAProxy's DOWN line (ms), read from the log.
    pub measured_ms: i64,
    /// The rule without the wait for the first check: (fall − 1) × inter + fall × timeout (ms).
    pub rule_ms: i64,
}

/// The tuning lab's result (after its last step).
pub fn tuning_result(p: &GuideProgress, s: &Session) -> Option<Tuning> {
    let stopped_at = *p.done_at.get(&2)?;
    let down_at = *p.done_at.get(&3)?;
    let node = &p.facts.nginx_node;
    let server = server_of(&s.topology(), node);
    let measured = s.haproxy().and_then(|e| {
        e.logs()
            .iter()
            .find(|l| {
                l.at >= stopped_at
                    && l.at <= down_at
                    && l.text
                        .contains(&format!("Server ingress_http/{server} is DOWN"))
            })
            .map(|l| l.at - stopped_at)
    })?;
    let inter = p.facts.inter_s as i64 * 1000;
    let fall = p.facts.fall as i64;
    Some(Tuning {
        inter_s: p.facts.inter_s,
        fall: p.facts.fall,
        predicted_s: p
            .answers
            .get(&0)
            .and_then(|a| a.trim().replace(',', ".").parse().ok()),
        measured_ms: measured,
        // without `timeout check`, a check that gets no answer gives up after `inter`
        rule_ms: (fall - 1) * inter + fall * inter,
    })
}

fn tuning() -> GuideDef {
    GuideDef {
        id: "tuning",
        title: Text2 {
            en: "Tune HAProxy: predict, then observe",
            zh: "调整 HAProxy：先预测，再观察",
        },
        intro: Text2 {
            en: "How long does HAProxy take to notice a dead worker? Predict it for the settings below, apply them, stop the worker and compare with what the log shows.",
            zh: "HAProxy 要多久才能发现一个工作节点已经宕掉？先按下面的参数做出预测，然后应用这些参数、停掉该工作节点，再和日志显示的结果比较。",
        },
        steps: vec![
            StepDef {
                title: Text2 {
                    en: "Predict: with inter {inter}s fall {fall}, how many seconds from the worker's death to DOWN?",
                    zh: "预测：在 inter {inter}s fall {fall} 下，从工作节点宕掉到被标记为 DOWN 需要多少秒？",
                },
                hint: Text2 {
                    en: "The next check starts inter after the previous one ended; a dead node never answers, so each check waits for its timeout (inter, when there is no timeout check); fall failures in a row mark it DOWN.",
                    zh: "下一次检查在上一次检查结束后 inter 开始；宕掉的节点永远不会应答，所以每次检查都要等到超时（没有设置 timeout check 时就是 inter）；连续 fall 次失败后被标记为 DOWN。",
                },
                command: "",
                ask: Some(Ask {
                    prompt: Text2 {
                        en: "Your prediction, in seconds:",
                        zh: "你的预测（秒）：",
                    },
                    options: no_options,
                }),
                check: |_, _, answer| match answer.map(|a| a.trim().replace(',', ".").parse::<f64>()) {
                    Some(Ok(v)) if v >= 0.0 => Ok(()),
                    Some(_) => Err(why("Type a number of seconds.", "请输入秒数。")),
                    None => Err(why("Make your prediction first.", "请先做出预测。")),
                },
            },
            StepDef {
                title: Text2 {
                    en: "Apply inter {inter}s fall {fall} to the servers (haproxy.cfg tab)",
                    zh: "把 inter {inter}s fall {fall} 应用到各个服务器上（haproxy.cfg 标签页）",
                },
                hint: Text2 {
                    en: "In the haproxy.cfg tab, add the settings after check port 80 on each server line (or once, as default-server in defaults), then Apply: HAProxy restarts with them.",
                    zh: "在 haproxy.cfg 标签页中，把参数加在每个 server 行的 check port 80 之后（或者在 defaults 中用 default-server 写一次），然后点击“应用”：HAProxy 会带着新参数重启。",
                },
                // the file rewritten whole (the lab's shell has no sed), then HAProxy restarted
                command: "cat > ~/haproxy/haproxy.cfg <<'EOF' && docker restart HAProxy-workers-lb\n{tuned_cfg}EOF",
                ask: None,
                check: |s, f, _| {
                    let servers = running_checks(s);
                    if servers.is_empty() {
                        return Err(why(
                            "HAProxy-workers-lb is not running.",
                            "HAProxy-workers-lb 没有在运行。",
                        ));
                    }
                    let want = (i64::from(f.inter_s) * 1000, f.fall);
                    match servers.iter().find(|(_, i, fl)| (*i, *fl) != want) {
                        None => Ok(()),
                        Some((name, i, fl)) => Err(why(
                            format!("{name} still runs with inter {}s fall {fl}.", *i as f64 / 1000.0),
                            format!("{name} 仍在使用 inter {}s fall {fl}。", *i as f64 / 1000.0),
                        )),
                    }
                },
            },
            StepDef {
                title: Text2 {
                    en: "Kill the worker that runs NGINX (stop its node container)",
                    zh: "让运行 NGINX 的工作节点宕掉（停止它的节点容器）",
                },
                hint: Text2 {
                    en: "A stopped node container drops every packet: HAProxy's checks get no answer at all.",
                    zh: "节点容器停止后会丢弃所有数据包：HAProxy 的检查得不到任何应答。",
                },
                command: "docker stop {node}",
                ask: None,
                check: |s, f, _| match s.topology().node(&f.nginx_node) {
                    Some(n) if !n.container_running => Ok(()),
                    Some(_) => Err(why(
                        format!("{} is still running.", f.nginx_node),
                        format!("{} 仍在运行。", f.nginx_node),
                    )),
                    None => Err(why("The node is gone.", "节点已经不存在了。")),
                },
            },
            StepDef {
                title: Text2 {
                    en: "Let time pass until HAProxy marks it DOWN, and compare",
                    zh: "让时间流逝，直到 HAProxy 把它标记为 DOWN，然后比较结果",
                },
                hint: Text2 {
                    en: "Press play (1× shows it in real time) or step to the next event.",
                    zh: "按下播放键（1× 时与真实时间同步），或者逐个跳到下一个事件。",
                },
                command: "sleep 15s",
                ask: None,
                check: |s, f, _| {
                    let server = server_of(&s.topology(), &f.nginx_node);
                    let up = s
                        .haproxy_servers()
                        .into_iter()
                        .any(|v| v.backend == "ingress_http" && v.name == server && v.state == crate::sim::haproxy::ServerState::Up);
                    if up {
                        Err(why(
                            format!("HAProxy still has ingress_http/{server} UP."),
                            format!("HAProxy 仍把 ingress_http/{server} 视为 UP。"),
                        ))
                    } else {
                        Ok(())
                    }
                },
            },
        ],
    }
}

/// A step's title with the guide's facts filled in.
pub fn title_for(step: &StepDef, f: &Facts, lang: Lang) -> String {
    text(&step.title, lang)
        .replace("{inter}", &f.inter_s.to_string())
        .replace("{fall}", &f.fall.to_string())
}

/// A step's text in a language.
pub fn text(t: &Text2<&'static str>, lang: Lang) -> &'static str {
    match lang {
        Lang::En => t.en,
        Lang::Zh => t.zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::Lab;
    use crate::sim::DEFAULT_SEED;

    fn done(lab: &Lab) -> usize {
        lab.doc.guides["chapter"].done
    }

    #[test]
    fn the_chapter_walkthrough_typed() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.open_guide("chapter");
        lab.run("sleep 5s");
        lab.update_guides();
        assert_eq!(done(&lab), 0);
        let def = find("chapter").unwrap();
        let p = &lab.doc.guides["chapter"];
        assert!(p.why_not(def, &lab.session).is_some());
        lab.answer_guide(0, "cluster01-worker3");
        assert_eq!(done(&lab), 0);
        let why = lab.doc.guides["chapter"]
            .why_not(def, &lab.session)
            .unwrap();
        assert!(why.en.contains("Not cluster01-worker3"), "{why:?}");
        lab.answer_guide(0, "cluster01-worker2");
        assert_eq!(done(&lab), 1);
        let why = lab.doc.guides["chapter"]
            .why_not(def, &lab.session)
            .unwrap();
        assert_eq!(why.en, "cluster01-worker2's kubelet is still running.");
        lab.run("docker exec cluster01-worker2 systemctl stop kubelet");
        lab.update_guides();
        assert_eq!(done(&lab), 2);
        lab.run("sleep 20s");
        lab.update_guides();
        assert_eq!(done(&lab), 2);
        assert!(lab.doc.guides["chapter"]
            .why_not(def, &lab.session)
            .unwrap()
            .en
            .contains("still Ready"));
        lab.run("sleep 40s");
        lab.update_guides();
        // NotReady, and the pod still Running: two steps at once
        assert_eq!(done(&lab), 4);
        lab.run("kubectl delete pod nginx-ingress-controller-7d6bf88c86-r7ztq -n ingress-nginx");
        lab.update_guides();
        assert_eq!(done(&lab), 5);
        lab.run("sleep 20s");
        lab.update_guides();
        assert_eq!(done(&lab), 5, "the question is not answered yet");
        lab.answer_guide(5, "replicas");
        assert_eq!(done(&lab), 5);
        lab.answer_guide(5, "orphan");
        assert_eq!(done(&lab), 6);
        lab.run("docker exec cluster01-worker2 systemctl start kubelet");
        lab.update_guides();
        assert_eq!(done(&lab), 6, "worker2 is not DOWN yet");
        lab.run("sleep 30s");
        lab.update_guides();
        assert_eq!(done(&lab), 7);
        lab.run("kind delete cluster --name cluster01");
        lab.update_guides();
        assert_eq!(done(&lab), 7);
        lab.run("docker rm HAProxy-workers-lb --force");
        lab.update_guides();
        assert!(lab.doc.guides["chapter"].finished(def));
    }

    #[test]
    fn out_of_order_and_other_ways_count_and_hints_escalate() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.open_guide("chapter");
        // the kubelet stopped and time passed before the first question was answered
        lab.run("docker exec cluster01-worker2 systemctl stop kubelet");
        lab.advance(70_000);
        lab.update_guides();
        assert_eq!(done(&lab), 0);
        lab.answer_guide(0, "cluster01-worker2");
        assert_eq!(done(&lab), 4, "steps already true are done when reached");
        assert_eq!(lab.ask_hint(4), 1);
        assert_eq!(lab.ask_hint(4), 2);
        assert_eq!(lab.ask_hint(4), 2);
        let def = find("chapter").unwrap();
        let f = &lab.doc.guides["chapter"].facts;
        assert_eq!(
            def.steps[4].command_for(f),
            "kubectl delete pod nginx-ingress-controller-7d6bf88c86-r7ztq -n ingress-nginx"
        );
    }

    #[test]
    fn the_tuning_lab_measures_what_the_rule_says() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.run("sleep 30s");
        lab.open_guide("tuning");
        let done = |lab: &Lab| lab.doc.guides["tuning"].done;
        lab.answer_guide(0, "abc");
        assert_eq!(done(&lab), 0);
        lab.answer_guide(0, "3.5");
        assert_eq!(done(&lab), 1);
        let def = find("tuning").unwrap();
        let why = lab.doc.guides["tuning"].why_not(def, &lab.session).unwrap();
        assert!(
            why.en.contains("still runs with inter 2s fall 3"),
            "{why:?}"
        );
        let cmd = def.steps[1].command_for(&lab.doc.guides["tuning"].facts);
        // the same change made as the editor would (a heredoc), then a restart
        let cfg = lab
            .session
            .haproxy_config()
            .unwrap()
            .replace("check port 80", "check port 80 inter 1s fall 2");
        let e = lab.run(&format!("cat > ~/haproxy/haproxy.cfg <<'EOF'\n{cfg}EOF"));
        assert!(e.ok, "{}", e.output);
        lab.run("docker restart HAProxy-workers-lb");
        lab.update_guides();
        assert_eq!(done(&lab), 2, "{cmd}");
        lab.advance(10_000);
        lab.run("docker stop cluster01-worker2");
        lab.update_guides();
        assert_eq!(done(&lab), 3);
        for _ in 0..40 {
            lab.step_to_next_event();
            lab.update_guides();
        }
        assert_eq!(done(&lab), 4);
        let r = tuning_result(&lab.doc.guides["tuning"], &lab.session).unwrap();
        assert_eq!(r.predicted_s, Some(3.5));
        assert_eq!(r.rule_ms, 3000);
        // the wait for the first check comes on top of the rule: at most one inter
        assert!(
            r.measured_ms >= r.rule_ms && r.measured_ms <= r.rule_ms + 1000 + 50,
            "{r:?}"
        );
    }

    #[test]
    fn the_tuning_labs_hint_command_runs_in_the_lab() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.open_guide("tuning");
        lab.answer_guide(0, "3");
        let def = find("tuning").unwrap();
        let cmd = def.steps[1].command_in(&lab.doc.guides["tuning"].facts, &lab.session);
        let e = lab.run(&cmd);
        assert!(e.ok, "{cmd}\n{}", e.output);
        lab.update_guides();
        assert_eq!(lab.doc.guides["tuning"].done, 2, "{cmd}");
        let cfg = lab.session.haproxy_config().unwrap();
        assert_eq!(
            cfg.matches("check port 80 inter 1s fall 2\n").count(),
            6,
            "{cfg}"
        );
        // settings already there are replaced, not repeated
        assert_eq!(
            tuned_config(
                "  server a $worker1:80 check inter 5s port 80 fall 9\n",
                2,
                3
            ),
            "  server a $worker1:80 check port 80 inter 2s fall 3\n"
        );
    }

    #[test]
    fn every_hint_command_of_the_chapter_and_tuning_labs_is_accepted() {
        for id in ["chapter", "tuning"] {
            let def = find(id).unwrap();
            for (i, step) in def.steps.iter().enumerate() {
                if step.command.is_empty() {
                    continue;
                }
                // each command on a fresh lab, as far as it can run there: none is unknown
                let mut lab = Lab::new(DEFAULT_SEED);
                lab.open_guide(id);
                let cmd = step.command_in(&lab.doc.guides[id].facts, &lab.session);
                let e = lab.run(&cmd);
                assert!(
                    !e.output.contains("command not found"),
                    "{id} step {}: {cmd}\n{}",
                    i + 1,
                    e.output
                );
            }
        }
    }

    #[test]
    fn the_storage_lab_follows_a_claim_and_its_node() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.open_guide("storage");
        let def = find("storage").unwrap();
        let done = |lab: &Lab| lab.doc.guides["storage"].done;
        let cmd = |lab: &Lab, i: usize| {
            def.steps[i].command_in(&lab.doc.guides["storage"].facts, &lab.session)
        };
        let c = cmd(&lab, 0);
        assert!(lab.run(&c).ok, "{c}");
        lab.update_guides();
        assert_eq!(done(&lab), 1);
        lab.answer_guide(1, "no-pv");
        assert_eq!(done(&lab), 1);
        lab.answer_guide(1, "wffc");
        assert_eq!(done(&lab), 2);
        let c = cmd(&lab, 2);
        assert!(lab.run(&c).ok, "{c}");
        lab.update_guides();
        assert_eq!(done(&lab), 3);
        lab.advance(15_000);
        lab.update_guides();
        assert_eq!(done(&lab), 4);
        let stop = cmd(&lab, 4);
        let node = stop.split_whitespace().nth(2).unwrap().to_string();
        assert!(lab.run(&stop).ok);
        lab.advance(60_000);
        lab.update_guides();
        assert_eq!(done(&lab), 4);
        let why = lab.doc.guides["storage"]
            .why_not(def, &lab.session)
            .unwrap();
        assert!(why.en.contains("No replacement pod"), "{why:?}");
        let pod = lab
            .session
            .pods()
            .into_iter()
            .find(|p| p.name.starts_with("web-") && p.node.as_deref() == Some(node.as_str()))
            .unwrap();
        lab.run(&format!("kubectl delete pod {}", pod.name));
        lab.advance(2_000);
        lab.answer_guide(4, "affinity");
        assert_eq!(done(&lab), 5);
        lab.run("kubectl delete deployment web");
        lab.run("kubectl delete pvc data");
        lab.advance(5_000);
        lab.update_guides();
        assert_eq!(
            done(&lab),
            5,
            "the old pod holds the claim while its kubelet is away"
        );
        lab.run(&format!("docker exec {node} systemctl start kubelet"));
        lab.advance(20_000);
        lab.update_guides();
        assert!(
            lab.doc.guides["storage"].finished(def),
            "{:?}",
            lab.doc.guides["storage"].why_not(def, &lab.session)
        );
    }

    #[test]
    fn stopping_the_container_is_not_the_chapters_way() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.open_guide("chapter");
        lab.answer_guide(0, "cluster01-worker2");
        lab.run("docker stop cluster01-worker2");
        lab.update_guides();
        assert_eq!(done(&lab), 1);
        let def = find("chapter").unwrap();
        let why = lab.doc.guides["chapter"]
            .why_not(def, &lab.session)
            .unwrap();
        assert!(why.en.contains("node container is stopped"), "{why:?}");
    }
}
