//! The demo shop's training year (培训): held trainings across the year
//! for its own staff and the outlets' people, a 上岗证 running out within
//! the month, one plan past its day and one ahead; and the desk's
//! call-backs to customers not seen for half a year (流失客户); the
//! manager's etiquette checks of the front desk (礼仪检查); the monthly
//! appraisals (绩效考核) of the closed months before the last; the
//! equipment and tools register (设备工具) with its loans.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;

use crate::error::AppResult;
use crate::staff::training::{self, AttendeeInput, TrainingInput};

/// (days before today; subject; title; trainer; hours; own staff with
/// scores; outlet people; certificate and its months; held)
type Plan = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, i64)],
    usize,
    Option<(&'static str, u64)>,
    bool,
);

const PLANS: &[Plan] = &[
    (
        340,
        "technique",
        "电喷系统故障诊断",
        "厂家技术代表",
        "6",
        &[("张师傅", 92), ("李师傅", 88), ("刘师傅", 58)],
        0,
        Some(("电喷维修上岗证", 12)),
        true,
    ),
    (
        330,
        "warranty",
        "三包政策与索赔流程",
        "王经理",
        "2",
        &[
            ("张内勤", 90),
            ("赵鉴定", 95),
            ("刘师傅", 85),
            ("张师傅", 86),
            ("李师傅", 84),
        ],
        0,
        None,
        true,
    ),
    (
        270,
        "product",
        "新车型 UHR150 产品知识",
        "厂家区域服务代表",
        "3",
        &[("张师傅", 90), ("李师傅", 87), ("刘师傅", 80)],
        2,
        None,
        true,
    ),
    (
        200,
        "safety",
        "维修车间用电与消防",
        "王经理",
        "1.5",
        &[
            ("张内勤", 100),
            ("李库管", 95),
            ("张师傅", 100),
            ("李师傅", 95),
            ("刘师傅", 90),
            ("赵鉴定", 100),
        ],
        0,
        None,
        true,
    ),
    (
        150,
        "etiquette",
        "服务礼仪十项标准",
        "王经理",
        "2",
        &[("张内勤", 93), ("李库管", 85), ("赵鉴定", 88)],
        0,
        None,
        true,
    ),
    (
        60,
        "technique",
        "链条与传动系统保养",
        "刘师傅",
        "3",
        &[("张师傅", 91)],
        3,
        Some(("保养技师证", 24)),
        true,
    ),
    (
        10,
        "warranty",
        "旧件返厂新规定",
        "王经理",
        "1",
        &[("赵鉴定", 0), ("张内勤", 0)],
        0,
        None,
        false,
    ),
    (
        -14,
        "etiquette",
        "回访话术与投诉处理",
        "王经理",
        "2",
        &[("张内勤", 0), ("王经理", 0)],
        0,
        None,
        false,
    ),
];

const OUTLET_PEOPLE: [&str; 3] = ["周建军", "孙永强", "马海涛"];

