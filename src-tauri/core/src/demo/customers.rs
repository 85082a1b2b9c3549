//! 示例店铺的客户与维修：a year of vehicle sales, files and filing fees,
//! follow-up calls, inspections and repair orders for the demo shop, made
//! day by day through the same functions the screens use, interleaved with
//! the parts ledger (repair orders issue their parts from the demo stock).

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};

use crate::customers::customer::CustomerInput;
use crate::customers::filing;
use crate::customers::follow_up::{self, FollowUpInput};
use crate::customers::inspection::{self, InspectionInput};
use crate::customers::repair::{self, CompleteInput, DeliverInput, RepairInput, RepairPartInput};
use crate::customers::sales::{self, SalesInput};
use crate::customers::vehicle::{self, VehicleInput};
use crate::customers::vin::with_check_digit;
use crate::dates::Month;
use crate::demo::DemoRng;
use crate::error::AppResult;

/// What a customer says on a follow-up call with a complaint, by category.
const COMPLAINT_WORDS: [(&str, &str); 5] = [
    ("attitude", "客户反映接待时没人招呼，问了两遍才有人理"),
    ("waiting", "客户反映保养等了两个多小时"),
    ("price", "客户觉得配件价格比外面贵"),
    ("quality", "客户反映新车刹车有异响"),
    ("other", "客户反映店门口停车不方便"),
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗",
];
const GIVEN: &[&str] = &[
    "建国", "卫东", "秀英", "桂兰", "志强", "海燕", "红梅", "国强", "玉兰", "德华", "小龙", "春生", "丽娟", "新民",
    "金凤", "保国", "永福", "淑芬", "长青", "明亮",
];
const VILLAGES: &[&str] = &[
    "城关镇东关村",
    "汲冢镇李楼村",
    "宁平镇大王庄",
    "秋渠乡张营",
    "胡集乡后刘村",
    "虎岗乡马庄",
    "钱店镇西街",
    "白马镇程楼村",
];
const MODELS: &[(&str, i64)] = &[
    ("豪爵 HJ125-7", 6980),
    ("豪爵 铃木 GN125", 7580),
    ("豪爵 UHR150", 12_980),
    ("豪爵 AFR125", 6680),
    ("豪爵 USR125", 7280),
    ("豪爵 铃木 EN125", 8380),
    ("豪爵 DR160", 9280),
];
const COLOURS: &[&str] = &["红", "黑", "白", "蓝", "银"];
pub const TECHNICIANS: &[&str] = &["张师傅", "李师傅", "刘师傅"];
const COMPLAINTS: &[&str] = &[
    "发动机异响",
    "启动困难",
    "刹车不灵",
    "怠速不稳",
    "大灯不亮",
    "漏机油",
    "加速无力",
    "链条松旷",
    "仪表不走",
];

struct DemoVehicle {
    id: i64,
    customer_id: i64,
    sale: NaiveDate,
    /// km a day, for a mileage that only grows
    km_per_day: i64,
}

/// The simulation: called once a day, after the parts department's day.
pub(crate) struct CustomerSim {
    rng: DemoRng,
    vehicles: Vec<DemoVehicle>,
    serial: u32,
    /// (vehicle, day the file slip comes back)
    files: Vec<(i64, NaiveDate)>,
    /// (vehicle, inspection day)
    inspections: Vec<(i64, NaiveDate)>,
    /// (order, day and time it is done, delivered)
    repairs: Vec<(i64, NaiveDateTime, NaiveDateTime)>,
    /// (claim, day, step) still to happen
    claim_steps: Vec<(i64, NaiveDate, &'static str)>,
    /// the demo's clock: 16:00 on its last day (so the demo is the same
    /// whatever the time it is made; work after it is still in the shop)
    now: NaiveDateTime,
    /// the service network's outlets (their own random stream)
    net: crate::demo::network::NetSim,
    /// complaints (投诉处理), on their own random stream so the rest of the
    /// demo stays as it was: (complaint, day, step kind or "close")
    complaint_work: Vec<(i64, NaiveDate, &'static str)>,
    complaint_rng: DemoRng,
}

fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("time"))
}

impl CustomerSim {
    /// Whether the vehicle's inspection due on `due_on` was closed by a 保养.
    fn closed_by_service(conn: &Connection, vehicle_id: i64, due_on: &str) -> AppResult<bool> {
        Ok(conn.query_row(
            "SELECT count(*) FROM inspection WHERE vehicle_id = ?1 AND due_on = ?2 AND findings LIKE '保养时点检%'",
            params![vehicle_id, due_on],
            |r| r.get::<_, i64>(0),
        )? > 0)
    }

