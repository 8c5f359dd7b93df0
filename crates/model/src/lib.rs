//! The typed port matrix: what every stage after the parser works on.
//!
//! Strings and lists are `Cow<'static, _>` so that one set of types serves both
//! the data baked into the crate at build time (borrowed, `static`, no parsing at
//! run time) and pages parsed at run time (owned). This is the trick ICU4X's
//! baked data providers use: one type, two lifetimes of storage.
//!
//! Past this module nothing is stringly typed: roles, protocols, transports,
//! ports, endpoints and table kinds are enums; what the grammars do not know is
//! kept as a typed `Unrecognized` value together with a diagnostic.

pub mod diag;
pub mod query;
mod text;

use crate::diag::Diagnostic;
pub use crate::text::{List, Str};

/// Everything parsed from one or more docs trees, pages in a stable order
/// (sorted by path), plus every diagnostic the parser produced.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Matrix {
    pub pages: List<Page>,
    pub diagnostics: List<Diagnostic>,
}

/// One TechNet page (one markdown file) in one locale.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Page {
    /// `ms:assetid`: the same for every locale of a page.
    pub asset_id: Str,
    /// BCP 47 tag (`zh-CN`, `en-US`), from `ms.contentlocale`, else the locale
    /// in `ms:mtpsurl`, else the folder name.
    pub locale: Str,
    /// Where the locale was taken from.
    pub locale_source: LocaleSource,
    /// Path of the file, relative to the docs tree it was found in, with `/`.
    pub path: Str,
    pub title: Str,
    pub toc_title: Option<Str>,
    pub mtps_url: Option<Str>,
    pub date: Option<Str>,
    pub translation_type: Option<Str>,
    /// Every markdown heading of the page in document order.
    pub headings: List<Heading>,
    /// The port tables of the page in document order.
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
    ContentLocale,
    MtpsUrl,
    Folder,
    Unknown,
}

/// A markdown heading. `original` is the English source text that the
/// machine-translated "bilingual" editions embed in `<span class="sxs-lookup">`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Heading {
    pub level: u8,
    pub text: Str,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub original: Option<Str>,
    pub line: u32,
}

/// One port table: its kind, the heading standing above it, and its rules in
/// document order.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Table {
    pub kind: TableKind,
    /// Whether `kind` was read from the heading or, when the heading says
    /// nothing we know, inferred from the rows.
    pub kind_source: KindSource,
    /// The heading that stands above the table, if any.
    pub heading: Option<Heading>,
    /// Line of the `<table>` tag.
    pub line: u32,
    /// Whether the first column carried a role ("Role/Protocol/…") or not.
    pub has_role_column: bool,
    pub rules: List<Rule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum KindSource {
    Heading,
    Rows,
}

/// What a port table describes. Derived from the heading (per-locale keyword
/// vocabulary), or from the rows when the heading is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TableKind {
    /// Edge Server external interface (per node).
    ExternalInterface,
    /// Edge Server internal interface (per node).
    InternalInterface,
    /// Hardware load balancer pages: the external virtual IPs.
    ExternalVirtualIps,
    /// Hardware load balancer pages: the internal virtual IPs.
    InternalVirtualIps,
    /// SIP federation summary.
    Federation,
    /// Public instant messaging connectivity summary.
    PublicImConnectivity,
    /// XMPP federation summary.
    Xmpp,
    ReverseProxyExternal,
    ReverseProxyInternal,
    /// Director (single or pool) firewall definitions.
    Director,
    /// Neither heading nor rows tell; a diagnostic says so.
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
    EdgeServer,
    ReverseProxy,
    Director,
}

/// Direction of a rule relative to the server its table describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    Inbound,
    Outbound,
    /// Neither end (or both ends) is the described server.
    Unknown,
}

/// One row of a port table, typed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Rule {
    /// Line of the row's `<tr>`.
    pub line: u32,
    pub role: Option<Role>,
    /// Application protocols in the cell's order; `tls`/`mtls` are listed as
    /// protocols of their own, so `SIP(MTLS)` and `SIP/MTLS` are equal.
    pub protocols: List<Protocol>,
    pub transport: Transport,
    /// True when the cell named no transport and TCP was inferred (TLS/MTLS).
    pub transport_inferred: bool,
    pub ports: PortRange,
    pub source: Endpoint,
    pub destination: Endpoint,
    /// The notes column, in the page's language.
    pub note: Str,
    /// The four cells as written, with their lines.
    pub cells: RowCells,
}

/// The raw cells of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct RowCells {
    pub spec: Cell,
    pub source: Cell,
    pub destination: Cell,
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
    pub text: Str,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub original: Option<Str>,
    pub line: u32,
}

/// Server role named at the start of the first column (`Access/…`, `A/V/…`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Role {
    Access,
    AudioVideo,
    WebConferencing,
    Unrecognized(Str),
}

