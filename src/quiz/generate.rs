//! Questions generated from the simulator: each is a fresh scenario drawn from a seed, run in a
//! `sim::Session`, and its answer is read from what the simulator did, never written down. The
//! same seed gives the same question (the id carries the seed: `gen-<kind>-<seed>`).
//!
//! Kinds:
//! - `nginx`: HAProxy's start-up log with NGINX on a random worker: which worker runs it?
//! - `down`: given `inter`/`fall`/`rise` and when NGINX died, how long until HAProxy marks the
//!   server DOWN (measured in the simulator's log)?
//! - `nodes`: a kubelet stops at a given time on a given Kubernetes version: what does
//!   `kubectl get nodes` show for that node some seconds later?

use crate::content::model::*;
use crate::sim::world::CHAPTER_HAPROXY_CFG;
use crate::sim::{K8sVersion, KindEra, LogStyle, Session, SessionOptions};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The kinds of generated questions.
pub const KINDS: &[&str] = &["nginx", "down", "nodes"];

/// The question with this id (`gen-<kind>-<seed>`), made anew.
pub fn by_id(id: &str) -> Option<Question> {
    let rest = id.strip_prefix("gen-")?;
    let (kind, seed) = rest.rsplit_once('-')?;
    let seed: u64 = seed.parse().ok()?;
    match kind {
        "nginx" => Some(which_worker(seed)),
        "down" => Some(time_to_down(seed)),
        "nodes" => Some(node_status(seed)),
        _ => None,
    }
}

/// `n` generated questions for a run seeded with `seed`, the kinds taken in turn.
pub fn set(seed: u64, n: usize) -> Vec<Question> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n)
        .filter_map(|i| {
            let kind = KINDS[i % KINDS.len()];
            let s: u64 = rng.random_range(1..1_000_000_000);
            by_id(&format!("gen-{kind}-{s}"))
        })
        .collect()
}

fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::Text(s.into())]
}

fn para(s: impl Into<String>) -> Block {
    Block::Paragraph(text(s))
}

fn code(s: &str) -> Block {
    Block::Code(CodeBlock {
        lang: "text".into(),
        text: s.to_string(),
        lines: s
            .lines()
            .map(|l| {
                vec![Span {
                    class: String::new(),
                    text: l.to_string(),
                }]
            })
            .collect(),
        commands: String::new(),
    })
}

fn both(en: Vec<Block>, zh: Vec<Block>) -> Text2<Rich> {
    Text2 { en, zh }
}

/// An option's text: `` `name` `` is shown as code, anything else as text.
fn label(s: &str) -> Block {
    match s.strip_prefix('`').and_then(|r| r.strip_suffix('`')) {
        Some(code) => Block::Paragraph(vec![Inline::Code(code.to_string())]),
        None => para(s),
    }
}

fn opt(en: &str, zh: &str, why_en: &str, why_zh: &str) -> Opt {
    Opt {
        key: en.trim_matches('`').to_string(),
        text: both(vec![label(en)], vec![label(zh)]),
        why: if why_en.is_empty() {
            Text2::default()
        } else {
            both(vec![para(why_en)], vec![para(why_zh)])
        },
    }
}

fn world(seed: u64, version: K8sVersion, ingress_on: usize, cfg: &str) -> Session {
    let opts = SessionOptions {
        seed,
        log_style: LogStyle::Chapter,
        k8s_version: version,
        kind_era: KindEra::Chapter,
    };
    Session::build(opts, 3, &[ingress_on], cfg)
}

const V131: K8sVersion = K8sVersion {
    minor: 31,
    patch: 12,
};

fn worker_name(k: usize) -> String {
    if k == 1 {
        "cluster01-worker".into()
    } else {
        format!("cluster01-worker{k}")
    }
}

