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
    let (now, before) = {
        let s = demo::create_on(&data, today).unwrap();
        let m = Month::of(today);
        (
            dashboard::compute(s.conn(), m, today).unwrap(),
            dashboard::compute(s.conn(), m.prev(), today).unwrap(),
        )
    };

    let app = h.launch(&data).await;
    app.click("nav-dashboard").await;
    app.by_id("dash-todo").await;
    // every figure as core computes it
    for i in &now.indicators {
        app.wait_text(&App::testid(&format!("dash-value-{}", i.no)), &i.display())
            .await;
    }
    // the month's vehicle sales are not entered yet: 12 says where to enter them
    app.wait_text(&App::testid("dash-missing-12"), "整车销售数量尚未录入")
        .await;
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

    // the slow-moving rate opens the stock list filtered to slow movers
    app.click("dash-7").await;
    app.wait_text(&App::testid("stock-totals"), "种配件").await;
    let checked = app
        .client
        .execute(
            "return [...document.querySelectorAll('.el-checkbox.is-checked')].map(e => e.textContent).join('|')",
            vec![],
        )
        .await
        .unwrap();
    assert!(checked.as_str().unwrap_or("").contains("滞销"), "{checked}");

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
    for i in &before.indicators {
        let shown = app.text(&App::testid(&format!("dash-value-{}", i.no))).await;
        assert!(
            text.contains(&shown),
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
    app.wait_text(&App::testid("factory-error"), "晚于今天").await;
    app.pick_date("factory-date-wrap", today).await;
    app.click("factory-sent").await;
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
