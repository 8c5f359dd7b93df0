//! The hand-written chapters as messages, segmented the way `mdbook-xgettext`
//! (mdbook-i18n-helpers) segments a book: every run of inline text of a
//! block — a heading, a paragraph, a list item, a table cell — is one
//! message; structure (heading marks, list markers, table pipes, raw HTML
//! blocks, code blocks) is not translated. A message is the block's
//! markdown source with its line breaks joined by a space (soft breaks, as
//! mdbook-xgettext joins them); a translation replaces exactly that source,
//! so the chapter keeps its structure in every language.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The chapters' source language: `book/en-US/` holds them.
pub const SOURCE_LOCALE: &str = "en-US";

/// The hand-written chapters of the repo's `book/en-US/` folder, in book
/// order: file name and markdown. Every book translates them through its
/// catalog.
pub const HANDWRITTEN: &[(&str, &str)] = &[
    (
        "introduction.md",
        include_str!("../../book/en-US/introduction.md"),
    ),
    (
        "reading-a-rule.md",
        include_str!("../../book/en-US/reading-a-rule.md"),
    ),
    (
        "how-the-data-is-made.md",
        include_str!("../../book/en-US/how-the-data-is-made.md"),
    ),
];

/// One message of a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range of its markdown in the chapter.
    pub range: Range<usize>,
    /// 1-based line where it starts.
    pub line: usize,
    /// The message: the markdown with line breaks joined.
    pub msgid: String,
}

fn options() -> Options {
    // The extensions mdBook and mdbook-xgettext parse with.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn is_inline(e: &Event<'_>) -> bool {
    matches!(
        e,
        Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Start(
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::Link { .. }
                    | Tag::Image { .. }
            )
            | Event::End(
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript
                    | TagEnd::Link
                    | TagEnd::Image
            )
    )
}

/// Line breaks (with the spaces around them) joined by one space.
pub fn join_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.trim().lines().enumerate() {
        if i > 0 {
            out.truncate(out.trim_end().len());
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The messages of a chapter, in order.
pub fn segments(md: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut in_code = 0usize;
    let close = |current: &mut Option<Range<usize>>, out: &mut Vec<Segment>| {
        if let Some(r) = current.take() {
            let text = &md[r.clone()];
            let lead = text.len() - text.trim_start().len();
            let trail = text.len() - text.trim_end().len();
            let range = r.start + lead..r.end - trail;
            if range.is_empty() {
                return;
            }
            out.push(Segment {
                line: md[..range.start].matches('\n').count() + 1,
                msgid: join_lines(&md[range.clone()]),
                range,
            });
        }
    };
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => {
                close(&mut current, &mut out);
                in_code += 1;
            }
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            e if in_code == 0 && is_inline(e) => {
                current = Some(match current.take() {
                    Some(c) => c.start.min(range.start)..c.end.max(range.end),
                    None => range,
                });
            }
            _ => close(&mut current, &mut out),
        }
    }
    close(&mut current, &mut out);
    out
}

/// The chapter with every message that `translate` knows replaced by its
/// translation, and how many messages it has and how many were translated.
pub fn translate(md: &str, translate: impl Fn(&str) -> Option<String>) -> (String, usize, usize) {
    let segs = segments(md);
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    let mut done = 0;
    for s in &segs {
        out.push_str(&md[at..s.range.start]);
        match translate(&s.msgid) {
            Some(t) => {
                out.push_str(&t);
                done += 1;
            }
            None => out.push_str(&md[s.range.clone()]),
        }
        at = s.range.end;
    }
    out.push_str(&md[at..]);
    (out, segs.len(), done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_messages_and_structure_is_not() {
        let md = "# Title\n\nA paragraph\n  on two lines with `code`.\n\n- **Item**: one\n  two\n- [link](x.md)\n\n| A | B |\n| --- | --- |\n| cell | *other* |\n\n```\nfn main() {}\n```\n\n<div>\nhtml\n</div>\n";
        let ids: Vec<String> = segments(md).into_iter().map(|s| s.msgid).collect();
        assert_eq!(
            ids,
            [
                "Title",
                "A paragraph on two lines with `code`.",
                "**Item**: one two",
                "[link](x.md)",
                "A",
                "B",
                "cell",
                "*other*"
            ]
        );
        assert_eq!(segments(md)[1].line, 3);
        let (out, n, done) = translate(md, |id| match id {
            "Title" => Some("标题".into()),
            "**Item**: one two" => Some("**项**：一二".into()),
            "cell" => Some("单元格".into()),
            _ => None,
        });
        assert_eq!((n, done), (8, 3));
        assert!(out.starts_with("# 标题\n\nA paragraph\n  on two lines"));
        assert!(out.contains("- **项**：一二\n- [link](x.md)"));
        assert!(out.contains("| 单元格 | *other* |"));
        assert!(out.contains("```\nfn main() {}\n```"));
    }

    #[test]
    fn every_handwritten_chapter_has_a_title_first() {
        for (file, md) in HANDWRITTEN {
            let segs = segments(md);
            assert!(md.starts_with(&format!("# {}", segs[0].msgid)), "{file}");
        }
    }
}
