//! Desktop end-to-end tests: the real `kindlab` window under Xvfb, driven with xdotool and
//! read through the app's probe (facts, not pixels; screenshots via ImageMagick are kept); the app's pages and language, a quiz answer kept over a crash,
//! and the lab clicked on its diagram and replayed. Run by `cargo xtask test` (`#[ignore]`d
//! for a plain `cargo test`).
//!
//! One test binary for the area; each module was a test binary of its own before. One X
//! display at a time (see `support::x11`).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

#[path = "../support/mod.rs"]
mod support;

mod e2e_desktop;
mod e2e_desktop_lab;
