use std::cell::RefCell;
use std::collections::BTreeMap;

/// Where saved documents live. Writing keeps the previous version of a document as its backup.
pub trait Backend {
    /// The document saved under `key`, if there is one.
    fn read(&self, key: &str) -> Option<String>;
    /// Like [`read`](Backend::read), but a stored document that is not text (a file that is not
    /// UTF-8) is not taken for a missing one: it is copied aside unchanged and `Err` says why
    /// and where the copy is.
    fn read_checked(&self, key: &str) -> Option<Result<String, Unreadable>> {
        self.read(key).map(Ok)
    }
    /// Saves `text` under `key`; the version it replaces becomes the backup.
    fn write(&self, key: &str, text: &str) -> Result<(), String>;
    /// The previous version of `key` (what the last write replaced).
    fn read_backup(&self, key: &str) -> Option<String>;
    /// Removes `key` (its backup stays), e.g. after an unreadable document was kept aside.
    fn remove(&self, key: &str);
    /// Copies an unreadable document aside and returns the name it was kept under.
    fn preserve(&self, key: &str, text: &str) -> String;
    /// A human-readable location of `key` for messages.
    fn location(&self, key: &str) -> String;
}

/// A stored document that is not text, kept aside as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Why, with the line and column of the first byte that is not text.
    pub detail: String,
    /// Where the unchanged original was copied to.
    pub kept: String,
}

/// An in-memory backend for tests.
#[derive(Default)]
pub struct MemoryBackend {
    docs: RefCell<BTreeMap<String, String>>,
}

impl Backend for MemoryBackend {
    fn read(&self, key: &str) -> Option<String> {
        self.docs.borrow().get(key).cloned()
    }
    fn write(&self, key: &str, text: &str) -> Result<(), String> {
        let mut docs = self.docs.borrow_mut();
        if let Some(old) = docs.insert(key.into(), text.into()) {
            docs.insert(format!("{key}.bak"), old);
        }
        Ok(())
    }
    fn read_backup(&self, key: &str) -> Option<String> {
        self.docs.borrow().get(&format!("{key}.bak")).cloned()
    }
    fn remove(&self, key: &str) {
        self.docs.borrow_mut().remove(key);
    }
    fn preserve(&self, key: &str, text: &str) -> String {
        let name = free_name(key, |n| self.docs.borrow().contains_key(n));
        self.docs.borrow_mut().insert(name.clone(), text.into());
        name
    }
    fn location(&self, key: &str) -> String {
        format!("memory:{key}")
    }
}

/// Where the web build keeps `key` (for messages; also what the pre-rendered pages show).
pub fn web_location(key: &str) -> String {
    format!("localStorage[kindlab.{key}]")
}

/// `<key>.bad`, or `<key>.bad2`, `<key>.bad3`... whichever is free, so no backup overwrites another.
fn free_name(key: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{key}.bad")
        } else {
            format!("{key}.bad{n}")
        };
        if !taken(&name) {
            return name;
        }
        n += 1;
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use file::FileBackend as PlatformBackend;
#[cfg(target_arch = "wasm32")]
pub use web::LocalStorageBackend as PlatformBackend;

#[cfg(not(target_arch = "wasm32"))]
mod file {
    use super::{free_name, Backend, Unreadable};
    use std::path::PathBuf;

    /// One `<key>.json` file per document in the data directory: `$KINDLAB_DATA_DIR` if set,
    /// else the OS data directory (`~/.local/share/kindlab` on Linux).
    pub struct FileBackend {
        dir: PathBuf,
    }

    impl FileBackend {
        /// Files in the platform's data folder (`~/.local/share/kindlab` on Linux).
        pub fn new() -> Self {
            let dir = std::env::var_os("KINDLAB_DATA_DIR")
                .map(PathBuf::from)
                .or_else(data_dir)
                .unwrap_or_else(|| PathBuf::from(".kindlab"));
            Self { dir }
        }
        /// Files in `dir`.
        pub fn with_dir(dir: impl Into<PathBuf>) -> Self {
            Self { dir: dir.into() }
        }
        fn path(&self, key: &str) -> PathBuf {
            self.dir.join(format!("{key}.json"))
        }
        fn backup_path(&self, key: &str) -> PathBuf {
            self.dir.join(format!("{key}.json.bak"))
        }
        /// The folder the documents live in.
        pub fn dir(&self) -> &std::path::Path {
            &self.dir
        }
    }

    impl Default for FileBackend {
        fn default() -> Self {
            Self::new()
        }
    }

