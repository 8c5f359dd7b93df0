//! Locales: the ones a matrix and its catalogs have, the default ones of the
//! books, and a `--locale` resolved against them.

use super::Catalogs;
use crate::model::Matrix;

/// A `--locale` that no locale data, catalog or page has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLocale {
    /// The locale as given.
    pub given: String,
    /// The known locales ([`known_locales`]).
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown locale `{}`; expected: one of {}",
            self.given,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownLocale {}

pub(super) fn push_locale(v: &mut Vec<String>, l: &str) {
    if crate::filename::is_locale_tag(l) && !v.iter().any(|x| x.eq_ignore_ascii_case(l)) {
        v.push(l.to_string());
    }
}

/// Every locale a book or a name can be in: the locale registry's folders
/// (`i18n/<locale>/`, with `--i18n DIR`'s), the catalogs, and the locales of
/// the pages of `m`. Sorted.
pub fn known_locales(m: Option<&Matrix>, cats: &Catalogs) -> Vec<String> {
    let mut v = Vec::new();
    for l in crate::names::registry().locales() {
        push_locale(&mut v, l.tag());
    }
    for l in cats.translations.keys() {
        push_locale(&mut v, l);
    }
    for p in m.iter().flat_map(|m| m.pages.iter()) {
        push_locale(&mut v, &p.locale);
    }
    v.sort();
    v
}

/// `given` as one of `known`: the same tag in any case (`zh-cn` is
/// `zh-CN`), else the one the locale registry serves it with once likely
/// subtags are removed (`zh-Hans-CN` is `zh-CN`).
pub fn resolve_locale(given: &str, known: &[String]) -> Result<String, UnknownLocale> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(given)) {
        return Ok(k.clone());
    }
    if let Some(l) = crate::names::registry().locale(given)
        && let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(l.tag()))
    {
        return Ok(k.clone());
    }
    Err(UnknownLocale {
        given: given.to_string(),
        known: known.to_vec(),
    })
}

/// The books built by default: every locale that has port-summary pages in
/// `m` or a catalog, sorted by tag.
pub fn default_locales(m: &Matrix, cats: &Catalogs) -> Vec<String> {
    let mut v = Vec::new();
    for l in cats.translations.keys() {
        push_locale(&mut v, l);
    }
    for p in m.pages.iter().filter(|p| !p.tables.is_empty()) {
        push_locale(&mut v, &p.locale);
    }
    v.sort();
    v
}
