//! Message catalogs of the book.
//!
//! Two kinds:
//!
//! - **UI catalogs** (`i18n/ui/<locale>.toml`): every label, heading and
//!   column name the templates show, as flat `key = "text"` pairs, one file
//!   per book locale. Templates read them as `t.<key>`.
//! - **Translation catalogs** (`i18n/<locale>.po`, gettext PO, template
//!   `i18n/portmatrix.pot`): the words of a page (title, table headings,
//!   notes) for a locale the page has no edition in. msgid is the text as the
//!   page writes it, msgstr its translation. An entry without msgstr, or
//!   marked `fuzzy`, does not count as translated: the book then shows the
//!   original text, visibly marked as untranslated.
//!
//! The catalogs in the crate's `i18n/` folder are embedded; a catalog
//! directory given at run time replaces the embedded files it contains.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::BookError;

/// A translation entry of a PO file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoEntry {
    pub msgid: String,
    pub msgstr: String,
    pub fuzzy: bool,
    /// `#:` references (`zh-CN/page.md:50`), one per line.
    pub references: Vec<String>,
    /// `#.` extracted comments.
    pub comments: Vec<String>,
    /// `#` translator comments.
    pub translator_comments: Vec<String>,
    /// `#| msgid`: the msgid the translation was made for, when a merge
    /// carried it over to a changed text (fuzzy).
    pub previous: Option<String>,
}

impl PoEntry {
    /// Translated and not fuzzy: usable in the book.
    pub fn is_usable(&self) -> bool {
        !self.fuzzy && !self.msgstr.is_empty()
    }
}

/// One PO file: the translations into one locale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoCatalog {
    /// Target locale (`Language:` header, else the file name).
    pub locale: String,
    /// Where it was read from (`i18n/en-US.po`, or `embedded:i18n/en-US.po`).
    pub origin: String,
    /// Entries by msgid.
    pub entries: BTreeMap<String, PoEntry>,
    /// `#~` obsolete entries (kept verbatim, never used).
    pub obsolete: Vec<String>,
}

impl PoCatalog {
    /// The usable translation of `msgid`, if any.
    pub fn get(&self, msgid: &str) -> Option<&str> {
        self.entries
            .get(msgid)
            .filter(|e| e.is_usable())
            .map(|e| e.msgstr.as_str())
    }
}

/// All catalogs the book uses.
#[derive(Debug, Clone, Default)]
pub struct Catalogs {
    /// UI catalogs by locale.
    pub ui: BTreeMap<String, BTreeMap<String, String>>,
    /// Translation catalogs by target locale.
    pub translations: BTreeMap<String, PoCatalog>,
}

const EMBEDDED_UI: &[(&str, &str)] = &[
    ("en-US", include_str!("../../i18n/ui/en-US.toml")),
    ("zh-CN", include_str!("../../i18n/ui/zh-CN.toml")),
];

const EMBEDDED_PO: &[(&str, &str)] = &[("en-US", include_str!("../../i18n/en-US.po"))];

impl Catalogs {
    /// The catalogs embedded in the crate (`i18n/`).
    pub fn embedded() -> Result<Catalogs, BookError> {
        let mut c = Catalogs::default();
        for (locale, text) in EMBEDDED_UI {
            c.ui.insert(
                locale.to_string(),
                parse_ui(text, &format!("embedded:i18n/ui/{locale}.toml"))?,
            );
        }
        for (locale, text) in EMBEDDED_PO {
            let po = parse_po(text, &format!("embedded:i18n/{locale}.po"), locale)?;
            c.translations.insert(po.locale.clone(), po);
        }
        Ok(c)
    }

    /// The embedded catalogs, with every catalog file found in `dir`
    /// (`ui/<locale>.toml`, `<locale>.po`) replacing or adding to them.
    pub fn load(dir: &Path) -> Result<Catalogs, BookError> {
        let mut c = Catalogs::embedded()?;
        let read = |p: &Path| {
            std::fs::read_to_string(p)
                .map_err(|e| BookError::new(format!("cannot read {}: {e}", p.display())))
        };
        if let Ok(rd) = std::fs::read_dir(dir.join("ui")) {
            for p in sorted_files(rd, "toml") {
                let locale = stem(&p);
                c.ui.insert(locale, parse_ui(&read(&p)?, &p.display().to_string())?);
            }
        }
        if let Ok(rd) = std::fs::read_dir(dir) {
            for p in sorted_files(rd, "po") {
                let po = parse_po(&read(&p)?, &p.display().to_string(), &stem(&p))?;
                c.translations.insert(po.locale.clone(), po);
            }
        }
        Ok(c)
    }

