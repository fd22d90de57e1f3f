//! The progress document on disk (or in `localStorage`): reading it back, from any schema this
//! build knows, with a message that names the line and column when it cannot be used. The
//! document itself and the rules that change it are the quiz's (`quiz::progress`).

pub use crate::quiz::progress::{
    AnswerRecord, Progress, ScoreRecord, HISTORY_LIMIT, SCHEMA, SCORES_LIMIT,
};

/// Why a saved progress document cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    /// There was nothing saved.
    Empty,
    /// Not JSON, truncated, or of the wrong shape: serde's message, line and column.
    Parse {
        /// Where (1-based).
        line: usize,
        /// Where on the line (1-based).
        column: usize,
        /// serde's words.
        message: String,
    },
    /// Written by a newer kindlab.
    Future(u32),
}

impl std::fmt::Display for ProgressError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProgressError::Empty => write!(f, "the file is empty"),
            ProgressError::Parse {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            ProgressError::Future(v) => write!(
                f,
                "it was written by a newer kindlab (schema {v}; this one reads up to {SCHEMA})"
            ),
        }
    }
}

fn parse_error(e: serde_json::Error) -> ProgressError {
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    ProgressError::Parse {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads a progress document of any schema up to [`SCHEMA`], migrating older ones.
pub fn parse(text: &str) -> Result<Progress, ProgressError> {
    if text.trim().is_empty() {
        return Err(ProgressError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(parse_error)?;
    if !value.is_object() {
        return Err(ProgressError::Parse {
            line: 1,
            column: 1,
            message: "expected a JSON object".into(),
        });
    }
    let schema = match value.get("schema") {
        None => 1,
        // not a whole number: the typed parse below says so, at its line and column
        Some(v) => v.as_u64().unwrap_or(SCHEMA as u64),
    };
    if schema > SCHEMA as u64 {
        return Err(ProgressError::Future(
            u32::try_from(schema).unwrap_or(u32::MAX),
        ));
    }
    // Schema 1 (kindlab 0.1: `lessons_opened`, `quiz_answers`, later `lessons_read`) has a
    // subset of schema 2's fields, and schema 2 a subset of schema 3's (which added the
    // lessons' `predictions`), of the same shapes: the text itself parses (so errors keep
    // their line and column in the learner's file) and only the version changes.
    let mut p = serde_json::from_str::<Progress>(text).map_err(parse_error)?;
    p.schema = SCHEMA;
    Ok(p)
}
