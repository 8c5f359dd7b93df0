//! Page structure: headings and tables in document order.
//!
//! pulldown-cmark gives the markdown structure with byte offsets: headings,
//! Markdown pipe tables (read here, cell by cell) and where raw HTML starts.
//! A CommonMark HTML block ends at the first blank line, so a `<table>` with
//! a blank line inside would arrive in pieces; instead, from the event where a
//! `<table>` opens, the source is tokenized (`tags`) to the `</table>` that
//! closes it and every event inside that span is skipped. The tokenizer, not
//! a string search, decides what is a tag: a `<table>` inside an HTML comment
//! is a commented-out table (reported, never read as rules), and a
//! `</table>` inside a comment or an attribute ends nothing. The table's
//! source then goes to `html`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::tags::{self, Kind, Tags};

/// A structural element of the page body. Offsets are into the page text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; `raw` is its inline source without the `#` markers.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The heading's inline source.
        raw: Range<usize>,
    },
    /// A `<table>…</table>` span of the source, ended where a browser ends
    /// it (see [`tags::table_end`]).
    Table {
        /// From `<table` to just past its `</table>`.
        span: Range<usize>,
        /// `</table>` tags inside cells, read as text of their cell.
        closes_in_cells: Vec<usize>,
        /// A `<!--` inside the table that never closes.
        unclosed_comment: Option<usize>,
        /// Closed comments inside the table.
        comments: Vec<Range<usize>>,
    },
    /// A paragraph of prose, or a list item without paragraphs of its own
    /// (a tight list).
    Paragraph {
        /// Where it starts (list markers left out).
        start: usize,
        /// Its inline content as HTML: Markdown's text (re-escaped) and
        /// inline HTML as written, emphasis and link markup dropped, for
        /// `html::inline_text` to read like a cell.
        html: String,
    },
    /// A `<table>` that never closes; the span runs to the end of the page.
    UnterminatedTable {
        /// Offset of the `<table`.
        start: usize,
    },
    /// A Markdown pipe table (`| a | b |` / `|---|---|`).
    PipeTable {
        /// The table's source.
        span: Range<usize>,
        /// Header row first.
        rows: Vec<PipeRow>,
    },
    /// A `<table>` inside an HTML comment: not live, reported.
    CommentedTable {
        /// Offset of the comment's `<!--`.
        comment: usize,
        /// Whether the comment closes (`-->`); if not it runs to the end of
        /// the page.
        closed: bool,
        /// The table's source inside the comment.
        span: Range<usize>,
    },
}

/// A row of a Markdown pipe table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipeRow {
    /// Offset of the row's first character.
    pub start: usize,
    /// Whether this is the header row (above the `|---|` line).
    pub head: bool,
    /// The row's cells as written, including cells beyond the header's
    /// count (which Markdown drops from the rendered table); cells Markdown
    /// adds to fill a short row are left out.
    pub cells: Vec<PipeCell>,
}

/// A cell of a pipe table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipeCell {
    /// Offset of the cell's source.
    pub start: usize,
    /// The cell's inline content as HTML (text escaped, inline HTML kept),
    /// so that `html` reads it like the content of a `<td>`.
    pub html: String,
}

