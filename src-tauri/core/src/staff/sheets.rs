//! 人员 — its sheets of the data-exchange workbook (数据交换工作簿): 培训, 服务规范 and 礼仪检查,
//! 考核项目 and 绩效考核, 设备工具 and their loans, 5S items, checks and findings, 岗位说明书.
//! Each is a [`RecordSheet`] — its columns, the query that exports it, the
//! function that imports one row — listed with the others in
//! `exchange::records::SHEETS`, which reads and writes them all by the same
//! rules.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::error::AppResult;
use crate::exchange::records::*;
use crate::money::Money;

pub const FIVE_S_AREAS: Choices = &[("reception", "接待区"), ("workshop", "维修车间"), ("store", "配件库房")];

pub const TRAINING_SUBJECTS: Choices = &crate::staff::training::SUBJECTS;

/// 培训记录: a row per attendee; the rows of one training repeat its
/// columns. An attendee of the shop is found on the roster by name; an
/// outlet's person names the outlet (网点).
pub const TRAININGS: RecordSheet = RecordSheet {
    name: "培训记录",
    columns: &[
        ("计划日期", 12),
        ("举办日期", 12),
        ("类别", 10),
        ("主题", 24),
        ("讲师", 10),
        ("学时", 6),
        ("地点", 12),
        ("备注", 20),
        ("参训人", 10),
        ("网点", 20),
        ("成绩", 6),
        ("证书", 12),
        ("证书有效期至", 14),
    ],
    required: &["计划日期", "类别", "主题", "讲师", "学时", "参训人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT t.planned_on, coalesce(t.held_on, ''), {}, t.title, t.trainer,
                CASE WHEN t.hours_tenths % 10 = 0 THEN CAST(t.hours_tenths / 10 AS TEXT)
                     ELSE printf('%d.%d', t.hours_tenths / 10, t.hours_tenths % 10) END,
                t.place, t.note, coalesce(s.name, a.name), coalesce(d.name, ''),
                coalesce(CAST(a.score AS TEXT), ''), a.certificate, coalesce(a.certificate_expires_on, '')
             FROM training t JOIN training_attendee a ON a.training_id = t.id
             LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN dealer d ON d.id = a.dealer_id
             ORDER BY t.planned_on, t.id, a.id",
            case("t.subject", TRAINING_SUBJECTS)
        )
    },
    import: |ctx, l| {
        let planned = l.date("计划日期", chrono::NaiveDate::MAX, true);
        let held = l.date("举办日期", ctx.today, false);
        let subject = l.choice("类别", TRAINING_SUBJECTS);
        let title = l.text("主题", 60, true);
        let trainer = l.text("讲师", 20, true);
        let hours = crate::staff::training::parse_hours(&l.get("学时"))
            .map_err(|m| l.bad("学时", m))
            .ok();
        let place = l.text("地点", 40, false);
        let note = l.text("备注", 300, false);
        let name = l.text("参训人", 20, true);
        let outlet = if l.get("网点").is_empty() {
            None
        } else {
            ctx.dealer(l, "网点")?
        };
        let staff: Option<i64> = if outlet.is_none() && l.get("网点").is_empty() && !name.is_empty() {
            let id = id_of(
                ctx.tx,
                "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
                &name,
            )?;
            if id.is_none() {
                l.bad("参训人", format!("「{name}」不在本店的人员名册中（网点人员请填网点）"));
            }
            id
        } else {
            None
        };
        let score = l.count("成绩", false);
        if matches!(score, Some(n) if n > 100) {
            l.bad("成绩", "成绩应为 0–100");
        }
        let certificate = l.text("证书", 30, false);
        let expires = l.date("证书有效期至", chrono::NaiveDate::MAX, false);
        if expires.is_some() && certificate.is_empty() {
            l.bad("证书", "填了证书有效期，请写证书名称");
        }
        if held.is_none() && (score.is_some() || !certificate.is_empty()) {
            l.bad("举办日期", "培训还没有举办（举办日期为空），不能有成绩或证书");
        }
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("证书有效期至", "证书有效期", day(&expires), "举办日期", day(&held));
        let (Some(planned), Some(subject), Some(hours), true) = (planned, subject, hours, l.f.is_empty()) else {
            return Ok(());
        };
        let key = format!(
            "{planned}|{}|{subject}|{title}|{trainer}|{hours}|{place}|{note}",
            held.clone().unwrap_or_default()
        );
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            "培训记录",
            &key,
            "INSERT INTO training (planned_on, held_on, subject, title, trainer, hours_tenths, place, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![planned, held, subject, title, trainer, hours, place, note, stamp],
        )?;
        ctx.tx.execute(
            "INSERT INTO training_attendee (training_id, staff_id, dealer_id, name, score, certificate,
                certificate_expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, staff, outlet, name, score, certificate, expires],
        )?;
        Ok(())
    },
};

