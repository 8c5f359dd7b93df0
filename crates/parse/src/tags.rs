//! HTML tags with their byte offsets: the stage between `markdown` (which
//! finds where HTML starts) and `html` (which parses it with scraper).
//!
//! scraper keeps no source positions, so where a table ends and on which
//! line a row starts must be read from the source. Searching the text for
//! `</table>` or `<tr` would also find them inside a comment or an attribute
//! value, where they are not tags at all. This tokenizer follows the HTML
//! tokenizer's rules for what matters here: comments (`<!-- … -->`, with the
//! abrupt `<!-->` and the `--!>` ending), bogus comments (`<!…>`, `<?…>`),
//! quoted and unquoted attribute values, and the raw-text elements whose
//! content is never markup (`<script>`, `<style>`, `<textarea>`, …). It
//! reads every byte a bounded number of times: no input makes it slow.

/// What a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<name …>`.
    Start,
    /// `</name …>`.
    End,
    /// `<!-- … -->`; `closed` is false when no `-->` follows, so that the
    /// comment runs to the end of the text.
    Comment {
        /// Whether the comment ends (`-->`) before the end of the text.
        closed: bool,
    },
}

/// One tag or comment of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Start tag, end tag or comment.
    pub kind: Kind,
    /// The tag name as written (any case); empty for a comment.
    pub name: &'a str,
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset just past the `>` (or the end of the text).
    pub end: usize,
}

impl Token<'_> {
    /// Whether this is a start tag named `name` (lower-case), in any case.
    pub fn is_start(&self, name: &str) -> bool {
        self.kind == Kind::Start && self.name.eq_ignore_ascii_case(name)
    }

    /// Whether this is an end tag named `name` (lower-case), in any case.
    pub fn is_end(&self, name: &str) -> bool {
        self.kind == Kind::End && self.name.eq_ignore_ascii_case(name)
    }

    /// The text inside a comment (between `<!--` and `-->`); empty for tags.
    pub fn comment_text<'s>(&self, src: &'s str) -> &'s str {
        match self.kind {
            Kind::Comment { closed } => {
                let from = (self.start + 4).min(self.end);
                let to = if closed {
                    // `-->`, `--!>` or the abrupt `<!-->` / `<!--->`.
                    let s = &src[from..self.end];
                    let cut = s
                        .strip_suffix("--!>")
                        .or_else(|| s.strip_suffix("-->"))
                        .or_else(|| s.strip_suffix("->"))
                        .or_else(|| s.strip_suffix('>'))
                        .map_or(s.len(), str::len);
                    from + cut
                } else {
                    self.end
                };
                &src[from..to]
            }
            _ => "",
        }
    }
}

/// Elements whose content is text up to their end tag (raw text, RCDATA and
/// `plaintext`, which never ends).
pub(crate) const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The tags and comments of `src` from a byte offset on.
#[derive(Debug, Clone)]
pub struct Tags<'a> {
    src: &'a str,
    pos: usize,
    limit: usize,
    /// Set after the start tag of a raw-text element.
    raw: Option<&'a str>,
    /// No `-->` starts at or after this offset (once a comment was found
    /// never to close): later comments are known to run to the end without
    /// searching the rest of the text again.
    no_comment_end: usize,
}

impl<'a> Tags<'a> {
    /// Tokenizes `src` from `from` (which must be a char boundary; any `<`
    /// position is).
    pub fn new(src: &'a str, from: usize) -> Tags<'a> {
        Tags {
            src,
            pos: from.min(src.len()),
            limit: src.len(),
            raw: None,
            no_comment_end: usize::MAX,
        }
    }

    /// What this tokenizer learned about comments that never close: no
    /// `-->` starts at or after the returned offset (`usize::MAX` when
    /// nothing is known). Valid for the same text and for any prefix of it.
    pub fn comment_memo(&self) -> usize {
        self.no_comment_end
    }

    /// Takes over what another tokenizer of the same text (or of a text of
    /// which this one is a prefix) learned, see [`Tags::comment_memo`]; it is
    /// what keeps the scanners of one page linear together.
    pub fn with_comment_memo(mut self, memo: usize) -> Tags<'a> {
        self.no_comment_end = self.no_comment_end.min(memo);
        self
    }

    /// Stops before any token that would start at or after `limit`; a token
    /// that starts before it is read to its end. Can be raised again.
    pub fn limit(&mut self, limit: usize) {
        self.limit = limit.min(self.src.len());
    }

