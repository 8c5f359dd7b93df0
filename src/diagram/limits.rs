//! Bounds on what a diagram draws, so that the size of a diagram and the
//! work to draw it stay bounded whatever a page holds.
//!
//! A page is drawn from its text: a 20,000-letter endpoint once made a box
//! (and a PNG) 514,990 px wide, and a table of a thousand distinct
//! endpoints a diagram nobody can read. So the texts a topology draws
//! (title, box lines, arrow labels) are cut to [`MAX_TEXT_CHARS`] with an
//! ellipsis, words wider than a box or a port map's label column are broken
//! ([`super::text::wrap`]), boxes, labels and port map rows hold a bounded
//! number of lines, and a page whose diagrams would still be unreadable or
//! too large is not drawn: its diagrams say so
//! ([`super::Topology::omitted`]), and [`super::unreadable`] tells why, as
//! a diagnostic (`unreadable_diagram`, which `portmatrix diagrams` and
//! `build` print). The tables (in the books, the JSON) still hold every
//! rule: nothing here changes data.
//!
//! Every bound is well above what the real pages need (the corpus and its
//! editions: 21 boxes, 23 arrows, 9 lines in a box, 5 in a label, titles of
//! 171 characters, diagrams up to 2,059 × 2,633 px), so they draw as before.

use std::borrow::Cow;

/// The most boxes (distinct endpoints) a topology diagram draws.
pub const MAX_BOXES: usize = 40;
/// The most arrows (pairs of boxes with rules between them) a topology
/// diagram draws; also the most rows of a port map.
pub const MAX_ARROWS: usize = 60;
/// The widest and tallest a diagram is drawn, in SVG px (PNGs are drawn at
/// twice that).
pub const MAX_SIDE: f64 = 4000.0;
/// The most characters of one text from a page (a title, an endpoint, a
/// label line) that a diagram draws.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most lines in a box (its endpoint's lines, then its addresses').
pub const MAX_BOX_LINES: usize = 16;
/// The most lines in an arrow's label (one per distinct `TCP 443 SIP`).
pub const MAX_ARROW_LINES: usize = 12;
/// The most lines of a port map row's label.
pub const MAX_ROW_LABEL_LINES: usize = 8;
/// The most port numbers written beside one group of marks of a port map.
pub const MAX_PORT_TEXTS: usize = 8;

/// The ellipsis that ends a text or list cut short.
pub const ELLIPSIS: char = '…';

/// `text` cut to at most `max` characters, the last of them [`ELLIPSIS`]
/// when it was cut.
pub fn clip(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let keep = max.saturating_sub(1);
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            let mut s = text[..end].trim_end().to_string();
            s.push(ELLIPSIS);
            Cow::Owned(s)
        }
    }
}

/// What stands for `n` lines or items left out: `… +n`.
pub fn more(n: usize) -> String {
    format!("{ELLIPSIS} +{n}")
}

/// At most `max` lines: the first `max - 1`, then [`more`] for the rest.
pub fn clip_lines(mut lines: Vec<String>, max: usize) -> Vec<String> {
    if lines.len() > max {
        let left_out = lines.len() - (max - 1);
        lines.truncate(max - 1);
        lines.push(more(left_out));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("访问边缘服务", 6), "访问边缘服务");
        assert_eq!(clip("访问边缘服务", 5), "访问边缘…");
        assert_eq!(clip("Edge service", 6), "Edge…");
        assert_eq!(clip("", 3), "");
    }

    #[test]
    fn clip_lines_says_how_many_are_left_out() {
        let v: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        assert_eq!(clip_lines(v.clone(), 5), v);
        assert_eq!(clip_lines(v, 3), ["0", "1", "… +3"]);
    }
}
