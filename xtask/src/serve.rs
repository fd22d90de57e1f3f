//! A small static file server for `dist/`, with the deep-link fallback a single-page app needs:
//! any path that is not a file gets `index.html` (status 200).
//!
//! Plain `std::net`: one thread per connection, one request per connection (`Connection:
//! close`). tiny_http, used before, stalled now and then under Chromium: a response cut off
//! half-way (the 2.8 MB wasm) or never sent (a small snippet), so the page never finished
//! loading and chromedriver's navigation timed out ("Timed out receiving message from
//! renderer") in about a third of the page loads.

use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A running server; stops when dropped.
pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `dir` on 127.0.0.1:`port` (0 = a free port).
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = listener
            .local_addr()
            .map(|a| a.port())
            .map_err(|e| format!("server has no address: {e}"))?;
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
                    let _ = handle(stream, &dir);
                });
            }
        });
        Ok(Server {
            port,
            stop,
            thread: Some(thread),
        })
    }

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
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Maps a URL path to a file under `dir`, refusing `..` and absolute components.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let rel = Path::new(path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = dir.join(rel);
    full.is_file().then_some(full)
}

/// The file for a URL, its status and content type.
fn respond(dir: &Path, url: &str) -> (Vec<u8>, u16, &'static str) {
    let (file, status) = match resolve(dir, url) {
        Some(f) => (f, 200),
        None => {
            // a missing asset is a real 404; any other path is a route of the app
            let looks_like_asset = url
                .split(['?', '#'])
                .next()
                .and_then(|p| p.rsplit('/').next())
                .is_some_and(|last| last.contains('.'));
            (
                dir.join("index.html"),
                if looks_like_asset { 404 } else { 200 },
            )
        }
    };
    let body = std::fs::read(&file).unwrap_or_default();
    (body, status, content_type(&file))
}

/// Reads one request (GET or HEAD; the headers are read and ignored) and answers it.
fn handle(stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    if reader.read_line(&mut request)? == 0 {
        return Ok(());
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
    }
    let mut words = request.split_whitespace();
    let (method, url) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let (body, status, kind) = match method {
        "GET" | "HEAD" => respond(dir, url),
        _ => (b"method not allowed\n".to_vec(), 405, "text/plain"),
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut out = std::io::BufWriter::new(&stream);
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        out.write_all(&body)?;
    }
    out.flush()?;
    drop(out);
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(port: u16, path: &str) -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut all = vec![];
        s.read_to_end(&mut all).unwrap();
        let split = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (
            String::from_utf8_lossy(&all[..split]).to_string(),
            all[split + 4..].to_vec(),
        )
    }

    #[test]
    fn serves_files_falls_back_to_the_page_and_refuses_to_climb_out() {
        let dir = std::env::temp_dir().join(format!("kindlab-serve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets")).unwrap();
        std::fs::write(dir.join("index.html"), "<page>").unwrap();
        let big: Vec<u8> = (0..3_000_000u32).map(|i| i as u8).collect();
        std::fs::write(dir.join("app.wasm"), &big).unwrap();
        std::fs::write(dir.join("snippets/a.js"), "js").unwrap();
        let server = Server::start(&dir, 0).unwrap();
        let p = server.port;

        let (head, body) = get(p, "/app.wasm");
        assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
        assert!(head.contains("Content-Type: application/wasm"), "{head}");
        assert!(
            head.contains(&format!("Content-Length: {}", big.len())),
            "{head}"
        );
        assert_eq!(body, big);
        assert_eq!(get(p, "/snippets/a.js?x=1").1, b"js");
        let (head, body) = get(p, "/lesson/kind-ha");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert_eq!(body, b"<page>");
        assert!(get(p, "/missing.js").0.starts_with("HTTP/1.1 404"));
        // `..` never leaves the folder: the page, or a 404 for what looks like a file
        std::fs::write(dir.with_extension("secret.txt"), "secret").unwrap();
        let (head, body) = get(p, "/../kindlab-serve-x/../etc/passwd");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert_eq!(body, b"<page>");
        let name = dir.with_extension("secret.txt");
        let name = name.file_name().unwrap().to_string_lossy();
        let (head, body) = get(p, &format!("/../{name}"));
        assert!(head.starts_with("HTTP/1.1 404"), "{head}");
        assert_eq!(body, b"<page>");
        let _ = std::fs::remove_file(dir.with_extension("secret.txt"));

        // many at once, as a browser loads a page
        let threads: Vec<_> = (0..16)
            .map(|i| {
                std::thread::spawn(move || {
                    let path = if i % 2 == 0 {
                        "/app.wasm"
                    } else {
                        "/snippets/a.js"
                    };
                    get(p, path).1.len()
                })
            })
            .collect();
        for (i, t) in threads.into_iter().enumerate() {
            assert_eq!(t.join().unwrap(), if i % 2 == 0 { big.len() } else { 2 });
        }
        drop(server);
        assert!(
            TcpStream::connect(("127.0.0.1", p)).is_err(),
            "the server stopped listening"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
