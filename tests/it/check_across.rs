//! The checks across pages and tables (issue 13): each on a real corpus page
//! with the defect injected (in place: no other line moves), asserting the
//! exact finding; and the clean corpus, asserting that each finds nothing
//! but the defects judged real.

use crate::support::check::*;
use crate::support::{clean_corpus, corpus_text};
use portmatrix::check::{self, CheckCode, Finding, Level};

const SINGLE_DIRECTOR: &str = "lync-server-2013-port-summary-single-director.md";
const DNS_HLB: &str = "lync-server-2013-port-summary-dns-and-hlb-load-balanced.md";
const DIRECTOR_POOL: &str =
    "lync-server-2013-port-summary-scaled-director-pool-hardware-load-balancer.md";
const HLB: &str =
    "lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers.md";
const AUTODISCOVER: &str = "lync-server-2013-port-summary-autodiscover.md";
const REVERSE_PROXY: &str = "lync-server-2013-port-summary-reverse-proxy.md";
const SINGLE_PUBLIC: &str =
    "lync-server-2013-port-summary-single-consolidated-edge-with-public-ip-addresses.md";

/// The raw findings of one check on the clean corpus, as (locale/file, line).
fn raw_on_corpus(code: CheckCode) -> Vec<(String, u32)> {
    let m = clean_corpus();
    check::run_ungrouped(&m, &[])
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| {
            let p = f.path().to_string();
            let parts: Vec<&str> = p.rsplit('/').take(2).collect();
            (format!("{}/{}", parts[1], parts[0]), f.line())
        })
        .collect()
}

