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

#[component]
pub fn Terminal(compact: bool, on_announce: EventHandler<Vec<String>>) -> Element {
    let mut state = use_context::<AppState>();
    let mut line = use_signal(String::new);
    // position in the history while browsing with ↑/↓ (None: editing a new line)
    let mut browsing = use_signal(|| None::<usize>);
    let mut draft = use_signal(String::new);
    // candidates printed after a Tab that could not complete further, and ^C lines
    let mut notes = use_signal(Vec::<String>::new);
    let out_id = if compact {
        "terminal-out-w"
    } else {
        "terminal-out"
    };
    let in_id = if compact {
        "terminal-in-w"
    } else {
        "terminal-in"
    };

    // redrawn when the transcript or the prompt changes, not on every step of the clock
    let revision = use_memo(move || state.lab.read().as_ref().map(|l| l.revisions().terminal));
    let _ = revision();
    let guard = state.lab.peek();
    let Some(lab) = guard.as_ref() else {
        return rsx! {};
    };
    let entries: Vec<(String, String, String, bool)> = lab
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

    let input: &'static str = in_id;
    let mut set_line = move |v: String| {
        set_field(input, &v);
        line.set(v);
    };
    let mut submit = move || {
        let text = line.read().clone();
        set_line(String::new());
        browsing.set(None);
        notes.write().clear();
        let out = state.dispatch(Command::Type(text));
        on_announce.call(out.announcements);
    };

    // the keys the terminal understands, also on its key row for touch screens
    let mut history_step = move |up: bool| {
        let history = state
            .lab
            .read()
            .as_ref()
            .map(|l| l.doc.history.clone())
            .unwrap_or_default();
        if history.is_empty() {
            return;
        }
        let next = match (browsing(), up) {
            (None, true) => {
                draft.set(line.read().clone());
                Some(history.len() - 1)
            }
            (None, false) => None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => None,
        };
        browsing.set(next);
        match next {
            Some(i) => set_line(history[i].clone()),
            None => set_line(draft.read().clone()),
        }
    };
    let mut complete = move || {
        let text = line.read().clone();
        let c = state.lab.read().as_ref().map(|l| l.session.complete(&text));
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
                set_line(format!("{}{word}{sep}", &text[..c.start]));
                notes.write().clear();
            }
            _ => {
                let prefix = c.common_prefix();
                if prefix.len() > text.len() - c.start {
                    set_line(format!("{}{prefix}", &text[..c.start]));
                } else {
                    notes.set(vec![c.candidates.join("  ")]);
                }
            }
        }
    };
    let mut interrupt = move || {
        let typed = line.read().clone();
        notes.write().push(format!("{typed}^C"));
        set_line(String::new());
        browsing.set(None);
        state.dispatch(Command::Interrupt);
    };
    let mut clear_screen = move || {
        notes.write().clear();
        state.dispatch(Command::ClearScreen);
    };

    let onkeydown = move |e: KeyboardEvent| {
        let ctrl = e.modifiers().ctrl();
        match e.key() {
            Key::Enter => {
                e.prevent_default();
                submit();
            }
            Key::ArrowUp | Key::ArrowDown => {
                e.prevent_default();
                history_step(e.key() == Key::ArrowUp);
            }
            // Tab completes what is typed; on an empty line, and with Shift, it moves the focus
            // on as everywhere else (the terminal is no keyboard trap)
            Key::Tab if !e.modifiers().shift() && !line.read().trim().is_empty() => {
                e.prevent_default();
                complete();
            }
            Key::Character(ref ch) if ctrl && ch.eq_ignore_ascii_case("c") => {
                e.prevent_default();
                interrupt();
            }
            Key::Character(ref ch) if ctrl && ch.eq_ignore_ascii_case("l") => {
                e.prevent_default();
                clear_screen();
            }
            _ => {}
        }
    };
    // a key of the row: its action, and the keyboard stays with the input line
    let refocus = move || {
        let e = document::eval("const id = await dioxus.recv(); document.getElementById(id)?.focus({preventScroll: true});");
        let _ = e.send(input.to_string());
    };

    let focus_id = in_id.to_string();
    rsx! {
        div {
            class: "terminal",
            onclick: move |_| {
                let e = document::eval("const id = await dioxus.recv(); document.getElementById(id)?.focus();");
                let _ = e.send(focus_id.clone());
            },
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
            div { class: "terminal-line",
                label { class: "term-prompt", r#for: "{in_id}",
                    if open { "> " } else { "{cwd} " }
                }
                input {
                    id: "{in_id}",
                    class: "terminal-input",
                    "data-testid": "terminal-input",
                    r#type: "text",
                    autocomplete: "off",
                    spellcheck: "false",
                    autocapitalize: "off",
                    "aria-label": t!("lab-terminal-input"),
                    initial_value: "",
                    oninput: move |e| {
                        line.set(e.value());
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
                    onkeydown,
                }
            }
            // the keys a touch keyboard lacks (shown on touch and small screens)
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
                            match id {
                                "tab" => complete(),
                                "up" => history_step(true),
                                "down" => history_step(false),
                                "ctrl-c" => interrupt(),
                                _ => clear_screen(),
                            }
                            refocus();
                        },
                        span { "aria-hidden": "true", "{label}" }
                        span { class: "sr-only", "{name}" }
                    }
                }
            }
        }
    }
}
