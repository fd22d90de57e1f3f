//! Break-fix challenges (issue 19): a cluster that is already broken, a goal, no steps. The
//! check runs against the simulator's state, not the text typed, so any real fix counts (typed,
//! clicked in the topology, edited in the config editor); once solved, the check also says which
//! kind of fix it was (a StorageClass created, the claim re-created on another class, ...), so
//! the explanation speaks of what the learner did.
//!
//! Here are the rules only: each challenge's broken world (options, topology, set-up commands),
//! its check, the messages it may return and the fixes it recognises ([`ChallengeDef`]). What
//! the learner reads (title, goal, era, hints, cause, why it is not solved yet, what the fix
//! did) is content: `content/challenges/ID.toml`, found by the same ids and checked against
//! these definitions by `kindlab check`.

mod haproxy;
mod nodes;
mod storage;

use super::guide::Why;
use crate::content::model::{self, Lang, Text2};
use crate::sim::{Session, SessionOptions};
use serde::{Deserialize, Serialize};

/// Every challenge, in the order the home page lists them.
pub const CHALLENGES: &[&str] = &[
    "haproxy-off-network",
    "check-port-443",
    "wrong-backend-port",
    "ingress-no-node",
    "node-stopped",
    "pvc-pending",
];

/// What a check says: solved by this kind of fix (`Ok`), or why not yet (`Err`). Both are a
/// message of the challenge's texts (`fix.ID` / `why.ID`) with its placeholders' values.
pub type Verdict = Result<Why, Why>;

/// A challenge's rules.
pub struct ChallengeDef {
    /// Its id (the file name of its texts, the page's address).
    pub id: &'static str,
    /// Builds the broken world from the seed.
    pub setup: fn(u64) -> Session,
    /// Every "not solved yet" message its check may return, with the placeholders it fills in.
    pub why: &'static [(&'static str, &'static [&'static str])],
    /// Every kind of fix its check recognises, with the placeholders it fills in.
    pub fixes: &'static [(&'static str, &'static [&'static str])],
    /// Whether the world is fixed, and how.
    pub check: fn(&Session) -> Verdict,
}

fn declared(list: &[(&str, &[&str])], m: &Why) -> bool {
    list.iter().any(|(id, args)| {
        *id == m.id && args.len() == m.args.len() && m.args.iter().all(|(n, _)| args.contains(n))
    })
}

impl ChallengeDef {
    /// Runs the check (in debug builds, asserting that what it returns is declared).
    pub fn verdict(&self, s: &Session) -> Verdict {
        let v = (self.check)(s);
        debug_assert!(
            match &v {
                Ok(f) => declared(self.fixes, f),
                Err(w) => declared(self.why, w),
            },
            "challenge `{}` returned an undeclared message {v:?}",
            self.id
        );
        v
    }

    /// The challenge's texts in the content in use.
    pub fn texts(&self) -> Option<&'static model::Challenge> {
        crate::content::bundle().challenge(self.id)
    }

    /// A text in `lang` (the id while the content lacks it).
    fn side(
        &self,
        pick: impl Fn(&model::Challenge) -> Option<&Text2<String>>,
        lang: Lang,
    ) -> String {
        self.texts()
            .and_then(pick)
            .map(|t| t.get(lang).clone())
            .filter(|s| !s.is_empty())
            .unwrap_or_default()
    }

    /// The title (its id while its texts are missing).
    pub fn title(&self, lang: Lang) -> String {
        let t = self.side(|c| Some(&c.title), lang);
        if t.is_empty() {
            self.id.to_string()
        } else {
            t
        }
    }

    /// How many hints the content has.
    pub fn hint_count(&self) -> usize {
        self.texts().map(|c| c.hints.len()).unwrap_or(0)
    }

    /// A message of the check in `lang`, its placeholders filled in: `why.ID` (not solved) or
    /// `fix.ID` (solved). The id and values while the text is missing.
    pub fn message(&self, m: &Why, solved: bool, lang: Lang) -> String {
        let args: Vec<(&str, &str)> = m.args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let text = self.side(|c| if solved { c.fix(m.id) } else { c.why(m.id) }, lang);
        if text.is_empty() {
            let values: Vec<String> = args.iter().map(|(n, v)| format!("{n}: {v}")).collect();
            format!("{} ({})", m.id, values.join(", "))
        } else {
            model::fill(&text, &args)
        }
    }
}

