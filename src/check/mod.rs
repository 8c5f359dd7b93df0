//! Consistency checks: contradictory rows, headings that contradict their
//! rows, summary flows the interface tables do not open, topology families
//! that disagree, and editions (locales) of a page that drifted apart.
//!
//! The checks are pure Rust over the typed [`Matrix`]; [`run`] returns every
//! [`Finding`] as typed data, sorted (deterministic). Rendering (human, JSON,
//! SARIF) and the baseline of accepted findings live in the `check-report`
//! feature.
//!
//! Every check is one entry of the registry (`registry.rs`, which also says
//! how to add one): its [`CheckCode`], default severity, [`Scope`], docs and
//! function. The functions live in modules named after what they compare:
//! `pairs` (rows two at a time), `roles`, `headings`, `federation`, `naming`,
//! `family` (topology families) and `editions` (locale sync).
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

use registry::Check;

/// Runs every check of the registry on the matrix. Findings are sorted by
/// path, line, code and message: the same matrix gives the same list, byte
/// for byte.
pub fn run(m: &Matrix) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each check is handed every unit of its scope. The order of the calls
    // does not show: the sort below is stable and its key starts with the
    // place, then the code, and each check pushes its own findings in a
    // fixed order.
    for page in m.pages() {
        for code in CheckCode::ALL {
            match *code.check() {
                Check::Row(f) => {
                    for rule in page.tables.iter().flat_map(|t| t.rules.iter()) {
                        f(page, rule, &mut out);
                    }
                }
                Check::Table(f) => {
                    for table in page.tables.iter() {
                        f(page, table, &mut out);
                    }
                }
                Check::Page(f) => f(page, &mut out),
                Check::Family(_) | Check::Locale(_) | Check::Editions(_) => {}
            }
        }
    }
    let locales: BTreeSet<&str> = m.pages().map(|p| p.locale.as_ref()).collect();
    for locale in locales {
        let pages: Vec<&Page> = m.pages().filter(|p| p.locale == locale).collect();
        for code in CheckCode::ALL {
            if let Check::Family(f) | Check::Locale(f) = *code.check() {
                f(&pages, &mut out);
            }
        }
    }
    for editions in editions::all(m) {
        for code in CheckCode::ALL {
            if let Check::Editions(f) = *code.check() {
                f(&editions, &mut out);
            }
        }
    }
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
