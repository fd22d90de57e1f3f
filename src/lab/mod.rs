//! The lab: one learner's simulated cluster with everything around it that the UI shows — the
//! terminal's transcript and history, the clock's steps, a timeline of events with snapshots to
//! scrub back through, announcements of state changes, guided labs ([`guide`]) and the
//! "try it for real" export ([`export`]). Pure: no UI types, no I/O.
//!
//! What is saved ([`LabDoc`]) is the seed and the steps taken (command blocks and clock waits);
//! opening the lab replays them, so the same world comes back (the simulator is deterministic).

pub mod challenge;
mod command;
pub mod export;
pub mod guide;
pub mod predict;

use crate::sim::inspect::Change;
use crate::sim::lines::{split_blocks, Fed, LineReader};
use crate::sim::topology::Topology;
use crate::sim::{Session, SessionOptions, DEFAULT_SEED};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use command::{Command, Outcome};
pub use guide::{GuideProgress, GUIDES};

/// The schema of [`LabDoc`].
pub const SCHEMA: u32 = 1;
/// Commands kept in the terminal's history.
pub const HISTORY_LIMIT: usize = 500;
/// The longest command block the lab runs at once (a paste beyond it is refused with a message).
pub const MAX_INPUT_BYTES: usize = 64 * 1024;
/// The most steps a lab records: a saved lab is replayed step by step when it opens, so its
/// length is what opening it costs (a learner working through the whole chapter takes a few
/// hundred). At the limit the lab asks for a reset; a saved lab beyond it is refused on load.
pub const MAX_STEPS: usize = 5000;
/// The most text a lab's commands may add up to (1 MB), for the same reason: a learner's whole
/// chapter is some tens of KB.
pub const MAX_STEPS_BYTES: usize = 1 << 20;
/// Snapshots kept for the timeline (the oldest go first).
pub const SNAPSHOT_LIMIT: usize = 300;
/// Where a fresh lab opens (and a reset goes back to): the chapter's moment, HAProxy running
/// this long (virtual ms) after it started, so its start-up checks have settled, the book's
/// first log excerpt is in `docker logs` and worker2 is the only server UP in each backend.
/// `kindlab sim` still starts at HAProxy's start.
pub const CHAPTER_MOMENT_MS: i64 = 10_000;

/// One thing the learner did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// A command block as typed (a heredoc's lines included).
    Run(String),
    /// The clock ran for this many virtual ms (play, step to the next event).
    Wait(i64),
}

impl Step {
    /// The bytes of its command (none for a wait).
    pub fn command_bytes(&self) -> usize {
        match self {
            Step::Run(t) => t.len(),
            Step::Wait(_) => 0,
        }
    }
}

/// The saved lab: replayed on open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabDoc {
    /// The version of this document's layout ([`SCHEMA`]).
    pub schema: u32,
    /// The simulator's seed: with the steps, it gives back the same world.
    pub seed: u64,
    /// What the learner did, in order (at most [`MAX_STEPS`], each command at most
    /// [`MAX_INPUT_BYTES`]: a saved lab beyond them is refused as it is read).
    #[serde(deserialize_with = "bounded_steps")]
    pub steps: Vec<Step>,
    /// The terminal's history (↑/↓), oldest first.
    pub history: Vec<String>,
    /// Guided labs' progress, by guide id.
    pub guides: BTreeMap<String, GuideProgress>,
    /// The guided lab shown, if any.
    pub guide: Option<String>,
    /// A topology of the learner's own (kind config, haproxy.cfg); `None`: the chapter's.
    /// Each file at most [`MAX_INPUT_BYTES`], as the topology editor takes them.
    #[serde(deserialize_with = "bounded_topology")]
    pub topology: Option<Topo>,
    /// The break-fix challenge this lab was built for (its broken world, hints shown, how it
    /// got solved); `None`: the learner's own lab.
    pub challenge: Option<challenge::ChallengeProgress>,
    /// Virtual ms the world ran before the learner's first step ([`CHAPTER_MOMENT_MS`]; labs
    /// saved before the lab opened there have none, so they replay from 0 as they were made).
    #[serde(default)]
    pub opened_at: i64,
}

