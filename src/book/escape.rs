//! Escaping of data (text from the source docs and the catalogs) for the
//! book's markdown + HTML templates.
//!
//! A value is written so that it is literal text both where mdBook reads
//! markdown (headings, paragraphs, pipe tables, link text) and where it reads
//! raw HTML (`<table>` blocks, attributes): every character that markdown or
//! HTML could read as syntax becomes a numeric character reference
//! (`&#60;`). CommonMark treats character references as literal text, never as
//! syntax, and HTML decodes them to the character, so `<script>`,
//! `](javascript:…)`, `{{#include …}}` and table pipes come out as the text
//! they were. Line breaks become spaces, so a value can never start a markdown
//! block (heading, list, quote) of its own.

use std::fmt::Write as _;

/// Characters that are syntax somewhere in markdown, GFM tables, HTML or
/// mdBook's `{{#…}}` directives.
fn is_special(c: char) -> bool {
    crate::markup::is_markup(c)
}

/// Escapes `input` as literal text for markdown and HTML (see the module docs).
///
/// ```
/// # #[cfg(feature = "book")] {
/// use portmatrix::book::escape_text;
/// assert_eq!(escape_text("a<b>"), "a&#60;b&#62;");
/// assert_eq!(escape_text("x | y"), "x &#124; y");
/// assert_eq!(escape_text("- item"), "&#45; item");
/// # }
/// ```
pub fn escape_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut at_start = true;
    let mut digits_only = true;
    for c in input.chars() {
        let c = if c.is_control() { ' ' } else { c };
        if is_special(c) {
            let _ = write!(out, "&#{};", c as u32);
        } else if at_start && matches!(c, '-' | '+' | '=' | ':') {
            // Would start a list, a setext underline or a definition.
            let _ = write!(out, "&#{};", c as u32);
        } else if digits_only && !at_start && matches!(c, '.') {
            // `1.` would start an ordered list.
            let _ = write!(out, "&#{};", c as u32);
        } else {
            out.push(c);
        }
        if !c.is_ascii_digit() {
            digits_only = false;
        }
        at_start = false;
    }
    out
}

/// The escape function tera calls for `{{ value }}` in `.md.tera` and
/// `.html.tera` templates.
pub(crate) fn tera_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape_text(input).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::escape_text;

    #[test]
    fn poison_is_inert() {
        let s = escape_text(
            "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {{#include /etc/passwd}} a|b",
        );
        for bad in ["<", ">", "(", ")", "[", "]", "{", "}", "|"] {
            assert!(!s.contains(bad), "{bad} left in {s}");
        }
        assert!(s.contains("javascript:alert"));
    }

    #[test]
    fn plain_text_untouched() {
        assert_eq!(
            escape_text("TCP 50000-59999, 任意"),
            "TCP 50000-59999, 任意"
        );
        assert_eq!(escape_text("1. x\ny"), "1&#46; x y");
        assert_eq!(escape_text("3478 出站"), "3478 出站");
    }
}
