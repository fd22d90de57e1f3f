//! The lessons' search box: any query, both languages.
#![no_main]
use kindlab::content::{self, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let b = content::bundle();
    for lang in [Lang::En, Lang::Zh] {
        let _ = b.search(lang, &q, 20);
    }
});
