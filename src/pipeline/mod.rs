//! The steps of the `portmatrix` commands between parsing and the output
//! files, as library functions: what a program that builds the same outputs
//! as the CLI (or a part of them) needs, without the command line.
//!
//! - [`keep_going`]: leave out the pages with errors (`--keep-going`);
//! - [`json_file`]: parse and write the JSON document page by page, replacing
//!   the file only when the run succeeds (`json --source-docs … -o FILE`);
//! - [`book_findings`]: the checks' findings as the books show them;
//! - [`book_deployment`]: the "Your deployment" part of the books (the
//!   rules of a deployment's servers with its addresses, its topology;
//!   also needs `firewall`);
//! - [`book_diagrams`]: each page's diagrams for the books, in each book's
//!   language;
//! - [`diagram_files`]: every page's diagrams written under a folder;
//! - [`png_cache`]: their PNGs, rasterized once (a content-addressed cache);
//! - [`translations`]: the translation check of `portmatrix check`.
//!
//! Each module is compiled with the features it needs (`parse`, `json`,
//! `book`, `check`, `diagrams`); the `cli` feature has them all.
//!
//! ```
//! // `--keep-going`: the pages without errors (here all of them).
//! let m = portmatrix::embedded().clone();
//! let kept = portmatrix::pipeline::keep_going::drop_failed_pages(m);
//! assert_eq!(kept.pages.len(), 1);
//! ```

#[cfg(all(feature = "book", feature = "firewall", feature = "diagrams"))]
pub mod book_deployment;
#[cfg(all(feature = "book", feature = "diagrams"))]
pub mod book_diagrams;
#[cfg(all(feature = "book", feature = "check"))]
pub mod book_findings;
#[cfg(feature = "diagrams")]
pub mod diagram_files;
#[cfg(all(feature = "parse", feature = "json"))]
pub mod json_file;
#[cfg(feature = "parse")]
pub mod keep_going;
#[cfg(feature = "diagrams")]
pub mod png_cache;
#[cfg(feature = "book")]
pub mod translations;

use std::path::PathBuf;

/// A file that could not be written: which one, and the I/O error.
///
/// Typed (not a message) so that a caller can tell which file failed and
/// still reach the underlying [`std::io::Error`] through
/// [`std::error::Error::source`].
#[derive(Debug)]
pub struct WriteError {
    /// The file that was being written.
    pub path: PathBuf,
    /// Why it could not be written.
    pub source: std::io::Error,
}

impl WriteError {
    /// A failure to write `path`.
    pub fn new(path: impl Into<PathBuf>, source: std::io::Error) -> WriteError {
        WriteError {
            path: path.into(),
            source,
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}", self.path.display())
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
