//! Every port table typed (issue 12): the layouts other than the port
//! summary (internal servers, load balancers, client ports, IPsec
//! exceptions, A/V firewall requirements, SQL Server, hybrid), read by one
//! grammar per column meaning in en-US and zh-CN, and the two tables without
//! ports given their kind.

use std::collections::BTreeMap;

use portmatrix::model::{
    Authentication, Column, Direction, KindSource, Matrix, Page, PortScope, Protocol, Rule, Table,
    TableKind, Transport,
};
use portmatrix::{Code, Severity};

use crate::support::{corpus, find_page};

const SERVERS: &str = "ports-and-protocols-for-internal-servers.md";
const IPSEC: &str = "ipsec-exceptions.md";
const AV: &str = "determine-external-a-v-firewall-and-port-requirements.md";
const SQL: &str = "understanding-firewall-requirements-for-sql-server.md";
const HYBRID: &str = "planning-for-hybrid-deployments.md";

/// The tables of the other layouts (those with `columns`).
fn layout_tables(p: &Page) -> Vec<&Table> {
    p.tables.iter().filter(|t| !t.columns.is_empty()).collect()
}

/// A rule in one line: transport (`*` when inferred), ports, protocols,
/// source → destination (kind/address), and the typed extras.
fn show(r: &Rule) -> String {
    let t = match r.transport {
        Transport::Tcp => "tcp",
        Transport::Udp => "udp",
    };
    let ep = |e: &portmatrix::model::Endpoint| format!("{:?}/{:?}", e.kind, e.address);
    let mut s = format!(
        "{}{} {}-{} {:?} {} -> {}",
        t,
        if r.transport_inferred { "*" } else { "" },
        r.ports.first(),
        r.ports.last(),
        r.protocols,
        ep(&r.source),
        ep(&r.destination)
    );
    if r.port_scope != PortScope::Listed {
        s += &format!(" scope={:?}", r.port_scope);
    }
    if let Some(sp) = r.source_ports {
        s += &format!(
            " from={}-{}/{:?}",
            sp.ports.first(),
            sp.ports.last(),
            sp.scope
        );
    }
    if let Some(a) = &r.authentication {
        s += &format!(" auth={a:?}");
    }
    if let Some(d) = r.stated_direction {
        s += &format!(" dir={d:?}");
    }
    if let Some(x) = &r.remark {
        s += &format!(" remark={x:?}");
    }
    s
}

/// The rules of the row at `line` of `page`'s tables of other layouts.
fn row<'a>(m: &'a Matrix, locale: &str, page: &str, line: u32) -> Vec<&'a Rule> {
    layout_tables(find_page(m, locale, page))
        .into_iter()
        .flat_map(|t| t.rules.iter())
        .filter(|r| r.line == line)
        .collect()
}

fn shown(m: &Matrix, locale: &str, page: &str, line: u32) -> Vec<String> {
    row(m, locale, page, line).into_iter().map(show).collect()
}