/// Finds headings and tables in `text[body_start..]`; offsets are into `text`.
pub fn blocks(text: &str, body_start: usize) -> Vec<Block> {
    let body = &text[body_start..];
    let mut out = Vec::new();
    // Offsets below are into `text`.
    let mut skip_until = 0usize;
    let mut heading: Option<(u8, usize)> = None;
    let mut tags = Tags::new(text, body_start);
    // What the scanners learned about comments that never close, shared so
    // that no scan of the page runs to its end twice.
    let mut memo = usize::MAX;
    let mut pipe: Option<PipeBuilder> = None;
    // Prose: the paragraph being read, and the list items around it (each
    // with where its own text starts and ends, and whether it holds
    // paragraphs, which are then its text).
    let mut para: Option<(usize, String)> = None;
    let mut items: Vec<Item> = Vec::new();
    let options = Options::ENABLE_TABLES;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        if let Some(p) = pipe.as_mut() {
            if let Event::End(TagEnd::Table) = event {
                let p = pipe.take().expect("in a pipe table");
                out.push(Block::PipeTable {
                    span: p.start..range.end,
                    rows: p.rows,
                });
            } else {
                p.event(text, event, range);
            }
            continue;
        }
        // Events inside a table or comment read past their own event are
        // part of it; a heading's end is let through (it only counts if its
        // start was).
        let ends_block = matches!(
            event,
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item)
        );
        if range.start < skip_until && !ends_block {
            continue;
        }
        if heading.is_none() {
            match para.as_mut() {
                Some((_, html)) => inline_html(&event, html),
                None => {
                    if let Some(item) = items.last_mut() {
                        item.see(&event, &range);
                    }
                }
            }
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                para = Some((range.start, String::new()));
                if let Some(item) = items.last_mut() {
                    item.has_paragraphs = true;
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((start, html)) = para.take() {
                    out.push(Block::Paragraph { start, html });
                }
            }
            Event::Start(Tag::Item) => items.push(Item::default()),
            Event::End(TagEnd::Item) => {
                if let Some(item) = items.pop()
                    && let (false, Some(start)) = (item.has_paragraphs, item.text_start)
                {
                    out.push(Block::Paragraph {
                        start,
                        html: item.html,
                    });
                }
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, range.start)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    let raw = heading_inline(text, start..range.end);
                    out.push(Block::Heading { level, raw });
                }
            }
            Event::Start(Tag::Table(_)) => {
                pipe = Some(PipeBuilder {
                    start: range.start,
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                    last_cell_end: 0,
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if tags.pos() < range.start {
                    tags.resume_at(range.start);
                }
                tags = tags.with_comment_memo(memo);
                tags.limit(range.end);
                while let Some(t) = tags.next() {
                    match t.kind {
                        Kind::Comment { closed } => commented_tables(text, t, closed, &mut out),
                        Kind::Start if t.is_start("table") => {
                            memo = memo.min(tags.comment_memo());
                            let end = tags::table_end(text, t.start, &mut memo);
                            tags = tags.with_comment_memo(memo);
                            match end.end {
                                Some(e) => {
                                    out.push(Block::Table {
                                        span: t.start..e,
                                        closes_in_cells: end.closes_in_cells,
                                        unclosed_comment: end.unclosed_comment,
                                        comments: end.comments.iter().map(|&(a, b)| a..b).collect(),
                                    });
                                    tags.resume_at(e);
                                }
                                None => {
                                    out.push(Block::UnterminatedTable { start: t.start });
                                    tags.resume_at(text.len());
                                }
                            }
                        }
                        _ => {}
                    }
                }
                // A comment or table read past this event hides the events
                // inside it (a tag that ends within it hides nothing).
                if tags.pos() > range.end {
                    skip_until = skip_until.max(tags.pos());
                }
                memo = memo.min(tags.comment_memo());
            }
            _ => {}
        }
    }
    out
}

/// The tables inside a comment token `c`, as [`Block::CommentedTable`]s.
fn commented_tables(text: &str, c: tags::Token<'_>, closed: bool, out: &mut Vec<Block>) {
    let inner_start = (c.start + 4).min(c.end);
    let inner_end = inner_start + c.comment_text(text).len();
    // The comment's text as the whole source: nothing after it is read.
    let inner = &text[..inner_end];
    let mut t = Tags::new(inner, inner_start);
    while let Some(tag) = t.next() {
        if tag.is_start("table") {
            let mut memo = t.comment_memo();
            let end = tags::table_end(inner, tag.start, &mut memo)
                .end
                .unwrap_or(inner_end);
            t = t.with_comment_memo(memo);
            out.push(Block::CommentedTable {
                comment: c.start,
                closed,
                span: tag.start..end,
            });
            t.resume_at(end);
        }
    }
}

/// A list item being read: where its own inline text starts, that text
/// (a nested list ends it), and whether it holds paragraphs (which are then
/// its text).
#[derive(Default)]
struct Item {
    text_start: Option<usize>,
    html: String,
    nested: bool,
    has_paragraphs: bool,
}

impl Item {
    /// Notes an event inside the item (not inside a paragraph or heading).
    fn see(&mut self, event: &Event<'_>, range: &Range<usize>) {
        if let Event::Start(Tag::List(_)) = event {
            self.nested = true;
        }
        if self.nested {
            return;
        }
        if matches!(
            event,
            Event::Text(_) | Event::Code(_) | Event::InlineHtml(_)
        ) {
            self.text_start.get_or_insert(range.start);
        }
        inline_html(event, &mut self.html);
    }
}

