//! Guided labs: steps checked against the simulator's state (not the text typed, so a learner
//! may do a step their own way: typing, clicking the topology, in another order). A failed check
//! says why; help gives a hint first, the exact command on a second request. Steps are checked
//! in order and stay done once done.
//!
//! Here are the rules only: each step's id, command, check and answers' values ([`chapter`],
//! [`storage`], [`tuning`]). What the learner reads (titles, intros, hints, questions, answers'
//! labels, why a step is not done yet) is content: `content/guides/ID.toml`, found by the
//! step's id and the message's id ([`Why`]), checked against these definitions by
//! `kindlab check`.

mod chapter;
mod storage;
mod tuning;

use crate::content::model::{self, Lang, Text2};
use crate::sim::topology::Topology;
use crate::sim::Session;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use tuning::{tuning_result, Tuning};

/// The guided labs a `kindlab-lab` block may name with `guide: NAME`.
pub const GUIDES: &[&str] = &["chapter", "storage", "tuning"];

/// What a step's title may use: the guide's facts.
pub const TITLE_PLACEHOLDERS: &[&str] = &["node", "pod", "inter", "fall"];

/// Why a step is not done yet: a message of the step's texts (`why.ID` in its guide file) and
/// the values of its `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    /// The message's id in the step's texts (`why.ID`).
    pub id: &'static str,
    /// The values of its placeholders.
    pub args: Vec<(&'static str, String)>,
}

impl Why {
    /// A message without placeholders yet (add them with [`Why::arg`]).
    pub fn new(id: &'static str) -> Why {
        Why { id, args: vec![] }
    }

    /// The value of `{name}` in the message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Why {
        self.args.push((name, value.to_string()));
        self
    }
}

/// Facts a guided lab remembers from when it started (which worker ran NGINX, the pod's name,
/// the settings drawn for it), so later checks can ask about them after the world moved on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    /// The worker the NGINX ingress controller ran on when the lab started.
    pub nginx_node: String,
    /// That controller pod's name.
    pub nginx_pod: String,
    /// The tuning lab: the check settings to try (`inter` in seconds, `fall`).
    pub inter_s: u32,
    /// The tuning lab: `fall` to try.
    pub fall: u32,
}

/// The answers a step's question takes (its prompt and labels are content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// A number, typed.
    Number,
    /// One of the cluster's workers, by name (shown as it is).
    Workers,
    /// One of these values; each has its label in the guide file (`options.VALUE`).
    Listed(&'static [&'static str]),
}

/// One step of a guided lab: its rules.
pub struct StepDef {
    /// How its texts are found in the guide file (`[[steps]] id = "…"`).
    pub id: &'static str,
    /// The exact command (may use the facts: `{node}`, `{pod}`).
    pub command: &'static str,
    /// The question it asks, if any.
    pub ask: Option<Answers>,
    /// Every message its check may return, with the placeholders it fills in.
    pub why: &'static [(&'static str, &'static [&'static str])],
    /// Whether the step is done in this world: `Err` says why not.
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
            let cfg =
                tuning::tuned_config(&s.haproxy_config().unwrap_or_default(), f.inter_s, f.fall);
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

    /// Whether `why` is one of the messages this step declares, with the same placeholders.
    pub fn declares(&self, why: &Why) -> bool {
        self.why.iter().any(|(id, args)| {
            *id == why.id
                && args.len() == why.args.len()
                && why.args.iter().all(|(n, _)| args.contains(n))
        })
    }

    /// Runs the check (in debug builds, asserting that what it returns is declared).
    fn run(&self, s: &Session, f: &Facts, answer: Option<&str>) -> Result<(), Why> {
        let r = (self.check)(s, f, answer);
        if let Err(w) = &r {
            debug_assert!(
                self.declares(w),
                "step `{}` returned an undeclared message {w:?}",
                self.id
            );
        }
        r
    }
}

/// A guided lab: its steps' rules, in order (their texts are content: `content/guides/ID.toml`).
pub struct GuideDef {
    /// Its id (the guide file's name).
    pub id: &'static str,
    /// Its steps.
    pub steps: Vec<StepDef>,
}

/// The guide's texts in the content in use (`content/guides/ID.toml`).
fn texts(id: &str) -> Option<&'static model::Guide> {
    crate::content::bundle().guide(id)
}

