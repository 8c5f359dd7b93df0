//! Text measurement for layout.
//!
//! SVG output must be the same on every machine, so the layout does not ask
//! the fonts installed here how wide a string is: it uses a baked table of
//! advance widths. For ASCII the table holds, per character, the larger
//! advance of Noto Sans CJK SC and DejaVu Sans (the font the SVG asks for and
//! the usual fallback), so text fits with either. East Asian wide and
//! fullwidth characters (CJK ideographs, kana, hangul, fullwidth punctuation)
//! take one em, as they do in every CJK font. Other characters take the width
//! of a wide Latin letter. The `diagrams_text` test checks the table against
//! the real font metrics when the fonts are installed.

/// The font list every diagram asks for (CSS syntax, no quotes needed).
pub const FONT_FAMILY: &str = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, DejaVu Sans, sans-serif";

/// Advance widths of U+0020..=U+007E in thousandths of an em, regular weight:
/// max(Noto Sans CJK SC Regular, DejaVu Sans).
const ASCII_REGULAR: [u16; 95] = [
    318, 401, 474, 838, 636, 950, 780, 278, 390, 390, 500, 838, 318, 361, 318, 392, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 535, 656, 557, 863, 748, 787, 633, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 392, 390, 838, 559, 606, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    284, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// The same for bold: max(Noto Sans CJK SC Bold, DejaVu Sans Bold).
const ASCII_BOLD: [u16; 95] = [
    348, 456, 574, 838, 696, 1002, 872, 325, 457, 457, 523, 838, 380, 415, 380, 387, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1007, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 568, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 387, 457, 838, 567, 626, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// Whether a character is East Asian Wide or Fullwidth (Unicode TR 11), for
/// the blocks that occur in CJK text.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F          // Hangul Jamo initials
        | 0x2E80..=0x303E        // CJK radicals, Kangxi, ideographic description, CJK symbols & punctuation
        | 0x3041..=0x33FF        // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK compatibility
        | 0x3400..=0x4DBF        // CJK Extension A
        | 0x4E00..=0x9FFF        // CJK Unified Ideographs
        | 0xA000..=0xA4CF        // Yi
        | 0xAC00..=0xD7A3        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE10..=0xFE19        // vertical forms
        | 0xFE30..=0xFE6F        // CJK compatibility forms, small form variants
        | 0xFF00..=0xFF60        // fullwidth forms
        | 0xFFE0..=0xFFE6        // fullwidth signs
        | 0x1F300..=0x1F64F      // pictographs
        | 0x20000..=0x3FFFD      // CJK Extensions B..
    )
}

/// Advance of one character in em.
pub fn char_em(c: char, bold: bool) -> f64 {
    let table = if bold { &ASCII_BOLD } else { &ASCII_REGULAR };
    match c as u32 {
        0x20..=0x7E => table[(c as u32 - 0x20) as usize] as f64 / 1000.0,
        _ if is_wide(c) => 1.0,
        // Everything else (middle dot, arrows, dashes, accented letters):
        // at most one em in both fonts (the middle dot is full width in Noto).
        _ => 1.0,
    }
}

/// Width of `text` in pixels at `size` px.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| char_em(c, bold)).sum::<f64>() * size
}

/// Punctuation that must not begin a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | '）'
            | '」'
            | '』'
            | '】'
            | '、'
            | '。'
            | '，'
            | '：'
            | '；'
            | '！'
            | '？'
    )
}

/// Breaks `text` into lines no wider than `max` px: at spaces, and between
/// any two wide (CJK) characters; a word wider than `max` by itself is
/// broken between its characters (so no line is wider than `max` unless one
/// character is).
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    // Tokens: runs of non-space non-wide characters, single wide characters,
    // and the spaces between them.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let new_token = match tokens.last() {
            None => true,
            // Closing punctuation never starts a line (kinsoku): it stays
            // with what it closes.
            Some(_) if is_closing(c) => false,
            Some(t) => {
                let last = t.chars().last().unwrap_or(' ');
                is_wide(c) || is_wide(last) || (c == ' ') != (last == ' ')
            }
        };
        if new_token {
            tokens.push(c.to_string());
        } else if let Some(t) = tokens.last_mut() {
            t.push(c);
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for t in tokens {
        let mut parts = pieces(&t, size, bold, max);
        if parts.len() > 1 {
            // A word wider than a line: on lines of its own, as CSS's
            // `overflow-wrap: break-word` sets it; its last piece goes on.
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_string());
            }
            line = parts.pop().unwrap_or_default();
            lines.extend(parts);
            continue;
        }
        let candidate = format!("{line}{t}");
        if !line.trim().is_empty()
            && width(candidate.trim_end(), size, bold) > max
            && !t.trim().is_empty()
        {
            lines.push(line.trim_end().to_string());
            line = t.trim_start().to_string();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim().to_string());
    }
    lines
}

/// A token cut into pieces no wider than `max` (one piece if it fits, or
/// if it is spaces). Why: a word longer than a line used to stay whole, and
/// a 20,000-letter endpoint made a box 514,990 px wide.
fn pieces(token: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    if token.trim().is_empty() || width(token, size, bold) <= max {
        return vec![token.to_string()];
    }
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut w = 0.0;
    for c in token.chars() {
        let cw = char_em(c, bold) * size;
        if !piece.is_empty() && w + cw > max {
            out.push(std::mem::take(&mut piece));
            w = 0.0;
        }
        piece.push(c);
        w += cw;
    }
    out.push(piece);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_one_em_and_wider_than_ascii_by_bytes_is_wrong() {
        // 访问边缘服务: 6 characters, 18 bytes, 6 em.
        assert_eq!(width("访问边缘服务", 10.0, false), 60.0);
        assert!(width("Access Edge service", 10.0, false) > 80.0);
        assert!(
            width("Access Edge service", 10.0, true) > width("Access Edge service", 10.0, false)
        );
    }

    #[test]
    fn wraps_at_spaces_and_between_ideographs() {
        assert_eq!(
            wrap("Access Edge service", 10.0, false, 70.0),
            vec!["Access Edge", "service"]
        );
        assert_eq!(
            wrap("承载中央管理存储的池", 10.0, false, 50.0),
            vec!["承载中央管", "理存储的池"]
        );
        assert_eq!(
            wrap("Web 会议边缘服务", 10.0, false, 60.0),
            vec!["Web 会议边", "缘服务"]
        );
        assert_eq!(wrap("", 10.0, false, 60.0), vec![""]);
        // A closing bracket stays with the text it closes.
        assert_eq!(
            wrap("任意（池）→ 边缘", 10.0, false, 50.0),
            vec!["任意（池）", "→ 边缘"]
        );
        // A word wider than the line is broken between its letters.
        let lines = wrap("Supercalifragilistic", 10.0, false, 30.0);
        assert_eq!(lines, vec!["Super", "califr", "agilis", "tic"]);
        assert!(lines.iter().all(|l| width(l, 10.0, false) <= 30.0));
        // On lines of its own, not after other words.
        assert_eq!(
            wrap("a Supercalifragilistic b", 10.0, false, 60.0),
            vec!["a", "Supercalifr", "agilistic b"]
        );
        assert_eq!(wrap("a Supercalifragilistic", 10.0, false, 200.0).len(), 1);
    }
}
