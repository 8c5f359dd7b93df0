//! Locale sync: every edition of a page against its en-US edition (or, when
//! there is none, against the first edition): tables and rows aligned,
//! differences in typed values reported, and bilingual cells whose embedded
//! English source is no longer the en-US text.
//!
//! [`locale_sync`] pairs and aligns the editions once; each check of scope
//! [`Scope::Editions`](super::Scope::Editions) then walks the alignment for
//! its own findings. The alignment is public: the books' locale-sync
//! chapter shows the same pairing the checks report on.

use std::collections::BTreeMap;

use super::align::{Step, align};
use super::finding::{Level, describe, heading_loc, loc, page_loc, row_loc};
use super::repeats::repeated_lines;
use super::{CheckCode as C, Finding};
use crate::model::{Address, Cell, Endpoint, Matrix, Page, Rule, Table};
use crate::names::Localized;

/// One edition of a page aligned with its reference edition (en-US, else
/// the page's first edition): what a check of scope `Editions` is handed,
/// and what [`locale_sync`] gives.
#[derive(Debug, Clone)]
pub struct EditionSync<'a> {
    /// The edition checked.
    pub page: &'a Page,
    /// The edition it is checked against.
    pub reference: &'a Page,
    /// The tables of both, aligned, in page order.
    pub tables: Vec<TableSync<'a>>,
}

/// A step of the table alignment of an [`EditionSync`].
#[derive(Debug, Clone)]
pub enum TableSync<'a> {
    /// A table of the checked edition only.
    Edition(&'a Table),
    /// A table of the reference edition only.
    Reference(&'a Table),
    /// Aligned tables, and their rows aligned.
    Both {
        /// The checked edition's table.
        edition: &'a Table,
        /// The reference edition's table.
        reference: &'a Table,
        /// Their rows aligned, in order.
        rows: Vec<RowSync>,
    },
}

/// A step of the row alignment of two aligned tables: indices into their
/// `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSync {
    /// A row of the checked edition's table only.
    Edition(usize),
    /// A row of the reference edition's table only.
    Reference(usize),
    /// Aligned rows; `equal` when their typed values are the same.
    Both {
        /// Index into the checked edition's table.
        edition: usize,
        /// Index into the reference edition's table.
        reference: usize,
        /// Whether the typed values are equal.
        equal: bool,
    },
}

impl From<Step> for RowSync {
    fn from(s: Step) -> RowSync {
        match s {
            Step::Left(i) => RowSync::Edition(i),
            Step::Right(j) => RowSync::Reference(j),
            Step::Both(i, j, equal) => RowSync::Both {
                edition: i,
                reference: j,
                equal,
            },
        }
    }
}

/// Every edition of every page paired with its reference edition (the one
/// in the source language, English, else the first edition) and aligned, in asset id order, then page
/// order: the pairing the locale checks report on.
///
/// Tables are aligned by kind (by position when both editions have as
/// many); the rows of aligned tables by their typed values (longest common
/// subsequence; unmatched rows between two matches paired by position).
pub fn locale_sync(m: &Matrix) -> Vec<EditionSync<'_>> {
    all(m)
}

pub(super) fn all(m: &Matrix) -> Vec<EditionSync<'_>> {
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
            out.push(EditionSync::new(page, reference));
        }
    }
    out
}

/// The rows of two aligned tables, aligned by their typed values. The
/// second copy of a block that a table repeats (`duplicate_rule`'s one
/// finding) is left out of the alignment, so that the copy is not aligned
/// in place of the original; its rows are then steps of their own side, at
/// their place, which the locale checks do not report again.
fn align_rows(a: &Table, b: &Table) -> Vec<RowSync> {
    let (again_a, again_b) = (repeated_lines(a), repeated_lines(b));
    let keep = |t: &Table, again: &[u32]| -> Vec<usize> {
        (0..t.rules.len())
            .filter(|&i| !again.contains(&t.rules[i].line))
            .collect()
    };
    let (ka, kb) = (keep(a, &again_a), keep(b, &again_b));
    let ra: Vec<&Rule> = ka.iter().map(|&i| &a.rules[i]).collect();
    let rb: Vec<&Rule> = kb.iter().map(|&j| &b.rules[j]).collect();
    let steps = align(&ra, &rb, |x, y| x.typed() == y.typed());
    let (mut na, mut nb) = (0, 0); // the next original index of each side
    let mut out = Vec::new();
    let flush =
        |upto_a: usize, upto_b: usize, na: &mut usize, nb: &mut usize, out: &mut Vec<RowSync>| {
            while *na < upto_a {
                out.push(RowSync::Edition(*na));
                *na += 1;
            }
            while *nb < upto_b {
                out.push(RowSync::Reference(*nb));
                *nb += 1;
            }
        };
    for step in steps {
        let step = match step {
            Step::Left(i) => Step::Left(ka[i]),
            Step::Right(j) => Step::Right(kb[j]),
            Step::Both(i, j, e) => Step::Both(ka[i], kb[j], e),
        };
        let (ua, ub) = match step {
            Step::Left(i) => (i, nb),
            Step::Right(j) => (na, j),
            Step::Both(i, j, _) => (i, j),
        };
        flush(ua, ub, &mut na, &mut nb, &mut out);
        match step {
            Step::Left(i) => na = i + 1,
            Step::Right(j) => nb = j + 1,
            Step::Both(i, j, _) => {
                na = i + 1;
                nb = j + 1;
            }
        }
        out.push(RowSync::from(step));
    }
    flush(a.rules.len(), b.rules.len(), &mut na, &mut nb, &mut out);
    out
}

