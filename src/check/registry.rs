//! The registry of checks: one entry per check, and everything about a
//! check's code is generated from its entry.
//!
//! The single `registry!` invocation at the bottom of this file lists every
//! check: its [`CheckCode`] variant, the stable snake_case code, the default
//! [`Level`], the [`Scope`] it looks at, its function, a one-line doc (the
//! variant's first rustdoc line and the SARIF `shortDescription`) and a
//! longer description (the rest of the variant's rustdoc,
//! [`CheckCode::description`]). The macro generates the enum with its docs,
//! [`CheckCode::ALL`], [`CheckCode::as_str`], [`CheckCode::is_cross_page`]
//! and the rest of the metadata from it, so nothing about a check is
//! written twice, and [`run`](super::run) calls each function for every
//! unit of its scope.
//!
//! # Adding a check
//!
//! 1. Write its function in the module of its subject (`pairs`, `headings`,
//!    `editions`, …; a new subject gets a new module, declared in
//!    `check/mod.rs` and imported at the top of this file). Its signature is
//!    its scope's, as [`Check`] lists them: `fn(&Page, &Rule, &mut
//!    Vec<Finding>)` for [`Scope::Row`], `fn(&Page, &Table, …)` for
//!    [`Scope::Table`], `fn(&Page, …)` for [`Scope::Page`], `fn(&[&Page], …)`
//!    for [`Scope::Family`] and [`Scope::Locale`] (the pages of one locale),
//!    `fn(&EditionSync, …)` for [`Scope::Editions`], `fn(&[CatalogIssue],
//!    …)` for [`Scope::Catalog`]. It pushes
//!    `Finding::new(CheckCode::Name, message, help).at(location)…` (the
//!    helpers of `finding.rs` make the locations); the level is the
//!    entry's unless the check calls `with_level`, which its description
//!    then explains. What the grouping needs to make one finding per
//!    defect: a message in English that says the same on every page and in
//!    every locale (or `.key(…)` when it cannot), `.rows(…)` when several
//!    rows of a table can make the same mistake, `.caused_by(…)` when
//!    another row's defect explains the finding.
//! 2. Append an entry at the end of the `registry!` invocation:
//!    `Name { code, level, scope, check, doc, long }` (level `Error`,
//!    `Warning` or `Style`, by firewall impact). A `check` whose signature
//!    is not its scope's does not compile.
//! 3. Test it: a mutation on a real page that makes exactly this finding
//!    appear (`tests/it/check_mutations.rs` on the seed,
//!    `tests/it/check_corpus.rs` or `tests/it/check_across.rs` on corpus
//!    pages), and the clean corpus without a false finding of its kind.
//! 4. If the real pages have such findings and they are accepted defects,
//!    list them with a reason in `check-baseline.json` and
//!    `book/findings.md`.
//!
//! Nothing else changes: the SARIF rules, `--baseline` parsing and the
//! rendered reports pick the new code up from the registry.
//!
//! The order of the entries is the order of [`CheckCode::ALL`], of the SARIF
//! rules (`ruleIndex`) and of findings at the same line: appending keeps
//! every existing report as it is.

use std::fmt;

use super::catalog::CatalogIssue;
use super::editions::{self, EditionSync as Editions};
use super::finding::Finding;
use super::finding::Level;
use super::{
    across, catalog, family, federation, headings, naming, pairs, prose, role_ports, roles,
};
use crate::diag::Severity;
use crate::model::{Page, Rule, Table};

/// What a check looks at: the unit the runner hands it. Findings of the
/// last three scopes involve more than one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// One row of a table.
    Row,
    /// One table of a page.
    Table,
    /// One page: its tables against each other.
    Page,
    /// The pages of one topology family (consolidated Edge, Director) in one
    /// locale.
    Family,
    /// Every page of one locale.
    Locale,
    /// The book translation catalogs' problems (what
    /// [`CatalogIssue`]s the caller found); none with [`run`](super::run).
    Catalog,
    /// The editions (locales) of one page, each against its reference
    /// edition (en-US, or the first edition when there is none).
    Editions,
}

impl Scope {
    /// Whether findings of this scope involve more than one page.
    pub fn is_cross_page(self) -> bool {
        matches!(self, Scope::Family | Scope::Locale | Scope::Editions)
    }
}

