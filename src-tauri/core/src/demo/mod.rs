//! 示例店铺：the demo shop, generated deterministically so that every screen
//! shows something true on a fresh install and in screenshots and tests.
//!
//! Each area adds its own records here. Everything is written in one
//! transaction: a demo shop is complete or absent.

pub mod customers;
pub mod documents;
pub mod large;
pub mod large_claims;
pub mod network;
pub mod people;
mod rng;
pub mod start_real;

pub use rng::DemoRng;

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};

use crate::dates::Month;
use rust_decimal::Decimal;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::parts::catalog::{self, PartInput};
use crate::parts::ledger::{self, MovementKind, NewMovement};
use crate::parts::orders;
use crate::settings::{self, IndicatorTargets, InventoryBasis, ShopSettings};
use crate::store::Store;

/// The demo shop's name; the UI and the tests recognise it.
pub const DEMO_SHOP_NAME: &str = "示例店铺·宏达摩托4S店";

/// The demo shop's settings: a county-town shop of the 150–350 band.
pub fn demo_settings() -> ShopSettings {
    ShopSettings {
        shop_name: DEMO_SHOP_NAME.into(),
        brands: vec!["豪爵".into()],
        region: "河南省周口市郸城县".into(),
        address: "城关镇建设路88号".into(),
        service_station_code: "HJ-HN-0328".into(),
        annual_vehicle_sales: 280,
        vehicle_parc: 1900,
        // the reference from the area's 1,900 vehicles at ¥480 of parts a
        // year each, about five weeks of use held (0.1): ¥91,200, near the
        // demo's stock (its last twelve months suggest about the same)
        parts_consumption_per_vehicle: crate::Money::from_yuan(480),
        inventory_basis: InventoryBasis::Parc,
        inventory_factor: Decimal::new(1, 1),
        first_supply_days: crate::settings::DEFAULT_FIRST_SUPPLY_DAYS,
        targets: IndicatorTargets::default(),
    }
}

/// The demo's seed: fixed, so the demo is the same everywhere.
pub const DEMO_SEED: u64 = 0x4D34_5344_2026;

/// (name, category, cost price in yuan, engine oil, per-model part) of the
/// demo catalogue: common wear and repair parts of 100–150 cc motorcycles.
const DEMO_PARTS: &[(&str, &str, i64, bool, bool)] = &[
    ("机油滤清器", "滤清器", 8, false, true),
    ("空气滤清器滤芯", "滤清器", 15, false, true),
    ("汽油滤清器", "滤清器", 6, false, false),
    ("火花塞", "电气", 12, false, true),
    ("前刹车片", "制动", 22, false, true),
    ("后刹车蹄块", "制动", 18, false, true),
    ("刹车拉线", "制动", 9, false, true),
    ("离合器拉线", "传动", 10, false, true),
    ("油门拉线", "操控", 9, false, true),
    ("里程表软轴", "仪表", 11, false, true),
    ("传动链条", "传动", 45, false, true),
    ("链轮套装", "传动", 68, false, true),
    ("离合器摩擦片", "传动", 38, false, true),
    ("活塞环", "发动机", 32, false, true),
    ("活塞", "发动机", 55, false, true),
    ("缸体总成", "发动机", 260, false, true),
    ("气门油封", "发动机", 4, false, false),
    ("进气门", "发动机", 16, false, true),
    ("排气门", "发动机", 16, false, true),
    ("凸轮轴", "发动机", 78, false, true),
    ("正时链条", "发动机", 35, false, true),
    ("缸垫", "发动机", 8, false, true),
    ("化油器总成", "燃油", 150, false, true),
    ("启动电机", "电气", 120, false, true),
    ("整流器", "电气", 48, false, true),
    ("点火线圈", "电气", 36, false, true),
    ("磁电机定子", "电气", 95, false, true),
    ("蓄电池 12V7Ah", "电气", 85, false, false),
    ("前大灯灯泡", "电气", 7, false, false),
    ("转向灯总成", "电气", 18, false, true),
    ("喇叭", "电气", 14, false, false),
    ("闪光器", "电气", 9, false, false),
    ("前减震器", "车架", 160, false, true),
    ("后减震器", "车架", 120, false, true),
    ("前轮胎 2.75-18", "轮胎", 105, false, false),
    ("后轮胎 3.00-18", "轮胎", 125, false, false),
    ("内胎 2.75-18", "轮胎", 22, false, false),
    ("内胎 3.00-18", "轮胎", 25, false, false),
    ("后视镜", "车身", 15, false, true),
    ("左手把开关", "操控", 42, false, true),
    ("右手把开关", "操控", 40, false, true),
    ("坐垫", "车身", 70, false, true),
    ("消声器", "排气", 140, false, true),
    ("脚踏板", "车身", 12, false, true),
    ("机油 SJ 15W-40 1L", "油品", 26, true, false),
    ("机油 SL 10W-40 1L", "油品", 38, true, false),
    ("机油 SG 20W-50 0.9L", "油品", 19, true, false),
    ("齿轮油 80W-90", "油品", 16, false, false),
    ("刹车油 DOT4", "油品", 14, false, false),
];

