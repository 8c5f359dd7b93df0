//! Typed by alignment (issue 11): a localized edition read beside its en-US
//! edition types the cells its vocabulary does not know like the aligned
//! en-US row, and `portmatrix i18n vocab` writes what it learned as a
//! vocabulary file.
//!
//! How a never-seen locale behaves is measured on every edition of
//! `PORTMATRIX_EDITIONS` with its locale's vocabulary removed: the registry
//! is the embedded one with the locale's folder replaced by one that knows
//! nothing (a `--i18n` folder replaces an embedded folder whole, names.toml
//! too, which parsing does not read), through `Registry::with_dir`.

use std::path::{Path, PathBuf};

use portmatrix::Code;
use portmatrix::check::{self, RowSync, TableSync};
use portmatrix::i18n::Registry;
use portmatrix::model::Matrix;
use portmatrix::parse::vocab::Vocabs;
use portmatrix::parse::{Source, parse_sources_with_registry};

use crate::support::{self, bin, compact_stderr};

/// The locale of an edition folder (`es-ES-ht-first` → `es-ES`).
fn edition_locale(edition: &str) -> &str {
    let mut parts = edition.rsplitn(3, '-');
    parts.next();
    parts.next();
    parts.next().unwrap_or(edition)
}

/// A `--i18n` folder in which `locale` knows nothing, plus `extra`
/// appended to its vocabulary. (No header word either: tables are found by
/// their rows, the port summaries by their first column's notation and the
/// other layouts by their cells or, beside en-US, by alignment.)
fn without_vocabulary(locale: &str, extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(locale);
    std::fs::create_dir_all(&folder).unwrap();
    let mut text = format!("# {locale} with its vocabulary removed\n");
    text.push_str(extra);
    std::fs::write(folder.join("vocabulary.toml"), text).unwrap();
    dir
}

fn en_us() -> PathBuf {
    support::corpus_dir().join("en-US")
}

/// The trees parsed with the locales of `dir`.
fn parse(trees: &[PathBuf], dir: &Path) -> Matrix {
    let registry = Registry::with_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    let sources: Vec<Source> = trees.iter().map(Source::new).collect();
    parse_sources_with_registry(&sources, &registry, &|_| {})
}

fn count(m: &Matrix, code: Code) -> usize {
    m.diagnostics.iter().filter(|d| d.code == code).count()
}

/// The page's file name without `lync-server-2013-port-summary-` and `.md`.
fn stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    let file = file.strip_prefix("lync-server-2013-").unwrap_or(file);
    let file = file.strip_prefix("port-summary-").unwrap_or(file);
    file.strip_suffix(".md").unwrap_or(file)
}

/// A row not typed like en-US: what it is, and (path, line) where the
/// locale checks report it.
type Difference = (String, (String, u32));