/// Reads a saved lab's steps, refusing more than [`MAX_STEPS`] or a command longer than
/// [`MAX_INPUT_BYTES`] (what the lab itself never records), before anything is replayed.
fn bounded_steps<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Step>, D::Error> {
    use serde::de::Error;
    let steps = Vec::<Step>::deserialize(d)?;
    if steps.len() > MAX_STEPS {
        return Err(D::Error::custom(format!(
            "the lab has {} steps; kindlab replays at most {MAX_STEPS}",
            steps.len()
        )));
    }
    let bytes: usize = steps.iter().map(Step::command_bytes).sum();
    if bytes > MAX_STEPS_BYTES {
        return Err(D::Error::custom(format!(
            "the lab's commands add up to {} KB; kindlab replays at most {} KB",
            bytes.div_ceil(1024),
            MAX_STEPS_BYTES / 1024
        )));
    }
    if let Some((i, len)) = steps.iter().enumerate().find_map(|(i, s)| match s {
        Step::Run(t) if t.len() > MAX_INPUT_BYTES => Some((i, t.len())),
        _ => None,
    }) {
        return Err(D::Error::custom(format!(
            "step {} is a command of {} KB; the lab takes at most {} KB",
            i + 1,
            len.div_ceil(1024),
            MAX_INPUT_BYTES / 1024
        )));
    }
    Ok(steps)
}

/// Reads a saved topology, refusing a file longer than the topology editor takes.
fn bounded_topology<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Topo>, D::Error> {
    use serde::de::Error;
    let topo = Option::<Topo>::deserialize(d)?;
    if let Some(t) = &topo {
        for (name, text) in [
            ("kind config", &t.kind_config),
            ("haproxy.cfg", &t.haproxy_cfg),
        ] {
            if text.len() > MAX_INPUT_BYTES {
                return Err(D::Error::custom(format!(
                    "the topology's {name} is {} KB; the lab takes at most {} KB",
                    text.len().div_ceil(1024),
                    MAX_INPUT_BYTES / 1024
                )));
            }
        }
    }
    Ok(topo)
}

/// A custom topology: the files the world is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topo {
    /// The kind cluster config (`cluster01.yaml`'s role).
    pub kind_config: String,
    /// The haproxy.cfg `HAProxy-workers-lb` starts with (`$workerN`: the workers' addresses).
    pub haproxy_cfg: String,
}

impl Default for LabDoc {
    fn default() -> Self {
        LabDoc {
            schema: SCHEMA,
            seed: DEFAULT_SEED,
            steps: vec![],
            history: vec![],
            guides: BTreeMap::new(),
            guide: None,
            topology: None,
            challenge: None,
            opened_at: CHAPTER_MOMENT_MS,
        }
    }
}

/// One command in the terminal, with what it printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The working directory when it ran (for the prompt).
    pub cwd: String,
    /// The command block as typed.
    pub command: String,
    /// What it printed.
    pub output: String,
    /// Whether its last command succeeded (exit status 0).
    pub ok: bool,
    /// Virtual time when it ran.
    pub at: i64,
}

/// Something on the timeline: a command, or a change the simulator made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Virtual time when it happened.
    pub at: i64,
    /// The command, or the change in words (`cluster01-worker2 NotReady`).
    pub text: String,
    /// A command the learner ran (else a change the simulator made).
    pub command: bool,
    /// Index into [`Lab::snapshots`]: the world just after it.
    pub snapshot: usize,
}