/// The models the demo shop serves, with the code used in part numbers.
const DEMO_MODELS: &[(&str, &str)] = &[
    ("豪爵 HJ125-7", "KPN"),
    ("豪爵 铃木 GN125", "KGN"),
    ("豪爵 UHR150", "KUH"),
    ("豪爵 AFR125", "KAF"),
    ("豪爵 USR125", "KUS"),
    ("豪爵 铃木 EN125", "KEN"),
    ("豪爵 DR160", "KDR"),
];

/// The demo catalogue: a part per model for model-specific parts, one for
/// the universal ones.
pub fn demo_catalogue() -> Vec<PartInput> {
    let mut out = Vec::new();
    let mut rng = DemoRng::new(DEMO_SEED);
    for (i, (name, cat, cost, oil, per_model)) in DEMO_PARTS.iter().enumerate() {
        let models: Vec<(&str, &str)> = if *per_model {
            DEMO_MODELS.to_vec()
        } else {
            vec![("通用", "UNI")]
        };
        for (j, (model, code)) in models.iter().enumerate() {
            let cost_fen = cost * 100 + rng.range(0, 9) * 10;
            let retail_fen = (cost_fen * 145 / 100) / 10 * 10;
            let min = if *cost >= 100 {
                1
            } else if *cost >= 30 {
                3
            } else {
                6
            };
            out.push(PartInput {
                part_no: format!("{:05}-{code}-{:03}", 10000 + i * 117 % 80000, 900 + j),
                name: name.to_string(),
                fitment: model.to_string(),
                unit: if *oil || cat == &"油品" {
                    "瓶".into()
                } else if name.contains("套装") {
                    "套".into()
                } else {
                    "个".into()
                },
                category: cat.to_string(),
                is_engine_oil: *oil,
                // the volume the name says (机油 … 0.9L)
                oil_litres: if *oil {
                    name.rsplit(' ')
                        .next()
                        .unwrap_or("1L")
                        .trim_end_matches('L')
                        .to_string()
                } else {
                    String::new()
                },
                cost_price: crate::Money::from_fen(cost_fen).to_string(),
                retail_price: crate::Money::from_fen(retail_fen).to_string(),
                bin_location: format!("{}-{:02}-{:02}", ["A", "B", "C", "D"][i % 4], i / 4 + 1, j + 1),
                min_stock: if *oil { "24".into() } else { min.to_string() },
                max_stock: if *oil { "120".into() } else { (min * 5).to_string() },
                active: true,
            });
        }
    }
    out
}

/// Sub-dealers and outlets that buy parts from the demo shop.
const DEMO_DEALERS: &[&str] = &[
    "王集镇摩托维修部",
    "李庄摩配店",
    "城南车行",
    "胡集镇网点",
    "双楼乡摩托修理",
];