    pub fn new(seed: u64, today: NaiveDate) -> CustomerSim {
        CustomerSim {
            now: at(today, 16, 0),
            rng: DemoRng::new(seed),
            vehicles: Vec::new(),
            serial: 0,
            files: Vec::new(),
            inspections: Vec::new(),
            repairs: Vec::new(),
            claim_steps: Vec::new(),
            net: crate::demo::network::NetSim::new(seed ^ 0x4e45_5457),
            complaint_work: Vec::new(),
            complaint_rng: DemoRng::new(seed ^ 0x434f_4d50),
        }
    }

    /// What the desk does about a complaint: an apology the next day, the
    /// step its category calls for, and (almost always) the closing a day or
    /// two later; what falls after the demo's day stays to be done.
    fn plan_complaint(&mut self, id: i64, category: &str, on: NaiveDate) {
        let r = &mut self.complaint_rng;
        let mut at = on + Days::new(1);
        self.complaint_work.push((id, at, "apology"));
        let step = match category {
            "quality" => Some("rework"),
            "price" if r.chance(40) => Some("compensation"),
            "waiting" | "attitude" | "other" if r.chance(50) => Some("correction"),
            _ => None,
        };
        if let Some(k) = step {
            at = at + Days::new(r.range(1, 3) as u64);
            self.complaint_work.push((id, at, k));
        }
        // closed a day or two after the last step; now and then one
        // lingers past its due date (the to-do shows it)
        if r.chance(96) {
            at = at + Days::new(r.range(0, 2) as u64);
            self.complaint_work.push((id, at, "close"));
        }
    }

