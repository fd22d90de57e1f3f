//! The simulated host filesystem: a tree of directories and text files under `/`, with `~` being
//! `/root`. Paths are kept normalised in a `BTreeMap`, so listings come out sorted.

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry {
    Dir,
    File(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Fs {
    entries: BTreeMap<String, Entry>,
    pub home: String,
    pub cwd: String,
}

impl Default for Fs {
    fn default() -> Self {
        Fs::new()
    }
}

impl Fs {
    pub(crate) fn new() -> Fs {
        let mut entries = BTreeMap::new();
        for d in ["/", "/root", "/tmp", "/etc", "/usr", "/var"] {
            entries.insert(d.to_string(), Entry::Dir);
        }
        Fs {
            entries,
            home: "/root".into(),
            cwd: "/root".into(),
        }
    }

    /// Normalises `path` (absolute or relative to the working directory, `~` expanded,
    /// `.`/`..` resolved).
    pub(crate) fn resolve(&self, path: &str) -> String {
        let p = if path == "~" {
            self.home.clone()
        } else if let Some(rest) = path.strip_prefix("~/") {
            format!("{}/{}", self.home, rest)
        } else if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{}", self.cwd, path)
        };
        let mut parts: Vec<&str> = Vec::new();
        for seg in p.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        format!("/{}", parts.join("/"))
    }

    fn parent(path: &str) -> Option<String> {
        if path == "/" {
            return None;
        }
        match path.rfind('/') {
            Some(0) => Some("/".into()),
            Some(i) => Some(path[..i].to_string()),
            None => None,
        }
    }

    pub(crate) fn is_dir(&self, path: &str) -> bool {
        matches!(self.entries.get(&self.resolve(path)), Some(Entry::Dir))
    }

    pub(crate) fn exists(&self, path: &str) -> bool {
        self.entries.contains_key(&self.resolve(path))
    }

    /// `mkdir [-p]`.
    pub(crate) fn mkdir(&mut self, path: &str, parents: bool) -> Result<(), String> {
        let p = self.resolve(path);
        match self.entries.get(&p) {
            Some(Entry::Dir) if parents => return Ok(()),
            Some(_) => {
                return Err(format!(
                    "mkdir: cannot create directory '{path}': File exists"
                ))
            }
            None => {}
        }
        let parent = Fs::parent(&p).unwrap_or_else(|| "/".into());
        match self.entries.get(&parent) {
            Some(Entry::Dir) => {}
            Some(Entry::File(_)) => {
                return Err(format!(
                    "mkdir: cannot create directory '{path}': Not a directory"
                ))
            }
            None if parents => self.mkdir(&parent, true)?,
            None => {
                return Err(format!(
                    "mkdir: cannot create directory '{path}': No such file or directory"
                ))
            }
        }
        self.entries.insert(p, Entry::Dir);
        Ok(())
    }

    /// Reads a file; `Err` carries the reason (`No such file or directory`, `Is a directory`).
    pub(crate) fn read(&self, path: &str) -> Result<&str, &'static str> {
        let p = self.resolve(path);
        if p == "/dev/null" {
            return Ok("");
        }
        match self.entries.get(&p) {
            Some(Entry::File(s)) => Ok(s),
            Some(Entry::Dir) => Err("Is a directory"),
            None => Err("No such file or directory"),
        }
    }

    /// Writes (or appends to) a file; its directory must exist.
    pub(crate) fn write(
        &mut self,
        path: &str,
        text: &str,
        append: bool,
    ) -> Result<(), &'static str> {
        let p = self.resolve(path);
        // the null device swallows what is written to it
        if p == "/dev/null" {
            return Ok(());
        }
        let parent = Fs::parent(&p).unwrap_or_else(|| "/".into());
        match self.entries.get(&parent) {
            Some(Entry::Dir) => {}
            Some(_) => return Err("Not a directory"),
            None => return Err("No such file or directory"),
        }
        match self.entries.get_mut(&p) {
            Some(Entry::Dir) => Err("Is a directory"),
            Some(Entry::File(s)) => {
                if append {
                    s.push_str(text);
                } else {
                    *s = text.to_string();
                }
                Ok(())
            }
            None => {
                self.entries.insert(p, Entry::File(text.to_string()));
                Ok(())
            }
        }
    }

    /// Removes a file (`rm`) or, with `recursive`, a directory tree.
    pub(crate) fn remove(&mut self, path: &str, recursive: bool) -> Result<(), &'static str> {
        let p = self.resolve(path);
        match self.entries.get(&p) {
            None => Err("No such file or directory"),
            Some(Entry::Dir) if !recursive => Err("Is a directory"),
            Some(Entry::Dir) => {
                let prefix = format!("{p}/");
                self.entries
                    .retain(|k, _| k != &p && !k.starts_with(&prefix));
                Ok(())
            }
            Some(Entry::File(_)) => {
                self.entries.remove(&p);
                Ok(())
            }
        }
    }

    /// Names directly inside a directory, sorted (`ls`).
    pub(crate) fn list(&self, path: &str) -> Result<Vec<String>, &'static str> {
        let p = self.resolve(path);
        match self.entries.get(&p) {
            None => Err("No such file or directory"),
            Some(Entry::File(_)) => Ok(vec![path.to_string()]),
            Some(Entry::Dir) => {
                let prefix = if p == "/" {
                    "/".to_string()
                } else {
                    format!("{p}/")
                };
                Ok(self
                    .entries
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .filter(|(k, _)| {
                        !k[prefix.len()..].is_empty() && !k[prefix.len()..].contains('/')
                    })
                    .map(|(k, _)| k[prefix.len()..].to_string())
                    .collect())
            }
        }
    }

    pub(crate) fn cd(&mut self, path: &str) -> Result<(), &'static str> {
        let p = self.resolve(path);
        match self.entries.get(&p) {
            Some(Entry::Dir) => {
                self.cwd = p;
                Ok(())
            }
            Some(_) => Err("Not a directory"),
            None => Err("No such file or directory"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_null_device_swallows_writes() {
        let mut fs = Fs::new();
        assert!(fs.write("/dev/null", "gone", false).is_ok());
        assert_eq!(fs.read("/dev/null"), Ok(""));
    }

    #[test]
    fn mkdir_write_read_list() {
        let mut fs = Fs::new();
        assert!(fs.write("~/haproxy/haproxy.cfg", "x", false).is_err());
        fs.mkdir("~/haproxy", false).unwrap();
        fs.write("~/haproxy/haproxy.cfg", "global\n", false)
            .unwrap();
        assert_eq!(fs.read("/root/haproxy/haproxy.cfg"), Ok("global\n"));
        assert_eq!(fs.read("~/haproxy"), Err("Is a directory"));
        assert_eq!(fs.list("~").unwrap(), vec!["haproxy".to_string()]);
        assert!(fs.mkdir("~/haproxy", false).is_err());
        fs.mkdir("~/haproxy", true).unwrap();
        fs.mkdir("/a/b/c", true).unwrap();
        assert!(fs.is_dir("/a/b"));
        assert!(fs.mkdir("/x/y", false).is_err());
        assert_eq!(fs.resolve("~/../etc/./x"), "/etc/x");
        fs.write("~/haproxy/haproxy.cfg", "more\n", true).unwrap();
        assert_eq!(fs.read("~/haproxy/haproxy.cfg"), Ok("global\nmore\n"));
        fs.remove("~/haproxy", true).unwrap();
        assert!(!fs.exists("~/haproxy/haproxy.cfg"));
    }
}
