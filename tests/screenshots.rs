//! Not a test: writes a PNG of each main screen of the real window, on the
//! demo shop, to docs/screenshots/ (for the README and for looking at the
//! work). Run by `scripts/screenshots.sh`; ignored in the normal test run.

mod common;

/// The day the screenshots show (the demo shop is generated up to it), so
/// that they are the same whenever they are retaken.
const SHOT_DAY: &str = "2026-11-27";

use common::{day, App, Harness};

/// Scrolls the element with test id `id` into view.
async fn scroll_to(app: &App, id: &str) {
    let js = format!(r#"document.querySelector('[data-testid="{id}"]').scrollIntoView()"#);
    app.client.execute(&js, vec![]).await.unwrap();
}

/// A printed document in its preview, once it is drawn, written to `file`;
/// the preview is closed after.
async fn shoot_print(app: &App, file: &std::path::Path) {
    app.by_id("print-preview").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(file).await;
    app.click("print-close").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes screenshots; run scripts/screenshots.sh"]
async fn screenshots() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let h = Harness::start_on(day(SHOT_DAY));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");

    let app = h.launch(&data).await;
    app.by_id("choose-demo").await;
    app.screenshot(&out.join("00-first-start.png")).await;
    app.click("choose-demo").await;
    app.wait_text(&App::testid("shop-name"), "示例店铺").await;

    for (id, file, ready) in [
        ("nav-dashboard", "01-dashboard.png", "dash-todo"),
        ("nav-parts", "02-parts.png", "stock-totals"),
        ("nav-staff", "05-staff.png", "plan-band"),
        ("nav-settings", "06-settings.png", "inventoryReference"),
    ] {
        app.click(id).await;
        app.by_id(ready).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        app.screenshot(&out.join(file)).await;
    }
    // the dashboard's middle: the indicator cards by group
    app.click("nav-dashboard").await;
    app.by_id("dash-factory").await;
    scroll_to(&app, "dash-factory").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.screenshot(&out.join("01b-dashboard-indicators.png")).await;
    // the dashboard's trends and flows, the monthly summary, the factory report
    app.by_id("dash-trends").await;
    scroll_to(&app, "dash-trends").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    app.screenshot(&out.join("37-dashboard-trends.png")).await;
    app.click("dash-summary").await;
    app.by_id("summary-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("38-summary-print.png")).await;
    // the page's foot: notes, the to-do with units, the remarks box, signatures
    scroll_to(&app, "summary-remarks").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("38b-summary-print-foot.png")).await;
    app.click("print-close").await;
    app.click("dash-report").await;
    app.by_id("factory-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("39-factory-report.png")).await;
    app.click("factory-print").await;
    app.wait_text(".m4s-page", "工厂关注指标").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("39b-factory-report-print.png")).await;
    app.click("print-close").await;
    app.close_overlay().await;
    // the parts screens: the stock card, the receipt form, a refused issue
    app.click("nav-parts").await;
    app.click_css("[data-testid=\"stock-table\"] .el-table__body .el-table__row td")
        .await;
    app.by_id("card-onHand").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("08-part-card.png")).await;
    app.client
        .execute("document.querySelector('.el-drawer__close-btn').click()", vec![])
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.click("open-issue").await;
    app.scan("mv-partNo", "jylqq").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("09-issue-form.png")).await;
    app.click("mv-close").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for (tab, ready, file) in [
        ("#tab-orders", "orders-table", "10-dealer-orders.png"),
        ("#tab-receivables", "receivables-table", "10b-dealer-receivables.png"),
        ("#tab-reorder", "reorder-table", "11-reorder.png"),
        ("#tab-indicators", "ind-1", "12-parts-indicators.png"),
        ("#tab-stocktake", "new-stocktake", "13-stocktake.png"),
    ] {
        app.click_css(tab).await;
        app.by_id(ready).await;
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        app.screenshot(&out.join(file)).await;
    }
    app.click("new-stocktake").await;
    app.by_id("count-0").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&out.join("13-stocktake.png")).await;
    app.click("stocktake-print").await;
    shoot_print(&app, &out.join("15-count-sheet.png")).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click_css("#tab-stock").await;
    app.click("open-import").await;
    app.by_id("import-path").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&out.join("14-import.png")).await;
    app.click("import-cancel").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;

    // 客户与维修
    let shot = |name: &str| out.join(name);
    app.click("nav-customers").await;
    app.by_id("repairs-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("16-repairs-desk.png")).await;
    app.click_css("[data-testid=\"repairs-table\"] .el-table__body .el-table__row td")
        .await;
    app.by_id("repair-info").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("17-repair-order.png")).await;
    app.click("repair-print").await;
    shoot_print(&app, &shot("18-repair-print.png")).await;
    app.close_overlay().await;
    app.click("new-repair").await;
    app.by_id("repair-complaint").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shot("19-repair-new.png")).await;
    app.close_overlay().await;
    for (tab, ready, file) in [
        ("#tab-customers", "customers-table", "20-customers.png"),
        ("#tab-followups", "due-followups", "21-follow-ups.png"),
        ("#tab-inspections", "due-inspections", "22-inspections.png"),
        ("#tab-filing", "pending-files", "23-filing.png"),
        ("#tab-indicators", "ind-11", "24-customer-indicators.png"),
    ] {
        app.click_css(tab).await;
        app.by_id(ready).await;
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        app.screenshot(&shot(file)).await;
        if tab == "#tab-filing" {
            // a fee batch's list as it goes to the factory
            app.click_text(&format!("{} button", App::testid("fee-batches")), "打印清单")
                .await;
            shoot_print(&app, &shot("23b-fee-batch-print.png")).await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    }
    app.click_css("#tab-customers").await;
    app.click_css("[data-testid=\"customers-table\"] .el-table__body .el-table__row td")
        .await;
    app.by_id("customer-info").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("25-customer-file.png")).await;
    app.close_overlay().await;
    // 投诉处理: the ones being handled, a month's register, a complaint's card
    app.click_css("#tab-complaints").await;
    app.by_id("complaints-stats").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("52-complaints.png")).await;
    app.click("complaints-all").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.click_css("[data-testid=\"complaints-table\"] .el-table__body .el-table__row td")
        .await;
    app.by_id("complaint-card").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("53-complaint-card.png")).await;
    app.close_overlay().await;
    app.click_opening("complaint-new", &App::testid("complaint-content"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shot("54-complaint-new.png")).await;
    app.close_overlay().await;
    // 满意度 and 流失客户
    app.click_css("#tab-satisfaction").await;
    app.by_id("sat-by-technician").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("57-satisfaction.png")).await;
    app.click_css("#tab-lost").await;
    app.by_id("lost-year").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("58-lost-customers.png")).await;

    // 三包
    app.click("nav-warranty").await;
    app.by_id("claims-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("26-claims.png")).await;
    app.click_css("[data-testid=\"claims-table\"] .el-table__body .el-table__row td")
        .await;
    app.by_id("claim-lines").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("27-claim.png")).await;
    app.click("print-claim").await;
    shoot_print(&app, &shot("28-claim-print.png")).await;
    app.close_overlay().await;
    app.click("new-claim").await;
    app.by_id("claim-fault").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shot("29-claim-new.png")).await;
    app.close_overlay().await;
    for (tab, ready, file) in [
        ("#tab-oldparts", "old-waiting", "30-old-parts.png"),
        ("#tab-windicators", "ind-8", "31-warranty-indicators.png"),
    ] {
        app.click_css(tab).await;
        app.by_id(ready).await;
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        app.screenshot(&shot(file)).await;
        if tab == "#tab-oldparts" {
            // an old-part batch's packing list
            app.click_text(&format!("{} button", App::testid("old-batches")), "打印返厂清单")
                .await;
            shoot_print(&app, &shot("30b-old-parts-batch-print.png")).await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    }

    // 服务网络: the register, an outlet's card, the network's month and its print
    app.click("nav-network").await;
    app.wait_text(&App::testid("outlets-table"), "王集镇摩托维修部").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shot("48-network.png")).await;
    app.click_text(
        &format!("{} .el-table__row", App::testid("outlets-table")),
        "王集镇摩托维修部",
    )
    .await;
    app.by_id("outlet-figures").await;
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
    app.screenshot(&shot("49-outlet-card.png")).await;
    app.close_overlay().await;
    app.click_css("#tab-overview").await;
    app.wait_text(&App::testid("network-total"), "网络合计").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("50-network-month.png")).await;
    app.click("network-print").await;
    shoot_print(&app, &shot("51-network-print.png")).await;

    // 人员与现场: the demo roster, a position description and its print
    app.click("nav-staff").await;
    app.by_id("plan-band").await;
    app.click_css("#tab-descriptions").await;
    app.click("desc-D").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("32-position-description.png")).await;
    app.click("desc-print").await;
    shoot_print(&app, &shot("33-position-description-print.png")).await;
    // 5S: the trend and open findings, a month's inspection, the printed sheet
    app.click_css("#tab-fives").await;
    app.wait_text(&App::testid("fives-table"), "王经理").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    app.screenshot(&shot("34-five-s.png")).await;
    app.click_text(&format!("{} .el-table__row", App::testid("fives-table")), "王经理")
        .await;
    app.click_css("#tab-workshop").await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    app.screenshot(&shot("35-five-s-inspection.png")).await;
    app.click("fives-print").await;
    shoot_print(&app, &shot("36-five-s-print.png")).await;
    app.close_overlay().await;

    // 培训: the year's register, and a training held with its results
    app.click_css("#tab-training").await;
    app.by_id("trainings-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("55-training.png")).await;
    app.click_text(
        "[data-testid=\"trainings-table\"] .el-table__body td",
        "链条与传动系统保养",
    )
    .await;
    app.by_id("training-attendees").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("56-training-held.png")).await;
    app.close_overlay().await;
    // 服务规范 and its A4 wall board
    app.click_css("#tab-standards").await;
    app.by_id("standards-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("59-service-standards.png")).await;
    scroll_to(&app, "checks-table").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shot("61-etiquette-checks.png")).await;
    app.click("standards-print").await;
    app.wait_text(".m4s-page", "服务礼仪基本标准").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("60-standards-board.png")).await;
    app.click("print-close").await;
    // 绩效考核: the last closed month, a sheet made, on paper, the items
    app.click_css("#tab-appraisal").await;
    app.wait_text(&App::testid("appraisal-table"), "张师傅").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&shot("62-appraisal.png")).await;
    app.click_opening("appraisal-make-张师傅", &App::testid("appraisal-lines"))
        .await;
    app.fill("score-4", "8").await;
    app.fill("appraisal-reward", "-50").await;
    app.fill("appraisal-remarks", "工具柜未上锁一次，其余按要求完成").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("63-appraisal-sheet.png")).await;
    app.click("appraisal-print").await;
    app.wait_text(".m4s-page", "被考核人签字").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("64-appraisal-print.png")).await;
    app.click("print-close").await;
    app.close_overlay().await;
    app.click_opening("appraisal-items", &App::testid("appraisal-items-table"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("65-appraisal-items.png")).await;
    app.close_overlay().await;
    // 质量信息反馈 for the factory, and on paper
    app.click("nav-warranty").await;
    app.click_css("#tab-quality").await;
    app.wait_text(&App::testid("q-head"), "三包索赔").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("66-quality-feedback.png")).await;
    app.click("q-print").await;
    app.wait_text(".m4s-page", "三包质量信息反馈").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("67-quality-print.png")).await;
    app.click("print-close").await;
    // 设备工具 and its printed register
    app.click("nav-staff").await;
    app.click_css("#tab-equipment").await;
    app.wait_text(&App::testid("equipment-summary"), "厂家必备短缺").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("68-equipment.png")).await;
    app.click("equipment-print").await;
    app.wait_text(".m4s-page", "厂家必备工具短缺清单").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("69-equipment-print.png")).await;
    app.click("print-close").await;
    // 工厂文件: the register, a bulletin with its readers and scan, a
    // campaign's vehicles and its call list, the register on paper
    app.click("nav-documents").await;
    app.wait_text(&App::testid("documents-summary"), "未确认阅读").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("70-documents.png")).await;
    let row_of = |rows: Vec<String>, needle: &str| rows.iter().position(|t| t.contains(needle)).expect(needle);
    let rows = app
        .texts("[data-testid=\"documents-table\"] .el-table__body tr", 3)
        .await;
    app.click_opening(
        &format!("doc-view-{}", row_of(rows, "化油器怠速")),
        &App::testid("document-drawer"),
    )
    .await;
    app.wait_text(&App::testid("attachments"), "扫描件.pdf").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("71-document-drawer.png")).await;
    app.close_overlay().await;
    let rows = app
        .texts("[data-testid=\"documents-table\"] .el-table__body tr", 3)
        .await;
    app.click_opening(
        &format!("doc-view-{}", row_of(rows, "油门拉线")),
        &App::testid("document-drawer"),
    )
    .await;
    app.click_opening("doc-campaign-open", &App::testid("campaign-vehicles"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("72-campaign.png")).await;
    app.click("campaign-print").await;
    app.wait_text(".m4s-page", "服务活动通知清单").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("73-campaign-print.png")).await;
    app.click("print-close").await;
    app.close_overlay().await;
    app.close_overlay().await;
    app.click("documents-print").await;
    app.wait_text(".m4s-page", "工厂文件登记表").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("74-documents-print.png")).await;
    app.click("print-close").await;
    // 服务项目: the month's on-time and return rates by item
    app.click("nav-customers").await;
    app.click_css("#tab-service").await;
    app.wait_text(&App::testid("svc-on-time"), "按承诺时间完工").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&shot("75-service-items.png")).await;

    // 备份与恢复 in the settings
    app.click("nav-settings").await;
    app.wait_text(&App::testid("backup-files"), "每日").await;
    scroll_to(&app, "backup-card").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    app.screenshot(&out.join("41-backup.png")).await;

    // the settings form with errors
    app.click("nav-settings").await;
    app.by_id("inventoryReference").await;
    app.fill("shopName", "").await;
    app.fill("annualVehicleSales", "很多").await;
    app.click("save-settings").await;
    app.by_id("settings-error").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.screenshot(&out.join("07-settings-error.png")).await;
    app.close().await;
    println!("screenshots written to {}", out.display());
}

