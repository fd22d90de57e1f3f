//! Every input the fuzzers found to crash or hang (`cargo xtask fuzz` keeps them in
//! `<target dir>/fuzz/findings/<target>/`; each is copied to `tests/fixtures/fuzz/<target>/`)
//! replayed through the same code the fuzz target drives (`kindlab::fuzzing::exercise`): it
//! must neither panic nor take long. A ceiling far above the figures (the fuzzers call an
//! input slower than 2 s a finding; this is a debug build on a busy machine).

use kindlab::fuzzing::{exercise, TARGETS};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const CEILING: Duration = Duration::from_secs(20);

fn findings() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz")
}

#[test]
fn every_finding_of_the_fuzzers_is_answered_soon_without_a_panic() {
    let mut replayed = 0;
    for dir in std::fs::read_dir(findings()).unwrap() {
        let dir = dir.unwrap().path();
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            TARGETS.contains(&target.as_str()),
            "{}: not a fuzz target (targets: {TARGETS:?})",
            dir.display()
        );
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let data = std::fs::read(&f).unwrap();
            let t = Instant::now();
            exercise(&target, &data);
            let took = t.elapsed();
            eprintln!(
                "{target}/{}: {took:?}",
                f.file_name().unwrap().to_string_lossy()
            );
            assert!(took < CEILING, "{}: {took:?}", f.display());
            replayed += 1;
        }
    }
    assert!(
        replayed >= 1,
        "the findings so far are in {}",
        findings().display()
    );
}

#[test]
fn every_target_takes_the_chapters_own_files() {
    // the targets run on what the app reads every day, quickly
    let chapter = [
        ("kind_config", "content/lab/cluster01.yaml"),
        ("haproxy_cfg", "content/lab/haproxy.cfg"),
        ("lesson", "content/en/04-kubelet-failure.md"),
        ("quiz_toml", "content/quizzes/chapter.toml"),
    ];
    for (target, file) in chapter {
        let data = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        exercise(target, &data);
    }
    for target in TARGETS {
        exercise(target, b"kubectl get nodes\n");
        exercise(target, b"");
    }
}
