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
//! 2. mdBook (`mdbook-driver`, in process) builds each tree to HTML. A book
//!    of more than `parts::Limits::volume_chapters` pages is a book of
//!    volumes (`volumes/<section>_<n>/` in its tree, each an mdBook book of
//!    its own, built two at a time and moved beside the main book): mdBook's
//!    work per chapter and its memory grow with its book, not with the tree.
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
mod cross;
mod error;
mod escape;
mod i18n;
mod locale;
pub mod parts;
mod po;
mod render;
mod site;
pub(crate) mod view;
mod volumes;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::{Matrix, Page, Str};

pub use catalog::{
    CATALOG_FILE, Catalogs, EMBEDDED, EMBEDDED_POT, MsgKey, PluralRule, PoCatalog, PoEntry,
    PoHeader, TEMPLATE_FILE, UI, UiMessage, catalog_files, merge, parse_po, plural_forms_for,
    ui_message, write_po,
};
pub use chapters::{HANDWRITTEN, SOURCE_LOCALE, Segment, join_lines, segments};
pub use error::BookError;
pub use escape::escape_text;
pub use i18n::{
    CatalogUpdate, SourceText, TranslationIssue, TranslationIssueKind, UpdateReport,
    heading_context, i18n_update, lookup, pot_entries, pot_entries_for, translatable_texts,
    translation_issues, ui_and_chapter_entries,
};
pub use locale::{UnknownLocale, default_locales, known_locales, resolve_locale};
pub use render::{DEFAULT_TEMPLATES, RenderSummary, Rendered, Sink, render_each, render_sources};
pub use site::{BuiltBook, Report, build, build_into, build_into_with};

/// A finding about a row, a table or a page (from the checks), shown as an
/// admonition next to what it concerns. `path` and `line` are those of the
/// model (`Page::path`, `Rule::line`, `Table::line`); a line that matches no
/// row or table puts the finding at the top of the page.
///
/// The texts are [`Str`]s: a build holds a finding for every place of
/// every defect while its books are made (tens of thousands on a large
/// tree), and most of their texts are the same few codes and severities,
/// the page paths of the matrix and the checks' own messages, shared
/// rather than copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The page the finding is about, as the matrix names it.
    pub path: Str,
    /// The line of the row, table or heading it points at.
    pub line: u32,
    /// `error`, `warning` or `note` (anything else reads as `note`).
    pub severity: Str,
    /// The check's snake_case code (`role_endpoint_mismatch`).
    pub code: Str,
    /// Already in the book's language (or locale-neutral).
    pub message: Str,
}

/// A diagram of a page (from the diagrams module), embedded in the page's
/// chapter of every book (`locale: None`) or of one locale's book.
///
/// The texts are [`Str`]s, shared with the matrix and between diagrams
/// (a build lists four per page: two kinds in two books).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// The page's `ms:assetid` (every edition of it shows the diagram).
    pub asset_id: Str,
    /// The book that shows it; `None` for every book.
    pub locale: Option<Str>,
    /// File name inside the book (`diagrams/<file_name>`), e.g. `edge.svg`.
    pub file_name: Str,
    /// The SVG, written to the book's source tree as
    /// `src/diagrams/<file_name>`; `None` when the caller has written that
    /// file already (`portmatrix build` writes each page's diagrams as it
    /// draws them: see `pipeline::book_diagrams::write_book_diagrams`).
    pub bytes: Option<Vec<u8>>,
    /// Caption / alt text.
    pub title: Str,
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
    /// When a cross-cutting chapter is split into parts and a book loses
    /// `print.html` ([`parts::Limits`]; default: the documented constants).
    pub limits: parts::Limits,
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
            limits: parts::Limits::default(),
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
            let r = resolve_locale(&l, &known)?;
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
