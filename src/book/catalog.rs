//! The books' message catalogs: one gettext catalog per locale for
//! everything a book shows.
//!
//! `i18n/<locale>/book.po` holds, for the book in `<locale>`:
//!
//! - the **interface**: every label, heading and column name the templates
//!   show ([`UI`]: English msgids, templates read them as `t.<key>`, plural
//!   ones through `ngettext(key=…, n=…)`);
//! - the **hand-written chapters** of `book/en-US/`, one message per
//!   paragraph, heading, list item or table cell ([`super::chapters`]);
//! - the **page texts** (title, table headings, notes) of the pages the
//!   locale has no edition of: msgid is the text as the page writes it.
//!
//! `i18n/book.pot` is the template of them all (`portmatrix i18n update`
//! writes it and merges it into every catalog). An entry without msgstr, or
//! marked `fuzzy`, does not count as translated: the book then shows the
//! English interface and chapter text, and the original page text visibly
//! marked as untranslated. The source language's books (`en-US`) need only
//! the page texts.
//!
//! The catalogs in the crate's `i18n/` folder are embedded; a catalog folder
//! given at run time (`--i18n DIR`: `DIR/<locale>/book.po`) replaces the
//! embedded catalog of the same locale or adds one.

use std::collections::BTreeMap;
use std::path::Path;

use super::BookError;
pub use super::po::{
    MsgKey, PluralRule, PoCatalog, PoEntry, PoHeader, merge, parse_po, plural_forms_for, write_po,
};

/// One interface text of the books.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiMessage {
    /// How templates name it: `t.<key>` (or `ngettext(key=…)` for a
    /// message with plural forms).
    pub key: &'static str,
    /// `msgctxt`, where the English text has another meaning elsewhere.
    pub msgctxt: Option<&'static str>,
    /// The English text. `{name}` are placeholders the templates fill.
    pub msgid: &'static str,
    /// The English plural, for a message with plural forms (`{n}` is the
    /// number that picks the form).
    pub msgid_plural: Option<&'static str>,
    /// Where it shows and what its placeholders are, for translators (`#.`).
    pub comment: &'static str,
}

const fn ui(key: &'static str, msgid: &'static str, comment: &'static str) -> UiMessage {
    UiMessage {
        key,
        msgctxt: None,
        msgid,
        msgid_plural: None,
        comment,
    }
}

const fn plural(
    key: &'static str,
    msgid: &'static str,
    msgid_plural: &'static str,
    comment: &'static str,
) -> UiMessage {
    UiMessage {
        key,
        msgctxt: None,
        msgid,
        msgid_plural: Some(msgid_plural),
        comment,
    }
}

