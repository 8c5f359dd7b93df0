//! XML escaping shared by every SVG the diagrams write (the topology writer
//! and the port map's fallback document), so that page text (titles,
//! endpoint names, labels) can never break the markup, whichever drawing
//! code puts it there.

/// XML-escapes text and attribute values: the five markup characters become
/// entities and control characters XML 1.0 does not allow become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Characters XML 1.0 does not allow.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            xml_escape("a<b> & \"c\" 'd'\u{1}\t"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\u{FFFD}\t"
        );
    }
}
