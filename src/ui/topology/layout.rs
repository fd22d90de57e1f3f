//! Where each box goes, in SVG units: the wide drawing (HAProxy above a grid of workers, the
//! control plane beside kind's API load balancer) and the narrow one (one box per row).

use super::Parts;
use crate::sim::topology::Topology;

pub(super) const W: f64 = 960.0;
pub(super) const MARGIN: f64 = 16.0;
pub(super) const GAP: f64 = 14.0;
pub(super) const HOST_H: f64 = 54.0;
pub(super) const LB_H: f64 = 84.0;
pub(super) const WORKER_H: f64 = 150.0;
pub(super) const CP_H: f64 = 84.0;
pub(super) const ROW_GAP: f64 = 96.0;
/// Above this many workers the diagram switches to small boxes without links.
pub(super) const MANY: usize = 6;
pub(super) const SMALL_H: f64 = 98.0;

/// A box: x, y, width, height.
pub(super) type Rect = (f64, f64, f64, f64);

/// Where each box goes.
pub(super) struct Layout {
    pub(super) host: Rect,
    pub(super) lb: Rect,
    pub(super) workers: Vec<Rect>,
    pub(super) api_lb: Rect,
    pub(super) cps: Vec<Rect>,
    pub(super) height: f64,
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

/// The wide drawing's boxes.
pub(super) fn layout(t: &Topology) -> Layout {
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

/// The narrow drawing's width in SVG units: at a 320 px wide screen it is shown at about its
/// own size, so its smallest text stays above 11 CSS px.
pub(super) const NW: f64 = 280.0;

/// The narrow drawing's boxes, top to bottom: the host (a line per port), HAProxy (two lines
/// per frontend), each worker (a line per HAProxy server on it), the API load balancer, the
/// control plane.
pub(super) fn narrow_layout(p: &Parts, ports: usize, fronts: usize) -> Layout {
    let inner = NW - 2.0 * MARGIN;
    let mut y = MARGIN;
    let host = (MARGIN, y, inner, 30.0 + 17.0 * ports.max(1) as f64);
    y += host.3 + GAP;
    let lbox = (MARGIN, y, inner, 36.0 + 17.0 * (2 * fronts).max(1) as f64);
    y += lbox.3 + GAP;
    let mut wboxes = vec![];
    for n in &p.workers {
        let servers = p
            .backends
            .iter()
            .flat_map(|b| b.servers.iter())
            .filter(|s| s.node.as_deref() == Some(n.name.as_str()))
            .count();
        let h = 60.0 + 15.0 * servers as f64;
        wboxes.push((MARGIN, y, inner, h));
        y += h + GAP;
    }
    let api_box = (MARGIN, y, inner, CP_H - 12.0);
    if p.api.is_some() {
        y += api_box.3 + GAP;
    }
    let mut cboxes = vec![];
    for _ in &p.cps {
        cboxes.push((MARGIN, y, inner, 72.0));
        y += 72.0 + GAP;
    }
    Layout {
        host,
        lb: lbox,
        workers: wboxes,
        api_lb: api_box,
        cps: cboxes,
        height: y - GAP + MARGIN,
    }
}