/// Every interface text of the books, in the order of the template.
///
/// Keys sharing one English text (`col_page` and `sync_col_page`, “Page”)
/// mean the same thing and share one catalog entry; a text that means two
/// things gets a `msgctxt`.
pub const UI: &[UiMessage] = &[
    ui(
        "book_title",
        "Lync Server 2013 firewall runbook",
        "The book's title (book.toml, the language index page).",
    ),
    ui(
        "book_description",
        "Firewall port rules for Lync Server 2013 edge, reverse proxy and Director deployments, compiled from Microsoft TechNet port-summary pages.",
        "The book's description (book.toml, the language index page).",
    ),
    ui(
        "attribution",
        "Port tables compiled by portmatrix from Microsoft TechNet pages (© Microsoft Corporation, CC BY 4.0).",
        "Footer of the language index page.",
    ),
    ui(
        "summary_title",
        "Summary",
        "Title of the book's table of contents (SUMMARY.md), not a port summary.",
    ),
    ui(
        "part_guide",
        "Guide",
        "Part of the table of contents: the hand-written chapters.",
    ),
    ui(
        "part_pages",
        "Port summaries",
        "Part of the table of contents: one chapter per TechNet port-summary page.",
    ),
    ui(
        "part_reference",
        "Cross-reference",
        "Part of the table of contents: rules by port, by endpoint, locale sync.",
    ),
    ui("chapter_by_port", "Rules by port", "Chapter title."),
    ui("chapter_by_endpoint", "Rules by endpoint", "Chapter title."),
    ui(
        "chapter_sync",
        "Locale sync status",
        "Chapter title: which pages agree between the editions of each language.",
    ),
    ui(
        "switcher_label",
        "Language",
        "Label of the language switch at the top of every chapter.",
    ),
    ui(
        "col_role",
        "Role",
        "Column of a rules table: the Edge service (Access, A/V, …).",
    ),
    ui(
        "col_protocols",
        "Protocol",
        "Column of a rules table: SIP, HTTPS, STUN/MSTURN, …",
    ),
    ui(
        "col_transport",
        "Transport",
        "Column of a rules table: TCP or UDP.",
    ),
    ui(
        "col_ports",
        "Port or range",
        "Column of a rules table: 443, 50000-59999.",
    ),
    ui(
        "col_source",
        "Source",
        "Column of a rules table: the endpoint that sends.",
    ),
    ui(
        "col_destination",
        "Destination",
        "Column of a rules table: the endpoint that receives.",
    ),
    ui(
        "col_note",
        "Note",
        "Column of a rules table: the page's explanation of the rule.",
    ),
    ui(
        "col_location",
        "Line",
        "Column of a rules table: the line of the source file; also before a line number in a finding (“Line 50”).",
    ),
    ui(
        "col_direction",
        "Direction",
        "Column of the cross-reference tables: inbound, outbound or neither.",
    ),
    ui(
        "col_page",
        "Page",
        "Column of the cross-reference and sync tables: the port-summary page (chapter).",
    ),
    ui(
        "direction_inbound",
        "inbound",
        "A rule's direction: into the server the table describes.",
    ),
    ui(
        "direction_outbound",
        "outbound",
        "A rule's direction: out of the server the table describes.",
    ),
    ui(
        "direction_unknown",
        "neither",
        "A rule's direction: neither end is the server the table describes.",
    ),
    ui(
        "group_inbound",
        "Inbound: into the {server}",
        "Heading of a table's inbound rules. {server}: Edge Server, reverse proxy, Director (server_* below).",
    ),
    ui(
        "group_outbound",
        "Outbound: from the {server}",
        "Heading of a table's outbound rules. {server}: as above.",
    ),
    ui(
        "group_unknown",
        "Neither end is the {server}",
        "Heading of a table's other rules. {server}: as above.",
    ),
    ui(
        "server_edge",
        "Edge Server",
        "{server} in the group headings: the Edge Server.",
    ),
    ui(
        "server_reverse_proxy",
        "reverse proxy",
        "{server} in the group headings, inside a sentence: the reverse proxy.",
    ),
    ui(
        "server_director",
        "Director",
        "{server} in the group headings: the Director.",
    ),
    ui(
        "server_sql",
        "SQL Server",
        "{server} in the group headings: the SQL Server that holds the Lync databases.",
    ),
    ui(
        "server_unknown",
        "described server",
        "{server} in the group headings when the table names no server.",
    ),
    ui(
        "untranslated_badge",
        "untranslated",
        "Red badge before a page text the catalog does not translate yet.",
    ),
    ui(
        "untranslated_title",
        "No translation in the catalog yet: shown in the original language",
        "Tooltip of the untranslated badge.",
    ),
    plural(
        "untranslated_summary",
        "{n} text of this page has no English translation yet and is shown in the original language, marked “untranslated”.",
        "{n} texts of this page have no English translation yet and are shown in the original language, marked “untranslated”.",
        "Warning at the top of a chapter. Name the book's own language instead of English. {n}: how many texts.",
    ),
    ui(
        "translated_notice",
        "Microsoft publishes no {locale} edition of this page in the source docs. The rules are the typed values of the {source} edition; title, table headings and notes are the project's translations (translation catalog i18n/{locale}/book.po).",
        "Note at the top of a chapter whose page has no edition in the book's language. {locale}: the book's locale (zh-CN); {source}: the locale of the edition shown.",
    ),
    ui(
        "page_source",
        "Source file",
        "Before the page's file name under a chapter title.",
    ),
    ui(
        "page_original",
        "Original page",
        "Link to the page on Microsoft's site.",
    ),
    ui("page_date", "Page date", "Before the page's date."),
    plural(
        "n_rules",
        "{n} rule",
        "{n} rules",
        "A number of rules ({rules} in page_rules and sync_present).",
    ),
    plural(
        "n_tables",
        "{n} table",
        "{n} tables",
        "A number of tables ({tables} in page_rules and sync_present).",
    ),
    ui(
        "page_rules",
        "{rules} in {tables}.",
        "Under a chapter title: “37 rules in 5 tables.” {rules}: n_rules; {tables}: n_tables.",
    ),
    ui(
        "table_kind",
        "Table kind",
        "Before a table's kind (External interface, Federation, …) under its heading.",
    ),
    ui(
        "table_location",
        "Table at",
        "Before the file and line of a table.",
    ),
    ui(
        "location_title",
        "Source file and line of this row",
        "Tooltip of a row's line number.",
    ),
    ui(
        "no_rules_transport_preference",
        "No rule comes from this table: it names transports, not ports.",
        "Under a table that is not a port table (A/V transport preference: UDP preferred, TCP as fallback).",
    ),
    ui(
        "no_rules_dns_records",
        "No rule comes from this table: it lists DNS records, not ports.",
        "Under a table that is not a port table (the DNS records a hybrid deployment needs).",
    ),
    ui(
        "by_port_intro",
        "Every rule of every page, grouped by transport and port (or port range). Look up a port to see everything that must be open for it.",
        "First paragraph of the chapter “Rules by port”.",
    ),
    ui(
        "by_port_index",
        "Ports",
        "Label of the list of ports at the top of “Rules by port”.",
    ),
    ui(
        "chapter_part",
        "{chapter} ({n}/{count})",
        "Title of one part of a cross-cutting chapter that a large tree splits into parts: {chapter} is the chapter's title (“Rules by port”), {n} the part's number, {count} how many parts there are.",
    ),
    ui(
        "parts_note",
        "This chapter is too long for one page: it is split into the parts below, each a chapter of its own.",
        "Top of a cross-cutting chapter that a large tree splits into parts, above the list of its parts.",
    ),
    ui(
        "continued",
        "(continued)",
        "After a group's heading (a port, an endpoint) at the top of a part whose group began in the part before.",
    ),
    ui(
        "print_off",
        "This book has no print version (every chapter in one page): books of more than {pages} port-summary pages are too large for one page. Print the chapters you need one by one.",
        "A note at the end of the introduction of a book of many pages; {pages} is the most pages a book with a print version has.",
    ),
    ui(
        "volume_title",
        "Pages {first}–{last}",
        "Title of one volume of a book of many pages (a chapter listing those pages, in the table of contents): {first} and {last} are the numbers of its first and last page.",
    ),
    ui(
        "volume_note",
        "Pages {first} to {last} of {count}. A book of more than {max} pages keeps its pages in volumes like this one, each listed in the table of contents, so that every part of the book stays small.",
        "Top of the chapter that lists one volume's pages; {first} and {last} are the numbers of its first and last page, {count} the pages of the book, {max} the most pages of a volume.",
    ),
    ui(
        "by_endpoint_intro",
        "Every rule grouped by the endpoints it names. A rule whose endpoint is “Any (…)” or lists alternatives appears under each named alternative.",
        "First paragraph of the chapter “Rules by endpoint”.",
    ),
    ui(
        "as_source",
        "As source",
        "Heading in “Rules by endpoint”: the rules the endpoint sends.",
    ),
    ui(
        "as_destination",
        "As destination",
        "Heading in “Rules by endpoint”: the rules the endpoint receives.",
    ),
    ui(
        "none",
        "none",
        "In “Rules by endpoint” when an endpoint has no rule on that side.",
    ),
    ui(
        "sync_intro",
        "Which pages and rows are in sync between the books' locales. Rows are compared by their typed values (role, protocols, transport, ports, source, destination), not by wording; notes are not compared.",
        "First paragraph of the chapter “Locale sync status”.",
    ),
    ui(
        "sync_col_page",
        "Page",
        "Column of the cross-reference and sync tables: the port-summary page (chapter).",
    ),
    ui("sync_col_status", "Status", "Column of the sync table."),
    ui(
        "sync_col_rows",
        "Rows in sync",
        "Column of the sync table: rows in sync / rows compared.",
    ),
    ui(
        "sync_status_in_sync",
        "in sync",
        "Status of a page in the sync table.",
    ),
    ui(
        "sync_status_differs",
        "differs",
        "Status of a page in the sync table.",
    ),
    ui(
        "sync_status_one_edition",
        "one edition only",
        "Status of a page in the sync table.",
    ),
    ui(
        "sync_present",
        "edition: {path} ({tables}, {rules})",
        "Sync table cell of a language with an edition. {path}: its file; {tables}: n_tables; {rules}: n_rules.",
    ),
    plural(
        "sync_absent",
        "no edition; translated through the catalog: {ok} of {n} text",
        "no edition; translated through the catalog: {ok} of {n} texts",
        "Sync table cell of a language without an edition. {ok}: texts translated; {n}: texts needed.",
    ),
    ui(
        "sync_differences",
        "Differences",
        "Heading after a page title in the sync chapter: “<title>: Differences”.",
    ),
    ui(
        "sync_table_kind",
        "table kind",
        "In a difference of the sync chapter: “table kind: External interface ≠ Internal interface”.",
    ),
    ui(
        "sync_row_only_in",
        "row only in the {locale} edition",
        "A difference of the sync chapter. {locale}: zh-CN, en-US, …",
    ),
    plural(
        "sync_summary",
        "{in_sync} of {n} page is in sync.",
        "{in_sync} of {n} pages are in sync.",
        "First line of the sync chapter. {in_sync}: pages in sync; {n}: pages.",
    ),
    ui(
        "sync_table",
        "table",
        "In a difference of the sync chapter: “table 2, row 3: …”.",
    ),
    ui(
        "sync_row",
        "row",
        "In a difference of the sync chapter: “table 2, row 3: …”.",
    ),
    ui(
        "style_findings_summary",
        "Style findings ({n}): naming and wording that change no rule",
        "Summary of the collapsed block of style findings under a table; {n} is their number.",
    ),
    ui(
        "sync_table_only_in",
        "table only in the {locale} edition",
        "In a difference of the sync chapter: a table one edition lacks.",
    ),
    ui(
        "part_deployment",
        "Your deployment",
        "Part of the table of contents written by `build --deployment`.",
    ),
    ui(
        "deployment_title",
        "Your deployment: {name}",
        "Title of the deployment chapter; {name} is the deployment file's name.",
    ),
    ui(
        "deployment_intro",
        "The rules of the pages that the deployment file {file} chooses, with its addresses, by server and by the interface of the server's end (the destination's for inbound rules, the source's for outbound ones), as the firewall rule sets (portmatrix firewall) write them. A row with a check finding names the checks: its page's chapter says more. Rules: {n}.",
        "Introduction of the deployment chapter.",
    ),
    ui(
        "deployment_topology",
        "Topology with your addresses",
        "Heading of the deployment's topology diagram.",
    ),
    ui(
        "deployment_group",
        "{server}, interface {interface}",
        "Heading of a group of deployment rules.",
    ),
    ui(
        "deployment_group_none",
        "{server}, no interface given",
        "Heading of a group of deployment rules whose interface the file does not name.",
    ),
    ui(
        "col_source_addresses",
        "Source addresses",
        "Column of the deployment rules.",
    ),
    ui(
        "col_destination_addresses",
        "Destination addresses",
        "Column of the deployment rules.",
    ),
    ui(
        "findings_title",
        "Findings",
        "Column of the deployment rules: the check findings about the row.",
    ),
    ui(
        "deployment_skipped",
        "Rows that give no rule",
        "Heading of the deployment rows left out.",
    ),
    ui(
        "deployment_skipped_unrecognized",
        "an endpoint the parser does not know: {text}",
        "Why a deployment row gives no rule.",
    ),
    ui(
        "deployment_skipped_no_pair",
        "no source and destination address of the same IP version",
        "Why a deployment row gives no rule.",
    ),
    ui(
        "deployment_skipped_configured_port",
        "the port is configured by the administrator: give the configured port",
        "Why a deployment row gives no rule (SQL Server named instances: “Statically defined”).",
    ),
];