/// A learner's lab.
#[derive(Clone)]
pub struct Lab {
    /// The simulated world (read it; change it through [`Lab::apply`]).
    pub session: Session,
    /// What is saved.
    pub doc: LabDoc,
    /// The terminal's output, command by command (`clear` empties it).
    pub transcript: Vec<Entry>,
    /// The timeline, oldest first.
    pub events: Vec<Event>,
    /// The world after each timeline event: (virtual time, the session then).
    pub snapshots: Vec<(i64, Session)>,
    /// Changes not announced yet (drained by the UI's live region).
    pub pending_announcements: Vec<Change>,
    /// Reads what is typed: a heredoc's lines gather here until its delimiter.
    reader: LineReader,
    last: Topology,
    revisions: Revisions,
}

/// Change counters the UI watches, so that each part of the lab redraws only when what it shows
/// changed (the clock steps the world on every animation frame; the terminal, say, changes only
/// when a command runs). Every value comes from one process-wide counter, so a fresh lab never
/// repeats the values of the lab it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revisions {
    /// The terminal: its transcript, the prompt, a heredoc being typed.
    pub terminal: u64,
    /// The timeline: events and snapshots.
    pub timeline: u64,
}

fn next_revision() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn options(seed: u64) -> SessionOptions {
    SessionOptions {
        seed,
        ..SessionOptions::default()
    }
}

impl Lab {
    /// A fresh lab: the chapter's state at the chapter's moment ([`CHAPTER_MOMENT_MS`]).
    pub fn new(seed: u64) -> Lab {
        Lab::opened_at(seed, CHAPTER_MOMENT_MS)
    }

    /// A fresh lab on a topology of the learner's own, at the chapter's moment; `Err`: kind's or
    /// HAProxy's message with the file and line (the caller keeps its previous lab).
    pub fn with_topology(seed: u64, topo: Topo) -> Result<Lab, crate::sim::world::TopologyError> {
        Lab::topology_opened_at(seed, topo, CHAPTER_MOMENT_MS)
    }

    fn opened_at(seed: u64, at: i64) -> Lab {
        Lab::from_session(seed, Session::new(options(seed)), None, at)
    }

    fn topology_opened_at(
        seed: u64,
        topo: Topo,
        at: i64,
    ) -> Result<Lab, crate::sim::world::TopologyError> {
        let session = Session::from_topology(options(seed), &topo.kind_config, &topo.haproxy_cfg)?;
        Ok(Lab::from_session(seed, session, Some(topo), at))
    }

    /// The world as it is `at` virtual ms after HAProxy started: what happened before is the
    /// cluster's past, not the learner's (no timeline events, nothing announced).
    fn from_session(seed: u64, mut session: Session, topology: Option<Topo>, at: i64) -> Lab {
        session.advance(at.max(0));
        let last = session.topology();
        let mut lab = Lab {
            doc: LabDoc {
                seed,
                topology,
                opened_at: at.max(0),
                ..LabDoc::default()
            },
            transcript: vec![],
            events: vec![],
            snapshots: vec![],
            pending_announcements: vec![],
            reader: LineReader::default(),
            last,
            session,
            revisions: Revisions::default(),
        };
        lab.revisions = Revisions {
            terminal: next_revision(),
            timeline: next_revision(),
        };
        lab.snapshot();
        lab
    }

    /// The session this lab's world starts from (its challenge's, its topology's, the chapter's).
    fn start_session(doc: &LabDoc) -> Session {
        if let Some(def) = doc.challenge.as_ref().and_then(|c| challenge::find(&c.id)) {
            return (def.setup)(doc.seed);
        }
        match &doc.topology {
            Some(t) => Session::from_topology(options(doc.seed), &t.kind_config, &t.haproxy_cfg)
                .unwrap_or_else(|_| Session::new(options(doc.seed))),
            None => Session::new(options(doc.seed)),
        }
    }

