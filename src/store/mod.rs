//! Saved state: settings (and, later, progress). A JSON document per key, kept in a file in the
//! OS data directory on desktop and in `localStorage` on the web.
//!
//! Reading never loses what the user saved: a document that cannot be parsed is copied aside
//! (`<key>.json.bad` on desktop, `kindlab.<key>.bad` on web) before defaults are used, and the
//! caller gets a message naming the place and the line.

mod backend;
pub mod progress;
mod settings;

pub use backend::{web_location, Backend, MemoryBackend, PlatformBackend, Unreadable};
pub use progress::Progress;
pub use settings::{Lang, Settings, Theme};

use serde::{de::DeserializeOwned, Serialize};

/// A problem met while loading a saved document. The document itself was preserved.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadProblem {
    /// Where the document lives (a file path or a localStorage key).
    pub location: String,
    /// The parser's message, with line and column.
    pub detail: String,
    /// Where the unreadable original was copied to.
    pub backup: String,
    /// For progress: whether the previous version was restored (`Some(false)`: started fresh).
    pub restored: Option<bool>,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (the original was kept as {})",
            self.location, self.detail, self.backup
        )?;
        match self.restored {
            Some(true) => write!(f, "; the previous version was restored"),
            Some(false) => write!(f, "; no usable previous version, starting fresh"),
            None => Ok(()),
        }
    }
}

/// Loads `key`, falling back to `T::default()` when it is missing or unreadable.
pub fn load<T: DeserializeOwned + Default>(
    backend: &dyn Backend,
    key: &str,
) -> (T, Option<LoadProblem>) {
    let text = match backend.read_checked(key) {
        None => return (T::default(), None),
        Some(Ok(text)) => text,
        Some(Err(u)) => {
            let problem = LoadProblem {
                location: backend.location(key),
                detail: u.detail,
                backup: u.kept,
                restored: None,
            };
            return (T::default(), Some(problem));
        }
    };
    match serde_json::from_str::<T>(&text) {
        Ok(value) => (value, None),
        Err(err) => {
            let backup = backend.preserve(key, &text);
            let problem = LoadProblem {
                location: backend.location(key),
                detail: format!("line {}, column {}: {}", err.line(), err.column(), err),
                backup,
                restored: None,
            };
            (T::default(), Some(problem))
        }
    }
}

/// Loads the progress document. A document that cannot be used (corrupted, truncated, of the
/// wrong shape, empty, or from a newer kindlab) is kept aside, never overwritten; the previous
/// version (the backup the last save left) is used when it is good, else a fresh start.
pub fn load_progress(backend: &dyn Backend, key: &str) -> (Progress, Option<LoadProblem>) {
    let from_backup = || {
        backend
            .read_backup(key)
            .and_then(|t| progress::parse(&t).ok())
    };
    let (detail, kept) = match backend.read_checked(key) {
        // no document (a first start, or a crash between the steps of a save): the backup, if any
        None => return (from_backup().unwrap_or_default(), None),
        Some(Ok(text)) => match progress::parse(&text) {
            Ok(p) => return (p, None),
            Err(err) => (err.to_string(), backend.preserve(key, &text)),
        },
        // not text: already copied aside as it is
        Some(Err(u)) => (u.detail, u.kept),
    };
    // so that the next save does not turn the unusable document into the backup
    backend.remove(key);
    let restored = from_backup();
    let problem = LoadProblem {
        location: backend.location(key),
        detail,
        backup: kept,
        restored: Some(restored.is_some()),
    };
    (restored.unwrap_or_default(), Some(problem))
}

/// The time now, in ms since the Unix epoch (the browser's clock on the web).
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

/// Saves the learner's record under `key`. When the saved record is not what this instance
/// last read or wrote (`seen`), another tab or window wrote it meanwhile: what that one holds
/// is merged in first ([`Progress::merge`]), so neither loses an answer. `seen` becomes the text
/// written. `Ok(true)`: a merge happened (`progress` holds the other's answers too).
pub fn save_progress(
    backend: &dyn Backend,
    key: &str,
    progress: &mut Progress,
    seen: &mut Option<String>,
) -> Result<bool, String> {
    let mut merged = false;
    if let Some(stored) = backend.read(key) {
        if seen.as_deref() != Some(stored.as_str()) {
            if let Ok(theirs) = progress::parse(&stored) {
                progress.merge(&theirs);
                merged = true;
            }
        }
    }
    let text = serde_json::to_string_pretty(&*progress).map_err(|e| e.to_string())?;
    backend.write(key, &text)?;
    *seen = Some(text);
    Ok(merged)
}

/// Saves `value` under `key`. Errors are returned as text for the UI to show.
pub fn save<T: Serialize>(backend: &dyn Backend, key: &str, value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    backend.write(key, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_document_gives_defaults_without_problem() {
        let b = MemoryBackend::default();
        let (s, p): (Settings, _) = load(&b, "settings");
        assert_eq!(s, Settings::default());
        assert!(p.is_none());
    }

    #[test]
    fn round_trip_keeps_choices() {
        let b = MemoryBackend::default();
        let s = Settings {
            lang: Some(Lang::Zh),
            theme: Theme::Dark,
        };
        save(&b, "settings", &s).unwrap();
        let (back, p): (Settings, _) = load(&b, "settings");
        assert_eq!(back, s);
        assert!(p.is_none());
    }

    #[test]
    fn broken_document_is_preserved_and_reported_with_line() {
        let b = MemoryBackend::default();
        b.write("settings", "{\n  \"lang\": \"zh\",\n  \"theme\": dark\n}")
            .unwrap();
        let (s, p): (Settings, _) = load(&b, "settings");
        assert_eq!(s, Settings::default());
        let p = p.expect("a problem is reported");
        assert!(p.detail.contains("line 3"), "{}", p.detail);
        assert_eq!(p.location, "memory:settings");
        // the original text is still there, under the backup name
        assert_eq!(
            b.read(&p.backup).as_deref(),
            Some("{\n  \"lang\": \"zh\",\n  \"theme\": dark\n}")
        );
    }
}
