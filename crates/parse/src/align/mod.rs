//! Typed by alignment: the cells of a localized edition that its vocabulary
//! does not know, typed like the same place of the page's English edition.
//!
//! Every edition of a page has the same tables and rows (transport and ports
//! agree row by row); only the words differ. So when a cell holds words
//! unknown in its locale (a source or destination of kind `unrecognized` or
//! with an `unrecognized` candidate; a first column with an unknown role, or
//! unknown protocols) and the page's edition in the source language
//! ([`portmatrix_i18n::SOURCE_LANGUAGE`]) is among the pages read, the cell
//! takes the typed value of the aligned English cell:
//!
//! 1. the pages are grouped by asset id; the reference of a group is its
//!    first page in the source language ([`Registry::is_source_language`]);
//! 2. the tables of an edition are paired with the reference's by position
//!    when both have as many, else by the longest common subsequence of
//!    tables of a compatible kind with the same rows (what is left between
//!    two such tables is paired by position when the kinds are compatible);
//! 3. the rows of paired tables are matched by the longest common
//!    subsequence of their transport and ports (and protocols, where both
//!    editions know them): [`lcs`], Myers' O((N+M)·D) algorithm after the
//!    common head and tail are taken off, so editions that agree cost time
//!    linear in their rows, and pages are grouped through a hash map;
//! 4. in a matched row, an unknown cell takes the English cell's value when
//!    that value is fully known and nothing the locale's vocabulary did read
//!    in the cell contradicts it: its known candidates are among the English
//!    ones; its known role is the English one and its known protocols are,
//!    in order, among the English ones (an unknown role with a slash,
//!    `Аудио/видео/RTP/…`, reads as unknown protocols: it is taken as the
//!    English role). The cell's `unrecognized_*` warnings become one info
//!    [`Code::TypedByAlignment`] that names the English row and its value.
//!
//! A row that cannot be matched (its transport or ports differ from every
//! English row left) keeps its `Unrecognized` values and its warnings. A
//! value the vocabulary did read is never replaced, even where it differs
//! from the English edition: that is a difference between the documents (or
//! a wrong vocabulary entry), which the locale checks report. In port
//! summary tables nothing but those cells changes: table kinds, headings and
//! notes stay as read.
//!
//! Tables of the other layouts need more than their cells: their columns'
//! meanings and their kind are in their header's and heading's words. The
//! parse keeps those its words left partly unread ([`Pending`]), and
//! `reread` reads them again with the aligned English table's columns, kind
//! and rows ([`type_by_alignment_pending`]), before the pass above.
//!
//! [`learn`] turns what alignment typed into vocabulary entries for the
//! locale (`portmatrix i18n vocab`), each checked with the endpoint grammar
//! itself.
//!
//! [`lcs`]: fn@lcs
//! [`learn`]: fn@learn

use std::collections::HashMap;

use portmatrix_i18n::{Registry, Value};

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{Endpoint, EndpointKind, Page, Protocol, Role, Rule, Table, TableKind};

mod lcs;
mod learn;
mod reread;
mod words;

pub use lcs::{MAX_EDITS, lcs};
pub use learn::{Learned, Seen, learn};
pub use reread::Pending;
pub(crate) use reread::{Guide, Hint, PendingTable, left_unknown, match_rows, protocols_agree};

/// Whether an endpoint holds a phrase its vocabulary does not know.
pub fn has_unknown(e: &Endpoint) -> bool {
    e.kind == EndpointKind::Unrecognized
        || e.candidates
            .iter()
            .any(|c| c.kind == EndpointKind::Unrecognized)
}

/// For every page that is not in the source language, the index of the
/// page it is aligned with: the first page with the same asset id (case
/// aside) in the source language, if any.
pub fn references(pages: &[Page], registry: &Registry) -> Vec<Option<usize>> {
    let mut english: HashMap<String, usize> = HashMap::new();
    let mut is_source = Vec::with_capacity(pages.len());
    let mut source_of: HashMap<&str, bool> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        let s = *source_of
            .entry(p.locale.as_ref())
            .or_insert_with(|| registry.is_source_language(&p.locale));
        is_source.push(s);
        if s {
            english.entry(p.asset_id.to_ascii_lowercase()).or_insert(i);
        }
    }
    pages
        .iter()
        .zip(is_source)
        .map(|(p, s)| {
            if s {
                None
            } else {
                english.get(&p.asset_id.to_ascii_lowercase()).copied()
            }
        })
        .collect()
}