/// The sign-in screen, the roster with accounts and the audit log, on a demo
/// shop that requires login.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes screenshots; run scripts/screenshots.sh"]
async fn login_screenshots() {
    use moto4s_core::staff::roster::{self, StaffInput};
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    let h = Harness::start_on(day(SHOT_DAY));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let manager = {
        let today = day(SHOT_DAY);
        let mut s = moto4s_core::demo::create_on(&data, today).unwrap();
        let id = |s: &moto4s_core::Store, name: &str| {
            roster::list(s.conn(), today)
                .unwrap()
                .into_iter()
                .find(|p| p.name == name)
                .unwrap()
        };
        let mut done = 0;
        for (name, role, pw) in [
            ("王经理", "manager", "jingli123"),
            ("张内勤", "clerk", "neiqin456"),
            ("李库管", "parts", "peijian789"),
        ] {
            let p = id(&s, name);
            let input = StaffInput {
                name: p.name.clone(),
                phone: p.phone.clone(),
                hired_on: p.hired_on.clone().unwrap_or_default(),
                active: true,
                note: p.note.clone(),
                posts: p.posts.clone(),
                account_role: Some(role.into()),
                password: pw.into(),
            };
            roster::save(&mut s, Some(p.id), &input, today).unwrap();
            done += 1;
        }
        assert_eq!(done, 3);
        s.set_actor(Some(moto4s_core::auth::Actor::without_login()));
        moto4s_core::auth::set_login_required(&s, true).unwrap();
        id(&s, "王经理").id
    };
    let app = h.launch(&data).await;
    app.by_id("login-submit").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&out.join("42-login.png")).await;
    app.click("login-who").await;
    app.click(&format!("login-as-{manager}")).await;
    app.fill("login-password", "jingli123").await;
    app.click("login-submit").await;
    app.wait_text(&App::testid("who"), "王经理").await;
    app.click("nav-staff").await;
    app.click_css("#tab-roster").await;
    app.wait_text(&App::testid("staff-table"), "经理").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&out.join("43-roster-accounts.png")).await;
    app.click("nav-audit").await;
    app.wait_text(&App::testid("audit-table"), "登录").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&out.join("44-audit-log.png")).await;
    app.close().await;
}
