//! A kind cluster config as `kindlab sim --kind-config` and the lab's topology settings read it.
#![no_main]
use kindlab_sim::{Session, SessionOptions};
use libfuzzer_sys::fuzz_target;

const CHAPTER_CFG: &str = include_str!("../../../content/lab/haproxy.cfg");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = kindlab_sim::kind::parse_config(&text);
    let _ = Session::with_topology(SessionOptions::default(), &text, CHAPTER_CFG);
});
