//! 三包 — its sheets of the data-exchange workbook (数据交换工作簿): 旧件返厂, 三包索赔 with its
//! parts and history, 三包政策. Each is a [`RecordSheet`] — its columns, the query
//! that exports it, the function that imports one row — listed with the others
//! in `exchange::records::SHEETS`, which reads and writes them all by the same
//! rules.

use chrono::NaiveDate;
use rusqlite::params;

use crate::exchange::records::*;

pub const CLAIM_STATUSES: Choices = &crate::warranty::claim::STATUSES;
pub const CLAIM_TYPES: Choices = &crate::warranty::claim::CLAIM_TYPES;
pub const CLAIM_OUTCOMES: Choices = &crate::warranty::claim::OUTCOMES;

pub const OLD_PART_BATCHES: RecordSheet = RecordSheet {
    name: "旧件返厂",
    columns: &[("批次号", 14), ("发出日期", 12), ("工厂签收日期", 12), ("备注", 20)],
    required: &["批次号", "发出日期"],
    key: Some("批次号"),
    line: None,
    export_sql: || {
        "SELECT batch_no, shipped_on, coalesce(received_on, ''), note FROM old_part_batch ORDER BY id".into()
    },
    import: |ctx, l| {
        let no = l.text("批次号", 30, true);
        let shipped = l.date("发出日期", ctx.today, true);
        let received = l.date("工厂签收日期", ctx.today, false);
        let note = l.text("备注", 200, false);
        if matches!((&shipped, &received), (Some(s), Some(r)) if r < s) {
            l.bad("工厂签收日期", "工厂签收日期早于发出日期");
        }
        if l.f.is_empty() {
            ctx.tx.execute(
                "INSERT INTO old_part_batch (batch_no, shipped_on, received_on, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![no, shipped, received, note, ctx.stamp],
            )?;
            ctx.made.insert(("旧件返厂", no), ctx.tx.last_insert_rowid());
        }
        Ok(())
    },
};

