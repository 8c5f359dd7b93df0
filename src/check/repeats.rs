//! Rows a table gives twice in a row: a block of rows copied again below
//! itself (the zh-CN hybrid page gives its seven rows, then the same seven
//! again). One defect, whatever the layout: `duplicate_rule` reports the
//! block once, and the locale checks leave its rows out of the alignment.

use crate::model::{Rule, Table};

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

/// The blocks of at least two rows that the table repeats right after or
/// below their first occurrence, longest first at each place, in row order.
/// A single repeated row, even many times over, is a plain duplicate
/// (`duplicate_rule`'s pairs).
pub(super) fn repeats(table: &Table) -> Vec<Repeat> {
    let rows = rows(table);
    let n = rows.len();
    let mut out = Vec::new();
    let mut j = 1;
    while j < n {
        let mut best: Option<Repeat> = None;
        for i in 0..j {
            let mut len = 0;
            while j + len < n && i + len < j && same(&rows[i + len], &rows[j + len]) {
                len += 1;
            }
            // A block of one row given many times (`A A A A`) is not a
            // repeated block but one row's duplicates: `duplicate_rule`'s
            // pairs report it as one finding. A block holds two rows that
            // differ.
            let varied = || (1..len).any(|x| !same(&rows[i], &rows[i + x]));
            if len >= 2 && best.is_none_or(|b| len > b.len) && varied() {
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
