//! 客户与维修 — its sheets of the data-exchange workbook (数据交换工作簿): 投诉, 流失客户回访, 服务项目
//! and a repair order's items and steps, 建档费返厂, 维修单 and its parts, 回访, 无法回访,
//! 点检, and the shop's 回访点检规则 and 点检周期. Each is a [`RecordSheet`] — its columns,
//! the query that exports it, the function that imports one row — listed with
//! the others in `exchange::records::SHEETS`, which reads and writes them all
//! by the same rules.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::exchange::records::*;

pub const REPAIR_KINDS: Choices = &[
    ("maintenance", "保养"),
    ("first_service", "首保"),
    ("repair", "维修"),
    ("warranty", "三包"),
    ("onsite", "上门/派修"),
];
pub const REPAIR_STATUSES: Choices = &crate::customers::repair::STATUSES;
pub const FOLLOW_UP_REASONS: Choices = &[("sale", "购车回访"), ("repair", "维修回访"), ("other", "其他回访")];
pub const COMPLAINTS: Choices = &[
    ("", ""),
    ("attitude", "服务态度"),
    ("quality", "产品质量"),
    ("price", "价格"),
    ("waiting", "等候时间"),
    ("other", "其他"),
];

pub const COMPLAINT_SOURCES: Choices = &crate::customers::complaint::SOURCES;

pub const COMPLAINT_STEPS: Choices = &crate::customers::complaint::STEPS;

pub const COMPLAINT_CONFIRMATIONS: Choices = &crate::customers::complaint::CONFIRMATIONS;

