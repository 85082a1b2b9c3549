//! End to end, in the real window: 备份与恢复 — the day's automatic backup
//! is listed in the settings; a record changed afterwards (the shop's name)
//! comes back as it was when that backup is restored; a damaged file picked
//! in the system's open dialog is refused and changes nothing; a new PC's
//! first start brings the shop back from the old PC's backup. 数据交换: the
//! whole shop exported as a workbook; a workbook with a bad row is refused
//! row by row and changes nothing; the shop's own workbook imported again
//! writes nothing, after a backup.

mod common;

use common::{day, App, Harness};
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_up_change_a_record_and_restore_it() {
    // the first of a month: the day's first start writes the daily and
    // the month's backup in the same second
    let today = day("2027-03-01");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let name = {
        let s = demo::create_on(&data, today).unwrap();
        settings::load(s.conn()).unwrap().unwrap().shop_name
    };
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("shop-name"), &name).await;
    app.click("nav-settings").await;
    // the first start of the day made a verified backup
    app.wait_text(&App::testid("backup-files"), "每日").await;
    app.wait_text(&App::testid("backup-data-path"), "shop.db").await;
    // the version, which the header drops in a narrow window
    app.wait_text(&App::testid("backup-app-version"), env!("CARGO_PKG_VERSION"))
        .await;
    // the day's daily and monthly copies are made in the same second: either is the last
    app.wait_text(&App::testid("backup-last"), "moto4s-").await;

    // a change after the backup
    app.fill("shopName", "改名后的店").await;
    app.click("save-settings").await;
    app.wait_text(&App::testid("shop-name"), "改名后的店").await;

    // a damaged file is refused, nothing changes
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, "这不是数据库文件，只是几个字").unwrap();
    app.click("backup-restore").await;
    h.answer_file_dialog("恢复的备份", &damaged);
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--error", "不能用来恢复").await;
    app.wait_text(&App::testid("shop-name"), "改名后的店").await;

    // restore the day's backup: the name is back
    app.click_text(
        &format!("{} .el-table__row button", App::testid("backup-files")),
        "恢复到此",
    )
    .await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--success", "已恢复").await;
    app.wait_text(&App::testid("shop-name"), &name).await;

    // the full check: sound now; then a number changed behind the app's
    // back (what a flipped bit does) is named, with the last good backup
    app.click("data-check").await;
    app.wait_text(&App::testid("data-check-result"), "数据检查通过").await;
    {
        let c = moto4s_core::rusqlite::Connection::open(&data).unwrap();
        c.execute_batch("UPDATE part SET on_hand = on_hand + 3 WHERE id = (SELECT min(part_id) FROM stock_movement)")
            .unwrap();
    }
    app.click("data-check").await;
    app.wait_text(&App::testid("data-check-result"), "库存数量").await;
    app.wait_text(&App::testid("data-check-result"), "最近一份通过检查的备份")
        .await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, name);
    assert!(
        !moto4s_core::check::run(&s).unwrap().ok,
        "the change is still there to see"
    );
    // what was there before the restore is kept
    let kept = moto4s_core::backup::list(&dir.path().join("backups"));
    let before = kept
        .iter()
        .find(|f| f.kind == "before-restore")
        .expect("a backup before the restore");
    let b = Store::open(std::path::Path::new(&before.path)).unwrap();
    assert_eq!(settings::load(b.conn()).unwrap().unwrap().shop_name, "改名后的店");
}

