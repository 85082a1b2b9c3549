//! End to end, in the real window: 服务网络 — register outlets (an empty
//! name and a duplicate refused), find one by its pinyin initials, record a
//! visit with its follow-up actions (a visit dated in the future refused),
//! complete one action and see the other on the desk's to-do; the network's
//! month lists the outlet and a vehicle it sold, registered at the desk with
//! its 车牌号 (one that is not a plate refused) and found by part of it; a
//! 撤销 outlet cannot be picked for a parts order.

mod common;

use common::{day, App, Harness};
use moto4s_core::customers::vin::with_check_digit;
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_an_outlets_card_and_its_visits() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    {
        let mut s = Store::open(&data).unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        let staff = moto4s_core::staff::roster::StaffInput {
            name: "王经理".into(),
            phone: "13800000001".into(),
            active: true,
            posts: vec!["K".into()],
            ..Default::default()
        };
        moto4s_core::staff::roster::save(&mut s, None, &staff, today).unwrap();
    }
    let app = h.launch(&data).await;
    // login is off: the person at the desk this shift is chosen once, and
    // the forms' 经办人 default to them
    app.choose("shift-person", "王经理").await;
    app.click("nav-network").await;
    app.wait_text(&App::testid("outlets-table"), "名册里还没有网点").await;

    // an outlet without a name is refused, nothing saved
    app.click_opening("new-outlet", &App::testid("outlet-name")).await;
    app.fill("outlet-township", "王集镇").await;
    app.click("outlet-save").await;
    app.wait_text(&App::testid("outlet-error"), "请填写网点名称").await;
    app.fill("outlet-name", "王集镇摩托维修部").await;
    app.fill("outlet-contact", "王保国").await;
    app.fill("outlet-phone", "0371-6123456").await;
    app.fill("outlet-technicians", "3").await;
    app.click("outlet-save").await;
    app.wait_text(".el-message--success", "已登记网点 王集镇摩托维修部")
        .await;
    // its card opens
    app.wait_text(&App::testid("outlet-info"), "王保国 0371-6123456").await;
    app.close_overlay().await;

    // the same name again is refused
    app.click_opening("new-outlet", &App::testid("outlet-name")).await;
    app.fill("outlet-name", "王集镇摩托维修部").await;
    app.click("outlet-save").await;
    app.wait_text(
        &App::testid("outlet-error"),
        "已有网点「王集镇摩托维修部」，请勿重复登记",
    )
    .await;
    // a retailer already revoked (撤销) today
    app.fill("outlet-name", "秋渠乡车行").await;
    app.click_text("[data-testid=\"outlet-status\"] .el-radio-button", "撤销")
        .await;
    app.click("outlet-save").await;
    app.wait_text(".el-message--success", "已登记网点 秋渠乡车行").await;
    app.close_overlay().await;
    app.wait_text(&App::testid("outlets-table"), "秋渠乡车行").await;

    // found by its pinyin initials
    app.fill("outlet-search", "wjz").await;
    app.wait_text(&App::testid("outlets-table"), "王集镇摩托维修部").await;
    // (the list follows the typing after a moment)
    let mut rows = Vec::new();
    for _ in 0..40 {
        rows = app.texts("[data-testid=\"outlets-table\"] .el-table__body tr", 1).await;
        if rows.len() == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(rows.len(), 1, "{rows:?}");

    // a visit: dated in the future refused, then on the 10th with two actions
    app.click_text("[data-testid=\"outlets-table\"] .el-table__body td", "王集镇摩托维修部")
        .await;
    app.click_opening("outlet-visit", &App::testid("visit-findings")).await;
    app.pick_date("visit-date", day("2026-11-20")).await;
    assert_eq!(app.value("visit-visitor").await, "王经理", "the shift's person");
    app.fill("visit-findings", "旧件未分类挂牌").await;
    app.fill("visit-action-0", "旧件挂牌分类存放").await;
    app.click("visit-add-action").await;
    app.fill("visit-action-1", "补齐专用工具").await;
    app.click("visit-save").await;
    app.wait_text(&App::testid("visit-error"), "晚于今天").await;
    app.pick_date("visit-date", day("2026-11-10")).await;
    app.click("visit-save").await;
    app.wait_text(".el-message--success", "已记录走访 王集镇摩托维修部，跟进事项 2 项")
        .await;
    app.wait_text(&App::testid("outlet-visit-row"), "旧件未分类挂牌").await;
    // the first done today
    app.click_css("[data-testid=\"action-done\"]").await;
    app.click_text(".el-message-box .el-button--primary", "完成").await;
    app.wait_text(".el-message--success", "已完成").await;
    app.wait_text(&App::testid("outlet-visit-row"), "11月18日 完成").await;
    app.close_overlay().await;

    // a vehicle the outlet sold, registered at the desk with its outlet
    app.click("nav-customers").await;
    app.click_css("#tab-customers").await;
    app.click_opening("new-sale", &App::testid("v-vin")).await;
    app.fill("v-customer-name", "赵大山").await;
    app.fill("v-customer-mobile", "13900000000").await;
    app.fill("v-vin", &with_check_digit("LBPKE1300T0000003")).await;
    app.fill("v-model", "豪爵 AFR125").await;
    app.choose("v-dealer", "王集镇摩托维修部").await;
    // a plate that is not one is refused with the reason, then corrected
    app.fill("v-plate", "12345").await;
    app.click("vehicle-save").await;
    app.wait_text(".el-dialog", "车牌号「12345」不像车牌").await;
    app.fill("v-plate", "豫p·12345").await;
    app.click("vehicle-save").await;
    app.wait_text(".el-message--success", "已登记 赵大山 的 豪爵 AFR125")
        .await;
    // found by part of its plate, shown as kept
    app.fill("customer-search", "p123").await;
    app.wait_text(&App::testid("customers-table"), "豫P12345").await;

    // the network's month lists the outlet with its sale
    app.click("nav-network").await;
    app.click_css("#tab-overview").await;
    app.wait_text(&App::testid("network-table"), "王集镇摩托维修部").await;
    app.wait_text(&App::testid("network-total"), "网络合计：售车 1 台")
        .await;

    // a 撤销 outlet is shown but cannot be picked for an order
    app.click("nav-parts").await;
    app.click_css("#tab-orders").await;
    app.click_opening("new-order", &App::testid("order-dealer")).await;
    app.click("order-dealer").await;
    app.wait_text(".el-select-dropdown__item.is-disabled", "秋渠乡车行")
        .await;
    app.close_overlay().await;

    // the register's import template, filled in as it comes, imports: its
    // example outlet is one already registered, so its card is updated
    app.click("nav-network").await;
    let template = dir.path().join("outlets-template.xlsx");
    app.click("outlets-template").await;
    h.answer_file_dialog("保存导入模板", &template);
    app.wait_text(".el-message--success", "已保存服务网络导入模板").await;
    app.click("outlets-import").await;
    h.answer_file_dialog("导入网点名册", &template);
    app.wait_text(".el-message--success", "已导入 1 行：新登记 0 个，更新 1 个")
        .await;

    // the open action is on the desk's to-do
    app.click("nav-dashboard").await;
    app.wait_text(&App::testid("todo-network"), "1").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let q = |sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(*) FROM dealer"), 2);
    assert_eq!(
        q("SELECT count(*) FROM dealer WHERE status = 'revoked' AND status_on = '2026-11-18'"),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM dealer_visit WHERE visited_on = '2026-11-10'"),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM dealer_visit_action WHERE done_on = '2026-11-18'"),
        1
    );
    assert_eq!(q("SELECT count(*) FROM dealer_visit_action WHERE done_on IS NULL"), 1);
    assert_eq!(
        q("SELECT count(*) FROM vehicle v JOIN dealer d ON d.id = v.dealer_id
           WHERE d.name = '王集镇摩托维修部' AND v.sold_here = 1 AND v.sale_date = '2026-11-18'
             AND v.plate = '豫P12345'"),
        1
    );
}