/// Every edition of `m` in `locale` compared with en-US as the locale
/// checks align them (`check::locale_sync`: tables by kind or position,
/// rows by typed values): the rules typed like en-US, and every other row
/// (`page:line` of the edition's row, or of the en-US row it lacks) with
/// the place a locale check reports it at.
fn compare(m: &Matrix, locale: &str) -> (usize, Vec<Difference>) {
    let mut like = 0;
    let mut differences = Vec::new();
    for ed in check::locale_sync(m) {
        if ed.page.locale != locale {
            continue;
        }
        assert_eq!(ed.reference.locale, "en-US");
        let (page, en) = (&ed.page.path, &ed.reference.path);
        for t in &ed.tables {
            // Port summary tables; the other layouts are compared in
            // `layouts` and `editions_layouts` (beside en-US with its words
            // removed, an edition's other-layout tables are read again with
            // the English columns: see README "Languages").
            let other_layout = match t {
                TableSync::Both { edition, .. } => !edition.columns.is_empty(),
                TableSync::Edition(x) | TableSync::Reference(x) => !x.columns.is_empty(),
            };
            if other_layout {
                continue;
            }
            match t {
                TableSync::Both {
                    edition,
                    reference,
                    rows,
                } => {
                    for step in rows {
                        let (text, at) = match *step {
                            RowSync::Both { equal: true, .. } => {
                                like += 1;
                                continue;
                            }
                            RowSync::Both {
                                edition: i,
                                reference: j,
                                ..
                            } => {
                                let (x, y) = (&edition.rules[i], &reference.rules[j]);
                                (
                                    format!(
                                        "{}:{} `{}` ≠ en-US `{}`",
                                        stem(page),
                                        x.line,
                                        x.cells.spec.text,
                                        y.cells.spec.text
                                    ),
                                    (page.to_string(), x.line),
                                )
                            }
                            RowSync::Edition(i) => {
                                let x = &edition.rules[i];
                                (
                                    format!(
                                        "{}:{} `{}` not in en-US",
                                        stem(page),
                                        x.line,
                                        x.cells.spec.text
                                    ),
                                    (page.to_string(), x.line),
                                )
                            }
                            RowSync::Reference(j) => {
                                let y = &reference.rules[j];
                                (
                                    format!(
                                        "{}: en-US line {} `{}` missing",
                                        stem(page),
                                        y.line,
                                        y.cells.spec.text
                                    ),
                                    (en.to_string(), y.line),
                                )
                            }
                        };
                        differences.push((text, at));
                    }
                }
                TableSync::Edition(t) => differences.push((
                    format!("{}:{} table not in en-US", stem(page), t.line),
                    (page.to_string(), t.line),
                )),
                TableSync::Reference(t) => differences.push((
                    format!("{}: en-US table at line {} missing", stem(page), t.line),
                    (en.to_string(), t.line),
                )),
            }
        }
    }
    (like, differences)
}

/// `m`'s pages of `locale` with the en-US pages of `with` (to compare an
/// edition parsed alone with en-US).
fn beside(m: &Matrix, with: &Matrix) -> Matrix {
    let mut out = m.clone();
    out.pages = m
        .pages
        .iter()
        .chain(with.pages.iter().filter(|p| p.locale == "en-US"))
        .cloned()
        .collect::<Vec<_>>()
        .into();
    out
}

/// What each edition gives with its vocabulary removed, beside en-US: the
/// rules typed like en-US, and (a floor) the rules typed like en-US when
/// the edition is read alone with the vocabulary that `i18n vocab` learned.
const EXPECTED: [(&str, usize, usize); 12] = [
    ("de-DE-ht-first", 237, 220),
    ("es-ES-ht-first", 237, 235),
    ("es-ES-mt-last", 237, 237),
    ("it-IT-mt-first", 237, 237),
    ("it-IT-mt-last", 237, 237),
    ("ja-JP-ht-first", 237, 231),
    ("pt-BR-ht-first", 237, 237),
    ("pt-BR-mt-last", 237, 237),
    ("ru-RU-ht-first", 226, 206),
    ("ru-RU-mt-last", 237, 237),
    ("zh-TW-mt-first", 237, 236),
    ("zh-TW-mt-last", 237, 237),
];

/// The rows of the editions that are not typed like en-US: real
/// differences of the documents.
///
/// ru-RU-ht-first says `STUN,MSTURN/UDP/443` where en-US says
/// `STUN,MSTURN/TCP/443` (in every Edge page). (es-ES-ht-first's 39 first
/// columns in an older notation, `SIP/TLS/443 (entrada)`, name no role; the
/// role is the one Edge service on the row's ends once alignment typed them,
/// so they agree.)
fn expected_differences(edition: &str) -> Vec<String> {
    let ru = |page: &str, lines: &[u32]| {
        lines
            .iter()
            .map(|l| {
                format!(
                    "{page}:{l} `Аудио/видео/STUN,MSTURN/UDP/443` ≠ en-US `A/V/STUN,MSTURN/TCP/443`"
                )
            })
            .collect::<Vec<_>>()
    };
    match edition {
        "ru-RU-ht-first" => [
            ru(
                "scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat",
                &[140, 146],
            ),
            ru(
                "scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses",
                &[134, 140],
            ),
            ru(
                "scaled-consolidated-edge-with-hardware-load-balancers",
                &[104, 110, 274],
            ),
            ru(
                "single-consolidated-edge-with-private-ip-addresses-using-nat",
                &[134, 140],
            ),
            ru(
                "single-consolidated-edge-with-public-ip-addresses",
                &[134, 140],
            ),
        ]
        .concat(),
        _ => Vec::new(),
    }
}

