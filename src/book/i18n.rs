//! Translation: the texts a book needs that a page has no edition for, the
//! catalogs checked against them, the `.pot` entries, and
//! `portmatrix i18n update`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::locale::push_locale;
use super::{
    BookError, CATALOG_FILE, Catalogs, HANDWRITTEN, MsgKey, PoCatalog, PoEntry, PoHeader,
    SOURCE_LOCALE, TEMPLATE_FILE, UI, assets, catalog_files, merge, parse_po, plural_forms_for,
    segments, write_po,
};
use crate::model::{EndpointKind, Matrix, Rule, Table};

/// One text a book needs in a locale that the page does not have an edition
/// in: where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The context, for a text that means two things (see
    /// [`heading_context`]).
    pub msgctxt: Option<String>,
    /// The text, in the page's language.
    pub msgid: String,
    /// `path:line`.
    pub location: String,
    /// `title`, `heading` or `note`.
    pub what: &'static str,
    /// Locale of the page the text comes from.
    pub source_locale: String,
    /// Locales whose books need a translation of it.
    pub target_locales: Vec<String>,
}

/// Which side of the Edge Server a table's rows are on, as a `msgctxt` for
/// its heading: `external interface table` when every row touches an
/// external Edge service and none the internal interface,
/// `internal interface table` the other way round, else none.
///
/// Why: one heading may stand above tables of both sides (the zh-CN seed
/// page titles its internal interface table with the external one's
/// heading); a translator needs to know which table an entry is for, so
/// such a heading gets one entry per side.
pub fn heading_context(t: &Table) -> Option<&'static str> {
    let touches = |r: &Rule, f: &dyn Fn(EndpointKind) -> bool| {
        r.source.kinds().chain(r.destination.kinds()).any(f)
    };
    let n = t.rules.len();
    let internal = t
        .rules
        .iter()
        .filter(|r| touches(r, &|k| k == EndpointKind::EdgeInternal))
        .count();
    let external = t
        .rules
        .iter()
        .filter(|r| touches(r, &EndpointKind::is_edge_external))
        .count();
    if n == 0 {
        None
    } else if internal == n && external == 0 {
        Some("internal interface table")
    } else if external == n && internal == 0 {
        Some("external interface table")
    } else {
        None
    }
}

/// The contexts of the headings that stand above tables of both sides
/// somewhere in `m`: heading text → its tables need a `msgctxt`.
fn ambiguous_headings(m: &Matrix) -> BTreeSet<String> {
    let mut sides: BTreeMap<&str, BTreeSet<Option<&'static str>>> = BTreeMap::new();
    for p in m.pages.iter() {
        for t in p.tables.iter() {
            if let Some(h) = &t.heading {
                sides
                    .entry(h.text.as_ref())
                    .or_default()
                    .insert(heading_context(t));
            }
        }
    }
    sides
        .into_iter()
        .filter(|(_, s)| s.len() > 1)
        .map(|(h, _)| h.to_string())
        .collect()
}

/// The catalog entry a book uses for a page text: the one of its context,
/// else the one without.
pub fn lookup<'c>(cat: &'c PoCatalog, msgctxt: Option<&str>, msgid: &str) -> Option<&'c PoEntry> {
    msgctxt
        .and_then(|c| cat.entry(Some(c), msgid))
        .or_else(|| cat.entry(None, msgid))
}

