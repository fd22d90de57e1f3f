//! The hostile lessons (tests/fixtures/content-hostile and a generated corpus) installed as the
//! app's content and rendered: nothing executable comes out. A binary of its own because the
//! test installs its bundle for the whole process (`kindlab::content::install_bundle_for_test`
//! works once, before anything reads the content): beside the content area's other tests it
//! would find the real content already in, and they would render the hostile one.
//!
//! The module lives with the content area (tests/content/) and shares its `inert` helpers.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

#[path = "../content/content_xss_render.rs"]
mod content_xss_render;
#[path = "../content/inert.rs"]
mod inert;
