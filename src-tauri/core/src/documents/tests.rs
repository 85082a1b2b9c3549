use super::*;
use crate::actor::{Actor, Role};
use crate::customers::repair::{self, CompleteInput, RepairInput};
use crate::customers::testkit::{at, day, sell, shop, vin};
use crate::customers::vehicle::{self, VehicleInput};
use crate::staff::roster::{self, StaffInput};

fn person(s: &mut Store, name: &str) -> i64 {
    roster::save(
        s,
        None,
        &StaffInput {
            name: name.into(),
            active: true,
            posts: vec!["H".into()],
            ..Default::default()
        },
        day("2026-11-20"),
    )
    .unwrap()
    .id
}

fn bulletin(no: &str, readers: Vec<i64>) -> FactoryDocumentInput {
    FactoryDocumentInput {
        kind: "bulletin".into(),
        doc_no: no.into(),
        title: "CG125 怠速不稳的调整方法".into(),
        received_on: "2026-11-05".into(),
        action: "组织维修技师学习并按新方法调整".into(),
        due_on: "2026-11-30".into(),
        readers,
        ..Default::default()
    }
}

/// A finished repair order of vehicle `v`, received and done on `on`.
fn finished_order(s: &mut Store, v: i64, on: &str) -> String {
    let now = at(&format!("{on} 18:00"));
    let o = repair::create(
        s,
        &RepairInput {
            vehicle_id: Some(v),
            kind: "repair".into(),
            received_at: format!("{on} 08:30"),
            technician: "张师傅".into(),
            mileage: "3200".into(),
            complaint: "服务活动：更换油门拉线".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    repair::complete(
        s,
        o.id,
        &CompleteInput {
            done_at: format!("{on} 11:00"),
            technician: "张师傅".into(),
            work_done: "更换油门拉线".into(),
            labour: "0".into(),
        },
        now,
    )
    .unwrap();
    o.order_no
}

#[test]
fn a_bulletin_is_registered_read_and_carried_out() {
    let today = day("2026-11-26");
    let mut s = shop();
    let wang = person(&mut s, "王师傅");
    let li = person(&mut s, "李内勤");
    let d = save(&mut s, None, &bulletin("JT-2026-031", vec![wang, li]), today).unwrap();
    assert_eq!((d.document.readers, d.document.confirmed), (2, 0));
    // due on the 30th, 4 days ahead: due soon; two confirmations missing
    assert_eq!(d.document.due_state, "soon");
    assert_eq!(todo_count(s.conn(), today).unwrap(), (1, 2));

    // the manager records 王师傅's reading at the morning meeting
    let d = confirm(&mut s, d.document.id, wang, "2026-11-06", today).unwrap();
    let w = d.readers.iter().find(|r| r.staff_id == wang).unwrap();
    assert_eq!(
        (w.confirmed_on.as_deref(), w.confirmed_by.as_str()),
        (Some("2026-11-06"), "经理（免登录）")
    );
    // 李内勤 signed in: her own list, her own confirmation, not someone else's
    s.set_actor(Some(Actor {
        staff_id: Some(li),
        name: "李内勤".into(),
        role: Role::Clerk,
        role_label: Role::Clerk.label(),
    }));
    assert_eq!(mine(&s, today).unwrap().len(), 1);
    let e = confirm(&mut s, d.document.id, wang, "", today).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let d = confirm(&mut s, d.document.id, li, "", today).unwrap();
    assert_eq!(
        d.readers.iter().find(|r| r.staff_id == li).unwrap().confirmed_by,
        "本人"
    );
    assert!(mine(&s, today).unwrap().is_empty());
    s.set_actor(None);

    // a confirmed reader stays on the list
    let e = save(&mut s, Some(d.document.id), &bulletin("JT-2026-031", vec![li]), today).unwrap_err();
    assert!(e.problems[0].message.contains("王师傅已确认阅读"), "{:?}", e.problems);
    // carried out: nothing left to do
    let e = mark_done(&mut s, d.document.id, "2026-11-04", "已组织学习", today).unwrap_err();
    assert_eq!(e.problems[0].message, "落实日期早于收文日期");
    let done = mark_done(&mut s, d.document.id, "", "11月20日组织技师学习，已按新方法调整", today).unwrap();
    assert_eq!((done.done_on.as_deref(), done.due_state), (Some("2026-11-26"), ""));
    assert_eq!(todo_count(s.conn(), today).unwrap(), (0, 0));

    // bad input changes nothing: the same number again, a deadline before
    // the document came, a campaign without vehicles
    let e = save(&mut s, None, &bulletin("JT-2026-031", vec![]), today).unwrap_err();
    assert_eq!(e.problems[0].message, "文号「JT-2026-031」已登记过");
    let e = save(
        &mut s,
        None,
        &FactoryDocumentInput {
            due_on: "2026-11-01".into(),
            ..bulletin("JT-2026-032", vec![])
        },
        today,
    )
    .unwrap_err();
    assert_eq!(e.problems[0].message, "落实期限早于收文日期");
    let e = save(
        &mut s,
        None,
        &FactoryDocumentInput {
            kind: "campaign".into(),
            ..bulletin("ZH-2026-01", vec![])
        },
        today,
    )
    .unwrap_err();
    assert_eq!(e.problems[0].message, "服务活动/召回请填写涉及的车型或车架号范围");
    assert_eq!(list(s.conn(), "", today).unwrap().items.len(), 1);
}

#[test]
fn a_campaigns_completion_is_done_over_covered() {
    let today = day("2026-11-26");
    let mut s = shop();
    // five CG125 (VINs 1–5) and one ZS150 (VIN 6)
    let cg: Vec<i64> = (1..=5)
        .map(|n| sell(&mut s, &format!("客户{n}"), &format!("1380013800{n}"), n, "2026-06-01"))
        .collect();
    let zs = vehicle::create(
        &mut s,
        &VehicleInput {
            customer: crate::customers::customer::CustomerInput {
                name: "客户6".into(),
                mobile: "13800138006".into(),
                ..Default::default()
            },
            vin: vin(6),
            model: "ZS150".into(),
            sold_here: true,
            sale_date: "2026-07-01".into(),
            sale_price: "7600".into(),
            ..Default::default()
        },
        today,
    )
    .unwrap()
    .id;
    // the range's ends as the factory writes them, without a valid check
    // digit: CG125 from VIN 2 to VIN 4, and every ZS150
    let raw = |n: u32| format!("LBPKE1300{n:08}");
    let input = FactoryDocumentInput {
        kind: "campaign".into(),
        doc_no: "ZH-2026-07".into(),
        title: "油门拉线检查更换".into(),
        received_on: "2026-11-05".into(),
        action: "免费检查并更换油门拉线".into(),
        due_on: "2027-02-28".into(),
        scope: vec![
            Scope {
                model: "CG125".into(),
                vin_from: raw(2),
                vin_to: raw(4),
            },
            Scope {
                model: "ZS150".into(),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let d = save(&mut s, None, &input, today).unwrap();
    let id = d.document.id;
    let p = campaign::progress(s.conn(), id).unwrap();
    let covered: Vec<i64> = p.vehicles.iter().map(|v| v.vehicle_id).collect();
    assert_eq!(covered.len(), 4);
    for v in [cg[1], cg[2], cg[3], zs] {
        assert!(covered.contains(&v), "{v} covered");
    }
    assert_eq!(p.completion, Some(Rate::percent(0)));

    // 客户2 told by phone; 客户3's order on the 10th did it
    campaign::notify(&mut s, id, cg[1], "2026-11-08", "电话通知", today).unwrap();
    let order = finished_order(&mut s, cg[2], "2026-11-10");
    let p = campaign::complete(&mut s, id, cg[2], &order).unwrap();
    // hand-computed: 1 done of 4 covered = 25%; told: 客户2 and 客户3 = 2
    assert_eq!((p.affected, p.notified, p.completed), (4, 2, 1));
    assert_eq!(p.completion, Some(Rate::percent(25)));
    assert_eq!(p.vehicles.last().unwrap().order_no.as_deref(), Some(order.as_str()));
    let listed = list(s.conn(), "campaign", today).unwrap();
    assert_eq!(
        (
            listed.items[0].affected,
            listed.items[0].completed,
            listed.campaigns_open
        ),
        (4, 1, 1)
    );
    // the desk sees the open campaign on 客户4's vehicle, not on 客户3's
    assert_eq!(campaign::open_for_vehicle(s.conn(), cg[3]).unwrap().len(), 1);
    assert!(campaign::open_for_vehicle(s.conn(), cg[2]).unwrap().is_empty());
    assert!(campaign::open_for_vehicle(s.conn(), cg[0]).unwrap().is_empty());

    // refused: a vehicle outside, another vehicle's order, an order done
    // before the campaign came, an order still open, twice
    let outside = finished_order(&mut s, cg[4], "2026-11-12");
    let e = campaign::complete(&mut s, id, cg[4], &outside).unwrap_err();
    assert_eq!(e.message, "该车不在此次服务活动的范围内");
    let e = campaign::complete(&mut s, id, cg[3], &outside).unwrap_err();
    assert!(e.problems[0].message.contains("不是这辆车的"), "{:?}", e.problems);
    let early = finished_order(&mut s, cg[3], "2026-11-01");
    let e = campaign::complete(&mut s, id, cg[3], &early).unwrap_err();
    assert!(e.problems[0].message.contains("之前就完工"), "{:?}", e.problems);
    let e = campaign::complete(&mut s, id, cg[2], &order).unwrap_err();
    assert_eq!(e.message, "这辆车已登记完成");
    // narrowing the scope past a recorded vehicle is refused, nothing changes
    let e = save(
        &mut s,
        Some(id),
        &FactoryDocumentInput {
            scope: vec![input.scope[1].clone()],
            ..input.clone()
        },
        today,
    )
    .unwrap_err();
    assert!(e.problems[0].message.contains("2 辆车"), "{:?}", e.problems);
    assert_eq!(campaign::scope(s.conn(), id).unwrap().len(), 2);
    // a range the wrong way round
    let e = save(
        &mut s,
        None,
        &FactoryDocumentInput {
            doc_no: "ZH-2026-08".into(),
            scope: vec![Scope {
                model: String::new(),
                vin_from: raw(4),
                vin_to: raw(2),
            }],
            ..input.clone()
        },
        today,
    )
    .unwrap_err();
    assert!(e.problems[0].message.contains("截止车架号在起始车架号之前"));
    // a completion taken back
    let p = campaign::undo(&mut s, id, cg[2]).unwrap();
    assert_eq!((p.completed, p.notified), (0, 1));
}
