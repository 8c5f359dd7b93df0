//! The localized runbook books: one mdBook per locale (every locale that has
//! pages or a catalog: en-US, ja-JP, zh-CN, zh-TW by default), rendered from
//! the typed matrix with tera templates and built to HTML with mdBook used as
//! a library.
//!
//! Pipeline ([`build`]):
//!
//! 1. [`render_sources`]: for each locale an mdBook source tree (`book.toml`,
//!    `src/SUMMARY.md`, one chapter per port-summary page, the cross-cutting
//!    chapters, the hand-written chapters of the repo's `book/en-US/` folder
//!    translated through the locale's catalog), from the templates in
//!    `templates/book/` (embedded; `--templates DIR` replaces any of them by
//!    name) and the gettext catalogs `i18n/<locale>/book.po` ([`Catalogs`]).
//! 2. mdBook (`mdbook-driver`, in process) builds each tree to HTML.
//! 3. Everything is built in a staging folder and swapped in whole at the end
//!    ([`crate::output::Staging`]): a failed or killed run leaves the previous
//!    book intact ([`build`]); [`build_into`] writes into folders the caller
//!    puts in place (`portmatrix build` stages the whole `--out`).
//!
//! Output layout (for `--out out/book`): `out/book/index.html` (links every
//! book), `out/book/<locale>/index.html` (the books), and the source trees in
//! `out/book-src/<locale>/` ([`Options::sources`]; `portmatrix book` puts them
//! in `out/book/_sources/<locale>/`, inside the one folder it swaps in).
//!
//! File names: a chapter is named after its page's file
//! ([`crate::filename`]: letters of every script kept, anything else made
//! safe, unique, never a generated chapter or an mdBook page such as `index`,
//! `print`, `toc`, `404`).
//!
//! Text from the source docs is data: every value the templates print is
//! escaped so that it is literal text in markdown and in HTML
//! ([`escape_text`]).

mod catalog;
mod chapters;
mod escape;
mod po;
mod render;
mod site;
mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::model::{EndpointKind, Matrix, Page, Rule, Table};

pub use catalog::{
    CATALOG_FILE, Catalogs, EMBEDDED, EMBEDDED_POT, MsgKey, PluralRule, PoCatalog, PoEntry,
    PoHeader, TEMPLATE_FILE, UI, UiMessage, catalog_files, merge, parse_po, plural_forms_for,
    ui_message, write_po,
};
pub use chapters::{HANDWRITTEN, SOURCE_LOCALE, Segment, join_lines, segments};
pub use escape::escape_text;
pub use render::{DEFAULT_TEMPLATES, Rendered, render_sources};
pub use site::{BuiltBook, Report, build, build_into};

/// An error building the books (I/O, a template, a catalog, mdBook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookError(pub String);

impl BookError {
    pub(crate) fn new(msg: impl Into<String>) -> BookError {
        BookError(msg.into())
    }
}

impl std::fmt::Display for BookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BookError {}

/// A finding about a row, a table or a page (from the checks), shown as an
/// admonition next to what it concerns. `path` and `line` are those of the
/// model (`Page::path`, `Rule::line`, `Table::line`); a line that matches no
/// row or table puts the finding at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The page the finding is about, as the matrix names it.
    pub path: String,
    /// The line of the row, table or heading it points at.
    pub line: u32,
    /// `error`, `warning` or `note` (anything else reads as `note`).
    pub severity: String,
    /// The check's snake_case code (`role_endpoint_mismatch`).
    pub code: String,
    /// Already in the book's language (or locale-neutral).
    pub message: String,
}