/// The texts (page titles, table headings, notes) that the books in
/// `locales` take from the catalogs because the page has no edition in that
/// locale. Deduplicated by (msgctxt, msgid) (locations merged), in page
/// order.
pub fn translatable_texts(m: &Matrix, locales: &[String]) -> Vec<(SourceText, Vec<String>)> {
    let ambiguous = ambiguous_headings(m);
    let mut out: Vec<(SourceText, Vec<String>)> = Vec::new();
    for a in assets(m) {
        let targets: Vec<String> = locales.iter().filter(|l| !a.has(l)).cloned().collect();
        if targets.is_empty() {
            continue;
        }
        // Translate from the edition the books fall back to.
        let p = a.editions[0];
        let line_of_title = 1;
        let mut texts: Vec<(&str, Option<&str>, u32, &'static str)> =
            vec![(p.title.as_ref(), None, line_of_title, "title")];
        for t in p.tables.iter() {
            if let Some(h) = &t.heading {
                let ctxt = if ambiguous.contains(h.text.as_ref()) {
                    heading_context(t)
                } else {
                    None
                };
                texts.push((h.text.as_ref(), ctxt, h.line, "heading"));
            }
            for r in t.rules.iter() {
                texts.push((r.note.as_ref(), None, r.cells.note.line, "note"));
            }
        }
        for (text, ctxt, line, what) in texts {
            if text.trim().is_empty() {
                continue;
            }
            let loc = format!("{}:{}", p.path, line);
            if let Some((st, locs)) = out
                .iter_mut()
                .find(|(s, _)| s.msgid == text && s.msgctxt.as_deref() == ctxt)
            {
                locs.push(loc);
                for t in &targets {
                    if !st.target_locales.contains(t) {
                        st.target_locales.push(t.clone());
                    }
                }
            } else {
                out.push((
                    SourceText {
                        msgctxt: ctxt.map(str::to_string),
                        msgid: text.to_string(),
                        location: loc.clone(),
                        what,
                        source_locale: p.locale.to_string(),
                        target_locales: targets.clone(),
                    },
                    vec![loc],
                ));
            }
        }
    }
    out
}

/// Why a text shows as untranslated in a book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TranslationIssueKind {
    /// The catalog has no entry for the text, or an empty translation.
    Missing,
    /// The catalog's entry is marked fuzzy (the text changed since it was
    /// translated; `portmatrix i18n update` carried an old translation over).
    Fuzzy,
    /// The catalog has a translation whose msgid occurs in no page any more
    /// (the source text changed and `i18n update` was not run).
    Stale,
}

impl TranslationIssueKind {
    /// The snake_case name (`missing_translation`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationIssueKind::Missing => "missing_translation",
            TranslationIssueKind::Fuzzy => "fuzzy_translation",
            TranslationIssueKind::Stale => "stale_translation",
        }
    }
}

/// A missing, fuzzy or stale translation (for `portmatrix check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationIssue {
    /// Missing, fuzzy or stale.
    pub kind: TranslationIssueKind,
    /// The book locale that lacks the translation.
    pub locale: String,
    /// The text to translate.
    pub msgid: String,
    /// `path:line` of the text in the pages (for stale entries: the catalog
    /// and the entry's first reference).
    pub location: String,
    /// The catalog consulted (`embedded:i18n/en-US/book.po`), or none.
    pub catalog: Option<String>,
}

impl std::fmt::Display for TranslationIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            TranslationIssueKind::Missing => "no translation",
            TranslationIssueKind::Fuzzy => "translation is fuzzy (outdated)",
            TranslationIssueKind::Stale => "translation of a text that no page has any more",
        };
        write!(
            f,
            "{}: warning[{}]: {} into {}: {:?}",
            self.location,
            self.kind.as_str(),
            what,
            self.locale,
            self.msgid
        )
    }
}

/// The messages of the interface and of the hand-written chapters (not page
/// texts), by key.
fn book_keys() -> BTreeSet<MsgKey> {
    ui_and_chapter_entries()
        .into_iter()
        .map(|e| e.key())
        .collect()
}

/// Whether `cat` translates page texts at all: it has a usable entry that is
/// not an interface or chapter message.
fn takes_page_texts(cat: &PoCatalog, book: &BTreeSet<MsgKey>) -> bool {
    cat.entries
        .values()
        .any(|e| e.is_usable() && !book.contains(&e.key()))
}

