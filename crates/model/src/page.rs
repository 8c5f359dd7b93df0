//! The parsed matrix and its pages: `Matrix`, `Page`, `LocaleSource`, `Heading`, `Paragraph`.

use crate::diag::Diagnostic;
use crate::table::Table;
use crate::text::{List, Str};
#[cfg(doc)]
use crate::{query, table::TableKind};

/// Everything parsed from one or more docs trees, pages in a stable order
/// (sorted by path), plus every diagnostic the parser produced.
///
/// Query it with the methods of the [`query`] module ([`Matrix::rules`],
/// [`Matrix::page`], [`Matrix::rules_on_port`], …). Two parses of the same
/// trees give equal matrices whatever the number of threads.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Matrix {
    /// The pages read, in order: docs trees in the order given, files sorted
    /// by path within a tree. A file that gave no page (unreadable, not a
    /// docs page) is not here but in `diagnostics`.
    pub pages: List<Page>,
    /// Every problem met and every guess made while reading all the trees,
    /// in reading order. One of severity error means that some row or page
    /// of the input is missing from `pages` (see [`Matrix::has_errors`]).
    pub diagnostics: List<Diagnostic>,
}

/// One TechNet page (one markdown file) in one locale: its front matter, its
/// headings and its port tables.
///
/// The same page in another language is another `Page` with the same
/// [`asset_id`](Page::asset_id); see [`Matrix::editions`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Page {
    /// `ms:assetid` of the front matter, a GUID such as
    /// `f7cbd0f1-841d-4116-8d17-e9d991daa4a8`: the same for every locale of a
    /// page, so it pairs a page's editions. When the front matter has none,
    /// the file name without `.md` stands in for it (with a `missing_asset_id`
    /// warning).
    pub asset_id: Str,
    /// BCP 47 tag in canonical case (`zh-CN`, `en-US`), from
    /// `ms.contentlocale`, else the locale in `ms:mtpsurl`, else the nearest
    /// folder named like a locale; `und` when none tells (with an
    /// `unknown_locale` warning).
    pub locale: Str,
    /// Where the locale was taken from.
    pub locale_source: LocaleSource,
    /// Path of the file as diagnostics name it: the docs tree's display name
    /// joined with the path below it, with `/`
    /// (`source-docs/zh-CN/lync-server-2013-port-summary-….md` for the
    /// embedded page).
    pub path: Str,
    /// `title` of the front matter, in the page's language (`Lync Server
    /// 2013: Port summary - Reverse proxy`); else the first level-1 heading;
    /// else the file name without `.md`.
    pub title: Str,
    /// `TOCTitle` of the front matter: the shorter title the TechNet table of
    /// contents shows (`Port summary - Reverse proxy`).
    pub toc_title: Option<Str>,
    /// `ms:mtpsurl` of the front matter: the page's TechNet address, such as
    /// `https://technet.microsoft.com/en-us/library/JJ205394(v=OCS.15)`. The
    /// library id (`JJ205394`) is the same in every locale.
    pub mtps_url: Option<Str>,
    /// `ms.date` of the front matter as written, month/day/year
    /// (`07/23/2014`); not parsed.
    pub date: Option<Str>,
    /// `ms.translationtype` of the front matter: `HT` for a human
    /// translation (every Chinese page of the corpus), `MT` for a machine
    /// translation; `None` when absent, as on the English originals.
    pub translation_type: Option<Str>,
    /// Every markdown heading of the page in document order, port tables or
    /// not.
    pub headings: List<Heading>,
    /// The page's prose, paragraph by paragraph (list items included;
    /// headings, tables and code blocks left out), in document order: what
    /// the checks read when a paragraph states a rule that no row backs.
    /// Absent from JSON written before it existed (read back as empty).
    #[cfg_attr(feature = "serde", serde(default))]
    pub paragraphs: List<Paragraph>,
    /// The port tables of the page in document order: only tables in the
    /// four-column port layout; other tables are left out with an
    /// `unsupported_table_layout` warning.
    pub tables: List<Table>,
}

/// Which piece of evidence gave a page its locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum LocaleSource {
    /// `ms.contentlocale` of the front matter.
    ContentLocale,
    /// The locale segment of `ms:mtpsurl`
    /// (`https://technet.microsoft.com/zh-cn/library/…` gives `zh-CN`).
    MtpsUrl,
    /// The nearest folder between the docs tree root and the file whose name
    /// is a locale tag (`zh-CN/…`).
    Folder,
    /// None of these; the locale is `und`.
    Unknown,
}

/// A markdown heading. `original` is the English source text that the
/// machine-translated "bilingual" editions embed in `<span class="sxs-lookup">`.
///
/// The heading above a table usually says what the table is ("Firewall
/// Summary for Single Consolidated Edge with Public IP Addresses: External
/// Interface"), which gives the table its [`TableKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Heading {
    /// 1 for `#` up to 6 for `######`. TechNet pages put the page title at 1,
    /// sections at 2 and table captions at 2 or 3.
    pub level: u8,
    /// The visible text, in the page's language: markup removed, whitespace
    /// collapsed, surrounding `*` and `_` trimmed.
    pub text: Str,
    /// Bilingual editions only: the English text of the heading.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub original: Option<Str>,
    /// 1-based line of the heading in the file (front matter included).
    pub line: u32,
}

/// A paragraph of a page's prose (or a list item): its visible text and
/// where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Paragraph {
    /// The visible text, in the page's language: markup removed, whitespace
    /// collapsed.
    pub text: Str,
    /// Bilingual editions only: the English text of the paragraph.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub original: Option<Str>,
    /// 1-based line where the paragraph starts (front matter included).
    pub line: u32,
}