/// (3) Every edition, read beside en-US with its own vocabulary removed:
/// how a locale nobody has written words for behaves. Printed as a table:
/// rules typed like en-US read alone (no words) and beside en-US, cells
/// typed by alignment, unknown cells left, then what `i18n vocab` learns
/// and the rules typed like en-US when the edition is read alone with it.
#[test]
#[ignore = "needs PORTMATRIX_EDITIONS"]
fn never_seen_locales_are_typed_like_en_us_by_alignment() {
    let names = support::edition_names();
    for (e, _, _) in EXPECTED {
        assert!(names.iter().any(|n| n == e), "edition {e} missing");
    }
    println!(
        "{:<15} {:>6} {:>8} {:>6} {:>7} {:>8} {:>8} {:>8}",
        "edition", "alone", "aligned", "typed", "unknown", "learned", "unlearnt", "relearnt"
    );
    let mut failures = Vec::new();
    for edition in &names {
        let locale = edition_locale(edition).to_string();
        let dir = without_vocabulary(&locale, "");
        let tree = support::editions_dir().join(edition);
        let alone = parse(std::slice::from_ref(&tree), dir.path());
        let aligned = parse(&[en_us(), tree.clone()], dir.path());
        let (alone_like, _) = compare(&beside(&alone, &aligned), &locale);
        let (like, differences) = compare(&aligned, &locale);
        let unknown = count(&aligned, Code::UnrecognizedEndpoint)
            + count(&aligned, Code::UnrecognizedRole)
            + count(&aligned, Code::UnrecognizedProtocol);

        // What `i18n vocab` learns, read back as the locale's vocabulary.
        let registry = Registry::with_dir(dir.path()).unwrap();
        let learned = portmatrix::parse::align::learn(&aligned, &locale, &Vocabs::new(&registry));
        let relearned = without_vocabulary(&locale, &learned.to_toml("en-US"));
        let round = parse(std::slice::from_ref(&tree), relearned.path());
        let (round_like, _) = compare(&beside(&round, &aligned), &locale);
        println!(
            "{edition:<15} {alone_like:>6} {like:>4}/237 {:>6} {unknown:>7} {:>8} {:>8} {round_like:>8}",
            count(&aligned, Code::TypedByAlignment),
            learned.entries(),
            learned.not_learned.len(),
        );

        // Every row not typed like en-US is a real difference, reported by
        // the locale checks where the row (or the row it lacks) is.
        let marks = check::findings_by_rule(&check::run(&aligned));
        for (text, at) in &differences {
            println!("    {text}");
            let codes = marks.get(at).cloned().unwrap_or_default();
            if !codes.iter().any(|c| {
                matches!(
                    c,
                    check::CheckCode::LocaleValueMismatch | check::CheckCode::LocaleRowMissing
                )
            }) {
                failures.push(format!("{edition}: not reported: {text} ({codes:?})"));
            }
        }
        let texts: Vec<String> = differences.into_iter().map(|(t, _)| t).collect();
        let mut expected = expected_differences(edition);
        let mut got = texts.clone();
        expected.sort();
        got.sort();
        if got != expected {
            failures.push(format!(
                "{edition}: differences {got:#?}, expected {expected:#?}"
            ));
        }
        let Some(&(_, want, floor)) = EXPECTED.iter().find(|(e, _, _)| e == edition) else {
            continue;
        };
        if like != want || like + texts.len() < 237 {
            failures.push(format!(
                "{edition}: {like} rules typed like en-US, expected {want}"
            ));
        }
        if round_like < floor {
            failures.push(format!(
                "{edition}: read alone with the learned words, {round_like} rules typed like en-US, fewer than {floor}"
            ));
        }
        // Alignment leaves unknown only what it could not match.
        let left: Vec<&str> = aligned
            .diagnostics
            .iter()
            .filter(|d| {
                matches!(
                    d.code,
                    Code::UnrecognizedEndpoint
                        | Code::UnrecognizedRole
                        | Code::UnrecognizedProtocol
                )
            })
            // Every page: the other layouts' cells are typed by alignment
            // too.
            .map(|d| d.path.as_ref())
            .collect();
        if like == 237 && !left.is_empty() {
            failures.push(format!("{edition}: unknown cells left in {left:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// (2) `i18n vocab`: learned for pt-BR with its vocabulary removed, written
/// as a vocabulary file, read back as pt-BR's vocabulary: the edition read
/// alone types as many rules like en-US as alignment did (all 237), and
/// learning again finds nothing new.
#[test]
#[ignore = "needs PORTMATRIX_EDITIONS"]
fn i18n_vocab_round_trip() {
    let dir = without_vocabulary("pt-BR", "");
    let tree = support::editions_dir().join("pt-BR-ht-first");
    let out = tempfile::tempdir().unwrap();
    let learned = out.path().join("learned.toml");
    let vocab = |i18n: &Path, to: &Path| {
        bin()
            .arg("--i18n")
            .arg(i18n)
            .args(["i18n", "vocab", "--locale", "pt-BR", "--source-docs"])
            .arg(en_us())
            .arg("--source-docs")
            .arg(&tree)
            .arg("-o")
            .arg(to)
            .output()
            .unwrap()
    };
    let o = vocab(dir.path(), &learned);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("learned 98 entries for pt-BR from 18 page(s); 0 cell phrase(s) not learned"),
        "{err}"
    );
    let text = support::read(&learned);
    for entry in [
        "  \"qualquer um\",\n",
        "  \"pode ser definido como\",\n",
        "  \"ou\",\n",
        "  { phrase = \"acesso\", role = \"access\" },\n",
        "  { phrase = \"servidor front-end\", kind = \"front_end_server\" },\n",
        "  { phrase = \"endereço ip público do servidor de borda serviço de borda a/v\", kind = \"av_edge\", address = \"public_ip\" },\n",
        // Where each was learned, with the en-US cell.
        "  # pt-BR-ht-first/lync-server-2013-port-summary-autodiscover.md:49: `Qualquer` ← en-US/lync-server-2013-port-summary-autodiscover.md:69: `Any`\n",
        "  # … 151 cells in all\n  \"qualquer um\",\n",
    ] {
        assert!(text.contains(entry), "{entry}\n{text}");
    }
    // Alignment types the rows of every layout (the other layouts' tables
    // are read again with the English columns): every cell it typed is
    // learned, none is left for a person.
    assert!(!text.contains("Not learned"), "{text}");

    // Read back as pt-BR's vocabulary: alone, typed like en-US.
    let with = without_vocabulary("pt-BR", &text);
    let alone = parse(std::slice::from_ref(&tree), with.path());
    let aligned = parse(&[en_us(), tree.clone()], dir.path());
    assert_eq!(compare(&aligned, "pt-BR").0, 237);
    assert_eq!(compare(&beside(&alone, &aligned), "pt-BR").0, 237);
    // No word left unknown (headings are not learned: the table kinds
    // come from the rows, as with alignment).
    let unknown: Vec<String> = alone
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                Code::UnrecognizedEndpoint
                    | Code::UnrecognizedRole
                    | Code::UnrecognizedProtocol
                    | Code::TypedByAlignment
            )
        })
        .filter(|d| d.path.contains("port-summary-"))
        .map(|d| d.to_string())
        .collect();
    assert!(unknown.is_empty(), "{unknown:#?}");

    // Only phrases not already in pt-BR's vocabulary: nothing left to learn.
    let again = out.path().join("again.toml");
    let o = vocab(with.path(), &again);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("learned 0 entries for pt-BR from 18 page(s); 0 cell phrase(s) not learned"),
        "{err}"
    );
    let again = support::read(&again);
    assert!(
        again
            .split("Not learned")
            .next()
            .unwrap()
            .lines()
            .all(|l| l.is_empty() || l.starts_with('#')),
        "only comments (the header, what was not learned): {again}"
    );
}

