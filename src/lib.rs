//! portmatrix: the Lync Server 2013 firewall port tables of Microsoft's
//! TechNet pages, as typed Rust data.
//!
//! The pages in `source-docs/` are parsed at build time (by `build.rs`, which
//! runs the same parser as the CLI) and baked into static data: no parsing at
//! run time, no dependencies with `default-features = false`.
//!
//! ```
//! use portmatrix::model::{Transport, EndpointKind};
//! let m = portmatrix::embedded();
//! let page = m.page("f7cbd0f1-841d-4116-8d17-e9d991daa4a8", "zh-CN").unwrap();
//! assert_eq!(page.tables.len(), 5);
//! // Which rules open UDP 3478?
//! let hits: Vec<_> = m.rules_on_port(3478, Some(Transport::Udp)).collect();
//! assert!(hits.iter().all(|h| h.rule.ports.contains(3478)));
//! assert!(hits.iter().any(|h| h.rule.destination.kind == EndpointKind::AvEdge));
//! ```
//!
//! Features: `parse` (parse pages at run time), `names` (display names in
//! every locale, from the locale registry [`i18n`]), `json` (serde + JSON Schema),
//! `cli` (the `portmatrix` binary; default), `check` (consistency checks:
//! `check::run` gives the findings as typed data, pure Rust) and
//! `check-report` (their human/JSON/SARIF renderers and the baseline), `book`
//! (the zh-CN/en-US runbook books: tera templates, mdBook as a library,
//! `book::build`), `mdbook` (the `{{#portmatrix …}}` preprocessor for
//! any team's own mdBook: [`mdbook`]).

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "check")]
pub mod check;
pub mod data;
pub mod filename;
#[cfg(any(feature = "book", feature = "mdbook"))]
mod markup;
#[doc(inline)]
pub use portmatrix_model as model;
#[doc(inline)]
pub use portmatrix_model::diag;
#[doc(inline)]
pub use portmatrix_model::query;
#[cfg(feature = "names")]
pub mod names;
/// The locale registry (every language's words and names as data).
#[cfg(feature = "names")]
#[doc(inline)]
pub use portmatrix_i18n as i18n;
#[cfg(feature = "output")]
pub mod output;
#[cfg(feature = "report")]
pub mod snippet;

#[cfg(feature = "book")]
pub mod book;
#[cfg(feature = "firewall")]
pub mod deploy;
#[cfg(feature = "diagrams")]
pub mod diagram;
#[cfg(feature = "firewall")]
pub mod firewall;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "mdbook")]
pub mod mdbook;
#[cfg(feature = "parse")]
#[doc(inline)]
pub use portmatrix_parse as parse;
#[cfg(any(feature = "parse", feature = "book", feature = "diagrams"))]
pub mod pipeline;
#[cfg(all(feature = "parse", feature = "json"))]
pub mod stream;

pub use data::embedded;
pub use diag::{Code, Diagnostic, Severity};
pub use model::Matrix;
