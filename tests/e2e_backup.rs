//! End to end, in the real window: 备份与恢复 — the day's automatic backup
//! is listed in the settings; a record changed afterwards (the shop's name)
//! comes back as it was when that backup is restored; a damaged file picked
//! in the system's open dialog is refused and changes nothing.

mod common;

use common::{App, Harness};
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_up_change_a_record_and_restore_it() {
    let h = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let name = {
        let s = demo::create(&data).unwrap();
        settings::load(s.conn()).unwrap().unwrap().shop_name
    };
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("shop-name"), &name).await;
    app.click("nav-settings").await;
    // the first start of the day made a verified backup
    app.wait_text(&App::testid("backup-files"), "每日").await;
    app.wait_text(&App::testid("backup-data-path"), "shop.db").await;
    app.wait_text(&App::testid("backup-last"), "每日").await;

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
    app.close().await;

    let s = Store::open(&data).unwrap();
    assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, name);
    // what was there before the restore is kept
    let kept = moto4s_core::backup::list(&dir.path().join("backups"));
    let before = kept
        .iter()
        .find(|f| f.kind == "before-restore")
        .expect("a backup before the restore");
    let b = Store::open(std::path::Path::new(&before.path)).unwrap();
    assert_eq!(settings::load(b.conn()).unwrap().unwrap().shop_name, "改名后的店");
}
