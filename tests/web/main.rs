//! Browser end-to-end tests of the web release: the site as delivered (pre-rendered pages,
//! editions, offline), the app, small screens, accessibility, and the lab. Run by
//! `cargo xtask test`, which builds dist/ first (they are `#[ignore]`d for a plain `cargo
//! test`); `KINDLAB_DIST=DIR` points them at another build of the site.
//!
//! One test binary for the area; each module was a test binary of its own before. How many
//! browsers run at once is bounded as it was then (see `support::browser`).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

#[path = "../support/mod.rs"]
mod support;

mod e2e_a11y;
mod e2e_challenge;
mod e2e_lab;
mod e2e_site;
mod e2e_viewport;
mod e2e_web;
