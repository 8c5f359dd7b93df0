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
//! a wrong vocabulary entry), which the locale checks report. Nothing but
//! those cells changes: table kinds, headings and notes stay as read.
//!
//! [`learn`] turns what alignment typed into vocabulary entries for the
//! locale (`portmatrix i18n vocab`), each checked with the endpoint grammar
//! itself.

use std::collections::{BTreeMap, HashMap};

use portmatrix_i18n::{Registry, Value};

use crate::endpoint;
use crate::normalize::key;
use crate::vocab::{Index, Vocabs};

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{
    Candidate, Endpoint, EndpointKind, Page, Protocol, Role, Rule, Table, TableKind,
};

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

/// The longest common subsequence of `a` and `b` under `eq`, as pairs of
/// indices in order: the common head and tail first, then Myers' greedy
/// algorithm on what is left (time O((N+M)·D) for D differences). When the
/// two differ in more than [`MAX_EDITS`] places, only the head and tail are
/// matched (such sequences are not editions of one table).
pub fn lcs<A, B>(a: &[A], b: &[B], eq: impl Fn(&A, &B) -> bool) -> Vec<(usize, usize)> {
    let head = a.iter().zip(b).take_while(|(x, y)| eq(x, y)).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| eq(x, y))
        .count();
    let (n, m) = (a.len() - head - tail, b.len() - head - tail);
    let mut out: Vec<(usize, usize)> = (0..head).map(|i| (i, i)).collect();
    let middle = myers(n, m, |i, j| eq(&a[head + i], &b[head + j]));
    out.extend(middle.into_iter().map(|(i, j)| (head + i, head + j)));
    out.extend((0..tail).map(|k| (a.len() - tail + k, b.len() - tail + k)));
    out
}

/// More differences than this between two sequences and [`lcs`] gives up
/// on their middle part.
pub const MAX_EDITS: usize = 1000;

/// Myers' shortest edit script between sequences of lengths `n` and `m`, as
/// the matched pairs (empty when it needs more than [`MAX_EDITS`] edits).
fn myers(n: usize, m: usize, eq: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let max = (n + m).min(MAX_EDITS);
    let off = max as isize + 1;
    let width = 2 * max + 3;
    let mut v = vec![0isize; width];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let (n_i, m_i) = (n as isize, m as isize);
    let mut found = None;
    'outer: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n_i && y < m_i && eq(x as usize, y as usize) {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n_i && y >= m_i {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let Some(dmax) = found else {
        return Vec::new();
    };
    // Walk back through the saved frontiers.
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n_i, m_i);
    for d in (1..=dmax).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = (k + off) as usize;
        let prev_k = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[(prev_k + off) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    pairs
}

/// Whether the English value `en` may replace the locale's reading `own` of
/// the same cell: `en` is fully known, and whatever `own` did read agrees
/// with it (the same kind of list and only candidates that `en` has).
fn may_take(own: &Endpoint, en: &Endpoint) -> bool {
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
    for (p, edit) in edits {
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

/// Where a learned word was seen: a cell of the locale's pages and the
/// English cell it was aligned with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seen {
    /// The page, as the matrix names it.
    pub path: String,
    /// The cell's line.
    pub line: u32,
    /// The cell as written.
    pub cell: String,
    /// The aligned English cell: `path:line` and its text.
    pub english: String,
}

/// What alignment learned for one locale: vocabulary entries, each with
/// the cells it was learned from. Phrases are in the form the parser
/// matches on ([`crate::normalize::key`]: lower case, compatibility
/// characters folded), so a vocabulary file that lists them reads them
/// back exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learned {
    /// The locale (as given).
    pub locale: String,
    /// Words for "Any".
    pub any: Vec<(String, Vec<Seen>)>,
    /// "can be defined as".
    pub defined_as: Vec<(String, Vec<Seen>)>,
    /// List separators ("or").
    pub or: Vec<(String, Vec<Seen>)>,
    /// Role names.
    pub roles: Vec<(String, Role, Vec<Seen>)>,
    /// Endpoint phrases with their kind and address.
    pub endpoints: Vec<(String, EndpointKind, crate::model::Address, Vec<Seen>)>,
    /// Cells alignment typed that the learned words still do not type like
    /// the English cell (a list whose items could not be told apart, words
    /// in an order the grammar does not read): the cell's phrase, the
    /// English value, where. For a person to write by hand.
    pub not_learned: Vec<(String, String, Vec<Seen>)>,
}

