//! 月结 (month-end closing): the manager closes a month after its checklist;
//! its figures are stored as the month's closing record and do not move.
//!
//! - [`checklist`] lists what stands between a month and its closing: the
//!   blocking lines (an earlier month not closed, a stocktake not posted)
//!   and the warnings (the month's vehicle sales not entered, follow-ups and
//!   inspections due without a result, repair orders still open, claims
//!   still 录入, sub-dealer orders not yet supplied, old parts waiting to go
//!   back). Warnings may be accepted with a reason, which is kept.
//! - [`close`] stores the month's 22 indicators (and so the factory's seven)
//!   with who and when; from then on the database refuses anything dated
//!   into the month (store/sql/0017_month_closing.sql).
//! - [`reopen`] (反月结) needs a reason; the closing stays in the history and
//!   a new close adds a new record, whose differences can be shown.
//!
//! Months close in order, from the shop's first month with records; the
//! current month and future months cannot be closed; only the latest closed
//! month can be reopened. Only 经理 closes and reopens.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use crate::auth::Role;
use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::store::Store;

/// Old parts replaced this many days before the month's end and still not
/// sent back are a warning line.
pub const OLD_PARTS_DAYS: i64 = 30;

/// One line of a month's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckLine {
    pub key: String,
    /// what it is, with its count, in the manager's words
    pub text: String,
    /// what the line says when there is nothing to do
    pub ok_text: String,
    pub count: i64,
    /// must be resolved before closing (otherwise: a warning that can be
    /// accepted with a reason)
    pub blocking: bool,
    /// the screen with the records behind it
    pub link: String,
}

/// What stands between a month and its closing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub month: String,
    /// already closed (then `closing` says when and by whom)
    pub closed: bool,
    pub closing: Option<Closing>,
    /// why the month cannot be closed at all (current or future month)
    pub not_closable: Option<String>,
    pub lines: Vec<CheckLine>,
}

impl Checklist {
    pub fn blocking(&self) -> impl Iterator<Item = &CheckLine> {
        self.lines.iter().filter(|l| l.blocking && l.count > 0)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &CheckLine> {
        self.lines.iter().filter(|l| !l.blocking && l.count > 0)
    }
}

/// A month's closing record.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Closing {
    pub id: i64,
    pub month: String,
    pub closed_at: String,
    pub closed_by: String,
    /// the 22 indicators as closed: (number, value; None = 无数据)
    pub values: Vec<(u8, Option<String>)>,
    pub checklist: Vec<CheckLine>,
    pub accepted_reason: String,
    pub reopened_at: Option<String>,
    pub reopened_by: Option<String>,
    pub reopen_reason: Option<String>,
    /// the rules its figures were computed under: 1 before migration 21
    /// (indicator 6 was 数量供应率 of orders first delivered in the month),
    /// 2 before migration 24 (21 counted units, 22 was at 限价), 3 now
    /// ([`RULES`])
    pub rules: i64,
}

/// The rules a closing made now records (see [`Closing::rules`]).
pub const RULES: i64 = 3;

impl Eq for Closing {}

fn closing_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Closing> {
    let figures: String = r.get(4)?;
    let checklist: String = r.get(5)?;
    Ok(Closing {
        id: r.get(0)?,
        month: r.get(1)?,
        closed_at: r.get(2)?,
        closed_by: r.get(3)?,
        values: serde_json::from_str(&figures).unwrap_or_default(),
        checklist: serde_json::from_str(&checklist).unwrap_or_default(),
        accepted_reason: r.get(6)?,
        reopened_at: r.get(7)?,
        reopened_by: r.get(8)?,
        reopen_reason: r.get(9)?,
        rules: r.get(10)?,
    })
}

const CLOSING_COLUMNS: &str =
    "id, month, closed_at, closed_by, figures, checklist, accepted_reason, reopened_at, reopened_by, reopen_reason, rules";

