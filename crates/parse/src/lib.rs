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
pub mod classify;
pub mod endpoint;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod normalize;
pub mod spec;
pub mod tags;
pub mod vocab;

use portmatrix_model as model;
use portmatrix_model::diag;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{
    Cell, Endpoint, EndpointKind, Heading, KindSource, LocaleSource, Matrix, Page, Paragraph,
    Protocol, Role, RowCells, Rule, Str, Table, TableKind,
};
use html::{Lines, RawCell, RawRow};
pub use portmatrix_i18n::Registry;
use portmatrix_i18n::SOURCE_LANGUAGE;
use vocab::Vocabs;

/// A docs tree to read, and how to name its files in paths and diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// The folder to read.
    pub root: PathBuf,
    /// Prefix of every page's `path` instead of `root` (e.g. `source-docs`
    /// for the embedded default, whatever the absolute path of the checkout).
    pub display: String,
}

impl Source {
    /// A tree named by its folder's own name ([`stable_name`]): pages are
    /// `<folder name>/<path relative to root>`, however `root` is spelled
    /// (`/abs/corpus`, `corpus`, `./corpus`, `corpus/` all give `corpus/…`).
    pub fn new(root: impl Into<PathBuf>) -> Source {
        let root = root.into();
        let display = stable_name(&root);
        Source { root, display }
    }

    /// A path as this tree names it (`display/…`, see [`display_path`])
    /// spelled with `root` as it was given instead, so that a person can open
    /// the file from where the command was run; `None` when `shown` is not
    /// under this tree.
    pub fn typed_path(&self, shown: &str) -> Option<String> {
        let typed = slashes(&self.root);
        let rest = if self.display.is_empty() {
            shown
        } else if shown == self.display {
            return Some(typed);
        } else {
            shown.strip_prefix(&self.display)?.strip_prefix('/')?
        };
        Some(if typed.is_empty() || typed == "." {
            rest.to_string()
        } else {
            format!("{}/{rest}", typed.trim_end_matches('/'))
        })
    }
}

/// The name of the folder `root` names: its last component once resolved
/// (symbolic links followed when it exists, `.` and `..` removed), or `""`
/// for the root folder.
pub fn stable_name(root: &Path) -> String {
    let resolved = root.canonicalize().unwrap_or_else(|_| {
        let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let mut out = PathBuf::new();
        for c in abs.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        out
    });
    resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The file that marks a folder as written by portmatrix (an output folder:
/// `portmatrix::output::MANIFEST`); discovery never reads such a folder.
pub const OUTPUT_MARKER: &str = ".portmatrix-manifest";

/// Whether discovery leaves the folder `dir` out: an output folder of
/// portmatrix (it holds [`OUTPUT_MARKER`]) or a staging folder of a run in
/// progress or killed (`.<name>.portmatrix-staging.<pid>`). So an `--out`
/// inside a docs tree is never read back as pages.
pub fn is_output_folder(dir: &Path) -> bool {
    let staging = dir.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.') && n.contains(".portmatrix-staging.")
    });
    staging || std::fs::symlink_metadata(dir.join(OUTPUT_MARKER)).is_ok_and(|m| m.is_file())
}

/// What a file that is not a regular file is, for the diagnostic that skips
/// it (`None` for a regular file).
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some("a device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

fn skipped_special(shown: String, what: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        Code::SkippedPath,
        shown,
        0,
        format!("{what}, not a page; skipped without opening it"),
    )
}

/// Every `.md` file under `root`, sorted, following directory symlinks but not
/// loops. Unreadable directories and loops become diagnostics; output folders
/// of portmatrix are left out ([`is_output_folder`]), and a FIFO, device or
/// socket named `*.md` is skipped with a warning, never opened.
pub fn discover(source: &Source) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut seen = HashSet::new();
    if !source.root.is_dir() {
        diags.push(Diagnostic::new(
            Severity::Error,
            Code::Io,
            source.display.clone(),
            0,
            "not a readable directory",
        ));
        return (files, diags);
    }
    walk(&source.root, source, &mut seen, &mut files, &mut diags);
    files.sort();
    (files, diags)
}