/// The year's trainings, as of `today`.
pub fn trainings(conn: &Connection, today: NaiveDate) -> AppResult<()> {
    let staff_id = |name: &str| -> AppResult<i64> {
        Ok(conn.query_row("SELECT id FROM staff WHERE name = ?1", [name], |r| r.get(0))?)
    };
    let outlets: Vec<i64> = conn
        .prepare("SELECT id FROM dealer WHERE status = 'active' ORDER BY id LIMIT 3")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for (ago, subject, title, trainer, hours, people, from_outlets, certificate, held) in PLANS {
        let on = if *ago >= 0 {
            today - Days::new(*ago as u64)
        } else {
            today + Days::new(ago.unsigned_abs())
        };
        let expiry = |months: u64| (on + chrono::Months::new(months as u32) - Days::new(1)).to_string();
        let mut attendees = Vec::new();
        for (name, score) in people.iter() {
            let passed = *held && *score >= 60;
            let (certificate, expires) = match certificate {
                Some((c, months)) if passed => (c.to_string(), expiry(*months)),
                _ => (String::new(), String::new()),
            };
            attendees.push(AttendeeInput {
                staff_id: Some(staff_id(name)?),
                score: if *held { score.to_string() } else { String::new() },
                certificate,
                certificate_expires_on: expires,
                ..Default::default()
            });
        }
        for (i, dealer) in outlets.iter().take(*from_outlets).enumerate() {
            attendees.push(AttendeeInput {
                dealer_id: Some(*dealer),
                name: OUTLET_PEOPLE[i].into(),
                score: if *held { (82 + 4 * i).to_string() } else { String::new() },
                ..Default::default()
            });
        }
        training::save_in(
            conn,
            None,
            &TrainingInput {
                planned_on: on.to_string(),
                held_on: if *held { on.to_string() } else { String::new() },
                subject: subject.to_string(),
                title: title.to_string(),
                trainer: trainer.to_string(),
                hours: hours.to_string(),
                place: "本店培训室".into(),
                note: String::new(),
                attendees,
            },
            today,
        )?;
    }
    Ok(())
}

/// The desk has called back some of the customers not seen for half a year:
/// most are lost over attitude or to a competitor, some will come back.
pub fn lost_customers(conn: &Connection, today: NaiveDate) -> AppResult<()> {
    use crate::customers::lost::{self, LostInput};
    const OUTCOMES: [(&str, &str); 8] = [
        ("attitude", "说上次修车没人理"),
        ("back", "答应下月来保养"),
        ("competitor", "去了镇上新开的店"),
        ("attitude", "对接待不满意"),
        ("moved", "已搬到县城"),
        ("product", "嫌油耗高"),
        ("other_shop", "亲戚开了修理铺"),
        ("back", "最近忙，过段时间来"),
    ];
    let page = lost::list(conn, lost::rule_months(conn)?, 1, today)?;
    for (i, c) in page.rows.iter().take(OUTCOMES.len()).enumerate() {
        let (outcome, note) = OUTCOMES[i];
        lost::record_in(
            conn,
            &LostInput {
                customer_id: c.customer_id,
                recorded_on: (today - Days::new(3 + 4 * i as u64)).to_string(),
                outcome: outcome.into(),
                note: note.into(),
                operator: "张内勤".into(),
            },
            today,
        )?;
    }
    Ok(())
}

/// The manager's monthly spot check of the front desk against the ten
/// standards, and a mystery visit each quarter: mostly met, a miss or two.
pub fn etiquette_checks(conn: &Connection, today: NaiveDate) -> AppResult<()> {
    use crate::staff::standards::{self, CheckInput, CheckItemInput};
    let desk: i64 = conn.query_row("SELECT id FROM staff WHERE name = '张内勤'", [], |r| r.get(0))?;
    let ten: Vec<i64> = standards::list(conn, false)?
        .into_iter()
        .filter(|s| s.kind == "standard")
        .map(|s| s.id)
        .collect();
    let mut month = crate::dates::Month::of(today);
    for m in 0..12u64 {
        for (day, method, misses) in [
            (10, "spot", [(m * 3) % 10, 99]),
            (20, "mystery", [(m + 1) % 10, (m * 7 + 4) % 10]),
        ] {
            if method == "mystery" && m % 3 != 0 {
                continue;
            }
            let on = month.first_day() + Days::new(day - 1);
            if on > today {
                continue;
            }
            standards::record_check_in(
                conn,
                &CheckInput {
                    checked_on: on.to_string(),
                    staff_id: Some(desk),
                    checker: "王经理".into(),
                    method: method.into(),
                    note: String::new(),
                    items: ten
                        .iter()
                        .enumerate()
                        .map(|(i, id)| CheckItemInput {
                            standard_id: *id,
                            met: Some(!misses.contains(&(i as u64))),
                            note: String::new(),
                        })
                        .collect(),
                },
                today,
            )?;
        }
        month = month.prev();
    }
    Ok(())
}

