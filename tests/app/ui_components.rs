//! Component tests without a window: SSR renders and a VirtualDom driven with real events.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing

use dioxus::prelude::*;
use dioxus_core::{ElementId, Mutation};
use kindlab::store::{self, Backend, Lang, MemoryBackend, Settings, Theme};
use kindlab::ui::{App, StoreBackend};
use std::any::Any;
use std::rc::Rc;

#[derive(Props, Clone, PartialEq)]
struct RootProps {
    backend: StoreBackend,
}

/// The app with an in-memory store the test can inspect.
#[allow(non_snake_case)]
fn Root(props: RootProps) -> Element {
    use_context_provider(|| props.backend.clone());
    rsx! { App {} }
}

fn dom_with(backend: Rc<MemoryBackend>) -> (VirtualDom, Vec<Mutation>) {
    let mut dom = VirtualDom::new_with_props(
        Root,
        RootProps {
            backend: StoreBackend(backend),
        },
    );
    let muts = dom.rebuild_to_vec().edits;
    (dom, muts)
}

/// The element that got a dynamic attribute `name` in these mutations.
fn element_with_attr(muts: &[Mutation], name: &str) -> ElementId {
    muts.iter()
        .find_map(|m| match m {
            Mutation::SetAttribute { name: n, id, .. } if *n == name => Some(*id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no element with dynamic attribute {name}"))
}

fn click(dom: &mut VirtualDom, id: ElementId) -> Vec<Mutation> {
    let event = Event::new(
        Rc::new(PlatformEventData::new(Box::<SerializedMouseData>::default())) as Rc<dyn Any>,
        true,
    );
    dom.runtime().handle_event("click", event, id);
    dom.render_immediate_to_vec().edits
}

fn html(dom: &VirtualDom) -> String {
    dioxus_ssr::render(dom)
}

fn init() {
    dioxus::html::set_event_converter(Box::new(dioxus::html::SerializedHtmlEventConverter));
}

#[test]
fn renders_the_shell_in_english_by_default() {
    init();
    let (dom, _) = dom_with(Rc::new(MemoryBackend::default()));
    let page = html(&dom);
    for testid in [
        "nav-home",
        "nav-lesson-kind-ha",
        "nav-lab",
        "nav-quiz",
        "nav-progress",
        "lang-switch",
        "theme-switch",
        "page",
    ] {
        assert!(
            page.contains(&format!("data-testid=\"{testid}\"")),
            "missing {testid} in {page}"
        );
    }
    assert!(page.contains("Cluster lab"), "{page}");
    assert!(page.contains("Deploying Kubernetes with KinD"));
    assert!(!page.contains("集群实验环境"));
    assert!(page.contains("data-route=\"home\""));
}

#[test]
fn saved_chinese_settings_render_chinese_navigation() {
    init();
    let backend = Rc::new(MemoryBackend::default());
    store::save(
        &*backend,
        "settings",
        &Settings {
            lang: Some(Lang::Zh),
            theme: Theme::Dark,
        },
    )
    .unwrap();
    let (dom, _) = dom_with(backend);
    let page = html(&dom);
    assert!(page.contains("集群实验环境"), "{page}");
    assert!(page.contains("使用 KinD 部署 Kubernetes"));
    assert!(page.contains("data-theme=\"dark\""));
    assert!(!page.contains("Cluster lab"));
}

#[test]
fn clicking_the_language_switch_changes_navigation_and_saves_the_choice() {
    init();
    let backend = Rc::new(MemoryBackend::default());
    let (mut dom, muts) = dom_with(backend.clone());
    let switch = element_with_attr(&muts, "data-lang");
    assert!(html(&dom).contains("Cluster lab"));

    click(&mut dom, switch);
    let page = html(&dom);
    assert!(page.contains("集群实验环境"), "{page}");
    assert!(page.contains("data-lang=\"zh-CN\""));
    assert!(!page.contains(">Cluster lab<"));
    let (saved, problem) = store::load::<Settings>(&*backend, "settings");
    assert!(problem.is_none());
    assert_eq!(saved.lang, Some(Lang::Zh));

    // and back
    click(&mut dom, switch);
    assert!(html(&dom).contains("Cluster lab"));
    assert_eq!(
        store::load::<Settings>(&*backend, "settings").0.lang,
        Some(Lang::En)
    );
}

#[test]
fn the_theme_switch_cycles_light_dark_system_and_saves() {
    init();
    let backend = Rc::new(MemoryBackend::default());
    let (mut dom, muts) = dom_with(backend.clone());
    // the theme button carries its own dynamic data-theme; the app root's comes first
    let ids: Vec<ElementId> = muts
        .iter()
        .filter_map(|m| match m {
            Mutation::SetAttribute { name, id, .. } if *name == "data-theme" => Some(*id),
            _ => None,
        })
        .collect();
    assert_eq!(ids.len(), 2, "app root and theme switch");
    let switch = ids[1];
    assert!(html(&dom).contains("data-theme=\"system\""));
    let mut seen = vec![];
    for _ in 0..3 {
        click(&mut dom, switch);
        seen.push(store::load::<Settings>(&*backend, "settings").0.theme);
    }
    assert_eq!(seen, vec![Theme::Light, Theme::Dark, Theme::System]);
}

#[test]
fn an_unreadable_settings_file_is_reported_and_kept() {
    init();
    let backend = Rc::new(MemoryBackend::default());
    backend
        .write("settings", "{ \"lang\": \"klingon\" }")
        .unwrap();
    let (dom, _) = dom_with(backend.clone());
    let page = html(&dom);
    assert!(page.contains("data-testid=\"notice\""), "{page}");
    assert!(page.contains("memory:settings"));
    assert!(page.contains("line 1"));
    assert_eq!(
        backend.read("settings.bad").as_deref(),
        Some("{ \"lang\": \"klingon\" }")
    );
}
