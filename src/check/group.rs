//! One finding per defect: the raw findings of the checks grouped by cause.
//!
//! The checks report what they see, row by row and page by page; one defect
//! is often seen several times. [`group`] folds them, in four steps, each
//! deterministic:
//!
//! 1. **Rows of one table with the same mistake** (a check marks them with
//!    [`Finding::rows`]): one finding at the first row, the other rows as
//!    [`LocationKind::Also`] locations.
//! 2. **Checks that fire at the same place** (same path and line): one
//!    finding from the most severe check (then the first in the registry),
//!    the others as [`Note`]s, their related locations kept.
//! 3. **A finding caused by another's row** (a check names the row at fault
//!    with [`Finding::caused_by`], as `summary_flow_not_opened` names the
//!    interface row that gives the flow with the wrong endpoint): folded
//!    into the finding at that row as a note, when that finding is at least
//!    as severe; its place becomes a related location.
//! 4. **Copies**: findings with the same code and the same locale- and
//!    page-independent key (a row copied onto other pages, a locale edition
//!    repeating its source edition's defect): one finding at the most severe
//!    copy (then the en-US edition, then path order), the other copies as
//!    `Also` locations, their notes kept.

use std::collections::BTreeMap;

use super::finding::{Level, Location, LocationKind, Note};
use super::{CheckCode, Finding};
use crate::model::{Matrix, Page};

/// The raw findings of `m` grouped into one per defect (not yet sorted).
pub(super) fn group(raw: Vec<Finding>, m: &Matrix) -> Vec<Finding> {
    let pages: BTreeMap<&str, &Page> = m.pages().map(|p| (p.path.as_ref(), p)).collect();
    let fs = same_rows(raw);
    let fs = same_place(fs);
    let fs = caused(fs);
    copies(fs, &pages)
}

/// Worst first: errors, warnings, style.
fn rank(f: &Finding) -> (Level, usize) {
    (f.level(), f.code as usize)
}

/// A location of `f` turned into an `Also` location labelled `label`.
fn also(l: &Location, label: String) -> Location {
    Location {
        kind: LocationKind::Also,
        label,
        ..l.clone()
    }
}

fn has_place(f: &Finding, l: &Location) -> bool {
    f.locations
        .iter()
        .any(|x| x.path == l.path && x.line == l.line)
}

fn push_note(f: &mut Finding, n: Note) {
    if !f.notes.contains(&n) {
        f.notes.push(n);
    }
}

/// The notes a finding becomes when folded into another: its own, then the
/// ones it carried.
fn as_notes(f: &Finding) -> Vec<Note> {
    let mut v = vec![Note {
        code: f.code,
        message: f.message.clone(),
        path: f.path().to_string(),
        line: f.line(),
    }];
    v.extend(f.notes.iter().cloned());
    v
}

/// Step 1: rows of one table with the same mistake.
fn same_rows(raw: Vec<Finding>) -> Vec<Finding> {
    let mut raw = raw;
    raw.sort_by(|a, b| (a.path(), a.line(), a.code).cmp(&(b.path(), b.line(), b.code)));
    let mut out: Vec<Finding> = Vec::new();
    let mut index: BTreeMap<(CheckCode, String, u32, String), (usize, usize)> = BTreeMap::new();
    for f in raw {
        let Some(g) = f.hints.rows.clone() else {
            out.push(f);
            continue;
        };
        let key = (f.code, f.path().to_string(), g.table, g.key.clone());
        match index.get_mut(&key) {
            Some((i, n)) => {
                *n += 1;
                let main = &mut out[*i];
                if let Some(l) = f.locations.first() {
                    main.locations
                        .push(also(l, "the same mistake in this row".into()));
                }
            }
            None => {
                index.insert(key, (out.len(), 1));
                out.push(f);
            }
        }
    }
    // The group's message is the first row's template, so that every copy
    // of the table (other pages, editions) says the same.
    for (i, n) in index.values() {
        if *n > 1 {
            let f = &mut out[*i];
            if let Some(g) = &f.hints.rows {
                f.message = g.message.replace("{n}", &n.to_string());
            }
        }
    }
    out
}

