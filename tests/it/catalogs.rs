//! The books' gettext catalogs: one `i18n/<locale>/book.po` per locale and
//! `i18n/book.pot`, valid for GNU gettext (`msgfmt --check`), kept whole by
//! `i18n update` (a Poedit header, translator comments, flags), with
//! `msgctxt` and plural forms; a book per locale, and `--locale` matched
//! against the known locales.
#![cfg(all(feature = "book", feature = "parse"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::book::*;
use crate::support::{SEED_STEM, bin, read, run_ok};
use portmatrix::book::{self, Catalogs, Options};
use scraper::Html;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `i18n/<locale>/book.po` of the repository.
fn repo_catalogs() -> Vec<(String, PathBuf)> {
    book::catalog_files(&repo().join("i18n"))
}

/// Every catalog of `i18n/` is embedded, and only those.
#[test]
fn every_catalog_of_the_repo_is_embedded() {
    let files: Vec<String> = repo_catalogs().into_iter().map(|(l, _)| l).collect();
    let embedded: Vec<&str> = book::EMBEDDED.iter().map(|(l, _)| *l).collect();
    assert_eq!(files, embedded);
    for (l, path) in repo_catalogs() {
        let text = read(&path);
        let embedded = book::EMBEDDED.iter().find(|(x, _)| *x == l).unwrap().1;
        assert_eq!(text, embedded, "{l}");
        // The folder is the catalog's language.
        let po = book::parse_po(&text, &path.display().to_string(), &l).unwrap();
        assert_eq!(po.locale, l);
    }
    // Nothing of the old layout is left.
    for gone in [
        "i18n/ui",
        "i18n/en-US.po",
        "i18n/portmatrix.pot",
        "book/zh-CN",
    ] {
        assert!(!repo().join(gone).exists(), "{gone}");
    }
}

fn msgfmt() -> Option<PathBuf> {
    let found = Command::new("msgfmt").arg("--version").output().is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("msgfmt (GNU gettext) is not installed; .ci/run installs it");
    }
    found.then(|| PathBuf::from("msgfmt"))
}

/// `msgfmt --check` on `file` (header checks left out for a template, whose
/// header is placeholders by design): no error, no warning.
fn assert_msgfmt_clean(file: &Path) {
    let Some(msgfmt) = msgfmt() else {
        eprintln!("msgfmt not installed: skipped");
        return;
    };
    let template = file.extension().is_some_and(|e| e == "pot");
    let checks: &[&str] = if template {
        &["--check-format", "--check-domain"]
    } else {
        &["--check"]
    };
    let o = Command::new(msgfmt)
        .args(checks)
        .args(["-o", "/dev/null"])
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success() && stderr.trim().is_empty(),
        "{}: {stderr}",
        file.display()
    );
}

/// The committed catalogs pass GNU gettext's own checks (CI runs the same).
#[test]
fn committed_catalogs_pass_msgfmt_check() {
    for (_, path) in repo_catalogs() {
        assert_msgfmt_clean(&path);
    }
    assert_msgfmt_clean(&repo().join("i18n/book.pot"));
}

/// The header Poedit 3 writes, with a translator's comments and flags.
const POEDIT: &str = r#"# Japanese translation of the portmatrix runbook.
# Copyright (C) 2026 portmatrix
# Hanako Yamada <hanako@example.com>, 2026.
#
msgid ""
msgstr ""
"Project-Id-Version: portmatrix 0.1\n"
"Report-Msgid-Bugs-To: https://example.com/portmatrix/issues\n"
"POT-Creation-Date: 2026-01-02 03:04+0000\n"
"PO-Revision-Date: 2026-02-03 04:05+0900\n"
"Last-Translator: Hanako Yamada <hanako@example.com>\n"
"Language-Team: Japanese <ja@example.com>\n"
"Language: ja_JP\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=1; plural=0;\n"
"X-Generator: Poedit 3.4.2\n"
"X-Poedit-Basepath: ..\n"
"X-Poedit-SourceCharset: UTF-8\n"

# Checked against the ja-JP TechNet pages.
#. ui: col_role — Column of a rules table: the Edge service (Access, A/V, …).
#, no-wrap
msgid "Role"
msgstr "役割"

# Katakana as in Microsoft's glossary.
#, fuzzy, no-wrap
msgid "Transport"
msgstr "トランスポート"

#, c-format
msgid "{n} rule"
msgid_plural "{n} rules"
msgstr[0] "{n} 個の規則"
"#;