pub const CLAIMS: RecordSheet = RecordSheet {
    name: "三包索赔",
    columns: &[
        ("索赔单号", 16),
        ("车架号", 20),
        ("客户", 10),
        ("发票日期", 12),
        ("报修日期", 12),
        ("里程", 8),
        ("故障描述", 24),
        ("故障类别", 10),
        ("主损件编号", 16),
        ("主损件", 14),
        ("鉴定员", 8),
        ("鉴定结果", 20),
        ("鉴定说明", 20),
        ("工时", 6),
        ("工时费", 9),
        ("配件金额", 10),
        ("维修日期", 12),
        ("状态", 8),
        ("提交日期", 12),
        ("批准/拒赔日期", 13),
        ("处理说明", 20),
        ("结算金额", 10),
        ("结算日期", 12),
        ("范围检查", 20),
        ("超范围理由", 16),
        ("维修单号", 16),
        ("维修技师", 10),
        ("结算配件", 10),
        ("结算工时", 10),
        ("类型", 6),
        ("处理结果", 8),
        ("包换包退日期", 12),
        ("包换包退内容", 16),
        ("包换包退说明", 20),
        ("退款金额", 10),
        ("报修网点", 16),
    ],
    required: &["索赔单号", "车架号", "发票日期", "报修日期", "里程", "故障描述", "状态"],
    key: Some("索赔单号"),
    line: None,
    export_sql: || {
        format!(
            "SELECT w.claim_no, v.vin, c.name, w.invoice_date, w.reported_on, CAST(w.mileage AS TEXT), w.fault,
                w.fault_category, coalesce(p.part_no, ''), coalesce(p.name, ''), w.appraiser, w.appraisal_result, w.appraisal_note, w.labour_hours,
                {}, (SELECT {} FROM warranty_claim_line WHERE claim_id = w.id), coalesce(w.repaired_on, ''), {},
                coalesce(w.submitted_on, ''), coalesce(w.decided_on, ''), w.decision_note, {},
                coalesce(w.settled_on, ''), w.coverage_issues, w.override_reason,
                coalesce((SELECT order_no FROM repair_order WHERE id = w.repair_order_id), ''), w.technician, {}, {},
                {}, {}, coalesce(w.outcome_on, ''), w.outcome_item, w.outcome_note, {},
                coalesce((SELECT name FROM dealer WHERE id = w.dealer_id), '')
             FROM warranty_claim w JOIN vehicle v ON v.id = w.vehicle_id JOIN customer c ON c.id = w.customer_id
             LEFT JOIN part p ON p.id = w.main_part_id ORDER BY w.reported_on, w.id",
            yuan("w.labour_fen"),
            yuan("coalesce(sum(value_fen), 0)"),
            case("w.status", CLAIM_STATUSES),
            opt_yuan("w.settled_fen"),
            opt_yuan("w.settled_parts_fen"),
            opt_yuan("w.settled_labour_fen"),
            case("w.claim_type", CLAIM_TYPES),
            case("w.outcome", CLAIM_OUTCOMES),
            opt_yuan("w.refund_fen"),
        )
    },
    import: |ctx, l| {
        let no = l.text("索赔单号", 30, true);
        let v = ctx.vehicle(l, "车架号")?;
        let invoice = l.date("发票日期", ctx.today, true);
        let reported = l.date("报修日期", ctx.today, true);
        let mileage = l.count("里程", true);
        let fault = l.text("故障描述", 500, true);
        let category = l.text("故障类别", 40, false);
        // 类型: 三包 (empty) or 首保; a 首保 has no failed part
        let claim_type = if l.get("类型").is_empty() {
            Some("warranty")
        } else {
            l.choice("类型", CLAIM_TYPES)
        };
        let first_service = claim_type == Some("first_service");
        let main = if first_service {
            if !l.get("主损件编号").is_empty() {
                l.bad("主损件编号", "首保索赔没有主损件");
            }
            None
        } else if l.get("主损件编号").is_empty() {
            l.bad("主损件编号", "三包索赔须有主损件编号");
            None
        } else {
            ctx.part(l, "主损件编号")?
        };
        let outcome = if l.get("处理结果").is_empty() {
            Some("repair")
        } else {
            l.choice("处理结果", CLAIM_OUTCOMES)
        };
        let outcome_on = l.date("包换包退日期", ctx.today, false);
        let outcome_item = l.text("包换包退内容", 100, false);
        let outcome_note = l.text("包换包退说明", 500, false);
        let refund = l.fen("退款金额", false);
        match outcome {
            Some("exchange" | "refund") if first_service => l.bad("处理结果", "首保索赔没有包换、包退"),
            Some("exchange" | "refund") if outcome_on.is_none() || outcome_item.is_empty() => {
                l.bad("包换包退日期", "包换、包退须有日期和内容")
            }
            Some("repair") if outcome_on.is_some() || !outcome_item.is_empty() => {
                l.bad("处理结果", "有包换包退日期或内容时，处理结果应为包换或包退")
            }
            _ => {}
        }
        if refund.is_some() && outcome != Some("refund") {
            l.bad("退款金额", "只有包退才有退款金额");
        }
        let appraiser = l.text("鉴定员", 20, false);
        let result = l.text("鉴定结果", 200, false);
        let appraisal_note = l.text("鉴定说明", 500, false);
        let hours = match l.get("工时") {
            h if h.is_empty() => "0".to_string(),
            h => match h.parse::<rust_decimal::Decimal>() {
                Ok(d) if !d.is_sign_negative() => h,
                _ => {
                    l.bad("工时", format!("工时「{h}」应为不小于 0 的数"));
                    h
                }
            },
        };
        let labour = l.fen("工时费", false).unwrap_or(0);
        let repaired = l.date("维修日期", ctx.today, false);
        let status = l.choice("状态", CLAIM_STATUSES);
        let submitted = l.date("提交日期", ctx.today, false);
        let decided = l.date("批准/拒赔日期", ctx.today, false);
        let decision_note = l.text("处理说明", 500, false);
        let settled = l.fen("结算金额", false);
        let settled_on = l.date("结算日期", ctx.today, false);
        let coverage = l.text("范围检查", 500, false);
        let override_reason = l.text("超范围理由", 500, false);
        let order = ctx.optional_order(l, "维修单号")?;
        if let Some(o) = order {
            let (order_vehicle, taken): (i64, Option<String>) = ctx.tx.query_row(
                "SELECT vehicle_id, (SELECT claim_no FROM warranty_claim WHERE repair_order_id = ?1)
                 FROM repair_order WHERE id = ?1",
                [o],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if let Some(t) = taken {
                l.bad("维修单号", format!("维修单 {} 已有索赔单 {t}", l.get("维修单号")));
            } else if v.is_some_and(|(vehicle, _)| vehicle != order_vehicle) {
                l.bad("维修单号", format!("维修单 {} 是另一辆车的", l.get("维修单号")));
            }
        }
        let technician = l.text("维修技师", 20, false);
        // 报修网点: an outlet's claim (never one of the shop's orders)
        let dealer = if l.get("报修网点").is_empty() {
            None
        } else {
            ctx.dealer(l, "报修网点")?
        };
        if dealer.is_some() && order.is_some() {
            l.bad("报修网点", "网点报修的索赔没有本店的维修单");
        }
        let settled_parts = l.fen("结算配件", false);
        let settled_labour = l.fen("结算工时", false);
        if (settled_parts.is_some() || settled_labour.is_some())
            && settled.is_some()
            && settled_parts.unwrap_or(0) + settled_labour.unwrap_or(0) != settled.unwrap_or(0)
        {
            l.bad("结算配件", "结算配件与结算工时之和应等于结算金额");
        }
        let day = |d: &Option<String>| d.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        l.f.not_before("报修日期", "报修日期", day(&reported), "发票日期", day(&invoice));
        l.f.not_before("提交日期", "提交日期", day(&submitted), "报修日期", day(&reported));
        l.f.not_before(
            "批准/拒赔日期",
            "批准/拒赔日期",
            day(&decided),
            "提交日期",
            day(&submitted),
        );
        l.f.not_before("结算日期", "结算日期", day(&settled_on), "批准/拒赔日期", day(&decided));
        match status {
            Some("settled") if settled_on.is_none() || settled.is_none() => {
                l.bad("结算日期", "已结算的索赔须有结算金额和结算日期")
            }
            Some(s) if s != "settled" && settled_on.is_some() => l.bad("结算日期", "只有已结算的索赔才有结算日期"),
            Some("draft") if submitted.is_some() => l.bad("提交日期", "录入中的索赔还没有提交日期"),
            Some("submitted" | "approved" | "rejected" | "returned" | "settled") if submitted.is_none() => {
                l.bad("提交日期", "已提交过的索赔须有提交日期")
            }
            Some("approved" | "rejected" | "settled") if decided.is_none() => {
                l.bad("批准/拒赔日期", "已批准、拒赔或结算的索赔须有批准/拒赔日期")
            }
            _ => {}
        }
        let (Some((vehicle, customer)), true) = (v, l.f.is_empty()) else {
            return Ok(());
        };
        ctx.tx.execute(
            "INSERT INTO warranty_claim (claim_no, vehicle_id, customer_id, invoice_date, mileage, reported_on, fault,
                fault_category, main_part_id, appraiser, appraisal_result, appraisal_note, labour_hours, labour_fen,
                coverage_issues, override_reason, status, repaired_on, submitted_on, decided_on, decision_note,
                settled_fen, settled_on, created_at, repair_order_id, technician, settled_parts_fen, settled_labour_fen,
                claim_type,
                outcome, outcome_on, outcome_item, outcome_note, refund_fen, dealer_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
                ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)",
            params![
                no,
                vehicle,
                customer,
                invoice,
                mileage,
                reported,
                fault,
                category,
                main,
                appraiser,
                result,
                appraisal_note,
                hours,
                labour,
                coverage,
                override_reason,
                status,
                repaired,
                submitted,
                decided,
                decision_note,
                settled,
                settled_on,
                ctx.stamp,
                order,
                technician,
                settled_parts,
                settled_labour,
                claim_type,
                outcome,
                outcome_on,
                outcome_item,
                outcome_note,
                refund,
                dealer
            ],
        )?;
        ctx.made.insert(("三包索赔", no), ctx.tx.last_insert_rowid());
        Ok(())
    },
};