pub const STANDARD_KINDS: Choices = &crate::staff::standards::KINDS;

/// 服务规范: the service principles and standards as the shop keeps them.
/// A new shop starts with the source text's fourteen; a row of a kind and
/// name the shop holds replaces its wording, post, measure and order.
pub const SERVICE_STANDARDS: RecordSheet = RecordSheet {
    name: "服务规范",
    columns: &[
        ("类型", 10),
        ("顺序", 6),
        ("名称", 12),
        ("内容", 40),
        ("负责岗位", 9),
        ("衡量方法", 30),
        ("在用", 6),
    ],
    required: &["类型", "名称", "内容"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT {}, CAST(seq AS TEXT), title, content, owner_post, measure, {}
             FROM service_standard ORDER BY kind = 'standard', seq, id",
            case("kind", STANDARD_KINDS),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let kind = l.choice("类型", STANDARD_KINDS);
        let seq = l.count("顺序", false);
        let title = l.text("名称", 20, true);
        let content = l.text("内容", 300, true);
        let owner = l.get("负责岗位").to_uppercase();
        if !owner.is_empty() && crate::staff::posts::find(&owner).is_none() {
            l.bad("负责岗位", format!("没有岗位「{owner}」"));
        }
        let measure = l.text("衡量方法", 100, false);
        let active = if l.get("在用").is_empty() {
            Some("1")
        } else {
            l.choice("在用", YES_NO)
        };
        let (Some(kind), Some(active), true) = (kind, active, l.f.is_empty()) else {
            return Ok(());
        };
        let held: Option<i64> = ctx
            .tx
            .query_row(
                "SELECT id FROM service_standard WHERE kind = ?1 AND title = ?2",
                params![kind, title],
                |r| r.get(0),
            )
            .optional()?;
        let seq: i64 = match (seq, held) {
            (Some(n), _) => n,
            (None, Some(id)) => ctx
                .tx
                .query_row("SELECT seq FROM service_standard WHERE id = ?1", [id], |r| r.get(0))?,
            (None, None) => ctx.tx.query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM service_standard WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )?,
        };
        match held {
            Some(id) => ctx.tx.execute(
                "UPDATE service_standard SET seq = ?2, content = ?3, owner_post = ?4, measure = ?5, active = ?6
                 WHERE id = ?1",
                params![id, seq, content, owner, measure, active == "1"],
            )?,
            None => ctx.tx.execute(
                "INSERT INTO service_standard (kind, seq, title, content, owner_post, measure, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![kind, seq, title, content, owner, measure, active == "1"],
            )?,
        };
        Ok(())
    },
};

pub const CHECK_METHODS: Choices = &crate::staff::standards::METHODS;