    /// Where the next token will be looked for.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Continues from `pos` (a char boundary at or after a token's `<`), for
    /// a caller that reads a `<!--` which never closes as text.
    pub fn resume_at(&mut self, pos: usize) {
        self.pos = pos.min(self.src.len());
        self.raw = None;
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Offset of the first `needle` in `s` at or after `from`.
fn find(s: &str, from: usize, needle: &str) -> Option<usize> {
    s.get(from..)?.find(needle).map(|i| from + i)
}

impl<'a> Iterator for Tags<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let src = self.src;
        let b = src.as_bytes();
        loop {
            if let Some(name) = self.raw.take() {
                // Raw text: up to the matching end tag, which is then read as
                // an ordinary end tag.
                match raw_text_end(src, self.pos, name) {
                    Some(p) => self.pos = p,
                    None => {
                        self.pos = src.len();
                        return None;
                    }
                }
            }
            let i = self.pos + src.get(self.pos..)?.find('<')?;
            if i >= self.limit {
                return None;
            }
            let rest = &b[i..];
            if rest.starts_with(b"<!--") {
                let body = i + 4;
                let (end, closed) = if b[body..].starts_with(b">") {
                    (body + 1, true)
                } else if b[body..].starts_with(b"->") {
                    (body + 2, true)
                } else if body >= self.no_comment_end {
                    (src.len(), false)
                } else {
                    match comment_end(src, body) {
                        Some(e) => (e, true),
                        None => {
                            self.no_comment_end = body;
                            (src.len(), false)
                        }
                    }
                };
                self.pos = end;
                return Some(Token {
                    kind: Kind::Comment { closed },
                    name: "",
                    start: i,
                    end,
                });
            }
            if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                // Bogus comment (`<!DOCTYPE …>`, `<![CDATA[…]]>`, `<?xml …?>`).
                self.pos = find(src, i + 2, ">").map_or(src.len(), |e| e + 1);
                continue;
            }
            let (kind, name_at) = match rest.get(1) {
                Some(b'/') => match rest.get(2) {
                    Some(c) if c.is_ascii_alphabetic() => (Kind::End, i + 2),
                    Some(b'>') => {
                        self.pos = i + 3;
                        continue;
                    }
                    Some(_) => {
                        self.pos = find(src, i + 2, ">").map_or(src.len(), |e| e + 1);
                        continue;
                    }
                    None => {
                        self.pos = src.len();
                        return None;
                    }
                },
                Some(c) if c.is_ascii_alphabetic() => (Kind::Start, i + 1),
                _ => {
                    // A `<` that starts no tag is text.
                    self.pos = i + 1;
                    continue;
                }
            };
            let name_end = name_at
                + b[name_at..]
                    .iter()
                    .position(|&c| is_space(c) || c == b'/' || c == b'>')
                    .unwrap_or(b.len() - name_at);
            let Some(end) = tag_end(b, name_end) else {
                // A tag cut off by the end of the text is no tag.
                self.pos = src.len();
                return None;
            };
            self.pos = end;
            let name = &src[name_at..name_end];
            if kind == Kind::Start
                && let Some(raw) = RAW_TEXT.iter().find(|r| name.eq_ignore_ascii_case(r))
            {
                self.raw = Some(raw);
            }
            return Some(Token {
                kind,
                name,
                start: i,
                end,
            });
        }
    }
}

/// Just past the `-->` or `--!>` that closes a comment whose text starts at
/// `from`.
fn comment_end(src: &str, from: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut at = from;
    loop {
        let d = find(src, at, "--")?;
        match b.get(d + 2) {
            Some(b'>') => return Some(d + 3),
            Some(b'!') if b.get(d + 3) == Some(&b'>') => return Some(d + 4),
            _ => at = d + 1,
        }
    }
}

/// Just past the `>` of a tag whose name ends at `from`, skipping attribute
/// values (a `>` inside quotes does not end the tag); `None` at the end of
/// the text.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut p = from;
    loop {
        while p < b.len() && (is_space(b[p]) || b[p] == b'/') {
            p += 1;
        }
        match b.get(p)? {
            b'>' => return Some(p + 1),
            // An attribute name; its first character may be `=`.
            _ => p += 1,
        }
        while p < b.len() && !(is_space(b[p]) || matches!(b[p], b'/' | b'>' | b'=')) {
            p += 1;
        }
        while p < b.len() && is_space(b[p]) {
            p += 1;
        }
        if b.get(p) != Some(&b'=') {
            continue;
        }
        p += 1;
        while p < b.len() && is_space(b[p]) {
            p += 1;
        }
        match b.get(p)? {
            q @ (b'"' | b'\'') => {
                let close = b[p + 1..].iter().position(|c| c == q)?;
                p += close + 2;
            }
            b'>' => {}
            _ => {
                while p < b.len() && !(is_space(b[p]) || b[p] == b'>') {
                    p += 1;
                }
            }
        }
    }
}

