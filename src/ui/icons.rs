//! Small icons drawn as inline SVG rather than taken from a font: the symbol characters they
//! replace (⎈ ☀ ☾ ◐ ⌨ ✎ ▶) are missing from many phones' fonts, and looking them up in the
//! system's fallback fonts delays a page's first paint. Decorative: hidden from screen readers
//! (the text beside them says what they mean).

use dioxus::prelude::*;

/// Which icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Icon {
    /// The helm wheel of the brand.
    Wheel,
    Sun,
    Moon,
    /// Half light, half dark: follow the system.
    Auto,
    Keyboard,
    Pencil,
    Play,
    /// Three lines: the navigation drawer's button.
    Menu,
    Close,
}

/// The icon, 1em square, in the text's colour.
#[component]
pub fn Glyph(icon: Icon) -> Element {
    let body = match icon {
        Icon::Wheel => rsx! {
            circle { cx: "12", cy: "12", r: "6.2", fill: "none", stroke: "currentColor", stroke_width: "1.8" }
            path {
                d: "M12 10V2.5M13.6 10.7 19.4 6M14 12.6l7.4 1.7M12.9 13.9l3.3 6.8M11.1 13.9l-3.3 6.8M10 12.6l-7.4 1.7M10.4 10.7 4.6 6",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "1.8",
                stroke_linecap: "round",
            }
            circle { cx: "12", cy: "12", r: "2", fill: "currentColor" }
        },
        Icon::Sun => rsx! {
            circle { cx: "12", cy: "12", r: "4.5", fill: "currentColor" }
            path {
                d: "M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "2",
                stroke_linecap: "round",
            }
        },
        Icon::Moon => rsx! {
            path { d: "M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z", fill: "currentColor" }
        },
        Icon::Auto => rsx! {
            circle { cx: "12", cy: "12", r: "8.5", fill: "none", stroke: "currentColor", stroke_width: "2" }
            path { d: "M12 3.5a8.5 8.5 0 0 1 0 17z", fill: "currentColor" }
        },
        Icon::Keyboard => rsx! {
            rect { x: "2.5", y: "6", width: "19", height: "12", rx: "2", fill: "none", stroke: "currentColor", stroke_width: "1.8" }
            path {
                d: "M6 10h1M9.5 10h1M13 10h1M16.5 10h1M6 13.5h1M16.5 13.5h1M9 14h6",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "1.8",
                stroke_linecap: "round",
            }
        },
        Icon::Pencil => rsx! {
            path {
                d: "M4 20l1-4.5L15.5 5a2 2 0 0 1 2.8 0l.7.7a2 2 0 0 1 0 2.8L8.5 19 4 20z",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "1.8",
                stroke_linejoin: "round",
            }
        },
        Icon::Play => rsx! {
            path { d: "M7 4.5v15l12-7.5z", fill: "currentColor" }
        },
        Icon::Menu => rsx! {
            path {
                d: "M4 6.5h16M4 12h16M4 17.5h16",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "2",
                stroke_linecap: "round",
            }
        },
        Icon::Close => rsx! {
            path {
                d: "M6 6l12 12M18 6 6 18",
                fill: "none",
                stroke: "currentColor",
                stroke_width: "2",
                stroke_linecap: "round",
            }
        },
    };
    rsx! {
        svg {
            class: "glyph",
            view_box: "0 0 24 24",
            width: "1em",
            height: "1em",
            "aria-hidden": "true",
            "focusable": "false",
            {body}
        }
    }
}
