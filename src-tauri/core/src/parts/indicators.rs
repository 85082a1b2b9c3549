//! 配件指标：indicators 1–7, 21 and 22 for any month, computed from the
//! ledger (docs/domain.md §3 and the team's readings there).
//!
//! | # | figure | computed as |
//! |---|---|---|
//! | 1 | 配件库存金额 | book value at month end: each part's balance after its last movement on or before the last day |
//! | 2 | 配件入库金额 | Σ value of receipts (采购入库) dated in the month, reversals netted |
//! | 3 | 配件出库金额 | Σ book value of sale, repair, warranty, dealer and return issues in the month, reversals netted; stocktake gains/losses are shown apart |
//! | 4 | 配件销售金额 | cash received in the month: counter sales (less those reversed in the month) and sub-dealers' payments (with a delivery or later, reversals netted); a shipment on credit counts when paid. Deliveries before migration 22 booked their cash on the movement when shipped |
//! | 5 | 配件周转率 | (3) ÷ (1) × 100% |
//! | 6 | 配件一次供应率 | sub-dealer orders, not cancelled, whose first-supply window ended in the month (in the month still running: by yesterday): 品种供应率 (the headline) = lines fully shipped within the window ÷ lines; 数量供应率 = Σ shipped within the window ÷ Σ ordered |
//! | 7 | 配件滞销率 | parts in use (在用 as of the month end) with stock at month end, first received before the six calendar months ending with the month and with no standing sale/repair/warranty/dealer issue in them (a reversed issue is no movement), ÷ parts in use with stock at month end |
//! | 21 | 机油出库数量 | litres of engine oil issued in the month, all issue kinds, reversals netted (each part's 机油升数 when posted) |
//! | 22 | 机油销售金额 | engine oil sold to customers in the month at the price charged: counter sales' cash, and oil on repair orders at the line's price (free 三包 oil — warranty issues, lines charged 0 — is not sold); oil issued to repairs outside a repair order at its 限价; reversals netted |
//!
//! The flows and the month-end stock value come from `ledger_month`, the
//! monthly totals a trigger keeps with every movement (stock value at a month
//! end is the sum of all movements' values up to it, which the ledger's
//! invariant makes equal to the sum of each part's balance). The slow-moving
//! rate reads each part's balance and latest 动销 as of the month end
//! (`issue_as_of`) from `part_month_state` (migration 13): the states valid
//! at a month end are one range scan of its covering index, and twelve
//! months are one scan too (a 12-month trend).
//!
//! A rate whose base is zero is `None` (无数据).

use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::Serialize;

use super::orders;
use crate::dates::Month;
use crate::error::AppResult;
use crate::money::Money;
use crate::rate::Rate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PartsIndicators {
    pub month: String,
    /// 1 配件库存金额
    pub inventory_value: Money,
    /// 2 配件入库金额
    pub inbound_value: Money,
    /// 3 配件出库金额
    pub outbound_value: Money,
    /// 盘盈 / 盘亏 in the month (not issues; shown beside 3)
    pub stocktake_gain_value: Money,
    pub stocktake_loss_value: Money,
    /// 4 配件销售金额
    pub parts_sales: Money,
    /// 5 配件周转率
    pub turnover: Option<Rate>,
    /// 6 配件一次供应率: 数量供应率, 品种供应率 (the headline), and the
    /// orders counted
    pub first_supply_qty_rate: Option<Rate>,
    pub first_supply_line_rate: Option<Rate>,
    pub first_supply_orders: i64,
    /// 7 配件滞销率, with its numerator and denominator
    pub slow_moving_rate: Option<Rate>,
    pub slow_moving_kinds: i64,
    pub stocked_kinds: i64,
    /// 21 机油出库数量, in litres
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub engine_oil_litres: Decimal,
    /// 22 机油销售金额
    pub engine_oil_sales: Money,
}

const ISSUE_KINDS: &str = "('sale', 'repair', 'warranty', 'dealer', 'return')";

/// The month's indicators, the whole month.
pub fn compute(conn: &Connection, month: Month) -> AppResult<PartsIndicators> {
    compute_to(conn, month, month.next().first_day())
}

/// The month's indicators as of `today` (本月至今 when the month is not
/// over: indicator 6 counts the orders whose window ended by yesterday).
pub fn compute_to(conn: &Connection, month: Month, today: chrono::NaiveDate) -> AppResult<PartsIndicators> {
    Ok(compute_many(conn, &[month], today)?.pop().expect("one month"))
}

