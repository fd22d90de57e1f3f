//! `kubectl apply` of any manifest text (YAML, several documents) on the chapter's world.
#![no_main]
use kindlab_sim::{Session, SessionOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static BASE: OnceLock<Session> = OnceLock::new();
const END: &str = "KINDLAB_FUZZ_END_7F3A";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let body: Vec<&str> = text.lines().filter(|l| l.trim() != END).collect();
    let cmd = format!(
        "kubectl apply -f - <<'{END}'\n{}\n{END}\nkubectl get all -A",
        body.join("\n")
    );
    let mut s = BASE
        .get_or_init(|| Session::new(SessionOptions::default()))
        .clone();
    let _ = s.run(&cmd);
});
