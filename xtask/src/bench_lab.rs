//! The lab's figures, in headless Chromium on the web release (`cargo xtask bench-lab`, or
//! [`run`] from `cargo xtask bench`):
//!
//! 1. command -> topology: from the Enter that runs `docker exec cluster01-worker2 systemctl
//!    stop kubelet` (then `start`, alternately) to the diagram showing it (worker2's
//!    `data-kubelet` changed), measured inside the page with `performance.now()`: a keydown
//!    listener in the capture phase on the terminal's input, a MutationObserver on the
//!    diagram. Median of the runs after a warm-up; goal <= 16 ms (within one frame).
//! 2. frames while the clock plays at 600x for 5 s, on the chapter's cluster and on fifty
//!    workers: the gaps between animation frames the clock loop records in
//!    `window.__kindlabFrames` (the first 5 left out): max and 99th percentile; goal: none
//!    over 33 ms (two frames at 60 Hz).
//! 3. the same frames with Chromium's CPU throttled 4x (DevTools' `Emulation.setCPUThrottlingRate`,
//!    through chromedriver): how the lab fares on a machine four times slower than this one.
//!    Printed beside the goal, not judged against it.
//!
//! Measured once the page's service worker has installed (a first visit downloads every file
//! of the version in the background once the page is idle; that happens once).

use crate::browser::{wait_for, Browser};
use crate::serve::Server;
use crate::Result;
use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// Command -> topology: runs measured (a warm-up run comes first and is not counted).
pub const COMMAND_RUNS: usize = 15;
/// Goal for the command -> topology median (ms).
pub const COMMAND_GOAL_MS: f64 = 16.0;
/// How long the clock plays for each frame measurement.
pub const PLAY_FOR: Duration = Duration::from_secs(5);
/// Goal for the longest frame gap while the clock plays (ms).
pub const FRAME_GOAL_MS: f64 = 33.0;
/// The CPU slowdown of the extra frame figures.
pub const THROTTLE: f64 = 4.0;

const CHAPTER: &str = "chapter (3 control planes, 3 workers)";
const FIFTY: &str = "fifty workers (1 control plane)";

const WAIT: Duration = Duration::from_secs(30);
const ENTER: &str = "\u{e007}";

/// What the lab benchmark measured.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Command -> worker2 redrawn, ms, in run order.
    pub command_ms: Vec<f64>,
    /// Command -> the diagram's first change (any mutation), ms, in run order.
    pub first_change_ms: Vec<f64>,
    /// (label, frame gaps in ms, first 5 left out).
    pub frames: Vec<(String, Vec<f64>)>,
    /// The same with the CPU throttled [`THROTTLE`] times (not judged against the goal).
    pub throttled: Vec<(String, Vec<f64>)>,
}

/// `cargo xtask bench-lab [--no-build]`: builds the web release (unless `--no-build`, which
/// uses dist/ as it is), measures and prints.
pub fn cmd(args: &[String]) -> Result<()> {
    let build = match args {
        [] => true,
        [a] if a == "--no-build" => false,
        _ => return Err("usage: cargo xtask bench-lab [--no-build]".into()),
    };
    crate::setup::for_tests()?;
    let dist = if build {
        crate::web::build()?
    } else {
        crate::dist_dir()
    };
    run(&dist)
}

/// Measures the lab on the web release in `dist` and prints the figures with their goals.
pub fn run(dist: &Path) -> Result<()> {
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "no web release in {} (cargo xtask web --no-serve)",
            dist.display()
        ));
    }
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let f = rt.block_on(measure(dist))?;
    print(&f);
    Ok(())
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s[s.len() / 2]
}

/// The `p`th percentile (nearest rank).
fn percentile(v: &[f64], p: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "over goal"
    }
}

