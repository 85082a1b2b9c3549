//! The headless CLI (`moto4s demo|check|export|import`) on real files.

use std::path::Path;
use std::process::{Command, Output};

use moto4s_core::{settings, Store};

const APP: &str = env!("CARGO_BIN_EXE_moto4s");

fn run(args: &[&str]) -> Output {
    Command::new(APP).args(args).env_remove("MOTO4S_DATA").output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn demo_check_export_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo.db");
    let o = run(&["demo", "--data", p(&data)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已写入示例店铺"));

    // demo never overwrites
    let o = run(&["demo", "--data", p(&data)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("为免覆盖数据"), "{}", err(&o));

    let o = run(&["check", "--data", p(&data)]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("完整性检查：ok"), "{text}");
    assert!(text.contains("shop_settings: 1"), "{text}");

    let o = run(&["check", "--data", p(&data), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["quickCheck"], "ok");
    assert_eq!(v["schemaVersion"], moto4s_core::store::SCHEMA_VERSION);

    let xlsx = dir.path().join("shop.xlsx");
    let o = run(&["export", "--data", p(&data), "--xlsx", p(&xlsx)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(xlsx.exists());

    let fresh = dir.path().join("fresh.db");
    let o = run(&["import", "--data", p(&fresh), "--xlsx", p(&xlsx)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已导入「店铺设置」：1 条"), "{}", out(&o));
    let a = settings::load(Store::open(&data).unwrap().conn()).unwrap();
    let b = settings::load(Store::open(&fresh).unwrap().conn()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_broken_import_lists_its_problems_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let before = settings::load(Store::open(&data).unwrap().conn()).unwrap();

    let bad = dir.path().join("bad.xlsx");
    std::fs::write(&bad, "店铺名称,值\n这不是 Excel 文件\n").unwrap();
    let o = run(&["import", "--data", p(&data), "--xlsx", p(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("无法读取 Excel 文件"), "{}", err(&o));
    assert_eq!(settings::load(Store::open(&data).unwrap().conn()).unwrap(), before);
}

#[test]
fn check_reports_a_missing_or_newer_file_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let o = run(&["check", "--data", p(&missing)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("不存在"), "{}", err(&o));
    assert!(!missing.exists(), "check must not create a file");

    let data = dir.path().join("demo.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    moto4s_core::rusqlite::Connection::open(&data)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    let o = run(&["check", "--data", p(&data)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("更新版本"), "{}", err(&o));

    // an unknown option to a subcommand is a usage error (exit 2)
    let o = run(&["check", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let fresh = dir.path().join("fresh.db");
    let o = run(&["demo", "--data", p(&fresh), "--size", "huge"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!fresh.exists());
}

#[test]
fn indicators_prints_the_dashboards_figures() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let month = moto4s_core::dates::Month::of(moto4s_core::dates::today()).prev();
    let o = run(&["indicators", "--data", p(&data), "--month", &month.iso()]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let store = Store::open(&data).unwrap();
    let d = moto4s_core::dashboard::compute(store.conn(), month, moto4s_core::dates::today()).unwrap();
    for i in &d.indicators {
        let line = format!("{:>2} {}", i.no, i.name);
        let shown = text
            .lines()
            .find(|l| l.starts_with(&line))
            .unwrap_or_else(|| panic!("{line} in {text}"));
        assert!(shown.contains(&i.display()), "{shown} shows {}", i.display());
    }
    assert!(text.contains("[工厂]"));
    // as JSON: the same values
    let o = run(&["indicators", "--data", p(&data), "--month", &month.iso(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["indicators"].as_array().unwrap().len(), 22);
    assert_eq!(v["indicators"][0]["value"].as_str(), d.indicators[0].value.as_deref());
    // a bad month is refused in Chinese
    let o = run(&["indicators", "--data", p(&data), "--month", "2026-13"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("不是有效的月份"), "{}", err(&o));
}

#[test]
fn report_writes_the_summary_with_the_dashboards_figures() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let month = moto4s_core::dates::Month::of(moto4s_core::dates::today()).prev();
    let (pdf, xlsx) = (dir.path().join("汇总.pdf"), dir.path().join("汇总.xlsx"));
    let o = run(&[
        "report",
        "--data",
        p(&data),
        "--month",
        &month.iso(),
        "--pdf",
        p(&pdf),
        "--xlsx",
        p(&xlsx),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已保存月度汇总 PDF"));
    let store = Store::open(&data).unwrap();
    let d = moto4s_core::dashboard::compute(store.conn(), month, moto4s_core::dates::today()).unwrap();
    // the PDF's text and the workbook's cells show the dashboard's values
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let mut wb = moto4s_core::sheet::open_workbook(&xlsx, 10 << 20).unwrap();
    let t = moto4s_core::sheet::workbook_table(&mut wb, "月度汇总")
        .unwrap()
        .unwrap();
    for i in &d.indicators {
        assert!(text.contains(&i.display()), "{} = {} in the PDF", i.name, i.display());
        let row = t.rows.iter().find(|(_, c)| c[2] == i.name).unwrap();
        assert_eq!(row.1[3], i.display());
    }
    // nothing to write, or a month that is not one: refused, no file
    let o = run(&["report", "--data", p(&data), "--month", &month.iso()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("请用 --pdf 或 --xlsx"), "{}", err(&o));
    let bad = dir.path().join("bad.pdf");
    let o = run(&["report", "--data", p(&data), "--month", "2026-13", "--pdf", p(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!bad.exists());
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let to = dir.path().join("备份");
    let o = run(&["backup", "--data", p(&data), "--to", p(&to)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已通过完整性检查"));
    let file = std::fs::read_dir(&to).unwrap().flatten().next().unwrap().path();
    assert!(file
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("moto4s-manual-"));
    // a change, then the restore brings the name back
    {
        let s = Store::open(&data).unwrap();
        let mut st = settings::load(s.conn()).unwrap().unwrap();
        st.shop_name = "改过的店".into();
        settings::save(s.conn(), st).unwrap();
    }
    let o = run(&["restore", "--data", p(&data), "--from", p(&file)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("恢复前的数据已备份到"));
    let s = Store::open(&data).unwrap();
    assert_ne!(settings::load(s.conn()).unwrap().unwrap().shop_name, "改过的店");
    drop(s);
    // a file that is not a backup is refused, in Chinese, nothing changed
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "garbage").unwrap();
    let o = run(&["restore", "--data", p(&data), "--from", p(&junk)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("不能用来恢复"), "{}", err(&o));
}