    /// Rebuilds a saved lab by replaying its steps (same seed, same steps: the same world).
    pub fn replay(doc: LabDoc) -> Lab {
        if let Some(id) = doc.challenge.as_ref().map(|c| c.id.clone()) {
            if let Some(mut lab) = Lab::for_challenge(&id, doc.seed) {
                lab.replay_steps(&doc.steps);
                lab.doc = doc;
                return lab;
            }
        }
        let at = doc.opened_at;
        let mut lab = match doc.topology.clone() {
            // a saved topology that no longer builds falls back to the chapter's
            Some(t) => Lab::topology_opened_at(doc.seed, t, at)
                .unwrap_or_else(|_| Lab::opened_at(doc.seed, at)),
            None => Lab::opened_at(doc.seed, at),
        };
        lab.replay_steps(&doc.steps);
        lab.doc = doc;
        lab
    }

    fn replay_steps(&mut self, steps: &[Step]) {
        for step in steps {
            match step {
                Step::Run(text) => {
                    self.execute(text);
                }
                Step::Wait(ms) => self.wait(*ms),
            }
        }
        self.pending_announcements.clear();
    }

    /// What changed last, for the UI (see [`Revisions`]).
    pub fn revisions(&self) -> Revisions {
        self.revisions
    }

    /// A heredoc is open: the terminal shows the `> ` prompt.
    pub fn needs_more_input(&self) -> bool {
        self.reader.is_open()
    }

    /// Feeds one line as typed; returns the finished entry when a command completed. A line
    /// that starts a command is remembered in the history (a heredoc's body is not).
    pub fn feed_line(&mut self, line: &str) -> Option<Entry> {
        if !self.reader.is_open() && !line.trim().is_empty() {
            self.remember(line.trim());
        }
        match self.reader.feed(line) {
            Fed::Nothing => None,
            Fed::More => {
                self.revisions.terminal = next_revision();
                None
            }
            Fed::Block(b) => Some(self.run(&b.text())),
        }
    }

    /// Drops a half-typed heredoc (Ctrl-C).
    pub fn cancel(&mut self) {
        self.reader.cancel();
        self.revisions.terminal = next_revision();
    }

    /// Adds a line to the terminal's history (typed lines are added by [`Lab::feed_line`]).
    pub fn remember(&mut self, line: &str) {
        if self.doc.history.last().map(String::as_str) != Some(line) {
            self.doc.history.push(line.to_string());
            if self.doc.history.len() > HISTORY_LIMIT {
                self.doc.history.remove(0);
            }
        }
    }

    /// Runs a command block (typed, clicked in the topology, or from "try in the lab"): it is
    /// recorded as a step, shown in the terminal and put on the timeline.
    ///
    /// A block longer than [`MAX_INPUT_BYTES`] is refused with a message in the terminal, not
    /// run and not recorded: the simulator runs on the page's only thread in the browser, and a
    /// huge paste (a manifest nested thousands deep, say) would freeze the page.
    pub fn run(&mut self, text: &str) -> Entry {
        self.reader.cancel();
        if text.len() > MAX_INPUT_BYTES {
            let why = format!(
                "this input is {} KB; the lab takes at most {} KB at a time",
                text.len().div_ceil(1024),
                MAX_INPUT_BYTES / 1024
            );
            return self.refuse(text, &why);
        }
        // one step is kept for the clock's wait after it (see `advance`)
        let bytes: usize = self
            .doc
            .steps
            .iter()
            .map(Step::command_bytes)
            .sum::<usize>()
            + text.len();
        if self.doc.steps.len() + 1 >= MAX_STEPS || bytes > MAX_STEPS_BYTES {
            let why = format!(
                "this lab has taken {} steps and {} KB of commands, the most a saved lab replays is {MAX_STEPS} steps and {} KB; reset the lab to go on (export it first to keep what you did)",
                self.doc.steps.len(),
                (bytes - text.len()).div_ceil(1024),
                MAX_STEPS_BYTES / 1024
            );
            return self.refuse(text, &why);
        }
        self.doc.steps.push(Step::Run(text.to_string()));
        self.execute(text)
    }

