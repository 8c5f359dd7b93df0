//! The parser: docs trees → typed [`Matrix`] plus diagnostics.
//!
//! One stage per module: `frontmatter` (page metadata), `markdown` (headings
//! and tables, pulldown-cmark), `tags` (where HTML tags and comments are, by
//! the HTML tokenizer's rules), `html` (cells and lines, scraper), `spec` and
//! `endpoint` (the cell grammars), `classify` (table kinds), `vocab`
//! (per-locale words, from the `portmatrix-i18n` registry) and `normalize` (character folding). This module walks
//! the trees and assembles pages.
//!
//! Every entry point reads the embedded locales ([`Registry::embedded`]);
//! the `_in` and `_with_registry` variants take other ones (a user's
//! `--i18n` folders).
//!
//! `build.rs` of the `portmatrix` crate calls this crate (and [`bake`]) to
//! bake the embedded default, so the data in the crate and the CLI's run-time
//! output come from the same code.
//! Nothing here panics on input: every problem becomes a [`Diagnostic`] with
//! a file and a line. Nothing is dropped silently either: a page, table or
//! row that is not read is reported (at least as a warning), and HTML
//! comments are never read as rules.
//!
//! ```
//! let page = "---\nms:assetid: 'abc'\nms.contentlocale: en-US\n---\n\n\
//! ## Firewall summary: external interface\n\n<table>\n\
//! <thead><tr><th>Role/Protocol/TCP or UDP/Port</th><th>Source IP address</th>\
//! <th>Destination IP address</th><th>Notes</th></tr></thead>\n\
//! <tbody><tr><td>Access/SIP(TLS)/TCP/443</td><td>Any</td>\
//! <td>Edge Server Access Edge service public IP address</td><td>Client-to-server SIP</td></tr></tbody>\n\
//! </table>\n";
//! let (page, diags) = portmatrix_parse::parse_page("docs/en-US/p.md", page.as_bytes(), None);
//! let page = page.unwrap();
//! assert!(diags.is_empty(), "{diags:?}");
//! let rule = &page.tables[0].rules[0];
//! assert_eq!((rule.ports.first(), rule.destination.kind), (443, portmatrix_model::EndpointKind::AccessEdge));
//! ```

#![warn(missing_docs)]

pub mod align;
pub mod bake;
pub mod cells;
pub mod classify;
pub mod columns;
pub mod endpoint;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod normalize;
pub mod spec;
pub mod tags;
pub mod vocab;

mod compact;
mod infer;
mod layouts;
mod nesting;
mod page;
mod source;
mod table;

use portmatrix_model as model;
use portmatrix_model::diag;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{Matrix, Page};
pub use portmatrix_i18n::Registry;
use vocab::Vocabs;

use page::PageCx;
pub use source::{OUTPUT_MARKER, Source, discover, display_path, is_output_folder, stable_name};
use source::{skipped_special, special_kind};

/// Parses every page of the given trees, in order (trees as given, files
/// sorted within a tree). Files are parsed in parallel on rayon's pool (all
/// cores, or `RAYON_NUM_THREADS`); the results are collected in file order,
/// so the matrix is the same whatever the number of threads.
pub fn parse_sources(sources: &[Source]) -> Matrix {
    parse_sources_with(sources, &|_| {})
}

/// What [`parse_sources_with`] reports while it works (for a progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A tree was searched: this many pages will be parsed from it.
    Found(usize),
    /// One more page was parsed (called from the worker threads).
    Parsed,
}

/// [`parse_sources`], calling `progress` as it goes.
pub fn parse_sources_with(sources: &[Source], progress: &(dyn Fn(Progress) + Sync)) -> Matrix {
    parse_sources_in(sources, Vocabs::embedded(), progress)
}

/// [`parse_sources_with`], reading the words of `registry`'s locales.
pub fn parse_sources_with_registry(
    sources: &[Source],
    registry: &Registry,
    progress: &(dyn Fn(Progress) + Sync),
) -> Matrix {
    if std::ptr::eq(registry, Registry::embedded()) {
        return parse_sources_in(sources, Vocabs::embedded(), progress);
    }
    parse_sources_in(sources, &Vocabs::new(registry), progress)
}

