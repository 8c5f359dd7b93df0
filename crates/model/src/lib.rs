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
//! Texts are [`Str`] and lists [`List`] (`Cow<'static, [T]>`) so that one set
//! of types serves both the data baked into the crate at build time
//! (`static` literals, no parsing and no allocation at run time) and pages
//! parsed at run time (allocated). This is the trick ICU4X's baked data
//! providers use: one type, two lifetimes of storage. Read them through
//! `Deref` (`&str`, `&[T]`). A [`Str`] is one pointer, and its clones share
//! the text: the parser makes the equal texts of a tree one (a tree repeats
//! its endpoint cells, notes and rows on page after page).
//!
//! # Features
//!
//! - `serde`: `Serialize`, `Deserialize` and `schemars::JsonSchema` for every
//!   data type, that is all but the borrowed views [`TypedRule`] and
//!   [`query::RuleRef`] and the error [`PortRangeError`]. Enum names are
//!   snake_case; `None` originals, unrecognized phrases and diagnostic cells
//!   and expectations are left out. Without it the crate's one dependency
//!   is `arcstr` (the storage of [`Str`]).
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

mod endpoint;
mod layout;
mod page;
mod ports;
mod rule;
mod table;

#[cfg(doc)]
use crate::diag::Diagnostic;
pub use crate::endpoint::{Address, Candidate, Endpoint, EndpointKind};
pub use crate::layout::{
    ALL_PORTS, Authentication, CellField, Column, ColumnCell, PortScope, SourcePorts,
};
pub use crate::page::{Heading, LocaleSource, Matrix, Page, Paragraph};
pub use crate::ports::{PortRange, PortRangeError};
pub use crate::rule::{Cell, Direction, Protocol, Role, RowCells, Rule, Transport, TypedRule};
pub use crate::table::{KindSource, Server, Table, TableKind};
#[doc(hidden)]
pub use crate::text::__private;
pub use crate::text::{List, Str};