/// 投诉登记: a row per step taken (a complaint without one has a row with
/// the step empty); the rows of one complaint repeat its columns. The
/// customer is found by the vehicle, else by name and phone; someone not
/// on file stays a name and a phone. A 回访发现 complaint is joined again
/// to the call that found it (same customer, day and category).
pub const COMPLAINTS_SHEET: RecordSheet = RecordSheet {
    name: "投诉登记",
    columns: &[
        ("投诉单号", 15),
        ("受理日期", 12),
        ("来源", 9),
        ("投诉人", 10),
        ("电话", 13),
        ("车架号", 20),
        ("类别", 10),
        ("投诉内容", 30),
        ("涉及员工", 10),
        ("负责人", 10),
        ("处理期限", 12),
        ("结案日期", 12),
        ("客户确认", 9),
        ("结案说明", 20),
        ("处理措施", 9),
        ("措施日期", 12),
        ("措施说明", 24),
        ("补偿金额", 10),
        ("经办人", 10),
    ],
    required: &[
        "投诉单号",
        "受理日期",
        "来源",
        "投诉人",
        "类别",
        "投诉内容",
        "负责人",
        "处理期限",
    ],
    key: Some("投诉单号"),
    line: Some((
        &["处理措施", "措施日期", "措施说明"],
        &[
            "受理日期",
            "来源",
            "投诉人",
            "电话",
            "车架号",
            "类别",
            "投诉内容",
            "涉及员工",
            "负责人",
            "处理期限",
            "结案日期",
            "客户确认",
            "结案说明",
        ],
    )),
    export_sql: || {
        format!(
            "SELECT k.complaint_no, k.received_on, {}, k.complainant, k.phone, coalesce(v.vin, ''), {}, k.content,
                coalesce(s.name, ''), k.owner, k.due_on, coalesce(k.closed_on, ''), {}, k.close_note,
                {}, coalesce(t.done_on, ''), coalesce(t.note, ''), {}, coalesce(t.operator, '')
             FROM complaint k LEFT JOIN vehicle v ON v.id = k.vehicle_id LEFT JOIN staff s ON s.id = k.staff_id
             LEFT JOIN complaint_step t ON t.complaint_id = k.id ORDER BY k.id, t.done_on, t.id",
            case("k.source", COMPLAINT_SOURCES),
            case("k.category", COMPLAINTS),
            case("coalesce(k.confirmation, '')", COMPLAINT_CONFIRMATIONS),
            case("coalesce(t.kind, '')", COMPLAINT_STEPS),
            opt_yuan("t.amount_fen"),
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "投诉登记";
        let no = l.text("投诉单号", 20, true);
        let received = l.date("受理日期", ctx.today, true);
        let source = l.choice("来源", COMPLAINT_SOURCES);
        let complainant = l.text("投诉人", 40, true);
        let phone = l.text("电话", 20, false);
        let category = match l.choice("类别", COMPLAINTS) {
            Some("") => {
                l.bad("类别", "请填写类别");
                None
            }
            c => c,
        };
        let content = l.text("投诉内容", 500, true);
        let owner = l.text("负责人", 20, true);
        let due = l.date("处理期限", chrono::NaiveDate::MAX, true);
        let closed = l.date("结案日期", ctx.today, false);
        let confirmation = if l.get("客户确认").is_empty() {
            None
        } else {
            l.choice("客户确认", COMPLAINT_CONFIRMATIONS)
        };
        if closed.is_some() != confirmation.is_some() {
            l.bad("客户确认", "结案日期与客户确认须同时填写");
        }
        let close_note = l.text("结案说明", 300, false);
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("处理期限", "处理期限", day(&due), "受理日期", day(&received));
        l.f.not_before("结案日期", "结案日期", day(&closed), "受理日期", day(&received));
        // the staff member involved, by name on the roster
        let staff_name = l.get("涉及员工");
        let staff: Option<i64> = if staff_name.is_empty() {
            None
        } else {
            let id = id_of(
                ctx.tx,
                "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
                &staff_name,
            )?;
            if id.is_none() {
                l.bad("涉及员工", format!("员工「{staff_name}」不在本店的人员名册中"));
            }
            id
        };
        let vehicle = if l.get("车架号").is_empty() {
            None
        } else {
            ctx.vehicle(l, "车架号")?
        };
        let customer: Option<i64> = match vehicle {
            Some((_, c)) => Some(c),
            None => ctx
                .tx
                .query_row(
                    "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 ORDER BY id LIMIT 1",
                    params![complainant, phone],
                    |r| r.get(0),
                )
                .optional()?,
        };
        // the step of this row, when it has one
        let kind = if l.get("处理措施").is_empty() {
            None
        } else {
            l.choice("处理措施", COMPLAINT_STEPS)
        };
        let step_on = l.date("措施日期", ctx.today, false);
        let step_note = l.text("措施说明", 300, false);
        let amount = l.fen("补偿金额", false);
        let operator = l.text("经办人", 20, false);
        match kind {
            Some(k) => {
                if step_on.is_none() && !l.f.has("措施日期") {
                    l.bad("措施日期", "有处理措施时须写措施日期");
                }
                if operator.is_empty() {
                    l.bad("经办人", "有处理措施时须写经办人");
                }
                match (k, amount) {
                    ("compensation", None) if !l.f.has("补偿金额") => l.bad("补偿金额", "补偿须写金额"),
                    (k, Some(_)) if k != "compensation" => l.bad("补偿金额", "只有补偿才填金额"),
                    _ => {}
                }
                l.f.not_before("措施日期", "措施日期", day(&step_on), "受理日期", day(&received));
            }
            None if step_on.is_some() || !step_note.is_empty() || amount.is_some() || !operator.is_empty() => {
                l.bad("处理措施", "有措施日期、说明、金额或经办人时须写处理措施")
            }
            None => {}
        }
        let (Some(received), Some(source), Some(category), Some(due), true) =
            (received, source, category, due, l.f.is_empty())
        else {
            return Ok(());
        };
        let follow_up: Option<i64> = match (source, customer) {
            ("follow_up", Some(c)) => ctx
                .tx
                .query_row(
                    "SELECT f.id FROM follow_up f WHERE f.customer_id = ?1 AND f.called_on = ?2 AND f.complaint = ?3
                       AND NOT EXISTS (SELECT 1 FROM complaint k WHERE k.follow_up_id = f.id)
                     ORDER BY f.id LIMIT 1",
                    params![c, received, category],
                    |r| r.get(0),
                )
                .optional()?,
            _ => None,
        };
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &no,
            "INSERT INTO complaint (complaint_no, received_on, source, follow_up_id, customer_id, complainant, phone,
                vehicle_id, category, content, staff_id, owner, due_on, closed_on, confirmation, close_note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                no,
                received,
                source,
                follow_up,
                customer,
                complainant,
                phone,
                vehicle.map(|v| v.0),
                category,
                content,
                staff,
                owner,
                due,
                closed,
                confirmation,
                close_note,
                stamp
            ],
        )?;
        if let Some(k) = kind {
            ctx.tx.execute(
                "INSERT INTO complaint_step (complaint_id, kind, done_on, note, amount_fen, operator)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, k, step_on, step_note, amount, operator],
            )?;
        }
        Ok(())
    },
};

pub const LOST_OUTCOMES: Choices = &crate::customers::lost::OUTCOMES;