/// Every page text that would show as untranslated in the books of
/// `locales`, and every stale page-text entry, for the locales whose catalog
/// translates page texts (one that translates none, such as a catalog of
/// the interface only, leaves them all to the original language on
/// purpose; its books mark each one). Sorted (kind, locale, location).
pub fn translation_issues(
    m: &Matrix,
    cats: &Catalogs,
    locales: &[String],
) -> Vec<TranslationIssue> {
    let book = book_keys();
    let held = |l: &str| cats.book(l).is_some_and(|c| takes_page_texts(c, &book));
    let mut out = Vec::new();
    let texts = translatable_texts(m, locales);
    for (st, _) in &texts {
        for l in st.target_locales.iter().filter(|l| held(l)) {
            let cat = cats.book(l);
            let kind = match cat.and_then(|c| lookup(c, st.msgctxt.as_deref(), &st.msgid)) {
                Some(e) if e.is_usable() => continue,
                Some(e) if e.fuzzy && e.is_translated() => TranslationIssueKind::Fuzzy,
                _ => TranslationIssueKind::Missing,
            };
            out.push(TranslationIssue {
                kind,
                locale: l.clone(),
                msgid: st.msgid.clone(),
                location: st.location.clone(),
                catalog: cat.map(|c| c.origin.clone()),
            });
        }
    }
    // Stale: translated page-text entries whose msgid no page contains.
    let occurs = |id: &str| {
        m.pages.iter().any(|p| {
            p.title == id
                || p.tables.iter().any(|t| {
                    t.heading.as_ref().is_some_and(|h| h.text == id)
                        || t.rules.iter().any(|r| r.note == id)
                })
        })
    };
    for l in locales.iter().filter(|l| held(l)) {
        let Some(cat) = cats.book(l) else {
            continue;
        };
        for e in cat.entries.values() {
            if e.is_translated() && !book.contains(&e.key()) && !occurs(&e.msgid) {
                out.push(TranslationIssue {
                    kind: TranslationIssueKind::Stale,
                    locale: l.clone(),
                    msgid: e.msgid.clone(),
                    location: format!(
                        "{} ({})",
                        cat.origin,
                        e.references.first().map(String::as_str).unwrap_or("-")
                    ),
                    catalog: Some(cat.origin.clone()),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.kind, &a.locale, &a.location, &a.msgid).cmp(&(b.kind, &b.locale, &b.location, &b.msgid))
    });
    out
}

fn add_entry(out: &mut Vec<PoEntry>, e: PoEntry) {
    match out.iter_mut().find(|x| x.key() == e.key()) {
        Some(x) => {
            for c in e.comments {
                if !x.comments.contains(&c) {
                    x.comments.push(c);
                }
            }
            x.references.extend(e.references);
        }
        None => out.push(e),
    }
}

/// The template entries of the interface ([`UI`]) and of the hand-written
/// chapters (one per paragraph, heading, list item or table cell of
/// `book/en-US/`), one entry per (msgctxt, msgid).
pub fn ui_and_chapter_entries() -> Vec<PoEntry> {
    let mut out = Vec::new();
    for m in UI {
        let mut e = PoEntry::template(m.msgctxt, m.msgid, m.msgid_plural);
        e.comments = vec![format!("ui: {} — {}", m.key, m.comment)];
        add_entry(&mut out, e);
    }
    for (file, md) in HANDWRITTEN {
        for s in segments(md) {
            let mut e = PoEntry::template(None, &s.msgid, None);
            e.references = vec![format!("book/{SOURCE_LOCALE}/{file}:{}", s.line)];
            add_entry(&mut out, e);
        }
    }
    out
}

/// The template (`i18n/book.pot`) for the books of `locales`: the interface,
/// the hand-written chapters, and the page texts some book needs
/// ([`translatable_texts`]).
pub fn pot_entries(m: &Matrix, locales: &[String]) -> Vec<PoEntry> {
    let mut out = ui_and_chapter_entries();
    for (st, locs) in translatable_texts(m, locales) {
        let mut e = PoEntry::template(st.msgctxt.as_deref(), &st.msgid, None);
        e.references = locs;
        e.comments = vec![format!("{} ({})", st.what, st.source_locale)];
        add_entry(&mut out, e);
    }
    out
}

/// The template entries the catalog of `locale` holds: the interface and
/// the chapters (unless `locale` is a variety of the source language,
/// English), and the page texts its book needs.
pub fn pot_entries_for(m: &Matrix, locale: &str) -> Vec<PoEntry> {
    let mut out = if crate::names::registry().is_source_language(locale) {
        Vec::new()
    } else {
        ui_and_chapter_entries()
    };
    for (st, locs) in translatable_texts(m, &[locale.to_string()]) {
        let mut e = PoEntry::template(st.msgctxt.as_deref(), &st.msgid, None);
        e.references = locs;
        e.comments = vec![format!("{} ({})", st.what, st.source_locale)];
        add_entry(&mut out, e);
    }
    out
}

/// What `portmatrix i18n update` wrote for one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogUpdate {
    /// The catalog written.
    pub path: PathBuf,
    /// Its locale.
    pub locale: String,
    /// Entries in all.
    pub entries: usize,
    /// Entries with a translation (not fuzzy).
    pub translated: usize,
    /// Entries marked `#, fuzzy`.
    pub fuzzy: usize,
    /// Entries without a translation.
    pub untranslated: usize,
    /// Entries no text uses any more (`#~`).
    pub obsolete: usize,
}

/// What `portmatrix i18n update` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateReport {
    /// `<dir>/book.pot`.
    pub pot: PathBuf,
    /// Each catalog written.
    pub po: Vec<CatalogUpdate>,
}

