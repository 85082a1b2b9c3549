//! 流失客户: customers not seen at the shop — no purchase, no repair — for
//! a number of months (the shop's rule in 回访点检规则, 6 unless set: two
//! missed three-monthly services; the list may look further) are called
//! back, and what the call found is kept: coming back (会再来), or why they
//! were lost, in the source text's words (docs/domain.md §12): 逝世, 迁居,
//! 与其它公司建立关系, 竞争, 对产品不满意, 公司业务代表的态度 — 1%, 3%, 5%, 9%,
//! 14% and 68% in the survey it cites. A customer's latest record is their
//! state; the year's breakdown counts each customer once, by their latest
//! record of that year, beside the survey's shares.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::rate::Rate;
use crate::store::Store;

/// (code, label, the survey's share in per cent) of a call-back's outcome.
pub const OUTCOMES: [(&str, &str); 7] = [
    ("back", "会再来"),
    ("died", "逝世"),
    ("moved", "迁居"),
    ("other_shop", "与其它公司建立关系"),
    ("competitor", "竞争"),
    ("product", "对产品不满意"),
    ("attitude", "服务态度"),
];

contract_codes!(OutcomeCode, "LostOutcome", OUTCOMES);

/// The survey's shares of the reasons (the source text), by code.
const SURVEY: [(&str, &str); 6] = [
    ("died", "1%"),
    ("moved", "3%"),
    ("other_shop", "5%"),
    ("competitor", "9%"),
    ("product", "14%"),
    ("attitude", "68%"),
];

/// Months away by the shop's rule (回访点检规则), when the list is not
/// told otherwise.
pub fn rule_months(conn: &Connection) -> AppResult<u32> {
    Ok(crate::customers::rules::load(conn)?.lost_after_months)
}

/// The list's page size.
pub const PAGE: i64 = 100;

pub fn outcome_label(code: &str) -> &'static str {
    crate::form::label_of(&OUTCOMES, code)
}

/// A customer not seen for the months asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LostCustomer {
    pub customer_id: i64,
    pub name: String,
    pub mobile: String,
    /// the vehicles' models, joined
    pub vehicles: String,
    /// the last purchase or repair day
    pub last_seen: String,
    /// 购车 / 维修
    pub last_seen_what: &'static str,
    /// the latest call-back, if any
    #[ts(as = "Option<OutcomeCode>")]
    pub outcome: Option<String>,
    pub outcome_label: &'static str,
    pub recorded_on: Option<String>,
    pub note: String,
}

/// A page of the list, with the true total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LostPage {
    pub months: u32,
    /// not seen since (the day before this)
    pub since: String,
    pub total: i64,
    /// of them with no call-back recorded yet
    pub not_called: i64,
    pub rows: Vec<LostCustomer>,
}

/// A call-back's result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct LostInput {
    pub customer_id: i64,
    /// empty = today
    pub recorded_on: String,
    /// an [`OUTCOMES`] code or label
    pub outcome: String,
    pub note: String,
    pub operator: String,
}

/// Each customer's last purchase (a vehicle sold here) and last repair.
const SEEN: &str = "seen AS (
    SELECT customer_id, max(sold) AS sold, max(repaired) AS repaired FROM (
        SELECT customer_id, sale_date AS sold, NULL AS repaired FROM vehicle WHERE sold_here = 1 AND sale_date IS NOT NULL
        UNION ALL SELECT customer_id, NULL, substr(received_at, 1, 10) FROM repair_order)
    GROUP BY customer_id)";

