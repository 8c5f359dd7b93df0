//! Gettext PO files: read with `polib`, written the way GNU gettext writes
//! them, merged the way `msgmerge` merges.
//!
//! `polib` reads the entries (msgctxt, msgid, msgid_plural, msgstr,
//! msgstr[n], flags, comments, references). What it does not keep is read
//! here from the text: the header's fields in their order (it keeps nine
//! known ones and drops the rest, such as `X-Generator`), the header's
//! comments and flags, the `#|` previous msgids and the `#~` obsolete
//! entries. The writer writes all of it back, so a catalog saved by Poedit,
//! Lokalize or `msgmerge` keeps every field and comment through
//! `portmatrix i18n update`.

use std::collections::{BTreeMap, BTreeSet};

use super::BookError;

/// The identity of a message: its context (`msgctxt`) and its msgid.
pub type MsgKey = (Option<String>, String);

/// One entry of a PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoEntry {
    /// `msgctxt`: what the text means where one msgid has two meanings.
    pub msgctxt: Option<String>,
    /// The text to translate.
    pub msgid: String,
    /// `msgid_plural`: the English plural of a message with plural forms.
    pub msgid_plural: Option<String>,
    /// The translation of a message without plural forms.
    pub msgstr: String,
    /// `msgstr[n]`: the translations of a message with plural forms, one
    /// per form of the catalog's `Plural-Forms`.
    pub msgstr_plural: Vec<String>,
    /// Marked `fuzzy`: an outdated translation, not used.
    pub fuzzy: bool,
    /// The other flags (`no-wrap`, `c-format`, …), in file order.
    pub flags: Vec<String>,
    /// `#:` references (`zh-CN/page.md:50`), one per item.
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
    /// A template entry (no translation).
    pub fn template(msgctxt: Option<&str>, msgid: &str, msgid_plural: Option<&str>) -> PoEntry {
        PoEntry {
            msgctxt: msgctxt.map(str::to_string),
            msgid: msgid.to_string(),
            msgid_plural: msgid_plural.map(str::to_string),
            ..PoEntry::default()
        }
    }

    /// The entry's identity.
    pub fn key(&self) -> MsgKey {
        (self.msgctxt.clone(), self.msgid.clone())
    }

    /// Has a translation (every plural form filled), fuzzy or not.
    pub fn is_translated(&self) -> bool {
        if self.msgid_plural.is_some() {
            !self.msgstr_plural.is_empty() && self.msgstr_plural.iter().all(|s| !s.is_empty())
        } else {
            !self.msgstr.is_empty()
        }
    }

    /// Translated and not fuzzy: usable in the book.
    pub fn is_usable(&self) -> bool {
        !self.fuzzy && self.is_translated()
    }
}

/// The header entry (`msgid ""`): its comment lines and its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoHeader {
    /// The comment lines above it, verbatim (`# Copyright …`, `#, fuzzy`).
    pub comments: Vec<String>,
    /// `Name: value` fields in file order, every one of them (the known
    /// ones and `X-Generator`, `X-Poedit-*`, `Report-Msgid-Bugs-To`, …).
    pub fields: Vec<(String, String)>,
}