/// The indicators of several months (in ascending order, e.g. a 12-month
/// trend) at once: the flows from the monthly totals, and the slow-moving
/// rate from one pass over each part's movements in the span — one index
/// seek per part for its state before the first month, then its movements
/// up to the last month's end — instead of a seek per part per month.
pub fn compute_many(conn: &Connection, months: &[Month], today: chrono::NaiveDate) -> AppResult<Vec<PartsIndicators>> {
    let slow = slow_moving(conn, months)?;
    months
        .iter()
        .zip(slow)
        .map(|(m, (stocked, slow))| flows(conn, *m, stocked, slow, today))
        .collect()
}

fn flows(
    conn: &Connection,
    month: Month,
    stocked: i64,
    slow: i64,
    today: chrono::NaiveDate,
) -> AppResult<PartsIndicators> {
    let m = month.iso();
    // flows of the month and stock value at its end, from the monthly totals
    let sum = |sql: &str| -> rusqlite::Result<i64> { conn.query_row(sql, [&m], |r| r.get(0)) };
    let inventory = sum("SELECT coalesce(sum(value_fen), 0) FROM ledger_month WHERE month <= ?1")?;
    let inbound = sum("SELECT coalesce(sum(value_fen), 0) FROM ledger_month WHERE month = ?1 AND kind = 'receipt'")?;
    let outbound = sum(&format!(
        "SELECT coalesce(-sum(value_fen), 0) FROM ledger_month WHERE month = ?1 AND kind IN {ISSUE_KINDS}"
    ))?;
    let gain = sum("SELECT coalesce(sum(value_fen), 0) FROM ledger_month WHERE month = ?1 AND kind = 'gain'")?;
    let loss = sum("SELECT coalesce(-sum(value_fen), 0) FROM ledger_month WHERE month = ?1 AND kind = 'loss'")?;
    let sales =
        sum("SELECT coalesce(sum(cash_fen), 0) FROM ledger_month WHERE month = ?1 AND kind IN ('sale', 'dealer')")?
            + super::receivables::received_in(conn, month)?.to_fen();
    let oil_ml = sum(&format!(
        "SELECT coalesce(sum(oil_ml), 0) FROM ledger_month WHERE month = ?1 AND is_oil = 1 AND kind IN {ISSUE_KINDS}"
    ))?;
    let oil_sales =
        sum("SELECT coalesce(sum(cash_fen), 0) FROM ledger_month WHERE month = ?1 AND is_oil = 1 AND kind = 'sale'")?
            + oil_charged_on_repairs(conn, month)?;
    let (q_rate, l_rate, n_orders) = orders::supply_rates(conn, month, today)?;
    let inventory_value = Money::from_fen(inventory);
    let outbound_value = Money::from_fen(outbound);
    Ok(PartsIndicators {
        month: m,
        inventory_value,
        inbound_value: Money::from_fen(inbound),
        outbound_value,
        stocktake_gain_value: Money::from_fen(gain),
        stocktake_loss_value: Money::from_fen(loss),
        parts_sales: Money::from_fen(sales),
        turnover: Rate::ratio(outbound_value.as_decimal(), inventory_value.as_decimal()),
        first_supply_qty_rate: q_rate,
        first_supply_line_rate: l_rate,
        first_supply_orders: n_orders,
        slow_moving_rate: Rate::ratio(Decimal::from(slow), Decimal::from(stocked)),
        slow_moving_kinds: slow,
        stocked_kinds: stocked,
        engine_oil_litres: Decimal::new(oil_ml, 3).normalize(),
        engine_oil_sales: Money::from_fen(oil_sales),
    })
}

/// Engine oil issued to repairs in `month` at the price charged: on a
/// repair order, the line's price (0 for free oil, which is then not sold);
/// issued outside one, its 限价. A reversal takes back what its issue
/// counted. One range scan of the month's movements.
fn oil_charged_on_repairs(conn: &Connection, month: Month) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT coalesce(sum(CASE
                    WHEN m.reverses_id IS NULL THEN coalesce(rp.qty * rp.price_fen, -m.delta * p.retail_price_fen)
                    ELSE -coalesce((SELECT o.qty * o.price_fen FROM repair_part o WHERE o.movement_id = m.reverses_id),
                                   m.delta * p.retail_price_fen) END), 0)
         FROM stock_movement m INDEXED BY stock_movement_date
         JOIN part p ON p.id = m.part_id
         LEFT JOIN repair_part rp ON rp.movement_id = m.id
         WHERE m.moved_on BETWEEN ?1 AND ?2 AND m.kind = 'repair' AND p.is_engine_oil = 1",
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| r.get(0),
    )
}

