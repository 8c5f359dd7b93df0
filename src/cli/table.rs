//! Text tables: columns two spaces apart, no borders, no trailing spaces;
//! widths measured by `comfy-table` (Unicode display width: CJK characters
//! take two columns). On a terminal the table is fitted to its width, long
//! cells wrapping within their column; piped, lines are never wrapped.

use std::io::IsTerminal;

use comfy_table::{ContentArrangement, Table, presets};

/// Prints the rows (the first is the header) as a table.
pub fn print(rows: &[Vec<String>]) {
    for line in render(rows, terminal_width()) {
        println!("{line}");
    }
}

/// The width of the terminal standard output is, if it is one.
fn terminal_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_size::terminal_size().map(|(w, _)| w.0)
}

/// The lines of the table, fitted to `width` columns when given.
pub fn render(rows: &[Vec<String>], width: Option<u16>) -> Vec<String> {
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let mut t = Table::new();
    t.load_preset(presets::NOTHING);
    if let Some(w) = width {
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(w);
    }
    t.set_header(header.clone());
    for r in body {
        t.add_row(r.clone());
    }
    let n = header.len();
    for (i, c) in t.column_iter_mut().enumerate() {
        c.set_padding((0, if i + 1 < n { 2 } else { 0 }));
    }
    t.lines().map(|l| l.trim_end().to_string()).collect()
}
