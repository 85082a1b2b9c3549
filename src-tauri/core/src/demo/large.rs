//! 大型示例店铺：a large generated shop for benchmarks — 20,000 parts and
//! about 2,000,000 stock movements over ten years (`moto4s demo --size large`).
//!
//! Writing two million movements through the ledger's per-movement checks
//! would take many minutes, so this generator computes each part's ledger in
//! memory with the same valuation rule (moving average kept as total value,
//! issues rounded to the fen, the last piece takes the rest) and inserts the
//! rows directly, in date order per part, with every balance filled in. The
//! result keeps the ledger's invariants; a test checks them on a small run.

use chrono::{Days, NaiveDate};
use rusqlite::params;

use crate::demo::{demo_settings, DemoRng, DEMO_SEED};
use crate::error::AppResult;
use crate::settings;
use crate::store::search::pinyin_initials;
use crate::store::Store;

/// The size of a generated shop.
#[derive(Debug, Clone, Copy)]
pub struct LargeSize {
    pub parts: usize,
    /// average movements per part
    pub movements_per_part: usize,
    pub years: u64,
    /// customers (each with a vehicle; one in ten with a second)
    pub customers: usize,
    pub repairs: usize,
}

/// The benchmark shop of the issue: 20,000 parts, ~2,000,000 movements, 10 years.
pub const LARGE: LargeSize = LargeSize {
    parts: 20_000,
    movements_per_part: 105,
    years: 10,
    customers: 100_000,
    repairs: 300_000,
};

const NAMES: &[(&str, &str, i64, bool)] = &[
    ("机油滤清器", "滤清器", 8, false),
    ("空气滤清器滤芯", "滤清器", 15, false),
    ("火花塞", "电气", 12, false),
    ("前刹车片", "制动", 22, false),
    ("后刹车蹄块", "制动", 18, false),
    ("离合器拉线", "传动", 10, false),
    ("传动链条", "传动", 45, false),
    ("活塞环", "发动机", 32, false),
    ("缸垫", "发动机", 8, false),
    ("化油器总成", "燃油", 150, false),
    ("启动电机", "电气", 120, false),
    ("点火线圈", "电气", 36, false),
    ("后减震器", "车架", 120, false),
    ("后视镜", "车身", 15, false),
    ("机油 SJ 15W-40 1L", "油品", 26, true),
];

