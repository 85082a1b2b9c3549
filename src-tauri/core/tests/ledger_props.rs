//! 台账不变量 (property test): random sequences of receipts, every kind of
//! issue, stocktake gains and losses, reversals and warranty claims with
//! their parts issued, applied through the same core functions the app
//! uses — 10,000 sequences by default (`MOTO4S_PROPTEST_CASES` to change).
//! Whatever is accepted or refused, afterwards:
//! - every part's stock on hand equals the sum of its movements, and its
//!   book value the sum of their values; the latest balance agrees;
//! - no stock is negative (a refused issue changes nothing);
//! - the inventory value (the stock list's total, the monthly totals, the
//!   ledger as of today) equals Σ each part's value, and each part's value is
//!   its on-hand × average cost to the fen;
//! - a claim's parts value is the sum of its lines, each line the book value
//!   its movement took out, and its total labour + parts.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;

use moto4s_core::customers::customer::CustomerInput;
use moto4s_core::customers::vehicle::{self, VehicleInput};
use moto4s_core::customers::vin::with_check_digit;
use moto4s_core::money::Money;
use moto4s_core::parts::catalog::{self, PartInput};
use moto4s_core::parts::{ledger, stock};
use moto4s_core::settings;
use moto4s_core::warranty::claim::{self, ClaimInput, ClaimLineInput};
use moto4s_core::Store;

const PARTS: [&str; 4] = ["P-1", "P-2", "P-3", "OIL"];
const ISSUES: [&str; 6] = ["sale", "repair", "dealer", "warranty", "return", "loss"];

#[derive(Debug, Clone)]
enum Op {
    Receipt { part: usize, qty: i64, cost_fen: i64 },
    Issue { part: usize, kind: usize, qty: i64 },
    Gain { part: usize, qty: i64 },
    Reverse { nth: usize },
    Claim { lines: Vec<(usize, i64)>, labour_yuan: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize, 1..30i64, 1..50_000i64).prop_map(|(part, qty, cost_fen)| Op::Receipt { part, qty, cost_fen }),
        4 => (0..4usize, 0..6usize, 1..12i64).prop_map(|(part, kind, qty)| Op::Issue { part, kind, qty }),
        1 => (0..4usize, 1..5i64).prop_map(|(part, qty)| Op::Gain { part, qty }),
        2 => (0..64usize).prop_map(|nth| Op::Reverse { nth }),
        1 => (prop::collection::vec((0..4usize, 1..4i64), 1..3), 0..200i64)
            .prop_map(|(lines, labour_yuan)| Op::Claim { lines, labour_yuan }),
    ]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// The shop every case starts from: four parts (one engine oil, prices with
