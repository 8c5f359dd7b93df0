//! The tables of other layouts (internal servers, load balancers, client
//! ports, IPsec, A/V firewall, SQL Server, hybrid) read again with the
//! English edition: what the locale's words did not give is taken from the
//! aligned English table.
//!
//! A port summary table is found and typed by its rows in any language, so
//! the pass of the parent module only types its unknown cells. A table of
//! another layout needs its columns' meanings first, and those are in the
//! header's words: without them a column is read from its cells (ports,
//! protocols: `columns::from_cells`), or not at all, and the table's kind is
//! `unclassified`, or the table is not read (an IPsec table whose ports all
//! say "any" in words nobody knows). So the parse keeps such tables raw
//! ([`Pending`], never in the matrix), and when the page's English edition
//! is in the run each is read again:
//!
//! 1. the page's tables (read or not) are paired with the English tables by
//!    position when both have as many, else by the longest common
//!    subsequence of tables with the same column count;
//! 2. a column whose header the words did not name takes the aligned English
//!    table's column (same column count); the kind, unless the heading's or
//!    header's words gave it, is the English table's;
//! 3. body rows are matched with the English rows ([`lcs`](super::lcs)) by
//!    what their cells give without words: transports and ports (a cell
//!    that cannot be read matches any);
//! 4. in a matched row, a cell the words did not read (a port cell that
//!    does not parse, unknown protocols, an unknown endpoint, authentication
//!    or direction) takes the English row's value, with an info
//!    `typed_by_alignment`; a value the vocabulary did read is never
//!    replaced, and a row that cannot be matched keeps its warnings (and
//!    errors).
//!
//! The table's first diagnostics are replaced by those of the new reading,
//! at the same place in the list.

use std::collections::HashMap;

use crate::cells::{port_cell_in, protocol_cell_in};
use crate::diag::{Code, Diagnostic};
use crate::html::{RawRow, RawTable};
use crate::model::{
    Column, Heading, Page, PortRange, PortScope, Protocol, Rule, SourcePorts, Table, Transport,
};
use crate::page::PageCx;
use crate::vocab::Vocabs;

use super::{kinds_agree, lcs};

/// A table of another layout kept raw by the parse: not read, or read with
/// something its words left unknown. Only pages not in the source language
/// keep any.
#[derive(Debug, Clone)]
pub(crate) struct PendingTable {
    /// Its index among the page's tables (read), or the index it would have
    /// (not read).
    pub(crate) position: usize,
    /// Whether the parse read it (it is `page.tables[position]`).
    pub(crate) read: bool,
    pub(crate) raw: RawTable,
    /// The header row (the first row of a table without one).
    pub(crate) header_idx: usize,
    /// Whether the table has no header row.
    pub(crate) headerless: bool,
    pub(crate) line: u32,
    pub(crate) heading: Option<Heading>,
    pub(crate) locale: String,
    /// The diagnostics reading it gave: replaced when it is read again.
    pub(crate) diags: Vec<Diagnostic>,
}

/// The tables of one page that alignment may read again, in page order:
/// what [`crate::parse_page_pending`] keeps beside the page. Not part of the
/// matrix (nor of the JSON): it lives from the parse to the alignment pass.
#[derive(Debug, Clone, Default)]
pub struct Pending(Vec<PendingTable>);

impl Pending {
    pub(crate) fn new(tables: Vec<PendingTable>) -> Pending {
        Pending(tables)
    }

    /// Whether no table is kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many tables are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Codes that say the words left something of a table unknown: such a
/// table is kept for alignment (errors too).
pub(crate) fn left_unknown(code: Code) -> bool {
    matches!(
        code,
        Code::UnsupportedTableLayout
            | Code::UnrecognizedColumn
            | Code::UnclassifiedTable
            | Code::UnrecognizedEndpoint
            | Code::UnrecognizedProtocol
            | Code::UnrecognizedRole
            | Code::UnrecognizedValue
            | Code::TypedFromOriginal
    )
}

/// The aligned English table a table is read again with.
pub(crate) struct Guide<'a> {
    /// The English table.
    pub(crate) table: &'a Table,
    /// Its page's path and locale, for the messages.
    pub(crate) path: &'a str,
    pub(crate) locale: &'a str,
}

impl Guide<'_> {
    /// `like the aligned en-US table at path:line`.
    pub(crate) fn table_at(&self) -> String {
        format!(
            "like the aligned {} table at {}:{}",
            self.locale, self.path, self.table.line
        )
    }
}

