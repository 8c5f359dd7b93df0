//! HTML tables and inline HTML: cells, their visible text and their lines.
//!
//! scraper (html5ever) parses the table the way a browser would, entities and
//! all. It does not keep source positions, so lines come from the raw source:
//! the n-th `<tr` tag in the table's source is the n-th `tr` element in
//! document order (likewise `<td`/`<th`). When html5ever had to invent
//! elements (a `<td>` outside any `<tr>`), the counts differ and the table's
//! own line is used for what cannot be matched.
//!
//! Bilingual (machine-translated) editions put the English source of a cell
//! in `<span class="sxs-lookup">` after the translation; that text is kept
//! apart as the cell's `original`.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::markdown::find_tag;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawCell {
    pub text: String,
    pub original: Option<String>,
    pub line: u32,
    pub span: bool,
    pub nested_table: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRow {
    pub line: u32,
    pub cells: Vec<RawCell>,
    /// Whether the row holds header (`th`) cells only.
    pub is_header: bool,
    /// Whether the row sits in `<thead>`.
    pub in_thead: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawTable {
    pub rows: Vec<RawRow>,
}

/// Line-number lookup for a source text.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

/// Extracts the rows of the table in `text[span]`.
pub fn table(text: &str, span: std::ops::Range<usize>, lines: &Lines) -> RawTable {
    let src = &text[span.clone()];
    let table_line = lines.line(span.start);
    let tag_lines = |tag: &str| -> Vec<u32> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(p) = find_tag(src, from, tag) {
            out.push(lines.line(span.start + p));
            from = p + 1;
        }
        out
    };
    let tr_lines = tag_lines("<tr");
    let mut cell_tag_pos: Vec<(usize, u32)> = Vec::new();
    for tag in ["<td", "<th"] {
        let mut from = 0;
        while let Some(p) = find_tag(src, from, tag) {
            cell_tag_pos.push((p, lines.line(span.start + p)));
            from = p + 1;
        }
    }
    cell_tag_pos.sort();
    let cell_lines: Vec<u32> = cell_tag_pos.into_iter().map(|(_, l)| l).collect();

    let html = Html::parse_fragment(src);
    let root = html.tree.root();
    let Some(table) = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
    else {
        return RawTable::default();
    };
    // Number every tr and td/th of the fragment in document order.
    let mut tr_index = 0usize;
    let mut cell_index = 0usize;
    let mut rows = Vec::new();
    for node in root.descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
            "tr" => {
                let line = tr_lines.get(tr_index).copied().unwrap_or(table_line);
                tr_index += 1;
                if nearest_table(node) != Some(table.id()) {
                    continue;
                }
                let in_thead = node
                    .ancestors()
                    .take_while(|a| a.id() != table.id())
                    .any(|a| a.value().as_element().is_some_and(|e| e.name() == "thead"));
                rows.push((
                    node.id(),
                    RawRow {
                        line,
                        cells: Vec::new(),
                        is_header: true,
                        in_thead,
                    },
                ));
            }
            "td" | "th" => {
                let line = cell_lines.get(cell_index).copied().unwrap_or(table_line);
                cell_index += 1;
                let Some(tr) = node
                    .parent()
                    .filter(|p| p.value().as_element().is_some_and(|e| e.name() == "tr"))
                else {
                    continue;
                };
                let Some((_, row)) = rows.iter_mut().rev().find(|(id, _)| *id == tr.id()) else {
                    continue;
                };
                if el.name() == "td" {
                    row.is_header = false;
                }
                let (text, original, nested_table) = cell_text(node);
                let span = ["colspan", "rowspan"]
                    .iter()
                    .any(|a| el.attr(a).is_some_and(|v| v.trim() != "1"));
                row.cells.push(RawCell {
                    text,
                    original,
                    line,
                    span,
                    nested_table,
                });
            }
            _ => {}
        }
    }
    // Rows with no cells at all (an empty `<tr></tr>`) are kept: the caller
    // reports them as missing cells rather than dropping them.
    RawTable {
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }
}

fn nearest_table(node: NodeRef<'_, Node>) -> Option<ego_tree::NodeId> {
    node.ancestors()
        .find(|a| a.value().as_element().is_some_and(|e| e.name() == "table"))
        .map(|a| a.id())
}

/// Visible text and bilingual original of an inline HTML fragment (a heading).
pub fn inline_text(fragment: &str) -> (String, Option<String>) {
    if !fragment.contains(['<', '&']) {
        return (collapse(fragment), None);
    }
    let html = Html::parse_fragment(fragment);
    let (t, o, _) = cell_text(html.tree.root());
    (t, o)
}

/// Text of a node: (visible text, sxs-lookup original, contains a table).
///
/// Iterative (ego_tree's open/close traversal), not recursive: a page with
/// deeply nested markup must not overflow the stack.
fn cell_text(node: NodeRef<'_, Node>) -> (String, Option<String>, bool) {
    use ego_tree::iter::Edge;
    let mut text = String::new();
    let mut original = String::new();
    let mut nested = false;
    // Depth of open `sxs-lookup` elements and of skipped (script/style) ones.
    let (mut lookup, mut skipped) = (0usize, 0usize);
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if n.id() == node.id() => {}
            Edge::Close(n) if n.id() == node.id() => {}
            Edge::Open(n) => match n.value() {
                Node::Text(t) if skipped == 0 => {
                    if lookup > 0 {
                        original.push_str(t)
                    } else {
                        text.push_str(t)
                    }
                }
                Node::Element(el) => {
                    let name = el.name();
                    nested |= name == "table";
                    skipped += usize::from(matches!(name, "script" | "style"));
                    lookup += usize::from(el.classes().any(|c| c == "sxs-lookup"));
                    if is_block(name) {
                        if lookup > 0 {
                            original.push(' ')
                        } else {
                            text.push(' ')
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if let Node::Element(el) = n.value() {
                    let name = el.name();
                    if is_block(name) {
                        if lookup > 0 {
                            original.push(' ')
                        } else {
                            text.push(' ')
                        }
                    }
                    skipped -= usize::from(matches!(name, "script" | "style"));
                    lookup -= usize::from(el.classes().any(|c| c == "sxs-lookup"));
                }
            }
        }
    }
    let original = collapse(&original);
    (
        collapse(&text),
        (!original.is_empty()).then_some(original),
        nested,
    )
}

/// Elements whose boundaries separate words.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "tr" | "td" | "th" | "ul" | "ol"
    )
}

/// Collapses whitespace runs to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_cells_lines_and_bilingual_originals() {
        let t = "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><p>访问<span class=\"sxs-lookup\"><span>Access</span></span></p></td>\n<td><p>x &amp; y</p></td>\n</tr>\n</tbody>\n</table>";
        let lines = Lines::new(t);
        let raw = table(t, 0..t.len(), &lines);
        assert_eq!(raw.rows.len(), 2);
        assert!(raw.rows[0].is_header && raw.rows[0].in_thead);
        assert_eq!(raw.rows[1].line, 9);
        assert_eq!(raw.rows[1].cells[0].text, "访问");
        assert_eq!(raw.rows[1].cells[0].original.as_deref(), Some("Access"));
        assert_eq!(raw.rows[1].cells[0].line, 10);
        assert_eq!(raw.rows[1].cells[1].text, "x & y");
    }

    #[test]
    fn inline() {
        assert_eq!(inline_text("Plain  text"), ("Plain text".into(), None));
        assert_eq!(
            inline_text("外部接口<span class=\"sxs-lookup\">External Interface</span>"),
            ("外部接口".into(), Some("External Interface".into()))
        );
    }
}
