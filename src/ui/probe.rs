//! For the desktop end-to-end tests: facts about what the window shows, read from the page
//! itself rather than from screenshots. When `KINDLAB_PROBE` names a file, the app writes there,
//! a few times a second, as one JSON object (written to a temporary file and renamed, so a
//! reader never sees half of it): `elements`, every element that has a `data-testid` with
//! where it is in the page (CSS pixels from the page's top left), its `data-*` attributes, the
//! start of its text and whether it has the focus; and `mouse`, where the pointer last moved
//! in the page (so a test that moved it to a point on the screen learns where the page is).
//! Nothing happens without the variable.

use dioxus::prelude::*;

/// What the page says, as JSON.
const SCRIPT: &str = r#"
if (!window.__kindlabMouse) {
  window.__kindlabMouse = { x: null, y: null };
  window.addEventListener('mousemove', (e) => { window.__kindlabMouse = { x: e.clientX, y: e.clientY }; }, true);
}
const out = [];
for (const el of document.querySelectorAll('[data-testid]')) {
  const r = el.getBoundingClientRect();
  const attrs = {};
  for (const a of el.attributes) {
    if (a.name.startsWith('data-') && a.name !== 'data-testid') attrs[a.name] = a.value;
  }
  out.push({
    id: el.dataset.testid,
    x: r.left, y: r.top, w: r.width, h: r.height,
    attrs,
    text: (el.innerText || el.textContent || '').slice(0, 200),
    focused: document.activeElement === el,
  });
}
return JSON.stringify({ elements: out, mouse: window.__kindlabMouse });
"#;

/// Starts the probe when `KINDLAB_PROBE` is set (a hook: call it once, in the shell).
pub(super) fn use_probe() {
    use_future(|| async move {
        let Some(path) = std::env::var_os("KINDLAB_PROBE").map(std::path::PathBuf::from) else {
            return;
        };
        let tmp = path.with_extension("tmp");
        loop {
            if let Ok(v) = document::eval(SCRIPT).await {
                if let Some(json) = v.as_str() {
                    if std::fs::write(&tmp, json).is_ok() {
                        let _ = std::fs::rename(&tmp, &path);
                    }
                }
            }
            pause(250).await;
        }
    });
}

/// Waits `ms` without blocking the window (a timer on the page's side).
async fn pause(ms: u32) {
    let _ = document::eval(&format!(
        "await new Promise(r => setTimeout(r, {ms})); return 0;"
    ))
    .await;
}
