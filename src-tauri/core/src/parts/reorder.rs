//! 配件计划：reorder suggestions. A part needs ordering when its stock is
//! below its minimum, or would not last a month at its average monthly
//! issues (sale, repair, warranty, dealer) over the last six months. The
//! suggested quantity fills it to its maximum, or — without a maximum — to
//! two months of issues and at least twice its minimum.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::AppResult;
use crate::money::Money;
use crate::sheet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub part_id: i64,
    pub part_no: String,
    pub name: String,
    pub fitment: String,
    pub unit: String,
    pub on_hand: i64,
    pub min_stock: i64,
    pub max_stock: i64,
    /// 月均出库 over the last six months, to one decimal
    #[ts(type = "string")]
    pub monthly_issues: Decimal,
    pub suggested_qty: i64,
    pub cost_price: Money,
    /// suggested × 进货价
    pub amount: Money,
    /// 低于最低库存 / 不足一个月用量
    pub reason: &'static str,
}

pub fn suggestions(conn: &Connection, today: NaiveDate) -> AppResult<Vec<Suggestion>> {
    let from = today.checked_sub_months(Months::new(6)).unwrap_or(today).to_string();
    let mut st = conn.prepare(
        "SELECT p.id, p.part_no, p.name, p.fitment, p.unit, p.on_hand, p.min_stock, p.max_stock, p.cost_price_fen,
                coalesce((SELECT -sum(delta) FROM stock_movement m
                          WHERE m.part_id = p.id AND m.kind IN ('sale', 'repair', 'warranty', 'dealer')
                            AND m.moved_on > ?1 AND m.moved_on <= ?2), 0) AS issued
         FROM part p WHERE p.active = 1 ORDER BY p.part_no",
    )?;
    let rows = st.query_map(params![from, today.to_string()], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
            r.get::<_, Money>(8)?,
            r.get::<_, i64>(9)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, part_no, name, fitment, unit, on_hand, min, max, cost, issued) = row?;
        let monthly = Decimal::from(issued) / Decimal::from(6);
        let below_min = on_hand < min;
        let short = Decimal::from(on_hand) < monthly && issued > 0;
        if !below_min && !short {
            continue;
        }
        let two_months = (monthly * Decimal::from(2)).ceil();
        let target = if max > 0 {
            max
        } else {
            (min * 2).max(two_months.try_into().unwrap_or(0))
        };
        let qty = (target - on_hand).max(1);
        out.push(Suggestion {
            part_id: id,
            part_no,
            name,
            fitment,
            unit,
            on_hand,
            min_stock: min,
            max_stock: max,
            monthly_issues: {
                let mut d = monthly.round_dp(1);
                d.rescale(1);
                d
            },
            suggested_qty: qty,
            cost_price: cost,
            amount: cost.times(qty).unwrap_or(Money::ZERO),
            reason: if below_min {
                "低于最低库存"
            } else {
                "不足一个月用量"
            },
        });
    }
    Ok(out)
}

/// The suggestions as a purchase list (.xlsx).
pub fn export(path: &std::path::Path, list: &[Suggestion]) -> AppResult<()> {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                s.part_no.clone(),
                s.name.clone(),
                s.fitment.clone(),
                s.unit.clone(),
                s.on_hand.to_string(),
                s.min_stock.to_string(),
                s.max_stock.to_string(),
                s.monthly_issues.to_string(),
                s.suggested_qty.to_string(),
                s.cost_price.to_string(),
                s.amount.to_string(),
                s.reason.to_string(),
            ]
        })
        .collect();
    sheet::write_table(
        path,
        "采购清单",
        &[
            ("配件编号", 18),
            ("配件名称", 22),
            ("适用车型", 18),
            ("单位", 6),
            ("现有库存", 9),
            ("最低库存", 9),
            ("最高库存", 9),
            ("月均出库", 9),
            ("建议订货", 9),
            ("进货价", 10),
            ("金额", 12),
            ("原因", 14),
        ],
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::{create, PartInput};
    use crate::parts::ledger::post_on;
    use crate::parts::testkit::{mv, part};
    use crate::store::Store;

    #[test]
    fn below_minimum_and_short_cover_are_suggested() {
        let mut s = Store::open_in_memory().unwrap();
        let t = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        for (no, min, max) in [("LOW", "5", "20"), ("FAST", "2", "0"), ("OK", "2", "10")] {
            create(
                s.conn(),
                &PartInput {
                    min_stock: min.into(),
                    max_stock: max.into(),
                    ..part(no, no)
                },
            )
            .unwrap();
        }
        post_on(&mut s, &mv("LOW", "receipt", "3", "2026-10-01"), t).unwrap();
        // FAST: 30 issued in six months → 5 a month; 4 left is under a month
        post_on(&mut s, &mv("FAST", "receipt", "34", "2026-06-01"), t).unwrap();
        post_on(&mut s, &mv("FAST", "repair", "30", "2026-09-01"), t).unwrap();
        post_on(&mut s, &mv("OK", "receipt", "8", "2026-10-01"), t).unwrap();
        let list = suggestions(s.conn(), t).unwrap();
        let got: Vec<(&str, i64, &str)> = list
            .iter()
            .map(|x| (x.part_no.as_str(), x.suggested_qty, x.reason))
            .collect();
        // LOW fills to its max 20; FAST (no max) to max(2 × 2, 2 months = 10) = 10
        assert_eq!(got, vec![("FAST", 6, "不足一个月用量"), ("LOW", 17, "低于最低库存")]);
        assert_eq!(list[1].amount.to_string(), "170.00");
        assert_eq!(list[0].monthly_issues.to_string(), "5.0");
    }
}
