//! Consistency checks: contradictory rows, headings that contradict their
//! rows, summary flows the interface tables do not open, topology families
//! that disagree, and editions (locales) of a page that drifted apart.
//!
//! The checks are pure Rust over the typed [`Matrix`]; [`run`] returns every
//! [`Finding`] as typed data, sorted (deterministic). Rendering (human, JSON,
//! SARIF) and the baseline of accepted findings live in the `check-report`
//! feature.
//!
//! ```
//! use portmatrix::check::{self, CheckCode};
//! let findings = check::run(portmatrix::embedded());
//! // The seed's second table is titled "external interface" but every row
//! // goes to the Edge internal interface.
//! let f = findings.iter().find(|f| f.code == CheckCode::HeadingContradictsRows).unwrap();
//! assert_eq!(f.locations[0].line, 150);
//! ```

use std::collections::BTreeSet;

use crate::model::{Matrix, Page};

mod align;
mod editions;
mod endpoints;
mod family;
mod federation;
mod finding;
mod headings;
mod naming;
mod pairs;
mod registry;
mod roles;

#[cfg(feature = "check-report")]
pub mod baseline;
#[cfg(feature = "check-report")]
pub mod render;

pub use finding::{Finding, Location};
pub use registry::{CheckCode, Scope};

/// Runs every check on the matrix. Findings are sorted by path, line, code
/// and message: the same matrix gives the same list, byte for byte.
pub fn run(m: &Matrix) -> Vec<Finding> {
    let mut out = Vec::new();
    for page in m.pages() {
        pairs::pairs(page, &mut out);
        for table in page.tables.iter() {
            for rule in table.rules.iter() {
                roles::role_fit(page, rule, &mut out);
            }
            headings::heading(page, table, &mut out);
            federation::federation_direction(page, table, &mut out);
            naming::naming(page, table, &mut out);
        }
        federation::summary_opened(page, &mut out);
    }
    let locales: BTreeSet<&str> = m.pages().map(|p| p.locale.as_ref()).collect();
    for locale in locales {
        let pages: Vec<&Page> = m.pages().filter(|p| p.locale == locale).collect();
        family::family(&pages, family::Family::Edge, &mut out);
        family::family(&pages, family::Family::Director, &mut out);
        headings::shared_headings(&pages, &mut out);
    }
    editions::check(m, &mut out);
    out.sort_by(|a, b| {
        (a.path(), a.line(), a.code, &a.message, &a.locations).cmp(&(
            b.path(),
            b.line(),
            b.code,
            &b.message,
            &b.locations,
        ))
    });
    out.dedup();
    out
}
