//! The shell's parser: any text typed into the terminal, read into blocks (heredocs included)
//! as the terminal does, then each command line into its pipelines, words and redirections.
//! (Running what was typed on a world is the `session` target's.)
#![no_main]
use kindlab_sim::shell::{parse_line, split_blocks};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for block in split_blocks(&text) {
        if let Ok(pipelines) = parse_line(&block.line) {
            for p in &pipelines {
                for s in p.stages.iter().flatten() {
                    // `~` was expanded and no redirection operator is left as a word
                    assert!(!s.words.iter().any(|w| w == ">" || w == ">>"));
                }
            }
        }
    }
});
