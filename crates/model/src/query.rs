//! Queries over a matrix: iterate pages, tables and rules; find a page by
//! asset id and locale; find the rules that open a port.
//!
//! The iterators walk the matrix in document order (pages in matrix order,
//! tables and rows as they stand on the page) and hand out [`RuleRef`]s, which
//! keep a rule together with its table and page: the table's kind is what
//! gives a rule its [`Direction`], and the page its locale and file.
//!
//! # Example
//!
//! Which parts of the Edge Server must accept TCP 443 according to the
//! embedded page:
//!
//! ```
//! use std::collections::BTreeSet;
//! use portmatrix_model::{Direction, EndpointKind, Transport};
//!
//! let m = portmatrix::embedded();
//! let on_443: Vec<_> = m.rules_on_port(443, Some(Transport::Tcp)).collect();
//! assert_eq!(on_443.len(), 6);
//!
//! let inbound: BTreeSet<EndpointKind> = on_443
//!     .iter()
//!     .filter(|r| r.direction() == Direction::Inbound)
//!     .map(|r| r.rule.destination.kind)
//!     .collect();
//! assert_eq!(
//!     inbound,
//!     BTreeSet::from([
//!         EndpointKind::AccessEdge,          // SIP(TLS): remote clients
//!         EndpointKind::WebConferencingEdge, // PSOM(TLS): meeting content
//!         EndpointKind::AvEdge,              // STUN/MSTURN: media relay
//!         EndpointKind::EdgeInternal,        // STUN/MSTURN from the inside
//!     ])
//! );
//!
//! // Each RuleRef knows its page and the row's place in the file.
//! let sip = on_443[0];
//! assert_eq!(sip.rule.cells.spec.text, "访问/SIP(TLS)/TCP/443");
//! assert_eq!((sip.page.locale.as_ref(), sip.rule.line), ("zh-CN", 74));
//! ```

use crate::{Direction, Matrix, Page, Rule, Table, Transport};

/// A rule with the table and page it belongs to, as the iterators of
/// [`Matrix`] return it. Cheap to copy (three references).
#[derive(Debug, Clone, Copy)]
pub struct RuleRef<'a> {
    /// The page the rule is on: its locale, file and title.
    pub page: &'a Page,
    /// The table the rule is in: its kind decides the rule's direction.
    pub table: &'a Table,
    /// The rule (table row) itself.
    pub rule: &'a Rule,
}

impl RuleRef<'_> {
    /// Into or out of the server the table describes:
    /// [`Rule::direction`] with this rule's table kind.
    pub fn direction(&self) -> Direction {
        self.rule.direction(self.table.kind)
    }
}

impl Matrix {
    /// Pages in order (trees as given, files sorted by path).
    ///
    /// ```
    /// let m = portmatrix::embedded();
    /// let p = m.pages().next().unwrap();
    /// assert_eq!(p.asset_id, "f7cbd0f1-841d-4116-8d17-e9d991daa4a8");
    /// assert_eq!(m.pages().count(), 1);
    /// ```
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter()
    }

    /// The page with this asset id in this locale (both compared without
    /// regard to ASCII case: `zh-cn` finds `zh-CN`). With duplicate pages
    /// (reported as `duplicate_page`) the first in page order wins.
    ///
    /// ```
    /// let m = portmatrix::embedded();
    /// assert!(m.page("f7cbd0f1-841d-4116-8d17-e9d991daa4a8", "zh-cn").is_some());
    /// assert!(m.page("f7cbd0f1-841d-4116-8d17-e9d991daa4a8", "en-US").is_none());
    /// ```
    pub fn page(&self, asset_id: &str, locale: &str) -> Option<&Page> {
        self.pages.iter().find(|p| {
            p.asset_id.eq_ignore_ascii_case(asset_id) && p.locale.eq_ignore_ascii_case(locale)
        })
    }

    /// Every edition of a page (the pages with this asset id, one per locale
    /// normally), in page order; the asset id is compared without regard to
    /// ASCII case. Compare their rules with [`Rule::typed`] to find
    /// translation drift.
    ///
    /// ```
    /// let m = portmatrix::embedded();
    /// let locales: Vec<&str> = m
    ///     .editions("F7CBD0F1-841D-4116-8D17-E9D991DAA4A8")
    ///     .map(|p| p.locale.as_ref())
    ///     .collect();
    /// assert_eq!(locales, ["zh-CN"]);
    /// ```
    pub fn editions<'a>(&'a self, asset_id: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages
            .iter()
            .filter(move |p| p.asset_id.eq_ignore_ascii_case(asset_id))
    }

    /// Every table with its page, in document order.
    ///
    /// ```
    /// use portmatrix_model::TableKind;
    /// let m = portmatrix::embedded();
    /// let kinds: Vec<TableKind> = m.tables().map(|(_, t)| t.kind).collect();
    /// assert_eq!(kinds.len(), 5);
    /// assert_eq!(
    ///     kinds[2..],
    ///     [TableKind::Federation, TableKind::PublicImConnectivity, TableKind::Xmpp]
    /// );
    /// ```
    pub fn tables(&self) -> impl Iterator<Item = (&Page, &Table)> {
        self.pages
            .iter()
            .flat_map(|p| p.tables.iter().map(move |t| (p, t)))
    }

    /// Every rule of every table of every page, in document order, each
    /// with its table and page.
    ///
    /// ```
    /// use portmatrix_model::{Direction, TableKind};
    /// let m = portmatrix::embedded();
    /// assert_eq!(m.rules().count(), 37);
    ///
    /// // The first row of the page: XMPP federation into the XMPP Proxy.
    /// let first = m.rules().next().unwrap();
    /// assert_eq!(first.rule.cells.spec.text, "XMPP/TCP/5269");
    /// assert_eq!(first.table.kind, TableKind::ExternalInterface);
    /// assert_eq!(first.direction(), Direction::Inbound);
    ///
    /// // Rows that name no role (as `XMPP/TCP/5269` does).
    /// assert_eq!(m.rules().filter(|r| r.rule.role.is_none()).count(), 15);
    /// ```
    pub fn rules(&self) -> impl Iterator<Item = RuleRef<'_>> {
        self.tables().flat_map(|(page, table)| {
            table
                .rules
                .iter()
                .map(move |rule| RuleRef { page, table, rule })
        })
    }

    /// The rules whose port range contains `port`, optionally only for one
    /// transport (`None`: TCP and UDP), in document order. A port inside a
    /// range matches: 50,123 matches `A/V/RTP/TCP/50,000-59,999`.
    ///
    /// ```
    /// use portmatrix_model::Transport;
    /// let m = portmatrix::embedded();
    /// // The A/V media range 50,000-59,999 contains 50,123.
    /// assert!(m.rules_on_port(50123, Some(Transport::Tcp)).count() > 0);
    /// assert_eq!(m.rules_on_port(7, None).count(), 0);
    /// ```
    pub fn rules_on_port(
        &self,
        port: u16,
        transport: Option<Transport>,
    ) -> impl Iterator<Item = RuleRef<'_>> {
        self.rules().filter(move |r| {
            r.rule.ports.contains(port) && transport.is_none_or(|t| t == r.rule.transport)
        })
    }

    /// Whether any diagnostic is an error, that is whether some row or page
    /// of the input is missing from the matrix. Warnings and infos do not
    /// count.
    ///
    /// ```
    /// let m = portmatrix::embedded();
    /// assert!(!m.has_errors());
    /// assert_eq!(m.diagnostics.len(), 1); // an info: README.md is no docs page
    /// ```
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}
