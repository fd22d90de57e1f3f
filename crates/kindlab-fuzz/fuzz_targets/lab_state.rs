//! The lab's saved state (lab.json / localStorage), read and replayed as the app does on start.
#![no_main]
use kindlab::lab::{Lab, LabDoc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(doc) = serde_json::from_str::<LabDoc>(&text) {
        let _ = Lab::replay(doc);
    }
});
