//! Every locale is data: a language added as a folder (no code change), the
//! BCP 47 fallback chains, the errors of a broken locale file, and what the
//! vocabularies give on every edition of the corpus.

use std::path::Path;

use portmatrix::i18n::{Registry, SOURCE_LANGUAGE};
use portmatrix::model::{Address, EndpointKind, Matrix, PortRange, Role, TableKind, Transport};
use portmatrix::names::Localized;
use portmatrix::parse::vocab::Vocabs;
use portmatrix::parse::{Source, parse_page_in, parse_sources};

use crate::support::{self, bin};

/// A pseudo-locale (accented English, as translation tools make to test
/// localization): its pages' words and its display names.
const EN_XA_VOCABULARY: &str = r#"
port_header = ["ƥǿřŧ"]
role_header = ["řǿŀḗ"]
any = ["ȧƞẏ"]
or = ["ǿř"]
server_prefixes = ["ḗḓɠḗ şḗřṽḗř"]
range = ["ŧǿ"]
roles = [
  { phrase = "ȧƈƈḗşş", role = "access" },
]
endpoints = [
  { phrase = "ȧƈƈḗşş ḗḓɠḗ şḗřṽīƈḗ", kind = "access_edge" },
  { phrase = "ȧ/ṽ ḗḓɠḗ şḗřṽīƈḗ", kind = "av_edge" },
]
addresses = [
  { phrase = "ƥŭƀŀīƈ īƥ ȧḓḓřḗşş", address = "public_ip" },
]
headings = [
  { phrase = "ḗẋŧḗřƞȧŀ", means = "external" },
]
"#;

const EN_XA_NAMES: &str = r#"
[endpoint_kind]
any = "Ȧƞẏ"
edge_server = "Ḗḓɠḗ Şḗřṽḗř"
access_edge = "Ȧƈƈḗşş Ḗḓɠḗ şḗřṽīƈḗ"
av_edge = "Ȧ/Ṽ Ḗḓɠḗ şḗřṽīƈḗ"

[address]
public_ip = "ƥŭƀŀīƈ ĪƤ ȧḓḓřḗşş"

[role]
access = "Ȧƈƈḗşş"

[table_kind]
external_interface = "Ḗẋŧḗřƞȧŀ īƞŧḗřƒȧƈḗ"

[direction]
inbound = "īƞƀǿŭƞḓ"

[server]
edge_server = "Ḗḓɠḗ Şḗřṽḗř"

[label]
port_map = "ƥǿřŧ ḿȧƥ"
zone_perimeter = "Ƥḗřīḿḗŧḗř ƞḗŧẇǿřķ"
"#;

const EN_XA_PAGE: &str = "---
title: Ƥǿřŧ şŭḿḿȧřẏ
ms:assetid: 0a0a0a0a-1111-2222-3333-444444444444
ms.contentlocale: en-XA
---

# Ƥǿřŧ şŭḿḿȧřẏ

### Ƒīřḗẇȧŀŀ şŭḿḿȧřẏ: Ḗẋŧḗřƞȧŀ īƞŧḗřƒȧƈḗ

<table>
<thead>
<tr class=\"header\">
<th>Řǿŀḗ/Ƥřǿŧǿƈǿŀ/TCP ǿř UDP/Ƥǿřŧ</th>
<th>Şǿŭřƈḗ ĪƤ ȧḓḓřḗşş</th>
<th>Ḓḗşŧīƞȧŧīǿƞ ĪƤ ȧḓḓřḗşş</th>
<th>Ƞǿŧḗş</th>
</tr>
</thead>
<tbody>
<tr>
<td><p>Ȧƈƈḗşş/SIP(TLS)/TCP/443</p></td>
<td><p>Ȧƞẏ</p></td>
<td><p>Ḗḓɠḗ Şḗřṽḗř Ȧƈƈḗşş Ḗḓɠḗ şḗřṽīƈḗ ƥŭƀŀīƈ ĪƤ ȧḓḓřḗşş</p></td>
<td><p>Ƈŀīḗƞŧ-ŧǿ-şḗřṽḗř ŞĪƤ</p></td>
</tr>
<tr>
<td><p>A/V/RTP/UDP/50000 ŧǿ 59999</p></td>
<td><p>Ȧƞẏ</p></td>
<td><p>Ḗḓɠḗ Şḗřṽḗř Ȧ/Ṽ Ḗḓɠḗ şḗřṽīƈḗ ƥŭƀŀīƈ ĪƤ ȧḓḓřḗşş</p></td>
<td><p>Ḿḗḓīȧ</p></td>
</tr>
</tbody>
</table>
";