/// 礼仪检查: a row per standard judged; the rows of one check repeat its
/// columns. The person is found on the roster by name, the standard in the
/// register by its name.
pub const ETIQUETTE_CHECKS: RecordSheet = RecordSheet {
    name: "礼仪检查",
    columns: &[
        ("检查日期", 12),
        ("被检查人", 10),
        ("检查人", 10),
        ("方式", 10),
        ("备注", 20),
        ("标准", 12),
        ("达标", 6),
        ("说明", 20),
    ],
    required: &["检查日期", "被检查人", "检查人", "方式", "标准", "达标"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT c.checked_on, s.name, c.checker, {}, c.note, t.title, {}, i.note
             FROM etiquette_check c JOIN staff s ON s.id = c.staff_id
             JOIN etiquette_check_item i ON i.check_id = c.id JOIN service_standard t ON t.id = i.standard_id
             ORDER BY c.checked_on, c.id, t.seq, t.id",
            case("c.method", CHECK_METHODS),
            case("CAST(i.met AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let on = l.date("检查日期", ctx.today, true);
        let person = l.get("被检查人");
        let staff = id_of(
            ctx.tx,
            "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
            &person,
        )?;
        if staff.is_none() {
            l.bad("被检查人", format!("「{person}」不在本店的人员名册中"));
        }
        let checker = l.text("检查人", 20, true);
        let method = l.choice("方式", CHECK_METHODS);
        let note = l.text("备注", 300, false);
        let title = l.get("标准");
        let standard = id_of(
            ctx.tx,
            "SELECT id FROM service_standard WHERE kind = 'standard' AND title = ?1",
            &title,
        )?;
        if standard.is_none() {
            l.bad(
                "标准",
                format!("服务规范里没有标准「{title}」（也不在工作簿的「服务规范」里）"),
            );
        }
        let met = l.choice("达标", YES_NO);
        let item_note = l.text("说明", 100, false);
        let (Some(on), Some(staff), Some(method), Some(standard), Some(met), true) =
            (on, staff, method, standard, met, l.f.is_empty())
        else {
            return Ok(());
        };
        let key = format!("{on}|{staff}|{checker}|{method}|{note}");
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            "礼仪检查",
            &key,
            "INSERT INTO etiquette_check (checked_on, staff_id, checker, method, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![on, staff, checker, method, note, stamp],
        )?;
        ctx.tx.execute(
            "INSERT INTO etiquette_check_item (check_id, standard_id, met, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, standard, met == "1", item_note],
        )?;
        Ok(())
    },
};

pub const APPRAISAL_MEASURES: Choices = &crate::staff::appraisal::MEASURES;

pub const APPRAISAL_STATUSES: Choices = &crate::staff::appraisal::STATUSES;

/// 考核项目: each duty's appraisal items. A new shop starts with the
/// examples of migration 37; a row of a duty and name the shop holds
/// replaces its weight, measure, target and standard.
pub const APPRAISAL_ITEMS: RecordSheet = RecordSheet {
    name: "考核项目",
    columns: &[
        ("岗位职责", 8),
        ("顺序", 6),
        ("考核项目", 20),
        ("权重", 6),
        ("计量方法", 22),
        ("目标", 8),
        ("评分标准", 40),
        ("在用", 6),
    ],
    required: &["岗位职责", "考核项目", "权重", "计量方法"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT duty, CAST(seq AS TEXT), name, CAST(weight AS TEXT), {}, coalesce(target, ''), standard, {}
             FROM appraisal_item ORDER BY duty, seq, id",
            case("measure", APPRAISAL_MEASURES),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let active = if l.get("在用").is_empty() {
            Some("1")
        } else {
            l.choice("在用", YES_NO)
        };
        let measure = l.choice("计量方法", APPRAISAL_MEASURES);
        let (Some(active), Some(measure)) = (active, measure) else {
            return Ok(());
        };
        let duty = l.get("岗位职责").to_uppercase();
        let name = l.get("考核项目");
        let held = ctx
            .tx
            .query_row(
                "SELECT id FROM appraisal_item WHERE duty = ?1 AND name = ?2",
                params![duty, name],
                |r| r.get(0),
            )
            .optional()?;
        let input = crate::staff::appraisal::AppraisalItemInput {
            duty,
            name,
            weight: l.get("权重"),
            measure: measure.into(),
            target: l.get("目标"),
            standard: l.get("评分标准"),
            active: active == "1",
        };
        match crate::staff::appraisal::save_item_in(ctx.tx, held, &input) {
            Ok(id) => {
                if let Some(seq) = l.count("顺序", false) {
                    ctx.tx
                        .execute("UPDATE appraisal_item SET seq = ?2 WHERE id = ?1", params![id, seq])?;
                }
            }
            Err(e) => input_problems(l, e, |f| match f {
                "duty" => "岗位职责",
                "weight" => "权重",
                "measure" => "计量方法",
                "target" => "目标",
                "standard" => "评分标准",
                _ => "考核项目",
            }),
        }
        Ok(())
    },
};

