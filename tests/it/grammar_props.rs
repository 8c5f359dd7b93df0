//! Property tests for the cell grammars: a rendered rule parses back to the
//! same typed values; port ranges round-trip in every written form; named
//! endpoints parse back to their kind; no input panics.

use portmatrix::diag::Code;
use portmatrix::model::{Address, Endpoint, EndpointKind, PortRange, Protocol, Role, Transport};
use portmatrix::names::Localized;
use portmatrix::parse::endpoint::parse_endpoint;
use portmatrix::parse::spec::parse_spec;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const PROTOCOLS: [Protocol; 14] = [
    Protocol::Sip,
    Protocol::Psom,
    Protocol::Xmpp,
    Protocol::Http,
    Protocol::Https,
    Protocol::Dns,
    Protocol::Rtp,
    Protocol::Srtp,
    Protocol::Stun,
    Protocol::Msturn,
    Protocol::Turn,
    Protocol::Rdp,
    Protocol::Tls,
    Protocol::Mtls,
];

fn role() -> impl Strategy<Value = Option<Role>> {
    prop_oneof![
        Just(None),
        Just(Some(Role::Access)),
        Just(Some(Role::AudioVideo)),
        Just(Some(Role::WebConferencing))
    ]
}

fn protocols() -> impl Strategy<Value = Vec<Protocol>> {
    proptest::collection::vec(proptest::sample::select(PROTOCOLS.to_vec()), 1..=3)
}

fn transport() -> impl Strategy<Value = Transport> {
    prop_oneof![Just(Transport::Tcp), Just(Transport::Udp)]
}

fn ports() -> impl Strategy<Value = PortRange> {
    prop_oneof![
        (1u32..=65535).prop_map(|p| PortRange::new(p, p).unwrap()),
        (1u32..=65535, 1u32..=65535).prop_map(|(a, b)| PortRange::new(a.min(b), a.max(b)).unwrap()),
    ]
}

/// `50,000`: thousands grouped with a comma, as the pages write large ports.
fn grouped(n: u16) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// A port range the ways the pages write it.
fn render_ports(r: PortRange, style: usize) -> String {
    if r.is_single() {
        return match style % 2 {
            0 => r.first().to_string(),
            _ => grouped(r.first()),
        };
    }
    match style % 5 {
        0 => format!("{}-{}", r.first(), r.last()),
        1 => format!("{}-{}", grouped(r.first()), grouped(r.last())),
        2 => format!("{} - {}", r.first(), r.last()),
        3 => format!("{}–{}", r.first(), r.last()),
        _ => format!("{}~{}", r.first(), r.last()),
    }
}

/// `cases` random cases, after the failures saved in
/// `grammar_props.proptest-regressions` next to this file (where a new
/// failure is saved too). `WithSource`: the default, `SourceParallel`, would
/// look in `tests/proptest-regressions/grammar_props.txt`, because
/// `tests/it/` has a `main.rs`. Failures found so far are also explicit tests
/// at the end of this file.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(2000))]

    /// `Role/Proto[/Proto]/TCP/port` (and the `Proto/TCP port` form) parses
    /// back to exactly the values it was rendered from.
    #[test]
    fn rendered_spec_parses_back(
        role in role(),
        protocols in protocols(),
        transport in transport(),
        ports in ports(),
        style in 0usize..10,
        space_before_port in any::<bool>(),
    ) {
        let mut cell = String::new();
        if let Some(r) = &role {
            cell.push_str(&r.name("en-US"));
            cell.push('/');
        }
        cell.push_str(&portmatrix::names::protocols(&protocols));
        cell.push('/');
        cell.push_str(&transport.name("en-US"));
        cell.push(if space_before_port { ' ' } else { '/' });
        cell.push_str(&render_ports(ports, style));
        let spec = parse_spec(&cell).map_err(|e| TestCaseError::fail(format!("{cell}: {e:?}")))?;
        prop_assert_eq!(spec.role, role, "{}", cell);
        prop_assert_eq!(spec.protocols, protocols, "{}", cell);
        prop_assert_eq!(spec.transport, transport, "{}", cell);
        prop_assert!(!spec.transport_inferred);
        prop_assert_eq!(spec.ports, ports, "{}", cell);
    }

    /// The same, in the page's own language (zh-CN role names).
    #[test]
    fn rendered_zh_spec_parses_back(role in role(), protocols in protocols(), transport in transport(), ports in ports()) {
        let mut cell = String::new();
        if let Some(r) = &role {
            cell.push_str(&r.name("zh-CN"));
            cell.push('/');
        }
        cell.push_str(&format!("{}/{}/{}", portmatrix::names::protocols(&protocols), transport.name("zh-CN"), ports));
        let spec = parse_spec(&cell).map_err(|e| TestCaseError::fail(format!("{cell}: {e:?}")))?;
        prop_assert_eq!((spec.role, spec.protocols, spec.transport, spec.ports), (role, protocols, transport, ports));
    }

    /// Port ranges round-trip through Display, and invalid ones are refused
    /// with the right code.
    #[test]
    fn port_ranges_round_trip(a in 0u32..=200_000, b in 0u32..=200_000) {
        let cell = format!("SIP/TCP/{a}-{b}");
        match (PortRange::new(a, b), parse_spec(&cell)) {
            (Ok(r), Ok(spec)) => {
                prop_assert_eq!(spec.ports, r);
                let shown = parse_spec(&format!("SIP/TCP/{r}")).unwrap();
                prop_assert_eq!(shown.ports, r);
            }
            (Err(_), Err(e)) => {
                let want = if (1..=65535).contains(&a) && (1..=65535).contains(&b) { Code::ReversedRange } else { Code::InvalidPort };
                prop_assert_eq!(e.code, want, "{}", cell);
            }
            (want, got) => prop_assert!(false, "{cell}: model says {want:?}, grammar says {got:?}"),
        }
    }

    /// Any text: the grammars never panic, and what they accept is valid.
    #[test]
    fn any_text_is_safe(s in "\\PC{0,60}", locale in prop_oneof![Just("en-US"), Just("zh-CN"), Just("fr-FR")]) {
        if let Ok(spec) = parse_spec(&s) {
            prop_assert!(spec.ports.first() >= 1 && spec.ports.first() <= spec.ports.last());
        }
        let e = parse_endpoint(&s, locale);
        prop_assert!(e.candidates.windows(2).all(|w| w[0] < w[1]));
    }

    /// Cells made of grammar pieces in random order: never a panic.
    #[test]
    fn grammar_soup_is_safe(parts in proptest::collection::vec(prop_oneof![
        Just("/"), Just(" "), Just("TCP"), Just("UDP"), Just("SIP"), Just("A/V"), Just("("), Just(")"), Just(","),
        Just("50,000"), Just("-"), Just("至"), Just("65535"), Just("0"), Just("访问"), Just("MTLS"), Just("99999"),
    ], 0..12)) {
        let cell: String = parts.concat();
        let _ = parse_spec(&cell);
    }
}

