//! The published JSON document and its JSON Schema.
//!
//! The contract: a top-level object with `schema_version`, `pages` and
//! `diagnostics`; see README. `schema_version` changes when a field is
//! removed or changes meaning; adding fields does not change it.

use crate::diag::Diagnostic;
use crate::model::{Matrix, Page};

/// Version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON document: what `portmatrix json` prints.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(
    title = "portmatrix",
    description = "Firewall port rules typed from Microsoft TechNet Lync Server 2013 port-summary pages"
)]
pub struct Document<'a> {
    /// Version of this contract (currently 1).
    pub schema_version: u32,
    /// `portmatrix <version>`.
    pub generator: String,
    pub pages: &'a [Page],
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> Document<'a> {
    pub fn new(m: &'a Matrix) -> Document<'a> {
        Document {
            schema_version: SCHEMA_VERSION,
            generator: format!("portmatrix {}", env!("CARGO_PKG_VERSION")),
            pages: &m.pages,
            diagnostics: &m.diagnostics,
        }
    }
}

/// The matrix as pretty-printed JSON with a final newline. Deterministic:
/// struct fields in declaration order, pages and rules in document order.
pub fn to_json(m: &Matrix) -> String {
    let mut s = serde_json::to_string_pretty(&Document::new(m))
        .expect("the model serializes: no maps with non-string keys");
    s.push('\n');
    s
}

/// The JSON Schema of [`Document`], pretty-printed with a final newline.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Document<'static>);
    let mut s = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    s.push('\n');
    s
}
