//! The lab's command layer: everything a learner can do to the lab, as a value.
//!
//! A component turns an event into a [`Command`] and hands it to [`Lab::apply`] (through
//! `AppState::dispatch`, which also saves); what changed comes back as an [`Outcome`]. So the
//! rules (what a command runs, what is remembered, when guided labs are re-checked, how a
//! topology is rebuilt) live here, and the components only draw and dispatch.
//!
//! ```
//! use kindlab::lab::{Command, Lab};
//! use kindlab::sim::verbs::Verb;
//!
//! let mut lab = Lab::new(kindlab::sim::DEFAULT_SEED);
//! let out = lab.apply(Command::Verb(Verb::StopKubelet("cluster01-worker2".into())));
//! // the verb ran as the command a learner could type, echoed in the terminal
//! assert!(out.entries[0].command.contains("systemctl stop kubelet"));
//! // the clock runs; the node controller notices the silent kubelet in time
//! let out = lab.apply(Command::Tick(60_000));
//! assert!(out.announcements.iter().any(|a| a.contains("NotReady")));
//! ```

use super::{preset, Entry, Lab, Topo, MAX_INPUT_BYTES, PRESETS};
use crate::sim::kind::CLUSTER01_YAML;
use crate::sim::verbs::Verb;
use crate::sim::world::CHAPTER_HAPROXY_CFG;

/// Something the learner did to the lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A line typed in the terminal and entered: remembered in the history; a heredoc's lines
    /// gather until its delimiter, then the block runs.
    Type(String),
    /// A command line run on the learner's behalf (a guided step's "run it"): remembered and
    /// echoed in the terminal as if typed.
    Run(String),
    /// A typed verb (a node's action, applying a haproxy.cfg): its command lines run one by one,
    /// each remembered and echoed, so the terminal shows what a learner could type.
    Verb(Verb),
    /// A "try in the lab" block: its commands one by one.
    RunScript(String),
    /// Ctrl-C: a half-typed heredoc is dropped.
    Interrupt,
    /// Ctrl-L: the screen is wiped (the world is not touched).
    ClearScreen,
    /// The running clock moved on this many virtual milliseconds.
    Tick(i64),
    /// The clock runs to the simulator's next event.
    NextEvent,
    /// A guided lab opens (its progress kept if it was started before).
    OpenGuide(String),
    /// The guided lab shown closes (its progress stays).
    CloseGuide,
    /// The answer to a guided step's question.
    Answer {
        /// The step's index.
        step: usize,
        /// The value of the option picked, or the number typed.
        answer: String,
    },
    /// Help on a guided step: first the hint, then the exact command.
    Hint {
        /// The step's index.
        step: usize,
    },
    /// The tuning guide draws new numbers to predict.
    RedrawTuning,
    /// A break-fix challenge's next hint.
    ChallengeHint,
    /// The lab starts again (on the learner's topology, if any); the history stays.
    Reset,
    /// The world is built again from these files; the history stays. Refused with kind's or
    /// HAProxy's message (the lab stays as it was) when a file is wrong.
    Rebuild(Topo),
}

/// What a command changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The commands that ran, with what they printed.
    pub entries: Vec<Entry>,
    /// Changes in the cluster to announce to screen readers, in words.
    pub announcements: Vec<String>,
    /// Guided steps that got done by this command.
    pub steps_done: Vec<usize>,
    /// Whether what is saved changed (the clock's ticks are saved in batches: see
    /// [`Command::Tick`]).
    pub save: bool,
    /// A rebuild that was refused: kind's or HAProxy's message, with its file and line.
    pub error: Option<String>,
    /// The lab's challenge got solved by this command: how.
    pub solved: Option<super::challenge::Solved>,
}

