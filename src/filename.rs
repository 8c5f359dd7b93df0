//! Output file names derived from pages, safe and unique by construction.
//!
//! Every name portmatrix writes for a page (a diagram file, a book chapter)
//! comes from the page's `path` (relative to its docs tree, see
//! `portmatrix::parse::Source`) and its locale, through these functions:
//!
//! - [`sanitize`]: one path component. Letters and digits of every script are
//!   kept (`端口` stays `端口`), ASCII is lowercased, everything else (dots,
//!   separators, spaces, punctuation, control and invisible characters) becomes
//!   `-`; runs of `-` collapse and none leads or trails. So `..a`, `a/b`,
//!   `.hidden` or `a\u{202e}b` can never name a folder, a hidden file or a path
//!   outside the output.
//! - [`shorten`]: a name longer than [`MAX_NAME_BYTES`] is cut and ends with
//!   `-` and a stable hash of the whole page path (FNV-1a, the same on every
//!   machine and Rust version).
//! - [`unique`]: names that would collide (two `p.md` in different folders, a
//!   page named like a generated chapter or an mdBook page, see
//!   [`BOOK_RESERVED`]) are told apart by that hash; the result does not depend
//!   on the order of the pages.
//!
//! ```
//! use portmatrix::filename::{sanitize, unique, BOOK_RESERVED};
//! assert_eq!(sanitize("..a"), "a");
//! assert_eq!(sanitize("端口 摘要"), "端口-摘要");
//! let names = unique(
//!     &[
//!         ("docs/x/p.md".into(), "p".into()),
//!         ("docs/y/p.md".into(), "p".into()),
//!         ("docs/index.md".into(), "index".into()),
//!     ],
//!     BOOK_RESERVED,
//! );
//! assert_ne!(names[0], names[1]);
//! assert!(names[0].starts_with("p-") && names[1].starts_with("p-"));
//! assert_eq!(names[2], "index-page");
//! ```

use std::collections::{BTreeMap, BTreeSet};

/// The longest name (in UTF-8 bytes) made from a page, before any suffix
/// (`-en-US-topology.svg`): well under the 255 bytes file systems allow.
pub const MAX_NAME_BYTES: usize = 120;

/// Names a book chapter made from a page never takes: the generated chapters,
/// the hand-written ones, mdBook's own pages (`index.html`, `print.html`,
/// `toc.html`, `404.html`; `SUMMARY.md` and `README.md` on a file system that
/// ignores case) and the device names Windows reserves.
pub const BOOK_RESERVED: &[&str] = &[
    // Generated chapters.
    "by-port",
    "by-endpoint",
    "locale-sync",
    // Hand-written chapters (book/<locale>/).
    "introduction",
    "reading-a-rule",
    "how-the-data-is-made",
    // mdBook.
    "index",
    "print",
    "toc",
    "404",
    "summary",
    "readme",
    // Windows devices.
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// The file name of a page's path without its folders and its `.md`.
pub fn page_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.len().checked_sub(3) {
        Some(cut) if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".md") => {
            &name[..cut]
        }
        _ => name,
    }
}

/// `raw` as one safe path component (see the module docs); may be empty.
pub fn sanitize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A stable 8-hex-digit hash of `key` (FNV-1a 64, folded to 32 bits).
pub fn hash8(key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", (h >> 32) as u32 ^ h as u32)
}

/// `name` with `-<hash8(key)>` appended, cut so that the whole fits in
/// [`MAX_NAME_BYTES`].
fn with_hash(name: &str, key: &str) -> String {
    let room = MAX_NAME_BYTES - 9;
    let mut cut = name.len().min(room);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = name[..cut].trim_end_matches('-');
    if head.is_empty() {
        format!("page-{}", hash8(key))
    } else {
        format!("{head}-{}", hash8(key))
    }
}

/// `name` if it fits in [`MAX_NAME_BYTES`], else cut with a hash of `key`;
/// `page` for an empty name.
pub fn shorten(name: &str, key: &str) -> String {
    if name.is_empty() {
        "page".to_string()
    } else if name.len() <= MAX_NAME_BYTES {
        name.to_string()
    } else {
        with_hash(name, key)
    }
}

