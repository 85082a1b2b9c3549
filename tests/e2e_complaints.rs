//! End to end, in the real window: 投诉处理 — a complaint entered at the
//! desk (one without a complainant refused), found by the customer's
//! vehicle, a compensation without its amount refused, an apology recorded
//! and the complaint closed with the customer's confirmation; the month's
//! counts by category and staff member; a follow-up call that records a
//! complaint opens one by itself, its score is in the month's satisfaction
//! (a month without calls says 无数据), a customer not seen for half a year is
//! called back (no result refused) and the reason counted for the year, and
//! the open complaint is on the desk's to-do.

mod common;

use common::{day, App, Harness};
use moto4s_core::customers::customer::CustomerInput;
use moto4s_core::customers::vehicle::{self, VehicleInput};
use moto4s_core::customers::vin::with_check_digit;
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_from_the_desk_and_one_from_a_follow_up_call() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    {
        let mut s = Store::open(&data).unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        for (name, phone, post) in [("王经理", "13800000001", "K"), ("李师傅", "13800000002", "J")] {
            let staff = moto4s_core::staff::roster::StaffInput {
                name: name.into(),
                phone: phone.into(),
                active: true,
                posts: vec![post.into()],
                ..Default::default()
            };
            moto4s_core::staff::roster::save(&mut s, None, &staff, today).unwrap();
        }
        // 李秀英 bought in June; 钱多多 three days ago (his call is due
        // today); 孙老汉 last year and not seen since
        for (name, mobile, n, sold) in [
            ("李秀英", "13900000002", 2, "2026-06-01"),
            ("钱多多", "13900000003", 3, "2026-11-15"),
            ("孙老汉", "13900000004", 4, "2025-06-01"),
        ] {
            vehicle::create(
                &mut s,
                &VehicleInput {
                    customer: CustomerInput {
                        name: name.into(),
                        mobile: mobile.into(),
                        ..Default::default()
                    },
                    vin: with_check_digit(&format!("LBPKE1300T{n:07}")),
                    model: "豪爵 AFR125".into(),
                    sold_here: true,
                    sale_date: sold.into(),
                    sale_price: "6800".into(),
                    ..Default::default()
                },
                today,
            )
            .unwrap();
        }
    }
    let app = h.launch(&data).await;
    app.choose("shift-person", "王经理").await;
    app.click("nav-customers").await;
    app.click_css("#tab-complaints").await;
    app.wait_text(&App::testid("complaints-table"), "没有符合条件的投诉")
        .await;

    // someone not on file without a name: refused, nothing saved
    app.click_opening("complaint-new", &App::testid("complaint-content"))
        .await;
    assert_eq!(
        app.value("complaint-owner").await,
        "王经理",
        "the shift's person handles it"
    );
    app.click("complaint-category-attitude").await;
    app.fill("complaint-content", "接车时没人招呼，问了两遍才有人理").await;
    app.click("complaint-save").await;
    app.wait_text(&App::testid("complaint-error"), "请填写投诉人").await;
    // the customer's vehicle instead: name and phone from the file
    app.click("complaint-vehicle").await;
    app.type_css("[data-testid=\"complaint-vehicle\"] input", "李秀英")
        .await;
    app.click_text(".el-select-dropdown__item", "李秀英").await;
    app.choose("complaint-staff", "李师傅").await;
    app.click("complaint-save").await;
    app.wait_text(".el-message--success", "已登记投诉 TS-202611-001，处理期限 2026-11-21")
        .await;
    // its card opens
    app.wait_text(&App::testid("complaint-card"), "13900000002").await;
    app.wait_text(&App::testid("complaint-status"), "处理中").await;

    // a compensation without its amount is refused; an apology is recorded
    app.click("step-kind-compensation").await;
    app.click("step-save").await;
    app.wait_text(&App::testid("step-error"), "补偿请填写金额").await;
    app.click("step-kind-apology").await;
    app.fill("step-note", "当面致歉，已批评教育当事人").await;
    app.click("step-save").await;
    app.wait_text(".el-message--success", "已记录处理措施").await;
    app.wait_text(&App::testid("complaint-steps"), "当面致歉").await;
    // closed with the customer's confirmation
    app.click("close-confirmation-satisfied").await;
    app.click("close-save").await;
    app.wait_text(".el-message--success", "投诉 TS-202611-001 已结案，用时 0 天")
        .await;
    app.wait_text(&App::testid("complaint-status"), "已结案").await;
    app.close_overlay().await;

    // the month's counts: one received, about attitude, naming 李师傅
    app.wait_text(&App::testid("complaints-stats"), "受理 1 件").await;
    app.wait_text(&App::testid("complaints-stats"), "服务态度 1 件").await;
    app.wait_text(&App::testid("complaints-stats"), "李师傅 1 件").await;
    app.click("complaints-all").await;
    app.wait_text(&App::testid("complaints-table"), "TS-202611-001").await;

    // a follow-up call that hears a complaint opens one by itself
    app.click_css("#tab-followups").await;
    app.wait_text(&App::testid("due-followups"), "钱多多").await;
    app.click("call-0").await;
    app.click_css("[data-testid=\"fu-rating\"] .el-rate__item:nth-child(2)")
        .await;
    app.click("fu-complaint").await;
    app.click_text(".el-select-dropdown__item", "等候时间").await;
    app.wait_text(&App::testid("fu-complaint-hint"), "保存后会开一张投诉单")
        .await;
    app.fill("fu-note", "首保等了两个多小时").await;
    app.click("fu-save").await;
    app.wait_text(".el-message--success", "并开了投诉单").await;
    app.click_css("#tab-complaints").await;
    app.click("complaints-open").await;
    app.wait_text(&App::testid("complaints-table"), "回访发现").await;
    app.wait_text(&App::testid("complaints-table"), "首保等了两个多小时")
        .await;

    // the call's score in the month's satisfaction: one call, scored 2
    app.click_css("#tab-satisfaction").await;
    app.wait_text(&App::testid("sat-head"), "2.0").await;
    assert_eq!(app.text(&App::testid("sat-share")).await.trim(), "0%");
    app.wait_text(&App::testid("sat-head"), "记投诉 1 次").await;
    app.wait_text(&App::testid("sat-by-reason"), "购车回访").await;
    // a month without calls says so instead of a zero
    app.pick_month("sat-month", moto4s_core::dates::Month::parse("2026-10").unwrap())
        .await;
    app.wait_text(&App::testid("sat-head"), "无数据").await;

    // 孙老汉, not seen for more than half a year, called back: a result is
    // required, then the reason is kept and counted for the year
    app.click_css("#tab-lost").await;
    app.wait_text(&App::testid("lost-summary"), "共 1 位").await;
    app.wait_text(&App::testid("lost-rule"), "本店规则 6 个月").await;
    app.wait_text(&App::testid("lost-table"), "孙老汉").await;
    app.click("lost-call-0").await;
    app.click("lost-save").await;
    app.wait_text(&App::testid("lost-error"), "请选择回访结果").await;
    app.click("lost-outcome-attitude").await;
    app.fill("lost-note", "说上次来没人招呼").await;
    app.click("lost-save").await;
    app.wait_text(".el-message--success", "已记录 孙老汉 的回访结果").await;
    app.wait_text(&App::testid("lost-table"), "服务态度").await;
    app.wait_text(&App::testid("lost-summary"), "其中 0 位还没有回访").await;
    app.wait_text(&App::testid("lost-year"), "100%").await;

    // the open one is on the desk's to-do
    app.click("nav-dashboard").await;
    app.wait_text(&App::testid("todo-complaints"), "1").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let q = |sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(*) FROM complaint"), 2);
    assert_eq!(
        q(
            "SELECT count(*) FROM complaint WHERE complaint_no = 'TS-202611-001' AND closed_on = '2026-11-18'
           AND confirmation = 'satisfied' AND staff_id = (SELECT id FROM staff WHERE name = '李师傅')"
        ),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM complaint_step WHERE kind = 'apology' AND operator = '王经理'"),
        1
    );
    assert_eq!(
        q(
            "SELECT count(*) FROM complaint k JOIN follow_up f ON f.id = k.follow_up_id
           WHERE k.source = 'follow_up' AND k.category = 'waiting' AND k.closed_on IS NULL"
        ),
        1
    );
}
