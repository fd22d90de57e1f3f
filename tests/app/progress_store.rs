//! The progress document in the store: a document that cannot be used is reported (where, why,
//! with line and column), kept aside and never overwritten; the learner gets the previous
//! version when it is good, else a fresh start; the next save keeps the good backup. Schema 1
//! migrates. The desktop file backend replaces the file atomically and keeps the previous
//! version as `progress.json.bak`. Any progress saved loads back equal (proptest).

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use kindlab::quiz::progress::Prediction;
use kindlab::quiz::srs::CardState;
use kindlab::quiz::{Attempt, Mode, OptKey, Response, Run, Shown};
use kindlab::store::progress::{self, AnswerRecord, ProgressError, ScoreRecord, SCHEMA};
use kindlab::store::{
    load_progress, save, Backend, LoadProblem, MemoryBackend, PlatformBackend, Progress,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const KEY: &str = "progress";
const T0: i64 = 1_780_000_000_000;

/// A progress document with something in every field.
fn sample(n: u32) -> Progress {
    let mut p = Progress::default();
    p.lessons_opened.insert("kind-ha".into());
    p.lessons_opened.insert("storage".into());
    p.lessons_read.insert("kind-ha".into());
    for i in 0..n {
        p.record_answer(
            "chapter",
            &format!("chapter-{}", i % 4 + 1),
            i % 3 != 0,
            T0 + i as i64 * 60_000,
        );
    }
    p.record_score(
        "chapter",
        ScoreRecord {
            at: T0,
            correct: 3,
            total: 4,
            mode: Mode::Exam,
            duration_ms: 61_000,
        },
    );
    p
}

/// The corrupted documents of the brief: (name, text, what the problem must say).
fn corruptions() -> Vec<(&'static str, String, String)> {
    let good = serde_json::to_string_pretty(&sample(3)).unwrap();
    let cut = good.len() / 2;
    let truncated = good[..cut].to_string();
    // where serde_json stops reading a truncated text: its last line and the column after it
    let last_line = truncated.lines().count();
    let last_col = truncated.lines().last().unwrap().chars().count();
    vec![
        (
            "truncated",
            truncated,
            format!("line {last_line}, column {last_col}: EOF while parsing"),
        ),
        (
            "wrong type",
            "{\n  \"schema\": 2,\n  \"quiz_answers\": \"many\"\n}".to_string(),
            "line 3, column 24: invalid type: string \"many\", expected u32".to_string(),
        ),
        (
            "future schema",
            "{\"schema\": 99, \"lessons_opened\": [\"kind-ha\"]}".to_string(),
            format!("it was written by a newer kindlab (schema 99; this one reads up to {SCHEMA})"),
        ),
        ("empty", String::new(), "the file is empty".to_string()),
        (
            "blank",
            "  \n\t\n".to_string(),
            "the file is empty".to_string(),
        ),
        (
            "not an object",
            "[\"kind-ha\"]".to_string(),
            "line 1, column 1: expected a JSON object".to_string(),
        ),
        (
            "a string",
            "\"progress\"".to_string(),
            "line 1, column 1: expected a JSON object".to_string(),
        ),
        (
            "unknown field",
            "{\n  \"schema\": 2,\n  \"lessons_opened\": [],\n  \"favourite_colour\": \"blue\"\n}"
                .to_string(),
            "line 4, column 20: unknown field `favourite_colour`".to_string(),
        ),
        (
            "not JSON",
            "schema = 2\n".to_string(),
            "line 1, column 1: expected value".to_string(),
        ),
        (
            "schema not a number",
            "{\"schema\": \"two\"}".to_string(),
            "line 1, column 16: invalid type: string \"two\", expected u32".to_string(),
        ),
    ]
}

fn check_problem(
    p: &LoadProblem,
    location: &str,
    backup: &str,
    detail: &str,
    restored: bool,
    name: &str,
) {
    assert_eq!(p.location, location, "{name}");
    assert_eq!(p.backup, backup, "{name}");
    assert!(
        p.detail.starts_with(detail),
        "{name}: {:?} does not start with {detail:?}",
        p.detail
    );
    assert_eq!(p.restored, Some(restored), "{name}");
    // the message names all of it
    let shown = p.to_string();
    assert!(
        shown.contains(location) && shown.contains(backup) && shown.contains(detail),
        "{name}: {shown}"
    );
    assert!(
        shown.contains(if restored {
            "restored"
        } else {
            "starting fresh"
        }),
        "{name}: {shown}"
    );
}

#[test]
fn parse_reports_each_corruption_with_its_reason_and_position() {
    for (name, text, detail) in corruptions() {
        let e = progress::parse(&text).expect_err(name);
        assert!(
            e.to_string().starts_with(&detail),
            "{name}: {e} vs {detail}"
        );
        match (name, &e) {
            ("empty" | "blank", ProgressError::Empty) => {}
            ("future schema", ProgressError::Future(99)) => {}
            (_, ProgressError::Parse { line, column, .. }) => {
                assert!(*line >= 1 && *column >= 1, "{name}: {e:?}")
            }
            _ => panic!("{name}: {e:?}"),
        }
    }
}

#[test]
fn a_corrupted_document_with_a_good_backup_restores_the_backup_and_keeps_both() {
    for (name, bad, detail) in corruptions() {
        let b = MemoryBackend::default();
        let good = sample(2);
        save(&b, KEY, &good).unwrap();
        // the document is replaced by a broken one: the good one is now the backup
        b.write(KEY, &bad).unwrap();
        assert_eq!(
            b.read_backup(KEY),
            Some(serde_json::to_string_pretty(&good).unwrap())
        );

        let (p, problem) = load_progress(&b, KEY);
        assert_eq!(p, good, "{name}: the previous version is used");
        check_problem(
            &problem.expect(name),
            "memory:progress",
            "progress.bad",
            &detail,
            true,
            name,
        );
        // the broken original is kept as it was, and the document is gone
        assert_eq!(
            b.read("progress.bad").as_deref(),
            Some(bad.as_str()),
            "{name}"
        );
        assert_eq!(b.read(KEY), None, "{name}");

        // the next save keeps the good backup (the broken text never becomes the backup)
        let mut next = p.clone();
        next.lessons_read.insert("storage".into());
        save(&b, KEY, &next).unwrap();
        assert_eq!(
            b.read_backup(KEY),
            Some(serde_json::to_string_pretty(&good).unwrap()),
            "{name}"
        );
        assert_eq!(
            b.read("progress.bad").as_deref(),
            Some(bad.as_str()),
            "{name}"
        );
        assert_eq!(load_progress(&b, KEY), (next, None), "{name}");
    }
}

#[test]
fn a_corrupted_document_without_a_usable_backup_starts_fresh() {
    for (name, bad, detail) in corruptions() {
        // no backup at all
        let b = MemoryBackend::default();
        b.write(KEY, &bad).unwrap();
        let (p, problem) = load_progress(&b, KEY);
        assert_eq!(p, Progress::default(), "{name}");
        check_problem(
            &problem.expect(name),
            "memory:progress",
            "progress.bad",
            &detail,
            false,
            name,
        );
        assert_eq!(b.read("progress.bad").as_deref(), Some(bad.as_str()));

        // a backup that is broken too
        let b = MemoryBackend::default();
        b.write(KEY, "{\"schema\": 2, \"quiz_answers\": -1}")
            .unwrap();
        b.write(KEY, &bad).unwrap();
        let (p, problem) = load_progress(&b, KEY);
        assert_eq!(p, Progress::default(), "{name}");
        assert_eq!(problem.expect(name).restored, Some(false), "{name}");
    }
}

#[test]
fn a_second_corruption_is_kept_beside_the_first() {
    let b = MemoryBackend::default();
    b.write(KEY, "{ first").unwrap();
    let (_, p1) = load_progress(&b, KEY);
    save(&b, KEY, &sample(1)).unwrap();
    b.write(KEY, "{ second").unwrap();
    let (p, p2) = load_progress(&b, KEY);
    assert_eq!(p, sample(1));
    assert_eq!(p1.unwrap().backup, "progress.bad");
    assert_eq!(p2.unwrap().backup, "progress.bad2");
    assert_eq!(b.read("progress.bad").as_deref(), Some("{ first"));
    assert_eq!(b.read("progress.bad2").as_deref(), Some("{ second"));
}

#[test]
fn no_document_uses_the_backup_and_reports_nothing() {
    // a crash between the steps of a save can leave only the backup
    let b = MemoryBackend::default();
    assert_eq!(load_progress(&b, KEY), (Progress::default(), None));
    save(&b, KEY, &sample(1)).unwrap();
    save(&b, KEY, &sample(2)).unwrap();
    b.remove(KEY);
    assert_eq!(load_progress(&b, KEY), (sample(1), None));
}

#[test]
fn a_schema_1_document_migrates() {
    let b = MemoryBackend::default();
    b.write(
        KEY,
        "{\"lessons_opened\": [\"kind-ha\"], \"quiz_answers\": 3}",
    )
    .unwrap();
    let (p, problem) = load_progress(&b, KEY);
    assert!(problem.is_none(), "{problem:?}");
    let want = Progress {
        schema: SCHEMA,
        lessons_opened: BTreeSet::from(["kind-ha".to_string()]),
        quiz_answers: 3,
        ..Progress::default()
    };
    assert_eq!(p, want);
    assert_eq!(SCHEMA, 3);
    // with the explicit version and the later `lessons_read`
    let p = progress::parse(
        "{\"schema\": 1, \"lessons_opened\": [\"kind-ha\", \"storage\"], \"lessons_read\": [\"kind-ha\"], \"quiz_answers\": 0}",
    )
    .unwrap();
    assert_eq!(p.schema, 3);
    assert_eq!(p.lessons_read, BTreeSet::from(["kind-ha".to_string()]));
    assert_eq!(p.lessons_opened.len(), 2);
    // saved again, it is a schema 3 document
    save(&b, KEY, &p).unwrap();
    let v: serde_json::Value = serde_json::from_str(&b.read(KEY).unwrap()).unwrap();
    assert_eq!(v["schema"], 3);
}

#[test]
fn a_schema_2_document_migrates_with_no_predictions() {
    // schema 3 added the lessons' predictions; a schema 2 document has none yet
    let p = progress::parse(
        "{\"schema\": 2, \"lessons_opened\": [\"kind-ha\"], \"quiz_answers\": 1, \"runs\": {}}",
    )
    .unwrap();
    assert_eq!(p.schema, SCHEMA);
    assert!(p.predictions.is_empty());
    assert_eq!(p.quiz_answers, 1);
}

#[test]
fn a_broken_schema_1_document_is_reported_at_its_own_line_and_column() {
    // the position must be in the text the learner has, not in a migrated copy of it
    let text = "{\"lessons_opened\": [\"kind-ha\"], \"quiz_answers\": \"many\"}";
    let e = progress::parse(text).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1, column 54: invalid type: string \"many\", expected u32"
    );
    let text = "{\n  \"schema\": 1,\n  \"lessons_opened\": \"kind-ha\"\n}";
    let e = progress::parse(text).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("line 3, column 29: invalid type: string"),
        "{e}"
    );
}