/// The name of each item (`key`: the page's path; `base`: the name wanted,
/// already [`sanitize`]d), distinct from each other and from `reserved`.
///
/// A reserved name gets `-page`; names that still collide get the hash of
/// their key (so neither page is favoured, whatever the order); in the
/// unlikely case that those collide too, a counter in key order.
pub fn unique(items: &[(String, String)], reserved: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = items
        .iter()
        .map(|(key, base)| {
            let name = shorten(base, key);
            if reserved.contains(&name.as_str()) {
                shorten(&format!("{name}-page"), key)
            } else {
                name
            }
        })
        .collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &names {
        *count.entry(n.as_str()).or_default() += 1;
    }
    let clashing: BTreeSet<String> = count
        .into_iter()
        .filter(|(_, c)| *c > 1)
        .map(|(n, _)| n.to_string())
        .collect();
    for (i, (key, _)) in items.iter().enumerate() {
        if clashing.contains(&names[i]) {
            names[i] = with_hash(&names[i], key);
        }
    }
    // Last resort, in key order: a counter.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| (&names[a], &items[a].0, a).cmp(&(&names[b], &items[b].0, b)));
    let mut seen: BTreeSet<String> = reserved.iter().map(|s| s.to_string()).collect();
    for i in order {
        let mut n = 2;
        let base = names[i].clone();
        while !seen.insert(names[i].clone()) {
            names[i] = format!("{}-{n}", shorten(&base, &items[i].0));
            n += 1;
        }
    }
    names
}

/// The folder of a locale among the diagrams (`zh-CN`): ASCII letters,
/// digits and inner `-` only; `und` when nothing is left.
pub fn locale_dir(locale: &str) -> String {
    let l: String = locale
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let l = l.trim_matches('-');
    if l.is_empty() {
        "und".to_string()
    } else {
        l.to_string()
    }
}

