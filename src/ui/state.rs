use super::routes::{LangHistory, Route};
use crate::store::{self, Backend, Lang, PlatformBackend, Progress, Settings, Theme};
use dioxus::prelude::*;
use std::rc::Rc;

const SETTINGS_KEY: &str = "settings";
const PROGRESS_KEY: &str = "progress";
#[cfg(has_lab)]
const LAB_KEY: &str = "lab";

/// Where a challenge's lab is saved.
#[cfg(has_lab)]
fn challenge_key(id: &str) -> String {
    format!("challenge-{id}")
}

/// Where the app keeps saved documents. Provided as context; the platform's backend is used when
/// none is provided (tests provide an in-memory one).
#[derive(Clone)]
pub struct StoreBackend(pub Rc<dyn Backend>);

impl PartialEq for StoreBackend {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The languages the browser or the system prefers, for a first visit with no saved choice
/// (provided by the launcher: `navigator.languages` on the web, the OS locale on desktop).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreferredLang(pub Option<Lang>);

impl PreferredLang {
    /// The first of BCP 47 tags (most preferred first) that kindlab has: `zh-*` or `en-*`.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> PreferredLang {
        let found = tags.into_iter().find_map(|t| {
            let t = t.trim().to_ascii_lowercase();
            if t == "zh" || t.starts_with("zh-") || t.starts_with("zh_") {
                Some(Lang::Zh)
            } else if t == "en" || t.starts_with("en-") || t.starts_with("en_") {
                Some(Lang::En)
            } else {
                None
            }
        });
        PreferredLang(found)
    }
}

/// App-wide state shared through context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The language shown: the URL's (`/zh/...` is Chinese).
    pub lang: Signal<Lang>,
    /// The settings (saved at once when changed).
    pub settings: Signal<Settings>,
    /// The learner's record: lessons, answers, scores, review schedule, runs.
    pub progress: Signal<Progress>,
    /// A message for the user (e.g. a save that failed), shown in a banner.
    pub notice: Signal<Option<String>>,
    /// Saved documents that could not be read at start-up (kept aside), shown in a banner in
    /// the learner's language.
    pub load_problems: Signal<Vec<store::LoadProblem>>,
    /// A heading to scroll to once the next lesson page is shown (cross-lesson links, search).
    pub scroll_to: Signal<Option<String>>,
    /// Commands handed to the lab ("try in the lab"), waiting to be run there.
    pub lab_commands: Signal<Option<String>>,
    /// A guided lab to open in the lab.
    pub lab_guide: Signal<Option<String>>,
    /// The learner's lab (loaded and replayed the first time a lab is shown).
    #[cfg(has_lab)]
    pub lab: Signal<Option<crate::lab::Lab>>,
    /// Bumped whenever a content pack arrives (the web loads lessons and quizzes on demand):
    /// components that show content read it, so they render again.
    pub content_rev: Signal<u32>,
    /// The quizzes' questions by id (generated ones are made once).
    pub quizzes: CopyValue<Rc<crate::quiz::Catalog>>,
    /// Whether no page has been shown yet: the first one was put on screen by the browser (a
    /// pre-rendered page the app takes over), so it keeps its scroll position.
    pub first_page: CopyValue<bool>,
    backend: CopyValue<StoreBackend>,
    /// The saved record as this instance last read or wrote it (a different one on disk or in
    /// localStorage was written by another tab or window: merged in at the next save).
    progress_seen: CopyValue<Option<String>>,
}

impl AppState {
    fn save<T: serde::Serialize>(&self, key: &str, value: &T) {
        let backend = self.backend.read().0.clone();
        if let Err(e) = store::save(&*backend, key, value) {
            let mut notice = self.notice;
            let location = backend.location(key);
            notice.set(Some(
                super::i18n::t!("save-failed", location: location, detail: e),
            ));
        }
    }

    /// Saves the record, merging in what another tab or window saved meanwhile
    /// ([`store::save_progress`]).
    fn save_progress(&self) {
        let backend = self.backend.read().0.clone();
        let mut seen = self.progress_seen;
        let mut progress = self.progress;
        let mut mine = progress.peek().clone();
        let mut last = seen.peek().clone();
        let saved = store::save_progress(&*backend, PROGRESS_KEY, &mut mine, &mut last);
        seen.set(last);
        match saved {
            Ok(true) => progress.set(mine),
            Ok(false) => {}
            Err(e) => {
                let mut notice = self.notice;
                let location = backend.location(PROGRESS_KEY);
                notice.set(Some(
                    super::i18n::t!("save-failed", location: location, detail: e),
                ));
            }
        }
    }