/// Tables of two editions that may describe the same interface: the same
/// kind, or one of them unclassified (its heading and rows unknown).
fn kinds_agree(a: TableKind, b: TableKind) -> bool {
    a == b || a == TableKind::Unclassified || b == TableKind::Unclassified
}

/// What two editions must share for their rows to be matched: transport
/// and ports.
fn row_key(r: &Rule) -> (crate::model::Transport, crate::model::PortRange) {
    (r.transport, r.ports)
}

/// Rows that may be the same row of two editions: the same transport and
/// ports, and the same protocols unless one of them is unknown.
fn rows_agree(a: &Rule, b: &Rule) -> bool {
    let unknown = |r: &Rule| {
        r.protocols
            .iter()
            .any(|p| matches!(p, Protocol::Unrecognized(_)))
    };
    row_key(a) == row_key(b) && (a.protocols == b.protocols || unknown(a) || unknown(b))
}

/// The tables of `page` paired with those of `reference`: (index in page,
/// index in reference).
pub fn table_pairs(page: &Page, reference: &Page) -> Vec<(usize, usize)> {
    let (a, b) = (&page.tables, &reference.tables);
    if a.len() == b.len() {
        return (0..a.len()).map(|i| (i, i)).collect();
    }
    let same = |x: &Table, y: &Table| {
        kinds_agree(x.kind, y.kind)
            && x.rules.len() == y.rules.len()
            && x.rules
                .iter()
                .zip(y.rules.iter())
                .all(|(r, s)| rows_agree(r, s))
    };
    let matches = lcs(a, b, same);
    // Between two matches, what is left is paired by position where the
    // kinds agree.
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matches
        .iter()
        .copied()
        .chain(std::iter::once((a.len(), b.len())))
    {
        for (x, y) in (i..mi).zip(j..mj) {
            if kinds_agree(a[x].kind, b[y].kind) {
                out.push((x, y));
            }
        }
        if mi < a.len() && mj < b.len() {
            out.push((mi, mj));
        }
        i = mi + 1;
        j = mj + 1;
    }
    out
}

/// The rows of two paired tables that are the same row: (index in `a`,
/// index in `b`), in order.
pub fn row_pairs(a: &Table, b: &Table) -> Vec<(usize, usize)> {
    lcs(&a.rules, &b.rules, rows_agree)
}

/// Every matched row of `page` and `reference`: (table, row) of the page,
/// then (table, row) of the reference, in page order.
pub fn matched_rows(page: &Page, reference: &Page) -> Vec<[usize; 4]> {
    let mut out = Vec::new();
    for (t, u) in table_pairs(page, reference) {
        for (r, s) in row_pairs(&page.tables[t], &reference.tables[u]) {
            out.push([t, r, u, s]);
        }
    }
    out
}

/// Whether the English value `en` may replace the locale's reading `own` of
/// the same cell: `en` is fully known, and whatever `own` did read agrees
/// with it (the same kind of list and only candidates that `en` has).
pub(crate) fn may_take(own: &Endpoint, en: &Endpoint) -> bool {
    if !has_unknown(own) || has_unknown(en) {
        return false;
    }
    match own.kind {
        EndpointKind::Unrecognized => true,
        // "X, Y or Z" with unknown items: the list may be the locale's
        // spelling of any value.
        EndpointKind::OneOf
            if own
                .candidates
                .iter()
                .all(|c| c.kind == EndpointKind::Unrecognized) =>
        {
            true
        }
        kind => {
            kind == en.kind
                && own
                    .candidates
                    .iter()
                    .filter(|c| c.kind != EndpointKind::Unrecognized)
                    .all(|c| en.candidates.contains(c))
        }
    }
}

