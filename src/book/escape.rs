//! Escaping of data (text from the source docs and the catalogs) for the
//! book's Markdown + HTML templates: every `{{ value }}` goes through the
//! escaper the mdBook preprocessor uses too ([`escape_text`], from
//! `src/markup.rs`), so that no page text can inject into a book.

pub use crate::markup::escape_text;

/// The escape function tera calls for `{{ value }}` in `.md.tera` and
/// `.html.tera` templates.
pub(crate) fn tera_escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape_text(input).as_bytes())
}
