//! The wide drawing: the host's ports, HAProxy with a link to each of its servers (a DOWN one
//! drawn cut), the workers in a grid (small boxes without links when there are many), kind's
//! API load balancer linked to the control plane.

use super::boxes::{api_lb_box, node_box, server_link, small_worker};
use super::layout::{layout, Layout, Rect, MANY, W};
use super::Parts;
use crate::sim::topology::{ApiLb, FrontendBox, NodeBox, ServerBox, Topology};
use crate::ui::i18n::t;
use dioxus::prelude::*;

/// A link from HAProxy to a server: the server, and the link's two ends.
type Link = (ServerBox, f64, f64, f64, f64);

/// The wide drawing. `route_key`: `Some` when animated, changes when a new request was made.
pub(super) fn diagram(
    topo: &Topology,
    selected: Option<&str>,
    on_select: Option<EventHandler<String>>,
    route_key: Option<usize>,
    testid: String,
) -> Element {
    let l = layout(topo);
    let p = Parts::of(topo);
    let ports = host_ports(topo);
    let frontends =
        p.lb.as_ref()
            .map(|b| b.frontends.clone())
            .unwrap_or_default();
    let (_, hy, _, hh) = l.host;
    let (lx, ly, lw, _) = l.lb;
    let height = l.height;
    let route = topo.last_route.clone();
    let many = p.workers.len() > MANY;
    let links = server_links(&p, &l, many);
    let view_box = format!("0 0 {W} {height:.0}");
    let interactive = on_select.is_some();
    rsx! {
        div { class: "topology", "data-testid": "{testid}",
            svg {
                view_box: "{view_box}",
                width: "100%",
                // a picture, or (the lab) a group of nodes one can press
                role: if interactive { "group" } else { "img" },
                "aria-label": t!("topology-label"),
                {host_group(l.host, &ports)}
                // host -> HAProxy
                line {
                    class: if p.lb_running { "link" } else { "link cut" },
                    x1: "{lx + lw / 2.0}", y1: "{hy + hh}", x2: "{lx + lw / 2.0}", y2: "{ly}",
                }
                {lb_group(&p, l.lb, &frontends)}
                // HAProxy -> servers
                for (s , x1 , y1 , x2 , y2) in links.iter() {
                    {server_link(s, *x1, *y1, *x2, *y2, route.as_ref(), route_key)}
                }
                // workers
                for (i , n) in p.workers.iter().enumerate() {
                    if many {
                        {small_worker(n, l.workers[i], &p.backends, selected == Some(n.name.as_str()), on_select)}
                    } else {
                        {node_box(n, l.workers[i], true, selected == Some(n.name.as_str()), on_select)}
                    }
                }
                // kind's API load balancer and the control plane
                if let Some(api) = &p.api {
                    {api_and_links(api, &l, &p.cps)}
                }
                for (i , n) in p.cps.iter().enumerate() {
                    {node_box(n, l.cps[i], false, selected == Some(n.name.as_str()), on_select)}
                }
            }
        }
    }
}

/// The host's published ports on one line (`127.0.0.1:80 → lb:80`).
fn host_ports(topo: &Topology) -> String {
    let ports: Vec<String> = topo
        .host_ports
        .iter()
        .map(|p| match &p.host_ip {
            Some(ip) => format!(
                "{ip}:{} → {}:{}",
                p.port,
                topo.short_name(&p.container),
                p.container_port
            ),
            None => format!(":{} → {}", p.port, topo.short_name(&p.container)),
        })
        .collect();
    ports.join("  ·  ")
}