/// The inventory factor the last 12 whole months suggest for the reference
/// of indicator 1 (参考库存 = 年销量或保有量 × 单车年均配件消耗 × 系数): the
/// text's third factor, 配件周转率 read as the share of a year's use held in
/// stock — the months' average stock value ÷ the year's issues (3), rounded
/// to two decimals. None without issues in those months.
pub fn suggested_inventory_factor(conn: &Connection, today: chrono::NaiveDate) -> AppResult<Option<Decimal>> {
    let months = crate::dashboard::trend_months(Month::of(today).prev());
    let all = compute_many(conn, &months, today)?;
    let issued: Decimal = all.iter().map(|p| p.outbound_value.as_decimal()).sum();
    if issued <= Decimal::ZERO {
        return Ok(None);
    }
    let held: Decimal = all.iter().map(|p| p.inventory_value.as_decimal()).sum::<Decimal>() / Decimal::from(12);
    Ok(Some((held / issued).round_dp_with_strategy(
        2,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )))
}

/// The first day of the six calendar months that end with `month` (the
/// window of indicator 7): a part is slow-moving if it had no 动销 on or
/// after this day and was first received before it.
pub fn slow_window_start(month: Month) -> String {
    let mut m = month;
    for _ in 0..5 {
        m = m.prev();
    }
    m.first_day().to_string()
}

/// Each part's dated changes of 在用/停用 (`part_active_change`, oldest first).
type ActiveChanges = std::collections::HashMap<i64, Vec<(String, bool)>>;

fn active_changes(conn: &Connection) -> AppResult<ActiveChanges> {
    let mut out = ActiveChanges::new();
    let mut st =
        conn.prepare_cached("SELECT part_id, changed_on, active FROM part_active_change ORDER BY part_id, changed_on")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?));
    }
    Ok(out)
}

/// Whether a part was 在用 at the end of `day`: its latest dated change on
/// or before then; before its first change, the opposite of that change;
/// with no change, its flag now.
fn active_on(changes: Option<&Vec<(String, bool)>>, now: bool, day: &str) -> bool {
    let Some(c) = changes.filter(|c| !c.is_empty()) else {
        return now;
    };
    match c.iter().rev().find(|(on, _)| on.as_str() <= day) {
        Some((_, active)) => *active,
        None => !c[0].1,
    }
}

/// Whether a part in stock at a month end counts as slow-moving (滞销):
/// first received before the window and no 动销 in it (a reversed issue is
/// not one: `issue_as_of` leaves it out).
fn is_slow(issue_as_of: &str, first_in_on: &str, window_start: &str) -> bool {
    issue_as_of < window_start && first_in_on < window_start
}

/// Indicator 7's counts for each month: (parts in use (在用) at the month
/// end with stock then, of which slow-moving by [`is_slow`]). A part's
/// state at a month end is its last movement on or before it: the balance
/// and the latest standing issue as of then (`issue_as_of`, '' = never).
fn slow_moving(conn: &Connection, months: &[Month]) -> AppResult<Vec<(i64, i64)>> {
    if months.is_empty() {
        return Ok(Vec::new());
    }
    let windows: Vec<String> = months.iter().map(|m| slow_window_start(*m)).collect();
    let ends: Vec<String> = months.iter().map(|m| m.last_day().to_string()).collect();
    let changes = active_changes(conn)?;
    let mut out = vec![(0i64, 0i64); months.len()];
    let keys: Vec<String> = months.iter().map(|m| m.iso()).collect();
    let last = &keys[keys.len() - 1];
    // The states valid at some month end in the span are those with
    // from_month ≤ the last month and until_month > the first. Scanning
    // `until_month > first` alone would read every later state of an old
    // span, so the one statement seeks one until_month at a time (each
    // month after the first that any state ended in, then the open states,
    // passed as a list), each a range seek on from_month: it reads just the
    // rows it counts, however far back the span lies.
    let latest_end: Option<String> = conn.query_row(
        "SELECT max(until_month) FROM part_month_state WHERE until_month < '9999-12'",
        [],
        |r| r.get(0),
    )?;
    let mut untils: Vec<String> = Vec::new();
    if let Some(latest) = latest_end.as_deref().and_then(|m| Month::parse(m).ok()) {
        let mut u = months[0].next();
        while u <= latest {
            untils.push(u.iso());
            u = u.next();
        }
    }
    untils.push("9999-12".to_string());
    let mut st = conn.prepare(
        "SELECT s.from_month, s.issue_as_of, s.part_id, p.active, coalesce(p.first_in_on, ''), s.until_month
         FROM json_each(?1) u
         JOIN part_month_state s INDEXED BY part_month_state_until ON s.until_month = u.value
         JOIN part p ON p.id = s.part_id
         WHERE s.from_month <= ?2 AND s.balance_qty > 0",
    )?;
    // a JSON list of the months (`YYYY-MM`, nothing to escape)
    let list = format!("[\"{}\"]", untils.join("\",\""));
    let mut rows = st.query(params![list, last])?;
    while let Some(r) = rows.next()? {
        let from = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let issued = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let part: i64 = r.get(2)?;
        let now: bool = r.get(3)?;
        let first_in = r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
        let until = r.get_ref(5)?.as_str().map_err(rusqlite::Error::from)?;
        let changed = changes.get(&part);
        for (k, m) in keys.iter().enumerate() {
            if from <= m.as_str() && m.as_str() < until && active_on(changed, now, &ends[k]) {
                out[k].0 += 1;
                if is_slow(issued, first_in, &windows[k]) {
                    out[k].1 += 1;
                }
            }
        }
    }
    Ok(out)
}