/// 绩效考核: a row per line of a sheet, the sheet's columns repeated on
/// each. Imported as made: the figures and scores are the sheet's, not
/// measured again; a final sheet is final again once all its lines are in.
pub const APPRAISALS: RecordSheet = RecordSheet {
    name: "绩效考核",
    columns: &[
        ("月份", 9),
        ("姓名", 10),
        ("岗位", 8),
        ("状态", 8),
        ("奖惩金额", 10),
        ("考核意见", 24),
        ("制作人", 10),
        ("制作时间", 18),
        ("定稿人", 10),
        ("定稿时间", 18),
        ("序号", 6),
        ("职责", 6),
        ("考核项目", 20),
        ("权重", 6),
        ("计量方法", 20),
        ("目标", 24),
        ("本月实际", 10),
        ("实际说明", 16),
        ("按记录计分", 10),
        ("得分", 6),
        ("说明", 20),
    ],
    required: &[
        "月份",
        "姓名",
        "岗位",
        "状态",
        "制作人",
        "制作时间",
        "序号",
        "职责",
        "考核项目",
        "权重",
        "计量方法",
        "按记录计分",
    ],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT a.month, s.name, a.posts, {}, {}, a.remarks, a.made_by, a.made_at, coalesce(a.finalised_by, ''),
                coalesce(a.finalised_at, ''), CAST(l.seq AS TEXT), l.duty, l.name, CAST(l.weight AS TEXT), {},
                l.target_text, coalesce(l.actual, ''), l.actual_text, {}, coalesce(l.score, ''), l.note
             FROM appraisal a JOIN staff s ON s.id = a.staff_id JOIN appraisal_line l ON l.appraisal_id = a.id
             ORDER BY a.month, a.id, l.seq",
            case("a.status", APPRAISAL_STATUSES),
            signed_yuan("a.reward_fen"),
            case("l.measure", APPRAISAL_MEASURES),
            case("CAST(l.auto AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let month = match crate::dates::Month::parse(&l.get("月份")) {
            Ok(m) => Some(m.iso()),
            Err(_) => {
                l.bad("月份", format!("月份「{}」应为 2026-11 这样的年月", l.get("月份")));
                None
            }
        };
        let person = l.get("姓名");
        let staff = id_of(
            ctx.tx,
            "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
            &person,
        )?;
        if staff.is_none() {
            l.bad("姓名", format!("「{person}」不在本店的人员名册中"));
        }
        let posts = l.get("岗位").to_uppercase();
        if posts.is_empty() || posts.split(',').any(|p| crate::staff::posts::find(p).is_none()) {
            l.bad("岗位", format!("岗位「{posts}」不认识（如 K 或 B,I）"));
        }
        let status = l.choice("状态", APPRAISAL_STATUSES);
        let reward = match l.get("奖惩金额") {
            v if v.is_empty() => Some(Money::ZERO),
            v => match Money::from_str(&v) {
                Ok(m) => Some(m),
                Err(e) => {
                    l.bad("奖惩金额", format!("奖惩金额：{}", e.0));
                    None
                }
            },
        };
        let remarks = l.text("考核意见", 500, false);
        let made_by = l.text("制作人", 20, true);
        let made_at = l.text("制作时间", 20, true);
        let final_by = l.text("定稿人", 20, false);
        let final_at = l.text("定稿时间", 20, false);
        if status == Some("final") && (final_by.is_empty() || final_at.is_empty()) {
            l.bad("定稿时间", "已定稿的考核表须有定稿人和定稿时间");
        }
        let seq = l.positive("序号");
        let duty = l.get("职责").to_uppercase();
        if !matches!(duty.as_str(), "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J") {
            l.bad("职责", format!("职责「{duty}」应为 A–J"));
        }
        let name = l.text("考核项目", 30, true);
        let weight = l.positive("权重").filter(|w| *w <= 200);
        let measure = l.choice("计量方法", APPRAISAL_MEASURES);
        let target = l.text("目标", 200, false);
        let actual = l.get("本月实际");
        if !actual.is_empty() && rust_decimal::Decimal::from_str(&actual).is_err() {
            l.bad("本月实际", format!("本月实际「{actual}」应为数字"));
        }
        let actual_text = l.text("实际说明", 50, false);
        let auto = l.choice("按记录计分", YES_NO);
        let score = l.get("得分");
        match (rust_decimal::Decimal::from_str(&score), weight) {
            _ if score.is_empty() => {
                if auto == Some("1") || status == Some("final") {
                    l.bad("得分", "按记录计分的项目和已定稿的考核表须有得分");
                }
            }
            (Ok(v), Some(w)) if v >= rust_decimal::Decimal::ZERO && v <= rust_decimal::Decimal::from(w) => {}
            _ => l.bad("得分", format!("得分「{score}」应在 0 到权重之间")),
        }
        let note = l.text("说明", 200, false);
        let (
            Some(month),
            Some(staff),
            Some(status),
            Some(reward),
            Some(seq),
            Some(weight),
            Some(measure),
            Some(auto),
            true,
        ) = (month, staff, status, reward, seq, weight, measure, auto, l.f.is_empty())
        else {
            return Ok(());
        };
        let key = format!("{staff}|{month}");
        if !ctx.made.contains_key(&("绩效考核", key.clone())) {
            let held = ctx.tx.query_row(
                "SELECT 1 FROM appraisal WHERE staff_id = ?1 AND month = ?2",
                params![staff, month],
                |_| Ok(()),
            );
            if held.optional()?.is_some() {
                l.bad("月份", format!("本店已有 {person} {month} 的考核表"));
                return Ok(());
            }
        }
        // a draft first: its lines go in, then it is final (finish_appraisals)
        let id = ctx.header(
            "绩效考核",
            &key,
            "INSERT INTO appraisal (staff_id, month, posts, reward_fen, remarks, made_at, made_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![staff, month, posts, reward, remarks, made_at, made_by],
        )?;
        ctx.tx.execute(
            "INSERT INTO appraisal_line (appraisal_id, seq, duty, name, weight, measure, target_text, actual, actual_text,
                auto, score, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, ''), ?9, ?10, nullif(?11, ''), ?12)",
            params![id, seq, duty, name, weight, measure, target, actual, actual_text, auto == "1", score, note],
        )?;
        if status == "final" {
            ctx.finals.insert(id, (final_at, final_by));
        }
        Ok(())
    },
};