/// A diagram of a page (from the diagrams module), embedded in the page's
/// chapter of every book (`locale: None`) or of one locale's book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// The page's `ms:assetid` (every edition of it shows the diagram).
    pub asset_id: String,
    /// The book that shows it; `None` for every book.
    pub locale: Option<String>,
    /// File name inside the book (`diagrams/<file_name>`), e.g. `edge.svg`.
    pub file_name: String,
    /// The SVG.
    pub bytes: Vec<u8>,
    /// Caption / alt text.
    pub title: String,
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The HTML books go to `<out>/<locale>/`, the language index to
    /// `<out>/index.html`.
    pub out: PathBuf,
    /// Where the mdBook source trees go; default `<out>-src` (`out/book-src`).
    pub sources: Option<PathBuf>,
    /// Book locales (BCP 47 tags, matched case-insensitively against the
    /// known ones, see [`known_locales`]), in the order the switcher lists
    /// them. Empty: every locale that has pages or a catalog
    /// ([`default_locales`]).
    pub locales: Vec<String>,
    /// A folder whose `*.tera` files replace the embedded templates of the
    /// same name.
    pub templates: Option<PathBuf>,
    /// A catalog folder (`<locale>/book.po`, laid out like the crate's
    /// `i18n/`) whose catalogs replace the embedded ones of the same locale.
    pub catalogs: Option<PathBuf>,
    /// Findings to show next to rows (hook for the checks).
    pub findings: Vec<Finding>,
    /// Diagrams to embed in page chapters (hook for the diagrams).
    pub diagrams: Vec<Diagram>,
}

impl Options {
    /// The default options for books written under `out`: the locales with
    /// pages or a catalog, the embedded templates and catalogs, no findings
    /// or diagrams.
    pub fn new(out: impl Into<PathBuf>) -> Options {
        Options {
            out: out.into(),
            sources: None,
            locales: Vec::new(),
            templates: None,
            catalogs: None,
            findings: Vec::new(),
            diagrams: Vec::new(),
        }
    }

    /// The locales given, without repeats (case-insensitive); empty when none
    /// were given (see [`Options::book_locales`]).
    pub fn locales(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for l in &self.locales {
            if !v.iter().any(|x| x.eq_ignore_ascii_case(l)) {
                v.push(l.clone());
            }
        }
        v
    }

    /// The locales to build for `m` with `cats`: the ones given, each
    /// resolved to a known locale ([`resolve_locale`]), or by default every
    /// locale with pages or a catalog ([`default_locales`]).
    pub fn book_locales(&self, m: &Matrix, cats: &Catalogs) -> Result<Vec<String>, BookError> {
        let given = self.locales();
        if given.is_empty() {
            return Ok(default_locales(m, cats));
        }
        let known = known_locales(Some(m), cats);
        let mut out: Vec<String> = Vec::new();
        for l in given {
            let r = resolve_locale(&l, &known).map_err(|e| BookError::new(e.to_string()))?;
            if !out.contains(&r) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The source tree folder, defaulted.
    pub fn sources_dir(&self) -> PathBuf {
        self.sources.clone().unwrap_or_else(|| {
            let mut name = self
                .out
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| "book".into());
            name.push("-src");
            self.out.with_file_name(name)
        })
    }

    /// The catalogs: embedded, overridden by `catalogs`.
    pub fn load_catalogs(&self) -> Result<Catalogs, BookError> {
        match &self.catalogs {
            Some(dir) => Catalogs::load(dir),
            None => Catalogs::embedded(),
        }
    }
}

/// A page of the matrix with all its editions (one per locale).
#[derive(Debug, Clone)]
pub(crate) struct Asset<'a> {
    pub asset_id: String,
    /// Chapter file stem, the same in every book.
    pub slug: String,
    pub editions: Vec<&'a Page>,
}

impl<'a> Asset<'a> {
    /// The edition a book in `locale` shows: the page in that locale, else
    /// the first edition (translated through the catalog).
    pub fn edition(&self, locale: &str) -> &'a Page {
        self.editions
            .iter()
            .find(|p| p.locale.eq_ignore_ascii_case(locale))
            .copied()
            .unwrap_or(self.editions[0])
    }

    pub fn has(&self, locale: &str) -> bool {
        self.editions
            .iter()
            .any(|p| p.locale.eq_ignore_ascii_case(locale))
    }
}

