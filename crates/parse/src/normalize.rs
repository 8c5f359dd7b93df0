//! Text normalization shared by the grammars.
//!
//! Localized editions write the same thing with different characters:
//! full-width parentheses `（MTLS）`, the ideographic comma `、`, wave dashes
//! `～`, no-break and thin spaces, and CJK text with or without spaces around
//! embedded Latin words (`边缘服务器 A/V 边缘服务`, `边缘服务器A/V 边缘服务`).
//! The grammars match on a folded form so that they are written once, by rule,
//! instead of once per spelling. A stage of its own because every grammar
//! (`spec`, `endpoint`, `classify`) folds the same way.

use std::borrow::Cow;

/// Folds compatibility characters to their ASCII counterparts and collapses
/// runs of whitespace to one space. Case is kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = fold_char(c);
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn fold_char(c: char) -> char {
    match c {
        // Full-width ASCII block (！ to ～) maps onto ASCII by a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' | '\u{200A}' => ' ',
        '\u{200B}' | '\u{FEFF}' => ' ',
        '、' => ',',
        '〜' => '~',
        '‐' | '‑' | '‒' | '–' | '—' | '−' | '﹣' => '-',
        _ => c,
    }
}

/// Whether `c` is an invisible format character (Unicode category Cf, the
/// ones that occur in text: zero-width space, joiners, direction marks,
/// soft hyphen, word joiner, byte order mark). Nothing a reader sees.
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// The name of an invisible format character, for a message: `U+200D ZERO
/// WIDTH JOINER`.
pub fn format_name(c: char) -> String {
    let name = match c {
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "",
    };
    if name.is_empty() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} {name}", c as u32)
    }
}

/// Whether a character belongs to a script written without spaces between
/// words (Han, kana, Hangul and their punctuation).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F)
}

/// The key form vocabularies are matched on: square brackets removed (machine
/// translation writes terms like a button's label, `[任何]`, `[前端伺服器]`,
/// and even closes them in the wrong place, `[…的池）]`; they never change
/// what a cell names), folded, lower-cased, spaces next to CJK characters
/// removed (they are typographic, not word breaks), spaces around `/`, `(`
/// and `)` removed, and an immediately repeated word collapsed (`Front End
/// Server server IP`, `前端服务器服务器 IP`: the same typo in both editions).
pub fn key(s: &str) -> String {
    let unbracketed: Cow<'_, str> = if s.contains(['[', ']']) {
        Cow::Owned(s.replace(['[', ']'], ""))
    } else {
        Cow::Borrowed(s)
    };
    let folded = fold(&unbracketed).to_lowercase();
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = if i > 0 { chars[i - 1] } else { ' ' };
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let glue = |x: char| is_cjk(x) || matches!(x, '/' | '(' | ')');
            if glue(prev) || glue(next) {
                continue;
            }
        }
        out.push(c);
    }
    collapse_repeats(&out)
}

/// `server server` → `server`; `服务器服务器` → `服务器` (repeats of two or more
/// CJK characters).
fn collapse_repeats(s: &str) -> String {
    // Latin words: compare whitespace-separated tokens.
    let mut words: Vec<&str> = Vec::new();
    for w in s.split(' ') {
        if words
            .last()
            // Whole words only: `pool, pool,` in a list is two items.
            .is_some_and(|last| {
                last.eq_ignore_ascii_case(w) && w.len() > 1 && w.chars().all(char::is_alphanumeric)
            })
        {
            continue;
        }
        words.push(w);
    }
    let joined = words.join(" ");
    // CJK runs: drop a run of n >= 2 CJK characters immediately repeated.
    let chars: Vec<char> = joined.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        for n in (2..=4).rev() {
            if i + 2 * n <= chars.len()
                && chars[i..i + n].iter().all(|&c| is_cjk(c))
                && chars[i..i + n] == chars[i + n..i + 2 * n]
            {
                out.extend_from_slice(&chars[i..i + n]);
                i += 2 * n;
                continue 'outer;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(fold("SIP（MTLS）\u{3000}/TCP"), "SIP(MTLS) /TCP");
        assert_eq!(fold("STUN、MSTURN"), "STUN,MSTURN");
        assert_eq!(fold("50,000 ～ 59,999"), "50,000 ~ 59,999");
        assert_eq!(fold("  a \n\t b "), "a b");
    }

    #[test]
    fn format_characters() {
        assert!(is_format('\u{200D}') && is_format('\u{FEFF}') && !is_format(' '));
        assert_eq!(format_name('\u{200D}'), "U+200D ZERO WIDTH JOINER");
        assert_eq!(format_name('\u{2063}'), "U+2063");
    }

    #[test]
    fn keys_ignore_cjk_spacing_and_repeats() {
        assert_eq!(
            key("边缘服务器 A/V 边缘服务"),
            key("边缘服务器A/V 边缘服务")
        );
        assert_eq!(key("前端服务器服务器 IP"), "前端服务器ip");
        assert_eq!(key("Front End Server server IP"), "front end server ip");
        assert_eq!(key("SIP (MTLS) /TCP"), "sip(mtls)/tcp");
    }

    #[test]
    fn keys_ignore_square_brackets() {
        assert_eq!(key("[前端] 池"), key("前端池"));
        assert_eq!(key("[控制器 IP]"), "控制器ip");
        assert_eq!(
            key("[任何] （可定義為 [前端伺服器 IP 位址] 或 [擁有中央管理儲存區的池）]"),
            key("任何（可定義為前端伺服器 IP 位址或擁有中央管理儲存區的池）")
        );
    }
}