/// [`parse_sources_with`], reading the words of `vocabs`.
pub fn parse_sources_in(
    sources: &[Source],
    vocabs: &Vocabs,
    progress: &(dyn Fn(Progress) + Sync),
) -> Matrix {
    use rayon::prelude::*;
    let mut pages = Vec::new();
    let mut pending = Vec::new();
    let mut diags = Vec::new();
    let mut empty = Vec::new();
    // The matrix is held whole: each page's texts are shared with the equal
    // ones of the pages before it as soon as it is read (see `compact`).
    let pool = std::sync::Mutex::new(compact::TextPool::default());
    for source in sources {
        let (files, d) = discover(source);
        let mut said = tells_something(None, &d);
        diags.extend(d);
        progress(Progress::Found(files.len()));
        let results: Vec<Parsed> = files
            .par_iter()
            .map(|f| {
                let mut r = parse_file_pending(source, f, vocabs);
                {
                    let mut pool = pool.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(page) = &mut r.page {
                        compact::compact_page(page, &mut pool);
                    }
                    for d in &mut r.diags {
                        compact::compact_diagnostic(d, &mut pool);
                    }
                }
                progress(Progress::Parsed);
                r
            })
            .collect();
        for r in results {
            said |= tells_something(r.page.as_ref(), &r.diags);
            if let Some(page) = r.page {
                pages.push(page);
                pending.push(r.pending);
            }
            diags.extend(r.diags);
        }
        if !said && source.root.is_dir() {
            empty.push(no_pages(source, files.len()));
        }
    }
    // After every page's own diagnostics, as `stream` writes them.
    diags.extend(empty);
    finish_pending(pages, pending, diags, vocabs)
}

/// One page as the parser reads it: the page (`None` when the file holds
/// none), its diagnostics, and the tables that alignment with the page's
/// English edition may read again ([`align::Pending`]).
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The page.
    pub page: Option<Page>,
    /// Its diagnostics, in order.
    pub diags: Vec<Diagnostic>,
    /// Its tables of other layouts that its words left partly unread.
    pub pending: align::Pending,
}

/// Whether a file's outcome tells the user something: a page, or a warning
/// or error about the file. A tree where no file does (empty, or only
/// `.md` files that are no docs page) gets [`no_pages`].
pub fn tells_something(page: Option<&Page>, diags: &[Diagnostic]) -> bool {
    page.is_some() || diags.iter().any(|d| d.severity <= Severity::Warning)
}

/// The warning for a tree that gave no page and no reason (see
/// [`tells_something`]): most likely the wrong folder, so say so rather
/// than write empty outputs without a word. (A root that is not a directory
/// has its `io` error instead.)
pub fn no_pages(source: &Source, files: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        Code::NoPages,
        source.display.clone(),
        0,
        format!("no docs page in this tree ({files} `.md` file(s), none read as a page)"),
    )
    .with_expected(
        "a folder holding the TechNet pages (`.md` files that start with `---` front matter)",
    )
}

/// Reads and parses one file of `source`.
pub fn parse_file(source: &Source, f: &Path) -> (Option<Page>, Vec<Diagnostic>) {
    parse_file_in(source, f, Vocabs::embedded())
}

/// [`parse_file`], reading the words of `vocabs`.
pub fn parse_file_in(
    source: &Source,
    f: &Path,
    vocabs: &Vocabs,
) -> (Option<Page>, Vec<Diagnostic>) {
    let r = parse_file_pending(source, f, vocabs);
    (r.page, r.diags)
}

/// [`parse_file_in`], keeping the tables that alignment may read again:
/// what [`finish_pending`] and [`align::type_page_pending`] take.
pub fn parse_file_pending(source: &Source, f: &Path, vocabs: &Vocabs) -> Parsed {
    let shown = display_path(source, f);
    let folder_locale = folder_locale(f, &source.root);
    // Reading a FIFO would block forever, a device never end.
    if let Some(what) = std::fs::metadata(f).ok().as_ref().and_then(special_kind) {
        return Parsed {
            diags: vec![skipped_special(shown, what)],
            ..Parsed::default()
        };
    }
    match std::fs::read(f) {
        Ok(bytes) => parse_page_pending(&shown, &bytes, folder_locale.as_deref(), vocabs),
        Err(e) => Parsed {
            diags: vec![Diagnostic::new(
                Severity::Error,
                Code::Io,
                shown,
                0,
                format!("cannot read file: {e}"),
            )],
            ..Parsed::default()
        },
    }
}

/// Adds cross-page diagnostics (duplicate pages), types what alignment
/// with the English editions types ([`align`]) and builds the matrix, with
/// the embedded locales.
pub fn finish(pages: Vec<Page>, diags: Vec<Diagnostic>) -> Matrix {
    finish_with(pages, diags, Registry::embedded())
}

/// [`finish`] with the locales of `registry` (which of them is the source
/// language). Pages read without their pending tables ([`parse_page_in`])
/// have only their cells typed; [`finish_pending`] also reads again their
/// tables of other layouts.
pub fn finish_with(
    mut pages: Vec<Page>,
    mut diags: Vec<Diagnostic>,
    registry: &Registry,
) -> Matrix {
    align::type_by_alignment(&mut pages, &mut diags, registry);
    matrix(pages, diags)
}

