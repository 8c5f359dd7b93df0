//! Port tables: `Table`, `KindSource`, `TableKind` and the `Server` a table is written from.

use crate::layout::Column;
use crate::page::Heading;
#[cfg(doc)]
use crate::rule::Direction;
use crate::rule::Rule;
use crate::text::List;

/// One port table: its kind, the heading standing above it, and its rules in
/// document order.
///
/// Only tables whose header has four cells, the first naming TCP/UDP and a
/// port ("Role/Protocol/TCP or UDP/Port" or "Protocol/TCP or UDP/Port", in
/// any language the vocabularies know), are port tables.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Table {
    /// What the table describes: which interface of which server its rules
    /// are written from. Decides the [`Direction`] of its rules.
    pub kind: TableKind,
    /// Whether `kind` was read from the heading or, when the heading says
    /// nothing we know, inferred from the rows.
    pub kind_source: KindSource,
    /// The heading that stands above the table, if any.
    pub heading: Option<Heading>,
    /// 1-based line of the `<table>` tag in the file.
    pub line: u32,
    /// Whether the first header cell names a role ("Role/Protocol/TCP or
    /// UDP/Port") or not ("Protocol/TCP or UDP/Port", as in the internal
    /// interface, reverse proxy and XMPP tables). Even with the column a row
    /// may name no role (`XMPP/TCP/5269`).
    pub has_role_column: bool,
    /// The rows that could be typed, in document order. A row that could not
    /// (bad port, missing cell, cell span) is left out, and an error
    /// diagnostic names its line.
    pub rules: List<Rule>,
    /// What each column holds, in header order. Port summary tables (the
    /// four-column layout) leave it empty: their columns are always
    /// [`Column::Spec`], [`Column::Source`], [`Column::Destination`] and
    /// [`Column::Notes`]; see [`Table::layout`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "<[Column]>::is_empty")
    )]
    pub columns: List<Column>,
}

/// The columns of the port summary layout, the default of
/// [`Table::columns`].
pub const SUMMARY_COLUMNS: [Column; 4] = [
    Column::Spec,
    Column::Source,
    Column::Destination,
    Column::Notes,
];

impl Table {
    /// The table's columns in header order: [`Table::columns`], or the port
    /// summary's four when that is empty.
    pub fn layout(&self) -> &[Column] {
        if self.columns.is_empty() {
            &SUMMARY_COLUMNS
        } else {
            &self.columns
        }
    }
}

/// Where a table's [`TableKind`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum KindSource {
    /// The heading above the table names it ("External Interface", "Reverse
    /// Proxy Server: Internal Interface", "Federation", …) in the page's
    /// language or in its English original.
    Heading,
    /// The heading does not decide, so the kind was inferred from the
    /// endpoints of the rows (every row touches the Edge internal interface:
    /// [`TableKind::InternalInterface`]). Also the source of
    /// [`TableKind::Unclassified`], when the rows do not decide either.
    Rows,
    /// Tables other than the port summary whose heading does not decide:
    /// the kind follows from the set of columns (`Rule name` and
    /// `Authentication requirement`: [`TableKind::IpsecExceptions`];
    /// `Direction`: [`TableKind::SqlServer`]; …).
    Columns,
}

