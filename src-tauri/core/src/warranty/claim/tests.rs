use super::*;

use crate::error::{AppResult, ErrorCode};
use crate::money::Money;
use crate::parts::catalog;
use crate::store::Store;
use crate::warranty::policy;

/// The path, every status against every step: these six moves and no
/// other; a settled claim refuses everything; every other refusal names
/// the status and the step.
#[test]
fn a_claims_path_allows_only_its_steps() {
    use ClaimAction as A;
    use ClaimStatus as S;
    let allowed = [
        (S::Draft, A::Submit, S::Submitted),
        (S::Returned, A::Submit, S::Submitted),
        (S::Submitted, A::Approve, S::Approved),
        (S::Submitted, A::Reject, S::Rejected),
        (S::Submitted, A::Return, S::Returned),
        (S::Approved, A::Settle, S::Settled),
    ];
    for status in S::ALL {
        for action in A::ALL {
            let got = transition(status, Some(action));
            match allowed.iter().find(|(s, a, _)| *s == status && *a == action) {
                Some((_, _, to)) => assert_eq!(got.unwrap(), *to),
                None => {
                    let e = got.unwrap_err();
                    assert_eq!(e.code, ErrorCode::Conflict);
                    if status == S::Settled {
                        assert_eq!(e.message, "索赔单已结算，不能再变更");
                    } else {
                        assert_eq!(
                            e.message,
                            format!("索赔单现在是「{}」，不能{}", status.label(), action.refusal_label())
                        );
                    }
                }
            }
        }
    }
    assert_eq!(
        transition(S::Draft, None).unwrap_err().message,
        "索赔单现在是「录入」，不能这样操作"
    );
    // the codes and labels are the stored table's
    assert_eq!(S::ALL.len(), STATUSES.len());
    for st in S::ALL {
        assert_eq!(S::parse(st.code()), Some(st));
        assert_eq!(status_label(st.code()), st.label());
    }
    for a in A::ALL {
        assert_eq!(A::parse(a.code()), Some(a));
    }
    assert_eq!(A::parse("approve "), None);
}
use crate::customers::testkit::{day, sell, shop};
use crate::parts::catalog::PartInput;
use crate::parts::ledger::post_on;
use crate::parts::testkit::{mv, part};
use crate::warranty::{indicators, old_parts};

const TODAY: &str = "2026-11-26";

/// The test shop plus an engine part (发动机, 24 months) and a spark plug
/// (a wear part), and a vehicle sold on 2026-03-10.
fn claim_shop() -> (Store, i64) {
    let mut s = shop();
    catalog::create(
        s.conn(),
        &PartInput {
            category: "发动机".into(),
            cost_price: "40".into(),
            ..part("PIS-1", "活塞")
        },
    )
    .unwrap();
    catalog::create(
        s.conn(),
        &PartInput {
            category: "发动机".into(),
            cost_price: "20".into(),
            ..part("RNG-1", "活塞环")
        },
    )
    .unwrap();
    let t = day(TODAY);
    let mut receipt = mv("PIS-1", "receipt", "3", "2026-01-05");
    receipt.unit_cost = "40".into();
    post_on(&mut s, &receipt, t).unwrap();
    let mut receipt = mv("RNG-1", "receipt", "5", "2026-01-05");
    receipt.unit_cost = "20".into();
    post_on(&mut s, &receipt, t).unwrap();
    let v = sell(&mut s, "王小明", "13800138000", 1, "2026-03-10");
    (s, v)
}

fn input(v: i64) -> ClaimInput {
    ClaimInput {
        vehicle_id: Some(v),
        mileage: "4200".into(),
        reported_on: "2026-11-20".into(),
        fault: "发动机拉缸，异响".into(),
        fault_category: "发动机".into(),
        main_part_no: "PIS-1".into(),
        appraiser: "赵鉴定".into(),
        appraisal_result: "活塞拉伤，属质量问题".into(),
        labour_hours: "2.5".into(),
        labour: "50".into(),
        lines: vec![
            ClaimLineInput {
                part_no: "PIS-1".into(),
                qty: "1".into(),
            },
            ClaimLineInput {
                part_no: "RNG-1".into(),
                qty: "2".into(),
            },
        ],
        operator: "小李".into(),
        ..Default::default()
    }
}

fn step_as(s: &mut Store, id: i64, action: &str, note: &str, amount: &str, date: &str) -> AppResult<Claim> {
    step(
        s,
        id,
        &StepInput {
            action: action.into(),
            operator: "王经理".into(),
            note: note.into(),
            amount: amount.into(),
            date: date.into(),
            ..Default::default()
        },
        day(TODAY),
    )
}

