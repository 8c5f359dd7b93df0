//! Page text made inert for a book: the one escaper of both the runbook
//! books (`book::escape_text`, every `{{ value }}` of their templates) and
//! the mdBook preprocessor (`mdbook::escape::text`). Whatever a cell, a
//! note, a heading or a title says, it comes out as that text, in a
//! Markdown table cell, a paragraph, a heading or a raw HTML block alike.
//!
//! Every character that Markdown, GFM tables, HTML or a `{{#…}}` directive
//! (mdBook's own `{{#include}}`, another preprocessor's) could read as
//! syntax becomes a numeric character reference (`<` → `&#60;`): CommonMark
//! reads a character reference as literal text, never as syntax, and HTML
//! decodes it to the character. Line breaks become spaces, so a value never
//! starts a block of its own; what would start one if a template put the
//! value first on a line (`- `, `1.`, `:`), or what mdBook's smart
//! punctuation would turn into a dash or an ellipsis (`--`, `...`), is a
//! reference too.

use std::fmt::Write as _;

/// Whether `c` is syntax somewhere in Markdown, GFM, HTML or a directive,
/// wherever it stands (`=` and `+` too: a setext underline, a list item).
fn is_markup(c: char) -> bool {
    matches!(
        c,
        '&' | '<'
            | '>'
            | '"'
            | '\''
            | '`'
            | '*'
            | '_'
            | '['
            | ']'
            | '('
            | ')'
            | '{'
            | '}'
            | '|'
            | '!'
            | '#'
            | '$'
            | '^'
            | '~'
            | '\\'
            | '='
            | '+'
    )
}

/// `input` as literal text for Markdown and HTML (see the module docs).
///
/// ```
/// # #[cfg(feature = "book")] {
/// use portmatrix::book::escape_text;
/// assert_eq!(escape_text("a<b>|c"), "a&#60;b&#62;&#124;c");
/// assert_eq!(escape_text("{{#include x}}"), "&#123;&#123;&#35;include x&#125;&#125;");
/// assert_eq!(escape_text("- item"), "&#45; item");
/// assert_eq!(escape_text("TCP 50000-59999, 任意"), "TCP 50000-59999, 任意");
/// # }
/// ```
pub fn escape_text(input: &str) -> String {
    let chars: Vec<char> = input
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // A block marker may be indented: the value's text starts at its first
    // character that is not white space.
    let start = chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(chars.len());
    let mut out = String::with_capacity(input.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if is_markup(c) || is_typography(&chars, i) || starts_block(&chars, start, i) {
            let _ = write!(out, "&#{};", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `chars[i]` is part of `--` or `...`, which mdBook's smart
/// punctuation would turn into a dash or an ellipsis.
fn is_typography(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    matches!(c, '-' | '.') && (chars.get(i + 1) == Some(&c) || (i > 0 && chars[i - 1] == c))
}

/// Whether `chars[i]` would start a block were the value first on a line
/// (`start`: where its text starts), whatever follows it: `-` (a list, a
/// setext underline), `:` (a definition), the `.` after leading digits (an
/// ordered list).
fn starts_block(chars: &[char], start: usize, i: usize) -> bool {
    let c = chars[i];
    (i == start && matches!(c, '-' | ':'))
        || (c == '.' && i > start && chars[start..i].iter().all(char::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::escape_text;

    #[test]
    fn hostile_text_is_inert() {
        let s = escape_text(
            "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {{#include /etc/passwd}} a|b `c` <!-- d -->",
        );
        for bad in [
            "<", ">", "(", ")", "[", "]", "{", "}", "|", "`", "=", "!", "--",
        ] {
            assert!(!s.contains(bad), "{bad} left in {s}");
        }
        assert!(s.contains("javascript:alert"));
    }

    #[test]
    fn blocks_and_typography_cannot_start() {
        assert_eq!(escape_text("- x"), "&#45; x");
        assert_eq!(escape_text("-x"), "&#45;x");
        assert_eq!(escape_text("+ x"), "&#43; x");
        assert_eq!(escape_text("= x"), "&#61; x");
        assert_eq!(escape_text("# x"), "&#35; x");
        assert_eq!(escape_text("1. x\ny"), "1&#46; x y");
        assert_eq!(escape_text("12.5"), "12&#46;5");
        assert_eq!(escape_text("  3. x"), "  3&#46; x");
        assert_eq!(escape_text(" - x"), " &#45; x");
        assert_eq!(escape_text("a--b...c"), "a&#45;&#45;b&#46;&#46;&#46;c");
        assert_eq!(escape_text(": x"), "&#58; x");
        assert_eq!(escape_text(":x"), "&#58;x");
    }

    #[test]
    fn plain_text_untouched() {
        assert_eq!(
            escape_text("TCP 50000-59999, 任意"),
            "TCP 50000-59999, 任意"
        );
        assert_eq!(escape_text("3478 出站"), "3478 出站");
        assert_eq!(
            escape_text("50000-59999 v1.2 203.0.113.10 2001:db8::1 -1"),
            "50000-59999 v1.2 203.0.113.10 2001:db8::1 -1"
        );
    }
}
