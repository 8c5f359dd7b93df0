//! What a check reports: [`Finding`]s at [`Location`]s, at a [`Level`] by
//! firewall impact, and the helpers every check uses to point at a row, a
//! heading or a page and to put a rule in words (English, so findings read
//! the same for every locale).

use crate::diag::Severity;
use crate::model::{Page, Rule, Str, Table};
use crate::names::{self, Localized};

use super::CheckCode;
use super::texts::shared;

/// How much a finding matters to a firewall built from the pages.
///
/// A finding carries its level as a [`Severity`] (what tools that know
/// three severities read: `error`, `warning`, `info`) and a `style` flag:
/// [`Level::Style`] is severity `info` with `style: true`, and no other
/// finding has severity `info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// A wrong or missing rule: a firewall built from the page opens the
    /// wrong address or port, or misses a port a flow needs.
    Error,
    /// A mislabelled, incomplete or redundant table (a heading that names
    /// the wrong interface, a summary that lists one direction, a row given
    /// twice): a reviewer must look, but the page's rules as a whole open
    /// the right ports.
    Warning,
    /// Naming and wording that change no rule (`A/V Edge service` beside
    /// `A/V Edge service public IP address`). `portmatrix check` hides them
    /// unless `--style`; JSON and SARIF always carry them.
    Style,
}

impl Level {
    /// The severity that carries the level: `Style` is [`Severity::Info`].
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Style => Severity::Info,
        }
    }

    /// `error`, `warning` or `style`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Style => "style",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a `Location` is to its finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "json",
    derive(serde::Serialize, schemars::JsonSchema),
    serde(rename_all = "snake_case")
)]
pub enum LocationKind {
    /// Where the finding is reported (always the first location).
    Primary,
    /// The same defect again: another row of the table with the same
    /// mistake, the row copied onto another page, or another edition
    /// (locale) of the page. Fixing the finding means fixing these too.
    Also,
    /// A row, heading or page that explains the finding (the row it
    /// conflicts with, the pages that give a flow otherwise); nothing is
    /// wrong there.
    Related,
}

/// One place a finding is about: a row, a heading or a cell.
// Its texts are `Str`s shared with the matrix (the path is the page's) and
// with the other findings of the run (equal labels and rows are one in
// memory): a large tree's findings name the same rows and pages again and
// again. (Not in the doc comment: that is the published schema's
// description.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "json", derive(serde::Serialize, schemars::JsonSchema))]
pub struct Location {
    /// The page's path as the matrix names it.
    pub path: Str,
    /// 1-based line of the row's `<tr>`, the heading or the cell.
    pub line: u32,
    /// Whether the defect is here (`LocationKind::Primary`,
    /// `LocationKind::Also`) or the place explains it
    /// (`LocationKind::Related`).
    pub kind: LocationKind,
    /// What this location is in the finding (`row`, `conflicts with this
    /// row`, `zh-CN edition`, …).
    pub label: Str,
    /// The row, heading or cell as written (cells joined with ` | `).
    pub text: Str,
}

/// Another check that found the same defect: the finding it reported,
/// folded into this one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "json", derive(serde::Serialize, schemars::JsonSchema))]
pub struct Note {
    /// The other check.
    pub code: CheckCode,
    /// What it said (English).
    pub message: Str,
    /// Where it reported it: the page's path.
    pub path: Str,
    /// Where it reported it: the line.
    pub line: u32,
}

/// The severities a finding can have, as the findings JSON writes them.
#[cfg(feature = "json")]
#[derive(schemars::JsonSchema)]
#[schemars(rename_all = "snake_case")]
#[allow(dead_code, reason = "only its JSON Schema is used")]
enum FindingSeverity {
    /// A wrong or missing rule (`Level::Error`).
    Error,
    /// A mislabelled, incomplete or redundant table (`Level::Warning`).
    Warning,
    /// Naming or wording that changes no rule (`Level::Style`, with
    /// `style: true`).
    Info,
}

/// At most this many rows that witness a finding ("the family gives it so",
/// "`page` gives it so") are named in it; its message says how many there
/// are. A flow that differs on one page of a family of N names the other
/// pages: naming them all makes the findings of N pages grow with N² (a
/// 3,000-page tree gave 2.1 million places, 876 MB of JSON). No finding of
/// the corpus or its editions names more than 5.
pub const MAX_WITNESSES: usize = 8;

/// One defect, found by one or more checks, at one or more places.
/// `locations[0]` is where it is reported.
///
/// `run` gives one finding per defect: the checks that fire on
/// the same row are one finding (the others as `notes`), a
/// row copied across pages or editions is one finding (the copies as
/// `LocationKind::Also` locations), and rows of one table with the same
/// mistake are one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "json", derive(serde::Serialize, schemars::JsonSchema))]
pub struct Finding {
    /// Which check found it (the most severe, when several did).
    pub code: CheckCode,
    /// The severity of its `Level`: `error`, `warning`, or `info` for a
    /// style finding.
    #[cfg_attr(feature = "json", schemars(with = "FindingSeverity"))]
    pub severity: Severity,
    /// Naming or wording that changes no rule (`Level::Style`).
    pub style: bool,
    /// What is wrong, in one sentence (English).
    pub message: Str,
    /// Where: the first is where it is reported; then where the same defect
    /// is again (`LocationKind::Also`) and what explains it
    /// (`LocationKind::Related`).
    pub locations: Vec<Location>,
    /// Other checks that found the same defect.
    pub notes: Vec<Note>,
    /// One line saying what to do.
    pub help: Str,
    /// How `run` groups raw findings into one per defect.
    #[cfg_attr(feature = "json", serde(skip), schemars(skip))]
    pub(super) hints: Hints,
}