/// One link per (backend, server), from the HAProxy box to the server's node; none when there
/// are `many` workers.
fn server_links(p: &Parts, l: &Layout, many: bool) -> Vec<Link> {
    let (lx, ly, lw, lh) = l.lb;
    let nb = p.backends.len().max(1) as f64;
    let mut links = vec![];
    for (bi, be) in p.backends.iter().enumerate().filter(|_| !many) {
        for s in &be.servers {
            let Some(wi) = s
                .node
                .as_ref()
                .and_then(|n| p.workers.iter().position(|w| &w.name == n))
            else {
                continue;
            };
            let (wx, wy, ww, _) = l.workers[wi];
            // one badge per backend above the worker, side by side; the link ends at it
            let off = bi as f64 - (nb - 1.0) / 2.0;
            let x1 = lx + lw / 2.0 + off * 60.0;
            let y1 = ly + lh;
            let x2 = wx + ww / 2.0 + off * (ww / nb).min(118.0);
            let y2 = wy - 22.0;
            links.push((s.clone(), x1, y1, x2, y2));
        }
    }
    links
}

/// The host: its name and its published ports.
fn host_group((hx, hy, hw, hh): Rect, ports: &str) -> Element {
    rsx! {
        g { class: "host",
            rect { class: "box host-box", x: "{hx}", y: "{hy}", width: "{hw}", height: "{hh}", rx: "10" }
            text { class: "title", x: "{hx + 14.0}", y: "{hy + 22.0}", {t!("topology-host")} }
            text { class: "sub", x: "{hx + 14.0}", y: "{hy + 42.0}",
                if ports.is_empty() {
                    {t!("topology-no-ports")}
                } else {
                    "{ports}"
                }
            }
        }
    }
}

/// HAProxy: its name, whether it runs, a line per frontend (its ports, its backend and how
/// many of the backend's servers are UP).
fn lb_group(p: &Parts, (lx, ly, lw, lh): Rect, frontends: &[FrontendBox]) -> Element {
    let (lb_running, lb_name, backends) = (p.lb_running, &p.lb_name, &p.backends);
    rsx! {
        g {
            class: if lb_running { "lb running" } else { "lb stopped" },
            "data-testid": "lb-{lb_name}",
            "data-state": if lb_running { "running" } else { "stopped" },
            rect { class: "box lb-box", x: "{lx}", y: "{ly}", width: "{lw}", height: "{lh}", rx: "10" }
            text { class: "title", x: "{lx + 14.0}", y: "{ly + 22.0}", "{lb_name}" }
            if !lb_running {
                text { class: "sub bad", x: "{lx + 14.0}", y: "{ly + 44.0}", {t!("topology-lb-down")} }
            }
            for (i , f) in frontends.iter().enumerate() {
                {
                    let up = backends
                        .iter()
                        .find(|b| Some(&b.name) == f.backend.as_ref())
                        .map(|b| (b.active_up, b.servers.len()));
                    let ports = f.ports.iter().map(|p| format!(":{p}")).collect::<Vec<_>>().join(" ");
                    let text = match (&f.backend, up) {
                        (Some(be), Some((a, n))) => format!("{} {ports} → {be}  ({a}/{n} UP)", f.name),
                        _ => format!("{} {ports}", f.name),
                    };
                    rsx! {
                        text { class: "sub", x: "{lx + 14.0}", y: "{ly + 44.0 + i as f64 * 18.0}", "{text}" }
                    }
                }
            }
        }
    }
}

/// kind's API load balancer and its links to the control-plane nodes (cut when either end is
/// stopped).
fn api_and_links(api: &ApiLb, l: &Layout, cps: &[NodeBox]) -> Element {
    let (ax, ay, aw, ah) = l.api_lb;
    rsx! {
        {api_lb_box(api, l.api_lb, [22.0, 42.0, 60.0])}
        for (i , n) in cps.iter().enumerate() {
            {
                let (cx, cy, _, ch) = l.cps[i];
                rsx! {
                    line {
                        class: if api.running && n.container_running { "link api" } else { "link api cut" },
                        x1: "{ax + aw}", y1: "{ay + ah / 2.0}", x2: "{cx}", y2: "{cy + ch / 2.0}",
                    }
                }
            }
        }
    }
}
