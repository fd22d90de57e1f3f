//! kindlab's content: the document model of lessons, quizzes, guided labs' texts
//! ([`model`]) and break-fix challenges' texts ([`challenge`]), the questions the app asks of it ([`query`]), one stable sort for the code the browser runs
//! ([`sort`]), and, with the `parse` feature, how
//! `content/` becomes that model: Markdown ([`markdown`], pulldown-cmark), quiz files
//! ([`quizfile`], TOML), guided-lab files ([`guidefile`], TOML), challenge files
//! ([`challengefile`], TOML), the glossary ([`glossary`],
//! read by [`glossaryfile`], linked from the lessons by [`termlinks`]), the whole
//! folder with its cross-checks ([`bundle`]) and the `file:line:col` problems ([`diag`]); with
//! `highlight`, code colouring ([`highlight`], syntect).
//!
//! The app's `build.rs` depends on this crate (parse + highlight) and compiles the parsed model
//! into the app; the web editions use the model and the queries only.

pub mod challenge;
pub mod glossary;
pub mod model;
pub mod query;
pub mod sort;

#[cfg(feature = "parse")]
pub mod bundle;
#[cfg(feature = "parse")]
pub mod challengefile;
#[cfg(feature = "parse")]
pub mod diag;
#[cfg(feature = "parse")]
pub mod glossaryfile;
#[cfg(feature = "parse")]
pub mod guidefile;
#[cfg(feature = "highlight")]
pub mod highlight;
#[cfg(feature = "parse")]
mod lessonwidgets;
#[cfg(feature = "parse")]
pub mod markdown;
#[cfg(feature = "parse")]
pub mod quizfile;
#[cfg(feature = "parse")]
pub mod termlinks;

pub use challenge::Challenge;
pub use model::{Bundle, Guide, Lang, Lesson, Quiz};
pub use query::{Hit, Part};
