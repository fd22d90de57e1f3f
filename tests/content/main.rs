//! The content: `kindlab check` on good, broken and hostile folders (tests/fixtures/), the
//! Markdown renderer, and hostile input that must stay inert, in the model and rendered.
//!
//! One test binary for the area; each module was a test binary of its own before. The hostile
//! bundle's render test (content_xss_render.rs) is the exception: it installs its content for
//! the whole process, so it runs in a binary of its own (tests/content_bundle/).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

mod content_challenges;
mod content_check;
mod content_glossary;
mod content_learn;
mod content_markdown;
mod content_xss;
// what "inert" means for rendered HTML (shared with tests/content_bundle)
mod inert;
mod quiz_hygiene;
