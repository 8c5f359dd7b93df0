//! Locale sync: every edition of a page against its en-US edition (or, when
//! there is none, against the first edition): tables and rows aligned,
//! differences in typed values reported, and bilingual cells whose embedded
//! English source is no longer the en-US text.
//!
//! [`all`] pairs and aligns the editions once; each check of scope
//! [`Scope::Editions`](super::Scope::Editions) then walks the alignment for
//! its own findings.

use std::collections::BTreeMap;

use super::align::{Step, align};
use super::finding::{describe, heading_loc, page_loc, row_loc};
use super::{CheckCode as C, Finding, Location};
use crate::diag::Severity;
use crate::model::{Address, Cell, Endpoint, Matrix, Page, Rule, Table};
use crate::names::Localized;

/// One edition of a page with its reference edition, their tables and rows
/// aligned: what a check of scope `Editions` is handed.
pub(super) struct Editions<'a> {
    /// The edition checked.
    page: &'a Page,
    /// The edition it is checked against.
    reference: &'a Page,
    /// The tables of both, aligned.
    tables: Vec<Tables<'a>>,
}

/// A step of the table alignment.
enum Tables<'a> {
    /// A table of the checked edition only.
    Left(&'a Table),
    /// A table of the reference edition only.
    Right(&'a Table),
    /// Aligned tables (of the checked edition, of the reference) and their
    /// rows aligned (indices into their `rules`).
    Both(&'a Table, &'a Table, Vec<Step>),
}

/// Every edition of every page paired with its reference edition (the one
/// in the source language, English, else the first edition), in asset id order, then page order.
pub(super) fn all(m: &Matrix) -> Vec<Editions<'_>> {
    let mut by_asset: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for p in m.pages() {
        by_asset
            .entry(p.asset_id.to_ascii_lowercase())
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for editions in by_asset.values() {
        let Some(reference) = editions
            .iter()
            .find(|p| crate::names::registry().is_source_language(&p.locale))
            .or(editions.first())
        else {
            continue;
        };
        let mut seen_locales = vec![reference.locale.to_string()];
        for page in editions {
            if seen_locales
                .iter()
                .any(|l| l.eq_ignore_ascii_case(&page.locale))
            {
                continue; // the reference itself, or a duplicate page (a parser diagnostic)
            }
            seen_locales.push(page.locale.to_string());
            out.push(Editions::new(page, reference));
        }
    }
    out
}

impl<'a> Editions<'a> {
    /// Aligns the tables by kind (by position when both editions have as
    /// many), and the rows of aligned tables by their typed values.
    fn new(page: &'a Page, reference: &'a Page) -> Editions<'a> {
        let steps = if page.tables.len() == reference.tables.len() {
            (0..page.tables.len())
                .map(|i| Step::Both(i, i, page.tables[i].kind == reference.tables[i].kind))
                .collect()
        } else {
            align(&page.tables, &reference.tables, |a, b| a.kind == b.kind)
        };
        let tables = steps
            .into_iter()
            .map(|step| match step {
                Step::Left(i) => Tables::Left(&page.tables[i]),
                Step::Right(j) => Tables::Right(&reference.tables[j]),
                Step::Both(i, j, _) => {
                    let (a, b) = (&page.tables[i], &reference.tables[j]);
                    let rows = align(&a.rules, &b.rules, |x, y| x.typed() == y.typed());
                    Tables::Both(a, b, rows)
                }
            })
            .collect();
        Editions {
            page,
            reference,
            tables,
        }
    }

    /// The locales of the checked edition and of the reference.
    fn locales(&self) -> (&'a str, &'a str) {
        (self.page.locale.as_ref(), self.reference.locale.as_ref())
    }

    /// The aligned tables: (checked edition's, reference's, rows aligned).
    fn both(&self) -> impl Iterator<Item = (&'a Table, &'a Table, &[Step])> {
        self.tables.iter().filter_map(|t| match t {
            Tables::Both(a, b, rows) => Some((*a, *b, rows.as_slice())),
            _ => None,
        })
    }
}

