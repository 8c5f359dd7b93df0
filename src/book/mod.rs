//! The localized runbook books: one mdBook per locale (zh-CN, en-US),
//! rendered from the typed matrix with tera templates and built to HTML with
//! mdBook used as a library.
//!
//! Pipeline ([`build`]):
//!
//! 1. [`render_sources`]: for each locale an mdBook source tree (`book.toml`,
//!    `src/SUMMARY.md`, one chapter per port-summary page, the cross-cutting
//!    chapters, the hand-written chapters of the repo's `book/` folder), from
//!    the templates in `templates/book/` (embedded; `--templates DIR`
//!    replaces any of them by name) and the catalogs in `i18n/`.
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
mod escape;
mod render;
mod site;
mod view;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::{Matrix, Page};

pub use catalog::{Catalogs, PoCatalog, PoEntry, merge, parse_po, write_po};
pub use escape::escape_text;
pub use render::{DEFAULT_TEMPLATES, Rendered, render_sources};
pub use site::{BuiltBook, Report, build, build_into};

/// The locales a book can be built in without extra catalogs.
pub const DEFAULT_LOCALES: &[&str] = &["zh-CN", "en-US"];

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
    pub path: String,
    pub line: u32,
    /// `error`, `warning` or `note` (anything else reads as `note`).
    pub severity: String,
    pub code: String,
    /// Already in the book's language (or locale-neutral).
    pub message: String,
}

/// A diagram of a page (from the diagrams module), embedded in the page's
/// chapter of every book (`locale: None`) or of one locale's book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    pub asset_id: String,
    pub locale: Option<String>,
    /// File name inside the book (`diagrams/<file_name>`), e.g. `edge.svg`.
    pub file_name: String,
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
    /// Book locales, in the order the switcher lists them. Empty: zh-CN and en-US.
    pub locales: Vec<String>,
    /// A folder whose `*.tera` files replace the embedded templates of the
    /// same name.
    pub templates: Option<PathBuf>,
    /// A catalog folder (`ui/<locale>.toml`, `<locale>.po`) whose files
    /// replace the embedded catalogs of the same name.
    pub catalogs: Option<PathBuf>,
    /// Findings to show next to rows (hook for the checks).
    pub findings: Vec<Finding>,
    /// Diagrams to embed in page chapters (hook for the diagrams).
    pub diagrams: Vec<Diagram>,
}

impl Options {
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