/// Whether `s` is a well-formed BCP 47 language tag (RFC 5646: language,
/// extended language, script, region, variants, extensions, private use; or a
/// private-use tag `x-…`), such as `en-US`, `zh-Hans-CN` or `de-CH-1901`.
/// Such a tag is ASCII letters, digits and `-` only, so it is always a plain
/// folder or file name: never a path, never `..`.
pub fn is_locale_tag(s: &str) -> bool {
    if s.is_empty() || s.len() > 64 {
        return false;
    }
    let parts: Vec<&str> = s.split('-').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return false;
    }
    let alpha = |p: &str| p.chars().all(|c| c.is_ascii_alphabetic());
    let digit = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let mut i = 0;
    let private = |i: usize| parts[i + 1..].iter().all(|p| !p.is_empty()) && parts.len() > i + 1;
    if parts[0].eq_ignore_ascii_case("x") {
        return private(0);
    }
    // language: 2-3 letters (+ up to 3 extlang), or 4-8 letters.
    let lang = parts[0];
    if !(alpha(lang) && (2..=8).contains(&lang.len())) {
        return false;
    }
    i += 1;
    if lang.len() <= 3 {
        let mut ext = 0;
        while i < parts.len() && ext < 3 && parts[i].len() == 3 && alpha(parts[i]) {
            i += 1;
            ext += 1;
        }
    }
    // script
    if i < parts.len() && parts[i].len() == 4 && alpha(parts[i]) {
        i += 1;
    }
    // region
    if i < parts.len()
        && ((parts[i].len() == 2 && alpha(parts[i])) || (parts[i].len() == 3 && digit(parts[i])))
    {
        i += 1;
    }
    // variants
    while i < parts.len()
        && ((5..=8).contains(&parts[i].len())
            || (parts[i].len() == 4 && parts[i].starts_with(|c: char| c.is_ascii_digit())))
    {
        i += 1;
    }
    // extensions: a singleton (not x) and at least one 2-8 subtag each.
    while i < parts.len() && parts[i].len() == 1 && !parts[i].eq_ignore_ascii_case("x") {
        let start = i;
        i += 1;
        while i < parts.len() && parts[i].len() >= 2 {
            i += 1;
        }
        if i == start + 1 {
            return false;
        }
    }
    if i < parts.len() && parts[i].eq_ignore_ascii_case("x") {
        return private(i);
    }
    i == parts.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_keeps_letters_of_every_script_and_nothing_else() {
        assert_eq!(sanitize("端口"), "端口");
        assert_eq!(sanitize("..a"), "a");
        assert_eq!(sanitize(".."), "");
        assert_eq!(sanitize("a/../b\\c"), "a-b-c");
        assert_eq!(sanitize("By Port"), "by-port");
        assert_eq!(sanitize("a\u{202e}b\u{200b}c\u{0}"), "a-b-c");
        assert_eq!(
            sanitize("lync-server-2013-port-summary-reverse-proxy"),
            "lync-server-2013-port-summary-reverse-proxy"
        );
    }

    #[test]
    fn page_stem_drops_folders_and_md() {
        assert_eq!(page_stem("docs/en-US/x/p.md"), "p");
        assert_eq!(page_stem("a\\b.MD"), "b");
        assert_eq!(page_stem("端口.md"), "端口");
        assert_eq!(page_stem("é.md"), "é");
    }

    #[test]
    fn long_names_are_cut_with_a_stable_hash() {
        let long = "a".repeat(240);
        let n = shorten(&long, "docs/aaa.md");
        assert!(n.len() <= MAX_NAME_BYTES, "{n}");
        assert_eq!(n, shorten(&long, "docs/aaa.md"));
        assert_ne!(n, shorten(&long, "docs/other/aaa.md"));
        let cjk = "端".repeat(100);
        let n = shorten(&cjk, "k");
        assert!(n.len() <= MAX_NAME_BYTES && n.starts_with('端'), "{n}");
        // FNV-1a's offset basis 0xcbf29ce4_84222325, folded: fixed forever.
        assert_eq!(hash8(""), "4fd0bfc1");
        assert_eq!(hash8("docs/x/p.md").len(), 8);
    }

    #[test]
    fn unique_names_do_not_depend_on_the_order() {
        let a = ("docs/x/p.md".to_string(), "p".to_string());
        let b = ("docs/y/p.md".to_string(), "p".to_string());
        let c = ("docs/q.md".to_string(), "q".to_string());
        let one = unique(&[a.clone(), b.clone(), c.clone()], &[]);
        let two = unique(&[c, b, a], &[]);
        assert_eq!(one, [two[2].clone(), two[1].clone(), two[0].clone()]);
        assert_eq!(one[2], "q");
        // Same key twice (one tree given twice): a counter.
        let same = ("docs/p.md".to_string(), "p".to_string());
        let n = unique(&[same.clone(), same], &[]);
        assert_ne!(n[0], n[1]);
    }

    #[test]
    fn reserved_names_are_never_taken() {
        let items: Vec<(String, String)> = BOOK_RESERVED
            .iter()
            .map(|r| (format!("docs/{r}.md"), r.to_string()))
            .chain([("docs/index-page.md".to_string(), "index-page".to_string())])
            .collect();
        let names = unique(&items, BOOK_RESERVED);
        for n in &names {
            assert!(!BOOK_RESERVED.contains(&n.as_str()), "{n}");
        }
        let set: BTreeSet<&String> = names.iter().collect();
        assert_eq!(set.len(), names.len());
    }

    #[test]
    fn locale_tags() {
        for ok in [
            "en-US",
            "zh-CN",
            "zh-Hans-CN",
            "de-CH-1901",
            "sr-Latn-RS",
            "es-419",
            "x-private",
            "en-US-x-twain",
            "en-a-bbb-x-a-ccc",
        ] {
            assert!(is_locale_tag(ok), "{ok}");
        }
        for bad in [
            "", "../../x", "..", "en/US", "en_US", "en-", "-en", "e", "en--US", "en US", "x",
            "en-a", "zh-CN/..", "1234",
        ] {
            assert!(!is_locale_tag(bad), "{bad}");
        }
    }
}
