//! The parser: docs trees → typed [`Matrix`] plus diagnostics.
//!
//! One stage per module: `frontmatter` (page metadata), `markdown` (headings
//! and table spans, pulldown-cmark), `html` (cells and lines, scraper),
//! `spec` and `endpoint` (the cell grammars), `classify` (table kinds),
//! `vocab` (per-locale words, from the `portmatrix-i18n` registry) and
//! `normalize` (character folding). This module walks the trees and
//! assembles pages.
//!
//! Every entry point reads the embedded locales ([`Registry::embedded`]);
//! the `_in` and `_with_registry` variants take other ones (a user's
//! `--i18n` folders).
//!
//! `build.rs` of the `portmatrix` crate calls this crate (and [`bake`]) to
//! bake the embedded default, so the data in the crate and the CLI's run-time
//! output come from the same code.
//! Nothing here panics on input: every problem becomes a [`Diagnostic`] with
//! a file and a line.

pub mod bake;
pub mod classify;
pub mod endpoint;
pub mod frontmatter;
pub mod html;
pub mod markdown;
pub mod normalize;
pub mod spec;
pub mod vocab;

use portmatrix_model as model;
use portmatrix_model::diag;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{
    Cell, Endpoint, EndpointKind, Heading, KindSource, LocaleSource, Matrix, Page, Protocol, Role,
    RowCells, Rule, Str, Table, TableKind,
};
use html::{Lines, RawCell, RawRow};
pub use portmatrix_i18n::Registry;
use portmatrix_i18n::SOURCE_LANGUAGE;
use vocab::Vocabs;

/// A docs tree to read, and how to name its files in paths and diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    pub root: PathBuf,
    /// Prefix shown instead of `root` (e.g. `source-docs` for the embedded
    /// default, whatever the absolute path of the checkout).
    pub display: String,
}

impl Source {
    pub fn new(root: impl Into<PathBuf>) -> Source {
        let root = root.into();
        let display = slashes(&root);
        Source { root, display }
    }
}

fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Every `.md` file under `root`, sorted, following directory symlinks but not
/// loops. Unreadable directories and loops become diagnostics.
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
        if p.is_dir() {
            walk(&p, source, seen, files, diags);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            files.push(p);
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
    finish(pages, diags)
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

/// Adds cross-page diagnostics (duplicate pages) and builds the matrix.
pub fn finish(pages: Vec<Page>, mut diags: Vec<Diagnostic>) -> Matrix {
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
fn folder_locale(file: &Path, root: &Path) -> Option<String> {
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
fn locale_from_url(url: &str) -> Option<String> {
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
                let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let col =
                    good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
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
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let lines = Lines::new(text);

        let fm = match frontmatter::parse(text) {
            Ok(Some(fm)) => fm,
            Ok(None) => {
                self.diag(
                    Severity::Info,
                    Code::SkippedPath,
                    1,
                    "not a docs page (no `---` front matter); skipped",
                );
                return None;
            }
            Err(frontmatter::FrontMatterError::Unterminated) => {
                self.diag(
                    Severity::Error,
                    Code::UnterminatedFrontMatter,
                    1,
                    "front matter opened with `---` on line 1 never closes",
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
                markdown::Block::Table { span } => {
                    let line = lines.line(span.start);
                    let raw = html::table(text, span, &lines);
                    let heading = headings.last().cloned();
                    if let Some(t) = self.table(raw, line, heading, &locale) {
                        tables.push(t);
                    }
                }
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
            tables: tables.into(),
        })
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
        if !is_port_header(&header.cells, locale, self.vocabs) {
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
        let has_role_column = header.cells.first().is_some_and(|c| {
            let k = normalize::key(&c.text);
            self.vocabs
                .for_locale(locale)
                .iter()
                .any(|v| v.role_words.iter().any(|w| k.contains(w.as_str())))
        });

        let mut rules = Vec::new();
        for (i, row) in raw.rows.iter().enumerate() {
            if i == header_idx || row.in_thead || row.is_header {
                continue;
            }
            if let Some(rule) = self.row(row, locale) {
                rules.push(rule);
            }
        }

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

const EXPECTED_HEADER: &str =
    "4 columns: Role/Protocol/TCP or UDP/Port | Source IP address | Destination IP address | Notes";

fn has_unknown(e: &Endpoint) -> bool {
    e.kind == EndpointKind::Unrecognized
        || e.candidates
            .iter()
            .any(|c| c.kind == EndpointKind::Unrecognized)
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