    /// The locales to build, defaulted.
    pub fn locales(&self) -> Vec<String> {
        if self.locales.is_empty() {
            DEFAULT_LOCALES.iter().map(|s| s.to_string()).collect()
        } else {
            let mut v: Vec<String> = Vec::new();
            for l in &self.locales {
                if !v.iter().any(|x| x.eq_ignore_ascii_case(l)) {
                    v.push(l.clone());
                }
            }
            v
        }
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

/// One text a book needs in a locale that the page does not have an edition
/// in: where it is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
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

/// The texts (page titles, table headings, notes) that the books in
/// `locales` take from the translation catalogs because the page has no
/// edition in that locale. Deduplicated by msgid (locations merged), in page
/// order.
pub fn translatable_texts(m: &Matrix, locales: &[String]) -> Vec<(SourceText, Vec<String>)> {
    let mut out: Vec<(SourceText, Vec<String>)> = Vec::new();
    for a in assets(m) {
        let targets: Vec<String> = locales.iter().filter(|l| !a.has(l)).cloned().collect();
        if targets.is_empty() {
            continue;
        }
        // Translate from the edition the books fall back to.
        let p = a.editions[0];
        let line_of_title = 1;
        let mut texts: Vec<(&str, u32, &'static str)> =
            vec![(p.title.as_ref(), line_of_title, "title")];
        for t in p.tables.iter() {
            if let Some(h) = &t.heading {
                texts.push((h.text.as_ref(), h.line, "heading"));
            }
            for r in t.rules.iter() {
                texts.push((r.note.as_ref(), r.cells.note.line, "note"));
            }
        }
        for (text, line, what) in texts {
            if text.trim().is_empty() {
                continue;
            }
            let loc = format!("{}:{}", p.path, line);
            if let Some((st, locs)) = out.iter_mut().find(|(s, _)| s.msgid == text) {
                locs.push(loc);
                for t in &targets {
                    if !st.target_locales.contains(t) {
                        st.target_locales.push(t.clone());
                    }
                }
            } else {
                out.push((
                    SourceText {
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
    pub kind: TranslationIssueKind,
    /// The book locale that lacks the translation.
    pub locale: String,
    pub msgid: String,
    /// `path:line` of the text in the pages (for stale entries: the catalog
    /// and the entry's first reference).
    pub location: String,
    /// The catalog consulted (`embedded:i18n/en-US.po`, or none).
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

/// Every text that would show as untranslated in the books of `locales`,
/// and every stale catalog entry. Sorted (kind, locale, location).
pub fn translation_issues(
    m: &Matrix,
    cats: &Catalogs,
    locales: &[String],
) -> Vec<TranslationIssue> {
    let mut out = Vec::new();
    let texts = translatable_texts(m, locales);
    for (st, _) in &texts {
        for l in &st.target_locales {
            let cat = cats.translations.get(l.as_str());
            let kind = match cat.and_then(|c| c.entries.get(&st.msgid)) {
                Some(e) if e.is_usable() => continue,
                Some(e) if e.fuzzy && !e.msgstr.is_empty() => TranslationIssueKind::Fuzzy,
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
    // Stale: translated entries whose msgid no page contains.
    let occurs = |id: &str| {
        m.pages.iter().any(|p| {
            p.title == id
                || p.tables.iter().any(|t| {
                    t.heading.as_ref().is_some_and(|h| h.text == id)
                        || t.rules.iter().any(|r| r.note == id)
                })
        })
    };
    for l in locales {
        let Some(cat) = cats.translations.get(l.as_str()) else {
            continue;
        };
        for e in cat.entries.values() {
            if !e.msgstr.is_empty() && !occurs(&e.msgid) {
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

/// The POT entries for the books of `locales` (see [`translatable_texts`]).
pub fn pot_entries(m: &Matrix, locales: &[String]) -> Vec<PoEntry> {
    translatable_texts(m, locales)
        .into_iter()
        .map(|(st, locs)| PoEntry {
            msgid: st.msgid,
            msgstr: String::new(),
            fuzzy: false,
            references: locs,
            comments: vec![format!("{} ({})", st.what, st.source_locale)],
            translator_comments: Vec::new(),
            previous: None,
        })
        .collect()
}

/// What `portmatrix i18n update` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateReport {
    pub pot: PathBuf,
    /// Each PO file written: path, entries, translated, fuzzy, untranslated, obsolete.
    pub po: Vec<(PathBuf, usize, usize, usize, usize, usize)>,
}

/// Regenerates `<dir>/portmatrix.pot` from the matrix and merges it into
/// `<dir>/<locale>.po` for every book locale that needs translations (and
/// every PO file already there), marking changed entries fuzzy.
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
    let pot = pot_entries(m, locales);
    let pot_path = dir.join("portmatrix.pot");
    let werr = |p: &std::path::Path, e: std::io::Error| {
        BookError::new(format!("cannot write {}: {e}", p.display()))
    };
    crate::output::write_atomic(&pot_path, write_po(None, &pot, &[]).as_bytes())
        .map_err(|e| werr(&pot_path, e))?;
    let mut targets: Vec<String> = translatable_texts(m, locales)
        .iter()
        .flat_map(|(s, _)| s.target_locales.clone())
        .collect();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().and_then(|x| x.to_str()) == Some("po")
                && let Some(s) = p.file_stem().and_then(|s| s.to_str())
            {
                targets.push(s.to_string());
            }
        }
    }
    targets.sort();
    targets.dedup();
    let mut report = UpdateReport {
        pot: pot_path,
        po: Vec::new(),
    };
    for l in targets {
        let path = dir.join(format!("{l}.po"));
        let old = match std::fs::read_to_string(&path) {
            Ok(text) => parse_po(&text, &path.display().to_string(), &l)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => PoCatalog {
                locale: l.clone(),
                origin: path.display().to_string(),
                ..PoCatalog::default()
            },
            Err(e) => {
                return Err(BookError::new(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        // Only the texts this locale's book needs.
        let mine: Vec<PoEntry> = translatable_texts(m, locales)
            .into_iter()
            .filter(|(s, _)| s.target_locales.contains(&l))
            .map(|(s, _)| s.msgid)
            .filter_map(|id| pot.iter().find(|e| e.msgid == id).cloned())
            .collect();
        let (merged, obsolete) = merge(&mine, &old);
        let fuzzy = merged.iter().filter(|e| e.fuzzy).count();
        let translated = merged.iter().filter(|e| e.is_usable()).count();
        let untranslated = merged.iter().filter(|e| e.msgstr.is_empty()).count();
        crate::output::write_atomic(
            &path,
            write_po(Some(&old.locale), &merged, &obsolete).as_bytes(),
        )
        .map_err(|e| werr(&path, e))?;
        report.po.push((
            path,
            merged.len(),
            translated,
            fuzzy,
            untranslated,
            obsolete.len(),
        ));
    }
    Ok(report)
}
