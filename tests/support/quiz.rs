//! The quiz's page object: the question on screen, answered with the mouse, and the chapter
//! quiz's answer key (the keyboard paths, in the browser and on the desktop, press it).

use super::browser::{click_centred, find_within, poll_js, testid};
use fantoccini::Client;
use std::time::Duration;

/// The chapter quiz's answer key: the option to press for each question (1-based).
pub(crate) const CHAPTER_KEY: [char; 4] = ['3', '4', '1', '2'];

/// A quiz on a page a test drives.
pub(crate) struct Quiz<'a> {
    c: &'a Client,
    wait: Duration,
}

impl<'a> Quiz<'a> {
    /// The quiz on `c`'s page; every wait lasts at most `wait`.
    pub(crate) fn new(c: &'a Client, wait: Duration) -> Quiz<'a> {
        Quiz { c, wait }
    }

    async fn click(&self, sel: &str) -> Result<(), String> {
        let e = find_within(self.c, sel, self.wait).await?;
        click_centred(self.c, e)
            .await
            .map_err(|e| format!("{sel}: {e}"))
    }

    /// Answers the question on screen with option `option` (1-based) and submits it; waits
    /// until it was taken (practice: the feedback; exam: the next question or the results).
    pub(crate) async fn answer(&self, option: usize) -> Result<(), String> {
        let q = find_within(
            self.c,
            &format!("{}[data-answered=\"false\"]", testid("quiz-question")),
            self.wait,
        )
        .await?;
        let id = q
            .attr("data-question")
            .await
            .map_err(|e| e.to_string())?
            .unwrap_or_default();
        let pick = testid(&format!("quiz-option-{option}"));
        self.click(&pick).await?;
        find_within(self.c, &format!("{pick}[data-state=\"picked\"]"), self.wait).await?;
        self.click(&testid("quiz-submit")).await?;
        poll_js(
            self.c,
            &format!("question {id} to be taken"),
            &format!(
                "if (document.querySelector('[data-testid=\"quiz-results\"]')) return true; \
                 const q = document.querySelector('[data-testid=\"quiz-question\"]'); \
                 return !!q && (q.getAttribute('data-question') !== {id:?} || \
                                q.getAttribute('data-answered') === 'true');"
            ),
            self.wait,
        )
        .await
        .map(|_| ())
    }
}
