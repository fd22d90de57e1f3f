//! Accessibility end-to-end tests (issue 17), on the web release in dist/ served on a random
//! loopback port and driven in Debian's headless Chromium through chromedriver. Run by
//! `cargo xtask test` (`#[ignore]`d for a plain `cargo test`).
//!
//! - `a11y_axe_finds_no_violations_on_any_page_or_state`: axe-core (npm `axe-core@4`, installed
//!   by `kindlab_testkit::tools::ensure_axe`) over every page and state the issue names (home, each
//!   lesson, the quiz index, a quiz in progress and in review, the lab with each panel open and a
//!   guided lab running, a lesson's lab widget started in place, progress, not-found), in English
//!   light and Chinese dark, at a 1280x900 desktop window and a 390 px wide phone. It goes through
//!   everything, then fails once listing every violation, one line per element:
//!   `page (lang theme width): rule [impact] target — axe's failure summary`. With
//!   KINDLAB_A11Y_JSON=FILE set, every violation is also written to FILE as JSON.
//! - `a11y_first_guided_lab_by_keyboard_alone`: the first guided lab's first three steps with
//!   Tab, Shift+Tab, arrows, Enter and typing only (WebDriver key actions; JavaScript only reads
//!   the page and which element has the focus). The chapter quiz's keyboard-only run is
//!   `web_chapter_quiz_by_keyboard_in_chinese_then_review_and_progress_import` in e2e_web.rs.
//!
//! Each test has browsers of its own (a fresh profile each); they take turns.

#![allow(clippy::unwrap_used)] // in a test, a failed unwrap is the test failing
#![allow(clippy::await_holding_lock)] // see support::browser::turn

use crate::support::browser::{click_centred, find_within, poll_js, press, serve, testid, turn};
use crate::support::lab::Lab;
use crate::support::quiz::Quiz;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, Locator};
use kindlab_testkit::browser::{cdp, wait_for, Browser};
use kindlab_testkit::serve::Server;
use serde_json::{json, Value as Json};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

type R<T> = Result<T, String>;

/// The lessons, in the order of the course.
const LESSONS: &[&str] = &[
    "kind-ha",
    "haproxy-workers",
    "traffic",
    "kubelet-failure",
    "cleanup",
    "storage",
    "summary",
];

/// The first guided lab (`crate::lab::guide::GUIDES[0]`) and, in the lab's default world, the
/// worker that runs NGINX (its first step's answer).
const FIRST_GUIDE: &str = "chapter";
const NGINX_NODE: &str = "cluster01-worker2";

/// WebDriver key codes.
const ENTER: char = '\u{e007}';
const TAB: char = '\u{e004}';
const SHIFT: char = '\u{e008}';
const DOWN: char = '\u{e015}';
const ESCAPE: char = '\u{e00c}';

// ---------------------------------------------------------------------------------------------
// Page helpers (errors are returned, so that the axe run can go on past a state it cannot reach)

/// Runs a script (its `return` value comes back).
async fn js(c: &Client, script: &str) -> R<Json> {
    c.execute(script, vec![])
        .await
        .map_err(|e| format!("script failed: {e} (script: {script})"))
}

/// Polls a script until it returns something other than null, undefined or false.
async fn wait_js(c: &Client, what: &str, script: &str) -> R<Json> {
    poll_js(c, what, script, WAIT).await
}

/// The first element matching a CSS selector, once it exists.
async fn find(c: &Client, sel: &str) -> R<Element> {
    find_within(c, sel, WAIT).await
}

/// Waits until no element matches `sel`.
async fn wait_gone(c: &Client, sel: &str) -> R<()> {
    wait_js(
        c,
        &format!("{sel} to go"),
        &format!("return document.querySelector({sel:?}) === null;"),
    )
    .await
    .map(|_| ())
}

/// Clicks the first element matching `sel` (a real click through WebDriver), once it was
/// scrolled to the middle of the window: WebDriver's own scrolling can leave it under the
/// sticky top bar.
async fn click(c: &Client, sel: &str) -> R<()> {
    let e = find(c, sel).await?;
    click_centred(c, e).await.map_err(|e| format!("{sel}: {e}"))
}