pub const CLAIM_LINES: RecordSheet = RecordSheet {
    name: "三包用件",
    columns: &[
        ("索赔单号", 16),
        ("配件编号", 16),
        ("名称", 16),
        ("数量", 6),
        ("出入库编号", 10),
        ("账面金额", 10),
        ("更换日期", 12),
        ("返厂批次", 14),
        ("发出日期", 12),
        ("工厂签收", 12),
    ],
    required: &["索赔单号", "配件编号", "数量"],
    key: Some("索赔单号"),
    line: Some((&["配件编号"], &[])),
    export_sql: || {
        format!(
            "SELECT w.claim_no, p.part_no, p.name, CAST(l.qty AS TEXT), coalesce(CAST(l.movement_id AS TEXT), ''),
                {}, CASE WHEN l.movement_id IS NULL THEN '' ELSE coalesce(w.repaired_on, '') END,
                coalesce(b.batch_no, ''), coalesce(b.shipped_on, ''), coalesce(b.received_on, '')
             FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id JOIN part p ON p.id = l.part_id
             LEFT JOIN old_part_batch b ON b.id = l.old_batch_id ORDER BY w.reported_on, w.id, l.id",
            opt_yuan("l.value_fen")
        )
    },
    import: |ctx, l| {
        let claim = ctx.document(
            l,
            "索赔单号",
            "三包索赔",
            "SELECT id FROM warranty_claim WHERE claim_no = ?1",
            "索赔单",
        )?;
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("数量");
        let (Some(claim), Some(part), Some(qty)) = (claim, part, qty) else {
            return Ok(());
        };
        let (movement, value) = if l.get("出入库编号").is_empty() {
            (None, None)
        } else {
            let first_service: bool = ctx.tx.query_row(
                "SELECT claim_type = 'first_service' FROM warranty_claim WHERE id = ?1",
                [claim],
                |r| r.get(0),
            )?;
            let kinds: &[&str] = if first_service { &["repair"] } else { &["warranty"] };
            match ctx.movement_of(l, "出入库编号", part, kinds, -qty, Some(claim))? {
                Some(m) => {
                    let v: i64 = ctx
                        .tx
                        .query_row("SELECT -value_fen FROM stock_movement WHERE id = ?1", [m], |r| r.get(0))?;
                    (Some(m), Some(v))
                }
                None => return Ok(()),
            }
        };
        let batch = if l.get("返厂批次").is_empty() {
            None
        } else {
            if movement.is_none() {
                l.bad("返厂批次", "没有出库（出入库编号）的配件不能返厂");
                return Ok(());
            }
            ctx.document(
                l,
                "返厂批次",
                "旧件返厂",
                "SELECT id FROM old_part_batch WHERE batch_no = ?1",
                "旧件返厂批次",
            )?
        };
        if !l.f.is_empty() {
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO warranty_claim_line (claim_id, part_id, qty, movement_id, value_fen, old_batch_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![claim, part, qty, movement, value, batch],
        )?;
        Ok(())
    },
};

pub const CLAIM_EVENTS: RecordSheet = RecordSheet {
    name: "三包记录",
    columns: &[
        ("索赔单号", 16),
        ("时间", 16),
        ("经办人", 10),
        ("动作", 10),
        ("原状态", 9),
        ("新状态", 9),
        ("说明", 30),
    ],
    required: &["索赔单号", "时间", "经办人", "动作"],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "SELECT w.claim_no, e.at, e.who, e.action, {}, {}, e.note
             FROM warranty_claim_event e JOIN warranty_claim w ON w.id = e.claim_id ORDER BY e.id",
            case("coalesce(e.from_status, '')", CLAIM_STATUSES),
            case("coalesce(e.to_status, '')", CLAIM_STATUSES),
        )
    },
    import: |ctx, l| {
        let claim = ctx.document(
            l,
            "索赔单号",
            "三包索赔",
            "SELECT id FROM warranty_claim WHERE claim_no = ?1",
            "索赔单",
        )?;
        let at = l.text("时间", 20, true);
        if !at.is_empty() && crate::dates::parse_date("时间", &at).is_err() {
            l.bad("时间", format!("时间「{at}」无效，应写成 2026-11-26 14:30 这样的形式"));
        }
        let who = l.text("经办人", 20, true);
        let action = l.text("动作", 20, true);
        let status = |l: &mut Line, h: &str| -> Option<String> {
            if l.get(h).is_empty() {
                None
            } else {
                l.choice(h, CLAIM_STATUSES).map(str::to_string)
            }
        };
        let from = status(l, "原状态");
        let to = status(l, "新状态");
        let note = l.text("说明", 500, false);
        if let (Some(claim), true) = (claim, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO warranty_claim_event (claim_id, at, who, action, from_status, to_status, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![claim, at, who, action, from, to, note],
            )?;
        }
        Ok(())
    },
};