/// Which worker runs NGINX, read from HAProxy's start-up log.
fn which_worker(seed: u64) -> Question {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x006e_6769_6e78);
    let k = rng.random_range(1..=3);
    let mut s = world(seed, V131, k, CHAPTER_HAPROXY_CFG);
    s.run("sleep 5s");
    let log = s.run("docker logs HAProxy-workers-lb");
    let log: String = log
        .lines()
        .filter(|l| l.contains(" is DOWN") || l.contains(" is UP"))
        .map(|l| format!("{l}\n"))
        .collect();
    // the answer is where the simulator put the ingress pod
    let runs_on = s
        .pods()
        .into_iter()
        .find(|p| p.namespace == "ingress-nginx")
        .and_then(|p| p.node)
        .unwrap_or_default();
    let answer_k = (1..=3).find(|k| worker_name(*k) == runs_on).unwrap_or(k);
    let mut distractors = vec![];
    for j in 1..=3 {
        if j == answer_k {
            continue;
        }
        let name = worker_name(j);
        let server = if j == 1 {
            "worker".into()
        } else {
            format!("worker{j}")
        };
        distractors.push(opt(
            &format!("`{name}`"),
            &format!("`{name}`"),
            &format!("The log lists `{server}` as DOWN in both backends: its checks on port 80 were refused, so nothing listens there."),
            &format!("日志在两个后端中都把 `{server}` 标记为 DOWN：它的 80 端口检查被拒绝，说明那里没有任何程序在监听。"),
        ));
    }
    let name = worker_name(answer_k);
    Question {
        id: format!("gen-nginx-{seed}"),
        topic: "traffic".into(),
        lesson: Some("traffic".into()),
        line: 0,
        prompt: both(
            vec![
                para("HAProxy-workers-lb has just started with the chapter's configuration. These are the server lines of its log (docker logs HAProxy-workers-lb). On which worker does the NGINX ingress controller run?"),
                code(&log),
            ],
            vec![
                para("HAProxy-workers-lb 刚刚用本章的配置启动。下面是它日志中关于各个服务器的行（docker logs HAProxy-workers-lb）。NGINX Ingress 控制器运行在哪个工作节点上？"),
                code(&log),
            ],
        ),
        kind: QuestionKind::Choice(Choice {
            answers: vec![opt(&format!("`{name}`"), &format!("`{name}`"), "", "")],
            distractors,
            multiple: false,
            answer_index: None,
            sort: true,
        }),
        context: both(
            vec![para(format!("Every server starts UP, so only the failed ones are logged: the worker that is never reported DOWN is the one answering GET /healthz on port 80, {name}. The simulator placed the NGINX pod there."))],
            vec![para(format!("每个服务器启动时都处于 UP 状态，所以日志只记录检查失败的服务器：从未被报告为 DOWN 的那个工作节点，正是在 80 端口上响应 GET /healthz 的节点，即 {name}。模拟器确实把 NGINX Pod 放在了那里。"))],
        ),
    }
}

/// Seconds with one decimal: `4.3 s`.
fn secs(ms: i64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}