/// The outlets that buy on credit and pay on the 10th (the first in full,
/// the second half of what it owes).
const DEMO_CREDIT_DEALERS: &[&str] = &["李庄摩配店", "胡集镇网点"];

/// Writes the demo catalogue and about a year of stock movements and
/// sub-dealer orders up to `today`, day by day, so that every movement is
/// posted in date order as a clerk would.
fn populate_parts(conn: &rusqlite::Connection, today: NaiveDate) -> AppResult<()> {
    let mut rng = DemoRng::new(DEMO_SEED ^ 0x5041_5254);
    let start = today.checked_sub_days(Days::new(365)).expect("date");
    let operators = ["李库管", "张内勤", "王经理"];
    struct Plan {
        part_id: i64,
        part_no: String,
        min: i64,
        restock: i64,
        cost_fen: i64,
        activity: i64,
        on_hand: i64,
        next: NaiveDate,
    }
    let mut plans = Vec::new();
    for input in demo_catalogue() {
        let part = catalog::create(conn, &input)?;
        plans.push(Plan {
            part_id: part.id,
            part_no: part.part_no,
            min: part.min_stock,
            restock: part.max_stock.max(4),
            cost_fen: part.cost_price.to_fen(),
            // a few parts never move after their first receipt (slow-moving)
            activity: if rng.chance(6) { 0 } else { rng.range(1, 6) },
            on_hand: 0,
            next: start
                .checked_add_days(Days::new(rng.range(0, 20) as u64))
                .expect("date"),
        });
    }
    let mut pending: Vec<(i64, NaiveDate)> = Vec::new();
    let mut customers = crate::demo::customers::CustomerSim::new(DEMO_SEED ^ 0x4355_5354, today);
    customers.seed(conn, start, today)?;
    let mut day = start;
    while day <= today {
        let date = day.format("%Y-%m-%d").to_string();
        for (i, plan) in plans.iter_mut().enumerate() {
            if plan.next != day {
                continue;
            }
            // repair orders draw on the same stock
            plan.on_hand = conn.query_row("SELECT on_hand FROM part WHERE id = ?1", [plan.part_id], |r| r.get(0))?;
            let operator = operators[i % operators.len()].to_string();
            if plan.on_hand <= plan.min && (plan.activity > 0 || plan.on_hand == 0) {
                // purchase price drifts a little over the year
                let cost = (plan.cost_fen + rng.range(-3, 5) * 10).max(10);
                let receipt = NewMovement::new(
                    plan.part_id,
                    MovementKind::Receipt,
                    plan.restock - plan.on_hand,
                    day,
                    &operator,
                    String::new(),
                );
                let m = ledger::post_new_in(
                    conn,
                    &NewMovement {
                        unit_cost: Some(crate::Money::from_fen(cost)),
                        ..receipt
                    },
                    today,
                )?;
                plan.on_hand = m.balance_qty;
            } else if plan.activity > 0 && plan.on_hand > 0 {
                // repairs and warranty replacements issue their parts through
                // repair orders and claims (demo/customers.rs)
                let qty = rng.range(1, (plan.activity + 1).min(plan.on_hand));
                let sale = NewMovement::new(plan.part_id, MovementKind::Sale, qty, day, &operator, String::new());
                let m = ledger::post_new_in(conn, &sale, today)?;
                plan.on_hand = m.balance_qty;
            }
            let step = if plan.activity == 0 {
                400
            } else {
                rng.range(4, 40 / plan.activity + 6)
            };
            plan.next = day.checked_add_days(Days::new(step as u64)).expect("date");
        }
        // about twice a week a sub-dealer orders a few parts
        if rng.chance(28) {
            let n = rng.range(2, 5) as usize;
            let mut lines: Vec<orders::OrderLineInput> = Vec::new();
            while lines.len() < n {
                let p = &plans[rng.range(0, plans.len() as i64 - 1) as usize];
                if p.activity > 0 && !lines.iter().any(|l| l.part_no == p.part_no) {
                    lines.push(orders::OrderLineInput {
                        part_no: p.part_no.clone(),
                        qty: rng.range(1, 6).to_string(),
                    });
                }
            }
            let o = orders::create_in(
                conn,
                &orders::OrderInput {
                    dealer: rng.pick(DEMO_DEALERS).to_string(),
                    ordered_on: date.clone(),
                    note: String::new(),
                    lines,
                },
                today,
            )?;
            pending.push((
                o.id,
                day.checked_add_days(Days::new(rng.range(0, 2) as u64)).expect("date"),
            ));
        }
        // deliveries due today: as much as is in stock
        let due: Vec<i64> = pending.iter().filter(|(_, d)| *d == day).map(|(id, _)| *id).collect();
        for id in due {
            pending.retain(|(pid, _)| *pid != id);
            let o = orders::get(conn, id)?;
            let lines: Vec<orders::DeliveryLineInput> = o
                .lines
                .iter()
                .map(|l| orders::DeliveryLineInput {
                    line_id: l.id,
                    qty: (l.qty_ordered - l.qty_shipped).min(l.on_hand).max(0).to_string(),
                    unit_price: String::new(),
                })
                .collect();
            if !lines.iter().any(|l| l.qty != "0") {
                // nothing in stock yet: try again in three days
                pending.push((id, day.checked_add_days(Days::new(3)).expect("date")));
                continue;
            }
            let o = orders::deliver_in(
                conn,
                &orders::DeliveryInput {
                    order_id: id,
                    date: date.clone(),
                    operator: "小刘".into(),
                    lines,
                    // two outlets buy on credit (挂账) and settle monthly
                    paid: if DEMO_CREDIT_DEALERS.contains(&o.dealer.as_str()) {
                        "0".into()
                    } else {
                        String::new()
                    },
                    method: String::new(),
                },
                today,
            )?;
            for l in &o.lines {
                if let Some(p) = plans.iter_mut().find(|p| p.part_no == l.part_no) {
                    p.on_hand = l.on_hand;
                }
            }
            if o.status == crate::parts::orders::OrderStatus::Partial {
                pending.push((id, day.checked_add_days(Days::new(7)).expect("date")));
            }
        }
        // on the 10th the credit outlets pay: 李庄 all it owes, 胡集 half
        // (a slow payer, whose debt ages)
        if day.day() == 10 {
            for (k, dealer) in DEMO_CREDIT_DEALERS.iter().enumerate() {
                let Ok(b) = crate::parts::receivables::balance(conn, dealer, day) else {
                    continue;
                };
                let fen = if k == 0 {
                    b.balance.to_fen()
                } else {
                    b.balance.to_fen() / 2
                };
                if fen > 0 {
                    crate::parts::receivables::receive_in(
                        conn,
                        &crate::parts::receivables::PaymentInput {
                            dealer: dealer.to_string(),
                            paid_on: date.clone(),
                            amount: crate::Money::from_fen(fen).to_string(),
                            method: "转账".into(),
                            operator: "张内勤".into(),
                            note: "月结货款".into(),
                        },
                        today,
                    )?;
                }
            }
        }
        customers.day(conn, day, today)?;
        day = day.succ_opt().expect("date");
    }
    Ok(())
}