/// The month's closing in force, if it is closed.
pub fn current(conn: &Connection, month: Month) -> AppResult<Option<Closing>> {
    Ok(conn
        .query_row(
            &format!("SELECT {CLOSING_COLUMNS} FROM month_closing WHERE month = ?1 AND reopened_at IS NULL"),
            [month.iso()],
            closing_from_row,
        )
        .optional()?)
}

/// Every closing of the month, oldest first (reopened ones included).
pub fn history(conn: &Connection, month: Month) -> AppResult<Vec<Closing>> {
    let mut st = conn.prepare(&format!(
        "SELECT {CLOSING_COLUMNS} FROM month_closing WHERE month = ?1 ORDER BY id"
    ))?;
    let rows = st
        .query_map([month.iso()], closing_from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn is_closed(conn: &Connection, month: Month) -> AppResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM closed_months WHERE month = ?1",
            [month.iso()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The latest closed month, if any.
pub fn last_closed(conn: &Connection) -> AppResult<Option<Month>> {
    let m: Option<String> = conn.query_row("SELECT max(month) FROM closed_months", [], |r| r.get(0))?;
    m.map(|m| Month::parse(&m)).transpose()
}

/// The shop's first month with records (movements, repair orders, sales,
/// follow-ups): where the closing starts.
pub fn first_month(conn: &Connection) -> AppResult<Option<Month>> {
    let m: Option<String> = conn.query_row(
        // min() of the column itself, cut to the month afterwards: ISO
        // dates sort as text, and the indexes on moved_on, sale_date,
        // called_on and month answer it without reading those tables
        "SELECT substr(min(m), 1, 7) FROM (
            SELECT min(moved_on) AS m FROM stock_movement
            UNION ALL SELECT min(received_at) FROM repair_order
            UNION ALL SELECT min(sale_date) FROM vehicle WHERE sold_here = 1
            UNION ALL SELECT min(called_on) FROM follow_up
            UNION ALL SELECT min(month) FROM vehicle_sales_month)",
        [],
        |r| r.get(0),
    )?;
    m.map(|m| Month::parse(&m)).transpose()
}

fn count(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> AppResult<i64> {
    Ok(conn.query_row(sql, p, |r| r.get(0))?)
}

/// The month's checklist as of `today`.
pub fn checklist(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<Checklist> {
    let closing = current(conn, month)?;
    let not_closable = if month >= Month::of(today) {
        Some(if month == Month::of(today) {
            format!("{} 还没有过完，月底之后才能月结", crate::dates::month_label(month))
        } else {
            format!("{} 还没有到", crate::dates::month_label(month))
        })
    } else {
        None
    };
    let (first, last) = (month.first_day().to_string(), month.last_day().to_string());
    let mut lines = Vec::new();
    let mut line = |key: &str, text: String, ok: &str, count: i64, blocking: bool, link: &str| {
        lines.push(CheckLine {
            key: key.into(),
            text,
            ok_text: ok.into(),
            count,
            blocking,
            link: link.into(),
        })
    };

    // months close in order
    let prev = month.prev();
    let (prev_open, prev_ok) = match first_month(conn)? {
        Some(f) if prev >= f => (!is_closed(conn, prev)?, "上月已月结"),
        _ => (false, "这是本店第一个有记录的月份"),
    };
    line(
        "previous",
        format!("上月（{}）尚未月结：月份须按顺序月结", crate::dates::month_label(prev)),
        prev_ok,
        i64::from(prev_open),
        true,
        "/",
    );
    // the month's inputs
    let sales = count(
        conn,
        "SELECT count(*) FROM vehicle_sales_month WHERE month = ?1",
        [month.iso()],
    )?;
    line(
        "sales",
        "本月整车销售数量、金额还没有录入（建档率、三包费用率缺分母）".into(),
        "本月整车销售数字已录入",
        i64::from(sales == 0),
        // a warning: a shop whose sales side gives no figures closes with 9
        // and 12 as 无数据, and says why
        false,
        "/customers?tab=sales",
    );
    let stocktakes = count(
        conn,
        "SELECT count(*) FROM stocktake WHERE status = 'counting' AND created_on <= ?1",
        [&last],
    )?;
    line(
        "stocktake",
        format!("{stocktakes} 张盘点单还没有过账（盘盈盘亏未记入，月末库存不准）"),
        "盘点单都已过账",
        stocktakes,
        true,
        "/parts?tab=stocktake",
    );
    // warnings
    let follow_ups = crate::customers::follow_up::due(
        conn,
        month.last_day(),
        (month.last_day() - month.first_day()).num_days(),
        0,
    )?
    .len() as i64;
    line(
        "follow_ups",
        format!("{follow_ups} 个本月应回访的客户还没有有效回访"),
        "本月应回访的客户都已有效回访",
        follow_ups,
        false,
        "/customers?tab=followups",
    );
    let (due, done) = crate::customers::inspection::due_counts(conn, month)?;
    line(
        "inspections",
        format!("{} 辆本月应点检的车还没有点检", due - done),
        "本月应点检的车都已点检",
        due - done,
        false,
        "/customers?tab=inspections",
    );
    let open_repairs = count(
        conn,
        "SELECT count(*) FROM repair_order WHERE received_at <= ?1 || ' 23:59' AND (done_at IS NULL OR done_at > ?1 || ' 23:59')",
        [&last],
    )?;
    line(
        "repairs",
        format!("{open_repairs} 张维修单在月底还没有完工"),
        "月底没有未完工的维修单",
        open_repairs,
        false,
        "/customers?tab=repairs",
    );
    let drafts = count(
        conn,
        "SELECT count(*) FROM warranty_claim WHERE status IN ('draft', 'returned') AND reported_on <= ?1",
        [&last],
    )?;
    line(
        "claims",
        format!("{drafts} 张三包索赔还在录入或退回修改中，没有提交"),
        "三包索赔都已提交",
        drafts,
        false,
        "/warranty?tab=claims",
    );
    let orders = count(
        conn,
        "SELECT count(*) FROM dealer_order WHERE supply_due_on BETWEEN ?1 AND ?2
           AND close_kind IS NULL AND first_delivery_on IS NULL",
        params![first, last],
    )?;
    line(
        "dealer_orders",
        format!("{orders} 张一次供应期在本月结束的经销商订单没有任何发货记录，按未供应计入一次供应率：请确认发货都已登记，或把不再发货的订单结案"),
        "一次供应期在本月结束的经销商订单都有发货记录或已结案",
        orders,
        false,
        "/parts?tab=orders",
    );
    let old_parts = count(
        conn,
        "SELECT count(*) FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
         WHERE l.movement_id IS NOT NULL AND l.old_batch_id IS NULL AND w.repaired_on <= date(?1, ?2)
           AND w.claim_type = 'warranty'",
        params![last, format!("-{OLD_PARTS_DAYS} days")],
    )?;
    line(
        "old_parts",
        format!("{old_parts} 件三包旧件更换已超过 {OLD_PARTS_DAYS} 天还没有返厂"),
        "没有逾期未返厂的旧件",
        old_parts,
        false,
        "/warranty?tab=oldparts",
    );
    Ok(Checklist {
        month: month.iso(),
        closed: closing.is_some(),
        closing,
        not_closable,
        lines,
    })
}

/// Only 经理 closes and reopens (the command line counts as the manager).
fn manager_only(store: &Store) -> AppResult<String> {
    match store.actor() {
        Some(a) if a.role == Role::Manager => Ok(a.name),
        Some(a) => Err(AppError::new(
            ErrorCode::Forbidden,
            format!("只有经理可以月结或反月结（当前登录：{}）", a.role_label),
        )),
        None => Ok("经理".into()),
    }
}

/// Closes `month`: refused while a blocking line remains, or while a
/// warning is not accepted with a reason (`accept_reason`, empty = not
/// accepted). Stores the month's 22 indicators as its closing record.
pub fn close(store: &mut Store, month: Month, accept_reason: &str, now: NaiveDateTime) -> AppResult<Closing> {
    let who = manager_only(store)?;
    let closing = store.write(|tx| close_in(tx, &who, month, accept_reason, now))?;
    Ok(closing)
}

/// [`close`] inside the caller's transaction, by `who` (the demo shop
/// closes its past months in the transaction that writes them).
pub fn close_in(
    tx: &Connection,
    who: &str,
    month: Month,
    accept_reason: &str,
    now: NaiveDateTime,
) -> AppResult<Closing> {
    let today = now.date();
    let list = checklist(tx, month, today)?;
    if list.closed {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("{} 已经月结", crate::dates::month_label(month)),
        ));
    }
    if let Some(why) = &list.not_closable {
        return Err(AppError::new(ErrorCode::Validation, format!("不能月结：{why}")));
    }
    let blocking: Vec<String> = list.blocking().map(|l| l.text.clone()).collect();
    if !blocking.is_empty() {
        return Err(AppError::new(
            ErrorCode::Validation,
            format!("不能月结，须先处理：{}", blocking.join("；")),
        ));
    }
    let reason = accept_reason.trim();
    let warnings: Vec<String> = list.warnings().map(|l| l.text.clone()).collect();
    if !warnings.is_empty() && reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            format!(
                "还有提示未处理（{}）；如确认月结，请填写接受这些提示的原因",
                warnings.join("；")
            ),
        ));
    }
    if reason.chars().count() > 200 {
        return Err(AppError::invalid("reason", "原因不能超过 200 个字"));
    }
    let values = crate::dashboard::month_values(tx, month)?;
    let figures = serde_json::to_string(&values).expect("serialisable");
    let checklist = serde_json::to_string(&list.lines).expect("serialisable");
    tx.execute(
        "INSERT INTO month_closing (month, closed_at, closed_by, figures, checklist, accepted_reason, rules)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            month.iso(),
            now.format("%Y-%m-%d %H:%M:%S").to_string(),
            who,
            figures,
            checklist,
            if warnings.is_empty() { "" } else { reason },
            RULES
        ],
    )?;
    Ok(current(tx, month)?.expect("just closed"))
}

