//! Per-locale vocabularies: the words the grammars need, and nothing else.
//! Not a stage but the data the grammar stages read, kept apart so that a
//! language is added here without touching a grammar.
//!
//! The grammars (`spec`, `endpoint`, `classify`) are written once; what varies
//! by language is only which words mean "Any", "or", "Access", "public IP
//! address", "internal interface", and so on. Each vocabulary below lists them
//! in the page's own spelling; matching happens on [`super::normalize::key`], so full-
//! width punctuation and CJK spacing need not be listed twice.
//!
//! English is always consulted after the page's language: localized pages keep
//! product names (`Live Messenger`, `Survivable Branch Appliance`) in English.
//! A locale without a vocabulary still gets ports, transports and protocols
//! (they are ASCII), and its endpoints are reported as unrecognized.
//!
//! The en and zh-Hans vocabularies are checked against the real corpus; the
//! others are partial (roles, "Any", heading words) and unverified.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::normalize::key;
use crate::model::{Address, EndpointKind as E, Role};

/// Concepts a table heading may name; `classify` combines them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingWord {
    /// "external" (interface, side).
    External,
    /// "internal".
    Internal,
    /// "virtual IP" (VIP).
    VirtualIp,
    /// "reverse proxy".
    ReverseProxy,
    /// "XMPP".
    Xmpp,
    /// "public IM" (public instant messaging connectivity).
    PublicIm,
    /// "federation".
    Federation,
    /// "Director".
    Director,
}

/// The words of one language (see the module documentation).
pub struct Vocabulary {
    /// Language subtags this vocabulary serves (`zh` matches `zh-CN`, `zh-SG`;
    /// a longer tag such as `zh-TW` wins over `zh`).
    pub langs: &'static [&'static str],
    /// Words for "Any" in a source or destination cell.
    pub any: &'static [&'static str],
    /// "can be defined as" in `Any (can be defined as X, Y)`.
    pub defined_as: &'static [&'static str],
    /// Words that separate list items besides `,` (`or`, `或`).
    pub or_words: &'static [&'static str],
    /// Words before or after an item that do not change what it names.
    pub noise_prefixes: &'static [&'static str],
    /// Like `noise_prefixes`, after the item.
    pub noise_suffixes: &'static [&'static str],
    /// "Edge Server" as a prefix of a service name.
    pub server_prefixes: &'static [&'static str],
    /// Endpoint names, optionally with the address they imply.
    pub endpoints: &'static [(&'static str, E, Address)],
    /// Address words that may follow an endpoint name.
    pub addresses: &'static [(&'static str, Address)],
    /// Role names at the start of a first-column cell (`Access`, `访问`).
    pub roles: &'static [(&'static str, Role)],
    /// Heading words and the concept each names.
    pub headings: &'static [(&'static str, HeadingWord)],
    /// Header words: the first column names port and protocol.
    pub port_words: &'static [&'static str],
    /// Header words: the first column starts with the role.
    pub role_words: &'static [&'static str],
}

use Address::*;

