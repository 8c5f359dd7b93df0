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
    // Every default book (zh-TW and ja-JP translate the interface only: their
    // catalogs take on no page text, so none is reported).
    let all = book::default_locales(m, &cats);
    assert_eq!(all, ["en-US", "ja-JP", "zh-CN", "zh-TW"]);
    assert_eq!(book::translation_issues(m, &cats, &all), vec![]);
    // 1 title + 4 distinct headings, one of them in two contexts (the
    // external and the internal interface table) + 26 distinct notes (of 5
    // headings, 37 notes).
    let texts = book::translatable_texts(m, &locales());
    assert_eq!(texts.len(), 32);
    assert_eq!(texts.iter().filter(|(t, _)| t.what == "note").count(), 26);
    let ctxts: Vec<_> = texts
        .iter()
        .filter_map(|(t, _)| t.msgctxt.as_deref())
        .collect();
    assert_eq!(
        ctxts,
        ["external interface table", "internal interface table"]
    );
    assert!(
        texts
            .iter()
            .all(|(t, _)| t.target_locales == ["en-US"] && t.source_locale == "zh-CN")
    );
    let en = &cats.translations["en-US"];
    assert_eq!(en.entries.len(), 32);
    assert!(en.entries.values().all(|e| e.is_usable()));
    // zh-CN translates the whole interface and every chapter paragraph.
    let zh = &cats.translations["zh-CN"];
    for e in book::ui_and_chapter_entries() {
        assert!(
            zh.entry(e.msgctxt.as_deref(), &e.msgid)
                .is_some_and(|x| x.is_usable()),
            "zh-CN: {:?}",
            e.msgid
        );
    }
    // zh-TW and ja-JP translate every interface text (ja-JP marks one it is
    // unsure of fuzzy: the book shows the English text there).
    for (l, unsure) in [("zh-TW", vec![]), ("ja-JP", vec!["neither"])] {
        let c = &cats.translations[l];
        for u in book::UI {
            let e = c.entry(u.msgctxt, u.msgid).unwrap();
            assert_eq!(e.fuzzy, unsure.contains(&u.msgid), "{l}: {}", u.key);
            assert!(e.is_translated(), "{l}: {}", u.key);
        }
    }
}

/// The committed POT is what `i18n update` generates from the embedded
/// default.
#[test]
fn committed_pot_is_up_to_date() {
    let m = portmatrix::embedded();
    let cats = Catalogs::embedded().unwrap();
    let pot = book::write_po(
        &book::PoHeader::new(None),
        &book::pot_entries(m, &book::default_locales(m, &cats)),
        &[],
    );
    let committed = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/book.pot"));
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
    let untranslated = |l: &str| {
        report
            .books
            .iter()
            .find(|b| b.locale == l)
            .unwrap()
            .untranslated
    };
    assert_eq!((untranslated("zh-CN"), untranslated("en-US")), (0, 1));
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
    // The page says so at the top, in the singular.
    assert!(html.select(&sel(".blockquote-tag-warning")).any(|b| {
        b.text()
            .collect::<String>()
            .contains("1 text of this page has no English translation yet and is shown")
    }));
    assert_eq!(html.select(&sel(".pm-untranslated")).count(), 1);
}

