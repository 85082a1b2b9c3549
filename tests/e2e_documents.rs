//! End to end, in the real window: 工厂文件 — the desk's to-do counts what
//! the register shows; a bulletin registered (without a title refused,
//! nothing saved), read by the staff, carried out, a scan attached (a file
//! over 10 MB refused); a campaign's vehicles counted as core counts them,
//! a customer told, a wrong repair order refused, the call list printed.

mod common;

use common::{day, App, Harness};
use moto4s_core::customers::repair;
use moto4s_core::documents::{self, campaign};
use moto4s_core::{demo, Store};
use serde_json::{json, Value};

/// What the app answers to `cmd` (its own reading of the data file).
async fn ask(app: &App, cmd: &str, args: Value) -> Value {
    let answer = app
        .client
        .execute_async(
            "const [cmd, args, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: v }), (e) => done({ err: e }));",
            vec![json!(cmd), args],
        )
        .await
        .unwrap();
    assert!(answer.get("err").is_none(), "{cmd}: {answer}");
    answer["ok"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_read_carried_out_attached_and_a_campaign_followed() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, today).unwrap());
    let (due, unread, campaign_id, affected, notified, completed) = {
        let s = Store::open(&data).unwrap();
        let (due, unread) = documents::todo_count(s.conn(), today).unwrap();
        let id: i64 = s
            .conn()
            .query_row("SELECT id FROM factory_document WHERE doc_no = 'ZH-2026-03'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let p = campaign::progress(s.conn(), id).unwrap();
        (due, unread, id, p.affected, p.notified, p.completed)
    };
    assert!(
        due > 0 && unread > 0 && affected > completed,
        "the demo has work to show"
    );
    // a covered GN125 not yet recalled, in today and finished (not delivered)
    let (recall, vehicle, order, order_no) = {
        let mut s = Store::open(&data).unwrap();
        let recall: i64 = s
            .conn()
            .query_row("SELECT id FROM factory_document WHERE doc_no = 'ZH-2026-11'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let vehicle = campaign::progress(s.conn(), recall)
            .unwrap()
            .vehicles
            .into_iter()
            .find(|v| v.done_on.is_none())
            .expect("a vehicle still to recall")
            .vehicle_id;
        let now = chrono::NaiveDateTime::parse_from_str("2026-11-18 10:30", "%Y-%m-%d %H:%M").unwrap();
        let o = repair::create(
            &mut s,
            &repair::RepairInput {
                vehicle_id: Some(vehicle),
                kind: "maintenance".into(),
                received_at: "2026-11-18 08:30".into(),
                technician: "张师傅".into(),
                complaint: "定期保养".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
        repair::complete(
            &mut s,
            o.id,
            &repair::CompleteInput {
                done_at: "2026-11-18 10:00".into(),
                technician: "张师傅".into(),
                work_done: "定期保养，更换侧支架弹簧".into(),
                labour: "40".into(),
            },
            now,
        )
        .unwrap();
        (recall, vehicle, o.id, o.order_no)
    };
    let app = h.launch(&data).await;
    app.wait_text(&App::testid("todo-documents"), &(due + unread).to_string())
        .await;

    app.click("nav-documents").await;
    app.wait_text(&App::testid("documents-summary"), &format!("未确认阅读 {unread} 人次"))
        .await;
    app.wait_text(&App::testid("documents-table"), "HJ125-7 油门拉线检查更换服务活动")
        .await;

    // a new bulletin: without a title refused, nothing saved
    app.click_opening("documents-new", &App::testid("doc-no")).await;
    app.fill("doc-no", "JT-2026-099").await;
    app.click("doc-save").await;
    app.wait_text(&App::testid("document-error"), "请填写标题").await;
    let count = || {
        let s = Store::open(&data).unwrap();
        s.conn()
            .query_row(
                "SELECT count(*) FROM factory_document WHERE doc_no = 'JT-2026-099'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    assert_eq!(count(), 0);
    app.fill("doc-title", "后减震器异响的检查方法").await;
    app.fill("doc-action", "技师学习，到店车辆按新方法检查").await;
    app.click("doc-readers-all").await;
    app.click("doc-save").await;
    app.wait_text(".el-message--success", "已保存 JT-2026-099").await;
    assert_eq!(count(), 1);
    let new_doc: i64 = Store::open(&data)
        .unwrap()
        .conn()
        .query_row(
            "SELECT id FROM factory_document WHERE doc_no = 'JT-2026-099'",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // it is the newest: first in the list; read by the first person
    app.click_opening("doc-view-0", &App::testid("document-drawer")).await;
    app.wait_text(&App::testid("doc-drawer-title"), "后减震器异响的检查方法")
        .await;
    app.click("doc-confirm-0").await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--success", "王经理 已确认阅读").await;
    app.wait_text(&App::testid("doc-readers-table"), "经理（免登录） 登记")
        .await;
    // carried out, with what was done
    app.click("doc-mark-done").await;
    app.type_css(".el-message-box__input input", "11月18日晨会传达，已按新方法检查")
        .await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(&App::testid("doc-done"), "已按新方法检查").await;

    // a scan attached; a file over 10 MB refused
    let scan = dir.path().join("scan.png");
    std::fs::write(&scan, [0x89u8, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 0]).unwrap();
    app.click("attachment-add").await;
    h.answer_file_dialog("选择要添加的附件", &scan);
    app.wait_text(&App::testid("attachments"), "scan.png").await;
    let big = dir.path().join("big.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(10 * 1024 * 1024 + 1)
        .unwrap();
    app.click("attachment-add").await;
    h.answer_file_dialog("选择要添加的附件", &big);
    app.wait_text(".el-message--error", "超过每个附件 10 MB 的上限").await;
    // from here on the checks ask the app, not the file: the system's file
    // dialog has listed the data folder, and GTK opening shop.db to sniff
    // its type drops this process's SQLite locks on it (POSIX), so a second
    // process closing its connection would take the WAL away (see the note
    // in ARCHITECTURE.md, "A file dialog and the data file's locks")
    let kept = ask(
        &app,
        "attachments_list",
        json!({ "ownerKind": "factory_document", "ownerId": new_doc }),
    )
    .await;
    let names: Vec<&str> = kept
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["fileName"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["scan.png"]);
    app.close_overlay().await;

    // the campaign: its figures as core counts them
    app.click_text(
        &format!("{} .el-radio-button", App::testid("documents-kind")),
        "服务活动/召回",
    )
    .await;
    let row = app
        .texts("[data-testid=\"documents-table\"] .el-table__body tr", 1)
        .await
        .iter()
        .position(|t| t.contains("ZH-2026-03"))
        .expect("the campaign is listed");
    app.click_opening(&format!("doc-view-{row}"), &App::testid("document-drawer"))
        .await;
    app.wait_text(
        &App::testid("doc-campaign-figures"),
        &format!("本店涉及 {affected} 辆，已完成 {completed} 辆"),
    )
    .await;
    app.click_opening("doc-campaign-open", &App::testid("campaign-vehicles"))
        .await;
    app.wait_text(&App::testid("campaign-figures"), &format!("已通知 {notified} 辆"))
        .await;
    // a wrong order number refused, nothing recorded
    app.click("cv-done-0").await;
    app.type_css(".el-message-box__input input", "WX-000000-0000").await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--error", "没有维修单「WX-000000-0000」")
        .await;
    let p = ask(&app, "campaign_progress", json!({ "id": campaign_id })).await;
    assert_eq!(p["completed"], json!(completed));
    // the list shows those still to do, those not yet told first: one told
    let first = app
        .texts("[data-testid=\"campaign-vehicles\"] .el-table__body tr", 1)
        .await[0]
        .clone();
    if first.contains("未通知") {
        app.click("cv-notify-0").await;
        app.click_css(".el-message-box__btns .el-button--primary").await;
        app.wait_text(".el-message--success", "已登记通知").await;
        app.wait_text(&App::testid("campaign-figures"), &format!("已通知 {} 辆", notified + 1))
            .await;
    }
    app.click("campaign-print").await;
    app.wait_text(&App::testid("print-preview"), "服务活动通知清单").await;
    app.wait_text(&App::testid("print-preview"), "本次通知结果").await;
    app.click("print-close").await;

    // the recalled vehicle's order says so; the desk records it done there
    app.client
        .execute(
            &format!("location.hash = '#/customers?tab=repairs&order={order}'"),
            vec![],
        )
        .await
        .unwrap();
    app.wait_text(&App::testid("repair-campaign"), "ZH-2026-11").await;
    app.click("repair-campaign-done").await;
    app.wait_text(".el-message--success", "本单完成服务活动 ZH-2026-11")
        .await;
    let p = ask(&app, "campaign_progress", json!({ "id": recall })).await;
    let v = p["vehicles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["vehicleId"] == json!(vehicle))
        .unwrap()
        .clone();
    assert_eq!(
        (v["doneOn"].clone(), v["orderNo"].clone()),
        (json!("2026-11-18"), json!(order_no))
    );
    let open = ask(&app, "campaigns_for_vehicle", json!({ "vehicleId": vehicle })).await;
    assert_eq!(open, json!([]));
    app.close().await;
}
