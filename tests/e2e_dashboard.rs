//! End to end, in the real window: 工作台 — the demo shop's month shows
//! the same 22 figures as core computes, the month the sales figures are
//! missing says so, another month can be picked, and a figure opens the
//! records behind it (the slow-moving rate opens the slow-moving parts).

mod common;

use common::{App, Harness};
use moto4s_core::dates::{self, Month};
use moto4s_core::{dashboard, demo, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_the_month_and_opens_its_records() {
    let h = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let today = dates::today();
    let (now, before) = {
        let s = demo::create(&data).unwrap();
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
    app.close().await;
    drop(Store::open(&data).unwrap());
}