#[test]
fn a_schema_number_beyond_u32_is_from_the_future_not_schema_1_or_2() {
    for n in [4_294_967_297u64, 4_294_967_298, u64::MAX] {
        let text = format!("{{\"schema\": {n}, \"lessons_opened\": []}}");
        let e = progress::parse(&text).unwrap_err();
        assert!(matches!(e, ProgressError::Future(_)), "{n}: {e:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// the desktop file backend

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let d = std::env::temp_dir().join(format!(
            "kindlab-progress-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        TempDir(d)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn read(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.path(name)).ok()
    }
    fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pretty(p: &Progress) -> String {
    serde_json::to_string_pretty(p).unwrap()
}

#[test]
fn the_file_backend_writes_atomically_and_keeps_the_previous_version() {
    let d = TempDir::new("atomic");
    let b = PlatformBackend::with_dir(&d.0);
    let (v1, v2, v3) = (sample(1), sample(2), sample(3));

    save(&b, KEY, &v1).unwrap();
    assert_eq!(d.files(), vec!["progress.json"]);
    assert_eq!(d.read("progress.json"), Some(pretty(&v1)));

    // the file is replaced, not rewritten in place: a hard link to the old file keeps the old
    // text (an in-place write would change it), and no temporary file is left behind
    let old_link = d.path("old-link");
    std::fs::hard_link(d.path("progress.json"), &old_link).unwrap();
    save(&b, KEY, &v2).unwrap();
    assert_eq!(std::fs::read_to_string(&old_link).unwrap(), pretty(&v1));
    std::fs::remove_file(&old_link).unwrap();
    assert_eq!(d.files(), vec!["progress.json", "progress.json.bak"]);
    assert_eq!(d.read("progress.json"), Some(pretty(&v2)));
    assert_eq!(d.read("progress.json.bak"), Some(pretty(&v1)));

    save(&b, KEY, &v3).unwrap();
    assert_eq!(d.read("progress.json"), Some(pretty(&v3)));
    assert_eq!(d.read("progress.json.bak"), Some(pretty(&v2)));
    assert_eq!(load_progress(&b, KEY), (v3, None));
    assert_eq!(
        b.location(KEY),
        d.path("progress.json").display().to_string()
    );
}

#[test]
fn the_file_backend_survives_the_states_a_crash_can_leave() {
    // killed after the temporary file was written, before the rename: the old version is read,
    // and the next save still works
    let d = TempDir::new("crash");
    let b = PlatformBackend::with_dir(&d.0);
    save(&b, KEY, &sample(1)).unwrap();
    std::fs::write(d.path("progress.json.tmp"), "{\"schema\": 2, \"lessons_op").unwrap();
    assert_eq!(load_progress(&b, KEY), (sample(1), None));
    save(&b, KEY, &sample(2)).unwrap();
    assert_eq!(d.files(), vec!["progress.json", "progress.json.bak"]);
    assert_eq!(load_progress(&b, KEY), (sample(2), None));
    // only the backup is there: it is used
    std::fs::remove_file(d.path("progress.json")).unwrap();
    assert_eq!(load_progress(&b, KEY), (sample(1), None));
    // the folder does not exist yet: the first save makes it
    let fresh = d.path("not/yet");
    let b = PlatformBackend::with_dir(&fresh);
    save(&b, KEY, &sample(1)).unwrap();
    assert_eq!(
        std::fs::read_to_string(fresh.join("progress.json")).unwrap(),
        pretty(&sample(1))
    );
}

#[test]
fn the_file_backend_keeps_corrupted_files_and_the_good_backup_on_disk() {
    for (i, (name, bad, detail)) in corruptions().into_iter().enumerate() {
        let d = TempDir::new(&format!("corrupt{i}"));
        let b = PlatformBackend::with_dir(&d.0);
        let good = sample(2);
        save(&b, KEY, &good).unwrap();
        save(&b, KEY, &sample(4)).unwrap();
        // the file is damaged on disk (not through the backend)
        std::fs::write(d.path("progress.json"), &bad).unwrap();

        let (p, problem) = load_progress(&b, KEY);
        assert_eq!(p, good, "{name}");
        let kept = d.path("progress.json.bad");
        check_problem(
            &problem.expect(name),
            &d.path("progress.json").display().to_string(),
            &kept.display().to_string(),
            &detail,
            true,
            name,
        );
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), bad, "{name}");
        assert_eq!(
            d.files(),
            vec!["progress.json.bad", "progress.json.bak"],
            "{name}"
        );

        // the app saves what it restored: the backup stays the good version
        save(&b, KEY, &p).unwrap();
        assert_eq!(d.read("progress.json.bak"), Some(pretty(&good)), "{name}");
        assert_eq!(d.read("progress.json"), Some(pretty(&good)), "{name}");
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), bad, "{name}");

        // damaged again: kept under a new name, the first one untouched
        std::fs::write(d.path("progress.json"), "{ again").unwrap();
        let (p, problem) = load_progress(&b, KEY);
        assert_eq!(p, good, "{name}");
        let again = problem.unwrap().backup;
        assert_eq!(again, d.path("progress.json.bad2").display().to_string());
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), bad, "{name}");
        assert_eq!(std::fs::read_to_string(&again).unwrap(), "{ again");
    }
}