impl PoHeader {
    /// The value of field `name` (case-insensitive), if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets field `name`, in place when present, else at the end.
    pub fn set(&mut self, name: &str, value: &str) {
        match self
            .fields
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            Some(f) => f.1 = value.to_string(),
            None => self.fields.push((name.to_string(), value.to_string())),
        }
    }

    /// The header of a new catalog for `locale` (`None`: the template),
    /// with every field `msgfmt --check` looks for.
    pub fn new(locale: Option<&str>) -> PoHeader {
        let plural = match locale {
            Some(l) => plural_forms_for(l).to_string(),
            None => "nplurals=2; plural=(n != 1);".to_string(),
        };
        let fields = [
            ("Project-Id-Version", "portmatrix"),
            ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
            ("Last-Translator", ""),
            ("Language-Team", ""),
            ("Language", locale.unwrap_or("")),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", plural.as_str()),
        ];
        PoHeader {
            comments: vec![
                "# portmatrix: what the runbook books show, for translation: the interface,"
                    .to_string(),
                "# the hand-written chapters (book/en-US/, by paragraph) and the texts of the"
                    .to_string(),
                "# TechNet pages a book has no edition of. Source pages: © Microsoft".to_string(),
                "# Corporation, CC BY 4.0.".to_string(),
            ],
            fields: fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// The plural rule of `Plural-Forms` (English's when absent).
    pub fn plural_rule(&self) -> Result<PluralRule, String> {
        PluralRule::parse(
            self.get("Plural-Forms")
                .unwrap_or("nplurals=2; plural=(n != 1);"),
        )
    }
}

/// The `Plural-Forms` of a language new catalogs start with (GNU gettext's
/// table for the languages portmatrix may meet; English's otherwise).
pub fn plural_forms_for(locale: &str) -> &'static str {
    let lower = locale.to_ascii_lowercase();
    let lang = lower.split(['-', '_']).next().unwrap_or("");
    match lang {
        "ja" | "zh" | "ko" | "vi" | "th" | "id" | "ms" => "nplurals=1; plural=0;",
        "fr" => "nplurals=2; plural=(n > 1);",
        "pt" if lower.ends_with("br") => "nplurals=2; plural=(n > 1);",
        "ru" | "uk" | "be" => {
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "pl" => {
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "cs" | "sk" => "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        _ => "nplurals=2; plural=(n != 1);",
    }
}

/// One PO file: the translations into one locale (or the template).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoCatalog {
    /// Target locale (`Language:` header, else the folder's name).
    pub locale: String,
    /// Where it was read from (`i18n/zh-CN/book.po`, or
    /// `embedded:i18n/zh-CN/book.po`).
    pub origin: String,
    /// The header entry, kept whole.
    pub header: PoHeader,
    /// Entries by (msgctxt, msgid).
    pub entries: BTreeMap<MsgKey, PoEntry>,
    /// `#~` obsolete entries (kept verbatim, never used).
    pub obsolete: Vec<String>,
}

impl PoCatalog {
    /// An empty catalog for `locale` with a new header.
    pub fn new(locale: &str, origin: &str) -> PoCatalog {
        PoCatalog {
            locale: locale.to_string(),
            origin: origin.to_string(),
            header: PoHeader::new(Some(locale)),
            ..PoCatalog::default()
        }
    }

    /// The usable translation of `msgid` (no context), if any.
    pub fn get(&self, msgid: &str) -> Option<&str> {
        self.get_ctxt(None, msgid)
    }

    /// The usable translation of `msgid` in context `msgctxt`, if any.
    pub fn get_ctxt(&self, msgctxt: Option<&str>, msgid: &str) -> Option<&str> {
        self.entries
            .get(&(msgctxt.map(str::to_string), msgid.to_string()))
            .filter(|e| e.is_usable() && e.msgid_plural.is_none())
            .map(|e| e.msgstr.as_str())
    }

    /// The entry of `(msgctxt, msgid)`, usable or not.
    pub fn entry(&self, msgctxt: Option<&str>, msgid: &str) -> Option<&PoEntry> {
        self.entries
            .get(&(msgctxt.map(str::to_string), msgid.to_string()))
    }

    /// The usable plural forms of `msgid`, if any.
    pub fn get_plural(&self, msgctxt: Option<&str>, msgid: &str) -> Option<&[String]> {
        self.entry(msgctxt, msgid)
            .filter(|e| e.is_usable() && e.msgid_plural.is_some())
            .map(|e| e.msgstr_plural.as_slice())
    }
}

/// Checks the lines of a PO file so that the PO parser never sees a line it
/// cannot take (it panics on some malformed lines).
fn validate(text: &str, origin: &str) -> Result<(), BookError> {
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
            let plural_index = kw
                .strip_prefix("msgstr[")
                .and_then(|k| k.strip_suffix(']'))
                .and_then(|n| n.parse::<usize>().ok());
            let known = matches!(kw, "msgctxt" | "msgid" | "msgid_plural" | "msgstr")
                || plural_index.is_some_and(|n| n < 10);
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

/// Parses a PO or POT file: the entries with `polib`, the header, `#|` and
/// `#~` from the text.
pub fn parse_po(text: &str, origin: &str, default_locale: &str) -> Result<PoCatalog, BookError> {
    validate(text, origin)?;
    let normalized = join_flag_lines(&text.replace("\r\n", "\n"));
    let header = parse_header(&normalized);
    let parsed =
        std::panic::catch_unwind(|| polib::po_file::parse_from_reader(normalized.as_bytes()))
            .map_err(|_| BookError::new(format!("{origin}: malformed PO file")))?
            .map_err(|e| BookError::new(format!("{origin}: {e}")))?;
    let language = header.get("Language").unwrap_or("").trim().to_string();
    header
        .plural_rule()
        .map_err(|e| BookError::new(format!("{origin}: Plural-Forms: {e}")))?;
    let mut cat = PoCatalog {
        locale: if language.is_empty() {
            default_locale.to_string()
        } else {
            language
        },
        origin: origin.to_string(),
        header,
        ..PoCatalog::default()
    };
    let mut extras = raw_extras(&normalized);
    let lines = |s: &str| -> Vec<String> {
        if s.is_empty() {
            Vec::new()
        } else {
            s.split('\n').map(str::to_string).collect()
        }
    };
    for m in parsed.messages() {
        let msgctxt = m.msgctxt().map(str::to_string).filter(|c| !c.is_empty());
        let msgid = m.msgid().to_string();
        let plural = !m.is_singular();
        let flags: Vec<String> = m
            .flags()
            .iter()
            .filter(|f| f.as_str() != "fuzzy")
            .cloned()
            .collect();
        let raw = extras
            .remove(&(msgctxt.clone(), msgid.clone()))
            .unwrap_or_default();
        let entry = PoEntry {
            previous: raw.previous,
            msgctxt,
            msgid: msgid.clone(),
            msgid_plural: if plural {
                Some(m.msgid_plural().unwrap_or_default().to_string())
            } else {
                None
            },
            msgstr: if plural {
                String::new()
            } else {
                m.msgstr().unwrap_or_default().to_string()
            },
            msgstr_plural: if plural {
                m.msgstr_plural().map(|v| v.to_vec()).unwrap_or_default()
            } else {
                Vec::new()
            },
            fuzzy: m.is_fuzzy(),
            flags,
            references: m
                .source()
                .split(['\n', ' '])
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            comments: lines(m.extracted_comments()),
            translator_comments: if raw.translator_comments.is_empty() {
                lines(m.translator_comments())
            } else {
                raw.translator_comments
            },
        };
        cat.entries.insert(entry.key(), entry);
    }
    // Obsolete entries: blocks of `#~` lines with the comments just above.
    let mut block = String::new();
    let mut comments = String::new();
    for line in normalized.lines() {
        if line.starts_with("#~") {
            block.push_str(&comments);
            comments.clear();
            block.push_str(line);
            block.push('\n');
        } else {
            if !block.is_empty() {
                cat.obsolete.push(std::mem::take(&mut block));
            }
            if line.starts_with("# ") || line == "#" || line.starts_with("#, ") {
                comments.push_str(line);
                comments.push('\n');
            } else {
                comments.clear();
            }
        }
    }
    if !block.is_empty() {
        cat.obsolete.push(block);
    }
    Ok(cat)
}

/// Consecutive `#,` lines as one (`#, fuzzy` and `#, no-wrap` on two lines
/// are two flags; `polib` would glue them into one word).
fn join_flag_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_flags = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if let Some(rest) = body.strip_prefix("#,") {
            if prev_flags {
                out.truncate(out.trim_end_matches('\n').len());
                out.push(',');
                out.push_str(rest);
                out.push('\n');
                continue;
            }
            prev_flags = true;
        } else {
            prev_flags = false;
        }
        out.push_str(line);
    }
    out
}