/// An endpoint's typed value in the model's names: `access_edge
/// (public_ip)`, `any: director, front_end_pool (ip)`.
pub fn describe(e: &Endpoint) -> String {
    fn one(kind: EndpointKind, address: crate::model::Address) -> String {
        let k = kind.key().unwrap_or("?");
        match address.key() {
            Some(a) if address != crate::model::Address::Unspecified => format!("{k} ({a})"),
            _ => k.to_string(),
        }
    }
    let head = one(e.kind, e.address);
    if e.candidates.is_empty() {
        head
    } else {
        let list: Vec<String> = e
            .candidates
            .iter()
            .map(|c| one(c.kind, c.address))
            .collect();
        format!("{head}: {}", list.join(", "))
    }
}

/// The first column of a matched row, typed like the English row where it
/// holds unknown words: an unknown role, or unknown protocols (a role the
/// grammar did not recognize as one, such as `Аудио/видео/RTP/…`, reads as
/// two unknown protocols). `None` when nothing is unknown, the English row
/// has unknowns itself, or what the locale did read disagrees with it (a
/// known role that differs, known protocols that are not, in order, among
/// the English ones).
fn spec_value(own: &Rule, en: &Rule) -> Option<(Option<Role>, Vec<Protocol>)> {
    spec_parts(&own.role, &own.protocols, en)
}

/// [`spec_value`] of a first column read as `role` and `protocols`.
fn spec_parts(
    own_role: &Option<Role>,
    own_protocols: &[Protocol],
    en: &Rule,
) -> Option<(Option<Role>, Vec<Protocol>)> {
    let unknown = |p: &Protocol| matches!(p, Protocol::Unrecognized(_));
    let role_unknown = matches!(own_role, Some(Role::Unrecognized(_)));
    let protocols_unknown = own_protocols.iter().any(unknown);
    if !(role_unknown || protocols_unknown)
        || matches!(en.role, Some(Role::Unrecognized(_)))
        || en.protocols.iter().any(unknown)
    {
        return None;
    }
    // The protocols the locale did read, in order, among the English ones.
    let mut theirs = en.protocols.iter();
    if !own_protocols
        .iter()
        .filter(|p| !unknown(p))
        .all(|p| theirs.any(|q| q == p))
    {
        return None;
    }
    let leading_unknown = own_protocols.first().is_some_and(unknown);
    let role = match own_role {
        Some(Role::Unrecognized(_)) => en.role.clone(),
        // An unknown role with a slash reads as unknown protocols.
        None if leading_unknown && en.role.is_some() => en.role.clone(),
        None => None,
        Some(known) if Some(known) == en.role.as_ref() => Some(known.clone()),
        Some(_) => return None,
    };
    let protocols = if protocols_unknown {
        en.protocols.to_vec()
    } else {
        own_protocols.to_vec()
    };
    Some((role, protocols))
}

/// `role audio_video; protocols stun, msturn`.
fn describe_spec(role: Option<&Role>, protocols: &[Protocol]) -> String {
    let protocols: Vec<&str> = protocols.iter().map(|p| p.key().unwrap_or("?")).collect();
    let protocols = format!("protocols {}", protocols.join(", "));
    match role.and_then(Value::key) {
        Some(r) => format!("role {r}; {protocols}"),
        None => format!("no role; {protocols}"),
    }
}

/// What alignment types in one cell.
#[derive(Debug, Clone)]
enum Typed {
    /// The first column's role and protocols.
    Spec(Option<Role>, Vec<Protocol>),
    /// The source.
    Source(Endpoint),
    /// The destination.
    Destination(Endpoint),
}

/// One cell of a page typed by alignment: where, the value, the warnings it
/// replaces (by code, at the cell's line and text) and the message of the
/// info that replaces them.
#[derive(Debug, Clone)]
struct CellEdit {
    table: usize,
    rule: usize,
    value: Typed,
    line: u32,
    cell: crate::model::Str,
    replaces: Vec<Code>,
    message: String,
}