const KINDS: [EndpointKind; 25] = [
    EndpointKind::EdgeServer,
    EndpointKind::AccessEdge,
    EndpointKind::WebConferencingEdge,
    EndpointKind::AvEdge,
    EndpointKind::XmppProxy,
    EndpointKind::EdgeInternal,
    EndpointKind::Director,
    EndpointKind::DirectorPool,
    EndpointKind::DirectorWebServices,
    EndpointKind::FrontEndServer,
    EndpointKind::FrontEndPool,
    EndpointKind::FrontEndWebServices,
    EndpointKind::StandardEditionServer,
    EndpointKind::Pool,
    EndpointKind::CentralManagementStorePool,
    EndpointKind::SurvivableBranchAppliance,
    EndpointKind::SurvivableBranchServer,
    EndpointKind::OfficeWebApps,
    EndpointKind::ReverseProxyInternal,
    EndpointKind::ReverseProxyExternal,
    EndpointKind::Clients,
    EndpointKind::InternalClients,
    EndpointKind::LiveMessengerClients,
    EndpointKind::PublicImPartners,
    EndpointKind::FederatedPartners,
];

fn named(kind: EndpointKind, address: Address) -> Endpoint {
    Endpoint {
        kind,
        address,
        candidates: Vec::new().into(),
        unrecognized: None,
        text: "".into(),
    }
}

/// Asserts that every endpoint kind, named in `locale`, parses back to that
/// kind on a `locale` page.
fn assert_names_parse_back(locale: &str) {
    let mut wrong = Vec::new();
    for k in KINDS {
        let name = named(k, Address::Unspecified).name(locale);
        let e = parse_endpoint(&name, locale);
        if (e.kind, e.address) != (k, Address::Unspecified) {
            wrong.push(format!("{name:?} -> {:?} {:?}", e.kind, e.address));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every endpoint kind, named in English, parses back to that kind.
#[test]
fn english_endpoint_names_parse_back() {
    assert_names_parse_back("en-US");
}

proptest! {
    #![proptest_config(config(1000))]

    /// `Any (X, Y)` and `X, Y or Z` written from typed candidates parse back
    /// to the same candidates (sorted, without duplicates).
    #[test]
    fn english_candidate_lists_parse_back(ks in proptest::collection::vec(proptest::sample::select(KINDS.to_vec()), 2..4), any_of in any::<bool>()) {
        let names: Vec<String> = ks.iter().map(|k| k.name("en-US").into_owned()).collect();
        let text = if any_of {
            format!("Any ({})", names.join(", "))
        } else {
            format!("{} or {}", names[..names.len() - 1].join(", "), names[names.len() - 1])
        };
        let e = parse_endpoint(&text, "en-US");
        let mut want: Vec<EndpointKind> = ks.clone();
        want.sort();
        want.dedup();
        let got: Vec<EndpointKind> = e.candidates.iter().map(|c| c.kind).collect();
        if !any_of && want.len() == 1 {
            prop_assert_eq!(e.kind, want[0], "{}", text);
        } else {
            prop_assert_eq!(e.kind, if any_of { EndpointKind::Any } else { EndpointKind::OneOf }, "{}", text);
            prop_assert_eq!(got, want, "{}", text);
        }
    }
}

/// Every endpoint kind, named in Simplified Chinese, parses back to that
/// kind on a zh-CN page.
#[test]
fn chinese_endpoint_names_parse_back() {
    assert_names_parse_back("zh-CN");
}

/// Found by `english_candidate_lists_parse_back`: `normalize::key` collapsed
/// the repeated token `pool,` of `Director pool, Pool, Edge Server`, losing
/// the candidate `Pool`.
#[test]
fn list_items_ending_in_the_same_word_are_kept() {
    for text in [
        "Any (Director pool, Pool, Edge Server)",
        "Director pool, Pool, Edge Server",
    ] {
        let e = parse_endpoint(text, "en-US");
        let got: Vec<EndpointKind> = e.candidates.iter().map(|c| c.kind).collect();
        assert_eq!(
            got,
            vec![
                EndpointKind::EdgeServer,
                EndpointKind::DirectorPool,
                EndpointKind::Pool
            ],
            "{text}"
        );
    }
    // The typo the collapsing is for still folds.
    assert_eq!(
        parse_endpoint("Front End Server server", "en-US").kind,
        EndpointKind::FrontEndServer
    );
}