impl Learned {
    /// The number of entries learned (words, roles and endpoints).
    pub fn entries(&self) -> usize {
        self.any.len()
            + self.defined_as.len()
            + self.or.len()
            + self.roles.len()
            + self.endpoints.len()
    }

    /// The entries as a vocabulary file (the format of
    /// `i18n/<locale>/vocabulary.toml`), each after comments that say where
    /// it was learned (up to three cells, and how many in all); the cells
    /// not learned are listed at the end, as comments. For a person to
    /// review, then to copy into the locale's vocabulary.
    pub fn to_toml(&self, english: &str) -> String {
        let l = &self.locale;
        let mut out = format!(
            "# {l}: words learned by alignment with the {english} editions of the same\n\
             # pages (`portmatrix i18n vocab --locale {l}`), none of them in the {l}\n\
             # vocabulary yet. Each entry follows the cells it was learned from, each\n\
             # with the {english} cell it was aligned with. Review every entry: a\n\
             # phrase is learned from a whole cell, or from a list split where the\n\
             # grammar splits it and paired with the {english} items in order, so it\n\
             # may be longer than the words it stands for or stand for the wrong\n\
             # item. Phrases are in the parser's normalized form (lower case).\n\
             # Then add the entries to i18n/{l}/vocabulary.toml (or to the folder of\n\
             # {l} that you pass with --i18n).\n"
        );
        let words = [
            ("any", &self.any),
            ("defined_as", &self.defined_as),
            ("or", &self.or),
        ];
        for (name, list) in words {
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{name} = [\n"));
            for (w, seen) in list {
                comments(&mut out, seen);
                out.push_str(&format!("  {},\n", quoted(w)));
            }
            out.push_str("]\n");
        }
        if !self.roles.is_empty() {
            out.push_str("\nroles = [\n");
            for (phrase, role, seen) in &self.roles {
                comments(&mut out, seen);
                out.push_str(&format!(
                    "  {{ phrase = {}, role = \"{}\" }},\n",
                    quoted(phrase),
                    role.key().unwrap_or("?")
                ));
            }
            out.push_str("]\n");
        }
        if !self.endpoints.is_empty() {
            out.push_str("\nendpoints = [\n");
            for (phrase, kind, address, seen) in &self.endpoints {
                comments(&mut out, seen);
                let address = match address.key() {
                    Some(a) if *address != crate::model::Address::Unspecified => {
                        format!(", address = \"{a}\"")
                    }
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "  {{ phrase = {}, kind = \"{}\"{address} }},\n",
                    quoted(phrase),
                    kind.key().unwrap_or("?")
                ));
            }
            out.push_str("]\n");
        }
        if !self.not_learned.is_empty() {
            out.push_str(&format!(
                "\n# Not learned: cells that the words above still do not type like the\n\
                 # {english} edition. Write their words by hand (the value wanted is\n\
                 # after `=`).\n"
            ));
            for (phrase, value, seen) in &self.not_learned {
                out.push_str(&format!("#\n# `{phrase}` = {value}\n"));
                comments(&mut out, seen);
            }
        }
        out
    }
}

