//! The typed port matrix: what every stage after the parser works on.
//!
//! Microsoft's Lync Server 2013 planning pages on TechNet give the firewall
//! rules of each Edge, reverse proxy and Director topology as HTML tables in
//! four columns: "Role/Protocol/TCP or UDP/Port", "Source IP address",
//! "Destination IP address" and "Notes" (or "Comments"). This crate is the
//! typed form of those tables, for tools that generate firewall rules,
//! compare editions or check a deployment:
//!
//! - a [`Matrix`] holds the [`Page`]s read from one or more docs trees and
//!   every [`Diagnostic`] the parser produced;
//! - a [`Page`] is one markdown file in one locale, with its port [`Table`]s
//!   in document order;
//! - a [`Table`] is one port table; its [`TableKind`] says which interface of
//!   which [`Server`] it is written from;
//! - a [`Rule`] is one row: [`Role`], [`Protocol`]s, [`Transport`] and
//!   [`PortRange`] from the first column, source and destination
//!   [`Endpoint`]s from the next two, the note from the last.
//!
//! For example the row
//!
//! | Role/Protocol/TCP or UDP/Port | Source IP address | Destination IP address | Notes |
//! |---|---|---|---|
//! | `Access/SIP(TLS)/TCP/443` | Any | Edge Server Access Edge service public IP address | Client-to-server SIP traffic for external user access |
//!
//! is the rule "role [`Role::Access`], protocols [`Protocol::Sip`] over
//! [`Protocol::Tls`], [`Transport::Tcp`] port 443, from [`EndpointKind::Any`]
//! to the [`EndpointKind::AccessEdge`] at its [`Address::PublicIp`]", which
//! [`Rule::direction`] calls [`Direction::Inbound`] in an Edge Server table.
//! [`query`] iterates over rules and finds those that open a port; [`diag`]
//! says what the parser could not type.
//!
//! Past the parser nothing is stringly typed: roles, protocols, transports,
//! ports, endpoints and table kinds are enums; what the grammars do not know is
//! kept as a typed `Unrecognized` value together with a diagnostic. The typed
//! values are the same in every locale (the Chinese edition's `访问` is
//! [`Role::Access`] too); only the wording kept beside them
//! ([`Endpoint::text`], [`Rule::note`], [`Rule::cells`]) is in the page's
//! language. [`Rule::typed`] is the part to compare across editions.
//!
//! # Storage
//!
//! Strings and lists are `Cow<'static, _>` ([`Str`], [`List`]) so that one set
//! of types serves both the data baked into the crate at build time
//! (borrowed, `static`, no parsing at run time) and pages parsed at run time
//! (owned). This is the trick ICU4X's baked data providers use: one type, two
//! lifetimes of storage. Read them through `Deref` (`&str`, `&[T]`).
//!
//! # Features
//!
//! - `serde`: `Serialize`, `Deserialize` and `schemars::JsonSchema` for every
//!   data type, that is all but the borrowed views [`TypedRule`] and
//!   [`query::RuleRef`] and the error [`PortRangeError`]. Enum names are
//!   snake_case; `None` originals, unrecognized phrases and diagnostic cells
//!   and expectations are left out. Without it the crate has no
//!   dependencies.
//!
//! # Example
//!
//! The embedded page (`portmatrix::embedded()`) is the Chinese edition of
//! "Port summary - Scaled consolidated edge, DNS load balancing with public IP
//! addresses". Its first table is the external interface of the Edge pool:
//!
//! ```
//! use portmatrix_model::{
//!     Address, Direction, EndpointKind, PortRange, Protocol, Role, Server, TableKind, Transport,
//! };
//!
//! let m = portmatrix::embedded();
//! let page = m.page("f7cbd0f1-841d-4116-8d17-e9d991daa4a8", "zh-CN").unwrap();
//! assert_eq!(page.tables.len(), 5);
//!
//! let table = &page.tables[0];
//! assert_eq!(table.kind, TableKind::ExternalInterface);
//! assert_eq!(table.kind.server(), Some(Server::EdgeServer));
//!
//! // The row `访问/SIP(TLS)/TCP/443 | 任意 | 边缘服务器访问边缘服务公用 IP 地址 | …`,
//! // in English `Access/SIP(TLS)/TCP/443 | Any | Edge Server Access Edge service
//! // public IP address | Client-to-server SIP traffic for external user access`.
//! let rule = &table.rules[4];
//! assert_eq!(rule.cells.spec.text, "访问/SIP(TLS)/TCP/443");
//! assert_eq!(rule.role, Some(Role::Access));
//! assert_eq!(*rule.protocols, [Protocol::Sip, Protocol::Tls]);
//! assert_eq!(rule.transport, Transport::Tcp);
//! assert_eq!(rule.ports, PortRange::single(443).unwrap());
//! assert_eq!(rule.source.kind, EndpointKind::Any);
//! assert_eq!(
//!     (rule.destination.kind, rule.destination.address),
//!     (EndpointKind::AccessEdge, Address::PublicIp)
//! );
//! assert_eq!(rule.destination.text, "边缘服务器访问边缘服务公用 IP 地址");
//! assert_eq!(rule.direction(table.kind), Direction::Inbound);
//! ```

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod diag;
pub mod query;
mod text;