/// A 5S inspection on the 25th of each of the last twelve months (this month
/// too once the 25th has passed), scores improving over the year, with a
/// finding or two each month; the older ones put right, the latest open.
fn populate_five_s(conn: &rusqlite::Connection, today: NaiveDate) -> AppResult<()> {
    use crate::staff::five_s::{self, FindingInput, InspectionInput, ScoreInput};
    let items = five_s::checklist(conn, false)?;
    let findings = [
        ("workshop", "工位上有拆下的废旧件未清走", "刘师傅"),
        ("store", "部分货位标签与实物不符", "李库管"),
        ("reception", "价目表不是现行版本", "张内勤"),
        ("workshop", "工具用后未归位", "张师傅"),
        ("store", "地面有包装纸箱", "李库管"),
        ("reception", "休息区饮水机未清洁", "张内勤"),
    ];
    let mut month = Month::of(today);
    if today.day() < 25 {
        month = month.prev();
    }
    for _ in 0..11 {
        month = month.prev();
    }
    for k in 0..12i64 {
        let on = month.first_day().with_day(25).expect("25th");
        // fewer points lost as the year goes on
        let lose_every = 3 + k;
        let scores = items
            .iter()
            .enumerate()
            .map(|(n, i)| ScoreInput {
                item_id: i.id,
                score: Some(if (n as i64 * 7 + k) % lose_every == 0 {
                    i.max_score - 1 - (n as i64 % 2)
                } else {
                    i.max_score
                }),
            })
            .collect();
        let f1 = findings[(k as usize) % findings.len()];
        let f2 = findings[(k as usize + 3) % findings.len()];
        let mk = |f: (&str, &str, &str)| FindingInput {
            area: f.0.into(),
            text: f.1.into(),
            responsible: f.2.into(),
            due_on: (on + Days::new(7)).to_string(),
        };
        let id = five_s::record_in(
            conn,
            None,
            &InspectionInput {
                inspected_on: on.to_string(),
                inspector: "王经理".into(),
                note: String::new(),
                scores,
                findings: if k % 2 == 0 { vec![mk(f1), mk(f2)] } else { vec![mk(f1)] },
            },
            today,
        )?;
        if k < 11 {
            conn.execute(
                "UPDATE five_s_finding SET closed_on = ?2 WHERE inspection_id = ?1",
                rusqlite::params![id, (on + Days::new(5)).to_string()],
            )?;
        }
        month = month.next();
    }
    Ok(())
}