    #[cfg(feature = "desktop")]
    fn data_dir() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("kindlab"))
    }
    #[cfg(not(feature = "desktop"))]
    fn data_dir() -> Option<PathBuf> {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/kindlab"))
    }

    impl Backend for FileBackend {
        fn read(&self, key: &str) -> Option<String> {
            std::fs::read_to_string(self.path(key)).ok()
        }
        fn read_checked(&self, key: &str) -> Option<Result<String, Unreadable>> {
            let bytes = std::fs::read(self.path(key)).ok()?;
            let e = match String::from_utf8(bytes) {
                Ok(text) => return Some(Ok(text)),
                Err(e) => e,
            };
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..good]);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let name = free_name(&format!("{key}.json"), |n| self.dir.join(n).exists());
            let kept = self.dir.join(name);
            let _ = std::fs::write(&kept, &bytes);
            Some(Err(Unreadable {
                detail: format!("line {line}, column {column}: the file is not valid UTF-8"),
                kept: kept.display().to_string(),
            }))
        }
        /// Atomic: the text goes to a temporary file, is flushed to disk (fsync), the current
        /// version is copied to `<key>.json.bak`, then the temporary file is renamed over the
        /// document and the folder is flushed. A crash leaves the old or the new version, whole.
        fn write(&self, key: &str, text: &str) -> Result<(), String> {
            use std::io::Write;
            let path = self.path(key);
            std::fs::create_dir_all(&self.dir)
                .map_err(|e| format!("{}: {e}", self.dir.display()))?;
            let tmp = path.with_extension("json.tmp");
            let err = |p: &std::path::Path, e: std::io::Error| format!("{}: {e}", p.display());
            {
                let mut f = std::fs::File::create(&tmp).map_err(|e| err(&tmp, e))?;
                f.write_all(text.as_bytes()).map_err(|e| err(&tmp, e))?;
                f.sync_all().map_err(|e| err(&tmp, e))?;
            }
            if path.exists() {
                let bak = self.backup_path(key);
                std::fs::copy(&path, &bak).map_err(|e| err(&bak, e))?;
                if let Ok(f) = std::fs::File::open(&bak) {
                    let _ = f.sync_all();
                }
            }
            std::fs::rename(&tmp, &path).map_err(|e| err(&path, e))?;
            if let Ok(d) = std::fs::File::open(&self.dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        fn read_backup(&self, key: &str) -> Option<String> {
            std::fs::read_to_string(self.backup_path(key)).ok()
        }
        fn remove(&self, key: &str) {
            let _ = std::fs::remove_file(self.path(key));
        }
        fn preserve(&self, key: &str, text: &str) -> String {
            let base = format!("{key}.json");
            let name = free_name(&base, |n| self.dir.join(n).exists());
            let path = self.dir.join(&name);
            let _ = std::fs::write(&path, text);
            path.display().to_string()
        }
        fn location(&self, key: &str) -> String {
            self.path(key).display().to_string()
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::store::{load, save, Lang, Settings, Theme};

        #[test]
        fn file_backend_round_trip_and_backup() {
            let dir = std::env::temp_dir().join(format!("kindlab-store-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            let b = FileBackend::with_dir(&dir);
            let s = Settings {
                lang: Some(Lang::Zh),
                theme: Theme::Light,
            };
            save(&b, "settings", &s).unwrap();
            assert_eq!(load::<Settings>(&b, "settings").0, s);
            std::fs::write(dir.join("settings.json"), "not json").unwrap();
            let (_, p) = load::<Settings>(&b, "settings");
            let p = p.unwrap();
            assert!(p.location.ends_with("settings.json"));
            assert_eq!(std::fs::read_to_string(&p.backup).unwrap(), "not json");
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{free_name, Backend};

    /// `localStorage` entries named `kindlab.<key>`.
    #[derive(Default)]
    pub struct LocalStorageBackend;

    impl LocalStorageBackend {
        /// The browser's localStorage (reached on each read and write: it may be unavailable).
        pub fn new() -> Self {
            Self
        }
        fn storage() -> Option<web_sys::Storage> {
            web_sys::window()?.local_storage().ok()?
        }
    }

    impl Backend for LocalStorageBackend {
        fn read(&self, key: &str) -> Option<String> {
            Self::storage()?.get_item(&format!("kindlab.{key}")).ok()?
        }
        fn write(&self, key: &str, text: &str) -> Result<(), String> {
            let s = Self::storage().ok_or("localStorage is not available")?;
            let name = format!("kindlab.{key}");
            if let Ok(Some(old)) = s.get_item(&name) {
                let _ = s.set_item(&format!("{name}.bak"), &old);
            }
            s.set_item(&name, text)
                .map_err(|_| "localStorage refused the write (full or disabled)".to_string())
        }
        fn read_backup(&self, key: &str) -> Option<String> {
            Self::storage()?
                .get_item(&format!("kindlab.{key}.bak"))
                .ok()?
        }
        fn remove(&self, key: &str) {
            if let Some(s) = Self::storage() {
                let _ = s.remove_item(&format!("kindlab.{key}"));
            }
        }
        fn preserve(&self, key: &str, text: &str) -> String {
            let base = format!("kindlab.{key}");
            let Some(s) = Self::storage() else {
                return base;
            };
            let name = free_name(&base, |n| matches!(s.get_item(n), Ok(Some(_))));
            let _ = s.set_item(&name, text);
            format!("localStorage[{name}]")
        }
        fn location(&self, key: &str) -> String {
            super::web_location(key)
        }
    }
}
