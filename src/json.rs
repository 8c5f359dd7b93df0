//! The published JSON document and its JSON Schema.
//!
//! The contract: a top-level object with `schema_version`, `pages` and
//! `diagnostics`; see README. `schema_version` changes when a field is
//! removed or changes meaning; adding fields does not change it.
//!
//! ```
//! let m = portmatrix::embedded();
//! let text = portmatrix::json::to_json(m);
//! let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
//! assert_eq!(doc["schema_version"], 2);
//! assert_eq!(doc["pages"][0]["locale"], "zh-CN");
//! // The document reads back into the same typed model.
//! assert_eq!(&portmatrix::json::from_json(&text).unwrap(), m);
//! ```

use crate::diag::Diagnostic;
use crate::model::{Matrix, Page};

/// Version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 2;

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
    /// Every page, sorted by path; each holds its tables and their rules.
    pub pages: &'a [Page],
    /// Everything the parser reported: each page's diagnostics in document
    /// order, pages sorted by path.
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> Document<'a> {
    /// The document of a matrix, with this crate's version as `generator`.
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

/// [`to_json`] streamed into `w`: the same bytes, without holding the whole
/// document in memory. Buffered here, so that the serializer's many small
/// writes are copies into a buffer, not calls (or syscalls) on `w`.
pub fn write_json(m: &Matrix, w: impl std::io::Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, &Document::new(m)).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut w, b"\n")?;
    std::io::Write::flush(&mut w)
}

/// A JSON document read back (what [`from_json`] parses): the owned twin of
/// [`Document`], same fields.
#[derive(Debug, serde::Deserialize)]
struct OwnedDocument {
    schema_version: u32,
    #[allow(dead_code)] // read to check the shape; the version is ours
    generator: String,
    pages: Vec<Page>,
    diagnostics: Vec<Diagnostic>,
}

/// Why a JSON document could not be read back into a [`Matrix`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// Not JSON, or not the shape of the schema.
    Json(serde_json::Error),
    /// Written by a contract version this crate does not read.
    SchemaVersion {
        /// The document's `schema_version`.
        found: u32,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Json(e) => write!(f, "not a portmatrix JSON document: {e}"),
            ReadError::SchemaVersion { found } => write!(
                f,
                "schema_version {found} is not supported (this crate reads {SCHEMA_VERSION})"
            ),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Json(e) => Some(e),
            ReadError::SchemaVersion { .. } => None,
        }
    }
}

/// Reads a document written by [`to_json`] (or `portmatrix json`) back into
/// the typed model: the JSON is a contract others produce and consume, and a
/// tool that depends on the crate can load it without parsing pages.
/// `to_json(&from_json(s)?) == s` for every document this crate writes.
///
/// ```
/// let m = portmatrix::embedded();
/// let json = portmatrix::json::to_json(m);
/// let back = portmatrix::json::from_json(&json).unwrap();
/// assert_eq!(&back, m);
/// ```
pub fn from_json(s: &str) -> Result<Matrix, ReadError> {
    let doc: OwnedDocument = serde_json::from_str(s).map_err(ReadError::Json)?;
    if doc.schema_version != SCHEMA_VERSION {
        return Err(ReadError::SchemaVersion {
            found: doc.schema_version,
        });
    }
    Ok(Matrix {
        pages: doc.pages.into(),
        diagnostics: doc.diagnostics.into(),
    })
}

/// The JSON Schema of [`Document`], pretty-printed with a final newline.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Document<'static>);
    let mut s = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    s.push('\n');
    s
}
