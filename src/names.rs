//! Display names of the typed values, per locale.
//!
//! Names exist in English and Simplified Chinese; other locales fall back to
//! English. The Chinese names follow the wording of the zh-CN TechNet pages,
//! so a rendered zh-CN rule reads like the page it came from.

use std::borrow::Cow;

use crate::model::{
    Address, Direction, Endpoint, EndpointKind, Protocol, Role, TableKind, Transport,
};

/// The languages names exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (every locale without names of its own falls back to it).
    En,
    /// Simplified Chinese (`zh-CN`, `zh-SG`, `zh-Hans`).
    ZhHans,
}

impl Lang {
    /// `zh-CN`, `zh-SG`, `zh-Hans…` → Simplified Chinese; anything else → English.
    pub fn of(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh-cn") || l.starts_with("zh-sg") || l.starts_with("zh-hans")
        {
            Lang::ZhHans
        } else {
            Lang::En
        }
    }
}

/// A value with a display name per locale.
///
/// ```
/// use portmatrix::names::Localized;
/// use portmatrix::model::{EndpointKind, Role};
/// assert_eq!(EndpointKind::AccessEdge.name("zh-CN"), "访问边缘服务");
/// assert_eq!(EndpointKind::AccessEdge.name("en-US"), "Access Edge service");
/// assert_eq!(Role::AudioVideo.name("de-DE"), "A/V");
/// ```
pub trait Localized {
    /// The display name in `locale` (a BCP 47 tag), in English when the
    /// locale has no names of its own.
    fn name(&self, locale: &str) -> Cow<'static, str>;
}

macro_rules! names {
    ($t:ty { $($v:pat => ($en:expr, $zh:expr)),* $(,)? }) => {
        impl Localized for $t {
            fn name(&self, locale: &str) -> Cow<'static, str> {
                let zh = Lang::of(locale) == Lang::ZhHans;
                #[allow(unreachable_patterns)]
                let (en, zhs): (&'static str, &'static str) = match self { $($v => ($en, $zh)),* };
                Cow::Borrowed(if zh { zhs } else { en })
            }
        }
    };
}

names!(EndpointKind {
    EndpointKind::Any => ("Any", "任意"),
    EndpointKind::OneOf => ("One of", "以下之一"),
    EndpointKind::EdgeServer => ("Edge Server", "边缘服务器"),
    EndpointKind::AccessEdge => ("Access Edge service", "访问边缘服务"),
    EndpointKind::WebConferencingEdge => ("Web Conferencing Edge service", "Web 会议边缘服务"),
    EndpointKind::AvEdge => ("A/V Edge service", "A/V 边缘服务"),
    EndpointKind::XmppProxy => ("XMPP Proxy service", "XMPP 代理服务"),
    EndpointKind::EdgeInternal => ("Edge Server internal interface", "边缘服务器内部接口"),
    EndpointKind::Director => ("Director", "控制器"),
    EndpointKind::DirectorPool => ("Director pool", "控制器池"),
    EndpointKind::DirectorWebServices => ("Director web services", "控制器 Web 服务"),
    EndpointKind::FrontEndServer => ("Front End Server", "前端服务器"),
    EndpointKind::FrontEndPool => ("Front End pool", "前端池"),
    EndpointKind::FrontEndWebServices => ("Front End Server web services", "前端服务器 Web 服务"),
    EndpointKind::StandardEditionServer => ("Standard Edition server", "Standard Edition Server"),
    EndpointKind::Pool => ("Pool", "池"),
    EndpointKind::CentralManagementStorePool => ("Pool that holds the Central Management store", "承载中央管理存储的池"),
    EndpointKind::SurvivableBranchAppliance => ("Survivable Branch Appliance", "Survivable Branch Appliance"),
    EndpointKind::SurvivableBranchServer => ("Survivable Branch Server", "Survivable Branch Server"),
    EndpointKind::OfficeWebApps => ("Office Web Apps for conferencing", "会议用 Office Web Apps"),
    EndpointKind::ReverseProxyInternal => ("Reverse proxy internal interface", "反向代理内部接口"),
    EndpointKind::ReverseProxyExternal => ("Reverse proxy listener", "反向代理侦听器"),
    EndpointKind::Clients => ("Clients", "客户端"),
    EndpointKind::InternalClients => ("Internal clients", "内部客户端"),
    EndpointKind::LiveMessengerClients => ("Live Messenger clients", "Live Messenger 客户端"),
    EndpointKind::PublicImPartners => ("Public IM connectivity partners", "公共 IM 连接合作伙伴"),
    EndpointKind::FederatedPartners => ("Federated partners", "联盟伙伴"),
    EndpointKind::Unrecognized => ("Unrecognized", "无法识别"),
});

