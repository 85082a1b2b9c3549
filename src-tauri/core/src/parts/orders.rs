//! 经销商订单：sub-dealer parts orders and their deliveries, and the
//! first-time supply rate (配件一次供应率, indicator 6).
//!
//! An order has lines (part, quantity ordered). "一次供应" is supply from
//! stock when the order arrives: each order has a first-supply window (一次
//! 供应期), the shop's setting of N days (default 2) from its receipt, fixed
//! on the order when it is made. What ships within the window is the
//! order's first supply (`qty_first`); the order enters indicator 6 in the
//! month its window ends, whether anything shipped or not. Deliveries issue
//! the stock (经销商发货 movements); later ones fill the rest.
//!
//! An order can be cancelled (撤销: only within its window and before
//! anything ships — the outlet withdrew it; it counts nowhere) or closed
//! short (结案: no more deliveries; what the window did not supply stays
//! unsupplied). Both keep a reason.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::catalog;
use super::ledger::{self, MovementKind, NewMovement};
use crate::dates::{self, Month};
use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::money::Money;
use crate::rate::Rate;
use crate::store::Store;

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderLineInput {
    pub part_no: String,
    pub qty: String,
}

/// A new order as typed: the outlet by its name on the register (服务网络).
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderInput {
    pub dealer: String,
    pub ordered_on: String,
    pub note: String,
    pub lines: Vec<OrderLineInput>,
}

/// 撤销 or 结案 of an order, with the reason.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "CloseOrderInput")]
pub struct CloseInput {
    pub order_id: i64,
    /// `cancelled` (撤销) or `short` (结案，不再发货)
    pub kind: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct DeliveryLineInput {
    pub line_id: i64,
    pub qty: String,
    /// 单价 charged to the outlet; empty means the part's 限价
    pub unit_price: String,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct DeliveryInput {
    pub order_id: i64,
    pub date: String,
    pub operator: String,
    pub lines: Vec<DeliveryLineInput>,
    /// 本次收款: paid with the delivery; empty means the whole amount (现结),
    /// `0` all on credit (挂账)
    pub paid: String,
    /// 收款方式 (empty = 现金)
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    pub id: i64,
    pub part_id: i64,
    pub part_no: String,
    pub part_name: String,
    pub unit: String,
    pub qty_ordered: i64,
    /// shipped within the first-supply window (一次供应数量)
    pub qty_first: i64,
    /// shipped on all deliveries so far
    pub qty_shipped: i64,
    pub on_hand: i64,
    /// the part's 限价, the default price charged
    pub retail_price: Money,
    /// Σ charged for this line on its deliveries (货款)
    pub charged: Money,
}

/// 订单状态: where a sub-dealer order stands, from its deliveries and its
/// closing (never stored: computed when the order is read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// 未发货
    Unshipped,
    /// 部分发货
    Partial,
    /// 已发齐
    Shipped,
    /// 已撤销
    Cancelled,
    /// 已结案 (closed short)
    Closed,
}

impl OrderStatus {
    pub fn label(self) -> &'static str {
        match self {
            OrderStatus::Unshipped => "未发货",
            OrderStatus::Partial => "部分发货",
            OrderStatus::Shipped => "已发齐",
            OrderStatus::Cancelled => "已撤销",
            OrderStatus::Closed => "已结案",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: i64,
    pub order_no: String,
    pub dealer: String,
    pub ordered_on: String,
    pub first_delivery_on: Option<String>,
    /// the last day of the first-supply window (一次供应期截止)
    pub supply_due_on: String,
    pub note: String,
    pub status: OrderStatus,
    /// 未发货 / 部分发货 / 已发齐 / 已撤销 / 已结案
    pub status_label: &'static str,
    /// `cancelled` or `short` when the order was cancelled or closed short
    pub close_kind: Option<String>,
    pub closed_on: Option<String>,
    pub close_reason: String,
    pub lines: Vec<OrderLine>,
    /// Σ charged on its deliveries (货款)
    pub charged: Money,
    /// whether the first-supply figures are final: the window is over, or
    /// everything was shipped, or the order was closed
    pub rates_final: bool,
    /// 数量供应率 within the window (None for a cancelled order)
    pub qty_rate: Option<Rate>,
    /// 品种供应率 within the window
    pub line_rate: Option<Rate>,
}

/// The window's last day for an order received on `ordered_on`.
pub fn supply_due(ordered_on: NaiveDate, days: i64) -> NaiveDate {
    ordered_on + chrono::Duration::days(days)
}

/// The shop's first-supply window in days (the setting, or its default).
pub fn window_days(conn: &Connection) -> AppResult<i64> {
    Ok(crate::settings::load(conn)?.map_or(crate::settings::DEFAULT_FIRST_SUPPLY_DAYS, |s| s.first_supply_days))
}

/// The two first-time supply rates over a set of lines:
/// Σ first ÷ Σ ordered, and lines fully shipped first ÷ lines.
pub fn rates(lines: impl Iterator<Item = (i64, i64)>) -> (Option<Rate>, Option<Rate>) {
    let (mut ordered, mut first, mut n, mut full) = (0i64, 0i64, 0i64, 0i64);
    for (o, f) in lines {
        ordered += o;
        first += f;
        n += 1;
        if f >= o {
            full += 1;
        }
    }
    (
        Rate::ratio(Decimal::from(first), Decimal::from(ordered)),
        Rate::ratio(Decimal::from(full), Decimal::from(n)),
    )
}

fn parse_day(field: &str, label: &str, text: &str, today: NaiveDate, p: &mut Vec<Problem>) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        return Some(today);
    }
    match dates::parse_date(field, text).and_then(|d| dates::not_in_future(field, label, d, today).map(|_| d)) {
        Ok(d) => Some(d),
        Err(e) => {
            p.extend(e.problems);
            None
        }
    }
}

