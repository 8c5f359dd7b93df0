//! Translation catalogs of the books: missing, fuzzy and stale translations
//! are reported and shown untranslated; `i18n update` regenerates the POT and
//! merges it into the PO files, marking changed entries fuzzy.
#![cfg(all(feature = "book", feature = "parse"))]

use crate::support::book::*;
use crate::support::read;
use portmatrix::book::{self, Catalogs, Options, TranslationIssueKind};
use scraper::Html;

fn locales() -> Vec<String> {
    vec!["zh-CN".into(), "en-US".into()]
}

#[test]
fn embedded_catalog_translates_every_seed_text() {
    let m = portmatrix::embedded();
    let cats = Catalogs::embedded().unwrap();
    assert_eq!(book::translation_issues(m, &cats, &locales()), vec![]);
    // 1 title + 4 distinct headings + 26 distinct notes (of 5 headings, 37 notes).
    let texts = book::translatable_texts(m, &locales());
    assert_eq!(texts.len(), 31);
    assert_eq!(texts.iter().filter(|(t, _)| t.what == "note").count(), 26);
    assert!(
        texts
            .iter()
            .all(|(t, _)| t.target_locales == ["en-US"] && t.source_locale == "zh-CN")
    );
    let en = &cats.translations["en-US"];
    assert_eq!(en.entries.len(), 31);
    assert!(en.entries.values().all(|e| e.is_usable()));
    // The UI catalogs have the same keys.
    assert_eq!(cats.ui_missing("en-US"), Vec::<String>::new());
    assert_eq!(cats.ui_missing("zh-CN"), Vec::<String>::new());
    assert_eq!(
        cats.ui["en-US"].keys().collect::<Vec<_>>(),
        cats.ui["zh-CN"].keys().collect::<Vec<_>>()
    );
}

/// The committed POT is what `i18n update` generates from the embedded default.
#[test]
fn committed_pot_is_up_to_date() {
    let pot = book::write_po(
        None,
        &book::pot_entries(portmatrix::embedded(), &locales()),
        &[],
    );
    let committed =
        read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/portmatrix.pot"));
    assert_eq!(committed, pot, "run `portmatrix i18n update`");
}

/// A note the catalog does not know is reported (with its file:line) and
/// shown in the en-US book in the original language, marked.
#[test]
fn missing_translation_is_reported_and_shown_marked() {
    let m = with_note("通过 TCP 的 DNS 查询（已更改）");
    let cats = Catalogs::embedded().unwrap();
    let issues = book::translation_issues(&m, &cats, &locales());
    let kinds: Vec<_> = issues
        .iter()
        .map(|i| (i.kind, i.locale.as_str(), i.msgid.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                TranslationIssueKind::Missing,
                "en-US",
                "通过 TCP 的 DNS 查询（已更改）"
            ),
            // The old text no page has any more (only rule 1 had it).
            (
                TranslationIssueKind::Stale,
                "en-US",
                "XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量"
            ),
        ]
    );
    assert!(
        issues[0].location.ends_with(".md:54"),
        "{}",
        issues[0].location
    );
    assert!(
        issues[0]
            .to_string()
            .contains("warning[missing_translation]")
    );

    let dir = tempfile::tempdir().unwrap();
    let report = build(&m, dir.path());
    assert_eq!(
        report
            .books
            .iter()
            .map(|b| b.untranslated)
            .collect::<Vec<_>>(),
        [0, 1]
    );
    let html = Html::parse_document(&read(&seed_chapter(&dir.path().join("book"), "en-US")));
    let marked: Vec<_> = html
        .select(&sel("tr#r50 td.pm-note .pm-untranslated"))
        .collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].value().attr("lang"), Some("zh-CN"));
    assert_eq!(
        marked[0].text().collect::<String>(),
        "untranslated 通过 TCP 的 DNS 查询（已更改）"
    );
    // The page says so at the top.
    assert!(
        html.select(&sel(".blockquote-tag-warning"))
            .any(|b| b.text().collect::<String>().contains("1 text(s)"))
    );
    assert_eq!(html.select(&sel(".pm-untranslated")).count(), 1);
}