/// English, checked against the corpus.
pub static EN: Vocabulary = Vocabulary {
    langs: &["en"],
    any: &["any"],
    defined_as: &["can be defined as"],
    or_words: &["or"],
    noise_prefixes: &["the", "each", "any", "all"],
    noise_suffixes: &["using this edge server", "running the xmpp gateway service"],
    server_prefixes: &["edge server"],
    endpoints: &[
        ("edge server", E::EdgeServer, Unspecified),
        ("access edge service", E::AccessEdge, Unspecified),
        ("access edge", E::AccessEdge, Unspecified),
        ("access", E::AccessEdge, Unspecified),
        (
            "web conferencing edge service",
            E::WebConferencingEdge,
            Unspecified,
        ),
        ("web conferencing edge", E::WebConferencingEdge, Unspecified),
        ("a/v edge service", E::AvEdge, Unspecified),
        ("a/v edge", E::AvEdge, Unspecified),
        ("xmpp proxy service", E::XmppProxy, Unspecified),
        (
            "xmpp proxy service (shares ip address with access edge service)",
            E::XmppProxy,
            Unspecified,
        ),
        ("internal interface", E::EdgeInternal, Unspecified),
        (
            "internal edge server interface",
            E::EdgeInternal,
            Unspecified,
        ),
        ("internal vip interface", E::EdgeInternal, VirtualIp),
        (
            "pool that holds the internal interface",
            E::EdgeInternal,
            Unspecified,
        ),
        ("director", E::Director, Unspecified),
        ("director pool", E::DirectorPool, Unspecified),
        ("director web services", E::DirectorWebServices, Unspecified),
        ("front end server", E::FrontEndServer, Unspecified),
        ("front end pool", E::FrontEndPool, Unspecified),
        (
            "front end server web services",
            E::FrontEndWebServices,
            Unspecified,
        ),
        (
            "front end server ip address in a front end pool",
            E::FrontEndServer,
            Ip,
        ),
        (
            "standard edition server",
            E::StandardEditionServer,
            Unspecified,
        ),
        ("pool", E::Pool, Unspecified),
        (
            "pool that holds the central management store",
            E::CentralManagementStorePool,
            Unspecified,
        ),
        (
            "survivable branch appliance",
            E::SurvivableBranchAppliance,
            Unspecified,
        ),
        (
            "survivable branch server",
            E::SurvivableBranchServer,
            Unspecified,
        ),
        (
            "office web apps for conferencing",
            E::OfficeWebApps,
            Unspecified,
        ),
        ("office web apps", E::OfficeWebApps, Unspecified),
        (
            "reverse proxy internal interface",
            E::ReverseProxyInternal,
            Unspecified,
        ),
        (
            "internal reverse proxy interface",
            E::ReverseProxyInternal,
            Unspecified,
        ),
        (
            "reverse proxy listener",
            E::ReverseProxyExternal,
            Unspecified,
        ),
        (
            "reverse proxy external interface",
            E::ReverseProxyExternal,
            Unspecified,
        ),
        (
            "external reverse proxy interface",
            E::ReverseProxyExternal,
            Unspecified,
        ),
        ("clients", E::Clients, Unspecified),
        ("internal clients", E::InternalClients, Unspecified),
        (
            "live messenger clients",
            E::LiveMessengerClients,
            Unspecified,
        ),
        (
            "public im connectivity partners",
            E::PublicImPartners,
            Unspecified,
        ),
        ("federated partner", E::FederatedPartners, Unspecified),
        ("federated partners", E::FederatedPartners, Unspecified),
    ],
    addresses: &[
        ("public vip address", PublicVirtualIp),
        ("public vip", PublicVirtualIp),
        ("public ip address", PublicIp),
        ("public ip", PublicIp),
        ("interface ip address", InterfaceIp),
        ("interface ip", InterfaceIp),
        ("interface", InterfaceIp),
        ("hardware load balancer vip", VirtualIp),
        ("virtual ip address", VirtualIp),
        ("virtual ip", VirtualIp),
        ("vip address", VirtualIp),
        ("vip", VirtualIp),
        ("ip address", Ip),
        ("ip", Ip),
        ("address", Ip),
    ],
    roles: &[
        ("access", Role::Access),
        ("a/v", Role::AudioVideo),
        ("audio/video", Role::AudioVideo),
        ("web conferencing", Role::WebConferencing),
    ],
    headings: &[
        ("external", HeadingWord::External),
        ("internal", HeadingWord::Internal),
        ("virtual ip", HeadingWord::VirtualIp),
        ("reverse proxy", HeadingWord::ReverseProxy),
        (
            "extensible messaging and presence protocol",
            HeadingWord::Xmpp,
        ),
        ("xmpp", HeadingWord::Xmpp),
        ("public instant messaging", HeadingWord::PublicIm),
        ("public im", HeadingWord::PublicIm),
        ("federation", HeadingWord::Federation),
        ("director", HeadingWord::Director),
    ],
    port_words: &["port"],
    role_words: &["role"],
};

