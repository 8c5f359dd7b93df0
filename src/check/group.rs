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
//!
//! Every step works in place, on the one list of findings: the raw findings
//! of a large tree are held whole until grouped (88,000 at 10,000 pages),
//! and moving them into maps of lists, step after step, held them two and
//! three times over (issue 14).

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

/// A finding's places (path and line) and notes, as sets: a defect copied
/// k times is folded k times, and scanning the finding's lists each time
/// made grouping quadratic in the copies. They are made on the first fold:
/// most findings are never folded into, and indexing every location of
/// every finding was most of the grouping's time.
type Sets = (HashSet<(Str, u32)>, HashSet<Note>);

/// A finding being folded into, with its [`Sets`] (made on first use).
struct Folding<'a> {
    finding: &'a mut Finding,
    sets: &'a mut Option<Sets>,
}

impl Folding<'_> {
    /// The places and notes, indexed on first use.
    fn sets(&mut self) -> &mut Sets {
        let f = &*self.finding;
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

/// `fs[into]` to fold into and `fs[from]` to read, both at once.
fn pair(fs: &mut [Finding], into: usize, from: usize) -> (&mut Finding, &Finding) {
    assert_ne!(into, from, "a finding is not folded into itself");
    if into < from {
        let (a, b) = fs.split_at_mut(from);
        (&mut a[into], &b[0])
    } else {
        let (a, b) = fs.split_at_mut(into);
        (&mut b[0], &a[from])
    }
}

/// Keeps the findings whose flag is set, in order.
fn keep(fs: &mut Vec<Finding>, kept: &[bool]) {
    let mut i = 0;
    fs.retain(|_| {
        i += 1;
        kept[i - 1]
    });
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

/// Step 1: rows of one table with the same mistake. The findings come out
/// sorted by path, line and code (what step 2 relies on).
fn same_rows(mut fs: Vec<Finding>) -> Vec<Finding> {
    fs.sort_by(|a, b| (a.path(), a.line(), a.code).cmp(&(b.path(), b.line(), b.code)));
    // The group of each table's mistake: the finding it is folded into
    // and how many rows it has.
    let mut index: BTreeMap<(CheckCode, Str, u32, Str), (usize, usize)> = BTreeMap::new();
    let mut kept = vec![true; fs.len()];
    for r in 0..fs.len() {
        let Some(g) = &fs[r].hints.rows else {
            continue;
        };
        let key = (fs[r].code, fs[r].path_str(), g.table, g.key.clone());
        match index.get_mut(&key) {
            Some((i, n)) => {
                *n += 1;
                kept[r] = false;
                let (main, f) = pair(&mut fs, *i, r);
                if let Some(l) = f.locations.first() {
                    main.locations
                        .push(also(l, shared("the same mistake in this row")));
                }
            }
            None => {
                index.insert(key, (r, 1));
            }
        }
    }
    // The group's message is the first row's template, so that every copy
    // of the table (other pages, editions) says the same.
    for (i, n) in index.values() {
        if *n > 1 {
            let f = &mut fs[*i];
            if let Some(g) = &f.hints.rows {
                f.message = shared(g.message.replace("{n}", &n.to_string()));
            }
        }
    }
    keep(&mut fs, &kept);
    fs
}

/// Step 2: checks that fire at the same place. The findings are sorted by
/// place (step 1), so the findings of a place are side by side.
fn same_place(mut fs: Vec<Finding>) -> Vec<Finding> {
    let place = |f: &Finding| (f.path_str(), f.line());
    debug_assert!(fs.windows(2).all(|w| place(&w[0]) <= place(&w[1])));
    let mut kept = vec![false; fs.len()];
    let mut start = 0;
    while start < fs.len() {
        let here = place(&fs[start]);
        let end = start + fs[start..].iter().take_while(|f| place(f) == here).count();
        // The most severe check's finding, then the first in the registry.
        fs[start..end].sort_by_key(rank);
        kept[start] = true;
        let (main, others) = fs[start..end].split_at_mut(1);
        let mut sets = None;
        let mut main = Folding {
            finding: &mut main[0],
            sets: &mut sets,
        };
        for other in others.iter() {
            for n in as_notes(other) {
                main.push_note(n);
            }
            for l in other.locations.iter().skip(1) {
                if !main.has_place(l) {
                    main.push_location(l.clone());
                }
            }
        }
        start = end;
    }
    keep(&mut fs, &kept);
    fs
}

/// Step 3: a finding caused by another finding's row.
fn caused(mut fs: Vec<Finding>) -> Vec<Finding> {
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
    // A finding folded away is gone: folding it again, or into it, does
    // nothing (neither happens: a target is never folded before its
    // finding is).
    let mut kept = vec![true; fs.len()];
    let mut sets: HashMap<usize, Option<Sets>> = HashMap::new();
    for (i, j) in targets {
        if !kept[i] {
            continue;
        }
        kept[i] = false;
        if !kept[j] {
            continue;
        }
        let (main, f) = pair(&mut fs, j, i);
        let mut main = Folding {
            finding: main,
            sets: sets.entry(j).or_default(),
        };
        for n in as_notes(f) {
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
    drop(sets);
    keep(&mut fs, &kept);
    fs
}

/// Step 4: copies on other pages and in other editions. The result is in
/// the order of the copies' (code, key), each group at its main copy.
fn copies(mut fs: Vec<Finding>, pages: &BTreeMap<&str, &Page>) -> Vec<Finding> {
    let keys: Vec<(CheckCode, Str)> = fs.iter().map(|f| (f.code, f.group_key())).collect();
    // The findings by (code, key), in order within a key (a stable sort).
    let mut order: Vec<usize> = (0..fs.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let locale = |path: &str| pages.get(path).map(|p| p.locale.as_str());
    let mut mains = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let key = &keys[order[start]];
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| keys[i] == *key)
                .count();
        let copies = &mut order[start..end];
        // The most severe copy, then the en-US edition's, then path order.
        copies.sort_by(|&a, &b| {
            let en =
                |f: &Finding| locale(f.path()).is_none_or(|l| !l.eq_ignore_ascii_case("en-US"));
            let (a, b) = (&fs[a], &fs[b]);
            (rank(a), en(a), a.path(), a.line()).cmp(&(rank(b), en(b), b.path(), b.line()))
        });
        let main_at = copies[0];
        mains.push(main_at);
        let main_page = pages.get(fs[main_at].path()).copied();
        let mut sets = None;
        for &o in &copies[1..] {
            let (main, other) = pair(&mut fs, main_at, o);
            let mut main = Folding {
                finding: main,
                sets: &mut sets,
            };
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
        start = end;
    }
    drop(keys);
    // The main copies, in the order of their keys.
    let mut at = vec![usize::MAX; fs.len()];
    for (k, &i) in mains.iter().enumerate() {
        at[i] = k;
    }
    let mut kept: Vec<(usize, Finding)> = fs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| at[*i] != usize::MAX)
        .map(|(i, f)| (at[i], f))
        .collect();
    kept.sort_by_key(|(k, _)| *k);
    kept.into_iter().map(|(_, f)| f).collect()
}
