//! The lab: the topology to click, the terminal, the clock, live panels (HAProxy's log, nodes,
//! pods, the timeline to scrub back through), the HAProxy configuration editor, guided labs and
//! the export. Everything it shows comes from `crate::lab::Lab` (which owns the simulator
//! session); every action is a command run through it, echoed in the terminal.

use super::doc::copy_text;
use super::i18n::t;
use super::icons::{Glyph, Icon};
use super::state::AppState;
use super::topology::{TopologyDiagram, NARROW_BELOW};
use crate::content::model::Lang;
use crate::lab::{self, guide, Command, Topo};
use crate::sim::time;
use crate::sim::verbs::{node_verbs, Verb};
use dioxus::prelude::*;

/// Clock speeds offered (virtual seconds per real second).
pub(super) const SPEEDS: &[u32] = &[1, 10, 60, 600];

/// The `/lab` page.
#[component]
pub fn LabPage() -> Element {
    let mut state = use_context::<AppState>();
    use_hook(move || state.ensure_lab());
    rsx! {
        h1 { {t!("page-lab-heading")} }
        p { class: "lead", {t!("page-lab-intro")} }
        LabView { compact: false }
    }
}

/// The `kindlab-lab` widget: the same lab, smaller.
#[component]
pub fn LabWidget(caption: String, commands: String, guide: Option<String>) -> Element {
    let mut state = use_context::<AppState>();
    // the lab is replayed after the lesson has painted
    use_hook(move || {
        spawn(async move {
            super::doc::after_paint().await;
            state.ensure_lab();
        })
    });
    let nav = navigator();
    let caption = if caption.is_empty() {
        t!("widget-lab-title")
    } else {
        caption
    };
    let cmds = commands.clone();
    let g = guide.clone();
    rsx! {
        div { class: "widget lab-widget", "data-testid": "widget-lab",
            div { class: "widget-head",
                p { class: "widget-title", Glyph { icon: Icon::Keyboard } " {caption}" }
                a {
                    class: "button",
                    href: super::routes::href(&super::routes::Route::Lab {}),
                    "data-testid": "widget-lab-open",
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        if !cmds.is_empty() {
                            state.lab_commands.set(Some(cmds.clone()));
                        }
                        if let Some(g) = &g {
                            state.lab_guide.set(Some(g.clone()));
                        }
                        nav.push(super::routes::Route::Lab {});
                    },
                    {t!("widget-lab-open")}
                }
            }
            if let Some(g) = guide {
                GuideStarter { id: g }
            }
            LabView { compact: true, ready: commands }
        }
    }
}

/// A button that opens a guided lab in place.
#[component]
fn GuideStarter(id: String) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let Some(def) = guide::find(&id) else {
        return rsx! {};
    };
    let open = state
        .lab
        .read()
        .as_ref()
        .and_then(|l| l.doc.guide.clone())
        .as_deref()
        == Some(def.id);
    if open {
        return rsx! {};
    }
    rsx! {
        button {
            class: "button primary",
            "data-testid": "guide-start-{id}",
            onclick: move |_| {
                state.dispatch(Command::OpenGuide(id.clone()));
                super::doc::focus_first("#guide-heading");
            },
            "▶ "
            {guide::text(&def.title, lang)}
        }
    }
}

/// Clock state shared by the parts of one lab view.
#[derive(Clone, Copy, PartialEq)]
struct Clock {
    playing: Signal<bool>,
    speed: Signal<u32>,
}

