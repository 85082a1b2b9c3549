//! 随机输入 (fuzzing with proptest): the importers (catalogue, customers,
//! the data-exchange workbook) read arbitrary bytes — random noise, a
//! truncated or corrupted real .xlsx, CSV text with random cells — and the
//! forms' inputs (stock movements, parts, customers, vehicles, claims) take
//! arbitrary text, including the JSON a command receives. Nothing may panic,
//! and whatever is refused must write nothing.
//!
//! CI runs a bounded number of cases (`MOTO4S_FUZZ_CASES`, default 1000 per
//! property); for a release run it longer, e.g.
//! `MOTO4S_FUZZ_CASES=20000 cargo test -p moto4s-core --release --test fuzz_inputs`.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use moto4s_core::customers::customer::CustomerInput;
use moto4s_core::customers::vehicle::{self, VehicleInput};
use moto4s_core::parts::catalog::{self, PartInput};
use moto4s_core::parts::{import, ledger};
use moto4s_core::warranty::claim::{self, ClaimInput, ClaimLineInput};
use moto4s_core::{demo, exchange, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// A fingerprint of everything an import or a form could write.
fn fingerprint(s: &Store) -> Vec<i64> {
    let c = s.conn();
    [
        "part",
        "stock_movement",
        "customer",
        "vehicle",
        "warranty_claim",
        "warranty_claim_line",
        "vehicle_sales_month",
        "staff",
        "dealer",
        "dealer_visit",
        "dealer_visit_action",
    ]
    .iter()
    .map(|t| {
        c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .chain([c
        .query_row(
            "SELECT coalesce(sum(on_hand), 0) + coalesce(sum(stock_value_fen), 0) FROM part",
            [],
            |r| r.get(0),
        )
        .unwrap()])
    .collect()
}

thread_local! {
    /// A small shop: three parts with stock, a customer with a vehicle.
    static SHOP: Store = {
        let mut s = Store::open_in_memory().unwrap();
        moto4s_core::settings::save(s.conn(), demo::demo_settings()).unwrap();
        for (no, cost) in [("A-1", "10"), ("B-2", "25.5"), ("OIL", "30")] {
            catalog::create(s.conn(), &PartInput {
                part_no: no.into(), name: format!("件{no}"), cost_price: cost.into(), retail_price: "50".into(),
                active: true, ..Default::default()
            }).unwrap();
            ledger::post_on(&mut s, &ledger::MovementInput {
                part_no: no.into(), kind: "receipt".into(), qty: "20".into(), operator: "t".into(), ..Default::default()
            }, today()).unwrap();
        }
        vehicle::create(&mut s, &VehicleInput {
            customer: CustomerInput { name: "王建国".into(), mobile: "13800000001".into(), ..Default::default() },
            vin: moto4s_core::customers::vin::with_check_digit("LBPKE1300D0000001"),
            sold_here: true, sale_date: "2026-06-01".into(), ..Default::default()
        }, today()).unwrap();
        s
    };
    /// A real data-exchange workbook of the shop above, to corrupt.
    static WORKBOOK: Vec<u8> = SHOP.with(|s| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.xlsx");
        exchange::export(s, &p).unwrap();
        std::fs::read(p).unwrap()
    });
}

fn shop() -> Store {
    SHOP.with(|s| s.copy_in_memory().unwrap())
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Arbitrary file contents: noise, a real workbook corrupted at random
/// places or cut short, or CSV text with random cells.
fn contents() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..4096),
        (
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
            any::<prop::sample::Index>()
        )
            .prop_map(|(edits, cut)| {
                let mut b = WORKBOOK.with(|w| w.clone());
                for (i, v) in edits {
                    let at = i.index(b.len());
                    b[at] = v;
                }
                let keep = cut.index(b.len()).max(b.len() / 2);
                b.truncate(keep);
                b
            }),
        prop::collection::vec(prop::collection::vec("[^\n]{0,12}", 1..6), 1..12).prop_map(|rows| {
            let mut t = String::from("配件编号,配件名称,进货价,限价,客户姓名,手机,车架号\n");
            for r in rows {
                t.push_str(&r.join(","));
                t.push('\n');
            }
            t.into_bytes()
        }),
    ]
}