/// The imported sheets that were final, final again now that all their
/// lines are in.
pub fn finish_appraisals(ctx: &Ctx) -> AppResult<()> {
    for (id, (at, by)) in &ctx.finals {
        ctx.tx.execute(
            "UPDATE appraisal SET status = 'final', finalised_at = ?2, finalised_by = ?3 WHERE id = ?1",
            params![id, at, by],
        )?;
    }
    Ok(())
}

pub const EQUIPMENT_KINDS: Choices = &crate::staff::equipment::KINDS;

pub const EQUIPMENT_STATES: Choices = &crate::staff::equipment::STATES;

/// 设备工具: the register, and the factory's required list (厂家必备数量)
/// with it — a shop imports the list as rows with 在用数量 0. A row whose
/// 编号 the shop holds replaces that item.
pub const EQUIPMENT: RecordSheet = RecordSheet {
    name: "设备工具",
    columns: &[
        ("编号", 10),
        ("名称", 20),
        ("型号规格", 16),
        ("类别", 8),
        ("在用数量", 8),
        ("厂家必备数量", 10),
        ("存放位置", 12),
        ("购置日期", 12),
        ("购置金额", 10),
        ("责任人", 10),
        ("状态", 8),
        ("保养校准周期（月）", 10),
        ("上次保养校准", 12),
        ("报废日期", 12),
        ("报废原因", 20),
        ("备注", 20),
    ],
    required: &["编号", "名称", "类别", "在用数量"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT code, name, model, {}, CAST(qty AS TEXT), CAST(required_qty AS TEXT), location,
                coalesce(bought_on, ''), {}, keeper, {}, coalesce(CAST(service_months AS TEXT), ''),
                coalesce(last_serviced_on, ''), coalesce(scrapped_on, ''), scrap_reason, note
             FROM equipment ORDER BY code",
            case("kind", EQUIPMENT_KINDS),
            opt_yuan("value_fen"),
            case("state", EQUIPMENT_STATES)
        )
    },
    import: |ctx, l| {
        let state = if l.get("状态").is_empty() {
            Some("good")
        } else {
            l.choice("状态", EQUIPMENT_STATES)
        };
        let Some(state) = state else {
            return Ok(());
        };
        let scrapped_on = if state == "scrapped" {
            l.date("报废日期", ctx.today, true)
        } else {
            None
        };
        let reason = l.text("报废原因", 200, state == "scrapped");
        if !l.f.is_empty() {
            return Ok(());
        }
        let code = l.get("编号");
        let held: Option<i64> = ctx
            .tx
            .query_row("SELECT id FROM equipment WHERE code = ?1", [&code], |r| r.get(0))
            .optional()?;
        let input = crate::staff::equipment::EquipmentInput {
            code,
            name: l.get("名称"),
            model: l.get("型号规格"),
            kind: l.get("类别"),
            qty: l.get("在用数量"),
            required_qty: l.get("厂家必备数量"),
            location: l.get("存放位置"),
            bought_on: l.get("购置日期"),
            value: l.get("购置金额"),
            keeper: l.get("责任人"),
            state: if state == "repair" {
                "repair".into()
            } else {
                "good".into()
            },
            service_months: l.get("保养校准周期（月）"),
            last_serviced_on: l.get("上次保养校准"),
            note: l.get("备注"),
        };
        match crate::staff::equipment::save_in(ctx.tx, held, &input, ctx.today) {
            Ok(id) => {
                if state == "scrapped" {
                    ctx.tx.execute(
                        "UPDATE equipment SET state = 'scrapped', scrapped_on = ?2, scrap_reason = ?3 WHERE id = ?1",
                        params![id, scrapped_on, reason],
                    )?;
                }
            }
            Err(e) => input_problems(l, e, |f| match f {
                "code" => "编号",
                "name" => "名称",
                "model" => "型号规格",
                "kind" => "类别",
                "qty" => "在用数量",
                "requiredQty" => "厂家必备数量",
                "location" => "存放位置",
                "boughtOn" => "购置日期",
                "value" => "购置金额",
                "keeper" => "责任人",
                "serviceMonths" => "保养校准周期（月）",
                "lastServicedOn" => "上次保养校准",
                "state" => "状态",
                _ => "备注",
            }),
        }
        Ok(())
    },
};

