//! The book translation catalogs (`i18n/<locale>/book.po`) as checks: texts a
//! book shows untranslated, and entries that translate a text no page has
//! any more.
//!
//! Finding them needs the catalogs, which belong to the books (the `book`
//! feature); the checks are pure. So the caller finds the problems
//! (`pipeline::translations::catalog_issues` does, for the catalogs the
//! books use), hands them to [`run_with`](super::run_with) as
//! [`CatalogIssue`]s, and each kind becomes a finding of its own check,
//! rendered, baselined and counted like every other.

use super::finding::Location;
use super::{CheckCode as C, Finding, LocationKind};

/// What is wrong with a catalog entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CatalogIssueKind {
    /// A text a book takes from the catalog has no entry, or an empty one
    /// ([`CheckCode::CatalogMissingTranslation`](super::CheckCode::CatalogMissingTranslation)).
    Missing,
    /// Its entry is marked fuzzy ([`CheckCode::CatalogFuzzyTranslation`](super::CheckCode::CatalogFuzzyTranslation)).
    Fuzzy,
    /// A translated entry whose msgid no page has
    /// ([`CheckCode::CatalogStaleMsgid`](super::CheckCode::CatalogStaleMsgid)).
    StaleMsgid,
}

/// One problem of a book translation catalog, found by the caller of
/// [`run_with`](super::run_with).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CatalogIssue {
    /// What is wrong.
    pub kind: CatalogIssueKind,
    /// The book locale the translation is for.
    pub locale: String,
    /// The text (the catalog's msgid).
    pub msgid: String,
    /// Where the finding is reported: the page and line of the text
    /// (`Missing`, `Fuzzy`), or the catalog file and the entry's line
    /// (`StaleMsgid`).
    pub path: String,
    /// The line at `path` (1-based).
    pub line: u32,
    /// The catalog consulted (`i18n/en-US/book.po`), empty when the locale has
    /// none.
    pub catalog: String,
    /// `StaleMsgid`: the page reference the entry was made for
    /// (`path:line`, the entry's first `#:` comment), if it has one.
    pub reference: Option<String>,
}

fn location(path: &str, line: u32, label: &str, text: &str) -> Location {
    Location {
        path: super::texts::shared(path),
        line,
        kind: LocationKind::Related,
        label: super::texts::shared(label),
        text: super::texts::shared(text),
    }
}

/// `path:line` → its parts (`None` when it is not one).
fn split_reference(r: &str) -> Option<(&str, u32)> {
    let (path, line) = r.rsplit_once(':')?;
    Some((path, line.trim().parse().ok()?))
}

fn untranslated(issues: &[CatalogIssue], kind: CatalogIssueKind, out: &mut Vec<Finding>) {
    for i in issues.iter().filter(|i| i.kind == kind) {
        let catalog = if i.catalog.is_empty() {
            format!("i18n/{}/book.po", i.locale)
        } else {
            i.catalog.clone()
        };
        let (code, what, help) = match kind {
            CatalogIssueKind::Fuzzy => (
                C::CatalogFuzzyTranslation,
                "has only a fuzzy (outdated) translation",
                format!(
                    "check the fuzzy entry in {catalog} against the text, correct it and remove its fuzzy flag"
                ),
            ),
            _ => (
                C::CatalogMissingTranslation,
                "has no translation",
                format!("run `portmatrix i18n update`, then translate the entry in {catalog}"),
            ),
        };
        out.push(
            Finding::new(
                code,
                format!(
                    "the {} book shows this text untranslated: it {what} in {catalog}: `{}`",
                    i.locale, i.msgid
                ),
                help,
            )
            .at(location(
                &i.path,
                i.line,
                &format!("shown untranslated in the {} book", i.locale),
                &i.msgid,
            )),
        );
    }
}

/// [`C::CatalogMissingTranslation`]: reported at the text in its page.
pub(super) fn missing_translation(issues: &[CatalogIssue], out: &mut Vec<Finding>) {
    untranslated(issues, CatalogIssueKind::Missing, out);
}

/// [`C::CatalogFuzzyTranslation`]: reported at the text in its page.
pub(super) fn fuzzy_translation(issues: &[CatalogIssue], out: &mut Vec<Finding>) {
    untranslated(issues, CatalogIssueKind::Fuzzy, out);
}

/// [`C::CatalogStaleMsgid`]: reported at the catalog entry, with the page
/// reference it was made for.
pub(super) fn stale_msgid(issues: &[CatalogIssue], out: &mut Vec<Finding>) {
    for i in issues
        .iter()
        .filter(|i| i.kind == CatalogIssueKind::StaleMsgid)
    {
        let mut f = Finding::new(
            C::CatalogStaleMsgid,
            format!(
                "the {} catalog {} translates a text that no page has any more: `{}`",
                i.locale, i.path, i.msgid
            ),
            "run `portmatrix i18n update` (it marks the entry obsolete and adds the new text), then translate the new text",
        )
        .at(location(&i.path, i.line, "catalog entry", &i.msgid));
        if let Some((path, line)) = i.reference.as_deref().and_then(split_reference) {
            f = f.at(location(path, line, "the text it was made for", ""));
        }
        out.push(f);
    }
}
