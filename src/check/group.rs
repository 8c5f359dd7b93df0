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

use std::collections::{BTreeMap, HashMap, HashSet};

use super::finding::{Level, Location, LocationKind, Note};
use super::texts::shared;
use super::{CheckCode, Finding};
use crate::model::{Matrix, Page, Str};

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
fn also(l: &Location, label: Str) -> Location {
    Location {
        kind: LocationKind::Also,
        label,
        ..l.clone()
    }
}

/// A finding being folded into, with the places and notes it has as sets:
/// a defect copied k times is folded k times, and scanning the finding's
/// lists each time made grouping quadratic in the copies. The sets are made
/// on the first fold: most findings are never folded into, and indexing
/// every location of every finding was most of the grouping's time.
struct Folding {
    finding: Finding,
    sets: Option<Sets>,
}

/// A finding's places (path and line) and notes, as sets.
type Sets = (HashSet<(Str, u32)>, HashSet<Note>);

impl Folding {
    fn new(finding: Finding) -> Folding {
        Folding {
            finding,
            sets: None,
        }
    }

    /// The places and notes, indexed on first use.
    fn sets(&mut self) -> &mut Sets {
        let f = &self.finding;
        self.sets.get_or_insert_with(|| {
            let places = f
                .locations
                .iter()
                .map(|l| (l.path.clone(), l.line))
                .collect();
            let notes = f.notes.iter().cloned().collect();
            (places, notes)
        })
    }

    /// Whether the finding has a location at `l`'s place (path and line).
    fn has_place(&mut self, l: &Location) -> bool {
        self.sets().0.contains(&(l.path.clone(), l.line))
    }

    /// Adds a location (the caller checked its place with `has_place`).
    fn push_location(&mut self, l: Location) {
        self.sets().0.insert((l.path.clone(), l.line));
        self.finding.locations.push(l);
    }

    /// Adds a note unless the finding has it already.
    fn push_note(&mut self, n: Note) {
        if self.sets().1.insert(n.clone()) {
            self.finding.notes.push(n);
        }
    }
}

/// The notes a finding becomes when folded into another: its own, then the
/// ones it carried.
fn as_notes(f: &Finding) -> Vec<Note> {
    let mut v = vec![Note {
        code: f.code,
        message: f.message.clone(),
        path: f.path_str(),
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
                        .push(also(l, shared("the same mistake in this row")));
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
                f.message = shared(g.message.replace("{n}", &n.to_string()));
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
        let Some(main) = it.next() else { continue };
        let mut main = Folding::new(main);
        for other in it {
            for n in as_notes(&other) {
                main.push_note(n);
            }
            for l in other.locations.iter().skip(1) {
                if !main.has_place(l) {
                    main.push_location(l.clone());
                }
            }
        }
        out.push(main.finding);
    }
    out
}

/// Step 3: a finding caused by another finding's row.
fn caused(fs: Vec<Finding>) -> Vec<Finding> {
    // Which findings have a defect at each place, in finding order: a cause
    // is looked up, not searched for among every finding. Folding adds only
    // related locations, so the index stays right.
    let mut at: HashMap<(&str, u32), Vec<usize>> = HashMap::new();
    for (j, f) in fs.iter().enumerate() {
        for l in f.defect_locations() {
            let v = at.entry((l.path.as_str(), l.line)).or_default();
            if v.last() != Some(&j) {
                v.push(j);
            }
        }
    }
    let mut targets: Vec<(usize, usize)> = Vec::new();
    let mut folded = vec![false; fs.len()];
    for i in 0..fs.len() {
        // The first finding (in order) at one of the causes that is at
        // least as severe and not folded itself.
        let target = fs[i]
            .hints
            .causes
            .iter()
            .filter_map(|(p, line)| at.get(&(p.as_str(), *line)))
            .flat_map(|js| {
                js.iter()
                    .copied()
                    .find(|&j| j != i && !folded[j] && fs[j].level() <= fs[i].level())
            })
            .min();
        let Some(j) = target else { continue };
        folded[i] = true;
        targets.push((i, j));
    }
    drop(at);
    let mut fs: Vec<Option<Folding>> = fs.into_iter().map(|f| Some(Folding::new(f))).collect();
    for (i, j) in targets {
        let Some(f) = fs[i].take() else { continue };
        let f = f.finding;
        let Some(main) = fs[j].as_mut() else { continue };
        for n in as_notes(&f) {
            main.push_note(n);
        }
        for l in f.defect_locations() {
            if !main.has_place(l) {
                main.push_location(Location {
                    kind: LocationKind::Related,
                    label: shared(format!("where {} reported it ({})", f.code, l.label)),
                    ..l.clone()
                });
            }
        }
    }
    fs.into_iter().flatten().map(|f| f.finding).collect()
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
        let Some(main) = it.next() else { continue };
        let mut main = Folding::new(main);
        let main_page = pages.get(main.finding.path()).copied();
        for other in it {
            let page = pages.get(other.path()).copied();
            let label = match (main_page, page) {
                (_, _) if other.path() == main.finding.path() => shared("the same mistake here"),
                (Some(a), Some(b)) if a.asset_id.eq_ignore_ascii_case(&b.asset_id) => {
                    shared(format!("{} edition", b.locale))
                }
                (_, Some(b)) => shared(format!("copied on `{}` ({})", b.title, b.locale)),
                _ => shared("copied here"),
            };
            for l in other.defect_locations() {
                if !main.has_place(l) {
                    let label = if l.kind == LocationKind::Primary {
                        label.clone()
                    } else {
                        shared(format!("{label}: {}", l.label))
                    };
                    main.push_location(also(l, label));
                }
            }
            for n in &other.notes {
                main.push_note(n.clone());
            }
        }
        out.push(main.finding);
    }
    out
}
