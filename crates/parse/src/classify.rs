//! Table kinds: from the heading's words, else from the rows.
//!
//! The stage after a table's rows are typed: which interface or traffic the
//! table describes is said in the heading above it, not in the table, so it
//! is read there (in the page's language, then from the English original of
//! a bilingual heading); only when the heading does not decide do the typed
//! endpoints of the rows.

use std::collections::HashSet;

use super::normalize::key;
use super::vocab::{HeadingWord as W, Vocabs};
use crate::model::{Column, EndpointKind, KindSource, Rule, TableKind};
use portmatrix_i18n::SOURCE_LANGUAGE;

/// The kind a heading names, or `None` when its words do not decide.
pub fn from_heading(heading: &str, locale: &str) -> Option<TableKind> {
    from_heading_in(heading, locale, Vocabs::embedded())
}

/// [`from_heading`] with the heading words of `vocabs`.
pub fn from_heading_in(heading: &str, locale: &str, vocabs: &Vocabs) -> Option<TableKind> {
    let k = key(heading);
    let mut words = HashSet::new();
    for v in vocabs.for_locale(locale) {
        for (w, concept) in &v.headings {
            if k.contains(w.as_str()) {
                words.insert(*concept);
            }
        }
    }
    let has = |w: W| words.contains(&w);
    let (ext, int) = (has(W::External), has(W::Internal));
    Some(if has(W::Xmpp) {
        TableKind::Xmpp
    } else if has(W::PublicIm) {
        TableKind::PublicImConnectivity
    } else if has(W::Federation) {
        TableKind::Federation
    } else if has(W::ReverseProxy) && ext != int {
        if ext {
            TableKind::ReverseProxyExternal
        } else {
            TableKind::ReverseProxyInternal
        }
    } else if has(W::VirtualIp) && ext != int {
        if ext {
            TableKind::ExternalVirtualIps
        } else {
            TableKind::InternalVirtualIps
        }
    } else if ext != int {
        if ext {
            TableKind::ExternalInterface
        } else {
            TableKind::InternalInterface
        }
    } else if has(W::Director) {
        TableKind::Director
    } else {
        return None;
    })
}

/// The concepts of the heading words of `locale` found in `text`.
fn concepts(text: &str, locale: &str, vocabs: &Vocabs) -> HashSet<W> {
    let k = key(text);
    vocabs
        .for_locale(locale)
        .iter()
        .flat_map(|v| v.headings.iter())
        .filter(|(w, _)| k.contains(w.as_str()))
        .map(|(_, c)| *c)
        .collect()
}

/// The kind of a table other than the port summary, and where it comes
/// from: the header row when it names a table without ports (`Audio/Video
/// Transport`, `DNS record`), else the heading's words (`IPsec`, `Client
/// Ports`, `Load Balancer Ports`), else the set of columns. `heading` and
/// `header` are pairs of text and English original. `None` when the table
/// has no column that gives ports and is not a known table without ports:
/// it is not read.
pub fn from_layout(
    heading: Option<(&str, Option<&str>)>,
    header: &[(&str, Option<&str>)],
    columns: &[Column],
    locale: &str,
    vocabs: &Vocabs,
) -> Option<(TableKind, KindSource)> {
    let words = |(text, original): (&str, Option<&str>)| {
        let mut c = concepts(text, locale, vocabs);
        if let Some(o) = original {
            c.extend(concepts(o, SOURCE_LANGUAGE, vocabs));
        }
        c
    };
    let no_ports = |c: &HashSet<W>| {
        if c.contains(&W::TransportPreference) {
            Some(TableKind::TransportPreference)
        } else if c.contains(&W::DnsRecords) {
            Some(TableKind::DnsRecords)
        } else {
            None
        }
    };
    let header_words: HashSet<W> = header.iter().flat_map(|&h| words(h)).collect();
    if let Some(k) = no_ports(&header_words) {
        return Some((k, KindSource::Columns));
    }
    if !columns.iter().any(|c| c.gives_ports()) {
        return None;
    }
    if let Some(h) = heading {
        let c = words(h);
        let kind = if c.contains(&W::Ipsec) {
            Some(TableKind::IpsecExceptions)
        } else if c.contains(&W::AvFirewall) {
            Some(TableKind::AvFirewall)
        } else if c.contains(&W::LoadBalancer) {
            Some(TableKind::LoadBalancers)
        } else if c.contains(&W::ClientPorts) {
            Some(TableKind::ClientPorts)
        } else if c.contains(&W::ServerPorts) {
            Some(TableKind::InternalServers)
        } else {
            None
        };
        if let Some(k) = kind {
            return Some((k, KindSource::Heading));
        }
    }
    let has = |c: Column| columns.contains(&c);
    let kind = if has(Column::RuleName) || has(Column::Authentication) {
        TableKind::IpsecExceptions
    } else if has(Column::ServerRole) || has(Column::Service) {
        TableKind::InternalServers
    } else if has(Column::LoadBalancer) {
        TableKind::LoadBalancers
    } else if has(Column::Component) {
        TableKind::ClientPorts
    } else if has(Column::Direction) {
        TableKind::SqlServer
    } else if has(Column::Applications) || has(Column::ProtocolPort) {
        TableKind::Hybrid
    } else if has(Column::Source) && has(Column::Destination) && has(Column::DestinationPort) {
        TableKind::AvFirewall
    } else {
        TableKind::Unclassified
    };
    Some((kind, KindSource::Columns))
}