/// Simplified Chinese, checked against the corpus.
pub static ZH_HANS: Vocabulary = Vocabulary {
    langs: &["zh", "zh-cn", "zh-sg", "zh-hans"],
    any: &["任意", "任何"],
    defined_as: &["可以定义为", "可定义为"],
    or_words: &["或"],
    noise_prefixes: &[
        "每个",
        "任何使用此边缘服务器的",
        "运行xmpp网关服务的",
        "所有",
    ],
    noise_suffixes: &[],
    server_prefixes: &["边缘服务器"],
    endpoints: &[
        ("边缘服务器", E::EdgeServer, Unspecified),
        ("访问边缘服务", E::AccessEdge, Unspecified),
        ("访问", E::AccessEdge, Unspecified),
        ("web会议边缘服务", E::WebConferencingEdge, Unspecified),
        ("a/v边缘服务", E::AvEdge, Unspecified),
        ("xmpp代理服务", E::XmppProxy, Unspecified),
        (
            "xmpp代理服务(与访问边缘服务共享ip地址)",
            E::XmppProxy,
            Unspecified,
        ),
        ("内部接口", E::EdgeInternal, Unspecified),
        ("内部边缘服务器接口", E::EdgeInternal, Unspecified),
        ("内部vip接口", E::EdgeInternal, VirtualIp),
        ("包含内部接口的池", E::EdgeInternal, Unspecified),
        ("控制器", E::Director, Unspecified),
        ("控制器池", E::DirectorPool, Unspecified),
        ("控制器web服务", E::DirectorWebServices, Unspecified),
        ("前端服务器", E::FrontEndServer, Unspecified),
        ("前端池", E::FrontEndPool, Unspecified),
        ("前端服务器web服务", E::FrontEndWebServices, Unspecified),
        ("前端池中的每个前端服务器ip地址", E::FrontEndServer, Ip),
        ("池", E::Pool, Unspecified),
        (
            "承载中央管理存储的池",
            E::CentralManagementStorePool,
            Unspecified,
        ),
        ("会议用office web apps", E::OfficeWebApps, Unspecified),
        ("用于会议的office web apps", E::OfficeWebApps, Unspecified),
        ("反向代理内部接口", E::ReverseProxyInternal, Unspecified),
        ("内部反向代理接口", E::ReverseProxyInternal, Unspecified),
        ("反向代理侦听器", E::ReverseProxyExternal, Unspecified),
        ("反向代理外部接口", E::ReverseProxyExternal, Unspecified),
        ("客户端", E::Clients, Unspecified),
        ("内部客户端", E::InternalClients, Unspecified),
        ("live messenger客户端", E::LiveMessengerClients, Unspecified),
        ("公共im连接合作伙伴", E::PublicImPartners, Unspecified),
        ("联盟伙伴", E::FederatedPartners, Unspecified),
        ("联盟合作伙伴", E::FederatedPartners, Unspecified),
    ],
    addresses: &[
        ("公共vip地址", PublicVirtualIp),
        ("公用vip地址", PublicVirtualIp),
        ("公用ip地址", PublicIp),
        ("公共ip地址", PublicIp),
        ("接口ip地址", InterfaceIp),
        ("接口ip", InterfaceIp),
        ("接口", InterfaceIp),
        ("硬件负载平衡器vip", VirtualIp),
        ("虚拟ip地址", VirtualIp),
        ("虚拟ip", VirtualIp),
        ("vip地址", VirtualIp),
        ("vip", VirtualIp),
        ("ip地址", Ip),
        ("ip", Ip),
        ("地址", Ip),
    ],
    roles: &[
        ("访问", Role::Access),
        ("音频/视频", Role::AudioVideo),
        ("web会议", Role::WebConferencing),
    ],
    headings: &[
        ("外部", HeadingWord::External),
        ("内部", HeadingWord::Internal),
        ("虚拟ip", HeadingWord::VirtualIp),
        ("反向代理", HeadingWord::ReverseProxy),
        ("可扩展消息传递和状态协议", HeadingWord::Xmpp),
        ("xmpp", HeadingWord::Xmpp),
        ("公共即时消息", HeadingWord::PublicIm),
        ("联盟", HeadingWord::Federation),
        ("控制器", HeadingWord::Director),
    ],
    port_words: &["端口"],
    role_words: &["角色"],
};

