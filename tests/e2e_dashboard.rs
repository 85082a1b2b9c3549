//! End to end, in the real window: 工作台 — the demo shop's month shows
//! the same 22 figures as core computes, the month the sales figures are
//! missing says so, another month can be picked, and a figure opens the
//! records behind it (the slow-moving rate opens the slow-moving parts); the
//! monthly summary saved as PDF through the system's save dialog holds the
//! values on screen (pdftotext); the factory report refuses a future date,
//! then keeps the month as reported.

mod common;

use common::{day, App, Harness};
use moto4s_core::dates::{self, Month};
use moto4s_core::{dashboard, demo, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_the_month_and_opens_its_records() {
    // the last day of a year: the month before is in the same year, the
    // summary's twelve months reach back into the year before
    let today = day("2026-12-31");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let (now, before, slow_before) = {
        let mut s = demo::create_on(&data, today).unwrap();
        let m = Month::of(today);
        let slow_before = moto4s_core::parts::indicators::compute(s.conn(), m.prev())
            .unwrap()
            .slow_moving_kinds;
        let (now, before) = (
            dashboard::compute(s.conn(), m, today).unwrap(),
            dashboard::compute(s.conn(), m.prev(), today).unwrap(),
        );
        // the shop has closed every month before this one (月结): the month
        // before can be reported to the factory
        moto4s_core::closing::close_through(&mut s, m.prev(), "此前各月已核对", today.and_hms_opt(8, 0, 0).unwrap())
            .unwrap();
        (now, before, slow_before)
    };
    // a figure without data asks for confirmation before it is reported
    let confirm_missing = before
        .indicators
        .iter()
        .any(|i| dashboard::FACTORY_SEVEN.contains(&i.no) && i.value.is_none());

    let app = h.launch(&data).await;
    app.click("nav-dashboard").await;
    app.by_id("dash-todo").await;
    // every figure as core computes it
    for i in &now.indicators {
        app.wait_text(&App::testid(&format!("dash-value-{}", i.no)), &i.display())
            .await;
    }
    // the month's vehicle sales are not confirmed yet: 12 says so — standing
    // on the vehicles recorded as sold, or, with none, where to enter them
    let n12 = now.indicators.iter().find(|i| i.no == 12).unwrap();
    match (&n12.note, &n12.missing) {
        (Some(note), _) => {
            app.wait_text(&App::testid("dash-note-12"), note).await;
        }
        (None, Some(missing)) => {
            app.wait_text(&App::testid("dash-missing-12"), missing).await;
        }
        _ => panic!("12 without confirmed sales says why: {n12:?}"),
    }
    assert!(n12.note.is_some() || n12.missing.is_some());
    app.wait_text(&App::testid("dash-factory"), "用户建档率").await;
    // the open month says what it is: so far, as of today
    app.wait_text(&App::testid("dash-as-of"), "本月至今（截至12月31日）")
        .await;

    // last month
    let prev = Month::parse(&before.month).unwrap();
    app.pick_month("dash-month-wrap", prev).await;
    for i in &before.indicators {
        app.wait_text(&App::testid(&format!("dash-value-{}", i.no)), &i.display())
            .await;
    }

    // the slow-moving rate opens the stock list filtered to the parts it
    // counted for that month
    app.click("dash-7").await;
    app.wait_text(
        &App::testid("stock-slow-month"),
        &format!("按{}末统计", dates::month_label(prev)),
    )
    .await;
    app.wait_text(&App::testid("stock-totals"), &format!("共 {slow_before} 种配件"))
        .await;
    let checked = app
        .client
        .execute(
            "return [...document.querySelectorAll('.el-checkbox.is-checked')].map(e => e.textContent).join('|')",
            vec![],
        )
        .await
        .unwrap();
    assert!(checked.as_str().unwrap_or("").contains("滞销"), "{checked}");

    // the stock value opens the stock as it stood at that month's end: its
    // total is the figure
    app.click("nav-dashboard").await;
    app.pick_month("dash-month-wrap", prev).await;
    app.click("dash-1").await;
    app.wait_text(
        &App::testid("stock-as-of"),
        &format!("按{}末的结存显示", dates::month_label(prev)),
    )
    .await;
    let v1 = before.indicators.iter().find(|i| i.no == 1).unwrap().display();
    app.wait_text(&App::testid("stock-totals"), &format!("合计库存金额 {v1}"))
        .await;
    app.click("stock-now").await;
    app.settle().await;
    let gone = app
        .client
        .execute(
            "return document.querySelector('[data-testid=\"stock-as-of\"]') === null",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(gone, serde_json::Value::Bool(true), "back to today's stock");

    // the monthly summary of last month, saved as PDF through the system's
    // save dialog: its text holds the shop's name and every value on screen
    app.click("nav-dashboard").await;
    app.pick_month("dash-month-wrap", prev).await;
    app.wait_text(&App::testid("dash-value-1"), &before.indicators[0].display())
        .await;
    app.wait_text(&App::testid("dash-trend-7"), "配件滞销率").await;
    app.click("dash-summary").await;
    app.wait_text(&App::testid("summary-table"), "配件一次供应率").await;
    let pdf = dir.path().join("summary.pdf");
    app.click("summary-pdf").await;
    h.answer_save_dialog(&pdf);
    app.wait_text(".el-message--success", "已保存").await;
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&before.shop_name), "{text}");
    assert!(text.contains(&dates::month_label(prev)), "{text}");
    // (pdftotext may drop the space between a short count and its unit: 6次)
    let squeezed: String = text.chars().filter(|c| *c != ' ').collect();
    for i in &before.indicators {
        let shown = app.text(&App::testid(&format!("dash-value-{}", i.no))).await;
        let bare: String = shown.chars().filter(|c| *c != ' ').collect();
        assert!(
            squeezed.contains(&bare),
            "{} {} = {shown} in the PDF:\n{text}",
            i.no,
            i.name
        );
    }
    app.click("print-close").await;

    // the factory report: a date in the future refused, then reported
    app.click("dash-report").await;
    app.wait_text(&App::testid("factory-table"), "点检率").await;
    app.pick_date("factory-date-wrap", today + chrono::Days::new(3)).await;
    app.click("factory-sent").await;
    if confirm_missing {
        app.click_css(".el-message-box__btns .el-button--primary").await;
    }
    app.wait_text(&App::testid("factory-error"), "晚于今天").await;
    app.pick_date("factory-date-wrap", today).await;
    app.click("factory-sent").await;
    if confirm_missing {
        app.click_css(".el-message-box__btns .el-button--primary").await;
    }
    app.wait_text(&App::testid("factory-sent-on"), &format!("已于 {today} 上报"))
        .await;
    app.close_overlay().await;
    app.wait_text(&App::testid("dash-reported"), "上报工厂").await;
    app.close().await;
    let s = Store::open(&data).unwrap();
    let sent: String = s
        .conn()
        .query_row(
            "SELECT sent_on FROM factory_report WHERE month = ?1",
            [prev.iso()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sent, today.to_string());
}

/// 月结 in the window: November closes through its checklist (its warnings
/// accepted with a reason); a stock receipt and a follow-up back-dated into
/// it are refused in Chinese and nothing is saved; 反月结 with a reason; the
/// receipt goes in; closing again shows what changed between the closings.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_a_month_refuse_back_dating_reopen_and_see_the_difference() {
    use moto4s_core::closing;
    let today = day("2026-12-03");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let nov = Month::parse("2026-11").unwrap();
    let (quiet, warned) = {
        let mut s = demo::create_open_on(&data, today).unwrap();
        // the shop has closed every month before November
        closing::close_through(
            &mut s,
            nov.prev(),
            "此前各月已核对",
            today.and_hms_opt(9, 0, 0).unwrap(),
        )
        .unwrap();
        let quiet: String = s
            .conn()
            .query_row(
                "SELECT part_no FROM part p WHERE active = 1
                   AND coalesce((SELECT max(moved_on) FROM stock_movement WHERE part_id = p.id), '') < '2026-11-15'
                 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            !moto4s_core::customers::follow_up::due(s.conn(), today, 60, 3)
                .unwrap()
                .is_empty(),
            "the demo has a follow-up due to answer"
        );
        let list = closing::checklist(s.conn(), nov, today).unwrap();
        assert_eq!(list.blocking().count(), 0);
        (quiet, list.warnings().count() > 0)
    };
    let count = |sql: &str| -> i64 {
        let s = Store::open(&data).unwrap();
        s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    };
    let receipts = "SELECT count(*) FROM stock_movement WHERE moved_on = '2026-11-20' AND kind = 'receipt'";
    let receipts_before = count(receipts);
    let calls_before = count("SELECT count(*) FROM follow_up WHERE called_on = '2026-11-28'");

    let app = h.launch(&data).await;
    app.click("nav-dashboard").await;
    // in the first days of December the desk opens on November, which waits
    // to be closed and reported
    app.wait_text(&App::testid("dash-waiting-close"), "2026年11月已经结束，还没有月结")
        .await;
    app.wait_text(&App::testid("dash-open"), "未月结").await;
    // 本月至今 is a click away, and back
    app.click("dash-go-current").await;
    app.wait_text(&App::testid("dash-as-of"), "本月至今（截至12月3日）")
        .await;
    app.pick_month("dash-month-wrap", nov).await;
    app.wait_text(&App::testid("dash-open"), "未月结").await;
    app.click("dash-waiting-close-go").await;
    app.wait_text(&App::testid("close-lines"), "上月").await;
    if warned {
        app.wait_text(&App::testid("close-lines"), "提示").await;
        app.fill("close-reason", "回访电话打不通的已记录，月底前已核对库存")
            .await;
    }
    app.click("close-submit").await;
    app.wait_text(&App::testid("close-state"), "已于 2026-12-03").await;
    app.close_overlay().await;
    app.wait_text(&App::testid("dash-closed"), "已月结").await;

    // a receipt back-dated into November is refused, nothing saved
    app.click("nav-parts").await;
    app.click("open-receipt").await;
    app.scan("mv-partNo", &quiet).await;
    app.wait_text(&App::testid("mv-part"), "现有库存").await;
    app.fill("mv-qty", "2").await;
    app.pick_date("mv-date-wrap", day("2026-11-20")).await;
    app.fill("mv-operator", "李库管").await;
    app.click("mv-submit").await;
    app.wait_text(&App::testid("movement-error"), "已月结").await;
    app.click("mv-close").await;

    // so is a follow-up dated into it
    app.click("nav-customers").await;
    app.click_css("#tab-followups").await;
    app.click("call-0").await;
    app.click("fu-not-reached").await;
    app.pick_date("fu-calledOn-wrap", day("2026-11-28")).await;
    app.fill("fu-operator", "小李").await;
    app.click("fu-save").await;
    app.wait_text(&App::testid("followup-error"), "已月结").await;
    app.close_overlay().await;
    assert_eq!(count(receipts), receipts_before);
    assert_eq!(
        count("SELECT count(*) FROM follow_up WHERE called_on = '2026-11-28'"),
        calls_before
    );

    // 反月结 with a reason, then the receipt goes in
    app.click("nav-dashboard").await;
    app.pick_month("dash-month-wrap", nov).await;
    app.click("dash-close").await;
    app.click("reopen-submit").await;
    app.wait_text(&App::testid("close-error"), "反月结须填写原因").await;
    app.fill("reopen-reason", "漏记 11 月 20 日到货的采购入库").await;
    app.click("reopen-submit").await;
    app.wait_text(&App::testid("close-history"), "漏记 11 月 20 日到货的采购入库")
        .await;
    app.close_overlay().await;
    app.click("nav-parts").await;
    app.click("open-receipt").await;
    app.scan("mv-partNo", &quiet).await;
    app.wait_text(&App::testid("mv-part"), "现有库存").await;
    app.fill("mv-qty", "2").await;
    app.pick_date("mv-date-wrap", day("2026-11-20")).await;
    app.fill("mv-operator", "李库管").await;
    app.click("mv-submit").await;
    app.wait_text(".el-message--success", "已登记：采购入库").await;
    app.click("mv-close").await;

    // closed again: the difference is shown
    app.click("nav-dashboard").await;
    app.pick_month("dash-month-wrap", nov).await;
    app.click("dash-close").await;
    if warned {
        app.fill("close-reason", "更正后再次月结").await;
    }
    app.click("close-submit").await;
    app.wait_text(&App::testid("close-differences"), "配件入库金额").await;
    app.close().await;
    assert_eq!(count(receipts), receipts_before + 1);
    assert_eq!(count("SELECT count(*) FROM month_closing WHERE month = '2026-11'"), 2);
}
