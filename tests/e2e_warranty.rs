//! End to end, in the real window: 三包 — enter a claim with two parts (a
//! missing mileage refused first), issue its parts from stock, submit and
//! approve it, return the old parts in a batch, settle it (more than the
//! claim refused), and see the stock, the old-parts list and indicators 8–10
//! change; a bad policy value refused in settings. And a 三包 job: the
//! repair order opens its claim, the piston is fitted under warranty (one
//! issue), the customer pays only for the oil and labour, the claim goes to
//! settlement and the old part back, and the dashboard shows the factory's
//! payment beside the repair revenue.

mod common;

use chrono::Months;
use common::{day, App, Harness};
use moto4s_core::customers::customer::CustomerInput;
use moto4s_core::customers::sales::{self, SalesInput};
use moto4s_core::customers::vehicle::{self, VehicleInput};
use moto4s_core::customers::vin::with_check_digit;
use moto4s_core::parts::catalog::{self, PartInput};
use moto4s_core::parts::ledger::{self, MovementInput};
use moto4s_core::{demo, settings, Store};

/// 活塞 PIS-1 (¥40.00), 活塞环 RNG-1 (¥20.00) and 机油 OIL-1 (engine oil,
/// ¥30.00 限价), 5 each; 周大勇's vehicle sold three months ago;
/// the month's sales 3 vehicles, ¥20,000.00.
fn warranty_shop(data: &std::path::Path, today: chrono::NaiveDate) {
    {
        let mut s = Store::open(data).unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        for (no, name, cost) in [
            ("PIS-1", "活塞", "40"),
            ("RNG-1", "活塞环", "20"),
            ("OIL-1", "机油 1L", "18"),
        ] {
            let oil = no == "OIL-1";
            catalog::create(
                s.conn(),
                &PartInput {
                    part_no: no.into(),
                    name: name.into(),
                    category: if oil { "油品" } else { "发动机" }.into(),
                    cost_price: cost.into(),
                    retail_price: if oil { "30" } else { "99" }.into(),
                    is_engine_oil: oil,
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap();
            ledger::post_on(
                &mut s,
                &MovementInput {
                    part_no: no.into(),
                    kind: "receipt".into(),
                    qty: "5".into(),
                    unit_cost: cost.into(),
                    operator: "李库管".into(),
                    ..Default::default()
                },
                today,
            )
            .unwrap();
        }
        vehicle::create(
            &mut s,
            &VehicleInput {
                customer: CustomerInput {
                    name: "周大勇".into(),
                    mobile: "13600000001".into(),
                    ..Default::default()
                },
                vin: with_check_digit("LBPKE1300T0000009"),
                model: "豪爵 HJ125-7".into(),
                sold_here: true,
                sale_date: today.checked_sub_months(Months::new(3)).unwrap().to_string(),
                sale_price: "6980".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        sales::set(
            &mut s,
            &SalesInput {
                month: today.format("%Y-%m").to_string(),
                units: "3".into(),
                amount: "20000".into(),
            },
            today,
        )
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_from_entry_to_settlement() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    warranty_shop(&data, today);

    let app = h.launch(&data).await;
    app.click("nav-warranty").await;
    app.by_id("claims-table").await;

    // ---- enter: a new vehicle with a wrong check digit refused; no mileage refused; then saved ----
    app.click_opening("new-claim", &App::testid("claim-new-vehicle")).await;
    app.click_opening("claim-new-vehicle", &App::testid("v-customer-name"))
        .await;
    app.fill("v-customer-name", "吴小明").await;
    let mut bad_vin = with_check_digit("LBPKE1300T0000010");
    let wrong = if &bad_vin[8..9] == "3" { "4" } else { "3" };
    bad_vin.replace_range(8..9, wrong);
    app.fill("v-vin", &bad_vin).await;
    app.click("vehicle-save").await;
    app.wait_text(&App::testid("vehicle-error"), "校验位").await;
    app.close_overlay().await;
    app.click("claim-vehicle").await;
    app.type_css("[data-testid=\"claim-vehicle\"] input", "周大勇").await;
    app.click_text(".el-select-dropdown__item", "周大勇").await;
    app.fill("claim-fault", "发动机异响，拉缸").await;
    app.fill("claim-faultCategory", "发动机").await;
    app.fill("claim-mainPartNo", "PIS-1").await;
    app.fill("claim-line-0-partNo", "PIS-1").await;
    app.click("claim-add-line").await;
    app.fill("claim-line-1-partNo", "RNG-1").await;
    app.fill("claim-line-1-qty", "2").await;
    app.fill("claim-appraiser", "赵鉴定").await;
    app.fill("claim-appraisalResult", "活塞拉伤，质量问题").await;
    app.fill("claim-labour", "50").await;
    // the hours by the service item done (工时定额)
    app.choose("claim-items", "发动机检修").await;
    app.click_css(".el-dialog__header").await;
    assert_eq!(app.value("claim-labourHours").await, "2.0");
    app.fill("claim-operator", "小李").await;
    app.click("claim-save").await;
    app.wait_text(&App::testid("claim-error"), "请填写进厂里程").await;
    app.fill("claim-mileage", "1500").await;
    app.click("claim-save").await;
    app.wait_text(".el-message--success", "已录入索赔单 SB-").await;
    app.wait_text(&App::testid("claim-status"), "录入").await;

    // ---- the repair: parts leave stock; submit; approve ----
    // the drawer slides in: press its buttons once it is in place
    app.wait_visible("claim-issue").await;
    // no one chosen for the shift: the 经办人 is typed, once for the drawer
    app.fill("claim-op", "小李").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click("claim-issue").await;
    app.wait_text(".el-message--success", "更换配件已从库存发出").await;
    app.wait_text(&App::testid("claim-total"), "¥130.00").await;
    app.click("claim-submit").await;
    app.click("step-confirm").await;
    app.wait_text(&App::testid("claim-status"), "已提交").await;
    app.click("claim-approve").await;
    app.click("step-confirm").await;
    app.wait_text(&App::testid("claim-status"), "已批准").await;
    app.wait_text(&App::testid("claim-events"), "厂家批准").await;
    // the printed claim carries what the factory's form asks for: the
    // shop's 服务站代码, the engine number and the repair date
    app.click("print-claim").await;
    app.wait_text(&App::testid("claim-print-head"), "服务站代码 HJ-HN-0328")
        .await;
    let doc = app.text(".m4s-page").await;
    assert!(doc.contains("发动机号") && doc.contains("维修日期"), "{doc}");
    app.click("print-close").await;
    app.close_overlay().await;

    // ---- the old parts go back in a batch ----
    app.click_css("#tab-oldparts").await;
    app.wait_text(&App::testid("old-waiting"), "活塞环").await;
    app.click_css("[data-testid=\"old-waiting\"] .el-table__header .el-checkbox")
        .await;
    app.click("ship-old").await;
    app.wait_text(".el-message--success", "已生成返厂批次 FH-").await;
    app.wait_text(".m4s-page", "三包旧件返厂清单").await;
    app.wait_text(".m4s-page", "合计 2 件").await;
    app.click("print-close").await;
    app.wait_text(&App::testid("old-waiting"), "没有待返厂的旧件").await;
    // every old part exported with its batch, for the factory's receipts
    let old_out = dir.path().join("old-parts.xlsx");
    app.click("old-export").await;
    h.answer_file_dialog("导出旧件返厂记录", &old_out);
    app.wait_text(".el-message--success", "已导出 2 件旧件的返厂记录").await;
    let sheet = moto4s_core::sheet::read_table(&old_out, 1 << 20).unwrap();
    assert_eq!(sheet.rows.len(), 2);
    assert!(
        sheet.rows.iter().all(|(_, r)| r[0].starts_with("FH-")),
        "{:?}",
        sheet.rows
    );

    // ---- settle: more than the claim refused ----
    app.click_css("#tab-claims").await;
    app.click_css("[data-testid=\"claims-table\"] .el-table__body .el-table__row td")
        .await;
    app.wait_visible("claim-settle").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click("claim-settle").await;
    app.wait_visible("step-parts").await;
    // the factory's statement: parts and labour (the claim's figures to start from)
    assert_eq!(app.value("step-labour").await, "50.00");
    app.fill("step-parts", "949").await;
    app.click("step-confirm").await;
    app.wait_text(".el-message--error", "结算金额 ¥999.00 超过索赔金额 ¥130.00")
        .await;
    app.fill("step-parts", "80").await;
    app.click("step-confirm").await;
    app.wait_text(&App::testid("claim-status"), "已结算").await;
    app.wait_text(&App::testid("claim-settled"), "¥130.00").await;
    app.close_overlay().await;

    // ---- the settled claims exported as the list filters them ----
    app.click("claim-filter").await;
    app.click_text(".el-select-dropdown__item", "已结算").await;
    let out = dir.path().join("claims.xlsx");
    app.click("claims-export").await;
    h.answer_file_dialog("导出索赔单", &out);
    app.wait_text(".el-message--success", "已导出 1 张索赔单").await;
    let sheet = moto4s_core::sheet::read_table(&out, 1 << 20).unwrap();
    assert_eq!(sheet.rows.len(), 1);
    assert!(sheet.rows[0].1.contains(&"130.00".to_string()), "{:?}", sheet.rows);

    // ---- indicators 8–10: ¥80 of parts, 80 ÷ 20,000 = 0.4%, ¥80 returned ----
    app.click_css("#tab-windicators").await;
    app.wait_text(&App::testid("ind-8"), "¥80.00").await;
    app.wait_text(&App::testid("ind-9"), "0.4%").await;
    app.wait_text(&App::testid("wind-9-card"), "目标 ≤ 8%").await;
    app.wait_text(&App::testid("wind-9-card"), "达标").await;
    app.wait_text(&App::testid("ind-10"), "¥80.00").await;

    // ---- the policy: a bad value refused ----
    app.click("nav-settings").await;
    app.fill("policy-months", "0").await;
    app.click("save-policy").await;
    app.wait_text(&App::testid("policy-error"), "整车三包期（月）须大于 0")
        .await;
    // a change takes effect after the claims already entered (today's): from tomorrow
    app.fill("policy-months", "18").await;
    app.click("save-policy").await;
    app.wait_text(".el-message--success", "自 2026-11-19 起报修的索赔按新政策")
        .await;
    app.wait_text(&App::testid("policy-history"), "18 个月").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let c = s.conn();
    let on = |no: &str| catalog::find_by_no(c, no).unwrap().unwrap().on_hand;
    assert_eq!((on("PIS-1"), on("RNG-1")), (4, 3));
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        q("SELECT count(*) FROM warranty_claim WHERE status = 'settled' AND settled_fen = 13000"),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM warranty_claim_line WHERE old_batch_id IS NOT NULL"),
        2
    );
    assert_eq!(q("SELECT count(*) FROM warranty_claim_event"), 5);
}

/// At the desk: a new repair order of `kind` for 周大勇's vehicle, with the
/// technician and the complaint typed (the rest is the test's).
async fn new_order_for_zhou(app: &App, kind: &str, technician: &str, complaint: &str) {
    app.click("nav-customers").await;
    app.click_css("#tab-repairs").await;
    app.click_opening("new-repair", &App::testid("repair-vehicle")).await;
    app.click("repair-vehicle").await;
    app.type_css("[data-testid=\"repair-vehicle\"] input", "周大勇").await;
    app.click_text(".el-select-dropdown__item", "周大勇").await;
    app.click(&format!("repair-kind-{kind}")).await;
    app.fill("repair-technician", technician).await;
    app.fill("repair-complaint", complaint).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_warranty_job_from_reception_to_settlement() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    warranty_shop(&data, today);

    let app = h.launch(&data).await;

    // ---- reception: a 三包 order without its mileage or main part refused, then opened with its claim ----
    new_order_for_zhou(&app, "warranty", "张师傅", "发动机异响，拉缸").await;
    app.click("repair-save").await;
    app.wait_text(&App::testid("repair-error"), "三包请填写里程").await;
    app.fill("repair-mileage", "1500").await;
    app.fill("job-mainPartNo", "PIS-9").await;
    app.click("repair-save").await;
    app.wait_text(&App::testid("repair-error"), "没有编号为「PIS-9」的配件")
        .await;
    app.fill("job-mainPartNo", "PIS-1").await;
    app.fill("job-faultCategory", "发动机").await;
    app.fill("job-appraiser", "赵鉴定").await;
    app.fill("job-appraisalResult", "活塞拉伤，质量问题").await;
    app.fill("job-labourHours", "2").await;
    app.fill("job-labour", "50").await;
    app.click("repair-save").await;
    app.wait_text(".el-message--success", "三包索赔单 SB-").await;
    app.wait_text(&App::testid("repair-claim"), "SB-").await;
    app.wait_visible("rp-qty").await;

    // ---- the piston under warranty (once), the oil at the customer's cost ----
    app.scan("rp-partNo", "PIS-1").await;
    app.wait_text(".el-message--success", "PIS-1 × 1（三包）").await;
    app.wait_text(&App::testid("rp-covered"), "三包").await;
    app.scan("rp-partNo", "PIS-1").await;
    app.wait_text(".el-message--error", "已在索赔单").await;
    app.click("rp-covered-box").await;
    app.wait_visible("rp-price").await;
    app.scan("rp-partNo", "OIL-1").await;
    app.wait_text(&App::testid("repair-parts"), "机油 1L").await;
    app.wait_text(&App::testid("repair-total"), "¥30.00").await;
    app.fill("done-workDone", "更换活塞；更换机油（自费）").await;
    app.fill("done-labour", "20").await;
    app.click("repair-complete").await;
    app.wait_text(&App::testid("repair-status"), "完工待交车").await;
    // the customer's bill: the oil and the labour, not the piston
    app.wait_text(&App::testid("repair-total"), "¥50.00").await;
    app.click("repair-deliver").await;
    app.wait_text(&App::testid("repair-received"), "¥50.00").await;

    // ---- the claim, from the order: repaired, submitted, approved ----
    // the link sits where the 已完工 message shows: a click landing on the message is lost
    app.click_opening("repair-claim", &App::testid("claim-status")).await;
    app.wait_text(&App::testid("claim-status"), "录入").await;
    app.wait_text(&App::testid("claim-total"), "¥90.00").await;
    app.wait_text(&App::testid("claim-order"), "WX-").await;
    app.wait_visible("claim-submit").await;
    app.fill("claim-op", "小李").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click("claim-submit").await;
    app.click("step-confirm").await;
    app.wait_text(&App::testid("claim-status"), "已提交").await;
    app.click("claim-approve").await;
    app.click("step-confirm").await;
    app.wait_text(&App::testid("claim-status"), "已批准").await;
    app.click("print-claim").await;
    let doc = app.text(".m4s-page").await;
    assert!(doc.contains("张师傅") && doc.contains("2026年11月18日"), "{doc}");
    app.click("print-close").await;
    app.close_overlay().await;

    // ---- the old piston goes back ----
    app.click_css("#tab-oldparts").await;
    app.wait_text(&App::testid("old-waiting"), "活塞").await;
    app.click_css("[data-testid=\"old-waiting\"] .el-table__header .el-checkbox")
        .await;
    app.click("ship-old").await;
    app.wait_text(".m4s-page", "合计 1 件").await;
    app.click("print-close").await;

    // ---- settled: parts ¥40.00, labour ¥45.00 ----
    app.click_css("#tab-claims").await;
    app.click_css("[data-testid=\"claims-table\"] .el-table__body .el-table__row td")
        .await;
    app.wait_visible("claim-settle").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click("claim-settle").await;
    app.wait_visible("step-parts").await;
    app.fill("step-parts", "40").await;
    app.fill("step-labour", "45").await;
    app.click("step-confirm").await;
    app.wait_text(&App::testid("claim-settled"), "¥85.00").await;
    app.close_overlay().await;

    // ---- the dashboard: 19 is what the customer paid, the factory's payment beside it ----
    app.click("nav-dashboard").await;
    app.wait_text(&App::testid("dash-aside-19"), "另有厂家三包结算 ¥85.00（1 张索赔单）")
        .await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let c = s.conn();
    let on = |no: &str| catalog::find_by_no(c, no).unwrap().unwrap().on_hand;
    assert_eq!((on("PIS-1"), on("OIL-1")), (4, 4));
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(*) FROM stock_movement WHERE kind = 'warranty'"), 1);
    assert_eq!(q("SELECT count(*) FROM stock_movement WHERE kind = 'repair'"), 1);
    assert_eq!(q("SELECT received_fen FROM repair_order"), 5000);
    assert_eq!(
        q(
            "SELECT count(*) FROM warranty_claim WHERE repair_order_id IS NOT NULL AND technician = '张师傅'
           AND settled_fen = 8500 AND settled_parts_fen = 4000 AND settled_labour_fen = 4500"
        ),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM warranty_claim_line WHERE old_batch_id IS NOT NULL AND value_fen = 4000"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_service_and_an_exchange() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    warranty_shop(&data, today);

    let app = h.launch(&data).await;

    // ---- 首保: without its mileage refused, then opened with its claim ----
    new_order_for_zhou(&app, "first_service", "李师傅", "首次保养").await;
    app.fill("job-labourHours", "0.5").await;
    app.fill("job-labour", "30").await;
    app.click("repair-save").await;
    app.wait_text(&App::testid("repair-error"), "首保请填写里程").await;
    app.fill("repair-mileage", "800").await;
    app.click("repair-save").await;
    app.wait_text(".el-message--success", "首保索赔单 SB-").await;
    app.wait_visible("rp-qty").await;

    // the oil on the factory's account: the customer pays nothing
    app.scan("rp-partNo", "OIL-1").await;
    app.wait_text(&App::testid("rp-covered"), "首保").await;
    app.fill("done-workDone", "首保：更换机油，全车检查").await;
    app.click("repair-complete").await;
    app.wait_text(&App::testid("repair-status"), "完工待交车").await;
    app.wait_text(&App::testid("repair-total"), "¥0.00").await;
    // the link sits where the 已完工 message shows: a click landing on the message is lost
    app.click_opening("repair-claim", &App::testid("claim-status")).await;
    app.wait_text(&App::testid("claim-type"), "首保").await;
    // ¥30.00 labour + the oil at its book cost ¥18.00
    app.wait_text(&App::testid("claim-total"), "¥48.00").await;
    app.close_overlay().await;

    // ---- an engine replaced under 三包 ends in an exchange of the vehicle ----
    app.click_opening("new-claim", &App::testid("claim-vehicle")).await;
    app.click("claim-vehicle").await;
    app.type_css("[data-testid=\"claim-vehicle\"] input", "周大勇").await;
    app.click_text(".el-select-dropdown__item", "周大勇").await;
    app.fill("claim-mileage", "900").await;
    app.fill("claim-fault", "发动机反复拉缸").await;
    app.fill("claim-mainPartNo", "PIS-1").await;
    app.fill("claim-line-0-partNo", "PIS-1").await;
    app.fill("claim-operator", "小李").await;
    app.click("claim-save").await;
    app.wait_text(&App::testid("claim-status"), "录入").await;
    app.wait_visible("claim-outcome-open").await;
    app.fill("claim-op", "小李").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click("claim-outcome-open").await;
    app.fill("outcome-item", "").await;
    app.click("outcome-save").await;
    app.wait_text(".el-message--error", "请填写包换内容").await;
    app.fill("outcome-item", "整车").await;
    app.fill("outcome-note", "换新车，车架号另登记").await;
    app.click("outcome-save").await;
    app.wait_text(&App::testid("claim-outcome"), "包换").await;
    app.wait_text(&App::testid("claim-outcome-text"), "包换 2026-11-18：整车")
        .await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let c = s.conn();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    // the 首保's oil: one 维修领用 at no charge, on its claim; nothing a 三包更换
    assert_eq!(q("SELECT count(*) FROM stock_movement WHERE kind = 'warranty'"), 0);
    assert_eq!(
        q(
            "SELECT count(*) FROM repair_part rp JOIN warranty_claim_line l ON l.movement_id = rp.movement_id
           WHERE rp.covered = 1 AND rp.price_fen = 0"
        ),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM warranty_claim WHERE claim_type = 'first_service' AND main_part_id IS NULL"),
        1
    );
    assert_eq!(
        q(
            "SELECT count(*) FROM warranty_claim WHERE outcome = 'exchange' AND outcome_on = '2026-11-18'
           AND outcome_item = '整车'"
        ),
        1
    );
}

/// 质量信息反馈: the demo shop's failures of the last six months by model,
/// part, mileage and age, on A4 for the factory; a period the wrong way
/// round is refused with a message and no report.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quality_feedback_for_the_factory() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let expected = {
        let s = demo::create_on(&data, today).unwrap();
        moto4s_core::warranty::quality::report(
            s.conn(),
            moto4s_core::dates::Month::parse("2026-06").unwrap(),
            moto4s_core::dates::Month::parse("2026-11").unwrap(),
        )
        .unwrap()
    };
    assert!(expected.claims > 0, "the demo has claims to report");
    let app = h.launch(&data).await;
    app.click("nav-warranty").await;
    app.click_css("#tab-quality").await;
    app.wait_text(
        &App::testid("q-head"),
        &format!("三包索赔 {} 单，涉及 {} 台车", expected.claims, expected.vehicles),
    )
    .await;
    app.wait_text(&App::testid("q-by-part"), &expected.by_part[0].name)
        .await;
    app.wait_text(&App::testid("q-by-mileage"), "1000 公里以内").await;
    app.click("q-print").await;
    app.wait_text(&App::testid("print-preview"), "三包质量信息反馈").await;
    app.wait_text(&App::testid("print-preview"), "三包维修主管").await;
    app.click("print-close").await;
    // from after to: refused, said in words
    app.pick_month("q-from", moto4s_core::dates::Month::parse("2026-12").unwrap())
        .await;
    app.wait_text(&App::testid("q-error"), "结束月份早于开始月份").await;
    app.close().await;
}
