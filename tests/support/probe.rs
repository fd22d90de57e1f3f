//! The desktop app's probe, read: what the window shows as facts (`KINDLAB_PROBE`, written by
//! `src/ui/probe.rs`): each `data-testid` element's place, `data-*` attributes, text and focus,
//! and where the pointer last moved in the page.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One element the probe saw.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Seen {
    pub(crate) id: String,
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) w: f64,
    pub(crate) h: f64,
    pub(crate) attrs: BTreeMap<String, String>,
    pub(crate) text: String,
    pub(crate) focused: bool,
}

/// Where the pointer last moved in the page (CSS pixels).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Mouse {
    pub(crate) x: Option<f64>,
    pub(crate) y: Option<f64>,
}

/// What the probe wrote last.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Page {
    pub(crate) elements: Vec<Seen>,
    pub(crate) mouse: Mouse,
}

impl Page {
    /// What the probe wrote last (None while there is nothing, or half a file).
    pub(crate) fn read(path: &Path) -> Option<Page> {
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
    }

    /// The element with this test id that is drawn largest (a diagram has a narrow twin
    /// that is hidden at this width).
    pub(crate) fn find(&self, id: &str) -> Option<&Seen> {
        self.elements
            .iter()
            .filter(|e| e.id == id && e.w > 0.0 && e.h > 0.0)
            .max_by(|a, b| (a.w * a.h).total_cmp(&(b.w * b.h)))
    }
}