/// Closes every month not yet closed from the shop's first month with
/// records through `last`, in order, accepting their warnings with
/// `reason` (a shop that starts closing late, the demo, tests). Stops at
/// the first month that cannot be closed.
pub fn close_through(store: &mut Store, last: Month, reason: &str, now: NaiveDateTime) -> AppResult<()> {
    let Some(mut m) = first_month(store.conn())? else {
        return Ok(());
    };
    while m <= last {
        if !is_closed(store.conn(), m)? {
            close(store, m, reason, now)?;
        }
        m = m.next();
    }
    Ok(())
}

/// 反月结: opens the latest closed month again, with a reason.
pub fn reopen(store: &mut Store, month: Month, reason: &str, now: NaiveDateTime) -> AppResult<Closing> {
    let who = manager_only(store)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid("reason", "反月结须填写原因"));
    }
    if reason.chars().count() > 200 {
        return Err(AppError::invalid("reason", "原因不能超过 200 个字"));
    }
    let tx = store
        .conn_mut()
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(c) = current(&tx, month)? else {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("{} 没有月结，不需要反月结", crate::dates::month_label(month)),
        ));
    };
    if let Some(later) = last_closed(&tx)?.filter(|m| *m > month) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!(
                "{} 之后的 {} 也已月结；请先反月结最近的月份",
                crate::dates::month_label(month),
                crate::dates::month_label(later)
            ),
        ));
    }
    tx.execute(
        "UPDATE month_closing SET reopened_at = ?2, reopened_by = ?3, reopen_reason = ?4 WHERE id = ?1",
        params![c.id, now.format("%Y-%m-%d %H:%M:%S").to_string(), who, reason],
    )?;
    let c = tx.query_row(
        &format!("SELECT {CLOSING_COLUMNS} FROM month_closing WHERE id = ?1"),
        [c.id],
        closing_from_row,
    )?;
    tx.commit()?;
    Ok(c)
}