/// `i18n update` keeps every field of a Poedit header, in order, and the
/// translator's comments and flags.
#[test]
fn i18n_update_keeps_a_poedit_header_and_comments() {
    let dir = tempfile::tempdir().unwrap();
    let i18n = dir.path().join("i18n");
    std::fs::create_dir_all(i18n.join("ja-JP")).unwrap();
    let po = i18n.join("ja-JP/book.po");
    std::fs::write(&po, POEDIT).unwrap();
    let before = book::parse_po(POEDIT, "poedit", "ja-JP").unwrap();
    assert_eq!(before.header.fields.len(), 14);

    let out = run_ok(bin().args(["i18n", "update", "--dir"]).arg(&i18n));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ja-JP/book.po"), "{stderr}");
    let text = read(&po);
    let after = book::parse_po(&text, "updated", "ja-JP").unwrap();
    // Every field, in Poedit's order, with its value.
    assert_eq!(after.header.fields, before.header.fields);
    for field in [
        "\"Report-Msgid-Bugs-To: https://example.com/portmatrix/issues\\n\"",
        "\"POT-Creation-Date: 2026-01-02 03:04+0000\\n\"",
        "\"PO-Revision-Date: 2026-02-03 04:05+0900\\n\"",
        "\"Last-Translator: Hanako Yamada <hanako@example.com>\\n\"",
        "\"Language-Team: Japanese <ja@example.com>\\n\"",
        "\"Plural-Forms: nplurals=1; plural=0;\\n\"",
        "\"X-Generator: Poedit 3.4.2\\n\"",
        "\"X-Poedit-Basepath: ..\\n\"",
        "\"X-Poedit-SourceCharset: UTF-8\\n\"",
    ] {
        assert!(text.contains(field), "{field} lost:\n{text}");
    }
    // The header's comments, verbatim.
    assert!(text.starts_with(
        "# Japanese translation of the portmatrix runbook.\n# Copyright (C) 2026 portmatrix\n# Hanako Yamada <hanako@example.com>, 2026.\n#\nmsgid \"\"\n"
    ));
    // Translator comments and flags of the entries.
    let role = after.entry(None, "Role").unwrap();
    assert_eq!(
        role.translator_comments,
        ["Checked against the ja-JP TechNet pages."]
    );
    assert_eq!(
        (role.fuzzy, role.flags.as_slice()),
        (false, &["no-wrap".to_string()][..])
    );
    assert_eq!(role.msgstr, "役割");
    let transport = after.entry(None, "Transport").unwrap();
    assert!(transport.fuzzy);
    assert_eq!(transport.flags, ["no-wrap"]);
    assert_eq!(
        transport.translator_comments,
        ["Katakana as in Microsoft's glossary."]
    );
    let rule = after.entry(None, "{n} rule").unwrap();
    assert_eq!(rule.flags, ["c-format"]);
    assert_eq!(rule.msgstr_plural, ["{n} 個の規則"]);
    // The folder names the locale, whatever the header's spelling: the
    // catalog is ja-JP's, and the book uses it.
    let cats = Catalogs::load(&i18n).unwrap();
    assert_eq!(cats.ui_for("ja-JP")["col_role"], "役割");
    // And the catalog is still one gettext takes.
    assert_msgfmt_clean(&po);
    // Updating again changes nothing.
    run_ok(bin().args(["i18n", "update", "--dir"]).arg(&i18n));
    assert_eq!(read(&po), text);
}

