//! End to end, in the real window: first start, 店铺设置 saved and kept
//! across a restart, a bad value refused with a Chinese message and nothing
//! changed, and a data file from a newer version refused at start.

mod common;

use common::{day, App, Harness};
use moto4s_core::{demo, settings, Store};

fn saved(path: &std::path::Path) -> settings::ShopSettings {
    settings::load(Store::open(path).unwrap().conn()).unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_opens_the_demo_and_settings_survive_a_restart() {
    let h = Harness::start_on(day("2026-11-18"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");

    let app = h.launch(&data).await;
    // no data yet: the first-start choice
    app.click("choose-demo").await;
    app.wait_text(&App::testid("shop-name"), demo::DEMO_SHOP_NAME).await;
    app.click("nav-settings").await;
    app.wait_text(&App::testid("inventoryReference"), "¥91,200.00").await;
    assert_eq!(app.value("shopName").await, demo::DEMO_SHOP_NAME);
    app.fill("shopName", "郸城宏达摩托4S店").await;
    app.fill("annualVehicleSales", "360").await;
    app.fill("partsConsumptionPerVehicle", "350.50").await;
    app.fill("inspectionMin", "80").await;
    app.fill("serviceStationCode", " hj-hn-0329").await;
    app.click("save-settings").await;
    app.wait_text(".el-message--success", "店铺设置已保存").await;
    // the header follows, and the reference is recomputed on the demo's
    // basis, the vehicle parc: 1,900 × 350.50 × 0.1
    app.wait_text(&App::testid("shop-name"), "郸城宏达摩托4S店").await;
    app.wait_text(&App::testid("inventoryReference"), "¥66,595.00").await;
    app.close().await;
    // the factor the demo's last 12 months suggest (average stock ÷ issues)
    let suggested = {
        let s = Store::open(&data).unwrap();
        moto4s_core::parts::indicators::suggested_inventory_factor(s.conn(), day("2026-11-18"))
            .unwrap()
            .expect("the demo issues parts")
            .normalize()
            .to_string()
    };

    let app = h.launch(&data).await;
    app.wait_text(&App::testid("shop-name"), "郸城宏达摩托4S店").await;
    app.click("nav-settings").await;
    app.wait_text(&App::testid("inventoryReference"), "¥66,595.00").await;
    assert_eq!(app.value("shopName").await, "郸城宏达摩托4S店");
    assert_eq!(app.value("annualVehicleSales").await, "360");
    assert_eq!(app.value("partsConsumptionPerVehicle").await, "350.50");
    assert_eq!(app.value("inspectionMin").await, "80");
    // the factory's code as stored: trimmed, upper-case
    assert_eq!(app.value("serviceStationCode").await, "HJ-HN-0329");
    app.wait_text(
        &App::testid("inventoryFactor-suggested"),
        &format!("推算为 {suggested}"),
    )
    .await;
    app.click("inventoryFactor-use").await;
    assert_eq!(app.value("inventoryFactor").await, suggested);
    app.close().await;

    let s = saved(&data);
    assert_eq!(s.shop_name, "郸城宏达摩托4S店");
    assert_eq!(s.annual_vehicle_sales, 360);
    assert_eq!(s.parts_consumption_per_vehicle.to_fen(), 35050);
    assert_eq!(s.targets.inspection_min.to_string(), "80");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_value_gets_a_chinese_message_and_changes_nothing() {
    let h = Harness::start_on(day("2026-11-18"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, day("2026-11-18")).unwrap());
    let before = saved(&data);

    let app = h.launch(&data).await;
    app.click("nav-settings").await;
    app.wait_text(&App::testid("inventoryReference"), "¥91,200.00").await;
    app.fill("shopName", "").await;
    app.fill("annualVehicleSales", "-5").await;
    app.fill("inspectionMin", "120").await;
    app.click("save-settings").await;
    app.wait_text(&App::testid("settings-error"), "有 3 处需要修改，设置未保存。")
        .await;
    let errors = app.texts(".el-form-item__error", 3).await;
    assert_eq!(
        errors,
        vec![
            "请填写店铺名称",
            "年整车销量须在 0 到 50,000 台之间",
            "点检率目标须在 0% 到 100% 之间"
        ]
    );
    // the header still shows the saved name
    assert_eq!(app.text(&App::testid("shop-name")).await, demo::DEMO_SHOP_NAME);
    app.close().await;

    assert_eq!(saved(&data), before, "nothing may be saved");
    let app = h.launch(&data).await;
    app.click("nav-settings").await;
    app.wait_text(&App::testid("inventoryReference"), "¥91,200.00").await;
    assert_eq!(app.value("shopName").await, demo::DEMO_SHOP_NAME);
    assert_eq!(app.value("annualVehicleSales").await, "280");
    assert_eq!(app.value("inspectionMin").await, "75");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_file_from_a_newer_version_is_refused_at_start() {
    let h = Harness::start_on(day("2026-11-18"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, day("2026-11-18")).unwrap());
    {
        let c = moto4s_core::rusqlite::Connection::open(&data).unwrap();
        c.execute_batch("PRAGMA user_version = 999").unwrap();
    }
    let before = std::fs::read(&data).unwrap();
    let app = h.launch(&data).await;
    let t = app.wait_text(&App::testid("startup-error"), "更新版本").await;
    assert!(t.contains("无法打开店铺数据"), "{t}");
    // an older backup is never offered over a newer file
    let offered = app
        .client
        .find_all(fantoccini::Locator::Css(&App::testid("startup-restore")))
        .await
        .unwrap();
    assert!(offered.is_empty(), "no restore offered for a newer file");
    app.close().await;
    assert_eq!(std::fs::read(&data).unwrap(), before, "the file must be left untouched");
}

/// One window per data file: a second window on the same file says that
/// the shop is open in another window, and offers no way to change it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_window_on_the_same_data_is_refused() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, today).unwrap());
    // the first window, started as a person starts it
    let mut first = std::process::Command::new(common::APP)
        .args(["--data", data.to_str().unwrap()])
        .env("DISPLAY", &h.display)
        .env(common::CLOCK_VAR, today.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let lock = std::path::PathBuf::from(format!("{}.lock", data.display()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !lock.exists() {
        assert!(std::time::Instant::now() < deadline, "the first window took no lock");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let app = h.launch(&data).await;
    let t = app.wait_text(&App::testid("startup-error"), "另一个窗口").await;
    assert!(t.contains("同一份数据同时只能在一个窗口里使用"), "{t}");
    app.close().await;
    let _ = first.kill();
    let _ = first.wait();
    // with the first one gone, the shop opens
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("shop-name"), demo::DEMO_SHOP_NAME).await;
    app.close().await;
}

/// Settings is one page with one save: leaving with changes asks first
/// (and staying keeps them); 保存设置 saves the shop's settings and every
/// card with changes. Then the demo gives way to the shop's own data,
/// keeping the settings and the roster but not the catalogue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_save_a_warning_before_leaving_and_the_demo_gives_way_to_the_shops_own_data() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, today).unwrap());
    let staff_before = {
        let s = Store::open(&data).unwrap();
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))
            .unwrap();
        n
    };

    let app = h.launch(&data).await;
    app.click("nav-settings").await;
    app.wait_text(&App::testid("inventoryReference"), "¥91,200.00").await;
    app.fill("inspectionMin", "80").await;
    app.fill("policy-months", "18").await;
    app.wait_text(&App::testid("settings-unsaved"), "店铺设置、三包政策有修改还没有保存")
        .await;
    // leaving asks; staying keeps the changes
    app.click("nav-dashboard").await;
    app.wait_text(".el-message-box", "店铺设置、三包政策的修改还没有保存")
        .await;
    app.click_text(".el-message-box__btns .el-button", "留在本页").await;
    assert_eq!(app.value("policy-months").await, "18");
    assert_eq!(app.value("inspectionMin").await, "80");
    // one save for both
    app.click("save-settings").await;
    app.wait_text(".el-message--success", "店铺设置已保存；三包政策已保存")
        .await;

    // the demo gives way: settings and roster kept, the catalogue not
    app.wait_text(&App::testid("demo-notice"), "现在打开的是示例店铺").await;
    app.click("start-real").await;
    app.click("keep-catalogue").await;
    app.click("start-real-confirm").await;
    app.wait_text(".el-message--success", "已开始使用本店数据").await;
    app.wait_text(&App::testid("shop-name"), "宏达摩托4S店").await;
    let header = app.text(&App::testid("shop-name")).await;
    assert!(!header.contains("示例店铺"), "{header}");
    app.close().await;

    let s = Store::open(&data).unwrap();
    let c = s.conn();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(s.meta("demo").unwrap(), None);
    assert_eq!(n("SELECT count(*) FROM part"), 0);
    assert_eq!(n("SELECT count(*) FROM stock_movement"), 0);
    assert_eq!(n("SELECT count(*) FROM vehicle"), 0);
    assert_eq!(n("SELECT count(*) FROM staff"), staff_before);
    let shop = settings::load(c).unwrap().unwrap();
    assert_eq!(shop.shop_name, "宏达摩托4S店");
    assert_eq!(shop.targets.inspection_min.to_string(), "80");
    // the 三包 policy in force was kept, as the shop's from the beginning
    assert_eq!(
        n("SELECT months FROM warranty_policy_version WHERE effective_from = '0001-01-01'"),
        18
    );
    assert_eq!(n("SELECT count(*) FROM warranty_policy_version"), 1);
    assert_eq!(n("SELECT count(*) FROM audit_log WHERE action = '开始使用本店数据'"), 1);
}
