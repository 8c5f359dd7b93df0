//! The `{{#portmatrix …}}` directives: where they are in a chapter
//! ([`scan`]) and what they say ([`parse`]).
//!
//! A chapter is read with pulldown-cmark and mdBook's own Markdown options
//! (`mdbook-markdown`), offsets kept: a directive inside a code block, an
//! inline code span, an HTML tag or an HTML comment is text about
//! directives (or commented out) and is left as written, as is one written
//! `\{{#portmatrix …}}` (Markdown then shows it without the backslash). A directive renders a block (a table, a
//! diagram), so it must stand alone on its line; inside a blockquote or
//! after a list marker is fine, and the block is indented to stay there.

use std::ops::Range;

use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};

use crate::deploy::ids;
use crate::diagram::DiagramKind;
use crate::firewall::query::Filter;
use crate::model::{Direction, EndpointKind, Role, TableKind, Transport};

/// The directive's name, after `{{#`.
pub const NAME: &str = "portmatrix";

/// What a directive renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// `table PAGE [kind=…] [direction=…] [role=…]`: the page's port
    /// tables, one Markdown table each. `filter.page` is the page.
    Table(Filter),
    /// `diagram PAGE topology|ports`: one of the page's diagrams, inline SVG.
    Diagram {
        /// The page, by asset id or slug.
        page: String,
        /// Which diagram.
        kind: DiagramKind,
    },
    /// `query [port=…] [transport=…] [page=…] [kind=…] [direction=…]
    /// [role=…] [from=…] [to=…]`: the rules of every page that match, one
    /// table per page.
    Query(Filter),
    /// `findings PAGE`: the consistency checks' findings on the page.
    Findings {
        /// The page, by asset id or slug.
        page: String,
    },
}

impl Directive {
    /// The page the directive names, if it names one (`page=` for a query).
    pub fn page(&self) -> Option<&str> {
        match self {
            Directive::Table(f) | Directive::Query(f) => f.page.as_deref(),
            Directive::Diagram { page, .. } | Directive::Findings { page } => Some(page),
        }
    }
}

/// What a place expected, for an error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Nothing to list.
    Nothing,
    /// One of these values or forms.
    Values(Vec<String>),
    /// A page: the caller lists the known pages' slugs.
    Pages,
}

/// Why a directive cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What was expected there.
    pub expected: Expected,
}

impl Problem {
    pub(crate) fn new(message: impl Into<String>, expected: Expected) -> Problem {
        Problem {
            message: message.into(),
            expected,
        }
    }
}

/// The directives' names.
pub const DIRECTIVES: [&str; 4] = ["table", "diagram", "query", "findings"];

/// The keys each directive takes.
fn keys(directive: &str) -> &'static [&'static str] {
    match directive {
        "table" => &["kind", "direction", "role"],
        "query" => &[
            "port",
            "transport",
            "page",
            "kind",
            "direction",
            "role",
            "from",
            "to",
        ],
        _ => &[],
    }
}

fn values(v: &[&str]) -> Expected {
    Expected::Values(v.iter().map(|s| s.to_string()).collect())
}

/// A model enum named as the JSON contract names it (`external_interface`;
/// `-` for `_` and any case are accepted).
fn model_value<T>(key: &str, value: &str) -> Result<T, Problem>
where
    T: schemars::JsonSchema + serde::de::DeserializeOwned,
{
    ids::parse::<T>(value).ok_or_else(|| {
        Problem::new(
            format!("unknown {key} `{value}`"),
            Expected::Values(ids::variants::<T>()),
        )
    })
}