fn positive(text: &str) -> Result<i64, String> {
    let t = text.trim();
    match t.parse::<i64>() {
        Ok(n) if n > 0 && n <= catalog::MAX_QTY => Ok(n),
        Ok(n) if n <= 0 => Err("数量须为正整数".into()),
        Ok(_) => Err("数量超出允许范围".into()),
        Err(_) if t.is_empty() => Err("请填写数量".into()),
        Err(_) => Err(format!("数量须为正整数，「{t}」不是")),
    }
}

/// Records a new order (no stock moves yet).
pub fn create(store: &mut Store, input: &OrderInput, today: NaiveDate) -> AppResult<Order> {
    let order = store.write(|tx| create_in(tx, input, today))?;
    Ok(order)
}

/// [`create`] inside a transaction the caller holds.
pub fn create_in(tx: &Connection, input: &OrderInput, today: NaiveDate) -> AppResult<Order> {
    let mut p = Vec::new();
    let dealer = input.dealer.trim();
    let ordered_on = parse_day("orderedOn", "订货日期", &input.ordered_on, today, &mut p);
    // the outlet is one on the register (服务网络), not revoked by the order's day
    let mut dealer_id = None;
    if dealer.is_empty() {
        p.push(Problem::field("dealer", "请选择订货的网点"));
    } else if let Some(on) = ordered_on {
        match crate::network::outlet::usable(tx, dealer, on, "订货")? {
            Ok(id) => dealer_id = Some(id),
            Err(m) => p.push(Problem::field("dealer", m)),
        }
    }
    let mut lines = Vec::new();
    let filled: Vec<&OrderLineInput> = input
        .lines
        .iter()
        .filter(|l| !l.part_no.trim().is_empty() || !l.qty.trim().is_empty())
        .collect();
    if filled.is_empty() {
        p.push(Problem::field("lines", "订单至少要有一种配件"));
    }
    for (i, l) in filled.iter().enumerate() {
        let field = format!("lines.{i}");
        let part = catalog::find_by_no(tx, &l.part_no)?;
        match part {
            None => p.push(Problem::field(
                &field,
                format!(
                    "第 {} 行：没有编号为「{}」的配件",
                    i + 1,
                    catalog::normalize_part_no(&l.part_no)
                ),
            )),
            Some(part) if !part.active => p.push(Problem::field(
                &field,
                format!("第 {} 行：配件「{}」已停用", i + 1, part.name),
            )),
            Some(part) => {
                if lines.iter().any(|(id, _)| *id == part.id) {
                    p.push(Problem::field(
                        &field,
                        format!("第 {} 行：配件「{}」重复，请合并为一行", i + 1, part.name),
                    ));
                }
                match positive(&l.qty) {
                    Ok(q) => lines.push((part.id, q)),
                    Err(m) => p.push(Problem::field(&field, format!("第 {} 行：{m}", i + 1))),
                }
            }
        }
    }
    if !p.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, p));
    }
    let ordered_on = ordered_on.expect("checked");
    let due = supply_due(ordered_on, window_days(tx)?);
    let now = crate::dates::stamp();
    let dealer_id = dealer_id.expect("checked");
    let prefix = format!("DD-{}-", Month::of(ordered_on).iso().replace('-', ""));
    let order_no = crate::store::next_number(tx, "dealer_order", "order_no", &prefix, 4)?;
    tx.execute(
        "INSERT INTO dealer_order (order_no, dealer_id, ordered_on, note, created_at, supply_due_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            order_no,
            dealer_id,
            ordered_on.format("%Y-%m-%d").to_string(),
            input.note.trim(),
            now,
            due.to_string()
        ],
    )?;
    let order_id = tx.last_insert_rowid();
    for (part_id, qty) in lines {
        tx.execute(
            "INSERT INTO dealer_order_line (order_id, part_id, qty_ordered) VALUES (?1, ?2, ?3)",
            params![order_id, part_id, qty],
        )?;
    }
    get(tx, order_id)
}

