//! 示例店铺的服务网络：the demo shop's seven outlets — four 经销商/零售商 that
//! buy parts and sell vehicles, a 特约维修站 that repairs under warranty, one
//! 暂停 and one 撤销 — and their year: about three in ten of the shop's
//! network sales made by an outlet (filed, followed up and inspected like the
//! shop's own), claims the outlets report with the parts the shop supplies,
//! and the manager's visits with their follow-up actions.
//!
//! It draws from its own random stream, so the rest of the demo shop (its
//! stock, customers and repairs) is the same shop it was without a network.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use crate::demo::DemoRng;
use crate::error::AppResult;
use crate::network::outlet::{self, OutletInput};
use crate::network::visit::{self, ActionDoneInput, ActionInput, VisitInput};
use crate::warranty::claim::{self, ClaimInput, ClaimLineInput, StepInput};

/// (name, kind, township, contact, phone, technicians, level, days authorised
/// before the demo year, status, days before today the status began)
type Card = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    i64,
    &'static str,
    i64,
);

const OUTLETS: &[Card] = &[
    (
        "王集镇摩托维修部",
        "dealer",
        "王集镇",
        "王保国",
        "13937051201",
        3,
        "A",
        900,
        "active",
        0,
    ),
    (
        "李庄摩配店",
        "retailer",
        "李庄乡",
        "李长青",
        "13937051202",
        1,
        "C",
        700,
        "active",
        0,
    ),
    (
        "城南车行",
        "dealer",
        "城关镇",
        "陈永福",
        "0370-6012345",
        4,
        "A",
        1200,
        "active",
        0,
    ),
    (
        "胡集镇网点",
        "retailer",
        "胡集镇",
        "胡德华",
        "13937051204",
        2,
        "B",
        500,
        "active",
        0,
    ),
    (
        "双楼乡摩托修理",
        "retailer",
        "双楼乡",
        "孙新民",
        "13937051205",
        1,
        "C",
        400,
        "suspended",
        75,
    ),
    (
        "黄楼乡特约维修站",
        "station",
        "黄楼乡",
        "黄春生",
        "13937051206",
        3,
        "B",
        600,
        "active",
        0,
    ),
    (
        "秋渠乡车行",
        "retailer",
        "秋渠乡",
        "周明亮",
        "13937051207",
        1,
        "",
        1000,
        "revoked",
        420,
    ),
];

/// Outlets that sell vehicles (经销商 and 零售商 in business).
const SELLERS: &[&str] = &["王集镇摩托维修部", "李庄摩配店", "城南车行", "胡集镇网点"];
/// Outlets that report warranty repairs.
const REPAIRERS: &[&str] = &["王集镇摩托维修部", "城南车行", "黄楼乡特约维修站"];

const FINDINGS: &[(&str, &str, &[&str])] = &[
    (
        "inspection",
        "旧件未分类挂牌，三包配件与自费件混放",
        &["旧件挂牌分类存放", "三包件单独上架"],
    ),
    ("inspection", "服务看板未更新，工时价目表缺失", &["张贴最新工时价目表"]),
    (
        "support",
        "新款 AFR125 怠速不稳，技师不会调 ECU",
        &["派技师上门培训 ECU 匹配"],
    ),
    ("training", "三包政策与首保流程培训，3 人参加", &[]),
    ("collection", "上月配件款未结清", &["结清欠款"]),
    (
        "inspection",
        "专用工具不全（缺曲轴箱分离器）",
        &["补齐专用工具", "报工具清单给服务站"],
    ),
];

