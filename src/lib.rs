//! kindlab: an offline, bilingual study app for the KinD / HAProxy / storage chapter.
//!
//! Data flows one way: content and simulator state -> view; user actions -> commands ->
//! sim/quiz -> state. The simulator is its own crate, `crates/kindlab-sim` (pure: it cannot
//! reach the UI or any I/O), re-exported here as `sim`. See the folders: `content` (lessons,
//! quizzes), `lab` (the lab around the simulator), `quiz` (scoring, scheduling), `store` (saved
//! progress), `ui` (Dioxus components).

// `kindlab check`: the content checker, which also runs the simulator and knows the guided labs
// (so it sits above content, lab and sim, not inside content)
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod content;
// what each fuzz target does with its input (crates/kindlab-fuzz and the suite's replay of the
// fuzzers' findings)
#[cfg(all(has_lab, not(target_arch = "wasm32")))]
#[doc(hidden)]
pub mod fuzzing;
// The simulator and the lab around it: always in native builds (the command line needs them),
// in the web's full edition only (`--features lab`), never in its reader edition.
#[cfg(has_lab)]
pub mod lab;
pub mod quiz;
#[cfg(has_lab)]
pub use kindlab_sim as sim;
pub mod store;
pub mod ui;
