//! The translation check of `portmatrix check`: the books' translation
//! catalogs, as problems for the catalog checks.

use crate::book::{self, BookError, Catalogs, TranslationIssue};
use crate::model::Matrix;

/// The page texts of `m` that the default books (every locale with pages
/// or a catalog, with the embedded catalogs) would show untranslated, and
/// the catalog entries whose text no page has any more, for the catalogs
/// that translate page texts (see [`book::translation_issues`]).
///
/// Why: either one needs a translator (`portmatrix i18n update`, then
/// translate `i18n/<locale>/book.po`), and a check run should say so, like
/// it reports a contradiction. Fails only when the embedded catalogs do not
/// load.
pub fn translation_issues(m: &Matrix) -> Result<Vec<TranslationIssue>, BookError> {
    let cats = Catalogs::embedded()?;
    let locales = book::default_locales(m, &cats);
    Ok(book::translation_issues(m, &cats, &locales))
}

/// The line of the entry of `msgid` in the catalog `origin` (its `msgid`
/// line), or 1 when the catalog cannot be read or has no such entry.
#[cfg(feature = "check")]
fn entry_line(origin: &str, msgid: &str) -> u32 {
    let embedded = book::EMBEDDED
        .iter()
        .find(|(l, _)| origin == format!("embedded:i18n/{l}/{}", book::CATALOG_FILE));
    let text = match embedded {
        Some((_, t)) => (*t).to_string(),
        None => std::fs::read_to_string(origin).unwrap_or_default(),
    };
    // The first line of the msgid as the catalog writes it.
    let first = msgid.split('\n').next().unwrap_or_default();
    let escaped = first.replace('\\', "\\\\").replace('"', "\\\"");
    let wanted = format!("msgid \"{escaped}");
    let continued = format!("\"{escaped}");
    let lines: Vec<&str> = text.lines().collect();
    // `msgid "text…` on one line, or `msgid ""` followed by `"text…`.
    (0..lines.len())
        .find(|&i| {
            (!escaped.is_empty() && lines[i].starts_with(&wanted))
                || (lines[i] == "msgid \"\""
                    && lines.get(i + 1).is_some_and(|n| n.starts_with(&continued)))
        })
        .map_or(1, |i| i as u32 + 1)
}

/// `path:line` → its parts.
#[cfg(feature = "check")]
fn split(location: &str) -> (String, u32) {
    match location.rsplit_once(':') {
        Some((p, l)) if l.parse::<u32>().is_ok() => (p.to_string(), l.parse().unwrap_or(1)),
        _ => (location.to_string(), 1),
    }
}

/// The catalog problems of [`translation_issues`], as the catalog checks
/// take them ([`check::run_with`](crate::check::run_with)).
///
/// Why: the catalogs belong to the books, the checks are pure; this is the
/// bridge, so that `portmatrix check` reports catalog problems as findings
/// (in JSON, SARIF and the baseline) like every other.
#[cfg(feature = "check")]
pub fn catalog_issues(m: &Matrix) -> Result<Vec<crate::check::CatalogIssue>, BookError> {
    use crate::book::TranslationIssueKind;
    use crate::check::{CatalogIssue, CatalogIssueKind};
    let mut out = Vec::new();
    for i in translation_issues(m)? {
        let origin = i.catalog.clone().unwrap_or_default();
        let catalog = origin.trim_start_matches("embedded:").to_string();
        let issue = match i.kind {
            TranslationIssueKind::Missing | TranslationIssueKind::Fuzzy => {
                let (path, line) = split(&i.location);
                CatalogIssue {
                    kind: if i.kind == TranslationIssueKind::Fuzzy {
                        CatalogIssueKind::Fuzzy
                    } else {
                        CatalogIssueKind::Missing
                    },
                    locale: i.locale,
                    msgid: i.msgid,
                    path,
                    line,
                    catalog,
                    reference: None,
                }
            }
            TranslationIssueKind::Stale => {
                // `origin (first reference)`
                let reference = i
                    .location
                    .rsplit_once(" (")
                    .map(|(_, r)| r.trim_end_matches(')').to_string())
                    .filter(|r| r != "-");
                CatalogIssue {
                    kind: CatalogIssueKind::StaleMsgid,
                    line: entry_line(&origin, &i.msgid),
                    locale: i.locale,
                    msgid: i.msgid,
                    path: catalog.clone(),
                    catalog,
                    reference,
                }
            }
        };
        out.push(issue);
    }
    Ok(out)
}

/// Every finding of `portmatrix check`: [`check::run_with`](crate::check::run_with)
/// with the catalogs' problems ([`catalog_issues`]).
#[cfg(feature = "check")]
pub fn check_findings(m: &Matrix) -> Result<Vec<crate::check::Finding>, BookError> {
    Ok(crate::check::run_with(m, &catalog_issues(m)?))
}