    /// The UI catalog of `locale` with every key of every other UI catalog
    /// present: a key this locale lacks shows as `⟦key⟧`, visibly.
    pub fn ui_for(&self, locale: &str) -> Option<BTreeMap<String, String>> {
        let own = self.ui.get(locale)?;
        let mut out = own.clone();
        for cat in self.ui.values() {
            for k in cat.keys() {
                out.entry(k.clone()).or_insert_with(|| format!("⟦{k}⟧"));
            }
        }
        Some(out)
    }

    /// UI keys some catalog has and `locale`'s lacks.
    pub fn ui_missing(&self, locale: &str) -> Vec<String> {
        let Some(own) = self.ui.get(locale) else {
            return Vec::new();
        };
        let all: BTreeSet<&String> = self.ui.values().flat_map(|c| c.keys()).collect();
        all.into_iter()
            .filter(|k| !own.contains_key(*k))
            .cloned()
            .collect()
    }
}

fn sorted_files(rd: std::fs::ReadDir, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parse_ui(text: &str, origin: &str) -> Result<BTreeMap<String, String>, BookError> {
    toml::from_str::<BTreeMap<String, String>>(text)
        .map_err(|e| BookError::new(format!("{origin}: not a flat table of strings: {e}")))
}

/// Checks the lines of a PO file so that the PO parser never sees a line it
/// cannot take (it panics on some malformed lines).
fn validate_po(text: &str, origin: &str) -> Result<(), BookError> {
    let mut in_field = false;
    for (i, line) in text.lines().enumerate() {
        let bad = |what: &str| BookError::new(format!("{origin}:{}: {what}", i + 1));
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            in_field = false;
        } else if line.starts_with('#') {
            // comments, flags, references, obsolete and previous entries
        } else if line.starts_with('"') {
            if !in_field {
                return Err(bad("string continuation outside a field"));
            }
            if line.len() < 2 || !line.ends_with('"') {
                return Err(bad("unterminated string"));
            }
        } else {
            let Some((kw, rest)) = line.split_once(' ') else {
                return Err(bad("expected `keyword \"string\"`"));
            };
            let known = matches!(kw, "msgctxt" | "msgid" | "msgid_plural" | "msgstr")
                || (kw.starts_with("msgstr[") && kw.ends_with(']'));
            if !known {
                return Err(bad(&format!("unknown keyword `{kw}`")));
            }
            if rest.len() < 2 || !rest.starts_with('"') || !rest.ends_with('"') {
                return Err(bad("expected a quoted string"));
            }
            in_field = true;
        }
    }
    Ok(())
}

/// Parses a PO file (with `polib`), keeping what the book needs. `#|`
/// previous msgids and `#~` obsolete entries, which `polib` skips, are read
/// here.
pub fn parse_po(text: &str, origin: &str, default_locale: &str) -> Result<PoCatalog, BookError> {
    validate_po(text, origin)?;
    let normalized = text.replace("\r\n", "\n");
    let parsed =
        std::panic::catch_unwind(|| polib::po_file::parse_from_reader(normalized.as_bytes()))
            .map_err(|_| BookError::new(format!("{origin}: malformed PO file")))?
            .map_err(|e| BookError::new(format!("{origin}: {e}")))?;
    let mut cat = PoCatalog {
        locale: if parsed.metadata.language.trim().is_empty() {
            default_locale.to_string()
        } else {
            parsed.metadata.language.trim().to_string()
        },
        origin: origin.to_string(),
        ..PoCatalog::default()
    };
    let previous = previous_msgids(&normalized);
    for m in parsed.messages() {
        if !m.is_singular() {
            continue;
        }
        let split = |s: &str| -> Vec<String> {
            s.split('\n')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        };
        let msgid = m.msgid().to_string();
        let entry = PoEntry {
            previous: previous.get(&msgid).cloned(),
            msgid: msgid.clone(),
            msgstr: m.msgstr().unwrap_or_default().to_string(),
            fuzzy: m.is_fuzzy(),
            references: m
                .source()
                .split(['\n', ' '])
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            comments: split(m.extracted_comments()),
            translator_comments: split(m.translator_comments()),
        };
        cat.entries.insert(msgid, entry);
    }
    // Obsolete entries: blocks of `#~` lines.
    let mut block = String::new();
    for line in normalized.lines() {
        if line.starts_with("#~") {
            block.push_str(line);
            block.push('\n');
        } else if !block.is_empty() {
            cat.obsolete.push(std::mem::take(&mut block));
        }
    }
    if !block.is_empty() {
        cat.obsolete.push(block);
    }
    Ok(cat)
}

