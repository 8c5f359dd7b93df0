//! A matrix with one table of every port-table layout other than the port
//! summary (issue 12), built as typed values: real rows of the en-US pages
//! (`lync-server-2013-ports-and-protocols-for-internal-servers.md`, the IPsec
//! exceptions, the A/V firewall requirements, SQL Server and hybrid pages),
//! with the lines they have there. The renderers are tested on it until the
//! parser reads these tables from the corpus.

use portmatrix::model::{
    ALL_PORTS, Address, Authentication, Cell, Column, ColumnCell, Direction, Endpoint,
    EndpointKind, Heading, KindSource, LocaleSource, Matrix, Page, PortRange, PortScope, Protocol,
    RowCells, Rule, SourcePorts, Table, TableKind, Transport,
};

/// The internal servers page's file, as the matrix names it.
pub const INTERNAL_PATH: &str =
    "corpus/en-US/lync-server-2013-ports-and-protocols-for-internal-servers.md";
/// The IPsec exceptions page's file.
pub const IPSEC_PATH: &str = "corpus/en-US/lync-server-2013-ipsec-exceptions.md";
/// The A/V firewall requirements page's file.
pub const AV_PATH: &str =
    "corpus/en-US/lync-server-2013-determine-external-a-v-firewall-and-port-requirements.md";
/// The SQL Server page's file.
pub const SQL_PATH: &str =
    "corpus/en-US/lync-server-2013-understanding-firewall-requirements-for-sql-server.md";
/// The hybrid deployments page's file.
pub const HYBRID_PATH: &str = "corpus/en-US/lync-server-2013-planning-for-hybrid-deployments.md";

fn cell(text: &str, line: u32) -> Cell {
    Cell {
        text: text.to_string().into(),
        original: None,
        line,
    }
}

fn endpoint(kind: EndpointKind, address: Address, text: &str) -> Endpoint {
    Endpoint {
        kind,
        address,
        candidates: Default::default(),
        unrecognized: None,
        text: text.to_string().into(),
    }
}

fn any() -> Endpoint {
    endpoint(EndpointKind::Any, Address::Unspecified, "Any")
}

/// One row's cells in its table's column order, on the row's `<tr>` line
/// (each `<td>` on the next lines, as pandoc writes them).
fn cells(line: u32, columns: &[Column], texts: &[&str]) -> RowCells {
    let mut c = RowCells {
        spec: cell("", line),
        source: cell("", line),
        destination: cell("", line),
        note: cell("", line),
        other: Default::default(),
    };
    let mut other = Vec::new();
    for (i, (col, text)) in columns.iter().zip(texts).enumerate() {
        let x = cell(text, line + 1 + i as u32);
        match col.field() {
            Some(portmatrix::model::CellField::Spec) => c.spec = x,
            Some(portmatrix::model::CellField::Source) => c.source = x,
            Some(portmatrix::model::CellField::Destination) => c.destination = x,
            Some(portmatrix::model::CellField::Note) => c.note = x,
            None => other.push(ColumnCell {
                column: *col,
                cell: x,
            }),
        }
    }
    c.other = other.into();
    c
}

/// A rule with everything a layout may leave out left out.
#[allow(clippy::too_many_arguments)]
fn rule(
    line: u32,
    columns: &[Column],
    texts: &[&str],
    protocols: &[Protocol],
    transport: Transport,
    ports: PortRange,
    source: Endpoint,
    destination: Endpoint,
) -> Rule {
    let cells = cells(line, columns, texts);
    Rule {
        line,
        role: None,
        protocols: protocols.to_vec().into(),
        transport,
        transport_inferred: false,
        ports,
        source,
        destination,
        note: cells.note.text.clone(),
        cells,
        port_scope: PortScope::Listed,
        source_ports: None,
        service: None,
        name: None,
        authentication: None,
        stated_direction: None,
        remark: None,
    }
}