/// The lab itself (page or widget). `ready`: commands offered to run.
#[component]
pub fn LabView(compact: bool, #[props(default)] ready: String) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let mut clock = Clock {
        playing: use_signal(|| false),
        speed: use_signal(|| 10),
    };
    let mut selected = use_signal(|| None::<String>);
    let mut viewing = use_signal(|| None::<usize>);
    let mut announcements = use_signal(Vec::<String>::new);
    let mut offered = use_signal(|| None::<String>);
    let mut tab = use_signal(|| "log");
    let mut export = use_signal(|| None::<String>);
    let mut settings = use_signal(|| false);
    let mut narrow = use_signal(|| false);

    // commands handed over by "try in the lab" (full page) or by the widget's block
    use_hook(move || {
        if !compact {
            if let Some(c) = state.lab_commands.take() {
                offered.set(Some(c));
            }
            if let Some(g) = state.lab_guide.take() {
                state.dispatch(Command::OpenGuide(g));
            }
        }
    });
    let ready_cmds = ready.clone();
    use_hook(move || {
        if compact && !ready_cmds.trim().is_empty() {
            offered.set(Some(ready_cmds.clone()));
        }
    });

    // the running clock: one step per animation frame, speed × the real time that passed
    use_effect(move || {
        let playing = (clock.playing)();
        if !playing {
            let _ = document::eval("window.__kindlabClock = null;");
            state.save_lab();
            return;
        }
        spawn(async move {
            let mut e = document::eval(
                r#"const token = Math.random(); window.__kindlabClock = token;
window.__kindlabFrames = window.__kindlabFrames || [];
let last = performance.now();
while (window.__kindlabClock === token) {
  await new Promise(r => requestAnimationFrame(r));
  const now = performance.now();
  window.__kindlabFrames.push(now - last);
  if (window.__kindlabFrames.length > 2000) window.__kindlabFrames.shift();
  dioxus.send(now - last);
  last = now;
}"#,
            );
            let mut since_save = 0.0;
            while let Ok(dt) = e.recv::<f64>().await {
                if !(clock.playing)() {
                    break;
                }
                let ms = (dt.min(250.0) * (clock.speed)() as f64) as i64;
                if state.lab.peek().is_none() {
                    break;
                }
                // ticks are saved in batches (every two seconds, and on pause)
                let out = state.dispatch(Command::Tick(ms));
                announce(&mut announcements, out.announcements);
                since_save += dt;
                if since_save > 2000.0 {
                    since_save = 0.0;
                    state.save_lab();
                }
            }
        });
    });

    let lab_guard = state.lab.read();
    let Some(lab) = lab_guard.as_ref() else {
        return rsx! {
            p { class: "muted", {t!("lab-loading")} }
        };
    };
    // what is drawn: now, or a snapshot from the timeline
    let shown_session = viewing()
        .and_then(|i| lab.snapshots.get(i))
        .map(|(_, s)| s.clone());
    let topo = match &shown_session {
        Some(s) => s.topology(),
        None => lab.topology().clone(),
    };
    let now = shown_session
        .as_ref()
        .map(|s| s.now())
        .unwrap_or(lab.session.now());
    let guide_id = lab.doc.guide.clone();
    let route_key = lab.transcript.len();
    drop(lab_guard);

    let on_select = move |name: String| {
        let cur = selected();
        selected.set(if cur.as_deref() == Some(name.as_str()) {
            None
        } else {
            Some(name)
        });
    };
    let mut run = move |cmd: Command| {
        let out = state.dispatch(cmd);
        announce(&mut announcements, out.announcements);
    };

    rsx! {
        div {
            class: if compact { "lab compact" } else { "lab" },
            "data-testid": "lab",
            div { class: "sr-only", role: "status", "aria-live": "polite", "data-testid": "lab-announce",
                for a in announcements.read().iter() {
                    span { "{a}. " }
                }
            }
            if let Some(cmds) = offered() {
                div { class: "lab-offer", "data-testid": "lab-offer",
                    p { {t!("lab-offer")} }
                    pre {
                        for l in cmds.lines() {
                            "$ {l}\n"
                        }
                    }
                    button {
                        class: "button primary",
                        "data-testid": "lab-offer-run",
                        onclick: move |_| {
                            run(Command::RunScript(cmds.clone()));
                            offered.set(None);
                        },
                        {t!("lab-offer-run")}
                    }
                    button {
                        class: "button",
                        onclick: move |_| offered.set(None),
                        {t!("lab-offer-dismiss")}
                    }
                }
            }
            ClockBar { clock, now, viewing: viewing(), on_back: move |_| viewing.set(None), compact }
            if !compact {
                if let Some(id) = guide_id.clone() {
                    GuidePanel { id, on_run: run }
                } else {
                    GuidePicker {}
                }
            }
            div { class: "lab-main",
                div {
                    class: "lab-topology",
                    // a narrow box (a phone) gets the diagram one node per row
                    onresize: move |e: ResizeEvent| {
                        if let Ok(size) = e.get_content_box_size() {
                            let n = size.width > 0.0 && size.width < NARROW_BELOW;
                            if *narrow.peek() != n {
                                narrow.set(n);
                            }
                        }
                    },
                    TopologyDiagram {
                        topo: topo.clone(),
                        selected: selected(),
                        on_select: if viewing().is_none() { Some(EventHandler::new(on_select)) } else { None },
                        route_key,
                        animate: true,
                        narrow: narrow(),
                    }
                    if let Some(name) = selected() {
                        if viewing().is_none() {
                            NodeActions {
                                name: name.clone(),
                                on_run: {
                                    let name = name.clone();
                                    move |cmd: Command| {
                                        run(cmd);
                                        selected.set(None);
                                        super::doc::focus_back(&format!("[data-testid='node-{name}']"));
                                    }
                                },
                                on_close: move |_| {
                                    selected.set(None);
                                    super::doc::focus_back(&format!("[data-testid='node-{name}']"));
                                },
                            }
                        }
                    }
                }
            }
            div { class: "lab-work",
                super::terminal::Terminal { compact, on_announce: move |said: Vec<String>| announce(&mut announcements, said) }
            if !compact {
                div { class: "lab-panels",
                    div { class: "tabs", role: "tablist",
                        for (id , label) in [
                            ("log", t!("lab-tab-log")),
                            ("nodes", t!("lab-tab-nodes")),
                            ("pods", t!("lab-tab-pods")),
                            ("timeline", t!("lab-tab-timeline")),
                            ("config", t!("lab-tab-config")),
                        ] {
                            button {
                                class: if tab() == id { "tab active" } else { "tab" },
                                role: "tab",
                                "aria-selected": if tab() == id { "true" } else { "false" },
                                "data-testid": "lab-tab-{id}",
                                onclick: move |_| tab.set(id),
                                "{label}"
                            }
                        }
                    }
                    div { class: "tab-body", role: "tabpanel",
                        match tab() {
                            "timeline" => rsx! {
                                Timeline { viewing: viewing(), on_view: move |i: Option<usize>| viewing.set(i) }
                            },
                            "config" => rsx! {
                                ConfigEditor { on_run: run }
                            },
                            which => rsx! {
                                LivePanel { which: which.to_string(), snapshot: viewing() }
                            },
                        }
                    }
                }
            }
            }
            if !compact {
                div { class: "lab-tools",
                    button {
                        class: "button",
                        "data-testid": "lab-export",
                        onclick: move |_| {
                            let s = state.lab.read().as_ref().map(lab::export::script).unwrap_or_default();
                            export.set(Some(s));
                        },
                        "⤓ "
                        {t!("lab-export")}
                    }
                    button {
                        class: "button",
                        "data-testid": "lab-topology-settings",
                        "aria-expanded": if settings() { "true" } else { "false" },
                        onclick: move |_| settings.set(!settings()),
                        "⚙ "
                        {t!("lab-topology")}
                    }
                    button {
                        class: "button",
                        "data-testid": "lab-reset",
                        onclick: move |_| {
                            clock.playing.set(false);
                            viewing.set(None);
                            selected.set(None);
                            state.dispatch(Command::Reset);
                        },
                        "↺ "
                        {t!("lab-reset")}
                    }
                }
                if let Some(script) = export() {
                    ExportPanel { script, on_close: move |_| export.set(None) }
                }
                if settings() {
                    TopologySettings {
                        on_done: move |_| {
                            clock.playing.set(false);
                            viewing.set(None);
                            selected.set(None);
                            settings.set(false);
                        },
                    }
                }
            }
            if compact {
                p { class: "muted small", {t!("lab-shared", lang: format!("{lang:?}"))} }
            }
        }
    }
}

