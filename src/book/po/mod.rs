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

mod plural;
mod read;
#[cfg(test)]
mod tests;
mod write;

use std::collections::BTreeMap;

pub use plural::{PluralRule, plural_forms_for};
pub use read::parse_po;
pub use write::{merge, write_po};

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
