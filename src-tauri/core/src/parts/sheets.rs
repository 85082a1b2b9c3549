//! 配件 — its sheets of the data-exchange workbook (数据交换工作簿): 配件在用变更, 经销商订单,
//! 经销商发货, 经销商收款 (and the check that orders and deliveries agree), 盘点. Each is a
//! [`RecordSheet`] — its columns, the query that exports it, the function that
//! imports one row — listed with the others in `exchange::records::SHEETS`,
//! which reads and writes them all by the same rules.

use rusqlite::{params, OptionalExtension};

use crate::error::{AppResult, Problem};
use crate::exchange::records::*;

pub const STOCKTAKE_STATUSES: Choices = &crate::parts::stocktake::STATUSES;

/// 配件在用变更: each dated change of a part's 在用/停用 flag (indicator 7
/// takes whether a part was in use as of each month end from these).
pub const PART_ACTIVE_CHANGES: RecordSheet = RecordSheet {
    name: "配件在用变更",
    columns: &[("配件编号", 16), ("配件名称", 16), ("日期", 12), ("在用", 6)],
    required: &["配件编号", "日期", "在用"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT p.part_no, p.name, a.changed_on, CASE a.active WHEN 1 THEN '是' ELSE '否' END
         FROM part_active_change a JOIN part p ON p.id = a.part_id ORDER BY p.part_no, a.changed_on"
            .into()
    },
    import: |ctx, l| {
        let part = ctx.part(l, "配件编号")?;
        let on = l.date("日期", ctx.today, true);
        let active = l.choice("在用", YES_NO);
        if let (Some(part), Some(on), Some(active), true) = (part, on, active, l.f.is_empty()) {
            let held: Option<i64> = ctx
                .tx
                .query_row(
                    "SELECT active FROM part_active_change WHERE part_id = ?1 AND changed_on = ?2",
                    params![part, on],
                    |r| r.get(0),
                )
                .optional()?;
            match held {
                Some(h) if h.to_string() != active => {
                    l.bad("在用", format!("本店 {on} 这天已有这个配件相反的在用变更记录"));
                }
                Some(_) => {}
                None => {
                    ctx.tx.execute(
                        "INSERT INTO part_active_change (part_id, changed_on, active) VALUES (?1, ?2, ?3)",
                        params![part, on, active.parse::<i64>().unwrap_or(1)],
                    )?;
                }
            }
        }
        Ok(())
    },
};

// ---------------------------------------------------------------- 经销商