fn walk(
    dir: &Path,
    source: &Source,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let shown = display_path(source, dir);
    match dir.canonicalize() {
        Ok(c) => {
            if !seen.insert(c) {
                diags.push(Diagnostic::new(
                    Severity::Warning,
                    Code::SkippedPath,
                    shown,
                    0,
                    "directory already visited (symlink loop); skipped",
                ));
                return;
            }
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                Code::Io,
                shown,
                0,
                format!("cannot resolve directory: {e}"),
            ));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(Diagnostic::new(
                Severity::Error,
                Code::Io,
                shown,
                0,
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        // Follows links, opens nothing.
        let meta = std::fs::metadata(&p).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            if !is_output_folder(&p) {
                walk(&p, source, seen, files, diags);
            }
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            match meta.as_ref().and_then(special_kind) {
                Some(what) => diags.push(skipped_special(display_path(source, &p), what)),
                None => files.push(p),
            }
        }
    }
}

/// How a file under a source is shown: the source's display prefix joined
/// with the path relative to its root.
pub fn display_path(source: &Source, path: &Path) -> String {
    match path.strip_prefix(&source.root) {
        Ok(rel) if rel.as_os_str().is_empty() => source.display.clone(),
        Ok(rel) => {
            let rel = slashes(rel);
            if source.display.is_empty() || source.display == "." {
                rel
            } else {
                format!("{}/{}", source.display.trim_end_matches('/'), rel)
            }
        }
        Err(_) => slashes(path),
    }
}

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
    let mut diags = Vec::new();
    for source in sources {
        let (files, d) = discover(source);
        diags.extend(d);
        progress(Progress::Found(files.len()));
        let results: Vec<(Option<Page>, Vec<Diagnostic>)> = files
            .par_iter()
            .map(|f| {
                let r = parse_file_in(source, f, vocabs);
                progress(Progress::Parsed);
                r
            })
            .collect();
        for (page, d) in results {
            pages.extend(page);
            diags.extend(d);
        }
    }
    finish_with(pages, diags, vocabs.registry())
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
    let shown = display_path(source, f);
    let folder_locale = folder_locale(f, &source.root);
    // Reading a FIFO would block forever, a device never end.
    if let Some(what) = std::fs::metadata(f).ok().as_ref().and_then(special_kind) {
        return (None, vec![skipped_special(shown, what)]);
    }
    match std::fs::read(f) {
        Ok(bytes) => parse_page_in(&shown, &bytes, folder_locale.as_deref(), vocabs),
        Err(e) => (
            None,
            vec![Diagnostic::new(
                Severity::Error,
                Code::Io,
                shown,
                0,
                format!("cannot read file: {e}"),
            )],
        ),
    }
}

/// Adds cross-page diagnostics (duplicate pages), types what alignment
/// with the English editions types ([`align`]) and builds the matrix, with
/// the embedded locales.
pub fn finish(pages: Vec<Page>, diags: Vec<Diagnostic>) -> Matrix {
    finish_with(pages, diags, Registry::embedded())
}

/// [`finish`] with the locales of `registry` (which of them is the source
/// language).
pub fn finish_with(
    mut pages: Vec<Page>,
    mut diags: Vec<Diagnostic>,
    registry: &Registry,
) -> Matrix {
    align::type_by_alignment(&mut pages, &mut diags, registry);
    let mut first = Duplicates::default();
    for p in &pages {
        diags.extend(first.check(p));
    }
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
    let mut cx = PageCx {
        path: path.to_string(),
        diags: Vec::new(),
        vocabs,
    };
    let page = cx.page(bytes, folder_locale);
    (page, cx.diags)
}

struct PageCx<'v, 'r> {
    path: String,
    diags: Vec<Diagnostic>,
    vocabs: &'v Vocabs<'r>,
}

