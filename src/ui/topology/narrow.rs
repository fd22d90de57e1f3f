//! The narrow drawing, one node per row: the host's ports, HAProxy and its frontends, each
//! worker with its HAProxy servers' states (no links: they would cross the boxes), the API load
//! balancer and the control plane.

use super::boxes::{api_lb_box, node_box, small_worker};
use super::layout::{narrow_layout, Rect, NW};
use super::Parts;
use crate::sim::topology::{Balancer, Topology};
use crate::ui::i18n::t;
use dioxus::prelude::*;

/// The narrow drawing.
pub(super) fn diagram(
    topo: &Topology,
    selected: Option<&str>,
    on_select: Option<EventHandler<String>>,
    testid: String,
) -> Element {
    let p = Parts::of(topo);
    let ports: Vec<String> = topo
        .host_ports
        .iter()
        .map(|p| format!(":{} → {}", p.port, topo.short_name(&p.container)))
        .collect();
    let fronts = frontend_lines(p.lb.as_ref());
    let l = narrow_layout(&p, ports.len(), fronts.len());
    let height = l.height;
    let view_box = format!("0 0 {NW} {height:.0}");
    let interactive = on_select.is_some();
    rsx! {
        div { class: "topology narrow", "data-testid": "{testid}",
            svg {
                view_box: "{view_box}",
                width: "100%",
                role: if interactive { "group" } else { "img" },
                "aria-label": t!("topology-label"),
                {host_group(l.host, &ports)}
                {lb_group(&p, l.lb, &fronts)}
                for (i , n) in p.workers.iter().enumerate() {
                    {small_worker(n, l.workers[i], &p.backends, selected == Some(n.name.as_str()), on_select)}
                }
                if let Some(api) = &p.api {
                    {api_lb_box(api, l.api_lb, [21.0, 39.0, 56.0])}
                }
                for (i , n) in p.cps.iter().enumerate() {
                    {node_box(n, l.cps[i], false, selected == Some(n.name.as_str()), on_select)}
                }
            }
        }
    }
}

/// HAProxy's frontends, two lines each: name and ports, then where they go.
fn frontend_lines(lb: Option<&Balancer>) -> Vec<(String, String)> {
    lb.map(|b| {
        b.frontends
            .iter()
            .map(|f| {
                let ports = f
                    .ports
                    .iter()
                    .map(|p| format!(":{p}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let to = match b
                    .backends
                    .iter()
                    .find(|x| Some(&x.name) == f.backend.as_ref())
                {
                    Some(be) => {
                        format!("→ {} ({}/{} UP)", be.name, be.active_up, be.servers.len())
                    }
                    None => String::new(),
                };
                (format!("{} {ports}", f.name), to)
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The host: its name and a line per published port.
fn host_group(host: Rect, ports: &[String]) -> Element {
    rsx! {
        g { class: "host",
            rect { class: "box host-box", x: "{host.0}", y: "{host.1}", width: "{host.2}", height: "{host.3}", rx: "10" }
            text { class: "title", x: "{host.0 + 12.0}", y: "{host.1 + 21.0}", {t!("topology-host")} }
            if ports.is_empty() {
                text { class: "sub", x: "{host.0 + 12.0}", y: "{host.1 + 39.0}", {t!("topology-no-ports")} }
            }
            for (i , p) in ports.iter().enumerate() {
                text { class: "sub", x: "{host.0 + 12.0}", y: "{host.1 + 39.0 + i as f64 * 17.0}", "{p}" }
            }
        }
    }
}

/// HAProxy: its name, whether it runs, and (running) its frontends.
fn lb_group(p: &Parts, lbox: Rect, fronts: &[(String, String)]) -> Element {
    let (lb_running, lb_name) = (p.lb_running, &p.lb_name);
    rsx! {
        g {
            class: if lb_running { "lb running" } else { "lb stopped" },
            "data-testid": "lb-{lb_name}",
            "data-state": if lb_running { "running" } else { "stopped" },
            rect { class: "box lb-box", x: "{lbox.0}", y: "{lbox.1}", width: "{lbox.2}", height: "{lbox.3}", rx: "10" }
            text { class: "title", x: "{lbox.0 + 12.0}", y: "{lbox.1 + 21.0}", "{lb_name}" }
            if !lb_running {
                text { class: "sub bad", x: "{lbox.0 + 12.0}", y: "{lbox.1 + 39.0}", {t!("topology-lb-down")} }
            }
            for (i , (a , b)) in fronts.iter().enumerate().filter(|_| lb_running) {
                text { class: "sub", x: "{lbox.0 + 12.0}", y: "{lbox.1 + 39.0 + (2 * i) as f64 * 17.0}", "{a}" }
                text { class: "sub", x: "{lbox.0 + 24.0}", y: "{lbox.1 + 39.0 + (2 * i + 1) as f64 * 17.0}", "{b}" }
            }
        }
    }
}