/// Registers the demo's outlets, `start` being the first day of its year.
pub fn register(conn: &Connection, start: NaiveDate, today: NaiveDate) -> AppResult<()> {
    for &(name, kind, township, contact, phone, technicians, level, since, status, status_days) in OUTLETS {
        let authorised = start - Duration::days(since);
        let status_on = if status == "active" {
            String::new()
        } else {
            (today - Duration::days(status_days)).to_string()
        };
        outlet::save_in(
            conn,
            None,
            &OutletInput {
                name: name.into(),
                kind: kind.into(),
                township: township.into(),
                address: format!("{township}街道"),
                contact: contact.into(),
                phone: phone.into(),
                brands: "豪爵".into(),
                authorised_on: authorised.to_string(),
                status: status.into(),
                status_on,
                technicians: technicians.to_string(),
                equipment_level: level.into(),
                note: if status == "suspended" {
                    "技师离职，暂停三包维修授权（配件照常供应）".into()
                } else {
                    String::new()
                },
            },
            today,
        )?;
    }
    Ok(())
}

/// The network's day-by-day simulation, beside the shop's.
pub(crate) struct NetSim {
    rng: DemoRng,
    /// (claim, day, step) still to happen
    steps: Vec<(i64, NaiveDate, &'static str)>,
    /// (action, day it is done)
    actions: Vec<(i64, NaiveDate)>,
}

impl NetSim {
    pub fn new(seed: u64) -> NetSim {
        NetSim {
            rng: DemoRng::new(seed),
            steps: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Who sold a vehicle sold in the network on `sale`: an outlet about
    /// three times in ten ("" = the shop).
    pub fn seller(&mut self) -> String {
        if self.rng.chance(30) {
            self.rng.pick(SELLERS).to_string()
        } else {
            String::new()
        }
    }

    pub fn day(&mut self, conn: &Connection, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
        // an outlet claim about once a fortnight
        if self.rng.chance(7) {
            self.claim(conn, day, today)?;
        }
        let due: Vec<(i64, NaiveDate, &str)> = self.steps.iter().filter(|(_, d, _)| *d == day).copied().collect();
        self.steps.retain(|(_, d, _)| *d != day);
        for (id, _, step) in due {
            self.step(conn, id, step, day, today)?;
        }
        // each outlet in business visited about every six weeks
        for &(name, _, _, _, _, _, _, _, status, _) in OUTLETS {
            if status == "revoked" || !self.rng.chance(2) {
                continue;
            }
            self.visit(conn, name, day, today)?;
        }
        let done: Vec<i64> = self
            .actions
            .iter()
            .filter(|(_, d)| *d == day)
            .map(|(a, _)| *a)
            .collect();
        self.actions.retain(|(_, d)| *d != day);
        for a in done {
            visit::close_action_in(
                conn,
                a,
                &ActionDoneInput {
                    done_on: day.to_string(),
                    note: "已落实".into(),
                },
                today,
            )?;
        }
        Ok(())
    }

    fn visit(&mut self, conn: &Connection, name: &str, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
        let id: i64 = conn.query_row("SELECT id FROM dealer WHERE name = ?1", [name], |r| r.get(0))?;
        let &(purpose, findings, actions) = self.rng.pick(FINDINGS);
        let inputs: Vec<ActionInput> = actions
            .iter()
            .map(|a| ActionInput {
                action: (*a).into(),
                due_on: (day + Duration::days(self.rng.range(7, 30))).to_string(),
            })
            .collect();
        let visit_id = visit::record_in(
            conn,
            &VisitInput {
                dealer_id: id,
                visited_on: day.to_string(),
                visitor: self.rng.pick(&["王经理", "王经理", "刘师傅"]).to_string(),
                purpose: purpose.into(),
                findings: findings.into(),
                actions: inputs,
            },
            today,
        )?;
        let ids: Vec<(i64, String)> = conn
            .prepare("SELECT id, due_on FROM dealer_visit_action WHERE visit_id = ?1 ORDER BY id")?
            .query_map([visit_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (a, due) in ids {
            // most are done by their due date, some late, a few never
            if self.rng.chance(85) {
                let due: NaiveDate = due.parse().expect("date");
                let on = due + Duration::days(self.rng.range(-6, 8));
                self.actions.push((a, on.max(day + Duration::days(1))));
            }
        }
        Ok(())
    }

    /// A warranty repair an outlet did on a vehicle of the network sold in
    /// the last ten months: reported with the parts the shop supplies for it
    /// (issued as 三包更换 the same day), then submitted, approved and settled.
    fn claim(&mut self, conn: &Connection, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
        let vehicles: Vec<(i64, String, String)> = conn
            .prepare_cached(
                "SELECT v.id, v.sale_date, d.name FROM vehicle v JOIN dealer d ON d.id = v.dealer_id
                 WHERE v.sale_date BETWEEN date(?1, '-300 days') AND date(?1, '-10 days') ORDER BY v.id",
            )?
            .query_map([day.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        if vehicles.is_empty() {
            return Ok(());
        }
        let (vid, sale, seller) = vehicles[self.rng.range(0, vehicles.len() as i64 - 1) as usize].clone();
        // the seller repairs its own customers', or the 特约维修站 does
        let repairer = if REPAIRERS.contains(&seller.as_str()) && self.rng.chance(70) {
            seller
        } else {
            REPAIRERS[2].to_string()
        };
        let parts: Vec<(String, String)> = conn
            .prepare_cached(
                "SELECT part_no, category FROM part WHERE active = 1 AND on_hand >= 2
                   AND category IN ('发动机', '电气', '传动', '车架') ORDER BY id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        if parts.is_empty() {
            return Ok(());
        }
        let (main, category) = parts[self.rng.range(0, parts.len() as i64 - 1) as usize].clone();
        let sale: NaiveDate = sale.parse().expect("date");
        let last = crate::customers::vehicle::last_mileage(conn, vid)?.map_or(0, |(m, _)| m);
        // no more than the slowest rider's (12 km a day): the readings the
        // shop takes later only grow from it
        let mileage = ((day - sale).num_days() * 12 + 30).max(last);
        let fault = match category.as_str() {
            "发动机" => "发动机异响",
            "电气" => "不能启动",
            "传动" => "离合打滑",
            _ => "减震漏油",
        };
        let id = match claim::create_in(
            conn,
            &ClaimInput {
                vehicle_id: Some(vid),
                mileage: mileage.to_string(),
                reported_on: day.to_string(),
                fault: format!("{fault}（网点报修）"),
                fault_category: category,
                main_part_no: main.clone(),
                appraiser: "赵鉴定".into(),
                appraisal_result: "网点照片与旧件鉴定属质量问题".into(),
                labour_hours: "1".into(),
                labour: (self.rng.range(3, 8) * 10).to_string(),
                lines: vec![ClaimLineInput {
                    part_no: main,
                    qty: "1".into(),
                }],
                operator: "张内勤".into(),
                dealer: repairer,
                ..Default::default()
            },
            today,
        ) {
            Ok(id) => id,
            // a duplicate or a vehicle out of its 三包: the outlet is told no
            Err(_) => return Ok(()),
        };
        claim::issue_parts_in(conn, id, &day.to_string(), "李库管", today)?;
        self.steps
            .push((id, day + Duration::days(self.rng.range(2, 5)), "submit"));
        Ok(())
    }

    fn step(&mut self, conn: &Connection, id: i64, step: &str, day: NaiveDate, today: NaiveDate) -> AppResult<()> {
        let c = claim::get(conn, id)?;
        let (action, amounts, next) = match step {
            "submit" if c.coverage_issues.is_empty() => ("submit", None, Some((self.rng.range(6, 15), "approve"))),
            "submit" => return Ok(()),
            "approve" => ("approve", None, Some((self.rng.range(15, 40), "settle"))),
            _ => ("settle", Some((c.parts_value.to_string(), c.labour.to_string())), None),
        };
        let (parts_amount, labour_amount) = amounts.unwrap_or_default();
        claim::step_in(
            conn,
            id,
            &StepInput {
                action: action.into(),
                operator: "王经理".into(),
                parts_amount,
                labour_amount,
                date: day.to_string(),
                ..Default::default()
            },
            today,
        )?;
        if let Some((days, s)) = next {
            self.steps.push((id, day + Duration::days(days), s));
        }
        Ok(())
    }
}
