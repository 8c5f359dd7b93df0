//! The locale-sync chapter: for each page, how its editions in the other
//! locales differ from the source edition.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageEntry, Text, Words};
use crate::book::{Asset, Catalogs};
use crate::check::{self, RowSync, TableSync};
use crate::model::{Page, Rule};
use crate::names::{self, Localized};

/// One page in the locale-sync chapter.
#[derive(Debug, Clone, Serialize)]
pub struct SyncPage {
    pub chapter: String,
    pub title: Text,
    /// One cell per book locale.
    pub editions: Vec<SyncEdition>,
    /// `in_sync`, `differs`, `one_edition`.
    pub status: &'static str,
    pub status_label: String,
    pub rows_compared: usize,
    pub rows_in_sync: usize,
    pub differences: Vec<SyncDifference>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncEdition {
    pub locale: String,
    pub present: bool,
    pub path: String,
    pub tables: usize,
    pub rules: usize,
    /// For a locale without an edition: texts translated through the
    /// catalog, and texts needing a translation.
    pub translated: usize,
    pub needed: usize,
}

/// One difference between two editions of a page, as the locale checks
/// align them ([`check::locale_sync`]).
#[derive(Debug, Clone, Serialize)]
pub struct SyncDifference {
    /// The table's number in the alignment of the two editions' tables
    /// (1-based; its number in both pages up to a table only one has).
    pub table: usize,
    /// The row's number in the alignment of the table's rows (1-based;
    /// 0 for a difference about the table itself).
    pub row: usize,
    /// `zh-CN/x.md:50` etc, one per edition that has the row.
    pub locations: Vec<String>,
    /// What differs, in the book's words.
    pub what: String,
}

pub(crate) fn sync(
    locale: &str,
    locales: &[String],
    assets: &[Asset<'_>],
    pages: &[PageEntry],
    cats: &Catalogs,
    ui: &BTreeMap<String, String>,
) -> Vec<SyncPage> {
    let t = |k: &str| ui.get(k).cloned().unwrap_or_else(|| format!("⟦{k}⟧"));
    let mut out = Vec::new();
    for (a, pv) in assets.iter().zip(pages) {
        let present: Vec<&Page> = locales
            .iter()
            .filter_map(|l| {
                a.editions
                    .iter()
                    .find(|p| p.locale.eq_ignore_ascii_case(l))
                    .copied()
            })
            .collect();
        let mut editions = Vec::new();
        for l in locales {
            let own = a
                .editions
                .iter()
                .find(|p| p.locale.eq_ignore_ascii_case(l))
                .copied();
            let (translated, needed) = match own {
                Some(_) => (0, 0),
                None => {
                    let src = a.editions[0];
                    let w = Words {
                        book_locale: l,
                        page_locale: &src.locale,
                        cats,
                    };
                    let mut texts: Vec<(Option<&str>, &str)> = vec![(None, &src.title)];
                    for tb in src.tables.iter() {
                        if let Some(h) = &tb.heading {
                            texts.push((crate::book::heading_context(tb), &h.text));
                        }
                        texts.extend(tb.rules.iter().map(|r| (None, r.note.as_ref())));
                    }
                    texts.retain(|(_, s)| !s.trim().is_empty());
                    let ok = texts
                        .iter()
                        .filter(|(c, s)| !w.text_in(*c, s).untranslated)
                        .count();
                    (ok, texts.len())
                }
            };
            let shown = own.unwrap_or(a.editions[0]);
            editions.push(SyncEdition {
                locale: l.clone(),
                present: own.is_some(),
                path: shown.path.to_string(),
                tables: shown.tables.len(),
                rules: shown.tables.iter().map(|t| t.rules.len()).sum(),
                translated,
                needed,
            });
        }
        let (differences, compared, same) = if present.len() >= 2 {
            differences(locale, locales, a, &present, &t)
        } else {
            (Vec::new(), 0, 0)
        };
        let status = if present.len() < 2 {
            "one_edition"
        } else if differences.is_empty() {
            "in_sync"
        } else {
            "differs"
        };
        out.push(SyncPage {
            chapter: pv.chapter.clone(),
            title: pv.title.clone(),
            editions,
            status,
            status_label: t(&format!("sync_status_{status}")),
            rows_compared: compared,
            rows_in_sync: same,
            differences,
        });
    }
    out
}

/// The differences between the editions of `a` that the books show
/// (`present`), as the locale checks see them: every such edition aligned
/// with its reference edition by [`check::locale_sync`] (tables by kind,
/// rows by typed value, so one inserted row is one difference), in book
/// locale order. Also the rows compared and the rows in sync.
fn differences(
    locale: &str,
    locales: &[String],
    a: &Asset<'_>,
    present: &[&Page],
    t: &dyn Fn(&str) -> String,
) -> (Vec<SyncDifference>, usize, usize) {
    // The asset's editions as a matrix of their own: `locale_sync` picks
    // the reference and aligns exactly as on the whole matrix (it pairs the
    // editions of one asset id, in page order).
    let one = crate::model::Matrix {
        pages: a.editions.iter().map(|p| (*p).clone()).collect(),
        diagnostics: Default::default(),
    };
    let order = |p: &Page| {
        locales
            .iter()
            .position(|l| l.eq_ignore_ascii_case(&p.locale))
            .unwrap_or(usize::MAX)
    };
    let at = |p: &Page, line: u32| format!("{}:{line}", p.path);
    let mut out = Vec::new();
    let (mut compared, mut same) = (0, 0);
    for ed in check::locale_sync(&one) {
        if !present.iter().any(|p| p.path == ed.page.path) {
            continue;
        }
        // The edition first in book order is written first (`a ≠ b`).
        let flip = order(ed.reference) < order(ed.page);
        let (first, second) = if flip {
            (ed.reference, ed.page)
        } else {
            (ed.page, ed.reference)
        };
        let only_in = |p: &Page| t("sync_row_only_in").replace("{locale}", &p.locale);
        for (ti, step) in ed.tables.iter().enumerate() {
            let (tables, rows) = match step {
                TableSync::Edition(tb) | TableSync::Reference(tb) => {
                    let p = if matches!(step, TableSync::Edition(_)) {
                        ed.page
                    } else {
                        ed.reference
                    };
                    compared += tb.rules.len();
                    out.push(SyncDifference {
                        table: ti + 1,
                        row: 0,
                        locations: vec![at(p, tb.line)],
                        what: t("sync_table_only_in").replace("{locale}", &p.locale),
                    });
                    continue;
                }
                TableSync::Both {
                    edition,
                    reference,
                    rows,
                } => ((*edition, *reference), rows),
            };
            let (et, rt) = tables;
            let (ft, st) = if flip { (rt, et) } else { (et, rt) };
            if et.kind != rt.kind {
                out.push(SyncDifference {
                    table: ti + 1,
                    row: 0,
                    locations: vec![at(first, ft.line), at(second, st.line)],
                    what: format!(
                        "{}: {} ≠ {}",
                        t("sync_table_kind"),
                        ft.kind.name(locale),
                        st.kind.name(locale)
                    ),
                });
            }
            for (ri, step) in rows.iter().enumerate() {
                compared += 1;
                let (p, r) = match *step {
                    RowSync::Both { equal: true, .. } => {
                        same += 1;
                        continue;
                    }
                    RowSync::Both {
                        edition, reference, ..
                    } => {
                        let (e, r) = (&et.rules[edition], &rt.rules[reference]);
                        let (fr, sr) = if flip { (r, e) } else { (e, r) };
                        out.push(SyncDifference {
                            table: ti + 1,
                            row: ri + 1,
                            locations: vec![at(first, fr.line), at(second, sr.line)],
                            what: describe_difference(locale, fr, sr, t),
                        });
                        continue;
                    }
                    RowSync::Edition(i) => (ed.page, &et.rules[i]),
                    RowSync::Reference(j) => (ed.reference, &rt.rules[j]),
                };
                out.push(SyncDifference {
                    table: ti + 1,
                    row: ri + 1,
                    locations: vec![at(p, r.line)],
                    what: only_in(p),
                });
            }
        }
    }
    (out, compared, same)
}

fn describe_difference(locale: &str, a: &Rule, b: &Rule, t: &dyn Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    let (ta, tb) = (a.typed(), b.typed());
    if ta.role != tb.role {
        let n = |r: Option<&crate::model::Role>| {
            r.map(|r| r.name(locale).into_owned())
                .unwrap_or_else(|| "—".into())
        };
        parts.push(format!(
            "{}: {} ≠ {}",
            t("col_role"),
            n(ta.role),
            n(tb.role)
        ));
    }
    if ta.protocols != tb.protocols {
        parts.push(format!(
            "{}: {} ≠ {}",
            t("col_protocols"),
            names::protocols(ta.protocols),
            names::protocols(tb.protocols)
        ));
    }
    if ta.transport != tb.transport {
        parts.push(format!(
            "{}: {} ≠ {}",
            t("col_transport"),
            ta.transport.name(locale),
            tb.transport.name(locale)
        ));
    }
    if ta.ports != tb.ports {
        parts.push(format!("{}: {} ≠ {}", t("col_ports"), ta.ports, tb.ports));
    }
    if ta.source != tb.source {
        parts.push(format!(
            "{}: {} ≠ {}",
            t("col_source"),
            a.source.name(locale),
            b.source.name(locale)
        ));
    }
    if ta.destination != tb.destination {
        parts.push(format!(
            "{}: {} ≠ {}",
            t("col_destination"),
            a.destination.name(locale),
            b.destination.name(locale)
        ));
    }
    parts.join("; ")
}
