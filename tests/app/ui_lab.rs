//! The lab's components driven without a window: clicking a node in the diagram and one of its
//! actions runs the same command a learner could type, echoed in the terminal, saved with the
//! lab; the guided lab counts it.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use dioxus_core::{AttributeValue, ElementId, Mutation};
use kindlab::lab::{Lab, LabDoc, Step};
use kindlab::store::{self, MemoryBackend};
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

/// The element whose dynamic attribute `name` was last set to `value`.
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
fn clicking_a_node_and_an_action_runs_the_command_and_the_guide_counts_it() {
    dioxus::html::set_event_converter(Box::new(dioxus::html::SerializedHtmlEventConverter));
    let backend = Rc::new(MemoryBackend::default());
    let mut dom = VirtualDom::new_with_props(
        Page,
        PageProps {
            backend: StoreBackend(backend.clone()),
            path: "/lab".into(),
        },
    );
    let mut all = dom.rebuild_to_vec().edits;
    // effects and the lab's first render
    all.extend(dom.render_immediate_to_vec().edits);
    let html = dioxus_ssr::render(&dom);
    assert!(html.contains("data-testid=\"topology\""), "{html}");
    assert!(html.contains("data-kubelet=\"running\""));

    // click worker2 in the diagram, then "stop the kubelet" in its actions
    let node =
        element(&all, "data-testid", "node-cluster01-worker2").expect("worker2 in the diagram");
    click(&mut dom, node, &mut all);
    let stop = element(&all, "data-testid", "action-stop-kubelet").expect("the node's actions");
    click(&mut dom, stop, &mut all);

    let html = dioxus_ssr::render(&dom);
    // echoed in the terminal, as if typed
    assert!(
        html.contains("docker exec cluster01-worker2 systemctl stop kubelet"),
        "{html}"
    );
    assert!(html.contains("data-kubelet=\"stopped\""));
    // saved with the lab
    let (doc, problem) = store::load::<LabDoc>(&*backend, "lab");
    assert!(problem.is_none());
    assert_eq!(
        doc.steps,
        vec![Step::Run(
            "docker exec cluster01-worker2 systemctl stop kubelet".into()
        )]
    );
    // the saved lab replays to the same world, where the clicked step counts for the guide
    let mut lab = Lab::replay(doc);
    lab.open_guide("chapter");
    lab.answer_guide(0, "cluster01-worker2");
    assert_eq!(lab.doc.guides["chapter"].done, 2);
    lab.advance(60_000);
    lab.update_guides();
    assert_eq!(lab.doc.guides["chapter"].done, 4);
}