/// Writes a large shop into a new, empty store. Returns the movement count.
pub fn populate(store: &mut Store, size: LargeSize, today: NaiveDate) -> AppResult<i64> {
    let start = today.checked_sub_days(Days::new(365 * size.years)).expect("date");
    let span = (today - start).num_days().max(1);
    let mut rng = DemoRng::new(DEMO_SEED ^ 0x4C41_5247);
    settings::save(store.conn(), demo_settings())?;
    let mut total = 0i64;
    let now = crate::dates::stamp();
    let chunk = 500;
    for first in (0..size.parts).step_by(chunk) {
        let tx = store.conn_mut().transaction()?;
        {
            let mut ins_part = tx.prepare(
                "INSERT INTO part (part_no, name, name_initials, fitment, unit, category, is_engine_oil, cost_price_fen,
                    retail_price_fen, bin_location, min_stock, max_stock, active, on_hand, stock_value_fen,
                    last_movement_on, last_issue_on, created_at, oil_ml)
                 VALUES (?1, ?2, ?3, ?4, '个', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                         CASE WHEN ?6 THEN 1000 END)",
            )?;
            let mut ins_move = tx.prepare(
                "INSERT INTO stock_movement (part_id, moved_on, kind, qty, delta, value_fen, cash_fen, balance_qty,
                    balance_value_fen, operator, note, created_at, issue_as_of)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '系统生成', '', ?10, ?11)",
            )?;
            for i in first..(first + chunk).min(size.parts) {
                let (base, cat, cost, oil) = NAMES[i % NAMES.len()];
                let model = i / NAMES.len() % 40;
                let name = format!("{base} {}型", ["CG", "GN", "WY", "HJ", "SDH"][model % 5]);
                let cost_fen = cost * 100 + rng.range(0, 99);
                let retail_fen = cost_fen * 145 / 100;
                let min = rng.range(2, 10);
                let max = min * 5;
                // ~8% of parts stop moving at some point (slow movers)
                let stops = if rng.chance(8) { rng.range(0, span) } else { span + 1 };
                // events spread over the years, in date order
                let n = rng.range(
                    size.movements_per_part as i64 / 2,
                    size.movements_per_part as i64 * 3 / 2,
                );
                let mut days: Vec<i64> = (0..n).map(|_| rng.range(0, span)).collect();
                days.sort_unstable();
                ins_part.execute(params![
                    format!("{:05}-K{:02}-{:03}", 20000 + i, model, i % 1000),
                    name,
                    pinyin_initials(&name),
                    format!("车型 {model:02}"),
                    cat,
                    oil,
                    cost_fen,
                    retail_fen,
                    format!("{}-{:02}-{:02}", ["A", "B", "C", "D", "E"][i % 5], i / 5 % 60, i % 20),
                    min,
                    max,
                    true,
                    0,
                    0,
                    Option::<String>::None,
                    Option::<String>::None,
                    now
                ])?;
                let part_id = tx.last_insert_rowid();
                let (mut qty, mut value) = (0i64, 0i64);
                let (mut last_move, mut last_issue): (Option<String>, Option<String>) = (None, None);
                for d in days {
                    let date = start
                        .checked_add_days(Days::new(d as u64))
                        .expect("date")
                        .format("%Y-%m-%d")
                        .to_string();
                    let (kind, q, dv, cash) = if qty <= min {
                        let q = max - qty;
                        let unit = cost_fen + rng.range(-30, 50);
                        ("receipt", q, q * unit.max(10), 0)
                    } else if d >= stops {
                        continue;
                    } else {
                        let kind = *rng.pick(&["repair", "repair", "sale", "sale", "dealer", "warranty"]);
                        let q = rng.range(1, qty.min(4));
                        // value × q ÷ qty in fen, half away from zero (values are ≥ 0),
                        // as the ledger's issue_value does
                        let out = if q == qty {
                            value
                        } else {
                            (2 * value * q + qty) / (2 * qty)
                        };
                        let cash = if kind == "sale" || kind == "dealer" {
                            q * retail_fen
                        } else {
                            0
                        };
                        (kind, -q, -out, cash)
                    };
                    qty += q;
                    value += dv;
                    if kind != "receipt" {
                        last_issue = Some(date.clone());
                    }
                    ins_move.execute(params![
                        part_id,
                        date,
                        kind,
                        q.abs(),
                        q,
                        dv,
                        cash,
                        qty,
                        value,
                        now,
                        last_issue
                    ])?;
                    total += 1;
                    last_move = Some(date);
                }
                tx.execute(
                    "UPDATE part SET on_hand = ?2, stock_value_fen = ?3, last_movement_on = ?4, last_issue_on = ?5
                     WHERE id = ?1",
                    params![part_id, qty, value, last_move, last_issue],
                )?;
            }
        }
        tx.commit()?;
    }
    populate_customers(store, size, today)?;
    populate_network(store, 60, size.years, today)?;
    store.set_meta("demo", "large")?;
    Ok(total)
}