/// Regenerates `<dir>/book.pot` from the matrix and merges it into
/// `<dir>/<locale>/book.po` for every locale of `locales` and every catalog
/// already there, the way `msgmerge` does: changed entries fuzzy, vanished
/// ones obsolete, and the header, translator comments and flags of each
/// catalog kept as they are (a field the catalog lacks and the tools need —
/// `Language`, `Plural-Forms`, `Content-Type` — is added).
pub fn i18n_update(
    m: &Matrix,
    dir: &std::path::Path,
    locales: &[String],
) -> Result<UpdateReport, BookError> {
    if let Some(bad) = locales.iter().find(|l| !crate::filename::is_locale_tag(l)) {
        return Err(BookError::InvalidLocale(format!(
            "invalid locale {bad:?}: not a BCP 47 language tag such as en-US or zh-CN"
        )));
    }
    let werr = |p: &std::path::Path, e: std::io::Error| BookError::io("write", p, e);
    let existing = catalog_files(dir);
    let mut targets: Vec<String> = Vec::new();
    for l in locales.iter().chain(existing.iter().map(|(l, _)| l)) {
        push_locale(&mut targets, l);
    }
    targets.sort();
    let pot = pot_entries(m, &targets);
    let pot_path = dir.join(TEMPLATE_FILE);
    crate::output::write_atomic(
        &pot_path,
        write_po(&PoHeader::new(None), &pot, &[]).as_bytes(),
    )
    .map_err(|e| werr(&pot_path, e))?;
    let mut report = UpdateReport {
        pot: pot_path,
        po: Vec::new(),
    };
    for l in targets {
        let folder = existing
            .iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(&l))
            .map(|(x, _)| x.clone())
            .unwrap_or_else(|| l.clone());
        let path = dir.join(&folder).join(CATALOG_FILE);
        let mut old = match std::fs::read_to_string(&path) {
            Ok(text) => {
                // The folder names the locale (the header may say `ja_JP`).
                let mut po = parse_po(&text, &path.display().to_string(), &folder)?;
                po.locale = folder.clone();
                po
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                PoCatalog::new(&folder, &path.display().to_string())
            }
            Err(e) => {
                return Err(BookError::io("read", &path, e));
            }
        };
        for (k, v) in [
            ("Language", old.locale.clone()),
            ("MIME-Version", "1.0".to_string()),
            ("Content-Type", "text/plain; charset=UTF-8".to_string()),
            ("Content-Transfer-Encoding", "8bit".to_string()),
            ("Plural-Forms", plural_forms_for(&old.locale).to_string()),
        ] {
            if old.header.get(k).is_none_or(|x| x.trim().is_empty()) {
                old.header.set(k, &v);
            }
        }
        let mine = pot_entries_for(m, &old.locale);
        let (merged, obsolete) = merge(&mine, &old);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| werr(parent, e))?;
        }
        crate::output::write_atomic(&path, write_po(&old.header, &merged, &obsolete).as_bytes())
            .map_err(|e| werr(&path, e))?;
        report.po.push(CatalogUpdate {
            path,
            locale: old.locale.clone(),
            entries: merged.len(),
            translated: merged.iter().filter(|e| e.is_usable()).count(),
            fuzzy: merged.iter().filter(|e| e.fuzzy).count(),
            untranslated: merged.iter().filter(|e| !e.is_translated()).count(),
            obsolete: obsolete.len(),
        });
    }
    Ok(report)
}
