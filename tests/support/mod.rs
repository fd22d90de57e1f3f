//! What the end-to-end areas share (tests/web, tests/desktop): one browser harness and one X11
//! harness, each bounding how many browsers or displays run at once in the binary, and the
//! page objects of the lab and the quiz. Reached
//! from an area's main.rs with `#[path = "../support/mod.rs"] mod support;`.
//!
//! The processes are started and ended by `kindlab-testkit` (process groups ended with killpg).
#![allow(dead_code)] // each area uses its part

pub(crate) mod browser;
pub(crate) mod lab;
pub(crate) mod probe;
pub(crate) mod quiz;
pub(crate) mod x11;
