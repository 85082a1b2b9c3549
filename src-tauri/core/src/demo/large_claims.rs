//! The large benchmark shop's warranty side: claims for the ledger's 三包更换
//! issues (one claim per chosen issue, its line pointing at that movement),
//! in every state by age, and an old-part return batch on the 20th of each
//! month for the lines repaired before it. Written straight into the tables,
//! in transactions of a few thousand, like the rest of the large shop.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::params;

use crate::demo::{DemoRng, DEMO_SEED};
use crate::error::AppResult;
use crate::store::Store;

/// Adds about `claims` warranty claims to a large shop that has none.
pub fn populate_claims(store: &mut Store, claims: usize, today: NaiveDate) -> AppResult<usize> {
    let conn = store.conn();
    // the 三包更换 issues not reversed, oldest first
    let mut st = conn.prepare(
        "SELECT m.id, m.part_id, m.qty, -m.value_fen, m.moved_on FROM stock_movement m
         WHERE m.kind = 'warranty' AND m.reverses_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM stock_movement r WHERE r.reverses_id = m.id)
         ORDER BY m.moved_on, m.id",
    )?;
    let issues: Vec<(i64, i64, i64, i64, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    drop(st);
    let mut st = conn.prepare("SELECT id, customer_id FROM vehicle WHERE sold_here = 1 ORDER BY id")?;
    let vehicles: Vec<(i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    drop(st);
    if issues.is_empty() || vehicles.is_empty() {
        return Ok(0);
    }
    let step = (issues.len() / claims.max(1)).max(1);
    let mut rng = DemoRng::new(DEMO_SEED ^ 0x5342_434C);
    let now = crate::dates::stamp();
    let faults = [
        ("发动机异响", "发动机"),
        ("启动困难", "电气"),
        ("刹车异响", "制动"),
        ("链条跳齿", "传动"),
        ("大灯不亮", "电气"),
        ("漏油", "发动机"),
    ];
    let mut per_month: std::collections::HashMap<String, u32> = Default::default();
    let mut written = 0usize;
    for chunk in issues.iter().step_by(step).collect::<Vec<_>>().chunks(5_000) {
        let tx = store.conn_mut().transaction()?;
        for (movement, part, qty, value, moved_on) in chunk {
            let day = NaiveDate::parse_from_str(moved_on, "%Y-%m-%d").expect("ISO date");
            let (vehicle, customer) = *rng.pick(&vehicles);
            let age = (today - day).num_days();
            let ym = format!("{:04}{:02}", day.year(), day.month());
            let n = per_month.entry(ym.clone()).or_insert(0);
            *n += 1;
            let (fault, category) = *rng.pick(&faults);
            let labour = rng.range(1, 4) * 2_000;
            let (status, submitted, decided, settled_on, settled) = if age > 75 {
                if rng.chance(4) {
                    (
                        "rejected",
                        Some(day + Days::new(3)),
                        Some(day + Days::new(20)),
                        None,
                        None,
                    )
                } else {
                    (
                        "settled",
                        Some(day + Days::new(3)),
                        Some(day + Days::new(20)),
                        Some(day + Days::new(50)),
                        Some(value + labour),
                    )
                }
            } else if age > 30 {
                (
                    "approved",
                    Some(day + Days::new(3)),
                    Some(day + Days::new(20)),
                    None,
                    None,
                )
            } else if age > 3 {
                ("submitted", Some(day + Days::new(3)), None, None, None)
            } else {
                ("draft", None, None, None, None)
            };
            let d = |x: Option<NaiveDate>| x.map(|x| x.min(today).to_string());
            tx.execute(
                "INSERT INTO warranty_claim (claim_no, vehicle_id, customer_id, invoice_date, mileage, reported_on,
                     fault, fault_category, main_part_id, appraiser, appraisal_result, labour_hours, labour_fen,
                     status, repaired_on, submitted_on, decided_on, settled_fen, settled_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '赵鉴定', '属质量问题', '1', ?10,
                         ?11, ?6, ?12, ?13, ?14, ?15, ?16)",
                params![
                    format!("SB-{ym}-{:04}", n),
                    vehicle,
                    customer,
                    (day - Days::new(rng.range(30, 300) as u64)).to_string(),
                    rng.range(300, 5_900),
                    moved_on,
                    fault,
                    category,
                    part,
                    labour,
                    status,
                    d(submitted),
                    d(decided),
                    settled,
                    d(settled_on),
                    now
                ],
            )?;
            let claim = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO warranty_claim_line (claim_id, part_id, qty, movement_id, value_fen) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![claim, part, qty, movement, value],
            )?;
            tx.execute(
                "INSERT INTO warranty_claim_event (claim_id, at, who, action, to_status) VALUES (?1, ?2, '张内勤', '录入', 'draft')",
                params![claim, format!("{moved_on} 10:00")],
            )?;
            written += 1;
        }
        tx.commit()?;
    }
    // old parts go back on the 20th of each month: everything repaired before it
    let tx = store.conn_mut().transaction()?;
    let first: String = tx.query_row("SELECT min(repaired_on) FROM warranty_claim", [], |r| r.get(0))?;
    let mut day = NaiveDate::parse_from_str(&first, "%Y-%m-%d")
        .expect("ISO date")
        .with_day(20)
        .expect("20th");
    while day <= today {
        tx.execute(
            "INSERT INTO old_part_batch (batch_no, shipped_on, received_on, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                format!("FH-{:04}{:02}-01", day.year(), day.month()),
                day.to_string(),
                (day + Days::new(12)).min(today).to_string(),
                now
            ],
        )?;
        let batch = tx.last_insert_rowid();
        tx.execute(
            "UPDATE warranty_claim_line SET old_batch_id = ?1
             WHERE old_batch_id IS NULL AND movement_id IS NOT NULL
               AND claim_id IN (SELECT id FROM warranty_claim WHERE repaired_on < ?2 AND status <> 'rejected')",
            params![batch, day.to_string()],
        )?;
        day = day.checked_add_months(chrono::Months::new(1)).expect("date");
    }
    tx.commit()?;
    Ok(written)
}
