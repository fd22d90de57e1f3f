//! The cluster drawn as an SVG diagram from `sim::topology::Topology`: the host's ports, the
//! HAProxy container and each of its servers (UP/DOWN, a DOWN link is drawn cut), the workers
//! (Ready/NotReady/stopped, kubelet, the NGINX pod and what listens on hostPorts) and the
//! control-plane nodes behind kind's API load balancer. Every shape comes from the view;
//! nothing is drawn per lesson. Colour is never the only signal: states are also written out
//! and drawn with different strokes.

use super::i18n::t;
use crate::sim::topology::{ApiLb, NodeBox, ServerBox, Topology};
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

const W: f64 = 960.0;
const MARGIN: f64 = 16.0;
const GAP: f64 = 14.0;
const HOST_H: f64 = 54.0;
const LB_H: f64 = 84.0;
const WORKER_H: f64 = 150.0;
const CP_H: f64 = 84.0;
const ROW_GAP: f64 = 96.0;
/// Above this many workers the diagram switches to small boxes without links.
const MANY: usize = 6;
const SMALL_H: f64 = 98.0;

/// Where each box goes.
struct Layout {
    host: (f64, f64, f64, f64),
    lb: (f64, f64, f64, f64),
    workers: Vec<(f64, f64, f64, f64)>,
    api_lb: (f64, f64, f64, f64),
    cps: Vec<(f64, f64, f64, f64)>,
    height: f64,
}

fn grid(n: usize, top: f64, h: f64, max_cols: usize) -> (Vec<(f64, f64, f64, f64)>, f64) {
    if n == 0 {
        return (vec![], top);
    }
    let cols = n.clamp(1, max_cols);
    let w = (W - 2.0 * MARGIN - GAP * (cols as f64 - 1.0)) / cols as f64;
    let rows = n.div_ceil(cols);
    let mut out = vec![];
    for i in 0..n {
        let (r, c) = (i / cols, i % cols);
        // the last row is centred
        let in_row = if r == rows - 1 { n - r * cols } else { cols };
        let row_w = in_row as f64 * w + (in_row as f64 - 1.0) * GAP;
        let x0 = (W - row_w) / 2.0;
        out.push((x0 + c as f64 * (w + GAP), top + r as f64 * (h + GAP), w, h));
    }
    (out, top + rows as f64 * (h + GAP) - GAP)
}

fn layout(t: &Topology) -> Layout {
    let workers = t.clusters.iter().map(|c| c.workers.len()).sum::<usize>();
    let cps = t
        .clusters
        .iter()
        .map(|c| c.control_planes.len())
        .sum::<usize>();
    let host = (MARGIN, MARGIN, W - 2.0 * MARGIN, HOST_H);
    let lb_y = MARGIN + HOST_H + ROW_GAP * 0.6;
    let lb = (W / 2.0 - 200.0, lb_y, 400.0, LB_H);
    // many workers: smaller boxes, more per row, server states inside them instead of links
    let (wk, bottom) = if workers > MANY {
        grid(workers, lb_y + LB_H + ROW_GAP * 0.5, SMALL_H, 6)
    } else {
        grid(workers, lb_y + LB_H + ROW_GAP, WORKER_H, 4)
    };
    let api_y = bottom + ROW_GAP * 0.7;
    let api_lb = (MARGIN, api_y, 250.0, CP_H);
    let cp_left = MARGIN + 250.0 + 40.0;
    let (mut cpb, cp_bottom) = grid(cps, api_y, CP_H, 3);
    // control planes sit to the right of the API load balancer
    let span = W - MARGIN - cp_left;
    let cols = cps.clamp(1, 3) as f64;
    let w = (span - GAP * (cols - 1.0)) / cols;
    for (i, b) in cpb.iter_mut().enumerate() {
        let c = (i % 3) as f64;
        b.0 = cp_left + c * (w + GAP);
        b.2 = w;
    }
    let height = cp_bottom.max(api_y + CP_H) + MARGIN;
    Layout {
        host,
        lb,
        workers: wk,
        api_lb,
        cps: cpb,
        height,
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
        return narrow_diagram(&topo, selected.as_deref(), on_select, testid);
    }
    let l = layout(&topo);
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
    let ports = ports.join("  ·  ");
    let (hx, hy, hw, hh) = l.host;
    let (lx, ly, lw, lh) = l.lb;
    let lb_running = lb.as_ref().is_some_and(|b| b.running);
    let lb_name = lb
        .as_ref()
        .map(|b| b.container.clone())
        .unwrap_or_else(|| "HAProxy-workers-lb".into());
    let backends = lb.as_ref().map(|b| b.backends.clone()).unwrap_or_default();
    let frontends = lb.as_ref().map(|b| b.frontends.clone()).unwrap_or_default();
    let nb = backends.len().max(1) as f64;
    let height = l.height;
    let route = topo.last_route.clone();
    let many = workers.len() > MANY;
    // one link per (backend, server): from the HAProxy box to the server's node
    let mut links = vec![];
    for (bi, be) in backends.iter().enumerate().filter(|_| !many) {
        for s in &be.servers {
            let Some(wi) = s
                .node
                .as_ref()
                .and_then(|n| workers.iter().position(|w| &w.name == n))
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
                // host
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
                // host -> HAProxy
                line {
                    class: if lb_running { "link" } else { "link cut" },
                    x1: "{lx + lw / 2.0}", y1: "{hy + hh}", x2: "{lx + lw / 2.0}", y2: "{ly}",
                }
                // HAProxy
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
                // HAProxy -> servers
                for (s , x1 , y1 , x2 , y2) in links.iter() {
                    {server_link(s, *x1, *y1, *x2, *y2, route.as_ref(), animate.then_some(route_key))}
                }
                // workers
                for (i , n) in workers.iter().enumerate() {
                    if many {
                        {small_worker(n, l.workers[i], &backends, selected.as_deref() == Some(n.name.as_str()), on_select)}
                    } else {
                        {node_box(n, l.workers[i], true, selected.as_deref() == Some(n.name.as_str()), on_select)}
                    }
                }
                // kind's API load balancer and the control plane
                if let Some(api) = &api {
                    {
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
                }
                for (i , n) in cps.iter().enumerate() {
                    {node_box(n, l.cps[i], false, selected.as_deref() == Some(n.name.as_str()), on_select)}
                }
            }
        }
    }
}