/// Writes the demo shop into an open, empty store.
pub fn populate(store: &mut Store) -> AppResult<()> {
    populate_on(store, crate::dates::today())
}

/// [`populate`] as of a given day (tests use a fixed one).
pub fn populate_on(store: &mut Store, today: NaiveDate) -> AppResult<()> {
    populate_with(store, today, true)
}

/// The demo shop's records as of `today` with every month still open (not
/// closed): a shop that has not started closing its months. The tests that
/// change records in past months start from it.
pub fn populate_open_on(store: &mut Store, today: NaiveDate) -> AppResult<()> {
    populate_with(store, today, false)
}

fn populate_with(store: &mut Store, today: NaiveDate, close_past: bool) -> AppResult<()> {
    if settings::load(store.conn())?.is_some() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "该数据文件已有店铺数据，示例店铺只能写入新的空白数据文件",
        ));
    }
    let tx = store.conn_mut().transaction()?;
    settings::save(&tx, demo_settings())?;
    // the roster: the names the demo's orders, claims and calls carry
    for (name, phone, posts) in [
        ("王经理", "13900001001", &["K"][..]),
        ("张内勤", "13900001002", &["M"][..]),
        ("李库管", "13900001003", &["N"][..]),
        ("刘师傅", "13900001004", &["P"][..]),
        ("张师傅", "13900001005", &["J"][..]),
        ("李师傅", "13900001006", &["J"][..]),
        ("赵鉴定", "13900001007", &["H"][..]),
    ] {
        tx.execute(
            "INSERT INTO staff (name, phone, hired_on, active, note, created_at) VALUES (?1, ?2, '2023-03-01', 1, '', ?3)",
            rusqlite::params![name, phone, crate::dates::stamp()],
        )?;
        let id = tx.last_insert_rowid();
        for p in posts {
            tx.execute(
                "INSERT INTO staff_post (staff_id, post_code) VALUES (?1, ?2)",
                rusqlite::params![id, p],
            )?;
        }
    }
    // the outlets the shop serves, before the orders and sales that name them
    crate::demo::network::register(&tx, today - chrono::Duration::days(365), today)?;
    populate_parts(&tx, today)?;
    populate_five_s(&tx, today)?;
    crate::demo::people::trainings(&tx, today)?;
    crate::demo::people::lost_customers(&tx, today)?;
    crate::demo::people::etiquette_checks(&tx, today)?;
    crate::demo::people::equipment(&tx, today)?;
    crate::demo::documents::documents(&tx, today)?;
    if close_past {
        close_past_months(&tx, today)?;
        crate::demo::people::appraisals(&tx, today)?;
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('demo', '1')
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [],
    )?;
    tx.commit()?;
    Ok(())
}

