//! Page text and diagrams made inert for a chapter: [`text`] (the escaper
//! the runbook books use too, from `src/markup.rs`: whatever a cell, a
//! heading or a title says, it comes out as that text, in a Markdown table
//! cell, a paragraph or a raw HTML block alike) and [`svg_block`].

pub use crate::markup::escape_text as text;

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
    use super::svg_block;

    #[test]
    fn svg_ids_are_prefixed_in_tags_only() {
        let svg = "<svg width=\"1\">\n\n<marker id=\"arrow\"/><path marker-end=\"url(#arrow)\"/><text>url(#arrow) {{#x}}</text></svg>\n";
        assert_eq!(
            svg_block(svg, "p1-"),
            "<svg style=\"max-width:100%;height:auto\" role=\"img\" width=\"1\">\n<marker id=\"p1-arrow\"/><path marker-end=\"url(#p1-arrow)\"/><text>url(#arrow) &#123;&#123;#x&#125;&#125;</text></svg>"
        );
    }
}