/// [`C::LocaleTableMissing`]: reported at the table, on the edition that
/// has it.
pub(super) fn locale_table_missing(ed: &Editions, out: &mut Vec<Finding>) {
    let (page, reference) = (ed.page, ed.reference);
    let (l, r) = ed.locales();
    for step in &ed.tables {
        match step {
            Tables::Left(t) => out.push(
                Finding::new(
                    C::LocaleTableMissing,
                    format!(
                        "this {} table ({} rows) is in the {l} edition only, not in {r}",
                        t.kind.name("en"),
                        t.rules.len()
                    ),
                    format!("add the table to the {r} edition, or delete it from {l}"),
                )
                .at(heading_loc(page, t, "table"))
                .at(page_loc(reference, &format!("{r} edition"))),
            ),
            Tables::Right(t) => out.push(
                Finding::new(
                    C::LocaleTableMissing,
                    format!(
                        "this {} table ({} rows) of the {r} edition is missing from {l}",
                        t.kind.name("en"),
                        t.rules.len()
                    ),
                    format!("translate the table into the {l} edition"),
                )
                .at(heading_loc(reference, t, "table"))
                .at(page_loc(page, &format!("{l} edition"))),
            ),
            Tables::Both(..) => {}
        }
    }
}

/// [`C::LocaleTableKindMismatch`]: reported at the checked edition's heading.
pub(super) fn locale_table_kind_mismatch(ed: &Editions, out: &mut Vec<Finding>) {
    let (l, r) = ed.locales();
    for (a, b, _) in ed.both().filter(|(a, b, _)| a.kind != b.kind) {
        out.push(
            Finding::new(
                C::LocaleTableKindMismatch,
                format!(
                    "the {l} heading makes this table {}, the {r} edition's heading makes it {}",
                    a.kind.name("en"),
                    b.kind.name("en")
                ),
                format!("the {l} heading should say `{}`", b.kind.name(l)),
            )
            .at(heading_loc(ed.page, a, "heading"))
            .at(heading_loc(ed.reference, b, &format!("{r} heading"))),
        );
    }
}

/// [`C::LocaleRowMissing`]: reported at the row, on the edition that has it.
pub(super) fn locale_row_missing(ed: &Editions, out: &mut Vec<Finding>) {
    let (page, reference) = (ed.page, ed.reference);
    let (l, r) = ed.locales();
    for (a, b, rows) in ed.both() {
        for step in rows {
            match *step {
                Step::Left(i) => out.push(
                    Finding::new(
                        C::LocaleRowMissing,
                        format!(
                            "row {} is in the {l} edition only, not in {r}",
                            describe(&a.rules[i])
                        ),
                        format!("add the row to the {r} edition, or delete it from {l}"),
                    )
                    .at(row_loc(page, &a.rules[i], "row"))
                    .at(heading_loc(reference, b, &format!("{r} table"))),
                ),
                Step::Right(j) => out.push(
                    Finding::new(
                        C::LocaleRowMissing,
                        format!(
                            "row {} of the {r} edition is missing from {l}",
                            describe(&b.rules[j])
                        ),
                        format!("add the row to the {l} edition"),
                    )
                    .at(row_loc(reference, &b.rules[j], "row"))
                    .at(heading_loc(page, a, &format!("{l} table"))),
                ),
                Step::Both(..) => {}
            }
        }
    }
}

/// [`C::LocaleValueMismatch`]: aligned rows that are not equal, reported
/// at the checked edition's row.
pub(super) fn locale_value_mismatch(ed: &Editions, out: &mut Vec<Finding>) {
    for (a, b, rows) in ed.both() {
        for step in rows {
            if let Step::Both(i, j, false) = *step {
                value_mismatch(ed.page, &a.rules[i], ed.reference, &b.rules[j], out);
            }
        }
    }
}

fn endpoint_diff(x: &Endpoint, y: &Endpoint) -> Option<bool> {
    if x.typed() == y.typed() {
        return None;
    }
    // Only the address differs, and one edition just does not name it.
    let addr_only = x.kind == y.kind
        && x.candidates == y.candidates
        && x.unrecognized == y.unrecognized
        && (x.address == Address::Unspecified || y.address == Address::Unspecified);
    Some(addr_only)
}

