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
use crate::parts::pinyin_initials;
use crate::settings;
use crate::store::Store;

/// The size of a generated shop.
#[derive(Debug, Clone, Copy)]
pub struct LargeSize {
    pub parts: usize,
    /// average movements per part
    pub movements_per_part: usize,
    pub years: u64,
}

/// The benchmark shop of the issue: 20,000 parts, ~2,000,000 movements, 10 years.
pub const LARGE: LargeSize = LargeSize {
    parts: 20_000,
    movements_per_part: 105,
    years: 10,
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
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let chunk = 500;
    for first in (0..size.parts).step_by(chunk) {
        let tx = store.conn_mut().transaction()?;
        {
            let mut ins_part = tx.prepare(
                "INSERT INTO part (part_no, name, name_initials, fitment, unit, category, is_engine_oil, cost_price_fen,
                    retail_price_fen, bin_location, min_stock, max_stock, active, on_hand, stock_value_fen,
                    last_movement_on, last_issue_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, '个', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
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
    store.set_meta("demo", "large")?;
    Ok(total)
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
        // the balance after each movement is the running sum
        assert_eq!(
            q("SELECT count(*) FROM stock_movement m WHERE balance_qty <>
                 (SELECT sum(delta) FROM stock_movement x WHERE x.part_id = m.part_id AND x.id <= m.id)"),
            0
        );
    }
}
