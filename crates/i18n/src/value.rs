//! The typed values the TOML files name, and how they are spelled there.
//!
//! A vocabulary or names file writes a value as the model's serde name
//! (`access_edge`, `public_ip`): [`Value::key`] gives that name and
//! [`Value::all`] every value with its name, in declaration order. Each
//! list is written once, in the [`values!`] invocation that also writes the
//! exhaustive `match` of `key`: a variant added to the model and not here is a
//! compile error. A test checks the names against the model's serde
//! serialization.

use portmatrix_model::{
    Address, Authentication, Column, Direction, EndpointKind, PortScope, Protocol, Role, Server,
    TableKind, Transport,
};

/// A typed value that the locale files name by a key.
pub trait Value: Clone + PartialEq + 'static {
    /// The value's type as the files' tables name it (`endpoint_kind`).
    const TYPE: &'static str;
    /// Every value with its key, in declaration order (no `Unrecognized(_)`).
    fn all() -> &'static [(&'static str, Self)];
    /// The key of this value; `None` for the values that carry their own
    /// text (`Role::Unrecognized`, `Protocol::Unrecognized`).
    fn key(&self) -> Option<&'static str>;
    /// The value a key names, if any.
    fn from_key(key: &str) -> Option<Self> {
        Self::all()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    }
    /// Every key, quoted and comma-separated, for an error message.
    fn expected() -> String {
        Self::all()
            .iter()
            .map(|(k, _)| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

macro_rules! values {
    ($t:ident, $ty:literal { $($v:ident => $k:literal),* $(,)? } $(, $other:pat)?) => {
        impl Value for $t {
            const TYPE: &'static str = $ty;
            fn all() -> &'static [(&'static str, Self)] {
                static ALL: &[(&str, $t)] = &[$(($k, $t::$v)),*];
                ALL
            }
            fn key(&self) -> Option<&'static str> {
                // The model's enums are `#[non_exhaustive]`: a variant added
                // there has no key (and so no display name) until it is
                // listed here.
                #[allow(unreachable_patterns)]
                match self {
                    $($t::$v => Some($k),)*
                    $($other => None,)?
                    _ => None,
                }
            }
        }
    };
}

values!(EndpointKind, "endpoint_kind" {
    Any => "any",
    OneOf => "one_of",
    EdgeServer => "edge_server",
    AccessEdge => "access_edge",
    WebConferencingEdge => "web_conferencing_edge",
    AvEdge => "av_edge",
    XmppProxy => "xmpp_proxy",
    EdgeInternal => "edge_internal",
    Director => "director",
    DirectorPool => "director_pool",
    DirectorWebServices => "director_web_services",
    FrontEndServer => "front_end_server",
    FrontEndPool => "front_end_pool",
    FrontEndWebServices => "front_end_web_services",
    StandardEditionServer => "standard_edition_server",
    Pool => "pool",
    CentralManagementStorePool => "central_management_store_pool",
    SurvivableBranchAppliance => "survivable_branch_appliance",
    SurvivableBranchServer => "survivable_branch_server",
    OfficeWebApps => "office_web_apps",
    ReverseProxyInternal => "reverse_proxy_internal",
    ReverseProxyExternal => "reverse_proxy_external",
    Clients => "clients",
    InternalClients => "internal_clients",
    LiveMessengerClients => "live_messenger_clients",
    PublicImPartners => "public_im_partners",
    FederatedPartners => "federated_partners",
    Unspecified => "unspecified",
    AllServers => "all_servers",
    InternalServers => "internal_servers",
    MediationServer => "mediation_server",
    PersistentChatServer => "persistent_chat_server",
    SqlServer => "sql_server",
    ExchangeUnifiedMessaging => "exchange_unified_messaging",
    ApplicationSharingServer => "application_sharing_server",
    Devices => "devices",
    Unrecognized => "unrecognized",
});

values!(Column, "column" {
    Spec => "spec",
    Source => "source",
    Destination => "destination",
    Notes => "notes",
    ServerRole => "server_role",
    Service => "service",
    Port => "port",
    Protocol => "protocol",
    LoadBalancer => "load_balancer",
    Component => "component",
    RuleName => "rule_name",
    SourcePort => "source_port",
    DestinationPort => "destination_port",
    Authentication => "authentication",
    Direction => "direction",
    ProtocolPort => "protocol_port",
    Applications => "applications",
    Unrecognized => "unrecognized",
});

values!(PortScope, "port_scope" {
    Listed => "listed",
    Any => "any",
    Configured => "configured",
});

values!(Authentication, "authentication" {
    NotRequired => "not_required",
    Required => "required",
}, Authentication::Unrecognized(_));

values!(Address, "address" {
    Unspecified => "unspecified",
    Ip => "ip",
    PublicIp => "public_ip",
    InterfaceIp => "interface_ip",
    VirtualIp => "virtual_ip",
    PublicVirtualIp => "public_virtual_ip",
});

values!(Role, "role" {
    Access => "access",
    AudioVideo => "audio_video",
    WebConferencing => "web_conferencing",
}, Role::Unrecognized(_));

values!(Protocol, "protocol" {
    Sip => "sip",
    Psom => "psom",
    Xmpp => "xmpp",
    Http => "http",
    Https => "https",
    Dns => "dns",
    Rtp => "rtp",
    Srtp => "srtp",
    Stun => "stun",
    Msturn => "msturn",
    Turn => "turn",
    Rdp => "rdp",
    Tls => "tls",
    Mtls => "mtls",
    Dhcp => "dhcp",
    Rpc => "rpc",
    Dcom => "dcom",
}, Protocol::Unrecognized(_));