/// The appraisal sheets of every person for the five closed months before
/// the last one, scored and finalised by 王经理 on the fifth of the month
/// after; the last closed month is left for the manager to make (the
/// screen opens on it). Manual items get 80–100% of their weight, the same
/// for the same person and month on every run.
pub fn appraisals(conn: &Connection, today: NaiveDate) -> AppResult<()> {
    use crate::staff::appraisal::{self, AppraisalInput, LineScore};
    let Some(last) = crate::closing::last_closed(conn)? else {
        return Ok(());
    };
    let staff: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM staff WHERE active = 1 ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut m = last;
    let mut months = Vec::new();
    for _ in 0..5 {
        m = m.prev();
        if !crate::closing::is_closed(conn, m)? {
            break;
        }
        months.push(m);
    }
    for m in months.into_iter().rev() {
        for (k, (id, name)) in staff.iter().enumerate() {
            let sheet = appraisal::make_in(conn, *id, m, "王经理")?;
            let a = appraisal::get(conn, sheet)?;
            let scores = a
                .lines
                .iter()
                .filter(|l| !l.auto)
                .enumerate()
                .map(|(j, l)| {
                    // 80 %, 90 % or 100 % of the weight
                    let tenth = 8 + ((k + j + m.first_day().month0() as usize) % 3) as i64;
                    LineScore {
                        seq: l.seq,
                        score: (l.weight * tenth / 10).to_string(),
                        note: if tenth == 8 {
                            "有一次未按要求完成".into()
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
            appraisal::update_in(
                conn,
                sheet,
                &AppraisalInput {
                    scores,
                    reward: String::new(),
                    remarks: format!("{name}本月工作按岗位要求完成"),
                },
            )?;
            let a = appraisal::get(conn, sheet)?;
            // 优秀 earns 200, 不合格 costs 100
            let reward = match a.grade {
                Some("优秀") => "200",
                Some("不合格") => "-100",
                _ => "0",
            };
            appraisal::update_in(
                conn,
                sheet,
                &AppraisalInput {
                    scores: Vec::new(),
                    reward: reward.into(),
                    remarks: a.remarks.clone(),
                },
            )?;
            let at = (m.next().first_day() + Days::new(4)).min(today);
            conn.execute(
                "UPDATE appraisal SET status = 'final', finalised_at = ?2, finalised_by = '王经理', made_at = ?2
                 WHERE id = ?1",
                rusqlite::params![sheet, format!("{at} 16:00:00")],
            )?;
        }
    }
    Ok(())
}

/// The demo shop's equipment and special tools: the factory's required
/// list mostly held (two short), a torque wrench whose calibration is past
/// due and a tyre changer due within the month, a puller lent to an outlet
/// and overdue, loans that came back, one item scrapped.
pub fn equipment(conn: &Connection, today: NaiveDate) -> AppResult<()> {
    use crate::staff::equipment::{save_in, EquipmentInput};
    let ago = |days: u64| (today - Days::new(days)).to_string();
    // (code, name, model, kind, held, required, place, bought days ago, value, keeper, cycle months, last serviced days ago)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        u64,
        &'static str,
        &'static str,
        &'static str,
        Option<u64>,
    );
    let rows: [Row; 10] = [
        (
            "SB-01",
            "空气压缩机",
            "0.36/8",
            "equipment",
            "1",
            "1",
            "维修车间",
            900,
            "2800",
            "刘师傅",
            "6",
            Some(120),
        ),
        (
            "SB-02",
            "轮胎拆装机",
            "LC-885",
            "equipment",
            "1",
            "1",
            "维修车间",
            700,
            "3600",
            "刘师傅",
            "12",
            Some(345),
        ),
        (
            "SB-03",
            "清洗机",
            "QX-280",
            "equipment",
            "1",
            "0",
            "洗车位",
            500,
            "1200",
            "张师傅",
            "",
            None,
        ),
        (
            "ZJ-01",
            "飞轮拉马",
            "M24×1.5",
            "special_tool",
            "1",
            "2",
            "工具柜",
            800,
            "85",
            "李库管",
            "",
            None,
        ),
        (
            "ZJ-02",
            "气门弹簧压缩器",
            "通用型",
            "special_tool",
            "0",
            "1",
            "工具柜",
            0,
            "",
            "李库管",
            "",
            None,
        ),
        (
            "ZJ-03",
            "离合器固定扳手",
            "",
            "special_tool",
            "2",
            "2",
            "工具柜",
            800,
            "60",
            "李库管",
            "",
            None,
        ),
        (
            "ZJ-04",
            "化油器调整工具",
            "",
            "special_tool",
            "1",
            "1",
            "工具柜",
            600,
            "45",
            "李库管",
            "",
            None,
        ),
        (
            "LJ-01",
            "扭力扳手",
            "5–60 N·m",
            "measuring",
            "1",
            "1",
            "工具柜",
            760,
            "680",
            "刘师傅",
            "12",
            Some(400),
        ),
        (
            "LJ-02",
            "气缸压力表",
            "0–2 MPa",
            "measuring",
            "1",
            "1",
            "工具柜",
            640,
            "160",
            "刘师傅",
            "12",
            Some(200),
        ),
        (
            "LJ-03",
            "万用表",
            "VC890D",
            "measuring",
            "2",
            "1",
            "维修车间",
            520,
            "120",
            "张师傅",
            "",
            None,
        ),
    ];
    let mut ids = std::collections::HashMap::new();
    for (code, name, model, kind, qty, required, place, bought, value, keeper, months, last) in rows {
        let id = save_in(
            conn,
            None,
            &EquipmentInput {
                code: code.into(),
                name: name.into(),
                model: model.into(),
                kind: kind.into(),
                qty: qty.into(),
                required_qty: required.into(),
                location: place.into(),
                bought_on: if bought == 0 { String::new() } else { ago(bought) },
                value: value.into(),
                keeper: keeper.into(),
                state: "good".into(),
                service_months: months.into(),
                last_serviced_on: last.map(ago).unwrap_or_default(),
                note: String::new(),
            },
            today,
        )?;
        ids.insert(code, id);
    }
    let loan = |code: &str, lent: u64, who: &str, due: u64, back: Option<u64>| -> AppResult<()> {
        conn.execute(
            "INSERT INTO equipment_loan (equipment_id, lent_on, borrower, due_on, returned_on, operator)
             VALUES (?1, ?2, ?3, ?4, ?5, '李库管')",
            rusqlite::params![ids[code], ago(lent), who, ago(due), back.map(ago)],
        )?;
        Ok(())
    };
    loan("ZJ-03", 60, "王集镇摩托维修部 王保国", 57, Some(58))?;
    loan("LJ-02", 30, "张师傅", 29, Some(29))?;
    loan("ZJ-01", 9, "李庄摩托维修点 李二", 4, None)?;
    // an old tyre lever set broken and written off
    let id = save_in(
        conn,
        None,
        &EquipmentInput {
            code: "ZJ-05".into(),
            name: "撬胎棒套装".into(),
            kind: "special_tool".into(),
            qty: "1".into(),
            location: "工具柜".into(),
            bought_on: ago(1100),
            value: "30".into(),
            keeper: "刘师傅".into(),
            ..Default::default()
        },
        today,
    )?;
    conn.execute(
        "UPDATE equipment SET state = 'scrapped', scrapped_on = ?2, scrap_reason = '撬棒弯曲断裂' WHERE id = ?1",
        rusqlite::params![id, ago(40)],
    )?;
    Ok(())
}
