//! The shell's parser: any text typed into the terminal, read into blocks (heredocs included)
//! as the terminal does, then each command line into its pipelines, words and redirections.
//! (Running what was typed on a world is the `session` target's.)
#![no_main]
use libfuzzer_sys::fuzz_target;

// what the target does is kindlab::fuzzing's, which the suite also replays the findings with
fuzz_target!(|data: &[u8]| kindlab::fuzzing::exercise("shell", data));