impl PageCx<'_, '_> {
    fn diag(
        &mut self,
        severity: Severity,
        code: Code,
        line: u32,
        message: impl Into<Str>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(
            severity,
            code,
            self.path.clone(),
            line,
            message,
        ));
        self.diags.last_mut().expect("just pushed")
    }

    fn page(&mut self, bytes: &[u8], folder_locale: Option<&str>) -> Option<Page> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            self.diag(Severity::Error, Code::EmptyFile, 0, "the file is empty");
            return None;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let line = line_breaks(good) + 1;
                let col = good.len()
                    - good
                        .iter()
                        .rposition(|&b| b == b'\n' || b == b'\r')
                        .map_or(0, |p| p + 1)
                    + 1;
                self.diag(
                    Severity::Error,
                    Code::NotUtf8,
                    line,
                    format!("the file is not UTF-8 (invalid byte at line {line}, column {col})"),
                )
                .expected = Some("UTF-8 text, with or without a byte order mark".into());
                return None;
            }
        };
        // Old Mac line ends (a lone CR) become LF, byte for byte, so that
        // offsets stay and every later stage counts lines alike.
        let text: Cow<'_, str> = if text.contains('\r') {
            Cow::Owned(lone_cr_to_lf(text))
        } else {
            Cow::Borrowed(text)
        };
        let text = text.as_ref();
        if let Some(pos) = text.find(|c: char| c == '\0' || (c.is_control() && !c.is_whitespace()))
        {
            let line = text[..pos].matches('\n').count() as u32 + 1;
            self.diag(
                Severity::Error,
                Code::BinaryFile,
                line,
                "the file holds control characters: not a text page",
            );
            return None;
        }
        // One byte order mark, or several (files concatenated or saved twice).
        let text = text.trim_start_matches('\u{FEFF}');
        let lines = Lines::new(text);

        let fm = match frontmatter::parse(text) {
            Ok(Some(fm)) => fm,
            Ok(None) => {
                self.not_a_page(text, &lines);
                return None;
            }
            Err(frontmatter::FrontMatterError::Unterminated { line }) => {
                self.diag(
                    Severity::Error,
                    Code::UnterminatedFrontMatter,
                    line,
                    format!("front matter opened with `---` on line {line} never closes"),
                )
                .expected = Some("a line `---` after the `key: value` lines".into());
                return None;
            }
        };

        let stem = self
            .path
            .rsplit('/')
            .next()
            .unwrap_or(&self.path)
            .trim_end_matches(".md")
            .to_string();
        let asset_id = match fm.get("ms:assetid") {
            Some(a) => a.to_string(),
            None => {
                self.diag(
                    Severity::Warning,
                    Code::MissingAssetId,
                    1,
                    format!("no `ms:assetid` in the front matter; using the file name `{stem}`"),
                );
                stem.clone()
            }
        };
        let (locale, locale_source) =
            if let Some(l) = fm.get("ms.contentlocale").and_then(canonical_locale) {
                (l, LocaleSource::ContentLocale)
            } else if let Some(l) = fm.get("ms:mtpsurl").and_then(locale_from_url) {
                (l, LocaleSource::MtpsUrl)
            } else if let Some(l) = folder_locale {
                (l.to_string(), LocaleSource::Folder)
            } else {
                self.diag(
                    Severity::Warning,
                    Code::UnknownLocale,
                    1,
                    "no locale: no `ms.contentlocale`, no locale in `ms:mtpsurl`, no locale folder",
                );
                ("und".to_string(), LocaleSource::Unknown)
            };

        let mut headings: Vec<Heading> = Vec::new();
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut tables: Vec<Table> = Vec::new();
        for block in markdown::blocks(text, fm.body_start) {
            match block {
                markdown::Block::Heading { level, raw } => {
                    let (t, original) = html::inline_text(&text[raw.clone()]);
                    let t = t.trim_matches(['*', '_', ' ']).to_string();
                    headings.push(Heading {
                        level,
                        text: t.into(),
                        original: original.map(Into::into),
                        line: lines.line(raw.start),
                    });
                }
                markdown::Block::Paragraph { start, html } => {
                    let (t, original) = html::inline_text(&html);
                    let t = t.trim();
                    if !t.is_empty() {
                        paragraphs.push(Paragraph {
                            text: t.to_string().into(),
                            original: original.map(Into::into),
                            line: lines.line(start),
                        });
                    }
                }
                markdown::Block::Table {
                    span,
                    closes_in_cells,
                    unclosed_comment,
                    comments,
                } => {
                    let line = lines.line(span.start);
                    for &p in &closes_in_cells {
                        self.diag(
                            Severity::Warning,
                            Code::TableCloseInCell,
                            lines.line(p),
                            "`</table>` inside a cell, with more rows after it: read as text of \
                             the cell (a browser ends the table here and drops the rows after it)",
                        )
                        .expected = Some("`&lt;/table&gt;` for the text".into());
                    }
                    for c in &comments {
                        self.commented_rows(text, c.clone(), &lines);
                    }
                    if let Some(c) = unclosed_comment {
                        self.unclosed_comment(text, c, span.end, &lines);
                    }
                    let raw = html::table(text, span, &lines, &closes_in_cells);
                    let heading = headings.last().cloned();
                    if let Some(t) = self.table(raw, line, heading, &locale) {
                        tables.push(t);
                    }
                }
                markdown::Block::PipeTable { span, rows } => {
                    let line = lines.line(span.start);
                    let raw = html::pipe_table(&rows, &lines);
                    let heading = headings.last().cloned();
                    if let Some(t) = self.table(raw, line, heading, &locale) {
                        tables.push(t);
                    }
                }
                markdown::Block::CommentedTable {
                    comment,
                    closed,
                    span,
                } => self.commented_table(text, comment, closed, span, &lines, &locale),
                markdown::Block::UnterminatedTable { start } => {
                    self.diag(
                        Severity::Error,
                        Code::UnterminatedTable,
                        lines.line(start),
                        "`<table>` is never closed",
                    )
                    .expected = Some("`</table>`".into());
                }
            }
        }

        let title = fm
            .get("title")
            .map(str::to_string)
            .or_else(|| {
                headings
                    .iter()
                    .find(|h| h.level == 1)
                    .map(|h| h.text.to_string())
            })
            .unwrap_or(stem);
        Some(Page {
            asset_id: asset_id.into(),
            locale: locale.into(),
            locale_source,
            path: self.path.clone().into(),
            title: title.into(),
            toc_title: fm.get("TOCTitle").map(|s| s.to_string().into()),
            mtps_url: fm.get("ms:mtpsurl").map(|s| s.to_string().into()),
            date: fm.get("ms.date").map(|s| s.to_string().into()),
            translation_type: fm.get("ms.translationtype").map(|s| s.to_string().into()),
            headings: headings.into(),
            paragraphs: paragraphs.into(),
            tables: tables.into(),
        })
    }

    /// A file without front matter: a warning when it looks like a docs page
    /// (it holds a table, or an `ms:assetid:` line), else an info.
    fn not_a_page(&mut self, text: &str, lines: &Lines) {
        let table = markdown::blocks(text, 0).into_iter().find_map(|b| match b {
            markdown::Block::Table { span, .. } | markdown::Block::PipeTable { span, .. } => {
                Some(span.start)
            }
            markdown::Block::UnterminatedTable { start } => Some(start),
            _ => None,
        });
        let asset_line = text
            .lines()
            .position(|l| {
                l.trim_start()
                    .get(..11)
                    .is_some_and(|k| k.eq_ignore_ascii_case("ms:assetid:"))
            })
            .map(|i| i as u32 + 1);
        let why = match (table, asset_line) {
            (Some(t), _) => format!("the file holds a table (line {})", lines.line(t)),
            (None, Some(l)) => format!("line {l} holds `ms:assetid:`"),
            (None, None) => {
                self.diag(
                    Severity::Info,
                    Code::SkippedPath,
                    1,
                    "not a docs page (no `---` front matter); skipped",
                );
                return;
            }
        };
        self.diag(
            Severity::Warning,
            Code::SkippedPath,
            1,
            format!("no `---` front matter at the top, yet {why}: the page is not read"),
        )
        .expected = Some(
            "a first line `---`, then `key: value` lines (`ms:assetid: …`), then a line `---`"
                .into(),
        );
    }

    /// Rows inside a comment in a live table: reported, never read.
    fn commented_rows(&mut self, text: &str, comment: std::ops::Range<usize>, lines: &Lines) {
        let inner_start = (comment.start + 4).min(comment.end);
        let inner_end = comment.end.saturating_sub(3).max(inner_start);
        let rows = tags::row_starts(text, inner_start, inner_end);
        if rows.is_empty() {
            return;
        }
        let rows: Vec<u32> = rows.iter().map(|&r| lines.line(r)).collect();
        self.diag(
            Severity::Warning,
            Code::CommentedOut,
            lines.line(comment.start),
            format!(
                "{} inside an HTML comment: not read (comments are not live rules)",
                row_list(&rows)
            ),
        );
    }

    /// A `<!--` in a live table that never closes.
    fn unclosed_comment(&mut self, text: &str, at: usize, table_end: usize, lines: &Lines) {
        let rows: Vec<u32> = tags::row_starts(text, at + 4, table_end)
            .iter()
            .map(|&r| lines.line(r))
            .collect();
        let lost = if rows.is_empty() {
            "the rest of the table after it is not read".to_string()
        } else {
            format!("the rest of the table is not read: {}", row_list(&rows))
        };
        self.diag(
            Severity::Warning,
            Code::UnclosedComment,
            lines.line(at),
            format!("`<!--` never closes, and a browser hides everything after it: {lost}"),
        )
        .expected = Some("`-->` to end the comment, or `&lt;!--` for the text".into());
    }

    /// A table inside an HTML comment: reported, never read.
    fn commented_table(
        &mut self,
        text: &str,
        comment: usize,
        closed: bool,
        span: std::ops::Range<usize>,
        lines: &Lines,
        locale: &str,
    ) {
        let line = lines.line(span.start);
        let raw = html::table(text, span, lines, &[]);
        let header = raw.rows.iter().position(|r| r.in_thead || r.is_header);
        let port = header.is_some_and(|h| {
            is_port_header(&raw.rows[h].cells, locale, self.vocabs)
                || rows_read_as_rules(&raw, h, self.vocabs)
        });
        let comment_line = lines.line(comment);
        let inside = if closed {
            format!("inside an HTML comment (`<!--` on line {comment_line})")
        } else {
            format!("inside an HTML comment that opens on line {comment_line} and never closes")
        };
        let what = if port {
            match raw.rows.len() - usize::from(header.is_some()) {
                1 => "port table (1 row)".to_string(),
                n => format!("port table ({n} rows)"),
            }
        } else {
            "table".to_string()
        };
        let d = self.diag(
            Severity::Warning,
            Code::CommentedOut,
            line,
            format!("{what} {inside}: not read (comments are not live rules)"),
        );
        if !closed {
            d.expected = Some("`-->` where the comment should end".into());
        } else if port {
            d.expected = Some("no `<!--` … `-->` around the table if its rules are live".into());
        }
    }

    /// Types one table, or reports why it is not a port table.
    fn table(
        &mut self,
        raw: html::RawTable,
        line: u32,
        heading: Option<Heading>,
        locale: &str,
    ) -> Option<Table> {
        let header_idx = raw.rows.iter().position(|r| r.in_thead || r.is_header);
        let Some(header_idx) = header_idx else {
            self.diag(
                Severity::Warning,
                Code::UnsupportedTableLayout,
                line,
                "table has no header row; not read as a port table",
            )
            .expected = Some(EXPECTED_HEADER.into());
            return None;
        };
        let header = &raw.rows[header_idx];
        let header_text: Vec<&str> = header.cells.iter().map(|c| c.text.as_str()).collect();
        let header_says = is_port_header(&header.cells, locale, self.vocabs);
        if !header_says && !rows_read_as_rules(&raw, header_idx, self.vocabs) {
            self.diag(
                Severity::Warning,
                Code::UnsupportedTableLayout,
                line,
                format!(
                    "table layout `{}` is not a port summary table; not read",
                    header_text.join(" | ")
                ),
            )
            .expected = Some(EXPECTED_HEADER.into());
            return None;
        }
        let header_names_role = header.cells.first().is_some_and(|c| {
            let k = normalize::key(&c.text);
            self.vocabs
                .for_locale(locale)
                .iter()
                .any(|v| v.role_words.iter().any(|w| k.contains(w.as_str())))
        });

        let mut rules = Vec::new();
        for (i, row) in raw.rows.iter().enumerate() {
            if i == header_idx {
                continue;
            }
            if row.in_thead {
                let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
                self.diag(
                    Severity::Warning,
                    Code::UnsupportedTableLayout,
                    row.line,
                    "a second header row (in `<thead>`): not read as a rule",
                )
                .cell = Some(cells.join(" | ").into());
                continue;
            }
            // Body rows of `<th>` cells are rows like any other.
            if let Some(rule) = self.row(row, locale) {
                rules.push(rule);
            }
        }

        // Whether the first column holds roles: the header's word for role,
        // else its shape in any language (four parts, `Role/Protocol/TCP or
        // UDP/Port`, against three without the role), else, for a header in
        // words no vocabulary knows, the rows, as the table itself was found.
        let four_parts = |t: &str| t.split('/').filter(|p| !p.trim().is_empty()).count() >= 4;
        let has_role_column = header_names_role
            || header.cells.first().is_some_and(|c| {
                four_parts(&c.text) || c.original.as_deref().is_some_and(four_parts)
            })
            || (!header_says && rules.iter().any(|r| r.role.is_some()));

        let heading_kind = heading.as_ref().and_then(|h| {
            classify::from_heading_in(&h.text, locale, self.vocabs).or_else(|| {
                h.original
                    .as_ref()
                    .and_then(|o| classify::from_heading_in(o, SOURCE_LANGUAGE, self.vocabs))
            })
        });
        let (kind, kind_source) = match heading_kind {
            Some(k) => (k, KindSource::Heading),
            None => match classify::from_rules(&rules) {
                Some(k) => (k, KindSource::Rows),
                None => {
                    self.diag(
                        Severity::Warning,
                        Code::UnclassifiedTable,
                        line,
                        "neither the heading nor the rows tell which interface this table describes",
                    )
                    .cell = heading.as_ref().map(|h| h.text.clone());
                    (TableKind::Unclassified, KindSource::Rows)
                }
            },
        };
        Some(Table {
            kind,
            kind_source,
            heading,
            line,
            has_role_column,
            rules: rules.into(),
        })
    }

    fn row(&mut self, row: &RawRow, locale: &str) -> Option<Rule> {
        let joined = || {
            row.cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        if let Some(c) = row.cells.iter().find(|c| c.span) {
            let line = c.line;
            let d = self.diag(
                Severity::Error,
                Code::CellSpan,
                line,
                "cell spans several columns or rows; port rows need one cell per column",
            );
            d.cell = Some(joined().into());
            d.expected = Some("four cells without colspan/rowspan".into());
            return None;
        }
        if let Some(c) = row.cells.iter().find(|c| c.nested_table) {
            let line = c.line;
            let d = self.diag(
                Severity::Error,
                Code::NestedTable,
                line,
                "a table nested inside a port table cell",
            );
            d.cell = Some(joined().into());
            return None;
        }
        if row.cells.is_empty() {
            // Nothing is lost, but nothing is silently skipped either.
            self.diag(
                Severity::Warning,
                Code::MissingCell,
                row.line,
                "empty row (no cells): not a rule",
            )
            .expected = Some(EXPECTED_HEADER.into());
            return None;
        }
        if row.cells.len() < 4 {
            let d = self.diag(
                Severity::Error,
                Code::MissingCell,
                row.line,
                format!("row has {} cell(s); a port row has 4", row.cells.len()),
            );
            d.cell = Some(joined().into());
            d.expected = Some(EXPECTED_HEADER.into());
            return None;
        }
        if row.cells.len() > 4 {
            let extra: Vec<&str> = row.cells[4..].iter().map(|c| c.text.as_str()).collect();
            let d = self.diag(
                Severity::Warning,
                Code::ExtraCell,
                row.cells[4].line,
                format!(
                    "row has {} cells; the cells after the fourth are not read",
                    row.cells.len()
                ),
            );
            d.cell = Some(extra.join(" | ").into());
        }
        let [spec_cell, src_cell, dst_cell, note_cell] =
            [&row.cells[0], &row.cells[1], &row.cells[2], &row.cells[3]];

        let mut invisible: Vec<char> = Vec::new();
        for c in spec_cell.text.chars().filter(|&c| normalize::is_format(c)) {
            if !invisible.contains(&c) {
                invisible.push(c);
            }
        }
        if !invisible.is_empty() {
            let names: Vec<String> = invisible
                .iter()
                .map(|&c| normalize::format_name(c))
                .collect();
            self.diag(
                Severity::Info,
                Code::InvisibleCharacter,
                spec_cell.line,
                format!(
                    "invisible {} in the cell: read without it",
                    names.join(", ")
                ),
            )
            .cell = Some(spec_cell.text.clone().into());
        }
        let spec = match spec::parse_spec_in(&spec_cell.text, self.vocabs) {
            Ok(s) => s,
            Err(e) => match spec_cell
                .original
                .as_deref()
                .map(|o| spec::parse_spec_in(o, self.vocabs))
            {
                Some(Ok(s)) => {
                    self.diag(
                        Severity::Info,
                        Code::TypedFromOriginal,
                        spec_cell.line,
                        "typed from the cell's English original",
                    )
                    .cell = Some(spec_cell.text.clone().into());
                    s
                }
                _ => {
                    let d = self.diag(Severity::Error, e.code, spec_cell.line, e.message);
                    d.cell = Some(spec_cell.text.clone().into());
                    d.expected = Some(e.expected.into());
                    return None;
                }
            },
        };
        if spec.transport_inferred {
            self.diag(
                Severity::Info,
                Code::TransportInferred,
                spec_cell.line,
                "no transport written; TCP inferred (TLS, MTLS and HTTP(S) run over TCP)",
            )
            .cell = Some(spec_cell.text.clone().into());
        }
        if let Some(Role::Unrecognized(r)) = &spec.role {
            let d = self.diag(
                Severity::Warning,
                Code::UnrecognizedRole,
                spec_cell.line,
                format!("unknown role `{r}`"),
            );
            d.cell = Some(spec_cell.text.clone().into());
            d.expected = Some("Access, A/V or Web Conferencing (or their localized names)".into());
        }
        for p in &spec.protocols {
            if let Protocol::Unrecognized(p) = p {
                let d = self.diag(
                    Severity::Warning,
                    Code::UnrecognizedProtocol,
                    spec_cell.line,
                    format!("unknown protocol `{p}`"),
                );
                d.cell = Some(spec_cell.text.clone().into());
                d.expected = Some("SIP, PSOM, XMPP, HTTP, HTTPS, DNS, RTP, SRTP, STUN, MSTURN, TURN, RDP, TLS or MTLS".into());
            }
        }
        let source = self.endpoint(src_cell, locale);
        let destination = self.endpoint(dst_cell, locale);
        Some(Rule {
            line: row.line,
            role: spec.role,
            protocols: spec.protocols.into(),
            transport: spec.transport,
            transport_inferred: spec.transport_inferred,
            ports: spec.ports,
            source,
            destination,
            note: note_cell.text.clone().into(),
            cells: RowCells {
                spec: cell(spec_cell),
                source: cell(src_cell),
                destination: cell(dst_cell),
                note: cell(note_cell),
            },
        })
    }

    fn endpoint(&mut self, c: &RawCell, locale: &str) -> Endpoint {
        let e = endpoint::parse_endpoint_in(&c.text, locale, self.vocabs);
        if !has_unknown(&e) {
            return e;
        }
        if let Some(orig) = &c.original {
            let from_original = endpoint::parse_endpoint_in(orig, SOURCE_LANGUAGE, self.vocabs);
            if !has_unknown(&from_original) {
                self.diag(
                    Severity::Info,
                    Code::TypedFromOriginal,
                    c.line,
                    "endpoint typed from the cell's English original",
                )
                .cell = Some(c.text.clone().into());
                return Endpoint {
                    text: e.text,
                    ..from_original
                };
            }
        }
        let unknown: Vec<String> = std::iter::once(e.unrecognized.clone())
            .chain(e.candidates.iter().map(|c| c.unrecognized.clone()))
            .flatten()
            .map(|s| format!("`{s}`"))
            .collect();
        let files: Vec<String> = self
            .vocabs
            .registry()
            .fallback(locale)
            .iter()
            .filter(|l| l.vocabulary().is_some())
            .map(|l| format!("{}/vocabulary.toml", l.folder()))
            .collect();
        let d = self.diag(
            Severity::Warning,
            Code::UnrecognizedEndpoint,
            c.line,
            format!("unknown endpoint {}", unknown.join(", ")),
        );
        d.cell = Some(c.text.clone().into());
        d.expected = Some(
            format!(
                "an endpoint that the vocabularies of {locale} know ({})",
                files.join(", ")
            )
            .into(),
        );
        e
    }
}

