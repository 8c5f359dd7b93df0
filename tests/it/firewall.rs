//! Deployment files, `portmatrix firewall`, `portmatrix pages` and the
//! query filters (issue 15): the example loads, every format is what its
//! firewall accepts (nft -c, iptables-restore --test when installed), no
//! page text can inject into the PowerShell, CSV and JSON are well formed,
//! the schemas are current, errors point at line and column, output is
//! deterministic, and `query --port N` prints what it printed before.
//!
//! Self-contained: reads only the embedded default, `examples/`,
//! `schema/`, the seed page and (ignored tests) PORTMATRIX_CORPUS.

#![cfg(all(feature = "firewall", feature = "cli"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use portmatrix::deploy::{DeployError, Deployment, Host};
use portmatrix::firewall::query::Filter;
use portmatrix::firewall::{self, Format, Options};
use portmatrix::model::{Direction, EndpointKind, Matrix, TableKind, Transport};
use portmatrix::{Severity, check};
use serde_json::Value;

use crate::support::{self, SEED, SEED_FILE, bin};

const EXAMPLE: &str = include_str!("../../examples/deployment.toml");
const SEED_NAME: &str = SEED_FILE;
const SEED_ID: &str = "f7cbd0f1-841d-4116-8d17-e9d991daa4a8";

fn example() -> Deployment {
    Deployment::parse(EXAMPLE, "examples/deployment.toml", portmatrix::embedded())
        .unwrap_or_else(|e| panic!("{}", errors_text(&e)))
}

