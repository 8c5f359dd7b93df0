//! Issue 11 item 4: the de-DE, es-ES, it-IT and pt-BR vocabularies
//! (`i18n/<locale>/vocabulary.toml`) on the corpus editions in those
//! languages. Each edition is parsed alone; a rule agrees when its
//! [`Rule::typed`](portmatrix::model::Rule::typed) equals the en-US rule at
//! the same page, table and row index. Every en-US rule without an agreeing
//! rule is listed in [`DIFFERENCES`] with why: the edition's row says
//! something else than en-US, or its wording is one the grammar cannot read
//! whatever the vocabulary says. Nothing is forced to agree.

use std::collections::BTreeMap;
use std::path::Path;

use portmatrix::Severity;
use portmatrix::model::Matrix;
use portmatrix::parse::{Source, parse_sources};

use crate::support;

/// The editions: the rules typed like en-US before these vocabularies (the
/// partial de-DE file, es-ES, it-IT and pt-BR with their range word only)
/// and now.
const EDITIONS: [(&str, usize, usize); 7] = [
    ("de-DE-ht-first", 9, 234),
    ("es-ES-ht-first", 0, 233),
    ("es-ES-mt-last", 177, 237),
    ("it-IT-mt-first", 0, 228),
    ("it-IT-mt-last", 187, 237),
    ("pt-BR-ht-first", 0, 235),
    ("pt-BR-mt-last", 232, 237),
];

const XMPP: &str =
    "lync-server-2013-port-summary-extensible-messaging-and-presence-protocol-xmpp-federation.md";
const SCALED_DNS_NAT: &str = "lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat.md";
const SCALED_DNS_PUBLIC: &str = "lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md";
const SCALED_HLB: &str =
    "lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers.md";
const SINGLE_NAT: &str =
    "lync-server-2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat.md";
const SINGLE_PUBLIC: &str =
    "lync-server-2013-port-summary-single-consolidated-edge-with-public-ip-addresses.md";

// de-DE-ht-first: the document. (Its comma inside the Access Edge service's
// name, `Edgeserverzugriff, Edgedienst`, its two items without a comma
// between them, `als Directorpool-IP-Adresse Front-End-Server`, and its
// `Pool, der die interne Schnittstelle beinhaltet` are read like en-US since
// the list grammar reads them: see `endpoint`.)
const DE_PUBLIC_IP: &str = "`Öffentliche IP-Adresse des Zugriffs-Edgediensts`: a public IP address; en-US `Access Edge service public VIP address`";

// es-ES-ht-first. Its first cells `SIP/TLS/443 (entrada)`,
// `STUN/MSTURN/UDP/3478 (entrada/salida)` and `STUN/MSTURN/TCP/443
// (entrada)` (39 rows) name no role, where en-US has `Access/SIP(TLS)/TCP/443`
// and `A/V/STUN,MSTURN/…`; the remark after the port is read apart
// (`Rule::remark`) and the role is the one Edge service on the row's ends
// (`role_inferred`), so those rows agree with en-US. Two of them also differ
// by their address:
const ES_PUBLIC_IP: &str = "`Dirección IP pública de Servidor perimetral Servicio perimetral A/V`: a public IP address; en-US `Edge Server A/V Edge service public VIP address`";
const ES_INTERNAL_IP: &str = "`Dirección IP interna del Servidor perimetral de acceso`: the internal IP address; en-US `Access Edge service interface IP address`";

// it-IT-mt-first: an address shared by two items is written before the first
// (`indirizzo IP del X o Y`: the IP address of X or Y), in en-US after the
// last (`X or Y IP address`). The grammar gives an address to the item it is
// written with, before or after its name, so the two orders type each a
// different item, and `portmatrix check` beside en-US reports each row
// (`locale_value_mismatch`). Giving the address written first to the bare
// items after it was measured and reads the corpus worse: the other
// editions keep en-US's attachment without its comma (`dirección IP de
// Servidor front-end o grupo de servidores que mantienen el Almacén …` for
// `the Front End Server IP address, or pool that holds …`): es-ES-ht-first
// and pt-BR-ht-first lost 4 rules each, it-IT-mt-last 9, and these rows
// still differ (en-US gives the Front End Server no address).
const IT_SHARED_IP: &str = "`indirizzo IP del server front-end o pool di front-end`: the Front End Server's IP address and the pool; en-US `Front End Server or Front End pool IP address`";
const IT_SHARED_VIP: &str = "`indirizzo IP virtuale del front end server o del pool Front-End`: the virtual IP of both; en-US `Front End Server or Front End pool virtual IP address`";

