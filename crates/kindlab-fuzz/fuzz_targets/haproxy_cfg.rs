//! A haproxy.cfg as HAProxy in the lab and `kindlab sim --haproxy-config` read it: parsed and
//! checked, its messages printed in both HAProxy generations' styles. (Building a whole world
//! around a config is the `session` target's and the simulator's proptests' work: it costs
//! milliseconds an input.)
#![no_main]
use libfuzzer_sys::fuzz_target;

// what the target does is kindlab::fuzzing's, which the suite also replays the findings with
fuzz_target!(|data: &[u8]| kindlab::fuzzing::exercise("haproxy_cfg", data));