#[test]
fn a_file_that_is_not_utf8_is_kept_and_reported() {
    let d = TempDir::new("utf8");
    let b = PlatformBackend::with_dir(&d.0);
    save(&b, KEY, &sample(1)).unwrap();
    save(&b, KEY, &sample(2)).unwrap();
    let bytes = b"{\"schema\": 2, \"lessons_opened\": [\"\xff\xfe\"]}".to_vec();
    std::fs::write(d.path("progress.json"), &bytes).unwrap();
    let (p, problem) = load_progress(&b, KEY);
    // the previous version; the unreadable bytes kept aside unchanged
    assert_eq!(p, sample(1));
    let kept = d.path("progress.json.bad");
    check_problem(
        &problem.expect("reported"),
        &d.path("progress.json").display().to_string(),
        &kept.display().to_string(),
        "line 1, column 35: the file is not valid UTF-8",
        true,
        "not UTF-8",
    );
    assert_eq!(std::fs::read(&kept).unwrap(), bytes);
    assert_eq!(d.files(), vec!["progress.json.bad", "progress.json.bak"]);
    // the next save keeps the good backup
    save(&b, KEY, &p).unwrap();
    assert_eq!(d.read("progress.json.bak"), Some(pretty(&sample(1))));
    assert_eq!(std::fs::read(&kept).unwrap(), bytes);

    // settings too: reported and kept, not taken for a missing file
    std::fs::write(d.path("settings.json"), b"{\"lang\": \"\xe4\xb8\"}").unwrap();
    let (s, problem) = kindlab::store::load::<kindlab::store::Settings>(&b, "settings");
    assert_eq!(s, kindlab::store::Settings::default());
    let problem = problem.expect("reported");
    assert_eq!(
        problem.detail,
        "line 1, column 11: the file is not valid UTF-8"
    );
    assert_eq!(
        std::fs::read(&problem.backup).unwrap(),
        b"{\"lang\": \"\xe4\xb8\"}".to_vec()
    );
}