/// (kind, rows typed, rules) per table, then rows and rules in all.
type PerLocale = (Vec<(TableKind, usize, usize)>, usize, usize);

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn every_port_row_is_typed_with_exact_counts() {
    let m = corpus();
    assert!(!m.has_errors());
    assert_eq!(
        m.diagnostics
            .iter()
            .filter(|d| d.code == Code::UnsupportedTableLayout)
            .count(),
        0
    );
    // (kind, rows typed, rules) per table, in page order.
    let mut per_locale: BTreeMap<&str, PerLocale> = BTreeMap::new();
    for locale in ["en-US", "zh-CN"] {
        let mut tables = Vec::new();
        let (mut rows, mut rules) = (0, 0);
        for page in [AV, IPSEC, HYBRID, SERVERS, SQL] {
            for t in find_page(&m, locale, page).tables.iter() {
                assert!(!t.columns.is_empty(), "{page}:{}", t.line);
                let mut lines: Vec<u32> = t.rules.iter().map(|r| r.line).collect();
                lines.dedup();
                tables.push((t.kind, lines.len(), t.rules.len()));
                rows += lines.len();
                rules += t.rules.len();
            }
        }
        per_locale.insert(locale, (tables, rows, rules));
    }
    use TableKind::*;
    let common = [
        (TransportPreference, 0, 0),
        (AvFirewall, 4, 4),
        (AvFirewall, 4, 4),
        (IpsecExceptions, 15, 27),
    ];
    let servers = [
        (InternalServers, 52, 54),
        (LoadBalancers, 20, 20),
        (LoadBalancers, 6, 6),
        (ClientPorts, 12, 16),
        (SqlServer, 1, 1),
        (SqlServer, 1, 1),
        (SqlServer, 1, 1),
    ];
    let en: Vec<_> = common
        .iter()
        .chain(&[(DnsRecords, 0, 0), (Hybrid, 7, 8)])
        .chain(&servers)
        .copied()
        .collect();
    // zh-CN's hybrid page has no DNS table and repeats its 7 port rows.
    let zh: Vec<_> = common
        .iter()
        .chain(&[(Hybrid, 14, 16)])
        .chain(&servers)
        .copied()
        .collect();
    assert_eq!(per_locale["en-US"], (en, 123, 142));
    assert_eq!(per_locale["zh-CN"], (zh, 130, 150));
    // 124 and 131 body rows: the empty row of each locale gives a warning.
    let empty: Vec<(&str, u32)> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EmptyRow)
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning);
            (d.path.rsplit('/').nth(1).unwrap(), d.line)
        })
        .collect();
    assert_eq!(empty, [("en-US", 628), ("zh-CN", 609)]);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn tables_without_ports_have_their_kind_and_no_warning() {
    let m = corpus();
    let av = find_page(&m, "en-US", AV);
    assert_eq!(
        (
            av.tables[0].kind,
            av.tables[0].kind_source,
            av.tables[0].rules.len()
        ),
        (TableKind::TransportPreference, KindSource::Columns, 0)
    );
    let zh = find_page(&m, "zh-CN", AV);
    assert_eq!(zh.tables[0].kind, TableKind::TransportPreference);
    let hybrid = find_page(&m, "en-US", HYBRID);
    assert_eq!(
        (hybrid.tables[0].kind, hybrid.tables[0].line),
        (TableKind::DnsRecords, 173)
    );
    for p in [av, zh, hybrid] {
        for t in p.tables.iter().filter(|t| !t.kind.holds_ports()) {
            assert!(
                !m.diagnostics
                    .iter()
                    .any(|d| d.path == p.path && d.line == t.line),
                "{}:{}",
                p.path,
                t.line
            );
        }
    }
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn typed_values_of_every_layout() {
    let m = corpus();
    let en = |page, line| shown(&m, "en-US", page, line);
    // Internal servers: the role is the destination, no source.
    assert_eq!(
        en(SERVERS, 82),
        ["udp 1434-1434 [] Unspecified/Unspecified -> AllServers/Unspecified"]
    );
    assert_eq!(
        en(SERVERS, 96),
        ["tcp 5061-5061 [Tls] Unspecified/Unspecified -> FrontEndServer/Unspecified"]
    );
    // `HTTPS` over `TCP` in two paragraphs of one cell.
    assert_eq!(
        en(SERVERS, 103),
        ["tcp 444-444 [Https] Unspecified/Unspecified -> FrontEndServer/Unspecified"]
    );
    // `DCOM and remote procedure call (RPC)`: TCP inferred.
    assert_eq!(
        en(SERVERS, 112),
        ["tcp* 135-135 [Dcom, Rpc] Unspecified/Unspecified -> FrontEndServer/Unspecified"]
    );
    // `TCP/UDP` over a range: one rule per transport.
    assert_eq!(
        en(SERVERS, 147),
        [
            "tcp 57501-65535 [] Unspecified/Unspecified -> FrontEndServer/Unspecified",
            "udp 57501-65535 [] Unspecified/Unspecified -> FrontEndServer/Unspecified"
        ]
    );
    assert_eq!(
        shown(&m, "zh-CN", SERVERS, 120),
        en(SERVERS, 147),
        "57501 -65535"
    );
    assert_eq!(
        en(SERVERS, 168),
        ["tcp 8080-8080 [Http] Unspecified/Unspecified -> FrontEndServer/Unspecified"]
    );
    assert_eq!(
        en(SERVERS, 231),
        ["tcp 5070-5070 [] Unspecified/Unspecified -> FrontEndServer/Unspecified"]
    );
    assert_eq!(
        en(SERVERS, 336),
        ["tcp 445-445 [] Unspecified/Unspecified -> CentralManagementStorePool/Unspecified"]
    );
    assert_eq!(
        en(SERVERS, 435),
        ["tcp 881-881 [Tls, Mtls] Unspecified/Unspecified -> PersistentChatServer/Unspecified"]
    );
    // Service names as written, an empty one as none.
    let r = row(&m, "en-US", SERVERS, 301)[0];
    assert_eq!(r.service.as_deref(), Some("Not applicable"));
    let r = row(&m, "en-US", SERVERS, 350)[0];
    assert_eq!(r.service.as_deref(), Some("Various"));
    assert_eq!(
        r.destination.kind,
        portmatrix::model::EndpointKind::InternalServers
    );
    // Office Web Apps: empty service, protocol and notes.
    let r = row(&m, "en-US", SERVERS, 357);
    assert_eq!(
        r.iter().map(|r| show(r)).collect::<Vec<_>>(),
        ["tcp* 443-443 [] Unspecified/Unspecified -> OfficeWebApps/Unspecified"]
    );
    assert_eq!(r[0].service, None);
    assert_eq!(r[0].cells.get(Column::Protocol).unwrap().text, "");
    let d = m
        .diagnostics
        .iter()
        .find(|d| d.code == Code::EmptyProtocol && d.path.contains("en-US"))
        .unwrap();
    assert_eq!(
        (d.severity, d.line, d.message.as_ref(), d.cell.as_deref()),
        (
            Severity::Warning,
            361,
            "no transport or protocol given for the port; TCP assumed",
            Some("")
        )
    );
    // An empty Notes cell.
    let r = row(&m, "en-US", SERVERS, 182)[0];
    assert_eq!((r.note.as_ref(), r.cells.note.line), ("", 187));
    assert_eq!(r.cells.spec.text, "8060");

    // Load balancers: the pool's virtual IP is the destination.
    assert_eq!(
        en(SERVERS, 481),
        ["tcp 5061-5061 [Tls] Unspecified/Unspecified -> FrontEndPool/VirtualIp"]
    );
    assert_eq!(
        en(SERVERS, 501),
        [
            "tcp 8080-8080 [] Unspecified/Unspecified -> FrontEndPool/VirtualIp remark=\"Client and device retrieval of root certificate from Front End Server - clients and devices authenticated by NTLM\""
        ]
    );
    assert_eq!(
        en(SERVERS, 576),
        [
            "tcp* 4443-4443 [Https] Unspecified/Unspecified -> DirectorPool/VirtualIp remark=\"from reverse proxy\""
        ]
    );
    assert_eq!(
        en(SERVERS, 551),
        ["tcp 5070-5070 [] Unspecified/Unspecified -> MediationServer/VirtualIp"]
    );

    // Client ports: the component is the source.
    assert_eq!(
        en(SERVERS, 660),
        [
            "udp* 67-67 [Dhcp] Clients/Unspecified -> Unspecified/Unspecified",
            "udp* 68-68 [Dhcp] Clients/Unspecified -> Unspecified/Unspecified"
        ]
    );
    assert_eq!(
        en(SERVERS, 672),
        ["tcp 443-443 [Psom, Tls] Clients/Unspecified -> Unspecified/Unspecified"]
    );
    assert_eq!(
        en(SERVERS, 684),
        ["udp 3478-3478 [Stun, Msturn] Clients/Unspecified -> Unspecified/Unspecified"]
    );
    assert_eq!(
        en(SERVERS, 702),
        [
            "tcp 1024-65535 [] Clients/Unspecified -> Unspecified/Unspecified remark=\"*\"",
            "udp 1024-65535 [] Clients/Unspecified -> Unspecified/Unspecified remark=\"*\""
        ]
    );
    assert_eq!(
        en(SERVERS, 726),
        [
            "udp* 67-67 [Dhcp] Devices/Unspecified -> Unspecified/Unspecified",
            "udp* 68-68 [Dhcp] Devices/Unspecified -> Unspecified/Unspecified"
        ]
    );

    // IPsec exceptions: any ports, both transports, no authentication.
    assert_eq!(
        en(IPSEC, 60),
        [
            "udp 1-65535 [] Any/Unspecified -> EdgeInternal/Unspecified scope=Any from=1-65535/Any auth=NotRequired",
            "tcp 1-65535 [] Any/Unspecified -> EdgeInternal/Unspecified scope=Any from=1-65535/Any auth=NotRequired"
        ]
    );
    assert_eq!(en(IPSEC, 78).len(), 2, "UDP & TCP");
    let r = row(&m, "en-US", IPSEC, 188)[0];
    assert_eq!(
        show(r),
        "udp 1-65535 [] Any/Unspecified -> Any/Unspecified scope=Any from=1-65535/Configured auth=NotRequired"
    );
    assert_eq!(r.name.as_deref(), Some("Clients"));
    assert_eq!(r.authentication, Some(Authentication::NotRequired));
    assert_eq!(
        en(IPSEC, 96),
        [
            "udp 1-65535 [] Any/Unspecified -> MediationServer/Unspecified scope=Any from=1-65535/Any auth=NotRequired",
            "tcp 1-65535 [] Any/Unspecified -> MediationServer/Unspecified scope=Any from=1-65535/Any auth=NotRequired"
        ]
    );

    // A/V firewall requirements, with and without source ports.
    assert_eq!(
        en(AV, 91),
        ["tcp 443-443 [] AvEdge/InterfaceIp -> Any/Unspecified"]
    );
    assert_eq!(
        en(AV, 134),
        ["tcp 443-443 [] AvEdge/InterfaceIp -> Any/Unspecified from=50000-59999/Listed"]
    );
    assert_eq!(
        en(AV, 152),
        ["udp 3478-3478 [] Any/Unspecified -> AvEdge/InterfaceIp from=1-65535/Any"]
    );

    // SQL Server: the stated direction.
    assert_eq!(
        en(SQL, 61),
        ["tcp 1433-1433 [] Unspecified/Unspecified -> Unspecified/Unspecified dir=Inbound"]
    );
    assert_eq!(
        en(SQL, 125),
        [
            "tcp 1-65535 [] Unspecified/Unspecified -> Unspecified/Unspecified scope=Configured dir=Inbound"
        ]
    );
    let r = row(&m, "zh-CN", SQL, 45)[0];
    assert_eq!(r.stated_direction, Some(Direction::Inbound));

    // Hybrid: transport and port in one cell, the applications as note.
    assert_eq!(
        en(HYBRID, 249),
        [
            "tcp 80-80 [] Unspecified/Unspecified -> Unspecified/Unspecified",
            "tcp 443-443 [] Unspecified/Unspecified -> Unspecified/Unspecified"
        ]
    );
    assert_eq!(
        en(HYBRID, 260),
        ["tcp* 443-443 [Psom, Tls] Unspecified/Unspecified -> Unspecified/Unspecified"]
    );
    assert_eq!(
        en(HYBRID, 268),
        ["udp 3478-3478 [Stun] Unspecified/Unspecified -> Unspecified/Unspecified"]
    );
    let r = row(&m, "en-US", HYBRID, 249)[0];
    assert!(
        r.note.contains("Directory Synchronization Tool"),
        "{}",
        r.note
    );
    assert_eq!(r.protocols.to_vec(), Vec::<Protocol>::new());
}

/// zh-CN types every row like en-US (same tables in the same order, same
/// `typed()` row by row), but for the one real difference: the zh-CN hybrid
/// table repeats its 7 rows (lines 167-203), which the checks are to
/// report, not this parser to hide.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn zh_cn_types_every_row_like_en_us_where_the_documents_agree() {
    let m = corpus();
    let mut compared = 0;
    let mut extra = Vec::new();
    for page in [AV, IPSEC, HYBRID, SERVERS, SQL] {
        let en: Vec<_> = layout_tables(find_page(&m, "en-US", page))
            .into_iter()
            .filter(|t| t.kind.holds_ports())
            .collect();
        let zh: Vec<_> = layout_tables(find_page(&m, "zh-CN", page))
            .into_iter()
            .filter(|t| t.kind.holds_ports())
            .collect();
        assert_eq!(en.len(), zh.len(), "{page}");
        for (e, z) in en.iter().zip(&zh) {
            assert_eq!((e.kind, &e.columns), (z.kind, &z.columns), "{page}");
            for (i, rz) in z.rules.iter().enumerate() {
                match e.rules.get(i) {
                    Some(re) => {
                        assert_eq!(re.typed(), rz.typed(), "{page}: {} / {}", re.line, rz.line);
                        compared += 1;
                    }
                    None => extra.push((page, rz.line)),
                }
            }
        }
    }
    assert_eq!(compared, 142);
    extra.dedup();
    assert_eq!(
        extra,
        [167, 180, 187, 191, 195, 199, 203]
            .iter()
            .map(|&l| (HYBRID, l))
            .collect::<Vec<_>>()
    );
}
