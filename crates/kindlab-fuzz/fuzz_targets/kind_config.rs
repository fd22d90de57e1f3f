//! A kind cluster config as `kindlab sim --kind-config` and the lab's topology settings read it.
#![no_main]
use libfuzzer_sys::fuzz_target;

// what the target does is kindlab::fuzzing's, which the suite also replays the findings with
fuzz_target!(|data: &[u8]| kindlab::fuzzing::exercise("kind_config", data));