/// Opens a URL (a new document) and waits until the app has taken the pre-rendered page over
/// (before that its buttons are only markup) and the page region shows `route`.
async fn goto(c: &Client, url: &str, route: &str) -> R<()> {
    c.goto(url)
        .await
        .map_err(|e| format!("loading {url}: {e}"))?;
    find(c, "html[data-kindlab]").await?;
    find(
        c,
        &format!("[data-testid=\"page\"][data-route=\"{route}\"]"),
    )
    .await
    .map(|_| ())
}

/// Shift+Tab.
async fn press_shift_tab(c: &Client) {
    let seq = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: SHIFT })
        .then(KeyAction::Down { value: TAB })
        .then(KeyAction::Up { value: TAB })
        .then(KeyAction::Up { value: SHIFT });
    c.perform_actions(seq).await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// Test A: axe-core over every page and state

/// The WCAG levels the issue asks for.
const AXE_TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

/// Runs axe on the document once the fonts are in and a frame was painted; the violations, one
/// entry per element, or an error.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const r = await axe.run(document, {
    runOnly: { type: 'tag', values: TAGS },
    resultTypes: ['violations'],
  });
  const out = [];
  for (const v of r.violations) {
    for (const n of v.nodes) {
      out.push({
        rule: v.id,
        impact: n.impact || v.impact || '',
        help: v.help,
        helpUrl: v.helpUrl,
        target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' | '),
        summary: n.failureSummary || '',
        html: n.html || '',
      });
    }
  }
  return out;
})().then(v => done({ ok: v }), e => done({ err: String((e && e.stack) || e) }));
"#;

/// One element that fails one rule on one page.
#[derive(Clone, Debug)]
struct Violation {
    page: String,
    lang: &'static str,
    theme: &'static str,
    width: u32,
    rule: String,
    impact: String,
    target: String,
    summary: String,
    help: String,
    help_url: String,
    html: String,
}

impl Violation {
    fn line(&self) -> String {
        format!(
            "{} ({} {} {}px): {} [{}] {} — {}",
            self.page,
            self.lang,
            self.theme,
            self.width,
            self.rule,
            self.impact,
            self.target,
            one_line(&self.summary)
        )
    }

    fn json(&self) -> Json {
        json!({
            "page": self.page, "lang": self.lang, "theme": self.theme, "width": self.width,
            "rule": self.rule, "impact": self.impact, "target": self.target,
            "summary": self.summary, "help": self.help, "helpUrl": self.help_url,
            "html": self.html,
        })
    }
}

/// axe's multi-line failure summary on one line.
fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A language and theme, checked in one browser.
#[derive(Clone, Copy)]
struct Combo {
    lang: &'static str,
    theme: &'static str,
}

/// A window: (width, height, mobile).
const WIDTHS: &[(u32, u32, bool)] = &[(1280, 900, false), (390, 844, true)];

/// One browser's run through the pages, at one language, theme and width at a time.
struct Scanner {
    c: Client,
    server: Server,
    axe: String,
    combo: Combo,
    width: u32,
    found: Vec<Violation>,
    /// Pages or states that could not be reached or checked.
    problems: Vec<String>,
    scans: usize,
}

impl Scanner {
    fn where_(&self, page: &str) -> String {
        format!(
            "{page} ({} {} {}px)",
            self.combo.lang, self.combo.theme, self.width
        )
    }

    /// The URL of an app path in this run's language (`/zh/...` for Chinese).
    fn url(&self, path: &str) -> String {
        if self.combo.lang == "zh" {
            if path == "/" {
                self.server.url("/zh/")
            } else {
                self.server.url(&format!("/zh{path}"))
            }
        } else {
            self.server.url(path)
        }
    }

    fn problem(&mut self, page: &str, e: String) {
        let line = format!("{}: could not check: {e}", self.where_(page));
        eprintln!("a11y: {line}");
        self.problems.push(line);
    }