/// The challenge with this id.
pub fn find(id: &str) -> Option<&'static ChallengeDef> {
    ALL.iter().find(|c| c.id == id)
}

/// Every challenge's rules, in [`CHALLENGES`]' order.
pub static ALL: &[ChallengeDef] = &[
    haproxy::OFF_NETWORK,
    haproxy::CHECK_PORT_443,
    haproxy::WRONG_BACKEND_PORT,
    nodes::INGRESS_NO_NODE,
    nodes::NODE_STOPPED,
    storage::PVC_PENDING,
];

/// How a fix was recognised: the fix's id and its placeholders' values (saved with the lab).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Solved {
    /// The fix's id (`fix.ID` in the challenge's texts).
    pub fix: String,
    /// Its placeholders' values.
    pub args: Vec<(String, String)>,
    /// Virtual time at which the check first passed.
    pub at: i64,
}

impl Solved {
    /// The fix as a check message (to fill in its text).
    pub fn message(&self, def: &ChallengeDef) -> Why {
        let mut w = Why::new(
            def.fixes
                .iter()
                .map(|(id, _)| *id)
                .find(|id| *id == self.fix)
                .unwrap_or("unknown"),
        );
        for (n, v) in &self.args {
            if let Some(name) = def
                .fixes
                .iter()
                .flat_map(|(_, a)| a.iter())
                .find(|a| **a == n.as_str())
            {
                w = w.arg(name, v);
            }
        }
        w
    }
}

/// A learner's progress in the challenge a lab was built for (saved with the lab).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ChallengeProgress {
    /// The challenge's id.
    pub id: String,
    /// Hints shown so far (one more per request, up to the challenge's count).
    pub hints: u8,
    /// How this world got fixed, once it is.
    pub solved: Option<Solved>,
}

impl ChallengeProgress {
    /// Checks the world (until solved: a solved challenge stays solved in this world); returns
    /// the fix when it got solved now.
    pub fn update(&mut self, s: &Session) -> Option<Solved> {
        if self.solved.is_some() {
            return None;
        }
        let def = find(&self.id)?;
        let fix = def.verdict(s).ok()?;
        let solved = Solved {
            fix: fix.id.to_string(),
            args: fix
                .args
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect(),
            at: s.now(),
        };
        self.solved = Some(solved.clone());
        Some(solved)
    }

    /// One more hint (up to `count`); returns how many are shown.
    pub fn hint(&mut self, count: usize) -> u8 {
        let max = u8::try_from(count).unwrap_or(u8::MAX);
        self.hints = (self.hints + 1).min(max);
        self.hints
    }
}

/// The options of a challenge's session: the seed, the rest as `kindlab sim`'s defaults.
pub(crate) fn options(seed: u64) -> SessionOptions {
    SessionOptions {
        seed,
        ..SessionOptions::default()
    }
}

/// Runs set-up commands on `s` and lets the clock run `settle` ms (the start-up checks, a
/// node controller's grace period); a command the simulator refuses is a bug in the rules.
pub(crate) fn prepare(mut s: Session, commands: &[&str], settle: i64) -> Session {
    for c in commands {
        let (out, ok) = s.run_status(c);
        debug_assert!(ok, "a challenge's set-up command failed: {c}\n{out}");
    }
    s.advance(settle);
    s
}

