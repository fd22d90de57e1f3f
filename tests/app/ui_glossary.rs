//! The glossary, "before you begin" and a lesson's further reading, rendered by the app
//! (dioxus-ssr, the built-in content) at their URLs in both languages: every term with its
//! anchor, a lesson's first use of a term linked there (and only the first), the sources of the
//! front matter at the lesson's end.

use dioxus::history::{History, MemoryHistory};
use dioxus::prelude::*;
use kindlab::content::{self, Lang};
use kindlab::store::MemoryBackend;
use kindlab::ui::{App, StoreBackend};
use std::rc::Rc;

#[derive(Props, Clone, PartialEq)]
struct PageProps {
    path: String,
}

#[allow(non_snake_case)]
fn Page(props: PageProps) -> Element {
    use_context_provider(|| StoreBackend(Rc::new(MemoryBackend::default())));
    use_context_provider(|| {
        Rc::new(MemoryHistory::with_initial_path(props.path.clone())) as Rc<dyn History>
    });
    rsx! { App {} }
}

/// The page at `path`, as HTML.
fn render(path: &str) -> String {
    let mut dom = VirtualDom::new_with_props(
        Page,
        PageProps {
            path: path.to_string(),
        },
    );
    dom.rebuild_in_place();
    dioxus_ssr::render(&dom)
}

