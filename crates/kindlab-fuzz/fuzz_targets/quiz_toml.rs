//! A quiz file (mdbook-quiz's TOML plus kindlab's keys), read as `kindlab check` and the build do.
#![no_main]
use kindlab_content::markdown::Env;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let highlight = kindlab_content::bundle::plain;
    let image = |_: &str| -> Result<String, String> { Err("no images here".into()) };
    let env = Env {
        file: "quizzes/fuzz.toml",
        highlight: &highlight,
        image: &image,
    };
    let _ = kindlab_content::quizfile::load(&env, "fuzz", &text);
});
