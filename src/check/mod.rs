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

use crate::diag::Severity;
use crate::model::{Address, Endpoint, EndpointKind, Matrix, Page, Rule, Table};
use crate::names::{self, Localized};

mod locale;
mod registry;
mod table;
mod topology;

#[cfg(feature = "check-report")]
pub mod baseline;
#[cfg(feature = "check-report")]
pub mod render;

pub use registry::{CheckCode, Scope};

/// One place a finding is about: a row, a heading or a cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
pub struct Location {
    /// The page's path as the matrix names it.
    pub path: String,
    /// 1-based line of the row's `<tr>`, the heading or the cell.
    pub line: u32,
    /// What this location is in the finding (`row`, `related row`, `heading`, …).
    pub label: String,
    /// The row, heading or cell as written (cells joined with ` | `).
    pub text: String,
}

/// One consistency finding. `locations[0]` is where it is reported; the
/// others are the related rows or headings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize))]
pub struct Finding {
    pub code: CheckCode,
    pub severity: Severity,
    pub message: String,
    pub locations: Vec<Location>,
    /// One line saying what to do.
    pub help: String,
}

impl Finding {
    fn new(
        code: CheckCode,
        severity: Severity,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity,
            message: message.into(),
            locations: Vec::new(),
            help: help.into(),
        }
    }

    fn at(mut self, loc: Location) -> Finding {
        self.locations.push(loc);
        self
    }

    /// The primary location's path (empty when there is none).
    pub fn path(&self) -> &str {
        self.locations.first().map_or("", |l| l.path.as_str())
    }

    /// The primary location's line (0 when there is none).
    pub fn line(&self) -> u32 {
        self.locations.first().map_or(0, |l| l.line)
    }
}

/// Runs every check on the matrix. Findings are sorted by path, line, code
/// and message: the same matrix gives the same list, byte for byte.
pub fn run(m: &Matrix) -> Vec<Finding> {
    let mut out = Vec::new();
    for page in m.pages() {
        table::check_page(page, &mut out);
    }
    topology::check(m, &mut out);
    locale::check(m, &mut out);
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

// ---------------------------------------------------------------------------
// Shared helpers.

fn row_loc(page: &Page, rule: &Rule, label: &str) -> Location {
    let c = &rule.cells;
    Location {
        path: page.path.to_string(),
        line: rule.line,
        label: label.to_string(),
        text: format!(
            "{} | {} | {}",
            c.spec.text, c.source.text, c.destination.text
        ),
    }
}

fn heading_loc(page: &Page, table: &Table, label: &str) -> Location {
    match &table.heading {
        Some(h) => Location {
            path: page.path.to_string(),
            line: h.line,
            label: label.to_string(),
            text: format!("{} {}", "#".repeat(h.level as usize), h.text),
        },
        None => Location {
            path: page.path.to_string(),
            line: table.line,
            label: label.to_string(),
            text: "<table>".to_string(),
        },
    }
}

/// A rule in words: `A/V RTP TCP 50000-59999 from X to Y` (English names).
fn describe(rule: &Rule) -> String {
    let role = rule
        .role
        .as_ref()
        .map(|r| format!("{} ", r.name("en")))
        .unwrap_or_default();
    format!(
        "{role}{} {} {} from {} to {}",
        names::protocols(&rule.protocols),
        rule.transport.name("en"),
        rule.ports,
        rule.source.name("en"),
        rule.destination.name("en")
    )
}

/// Edge parts that share an address are one part: the XMPP Proxy service
/// uses the Access Edge service's address.
fn part(k: EndpointKind) -> EndpointKind {
    match k {
        EndpointKind::XmppProxy => EndpointKind::AccessEdge,
        EndpointKind::DirectorPool | EndpointKind::DirectorWebServices => EndpointKind::Director,
        k => k,
    }
}

/// The same endpoint, possibly named with and without its address
/// (`A/V Edge service` and `A/V Edge service public IP address`).
fn same_endpoint(a: &Endpoint, b: &Endpoint) -> bool {
    a.kind == b.kind
        && a.unrecognized == b.unrecognized
        && a.candidates.len() == b.candidates.len()
        && a.candidates
            .iter()
            .zip(b.candidates.iter())
            .all(|(x, y)| x.kind == y.kind && x.unrecognized == y.unrecognized)
        && (a.address == b.address
            || a.address == Address::Unspecified
            || b.address == Address::Unspecified)
}

/// The kinds an endpoint names, or `None` for an unconstrained `Any`.
fn kind_set(e: &Endpoint) -> Option<Vec<EndpointKind>> {
    match e.kind {
        EndpointKind::Any | EndpointKind::OneOf if e.candidates.is_empty() => None,
        EndpointKind::Any | EndpointKind::OneOf => {
            Some(e.candidates.iter().map(|c| c.kind).collect())
        }
        k => Some(vec![k]),
    }
}

/// Whether `a` includes everything `b` names (`Any` includes everything;
/// `Any (can be defined as X, Y)` includes X and Y).
fn covers(a: &Endpoint, b: &Endpoint) -> bool {
    if same_endpoint(a, b) {
        return true;
    }
    match (kind_set(a), kind_set(b)) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(ka), Some(kb)) => {
            (a.kind == EndpointKind::Any || a.kind == EndpointKind::OneOf)
                && kb.iter().all(|k| ka.contains(k))
        }
    }
}

/// Whether two endpoints may denote the same address (one includes the
/// other, or they share a kind).
fn compatible(a: &Endpoint, b: &Endpoint) -> bool {
    if covers(a, b) || covers(b, a) {
        return true;
    }
    match (kind_set(a), kind_set(b)) {
        (Some(ka), Some(kb)) => ka.iter().any(|x| kb.iter().any(|y| part(*x) == part(*y))),
        _ => true,
    }
}