use crate::diag::Diagnostic;
pub use crate::text::{List, Str};

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
}

/// Direction of a rule relative to the server its table describes; see
/// [`Rule::direction`]. Whatever the direction, the connection goes from
/// the rule's source to the port on its destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    /// Into the server: the destination is a part of it (a service, an
    /// interface, the server as a whole), the source is not.
    Inbound,
    /// Out of the server: the source is a part of it, the destination is not.
    Outbound,
    /// Neither end (or both ends) is the described server.
    Unknown,
}

/// One row of a port table, typed: one firewall rule. The connection is
/// opened from `source` to `destination` on `ports` over `transport`.
///
/// The first column (`cells.spec`), such as `Access/SIP(TLS)/TCP/443` or
/// `A/V/RTP/UDP/50,000-59,999`, gives `role`, `protocols`, `transport` and
/// `ports`; the second and third the two endpoints; the fourth the note.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Rule {
    /// 1-based line of the row's `<tr>` tag in the file.
    pub line: u32,
    /// The role the first column starts with (`Access` in
    /// `Access/SIP(TLS)/TCP/443`); `None` when it starts with the protocol
    /// (`XMPP/TCP/5269`), as every row of a table without a role column
    /// does.
    pub role: Option<Role>,
    /// Application protocols in the cell's order; `tls`/`mtls` are listed as
    /// protocols of their own, so `SIP(MTLS)` and `SIP/MTLS` are equal
    /// (`[Sip, Mtls]`). `STUN,MSTURN` gives two protocols on the same port.
    pub protocols: List<Protocol>,
    /// The `TCP or UDP` part of the first column: the transport to open.
    pub transport: Transport,
    /// True when the cell named no transport (`XMPP/MTLS/23456`) and TCP was
    /// inferred because a protocol runs over TCP only (TLS, MTLS, HTTP,
    /// HTTPS, PSOM); a `transport_inferred` info records it.
    pub transport_inferred: bool,
    /// The port or inclusive range at the end of the first column: `443`,
    /// or `50,000-59,999` read as 50000 to 59999. The port is on the
    /// destination side.
    pub ports: PortRange,
    /// The second column ("Source IP address"): where the connection comes
    /// from.
    pub source: Endpoint,
    /// The third column ("Destination IP address"): where the connection
    /// goes, the side that listens on `ports`.
    pub destination: Endpoint,
    /// The notes column ("Notes" or "Comments"), in the page's language,
    /// whitespace collapsed: what the flow is for ("Client-to-server SIP
    /// traffic for external user access"); may be empty. The same text as
    /// `cells.note.text`.
    pub note: Str,
    /// The four cells as written, with their lines.
    pub cells: RowCells,
}