/// A text in `lang`, if the content has it.
fn side(t: &Text2<String>, lang: Lang) -> Option<String> {
    Some(t.get(lang).clone()).filter(|s| !s.is_empty())
}

impl GuideDef {
    fn step_texts(&self, i: usize) -> Option<&'static model::GuideStep> {
        texts(self.id)?.step(self.steps.get(i)?.id)
    }

    /// The guide's title (its id while its texts are missing).
    pub fn title(&self, lang: Lang) -> String {
        texts(self.id)
            .and_then(|g| side(&g.title, lang))
            .unwrap_or_else(|| self.id.to_string())
    }

    /// What the guide is about (empty while its texts are missing).
    pub fn intro(&self, lang: Lang) -> String {
        texts(self.id)
            .and_then(|g| side(&g.intro, lang))
            .unwrap_or_default()
    }

    /// Step `i`'s title with the guide's facts filled in.
    pub fn step_title(&self, i: usize, f: &Facts, lang: Lang) -> String {
        let Some(t) = self.step_texts(i).and_then(|t| side(&t.title, lang)) else {
            return self.steps.get(i).map(|s| s.id).unwrap_or_default().into();
        };
        let (inter, fall) = (f.inter_s.to_string(), f.fall.to_string());
        model::fill(
            &t,
            &[
                ("node", &f.nginx_node),
                ("pod", &f.nginx_pod),
                ("inter", &inter),
                ("fall", &fall),
            ],
        )
    }

    /// Step `i`'s hint.
    pub fn hint(&self, i: usize, lang: Lang) -> String {
        self.step_texts(i)
            .and_then(|t| side(&t.hint, lang))
            .unwrap_or_default()
    }

    /// Step `i`'s question.
    pub fn prompt(&self, i: usize, lang: Lang) -> String {
        self.step_texts(i)
            .and_then(|t| t.ask.as_ref())
            .and_then(|a| side(a, lang))
            .unwrap_or_default()
    }

    /// The answers step `i`'s question offers now: (value, label); empty when it asks for a
    /// number (or nothing).
    pub fn options(&self, i: usize, s: &Session) -> Vec<(String, Text2<String>)> {
        let same = |v: &str| Text2 {
            en: v.to_string(),
            zh: v.to_string(),
        };
        match self.steps.get(i).and_then(|st| st.ask) {
            None | Some(Answers::Number) => vec![],
            Some(Answers::Workers) => s
                .topology()
                .clusters
                .iter()
                .flat_map(|c| c.workers.iter())
                .map(|n| (n.name.clone(), same(&n.name)))
                .collect(),
            Some(Answers::Listed(values)) => {
                let texts = self.step_texts(i);
                values
                    .iter()
                    .map(|v| {
                        let label = texts.and_then(|t| t.option(v)).cloned();
                        (v.to_string(), label.unwrap_or_else(|| same(v)))
                    })
                    .collect()
            }
        }
    }

    /// Why step `i` is not done, in `lang`: its message with the check's values filled in (the
    /// message's id and values while its text is missing).
    pub fn why_text(&self, i: usize, why: &Why, lang: Lang) -> String {
        let args: Vec<(&str, &str)> = why.args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        match self
            .step_texts(i)
            .and_then(|t| t.why(why.id))
            .and_then(|t| side(t, lang))
        {
            Some(t) => model::fill(&t, &args),
            None => {
                let values: Vec<String> = args.iter().map(|(n, v)| format!("{n}: {v}")).collect();
                format!("{} ({})", why.id, values.join(", "))
            }
        }
    }
}

/// A learner's progress in one guided lab.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct GuideProgress {
    /// The guided lab's id.
    pub id: String,
    /// What it remembered when it started.
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
    /// Starts guided lab `id` on the world as it is now (its facts: where NGINX runs, ...).
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
            if step.run(s, &self.facts, answer).is_err() {
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
        step.run(
            s,
            &self.facts,
            self.answers.get(&self.done).map(String::as_str),
        )
        .err()
    }

    /// Every step is done.
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
        "chapter" => Some(CHAPTER.get_or_init(chapter::guide)),
        "tuning" => Some(TUNING.get_or_init(tuning::guide)),
        "storage" => Some(STORAGE.get_or_init(storage::guide)),
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

#[cfg(test)]
mod tests;