/// Prints the figures with their goals.
pub fn print(f: &Figures) {
    println!("== the lab in headless Chromium (web release)");
    println!(
        "command -> topology (Enter on `docker exec cluster01-worker2 systemctl stop|start kubelet` -> worker2 redrawn; performance.now() in the page)"
    );
    println!(
        "runs: {}",
        f.command_ms
            .iter()
            .map(|t| format!("{t:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !f.command_ms.is_empty() {
        let m = median(&f.command_ms);
        println!(
            "median: {m:.1} ms over {} runs   (goal <= {COMMAND_GOAL_MS:.0} ms) {}",
            f.command_ms.len(),
            verdict(m <= COMMAND_GOAL_MS)
        );
        println!(
            "(the diagram's first change after Enter: median {:.1} ms)",
            median(&f.first_change_ms)
        );
    }
    println!(
        "frames while the clock plays at 600x for {} s (gaps between animation frames, the first 5 left out)",
        PLAY_FOR.as_secs()
    );
    print_frames(&f.frames, true);
    println!(
        "the same with Chromium's CPU throttled {THROTTLE:.0}x (a machine {THROTTLE:.0} times slower; for comparison, not judged)"
    );
    print_frames(&f.throttled, false);
}

fn print_frames(frames: &[(String, Vec<f64>)], judged: bool) {
    for (label, gaps) in frames {
        if gaps.is_empty() {
            println!("{label}: no frames recorded");
            continue;
        }
        let max = gaps.iter().cloned().fold(0.0, f64::max);
        let over = gaps.iter().filter(|g| **g > FRAME_GOAL_MS).count();
        println!(
            "{label}: {} frames, median {:.1} ms, p99 {:.1} ms, max {max:.1} ms, {over} over {FRAME_GOAL_MS:.0} ms{}",
            gaps.len(),
            median(gaps),
            percentile(gaps, 99.0),
            if judged {
                format!(
                    "   (goal: none over {FRAME_GOAL_MS:.0} ms) {}",
                    verdict(over == 0)
                )
            } else {
                String::new()
            }
        );
    }
}

/// Slows the page's CPU `rate` times (1: full speed).
async fn throttle(c: &Client, rate: f64) -> Result<()> {
    crate::browser::cdp(
        c,
        "Emulation.setCPUThrottlingRate",
        serde_json::json!({ "rate": rate }),
    )
    .await
    .map(|_| ())
}

/// Applies a topology preset from the lab's settings and waits for its last worker.
async fn apply_preset(c: &Client, preset: &str, workers: usize) -> Result<()> {
    click(c, "lab-topology-settings").await?;
    find(c, "topology-preset")
        .await?
        .select_by_value(preset)
        .await
        .map_err(e)?;
    wait_js(
        c,
        &format!("the {preset} preset in the editor"),
        &format!("(document.querySelector('[data-testid=\"topology-kind\"]').value.match(/- role: worker/g) || []).length === {workers}"),
    )
    .await?;
    click(c, "topology-apply").await?;
    let last = if workers == 1 {
        "node-cluster01-worker".to_string()
    } else {
        format!("node-cluster01-worker{workers}")
    };
    find(c, &last).await?;
    Ok(())
}

fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn e(err: impl std::fmt::Display) -> String {
    err.to_string()
}

async fn find(c: &Client, id: &str) -> Result<Element> {
    let sel = testid(id);
    wait_for(&sel, WAIT, || {
        let c = c.clone();
        let sel = sel.clone();
        async move { c.find(Locator::Css(&sel)).await.ok() }
    })
    .await
}

async fn js(c: &Client, body: &str) -> Result<Value> {
    c.execute(body, vec![]).await.map_err(e)
}

/// A real click, with the element scrolled to the middle first (not under the top bar).
async fn click(c: &Client, id: &str) -> Result<()> {
    let el = find(c, id).await?;
    let arg = serde_json::to_value(&el).map_err(e)?;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
        vec![arg],
    )
    .await
    .map_err(e)?;
    el.click().await.map_err(e)
}

async fn wait_js(c: &Client, what: &str, expr: &str) -> Result<()> {
    let body = format!("return !!({expr});");
    wait_for(what, WAIT, || {
        let c = c.clone();
        let body = body.clone();
        async move { (c.execute(&body, vec![]).await.ok()?.as_bool() == Some(true)).then_some(()) }
    })
    .await
}

/// Installs the in-page measurement of command -> topology.
const INSTRUMENT: &str = r#"
const b = window.__labBench = { t0: null, first: null, t1: null, want: null };
const input = document.querySelector('[data-testid="terminal-input"]');
input.addEventListener('keydown', ev => {
  if (ev.key === 'Enter') { b.t0 = performance.now(); b.first = null; b.t1 = null; }
}, true);
const topo = document.querySelector('[data-testid="topology"]');
new MutationObserver(() => {
  if (b.t0 === null || b.t1 !== null) return;
  const now = performance.now();
  if (b.first === null) b.first = now;
  const n = document.querySelector('[data-testid="node-cluster01-worker2"]');
  if (n && n.getAttribute('data-kubelet') === b.want) b.t1 = now;
}).observe(topo, { subtree: true, childList: true, attributes: true, characterData: true });
return true;
"#;

/// (command -> worker2 redrawn, command -> first change), ms, one pair per measured run.
async fn command_runs(c: &Client) -> Result<Vec<(f64, f64)>> {
    js(c, INSTRUMENT).await?;
    let input = find(c, "terminal-input").await?;
    let mut out = vec![];
    for i in 0..=COMMAND_RUNS {
        let (verb, want) = if i % 2 == 0 {
            ("stop", "stopped")
        } else {
            ("start", "running")
        };
        let cmd = format!("docker exec cluster01-worker2 systemctl {verb} kubelet");
        js(
            c,
            &format!(
                "window.__labBench.want = '{want}'; window.__labBench.t0 = null; return true;"
            ),
        )
        .await?;
        // the line typed first (not measured), then Enter
        input.send_keys(&cmd).await.map_err(e)?;
        wait_js(
            c,
            "the command typed",
            &format!(
                "document.querySelector('[data-testid=\"terminal-input\"]').value === '{cmd}'"
            ),
        )
        .await?;
        input.send_keys(ENTER).await.map_err(e)?;
        wait_js(
            c,
            &format!("worker2's kubelet {want} in the diagram"),
            "window.__labBench.t1 !== null",
        )
        .await?;
        let v = js(
            c,
            "const b = window.__labBench; return [b.t1 - b.t0, b.first - b.t0];",
        )
        .await?;
        let t = v[0].as_f64().ok_or("no measurement")?;
        let first = v[1].as_f64().unwrap_or(t);
        if i > 0 {
            out.push((t, first));
        }
    }
    Ok(out)
}

/// Plays the clock at 600x for [`PLAY_FOR`] and returns the frame gaps (first 5 left out).
async fn play_frames(c: &Client) -> Result<Vec<f64>> {
    find(c, "clock-speed")
        .await?
        .select_by_value("600")
        .await
        .map_err(e)?;
    js(c, "window.__kindlabFrames = []; return true;").await?;
    click(c, "clock-play").await?;
    wait_js(
        c,
        "the clock to play",
        "document.querySelector('[data-testid=\"clock-play\"]').getAttribute('data-playing') === 'true'",
    )
    .await?;
    tokio::time::sleep(PLAY_FOR).await;
    click(c, "clock-play").await?;
    wait_js(
        c,
        "the clock to pause",
        "document.querySelector('[data-testid=\"clock-play\"]').getAttribute('data-playing') === 'false'",
    )
    .await?;
    let v = js(c, "return (window.__kindlabFrames || []).slice(5);").await?;
    serde_json::from_value(v).map_err(e)
}

/// Opens the lab and measures.
pub async fn measure(dist: &Path) -> Result<Figures> {
    let server = Server::start(dist, 0)?;
    let browser = Browser::start().await?;
    let c = browser.client.clone();
    let result = async {
        c.goto(&server.url("/lab")).await.map_err(e)?;
        // the full edition has taken the pre-rendered page over
        wait_js(
            &c,
            "the lab to be live",
            "document.documentElement.getAttribute('data-kindlab') === 'full'",
        )
        .await?;
        find(&c, "terminal-input").await?;
        find(&c, "node-cluster01-worker2").await?;
        // a first visit's service worker downloads every file of the version once the page is
        // idle; the figures are the lab's own, so they wait for it to be done
        wait_js(
            &c,
            "the service worker's first download",
            "!('serviceWorker' in navigator) || !!navigator.serviceWorker.controller",
        )
        .await?;
        // where a fresh lab's clock stands (the chapter's moment, not 0): a reset comes back here
        let fresh = js(
            &c,
            "return document.querySelector('[data-testid=\"clock-time\"]').getAttribute('data-ms');",
        )
        .await?;
        let fresh = fresh.as_str().ok_or("the lab's clock has no data-ms")?.to_string();
        let runs = command_runs(&c).await?;
        let command_ms = runs.iter().map(|r| r.0).collect();
        let first_change_ms = runs.iter().map(|r| r.1).collect();

        let mut frames = vec![];
        click(&c, "lab-reset").await?;
        wait_js(
            &c,
            "a fresh lab",
            &format!(
                "document.querySelector('[data-testid=\"clock-time\"]').getAttribute('data-ms') === {fresh:?}"
            ),
        )
        .await?;
        frames.push((
            CHAPTER.to_string(),
            play_frames(&c).await?,
        ));

        apply_preset(&c, "fifty-workers", 50).await?;
        frames.push((
            FIFTY.to_string(),
            play_frames(&c).await?,
        ));

        let mut throttled = vec![];
        throttle(&c, THROTTLE).await?;
        throttled.push((
            FIFTY.to_string(),
            play_frames(&c).await?,
        ));
        apply_preset(&c, "chapter", 3).await?;
        throttled.push((
            CHAPTER.to_string(),
            play_frames(&c).await?,
        ));
        throttle(&c, 1.0).await?;
        Ok(Figures {
            command_ms,
            first_change_ms,
            frames,
            throttled,
        })
    }
    .await;
    browser.close().await;
    drop(server);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_percentile() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(median(&v), 51.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&v, 100.0), 100.0);
        assert_eq!(percentile(&[5.0], 99.0), 5.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
    }
}