/// A check's function, by the unit of its [`Scope`] it is handed. It pushes
/// its findings in a deterministic order ([`run`](super::run) sorts them).
pub(super) enum Check {
    /// Called for every row of every table of every page.
    Row(fn(&Page, &Rule, &mut Vec<Finding>)),
    /// Called for every table of every page.
    Table(fn(&Page, &Table, &mut Vec<Finding>)),
    /// Called for every page.
    Page(fn(&Page, &mut Vec<Finding>)),
    /// Called with the pages of each locale; it picks its family's tables.
    Family(fn(&[&Page], &mut Vec<Finding>)),
    /// Called with the pages of each locale.
    Locale(fn(&[&Page], &mut Vec<Finding>)),
    /// Called for every edition paired with its reference edition.
    Editions(fn(&Editions, &mut Vec<Finding>)),
    /// Called once with the catalog problems the caller passed.
    Catalog(fn(&[CatalogIssue], &mut Vec<Finding>)),
}

/// What the registry knows about one check, in [`CheckCode::ALL`] order.
struct Info {
    code: &'static str,
    level: Level,
    scope: Scope,
    doc: &'static str,
    description: &'static str,
    check: Check,
}

/// Generates [`CheckCode`] and its metadata from the list of checks. Each
/// entry: `Variant { code, severity, scope, check, doc, long }`; `check` is
/// wrapped in `Check::<scope>`, so its signature must be the scope's.
macro_rules! registry {
    ($(
        $variant:ident {
            code: $code:literal,
            level: $level:ident,
            scope: $scope:ident,
            check: $check:path,
            doc: $doc:literal,
            long: $long:literal $(,)?
        }
    )*) => {
        /// Stable codes of the findings, one per check of the registry.
        /// [`as_str`](CheckCode::as_str) gives the snake_case code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CheckCode {
            $(
                #[doc = $doc]
                #[doc = ""]
                #[doc = $long]
                #[doc = ""]
                #[doc = concat!(
                    "Code `", $code, "`, default level [`Level::", stringify!($level),
                    "`], scope [`Scope::", stringify!($scope), "`]."
                )]
                $variant,
            )*
        }

        /// Metadata of every check, indexed by `CheckCode as usize`.
        const INFO: &[Info] = &[$(
            Info {
                code: $code,
                level: Level::$level,
                scope: Scope::$scope,
                doc: $doc,
                description: $long,
                check: Check::$scope($check),
            },
        )*];

        impl CheckCode {
            /// Every check, in registry order.
            pub const ALL: [CheckCode; INFO.len()] = [$(CheckCode::$variant),*];
        }
    };
}

impl CheckCode {
    fn info(self) -> &'static Info {
        &INFO[self as usize]
    }

    /// The stable snake_case code (`duplicate_rule`, …).
    pub fn as_str(self) -> &'static str {
        self.info().code
    }

    /// The code named by `s` (`duplicate_rule`, …).
    pub fn parse(s: &str) -> Option<CheckCode> {
        CheckCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The level of the check's findings (a check may choose another for
    /// a finding, which its description then says).
    pub fn level(self) -> Level {
        self.info().level
    }

    /// The severity of the check's default [`level`](CheckCode::level).
    pub fn severity(self) -> Severity {
        self.level().severity()
    }

    /// What the check looks at.
    pub fn scope(self) -> Scope {
        self.info().scope
    }

    /// One line saying what the check finds (the SARIF `shortDescription`).
    pub fn doc(self) -> &'static str {
        self.info().doc
    }

    /// A paragraph saying what the check finds, exactly, and why it matters.
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// Whether the finding needs more than one page (so a baseline entry
    /// only applies when all its pages are checked together).
    pub fn is_cross_page(self) -> bool {
        self.scope().is_cross_page()
    }

    /// The check's function.
    pub(super) fn check(self) -> &'static Check {
        &self.info().check
    }
}

impl fmt::Display for CheckCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialized as its code (`"duplicate_rule"`).
#[cfg(feature = "json")]
impl serde::Serialize for CheckCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The codes as a JSON Schema: one string per check, with its one-line doc.
#[cfg(feature = "json")]
impl schemars::JsonSchema for CheckCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CheckCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one_of: Vec<serde_json::Value> = CheckCode::ALL
            .iter()
            .map(|c| serde_json::json!({ "const": c.as_str(), "description": c.doc() }))
            .collect();
        schemars::json_schema!({
            "description": "The check that found the finding (its stable snake_case code).",
            "type": "string",
            "oneOf": one_of,
        })
    }
}

