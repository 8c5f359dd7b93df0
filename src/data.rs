//! The embedded default: `source-docs/` (or `PORTMATRIX_SOURCE_DOCS`) as it
//! was parsed by `build.rs`, baked into static data.

#[allow(unused_imports)]
use std::borrow::Cow::Borrowed as B;

#[allow(unused_imports)]
use crate::diag::{Code, Diagnostic, Severity};
#[allow(unused_imports)]
use crate::model::*;

include!(concat!(env!("OUT_DIR"), "/baked.rs"));

/// The matrix baked at build time from the crate's docs tree.
///
/// ```
/// let m = portmatrix::embedded();
/// assert_eq!(m.pages.len(), 1);
/// assert_eq!(m.rules().count(), 37);
/// ```
pub fn embedded() -> &'static Matrix {
    &MATRIX
}
