//! axe-core on every page and state, both languages, wide and narrow.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the web release in dist/ and Chromium; run by `cargo xtask test`"]
async fn a11y_axe_finds_no_violations_on_any_page_or_state() {
    let _turn = turn();
    let axe_path = kindlab_testkit::tools::ensure_axe().unwrap();
    let axe = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|e| panic!("{}: {e}", axe_path.display()));
    let started = Instant::now();
    let mut found: Vec<Violation> = vec![];
    let mut problems: Vec<String> = vec![];
    let mut scans = 0;
    for combo in [
        Combo {
            lang: "en",
            theme: "light",
        },
        Combo {
            lang: "zh",
            theme: "dark",
        },
    ] {
        let browser = Browser::start().await.unwrap();
        let c = browser.client.clone();
        // axe on a long lesson, on a slow machine, can take a while
        c.update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(300)),
            Some(Duration::from_secs(120)),
            Some(Duration::ZERO),
        ))
        .await
        .unwrap();
        let mut s = Scanner {
            c: c.clone(),
            server: serve(),
            axe: axe.clone(),
            combo,
            width: 0,
            found: vec![],
            problems: vec![],
            scans: 0,
        };
        for &w in WIDTHS {
            let pass = Instant::now();
            let r = async {
                s.set_width(w).await?;
                s.reset_storage().await
            }
            .await;
            match r {
                Ok(()) => s.all_pages().await,
                Err(e) => s.problem("(set-up)", e),
            }
            eprintln!(
                "a11y: {} {} {}px done in {:.0} s",
                combo.lang,
                combo.theme,
                w.0,
                pass.elapsed().as_secs_f64()
            );
        }
        found.append(&mut s.found);
        problems.append(&mut s.problems);
        scans += s.scans;
        browser.close().await;
    }
    let took = started.elapsed().as_secs_f64();
    eprintln!("a11y: {scans} pages and states checked in {took:.0} s");

    if let Some(file) = std::env::var_os("KINDLAB_A11Y_JSON") {
        let all: Vec<Json> = found.iter().map(Violation::json).collect();
        std::fs::write(&file, serde_json::to_string_pretty(&all).unwrap()).unwrap();
    }
    if found.is_empty() && problems.is_empty() {
        return;
    }
    // every element, then each rule once with what it asks for
    let mut msg = format!(
        "{} axe violation(s) on {scans} pages and states ({took:.0} s)",
        found.len()
    );
    if !problems.is_empty() {
        msg.push_str(&format!(
            ", and {} page(s) or state(s) that could not be checked",
            problems.len()
        ));
    }
    msg.push_str(":\n");
    for v in &found {
        msg.push_str(&v.line());
        msg.push('\n');
    }
    for p in &problems {
        msg.push_str(p);
        msg.push('\n');
    }
    let mut rules: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|v| {
            (
                v.rule.as_str(),
                v.impact.as_str(),
                v.help.as_str(),
                v.help_url.as_str(),
            )
        })
        .collect();
    rules.sort();
    rules.dedup();
    if !rules.is_empty() {
        msg.push_str("\nthe rules:\n");
    }
    for (rule, impact, help, url) in rules {
        let mut targets: Vec<&str> = found
            .iter()
            .filter(|v| v.rule == rule && v.impact == impact)
            .map(|v| v.target.as_str())
            .collect();
        targets.sort();
        targets.dedup();
        msg.push_str(&format!(
            "{rule} [{impact}]: {help} ({url}); {} distinct target(s): {}\n",
            targets.len(),
            targets.join(", ")
        ));
    }
    panic!("{msg}");
}

// ---------------------------------------------------------------------------------------------
// Test B: the first guided lab's first three steps, by keyboard alone