/// `dir/<locale>/<file>` for each `(locale, file, text)`.
fn folders(dir: &Path, files: &[(&str, &str, &str)]) {
    for (locale, file, text) in files {
        std::fs::create_dir_all(dir.join(locale)).unwrap();
        std::fs::write(dir.join(locale).join(file), text).unwrap();
    }
}

/// (a) A language added as a folder: its page is typed and rendered in it.
#[test]
fn a_pseudo_locale_added_as_a_folder_parses_and_renders() {
    let locales = tempfile::tempdir().unwrap();
    folders(
        locales.path(),
        &[
            ("en-XA", "vocabulary.toml", EN_XA_VOCABULARY),
            ("en-XA", "names.toml", EN_XA_NAMES),
        ],
    );
    let registry = Registry::with_dir(locales.path()).unwrap_or_else(|e| panic!("{e}"));

    // Parsed with the folder's words.
    let vocabs = Vocabs::new(&registry);
    let (page, diags) = parse_page_in("docs/en-XA/p.md", EN_XA_PAGE.as_bytes(), None, &vocabs);
    let page = page.expect("a page");
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(page.locale, "en-XA");
    let table = &page.tables[0];
    assert_eq!(table.kind, TableKind::ExternalInterface);
    assert!(table.has_role_column);
    let (sip, media) = (&table.rules[0], &table.rules[1]);
    assert_eq!(sip.role, Some(Role::Access));
    assert_eq!(sip.source.kind, EndpointKind::Any);
    assert_eq!(
        (sip.destination.kind, sip.destination.address),
        (EndpointKind::AccessEdge, Address::PublicIp)
    );
    assert_eq!(media.ports, PortRange::new(50000, 59999).unwrap());
    assert_eq!(media.destination.kind, EndpointKind::AvEdge);
    // The same rule as the English wording gives.
    let en = portmatrix::parse::endpoint::parse_endpoint(
        "Edge Server Access Edge service public IP address",
        "en-US",
    );
    assert_eq!(sip.destination.typed(), en.typed());

    // Rendered with the folder's names; what it lacks comes from English.
    let l = "en-XA";
    assert_eq!(
        sip.destination.name_in(&registry, l),
        "Ȧƈƈḗşş Ḗḓɠḗ şḗřṽīƈḗ ƥŭƀŀīƈ ĪƤ ȧḓḓřḗşş"
    );
    assert_eq!(sip.source.name_in(&registry, l), "Ȧƞẏ");
    assert_eq!(table.kind.name_in(&registry, l), "Ḗẋŧḗřƞȧŀ īƞŧḗřƒȧƈḗ");
    assert_eq!(sip.transport.name_in(&registry, l), "TCP");
    assert_eq!(
        EndpointKind::FrontEndPool.name_in(&registry, l),
        "Front End pool"
    );

    // The diagrams of the process's registry (as the CLI's --i18n installs it).
    assert!(portmatrix::names::install(registry));
    let ports = portmatrix::diagram::port_map_svg(&page);
    assert!(ports.contains("ƥǿřŧ ḿȧƥ"), "{ports}");
    let topology = portmatrix::diagram::topology_svg(&page);
    for label in ["Ȧƈƈḗşş Ḗḓɠḗ şḗřṽīƈḗ", "Ḗḓɠḗ Şḗřṽḗř", "Ƥḗřīḿḗŧḗř ƞḗŧẇǿřķ"]
    {
        assert!(topology.contains(label), "{label}: {topology}");
    }
}