proptest! {
    #![proptest_config(common::config("MOTO4S_FUZZ_CASES", 1000))]

    #[test]
    fn importers_never_panic_and_a_refused_file_writes_nothing(bytes in contents(), csv in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = shop();
        let before = fingerprint(&s);
        let p = file(dir.path(), if csv { "in.csv" } else { "in.xlsx" }, &bytes);
        if import::preview(s.conn(), &p).is_err() {
            prop_assert_eq!(fingerprint(&s), before.clone());
        }
        let r = import::apply(&mut s, &p);
        if r.is_err() { prop_assert_eq!(fingerprint(&s), before.clone()); }
        let mut s = shop();
        let r = moto4s_core::customers::import::apply(&mut s, &p, today());
        if r.is_err() { prop_assert_eq!(fingerprint(&s), before.clone()); }
        let mut s = shop();
        let r = moto4s_core::network::outlet::import(&mut s, &p, today());
        if r.is_err() { prop_assert_eq!(fingerprint(&s), before.clone()); }
        let mut s = shop();
        let r = exchange::import(&mut s, &p);
        if r.is_err() { prop_assert_eq!(fingerprint(&s), before); }
    }

    #[test]
    fn form_inputs_never_panic_and_a_refused_one_writes_nothing(
        texts in prop::collection::vec(prop_oneof!["\\PC{0,16}", "[0-9.,-]{0,10}", Just(String::new()), Just("A-1".to_string())], 12),
        json in "\\PC{0,80}",
    ) {
        let t = |i: usize| texts[i].clone();
        let mut s = shop();
        let before = fingerprint(&s);
        let refused = |s: &Store| fingerprint(s) == before;
        let mv = ledger::MovementInput { part_no: t(0), kind: t(1), qty: t(2), date: t(3), unit_cost: t(4), cash: t(5), operator: t(6), note: t(7) };
        if ledger::post_on(&mut s, &mv, today()).is_err() { prop_assert!(refused(&s)); }
        let s = shop();
        let part = PartInput { part_no: t(0), name: t(1), cost_price: t(2), retail_price: t(3), min_stock: t(4), max_stock: t(5), category: t(6), ..Default::default() };
        if catalog::create(s.conn(), &part).is_err() { prop_assert!(refused(&s)); }
        let mut s = shop();
        let v = VehicleInput {
            customer: CustomerInput { name: t(0), mobile: t(1), ..Default::default() },
            vin: t(2), sale_date: t(3), sale_price: t(4), file_returned_on: t(5), filing_fee: t(6), ..Default::default()
        };
        if vehicle::create(&mut s, &v, today()).is_err() { prop_assert!(refused(&s)); }
        // an outlet's card and a visit to it, as typed
        let mut s = shop();
        let o = moto4s_core::network::outlet::OutletInput {
            name: t(0), kind: t(1), phone: t(2), authorised_on: t(3), status: t(4), status_on: t(5),
            technicians: t(6), equipment_level: t(7), ..Default::default()
        };
        if moto4s_core::network::outlet::save(&mut s, None, &o, today()).is_err() { prop_assert!(refused(&s)); }
        let mut s = shop();
        let v = moto4s_core::network::visit::VisitInput {
            dealer_id: 1, visited_on: t(0), visitor: t(1), purpose: t(2), findings: t(3),
            actions: vec![moto4s_core::network::visit::ActionInput { action: t(4), due_on: t(5) }],
        };
        if moto4s_core::network::visit::record(&mut s, &v, today()).is_err() { prop_assert!(refused(&s)); }
        let mut s = shop();
        let c = ClaimInput {
            vehicle_id: Some(1), invoice_date: t(0), mileage: t(1), reported_on: t(2), fault: t(3), main_part_no: t(4),
            labour: t(5), labour_hours: t(6),
            lines: vec![ClaimLineInput { part_no: t(7), qty: t(8) }],
            ..Default::default()
        };
        if claim::create(&mut s, &c, today()).is_err() { prop_assert!(refused(&s)); }
        // every command's JSON argument, as the shell parses it: arbitrary
        // JSON, and the same text as a string field of an otherwise empty object
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&json) {
            every_input(&v);
        }
        every_input(&serde_json::json!({ "name": json.clone(), "qty": json.clone(), "lines": [json.clone()], "month": json }));
    }
}

/// Parses `v` as every command argument type the shell accepts.
fn every_input(v: &serde_json::Value) {
    macro_rules! parse {
        ($($t:ty),* $(,)?) => { $( let _ = serde_json::from_value::<$t>(v.clone()); )* };
    }
    use moto4s_core::customers::{filing, follow_up, inspection, repair, rules, sales};
    use moto4s_core::parts::{orders, stock, stocktake};
    use moto4s_core::staff::{descriptions, five_s, roster};
    use moto4s_core::warranty::{old_parts, policy};
    parse!(
        moto4s_core::auth::AuditQuery,
        moto4s_core::network::outlet::OutletInput,
        moto4s_core::network::visit::VisitInput,
        moto4s_core::network::visit::ActionDoneInput,
        inspection::InspectionInput,
        repair::RepairInput,
        repair::RepairPartInput,
        repair::CompleteInput,
        repair::DeliverInput,
        follow_up::FollowUpInput,
        sales::SalesInput,
        filing::FileInput,
        filing::FeeBatchInput,
        VehicleInput,
        CustomerInput,
        rules::ServiceRulesInput,
        roster::StaffInput,
        five_s::ChecklistItemInput,
        five_s::InspectionInput,
        descriptions::DescriptionInput,
        old_parts::BatchInput,
        ClaimInput,
        claim::StepInput,
        claim::ClaimQuery,
        policy::PolicyInput,
        stock::StockQuery,
        ledger::MovementInput,
        PartInput,
        stocktake::CountInput,
        orders::OrderInput,
        orders::DeliveryInput,
        moto4s_core::settings::SettingsInput,
    );
}
