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

/// The script.
pub fn script(lab: &Lab) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "#!/usr/bin/env bash");
    let _ = writeln!(
        out,
        "# What you did in kindlab's simulated lab, as a script for a real host with Docker, kind"
    );
    let _ = writeln!(out, "# and kubectl. Read it before you run it: it creates the chapter's cluster (cluster01, six");
    let _ = writeln!(
        out,
        "# node containers), runs HAProxy-workers-lb in front of the workers, then your commands."
    );
    let _ = writeln!(
        out,
        "# Real clusters are slower than the lab: pods need a minute or two to start."
    );
    let _ = writeln!(out, "set -uo pipefail");
    let _ = writeln!(out);
    let _ = writeln!(out, "# --- the chapter's cluster: three control-plane nodes and three workers -----------------");
    let _ = writeln!(out, "cat > cluster01.yaml <<'EOF'");
    let _ = writeln!(out, "{}", CLUSTER01_YAML.trim_end());
    let _ = writeln!(out, "EOF");
    let _ = writeln!(
        out,
        "kind create cluster --name cluster01 --config cluster01.yaml"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "# --- NGINX ingress controller on a node labelled ingress-ready=true ----------------------");
    let _ = writeln!(
        out,
        "# (today's manifest; the chapter's era named the Deployment nginx-ingress-controller)"
    );
    let _ = writeln!(
        out,
        "kubectl apply -f https://kind.sigs.k8s.io/examples/ingress/deploy-ingress-nginx.yaml"
    );
    let _ = writeln!(
        out,
        "kubectl wait --namespace ingress-nginx --for=condition=ready pod \\"
    );
    let _ = writeln!(
        out,
        "  --selector=app.kubernetes.io/component=controller --timeout=180s"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "# --- an echo app behind an Ingress at /echo (its reply names the NGINX pod that proxied) ---");
    let _ = writeln!(
        out,
        "kubectl create deployment echo --image=registry.k8s.io/echoserver:1.4"
    );
    let _ = writeln!(out, "kubectl expose deployment echo --port=8080");
    let _ = writeln!(
        out,
        "kubectl create ingress echo --class=nginx --rule='/echo*=echo:8080'"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "# --- HAProxy in front of the workers -----------------------------------------------------");
    let _ = writeln!(out, "worker1=$(docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' cluster01-worker)");
    let _ = writeln!(out, "worker2=$(docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' cluster01-worker2)");
    let _ = writeln!(out, "worker3=$(docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' cluster01-worker3)");
    let _ = writeln!(out, "mkdir -p ~/haproxy");
    let _ = writeln!(
        out,
        "# unquoted EOF: the shell puts the workers' addresses in place of $worker1..3"
    );
    let _ = writeln!(out, "cat > ~/haproxy/haproxy.cfg <<EOF");
    let _ = writeln!(out, "{}", CHAPTER_HAPROXY_CFG.trim_end());
    let _ = writeln!(out, "EOF");
    let _ = writeln!(out, "# --network kind: on a real host the container must join kind's network to reach the nodes");
    let _ = writeln!(
        out,
        "docker run --name HAProxy-workers-lb --network kind -d -p 80:80 -p 443:443 \\"
    );
    let _ = writeln!(
        out,
        "  -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg"
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "# --- what you did in the lab, in order ---------------------------------------------------");
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