/// `i18n update` on a changed text: the POT gets the new text, the PO
/// carries the old translation over as fuzzy (with `#|` the old msgid), the
/// book shows the text untranslated, and the issue is reported as fuzzy.
#[test]
fn i18n_update_marks_changed_entries_fuzzy() {
    let dir = tempfile::tempdir().unwrap();
    let i18n = dir.path().join("i18n");
    std::fs::create_dir_all(i18n.join("en-US")).unwrap();
    std::fs::write(
        i18n.join("en-US/book.po"),
        include_str!("../../i18n/en-US/book.po"),
    )
    .unwrap();
    let m = with_note("XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。");
    let r = book::i18n_update(&m, &i18n, &locales()).unwrap();
    // en-US (kept) and zh-CN (new: the interface and chapters to translate).
    assert_eq!(r.po.len(), 2);
    let en = r.po.iter().find(|c| c.locale == "en-US").unwrap();
    assert_eq!(
        (
            en.entries,
            en.translated,
            en.fuzzy,
            en.untranslated,
            en.obsolete
        ),
        (32, 31, 1, 0, 0)
    );
    let zh = r.po.iter().find(|c| c.locale == "zh-CN").unwrap();
    assert_eq!((zh.translated, zh.untranslated), (0, zh.entries));
    assert!(i18n.join("zh-CN/book.po").is_file());
    let po_text = read(&i18n.join("en-US/book.po"));
    assert!(po_text.contains(
        "#, fuzzy\n#| msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量\"\nmsgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。\"\nmsgstr \"The XMPP Proxy service accepts traffic from XMPP contacts defined in XMPP federation\"\n"
    ));
    assert!(read(&i18n.join("book.pot")).contains(
        "msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。\"\nmsgstr \"\"\n"
    ));

    let cats = Catalogs::load(&i18n).unwrap();
    let issues = book::translation_issues(&m, &cats, &locales());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].kind, TranslationIssueKind::Fuzzy);

    let mut o = Options::new(dir.path().join("book"));
    o.catalogs = Some(i18n.clone());
    o.locales = locales();
    let report = book::build(&m, &o).unwrap();
    assert_eq!(report.books[1].locale, "en-US");
    assert_eq!(report.books[1].untranslated, 1);
    let en = read(&seed_chapter(&dir.path().join("book"), "en-US"));
    assert_eq!(en.matches("class=\"pm-untranslated\"").count(), 1);

    // Update again with the original text back: the fuzzy translation is
    // carried back to it, still fuzzy until a translator reviews it.
    let r2 = book::i18n_update(portmatrix::embedded(), &i18n, &locales()).unwrap();
    let en2 = r2.po.iter().find(|c| c.locale == "en-US").unwrap();
    assert_eq!((en2.entries, en2.translated, en2.fuzzy), (32, 31, 1));
    assert!(read(&i18n.join("en-US/book.po")).contains(
        "#, fuzzy\n#| msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量。\"\nmsgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量\"\n"
    ));

    // A text that vanished without a similar successor becomes obsolete (#~).
    let m3 = with_note("完全不同的新说明");
    let r3 = book::i18n_update(&m3, &i18n, &locales()).unwrap();
    let en3 = r3.po.iter().find(|c| c.locale == "en-US").unwrap();
    assert_eq!(en3.obsolete, 1, "{r3:?}");
    assert!(
        read(&i18n.join("en-US/book.po"))
            .contains("#~ msgid \"XMPP 代理服务接受来自在 XMPP 联盟中定义的 XMPP 联系人的流量\"\n")
    );
}

#[test]
fn broken_catalogs_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("en-US")).unwrap();
    std::fs::write(dir.path().join("en-US/book.po"), "msgid \"a\"\n\"dangling").unwrap();
    let err = Catalogs::load(dir.path()).unwrap_err();
    assert!(err.to_string().contains("book.po:2"), "{err}");
    // A catalog without the translation of an interface text: the book shows
    // the English text (gettext's fallback), never an empty one.
    std::fs::remove_dir_all(dir.path().join("en-US")).unwrap();
    std::fs::create_dir(dir.path().join("zh-CN")).unwrap();
    std::fs::write(
        dir.path().join("zh-CN/book.po"),
        "msgid \"\"\nmsgstr \"Language: zh-CN\\n\"\n\nmsgid \"Role\"\nmsgstr \"角色\"\n",
    )
    .unwrap();
    let cats = Catalogs::load(dir.path()).unwrap();
    let ui = cats.ui_for("zh-CN");
    assert_eq!(ui["col_note"], "Note");
    assert_eq!(ui["col_role"], "角色");
    // An unknown locale is refused, with the known ones.
    let mut o = Options::new(dir.path().join("book"));
    o.locales = vec!["ko-KR".into()];
    let err = book::render_sources(portmatrix::embedded(), &o)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown locale `ko-KR`"), "{err}");
    assert!(
        err.contains(
            "expected: one of de-DE, en-US, es-ES, fr-FR, it-IT, ja-JP, pt-BR, ru-RU, zh-CN, zh-TW"
        ),
        "{err}"
    );
    // Known ones match case-insensitively, as BCP 47 tags do.
    o.locales = vec!["ZH-cn".into(), "zh-Hant".into()];
    let r = book::render_sources(portmatrix::embedded(), &o).unwrap();
    assert_eq!(r.locales, ["zh-CN", "zh-TW"]);
}