/// The interface message of `key`.
pub fn ui_message(key: &str) -> Option<&'static UiMessage> {
    UI.iter().find(|m| m.key == key)
}

/// The embedded catalogs: `i18n/<locale>/book.po`, by locale. A test holds
/// this list to the files of `i18n/`.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("en-US", include_str!("../../i18n/en-US/book.po")),
    ("ja-JP", include_str!("../../i18n/ja-JP/book.po")),
    ("zh-CN", include_str!("../../i18n/zh-CN/book.po")),
    ("zh-TW", include_str!("../../i18n/zh-TW/book.po")),
];

/// The embedded template, `i18n/book.pot`.
pub const EMBEDDED_POT: &str = include_str!("../../i18n/book.pot");

/// The file name of a locale's catalog in its folder.
pub const CATALOG_FILE: &str = "book.po";

/// The file name of the template in the catalog folder.
pub const TEMPLATE_FILE: &str = "book.pot";

/// All catalogs the books use.
#[derive(Debug, Clone, Default)]
pub struct Catalogs {
    /// The book catalogs (`i18n/<locale>/book.po`) by locale.
    pub translations: BTreeMap<String, PoCatalog>,
}

impl Catalogs {
    /// The catalogs embedded in the crate (`i18n/`).
    pub fn embedded() -> Result<Catalogs, BookError> {
        let mut c = Catalogs::default();
        for (locale, text) in EMBEDDED {
            let po = parse_po(
                text,
                &format!("embedded:i18n/{locale}/{CATALOG_FILE}"),
                locale,
            )?;
            c.translations.insert(po.locale.clone(), po);
        }
        Ok(c)
    }