/// The raw cells of a row, as written, for display and for pointing back to
/// the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct RowCells {
    /// First column, "Role/Protocol/TCP or UDP/Port" (`Access/SIP(TLS)/TCP/443`).
    pub spec: Cell,
    /// Second column, "Source IP address" (`Any`).
    pub source: Cell,
    /// Third column, "Destination IP address" (`Edge Server Access Edge
    /// service public IP address`).
    pub destination: Cell,
    /// Fourth column, "Notes" or "Comments".
    pub note: Cell,
}

/// One table cell: its visible text (whitespace collapsed), the English
/// original for bilingual editions, and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Cell {
    /// The visible text in the page's language: tags removed, entities
    /// decoded, whitespace collapsed to single spaces and trimmed. Empty for
    /// an empty cell.
    pub text: Str,
    /// Bilingual editions only: the English text of the cell, from its
    /// `<span class="sxs-lookup">`. The parser types a cell from it when the
    /// translation is not understood.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub original: Option<Str>,
    /// 1-based line of the cell's `<td>` tag in the file.
    pub line: u32,
}

/// Server role named at the start of the first column (`Access/…`, `A/V/…`):
/// which Edge service the rule belongs to.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Role {
    /// `Access` (Chinese `访问`): the Access Edge service, SIP signalling for
    /// remote users, federation and public IM, and the Edge's own DNS and
    /// certificate revocation lookups.
    Access,
    /// `A/V` or `Audio/Video`: the A/V Edge service, media (RTP) and its
    /// STUN/MSTURN relay negotiation.
    AudioVideo,
    /// `Web Conferencing` (Chinese `Web 会议`): the Web Conferencing Edge
    /// service, meeting content over PSOM.
    WebConferencing,
    /// A first segment no vocabulary knows, followed by known protocols
    /// (`Relay` in `Relay/SIP(TLS)/TCP/443`), as written; an
    /// `unrecognized_role` warning names it.
    Unrecognized(Str),
}

/// Application protocol, or the TLS/MTLS security layer it runs over, as
/// named in the first column. Matching is case-insensitive.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Protocol {
    /// `SIP`: Session Initiation Protocol, the signalling of IM, presence,
    /// conferences and calls (443 for clients, 5061 between servers, 5062
    /// for A/V authentication).
    Sip,
    /// `PSOM`: Persistent Shared Object Model, web conferencing content (443
    /// outside, 8057 inside).
    Psom,
    /// `XMPP`: Extensible Messaging and Presence Protocol, federation with
    /// XMPP partners (5269 outside, 23456 to the XMPP gateway inside).
    Xmpp,
    /// `HTTP`: certificate revocation list downloads, web service requests
    /// (80, 8080).
    Http,
    /// `HTTPS`: web services, and Central Management store replication to
    /// the Edge (443, 4443).
    Https,
    /// `DNS`: name resolution by the Edge (53, over TCP and UDP).
    Dns,
    /// `RTP` (also `RTCP`): audio and video media (50,000-59,999).
    Rtp,
    /// `SRTP`: Secure RTP.
    Srtp,
    /// `STUN`: Session Traversal Utilities for NAT, negotiating media
    /// candidates with the A/V Edge (3478 UDP, 443 TCP).
    Stun,
    /// `MSTURN` (also `MS-TURN`): Microsoft's TURN, relaying media through
    /// the A/V Edge; listed together with STUN.
    Msturn,
    /// `TURN`: Traversal Using Relays around NAT.
    Turn,
    /// `RDP`: Remote Desktop Protocol.
    Rdp,
    /// `TLS`: the connection is encrypted with Transport Layer Security
    /// (`SIP(TLS)`, `PSOM(TLS)`); listed as a protocol of its own.
    Tls,
    /// `MTLS`: mutual TLS, both ends present certificates (`SIP(MTLS)`
    /// between servers, `MTLS/TCP/50001`); listed as a protocol of its own.
    Mtls,
    /// A protocol name no vocabulary knows, in upper case (`QUUX`); an
    /// `unrecognized_protocol` warning names it.
    Unrecognized(Str),
}

