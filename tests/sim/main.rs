//! The simulator, through the library API and the `kindlab sim` command line: commands,
//! golden transcripts (snapshots in tests/golden/, `SNAPSHOTS=overwrite` rewrites them),
//! HAProxy, properties, storage, topologies, and the binary's own command-line front.
//!
//! One test binary for the area; each module was a test binary of its own before.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

mod bounds;
mod challenge_cli;
mod cli;
mod sim_commands;
mod sim_golden;
mod sim_haproxy;
mod sim_label_taint;
mod sim_network;
mod sim_props;
mod sim_storage;
mod sim_topology;
