//! 满意度: the month's satisfaction from the follow-up calls. The source
//! text's survey (TNS) ties loyalty to satisfaction with sales *and*
//! service — 85% stay when both satisfy, 35% / 12% when one does, 1% when
//! neither — so the 1–5 score every effective call records is added up here:
//! the month's average and distribution, the share satisfied (4 or 5), by
//! reason (售后/维修), by the technician and by the receptionist (接待员) of
//! the repair called about, by the outlet that sold the vehicle, and the last twelve months' averages.
//! docs/domain.md §11.
//!
//! Averages are to one decimal, worked in whole numbers (half up); the
//! share satisfied is a [`Rate`], shown as every rate of the app.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::dates::Month;
use crate::error::AppResult;
use crate::rate::Rate;

/// One group's scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SatisfactionGroup {
    pub name: String,
    /// calls with a score
    pub rated: i64,
    /// e.g. "4.3"; None without a score
    pub average: Option<String>,
    /// scores of 1 or 2 (不满意)
    pub low: i64,
}

/// A month's average, for the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SatisfactionPoint {
    pub month: String,
    pub rated: i64,
    pub average: Option<String>,
}

/// 满意度分析: a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SatisfactionMonth {
    pub month: String,
    /// effective calls in the month
    pub calls: i64,
    /// of them with a score
    pub rated: i64,
    pub average: Option<String>,
    /// how many scored 1, 2, 3, 4, 5
    pub distribution: Vec<i64>,
    /// the share scoring 4 or 5; None without a score
    pub satisfied_share: Option<Rate>,
    /// effective calls that recorded a complaint
    pub complaints: i64,
    pub by_reason: Vec<SatisfactionGroup>,
    /// repair follow-ups by the order's technician
    pub by_technician: Vec<SatisfactionGroup>,
    /// repair follow-ups by the order's receptionist (接待员)
    pub by_receptionist: Vec<SatisfactionGroup>,
    /// calls about a vehicle, by who sold it (本店 or the outlet)
    pub by_outlet: Vec<SatisfactionGroup>,
    /// the twelve months up to this one
    pub trend: Vec<SatisfactionPoint>,
}

/// `sum / n` to one decimal, half up, in whole numbers (also the
/// complaints' average days).
pub(crate) fn average(sum: i64, n: i64) -> Option<String> {
    (n > 0).then(|| {
        let tenths = (20 * sum + n) / (2 * n);
        format!("{}.{}", tenths / 10, tenths % 10)
    })
}