/// One English row (its rules share a line): the values a row matched with
/// it takes where its words say nothing.
#[derive(Debug, Clone)]
pub(crate) struct Hint {
    /// The row's first rule: endpoints, protocols, authentication, stated
    /// direction and cells are the same in all its rules.
    pub(crate) rule: Rule,
    /// The ports and ranges, in order, each once.
    pub(crate) ports: Vec<PortRange>,
    pub(crate) scope: PortScope,
    /// The transports, in order, each once.
    pub(crate) transports: Vec<Transport>,
    pub(crate) transport_inferred: bool,
    /// The source ports, in order, each once.
    pub(crate) source_ports: Vec<Option<SourcePorts>>,
    /// `typed like the aligned en-US row at path:`.
    at: String,
}

impl Hint {
    /// `typed like the aligned en-US row at path:line: `cell` = value`, the
    /// cell being the English row's cell of `column`.
    pub(crate) fn message(&self, column: Column, value: &str) -> String {
        let r = &self.rule;
        let cell = match column.field() {
            Some(crate::model::CellField::Spec) => &r.cells.spec,
            Some(crate::model::CellField::Source) => &r.cells.source,
            Some(crate::model::CellField::Destination) => &r.cells.destination,
            Some(crate::model::CellField::Note) => &r.cells.note,
            None => r
                .cells
                .other
                .iter()
                .find(|c| c.column == column)
                .map_or(&r.cells.note, |c| &c.cell),
        };
        format!("{}{}: `{}` = {value}", self.at, cell.line, cell.text)
    }
}

/// Pushes `x` unless it is there.
fn push_once<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// The rows of an English table, one [`Hint`] per source row.
fn hints(guide: &Guide) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    let mut last = None;
    for r in guide.table.rules.iter() {
        if last != Some(r.line) {
            out.push(Hint {
                rule: r.clone(),
                ports: Vec::new(),
                scope: r.port_scope,
                transports: Vec::new(),
                transport_inferred: r.transport_inferred,
                source_ports: Vec::new(),
                at: format!(
                    "typed like the aligned {} row at {}:",
                    guide.locale, guide.path
                ),
            });
            last = Some(r.line);
        }
        let h = out.last_mut().expect("pushed above");
        push_once(&mut h.ports, r.ports);
        push_once(&mut h.transports, r.transport);
        push_once(&mut h.source_ports, r.source_ports);
    }
    out
}

/// What a row's cells give without words, to match it with an English row:
/// its ports and its transports (`None`: the cells do not say, which
/// matches any).
struct Key {
    ports: Option<Vec<PortRange>>,
    transports: Option<Vec<Transport>>,
}

/// Whether two lists hold the same items.
fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

/// The [`Key`] of a body row read with `cols`; `None` for a row that gives
/// no rule whatever its words (empty, spanning, nested, short): it matches
/// no English row.
fn key(row: &RawRow, cols: &[Column], locale: &str, vocabs: &Vocabs) -> Option<Key> {
    if row.cells.len() < cols.len()
        || row.cells.iter().all(|c| c.text.trim().is_empty())
        || row.cells.iter().any(|c| c.span || c.nested_table)
    {
        return None;
    }
    let mut ports = None;
    let mut transports: Vec<Transport> = Vec::new();
    for (&col, cell) in cols.iter().zip(&row.cells) {
        if col.gives_ports() {
            let read = port_cell_in(&cell.text, locale, vocabs).ok().or_else(|| {
                cell.original
                    .as_deref()
                    .and_then(|o| port_cell_in(o, portmatrix_i18n::SOURCE_LANGUAGE, vocabs).ok())
            });
            if let Some(p) = read {
                let mut v = Vec::new();
                for r in p.ports {
                    push_once(&mut v, r);
                }
                ports = Some(v);
                for t in p.transports {
                    push_once(&mut transports, t);
                }
            }
        } else if col == Column::Protocol {
            for t in protocol_cell_in(&cell.text, locale, vocabs).transports {
                push_once(&mut transports, t);
            }
        }
    }
    Some(Key {
        ports,
        transports: (!transports.is_empty()).then_some(transports),
    })
}