/// The cells of `page` that alignment with `english` types, in order.
fn cell_edits(page: &Page, english: &Page) -> Vec<CellEdit> {
    let mut out = Vec::new();
    for [t, r, u, s] in matched_rows(page, english) {
        let (rule, en) = (&page.tables[t].rules[r], &english.tables[u].rules[s]);
        let at = |cell: &crate::model::Cell| {
            format!(
                "typed like the aligned {} row at {}:{}: `{}`",
                english.locale, english.path, cell.line, cell.text
            )
        };
        if let Some((role, protocols)) = spec_value(rule, en) {
            let mut replaces = Vec::new();
            if matches!(rule.role, Some(Role::Unrecognized(_))) {
                replaces.push(Code::UnrecognizedRole);
            }
            for p in rule.protocols.iter() {
                if matches!(p, Protocol::Unrecognized(_)) {
                    replaces.push(Code::UnrecognizedProtocol);
                }
            }
            let message = format!(
                "{} = {}",
                at(&en.cells.spec),
                describe_spec(role.as_ref(), &protocols)
            );
            out.push(CellEdit {
                table: t,
                rule: r,
                value: Typed::Spec(role, protocols),
                line: rule.cells.spec.line,
                cell: rule.cells.spec.text.clone(),
                replaces,
                message,
            });
        }
        for (own, theirs, cell, en_cell, source) in [
            (
                &rule.source,
                &en.source,
                &rule.cells.source,
                &en.cells.source,
                true,
            ),
            (
                &rule.destination,
                &en.destination,
                &rule.cells.destination,
                &en.cells.destination,
                false,
            ),
        ] {
            if !may_take(own, theirs) {
                continue;
            }
            let typed = Endpoint {
                text: own.text.clone(),
                ..theirs.clone()
            };
            out.push(CellEdit {
                table: t,
                rule: r,
                value: if source {
                    Typed::Source(typed)
                } else {
                    Typed::Destination(typed)
                },
                line: cell.line,
                cell: cell.text.clone(),
                replaces: vec![Code::UnrecognizedEndpoint],
                message: format!("{} = {}", at(en_cell), describe(theirs)),
            });
        }
    }
    out
}

/// Applies `edits` (page index, edit) to `pages`: each edit's first warning
/// found in `diags` becomes its info and its other warnings are removed. An
/// edit none of whose warnings is found is not applied (every unknown cell
/// has its warning, so this does not happen with the parser's diagnostics).
fn apply(edits: Vec<(usize, CellEdit)>, pages: &mut [Page], diags: &mut Vec<Diagnostic>) {
    if edits.is_empty() {
        return;
    }
    type Place = (String, u32, Code, String);
    let mut warnings: HashMap<Place, std::collections::VecDeque<usize>> = HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        if matches!(
            d.code,
            Code::UnrecognizedEndpoint | Code::UnrecognizedRole | Code::UnrecognizedProtocol
        ) {
            let cell = d.cell.as_deref().unwrap_or("").to_string();
            warnings
                .entry((d.path.to_string(), d.line, d.code, cell))
                .or_default()
                .push_back(i);
        }
    }
    let mut removed = vec![false; diags.len()];
    // The tables whose cells alignment typed: their rows may now name the
    // Edge service their role comes from (see `crate::infer`).
    let mut touched = std::collections::BTreeSet::new();
    for (p, edit) in edits {
        touched.insert((p, edit.table));
        let page = &mut pages[p];
        let found: Vec<usize> = edit
            .replaces
            .iter()
            .filter_map(|&code| {
                warnings
                    .get_mut(&(
                        page.path.to_string(),
                        edit.line,
                        code,
                        edit.cell.to_string(),
                    ))?
                    .pop_front()
            })
            .collect();
        let Some((&first, rest)) = found.split_first() else {
            continue;
        };
        diags[first] = Diagnostic::new(
            Severity::Info,
            Code::TypedByAlignment,
            page.path.clone(),
            edit.line,
            edit.message,
        )
        .with_cell(edit.cell);
        for &i in rest {
            removed[i] = true;
        }
        let rule = &mut page.tables.to_mut()[edit.table].rules.to_mut()[edit.rule];
        match edit.value {
            Typed::Spec(role, protocols) => {
                rule.role = role;
                rule.protocols = protocols.into();
            }
            Typed::Source(e) => rule.source = e,
            Typed::Destination(e) => rule.destination = e,
        }
    }
    if removed.iter().any(|&r| r) {
        let mut i = 0;
        diags.retain(|_| {
            i += 1;
            !removed[i - 1]
        });
    }
    for (p, t) in touched {
        let page = &mut pages[p];
        let path = page.path.to_string();
        let table = &mut page.tables.to_mut()[t];
        if table.has_role_column {
            diags.extend(crate::infer::roles(&path, table.rules.to_mut()));
        }
    }
}