/// Counts line breaks in bytes: `\n`, `\r\n` or a lone `\r`.
fn line_breaks(bytes: &[u8]) -> u32 {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// `text` with every `\r` not followed by `\n` replaced by `\n`.
fn lone_cr_to_lf(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (i, _) in text.match_indices('\r') {
        if b.get(i + 1) != Some(&b'\n') {
            out.push_str(&text[from..i]);
            out.push('\n');
            from = i + 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// `1 row (line 30)`, `2 rows (lines 30, 36)`; at most five lines named.
fn row_list(lines: &[u32]) -> String {
    let shown: Vec<String> = lines.iter().take(5).map(u32::to_string).collect();
    let more = if lines.len() > 5 { ", …" } else { "" };
    match lines.len() {
        1 => format!("1 row (line {})", shown[0]),
        n => format!("{n} rows (lines {}{more})", shown.join(", ")),
    }
}

const EXPECTED_HEADER: &str =
    "4 columns: Role/Protocol/TCP or UDP/Port | Source IP address | Destination IP address | Notes";

fn has_unknown(e: &Endpoint) -> bool {
    e.kind == EndpointKind::Unrecognized
        || e.candidates
            .iter()
            .any(|c| c.kind == EndpointKind::Unrecognized)
}

/// Whether the body rows of a table read as port rules, whatever its header
/// says: the header has four cells, and on more than half of the body rows
/// (rows of the header aside) the first cell, or its English original, parses
/// with the first-column grammar (`Role/Protocol/TCP or UDP/Port`, a remark
/// in parentheses after the port aside) and names at least one known
/// protocol. The cell notation is the same in every language, so
/// this finds the port tables of a locale no vocabulary knows; other layouts
/// (`Server role | Service name | Port | Protocol | Notes`, `Component | Port
/// | Protocol | Notes`, `Source IP | Destination IP | Source Port |
/// Destination Port`) have another column count or no port rule in their
/// first column.
fn rows_read_as_rules(raw: &html::RawTable, header_idx: usize, vocabs: &Vocabs) -> bool {
    if raw.rows[header_idx].cells.len() != 4 {
        return false;
    }
    let parses = |text: &str| {
        spec::parse_spec_in(text, vocabs).is_ok_and(|s| {
            s.protocols
                .iter()
                .any(|p| !matches!(p, Protocol::Unrecognized(_)))
        })
    };
    // A remark in parentheses after the port (`SIP/TLS/443 (entrada)`)
    // does not make the row another layout (the row is then typed, or
    // reported, like any other).
    let reads = |text: &str| {
        parses(text)
            || text
                .trim_end()
                .strip_suffix([')', '）'])
                .and_then(|t| t.rfind(['(', '（']).map(|i| t[..i].trim_end()))
                .is_some_and(|t| t.ends_with(|c: char| c.is_ascii_digit()) && parses(t))
    };
    let (mut body, mut rules) = (0usize, 0usize);
    for (i, row) in raw.rows.iter().enumerate() {
        if i == header_idx || row.in_thead {
            continue;
        }
        body += 1;
        let rule = row.cells.len() >= 4
            && row
                .cells
                .first()
                .is_some_and(|c| reads(&c.text) || c.original.as_deref().is_some_and(reads));
        rules += usize::from(rule);
    }
    rules * 2 > body
}

/// Four header cells, the first naming TCP/UDP and a port (in any language
/// whose vocabulary knows the word for port).
fn is_port_header(cells: &[RawCell], locale: &str, vocabs: &Vocabs) -> bool {
    if cells.len() != 4 {
        return false;
    }
    let names_port = |text: &str, locale: &str| {
        let k = normalize::key(text);
        let port = vocabs
            .for_locale(locale)
            .iter()
            .any(|v| v.port_words.iter().any(|w| k.contains(w.as_str())));
        (k.contains("tcp") || k.contains("udp")) && port
    };
    names_port(&cells[0].text, locale)
        || cells[0]
            .original
            .as_ref()
            .is_some_and(|o| names_port(o, SOURCE_LANGUAGE))
}

fn cell(c: &RawCell) -> Cell {
    Cell {
        text: c.text.clone().into(),
        original: c.original.clone().map(Into::into),
        line: c.line,
    }
}