/// The header entry: the comment lines before the first `msgid ""` and the
/// fields of its msgstr.
fn parse_header(text: &str) -> PoHeader {
    let mut header = PoHeader::default();
    let mut comments = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.starts_with('#') && !line.starts_with("#~") {
            comments.push(line.to_string());
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if line != "msgid \"\"" {
            // No header entry first: nothing to keep (polib reports it).
            return header;
        }
        // `msgid ""` may continue with `""` strings; then `msgstr`.
        let mut value = String::new();
        let mut in_msgstr = false;
        while let Some(next) = lines.peek() {
            if let Some(rest) = next.strip_prefix("msgstr ") {
                in_msgstr = true;
                value.push_str(&unquote(rest));
            } else if next.starts_with('"') {
                if in_msgstr {
                    value.push_str(&unquote(next));
                }
            } else {
                break;
            }
            lines.next();
        }
        header.comments = comments;
        for l in value.split('\n').filter(|l| !l.trim().is_empty()) {
            match l.split_once(':') {
                Some((k, v)) => header
                    .fields
                    .push((k.trim().to_string(), v.trim().to_string())),
                None => header.fields.push((l.trim().to_string(), String::new())),
            }
        }
        return header;
    }
    header
}

/// What `polib` does not keep of an entry, read from the text.
#[derive(Debug, Default)]
struct Raw {
    /// `#| msgid "…"`.
    previous: Option<String>,
    /// `#` translator comment lines, the empty ones (`#`) included.
    translator_comments: Vec<String>,
}

