//! End to end, in the real window: 配件 — add a part, receive stock, sell it,
//! and see the stock list and the stock card change; a duplicate part number
//! and an issue beyond stock are refused with Chinese messages.

mod common;

use common::{day, App, Harness};
use moto4s_core::parts::catalog;
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_receive_sell_and_see_the_stock_change() {
    let h = Harness::start_on(day("2026-11-18"));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_a_catalogue_then_ship_an_order_count_stock_and_see_the_indicators() {
    let h = Harness::start_on(day("2026-11-18"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    {
        let mut s = Store::open(&data).unwrap();
        settings::save(s.conn(), demo::demo_settings()).unwrap();
        // the outlets that order, on the register (服务网络)
        for name in ["王集镇摩托维修部", "李庄摩托配件店"] {
            let input = moto4s_core::network::outlet::OutletInput {
                name: name.into(),
                authorised_on: "2025-01-01".into(),
                ..Default::default()
            };
            moto4s_core::network::outlet::save(&mut s, None, &input, day("2026-11-18")).unwrap();
        }
    }
    let csv = dir.path().join("目录.csv");
    let head = "配件编号,配件名称,适用车型,单位,类别,机油,进货价,限价,库位,最低库存,最高库存,在用\n";
    std::fs::write(
        &csv,
        format!("{head}15410-KPN-901,机油滤清器,HJ125-7,个,滤清器,否,8.50,12,A-01,5,30,是\nSP-1,火花塞,通用,个,电气,否,十元,18,B-01,4,20,是\n"),
    )
    .unwrap();

    let app = h.launch(&data).await;
    app.click("nav-parts").await;
    app.click("open-import").await;
    app.fill("import-path", csv.to_str().unwrap()).await;
    app.click("import-check").await;
    // the bad row is listed with its number; nothing can be imported yet
    app.wait_text(&App::testid("import-problems"), "第 3 行进货价：「十元」不是有效的金额")
        .await;
    let disabled = app.by_id("import-apply").await.attr("disabled").await.unwrap();
    assert!(
        disabled.is_some(),
        "import must stay disabled while the file has problems"
    );

    // fixed in the file: check again, then import
    std::fs::write(
        &csv,
        format!("{head}15410-KPN-901,机油滤清器,HJ125-7,个,滤清器,否,8.50,12,A-01,5,30,是\nSP-1,火花塞,通用,个,电气,否,10,18,B-01,4,20,是\nOIL-1,机油 SJ 1L,通用,瓶,油品,是,25,38,C-01,24,120,是\n"),
    )
    .unwrap();
    app.click("import-check").await;
    app.wait_text(&App::testid("import-summary"), "将新增 3 种，更新 0 种配件")
        .await;
    app.click("import-apply").await;
    app.wait_text(".el-message--success", "已导入配件目录：新增 3 种，更新 0 种")
        .await;
    app.wait_text(&App::testid("stock-totals"), "共 3 种配件").await;

    // receive the filters and the spark plugs (on the 10th)
    app.click("open-receipt").await;
    for (no, qty) in [("15410-KPN-901", "10"), ("SP-1", "3")] {
        app.scan("mv-partNo", no).await;
        app.wait_text(&App::testid("mv-part"), "现有库存 0").await;
        app.fill("mv-qty", qty).await;
        app.pick_date("mv-date-wrap", day("2026-11-10")).await;
        app.fill("mv-operator", "李库管").await;
        app.click("mv-submit").await;
        app.wait_text(".el-message--success", &format!("结存 {qty}")).await;
    }
    app.click("mv-close").await;

    // a sub-dealer order of 8 filters and 5 plugs received on the 12th
    // (its 2-day first-supply window ends on the 14th): only 3 plugs in stock
    app.click_css("#tab-orders").await;
    app.click("new-order").await;
    app.choose("order-dealer", "王集镇摩托维修部").await;
    app.pick_date("order-date-wrap", day("2026-11-12")).await;
    app.fill("order-part-0", "15410-KPN-901").await;
    app.fill("order-qty-0", "8").await;
    app.fill("order-part-1", "SP-1").await;
    app.fill("order-qty-1", "0").await;
    app.click("order-save").await;
    // a zero quantity is refused next to its line, nothing saved
    app.wait_text(&App::testid("order-error"), "第 2 行：数量须为正整数")
        .await;
    app.fill("order-qty-1", "5").await;
    app.click("order-save").await;
    app.wait_text(".el-message--success", "已登记经销商订单 DD-").await;
    app.click_css("[data-testid^=\"ship-DD-\"]").await;
    assert_eq!(app.value("ship-qty-0").await, "8");
    assert_eq!(app.value("ship-qty-1").await, "3", "the form offers what is in stock");
    app.fill("ship-operator", "发运员小王").await;
    // more than was ordered is refused and nothing ships
    app.fill("ship-qty-0", "9").await;
    app.click("ship-save").await;
    app.wait_text(&App::testid("ship-error"), "机油滤清器：本次发 9，超过未发数量 8")
        .await;
    app.fill("ship-qty-0", "8").await;
    app.pick_date("ship-date-wrap", day("2026-11-13")).await;
    // at 限价: 8 × ¥12 + 3 × ¥18 = ¥150; the outlet pays ¥100 now and owes
    // the rest
    app.wait_text(&App::testid("ship-total"), "本次货款合计 ¥150.00").await;
    assert_eq!(app.value("ship-paid").await, "150.00");
    app.fill("ship-paid", "100").await;
    app.click("ship-save").await;
    // within the window: 1 of 2 lines complete, 11 of 13 pieces
    app.wait_text(
        ".el-message--success",
        "已发货（一次供应期内），品种供应率 50%，数量供应率 84.6%",
    )
    .await;
    app.wait_text(&App::testid("orders-table"), "部分发货").await;

    // an order taken today, withdrawn by the outlet: cancelling needs a
    // reason, and the cancelled order counts nowhere
    app.click("new-order").await;
    app.choose("order-dealer", "李庄摩托配件店").await;
    app.fill("order-part-0", "SP-1").await;
    app.fill("order-qty-0", "2").await;
    app.click("order-save").await;
    app.wait_text(".el-message--success", "已登记经销商订单 DD-202611-0002")
        .await;
    app.click("close-DD-202611-0002").await;
    app.click("close-save").await;
    app.wait_text(&App::testid("close-error"), "请填写原因").await;
    app.wait_text(&App::testid("status-DD-202611-0002"), "未发货").await;
    app.fill("close-reason", "经销商撤单").await;
    app.click("close-save").await;
    app.wait_text(".el-message--success", "DD-202611-0002 已撤销").await;
    app.wait_text(&App::testid("line-rate-DD-202611-0002"), "不计").await;

    // 经销商往来: the ¥50 owed, refused when more is paid, then paid
    app.click_css("#tab-receivables").await;
    app.wait_text(&App::testid("balance-王集镇摩托维修部"), "¥50.00").await;
    app.click("pay-王集镇摩托维修部").await;
    assert_eq!(app.value("pay-amount").await, "50.00");
    app.fill("pay-amount", "60").await;
    app.fill("pay-operator", "张会计").await;
    app.click("pay-save").await;
    app.wait_text(
        &App::testid("pay-error"),
        "收款 ¥60.00 超过王集镇摩托维修部的欠款 ¥50.00",
    )
    .await;
    app.fill("pay-amount", "50").await;
    app.click("pay-save").await;
    app.wait_text(".el-message--success", "已登记王集镇摩托维修部收款 ¥50.00")
        .await;
    app.wait_text(&App::testid("balance-王集镇摩托维修部"), "¥0.00").await;
    app.click("statement-王集镇摩托维修部").await;
    app.wait_text(&App::testid("statement-table"), "DD-202611-0001 第1次发货 现结（现金）")
        .await;
    let lines = app
        .texts("[data-testid=\"statement-table\"] .el-table__body .el-table__row", 3)
        .await;
    assert!(lines[0].contains("¥150.00") && lines[2].contains("¥50.00"), "{lines:?}");
    app.close_overlay().await;

    // this month's indicators show the first order (its window is over):
    // 品种供应率 the headline, 数量供应率 beside it
    app.click_css("#tab-indicators").await;
    app.wait_text(&App::testid("ind-6"), "50%").await;
    app.wait_text(&App::testid("ind-6-qty"), "数量供应率 84.6%").await;
    // cash in: ¥100 with the delivery and ¥50 later, both in November
    app.wait_text(&App::testid("ind-4"), "¥150.00").await;
    // the text's "> 90%" as written, and the mark core made against it
    app.wait_text(&App::testid("parts-indicators"), "目标 > 90%").await;
    app.wait_text(&App::testid("parts-indicators"), "未达标").await;
    // 8 × 8.50 + 3 × 10.00
    app.wait_text(&App::testid("ind-3"), "¥98.00").await;

    // a stocktake: one filter short
    app.click_css("#tab-stocktake").await;
    app.click("new-stocktake").await;
    app.wait_text(&App::testid("stocktake-lines"), "机油滤清器").await;
    // lines are in bin order: A-01 filters, B-01 plugs, C-01 oil
    app.fill("count-0", "1").await;
    app.fill("count-1", "0").await;
    app.fill("count-2", "x").await;
    app.click("stocktake-save").await;
    app.wait_text(".el-message--error", "实盘数量「x」不是整数").await;
    app.fill("count-2", "0").await;
    app.click("stocktake-post").await;
    app.type_css(".el-message-box__input input", "王经理").await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--success", "盘点差异已过账").await;
    // the printable count sheet: the shop's name, every line, the counted
    // quantities; the book quantity only when asked for (a blind count)
    app.click("stocktake-print").await;
    app.wait_text(&App::testid("print-preview"), "配件盘点表").await;
    app.wait_text(".m4s-page", "机油滤清器").await;
    let doc = app.text(".m4s-page").await;
    assert!(!doc.contains("账面"), "a blind count sheet by default: {doc}");
    app.click("print-book").await;
    app.wait_text(".m4s-page thead", "账面").await;
    app.click("print-close").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let on = |no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
    assert_eq!((on("15410-KPN-901"), on("SP-1"), on("OIL-1")), (1, 0, 0));
    let loss: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM stock_movement WHERE kind = 'loss' AND note LIKE '盘点单%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(loss, 1);
}

/// 快捷键: the desk's frequent actions from anywhere — F3 入库 and F4 出库
/// open their forms on the stock screen, F2 puts the cursor in its search,
/// F6 opens a new repair order; a key pressed while a form is open does not
/// open a second one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_desks_keys_open_its_frequent_actions() {
    let h = Harness::start_on(day("2026-11-20"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    demo::create_on(&data, day("2026-11-20")).unwrap();
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("shop-name"), demo::DEMO_SHOP_NAME).await;
    app.wait_text(&App::testid("shortcut-keys"), "F3 入库").await;

    // on the dashboard: F3 opens the receipt form on the stock screen
    app.press('\u{E033}').await;
    app.wait_text(".el-dialog__title", "入库登记").await;
    // a second key while the form is open opens nothing more
    app.press('\u{E034}').await;
    assert_eq!(app.overlays_shown().await, 1);
    app.close_overlay().await;
    app.press('\u{E034}').await;
    app.wait_text(".el-dialog__title", "出库登记").await;
    app.close_overlay().await;

    // F2: the cursor in the stock search, and what is typed filters the list
    app.press('\u{E032}').await;
    let focused = app
        .client
        .execute(
            "return document.activeElement && !!document.activeElement.closest('[data-testid=stock-search]');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(focused, serde_json::json!(true));
    // what is typed there filters the list (of the demo's 253 parts, those
    // whose initials hold j…l…q, as 机油滤清器 jylqq does)
    app.wait_text(&App::testid("stock-totals"), "共 253 种配件").await;
    app.fill("stock-search", "jlq").await;
    app.wait_text(".el-table__body", "机油滤清器").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let totals = app.text(&App::testid("stock-totals")).await;
        if !totals.contains("共 253 种") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not filtered: {totals}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // F6: a new repair order, from the parts screen
    app.press('\u{E036}').await;
    app.wait_text(".el-dialog__title", "开维修单").await;
    app.close_overlay().await;
    app.close().await;
}