/// How long until a dead server is DOWN, for drawn `inter`/`fall`/`rise`.
fn time_to_down(seed: u64) -> Question {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x646f_776e);
    let inter_s: i64 = [1, 2, 3, 4][rng.random_range(0..4)];
    let fall: i64 = rng.random_range(2..=5);
    let rise: i64 = rng.random_range(1..=3);
    let options = format!("check port 80 inter {inter_s}s fall {fall} rise {rise}");
    let cfg = CHAPTER_HAPROXY_CFG.replace("check port 80", &options);
    let mut s = world(seed, V131, 2, &cfg);
    // steady state, then NGINX goes away at a drawn moment
    let settle = 30_000 + rng.random_range(0..(inter_s * 1000));
    s.advance(settle);
    let killed_at = s.now();
    let last_ok = s
        .haproxy_servers()
        .into_iter()
        .find(|v| v.backend == "ingress_http" && v.name == "worker2")
        .and_then(|v| v.last_check)
        .map(|c| c.at)
        .unwrap_or(killed_at);
    s.run("kubectl scale deployment nginx-ingress-controller --replicas=0 -n ingress-nginx");
    s.advance((fall + 2) * inter_s * 1000 + 5_000);
    // the answer: when the simulator's HAProxy logged the DOWN line
    let down_at = s
        .haproxy()
        .and_then(|e| {
            e.logs()
                .iter()
                .find(|l| {
                    l.at > killed_at && l.text.contains("Server ingress_http/worker2 is DOWN")
                })
                .map(|l| l.at)
        })
        .unwrap_or(killed_at);
    let delay = down_at - killed_at;
    let gap = killed_at - last_ok;
    let clock = |t: i64| crate::sim::time::clock(t.max(0));
    let stamp = |t: i64| format!("{}.{}", clock(t), (t.rem_euclid(1000)) / 100);
    let inter = inter_s * 1000;
    // wrong but tempting: forgetting that the first failed check waits for the next slot, counting
    // one check too many or too few, or using rise instead of fall
    let mut wrong: Vec<(i64, &str, &str)> = vec![
        (fall * inter, "This counts `fall` full intervals from the moment NGINX died, but the first failing check comes at the next scheduled check, less than `inter` later.", "这是从 NGINX 停止时起整整数了 `fall` 个间隔，但第一次失败的检查发生在下一个预定的检查时刻，距此不到一个 `inter`。"),
        (delay + inter, "One check too many: the server is marked DOWN at the `fall`-th consecutive failure, not after one more.", "多算了一次检查：服务器在第 `fall` 次连续失败时就被标记为 DOWN，而不是再多一次之后。"),
        (delay - inter, "One check too few: with `fall` consecutive failures needed, the last one comes `(fall - 1) × inter` after the first.", "少算了一次检查：需要连续 `fall` 次失败，最后一次在第一次之后 `(fall - 1) × inter`。"),
        ((rise - 1) * inter + (inter - gap), "That would use `rise`, which counts successes needed to come back UP, not failures.", "这是用了 `rise` 来计算；`rise` 是恢复为 UP 所需的成功次数，而不是失败次数。"),
        (inter - gap, "That is only the first failed check; one failure is not enough when `fall` is above 1.", "这只是第一次失败的检查；当 `fall` 大于 1 时，一次失败还不够。"),
    ];
    wrong.retain(|(v, _, _)| *v > 0);
    let mut distractors: Vec<Opt> = vec![];
    let mut used = vec![delay];
    for (v, en, zh) in wrong {
        if used.iter().all(|u| (u - v).abs() >= 300) && distractors.len() < 3 {
            used.push(v);
            distractors.push(opt(&secs(v), &secs(v), en, zh));
        }
    }
    let mut k = 2;
    while distractors.len() < 3 {
        let v = delay + k * inter / 2;
        if used.iter().all(|u| (u - v).abs() >= 300) {
            used.push(v);
            distractors.push(opt(
                &secs(v),
                &secs(v),
                "Not a multiple of the check interval after the first failure.",
                "这不是第一次失败之后检查间隔的整数倍。",
            ));
        }
        k += 1;
    }
    let excerpt = format!(
        "backend ingress_http\n  mode http\n  option httpchk GET /healthz\n  server worker2 $worker2:80 {options}\n"
    );
    Question {
        id: format!("gen-down-{seed}"),
        topic: "health-checks".into(),
        lesson: Some("haproxy-workers".into()),
        line: 0,
        prompt: both(
            vec![
                para(format!("The servers are checked with `inter {inter_s}s fall {fall} rise {rise}`. worker2's last successful check ended at {}; NGINX on worker2 stopped at {} (connections are refused from then on). How long after NGINX stopped does HAProxy log `Server ingress_http/worker2 is DOWN`?", stamp(last_ok), stamp(killed_at))),
                code(&excerpt),
            ],
            vec![
                para(format!("服务器的检查参数是 `inter {inter_s}s fall {fall} rise {rise}`。worker2 最后一次成功的检查结束于 {}；worker2 上的 NGINX 在 {} 停止（此后连接都会被拒绝）。NGINX 停止之后，过多久 HAProxy 会记录 `Server ingress_http/worker2 is DOWN`？", stamp(last_ok), stamp(killed_at))),
                code(&excerpt),
            ],
        ),
        kind: QuestionKind::Choice(Choice {
            answers: vec![opt(&secs(delay), &secs(delay), "", "")],
            distractors,
            multiple: false,
            answer_index: None,
            sort: true,
        }),
        context: both(
            vec![para(format!("The next check starts `inter` ({inter_s} s) after the previous one ended, so the first failure comes {} after NGINX stopped; a refused check ends at once, and {fall} consecutive failures are needed, so DOWN comes {} × {inter_s} s later: {} in all. The simulator's HAProxy logged it exactly then.", secs(inter - gap), fall - 1, secs(delay)))],
            vec![para(format!("下一次检查在上一次检查结束后 `inter`（{inter_s} 秒）开始，所以第一次失败出现在 NGINX 停止后 {}；被拒绝的检查立即结束，而需要连续 {fall} 次失败，所以再过 {} × {inter_s} 秒才会变为 DOWN：总共 {}。模拟器中的 HAProxy 正是在这个时刻记录了这一行。", secs(inter - gap), fall - 1, secs(delay)))],
        ),
    }
}

