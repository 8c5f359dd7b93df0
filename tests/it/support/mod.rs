//! What the test modules share.

#[cfg(all(feature = "book", feature = "parse"))]
pub mod book;
pub mod check;
#[cfg(feature = "diagrams")]
pub mod svg;