/// What a port table describes. Derived from the heading (per-locale keyword
/// vocabulary), or from the rows when the heading is silent.
///
/// The quoted headings below are the English ones of the corpus.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TableKind {
    /// Edge Server external interface, per node ("Firewall Summary for …:
    /// External Interface – Node 1 and Node 2"): the Access, Web
    /// Conferencing and A/V Edge services and the XMPP Proxy towards the
    /// Internet.
    ExternalInterface,
    /// Edge Server internal interface, per node ("…: Internal Interface"):
    /// the Edge towards the Front End and Director servers and pools.
    InternalInterface,
    /// Hardware load balancer pages: the external virtual IPs ("…: External
    /// Interface Virtual IPs").
    ExternalVirtualIps,
    /// Hardware load balancer pages: the internal virtual IPs ("…: Internal
    /// Interface Virtual IPs").
    InternalVirtualIps,
    /// SIP federation summary ("Firewall Summary for Federation"): the
    /// Access Edge's SIP/MTLS 5061 with federated partners.
    Federation,
    /// Public instant messaging connectivity summary ("Firewall Summary –
    /// Public Instant Messaging Connectivity").
    PublicImConnectivity,
    /// XMPP federation summary ("Firewall Summary for Extensible Messaging
    /// and Presence Protocol"): XMPP 5269 outside, 23456 to the XMPP gateway
    /// inside.
    Xmpp,
    /// Reverse proxy external interface ("Firewall Details for Reverse Proxy
    /// Server: External Interface"): the published web services (HTTP 80,
    /// HTTPS 443) reached from the Internet.
    ReverseProxyExternal,
    /// Reverse proxy internal interface ("…: Internal Interface"): requests
    /// forwarded to the Director and Front End web services (HTTP 8080,
    /// HTTPS 4443) and Office Web Apps.
    ReverseProxyInternal,
    /// Director (single or pool) firewall definitions ("Director Ports and
    /// Protocols for Firewall Definitions").
    Director,
    /// Ports and protocols for internal servers (`Server role | Service name
    /// | Port | Protocol | Notes`): the ports each server role listens on;
    /// the destination is the role, no source is given.
    InternalServers,
    /// Hardware load balancer ports (`Load Balancer | Port | Protocol`): the
    /// ports open on each pool's load balancer virtual IP.
    LoadBalancers,
    /// Required client ports (`Component | Port | Protocol | Notes`): the
    /// ports clients and devices use; the component is the source.
    ClientPorts,
    /// IPsec exceptions (`Rule name | Source IP | Destination IP | Protocol |
    /// Source port | Destination port | Authentication requirement`): the
    /// traffic to exempt from IPsec authentication.
    IpsecExceptions,
    /// External A/V firewall requirements (`Source IP | Destination IP |
    /// (Source port |) Destination port`): the A/V Edge's external
    /// interface, with or without source ports.
    AvFirewall,
    /// SQL Server firewall requirements (`Protocol | Port | Direction`): the
    /// ports into the SQL Server that holds the Lync databases.
    SqlServer,
    /// Hybrid deployment ports (`Protocol / Port | Applications`): what to
    /// open for Lync Online in a hybrid deployment.
    Hybrid,
    /// Not a port table: which transport A/V prefers (`Audio/Video Transport
    /// | Usage`). It names transports, not ports, so no rule comes from it.
    TransportPreference,
    /// Not a port table: DNS records to publish (`DNS record | Resolvable by
    /// | DNS requirement`). No rule comes from it.
    DnsRecords,
    /// Neither heading nor rows tell; an `unclassified_table` warning says
    /// so. Its rules have no direction.
    Unclassified,
}

/// The server a table is written from: rules whose destination is this server
/// come in, rules whose source is it go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[allow(clippy::enum_variant_names)] // "Edge Server" is the product's name
pub enum Server {
    /// The Edge Server or Edge pool, perimeter network: the Access, Web
    /// Conferencing and A/V Edge services and the XMPP Proxy on its external
    /// side, and its internal interface.
    EdgeServer,
    /// The reverse proxy that publishes the Lync web services to the
    /// Internet (external listener, internal interface).
    ReverseProxy,
    /// The Director or Director pool, which authenticates and routes
    /// external users' traffic in front of the Front End pools.
    Director,
    /// The SQL Server that holds the Lync Server databases (back end, Central
    /// Management store).
    SqlServer,
}

impl TableKind {
    /// The server the table is written from; `None` for
    /// [`TableKind::Unclassified`].
    pub fn server(self) -> Option<Server> {
        use TableKind::*;
        match self {
            ExternalInterface | InternalInterface | ExternalVirtualIps | InternalVirtualIps
            | Federation | PublicImConnectivity | Xmpp => Some(Server::EdgeServer),
            ReverseProxyExternal | ReverseProxyInternal => Some(Server::ReverseProxy),
            Director => Some(Server::Director),
            AvFirewall => Some(Server::EdgeServer),
            SqlServer => Some(Server::SqlServer),
            InternalServers | LoadBalancers | ClientPorts | IpsecExceptions | Hybrid
            | TransportPreference | DnsRecords | Unclassified => None,
        }
    }

    /// False for the tables that hold no port rule by nature
    /// ([`TableKind::TransportPreference`], [`TableKind::DnsRecords`]).
    pub fn holds_ports(self) -> bool {
        !matches!(self, TableKind::TransportPreference | TableKind::DnsRecords)
    }

    /// Federation, public IM and XMPP tables summarise flows that the
    /// interface tables of the same page also open: skip them to count each
    /// flow once.
    pub fn is_summary(self) -> bool {
        matches!(
            self,
            TableKind::Federation | TableKind::PublicImConnectivity | TableKind::Xmpp
        )
    }
}