/// The `#|` previous msgid and the `#` translator comments of each entry,
/// by its key.
fn raw_extras(text: &str) -> BTreeMap<MsgKey, Raw> {
    let mut out = BTreeMap::new();
    let mut raw = Raw::default();
    let mut field: Option<&str> = None;
    let mut ctxt: Option<String> = None;
    let mut msgid = String::new();
    let mut prev_cont = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("#| msgid ") {
            raw.previous = Some(unquote(rest));
            prev_cont = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("#| \"") {
            if prev_cont && let Some(p) = raw.previous.as_mut() {
                p.push_str(&unquote(&format!("\"{rest}")));
            }
            continue;
        }
        prev_cont = prev_cont && line.starts_with("#|");
        if let Some(rest) = line.strip_prefix("msgctxt ") {
            field = Some("msgctxt");
            ctxt = Some(unquote(rest));
        } else if let Some(rest) = line.strip_prefix("msgid ") {
            field = Some("msgid");
            msgid = unquote(rest);
        } else if line.starts_with('"') {
            match field {
                Some("msgid") => msgid.push_str(&unquote(line)),
                Some("msgctxt") => {
                    if let Some(c) = ctxt.as_mut() {
                        c.push_str(&unquote(line));
                    }
                }
                _ => {}
            }
        } else {
            if field == Some("msgid") {
                let key = (
                    ctxt.take().filter(|c| !c.is_empty()),
                    std::mem::take(&mut msgid),
                );
                out.insert(key, std::mem::take(&mut raw));
            }
            field = None;
            if line == "#" {
                raw.translator_comments.push(String::new());
            } else if let Some(c) = line.strip_prefix("# ") {
                raw.translator_comments.push(c.to_string());
            } else if line.is_empty() {
                raw = Raw::default();
                ctxt = None;
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

/// `keyword "text"`, or for a text with line breaks inside, `keyword ""`
/// followed by one string per line, as gettext writes it.
fn field(prefix: &str, keyword: &str, s: &str) -> String {
    let body = s.strip_suffix('\n').unwrap_or(s);
    if !body.contains('\n') {
        return format!("{prefix}{keyword} {}\n", quote(s));
    }
    let mut out = format!("{prefix}{keyword} \"\"\n");
    for part in s.split_inclusive('\n') {
        out.push_str(&format!("{prefix}{}\n", quote(part)));
    }
    out
}

/// Writes a PO or POT file, gettext style, deterministically: the header as
/// given (every field and comment kept), the entries in the order given, the
/// obsolete entries last. A message with plural forms gets exactly
/// `nplurals` `msgstr[n]` (from the header's `Plural-Forms`).
pub fn write_po(header: &PoHeader, entries: &[PoEntry], obsolete: &[String]) -> String {
    let nplurals = header.plural_rule().map(|r| r.nplurals).unwrap_or(2);
    let mut s = String::new();
    for c in &header.comments {
        s.push_str(c);
        s.push('\n');
    }
    s.push_str("msgid \"\"\nmsgstr \"\"\n");
    for (k, v) in &header.fields {
        let line = if v.is_empty() {
            format!("{k}: \n")
        } else {
            format!("{k}: {v}\n")
        };
        s.push_str(&quote(&line));
        s.push('\n');
    }
    for e in entries {
        s.push('\n');
        for c in &e.translator_comments {
            if c.is_empty() {
                s.push_str("#\n");
            } else {
                s.push_str(&format!("# {c}\n"));
            }
        }
        for c in &e.comments {
            s.push_str(&format!("#. {c}\n"));
        }
        for r in &e.references {
            s.push_str(&format!("#: {r}\n"));
        }
        let mut flags: Vec<&str> = Vec::new();
        if e.fuzzy {
            flags.push("fuzzy");
        }
        flags.extend(e.flags.iter().map(String::as_str));
        if !flags.is_empty() {
            s.push_str(&format!("#, {}\n", flags.join(", ")));
        }
        if let Some(p) = &e.previous {
            s.push_str(&field("#| ", "msgid", p));
        }
        if let Some(c) = &e.msgctxt {
            s.push_str(&field("", "msgctxt", c));
        }
        s.push_str(&field("", "msgid", &e.msgid));
        match &e.msgid_plural {
            Some(p) => {
                s.push_str(&field("", "msgid_plural", p));
                for i in 0..nplurals {
                    let form = e.msgstr_plural.get(i).map(String::as_str).unwrap_or("");
                    s.push_str(&field("", &format!("msgstr[{i}]"), form));
                }
            }
            None => s.push_str(&field("", "msgstr", &e.msgstr)),
        }
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

fn obsolete_block(o: &PoEntry) -> String {
    let mut block = String::new();
    for c in &o.translator_comments {
        if c.is_empty() {
            block.push_str("#\n");
        } else {
            block.push_str(&format!("# {c}\n"));
        }
    }
    if o.fuzzy {
        block.push_str("#, fuzzy\n");
    }
    if let Some(c) = &o.msgctxt {
        block.push_str(&field("#~ ", "msgctxt", c));
    }
    block.push_str(&field("#~ ", "msgid", &o.msgid));
    match &o.msgid_plural {
        Some(p) => {
            block.push_str(&field("#~ ", "msgid_plural", p));
            for (i, f) in o.msgstr_plural.iter().enumerate() {
                block.push_str(&field("#~ ", &format!("msgstr[{i}]"), f));
            }
        }
        None => block.push_str(&field("#~ ", "msgstr", &o.msgstr)),
    }
    block
}

/// Merges a fresh template (the POT entries) into an existing catalog the
/// way `msgmerge` does: an entry whose (msgctxt, msgid) is unchanged keeps
/// its translation, flags and translator comments; a new one takes the
/// translation of the most similar vanished entry (similarity ≥ 0.6, plural
/// with plural), marked `fuzzy` with the old msgid as `#|`; vanished entries
/// become `#~` obsolete entries. Extracted comments and references come from
/// the template.
pub fn merge(pot: &[PoEntry], old: &PoCatalog) -> (Vec<PoEntry>, Vec<String>) {
    let new_keys: BTreeSet<MsgKey> = pot.iter().map(PoEntry::key).collect();
    let vanished: Vec<&PoEntry> = old
        .entries
        .values()
        .filter(|e| !new_keys.contains(&e.key()) && e.is_translated())
        .collect();
    let mut used: BTreeSet<MsgKey> = BTreeSet::new();
    let mut out = Vec::new();
    for t in pot {
        let mut e = t.clone();
        let carry = |e: &mut PoEntry, o: &PoEntry| {
            e.msgstr = o.msgstr.clone();
            e.msgstr_plural = o.msgstr_plural.clone();
            e.translator_comments = o.translator_comments.clone();
            for f in &o.flags {
                if !e.flags.contains(f) {
                    e.flags.push(f.clone());
                }
            }
        };
        if let Some(o) = old.entries.get(&t.key()) {
            carry(&mut e, o);
            e.fuzzy = o.fuzzy;
            e.previous = if o.fuzzy { o.previous.clone() } else { None };
        } else {
            let best = vanished
                .iter()
                .filter(|o| !used.contains(&o.key()))
                .filter(|o| o.msgid_plural.is_some() == t.msgid_plural.is_some())
                .map(|o| (similarity(&t.msgid, &o.msgid), *o))
                .filter(|(s, _)| *s >= 0.6)
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.key().cmp(&a.1.key())));
            if let Some((_, o)) = best {
                used.insert(o.key());
                carry(&mut e, o);
                e.fuzzy = true;
                e.previous = Some(o.msgid.clone());
            }
        }
        out.push(e);
    }
    let mut obsolete = old.obsolete.clone();
    for o in old.entries.values() {
        if !new_keys.contains(&o.key()) && !used.contains(&o.key()) {
            obsolete.push(obsolete_block(o));
        }
    }
    (out, obsolete)
}

/// A gettext plural rule: `nplurals` and the C expression of `n` that picks
/// the form (`Plural-Forms: nplurals=2; plural=(n != 1);`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluralRule {
    /// How many forms a message has.
    pub nplurals: usize,
    expr: Expr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    N,
    Num(u64),
    Not(Box<Expr>),
    Bin(char, Box<Expr>, Box<Expr>),
    /// `==` `!=` `<=` `>=` `&&` `||` as two-character operators.
    Op2(&'static str, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

impl PluralRule {
    /// Parses a `Plural-Forms` value.
    pub fn parse(s: &str) -> Result<PluralRule, String> {
        let mut nplurals = None;
        let mut expr = None;
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: expected `name=value`"))?;
            match k.trim() {
                "nplurals" => {
                    nplurals = Some(
                        v.trim()
                            .parse::<usize>()
                            .ok()
                            .filter(|n| (1..=10).contains(n))
                            .ok_or_else(|| format!("nplurals `{v}`: expected 1 to 10"))?,
                    )
                }
                "plural" => {
                    let mut p = ExprParser {
                        s: v.as_bytes(),
                        i: 0,
                    };
                    let e = p.ternary()?;
                    p.ws();
                    if p.i != p.s.len() {
                        return Err(format!("plural `{v}`: unexpected text at {}", p.i));
                    }
                    expr = Some(e);
                }
                other => return Err(format!("unknown entry `{other}`")),
            }
        }
        Ok(PluralRule {
            nplurals: nplurals.ok_or("no nplurals")?,
            expr: expr.ok_or("no plural expression")?,
        })
    }

    /// The index of the form for `n` (clamped to `nplurals - 1`).
    pub fn index(&self, n: u64) -> usize {
        let i = eval(&self.expr, n);
        (i as usize).min(self.nplurals - 1)
    }
}

fn eval(e: &Expr, n: u64) -> u64 {
    match e {
        Expr::N => n,
        Expr::Num(v) => *v,
        Expr::Not(a) => u64::from(eval(a, n) == 0),
        Expr::Bin(op, a, b) => {
            let (x, y) = (eval(a, n), eval(b, n));
            match op {
                '+' => x.wrapping_add(y),
                '-' => x.wrapping_sub(y),
                '*' => x.wrapping_mul(y),
                '/' => x.checked_div(y).unwrap_or(0),
                '%' => x.checked_rem(y).unwrap_or(0),
                '<' => u64::from(x < y),
                '>' => u64::from(x > y),
                _ => 0,
            }
        }
        Expr::Op2(op, a, b) => {
            let x = eval(a, n);
            match *op {
                "&&" => u64::from(x != 0 && eval(b, n) != 0),
                "||" => u64::from(x != 0 || eval(b, n) != 0),
                "==" => u64::from(x == eval(b, n)),
                "!=" => u64::from(x != eval(b, n)),
                "<=" => u64::from(x <= eval(b, n)),
                ">=" => u64::from(x >= eval(b, n)),
                _ => 0,
            }
        }
        Expr::If(c, a, b) => {
            if eval(c, n) != 0 {
                eval(a, n)
            } else {
                eval(b, n)
            }
        }
    }
}

/// Recursive descent over C's precedence: `?:`, `||`, `&&`, `== !=`,
/// `< > <= >=`, `+ -`, `* / %`, `!`, atoms.
struct ExprParser<'a> {
    s: &'a [u8],
    i: usize,
}

impl ExprParser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, tok: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(tok.as_bytes()) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }
    fn ternary(&mut self) -> Result<Expr, String> {
        let c = self.binary(0)?;
        if self.eat("?") {
            let a = self.ternary()?;
            if !self.eat(":") {
                return Err("expected `:`".into());
            }
            let b = self.ternary()?;
            return Ok(Expr::If(Box::new(c), Box::new(a), Box::new(b)));
        }
        Ok(c)
    }
    fn binary(&mut self, level: usize) -> Result<Expr, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["==", "!="],
            &["<=", ">=", "<", ">"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        'outer: loop {
            for op in LEVELS[level] {
                // `<` must not take the `<` of `<=`; `!` of `!=` is not unary.
                if self.eat(op) {
                    let right = self.binary(level + 1)?;
                    left = match *op {
                        "||" => Expr::Op2("||", Box::new(left), Box::new(right)),
                        "&&" => Expr::Op2("&&", Box::new(left), Box::new(right)),
                        "==" => Expr::Op2("==", Box::new(left), Box::new(right)),
                        "!=" => Expr::Op2("!=", Box::new(left), Box::new(right)),
                        "<=" => Expr::Op2("<=", Box::new(left), Box::new(right)),
                        ">=" => Expr::Op2(">=", Box::new(left), Box::new(right)),
                        o => Expr::Bin(
                            o.chars().next().unwrap_or('+'),
                            Box::new(left),
                            Box::new(right),
                        ),
                    };
                    continue 'outer;
                }
            }
            return Ok(left);
        }
    }
    fn unary(&mut self) -> Result<Expr, String> {
        self.ws();
        if self.s.get(self.i) == Some(&b'!') && self.s.get(self.i + 1) != Some(&b'=') {
            self.i += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat("(") {
            let e = self.ternary()?;
            if !self.eat(")") {
                return Err("expected `)`".into());
            }
            return Ok(e);
        }
        if self.eat("n") {
            return Ok(Expr::N);
        }
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if start == self.i {
            return Err(format!("expected `n`, a number or `(` at {start}"));
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()
            .and_then(|d| d.parse().ok())
            .map(Expr::Num)
            .ok_or_else(|| "number too large".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, s: &str) -> PoEntry {
        PoEntry {
            msgid: id.into(),
            msgstr: s.into(),
            references: vec!["zh-CN/a.md:1".into()],
            ..PoEntry::default()
        }
    }

    #[test]
    fn write_then_parse_round_trips() {
        // Flags on two lines are two flags.
        let two = parse_po(
            "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n#, fuzzy\n#, no-wrap\nmsgid \"a\"\nmsgstr \"b\"\n",
            "t.po",
            "fr",
        )
        .unwrap();
        let a = &two.entries[&(None, "a".to_string())];
        assert!(a.fuzzy);
        assert_eq!(a.flags, ["no-wrap"]);
        let mut e = entry("通过 TCP 的 DNS 查询 \"q\"", "DNS queries over TCP");
        e.fuzzy = true;
        e.flags = vec!["no-wrap".into()];
        e.translator_comments = vec!["checked".into(), String::new(), "twice".into()];
        e.previous = Some("通过 TCP 的 DNS".into());
        let mut ctx = entry("same", "external");
        ctx.msgctxt = Some("external interface table".into());
        let mut ctx2 = entry("same", "internal");
        ctx2.msgctxt = Some("internal interface table".into());
        let mut plural = PoEntry::template(None, "{n} rule", Some("{n} rules"));
        plural.msgstr_plural = vec!["{n} rule".into(), "{n} rules".into()];
        let multi = entry("line one\nline two", "eins\nzwei");
        let header = PoHeader::new(Some("en-US"));
        let text = write_po(
            &header,
            &[
                e.clone(),
                entry("x", ""),
                ctx.clone(),
                ctx2.clone(),
                plural.clone(),
                multi.clone(),
            ],
            &["#~ msgid \"old\"\n#~ msgstr \"Old\"\n".into()],
        );
        let cat = parse_po(&text, "t.po", "xx").unwrap();
        assert_eq!(cat.locale, "en-US");
        assert_eq!(cat.header, header);
        assert_eq!(cat.entries.len(), 6);
        assert_eq!(cat.entries[&e.key()], e);
        assert_eq!(cat.entries[&ctx.key()], ctx);
        assert_eq!(cat.entries[&ctx2.key()], ctx2);
        assert_eq!(cat.entries[&plural.key()], plural);
        assert_eq!(cat.entries[&multi.key()], multi);
        assert!(text.contains("msgid \"\"\n\"line one\\n\"\n\"line two\"\n"));
        assert_eq!(cat.get(&e.msgid), None, "fuzzy is not usable");
        assert_eq!(cat.get("x"), None, "empty is not usable");
        assert_eq!(cat.get("same"), None, "only in a context");
        assert_eq!(
            cat.get_ctxt(Some("internal interface table"), "same"),
            Some("internal")
        );
        assert_eq!(cat.obsolete.len(), 1);
        // Written again: the same bytes.
        let again = write_po(
            &cat.header,
            &[e, entry("x", ""), ctx, ctx2, plural, multi],
            &cat.obsolete,
        );
        assert_eq!(again, text);
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
            .map(|e| (e.key(), e))
            .collect(),
            ..PoCatalog::default()
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
            "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n;\\n\"\n",
        ] {
            assert!(parse_po(bad, "bad.po", "en-US").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn plural_rules_pick_gettext_forms() {
        let en = PluralRule::parse("nplurals=2; plural=(n != 1);").unwrap();
        assert_eq!((en.index(0), en.index(1), en.index(2)), (1, 0, 1));
        let fr = PluralRule::parse("nplurals=2; plural=(n > 1);").unwrap();
        assert_eq!((fr.index(0), fr.index(1), fr.index(2)), (0, 0, 1));
        let zh = PluralRule::parse("nplurals=1; plural=0;").unwrap();
        assert_eq!(zh.index(5), 0);
        let ru = PluralRule::parse(plural_forms_for("ru-RU")).unwrap();
        let forms: Vec<usize> = [1, 2, 5, 11, 21, 22, 25, 111].map(|n| ru.index(n)).to_vec();
        assert_eq!(forms, [0, 1, 2, 2, 0, 1, 2, 2]);
        let cs = PluralRule::parse(plural_forms_for("cs-CZ")).unwrap();
        assert_eq!((cs.index(1), cs.index(3), cs.index(7)), (0, 1, 2));
        assert!(PluralRule::parse("nplurals=2; plural=n ! 1;").is_err());
        assert!(PluralRule::parse("nplurals=0; plural=0;").is_err());
    }
}