pub const DEALER_ORDERS: RecordSheet = RecordSheet {
    name: "经销商订单",
    columns: &[
        ("订单号", 16),
        ("经销商", 16),
        ("订货日期", 12),
        ("备注", 20),
        ("配件编号", 16),
        ("配件名称", 16),
        ("订货数量", 9),
        ("首次供应数量", 12),
        ("已发数量", 9),
        ("首次发货日期", 12),
        ("一次供应期截止", 14),
        ("撤销或结案", 10),
        ("结案日期", 12),
        ("结案原因", 20),
    ],
    required: &["订单号", "经销商", "订货日期", "配件编号", "订货数量"],
    key: Some("订单号"),
    line: Some((
        &["配件编号"],
        &[
            "经销商",
            "订货日期",
            "备注",
            "首次发货日期",
            "一次供应期截止",
            "撤销或结案",
            "结案日期",
            "结案原因",
        ],
    )),
    export_sql: || {
        "SELECT o.order_no, d.name, o.ordered_on, o.note, p.part_no, p.name, CAST(l.qty_ordered AS TEXT),
                CAST(l.qty_first AS TEXT), CAST(l.qty_shipped AS TEXT), coalesce(o.first_delivery_on, ''),
                coalesce(o.supply_due_on, ''),
                CASE o.close_kind WHEN 'cancelled' THEN '撤销' WHEN 'short' THEN '结案' ELSE '' END,
                coalesce(o.closed_on, ''), o.close_reason
         FROM dealer_order o JOIN dealer d ON d.id = o.dealer_id JOIN dealer_order_line l ON l.order_id = o.id
         JOIN part p ON p.id = l.part_id ORDER BY o.id, l.id"
            .into()
    },
    import: |ctx, l| {
        const SHEET: &str = "经销商订单";
        let no = l.text("订单号", 30, true);
        let dealer_id = ctx.dealer(l, "经销商")?;
        let ordered = l.date("订货日期", ctx.today, true);
        let first_on = l.date("首次发货日期", ctx.today, false);
        // 一次供应期截止: as the workbook says, or the shop's window from
        // the order's receipt (a workbook made before it existed)
        let due = if l.get("一次供应期截止").is_empty() {
            let days = crate::parts::orders::window_days(ctx.tx)?;
            ordered
                .as_deref()
                .and_then(|d| d.parse().ok())
                .map(|d| crate::parts::orders::supply_due(d, days).to_string())
        } else {
            l.date("一次供应期截止", chrono::NaiveDate::MAX, true)
        };
        let close_kind = match l.get("撤销或结案").as_str() {
            "" => None,
            "撤销" => Some("cancelled"),
            "结案" => Some("short"),
            other => {
                l.bad("撤销或结案", format!("应为「撤销」「结案」或空，不是「{other}」"));
                None
            }
        };
        let closed_on = l.date("结案日期", ctx.today, close_kind.is_some());
        let close_reason = l.text("结案原因", 100, close_kind.is_some());
        if close_kind.is_none() && (closed_on.is_some() || !close_reason.is_empty()) {
            l.bad("撤销或结案", "有结案日期或原因，却没有写明「撤销」还是「结案」");
        }
        l.f.not_before(
            "一次供应期截止",
            "一次供应期截止",
            due.as_deref().and_then(|d| d.parse().ok()),
            "订货日期",
            ordered.as_deref().and_then(|d| d.parse().ok()),
        );
        let note = l.text("备注", 200, false);
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("订货数量");
        let first = l.count("首次供应数量", false).unwrap_or(0);
        let shipped = l.count("已发数量", false).unwrap_or(0);
        if let Some(q) = qty {
            if first > q || shipped > q || first > shipped {
                l.bad("已发数量", "首次供应数量不能超过已发数量，已发数量不能超过订货数量");
            }
        }
        l.f.not_before(
            "首次发货日期",
            "首次发货日期",
            first_on.as_deref().and_then(|d| d.parse().ok()),
            "订货日期",
            ordered.as_deref().and_then(|d| d.parse().ok()),
        );
        if !l.f.is_empty() {
            return Ok(());
        }
        let stamp = ctx.stamp.clone();
        let order = ctx.header(
            SHEET,
            &no,
            "INSERT INTO dealer_order (order_no, dealer_id, ordered_on, note, first_delivery_on, created_at,
                                       supply_due_on, close_kind, closed_on, close_reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                no,
                dealer_id,
                ordered,
                note,
                first_on,
                stamp,
                due,
                close_kind,
                closed_on,
                close_reason
            ],
        )?;
        ctx.tx.execute(
            "INSERT INTO dealer_order_line (order_id, part_id, qty_ordered, qty_first, qty_shipped) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![order, part, qty, first, shipped],
        )?;
        Ok(())
    },
};

