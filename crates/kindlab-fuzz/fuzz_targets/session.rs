//! The simulator's shell at work: any text typed into the terminal (commands, heredocs, scripts) on a
//! copy of the chapter's world.
#![no_main]
use libfuzzer_sys::fuzz_target;

// what the target does is kindlab::fuzzing's, which the suite also replays the findings with
fuzz_target!(|data: &[u8]| kindlab::fuzzing::exercise("session", data));
