//! Page structure: headings and tables in document order.
//!
//! pulldown-cmark gives the markdown structure with byte offsets: headings
//! and where raw HTML starts.
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
    /// A `<table>` that never closes; the span runs to the end of the page.
    UnterminatedTable {
        /// Offset of the `<table`.
        start: usize,
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
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        // Events inside a table or comment read past their own event are
        // part of it; a heading's end is let through (it only counts if its
        // start was).
        if range.start < skip_until && !matches!(event, Event::End(TagEnd::Heading(_))) {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, range.start)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    let raw = heading_inline(text, start..range.end);
                    out.push(Block::Heading { level, raw });
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn span(b: &Block) -> Range<usize> {
        match b {
            Block::Table { span, .. } | Block::CommentedTable { span, .. } => span.clone(),
            _ => panic!("not a table: {b:?}"),
        }
    }

    #[test]
    fn heading_then_table_with_blank_line_inside() {
        let text = "# Title\n\n### Edge: External\n\n<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nafter\n";
        let b = blocks(text, 0);
        assert_eq!(b.len(), 3);
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
}
