//! What each column of a table other than the port summary holds: the stage
//! between reading a table (`html`) and typing its rows (`layouts`).
//!
//! A header cell is looked up, whole, in the `columns` of the page's
//! vocabularies (`Server role`, `服务器角色`), then its English original (a
//! bilingual cell), then the column's cells decide: mostly port numbers →
//! [`Column::Port`], mostly transports and protocol names →
//! [`Column::Protocol`], mostly a transport before a port (`TCP 443`) →
//! [`Column::DestinationPort`]. So a locale whose header words no
//! vocabulary knows still reads, and the same code reads `Port | Protocol`
//! in any order and any language.

use portmatrix_i18n::SOURCE_LANGUAGE;

use super::cells::{port_cell_in, protocol_cell_in};
use super::html::{RawCell, RawTable};
use super::normalize::key;
use super::vocab::Vocabs;
use crate::model::{Column, PortScope, Protocol};

/// How a column was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// From the header cell's words (page language or English original).
    Header,
    /// From what the column's cells hold.
    Cells,
    /// Neither: [`Column::Unrecognized`].
    Not,
}

/// The column a header cell names, from the vocabularies of `locale` and
/// then from the cell's English original.
pub fn from_header(cell: &RawCell, locale: &str, vocabs: &Vocabs) -> Option<Column> {
    let look = |text: &str, locale: &str| {
        let k = key(text);
        vocabs
            .for_locale(locale)
            .iter()
            .find_map(|v| v.columns.iter().find(|(w, _)| *w == k).map(|(_, c)| *c))
    };
    look(&cell.text, locale).or_else(|| {
        cell.original
            .as_deref()
            .and_then(|o| look(o, SOURCE_LANGUAGE))
    })
}

/// The columns of a table whose header row is `raw.rows[header_idx]`, with
/// how each was found.
pub fn recognise(
    raw: &RawTable,
    header_idx: usize,
    locale: &str,
    vocabs: &Vocabs,
) -> Vec<(Column, Found)> {
    let header = &raw.rows[header_idx];
    header
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| match from_header(cell, locale, vocabs) {
            Some(c) => (c, Found::Header),
            None => match from_cells(raw, header_idx, i, locale, vocabs) {
                Some(c) => (c, Found::Cells),
                None => (Column::Unrecognized, Found::Not),
            },
        })
        .collect()
}

/// What most non-empty cells of column `i` hold, if one thing does.
fn from_cells(
    raw: &RawTable,
    header_idx: usize,
    i: usize,
    locale: &str,
    vocabs: &Vocabs,
) -> Option<Column> {
    let (mut n, mut ports, mut transport_ports, mut protocols) = (0, 0, 0, 0);
    for (r, row) in raw.rows.iter().enumerate() {
        if r == header_idx || row.in_thead {
            continue;
        }
        let Some(cell) = row.cells.get(i) else {
            continue;
        };
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        n += 1;
        if let Ok(p) = port_cell_in(text, locale, vocabs) {
            if p.scope == PortScope::Listed && p.transports.is_empty() && p.protocols.is_empty() {
                ports += 1;
            } else if !p.transports.is_empty() {
                transport_ports += 1;
            }
            continue;
        }
        let p = protocol_cell_in(text, locale, vocabs);
        let known = !p.transports.is_empty()
            || p.protocols
                .iter()
                .any(|p| !matches!(p, Protocol::Unrecognized(_)));
        let unknown = p
            .protocols
            .iter()
            .any(|p| matches!(p, Protocol::Unrecognized(_)));
        if known && !unknown {
            protocols += 1;
        }
    }
    let most = |c: usize| n > 0 && c * 2 > n;
    if most(ports) {
        Some(Column::Port)
    } else if most(transport_ports) {
        Some(Column::DestinationPort)
    } else if most(protocols) {
        Some(Column::Protocol)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> RawCell {
        RawCell {
            text: text.into(),
            ..RawCell::default()
        }
    }

    #[test]
    fn header_words_in_two_languages() {
        let v = Vocabs::embedded();
        for (text, locale, want) in [
            ("Server role", "en-US", Column::ServerRole),
            ("服务器角色", "zh-CN", Column::ServerRole),
            ("Protocol / Port", "en-US", Column::ProtocolPort),
            ("协议/端口", "zh-CN", Column::ProtocolPort),
            (
                "Authentication Requirement",
                "en-US",
                Column::Authentication,
            ),
            ("源端口", "zh-CN", Column::SourcePort),
        ] {
            assert_eq!(from_header(&cell(text), locale, v), Some(want), "{text}");
        }
        assert_eq!(from_header(&cell("Porta"), "fr-FR", v), None);
    }
}
