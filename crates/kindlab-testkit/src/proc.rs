//! Process groups the suite starts itself, ended with a system call when their guard drops.
//!
//! Never with the `kill` program: procps-ng's `kill -KILL -<pid>` misparses the negative pid
//! (`-899999` became `kill(-8)`, and a pid starting with 1 became `kill(-1)`: every process the
//! user may signal). Here the group is ended with `killpg(2)` through `nix`, and only while the
//! group's leader is still our unreaped child: its pid (and so the group id) cannot have been
//! reused by anyone else.

use nix::errno::Errno;
use nix::sys::signal::{killpg, Signal};
use nix::sys::wait::{waitid, Id, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command};

/// A child started as the leader of a new process group; dropping it kills the whole group
/// (the child and everything it started that stayed in the group) and reaps the child.
pub struct Group {
    child: Child,
    ended: bool,
}

impl Group {
    /// Starts `cmd` as the leader of a new process group (`process_group(0)`).
    pub fn spawn(cmd: &mut Command) -> std::io::Result<Group> {
        let child = cmd.process_group(0).spawn()?;
        Ok(Group {
            child,
            ended: false,
        })
    }

    /// The leader's pid, which is also the group id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Whether the leader has not exited yet. Does not reap it (`WNOWAIT`), so the pid stays
    /// ours until [`Group::end`].
    pub fn is_running(&self) -> bool {
        matches!(self.peek(), Ok(WaitStatus::StillAlive))
    }

    fn pgid(&self) -> Pid {
        Pid::from_raw(self.child.id() as i32)
    }

    /// Looks at the leader's state without reaping it.
    fn peek(&self) -> nix::Result<WaitStatus> {
        waitid(
            Id::Pid(self.pgid()),
            WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT,
        )
    }

    /// Asks the group to end (SIGTERM, so that a server can remove its sockets and lock files),
    /// waits up to `grace` for the leader to exit, then ends what is left as [`Group::end`]
    /// does. Safe to call more than once.
    pub fn stop(&mut self, grace: std::time::Duration) -> Result<(), String> {
        if self.ended {
            return Ok(());
        }
        let pgid = self.pgid();
        if pgid.as_raw() > 1 && self.is_running() {
            // ESRCH: the group is already gone
            if let Err(e) = killpg(pgid, Signal::SIGTERM) {
                if e != Errno::ESRCH {
                    return Err(format!("killpg({pgid}, SIGTERM): {e}"));
                }
            }
            let deadline = std::time::Instant::now() + grace;
            while self.is_running() && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
        self.end()
    }

    /// Kills the group with SIGKILL and reaps the leader. Safe to call more than once.
    pub fn end(&mut self) -> Result<(), String> {
        if self.ended {
            return Ok(());
        }
        self.ended = true;
        let pgid = self.pgid();
        // pids 0 and 1 would mean "our own group" and "every process": never ours to end
        if pgid.as_raw() <= 1 {
            return Err(format!("refusing to signal process group {pgid}"));
        }
        // Still our child (running, or exited but not reaped: a zombie keeps its pid)? Then the
        // group id is the one we created. Already reaped (ECHILD): signal nothing.
        let result = match self.peek() {
            Ok(_) => match killpg(pgid, Signal::SIGKILL) {
                // ESRCH: the leader exited and nothing else was left in the group
                Ok(()) | Err(Errno::ESRCH) => Ok(()),
                Err(e) => Err(format!("killpg({pgid}, SIGKILL): {e}")),
            },
            Err(Errno::ECHILD) => Ok(()),
            Err(e) => Err(format!("waitid({pgid}): {e}")),
        };
        let _ = self.child.wait();
        result
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if let Err(e) = self.end() {
            eprintln!("xtask: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    /// Live (not zombie) processes whose process group is `pgid`, read from /proc.
    fn members(pgid: u32) -> Vec<u32> {
        let mut out = vec![];
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
                continue;
            };
            // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after ')'
            let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
                continue;
            };
            let f: Vec<&str> = rest.split_whitespace().collect();
            if f.len() > 2 && f[0] != "Z" && f[2] == pgid.to_string() {
                out.push(pid);
            }
        }
        out
    }

    fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !f() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn dropping_a_group_ends_that_group_and_nothing_else() {
        // group A: a shell and a sleep it starts in the background (both in A)
        let a = Group::spawn(
            Command::new("sh")
                .args(["-c", "sleep 60 & exec sleep 61"])
                .stdout(Stdio::null()),
        )
        .unwrap();
        let a_id = a.id();
        wait_until("group A to hold two processes", || members(a_id).len() == 2);
        // group B, beside it
        let mut b = Group::spawn(Command::new("sleep").arg("60")).unwrap();
        let b_id = b.id();
        assert_ne!(a_id, b_id);

        drop(a);
        wait_until("group A to be gone", || members(a_id).is_empty());
        assert!(b.is_running(), "the other group was touched");
        assert_eq!(members(b_id), vec![b_id]);

        b.end().unwrap();
        assert!(members(b_id).is_empty());
        // a second end is a no-op, and signals nothing
        b.end().unwrap();
    }

    #[test]
    fn a_leader_that_already_exited_is_reaped_and_its_group_still_ended() {
        // the leader exits at once; the background sleep stays in the group
        let mut g = Group::spawn(
            Command::new("sh")
                .args(["-c", "sleep 60 & exit 0"])
                .stdout(Stdio::null()),
        )
        .unwrap();
        let id = g.id();
        wait_until("the leader to exit", || !g.is_running());
        assert_eq!(
            members(id).len(),
            1,
            "the background sleep is still in the group"
        );
        g.end().unwrap();
        wait_until("the group to be gone", || members(id).is_empty());
    }

    #[test]
    fn stopping_a_group_lets_it_clean_up_then_ends_what_is_left() {
        // the leader cleans up on SIGTERM (as Xvfb removes its socket); a member ignores it
        let dir = std::env::temp_dir().join(format!("kindlab-stop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cleaned = dir.join("cleaned");
        let mut g = Group::spawn(
            Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "trap 'touch {}; exit 0' TERM; sh -c \"trap '' TERM; sleep 60\" & \
                     while :; do sleep 0.05; done",
                    cleaned.display()
                ))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .unwrap();
        let id = g.id();
        wait_until("two shells and a sleep in the group", || {
            members(id).len() >= 3
        });
        g.stop(Duration::from_secs(10)).unwrap();
        assert!(
            cleaned.exists(),
            "the leader had its SIGTERM and cleaned up"
        );
        wait_until("the group to be gone", || members(id).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