fn value_mismatch(page: &Page, x: &Rule, reference: &Page, y: &Rule, out: &mut Vec<Finding>) {
    let (l, r) = (page.locale.as_ref(), reference.locale.as_ref());
    let mut diffs = Vec::new();
    let mut only_address = true;
    if x.role != y.role {
        diffs.push("role");
        only_address = false;
    }
    if x.protocols != y.protocols {
        diffs.push("protocol");
        only_address = false;
    }
    if x.transport != y.transport {
        diffs.push("transport");
        only_address = false;
    }
    if x.ports != y.ports {
        diffs.push("ports");
        only_address = false;
    }
    for (what, ex, ey) in [
        ("source", &x.source, &y.source),
        ("destination", &x.destination, &y.destination),
    ] {
        if let Some(addr_only) = endpoint_diff(ex, ey) {
            diffs.push(what);
            only_address &= addr_only;
        }
    }
    let (severity, help) = if only_address {
        (
            Severity::Info,
            format!(
                "the {l} edition leaves out the address the {r} edition names; name it the same way"
            ),
        )
    } else {
        (
            Severity::Error,
            format!("make the {l} row say what the {r} row says (or correct the {r} row)"),
        )
    };
    out.push(
        Finding::new(
            C::LocaleValueMismatch,
            format!(
                "the editions differ in {}: {l} says {}, {r} says {}",
                diffs.join(", "),
                describe(x),
                describe(y)
            ),
            help,
        )
        .with_severity(severity)
        .at(row_loc(page, x, "row"))
        .at(row_loc(reference, y, &format!("{r} row"))),
    );
}

/// [`C::StaleTranslation`]: headings, then the cells of aligned rows, in
/// table order.
pub(super) fn stale_translation(ed: &Editions, out: &mut Vec<Finding>) {
    for (a, b, rows) in ed.both() {
        if let (Some(ha), Some(hb)) = (&a.heading, &b.heading) {
            let original = (ha.original.as_deref(), ha.line);
            stale(ed, original, (&hb.text, hb.line), "heading", out);
        }
        for step in rows {
            let Step::Both(i, j, _) = *step else { continue };
            let (x, y) = (&a.rules[i], &b.rules[j]);
            let cells = [
                (&x.cells.spec, &y.cells.spec, "first column"),
                (&x.cells.source, &y.cells.source, "source"),
                (&x.cells.destination, &y.cells.destination, "destination"),
                (&x.cells.note, &y.cells.note, "notes"),
            ];
            for (cx, cy, what) in cells {
                stale_cell(ed, cx, cy, what, out);
            }
        }
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn stale_cell(ed: &Editions, cx: &Cell, cy: &Cell, what: &str, out: &mut Vec<Finding>) {
    let original = (cx.original.as_deref(), cx.line);
    stale(ed, original, (&cy.text, cy.line), what, out);
}

/// A stale translation when the checked edition's text carries an English
/// `original` (with its line) that is not the reference's `current` text.
fn stale(
    ed: &Editions,
    (original, line): (Option<&str>, u32),
    (current, ref_line): (&str, u32),
    what: &str,
    out: &mut Vec<Finding>,
) {
    let (page, reference) = (ed.page, ed.reference);
    let Some(o) = original else { return };
    if !crate::names::registry().is_source_language(&reference.locale) || norm(o) == norm(current) {
        return;
    }
    let r = reference.locale.as_ref();
    out.push(
        Finding::new(
            C::StaleTranslation,
            format!(
                "stale translation: the {what} was translated from `{}`, but the {r} text is now `{}`",
                norm(o),
                norm(current)
            ),
            format!("translate the {what} again from the current {r} text"),
        )
        .at(Location {
            path: page.path.to_string(),
            line,
            label: format!("{what} (embedded source)"),
            text: norm(o),
        })
        .at(Location {
            path: reference.path.to_string(),
            line: ref_line,
            label: format!("{r} {what}"),
            text: norm(current),
        }),
    );
}