/// Reads the words of a directive, after `{{#portmatrix` and before `}}`.
///
/// ```
/// use portmatrix::mdbook::directive::{parse, Directive};
/// use portmatrix::model::TableKind;
/// let Directive::Table(f) = parse(" table f7cbd0f1-841d-4116-8d17-e9d991daa4a8 kind=federation").unwrap() else {
///     panic!()
/// };
/// assert_eq!(f.kind, Some(TableKind::Federation));
/// assert!(parse("tabel x").unwrap_err().message.contains("unknown directive `tabel`"));
/// ```
pub fn parse(words: &str) -> Result<Directive, Problem> {
    let mut words = words.split_whitespace();
    let Some(what) = words.next() else {
        return Err(Problem::new(
            "the directive does not say what to render",
            values(&DIRECTIVES),
        ));
    };
    if !DIRECTIVES.contains(&what) {
        return Err(Problem::new(
            format!("unknown directive `{what}`"),
            values(&DIRECTIVES),
        ));
    }
    let mut positional = Vec::new();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for w in words {
        match w.split_once('=') {
            Some((k, v)) => {
                if !keys(what).contains(&k) {
                    let expected = if keys(what).is_empty() {
                        Expected::Nothing
                    } else {
                        values(keys(what))
                    };
                    let also = if keys(what).is_empty() {
                        " (it takes no filters)"
                    } else {
                        ""
                    };
                    return Err(Problem::new(
                        format!("unknown filter `{k}` for `{what}`{also}"),
                        expected,
                    ));
                }
                if v.is_empty() {
                    return Err(Problem::new(
                        format!("`{k}=` has no value"),
                        Expected::Nothing,
                    ));
                }
                if pairs.iter().any(|(x, _)| *x == k) {
                    return Err(Problem::new(
                        format!("`{k}` is given twice"),
                        Expected::Nothing,
                    ));
                }
                pairs.push((k, v));
            }
            None => positional.push(w),
        }
    }
    let page_arg = |positional: &[&str]| -> Result<String, Problem> {
        positional.first().map(|p| p.to_string()).ok_or_else(|| {
            Problem::new(
                format!("`{what}` needs a page (its asset id or slug)"),
                Expected::Pages,
            )
        })
    };
    let extra = |positional: &[&str], n: usize| -> Result<(), Problem> {
        match positional.get(n) {
            Some(w) => Err(Problem::new(
                format!("unexpected `{w}` in `{what}`"),
                if keys(what).is_empty() {
                    Expected::Nothing
                } else {
                    Expected::Values(keys(what).iter().map(|k| format!("{k}=…")).collect())
                },
            )),
            None => Ok(()),
        }
    };
    let mut filter = Filter::default();
    for (k, v) in &pairs {
        match *k {
            "port" => {
                filter.port = Some(v.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
                    Problem::new(
                        format!("`port={v}` is not a port"),
                        values(&["a port number from 1 to 65535"]),
                    )
                })?)
            }
            "transport" => {
                filter.transport = Some(match v.to_ascii_lowercase().as_str() {
                    "tcp" => Transport::Tcp,
                    "udp" => Transport::Udp,
                    _ => {
                        return Err(Problem::new(
                            format!("unknown transport `{v}`"),
                            values(&["tcp", "udp"]),
                        ));
                    }
                })
            }
            "page" => filter.page = Some(v.to_string()),
            "kind" => filter.kind = Some(model_value::<TableKind>("kind", v)?),
            "direction" => filter.direction = Some(model_value::<Direction>("direction", v)?),
            "role" => filter.role = Some(model_value::<Role>("role", v)?),
            "from" => filter.from = Some(model_value::<EndpointKind>("endpoint", v)?),
            "to" => filter.to = Some(model_value::<EndpointKind>("endpoint", v)?),
            _ => unreachable!("keys() lists every key"),
        }
    }
    match what {
        "table" => {
            filter.page = Some(page_arg(&positional)?);
            extra(&positional, 1)?;
            Ok(Directive::Table(filter))
        }
        "query" => {
            extra(&positional, 0)?;
            Ok(Directive::Query(filter))
        }
        "findings" => {
            let page = page_arg(&positional)?;
            extra(&positional, 1)?;
            Ok(Directive::Findings { page })
        }
        _ => {
            let page = page_arg(&positional)?;
            let kinds = values(&["topology", "ports"]);
            let kind = match positional.get(1).copied() {
                Some("topology") => DiagramKind::Topology,
                Some("ports") => DiagramKind::Ports,
                Some(other) => {
                    return Err(Problem::new(format!("unknown diagram `{other}`"), kinds));
                }
                None => {
                    return Err(Problem::new("`diagram` needs the diagram to draw", kinds));
                }
            };
            extra(&positional, 2)?;
            Ok(Directive::Diagram { page, kind })
        }
    }
}

/// A directive found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of `{{#portmatrix …}}` in the chapter.
    pub range: Range<usize>,
    /// 1-based line of its `{{`.
    pub line: u32,
    /// The words between the name and `}}`, or why the directive cannot
    /// be expanded where it stands.
    pub words: Result<String, Problem>,
    /// What each further line of the block it renders starts with, to stay
    /// in the blockquote or list item the directive is in (`> `, `   `).
    pub continuation: String,
    /// Whether the directive follows a list marker on its line (the block
    /// then starts right after the marker).
    pub after_list_marker: bool,
}

impl Found {
    /// The directive as written (shortened), for messages.
    pub fn written<'a>(&self, chapter: &'a str) -> &'a str {
        let text = &chapter[self.range.clone()];
        match text.char_indices().nth(120) {
            Some((i, _)) => &text[..i],
            None => text,
        }
    }
}

