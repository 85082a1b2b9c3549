//! 客户与维修指标：indicators 11–20 for any month (docs/domain.md §3 and the
//! team's readings there).
//!
//! | # | figure | computed as |
//! |---|---|---|
//! | 11 | 用户建档数量 | files (vehicles sold here) whose slip came back in the month |
//! | 12 | 用户建档率 | (11) ÷ the month's vehicle sales (整车销售数量: confirmed, else the vehicles recorded as sold); 无数据 when neither, or 0 |
//! | 13 | 用户回访数量 | distinct customers with at least one effective (有效) call in the month |
//! | 14 | 用户回访率 | of the customers filed in the month who can be reached (not marked 无法回访, or followed up anyway), the share with an effective call on or after their vehicle's sale (up to today) |
//! | 15 | 建档费登记金额 | filing fees registered in the month |
//! | 16 | 建档费返厂金额 | filing fees in return batches sent in the month |
//! | 17 | 维修整车数量 | distinct vehicles whose repair order was completed (完工) in the month; per technician too |
//! | 18 | 上门派修次数 | on-site or dispatched orders completed in the month |
//! | 19 | 维修业务收入 | money received on repair orders delivered (交车结算) in the month |
//! | 20 | 点检率 | of the inspections due in the month, the share done by its last day (up to 15 days early counts); in the open month 本月至今, only those due by today |

use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{inspection, sales};
use crate::dates::Month;
use crate::error::AppResult;
use crate::money::Money;
use crate::rate::Rate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TechnicianLoad {
    pub technician: String,
    /// distinct vehicles completed
    pub vehicles: i64,
    /// orders completed
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomerIndicators {
    pub month: String,
    /// 11 用户建档数量
    pub files: i64,
    /// the month's 整车销售数量 as 12 uses it: confirmed, else recorded
    /// (None: neither)
    pub vehicles_sold: Option<i64>,
    /// the manager has confirmed the month's sales figures
    pub sales_confirmed: bool,
    /// 12 用户建档率 (the text's formula: files ÷ sales, can pass 100%)
    pub filing_rate: Option<Rate>,
    /// beside 12, the cohort: the vehicles recorded as sold here in the
    /// month, those of them filed so far, the share, and those still unfiled
    pub cohort_sold: i64,
    pub cohort_filed: i64,
    pub cohort_rate: Option<Rate>,
    /// 13 用户回访数量
    pub follow_ups: i64,
    /// 14: customers filed in the month, and those of them followed up
    pub filed_customers: i64,
    pub filed_followed: i64,
    /// customers filed in the month marked 无法回访 and not followed up:
    /// left out of 14's base (the text's "能回访的用户")
    pub filed_unreachable: i64,
    /// 14 用户回访率
    pub follow_up_rate: Option<Rate>,
    /// 15 建档费登记金额
    pub fees_registered: Money,
    /// 16 建档费返厂金额
    pub fees_returned: Money,
    /// 17 维修整车数量, and per technician
    pub vehicles_repaired: i64,
    pub by_technician: Vec<TechnicianLoad>,
    /// 18 上门派修次数
    pub onsite_repairs: i64,
    /// 19 维修业务收入: what customers paid
    pub repair_revenue: Money,
    /// beside 19: what the factory paid for 三包 work, by settlement month,
    /// and on how many claims (not part of 19)
    pub factory_paid: Money,
    pub factory_paid_claims: i64,
    /// 20: due and done, and 点检率 (in the open month: due by `as_of`)
    pub inspections_due: i64,
    pub inspections_done: i64,
    pub inspection_rate: Option<Rate>,
    /// 本月至今: the day the figures run to, when the month is not over
    #[serde(rename = "as_of")]
    pub as_of: Option<String>,
}

/// The month's indicators, the whole month.
pub fn compute(conn: &Connection, month: Month) -> AppResult<CustomerIndicators> {
    // a day past the month: the whole month, not 本月至今
    compute_to(conn, month, month.next().first_day())
}

/// The month's indicators as of `today` (本月至今 when the month is not
/// over): rates whose base is "due in the month" count only what has fallen
/// due by then. A day past the month's end is the whole month.
/// Beside 12, the month's cohort: (vehicles recorded as sold here in the
/// month, of which filed so far).
pub fn cohort(conn: &Connection, month: Month) -> AppResult<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(file_returned_on IS NOT NULL), 0) FROM vehicle
         WHERE sold_here = 1 AND sale_date BETWEEN ?1 AND ?2",
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Beside 14: customers filed in the month marked 无法回访 and not followed
/// up, left out of its base.
pub fn filed_unreachable(conn: &Connection, month: Month) -> AppResult<i64> {
    Ok(conn.query_row(
        "SELECT count(DISTINCT v.customer_id) FROM vehicle v JOIN customer c ON c.id = v.customer_id
         WHERE v.file_returned_on BETWEEN ?1 AND ?2 AND c.unreachable_reason IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.customer_id = v.customer_id AND f.effective = 1
                             AND f.called_on >= coalesce(v.sale_date, v.file_returned_on))",
        params![month.first_day().to_string(), month.last_day().to_string()],
        |r| r.get(0),
    )?)
}

