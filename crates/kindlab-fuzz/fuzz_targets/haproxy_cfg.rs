//! A haproxy.cfg as the lab's editor and `kindlab sim --haproxy-config` read it.
#![no_main]
use kindlab_sim::{Session, SessionOptions};
use libfuzzer_sys::fuzz_target;

const CHAPTER_KIND: &str = include_str!("../../../content/lab/cluster01.yaml");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let vars = |v: &str| (v == "worker1").then(|| "172.18.0.5".to_string());
    let _ = kindlab_sim::haproxy::config::parse_config("haproxy.cfg", &text, &vars);
    let _ = Session::with_topology(SessionOptions::default(), CHAPTER_KIND, &text);
});