/// The ranges of a chapter where directives are text, not directives
/// (code blocks, code spans, HTML tags), and those of its HTML blocks.
fn literal_ranges(chapter: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut literal = Vec::new();
    let mut html = Vec::new();
    let parser = new_cmark_parser(chapter, &MarkdownOptions::default());
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) | Event::InlineHtml(_) => {
                literal.push(range)
            }
            Event::Start(Tag::HtmlBlock) => html.push(range),
            _ => {}
        }
    }
    (literal, html)
}

/// The line's text before a directive, read as blockquote markers, spaces
/// and at most one list marker: what further lines start with, and whether
/// a list marker was there. `None` when there is other text.
fn continuation(prefix: &str) -> Option<(String, bool)> {
    let mut cont = String::new();
    let mut rest = prefix;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        cont.push_str(&rest[..rest.len() - trimmed.len()]);
        rest = trimmed;
        match rest.strip_prefix('>') {
            Some(r) => {
                cont.push('>');
                rest = r;
            }
            None => break,
        }
    }
    if rest.is_empty() {
        return Some((cont, false));
    }
    // A list marker, then at least one space.
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let marker_len = match rest.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9')
            if digits <= 9 && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => return None,
    };
    let after = &rest[marker_len..];
    if after.is_empty() || !after.trim_start_matches([' ', '\t']).is_empty() {
        return None;
    }
    cont.push_str(&" ".repeat(marker_len));
    cont.push_str(after);
    Some((cont, true))
}

/// Whether byte `at` is inside an HTML comment of one of the HTML blocks
/// (a directive commented out).
fn in_comment(chapter: &str, html: &[Range<usize>], at: usize) -> bool {
    html.iter().filter(|r| r.contains(&at)).any(|r| {
        let before = &chapter[r.start..at];
        before
            .rfind("<!--")
            .is_some_and(|open| !before[open..].contains("-->"))
    })
}

/// Every `{{#portmatrix …}}` of a chapter that is to be expanded, in order.
///
/// ```
/// use portmatrix::mdbook::directive::scan;
/// let chapter = "# Ports\n\n{{#portmatrix query port=443}}\n\n`{{#portmatrix query port=80}}`\n";
/// let found = scan(chapter);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].line, 3);
/// assert_eq!(found[0].words.as_deref().unwrap().trim(), "query port=443");
/// ```
pub fn scan(chapter: &str) -> Vec<Found> {
    let (literal, html) = literal_ranges(chapter);
    let inside = |ranges: &[Range<usize>], at: usize| ranges.iter().any(|r| r.contains(&at));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = chapter[from..].find("{{").map(|i| i + from) {
        from = i + 2;
        let after = chapter[i + 2..].trim_start();
        let Some(rest) = after.strip_prefix('#').and_then(|a| a.strip_prefix(NAME)) else {
            continue;
        };
        if rest
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '}')
        {
            // `{{#portmatrixfoo}}`: another directive.
            continue;
        }
        if inside(&literal, i) || chapter[..i].ends_with('\\') || in_comment(chapter, &html, i) {
            continue;
        }
        let words_start = chapter.len() - rest.len();
        let line = chapter[..i].matches('\n').count() as u32 + 1;
        let line_start = chapter[..i].rfind('\n').map_or(0, |n| n + 1);
        let (end, words) = match chapter[words_start..].find("}}") {
            Some(n) => (
                words_start + n + 2,
                Ok(chapter[words_start..words_start + n].to_string()),
            ),
            None => {
                let eol = chapter[i..].find('\n').map_or(chapter.len(), |n| i + n);
                (
                    eol,
                    Err(Problem::new(
                        "the directive is not closed",
                        values(&["`}}` at its end"]),
                    )),
                )
            }
        };
        from = from.max(end);
        let line_end = chapter[end..].find('\n').map_or(chapter.len(), |n| end + n);
        let alone = chapter[end..line_end].trim().is_empty();
        let (continuation, after_list_marker, words) =
            match (continuation(&chapter[line_start..i]), alone) {
                _ if inside(&html, i) => (
                    String::new(),
                    false,
                    Err(Problem::new(
                        "the directive is inside an HTML block, where Markdown is not read",
                        values(&["a blank line between the HTML and the directive"]),
                    )),
                ),
                (Some((c, list)), true) => (c, list, words),
                _ => (
                    String::new(),
                    false,
                    words.and(Err(Problem::new(
                        "the directive renders a block and must stand alone on its line",
                        values(&["the directive on a line of its own"]),
                    ))),
                ),
            };
        out.push(Found {
            range: i..end,
            line,
            words,
            continuation,
            after_list_marker,
        });
    }
    out
}