pub const DEALER_DELIVERIES: RecordSheet = RecordSheet {
    name: "经销商发货",
    columns: &[
        ("订单号", 16),
        ("发货次序", 8),
        ("发货日期", 12),
        ("经办人", 10),
        ("配件编号", 16),
        ("配件名称", 16),
        ("数量", 6),
        ("出入库编号", 10),
        ("单价", 10),
        ("货款", 11),
    ],
    required: &["订单号", "发货次序", "发货日期", "配件编号", "数量", "出入库编号"],
    key: Some("订单号"),
    line: Some((&["发货次序", "配件编号"], &[])),
    export_sql: || {
        format!(
            "SELECT o.order_no, CAST(dd.seq AS TEXT), dd.delivered_on, dd.operator, p.part_no, p.name,
                CAST(dl.qty AS TEXT), CAST(dl.movement_id AS TEXT), {}, {}
         FROM dealer_delivery_line dl JOIN dealer_delivery dd ON dd.id = dl.delivery_id
         JOIN dealer_order o ON o.id = dd.order_id JOIN dealer_order_line l ON l.id = dl.line_id
         JOIN part p ON p.id = l.part_id ORDER BY o.id, dd.seq, l.id",
            yuan("dl.unit_price_fen"),
            yuan("dl.amount_fen")
        )
    },
    import: |ctx, l| {
        let order = ctx.document(
            l,
            "订单号",
            "经销商订单",
            "SELECT id FROM dealer_order WHERE order_no = ?1",
            "订单",
        )?;
        let seq = l.positive("发货次序");
        let on = l.date("发货日期", ctx.today, true);
        let operator = l.text("经办人", 20, false);
        let part = ctx.part(l, "配件编号")?;
        let qty = l.positive("数量");
        let (Some(order), Some(seq), Some(on), Some(part), Some(qty)) = (order, seq, on, part, qty) else {
            return Ok(());
        };
        let Some(line_id) = ctx
            .tx
            .query_row(
                "SELECT id FROM dealer_order_line WHERE order_id = ?1 AND part_id = ?2",
                params![order, part],
                |r| r.get::<_, i64>(0),
            )
            .optional()?
        else {
            l.bad("配件编号", "这张订单没有订这个配件");
            return Ok(());
        };
        let Some(movement) = ctx.movement(l, "出入库编号", part, &["dealer"], -qty)? else {
            return Ok(());
        };
        // 单价 and 货款: as the workbook says; a workbook made before they
        // existed charged what the movement booked as received
        let (price_text, amount_text) = (l.get("单价"), l.get("货款"));
        let price = l.f.money("单价", "单价", &price_text);
        let amount = l.f.money("货款", "货款", &amount_text);
        let booked: i64 = ctx
            .tx
            .query_row("SELECT cash_fen FROM stock_movement WHERE id = ?1", [movement], |r| {
                r.get(0)
            })?;
        let (price_fen, amount_fen) = match (price, amount) {
            (None, None) => (booked / qty, booked),
            (Some(p), None) => (p.to_fen(), p.to_fen() * qty),
            (p, Some(a)) => (p.map_or(a.to_fen() / qty, |p| p.to_fen()), a.to_fen()),
        };
        if !l.f.is_empty() {
            return Ok(());
        }
        let delivery: Option<(i64, String, String)> = ctx
            .tx
            .query_row(
                "SELECT id, delivered_on, operator FROM dealer_delivery WHERE order_id = ?1 AND seq = ?2",
                params![order, seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let delivery = match delivery {
            Some((id, d, o)) if d == on && o == operator => id,
            Some(_) => {
                l.bad(
                    "发货日期",
                    format!("第 {seq} 次发货的日期或经办人与同一次发货的其他行不一致"),
                );
                return Ok(());
            }
            None => {
                ctx.tx.execute(
                    "INSERT INTO dealer_delivery (order_id, seq, delivered_on, operator) VALUES (?1, ?2, ?3, ?4)",
                    params![order, seq, on, operator],
                )?;
                ctx.tx.last_insert_rowid()
            }
        };
        ctx.tx.execute(
            "INSERT INTO dealer_delivery_line (delivery_id, line_id, qty, movement_id, unit_price_fen, amount_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![delivery, line_id, qty, movement, price_fen, amount_fen],
        )?;
        Ok(())
    },
};

pub const DEALER_PAYMENTS: RecordSheet =
    RecordSheet {
        name: "经销商收款",
        columns: &[
            ("收款编号", 9),
            ("经销商", 16),
            ("收款日期", 12),
            ("金额", 11),
            ("方式", 8),
            ("订单号", 16),
            ("发货次序", 8),
            ("冲销编号", 9),
            ("经办人", 10),
            ("备注", 24),
        ],
        required: &["收款编号", "经销商", "收款日期", "金额"],
        // 收款编号 numbers the rows of one workbook (a reversal names the row it
        // reverses); it is not kept, so two shops' numbers never collide
        key: None,
        line: None,
        export_sql: || {
            format!(
                "SELECT CAST(p.id AS TEXT), d.name, p.paid_on, {}, p.method,
                    coalesce((SELECT o.order_no FROM dealer_delivery dd JOIN dealer_order o ON o.id = dd.order_id
                              WHERE dd.id = p.delivery_id), ''),
                    coalesce((SELECT CAST(dd.seq AS TEXT) FROM dealer_delivery dd WHERE dd.id = p.delivery_id), ''),
                    coalesce(CAST(p.reverses_id AS TEXT), ''), p.operator, p.note
             FROM dealer_payment p JOIN dealer d ON d.id = p.dealer_id ORDER BY p.id",
                signed_yuan("p.amount_fen")
            )
        },
        import: |ctx, l| {
            const SHEET: &str = "经销商收款";
            let no = l.text("收款编号", 20, true);
            let dealer_id = ctx.dealer(l, "经销商")?;
            let on = l.date("收款日期", ctx.today, true);
            let text = l.get("金额");
            let negative = text.trim_start().starts_with('-');
            let amount =
                l.f.money("金额", "金额", text.trim_start().trim_start_matches('-'))
                    .map(|m| if negative { -m.to_fen() } else { m.to_fen() });
            if amount == Some(0) {
                l.bad("金额", "金额不能为 0");
            }
            let method = l.text("方式", 10, false);
            if !method.is_empty() && !crate::parts::receivables::METHODS.contains(&method.as_str()) {
                l.bad(
                    "方式",
                    format!("方式应为{}之一", crate::parts::receivables::METHODS.join("、")),
                );
            }
            let operator = l.text("经办人", 20, false);
            let note = l.text("备注", 100, false);
            // paid with a delivery: the order and the delivery's number
            let order_no = l.get("订单号");
            let seq = l.get("发货次序");
            let delivery = if order_no.is_empty() {
                None
            } else {
                let order = ctx.document(
                    l,
                    "订单号",
                    "经销商订单",
                    "SELECT id FROM dealer_order WHERE order_no = ?1",
                    "订单",
                )?;
                match (order, seq.parse::<i64>()) {
                    (Some(o), Ok(s)) => {
                        let d = ctx
                            .tx
                            .query_row(
                                "SELECT id FROM dealer_delivery WHERE order_id = ?1 AND seq = ?2",
                                params![o, s],
                                |r| r.get::<_, i64>(0),
                            )
                            .optional()?;
                        if d.is_none() {
                            l.bad("发货次序", format!("订单 {order_no} 没有第 {seq} 次发货"));
                        }
                        d
                    }
                    (Some(_), Err(_)) => {
                        l.bad("发货次序", "随发货收款须写明是订单的第几次发货");
                        None
                    }
                    (None, _) => None,
                }
            };
            // a reversal: of a payment earlier in the sheet or of this shop's
            let reverses_text = l.get("冲销编号");
            let reverses = if reverses_text.is_empty() {
                None
            } else {
                let id = ctx
                    .made
                    .get(&(SHEET, reverses_text.clone()))
                    .copied()
                    .or_else(|| reverses_text.parse::<i64>().ok());
                let original: Option<(i64, i64)> = match id {
                    Some(id) => ctx
                        .tx
                        .query_row(
                            "SELECT dealer_id, amount_fen FROM dealer_payment WHERE id = ?1 AND reverses_id IS NULL",
                            [id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .optional()?,
                    None => None,
                };
                match original {
                    Some((d, a)) if Some(d) == dealer_id && Some(-a) == amount => id,
                    Some(_) => {
                        l.bad("冲销编号", "冲销的金额应为原收款的负数，经销商应相同");
                        None
                    }
                    None => {
                        l.bad("冲销编号", format!("找不到收款编号 {reverses_text}"));
                        None
                    }
                }
            };
            if amount.is_some_and(|a| a < 0) && reverses_text.is_empty() {
                l.bad("金额", "负数金额只能是冲销，请填写冲销编号");
            }
            if !l.f.is_empty() {
                return Ok(());
            }
            let stamp = ctx.stamp.clone();
            ctx.header(
            SHEET,
            &no,
            "INSERT INTO dealer_payment (dealer_id, paid_on, amount_fen, method, delivery_id, reverses_id, operator,
                                         note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                dealer_id,
                on,
                amount,
                if method.is_empty() { "现金".to_string() } else { method },
                delivery,
                reverses,
                operator,
                note,
                stamp
            ],
        )?;
            Ok(())
        },
    };

/// After the deliveries: each order this import created must show the
/// first-supply and shipped quantities its deliveries add up to.
pub fn check_dealer_orders(ctx: &Ctx, problems: &mut Vec<Problem>) -> AppResult<()> {
    for ((sheet, no), id) in &ctx.made {
        if *sheet != DEALER_ORDERS.name {
            continue;
        }
        let bad: i64 = ctx.tx.query_row(
            "SELECT count(*) FROM dealer_order_line l JOIN dealer_order o ON o.id = l.order_id
             WHERE l.order_id = ?1 AND (
                l.qty_first <> (SELECT coalesce(sum(dl.qty), 0) FROM dealer_delivery_line dl
                                JOIN dealer_delivery dd ON dd.id = dl.delivery_id
                                WHERE dl.line_id = l.id AND dd.delivered_on <= o.supply_due_on)
             OR l.qty_shipped <> (SELECT coalesce(sum(dl.qty), 0) FROM dealer_delivery_line dl WHERE dl.line_id = l.id)
             OR coalesce(o.first_delivery_on, '') <> coalesce((SELECT delivered_on FROM dealer_delivery
                                                                WHERE order_id = o.id AND seq = 1), ''))",
            [id],
            |r| r.get(0),
        )?;
        if bad > 0 {
            problems.push(Problem {
                field: None,
                sheet: Some(DEALER_ORDERS.name.into()),
                row: None,
                message: format!("订单 {no} 的首次供应数量、已发数量或首次发货日期与「经销商发货」中它的发货记录不符"),
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- 建档费返厂

pub const STOCKTAKES: RecordSheet = RecordSheet {
    name: "盘点",
    columns: &[
        ("盘点单号", 16),
        ("建单日期", 12),
        ("类别", 10),
        ("状态", 8),
        ("过账日期", 12),
        ("过账人", 10),
        ("配件编号", 16),
        ("配件名称", 16),
        ("账面数量", 9),
        ("实盘数量", 9),
        ("出入库编号", 10),
    ],
    required: &["盘点单号", "建单日期", "状态", "配件编号", "账面数量"],
    key: Some("盘点单号"),
    line: Some((&["配件编号"], &["建单日期", "类别", "状态", "过账日期", "过账人"])),
    export_sql: || {
        format!(
            "SELECT s.sheet_no, s.created_on, s.category, {}, coalesce(s.posted_on, ''), coalesce(s.posted_by, ''),
                p.part_no, p.name, CAST(l.book_qty AS TEXT), coalesce(CAST(l.counted_qty AS TEXT), ''),
                coalesce(CAST(l.movement_id AS TEXT), '')
             FROM stocktake s JOIN stocktake_line l ON l.stocktake_id = s.id JOIN part p ON p.id = l.part_id
             ORDER BY s.id, p.part_no",
            case("s.status", STOCKTAKE_STATUSES)
        )
    },
    import: |ctx, l| {
        const SHEET: &str = "盘点";
        let no = l.text("盘点单号", 30, true);
        let created = l.date("建单日期", ctx.today, true);
        let category = l.text("类别", 40, false);
        let status = l.choice("状态", STOCKTAKE_STATUSES);
        let posted_on = l.date("过账日期", ctx.today, false);
        let posted_by = l.text("过账人", 20, false);
        let part = ctx.part(l, "配件编号")?;
        let book = l.count("账面数量", true);
        let counted = l.count("实盘数量", false);
        if status == Some("posted") && (posted_on.is_none() || counted.is_none()) {
            l.bad("过账日期", "已过账的盘点单须有过账日期和每个配件的实盘数量");
        }
        if status == Some("counting") && posted_on.is_some() {
            l.bad("过账日期", "盘点中的单子还没有过账日期");
        }
        let (Some(part), Some(book), true) = (part, book, l.f.is_empty()) else {
            return Ok(());
        };
        let movement = match (l.get("出入库编号").is_empty(), counted) {
            (true, _) => None,
            (false, Some(c)) if c != book && status == Some("posted") => {
                let kind = if c > book { "gain" } else { "loss" };
                match ctx.movement(l, "出入库编号", part, &[kind], c - book)? {
                    Some(m) => Some(m),
                    None => return Ok(()),
                }
            }
            _ => {
                l.bad("出入库编号", "只有过账时有盘盈或盘亏的配件才有出入库编号");
                return Ok(());
            }
        };
        let stamp = ctx.stamp.clone();
        let id = ctx.header(
            SHEET,
            &no,
            "INSERT INTO stocktake (sheet_no, created_on, category, status, posted_on, posted_by, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                no,
                created,
                category,
                status,
                posted_on,
                (!posted_by.is_empty()).then_some(&posted_by),
                stamp
            ],
        )?;
        ctx.tx.execute(
            "INSERT INTO stocktake_line (stocktake_id, part_id, book_qty, counted_qty, movement_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, part, book, counted, movement],
        )?;
        Ok(())
    },
};

// ---------------------------------------------------------------- 5S