    /// Takes the record another tab or window saved (the web's `storage` event): every change
    /// is saved at once, so the saved record holds all of this one's too.
    pub fn reload_progress(&self) {
        let backend = self.backend.read().0.clone();
        let Some(text) = backend.read(PROGRESS_KEY) else {
            return;
        };
        if self.progress_seen.peek().as_deref() == Some(text.as_str()) {
            return;
        }
        if let Ok(theirs) = store::progress::parse(&text) {
            let mut progress = self.progress;
            let mut mine = progress.peek().clone();
            mine.merge(&theirs);
            progress.set(mine);
            let mut seen = self.progress_seen;
            seen.set(Some(text));
        }
    }

    fn persist(&self) {
        self.save(SETTINGS_KEY, &*self.settings.peek());
    }

    /// Records that a lesson was opened (saved at once; a no-op when already recorded).
    pub fn mark_lesson_opened(&mut self, slug: &str) {
        if self.progress.peek().lessons_opened.contains(slug) {
            return;
        }
        self.progress
            .write()
            .lessons_opened
            .insert(slug.to_string());
        self.save_progress();
    }

    /// Hands what the learner did to a quiz to the record ([`Progress::apply`]) and saves what
    /// changed: the one way the quiz's components change it.
    pub fn quiz(&mut self, cmd: crate::quiz::Command) -> crate::quiz::Outcome {
        let catalog = self.quizzes.read().clone();
        let out = self
            .progress
            .write()
            .apply(cmd, &catalog, crate::store::now_ms());
        if out.changed {
            self.save_progress();
        }
        out
    }

    /// Changes the progress document and saves it at once (after every answer).
    pub fn update_progress(&mut self, f: impl FnOnce(&mut Progress)) {
        f(&mut self.progress.write());
        self.save_progress();
    }

    /// Replaces the whole progress document (an import), saved at once; the version it
    /// replaces becomes the backup.
    pub fn replace_progress(&mut self, p: Progress) {
        self.progress.set(p);
        // a replacement, not a merge: what is saved now is what it replaces
        let backend = self.backend.read().0.clone();
        let mut seen = self.progress_seen;
        seen.set(backend.read(PROGRESS_KEY));
        self.save_progress();
    }

    /// Makes sure the lab is loaded: the saved lab replayed, or a fresh one (the learner's own
    /// lab, not a challenge's).
    #[cfg(has_lab)]
    pub fn ensure_lab(&mut self) {
        let own = self.lab.peek().as_ref().map(|l| l.doc.challenge.is_none());
        if own == Some(true) {
            return;
        }
        let backend = self.backend.read().0.clone();
        let (doc, problem) = store::load::<crate::lab::LabDoc>(&*backend, LAB_KEY);
        if let Some(p) = problem {
            self.load_problems.write().push(p);
        }
        self.lab.set(Some(crate::lab::Lab::replay(doc)));
    }

    /// Shows challenge `id`'s lab: its saved world replayed, or its broken world afresh (the
    /// learner's own lab is saved first and comes back on `/lab`). False: no such challenge.
    #[cfg(has_lab)]
    pub fn open_challenge(&mut self, id: &str) -> bool {
        let shown = self
            .lab
            .peek()
            .as_ref()
            .and_then(|l| l.doc.challenge.as_ref().map(|c| c.id == id));
        if shown == Some(true) {
            return true;
        }
        let Some(fresh) = crate::lab::Lab::for_challenge(id, crate::sim::DEFAULT_SEED) else {
            return false;
        };
        self.save_lab();
        let backend = self.backend.read().0.clone();
        let key = challenge_key(id);
        let (doc, problem) = store::load::<crate::lab::LabDoc>(&*backend, &key);
        if let Some(p) = problem {
            self.load_problems.write().push(p);
        }
        let lab = match &doc.challenge {
            Some(c) if c.id == id => crate::lab::Lab::replay(doc),
            _ => fresh,
        };
        self.lab.set(Some(lab));
        true
    }