pub fn compute_to(conn: &Connection, month: Month, today: chrono::NaiveDate) -> AppResult<CustomerIndicators> {
    let (a, b) = (month.first_day().to_string(), month.last_day().to_string());
    // date-times (`2026-11-30 18:00`) sort below `2026-11-30 99`
    let b_time = format!("{b} 99");
    let files: i64 = conn.query_row(
        "SELECT count(*) FROM vehicle WHERE file_returned_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let s = sales::get(conn, month)?;
    let filing_rate = s
        .units_used
        .and_then(|u| Rate::ratio(Decimal::from(files), Decimal::from(u)));
    let follow_ups: i64 = conn.query_row(
        "SELECT count(DISTINCT customer_id) FROM follow_up WHERE effective = 1 AND called_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let (filed_customers, filed_followed): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(followed), 0) FROM (
             SELECT v.customer_id,
                    max(EXISTS (SELECT 1 FROM follow_up f WHERE f.customer_id = v.customer_id AND f.effective = 1
                                  AND f.called_on >= coalesce(v.sale_date, v.file_returned_on))) AS followed,
                    (SELECT c.unreachable_reason IS NOT NULL FROM customer c WHERE c.id = v.customer_id) AS unreachable
             FROM vehicle v WHERE v.file_returned_on BETWEEN ?1 AND ?2 GROUP BY v.customer_id)
         WHERE followed OR NOT unreachable",
        params![a, b],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let follow_up_rate = Rate::ratio(Decimal::from(filed_followed), Decimal::from(filed_customers));
    let filed_unreachable = filed_unreachable(conn, month)?;
    let (cohort_sold, cohort_filed) = cohort(conn, month)?;
    let fees_registered: Money = conn.query_row(
        "SELECT coalesce(sum(filing_fee_fen), 0) FROM vehicle WHERE fee_registered_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let fees_returned: Money = conn.query_row(
        "SELECT coalesce(sum(v.filing_fee_fen), 0) FROM filing_fee_batch fb JOIN vehicle v ON v.fee_batch_id = fb.id
         WHERE fb.returned_on BETWEEN ?1 AND ?2",
        params![a, b],
        |r| r.get(0),
    )?;
    let (vehicles_repaired, onsite_repairs): (i64, i64) = conn.query_row(
        "SELECT count(DISTINCT vehicle_id), coalesce(sum(kind = 'onsite'), 0) FROM repair_order
         WHERE done_at BETWEEN ?1 AND ?2",
        params![a, b_time],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let by_technician = conn
        .prepare_cached(
            "SELECT technician, count(DISTINCT vehicle_id), count(*) FROM repair_order
             WHERE done_at BETWEEN ?1 AND ?2 GROUP BY technician ORDER BY count(DISTINCT vehicle_id) DESC, technician",
        )?
        .query_map(params![a, b_time], |r| {
            Ok(TechnicianLoad {
                technician: r.get(0)?,
                vehicles: r.get(1)?,
                orders: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let repair_revenue: Money = conn.query_row(
        "SELECT coalesce(sum(received_fen), 0) FROM repair_order WHERE delivered_at BETWEEN ?1 AND ?2",
        params![a, b_time],
        |r| r.get(0),
    )?;
    let (inspections_due, inspections_done) = inspection::due_counts_until(conn, month, today)?;
    let (factory_paid_claims, factory_paid) = crate::warranty::indicators::factory_paid(conn, month)?;
    Ok(CustomerIndicators {
        month: month.iso(),
        files,
        vehicles_sold: s.units_used,
        sales_confirmed: s.confirmed(),
        filing_rate,
        cohort_sold,
        cohort_filed,
        cohort_rate: Rate::ratio(Decimal::from(cohort_filed), Decimal::from(cohort_sold)),
        follow_ups,
        filed_customers,
        filed_followed,
        filed_unreachable,
        follow_up_rate,
        fees_registered,
        fees_returned,
        vehicles_repaired,
        by_technician,
        onsite_repairs,
        repair_revenue,
        factory_paid,
        factory_paid_claims,
        inspections_due,
        inspections_done,
        inspection_rate: Rate::ratio(Decimal::from(inspections_done), Decimal::from(inspections_due)),
        as_of: (Month::of(today) == month).then(|| today.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::filing::{self, FeeBatchInput, FileInput};
    use crate::customers::follow_up::{self, FollowUpInput};
    use crate::customers::inspection::{self, InspectionInput};
    use crate::customers::repair::{self, CompleteInput, DeliverInput, RepairInput};
    use crate::customers::sales::{self, SalesInput};
    use crate::customers::testkit::{at, day, sell, shop};
    use crate::store::Store;

    fn call(customer: i64, vehicle: i64, on: &str, effective: bool) -> FollowUpInput {
        FollowUpInput {
            customer_id: Some(customer),
            vehicle_id: Some(vehicle),
            reason: "sale".into(),
            called_on: on.into(),
            effective,
            satisfaction: if effective { "5".into() } else { String::new() },
            operator: "小李".into(),
            ..Default::default()
        }
    }

    /// A small shop with every figure worked out by hand below.
    #[test]
    fn november_by_hand() {
        let mut s = shop();
        let t = day("2026-11-26");
        let nov = Month::parse("2026-11").unwrap();
        // an empty month: counts 0, every rate 无数据
        let empty = compute(s.conn(), nov).unwrap();
        assert_eq!((empty.files, empty.follow_ups, empty.vehicles_repaired), (0, 0, 0));
        assert_eq!(
            (empty.filing_rate, empty.follow_up_rate, empty.inspection_rate),
            (None, None, None)
        );
        // four sales: two in August (inspections due in November: month 1 of
        // nothing, month 4 of August's), one on 1 October, one in November
        let a = sell(&mut s, "甲", "13800000001", 1, "2026-08-10");
        let b = sell(&mut s, "乙", "13800000002", 2, "2026-08-20");
        let c = sell(&mut s, "丙", "13800000003", 3, "2026-10-01");
        let d = sell(&mut s, "丁", "13800000004", 4, "2026-11-02");
        let cust = |v: i64| crate::customers::vehicle::get(s.conn(), v).unwrap().customer_id;
        let (cb, cc, cd) = (cust(b), cust(c), cust(d));
        // files: c and d come back in November (11 = 2), a in October
        let file = |s: &mut Store, v: i64, on: &str, fee: &str, reg: &str| {
            filing::record_file(
                s,
                v,
                &FileInput {
                    file_returned_on: on.into(),
                    filing_fee: fee.into(),
                    fee_registered_on: reg.into(),
                },
                t,
            )
            .unwrap();
        };
        file(&mut s, a, "2026-10-05", "20", "2026-10-05");
        file(&mut s, c, "2026-11-03", "20", "2026-11-03");
        file(&mut s, d, "2026-11-10", "30", "2026-11-10");
        // fees: a's (¥20, registered in October) returned in November → 16 = ¥20
        filing::create_batch(
            &mut s,
            &FeeBatchInput {
                returned_on: "2026-11-15".into(),
                vehicle_ids: vec![a],
                note: String::new(),
            },
            t,
        )
        .unwrap();
        // follow-ups: c reached in November, d not reached, b (not filed in
        // November) reached twice → 13 = 2 (b, c); 14 = c of {c, d} = 50%
        follow_up::record(&mut s, &call(cc, c, "2026-11-05", true), t).unwrap();
        follow_up::record(&mut s, &call(cd, d, "2026-11-12", false), t).unwrap();
        follow_up::record(&mut s, &call(cb, b, "2026-11-01", true), t).unwrap();
        follow_up::record(&mut s, &call(cb, b, "2026-11-20", true), t).unwrap();
        // inspections due in November: a (2026-08-10 + 3? no: months 1,4,7,10
        // → a: 2026-09-10, 2026-12-10; b: 2026-09-20, 2026-12-20; c: 2026-11-01;
        // d: 2026-12-02) → only c is due in November
        // a done 2026-11-28 would close 2026-12-10 (≤ 15 days early) and so
        // not count for November's due list; c done on 2026-11-04 counts
        inspection::record(
            &mut s,
            &InspectionInput {
                vehicle_id: Some(c),
                inspected_on: "2026-11-04".into(),
                mileage: "800".into(),
                technician: "张师傅".into(),
                findings: "正常".into(),
            },
            t,
        )
        .unwrap();
        // repairs: two completed in November on a (one on-site), one on b
        // still open → 17 = 1 vehicle, 18 = 1, 19 = ¥50 received
        let now = at("2026-11-26 18:00");
        let open = |s: &mut Store, v: i64, kind: &str, when: &str| {
            repair::create(
                s,
                &RepairInput {
                    vehicle_id: Some(v),
                    kind: kind.into(),
                    received_at: when.into(),
                    complaint: "异响".into(),
                    place: "王家村".into(),
                    ..Default::default()
                },
                now,
            )
            .unwrap()
            .id
        };
        let done = |s: &mut Store, id: i64, when: &str, tech: &str| {
            repair::complete(
                s,
                id,
                &CompleteInput {
                    done_at: when.into(),
                    technician: tech.into(),
                    work_done: "修复".into(),
                    labour: "50".into(),
                },
                now,
            )
            .unwrap();
        };
        let r1 = open(&mut s, a, "repair", "2026-11-05 09:00");
        done(&mut s, r1, "2026-11-05 11:00", "张师傅");
        repair::deliver(&mut s, r1, &DeliverInput::default(), now).unwrap();
        let r2b = open(&mut s, a, "onsite", "2026-11-06 09:00");
        done(&mut s, r2b, "2026-11-06 15:00", "李师傅");
        open(&mut s, b, "maintenance", "2026-11-07 09:00");

        let m = compute(s.conn(), nov).unwrap();
        assert_eq!(m.files, 2);
        // no sales confirmed: 12 stands on the one vehicle recorded as sold
        // in November (d), 2 files ÷ 1 = 200%, marked unconfirmed
        assert_eq!((m.vehicles_sold, m.sales_confirmed), (Some(1), false));
        assert_eq!(m.filing_rate.unwrap().display(), "200%");
        assert_eq!(m.follow_ups, 2);
        assert_eq!((m.filed_customers, m.filed_followed), (2, 1));
        assert_eq!(m.follow_up_rate.unwrap().display(), "50%");
        // beside 12, the cohort: of November's one vehicle sold (d), one is
        // filed; of August's two (a, b), only a
        assert_eq!((m.cohort_sold, m.cohort_filed), (1, 1));
        assert_eq!(m.cohort_rate.unwrap().display(), "100%");
        let aug = compute(s.conn(), Month::parse("2026-08").unwrap()).unwrap();
        assert_eq!((aug.cohort_sold, aug.cohort_filed), (2, 1));
        assert_eq!(aug.cohort_rate.unwrap().display(), "50%");
        assert_eq!(
            aug.filing_rate.unwrap().display(),
            "0%",
            "the text's formula: no file came back in August"
        );
        // d's number is dead (空号): d leaves 14's base, and the due list
        let mark = |s: &mut Store, customer: i64, reason: &str, note: &str| {
            follow_up::set_unreachable(
                s,
                &follow_up::UnreachableInput {
                    customer_id: customer,
                    reason: reason.into(),
                    note: note.into(),
                },
                t,
            )
        };
        let due_for = |s: &Store, customer: i64| {
            follow_up::due(s.conn(), t, 60, 3)
                .unwrap()
                .iter()
                .filter(|d| d.customer_id == customer)
                .count()
        };
        assert!(due_for(&s, cd) > 0);
        // bad marks change nothing
        assert!(mark(&mut s, cd, "xyz", "").is_err());
        assert_eq!(
            mark(&mut s, cd, "other", "").unwrap_err().problems[0].message,
            "原因为「其他」时请写明情况"
        );
        assert!(mark(&mut s, 99_999, "refused", "").is_err());
        assert!(follow_up::unreachable(s.conn()).unwrap().is_empty());
        mark(&mut s, cd, "dead_number", "").unwrap();
        let marked = follow_up::unreachable(s.conn()).unwrap();
        assert_eq!(
            (marked.len(), marked[0].reason_label, marked[0].marked_on.as_str()),
            (1, "空号或停机", "2026-11-26")
        );
        assert_eq!(due_for(&s, cd), 0, "shown apart, not overdue for ever");
        let m2 = compute(s.conn(), nov).unwrap();
        assert_eq!((m2.filed_customers, m2.filed_followed, m2.filed_unreachable), (1, 1, 1));
        assert_eq!(m2.follow_up_rate.unwrap().display(), "100%");
        // reachable again: back in the base and the list
        mark(&mut s, cd, "", "").unwrap();
        assert_eq!(compute(s.conn(), nov).unwrap().follow_up_rate.unwrap().display(), "50%");
        assert!(due_for(&s, cd) > 0);
        assert_eq!(
            (m.fees_registered, m.fees_returned),
            (Money::from_yuan(50), Money::from_yuan(20))
        );
        assert_eq!((m.vehicles_repaired, m.onsite_repairs), (1, 1));
        assert_eq!(m.by_technician.len(), 2);
        assert_eq!(m.repair_revenue, Money::from_yuan(50));
        assert_eq!((m.inspections_due, m.inspections_done), (1, 1));
        assert_eq!(m.inspection_rate.unwrap().display(), "100%");
        // with November's sales entered: 2 files of 4 sold = 50%
        sales::set(
            &mut s,
            &SalesInput {
                month: "2026-11".into(),
                units: "4".into(),
                amount: "27200".into(),
            },
            t,
        )
        .unwrap();
        let confirmed = compute(s.conn(), nov).unwrap();
        assert_eq!(confirmed.filing_rate.unwrap().display(), "50%");
        assert_eq!((confirmed.vehicles_sold, confirmed.sales_confirmed), (Some(4), true));
        // entered as 0 units: still 无数据, never a division by zero
        sales::set(
            &mut s,
            &SalesInput {
                month: "2026-11".into(),
                units: "0".into(),
                amount: "0".into(),
            },
            t,
        )
        .unwrap();
        assert_eq!(compute(s.conn(), nov).unwrap().filing_rate, None);
        // December: a, b and d due (a 12-10, b 12-20, d 12-02), none done
        let december = Month::parse("2026-12").unwrap();
        let dec = compute(s.conn(), december).unwrap();
        assert_eq!((dec.inspections_due, dec.inspections_done), (3, 0));
        // nothing recorded as sold in December and nothing confirmed: 无数据
        assert_eq!((dec.vehicles_sold, dec.filing_rate, dec.as_of), (None, None, None));
        // 本月至今: on 1 December nothing has fallen due yet (无数据, not 0%);
        // on the 12th d's (12-02) and a's (12-10) have, b's (12-20) not yet
        let first = compute_to(s.conn(), december, day("2026-12-01")).unwrap();
        assert_eq!((first.inspections_due, first.inspection_rate), (0, None));
        assert_eq!(first.as_of.as_deref(), Some("2026-12-01"));
        let twelfth = compute_to(s.conn(), december, day("2026-12-12")).unwrap();
        assert_eq!((twelfth.inspections_due, twelfth.inspections_done), (2, 0));
        assert_eq!(twelfth.inspection_rate.unwrap().display(), "0%");
        // a day after the month is the whole month
        let after = compute_to(s.conn(), december, day("2027-01-05")).unwrap();
        assert_eq!((after.inspections_due, after.as_of), (3, None));
    }
}
