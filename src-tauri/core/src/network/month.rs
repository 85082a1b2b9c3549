//! 网点月报：each outlet's month — vehicles it sold and the files that came
//! back for its vehicles (建档率), filing fees registered and sent back,
//! parts orders and their first-time supply (both measures, as indicator 6
//! counts them), what it owes the shop at the month's end, the claims it
//! reported and their cost, and complaints from its customers — and the
//! outlets side by side with the network's total (网络概览), the sheet the
//! manager brings to the factory's regional meeting.
//!
//! Each figure is the shop's own indicator's rule applied to the outlet's
//! records, so an outlet's vehicle, file, fee, order and claim count once
//! in the shop's indicators and once on its outlet's line:
//! - 售车: vehicles the outlet sold (sale date in the month);
//! - 建档: files that came back in the month for its vehicles (11), and the
//!   rate 建档 ÷ 售车 (12's formula); beside it, of the month's sales, how
//!   many are filed so far;
//! - 建档费: registered in the month (15); sent back in a batch returned in
//!   the month (16);
//! - 一次供应率: over its orders whose first-supply window ended in the month
//!   (by yesterday in the month still running), not cancelled (6);
//! - 欠款: charged on deliveries up to the month's end less paid by then;
//! - 索赔: claims it reported in the month, their parts at book value plus
//!   the labour claimed;
//! - 投诉: calls in the month that recorded a complaint from a customer of
//!   one of its vehicles.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::Serialize;