/// (a) The same through the command line: `--i18n DIR`, no code change.
#[test]
fn the_cli_reads_a_locale_folder_given_with_i18n() {
    let locales = tempfile::tempdir().unwrap();
    folders(
        locales.path(),
        &[
            ("en-XA", "vocabulary.toml", EN_XA_VOCABULARY),
            ("en-XA", "names.toml", EN_XA_NAMES),
        ],
    );
    let docs = tempfile::tempdir().unwrap();
    folders(docs.path(), &[("en-XA", "p.md", EN_XA_PAGE)]);
    let o = bin()
        .arg("--i18n")
        .arg(locales.path())
        .args(["query", "--port", "443", "--source-docs"])
        .arg(docs.path())
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    for name in [
        "Ḗẋŧḗřƞȧŀ īƞŧḗřƒȧƈḗ",
        "īƞƀǿŭƞḓ",
        "Ȧƈƈḗşş",
        "Ȧƞẏ",
        "Ȧƈƈḗşş Ḗḓɠḗ şḗřṽīƈḗ ƥŭƀŀīƈ ĪƤ ȧḓḓřḗşş",
    ] {
        assert!(out.contains(name), "{name}: {out}");
    }

    // Without the folder the page's words are unknown: not even its table
    // is recognized (its header's word for "port" is not known).
    let o = bin()
        .args(["query", "--port", "443", "--source-docs"])
        .arg(docs.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("warning[unsupported_table_layout]"), "{err}");
    assert!(err.contains("0 rule(s) open port 443"), "{err}");
}

/// (b) Fallback follows BCP 47 (ICU4X, CLDR data), English last.
#[test]
fn fallback_chains() {
    let r = Registry::embedded();
    let chain = |l: &str| -> Vec<&str> { r.fallback(l).iter().map(|l| l.tag()).collect() };
    assert_eq!(chain("zh-TW"), ["zh-TW", "en-US"]);
    // Hong Kong: Traditional (zh-Hant), never Simplified.
    assert_eq!(chain("zh-HK"), ["zh-TW", "en-US"]);
    assert_eq!(chain("zh-Hant"), ["zh-TW", "en-US"]);
    assert_eq!(chain("zh-SG"), ["zh-CN", "en-US"]);
    assert_eq!(chain("zh-CN"), ["zh-CN", "en-US"]);
    assert_eq!(chain("zh-Hans"), ["zh-CN", "en-US"]);
    assert_eq!(chain("ja-JP"), ["ja-JP", "en-US"]);
    // fr-FR and pt-BR have a folder with their range word only.
    assert_eq!(chain("fr-FR"), ["fr-FR", "en-US"]);
    assert_eq!(chain("pt-BR"), ["pt-BR", "en-US"]);
    // CLDR: pt-PT's parent is pt, whose likely region is Brazil.
    assert_eq!(chain("pt-PT"), ["pt-BR", "en-US"]);
    assert_eq!(chain("en-GB"), ["en-US"]);
    assert_eq!(chain("ko-KR"), ["en-US"]);
    assert_eq!(chain("und"), ["en-US"]);

    assert_eq!(r.bcp47_chain("zh-TW"), ["zh-TW", "zh-Hant", "und"]);
    assert_eq!(r.bcp47_chain("zh-HK"), ["zh-HK", "zh-Hant", "und"]);
    assert_eq!(r.bcp47_chain("zh-SG"), ["zh-SG", "zh", "und"]);
    assert_eq!(r.bcp47_chain("en-GB"), ["en-GB", "en-001", "en", "und"]);
    assert_eq!(r.bcp47_chain("pt-PT"), ["pt-PT", "pt", "und"]);
    assert_eq!(r.bcp47_chain(SOURCE_LANGUAGE), ["en", "und"]);
    assert!(r.is_source_language("en-GB") && !r.is_source_language("zh-CN"));

    // Names follow the same chains, entry by entry.
    let edge = |l: &str| EndpointKind::EdgeServer.name_in(r, l);
    assert_eq!(edge("zh-CN"), "边缘服务器");
    assert_eq!(edge("zh-SG"), "边缘服务器");
    assert_eq!(edge("zh-TW"), "邊緣伺服器");
    assert_eq!(edge("zh-HK"), "邊緣伺服器");
    assert_eq!(edge("ja-JP"), "エッジ サーバー");
    assert_eq!(edge("fr-FR"), "Edge Server");
    assert_eq!(edge("pt-BR"), "Edge Server");
    assert_eq!(edge("en-GB"), "Edge Server");
    assert_eq!(Transport::Udp.name_in(r, "zh-TW"), "UDP");
}