/// `#| msgid "…"` lines, by the msgid of the entry they stand above.
fn previous_msgids(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut prev: Option<String> = None;
    let mut in_prev = false;
    let mut in_msgid = false;
    let mut msgid = String::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("#| msgid ") {
            prev = Some(unquote(rest));
            in_prev = true;
        } else if let Some(rest) = line.strip_prefix("#| \"") {
            if in_prev && let Some(p) = prev.as_mut() {
                p.push_str(&unquote(&format!("\"{rest}")));
            }
        } else if let Some(rest) = line.strip_prefix("msgid ") {
            in_prev = false;
            in_msgid = true;
            msgid = unquote(rest);
        } else if line.starts_with('"') && in_msgid {
            msgid.push_str(&unquote(line));
        } else {
            if in_msgid {
                if let Some(p) = prev.take() {
                    out.insert(msgid.clone(), p);
                }
                in_msgid = false;
            }
            if !line.starts_with("#|") {
                in_prev = in_prev && line.starts_with('#');
            }
        }
    }
    out
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s);
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a PO or POT file, gettext style, deterministically (entries in
/// the order given; no dates).
pub fn write_po(locale: Option<&str>, entries: &[PoEntry], obsolete: &[String]) -> String {
    let mut s = String::new();
    s.push_str(
        "# portmatrix: translations of the TechNet port-summary pages for the runbook book.\n",
    );
    s.push_str("# Source pages: © Microsoft Corporation, CC BY 4.0.\n");
    s.push_str("msgid \"\"\nmsgstr \"\"\n");
    s.push_str("\"Project-Id-Version: portmatrix\\n\"\n");
    if let Some(l) = locale {
        s.push_str(&format!("\"Language: {l}\\n\"\n"));
    }
    s.push_str("\"MIME-Version: 1.0\\n\"\n");
    s.push_str("\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
    s.push_str("\"Content-Transfer-Encoding: 8bit\\n\"\n");
    for e in entries {
        s.push('\n');
        for c in &e.translator_comments {
            s.push_str(&format!("# {c}\n"));
        }
        for c in &e.comments {
            s.push_str(&format!("#. {c}\n"));
        }
        for r in &e.references {
            s.push_str(&format!("#: {r}\n"));
        }
        if e.fuzzy {
            s.push_str("#, fuzzy\n");
        }
        if let Some(p) = &e.previous {
            s.push_str(&format!("#| msgid {}\n", quote(p)));
        }
        s.push_str(&format!(
            "msgid {}\nmsgstr {}\n",
            quote(&e.msgid),
            quote(&e.msgstr)
        ));
    }
    for o in obsolete {
        s.push('\n');
        s.push_str(o);
    }
    s
}

/// Similarity of two texts in 0..=1: Dice coefficient of character bigrams.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> BTreeMap<(char, char), usize> {
        let cs: Vec<char> = s.chars().collect();
        let mut m = BTreeMap::new();
        for w in cs.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    };
    let (ga, gb) = (grams(a), grams(b));
    let (na, nb): (usize, usize) = (ga.values().sum(), gb.values().sum());
    if na + nb == 0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let common: usize = ga
        .iter()
        .map(|(k, n)| (*n).min(*gb.get(k).unwrap_or(&0)))
        .sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// Merges a fresh template (the POT entries) into an existing PO catalog the
/// way `msgmerge` does: entries whose msgid is unchanged keep their
/// translation; a new msgid takes the translation of the most similar
/// vanished msgid (similarity ≥ 0.6), marked `fuzzy` with the old msgid as
/// `#|`; vanished msgids become `#~` obsolete entries.
pub fn merge(pot: &[PoEntry], old: &PoCatalog) -> (Vec<PoEntry>, Vec<String>) {
    let new_ids: BTreeSet<&str> = pot.iter().map(|e| e.msgid.as_str()).collect();
    let vanished: Vec<&PoEntry> = old
        .entries
        .values()
        .filter(|e| !new_ids.contains(e.msgid.as_str()) && !e.msgstr.is_empty())
        .collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for t in pot {
        let mut e = t.clone();
        if let Some(o) = old.entries.get(&t.msgid) {
            e.msgstr = o.msgstr.clone();
            e.fuzzy = o.fuzzy;
            e.previous = if o.fuzzy { o.previous.clone() } else { None };
            e.translator_comments = o.translator_comments.clone();
        } else {
            let best = vanished
                .iter()
                .filter(|o| !used.contains(o.msgid.as_str()))
                .map(|o| (similarity(&t.msgid, &o.msgid), *o))
                .filter(|(s, _)| *s >= 0.6)
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.msgid.cmp(&a.1.msgid)));
            if let Some((_, o)) = best {
                used.insert(o.msgid.as_str());
                e.msgstr = o.msgstr.clone();
                e.fuzzy = true;
                e.previous = Some(o.msgid.clone());
                e.translator_comments = o.translator_comments.clone();
            }
        }
        out.push(e);
    }
    let mut obsolete = old.obsolete.clone();
    for o in old.entries.values() {
        if !new_ids.contains(o.msgid.as_str()) && !used.contains(o.msgid.as_str()) {
            let mut block = String::new();
            for c in &o.translator_comments {
                block.push_str(&format!("# {c}\n"));
            }
            block.push_str(&format!(
                "#~ msgid {}\n#~ msgstr {}\n",
                quote(&o.msgid),
                quote(&o.msgstr)
            ));
            obsolete.push(block);
        }
    }
    (out, obsolete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, s: &str) -> PoEntry {
        PoEntry {
            msgid: id.into(),
            msgstr: s.into(),
            fuzzy: false,
            references: vec!["zh-CN/a.md:1".into()],
            comments: vec![],
            translator_comments: vec![],
            previous: None,
        }
    }

    #[test]
    fn write_then_parse_round_trips() {
        let mut e = entry("通过 TCP 的 DNS 查询 \"q\"", "DNS queries over TCP");
        e.fuzzy = true;
        e.previous = Some("通过 TCP 的 DNS".into());
        let text = write_po(
            Some("en-US"),
            &[e.clone(), entry("x", "")],
            &["#~ msgid \"old\"\n#~ msgstr \"Old\"\n".into()],
        );
        let cat = parse_po(&text, "t.po", "xx").unwrap();
        assert_eq!(cat.locale, "en-US");
        assert_eq!(cat.entries.len(), 2);
        assert_eq!(cat.entries[&e.msgid], e);
        assert_eq!(cat.get(&e.msgid), None, "fuzzy is not usable");
        assert_eq!(cat.get("x"), None, "empty is not usable");
        assert_eq!(cat.obsolete.len(), 1);
    }

    #[test]
    fn merge_marks_changed_entries_fuzzy() {
        let old = PoCatalog {
            locale: "en-US".into(),
            origin: "t".into(),
            entries: [
                entry("通过 UDP 的 DNS 查询", "DNS queries over UDP"),
                entry("完全无关的旧文本", "Old"),
            ]
            .into_iter()
            .map(|e| (e.msgid.clone(), e))
            .collect(),
            obsolete: vec![],
        };
        let pot = vec![entry("通过 UDP 的 DNS 查询。", ""), entry("新文本", "")];
        let (merged, obsolete) = merge(&pot, &old);
        assert!(merged[0].fuzzy);
        assert_eq!(merged[0].msgstr, "DNS queries over UDP");
        assert_eq!(merged[0].previous.as_deref(), Some("通过 UDP 的 DNS 查询"));
        assert!(!merged[1].fuzzy);
        assert_eq!(merged[1].msgstr, "");
        assert_eq!(obsolete.len(), 1);
        assert!(obsolete[0].contains("完全无关的旧文本"));
    }

    #[test]
    fn malformed_po_is_an_error_not_a_panic() {
        for bad in [
            "\"orphan\"\n",
            "msgid x\n",
            "msgid \"a\nmsgstr \"\"\n",
            "bogus \"a\"\n",
            "msgid \"\"\nmsgstr \"\"\n\n\"x\"",
        ] {
            assert!(parse_po(bad, "bad.po", "en-US").is_err(), "{bad:?}");
        }
    }
}
