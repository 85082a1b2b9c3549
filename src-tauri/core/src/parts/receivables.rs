//! 经销商往来：what the shop's sub-dealers owe for the parts shipped to them
//! (应收款) and the cash they pay (收款). Indicator 4 (配件销售金额) counts
//! cash when it comes in (the card: 以现金收款为准), so a shipment on credit
//! counts in the month it is paid, not the month it ships.
//!
//! A delivery charges its lines at the price agreed (单价, default the
//! part's 限价); the outlet pays with the delivery (现结, a payment linked
//! to it) or later (a 收款 against the outlet). Payments are append-only: a
//! wrong one is reversed (冲销) by a negative payment dated the day of the
//! correction, so a closed month's cash never moves.
//!
//! An outlet's balance is Σ charged − Σ received, where deliveries made
//! before migration 22 count as received at shipment (their cash was booked
//! on the movement then). Its age (账龄) spreads the balance over the
//! deliveries still unpaid, oldest paid first (先发先收).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::dates::{self, Month};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::money::Money;
use crate::store::Store;

/// How a payment was made (收款方式).
pub const METHODS: &[&str] = &["现金", "转账", "微信", "支付宝", "其他"];

/// A 收款 as typed.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct PaymentInput {
    pub dealer: String,
    pub paid_on: String,
    pub amount: String,
    pub method: String,
    pub operator: String,
    pub note: String,
}

/// One payment (or its reversal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: i64,
    pub dealer: String,
    pub paid_on: String,
    /// negative for a reversal
    pub amount: Money,
    pub method: String,
    /// the order and delivery it was paid with (现结), e.g. `DD-202611-0003 第1次`
    pub with_delivery: Option<String>,
    pub reverses_id: Option<i64>,
    pub reversed_by: Option<i64>,
    pub operator: String,
    pub note: String,
}

/// An outlet's account: what it owes and how old the debt is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DealerBalance {
    pub dealer_id: i64,
    pub dealer: String,
    /// Σ charged on deliveries
    pub charged: Money,
    /// Σ received (with deliveries and later)
    pub received: Money,
    /// 应收余额
    pub balance: Money,
    /// the balance by age of the unpaid deliveries: 30 天内, 31–60, 61–90, 90 天以上
    pub aged: [Money; 4],
    /// the oldest delivery not yet fully paid
    pub oldest_unpaid_on: Option<String>,
    /// its age in days as of today
    pub oldest_days: Option<i64>,
    pub last_paid_on: Option<String>,
}

/// One line of an outlet's statement (对账单): a delivery charged or a
/// payment received, oldest first, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementLine {
    pub on: String,
    /// 发货 / 收款 / 收款冲销
    pub kind: &'static str,
    pub reference: String,
    pub charged: Money,
    pub received: Money,
    pub balance: Money,
    pub payment_id: Option<i64>,
    /// a payment that can still be reversed
    pub reversible: bool,
}

/// The age buckets' labels, as the screens and the export show them.
pub const AGE_LABELS: [&str; 4] = ["30天内", "31–60天", "61–90天", "90天以上"];

fn bucket(days: i64) -> usize {
    match days {
        ..=30 => 0,
        31..=60 => 1,
        61..=90 => 2,
        _ => 3,
    }
}

fn dealer_id(conn: &Connection, name: &str) -> AppResult<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM dealer WHERE name = ?1", [name.trim()], |r| r.get(0))
        .optional()?)
}