/// The port-summary pages (pages with at least one port table), grouped by
/// asset id, ordered by chapter slug.
pub(crate) fn assets(m: &Matrix) -> Vec<Asset<'_>> {
    let mut by_id: BTreeMap<String, Asset<'_>> = BTreeMap::new();
    for p in m.pages.iter().filter(|p| !p.tables.is_empty()) {
        let key = p.asset_id.to_ascii_lowercase();
        by_id
            .entry(key.clone())
            .or_insert_with(|| Asset {
                asset_id: p.asset_id.to_string(),
                slug: String::new(),
                editions: Vec::new(),
            })
            .editions
            .push(p);
    }
    let mut v: Vec<Asset<'_>> = by_id.into_values().collect();
    // The chapter's file name: the first edition's file name, made safe and
    // unique (crate::filename), never a generated chapter or an mdBook page.
    let items: Vec<(String, String)> = v
        .iter()
        .map(|a| {
            let path = a.editions[0].path.to_string();
            let base = crate::filename::sanitize(crate::filename::page_stem(&path));
            (path, base)
        })
        .collect();
    for (a, slug) in v.iter_mut().zip(crate::filename::unique(
        &items,
        crate::filename::BOOK_RESERVED,
    )) {
        a.slug = slug;
    }
    v.sort_by(|a, b| {
        a.slug
            .cmp(&b.slug)
            .then_with(|| a.asset_id.cmp(&b.asset_id))
    });
    v
}

/// The chapter file stem of every port-summary page's asset in the books of
/// `m`, by asset id (lowercase): `<stem>.md` in the sources, `<stem>.html` in
/// the HTML, and the stem of the chapter's diagrams.
pub fn chapter_stems(m: &Matrix) -> BTreeMap<String, String> {
    assets(m)
        .into_iter()
        .map(|a| (a.asset_id.to_ascii_lowercase(), a.slug))
        .collect()
}

/// A `--locale` that no locale data, catalog or page has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocale {
    /// The locale as given.
    pub given: String,
    /// The known locales ([`known_locales`]).
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown locale `{}`; expected: one of {}",
            self.given,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownLocale {}

fn push_locale(v: &mut Vec<String>, l: &str) {
    if crate::filename::is_locale_tag(l) && !v.iter().any(|x| x.eq_ignore_ascii_case(l)) {
        v.push(l.to_string());
    }
}

/// Every locale a book or a name can be in: the locale registry's folders
/// (`i18n/<locale>/`, with `--i18n DIR`'s), the catalogs, and the locales of
/// the pages of `m`. Sorted.
pub fn known_locales(m: Option<&Matrix>, cats: &Catalogs) -> Vec<String> {
    let mut v = Vec::new();
    for l in crate::names::registry().locales() {
        push_locale(&mut v, l.tag());
    }
    for l in cats.translations.keys() {
        push_locale(&mut v, l);
    }
    for p in m.iter().flat_map(|m| m.pages.iter()) {
        push_locale(&mut v, &p.locale);
    }
    v.sort();
    v
}

/// `given` as one of `known`: the same tag in any case (`zh-cn` is
/// `zh-CN`), else the one the locale registry serves it with once likely
/// subtags are removed (`zh-Hans-CN` is `zh-CN`).
pub fn resolve_locale(given: &str, known: &[String]) -> Result<String, UnknownLocale> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(given)) {
        return Ok(k.clone());
    }
    if let Some(l) = crate::names::registry().locale(given)
        && let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(l.tag()))
    {
        return Ok(k.clone());
    }
    Err(UnknownLocale {
        given: given.to_string(),
        known: known.to_vec(),
    })
}

/// The books built by default: every locale that has port-summary pages in
/// `m` or a catalog, sorted by tag.
pub fn default_locales(m: &Matrix, cats: &Catalogs) -> Vec<String> {
    let mut v = Vec::new();
    for l in cats.translations.keys() {
        push_locale(&mut v, l);
    }
    for p in m.pages.iter().filter(|p| !p.tables.is_empty()) {
        push_locale(&mut v, &p.locale);
    }
    v.sort();
    v
}

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
        return Err(BookError::new(format!(
            "invalid locale {bad:?}: not a BCP 47 language tag such as en-US or zh-CN"
        )));
    }
    let werr = |p: &std::path::Path, e: std::io::Error| {
        BookError::new(format!("cannot write {}: {e}", p.display()))
    };
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
                return Err(BookError::new(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
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
