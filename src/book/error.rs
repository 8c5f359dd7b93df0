//! [`BookError`]: why the books, the catalogs or a book part could not be
//! built.

/// An error building the books (I/O, a template, a catalog, mdBook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookError(pub String);

impl BookError {
    pub(crate) fn new(msg: impl Into<String>) -> BookError {
        BookError(msg.into())
    }
}

impl std::fmt::Display for BookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BookError {}
