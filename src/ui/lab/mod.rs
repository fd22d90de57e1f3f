//! The lab: the topology to click, the terminal, the clock, live panels (HAProxy's log, nodes,
//! pods, the timeline to scrub back through), the HAProxy configuration editor, guided labs and
//! the export. Everything it shows comes from `crate::lab::Lab` (which owns the simulator
//! session); every action is a command run through it, echoed in the terminal.

mod challenge;
mod clock;
mod config;
mod guide;
mod nodes;
mod panels;
mod settings;

pub(super) use challenge::ChallengePage;
use clock::{Clock, ClockBar};
use config::ConfigEditor;
use guide::{GuidePanel, GuidePicker, GuideStarter};
use nodes::NodeActions;
use panels::{ExportPanel, LivePanel, Timeline};
use settings::TopologySettings;

use crate::content::model::Lang;
use crate::lab::{self, Command};
use crate::sim::topology::Topology;
use crate::ui::i18n::t;
use crate::ui::icons::{Glyph, Icon};
use crate::ui::state::AppState;
use crate::ui::topology::{TopologyDiagram, NARROW_BELOW};
use dioxus::prelude::*;

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
            crate::ui::doc::after_paint().await;
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
                    href: crate::ui::routes::href(&crate::ui::routes::Route::Lab {}),
                    "data-testid": "widget-lab-open",
                    onclick: move |e: MouseEvent| {
                        e.prevent_default();
                        if !cmds.is_empty() {
                            state.lab_commands.set(Some(cmds.clone()));
                        }
                        if let Some(g) = &g {
                            state.lab_guide.set(Some(g.clone()));
                        }
                        nav.push(crate::ui::routes::Route::Lab {});
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

/// The lab view's own state, shared by its parts (all signals: the struct is `Copy`).
#[derive(Clone, Copy)]
struct LabUi {
    clock: Clock,
    /// The node whose actions are open.
    selected: Signal<Option<String>>,
    /// The timeline's snapshot drawn instead of now.
    viewing: Signal<Option<usize>>,
    /// The live region's last few messages.
    announcements: Signal<Vec<String>>,
    /// Commands offered to run.
    offered: Signal<Option<String>>,
    /// The panels' tab.
    tab: Signal<&'static str>,
    /// The exported script, while it is shown.
    export: Signal<Option<String>>,
    /// The topology settings are open.
    settings: Signal<bool>,
    /// The diagram's box is narrow (a phone).
    narrow: Signal<bool>,
}

/// The lab itself (page or widget). `ready`: commands offered to run.
#[component]
pub fn LabView(compact: bool, #[props(default)] ready: String) -> Element {
    let mut state = use_context::<AppState>();
    let lang: Lang = state.lang();
    let ui = LabUi {
        clock: Clock {
            playing: use_signal(|| false),
            speed: use_signal(|| 10),
        },
        selected: use_signal(|| None::<String>),
        viewing: use_signal(|| None::<usize>),
        announcements: use_signal(Vec::<String>::new),
        offered: use_signal(|| None::<String>),
        tab: use_signal(|| "log"),
        export: use_signal(|| None::<String>),
        settings: use_signal(|| false),
        narrow: use_signal(|| false),
    };
    let LabUi {
        clock,
        mut viewing,
        mut announcements,
        offered,
        ..
    } = ui;
    use_handed_over(state, compact, ready, offered);
    use_running_clock(state, clock, announcements);

    let lab_guard = state.lab.read();
    let Some(lab) = lab_guard.as_ref() else {
        return rsx! {
            p { class: "muted", {t!("lab-loading")} }
        };
    };
    // what is drawn: now, or a snapshot from the timeline (read in place, not copied)
    let (topo, now) = match viewing().and_then(|i| lab.snapshots.get(i)) {
        Some((_, s)) => (s.topology(), s.now()),
        None => (lab.topology().clone(), lab.session.now()),
    };
    let guide_id = lab.doc.guide.clone();
    // a challenge's lab has no guided labs and no topology of the learner's own
    let own = lab.doc.challenge.is_none();
    let route_key = lab.transcript.len();
    drop(lab_guard);

    let run = move |cmd: Command| {
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
                {offer_panel(cmds, offered, run)}
            }
            ClockBar { clock, now, viewing: viewing(), on_back: move |_| viewing.set(None), compact }
            if !compact && own {
                if let Some(id) = guide_id.clone() {
                    GuidePanel { id, on_run: run }
                } else {
                    GuidePicker {}
                }
            }
            div { class: "lab-main",
                {topology_pane(ui, topo, route_key, run)}
            }
            div { class: "lab-work",
                crate::ui::terminal::Terminal { compact, on_announce: move |said: Vec<String>| announce(&mut announcements, said) }
                if !compact {
                    {lab_panels(ui, run)}
                }
            }
            if !compact {
                {lab_tools(ui, state, own)}
            }
            if compact {
                p { class: "muted small", {t!("lab-shared", lang: format!("{lang:?}"))} }
            }
        }
    }
}

/// Commands handed over by "try in the lab" (full page) or by the widget's block are offered;
/// a guided lab handed over (full page) is opened.
fn use_handed_over(
    mut state: AppState,
    compact: bool,
    ready: String,
    mut offered: Signal<Option<String>>,
) {
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
    use_hook(move || {
        if compact && !ready.trim().is_empty() {
            offered.set(Some(ready.clone()));
        }
    });
}

/// The running clock: one step per animation frame, speed × the real time that passed.
fn use_running_clock(mut state: AppState, clock: Clock, mut announcements: Signal<Vec<String>>) {
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
}

/// The commands offered to run: run them, or dismiss them.
fn offer_panel(
    cmds: String,
    mut offered: Signal<Option<String>>,
    mut run: impl FnMut(Command) + Copy + 'static,
) -> Element {
    rsx! {
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
}

/// The diagram (its nodes open their actions while it shows now) and the open node's actions.
fn topology_pane(
    ui: LabUi,
    topo: Topology,
    route_key: usize,
    mut run: impl FnMut(Command) + Copy + 'static,
) -> Element {
    let LabUi {
        mut selected,
        viewing,
        mut narrow,
        ..
    } = ui;
    let on_select = move |name: String| {
        let cur = selected();
        selected.set(if cur.as_deref() == Some(name.as_str()) {
            None
        } else {
            Some(name)
        });
    };
    rsx! {
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
                                crate::ui::doc::focus_back(&format!("[data-testid='node-{name}']"));
                            }
                        },
                        on_close: move |_| {
                            selected.set(None);
                            crate::ui::doc::focus_back(&format!("[data-testid='node-{name}']"));
                        },
                    }
                }
            }
        }
    }
}

/// The tabs beside the terminal: HAProxy's log, nodes, pods, the timeline, the configuration.
fn lab_panels(ui: LabUi, run: impl FnMut(Command) + Copy + 'static) -> Element {
    let LabUi {
        mut tab,
        mut viewing,
        ..
    } = ui;
    rsx! {
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

/// Export, the topology's settings, reset; the export and the settings once open.
fn lab_tools(ui: LabUi, mut state: AppState, own: bool) -> Element {
    let LabUi {
        mut clock,
        mut selected,
        mut viewing,
        mut export,
        mut settings,
        ..
    } = ui;
    rsx! {
        div { class: "lab-tools",
            // the export rebuilds the chapter's cluster on a real host, not a challenge's
            // broken one
            if own {
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
}

/// Adds announcements for the live region (the last few stay).
pub(super) fn announce(list: &mut Signal<Vec<String>>, said: Vec<String>) {
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