// ---------------------------------------------------------------------------------------------
// any progress saved loads back equal

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        "gen-(nginx|down|nodes)-[0-9]{1,9}",
        "\\PC{0,8}",
        Just("节点状态".to_string()),
    ]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        -1e6f64..1e6,
        0.0f64..100.0,
    ]
}

/// The numbers FSRS keeps: a stability in days (up to a hundred years), a difficulty of 1 to 10,
/// whole numbers, and zero.
fn fsrs_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0f64..36_500.0,
        1.0f64..10.0,
        (0u32..1000).prop_map(f64::from),
        Just(0.0)
    ]
}

fn card() -> impl Strategy<Value = CardState> {
    (
        (
            any::<i64>(),
            fsrs_number(),
            fsrs_number(),
            any::<i64>(),
            any::<i64>(),
        ),
        (
            any::<i32>(),
            any::<i32>(),
            0u8..4,
            any::<i64>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (due, stability, difficulty, elapsed_days, scheduled_days),
                (reps, lapses, state, last_review, last_correct),
            )| {
                CardState {
                    due,
                    stability,
                    difficulty,
                    elapsed_days,
                    scheduled_days,
                    reps,
                    lapses,
                    state,
                    last_review,
                    last_correct,
                }
            },
        )
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Practice), Just(Mode::Exam)]
}

fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        prop::collection::vec(0usize..8, 0..4).prop_map(Response::Choice),
        "\\PC{0,20}".prop_map(Response::Text),
    ]
}

fn run() -> impl Strategy<Value = Run> {
    let shown = (
        word(),
        prop::collection::vec(
            (any::<bool>(), 0usize..6).prop_map(|(answer, index)| OptKey { answer, index }),
            0..6,
        ),
    )
        .prop_map(|(question, options)| Shown { question, options });
    let attempt = prop::option::of((response(), any::<bool>(), any::<i64>()).prop_map(
        |(response, correct, at)| Attempt {
            response,
            correct,
            at,
        },
    ));
    (
        word(),
        mode(),
        any::<u64>(),
        prop::collection::vec((shown, attempt), 0..5),
        any::<usize>(),
        any::<i64>(),
        prop::option::of(any::<i64>()),
    )
        .prop_map(|(quiz, mode, seed, items, current, started, finished)| {
            let (items, attempts) = items.into_iter().unzip();
            Run {
                quiz,
                mode,
                seed,
                items,
                attempts,
                current,
                started,
                finished,
            }
        })
}

fn prediction() -> impl Strategy<Value = Prediction> {
    (word(), any::<bool>(), any::<i64>()).prop_map(|(choice, correct, at)| Prediction {
        choice,
        correct,
        at,
    })
}

