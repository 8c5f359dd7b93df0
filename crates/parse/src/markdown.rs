//! Page structure: headings and HTML table blocks in document order.
//!
//! pulldown-cmark gives the markdown structure with byte offsets. A CommonMark
//! HTML block ends at the first blank line, so a `<table>` with a blank line
//! inside would arrive in pieces; instead, from the block where a `<table>`
//! opens, the raw source is scanned for its matching `</table>` and every
//! event inside that span is skipped. The table's source then goes to `html`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A structural element of the page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; `raw` is its inline source without the `#` markers.
    Heading { level: u8, raw: Range<usize> },
    /// A `<table>…</table>` span of the source.
    Table { span: Range<usize> },
    /// A `<table>` that never closes; the span runs to the end of the page.
    UnterminatedTable { start: usize },
}

/// Finds headings and tables in `text[body_start..]`; offsets are into `text`.
pub fn blocks(text: &str, body_start: usize) -> Vec<Block> {
    let body = &text[body_start..];
    let mut out = Vec::new();
    let mut skip_until = 0usize;
    let mut heading: Option<(u8, usize)> = None;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        if range.start < skip_until {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, range.start)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    let raw = heading_inline(body, start..range.end);
                    out.push(Block::Heading {
                        level,
                        raw: raw.start + body_start..raw.end + body_start,
                    });
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                let mut from = range.start;
                while let Some(open) = find_open(body, from, range.end) {
                    match find_close(body, open) {
                        Some(end) => {
                            out.push(Block::Table {
                                span: open + body_start..end + body_start,
                            });
                            skip_until = end;
                            from = end;
                        }
                        None => {
                            out.push(Block::UnterminatedTable {
                                start: open + body_start,
                            });
                            skip_until = body.len();
                            from = body.len();
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
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

/// Position of the next `<table` tag (any case) in `s[from..limit]`.
fn find_open(s: &str, from: usize, limit: usize) -> Option<usize> {
    find_tag(s, from, "<table").filter(|&p| p < limit)
}

/// Byte just past the `</table>` that closes the `<table` at `open`,
/// counting nested tables.
fn find_close(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = open;
    loop {
        let next_open = find_tag(s, pos, "<table");
        let next_close = find_tag(s, pos, "</table");
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                pos = o + 1;
            }
            (_, Some(c)) => {
                depth = depth.saturating_sub(1);
                let end = s[c..].find('>').map(|i| c + i + 1).unwrap_or(s.len());
                if depth == 0 {
                    return Some(end);
                }
                pos = end;
            }
            (_, None) => return None,
        }
    }
}

/// Finds `tag` (lower-case, e.g. `<table`) case-insensitively, followed by
/// whitespace, `>` or `/`, at or after `from`.
pub fn find_tag(s: &str, from: usize, tag: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let t = tag.as_bytes();
    let mut i = from;
    while i + t.len() <= bytes.len() {
        if bytes[i] == b'<' && bytes[i..i + t.len()].eq_ignore_ascii_case(t) {
            match bytes.get(i + t.len()) {
                None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r') => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_then_table_with_blank_line_inside() {
        let text = "# Title\n\n### Edge: External\n\n<table>\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nafter\n";
        let b = blocks(text, 0);
        assert_eq!(b.len(), 3);
        let Block::Heading { raw, .. } = &b[1] else {
            panic!()
        };
        assert_eq!(&text[raw.clone()], "Edge: External");
        let Block::Table { span } = &b[2] else {
            panic!()
        };
        assert!(text[span.clone()].ends_with("</table>"));
        assert!(text[span.clone()].contains("<td>b</td>"));
    }

    #[test]
    fn unterminated_and_nested() {
        let b = blocks("<table>\n<tr><td>x", 0);
        assert_eq!(b, vec![Block::UnterminatedTable { start: 0 }]);
        let t = "<table><tr><td><table><tr><td>i</td></tr></table></td></tr></table>\n";
        let b = blocks(t, 0);
        assert_eq!(
            b,
            vec![Block::Table {
                span: 0..t.len() - 1
            }]
        );
    }
}
