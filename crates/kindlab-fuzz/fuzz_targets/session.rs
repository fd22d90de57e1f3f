//! The simulator's shell at work: any text typed into the terminal (commands, heredocs, scripts) on a
//! copy of the chapter's world.
#![no_main]
use kindlab_sim::{Session, SessionOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BASE: OnceLock<Session> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut s = BASE
        .get_or_init(|| Session::new(SessionOptions::default()))
        .clone();
    let _ = s.run(&text);
    // and a line at a time, as the terminal feeds it
    let mut t = BASE
        .get_or_init(|| Session::new(SessionOptions::default()))
        .clone();
    for line in text.lines() {
        let _ = t.feed_line(line);
    }
    let _ = t.finish();
});