fn any_progress() -> impl Strategy<Value = Progress> {
    let record =
        (word(), word(), any::<bool>(), any::<i64>()).prop_map(|(question, quiz, correct, at)| {
            AnswerRecord {
                question,
                quiz,
                correct,
                at,
            }
        });
    let score = (
        any::<i64>(),
        any::<usize>(),
        any::<usize>(),
        mode(),
        any::<i64>(),
    )
        .prop_map(|(at, correct, total, mode, duration_ms)| ScoreRecord {
            at,
            correct,
            total,
            mode,
            duration_ms,
        });
    (
        prop::collection::btree_set(word(), 0..6),
        prop::collection::btree_set(word(), 0..6),
        any::<u32>(),
        prop::collection::vec(record, 0..8),
        prop::collection::btree_map(word(), prop::collection::vec(score, 0..4), 0..4),
        prop::collection::btree_map(word(), card(), 0..6),
        prop::collection::btree_map(word(), run(), 0..3),
        prop::collection::btree_map(word(), prediction(), 0..3),
        prop::collection::btree_map(word(), challenge(), 0..3),
    )
        .prop_map(
            |(
                lessons_opened,
                lessons_read,
                quiz_answers,
                history,
                scores,
                cards,
                runs,
                predictions,
                challenges,
            )| {
                Progress {
                    schema: SCHEMA,
                    lessons_opened,
                    lessons_read,
                    quiz_answers,
                    history,
                    scores,
                    cards,
                    runs,
                    predictions,
                    challenges,
                }
            },
        )
}

/// A break-fix challenge's record (issue 19).
fn challenge() -> impl Strategy<Value = kindlab::quiz::progress::ChallengeRecord> {
    (
        any::<bool>(),
        any::<u8>(),
        prop::option::of(word()),
        prop::option::of(any::<i64>()),
    )
        .prop_map(
            |(solved, hints, fix, solved_at)| kindlab::quiz::progress::ChallengeRecord {
                solved,
                hints,
                fix,
                solved_at,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_progress_saved_loads_back_equal(p in any_progress()) {
        let b = MemoryBackend::default();
        save(&b, KEY, &p).unwrap();
        let (back, problem) = load_progress(&b, KEY);
        prop_assert!(problem.is_none(), "{:?}", problem);
        prop_assert_eq!(&back, &p);
        // and once more, over a previous version
        save(&b, KEY, &back).unwrap();
        let again = load_progress(&b, KEY).0;
        prop_assert_eq!(&again, &p);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any finite number comes back bit for bit (the app's serde_json has `float_roundtrip`:
    /// without it, e.g. 14.026040878223645 is read back one ulp off).
    #[test]
    fn card_numbers_survive_the_round_trip_exactly(f in finite()) {
        let mut cards = BTreeMap::new();
        let c = CardState { due: 0, stability: f, difficulty: f, elapsed_days: 0, scheduled_days: 0, reps: 0, lapses: 0, state: 0, last_review: 0, last_correct: true };
        cards.insert("q".to_string(), c);
        let p = Progress { cards, ..Progress::default() };
        let b = MemoryBackend::default();
        save(&b, KEY, &p).unwrap();
        let back = load_progress(&b, KEY).0;
        prop_assert_eq!(back.cards["q"].stability.to_bits(), f.to_bits());
    }
}