/// The data file is damaged: the start-up page says so and offers the
/// backups kept beside it; a file that is no backup is refused; restoring
/// the day's backup opens the shop, and the damaged file is kept aside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_data_file_is_restored_from_the_start_up_page() {
    let today = day("2026-11-30");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let name = {
        let s = demo::create_on(&data, today).unwrap();
        moto4s_core::backup::automatic(&s, today.and_hms_opt(8, 0, 0).unwrap(), false).unwrap();
        settings::load(s.conn()).unwrap().unwrap().shop_name
    };
    let mut bytes = std::fs::read(&data).unwrap();
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0x5A;
    }
    std::fs::write(&data, &bytes).unwrap();

    let app = h.launch(&data).await;
    app.wait_text(&App::testid("startup-error"), "无法打开店铺数据").await;
    app.wait_text(&App::testid("startup-backups"), "每日").await;
    // a file that is no backup is refused, in Chinese, and nothing moves
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "这不是数据库文件").unwrap();
    app.click("startup-pick-backup").await;
    h.answer_file_dialog("选择要恢复的备份", &junk);
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(&App::testid("startup-restore-error"), "不能用来恢复")
        .await;
    assert_eq!(std::fs::read(&data).unwrap(), bytes, "nothing changed");
    // the day's backup brings the shop back
    app.click_text(
        &format!("{} .el-table__row button", App::testid("startup-backups")),
        "恢复到此",
    )
    .await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(&App::testid("shop-name"), &name).await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, name);
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.starts_with("damaged-2026-11-30-") && n.ends_with(".db")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside");
    assert_eq!(std::fs::read(kept[0].path()).unwrap(), bytes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pc_starts_from_the_old_ones_backup() {
    let today = day("2026-11-30");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    // the old PC's shop and its day's backup (what the USB stick carries)
    let (name, backup) = {
        let s = demo::create_on(&dir.path().join("old").join("shop.db"), today).unwrap();
        let b = moto4s_core::backup::automatic(&s, today.and_hms_opt(8, 0, 0).unwrap(), false)
            .unwrap()
            .unwrap();
        (settings::load(s.conn()).unwrap().unwrap().shop_name, b.path)
    };
    // the new PC: not even its data folder exists yet
    let data = dir.path().join("new").join("data").join("shop.db");
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("choose-restore"), "从备份恢复").await;
    // a file that is no backup is refused, in Chinese, and no shop appears
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "这不是数据库文件").unwrap();
    app.click("choose-restore").await;
    h.answer_file_dialog("选择要恢复的备份", &junk);
    app.wait_text(&App::testid("first-start-error"), "不能用来恢复").await;
    assert!(!data.exists(), "nothing written");
    // the backup brings the shop back on the new PC
    app.click("choose-restore").await;
    h.answer_file_dialog("选择要恢复的备份", std::path::Path::new(&backup));
    app.wait_text(&App::testid("shop-name"), &name).await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, name);
    let noted: String = s
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = '恢复' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(noted.starts_with("首次启动，从「"), "{noted}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_the_shop_as_a_workbook_refuse_a_bad_one_and_import_it_again() {
    use moto4s_core::customers::sheets;
    let today = day("2026-11-30");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let (name, orders) = {
        let s = demo::create_on(&data, today).unwrap();
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM repair_order", [], |r| r.get(0))
            .unwrap();
        (settings::load(s.conn()).unwrap().unwrap().shop_name, n)
    };
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("shop-name"), &name).await;
    app.click("nav-settings").await;

    let out = dir.path().join("shop-export.xlsx");
    app.click("exchange-export").await;
    h.answer_save_dialog(&out);
    app.wait_text(".el-message--success", "已导出到").await;

    // a repair order for a vehicle the shop does not have: refused with
    // its sheet and row, nothing written
    let bad = dir.path().join("bad.xlsx");
    let mut row: Vec<String> = vec![String::new(); sheets::REPAIRS.columns.len()];
    for (i, v) in [
        (0, "WX-外来-0001"),
        (1, "LBPKE1300X0000001"),
        (3, "维修"),
        (4, "2026-11-20 09:00"),
        (5, "2026-11-20 12:00"),
        (9, "刹车异响"),
        (14, "在修"),
    ] {
        row[i] = v.to_string();
    }
    moto4s_core::sheet::write_table(&bad, "维修单", sheets::REPAIRS.columns, &[row]).unwrap();
    app.click("exchange-import").await;
    h.answer_file_dialog("选择要导入", &bad);
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(&App::testid("exchange-failed"), "没有任何数据被写入")
        .await;
    app.wait_text(&App::testid("exchange-problems"), "不在本店的客户车辆中")
        .await;

    // a roster sheet with one new person: written, and said so by sheet
    let staff = dir.path().join("staff.xlsx");
    moto4s_core::sheet::write_table(
        &staff,
        "人员名册",
        &[("姓名", 10), ("岗位", 10)],
        &[vec!["新来的师傅".to_string(), "M".to_string()]],
    )
    .unwrap();
    app.click("exchange-import").await;
    h.answer_file_dialog("选择要导入", &staff);
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(&App::testid("exchange-done"), "共写入 1 条记录").await;
    app.wait_text(&App::testid("exchange-summary"), "人员名册").await;

    // the shop's own workbook again: everything is already there
    app.click("exchange-import").await;
    h.answer_file_dialog("选择要导入", &out);
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(&App::testid("exchange-done"), "本店都已有").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM repair_order", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, orders, "no repair order written twice or from the bad file");
    let named: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM staff WHERE name = '新来的师傅'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(named, 1);
    let kept = moto4s_core::backup::list(&dir.path().join("backups"));
    assert!(
        kept.iter().any(|f| f.kind == "before-import"),
        "a backup before the import"
    );
}
