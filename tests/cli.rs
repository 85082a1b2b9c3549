//! The headless CLI (`moto4s demo|check|export|import`) on real files.

use std::path::Path;
use std::process::{Command, Output};

use moto4s_core::{settings, Store};

const APP: &str = env!("CARGO_BIN_EXE_moto4s");

/// The day every command here runs on (the app's clock, `MOTO4S_TODAY`): a
/// first of a month, whose month before is the one reported.
const TODAY: &str = "2026-12-01";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn run(args: &[&str]) -> Output {
    run_on(TODAY, args)
}

fn run_on(today: &str, args: &[&str]) -> Output {
    Command::new(APP)
        .args(args)
        .env_remove("MOTO4S_DATA")
        .env(moto4s_core::dates::CLOCK_VAR, today)
        .output()
        .unwrap()
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
    assert_eq!(v["check"]["ok"], true, "{v}");

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

    // into a new data file: a failed import, or a missing workbook, leaves no file behind
    let fresh = dir.path().join("fresh.db");
    let o = run(&["import", "--data", p(&fresh), "--xlsx", p(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&[
        "import",
        "--data",
        p(&fresh),
        "--xlsx",
        p(&dir.path().join("nope.xlsx")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("导入文件") && err(&o).contains("不存在"),
        "{}",
        err(&o)
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("fresh"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
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
    let month = moto4s_core::dates::Month::of(today()).prev();
    let o = run(&["indicators", "--data", p(&data), "--month", &month.iso()]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let store = Store::open(&data).unwrap();
    let d = moto4s_core::dashboard::compute(store.conn(), month, today()).unwrap();
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
    let month = moto4s_core::dates::Month::of(today()).prev();
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
    let d = moto4s_core::dashboard::compute(store.conn(), month, today()).unwrap();
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
    // (pdftotext may drop the space between a short count and its unit: 6次)
    let squeezed: String = text.chars().filter(|c| *c != ' ').collect();
    for i in &d.indicators {
        let shown: String = i.display().chars().filter(|c| *c != ' ').collect();
        assert!(squeezed.contains(&shown), "{} = {} in the PDF", i.name, i.display());
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

#[test]
fn every_command_follows_the_clock_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    // the demo shop is generated up to the set day: its last records are of that day
    let data = dir.path().join("demo.db");
    assert!(run_on("2028-02-29", &["demo", "--data", p(&data)]).status.success());
    {
        let s = Store::open(&data).unwrap();
        let last: String = s
            .conn()
            .query_row("SELECT max(moved_on) FROM stock_movement", [], |r| r.get(0))
            .unwrap();
        assert!(
            last.as_str() <= "2028-02-29" && last.as_str() >= "2028-02-01",
            "last movement {last}"
        );
    }
    // the default month is the clock's, on the last day of a month and the first of the next
    for (day, label) in [("2028-02-29T23:50", "2028年2月"), ("2028-03-01T08:30", "2028年3月")] {
        let o = run_on(day, &["indicators", "--data", p(&data)]);
        assert!(o.status.success(), "{}", err(&o));
        assert!(out(&o).lines().next().unwrap().contains(label), "{day}: {}", out(&o));
    }
    // a manual backup is named by the clock's time
    let to = dir.path().join("备份");
    let o = run_on("2028-02-29T23:50", &["backup", "--data", p(&data), "--to", p(&to)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("moto4s-manual-2028-02-29-2350"), "{}", out(&o));
    // a clock that is not a date is refused before anything is done
    let fresh = dir.path().join("fresh.db");
    let o = run_on("2027-02-29", &["demo", "--data", p(&fresh)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("MOTO4S_TODAY") && err(&o).contains("2027-02-29"),
        "{}",
        err(&o)
    );
    assert!(!fresh.exists());
}

#[test]
fn no_export_or_report_ever_lands_on_the_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let before = std::fs::read(&data).unwrap();
    let month = moto4s_core::dates::Month::of(today()).prev().iso();
    for args in [
        vec!["export", "--data", p(&data), "--xlsx", p(&data)],
        vec!["report", "--data", p(&data), "--month", &month, "--pdf", p(&data)],
        vec!["report", "--data", p(&data), "--month", &month, "--xlsx", p(&data)],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(err(&o).contains("不能用导出或报表覆盖"), "{args:?}: {}", err(&o));
    }
    assert_eq!(std::fs::read(&data).unwrap(), before, "the data file is untouched");
    let s = Store::open(&data).unwrap();
    assert!(settings::load(s.conn()).unwrap().is_some());
    drop(s);
    // a backup is a database too
    let to = dir.path().join("备份");
    assert!(run(&["backup", "--data", p(&data), "--to", p(&to)]).status.success());
    let backup = std::fs::read_dir(&to).unwrap().flatten().next().unwrap().path();
    let o = run(&["export", "--data", p(&data), "--xlsx", p(&backup)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        run(&["restore", "--data", p(&data), "--from", p(&backup)])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    // `moto4s indicators | head -0`: the pipe is closed before the first line
    let mut child = Command::new(APP)
        .args(["indicators", "--data", p(&data)])
        .env(moto4s_core::dates::CLOCK_VAR, TODAY)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!err(&o).contains("panicked"), "{}", err(&o));
}

#[test]
fn a_damaged_data_file_is_restored_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let to = dir.path().join("备份");
    assert!(run(&["backup", "--data", p(&data), "--to", p(&to)]).status.success());
    let backup = std::fs::read_dir(&to).unwrap().flatten().next().unwrap().path();
    // pages 2–3 overwritten: the file no longer opens
    let mut bytes = std::fs::read(&data).unwrap();
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0x5A;
    }
    std::fs::write(&data, &bytes).unwrap();
    let o = run(&["check", "--data", p(&data)]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["restore", "--data", p(&data), "--from", p(&backup)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("损坏的数据文件没有删除"), "{}", out(&o));
    assert!(run(&["check", "--data", p(&data)]).status.success());
    let s = Store::open(&data).unwrap();
    assert!(settings::load(s.conn()).unwrap().is_some());
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.starts_with("damaged-2026-12-01-") && n.ends_with(".db")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept");
}

#[test]
fn a_demo_killed_half_way_leaves_no_half_shop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    for delay_ms in [50u64, 200, 500, 900] {
        let mut child = Command::new(APP)
            .args(["demo", "--data", p(&data)])
            .env(moto4s_core::dates::CLOCK_VAR, TODAY)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        if data.exists() {
            // it finished before the kill: a whole demo shop
            let s = Store::open(&data).unwrap();
            assert!(
                settings::load(s.conn()).unwrap().is_some(),
                "killed after {delay_ms} ms: a whole shop or none"
            );
            assert!(finished || s.meta("demo").unwrap().as_deref() == Some("1"));
            drop(s);
            std::fs::remove_file(&data).unwrap();
        }
    }
    // and the demo can be written afterwards
    let o = run(&["demo", "--data", p(&data)]);
    assert!(o.status.success(), "{}", err(&o));
    let s = Store::open(&data).unwrap();
    assert!(settings::load(s.conn()).unwrap().is_some());
}

#[test]
fn check_names_a_silently_changed_record_and_the_last_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let o = run(&["check", "--data", p(&data)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("全面检查：通过"), "{}", out(&o));
    // the day's backup, then a number changed behind the app's back
    let s = Store::open(&data).unwrap();
    moto4s_core::backup::automatic(&s, today().and_hms_opt(8, 0, 0).unwrap(), false).unwrap();
    s.conn()
        .execute_batch("UPDATE part SET stock_value_fen = stock_value_fen + 1 WHERE id = (SELECT min(part_id) FROM stock_movement)")
        .unwrap();
    drop(s);
    let o = run(&["check", "--data", p(&data)]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(text.contains("库存金额") && text.contains("不符"), "{text}");
    // the day's daily and monthly copies are taken at the same moment: either is the newest good one
    assert!(
        text.contains("最近一份通过检查的备份") && text.contains("（2026-12-01 08:00:00，"),
        "{text}"
    );
}

#[test]
fn init_creates_an_empty_shop_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new.db");
    let o = run(&["init", "--data", p(&data)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已新建空白数据文件"), "{}", out(&o));
    let s = Store::open(&data).unwrap();
    assert_eq!(s.schema_version().unwrap(), moto4s_core::store::SCHEMA_VERSION);
    assert!(settings::load(s.conn()).unwrap().is_none(), "a shop still to be set up");
    drop(s);
    let before = std::fs::read(&data).unwrap();
    let o = run(&["init", "--data", p(&data)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("已存在"), "{}", err(&o));
    assert_eq!(std::fs::read(&data).unwrap(), before);
}

/// 月结 from the command line: the checklist printed, months in order, the
/// current month refused, warnings accepted only with a reason; the JSON
/// says closed / as of; a back-dated import is refused whole; reopen needs
/// a reason.
#[test]
fn close_and_reopen_months() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let d = p(&data);

    let o = run(&["close", "--month", "2026-12", "--data", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("还没有过完"), "{}", err(&o));
    // the demo shop's past months come closed (a shop in steady use)
    let o = run(&["close", "--month", "2026-11", "--data", d]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("已于 2026-12-01") && out(&o).contains("由 王经理 月结"),
        "{}",
        out(&o)
    );
    // only the latest closed month reopens: November, then October
    let o = run(&["reopen", "--month", "2026-10", "--reason", "核对十月", "--data", d]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    for m in ["2026-11", "2026-10"] {
        let o = run(&["reopen", "--month", m, "--reason", "重新核对", "--data", d]);
        assert!(o.status.success(), "{m}: {}", err(&o));
    }
    // months close in order
    let o = run(&["close", "--month", "2026-11", "--data", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("✗ 须处理：上月（2026年10月）尚未月结"), "{}", out(&o));

    // October's warnings are not accepted without a reason
    let oct = moto4s_core::dates::Month::parse("2026-10").unwrap();
    let o = run(&["close", "--month", &oct.iso(), "--data", d]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("! 提示"), "{}", out(&o));
    assert!(err(&o).contains("请填写接受这些提示的原因"), "{}", err(&o));
    let o = run(&["close", "--month", &oct.iso(), "--accept-warnings", "--data", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("--reason"), "{}", err(&o));

    let mut m = oct;
    let nov = moto4s_core::dates::Month::parse("2026-11").unwrap();
    while m <= nov {
        let o = run(&[
            "close",
            "--month",
            &m.iso(),
            "--accept-warnings",
            "--reason",
            "销售数字未提供，其余已核对",
            "--data",
            d,
        ]);
        assert!(o.status.success(), "{}: {}", m.iso(), err(&o));
        m = m.next();
    }
    let json = |month: &str| -> serde_json::Value {
        let o = run(&["indicators", "--month", month, "--json", "--data", d]);
        assert!(o.status.success(), "{}", err(&o));
        serde_json::from_str(&out(&o)).unwrap()
    };
    let nov_json = json("2026-11");
    assert_eq!(nov_json["closed"], true);
    assert_eq!(nov_json["as_of"], serde_json::Value::Null);
    let dec = json("2026-12");
    assert_eq!(dec["closed"], false);
    assert_eq!(dec["as_of"], "2026-12-01");
    let o = run(&["indicators", "--month", "2026-11", "--data", d]);
    assert!(out(&o).contains("（已月结 2026-12-01"), "{}", out(&o));

    // a workbook with a movement dated into November is refused whole
    let book = dir.path().join("late.xlsx");
    let (part, quiet): (String, String) = {
        let s = Store::open(&data).unwrap();
        let q = |sql: &str| -> String { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        (
            q("SELECT part_no FROM part WHERE active = 1 ORDER BY id LIMIT 1"),
            // a part not moved since mid-November, so the row is in order
            q("SELECT part_no FROM part p WHERE active = 1
                 AND coalesce((SELECT max(moved_on) FROM stock_movement WHERE part_id = p.id), '') < '2026-11-15'
               ORDER BY id LIMIT 1"),
        )
    };
    moto4s_core::sheet::write_table(
        &book,
        "出入库",
        &[("日期", 12), ("配件编号", 16), ("类型", 8), ("数量变动", 8)],
        &[
            vec!["2026-12-01".into(), part.clone(), "采购入库".into(), "1".into()],
            vec!["2026-11-20".into(), quiet, "采购入库".into(), "1".into()],
        ],
    )
    .unwrap();
    let o = run(&["import", "--data", d, "--xlsx", p(&book)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("已月结"), "{}", err(&o));

    // reopening needs a reason; then November is open again
    let o = run(&["reopen", "--month", "2026-11", "--reason", " ", "--data", d]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["reopen", "--month", "2026-11", "--reason", "补记一笔采购", "--data", d]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(json("2026-11")["closed"], false);
}

#[test]
fn a_forgotten_password_is_got_round_at_this_pc_and_the_log_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    {
        let s = Store::open(&data).unwrap();
        let manager: i64 = s
            .conn()
            .query_row("SELECT id FROM staff WHERE active = 1 ORDER BY id LIMIT 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        moto4s_core::auth::set_account_in(s.conn(), manager, "manager", "secret-123").unwrap();
        moto4s_core::auth::set_login_required(&s, true).unwrap();
        assert!(moto4s_core::auth::login_required(s.conn()).unwrap());
    }
    // a data file that is not there is named, and nothing is made
    let missing = dir.path().join("none.db");
    let o = run(&["login-off", "--data", p(&missing)]);
    assert!(!o.status.success());
    assert!(!missing.exists());

    let o = run(&["login-off", "--data", p(&data)]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已关闭登录要求"), "{}", out(&o));
    let s = Store::open(&data).unwrap();
    assert!(!moto4s_core::auth::login_required(s.conn()).unwrap());
    let (who, action): (String, String) = s
        .conn()
        .query_row(
            "SELECT who, action FROM audit_log WHERE action = '关闭登录' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((who.as_str(), action.as_str()), ("命令行", "关闭登录"));
}

/// A command never opens the data file while the window has it open: it
/// waits for the window's lock (the window may be making its exit backup),
/// then says why and leaves the file as it was; once the window lets go
/// during the wait, the command runs. (A second process opening and closing
/// the live file could take away the write-ahead log the window writes to —
/// see `paths::lock_data_file`.)
#[test]
fn a_command_waits_for_the_window_and_touches_nothing_while_it_is_open() {
    use moto4s_core::paths::{lock_data_file, DataLock};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    assert!(run(&["demo", "--data", p(&data)]).status.success());
    let wal = dir.path().join("shop.db-wal");
    let before = std::fs::read(&data).unwrap();
    // the window, as far as the lock goes
    let DataLock::Held(window) = lock_data_file(&data, std::time::Duration::ZERO).unwrap() else {
        panic!("the lock is free after the demo command");
    };
    let o = run(&["login-off", "--data", p(&data)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("服务经理台正在使用这份数据"), "{}", err(&o));
    assert!(err(&o).contains("请先关闭服务经理台的窗口"), "{}", err(&o));
    assert_eq!(
        std::fs::read(&data).unwrap(),
        before,
        "the refused command wrote nothing"
    );
    assert!(!wal.exists(), "the refused command did not open the file");
    // the window closes a second into the command's wait: the command runs
    let closing = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(1));
        drop(window);
    });
    let o = run(&["login-off", "--data", p(&data)]);
    closing.join().unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("已关闭登录要求"), "{}", out(&o));
}
