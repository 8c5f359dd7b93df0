//! The translation check of `portmatrix check`.

use crate::book::{self, BookError, Catalogs, TranslationIssue};
use crate::model::Matrix;

/// The texts of `m` that the default books (zh-CN and en-US, with the
/// embedded catalogs) would show untranslated, and the catalog entries whose
/// text no page has any more.
///
/// Why: either one needs a translator (`portmatrix i18n update`, then
/// translate `i18n/*.po`), and a check run should say so, like it reports a
/// contradiction. Fails only when the embedded catalogs do not load.
pub fn translation_issues(m: &Matrix) -> Result<Vec<TranslationIssue>, BookError> {
    let cats = Catalogs::embedded()?;
    let locales = book::Options::new("out/book").locales();
    Ok(book::translation_issues(m, &cats, &locales))
}
