//! The lab's terminal over the simulator's command layer (the same commands and output as
//! `kindlab sim`): a prompt with the working directory, heredocs (`> ` continuation prompt),
//! history with ↑/↓ (saved with the lab), Tab completion, Ctrl-C, Ctrl-L, `clear`. Output keeps
//! the tools' column alignment in a monospace font and scrolls.

use super::doc::set_field;
use super::i18n::t;
use super::state::AppState;
use crate::lab::Command;
use dioxus::prelude::*;

/// `root@kind-host:~#`
fn prompt(cwd: &str) -> String {
    let shown = match cwd.strip_prefix("/root") {
        Some("") => "~".to_string(),
        Some(rest) if rest.starts_with('/') => format!("~{rest}"),
        _ => cwd.to_string(),
    };
    format!("root@kind-host:{shown}#")
}

/// Scrolls the terminal's output to its end.
fn scroll_to_end(id: &str) {
    let e = document::eval(
        "const id = await dioxus.recv(); const el = document.getElementById(id); if (el) el.scrollTop = el.scrollHeight;",
    );
    let _ = e.send(id.to_string());
}

/// The line being typed and what acts on it (the keys, the key row): signals, so `Copy`.
#[derive(Clone, Copy)]
struct Line {
    state: AppState,
    line: Signal<String>,
    /// Position in the history while browsing with ↑/↓ (None: editing a new line).
    browsing: Signal<Option<usize>>,
    /// The new line, kept while browsing the history.
    draft: Signal<String>,
    /// Candidates printed after a Tab that could not complete further, and ^C lines.
    notes: Signal<Vec<String>>,
    /// The input's element id.
    input: &'static str,
    on_announce: EventHandler<Vec<String>>,
}

impl Line {
    fn set(mut self, v: String) {
        set_field(self.input, &v);
        self.line.set(v);
    }

    fn submit(mut self) {
        let text = self.line.read().clone();
        self.set(String::new());
        self.browsing.set(None);
        self.notes.write().clear();
        let out = self.state.dispatch(Command::Type(text));
        self.on_announce.call(out.announcements);
    }