fn port(p: u16) -> PortRange {
    PortRange::single(p).unwrap()
}

fn table(kind: TableKind, heading: &str, line: u32, columns: &[Column], rules: Vec<Rule>) -> Table {
    Table {
        kind,
        kind_source: KindSource::Heading,
        heading: Some(Heading {
            level: 3,
            text: heading.to_string().into(),
            original: None,
            line: line - 2,
        }),
        line,
        has_role_column: false,
        rules: rules.into(),
        columns: columns.to_vec().into(),
    }
}

fn page(asset_id: &str, path: &str, title: &str, tables: Vec<Table>) -> Page {
    Page {
        asset_id: asset_id.to_string().into(),
        locale: "en-US".into(),
        locale_source: LocaleSource::ContentLocale,
        path: path.to_string().into(),
        title: title.to_string().into(),
        toc_title: None,
        mtps_url: None,
        date: None,
        translation_type: None,
        headings: Default::default(),
        paragraphs: Default::default(),
        tables: tables.into(),
    }
}

/// The internal servers columns.
pub const INTERNAL_COLUMNS: [Column; 5] = [
    Column::ServerRole,
    Column::Service,
    Column::Port,
    Column::Protocol,
    Column::Notes,
];
const LB_COLUMNS: [Column; 3] = [Column::LoadBalancer, Column::Port, Column::Protocol];
const CLIENT_COLUMNS: [Column; 4] = [
    Column::Component,
    Column::Port,
    Column::Protocol,
    Column::Notes,
];
/// The IPsec exceptions columns.
pub const IPSEC_COLUMNS: [Column; 7] = [
    Column::RuleName,
    Column::Source,
    Column::Destination,
    Column::Protocol,
    Column::SourcePort,
    Column::DestinationPort,
    Column::Authentication,
];
const AV_COLUMNS: [Column; 4] = [
    Column::Source,
    Column::Destination,
    Column::SourcePort,
    Column::DestinationPort,
];
const SQL_COLUMNS: [Column; 3] = [Column::Protocol, Column::Port, Column::Direction];
const HYBRID_COLUMNS: [Column; 2] = [Column::ProtocolPort, Column::Applications];