/// (3) The exact `typed_by_alignment` diagnostics of one row (`portmatrix
/// -v`): its role, source and destination, each with the en-US row and
/// value; the warnings they replace are gone.
#[test]
#[ignore = "needs PORTMATRIX_EDITIONS"]
fn typed_by_alignment_diagnostics_of_one_row() {
    let dir = without_vocabulary("pt-BR", "");
    let tree = support::editions_dir().join("pt-BR-ht-first");
    let o = bin()
        .arg("--i18n")
        .arg(dir.path())
        .args(["-v", "--color", "never", "pages", "--source-docs"])
        .arg(en_us())
        .arg("--source-docs")
        .arg(&tree)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let page = "lync-server-2013-port-summary-single-consolidated-edge-with-public-ip-addresses.md";
    let at = |line: u32| format!("{}/{page}:{line}: ", tree.display());
    let row: Vec<String> = compact_stderr(&err)
        .into_iter()
        .filter(|l| (75..=78).any(|line| l.starts_with(&at(line))))
        .collect();
    let en = format!("en-US/{page}");
    assert_eq!(
        row,
        [
            format!(
                "{}info[typed_by_alignment]: typed like the aligned en-US row at {en}:91: `Access/SIP(TLS)/TCP/443` = role access; protocols sip, tls",
                at(75)
            ),
            format!(
                "{}info[typed_by_alignment]: typed like the aligned en-US row at {en}:92: `Any` = any",
                at(76)
            ),
            format!(
                "{}info[typed_by_alignment]: typed like the aligned en-US row at {en}:93: `Edge Server Access Edge service public IP address` = access_edge (public_ip)",
                at(77)
            ),
        ]
    );
}