fn groups(conn: &Connection, sql: &str, a: &str, b: &str) -> AppResult<Vec<SatisfactionGroup>> {
    let mut st = conn.prepare(sql)?;
    let rows = st
        .query_map(params![a, b], |r| {
            let (rated, sum): (i64, i64) = (r.get(1)?, r.get(2)?);
            Ok(SatisfactionGroup {
                name: r.get(0)?,
                rated,
                average: average(sum, rated),
                low: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The columns every group reads: (name, rated, sum, low).
const SCORES: &str = "count(f.satisfaction), coalesce(sum(f.satisfaction), 0),
    count(CASE WHEN f.satisfaction <= 2 THEN 1 END)";

pub fn month_report(conn: &Connection, month: Month) -> AppResult<SatisfactionMonth> {
    let (a, b) = (month.first_day().to_string(), month.last_day().to_string());
    let (calls, complaints): (i64, i64) = conn.query_row(
        "SELECT count(*), count(CASE WHEN complaint <> '' THEN 1 END) FROM follow_up
         WHERE effective = 1 AND called_on BETWEEN ?1 AND ?2",
        [&a, &b],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut distribution = vec![0i64; 5];
    let mut st = conn.prepare(
        "SELECT satisfaction, count(*) FROM follow_up
         WHERE effective = 1 AND satisfaction IS NOT NULL AND called_on BETWEEN ?1 AND ?2 GROUP BY satisfaction",
    )?;
    for row in st.query_map([&a, &b], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (score, n) = row?;
        if (1..=5).contains(&score) {
            distribution[(score - 1) as usize] = n;
        }
    }
    let rated: i64 = distribution.iter().sum();
    let sum: i64 = distribution.iter().enumerate().map(|(i, n)| (i as i64 + 1) * n).sum();
    let satisfied = distribution[3] + distribution[4];
    let satisfied_share = Rate::ratio(satisfied.into(), rated.into());
    let by_reason = groups(
        conn,
        &format!(
            "SELECT CASE f.reason WHEN 'sale' THEN '购车回访' WHEN 'repair' THEN '维修回访' ELSE '其他回访' END, {SCORES}
             FROM follow_up f WHERE f.effective = 1 AND f.called_on BETWEEN ?1 AND ?2
             GROUP BY f.reason ORDER BY CASE f.reason WHEN 'sale' THEN 0 WHEN 'repair' THEN 1 ELSE 2 END"
        ),
        &a,
        &b,
    )?;
    // repair calls by a person on the order they are about
    let by_order = |column: &str, blank: &str| {
        groups(
            conn,
            &format!(
                "SELECT CASE WHEN trim(o.{column}) = '' THEN '{blank}' ELSE trim(o.{column}) END AS who, {SCORES}
                 FROM follow_up f JOIN repair_order o ON o.id = f.repair_order_id
                 WHERE f.effective = 1 AND f.reason = 'repair' AND f.called_on BETWEEN ?1 AND ?2
                 GROUP BY who ORDER BY count(f.satisfaction) DESC, who"
            ),
            &a,
            &b,
        )
    };
    let by_technician = by_order("technician", "（未填技师）")?;
    let by_receptionist = by_order("receptionist", "（未填接待员）")?;
    let by_outlet = groups(
        conn,
        &format!(
            "SELECT coalesce(d.name, '本店') AS who, {SCORES}
             FROM follow_up f JOIN vehicle v ON v.id = f.vehicle_id LEFT JOIN dealer d ON d.id = v.dealer_id
             WHERE f.effective = 1 AND f.called_on BETWEEN ?1 AND ?2
             GROUP BY v.dealer_id ORDER BY v.dealer_id IS NOT NULL, count(f.satisfaction) DESC, who"
        ),
        &a,
        &b,
    )?;
    // the twelve months up to this one, in one statement
    let mut first = month;
    for _ in 0..11 {
        first = first.prev();
    }
    let mut st = conn.prepare(
        "SELECT substr(called_on, 1, 7) AS m, count(satisfaction), coalesce(sum(satisfaction), 0) FROM follow_up
         WHERE effective = 1 AND called_on BETWEEN ?1 AND ?2 GROUP BY m",
    )?;
    let found: std::collections::HashMap<String, (i64, i64)> = st
        .query_map(params![first.first_day().to_string(), b], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
        })?
        .collect::<Result<_, _>>()?;
    let mut trend = Vec::with_capacity(12);
    let mut m = first;
    loop {
        let (n, s) = found.get(&m.iso()).copied().unwrap_or((0, 0));
        trend.push(SatisfactionPoint {
            month: m.iso(),
            rated: n,
            average: average(s, n),
        });
        if m == month {
            break;
        }
        m = m.next();
    }
    Ok(SatisfactionMonth {
        month: month.iso(),
        calls,
        rated,
        average: average(sum, rated),
        distribution,
        satisfied_share,
        complaints,
        by_reason,
        by_technician,
        by_receptionist,
        by_outlet,
        trend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::follow_up::{self, FollowUpInput};
    use crate::customers::testkit::{day, sell};
    use crate::store::Store;

    #[test]
    fn the_months_scores_added_up_by_hand() {
        let today = day("2026-11-30");
        let mut s = Store::open_in_memory().unwrap();
        let mut calls = Vec::new();
        // seven sale calls in November scoring 5, 5, 4, 4, 3, 2, 5 (one with
        // a complaint), one not reached, one in October scoring 1
        for (n, score, on, complaint) in [
            (1, "5", "2026-11-05", ""),
            (2, "5", "2026-11-06", ""),
            (3, "4", "2026-11-07", ""),
            (4, "4", "2026-11-08", ""),
            (5, "3", "2026-11-09", ""),
            (6, "2", "2026-11-10", "waiting"),
            (7, "5", "2026-11-11", ""),
            (8, "", "2026-11-12", ""),
            (9, "1", "2026-10-20", ""),
        ] {
            let v = sell(&mut s, &format!("客户{n}"), &format!("1390000{n:04}"), n, "2026-01-01");
            let cust: i64 = s
                .conn()
                .query_row("SELECT customer_id FROM vehicle WHERE id = ?1", [v], |r| r.get(0))
                .unwrap();
            calls.push(FollowUpInput {
                customer_id: Some(cust),
                vehicle_id: Some(v),
                reason: "sale".into(),
                called_on: on.into(),
                effective: !score.is_empty(),
                satisfaction: score.into(),
                complaint: complaint.into(),
                operator: "张内勤".into(),
                ..Default::default()
            });
        }
        for c in &calls {
            follow_up::record(&mut s, c, today).unwrap();
        }
        let r = month_report(s.conn(), Month::parse("2026-11").unwrap()).unwrap();
        assert_eq!((r.calls, r.rated, r.complaints), (7, 7, 1));
        assert_eq!(r.distribution, [0, 1, 1, 2, 3]);
        // (5+5+4+4+3+2+5) / 7 = 28 / 7 = 4.0; satisfied 5 of 7 = 71.4%
        assert_eq!(r.average.as_deref(), Some("4.0"));
        assert_eq!(r.satisfied_share.map(Rate::display).as_deref(), Some("71.4%"));
        assert_eq!(
            r.by_reason
                .iter()
                .map(|g| (g.name.as_str(), g.rated, g.average.as_deref(), g.low))
                .collect::<Vec<_>>(),
            [("购车回访", 7, Some("4.0"), 1)]
        );
        assert_eq!(r.by_outlet[0].name, "本店");
        // the trend ends with November, October's one call scoring 1
        assert_eq!(r.trend.len(), 12);
        assert_eq!(r.trend[10].average.as_deref(), Some("1.0"));
        assert_eq!(r.trend[11].average.as_deref(), Some("4.0"));
        assert_eq!(r.trend[0].month, "2025-12");
        assert_eq!(r.trend[0].average, None);
    }

    #[test]
    fn averages_round_half_up() {
        assert_eq!(average(13, 3).as_deref(), Some("4.3")); // 4.333…
        assert_eq!(average(9, 2).as_deref(), Some("4.5"));
        assert_eq!(average(29, 6).as_deref(), Some("4.8")); // 4.833…
        assert_eq!(average(0, 0), None);
    }
}