registry! {
    DuplicateRule {
        code: "duplicate_rule",
        level: Warning,
        scope: Page,
        check: pairs::duplicate_rule,
        doc: "Two rows of the same kind of table on a page open the same flow.",
        long: "Two rows of tables of the same kind on one page give the same transport, \
            ports, role, protocols, source and destination (an endpoint named with and \
            without its address counts as the same). One of them is redundant, or one of \
            them was meant to say something else.",
    }
    SubsumedRule {
        code: "subsumed_rule",
        level: Warning,
        scope: Page,
        check: pairs::subsumed_rule,
        doc: "A row opens a subset of what a broader row of the same kind of table opens.",
        long: "Two rows of tables of the same kind on one page give the same transport, \
            ports, role and protocols, and the endpoints of one include those of the other \
            (`Any` includes every endpoint, `Any (can be defined as X, Y)` includes X and \
            Y). The narrower row opens nothing more; either it is redundant or the broader \
            row opens more than it should.",
    }
    ConflictingFlow {
        code: "conflicting_flow",
        level: Error,
        scope: Page,
        check: pairs::conflicting_flow,
        doc: "The same flow (transport, ports, source, destination) is given two roles or protocols.",
        long: "Two rows of tables of the same kind on one page open the same transport and \
            ports between the same endpoints but name two different roles (both rows name \
            one) or two different protocol lists. At most one of them is right. A row with \
            a role and one without are a difference in wording and are not reported.",
    }
    OverlappingPorts {
        code: "overlapping_ports",
        level: Error,
        scope: Page,
        check: pairs::overlapping_ports,
        doc: "Overlapping, unequal port ranges between the same endpoints with a different meaning.",
        long: "Two rows of tables of the same kind on one page, on the same transport between \
            the same endpoints, give port ranges that overlap without being equal and differ \
            in role or protocols. The ports of the overlap are claimed for two purposes; \
            usually one range is mistyped, and a firewall built from it opens the wrong \
            ports.",
    }
    RoleEndpointMismatch {
        code: "role_endpoint_mismatch",
        level: Error,
        scope: Row,
        check: roles::role_endpoint_mismatch,
        doc: "A role on the wrong Edge service (A/V on the Access Edge, Web Conferencing on the A/V Edge).",
        long: "A row names a role and its source or destination is an Edge service that does \
            not carry it: Access rows may not use the A/V or Web Conferencing Edge service; \
            A/V rows not the Access Edge, Web Conferencing Edge or XMPP Proxy; Web \
            Conferencing rows not the Access Edge, A/V Edge or XMPP Proxy. Either the role \
            or the endpoint is wrong, and a firewall built from the row opens the port on \
            the wrong address. Rows of one table with the same mistake are one finding.",
    }
    HeadingContradictsRows {
        code: "heading_contradicts_rows",
        level: Warning,
        scope: Table,
        check: headings::heading_contradicts_rows,
        doc: "A heading says external (internal) interface while every row is on the other side.",
        long: "A table classified by its heading as an internal (external) interface or \
            virtual IP table, all of whose rows go to or from the external Edge services \
            (the Edge internal interface) and none to the other side. The heading sends \
            the rows to the wrong interface (a mislabelled table: the rows themselves name \
            the right endpoints). Tables classified by their rows are not checked.",
    }
    SummaryFlowNotOpened {
        code: "summary_flow_not_opened",
        level: Error,
        scope: Page,
        check: federation::summary_flow_not_opened,
        doc: "A federation/public IM/XMPP summary row that no interface table of the page opens.",
        long: "A row of a summary table (federation, public IM connectivity, XMPP) that no row \
            of the page's interface or virtual IP tables opens: none has its transport, a \
            port range containing its ports, and matching endpoints (an Edge Server part \
            must be named as that part, a remote endpoint must be included). The summary \
            promises a flow the firewall tables do not open. Pages without interface \
            tables are not checked. The related rows are the interface rows that give the \
            same protocols on those ports with one of the two endpoints: the rows that \
            come closest.",
    }
    OneDirectionalFederation {
        code: "one_directional_federation",
        level: Warning,
        scope: Table,
        check: federation::one_directional_federation,
        doc: "Federation over SIP/MTLS 5061 given in one direction only.",
        long: "A table has a SIP/MTLS row on TCP 5061 between the Access Edge service and a \
            remote endpoint, and no row for the opposite direction. Federated partners and \
            the Access Edge service connect to each other, so a firewall built from the \
            table alone breaks federation the other way. A warning when another table of \
            the page opens the other direction (the table is incomplete, the page is not); \
            an error when no row of the page does (a missing rule).",
    }
    InconsistentEndpointNaming {
        code: "inconsistent_endpoint_naming",
        level: Style,
        scope: Table,
        check: naming::inconsistent_endpoint_naming,
        doc: "The same endpoint named with two different addresses in one table.",
        long: "Within one table, one server part is named with two different addresses, or \
            once with and once without one (`A/V Edge service public IP address` and \
            `A/V Edge service`). Virtual IPs are not compared with node addresses, nor \
            `Any (can be defined as …)` endpoints. Reported at the first row of the least \
            used naming; style, as no rule changes.",
    }
    TopologyFamilyMismatch {
        code: "topology_family_mismatch",
        level: Error,
        scope: Family,
        check: family::topology_family_mismatch,
        doc: "Pages of one topology family disagree on which endpoint a flow uses.",
        long: "Among the pages of one locale describing a topology family (the consolidated \
            Edge pages, compared per side of the Edge; the Director pages), a flow \
            (transport, ports, protocols) given by at least three pages, where one page \
            gives it between endpoints no other page uses while every other page agrees on \
            endpoints this page lacks. That page probably names the wrong server part or \
            the wrong direction, and opens the port on the wrong address. Rows of one \
            table that disagree the same way are one finding.",
    }
    HeadingSharedAcrossTopologies {
        code: "heading_shared_across_topologies",
        level: Warning,
        scope: Locale,
        check: headings::heading_shared_across_topologies,
        doc: "The same heading is used on pages for different topologies.",
        long: "Within one locale, the heading of a topology table (not a summary, reverse \
            proxy or unclassified table) is used, whitespace aside, on pages about \
            different topics (asset ids). A reader cannot tell the topologies apart by \
            it; usually it was copied from another page. Reported on the page whose title \
            fits the heading least.",
    }
    LocaleTableMissing {
        code: "locale_table_missing",
        level: Error,
        scope: Editions,
        check: editions::locale_table_missing,
        doc: "A table is present in one edition (locale) of a page only.",
        long: "The editions of a page (the pages with its asset id) are compared with the \
            en-US edition, or the first edition when there is none. Their tables are \
            aligned by kind (by position when both have as many); a table without a \
            counterpart is reported on the edition that has it. A warning instead of an \
            error when the table is not a port table (DNS records, transport preference): \
            the edition is incomplete but misses no rule.",
    }
    LocaleTableKindMismatch {
        code: "locale_table_kind_mismatch",
        level: Warning,
        scope: Editions,
        check: editions::locale_table_kind_mismatch,
        doc: "Aligned tables of two editions have headings of different kinds.",
        long: "Two aligned tables of an edition and its reference edition have different \
            kinds: the translated heading classifies the table differently, so the editions \
            put the same rows in different parts of the firewall (a mislabelled table).",
    }
    LocaleRowMissing {
        code: "locale_row_missing",
        level: Error,
        scope: Editions,
        check: editions::locale_row_missing,
        doc: "A row is present in one edition (locale) of a page only.",
        long: "The rows of two aligned tables of an edition and its reference edition are \
            aligned by their typed values (longest common subsequence; unmatched rows \
            between two matches are paired by position). A row without a counterpart is a \
            rule one edition opens and the other does not; it is reported on the edition \
            that has it.",
    }
    LocaleValueMismatch {
        code: "locale_value_mismatch",
        level: Error,
        scope: Editions,
        check: editions::locale_value_mismatch,
        doc: "Aligned rows of two editions differ in typed values.",
        long: "Two aligned rows of an edition and its reference edition differ in role, \
            protocols, transport, ports, source or destination. Style instead of error when \
            the only difference is an address one edition names and the other leaves out; \
            the rows of one table that leave out the same address are one finding (one \
            translation choice).",
    }
    StaleTranslation {
        code: "stale_translation",
        level: Warning,
        scope: Editions,
        check: editions::stale_translation,
        doc: "A bilingual cell's embedded English source is no longer the en-US text.",
        long: "A translated heading or cell carries its English source (an `sxs-lookup` \
            span) and that source, whitespace aside, is not the current text of the aligned \
            heading or cell of the English reference edition: the translation was made from \
            an older text and may no longer say the same. Checked against English \
            reference editions only.",
    }
    CatalogMissingTranslation {
        code: "catalog_missing_translation",
        level: Warning,
        scope: Catalog,
        check: catalog::missing_translation,
        doc: "A text the books show has no translation in the book catalog.",
        long: "A page title, table heading or note that a book in another locale takes \
            from the translation catalog (`i18n/<locale>/book.po`, because the page has no \
            edition in that locale) has no entry there, or an empty one: the book shows \
            it untranslated. Run `portmatrix i18n update`, then translate the entry. \
            Needs the catalogs: `portmatrix check` passes them, `check::run` does not.",
    }
    CatalogFuzzyTranslation {
        code: "catalog_fuzzy_translation",
        level: Warning,
        scope: Catalog,
        check: catalog::fuzzy_translation,
        doc: "A text the books show has only a fuzzy (outdated) translation in the book catalog.",
        long: "The catalog entry of a text a book takes from the translation catalog is \
            marked fuzzy: the text changed since it was translated and `portmatrix i18n \
            update` carried the old translation over; the book shows the text \
            untranslated until a translator confirms or corrects it.",
    }
    CatalogStaleMsgid {
        code: "catalog_stale_msgid",
        level: Warning,
        scope: Catalog,
        check: catalog::stale_msgid,
        doc: "A book catalog entry translates a text that no page has any more.",
        long: "A translated entry of a translation catalog whose msgid occurs in no page: \
            the source text changed and `portmatrix i18n update` was not run, so the new \
            text is untranslated and the old translation is dead weight. Reported at the \
            entry in the catalog file, with the page reference it was made for.",
    }
    FlowDiffersAcrossPages {
        code: "flow_differs_across_pages",
        level: Error,
        scope: Locale,
        check: across::flow_differs_across_pages,
        doc: "Pages of comparable topologies give the same flow other ports or endpoints.",
        long: "Tables of the same kind on pages of one locale describe the same part of \
            the firewall (the consolidated Edge pages per side of the Edge, the Director \
            pages, each kind of summary table, each side of the reverse proxy). Ports: a \
            flow named by its protocols and a pair of endpoints (each endpoint of a list \
            on its own) given on two or more pages with different transports or ports; \
            reported on the page whose rows name the endpoint least specifically (in a \
            list), then on the page fewer pages agree with. Endpoints: in the summary and \
            reverse proxy tables (the Edge and Director families are \
            `topology_family_mismatch`'s), a flow given by at least three pages between \
            endpoints no other page uses while every other page agrees on endpoints this \
            page lacks.",
    }
    TableContradictsInterface {
        code: "table_contradicts_interface",
        level: Error,
        scope: Page,
        check: across::table_contradicts_interface,
        doc: "A virtual IP table contradicts the node table of the same interface on its page.",
        long: "A page's node (interface) table and virtual IP table of the same side of the \
            Edge open the same transport between the same Edge service (whatever address \
            names it) and compatible remote endpoints in the same direction, on the same \
            or overlapping ports, but with different protocols or roles (both named). The \
            two tables describe one interface; at most one of them is right.",
    }
    ProsePortUnbacked {
        code: "prose_port_unbacked",
        level: Error,
        scope: Page,
        check: prose::prose_port_unbacked,
        doc: "A paragraph names a protocol and port that no row of the page opens.",
        long: "A paragraph of a page with port tables names a transport and port (`TCP \
            443`, `SIP/MTLS/TCP 5061`, `5269 over TCP`, `TCP 上的端口 5269`), and no row \
            of the page has that transport, a port range containing the port, and every \
            protocol the paragraph names with it. The prose promises a flow the tables do \
            not open. The endpoints the sentence names are not compared. Reads the page \
            file again (`page.path`); a page whose file is not on disk is not checked.",
    }
    RolePortNotListed {
        code: "role_port_not_listed",
        level: Error,
        scope: Locale,
        check: role_ports::role_port_not_listed,
        doc: "A flow to a server role on a port the internal-servers and load-balancer lists do not give it.",
        long: "The internal-servers table of a locale gives, per server role, the ports it \
            listens on; its load-balancer tables the ports open on each pool's virtual IP. \
            A rule of any other page of the locale whose destination is that role (a Front \
            End Server, Front End pool, its web services or a Standard Edition server; a \
            Director, Director pool or its web services; a Mediation Server; each server \
            of a list) on a transport and port that no list row of the role gives is \
            reported: a firewall built from the lists would not open it. `Any` \
            destinations, ports that are `Any` or configured, and tables that name one end \
            or none are not compared. Only when the locale has the lists.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_parse_back() {
        for (i, c) in CheckCode::ALL.into_iter().enumerate() {
            assert_eq!(c as usize, i, "ALL is in declaration order");
            let s = c.as_str();
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
            assert_eq!(CheckCode::parse(s), Some(c));
            assert!(!c.doc().contains('\n') && c.doc().ends_with('.'), "{s}");
            assert!(c.description().len() > c.doc().len(), "{s}");
        }
        assert_eq!(CheckCode::parse("nope"), None);
    }

    #[cfg(feature = "json")]
    #[test]
    fn serializes_as_its_code() {
        for c in CheckCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
    }
}