    /// The embedded catalogs, with every `<locale>/book.po` found in `dir`
    /// replacing the embedded catalog of its locale or adding one. The
    /// folder's name is the catalog's locale.
    pub fn load(dir: &Path) -> Result<Catalogs, BookError> {
        let mut c = Catalogs::embedded()?;
        for (locale, path) in catalog_files(dir) {
            let text =
                std::fs::read_to_string(&path).map_err(|e| BookError::io("read", &path, e))?;
            let mut po = parse_po(&text, &path.display().to_string(), &locale)?;
            // The folder names the locale, as a BCP 47 tag (a `Language:
            // ja_JP` header, as Poedit and msginit write it, is the same).
            po.locale = locale;
            // The same locale spelled another way replaces it too.
            c.translations
                .retain(|l, _| !l.eq_ignore_ascii_case(&po.locale));
            c.translations.insert(po.locale.clone(), po);
        }
        Ok(c)
    }

    /// The catalog of `locale` (case-insensitive), if any.
    pub fn book(&self, locale: &str) -> Option<&PoCatalog> {
        self.translations.get(locale).or_else(|| {
            self.translations
                .iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(locale))
                .map(|(_, c)| c)
        })
    }

    /// The interface texts of the book in `locale`, by key: the catalog's
    /// translation, else the English text (messages with plural forms are
    /// not here: see [`Catalogs::ui_plural`]).
    pub fn ui_for(&self, locale: &str) -> BTreeMap<String, String> {
        let cat = self.book(locale);
        UI.iter()
            .filter(|m| m.msgid_plural.is_none())
            .map(|m| {
                let text = cat
                    .and_then(|c| c.get_ctxt(m.msgctxt, m.msgid))
                    .unwrap_or(m.msgid);
                (m.key.to_string(), text.to_string())
            })
            .collect()
    }

    /// The interface message `key` with plural forms, in `locale`, for the
    /// number `n`, with `{n}` filled: the catalog's form for `n` (by its
    /// `Plural-Forms`), else the English singular or plural.
    pub fn ui_plural(&self, locale: &str, key: &str, n: u64) -> Option<String> {
        let m = ui_message(key)?;
        let english = m.msgid_plural?;
        let translated = self.book(locale).and_then(|c| {
            let forms = c.get_plural(m.msgctxt, m.msgid)?;
            let rule = c.header.plural_rule().ok()?;
            forms.get(rule.index(n)).cloned()
        });
        let text = translated.unwrap_or_else(|| if n == 1 { m.msgid } else { english }.to_string());
        Some(text.replace("{n}", &n.to_string()))
    }

    /// The chapter `md` (a hand-written chapter in English) in `locale`:
    /// every paragraph the catalog translates, translated.
    pub fn chapter(&self, locale: &str, md: &str) -> String {
        match self.book(locale) {
            Some(c) if !crate::names::registry().is_source_language(locale) => {
                super::chapters::translate(md, |id| c.get(id).map(str::to_string)).0
            }
            _ => md.to_string(),
        }
    }
}

/// The catalogs of a folder: `<dir>/<locale>/book.po`, by folder name,
/// sorted.
pub fn catalog_files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join(CATALOG_FILE).is_file())
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.to_string();
                    crate::filename::is_locale_tag(&name).then(|| (name, p.join(CATALOG_FILE)))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_keys_are_unique_and_placeholders_documented() {
        let mut keys: Vec<&str> = UI.iter().map(|m| m.key).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate UI key");
        for m in UI {
            // One English text with two keys must mean the same thing: the
            // same comment (else it needs a msgctxt).
            for o in UI.iter().filter(|o| o.key != m.key && o.msgid == m.msgid) {
                assert!(
                    o.msgctxt != m.msgctxt || o.comment == m.comment,
                    "{} and {} share {:?}: give one a msgctxt",
                    m.key,
                    o.key,
                    m.msgid
                );
            }
            assert!(!m.msgid.contains("(s)"), "{}: use plural forms", m.key);
        }
    }
}
