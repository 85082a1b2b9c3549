//! 厂家文件 — its sheets of the data-exchange workbook (数据交换工作簿): 厂家文件, who read
//! them, and the vehicles of a 服务活动/召回. Each is a [`RecordSheet`] — its
//! columns, the query that exports it, the function that imports one row —
//! listed with the others in `exchange::records::SHEETS`, which reads and
//! writes them all by the same rules.

use rusqlite::{params, OptionalExtension};

use crate::error::AppResult;
use crate::exchange::records::*;

pub const DOCUMENT_KINDS: Choices = &crate::documents::KINDS;

/// 工厂文件: the factory's documents; a 服务活动/召回's vehicles in
/// 涉及范围 (「车型」, 「起～止」 or 「车型 起～止」, joined by 「；」).
pub const FACTORY_DOCUMENTS: RecordSheet = RecordSheet {
    name: "工厂文件",
    columns: &[
        ("文号", 16),
        ("类别", 12),
        ("标题", 30),
        ("收文日期", 12),
        ("内容摘要", 40),
        ("要求措施", 30),
        ("落实期限", 12),
        ("落实日期", 12),
        ("落实情况", 30),
        ("涉及范围", 40),
    ],
    required: &["文号", "类别", "标题", "收文日期"],
    key: Some("文号"),
    line: None,
    export_sql: || {
        format!(
            "SELECT d.doc_no, {}, d.title, d.received_on, d.content, d.action, coalesce(d.due_on, ''),
                coalesce(d.done_on, ''), d.done_note,
                coalesce((SELECT group_concat(p, '；') FROM (SELECT CASE WHEN s.vin_from = '' THEN s.model
                    WHEN s.model = '' THEN s.vin_from || '～' || s.vin_to
                    ELSE s.model || ' ' || s.vin_from || '～' || s.vin_to END AS p
                    FROM campaign_scope s WHERE s.document_id = d.id ORDER BY s.id)), '')
             FROM factory_document d ORDER BY d.received_on, d.id",
            case("d.kind", DOCUMENT_KINDS)
        )
    },
    import: |ctx, l| {
        let done = l.date("落实日期", ctx.today, false);
        let note = l.text("落实情况", 500, done.is_some());
        if !l.f.is_empty() {
            return Ok(());
        }
        let input = crate::documents::FactoryDocumentInput {
            kind: l.get("类别"),
            doc_no: l.get("文号"),
            title: l.get("标题"),
            received_on: l.get("收文日期"),
            content: l.get("内容摘要"),
            action: l.get("要求措施"),
            due_on: l.get("落实期限"),
            readers: Vec::new(),
            scope: crate::documents::parse_scope(&l.get("涉及范围")),
        };
        match crate::documents::save_in(ctx.tx, None, &input, ctx.today) {
            Ok(id) => {
                if let Some(done) = done {
                    if done < input.received_on {
                        l.bad("落实日期", "落实日期早于收文日期");
                        return Ok(());
                    }
                    ctx.tx.execute(
                        "UPDATE factory_document SET done_on = ?2, done_note = ?3 WHERE id = ?1",
                        params![id, done, note],
                    )?;
                }
            }
            Err(e) => input_problems(l, e, |f| match f {
                "kind" => "类别",
                "docNo" => "文号",
                "title" => "标题",
                "receivedOn" => "收文日期",
                "content" => "内容摘要",
                "action" => "要求措施",
                "dueOn" => "落实期限",
                "scope" => "涉及范围",
                _ => "文号",
            }),
        }
        Ok(())
    },
};