fn errors_text(errors: &[DeployError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn render(m: &Matrix, d: &Deployment, format: Format) -> String {
    let findings = check::run(m);
    firewall::render(&firewall::plan(m, d, &findings, Options::default()), format)
}

fn cli(args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// A format as the tests drive it.
struct FormatCase {
    format: Format,
    /// Its `--format` name.
    name: &'static str,
    /// The tool that loads it, with the arguments that make it check a file
    /// without loading it (the formats a firewall loads on Linux).
    checker: Option<(&'static str, &'static [&'static str])>,
}

/// Every format.
const FORMATS: [FormatCase; 6] = [
    FormatCase {
        format: Format::Nftables,
        name: "nftables",
        checker: Some(("nft", &["-c", "-f"])),
    },
    FormatCase {
        format: Format::Iptables,
        name: "iptables",
        checker: Some(("iptables-restore", &["--test"])),
    },
    FormatCase {
        format: Format::Ip6tables,
        name: "ip6tables",
        checker: Some(("ip6tables-restore", &["--test"])),
    },
    FormatCase {
        format: Format::Windows,
        name: "windows",
        checker: None,
    },
    FormatCase {
        format: Format::Csv,
        name: "csv",
        checker: None,
    },
    FormatCase {
        format: Format::Json,
        name: "json",
        checker: None,
    },
];

/// The [`FORMATS`] entry of `format`.
fn case(format: Format) -> &'static FormatCase {
    FORMATS.iter().find(|c| c.format == format).unwrap()
}

/// `portmatrix firewall --deployment FILE --format F ARGS…`, run in the
/// crate's folder (`FILE` may be relative to it).
fn firewall_cli(deployment: &str, format: Format, args: &[&str]) -> Output {
    let mut all = vec![
        "firewall",
        "--deployment",
        deployment,
        "--format",
        case(format).name,
    ];
    all.extend(args);
    cli(&all)
}

/// `portmatrix query --deployment examples/deployment.toml ARGS…`.
fn example_query(args: &[&str]) -> Output {
    let mut all = vec!["query", "--deployment", "examples/deployment.toml"];
    all.extend(args);
    cli(&all)
}

/// A firewall tool's path, if installed (searched in PATH and the sbin
/// folders, which a non-root PATH may lack).
fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin"].map(PathBuf::from))
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Runs the tool that loads `format` on the text, as [`FORMATS`] says
/// (nothing for a format without one); skips (with the reason on stderr)
/// when the tool is missing or may not run here, fails when it refuses the
/// text.
fn accepted(format: Format, text: &str, what: &str) {
    let Some((name, args)) = case(format).checker else {
        return;
    };
    let Some(bin) = tool(name) else {
        eprintln!(
            "skipped: `{name}` is not installed (apt-get install nftables iptables); {what} not validated"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rules");
    std::fs::write(&file, text).unwrap();
    let o = Command::new(&bin).args(args).arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    if !o.status.success()
        && (stderr.contains("Operation not permitted") || stderr.contains("Permission denied"))
    {
        eprintln!(
            "skipped: `{name}` may not run here ({}); {what} not validated",
            stderr.trim()
        );
        return;
    }
    assert!(
        o.status.success(),
        "{name} {args:?} refused {what}:\n{stderr}\n--- input ---\n{text}"
    );
}

fn nft_accepts(text: &str, what: &str) {
    accepted(Format::Nftables, text, what);
}

fn iptables_accept(v4: &str, v6: &str, what: &str) {
    accepted(Format::Iptables, v4, what);
    accepted(Format::Ip6tables, v6, what);
}

// --- the deployment file ---------------------------------------------------

#[test]
fn example_deployment_loads() {
    let d = example();
    assert_eq!(d.pages.len(), 1);
    assert_eq!(d.pages[0].asset_id, SEED_ID);
    assert_eq!(d.pages[0].locale, "zh-CN");
    assert_eq!(d.interface(EndpointKind::AccessEdge), Some("eth0"));
    assert_eq!(d.interface(EndpointKind::EdgeInternal), Some("eth1"));
    let hosts = |k| d.endpoints[&k].addresses.clone().unwrap();
    assert_eq!(hosts(EndpointKind::AccessEdge).len(), 4);
    assert_eq!(hosts(EndpointKind::Clients), [Host::Any]);
    // Every documentation address: RFC 5737, RFC 3849, example.com.
    for e in d.endpoints.values() {
        for h in e.addresses.iter().flatten() {
            let s = h.to_string();
            assert!(
                s == "any"
                    || s.starts_with("192.0.2.")
                    || s.starts_with("198.51.100.")
                    || s.starts_with("203.0.113.")
                    || s.starts_with("2001:db8:")
                    || s.ends_with(".example.com"),
                "{s} is not a documentation address"
            );
        }
    }
}

#[test]
fn a_slug_names_the_page_too() {
    let text = EXAMPLE.replace(SEED_ID, SEED_NAME.trim_end_matches(".md"));
    let d = Deployment::parse(&text, "d.toml", portmatrix::embedded()).unwrap();
    assert_eq!(d.pages[0].asset_id, SEED_ID);
}

/// The errors of a deployment text, as their displayed lines.
fn errors_of(text: &str) -> Vec<String> {
    match Deployment::parse(text, "d.toml", portmatrix::embedded()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn errors_point_at_line_and_column_with_the_expected_values() {
    // An unknown endpoint kind.
    let text = EXAMPLE.replace("[endpoints.clients]", "[endpoints.client]");
    let line = text
        .lines()
        .position(|l| l == "[endpoints.client]")
        .unwrap()
        + 1;
    let e = errors_of(&text);
    assert!(
        e.iter().any(|e| e.starts_with(&format!(
            "d.toml:{line}:12: error: unknown endpoint kind `client` (did you mean `clients`?)\n  expected: edge_server, access_edge,"
        ))),
        "{e:#?}"
    );

    // A malformed address, a CIDR range with host bits, a bad prefix.
    let text = EXAMPLE.replace("\"192.0.2.11\"", "\"192.0.2.311\"");
    let line = text
        .lines()
        .position(|l| l.contains("192.0.2.311"))
        .unwrap()
        + 1;
    let e = errors_of(&text);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with(&format!("d.toml:{line}:28: error: malformed IPv4 address `192.0.2.311`\n  expected: four numbers")),
        "{e:#?}"
    );
    let e = errors_of(&EXAMPLE.replace(
        "198.51.100.0/27\"]\n\n[endpoints.front_end_server]",
        "198.51.100.1/27\"]\n\n[endpoints.front_end_server]",
    ));
    assert!(
        e[0].contains(
            "error: CIDR range `198.51.100.1/27` has host bits set\n  expected: 198.51.100.0/27"
        ),
        "{e:#?}"
    );
    let e = errors_of(&EXAMPLE.replace("\"2001:db8:100::31\"", "\"2001:db8:100::/129\""));
    assert!(
        e[0].contains("error: malformed CIDR range `2001:db8:100::/129`"),
        "{e:#?}"
    );
    let e = errors_of(&EXAMPLE.replace("\"2001:db8:100::31\"", "\"2001:db8:100:::31\""));
    assert!(e[0].contains("error: malformed IPv6 address"), "{e:#?}");

    // A page not in the sources: the available pages are listed.
    let text = EXAMPLE.replace(SEED_ID, "00000000-0000-0000-0000-000000000000");
    let e = errors_of(&text);
    let line = text
        .lines()
        .position(|l| l.starts_with("pages = "))
        .unwrap()
        + 1;
    assert_eq!(
        e,
        [format!(
            "d.toml:{line}:10: error: page `00000000-0000-0000-0000-000000000000` is not in the sources\n  expected: {SEED_ID} ({})",
            SEED_NAME.trim_end_matches(".md")
        )]
    );

    // An endpoint a chosen page needs: reported at the page, with the first
    // row that needs it.
    let text = EXAMPLE.replace("[endpoints.edge_internal]", "[endpoints.edge_server]");
    let e = errors_of(&text);
    assert!(e.iter().any(|e| e.starts_with(&format!("d.toml:{line}:10: error: page `{SEED_ID}` needs the addresses of `edge_internal`, first at source-docs/zh-CN/{SEED_NAME}:168 `XMPP/MTLS/TCP/23456`\n  expected: [endpoints.edge_internal] addresses = [...]"))), "{e:#?}");

    // Unknown keys and TOML syntax: serde's and toml's messages, placed.
    let e = errors_of("pages = []\nlocal = \"x\"\n");
    assert!(
        e.contains(
            &"d.toml:2:1: error: unknown field `local`, expected one of `name`, `locale`, `pages`, `endpoints`".to_string()
        ),
        "{e:#?}"
    );
    let e = errors_of("pages = [\"x\"\n");
    assert!(e[0].starts_with("d.toml:"), "{e:#?}");
    let e = errors_of(&EXAMPLE.replace("interface = \"eth1\"", "interface = \"eth1\\\"; drop\""));
    assert!(e[0].contains("error: malformed interface name"), "{e:#?}");
}

#[test]
fn the_cli_exits_2_and_writes_nothing_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        EXAMPLE.replace("[endpoints.av_edge]", "[endpoints.av]"),
    )
    .unwrap();
    let out = dir.path().join("out.nft");
    let o = firewall_cli(
        bad.to_str().unwrap(),
        Format::Nftables,
        &["-o", out.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(!out.exists());
    assert!(
        stderr.contains("bad.toml:") && stderr.contains(": error: unknown endpoint kind `av`"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing written"), "{stderr}");

    // nftables and iptables need Linux interface names; Windows does not.
    let spaced = dir.path().join("spaced.toml");
    std::fs::write(&spaced, EXAMPLE.replace("\"eth1\"", "\"Edge Internal\"")).unwrap();
    let o = firewall_cli(spaced.to_str().unwrap(), Format::Iptables, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a Linux interface name"));
    assert!(o.stdout.is_empty());
    let o = firewall_cli(spaced.to_str().unwrap(), Format::Windows, &[]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("-InterfaceAlias 'Edge Internal'"));
}

// --- the plan ---------------------------------------------------------------

#[test]
fn one_rule_per_typed_rule_and_address_pair() {
    let m = portmatrix::embedded();
    let d = example();
    let plan = firewall::plan(m, &d, &check::run(m), Options::default());
    // `访问/SIP(TLS)/TCP/443` (line 74), Any to the Access Edge: two IPv4 and
    // two IPv6 addresses, so four rules, inbound on eth0.
    let sip: Vec<_> = plan.rules.iter().filter(|r| r.rule.line == 74).collect();
    assert_eq!(sip.len(), 4);
    assert!(sip.iter().all(|r| r.source == Host::Any
        && r.direction == Direction::Inbound
        && r.interface.as_deref() == Some("eth0")));
    assert_eq!(sip[0].id, format!("{SEED_ID}:zh-CN:74#1"));
    // Line 168, XMPP/MTLS 23456 from "Any (can be defined as Front End
    // Server or Front End pool IP address)": narrowed to the three servers
    // and the pool range, times the two internal addresses.
    let xmpp: Vec<_> = plan.rules.iter().filter(|r| r.rule.line == 168).collect();
    assert_eq!(xmpp.len(), 8);
    assert!(xmpp.iter().all(|r| !r.source.is_any()));
    // No IPv4 to IPv6 pair anywhere.
    assert!(
        plan.rules
            .iter()
            .all(|r| r.source.pairs_with(&r.destination))
    );
    // Every row of the page gives at least one rule.
    assert!(plan.skipped.is_empty());
    let rows: std::collections::BTreeSet<u32> = plan.rules.iter().map(|r| r.rule.line).collect();
    assert_eq!(rows.len(), 37);
}

#[test]
fn rows_with_findings_are_marked_or_left_out() {
    let m = portmatrix::embedded();
    let d = example();
    let findings = check::run(m);
    let plan = firewall::plan(m, &d, &findings, Options::default());
    // The seed's second table is headed "external interface" but its rows go
    // to the internal interface: heading_contradicts_rows marks all 11 rows.
    // It is a warning (the table is mislabelled; its rows are right), so
    // `--skip-findings error` keeps them and `--skip-findings warning` does not.
    let marked: std::collections::BTreeSet<u32> = plan
        .rules
        .iter()
        .filter(|r| {
            r.findings
                .iter()
                .any(|f| f.code == "heading_contradicts_rows")
        })
        .map(|r| r.rule.line)
        .collect();
    assert_eq!(marked.len(), 11);
    let nft = firewall::render(&plan, Format::Nftables);
    assert!(nft.contains("# FINDING warning[heading_contradicts_rows]: "));
    assert!(nft.contains(":zh-CN:168#1 finding:warning\""));

    let skipped_at = |severity: Severity| {
        let plan = firewall::plan(
            m,
            &d,
            &findings,
            Options {
                skip_findings: Some(severity),
            },
        );
        assert!(
            plan.rules.iter().all(|r| r
                .findings
                .iter()
                .all(|f| f.severity > severity || f.severity == Severity::Info)),
            "no rule at or above {severity:?} is kept"
        );
        plan.skipped
            .iter()
            .map(|s| s.rule.line)
            .collect::<std::collections::BTreeSet<u32>>()
    };
    assert!(skipped_at(Severity::Error).is_disjoint(&marked));
    assert!(marked.is_subset(&skipped_at(Severity::Warning)));

    let o = firewall_cli(
        "examples/deployment.toml",
        Format::Csv,
        &["--skip-findings", "warning"],
    );
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!("note: source-docs/zh-CN/{SEED_NAME}:168: left out: it has a finding of severity warning (--skip-findings)")),
        "{stderr}"
    );
}

// --- the formats ------------------------------------------------------------

#[test]
fn nftables_is_a_complete_table_nft_accepts() {
    let text = render(portmatrix::embedded(), &example(), Format::Nftables);
    assert!(text.starts_with("#!/usr/sbin/nft -f\n"));
    assert!(text.contains("\ntable inet portmatrix {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n"));
    assert!(text.ends_with("\t}\n}\n"));
    // Any is no match at all; ranges and IPv6 as nft writes them.
    assert!(text.contains(&format!("\t\tiifname \"eth0\" ip daddr 203.0.113.10 tcp dport 443 accept comment \"{SEED_ID}:zh-CN:74#1\"\n")));
    assert!(text.contains(&format!("\t\toifname \"eth0\" ip6 saddr 2001:db8:100::30 udp dport 50000-59999 accept comment \"{SEED_ID}:zh-CN:104#3\"\n")));
    // Provenance: path, line, table kind and heading, the row as written.
    assert!(text.contains(&format!(
        "\t\t# source-docs/zh-CN/{SEED_NAME}:74 external_interface \""
    )));
    assert!(
        text.contains("\t\t# 访问/SIP(TLS)/TCP/443 | 任意 | 边缘服务器访问边缘服务公用 IP 地址\n")
    );
    // The host name is not loaded.
    assert!(text.contains("\t\t# not loaded: `sba01.branch.example.com` is a host name; give its addresses\n\t\t# iifname \"eth1\" ip daddr 192.0.2.10 "));
    nft_accepts(&text, "the example's nftables output");
}

#[test]
fn iptables_restore_accepts_both_families() {
    let m = portmatrix::embedded();
    let d = example();
    let v4 = render(m, &d, Format::Iptables);
    let v6 = render(m, &d, Format::Ip6tables);
    assert!(v4.contains(&format!("-A portmatrix-input -i eth0 -d 203.0.113.10 -p tcp -m tcp --dport 443 -m comment --comment \"{SEED_ID}:zh-CN:74#1\" -j ACCEPT\n")));
    assert!(v4.contains("--dport 50000:59999 "));
    assert!(
        !v4.lines()
            .any(|l| l.starts_with("-A") && l.contains("2001:db8"))
    );
    assert!(v6.contains(&format!("-A portmatrix-input -i eth0 -d 2001:db8:100::10 -p tcp -m tcp --dport 443 -m comment --comment \"{SEED_ID}:zh-CN:74#3\" -j ACCEPT\n")));
    assert!(
        !v6.lines()
            .any(|l| l.starts_with("-A") && l.contains("203.0.113."))
    );
    for t in [&v4, &v6] {
        assert!(t.contains("\n*filter\n") && t.ends_with("COMMIT\n"));
    }
    iptables_accept(&v4, &v6, "the example's iptables outputs");
}

/// A PowerShell token: a bare word or a single-quoted string (decoded).
#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
}

/// Splits a command as PowerShell would, for the only forms the Windows
/// output may use: bare words of letters, digits, `-` and `|`, and
/// single-quoted strings with doubled quotes (any of `'‘’‚‛`). Panics on
/// anything else: a `;`, `$`, backtick or double quote outside a string.
fn ps_tokens(line: &str) -> Vec<Tok> {
    let quote = |c: char| matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}');
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
        } else if quote(c) {
            chars.next();
            let mut s = String::new();
            loop {
                let c = chars.next().expect("the string is closed");
                if quote(c) {
                    if chars.peek().copied().is_some_and(quote) {
                        s.push(chars.next().unwrap());
                    } else {
                        break;
                    }
                } else {
                    assert!(c != '\n' && c != '\r', "a line break in a string");
                    s.push(c);
                }
            }
            out.push(Tok::Str(s));
            assert!(
                chars.peek().is_none_or(|c| *c == ' '),
                "text glued to a string: {line}"
            );
        } else {
            let mut w = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                assert!(
                    c.is_ascii_alphanumeric() || c == '-' || c == '|',
                    "`{c}` outside a string in {line}"
                );
                w.push(c);
                chars.next();
            }
            out.push(Tok::Word(w));
        }
    }
    out
}

/// The seed with the note of the row at line 74 replaced: text that would
/// end a PowerShell string (with a straight and with a typographic quote),
/// run commands, and start a new line.
fn hostile_matrix(note: &str) -> Matrix {
    let page = SEED.replacen(
        "<td><p>外部用户访问的客户端到服务器的 SIP 通信</p></td>",
        &format!("<td><p>{note}</p></td>"),
        1,
    );
    assert_ne!(page, SEED);
    let (page, diags) = portmatrix::parse::parse_page(
        &format!("docs/zh-CN/{SEED_NAME}"),
        page.as_bytes(),
        Some("zh-CN"),
    );
    Matrix {
        pages: vec![page.unwrap()].into(),
        diagnostics: diags.into(),
    }
}

#[test]
fn no_page_text_can_inject_into_powershell() {
    let note = "x'; Remove-Item -Recurse C:\\ ; 'y’; Stop-Computer ‘z‛ $(calc) `whoami` \"q\" &#x2028; #&gt; <# end";
    let m = hostile_matrix(note);
    let d = Deployment::parse(
        EXAMPLE.trim_end().trim_end_matches("locale = \"zh-CN\"\n"),
        "d.toml",
        &m,
    )
    .unwrap_or_else(|e| panic!("{}", errors_text(&e)));
    let text = render(&m, &d, Format::Windows);
    assert!(
        text.starts_with('\u{FEFF}'),
        "a UTF-8 BOM for Windows PowerShell 5.1"
    );
    let mut commands = 0;
    let mut saw_note = false;
    for line in text.trim_start_matches('\u{FEFF}').lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "$ErrorActionPreference = 'Stop'" {
            continue;
        }
        if line.starts_with("Get-NetFirewallRule -Group 'portmatrix' ") {
            continue;
        }
        let toks = ps_tokens(line);
        assert_eq!(toks[0], Tok::Word("New-NetFirewallRule".into()), "{line}");
        assert_eq!(
            toks[toks.len() - 2..],
            [Tok::Word("|".into()), Tok::Word("Out-Null".into())]
        );
        // -Parameter value pairs only.
        let args = &toks[1..toks.len() - 2];
        assert_eq!(args.len() % 2, 0, "{line}");
        for pair in args.chunks(2) {
            let Tok::Word(p) = &pair[0] else {
                panic!("{line}")
            };
            assert!(
                [
                    "-DisplayName",
                    "-Group",
                    "-Direction",
                    "-Action",
                    "-Protocol",
                    "-LocalPort",
                    "-RemotePort",
                    "-LocalAddress",
                    "-RemoteAddress",
                    "-InterfaceAlias",
                    "-Description"
                ]
                .contains(&p.as_str()),
                "{p} in {line}"
            );
            if p == "-Description"
                && let Tok::Str(s) = &pair[1]
                && s.contains("Remove-Item")
            {
                // The note arrives whole, as text (the parser collapsed the line
                // separator into the whitespace around it).
                assert!(s.contains("x'; Remove-Item -Recurse C:\\ ; 'y’; Stop-Computer ‘z‛ $(calc) `whoami` \"q\" #> <# end"), "{s}");
                saw_note = true;
            }
        }
        commands += 1;
    }
    assert!(saw_note);
    // 168 rules, less the two host-name rules and none of unknown direction.
    assert_eq!(commands, 166);

    // The same page text stays in comments in nftables, and nft accepts it.
    let nft = render(&m, &d, Format::Nftables);
    nft_accepts(&nft, "the nftables output of a hostile page");
}

#[test]
fn windows_commands_of_two_rules() {
    let text = render(portmatrix::embedded(), &example(), Format::Windows);
    assert!(text.contains(&format!("New-NetFirewallRule -DisplayName 'portmatrix {SEED_ID}:zh-CN:74#1 访问/SIP(TLS)/TCP/443' -Group 'portmatrix' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -LocalAddress '203.0.113.10' -RemoteAddress 'Any' -InterfaceAlias 'eth0' -Description 'source-docs/zh-CN/{SEED_NAME}:74 external_interface | 任意 | 边缘服务器访问边缘服务公用 IP 地址 | 外部用户访问的客户端到服务器的 SIP 通信' | Out-Null\n")));
    assert!(text.contains("-Direction Outbound -Action Allow -Protocol UDP -RemotePort '50000-59999' -LocalAddress '203.0.113.30' -RemoteAddress 'Any' -InterfaceAlias 'eth0'"));
}

#[test]
fn csv_is_rfc_4180_with_a_header_row() {
    let note = "a, \"quoted\" note";
    let m = hostile_matrix(note);
    let d = Deployment::parse(EXAMPLE, "d.toml", &m).unwrap();
    let text = render(&m, &d, Format::Csv);
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, firewall::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 168);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let sip = rows
        .iter()
        .find(|r| r[col("id")] == *format!("{SEED_ID}:zh-CN:74#1"))
        .unwrap();
    assert_eq!(&sip[col("note")], note);
    assert_eq!(&sip[col("source")], "any");
    assert_eq!(&sip[col("destination")], "203.0.113.10");
    assert_eq!(&sip[col("ports")], "443");
    assert_eq!(&sip[col("direction")], "inbound");
    assert!(text.contains("\"a, \"\"quoted\"\" note\""));
}

fn validate(schema: &str, doc: &Value) {
    let schema: Value = serde_json::from_str(schema).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn published_schemas_are_current() {
    assert_eq!(
        portmatrix::firewall::json::schema(),
        include_str!("../../schema/firewall.schema.json"),
        "schema/firewall.schema.json is stale: run `cargo run -- firewall --schema > schema/firewall.schema.json`"
    );
    assert_eq!(
        portmatrix::firewall::query::schema(),
        include_str!("../../schema/query.schema.json"),
        "schema/query.schema.json is stale: run `cargo run -- query --schema > schema/query.schema.json`"
    );
}

#[test]
fn json_validates_against_its_schema() {
    let text = render(portmatrix::embedded(), &example(), Format::Json);
    let doc: Value = serde_json::from_str(&text).unwrap();
    validate(include_str!("../../schema/firewall.schema.json"), &doc);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["rules"].as_array().unwrap().len(), 168);
    let r = &doc["rules"][0];
    assert_eq!(r["id"], format!("{SEED_ID}:zh-CN:50#1"));
    assert_eq!(r["source"]["host_type"], "any");
    assert_eq!(r["destination"]["host"], "203.0.113.10");
    assert_eq!(r["ports"], serde_json::json!({"first": 5269, "last": 5269}));
}

#[test]
fn every_format_is_deterministic() {
    let m = portmatrix::embedded();
    let d = example();
    for FormatCase { format: f, .. } in FORMATS {
        assert_eq!(render(m, &d, f), render(m, &d, f), "{f:?}");
    }
    let a = firewall_cli("examples/deployment.toml", Format::Nftables, &[]);
    let b = firewall_cli("examples/deployment.toml", Format::Nftables, &["-j", "1"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(
        String::from_utf8(a.stdout).unwrap(),
        render(m, &d, Format::Nftables)
    );
}

// --- queries ----------------------------------------------------------------

/// `query --port 443` on the embedded default: the table as it printed
/// before the filters and the new table layout, with the marker column
/// first and the checks last (row 204 is in the table whose heading says
/// "external interface" over internal-interface rows).
const QUERY_443: &str = "!  location                                                                                                                     table             direction  role      protocol     transport  ports  source        destination                   findings
   source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md:74   外部接口          入站       访问      SIP/TLS      TCP        443    任意          访问边缘服务公用 IP 地址
   source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md:92   外部接口          入站       Web 会议  PSOM/TLS     TCP        443    任意          Web 会议边缘服务公用 IP 地址
   source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md:134  外部接口          入站       A/V       STUN/MSTURN  TCP        443    任意          A/V 边缘服务公用 IP 地址
   source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md:140  外部接口          出站       A/V       STUN/MSTURN  TCP        443    A/V 边缘服务  任意
W  source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md:204  外部接口          入站                 STUN/MSTURN  TCP        443    任意          边缘服务器内部接口            heading_contradicts_rows
   source-docs/zh-CN/lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses.md:298  公共即时消息连接  入站       访问      SIP/TLS      TCP        443    客户端        访问边缘服务
";

#[test]
fn query_port_prints_what_it_printed_before_with_the_findings_marked() {
    let o = cli(&["query", "--port", "443"]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), QUERY_443);
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "6 rule(s) open port 443, 1 with check findings (`portmatrix check` explains them)\n"
    );
    let o = cli(&["query", "--port", "443", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&doc), ["port", "rules"]);
    assert_eq!(
        keys(&doc["rules"][0]),
        [
            "asset_id",
            "direction",
            "findings",
            "locale",
            "path",
            "rule",
            "table_kind"
        ]
    );
    validate(include_str!("../../schema/query.schema.json"), &doc);
}

/// The checks' codes of each rule of `query --port 443 --format json`, by line.
fn query_findings(args: &[&str]) -> Vec<(u64, Vec<String>)> {
    let o = cli(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate(include_str!("../../schema/query.schema.json"), &doc);
    doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let codes = r["findings"].as_array().unwrap();
            (
                r["rule"]["line"].as_u64().unwrap(),
                codes
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn query_marks_the_rules_with_findings() {
    // JSON: every code, style included; a finding about the table's heading
    // marks its rows.
    let found = query_findings(&["query", "--port", "443", "--format", "json"]);
    let codes = |line: u64| found.iter().find(|(l, _)| *l == line).unwrap().1.clone();
    assert_eq!(codes(204), ["heading_contradicts_rows"]);
    assert_eq!(codes(140), ["inconsistent_endpoint_naming"]);
    for line in [74, 92, 134, 298] {
        assert!(codes(line).is_empty(), "{line}");
    }
    // The table: the style finding only with --style.
    let o = cli(&["query", "--port", "443", "--style"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let row = |line: &str| {
        out.lines()
            .find(|l| l.contains(&format!(".md:{line} ")))
            .unwrap()
            .to_string()
    };
    assert!(row("140").starts_with("S  "), "{out}");
    assert!(row("140").ends_with("  inconsistent_endpoint_naming"));
    assert!(row("204").starts_with("W  "));
    assert!(row("74").starts_with("   "));
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "6 rule(s) open port 443, 2 with check findings (`portmatrix check` explains them)\n"
    );
    // An error, and the addresses columns between.
    let o = example_query(&["--port", "5269", "--direction", "outbound"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("E  "), "{out}");
    let cells: Vec<&str> = last
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(cells[cells.len() - 2..], ["any", "summary_flow_not_opened"]);
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS"]
fn query_marks_every_copy_of_a_defect() {
    // The A/V RTP row from the Access Edge of the public IM table: reported
    // on the en-US page (line 85); the same row in the zh-CN edition (line
    // 64) is the same defect, marked too.
    let corpus = corpus();
    let o = cli(&[
        "query",
        "--source-docs",
        corpus.to_str().unwrap(),
        "--page",
        "lync-server-2013-port-summary-public-instant-messaging-connectivity",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules = doc["rules"].as_array().unwrap();
    for (locale, line) in [("en-US", 85), ("zh-CN", 64)] {
        let r = rules
            .iter()
            .find(|r| r["locale"] == locale && r["rule"]["line"] == line)
            .unwrap_or_else(|| panic!("no {locale} row {line}"));
        assert_eq!(
            r["findings"],
            serde_json::json!(["role_endpoint_mismatch"]),
            "{locale}"
        );
    }
}

#[test]
fn query_filters_combine() {
    let m = portmatrix::embedded();
    let count = |f: Filter| m.rules().filter(|r| f.matches(r)).count();
    assert_eq!(count(Filter::default()), 37);
    assert_eq!(
        count(Filter {
            port: Some(443),
            transport: Some(Transport::Tcp),
            ..Filter::default()
        }),
        6
    );
    assert_eq!(
        count(Filter {
            kind: Some(TableKind::Xmpp),
            ..Filter::default()
        }),
        3
    );
    assert_eq!(
        count(Filter {
            page: Some(SEED_NAME.into()),
            direction: Some(Direction::Outbound),
            from: Some(EndpointKind::AvEdge),
            ..Filter::default()
        }),
        6
    );
    // A candidate of "Any (can be defined as …)" matches --from.
    assert_eq!(
        count(Filter {
            from: Some(EndpointKind::FrontEndPool),
            to: Some(EndpointKind::EdgeInternal),
            ..Filter::default()
        }),
        3
    );

    // The CLI: case-insensitive values, `-` for `_`, no --port needed.
    let o = cli(&[
        "query",
        "--transport",
        "UDP",
        "--kind",
        "external-interface",
        "--role",
        "Audio_Video",
        "--direction",
        "inbound",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(doc.get("port").is_none());
    let rules = doc["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert!(
        rules
            .iter()
            .all(|r| r["rule"]["transport"] == "udp" && r["direction"] == "inbound")
    );

    let o = cli(&["query", "--kind", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("external_interface, internal_interface"));
    let o = cli(&["query", "--page", "no-such-page"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn query_with_a_deployment_answers_with_addresses() {
    let o = example_query(&["--port", "5269", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    validate(include_str!("../../schema/query.schema.json"), &doc);
    let first = &doc["rules"][0];
    assert_eq!(first["source_addresses"], serde_json::json!(["any"]));
    assert_eq!(
        first["destination_addresses"],
        serde_json::json!(["203.0.113.10", "203.0.113.11"])
    );
    let o = example_query(&["--port", "5269"]);
    let out = String::from_utf8(o.stdout).unwrap();
    let header = out.lines().next().unwrap();
    assert!(header.contains("source addresses"));
    assert!(header.ends_with("findings"));
    assert!(
        header
            .trim_end_matches("findings")
            .trim_end()
            .ends_with("destination addresses")
    );
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .ends_with("203.0.113.10, 203.0.113.11")
    );
}

#[test]
fn pages_lists_the_pages() {
    let o = cli(&["pages"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        out.lines().next().unwrap(),
        "asset id                              locale  tables  rules  title"
    );
    assert!(out.lines().nth(1).unwrap().starts_with(&format!(
        "{SEED_ID}  zh-CN   5       37     Lync Server 2013："
    )));
    let o = cli(&["pages", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = &doc["pages"][0];
    assert_eq!(p["asset_id"], SEED_ID);
    assert_eq!(p["slug"], SEED_NAME.trim_end_matches(".md"));
    assert_eq!(
        (p["tables"].as_u64(), p["rules"].as_u64()),
        (Some(5), Some(37))
    );
}

// --- the corpus -------------------------------------------------------------

/// A deployment of three en-US corpus pages: single consolidated Edge with
/// public IP addresses, the reverse proxy, a single Director.
const CORPUS_DEPLOYMENT: &str = r#"
name = "corpus: single Edge, reverse proxy, Director"
pages = [
  "28407acc-8b92-4f78-875c-fd6b4323b602",
  "lync-server-2013-port-summary-reverse-proxy",
  "lync-server-2013-port-summary-single-director.md",
]
locale = "en-US"

[endpoints.access_edge]
addresses = ["203.0.113.10", "2001:db8:100::10"]
interface_ip = ["203.0.113.10"]
interface = "ext0"

[endpoints.xmpp_proxy]
addresses = ["203.0.113.10"]
interface = "ext0"

[endpoints.web_conferencing_edge]
public_ip = ["203.0.113.20"]
interface = "ext0"

[endpoints.av_edge]
addresses = ["203.0.113.30", "2001:db8:100::30"]
interface = "ext0"

[endpoints.edge_internal]
addresses = ["192.0.2.10"]
interface = "int0"

[endpoints.director]
addresses = ["198.51.100.40"]
interface = "dir0"

[endpoints.director_web_services]
addresses = ["198.51.100.40"]

[endpoints.front_end_pool]
addresses = ["198.51.100.0/27"]

[endpoints.reverse_proxy_external]
addresses = ["203.0.113.80"]
interface = "rp-ext"

[endpoints.reverse_proxy_internal]
addresses = ["192.0.2.80"]
interface = "rp-int"

[endpoints.office_web_apps]
addresses = ["owa.example.com"]

[endpoints.internal_clients]
addresses = ["198.51.100.128/25", "2001:db8:200::/48"]

[endpoints.clients]
addresses = ["any"]

[endpoints.live_messenger_clients]
addresses = ["any"]

[endpoints.public_im_partners]
addresses = ["any"]
"#;

fn corpus() -> PathBuf {
    support::corpus_dir()
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS"]
fn corpus_deployment_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let dep = dir.path().join("corpus.toml");
    std::fs::write(&dep, CORPUS_DEPLOYMENT).unwrap();
    let corpus = corpus();
    let run = |format: Format, jobs: &str| {
        let o = firewall_cli(
            dep.to_str().unwrap(),
            format,
            &["--source-docs", corpus.to_str().unwrap(), "-j", jobs],
        );
        assert!(
            o.status.success(),
            "{format:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let mut outputs = Vec::new();
    for FormatCase { format, name, .. } in FORMATS {
        let (a, stderr) = run(format, "1");
        let (b, _) = run(format, "2");
        assert_eq!(a, b, "{name}: the same bytes whatever the threads");
        assert!(
            stderr.ends_with(&format!("rule(s) from 3 page(s) of {}\n", dep.display())),
            "{stderr}"
        );
        accepted(
            format,
            &a,
            &format!("the corpus deployment's {name} output"),
        );
        outputs.push(a);
    }
    let [nft, _v4, _v6, _windows, csv_text, json] = &outputs[..] else {
        unreachable!()
    };
    let doc: Value = serde_json::from_str(json).unwrap();
    validate(include_str!("../../schema/firewall.schema.json"), &doc);
    let rules = doc["rules"].as_array().unwrap();
    assert_eq!(doc["pages"].as_array().unwrap().len(), 3);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(r.records().count(), rules.len());
    // Every row of the three pages gives a rule or is skipped with a reason.
    let m = portmatrix::parse::parse_sources(&[portmatrix::parse::Source::new(&corpus)]);
    let d = Deployment::parse(CORPUS_DEPLOYMENT, "corpus.toml", &m).unwrap();
    let plan = firewall::plan(&m, &d, &check::run(&m), Options::default());
    let rows: usize = d
        .chosen_pages(&m)
        .iter()
        .flat_map(|p| p.tables.iter())
        .map(|t| t.rules.len())
        .sum();
    let given: std::collections::BTreeSet<(&str, u32)> = plan
        .rules
        .iter()
        .map(|r| (r.page.path.as_ref(), r.rule.line))
        .chain(
            plan.skipped
                .iter()
                .map(|s| (s.page.path.as_ref(), s.rule.line)),
        )
        .collect();
    assert_eq!(given.len(), rows);
    assert_eq!(rows, 37 + 5 + 9);
    // The XMPP table names the Access Edge's interface IP: the override.
    assert!(plan.rules.iter().any(|r| r.rule.destination.address
        == portmatrix::model::Address::InterfaceIp
        && r.destination.to_string() == "203.0.113.10"));
    assert!(!plan.rules.iter().any(|r| r.rule.destination.address
        == portmatrix::model::Address::InterfaceIp
        && r.destination.to_string().contains(':')));
    // Office Web Apps is a host name: commented out in nftables.
    assert!(nft.contains("# not loaded: `owa.example.com` is a host name"));
}

#[test]
#[ignore = "needs PORTMATRIX_CORPUS"]
fn corpus_pages_need_a_locale_when_both_editions_are_loaded() {
    let m = portmatrix::parse::parse_sources(&[portmatrix::parse::Source::new(corpus())]);
    let text = CORPUS_DEPLOYMENT.replace("locale = \"en-US\"\n", "");
    let e = Deployment::parse(&text, "c.toml", &m).unwrap_err();
    assert!(
        e[0].to_string().contains(
            "names 2 pages; set `locale` to choose an edition\n  expected: locale = \"en-US\""
        ),
        "{}",
        errors_text(&e)
    );
    let o = cli(&[
        "pages",
        "--source-docs",
        corpus().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let pages = doc["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 36);
    let rules: u64 = pages.iter().map(|p| p["rules"].as_u64().unwrap()).sum();
    // 237 port summary rules per locale, and the other layouts' (142 en-US,
    // 150 zh-CN).
    assert_eq!(rules, 2 * 237 + 142 + 150);
    assert_eq!(
        pages
            .iter()
            .filter(|p| p["tables"].as_u64() > Some(0))
            .count(),
        // Every page has tables since issue 12 (26 with port summaries).
        36
    );
}