/// What a check tells the grouping about a finding (never shown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Hints {
    /// The defect's identity, the same on every page and in every locale
    /// it is copied to (default: the code and the message, which are
    /// English). Shared: the copies of a defect have the same.
    pub key: Option<Str>,
    /// Rows of one table with the same mistake are one finding.
    pub rows: Option<RowGroup>,
    /// Rows (path, line) at fault: a finding reported at one of them
    /// explains this one.
    pub causes: Vec<(Str, u32)>,
}

/// Rows of one table that make the same mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowGroup {
    /// The table's line (with the page's path: which table).
    pub table: u32,
    /// The mistake, locale-independent.
    pub key: Str,
    /// The finding's message when it covers several rows; `{n}` is the
    /// number of rows.
    pub message: Str,
}

impl Finding {
    /// A finding of `code` at the code's default level (its registry
    /// entry's) and no location yet.
    pub(super) fn new(
        code: CheckCode,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Finding {
        let level = code.level();
        Finding {
            code,
            severity: level.severity(),
            style: level == Level::Style,
            message: shared(message.into()),
            locations: Vec::new(),
            notes: Vec::new(),
            help: shared(help.into()),
            hints: Hints::default(),
        }
    }

    /// The finding at another level than its code's default (the check's
    /// registry description says when).
    pub(super) fn with_level(mut self, level: Level) -> Finding {
        self.severity = level.severity();
        self.style = level == Level::Style;
        self
    }

    /// The finding with one more location: the first is where it is
    /// reported ([`LocationKind::Primary`]), the others are related.
    pub(super) fn at(mut self, mut loc: Location) -> Finding {
        loc.kind = if self.locations.is_empty() {
            LocationKind::Primary
        } else {
            LocationKind::Related
        };
        self.locations.push(loc);
        self
    }

    /// The finding with its locale- and page-independent identity: copies
    /// with the same code and key on other pages or editions are grouped
    /// into one finding.
    pub(super) fn key(mut self, key: impl Into<String>) -> Finding {
        self.hints.key = Some(shared(key.into()));
        self
    }

    /// The finding as one of the rows of the table at line `table` making
    /// the mistake `key`; `message` (with `{n}`, the number of rows) is the
    /// message when there are several.
    pub(super) fn rows(
        mut self,
        table: u32,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        self.hints.rows = Some(RowGroup {
            table,
            key: shared(key.into()),
            message: shared(message.into()),
        });
        self
    }

    /// The finding with a row at fault whose own finding explains it.
    pub(super) fn caused_by(mut self, page: &Page, rule: &Rule) -> Finding {
        self.hints.causes.push((page.path.clone(), rule.line));
        self
    }

    /// The finding's level: `Style` when [`style`](Finding::style), else
    /// its severity's.
    pub fn level(&self) -> Level {
        match (self.style, self.severity) {
            (true, _) | (_, Severity::Info) => Level::Style,
            (false, Severity::Error) => Level::Error,
            (false, Severity::Warning) => Level::Warning,
        }
    }

    /// Every check that found this defect: its own code, then the notes'.
    pub fn codes(&self) -> Vec<CheckCode> {
        let mut codes = vec![self.code];
        for n in &self.notes {
            if !codes.contains(&n.code) {
                codes.push(n.code);
            }
        }
        codes
    }

    /// The places where the defect is: the primary location and the
    /// [`LocationKind::Also`] ones (not the related ones).
    pub fn defect_locations(&self) -> impl Iterator<Item = &Location> {
        self.locations
            .iter()
            .filter(|l| l.kind != LocationKind::Related)
    }

    /// The primary location's path (empty when there is none).
    pub fn path(&self) -> &str {
        self.locations.first().map_or("", |l| l.path.as_str())
    }

    /// [`Finding::path`], shared.
    pub(super) fn path_str(&self) -> Str {
        self.locations
            .first()
            .map_or_else(Str::new, |l| l.path.clone())
    }

    /// The primary location's line (0 when there is none).
    pub fn line(&self) -> u32 {
        self.locations.first().map_or(0, |l| l.line)
    }

    /// The identity under which copies are grouped.
    pub(super) fn group_key(&self) -> Str {
        match &self.hints.key {
            Some(k) => k.clone(),
            None => self.message.clone(),
        }
    }
}

/// A location of `page` at `line` (its kind is set by [`Finding::at`]).
pub(super) fn loc(page: &Page, line: u32, label: &str, text: String) -> Location {
    Location {
        path: page.path.clone(),
        line,
        kind: LocationKind::Related,
        label: shared(label),
        text: shared(text),
    }
}

pub(super) fn row_loc(page: &Page, rule: &Rule, label: &str) -> Location {
    let c = &rule.cells;
    loc(
        page,
        rule.line,
        label,
        format!(
            "{} | {} | {}",
            c.spec.text, c.source.text, c.destination.text
        ),
    )
}

pub(super) fn heading_loc(page: &Page, table: &Table, label: &str) -> Location {
    match &table.heading {
        Some(h) => loc(
            page,
            h.line,
            label,
            format!("{} {}", "#".repeat(h.level as usize), h.text),
        ),
        None => loc(page, table.line, label, "<table>".to_string()),
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
    loc(page, 1, label, page.title.to_string())
}