/// The indicators whose value changed between two closings of a month:
/// (number, before, after).
pub fn differences(a: &Closing, b: &Closing) -> Vec<(u8, Option<String>, Option<String>)> {
    a.values
        .iter()
        .filter_map(|(n, v)| {
            let w = b.values.iter().find(|(m, _)| m == n).and_then(|(_, w)| w.clone());
            (w != *v).then(|| (*n, v.clone(), w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::ledger::{self, MovementInput};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        day(s).and_hms_opt(18, 0, 0).unwrap()
    }

    fn demo_on(today: NaiveDate) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        // not closed yet: these tests close the months themselves
        crate::demo::populate_open_on(&mut s, today).unwrap();
        s
    }

    fn count(s: &Store, sql: &str) -> i64 {
        s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Closes every month from the shop's first up to `last`, accepting
    /// the warnings.
    fn close_through(s: &mut Store, last: Month, today: NaiveDate) {
        super::close_through(s, last, "测试：提示已知悉", today.and_hms_opt(18, 0, 0).unwrap()).unwrap();
    }

    #[test]
    fn months_close_in_order_and_only_once_they_are_over() {
        let today = day("2026-11-30");
        let mut s = demo_on(today);
        let nov = Month::of(today);
        let list = checklist(s.conn(), nov, today).unwrap();
        assert!(list.not_closable.as_deref().unwrap().contains("还没有过完"));
        assert!(close(&mut s, nov, "x", at("2026-11-30")).is_err());
        // October first needs September (and every month before it)
        let oct = nov.prev();
        let e = close(&mut s, oct, "x", at("2026-11-30")).unwrap_err();
        assert!(e.message.contains("上月（2026年9月）尚未月结"), "{}", e.message);
        // warnings need a reason
        let first = first_month(s.conn()).unwrap().unwrap();
        let list = checklist(s.conn(), first, today).unwrap();
        assert_eq!(list.blocking().count(), 0, "{:?}", list.lines);
        if list.warnings().count() > 0 {
            let e = close(&mut s, first, "  ", at("2026-11-30")).unwrap_err();
            assert_eq!(e.problems[0].field.as_deref(), Some("reason"));
        }
        close_through(&mut s, oct, today);
        assert!(is_closed(s.conn(), oct).unwrap());
        assert_eq!(last_closed(s.conn()).unwrap(), Some(oct));
        let c = current(s.conn(), oct).unwrap().unwrap();
        assert_eq!(c.values.len(), 22);
        assert_eq!(c.closed_by, "经理");
        // a clerk may not close or reopen
        s.set_actor(Some(crate::auth::Actor {
            staff_id: None,
            name: "小李".into(),
            role: Role::Clerk,
            role_label: Role::Clerk.label(),
        }));
        let e = reopen(&mut s, oct, "改错", at("2026-11-30")).unwrap_err();
        assert_eq!(e.code, ErrorCode::Forbidden);
    }

    #[test]
    fn nothing_can_be_dated_into_a_closed_month_until_it_is_reopened() {
        let today = day("2026-11-30");
        let mut s = demo_on(today);
        let oct = Month::of(today).prev();
        close_through(&mut s, oct, today);
        let dash = crate::dashboard::compute(s.conn(), oct, today).unwrap();
        assert!(dash.closed && dash.as_of.is_none());
        let stored = current(s.conn(), oct).unwrap().unwrap().values;

        // a receipt back-dated into October: refused in Chinese, nothing saved
        let part: String = s
            .conn()
            .query_row(
                "SELECT part_no FROM part p WHERE active = 1
                   AND coalesce((SELECT max(moved_on) FROM stock_movement WHERE part_id = p.id), '') < '2026-10-15'
                 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let moves = count(&s, "SELECT count(*) FROM stock_movement");
        let input = MovementInput {
            part_no: part.clone(),
            kind: "receipt".into(),
            qty: "5".into(),
            date: "2026-10-15".into(),
            operator: "张库管".into(),
            ..Default::default()
        };
        let e = ledger::post_on(&mut s, &input, today).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict);
        assert!(e.message.contains("已月结"), "{}", e.message);
        assert_eq!(count(&s, "SELECT count(*) FROM stock_movement"), moves);
        // …and so is every other kind of record dated into it, whatever path
        // writes it (the database holds the rule)
        let refused = [
            "INSERT INTO follow_up (customer_id, reason, called_on, effective, operator, created_at)
             VALUES ((SELECT min(id) FROM customer), 'other', '2026-10-20', 1, 'x', 'x')",
            "UPDATE follow_up SET note = '改' WHERE id = (SELECT min(id) FROM follow_up WHERE called_on LIKE '2026-10%')",
            "INSERT INTO inspection (vehicle_id, inspected_on, technician, created_at)
             VALUES ((SELECT min(id) FROM vehicle), '2026-10-20', 'x', 'x')",
            "UPDATE vehicle_sales_month SET units = units + 1 WHERE month = '2026-10'",
            "UPDATE vehicle SET file_returned_on = '2026-10-03' WHERE id = (SELECT min(id) FROM vehicle WHERE file_returned_on IS NULL)",
            "UPDATE repair_order SET received_fen = received_fen + 100 WHERE id = (SELECT min(id) FROM repair_order WHERE delivered_at LIKE '2026-10%')",
            "INSERT INTO old_part_batch (batch_no, shipped_on, created_at) VALUES ('FH-X', '2026-10-30', 'x')",
            "INSERT INTO filing_fee_batch (batch_no, returned_on, created_at) VALUES ('JF-X', '2026-10-30', 'x')",
            "UPDATE warranty_claim SET settled_fen = 1 WHERE id = (SELECT min(id) FROM warranty_claim WHERE settled_on LIKE '2026-10%')",
            "INSERT INTO dealer_order (order_no, dealer_id, ordered_on, created_at) VALUES ('DD-X', (SELECT min(id) FROM dealer), '2026-10-09', 'x')",
            "UPDATE five_s_inspection SET inspector = '改' WHERE month = '2026-10'",
        ];
        for sql in refused {
            let changed_or_err = s.conn().execute(sql, []);
            match changed_or_err {
                Err(e) => assert_eq!(
                    crate::AppError::from(e).message,
                    crate::error::MONTH_CLOSED_MESSAGE,
                    "{sql}"
                ),
                Ok(n) => panic!("{sql}: {n} rows written into a closed month"),
            }
        }
        // a catalogue change would move a live figure (engine oil, 21 and 22),
        // but October is its closing record
        s.conn()
            .execute("UPDATE part SET is_engine_oil = 1 - is_engine_oil", [])
            .unwrap();
        let dash = crate::dashboard::compute(s.conn(), oct, today).unwrap();
        for i in &dash.indicators {
            let v = stored.iter().find(|(n, _)| *n == i.no).unwrap().1.clone();
            assert_eq!(i.value, v, "indicator {}", i.no);
        }
        s.conn()
            .execute("UPDATE part SET is_engine_oil = 1 - is_engine_oil", [])
            .unwrap();

        // September cannot be reopened under a closed October; October needs a reason
        assert!(reopen(&mut s, oct.prev(), "改", at("2026-11-30")).is_err());
        assert_eq!(
            reopen(&mut s, oct, " ", at("2026-11-30")).unwrap_err().problems[0]
                .field
                .as_deref(),
            Some("reason")
        );
        s.set_actor(Some(crate::auth::Actor::command_line()));
        let first = reopen(&mut s, oct, "漏记一笔采购入库", at("2026-11-30")).unwrap();
        assert_eq!(first.reopen_reason.as_deref(), Some("漏记一笔采购入库"));
        assert!(
            count(
                &s,
                "SELECT count(*) FROM audit_log WHERE action = '反月结' AND detail LIKE '%漏记一笔采购入库%'"
            ) == 1
        );
        // the correction goes in, and the month closes again with it
        ledger::post_on(&mut s, &input, today).unwrap();
        let again = close(&mut s, oct, "测试", at("2026-11-30")).unwrap();
        let diff = differences(&first, &again);
        assert!(
            diff.iter().any(|(n, _, _)| *n == 2),
            "the receipt moved 配件入库金额: {diff:?}"
        );
        assert_eq!(history(s.conn(), oct).unwrap().len(), 2);
    }
}
