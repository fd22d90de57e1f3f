//! The command layer: one line (or a block with a heredoc) in, the tools' output out.
//!
//! A small bash: words are split with `shell-words`; `~` expands to `/root`; `> FILE`,
//! `>> FILE` redirect output; `cmd1 && cmd2` and `cmd1 ; cmd2` run in sequence; `| grep`,
//! `| head`, `| tail`, `| wc -l` filter output; heredocs `<<EOF`, `<<'EOF'`, `<<-EOF` feed
//! stdin. Unquoted heredocs are kept verbatim (no `$var` expansion), so a configuration that uses
//! HAProxy's `$worker1` variables reaches HAProxy as written.

mod curl;
mod docker_cmd;
mod docker_exec;
mod docker_net;
mod files;
mod filter;
mod flags;
mod kind_cmd;
mod kubectl;
mod line;
mod subst;

use crate::time::Millis;
use crate::world::World;
use line::run_line_status;
pub use line::{parse_line, Pipeline, Simple, Then};

// how lines and heredocs are read is kindlab-lines' (one reader for the whole app)
pub use kindlab_lines::{heredoc_delimiter, split_blocks, Block, Heredoc};

/// Makes sure output ends with a newline (when not empty).
pub(crate) fn nl(mut s: String) -> String {
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// `out`, or `out` then the error lines as an error when there are any (a command that did some
/// of what it was asked).
fn with_errors(out: String, err: String) -> Result<String, String> {
    if err.is_empty() {
        Ok(out)
    } else {
        Err(out + &err)
    }
}

/// What a read-only command prints, from a world it cannot change: `kubectl get ...`,
/// `docker ps ...`, `docker logs ...` (one simple command: no pipes, redirects or sequences).
/// `None` for anything else. Byte for byte what running the line prints.
pub(crate) fn query(w: &World, line: &str) -> Option<String> {
    let words = shell_words::split(line).ok()?;
    if words
        .iter()
        .any(|x| matches!(x.as_str(), "|" | "&&" | "||" | ";" | ">" | ">>"))
    {
        return None;
    }
    let (cmd, args) = words.split_first()?;
    let r = match cmd.as_str() {
        "kubectl" | "k" => kubectl::query(w, args)?,
        "docker" => docker_cmd::query(w, args)?,
        _ => return None,
    };
    Some(match r {
        Ok(s) | Err(s) => nl(s),
    })
}

/// Runs a block (a command line, possibly with a heredoc) and returns what it prints.
pub(crate) fn run_block(w: &mut World, b: &Block) -> String {
    run_block_status(w, b).0
}

/// Runs a block; returns what it prints and whether its last command succeeded.
pub(crate) fn run_block_status(w: &mut World, b: &Block) -> (String, bool) {
    let stdin = b.heredoc.as_ref().map(|h| h.body.clone());
    if let Some(h) = &b.heredoc {
        if !h.closed {
            let (out, ok) = run_line_status(w, &b.line, stdin.as_deref());
            let warning = format!(
                "bash: warning: here-document at line 1 delimited by end-of-file (wanted `{}')\n",
                h.delimiter
            );
            return (warning + &out, ok);
        }
    }
    run_line_status(w, &b.line, stdin.as_deref())
}

/// Dispatches one simple command; returns (output, success).
fn run_simple(w: &mut World, words: &[String], stdin: Option<&str>) -> (String, bool) {
    let cmd = words[0].as_str();
    let args = &words[1..];
    let r: Result<String, String> = match cmd {
        "kubectl" | "k" => kubectl::run(w, args, stdin),
        "docker" => docker_cmd::run(w, args),
        "kind" => kind_cmd::run(w, args),
        "curl" => curl::run(w, args),
        "sleep" => sleep(w, args),
        "cat" => files::cat(w, args, stdin),
        "tee" => files::tee(w, args, stdin),
        "ls" => files::ls(w, args),
        "mkdir" => files::mkdir(w, args),
        "rm" => files::rm(w, args),
        "cd" => match w.fs.cd(args.first().map(|s| s.as_str()).unwrap_or("/root")) {
            Ok(()) => Ok(String::new()),
            Err(e) => Err(format!("bash: cd: {}: {e}\n", args[0])),
        },
        "pwd" => Ok(format!("{}\n", w.fs.cwd)),
        "echo" => Ok(format!("{}\n", args.join(" "))),
        "date" => Ok(format!("{}\n", crate::fmt::unix_date(w.now()))),
        "true" | "clear" | "export" => Ok(String::new()),
        "false" => Err(String::new()),
        "help" => Ok(HELP.to_string()),
        "systemctl" => Err("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n(on this host the kubelets run inside the kind node containers: docker exec cluster01-worker2 systemctl stop kubelet)\n".into()),
        "haproxy" => Err("bash: haproxy: command not found (HAProxy runs in the HAProxy-workers-lb container: docker logs HAProxy-workers-lb)\n".into()),
        _ => Err(format!("bash: {cmd}: command not found\n")),
    };
    match r {
        Ok(s) => (nl(s), true),
        Err(s) => (nl(s), false),
    }
}

const HELP: &str = "kindlab lab shell — commands:
  kind create cluster --name N --config F | kind delete cluster --name N | kind get clusters|nodes
  docker ps [-a] | docker exec NODE systemctl stop|start|restart|status kubelet | docker exec NODE crictl ps
  docker exec NODE ls /var/local-path-provisioner
  docker stop|start|restart NAME | docker logs [-t] [--since DUR] [--tail N] NAME | docker rm [-f] NAME
  docker inspect [-f '{{.NetworkSettings.Networks.kind.IPAddress}}'] NAME
  docker run --name HAProxy-workers-lb [--network kind] -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg
  docker network ls | docker network inspect NET | docker network connect|disconnect NET NAME
  kubectl get nodes|pods|deployments|services|ingress|events|namespaces [-n NS|-A] [-o wide|name]
  kubectl get sc|pv|pvc|csidrivers|csinodes [-o wide|name] | kubectl get sc,pv,pvc
  kubectl describe node|pod|pvc|pv|sc NAME | kubectl delete pod NAME -n NS [--grace-period=N] [--force]
  kubectl apply -f FILE|DIR|- [--dry-run=client] | kubectl create -f FILE | kubectl delete -f FILE
  kubectl delete pvc|pv|sc|deployment NAME [--all]   (manifests: Pod, Deployment, PVC, PV, StorageClass)
  kubectl scale deployment NAME --replicas=N -n NS | kubectl cordon|uncordon NODE | kubectl config get-contexts|use-context
  kubectl label nodes|pods NAME KEY=VALUE|KEY- [--overwrite] | kubectl taint nodes NAME KEY[=VALUE]:EFFECT[-]
  kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]
  curl [-s] [-k] [-I] [-i] [-v] http://localhost/ | https://localhost/ | http://localhost/echo
  sleep 45s|2m|24h   cat FILE   ls [DIR]   mkdir -p DIR   rm FILE   echo   date
  tee FILE <<EOF ... EOF   cat <<EOF > FILE ... EOF   cmd | grep|head|tail|wc|sort|cut|awk   $(cmd)   a && b ; c