/// Traditional Chinese (partial, unverified).
pub static ZH_HANT: Vocabulary = Vocabulary {
    langs: &["zh-tw", "zh-hk", "zh-mo", "zh-hant"],
    any: &["任何", "任意"],
    defined_as: &["可以定義為", "可定義為"],
    or_words: &["或"],
    noise_prefixes: &["每個"],
    noise_suffixes: &[],
    server_prefixes: &["邊緣伺服器"],
    endpoints: &[
        ("存取邊緣服務", E::AccessEdge, Unspecified),
        ("a/v邊緣服務", E::AvEdge, Unspecified),
        ("web會議邊緣服務", E::WebConferencingEdge, Unspecified),
        ("內部介面", E::EdgeInternal, Unspecified),
        ("前端伺服器", E::FrontEndServer, Unspecified),
        ("前端集區", E::FrontEndPool, Unspecified),
        ("控制器", E::Director, Unspecified),
    ],
    addresses: &[("公用ip位址", PublicIp), ("ip位址", Ip), ("ip", Ip)],
    roles: &[("存取", Role::Access), ("web會議", Role::WebConferencing)],
    headings: &[
        ("外部", HeadingWord::External),
        ("內部", HeadingWord::Internal),
        ("虛擬ip", HeadingWord::VirtualIp),
        ("反向 proxy", HeadingWord::ReverseProxy),
        ("xmpp", HeadingWord::Xmpp),
        ("同盟", HeadingWord::Federation),
        ("控制器", HeadingWord::Director),
    ],
    port_words: &["連接埠"],
    role_words: &["角色"],
};

/// Japanese (partial, unverified).
pub static JA: Vocabulary = Vocabulary {
    langs: &["ja"],
    any: &["任意", "すべて"],
    defined_as: &["として定義可能", "として定義できます"],
    or_words: &["または"],
    noise_prefixes: &[],
    noise_suffixes: &[],
    server_prefixes: &["エッジサーバー"],
    endpoints: &[
        ("アクセスエッジサービス", E::AccessEdge, Unspecified),
        ("a/vエッジサービス", E::AvEdge, Unspecified),
        ("web会議エッジサービス", E::WebConferencingEdge, Unspecified),
        ("内部インターフェイス", E::EdgeInternal, Unspecified),
        ("フロントエンドサーバー", E::FrontEndServer, Unspecified),
        ("フロントエンドプール", E::FrontEndPool, Unspecified),
        ("ディレクター", E::Director, Unspecified),
    ],
    addresses: &[
        ("パブリックipアドレス", PublicIp),
        ("ipアドレス", Ip),
        ("ip", Ip),
    ],
    roles: &[
        ("アクセス", Role::Access),
        ("web会議", Role::WebConferencing),
    ],
    headings: &[
        ("外部", HeadingWord::External),
        ("内部", HeadingWord::Internal),
        ("仮想ip", HeadingWord::VirtualIp),
        ("リバースプロキシ", HeadingWord::ReverseProxy),
        ("xmpp", HeadingWord::Xmpp),
        ("フェデレーション", HeadingWord::Federation),
        ("ディレクター", HeadingWord::Director),
    ],
    port_words: &["ポート"],
    role_words: &["役割"],
};

/// German (partial, unverified).
pub static DE: Vocabulary = Vocabulary {
    langs: &["de"],
    any: &["beliebig", "alle"],
    defined_as: &["kann definiert werden als"],
    or_words: &["oder"],
    noise_prefixes: &["der", "die", "das", "jede", "jeder"],
    noise_suffixes: &[],
    server_prefixes: &["edgeserver", "edge-server"],
    endpoints: &[
        ("zugriffs-edgedienst", E::AccessEdge, Unspecified),
        ("a/v-edgedienst", E::AvEdge, Unspecified),
        (
            "webkonferenz-edgedienst",
            E::WebConferencingEdge,
            Unspecified,
        ),
        ("interne schnittstelle", E::EdgeInternal, Unspecified),
        ("front-end-server", E::FrontEndServer, Unspecified),
        ("front-end-pool", E::FrontEndPool, Unspecified),
    ],
    addresses: &[
        ("öffentliche ip-adresse", PublicIp),
        ("ip-adresse", Ip),
        ("ip", Ip),
    ],
    roles: &[
        ("zugriff", Role::Access),
        ("webkonferenz", Role::WebConferencing),
        ("webkonferenzen", Role::WebConferencing),
    ],
    headings: &[
        ("extern", HeadingWord::External),
        ("intern", HeadingWord::Internal),
        ("virtuelle ip", HeadingWord::VirtualIp),
        ("reverseproxy", HeadingWord::ReverseProxy),
        ("reverse proxy", HeadingWord::ReverseProxy),
        ("xmpp", HeadingWord::Xmpp),
        ("partnerverbund", HeadingWord::Federation),
        ("verbund", HeadingWord::Federation),
        ("director", HeadingWord::Director),
    ],
    port_words: &["port"],
    role_words: &["rolle"],
};

