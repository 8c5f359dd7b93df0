//! The embedded default: `source-docs/` baked into static data.
//!
//! Two ways to the same bytes, chosen so that a consumer of the data alone
//! compiles no parser (the ICU4X "baked data" pattern):
//!
//! - with the `bake` feature (on by default), `build.rs` parses `source-docs/`
//!   (or `PORTMATRIX_SOURCE_DOCS`) with the very parser the CLI runs and
//!   includes the result from `OUT_DIR`;
//! - without it (`default-features = false`), the committed `baked.rs` beside
//!   this file is included. `build.rs` regenerates and compares it whenever
//!   `source-docs/` changes, and a test fails when it is stale
//!   (`PORTMATRIX_UPDATE_BAKED=1 cargo build` rewrites it).
//!
//! ```
//! let m = portmatrix::data::embedded();
//! assert_eq!((m.pages.len(), m.rules().count()), (1, 37));
//! assert_eq!(m.pages[0].locale, "zh-CN");
//! ```

#[allow(unused_imports)]
use std::borrow::Cow::Borrowed as B;

/// The baked texts: `Str` literals (`portmatrix_model::literal!`).
#[allow(unused_macros)]
macro_rules! S {
    ($text:literal) => {
        portmatrix_model::literal!($text)
    };
}

#[allow(unused_imports)]
use crate::diag::{Code, Diagnostic, Severity};
#[allow(unused_imports)]
use crate::model::*;

#[cfg(feature = "bake")]
include!(concat!(env!("OUT_DIR"), "/baked.rs"));
#[cfg(not(feature = "bake"))]
include!("baked.rs");

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

#[cfg(all(test, feature = "bake"))]
mod tests {
    /// The committed data (what a build without `bake` uses) is what the
    /// parser makes of `source-docs/` now. Regenerate it with
    /// `PORTMATRIX_UPDATE_BAKED=1 cargo build` when this fails.
    #[test]
    fn committed_baked_data_is_current() {
        if option_env!("PORTMATRIX_SOURCE_DOCS").is_some_and(|p| !p.is_empty()) {
            return; // a custom docs tree is baked into OUT_DIR only
        }
        let fresh = include_str!(concat!(env!("OUT_DIR"), "/baked.rs"));
        assert!(
            include_str!("baked.rs") == fresh,
            "src/data/baked.rs is stale: run `PORTMATRIX_UPDATE_BAKED=1 cargo build`"
        );
    }
}
