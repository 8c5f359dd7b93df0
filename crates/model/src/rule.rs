//! Rules, one per table row: `Rule`, its cells (`RowCells`, `Cell`), `Role`, `Protocol`,
//! `Transport`, `Direction` and the borrowed `TypedRule`.

use crate::endpoint::{Address, Candidate, Endpoint, EndpointKind};
use crate::layout::{Authentication, CellField, Column, ColumnCell, PortScope, SourcePorts};
use crate::ports::PortRange;
#[cfg(doc)]
use crate::query;
use crate::table::TableKind;
use crate::text::{List, Str};

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
/// A rule has one transport and one port range, because a firewall rule
/// does: a row whose cells give several transports (`TCP/UDP`, `UDP and
/// TCP`) or several ports (`67/68`, `80 and 443`) becomes one rule per
/// transport and port item, each with the row's `line` and cells.
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
    /// The four cells as written, with their lines, and for layouts with
    /// more columns the other cells.
    pub cells: RowCells,
    /// Whether `ports` were written as numbers, or the cell said "any" or "a
    /// port you configure" (then `ports` is 1-65535). Always
    /// [`PortScope::Listed`] in port summary tables.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "PortScope::is_listed")
    )]
    pub port_scope: PortScope,
    /// The source side's ports, when the table has a `Source port` column
    /// (IPsec exceptions, A/V firewall requirements).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub source_ports: Option<SourcePorts>,
    /// The `Service name` cell (internal servers: `Lync Server Front-End
    /// service`), in the page's language; `None` without such a column or
    /// when the cell is empty.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub service: Option<Str>,
    /// The `Rule name` cell (IPsec exceptions: `A/V Edge Server Internal
    /// Inbound`), in the page's language.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<Str>,
    /// The IPsec authentication requirement (IPsec exceptions only).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub authentication: Option<Authentication>,
    /// The direction a `Direction` column states (SQL Server: `Inbound`,
    /// `Inbound to SQL Server`), relative to the server the page is about.
    /// [`Rule::direction`] is what the endpoints imply.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub stated_direction: Option<Direction>,
    /// Words of the port or protocol cell that type nothing but must not be
    /// lost: a parenthesised remark (`HTTPS (from reverse proxy)`), a
    /// trailing explanation (`TCP - Client and device retrieval of root
    /// certificate…`), a footnote mark (`1024-65535 *`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub remark: Option<Str>,
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
    /// The cells of the other columns of layouts with more than these four
    /// (service name, protocol, source port, rule name, authentication,
    /// direction, and headers no vocabulary knows), in header order. Empty
    /// for port summary rows.
    ///
    /// In those layouts `spec` is the cell the ports were read from (`Port`,
    /// `Destination port`, `Protocol / Port`), `source` and `destination`
    /// the endpoint cells (the server role, load balancer or component is
    /// one of them: see [`Column::field`]), `note` the notes or applications
    /// cell; a field the layout has no column for is an empty cell on the
    /// row's line.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "<[ColumnCell]>::is_empty")
    )]
    pub other: List<ColumnCell>,
}

impl RowCells {
    /// The cell of `column` in this row, wherever it is kept; `None` when the
    /// row's table has no such column. Render a row in its table's order with
    /// `table.columns.iter().filter_map(|c| rule.cells.get(*c))`.
    pub fn get(&self, column: Column) -> Option<&Cell> {
        if let Some(c) = self.other.iter().find(|c| c.column == column) {
            return Some(&c.cell);
        }
        Some(match column.field()? {
            CellField::Spec => &self.spec,
            CellField::Source => &self.source,
            CellField::Destination => &self.destination,
            CellField::Note => &self.note,
        })
    }
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
    /// `DHCP`: clients and phones find the Registrar and provisioning
    /// servers (67/68, over UDP).
    Dhcp,
    /// `RPC`: remote procedure call, through the endpoint mapper on TCP 135.
    Rpc,
    /// `DCOM`: Distributed COM, over RPC (TCP 135): moving users, address
    /// book and user replicator synchronisation.
    Dcom,
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

impl Protocol {
    /// The protocol a name stands for, case-insensitive (`sip`, `MS-TURN`,
    /// `rtcp`); `None` for a name that is no protocol. The one list of
    /// protocol names: the first-column grammar and the prose check both
    /// read it.
    ///
    /// ```
    /// use portmatrix_model::Protocol;
    /// assert_eq!(Protocol::from_name("ms-turn"), Some(Protocol::Msturn));
    /// assert_eq!(Protocol::from_name("RTCP"), Some(Protocol::Rtp));
    /// assert_eq!(Protocol::from_name("tcp"), None); // a transport
    /// ```
    pub fn from_name(name: &str) -> Option<Protocol> {
        Some(match name.to_ascii_lowercase().as_str() {
            "sip" => Protocol::Sip,
            "psom" => Protocol::Psom,
            "xmpp" => Protocol::Xmpp,
            "http" => Protocol::Http,
            "https" => Protocol::Https,
            "dns" => Protocol::Dns,
            "rtp" | "rtcp" => Protocol::Rtp,
            "srtp" => Protocol::Srtp,
            "stun" => Protocol::Stun,
            "msturn" | "ms-turn" => Protocol::Msturn,
            "turn" => Protocol::Turn,
            "rdp" => Protocol::Rdp,
            "tls" => Protocol::Tls,
            "mtls" => Protocol::Mtls,
            "dhcp" => Protocol::Dhcp,
            "rpc" => Protocol::Rpc,
            "dcom" => Protocol::Dcom,
            _ => return None,
        })
    }

    /// The only transport the protocol runs over, when there is one: TCP for
    /// TLS, MTLS, HTTP, HTTPS, PSOM, RPC and DCOM, UDP for DHCP. A cell that
    /// names no transport (`HTTPS`, `XMPP/MTLS/23456`) gets this one, and
    /// the rule is marked `transport_inferred`.
    pub fn only_transport(&self) -> Option<Transport> {
        use Protocol::*;
        match self {
            Tls | Mtls | Https | Http | Psom | Rpc | Dcom => Some(Transport::Tcp),
            Dhcp => Some(Transport::Udp),
            _ => None,
        }
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
            port_scope: self.port_scope,
            source_ports: self.source_ports,
            authentication: self.authentication.as_ref(),
            stated_direction: self.stated_direction,
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
    /// [`Rule::port_scope`].
    pub port_scope: PortScope,
    /// [`Rule::source_ports`].
    pub source_ports: Option<SourcePorts>,
    /// [`Rule::authentication`].
    pub authentication: Option<&'a Authentication>,
    /// [`Rule::stated_direction`].
    pub stated_direction: Option<Direction>,
}