/// Adds announcements for the live region (the last few stay).
fn announce(list: &mut Signal<Vec<String>>, said: Vec<String>) {
    if said.is_empty() {
        return;
    }
    let mut l = list.write();
    l.extend(said);
    let n = l.len();
    if n > 6 {
        l.drain(..n - 6);
    }
}

/// Play/pause, speed, step to the next event, the virtual time.
#[component]
fn ClockBar(
    clock: Clock,
    now: i64,
    viewing: Option<usize>,
    on_back: EventHandler<()>,
    compact: bool,
) -> Element {
    let mut state = use_context::<AppState>();
    let mut playing = clock.playing;
    let mut speed = clock.speed;
    let shown = time::clock(now.max(0) as u64);
    let stamp = time::rfc3339_secs(now.max(0) as u64);
    rsx! {
        div { class: "clock", role: "group", "aria-label": t!("lab-clock"),
            button {
                class: "button",
                "data-testid": "clock-play",
                "data-playing": if playing() { "true" } else { "false" },
                disabled: viewing.is_some(),
                "aria-pressed": if playing() { "true" } else { "false" },
                onclick: move |_| playing.set(!playing()),
                if playing() {
                    "⏸ "
                    {t!("lab-pause")}
                } else {
                    "▶ "
                    {t!("lab-play")}
                }
            }
            label { class: "speed",
                span { class: "sr-only", {t!("lab-speed")} }
                select {
                    "data-testid": "clock-speed",
                    "aria-label": t!("lab-speed"),
                    value: "{speed()}",
                    onchange: move |e| {
                        if let Ok(v) = e.value().parse() {
                            speed.set(v);
                        }
                    },
                    for s in SPEEDS.iter() {
                        option { value: "{s}", selected: speed() == *s, "{s}×" }
                    }
                }
            }
            button {
                class: "button",
                "data-testid": "clock-next",
                disabled: viewing.is_some(),
                title: t!("lab-next-title"),
                onclick: move |_| {
                    state.dispatch(Command::NextEvent);
                },
                "⇥ "
                {t!("lab-next")}
            }
            span { class: "clock-time", "data-testid": "clock-time", "data-ms": "{now}", title: "{stamp}",
                "{shown}"
            }
            if viewing.is_some() {
                span { class: "viewing", "data-testid": "lab-viewing",
                    {t!("lab-viewing")}
                    " "
                    button { class: "button", "data-testid": "lab-back-to-now", onclick: move |_| on_back.call(()), {t!("lab-back-to-now")} }
                }
            }
            if !compact {
                span { class: "muted small", {t!("lab-clock-help")} }
            }
        }
    }
}

