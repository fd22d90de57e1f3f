//! A small static file server for `dist/`, with the deep-link fallback a single-page app needs:
//! any path that is not a file gets `index.html` (status 200).
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
    loop {
        let mut h = String::new();
        let n = reader.read_line(&mut h)?;
        total += n;
        if n == 0 || h == "\r\n" || h == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, url) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    let (status, ctype, body) = match method {
        "GET" | "HEAD" => respond(dir, url),
        _ => (
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
        ),
    };
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    if method != "HEAD" {
        out.write_all(&body)?;
    }
    out.flush()?;
    out.shutdown(Shutdown::Write)
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

/// Status, content type and body for a URL.
fn respond(dir: &Path, url: &str) -> (u16, &'static str, Vec<u8>) {
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
    (status, content_type(&file), body)
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
    fn serves_files_falls_back_to_the_page_and_answers_many_connections_at_once() {
        let dir = std::env::temp_dir().join(format!("kindlab-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>page</p>").unwrap();
        std::fs::write(dir.join("a.css"), "p{}").unwrap();
        let server = Server::start(&dir, 0).unwrap();
        let port = server.port;

        let css = get(port, "/a.css");
        assert!(css.starts_with("HTTP/1.1 200 OK\r\n"), "{css}");
        assert!(css.contains("Content-Type: text/css") && css.ends_with("p{}"));
        let deep = get(port, "/lesson/kind-ha?x=1");
        assert!(deep.starts_with("HTTP/1.1 200") && deep.ends_with("<p>page</p>"));
        assert!(get(port, "/missing.wasm").starts_with("HTTP/1.1 404"));
        assert!(get(port, "/../etc/passwd").ends_with("<p>page</p>"));

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
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
