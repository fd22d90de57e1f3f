//! The bounds tests' one helper: an answer that must come before a ceiling (far above the
//! figures, which `cargo xtask bench` prints: a debug build on a loaded machine), so that what
//! they catch is an answer that never comes or comes quadratically late, not a slow machine.

use std::time::{Duration, Instant};

/// Runs `f`, prints how long it took, fails if that was `ceiling` or more; returns its answer.
pub fn answered<T>(what: &str, ceiling: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    eprintln!("{what}: answered in {took:?}");
    assert!(
        took < ceiling,
        "{what}: {took:?}, past the ceiling {ceiling:?}"
    );
    out
}