/// The actions of a node clicked in the diagram: each is the command a learner could type.
#[component]
fn NodeActions(name: String, on_run: EventHandler<Command>, on_close: EventHandler<()>) -> Element {
    let state = use_context::<AppState>();
    // redrawn when this node changes, not on every step of the clock
    let node = use_memo(use_reactive!(|name| {
        state
            .lab
            .read()
            .as_ref()
            .and_then(|l| l.topology().node(&name).cloned())
    }));
    let Some(n) = node() else {
        return rsx! {};
    };
    // which actions the node offers, and the commands they stand for, are the simulator's
    let actions: Vec<(&'static str, String, String, Option<String>, Verb)> = node_verbs(&n)
        .into_iter()
        .map(|v| {
            let label = match &v {
                Verb::StopKubelet(_) => t!("action-stop-kubelet"),
                Verb::StartKubelet(_) => t!("action-start-kubelet"),
                Verb::StopNode(_) => t!("action-stop-node"),
                Verb::StartNode(_) => t!("action-start-node"),
                Verb::Cordon(_) => t!("action-cordon"),
                Verb::Uncordon(_) => t!("action-uncordon"),
                Verb::DeletePod { pod, .. } => t!("action-delete-pod", pod: pod.clone()),
                Verb::ApplyHaproxyConfig(_) => t!("lab-config-apply"),
            };
            let pod = match &v {
                Verb::DeletePod { pod, .. } => Some(pod.clone()),
                _ => None,
            };
            (v.id(), label, v.command_lines().join("\n"), pod, v)
        })
        .collect();
    rsx! {
        div { class: "node-actions", role: "dialog", "aria-label": "{name}", "data-testid": "node-actions",
            div { class: "node-actions-head",
                strong { "{name}" }
                span { class: "muted", " · {n.status} · {n.ip}" }
                button { class: "dismiss", "aria-label": t!("notice-dismiss"), onclick: move |_| on_close.call(()), "×" }
            }
            div { class: "node-actions-list",
                for (i , (id , label , shown , pod , verb)) in actions.into_iter().enumerate() {
                    {
                        rsx! {
                            button {
                                class: "button",
                                "data-testid": "action-{id}",
                                "data-pod": pod,
                                title: "{shown}",
                                // the dialog takes the focus: Enter on a node, then Enter runs its
                                // first action, Tab goes through the others
                                onmounted: move |e: MountedEvent| async move {
                                    if i == 0 {
                                        let _ = e.set_focus(true).await;
                                    }
                                },
                                onclick: move |_| on_run.call(Command::Verb(verb.clone())),
                                "{label}"
                                code { class: "action-cmd", "{shown}" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// HAProxy's log, `kubectl get nodes`, `kubectl get pods -A -o wide`, live (or at a snapshot).
#[component]
fn LivePanel(which: String, snapshot: Option<usize>) -> Element {
    let state = use_context::<AppState>();
    let (cmd, testid) = match which.as_str() {
        "nodes" => ("kubectl get nodes", "panel-nodes"),
        "pods" => ("kubectl get pods -A -o wide", "panel-pods"),
        _ => ("docker logs HAProxy-workers-lb", "panel-log"),
    };
    // the output is worked out as the world changes; the panel is redrawn only when it differs
    let out = use_memo(use_reactive!(|(cmd, snapshot)| {
        let guard = state.lab.read();
        let lab = guard.as_ref()?;
        let mut s = match snapshot.and_then(|i| lab.snapshots.get(i)) {
            Some((_, s)) => s.clone(),
            None => lab.session.clone(),
        };
        drop(guard);
        // on a copy: reading must not change the lab
        Some(s.run(cmd))
    }));
    let Some(out) = out() else {
        return rsx! {};
    };
    rsx! {
        div { class: "panel", "data-testid": "{testid}",
            p { class: "panel-cmd", code { "$ {cmd}" } }
            pre { class: "panel-out", tabindex: "0", "{out}" }
        }
    }
}

/// Every command and change, newest first; choosing one shows the world just after it.
#[component]
fn Timeline(viewing: Option<usize>, on_view: EventHandler<Option<usize>>) -> Element {
    let state = use_context::<AppState>();
    // redrawn when an event is added, not on every step of the clock
    let revision = use_memo(move || state.lab.read().as_ref().map(|l| l.revisions().timeline));
    let _ = revision();
    let guard = state.lab.peek();
    let Some(lab) = guard.as_ref() else {
        return rsx! {};
    };
    let events: Vec<lab::Event> = lab.events.iter().rev().take(200).cloned().collect();
    let last = lab.snapshots.len().saturating_sub(1);
    drop(guard);
    rsx! {
        div { class: "panel timeline", "data-testid": "panel-timeline",
            if events.is_empty() {
                p { class: "muted", {t!("lab-timeline-empty")} }
            }
            input {
                r#type: "range",
                min: "0",
                max: "{last}",
                value: "{viewing.unwrap_or(last)}",
                "aria-label": t!("lab-timeline-scrub"),
                "data-testid": "timeline-scrub",
                oninput: move |e| {
                    if let Ok(i) = e.value().parse::<usize>() {
                        on_view.call(if i >= last { None } else { Some(i) });
                    }
                },
            }
            ol { class: "events",
                for e in events.into_iter() {
                    li {
                        class: if viewing == Some(e.snapshot) { "event active" } else if e.command { "event command" } else { "event change" },
                        button {
                            class: "event-button",
                            "data-testid": "timeline-event",
                            onclick: move |_| on_view.call(Some(e.snapshot)),
                            span { class: "event-time", "{time::clock(e.at.max(0) as u64)}" }
                            if e.command {
                                code { "$ {e.text}" }
                            } else {
                                span { "{e.text}" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `~/haproxy/haproxy.cfg`: edit, see HAProxy's messages by line, apply (the container restarts).
#[component]
fn ConfigEditor(on_run: EventHandler<Command>) -> Element {
    let state = use_context::<AppState>();
    let initial = state
        .lab
        .peek()
        .as_ref()
        .and_then(|l| l.session.haproxy_config())
        .unwrap_or_default();
    let mut text = use_signal(|| initial);
    // bumped on revert: the editor is uncontrolled and remounts with the file's text
    let mut version = use_signal(|| 0u32);
    // the file, whether the container exists, HAProxy's verdict on the text: worked out as the
    // world or the text changes, redrawn only when one of them differs
    let view = use_memo(move || {
        let guard = state.lab.read();
        let l = guard.as_ref()?;
        Some((
            l.session.haproxy_config().unwrap_or_default(),
            l.session.has_haproxy_container(),
            l.session.check_haproxy_config(&text.read()),
        ))
    });
    let Some((current, has_lb, check)) = view() else {
        return rsx! {};
    };
    let lines: Vec<(usize, String)> = text
        .read()
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect();
    let unchanged = *text.read() == current;
    rsx! {
        div { class: "panel config", "data-testid": "panel-config",
            p { class: "panel-cmd", code { "~/haproxy/haproxy.cfg" } " " span { class: "muted", {t!("lab-config-help")} } }
            div { class: "config-grid",
                // a key only remounts an element in a list: a list of one, keyed by version
                for v in [version()] {
                    textarea {
                        key: "{v}",
                        class: "config-editor",
                        "data-testid": "config-editor",
                        spellcheck: "false",
                        rows: "18",
                        "aria-label": "haproxy.cfg",
                        initial_value: "{text}",
                        oninput: move |e| text.set(e.value()),
                    }
                }
                div { class: "config-lines", "aria-label": t!("lab-config-messages"), role: "region", tabindex: "0",
                    for (n , l) in lines.iter() {
                        {
                            let msgs: Vec<&crate::sim::inspect::ConfigLine> = check.lines.iter().filter(|m| m.line == Some(*n)).collect();
                            let flagged = !msgs.is_empty();
                            rsx! {
                                div { class: if flagged { "cfg-line flagged" } else { "cfg-line" },
                                    span { class: "cfg-n", "{n}" }
                                    code { "{l}" }
                                    for m in msgs {
                                        div {
                                            class: if m.severity == "ALERT" { "cfg-msg alert" } else { "cfg-msg warning" },
                                            "data-testid": "config-message",
                                            "data-line": "{n}",
                                            "data-severity": "{m.severity}",
                                            "{m.text}"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div { class: "config-status",
                if check.ok {
                    span { class: "ok", "data-testid": "config-ok", "✓ " {t!("lab-config-ok")} }
                } else {
                    span { class: "bad", "data-testid": "config-bad", "✗ " {t!("lab-config-bad")} }
                }
                for m in check.lines.iter().filter(|m| m.line.is_none() && m.severity != "NOTICE") {
                    div { class: "cfg-msg warning", "data-testid": "config-message", "{m.text}" }
                }
            }
            div { class: "quiz-actions",
                button {
                    class: "button primary",
                    "data-testid": "config-apply",
                    disabled: unchanged && has_lb,
                    onclick: move |_| on_run.call(Command::Verb(Verb::ApplyHaproxyConfig(text.read().clone()))),
                    {t!("lab-config-apply")}
                }
                button {
                    class: "button",
                    "data-testid": "config-revert",
                    onclick: move |_| {
                        let cur = state.lab.read().as_ref().and_then(|l| l.session.haproxy_config()).unwrap_or_default();
                        text.set(cur);
                        version += 1;
                    },
                    {t!("lab-config-revert")}
                }
            }
        }
    }
}

/// The export: the script, to copy or download.
#[component]
fn ExportPanel(script: String, on_close: EventHandler<()>) -> Element {
    let s2 = script.clone();
    let s3 = script.clone();
    rsx! {
        div { class: "export card", "data-testid": "lab-export-panel",
            div { class: "node-actions-head",
                strong { {t!("lab-export-heading")} }
                button { class: "dismiss", "aria-label": t!("notice-dismiss"), onclick: move |_| on_close.call(()), "×" }
            }
            p { class: "muted", {t!("lab-export-help")} }
            div { class: "quiz-actions",
                button { class: "button", "data-testid": "lab-export-copy", onclick: move |_| copy_text(&s2), {t!("code-copy")} }
                button { class: "button", "data-testid": "lab-export-save", onclick: move |_| { super::progress::download("kindlab-lab.sh", &s3); }, {t!("lab-export-save")} }
            }
            pre { class: "export-script", "data-testid": "lab-export-script", tabindex: "0", "{script}" }
        }
    }
}

/// The guided labs to choose from.
#[component]
fn GuidePicker() -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    rsx! {
        div { class: "guide-picker",
            span { class: "muted", {t!("lab-guides")} " " }
            for id in guide::GUIDES.iter() {
                if let Some(def) = guide::find(id) {
                    button {
                        class: "button",
                        "data-testid": "guide-start-{id}",
                        onclick: move |_| {
                            state.dispatch(Command::OpenGuide(id.to_string()));
                            // the button goes away: the keyboard moves to the guide
                            super::doc::focus_first("#guide-heading");
                        },
                        "▶ "
                        {guide::text(&def.title, lang)}
                    }
                }
            }
        }
    }
}

/// A guided lab's steps: done ones ticked, the current one with why it is not done yet, its
/// question, and help (a hint, then the exact command).
#[component]
fn GuidePanel(id: String, on_run: EventHandler<Command>) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    // what the panel shows, worked out as the world changes; redrawn only when it differs
    let view = use_memo(use_reactive!(|id| {
        let def = guide::find(&id)?;
        let guard = state.lab.read();
        let lab = guard.as_ref()?;
        let p = lab.doc.guides.get(&id).cloned()?;
        let s = &lab.session;
        // only the current step shows its command and answers
        let current = def.steps.get(p.done);
        Some(GuideView {
            why: p.why_not(def, s),
            command: current
                .map(|st| st.command_in(&p.facts, s))
                .unwrap_or_default(),
            options: current
                .and_then(|st| st.ask.as_ref())
                .map(|a| (a.options)(s, &p.facts))
                .unwrap_or_default(),
            tuning: guide::tuning_result(&p, s).filter(|_| id == "tuning"),
            p,
        })
    }));
    let Some(def) = guide::find(&id) else {
        return rsx! {};
    };
    let Some(GuideView {
        p,
        why,
        command,
        options,
        tuning,
    }) = view()
    else {
        return rsx! {};
    };
    let finished = p.finished(def);
    rsx! {
        section { class: "guide card", "data-testid": "guide", "data-guide": "{id}", "data-done": "{p.done}",
            div { class: "node-actions-head",
                h2 { id: "guide-heading", tabindex: "-1", {guide::text(&def.title, lang)} }
                button {
                    class: "dismiss",
                    "aria-label": t!("lab-guide-close"),
                    title: t!("lab-guide-close"),
                    onclick: move |_| {
                        state.dispatch(Command::CloseGuide);
                    },
                    "×"
                }
            }
            p { class: "muted", {guide::text(&def.intro, lang)} }
            ol { class: "guide-steps",
                for (i , step) in def.steps.iter().enumerate() {
                    {
                        let done = i < p.done;
                        let current = i == p.done;
                        let hints = p.hints.get(&i).copied().unwrap_or(0);
                        let cmd = command.clone();
                        let cmd2 = cmd.clone();
                        rsx! {
                            li {
                                class: if done { "guide-step done" } else if current { "guide-step current" } else { "guide-step" },
                                "data-testid": "lab-step-{i + 1}",
                                id: if current { "guide-current" },
                                tabindex: if current { "-1" },
                                "data-done": if done { "true" } else { "false" },
                                span { class: "step-mark", "aria-hidden": "true", if done { "✓" } else if current { "▸" } else { "○" } }
                                span { class: "step-title", "{guide::title_for(step, &p.facts, lang)}" }
                                if done {
                                    span { class: "sr-only", {t!("lab-step-done")} }
                                }
                                if current {
                                    div { class: "step-body",
                                        if let Some(w) = why.as_ref() {
                                            p { class: "step-why", "data-testid": "lab-why", "{w.get(lang)}" }
                                        }
                                        if let Some(ask) = step.ask.as_ref().filter(|_| options.is_empty()) {
                                            div { class: "step-ask",
                                                label {
                                                    strong { {guide::text(&ask.prompt, lang)} }
                                                    " "
                                                    input {
                                                        r#type: "number",
                                                        step: "0.1",
                                                        min: "0",
                                                        class: "quiz-input predict",
                                                        "data-testid": "lab-predict",
                                                        initial_value: p.answers.get(&i).cloned().unwrap_or_default(),
                                                        onchange: move |e| {
                                                            state.dispatch(Command::Answer { step: i, answer: e.value() });
                                                        },
                                                    }
                                                }
                                            }
                                        }
                                        if let Some(ask) = step.ask.as_ref().filter(|_| !options.is_empty()) {
                                            div { class: "step-ask", role: "radiogroup", "aria-label": guide::text(&ask.prompt, lang),
                                                p { strong { {guide::text(&ask.prompt, lang)} } }
                                                for (value , label) in options.clone() {
                                                    label {
                                                        class: "ask-option",
                                                        input {
                                                            r#type: "radio",
                                                            name: "ask-{id}-{i}",
                                                            "data-testid": "lab-answer-{value}",
                                                            checked: p.answers.get(&i) == Some(&value),
                                                            onchange: {
                                                                let value = value.clone();
                                                                move |_| {
                                                                    let out = state.dispatch(Command::Answer { step: i, answer: value.clone() });
                                                                    // a done step's answers go away: the
                                                                    // keyboard moves on with the guide
                                                                    if out.steps_done.contains(&i) {
                                                                        super::doc::focus_first_of(&["#guide-current", "#guide-heading"]);
                                                                    }
                                                                }
                                                            },
                                                        }
                                                        " {label.get(lang)}"
                                                    }
                                                }
                                            }
                                        }
                                        div { class: "quiz-actions",
                                            if hints < 2 && !step.command.is_empty() {
                                                button {
                                                    class: "button",
                                                    "data-testid": "lab-hint",
                                                    onclick: move |_| {
                                                        state.dispatch(Command::Hint { step: i });
                                                    },
                                                    if hints == 0 { {t!("lab-hint")} } else { {t!("lab-hint-command")} }
                                                }
                                            }
                                        }
                                        if hints >= 1 {
                                            p { class: "step-hint", "data-testid": "lab-hint-text", {guide::text(&step.hint, lang)} }
                                        }
                                        if hints >= 2 {
                                            p { class: "step-command",
                                                code { "data-testid": "lab-hint-command", "$ {cmd}" }
                                                " "
                                                button {
                                                    class: "button",
                                                    "data-testid": "lab-run-hint",
                                                    onclick: move |_| on_run.call(Command::Run(cmd2.clone())),
                                                    {t!("lab-run-it")}
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if finished {
                p { class: "ok", "data-testid": "guide-finished", "✓ " {t!("lab-guide-finished")} }
            }
            if let Some(r) = tuning {
                div { class: "tuning-result", "data-testid": "tuning-result", "data-measured-ms": "{r.measured_ms}",
                    table { class: "quiz-topics",
                        tbody {
                            tr {
                                td { {t!("tuning-predicted")} }
                                td { "data-testid": "tuning-predicted",
                                    {r.predicted_s.map(|v| format!("{v:.1} s")).unwrap_or_else(|| "—".into())}
                                }
                            }
                            tr {
                                td { {t!("tuning-measured")} }
                                td { "data-testid": "tuning-measured", "{r.measured_ms as f64 / 1000.0:.1} s" }
                            }
                            tr {
                                td { {t!("tuning-rule", inter: r.inter_s, fall: r.fall)} }
                                td { "{r.rule_ms as f64 / 1000.0:.1} s + " {t!("tuning-wait", inter: r.inter_s)} }
                            }
                        }
                    }
                    p { class: "muted", {t!("tuning-explain")} }
                    button {
                        class: "button",
                        "data-testid": "tuning-again",
                        onclick: move |_| {
                            state.dispatch(Command::RedrawTuning);
                        },
                        {t!("tuning-again")}
                    }
                }
            }
        }
    }
}

/// What a guided lab's panel shows (see [`GuidePanel`]).
#[derive(Clone, PartialEq)]
struct GuideView {
    p: guide::GuideProgress,
    why: Option<guide::Why>,
    /// The current step's exact command, for the second request for help.
    command: String,
    /// The current step's answers to choose from (empty: none, or a number to type).
    options: Vec<(String, crate::content::model::Text2<String>)>,
    tuning: Option<guide::Tuning>,
}

/// The lab's topology: the kind config and haproxy.cfg the world is built from. A bad file is
/// refused with kind's or HAProxy's message and line; the current world stays.
#[component]
fn TopologySettings(on_done: EventHandler<()>) -> Element {
    let mut state = use_context::<AppState>();
    let current = state
        .lab
        .read()
        .as_ref()
        .map(|l| l.topo())
        .unwrap_or_else(Topo::chapter);
    let mut kind = use_signal(|| current.kind_config.clone());
    let mut haproxy = use_signal(|| current.haproxy_cfg.clone());
    let mut error = use_signal(|| None::<String>);
    // bumped when a preset fills the editors (uncontrolled: they remount with the new text)
    let mut version = use_signal(|| 0u32);
    rsx! {
        div { class: "card topology-settings", "data-testid": "topology-settings",
            div { class: "node-actions-head",
                strong { {t!("lab-topology-heading")} }
                button { class: "dismiss", "aria-label": t!("notice-dismiss"), onclick: move |_| on_done.call(()), "×" }
            }
            p { class: "muted", {t!("lab-topology-help")} }
            div { class: "quiz-actions",
                label { {t!("lab-topology-preset")} " "
                    select {
                        "data-testid": "topology-preset",
                        onchange: move |e| {
                            if let Some(t) = Topo::preset(&e.value()) {
                                kind.set(t.kind_config);
                                haproxy.set(t.haproxy_cfg);
                                version += 1;
                            }
                        },
                        option { value: "", {t!("lab-topology-choose")} }
                        for (id , cp , w) in lab::PRESETS.iter() {
                            option { value: "{id}", {t!("lab-topology-preset-n", cp: *cp, workers: *w)} }
                        }
                    }
                }
            }
            div { class: "config-grid",
                label { class: "stack",
                    span { "cluster01.yaml (kind)" }
                    // a key only remounts an element in a list: a list of one, keyed by version
                    for v in [version()] {
                        textarea {
                            key: "k{v}",
                            class: "config-editor",
                            "data-testid": "topology-kind",
                            spellcheck: "false",
                            rows: "14",
                            initial_value: "{kind}",
                            oninput: move |e| kind.set(e.value()),
                        }
                    }
                }
                label { class: "stack",
                    span { "haproxy.cfg" }
                    for v in [version()] {
                        textarea {
                            key: "h{v}",
                            class: "config-editor",
                            "data-testid": "topology-haproxy",
                            spellcheck: "false",
                            rows: "14",
                            initial_value: "{haproxy}",
                            oninput: move |e| haproxy.set(e.value()),
                        }
                    }
                }
            }
            if let Some(e) = error() {
                p { class: "cfg-msg alert", role: "alert", "data-testid": "topology-error", "{e}" }
            }
            div { class: "quiz-actions",
                button {
                    class: "button primary",
                    "data-testid": "topology-apply",
                    onclick: move |_| {
                        let topo = Topo { kind_config: kind.read().clone(), haproxy_cfg: haproxy.read().clone() };
                        match state.dispatch(Command::Rebuild(topo)).error {
                            None => {
                                error.set(None);
                                on_done.call(());
                            }
                            Some(e) => error.set(Some(e)),
                        }
                    },
                    {t!("lab-topology-apply")}
                }
            }
        }
    }
}
