//! What the port tables other than the four-column port summary add to a
//! rule: the meaning of each column (`Column`, `ColumnCell`), how a port
//! cell names its ports (`PortScope`, `SourcePorts`) and the IPsec
//! authentication requirement (`Authentication`).
//!
//! Every layout of the corpus is read into the one [`Rule`](crate::Rule):
//! a port summary row (`Role/Protocol/TCP or UDP/Port | Source | Destination
//! | Notes`) fills the four [`RowCells`](crate::RowCells); an internal
//! servers row (`Server role | Service name | Port | Protocol | Notes`) fills
//! them too (the server role is the destination, the port cell is the
//! `spec`) and keeps its other cells in `RowCells::other` with their column.
//! Columns are recognised by what they mean, not by the page they are on,
//! so the same code reads `Port | Protocol` in any order and any locale.

use crate::ports::PortRange;
use crate::rule::Cell;
use crate::text::Str;

/// What a table column holds, recognised from the header words of the
/// page's locale (or of its English original) and confirmed by the cells.
/// [`Table::columns`](crate::Table::columns) lists them in header order.
///
/// ```
/// use portmatrix_model::Column;
/// // The summary's first column gives the ports; so do `Port`,
/// // `Destination port` and `Protocol / Port`.
/// assert!(Column::Spec.gives_ports());
/// assert!(Column::DestinationPort.gives_ports());
/// assert!(!Column::SourcePort.gives_ports());
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Column {
    /// The port summary's first column, `Role/Protocol/TCP or UDP/Port`
    /// (`Access/SIP(TLS)/TCP/443`): role, protocols, transport and port in
    /// one cell.
    Spec,
    /// `Source IP address`, `Source IP`: where the connection comes from.
    Source,
    /// `Destination IP address`, `Destination IP`: the side that listens.
    Destination,
    /// `Notes`, `Comments`: what the flow is for.
    Notes,
    /// `Server role` (internal servers): the servers that listen on the port;
    /// read as the rule's destination.
    ServerRole,
    /// `Service name`: the service that listens (`Lync Server Front-End
    /// service`); kept as written in [`Rule::service`](crate::Rule::service).
    Service,
    /// `Port`: the port or ports alone (`5061`, `57501-65535`, `67/68`,
    /// `Statically defined`).
    Port,
    /// `Protocol`: transport and application protocols (`TCP (TLS)`,
    /// `HTTPS`, `TCP/UDP`, `DCOM and remote procedure call (RPC)`).
    Protocol,
    /// `Load Balancer`: the hardware load balancer whose virtual IP receives
    /// the port; read as the rule's destination.
    LoadBalancer,
    /// `Component` (client ports): the client or device that uses the
    /// port; read as the rule's source, the table names no other end.
    Component,
    /// `Rule name` (IPsec exceptions), kept in
    /// [`Rule::name`](crate::Rule::name).
    RuleName,
    /// `Source port`: the ports on the source side (`Any`, `TCP
    /// 50,000-59,999`, `Specified media port range`).
    SourcePort,
    /// `Destination port`: the ports on the destination side, with or
    /// without the transport (`TCP 443`, `Any`).
    DestinationPort,
    /// `Authentication requirement` (IPsec exceptions): see
    /// [`Authentication`].
    Authentication,
    /// `Direction` (`Inbound`, `Inbound to SQL Server`): see
    /// [`Rule::stated_direction`](crate::Rule::stated_direction).
    Direction,
    /// `Protocol / Port` (hybrid deployments): transport or protocol and
    /// port in one cell (`TCP 443`, `STUN/UDP 3478`, `TCP 80 and 443`).
    ProtocolPort,
    /// `Applications` (hybrid deployments): what the port is opened for;
    /// read as the rule's note.
    Applications,
    /// A header no vocabulary knows. The cells of the column are kept in
    /// [`RowCells::other`](crate::RowCells::other) and a diagnostic names
    /// the header.
    Unrecognized,
}

impl Column {
    /// Whether the column gives the rule's (destination) ports.
    pub fn gives_ports(self) -> bool {
        matches!(
            self,
            Column::Spec | Column::Port | Column::DestinationPort | Column::ProtocolPort
        )
    }

    /// Which of the four [`RowCells`](crate::RowCells) fields holds this
    /// column's cell, when one does: ports → `spec`, source and component →
    /// `source`, destination, server role and load balancer →
    /// `destination`, notes and applications → `note`. Every other column
    /// is in [`RowCells::other`](crate::RowCells::other).
    pub fn field(self) -> Option<CellField> {
        Some(match self {
            Column::Spec | Column::Port | Column::DestinationPort | Column::ProtocolPort => {
                CellField::Spec
            }
            Column::Source | Column::Component => CellField::Source,
            Column::Destination | Column::ServerRole | Column::LoadBalancer => {
                CellField::Destination
            }
            Column::Notes | Column::Applications => CellField::Note,
            _ => return None,
        })
    }
}

/// One of the four named cells of [`RowCells`](crate::RowCells); see
/// [`Column::field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellField {
    /// `RowCells::spec`: the cell the ports were read from.
    Spec,
    /// `RowCells::source`.
    Source,
    /// `RowCells::destination`.
    Destination,
    /// `RowCells::note`.
    Note,
}

/// A cell of a column that is none of the four named cells of
/// [`RowCells`](crate::RowCells) (a service name, a protocol column, a
/// source port, an authentication requirement, a header no vocabulary
/// knows), with what its column means.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct ColumnCell {
    /// What the column holds.
    pub column: Column,
    /// The cell as written.
    pub cell: Cell,
}

/// How a port cell names its ports. Port summary rows always list numbers;
/// the IPsec and SQL Server tables also say "any port" and "a port you
/// configure".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PortScope {
    /// The port or range is written as numbers (`443`, `50,000-59,999`).
    #[default]
    Listed,
    /// Any port (`Any`): the range is 1-65535.
    Any,
    /// A port the administrator chooses (`Statically defined`, `Specified
    /// media port range`): the range is 1-65535, the widest the choice can
    /// be. A firewall for a deployment opens the configured port, not the
    /// range: exports leave such a rule out and say so.
    Configured,
}

impl PortScope {
    /// True for [`PortScope::Listed`], the default (used to leave the field
    /// out of the JSON of port summary rules).
    pub fn is_listed(&self) -> bool {
        *self == PortScope::Listed
    }
}

/// The source side's ports, for tables that give them (IPsec exceptions,
/// the A/V firewall requirements): `TCP 50,000-59,999`, `Any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
pub struct SourcePorts {
    /// The range (1-65535 unless `scope` is [`PortScope::Listed`]).
    pub ports: PortRange,
    /// Whether the range was written, or said "any" or "configured".
    pub scope: PortScope,
}

/// The IPsec authentication requirement of an exception rule.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
)]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Authentication {
    /// `Do not authenticate`: the traffic is exempt from IPsec
    /// authentication (media and the servers that relay it).
    NotRequired,
    /// `Require authentication` (or request it).
    Required,
    /// Wording no vocabulary knows, as written; a diagnostic names it.
    Unrecognized(Str),
}

/// The full range 1-65535, for [`PortScope::Any`] and
/// [`PortScope::Configured`].
pub const ALL_PORTS: PortRange = PortRange::new_const(1, 65535);