/// What `kubectl get nodes` shows for a node whose kubelet stopped some seconds ago.
fn node_status(seed: u64) -> Question {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6e6f_6465);
    let k = rng.random_range(1..=3);
    let minor: u32 = if rng.random_bool(0.5) { 31 } else { 32 };
    let stop_at_s: i64 = rng.random_range(8..=20);
    let after_s: i64 = [15, 30, 38, 44, 48, 52, 58, 70, 90][rng.random_range(0..9)];
    let version = K8sVersion {
        minor,
        patch: if minor == 31 { 12 } else { 6 },
    };
    let mut s = world(seed, version, 2, CHAPTER_HAPROXY_CFG);
    let node = worker_name(k);
    s.advance(stop_at_s * 1000);
    s.run(&format!("docker exec {node} systemctl stop kubelet"));
    s.advance(after_s * 1000);
    let out = s.run("kubectl get nodes");
    // the answer: the STATUS column the simulator printed for that node
    let status = out
        .lines()
        .find(|l| l.split_whitespace().next() == Some(node.as_str()))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("Ready")
        .to_string();
    let grace = if minor >= 32 { 50 } else { 40 };
    let all: [(&str, &str, &str); 4] = [
        ("Ready", "The node is still within its grace period: the node controller waits for the lease to be stale before changing the Ready condition.", "节点仍在宽限期内：节点控制器要等租约过期后才会改变 Ready 状况。"),
        ("NotReady", "Once the grace period has passed without a status update the Ready condition becomes Unknown and `kubectl get nodes` prints NotReady.", "宽限期过后仍没有状态更新，Ready 状况就会变为 Unknown，`kubectl get nodes` 显示 NotReady。"),
        ("Unknown", "Unknown is the value of the Ready condition (kubectl describe node), but the STATUS column only prints Ready or NotReady.", "Unknown 是 Ready 状况的取值（见 kubectl describe node），但 STATUS 列只会显示 Ready 或 NotReady。"),
        ("Ready,SchedulingDisabled", "SchedulingDisabled is added when a node is cordoned; stopping the kubelet does not cordon it.", "只有节点被 cordon 时才会附加 SchedulingDisabled；停止 kubelet 并不会 cordon 节点。"),
    ];
    let mut distractors = vec![];
    let mut answers = vec![];
    for (v, en, zh) in all {
        if v == status {
            answers.push(opt(v, v, "", ""));
        } else {
            distractors.push(opt(v, v, en, zh));
        }
    }
    if answers.is_empty() {
        answers.push(opt(&status, &status, "", ""));
        distractors.truncate(3);
    }
    let when = crate::sim::time::clock((stop_at_s + after_s) * 1000);
    let stopped = crate::sim::time::clock(stop_at_s * 1000);
    Question {
        id: format!("gen-nodes-{seed}"),
        topic: "kubelet-failure".into(),
        lesson: Some("kubelet-failure".into()),
        line: 0,
        prompt: both(
            vec![
                para(format!("The nodes run Kubernetes 1.{minor}. At {stopped} you run `docker exec {node} systemctl stop kubelet`. At {when} ({after_s} s later) you run `kubectl get nodes`. What does the STATUS column show for {node}?")),
            ],
            vec![
                para(format!("节点运行的是 Kubernetes 1.{minor}。你在 {stopped} 执行了 `docker exec {node} systemctl stop kubelet`，在 {when}（{after_s} 秒之后）执行 `kubectl get nodes`。{node} 的 STATUS 列显示什么？")),
            ],
        ),
        kind: QuestionKind::Choice(Choice {
            answers,
            distractors,
            multiple: false,
            answer_index: None,
            sort: false,
        }),
        context: both(
            vec![para(format!("On 1.{minor} the node-monitor grace period is {grace} s and the node controller looks every 5 s, so the node turns NotReady between about {grace} and {} s after the kubelet's last status update. The simulator printed {status} at {after_s} s.", grace + 10))],
            vec![para(format!("在 1.{minor} 中，node-monitor 宽限期为 {grace} 秒，节点控制器每 5 秒检查一次，所以在 kubelet 最后一次状态更新之后大约 {grace} 到 {} 秒之间，节点会变为 NotReady。模拟器在 {after_s} 秒时显示的是 {status}。", grace + 10))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_text(q: &Question) -> String {
        match &q.kind {
            QuestionKind::Choice(c) => c.answers[0].key.clone(),
            QuestionKind::Short(s) => s.answer.en.clone(),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_question() {
        for kind in KINDS {
            let a = by_id(&format!("gen-{kind}-77")).unwrap();
            let b = by_id(&format!("gen-{kind}-77")).unwrap();
            assert_eq!(a, b, "{kind}");
            assert_eq!(a.id, format!("gen-{kind}-77"));
        }
    }

    #[test]
    fn which_worker_follows_where_the_simulator_put_nginx() {
        let mut seen = std::collections::BTreeSet::new();
        for seed in 0..12 {
            let q = which_worker(seed);
            let ans = answer_text(&q);
            let Block::Code(c) = &q.prompt.en[1] else {
                panic!()
            };
            // the two other workers are reported DOWN in the log; the answer never is
            let server = ans
                .trim_matches('`')
                .trim_start_matches("cluster01-")
                .to_string();
            assert!(
                !c.text.contains(&format!("/{server} is DOWN")),
                "{ans}\n{}",
                c.text
            );
            assert_eq!(c.text.matches(" is DOWN").count(), 4, "{}", c.text);
            seen.insert(ans);
        }
        assert_eq!(
            seen.len(),
            3,
            "NGINX lands on every worker for some seed: {seen:?}"
        );
    }

    #[test]
    fn time_to_down_matches_the_rule() {
        for seed in 0..15 {
            let q = time_to_down(seed);
            let QuestionKind::Choice(c) = &q.kind else {
                panic!()
            };
            assert_eq!(c.distractors.len(), 3);
            let ans: f64 = c.answers[0].key.trim_end_matches(" s").parse().unwrap();
            let p = crate::content::model::plain_text(match &q.prompt.en[0] {
                Block::Paragraph(i) => i,
                _ => panic!(),
            });
            // inter Ns fall F: DOWN within ((F-1)*N, F*N] after the death
            let inter: f64 = p
                .split("inter ")
                .nth(1)
                .unwrap()
                .split('s')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let fall: f64 = p
                .split("fall ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                ans > (fall - 1.0) * inter - 0.05 && ans <= fall * inter + 0.1,
                "seed {seed}: {ans} s with inter {inter} fall {fall}"
            );
            for d in &c.distractors {
                assert_ne!(d.key, c.answers[0].key);
            }
        }
    }

    #[test]
    fn node_status_depends_on_time_and_version() {
        let mut statuses = std::collections::BTreeSet::new();
        for seed in 0..30 {
            let q = node_status(seed);
            let a = answer_text(&q);
            assert!(a == "Ready" || a == "NotReady", "{a}");
            let p = crate::content::model::plain_text(match &q.prompt.en[0] {
                Block::Paragraph(i) => i,
                _ => panic!(),
            });
            let after: i64 = p
                .split(" s later")
                .next()
                .unwrap()
                .rsplit('(')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let grace = if p.contains("1.32") { 50 } else { 40 };
            // clearly before the grace period: Ready; clearly after it (+ one monitor pass and
            // the lease interval): NotReady
            if after < grace - 10 {
                assert_eq!(a, "Ready", "{p}");
            }
            if after > grace + 15 {
                assert_eq!(a, "NotReady", "{p}");
            }
            statuses.insert(a);
        }
        assert_eq!(statuses.len(), 2);
    }

    #[test]
    fn a_set_mixes_the_kinds() {
        let s = set(5, 6);
        assert_eq!(s.len(), 6);
        for (i, q) in s.iter().enumerate() {
            assert!(q.id.starts_with(&format!("gen-{}-", KINDS[i % 3])));
        }
        assert_eq!(set(5, 6), s);
    }
}