impl<'a> EditionSync<'a> {
    /// Aligns the tables by kind (by position when both editions have as
    /// many), and the rows of aligned tables by their typed values.
    fn new(page: &'a Page, reference: &'a Page) -> EditionSync<'a> {
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
                Step::Left(i) => TableSync::Edition(&page.tables[i]),
                Step::Right(j) => TableSync::Reference(&reference.tables[j]),
                Step::Both(i, j, _) => {
                    let (a, b) = (&page.tables[i], &reference.tables[j]);
                    TableSync::Both {
                        edition: a,
                        reference: b,
                        rows: align_rows(a, b),
                    }
                }
            })
            .collect();
        EditionSync {
            page,
            reference,
            tables,
        }
    }

    /// The locales of the checked edition and of the reference.
    pub fn locales(&self) -> (&'a str, &'a str) {
        (self.page.locale.as_ref(), self.reference.locale.as_ref())
    }

    /// The aligned tables: (checked edition's, reference's, rows aligned).
    pub fn both(&self) -> impl Iterator<Item = (&'a Table, &'a Table, &[RowSync])> {
        self.tables.iter().filter_map(|t| match t {
            TableSync::Both {
                edition,
                reference,
                rows,
            } => Some((*edition, *reference, rows.as_slice())),
            _ => None,
        })
    }
}

/// [`C::LocaleTableMissing`]: reported at the table, on the edition that
/// has it.
pub(super) fn locale_table_missing(ed: &EditionSync, out: &mut Vec<Finding>) {
    let (page, reference) = (ed.page, ed.reference);
    let (l, r) = ed.locales();
    for step in &ed.tables {
        match step {
            TableSync::Edition(t) => out.push(
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
                .at(page_loc(reference, &format!("{r} edition")))
                .with_level(table_missing_level(t)),
            ),
            TableSync::Reference(t) => out.push(
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
                .at(page_loc(page, &format!("{l} edition")))
                .with_level(table_missing_level(t)),
            ),
            TableSync::Both { .. } => {}
        }
    }
}

/// A missing port table misses rules (error); a missing table that is not
/// a port table (DNS records, transport preference) misses no rule: the
/// edition is incomplete (warning).
fn table_missing_level(t: &Table) -> Level {
    if t.kind.holds_ports() {
        Level::Error
    } else {
        Level::Warning
    }
}

