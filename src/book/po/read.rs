//! Reading a PO file: the lines checked, the entries read with `polib`, and
//! what `polib` does not keep (header fields and comments, `#|`, `#~`) read
//! from the text.

use std::collections::BTreeMap;

use super::{MsgKey, PoCatalog, PoEntry, PoHeader};
use crate::book::BookError;

/// Checks the lines of a PO file so that the PO parser never sees a line it
/// cannot take (it panics on some malformed lines).
fn validate(text: &str, origin: &str) -> Result<(), BookError> {
    let mut in_field = false;
    for (i, line) in text.lines().enumerate() {
        let bad = |what: &str| BookError::Catalog(format!("{origin}:{}: {what}", i + 1));
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
            .map_err(|_| BookError::Catalog(format!("{origin}: malformed PO file")))?
            .map_err(|e| BookError::Catalog(format!("{origin}: {e}")))?;
    let language = header.get("Language").unwrap_or("").trim().to_string();
    header
        .plural_rule()
        .map_err(|e| BookError::Catalog(format!("{origin}: Plural-Forms: {e}")))?;
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