impl Lab {
    /// Does what the learner did and says what changed. Every change to a lab from the UI goes
    /// through here.
    pub fn apply(&mut self, cmd: Command) -> Outcome {
        let mut out = Outcome {
            save: true,
            ..Outcome::default()
        };
        match cmd {
            Command::Type(line) => out.entries.extend(self.feed_line(&line)),
            Command::Run(line) => {
                self.remember(&line);
                out.entries.push(self.run(&line));
            }
            Command::Verb(v) => {
                for line in v.command_lines() {
                    self.remember(&line);
                    out.entries.push(self.run(&line));
                }
            }
            Command::RunScript(script) => out.entries = self.run_all(&script),
            Command::Interrupt => {
                self.cancel();
                out.save = false;
            }
            Command::ClearScreen => {
                self.run("clear");
            }
            Command::Tick(ms) => {
                self.advance(ms);
                out.save = false;
            }
            Command::NextEvent => {
                self.step_to_next_event();
            }
            Command::OpenGuide(id) => self.open_guide(&id),
            Command::CloseGuide => self.doc.guide = None,
            Command::Answer { step, answer } => self.answer_guide(step, &answer),
            Command::Hint { step } => {
                self.ask_hint(step);
            }
            Command::ChallengeHint => {
                self.challenge_hint();
            }
            Command::RedrawTuning => {
                let draw = self.doc.steps.len() as u64;
                if let Some(g) = self.doc.guides.get_mut("tuning") {
                    g.redraw(&self.session, draw);
                }
            }
            Command::Reset => {
                let topo = self.doc.topology.clone();
                let challenge = self.doc.challenge.clone();
                let fresh = match (&challenge, topo) {
                    // a challenge starts broken again; the hints shown stay shown
                    (Some(c), _) => Lab::for_challenge(&c.id, self.doc.seed).map(|mut l| {
                        if let Some(p) = l.doc.challenge.as_mut() {
                            p.hints = c.hints;
                        }
                        l
                    }),
                    (None, Some(t)) => Lab::with_topology(self.doc.seed, t).ok(),
                    (None, None) => None,
                };
                let fresh = fresh.unwrap_or_else(|| Lab::new(self.doc.seed));
                self.replace_keeping_history(fresh);
            }
            Command::Rebuild(_) if self.doc.challenge.is_some() => {
                out.error = Some("a challenge's world is its own: reset it instead".into());
                out.save = false;
                return out;
            }
            Command::Rebuild(topo) => {
                // a file too long to read on the page's only thread is refused, as a paste is
                for (name, text) in [
                    ("the kind config", &topo.kind_config),
                    ("haproxy.cfg", &topo.haproxy_cfg),
                ] {
                    if text.len() > MAX_INPUT_BYTES {
                        out.error = Some(format!(
                            "{name} is {} KB; the lab takes at most {} KB",
                            text.len().div_ceil(1024),
                            MAX_INPUT_BYTES / 1024
                        ));
                        out.save = false;
                        return out;
                    }
                }
                // the chapter's own files are the chapter's lab (saved without a topology)
                let built = if topo == Topo::chapter() {
                    Ok(Lab::new(self.doc.seed))
                } else {
                    Lab::with_topology(self.doc.seed, topo)
                };
                match built {
                    Ok(fresh) => self.replace_keeping_history(fresh),
                    Err(e) => {
                        out.error = Some(e.to_string());
                        out.save = false;
                        return out;
                    }
                }
            }
        }
        out.steps_done = self.update_guides();
        out.solved = self.update_challenge();
        out.announcements = std::mem::take(&mut self.pending_announcements)
            .iter()
            .map(|c| c.to_string())
            .collect();
        out
    }

    /// Becomes `fresh`, keeping the terminal's history (it is the learner's, not the lab's).
    fn replace_keeping_history(&mut self, mut fresh: Lab) {
        fresh.doc.history = std::mem::take(&mut self.doc.history);
        *self = fresh;
    }

    /// The files this lab's world was built from (the chapter's when it has none of its own).
    pub fn topo(&self) -> Topo {
        self.doc.topology.clone().unwrap_or_else(Topo::chapter)
    }
}

impl Topo {
    /// The chapter's files: `cluster01.yaml` and its haproxy.cfg.
    pub fn chapter() -> Topo {
        Topo {
            kind_config: CLUSTER01_YAML.to_string(),
            haproxy_cfg: CHAPTER_HAPROXY_CFG.to_string(),
        }
    }

