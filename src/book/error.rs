//! [`BookError`]: why the books, the catalogs or a book part could not be
//! built, by kind of failure.

use std::path::{Path, PathBuf};

use super::UnknownLocale;
use crate::output::OutputError;

/// An error building the books (I/O, a template, a catalog, mdBook).
#[derive(Debug)]
#[non_exhaustive]
pub enum BookError {
    /// A file or folder cannot be read, written, created or resolved:
    /// `cannot <action> <path>`, the I/O error as [`source`].
    ///
    /// [`source`]: std::error::Error::source
    Io {
        /// What was done: `read`, `write`, `create`, `resolve`,
        /// `read templates folder`.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A template cannot be loaded, replaced or rendered (the message says
    /// which, with tera's chain of causes).
    Template(String),
    /// A gettext catalog cannot be read (`<file>:<line>: …`, a malformed
    /// file, its `Plural-Forms`).
    Catalog(String),
    /// `--locale`: no locale data, catalog or page has it.
    UnknownLocale(UnknownLocale),
    /// A locale that is not a BCP 47 language tag (it would name a folder).
    InvalidLocale(String),
    /// mdBook cannot configure, load or build a book.
    MdBook(String),
    /// The output folders (staging, swapping in).
    Output(OutputError),
    /// Anything else (such as a diagram file name that is not a plain file
    /// name).
    Message(String),
}

impl BookError {
    pub(crate) fn new(msg: impl Into<String>) -> BookError {
        BookError::Message(msg.into())
    }

    /// `cannot <action> <path>`, with `source` as the cause.
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> BookError {
        BookError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// The error with every mention of the folder `from` (a staging folder)
    /// replaced by `to` (the folder it became), in its path or its message.
    pub fn relocate(self, from: &Path, to: &Path) -> BookError {
        let (from, to) = (from.display().to_string(), to.display().to_string());
        let re = |s: String| s.replace(&from, &to);
        match self {
            BookError::Io {
                action,
                path,
                source,
            } => BookError::Io {
                action,
                path: PathBuf::from(re(path.display().to_string())),
                source,
            },
            BookError::Template(s) => BookError::Template(re(s)),
            BookError::Catalog(s) => BookError::Catalog(re(s)),
            BookError::InvalidLocale(s) => BookError::InvalidLocale(re(s)),
            BookError::MdBook(s) => BookError::MdBook(re(s)),
            BookError::Message(s) => BookError::Message(re(s)),
            e @ (BookError::UnknownLocale(_) | BookError::Output(_)) => e,
        }
    }
}

impl std::fmt::Display for BookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BookError::Io { action, path, .. } => {
                write!(f, "cannot {action} {}", path.display())
            }
            BookError::Template(s)
            | BookError::Catalog(s)
            | BookError::InvalidLocale(s)
            | BookError::MdBook(s)
            | BookError::Message(s) => f.write_str(s),
            BookError::UnknownLocale(e) => e.fmt(f),
            BookError::Output(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BookError::Io { source, .. } => Some(source),
            // Shown as the error itself: its cause is the next one.
            BookError::Output(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}

impl From<UnknownLocale> for BookError {
    fn from(e: UnknownLocale) -> BookError {
        BookError::UnknownLocale(e)
    }
}

impl From<OutputError> for BookError {
    fn from(e: OutputError) -> BookError {
        BookError::Output(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn io_keeps_the_path_and_the_cause() {
        let e = BookError::io(
            "read",
            Path::new("/stage/x/book.po"),
            std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        );
        assert_eq!(e.to_string(), "cannot read /stage/x/book.po");
        assert_eq!(e.source().unwrap().to_string(), "gone");
        let e = e.relocate(Path::new("/stage/x"), Path::new("/out"));
        assert_eq!(e.to_string(), "cannot read /out/book.po");
        assert!(e.source().is_some());
    }

    #[test]
    fn messages_are_shown_as_they_are() {
        let e = BookError::Template("rendering a.tera: bad".into());
        assert_eq!(e.to_string(), "rendering a.tera: bad");
        assert!(e.source().is_none());
    }
}
