use crate::store::{self, Backend, Lang, PlatformBackend, Progress, Settings, Theme};
use dioxus::prelude::*;
use dioxus_i18n::prelude::i18n;
use std::rc::Rc;

const SETTINGS_KEY: &str = "settings";
const PROGRESS_KEY: &str = "progress";
const LAB_KEY: &str = "lab";

/// Where the app keeps saved documents. Provided as context; the platform's backend is used when
/// none is provided (tests provide an in-memory one).
#[derive(Clone)]
pub struct StoreBackend(pub Rc<dyn Backend>);

impl PartialEq for StoreBackend {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// App-wide state shared through context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub settings: Signal<Settings>,
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
    pub lab: Signal<Option<crate::lab::Lab>>,
    backend: CopyValue<StoreBackend>,
}

impl AppState {
    fn save<T: serde::Serialize>(&self, key: &str, value: &T) {
        let backend = self.backend.read().0.clone();
        if let Err(e) = store::save(&*backend, key, value) {
            let mut notice = self.notice;
            notice.set(Some(format!("{}: {e}", backend.location(key))));
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
        self.save(PROGRESS_KEY, &*self.progress.peek());
    }

    /// Changes the progress document and saves it at once (after every answer).
    pub fn update_progress(&mut self, f: impl FnOnce(&mut Progress)) {
        f(&mut self.progress.write());
        self.save(PROGRESS_KEY, &*self.progress.peek());
    }

    /// Replaces the whole progress document (an import), saved at once; the version it
    /// replaces becomes the backup.
    pub fn replace_progress(&mut self, p: Progress) {
        self.progress.set(p);
        self.save(PROGRESS_KEY, &*self.progress.peek());
    }

    /// Makes sure the lab is loaded: the saved lab replayed, or a fresh one.
    pub fn ensure_lab(&mut self) {
        if self.lab.peek().is_some() {
            return;
        }
        let backend = self.backend.read().0.clone();
        let (doc, problem) = store::load::<crate::lab::LabDoc>(&*backend, LAB_KEY);
        if let Some(p) = problem {
            self.load_problems.write().push(p);
        }
        self.lab.set(Some(crate::lab::Lab::replay(doc)));
    }

    /// Saves the lab (the seed, the steps taken, the history, guided labs).
    pub fn save_lab(&self) {
        if let Some(lab) = self.lab.peek().as_ref() {
            self.save(LAB_KEY, &lab.doc);
        }
    }

    /// Starts a fresh lab (saved at once).
    pub fn reset_lab(&mut self) {
        let seed = self
            .lab
            .peek()
            .as_ref()
            .map(|l| l.doc.seed)
            .unwrap_or(crate::sim::DEFAULT_SEED);
        // a topology of the learner's own stays: the lab starts again on it
        let topo = self
            .lab
            .peek()
            .as_ref()
            .and_then(|l| l.doc.topology.clone());
        let mut fresh = match topo {
            Some(t) => crate::lab::Lab::with_topology(seed, t)
                .unwrap_or_else(|_| crate::lab::Lab::new(seed)),
            None => crate::lab::Lab::new(seed),
        };
        // the terminal's history is the learner's, not the lab's
        if let Some(old) = self.lab.peek().as_ref() {
            fresh.doc.history = old.doc.history.clone();
        }
        self.lab.set(Some(fresh));
        self.save_lab();
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
        self.save(PROGRESS_KEY, &*self.progress.peek());
    }

    /// Switches between English and Chinese, updates the Fluent bundle and saves the choice.
    pub fn toggle_lang(&mut self) {
        let next = self.settings.peek().lang.other();
        self.set_lang(next);
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.settings.write().lang = lang;
        i18n().set_language(super::lang_id(lang));
        self.persist();
    }

    /// light -> dark -> system -> light, saved.
    pub fn cycle_theme(&mut self) {
        let next: Theme = self.settings.peek().theme.next();
        self.settings.write().theme = next;
        self.persist();
    }
}

/// Loads the saved settings once and provides the state to the tree.
pub fn use_app_state_provider() -> AppState {
    use_context_provider(|| {
        let backend = try_consume_context::<StoreBackend>()
            .unwrap_or_else(|| StoreBackend(Rc::new(PlatformBackend::new())));
        let (settings, problem) = store::load::<Settings>(&*backend.0, SETTINGS_KEY);
        let (progress, problem2) = store::load_progress(&*backend.0, PROGRESS_KEY);
        let problems: Vec<store::LoadProblem> = [problem, problem2].into_iter().flatten().collect();
        AppState {
            load_problems: Signal::new(problems),
            settings: Signal::new(settings),
            progress: Signal::new(progress),
            notice: Signal::new(None),
            scroll_to: Signal::new(None),
            lab_commands: Signal::new(None),
            lab_guide: Signal::new(None),
            lab: Signal::new(None),
            backend: CopyValue::new(backend),
        }
    })
}
