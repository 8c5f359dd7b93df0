//! Writing a PO file the way GNU gettext writes it, and merging a catalog
//! with a template the way `msgmerge` does.

use std::collections::{BTreeMap, BTreeSet};

use super::{MsgKey, PoCatalog, PoEntry, PoHeader};

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
