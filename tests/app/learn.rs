//! Checkpoints and predictions in lessons (issue 19), through the quiz layer as the lesson page
//! uses it: a checkpoint's answer lands in the record and the review queue like any other; a
//! prediction is stored once, right or wrong against what the simulator shows; a page with a
//! saved prediction shows the guess beside the simulator's result.

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use kindlab::content::model::{Block, Predict, Question, QuestionKind, Widget};
use kindlab::content::Lang;
use kindlab::lab::predict::observe;
use kindlab::quiz::catalog::REVIEW;
use kindlab::quiz::{self, srs, Catalog, Command, Response, Shown};
use kindlab::sim::{Session, SessionOptions};
use kindlab::store::{self, Backend, MemoryBackend, Progress};
use kindlab::ui::{App, Edition, StoreBackend};
use std::rc::Rc;

const T0: i64 = 1_780_000_000_000;
const DAY: i64 = 86_400_000;

fn right(q: &Question, s: &Shown) -> Response {
    match &q.kind {
        QuestionKind::Choice(_) => Response::Choice(
            s.options
                .iter()
                .enumerate()
                .filter(|(_, k)| k.answer)
                .map(|(i, _)| i)
                .collect(),
        ),
        QuestionKind::Short(sh) => Response::Text(sh.answer.en.clone()),
    }
}

/// Every (lesson slug, widget) of the English lessons that is a checkpoint or a prediction.
fn learning(lang: Lang) -> Vec<(String, Widget)> {
    let b = kindlab::content::bundle();
    let mut v = vec![];
    for l in b.lessons_in(lang) {
        for blk in &l.blocks {
            if let Block::Widget(w @ (Widget::Checkpoint { .. } | Widget::Predict(_))) = blk {
                v.push((l.slug.clone(), w.clone()));
            }
        }
    }
    v
}

