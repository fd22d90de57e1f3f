//! A lesson's Markdown body, read into the page model as `kindlab check` and the build do.
#![no_main]
use kindlab_content::markdown::{parse_body, Env};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let highlight = kindlab_content::bundle::plain;
    let image = |_: &str| -> Result<String, String> { Err("no images here".into()) };
    let env = Env {
        file: "en/99-fuzz.md",
        highlight: &highlight,
        image: &image,
    };
    let _ = parse_body(&env, &text, 0);
});