/// `  # path:line: `cell` ← english` for up to three cells, then how many.
fn comments(out: &mut String, seen: &[Seen]) {
    let indent = if out.ends_with("[\n") || out.ends_with("},\n") || out.ends_with("\",\n") {
        "  "
    } else {
        ""
    };
    for s in seen.iter().take(3) {
        let line = if s.english.is_empty() {
            format!("{}:{}: `{}`", s.path, s.line, s.cell)
        } else {
            format!("{}:{}: `{}` ← {}", s.path, s.line, s.cell, s.english)
        };
        // A comment is one line.
        out.push_str(&format!("{indent}# {}\n", line.replace(['\n', '\r'], " ")));
    }
    if seen.len() > 3 {
        out.push_str(&format!("{indent}# … {} cells in all\n", seen.len()));
    }
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A cell to type: its phrase (key form), the value it must get, how often
/// it occurs, whether alignment typed it (else the locale's words already
/// do, and learning must not change that), and where it was seen.
#[derive(Debug, Clone)]
struct Target {
    text: String,
    value: Endpoint,
    weight: usize,
    aligned: bool,
    /// For an aligned list (`any` with candidates, `one_of`): the English
    /// items in the order written.
    items: Option<Vec<Candidate>>,
    seen: Vec<Seen>,
}

/// Which target (by index) each learned phrase came from.
type Provenance = Vec<(String, usize)>;

/// Words being learned.
#[derive(Debug, Clone, Default)]
struct Words {
    any: Vec<String>,
    defined_as: Vec<String>,
    or: Vec<String>,
    endpoints: Vec<(String, EndpointKind, crate::model::Address)>,
}

impl Words {
    fn index(&self) -> Index {
        Index::new(&portmatrix_i18n::Vocabulary {
            any: self.any.clone(),
            defined_as: self.defined_as.clone(),
            or: self.or.clone(),
            endpoints: self.endpoints.clone(),
            ..Default::default()
        })
    }

    /// Adds a structural word: 1 "Any", 2 "can be defined as", 3 "or".
    fn add(&mut self, kind: u8, word: String) {
        match kind {
            1 => self.any.push(word),
            2 => self.defined_as.push(word),
            3 => self.or.push(word),
            _ => {}
        }
    }

    fn knows(&self, phrase: &str) -> bool {
        self.endpoints.iter().any(|(p, _, _)| p == phrase)
    }
}

/// What [`learn`] checks learned words with: the locale's own words, and
/// the targets.
struct Learner<'a> {
    base: Vec<&'a Index>,
    targets: Vec<Target>,
}

impl Learner<'_> {
    fn typed(&self, text: &str, learned: &Index) -> Endpoint {
        let mut all: Vec<&Index> = Vec::with_capacity(self.base.len() + 1);
        all.push(learned);
        all.extend(self.base.iter().copied());
        endpoint::parse_endpoint_with(text, &all)
    }

    /// How many cells (by weight) the words type as they must, and which.
    fn score(&self, words: &Words) -> (usize, Vec<bool>) {
        let index = words.index();
        let ok: Vec<bool> = self
            .targets
            .iter()
            .map(|t| self.typed(&t.text, &index).typed() == t.value.typed())
            .collect();
        let n = self
            .targets
            .iter()
            .zip(&ok)
            .filter(|(_, ok)| **ok)
            .map(|(t, _)| t.weight)
            .sum();
        (n, ok)
    }

    /// The items of a list cell, as the endpoint grammar splits it with
    /// `learned` and the locale's words: `None` when an `any` cell does not
    /// start with a known word for "Any" and a parenthesis.
    fn items(&self, text: &str, any: bool, learned: &Index) -> Option<Vec<String>> {
        let mut all: Vec<&Index> = vec![learned];
        all.extend(self.base.iter().copied());
        split_list(text, any, &all)
    }

    /// Endpoint entries that pair the items of the aligned list cells that
    /// `words` does not type yet with their English items, where both have
    /// as many (the learned words first, a phrase never given two values).
    fn pair_items(&self, words: &mut Words, ok: &[bool], from: &mut Provenance) {
        let index = words.index();
        let mut added: Vec<(String, EndpointKind, crate::model::Address)> = Vec::new();
        for (i, t) in self.targets.iter().enumerate() {
            let (Some(items), false) = (&t.items, ok[i]) else {
                continue;
            };
            let any = t.value.kind == EndpointKind::Any;
            let Some(pieces) = self.items(&t.text, any, &index) else {
                continue;
            };
            if pieces.len() != items.len() {
                continue;
            }
            for (piece, item) in pieces.iter().zip(items) {
                let e = self.typed(piece, &index);
                if e.candidates.is_empty()
                    && e.unrecognized.is_none()
                    && (e.kind, e.address) == (item.kind, item.address)
                {
                    continue;
                }
                if words.knows(piece) || added.iter().any(|(p, _, _)| p == piece) {
                    continue;
                }
                added.push((piece.clone(), item.kind, item.address));
                from.push((piece.clone(), i));
            }
        }
        words.endpoints.extend(added);
    }
}