    /// Records the result of reaching a state (its scans are recorded by `scan`).
    fn done(&mut self, page: &str, r: R<()>) {
        if let Err(e) = r {
            self.problem(page, e);
        }
    }

    /// A fresh start on the site's origin (a plain file, so no app runs and saves anything
    /// afterwards): the settings of this combination, nothing else saved.
    async fn reset_storage(&self) -> R<()> {
        self.c
            .goto(&self.server.url("/site.json"))
            .await
            .map_err(|e| format!("loading /site.json: {e}"))?;
        let settings = json!({ "lang": self.combo.lang, "theme": self.combo.theme }).to_string();
        js(
            &self.c,
            &format!(
                "localStorage.clear(); sessionStorage.clear(); \
                 localStorage.setItem('kindlab.settings', {}); return true;",
                serde_json::to_string(&settings).unwrap()
            ),
        )
        .await
        .map(|_| ())
    }

    /// The window's size, as a phone or a desktop would have it.
    async fn set_width(&mut self, (width, height, mobile): (u32, u32, bool)) -> R<()> {
        self.width = width;
        cdp(
            &self.c,
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        )
        .await
        .map(|_| ())
    }

    /// Checks the page is in this run's language, theme and width, then runs axe over it.
    async fn scan(&mut self, page: &str) -> R<()> {
        let c = self.c.clone();
        let seen = js(
            &c,
            "const a = document.querySelector('.app'); \
             return [document.documentElement.lang, a ? a.getAttribute('data-theme') : null, \
                     window.innerWidth, typeof window.axe];",
        )
        .await?;
        let want_lang = if self.combo.lang == "zh" {
            "zh-CN"
        } else {
            "en-US"
        };
        if seen[0] != want_lang || seen[1] != self.combo.theme {
            return Err(format!(
                "the page is not in {want_lang} {}: <html lang> {}, .app data-theme {}",
                self.combo.theme, seen[0], seen[1]
            ));
        }
        if seen[2].as_u64() != Some(self.width as u64) {
            return Err(format!(
                "the window is {} px wide, not {}",
                seen[2], self.width
            ));
        }
        if seen[3] != "object" {
            let injected = js(&c, &format!("{}\n;return typeof window.axe;", self.axe)).await?;
            if injected != "object" {
                return Err(format!("axe-core did not load: window.axe is {injected}"));
            }
        }
        // a widget still loading its content is not what a reader ends up with
        wait_js(
            &c,
            "the page's content to load (no [aria-busy=true] left)",
            "return document.querySelector('[aria-busy=\"true\"]') === null;",
        )
        .await?;
        let started = Instant::now();
        let script = AXE_RUN.replace("TAGS", AXE_TAGS);
        let r = c
            .execute_async(&script, vec![])
            .await
            .map_err(|e| format!("axe.run: {e}"))?;
        let Some(list) = r["ok"].as_array() else {
            return Err(format!("axe.run failed: {}", r["err"]));
        };
        self.scans += 1;
        let s = |v: &Json, k: &str| v[k].as_str().unwrap_or_default().to_string();
        for v in list {
            self.found.push(Violation {
                page: page.to_string(),
                lang: self.combo.lang,
                theme: self.combo.theme,
                width: self.width,
                rule: s(v, "rule"),
                impact: s(v, "impact"),
                target: s(v, "target"),
                summary: s(v, "summary"),
                help: s(v, "help"),
                help_url: s(v, "helpUrl"),
                html: s(v, "html"),
            });
        }
        eprintln!(
            "a11y: {}: {} violation(s), axe took {:.1} s",
            self.where_(page),
            list.len(),
            started.elapsed().as_secs_f64()
        );
        Ok(())
    }

    /// Opens an app path and scans it.
    async fn page(&mut self, page: &str, path: &str, route: &str) {
        let url = self.url(path);
        let r = match goto(&self.c, &url, route).await {
            Ok(()) => self.scan(page).await,
            Err(e) => Err(e),
        };
        self.done(page, r);
    }

