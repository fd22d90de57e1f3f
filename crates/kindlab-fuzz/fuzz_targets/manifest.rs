//! `kubectl apply` of any manifest text (YAML, several documents) on the chapter's world.
#![no_main]
use libfuzzer_sys::fuzz_target;

// what the target does is kindlab::fuzzing's, which the suite also replays the findings with
fuzz_target!(|data: &[u8]| kindlab::fuzzing::exercise("manifest", data));
