//! Consistency checks: contradictory rows, headings that contradict their
//! rows, summary flows the interface tables do not open, topology families
//! that disagree, flows that differ across pages, prose that no row backs,
//! editions (locales) of a page that drifted apart, and the books'
//! translation catalogs.
//!
//! The checks are pure Rust over the typed [`Matrix`]; [`run`] returns one
//! [`Finding`] per defect as typed data, sorted (deterministic): the checks
//! that fire on the same row, a row copied across pages or editions, and
//! rows of one table with the same mistake are one finding (see `group.rs`).
//! Each finding has a [`Level`] by firewall impact: error (a wrong or
//! missing rule), warning (a mislabelled or incomplete table), style
//! (naming and wording that change no rule). Rendering (human, JSON,
//! SARIF) and the baseline of accepted findings live in the `check-report`
//! feature.
//!
//! Every check is one entry of the registry (`registry.rs`, which also says
//! how to add one): its [`CheckCode`], default level, [`Scope`], docs and
//! function. The functions live in modules named after what they compare:
//! `pairs` (rows two at a time), `roles`, `headings`, `federation`, `naming`,
//! `family` (topology families), `across` (pages and tables against each
//! other), `role_ports` (the server-role port lists against the flows),
//! `prose`, `editions` (locale sync) and `catalog`; `repeats` finds the
//! blocks of rows a table repeats, for `pairs` and `editions`.
//!
//! Every table layout is checked (internal servers, load balancers, client
//! ports, IPsec exceptions, A/V firewall, SQL Server, hybrid): each check
//! leaves out, with a comment, what it cannot tell for a layout.
//!
//! For the places that show rules: [`findings_by_rule`] says which findings
//! mark which row, and [`locale_sync`] gives the alignment of every edition
//! of a page with its reference edition that the locale checks use.
//!
//! ```
//! use portmatrix::check::{self, CheckCode, Level};
//! let findings = check::run(portmatrix::embedded());
//! // The seed's second table is titled "external interface" but every row
//! // goes to the Edge internal interface: a mislabelled table.
//! let f = findings.iter().find(|f| f.code == CheckCode::HeadingContradictsRows).unwrap();
//! assert_eq!(f.locations[0].line, 150);
//! assert_eq!(f.level(), Level::Warning);
//! ```

#![warn(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Matrix, Page};

mod across;
mod align;
mod catalog;
mod editions;
mod endpoints;
mod family;
mod federation;
mod finding;
mod group;
mod headings;
mod naming;
mod pairs;
mod prose;
mod registry;
mod repeats;
mod role_ports;
mod roles;
mod texts;

#[cfg(feature = "check-report")]
pub mod baseline;
#[cfg(feature = "check-report")]
pub mod render;

pub use catalog::{CatalogIssue, CatalogIssueKind};
pub use editions::{EditionSync, RowSync, TableSync, locale_sync};
pub use finding::{Finding, Level, Location, LocationKind, MAX_WITNESSES, Note};
pub use registry::{CheckCode, Scope};

use registry::Check;

/// Runs every check of the registry on the matrix and groups what they
/// find into one finding per defect. Findings are sorted by path, line,
/// code and message: the same matrix gives the same list, byte for byte.
/// The catalog checks find nothing here: [`run_with`] passes them the
/// catalogs' problems.
pub fn run(m: &Matrix) -> Vec<Finding> {
    run_with(m, &[])
}

/// [`run`], with the problems of the books' translation catalogs
/// (`pipeline::translations::catalog_issues` finds them) for the catalog
/// checks.
pub fn run_with(m: &Matrix, catalog: &[CatalogIssue]) -> Vec<Finding> {
    let _run = texts::Scope::new();
    let mut out = group::group(raw(m, catalog), m);
    for f in &mut out {
        // Primary, then where the defect is again, then what explains it.
        if f.locations.len() > 1 {
            f.locations[1..].sort_by_key(|l| l.kind);
        }
        f.notes.sort();
    }
    sort(&mut out);
    out
}

/// What every check reports, before grouping (one finding per check, row
/// and page): for tracing a grouped finding back to the raw ones, and for
/// testing a check on its own. Sorted like [`run`].
pub fn run_ungrouped(m: &Matrix, catalog: &[CatalogIssue]) -> Vec<Finding> {
    let _run = texts::Scope::new();
    let mut out = raw(m, catalog);
    sort(&mut out);
    out
}

fn sort(out: &mut Vec<Finding>) {
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
}

/// Every check of the registry, unsorted.
fn raw(m: &Matrix, catalog: &[CatalogIssue]) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each check is handed every unit of its scope. The order of the calls
    // does not show: findings are grouped and sorted afterwards.
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
                Check::Family(_) | Check::Locale(_) | Check::Editions(_) | Check::Catalog(_) => {}
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
    for code in CheckCode::ALL {
        if let Check::Catalog(f) = *code.check() {
            f(catalog, &mut out);
        }
    }
    out
}

/// A rule (or heading) as the pages name it: the page's path and the line
/// of its `<tr>` (the heading's line), as [`Location`] and
/// [`Rule::line`](crate::model::Rule::line) give them.
pub type RuleRef = (String, u32);

/// Which checks mark which rule: every place a finding says the defect is
/// (its primary and [`LocationKind::Also`] locations: the row, its copies
/// on other pages and editions, the other rows with the same mistake), with
/// every check that found the defect ([`Finding::codes`]: its own and its
/// notes'). Related locations are not marked: nothing is wrong there (a
/// summary row whose flow a wrong interface row breaks, the rows of other
/// pages that give a flow right).
///
/// For the places that show rules (`portmatrix query`, the books): look a
/// rule up by `(page.path, rule.line)`. Codes are in registry order, each
/// once.
///
/// ```
/// use portmatrix::check::{self, CheckCode};
/// let m = portmatrix::embedded();
/// let marks = check::findings_by_rule(&check::run(m));
/// let page = m.pages().next().unwrap();
/// assert_eq!(
///     marks[&(page.path.to_string(), 351)],
///     vec![CheckCode::SummaryFlowNotOpened]
/// );
/// ```
pub fn findings_by_rule(findings: &[Finding]) -> BTreeMap<RuleRef, Vec<CheckCode>> {
    let mut out: BTreeMap<RuleRef, Vec<CheckCode>> = BTreeMap::new();
    let mut mark = |path: &str, line: u32, code: CheckCode| {
        let codes = out.entry((path.to_string(), line)).or_default();
        if !codes.contains(&code) {
            codes.push(code);
        }
    };
    for f in findings {
        let codes = f.codes();
        for l in f.defect_locations() {
            for c in &codes {
                mark(&l.path, l.line, *c);
            }
        }
    }
    for codes in out.values_mut() {
        codes.sort();
    }
    out
}