/// [`finish_with`] for pages read with [`parse_file_pending`]: `pending[i]`
/// holds the tables of `pages[i]` that alignment may read again with the
/// English edition's columns and rows (see [`align`]).
pub fn finish_pending(
    mut pages: Vec<Page>,
    pending: Vec<align::Pending>,
    mut diags: Vec<Diagnostic>,
    vocabs: &Vocabs,
) -> Matrix {
    align::type_by_alignment_pending(&mut pages, &pending, &mut diags, vocabs);
    matrix(pages, diags)
}

/// The matrix of `pages`, with the duplicate-page warnings.
fn matrix(mut pages: Vec<Page>, mut diags: Vec<Diagnostic>) -> Matrix {
    let mut first = Duplicates::default();
    for p in &pages {
        diags.extend(first.check(p));
    }
    // Held as long as the matrix: no spare capacity.
    pages.shrink_to_fit();
    diags.shrink_to_fit();
    Matrix {
        pages: pages.into(),
        diagnostics: diags.into(),
    }
}

/// Finds pages with the same asset id and locale as an earlier page.
#[derive(Default)]
pub struct Duplicates(BTreeMap<(String, String), String>);

impl Duplicates {
    /// A warning when `p` repeats an earlier page (pages checked in order).
    pub fn check(&mut self, p: &Page) -> Option<Diagnostic> {
        let k = (p.asset_id.to_string(), p.locale.to_string());
        if let Some(other) = self.0.get(&k) {
            Some(Diagnostic::new(
                Severity::Warning,
                Code::DuplicatePage,
                p.path.clone(),
                1,
                format!("asset id {} in {} is also {other}", p.asset_id, p.locale),
            ))
        } else {
            self.0.insert(k, p.path.to_string());
            None
        }
    }
}

/// The nearest folder between `file` and `root` whose name is a locale tag.
pub(crate) fn folder_locale(file: &Path, root: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    rel.parent()?
        .components()
        .rev()
        .filter_map(|c| c.as_os_str().to_str())
        .find_map(canonical_locale)
}

/// `zh-cn` → `zh-CN`, `zh-hant-tw` → `zh-Hant-TW`; `None` when not a tag of
/// the form `language[-Script][-REGION]`.
pub fn canonical_locale(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['-', '_']).collect();
    let lang = parts.first()?;
    if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = lang.to_ascii_lowercase();
    for p in &parts[1..] {
        if p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push('-');
            out.push_str(&p[..1].to_ascii_uppercase());
            out.push_str(&p[1..].to_ascii_lowercase());
        } else if (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
            || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        {
            out.push('-');
            out.push_str(&p.to_ascii_uppercase());
        } else {
            return None;
        }
    }
    Some(out)
}

/// The locale in an `ms:mtpsurl` such as `https://technet.microsoft.com/zh-cn/library/…`.
pub(crate) fn locale_from_url(url: &str) -> Option<String> {
    url.split('/').skip(3).find_map(|seg| {
        (seg.contains('-') && seg.len() <= 10)
            .then(|| canonical_locale(seg))
            .flatten()
    })
}

/// Parses one page. `path` is how the page is named in the output;
/// `folder_locale` is the locale its folder names, if any.
pub fn parse_page(
    path: &str,
    bytes: &[u8],
    folder_locale: Option<&str>,
) -> (Option<Page>, Vec<Diagnostic>) {
    parse_page_in(path, bytes, folder_locale, Vocabs::embedded())
}

/// [`parse_page`], reading the words of `vocabs`.
pub fn parse_page_in(
    path: &str,
    bytes: &[u8],
    folder_locale: Option<&str>,
    vocabs: &Vocabs,
) -> (Option<Page>, Vec<Diagnostic>) {
    let r = parse_page_pending(path, bytes, folder_locale, vocabs);
    (r.page, r.diags)
}

/// [`parse_page_in`], keeping the tables that alignment may read again.
pub fn parse_page_pending(
    path: &str,
    bytes: &[u8],
    folder_locale: Option<&str>,
    vocabs: &Vocabs,
) -> Parsed {
    let mut cx = PageCx {
        path: path.to_string(),
        diags: Vec::new(),
        vocabs,
        pending: Vec::new(),
    };
    let page = cx.page(bytes, folder_locale);
    Parsed {
        page,
        diags: cx.diags,
        pending: align::Pending::new(cx.pending),
    }
}