/// Ships (part of) an order: issues the stock as 经销商发货 movements, all in
/// one transaction. What ships within the order's window is its first
/// supply (the supply rates count it).
pub fn deliver(store: &mut Store, input: &DeliveryInput, today: NaiveDate) -> AppResult<Order> {
    let order = store.write(|tx| deliver_in(tx, input, today))?;
    Ok(order)
}

/// [`deliver`] inside a transaction the caller holds.
pub fn deliver_in(tx: &Connection, input: &DeliveryInput, today: NaiveDate) -> AppResult<Order> {
    let order = get(tx, input.order_id)?;
    if order.close_kind.is_some() {
        return Err(AppError::invalid(
            "orderId",
            format!("订单 {} {}，不能再发货", order.order_no, order.status_label),
        ));
    }
    let mut p = Vec::new();
    let date = parse_day("date", "发货日期", &input.date, today, &mut p);
    if let Some(d) = date {
        if d.format("%Y-%m-%d").to_string() < order.ordered_on {
            p.push(Problem::field("date", "发货日期早于订货日期"));
        }
    }
    if input.operator.trim().is_empty() {
        p.push(Problem::field("operator", "请填写经办人"));
    }
    let mut ship = Vec::new();
    let mut f = crate::form::Fields::new();
    for (i, l) in input.lines.iter().enumerate() {
        if l.qty.trim().is_empty() || l.qty.trim() == "0" {
            continue;
        }
        let price = order.lines.iter().find(|x| x.id == l.line_id).map(|line| {
            f.money(
                &format!("lines.{i}"),
                &format!("{}：单价", line.part_name),
                &l.unit_price,
            )
            .unwrap_or(line.retail_price)
        });
        let Some(line) = order.lines.iter().find(|x| x.id == l.line_id) else {
            p.push(Problem::field(&format!("lines.{i}"), "订单中没有这一行"));
            continue;
        };
        match positive(&l.qty) {
            Ok(q) if q > line.qty_ordered - line.qty_shipped => p.push(Problem::field(
                &format!("lines.{i}"),
                format!(
                    "{}：本次发 {q}，超过未发数量 {}",
                    line.part_name,
                    line.qty_ordered - line.qty_shipped
                ),
            )),
            Ok(q) => ship.push((line.clone(), q, price.unwrap_or(line.retail_price))),
            Err(m) => p.push(Problem::field(
                &format!("lines.{i}"),
                format!("{}：{m}", line.part_name),
            )),
        }
    }
    if ship.is_empty() && p.is_empty() {
        p.push(Problem::field(
            "lines",
            if order.status == OrderStatus::Shipped {
                "该订单已经发齐"
            } else {
                "请至少填写一种配件的发货数量"
            },
        ));
    }
    // the amount charged, and what is paid now (empty: all of it)
    let mut total = Money::ZERO;
    for (line, q, price) in &ship {
        match price.times(*q) {
            Some(a) => total += a,
            None => p.push(Problem::field("lines", format!("{}：金额超出允许范围", line.part_name))),
        }
    }
    let paid = if input.paid.trim().is_empty() {
        Some(total)
    } else {
        f.money("paid", "本次收款", &input.paid)
    };
    // (against a total of lines that all passed: else it would mislead)
    if let (Some(pd), true) = (paid, p.is_empty() && f.is_empty()) {
        if pd > total {
            f.bad(
                "paid",
                format!(
                    "本次收款 {} 超过本次货款 {}；以前的欠款请在「经销商往来」里收款",
                    pd.display_cny(),
                    total.display_cny()
                ),
            );
        }
    }
    let method = super::receivables::check_method(&mut f, &input.method);
    p.extend(f.problems);
    if !p.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, p));
    }
    let date = date.expect("checked");
    let date_s = date.format("%Y-%m-%d").to_string();
    let first = order.first_delivery_on.is_none();
    let in_window = date_s <= order.supply_due_on;
    let seq: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM dealer_delivery WHERE order_id = ?1",
        [order.id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO dealer_delivery (order_id, seq, delivered_on, operator) VALUES (?1, ?2, ?3, ?4)",
        params![order.id, seq, date_s, input.operator.trim()],
    )?;
    let delivery_id = tx.last_insert_rowid();
    for (line, qty, price) in ship {
        // the cash is the payment's, not the movement's (receivables.rs)
        let m = ledger::post_new_in(
            tx,
            &NewMovement {
                cash: Some(Money::ZERO),
                ..NewMovement::new(
                    line.part_id,
                    MovementKind::Dealer,
                    qty,
                    date,
                    &input.operator,
                    format!("经销商订单 {}（{}）", order.order_no, order.dealer),
                )
            },
            today,
        )
        .map_err(|e| AppError::new(e.code, format!("{}：{}", line.part_name, e.message)))?;
        let amount = price.times(qty).expect("checked");
        tx.execute(
            "INSERT INTO dealer_delivery_line (delivery_id, line_id, qty, movement_id, unit_price_fen, amount_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![delivery_id, line.id, qty, m.id, price.to_fen(), amount.to_fen()],
        )?;
        tx.execute(
            "UPDATE dealer_order_line SET qty_shipped = qty_shipped + ?2,
                qty_first = qty_first + CASE WHEN ?3 THEN ?2 ELSE 0 END WHERE id = ?1",
            params![line.id, qty, in_window],
        )?;
    }
    if first {
        tx.execute(
            "UPDATE dealer_order SET first_delivery_on = ?2 WHERE id = ?1",
            params![order.id, date_s],
        )?;
    }
    let paid = paid.expect("checked");
    if !paid.is_zero() {
        let dealer_id: i64 = tx.query_row("SELECT dealer_id FROM dealer_order WHERE id = ?1", [order.id], |r| {
            r.get(0)
        })?;
        super::receivables::with_delivery(tx, dealer_id, delivery_id, date, paid, &method, input.operator.trim())?;
    }
    get(tx, order.id)
}