#[test]
fn a_claim_from_entry_to_settlement_with_its_old_parts() {
    let (mut s, v) = claim_shop();
    let t = day(TODAY);
    let c = create(&mut s, &input(v), t).unwrap();
    assert_eq!((c.claim_no.as_str(), c.status_label), ("SB-202611-0001", "录入"));
    // engine part: 24 months from 2026-03-10, 4,200 km of 30,000: covered
    assert!(c.coverage_issues.is_empty(), "{:?}", c.coverage_issues);
    // estimated before the parts leave stock: 40 + 2 × 20 + labour 50
    assert_eq!((c.total, c.parts_estimated), (Money::from_yuan(130), true));
    // not submittable before the repair
    assert!(step_as(&mut s, c.id, "submit", "", "", "2026-11-21").is_err());
    let c = issue_parts(&mut s, c.id, "2026-11-21", "张师傅", t).unwrap();
    let on_hand = |s: &Store, no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
    assert_eq!((on_hand(&s, "PIS-1"), on_hand(&s, "RNG-1")), (2, 3));
    assert_eq!((c.total, c.parts_estimated), (Money::from_yuan(130), false));
    assert!(c.lines.iter().all(|l| l.old_part_state == "待返厂"));
    let c = step_as(&mut s, c.id, "submit", "", "", "2026-11-21").unwrap();
    // the list exported: every claim the query finds, as shown
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.xlsx");
    assert_eq!(export(s.conn(), &ClaimQuery::default(), t, &path).unwrap(), 1);
    let sheet = crate::sheet::read_table(&path, 1 << 20).unwrap();
    let cell = |h: &str| sheet.rows[0].1[sheet.col(h).unwrap()].clone();
    assert_eq!(
        (cell("索赔单号"), cell("状态"), cell("索赔金额"), cell("未结天数")),
        ("SB-202611-0001".into(), "已提交".into(), "130.00".into(), "5".into())
    );
    let c = step_as(&mut s, c.id, "approve", "同意", "", "2026-11-23").unwrap();
    // settled above the claim: refused
    let e = step_as(&mut s, c.id, "settle", "", "130.01", "2026-11-25").unwrap_err();
    assert_eq!(e.message, "结算金额 ¥130.01 超过索赔金额 ¥130.00");
    // the old parts go back in one batch
    let waiting = old_parts::waiting(s.conn(), t).unwrap();
    assert_eq!(waiting.len(), 2);
    assert_eq!(waiting[0].age_days, 5);
    let b = old_parts::create_batch(
        &mut s,
        &old_parts::BatchInput {
            shipped_on: "2026-11-24".into(),
            line_ids: waiting.iter().map(|w| w.line_id).collect(),
            note: String::new(),
        },
        t,
    )
    .unwrap();
    assert_eq!(
        (b.batch_no.as_str(), b.count, b.value),
        ("FH-202611-01", 2, Money::from_yuan(80))
    );
    assert!(old_parts::waiting(s.conn(), t).unwrap().is_empty());
    // the old parts exported: both lines, under their batch
    let path = dir.path().join("old-parts.xlsx");
    assert_eq!(old_parts::export(s.conn(), t, &path).unwrap(), 2);
    let sheet = crate::sheet::read_table(&path, 1 << 20).unwrap();
    let cell = |r: usize, h: &str| sheet.rows[r].1[sheet.col(h).unwrap()].clone();
    assert_eq!(
        (
            cell(0, "返厂批次"),
            cell(0, "返厂日期"),
            cell(0, "索赔单号"),
            cell(0, "等待天数")
        ),
        (
            "FH-202611-01".into(),
            "2026-11-24".into(),
            "SB-202611-0001".into(),
            String::new()
        )
    );
    let c = step_as(&mut s, c.id, "settle", "", "120", "2026-11-25").unwrap();
    assert_eq!((c.status_label, c.settled), ("已结算", Some(Money::from_yuan(120))));
    let actions: Vec<&str> = c.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["录入", "维修出库", "提交", "厂家批准", "结算"]);
    // a settled claim can't be changed or stepped again
    assert_eq!(
        update(&mut s, c.id, &input(v), t).unwrap_err().message,
        "已结算的索赔单不能修改"
    );
    assert!(step_as(&mut s, c.id, "approve", "", "", "").is_err());
    // indicators: 8 = ¥80.00 of parts; 9 无数据 without sales; 10 = ¥80.00 returned
    let m = crate::dates::Month::parse("2026-11").unwrap();
    let i = indicators::compute(s.conn(), m).unwrap();
    assert_eq!(
        (i.parts_value, i.returned_value, i.cost_rate),
        (Money::from_yuan(80), Money::from_yuan(80), None)
    );
    crate::customers::sales::set(
        &mut s,
        &crate::customers::sales::SalesInput {
            month: "2026-11".into(),
            units: "1".into(),
            amount: "2000".into(),
        },
        t,
    )
    .unwrap();
    // 80 ÷ 2,000 = 4%
    assert_eq!(
        indicators::compute(s.conn(), m).unwrap().cost_rate.unwrap().display(),
        "4%"
    );
}