/// The transport protocol to open: the `TCP or UDP` part of the first
/// column. A flow over both transports takes two rows (`Access/DNS/TCP/53`
/// and `Access/DNS/UDP/53`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Transport {
    /// TCP (written `TCP`, or inferred from TLS, MTLS, HTTP, HTTPS or PSOM).
    Tcp,
    /// UDP (written `UDP`).
    Udp,
}

/// An inclusive port range, `1 <= first <= last <= 65535`. A single port has
/// `first == last`. Construct with [`PortRange::new`], which enforces this.
///
/// Ordered by `first`, then `last`. Displays as `443` or `50000-59999` (no
/// digit grouping).
///
/// The fields are private so that the invariant holds for every value:
/// [`PortRange::new`] and [`PortRange::single`] check it, reading JSON checks
/// it (an invalid range is a deserialization error), and the baked data is
/// checked when it is compiled ([`PortRange::new_const`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, schemars::JsonSchema))]
pub struct PortRange {
    /// The lowest port of the range, 1 to 65535.
    first: u16,
    /// The highest port, inclusive; equal to `first` for a single port.
    last: u16,
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PortRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PortRange, D::Error> {
        // The same shape as the serialized form, checked like `new`.
        #[derive(serde::Deserialize)]
        struct Raw {
            first: u32,
            last: u32,
        }
        let raw = Raw::deserialize(d)?;
        PortRange::new(raw.first, raw.last).map_err(|e| {
            serde::de::Error::custom(match e {
                PortRangeError::OutOfRange(p) => format!("port {p} is out of range 1-65535"),
                PortRangeError::Reversed { first, last } => {
                    format!("range {first}-{last} runs backwards")
                }
            })
        })
    }
}

/// Why [`PortRange::new`] refused a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortRangeError {
    /// A port that is 0 or above 65535 (the number given).
    OutOfRange(u32),
    /// `first > last`, as in `59,999-50,000`.
    Reversed {
        /// The first port given, above `last`.
        first: u16,
        /// The last port given, below `first`.
        last: u16,
    },
}

impl PortRange {
    /// A validated range from `first` to `last` inclusive. Takes `u32` so
    /// that out-of-range numbers read from a page can be reported.
    ///
    /// # Errors
    ///
    /// [`PortRangeError::OutOfRange`] when either port is 0 or above 65535
    /// (checked first), [`PortRangeError::Reversed`] when `first > last`.
    ///
    /// ```
    /// use portmatrix_model::{PortRange, PortRangeError};
    /// assert_eq!(PortRange::new(50000, 59999).unwrap().len(), 10000);
    /// assert_eq!(PortRange::new(0, 1), Err(PortRangeError::OutOfRange(0)));
    /// assert!(PortRange::new(99999, 99999).is_err());
    /// assert!(matches!(PortRange::new(59999, 50000), Err(PortRangeError::Reversed { .. })));
    /// ```
    pub fn new(first: u32, last: u32) -> Result<PortRange, PortRangeError> {
        for p in [first, last] {
            if !(1..=65535).contains(&p) {
                return Err(PortRangeError::OutOfRange(p));
            }
        }
        let (first, last) = (first as u16, last as u16);
        if first > last {
            return Err(PortRangeError::Reversed { first, last });
        }
        Ok(PortRange { first, last })
    }