values!(Transport, "transport" {
    Tcp => "tcp",
    Udp => "udp",
});

values!(TableKind, "table_kind" {
    ExternalInterface => "external_interface",
    InternalInterface => "internal_interface",
    ExternalVirtualIps => "external_virtual_ips",
    InternalVirtualIps => "internal_virtual_ips",
    Federation => "federation",
    PublicImConnectivity => "public_im_connectivity",
    Xmpp => "xmpp",
    ReverseProxyExternal => "reverse_proxy_external",
    ReverseProxyInternal => "reverse_proxy_internal",
    Director => "director",
    InternalServers => "internal_servers",
    LoadBalancers => "load_balancers",
    ClientPorts => "client_ports",
    IpsecExceptions => "ipsec_exceptions",
    AvFirewall => "av_firewall",
    SqlServer => "sql_server",
    Hybrid => "hybrid",
    TransportPreference => "transport_preference",
    DnsRecords => "dns_records",
    Unclassified => "unclassified",
});

values!(Direction, "direction" {
    Inbound => "inbound",
    Outbound => "outbound",
    Unknown => "unknown",
});

values!(Server, "server" {
    EdgeServer => "edge_server",
    ReverseProxy => "reverse_proxy",
    Director => "director",
    SqlServer => "sql_server",
});

/// Concepts a table heading may name; the parser's `classify` combines them
/// into a table kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeadingWord {
    /// The external interface (`External`, `外部`).
    External,
    /// The internal interface.
    Internal,
    /// Virtual IPs (a hardware load-balanced pool).
    VirtualIp,
    /// The reverse proxy.
    ReverseProxy,
    /// XMPP federation.
    Xmpp,
    /// Public IM connectivity.
    PublicIm,
    /// SIP federation.
    Federation,
    /// The Director.
    Director,
    /// A table of the ports of each server role ("Required Server Ports (by
    /// Server Role)"): [`TableKind::InternalServers`].
    ServerPorts,
    /// Hardware load balancer ports: [`TableKind::LoadBalancers`].
    LoadBalancer,
    /// Required client ports: [`TableKind::ClientPorts`].
    ClientPorts,
    /// IPsec exceptions: [`TableKind::IpsecExceptions`].
    Ipsec,
    /// A/V firewall port requirements: [`TableKind::AvFirewall`].
    AvFirewall,
    /// Which transport audio and video prefer, a table without ports
    /// (heading or header cell "Audio/Video Transport"):
    /// [`TableKind::TransportPreference`].
    TransportPreference,
    /// DNS records to publish, a table without ports (heading or header
    /// cell "DNS record"): [`TableKind::DnsRecords`].
    DnsRecords,
}

values!(HeadingWord, "heading" {
    External => "external",
    Internal => "internal",
    VirtualIp => "virtual_ip",
    ReverseProxy => "reverse_proxy",
    Xmpp => "xmpp",
    PublicIm => "public_im",
    Federation => "federation",
    Director => "director",
    ServerPorts => "server_ports",
    LoadBalancer => "load_balancer",
    ClientPorts => "client_ports",
    Ipsec => "ipsec",
    AvFirewall => "av_firewall",
    TransportPreference => "transport_preference",
    DnsRecords => "dns_records",
});

/// The fixed texts of the renderers (diagram titles, axes, legends, zones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// After a page's title in a port map's title (`… — port map`).
    PortMap,
    /// A port map's heading in a book (`Port map`).
    PortMapHeading,
    /// A topology's heading in a book.
    TopologyHeading,
    /// The port axis of a port map.
    PortAxis,
    /// The legend entry of a hollow mark (a port only a summary table states).
    HollowMark,
    /// The topology legend: a solid arrow.
    LegendRule,
    /// The topology legend: a dashed arrow.
    LegendSummary,
    /// The topology's Internet zone.
    ZoneExternal,
    /// The topology's perimeter network zone.
    ZonePerimeter,
    /// The topology's internal network zone.
    ZoneInternal,
    /// What a diagram that is not drawn says instead (too many endpoints,
    /// or too large to read): the page's tables list every rule.
    DiagramOmitted,
    /// The language's own name (`English`, `简体中文`), as a language
    /// switch lists it. Read from the locale's own folder only
    /// ([`crate::Registry::language_name`]): a language is never named with
    /// another's name.
    LanguageName,
}

values!(Label, "label" {
    PortMap => "port_map",
    PortMapHeading => "port_map_heading",
    TopologyHeading => "topology_heading",
    PortAxis => "port_axis",
    HollowMark => "hollow_mark",
    LegendRule => "legend_rule",
    LegendSummary => "legend_summary",
    ZoneExternal => "zone_external",
    ZonePerimeter => "zone_perimeter",
    ZoneInternal => "zone_internal",
    DiagramOmitted => "diagram_omitted",
    LanguageName => "language_name",
});

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_names<T: Value + serde::Serialize + std::fmt::Debug>() {
        for (k, v) in T::all() {
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::Value::String(k.to_string()),
                "{}",
                T::TYPE
            );
            assert_eq!(v.key(), Some(*k));
            assert_eq!(T::from_key(k).as_ref(), Some(v));
        }
    }

    #[test]
    fn keys_are_the_model_serde_names() {
        serde_names::<EndpointKind>();
        serde_names::<Address>();
        serde_names::<Role>();
        serde_names::<Protocol>();
        serde_names::<Transport>();
        serde_names::<TableKind>();
        serde_names::<Direction>();
        serde_names::<Server>();
        serde_names::<Column>();
        serde_names::<PortScope>();
        serde_names::<Authentication>();
        assert_eq!(Role::Unrecognized("x".into()).key(), None);
    }
}
