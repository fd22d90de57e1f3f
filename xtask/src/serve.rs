//! A small static file server for `dist/`, with the deep-link fallback a single-page app needs:
//! any path that is not a file gets `index.html` (status 200).

use crate::Result;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

/// A running server; stops when dropped.
pub struct Server {
    pub port: u16,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `dir` on 127.0.0.1:`port` (0 = a free port).
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        let server = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or("server has no IP address")?;
        let server = Arc::new(server);
        let dir = dir.to_path_buf();
        let s = server.clone();
        let thread = std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let resp = respond(&dir, req.url());
                let _ = req.respond(resp);
            }
        });
        Ok(Server {
            port,
            server,
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
        self.server.unblock();
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

fn respond(dir: &Path, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let (file, status) = match resolve(dir, url) {
        Some(f) => (f, 200),
        None => {
            // a missing asset is a real 404; any other path is a route of the app
            let looks_like_asset = url
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'));
            (
                dir.join("index.html"),
                if looks_like_asset { 404 } else { 200 },
            )
        }
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let header =
        tiny_http::Header::from_bytes(&b"Content-Type"[..], content_type(&file).as_bytes())
            .expect("static header");
    let no_cache = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-cache"[..])
        .expect("static header");
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header)
        .with_header(no_cache)
}