/// A policy change takes effect from its date: the claims already
/// entered keep the policy they were judged by.
#[test]
fn a_policy_change_does_not_reclassify_claims_already_entered() {
    let (mut s, v) = claim_shop();
    let t = day(TODAY);
    let before = create(&mut s, &input(v), t).unwrap();
    assert!(before.coverage_issues.is_empty(), "{:?}", before.coverage_issues);
    let mut p = policy::PolicyInput::from(&policy::load(s.conn()).unwrap());
    p.categories = "发动机 6 30000".into();
    // not on or before the day of a claim already entered
    p.effective_from = "2026-11-20".into();
    let e = policy::save(&mut s, &p, t).unwrap_err();
    assert!(
        e.problems[0]
            .message
            .contains("已有报修日期为 2026-11-20 的索赔单按原政策录入"),
        "{e:?}"
    );
    p.effective_from = "2026-11-21".into();
    let saved = policy::save(&mut s, &p, t).unwrap();
    assert_eq!(saved.effective_from.as_deref(), Some("2026-11-21"));
    // the claim entered before still judged by the policy of its day
    assert!(get(s.conn(), before.id).unwrap().coverage_issues.is_empty());
    // one reported after: by the new one
    let after = create(
        &mut s,
        &ClaimInput {
            reported_on: "2026-11-22".into(),
            mileage: "4300".into(),
            allow_duplicate: true,
            ..input(v)
        },
        t,
    )
    .unwrap();
    assert_eq!(
        after.coverage_issues[0],
        "已超过三包期：发动机类配件三包期 6 个月，自发票日期 2026-03-10 至 2026-09-10，报修日期 2026-11-22"
    );
    assert_eq!(policy::history(s.conn()).unwrap().len(), 1);
}

#[test]
fn coverage_duplicates_and_bad_claims() {
    let (mut s, v) = claim_shop();
    let t = day(TODAY);
    // invoice after report, mileage below the last recorded, no stock
    crate::customers::inspection::record(
        &mut s,
        &crate::customers::inspection::InspectionInput {
            vehicle_id: Some(v),
            inspected_on: "2026-10-01".into(),
            mileage: "5000".into(),
            technician: "刘师傅".into(),
            findings: String::new(),
        },
        t,
    )
    .unwrap();
    let e = create(
        &mut s,
        &ClaimInput {
            invoice_date: "2026-11-22".into(),
            ..input(v)
        },
        t,
    )
    .unwrap_err();
    let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "发票日期（2026-11-22）晚于报修日期（2026-11-20）",
            "进厂里程 4200 公里低于该车 2026-10-01 记录的 5000 公里，请核对里程表"
        ]
    );
    // a spark plug main part, 7,000 km, whole-vehicle 12 months: not covered
    let plug = ClaimInput {
        main_part_no: "SP-1".into(),
        mileage: "7000".into(),
        reported_on: "2026-11-20".into(),
        lines: vec![ClaimLineInput {
            part_no: "SP-1".into(),
            qty: "1".into(),
        }],
        ..input(v)
    };
    let c = create(&mut s, &plug, t).unwrap();
    assert_eq!(
        c.coverage_issues,
        [
            "已超过三包里程：整车限 6000 公里，现 7000 公里",
            "「火花塞」属于易损件（火花塞），不在三包范围"
        ]
    );
    // the same vehicle and main part again within 30 days: flagged
    let e = create(&mut s, &plug, t).unwrap_err();
    assert!(e.message.starts_with("可能重复：车架号"), "{}", e.message);
    assert!(create(
        &mut s,
        &ClaimInput {
            allow_duplicate: true,
            ..plug.clone()
        },
        t
    )
    .is_ok());
    // submitting an uncovered claim needs a reason
    issue_parts(&mut s, c.id, "", "张师傅", t).unwrap();
    let e = step_as(&mut s, c.id, "submit", "", "", "").unwrap_err();
    assert!(e.message.starts_with("不在三包范围："), "{}", e.message);
    let c = step_as(&mut s, c.id, "submit", "厂家同意特批", "", "").unwrap();
    assert_eq!(c.override_reason, "厂家同意特批");
    assert_eq!(c.coverage_issues.len(), 2, "kept as found when submitted");
    // rejected with a reason; sent back needs one too
    assert!(step_as(&mut s, c.id, "reject", "", "", "").is_err());
    let c = step_as(&mut s, c.id, "reject", "易损件不予索赔", "", "").unwrap();
    assert_eq!(c.status_label, "已拒赔");
    // a part with no stock: the whole issue is refused, nothing leaves stock
    let d = create(
        &mut s,
        &ClaimInput {
            reported_on: "2026-11-25".into(),
            mileage: "7100".into(),
            lines: vec![
                ClaimLineInput {
                    part_no: "RNG-1".into(),
                    qty: "2".into(),
                },
                ClaimLineInput {
                    part_no: "PIS-1".into(),
                    qty: "9".into(),
                },
            ],
            allow_duplicate: true,
            ..input(v)
        },
        t,
    )
    .unwrap();
    let e = issue_parts(&mut s, d.id, "", "张师傅", t).unwrap_err();
    assert!(
        e.message.contains("活塞") && e.message.contains("库存不足"),
        "{}",
        e.message
    );
    let on_hand = |no: &str| catalog::find_by_no(s.conn(), no).unwrap().unwrap().on_hand;
    assert_eq!((on_hand("RNG-1"), on_hand("PIS-1")), (5, 3));
    assert!(get(s.conn(), d.id).unwrap().repaired_on.is_none());
}