/// `i18n update` on a changed text: the POT gets the new text, the PO
/// carries the old translation over as fuzzy (with `#|` the old msgid), the
/// book shows the text untranslated, and the issue is reported as fuzzy.
#[test]
fn i18n_update_marks_changed_entries_fuzzy() {
    let dir = tempfile::tempdir().unwrap();
    let i18n = dir.path().join("i18n");
    std::fs::create_dir(&i18n).unwrap();
    std::fs::write(i18n.join("en-US.po"), include_str!("../../i18n/en-US.po")).unwrap();
    let m = with_note("XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。");
    let r = book::i18n_update(&m, &i18n, &locales()).unwrap();
    assert_eq!(r.po.len(), 1);
    let (_, n, ok, fuzzy, untranslated, obsolete) = r.po[0].clone();
    assert_eq!((n, ok, fuzzy, untranslated, obsolete), (31, 30, 1, 0, 0));
    let po_text = read(&i18n.join("en-US.po"));
    assert!(po_text.contains(
        "#, fuzzy\n#| msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量\"\nmsgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。\"\nmsgstr \"The XMPP Proxy service accepts traffic from XMPP contacts defined in XMPP federation\"\n"
    ));
    assert!(read(&i18n.join("portmatrix.pot")).contains(
        "msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。\"\nmsgstr \"\"\n"
    ));

    let cats = Catalogs::load(&i18n).unwrap();
    let issues = book::translation_issues(&m, &cats, &locales());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].kind, TranslationIssueKind::Fuzzy);

    let mut o = Options::new(dir.path().join("book"));
    o.catalogs = Some(i18n.clone());
    let report = book::build(&m, &o).unwrap();
    assert_eq!(report.books[1].untranslated, 1);
    let en = read(&seed_chapter(&dir.path().join("book"), "en-US"));
    assert_eq!(en.matches("class=\"pm-untranslated\"").count(), 1);

    // Update again with the original text back: the fuzzy translation is
    // carried back to it, still fuzzy until a translator reviews it.
    let r2 = book::i18n_update(portmatrix::embedded(), &i18n, &locales()).unwrap();
    assert_eq!((r2.po[0].1, r2.po[0].2, r2.po[0].3), (31, 30, 1));
    assert!(read(&i18n.join("en-US.po")).contains(
        "#, fuzzy\n#| msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。\"\nmsgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量\"\n"
    ));

    // A text that vanished without a similar successor becomes obsolete (#~).
    let m3 = with_note("完全不同的新说明");
    let r3 = book::i18n_update(&m3, &i18n, &locales()).unwrap();
    assert_eq!(r3.po[0].5, 1, "{r3:?}");
    assert!(
        read(&i18n.join("en-US.po"))
            .contains("#~ msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量\"\n")
    );
}

#[test]
fn broken_catalogs_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("en-US.po"), "msgid \"a\"\n\"dangling").unwrap();
    let err = Catalogs::load(dir.path()).unwrap_err();
    assert!(err.to_string().contains("en-US.po:2"), "{err}");
    std::fs::remove_file(dir.path().join("en-US.po")).unwrap();
    std::fs::create_dir(dir.path().join("ui")).unwrap();
    std::fs::write(dir.path().join("ui/en-US.toml"), "x = [1]").unwrap();
    assert!(Catalogs::load(dir.path()).is_err());
    // A UI key missing from one catalog shows visibly, not empty.
    std::fs::write(
        dir.path().join("ui/en-US.toml"),
        "language_name = \"English\"",
    )
    .unwrap();
    let cats = Catalogs::load(dir.path()).unwrap();
    assert_eq!(cats.ui_for("en-US").unwrap()["col_note"], "⟦col_note⟧");
    assert!(cats.ui_missing("en-US").contains(&"col_note".to_string()));
    // An unknown locale is refused.
    let mut o = Options::new(dir.path().join("book"));
    o.locales = vec!["de-DE".into()];
    assert!(
        book::render_sources(portmatrix::embedded(), &o)
            .unwrap_err()
            .to_string()
            .contains("de-DE")
    );
}