fn document_id(ctx: &Ctx, l: &mut Line) -> AppResult<Option<(i64, String)>> {
    let no = l.get("文号");
    let doc: Option<(i64, String)> = ctx
        .tx
        .query_row(
            "SELECT id, received_on FROM factory_document WHERE doc_no = ?1",
            [&no],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if doc.is_none() {
        l.bad(
            "文号",
            format!("没有文号为「{no}」的工厂文件（也不在工作簿的「工厂文件」里）"),
        );
    }
    Ok(doc)
}

/// 文件传达: who must read each document, and when each confirmed.
pub const DOCUMENT_READERS: RecordSheet = RecordSheet {
    name: "文件传达",
    columns: &[("文号", 16), ("姓名", 10), ("确认日期", 12), ("确认人", 14)],
    required: &["文号", "姓名"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT d.doc_no, s.name, coalesce(r.confirmed_on, ''), r.confirmed_by
         FROM factory_document_reader r JOIN factory_document d ON d.id = r.document_id
         JOIN staff s ON s.id = r.staff_id ORDER BY d.received_on, d.id, s.id"
            .into()
    },
    import: |ctx, l| {
        let doc = document_id(ctx, l)?;
        let name = l.get("姓名");
        let staff = id_of(
            ctx.tx,
            "SELECT id FROM staff WHERE name = ?1 ORDER BY id LIMIT 1",
            &name,
        )?;
        if staff.is_none() {
            l.bad("姓名", format!("「{name}」不在本店的人员名册中"));
        }
        let on = l.date("确认日期", ctx.today, false);
        let by = l.text("确认人", 20, on.is_some());
        let (Some((doc, received)), Some(staff), true) = (doc, staff, l.f.is_empty()) else {
            return Ok(());
        };
        if on.as_ref().is_some_and(|d| *d < received) {
            l.bad("确认日期", "确认日期早于收文日期");
            return Ok(());
        }
        let held: Option<Option<String>> = ctx
            .tx
            .query_row(
                "SELECT confirmed_on FROM factory_document_reader WHERE document_id = ?1 AND staff_id = ?2",
                params![doc, staff],
                |r| r.get(0),
            )
            .optional()?;
        match held {
            Some(Some(d)) => l.bad("确认日期", format!("{name}已于 {d} 确认，与这一行不同")),
            Some(None) if on.is_none() => {}
            Some(None) => {
                ctx.tx.execute(
                    "UPDATE factory_document_reader SET confirmed_on = ?3, confirmed_by = ?4
                     WHERE document_id = ?1 AND staff_id = ?2",
                    params![doc, staff, on, by],
                )?;
            }
            None => {
                ctx.tx.execute(
                    "INSERT INTO factory_document_reader (document_id, staff_id, confirmed_on, confirmed_by)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![doc, staff, on, by],
                )?;
            }
        }
        Ok(())
    },
};

/// 服务活动车辆: each covered vehicle told (通知) or done (by a repair
/// order of that vehicle).
pub const CAMPAIGN_VEHICLES: RecordSheet = RecordSheet {
    name: "服务活动车辆",
    columns: &[
        ("文号", 16),
        ("车架号", 20),
        ("通知日期", 12),
        ("维修单号", 16),
        ("完成日期", 12),
        ("备注", 20),
    ],
    required: &["文号", "车架号"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT d.doc_no, v.vin, coalesce(cv.notified_on, ''), coalesce(ro.order_no, ''), coalesce(cv.done_on, ''),
                cv.note
         FROM campaign_vehicle cv JOIN factory_document d ON d.id = cv.document_id
         JOIN vehicle v ON v.id = cv.vehicle_id LEFT JOIN repair_order ro ON ro.id = cv.repair_order_id
         ORDER BY d.received_on, d.id, v.vin"
            .into()
    },
    import: |ctx, l| {
        let doc = document_id(ctx, l)?;
        let vin = l.get("车架号");
        let vehicle = id_of(ctx.tx, "SELECT id FROM vehicle WHERE vin = ?1", &vin)?;
        if vehicle.is_none() {
            l.bad("车架号", format!("没有车架号为「{vin}」的车辆"));
        }
        let told = l.date("通知日期", ctx.today, false);
        let order = l.get("维修单号");
        let done = l.date("完成日期", ctx.today, !order.is_empty());
        let note = l.text("备注", 200, false);
        if told.is_none() && order.is_empty() {
            l.bad("通知日期", "请填写通知日期或完成的维修单号");
        }
        let (Some((doc, received)), Some(vehicle), true) = (doc, vehicle, l.f.is_empty()) else {
            return Ok(());
        };
        if told.as_ref().is_some_and(|d| *d < received) {
            l.bad("通知日期", "通知日期早于收文日期");
            return Ok(());
        }
        let covered: bool = ctx.tx.query_row(
            &format!(
                "SELECT count(*) > 0 FROM vehicle v WHERE v.id = ?2 AND {}",
                crate::documents::campaign::COVERED
            ),
            params![doc, vehicle],
            |r| r.get(0),
        )?;
        if !covered {
            l.bad("车架号", format!("「{vin}」不在该服务活动的范围内"));
            return Ok(());
        }
        ctx.tx.execute(
            "INSERT INTO campaign_vehicle (document_id, vehicle_id, notified_on, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (document_id, vehicle_id) DO UPDATE SET notified_on = excluded.notified_on,
                note = excluded.note",
            params![doc, vehicle, told, note],
        )?;
        if !order.is_empty() {
            match crate::documents::campaign::complete_in(ctx.tx, doc, vehicle, &order) {
                Ok(()) => {
                    let on: String = ctx.tx.query_row(
                        "SELECT done_on FROM campaign_vehicle WHERE document_id = ?1 AND vehicle_id = ?2",
                        params![doc, vehicle],
                        |r| r.get(0),
                    )?;
                    if done.as_deref() != Some(on.as_str()) {
                        l.bad("完成日期", format!("维修单 {order} 的完工日期是 {on}，与完成日期不符"));
                    }
                }
                Err(e) => input_problems(l, e, |_| "维修单号"),
            }
        }
        Ok(())
    },
};
