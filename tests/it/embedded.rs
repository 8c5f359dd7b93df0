//! The embedded default: the zh-CN seed page baked by build.rs.

use portmatrix::model::{Address, EndpointKind as E, Protocol as P, Role, TableKind, Transport};
use portmatrix::model::{Direction, Endpoint, PortRange, Rule};

use crate::support::SEED_FILE;

const ASSET: &str = "f7cbd0f1-841d-4116-8d17-e9d991daa4a8";

fn rule_at(line: u32) -> &'static Rule {
    portmatrix::embedded()
        .rules()
        .find(|r| r.rule.line == line)
        .unwrap_or_else(|| panic!("no rule at line {line}"))
        .rule
}

fn kinds(e: &Endpoint) -> (E, Address, Vec<(E, Address)>) {
    (
        e.kind,
        e.address,
        e.candidates.iter().map(|c| (c.kind, c.address)).collect(),
    )
}

#[test]
fn shape_of_the_seed() {
    let m = portmatrix::embedded();
    assert_eq!(m.pages.len(), 1);
    let page = m.page(ASSET, "zh-CN").expect("seed page");
    assert_eq!(page.locale, "zh-CN");
    assert_eq!(page.path, format!("source-docs/zh-CN/{SEED_FILE}"));
    assert_eq!(
        page.title,
        "Lync Server 2013：端口摘要 - 扩展的合并边缘（通过公用 IP 地址进行 DNS 负载平衡）"
    );
    assert_eq!(page.date.as_deref(), Some("05/19/2016"));
    assert_eq!(page.translation_type.as_deref(), Some("HT"));
    let counts: Vec<usize> = page.tables.iter().map(|t| t.rules.len()).collect();
    assert_eq!(counts, vec![16, 11, 1, 6, 3]);
    assert_eq!(m.rules().count(), 37);
    let kinds: Vec<TableKind> = page.tables.iter().map(|t| t.kind).collect();
    // The second table's heading says 外部接口 (external); its rows are the
    // internal interface. The kind follows the heading; the checks report it.
    assert_eq!(
        kinds,
        vec![
            TableKind::ExternalInterface,
            TableKind::ExternalInterface,
            TableKind::Federation,
            TableKind::PublicImConnectivity,
            TableKind::Xmpp
        ]
    );
    let lines: Vec<(u32, u32)> = page
        .tables
        .iter()
        .map(|t| (t.line, t.heading.as_ref().map_or(0, |h| h.line)))
        .collect();
    assert_eq!(
        lines,
        vec![(34, 32), (152, 150), (241, 238), (270, 267), (329, 326)]
    );
}

#[test]
fn nothing_unrecognized_and_no_diagnostics() {
    let m = portmatrix::embedded();
    // Only the attribution README, which is not a page, is mentioned.
    let d: Vec<(portmatrix::Severity, portmatrix::Code, &str)> = m
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.code, d.path.as_ref()))
        .collect();
    assert_eq!(
        d,
        vec![(
            portmatrix::Severity::Info,
            portmatrix::Code::SkippedPath,
            "source-docs/README.md"
        )]
    );
    for r in m.rules() {
        let r = r.rule;
        assert!(
            !matches!(r.role, Some(Role::Unrecognized(_))),
            "line {}",
            r.line
        );
        assert!(
            !r.protocols.iter().any(|p| matches!(p, P::Unrecognized(_))),
            "line {}",
            r.line
        );
        for e in [&r.source, &r.destination] {
            assert!(
                e.kinds().all(|k| k != E::Unrecognized),
                "line {}: {}",
                r.line,
                e.text
            );
        }
    }
}