/// Below this width (CSS px) the lab draws its diagram one node per row; lessons carry both
/// drawings and show the one that fits (see the stylesheet).
pub(super) const NARROW_BELOW: f64 = 560.0;
/// The narrow drawing's width in SVG units: at a 320 px wide screen it is shown at about its
/// own size, so its smallest text stays above 11 CSS px.
const NW: f64 = 280.0;

/// The diagram one node per row: the host's ports, HAProxy and its frontends, each worker with
/// its HAProxy servers' states (no links: they would cross the boxes), the API load balancer
/// and the control plane.
fn narrow_diagram(
    topo: &Topology,
    selected: Option<&str>,
    on_select: Option<EventHandler<String>>,
    testid: String,
) -> Element {
    let inner = NW - 2.0 * MARGIN;
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
    let lb = topo.balancers.first().cloned();
    let backends = lb.as_ref().map(|b| b.backends.clone()).unwrap_or_default();
    let lb_running = lb.as_ref().is_some_and(|b| b.running);
    let lb_name = lb
        .as_ref()
        .map(|b| b.container.clone())
        .unwrap_or_else(|| "HAProxy-workers-lb".into());
    let ports: Vec<String> = topo
        .host_ports
        .iter()
        .map(|p| format!(":{} → {}", p.port, topo.short_name(&p.container)))
        .collect();
    // the frontends: two lines each (name and ports, then where they go)
    let fronts: Vec<(String, String)> = lb
        .as_ref()
        .map(|b| {
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
        .unwrap_or_default();
    // rows, top to bottom
    let mut y = MARGIN;
    let host = (MARGIN, y, inner, 30.0 + 17.0 * ports.len().max(1) as f64);
    y += host.3 + GAP;
    let lbox = (
        MARGIN,
        y,
        inner,
        36.0 + 17.0 * (2 * fronts.len()).max(1) as f64,
    );
    y += lbox.3 + GAP;
    let mut wboxes = vec![];
    for n in &workers {
        let servers = backends
            .iter()
            .flat_map(|b| b.servers.iter())
            .filter(|s| s.node.as_deref() == Some(n.name.as_str()))
            .count();
        let h = 60.0 + 15.0 * servers as f64;
        wboxes.push((MARGIN, y, inner, h));
        y += h + GAP;
    }
    let api_box = (MARGIN, y, inner, CP_H - 12.0);
    if api.is_some() {
        y += api_box.3 + GAP;
    }
    let mut cboxes = vec![];
    for _ in &cps {
        cboxes.push((MARGIN, y, inner, 72.0));
        y += 72.0 + GAP;
    }
    let height = y - GAP + MARGIN;
    let view_box = format!("0 0 {NW} {height:.0}");
    let interactive = on_select.is_some();
    rsx! {
        div { class: "topology narrow", "data-testid": "{testid}",
            svg {
                view_box: "{view_box}",
                width: "100%",
                role: if interactive { "group" } else { "img" },
                "aria-label": t!("topology-label"),
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
                for (i , n) in workers.iter().enumerate() {
                    {small_worker(n, wboxes[i], &backends, selected == Some(n.name.as_str()), on_select)}
                }
                if let Some(api) = &api {
                    {api_lb_box(api, api_box, [21.0, 39.0, 56.0])}
                }
                for (i , n) in cps.iter().enumerate() {
                    {node_box(n, cboxes[i], false, selected == Some(n.name.as_str()), on_select)}
                }
            }
        }
    }
}

/// The link from HAProxy to one server, labelled with the server's state.
fn server_link(
    s: &ServerBox,
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
    route: Option<&crate::sim::haproxy::Route>,
    // `Some` when animated: changes when a new request was made
    route_key: Option<usize>,
) -> Element {
    let up = s.state == "UP";
    let routed = matches!(route, Some(crate::sim::haproxy::Route::Server { backend, server, .. }) if *backend == s.backend && *server == s.name);
    let (mx, my) = (x2, y2 + 10.0);
    let label = format!("{} {}", short_backend(&s.backend), s.label());
    let class = match (up, routed) {
        (true, true) => "link server up routed",
        (true, false) => "link server up",
        (false, _) => "link server down",
    };
    let mark = if up { "▲" } else { "✕" };
    let title = format!(
        "{}/{}: {}{}",
        s.backend,
        s.name,
        s.label(),
        s.last_reason
            .as_ref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default()
    );
    let cut = (x1 + (x2 - x1) * 0.5, y1 + (y2 - y1) * 0.5);
    let tw = label.chars().count() as f64 * 6.4 + 22.0;
    rsx! {
        g {
            class: "{class}",
            "data-testid": "server-{s.backend}-{s.name}",
            "data-state": "{s.state}",
            title { "{title}" }
            line { x1: "{x1}", y1: "{y1}", x2: "{x2}", y2: "{y2}" }
            // each health check travels the link (restarted when a new check ends)
            if let (Some(at), Some(_)) = (s.last_check_at, route_key) {
                circle {
                    key: "{s.backend}-{s.name}-{at}",
                    class: if up { "check-dot ok" } else { "check-dot bad" },
                    r: "4",
                    cx: "0",
                    cy: "0",
                    animateMotion {
                        dur: "0.7s",
                        "repeatCount": "1",
                        fill: "freeze",
                        path: "M {x1} {y1} L {x2} {y2}",
                    }
                    animate {
                        "attributeName": "opacity",
                        values: "0.9;0.9;0",
                        "keyTimes": "0;0.85;1",
                        dur: "0.7s",
                        fill: "freeze",
                    }
                }
            }
            if let (true, Some(route_key)) = (routed, route_key) {
                circle {
                    key: "route-{route_key}",
                    class: "request-dot",
                    r: "6",
                    cx: "0",
                    cy: "0",
                    animateMotion {
                        dur: "0.9s",
                        "repeatCount": "1",
                        fill: "freeze",
                        path: "M {x1} {y1 - 80.0} L {x1} {y1} L {x2} {y2}",
                    }
                    animate {
                        "attributeName": "opacity",
                        values: "1;1;0",
                        "keyTimes": "0;0.85;1",
                        dur: "0.9s",
                        fill: "freeze",
                    }
                }
            }
            if !up {
                // the link is drawn cut: a gap with a cross
                text { class: "cut-mark", x: "{cut.0}", y: "{cut.1 + 5.0}", text_anchor: "middle", "✕" }
            }
            rect { class: "badge", x: "{mx - tw / 2.0}", y: "{my - 10.0}", width: "{tw}", height: "20", rx: "10" }
            text { class: "badge-text", x: "{mx}", y: "{my + 4.0}", text_anchor: "middle", "{mark} {label}" }
        }
    }
}

/// kind's API load balancer: its box, name and published port, the three lines at `rows`
/// (offsets from the box's top).
fn api_lb_box(api: &ApiLb, (x, y, w, h): (f64, f64, f64, f64), rows: [f64; 3]) -> Element {
    let port = api
        .host_port
        .map(|p| format!("127.0.0.1:{p} → :6443"))
        .unwrap_or_else(|| ":6443".into());
    rsx! {
        g {
            class: if api.running { "apilb running" } else { "apilb stopped" },
            "data-testid": "lb-{api.container}",
            "data-state": if api.running { "running" } else { "stopped" },
            rect { class: "box api-box", x: "{x}", y: "{y}", width: "{w}", height: "{h}", rx: "10" }
            text { class: "title small", x: "{x + 12.0}", y: "{y + rows[0]}", {t!("topology-api-lb")} }
            text { class: "sub", x: "{x + 12.0}", y: "{y + rows[1]}", "{api.short}" }
            text { class: "sub", x: "{x + 12.0}", y: "{y + rows[2]}", "{port}" }
        }
    }
}

fn short_backend(b: &str) -> &str {
    b.strip_prefix("ingress_").unwrap_or(b)
}

fn node_box(
    n: &NodeBox,
    (x, y, w, h): (f64, f64, f64, f64),
    worker: bool,
    selected: bool,
    on_select: Option<EventHandler<String>>,
) -> Element {
    let kubelet = if !n.container_running {
        t!("topology-container-stopped")
    } else if n.kubelet_running {
        t!("topology-kubelet-running")
    } else {
        t!("topology-kubelet-stopped")
    };
    let state_mark = match n.state {
        "Ready" => "●",
        "NotReady" => "◆",
        _ => "■",
    };
    let status = if n.container_running {
        n.status.clone()
    } else {
        t!("topology-stopped")
    };
    // what matters on a worker: NGINX (and other app pods); system pods are counted
    let shown: Vec<(String, String, bool)> = n
        .pods
        .iter()
        .filter(|p| !p.system)
        .map(|p| (short_pod(&p.name), p.status.clone(), p.ingress))
        .collect();
    let system = n.pods.iter().filter(|p| p.system).count();
    let orphans: Vec<String> = n
        .listeners
        .iter()
        .filter(|l| l.orphan)
        .map(|l| short_pod(&l.pod))
        .collect();
    let ports: Vec<String> = n
        .listeners
        .iter()
        .flat_map(|l| l.host_ports.iter().map(|p| format!(":{p}")))
        .collect();
    let class = format!(
        "node {} {}{}",
        if worker { "worker" } else { "cp" },
        n.state.to_ascii_lowercase(),
        if selected { " selected" } else { "" }
    );
    let name = n.name.clone();
    let clickable = on_select.is_some();
    let max_lines = if worker { 4 } else { 0 };
    rsx! {
        g {
            class: "{class}",
            "data-testid": "node-{n.name}",
            "data-state": "{n.state}",
            "data-kubelet": if n.kubelet_running { "running" } else { "stopped" },
            role: if clickable { "button" },
            tabindex: if clickable { "0" },
            onclick: move |_| {
                if let Some(h) = on_select {
                    h.call(name.clone());
                }
            },
            onkeydown: {
                let name = n.name.clone();
                move |e: KeyboardEvent| {
                    if matches!(e.key(), Key::Enter) || e.key() == Key::Character(" ".into()) {
                        e.prevent_default();
                        if let Some(h) = on_select {
                            h.call(name.clone());
                        }
                    }
                }
            },
            title { "{n.name} ({n.ip}): {status}; {kubelet}" }
            rect { class: "box node-box", x: "{x}", y: "{y}", width: "{w}", height: "{h}", rx: "10" }
            text { class: "title small", x: "{x + 12.0}", y: "{y + 22.0}", "{n.short}" }
            text { class: "state", x: "{x + w - 12.0}", y: "{y + 22.0}", text_anchor: "end", "{state_mark} {status}" }
            text { class: if n.kubelet_running { "sub" } else { "sub bad" }, x: "{x + 12.0}", y: "{y + 42.0}", "{kubelet}" }
            if worker {
                text { class: "sub", x: "{x + 12.0}", y: "{y + 60.0}",
                    if ports.is_empty() {
                        {t!("topology-no-hostports")}
                    } else {
                        {t!("topology-hostports", ports: ports.join(" "))}
                    }
                }
                for (i , (pod , st , ingress)) in shown.iter().take(max_lines).enumerate() {
                    text {
                        class: if *ingress { "pod ingress" } else { "pod" },
                        x: "{x + 12.0}",
                        y: "{y + 82.0 + i as f64 * 17.0}",
                        if *ingress { "⬢ " } else { "▪ " }
                        "{pod} · {st}"
                    }
                }
                for (i , o) in orphans.iter().enumerate() {
                    text {
                        class: "pod orphan",
                        x: "{x + 12.0}",
                        y: "{y + 82.0 + (shown.len().min(max_lines) + i) as f64 * 17.0}",
                        "⬡ {o} · "
                        {t!("topology-orphan")}
                    }
                }
                text { class: "sub faint", x: "{x + 12.0}", y: "{y + h - 10.0}", {t!("topology-system-pods", n: system)} }
            } else {
                text { class: "sub faint", x: "{x + 12.0}", y: "{y + 62.0}", {t!("topology-system-pods", n: system)} }
            }
        }
    }
}

/// A worker in a big cluster: a small box with its state, NGINX if it runs there, and its
/// HAProxy servers' states as badges (no links: fifty of them would hide everything).
fn small_worker(
    n: &NodeBox,
    (x, y, w, h): (f64, f64, f64, f64),
    backends: &[crate::sim::topology::BackendBox],
    selected: bool,
    on_select: Option<EventHandler<String>>,
) -> Element {
    let servers: Vec<ServerBox> = backends
        .iter()
        .flat_map(|b| b.servers.iter())
        .filter(|s| s.node.as_deref() == Some(n.name.as_str()))
        .cloned()
        .collect();
    let ingress = n.pods.iter().any(|p| p.ingress) || n.listeners.iter().any(|l| l.ingress);
    let mark = match n.state {
        "Ready" => "●",
        "NotReady" => "◆",
        _ => "■",
    };
    let class = format!(
        "node worker small {}{}",
        n.state.to_ascii_lowercase(),
        if selected { " selected" } else { "" }
    );
    let name = n.name.clone();
    let name2 = n.name.clone();
    let clickable = on_select.is_some();
    let kubelet = if n.kubelet_running {
        ""
    } else {
        " · kubelet ✕"
    };
    rsx! {
        g {
            class: "{class}",
            "data-testid": "node-{n.name}",
            "data-state": "{n.state}",
            "data-kubelet": if n.kubelet_running { "running" } else { "stopped" },
            role: if clickable { "button" },
            tabindex: if clickable { "0" },
            onclick: move |_| {
                if let Some(h) = on_select {
                    h.call(name.clone());
                }
            },
            onkeydown: move |e: KeyboardEvent| {
                if matches!(e.key(), Key::Enter) || e.key() == Key::Character(" ".into()) {
                    e.prevent_default();
                    if let Some(h) = on_select {
                        h.call(name2.clone());
                    }
                }
            },
            title { "{n.name} ({n.ip}): {n.status}" }
            rect { class: "box node-box", x: "{x}", y: "{y}", width: "{w}", height: "{h}", rx: "8" }
            text { class: "title small", x: "{x + 8.0}", y: "{y + 18.0}", "{n.short}" }
            text { class: "state", x: "{x + 8.0}", y: "{y + 34.0}", "{mark} {n.status}{kubelet}" }
            if ingress {
                text { class: "pod ingress", x: "{x + 8.0}", y: "{y + 51.0}", "⬢ NGINX" }
            }
            for (i , sv) in servers.iter().enumerate() {
                g {
                    class: if sv.state == "UP" { "link server up" } else { "link server down" },
                    "data-testid": "server-{sv.backend}-{sv.name}",
                    "data-state": "{sv.state}",
                    title { "{sv.backend}/{sv.name}: {sv.label()}" }
                    text {
                        class: "badge-text",
                        x: "{x + 8.0}",
                        y: "{y + 68.0 + i as f64 * 15.0}",
                        if sv.state == "UP" { "▲ " } else { "✕ " }
                        "{short_backend(&sv.backend)} {sv.label()}"
                    }
                }
            }
        }
    }
}

/// `nginx-ingress-controller-7d6bf88c86-r7ztq` -> `nginx-ingress-…-r7ztq` when long.
fn short_pod(name: &str) -> String {
    if name.chars().count() <= 30 {
        return name.to_string();
    }
    let parts: Vec<&str> = name.split('-').collect();
    if parts.len() >= 3 {
        format!("{}-{}-…-{}", parts[0], parts[1], parts[parts.len() - 1])
    } else {
        name.chars().take(28).collect::<String>() + "…"
    }
}