/// (c) A broken locale file: the file, the line and what was expected.
#[test]
fn a_malformed_vocabulary_names_file_line_and_expected_values() {
    let dir = tempfile::tempdir().unwrap();
    folders(
        dir.path(),
        &[(
            "fr-CA",
            "vocabulary.toml",
            "any = [\"tout\"]\n\nendpoints = [\n  { phrase = \"serveur edge\", kind = \"edge_server\" },\n  { phrase = \"service edge d'accès\", kind = \"acess_edge\" },\n]\n",
        )],
    );
    let e = Registry::with_dir(dir.path()).unwrap_err();
    assert!(e.file.ends_with("fr-CA/vocabulary.toml"), "{e}");
    assert_eq!(e.line, 5, "{e}");
    assert!(
        e.message.contains("unknown endpoint_kind `acess_edge`"),
        "{e}"
    );
    assert!(e.message.contains("expected one of"), "{e}");
    for value in ["`access_edge`", "`edge_server`", "`front_end_pool`"] {
        assert!(e.message.contains(value), "{value}: {e}");
    }
    assert!(
        e.to_string().contains("fr-CA/vocabulary.toml:5: unknown"),
        "{e}"
    );

    // An unknown key and an unknown address, in the names file.
    folders(
        dir.path(),
        &[
            ("fr-CA", "vocabulary.toml", "any = [\"tout\"]\n"),
            (
                "fr-CA",
                "names.toml",
                "[address]\nip = \"adresse IP\"\npublic = \"x\"\n",
            ),
        ],
    );
    let e = Registry::with_dir(dir.path()).unwrap_err();
    assert!(e.file.ends_with("fr-CA/names.toml"), "{e}");
    assert_eq!(e.line, 3, "{e}");
    assert!(e.message.contains("`public_ip`"), "{e}");
    folders(dir.path(), &[("fr-CA", "names.toml", "[adress]\n")]);
    let e = Registry::with_dir(dir.path()).unwrap_err();
    assert!(
        e.message.contains("unknown field `adress`") && e.message.contains("`address`"),
        "{e}"
    );

    // The command line stops before reading any page: exit 2, the location.
    let o = bin()
        .arg("--i18n")
        .arg(dir.path())
        .arg("json")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("fr-CA/names.toml:1: unknown field `adress`"),
        "{err}"
    );
}

/// Rules of `m` whose typed value equals the en-US rule at the same place
/// (page asset id, table index, row index).
fn agreeing(m: &Matrix, en: &Matrix) -> usize {
    let mut n = 0;
    for page in m.pages() {
        let Some(en_page) = en.page(&page.asset_id, "en-US") else {
            continue;
        };
        for (t, table) in page.tables.iter().enumerate() {
            let Some(en_table) = en_page.tables.get(t) else {
                continue;
            };
            for (r, rule) in table.rules.iter().enumerate() {
                if en_table
                    .rules
                    .get(r)
                    .is_some_and(|e| e.typed() == rule.typed())
                {
                    n += 1;
                }
            }
        }
    }
    n
}

/// (d) What the vocabularies give on every edition: the rules equal to
/// en-US's, never fewer than before the vocabularies became data.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS and PORTMATRIX_EDITIONS (the real corpus and its editions)"]
fn editions_agree_with_en_us_at_least_as_much_as_before() {
    let corpus = support::corpus_dir();
    let editions = support::editions_dir();
    let en = parse_sources(&[Source::new(corpus.join("en-US"))]);
    let total: usize = en
        .pages()
        .flat_map(|p| p.tables.iter())
        .map(|t| t.rules.len())
        .sum();
    // Measured with the vocabularies of crates/parse/src/vocab.rs (in code).
    let before = [
        ("de-DE-ht-first", 9),
        ("es-ES-ht-first", 0),
        ("es-ES-mt-last", 177),
        ("it-IT-mt-first", 0),
        ("it-IT-mt-last", 187),
        ("ja-JP-ht-first", 23),
        ("pt-BR-ht-first", 0),
        ("pt-BR-mt-last", 232),
        ("ru-RU-ht-first", 0),
        ("ru-RU-mt-last", 159),
        ("zh-TW-mt-first", 0),
        ("zh-TW-mt-last", 237),
    ];
    let names = support::edition_names();
    let mut worse = Vec::new();
    println!("{:<16} {:>7} {:>7}", "edition", "before", "now");
    for name in &names {
        let m = parse_sources(&[Source::new(editions.join(name))]);
        let now = agreeing(&m, &en);
        let was = before.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
        println!(
            "{name:<16} {:>7} {now:>4}/{total}",
            was.map_or("-".to_string(), |c| c.to_string())
        );
        if was.is_some_and(|c| now < c) {
            worse.push(format!("{name}: {now} < {}", was.unwrap_or(0)));
        }
    }
    assert!(worse.is_empty(), "fewer rules agree with en-US: {worse:?}");
    for (name, _) in before {
        assert!(names.iter().any(|n| n == name), "edition {name} missing");
    }
}
