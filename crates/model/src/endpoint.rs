//! Sources and destinations: `Endpoint`, `Candidate`, `EndpointKind` and `Address`.

use crate::table::Server;
use crate::text::{List, Str};

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
    /// No endpoint on this side: the table has no column for it (an
    /// internal server's port has no source, a client port no destination).
    /// The text is empty.
    Unspecified,
    /// `All servers`: every Lync Server server (the SQL Browser for the local
    /// Central Management store copy).
    AllServers,
    /// `All internal servers`: every server inside the perimeter that
    /// terminates audio.
    InternalServers,
    /// `Mediation Server` (or its pool): the gateway to the PSTN.
    MediationServer,
    /// `Persistent Chat Front End Server`.
    PersistentChatServer,
    /// `SQL Server`: the database server.
    SqlServer,
    /// `Exchange Unified Messaging`: voice mail.
    ExchangeUnifiedMessaging,
    /// `Application Sharing Servers`: Front End Servers running the
    /// Application Sharing service.
    ApplicationSharingServer,
    /// IP phones and other devices named by model (`Aastra 6721ip common
    /// area phone`, `Polycom CX500`).
    Devices,
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
            SqlServer => Some(Server::SqlServer),
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
    /// The endpoint of a side the table gives no column for
    /// ([`EndpointKind::Unspecified`], empty text).
    pub fn unspecified() -> Endpoint {
        Endpoint {
            kind: EndpointKind::Unspecified,
            address: Address::Unspecified,
            candidates: List::default(),
            unrecognized: None,
            text: Str::default(),
        }
    }

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