// ---------------------------------------------------------------- 盘点

/// 三包政策: a row per policy the shop has had, by 生效日期 (none while it
/// keeps the built-in example); the periods by part category one per line
/// in a cell: `发动机 24 30000`.
pub const WARRANTY_POLICY: RecordSheet = RecordSheet {
    name: "三包政策",
    columns: &[
        ("整车三包期（月）", 14),
        ("整车三包里程（公里）", 16),
        ("按配件类别（类别 月 公里，每行一类）", 30),
        ("易损件", 40),
        ("首保期（月）", 12),
        ("首保里程（公里）", 14),
        ("生效日期", 12),
    ],
    required: &["整车三包期（月）", "整车三包里程（公里）"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT CAST(months AS TEXT), CAST(km AS TEXT), categories, wear_parts, CAST(first_service_months AS TEXT),
                CAST(first_service_km AS TEXT), CASE effective_from WHEN '0001-01-01' THEN '' ELSE effective_from END
         FROM warranty_policy_version ORDER BY effective_from"
            .into()
    },
    import: |ctx, l| {
        let input = crate::warranty::policy::PolicyInput {
            months: l.get("整车三包期（月）"),
            km: l.get("整车三包里程（公里）"),
            categories: l.get("按配件类别（类别 月 公里，每行一类）"),
            wear_parts: l.get("易损件"),
            first_service_months: l.get("首保期（月）"),
            first_service_km: l.get("首保里程（公里）"),
            effective_from: l.get("生效日期"),
        };
        if let Err(e) = crate::warranty::policy::import_in(ctx.tx, &input) {
            input_problems(l, e, |f| match f {
                "months" => "整车三包期（月）",
                "km" => "整车三包里程（公里）",
                "categories" => "按配件类别（类别 月 公里，每行一类）",
                "firstServiceMonths" => "首保期（月）",
                "firstServiceKm" => "首保里程（公里）",
                "effectiveFrom" => "生效日期",
                _ => "易损件",
            });
        }
        Ok(())
    },
};
