//! Queries over a matrix: iterate pages, tables and rules; find a page by
//! asset id and locale; find the rules that open a port.

use crate::{Direction, Matrix, Page, Rule, Table, Transport};

/// A rule with the table and page it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct RuleRef<'a> {
    pub page: &'a Page,
    pub table: &'a Table,
    pub rule: &'a Rule,
}

impl RuleRef<'_> {
    /// Into or out of the server the table describes.
    pub fn direction(&self) -> Direction {
        self.rule.direction(self.table.kind)
    }
}

impl Matrix {
    /// Pages in order (trees as given, files sorted by path).
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.pages.iter()
    }

    /// The page with this asset id in this locale (locale compared without
    /// regard to case: `zh-cn` finds `zh-CN`).
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

    /// Every edition of a page, in page order.
    pub fn editions<'a>(&'a self, asset_id: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages
            .iter()
            .filter(move |p| p.asset_id.eq_ignore_ascii_case(asset_id))
    }

    /// Every table with its page.
    pub fn tables(&self) -> impl Iterator<Item = (&Page, &Table)> {
        self.pages
            .iter()
            .flat_map(|p| p.tables.iter().map(move |t| (p, t)))
    }

    /// Every rule, in document order.
    pub fn rules(&self) -> impl Iterator<Item = RuleRef<'_>> {
        self.tables().flat_map(|(page, table)| {
            table
                .rules
                .iter()
                .map(move |rule| RuleRef { page, table, rule })
        })
    }

    /// The rules whose port range contains `port`, optionally only for one
    /// transport.
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

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}