    /// A range checked at compile time when used in a constant or a static
    /// (the baked data): it panics when `first` is 0 or above `last`.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// const RTP: PortRange = PortRange::new_const(50000, 59999);
    /// assert_eq!(RTP.len(), 10000);
    /// ```
    pub const fn new_const(first: u16, last: u16) -> PortRange {
        assert!(first >= 1 && first <= last, "invalid port range");
        PortRange { first, last }
    }

    /// The lowest port of the range.
    pub const fn first(&self) -> u16 {
        self.first
    }

    /// The highest port of the range (the same as [`first`](Self::first)
    /// for a single port).
    pub const fn last(&self) -> u16 {
        self.last
    }

    /// A single port (`first == last`); `None` for port 0.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// let sip = PortRange::single(5061).unwrap();
    /// assert_eq!((sip.first(), sip.last()), (5061, 5061));
    /// assert_eq!(sip.to_string(), "5061");
    /// assert_eq!(PortRange::single(0), None);
    /// ```
    pub fn single(port: u16) -> Option<PortRange> {
        PortRange::new(port as u32, port as u32).ok()
    }

    /// Whether `port` is in the range, ends included.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// let media = PortRange::new(50000, 59999).unwrap();
    /// assert_eq!(media.to_string(), "50000-59999");
    /// assert!(media.contains(50000) && media.contains(59999));
    /// assert!(!media.contains(3478));
    /// ```
    pub fn contains(&self, port: u16) -> bool {
        self.first <= port && port <= self.last
    }

    /// Whether the two ranges share at least one port: what makes two rules
    /// on the same transport compete for the same ports.
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// let media = PortRange::new(50000, 59999).unwrap();
    /// assert!(media.overlaps(&PortRange::new(59999, 60010).unwrap()));
    /// assert!(media.overlaps(&PortRange::single(50001).unwrap()));
    /// assert!(!media.overlaps(&PortRange::new(60000, 60010).unwrap()));
    /// ```
    pub fn overlaps(&self, other: &PortRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Whether the range is one port (`first == last`).
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// assert!(PortRange::single(443).unwrap().is_single());
    /// assert!(!PortRange::new(50000, 59999).unwrap().is_single());
    /// ```
    pub fn is_single(&self) -> bool {
        self.first == self.last
    }

    /// Number of ports in the range (at least 1, at most 65535).
    ///
    /// ```
    /// use portmatrix_model::PortRange;
    /// assert_eq!(PortRange::single(443).unwrap().len(), 1);
    /// assert_eq!(PortRange::new(1, 65535).unwrap().len(), 65535);
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u32 {
        (self.last - self.first) as u32 + 1
    }
}

impl std::fmt::Display for PortRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

/// A typed source or destination. The same endpoint has the same `kind`,
/// `address` and `candidates` in every locale; only `text` is the page's words.
///
/// A cell names one thing (`Edge Server Access Edge service public IP
/// address`: kind [`EndpointKind::AccessEdge`], address
/// [`Address::PublicIp`]), anything (`Any`), anything narrowed to a list
/// (`Any (can be defined as Front End Server address, or Front End pool IP
/// address …)`: kind `Any` with `candidates`), or a list (`Front End Server,
/// Front End pool, Director, Director pool`: kind [`EndpointKind::OneOf`]).
/// [`Endpoint::kinds`] covers all of these.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Endpoint {
    /// What the cell names: a part of a server, a server or pool, a group of
    /// clients or partners, [`Any`](EndpointKind::Any), or
    /// [`OneOf`](EndpointKind::OneOf) a list.
    pub kind: EndpointKind,
    /// Which address of that thing the cell names; always
    /// [`Address::Unspecified`] for `Any` and `OneOf` (their candidates carry
    /// their own).
    pub address: Address,
    /// For `any` ("Any (can be defined as X, Y)") and `one_of` ("X, Y or Z"):
    /// the named candidates, sorted and without duplicates. Empty for a bare
    /// `Any` and for every other kind.
    pub candidates: List<Candidate>,
    /// For `kind == unrecognized`: the phrase the vocabulary did not know, as
    /// written; an `unrecognized_endpoint` warning names it. Unknown
    /// candidates carry their own [`Candidate::unrecognized`].
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub unrecognized: Option<Str>,
    /// The cell's wording in the page's language, trimmed (`任意`, `Edge
    /// Server Access Edge service public IP address`): for display, not for
    /// comparison.
    pub text: Str,
}

