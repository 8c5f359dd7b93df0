//! Page assembly: [`PageCx`] reads one page (front matter, headings,
//! tables, comments) and collects its diagnostics. A stage of its own so that
//! the walk over one page's blocks stays apart from reading each table
//! (`table`) and from the entry points (the crate root).

use crate::{frontmatter, markdown, tags};

use std::borrow::Cow;

use crate::align::PendingTable;
use crate::diag::{Code, Diagnostic, Severity};
use crate::html::{self, Lines};
use crate::model::{Heading, LocaleSource, Page, Paragraph, Str, Table};
use crate::table::{is_port_header, rows_read_as_rules};
use crate::vocab::Vocabs;
use crate::{canonical_locale, locale_from_url};

pub(crate) struct PageCx<'v, 'r> {
    pub(crate) path: String,
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) vocabs: &'v Vocabs<'r>,
    /// The tables of other layouts that the words left partly or wholly
    /// unread, kept raw for alignment to read again (see
    /// [`crate::align::Pending`]).
    pub(crate) pending: Vec<PendingTable>,
}

impl PageCx<'_, '_> {
    pub(crate) fn diag(
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

    pub(crate) fn page(&mut self, bytes: &[u8], folder_locale: Option<&str>) -> Option<Page> {
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
                    self.read_table(raw, line, heading, &locale, &mut tables);
                }
                markdown::Block::PipeTable { span, rows } => {
                    let line = lines.line(span.start);
                    let raw = html::pipe_table(&rows, &lines);
                    let heading = headings.last().cloned();
                    self.read_table(raw, line, heading, &locale, &mut tables);
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

    /// Reads one table into `tables` (or reports it), and keeps it raw in
    /// `pending` when it is of another layout, its page is not in the
    /// source language and its words left something unknown: alignment with
    /// the English edition may read it again (`align::reread`).
    fn read_table(
        &mut self,
        raw: html::RawTable,
        line: u32,
        heading: Option<Heading>,
        locale: &str,
        tables: &mut Vec<Table>,
    ) {
        let mark = self.diags.len();
        let read = self.table(&raw, line, heading.clone(), locale);
        let layout = read.as_ref().is_none_or(|t| !t.columns.is_empty());
        let header_idx = raw.rows.iter().position(|r| r.in_thead || r.is_header);
        let position = tables.len();
        let was_read = read.is_some();
        tables.extend(read);
        // A table without a header row is kept only when it was not read
        // (its first row then stands for the header, as `layout_table`
        // reads a headerless table).
        let headerless = header_idx.is_none();
        if headerless && (was_read || raw.rows.is_empty()) {
            return;
        }
        let header_idx = header_idx.unwrap_or(0);
        if !layout || self.vocabs.registry().is_source_language(locale) {
            return;
        }
        let diags = &self.diags[mark..];
        if !diags
            .iter()
            .any(|d| crate::align::left_unknown(d.code) || d.is_error())
        {
            return;
        }
        self.pending.push(PendingTable {
            position,
            read: was_read,
            raw,
            header_idx,
            headerless,
            line,
            heading,
            locale: locale.to_string(),
            diags: diags.to_vec(),
        });
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
