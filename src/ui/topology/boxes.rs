//! The diagram's shapes: a link from HAProxy to a server, kind's API load balancer, a node, a
//! worker in a big cluster.

use super::layout::Rect;
use crate::sim::topology::{ApiLb, NodeBox, ServerBox};
use crate::ui::i18n::t;
use dioxus::prelude::*;

/// The link from HAProxy to one server, labelled with the server's state.
pub(super) fn server_link(
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
pub(super) fn api_lb_box(api: &ApiLb, (x, y, w, h): Rect, rows: [f64; 3]) -> Element {
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

pub(super) fn short_backend(b: &str) -> &str {
    b.strip_prefix("ingress_").unwrap_or(b)
}

pub(super) fn node_box(
    n: &NodeBox,
    (x, y, w, h): Rect,
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
pub(super) fn small_worker(
    n: &NodeBox,
    (x, y, w, h): Rect,
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