/// One named alternative of an `any`/`one_of` endpoint: `Front End pool IP
/// address` in `Any (can be defined as Front End Server address, or Front End
/// pool IP address)`. Ordered by kind, then address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Candidate {
    /// What the alternative names ([`EndpointKind::FrontEndPool`]).
    pub kind: EndpointKind,
    /// Which of its addresses ([`Address::Ip`] for `IP address`).
    pub address: Address,
    /// For `kind == unrecognized`: the phrase, in the parser's normalized
    /// form (lower case, compatibility characters folded).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub unrecognized: Option<Str>,
}

/// The things a firewall rule can name as source or destination. The quoted
/// phrases are English wordings of the corpus; each locale has its own.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum EndpointKind {
    /// Any address ("Any"), possibly narrowed by `candidates` ("Any (can be
    /// defined as …)"). On the outside this is the Internet.
    Any,
    /// One of the `candidates` ("Front End Server, Front End pool, Director,
    /// Director pool").
    OneOf,
    /// The Edge Server as a whole ("Edge Server").
    EdgeServer,
    /// Edge Server: Access Edge service, external ("Edge Server Access Edge
    /// service public IP address").
    AccessEdge,
    /// Edge Server: Web Conferencing Edge service, external ("Edge Server
    /// Web Conferencing Edge service public IP address").
    WebConferencingEdge,
    /// Edge Server: A/V Edge service, external ("Edge Server A/V Edge service
    /// public IP address").
    AvEdge,
    /// Edge Server: XMPP Proxy service, external; shares the Access Edge
    /// address ("XMPP Proxy service (shares IP address with Access Edge
    /// service)").
    XmppProxy,
    /// Edge Server internal interface ("Edge Server internal interface",
    /// "internal VIP interface").
    EdgeInternal,
    /// A Director ("Director").
    Director,
    /// A Director pool ("Director pool IP address").
    DirectorPool,
    /// The web services of the Director ("Director web services").
    DirectorWebServices,
    /// A Front End Server ("Front End Server IP address").
    FrontEndServer,
    /// A Front End pool ("Front End pool IP address").
    FrontEndPool,
    /// Front End Server web services ("Front End Server web services").
    FrontEndWebServices,
    /// A Standard Edition server ("Standard Edition server").
    StandardEditionServer,
    /// A pool not further named ("pool").
    Pool,
    /// The pool that holds the Central Management store, which replicates
    /// configuration to the Edge over HTTPS 4443.
    CentralManagementStorePool,
    /// A Survivable Branch Appliance that uses this Edge Server.
    SurvivableBranchAppliance,
    /// A Survivable Branch Server that uses this Edge Server.
    SurvivableBranchServer,
    /// Office Web Apps Server, for conferencing ("Office Web Apps for
    /// conferencing").
    OfficeWebApps,
    /// The reverse proxy's internal interface ("Internal reverse proxy
    /// interface").
    ReverseProxyInternal,
    /// The reverse proxy's external side ("Reverse proxy listener", "reverse
    /// proxy external interface").
    ReverseProxyExternal,
    /// Lync clients in general ("Clients").
    Clients,
    /// Clients on the internal network ("Internal Clients").
    InternalClients,
    /// Windows Live Messenger clients, reached through public IM
    /// connectivity ("Live Messenger clients").
    LiveMessengerClients,
    /// Public IM connectivity partners ("Public IM connectivity partners").
    PublicImPartners,
    /// SIP federated partners ("Federated partner").
    FederatedPartners,
    /// A phrase the vocabulary does not know; see `unrecognized`.
    Unrecognized,
}