/// The three en-US Director pages, the Director pool HLB page's text given.
fn directors(dns_hlb: &str) -> Vec<portmatrix::model::Page> {
    vec![
        page(
            "en-US",
            SINGLE_DIRECTOR,
            &corpus_text("en-US", SINGLE_DIRECTOR),
        ),
        page("en-US", DNS_HLB, dns_hlb),
        page("en-US", DIRECTOR_POOL, &corpus_text("en-US", DIRECTOR_POOL)),
    ]
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn port_changed_on_one_director_page_differs_across_pages() {
    let text = corpus_text("en-US", DNS_HLB);
    // Row 58: HTTPS/TCP 4443 from the reverse proxy to the Director VIP; the
    // other two Director pages give 4443 too. The page's text (line 32)
    // names the port as well: it changes with the row, so that the page
    // stays consistent with itself and only the other pages disagree.
    let mutated = replace_on_line(&text, 59, "HTTPS/TCP 4443", "HTTPS/TCP 4444");
    let mutated = replace_on_line(&mutated, 32, "HTTPS/TCP 4443", "HTTPS/TCP 4444");
    let f = assert_exactly_one(
        &run(directors(&text)),
        &run(directors(&mutated)),
        CheckCode::FlowDiffersAcrossPages,
        &format!("en-US/{DNS_HLB}"),
        58,
    );
    assert_eq!(f.level(), Level::Error);
    assert_eq!(
        f.message,
        "pages with the same kind of table give this flow other ports: HTTPS from \
         Reverse proxy internal interface to Director is given on TCP 4444 here but on \
         TCP 4443 by 2 other page(s)"
    );
    // The two pages that agree, as related rows.
    assert_eq!(f.locations.len(), 3);
    assert!(
        f.locations[1].path.ends_with(DIRECTOR_POOL)
            || f.locations[1].path.ends_with(SINGLE_DIRECTOR)
    );
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn clean_corpus_flows_differ_only_where_judged_real() {
    assert_eq!(
        raw_on_corpus(CheckCode::FlowDiffersAcrossPages),
        [
            // The Autodiscover page sends HTTPS 4443 to Office Web Apps, the
            // Reverse proxy page 443 (en-US, zh-CN).
            (format!("en-US/{AUTODISCOVER}"), 107),
            // The single public Edge page lacks A/V RTP TCP from the A/V
            // Edge (its row names the Access Edge): folded into that row's
            // role finding.
            (format!("en-US/{SINGLE_PUBLIC}"), 120),
            (format!("zh-CN/{AUTODISCOVER}"), 88),
            (format!("zh-CN/{SINGLE_PUBLIC}"), 104),
        ]
    );
    // And the grouped one: at the Autodiscover row, the Reverse proxy page's
    // row related.
    let m = clean_corpus();
    let findings = check::run(&m);
    let f = findings
        .iter()
        .find(|f| f.code == CheckCode::FlowDiffersAcrossPages)
        .unwrap();
    assert!(f.path().ends_with(&format!("en-US/{AUTODISCOVER}")));
    assert!(f.message.contains(
        "HTTPS from Reverse proxy internal interface to Office Web Apps for conferencing is given on TCP 4443 here but on TCP 443"
    ), "{}", f.message);
    assert!(
        f.locations
            .iter()
            .any(|l| l.path.ends_with(REVERSE_PROXY) && l.line == 123)
    );
}

fn hlb(text: &str) -> Vec<Finding> {
    run(vec![page("en-US", HLB, text)])
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn vip_row_with_other_protocols_contradicts_the_node_table() {
    let text = corpus_text("en-US", HLB);
    // Row 302 of the external VIP table: STUN/MSTURN UDP 3478 to the A/V
    // Edge VIP, as node row 114 gives it to the A/V Edge node address.
    let mutated = replace_on_line(&text, 303, "A/V/STUN,MSTURN/UDP/3478", "A/V/TURN/UDP/3478");
    let f = assert_exactly_one(
        &hlb(&text),
        &hlb(&mutated),
        CheckCode::TableContradictsInterface,
        &format!("en-US/{HLB}"),
        302,
    );
    assert_eq!(f.level(), Level::Error);
    assert_eq!(
        f.message,
        "the External interface virtual IPs table gives A/V TURN UDP 3478 from Any to \
         A/V Edge service public VIP address, the External interface table of the same \
         interface gives A/V STUN/MSTURN UDP 3478 from Any to A/V Edge service public IP \
         address"
    );
    assert_eq!(f.locations[1].line, 114);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn clean_corpus_has_no_vip_table_contradicting_its_node_table() {
    assert_eq!(raw_on_corpus(CheckCode::TableContradictsInterface), []);
}

/// The single Director page written to a temp dir (the prose check reads
/// the file) and parsed from there.
fn director_on_disk(text: &str) -> (tempfile::TempDir, Vec<Finding>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("en-US")).unwrap();
    std::fs::write(dir.path().join("en-US").join(SINGLE_DIRECTOR), text).unwrap();
    let m = portmatrix::parse::parse_sources(&[portmatrix::parse::Source::new(dir.path())]);
    assert!(!m.has_errors());
    let findings = check::run(&m);
    (dir, findings)
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn paragraph_naming_a_port_no_row_opens() {
    let text = corpus_text("en-US", SINGLE_DIRECTOR);
    // Line 32: "… expects ports HTTP/TCP 8080 and HTTPS/TCP 4443 to be open
    // from the reverse proxy to the Director …"; the table opens both.
    let mutated = replace_on_line(&text, 32, "HTTPS/TCP 4443", "HTTPS/TCP 4444");
    let (dir, before) = director_on_disk(&text);
    let (_, after) = director_on_disk(&mutated);
    let path = dir.path().join("en-US").join(SINGLE_DIRECTOR);
    let new = new_findings(&before, &after);
    assert_eq!(
        new.iter()
            .map(|f| (f.code, f.line(), f.message.as_str()))
            .collect::<Vec<_>>(),
        [(
            CheckCode::ProsePortUnbacked,
            32,
            "the text names HTTPS TCP 4444, but no row of this page opens it"
        )],
        "{new:#?}"
    );
    assert!(
        new[0].path().ends_with(&format!("en-US/{SINGLE_DIRECTOR}")),
        "{path:?}"
    );
    assert_eq!(new[0].locations[0].text, "HTTPS/TCP 4444");
    assert_eq!(new[0].level(), Level::Error);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn clean_corpus_prose_is_backed_by_rows() {
    // Every transport and port the corpus pages' paragraphs name (TCP 443,
    // SIP/MTLS/TCP 5061, 5269 over TCP, TCP 上的端口 5269, …) is opened by a
    // row of the page.
    assert_eq!(raw_on_corpus(CheckCode::ProsePortUnbacked), []);
}