fn internal_servers_page() -> Page {
    let c = &INTERNAL_COLUMNS;
    let fe_note = "Used by Standard Edition servers and Front End pools for all internal SIP communications between servers (MTLS), for SIP communications between Server and Client (TLS) and for SIP communications between Front End Servers and Mediation Servers (MTLS). Also used for communications with Monitoring Server.";
    let mut fe = rule(
        96,
        c,
        &[
            "Front End Servers",
            "Lync Server Front-End service",
            "5061",
            "TCP (TLS)",
            fe_note,
        ],
        &[Protocol::Tls],
        Transport::Tcp,
        port(5061),
        Endpoint::unspecified(),
        endpoint(
            EndpointKind::FrontEndServer,
            Address::Unspecified,
            "Front End Servers",
        ),
    );
    fe.service = Some("Lync Server Front-End service".into());
    let mut dir = rule(
        393,
        c,
        &[
            "Directors",
            "Lync Server Front-End service",
            "5061",
            "TCP",
            "Used for internal communications between servers and for client connections.",
        ],
        &[],
        Transport::Tcp,
        port(5061),
        Endpoint::unspecified(),
        endpoint(EndpointKind::Director, Address::Unspecified, "Directors"),
    );
    dir.service = Some("Lync Server Front-End service".into());
    let mut browser = rule(
        83,
        c,
        &[
            "All Servers",
            "SQL Browser",
            "1434",
            "UDP",
            "SQL Browser for the local replicated copy of the Central Management Store database.",
        ],
        &[],
        Transport::Udp,
        port(1434),
        Endpoint::unspecified(),
        endpoint(
            EndpointKind::AllServers,
            Address::Unspecified,
            "All Servers",
        ),
    );
    browser.service = Some("SQL Browser".into());
    let internal = table(
        TableKind::InternalServers,
        "Required Server Ports (by Server Role)",
        64,
        c,
        vec![browser, fe, dir],
    );

    let lb = |line: u32, text: &str, p: u16, proto: &str, protocols: &[Protocol]| {
        let mut r = rule(
            line,
            &LB_COLUMNS,
            &[text, &p.to_string(), proto],
            protocols,
            Transport::Tcp,
            port(p),
            Endpoint::unspecified(),
            endpoint(EndpointKind::FrontEndPool, Address::VirtualIp, text),
        );
        r.transport_inferred = protocols.contains(&Protocol::Https);
        r
    };
    let mut rp = lb(
        511,
        "Front End Server load balancer",
        4443,
        "HTTPS (from reverse proxy)",
        &[Protocol::Https],
    );
    rp.remark = Some("from reverse proxy".into());
    let lbs = table(
        TableKind::LoadBalancers,
        "Hardware Load Balancer Ports if Using Only Hardware Load Balancing",
        467,
        &LB_COLUMNS,
        vec![
            lb(
                481,
                "Front End Server load balancer",
                5061,
                "TCP (TLS)",
                &[Protocol::Tls],
            ),
            rp,
        ],
    );

    // `1024-65535 *` over `TCP/UDP`: one row, two rules (one per transport).
    let audio = |t: Transport| {
        let mut r = rule(
            702,
            &CLIENT_COLUMNS,
            &[
                "Clients",
                "1024-65535 *",
                "TCP/UDP",
                "Audio port range (minimum of 20 ports required)",
            ],
            &[],
            t,
            PortRange::new(1024, 65535).unwrap(),
            endpoint(EndpointKind::Clients, Address::Unspecified, "Clients"),
            Endpoint::unspecified(),
        );
        r.remark = Some("*".into());
        r
    };
    let clients = table(
        TableKind::ClientPorts,
        "Required Client Ports",
        644,
        &CLIENT_COLUMNS,
        vec![audio(Transport::Tcp), audio(Transport::Udp)],
    );
    page(
        "c94063f1-e802-4a61-be90-022fc185335e",
        INTERNAL_PATH,
        "Lync Server 2013: Ports and protocols for internal servers",
        vec![internal, lbs, clients],
    )
}

fn ipsec_page() -> Page {
    let row = |t: Transport| {
        let mut r = rule(
            60,
            &IPSEC_COLUMNS,
            &[
                "A/V Edge Server Internal Inbound",
                "Any",
                "A/V Edge Server Internal",
                "UDP and TCP",
                "Any",
                "Any",
                "Do not authenticate",
            ],
            &[],
            t,
            ALL_PORTS,
            any(),
            endpoint(
                EndpointKind::EdgeInternal,
                Address::Unspecified,
                "A/V Edge Server Internal",
            ),
        );
        r.port_scope = PortScope::Any;
        r.source_ports = Some(SourcePorts {
            ports: ALL_PORTS,
            scope: PortScope::Any,
        });
        r.name = Some("A/V Edge Server Internal Inbound".into());
        r.authentication = Some(Authentication::NotRequired);
        r
    };
    page(
        "241f1eca-6f2f-44de-90b1-2cb659cbe27c",
        IPSEC_PATH,
        "Lync Server 2013 IPsec exceptions",
        vec![table(
            TableKind::IpsecExceptions,
            "Recommended IPsec Exceptions",
            38,
            &IPSEC_COLUMNS,
            vec![row(Transport::Udp), row(Transport::Tcp)],
        )],
    )
}

