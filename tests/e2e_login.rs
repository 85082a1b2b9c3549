//! End to end, in the real window: 登录与权限 — a shop that requires login
//! opens on the sign-in screen; a wrong password is refused; the clerk signs
//! in and finds no settings (not in the menu, refused when opened by its
//! address, and the save command itself refused by core); the manager signs
//! in and reaches the settings; the audit log shows who did what.

mod common;

use common::{day, App, Harness};
use moto4s_core::auth;
use moto4s_core::staff::roster::{self, StaffInput};
use moto4s_core::{demo, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_cannot_reach_the_settings_a_manager_can() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    let (manager, clerk) = {
        let mut s = demo::create_on(&data, today).unwrap();
        let person = |name: &str, phone: &str, role: &str, pw: &str| StaffInput {
            name: name.into(),
            phone: phone.into(),
            active: true,
            account_role: Some(role.into()),
            password: pw.into(),
            ..Default::default()
        };
        let m = roster::save(
            &mut s,
            None,
            &person("周经理", "13900002001", "manager", "jingli123"),
            today,
        )
        .unwrap();
        let c = roster::save(
            &mut s,
            None,
            &person("吴内勤", "13900002002", "clerk", "neiqin456"),
            today,
        )
        .unwrap();
        // the clerk holds 服务内勤 and has a sheet for October (a draft)
        s.conn()
            .execute("INSERT INTO staff_post (staff_id, post_code) VALUES (?1, 'B')", [c.id])
            .unwrap();
        moto4s_core::staff::appraisal::make(&mut s, c.id, moto4s_core::dates::Month::parse("2026-10").unwrap())
            .unwrap();
        // a bulletin the clerk must read (传达)
        moto4s_core::documents::save(
            &mut s,
            None,
            &moto4s_core::documents::FactoryDocumentInput {
                kind: "bulletin".into(),
                doc_no: "JT-2026-100".into(),
                title: "冬季用车提示".into(),
                received_on: "2026-11-17".into(),
                content: "入冬后提醒用户检查蓄电池。".into(),
                readers: vec![c.id],
                ..Default::default()
            },
            today,
        )
        .unwrap();
        auth::set_login_required(&s, true).unwrap();
        (m.id, c.id)
    };
    let app = h.launch(&data).await;
    app.by_id("login-submit").await;
    // a wrong password
    let pick = |id: i64| {
        let app = &app;
        async move {
            app.click("login-who").await;
            app.click(&format!("login-as-{id}")).await;
        }
    };
    pick(clerk).await;
    app.fill("login-password", "wrong-pass").await;
    app.click("login-submit").await;
    app.wait_text(&App::testid("login-error"), "姓名或密码不正确").await;
    // the clerk
    app.fill("login-password", "neiqin456").await;
    app.click("login-submit").await;
    app.wait_text(&App::testid("who"), "吴内勤 · 内勤").await;
    app.by_id("nav-customers").await;
    let menu = app.text(".menu").await;
    assert!(
        !menu.contains("设置") && !menu.contains("配件") && !menu.contains("操作日志") && !menu.contains("工厂文件"),
        "{menu}"
    );
    // 待阅文件: the bulletin, read and confirmed by the clerk themselves
    app.click_opening("my-documents", &App::testid("my-document")).await;
    app.wait_text(&App::testid("my-document"), "入冬后提醒用户检查蓄电池")
        .await;
    app.click("my-document-confirm").await;
    app.wait_text(".el-message--success", "已确认阅读 JT-2026-100").await;
    {
        let s = moto4s_core::Store::open(&data).unwrap();
        let by: String = s
            .conn()
            .query_row(
                "SELECT confirmed_by FROM factory_document_reader WHERE staff_id = ?1",
                [clerk],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(by, "本人");
    }
    // 我的考核: their own sheet, to read and print, not to score
    app.click("my-appraisals").await;
    app.wait_text(&App::testid("my-appraisals-table"), "2026年10月").await;
    app.click_text("[data-testid=\"my-appraisals-table\"] button", "查看")
        .await;
    app.wait_text(&App::testid("appraisal-lines"), "按时交车率").await;
    let save_buttons = app
        .client
        .execute(
            "return document.querySelectorAll('[data-testid=\"appraisal-save\"]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(save_buttons, serde_json::json!(0), "the clerk cannot score");
    app.close_overlay().await;
    app.close_overlay().await;
    // 人员与现场 shows the clerk its 培训 tab only (they enter trainings)
    app.click("nav-staff").await;
    app.by_id("trainings-table").await;
    let tabs = app.text(".area-tabs .el-tabs__header").await;
    assert!(
        tabs.contains("培训") && !tabs.contains("人员名册") && !tabs.contains("岗位配置"),
        "{tabs}"
    );
    // by its address: sent back with a message
    app.client
        .execute("location.hash = '#/settings'", vec![])
        .await
        .unwrap();
    app.wait_text(".el-message--warning", "没有权限打开「设置」").await;
    // and core refuses the command itself, whatever it is sent (a field no
    // form has: refused for the role before it is read)
    let refused = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('save_settings', { input: { colour: '红' } })
               .then(() => done('saved'), (e) => done(JSON.stringify(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        refused.as_str().unwrap_or("").contains("没有这项操作的权限"),
        "{refused}"
    );
    // the desk's keys follow the role: 入库 (F3) is not the clerk's, a
    // repair order (F6) is
    app.press('\u{E033}').await;
    app.wait_text(".el-message--warning", "当前身份不能入库").await;
    assert_eq!(app.overlays_shown().await, 0);
    app.press('\u{E036}').await;
    app.wait_text(".el-dialog__title", "开维修单").await;
    app.close_overlay().await;
    // the manager
    app.click("logout").await;
    pick(manager).await;
    app.fill("login-password", "jingli123").await;
    app.click("login-submit").await;
    app.wait_text(&App::testid("who"), "周经理 · 经理").await;
    app.click("nav-settings").await;
    app.by_id("inventoryReference").await;
    app.click("nav-audit").await;
    app.wait_text(&App::testid("audit-table"), "吴内勤").await;
    app.wait_text(&App::testid("audit-table"), "登录").await;
    app.close().await;
    let s = Store::open(&data).unwrap();
    let who: Vec<String> = s
        .conn()
        .prepare("SELECT DISTINCT who FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(
        who.contains(&"吴内勤".to_string()) && who.contains(&"周经理".to_string()),
        "{who:?}"
    );
}