/// (3) en-US and zh-CN: the zh-CN vocabulary knows every word, so nothing
/// is typed by alignment: the matrix is the one each tree gives alone. Its
/// 237 rules are typed like en-US but the six rows of the internal VIP
/// table where zh-CN drops "VIP" (a real difference, see
/// `corpus::zh_cn_equals_en_us_except_real_differences`): what the zh-CN
/// vocabulary reads there is not replaced by the English value.
#[test]
#[ignore = "needs PORTMATRIX_CORPUS (the real corpus)"]
fn en_us_and_zh_cn_need_no_alignment() {
    let m = support::corpus();
    assert_eq!(count(&m, Code::TypedByAlignment), 0);
    let corpus = support::corpus_dir();
    let separately: Vec<_> = ["en-US", "zh-CN"]
        .iter()
        .flat_map(|l| {
            portmatrix::parse::parse_sources(&[Source::new(corpus.join(l))])
                .pages
                .to_vec()
        })
        .collect();
    let mut together = m.pages.to_vec();
    let key = |p: &portmatrix::model::Page| (p.locale.to_string(), p.asset_id.to_string());
    together.sort_by_key(key);
    let mut separately = separately;
    separately.sort_by_key(key);
    for (a, b) in together.iter().zip(&separately) {
        assert_eq!(a.tables, b.tables, "{}", a.path);
    }
    let rules = |l: &str| -> usize {
        m.pages()
            .filter(|p| p.locale == l)
            .flat_map(|p| p.tables.iter())
            .filter(|t| t.columns.is_empty())
            .map(|t| t.rules.len())
            .sum()
    };
    assert_eq!((rules("en-US"), rules("zh-CN")), (237, 237));
    let (like, differences) = compare(&m, "zh-CN");
    let page = "scaled-consolidated-edge-with-hardware-load-balancers";
    let differences: Vec<&str> = differences.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(like, 231);
    assert_eq!(
        differences,
        [
            format!("{page}:302 `访问/SIP(MTLS)/TCP/5061` ≠ en-US `Access/SIP(MTLS)/TCP/5061`"),
            format!("{page}:308 `访问/SIP(MTLS)/TCP/5061` ≠ en-US `Access/SIP(MTLS)/TCP/5061`"),
            format!("{page}:314 `SIP/MTLS/TCP/5062` ≠ en-US `SIP/MTLS/TCP/5062`"),
            format!("{page}:320 `STUN/MSTURN/UDP/3478` ≠ en-US `STUN/MSTURN/UDP/3478`"),
            format!("{page}:326 `STUN/MSTURN/TCP/443` ≠ en-US `STUN/MSTURN/TCP/443`"),
            format!("{page}:332 `STUN/MSTURN/TCP/443` ≠ en-US `STUN/MSTURN/TCP/443`"),
        ]
    );
}

