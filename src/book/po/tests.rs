//! Tests of the PO reader, writer, merge and plural rules.

use super::plural::*;
use super::read::*;
use super::write::*;
use super::*;

fn entry(id: &str, s: &str) -> PoEntry {
    PoEntry {
        msgid: id.into(),
        msgstr: s.into(),
        references: vec!["zh-CN/a.md:1".into()],
        ..PoEntry::default()
    }
}

#[test]
fn write_then_parse_round_trips() {
    // Flags on two lines are two flags.
    let two = parse_po(
        "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n#, fuzzy\n#, no-wrap\nmsgid \"a\"\nmsgstr \"b\"\n",
        "t.po",
        "fr",
    )
    .unwrap();
    let a = &two.entries[&(None, "a".to_string())];
    assert!(a.fuzzy);
    assert_eq!(a.flags, ["no-wrap"]);
    let mut e = entry("通过 TCP 的 DNS 查询 \"q\"", "DNS queries over TCP");
    e.fuzzy = true;
    e.flags = vec!["no-wrap".into()];
    e.translator_comments = vec!["checked".into(), String::new(), "twice".into()];
    e.previous = Some("通过 TCP 的 DNS".into());
    let mut ctx = entry("same", "external");
    ctx.msgctxt = Some("external interface table".into());
    let mut ctx2 = entry("same", "internal");
    ctx2.msgctxt = Some("internal interface table".into());
    let mut plural = PoEntry::template(None, "{n} rule", Some("{n} rules"));
    plural.msgstr_plural = vec!["{n} rule".into(), "{n} rules".into()];
    let multi = entry("line one\nline two", "eins\nzwei");
    let header = PoHeader::new(Some("en-US"));
    let text = write_po(
        &header,
        &[
            e.clone(),
            entry("x", ""),
            ctx.clone(),
            ctx2.clone(),
            plural.clone(),
            multi.clone(),
        ],
        &["#~ msgid \"old\"\n#~ msgstr \"Old\"\n".into()],
    );
    let cat = parse_po(&text, "t.po", "xx").unwrap();
    assert_eq!(cat.locale, "en-US");
    assert_eq!(cat.header, header);
    assert_eq!(cat.entries.len(), 6);
    assert_eq!(cat.entries[&e.key()], e);
    assert_eq!(cat.entries[&ctx.key()], ctx);
    assert_eq!(cat.entries[&ctx2.key()], ctx2);
    assert_eq!(cat.entries[&plural.key()], plural);
    assert_eq!(cat.entries[&multi.key()], multi);
    assert!(text.contains("msgid \"\"\n\"line one\\n\"\n\"line two\"\n"));
    assert_eq!(cat.get(&e.msgid), None, "fuzzy is not usable");
    assert_eq!(cat.get("x"), None, "empty is not usable");
    assert_eq!(cat.get("same"), None, "only in a context");
    assert_eq!(
        cat.get_ctxt(Some("internal interface table"), "same"),
        Some("internal")
    );
    assert_eq!(cat.obsolete.len(), 1);
    // Written again: the same bytes.
    let again = write_po(
        &cat.header,
        &[e, entry("x", ""), ctx, ctx2, plural, multi],
        &cat.obsolete,
    );
    assert_eq!(again, text);
}

#[test]
fn merge_marks_changed_entries_fuzzy() {
    let old = PoCatalog {
        locale: "en-US".into(),
        origin: "t".into(),
        entries: [
            entry("通过 UDP 的 DNS 查询", "DNS queries over UDP"),
            entry("完全无关的旧文本", "Old"),
        ]
        .into_iter()
        .map(|e| (e.key(), e))
        .collect(),
        ..PoCatalog::default()
    };
    let pot = vec![entry("通过 UDP 的 DNS 查询。", ""), entry("新文本", "")];
    let (merged, obsolete) = merge(&pot, &old);
    assert!(merged[0].fuzzy);
    assert_eq!(merged[0].msgstr, "DNS queries over UDP");
    assert_eq!(merged[0].previous.as_deref(), Some("通过 UDP 的 DNS 查询"));
    assert!(!merged[1].fuzzy);
    assert_eq!(merged[1].msgstr, "");
    assert_eq!(obsolete.len(), 1);
    assert!(obsolete[0].contains("完全无关的旧文本"));
}

#[test]
fn malformed_po_is_an_error_not_a_panic() {
    for bad in [
        "\"orphan\"\n",
        "msgid x\n",
        "msgid \"a\nmsgstr \"\"\n",
        "bogus \"a\"\n",
        "msgid \"\"\nmsgstr \"\"\n\n\"x\"",
        "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n;\\n\"\n",
    ] {
        assert!(parse_po(bad, "bad.po", "en-US").is_err(), "{bad:?}");
    }
}

#[test]
fn plural_rules_pick_gettext_forms() {
    let en = PluralRule::parse("nplurals=2; plural=(n != 1);").unwrap();
    assert_eq!((en.index(0), en.index(1), en.index(2)), (1, 0, 1));
    let fr = PluralRule::parse("nplurals=2; plural=(n > 1);").unwrap();
    assert_eq!((fr.index(0), fr.index(1), fr.index(2)), (0, 0, 1));
    let zh = PluralRule::parse("nplurals=1; plural=0;").unwrap();
    assert_eq!(zh.index(5), 0);
    let ru = PluralRule::parse(plural_forms_for("ru-RU")).unwrap();
    let forms: Vec<usize> = [1, 2, 5, 11, 21, 22, 25, 111].map(|n| ru.index(n)).to_vec();
    assert_eq!(forms, [0, 1, 2, 2, 0, 1, 2, 2]);
    let cs = PluralRule::parse(plural_forms_for("cs-CZ")).unwrap();
    assert_eq!((cs.index(1), cs.index(3), cs.index(7)), (0, 1, 2));
    assert!(PluralRule::parse("nplurals=2; plural=n ! 1;").is_err());
    assert!(PluralRule::parse("nplurals=0; plural=0;").is_err());
}
