//! The content: `kindlab check` on good, broken and hostile folders (tests/fixtures/), the
//! Markdown renderer, and hostile input that must stay inert, in the model and rendered.
//!
//! One test binary for the area; each module was a test binary of its own before.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

mod content_check;
mod content_markdown;
mod content_xss;
mod content_xss_render;
// what "inert" means for rendered HTML (shared by the two XSS modules)
mod inert;