/// A made-up locale (`eo`, no vocabulary) beside its English page, with no
/// corpus: what alignment types, what it leaves, and that `json -o`
/// (streamed, the localized page first) writes what `json` prints.
const EN_PAGE: &str = "---
title: T
ms:assetid: 0a0a0a0a-5555-6666-7777-888888888888
ms.contentlocale: en-US
---

# T

### Firewall summary for Edge Server: External interface

<table>
<thead>
<tr><th>Role/Protocol/TCP or UDP/Port</th><th>Source IP address</th><th>Destination IP address</th><th>Notes</th></tr>
</thead>
<tbody>
<tr>
<td>Access/SIP(TLS)/TCP/443</td>
<td>Any</td>
<td>Edge Server Access Edge service public IP address</td>
<td>SIP</td>
</tr>
<tr>
<td>A/V/RTP/UDP/50,000-59,999</td>
<td>Any</td>
<td>Edge Server A/V Edge service public IP address</td>
<td>Media</td>
</tr>
<tr>
<td>Access/DNS/UDP/53</td>
<td>Edge Server Access Edge service public IP address</td>
<td>Any</td>
<td>DNS</td>
</tr>
</tbody>
</table>
";

const EO_PAGE: &str = "---
title: T
ms:assetid: 0A0A0A0A-5555-6666-7777-888888888888
ms.contentlocale: eo
---

# T

### Fajroŝirmilo: ekstera interfaco

<table>
<thead>
<tr><th>Rolo/Protokolo/TCP aŭ UDP/Porto</th><th>Fonto</th><th>Celo</th><th>Notoj</th></tr>
</thead>
<tbody>
<tr>
<td>Aliro/SIP(TLS)/TCP/443</td>
<td>Ajna</td>
<td>Publika IP-adreso de la Alira randa servo</td>
<td>SIP</td>
</tr>
<tr>
<td>A/V/RTP/UDP/50,000-59,999</td>
<td>Ajna</td>
<td>Edge Server internal interface</td>
<td>Aŭdvidaĵo</td>
</tr>
<tr>
<td>Aliro/DNS/TCP/53</td>
<td>Publika IP-adreso de la Alira randa servo</td>
<td>Ajna</td>
<td>DNS</td>
</tr>
</tbody>
</table>
";

