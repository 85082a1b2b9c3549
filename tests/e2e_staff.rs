//! End to end, in the real window: 人员与现场 — change the annual sales
//! across a band boundary and see the recommendation and coverage change;
//! add people with their posts (a post code that does not exist can't be
//! picked; a person with no name and the same person twice are refused);
//! edit and print a position description; record a 5S inspection (saving
//! with items unscored is refused).

mod common;

use common::{day, App, Harness};
use moto4s_core::{demo, settings, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staffing_roster_and_position_descriptions() {
    let h = Harness::start_on(day("2026-11-18"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    {
        let s = Store::open(&data).unwrap();
        // the demo settings: 280 vehicles a year
        settings::save(s.conn(), demo::demo_settings()).unwrap();
    }
    let app = h.launch(&data).await;
    app.click("nav-staff").await;
    app.wait_text(&App::testid("plan-band"), "150–350台").await;
    app.wait_text(&App::testid("plan-unfilled"), "推荐岗位尚无人担任：K 服务经理（兼配件主管）、M 服务内勤（兼服务会计、客户信息员）、P 三包维修主管（兼三包鉴定员、维修技师）、N 配件管理员（兼库管、发运）")
        .await;

    // the roster: a nameless person and a duplicate refused
    app.click_css("#tab-roster").await;
    let add = |name: &'static str, phone: &'static str, posts: &'static [&'static str]| {
        let app = &app;
        async move {
            app.click("new-staff").await;
            app.fill("st-name", name).await;
            app.fill("st-phone", phone).await;
            for p in posts {
                app.click(&format!("st-post-{p}")).await;
            }
            app.click("st-save").await;
        }
    };
    add("", "", &["K"]).await;
    app.wait_text(&App::testid("staff-error"), "请填写姓名").await;
    app.close_overlay().await;
    add("王经理", "13800000001", &["K"]).await;
    app.wait_text(".el-message--success", "已保存 王经理").await;
    add("王经理", "13800000001", &["M"]).await;
    app.wait_text(&App::testid("staff-error"), "名册里已有「王经理 13800000001」")
        .await;
    app.close_overlay().await;
    add("张内勤", "13800000002", &["M"]).await;
    app.wait_text(".el-message--success", "已保存 张内勤").await;
    add("刘师傅", "13800000003", &["P"]).await;
    app.wait_text(".el-message--success", "已保存 刘师傅").await;
    app.wait_text(&App::testid("staff-table"), "刘师傅").await;

    // the plan: N is missing, three people are within the band's 3–4; 350
    // is still 150–350 (each band includes its upper bound), 351 is the
    // next band, where R and S are wanted too and one person is short
    app.click_css("#tab-plan").await;
    app.click("plan-try").await;
    app.wait_text(
        &App::testid("plan-unfilled"),
        "推荐岗位尚无人担任：N 配件管理员（兼库管、发运）",
    )
    .await;
    app.wait_text(&App::testid("plan-duties"), "无人负责").await;
    app.wait_text(&App::testid("plan-headcount"), "在册在岗 3 人，在推荐的 3–4 人之内")
        .await;
    app.fill("plan-sales", "350").await;
    app.click("plan-try").await;
    app.wait_text(&App::testid("plan-band"), "配置档次 150–350台").await;
    app.fill("plan-sales", "351").await;
    app.click("plan-try").await;
    app.wait_text(&App::testid("plan-band"), "350–600台").await;
    app.wait_text(
        &App::testid("plan-unfilled"),
        "N 配件管理员（兼库管、发运）、R 三包维修技师（兼三包鉴定员）、S 三包维修主管（兼维修技师）",
    )
    .await;
    app.wait_text(&App::testid("plan-headcount"), "比推荐的 4–5 人少 1 人")
        .await;
    // 900台以上: the text's list has no 三包鉴定员 and no 客户信息员, and
    // the screen says so
    app.fill("plan-sales", "1200").await;
    app.click("plan-try").await;
    app.wait_text(
        &App::testid("plan-gap-note"),
        "没有列出三包鉴定员（H）和客户信息员（I）",
    )
    .await;
    app.fill("plan-sales", "很多").await;
    app.click("plan-try").await;
    app.wait_text(&App::testid("plan-error"), "应为 0 到 999999 之间的整数")
        .await;

    // a position description: edited, an empty duty list refused, printed
    app.click_css("#tab-descriptions").await;
    // D's example names 王经理, who holds it as part of K (A + D)
    app.wait_text(&App::testid("desc-D"), "王经理").await;
    app.click("desc-D").await;
    app.wait_text(&App::testid("desc-example"), "示例").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let targets = app.value("desc-targets").await;
    assert!(
        targets.contains("一次供应率") && targets.contains("滞销率"),
        "{targets}"
    );
    app.fill("desc-duties", "").await;
    app.click("desc-save").await;
    app.wait_text(".el-message--error", "请填写岗位职责").await;
    // two lines: Enter in a text area starts a new one
    app.fill("desc-duties", "编制配件采购计划").await;
    app.by_id("desc-duties")
        .await
        .send_keys("\u{E007}处理经销商订单")
        .await
        .unwrap();
    assert_eq!(app.value("desc-duties").await, "编制配件采购计划\n处理经销商订单");
    app.click("desc-save").await;
    app.wait_text(".el-message--success", "岗位说明书已保存").await;
    app.click("desc-print").await;
    app.wait_text(".m4s-page", "岗位说明书").await;
    app.wait_text(".m4s-page", "1、编制配件采购计划").await;
    app.wait_text(".m4s-page", "2、处理经销商订单").await;
    // the paper names the post as a shop does: no code letter, no 「或称…」
    let paper = app.text(".m4s-page").await;
    assert!(paper.contains("配件主管"), "{paper}");
    assert!(!paper.contains("D 配件主管") && !paper.contains("或称"), "{paper}");
    app.click("print-close").await;

    // 5S: an inspection saved before every item is scored is refused; then
    // each area scored (full marks, one item marked down), a finding, saved
    app.click_css("#tab-fives").await;
    app.wait_text(&App::testid("fives-table"), "还没有5S检查记录").await;
    app.click("fives-new").await;
    app.wait_text(&App::testid("fives-total"), "0 / 150").await;
    app.click("fives-save").await;
    app.wait_text(&App::testid("fives-error"), "还有 30 项未打分").await;
    for area in ["reception", "workshop", "store"] {
        app.click_css(&format!("#tab-{area}")).await;
        app.click(&format!("fives-full-{area}")).await;
    }
    app.click_css("#tab-workshop").await;
    // the workshop's first item (整理: no scrap on the bays) gets 3 of 5
    let score = format!("{} input", App::testid("fives-score-11"));
    app.type_css(&score, "3").await;
    app.wait_css(&score).await.send_keys("\u{E004}").await.unwrap();
    app.wait_text(&App::testid("fives-total"), "148 / 150").await;
    app.wait_text(&App::testid("fives-area-workshop"), "维修车间 48/50")
        .await;
    app.click("fives-add-finding").await;
    app.type_css(
        &format!("{} .f-text input", App::testid("fives-finding-1")),
        "工位上有拆下的废旧件",
    )
    .await;
    app.type_css(&format!("{} .f-who input", App::testid("fives-finding-1")), "刘师傅")
        .await;
    app.click("fives-save").await;
    app.wait_text(".el-message--success", "5S检查已保存：148/150 分").await;
    app.wait_text(&App::testid("fives-table"), "98.7%").await;
    app.wait_text(&App::testid("fives-open"), "工位上有拆下的废旧件").await;
    // reopened and printed
    app.click_text(&format!("{} .el-table__row", App::testid("fives-table")), "王经理")
        .await;
    app.click_opening("fives-print", ".m4s-page").await;
    app.wait_text(".m4s-page", "现场5S检查表").await;
    app.wait_text(".m4s-page", "148 / 150").await;
    app.click("print-close").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let q = |sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(*) FROM staff"), 3);
    assert_eq!(q("SELECT count(*) FROM position_description WHERE post_code = 'D'"), 1);
    assert_eq!(q("SELECT count(*) FROM five_s_inspection"), 1);
    assert_eq!(q("SELECT sum(score) FROM five_s_score"), 148);
    assert_eq!(
        q("SELECT count(*) FROM five_s_finding WHERE responsible = '刘师傅' AND closed_on IS NULL"),
        1
    );
}

/// 培训: a training held today recorded (one without a subject refused)
/// with a roster person's score and certificate and an outlet's person; a
/// plan past its day shows as 逾期未办 and on the desk's to-do; the person's
/// card lists the training. 服务规范: the text's standards, one added (none
/// without content) and printed on the wall board; a spot check of a person
/// (one with standards left unjudged refused) and the month's result.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trainings_recorded_planned_and_on_the_card() {
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
        moto4s_core::network::outlet::save(
            &mut s,
            None,
            &moto4s_core::network::outlet::OutletInput {
                name: "王集镇摩托维修部".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap();
    }
    let app = h.launch(&data).await;
    app.choose("shift-person", "王经理").await;
    app.click("nav-staff").await;
    app.click_css("#tab-training").await;
    app.wait_text(&App::testid("trainings-table"), "这一年还没有培训").await;

    // held today: without a subject refused, then recorded
    app.click_opening("training-record", &App::testid("training-title"))
        .await;
    assert_eq!(app.value("training-trainer").await, "王经理");
    app.choose("training-staff", "李师傅").await;
    app.click("training-save").await;
    app.wait_text(&App::testid("training-error"), "请填写培训主题").await;
    app.fill("training-title", "电喷系统故障诊断").await;
    app.fill("training-hours", "3.5").await;
    app.click("training-add-outlet").await;
    app.fill("attendee-name-1", "王保国").await;
    app.fill("attendee-score-0", "92").await;
    app.fill("attendee-cert-0", "电喷维修上岗证").await;
    app.pick_date("attendee-expiry-0", day("2026-12-10")).await;
    app.click("training-save").await;
    app.wait_text(".el-message--success", "已记录培训「电喷系统故障诊断」，参训 2 人")
        .await;
    app.wait_text(&App::testid("trainings-table"), "王保国（王集镇摩托维修部）")
        .await;
    // the certificate runs out within 30 days: listed to renew
    app.wait_text(&App::testid("certificates-due"), "李师傅 · 电喷维修上岗证")
        .await;

    // a plan whose day has passed
    app.click_opening("training-plan", &App::testid("training-title")).await;
    app.pick_date("training-planned", day("2026-11-10")).await;
    app.click("training-subject-warranty").await;
    app.fill("training-title", "旧件返厂新规定").await;
    app.choose("training-staff", "王经理").await;
    app.click("training-save").await;
    app.wait_text(".el-message--success", "已计划培训「旧件返厂新规定」")
        .await;
    app.wait_text(&App::testid("trainings-table"), "逾期未办").await;
    app.wait_text(&App::testid("training-summary"), "1 次计划已过期未办")
        .await;

    // 李师傅's card lists the training with his score
    app.click_css("#tab-roster").await;
    app.click_text("[data-testid=\"staff-table\"] .el-table__body td", "李师傅")
        .await;
    app.wait_text(&App::testid("st-trainings"), "电喷系统故障诊断").await;
    app.wait_text(&App::testid("st-trainings"), "92").await;
    app.close_overlay().await;

    // 服务规范: the text's ten standards to start with; one of the shop's
    // own added (none without its content) and on the A4 wall board
    app.click_css("#tab-standards").await;
    app.wait_text(&App::testid("standards-table"), "主动回访").await;
    app.wait_text(&App::testid("principles-table"), "真诚原则").await;
    app.click_opening("standard-new", &App::testid("standard-title")).await;
    app.fill("standard-title", "电话礼仪").await;
    app.click("standard-save").await;
    app.wait_text(&App::testid("standard-error"), "请填写内容").await;
    app.fill("standard-content", "铃响三声内接听，先报店名").await;
    app.fill("standard-measure", "抽查来电").await;
    app.click("standard-save").await;
    app.wait_text(".el-message--success", "已保存「电话礼仪」").await;
    app.wait_text(&App::testid("standards-table"), "铃响三声内接听").await;
    app.click("standards-print").await;
    app.wait_text(".m4s-page", "服务礼仪基本标准").await;
    app.wait_text(".m4s-page", "K、电话礼仪").await;
    app.click("print-close").await;
    // 礼仪检查: every standard judged or the check is refused; then 10 of 11
    app.click_opening("check-new", &App::testid("check-checker")).await;
    app.choose("check-staff", "李师傅").await;
    app.click("check-miss-1").await;
    app.click("check-save").await;
    app.wait_text(&App::testid("check-error"), "还有 10 条标准没有评定")
        .await;
    app.click("check-all-met").await;
    app.click("check-save").await;
    app.wait_text(".el-message--success", "已记录 李师傅 的礼仪检查：达标 10 条，90.9%")
        .await;
    app.wait_text(&App::testid("check-by-person"), "10 / 11 条，90.9%")
        .await;
    app.wait_text(&App::testid("checks-table"), "来有迎声").await;

    // the desk's to-do: the plan past its day and the certificate
    app.click("nav-dashboard").await;
    app.wait_text(&App::testid("todo-training"), "2").await;
    app.close().await;

    let s = Store::open(&data).unwrap();
    let q = |sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(*) FROM training"), 2);
    assert_eq!(
        q("SELECT count(*) FROM training WHERE held_on = '2026-11-18' AND hours_tenths = 35"),
        1
    );
    assert_eq!(
        q(
            "SELECT count(*) FROM training_attendee a JOIN staff s ON s.id = a.staff_id
           WHERE s.name = '李师傅' AND a.score = 92 AND a.certificate_expires_on = '2026-12-10'"
        ),
        1
    );
    assert_eq!(
        q("SELECT count(*) FROM training_attendee WHERE dealer_id IS NOT NULL AND name = '王保国'"),
        1
    );
    assert_eq!(
        q(
            "SELECT count(*) FROM etiquette_check_item i JOIN etiquette_check c ON c.id = i.check_id
           JOIN staff s ON s.id = c.staff_id WHERE s.name = '李师傅' AND i.met = 0"
        ),
        1
    );
}

/// 绩效考核: a technician's sheet for the demo's last closed month — made
/// from his records, a manual score beyond its weight refused with nothing
/// saved, then scored, 奖惩 and remarks, finalised, in the month's list and
/// printed with the signature lines; the position description's 考核标准
/// are the same items.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appraisal_made_scored_and_finalised_for_a_closed_month() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, today).unwrap());
    let app = h.launch(&data).await;
    app.click("nav-staff").await;
    app.click_css("#tab-appraisal").await;
    // the last closed month: 2026-10 (November is still open)
    app.wait_text(&App::testid("appraisal-table"), "张师傅").await;
    app.click_opening("appraisal-make-张师傅", &App::testid("appraisal-lines"))
        .await;
    app.wait_text(".el-dialog__title", "考核表 · 张师傅 · 2026年10月").await;
    app.wait_text(&App::testid("appraisal-lines"), "维修整车数量").await;
    app.wait_text(&App::testid("appraisal-lines"), "台").await;
    app.wait_text(&App::testid("appraisal-status"), "草稿").await;
    // the manual item (weight 10): 15 refused, nothing saved
    app.fill("score-4", "15").await;
    app.fill("appraisal-reward", "-50").await;
    app.click("appraisal-save").await;
    app.wait_text(&App::testid("appraisal-error"), "应在 0 到 10 之间")
        .await;
    {
        let s = Store::open(&data).unwrap();
        let (score, reward): (Option<String>, i64) = s
            .conn()
            .query_row(
                "SELECT l.score, a.reward_fen FROM appraisal a JOIN appraisal_line l ON l.appraisal_id = a.id
                 JOIN staff s ON s.id = a.staff_id
                 WHERE l.measure = 'manual' AND s.name = '张师傅' AND a.month = '2026-10'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((score, reward), (None, 0));
    }
    app.fill("score-4", "8").await;
    app.fill("appraisal-remarks", "工具柜未上锁一次").await;
    app.click("appraisal-finalise").await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--success", "考核表已定稿").await;
    app.wait_text(&App::testid("appraisal-status"), "已定稿").await;
    // on paper: the signature lines
    app.click("appraisal-print").await;
    app.wait_text(&App::testid("print-preview"), "被考核人签字").await;
    app.wait_text(&App::testid("print-preview"), "罚 ¥50.00").await;
    app.click("print-close").await;
    app.close_overlay().await;
    app.wait_text(&App::testid("appraisal-table"), "已定稿").await;
    // what the database kept is what the screen showed
    let s = Store::open(&data).unwrap();
    let (status, remarks, reward): (String, String, i64) = s
        .conn()
        .query_row(
            "SELECT status, remarks, reward_fen FROM appraisal a JOIN staff s ON s.id = a.staff_id
             WHERE s.name = '张师傅' AND a.month = '2026-10'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), remarks.as_str(), reward),
        ("final", "工具柜未上锁一次", -5000)
    );
    // the position description's 考核标准 are the items
    app.click_css("#tab-descriptions").await;
    app.click("desc-J").await;
    app.wait_text(&App::testid("desc-appraisal"), "维修整车数量（40 分）")
        .await;
    app.close().await;
}