/// Offset of the `</name` that ends a raw-text element whose content starts
/// at `from` (`None` for `plaintext`, which never ends, or when missing).
fn raw_text_end(src: &str, from: usize, name: &str) -> Option<usize> {
    if name == "plaintext" {
        return None;
    }
    let b = src.as_bytes();
    let mut at = from;
    loop {
        let p = find(src, at, "</")?;
        let after = p + 2 + name.len();
        if b.len() >= after
            && b[p + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return Some(p);
        }
        at = p + 2;
    }
}

/// How a `<table>` ends, read as a browser would, with what a person needs
/// to be told about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableEnd {
    /// Just past the `</table>` that closes it; `None` when nothing does.
    pub end: Option<usize>,
    /// `</table>` tags inside an open cell of this table, followed by more
    /// rows or cells: text of the cell that a browser would take for the end
    /// of the table. The table is read past them.
    pub closes_in_cells: Vec<usize>,
    /// A `<!--` inside the table that never closes: a browser hides the rest
    /// of the table (and page) in it. The table is read up to the
    /// `</table>` after it, and what the comment hides is reported.
    pub unclosed_comment: Option<usize>,
    /// Closed comments inside the table, as (start, end) offsets.
    pub comments: Vec<(usize, usize)>,
}

/// Finds how the `<table` at `open` ends in `src`, counting nested tables.
/// `memo` is the caller's [`Tags::comment_memo`] for `src`, updated.
pub fn table_end(src: &str, open: usize, memo: &mut usize) -> TableEnd {
    let mut out = TableEnd::default();
    let mut depth = 0usize;
    let mut cell_open = false;
    let mut tags = Tags::new(src, open).with_comment_memo(*memo);
    while let Some(t) = tags.next() {
        match t.kind {
            Kind::Comment { closed: false } if depth > 0 => {
                // Read on as if the `<!--` were text, to find the table's
                // end; `html` parses the span as a browser would.
                out.unclosed_comment.get_or_insert(t.start);
                tags.resume_at(t.start + 4);
            }
            Kind::Comment { closed: true } if depth > 0 => out.comments.push((t.start, t.end)),
            Kind::Comment { .. } => {}
            Kind::Start if t.is_start("table") => depth += 1,
            Kind::End if t.is_end("table") => {
                if depth == 1 && cell_open && table_goes_on(src, t.end, &mut tags) {
                    out.closes_in_cells.push(t.start);
                    continue;
                }
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.end = Some(t.end);
                    break;
                }
            }
            _ if depth == 1 => {
                let n = t.name;
                let is = |names: &[&str]| names.iter().any(|x| n.eq_ignore_ascii_case(x));
                if t.kind == Kind::Start && is(&["td", "th"]) {
                    cell_open = true;
                } else if is(&[
                    "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup",
                ]) {
                    cell_open = false;
                }
            }
            _ => {}
        }
    }
    *memo = (*memo).min(tags.comment_memo());
    out
}

/// Whether the first table-structure tag after `from` continues a table
/// (a row or cell tag) rather than opening or closing one. Shares the
/// comment memo with `outer`.
fn table_goes_on(src: &str, from: usize, outer: &mut Tags<'_>) -> bool {
    let mut tags = Tags::new(src, from).with_comment_memo(outer.comment_memo());
    let goes_on = table_goes_on_with(&mut tags);
    outer.no_comment_end = outer.no_comment_end.min(tags.comment_memo());
    goes_on
}

fn table_goes_on_with(tags: &mut Tags<'_>) -> bool {
    for t in tags {
        if t.is_start("table") || t.is_end("table") {
            return false;
        }
        if matches!(t.kind, Kind::Start | Kind::End)
            && ["tr", "td", "th", "tbody", "thead", "tfoot"]
                .iter()
                .any(|x| t.name.eq_ignore_ascii_case(x))
        {
            return true;
        }
    }
    false
}

