//! End to end, in the real window: 配件 — add a part, receive stock, sell it,
//! and see the stock list and the stock card change; a duplicate part number
//! and an issue beyond stock are refused with Chinese messages.

mod common;

use common::{App, Harness};
use moto4s_core::parts::catalog;
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_receive_sell_and_see_the_stock_change() {
    let h = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    {
        let s = Store::open(&data).unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
    }

    let app = h.launch(&data).await;
    app.click("nav-parts").await;
    app.wait_text(&App::testid("stock-totals"), "共 0 种配件").await;

    // a new part
    app.click("new-part").await;
    app.fill("part-partNo", "15410-kpn-901").await;
    app.fill("part-name", "机油滤清器").await;
    app.fill("part-fitment", "豪爵 HJ125-7").await;
    app.fill("part-category", "滤清器").await;
    app.fill("part-costPrice", "8.50").await;
    app.fill("part-retailPrice", "12").await;
    app.fill("part-minStock", "5").await;
    app.click("part-save").await;
    app.wait_text(".el-message--success", "配件「机油滤清器」已保存").await;
    app.wait_text(&App::testid("stock-totals"), "共 1 种配件").await;

    // the same number again is refused, next to the field
    app.click("new-part").await;
    app.fill("part-partNo", "15410-KPN-901").await;
    app.fill("part-name", "另一个滤清器").await;
    app.fill("part-costPrice", "9").await;
    app.fill("part-retailPrice", "13").await;
    app.click("part-save").await;
    app.wait_text(
        &App::testid("part-error"),
        "配件编号「15410-KPN-901」已存在（机油滤清器）",
    )
    .await;
    app.click("part-cancel").await;

    // receive 10 by scanning the number and pressing Enter
    app.click("open-receipt").await;
    app.scan("mv-partNo", "15410-kpn-901").await;
    app.wait_text(&App::testid("mv-part"), "机油滤清器").await;
    app.fill("mv-qty", "10").await;
    assert_eq!(app.value("mv-unitCost").await, "8.50");
    app.fill("mv-operator", "李库管").await;
    app.click("mv-submit").await;
    app.wait_text(".el-message--success", "已登记：采购入库 机油滤清器 10 件，结存 10")
        .await;
    app.click("mv-close").await;
    app.wait_text(&App::testid("stock-totals"), "合计数量 10 · 合计库存金额 ¥85.00")
        .await;

    // search by pinyin initials
    app.fill("stock-search", "jlq").await;
    app.wait_text(
        "[data-testid=\"stock-table\"] .el-table__body .el-table__row",
        "机油滤清器",
    )
    .await;
    app.wait_text(&App::testid("stock-totals"), "共 1 种配件").await;

    // sell: more than there is is refused; 3 goes through
    app.click("open-issue").await;
    app.scan("mv-partNo", "15410-KPN-901").await;
    app.wait_text(&App::testid("mv-part"), "现有库存 10").await;
    app.fill("mv-qty", "12").await;
    app.fill("mv-operator", "张内勤").await;
    app.click("mv-submit").await;
    app.wait_text(
        &App::testid("movement-error"),
        "库存不足：机油滤清器 现有 10 件，不能出库 12 件",
    )
    .await;
    app.fill("mv-qty", "3").await;
    app.click("mv-submit").await;
    app.wait_text(".el-message--success", "已登记：销售出库 机油滤清器 3 件，结存 7")
        .await;
    app.click("mv-close").await;
    // 85.00 × 7 / 10
    app.wait_text(&App::testid("stock-totals"), "合计数量 7 · 合计库存金额 ¥59.50")
        .await;

    // the stock card
    app.click_css("[data-testid=\"stock-table\"] .el-table__body .el-table__row td")
        .await;
    app.wait_text(&App::testid("card-onHand"), "7").await;
    assert_eq!(app.text(&App::testid("card-value")).await, "¥59.50");
    let rows = app
        .texts("[data-testid=\"card-movements\"] .el-table__body .el-table__row", 2)
        .await;
    assert!(
        rows[0].contains("销售出库") && rows[0].contains("-3") && rows[0].contains("¥59.50"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("采购入库") && rows[1].contains("+10") && rows[1].contains("¥85.00"),
        "{rows:?}"
    );
    app.close().await;

    let s = Store::open(&data).unwrap();
    let p = catalog::find_by_no(s.conn(), "15410-KPN-901").unwrap().unwrap();
    assert_eq!((p.on_hand, p.stock_value.to_fen()), (7, 5950));
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM stock_movement", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2, "the refused issue wrote nothing");
}