/// The customer side of the large shop: customers and their vehicles over
/// the years (files, fees and monthly fee batches, the month's sales
/// figures), a follow-up after most sales and repairs, inspections at most
/// due dates, and `size.repairs` repair orders (labour and money received;
/// their parts are not linked to the generated ledger). Written in bulk,
/// in chunks of one transaction each.
/// The large shop's service network: `outlets` outlets (经销商, 零售商 and
/// 特约维修站), three in ten vehicles sold by one of them, about 40 parts
/// orders a month across the network with their first-supply figures, a
/// fifth of the claims reported by an outlet, and a visit to each outlet
/// about once a month with an action or two. Written in bulk, after the
/// customers and claims and before the months are closed.
pub fn populate_network(store: &mut Store, outlets: usize, years: u64, today: NaiveDate) -> AppResult<()> {
    use chrono::Duration;
    let start = today.checked_sub_days(Days::new(365 * years)).expect("date");
    let span = (today - start).num_days().max(1);
    let mut rng = DemoRng::new(DEMO_SEED ^ 0x4E45_5457_4C47);
    let now = crate::dates::stamp();
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let tx = store.conn_mut().transaction()?;
    {
        let mut ins = tx.prepare(
            "INSERT INTO dealer (name, name_initials, kind, township, contact, phone, authorised_on, status, status_on,
                technicians, equipment_level, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for i in 0..outlets {
            let township = format!("第{}镇", i + 1);
            let kind = ["dealer", "retailer", "retailer", "station"][i % 4];
            let name = format!(
                "{township}{}",
                ["摩托车行", "摩配店", "摩托维修部", "特约维修站"][i % 4]
            );
            let status = if i % 20 == 19 {
                "revoked"
            } else if i % 10 == 9 {
                "suspended"
            } else {
                "active"
            };
            let status_on = if status == "active" {
                iso(start)
            } else {
                iso(today - Duration::days(200))
            };
            ins.execute(params![
                name,
                pinyin_initials(&name),
                kind,
                township,
                "网点负责人",
                format!("1390000{i:04}"),
                iso(start),
                status,
                status_on,
                1 + (i % 4) as i64,
                ["A", "B", "C"][i % 3],
                now
            ])?;
        }
        // three in ten of the network's vehicles sold by an outlet
        tx.execute(
            "UPDATE vehicle SET dealer_id = 1 + (id % ?1) WHERE sold_here = 1 AND id % 10 < 3",
            [outlets as i64],
        )?;
        // a fifth of the claims reported by an outlet
        tx.execute(
            "UPDATE warranty_claim SET dealer_id = 1 + (id % ?1) WHERE id % 5 = 0 AND repair_order_id IS NULL",
            [outlets as i64],
        )?;
        let parts: Vec<i64> = tx
            .prepare("SELECT id FROM part WHERE active = 1 ORDER BY id LIMIT 2000")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut ins_o = tx.prepare(
            "INSERT INTO dealer_order (order_no, dealer_id, ordered_on, note, first_delivery_on, created_at, supply_due_on)
             VALUES (?1, ?2, ?3, '', ?4, ?5, ?6)",
        )?;
        let mut ins_l = tx.prepare(
            "INSERT INTO dealer_order_line (order_id, part_id, qty_ordered, qty_first, qty_shipped) VALUES (?1, ?2, ?3, ?4, ?4)",
        )?;
        let orders = (span as usize * 40 / 30).max(1);
        for n in 0..orders {
            let on = start + Duration::days(rng.range(0, span - 3));
            let dealer = 1 + (n % outlets) as i64;
            let id_no = format!("DD-{}-{:05}", on.format("%Y%m"), n + 1);
            ins_o.execute(params![
                id_no,
                dealer,
                iso(on),
                iso(on + Duration::days(1)),
                now,
                iso(on + Duration::days(2))
            ])?;
            let order = tx.last_insert_rowid();
            let k = rng.range(1, 4) as usize;
            let first = rng.range(0, parts.len() as i64 - k as i64) as usize;
            for p in &parts[first..first + k] {
                let qty = rng.range(1, 8);
                let got = if rng.chance(85) { qty } else { rng.range(0, qty) };
                ins_l.execute(params![order, p, qty, got])?;
            }
        }
        let mut ins_v = tx.prepare(
            "INSERT INTO dealer_visit (dealer_id, visited_on, visitor, purpose, findings, created_at)
             VALUES (?1, ?2, '王经理', ?3, '旧件未分类挂牌', ?4)",
        )?;
        let mut ins_a = tx.prepare(
            "INSERT INTO dealer_visit_action (visit_id, action, due_on, done_on) VALUES (?1, '旧件挂牌分类存放', ?2, ?3)",
        )?;
        for d in 1..=outlets as i64 {
            let mut on = start + Duration::days(rng.range(0, 30));
            while on <= today {
                ins_v.execute(params![
                    d,
                    iso(on),
                    ["inspection", "support", "training", "collection"][rng.range(0, 3) as usize],
                    now
                ])?;
                let visit = tx.last_insert_rowid();
                let due = on + Duration::days(14);
                let done = Some(due).filter(|d| *d <= today && rng.chance(90)).map(iso);
                ins_a.execute(params![visit, iso(due), done])?;
                on += Duration::days(rng.range(20, 40));
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// The large benchmark shop whole, into an empty store: the ledger,
/// customers and network ([`populate`]), 30,000 warranty claims, and the
/// months before `today`'s closed — the shop `cargo bench --bench
/// large_shop` measures and `moto4s demo --size large` writes (so
/// scripts/startup-bench.sh opens the same shop whichever made it).
/// Returns the number of stock movements.
pub fn create(store: &mut Store, today: NaiveDate) -> AppResult<i64> {
    let n = populate(store, LARGE, today)?;
    crate::demo::large_claims::populate_claims(store, CLAIMS, today)?;
    close_past_months(store, today)?;
    Ok(n)
}

/// The warranty claims of the large shop.
pub const CLAIMS: usize = 30_000;

/// Closes (月结) the large shop's months before `today`'s, as the demo
/// shop's are ([`crate::demo::close_past_months`]); called once everything
/// is generated, since nothing may be dated into a closed month after.
pub fn close_past_months(store: &mut Store, today: NaiveDate) -> AppResult<()> {
    store.write(|tx| crate::demo::close_past_months(tx, today))?;
    Ok(())
}

pub fn populate_customers(store: &mut Store, size: LargeSize, today: NaiveDate) -> AppResult<()> {
    use crate::customers::rules::ServiceRules;
    use crate::customers::vin::with_check_digit;
    use chrono::Duration;
    const SURNAMES: &[&str] = &[
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    ];
    const GIVEN: &[&str] = &[
        "建国", "卫东", "秀英", "桂兰", "志强", "海燕", "红梅", "国强", "玉兰", "德华", "小龙", "春生",
    ];
    const TECHS: &[&str] = &[
        "张师傅",
        "李师傅",
        "刘师傅",
        "王师傅",
        "赵师傅",
        "陈师傅",
        "周师傅",
        "吴师傅",
    ];
    let start = today.checked_sub_days(Days::new(365 * size.years)).expect("date");
    let span = (today - start).num_days().max(1);
    let mut rng = DemoRng::new(DEMO_SEED ^ 0x4355_5354_4C47);
    let now = crate::dates::stamp();
    let rules = ServiceRules::default();
    // (vehicle id, customer id, sale date)
    let mut vehicles: Vec<(i64, i64, NaiveDate)> = Vec::with_capacity(size.customers * 11 / 10);
    let chunk = 5_000;
    let mut serial = 0u32;
    for first in (0..size.customers).step_by(chunk) {
        let tx = store.conn_mut().transaction()?;
        {
            let mut ins_c = tx.prepare(
                "INSERT INTO customer (name, name_initials, mobile, address, note, created_at) VALUES (?1, ?2, ?3, ?4, '', ?5)",
            )?;
            let mut ins_v = tx.prepare(
                "INSERT INTO vehicle (vin, vin_reversed, engine_no, model, colour, customer_id, sold_here, sale_date,
                    sale_price_fen, file_returned_on, filing_fee_fen, fee_registered_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, '红', ?5, 1, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut ins_f = tx.prepare(
                "INSERT INTO follow_up (customer_id, vehicle_id, reason, due_on, called_on, effective, satisfaction,
                    complaint, note, operator, created_at)
                 VALUES (?1, ?2, 'sale', ?3, ?3, 1, ?4, '', '车辆使用正常', '张内勤', ?5)",
            )?;
            let mut ins_i = tx.prepare(
                "INSERT INTO inspection (vehicle_id, due_on, inspected_on, mileage, technician, findings, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '正常', ?6)",
            )?;
            for i in first..(first + chunk).min(size.customers) {
                let name = format!(
                    "{}{}",
                    SURNAMES[i % SURNAMES.len()],
                    GIVEN[(i / SURNAMES.len()) % GIVEN.len()]
                );
                ins_c.execute(params![
                    name,
                    pinyin_initials(&name),
                    format!("13{}{:08}", 5 + i % 5, i),
                    format!("第{}村", i % 300),
                    now
                ])?;
                let cid = tx.last_insert_rowid();
                let n = if rng.chance(10) { 2 } else { 1 };
                for _ in 0..n {
                    serial += 1;
                    let sale = start + Duration::days(rng.range(0, span));
                    let vin = with_check_digit(&format!(
                        "LBP{}E13{}0{}{}{:06}",
                        ["K", "M", "P"][serial as usize % 3],
                        1 + serial % 9,
                        ["P", "R", "S", "T"][serial as usize % 4],
                        ["A", "B", "C"][(serial / 4) as usize % 3],
                        serial
                    ));
                    let filed = rng.chance(90).then(|| sale + Duration::days(rng.range(3, 25)));
                    let filed = filed.filter(|d| *d <= today);
                    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
                    ins_v.execute(params![
                        vin,
                        vin.chars().rev().collect::<String>(),
                        format!("157E{serial:08}"),
                        ["豪爵 HJ125-7", "豪爵 USR125", "豪爵 UHR150"][serial as usize % 3],
                        cid,
                        iso(sale),
                        680_000 + rng.range(0, 40) * 10_000,
                        filed.map(iso),
                        if filed.is_some() { 2000 } else { 0 },
                        filed.map(iso),
                        now
                    ])?;
                    let vid = tx.last_insert_rowid();
                    vehicles.push((vid, cid, sale));
                    let due = sale + Duration::days(3);
                    if due <= today && rng.chance(85) {
                        ins_f.execute(params![cid, vid, iso(due), rng.range(3, 5), now])?;
                    }
                    for (k, d) in rules.inspection_dues(sale).into_iter().enumerate() {
                        if d <= today && rng.chance(75) {
                            let on = (d + Duration::days(rng.range(-10, 5))).min(today);
                            let km = (on - sale).num_days() * 25 + k as i64;
                            ins_i.execute(params![
                                vid,
                                iso(d),
                                iso(on),
                                km,
                                TECHS[(vid as usize + k) % TECHS.len()],
                                now
                            ])?;
                        }
                    }
                }
            }
        }
        tx.commit()?;
    }
    // fee batches: on the 6th of each month, last month's registered fees
    {
        let tx = store.conn_mut().transaction()?;
        let mut m = crate::dates::Month::of(start);
        let last = crate::dates::Month::of(today);
        let mut n = 0;
        while m < last {
            let returned = NaiveDate::from_ymd_opt(m.next().year, m.next().month, 6).expect("date");
            if returned <= today {
                n += 1;
                tx.execute(
                    "INSERT INTO filing_fee_batch (batch_no, returned_on, note, created_at) VALUES (?1, ?2, '', ?3)",
                    params![format!("JF-{}-01", returned.format("%Y%m")), returned.to_string(), now],
                )?;
                let id = tx.last_insert_rowid();
                tx.execute(
                    "UPDATE vehicle SET fee_batch_id = ?1 WHERE fee_registered_on BETWEEN ?2 AND ?3",
                    params![id, m.first_day().to_string(), m.last_day().to_string()],
                )?;
            }
            m = m.next();
        }
        let _ = n;
        tx.execute(
            "INSERT INTO vehicle_sales_month (month, units, amount_fen, updated_at)
             SELECT substr(sale_date, 1, 7), count(*), sum(sale_price_fen), ?2 FROM vehicle
             WHERE sold_here = 1 AND sale_date < ?1 GROUP BY substr(sale_date, 1, 7)",
            params![crate::dates::Month::of(today).first_day().to_string(), now],
        )?;
        tx.commit()?;
    }
    // repair orders over the years, in date order
    vehicles.sort_by_key(|v| v.2);
    let mut days: Vec<i64> = (0..size.repairs).map(|_| rng.range(0, span)).collect();
    days.sort_unstable();
    let mut seq: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for part in days.chunks(chunk) {
        let tx = store.conn_mut().transaction()?;
        {
            let mut ins_o = tx.prepare(
                "INSERT INTO repair_order (order_no, vehicle_id, customer_id, kind, received_at, promised_at, technician,
                    mileage, place, complaint, work_done, labour_fen, received_fen, status, done_at, delivered_at,
                    created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '异响', '检查修复', ?10, ?11, 'delivered', ?12, ?13, ?14)",
            )?;
            let mut ins_f = tx.prepare(
                "INSERT INTO follow_up (customer_id, vehicle_id, repair_order_id, reason, due_on, called_on, effective,
                    satisfaction, complaint, note, operator, created_at)
                 VALUES (?1, ?2, ?3, 'repair', ?4, ?4, 1, 5, '', '满意', '张内勤', ?5)",
            )?;
            for &d in part {
                let day = start + Duration::days(d);
                // a vehicle sold on or before that day
                let sold = vehicles.partition_point(|v| v.2 <= day);
                if sold == 0 {
                    continue;
                }
                let (vid, cid, sale) = vehicles[rng.range(0, sold as i64 - 1) as usize];
                let month = day.format("%Y%m").to_string();
                let n = seq.entry(month.clone()).or_insert(0);
                *n += 1;
                let kind = *rng.pick(&["maintenance", "maintenance", "repair", "repair", "warranty", "onsite"]);
                let at = |h: i64, m: i64| format!("{} {:02}:{:02}", day.format("%Y-%m-%d"), h, m);
                let (h, m) = (rng.range(8, 14), rng.range(0, 5) * 10);
                let labour = if kind == "warranty" { 0 } else { rng.range(2, 12) * 1000 };
                ins_o.execute(params![
                    format!("WX-{month}-{:04}", n),
                    vid,
                    cid,
                    kind,
                    at(h, m),
                    at(h + 2, m),
                    TECHS[(d as usize) % TECHS.len()],
                    (day - sale).num_days() * 25 + 30,
                    if kind == "onsite" { "村里" } else { "" },
                    labour,
                    labour + rng.range(0, 30) * 500,
                    at(h + 1, m),
                    at(h + 1, m + 5),
                    now
                ])?;
                let oid = tx.last_insert_rowid();
                let due = day + Duration::days(3);
                if due <= today && rng.chance(60) {
                    ins_f.execute(params![cid, vid, oid, due.format("%Y-%m-%d").to_string(), now])?;
                }
            }
        }
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_keeps_the_ledger_invariants() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let n = populate(
            &mut s,
            LargeSize {
                parts: 300,
                movements_per_part: 40,
                years: 2,
                customers: 400,
                repairs: 900,
            },
            today,
        )
        .unwrap();
        let q = |sql: &str| -> i64 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(q("SELECT count(*) FROM stock_movement"), n);
        assert_eq!(q("SELECT count(*) FROM part"), 300);
        assert_eq!(
            q("SELECT count(*) FROM part p WHERE on_hand <> (SELECT coalesce(sum(delta), 0) FROM stock_movement WHERE part_id = p.id)
               OR stock_value_fen <> (SELECT coalesce(sum(value_fen), 0) FROM stock_movement WHERE part_id = p.id)"),
            0
        );
        assert_eq!(
            q("SELECT count(*) FROM stock_movement WHERE balance_qty < 0 OR balance_value_fen < 0"),
            0
        );
        assert_eq!(
            q("SELECT count(*) FROM stock_movement WHERE balance_qty = 0 AND balance_value_fen <> 0"),
            0
        );
        // the customer side: every VIN valid, repairs after the sale, and the
        // month's indicators computable
        assert!(q("SELECT count(*) FROM vehicle") >= 400);
        assert!((850..=900).contains(&q("SELECT count(*) FROM repair_order")));
        let vins: Vec<String> = s
            .conn()
            .prepare("SELECT vin FROM vehicle")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(vins.iter().all(|v| crate::customers::vin::check_vin(v).is_ok()));
        assert_eq!(
            q("SELECT count(*) FROM repair_order o JOIN vehicle v ON v.id = o.vehicle_id WHERE substr(o.received_at, 1, 10) < v.sale_date"),
            0
        );
        let m =
            crate::customers::indicators::compute(s.conn(), crate::dates::Month::parse("2026-10").unwrap()).unwrap();
        assert!(m.vehicles_repaired > 0 && m.files > 0 && m.inspections_due > 0, "{m:?}");
        // the balance after each movement is the running sum
        assert_eq!(
            q("SELECT count(*) FROM stock_movement m WHERE balance_qty <>
                 (SELECT sum(delta) FROM stock_movement x WHERE x.part_id = m.part_id AND x.id <= m.id)"),
            0
        );
    }
}
