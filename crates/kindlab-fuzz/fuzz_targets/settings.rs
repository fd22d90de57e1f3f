//! The saved settings (settings.json / localStorage), through the store's loader.
#![no_main]
use kindlab::store::{load, Backend, MemoryBackend, Settings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let b = MemoryBackend::default();
    let _ = b.write("settings", &text);
    let _ = load::<Settings>(&b, "settings");
});