names!(Address {
    Address::Unspecified => ("", ""),
    Address::Ip => ("IP address", "IP 地址"),
    Address::PublicIp => ("public IP address", "公用 IP 地址"),
    Address::InterfaceIp => ("interface IP address", "接口 IP 地址"),
    Address::VirtualIp => ("virtual IP address", "虚拟 IP 地址"),
    Address::PublicVirtualIp => ("public VIP address", "公共 VIP 地址"),
});

names!(TableKind {
    TableKind::ExternalInterface => ("External interface", "外部接口"),
    TableKind::InternalInterface => ("Internal interface", "内部接口"),
    TableKind::ExternalVirtualIps => ("External interface virtual IPs", "外部接口虚拟 IP"),
    TableKind::InternalVirtualIps => ("Internal interface virtual IPs", "内部接口虚拟 IP"),
    TableKind::Federation => ("Federation", "联盟"),
    TableKind::PublicImConnectivity => ("Public IM connectivity", "公共即时消息连接"),
    TableKind::Xmpp => ("XMPP", "XMPP"),
    TableKind::ReverseProxyExternal => ("Reverse proxy: external interface", "反向代理：外部接口"),
    TableKind::ReverseProxyInternal => ("Reverse proxy: internal interface", "反向代理：内部接口"),
    TableKind::Director => ("Director", "控制器"),
    TableKind::Unclassified => ("Unclassified", "未分类"),
});

names!(Transport {
    Transport::Tcp => ("TCP", "TCP"),
    Transport::Udp => ("UDP", "UDP"),
});

names!(Direction {
    Direction::Inbound => ("inbound", "入站"),
    Direction::Outbound => ("outbound", "出站"),
    Direction::Unknown => ("—", "—"),
});

impl Localized for Role {
    fn name(&self, locale: &str) -> Cow<'static, str> {
        let zh = Lang::of(locale) == Lang::ZhHans;
        match self {
            Role::Access => Cow::Borrowed(if zh { "访问" } else { "Access" }),
            Role::AudioVideo => Cow::Borrowed("A/V"),
            Role::WebConferencing => {
                Cow::Borrowed(if zh { "Web 会议" } else { "Web Conferencing" })
            }
            Role::Unrecognized(s) => Cow::Owned(s.to_string()),
        }
    }
}

impl Localized for Protocol {
    /// Protocol names are the same in every locale.
    fn name(&self, _locale: &str) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Protocol::Sip => "SIP",
            Protocol::Psom => "PSOM",
            Protocol::Xmpp => "XMPP",
            Protocol::Http => "HTTP",
            Protocol::Https => "HTTPS",
            Protocol::Dns => "DNS",
            Protocol::Rtp => "RTP",
            Protocol::Srtp => "SRTP",
            Protocol::Stun => "STUN",
            Protocol::Msturn => "MSTURN",
            Protocol::Turn => "TURN",
            Protocol::Rdp => "RDP",
            Protocol::Tls => "TLS",
            Protocol::Mtls => "MTLS",
            Protocol::Unrecognized(s) => return Cow::Owned(s.to_string()),
        })
    }
}

impl Localized for Endpoint {
    /// The typed endpoint in words: `Access Edge service public IP address`,
    /// `Any (Director, Front End pool IP address)`.
    fn name(&self, locale: &str) -> Cow<'static, str> {
        let zh = Lang::of(locale) == Lang::ZhHans;
        let one = |k: EndpointKind, a: Address, unrec: Option<&str>| -> String {
            if let Some(u) = unrec {
                return u.to_string();
            }
            let addr = a.name(locale);
            match (addr.is_empty(), zh) {
                (true, _) => k.name(locale).into_owned(),
                (false, true) => {
                    // Chinese typography: no space between Han characters, a
                    // space between Han and Latin (`前端池 IP 地址`).
                    let name = k.name(locale);
                    let han_latin = name.chars().next_back().is_some_and(crate::names::is_han)
                        != addr.chars().next().is_some_and(crate::names::is_han);
                    if han_latin {
                        format!("{name} {addr}")
                    } else {
                        format!("{name}{addr}")
                    }
                }
                (false, false) => format!("{} {}", k.name(locale), addr),
            }
        };
        let list = || {
            let sep = if zh { "、" } else { ", " };
            self.candidates
                .iter()
                .map(|c| one(c.kind, c.address, c.unrecognized.as_deref()))
                .collect::<Vec<_>>()
                .join(sep)
        };
        Cow::Owned(match self.kind {
            EndpointKind::Any if !self.candidates.is_empty() => {
                if zh {
                    format!("任意（{}）", list())
                } else {
                    format!("Any ({})", list())
                }
            }
            EndpointKind::OneOf => list(),
            k => one(k, self.address, self.unrecognized.as_deref()),
        })
    }
}

/// `SIP/MTLS`, `STUN/MSTURN`: the protocols joined as the pages write them.
pub fn protocols(ps: &[Protocol]) -> String {
    ps.iter()
        .map(|p| p.name("en").into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a character is a Han ideograph or CJK punctuation.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}