/// For each body row of `raw` (as `crate::page::PageCx::body_rows` gives
/// them), the English row it is matched with, if any.
pub(crate) fn match_rows(
    rows: &[&RawRow],
    cols: &[Column],
    guide: &Guide,
    locale: &str,
    vocabs: &Vocabs,
) -> Vec<Option<Hint>> {
    let keys: Vec<Option<Key>> = rows.iter().map(|r| key(r, cols, locale, vocabs)).collect();
    let english = hints(guide);
    let agree = |k: &Option<Key>, h: &Hint| {
        k.as_ref().is_some_and(|k| {
            k.ports.as_ref().is_none_or(|p| same_set(p, &h.ports))
                && k.transports
                    .as_ref()
                    .is_none_or(|t| same_set(t, &h.transports))
        })
    };
    let mut out = vec![None; rows.len()];
    for (i, j) in lcs(&keys, &english, agree) {
        out[i] = Some(english[j].clone());
    }
    out
}

/// A page's tables, read or kept: what is paired with the English tables.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// `page.tables[i]`.
    Read(usize),
    /// A kept table the parse did not read: `pending[k]`.
    Unread(usize),
}

/// The slots of a page in document order.
fn slots(page: &Page, pending: &Pending) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut unread = pending
        .0
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.read)
        .peekable();
    for i in 0..=page.tables.len() {
        while let Some((k, _)) = unread.next_if(|(_, p)| p.position == i) {
            out.push(Slot::Unread(k));
        }
        if i < page.tables.len() {
            out.push(Slot::Read(i));
        }
    }
    out
}

/// The diagnostics of a table's first reading and those of its new one.
pub(crate) type Replaced = (Vec<Diagnostic>, Vec<Diagnostic>);

/// Reads the pending tables of `page` again with the aligned tables of
/// `english` (see the [module](self)): replaces or inserts them in `page`,
/// and gives, for each, the diagnostics to replace ([`replace_all`]).
pub(crate) fn reread_page(
    page: &mut Page,
    pending: &Pending,
    english: &Page,
    vocabs: &Vocabs,
) -> Vec<Replaced> {
    if pending.is_empty() {
        return Vec::new();
    }
    let slots = slots(page, pending);
    let pending_of: HashMap<usize, usize> = pending
        .0
        .iter()
        .enumerate()
        .filter(|(_, p)| p.read)
        .map(|(k, p)| (p.position, k))
        .collect();
    let width = |s: &Slot| match *s {
        Slot::Read(i) => page.tables[i].columns.len(),
        Slot::Unread(k) => {
            let p = &pending.0[k];
            p.raw.rows[p.header_idx].cells.len()
        }
    };
    let en = &english.tables;
    let pairs: Vec<(usize, usize)> = if slots.len() == en.len() {
        (0..slots.len()).map(|i| (i, i)).collect()
    } else {
        lcs(&slots, en, |s, e| {
            width(s) == e.columns.len()
                && match *s {
                    Slot::Read(i) => kinds_agree(page.tables[i].kind, e.kind),
                    Slot::Unread(_) => true,
                }
        })
    };
    let mut cx = PageCx {
        path: page.path.to_string(),
        diags: Vec::new(),
        vocabs,
        pending: Vec::new(),
    };
    // The new reading of each slot that is read again, and the
    // diagnostics it replaces.
    let mut new: HashMap<usize, Option<Table>> = HashMap::new();
    let mut replaced: Vec<Replaced> = Vec::new();
    for (s, u) in pairs {
        let k = match slots[s] {
            Slot::Read(i) => match pending_of.get(&i) {
                Some(&k) => k,
                None => continue,
            },
            Slot::Unread(k) => k,
        };
        let (p, e) = (&pending.0[k], &en[u]);
        if e.columns.is_empty() || e.columns.len() != width(&slots[s]) {
            continue;
        }
        let guide = Guide {
            table: e,
            path: &english.path,
            locale: &english.locale,
        };
        let mark = cx.diags.len();
        let table = cx.layout_table_with(
            &p.raw,
            p.header_idx,
            p.headerless,
            p.line,
            p.heading.as_ref(),
            &p.locale,
            Some(&guide),
        );
        let Some(table) = table else {
            // Still not read: the first reading and its diagnostics stay.
            cx.diags.truncate(mark);
            continue;
        };
        replaced.push((p.diags.clone(), cx.diags[mark..].to_vec()));
        new.insert(s, Some(table));
    }
    if new.is_empty() {
        return replaced;
    }
    let mut tables = Vec::with_capacity(slots.len());
    for (s, slot) in slots.iter().enumerate() {
        match (new.remove(&s).flatten(), *slot) {
            (Some(t), _) => tables.push(t),
            (None, Slot::Read(i)) => tables.push(page.tables[i].clone()),
            (None, Slot::Unread(_)) => {}
        }
    }
    page.tables = tables.into();
    replaced
}

