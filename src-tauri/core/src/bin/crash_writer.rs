//! 断电测试用的写入进程 (a test tool, not part of the app): opens a data file
//! and writes to it for ever — stock movements, catalogue imports and
//! warranty claims with their parts issued — through the same core
//! functions the app uses. Before each write it prints `BEGIN n kind` and
//! after the commit `ACK n kind key`, so the crash-safety test
//! (tests/crash_safety.rs) can kill it with SIGKILL in the middle of a write
//! and then check that every acknowledged write is there and none is half
//! there.
//!
//! Usage: `crash-writer DATA_FILE SEED`

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use moto4s_core::customers::vehicle;
use moto4s_core::demo::DemoRng;
use moto4s_core::parts::{import, ledger};
use moto4s_core::warranty::claim::{self, ClaimInput, ClaimLineInput};
use moto4s_core::Store;

fn main() {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().expect("data file"));
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let today: NaiveDate = moto4s_core::dates::today();
    let mut store = Store::open(&data).expect("open");
    let mut rng = DemoRng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x0043_5241_5348);
    let tmp = std::env::temp_dir().join(format!("crash-writer-{}-{seed}.csv", std::process::id()));
    let out = std::io::stdout();
    let say = |line: String| {
        let mut o = out.lock();
        let _ = writeln!(o, "{line}");
        let _ = o.flush();
    };
    let parts: Vec<String> = {
        let mut st = store
            .conn()
            .prepare("SELECT part_no FROM part WHERE active = 1 AND part_no NOT LIKE 'CRASH-%' ORDER BY id LIMIT 60")
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let vehicles: Vec<i64> = {
        let mut st = store
            .conn()
            .prepare("SELECT id FROM vehicle WHERE sale_date IS NOT NULL ORDER BY id LIMIT 40")
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    say("READY".into());
    for n in 0u64.. {
        match rng.range(0, 10) {
            // a receipt or a sale: one movement
            0..=5 => {
                let part = rng.pick(&parts).clone();
                let sale = rng.chance(50);
                say(format!("BEGIN {n} movement"));
                let input = ledger::MovementInput {
                    part_no: part.clone(),
                    kind: if sale { "sale" } else { "receipt" }.into(),
                    qty: rng.range(1, 4).to_string(),
                    operator: "断电测试".into(),
                    ..Default::default()
                };
                match ledger::post_on(&mut store, &input, today) {
                    Ok(m) => say(format!("ACK {n} movement {}", m.id)),
                    Err(_) => say(format!("REFUSED {n} movement")),
                }
            }
            // a catalogue import of five new parts: all or nothing
            6..=7 => {
                let mut csv = String::from("配件编号,配件名称,进货价,限价\n");
                for k in 0..5 {
                    csv.push_str(&format!("CRASH-{seed}-{n}-{k},断电测试件{k},10,15\n"));
                }
                std::fs::write(&tmp, csv).unwrap();
                say(format!("BEGIN {n} import CRASH-{seed}-{n}-"));
                match import::apply(&mut store, &tmp) {
                    Ok(_) => say(format!("ACK {n} import CRASH-{seed}-{n}-")),
                    Err(e) => say(format!("REFUSED {n} import {}", e.message)),
                }
            }
            // a warranty claim with its part issued (三包更换), in one transaction
            _ => {
                let v = *rng.pick(&vehicles);
                let part = rng.pick(&parts).clone();
                let mileage = vehicle::last_mileage(store.conn(), v)
                    .unwrap()
                    .map(|(m, _)| m)
                    .unwrap_or(0)
                    + 10;
                let input = ClaimInput {
                    vehicle_id: Some(v),
                    mileage: mileage.to_string(),
                    fault: "断电测试".into(),
                    main_part_no: part.clone(),
                    lines: vec![ClaimLineInput {
                        part_no: part,
                        qty: "1".into(),
                    }],
                    allow_duplicate: true,
                    operator: "断电测试".into(),
                    ..Default::default()
                };
                say(format!("BEGIN {n} claim"));
                let result = (|| -> moto4s_core::AppResult<String> {
                    let tx = store.conn_mut().transaction()?;
                    let id = claim::create_in(&tx, &input, today)?;
                    claim::issue_parts_in(&tx, id, &today.to_string(), "断电测试", today)?;
                    let no: String =
                        tx.query_row("SELECT claim_no FROM warranty_claim WHERE id = ?1", [id], |r| r.get(0))?;
                    tx.commit()?;
                    Ok(no)
                })();
                match result {
                    Ok(no) => say(format!("ACK {n} claim {no}")),
                    Err(e) => say(format!("REFUSED {n} claim {}", e.message)),
                }
            }
        }
    }
}
