//! The lab's page object (`/lab`, and a lesson's lab widget): its terminal and its diagram,
//! by data-testid. Errors come back as `Err(String)` (the accessibility scan lists them and goes
//! on; the other tests unwrap them). Each test says how long a wait may last.

use super::browser::{click_centred, find_within, testid};
use fantoccini::elements::Element;
use fantoccini::Client;
use std::time::Duration;

/// The WebDriver key code of Enter.
pub(crate) const ENTER: char = '\u{e007}';

/// The lab on a page a test drives.
pub(crate) struct Lab<'a> {
    c: &'a Client,
    wait: Duration,
}

impl<'a> Lab<'a> {
    /// The lab on `c`'s page; every wait for an element lasts at most `wait`.
    pub(crate) fn new(c: &'a Client, wait: Duration) -> Lab<'a> {
        Lab { c, wait }
    }

    /// The terminal's input, once it is there.
    pub(crate) async fn input(&self) -> Result<Element, String> {
        find_within(self.c, &testid("terminal-input"), self.wait).await
    }

    /// Sends keys (text and WebDriver key codes) to the terminal's input.
    pub(crate) async fn send_keys(&self, keys: &str) -> Result<(), String> {
        self.input()
            .await?
            .send_keys(keys)
            .await
            .map_err(|e| format!("typing {keys:?} in the terminal: {e}"))
    }

    /// Types a command and Enter into the terminal's input (what the caller waits for after
    /// that is its own business: the transcript, an output, a step done).
    pub(crate) async fn type_command(&self, cmd: &str) -> Result<(), String> {
        self.send_keys(&format!("{cmd}{ENTER}")).await
    }

    /// Clicks a node of the diagram (`node`: its name, e.g. `cluster01-worker2`) and waits for
    /// its actions.
    pub(crate) async fn click_node(&self, node: &str) -> Result<(), String> {
        let e = find_within(self.c, &testid(&format!("node-{node}")), self.wait).await?;
        click_centred(self.c, e)
            .await
            .map_err(|e| format!("node-{node}: {e}"))?;
        find_within(self.c, &testid("node-actions"), self.wait)
            .await
            .map(|_| ())
    }
}