/// Replaces, for each pair of `replaced`, its first diagnostics (each found
/// once, in order, in `diags`) with its new ones, at the place of the first
/// of them (at the end when none is found). One pass over `diags`, whatever
/// the number of tables: the diagnostics are found through their path,
/// line and code.
pub(crate) fn replace_all(diags: &mut Vec<Diagnostic>, replaced: Vec<Replaced>) {
    if replaced.is_empty() {
        return;
    }
    type Place = (crate::model::Str, u32, Code);
    let mut at: HashMap<Place, Vec<usize>> = HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        at.entry((d.path.clone(), d.line, d.code))
            .or_default()
            .push(i);
    }
    let mut removed = vec![false; diags.len()];
    // Where each pair's new diagnostics go: before diagnostic `i`, or at
    // the end.
    let mut before: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut at_end = Vec::new();
    for (k, (old, _)) in replaced.iter().enumerate() {
        let mut first = None;
        for d in old {
            let found = at
                .get(&(d.path.clone(), d.line, d.code))
                .and_then(|c| c.iter().copied().find(|&i| !removed[i] && diags[i] == *d));
            if let Some(i) = found {
                removed[i] = true;
                first = Some(first.map_or(i, |f: usize| f.min(i)));
            }
        }
        match first {
            Some(i) => before.entry(i).or_default().push(k),
            None => at_end.push(k),
        }
    }
    let mut new: Vec<Option<Vec<Diagnostic>>> =
        replaced.into_iter().map(|(_, n)| Some(n)).collect();
    let mut out = Vec::with_capacity(diags.len());
    for (i, d) in diags.drain(..).enumerate() {
        for &k in before.get(&i).into_iter().flatten() {
            out.extend(new[k].take().unwrap_or_default());
        }
        if !removed[i] {
            out.push(d);
        }
    }
    for k in at_end {
        out.extend(new[k].take().unwrap_or_default());
    }
    *diags = out;
}

/// Whether the English protocols `theirs` (all known) may replace a
/// protocol cell read as `own`, which holds unknown words: every protocol
/// the words did read is among them. In any order: a cell of these layouts
/// lists protocols as a set (`DCOM und Remoteprozeduraufruf (RPC)` reads
/// `RPC` first).
pub(crate) fn protocols_agree(own: &[Protocol], theirs: &[Protocol]) -> bool {
    let unknown = |p: &Protocol| matches!(p, Protocol::Unrecognized(_));
    !theirs.iter().any(unknown)
        && own
            .iter()
            .filter(|p| !unknown(p))
            .all(|p| theirs.contains(p))
}

#[cfg(test)]
mod tests {
    use crate::model::{Column, EndpointKind, KindSource, TableKind};
    use crate::vocab::Vocabs;

    const EN: &str = "---
ms:assetid: 0b0b0b0b-1111-2222-3333-444444444444
ms.contentlocale: en-US
---

### Recommended settings

<table>
<thead>
<tr><th>Rule name</th><th>Source IP</th><th>Destination IP</th><th>Protocol</th><th>Source port</th><th>Destination port</th><th>Authentication requirement</th></tr>
</thead>
<tbody>
<tr><td>Front End/inbound</td><td>Any</td><td>Front End Servers</td><td>UDP and TCP</td><td>Any</td><td>Any</td><td>Do not authenticate</td></tr>
<tr><td>Front End/outbound</td><td>Front End Servers</td><td>Any</td><td>UDP and TCP</td><td>Any</td><td>Any</td><td>Do not authenticate</td></tr>
</tbody>
</table>

### Server ports

<table>
<thead>
<tr><th>Server role</th><th>Service name</th><th>Port</th><th>Protocol</th><th>Notes</th></tr>
</thead>
<tbody>
<tr><td>Front End Servers</td><td>Front-End service</td><td>5061</td><td>TCP</td><td>SIP</td></tr>
<tr><td>Front End Servers</td><td>Front-End service</td><td>444</td><td>HTTPS</td><td>Focus</td></tr>
<tr><td>Front End Servers</td><td>Front-End service</td><td>5063</td><td>TCP</td><td>Media</td></tr>
</tbody>
</table>
";

