//! Headings: one that names the other side of the Edge Server than its
//! rows, and one heading used on pages for different topologies.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::{MAX_WITNESSES, heading_loc, row_loc};
use super::{CheckCode as C, Finding};
use crate::model::{EndpointKind, KindSource, Page, Rule, Table, TableKind};
use crate::names::Localized;

/// Which side of the Edge Server the rows of a table touch: `Some(true)` for
/// the internal interface only, `Some(false)` for the external services only.
fn rows_side(rules: &[Rule]) -> Option<bool> {
    let touches = |r: &Rule, f: &dyn Fn(EndpointKind) -> bool| {
        r.source.kinds().chain(r.destination.kinds()).any(f)
    };
    let internal = rules
        .iter()
        .filter(|r| touches(r, &|k| k == EndpointKind::EdgeInternal))
        .count();
    let external = rules
        .iter()
        .filter(|r| touches(r, &EndpointKind::is_edge_external))
        .count();
    if rules.is_empty() {
        None
    } else if internal == rules.len() && external == 0 {
        Some(true)
    } else if external == rules.len() && internal == 0 {
        Some(false)
    } else {
        None
    }
}

/// [`C::HeadingContradictsRows`]: reported at the heading, every row
/// related.
pub(super) fn heading_contradicts_rows(page: &Page, table: &Table, out: &mut Vec<Finding>) {
    // A kind inferred from the rows agrees with them by construction.
    if table.kind_source != KindSource::Heading {
        return;
    }
    let heading_internal = match table.kind {
        TableKind::InternalInterface | TableKind::InternalVirtualIps => true,
        TableKind::ExternalInterface | TableKind::ExternalVirtualIps => false,
        _ => return,
    };
    let Some(rows_internal) = rows_side(&table.rules) else {
        return;
    };
    if rows_internal == heading_internal {
        return;
    }
    let (said, is) = if heading_internal {
        ("internal interface", "the external Edge services")
    } else {
        ("external interface", "the Edge internal interface")
    };
    let right = if rows_internal {
        TableKind::InternalInterface
    } else {
        TableKind::ExternalInterface
    };
    let mut f = Finding::new(
        C::HeadingContradictsRows,
        format!(
            "the heading says {said}, but all {} rows of its table go to or from {is}",
            table.rules.len()
        ),
        format!(
            "the heading should name the {} (`{}`)",
            right.name("en"),
            right.name(&page.locale)
        ),
    )
    .at(heading_loc(page, table, "heading"));
    // The first and the last row show the side the rows are on; the others
    // would repeat them.
    let n = table.rules.len();
    for (i, r) in table.rules.iter().enumerate() {
        if i == 0 || i + 1 == n {
            let label = if i == 0 {
                format!("the first of the {n} rows")
            } else {
                format!("the last of the {n} rows")
            };
            f = f.at(row_loc(page, r, &label));
        }
    }
    out.push(f);
}

/// Character bigrams of a text, lowercased, without spaces and punctuation.
fn bigrams(s: &str) -> BTreeSet<(char, char)> {
    let cs: Vec<char> = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    cs.windows(2).map(|w| (w[0], w[1])).collect()
}

/// [`C::HeadingSharedAcrossTopologies`], over the pages of one locale.
pub(super) fn heading_shared_across_topologies(pages: &[&Page], out: &mut Vec<Finding>) {
    let mut by_text: BTreeMap<String, Vec<(&Page, &Table)>> = BTreeMap::new();
    for page in pages {
        for t in page.tables.iter() {
            // Summary and reverse proxy tables are the same for every
            // topology: their headings are rightly shared.
            let topological = !t.kind.is_summary()
                && !matches!(
                    t.kind,
                    TableKind::ReverseProxyExternal
                        | TableKind::ReverseProxyInternal
                        | TableKind::Unclassified
                );
            if let (true, Some(h)) = (topological, &t.heading) {
                let norm: String = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
                by_text.entry(norm).or_default().push((page, t));
            }
        }
    }
    for (text, uses) in by_text {
        let assets: BTreeSet<&str> = uses.iter().map(|(p, _)| p.asset_id.as_ref()).collect();
        if assets.len() < 2 {
            continue;
        }
        // Report at the page whose title fits the heading least (fewest
        // shared bigrams): the heading was most likely copied onto it.
        let hb = bigrams(&text);
        let fit = |p: &Page| bigrams(&p.title).intersection(&hb).count();
        let mut ordered = uses.clone();
        ordered.sort_by_key(|(p, t)| (fit(p), p.path.clone(), t.line));
        // Each title once, at most MAX_WITNESSES of them in the message (the
        // locations name every page): a heading on thousands of pages would
        // make a message of thousands of titles.
        let mut seen = BTreeSet::new();
        let titles: Vec<String> = ordered
            .iter()
            .filter(|(p, _)| seen.insert(p.title.as_ref()))
            .map(|(p, _)| format!("`{}`", p.title))
            .collect();
        let mut titles = titles;
        if titles.len() > MAX_WITNESSES {
            let more = titles.len() - MAX_WITNESSES;
            titles.truncate(MAX_WITNESSES);
            titles.push(format!("and {more} more"));
        }
        let mut f = Finding::new(
            C::HeadingSharedAcrossTopologies,
            format!(
                "the heading `{text}` is used on pages for different topologies: {}",
                titles.join(", ")
            ),
            "give the table a heading that names the topology of its page",
        )
        // The same in every locale: the pages by asset id, the reported
        // one first.
        .key(
            ordered
                .iter()
                .map(|(p, _)| p.asset_id.to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(" "),
        );
        for (i, (p, t)) in ordered.iter().enumerate() {
            f = f.at(heading_loc(
                p,
                t,
                if i == 0 {
                    "heading"
                } else {
                    "same heading on another topology's page"
                },
            ));
        }
        out.push(f);
    }
}