    /// Saves the lab (the seed, the steps taken, the history, guided labs); a challenge's lab
    /// under its own key.
    #[cfg(has_lab)]
    pub fn save_lab(&self) {
        if let Some(lab) = self.lab.peek().as_ref() {
            match &lab.doc.challenge {
                Some(c) => self.save(&challenge_key(&c.id), &lab.doc),
                None => self.save(LAB_KEY, &lab.doc),
            }
        }
    }

    /// Hands what the learner did to the lab ([`crate::lab::Lab::apply`]) and saves what
    /// changed: the one way the lab's components change it.
    #[cfg(has_lab)]
    pub fn dispatch(&mut self, cmd: crate::lab::Command) -> crate::lab::Outcome {
        let out = match self.lab.write().as_mut() {
            Some(l) => l.apply(cmd),
            None => return crate::lab::Outcome::default(),
        };
        if out.save {
            self.save_lab();
        }
        self.record_challenge(&out);
        out
    }

    /// A challenge's hints shown and its solve go into the learner's record.
    #[cfg(has_lab)]
    fn record_challenge(&mut self, out: &crate::lab::Outcome) {
        let Some((id, hints)) = self.lab.peek().as_ref().and_then(|l| {
            let c = l.doc.challenge.as_ref()?;
            Some((c.id.clone(), c.hints))
        }) else {
            return;
        };
        let fix = out.solved.as_ref().map(|s| s.fix.as_str());
        // looked at without writing: the clock dispatches on every frame
        let cur = self.progress.peek().challenges.get(&id).cloned();
        let next = cur
            .unwrap_or_default()
            .updated(hints, fix, crate::store::now_ms());
        if let Some(next) = next {
            self.progress.write().challenges.insert(id, next);
            self.save(PROGRESS_KEY, &*self.progress.peek());
        }
    }

    /// Where the progress document is kept (for the progress page).
    pub fn progress_location(&self) -> String {
        self.backend.read().0.location(PROGRESS_KEY)
    }

    /// Marks a lesson read (or not read), saved at once.
    pub fn set_lesson_read(&mut self, slug: &str, read: bool) {
        if self.progress.peek().lessons_read.contains(slug) == read {
            return;
        }
        {
            let mut p = self.progress.write();
            if read {
                p.lessons_read.insert(slug.to_string());
            } else {
                p.lessons_read.remove(slug);
            }
        }
        self.save_progress();
    }

    /// The language shown, as the content model names it.
    pub fn lang(&self) -> crate::content::Lang {
        *self.lang.read()
    }

    /// Shows `lang` (the URL is already in it): every message follows.
    pub fn show_lang(&mut self, lang: Lang) {
        if *self.lang.peek() != lang {
            self.lang.set(lang);
        }
    }

    /// The URL's language changed under the app (back, forward): an English path while the
    /// learner chose Chinese goes to its Chinese twin (as a first visit would); otherwise the
    /// page is shown in the URL's language.
    pub fn follow_url(&mut self, url_lang: Lang, history: Rc<LangHistory>, route: Route) {
        if url_lang == *self.lang.peek() {
            return;
        }
        if url_lang == Lang::En && self.settings.peek().lang == Some(Lang::Zh) {
            history.switch_to(Lang::Zh, None);
            navigator().replace(route);
            return;
        }
        let mut state = *self;
        let missing = crate::content::missing(
            &crate::content::Part::for_path(&route.to_string()),
            url_lang,
        );
        spawn(async move {
            if let Err(e) = super::web::load_packs(missing).await {
                state.notice.set(Some(e));
            }
            state.show_lang(url_lang);
        });
    }