/// 设备借用: the loans, out and back; the item by its 编号 (the shop's or
/// the 设备工具 sheet's).
pub const EQUIPMENT_LOANS: RecordSheet = RecordSheet {
    name: "设备借用",
    columns: &[
        ("编号", 10),
        ("借出日期", 12),
        ("借用人", 16),
        ("应还日期", 12),
        ("归还日期", 12),
        ("经办人", 10),
        ("备注", 20),
    ],
    required: &["编号", "借出日期", "借用人", "应还日期", "经办人"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT e.code, l.lent_on, l.borrower, l.due_on, coalesce(l.returned_on, ''), l.operator, l.note
         FROM equipment_loan l JOIN equipment e ON e.id = l.equipment_id ORDER BY l.lent_on, l.id"
            .into()
    },
    import: |ctx, l| {
        let code = l.get("编号");
        let item = id_of(ctx.tx, "SELECT id FROM equipment WHERE code = ?1", &code)?;
        if item.is_none() {
            l.bad(
                "编号",
                format!("没有编号为「{code}」的设备工具（也不在工作簿的「设备工具」里）"),
            );
        }
        let lent = l.date("借出日期", ctx.today, true);
        let borrower = l.text("借用人", 30, true);
        let due = match crate::dates::parse_date("应还日期", &l.get("应还日期")) {
            Ok(d) => Some(d.to_string()),
            Err(_) => {
                l.bad("应还日期", format!("应还日期「{}」不是有效日期", l.get("应还日期")));
                None
            }
        };
        let back = l.date("归还日期", ctx.today, false);
        let operator = l.text("经办人", 20, true);
        let note = l.text("备注", 200, false);
        if matches!((&lent, &due), (Some(a), Some(b)) if b < a) {
            l.bad("应还日期", "应还日期早于借出日期");
        }
        if matches!((&lent, &back), (Some(a), Some(b)) if b < a) {
            l.bad("归还日期", "归还日期早于借出日期");
        }
        let (Some(item), Some(lent), Some(due), true) = (item, lent, due, l.f.is_empty()) else {
            return Ok(());
        };
        if back.is_none() {
            let open = ctx
                .tx
                .query_row(
                    "SELECT 1 FROM equipment_loan WHERE equipment_id = ?1 AND returned_on IS NULL",
                    [item],
                    |_| Ok(()),
                )
                .optional()?;
            if open.is_some() {
                l.bad("归还日期", format!("「{code}」已有一笔借出未还，同一件只能有一笔未还"));
                return Ok(());
            }
        }
        ctx.tx.execute(
            "INSERT INTO equipment_loan (equipment_id, lent_on, borrower, due_on, returned_on, operator, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![item, lent, borrower, due, back, operator, note],
        )?;
        Ok(())
    },
};