/// 流失客户回访: a call-back to a customer not seen for months, with its
/// result (会再来, or the reason they were lost).
pub const LOST_CALLS: RecordSheet = RecordSheet {
    name: "流失客户回访",
    columns: &[
        ("客户", 10),
        ("手机", 13),
        ("车架号", 20),
        ("回访日期", 12),
        ("结果", 18),
        ("说明", 24),
        ("回访人", 10),
    ],
    required: &["客户", "回访日期", "结果", "回访人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT c.name, c.mobile, coalesce((SELECT vin FROM vehicle WHERE customer_id = c.id ORDER BY id LIMIT 1), ''),
                    l.recorded_on, {}, l.note, l.operator
             FROM customer_lost l JOIN customer c ON c.id = l.customer_id ORDER BY l.recorded_on, l.id",
            case("l.outcome", LOST_OUTCOMES)
        )
    },
    import: |ctx, l| {
        let name = l.text("客户", 40, true);
        let mobile = l.get("手机");
        let on = l.date("回访日期", ctx.today, true);
        let outcome = l.choice("结果", LOST_OUTCOMES);
        let note = l.text("说明", 200, false);
        let operator = l.text("回访人", 20, true);
        let customer = ctx.customer(l, &name, &mobile)?;
        if let (Some(c), Some(on), Some(outcome), true) = (customer, on, outcome, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO customer_lost (customer_id, recorded_on, outcome, note, operator, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![c, on, outcome, note, operator, ctx.stamp],
            )?;
        }
        Ok(())
    },
};

/// 服务项目: the shop's service items with their standard hours and price;
/// a row whose 项目编号 the shop holds replaces that item.
pub const SERVICE_ITEMS: RecordSheet = RecordSheet {
    name: "服务项目",
    columns: &[
        ("项目编号", 10),
        ("项目名称", 16),
        ("工时定额", 10),
        ("标准工时费", 10),
        ("在用", 6),
        ("备注", 24),
    ],
    required: &["项目编号", "项目名称", "工时定额", "标准工时费"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT code, name, hours, {}, {}, note FROM service_item ORDER BY code",
            yuan("price_fen"),
            case("CAST(active AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let active = if l.get("在用").is_empty() {
            Some("1")
        } else {
            l.choice("在用", YES_NO)
        };
        let Some(active) = active else {
            return Ok(());
        };
        let code = l.get("项目编号");
        let held = id_of(ctx.tx, "SELECT id FROM service_item WHERE code = ?1", &code)?;
        let input = crate::customers::service::ServiceItemInput {
            code,
            name: l.get("项目名称"),
            hours: l.get("工时定额"),
            price: l.get("标准工时费"),
            active: active == "1",
            note: l.get("备注"),
        };
        if let Err(e) = crate::customers::service::save_item_in(ctx.tx, held, &input) {
            input_problems(l, e, |f| match f {
                "code" => "项目编号",
                "name" => "项目名称",
                "hours" => "工时定额",
                "price" => "标准工时费",
                _ => "备注",
            });
        }
        Ok(())
    },
};

/// 维修项目: the items each repair order did, with the hours and price as
/// taken then.
pub const REPAIR_ITEMS: RecordSheet = RecordSheet {
    name: "维修项目",
    columns: &[("维修单号", 16), ("项目编号", 10), ("工时", 8), ("工时费", 10)],
    required: &["维修单号", "项目编号", "工时", "工时费"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT o.order_no, s.code, i.hours, {} FROM repair_order_item i
             JOIN repair_order o ON o.id = i.repair_order_id JOIN service_item s ON s.id = i.item_id
             ORDER BY o.order_no, s.code",
            yuan("i.price_fen")
        )
    },
    import: |ctx, l| {
        let no = l.get("维修单号");
        let order = id_of(ctx.tx, "SELECT id FROM repair_order WHERE order_no = ?1", &no)?;
        if order.is_none() {
            l.bad("维修单号", format!("没有维修单「{no}」"));
        }
        let code = l.get("项目编号");
        let item = id_of(ctx.tx, "SELECT id FROM service_item WHERE code = ?1", &code)?;
        if item.is_none() {
            l.bad("项目编号", format!("没有项目编号为「{code}」的服务项目"));
        }
        let hours = l.get("工时");
        if rust_decimal::Decimal::from_str(&hours).map_or(true, |d| d <= rust_decimal::Decimal::ZERO) {
            l.bad("工时", format!("工时「{hours}」应为大于 0 的小时数"));
        }
        let fen = l.fen("工时费", true);
        let (Some(order), Some(item), Some(fen), true) = (order, item, fen, l.f.is_empty()) else {
            return Ok(());
        };
        let n = ctx.tx.execute(
            "INSERT OR IGNORE INTO repair_order_item (repair_order_id, item_id, hours, price_fen) VALUES (?1, ?2, ?3, ?4)",
            params![order, item, hours, fen],
        )?;
        if n == 0 {
            l.bad("项目编号", format!("维修单 {no} 已有服务项目 {code}，内容与这一行不同"));
        }
        Ok(())
    },
};

