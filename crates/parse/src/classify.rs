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
use crate::model::{EndpointKind, Rule, TableKind};

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