    /// Every page and state at the current width.
    async fn all_pages(&mut self) {
        self.page("home", "/", "home").await;
        for slug in LESSONS {
            self.page(
                &format!("lesson {slug}"),
                &format!("/lesson/{slug}"),
                &format!("lesson-{slug}"),
            )
            .await;
        }
        self.page("quiz index", "/quiz", "quiz").await;
        let r = self.chapter_quiz().await;
        self.done("quiz chapter", r);
        self.page("quiz review", "/quiz/review", "quiz-review")
            .await;
        let r = self.lab_widget().await;
        self.done("lesson storage: lab widget started", r);
        let r = self.lab().await;
        self.done("lab", r);
        let r = self.challenge().await;
        self.done("challenge pvc-pending", r);
        self.page("progress", "/progress", "progress").await;
        self.page("glossary", "/glossary", "glossary").await;
        self.page("before you begin", "/start", "start").await;
        self.page("not found", "/no/such/page", "not-found").await;
    }

    /// The chapter quiz: its start, a practice run with an answer's feedback, an exam finished
    /// with its results and review.
    async fn chapter_quiz(&mut self) -> R<()> {
        let c = self.c.clone();
        let url = self.url("/quiz/chapter");
        goto(&c, &url, "quiz-chapter").await?;
        self.scan("quiz chapter: start").await?;

        // practice: the first question answered, its feedback shown
        click(&c, &testid("quiz-start")).await?;
        Quiz::new(&c, WAIT).answer(1).await?;
        find(&c, &testid("quiz-feedback")).await?;
        self.scan("quiz chapter: practice, question 1 answered")
            .await?;
        // the rest of the run, to its results, then again as an exam
        for _ in 0..10 {
            if c.find(Locator::Css(&testid("quiz-results"))).await.is_ok() {
                break;
            }
            if c.find(Locator::Css(&testid("quiz-next"))).await.is_ok() {
                click(&c, &testid("quiz-next")).await?;
                wait_js(
                    &c,
                    "the next question or the results",
                    "return !!document.querySelector('[data-testid=\"quiz-results\"]') || \
                     !!document.querySelector('[data-testid=\"quiz-question\"][data-answered=\"false\"]');",
                )
                .await?;
            } else {
                Quiz::new(&c, WAIT).answer(1).await?;
            }
        }
        click(&c, &testid("quiz-restart")).await?;
        click(&c, &testid("quiz-mode-exam")).await?;
        wait_js(
            &c,
            "exam mode to be chosen",
            "return document.querySelector('[data-testid=\"quiz-mode-exam\"]').checked;",
        )
        .await?;
        click(&c, &testid("quiz-start")).await?;
        for _ in 0..10 {
            if c.find(Locator::Css(&testid("quiz-results"))).await.is_ok() {
                break;
            }
            Quiz::new(&c, WAIT).answer(1).await?;
        }
        find(&c, &testid("quiz-results")).await?;
        find(&c, &testid("quiz-review")).await?;
        self.scan("quiz chapter: exam finished, results and review")
            .await
    }

    /// A lesson's lab widget, started in place (the full edition takes the page over).
    async fn lab_widget(&mut self) -> R<()> {
        let c = self.c.clone();
        let url = self.url("/lesson/storage");
        goto(&c, &url, "lesson-storage").await?;
        let live = format!("{} {}", testid("widget-lab"), testid("terminal-input"));
        let state = wait_js(
            &c,
            "the storage lesson's lab widget",
            &format!(
                "if (document.querySelector({live:?})) return 'live'; \
                 if (document.querySelector({:?})) return 'start'; return null;",
                testid("widget-lab-start")
            ),
        )
        .await?;
        if state == "start" {
            click(&c, &testid("widget-lab-start")).await?;
        } else {
            eprintln!("a11y: the storage lesson came with its lab widget live (no start button)");
        }
        wait_js(
            &c,
            "the full edition with the widget's terminal",
            &format!(
                "return document.documentElement.getAttribute('data-kindlab') === 'full' && \
                 !!document.querySelector({live:?});"
            ),
        )
        .await?;
        self.scan("lesson storage: lab widget started").await
    }