    /// The ready-made topology `id` (see [`PRESETS`]).
    pub fn preset(id: &str) -> Option<Topo> {
        let (_, cp, w) = PRESETS.iter().find(|(p, _, _)| *p == id)?;
        Some(if id == "chapter" {
            Topo::chapter()
        } else {
            preset(*cp, *w)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::guide;

    fn lab() -> Lab {
        Lab::new(crate::sim::DEFAULT_SEED)
    }

    #[test]
    fn a_verb_runs_its_command_lines_and_remembers_them() {
        let mut l = lab();
        let v = Verb::StopKubelet("cluster01-worker2".into());
        let lines = v.command_lines();
        let out = l.apply(Command::Verb(v));
        assert_eq!(out.entries.len(), lines.len());
        for (e, line) in out.entries.iter().zip(&lines) {
            assert_eq!(&e.command, line);
        }
        assert_eq!(l.doc.history.last(), lines.last());
        assert!(out.save);
    }

    #[test]
    fn ticks_and_interrupts_are_not_saved_at_once() {
        let mut l = lab();
        assert!(!l.apply(Command::Tick(1000)).save);
        assert!(l
            .apply(Command::Type("cat <<EOF > ~/x".into()))
            .entries
            .is_empty());
        assert!(l.needs_more_input());
        let out = l.apply(Command::Interrupt);
        assert!(!out.save);
        assert!(!l.needs_more_input());
    }

    #[test]
    fn a_bad_rebuild_keeps_the_lab_and_says_why() {
        let mut l = lab();
        l.apply(Command::Run("kubectl get nodes".into()));
        let before = l.doc.clone();
        let out = l.apply(Command::Rebuild(Topo {
            kind_config:
                "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- rol: worker\n".into(),
            haproxy_cfg: CHAPTER_HAPROXY_CFG.into(),
        }));
        let e = out.error.expect("refused");
        assert!(e.contains("line 4"), "{e}");
        assert!(!out.save);
        assert_eq!(l.doc, before);
    }

    #[test]
    fn rebuild_and_reset_keep_the_history_only() {
        let mut l = lab();
        l.apply(Command::Type("kubectl get nodes".into()));
        let out = l.apply(Command::Rebuild(
            Topo::preset("one-cp-five-workers").expect("preset"),
        ));
        assert!(out.error.is_none());
        assert_eq!(l.doc.history, vec!["kubectl get nodes".to_string()]);
        assert!(l.doc.steps.is_empty());
        assert_eq!(l.topology().nodes().count(), 6);
        l.apply(Command::Run("kubectl get pods".into()));
        l.apply(Command::Reset);
        assert!(l.doc.steps.is_empty());
        // the learner's topology stays over a reset
        assert_eq!(l.topology().nodes().count(), 6);
        assert_eq!(l.doc.history.len(), 2);
        // the chapter's files give the chapter's lab, saved without a topology
        l.apply(Command::Rebuild(Topo::chapter()));
        assert_eq!(l.doc.topology, None);
    }

    #[test]
    fn guided_steps_done_by_a_command_are_reported() {
        // the first step of a guided lab that asks no question: its command does it
        let mut l = lab();
        let (id, step) = guide::GUIDES
            .iter()
            .find_map(|id| {
                let mut probe = lab();
                probe.apply(Command::OpenGuide(id.to_string()));
                let p = probe.doc.guides.get(*id)?;
                let def = guide::find(id)?;
                def.steps.get(p.done).filter(|s| s.ask.is_none())?;
                Some((id.to_string(), p.done))
            })
            .expect("a guided lab whose current step asks nothing");
        l.apply(Command::OpenGuide(id.clone()));
        let p = l.doc.guides.get(&id).expect("opened").clone();
        let def = guide::find(&id).expect("guide");
        let cmd = def.steps[step].command_in(&p.facts, &l.session);
        let out = l.apply(Command::Run(cmd));
        assert!(out.steps_done.contains(&step), "{out:?}");
        l.apply(Command::CloseGuide);
        assert_eq!(l.doc.guide, None);
        assert!(l.doc.guides.contains_key(&id));
    }

    #[test]
    fn a_paste_too_long_to_run_is_refused_with_a_message_and_not_recorded() {
        let mut l = lab();
        let nested = format!(
            "kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}{}\nEOF",
            "[".repeat(40_000),
            "]".repeat(40_000)
        );
        let before = l.session.now();
        let out = l.apply(Command::RunScript(nested));
        assert_eq!(out.entries.len(), 1);
        let e = &out.entries[0];
        assert!(!e.ok);
        assert!(
            e.output.contains("not run: this input is 79 KB"),
            "{}",
            e.output
        );
        assert!(e.command.starts_with("kubectl apply -f - <<EOF"));
        assert!(
            l.doc.steps.is_empty(),
            "a refused paste is no step to replay"
        );
        assert_eq!(l.session.now(), before);
        assert_eq!(l.transcript.last(), Some(e));
        // a block just under the bound runs
        let ok = format!(
            "cat > ~/note <<EOF\n{}\nEOF",
            "x".repeat(MAX_INPUT_BYTES - 40)
        );
        let out = l.apply(Command::RunScript(ok));
        assert!(out.entries[0].ok, "{}", out.entries[0].output);
        assert_eq!(l.doc.steps.len(), 1);
    }

    #[test]
    fn a_topology_file_too_long_is_refused_and_the_lab_stays() {
        let mut l = lab();
        let before = l.doc.clone();
        let kind = format!(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n{}",
            "- role: worker\n".repeat(10_000)
        );
        let out = l.apply(Command::Rebuild(Topo {
            kind_config: kind,
            haproxy_cfg: CHAPTER_HAPROXY_CFG.into(),
        }));
        let e = out.error.expect("refused");
        assert!(
            e.starts_with("the kind config is 147 KB; the lab takes at most 64 KB"),
            "{e}"
        );
        assert_eq!(l.doc, before);
    }
}