/// Offsets of the `<tr` start tags in `src[from..to]`, leaving out rows of
/// tables that open in that text (rows of tables nested in cells).
pub fn row_starts(src: &str, from: usize, to: usize) -> Vec<usize> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for t in Tags::new(&src[..to], from) {
        if t.is_start("table") {
            depth += 1;
        } else if t.is_end("table") {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && t.is_start("tr") {
            out.push(t.start);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<String> {
        Tags::new(src, 0)
            .map(|t| match t.kind {
                Kind::Start => t.name.to_ascii_lowercase(),
                Kind::End => format!("/{}", t.name.to_ascii_lowercase()),
                Kind::Comment { closed } => format!("!{closed}"),
            })
            .collect()
    }

    #[test]
    fn comments_attributes_and_raw_text_hide_tags() {
        assert_eq!(
            names("<TD title=\"</table> <tr>\">a<!-- <tr> --></td>"),
            ["td", "!true", "/td"]
        );
        assert_eq!(names("<p a='>' b=c>x</p>"), ["p", "/p"]);
        assert_eq!(
            names("<script>if (a<b) '</table>'</script ><tr>"),
            ["script", "/script", "tr"]
        );
        assert_eq!(
            names("<!--> <tr> <!---> <td>"),
            ["!true", "tr", "!true", "td"]
        );
        assert_eq!(
            names("a < b <3 </ > <!doctype html> <tr"),
            Vec::<String>::new()
        );
        assert_eq!(names("<tr> <!-- open <td>"), ["tr", "!false"]);
        assert_eq!(names("<!-- a --!> <td>"), ["!true", "td"]);
    }

    #[test]
    fn comment_text() {
        let s = "<!-- <table> --><!---->";
        let t: Vec<Token> = Tags::new(s, 0).collect();
        assert_eq!(t[0].comment_text(s), " <table> ");
        assert_eq!(t[1].comment_text(s), "");
    }

    #[test]
    fn limit_stops_before_later_tokens() {
        let s = "<a><!-- x\n\n--><b>";
        let mut t = Tags::new(s, 0);
        t.limit(3);
        assert_eq!(t.next().map(|t| t.name), Some("a"));
        assert_eq!(t.next().map(|t| t.kind), None);
        t.limit(4);
        assert_eq!(
            t.next().map(|t| (t.kind, t.end)),
            Some((Kind::Comment { closed: true }, 14))
        );
        assert_eq!(t.next(), None);
    }

    fn end_of(s: &str) -> TableEnd {
        let mut memo = usize::MAX;
        table_end(s, 0, &mut memo)
    }

    #[test]
    fn table_ends() {
        let s = "<table><tr><td>a</td></tr></table>";
        assert_eq!(end_of(s).end, Some(s.len()));
        // `</table>` inside a comment or attribute is not the end.
        let s = "<table><tr><td title='</table>'>a<!-- </table> --></td></tr></table>x";
        let e = end_of(s);
        assert_eq!(e.end, Some(s.len() - 1));
        assert_eq!(e.comments.len(), 1);
        // Inside a cell, followed by more rows: text of the cell.
        let s = "<table><tr><td>a </table> b</td></tr><tr><td>c</td></tr></table>";
        let e = end_of(s);
        assert_eq!((e.end, e.closes_in_cells), (Some(s.len()), vec![17]));
        // Inside a cell, nothing after: the end (the cell's `</td>` is implied).
        let s = "<table><tr><td>a</table>\n<table><tr><td>b</td></tr></table>";
        assert_eq!(end_of(s).end, Some(24));
        // A `<!--` that never closes: the table's `</table>` after it.
        let s = "<table><tr><td>a <!-- b</td></tr><tr><td>c</td></tr></table>";
        let e = end_of(s);
        assert_eq!((e.end, e.unclosed_comment), (Some(s.len()), Some(17)));
        // Nested.
        let s = "<table><tr><td><table><tr><td>i</td></tr></table></td></tr></table>";
        assert_eq!(end_of(s).end, Some(s.len()));
        assert_eq!(end_of("<table><tr><td>x").end, None);
        // What one scan learned about a comment that never closes is kept.
        let s = "<table><tr><td><!-- a</td></tr></table> <table><!-- b";
        let mut memo = usize::MAX;
        assert_eq!(table_end(s, 0, &mut memo).unclosed_comment, Some(15));
        assert_eq!(memo, 19);
    }
}