/// No `{n} text(s)`: every count is a plural message, and each catalog says
/// how its language forms plurals.
#[test]
fn counts_are_plural_forms() {
    for (name, text) in book::DEFAULT_TEMPLATES {
        assert!(!text.contains("(s)"), "{name}");
    }
    let cats = Catalogs::embedded().unwrap();
    for (l, po) in &cats.translations {
        assert!(
            !book::EMBEDDED.iter().any(|(_, t)| t.contains("(s)")),
            "{l}"
        );
        assert!(po.header.get("Plural-Forms").is_some(), "{l}");
    }
    let plural: Vec<&str> = book::UI
        .iter()
        .filter(|m| m.msgid_plural.is_some())
        .map(|m| m.key)
        .collect();
    assert_eq!(
        plural,
        [
            "untranslated_summary",
            "n_rules",
            "n_tables",
            "sync_absent",
            "sync_summary"
        ]
    );
    assert_eq!(cats.ui_plural("en-US", "n_rules", 1).unwrap(), "1 rule");
    assert_eq!(cats.ui_plural("en-US", "n_rules", 0).unwrap(), "0 rules");
    assert_eq!(cats.ui_plural("zh-CN", "n_rules", 1).unwrap(), "1 条规则");
    assert_eq!(cats.ui_plural("ja-JP", "n_tables", 5).unwrap(), "5 個の表");
    // A locale without a catalog: English.
    assert_eq!(cats.ui_plural("fr-FR", "n_tables", 2).unwrap(), "2 tables");

    // In the books: the page's counts.
    let dir = tempfile::tempdir().unwrap();
    build(portmatrix::embedded(), dir.path());
    for (l, meta) in [
        ("en-US", "37 rules in 5 tables."),
        ("zh-CN", "5 个表中共 37 条规则。"),
        ("zh-TW", "5 個表格中共 37 條規則。"),
        ("ja-JP", "5 個の表に含まれる 37 個の規則。"),
    ] {
        let html = Html::parse_document(&read(&seed_chapter(&dir.path().join("book"), l)));
        assert!(first_text(&html, "p.pm-meta").starts_with(meta), "{l}");
    }
    let sync = Html::parse_document(&read(&dir.path().join("book/en-US/locale-sync.html")));
    assert_eq!(
        first_text(&sync, "p.pm-sync-summary"),
        "0 of 1 page is in sync."
    );
}

/// The seed page titles both interface tables with one heading: the
/// catalog has one entry per table (msgctxt), and each table shows its own.
#[test]
fn one_heading_two_tables_two_contexts() {
    let heading = "使用公用 IP 地址的扩展的合并边缘（DNS 负载平衡）的防火墙摘要：外部接口 – 节点 1 和节点 2（示例）";
    let en = book::EMBEDDED
        .iter()
        .find(|(l, _)| *l == "en-US")
        .unwrap()
        .1;
    let cat = book::parse_po(en, "en-US", "en-US").unwrap();
    let external = cat
        .entry(Some("external interface table"), heading)
        .unwrap();
    let internal = cat
        .entry(Some("internal interface table"), heading)
        .unwrap();
    assert!(cat.entry(None, heading).is_none());
    assert!(external.is_usable() && internal.is_usable());
    assert!(
        internal
            .translator_comments
            .join(" ")
            .contains("heading_contradicts_rows"),
        "the translator says why"
    );
    // A translator who names the internal table for what it is changes
    // only that table.
    let dir = tempfile::tempdir().unwrap();
    let i18n = dir.path().join("i18n");
    std::fs::create_dir_all(i18n.join("en-US")).unwrap();
    let fixed = en.replacen(
        &format!(
            "msgctxt \"internal interface table\"\nmsgid \"{heading}\"\nmsgstr \"{}\"",
            internal.msgstr
        ),
        &format!(
            "msgctxt \"internal interface table\"\nmsgid \"{heading}\"\nmsgstr \"Firewall summary: internal interface\""
        ),
        1,
    );
    assert_ne!(fixed, en);
    std::fs::write(i18n.join("en-US/book.po"), fixed).unwrap();
    let mut o = Options::new(dir.path().join("book"));
    o.catalogs = Some(i18n);
    o.locales = vec!["en-US".into()];
    book::build(portmatrix::embedded(), &o).unwrap();
    let html = Html::parse_document(&read(&seed_chapter(&dir.path().join("book"), "en-US")));
    let h2: Vec<String> = html.select(&sel("main h2")).map(text_of).collect();
    assert_eq!(h2[0], external.msgstr);
    assert_eq!(h2[1], "Firewall summary: internal interface");
}

/// The hand-written chapters are English in `book/en-US/` and translated
/// paragraph by paragraph: the zh-CN book's chapters are Chinese, with the
/// same structure; ja-JP, whose catalog does not translate them yet, shows
/// the English paragraphs (and its interface in Japanese).
#[test]
fn chapters_are_translated_by_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    build(portmatrix::embedded(), dir.path());
    let src = dir.path().join("book-src");
    let zh = read(&src.join("zh-CN/src/reading-a-rule.md"));
    let en = read(&src.join("en-US/src/reading-a-rule.md"));
    assert!(zh.contains("# 如何阅读一条规则"));
    assert!(
        zh.contains("| 角色 | 规则所属的边缘服务（访问、Web 会议、A/V），如果页面写明了的话。 |")
    );
    assert_eq!(
        zh.matches("\n|").count(),
        en.matches("\n|").count(),
        "same table"
    );
    let ja = read(&src.join("ja-JP/src/introduction.md"));
    assert!(ja.contains("# Introduction"));
    let summary = read(&src.join("ja-JP/src/SUMMARY.md"));
    assert!(summary.starts_with("# 目次"), "{summary}");
    // Each message of the template is a paragraph, heading, item or cell.
    let ids: Vec<String> = book::segments(book::HANDWRITTEN[0].1)
        .into_iter()
        .map(|s| s.msgid)
        .collect();
    assert_eq!(ids[0], "Introduction");
    assert_eq!(ids[3], "How to use this book:");
    assert!(ids[4].starts_with("**Port summaries**: one chapter per TechNet page"));
}