    /// A break-fix challenge (issue 19): with a hint shown, then solved with its explanation.
    async fn challenge(&mut self) -> R<()> {
        let c = self.c.clone();
        let url = self.url("/challenge/pvc-pending");
        goto(&c, &url, "challenge-pvc-pending").await?;
        find(&c, "html[data-kindlab=\"full\"]").await?;
        click(&c, &testid("challenge-hint")).await?;
        find(&c, &format!("{} li", testid("challenge-hints"))).await?;
        self.scan("challenge: a hint shown").await?;
        let lab = Lab::new(&c, WAIT);
        for line in [
            "kubectl apply -f - <<EOF",
            "apiVersion: storage.k8s.io/v1",
            "kind: StorageClass",
            "metadata:",
            "  name: fast",
            "provisioner: rancher.io/local-path",
            "volumeBindingMode: WaitForFirstConsumer",
            "EOF",
            "sleep 30s",
        ] {
            lab.type_command(line).await?;
        }
        find(&c, &testid("challenge-explanation")).await?;
        self.scan("challenge: solved").await
    }

    /// The lab: each panel in turn, the export, the topology settings, a node's actions, a
    /// guided lab running.
    async fn lab(&mut self) -> R<()> {
        let c = self.c.clone();
        let url = self.url("/lab");
        goto(&c, &url, "lab").await?;
        find(&c, "html[data-kindlab=\"full\"]").await?;
        // something in the terminal and on the timeline
        Lab::new(&c, WAIT).type_command("kubectl get nodes").await?;
        find(&c, &format!("{} .term-cmd", testid("terminal-output"))).await?;
        self.scan("lab: log panel").await?;
        for tab in ["nodes", "pods", "timeline", "config"] {
            let page = format!("lab: {tab} panel");
            let r = async {
                click(&c, &testid(&format!("lab-tab-{tab}"))).await?;
                find(&c, &testid(&format!("panel-{tab}"))).await?;
                self.scan(&page).await
            }
            .await;
            self.done(&page, r);
        }
        let r = async {
            click(&c, &testid("lab-export")).await?;
            find(&c, &testid("lab-export-panel")).await?;
            self.scan("lab: export panel").await?;
            click(&c, &format!("{} .dismiss", testid("lab-export-panel"))).await?;
            wait_gone(&c, &testid("lab-export-panel")).await
        }
        .await;
        self.done("lab: export panel", r);
        let r = async {
            click(&c, &testid("lab-topology-settings")).await?;
            find(&c, &testid("topology-settings")).await?;
            self.scan("lab: topology settings").await?;
            click(&c, &format!("{} .dismiss", testid("topology-settings"))).await?;
            wait_gone(&c, &testid("topology-settings")).await
        }
        .await;
        self.done("lab: topology settings", r);
        let page = format!("lab: node actions ({NGINX_NODE})");
        let r = async {
            Lab::new(&c, WAIT).click_node(NGINX_NODE).await?;
            self.scan(&page).await?;
            click(&c, &format!("{} .dismiss", testid("node-actions"))).await?;
            wait_gone(&c, &testid("node-actions")).await
        }
        .await;
        self.done(&page, r);
        let page = format!("lab: guided lab {FIRST_GUIDE:?} running, hint and command shown");
        let r = async {
            click(&c, &testid(&format!("guide-start-{FIRST_GUIDE}"))).await?;
            find(
                &c,
                &format!("{}[data-guide=\"{FIRST_GUIDE}\"]", testid("guide")),
            )
            .await?;
            click(&c, &testid("lab-hint")).await?;
            find(&c, &testid("lab-hint-text")).await?;
            click(&c, &testid("lab-hint")).await?;
            find(&c, &testid("lab-hint-command")).await?;
            self.scan(&page).await
        }
        .await;
        self.done(&page, r);
        Ok(())
    }
}

mod axe;
mod keyboard;