pub const FIVE_S_ITEMS: RecordSheet = RecordSheet {
    name: "5S检查表",
    columns: &[
        ("项目编号", 8),
        ("区域", 10),
        ("5S", 6),
        ("检查内容", 44),
        ("满分", 6),
        ("排序", 6),
        ("启用", 6),
    ],
    required: &["项目编号", "区域", "5S", "检查内容", "满分"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT CAST(id AS TEXT), {}, s, text, CAST(max_score AS TEXT), CAST(sort AS TEXT), {}
             FROM five_s_item ORDER BY id",
            case("area", FIVE_S_AREAS),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    // the checklist is the shop's setting: the workbook's item of the same
    // 项目编号 replaces the shop's (scores keep their own copy of the text)
    import: |ctx, l| {
        let id = l.positive("项目编号");
        let area = l.choice("区域", FIVE_S_AREAS);
        // the fifth S is stored as 素养; the text's 纪律 and the shown
        // 素养（纪律） are read as it
        let s = match l.get("5S").as_str() {
            "纪律" | "素养（纪律）" | "素养(纪律)" => "素养".to_string(),
            other => other.to_string(),
        };
        if !["整理", "整顿", "清扫", "清洁", "素养"].contains(&s.as_str()) {
            l.bad("5S", format!("5S「{s}」应为 整理、整顿、清扫、清洁 或 素养（纪律）"));
        }
        let text = l.text("检查内容", 200, true);
        let max = l.positive("满分");
        if matches!(max, Some(m) if m > 10) {
            l.bad("满分", "满分应为 1–10");
        }
        let sort = l.count("排序", false).or(id).unwrap_or(0);
        let active = match l.get("启用").as_str() {
            "" => true,
            _ => l.choice("启用", YES_NO) == Some("1"),
        };
        if l.f.is_empty() {
            ctx.tx.execute(
                "INSERT INTO five_s_item (id, area, s, text, max_score, sort, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET area = excluded.area, s = excluded.s, text = excluded.text,
                    max_score = excluded.max_score, sort = excluded.sort, active = excluded.active",
                params![id, area, s, text, max, sort, active],
            )?;
        }
        Ok(())
    },
};

pub const FIVE_S: RecordSheet = RecordSheet {
    name: "5S检查",
    columns: &[
        ("月份", 9),
        ("检查日期", 12),
        ("检查人", 10),
        ("区域", 10),
        ("5S", 6),
        ("检查内容", 44),
        ("满分", 6),
        ("得分", 6),
        ("项目编号", 8),
        ("检查备注", 20),
    ],
    required: &[
        "月份",
        "检查日期",
        "检查人",
        "区域",
        "5S",
        "检查内容",
        "满分",
        "得分",
        "项目编号",
    ],
    key: Some("月份"),
    line: Some((&["项目编号"], &["检查日期", "检查人", "检查备注"])),
    export_sql: || {
        format!(
            "SELECT i.month, i.inspected_on, i.inspector, {}, sc.s, sc.text, CAST(sc.max_score AS TEXT),
                CAST(sc.score AS TEXT), CAST(sc.item_id AS TEXT), i.note
             FROM five_s_score sc JOIN five_s_inspection i ON i.id = sc.inspection_id
             ORDER BY i.month, CASE sc.area WHEN 'reception' THEN 0 WHEN 'workshop' THEN 1 ELSE 2 END, sc.item_id",
            case("sc.area", FIVE_S_AREAS)
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "5S检查";
        let month = l.get("月份");
        let on = l.date("检查日期", ctx.today, true);
        if matches!(&on, Some(d) if !d.starts_with(&month)) {
            l.bad("月份", format!("检查日期不在月份 {month} 内"));
        }
        let inspector = l.text("检查人", 20, true);
        let note = l.text("检查备注", 500, false);
        let area = l.choice("区域", FIVE_S_AREAS);
        let s = l.text("5S", 4, true);
        let text = l.text("检查内容", 200, true);
        let max = l.positive("满分");
        let score = l.count("得分", true);
        if matches!((max, score), (Some(m), Some(s)) if s > m) {
            l.bad("得分", "得分不能超过满分");
        }
        let item = l.positive("项目编号");
        if let Some(i) = item {
            let known: i64 = ctx
                .tx
                .query_row("SELECT count(*) FROM five_s_item WHERE id = ?1", [i], |r| r.get(0))?;
            if known == 0 {
                l.bad("项目编号", format!("项目编号 {i} 不在 5S 检查表中"));
            }
        }
        if !l.f.is_empty() {
            return Ok(());
        }
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &month,
                    "INSERT INTO five_s_inspection (month, inspected_on, inspector, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![month, on, inspector, note, stamp],
                )?;
        ctx.tx.execute(
            "INSERT INTO five_s_score (inspection_id, item_id, area, s, text, max_score, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, item, area, s, text, max, score],
        )?;
        Ok(())
    },
};

pub const FIVE_S_FINDINGS: RecordSheet = RecordSheet {
    name: "5S问题",
    columns: &[
        ("月份", 9),
        ("区域", 10),
        ("问题", 36),
        ("责任人", 10),
        ("整改期限", 12),
        ("完成日期", 12),
    ],
    required: &["月份", "区域", "问题", "责任人", "整改期限"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT i.month, {}, f.text, f.responsible, f.due_on, coalesce(f.closed_on, '')
             FROM five_s_finding f JOIN five_s_inspection i ON i.id = f.inspection_id ORDER BY i.month, f.id",
            case("f.area", FIVE_S_AREAS)
        )
    },
    import: |ctx, l| {
        let inspection = ctx.document(
            l,
            "月份",
            "5S检查",
            "SELECT id FROM five_s_inspection WHERE month = ?1",
            "5S检查月份",
        )?;
        let area = l.choice("区域", FIVE_S_AREAS);
        let text = l.text("问题", 200, true);
        let who = l.text("责任人", 20, true);
        let due = l.date("整改期限", chrono::NaiveDate::MAX, true);
        let closed = l.date("完成日期", ctx.today, false);
        if let (Some(i), true) = (inspection, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO five_s_finding (inspection_id, area, text, responsible, due_on, closed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![i, area, text, who, due, closed],
            )?;
        }
        Ok(())
    },
};