/// Splits a list cell (key form) as the endpoint grammar does: after an
/// "Any" word and a parenthesis and "can be defined as" for an `any` cell,
/// on commas and "or" words outside parentheses.
fn split_list(text: &str, any: bool, vocabs: &[&Index]) -> Option<Vec<String>> {
    let inner = if any {
        let inner = vocabs.iter().flat_map(|v| v.any.iter()).find_map(|a| {
            let rest = text.strip_prefix(a.as_str())?.trim();
            rest.strip_prefix('(')?.strip_suffix(')').map(str::trim)
        })?;
        vocabs
            .iter()
            .flat_map(|v| v.defined_as.iter())
            .find_map(|d| inner.strip_prefix(d.as_str()))
            .unwrap_or(inner)
            .trim()
    } else {
        text
    };
    let mut out = Vec::new();
    for part in split_outside_parens(inner, |rest| rest.starts_with(',').then_some(1)) {
        let mut pieces = vec![part.trim().to_string()];
        for v in vocabs {
            for or in &v.or_words {
                pieces = pieces
                    .iter()
                    .flat_map(|p| split_outside_parens(p, |rest| word_at(p, rest, or)))
                    .map(str::to_string)
                    .collect();
            }
        }
        out.extend(
            pieces
                .into_iter()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        );
    }
    Some(out)
}

/// The length of `word` when `rest` (a suffix of `s`) starts with it as a
/// word of its own: between spaces for a Latin word, anywhere for others.
fn word_at(s: &str, rest: &str, word: &str) -> Option<usize> {
    if !rest.starts_with(word) {
        return None;
    }
    if !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(word.len());
    }
    let at = s.len() - rest.len();
    let before = at == 0 || s.as_bytes()[at - 1] == b' ';
    let after = rest.len() == word.len() || rest.as_bytes()[word.len()] == b' ';
    (before && after).then_some(word.len())
}

/// `s` split where `sep` (given the rest of `s`) finds a separator, outside
/// parentheses.
fn split_outside_parens(s: &str, sep: impl Fn(&str) -> Option<usize>) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut i) = (0i32, 0usize, 0usize);
    while i < s.len() {
        let rest = &s[i..];
        let c = rest.chars().next().unwrap_or(' ');
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0
            && let Some(n) = sep(rest)
        {
            parts.push(&s[start..i]);
            i += n;
            start = i;
            continue;
        }
        i += c.len_utf8();
    }
    parts.push(&s[start..]);
    parts
}

/// The items of an English list cell in the order written, each typed as
/// one candidate; `None` unless they are exactly the cell's candidates.
fn english_items(en: &Endpoint, text: &str, english: &[&Index]) -> Option<Vec<Candidate>> {
    let any = en.kind == EndpointKind::Any;
    let pieces = split_list(&key(text), any, english)?;
    let mut items = Vec::new();
    for p in pieces {
        let e = endpoint::parse_endpoint_with(&p, english);
        if !e.candidates.is_empty()
            || has_unknown(&e)
            || matches!(e.kind, EndpointKind::Any | EndpointKind::OneOf)
        {
            return None;
        }
        items.push(Candidate {
            kind: e.kind,
            address: e.address,
            unrecognized: None,
        });
    }
    let mut sorted = items.clone();
    sorted.sort();
    sorted.dedup();
    (sorted == en.candidates.as_ref()).then_some(items)
}

/// Words of the locale that the grammar would split on or strip, to try as
/// "or" (inside list items) and "can be defined as" (at the start of an
/// `any` list): Latin words between spaces, and runs of one to four wide
/// characters.
fn word_candidates(piece: &str, interior: bool) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = piece.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 1 {
        let range = if interior {
            1..words.len().saturating_sub(1)
        } else {
            0..words.len()
        };
        for w in &words[range] {
            if w.chars().all(char::is_alphabetic) && w.chars().count() <= 8 {
                out.push((*w).to_string());
            }
        }
    }
    let chars: Vec<char> = piece.chars().collect();
    for n in 1..=4 {
        for start in 0..chars.len().saturating_sub(n - 1) {
            if interior && (start == 0 || start + n >= chars.len()) {
                continue;
            }
            let run = &chars[start..start + n];
            if run.iter().all(|&c| portmatrix_i18n::is_wide(c)) {
                out.push(run.iter().collect());
            }
        }
    }
    out
}

