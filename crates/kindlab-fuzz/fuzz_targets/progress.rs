//! The learner's record: loaded from a file or imported, migrated, merged with another tab's.
#![no_main]
use kindlab::store::progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(p) = progress::parse(&text) {
        let mut merged = p.clone();
        merged.merge(&p);
        assert_eq!(merged, p, "merging a record into itself changes nothing");
        let again = serde_json::to_string(&p).map(|t| progress::parse(&t));
        assert!(matches!(again, Ok(Ok(_))), "a record saves and loads back");
    }
});