";

fn sleep(w: &mut World, args: &[String]) -> Result<String, String> {
    if args.is_empty() {
        return Err("sleep: missing operand\nTry 'sleep --help' for more information.".into());
    }
    let mut total: i64 = 0;
    for a in args {
        match crate::time::parse_duration(a) {
            Some(ms) => total = total.saturating_add(ms.min(Millis::MAX / 4)),
            None => {
                return Err(format!(
                    "sleep: invalid time interval ‘{a}’\nTry 'sleep --help' for more information."
                ))
            }
        }
    }
    let slept = w.advance(total);
    if slept < total {
        return Ok(format!(
            "sleep: kindlab's simulated clock stops {} days after HAProxy started (it is there now); reset the lab to start again\n",
            crate::time::HORIZON / crate::time::DAY
        ));
    }
    Ok(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredoc_delimiters() {
        assert_eq!(
            heredoc_delimiter("cat <<EOF > f"),
            Some(("EOF".into(), false))
        );
        assert_eq!(
            heredoc_delimiter("tee f <<'EOF'"),
            Some(("EOF".into(), false))
        );
        assert_eq!(
            heredoc_delimiter("cat << \"END\" >f"),
            Some(("END".into(), false))
        );
        assert_eq!(heredoc_delimiter("cat <<-EOF"), Some(("EOF".into(), true)));
        assert_eq!(heredoc_delimiter("echo '<<EOF'"), None);
        assert_eq!(heredoc_delimiter("cat f"), None);
    }

    #[test]
    fn blocks() {
        let b = split_blocks("# c\n\nmkdir -p ~/x\ntee ~/x/f <<EOF\na $worker1\n\n  b\nEOF\nls ~/x\ncat <<E\nunterminated");
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].line, "mkdir -p ~/x");
        let h = b[1].heredoc.as_ref().unwrap();
        assert_eq!(h.body, "a $worker1\n\n  b\n");
        assert!(h.closed);
        assert_eq!(b[2].line, "ls ~/x");
        assert!(!b[3].heredoc.as_ref().unwrap().closed);
        assert_eq!(
            b[1].echo(),
            "$ tee ~/x/f <<EOF\n> a $worker1\n> \n>   b\n> EOF\n"
        );
    }
}
