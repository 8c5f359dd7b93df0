//! HTML tables and inline HTML: cells, their visible text and their lines.
//!
//! scraper (html5ever) parses the table the way a browser would, entities and
//! all. It does not keep source positions, so lines come from the raw source:
//! the n-th `<tr` tag in the table's source (as the `tags` tokenizer reads
//! it, so not inside comments or attribute values) is the n-th `tr` element
//! in document order (likewise `<td`/`<th`). When html5ever had to invent
//! elements (a `<td>` outside any `<tr>`), the counts differ and the table's
//! own line is used for what cannot be matched.
//!
//! Bilingual (machine-translated) editions put the English source of a cell
//! in `<span class="sxs-lookup">` after the translation; that text is kept
//! apart as the cell's `original`.
//!
//! Markdown pipe tables arrive as cells of inline HTML (`markdown`) and are
//! read here into the same [`RawTable`].

use std::borrow::Cow;
use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::markdown::PipeRow;
use crate::tags::{Kind, Tags};

/// A cell as read from the source, before typing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawCell {
    /// Visible text, whitespace collapsed.
    pub text: String,
    /// The English original of a bilingual cell (`sxs-lookup`).
    pub original: Option<String>,
    /// 1-based line of the cell's tag.
    pub line: u32,
    /// Whether the cell has `colspan` or `rowspan` other than 1.
    pub span: bool,
    /// Whether a table is nested inside the cell.
    pub nested_table: bool,
}

/// A row as read from the source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRow {
    /// 1-based line of the row's `<tr`.
    pub line: u32,
    /// The row's cells in order.
    pub cells: Vec<RawCell>,
    /// Whether the row holds header (`th`) cells only (and at least one).
    pub is_header: bool,
    /// Whether the row sits in `<thead>`.
    pub in_thead: bool,
}

impl RawRow {
    /// The row's cells as written, joined with ` | ` (a diagnostic's cell
    /// when the row as a whole is at fault).
    pub fn joined(&self) -> String {
        self.cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// A table's rows, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawTable {
    /// Every row of the table (not of tables nested in its cells).
    pub rows: Vec<RawRow>,
}

/// Line-number lookup for a source text.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes the line starts of `text` (lines end at `\n`; a lone `\r` is
    /// turned into `\n` before the page is parsed).
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

/// Extracts the rows of the table in `text[span]`. `closes_in_cells` are
/// offsets of `</table>` tags inside cells that are read as the cell's text
/// (see [`crate::tags::TableEnd`]).
pub fn table(
    text: &str,
    span: std::ops::Range<usize>,
    lines: &Lines,
    closes_in_cells: &[usize],
) -> RawTable {
    let table_line = lines.line(span.start);
    let mut tr_lines = Vec::new();
    let mut cell_lines = Vec::new();
    for t in Tags::new(&text[..span.end], span.start) {
        if t.kind != Kind::Start {
            continue;
        }
        if t.is_start("tr") {
            tr_lines.push(lines.line(t.start));
        } else if t.is_start("td") || t.is_start("th") {
            cell_lines.push(lines.line(t.start));
        }
    }
    let src: Cow<'_, str> = if closes_in_cells.is_empty() {
        Cow::Borrowed(&text[span.clone()])
    } else {
        // The `<` of each such `</table>` as `&lt;`: text to the HTML parser.
        let mut s = String::with_capacity(span.len() + 3 * closes_in_cells.len());
        let mut at = span.start;
        for &p in closes_in_cells.iter().filter(|p| span.contains(p)) {
            s.push_str(&text[at..p]);
            s.push_str("&lt;");
            at = p + 1;
        }
        s.push_str(&text[at..span.end]);
        Cow::Owned(s)
    };
    // No deeper than a browser nests (html5ever is quadratic in the depth).
    let src = crate::nesting::flatten_deep(src.as_ref());

    let html = Html::parse_fragment(&src);
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
    // The row of each `tr` node, so that a cell finds its row at once (a
    // search of the rows per cell was quadratic in tables whose cells hold
    // tables of their own).
    let mut row_of: HashMap<ego_tree::NodeId, usize> = HashMap::new();
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
                row_of.insert(node.id(), rows.len());
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
                let Some((_, row)) = row_of.get(&tr.id()).map(|&i| &mut rows[i]) else {
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
        rows: rows
            .into_iter()
            .map(|(_, mut r)| {
                r.is_header &= !r.cells.is_empty();
                r
            })
            .collect(),
    }
}

/// The rows of a Markdown pipe table, read like those of an HTML table.
pub fn pipe_table(rows: &[PipeRow], lines: &Lines) -> RawTable {
    let rows = rows
        .iter()
        .map(|r| RawRow {
            line: lines.line(r.start),
            cells: r
                .cells
                .iter()
                .map(|c| {
                    let (text, original) = inline_text(&c.html);
                    RawCell {
                        text,
                        original,
                        line: lines.line(c.start),
                        span: false,
                        nested_table: false,
                    }
                })
                .collect(),
            is_header: r.head,
            in_thead: r.head,
        })
        .collect();
    RawTable { rows }
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
    let html = Html::parse_fragment(&crate::nesting::flatten_deep(fragment));
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
                        // A paragraph outside the original's spans ends the
                        // original's words too (`Mediation` `Server(s)` in
                        // two paragraphs is `Mediation Server(s)`).
                        original.push(' ');
                        if lookup == 0 {
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
                        original.push(' ');
                        if lookup == 0 {
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
        let raw = table(t, 0..t.len(), &lines, &[]);
        assert_eq!(raw.rows.len(), 2);
        assert!(raw.rows[0].is_header && raw.rows[0].in_thead);
        assert_eq!(raw.rows[1].line, 9);
        assert_eq!(raw.rows[1].cells[0].text, "访问");
        assert_eq!(raw.rows[1].cells[0].original.as_deref(), Some("Access"));
        assert_eq!(raw.rows[1].cells[0].line, 10);
        assert_eq!(raw.rows[1].cells[1].text, "x & y");
        // An original split over two paragraphs keeps a space between them.
        let t = "<table>\n<tr>\n<td><p><span>Remedio</span><span class=\"sxs-lookup\"><span>Mediation</span></span></p>\n<p><span>Servidor (es)</span><span class=\"sxs-lookup\"><span>Server(s)</span></span></p></td>\n</tr>\n</table>";
        let raw = table(t, 0..t.len(), &Lines::new(t), &[]);
        let cell = &raw.rows[0].cells[0];
        assert_eq!(cell.text, "Remedio Servidor (es)");
        assert_eq!(cell.original.as_deref(), Some("Mediation Server(s)"));
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
