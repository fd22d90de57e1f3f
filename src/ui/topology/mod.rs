//! The cluster drawn as an SVG diagram from `sim::topology::Topology`: the host's ports, the
//! HAProxy container and each of its servers (UP/DOWN, a DOWN link is drawn cut), the workers
//! (Ready/NotReady/stopped, kubelet, the NGINX pod and what listens on hostPorts) and the
//! control-plane nodes behind kind's API load balancer. Every shape comes from the view;
//! nothing is drawn per lesson. Colour is never the only signal: states are also written out
//! and drawn with different strokes.

mod boxes;
mod layout;
mod narrow;
mod wide;

use super::i18n::t;
use crate::sim::topology::{ApiLb, BackendBox, Balancer, NodeBox, Topology};
use crate::sim::{Session, SessionOptions};
use dioxus::prelude::*;

/// The ```` ```kindlab-topology ```` widget, live: runs the block's commands on a fresh session
/// once and draws the result (the web site draws it when it is built instead, see
/// `widgets::TopologyWidget`).
#[component]
pub fn LiveTopology(caption: String, commands: Vec<String>) -> Element {
    // the simulator runs after the page has painted, so the lesson's text shows first
    let mut topo = use_signal(|| None::<Topology>);
    use_hook(move || {
        spawn(async move {
            super::doc::after_paint().await;
            topo.set(Some(topology_after(&commands)));
        })
    });
    let Some(topo) = topo() else {
        return rsx! {
            figure { class: "widget topology-widget pending", "aria-busy": "true",
                div { class: "topology-placeholder" }
                figcaption { span { class: "caption", "{caption}" } }
            }
        };
    };
    rsx! {
        TopologyFigure { topo, caption }
    }
}

/// The chapter's cluster after `commands`, run on a fresh session.
pub fn topology_after(commands: &[String]) -> Topology {
    let mut s = Session::new(SessionOptions::default());
    for c in commands {
        s.run(c);
    }
    s.topology()
}

/// A lesson's diagram: the topology, its caption and the virtual time it shows.
#[component]
pub fn TopologyFigure(topo: Topology, caption: String) -> Element {
    let time = crate::sim::time::clock(topo.now.max(0));
    let at = t!("topology-at", time: time);
    rsx! {
        figure { class: "widget topology-widget",
            // both drawings: the stylesheet shows the one that fits the screen
            div { class: "topo-wide",
                TopologyDiagram { topo: topo.clone(), selected: None::<String>, on_select: None }
            }
            div { class: "topo-narrow",
                TopologyDiagram {
                    topo,
                    selected: None::<String>,
                    on_select: None,
                    narrow: true,
                    testid: "topology-narrow".to_string(),
                }
            }
            figcaption {
                if !caption.is_empty() {
                    span { class: "caption", "{caption}" }
                }
                span { class: "muted", " · {at}" }
            }
        }
    }
}

/// A diagram of the topology. With `on_select`, nodes are buttons (the lab opens their actions).
#[component]
pub fn TopologyDiagram(
    topo: Topology,
    selected: Option<String>,
    on_select: Option<EventHandler<String>>,
    /// Changes when a new request was made (restarts its animation).
    #[props(default)]
    route_key: usize,
    /// Animate health checks and requests (the lab; lesson diagrams are still pictures).
    #[props(default)]
    animate: bool,
    /// One node per row, for a narrow screen (see [`NARROW_BELOW`]).
    #[props(default)]
    narrow: bool,
    /// `data-testid` of the diagram (`topology`; a lesson's narrow twin has its own).
    #[props(default = "topology".to_string())]
    testid: String,
) -> Element {
    if narrow {
        return narrow::diagram(&topo, selected.as_deref(), on_select, testid);
    }
    wide::diagram(
        &topo,
        selected.as_deref(),
        on_select,
        animate.then_some(route_key),
        testid,
    )
}

/// Below this width (CSS px) the lab draws its diagram one node per row; lessons carry both
/// drawings and show the one that fits (see the stylesheet).
pub(super) const NARROW_BELOW: f64 = 560.0;

/// What both drawings take from the topology: its nodes, kind's API load balancer, HAProxy.
struct Parts {
    workers: Vec<NodeBox>,
    cps: Vec<NodeBox>,
    api: Option<ApiLb>,
    lb: Option<Balancer>,
    backends: Vec<BackendBox>,
    lb_running: bool,
    lb_name: String,
}

impl Parts {
    fn of(topo: &Topology) -> Parts {
        let lb = topo.balancers.first().cloned();
        let workers: Vec<NodeBox> = topo
            .clusters
            .iter()
            .flat_map(|c| c.workers.iter().cloned())
            .collect();
        let cps: Vec<NodeBox> = topo
            .clusters
            .iter()
            .flat_map(|c| c.control_planes.iter().cloned())
            .collect();
        let api = topo.clusters.iter().find_map(|c| c.api_lb.clone());
        let lb_running = lb.as_ref().is_some_and(|b| b.running);
        let lb_name = lb
            .as_ref()
            .map(|b| b.container.clone())
            .unwrap_or_else(|| "HAProxy-workers-lb".into());
        let backends = lb.as_ref().map(|b| b.backends.clone()).unwrap_or_default();
        Parts {
            workers,
            cps,
            api,
            lb,
            backends,
            lb_running,
            lb_name,
        }
    }
}