    /// The same page in a made-up French whose words no vocabulary knows:
    /// headings, headers and cells. The server table's second row names a
    /// Director (English words the vocabulary reads, against the English
    /// edition's Front End Servers); its third row says 5062 where English
    /// says 5063.
    const FR: &str = "---
ms:assetid: 0B0B0B0B-1111-2222-3333-444444444444
ms.contentlocale: fr-FR
---

### Paramètres recommandés

<table>
<thead>
<tr><th>Nom de la règle</th><th>IP d'origine</th><th>IP de destination</th><th>Protocole</th><th>Port d'origine</th><th>Port de destination</th><th>Authentification requise</th></tr>
</thead>
<tbody>
<tr><td>Frontal/entrant</td><td>Quelconque</td><td>Serveurs frontaux</td><td>UDP et TCP</td><td>Quelconque</td><td>Quelconque</td><td>Ne pas authentifier</td></tr>
<tr><td>Frontal/sortant</td><td>Serveurs frontaux</td><td>Quelconque</td><td>UDP et TCP</td><td>Quelconque</td><td>Quelconque</td><td>Ne pas authentifier</td></tr>
</tbody>
</table>

### Ports des serveurs

<table>
<thead>
<tr><th>Rôle de serveur</th><th>Nom du service</th><th>Numéro</th><th>Protocole</th><th>Remarques</th></tr>
</thead>
<tbody>
<tr><td>Serveurs frontaux</td><td>Service frontal</td><td>5061</td><td>TCP</td><td>SIP</td></tr>
<tr><td>Director</td><td>Service frontal</td><td>444</td><td>HTTPS</td><td>Focus</td></tr>
<tr><td>Serveurs frontaux</td><td>Service frontal</td><td>5062</td><td>TCP</td><td>Média</td></tr>
</tbody>
</table>
";

