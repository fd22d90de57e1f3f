//! The learner's record: loaded from a file or imported, migrated, merged with another tab's.
#![no_main]
use libfuzzer_sys::fuzz_target;

// what the target does is kindlab::fuzzing's, which the suite also replays the findings with
fuzz_target!(|data: &[u8]| kindlab::fuzzing::exercise("progress", data));
