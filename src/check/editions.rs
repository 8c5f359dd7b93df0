//! Locale sync: every edition of a page against its en-US edition (or, when
//! there is none, against the first edition): tables and rows aligned,
//! differences in typed values reported, and bilingual cells whose embedded
//! English source is no longer the en-US text.

use std::collections::BTreeMap;

use super::align::{Step, align};
use super::finding::{describe, heading_loc, page_loc, row_loc};
use super::{CheckCode as C, Finding, Location};
use crate::diag::Severity;
use crate::model::{Address, Cell, Endpoint, Matrix, Page, Rule, Table};
use crate::names::Localized;

pub(super) fn check(m: &Matrix, out: &mut Vec<Finding>) {
    let mut by_asset: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for p in m.pages() {
        by_asset
            .entry(p.asset_id.to_ascii_lowercase())
            .or_default()
            .push(p);
    }
    for editions in by_asset.values() {
        let Some(reference) = editions
            .iter()
            .find(|p| p.locale.eq_ignore_ascii_case("en-US"))
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
            compare(page, reference, out);
        }
    }
}

fn compare(page: &Page, reference: &Page, out: &mut Vec<Finding>) {
    let (l, r) = (page.locale.as_ref(), reference.locale.as_ref());
    let tables = if page.tables.len() == reference.tables.len() {
        (0..page.tables.len())
            .map(|i| Step::Both(i, i, page.tables[i].kind == reference.tables[i].kind))
            .collect()
    } else {
        align(&page.tables, &reference.tables, |a, b| a.kind == b.kind)
    };
    for step in tables {
        match step {
            Step::Left(i) => {
                let t = &page.tables[i];
                out.push(
                    Finding::new(
                        C::LocaleTableMissing,
                        Severity::Error,
                        format!(
                            "this {} table ({} rows) is in the {l} edition only, not in {r}",
                            t.kind.name("en"),
                            t.rules.len()
                        ),
                        format!("add the table to the {r} edition, or delete it from {l}"),
                    )
                    .at(heading_loc(page, t, "table"))
                    .at(page_loc(reference, &format!("{r} edition"))),
                );
            }
            Step::Right(j) => {
                let t = &reference.tables[j];
                out.push(
                    Finding::new(
                        C::LocaleTableMissing,
                        Severity::Error,
                        format!(
                            "this {} table ({} rows) of the {r} edition is missing from {l}",
                            t.kind.name("en"),
                            t.rules.len()
                        ),
                        format!("translate the table into the {l} edition"),
                    )
                    .at(heading_loc(reference, t, "table"))
                    .at(page_loc(page, &format!("{l} edition"))),
                );
            }
            Step::Both(i, j, _) => {
                let (a, b) = (&page.tables[i], &reference.tables[j]);
                if a.kind != b.kind {
                    out.push(
                        Finding::new(
                            C::LocaleTableKindMismatch,
                            Severity::Error,
                            format!(
                                "the {l} heading makes this table {}, the {r} edition's heading makes it {}",
                                a.kind.name("en"),
                                b.kind.name("en")
                            ),
                            format!("the {l} heading should say `{}`", b.kind.name(l)),
                        )
                        .at(heading_loc(page, a, "heading"))
                        .at(heading_loc(reference, b, &format!("{r} heading"))),
                    );
                }
                if let (Some(ha), Some(hb)) = (&a.heading, &b.heading) {
                    stale(
                        page,
                        ha.original.as_deref(),
                        ha.line,
                        reference,
                        &hb.text,
                        hb.line,
                        "heading",
                        out,
                    );
                }
                rows(page, a, reference, b, out);
            }
        }
    }
}

fn rows(page: &Page, a: &Table, reference: &Page, b: &Table, out: &mut Vec<Finding>) {
    let (l, r) = (page.locale.as_ref(), reference.locale.as_ref());
    for step in align(&a.rules, &b.rules, |x, y| x.typed() == y.typed()) {
        match step {
            Step::Left(i) => out.push(
                Finding::new(
                    C::LocaleRowMissing,
                    Severity::Error,
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
                    Severity::Error,
                    format!(
                        "row {} of the {r} edition is missing from {l}",
                        describe(&b.rules[j])
                    ),
                    format!("add the row to the {l} edition"),
                )
                .at(row_loc(reference, &b.rules[j], "row"))
                .at(heading_loc(page, a, &format!("{l} table"))),
            ),
            Step::Both(i, j, equal) => {
                let (x, y) = (&a.rules[i], &b.rules[j]);
                if !equal {
                    value_mismatch(page, x, reference, y, out);
                }
                let cells = [
                    (&x.cells.spec, &y.cells.spec, "first column"),
                    (&x.cells.source, &y.cells.source, "source"),
                    (&x.cells.destination, &y.cells.destination, "destination"),
                    (&x.cells.note, &y.cells.note, "notes"),
                ];
                for (cx, cy, what) in cells {
                    stale_cell(page, cx, reference, cy, what, out);
                }
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
            severity,
            format!(
                "the editions differ in {}: {l} says {}, {r} says {}",
                diffs.join(", "),
                describe(x),
                describe(y)
            ),
            help,
        )
        .at(row_loc(page, x, "row"))
        .at(row_loc(reference, y, &format!("{r} row"))),
    );
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn stale_cell(
    page: &Page,
    cx: &Cell,
    reference: &Page,
    cy: &Cell,
    what: &str,
    out: &mut Vec<Finding>,
) {
    stale(
        page,
        cx.original.as_deref(),
        cx.line,
        reference,
        &cy.text,
        cy.line,
        what,
        out,
    );
}

#[allow(clippy::too_many_arguments)]
fn stale(
    page: &Page,
    original: Option<&str>,
    line: u32,
    reference: &Page,
    current: &str,
    ref_line: u32,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let Some(o) = original else { return };
    if !reference.locale.to_ascii_lowercase().starts_with("en") || norm(o) == norm(current) {
        return;
    }
    let r = reference.locale.as_ref();
    out.push(
        Finding::new(
            C::StaleTranslation,
            Severity::Warning,
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