    /// ↑ (`up`) or ↓ through the history.
    fn history_step(mut self, up: bool) {
        let history = self
            .state
            .lab
            .read()
            .as_ref()
            .map(|l| l.doc.history.clone())
            .unwrap_or_default();
        if history.is_empty() {
            return;
        }
        let next = match ((self.browsing)(), up) {
            (None, true) => {
                self.draft.set(self.line.read().clone());
                Some(history.len() - 1)
            }
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        self.browsing.set(next);
        match next {
            Some(i) => self.set(history[i].clone()),
            None => self.set(self.draft.read().clone()),
        }
    }

    /// Tab: completes the word, or its common prefix, or lists the candidates.
    fn complete(mut self) {
        let text = self.line.read().clone();
        let c = self
            .state
            .lab
            .read()
            .as_ref()
            .map(|l| l.session.complete(&text));
        let Some(c) = c else { return };
        match c.candidates.len() {
            0 => {}
            1 => {
                let word = &c.candidates[0];
                let sep = if word.ends_with('/') || word.ends_with('=') {
                    ""
                } else {
                    " "
                };
                self.set(format!("{}{word}{sep}", &text[..c.start]));
                self.notes.write().clear();
            }
            _ => {
                let prefix = c.common_prefix();
                if prefix.len() > text.len() - c.start {
                    self.set(format!("{}{prefix}", &text[..c.start]));
                } else {
                    self.notes.set(vec![c.candidates.join("  ")]);
                }
            }
        }
    }

    /// Ctrl-C.
    fn interrupt(mut self) {
        let typed = self.line.read().clone();
        self.notes.write().push(format!("{typed}^C"));
        self.set(String::new());
        self.browsing.set(None);
        self.state.dispatch(Command::Interrupt);
    }

    /// Ctrl-L.
    fn clear_screen(mut self) {
        self.notes.write().clear();
        self.state.dispatch(Command::ClearScreen);
    }

    /// The keys the terminal understands (also on its key row for touch screens).
    fn key(self, e: KeyboardEvent) {
        let ctrl = e.modifiers().ctrl();
        match e.key() {
            Key::Enter => {
                e.prevent_default();
                self.submit();
            }
            Key::ArrowUp | Key::ArrowDown => {
                e.prevent_default();
                self.history_step(e.key() == Key::ArrowUp);
            }
            // Tab completes what is typed; on an empty line, and with Shift, it moves the focus
            // on as everywhere else (the terminal is no keyboard trap)
            Key::Tab if !e.modifiers().shift() && !self.line.read().trim().is_empty() => {
                e.prevent_default();
                self.complete();
            }
            Key::Character(ref ch) if ctrl && ch.eq_ignore_ascii_case("c") => {
                e.prevent_default();
                self.interrupt();
            }
            Key::Character(ref ch) if ctrl && ch.eq_ignore_ascii_case("l") => {
                e.prevent_default();
                self.clear_screen();
            }
            _ => {}
        }
    }

    /// A key of the row: its action, and the keyboard stays with the input line.
    fn press(self, id: &str) {
        match id {
            "tab" => self.complete(),
            "up" => self.history_step(true),
            "down" => self.history_step(false),
            "ctrl-c" => self.interrupt(),
            _ => self.clear_screen(),
        }
        let e = document::eval("const id = await dioxus.recv(); document.getElementById(id)?.focus({preventScroll: true});");
        let _ = e.send(self.input.to_string());
    }
}

/// A transcript entry as shown: prompt, command, output, whether it succeeded.
type Shown = (String, String, String, bool);

#[component]
pub fn Terminal(compact: bool, on_announce: EventHandler<Vec<String>>) -> Element {
    let state = use_context::<AppState>();
    let line = Line {
        state,
        line: use_signal(String::new),
        browsing: use_signal(|| None::<usize>),
        draft: use_signal(String::new),
        notes: use_signal(Vec::<String>::new),
        input: if compact {
            "terminal-in-w"
        } else {
            "terminal-in"
        },
        on_announce,
    };
    let out_id = if compact {
        "terminal-out-w"
    } else {
        "terminal-out"
    };
    let in_id = line.input;

    // redrawn when the transcript or the prompt changes, not on every step of the clock
    let revision = use_memo(move || state.lab.read().as_ref().map(|l| l.revisions().terminal));
    let _ = revision();
    let guard = state.lab.peek();
    let Some(lab) = guard.as_ref() else {
        return rsx! {};
    };
    let entries: Vec<Shown> = lab
        .transcript
        .iter()
        .map(|e| (prompt(&e.cwd), e.command.clone(), e.output.clone(), e.ok))
        .collect();
    let open = lab.needs_more_input();
    let cwd = prompt(lab.session.cwd());
    let count = entries.len();
    drop(guard);

    // keep the end in view as output arrives
    let scroll_id = out_id.to_string();
    use_effect(use_reactive!(|count| {
        let _ = count;
        scroll_to_end(&scroll_id);
    }));

    let focus_id = in_id.to_string();
    rsx! {
        div {
            class: "terminal",
            onclick: move |_| {
                let e = document::eval("const id = await dioxus.recv(); document.getElementById(id)?.focus();");
                let _ = e.send(focus_id.clone());
            },
            {terminal_output(out_id, entries, line.notes)}
            div { class: "terminal-line",
                label { class: "term-prompt", r#for: "{in_id}",
                    if open { "> " } else { "{cwd} " }
                }
                {terminal_input(line)}
            }
            {terminal_keys(line)}
        }
    }
}

/// The transcript: each command with its prompt (a heredoc's lines after `> `) and its output,
/// then the notes.
fn terminal_output(out_id: &str, entries: Vec<Shown>, notes: Signal<Vec<String>>) -> Element {
    rsx! {
        div {
            class: "terminal-out",
            id: "{out_id}",
            "data-testid": "terminal-output",
            role: "log",
            "aria-label": t!("lab-terminal"),
            tabindex: "0",
            if entries.is_empty() {
                span { class: "term-hint", {t!("lab-terminal-hint")} "\n" }
            }
            for (p , cmd , out , ok) in entries.into_iter() {
                {
                    let mut lines = cmd.lines();
                    let first = lines.next().unwrap_or("").to_string();
                    let rest: Vec<String> = lines.map(|l| format!("> {l}")).collect();
                    rsx! {
                        span { class: "term-prompt", "{p} " }
                        span { class: "term-cmd", "{first}\n" }
                        for r in rest {
                            span { class: "term-cont", "{r}\n" }
                        }
                        span { class: if ok { "term-out" } else { "term-out failed" }, "{out}" }
                    }
                }
            }
            for n in notes.read().iter() {
                span { class: "term-note", "{n}\n" }
            }
        }
    }
}

/// The input line.
fn terminal_input(line: Line) -> Element {
    let Line {
        line: mut text,
        mut browsing,
        input,
        ..
    } = line;
    rsx! {
        input {
            id: "{input}",
            class: "terminal-input",
            "data-testid": "terminal-input",
            r#type: "text",
            autocomplete: "off",
            spellcheck: "false",
            autocapitalize: "off",
            "aria-label": t!("lab-terminal-input"),
            initial_value: "",
            oninput: move |e| {
                text.set(e.value());
                browsing.set(None);
            },
            // on a phone the on-screen keyboard comes up: keep the line above it
            // on a touch screen the on-screen keyboard opens over the page: once it
            // is up, the line being typed is brought back into view (not with a mouse
            // and keyboard, where nothing covers it and a late scroll would only jump)
            onfocus: move |_| {
                let e = document::eval(
                    "const id = await dioxus.recv(); if (!matchMedia('(pointer: coarse)').matches) return; \
                     const el = document.getElementById(id); if (!el) return; \
                     const show = () => { if (document.activeElement === el) el.scrollIntoView({block: 'nearest'}); }; \
                     const vv = window.visualViewport; \
                     if (vv) vv.addEventListener('resize', show, { once: true }); \
                     setTimeout(show, 400);",
                );
                let _ = e.send(input.to_string());
            },
            onkeydown: move |e: KeyboardEvent| line.key(e),
        }
    }
}

/// The keys a touch keyboard lacks (shown on touch and small screens).
fn terminal_keys(line: Line) -> Element {
    rsx! {
        div { class: "terminal-keys", "data-testid": "terminal-keys", role: "group", "aria-label": t!("lab-terminal-keys"),
            for (id , label , name) in [
                ("tab", "Tab", t!("lab-key-tab")),
                ("up", "↑", t!("lab-key-up")),
                ("down", "↓", t!("lab-key-down")),
                ("ctrl-c", "Ctrl-C", t!("lab-key-ctrl-c")),
                ("ctrl-l", "Ctrl-L", t!("lab-key-ctrl-l")),
            ] {
                button {
                    key: "{id}",
                    class: "terminal-key",
                    "data-testid": "terminal-key-{id}",
                    title: "{name}",
                    // a tap does not take the focus (and the on-screen keyboard) away
                    onmousedown: move |e: MouseEvent| e.prevent_default(),
                    onclick: move |e: MouseEvent| {
                        e.stop_propagation();
                        line.press(id);
                    },
                    span { "aria-hidden": "true", "{label}" }
                    span { class: "sr-only", "{name}" }
                }
            }
        }
    }
}