/// Application protocol, or the TLS/MTLS security layer it runs over.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Protocol {
    Sip,
    Psom,
    Xmpp,
    Http,
    Https,
    Dns,
    Rtp,
    Srtp,
    Stun,
    Msturn,
    Turn,
    Rdp,
    Tls,
    Mtls,
    Unrecognized(Str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Transport {
    Tcp,
    Udp,
}

/// An inclusive port range, `1 <= first <= last <= 65535`. A single port has
/// `first == last`. Construct with [`PortRange::new`], which enforces this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct PortRange {
    pub first: u16,
    pub last: u16,
}

/// Why a port range was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortRangeError {
    /// Zero or above 65535.
    OutOfRange(u32),
    /// `first > last`.
    Reversed { first: u16, last: u16 },
}

impl PortRange {
    /// A validated range.
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

    /// A single port.
    pub fn single(port: u16) -> Option<PortRange> {
        PortRange::new(port as u32, port as u32).ok()
    }

    pub fn contains(&self, port: u16) -> bool {
        self.first <= port && port <= self.last
    }

    pub fn overlaps(&self, other: &PortRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    pub fn is_single(&self) -> bool {
        self.first == self.last
    }

    /// Number of ports in the range (at least 1).
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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Endpoint {
    pub kind: EndpointKind,
    pub address: Address,
    /// For `any` ("Any (can be defined as X, Y)") and `one_of` ("X, Y or Z"):
    /// the named candidates, sorted and without duplicates.
    pub candidates: List<Candidate>,
    /// For `kind == unrecognized`: the phrase the vocabulary did not know.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub unrecognized: Option<Str>,
    /// The cell's wording.
    pub text: Str,
}

/// One named alternative of an `any`/`one_of` endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct Candidate {
    pub kind: EndpointKind,
    pub address: Address,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub unrecognized: Option<Str>,
}

/// The things a firewall rule can name as source or destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum EndpointKind {
    /// Any address (possibly narrowed by `candidates`).
    Any,
    /// One of the `candidates`.
    OneOf,
    /// The Edge Server as a whole.
    EdgeServer,
    /// Edge Server: Access Edge service (external).
    AccessEdge,
    /// Edge Server: Web Conferencing Edge service (external).
    WebConferencingEdge,
    /// Edge Server: A/V Edge service (external).
    AvEdge,
    /// Edge Server: XMPP Proxy service (shares the Access Edge address).
    XmppProxy,
    /// Edge Server internal interface.
    EdgeInternal,
    Director,
    DirectorPool,
    DirectorWebServices,
    FrontEndServer,
    FrontEndPool,
    /// Front End Server web services.
    FrontEndWebServices,
    StandardEditionServer,
    /// A pool not further named.
    Pool,
    /// The pool that holds the Central Management store.
    CentralManagementStorePool,
    SurvivableBranchAppliance,
    SurvivableBranchServer,
    OfficeWebApps,
    ReverseProxyInternal,
    ReverseProxyExternal,
    Clients,
    InternalClients,
    LiveMessengerClients,
    PublicImPartners,
    FederatedPartners,
    /// A phrase the vocabulary does not know; see `unrecognized`.
    Unrecognized,
}

/// Which address of the endpoint the cell names.
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
    /// "interface IP address".
    InterfaceIp,
    /// "VIP", "virtual IP", "hardware load balancer VIP".
    VirtualIp,
    /// "public VIP address".
    PublicVirtualIp,
}

impl EndpointKind {
    /// The server an endpoint belongs to, if it is a part of one of the servers
    /// the port pages describe.
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

    /// Whether the endpoint is on the Edge Server's external side.
    pub fn is_edge_external(self) -> bool {
        use EndpointKind::*;
        matches!(self, AccessEdge | WebConferencingEdge | AvEdge | XmppProxy)
    }
}

impl Endpoint {
    /// Every kind this endpoint may stand for: its own kind, or its candidates'.
    pub fn kinds(&self) -> impl Iterator<Item = EndpointKind> + '_ {
        std::iter::once(self.kind).chain(self.candidates.iter().map(|c| c.kind))
    }

    pub fn is_any(&self) -> bool {
        self.kind == EndpointKind::Any
    }

    /// The typed value without the wording: equal across locales.
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
    /// The server the table is written from.
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
    /// interface tables of the same page also open.
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
    /// be equal across locales.
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

/// A rule's typed values only; see [`Rule::typed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedRule<'a> {
    pub role: Option<&'a Role>,
    pub protocols: &'a [Protocol],
    pub transport: Transport,
    pub ports: PortRange,
    pub source: (EndpointKind, Address, &'a [Candidate], Option<&'a str>),
    pub destination: (EndpointKind, Address, &'a [Candidate], Option<&'a str>),
}