/// Which address of the endpoint the cell names: the words after the
/// endpoint's name. What to put in a rule's address field depends on it (a
/// public address, an interface address, a load balancer's virtual IP).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Address {
    /// The cell names the service or host, no address.
    Unspecified,
    /// "IP", "IP address", "address".
    Ip,
    /// "public IP address".
    PublicIp,
    /// "interface IP address": the address of the server's network interface
    /// itself, as opposed to a public or virtual address.
    InterfaceIp,
    /// "VIP", "virtual IP", "hardware load balancer VIP": the address of a
    /// load balancer in front of a pool.
    VirtualIp,
    /// "public VIP address".
    PublicVirtualIp,
}

impl EndpointKind {
    /// The server an endpoint belongs to, if it is a part of one of the servers
    /// the port pages describe. Front End servers, pools, clients and
    /// partners belong to none.
    ///
    /// ```
    /// use portmatrix_model::{EndpointKind, Server};
    /// assert_eq!(EndpointKind::AvEdge.server(), Some(Server::EdgeServer));
    /// assert_eq!(EndpointKind::DirectorPool.server(), Some(Server::Director));
    /// assert_eq!(EndpointKind::FrontEndPool.server(), None);
    /// ```
    pub fn server(self) -> Option<Server> {
        use EndpointKind::*;
        match self {
            EdgeServer | AccessEdge | WebConferencingEdge | AvEdge | XmppProxy | EdgeInternal => {
                Some(Server::EdgeServer)
            }
            ReverseProxyInternal | ReverseProxyExternal => Some(Server::ReverseProxy),
            Director | DirectorPool | DirectorWebServices => Some(Server::Director),
            _ => None,
        }
    }

    /// Whether the endpoint is on the Edge Server's external side: the Access,
    /// Web Conferencing and A/V Edge services and the XMPP Proxy (not the
    /// Edge Server as a whole, which has both sides).
    pub fn is_edge_external(self) -> bool {
        use EndpointKind::*;
        matches!(self, AccessEdge | WebConferencingEdge | AvEdge | XmppProxy)
    }
}

impl Endpoint {
    /// Every kind this endpoint may stand for: its own kind first, then its
    /// candidates' (in their sorted order).
    ///
    /// ```
    /// use portmatrix_model::{Address, EndpointKind::*};
    /// let m = portmatrix::embedded();
    /// // Source `任意（可以定义为 控制器、 控制器池 IP 地址、 前端服务器或 前端池 IP 地址）`:
    /// // "Any (can be defined as Director, Director pool IP address, Front End
    /// // Server or Front End pool IP address)".
    /// let rule = &m.pages[0].tables[1].rules[1];
    /// assert_eq!(rule.cells.spec.text, "SIP/MTLS/TCP/5061");
    /// let source = &rule.source;
    /// assert!(source.is_any());
    /// assert_eq!(
    ///     source.kinds().collect::<Vec<_>>(),
    ///     [Any, Director, DirectorPool, FrontEndServer, FrontEndPool]
    /// );
    /// assert_eq!(source.candidates[1].address, Address::Ip);
    /// ```
    pub fn kinds(&self) -> impl Iterator<Item = EndpointKind> + '_ {
        std::iter::once(self.kind).chain(self.candidates.iter().map(|c| c.kind))
    }

    /// Whether the cell says "Any", with or without candidates.
    pub fn is_any(&self) -> bool {
        self.kind == EndpointKind::Any
    }

    /// The typed value without the wording: equal across locales. The
    /// tuple is (`kind`, `address`, `candidates`, `unrecognized`).
    pub fn typed(&self) -> (EndpointKind, Address, &[Candidate], Option<&str>) {
        (
            self.kind,
            self.address,
            &self.candidates,
            self.unrecognized.as_deref(),
        )
    }
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
            Unclassified => None,
        }
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

