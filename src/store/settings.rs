use serde::{Deserialize, Serialize};

/// The interface language: the content model's, one type for both.
pub use crate::content::model::Lang;

/// The colour theme. `System` follows `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Dark text on light.
    Light,
    /// Light text on dark.
    Dark,
    /// As the system is set.
    #[default]
    System,
}

impl Theme {
    /// The setting's name as saved (`light`, `dark`, `system`).
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "system",
        }
    }
    /// The next theme when the switch is pressed: light -> dark -> system -> light.
    pub fn next(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
            Theme::System => Theme::Light,
        }
    }
}

/// Interface settings that persist across restarts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The language the learner chose with the switch; `None` until then (the app follows the
    /// browser's or the system's languages). Saved documents from before always name one.
    pub lang: Option<Lang>,
    /// Light, dark or as the system.
    pub theme: Theme,
}