// ---------------------------------------------------------------- the shop's rules and texts

/// 岗位说明书 as the shop edited them (a post keeping the text's own
/// description has no row).
pub const DESCRIPTIONS: RecordSheet = RecordSheet {
    name: "岗位说明书",
    columns: &[
        ("岗位", 6),
        ("上级岗位", 12),
        ("下级岗位", 12),
        ("岗位职责", 40),
        ("指标及目标", 30),
        ("岗位权限", 30),
        ("任职条件", 30),
    ],
    required: &["岗位", "岗位职责"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT post_code, superior, subordinates, duties, targets, authority, requirements
         FROM position_description ORDER BY post_code"
            .into()
    },
    import: |ctx, l| {
        let code = l.get("岗位");
        let input = crate::staff::descriptions::DescriptionInput {
            superior: l.get("上级岗位"),
            subordinates: l.get("下级岗位"),
            duties: l.get("岗位职责"),
            targets: l.get("指标及目标"),
            authority: l.get("岗位权限"),
            requirements: l.get("任职条件"),
        };
        if let Err(e) = crate::staff::descriptions::save_in(ctx.tx, &code, &input) {
            input_problems(l, e, |f| match f {
                "superior" => "上级岗位",
                "subordinates" => "下级岗位",
                "duties" => "岗位职责",
                "targets" => "指标及目标",
                "authority" => "岗位权限",
                "requirements" => "任职条件",
                _ => "岗位",
            });
        }
        Ok(())
    },
};