pub const PROCESS_STEPS: Choices = &crate::customers::service::RECORDED_STEPS;

/// 作业步骤: 诊断, 报价 and 质检 ticked on repair orders.
pub const REPAIR_STEPS: RecordSheet = RecordSheet {
    name: "作业步骤",
    columns: &[("维修单号", 16), ("步骤", 8), ("时间", 18), ("经办人", 10)],
    required: &["维修单号", "步骤", "时间", "经办人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT o.order_no, {}, t.done_at, t.who FROM repair_order_step t
             JOIN repair_order o ON o.id = t.repair_order_id
             ORDER BY o.order_no, CASE t.step WHEN 'diagnosis' THEN 1 WHEN 'quote' THEN 2 ELSE 3 END",
            case("t.step", PROCESS_STEPS)
        )
    },
    import: |ctx, l| {
        let no = l.get("维修单号");
        let order = id_of(ctx.tx, "SELECT id FROM repair_order WHERE order_no = ?1", &no)?;
        if order.is_none() {
            l.bad("维修单号", format!("没有维修单「{no}」"));
        }
        let step = l.choice("步骤", PROCESS_STEPS);
        let at = l.datetime("时间", true, false);
        let who = l.text("经办人", 20, true);
        let (Some(order), Some(step), Some(at), true) = (order, step, at, l.f.is_empty()) else {
            return Ok(());
        };
        let received: String =
            ctx.tx
                .query_row("SELECT received_at FROM repair_order WHERE id = ?1", [order], |r| {
                    r.get(0)
                })?;
        if at < received {
            l.bad("时间", format!("{at} 早于维修单的进厂时间 {received}"));
            return Ok(());
        }
        let n = ctx.tx.execute(
            "INSERT OR IGNORE INTO repair_order_step (repair_order_id, step, done_at, who) VALUES (?1, ?2, ?3, ?4)",
            params![order, step, at, who],
        )?;
        if n == 0 {
            l.bad("步骤", format!("维修单 {no} 的这一步已登记，内容与这一行不同"));
        }
        Ok(())
    },
};