fn exit(cmd: &mut Command) -> (i32, String) {
    let o = cmd.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// `--locale` is matched case-insensitively against the known locales
/// (locale data, catalogs, pages); an unknown one is an input error (exit
/// 2) that lists them, for `book`, `query` and `i18n update` alike.
#[test]
fn locale_option_is_matched_or_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let known =
        "expected: one of de-DE, en-US, es-ES, fr-FR, it-IT, ja-JP, pt-BR, ru-RU, zh-CN, zh-TW";
    for args in [
        vec!["query", "--port", "443", "--locale", "xx-YY"],
        vec!["book", "--locale", "xx-YY", "--out"],
        vec!["i18n", "update", "--locale", "xx-YY", "--dir"],
    ] {
        let mut cmd = bin();
        cmd.args(&args);
        if args.last() == Some(&"--out") || args.last() == Some(&"--dir") {
            cmd.arg(dir.path().join("x"));
        }
        let (code, stderr) = exit(&mut cmd);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("unknown locale `xx-YY`"), "{stderr}");
        assert!(stderr.contains(known), "{stderr}");
        // Said once: the message is the error, not also its cause.
        assert_eq!(stderr.matches("unknown locale").count(), 1, "{stderr}");
    }
    assert!(!dir.path().join("x").exists());
    // zh-cn is zh-CN; fr-FR is known (its locale folder) and named through
    // its fallback, English.
    let out = run_ok(bin().args(["query", "--port", "5269", "--locale", "ZH-cn"]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("XMPP 代理服务"));
    let out = run_ok(bin().args(["query", "--port", "5269", "--locale", "fr-FR"]));
    assert!(String::from_utf8_lossy(&out.stdout).contains("XMPP Proxy service"));
    let books = dir.path().join("books");
    run_ok(
        bin()
            .args(["book", "--locale", "zh-cn", "--locale", "zh-Hant", "--out"])
            .arg(&books),
    );
    assert!(books.join("zh-CN/index.html").is_file());
    assert!(books.join("zh-TW/index.html").is_file());
    assert!(!books.join("zh-cn").exists());
}

/// A catalog in `--i18n DIR` for a language no locale folder has makes a
/// book of it: `build` writes it, the switch lists it (by its tag: the
/// registry has no name for it), and `--locale` knows it.
#[test]
fn a_catalog_alone_adds_a_book_language() {
    let dir = tempfile::tempdir().unwrap();
    let i18n = dir.path().join("i18n");
    std::fs::create_dir_all(i18n.join("ko-KR")).unwrap();
    std::fs::write(
        i18n.join("ko-KR/book.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: ko-KR\\n\"\n\"Plural-Forms: nplurals=1; plural=0;\\n\"\n\n\
         msgid \"Role\"\nmsgstr \"역할\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    run_ok(
        bin()
            .arg("--i18n")
            .arg(&i18n)
            .args(["build", "--out"])
            .arg(&out),
    );
    let ko = out.join("book/ko-KR");
    assert!(ko.join("index.html").is_file());
    let html = Html::parse_document(&read(&ko.join(format!("{SEED_STEM}.html"))));
    assert_eq!(first_text(&html, "table.pm-rules th:first-child"), "역할");
    let zh = Html::parse_document(&read(&out.join(format!("book/zh-CN/{SEED_STEM}.html"))));
    let names: Vec<String> = zh
        .select(&sel("nav.pm-lang-switch .pm-lang"))
        .map(text_of)
        .collect();
    assert_eq!(
        names,
        ["English", "日本語", "ko-KR", "简体中文", "繁體中文"]
    );
    let (code, stderr) = exit(
        bin()
            .arg("--i18n")
            .arg(&i18n)
            .args(["book", "--locale", "KO-kr", "--out"])
            .arg(dir.path().join("ko")),
    );
    assert_eq!(code, 0, "{stderr}");
}