impl Rule {
    /// Direction relative to the server the table describes: into it when the
    /// destination is a part of that server, out of it when the source is.
    /// [`Direction::Unknown`] when neither or both ends are, or when the
    /// table kind has no server ([`TableKind::Unclassified`]). Pass the kind
    /// of the table the rule is in, or use
    /// [`RuleRef::direction`](query::RuleRef::direction).
    ///
    /// ```
    /// use portmatrix_model::{Direction, TableKind};
    /// let m = portmatrix::embedded();
    /// let table = &m.pages[0].tables[0]; // Edge external interface
    ///
    /// // `访问/DNS/UDP/53`: the Access Edge resolves names on the Internet.
    /// let dns = &table.rules[3];
    /// assert_eq!(dns.cells.spec.text, "访问/DNS/UDP/53");
    /// assert_eq!(dns.direction(table.kind), Direction::Outbound);
    ///
    /// // `访问/SIP(TLS)/TCP/443`: remote clients reach the Access Edge.
    /// let sip = &table.rules[4];
    /// assert_eq!(sip.direction(table.kind), Direction::Inbound);
    ///
    /// // Read as a reverse proxy rule, neither end is the server.
    /// assert_eq!(sip.direction(TableKind::ReverseProxyExternal), Direction::Unknown);
    /// assert_eq!(sip.direction(TableKind::Unclassified), Direction::Unknown);
    /// ```
    pub fn direction(&self, kind: TableKind) -> Direction {
        let Some(server) = kind.server() else {
            return Direction::Unknown;
        };
        let is_local = |e: &Endpoint| e.kind.server() == Some(server);
        match (is_local(&self.source), is_local(&self.destination)) {
            (false, true) => Direction::Inbound,
            (true, false) => Direction::Outbound,
            _ => Direction::Unknown,
        }
    }

    /// The typed content of a rule without wording, notes and lines: what must
    /// be equal across locales. Rules with equal `typed()` open the same
    /// flow.
    ///
    /// ```
    /// let m = portmatrix::embedded();
    /// let page = &m.pages[0];
    /// // `访问/SIP(MTLS)/TCP/5061` out of the Access Edge, in the external
    /// // interface table and again in the federation summary, worded
    /// // differently ("Edge Server Access Edge service public IP address" and
    /// // "Access Edge service public IP address").
    /// let external = &page.tables[0].rules[6];
    /// let federation = &page.tables[2].rules[0];
    /// assert_eq!(external.source.text, "边缘服务器访问边缘服务公用 IP 地址");
    /// assert_eq!(federation.source.text, "访问边缘服务公用 IP 地址");
    /// assert_eq!(external.typed(), federation.typed());
    /// assert_ne!(external, federation); // lines and wording differ
    /// ```
    pub fn typed(&self) -> TypedRule<'_> {
        TypedRule {
            role: self.role.as_ref(),
            protocols: &self.protocols,
            transport: self.transport,
            ports: self.ports,
            source: self.source.typed(),
            destination: self.destination.typed(),
        }
    }
}

/// A rule's typed values only, borrowed from the [`Rule`]; see
/// [`Rule::typed`]. Compare two of them to tell whether two rows (of two
/// editions, or of two tables) open the same flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedRule<'a> {
    /// [`Rule::role`].
    pub role: Option<&'a Role>,
    /// [`Rule::protocols`].
    pub protocols: &'a [Protocol],
    /// [`Rule::transport`] (whether written or inferred).
    pub transport: Transport,
    /// [`Rule::ports`].
    pub ports: PortRange,
    /// [`Rule::source`] as [`Endpoint::typed`]: (kind, address, candidates,
    /// unrecognized phrase).
    pub source: (EndpointKind, Address, &'a [Candidate], Option<&'a str>),
    /// [`Rule::destination`] as [`Endpoint::typed`].
    pub destination: (EndpointKind, Address, &'a [Candidate], Option<&'a str>),
}
