//! A small static file server for `dist/`, serving it the way a static host would:
//! - a page's path finds its file (`/lesson/kind-ha` -> `lesson/kind-ha.html`, `/zh/` ->
//!   `zh/index.html`); a path with no page gets the not-found page of its language (status 404),
//!   on which the app still shows whatever the path names;
//! - the encoding is negotiated: the pre-compressed `.br` or `.gz` beside the file when the
//!   browser accepts it (`Content-Encoding`, `Vary: Accept-Encoding`);
//! - content-hashed files under `/assets/` are cached for a year (`immutable`); pages, the
//!   manifests and the service worker are revalidated (`no-cache`).
//!
//! Plain `std::net`: one thread per connection, one request per connection (`Connection:
//! close`). tiny_http was used before, but its thread pool can leave a new connection queued
//! behind keep-alive connections that each hold a thread: Chromium opens six at once for the
//! page, and about one page load in four then never finished (the browser test's first
//! navigation timed out after 300 s).

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A running server; stops when dropped.
pub struct Server {
    /// The port it listens on (on 127.0.0.1).
    pub port: u16,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `dir` on 127.0.0.1:`port` (0 = a free port).
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let stop = Arc::new(AtomicBool::new(false));
        let dir = dir.to_path_buf();
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                let dir = dir.clone();
                std::thread::spawn(move || {
                    let _ = handle(&dir, stream);
                });
            }
        });
        Ok(Server {
            port: addr.port(),
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// The full URL of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    /// Serves until the process is stopped.
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // wake the accept loop so that it sees the flag
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads one request (line and headers) and answers it.
fn handle(dir: &Path, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // the headers, up to the blank line (at most 64 KB of them)
    let mut total = 0;
    let mut accept = String::new();
    loop {
        let mut h = String::new();
        let n = reader.read_line(&mut h)?;
        total += n;
        if n == 0 || h == "\r\n" || h == "\n" || total > 64 * 1024 {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept = value.trim().to_ascii_lowercase();
            }
        }
    }
    let mut parts = line.split_whitespace();
    let (method, url) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    let r = match method {
        "GET" | "HEAD" => respond(dir, url, &accept),
        _ => Reply {
            status: 405,
            ctype: "text/plain; charset=utf-8",
            encoding: None,
            cache: "no-store",
            body: b"method not allowed\n".to_vec(),
        },
    };
    let reason = match r.status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let encoding = r
        .encoding
        .map(|e| format!("Content-Encoding: {e}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\n{encoding}Vary: Accept-Encoding\r\n\
         Content-Length: {}\r\nCache-Control: {}\r\nConnection: close\r\n\r\n",
        r.status,
        r.ctype,
        r.body.len(),
        r.cache
    );
    out.write_all(head.as_bytes())?;
    if method != "HEAD" {
        out.write_all(&r.body)?;
    }
    out.flush()?;
    out.shutdown(Shutdown::Write)
}

/// An answer.
struct Reply {
    status: u16,
    ctype: &'static str,
    /// `br` or `gzip` when the body is a pre-compressed copy.
    encoding: Option<&'static str>,
    cache: &'static str,
    body: Vec<u8>,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// The file a URL path names under `dir`: the file itself, or the page (`<path>.html`,
/// `<path>/index.html`). `..` and absolute components are refused.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let rel = Path::new(path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = dir.join(rel);
    if full.is_file() {
        return Some(full);
    }
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let page = full.with_file_name(format!("{name}.html"));
    if !name.is_empty() && !path.ends_with('/') && page.is_file() {
        return Some(page);
    }
    let index = full.join("index.html");
    index.is_file().then_some(index)
}

/// The answer for a URL, in the best encoding `accept` allows.
fn respond(dir: &Path, url: &str, accept: &str) -> Reply {
    let (file, status) = match resolve(dir, url) {
        Some(f) => (f, 200),
        None => {
            let path = url.split(['?', '#']).next().unwrap_or("/");
            let zh = path == "/zh" || path.starts_with("/zh/");
            let page = dir.join(if zh { "zh/404.html" } else { "404.html" });
            // a missing asset is a plain 404; any other path gets the not-found page (an
            // older dist/ without one falls back to index.html)
            let looks_like_asset = path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'));
            if looks_like_asset {
                return Reply {
                    status: 404,
                    ctype: "text/plain; charset=utf-8",
                    encoding: None,
                    cache: "no-cache",
                    body: b"not found\n".to_vec(),
                };
            }
            if page.is_file() {
                (page, 404)
            } else {
                (dir.join("index.html"), 200)
            }
        }
    };
    let ctype = content_type(&file);
    let cache = if file.starts_with(dir.join("assets")) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let accepts = |enc: &str| {
        accept
            .split(',')
            .any(|a| a.split(';').next().map(str::trim) == Some(enc))
    };
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    for (enc, ext) in [("br", "br"), ("gzip", "gz")] {
        let pre = file.with_file_name(format!("{name}.{ext}"));
        if accepts(enc) && pre.is_file() {
            if let Ok(body) = std::fs::read(&pre) {
                return Reply {
                    status,
                    ctype,
                    encoding: Some(enc),
                    cache,
                    body,
                };
            }
        }
    }
    Reply {
        status,
        ctype,
        encoding: None,
        cache,
        body: std::fs::read(&file).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(port: u16, path: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_files_pages_and_not_found_and_answers_many_connections_at_once() {
        let dir = std::env::temp_dir().join(format!("kindlab-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lesson")).unwrap();
        std::fs::create_dir_all(dir.join("zh")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>home</p>").unwrap();
        std::fs::write(dir.join("404.html"), "<p>not found</p>").unwrap();
        std::fs::write(dir.join("zh/index.html"), "<p>zh home</p>").unwrap();
        std::fs::write(dir.join("zh/404.html"), "<p>zh not found</p>").unwrap();
        std::fs::write(dir.join("lesson/kind-ha.html"), "<p>lesson</p>").unwrap();
        std::fs::write(dir.join("a.css"), "p{}").unwrap();
        let server = Server::start(&dir, 0).unwrap();
        let port = server.port;

        let css = get(port, "/a.css");
        assert!(css.starts_with("HTTP/1.1 200 OK\r\n"), "{css}");
        assert!(css.contains("Content-Type: text/css") && css.ends_with("p{}"));
        let lesson = get(port, "/lesson/kind-ha?x=1");
        assert!(lesson.starts_with("HTTP/1.1 200") && lesson.ends_with("<p>lesson</p>"));
        assert!(get(port, "/zh").ends_with("<p>zh home</p>"));
        assert!(get(port, "/zh/").ends_with("<p>zh home</p>"));
        let missing = get(port, "/lesson/nope");
        assert!(missing.starts_with("HTTP/1.1 404") && missing.ends_with("<p>not found</p>"));
        assert!(get(port, "/zh/quiz/nope").ends_with("<p>zh not found</p>"));
        assert!(get(port, "/missing.wasm").starts_with("HTTP/1.1 404"));
        assert!(get(port, "/../etc/passwd").ends_with("<p>not found</p>"));

        // connections left open (as keep-alive clients do) do not hold up the others
        let idle: Vec<TcpStream> = (0..12)
            .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
            .collect();
        let threads: Vec<_> = (0..12)
            .map(|_| std::thread::spawn(move || get(port, "/a.css")))
            .collect();
        for t in threads {
            assert!(t.join().unwrap().ends_with("p{}"));
        }
        drop(idle);
        drop(server);
        // stopped: nothing answers on its port, or (the port given to another server of a test
        // running beside this one, as the system may) not with this server's files
        let mine = format!("<p>lesson {}</p>", std::process::id());
        std::fs::write(dir.join("lesson/kind-ha.html"), &mine).unwrap();
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            let after =
                std::panic::catch_unwind(|| get(port, "/lesson/kind-ha")).unwrap_or_default();
            assert!(
                !after.ends_with(&mine),
                "still served after the drop: {after}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_encoding_is_negotiated_and_hashed_assets_are_immutable() {
        let dir = std::env::temp_dir().join(format!("kindlab-serve-enc-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("assets/app.1234.js"), "plain").unwrap();
        std::fs::write(dir.join("assets/app.1234.js.br"), "BROTLI").unwrap();
        std::fs::write(dir.join("assets/app.1234.js.gz"), "GZIP").unwrap();
        std::fs::write(dir.join("index.html"), "page").unwrap();
        let server = Server::start(&dir, 0).unwrap();
        let get_with = |enc: &str| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(
                s,
                "GET /assets/app.1234.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {enc}\r\n\r\n"
            )
            .unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).unwrap();
            out
        };
        let br = get_with("gzip, deflate, br");
        assert!(
            br.contains("Content-Encoding: br\r\n") && br.ends_with("BROTLI"),
            "{br}"
        );
        assert!(br.contains("Cache-Control: public, max-age=31536000, immutable"));
        assert!(br.contains("Vary: Accept-Encoding"));
        let gz = get_with("gzip");
        assert!(
            gz.contains("Content-Encoding: gzip\r\n") && gz.ends_with("GZIP"),
            "{gz}"
        );
        let plain = get_with("identity");
        assert!(
            !plain.contains("Content-Encoding") && plain.ends_with("plain"),
            "{plain}"
        );
        let page = get(server.port, "/");
        assert!(page.contains("Cache-Control: no-cache") && page.ends_with("page"));
        drop(server);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
