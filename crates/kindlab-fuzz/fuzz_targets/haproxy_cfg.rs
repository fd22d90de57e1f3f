//! A haproxy.cfg as HAProxy in the lab and `kindlab sim --haproxy-config` read it: parsed and
//! checked, its messages printed in both HAProxy generations' styles. (Building a whole world
//! around a config is the `session` target's and the simulator's proptests' work: it costs
//! milliseconds an input.)
#![no_main]
use kindlab_sim::haproxy::config::{parse_config_with_resolver, ParseReport};
use kindlab_sim::LogStyle;
use libfuzzer_sys::fuzz_target;
use std::net::Ipv4Addr;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let vars = |v: &str| (v == "worker1").then(|| "172.18.0.5".to_string());
    let resolve = |h: &str| (h == "cluster01-worker2").then_some(Ipv4Addr::new(172, 18, 0, 6));
    let report: ParseReport = parse_config_with_resolver("haproxy.cfg", &text, &vars, &resolve);
    for m in &report.messages {
        let _ = m.text_for(LogStyle::Current);
        let _ = m.text_for(LogStyle::Chapter);
    }
    assert_eq!(report.is_ok(), report.result.is_ok());
});
