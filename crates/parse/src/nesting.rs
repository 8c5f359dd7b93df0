//! A bound on how deeply the HTML handed to html5ever nests.
//!
//! html5ever follows the HTML standard, which checks "has an element in
//! scope" by walking the stack of open elements for many start and end tags
//! (`<div>` and `<p>` look for an open `<p>`, `<li>` for an open `<li>`).
//! With n elements left open those walks are O(n) each and the parse is
//! O(n²): 100,000 unclosed `<div>` in a cell took 35 s. Browsers bound the
//! depth of the tree for the same reason (Blink nests no deeper than 512).
//!
//! [`flatten_deep`] does that before parsing: a start tag that would open an
//! element deeper than [`MAX_DEPTH`] is taken out of the source (and the end
//! tag that closes it), so the tree stays at most that deep. Only markup is
//! taken out, never text: a block element's tag becomes a space, as it
//! separates words ([`crate::html`] turns block boundaries into spaces and
//! collapses whitespace), an inline one becomes nothing. Table structure
//! (`table`, `tr`, `td`, …) is always kept, since rows and cells are counted
//! from the source, and so are raw-text elements (`script`, `style`, …),
//! whose content would otherwise become text. A page that nests less than
//! [`MAX_DEPTH`] deep is parsed exactly as written.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::tags::{Kind, RAW_TEXT, Tags};

/// How deeply elements may nest before their tags are taken out: Blink's
/// bound on the depth of the tree (`kMaximumHTMLParserDOMTreeDepth`). Real
/// pages nest a few dozen levels at most.
pub const MAX_DEPTH: usize = 512;

/// Table structure (and `template`, whose content is a fragment of its
/// own), never taken out: rows and cells are matched to source lines by
/// counting their tags. Raw-text elements (`tags::RAW_TEXT`) are never taken
/// out either: their content is not markup.
const TABLE_PARTS: &[&str] = &[
    "template", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
];

/// Whether an element's tags are never taken out.
fn kept(name: &str) -> bool {
    is(TABLE_PARTS, name) || is(RAW_TEXT, name)
}

/// Elements that end the search for the element an end tag closes, as
/// html5ever's scopes do: an end tag inside a cell never closes what is
/// open outside it. They bound every search to [`MAX_DEPTH`] entries.
const SCOPE: &[&str] = &["html", "table", "td", "th", "caption", "template"];

/// Elements without content (no end tag, never open).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose boundaries separate words (as `html::is_block`, and the
/// other elements the HTML standard lays out as blocks).
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "address",
    "figure",
    "figcaption",
    "hr",
    "main",
    "details",
    "summary",
    "fieldset",
    "form",
    "center",
];

fn is(names: &[&str], name: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// `src` with the tags of elements deeper than [`MAX_DEPTH`] taken out (see
/// the module documentation); borrowed, unchanged, when nothing nests that
/// deep. Linear in the length of `src`.
pub fn flatten_deep(src: &str) -> Cow<'_, str> {
    flatten_at(src, MAX_DEPTH)
}

fn flatten_at(src: &str, max_depth: usize) -> Cow<'_, str> {
    // Fewer tags than the bound: nothing can nest that deep.
    if src.bytes().filter(|&b| b == b'<').count() <= max_depth {
        return Cow::Borrowed(src);
    }
    let mut open: Vec<&str> = Vec::new();
    // Start tags taken out, by lower-case name, whose end tags go too.
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut cuts: Vec<(usize, usize, &'static str)> = Vec::new();
    let gap = |name: &str| if is(BLOCK, name) { " " } else { "" };
    for t in Tags::new(src, 0) {
        match t.kind {
            Kind::Comment { .. } => {}
            Kind::Start if is(VOID, t.name) => {
                if open.len() >= max_depth && !kept(t.name) {
                    cuts.push((t.start, t.end, gap(t.name)));
                }
            }
            Kind::Start => {
                if open.len() >= max_depth && !kept(t.name) {
                    cuts.push((t.start, t.end, gap(t.name)));
                    *taken.entry(t.name.to_ascii_lowercase()).or_default() += 1;
                } else {
                    open.push(t.name);
                }
            }
            Kind::End => {
                // The innermost open element of that name in scope closes,
                // with everything inside it.
                let found = open
                    .iter()
                    .rev()
                    .take_while(|n| !is(SCOPE, n) || n.eq_ignore_ascii_case(t.name))
                    .position(|n| n.eq_ignore_ascii_case(t.name));
                match found {
                    Some(k) => open.truncate(open.len() - 1 - k),
                    None => {
                        if let Some(n) = taken.get_mut(&t.name.to_ascii_lowercase())
                            && *n > 0
                        {
                            *n -= 1;
                            cuts.push((t.start, t.end, gap(t.name)));
                        }
                    }
                }
            }
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for (from, to, with) in cuts {
        out.push_str(&src[at..from]);
        out.push_str(with);
        at = to;
    }
    out.push_str(&src[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_markup_is_left_alone() {
        let s = "<table><tr><td><div><b>a</b></div></td></tr></table>";
        assert!(matches!(flatten_at(s, 5), Cow::Borrowed(_)));
        assert!(matches!(flatten_at(s, 4), Cow::Owned(_)));
        assert!(matches!(flatten_deep(s), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_below_the_bound_go_text_and_structure_stay() {
        // Depth 3: table, tr, td; the divs are all deeper.
        let s = "<table><tr><td>a<div>b<div>c</div></div><b>d</b>e</td></tr></table>";
        assert_eq!(
            flatten_at(s, 3),
            "<table><tr><td>a b c  de</td></tr></table>"
        );
        // Unclosed: every start tag past the bound is taken out.
        let s = format!("<p>x{}y</p>", "<div>".repeat(10));
        assert_eq!(
            flatten_at(&s, 4),
            format!("<p>x<div><div><div>{}y</p>", " ".repeat(7))
        );
        // A stray end tag stays (html5ever ignores it), a cell's end closes
        // nothing outside it.
        let s = "<td><b></i></b></td></td><script><div></div></script><x><y><z>";
        assert_eq!(
            flatten_at(s, 2),
            "<td><b></i></b></td></td><script><div></div></script><x><y>"
        );
    }

    #[test]
    fn deep_nesting_is_linear_and_keeps_the_text() {
        let s = format!("<td>访问{}边缘</td>", "<div>".repeat(100_000));
        let f = flatten_deep(&s);
        assert_eq!(f.matches("<div>").count(), MAX_DEPTH - 1);
        assert!(f.ends_with("边缘</td>"));
    }
}