    /// The day's complaints: a few come in by phone or in person, and the
    /// planned steps and closings of earlier ones are done.
    fn complaints(&mut self, conn: &Connection, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
        use crate::customers::complaint::{self, ComplaintCloseInput, ComplaintInput, ComplaintStepInput};
        if !self.vehicles.is_empty() && self.complaint_rng.chance(5) {
            let r = &mut self.complaint_rng;
            let v = &self.vehicles[r.range(0, self.vehicles.len() as i64 - 1) as usize];
            let (category, content, staff) = *r.pick(&[
                ("waiting", "订的配件一周了还没到货", Some("李库管")),
                ("quality", "刚保养完发动机就有异响", Some("张师傅")),
                ("price", "换链条的工时费比别家贵", None),
                ("attitude", "打电话问进度，接电话的人不耐烦", Some("张内勤")),
            ]);
            let source = *r.pick(&["phone", "walk_in", "phone", "letter"]);
            let staff_id: Option<i64> = match staff {
                Some(n) => conn
                    .query_row("SELECT id FROM staff WHERE name = ?1", [n], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            let id = complaint::open_in(
                conn,
                &ComplaintInput {
                    received_on: day.to_string(),
                    source: source.into(),
                    customer_id: Some(v.customer_id),
                    vehicle_id: Some(v.id),
                    category: category.into(),
                    content: content.into(),
                    staff_id,
                    owner: "王经理".into(),
                    ..Default::default()
                },
                today,
            )?;
            self.plan_complaint(id, category, day);
        }
        let due: Vec<(i64, &'static str)> = self
            .complaint_work
            .iter()
            .filter(|(_, d, _)| *d == day && day <= today)
            .map(|(c, _, k)| (*c, *k))
            .collect();
        self.complaint_work.retain(|(_, d, _)| *d != day);
        for (id, what) in due {
            if what == "close" {
                let confirmation = match self.complaint_rng.range(1, 10) {
                    1 => "unsatisfied",
                    2 | 3 => "accepted",
                    _ => "satisfied",
                };
                complaint::close_in(
                    conn,
                    id,
                    &ComplaintCloseInput {
                        closed_on: day.to_string(),
                        confirmation: confirmation.into(),
                        note: "电话确认".into(),
                    },
                    today,
                )?;
            } else {
                let (note, amount) = match what {
                    "apology" => ("当面或电话向客户致歉", ""),
                    "correction" => ("已向当事人指出并改正", ""),
                    "rework" => ("免费返修，故障排除", ""),
                    _ => ("赠送保养工时券", "50"),
                };
                complaint::add_step_in(
                    conn,
                    id,
                    &ComplaintStepInput {
                        kind: what.into(),
                        done_on: day.to_string(),
                        note: note.into(),
                        amount: amount.into(),
                        operator: "王经理".into(),
                    },
                    today,
                )?;
            }
        }
        Ok(())
    }

    fn mileage(v: &DemoVehicle, day: NaiveDate) -> i64 {
        (day - v.sale).num_days().max(0) * v.km_per_day + 30
    }

    fn sell(&mut self, conn: &Connection, sale: NaiveDate, sold_here: bool, today: NaiveDate) -> AppResult<()> {
        self.serial += 1;
        let (model, price) = *self.rng.pick(MODELS);
        let name = format!("{}{}", self.rng.pick(SURNAMES), self.rng.pick(GIVEN));
        let mobile = format!("13{}{:08}", self.rng.range(5, 9), self.rng.range(0, 99_999_999));
        // WMI LBP, VDS, check digit (position 9), year, plant, serial
        let body = format!(
            "LBP{}E13{}0{}{}{:06}",
            self.rng.pick(&["K", "M", "P"]),
            self.rng.range(1, 9),
            self.rng.pick(&["P", "R", "S", "T"]),
            self.rng.pick(&["A", "B", "C"]),
            self.serial + 24_000
        );
        let vin = with_check_digit(&body);
        let mobile = if self.rng.chance(92) { mobile } else { String::new() };
        let village = self.rng.pick(VILLAGES).to_string();
        // a customer without a mobile is told apart by the house number (a
        // file is matched on name and address then)
        let address = if mobile.is_empty() {
            format!("{village}{}号", 1 + self.serial % 90)
        } else {
            village
        };
        let id = vehicle::create_in(
            conn,
            &VehicleInput {
                customer_id: None,
                customer: CustomerInput {
                    name,
                    mobile,
                    address,
                    note: String::new(),
                },
                vin,
                engine_no: format!("{}E{:07}", self.rng.range(150, 162), self.serial + 310_000),
                model: model.into(),
                colour: self.rng.pick(COLOURS).to_string(),
                sold_here,
                dealer: if sold_here { self.net.seller() } else { String::new() },
                sale_date: sale.to_string(),
                sale_price: if sold_here {
                    (price + self.rng.range(-3, 3) * 100).to_string()
                } else {
                    String::new()
                },
                ..Default::default()
            },
            today,
        )?;
        let customer_id = vehicle::get(conn, id)?.customer_id;
        if sold_here && self.rng.chance(88) {
            self.files.push((id, sale + Days::new(self.rng.range(3, 25) as u64)));
        }
        self.vehicles.push(DemoVehicle {
            id,
            customer_id,
            sale,
            km_per_day: self.rng.range(12, 40),
        });
        Ok(())
    }

    /// Vehicles on the road before the demo year: sold here in the year
    /// before, and some bought elsewhere that come for service.
    pub fn seed(&mut self, conn: &Connection, start: NaiveDate, today: NaiveDate) -> AppResult<()> {
        for _ in 0..140 {
            let sale = start - Days::new(self.rng.range(1, 365) as u64);
            self.sell(conn, sale, true, today)?;
        }
        for _ in 0..25 {
            let sale = start - Days::new(self.rng.range(30, 900) as u64);
            self.sell(conn, sale, false, today)?;
        }
        // the earlier vehicles' files came back long ago
        let early: Vec<(i64, NaiveDate)> = std::mem::take(&mut self.files);
        for (v, on) in early {
            let on = on.min(start);
            filing::record_file_in(conn, v, &on.to_string(), "20", &on.to_string(), today)?;
        }
        Ok(())
    }

    pub fn day(&mut self, conn: &Connection, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
        // sales: about 280 a year
        let n = if self.rng.chance(60) { 1 } else { 0 } + if self.rng.chance(17) { 1 } else { 0 };
        for _ in 0..n {
            self.sell(conn, day, true, today)?;
        }
        // file slips coming back, with the ¥20 filing fee
        let back: Vec<i64> = self.files.iter().filter(|(_, d)| *d == day).map(|(v, _)| *v).collect();
        self.files.retain(|(_, d)| *d != day);
        for v in back {
            filing::record_file_in(conn, v, &day.to_string(), "20", &day.to_string(), today)?;
        }
        // on the 6th, last month's fees go back to the factory in one batch
        if day.day() == 6 {
            let cutoff = Month::of(day).prev().last_day().to_string();
            let ids: Vec<i64> = conn
                .prepare(
                    "SELECT id FROM vehicle WHERE fee_registered_on IS NOT NULL AND fee_batch_id IS NULL
                       AND fee_registered_on <= ?1 ORDER BY id",
                )?
                .query_map([&cutoff], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if !ids.is_empty() {
                filing::create_batch_in(conn, &day.to_string(), &ids, "月度建档费返厂", today)?;
            }
            // and last month's sales figures are entered
            let m = Month::of(day).prev();
            let s = sales::get(conn, m)?;
            sales::set_in(
                conn,
                &SalesInput {
                    month: m.iso(),
                    units: s.recorded_units.to_string(),
                    amount: s.recorded_amount.to_string(),
                },
                today,
            )?;
        }
        // on the 1st, the month's inspections are planned: about four in five done
        if day.day() == 1 {
            for d in inspection::due_in(conn, Month::of(day))? {
                // a 保养 that already closed the due date: no inspection to
                // plan, though the dice are thrown as for one (the demo
                // stays the same demo)
                let by_service = d.inspected_on.is_some() && Self::closed_by_service(conn, d.vehicle_id, &d.due_on)?;
                if (d.inspected_on.is_none() || by_service) && self.rng.chance(80) {
                    let due = NaiveDate::parse_from_str(&d.due_on, "%Y-%m-%d").expect("date");
                    let on = due + Duration::days(self.rng.range(-10, 6));
                    if !by_service {
                        self.inspections.push((d.vehicle_id, on.max(day)));
                    }
                }
            }
        }
        let todays: Vec<i64> = self
            .inspections
            .iter()
            .filter(|(_, d)| *d == day)
            .map(|(v, _)| *v)
            .collect();
        self.inspections.retain(|(_, d)| *d != day);
        for vid in todays {
            let v = self.vehicles.iter().find(|v| v.id == vid).expect("demo vehicle");
            let findings = *self.rng.pick(&[
                "正常",
                "正常",
                "正常",
                "链条偏松，已调整",
                "刹车片磨损，建议更换",
                "胎压偏低，已充气",
            ]);
            let technician = self.rng.pick(TECHNICIANS).to_string();
            // a 保养 since the plan was made has done the inspection
            let served: i64 = conn.query_row(
                "SELECT count(*) FROM inspection WHERE vehicle_id = ?1 AND findings LIKE '保养时点检%'
                   AND inspected_on BETWEEN date(?2, '-20 days') AND ?2",
                params![vid, day.to_string()],
                |r| r.get(0),
            )?;
            if served > 0 {
                continue;
            }
            inspection::record_in(
                conn,
                &InspectionInput {
                    vehicle_id: Some(vid),
                    inspected_on: day.to_string(),
                    mileage: Self::mileage(v, day).to_string(),
                    technician,
                    findings: findings.into(),
                },
                today,
            )?;
        }
        // repairs: two or three a day
        let n = self.rng.range(1, 4);
        // on the last day two more came in this afternoon and are still being worked on
        let extra = if day == self.now.date() { 2 } else { 0 };
        for i in 0..n + extra {
            let candidates: Vec<usize> = (0..self.vehicles.len())
                .filter(|&k| self.vehicles[k].sale <= day)
                .collect();
            let k = candidates[self.rng.range(0, candidates.len() as i64 - 1) as usize];
            let before = self.repairs.len();
            self.repair(conn, k, day, i.min(3))?;
            if i >= n && self.repairs.len() > before {
                self.repairs.pop();
            }
        }
        // work finished and vehicles handed back
        let due: Vec<(i64, NaiveDateTime, NaiveDateTime)> = self
            .repairs
            .iter()
            .filter(|(_, d, _)| d.date() == day)
            .copied()
            .collect();
        self.repairs.retain(|(_, d, _)| d.date() != day);
        for (id, done, delivered) in due {
            if done > self.now {
                continue;
            }
            let o = repair::get(conn, id, done)?;
            let labour = match o.kind {
                repair::RepairKind::Maintenance => 20,
                repair::RepairKind::FirstService => 0,
                repair::RepairKind::Warranty => 0,
                repair::RepairKind::Onsite => 60,
                repair::RepairKind::Repair => 30 + 10 * self.rng.range(0, 8),
            };
            let work = match o.kind {
                repair::RepairKind::Maintenance => "更换机油，检查调整链条、刹车",
                repair::RepairKind::FirstService => "首保：更换机油、机滤，全车检查紧固",
                repair::RepairKind::Warranty => "按三包更换故障件",
                _ => "检查排除故障，更换损坏件",
            };
            repair::complete_in(
                conn,
                id,
                &CompleteInput {
                    done_at: crate::form::datetime_text(done),
                    technician: o.technician.clone(),
                    work_done: work.into(),
                    labour: labour.to_string(),
                },
                done,
            )?;
            // the process: diagnosed and quoted soon after it came in,
            // checked (质检) by the workshop lead when finished
            conn.execute(
                "INSERT INTO repair_order_step (repair_order_id, step, done_at, who)
                 SELECT id, 'diagnosis', strftime('%Y-%m-%d %H:%M', received_at, '+10 minutes'), technician
                 FROM repair_order WHERE id = ?1
                 UNION ALL SELECT id, 'quote', strftime('%Y-%m-%d %H:%M', received_at, '+15 minutes'), '张内勤'
                 FROM repair_order WHERE id = ?1
                 UNION ALL SELECT id, 'inspection', done_at, '刘师傅' FROM repair_order WHERE id = ?1",
                [id],
            )?;
            if delivered <= self.now {
                repair::deliver_in(
                    conn,
                    id,
                    &DeliverInput {
                        delivered_at: crate::form::datetime_text(delivered),
                        received: String::new(),
                    },
                    delivered,
                )?;
            }
        }
        // a warranty claim every few days, and the claims' next steps
        // (and on the last day one still in the workshop, its claim being entered)
        if self.rng.chance(30) || day == self.now.date() {
            self.claim(conn, day)?;
        }
        let steps: Vec<(i64, NaiveDate, &str)> =
            self.claim_steps.iter().filter(|(_, d, _)| *d == day).copied().collect();
        self.claim_steps.retain(|(_, d, _)| *d != day);
        for (id, _, action) in steps {
            self.claim_step(conn, id, action, day, today)?;
        }
        // on the last day the factory sends the latest submitted claim back for correction
        if day == self.now.date() {
            let latest: Option<i64> = conn
                .query_row(
                    "SELECT id FROM warranty_claim WHERE status = 'submitted' ORDER BY submitted_on DESC, id DESC LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = latest {
                self.claim_steps.retain(|(c, _, _)| *c != id);
                crate::warranty::claim::step_in(
                    conn,
                    id,
                    &crate::warranty::claim::StepInput {
                        action: "return".into(),
                        operator: "王经理".into(),
                        note: "工厂要求补充故障照片".into(),
                        date: day.to_string(),
                        ..Default::default()
                    },
                    today,
                )?;
            }
        }
        // the outlets' claims and the manager's visits to them
        self.net.day(conn, day, today)?;
        // on the 20th the old parts waiting go back to the factory
        if day.day() == 20 {
            let ids: Vec<i64> = crate::warranty::old_parts::waiting(conn, day)?
                .into_iter()
                .filter(|p| p.age_days >= 3)
                .map(|p| p.line_id)
                .collect();
            if !ids.is_empty() {
                let b = crate::warranty::old_parts::create_batch_in(
                    conn,
                    &crate::warranty::old_parts::BatchInput {
                        shipped_on: day.to_string(),
                        line_ids: ids,
                        note: "月度旧件返厂".into(),
                    },
                    today,
                )?;
                let received = day + Duration::days(self.rng.range(6, 15));
                if received <= today {
                    conn.execute(
                        "UPDATE old_part_batch SET received_on = ?2 WHERE id = ?1",
                        rusqlite::params![b, received.to_string()],
                    )?;
                }
            }
        }
        self.complaints(conn, day, today)?;
        // follow-up calls for what falls due today (and retries)
        for d in follow_up::due(conn, day, 4, 0)? {
            if !self.rng.chance(75) || d.mobile.is_empty() {
                continue;
            }
            let reached = self.rng.chance(82);
            let complaint = if reached && self.rng.chance(4) {
                *self.rng.pick(&["attitude", "waiting", "price", "quality", "other"])
            } else {
                ""
            };
            let satisfaction = if !reached {
                String::new()
            } else if complaint.is_empty() {
                self.rng.range(4, 5).to_string()
            } else {
                self.rng.range(2, 3).to_string()
            };
            follow_up::record_in(
                conn,
                &FollowUpInput {
                    customer_id: Some(d.customer_id),
                    vehicle_id: Some(d.vehicle_id),
                    repair_order_id: d.repair_order_id,
                    reason: d.reason.clone(),
                    due_on: d.due_on.clone(),
                    called_on: day.to_string(),
                    effective: reached,
                    satisfaction,
                    complaint: complaint.into(),
                    note: match (reached, complaint) {
                        (false, _) => "无人接听".into(),
                        (true, "") => "车辆使用正常".into(),
                        (true, c) => COMPLAINT_WORDS
                            .iter()
                            .find(|(k, _)| *k == c)
                            .map_or("客户有意见", |(_, w)| *w)
                            .into(),
                    },
                    operator: "张内勤".into(),
                },
                today,
            )?;
            if !complaint.is_empty() {
                let id: i64 = conn.query_row(
                    "SELECT id FROM complaint WHERE follow_up_id = (SELECT max(id) FROM follow_up)",
                    [],
                    |r| r.get(0),
                )?;
                // a sale call's complaint about attitude is the front desk's
                if complaint == "attitude" {
                    conn.execute(
                        "UPDATE complaint SET staff_id = (SELECT id FROM staff WHERE name = '张内勤')
                         WHERE id = ?1 AND staff_id IS NULL",
                        [id],
                    )?;
                }
                self.plan_complaint(id, complaint, day);
            }
        }
        // on the last day the desk goes through its list and marks the
        // customers it has no number for 无法回访 (没有电话)
        if day == self.now.date() {
            for d in follow_up::due(conn, day, follow_up::DESK_BACK_DAYS, 3)? {
                if d.mobile.is_empty() {
                    follow_up::set_unreachable_in(
                        conn,
                        &follow_up::UnreachableInput {
                            customer_id: d.customer_id,
                            reason: "no_phone".into(),
                            note: String::new(),
                        },
                        day,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// A 三包 job on a vehicle sold in the last year: the repair order opens
    /// the claim, the failed parts are fitted under warranty from the order;
    /// every fourth job also has an item outside coverage the customer pays
    /// for (a service's oil and labour). Done and handed back the same day.
    fn claim(&mut self, conn: &Connection, day: NaiveDate) -> AppResult<()> {
        use crate::warranty::claim::ClaimLineInput;
        let year_ago = day - Duration::days(360);
        let candidates: Vec<usize> = (0..self.vehicles.len())
            .filter(|&k| self.vehicles[k].sale <= day - Duration::days(10) && self.vehicles[k].sale >= year_ago)
            .collect();
        if candidates.is_empty() {
            return Ok(());
        }
        let k = candidates[self.rng.range(0, candidates.len() as i64 - 1) as usize];
        let (vid, mileage) = (self.vehicles[k].id, Self::mileage(&self.vehicles[k], day));
        let sold_here: bool = conn.query_row("SELECT sold_here FROM vehicle WHERE id = ?1", [vid], |r| r.get(0))?;
        if !sold_here {
            return Ok(());
        }
        let nos: Vec<(String, String)> = conn
            .prepare_cached(
                "SELECT part_no, category FROM part WHERE active = 1 AND on_hand >= 2
                   AND category IN ('发动机', '电气', '传动', '燃油', '车架') ORDER BY id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        if nos.is_empty() {
            return Ok(());
        }
        let (main, category) = nos[self.rng.range(0, nos.len() as i64 - 1) as usize].clone();
        let mut lines = vec![ClaimLineInput {
            part_no: main.clone(),
            qty: "1".into(),
        }];
        if self.rng.chance(35) {
            let (other, _) = nos[self.rng.range(0, nos.len() as i64 - 1) as usize].clone();
            if other != main {
                lines.push(ClaimLineInput {
                    part_no: other,
                    qty: "1".into(),
                });
            }
        }
        let faults = [
            ("发动机", "发动机异响、烧机油"),
            ("电气", "不能启动、无电"),
            ("传动", "离合打滑、换挡困难"),
            ("燃油", "怠速不稳、熄火"),
            ("车架", "减震漏油"),
        ];
        let fault = faults
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, f)| *f)
            .unwrap_or("故障");
        let job = repair::WarrantyJobInput {
            fault_category: category,
            main_part_no: main,
            appraiser: "赵鉴定".into(),
            appraisal_result: "属质量问题，同意更换".into(),
            labour_hours: format!("{}.{}", self.rng.range(0, 3), self.rng.range(0, 1) * 5),
            labour: (self.rng.range(2, 10) * 10).to_string(),
            operator: "张内勤".into(),
            ..Default::default()
        };
        let submit_in = self.rng.range(1, 3);
        let received = at(day, 14, 0);
        if received > self.now {
            return Ok(());
        }
        let technician = TECHNICIANS[vid as usize % TECHNICIANS.len()].to_string();
        let order = match repair::create_in(
            conn,
            &RepairInput {
                vehicle_id: Some(vid),
                kind: "warranty".into(),
                received_at: crate::form::datetime_text(received),
                technician: technician.clone(),
                mileage: mileage.to_string(),
                complaint: fault.into(),
                claim: Some(job),
                ..Default::default()
            },
            received,
        ) {
            Ok(id) => id,
            Err(e) if e.field.as_deref() == Some("claimDuplicate") => return Ok(()),
            Err(e) => return Err(e),
        };
        let fitted = received + Duration::minutes(30);
        for l in &lines {
            repair::add_part_in(
                conn,
                order,
                &RepairPartInput {
                    part_no: l.part_no.clone(),
                    qty: l.qty.clone(),
                    covered: true,
                    operator: technician.clone(),
                    ..Default::default()
                },
                fitted,
            )?;
        }
        // outside coverage, paid by the customer: an oil change with the job
        let extra = order % 4 == 0;
        if extra {
            let oil: Option<String> = conn
                .query_row(
                    "SELECT part_no FROM part WHERE active = 1 AND on_hand > 0 AND is_engine_oil = 1 ORDER BY id",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(no) = oil {
                repair::add_part_in(
                    conn,
                    order,
                    &RepairPartInput {
                        part_no: no,
                        qty: "1".into(),
                        operator: technician.clone(),
                        ..Default::default()
                    },
                    fitted,
                )?;
            }
        }
        let done = at(day, 16, 30);
        if done > self.now {
            return Ok(());
        }
        repair::complete_in(
            conn,
            order,
            &CompleteInput {
                done_at: crate::form::datetime_text(done),
                technician,
                work_done: format!("按三包更换故障件{}", if extra { "；另更换机油（自费）" } else { "" }),
                labour: if extra { "20".into() } else { String::new() },
            },
            done,
        )?;
        let delivered = at(day, 17, 0);
        if delivered <= self.now {
            repair::deliver_in(conn, order, &DeliverInput::default(), delivered)?;
        }
        let id: i64 = conn.query_row(
            "SELECT id FROM warranty_claim WHERE repair_order_id = ?1",
            [order],
            |r| r.get(0),
        )?;
        self.claim_steps.push((id, day + Duration::days(submit_in), "submit"));
        Ok(())
    }

    fn claim_step(
        &mut self,
        conn: &Connection,
        id: i64,
        action: &str,
        day: NaiveDate,
        today: NaiveDate,
    ) -> AppResult<()> {
        use crate::warranty::claim::{self, StepInput};
        let c = claim::get(conn, id)?;
        // a job still in the workshop goes to the factory once it is done
        if action == "submit" && c.repaired_on.is_none() {
            return Ok(());
        }
        let covered = c.coverage_issues.is_empty();
        // (action, note, (parts, labour) settled, the next step in days)
        type Step<'a> = (&'a str, String, (String, String), Option<(i64, &'static str)>);
        let (action, note, amount, next): Step = match action {
            "submit" => (
                "submit",
                if covered {
                    String::new()
                } else {
                    "老客户，申请厂家特批".into()
                },
                Default::default(),
                Some((self.rng.range(5, 20), if covered { "decide" } else { "reject" })),
            ),
            "decide" => {
                if self.rng.chance(8) {
                    (
                        "return",
                        "鉴定照片不清楚，请补充".into(),
                        Default::default(),
                        Some((3, "submit")),
                    )
                } else {
                    (
                        "approve",
                        String::new(),
                        Default::default(),
                        Some((self.rng.range(15, 45), "settle")),
                    )
                }
            }
            "reject" => ("reject", "超出三包范围".into(), Default::default(), None),
            _ => {
                // the factory pays parts and labour, sometimes a little
                // less for the parts than claimed
                let parts = c.parts_value.to_fen();
                let parts = if self.rng.chance(20) { parts * 9 / 10 } else { parts };
                (
                    "settle",
                    String::new(),
                    (crate::Money::from_fen(parts).to_string(), c.labour.to_string()),
                    None,
                )
            }
        };
        claim::step_in(
            conn,
            id,
            &StepInput {
                action: action.into(),
                operator: "王经理".into(),
                note,
                parts_amount: amount.0,
                labour_amount: amount.1,
                date: day.to_string(),
                ..Default::default()
            },
            today,
        )?;
        if let Some((days, step)) = next {
            self.claim_steps.push((id, day + Duration::days(days), step));
        }
        Ok(())
    }

    fn repair(&mut self, conn: &Connection, k: usize, day: NaiveDate, i: i64) -> AppResult<()> {
        let v = &self.vehicles[k];
        let received = at(day, 8 + (i as u32) * 2, self.rng.range(0, 5) as u32 * 10);
        if received > self.now {
            return Ok(());
        }
        let roll = self.rng.range(1, 100);
        // (三包 jobs come from `claim`, with their claim)
        let kind = match roll {
            1..=45 => "maintenance",
            46..=92 => "repair",
            _ => "onsite",
        };
        let (vid, customer_id, mileage) = (v.id, v.customer_id, Self::mileage(v, day));
        let _ = customer_id;
        // a vehicle sold here, in for its first service within the brand's
        // 首保 window (3 months, 1,500 km), and not had it yet: a 首保
        let first_service = kind == "maintenance"
            && mileage <= 1_500
            && day <= v.sale + Duration::days(90)
            && conn.query_row(
                "SELECT v.sold_here AND NOT EXISTS (SELECT 1 FROM warranty_claim w
                     WHERE w.vehicle_id = v.id AND w.claim_type = 'first_service')
                 FROM vehicle v WHERE v.id = ?1",
                [vid],
                |r| r.get::<_, bool>(0),
            )?;
        let kind = if first_service { "first_service" } else { kind };
        let village: String = conn.query_row(
            "SELECT c.address FROM customer c JOIN vehicle v ON v.customer_id = c.id WHERE v.id = ?1",
            [vid],
            |r| r.get(0),
        )?;
        let technician = self.rng.pick(TECHNICIANS).to_string();
        let complaint: String = if kind == "maintenance" {
            "定期保养".into()
        } else if first_service {
            "首次保养".into()
        } else {
            self.rng.pick(COMPLAINTS).to_string()
        };
        // the 服务项目 the job takes (the items seeded by migration 41)
        let item_names: &[&str] = match (kind, complaint.as_str()) {
            ("first_service", _) => &["首次保养"],
            ("maintenance", _) => &["定期保养", "更换机油"],
            (_, "启动困难") => &["更换火花塞"],
            (_, "刹车不灵") => &["更换刹车片"],
            (_, "怠速不稳") => &["清洗化油器"],
            (_, "大灯不亮") | (_, "仪表不走") => &["电路检修"],
            (_, "链条松旷") => &["调整链条"],
            (_, "加速无力") => &["清洗化油器", "更换火花塞"],
            (_, "漏机油") | (_, "发动机异响") => &["发动机检修"],
            _ => &["电路检修"],
        };
        let mut items = Vec::new();
        for n in item_names {
            items.push(conn.query_row("SELECT id FROM service_item WHERE name = ?1", [n], |r| r.get(0))?);
        }
        let id = repair::create_in(
            conn,
            &RepairInput {
                vehicle_id: Some(vid),
                kind: kind.into(),
                received_at: crate::form::datetime_text(received),
                promised_at: String::new(),
                technician: technician.clone(),
                // the front desk: 张内勤 (服务内勤)
                receptionist: "张内勤".into(),
                mileage: mileage.to_string(),
                place: if kind == "onsite" { village } else { String::new() },
                complaint,
                work_done: String::new(),
                labour: String::new(),
                // the factory pays the 首保's labour and materials
                claim: first_service.then(|| repair::WarrantyJobInput {
                    labour_hours: "0.5".into(),
                    labour: "30".into(),
                    operator: "张内勤".into(),
                    ..Default::default()
                }),
                items: Some(items),
            },
            received,
        )?;
        if first_service {
            let claim_id: i64 =
                conn.query_row("SELECT id FROM warranty_claim WHERE repair_order_id = ?1", [id], |r| {
                    r.get(0)
                })?;
            self.claim_steps.push((claim_id, day + Duration::days(3), "submit"));
        }
        // parts from stock: oil for a service, a part or two for a repair
        let issue_at = received + Duration::minutes(20);
        let wants: Vec<&str> = match kind {
            "maintenance" | "first_service" => vec!["oil", "filter"],
            "repair" | "onsite" => vec!["any", "any"],
            _ => vec!["any"],
        };
        for (n, want) in wants.into_iter().enumerate() {
            if n > 0 && self.rng.chance(50) {
                continue;
            }
            let sql = match want {
                "oil" => "SELECT part_no FROM part WHERE active = 1 AND on_hand > 0 AND is_engine_oil = 1 ORDER BY id",
                "filter" => {
                    "SELECT part_no FROM part WHERE active = 1 AND on_hand > 0 AND name = '机油滤清器' ORDER BY id"
                }
                _ => {
                    "SELECT part_no FROM part WHERE active = 1 AND on_hand > 0 AND is_engine_oil = 0
                        AND category NOT IN ('油品') ORDER BY id"
                }
            };
            let nos: Vec<String> = conn
                .prepare_cached(sql)?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if nos.is_empty() {
                continue;
            }
            let no = nos[self.rng.range(0, nos.len() as i64 - 1) as usize].clone();
            repair::add_part_in(
                conn,
                id,
                &RepairPartInput {
                    part_no: no,
                    qty: "1".into(),
                    price: String::new(),
                    operator: technician.clone(),
                    covered: first_service,
                },
                issue_at,
            )?;
        }
        let done = received + Duration::minutes(self.rng.range(40, 200));
        let done = if self.rng.chance(12) {
            done + Duration::days(1)
        } else {
            done
        };
        let delivered = done + Duration::minutes(self.rng.range(10, 90));
        self.repairs.push((id, done, delivered));
        Ok(())
    }
}