/// `block` (lines, without a final newline) as it replaces the directive
/// `f`: on a line of its own with blank lines around it, every line after
/// the first starting with the directive's continuation.
pub fn splice(f: &Found, block: &str) -> String {
    let cont = &f.continuation;
    let mut out = String::with_capacity(block.len() + 64);
    if !f.after_list_marker {
        // The directive's line keeps only its prefix: a blank line, which
        // ends a paragraph above.
        out.push('\n');
        out.push_str(cont);
    }
    for (n, line) in block.lines().enumerate() {
        if n > 0 {
            out.push('\n');
            if line.is_empty() {
                out.push_str(cont.trim_end());
            } else {
                out.push_str(cont);
            }
        }
        out.push_str(line);
    }
    out.push('\n');
    out.push_str(cont.trim_end());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(chapter: &str) -> Vec<Result<String, String>> {
        scan(chapter)
            .into_iter()
            .map(|f| f.words.map_err(|p| p.message))
            .collect()
    }

    #[test]
    fn code_and_escapes_are_left_alone() {
        let chapter = "a\n\n```md\n{{#portmatrix table x}}\n```\n\n    {{#portmatrix table y}}\n\n`{{#portmatrix table z}}` and \\{{#portmatrix table w}}\n\n<span title=\"{{#portmatrix table v}}\">s</span>\n\n<!--\n{{#portmatrix table u}}\n-->\n\n{{#portmatrix table ok}}\n";
        assert_eq!(words(chapter), [Ok(" table ok".to_string())]);
    }

    #[test]
    fn blocks_stand_alone() {
        let w = words("text {{#portmatrix table x}}\n\n{{#portmatrix table y}} more\n");
        assert_eq!(w.len(), 2);
        assert!(w.iter().all(|w| w.as_ref().unwrap_err().contains("alone")));
        let w = words("<div>\n{{#portmatrix table x}}\n</div>\n");
        assert!(w[0].as_ref().unwrap_err().contains("HTML block"));
        let w = words("{{#portmatrix table x\n\nmore\n");
        assert!(w[0].as_ref().unwrap_err().contains("not closed"));
    }

    #[test]
    fn other_directives_are_not_ours() {
        assert!(words("{{#include x.md}}\n{{#portmatrixx y}}\n").is_empty());
        assert_eq!(words("{{ #portmatrix }}\n"), [Ok(" ".to_string())]);
    }

    #[test]
    fn blockquotes_and_lists_keep_their_block() {
        let f = &scan("> {{#portmatrix table x}}\n")[0];
        assert_eq!(
            (f.continuation.as_str(), f.after_list_marker),
            ("> ", false)
        );
        assert_eq!(splice(f, "a\n\nb"), "\n> a\n>\n> b\n>");
        let f = &scan("1. {{#portmatrix table x}}\n")[0];
        assert_eq!(
            (f.continuation.as_str(), f.after_list_marker),
            ("   ", true)
        );
        assert_eq!(splice(f, "a\n\nb"), "a\n\n   b\n");
    }

    #[test]
    fn grammar() {
        let d = parse("query port=443 transport=TCP to=access-edge").unwrap();
        let Directive::Query(f) = d else { panic!() };
        assert_eq!(f.port, Some(443));
        assert_eq!(f.transport, Some(Transport::Tcp));
        assert_eq!(f.to, Some(EndpointKind::AccessEdge));
        assert_eq!(
            parse("diagram p ports").unwrap(),
            Directive::Diagram {
                page: "p".into(),
                kind: DiagramKind::Ports
            }
        );
        for (bad, msg) in [
            ("", "does not say"),
            ("table", "needs a page"),
            ("table p q", "unexpected `q`"),
            ("table p port=1", "unknown filter `port`"),
            ("table p kind=nope", "unknown kind `nope`"),
            ("table p kind=federation kind=xmpp", "given twice"),
            ("query port=0", "not a port"),
            ("query port=65536", "not a port"),
            ("query transport=sctp", "unknown transport"),
            ("query role=", "no value"),
            ("diagram p", "needs the diagram"),
            ("diagram p flow", "unknown diagram `flow`"),
            ("findings p kind=xmpp", "takes no filters"),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.message.contains(msg), "{bad}: {}", e.message);
        }
        let e = parse("table p kind=nope").unwrap_err();
        let Expected::Values(v) = e.expected else {
            panic!()
        };
        assert!(v.contains(&"federation".to_string()));
    }
}