/// The kind the rows imply, by which server part they touch most: the Edge
/// internal interface, the Edge external services, the reverse proxy or the
/// Director. `None` when no part dominates.
pub fn from_rules(rules: &[Rule]) -> Option<TableKind> {
    let (mut internal, mut external, mut rp_int, mut rp_ext, mut director) = (0, 0, 0, 0, 0);
    for r in rules {
        let touches = |k: EndpointKind| {
            r.source
                .kinds()
                .chain(r.destination.kinds())
                .any(|x| x == k)
        };
        if touches(EndpointKind::EdgeInternal) {
            internal += 1;
        }
        if r.source
            .kinds()
            .chain(r.destination.kinds())
            .any(EndpointKind::is_edge_external)
        {
            external += 1;
        }
        if touches(EndpointKind::ReverseProxyInternal) {
            rp_int += 1;
        }
        if touches(EndpointKind::ReverseProxyExternal) {
            rp_ext += 1;
        }
        if r.destination.kind == EndpointKind::Director || r.source.kind == EndpointKind::Director {
            director += 1;
        }
    }
    let n = rules.len();
    if n == 0 {
        return None;
    }
    let all = |c: usize| c == n;
    Some(if all(internal) && external == 0 {
        TableKind::InternalInterface
    } else if all(external) && internal == 0 {
        TableKind::ExternalInterface
    } else if rp_ext > 0 && rp_int == 0 && all(rp_ext) {
        TableKind::ReverseProxyExternal
    } else if rp_int > 0 && rp_ext == 0 && all(rp_int) {
        TableKind::ReverseProxyInternal
    } else if director * 2 > n {
        TableKind::Director
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_two_languages() {
        let cases = [
            (
                "Firewall Summary for Single Consolidated Edge with Public IP Addresses: External Interface",
                "en-US",
                TableKind::ExternalInterface,
            ),
            (
                "具有公用 IP 地址的单个合并边缘的防火墙摘要：内部接口",
                "zh-CN",
                TableKind::InternalInterface,
            ),
            (
                "External Port Settings Required for Scaled Consolidated Edge, Hardware Load Balanced: External Interface Virtual IPs",
                "en-US",
                TableKind::ExternalVirtualIps,
            ),
            (
                "扩展的合并边缘（硬件负载已平衡）的防火墙摘要：内部接口虚拟 IP",
                "zh-CN",
                TableKind::InternalVirtualIps,
            ),
            (
                "Firewall Summary for Federation",
                "en-US",
                TableKind::Federation,
            ),
            (
                "防火墙摘要 – 公共即时消息连接",
                "zh-CN",
                TableKind::PublicImConnectivity,
            ),
            (
                "可扩展消息传递和状态协议的防火墙摘要",
                "zh-CN",
                TableKind::Xmpp,
            ),
            (
                "Firewall Summary - Extensible Messaging and Presence Protocol (XMPP)",
                "en-US",
                TableKind::Xmpp,
            ),
            (
                "反向代理服务器的防火墙详细信息：外部接口",
                "zh-CN",
                TableKind::ReverseProxyExternal,
            ),
            (
                "Firewall Details for Reverse Proxy Server: Internal Interface",
                "en-US",
                TableKind::ReverseProxyInternal,
            ),
            (
                "用于防火墙定义的单个 控制器端口和协议",
                "zh-CN",
                TableKind::Director,
            ),
            (
                "Director Ports and Protocols for Firewall Definitions",
                "en-US",
                TableKind::Director,
            ),
        ];
        for (h, l, k) in cases {
            assert_eq!(from_heading(h, l), Some(k), "{h}");
        }
        assert_eq!(from_heading("Port and Protocol Details", "en-US"), None);
    }
}
