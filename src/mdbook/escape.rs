//! Page text made inert for a chapter: whatever a cell, a heading or a
//! title says, it comes out as that text, in a Markdown table cell, a
//! paragraph or a raw HTML block alike.
//!
//! Every character that Markdown, GFM tables, HTML or a `{{#…}}` directive
//! (mdBook's own `{{#include}}`, another preprocessor's) could read as
//! syntax becomes a numeric character reference (`<` → `&#60;`): CommonMark
//! reads a character reference as literal text, never as syntax, and HTML
//! decodes it to the character. Line breaks become spaces, so a value never
//! starts a block of its own.

use std::fmt::Write as _;

/// Whether `c` is syntax somewhere in Markdown, GFM, HTML or a directive,
/// with `=` and `+` escaped wherever they stand (the books' escaper escapes
/// them only at the start of a value).
fn is_special(c: char) -> bool {
    crate::markup::is_markup(c) || matches!(c, '=' | '+')
}

/// `input` as literal text for Markdown and HTML (see the module docs).
///
/// ```
/// use portmatrix::mdbook::escape::text;
/// assert_eq!(text("a<b>|c"), "a&#60;b&#62;&#124;c");
/// assert_eq!(text("{{#include x}}"), "&#123;&#123;&#35;include x&#125;&#125;");
/// assert_eq!(text("TCP 50000-59999, 任意"), "TCP 50000-59999, 任意");
/// ```
pub fn text(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let chars: Vec<char> = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    for (i, &c) in chars.iter().enumerate() {
        // `--` and `...` would be typographer's dashes and ellipses with
        // mdBook's smart punctuation; `- `, `1. ` or `: ` first would start
        // a list or a definition.
        let doubled = matches!(c, '-' | '.')
            && (chars.get(i + 1) == Some(&c) || (i > 0 && chars[i - 1] == c));
        let then_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let list_start = then_space
            && ((i == 0 && matches!(c, '-' | ':'))
                || (c == '.' && i > 0 && chars[..i].iter().all(char::is_ascii_digit)));
        if is_special(c) || doubled || list_start {
            let _ = write!(out, "&#{};", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// An SVG that the diagrams module drew, made fit for a raw HTML block of
/// a chapter:
///
/// - no blank line (a blank line would end the HTML block and hand the rest
///   to Markdown);
/// - every `id` and `url(#…)`/`href="#…"` reference inside a tag prefixed
///   with `prefix`, so that two diagrams on one HTML page (a chapter with
///   two, or mdBook's print page with every chapter) never share an id;
/// - `{` and `}` as character references, so that no `{{#…}}` survives;
/// - `style` on the root element so that it scales down to the column.
pub fn svg_block(svg: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg.trim();
    // Text and tags alternate; only tags get their ids renamed (a text
    // that says `url(#x)` is text).
    while !rest.is_empty() {
        let (part, tag) = match rest.find('<') {
            Some(0) => match rest.find('>') {
                Some(end) => (&rest[..=end], true),
                None => (rest, false),
            },
            Some(i) => (&rest[..i], false),
            None => (rest, false),
        };
        rest = &rest[part.len()..];
        let part = if tag {
            part.replace(" id=\"", &format!(" id=\"{prefix}"))
                .replace("url(#", &format!("url(#{prefix}"))
                .replace("href=\"#", &format!("href=\"#{prefix}"))
        } else {
            part.to_string()
        };
        out.push_str(&part.replace('{', "&#123;").replace('}', "&#125;"));
    }
    let out = out.replacen(
        "<svg ",
        "<svg style=\"max-width:100%;height:auto\" role=\"img\" ",
        1,
    );
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{svg_block, text};

    #[test]
    fn hostile_text_is_inert() {
        let s = text(
            "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {{#include /etc/passwd}} a|b `c`",
        );
        for bad in ["<", ">", "(", ")", "[", "]", "{", "}", "|", "`", "="] {
            assert!(!s.contains(bad), "{bad} left in {s}");
        }
    }

    #[test]
    fn blocks_and_typography_cannot_start() {
        assert_eq!(text("- x"), "&#45; x");
        assert_eq!(text("1. x\ny"), "1&#46; x y");
        assert_eq!(text("a--b...c"), "a&#45;&#45;b&#46;&#46;&#46;c");
        assert_eq!(text(": x"), "&#58; x");
        assert_eq!(
            text("50000-59999 v1.2 203.0.113.10 2001:db8::1 -1"),
            "50000-59999 v1.2 203.0.113.10 2001:db8::1 -1"
        );
    }

    #[test]
    fn svg_ids_are_prefixed_in_tags_only() {
        let svg = "<svg width=\"1\">\n\n<marker id=\"arrow\"/><path marker-end=\"url(#arrow)\"/><text>url(#arrow) {{#x}}</text></svg>\n";
        assert_eq!(
            svg_block(svg, "p1-"),
            "<svg style=\"max-width:100%;height:auto\" role=\"img\" width=\"1\">\n<marker id=\"p1-arrow\"/><path marker-end=\"url(#p1-arrow)\"/><text>url(#arrow) &#123;&#123;#x&#125;&#125;</text></svg>"
        );
    }
}