use super::outlet::{kind_label, status_label};
use crate::dates::Month;
use crate::error::AppResult;
use crate::money::Money;
use crate::rate::Rate;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OutletMonth {
    /// 0 on the total line
    pub dealer_id: i64,
    pub name: String,
    pub kind_label: &'static str,
    pub status_label: &'static str,
    pub township: String,
    /// 售车
    pub sold: i64,
    /// 建档 (files returned in the month)
    pub filed: i64,
    /// 建档 ÷ 售车
    pub filing_rate: Option<Rate>,
    /// of the month's sales, filed so far
    pub sold_filed: i64,
    /// 建档费登记 / 返厂
    pub fees_registered: Money,
    pub fees_returned: Money,
    /// orders placed in the month
    pub orders: i64,
    /// orders whose first-supply window ended in the month, and their rates
    pub supply_orders: i64,
    pub supply_qty_rate: Option<Rate>,
    pub supply_line_rate: Option<Rate>,
    /// 欠款 at the month's end
    pub owed: Money,
    /// claims reported in the month, and their cost (parts + labour)
    pub claims: i64,
    pub claim_cost: Money,
    /// complaints recorded on calls in the month
    pub complaints: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NetworkMonth {
    pub month: String,
    /// the month still running: figures to this day
    #[serde(rename = "as_of")]
    pub as_of: Option<String>,
    pub outlets: Vec<OutletMonth>,
    /// the network (all outlets) as one line; rates over the sums
    pub total: OutletMonth,
}

fn grouped<T: rusqlite::types::FromSql + Default>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
) -> AppResult<HashMap<i64, T>> {
    let mut st = conn.prepare(sql)?;
    let rows = st
        .query_map(p, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, T>(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Every outlet's month side by side (outlets revoked before the month
/// began are left out unless they have figures in it), in the register's
/// order, and the network's total.
pub fn overview(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<NetworkMonth> {
    let (a, b) = (month.first_day().to_string(), month.last_day().to_string());
    let supply_to = crate::parts::orders::counted_until(month, today).to_string();

    let mut sold: HashMap<i64, (i64, i64)> = HashMap::new();
    {
        let mut st = conn.prepare(
            "SELECT dealer_id, count(*), coalesce(sum(file_returned_on IS NOT NULL), 0) FROM vehicle
             WHERE sold_here = 1 AND sale_date BETWEEN ?1 AND ?2 AND dealer_id IS NOT NULL GROUP BY dealer_id",
        )?;
        let mut q = st.query(params![a, b])?;
        while let Some(r) = q.next()? {
            sold.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
    }
    let filed: HashMap<i64, i64> = grouped(
        conn,
        "SELECT dealer_id, count(*) FROM vehicle WHERE file_returned_on BETWEEN ?1 AND ?2 AND dealer_id IS NOT NULL
         GROUP BY dealer_id",
        params![a, b],
    )?;
    let fees_registered: HashMap<i64, i64> = grouped(
        conn,
        "SELECT dealer_id, sum(filing_fee_fen) FROM vehicle WHERE fee_registered_on BETWEEN ?1 AND ?2
           AND dealer_id IS NOT NULL GROUP BY dealer_id",
        params![a, b],
    )?;
    let fees_returned: HashMap<i64, i64> = grouped(
        conn,
        "SELECT v.dealer_id, sum(v.filing_fee_fen) FROM filing_fee_batch fb JOIN vehicle v ON v.fee_batch_id = fb.id
         WHERE fb.returned_on BETWEEN ?1 AND ?2 AND v.dealer_id IS NOT NULL GROUP BY v.dealer_id",
        params![a, b],
    )?;
    let orders: HashMap<i64, i64> = grouped(
        conn,
        "SELECT dealer_id, count(*) FROM dealer_order WHERE ordered_on BETWEEN ?1 AND ?2 GROUP BY dealer_id",
        params![a, b],
    )?;
    let mut supply: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    let mut supply_orders: HashMap<i64, std::collections::HashSet<i64>> = HashMap::new();
    {
        let mut st = conn.prepare(
            "SELECT o.dealer_id, o.id, l.qty_ordered, l.qty_first FROM dealer_order o INDEXED BY dealer_order_supply_due
             JOIN dealer_order_line l ON l.order_id = o.id
             WHERE o.supply_due_on BETWEEN ?1 AND ?2 AND o.close_kind IS NOT 'cancelled'",
        )?;
        let mut q = st.query(params![a, supply_to])?;
        while let Some(r) = q.next()? {
            let d: i64 = r.get(0)?;
            supply.entry(d).or_default().push((r.get(2)?, r.get(3)?));
            supply_orders.entry(d).or_default().insert(r.get(1)?);
        }
    }
    let charged: HashMap<i64, i64> = grouped(
        conn,
        "SELECT o.dealer_id, sum(dl.amount_fen) FROM dealer_delivery dd JOIN dealer_order o ON o.id = dd.order_id
         JOIN dealer_delivery_line dl ON dl.delivery_id = dd.id WHERE dd.delivered_on <= ?1 GROUP BY o.dealer_id",
        params![b],
    )?;
    let paid: HashMap<i64, i64> = grouped(
        conn,
        "SELECT dealer_id, sum(amount_fen) FROM dealer_payment WHERE paid_on <= ?1 GROUP BY dealer_id",
        params![b],
    )?;
    let mut claims: HashMap<i64, (i64, i64)> = HashMap::new();
    {
        let mut st = conn.prepare(
            "SELECT w.dealer_id, count(*), sum(w.labour_fen
                 + (SELECT coalesce(sum(l.value_fen), 0) FROM warranty_claim_line l WHERE l.claim_id = w.id))
             FROM warranty_claim w WHERE w.dealer_id IS NOT NULL AND w.reported_on BETWEEN ?1 AND ?2
             GROUP BY w.dealer_id",
        )?;
        let mut q = st.query(params![a, b])?;
        while let Some(r) = q.next()? {
            claims.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
    }
    let complaints: HashMap<i64, i64> = grouped(
        conn,
        "SELECT v.dealer_id, count(DISTINCT f.id) FROM follow_up f
         JOIN vehicle v ON v.id = f.vehicle_id OR (f.vehicle_id IS NULL AND v.customer_id = f.customer_id)
         WHERE f.called_on BETWEEN ?1 AND ?2 AND f.complaint <> '' AND v.dealer_id IS NOT NULL GROUP BY v.dealer_id",
        params![a, b],
    )?;

    let mut st = conn.prepare(
        "SELECT id, name, kind, status, township, status = 'revoked' AND coalesce(status_on, '') < ?1 FROM dealer
         ORDER BY CASE kind WHEN 'dealer' THEN 0 WHEN 'retailer' THEN 1 ELSE 2 END, name",
    )?;
    let heads: Vec<(i64, String, String, String, String, bool)> = st
        .query_map([&a], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut outlets = Vec::new();
    let mut total = OutletMonth {
        name: "网络合计".into(),
        ..Default::default()
    };
    let mut all_lines = Vec::new();
    for (id, name, kind, status, township, gone) in heads {
        let (s, sf) = sold.get(&id).copied().unwrap_or_default();
        let f = filed.get(&id).copied().unwrap_or_default();
        let lines = supply.remove(&id).unwrap_or_default();
        let (q, l) = crate::parts::orders::rates(lines.iter().copied());
        let (n_claims, cost) = claims.get(&id).copied().unwrap_or_default();
        let m = OutletMonth {
            dealer_id: id,
            name,
            kind_label: kind_label(&kind),
            status_label: status_label(&status),
            township,
            sold: s,
            filed: f,
            filing_rate: Rate::ratio(Decimal::from(f), Decimal::from(s)),
            sold_filed: sf,
            fees_registered: Money::from_fen(fees_registered.get(&id).copied().unwrap_or_default()),
            fees_returned: Money::from_fen(fees_returned.get(&id).copied().unwrap_or_default()),
            orders: orders.get(&id).copied().unwrap_or_default(),
            supply_orders: supply_orders.get(&id).map_or(0, |s| s.len() as i64),
            supply_qty_rate: q,
            supply_line_rate: l,
            owed: Money::from_fen(
                charged.get(&id).copied().unwrap_or_default() - paid.get(&id).copied().unwrap_or_default(),
            ),
            claims: n_claims,
            claim_cost: Money::from_fen(cost),
            complaints: complaints.get(&id).copied().unwrap_or_default(),
        };
        all_lines.extend(lines);
        let quiet = m.sold == 0
            && m.filed == 0
            && m.orders == 0
            && m.supply_orders == 0
            && m.owed.is_zero()
            && m.claims == 0
            && m.complaints == 0
            && m.fees_registered.is_zero()
            && m.fees_returned.is_zero();
        if gone && quiet {
            continue;
        }
        total.sold += m.sold;
        total.filed += m.filed;
        total.sold_filed += m.sold_filed;
        total.fees_registered += m.fees_registered;
        total.fees_returned += m.fees_returned;
        total.orders += m.orders;
        total.supply_orders += m.supply_orders;
        total.owed += m.owed;
        total.claims += m.claims;
        total.claim_cost += m.claim_cost;
        total.complaints += m.complaints;
        outlets.push(m);
    }
    total.filing_rate = Rate::ratio(Decimal::from(total.filed), Decimal::from(total.sold));
    let (q, l) = crate::parts::orders::rates(all_lines.into_iter());
    total.supply_qty_rate = q;
    total.supply_line_rate = l;
    Ok(NetworkMonth {
        month: month.iso(),
        as_of: (today <= month.last_day()).then(|| today.to_string()),
        outlets,
        total,
    })
}

/// One outlet's month (the card's figures).
pub fn of_outlet(conn: &Connection, dealer_id: i64, month: Month, today: NaiveDate) -> AppResult<OutletMonth> {
    let o = super::outlet::get(conn, dealer_id)?;
    Ok(overview(conn, month, today)?
        .outlets
        .into_iter()
        .find(|m| m.dealer_id == dealer_id)
        .unwrap_or_else(|| OutletMonth {
            dealer_id,
            name: o.name,
            kind_label: o.kind_label,
            status_label: o.status_label,
            township: o.township,
            ..Default::default()
        }))
}

/// The overview's columns (sheet and print).
pub const COLUMNS: &[(&str, u16)] = &[
    ("网点", 20),
    ("类型", 10),
    ("状态", 6),
    ("乡镇", 10),
    ("售车", 6),
    ("建档", 6),
    ("建档率", 8),
    ("建档费登记", 10),
    ("建档费返厂", 10),
    ("订单", 6),
    ("品种供应率", 10),
    ("数量供应率", 10),
    ("欠款", 10),
    ("索赔单", 8),
    ("索赔金额", 10),
    ("投诉", 6),
];

fn rate(r: Option<Rate>) -> String {
    r.map_or_else(|| "—".into(), |r| r.display())
}

fn row(m: &OutletMonth) -> Vec<String> {
    vec![
        m.name.clone(),
        m.kind_label.into(),
        m.status_label.into(),
        m.township.clone(),
        m.sold.to_string(),
        m.filed.to_string(),
        rate(m.filing_rate),
        m.fees_registered.to_string(),
        m.fees_returned.to_string(),
        m.orders.to_string(),
        rate(m.supply_line_rate),
        rate(m.supply_qty_rate),
        m.owed.to_string(),
        m.claims.to_string(),
        m.claim_cost.to_string(),
        m.complaints.to_string(),
    ]
}

/// Writes the month's overview as .xlsx (one line per outlet and the total).
pub fn export(conn: &Connection, month: Month, today: NaiveDate, path: &Path) -> AppResult<usize> {
    let n = overview(conn, month, today)?;
    let mut rows: Vec<Vec<String>> = n.outlets.iter().map(row).collect();
    rows.push(row(&n.total));
    crate::sheet::write_table(path, &format!("网络概览{}", month.iso()), COLUMNS, &rows)?;
    Ok(n.outlets.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::customer::CustomerInput;
    use crate::customers::testkit::{day, sell, shop, vin};
    use crate::customers::{filing, follow_up, inspection, vehicle};
    use crate::network::outlet::{self, OutletInput};
    use crate::parts::orders::{self, DeliveryInput, DeliveryLineInput, OrderInput, OrderLineInput};
    use crate::parts::{catalog, ledger, receivables, testkit};
    use crate::store::Store;
    use crate::warranty::claim::{self, ClaimInput, ClaimLineInput};

    const TODAY: &str = "2026-11-26";

    fn sold_by(s: &mut Store, dealer: &str, name: &str, n: u32, on: &str) -> i64 {
        vehicle::create(
            s,
            &vehicle::VehicleInput {
                customer: CustomerInput {
                    name: name.into(),
                    mobile: format!("1380013{n:04}"),
                    ..Default::default()
                },
                vin: vin(n),
                model: "豪爵 AFR125".into(),
                sold_here: true,
                dealer: dealer.into(),
                sale_date: on.into(),
                sale_price: "6680".into(),
                ..Default::default()
            },
            day(TODAY),
        )
        .unwrap()
        .id
    }

    /// An outlet's vehicles sold, filed with their fees, followed up,
    /// inspected and claimed for; its parts order and what it owes: each
    /// counts once in its outlet's month and once in the shop's figures.
    #[test]
    fn an_outlets_month_by_hand_and_the_shop_counts_each_record_once() {
        let t = day(TODAY);
        let mut s = shop();
        catalog::create(
            s.conn(),
            &catalog::PartInput {
                category: "发动机".into(),
                cost_price: "40".into(),
                ..testkit::part("PIS-1", "活塞")
            },
        )
        .unwrap();
        let mut receipt = testkit::mv("PIS-1", "receipt", "3", "2026-01-05");
        receipt.unit_cost = "40".into();
        ledger::post_on(&mut s, &receipt, t).unwrap();
        for (name, kind) in [("王集镇摩托维修部", "经销商"), ("黄楼乡特约维修站", "特约维修站")]
        {
            outlet::save(
                &mut s,
                None,
                &OutletInput {
                    name: name.into(),
                    kind: kind.into(),
                    authorised_on: "2025-01-01".into(),
                    ..Default::default()
                },
                t,
            )
            .unwrap();
        }
        let wj = outlet::find_by_name(s.conn(), "王集镇摩托维修部").unwrap().unwrap().id;
        let hl = outlet::find_by_name(s.conn(), "黄楼乡特约维修站").unwrap().unwrap().id;

        // sales: one by the shop, two by 王集 in November, one by 王集 in October
        let v1 = sell(&mut s, "店售甲", "13900000001", 1, "2026-11-02");
        let v2 = sold_by(&mut s, "王集镇摩托维修部", "网点乙", 2, "2026-11-03");
        let v3 = sold_by(&mut s, "王集镇摩托维修部", "网点丙", 3, "2026-11-05");
        let v4 = sold_by(&mut s, "王集镇摩托维修部", "网点丁", 4, "2026-10-20");
        // a vehicle bought elsewhere has no selling outlet
        let mut elsewhere = vehicle::VehicleInput {
            customer: CustomerInput {
                name: "外购戊".into(),
                ..Default::default()
            },
            vin: vin(5),
            dealer: "王集镇摩托维修部".into(),
            ..Default::default()
        };
        let e = vehicle::create(&mut s, &elsewhere, t).unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("dealer"));
        elsewhere.dealer = String::new();
        vehicle::create(&mut s, &elsewhere, t).unwrap();
        assert_eq!(
            vehicle::get(s.conn(), v2).unwrap().dealer_name.as_deref(),
            Some("王集镇摩托维修部")
        );

        // files and ¥20 fees: V1 11-12, V2 11-10, V4 11-04; V4's fee sent back on 11-20
        for (v, on) in [(v1, "2026-11-12"), (v2, "2026-11-10"), (v4, "2026-11-04")] {
            let tx = s.conn_mut().transaction().unwrap();
            filing::record_file_in(&tx, v, on, "20", on, t).unwrap();
            tx.commit().unwrap();
        }
        {
            let tx = s.conn_mut().transaction().unwrap();
            filing::create_batch_in(&tx, "2026-11-20", &[v4], "", t).unwrap();
            tx.commit().unwrap();
        }
        // a call to V2's customer with a complaint; V4's first inspection
        let c2 = vehicle::get(s.conn(), v2).unwrap().customer_id;
        follow_up::record(
            &mut s,
            &follow_up::FollowUpInput {
                customer_id: Some(c2),
                vehicle_id: Some(v2),
                reason: "sale".into(),
                called_on: "2026-11-15".into(),
                effective: true,
                satisfaction: "2".into(),
                complaint: "attitude".into(),
                operator: "张内勤".into(),
                ..Default::default()
            },
            t,
        )
        .unwrap();
        let nov = Month::parse("2026-11").unwrap();
        assert!(inspection::due_in(s.conn(), nov)
            .unwrap()
            .iter()
            .any(|d| d.vehicle_id == v4));
        inspection::record(
            &mut s,
            &inspection::InspectionInput {
                vehicle_id: Some(v4),
                inspected_on: "2026-11-20".into(),
                mileage: "900".into(),
                technician: "张师傅".into(),
                findings: "正常".into(),
            },
            t,
        )
        .unwrap();

        // 王集 orders SP-1 ×4 and OIL-1 ×2 on 11-02; 11-03 ships 4 and 1 at ¥15, on credit; pays ¥30 on 11-20
        let o = orders::create(
            &mut s,
            &OrderInput {
                dealer: "王集镇摩托维修部".into(),
                ordered_on: "2026-11-02".into(),
                note: String::new(),
                lines: vec![
                    OrderLineInput {
                        part_no: "SP-1".into(),
                        qty: "4".into(),
                    },
                    OrderLineInput {
                        part_no: "OIL-1".into(),
                        qty: "2".into(),
                    },
                ],
            },
            t,
        )
        .unwrap();
        orders::deliver(
            &mut s,
            &DeliveryInput {
                order_id: o.id,
                date: "2026-11-03".into(),
                operator: "李库管".into(),
                lines: vec![
                    DeliveryLineInput {
                        line_id: o.lines[0].id,
                        qty: "4".into(),
                        unit_price: "15".into(),
                    },
                    DeliveryLineInput {
                        line_id: o.lines[1].id,
                        qty: "1".into(),
                        unit_price: "15".into(),
                    },
                ],
                paid: "0".into(),
                method: String::new(),
            },
            t,
        )
        .unwrap();
        receivables::receive(
            &mut s,
            &receivables::PaymentInput {
                dealer: "王集镇摩托维修部".into(),
                paid_on: "2026-11-20".into(),
                amount: "30".into(),
                method: "现金".into(),
                operator: "张内勤".into(),
                note: String::new(),
            },
            t,
        )
        .unwrap();

        // 黄楼 repairs V3 under 三包: the shop supplies 活塞 (book ¥40), labour ¥50
        let c = claim::create(
            &mut s,
            &ClaimInput {
                vehicle_id: Some(v3),
                mileage: "300".into(),
                reported_on: "2026-11-20".into(),
                fault: "发动机异响".into(),
                fault_category: "发动机".into(),
                main_part_no: "PIS-1".into(),
                appraiser: "赵鉴定".into(),
                appraisal_result: "属质量问题".into(),
                labour_hours: "1".into(),
                labour: "50".into(),
                lines: vec![ClaimLineInput {
                    part_no: "PIS-1".into(),
                    qty: "1".into(),
                }],
                operator: "张内勤".into(),
                dealer: "黄楼乡特约维修站".into(),
                ..Default::default()
            },
            t,
        )
        .unwrap();
        claim::issue_parts(&mut s, c.id, "2026-11-20", "李库管", t).unwrap();
        assert_eq!(
            claim::get(s.conn(), c.id).unwrap().dealer_name.as_deref(),
            Some("黄楼乡特约维修站")
        );

        let n = overview(s.conn(), nov, t).unwrap();
        assert_eq!(n.as_of.as_deref(), Some(TODAY));
        let a = n.outlets.iter().find(|m| m.dealer_id == wj).unwrap();
        assert_eq!((a.sold, a.filed, a.sold_filed), (2, 2, 1));
        assert_eq!(a.filing_rate.unwrap().display(), "100%");
        assert_eq!(
            (a.fees_registered.to_string(), a.fees_returned.to_string()),
            ("40.00".into(), "20.00".into())
        );
        assert_eq!((a.orders, a.supply_orders), (1, 1));
        // 5 of 6 pieces, 1 of 2 lines within the window
        assert_eq!(a.supply_qty_rate.unwrap().display(), "83.3%");
        assert_eq!(a.supply_line_rate.unwrap().display(), "50%");
        // charged 5 × ¥15, paid ¥30
        assert_eq!(a.owed.to_string(), "45.00");
        assert_eq!((a.claims, a.complaints), (0, 1));
        let b = n.outlets.iter().find(|m| m.dealer_id == hl).unwrap();
        assert_eq!((b.claims, b.claim_cost.to_string(), b.sold), (1, "90.00".into(), 0));
        assert_eq!(b.filing_rate, None);
        assert_eq!((n.total.sold, n.total.filed, n.total.claims), (2, 2, 1));
        assert_eq!(n.total.claim_cost.to_string(), "90.00");
        // the card's month is the overview's line
        assert_eq!(&of_outlet(s.conn(), wj, nov, t).unwrap(), a);
        // October: V4 sold, not yet filed then; owed nothing yet
        let oct = of_outlet(s.conn(), wj, nov.prev(), t).unwrap();
        assert_eq!(
            (oct.sold, oct.filed, oct.sold_filed, oct.owed.is_zero()),
            (1, 0, 1, true)
        );

        // the shop's figures hold each record once: 3 files, ¥60 registered,
        // ¥20 returned, 3 sold in the network, the 活塞 in 8, V4's inspection in 20
        let cu = crate::customers::indicators::compute(s.conn(), nov).unwrap();
        assert_eq!(cu.files, 3);
        assert_eq!(cu.fees_registered.to_string(), "60.00");
        assert_eq!(cu.fees_returned.to_string(), "20.00");
        assert_eq!(crate::customers::sales::get(s.conn(), nov).unwrap().recorded_units, 3);
        assert_eq!(cu.inspections_done, 1);
        let w = crate::warranty::indicators::compute(s.conn(), nov).unwrap();
        assert_eq!(w.parts_value.to_string(), "40.00");
        // and the outlet's export lists it with the network's total
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(export(s.conn(), nov, t, &dir.path().join("n.xlsx")).unwrap(), 2);
    }
}