/// Appends an inline event of a paragraph to its HTML: text re-escaped (so
/// that `&lt;` stays text), inline HTML as written, breaks as spaces;
/// emphasis, link and image markup are dropped (their text stays).
fn inline_html(event: &Event<'_>, html: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) => {
            for c in t.chars() {
                match c {
                    '<' => html.push_str("&lt;"),
                    '>' => html.push_str("&gt;"),
                    '&' => html.push_str("&amp;"),
                    c => html.push(c),
                }
            }
        }
        Event::InlineHtml(h) | Event::Html(h) => html.push_str(h),
        Event::SoftBreak | Event::HardBreak => html.push(' '),
        _ => {}
    }
}

/// Collects a pipe table's rows and cells from pulldown-cmark's events.
struct PipeBuilder {
    start: usize,
    rows: Vec<PipeRow>,
    /// The row being read and where its text ends (line end excluded).
    row: Option<(PipeRow, usize)>,
    cell: Option<PipeCell>,
    /// Where the last kept cell of the row ends.
    last_cell_end: usize,
}

impl PipeBuilder {
    fn event(&mut self, text: &str, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                let head = matches!(event, Event::Start(Tag::TableHead));
                let row = PipeRow {
                    start: range.start,
                    head,
                    cells: Vec::new(),
                };
                // Where the row's text ends, line end excluded.
                let end = range.start + text[range.clone()].trim_end().len();
                self.row = Some((row, end));
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some((mut row, end)) = self.row.take() {
                    if !row.cells.is_empty() {
                        row.cells
                            .extend(dropped_cells(text, self.last_cell_end, end));
                    }
                    self.rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => {
                self.cell = Some(PipeCell {
                    start: range.start,
                    html: String::new(),
                });
            }
            Event::End(TagEnd::TableCell) => {
                if let (Some(c), Some((row, end))) = (self.cell.take(), self.row.as_mut()) {
                    // A cell Markdown adds to fill a short row has no source
                    // and sits after the row's last character.
                    let padding = range.is_empty() && range.start >= *end;
                    if !padding {
                        row.cells.push(c);
                        self.last_cell_end = range.end;
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = self.cell.as_mut() {
                    escape_into(&mut c.html, &t);
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some(c) = self.cell.as_mut() {
                    c.html.push_str(&h);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = self.cell.as_mut() {
                    c.html.push(' ');
                }
            }
            _ => {}
        }
    }
}

/// The inline part of an ATX or setext heading.
fn heading_inline(body: &str, range: Range<usize>) -> Range<usize> {
    let s = &body[range.clone()];
    let first_line_end = s.find('\n').unwrap_or(s.len());
    let line = &s[..first_line_end];
    if line.trim_start().starts_with('#') {
        // ATX: strip leading #s and an optional closing sequence.
        let lead = line.len() - line.trim_start().len();
        let hashes = line[lead..].chars().take_while(|&c| c == '#').count();
        let mut inner = &line[lead + hashes..];
        let trimmed = inner.trim_end();
        let no_close = trimmed.trim_end_matches('#');
        if no_close.len() != trimmed.len() && (no_close.is_empty() || no_close.ends_with(' ')) {
            inner = no_close;
        }
        let start = range.start + lead + hashes + (inner.len() - inner.trim_start().len());
        let inner = inner.trim();
        start..start + inner.len()
    } else {
        // Setext: the text line(s) above the underline.
        let text_end = s.trim_end().rfind('\n').unwrap_or(s.len());
        range.start..range.start + s[..text_end].trim_end().len()
    }
}

/// Cells after the last one Markdown kept, in `text[from..end]` (the rest
/// of a row whose cells outnumber the header's): Markdown drops them from the
/// rendered table, so they are returned for the caller to report.
fn dropped_cells(text: &str, from: usize, end: usize) -> Vec<PipeCell> {
    let rest = &text[from..end];
    let Some(first) = rest.find(|c: char| !c.is_whitespace()) else {
        return Vec::new();
    };
    // The `|` that closed the last kept cell.
    let Some(after_pipe) = rest[first..].strip_prefix('|') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cell_start = from + first + 1;
    let mut escaped = false;
    for (i, c) in after_pipe.char_indices() {
        let at = from + first + 1 + i;
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                out.push((cell_start, at));
                cell_start = at + 1;
            }
            _ => escaped = false,
        }
    }
    out.push((cell_start, end));
    out.into_iter()
        .map(|(a, b)| (a, text[a..b].trim()))
        // The trailing `|` leaves an empty last piece.
        .filter(|(_, t)| !t.is_empty())
        .map(|(a, t)| {
            let mut html = String::new();
            escape_into(&mut html, &t.replace("\\|", "|"));
            PipeCell { start: a, html }
        })
        .collect()
}

/// Appends `t` to `html` with `&`, `<` and `>` escaped.
fn escape_into(html: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(b: &Block) -> Range<usize> {
        match b {
            Block::Table { span, .. }
            | Block::PipeTable { span, .. }
            | Block::CommentedTable { span, .. } => span.clone(),
            _ => panic!("not a table: {b:?}"),
        }
    }

    #[test]
    fn heading_then_table_with_blank_line_inside() {
        let text = "# Title\n\n### Edge: External\n\n<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nafter\n";
        let b = blocks(text, 0);
        // Two headings, the table, and the paragraph after it.
        assert_eq!(b.len(), 4);
        assert!(matches!(&b[3], Block::Paragraph { html, .. } if html == "after"));
        let Block::Heading { raw, .. } = &b[1] else {
            panic!()
        };
        assert_eq!(&text[raw.clone()], "Edge: External");
        let span = span(&b[2]);
        assert!(text[span.clone()].ends_with("</table>"));
        assert!(text[span.clone()].contains("<td>b</td>"));
    }

    #[test]
    fn unterminated_and_nested() {
        let b = blocks("<table>\n<tr><td>x", 0);
        assert_eq!(b, vec![Block::UnterminatedTable { start: 0 }]);
        let t = "<table><tr><td><table><tr><td>i</td></tr></table></td></tr></table>\n";
        let b = blocks(t, 0);
        assert_eq!(b.len(), 1);
        assert_eq!(span(&b[0]), 0..t.len() - 1);
    }

    #[test]
    fn tables_in_comments_are_not_tables() {
        // One comment over a blank line; a heading inside it is no heading.
        let t = "<!-- old:\n\n## Gone\n\n<table><tr><td>x</td></tr></table>\n-->\n\n## Kept\n";
        let b = blocks(t, 0);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(matches!(
            &b[0],
            Block::CommentedTable {
                comment: 0,
                closed: true,
                ..
            }
        ));
        assert_eq!(&t[span(&b[0])], "<table><tr><td>x</td></tr></table>");
        assert!(matches!(&b[1], Block::Heading { level: 2, .. }));
        // A comment that never closes hides the rest of the page.
        let t = "<div><!-- x </div>\n\n<table></table>\n";
        let b = blocks(t, 0);
        assert!(matches!(
            &b[..],
            [Block::CommentedTable { closed: false, .. }]
        ));
        // A `<table>` in a code block is code.
        assert_eq!(blocks("    <table></table>\n", 0), vec![]);
    }

    #[test]
    fn headings_with_inline_html_and_comments() {
        let t =
            "## 外部接口<span class=\"sxs-lookup\">External</span> <!-- c -->\n\n<table></table>\n";
        let b = blocks(t, 0);
        assert_eq!(b.len(), 2, "{b:?}");
        let Block::Heading { raw, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert!(t[raw.clone()].starts_with("外部接口<span"));
    }

    #[test]
    fn pipe_tables() {
        let t =
            "| A | B |\n|---|---|\n| x \\| y | <b>z</b> &amp; `c` |\n| only |\n| 1 | 2 | 3 | 4 |\n";
        let b = blocks(t, 0);
        let Block::PipeTable { rows, .. } = &b[0] else {
            panic!("{b:?}")
        };
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.html.as_str()).collect())
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["A", "B"],
                vec!["x | y", "<b>z</b> &amp; c"],
                vec!["only"],
                vec!["1", "2", "3", "4"],
            ]
        );
        assert!(rows[0].head && !rows[1].head);
        assert_eq!(rows[3].cells[2].start, t.rfind("3").unwrap() - 1);
    }
}