/// Whether `phrase` holds `word` as a word of its own (between spaces for
/// a Latin word, anywhere for others).
fn holds_word(phrase: &str, word: &str) -> bool {
    if word.chars().all(|c| c.is_ascii_alphabetic()) {
        phrase.split(' ').any(|w| w == word) || phrase.starts_with(&format!("{word} "))
    } else {
        phrase.contains(word)
    }
}

/// Structural words to try, most frequent first (at most 48): the word for
/// "Any" before an `any` list's parenthesis, prefixes of its inner text as
/// "can be defined as", and words inside the items as "or" (in lists with
/// fewer items than the English one). Only in the aligned lists that `ok`
/// says are not typed yet, or in all of them without `ok`.
fn structural(learner: &Learner, words: &Words, ok: Option<&[bool]>) -> Vec<(u8, String)> {
    let already = |f: fn(&Index) -> &Vec<String>, w: &str| {
        learner.base.iter().any(|v| f(v).iter().any(|x| x == w))
    };
    let mut counts: BTreeMap<(u8, String), usize> = BTreeMap::new();
    let index = words.index();
    for (i, t) in learner.targets.iter().enumerate() {
        if t.items.is_none() || ok.is_some_and(|ok| ok[i]) {
            continue;
        }
        let any = t.value.kind == EndpointKind::Any;
        if any
            && let Some(open) = t.text.find('(')
            && t.text.ends_with(')')
        {
            let head = t.text[..open].trim();
            if !head.is_empty()
                && !words.any.iter().any(|a| a == head)
                && !already(|i| &i.any, head)
            {
                *counts.entry((1, head.to_string())).or_default() += t.weight;
            }
            let inner = t.text[open + 1..t.text.len() - 1].trim();
            for p in prefix_candidates(inner) {
                if !words.defined_as.contains(&p) && !already(|i| &i.defined_as, &p) {
                    *counts.entry((2, p)).or_default() += t.weight;
                }
            }
        }
        if let Some(pieces) = learner.items(&t.text, any, &index)
            && (ok.is_none() || pieces.len() < t.items.as_ref().map_or(0, Vec::len))
        {
            for piece in &pieces {
                for w in word_candidates(piece, true) {
                    if !words.or.contains(&w) && !already(|i| &i.or_words, &w) {
                        *counts.entry((3, w)).or_default() += t.weight;
                    }
                }
            }
        }
    }
    let mut ranked: Vec<((u8, String), usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(48).map(|(m, _)| m).collect()
}

/// Prefixes of an `any` list's inner text to try as "can be defined as":
/// its first one to six Latin words, or one to eight wide characters.
fn prefix_candidates(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = inner.split(' ').collect();
    for n in 1..=6.min(words.len().saturating_sub(1)) {
        let p = words[..n].join(" ");
        if p.contains([',', '(', ')']) {
            break;
        }
        out.push(p);
    }
    let chars: Vec<char> = inner
        .chars()
        .take_while(|&c| portmatrix_i18n::is_wide(c))
        .collect();
    for n in 1..=8.min(chars.len().saturating_sub(1)) {
        out.push(chars[..n].iter().collect());
    }
    out
}

/// What alignment learned for `locale` in `m` (a matrix parsed with the
/// English editions beside, as `parse_sources_with_registry` gives it), as
/// vocabulary entries that are not in the locale's vocabulary yet
/// (`portmatrix i18n vocab`).
///
/// Every matched row (see the [module](self)) is read again with the words
/// of `vocabs` alone; a cell they do not type, whose English cell alignment
/// took, is something to learn:
///
/// - a cell the English edition types as one endpoint, or as "Any", gives
///   an endpoint phrase (or an "Any" word): the cell's whole phrase;
/// - a list (`Any (can be defined as X, Y or Z)`, `X, Y or Z`) gives its
///   words one by one: a word for "Any" (before the parenthesis), words
///   for "can be defined as" and "or" (tried among the cell's words), and
///   the items paired in order with the English items where both have as
///   many;
/// - an unknown role gives a role name.
///
/// Each word is kept only if, with the words kept before it, more cells
/// are typed like the English cells (by the endpoint grammar itself) and
/// none that the locale's words typed changes; then every word that no
/// cell needs is dropped again. Greedy, deterministic (candidates in a
/// fixed order), and checked: the cells the words still do not type are
/// listed in [`Learned::not_learned`].
pub fn learn(m: &crate::model::Matrix, locale: &str, vocabs: &Vocabs) -> Learned {
    let registry = vocabs.registry();
    let refs = references(&m.pages, registry);
    let english_words = vocabs.for_locale(portmatrix_i18n::SOURCE_LANGUAGE);
    let mut learned = Learned {
        locale: locale.to_string(),
        ..Learned::default()
    };
    let mut targets: BTreeMap<(String, String), Target> = BTreeMap::new();
    let mut roles: BTreeMap<String, BTreeMap<Role, Vec<Seen>>> = BTreeMap::new();
    let mut add =
        |text: &str, value: &Endpoint, aligned: bool, items: Option<Vec<Candidate>>, seen: Seen| {
            let k = key(text);
            let t = targets
                .entry((k.clone(), format!("{:?}", value.typed())))
                .or_insert_with(|| Target {
                    text: k,
                    value: Endpoint {
                        text: "".into(),
                        ..value.clone()
                    },
                    weight: 0,
                    aligned,
                    items,
                    seen: Vec::new(),
                });
            t.weight += 1;
            t.seen.push(seen);
        };
    let mut base: Vec<&Index> = Vec::new();
    for (p, page) in m.pages.iter().enumerate() {
        if !page.locale.eq_ignore_ascii_case(locale) {
            continue;
        }
        if base.is_empty() {
            base = vocabs.for_locale(&page.locale);
        }
        let own = |text: &str| endpoint::parse_endpoint_in(text, &page.locale, vocabs);
        let matched: HashMap<(usize, usize), (usize, usize)> = match refs[p] {
            Some(e) => matched_rows(page, &m.pages[e])
                .into_iter()
                .map(|[t, r, u, s]| ((t, r), (u, s)))
                .collect(),
            None => HashMap::new(),
        };
        for (t, table) in page.tables.iter().enumerate() {
            for (r, rule) in table.rules.iter().enumerate() {
                let en = matched.get(&(t, r)).and_then(|&(u, s)| {
                    let e = refs[p]?;
                    Some((&m.pages[e], &m.pages[e].tables[u].rules[s]))
                });
                for (cell, en_of) in [
                    (
                        &rule.cells.source,
                        (|r: &Rule| (&r.source, &r.cells.source))
                            as fn(&Rule) -> (&Endpoint, &crate::model::Cell),
                    ),
                    (&rule.cells.destination, |r: &Rule| {
                        (&r.destination, &r.cells.destination)
                    }),
                ] {
                    let mine = own(&cell.text);
                    let seen = |english: String| Seen {
                        path: page.path.to_string(),
                        line: cell.line,
                        cell: cell.text.to_string(),
                        english,
                    };
                    if !has_unknown(&mine) {
                        add(&cell.text, &mine, false, None, seen(String::new()));
                        continue;
                    }
                    let Some((en_page, en_rule)) = en else {
                        continue;
                    };
                    let (value, en_cell) = en_of(en_rule);
                    if !may_take(&mine, value) {
                        continue;
                    }
                    let items = match value.kind {
                        EndpointKind::Any | EndpointKind::OneOf if !value.candidates.is_empty() => {
                            english_items(value, &en_cell.text, &english_words)
                        }
                        _ => None,
                    };
                    let english = format!("{}:{}: `{}`", en_page.path, en_cell.line, en_cell.text);
                    add(&cell.text, value, true, items, seen(english));
                }
                // The first column: an unknown role.
                let Some((en_page, en_rule)) = en else {
                    continue;
                };
                let Ok(spec) = crate::spec::parse_spec_in(&rule.cells.spec.text, vocabs) else {
                    continue;
                };
                if let Some((Some(role), _)) = spec_parts(&spec.role, &spec.protocols, en_rule) {
                    let leading = spec
                        .protocols
                        .iter()
                        .take_while(|p| matches!(p, Protocol::Unrecognized(_)))
                        .count();
                    let phrase = match &spec.role {
                        Some(Role::Unrecognized(r)) => key(r),
                        _ if leading > 0 => key(&rule
                            .cells
                            .spec
                            .text
                            .split('/')
                            .take(leading)
                            .collect::<Vec<_>>()
                            .join("/")),
                        _ => continue,
                    };
                    roles
                        .entry(phrase)
                        .or_default()
                        .entry(role)
                        .or_default()
                        .push(Seen {
                            path: page.path.to_string(),
                            line: rule.cells.spec.line,
                            cell: rule.cells.spec.text.to_string(),
                            english: format!(
                                "{}:{}: `{}`",
                                en_page.path, en_rule.cells.spec.line, en_rule.cells.spec.text
                            ),
                        });
                }
            }
        }
    }
    // Roles: the value most cells give (ties: the first in the model's order).
    for (phrase, values) in roles {
        if let Some((role, seen)) = values
            .into_iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        {
            learned.roles.push((phrase, role, seen));
        }
    }

    let learner = Learner {
        base,
        targets: targets.into_values().collect(),
    };
    let targets = &learner.targets;
    let already = |f: fn(&Index) -> &Vec<String>, w: &str| {
        learner.base.iter().any(|v| f(v).iter().any(|x| x == w))
    };

    // 1. Whole cells: one endpoint, or "Any" (the value most cells give).
    let mut words = Words::default();
    let mut by_phrase: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in targets.iter().enumerate() {
        if t.aligned && t.value.candidates.is_empty() {
            by_phrase.entry(&t.text).or_default().push(i);
        }
    }
    let mut provenance: Provenance = Vec::new();
    for (phrase, ts) in &by_phrase {
        let Some(&best) = ts
            .iter()
            .max_by(|&&a, &&b| targets[a].weight.cmp(&targets[b].weight).then(b.cmp(&a)))
        else {
            continue;
        };
        let v = &targets[best].value;
        if v.kind == EndpointKind::Any {
            if !already(|i| &i.any, phrase) {
                words.any.push(phrase.to_string());
            }
        } else {
            words
                .endpoints
                .push((phrase.to_string(), v.kind, v.address));
        }
        provenance.push((phrase.to_string(), best));
    }

    // 2. Lists: greedy, one structural word (or none) at a time, each with
    // the items it lets pair: the move that types the most cells (then the
    // one with the fewest words).
    let size = |w: &Words| w.endpoints.len() + w.any.len() + w.or.len() + w.defined_as.len();
    let mut score = learner.score(&words);
    for _round in 0..64 {
        let mut moves: Vec<(u8, String)> = vec![(0, String::new())];
        moves.extend(structural(&learner, &words, Some(&score.1)));
        let mut best: Option<(usize, usize, Words, Provenance)> = None;
        for (kind, w) in moves {
            let mut next = words.clone();
            next.add(kind, w);
            let mut from = Vec::new();
            let ok = learner.score(&next).1;
            learner.pair_items(&mut next, &ok, &mut from);
            let (s, _) = learner.score(&next);
            let n = size(&next);
            if s > score.0
                && best
                    .as_ref()
                    .is_none_or(|b| s > b.0 || (s == b.0 && n < b.1))
            {
                best = Some((s, n, next, from));
            }
        }
        let Some((_, _, next, from)) = best else {
            break;
        };
        words = next;
        provenance.extend(from);
        score = learner.score(&words);
    }

    // Then fewer, shorter words: a structural word that the items learned
    // from lists hold (`pode ser definido como diretor` holds "can be
    // defined as") replaces them when the lists, paired again, type as many
    // cells with fewer entries.
    let from_lists: std::collections::HashSet<String> = provenance
        .iter()
        .filter(|(_, i)| targets[*i].items.is_some())
        .map(|(p, _)| p.clone())
        .collect();
    for _round in 0..16 {
        let mut best: Option<(usize, Words, Provenance)> = None;
        for (kind, w) in structural(&learner, &words, None) {
            let mut next = words.clone();
            next.endpoints
                .retain(|(p, _, _)| !(from_lists.contains(p) && holds_word(p, &w)));
            next.add(kind, w);
            let mut from = Vec::new();
            let ok = learner.score(&next).1;
            learner.pair_items(&mut next, &ok, &mut from);
            let n = size(&next);
            if learner.score(&next).0 >= score.0
                && n < size(&words)
                && best.as_ref().is_none_or(|b| n < b.0)
            {
                best = Some((n, next, from));
            }
        }
        let Some((_, next, from)) = best else {
            break;
        };
        words = next;
        provenance.extend(from);
        score = learner.score(&words);
    }

    // 3. Drop what no cell needs, last learned first.
    let total = score.0;
    for i in (0..words.endpoints.len()).rev() {
        let mut fewer = words.clone();
        fewer.endpoints.remove(i);
        if learner.score(&fewer).0 >= total {
            words = fewer;
        }
    }
    for list in [0, 1, 2] {
        let len = match list {
            0 => words.any.len(),
            1 => words.defined_as.len(),
            _ => words.or.len(),
        };
        for i in (0..len).rev() {
            let mut fewer = words.clone();
            match list {
                0 => fewer.any.remove(i),
                1 => fewer.defined_as.remove(i),
                _ => fewer.or.remove(i),
            };
            if learner.score(&fewer).0 >= total {
                words = fewer;
            }
        }
    }
    let (_, ok) = learner.score(&words);

    // Where each word was seen: the cells that gave an entry; for the
    // structural words, the aligned cells they occur in.
    let seen_of = |phrase: &str| -> Vec<Seen> {
        let mut out: Vec<Seen> = provenance
            .iter()
            .filter(|(p, _)| p == phrase)
            .flat_map(|(_, i)| targets[*i].seen.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let seen_in = |word: &str| -> Vec<Seen> {
        let mut out: Vec<Seen> = targets
            .iter()
            .filter(|t| t.aligned && t.items.is_some() && t.text.contains(word))
            .flat_map(|t| t.seen.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let mut any: Vec<String> = words.any.clone();
    any.sort();
    learned.any = any
        .into_iter()
        .map(|w| {
            let mut s = seen_of(&w);
            if s.is_empty() {
                s = seen_in(&w);
            }
            (w, s)
        })
        .collect();
    let mut defined_as = words.defined_as.clone();
    defined_as.sort();
    learned.defined_as = defined_as
        .into_iter()
        .map(|w| {
            let s = seen_in(&w);
            (w, s)
        })
        .collect();
    let mut or = words.or.clone();
    or.sort();
    learned.or = or
        .into_iter()
        .map(|w| {
            let s = seen_in(&w);
            (w, s)
        })
        .collect();
    let mut endpoints = words.endpoints.clone();
    endpoints.sort_by(|a, b| (a.1, a.2, &a.0).cmp(&(b.1, b.2, &b.0)));
    learned.endpoints = endpoints
        .into_iter()
        .map(|(p, k, a)| {
            let s = seen_of(&p);
            (p, k, a, s)
        })
        .collect();
    for (t, ok) in targets.iter().zip(ok) {
        if t.aligned && !ok {
            learned
                .not_learned
                .push((t.text.clone(), describe(&t.value), t.seen.clone()));
        }
    }
    learned
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length of a longest common subsequence, by dynamic programming.
    fn lcs_len(a: &[u8], b: &[u8]) -> usize {
        let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                dp[i][j] = if a[i] == b[j] {
                    dp[i + 1][j + 1] + 1
                } else {
                    dp[i + 1][j].max(dp[i][j + 1])
                };
            }
        }
        dp[0][0]
    }

    #[test]
    fn lcs_is_a_longest_common_subsequence() {
        // A small linear congruential generator: the same cases every run.
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for _ in 0..2000 {
            let (n, m, k) = (next(12) as usize, next(12) as usize, 1 + next(4));
            let a: Vec<u8> = (0..n).map(|_| next(k) as u8).collect();
            let b: Vec<u8> = (0..m).map(|_| next(k) as u8).collect();
            let pairs = lcs(&a, &b, |x, y| x == y);
            assert_eq!(pairs.len(), lcs_len(&a, &b), "{a:?} {b:?}");
            assert!(pairs.iter().all(|&(i, j)| a[i] == b[j]));
            assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        }
        assert_eq!(lcs(&[1, 2, 3], &[1, 2, 3], |x, y| x == y).len(), 3);
        assert!(lcs::<u8, u8>(&[], &[1], |x, y| x == y).is_empty());
    }

    #[test]
    fn lcs_of_long_similar_sequences_is_fast_and_exact() {
        // 100,000 rows that differ in two places: linear, not quadratic.
        let a: Vec<u32> = (0..100_000).collect();
        let mut b = a.clone();
        b.remove(500);
        b.insert(70_000, 7);
        let pairs = lcs(&a, &b, |x, y| x == y);
        assert_eq!(pairs.len(), 99_999);
    }
}