/// odd fen), a customer with a vehicle for the claims.
fn template() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    settings::save(s.conn(), moto4s_core::demo::demo_settings()).unwrap();
    for (i, no) in PARTS.iter().enumerate() {
        catalog::create(
            s.conn(),
            &PartInput {
                part_no: no.to_string(),
                name: format!("测试件{i}"),
                is_engine_oil: *no == "OIL",
                cost_price: ["10.01", "3.33", "125.07", "29.99"][i].into(),
                retail_price: ["15", "5", "180", "45"][i].into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
    }
    vehicle::create(
        &mut s,
        &VehicleInput {
            customer: CustomerInput {
                name: "王建国".into(),
                mobile: "13800000001".into(),
                ..Default::default()
            },
            vin: with_check_digit("LBPKE1300D0000001"),
            model: "CG125".into(),
            sold_here: true,
            sale_date: "2026-06-01".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    s
}

fn counts(s: &Store) -> (i64, i64, i64) {
    s.conn()
        .query_row(
            "SELECT (SELECT count(*) FROM stock_movement), (SELECT count(*) FROM warranty_claim),
                    (SELECT coalesce(sum(on_hand), 0) FROM part)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

fn apply(s: &mut Store, op: &Op, mileage: &mut i64) -> bool {
    let mv = |part: usize, kind: &str, qty: i64, cost: &str| ledger::MovementInput {
        part_no: PARTS[part].into(),
        kind: kind.into(),
        qty: qty.to_string(),
        unit_cost: cost.into(),
        operator: "测试".into(),
        note: "盘点".into(),
        ..Default::default()
    };
    match op {
        Op::Receipt { part, qty, cost_fen } => {
            let cost = Money::from_fen(*cost_fen).to_string();
            ledger::post_on(s, &mv(*part, "receipt", *qty, &cost), today()).is_ok()
        }
        Op::Issue { part, kind, qty } => ledger::post_on(s, &mv(*part, ISSUES[*kind], *qty, ""), today()).is_ok(),
        Op::Gain { part, qty } => ledger::post_on(s, &mv(*part, "gain", *qty, ""), today()).is_ok(),
        Op::Reverse { nth } => {
            let ids: Vec<i64> = s
                .conn()
                .prepare("SELECT id FROM stock_movement ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            if ids.is_empty() {
                return false;
            }
            // nth from the latest: recent ones can mostly be undone, old ones often not
            ledger::reverse(s, ids[ids.len() - 1 - nth % ids.len()], "测试", "更正", today()).is_ok()
        }
        Op::Claim { lines, labour_yuan } => {
            *mileage += 10;
            let input = ClaimInput {
                vehicle_id: Some(1),
                mileage: mileage.to_string(),
                fault: "异响".into(),
                main_part_no: PARTS[lines[0].0].into(),
                labour: labour_yuan.to_string(),
                lines: lines
                    .iter()
                    .map(|(p, q)| ClaimLineInput {
                        part_no: PARTS[*p].into(),
                        qty: q.to_string(),
                    })
                    .collect(),
                allow_duplicate: true,
                operator: "测试".into(),
                ..Default::default()
            };
            let r = (|| -> moto4s_core::AppResult<()> {
                let tx = s.conn_mut().transaction()?;
                let id = claim::create_in(&tx, &input, today())?;
                claim::issue_parts_in(&tx, id, &today().to_string(), "测试", today())?;
                tx.commit()?;
                Ok(())
            })();
            r.is_ok()
        }
    }
}

fn check(s: &Store) -> Result<(), TestCaseError> {
    let c = s.conn();
    let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    prop_assert_eq!(
        q("SELECT count(*) FROM part p WHERE p.on_hand <> (SELECT coalesce(sum(delta), 0) FROM stock_movement WHERE part_id = p.id)
              OR p.stock_value_fen <> (SELECT coalesce(sum(value_fen), 0) FROM stock_movement WHERE part_id = p.id)
              OR p.on_hand < 0 OR p.stock_value_fen < 0
              OR p.on_hand <> coalesce((SELECT balance_qty FROM stock_movement WHERE part_id = p.id ORDER BY id DESC LIMIT 1), 0)
              OR p.stock_value_fen <> coalesce((SELECT balance_value_fen FROM stock_movement WHERE part_id = p.id ORDER BY id DESC LIMIT 1), 0)"),
        0,
        "stock on hand and value equal the sum of the movements"
    );
    prop_assert_eq!(
        q("SELECT count(*) FROM stock_movement WHERE balance_qty < 0 OR balance_value_fen < 0"),
        0
    );
    // inventory value, three ways
    let total = q("SELECT coalesce(sum(stock_value_fen), 0) FROM part");
    prop_assert_eq!(q("SELECT coalesce(sum(value_fen), 0) FROM ledger_month"), total);
    let (qty, value) = ledger::stock_at(c, today()).unwrap();
    prop_assert_eq!(qty, q("SELECT coalesce(sum(on_hand), 0) FROM part"));
    prop_assert_eq!(value.to_fen(), total);
    let list = stock::query(
        c,
        &stock::StockQuery {
            page_size: 50,
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    prop_assert_eq!(list.total_value.to_fen(), total);
    // each part's value is on-hand × average cost, to the fen
    let mut st = c
        .prepare("SELECT on_hand, stock_value_fen, cost_price_fen FROM part")
        .unwrap();
    let rows: Vec<(i64, i64, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (on_hand, value, cost) in rows {
        let avg = catalog::average_cost(Money::from_fen(value), on_hand, Money::from_fen(cost));
        let diff = (avg.to_fen() * on_hand - value).abs();
        prop_assert!(diff * 2 <= on_hand.max(1), "avg {} × {on_hand} vs {value}", avg);
    }
    // claims: parts value = Σ lines = Σ what their movements took out; total = labour + parts
    let ids: Vec<i64> = c
        .prepare("SELECT id FROM warranty_claim")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for id in ids {
        let cl = claim::get(c, id).unwrap();
        let lines: i64 = cl.lines.iter().map(|l| l.value.map(|v| v.to_fen()).unwrap_or(0)).sum();
        prop_assert_eq!(cl.parts_value.to_fen(), lines);
        prop_assert_eq!(cl.total.to_fen(), cl.labour.to_fen() + lines);
        for l in &cl.lines {
            let mid = l.movement_id.expect("issued with the claim");
            let taken: i64 = c
                .query_row("SELECT -value_fen FROM stock_movement WHERE id = ?1", [mid], |r| {
                    r.get(0)
                })
                .unwrap();
            prop_assert_eq!(Some(taken), l.value.map(|v| v.to_fen()));
        }
    }
    Ok(())
}

thread_local! {
    static TEMPLATE: Store = template();
}

proptest! {
    #![proptest_config(common::config("MOTO4S_PROPTEST_CASES", 10_000))]

    #[test]
    fn the_ledger_invariants_hold_after_any_sequence(ops in prop::collection::vec(op(), 1..24)) {
        let mut s = TEMPLATE.with(|t| t.copy_in_memory().unwrap());
        let mut mileage = 100;
        for o in &ops {
            let before = counts(&s);
            if !apply(&mut s, o, &mut mileage) {
                // refused: nothing changed
                prop_assert_eq!(counts(&s), before, "a refused {:?} changed something", o);
            }
        }
        check(&s)?;
    }
}

/// The operations the property test draws are really accepted when they
/// should be (a test where everything is refused would prove nothing).
#[test]
fn each_kind_of_operation_is_accepted_when_it_should_be() {
    let mut s = template();
    let mut mileage = 100;
    let ops = [
        Op::Receipt {
            part: 0,
            qty: 10,
            cost_fen: 1001,
        },
        Op::Receipt {
            part: 2,
            qty: 3,
            cost_fen: 12507,
        },
        Op::Issue {
            part: 0,
            kind: 0,
            qty: 3,
        },
        Op::Issue {
            part: 0,
            kind: 5,
            qty: 1,
        },
        Op::Gain { part: 2, qty: 1 },
        Op::Reverse { nth: 0 },
        Op::Claim {
            lines: vec![(2, 1)],
            labour_yuan: 30,
        },
    ];
    for o in &ops {
        assert!(apply(&mut s, o, &mut mileage), "{o:?} refused");
    }
    // more than there is: refused
    assert!(!apply(
        &mut s,
        &Op::Issue {
            part: 2,
            kind: 0,
            qty: 50
        },
        &mut mileage
    ));
    assert!(!apply(
        &mut s,
        &Op::Claim {
            lines: vec![(1, 1)],
            labour_yuan: 0
        },
        &mut mileage
    ));
    check(&s).unwrap();
}