/// The demo shop's months before `today`'s are closed (月结), each by the
/// manager on the third of the month after at 17:30 (or now, if that is
/// still to come), accepting its warnings: the first start shows a shop in
/// steady use, whose past figures are signed and no longer move.
pub fn close_past_months(tx: &rusqlite::Connection, today: NaiveDate) -> AppResult<()> {
    let Some(mut m) = crate::closing::first_month(tx)? else {
        return Ok(());
    };
    let now = Some(crate::dates::now())
        .filter(|n| n.date() == today)
        .unwrap_or_else(|| today.and_hms_opt(9, 0, 0).expect("a time"));
    let last = crate::dates::Month::of(today).prev();
    while m <= last {
        let usual = (m.next().first_day() + chrono::Duration::days(2))
            .and_hms_opt(17, 30, 0)
            .expect("a time");
        let at = usual
            .min(now)
            .max(m.next().first_day().and_hms_opt(8, 0, 0).expect("a time"));
        crate::closing::close_in(tx, "王经理", m, "示例店铺：往月已核对，提示项已知悉", at)?;
        m = m.next();
    }
    Ok(())
}

/// Creates a new data file at `path` holding the demo shop. Refuses to touch
/// an existing file, so a shop's real data can never be overwritten.
pub fn create(path: &Path) -> AppResult<Store> {
    create_on(path, crate::dates::today())
}

/// [`create`] as of a given day (tests pin theirs).
pub fn create_on(path: &Path, today: NaiveDate) -> AppResult<Store> {
    create_with(path, today, true)
}

/// [`create_on`] with every month still open ([`populate_open_on`]): the
/// tests of closing itself start here.
pub fn create_open_on(path: &Path, today: NaiveDate) -> AppResult<Store> {
    create_with(path, today, false)
}

