//! "Try it for real": what the learner did in the lab as a commented shell script for a real
//! Docker + kind host. It builds the chapter's starting state (the kind config, NGINX ingress,
//! the echo app, the HAProxy configuration as a heredoc, the HAProxy container), then runs the
//! lab's accepted commands in order. The clock's waits become real waits (`sleep`), or
//! `kubectl wait` where a node is expected to turn NotReady; the simulator's pod names (which a
//! real cluster will not have) become lookups.

use super::{Lab, Step};
use crate::sim::kind::CLUSTER01_YAML;
use crate::sim::world::CHAPTER_HAPROXY_CFG;

/// Seconds, rounded up, of a wait in ms.
fn secs(ms: i64) -> i64 {
    (ms + 999) / 1000
}

const INGRESS_LOOKUP: &str =
    "$(kubectl get pods -n ingress-nginx -l app.kubernetes.io/component=controller -o name | head -n 1 | cut -d/ -f2)";

/// The script's fixed start: the chapter's cluster, NGINX ingress, the echo app and HAProxy.
/// A `format!` template with `{cluster}` and `{cfg}`; doubled braces are literal ones.
macro_rules! preamble {
    () => {
        r#"#!/usr/bin/env bash
# What you did in kindlab's simulated lab, as a script for a real host with Docker, kind
# and kubectl. Read it before you run it: it creates the chapter's cluster (cluster01, six
# node containers), runs HAProxy-workers-lb in front of the workers, then your commands.
# Real clusters are slower than the lab: pods need a minute or two to start.
set -uo pipefail

# --- the chapter's cluster: three control-plane nodes and three workers -----------------
cat > cluster01.yaml <<'EOF'
{cluster}
EOF
kind create cluster --name cluster01 --config cluster01.yaml

# --- NGINX ingress controller on a node labelled ingress-ready=true ----------------------
# (today's manifest; the chapter's era named the Deployment nginx-ingress-controller)
kubectl apply -f https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml
kubectl wait --namespace ingress-nginx --for=condition=ready pod \
  --selector=app.kubernetes.io/component=controller --timeout=180s

# --- an echo app behind an Ingress at /echo (its reply names the NGINX pod that proxied) ---
kubectl create deployment echo --image=registry.k8s.io/echoserver:1.4
kubectl expose deployment echo --port=8080
kubectl create ingress echo --class=nginx --rule='/echo*=echo:8080'

# --- HAProxy in front of the workers -----------------------------------------------------
worker1=$(docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' cluster01-worker)
worker2=$(docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' cluster01-worker2)
worker3=$(docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' cluster01-worker3)
mkdir -p ~/haproxy
# unquoted EOF: the shell puts the workers' addresses in place of $worker1..3
cat > ~/haproxy/haproxy.cfg <<EOF
{cfg}
EOF
# --network kind: on a real host the container must join kind's network to reach the nodes
docker run --name HAProxy-workers-lb --network kind -d -p 80:80 -p 443:443 \
  -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg

# --- what you did in the lab, in order ---------------------------------------------------
"#
    };
}

/// The script.
pub fn script(lab: &Lab) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = write!(
        out,
        preamble!(),
        cluster = CLUSTER01_YAML.trim_end(),
        cfg = CHAPTER_HAPROXY_CFG.trim_end()
    );
    let steps = lab.accepted();
    if steps.is_empty() {
        let _ = writeln!(out, "# (nothing yet)");
    }
    // names of NGINX pods the lab made: a real cluster names its pods differently
    let ingress_pods: Vec<String> = lab
        .snapshots
        .iter()
        .flat_map(|(_, s)| s.pods())
        .chain(lab.session.pods())
        .filter(|p| p.namespace == "ingress-nginx")
        .map(|p| p.name)
        .collect();
    let mut stopped: Option<String> = None;
    for step in &steps {
        match step {
            Step::Run(text) => {
                let mut t = text.clone();
                for p in &ingress_pods {
                    if t.contains(p.as_str()) {
                        t = t.replace(p.as_str(), INGRESS_LOOKUP);
                        out.push_str("# (the lab's pod name, looked up on the real cluster)\n");
                    }
                }
                let first = t.lines().next().unwrap_or("").to_string();
                if let Some(node) = stopped_kubelet(&first) {
                    stopped = Some(node);
                } else if first.contains("systemctl start kubelet") {
                    stopped = None;
                }
                if let (Some(node), Some(_)) = (&stopped, sleep_arg(&first)) {
                    out.push_str(&wait_not_ready(node));
                    stopped = None;
                    continue;
                }
                if let Some(unquoted) = haproxy_cfg_unquoted(&t) {
                    out.push_str("# unquoted EOF: the shell puts the workers' addresses in place of $worker1..3\n");
                    t = unquoted;
                }
                out.push_str(&t);
                out.push('\n');
            }
            Step::Wait(ms) => match stopped.take() {
                Some(node) => out.push_str(&wait_not_ready(&node)),
                None => {
                    out.push_str(&format!(
                        "sleep {}   # the lab's clock ran for {} s\n",
                        secs(*ms),
                        secs(*ms)
                    ));
                }
            },
        }
    }
    out
}

/// A heredoc that writes haproxy.cfg with `$workerN` in it and a quoted delimiter (the lab's
/// config editor writes `<<'EOF'`): the same with the delimiter unquoted, so that on a real
/// host the shell puts the workers' addresses in, as the script's first haproxy.cfg does. With
/// `'EOF'` HAProxy would get the text `$worker1` as an address and refuse to start.
fn haproxy_cfg_unquoted(text: &str) -> Option<String> {
    let (first, rest) = text.split_once('\n')?;
    if !first.contains("haproxy/haproxy.cfg") || !rest.contains("$worker") {
        return None;
    }
    let (delim, _) = crate::sim::shell::heredoc_delimiter(first)?;
    let line = ["'", "\""].iter().fold(first.to_string(), |l, q| {
        l.replace(&format!("<<{q}{delim}{q}"), &format!("<<{delim}"))
            .replace(&format!("<<-{q}{delim}{q}"), &format!("<<-{delim}"))
    });
    (line != first).then(|| format!("{line}\n{rest}"))
}

/// `docker exec NODE systemctl stop kubelet` -> NODE.
fn stopped_kubelet(line: &str) -> Option<String> {
    let w: Vec<&str> = line.split_whitespace().collect();
    match w.as_slice() {
        ["docker", "exec", node, "systemctl", "stop", "kubelet"] => Some(node.to_string()),
        _ => None,
    }
}

fn sleep_arg(line: &str) -> Option<&str> {
    line.strip_prefix("sleep ")
}

fn wait_not_ready(node: &str) -> String {
    format!(
        "# wait until the node controller marks {node} NotReady (40-50 s after its kubelet stopped)\nkubectl wait --for=condition=Ready=Unknown node/{node} --timeout=180s\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::DEFAULT_SEED;

    #[test]
    fn the_script_holds_exactly_the_accepted_commands() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.feed_line("docker logs HAProxy-workers-lb");
        lab.feed_line("kubectl get nodez");
        lab.feed_line("docker exec cluster01-worker2 systemctl stop kubelet");
        lab.feed_line("sleep 40s");
        lab.advance(12_000);
        lab.feed_line(
            "kubectl delete pod nginx-ingress-controller-7d6bf88c86-r7ztq -n ingress-nginx",
        );
        lab.advance(2_500);
        let s = script(&lab);
        let mine = s.split("what you did in the lab, in order").nth(1).unwrap();
        let lines: Vec<&str> = mine
            .lines()
            .skip(1)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            vec![
                "docker logs HAProxy-workers-lb",
                "docker exec cluster01-worker2 systemctl stop kubelet",
                "kubectl wait --for=condition=Ready=Unknown node/cluster01-worker2 --timeout=180s",
                "sleep 12   # the lab's clock ran for 12 s",
                &format!("kubectl delete pod {INGRESS_LOOKUP} -n ingress-nginx"),
                "sleep 3   # the lab's clock ran for 3 s",
            ]
        );
        assert!(!s.contains("nodez"));
        assert!(s.contains("kind create cluster --name cluster01 --config cluster01.yaml"));
        assert!(s.contains("cat > ~/haproxy/haproxy.cfg <<EOF"));
        assert!(s.contains("server worker2 $worker2:80 check port 80"));
    }

    #[test]
    fn a_haproxy_cfg_from_the_editor_gets_the_workers_addresses_on_a_real_host() {
        let mut lab = Lab::new(DEFAULT_SEED);
        let cfg = lab
            .session
            .haproxy_config()
            .unwrap()
            .replace("check port 80", "check port 80 inter 1s fall 2");
        // what the lab's config editor runs
        let e = lab.run(&format!("cat > ~/haproxy/haproxy.cfg <<'EOF'\n{cfg}EOF"));
        assert!(e.ok, "{}", e.output);
        lab.run("docker restart HAProxy-workers-lb");
        let s = script(&lab);
        let mine = s.split("what you did in the lab, in order").nth(1).unwrap();
        assert!(
            mine.contains(&format!("cat > ~/haproxy/haproxy.cfg <<EOF\n{cfg}EOF\n")),
            "{mine}"
        );
        assert!(!mine.contains("<<'EOF'"), "{mine}");
        assert!(
            mine.ends_with("docker restart HAProxy-workers-lb\n"),
            "{mine}"
        );
        // a file without the workers' variables keeps its quoting
        assert_eq!(
            haproxy_cfg_unquoted("cat > ~/haproxy/haproxy.cfg <<'EOF'\ndefaults\nEOF"),
            None
        );
    }

    #[test]
    fn a_heredoc_is_exported_whole() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.feed_line("tee ~/haproxy/haproxy.cfg <<'EOF'");
        lab.feed_line("defaults");
        lab.feed_line("  mode tcp");
        lab.feed_line("EOF");
        let s = script(&lab);
        assert!(
            s.ends_with("tee ~/haproxy/haproxy.cfg <<'EOF'\ndefaults\n  mode tcp\nEOF\n"),
            "{s}"
        );
    }
}