// pt-BR-ht-first: the document.
const PT_DIRECTOR_IP: &str = "`Diretor IP`: the Director's IP; en-US `Director`";
const PT_THE_IP: &str = "`o IP ou pool do servidor do Servidor Front-End que contém o Repositório de Gerenciamento Central`: `o IP` names no server, the pool is the Front End Server's; en-US `the Front End Server server IP or pool that holds the Central Management store`";

/// Where an en-US rule has no agreeing rule in an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum At {
    /// The edition's rule at the same index, at this line, types differently.
    Row(u32),
    /// The edition has no rule at that index; the en-US rule's line.
    Missing(u32),
}
use At::{Missing, Row};

/// Every en-US rule without an agreeing rule in the editions above:
/// edition, file, where, why.
const DIFFERENCES: &[(&str, &str, At, &str)] = &[
    ("de-DE-ht-first", SCALED_HLB, Row(244), DE_PUBLIC_IP),
    ("de-DE-ht-first", SCALED_HLB, Row(250), DE_PUBLIC_IP),
    ("de-DE-ht-first", SCALED_HLB, Row(256), DE_PUBLIC_IP),
    ("es-ES-ht-first", XMPP, Row(39), ES_INTERNAL_IP),
    ("es-ES-ht-first", XMPP, Row(45), ES_INTERNAL_IP),
    ("es-ES-ht-first", SCALED_HLB, Row(268), ES_PUBLIC_IP),
    ("es-ES-ht-first", SCALED_HLB, Row(274), ES_PUBLIC_IP),
    ("it-IT-mt-first", SCALED_DNS_NAT, Row(202), IT_SHARED_IP),
    ("it-IT-mt-first", SCALED_DNS_NAT, Row(208), IT_SHARED_IP),
    ("it-IT-mt-first", SCALED_DNS_PUBLIC, Row(196), IT_SHARED_IP),
    ("it-IT-mt-first", SCALED_DNS_PUBLIC, Row(202), IT_SHARED_IP),
    ("it-IT-mt-first", SCALED_HLB, Row(342), IT_SHARED_VIP),
    ("it-IT-mt-first", SCALED_HLB, Row(348), IT_SHARED_VIP),
    ("it-IT-mt-first", SINGLE_NAT, Row(196), IT_SHARED_IP),
    ("it-IT-mt-first", SINGLE_NAT, Row(202), IT_SHARED_IP),
    ("it-IT-mt-first", SINGLE_PUBLIC, Row(196), IT_SHARED_IP),
    ("pt-BR-ht-first", SCALED_HLB, Row(144), PT_THE_IP),
    ("pt-BR-ht-first", SINGLE_PUBLIC, Row(182), PT_DIRECTOR_IP),
];

/// The rules of `m` typed like the en-US rule at the same place, and where
/// the others are (file name, place).
fn compare(m: &Matrix, en: &Matrix) -> (usize, Vec<(String, At)>) {
    let mut agree = 0;
    let mut differ = Vec::new();
    for en_page in en.pages() {
        let file = en_page.path.rsplit('/').next().unwrap_or(&en_page.path);
        let page = m.pages().find(|p| p.asset_id == en_page.asset_id);
        // Port summary tables; the other layouts are compared in `layouts`.
        let summaries = |p: &portmatrix::model::Page| -> Vec<portmatrix::model::Table> {
            p.tables
                .iter()
                .filter(|t| t.columns.is_empty())
                .cloned()
                .collect()
        };
        let tables = page.map(summaries).unwrap_or_default();
        for (t, en_table) in summaries(en_page).iter().enumerate() {
            let table = tables.get(t);
            for (r, en_rule) in en_table.rules.iter().enumerate() {
                match table.and_then(|t| t.rules.get(r)) {
                    Some(rule) if rule.typed() == en_rule.typed() => agree += 1,
                    Some(rule) => differ.push((file.to_string(), Row(rule.line))),
                    None => differ.push((file.to_string(), Missing(en_rule.line))),
                }
            }
        }
    }
    (agree, differ)
}

fn parse(dir: &Path) -> Matrix {
    parse_sources(&[Source::new(dir)])
}

