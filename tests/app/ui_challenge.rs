//! The challenge page and its lists driven without a window (issue 19): `/zh/challenge/ID` shows
//! the goal, the era and where the learner stands in Chinese; a hint comes per click and goes
//! into the record; a saved challenge lab that was fixed comes back solved, with the cause and
//! what the fix did; the home page and a lesson list the challenges, marked solved from the
//! record; the learner's own lab stays apart.

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use dioxus_core::{AttributeValue, ElementId, Mutation};
use kindlab::lab::{Command, Lab, LabDoc};
use kindlab::store::{self, Backend, MemoryBackend, Progress};
use kindlab::ui::{App, StoreBackend};
use std::any::Any;
use std::rc::Rc;

#[derive(Props, Clone, PartialEq)]
struct PageProps {
    backend: StoreBackend,
    path: String,
}

#[allow(non_snake_case)]
fn Page(props: PageProps) -> Element {
    use_context_provider(|| props.backend.clone());
    use_context_provider(|| {
        Rc::new(MemoryHistory::with_initial_path(props.path.clone())) as Rc<dyn History>
    });
    rsx! { App {} }
}

fn render(backend: &Rc<MemoryBackend>, path: &str) -> (VirtualDom, Vec<Mutation>) {
    let mut dom = VirtualDom::new_with_props(
        Page,
        PageProps {
            backend: StoreBackend(backend.clone()),
            path: path.into(),
        },
    );
    let mut all = dom.rebuild_to_vec().edits;
    all.extend(dom.render_immediate_to_vec().edits);
    (dom, all)
}

fn element(muts: &[Mutation], name: &str, value: &str) -> Option<ElementId> {
    muts.iter().rev().find_map(|m| match m {
        Mutation::SetAttribute {
            name: n,
            value: AttributeValue::Text(v),
            id,
            ..
        } if *n == name && v == value => Some(*id),
        _ => None,
    })
}

fn click(dom: &mut VirtualDom, id: ElementId, all: &mut Vec<Mutation>) {
    let event = Event::new(
        Rc::new(PlatformEventData::new(Box::<SerializedMouseData>::default())) as Rc<dyn Any>,
        true,
    );
    dom.runtime().handle_event("click", event, id);
    all.extend(dom.render_immediate_to_vec().edits);
}

#[test]
fn a_challenge_page_in_chinese_hints_and_a_saved_fix() {
    dioxus::html::set_event_converter(Box::new(dioxus::html::SerializedHtmlEventConverter));
    let backend = Rc::new(MemoryBackend::default());
    let (mut dom, mut all) = render(&backend, "/zh/challenge/pvc-pending");
    let html = dioxus_ssr::render(&dom);
    assert!(
        html.contains("data-route=\"challenge-pvc-pending\""),
        "{html}"
    );
    assert!(html.contains("data-solved=\"false\""), "{html}");
    assert!(
        html.contains("让 Pod writer 进入 Running"),
        "the goal in Chinese"
    );
    assert!(
        html.contains("申领 data（存储类 fast）还没有 Bound"),
        "why not yet"
    );
    assert!(html.contains("data-testid=\"terminal-input\""));
    assert!(html.contains("data-testid=\"node-cluster01-worker2\""));
    assert!(!html.contains("data-testid=\"challenge-hints\""));
    assert!(!html.contains("data-testid=\"lab-topology-settings\""));
    assert!(!html.contains("data-testid=\"lab-export\""));
    // a hint per click, recorded
    let hint = element(&all, "data-shown", "0").expect("the hint button");
    click(&mut dom, hint, &mut all);
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("data-testid=\"challenge-hints\""), "{html}");
    assert!(html.contains("从 Pod 开始"), "the first hint in Chinese");
    assert!(!html.contains("对比一下"), "only the first hint");
    let (p, _) = store::load::<Progress>(&*backend, "progress");
    assert_eq!(p.challenges["pvc-pending"].hints, 1);
    assert!(!p.challenges["pvc-pending"].solved);
    // the challenge's lab is saved under its own key; the learner's lab is untouched
    let (doc, _) = store::load::<LabDoc>(&*backend, "challenge-pvc-pending");
    assert_eq!(doc.challenge.as_ref().map(|c| c.hints), Some(1));
    assert!(backend
        .read("lab")
        .is_none_or(|t| !t.contains("pvc-pending")));
    drop(dom);

    // a fixed world saved earlier comes back solved, with the cause and the fix explained
    let mut lab = Lab::replay(doc);
    lab.apply(Command::Run(
        "kubectl apply -f - <<EOF\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\nEOF".into(),
    ));
    lab.apply(Command::Tick(30_000));
    store::save(&*backend, "challenge-pvc-pending", &lab.doc).unwrap();
    let (dom, _) = render(&backend, "/challenge/pvc-pending");
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("data-solved=\"true\""), "{html}");
    assert!(html.contains("data-testid=\"challenge-explanation\""));
    assert!(html.contains("You created the StorageClass fast (provisioner rancher.io/local-path, binding mode WaitForFirstConsumer)"), "{html}");
    drop(dom);

    // the home page lists every challenge; a lesson the ones that name it
    let mut p = Progress::default();
    p.record_challenge("pvc-pending", 1, Some("created-class"), 1);
    store::save(&*backend, "progress", &p).unwrap();
    let (dom, _) = render(&backend, "/");
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("data-testid=\"home-challenges\""), "{html}");
    for id in kindlab::lab::challenge::CHALLENGES {
        assert!(
            html.contains(&format!("data-testid=\"challenge-link-{id}\"")),
            "{id}"
        );
    }
    assert!(html.contains("/challenge/pvc-pending"));
    assert!(html.contains("✓ solved"), "marked solved from the record");
    drop(dom);
    let (dom, _) = render(&backend, "/progress");
    let html = dioxus_ssr::render(&dom);
    let total = kindlab::lab::challenge::CHALLENGES.len();
    assert!(
        html.contains(&format!("Break-fix challenges solved: 1 of {total}")),
        "{html}"
    );
    drop(dom);
    let (dom, _) = render(&backend, "/zh/lesson/storage");
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("data-testid=\"lesson-challenges\""), "{html}");
    assert!(html.contains("data-testid=\"challenge-link-pvc-pending\""));
    assert!(!html.contains("data-testid=\"challenge-link-check-port-443\""));
}
