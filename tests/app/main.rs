//! The app without a window: its UI components and lab rendered with dioxus-ssr, quiz files
//! and quiz progress, the progress store, and the one-way arrows between the app's parts.
//!
//! One test binary for the area; each module was a test binary of its own before.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

mod architecture;
mod bounds;
mod challenges;
mod fuzz_findings;
mod learn;
mod progress_merge;
mod progress_store;
mod quiz_files;
mod quiz_mistakes;
mod quiz_progress;
mod store_faults;
mod ui_challenge;
mod ui_components;
mod ui_glossary;
mod ui_lab;