#[test]
fn spot_checks() {
    // XMPP/TCP/5269: no role.
    let r = rule_at(50);
    assert_eq!(
        (r.role.clone(), r.protocols.to_vec(), r.transport),
        (None, vec![P::Xmpp], Transport::Tcp)
    );
    assert_eq!(r.ports, PortRange::new(5269, 5269).unwrap());
    assert_eq!(kinds(&r.source), (E::Any, Address::Unspecified, vec![]));
    assert_eq!(r.destination.kind, E::XmppProxy);
    assert_eq!(
        r.note,
        "XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量"
    );

    // 访问/DNS/UDP/53 from the Access Edge public IP.
    let r = rule_at(68);
    assert_eq!(
        (r.role.clone(), r.transport, r.ports.first()),
        (Some(Role::Access), Transport::Udp, 53)
    );
    assert_eq!(kinds(&r.source), (E::AccessEdge, Address::PublicIp, vec![]));

    // 访问/SIP(TLS)/TCP/443
    let r = rule_at(74);
    assert_eq!(r.protocols.to_vec(), vec![P::Sip, P::Tls]);
    assert_eq!(
        r.direction(TableKind::ExternalInterface),
        Direction::Inbound
    );

    // Web 会议/PSOM(TLS)TCP/443: the slash before TCP is missing.
    let r = rule_at(92);
    assert_eq!(
        (r.role.clone(), r.protocols.to_vec()),
        (Some(Role::WebConferencing), vec![P::Psom, P::Tls])
    );
    assert_eq!((r.transport, r.ports.first()), (Transport::Tcp, 443));
    assert_eq!(
        kinds(&r.destination),
        (E::WebConferencingEdge, Address::PublicIp, vec![])
    );

    // A/V/RTP/UDP/50,000-59,999: the role contains a slash; thousands separators.
    let r = rule_at(104);
    assert_eq!(
        (r.role.clone(), r.protocols.to_vec()),
        (Some(Role::AudioVideo), vec![P::Rtp])
    );
    assert_eq!(
        (r.transport, r.ports),
        (Transport::Udp, PortRange::new(50000, 59999).unwrap())
    );
    assert_eq!(
        r.direction(TableKind::ExternalInterface),
        Direction::Outbound
    );

    // A/V/STUN,MSTURN/UDP/3478
    let r = rule_at(128);
    assert_eq!(r.protocols.to_vec(), vec![P::Stun, P::Msturn]);
    assert_eq!(
        kinds(&r.destination),
        (E::AvEdge, Address::PublicIp, vec![])
    );

    // The same A/V Edge service once without its address words (line 140).
    assert_eq!(
        kinds(&rule_at(140).source),
        (E::AvEdge, Address::Unspecified, vec![])
    );

    // XMPP/MTLS/TCP/23456 from "Any (can be defined as …)" to the internal interface.
    let r = rule_at(168);
    assert_eq!(r.protocols.to_vec(), vec![P::Xmpp, P::Mtls]);
    assert_eq!(
        kinds(&r.source),
        (
            E::Any,
            Address::Unspecified,
            vec![
                (E::FrontEndServer, Address::Ip),
                (E::FrontEndPool, Address::Ip)
            ]
        )
    );
    assert_eq!(
        kinds(&r.destination),
        (E::EdgeInternal, Address::Unspecified, vec![])
    );

    // SIP/MTLS/TCP/5061 with four candidates.
    let r = rule_at(174);
    assert_eq!(
        kinds(&r.source).2,
        vec![
            (E::Director, Address::Unspecified),
            (E::DirectorPool, Address::Ip),
            (E::FrontEndServer, Address::Unspecified),
            (E::FrontEndPool, Address::Ip)
        ]
    );

    // HTTPS/TCP/4443 from the pool that holds the Central Management store.
    let r = rule_at(210);
    assert_eq!(
        (r.protocols.to_vec(), r.ports.first()),
        (vec![P::Https], 4443)
    );
    assert_eq!(
        kinds(&r.source).2,
        vec![
            (E::FrontEndServer, Address::Ip),
            (E::CentralManagementStorePool, Address::Unspecified)
        ]
    );

    // MTLS/TCP/50001: a security layer only.
    let r = rule_at(216);
    assert_eq!(
        (r.protocols.to_vec(), r.ports.first(), r.role.clone()),
        (vec![P::Mtls], 50001, None)
    );

    // Public IM: partners and Live Messenger clients.
    assert_eq!(rule_at(286).source.kind, E::PublicImPartners);
    assert_eq!(rule_at(310).destination.kind, E::LiveMessengerClients);

    // XMPP summary: Access Edge interface IP; internal interface IP address.
    assert_eq!(
        kinds(&rule_at(345).destination),
        (E::AccessEdge, Address::InterfaceIp, vec![])
    );
    assert_eq!(
        kinds(&rule_at(357).destination),
        (E::EdgeInternal, Address::Ip, vec![])
    );
}

#[test]
fn rules_keep_document_order_and_lines() {
    let m = portmatrix::embedded();
    for (_, t) in m.tables() {
        let lines: Vec<u32> = t.rules.iter().map(|r| r.line).collect();
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
        assert!(lines.iter().all(|&l| l > t.line));
        for r in t.rules.iter() {
            assert_eq!(r.cells.spec.line, r.line + 1);
            assert_eq!(r.cells.note.line, r.line + 4);
        }
    }
}

#[test]
fn port_queries() {
    let m = portmatrix::embedded();
    assert_eq!(m.rules_on_port(443, None).count(), 6);
    assert_eq!(m.rules_on_port(443, Some(Transport::Udp)).count(), 0);
    assert_eq!(m.rules_on_port(3478, Some(Transport::Udp)).count(), 5);
    assert_eq!(m.rules_on_port(55555, None).count(), 5);
    assert_eq!(m.rules_on_port(5061, Some(Transport::Tcp)).count(), 7);
}

/// build.rs and the run-time parser are the same code: parsing source-docs/
/// now gives exactly the baked matrix.
#[cfg(feature = "parse")]
#[test]
fn baked_data_equals_runtime_parse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("source-docs");
    let source = portmatrix::parse::Source {
        root,
        display: "source-docs".into(),
    };
    let parsed = portmatrix::parse::parse_sources(&[source]);
    assert_eq!(&parsed, portmatrix::embedded());
}

#[test]
fn localized_names() {
    use portmatrix::names::Localized;
    let r = rule_at(56);
    assert_eq!(r.source.name("zh-CN"), "访问边缘服务公用 IP 地址");
    assert_eq!(
        r.source.name("en-US"),
        "Access Edge service public IP address"
    );
    assert_eq!(r.role.as_ref().unwrap().name("zh-CN"), "访问");
    assert_eq!(
        rule_at(174).source.name("en-US"),
        "Any (Director, Director pool IP address, Front End Server, Front End pool IP address)"
    );
    assert_eq!(TableKind::InternalInterface.name("zh-CN"), "内部接口");
}

/// The seed's prose, paragraph by paragraph, as text (Markdown emphasis and
/// image syntax gone; tables and headings are not prose).
#[test]
fn seed_paragraphs_are_its_prose() {
    let page = &portmatrix::embedded().pages[0];
    let lines: Vec<u32> = page.paragraphs.iter().map(|p| p.line).collect();
    assert_eq!(lines, [16, 18, 20, 22, 24, 28, 30]);
    assert_eq!(page.paragraphs[0].text, "上一次修改主题： 2015-03-09");
    assert_eq!(page.paragraphs[4].text, "扩展合并边缘");
    assert!(page.paragraphs[1].text.contains("端口 5269 over TCP"));
    assert!(page.paragraphs.iter().all(|p| !p.text.contains("<table")));
}