fn create_with(path: &Path, today: NaiveDate, close_past: bool) -> AppResult<Store> {
    if path.exists() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("文件「{}」已存在；为免覆盖数据，示例店铺只写入新文件", path.display()),
        ));
    }
    // written under a temporary name and renamed when whole: a demo killed
    // half way (a power cut, a closed window) leaves no half shop under the
    // data file's name, so the first-start choice and `moto4s demo` work again
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.demo-tmp"));
    let remove_tmp = || crate::store::remove_data_file(&tmp);
    remove_tmp();
    let written = (|| -> AppResult<()> {
        let mut store = Store::open(&tmp)?;
        populate_with(&mut store, today, close_past)?;
        // everything into the file itself, no WAL left beside it
        store.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        drop(store);
        std::fs::rename(&tmp, path).map_err(|e| AppError::io("保存示例店铺", &e))?;
        if let Some(d) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::paths::sync_dir(d);
        }
        Ok(())
    })();
    if let Err(e) = written {
        remove_tmp();
        return Err(e);
    }
    Store::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_shop_is_deterministic_and_valid() {
        assert_eq!(demo_settings(), demo_settings());
        assert!(demo_settings().validated().is_ok());
        let mut s = Store::open_in_memory().unwrap();
        populate(&mut s).unwrap();
        assert_eq!(settings::load(s.conn()).unwrap().unwrap().shop_name, DEMO_SHOP_NAME);
        assert_eq!(s.meta("demo").unwrap().as_deref(), Some("1"));
        // a second time is refused: it would mix the demo with a shop's data
        assert_eq!(populate(&mut s).unwrap_err().code, ErrorCode::Conflict);
    }

    #[test]
    fn the_demo_stock_is_realistic_and_consistent() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut a = Store::open_in_memory().unwrap();
        populate_on(&mut a, today).unwrap();
        let c = a.conn();
        let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        let parts = q("SELECT count(*) FROM part");
        assert!((200..=400).contains(&parts), "{parts} parts");
        let moves = q("SELECT count(*) FROM stock_movement");
        assert!(moves > 2000, "{moves} movements");
        // every part's stock is the sum of its movements
        assert_eq!(
            q("SELECT count(*) FROM part p WHERE on_hand <> (SELECT coalesce(sum(delta), 0) FROM stock_movement WHERE part_id = p.id)
               OR stock_value_fen <> (SELECT coalesce(sum(value_fen), 0) FROM stock_movement WHERE part_id = p.id)"),
            0
        );
        // every kind of movement, some slow movers, some engine oil, a current month
        assert_eq!(q("SELECT count(DISTINCT kind) FROM stock_movement WHERE kind IN ('receipt','sale','repair','dealer','warranty')"), 5);
        // the monthly totals kept by the trigger agree with the ledger, month by month
        assert_eq!(
            q(
                "SELECT count(*) FROM (SELECT substr(moved_on, 1, 7) AS m, sum(value_fen) AS v, sum(delta) AS d
                 FROM stock_movement GROUP BY m) x
               LEFT JOIN (SELECT month, sum(value_fen) AS v, sum(delta) AS d FROM ledger_month GROUP BY month) y
                 ON y.month = x.m
               WHERE y.v IS NOT x.v OR y.d IS NOT x.d"
            ),
            0
        );
        // sub-dealer orders through the year, most shipped in full first time, some not
        assert!(q("SELECT count(*) FROM dealer_order") > 60);
        assert!(q("SELECT count(*) FROM dealer_order_line WHERE qty_first < qty_ordered") > 0);
        assert!(q("SELECT count(*) FROM dealer_order WHERE first_delivery_on >= '2026-11-01'") > 0);
        assert!(q("SELECT count(*) FROM part WHERE on_hand > 0 AND last_issue_on IS NULL") > 0);
        assert!(q("SELECT count(*) FROM stock_movement WHERE moved_on >= '2026-11-01'") > 50);
        assert!(q("SELECT count(*) FROM part WHERE is_engine_oil = 1 AND on_hand > 0") >= 3);
        // the customer side: a year of sales, files, calls, inspections, repairs
        let m = crate::customers::indicators::compute(c, crate::dates::Month::parse("2026-10").unwrap()).unwrap();
        eprintln!("{m:#?}");
        assert!((15..=40).contains(&m.files), "{m:?}");
        let rate = |r: Option<crate::Rate>| r.unwrap().as_decimal();
        assert!(
            rate(m.filing_rate) > Decimal::from(60) && rate(m.filing_rate) <= Decimal::from(130),
            "{m:?}"
        );
        assert!(rate(m.follow_up_rate) > Decimal::from(50), "{m:?}");
        assert!(
            rate(m.inspection_rate) > Decimal::from(55) && rate(m.inspection_rate) < Decimal::from(100),
            "{m:?}"
        );
        assert!(
            m.vehicles_repaired > 30 && m.onsite_repairs > 0 && !m.repair_revenue.is_zero(),
            "{m:?}"
        );
        assert_eq!(m.by_technician.len(), 3);
        assert!(!m.fees_registered.is_zero() && !m.fees_returned.is_zero(), "{m:?}");
        // repair orders in every state today, parts issued through them
        assert!(q("SELECT count(*) FROM repair_order WHERE status = 'open'") > 0);
        assert!(q("SELECT count(*) FROM repair_order WHERE status = 'delivered'") > 300);
        assert_eq!(
            q("SELECT count(*) FROM stock_movement WHERE kind = 'repair' AND reverses_id IS NULL"),
            q(
                "SELECT count(*) FROM repair_part rp JOIN repair_order o ON o.id = rp.repair_order_id
               WHERE rp.covered = 0 OR o.kind = 'first_service'"
            )
        );
        // 首保 jobs, claimed from the factory apart, their materials on their claims
        assert!(q("SELECT count(*) FROM warranty_claim WHERE claim_type = 'first_service'") > 20);
        assert!(
            q("SELECT count(*) FROM warranty_claim WHERE claim_type = 'first_service' AND status = 'settled'") > 10
        );
        assert_eq!(
            q(
                "SELECT count(*) FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
               JOIN stock_movement m ON m.id = l.movement_id
               WHERE w.claim_type = 'first_service' AND m.kind <> 'repair'"
            ),
            0
        );
        // 三包 jobs: the orders' covered parts are their claims' lines, issued once
        assert!(q("SELECT count(*) FROM warranty_claim WHERE repair_order_id IS NOT NULL") > 20);
        assert_eq!(
            q("SELECT count(*) FROM repair_part WHERE covered = 1"),
            q("SELECT count(*) FROM warranty_claim_line l JOIN repair_part rp ON rp.movement_id = l.movement_id")
        );
        assert!(
            q("SELECT count(*) FROM repair_order o WHERE kind = 'warranty' AND EXISTS
                   (SELECT 1 FROM repair_part WHERE repair_order_id = o.id AND covered = 0)")
                > 0
        );
        assert!(q("SELECT count(*) FROM warranty_claim WHERE settled_parts_fen IS NOT NULL") > 5);
        // warranty claims in every state, their parts issued as 三包更换
        assert_eq!(
            q("SELECT count(DISTINCT status) FROM warranty_claim"),
            6,
            "claims being entered, submitted, approved, rejected, sent back and settled"
        );
        assert_eq!(
            q("SELECT count(*) FROM stock_movement WHERE kind = 'warranty'"),
            q(
                "SELECT count(*) FROM warranty_claim_line l JOIN warranty_claim w ON w.id = l.claim_id
               WHERE l.movement_id IS NOT NULL AND w.claim_type = 'warranty'"
            )
        );
        assert!(q("SELECT count(*) FROM old_part_batch") >= 10);
        assert!(
            q("SELECT count(*) FROM warranty_claim_line WHERE movement_id IS NOT NULL AND old_batch_id IS NULL") > 0
        );
        // the roster covers the band's posts, and the technicians' work shows on it
        let plan = crate::staff::roster::plan(c, 280, false, today).unwrap();
        assert!(plan.unfilled.is_empty(), "{:?}", plan.unfilled);
        let roster = crate::staff::roster::list(c, today).unwrap();
        assert!(roster.iter().any(|s| s.name == "刘师傅" && s.vehicles_repaired > 0));
        // a 5S inspection each month for a year, improving; only the last month's findings open
        let trend = crate::staff::five_s::trend(c, Month::of(today)).unwrap();
        assert!(trend.iter().filter(|p| p.total.is_some()).count() == 12, "{trend:?}");
        assert!(trend[11].total > trend[0].total);
        assert!(!crate::staff::five_s::open_findings(c, today).unwrap().is_empty());
        // the current month's sales are not entered yet (the dashboard says so)
        assert_eq!(q("SELECT count(*) FROM vehicle_sales_month WHERE month = '2026-11'"), 0);
        assert_eq!(q("SELECT count(*) FROM vehicle_sales_month"), 12);
        // the same on every run
        let mut b = Store::open_in_memory().unwrap();
        populate_on(&mut b, today).unwrap();
        let digest = |s: &Store| -> (i64, i64) {
            s.conn()
                .query_row(
                    "SELECT sum(value_fen * id), sum(delta * id) FROM stock_movement",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap()
        };
        assert_eq!(digest(&a), digest(&b));
    }

    #[test]
    fn create_never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        std::fs::write(&p, b"precious").unwrap();
        assert_eq!(create(&p).err().unwrap().code, ErrorCode::Conflict);
        assert_eq!(std::fs::read(&p).unwrap(), b"precious");
        let p2 = dir.path().join("y.db");
        let s = create(&p2).unwrap();
        assert!(s
            .health()
            .unwrap()
            .counts
            .iter()
            .any(|(t, n)| t == "shop_settings" && *n == 1));
    }
}