    /// The language switch: saves the choice and goes to the twin page of `route` in `lang`,
    /// at the heading `anchor` (the section being read). On the web the other language's
    /// content pack is fetched first when it is not loaded yet.
    pub fn switch_lang(
        &mut self,
        lang: Lang,
        anchor: Option<String>,
        history: Rc<LangHistory>,
        route: Route,
    ) {
        let mut state = *self;
        let parts = crate::content::Part::for_path(&route.to_string());
        let mut go = move || {
            state.settings.write().lang = Some(lang);
            state.persist();
            state.show_lang(lang);
            history.switch_to(lang, anchor.clone());
            // the twin page replaces this one: back goes to the page before, not to the
            // other language
            navigator().replace(route.clone());
            if let Some(a) = anchor.clone() {
                spawn(async move {
                    super::doc::after_paint().await;
                    super::doc::scroll_to(&a);
                });
            }
        };
        let missing = crate::content::missing(&parts, lang);
        if missing.is_empty() {
            go();
        } else {
            spawn(async move {
                let mut go = go;
                match super::web::load_packs(missing).await {
                    Ok(()) => go(),
                    Err(e) => state.notice.set(Some(e)),
                }
            });
        }
    }

    /// light -> dark -> system -> light, saved.
    pub fn cycle_theme(&mut self) {
        let next: Theme = self.settings.peek().theme.next();
        self.settings.write().theme = next;
        self.persist();
    }
}

/// Makes sure the content `parts` are in (the web loads a lesson's text, the quizzes, on
/// demand; natively everything is). False until they are: the component renders again then.
pub(super) fn use_content(parts: Vec<crate::content::Part>) -> bool {
    let mut state = use_context::<AppState>();
    let lang = state.lang();
    let _rev = state.content_rev.read();
    let missing = crate::content::missing(&parts, lang);
    let mut asked = use_signal(|| None::<Vec<String>>);
    if missing.is_empty() {
        return true;
    }
    if asked.peek().as_ref() != Some(&missing) {
        asked.set(Some(missing.clone()));
        spawn(async move {
            if let Err(e) = super::web::load_packs(missing).await {
                state.notice.set(Some(e));
            }
            *state.content_rev.write() += 1;
        });
    }
    false
}

/// Loads the saved settings once and provides the state to the tree. The language shown is the
/// URL's; a page without a language prefix is shown in the saved choice, else in the
/// browser's or system's language (the URL is replaced with the twin page's then).
pub(super) fn use_app_state_provider(history: Rc<LangHistory>) -> AppState {
    use_context_provider(|| {
        let backend = try_consume_context::<StoreBackend>()
            .unwrap_or_else(|| StoreBackend(Rc::new(PlatformBackend::new())));
        let (settings, problem) = store::load::<Settings>(&*backend.0, SETTINGS_KEY);
        let (progress, problem2) = store::load_progress(&*backend.0, PROGRESS_KEY);
        // what this instance has seen saved (an unusable file was moved aside: none)
        let progress_seen = backend.0.read(PROGRESS_KEY);
        let problems: Vec<store::LoadProblem> = [problem, problem2].into_iter().flatten().collect();
        let preferred = try_consume_context::<PreferredLang>().and_then(|p| p.0);
        let lang = if history.prefixed() {
            history.lang()
        } else {
            settings.lang.or(preferred).unwrap_or_default()
        };
        if lang != history.lang() {
            history.replace_lang(lang);
        }
        AppState {
            lang: Signal::new(lang),
            load_problems: Signal::new(problems),
            settings: Signal::new(settings),
            progress: Signal::new(progress),
            notice: Signal::new(None),
            scroll_to: Signal::new(None),
            lab_commands: Signal::new(None),
            lab_guide: Signal::new(None),
            #[cfg(has_lab)]
            lab: Signal::new(None),
            first_page: CopyValue::new(true),
            quizzes: CopyValue::new(Rc::new(crate::quiz::Catalog::default())),
            content_rev: Signal::new(0),
            backend: CopyValue::new(backend),
            progress_seen: CopyValue::new(progress_seen),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preferred_language_is_the_first_kindlab_has() {
        let p = |tags: &[&str]| PreferredLang::from_tags(tags.iter().copied()).0;
        assert_eq!(p(&["zh-CN", "en-US"]), Some(Lang::Zh));
        assert_eq!(p(&["de-DE", "zh-TW", "en"]), Some(Lang::Zh));
        assert_eq!(p(&["en-GB", "zh"]), Some(Lang::En));
        assert_eq!(p(&["zh_CN.UTF-8"]), Some(Lang::Zh));
        assert_eq!(p(&["fr", "de"]), None);
        assert_eq!(p(&[]), None);
    }
}