/// Step 2: checks that fire at the same place.
fn same_place(fs: Vec<Finding>) -> Vec<Finding> {
    let mut by_place: BTreeMap<(String, u32), Vec<Finding>> = BTreeMap::new();
    let mut order: Vec<(String, u32)> = Vec::new();
    for f in fs {
        let k = (f.path().to_string(), f.line());
        if !by_place.contains_key(&k) {
            order.push(k.clone());
        }
        by_place.entry(k).or_default().push(f);
    }
    let mut out = Vec::new();
    for k in order {
        let mut here = by_place.remove(&k).unwrap_or_default();
        here.sort_by_key(rank);
        let mut it = here.into_iter();
        let Some(mut main) = it.next() else { continue };
        for other in it {
            for n in as_notes(&other) {
                push_note(&mut main, n);
            }
            for l in other.locations.iter().skip(1) {
                if !has_place(&main, l) {
                    main.locations.push(l.clone());
                }
            }
        }
        out.push(main);
    }
    out
}

/// Step 3: a finding caused by another finding's row.
fn caused(mut fs: Vec<Finding>) -> Vec<Finding> {
    let mut folded = vec![false; fs.len()];
    for i in 0..fs.len() {
        if fs[i].hints.causes.is_empty() {
            continue;
        }
        let target = (0..fs.len()).find(|&j| {
            j != i
                && !folded[j]
                && fs[j].level() <= fs[i].level()
                && fs[j].defect_locations().any(|l| {
                    fs[i]
                        .hints
                        .causes
                        .iter()
                        .any(|(p, line)| *p == l.path && *line == l.line)
                })
        });
        let Some(j) = target else { continue };
        folded[i] = true;
        let f = fs[i].clone();
        let main = &mut fs[j];
        for n in as_notes(&f) {
            push_note(main, n);
        }
        for l in f.defect_locations() {
            if !has_place(main, l) {
                main.locations.push(Location {
                    kind: LocationKind::Related,
                    label: format!("where {} reported it ({})", f.code, l.label),
                    ..l.clone()
                });
            }
        }
    }
    fs.into_iter()
        .zip(folded)
        .filter(|(_, gone)| !gone)
        .map(|(f, _)| f)
        .collect()
}

/// Step 4: copies on other pages and in other editions.
fn copies(fs: Vec<Finding>, pages: &BTreeMap<&str, &Page>) -> Vec<Finding> {
    let mut buckets: BTreeMap<(CheckCode, String), Vec<Finding>> = BTreeMap::new();
    for f in fs {
        buckets.entry((f.code, f.group_key())).or_default().push(f);
    }
    let locale = |path: &str| pages.get(path).map(|p| p.locale.to_string());
    let mut out = Vec::new();
    for (_, mut copies) in buckets {
        // The most severe copy, then the en-US edition's, then path order.
        copies.sort_by(|a, b| {
            let en =
                |f: &Finding| locale(f.path()).is_none_or(|l| !l.eq_ignore_ascii_case("en-US"));
            (rank(a), en(a), a.path(), a.line()).cmp(&(rank(b), en(b), b.path(), b.line()))
        });
        let mut it = copies.into_iter();
        let Some(mut main) = it.next() else { continue };
        let main_page = pages.get(main.path()).copied();
        for other in it {
            let page = pages.get(other.path()).copied();
            let label = match (main_page, page) {
                (_, _) if other.path() == main.path() => "the same mistake here".to_string(),
                (Some(a), Some(b)) if a.asset_id.eq_ignore_ascii_case(&b.asset_id) => {
                    format!("{} edition", b.locale)
                }
                (_, Some(b)) => format!("copied on `{}` ({})", b.title, b.locale),
                _ => "copied here".to_string(),
            };
            for l in other.defect_locations() {
                if !has_place(&main, l) {
                    let label = if l.kind == LocationKind::Primary {
                        label.clone()
                    } else {
                        format!("{label}: {}", l.label)
                    };
                    main.locations.push(also(l, label));
                }
            }
            for n in &other.notes {
                push_note(&mut main, n.clone());
            }
        }
        out.push(main);
    }
    out
}
