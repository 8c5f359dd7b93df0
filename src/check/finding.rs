//! What a check reports: [`Finding`]s at [`Location`]s, and the helpers
//! every check uses to point at a row, a heading or a page and to put a
//! rule in words (English, so findings read the same for every locale).

use crate::diag::Severity;
use crate::model::{Page, Rule, Table};
use crate::names::{self, Localized};

use super::CheckCode;

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
    /// Which check found it.
    pub code: CheckCode,
    /// The code's default severity, or what the check chose for this finding.
    pub severity: Severity,
    /// What is wrong, in one sentence (English).
    pub message: String,
    /// Where: the first is where it is reported, the others are related.
    pub locations: Vec<Location>,
    /// One line saying what to do.
    pub help: String,
}

impl Finding {
    /// A finding of `code` with the code's default severity (its registry
    /// entry's) and no location yet.
    pub(super) fn new(
        code: CheckCode,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            message: message.into(),
            locations: Vec::new(),
            help: help.into(),
        }
    }

    /// The finding with another severity than its code's default (the
    /// check's registry description says when).
    pub(super) fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// The finding with one more location: the first is where it is
    /// reported, the others are related.
    pub(super) fn at(mut self, loc: Location) -> Finding {
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

pub(super) fn row_loc(page: &Page, rule: &Rule, label: &str) -> Location {
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

pub(super) fn heading_loc(page: &Page, table: &Table, label: &str) -> Location {
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
pub(super) fn describe(rule: &Rule) -> String {
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

pub(super) fn page_loc(page: &Page, label: &str) -> Location {
    Location {
        path: page.path.to_string(),
        line: 1,
        label: label.to_string(),
        text: page.title.to_string(),
    }
}