pub const FEE_BATCHES: RecordSheet = RecordSheet {
    name: "建档费返厂",
    columns: &[
        ("批次号", 14),
        ("返厂日期", 12),
        ("备注", 20),
        ("车架号", 20),
        ("客户", 10),
        ("建档费", 9),
    ],
    required: &["批次号", "返厂日期", "车架号"],
    key: Some("批次号"),
    line: Some((&["车架号"], &["返厂日期", "备注"])),
    export_sql: || {
        format!(
            "SELECT b.batch_no, b.returned_on, b.note, v.vin, c.name, {}
             FROM filing_fee_batch b JOIN vehicle v ON v.fee_batch_id = b.id JOIN customer c ON c.id = v.customer_id
             ORDER BY b.id, v.fee_registered_on, v.id",
            yuan("v.filing_fee_fen")
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "建档费返厂";
        let no = l.text("批次号", 30, true);
        let on = l.date("返厂日期", ctx.today, true);
        let note = l.text("备注", 200, false);
        let v = ctx.vehicle(l, "车架号")?;
        let (Some(on), Some((vehicle, _))) = (on, v) else {
            return Ok(());
        };
        let (registered, batch): (Option<String>, Option<i64>) = ctx.tx.query_row(
            "SELECT fee_registered_on, fee_batch_id FROM vehicle WHERE id = ?1",
            [vehicle],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match (registered, batch) {
            (None, _) => l.bad("车架号", "这辆车的建档费还没有登记，不能返厂"),
            (_, Some(_)) => l.bad("车架号", "这辆车的建档费已在另一批返厂"),
            (Some(reg), None) if reg > on => l.bad("返厂日期", format!("返厂日期早于建档费登记日期（{reg}）")),
            _ => {}
        }
        if !l.f.is_empty() {
            return Ok(());
        }
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &no,
            "INSERT INTO filing_fee_batch (batch_no, returned_on, note, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![no, on, note, stamp],
        )?;
        ctx.tx.execute(
            "UPDATE vehicle SET fee_batch_id = ?1 WHERE id = ?2",
            params![id, vehicle],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 维修单

pub const REPAIRS: RecordSheet = RecordSheet {
    name: "维修单",
    columns: &[
        ("维修单号", 16),
        ("车架号", 20),
        ("客户", 10),
        ("类型", 9),
        ("进厂时间", 16),
        ("承诺交车", 16),
        ("维修技师", 10),
        ("接待员", 10),
        ("里程", 8),
        ("地点", 14),
        ("故障描述", 24),
        ("维修内容", 24),
        ("工时费", 9),
        ("配件金额", 10),
        ("实收", 9),
        ("状态", 9),
        ("完工时间", 16),
        ("交车时间", 16),
    ],
    required: &["维修单号", "车架号", "类型", "进厂时间", "承诺交车", "故障描述", "状态"],
    key: Some("维修单号"),
    line: None,
    export_sql: || {
        format!(
            "SELECT o.order_no, v.vin, c.name, {}, o.received_at, o.promised_at, o.technician, o.receptionist,
                coalesce(CAST(o.mileage AS TEXT), ''), o.place, o.complaint, o.work_done, {},
                (SELECT {} FROM repair_part WHERE repair_order_id = o.id), {}, {},
                coalesce(o.done_at, ''), coalesce(o.delivered_at, '')
             FROM repair_order o JOIN vehicle v ON v.id = o.vehicle_id JOIN customer c ON c.id = o.customer_id
             ORDER BY o.received_at, o.id",
            case("o.kind", REPAIR_KINDS),
            yuan("o.labour_fen"),
            yuan("coalesce(sum(qty * price_fen), 0)"),
            yuan("o.received_fen"),
            case("o.status", REPAIR_STATUSES),
        )
    },
    import: |ctx, l| {
        let no = l.text("维修单号", 30, true);
        let v = ctx.vehicle(l, "车架号")?;
        let kind = l.choice("类型", REPAIR_KINDS);
        let received = l.datetime("进厂时间", true, false);
        let promised = l.datetime("承诺交车", true, true);
        let technician = l.text("维修技师", 20, false);
        let receptionist = l.text("接待员", 20, false);
        let mileage = l.count("里程", false);
        let place = l.text("地点", 100, false);
        let complaint = l.text("故障描述", 500, true);
        let work = l.text("维修内容", 500, false);
        let labour = l.fen("工时费", false).unwrap_or(0);
        let received_fen = l.fen("实收", false).unwrap_or(0);
        let status = l.choice("状态", REPAIR_STATUSES);
        let done = l.datetime("完工时间", false, false);
        let delivered = l.datetime("交车时间", false, false);
        if let (Some(r), Some(p)) = (&received, &promised) {
            if p < r {
                l.bad("承诺交车", "承诺交车时间早于进厂时间");
            }
        }
        match (status, &done, &delivered) {
            (Some("open"), None, None) | (Some("done"), Some(_), None) | (Some("delivered"), Some(_), Some(_)) => {}
            (Some(s), _, _) => l.bad(
                "状态",
                format!(
                    "状态「{}」与完工、交车时间不符（在修：都不填；完工待交车：只填完工时间；已交车：都填）",
                    crate::form::label_of(REPAIR_STATUSES, s)
                ),
            ),
            _ => {}
        }
        if matches!((&received, &done), (Some(r), Some(d)) if d < r) {
            l.bad("完工时间", "完工时间早于进厂时间");
        }
        if matches!((&done, &delivered), (Some(d), Some(x)) if x < d) {
            l.bad("交车时间", "交车时间早于完工时间");
        }
        let (Some((vehicle, customer)), true) = (v, l.f.is_empty()) else {
            return Ok(());
        };
        ctx.tx.execute(
            "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician,
                mileage, place, complaint, work_done, labour_fen, received_fen, status, done_at, delivered_at, created_at,
                receptionist)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                no, vehicle, customer, kind, received, promised, technician, mileage, place, complaint, work, labour,
                received_fen, status, done, delivered, ctx.stamp, receptionist
            ],
        )?;
        ctx.made.insert(("维修单", no), ctx.tx.last_insert_rowid());
        Ok(())
    },
};

pub const REPAIR_PARTS: RecordSheet = RecordSheet {
    name: "维修用料",
    columns: &[
        ("维修单号", 16),
        ("配件编号", 16),
        ("配件名称", 16),
        ("数量", 6),
        ("单价", 9),
        ("出入库编号", 10),
        ("三包", 6),
    ],
    required: &["维修单号", "配件编号", "数量", "单价", "出入库编号"],
    key: Some("维修单号"),
    line: Some((&["出入库编号"], &[])),
    export_sql: || {
        format!(
            "SELECT o.order_no, p.part_no, p.name, CAST(rp.qty AS TEXT), {}, CAST(rp.movement_id AS TEXT),
                {}
             FROM repair_part rp JOIN repair_order o ON o.id = rp.repair_order_id JOIN part p ON p.id = rp.part_id
             ORDER BY o.received_at, o.id, rp.id",
            yuan("rp.price_fen"),
            case("CAST(rp.covered AS TEXT)", YES_NO)
        )
    },
    import: |ctx, l| {
        let order = ctx.document(
            l,
            "维修单号",
            "维修单",
            "SELECT id FROM repair_order WHERE order_no = ?1",
            "维修单",
        )?;
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("数量");
        let price = l.fen("单价", true);
        // 三包: fitted under warranty, issued as 三包更换 and charged at nothing
        let covered = if l.get("三包").is_empty() {
            Some(false)
        } else {
            l.choice("三包", YES_NO).map(|c| c == "1")
        };
        if covered == Some(true) && price.is_some_and(|p| p != 0) {
            l.bad("单价", "三包配件不向用户收费，单价应为 0");
        }
        let (Some(order), Some(part), Some(qty), Some(price), Some(covered)) = (order, part, qty, price, covered)
        else {
            return Ok(());
        };
        // a 三包 order's covered part is a 三包更换; a 首保's materials are 维修领用
        let first_service: bool = ctx.tx.query_row(
            "SELECT kind = 'first_service' FROM repair_order WHERE id = ?1",
            [order],
            |r| r.get(0),
        )?;
        let kind: &[&str] = if covered && !first_service {
            &["warranty"]
        } else {
            &["repair"]
        };
        let Some(m) = ctx.movement(l, "出入库编号", part, kind, -qty)? else {
            return Ok(());
        };
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO repair_part (repair_order_id, part_id, qty, price_fen, movement_id, covered)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![order, part, qty, price, m, covered],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 回访、点检

pub const FOLLOW_UPS: RecordSheet = RecordSheet {
    name: "回访记录",
    columns: &[
        ("回访日期", 12),
        ("客户", 10),
        ("手机", 13),
        ("类型", 10),
        ("应回访日期", 12),
        ("有效", 6),
        ("满意度", 7),
        ("投诉类别", 10),
        ("记录", 30),
        ("回访人", 9),
        ("车架号", 20),
        ("维修单号", 16),
    ],
    required: &["回访日期", "客户", "类型", "有效", "回访人"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT f.called_on, c.name, c.mobile, {}, coalesce(f.due_on, ''), {},
                coalesce(CAST(f.satisfaction AS TEXT), ''), {}, f.note, f.operator,
                coalesce(v.vin, ''), coalesce(o.order_no, '')
             FROM follow_up f JOIN customer c ON c.id = f.customer_id LEFT JOIN vehicle v ON v.id = f.vehicle_id
             LEFT JOIN repair_order o ON o.id = f.repair_order_id ORDER BY f.called_on, f.id",
            case("f.reason", FOLLOW_UP_REASONS),
            case("CAST(f.effective AS TEXT)", YES_NO),
            case("f.complaint", COMPLAINTS),
        )
    },
    import: |ctx, l| {
        let called = l.date("回访日期", ctx.today, true);
        let reason = l.choice("类型", FOLLOW_UP_REASONS);
        let due = l.date("应回访日期", chrono::NaiveDate::MAX, false);
        let effective = l.choice("有效", YES_NO).map(|c| c == "1");
        let satisfaction = l.count("满意度", false);
        if matches!(satisfaction, Some(s) if !(1..=5).contains(&s)) {
            l.bad("满意度", "满意度应为 1–5");
        }
        if effective == Some(false) && satisfaction.is_some() {
            l.bad("满意度", "无效回访不记满意度");
        }
        let complaint = l.choice("投诉类别", COMPLAINTS);
        let note = l.text("记录", 500, false);
        let operator = l.text("回访人", 20, true);
        let name = l.text("客户", 40, true);
        let mobile = l.get("手机");
        // the vehicle, when named, tells whose call it was; otherwise the
        // customer by name and mobile
        let vehicle = if l.get("车架号").is_empty() {
            None
        } else {
            ctx.vehicle(l, "车架号")?
        };
        let customer: Option<i64> = match vehicle {
            Some((_, c)) => Some(c),
            None => ctx
                .tx
                .query_row(
                    "SELECT id FROM customer WHERE name = ?1 AND mobile = ?2 ORDER BY id LIMIT 1",
                    params![name, mobile],
                    |r| r.get(0),
                )
                .optional()?,
        };
        if customer.is_none() && l.get("车架号").is_empty() {
            l.bad(
                "客户",
                format!("客户 {name}（{mobile}）不在本店，也不在工作簿的「客户车辆」里"),
            );
        }
        let order = ctx.optional_order(l, "维修单号")?;
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO follow_up (customer_id, vehicle_id, repair_order_id, reason, due_on, called_on, effective,
                satisfaction, complaint, note, operator, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                customer,
                vehicle.map(|v| v.0),
                order,
                reason,
                due,
                called,
                effective,
                satisfaction,
                complaint,
                note,
                operator,
                ctx.stamp
            ],
        )?;
        Ok(())
    },
};

/// 无法回访客户: customers marked as not reachable, with the reason and
/// the day (indicator 14 leaves them out of its base).
pub const UNREACHABLE: RecordSheet = RecordSheet {
    name: "无法回访客户",
    columns: &[
        ("客户", 10),
        ("手机", 13),
        ("车架号", 20),
        ("原因", 10),
        ("说明", 20),
        ("记录日期", 12),
    ],
    required: &["客户", "原因", "记录日期"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT c.name, c.mobile, coalesce((SELECT vin FROM vehicle WHERE customer_id = c.id ORDER BY id LIMIT 1), ''),
                    {}, c.unreachable_note, c.unreachable_on
             FROM customer c WHERE c.unreachable_reason IS NOT NULL ORDER BY c.id",
            case("c.unreachable_reason", &crate::customers::follow_up::UNREACHABLE_REASONS)
        )
    },
    import: |ctx, l| {
        let name = l.text("客户", 40, true);
        let mobile = l.get("手机");
        let reason = l.choice("原因", &crate::customers::follow_up::UNREACHABLE_REASONS);
        let note = l.text("说明", 100, false);
        let on = l.date("记录日期", ctx.today, true);
        if reason == Some("other") && note.is_empty() {
            l.bad("说明", "原因为「其他」时请写明情况");
        }
        let customer = ctx.customer(l, &name, &mobile)?;
        if let (Some(c), Some(reason), Some(on), true) = (customer, reason, on, l.f.is_empty()) {
            let held: Option<String> =
                ctx.tx
                    .query_row("SELECT unreachable_reason FROM customer WHERE id = ?1", [c], |r| {
                        r.get(0)
                    })?;
            match held {
                Some(h) if h != reason => l.bad(
                    "原因",
                    format!(
                        "本店已将这位客户记为无法回访（{}）",
                        crate::customers::follow_up::unreachable_label(&h)
                    ),
                ),
                _ => {
                    ctx.tx.execute(
                        "UPDATE customer SET unreachable_reason = ?2, unreachable_on = ?3, unreachable_note = ?4
                         WHERE id = ?1",
                        params![c, reason, on, note],
                    )?;
                }
            }
        }
        Ok(())
    },
};

pub const INSPECTIONS: RecordSheet = RecordSheet {
    name: "点检记录",
    columns: &[
        ("点检日期", 12),
        ("车架号", 20),
        ("客户", 10),
        ("应点检日期", 12),
        ("里程", 8),
        ("点检技师", 10),
        ("点检结果", 30),
    ],
    required: &["点检日期", "车架号", "点检技师"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT i.inspected_on, v.vin, c.name, coalesce(i.due_on, ''), coalesce(CAST(i.mileage AS TEXT), ''),
                i.technician, i.findings
         FROM inspection i JOIN vehicle v ON v.id = i.vehicle_id JOIN customer c ON c.id = v.customer_id
         ORDER BY i.inspected_on, i.id"
            .into()
    },
    import: |ctx, l| {
        let on = l.date("点检日期", ctx.today, true);
        let v = ctx.vehicle(l, "车架号")?;
        let due = l.date("应点检日期", chrono::NaiveDate::MAX, false);
        let mileage = l.count("里程", false);
        let technician = l.text("点检技师", 20, true);
        let findings = l.text("点检结果", 500, false);
        let (Some((vehicle, _)), true) = (v, l.f.is_empty()) else {
            return Ok(());
        };
        if let Some(d) = &due {
            let dup: i64 = ctx.tx.query_row(
                "SELECT count(*) FROM inspection WHERE vehicle_id = ?1 AND due_on = ?2",
                params![vehicle, d],
                |r| r.get(0),
            )?;
            if dup > 0 {
                l.bad("应点检日期", format!("这辆车应于 {d} 的点检已经记录过"));
                return Ok(());
            }
        }
        ctx.tx.execute(
            "INSERT INTO inspection (vehicle_id, due_on, inspected_on, mileage, technician, findings, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![vehicle, due, on, mileage, technician, findings, ctx.stamp],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 三包

/// 回访与点检规则: one row (none while the shop keeps the defaults).
pub const SERVICE_RULES: RecordSheet = RecordSheet {
    name: "回访点检规则",
    columns: &[
        ("购车回访天数", 12),
        ("维修回访天数", 12),
        ("首次点检（月）", 12),
        ("点检间隔（月）", 12),
        ("点检期限（月）", 12),
        ("保养承诺（分钟）", 14),
        ("维修承诺（分钟）", 14),
        ("三包承诺（分钟）", 14),
        ("上门承诺（分钟）", 14),
        ("流失客户（月）", 12),
    ],
    required: &[
        "购车回访天数",
        "维修回访天数",
        "首次点检（月）",
        "点检间隔（月）",
        "点检期限（月）",
    ],
    key: None,
    line: None,
    export_sql: || {
        "SELECT follow_up_sale_days, follow_up_repair_days, CAST(inspection_first_months AS TEXT),
                CAST(inspection_interval_months AS TEXT), CAST(inspection_span_months AS TEXT),
                CAST(wait_maintenance_minutes AS TEXT), CAST(wait_repair_minutes AS TEXT),
                CAST(wait_warranty_minutes AS TEXT), CAST(wait_onsite_minutes AS TEXT), CAST(lost_after_months AS TEXT)
         FROM service_rules"
            .into()
    },
    import: |ctx, l| {
        let defaults =
            crate::customers::rules::ServiceRulesInput::from(&crate::customers::rules::ServiceRules::default());
        let or = |v: String, d: &str| if v.is_empty() { d.to_string() } else { v };
        let input = crate::customers::rules::ServiceRulesInput {
            follow_up_sale_days: l.get("购车回访天数"),
            follow_up_repair_days: l.get("维修回访天数"),
            inspection_first_months: l.get("首次点检（月）"),
            inspection_interval_months: l.get("点检间隔（月）"),
            inspection_span_months: l.get("点检期限（月）"),
            wait_maintenance_minutes: or(l.get("保养承诺（分钟）"), &defaults.wait_maintenance_minutes),
            wait_repair_minutes: or(l.get("维修承诺（分钟）"), &defaults.wait_repair_minutes),
            wait_warranty_minutes: or(l.get("三包承诺（分钟）"), &defaults.wait_warranty_minutes),
            wait_onsite_minutes: or(l.get("上门承诺（分钟）"), &defaults.wait_onsite_minutes),
            lost_after_months: or(l.get("流失客户（月）"), &defaults.lost_after_months),
        };
        // the sheet's inspection rule becomes the one schedule; the 点检周期
        // sheet, read next, brings the schedules' history when it has one
        match crate::customers::rules::save_in(ctx.tx, &input) {
            Ok(r) => crate::customers::rules::set_schedule(ctx.tx, &r, None)?,
            Err(e) => input_problems(l, e, |f| match f {
                "followUpSaleDays" => "购车回访天数",
                "followUpRepairDays" => "维修回访天数",
                "inspectionFirstMonths" => "首次点检（月）",
                "inspectionIntervalMonths" => "点检间隔（月）",
                "inspectionSpanMonths" => "点检期限（月）",
                "waitMaintenanceMinutes" => "保养承诺（分钟）",
                "waitRepairMinutes" => "维修承诺（分钟）",
                "waitWarrantyMinutes" => "三包承诺（分钟）",
                "lostAfterMonths" => "流失客户（月）",
                _ => "上门承诺（分钟）",
            }),
        }
        Ok(())
    },
};

pub const INSPECTION_SCHEDULES: RecordSheet = RecordSheet {
    name: "点检周期",
    columns: &[
        ("适用售车日期起", 14),
        ("首次点检（月）", 12),
        ("点检间隔（月）", 12),
        ("点检期限（月）", 12),
    ],
    required: &["适用售车日期起", "首次点检（月）", "点检间隔（月）", "点检期限（月）"],
    key: Some("适用售车日期起"),
    line: None,
    export_sql: || {
        "SELECT from_date, CAST(first_months AS TEXT), CAST(interval_months AS TEXT), CAST(span_months AS TEXT)
         FROM inspection_schedule ORDER BY from_date"
            .into()
    },
    import: |ctx, l| {
        let from = l.get("适用售车日期起");
        // the first schedule's day is before any sale (0001-01-01)
        if from != "0001-01-01" {
            l.date("适用售车日期起", chrono::NaiveDate::MAX, true);
        }
        let mut n = |h: &str, lo: i64, hi: i64| -> u32 {
            match l.get(h).parse::<i64>() {
                Ok(v) if (lo..=hi).contains(&v) => v as u32,
                _ => {
                    l.bad(h, format!("{h}应为 {lo} 到 {hi} 之间的整数"));
                    0
                }
            }
        };
        let first = n("首次点检（月）", 1, 24);
        let interval = n("点检间隔（月）", 1, 24);
        let span = n("点检期限（月）", 1, 120);
        if l.f.is_empty() && span < first {
            l.bad("点检期限（月）", "点检期限不能短于首次点检的月数");
        }
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO inspection_schedule (from_date, first_months, interval_months, span_months, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (from_date) DO UPDATE SET first_months = ?2, interval_months = ?3, span_months = ?4",
            params![from, first, interval, span, ctx.stamp],
        )?;
        Ok(())
    },
};
