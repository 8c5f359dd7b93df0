//! Aligned text tables.

/// Prints rows as aligned columns (two spaces between columns, no trailing
/// spaces), measuring display width: CJK characters take two columns.
pub fn print<const N: usize>(rows: &[[String; N]]) {
    let width = |s: &str| {
        s.chars()
            .map(|c| {
                if portmatrix::parse::normalize::is_cjk(c) {
                    2
                } else {
                    1
                }
            })
            .sum::<usize>()
    };
    let mut widths = [0usize; N];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i] - width(c) + 2));
            }
        }
        println!("{}", line.trim_end());
    }
}