    /// The terminal's answer to a block it does not run (see [`Lab::run`]), saying `why`.
    fn refuse(&mut self, text: &str, why: &str) -> Entry {
        let first: String = text
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
        let e = Entry {
            cwd: self.session.cwd().to_string(),
            command: format!("{first} …"),
            output: format!("kindlab: not run: {why}\n"),
            ok: false,
            at: self.session.now(),
        };
        self.transcript.push(e.clone());
        self.revisions.terminal = next_revision();
        e
    }

    /// Runs a block of several commands one by one (a "try in the lab" console block).
    pub fn run_all(&mut self, script: &str) -> Vec<Entry> {
        split_blocks(script)
            .iter()
            .map(|b| {
                self.remember(&b.line);
                self.run(&b.text())
            })
            .collect()
    }

    fn execute(&mut self, text: &str) -> Entry {
        let cwd = self.session.cwd().to_string();
        let at = self.session.now();
        let first = text.lines().next().unwrap_or("").trim();
        let (output, ok) = if first == "clear" {
            // the terminal's own command: the screen is wiped, the world is not touched
            self.transcript.clear();
            (String::new(), true)
        } else {
            self.session.run_status(text)
        };
        let e = Entry {
            cwd,
            command: text.to_string(),
            output,
            ok,
            at,
        };
        if first != "clear" {
            self.transcript.push(e.clone());
        }
        self.revisions.terminal = next_revision();
        self.snapshot();
        let snap = self.snapshots.len() - 1;
        self.events.push(Event {
            at,
            text: first.to_string(),
            command: true,
            snapshot: snap,
        });
        self.observe();
        e
    }

    /// Lets the clock run `ms` (merged with the previous wait when the last step was one).
    pub fn advance(&mut self, ms: i64) {
        if ms <= 0 {
            return;
        }
        let room = self.doc.steps.len() < MAX_STEPS;
        match self.doc.steps.last_mut() {
            Some(Step::Wait(w)) => *w = w.saturating_add(ms),
            _ if room => self.doc.steps.push(Step::Wait(ms)),
            // at the limit (its last step): the clock stays
            _ => return,
        }
        self.wait(ms);
    }

    fn wait(&mut self, ms: i64) {
        self.session.advance(ms);
        self.observe();
    }

    /// Runs the clock to the simulator's next event; returns the time jumped, if any.
    pub fn step_to_next_event(&mut self) -> Option<i64> {
        let next = self.session.next_event()?;
        let dt = next - self.session.now();
        // past the instant, so that what was due has happened
        self.advance(dt + 1);
        Some(dt + 1)
    }

    /// Notes what changed since the last look: announcements and timeline events (with a
    /// snapshot of the world right after).
    fn observe(&mut self) {
        let now = self.session.topology();
        let changes = now.changes_since(&self.last);
        if !changes.is_empty() {
            self.snapshot();
            let snap = self.snapshots.len() - 1;
            for c in &changes {
                self.events.push(Event {
                    at: self.session.now(),
                    text: c.to_string(),
                    command: false,
                    snapshot: snap,
                });
            }
            self.pending_announcements.extend(changes);
        }
        self.last = now;
        if self.events.len() > 4 * SNAPSHOT_LIMIT {
            self.events.drain(..SNAPSHOT_LIMIT);
        }
    }

    fn snapshot(&mut self) {
        self.revisions.timeline = next_revision();
        self.snapshots
            .push((self.session.now(), self.session.clone()));
        if self.snapshots.len() > SNAPSHOT_LIMIT {
            self.snapshots.remove(0);
            for e in &mut self.events {
                e.snapshot = e.snapshot.saturating_sub(1);
            }
        }
    }

    /// The picture the diagram draws now.
    pub fn topology(&self) -> &Topology {
        &self.last
    }