/// The page at `path`, its character references decoded (what a reader sees; the markup's
/// own quotes stay, so attributes are still found by their `name="`).
fn render_text(path: &str) -> String {
    render(path)
        .replace("&lt;", "<")
        .replace("&#60;", "<")
        .replace("&gt;", ">")
        .replace("&#62;", ">")
        .replace("&#34;", "\u{201d}")
        .replace("&quot;", "\u{201d}")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Text as [`render_text`] shows it.
fn escaped(s: &str) -> String {
    s.replace('"', "\u{201d}")
}

/// The opening tags of the `<a>` elements with `data-testid="glossary-link"`.
fn glossary_links(html: &str) -> Vec<&str> {
    html.split("<a ")
        .skip(1)
        .filter_map(|a| a.split('>').next())
        .filter(|tag| tag.contains("data-testid=\"glossary-link\""))
        .collect()
}

#[test]
fn the_glossary_page_shows_every_term_in_both_languages_at_its_anchor() {
    let g = &content::bundle().glossary;
    assert!(!g.terms.is_empty());
    for (path, lang) in [("/glossary", Lang::En), ("/zh/glossary", Lang::Zh)] {
        let html = render_text(path);
        assert!(html.contains("data-testid=\"glossary\""), "{path}");
        for t in &g.terms {
            let at = html
                .find(&format!("id=\"{}\"", t.id))
                .unwrap_or_else(|| panic!("{path}: no anchor #{}", t.id));
            // the term and its definition in the page's language, right there
            let entry = &html[at..];
            let shown = escaped(&t.shown(lang));
            let def = escaped(t.def.get(lang));
            assert!(entry.contains(&shown), "{path}: {shown}");
            assert!(
                entry.contains(&def),
                "{path}: {def}\n{}",
                &entry[..entry.len().min(600)]
            );
        }
        // sorted as this language reads (English: by term; Chinese: by pinyin)
        let positions: Vec<usize> = g
            .sorted(lang)
            .iter()
            .map(|t| html.find(&format!("data-term=\"{}\"", t.id)).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{path}");
        // the command sheet: each command at its anchor, "try in the lab" where the lab takes it
        assert!(html.contains("id=\"commands\""));
        for c in &g.commands {
            assert!(
                html.contains(&format!("id=\"{}\"", c.id)),
                "{path}: {}",
                c.id
            );
            assert!(
                html.contains(&escaped(c.does.get(lang))),
                "{path}: {}",
                c.id
            );
        }
        let lab = g
            .commands
            .iter()
            .filter(|c| !c.sample.commands.is_empty())
            .count();
        assert_eq!(html.matches("data-testid=\"code-try\"").count(), lab);
    }
    // the Chinese page puts the API name beside the Chinese term
    assert!(render_text("/zh/glossary").contains("污点（taint）"));
}

#[test]
fn a_lessons_first_use_of_a_term_links_to_its_anchor_and_the_second_does_not() {
    let g = &content::bundle().glossary;
    for (path, lang) in [
        ("/lesson/kubelet-failure", Lang::En),
        ("/zh/lesson/kubelet-failure", Lang::Zh),
    ] {
        let html = render_text(path);
        let links = glossary_links(&html);
        assert!(links.len() > 5, "{path}: {links:?}");
        let kubelet: Vec<&&str> = links
            .iter()
            .filter(|a| a.contains("data-term=\"kubelet\""))
            .collect();
        assert_eq!(kubelet.len(), 1, "{path}");
        let href = match lang {
            Lang::En => "href=\"/glossary#kubelet\"",
            Lang::Zh => "href=\"/zh/glossary#kubelet\"",
        };
        assert!(kubelet[0].contains(href), "{path}: {}", kubelet[0]);
        let title = format!(
            "title=\"{}\"",
            escaped(g.term("kubelet").unwrap().def.get(lang))
        );
        assert!(kubelet[0].contains(&title), "{path}: {}", kubelet[0]);
        // the word comes again after its link, as plain text
        let after = html.split("data-term=\"kubelet\"").nth(1).unwrap();
        let body_end = after.find("data-testid=\"further-reading\"").unwrap();
        assert!(after[..body_end].matches("kubelet").count() > 3, "{path}");
        // no term is linked twice in one lesson
        let mut ids: Vec<&str> = links
            .iter()
            .filter_map(|a| a.split("data-term=\"").nth(1)?.split('"').next())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{path}");
    }
}

#[test]
fn a_lesson_ends_with_its_further_reading_from_the_front_matter() {
    for (path, slug, lang) in [
        ("/lesson/storage", "storage", Lang::En),
        ("/zh/lesson/storage", "storage", Lang::Zh),
        ("/lesson/summary", "summary", Lang::En),
    ] {
        let lesson = content::bundle().lesson(slug, lang).unwrap();
        assert!(!lesson.sources.is_empty());
        let html = render_text(path);
        let at = html
            .find("data-testid=\"further-reading\"")
            .unwrap_or_else(|| panic!("{path}: no further reading"));
        let section = &html[at..];
        for s in &lesson.sources {
            assert!(section.contains(&format!("href=\"{}\"", s.url)), "{path}");
            assert!(section.contains(&escaped(&s.title)), "{path}");
        }
    }
    // storage draws on Kubernetes's storage pages, CSI and Rancher's provisioner
    let html = render("/lesson/storage");
    for url in [
        "https://kubernetes.io/docs/concepts/storage/",
        "https://kubernetes-csi.github.io/docs/",
        "https://github.com/rancher/local-path-provisioner",
    ] {
        assert!(html.contains(url), "{url}");
    }
}

#[test]
fn before_you_begin_is_linked_from_home_and_lesson_one_and_says_which_versions() {
    let home = render("/");
    assert!(home.contains("data-testid=\"home-start-page\""));
    assert!(home.contains("href=\"/start\""));
    assert!(home.contains("href=\"/glossary\""));
    let first = &content::bundle().order[0];
    let lesson = render(&format!("/zh/lesson/{first}"));
    assert!(lesson.contains("data-testid=\"lesson-before-begin\""));
    assert!(lesson.contains("href=\"/zh/start\""));
    for (path, words) in [
        (
            "/start",
            &[
                "Kubernetes 1.31",
                "kind 0.30",
                "Calico",
                "mandatory.yaml",
                "2.2",
            ][..],
        ),
        (
            "/zh/start",
            &[
                "Kubernetes 1.31",
                "kind 0.30",
                "Calico",
                "mandatory.yaml",
                "2.2",
            ][..],
        ),
    ] {
        let html = render_text(path);
        assert!(html.contains("data-testid=\"start\""), "{path}");
        assert_eq!(
            html.matches("data-testid=\"start-section\"").count(),
            content::bundle().glossary.start.len()
        );
        for w in words {
            assert!(html.contains(w), "{path}: {w}");
        }
        assert!(html.contains("https://docs.haproxy.org/2.9/configuration.html"));
    }
}