/// Whether HAProxy-workers-lb runs and every backend has a server UP by a passing health check
/// (a server is UP from HAProxy's start until its checks fail, and one not checked is always
/// UP: neither says the backend works); `Err` says which backend not.
pub(crate) fn every_backend_up(s: &Session) -> Result<(), Why> {
    let servers = s.haproxy_servers();
    if servers.is_empty() {
        return Err(Why::new("haproxy-not-running"));
    }
    let mut backends: Vec<&str> = servers.iter().map(|v| v.backend.as_str()).collect();
    backends.dedup();
    for b in backends {
        let up = servers.iter().any(|v| {
            v.backend == b
                && v.state == crate::sim::haproxy::ServerState::Up
                && v.checked
                && v.last_check.as_ref().is_some_and(|c| c.passed)
        });
        if !up {
            return Err(Why::new("backend-down").arg("backend", b));
        }
    }
    Ok(())
}

/// What the challenge page shows, in one language: the texts with the check's values filled
/// in, the hints shown so far, and where the learner stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeView {
    /// The challenge's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What to reach.
    pub goal: String,
    /// Which kind / Kubernetes / HAProxy it imitates.
    pub era: String,
    /// The hints shown so far, in order.
    pub hints: Vec<String>,
    /// How many hints there are.
    pub hints_total: usize,
    /// Solved in this world.
    pub solved: bool,
    /// Why it is not solved yet (empty once solved).
    pub why: String,
    /// What was wrong (empty until solved).
    pub cause: String,
    /// What the learner's fix did (empty until solved).
    pub fix: String,
}

/// The page's view of a lab's challenge (`None`: the lab is no challenge's).
pub fn view(p: &ChallengeProgress, s: &Session, lang: Lang) -> Option<ChallengeView> {
    let def = find(&p.id)?;
    let texts = def.texts();
    let get = |t: Option<&Text2<String>>| t.map(|t| t.get(lang).clone()).unwrap_or_default();
    let hints: Vec<String> = texts
        .map(|c| {
            c.hints
                .iter()
                .take(p.hints as usize)
                .map(|h| h.get(lang).clone())
                .collect()
        })
        .unwrap_or_default();
    let (why, cause, fix) = match &p.solved {
        Some(solved) => (
            String::new(),
            get(texts.map(|c| &c.cause)),
            def.message(&solved.message(def), true, lang),
        ),
        None => {
            let why = match def.verdict(s) {
                Err(w) => def.message(&w, false, lang),
                Ok(_) => String::new(),
            };
            (why, String::new(), String::new())
        }
    };
    Some(ChallengeView {
        id: p.id.clone(),
        title: def.title(lang),
        goal: get(texts.map(|c| &c.goal)),
        era: get(texts.map(|c| &c.era)),
        hints,
        hints_total: def.hint_count(),
        solved: p.solved.is_some(),
        why,
        cause,
        fix,
    })
}

/// A lab built for a challenge.
impl super::Lab {
    /// A fresh lab on the broken world of challenge `id` (`None`: no such challenge).
    pub fn for_challenge(id: &str, seed: u64) -> Option<super::Lab> {
        let def = find(id)?;
        let mut lab = super::Lab::from_session(seed, (def.setup)(seed), None, 0);
        lab.doc.challenge = Some(ChallengeProgress {
            id: id.to_string(),
            ..ChallengeProgress::default()
        });
        Some(lab)
    }

    /// Re-checks the challenge this lab was built for; returns the fix when it got solved now.
    pub fn update_challenge(&mut self) -> Option<Solved> {
        let session = &self.session;
        self.doc.challenge.as_mut()?.update(session)
    }

    /// One more of the challenge's hints; returns how many are shown.
    pub fn challenge_hint(&mut self) -> u8 {
        let Some(p) = self.doc.challenge.as_mut() else {
            return 0;
        };
        let count = find(&p.id).map_or(0, |d| d.hint_count());
        p.hint(count)
    }
}