/// Types the unknown cells of every page that has an edition in the source
/// language among `pages` (see the [module](self)), replacing the cells'
/// `unrecognized_*` warnings in `diags` with [`Code::TypedByAlignment`]
/// infos. Deterministic: pages, tables, rows and cells in order.
pub fn type_by_alignment(pages: &mut [Page], diags: &mut Vec<Diagnostic>, registry: &Registry) {
    let refs = references(pages, registry);
    let mut edits = Vec::new();
    for (p, reference) in refs.iter().enumerate() {
        if let Some(e) = *reference {
            edits.extend(cell_edits(&pages[p], &pages[e]).into_iter().map(|c| (p, c)));
        }
    }
    apply(edits, pages, diags);
}

/// [`type_by_alignment`], first reading again, with the aligned English
/// tables, the tables of other layouts that each page's words left partly
/// unread (`pending[i]` for `pages[i]`, as [`crate::parse_file_pending`]
/// keeps them; see `reread`).
pub fn type_by_alignment_pending(
    pages: &mut [Page],
    pending: &[Pending],
    diags: &mut Vec<Diagnostic>,
    vocabs: &crate::vocab::Vocabs,
) {
    let refs = references(pages, vocabs.registry());
    let mut replaced = Vec::new();
    for (p, reference) in refs.iter().enumerate() {
        if let (Some(e), Some(kept)) = (*reference, pending.get(p))
            && !kept.is_empty()
            && e != p
        {
            // Two places of one slice: the page (mutable) and its English
            // edition.
            let (page, english) = if p < e {
                let (a, b) = pages.split_at_mut(e);
                (&mut a[p], &b[0])
            } else {
                let (a, b) = pages.split_at_mut(p);
                (&mut b[0], &a[e])
            };
            replaced.extend(reread::reread_page(page, kept, english, vocabs));
        }
    }
    reread::replace_all(diags, replaced);
    type_by_alignment(pages, diags, vocabs.registry());
}

/// [`type_page`], first reading again the page's `pending` tables with the
/// aligned English tables (see [`type_by_alignment_pending`]).
pub fn type_page_pending(
    page: &mut Page,
    diags: &mut Vec<Diagnostic>,
    pending: &Pending,
    english: &Page,
    vocabs: &crate::vocab::Vocabs,
) {
    let replaced = reread::reread_page(page, pending, english, vocabs);
    reread::replace_all(diags, replaced);
    type_page(page, diags, english);
}

/// [`type_by_alignment`] for one page, given its English edition: `diags`
/// holds the page's own diagnostics (as its parse gave them). What a
/// streaming reader calls once it has the English edition of a page.
pub fn type_page(page: &mut Page, diags: &mut Vec<Diagnostic>, english: &Page) {
    let edits = cell_edits(page, english)
        .into_iter()
        .map(|c| (0, c))
        .collect();
    apply(edits, std::slice::from_mut(page), diags);
}

/// The asset id (in lower case) and locale of the page that file `f` of
/// `source` holds, read from its front matter (and folder) as the parser
/// reads them, without reading its body; `None` when the file holds no page.
/// A reader that writes pages as it parses them (`portmatrix json -o`) uses
/// it to know, before the first page, which English editions the other
/// pages align with.
pub fn identity(source: &crate::Source, f: &std::path::Path) -> Option<(String, String)> {
    let bytes = std::fs::read(f).ok()?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let text = std::str::from_utf8(&bytes).ok()?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.contains(|c: char| c == '\0' || (c.is_control() && !c.is_whitespace())) {
        return None;
    }
    let fm = crate::frontmatter::parse(text.trim_start_matches('\u{FEFF}')).ok()??;
    let shown = crate::display_path(source, f);
    let stem = shown
        .rsplit('/')
        .next()
        .unwrap_or(&shown)
        .trim_end_matches(".md");
    let asset = fm.get("ms:assetid").unwrap_or(stem).to_ascii_lowercase();
    // In the order `parse_page` tries them.
    let locale = fm
        .get("ms.contentlocale")
        .and_then(crate::canonical_locale)
        .or_else(|| fm.get("ms:mtpsurl").and_then(crate::locale_from_url))
        .or_else(|| crate::folder_locale(f, &source.root))
        .unwrap_or_else(|| "und".to_string());
    Some((asset, locale))
}