/// Customers whose last purchase or repair is before `today` less `months`,
/// the longest away first; a page of [`PAGE`] from `page` (1 first).
pub fn list(conn: &Connection, months: u32, page: i64, today: NaiveDate) -> AppResult<LostPage> {
    if !(1..=120).contains(&months) {
        return Err(AppError::invalid("months", "未到店月数应在 1 到 120 之间"));
    }
    let since = today
        .checked_sub_months(Months::new(months))
        .expect("a day")
        .to_string();
    let (total, not_called): (i64, i64) = conn.query_row(
        &format!(
            "WITH {SEEN} SELECT count(*), count(CASE WHEN NOT EXISTS
                (SELECT 1 FROM customer_lost l WHERE l.customer_id = s.customer_id) THEN 1 END)
             FROM seen s WHERE max(coalesce(s.sold, ''), coalesce(s.repaired, '')) < ?1"
        ),
        [&since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut st = conn.prepare(&format!(
        "WITH {SEEN}
         SELECT c.id, c.name, c.mobile,
                (SELECT group_concat(CASE WHEN model = '' THEN '车型未填' ELSE model END, '、') FROM vehicle WHERE customer_id = c.id),
                s.sold, s.repaired, l.outcome, l.recorded_on, coalesce(l.note, '')
         FROM seen s JOIN customer c ON c.id = s.customer_id
         LEFT JOIN customer_lost l ON l.id = (SELECT id FROM customer_lost WHERE customer_id = c.id
                                              ORDER BY recorded_on DESC, id DESC LIMIT 1)
         WHERE max(coalesce(s.sold, ''), coalesce(s.repaired, '')) < ?1
         ORDER BY max(coalesce(s.sold, ''), coalesce(s.repaired, '')), c.id LIMIT ?2 OFFSET ?3"
    ))?;
    let offset = (page.max(1) - 1) * PAGE;
    let rows = st
        .query_map(params![since, PAGE, offset], |r| {
            let sold: Option<String> = r.get(4)?;
            let repaired: Option<String> = r.get(5)?;
            let (last_seen, what) = match (sold, repaired) {
                (Some(s), Some(p)) if p > s => (p, "维修"),
                (Some(s), _) => (s, "购车"),
                (None, Some(p)) => (p, "维修"),
                (None, None) => (String::new(), ""),
            };
            let outcome: Option<String> = r.get(6)?;
            Ok(LostCustomer {
                customer_id: r.get(0)?,
                name: r.get(1)?,
                mobile: r.get(2)?,
                vehicles: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                last_seen,
                last_seen_what: what,
                outcome_label: outcome.as_deref().map_or("", outcome_label),
                outcome,
                recorded_on: r.get(7)?,
                note: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(LostPage {
        months,
        since,
        total,
        not_called,
        rows,
    })
}

/// Records a call-back's result.
pub fn record(store: &mut Store, input: &LostInput, today: NaiveDate) -> AppResult<()> {
    store.write(|tx| record_in(tx, input, today))?;
    Ok(())
}

pub fn record_in(tx: &Connection, input: &LostInput, today: NaiveDate) -> AppResult<()> {
    let mut f = Fields::new();
    let found = tx
        .query_row("SELECT 1 FROM customer WHERE id = ?1", [input.customer_id], |_| Ok(()))
        .optional()?
        .is_some();
    if !found {
        f.bad("customerId", "找不到该客户");
    }
    let on = if input.recorded_on.trim().is_empty() {
        Some(today)
    } else {
        f.required_date("recordedOn", "回访日期", &input.recorded_on, today)
    };
    let outcome = f.choice(
        "outcome",
        &OUTCOMES,
        &input.outcome,
        "请选择回访结果：会再来，或流失原因（逝世、迁居、与其它公司建立关系、竞争、对产品不满意、服务态度）",
    );
    let note = f.text("note", "说明", &input.note, 200, false);
    let operator = f.text("operator", "回访人", &input.operator, 20, true);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    tx.execute(
        "INSERT INTO customer_lost (customer_id, recorded_on, outcome, note, operator, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            input.customer_id,
            on.expect("checked").to_string(),
            outcome,
            note,
            operator,
            crate::dates::stamp()
        ],
    )?;
    Ok(())
}

/// A reason's count in the year, beside the survey's share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LostReason {
    pub label: &'static str,
    pub count: i64,
    /// of the year's lost customers; None with none lost
    pub share: Option<Rate>,
    /// the source text's survey
    pub survey: &'static str,
}

/// 流失原因: a year's call-backs, each customer by their latest of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LostYear {
    pub year: i32,
    /// customers called back in the year
    pub called: i64,
    /// of them coming back
    pub back: i64,
    /// of them lost, by reason
    pub lost: i64,
    pub reasons: Vec<LostReason>,
}

pub fn year_breakdown(conn: &Connection, year: i32) -> AppResult<LostYear> {
    let y = format!("{year:04}");
    let mut counts: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let mut st = conn.prepare(
        "SELECT l.outcome, count(*) FROM customer_lost l
         WHERE substr(l.recorded_on, 1, 4) = ?1 AND l.id = (
            SELECT id FROM customer_lost x WHERE x.customer_id = l.customer_id AND substr(x.recorded_on, 1, 4) = ?1
            ORDER BY x.recorded_on DESC, x.id DESC LIMIT 1)
         GROUP BY l.outcome",
    )?;
    for row in st.query_map([&y], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (k, n) = row?;
        counts.insert(k, n);
    }
    let back = counts.get("back").copied().unwrap_or(0);
    let lost: i64 = counts.iter().filter(|(k, _)| *k != "back").map(|(_, n)| n).sum();
    let reasons = SURVEY
        .iter()
        .map(|(code, survey)| {
            let count = counts.get(*code).copied().unwrap_or(0);
            LostReason {
                label: outcome_label(code),
                count,
                share: Rate::ratio(count.into(), lost.into()),
                survey,
            }
        })
        .collect();
    Ok(LostYear {
        year,
        called: back + lost,
        back,
        lost,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::{day, sell};

    fn customer_of(s: &Store, vehicle: i64) -> i64 {
        s.conn()
            .query_row("SELECT customer_id FROM vehicle WHERE id = ?1", [vehicle], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn not_seen_for_a_year_called_back_and_counted() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let old = sell(&mut s, "老客户", "13900000001", 1, "2025-06-01");
        let also_old = sell(&mut s, "周师傅", "13900000002", 2, "2025-09-01");
        sell(&mut s, "新客户", "13900000003", 3, "2026-03-01");
        // 周 came for a repair in December: seen within the year
        s.conn()
            .execute(
                "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at, complaint, created_at)
                 VALUES ('WX-1', ?1, ?2, 'repair', '2025-12-01 09:00', '2025-12-01 12:00', '异响', 'x')",
                params![also_old, customer_of(&s, also_old)],
            )
            .unwrap();
        let p = list(s.conn(), 12, 1, today).unwrap();
        assert_eq!((p.since.as_str(), p.total, p.not_called), ("2025-11-20", 1, 1));
        assert_eq!(
            (
                p.rows[0].name.as_str(),
                p.rows[0].last_seen.as_str(),
                p.rows[0].last_seen_what
            ),
            ("老客户", "2025-06-01", "购车")
        );
        // at 6 months 周 (last seen at the repair) and 新客户 are away too
        let p6 = list(s.conn(), 6, 1, today).unwrap();
        assert_eq!(p6.total, 3);
        assert_eq!(
            (p6.rows[1].name.as_str(), p6.rows[1].last_seen_what),
            ("周师傅", "维修")
        );

        // a call-back without a result is refused; then the reason kept
        let c = customer_of(&s, old);
        let mut input = LostInput {
            customer_id: c,
            operator: "张内勤".into(),
            ..Default::default()
        };
        let e = record(&mut s, &input, today).unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("outcome"));
        input.outcome = "竞争".into();
        input.recorded_on = "2026-10-01".into();
        record(&mut s, &input, today).unwrap();
        input.outcome = "attitude".into();
        input.recorded_on = "2026-11-02".into();
        input.note = "嫌接待冷淡".into();
        record(&mut s, &input, today).unwrap();
        let p = list(s.conn(), 12, 1, today).unwrap();
        assert_eq!((p.rows[0].outcome_label, p.not_called), ("服务态度", 0));
        // the year counts 老客户 once, by the latest: 态度 100%
        let y = year_breakdown(s.conn(), 2026).unwrap();
        assert_eq!((y.called, y.back, y.lost), (1, 0, 1));
        let att = y.reasons.iter().find(|r| r.label == "服务态度").unwrap();
        assert_eq!(
            (att.count, att.share.map(Rate::display).as_deref(), att.survey),
            (1, Some("100%"), "68%")
        );
        assert!(list(s.conn(), 0, 1, today).is_err());
    }
}
