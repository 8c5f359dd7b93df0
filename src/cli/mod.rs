//! The commands of the `portmatrix` binary, one file each (its clap
//! arguments and its `run`), and what they share: the global options, loading
//! the inputs, printing diagnostics, the progress bar, typed errors and exit
//! codes, aligned tables.
//!
//! The commands only parse arguments, call the library (`portmatrix::…`,
//! the steps between parsing and output in `portmatrix::pipeline`) and print.

pub mod book;
pub mod build;
pub mod check;
pub mod diagrams;
pub mod firewall;
pub mod i18n;
pub mod json;
pub mod mdbook;
pub mod pages;
pub mod query;
pub mod schema;

pub mod diagnostics;
pub mod exit;
pub mod global;
pub mod inputs;
pub mod progress;
pub mod staged;
pub mod table;
pub mod values;

pub use staged::{note_kept, relocate};