/// 设备工具: the demo register with its shortfalls, an overdue calibration
/// and a loan overdue; a tool registered (without a name refused, nothing
/// saved), lent and given back, a calibration recorded; the register
/// printed with the shortfall list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn equipment_register_loans_and_calibration() {
    let today = day("2026-11-18");
    let h = Harness::start_on(today);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("shop.db");
    drop(demo::create_on(&data, today).unwrap());
    let app = h.launch(&data).await;
    // the desk's to-do: the torque wrench (past due), the tyre changer
    // (within 30 days) and the puller lent out and not back
    app.wait_text(&App::testid("todo-equipment"), "3").await;
    app.click("nav-staff").await;
    app.click_css("#tab-equipment").await;
    app.wait_text(&App::testid("equipment-summary"), "厂家必备短缺 2 项 2 件")
        .await;
    app.wait_text(&App::testid("equipment-summary"), "超期未还 1 件").await;
    app.wait_text(&App::testid("equipment-table"), "已过期").await;

    // a new tool: no name refused, nothing saved
    app.click_opening("equipment-new", &App::testid("eq-code")).await;
    app.fill("eq-code", "ZJ-09").await;
    app.fill("eq-qty", "1").await;
    app.fill("eq-required", "1").await;
    app.click("eq-save").await;
    app.wait_text(&App::testid("equipment-error"), "请填写名称").await;
    {
        let s = Store::open(&data).unwrap();
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM equipment WHERE code = 'ZJ-09'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
    app.fill("eq-name", "曲轴箱分离器").await;
    app.fill("eq-keeper", "李库管").await;
    app.click("eq-save").await;
    app.wait_text(".el-message--success", "已保存 ZJ-09 曲轴箱分离器").await;
    app.wait_text(&App::testid("equipment-table"), "曲轴箱分离器").await;

    // the puller comes back: nothing overdue on loan any more
    let row = app
        .texts("[data-testid=\"equipment-table\"] .el-table__body tr", 1)
        .await
        .iter()
        .position(|t| t.contains("飞轮拉马"))
        .expect("the puller is listed");
    app.click(&format!("eq-back-{row}")).await;
    app.wait_text(".el-message--success", "飞轮拉马 已归还").await;
    app.wait_text(&App::testid("equipment-summary"), "超期未还 0 件").await;
    // lent again to a technician for three days
    app.click_opening(&format!("eq-lend-{row}"), &App::testid("loan-borrower"))
        .await;
    app.fill("loan-borrower", "张师傅").await;
    // with login off and no one on shift, the 经办人 is asked for
    app.click("loan-save").await;
    app.wait_text(&App::testid("loan-error"), "请填写经办人").await;
    app.fill("loan-operator", "李库管").await;
    app.click("loan-save").await;
    app.wait_text(".el-message--success", "已借给 张师傅").await;
    // the puller's 借用记录: the outlet's loan back, 张师傅's out
    app.click_opening(&format!("eq-edit-{row}"), &App::testid("eq-loans"))
        .await;
    app.wait_text(&App::testid("eq-loans"), "李庄摩托维修点 李二").await;
    app.wait_text(&App::testid("eq-loans"), "2026-11-18").await;
    app.wait_text(&App::testid("eq-loans"), "未还").await;
    app.close_overlay().await;

    // the torque wrench calibrated today
    let row = app
        .texts("[data-testid=\"equipment-table\"] .el-table__body tr", 1)
        .await
        .iter()
        .position(|t| t.contains("扭力扳手"))
        .expect("the wrench is listed");
    app.click(&format!("eq-service-{row}")).await;
    app.click_css(".el-message-box__btns .el-button--primary").await;
    app.wait_text(".el-message--success", "下次保养校准 2027年11月18日")
        .await;

    app.click("equipment-print").await;
    app.wait_text(&App::testid("print-preview"), "厂家必备工具短缺清单")
        .await;
    app.wait_text(&App::testid("print-preview"), "气门弹簧压缩器").await;
    app.click("print-close").await;
    app.close().await;
}