/// Every vocabulary, most specific language tags first.
pub static ALL: &[&Vocabulary] = &[&ZH_HANT, &ZH_HANS, &JA, &DE, &EN];

/// The vocabularies to consult for a locale: its own (if any), then English.
pub fn for_locale(locale: &str) -> Vec<&'static Vocabulary> {
    let tag = locale.to_ascii_lowercase();
    let own = ALL.iter().copied().find(|v| {
        v.langs
            .iter()
            .any(|l| tag == *l || (tag.starts_with(l) && tag[l.len()..].starts_with('-')))
    });
    let mut out: Vec<&'static Vocabulary> = own.into_iter().collect();
    if !out.iter().any(|v| std::ptr::eq(*v, &EN)) {
        out.push(&EN);
    }
    out
}

/// Normalized lookup tables of one vocabulary, built once.
/// Every field holds the [`Vocabulary`] field of the same name as keys
/// ([`super::normalize::key`]).
pub struct Index {
    /// Endpoint names and what they denote.
    pub endpoints: HashMap<String, (E, Address)>,
    /// Address suffixes, longest first.
    pub addresses: Vec<(String, Address)>,
    /// Words for "Any".
    pub any: Vec<String>,
    /// "can be defined as".
    pub defined_as: Vec<String>,
    /// List separators besides `,`.
    pub or_words: Vec<String>,
    /// Noise before an item.
    pub noise_prefixes: Vec<String>,
    /// Noise after an item.
    pub noise_suffixes: Vec<String>,
    /// "Edge Server" prefixes.
    pub server_prefixes: Vec<String>,
    /// Heading words.
    pub headings: Vec<(String, HeadingWord)>,
}

/// The (cached) index of a vocabulary.
pub fn index(v: &'static Vocabulary) -> &'static Index {
    static CACHE: OnceLock<Vec<(usize, Index)>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        ALL.iter()
            .map(|v| (*v as *const Vocabulary as usize, build_index(v)))
            .collect()
    });
    let addr = v as *const Vocabulary as usize;
    &all.iter()
        .find(|(a, _)| *a == addr)
        .expect("every vocabulary is in ALL")
        .1
}

fn build_index(v: &Vocabulary) -> Index {
    let keys = |xs: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = xs.iter().map(|x| key(x)).collect();
        k.sort_by_key(|s| std::cmp::Reverse(s.len()));
        k
    };
    let mut addresses: Vec<(String, Address)> =
        v.addresses.iter().map(|(w, a)| (key(w), *a)).collect();
    addresses.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    Index {
        endpoints: v
            .endpoints
            .iter()
            .map(|(w, k, a)| (key(w), (*k, *a)))
            .collect(),
        addresses,
        any: keys(v.any),
        defined_as: keys(v.defined_as),
        or_words: keys(v.or_words),
        noise_prefixes: keys(v.noise_prefixes),
        noise_suffixes: keys(v.noise_suffixes),
        server_prefixes: keys(v.server_prefixes),
        headings: v.headings.iter().map(|(w, h)| (key(w), *h)).collect(),
    }
}

/// Role names of every vocabulary, normalized, longest first: a role is
/// recognized whatever the page's language (zh pages write `A/V`).
pub fn all_roles() -> &'static [(String, Role)] {
    static ROLES: OnceLock<Vec<(String, Role)>> = OnceLock::new();
    ROLES.get_or_init(|| {
        let mut r: Vec<(String, Role)> = ALL
            .iter()
            .flat_map(|v| v.roles.iter().map(|(w, role)| (key(w), role.clone())))
            .collect();
        r.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        r
    })
}