#[test]
#[ignore = "needs PORTMATRIX_EDITIONS"]
fn editions_in_four_languages_agree_with_en_us_but_for_listed_differences() {
    let corpus = support::corpus_dir();
    let editions = support::editions_dir();
    let en = parse(&corpus.join("en-US"));
    let total: usize = en
        .pages()
        .flat_map(|p| p.tables.iter())
        .filter(|t| t.columns.is_empty())
        .map(|t| t.rules.len())
        .sum();
    assert_eq!(total, 237);

    // The corpus's own locales are unchanged: en-US agrees with itself, and
    // zh-CN everywhere but in the six rows of the internal VIP table where
    // it drops "VIP" (listed in `corpus.rs`).
    assert_eq!(compare(&en, &en), (total, vec![]));
    let zh_vip: Vec<(String, At)> = [302, 308, 314, 320, 326, 332]
        .into_iter()
        .map(|line| (SCALED_HLB.to_string(), Row(line)))
        .collect();
    assert_eq!(
        compare(&parse(&corpus.join("zh-CN")), &en),
        (total - 6, zh_vip)
    );

    let mut listed: BTreeMap<&str, Vec<(String, At)>> = BTreeMap::new();
    for (edition, file, at, _) in DIFFERENCES {
        listed
            .entry(edition)
            .or_default()
            .push((file.to_string(), *at));
    }
    println!(
        "{:<16} {:>7} {:>9} {:>12}",
        "edition", "before", "now", "differences"
    );
    let mut problems = Vec::new();
    let mut found = 0;
    for (edition, before, expected) in EDITIONS {
        let m = parse(&editions.join(edition));
        let (now, differ) = compare(&m, &en);
        println!(
            "{edition:<16} {before:>7} {now:>5}/{total} {:>12}",
            differ.len()
        );
        if now < before {
            problems.push(format!("{edition}: {now} rules agree, fewer than {before}"));
        }
        if now != expected {
            problems.push(format!("{edition}: {now} rules agree, expected {expected}"));
        }
        found += differ.len();
        let rows: Vec<String> = differ
            .iter()
            .map(|(file, at)| match at {
                Row(l) | Missing(l) => format!("{file}:{l}"),
            })
            .collect();
        problems.extend(crate::editions_rows::unreported(edition, &m, &rows));
        let mut got = differ;
        got.sort();
        let mut want = listed.remove(edition).unwrap_or_default();
        want.sort();
        if got != want {
            let unlisted: Vec<_> = got.iter().filter(|d| !want.contains(d)).collect();
            let agreeing: Vec<_> = want.iter().filter(|d| !got.contains(d)).collect();
            problems.push(format!(
                "{edition}: differ but not listed: {unlisted:?}; listed but agree: {agreeing:?}"
            ));
        }
        // No errors: es-ES-ht-first's 39 first cells `… (entrada)` are
        // rules, their remark read apart.
        let errors: Vec<_> = m
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            problems.push(format!("{edition}: errors {errors:#?}"));
        }
    }
    if !listed.is_empty() {
        problems.push(format!("listed for no edition: {listed:?}"));
    }
    // Each listed difference once.
    if found != DIFFERENCES.len() {
        problems.push(format!(
            "{found} rules differ, {} listed",
            DIFFERENCES.len()
        ));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// es-ES-ht-first's 39 first cells without a role (`SIP/TLS/443 (entrada)`)
/// take the role of the one Edge service on their ends, each with its info.
#[test]
#[ignore = "needs PORTMATRIX_EDITIONS"]
fn es_es_rows_without_a_role_take_their_edge_service_s() {
    let m = parse_sources(&[Source::new(support::editions_dir().join("es-ES-ht-first"))]);
    let inferred: Vec<_> = m
        .diagnostics
        .iter()
        .filter(|d| d.code == portmatrix::Code::RoleInferred)
        .collect();
    assert_eq!(inferred.len(), 39);
    let first = inferred
        .iter()
        .find(|d| d.path.ends_with(SINGLE_PUBLIC) && d.line == 75)
        .expect("the first SIP row of the single consolidated edge page");
    assert_eq!(first.severity, Severity::Info);
    assert_eq!(first.cell.as_deref(), Some("SIP/TLS/443 (entrada)"));
    assert_eq!(
        first.message,
        "no role written; `Access` read from the Access Edge service on the row's ends"
    );
    // The other 38 name the A/V Edge service or the Access Edge service too.
    let by_role = |r: &str| inferred.iter().filter(|d| d.message.contains(r)).count();
    assert_eq!((by_role("`Access`"), by_role("`A/V`")), (9, 30));
}