#[test]
fn an_unknown_locale_beside_its_english_page() {
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("1-eo.md"), EO_PAGE).unwrap();
    std::fs::write(docs.path().join("2-en.md"), EN_PAGE).unwrap();
    let m = portmatrix::parse::parse_sources(&[Source::new(docs.path())]);
    let name = portmatrix::parse::stable_name(docs.path());
    let diags: Vec<String> = m
        .diagnostics
        .iter()
        .map(|d| d.to_string().replace(&name, "docs"))
        .collect();
    let en = "docs/2-en.md";
    assert_eq!(
        diags,
        [
            // Row 1: role, source and destination, from the English row.
            format!(
                "docs/1-eo.md:17: info[typed_by_alignment]: typed like the aligned en-US row at {en}:17: `Access/SIP(TLS)/TCP/443` = role access; protocols sip, tls\n    cell: `Aliro/SIP(TLS)/TCP/443`"
            ),
            format!(
                "docs/1-eo.md:18: info[typed_by_alignment]: typed like the aligned en-US row at {en}:18: `Any` = any\n    cell: `Ajna`"
            ),
            format!(
                "docs/1-eo.md:19: info[typed_by_alignment]: typed like the aligned en-US row at {en}:19: `Edge Server Access Edge service public IP address` = access_edge (public_ip)\n    cell: `Publika IP-adreso de la Alira randa servo`"
            ),
            // Row 2: the source; the destination the vocabulary read (the
            // English words of the Edge internal interface) is not
            // replaced, though the English row says otherwise.
            format!(
                "docs/1-eo.md:24: info[typed_by_alignment]: typed like the aligned en-US row at {en}:24: `Any` = any\n    cell: `Ajna`"
            ),
            // Row 3 says TCP where the English row says UDP: no row to
            // match, its words stay unknown.
            "docs/1-eo.md:29: warning[unrecognized_role]: unknown role `Aliro`\n    cell: `Aliro/DNS/TCP/53`\n    expected: Access, A/V or Web Conferencing (or their localized names)".to_string(),
            "docs/1-eo.md:30: warning[unrecognized_endpoint]: unknown endpoint `Publika IP-adreso de la Alira randa servo`\n    cell: `Publika IP-adreso de la Alira randa servo`\n    expected: an endpoint that the vocabularies of eo know (i18n/en-US/vocabulary.toml)".to_string(),
            "docs/1-eo.md:31: warning[unrecognized_endpoint]: unknown endpoint `Ajna`\n    cell: `Ajna`\n    expected: an endpoint that the vocabularies of eo know (i18n/en-US/vocabulary.toml)".to_string(),
            "docs/1-eo.md:11: warning[unclassified_table]: neither the heading nor the rows tell which interface this table describes\n    cell: `Fajroŝirmilo: ekstera interfaco`".to_string(),
        ]
    );
    let eo = m.pages().find(|p| p.locale == "eo").unwrap();
    let en = m.pages().find(|p| p.locale == "en-US").unwrap();
    let (a, b) = (&eo.tables[0].rules, &en.tables[0].rules);
    assert_eq!(a[0].typed(), b[0].typed());
    assert_eq!(
        a[0].destination.text,
        "Publika IP-adreso de la Alira randa servo"
    );
    assert_eq!(
        a[1].destination.kind,
        portmatrix::model::EndpointKind::EdgeInternal
    );
    assert_ne!(a[1].typed(), b[1].typed());
    assert_eq!(
        a[2].source.kind,
        portmatrix::model::EndpointKind::Unrecognized
    );

    // Streamed (the localized page is written before its English page is
    // reached): the same document.
    let o = bin()
        .args(["-q", "json", "--source-docs"])
        .arg(docs.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("m.json");
    let s = bin()
        .args(["-q", "json", "--source-docs"])
        .arg(docs.path())
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    assert!(
        std::fs::read(&file).unwrap() == o.stdout,
        "streamed JSON differs"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout)
            .matches("typed_by_alignment")
            .count(),
        4
    );
}

/// The tables of other layouts read again by alignment are the same in the
/// streamed JSON (`json -o`, which writes each page as soon as it has its
/// English edition) as in `json`: de-DE with its words removed, read before
/// en-US. With `--keep-going`: the repeated hybrid table's second copy
/// matches no en-US row and keeps its error (see `editions_layouts`).
#[test]
#[ignore = "needs PORTMATRIX_EDITIONS"]
fn streamed_json_types_other_layouts_like_json() {
    let dir = without_vocabulary("de-DE", "");
    let tree = support::editions_dir().join("de-DE-ht-first");
    let json = |out: Option<&Path>| {
        let mut c = bin();
        c.arg("--i18n")
            .arg(dir.path())
            .args(["-q", "--keep-going", "json", "--source-docs"])
            .arg(&tree)
            .arg("--source-docs")
            .arg(en_us());
        if let Some(o) = out {
            c.arg("-o").arg(o);
        }
        c.output().unwrap()
    };
    let printed = json(None);
    assert_eq!(printed.status.code(), Some(2));
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("m.json");
    let streamed = json(Some(&file));
    assert_eq!(streamed.status.code(), Some(2));
    let text = String::from_utf8_lossy(&printed.stdout);
    assert!(
        std::fs::read(&file).unwrap() == printed.stdout,
        "streamed JSON differs"
    );
    assert_eq!(text.matches("typed_by_alignment").count(), 727);
    // The IPsec table of en-US and of de-DE (not read without its words).
    assert_eq!(text.matches("\"ipsec_exceptions\"").count(), 2);
}
