//! How a shell reads lines: commands, heredocs, blocks (kindlab-lines).
#![no_main]
use kindlab_lines::LineReader;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = kindlab_lines::split_blocks(&text);
    let mut r = LineReader::default();
    for line in text.lines() {
        let _ = kindlab_lines::heredoc_delimiter(line);
        let _ = r.feed(line);
    }
});