/// The parts indicator 7 counts as slow-moving for `month`, by id: what the
/// stock screen's 滞销 filter lists (the dashboard links to it with the
/// month), so the list and the figure are the same parts.
pub fn slow_moving_parts(conn: &Connection, month: Month) -> AppResult<Vec<i64>> {
    let window = slow_window_start(month);
    let end = month.last_day().to_string();
    let changes = active_changes(conn)?;
    let mut st = conn.prepare_cached(
        "SELECT s.part_id, s.issue_as_of, p.active, coalesce(p.first_in_on, '')
         FROM part_month_state s JOIN part p ON p.id = s.part_id
         WHERE s.from_month <= ?1 AND s.until_month > ?1 AND s.balance_qty > 0",
    )?;
    let mut rows = st.query(params![month.iso()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let part: i64 = r.get(0)?;
        let issued: String = r.get(1)?;
        let now: bool = r.get(2)?;
        let first_in: String = r.get(3)?;
        if active_on(changes.get(&part), now, &end) && is_slow(&issued, &first_in, &window) {
            out.push(part);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// One day of the month's parts flows: inbound and outbound book value that
/// day and the stock value at its end (配件出入库与库存).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DayFlow {
    pub day: String,
    pub inbound: Money,
    pub outbound: Money,
    pub stock: Money,
}

/// Every day of `month` up to `today` (a past month: every day) with the
/// parts received and issued and the stock value at the day's end.
pub fn day_flows(conn: &Connection, month: Month, today: chrono::NaiveDate) -> AppResult<Vec<DayFlow>> {
    let opening: i64 = conn.query_row(
        "SELECT coalesce(sum(value_fen), 0) FROM ledger_month WHERE month < ?1",
        [month.iso()],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(
        "SELECT moved_on,
                coalesce(sum(CASE WHEN kind = 'receipt' THEN value_fen END), 0),
                coalesce(-sum(CASE WHEN kind IN ('sale', 'repair', 'warranty', 'dealer', 'return') THEN value_fen END), 0),
                sum(value_fen)
         FROM stock_movement INDEXED BY stock_movement_date
         WHERE moved_on BETWEEN ?1 AND ?2 GROUP BY moved_on",
    )?;
    let days: Vec<(String, i64, i64, i64)> = st
        .query_map(
            params![month.first_day().to_string(), month.last_day().to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<Result<_, _>>()?;
    let mut stock = opening;
    let mut out = Vec::new();
    let mut d = month.first_day();
    let end = month.last_day().min(today);
    while d <= end {
        let key = d.to_string();
        let (inb, outb, net) = days
            .iter()
            .find(|x| x.0 == key)
            .map(|x| (x.1, x.2, x.3))
            .unwrap_or((0, 0, 0));
        stock += net;
        out.push(DayFlow {
            day: key,
            inbound: Money::from_fen(inb),
            outbound: Money::from_fen(outb),
            stock: Money::from_fen(stock),
        });
        d = d.succ_opt().expect("date");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::{create, PartInput};
    use crate::parts::ledger::{post_on, reverse, MovementInput};
    use crate::parts::orders::{self, DeliveryInput, DeliveryLineInput, OrderInput, OrderLineInput};
    use crate::store::Store;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    const TODAY: &str = "2026-11-26";

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// A small shop whose figures are worked out by hand below.
    fn fixture() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        crate::parts::testkit::outlets(s.conn(), &["王集网点"]);
        for (no, name, oil, retail) in [
            ("F-1", "机油滤清器", false, "15.00"),
            ("OIL", "机油 SJ 1L", true, "30.00"),
            ("SP", "火花塞", false, "20.00"),
            ("OLD", "老款脚踏", false, "9.00"),
        ] {
            create(
                s.conn(),
                &PartInput {
                    part_no: no.into(),
                    name: name.into(),
                    is_engine_oil: oil,
                    // a 0.8 L bottle
                    oil_litres: if oil { "0.8".into() } else { String::new() },
                    cost_price: "10".into(),
                    retail_price: retail.into(),
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let t = day(TODAY);
        let mv = |no: &str, kind: &str, qty: &str, date: &str, cost: &str, cash: &str| MovementInput {
            part_no: no.into(),
            kind: kind.into(),
            qty: qty.into(),
            date: date.into(),
            unit_cost: cost.into(),
            cash: cash.into(),
            operator: "测试".into(),
            ..Default::default()
        };
        // April: the old part arrives and never moves again
        post_on(&mut s, &mv("OLD", "receipt", "4", "2026-04-10", "5.00", ""), t).unwrap();
        // October
        post_on(&mut s, &mv("F-1", "receipt", "10", "2026-10-05", "8.00", ""), t).unwrap(); // +80.00
        post_on(&mut s, &mv("OIL", "receipt", "20", "2026-10-05", "25.00", ""), t).unwrap(); // +500.00
        post_on(&mut s, &mv("SP", "receipt", "5", "2026-10-06", "12.00", ""), t).unwrap(); // +60.00
                                                                                           // November
        post_on(&mut s, &mv("F-1", "sale", "2", "2026-11-02", "", "30.00"), t).unwrap(); // -16.00, cash 30
        post_on(&mut s, &mv("OIL", "repair", "3", "2026-11-03", "", ""), t).unwrap(); // -75.00; oil 3 × 30
        post_on(&mut s, &mv("OIL", "sale", "1", "2026-11-04", "", ""), t).unwrap(); // -25.00, cash 30; oil 1 × 30
        post_on(&mut s, &mv("OIL", "warranty", "1", "2026-11-05", "", ""), t).unwrap(); // -25.00; oil issued, not sold
        post_on(&mut s, &mv("SP", "loss", "1", "2026-11-06", "", ""), t).unwrap(); // stocktake loss 12.00
        let r = post_on(&mut s, &mv("F-1", "receipt", "5", "2026-11-07", "9.00", ""), t).unwrap(); // +45.00
        reverse(&mut s, r.id, "经理", "录错", day("2026-11-08")).unwrap(); // F-1 13 pcs @ 109: 5 out at 41.92
        let sale = post_on(&mut s, &mv("F-1", "sale", "1", "2026-11-09", "", "15.00"), t).unwrap();
        reverse(&mut s, sale.id, "经理", "退货", day("2026-11-10")).unwrap(); // cash back 15
                                                                              // a sub-dealer order of F-1 ×4 and SP ×4, first delivery 4 and 2
        let o = orders::create(
            &mut s,
            &OrderInput {
                dealer: "王集网点".into(),
                ordered_on: "2026-11-11".into(),
                lines: vec![
                    OrderLineInput {
                        part_no: "F-1".into(),
                        qty: "4".into(),
                    },
                    OrderLineInput {
                        part_no: "SP".into(),
                        qty: "4".into(),
                    },
                ],
                ..Default::default()
            },
            t,
        )
        .unwrap();
        orders::deliver(
            &mut s,
            &DeliveryInput {
                order_id: o.id,
                date: "2026-11-12".into(),
                operator: "发运员".into(),
                lines: vec![
                    DeliveryLineInput {
                        line_id: o.lines[0].id,
                        qty: "4".into(),
                        ..Default::default()
                    },
                    DeliveryLineInput {
                        line_id: o.lines[1].id,
                        qty: "2".into(),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
            t,
        )
        .unwrap();
        s
    }

    #[test]
    fn october_by_hand() {
        let s = fixture();
        let i = compute(s.conn(), m("2026-10")).unwrap();
        // stock at 31 Oct: OLD 20.00 + F-1 80.00 + OIL 500.00 + SP 60.00
        assert_eq!(i.inventory_value.to_string(), "660.00");
        assert_eq!(i.inbound_value.to_string(), "640.00");
        assert_eq!(i.outbound_value.to_string(), "0.00");
        assert_eq!(i.turnover.unwrap().display(), "0%");
        assert_eq!(i.parts_sales.to_string(), "0.00");
        // 4 parts in stock, none issued since 1 May; but F-1, OIL and SP
        // arrived in October: new stock is not slow. OLD (10 April) is.
        assert_eq!((i.slow_moving_kinds, i.stocked_kinds), (1, 4));
        assert_eq!(i.slow_moving_rate.unwrap().display(), "25%");
        assert_eq!((i.first_supply_qty_rate, i.first_supply_orders), (None, 0));
    }

    #[test]
    fn november_by_hand() {
        let s = fixture();
        let i = compute(s.conn(), m("2026-11")).unwrap();
        // F-1: 10 @ 80.00; sale 2 → 8 pcs 64.00; receipt 5 @ 9 → 13 pcs 109.00;
        //      reversal takes 5 of 13: 109 × 5 / 13 = 41.923… → 41.92 → 8 pcs 67.08;
        //      sale 1: 67.08 / 8 = 8.385 → 8.39 → 7 pcs 58.69; its reversal brings 8.39 back → 8 pcs 67.08;
        //      dealer 4 of 8: 33.54 → 4 pcs 33.54
        // OIL: 20 @ 500.00, 5 issued at 25.00 each → 15 pcs 375.00
        // SP:  5 @ 60.00, loss 1 → 48.00, dealer 2 → 24.00 → 2 pcs 24.00
        // OLD: 4 pcs 20.00
        assert_eq!(i.inventory_value.to_string(), "452.54");
        // the monthly totals agree with the parts' balances read back from the ledger
        let (_, by_part) = crate::parts::ledger::stock_at(s.conn(), day("2026-11-30")).unwrap();
        assert_eq!(by_part, i.inventory_value);
        // receipts 45.00 less the reversal's 41.92
        assert_eq!(i.inbound_value.to_string(), "3.08");
        // issues: F-1 16.00 + 8.39 − 8.39 + 33.54; OIL 75 + 25 + 25; SP dealer 24.00
        assert_eq!(i.outbound_value.to_string(), "198.54");
        assert_eq!(i.stocktake_loss_value.to_string(), "12.00");
        assert_eq!(i.stocktake_gain_value.to_string(), "0.00");
        // cash: 30 (F-1) + 15 (F-1, then refunded) − 15 + 30 (OIL) + dealer 4 × 15 + 2 × 20
        assert_eq!(i.parts_sales.to_string(), "160.00");
        // 198.54 / 452.54 = 43.87…%
        assert_eq!(i.turnover.unwrap().display(), "43.9%");
        // order: 6 of 8 pieces, 1 of 2 lines
        assert_eq!(i.first_supply_qty_rate.unwrap().display(), "75%");
        assert_eq!(i.first_supply_line_rate.unwrap().display(), "50%");
        assert_eq!(i.first_supply_orders, 1);
        // in stock at 30 Nov: F-1, OIL, SP, OLD; only OLD had no issue since 1 June
        assert_eq!((i.slow_moving_kinds, i.stocked_kinds), (1, 4));
        assert_eq!(i.slow_moving_rate.unwrap().display(), "25%");
        // 5 bottles of 0.8 L issued (repair 3, sale 1, warranty 1)
        assert_eq!(i.engine_oil_litres.to_string(), "4");
        // sold: the counter sale's cash 30.00 and the repair issue of 3
        // outside a repair order at 限价 30.00; the warranty bottle is free
        assert_eq!(i.engine_oil_sales.to_string(), "120.00");
    }

    /// Hand-worked: OIL-1 (1 L a bottle, 限价 15.00) on repair orders in
    /// November: 2 bottles charged 12.00 each (a regular's price), 1 given
    /// free (price 0). Sold: 24.00 — the free bottle is not a sale, and not
    /// the 限价 either; issued: 3 L.
    #[test]
    fn oil_on_repair_orders_counts_at_the_price_charged() {
        use crate::customers::repair::{self, RepairInput, RepairPartInput};
        use crate::customers::testkit::{at, sell, shop};
        let mut s = shop();
        let v = sell(&mut s, "张三", "13800000001", 1, "2026-10-02");
        let o = repair::create(
            &mut s,
            &RepairInput {
                vehicle_id: Some(v),
                kind: "repair".into(),
                received_at: "2026-11-20 09:00".into(),
                technician: "刘师傅".into(),
                complaint: "换机油".into(),
                ..Default::default()
            },
            at("2026-11-20 09:00"),
        )
        .unwrap();
        for (qty, price) in [("2", "12"), ("1", "0")] {
            repair::add_part(
                &mut s,
                o.id,
                &RepairPartInput {
                    part_no: "OIL-1".into(),
                    qty: qty.into(),
                    price: price.into(),
                    operator: "库管".into(),
                    covered: false,
                },
                at("2026-11-20 09:30"),
            )
            .unwrap();
        }
        let i = compute(s.conn(), m("2026-11")).unwrap();
        assert_eq!(i.engine_oil_sales.to_string(), "24.00");
        assert_eq!(i.engine_oil_litres.to_string(), "3");
    }

    /// Indicator 1's records: the stock list as of a month end sums to it —
    /// 31 Oct: OLD 20.00 + F-1 80.00 + OIL 500.00 + SP 60.00 = 660.00, while
    /// the live list shows November's movements.
    #[test]
    fn the_stock_as_of_a_month_end_is_indicator_one() {
        let s = fixture();
        let page = |m: &str| {
            crate::parts::stock::query(
                s.conn(),
                &crate::parts::stock::StockQuery {
                    as_of_month: m.into(),
                    page_size: 500,
                    ..Default::default()
                },
                day(TODAY),
            )
            .unwrap()
        };
        let oct = page("2026-10");
        assert_eq!(
            oct.total_value,
            compute(s.conn(), m("2026-10")).unwrap().inventory_value
        );
        assert_eq!(oct.total_value.to_string(), "660.00");
        let f1 = oct.rows.iter().find(|p| p.part_no == "F-1").unwrap();
        assert_eq!((f1.on_hand, f1.stock_value.to_string()), (10, "80.00".to_string()));
        let nov = page("2026-11");
        assert_eq!(
            nov.total_value,
            compute(s.conn(), m("2026-11")).unwrap().inventory_value
        );
        // before anything arrived: nothing in stock
        assert_eq!(page("2026-03").total_rows, 0);
    }

    #[test]
    fn the_inventory_factor_suggested_by_the_last_twelve_months() {
        let s = fixture();
        // December 2025 – November 2026: stock at the month ends 0 × 4
        // (Dec–Mar), 20.00 × 6 (OLD, Apr–Sep), 660.00 (Oct), 452.54 (Nov)
        // → average 1,232.54 ÷ 12 = 102.71; issues 198.54 (all in November)
        // → 102.71 ÷ 198.54 = 0.517… → 0.52
        assert_eq!(
            suggested_inventory_factor(s.conn(), day("2026-12-05")).unwrap(),
            Some(Decimal::new(52, 2))
        );
        // up to October nothing was issued: no suggestion, never a division by zero
        assert_eq!(suggested_inventory_factor(s.conn(), day("2026-11-26")).unwrap(), None);
    }

    #[test]
    fn a_month_with_no_activity_and_no_stock_has_no_rates() {
        let s = fixture();
        let i = compute(s.conn(), m("2026-01")).unwrap();
        assert_eq!(i.inventory_value, Money::ZERO);
        assert_eq!(i.turnover, None, "0 ÷ 0 is 无数据, never 0%");
        assert_eq!(i.slow_moving_rate, None);
        assert_eq!(i.first_supply_qty_rate, None);
        assert_eq!((i.engine_oil_litres, i.engine_oil_sales), (Decimal::ZERO, Money::ZERO));
        // December: stock but no movement → turnover 0%, a real figure
        let d = compute(s.conn(), m("2026-12")).unwrap();
        assert_eq!(d.inventory_value.to_string(), "452.54");
        assert_eq!(d.turnover.unwrap().display(), "0%");
    }

    #[test]
    fn many_months_at_once_equal_each_month_alone() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::populate_on(&mut s, day(TODAY)).unwrap();
        let months = crate::dashboard::trend_months(m("2026-11"));
        let all = compute_many(s.conn(), &months, m("2026-12").first_day()).unwrap();
        assert_eq!(all.len(), 12);
        for (month, got) in months.iter().zip(&all) {
            assert_eq!(got, &compute(s.conn(), *month).unwrap(), "{}", month.iso());
        }
        // the demo's slow movers change over the year
        assert!(all.iter().any(|p| p.slow_moving_kinds > 0));
        assert!(all.iter().all(|p| p.stocked_kinds > 0));
        // and the month-end states agree with the movements themselves, read
        // directly: each part's balance after its last movement on or before
        // the month end, its latest issue not reversed by then, its first day
        assert_eq!(
            s.conn()
                .query_row("SELECT count(*) FROM part_active_change", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            0,
            "the demo changes no part's 在用 flag"
        );
        for (month, got) in months.iter().zip(&all) {
            let (stocked, slow): (i64, i64) = s
                .conn()
                .query_row(
                    "SELECT count(*), coalesce(sum(last_issue < ?2 AND first_in < ?2), 0) FROM (
                         SELECT (SELECT balance_qty FROM stock_movement WHERE part_id = p.id AND moved_on <= ?1
                                 ORDER BY moved_on DESC, id DESC LIMIT 1) AS bal,
                                coalesce((SELECT max(m.moved_on) FROM stock_movement m
                                          WHERE m.part_id = p.id AND m.moved_on <= ?1
                                            AND m.kind IN ('sale', 'repair', 'warranty', 'dealer')
                                            AND m.reverses_id IS NULL
                                            AND NOT EXISTS (SELECT 1 FROM stock_movement r
                                                            WHERE r.reverses_id = m.id AND r.moved_on <= ?1)), '') AS last_issue,
                                (SELECT min(moved_on) FROM stock_movement WHERE part_id = p.id) AS first_in
                         FROM part p WHERE p.active = 1)
                     WHERE bal > 0",
                    params![month.last_day().to_string(), slow_window_start(*month)],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                (got.stocked_kinds, got.slow_moving_kinds),
                (stocked, slow),
                "{}",
                month.iso()
            );
            // the stock screen's 滞销 list for the month is the same parts
            assert_eq!(slow_moving_parts(s.conn(), *month).unwrap().len() as i64, slow);
        }
    }

    /// Indicator 7 at its edges, worked out by hand: new stock, a reversed
    /// sale, an issue on the window's first day, a receipt on the day before
    /// it, and a part taken out of use (停用) after the month.
    #[test]
    fn slow_moving_by_hand() {
        let mut s = Store::open_in_memory().unwrap();
        for no in ["R", "N", "G", "B"] {
            create(
                s.conn(),
                &PartInput {
                    part_no: no.into(),
                    name: format!("配件{no}"),
                    cost_price: "10".into(),
                    retail_price: "15".into(),
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let t = day(TODAY);
        let mv = |no: &str, kind: &str, date: &str| MovementInput {
            part_no: no.into(),
            kind: kind.into(),
            qty: "1".into(),
            date: date.into(),
            unit_cost: if kind == "receipt" {
                "10.00".into()
            } else {
                String::new()
            },
            operator: "测试".into(),
            ..Default::default()
        };
        let mut recv = |no: &str, date: &str| {
            let mut input = mv(no, "receipt", date);
            input.qty = "5".into();
            post_on(&mut s, &input, t).unwrap();
        };
        recv("R", "2026-03-10");
        recv("G", "2026-01-05");
        recv("B", "2026-05-31");
        recv("N", "2026-11-05");
        // R: sold on 15 Sep, the sale reversed on 20 Sep — no movement
        let sale = post_on(&mut s, &mv("R", "sale", "2026-09-15"), t).unwrap();
        reverse(&mut s, sale.id, "经理", "退货", day("2026-09-20")).unwrap();
        // G: used on a repair on 1 June, the first day of November's window
        post_on(&mut s, &mv("G", "repair", "2026-06-01"), t).unwrap();
        let c = s.conn();
        let counts = |month: &str| {
            let i = compute(c, m(month)).unwrap();
            (i.slow_moving_kinds, i.stocked_kinds)
        };
        let ids = |nos: &[&str]| -> Vec<i64> {
            let mut v: Vec<i64> = nos
                .iter()
                .map(|no| {
                    c.query_row("SELECT id FROM part WHERE part_no = ?1", [no], |r| r.get(0))
                        .unwrap()
                })
                .collect();
            v.sort_unstable();
            v
        };
        // August (window from 1 March): R arrived 10 March, inside it; G
        // and B too new or moved → nothing slow of R, G, B
        assert_eq!(counts("2026-08"), (0, 3));
        // September (window from 1 April): R's only sale was reversed by
        // the month end → slow; G moved in June; B arrived 31 May
        assert_eq!(counts("2026-09"), (1, 3));
        // October (window from 1 May): B arrived 31 May, inside → still new
        assert_eq!(counts("2026-10"), (1, 3));
        // November (window from 1 June): R, and B (arrived the day before
        // the window); G's issue on 1 June counts; N arrived this month
        assert_eq!(counts("2026-11"), (2, 4));
        assert_eq!(slow_moving_parts(c, m("2026-11")).unwrap(), ids(&["R", "B"]));
        // December (window from 1 July): G's June issue has left it
        assert_eq!(counts("2026-12"), (3, 4));
        let r_last: Option<String> = c
            .query_row("SELECT last_issue_on FROM part WHERE part_no = 'R'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(r_last, None, "a reversed sale is not the part's last 动销");
        // B is taken out of use (停用) on 2 December: December no longer
        // counts it, November as it was
        c.execute("UPDATE part SET active = 0 WHERE part_no = 'B'", []).unwrap();
        c.execute("UPDATE part_active_change SET changed_on = '2026-12-02'", [])
            .unwrap();
        assert_eq!(counts("2026-11"), (2, 4));
        assert_eq!(slow_moving_parts(c, m("2026-11")).unwrap(), ids(&["R", "B"]));
        assert_eq!(counts("2026-12"), (2, 3));
        assert_eq!(slow_moving_parts(c, m("2026-12")).unwrap(), ids(&["G", "R"]));
    }
}