/// Cancels (撤销) or closes short (结案) an order, with its reason.
pub fn close(store: &mut Store, input: &CloseInput, today: NaiveDate) -> AppResult<Order> {
    let order = store.write(|tx| close_in(tx, input, today))?;
    Ok(order)
}

/// [`close`] inside a transaction the caller holds.
pub fn close_in(tx: &Connection, input: &CloseInput, today: NaiveDate) -> AppResult<Order> {
    let order = get(tx, input.order_id)?;
    if order.close_kind.is_some() {
        return Err(AppError::invalid(
            "kind",
            format!("订单 {} {}", order.order_no, order.status_label),
        ));
    }
    let reason = input.reason.trim();
    let mut p = Vec::new();
    match input.kind.as_str() {
        "cancelled" => {
            if order.first_delivery_on.is_some() {
                p.push(Problem::field("kind", "订单已经发过货，不能撤销；不再发货请选「结案」"));
            } else if today.to_string() > order.supply_due_on {
                p.push(Problem::field(
                    "kind",
                    format!(
                        "一次供应期已于 {} 结束，订单已计入一次供应率，不能撤销；不再发货请选「结案」",
                        order.supply_due_on
                    ),
                ));
            }
        }
        "short" => {
            if order.status == OrderStatus::Shipped {
                p.push(Problem::field("kind", "订单已经发齐，无需结案"));
            }
        }
        _ => p.push(Problem::field("kind", "请选择撤销或结案")),
    }
    if reason.is_empty() {
        p.push(Problem::field("reason", "请填写原因"));
    } else if reason.chars().count() > 100 {
        p.push(Problem::field("reason", "原因不能超过 100 个字"));
    }
    if !p.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, p));
    }
    tx.execute(
        "UPDATE dealer_order SET close_kind = ?2, closed_on = ?3, close_reason = ?4 WHERE id = ?1",
        params![order.id, input.kind, today.to_string(), reason],
    )?;
    get(tx, order.id)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Order> {
    let head = conn
        .query_row(
            "SELECT o.id, o.order_no, d.name, o.ordered_on, o.first_delivery_on, o.note,
                    coalesce(o.supply_due_on, o.ordered_on), o.close_kind, o.closed_on, o.close_reason
             FROM dealer_order o JOIN dealer d ON d.id = o.dealer_id WHERE o.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    (
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, String>(9)?,
                    ),
                ))
            },
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到该经销商订单"))?;
    let mut st = conn.prepare(
        "SELECT l.id, l.part_id, p.part_no, p.name, p.unit, l.qty_ordered, l.qty_first, l.qty_shipped, p.on_hand,
                p.retail_price_fen,
                (SELECT coalesce(sum(dl.amount_fen), 0) FROM dealer_delivery_line dl WHERE dl.line_id = l.id)
         FROM dealer_order_line l JOIN part p ON p.id = l.part_id WHERE l.order_id = ?1 ORDER BY l.id",
    )?;
    let lines: Vec<OrderLine> = st
        .query_map([id], |r| {
            Ok(OrderLine {
                id: r.get(0)?,
                part_id: r.get(1)?,
                part_no: r.get(2)?,
                part_name: r.get(3)?,
                unit: r.get(4)?,
                qty_ordered: r.get(5)?,
                qty_first: r.get(6)?,
                qty_shipped: r.get(7)?,
                on_hand: r.get(8)?,
                retail_price: Money::from_fen(r.get(9)?),
                charged: Money::from_fen(r.get(10)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let (supply_due_on, close_kind, closed_on, close_reason) = head.6;
    let delivered = head.4.is_some();
    let cancelled = close_kind.as_deref() == Some("cancelled");
    let (qty_rate, line_rate) = if cancelled {
        (None, None)
    } else {
        rates(lines.iter().map(|l| (l.qty_ordered, l.qty_first)))
    };
    let all_shipped = lines.iter().all(|l| l.qty_shipped >= l.qty_ordered);
    let status = match close_kind.as_deref() {
        Some("cancelled") => OrderStatus::Cancelled,
        Some(_) => OrderStatus::Closed,
        None if all_shipped => OrderStatus::Shipped,
        None if delivered => OrderStatus::Partial,
        None => OrderStatus::Unshipped,
    };
    let today = crate::dates::today().to_string();
    let rates_final =
        close_kind.is_some() || today > supply_due_on || lines.iter().all(|l| l.qty_first >= l.qty_ordered);
    Ok(Order {
        id: head.0,
        order_no: head.1,
        dealer: head.2,
        ordered_on: head.3,
        first_delivery_on: head.4,
        supply_due_on,
        note: head.5,
        status,
        status_label: status.label(),
        close_kind,
        closed_on,
        close_reason,
        charged: lines.iter().map(|l| l.charged).sum(),
        lines,
        rates_final,
        qty_rate,
        line_rate,
    })
}

/// The latest orders, newest first.
pub fn list(conn: &Connection, limit: i64) -> AppResult<Vec<Order>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM dealer_order ORDER BY ordered_on DESC, id DESC LIMIT ?1")?
        .query_map([limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// Every order, one row per line, with each order's first-time supply rates
/// (经销商订单 as .xlsx). Returns the number of orders.
pub fn export(conn: &Connection, path: &std::path::Path) -> AppResult<usize> {
    let orders = list(conn, i64::MAX)?;
    let rate = |r: Option<Rate>, o: &Order| match r {
        _ if o.close_kind.as_deref() == Some("cancelled") => "已撤销".to_string(),
        Some(r) if o.rates_final => r.display(),
        Some(r) => format!("{}（供应期内）", r.display()),
        None => "无数据".to_string(),
    };
    let mut rows = Vec::new();
    for o in &orders {
        for l in &o.lines {
            rows.push(vec![
                o.order_no.clone(),
                o.dealer.clone(),
                o.ordered_on.clone(),
                o.supply_due_on.clone(),
                o.first_delivery_on.clone().unwrap_or_default(),
                o.status_label.to_string(),
                l.part_no.clone(),
                l.part_name.clone(),
                l.unit.clone(),
                l.qty_ordered.to_string(),
                l.qty_first.to_string(),
                l.qty_shipped.to_string(),
                rate(o.line_rate, o),
                rate(o.qty_rate, o),
                o.close_reason.clone(),
                o.note.clone(),
            ]);
        }
    }
    crate::sheet::write_table(
        path,
        "经销商订单",
        &[
            ("订单号", 16),
            ("经销商", 18),
            ("订货日期", 12),
            ("一次供应期截止", 14),
            ("首次发货日期", 12),
            ("状态", 9),
            ("配件编号", 18),
            ("配件名称", 20),
            ("单位", 6),
            ("订货数量", 9),
            ("供应期内发货数量", 15),
            ("累计发货数量", 11),
            ("订单品种供应率", 13),
            ("订单数量供应率", 13),
            ("撤销或结案原因", 20),
            ("备注", 24),
        ],
        &rows,
    )?;
    Ok(orders.len())
}

/// The last day an order's window may end on to count in `month` as of
/// `today`: the month's last day, or in the month still running (本月至今)
/// the day before today — on its last day an order can still be supplied.
pub(crate) fn counted_until(month: Month, today: NaiveDate) -> NaiveDate {
    month.last_day().min(today.pred_opt().expect("a date"))
}

/// Indicator 6 for a month as of `today`: over the orders, not cancelled,
/// whose first-supply window ended in the month (by the day before `today`
/// in the month still running), (数量供应率, 品种供应率, number of orders).
/// An order nothing was shipped for counts with nothing supplied.
pub fn supply_rates(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<(Option<Rate>, Option<Rate>, i64)> {
    let (a, b) = (month.first_day().to_string(), counted_until(month, today).to_string());
    let mut st = conn.prepare(
        "SELECT l.qty_ordered, l.qty_first FROM dealer_order o INDEXED BY dealer_order_supply_due
         JOIN dealer_order_line l ON l.order_id = o.id
         WHERE o.supply_due_on BETWEEN ?1 AND ?2 AND o.close_kind IS NOT 'cancelled'",
    )?;
    let pairs: Vec<(i64, i64)> = st
        .query_map(params![a, b], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let orders: i64 = conn.query_row(
        "SELECT count(*) FROM dealer_order INDEXED BY dealer_order_supply_due
         WHERE supply_due_on BETWEEN ?1 AND ?2 AND close_kind IS NOT 'cancelled'",
        params![a, b],
        |r| r.get(0),
    )?;
    let (q, l) = rates(pairs.into_iter());
    Ok((q, l, orders))
}

/// The orders indicator 6 counts for `month` as of `today` (the records
/// behind the figure), newest window first.
pub fn counted(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<Vec<Order>> {
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM dealer_order INDEXED BY dealer_order_supply_due
             WHERE supply_due_on BETWEEN ?1 AND ?2 AND close_kind IS NOT 'cancelled'
             ORDER BY supply_due_on DESC, id DESC",
        )?
        .query_map(
            params![month.first_day().to_string(), counted_until(month, today).to_string()],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::create as create_part;
    use crate::parts::ledger::{post_on, MovementInput};

    use crate::parts::testkit::{day, mv, part};
    const TODAY: &str = "2026-11-26";

    fn shop() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        crate::parts::testkit::outlets(s.conn(), &["李庄摩托维修部"]);
        for (no, name) in [("A-1", "机油滤清器"), ("B-2", "火花塞"), ("C-3", "刹车片")] {
            create_part(s.conn(), &part(no, name)).unwrap();
        }
        for (no, qty) in [("A-1", "10"), ("B-2", "3"), ("C-3", "20")] {
            post_on(&mut s, &mv(no, "receipt", qty, "2026-10-01"), day(TODAY)).unwrap();
        }
        s
    }

    fn order(s: &mut Store, lines: &[(&str, &str)], on: &str) -> Order {
        create(
            s,
            &OrderInput {
                dealer: "李庄摩托维修部".into(),
                ordered_on: on.into(),
                note: String::new(),
                lines: lines
                    .iter()
                    .map(|(p, q)| OrderLineInput {
                        part_no: p.to_string(),
                        qty: q.to_string(),
                    })
                    .collect(),
            },
            day(TODAY),
        )
        .unwrap()
    }

    fn ship(s: &mut Store, o: &Order, qtys: &[&str], on: &str) -> AppResult<Order> {
        deliver(
            s,
            &DeliveryInput {
                order_id: o.id,
                date: on.into(),
                operator: "发运员".into(),
                lines: o
                    .lines
                    .iter()
                    .zip(qtys)
                    .map(|(l, q)| DeliveryLineInput {
                        line_id: l.id,
                        qty: q.to_string(),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
            day(TODAY),
        )
    }

    #[test]
    fn the_first_delivery_sets_both_supply_rates() {
        let mut s = shop();
        let o = order(&mut s, &[("A-1", "8"), ("B-2", "5"), ("C-3", "7")], "2026-11-02");
        assert_eq!(o.order_no, "DD-202611-0001");
        assert_eq!(o.status_label, "未发货");
        // B-2 has only 3 in stock: ship 8, 3, 7 of 8, 5, 7
        let o = ship(&mut s, &o, &["8", "3", "7"], "2026-11-03").unwrap();
        // quantity rate 18 / 20 = 90%; lines fully shipped 2 / 3 = 66.7%
        assert_eq!(o.qty_rate.unwrap().display(), "90%");
        assert_eq!(o.line_rate.unwrap().display(), "66.7%");
        assert_eq!(o.status_label, "部分发货");
        // a later delivery fills the rest but does not change the first-time rates
        post_on(
            &mut s,
            &MovementInput {
                part_no: "B-2".into(),
                kind: "receipt".into(),
                qty: "5".into(),
                date: "2026-11-10".into(),
                operator: "库管".into(),
                ..Default::default()
            },
            day(TODAY),
        )
        .unwrap();
        let o = ship(&mut s, &o, &["", "2", ""], "2026-11-12").unwrap();
        assert_eq!(o.status_label, "已发齐");
        assert_eq!(o.qty_rate.unwrap().display(), "90%");
        let (q, l, n) = supply_rates(s.conn(), Month::parse("2026-11").unwrap(), day(TODAY)).unwrap();
        assert_eq!(
            (q.unwrap().display(), l.unwrap().display(), n),
            ("90%".to_string(), "66.7%".to_string(), 1)
        );
        // stock left through the ledger: A-1 10-8, B-2 3-3+5-2, C-3 20-7
        let on_hand = |no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
        assert_eq!((on_hand("A-1"), on_hand("B-2"), on_hand("C-3")), (2, 3, 13));
        // the export: a row per line, the order's rates on each
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("orders.xlsx");
        assert_eq!(export(s.conn(), &path).unwrap(), 1);
        let t = crate::sheet::read_table(&path, 1 << 20).unwrap();
        assert_eq!(t.rows.len(), 3);
        let b2 = &t.rows[1].1;
        let at = |h: &str| b2[t.col(h).unwrap()].clone();
        assert_eq!(
            (
                at("配件编号"),
                at("订货数量"),
                at("供应期内发货数量"),
                at("累计发货数量")
            ),
            ("B-2".to_string(), "5".to_string(), "3".to_string(), "5".to_string())
        );
        assert_eq!(
            (at("订单数量供应率"), at("订单品种供应率")),
            ("90%".to_string(), "66.7%".to_string())
        );
    }

    #[test]
    fn an_order_enters_the_month_its_window_ends() {
        let mut s = shop();
        // received 30 October, window of 2 days ends 1 November
        let o = order(&mut s, &[("A-1", "2")], "2026-10-30");
        assert_eq!(o.supply_due_on, "2026-11-01");
        ship(&mut s, &o, &["2"], "2026-10-31").unwrap();
        let oct = Month::parse("2026-10").unwrap();
        let nov = Month::parse("2026-11").unwrap();
        assert_eq!(supply_rates(s.conn(), oct, day(TODAY)).unwrap(), (None, None, 0));
        let (q, l, n) = supply_rates(s.conn(), nov, day(TODAY)).unwrap();
        assert_eq!(
            (q.unwrap().display(), l.unwrap().display(), n),
            ("100%".into(), "100%".into(), 1)
        );
        // on 1 November itself the window is still open: not counted yet
        assert_eq!(supply_rates(s.conn(), nov, day("2026-11-01")).unwrap().2, 0);
        assert_eq!(supply_rates(s.conn(), nov, day("2026-11-02")).unwrap().2, 1);
    }

    /// Hand-worked: three orders whose windows end in November.
    /// - #1 (11-02, due 11-04): A-1 ×4, B-2 ×3; nothing ships in the window;
    ///   both lines ship complete on 11-10 — first supply 0 of 7, 0 of 2 lines;
    /// - #2 (11-05, due 11-07): C-3 ×6 ships 6 on 11-07 — 6 of 6, 1 of 1;
    /// - #3 (11-20, due 11-22): A-1 ×3 closed short on 11-21, nothing
    ///   shipped — 0 of 3, 0 of 1;
    /// - #4 (11-25, due 11-27) cancelled on 11-25 — not counted.
    ///
    /// 数量 6 ÷ (7 + 6 + 3) = 37.5%; 品种 1 ÷ 4 lines = 25%; 3 orders.
    #[test]
    fn what_the_window_did_not_supply_counts_as_unsupplied() {
        let mut s = shop();
        let nov = Month::parse("2026-11").unwrap();
        let o1 = order(&mut s, &[("A-1", "4"), ("B-2", "3")], "2026-11-02");
        let o2 = order(&mut s, &[("C-3", "6")], "2026-11-05");
        ship(&mut s, &o2, &["6"], "2026-11-07").unwrap();
        let o1 = ship(&mut s, &o1, &["4", "3"], "2026-11-10").unwrap();
        assert_eq!(o1.status_label, "已发齐");
        assert!(o1.rates_final);
        assert_eq!(
            (o1.qty_rate.unwrap().display(), o1.line_rate.unwrap().display()),
            ("0%".to_string(), "0%".to_string())
        );
        let o3 = order(&mut s, &[("A-1", "3")], "2026-11-20");
        let short = |s: &mut Store, o: &Order, kind: &str, reason: &str, on: &str| {
            close(
                s,
                &CloseInput {
                    order_id: o.id,
                    kind: kind.into(),
                    reason: reason.into(),
                },
                day(on),
            )
        };
        let o3 = short(&mut s, &o3, "short", "经销商改订其他型号", "2026-11-21").unwrap();
        assert_eq!(
            (o3.status_label, o3.closed_on.as_deref()),
            ("已结案", Some("2026-11-21"))
        );
        // no more deliveries on a closed order
        let e = ship(&mut s, &o3, &["1"], "2026-11-22").unwrap_err();
        assert_eq!(e.message, format!("订单 {} 已结案，不能再发货", o3.order_no));
        let o4 = order(&mut s, &[("C-3", "2")], "2026-11-25");
        let o4 = short(&mut s, &o4, "cancelled", "经销商撤单", "2026-11-25").unwrap();
        assert_eq!((o4.status_label, o4.qty_rate), ("已撤销", None));
        let (q, l, n) = supply_rates(s.conn(), nov, day("2026-12-01")).unwrap();
        assert_eq!(
            (q.unwrap().display(), l.unwrap().display(), n),
            ("37.5%".to_string(), "25%".to_string(), 3)
        );
        let behind: Vec<String> = counted(s.conn(), nov, day("2026-12-01"))
            .unwrap()
            .into_iter()
            .map(|o| o.order_no)
            .collect();
        assert_eq!(
            behind,
            vec![o3.order_no.clone(), o2.order_no.clone(), o1.order_no.clone()]
        );
        // a cancelled or shipped order cannot be cancelled; a past window
        // cannot be cancelled either; the reason is required
        let e = short(&mut s, &o2, "cancelled", "x", "2026-11-07").unwrap_err();
        assert_eq!(e.message, "订单已经发过货，不能撤销；不再发货请选「结案」");
        let o5 = order(&mut s, &[("C-3", "1")], "2026-11-20");
        let e = short(&mut s, &o5, "cancelled", "迟了", "2026-11-23").unwrap_err();
        assert_eq!(
            e.message,
            "一次供应期已于 2026-11-22 结束，订单已计入一次供应率，不能撤销；不再发货请选「结案」"
        );
        let e = short(&mut s, &o5, "short", " ", "2026-11-23").unwrap_err();
        assert_eq!(e.message, "请填写原因");
        assert_eq!(get(s.conn(), o5.id).unwrap().status, OrderStatus::Unshipped);
    }

    #[test]
    fn the_window_is_the_setting_when_the_order_was_made() {
        let mut s = shop();
        let mut set = crate::settings::ShopSettings {
            shop_name: "店".into(),
            brands: vec!["豪爵".into()],
            ..Default::default()
        };
        set.first_supply_days = 0;
        crate::settings::save(s.conn(), set.clone()).unwrap();
        let same_day = order(&mut s, &[("A-1", "1")], "2026-11-02");
        assert_eq!(same_day.supply_due_on, "2026-11-02");
        // shipped the next day: not a first supply under a 0-day window
        let o = ship(&mut s, &same_day, &["1"], "2026-11-03").unwrap();
        assert_eq!(o.lines[0].qty_first, 0);
        set.first_supply_days = 5;
        crate::settings::save(s.conn(), set).unwrap();
        assert_eq!(get(s.conn(), o.id).unwrap().supply_due_on, "2026-11-02");
        assert_eq!(order(&mut s, &[("A-1", "1")], "2026-11-02").supply_due_on, "2026-11-07");
    }

    #[test]
    fn bad_orders_and_deliveries_are_refused_whole() {
        let mut s = shop();
        let e = create(
            &mut s,
            &OrderInput {
                dealer: " ".into(),
                ordered_on: "2026-12-01".into(),
                lines: vec![
                    OrderLineInput {
                        part_no: "A-1".into(),
                        qty: "0".into(),
                    },
                    OrderLineInput {
                        part_no: "ZZZ".into(),
                        qty: "1".into(),
                    },
                ],
                ..Default::default()
            },
            day(TODAY),
        )
        .unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "订货日期（2026年12月1日）晚于今天（2026年11月26日），请检查",
                "请选择订货的网点",
                "第 1 行：数量须为正整数",
                "第 2 行：没有编号为「ZZZ」的配件"
            ]
        );
        // an outlet not on the register, and one revoked (撤销) by the order's day
        let typed = |dealer: &str| OrderInput {
            dealer: dealer.into(),
            ordered_on: "2026-11-20".into(),
            lines: vec![OrderLineInput {
                part_no: "A-1".into(),
                qty: "1".into(),
            }],
            ..Default::default()
        };
        let e = create(&mut s, &typed("李庄摩托修理部"), day(TODAY)).unwrap_err();
        assert_eq!(
            e.problems[0].message,
            "「李庄摩托修理部」不在服务网络名册中，请先在「服务网络」登记该网点"
        );
        s.conn()
            .execute(
                "UPDATE dealer SET status = 'revoked', status_on = '2026-11-15' WHERE name = '李庄摩托维修部'",
                [],
            )
            .unwrap();
        let e = create(&mut s, &typed("李庄摩托维修部"), day(TODAY)).unwrap_err();
        assert_eq!(
            e.problems[0].message,
            "网点「李庄摩托维修部」已于 2026-11-15 撤销，不能再订货"
        );
        s.conn()
            .execute("UPDATE dealer SET status = 'active' WHERE name = '李庄摩托维修部'", [])
            .unwrap();
        assert_eq!(list(s.conn(), 10).unwrap().len(), 0);
        let o = order(&mut s, &[("A-1", "4"), ("B-2", "5")], "2026-11-02");
        // over the ordered quantity
        let e = ship(&mut s, &o, &["5", "1"], "2026-11-03").unwrap_err();
        assert_eq!(e.message, "机油滤清器：本次发 5，超过未发数量 4");
        // beyond stock: the whole delivery is refused, A-1 is not half-shipped
        let e = ship(&mut s, &o, &["4", "5"], "2026-11-03").unwrap_err();
        assert_eq!(e.message, "火花塞：库存不足：火花塞 现有 3 件，不能出库 5 件");
        let o = get(s.conn(), o.id).unwrap();
        assert_eq!((o.status, o.lines[0].qty_shipped), (OrderStatus::Unshipped, 0));
        assert_eq!(catalog::find_by_no(s.conn(), "A-1").unwrap().unwrap().on_hand, 10);
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM dealer_delivery", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