    /// The commands that were accepted (ran with exit status 0), in order, with the clock's
    /// waits between them: what the export replays on a real host.
    pub fn accepted(&self) -> Vec<Step> {
        let mut out = vec![];
        let mut replay = Lab::start_session(&self.doc);
        replay.advance(self.doc.opened_at.max(0));
        for s in &self.doc.steps {
            match s {
                Step::Run(text) => {
                    let (_, ok) = replay.run_status(text);
                    if ok && text.trim() != "clear" {
                        out.push(s.clone());
                    }
                }
                Step::Wait(ms) => {
                    replay.advance(*ms);
                    out.push(s.clone());
                }
            }
        }
        out
    }

    /// Starts the guided lab `id` (keeps its progress if it was started before).
    pub fn open_guide(&mut self, id: &str) {
        if guide::find(id).is_none() {
            return;
        }
        self.doc.guide = Some(id.to_string());
        if !self.doc.guides.contains_key(id) {
            let p = guide::GuideProgress::start(id, &self.session);
            self.doc.guides.insert(id.to_string(), p);
        }
        self.update_guides();
    }

    /// Re-checks the open guided lab against the simulator's state (after every command and
    /// clock step); returns the steps that got done now.
    pub fn update_guides(&mut self) -> Vec<usize> {
        let Some(id) = self.doc.guide.clone() else {
            return vec![];
        };
        let Some(def) = guide::find(&id) else {
            return vec![];
        };
        let Some(p) = self.doc.guides.get_mut(&id) else {
            return vec![];
        };
        p.update(def, &self.session)
    }

    /// Records the learner's answer to a guided step's question, then re-checks.
    pub fn answer_guide(&mut self, step: usize, answer: &str) {
        if let Some(id) = self.doc.guide.clone() {
            if let Some(p) = self.doc.guides.get_mut(&id) {
                p.answers.insert(step, answer.to_string());
            }
        }
        self.update_guides();
    }

    /// Asks for help on a guided step: the first request gives the hint, the second the exact
    /// command. Returns how many times help was asked.
    pub fn ask_hint(&mut self, step: usize) -> u8 {
        let Some(id) = self.doc.guide.clone() else {
            return 0;
        };
        let Some(p) = self.doc.guides.get_mut(&id) else {
            return 0;
        };
        let h = p.hints.entry(step).or_insert(0);
        *h = (*h + 1).min(2);
        *h
    }
}

/// Ready-made topologies for the lab's settings: (id, control planes, workers).
pub const PRESETS: &[(&str, usize, usize)] = &[
    ("chapter", 3, 3),
    ("one-cp-five-workers", 1, 5),
    ("fifty-workers", 1, 50),
];