/// [`C::LocaleTableKindMismatch`]: reported at the checked edition's heading.
pub(super) fn locale_table_kind_mismatch(ed: &EditionSync, out: &mut Vec<Finding>) {
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
pub(super) fn locale_row_missing(ed: &EditionSync, out: &mut Vec<Finding>) {
    let (page, reference) = (ed.page, ed.reference);
    let (l, r) = ed.locales();
    for (a, b, rows) in ed.both() {
        // The second copy of a repeated block is `duplicate_rule`'s finding.
        let (again_a, again_b) = (repeated_lines(a), repeated_lines(b));
        for step in rows {
            match *step {
                RowSync::Edition(i) if again_a.contains(&a.rules[i].line) => {}
                RowSync::Reference(j) if again_b.contains(&b.rules[j].line) => {}
                RowSync::Edition(i) => out.push(
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
                RowSync::Reference(j) => out.push(
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
                RowSync::Both { .. } => {}
            }
        }
    }
}

/// [`C::LocaleValueMismatch`]: aligned rows that are not equal, reported
/// at the checked edition's row.
pub(super) fn locale_value_mismatch(ed: &EditionSync, out: &mut Vec<Finding>) {
    for (a, b, rows) in ed.both() {
        for step in rows {
            if let RowSync::Both {
                edition: i,
                reference: j,
                equal: false,
            } = *step
            {
                value_mismatch(ed.page, a, &a.rules[i], ed.reference, &b.rules[j], out);
            }
        }
    }
}

/// How two endpoints of aligned rows differ: `None` when they do not,
/// `Some(Some(address))` when only the address differs and the checked
/// edition leaves out the reference's `address` (or the other way round),
/// `Some(None)` otherwise.
fn endpoint_diff(x: &Endpoint, y: &Endpoint) -> Option<Option<Address>> {
    if x.typed() == y.typed() {
        return None;
    }
    // Only the address differs, and one edition just does not name it.
    let addr_only = x.kind == y.kind
        && x.candidates == y.candidates
        && x.unrecognized == y.unrecognized
        && (x.address == Address::Unspecified || y.address == Address::Unspecified);
    Some(addr_only.then(|| {
        if x.address == Address::Unspecified {
            y.address
        } else {
            x.address
        }
    }))
}

fn value_mismatch(
    page: &Page,
    table: &Table,
    x: &Rule,
    reference: &Page,
    y: &Rule,
    out: &mut Vec<Finding>,
) {
    let (l, r) = (page.locale.as_ref(), reference.locale.as_ref());
    let mut diffs = Vec::new();
    let mut only_address = true;
    let mut addresses: Vec<Address> = Vec::new();
    for (what, differ) in [
        ("role", x.role != y.role),
        ("protocol", x.protocols != y.protocols),
        ("transport", x.transport != y.transport),
        ("ports", x.ports != y.ports),
    ] {
        if differ {
            diffs.push(what);
            only_address = false;
        }
    }
    for (what, ex, ey) in [
        ("source", &x.source, &y.source),
        ("destination", &x.destination, &y.destination),
    ] {
        if let Some(addr) = endpoint_diff(ex, ey) {
            diffs.push(what);
            match addr {
                Some(a) if !addresses.contains(&a) => addresses.push(a),
                Some(_) => {}
                None => only_address = false,
            }
        }
    }
    let message = format!(
        "the editions differ in {}: {l} says {}, {r} says {}",
        diffs.join(", "),
        describe(x),
        describe(y)
    );
    if only_address {
        // One translation choice: every row of the table that leaves out
        // the same address is one finding.
        let names: Vec<String> = addresses
            .iter()
            .map(|a| format!("`{}`", a.name("en")))
            .collect();
        let names = names.join(" and ");
        out.push(
            Finding::new(
                C::LocaleValueMismatch,
                message,
                format!(
                    "the {l} edition leaves out the address the {r} edition names; name it the same way"
                ),
            )
            .with_level(Level::Style)
            .rows(
                table.line,
                format!("{l} leaves out {names}"),
                format!(
                    "the {l} edition leaves out the address {names} that the {r} edition names, in {{n}} rows of this table (one translation choice); the first: {l} says {}, {r} says {}",
                    describe(x),
                    describe(y)
                ),
            )
            .at(row_loc(page, x, "row"))
            .at(row_loc(reference, y, &format!("{r} row"))),
        );
    } else {
        out.push(
            Finding::new(
                C::LocaleValueMismatch,
                message,
                format!("make the {l} row say what the {r} row says (or correct the {r} row)"),
            )
            .at(row_loc(page, x, "row"))
            .at(row_loc(reference, y, &format!("{r} row"))),
        );
    }
}

/// [`C::StaleTranslation`]: headings, then the cells of aligned rows, in
/// table order.
pub(super) fn stale_translation(ed: &EditionSync, out: &mut Vec<Finding>) {
    for (a, b, rows) in ed.both() {
        if let (Some(ha), Some(hb)) = (&a.heading, &b.heading) {
            let original = (ha.original.as_deref(), ha.line);
            stale(ed, original, (&hb.text, hb.line), "heading", out);
        }
        for step in rows {
            let RowSync::Both {
                edition: i,
                reference: j,
                ..
            } = *step
            else {
                continue;
            };
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

fn stale_cell(ed: &EditionSync, cx: &Cell, cy: &Cell, what: &str, out: &mut Vec<Finding>) {
    let original = (cx.original.as_deref(), cx.line);
    stale(ed, original, (&cy.text, cy.line), what, out);
}

/// A stale translation when the checked edition's text carries an English
/// `original` (with its line) that is not the reference's `current` text.
fn stale(
    ed: &EditionSync,
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
        .at(loc(page, line, &format!("{what} (embedded source)"), norm(o)))
        .at(loc(
            reference,
            ref_line,
            &format!("{r} {what}"),
            norm(current),
        )),
    );
}
