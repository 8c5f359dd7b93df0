//! Rows a table gives twice in a row: a block of rows copied again below
//! itself (the zh-CN hybrid page gives its seven rows, then the same seven
//! again). One defect, whatever the layout: `duplicate_rule` reports the
//! block once, and the locale checks leave its rows out of the alignment.

use std::collections::HashMap;

use crate::model::{PortRange, Rule, Table, Transport};

/// A block of rows given twice: rows `first .. first + len` are repeated as
/// rows `again .. again + len` (0-based row indices; a row is the rules
/// that share a line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Repeat {
    pub first: usize,
    pub again: usize,
    pub len: usize,
}

/// The table's rows: its rules grouped by line, in order.
pub(super) fn rows(table: &Table) -> Vec<Vec<&Rule>> {
    let mut out: Vec<Vec<&Rule>> = Vec::new();
    for r in table.rules.iter() {
        match out.last_mut() {
            Some(row) if row[0].line == r.line => row.push(r),
            _ => out.push(vec![r]),
        }
    }
    out
}

/// Two rows are the same when their rules are, typed and as written (the
/// notes too): a copy, not two rows that happen to open the same port.
fn same(a: &[&Rule], b: &[&Rule]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.typed() == y.typed()
                && x.cells.spec.text == y.cells.spec.text
                && x.cells.source.text == y.cells.source.text
                && x.cells.destination.text == y.cells.destination.text
                && x.note == y.note
        })
}

/// What of a row is hashed: its cells as written, its transport and ports.
/// Rows that are [`same`] have the same key; rows with the same key are
/// then told apart by [`same`] (the typed values are not hashable).
type RowKey<'a> = Vec<(&'a str, &'a str, &'a str, &'a str, Transport, PortRange)>;

fn row_key<'a>(row: &[&'a Rule]) -> RowKey<'a> {
    row.iter()
        .map(|r| {
            (
                r.cells.spec.text.as_ref(),
                r.cells.source.text.as_ref(),
                r.cells.destination.text.as_ref(),
                r.note.as_ref(),
                r.transport,
                r.ports,
            )
        })
        .collect()
}

/// Each row's id: rows with the same id are [`same`], rows with different
/// ids are not. Hashed, so that telling the copies apart takes one look-up
/// per row instead of a comparison with every earlier row.
fn ids(rows: &[Vec<&Rule>]) -> Vec<usize> {
    // key -> the first row of each id with that key, and the id.
    let mut index: HashMap<RowKey, Vec<(usize, usize)>> = HashMap::new();
    let mut next = 0;
    rows.iter()
        .enumerate()
        .map(|(k, row)| {
            let firsts = index.entry(row_key(row)).or_default();
            match firsts.iter().find(|(f, _)| same(&rows[*f], row)) {
                Some(&(_, id)) => id,
                None => {
                    firsts.push((k, next));
                    next += 1;
                    next - 1
                }
            }
        })
        .collect()
}

/// The blocks of at least two rows that the table repeats right after or
/// below their first occurrence, longest first at each place, in row order.
/// A single repeated row, even many times over, is a plain duplicate
/// (`duplicate_rule`'s pairs).
///
/// Rows are compared by id ([`ids`]), and a block starting at row `j` can
/// only be the copy of one starting at an earlier row with `j`'s id: only
/// those are tried (a table without copies tries none).
pub(super) fn repeats(table: &Table) -> Vec<Repeat> {
    let id = ids(&rows(table));
    let n = id.len();
    // The rows of each id, in order, and where each row's run of equal rows
    // ends: a block is varied (holds two rows that differ) when it runs past
    // the run of its first row.
    let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, &x) in id.iter().enumerate() {
        at.entry(x).or_default().push(k);
    }
    let mut run_end = vec![n; n];
    for k in (0..n.saturating_sub(1)).rev() {
        run_end[k] = if id[k + 1] == id[k] {
            run_end[k + 1]
        } else {
            k + 1
        };
    }
    let mut out = Vec::new();
    let mut j = 1;
    while j < n {
        let mut best: Option<Repeat> = None;
        for &i in at[&id[j]].iter().take_while(|&&i| i < j) {
            let mut len = 0;
            while j + len < n && i + len < j && id[i + len] == id[j + len] {
                len += 1;
            }
            // A block of one row given many times (`A A A A`) is not a
            // repeated block but one row's duplicates: `duplicate_rule`'s
            // pairs report it as one finding. A block holds two rows that
            // differ.
            let varied = i + len > run_end[i];
            if len >= 2 && best.is_none_or(|b| len > b.len) && varied {
                best = Some(Repeat {
                    first: i,
                    again: j,
                    len,
                });
            }
        }
        match best {
            Some(b) => {
                out.push(b);
                j += b.len;
            }
            None => j += 1,
        }
    }
    out
}

/// The lines of the rows in the second copy of a repeated block.
pub(super) fn repeated_lines(table: &Table) -> Vec<u32> {
    let rows = rows(table);
    repeats(table)
        .iter()
        .flat_map(|b| (b.again..b.again + b.len).map(|k| rows[k][0].line))
        .collect::<Vec<_>>()
}
