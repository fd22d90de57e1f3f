//! Debian's Chromium driven through chromedriver (WebDriver) with fantoccini.
//! The guard ends chromedriver and every Chromium process it started (one process group,
//! ended with killpg by `crate::proc::Group`).

use crate::proc::Group;
use crate::{free_port, Result};
use fantoccini::{Client, ClientBuilder};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A Chromium driven over WebDriver, with its chromedriver (both ended when dropped).
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    _driver: DriverGuard,
}

/// Ends chromedriver's whole process group (Chromium included) and removes the profile.
struct DriverGuard {
    group: Group,
    profile: std::path::PathBuf,
}

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Err(e) = self.group.end() {
            eprintln!("xtask: {e}");
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The capabilities for headless Debian Chromium on a machine with no network but loopback.
fn capabilities(profile: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    let args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--window-size=1280,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": args,
            // downloads (the progress export) land in the profile, removed with it
            "prefs": {
                "download.default_directory": profile.join("downloads"),
                "download.prompt_for_download": false,
            },
        }),
    );
    caps
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium session.
    pub async fn start() -> Result<Browser> {
        let port = free_port();
        let profile =
            std::env::temp_dir().join(format!("kindlab-chromium-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let group = Group::spawn(
            Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )
        .map_err(|e| format!("cannot start chromedriver (apt package chromium-driver): {e}"))?;
        let guard = DriverGuard { group, profile };
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let conn =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(capabilities(&guard.profile))
                    .connect(&url)
                    .await;
            match conn {
                Ok(client) => {
                    return Ok(Browser {
                        client,
                        _driver: guard,
                    })
                }
                Err(e) if Instant::now() > deadline => {
                    return Err(format!(
                        "chromedriver on {url} did not start a session: {e}"
                    ))
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Ends the session (closing Chromium); the process group is killed on drop as well.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// A Chrome DevTools Protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Sends a DevTools command to the page (network conditions, CPU throttling, script
/// execution, the browser's languages) and returns its result.
pub async fn cdp(c: &Client, cmd: &str, params: serde_json::Value) -> Result<serde_json::Value> {
    c.issue_cmd(Cdp {
        cmd: cmd.to_string(),
        params,
    })
    .await
    .map_err(|err| format!("{cmd} through chromedriver: {err}"))
}

/// Polls `f` until it returns Some or the timeout passes.
pub async fn wait_for<T, F, Fut>(what: &str, timeout: Duration, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f().await {
            return Ok(v);
        }
        if Instant::now() > deadline {
            return Err(format!("timed out after {timeout:?} waiting for {what}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