/// A kind config and a matching haproxy.cfg for `control_planes` + `workers` nodes (every
/// worker labelled `ingress-ready=true`; each backend lists every worker as `$workerN`).
pub fn preset(control_planes: usize, workers: usize) -> Topo {
    use std::fmt::Write as _;
    let mut k = String::from(
        "# a kind cluster of your own\nkind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n",
    );
    for _ in 0..control_planes {
        k.push_str("- role: control-plane\n");
    }
    for _ in 0..workers {
        k.push_str("- role: worker\n  labels:\n    ingress-ready: \"true\"\n");
    }
    let mut h = String::from(
        "defaults\n  log global\n  mode tcp\n  timeout connect 5000\n  timeout client 50000\n  timeout server 50000\nfrontend workers_https\n  bind *:443\n  mode tcp\n  use_backend ingress_https\nbackend ingress_https\n  option httpchk GET /healthz\n  mode tcp\n",
    );
    let name = |n: usize| {
        if n == 1 {
            "worker".to_string()
        } else {
            format!("worker{n}")
        }
    };
    for n in 1..=workers {
        let _ = writeln!(h, "  server {} $worker{n}:443 check port 80", name(n));
    }
    h.push_str("frontend workers_http\n  bind *:80\n  use_backend ingress_http\nbackend ingress_http\n  mode http\n  option httpchk GET /healthz\n");
    for n in 1..=workers {
        let _ = writeln!(h, "  server {} $worker{n}:80 check port 80", name(n));
    }
    Topo {
        kind_config: k,
        haproxy_cfg: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_move_only_with_what_they_watch() {
        let mut lab = Lab::new(DEFAULT_SEED);
        let r0 = lab.revisions();
        // the clock moves the world, not the terminal
        lab.advance(10_000);
        let r1 = lab.revisions();
        assert_eq!(r1.terminal, r0.terminal);
        // a command changes the terminal and the timeline
        lab.run("kubectl get nodes");
        let r2 = lab.revisions();
        assert_ne!(r2.terminal, r1.terminal);
        assert_ne!(r2.timeline, r1.timeline);
        // a heredoc being typed shows in the terminal before it runs
        assert!(lab.feed_line("cat > /tmp/x <<EOF").is_none());
        let r3 = lab.revisions();
        assert_ne!(r3.terminal, r2.terminal);
        assert_eq!(r3.timeline, r2.timeline);
        lab.cancel();
        assert_ne!(lab.revisions().terminal, r3.terminal);
        // a kubelet stop seen by the clock is a timeline event
        lab.run("docker exec cluster01-worker2 systemctl stop kubelet");
        let before = lab.revisions().timeline;
        lab.advance(60_000);
        assert_ne!(
            lab.revisions().timeline,
            before,
            "NotReady went on the timeline"
        );
        // a fresh lab (reset) never repeats the old lab's values
        let fresh = Lab::new(DEFAULT_SEED);
        let (a, b) = (lab.revisions(), fresh.revisions());
        assert!(a.terminal != b.terminal && a.timeline != b.timeline);
    }

    #[test]
    fn presets_build_and_a_bad_config_is_refused_with_its_line() {
        for (_, cp, w) in PRESETS {
            let lab = Lab::with_topology(DEFAULT_SEED, preset(*cp, *w)).unwrap();
            let t = lab.topology();
            assert_eq!(t.clusters[0].workers.len(), *w);
            assert_eq!(t.clusters[0].control_planes.len(), *cp);
            assert_eq!(t.clusters[0].api_lb.is_some(), *cp > 1);
            assert_eq!(t.servers().count(), 2 * w);
        }
        let mut bad = preset(1, 5);
        bad.kind_config = bad
            .kind_config
            .replace("- role: worker\n", "- rol: worker\n");
        let e = Lab::with_topology(DEFAULT_SEED, bad).err().unwrap();
        assert_eq!(e.file, crate::sim::world::TopologyFile::KindConfig);
        assert!(e.line.is_some(), "{e}");
        // a saved custom topology comes back on replay
        let mut lab = Lab::with_topology(DEFAULT_SEED, preset(1, 5)).unwrap();
        lab.run("docker exec cluster01-worker5 systemctl stop kubelet");
        let again = Lab::replay(lab.doc.clone());
        assert_eq!(again.topology().clusters[0].workers.len(), 5);
        assert!(
            !again
                .topology()
                .node("cluster01-worker5")
                .unwrap()
                .kubelet_running
        );
    }

    #[test]
    fn a_fresh_lab_opens_at_the_chapters_moment() {
        use crate::sim::haproxy::ServerState;
        let lab = Lab::new(DEFAULT_SEED);
        assert_eq!(lab.session.now(), CHAPTER_MOMENT_MS);
        // the start-up checks have settled: worker2 is the only server UP in each backend
        let servers = lab.session.haproxy_servers();
        assert_eq!(servers.len(), 6);
        for s in &servers {
            let up = s.state == ServerState::Up;
            assert_eq!(
                up,
                s.name == "worker2",
                "{} {}: {:?}",
                s.backend,
                s.name,
                s.state
            );
        }
        // and the book's first log excerpt is there
        let logs = lab
            .session
            .show("docker logs HAProxy-workers-lb")
            .unwrap_or_default();
        for (backend, server) in [
            ("ingress_https", "worker"),
            ("ingress_https", "worker3"),
            ("ingress_http", "worker"),
            ("ingress_http", "worker3"),
        ] {
            let line = format!("Server {backend}/{server} is DOWN");
            assert!(logs.contains(&line), "{line} missing from:\n{logs}");
        }
        // what happened before is the cluster's past: no timeline event, nothing announced
        assert!(lab.events.is_empty() && lab.pending_announcements.is_empty());
        assert!(lab.doc.steps.is_empty());
        // and nothing moves on its own for a while: the next start-up change is not pending
        let mut later = lab.clone();
        later.advance(60_000);
        assert!(later.events.is_empty(), "{:?}", later.events);
        // a reset goes back there
        let mut reset = lab.clone();
        reset.run("docker exec cluster01-worker2 systemctl stop kubelet");
        reset.apply(Command::Reset);
        assert_eq!(reset.session.now(), CHAPTER_MOMENT_MS);
        assert!(reset.doc.steps.is_empty());
    }

    #[test]
    fn a_lab_saved_before_the_chapters_moment_replays_from_its_start() {
        let mut old = Lab::new(DEFAULT_SEED);
        old.advance(5_000);
        let mut json = serde_json::to_value(&old.doc).unwrap();
        // a document saved by an older kindlab has no `opened_at`: its world began at 0
        json.as_object_mut().unwrap().remove("opened_at");
        let doc: LabDoc = serde_json::from_value(json).unwrap();
        assert_eq!(doc.opened_at, 0);
        assert_eq!(Lab::replay(doc).session.now(), 5_000);
        // a new one keeps its moment
        assert_eq!(
            Lab::replay(old.doc.clone()).session.now(),
            CHAPTER_MOMENT_MS + 5_000
        );
    }

    #[test]
    fn a_replayed_lab_is_the_same_world() {
        let mut a = Lab::new(DEFAULT_SEED);
        a.feed_line("docker exec cluster01-worker2 systemctl stop kubelet");
        a.advance(30_000);
        a.advance(15_000);
        a.feed_line("kubectl get nodes");
        a.feed_line("cat <<EOF > ~/note.txt");
        assert!(a.needs_more_input());
        a.feed_line("hello");
        let e = a.feed_line("EOF").unwrap();
        assert!(e.ok);
        assert_eq!(a.doc.steps.len(), 4, "{:?}", a.doc.steps);
        assert_eq!(a.doc.steps[1], Step::Wait(45_000));
        let mut b = Lab::replay(a.doc.clone());
        assert_eq!(b.session.now(), a.session.now());
        assert_eq!(
            b.session.run("kubectl get nodes"),
            a.clone().session.run("kubectl get nodes")
        );
        assert_eq!(b.transcript, a.transcript);
        assert_eq!(b.doc.history, a.doc.history);
    }

    #[test]
    fn announcements_name_what_changed() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.advance(10_000);
        lab.pending_announcements.clear();
        lab.run("docker exec cluster01-worker2 systemctl stop kubelet");
        lab.advance(60_000);
        let said: Vec<String> = lab
            .pending_announcements
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert!(
            said.contains(&"cluster01-worker2 NotReady".to_string()),
            "{said:?}"
        );
        assert!(lab
            .events
            .iter()
            .any(|e| e.text == "cluster01-worker2 NotReady" && !e.command));
    }

    #[test]
    fn the_clock_steps_to_the_next_event() {
        let mut lab = Lab::new(DEFAULT_SEED);
        let t0 = lab.session.now();
        let dt = lab.step_to_next_event().unwrap();
        assert!(dt > 0);
        assert_eq!(lab.session.now(), t0 + dt);
    }

    #[test]
    fn accepted_steps_leave_out_failures_and_clear() {
        let mut lab = Lab::new(DEFAULT_SEED);
        lab.feed_line("kubectl get nodez");
        lab.feed_line("clear");
        lab.feed_line("sleep 5s");
        let acc = lab.accepted();
        assert_eq!(acc, vec![Step::Run("sleep 5s".into())]);
        assert!(lab.transcript.len() == 1, "clear wiped the screen");
    }
}