/// Deliveries charged to an outlet, oldest first: (date, reference, charged
/// on it, received at shipment under the old rule).
fn deliveries(conn: &Connection, dealer_id: i64) -> AppResult<Vec<(String, String, i64, i64)>> {
    let mut st = conn.prepare(
        "SELECT dd.delivered_on, o.order_no || ' 第' || dd.seq || '次发货',
                coalesce(sum(dl.amount_fen), 0), coalesce(sum(m.cash_fen), 0)
         FROM dealer_delivery dd JOIN dealer_order o ON o.id = dd.order_id
         JOIN dealer_delivery_line dl ON dl.delivery_id = dd.id
         JOIN stock_movement m ON m.id = dl.movement_id
         WHERE o.dealer_id = ?1 GROUP BY dd.id ORDER BY dd.delivered_on, dd.id",
    )?;
    let rows = st
        .query_map([dealer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn balance_of(conn: &Connection, dealer_id: i64, name: String, today: NaiveDate) -> AppResult<DealerBalance> {
    let dels = deliveries(conn, dealer_id)?;
    let (paid, last_paid_on): (i64, Option<String>) = conn.query_row(
        "SELECT coalesce(sum(amount_fen), 0), max(CASE WHEN amount_fen > 0 THEN paid_on END)
         FROM dealer_payment WHERE dealer_id = ?1",
        [dealer_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let charged: i64 = dels.iter().map(|d| d.2).sum();
    let at_shipment: i64 = dels.iter().map(|d| d.3).sum();
    let received = paid + at_shipment;
    // 先发先收: what was received pays the oldest deliveries first
    let mut left = received;
    let mut aged = [0i64; 4];
    let mut oldest: Option<(String, i64)> = None;
    for (on, _, amount, _) in &dels {
        let covered = left.min(*amount).max(0);
        left -= covered;
        let unpaid = amount - covered;
        if unpaid > 0 {
            let days = NaiveDate::parse_from_str(on, "%Y-%m-%d")
                .map(|d| (today - d).num_days())
                .unwrap_or(0);
            aged[bucket(days)] += unpaid;
            if oldest.is_none() {
                oldest = Some((on.clone(), days));
            }
        }
    }
    Ok(DealerBalance {
        dealer_id,
        dealer: name,
        charged: Money::from_fen(charged),
        received: Money::from_fen(received),
        balance: Money::from_fen(charged - received),
        aged: aged.map(Money::from_fen),
        oldest_days: oldest.as_ref().map(|o| o.1),
        oldest_unpaid_on: oldest.map(|o| o.0),
        last_paid_on,
    })
}

/// Every outlet that was ever charged, with its balance and ages as of
/// `today`; those owing first, the largest debt first.
pub fn balances(conn: &Connection, today: NaiveDate) -> AppResult<Vec<DealerBalance>> {
    let dealers: Vec<(i64, String)> = conn
        .prepare(
            "SELECT DISTINCT d.id, d.name FROM dealer d JOIN dealer_order o ON o.dealer_id = d.id
             WHERE EXISTS (SELECT 1 FROM dealer_delivery dd WHERE dd.order_id = o.id)
             UNION SELECT d.id, d.name FROM dealer d WHERE EXISTS (SELECT 1 FROM dealer_payment p WHERE p.dealer_id = d.id)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = dealers
        .into_iter()
        .map(|(id, name)| balance_of(conn, id, name, today))
        .collect::<AppResult<Vec<_>>>()?;
    out.sort_by(|a, b| b.balance.cmp(&a.balance).then_with(|| a.dealer.cmp(&b.dealer)));
    Ok(out)
}

/// One outlet's balance by name.
pub fn balance(conn: &Connection, dealer: &str, today: NaiveDate) -> AppResult<DealerBalance> {
    let id = dealer_id(conn, dealer)?.ok_or_else(|| AppError::not_found(format!("没有经销商「{}」", dealer.trim())))?;
    let name: String = conn.query_row("SELECT name FROM dealer WHERE id = ?1", [id], |r| r.get(0))?;
    balance_of(conn, id, name, today)
}

/// An outlet's statement (对账单), oldest first.
pub fn statement(conn: &Connection, dealer: &str) -> AppResult<Vec<StatementLine>> {
    let id = dealer_id(conn, dealer)?.ok_or_else(|| AppError::not_found(format!("没有经销商「{}」", dealer.trim())))?;
    let mut lines: Vec<(String, u8, StatementLine)> = Vec::new();
    for (on, reference, amount, at_shipment) in deliveries(conn, id)? {
        lines.push((
            on.clone(),
            0,
            StatementLine {
                on,
                kind: "发货",
                reference,
                charged: Money::from_fen(amount),
                // the old rule: received when shipped
                received: Money::from_fen(at_shipment),
                balance: Money::ZERO,
                payment_id: None,
                reversible: false,
            },
        ));
    }
    for p in payments_of(conn, id)? {
        let reference = match (&p.with_delivery, p.reverses_id) {
            (_, Some(r)) => format!("冲销第 {r} 号收款：{}", p.note),
            (Some(d), None) => format!("{d} 现结（{}）", p.method),
            (None, None) if p.note.is_empty() => format!("收款（{}）", p.method),
            (None, None) => format!("收款（{}）：{}", p.method, p.note),
        };
        lines.push((
            p.paid_on.clone(),
            1,
            StatementLine {
                on: p.paid_on.clone(),
                kind: if p.reverses_id.is_some() {
                    "收款冲销"
                } else {
                    "收款"
                },
                reference,
                charged: Money::ZERO,
                received: p.amount,
                balance: Money::ZERO,
                payment_id: Some(p.id),
                reversible: p.reverses_id.is_none() && p.reversed_by.is_none(),
            },
        ));
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut balance = Money::ZERO;
    Ok(lines
        .into_iter()
        .map(|(_, _, mut l)| {
            balance = balance + l.charged - l.received;
            l.balance = balance;
            l
        })
        .collect())
}

const PAYMENT_SQL: &str = "SELECT p.id, d.name, p.paid_on, p.amount_fen, p.method,
        (SELECT o.order_no || ' 第' || dd.seq || '次发货' FROM dealer_delivery dd JOIN dealer_order o ON o.id = dd.order_id
         WHERE dd.id = p.delivery_id),
        p.reverses_id, (SELECT r.id FROM dealer_payment r WHERE r.reverses_id = p.id), p.operator, p.note
     FROM dealer_payment p JOIN dealer d ON d.id = p.dealer_id";

fn payment_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Payment> {
    Ok(Payment {
        id: r.get(0)?,
        dealer: r.get(1)?,
        paid_on: r.get(2)?,
        amount: Money::from_fen(r.get(3)?),
        method: r.get(4)?,
        with_delivery: r.get(5)?,
        reverses_id: r.get(6)?,
        reversed_by: r.get(7)?,
        operator: r.get(8)?,
        note: r.get(9)?,
    })
}

fn payments_of(conn: &Connection, dealer_id: i64) -> AppResult<Vec<Payment>> {
    let mut st = conn.prepare(&format!(
        "{PAYMENT_SQL} WHERE p.dealer_id = ?1 ORDER BY p.paid_on, p.id"
    ))?;
    let rows = st.query_map([dealer_id], payment_from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn get_payment(conn: &Connection, id: i64) -> AppResult<Payment> {
    conn.query_row(&format!("{PAYMENT_SQL} WHERE p.id = ?1"), [id], payment_from_row)
        .optional()?
        .ok_or_else(|| AppError::not_found("找不到这笔收款"))
}

/// 收款方式 as typed (empty = 现金), or the problem (a payment, a delivery).
pub(crate) fn check_method(f: &mut Fields, v: &str) -> String {
    let m = v.trim();
    if m.is_empty() {
        "现金".into()
    } else if METHODS.contains(&m) {
        m.into()
    } else {
        f.bad("method", format!("收款方式应为{}之一", METHODS.join("、")));
        String::new()
    }
}

/// Records a 收款 from an outlet. The amount may not exceed what it owes
/// (there is no prepayment account).
pub fn receive(store: &mut Store, input: &PaymentInput, today: NaiveDate) -> AppResult<Payment> {
    let p = store.write(|tx| receive_in(tx, input, today))?;
    Ok(p)
}

/// [`receive`] inside a transaction the caller holds.
pub fn receive_in(tx: &Connection, input: &PaymentInput, today: NaiveDate) -> AppResult<Payment> {
    let mut f = Fields::new();
    let dealer = if input.dealer.trim().is_empty() {
        f.bad("dealer", "请选择经销商");
        None
    } else {
        let id = dealer_id(tx, &input.dealer)?;
        if id.is_none() {
            f.bad("dealer", format!("没有经销商「{}」", input.dealer.trim()));
        }
        id
    };
    let on = f.required_date("paidOn", "收款日期", &input.paid_on, today);
    let amount = match f.money("amount", "收款金额", &input.amount) {
        Some(m) if m.is_zero() => {
            f.bad("amount", "收款金额须大于 0");
            None
        }
        None if !f.has("amount") => {
            f.bad("amount", "请填写收款金额");
            None
        }
        a => a,
    };
    let method = check_method(&mut f, &input.method);
    let operator = f.text("operator", "经办人", &input.operator, 20, true);
    let note = f.text("note", "备注", &input.note, 100, false);
    if let (Some(id), Some(a)) = (dealer, amount) {
        let name: String = tx.query_row("SELECT name FROM dealer WHERE id = ?1", [id], |r| r.get(0))?;
        let owed = balance_of(tx, id, name.clone(), today)?.balance;
        if a > owed {
            f.bad(
                "amount",
                format!("收款 {} 超过{name}的欠款 {}", a.display_cny(), owed.display_cny()),
            );
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO dealer_payment (dealer_id, paid_on, amount_fen, method, operator, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            dealer,
            on.expect("checked").to_string(),
            amount.expect("checked").to_fen(),
            method,
            operator,
            note,
            dates::stamp()
        ],
    )?;
    get_payment(tx, tx.last_insert_rowid())
}

/// The payment made with a delivery (现结), inside the delivery's
/// transaction.
pub(crate) fn with_delivery(
    tx: &Connection,
    dealer_id: i64,
    delivery_id: i64,
    on: NaiveDate,
    amount: Money,
    method: &str,
    operator: &str,
) -> AppResult<()> {
    tx.execute(
        "INSERT INTO dealer_payment (dealer_id, paid_on, amount_fen, method, delivery_id, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            dealer_id,
            on.to_string(),
            amount.to_fen(),
            method,
            delivery_id,
            operator,
            dates::stamp()
        ],
    )?;
    Ok(())
}

/// 冲销: reverses a payment by a negative one dated `today`, with the reason.
pub fn reverse(store: &mut Store, id: i64, operator: &str, reason: &str, today: NaiveDate) -> AppResult<Payment> {
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let p = get_payment(&tx, id)?;
    if p.reverses_id.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这是一笔冲销记录，不能再冲销"));
    }
    if p.reversed_by.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这笔收款已经冲销过了"));
    }
    let mut f = Fields::new();
    let operator = f.text("operator", "经办人", operator, 20, true);
    let reason = f.text("reason", "冲销原因", reason, 100, true);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let dealer = dealer_id(&tx, &p.dealer)?.expect("the payment's dealer");
    tx.execute(
        "INSERT INTO dealer_payment (dealer_id, paid_on, amount_fen, method, reverses_id, operator, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            dealer,
            today.to_string(),
            -p.amount.to_fen(),
            p.method,
            p.id,
            operator,
            reason,
            dates::stamp()
        ],
    )?;
    let out = get_payment(&tx, tx.last_insert_rowid())?;
    tx.commit()?;
    Ok(out)
}

/// Cash from sub-dealers in `month` (part of indicator 4), reversals netted.
pub fn received_in(conn: &Connection, month: Month) -> AppResult<Money> {
    let fen: i64 = conn.query_row(
        "SELECT coalesce(sum(amount_fen), 0) FROM dealer_payment INDEXED BY dealer_payment_date
         WHERE paid_on BETWEEN ?1 AND ?2",
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| r.get(0),
    )?;
    Ok(Money::from_fen(fen))
}

/// The receivables list (经销商应收款) as .xlsx, one row per outlet owing
/// or having owed. Returns the number of outlets.
pub fn export(conn: &Connection, path: &std::path::Path, today: NaiveDate) -> AppResult<usize> {
    let all = balances(conn, today)?;
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|b| {
            let mut r = vec![
                b.dealer.clone(),
                b.charged.to_string(),
                b.received.to_string(),
                b.balance.to_string(),
            ];
            r.extend(b.aged.iter().map(|m| m.to_string()));
            r.push(b.oldest_unpaid_on.clone().unwrap_or_default());
            r.push(b.oldest_days.map(|d| d.to_string()).unwrap_or_default());
            r.push(b.last_paid_on.clone().unwrap_or_default());
            r
        })
        .collect();
    crate::sheet::write_table(
        path,
        "经销商应收款",
        &[
            ("经销商", 18),
            ("发货货款", 12),
            ("已收", 12),
            ("应收余额", 12),
            (AGE_LABELS[0], 11),
            (AGE_LABELS[1], 11),
            (AGE_LABELS[2], 11),
            (AGE_LABELS[3], 11),
            ("最早未收发货日", 14),
            ("最长账龄（天）", 13),
            ("最近收款日", 12),
        ],
        &rows,
    )?;
    Ok(all.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::create as create_part;
    use crate::parts::ledger::post_on;
    use crate::parts::orders::{self, DeliveryInput, DeliveryLineInput, OrderInput, OrderLineInput};
    use crate::parts::testkit::{day, mv, part};

    const TODAY: &str = "2026-11-26";

    fn shop() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        crate::parts::testkit::outlets(s.conn(), &["城南车行", "李庄摩配店", "王集镇摩托维修部"]);
        for (no, name) in [("A-1", "机油滤清器"), ("B-2", "火花塞")] {
            create_part(s.conn(), &part(no, name)).unwrap();
            post_on(&mut s, &mv(no, "receipt", "20", "2026-08-01"), day(TODAY)).unwrap();
        }
        s
    }

    /// Orders `qty` of `part_no` for `dealer` on `on` and ships it all that
    /// day at `price` (empty: 限价), `paid` with it (empty: all).
    fn sell(s: &mut Store, dealer: &str, part_no: &str, qty: &str, on: &str, price: &str, paid: &str) -> AppResult<()> {
        let o = orders::create(
            s,
            &OrderInput {
                dealer: dealer.into(),
                ordered_on: on.into(),
                note: String::new(),
                lines: vec![OrderLineInput {
                    part_no: part_no.into(),
                    qty: qty.into(),
                }],
            },
            day(TODAY),
        )?;
        orders::deliver(
            s,
            &DeliveryInput {
                order_id: o.id,
                date: on.into(),
                operator: "发运员".into(),
                lines: vec![DeliveryLineInput {
                    line_id: o.lines[0].id,
                    qty: qty.into(),
                    unit_price: price.into(),
                }],
                paid: paid.into(),
                method: String::new(),
            },
            day(TODAY),
        )?;
        Ok(())
    }

    fn pay(s: &mut Store, dealer: &str, amount: &str, on: &str) -> AppResult<Payment> {
        receive(
            s,
            &PaymentInput {
                dealer: dealer.into(),
                paid_on: on.into(),
                amount: amount.into(),
                method: "转账".into(),
                operator: "会计".into(),
                note: String::new(),
            },
            day(TODAY),
        )
    }

    fn sales(s: &Store, m: &str) -> String {
        crate::parts::indicators::compute(s.conn(), Month::parse(m).unwrap())
            .unwrap()
            .parts_sales
            .to_string()
    }

    /// Hand-worked. 李庄: 4 × A-1 on 08-10 at ¥12 on credit (¥48); 2 × B-2
    /// on 09-20 at 限价 ¥15 (¥30), ¥10 paid with it; ¥40 by transfer on
    /// 11-02. 王集: 1 × A-1 on 10-05, paid in full (¥15).
    /// Cash by month (indicator 4): Aug 0, Sep 10, Oct 15, Nov 40.
    /// 李庄 owes 48 + 30 − 10 − 40 = 28; oldest first, the ¥50 paid covers
    /// the August delivery and 2 of September's, so the ¥28 left is 67 days
    /// old on 11-26 (61–90 天).
    #[test]
    fn cash_counts_when_paid_and_the_debt_is_aged_oldest_first() {
        let mut s = shop();
        sell(&mut s, "李庄摩配店", "A-1", "4", "2026-08-10", "12", "0").unwrap();
        sell(&mut s, "李庄摩配店", "B-2", "2", "2026-09-20", "", "10").unwrap();
        sell(&mut s, "王集镇摩托维修部", "A-1", "1", "2026-10-05", "", "").unwrap();
        // no cash on the movements: it is the payments'
        let cash: i64 = s
            .conn()
            .query_row(
                "SELECT sum(cash_fen) FROM stock_movement WHERE kind = 'dealer'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(cash, 0);
        // more than owed is refused, and so are a zero, a future day and an
        // unknown outlet — nothing written
        let e = pay(&mut s, "李庄摩配店", "100", "2026-11-02").unwrap_err();
        assert_eq!(e.message, "收款 ¥100.00 超过李庄摩配店的欠款 ¥68.00");
        let e = pay(&mut s, "李庄摩配店", "0", "2026-11-02").unwrap_err();
        assert_eq!(e.message, "收款金额须大于 0");
        let e = pay(&mut s, "李庄摩配店", "5", "2026-11-27").unwrap_err();
        assert!(e.message.contains("晚于今天"), "{}", e.message);
        let e = pay(&mut s, "城北车行", "5", "2026-11-02").unwrap_err();
        assert_eq!(e.message, "没有经销商「城北车行」");
        let p = pay(&mut s, "李庄摩配店", "40", "2026-11-02").unwrap();
        assert_eq!((p.amount.to_string(), p.method.as_str()), ("40.00".to_string(), "转账"));
        assert_eq!(
            [
                sales(&s, "2026-08"),
                sales(&s, "2026-09"),
                sales(&s, "2026-10"),
                sales(&s, "2026-11")
            ],
            ["0.00", "10.00", "15.00", "40.00"]
        );
        let all = balances(s.conn(), day(TODAY)).unwrap();
        let li = &all[0];
        assert_eq!(li.dealer, "李庄摩配店");
        assert_eq!(
            (li.charged.to_string(), li.received.to_string(), li.balance.to_string()),
            ("78.00".to_string(), "50.00".to_string(), "28.00".to_string())
        );
        assert_eq!(li.aged.map(|m| m.to_string()), ["0.00", "0.00", "28.00", "0.00"]);
        assert_eq!(
            (li.oldest_unpaid_on.as_deref(), li.oldest_days),
            (Some("2026-09-20"), Some(67))
        );
        assert_eq!(all[1].balance, Money::ZERO);
        // the statement: deliveries and payments, oldest first, with the balance
        let st = statement(s.conn(), "李庄摩配店").unwrap();
        let rows: Vec<(&str, &str, String)> = st
            .iter()
            .map(|l| (l.on.as_str(), l.kind, l.balance.to_string()))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("2026-08-10", "发货", "48.00".to_string()),
                ("2026-09-20", "发货", "78.00".to_string()),
                ("2026-09-20", "收款", "68.00".to_string()),
                ("2026-11-02", "收款", "28.00".to_string()),
            ]
        );
        // a payment entered wrongly is reversed today: the debt is back and
        // ages again (August's ¥38 unpaid is 108 days old); November's cash
        // nets to nothing
        let e = reverse(&mut s, p.id, "会计", " ", day(TODAY)).unwrap_err();
        assert_eq!(e.message, "请填写冲销原因");
        let r = reverse(&mut s, p.id, "会计", "金额录错", day(TODAY)).unwrap();
        assert_eq!(
            (r.amount.to_string(), r.reverses_id),
            ("-40.00".to_string(), Some(p.id))
        );
        let e = reverse(&mut s, p.id, "会计", "再来", day(TODAY)).unwrap_err();
        assert_eq!(e.message, "这笔收款已经冲销过了");
        let li = balance(s.conn(), "李庄摩配店", day(TODAY)).unwrap();
        assert_eq!(li.aged.map(|m| m.to_string()), ["0.00", "0.00", "30.00", "38.00"]);
        assert_eq!(sales(&s, "2026-11"), "0.00");
        // a payment may not be dated into a closed month
        s.conn()
            .execute(
                "INSERT INTO month_closing (month, closed_at, closed_by, figures, checklist) VALUES ('2026-10', 'x', 'x', '[]', '[]')",
                [],
            )
            .unwrap();
        let e = pay(&mut s, "李庄摩配店", "5", "2026-10-30").unwrap_err();
        assert_eq!(e.message, crate::error::MONTH_CLOSED_MESSAGE);
    }

    #[test]
    fn a_delivery_refuses_bad_prices_and_overpayment_whole() {
        let mut s = shop();
        let e = sell(&mut s, "李庄摩配店", "A-1", "2", "2026-11-10", "-3", "").unwrap_err();
        assert_eq!(e.message, "机油滤清器：单价不能为负数");
        let e = sell(&mut s, "李庄摩配店", "A-1", "2", "2026-11-10", "", "31").unwrap_err();
        assert_eq!(
            e.message,
            "本次收款 ¥31.00 超过本次货款 ¥30.00；以前的欠款请在「经销商往来」里收款"
        );
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM stock_movement WHERE kind = 'dealer'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 0, "nothing shipped");
        // a sub-dealer shipment is not posted outside an order
        let e = crate::parts::ledger::post(&mut s, &mv("A-1", "dealer", "1", "2026-11-10")).unwrap_err();
        assert_eq!(
            e.message,
            "经销商发货请在「经销商订单」里对订单发货（货款记到经销商名下）"
        );
    }
}