fn av_page() -> Page {
    let transport_preference = Table {
        columns: vec![Column::Unrecognized, Column::Unrecognized].into(),
        ..table(
            TableKind::TransportPreference,
            "General Protocol Usage for UDP and TCP in Audio/Video and Media Traffic",
            38,
            &[],
            vec![],
        )
    };
    let av_edge = || {
        endpoint(
            EndpointKind::AvEdge,
            Address::Unspecified,
            "A/V Edge service interface",
        )
    };
    let mut out = rule(
        134,
        &AV_COLUMNS,
        &[
            "A/V Edge service interface",
            "Any",
            "TCP 50,000-59,999",
            "TCP 443",
        ],
        &[],
        Transport::Tcp,
        port(443),
        av_edge(),
        any(),
    );
    out.source_ports = Some(SourcePorts {
        ports: PortRange::new(50000, 59999).unwrap(),
        scope: PortScope::Listed,
    });
    let mut inbound = rule(
        146,
        &AV_COLUMNS,
        &["Any", "A/V Edge service interface", "Any", "TCP 443"],
        &[],
        Transport::Tcp,
        port(443),
        any(),
        av_edge(),
    );
    inbound.source_ports = Some(SourcePorts {
        ports: ALL_PORTS,
        scope: PortScope::Any,
    });
    page(
        "3b849dc7-175d-40d1-820d-80e6ade6d332",
        AV_PATH,
        "Lync Server 2013: Determine external A/V firewall and port requirements",
        vec![
            transport_preference,
            table(
                TableKind::AvFirewall,
                "External A/V Firewall Port Requirements for External User Access",
                118,
                &AV_COLUMNS,
                vec![out, inbound],
            ),
        ],
    )
}

fn sql_page() -> Page {
    let sql = || endpoint(EndpointKind::SqlServer, Address::Unspecified, "");
    let mut default = rule(
        61,
        &SQL_COLUMNS,
        &["TCP", "1433", "Inbound to SQL Server"],
        &[],
        Transport::Tcp,
        port(1433),
        Endpoint::unspecified(),
        sql(),
    );
    default.stated_direction = Some(Direction::Inbound);
    let mut named = rule(
        125,
        &SQL_COLUMNS,
        &["TCP", "Statically defined", "Inbound"],
        &[],
        Transport::Tcp,
        ALL_PORTS,
        Endpoint::unspecified(),
        sql(),
    );
    named.port_scope = PortScope::Configured;
    named.stated_direction = Some(Direction::Inbound);
    page(
        "31d7df2c-589f-465e-be74-cf6767db190d",
        SQL_PATH,
        "Lync Server 2013: Understanding firewall requirements for SQL Server",
        vec![
            table(
                TableKind::SqlServer,
                "Requirements for a Firewall Exception When Using the Default Instance",
                47,
                &SQL_COLUMNS,
                vec![default],
            ),
            table(
                TableKind::SqlServer,
                "Requirements for Static Listening Ports When Using Named Instances",
                111,
                &SQL_COLUMNS,
                vec![named],
            ),
        ],
    )
}

fn hybrid_page() -> Page {
    let dns = Table {
        columns: vec![Column::Unrecognized; 3].into(),
        ..table(TableKind::DnsRecords, "DNS Requirements", 176, &[], vec![])
    };
    let sip = rule(
        256,
        &HYBRID_COLUMNS,
        &["TCP 5061", "Open inbound/outbound on the Edge Server"],
        &[],
        Transport::Tcp,
        port(5061),
        Endpoint::unspecified(),
        Endpoint::unspecified(),
    );
    page(
        "f8b3d240-bc2e-42c9-acf8-d532d641a14c",
        HYBRID_PATH,
        "Lync Server 2013: Planning for hybrid deployments",
        vec![
            dns,
            table(
                TableKind::Hybrid,
                "Port and Protocol Requirements",
                224,
                &HYBRID_COLUMNS,
                vec![sip],
            ),
        ],
    )
}

/// The matrix: the five pages, in path order.
pub fn matrix() -> Matrix {
    let mut pages = vec![
        av_page(),
        hybrid_page(),
        ipsec_page(),
        internal_servers_page(),
        sql_page(),
    ];
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Matrix {
        pages: pages.into(),
        diagnostics: Default::default(),
    }
}