fn predictions() -> Vec<(String, Predict)> {
    learning(Lang::En)
        .into_iter()
        .filter_map(|(s, w)| match w {
            Widget::Predict(p) => Some((s, *p)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_answered_checkpoint_lands_in_the_record_and_the_review_queue() {
    let c = Catalog::default();
    let mut p = Progress::default();
    let ids: Vec<String> = learning(Lang::En)
        .into_iter()
        .filter_map(|(_, w)| match w {
            Widget::Checkpoint { questions } => Some(questions),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(ids.len() >= 7, "{ids:?}");
    for (i, id) in ids.iter().enumerate() {
        let q = c.question(id).expect("the checkpoint's question");
        // the order shown before the answer is the order the answer is scored in
        let shown = quiz::checkpoint_run(&q, 0).items[0].clone();
        let response = right(&q, &shown);
        let out = p.apply(
            Command::Checkpoint {
                question: id.clone(),
                response: response.clone(),
            },
            &c,
            T0 + i as i64,
        );
        assert_eq!(out.correct, Some(true), "{id}");
        assert!(out.changed);
        let last = p.history.last().expect("recorded");
        assert_eq!(
            (last.question.as_str(), last.quiz.as_str(), last.correct),
            (id.as_str(), quiz::checkpoint_key(id).as_str(), true)
        );
        assert!(p.cards.contains_key(id), "{id} is scheduled for review");
        // a second answer changes nothing
        let again = p.apply(
            Command::Checkpoint {
                question: id.clone(),
                response,
            },
            &c,
            T0 + 99,
        );
        assert!(!again.changed && again.correct.is_none());
        let run = &p.runs[&quiz::checkpoint_key(id)];
        assert!(run.answered() && !run.is_finished());
    }
    assert_eq!(p.quiz_answers as usize, ids.len());
    assert!(
        p.scores.is_empty(),
        "a checkpoint is no quiz run with a score"
    );
    // days later they come back in the review quiz
    let later = T0 + 60 * DAY;
    let due = srs::due(&p.cards, later);
    assert!(ids.iter().all(|id| due.contains(id)), "{due:?}");
    assert!(c.count(REVIEW, &p.cards, later) > 0);
}

#[test]
fn a_wrong_checkpoint_answer_is_recorded_wrong() {
    let c = Catalog::default();
    let mut p = Progress::default();
    let out = p.apply(
        Command::Checkpoint {
            question: "kubelet-failure-eviction-seconds".into(),
            response: Response::Text("5".into()),
        },
        &c,
        T0,
    );
    assert_eq!(out.correct, Some(false));
    assert!(!p.history[0].correct);
    // an unknown question records nothing
    let out = p.apply(
        Command::Checkpoint {
            question: "no-such-question".into(),
            response: Response::Text("x".into()),
        },
        &c,
        T0,
    );
    assert!(!out.changed);
    assert_eq!(p.history.len(), 1);
}

#[test]
fn a_prediction_is_stored_once_and_judged_by_what_the_simulator_shows() {
    let c = Catalog::default();
    let preds = predictions();
    assert_eq!(preds.len(), 7, "one per lesson");
    let mut p = Progress::default();
    for (slug, pr) in &preds {
        let o = observe(&pr.run, &pr.observe).expect("observed");
        let values: Vec<&str> = pr.choices.iter().map(|c| c.value.as_str()).collect();
        let right = quiz::predict::matching(values.iter().copied(), &o.value);
        assert_eq!(
            right.len(),
            1,
            "{slug}/{}: {} matches {right:?}",
            pr.id,
            o.value
        );
        let wrong = (0..values.len())
            .find(|i| *i != right[0])
            .expect("a wrong choice");
        // commit a wrong guess, then try to change it
        let key = quiz::predict::key(slug, &pr.id);
        let out = p.apply(
            Command::Predict {
                key: key.clone(),
                choice: values[wrong].into(),
                observed: o.value.clone(),
            },
            &c,
            T0,
        );
        assert_eq!(out.correct, Some(false), "{key}");
        let out = p.apply(
            Command::Predict {
                key: key.clone(),
                choice: values[right[0]].into(),
                observed: o.value.clone(),
            },
            &c,
            T0 + 1,
        );
        assert!(!out.changed, "a committed guess stays");
        assert_eq!(p.predictions[&key].choice, values[wrong]);
        assert!(!p.predictions[&key].correct);
    }
    // saved and read back (a reload): the guesses are there
    let text = serde_json::to_string(&p).unwrap();
    let back = store::progress::parse(&text).unwrap();
    assert_eq!(back.predictions, p.predictions);
    assert_eq!(back.predictions.len(), 7);
}

#[test]
fn the_observations_are_what_the_simulator_shows() {
    // lesson 4: NotReady, looked at independently with `kubectl get nodes` just before and at
    // the moment the rule reports
    let (_, pr) = predictions()
        .into_iter()
        .find(|(_, p)| p.observe.starts_with("seconds-until"))
        .expect("a timing prediction");
    let o = observe(&pr.run, &pr.observe).unwrap();
    let ms = (o.value.parse::<f64>().unwrap() * 1000.0).round() as i64;
    let mut s = Session::new(SessionOptions::default());
    for r in &pr.run {
        s.run(r);
    }
    let status = |s: &mut Session| {
        s.run("kubectl get nodes cluster01-worker2")
            .lines()
            .nth(1)
            .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
            .unwrap()
    };
    s.advance(ms - 100);
    assert_eq!(status(&mut s), "Ready");
    s.advance(100);
    assert_eq!(status(&mut s), "NotReady");
    // lesson 5: the containers `docker ps` lists after kind delete cluster
    let (_, pr) = predictions()
        .into_iter()
        .find(|(_, p)| p.id == "after-delete")
        .expect("the cleanup prediction");
    let o = observe(&pr.run, &pr.observe).unwrap();
    let mut s = Session::new(SessionOptions::default());
    for r in &pr.run {
        s.run(r);
    }
    let ps = s.run("docker ps");
    assert_eq!(o.value, (ps.lines().count() - 1).to_string());
    assert!(o.lines.iter().all(|name| ps.contains(name.as_str())));
}

#[derive(Props, Clone, PartialEq)]
struct PageProps {
    backend: StoreBackend,
    path: String,
    edition: Edition,
}

#[allow(non_snake_case)]
fn Page(props: PageProps) -> Element {
    use_context_provider(|| props.backend.clone());
    use_context_provider(|| {
        Rc::new(MemoryHistory::with_initial_path(props.path.clone())) as Rc<dyn History>
    });
    use_context_provider(|| props.edition);
    rsx! { App {} }
}

#[test]
fn a_lesson_shows_a_saved_guess_beside_the_result_and_an_answered_checkpoint() {
    let (slug, pr) = predictions()
        .into_iter()
        .find(|(s, _)| s == "kubelet-failure")
        .expect("lesson 4's prediction");
    let o = observe(&pr.run, &pr.observe).unwrap();
    let c = Catalog::default();
    let mut p = Progress::default();
    let right = quiz::predict::matching(pr.choices.iter().map(|c| c.value.as_str()), &o.value)[0];
    p.apply(
        Command::Predict {
            key: quiz::predict::key(&slug, &pr.id),
            choice: pr.choices[right].value.clone(),
            observed: o.value.clone(),
        },
        &c,
        T0,
    );
    p.apply(
        Command::Checkpoint {
            question: "kubelet-failure-eviction-seconds".into(),
            response: Response::Text("300".into()),
        },
        &c,
        T0,
    );
    let backend = Rc::new(MemoryBackend::default());
    backend
        .write("progress", &serde_json::to_string(&p).unwrap())
        .unwrap();
    let mut dom = VirtualDom::new_with_props(
        Page,
        PageProps {
            backend: StoreBackend(backend),
            path: format!("/lesson/{slug}"),
            edition: Edition::Full,
        },
    );
    dom.rebuild_in_place();
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("data-testid=\"predict-result\""), "{html}");
    assert!(html.contains("data-correct=\"true\""));
    // the simulator's own line is on the page, with the value it showed
    let row = o.lines.last().unwrap();
    assert!(row.contains("NotReady"));
    assert!(html.contains(row.split_whitespace().next().unwrap()));
    assert!(html.contains(&format!("$ sleep {}s", o.value)));
    // the checkpoint is answered, right, with its explanation
    assert!(html.contains("data-question=\"kubelet-failure-eviction-seconds\""));
    assert!(html.contains("data-testid=\"checkpoint\""));
    assert!(html.contains("data-answered=\"true\""));
    assert!(html.contains("data-testid=\"quiz-feedback\""));
    // the other checkpoint of the lesson is not answered yet
    assert!(html.contains("data-answered=\"false\""));
}
