//! The characters that are syntax somewhere in Markdown, GFM tables, HTML
//! or mdBook's `{{#…}}` directives: what both escapers (the books' and the
//! mdBook preprocessor's) turn into numeric character references.

/// Whether `c` is syntax in Markdown, GFM tables, HTML or a directive.
pub(crate) fn is_markup(c: char) -> bool {
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
    )
}