    fn lines(diags: &[crate::diag::Diagnostic]) -> Vec<String> {
        diags
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}[{}] {}",
                    d.path, d.line, d.severity, d.code, d.message
                )
            })
            .collect()
    }

    #[test]
    fn a_made_up_locale_beside_its_english_tables() {
        let v = Vocabs::embedded();
        // Alone: the IPsec table's ports all say "any" in words nobody
        // knows, so it is not read; the server table is read by its cells
        // (a port column, a protocol column), its kind unknown.
        let fr = crate::parse_page_pending("fr.md", FR.as_bytes(), None, v);
        let page = fr.page.clone().unwrap();
        assert_eq!(fr.pending.len(), 2);
        assert_eq!(page.tables.len(), 1);
        assert_eq!(page.tables[0].kind, TableKind::Unclassified);
        assert_eq!(
            lines(&fr.diags),
            [
                "fr.md:8 warning[unsupported_table_layout] table layout `Nom de la règle | IP d'origine | IP de destination | Protocole | Port d'origine | Port de destination | Authentification requise` is not a port summary table; not read",
                "fr.md:22 warning[unrecognized_column] header `Rôle de serveur` is no column the vocabularies of fr-FR know; its cells are kept as written",
                "fr.md:22 warning[unrecognized_column] header `Nom du service` is no column the vocabularies of fr-FR know; its cells are kept as written",
                "fr.md:22 info[typed_from_original] header not known; the column's cells read as Port",
                "fr.md:22 info[typed_from_original] header not known; the column's cells read as Protocol",
                "fr.md:22 warning[unrecognized_column] header `Remarques` is no column the vocabularies of fr-FR know; its cells are kept as written",
                "fr.md:20 warning[unclassified_table] neither the heading nor the columns tell what this table describes",
                "fr.md:26 info[transport_inferred] no transport written; TCP inferred (the protocol runs over TCP only)",
            ]
        );

        // Beside the English page.
        let en = crate::parse_page_pending("en.md", EN.as_bytes(), None, v);
        assert!(en.pending.is_empty());
        assert_eq!(
            lines(&en.diags),
            [
                "en.md:26 info[transport_inferred] no transport written; TCP inferred (the protocol runs over TCP only)"
            ]
        );
        let mut diags = fr.diags.clone();
        diags.extend(en.diags.clone());
        let m = crate::finish_pending(
            vec![page, en.page.clone().unwrap()],
            vec![fr.pending, en.pending],
            diags,
            v,
        );
        let (fr, en) = (&m.pages[0], &m.pages[1]);
        assert_eq!(fr.tables.len(), 2);
        for (t, e) in fr.tables.iter().zip(en.tables.iter()) {
            assert_eq!((t.kind, &t.columns), (e.kind, &e.columns));
            assert_eq!(t.kind_source, KindSource::Columns);
        }
        assert_eq!(fr.tables[0].kind, TableKind::IpsecExceptions);
        assert_eq!(fr.tables[1].columns[0], Column::ServerRole);
        // Every IPsec rule typed like the English one (UDP and TCP: two
        // rules a row).
        let (a, b) = (&fr.tables[0].rules, &en.tables[0].rules);
        assert_eq!(a.len(), 4);
        for (x, y) in a.iter().zip(b.iter()) {
            assert_eq!(x.typed(), y.typed());
        }
        assert_eq!(a[0].destination.text, "Serveurs frontaux");
        // The server table: row 1 like English; row 2 keeps the Director
        // its words read; row 3 (5062) matches no English row.
        let (a, b) = (&fr.tables[1].rules, &en.tables[1].rules);
        assert_eq!(a[0].typed(), b[0].typed());
        assert_eq!(a[1].destination.kind, EndpointKind::Director);
        assert_eq!(a[2].destination.kind, EndpointKind::Unrecognized);
        assert_eq!(
            lines(&m.diagnostics),
            [
                "fr.md:8 info[typed_by_alignment] table kind `ipsec_exceptions`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 1 read as `rule_name`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 2 read as `source`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 3 read as `destination`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 4 read as `protocol`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 5 read as `source_port`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 6 read as `destination_port`, like the aligned en-US table at en.md:8",
                "fr.md:10 info[typed_by_alignment] column 7 read as `authentication`, like the aligned en-US table at en.md:8",
                "fr.md:13 info[typed_by_alignment] typed like the aligned en-US row at en.md:13: `Any` = any",
                "fr.md:13 info[typed_by_alignment] typed like the aligned en-US row at en.md:13: `Front End Servers` = front_end_server",
                "fr.md:13 info[typed_by_alignment] typed like the aligned en-US row at en.md:13: `Any` = ports 1-65535 (any)",
                "fr.md:13 info[typed_by_alignment] typed like the aligned en-US row at en.md:13: `Any` = ports 1-65535 (any)",
                "fr.md:13 info[typed_by_alignment] typed like the aligned en-US row at en.md:13: `Do not authenticate` = not_required",
                // `UDP et TCP`: the transports read, the unknown `ET` is
                // no protocol of the English row.
                "fr.md:13 info[typed_by_alignment] typed like the aligned en-US row at en.md:13: `UDP and TCP` = protocols none",
                "fr.md:14 info[typed_by_alignment] typed like the aligned en-US row at en.md:14: `Front End Servers` = front_end_server",
                "fr.md:14 info[typed_by_alignment] typed like the aligned en-US row at en.md:14: `Any` = any",
                "fr.md:14 info[typed_by_alignment] typed like the aligned en-US row at en.md:14: `Any` = ports 1-65535 (any)",
                "fr.md:14 info[typed_by_alignment] typed like the aligned en-US row at en.md:14: `Any` = ports 1-65535 (any)",
                "fr.md:14 info[typed_by_alignment] typed like the aligned en-US row at en.md:14: `Do not authenticate` = not_required",
                "fr.md:14 info[typed_by_alignment] typed like the aligned en-US row at en.md:14: `UDP and TCP` = protocols none",
                "fr.md:20 info[typed_by_alignment] table kind `internal_servers`, like the aligned en-US table at en.md:20",
                "fr.md:22 info[typed_by_alignment] column 1 read as `server_role`, like the aligned en-US table at en.md:20",
                "fr.md:22 info[typed_by_alignment] column 2 read as `service`, like the aligned en-US table at en.md:20",
                "fr.md:22 info[typed_from_original] header not known; the column's cells read as Port",
                "fr.md:22 info[typed_from_original] header not known; the column's cells read as Protocol",
                "fr.md:22 info[typed_by_alignment] column 5 read as `notes`, like the aligned en-US table at en.md:20",
                "fr.md:25 info[typed_by_alignment] typed like the aligned en-US row at en.md:25: `Front End Servers` = front_end_server",
                // Row 2: `Director` read by the words, not replaced.
                "fr.md:26 info[transport_inferred] no transport written; TCP inferred (the protocol runs over TCP only)",
                // Row 3: 5062, no English row to match.
                "fr.md:27 warning[unrecognized_endpoint] unknown endpoint `Serveurs frontaux`",
                "en.md:26 info[transport_inferred] no transport written; TCP inferred (the protocol runs over TCP only)",
            ]
        );
    }
}
