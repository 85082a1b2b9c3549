//! 培训: the shop's training plan and record. The source text is blunt —
//! "未经培训或未经有效培训的员工对企业来讲是个破坏者" — and names training as
//! one of the ways a person grows and as a service the shop gives its
//! outlets (服务、维护、培训); docs/domain.md §10.
//!
//! A training is planned for a day (计划) and, once held, carries the day it
//! was held (举办); its subject is one of 产品, 技术, 三包政策, 服务礼仪, 安全;
//! it has a trainer, hours and place. Its attendees are the shop's own staff
//! (roster ids) or an outlet's people (the outlet and a name), each with a
//! test score and the certificate it gave (上岗证 …) with its expiry.
//! On the to-do: planned trainings past their day and not held, and
//! certificates whose latest expiry for that person falls within
//! [`CERTIFICATE_WARN_DAYS`] (or has passed).

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

/// (code, label) of a training's subject.
pub const SUBJECTS: [(&str, &str); 5] = [
    ("product", "产品知识"),
    ("technique", "维修技术"),
    ("warranty", "三包政策"),
    ("etiquette", "服务礼仪"),
    ("safety", "安全生产"),
];

contract_codes!(SubjectCode, "TrainingSubject", SUBJECTS);

/// A certificate running out within this many days is on the to-do.
pub const CERTIFICATE_WARN_DAYS: u64 = 30;

pub fn subject_label(code: &str) -> &'static str {
    crate::form::label_of(&SUBJECTS, code)
}

/// Hours in tenths as text: 15 → "1.5", 20 → "2".
pub fn hours_text(tenths: i64) -> String {
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// "1.5" / "2" / "２" → tenths of an hour: at most one decimal, 0.5–24
/// hours (the form and the workbook's 学时 both read it here).
pub fn parse_hours(v: &str) -> Result<i64, String> {
    let t = crate::form::halfwidth(v.trim());
    if t.is_empty() {
        return Err("请填写学时".into());
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, "0"));
    match (whole.parse::<i64>(), frac.len(), frac.parse::<i64>()) {
        (Ok(w), 1, Ok(d)) if w >= 0 && (5..=240).contains(&(w * 10 + d)) => Ok(w * 10 + d),
        (Ok(w), 1, Ok(_)) if w >= 0 => Err("学时应在 0.5 到 24 小时之间".into()),
        _ => Err(format!("学时「{t}」不是数字（可到一位小数，如 1.5）")),
    }
}

/// One attendee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendee {
    pub id: i64,
    /// a person of the shop's roster …
    pub staff_id: Option<i64>,
    /// … or of an outlet
    pub dealer_id: Option<i64>,
    pub dealer_name: String,
    pub name: String,
    /// 成绩 (0–100)
    pub score: Option<i64>,
    /// 证书
    pub certificate: String,
    /// 证书有效期至
    pub certificate_expires_on: Option<String>,
}

/// A training as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Training {
    pub id: i64,
    pub planned_on: String,
    /// None: not held yet
    pub held_on: Option<String>,
    #[ts(as = "SubjectCode")]
    pub subject: String,
    pub subject_label: &'static str,
    pub title: String,
    pub trainer: String,
    /// 学时, e.g. "1.5"
    pub hours: String,
    pub place: String,
    pub note: String,
    pub attendees: Vec<Attendee>,
    /// planned, its day passed, not held
    pub overdue: bool,
    /// 已举办 / 计划中 / 逾期未办
    pub status_label: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AttendeeInput {
    pub staff_id: Option<i64>,
    pub dealer_id: Option<i64>,
    /// an outlet's person (the roster gives the shop's own names)
    pub name: String,
    /// "" = none
    pub score: String,
    pub certificate: String,
    pub certificate_expires_on: String,
}

/// A training planned or held, with who attends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct TrainingInput {
    pub planned_on: String,
    /// "" = planned, not held yet
    pub held_on: String,
    /// a [`SUBJECTS`] code or label
    pub subject: String,
    pub title: String,
    pub trainer: String,
    /// 学时, e.g. "1.5"
    pub hours: String,
    pub place: String,
    pub note: String,
    pub attendees: Vec<AttendeeInput>,
}

const SELECT: &str = "SELECT id, planned_on, held_on, subject, title, trainer, hours_tenths, place, note FROM training";

fn attendees_of(conn: &Connection, id: i64) -> AppResult<Vec<Attendee>> {
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.staff_id, a.dealer_id, coalesce(d.name, ''), coalesce(s.name, a.name), a.score, a.certificate,
                a.certificate_expires_on
         FROM training_attendee a LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN dealer d ON d.id = a.dealer_id
         WHERE a.training_id = ?1 ORDER BY a.dealer_id IS NOT NULL, a.id",
    )?;
    let rows = st
        .query_map([id], |r| {
            Ok(Attendee {
                id: r.get(0)?,
                staff_id: r.get(1)?,
                dealer_id: r.get(2)?,
                dealer_name: r.get(3)?,
                name: r.get(4)?,
                score: r.get(5)?,
                certificate: r.get(6)?,
                certificate_expires_on: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn trainings(conn: &Connection, sql: &str, p: impl rusqlite::Params, today: NaiveDate) -> AppResult<Vec<Training>> {
    let t = today.to_string();
    let mut st = conn.prepare(sql)?;
    let heads: Vec<Training> = st
        .query_map(p, |r| {
            let subject: String = r.get(3)?;
            let planned_on: String = r.get(1)?;
            let held_on: Option<String> = r.get(2)?;
            let overdue = held_on.is_none() && planned_on < t;
            Ok(Training {
                id: r.get(0)?,
                status_label: match (&held_on, overdue) {
                    (Some(_), _) => "已举办",
                    (None, true) => "逾期未办",
                    (None, false) => "计划中",
                },
                planned_on,
                held_on,
                subject_label: subject_label(&subject),
                subject,
                title: r.get(4)?,
                trainer: r.get(5)?,
                hours: hours_text(r.get(6)?),
                place: r.get(7)?,
                note: r.get(8)?,
                attendees: Vec::new(),
                overdue,
            })
        })?
        .collect::<Result<_, _>>()?;
    heads
        .into_iter()
        .map(|mut h| {
            h.attendees = attendees_of(conn, h.id)?;
            Ok(h)
        })
        .collect()
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> AppResult<Training> {
    trainings(conn, &format!("{SELECT} WHERE id = ?1"), [id], today)?
        .pop()
        .ok_or_else(|| AppError::not_found("找不到该培训"))
}

/// A year's trainings (by the day held, or planned when not held), the
/// latest first, and every planned one not held whatever its year.
pub fn list(conn: &Connection, year: i32, today: NaiveDate) -> AppResult<Vec<Training>> {
    trainings(
        conn,
        &format!(
            "{SELECT} WHERE substr(coalesce(held_on, planned_on), 1, 4) = ?1 OR held_on IS NULL
             ORDER BY coalesce(held_on, planned_on) DESC, id DESC"
        ),
        [format!("{year:04}")],
        today,
    )
}

/// A year's totals: what the register's head line says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TrainingYear {
    pub year: i32,
    /// held in the year
    pub held: i64,
    /// their hours together, e.g. "12.5"
    pub hours: String,
    /// attendances (人次), own staff and outlets'
    pub attendances: i64,
    pub outlet_attendances: i64,
    /// planned, their day passed, not held (any year)
    pub overdue: i64,
}

pub fn year_summary(conn: &Connection, year: i32, today: NaiveDate) -> AppResult<TrainingYear> {
    let y = format!("{year:04}");
    let (held, tenths): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(hours_tenths), 0) FROM training WHERE substr(held_on, 1, 4) = ?1",
        [&y],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (attendances, outlet): (i64, i64) = conn.query_row(
        "SELECT count(*), count(a.dealer_id) FROM training_attendee a JOIN training t ON t.id = a.training_id
         WHERE substr(t.held_on, 1, 4) = ?1",
        [&y],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(TrainingYear {
        year,
        held,
        hours: hours_text(tenths),
        attendances,
        outlet_attendances: outlet,
        overdue: overdue_count(conn, today)?,
    })
}

fn overdue_count(conn: &Connection, today: NaiveDate) -> AppResult<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM training WHERE held_on IS NULL AND planned_on < ?1",
        [today.to_string()],
        |r| r.get(0),
    )?)
}

struct Checked {
    planned_on: NaiveDate,
    held_on: Option<NaiveDate>,
    subject: &'static str,
    title: String,
    trainer: String,
    hours: i64,
    place: String,
    note: String,
    attendees: Vec<CheckedAttendee>,
}

/// (staff, outlet, name, score, certificate, expiry) as checked.
type CheckedAttendee = (Option<i64>, Option<i64>, String, Option<i64>, String, Option<String>);

fn check(tx: &Connection, input: &TrainingInput, today: NaiveDate) -> AppResult<Checked> {
    let mut f = Fields::new();
    // a plan may lie ahead; a training held may not
    let planned_on = match crate::dates::parse_date("plannedOn", &input.planned_on) {
        Ok(d) => Some(d),
        Err(_) if input.planned_on.trim().is_empty() => {
            f.bad("plannedOn", "请填写计划日期");
            None
        }
        Err(_) => {
            f.bad("plannedOn", format!("计划日期「{}」不是日期", input.planned_on.trim()));
            None
        }
    };
    let held_on = f.date("heldOn", "举办日期", &input.held_on, today);
    let subject = f.choice(
        "subject",
        &SUBJECTS,
        &input.subject,
        "请选择培训类别（产品知识、维修技术、三包政策、服务礼仪、安全生产）",
    );
    let title = f.text("title", "培训主题", &input.title, 60, true);
    let trainer = f.text("trainer", "讲师", &input.trainer, 20, true);
    let hours = parse_hours(&input.hours).map_err(|m| f.bad("hours", m)).ok();
    let place = f.text("place", "地点", &input.place, 40, false);
    let note = f.text("note", "备注", &input.note, 300, false);
    let rows: Vec<&AttendeeInput> = input
        .attendees
        .iter()
        .filter(|a| a.staff_id.is_some() || a.dealer_id.is_some() || !a.name.trim().is_empty())
        .collect();
    if rows.is_empty() {
        f.bad("attendees", "请添加参训人员");
    }
    let mut attendees = Vec::new();
    let mut seen_staff = std::collections::HashSet::new();
    let mut seen_outlet = std::collections::HashSet::new();
    for (i, a) in rows.iter().enumerate() {
        let field = format!("attendees.{i}");
        let n = i + 1;
        let name = match (a.staff_id, a.dealer_id) {
            (Some(sid), None) => {
                let name: Option<String> = tx
                    .query_row("SELECT name FROM staff WHERE id = ?1", [sid], |r| r.get(0))
                    .optional()?;
                if name.is_none() {
                    f.bad(&field, format!("第 {n} 位参训人员不在人员名册中"));
                } else if !seen_staff.insert(sid) {
                    f.bad(&field, format!("第 {n} 位参训人员重复了"));
                }
                name.unwrap_or_default()
            }
            (None, Some(did)) => {
                let found = tx
                    .query_row("SELECT 1 FROM dealer WHERE id = ?1", [did], |_| Ok(()))
                    .optional()?
                    .is_some();
                if !found {
                    f.bad(&field, format!("第 {n} 位参训人员的网点找不到"));
                }
                let name = f.text(&field, &format!("第 {n} 位参训人员的姓名"), &a.name, 20, true);
                if !name.is_empty() && !seen_outlet.insert((did, name.clone())) {
                    f.bad(&field, format!("第 {n} 位参训人员重复了"));
                }
                name
            }
            _ => {
                f.bad(&field, format!("第 {n} 位参训人员请选本店人员，或选网点并填姓名"));
                String::new()
            }
        };
        let score = f.count(&field, &format!("第 {n} 位的成绩"), &a.score, 100);
        let certificate = f.text(&field, &format!("第 {n} 位的证书"), &a.certificate, 30, false);
        let expires = if a.certificate_expires_on.trim().is_empty() {
            None
        } else {
            match crate::dates::parse_date(&field, &a.certificate_expires_on) {
                Ok(d) => Some(d),
                Err(_) => {
                    f.bad(
                        &field,
                        format!("第 {n} 位的证书有效期「{}」不是日期", a.certificate_expires_on.trim()),
                    );
                    None
                }
            }
        };
        if expires.is_some() && certificate.is_empty() {
            f.bad(&field, format!("第 {n} 位填了有效期，请写证书名称"));
        }
        if held_on.is_none() && (score.is_some() || !certificate.is_empty()) {
            f.bad(
                &field,
                format!("培训还没有举办，第 {n} 位不能有成绩或证书（举办后再填）"),
            );
        }
        f.not_before(&field, &format!("第 {n} 位的证书有效期"), expires, "举办日期", held_on);
        attendees.push((
            a.staff_id,
            a.dealer_id,
            name,
            score,
            certificate,
            expires.map(|d| d.to_string()),
        ));
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    Ok(Checked {
        planned_on: planned_on.expect("checked"),
        held_on,
        subject: subject.expect("checked"),
        title,
        trainer,
        hours: hours.expect("checked"),
        place,
        note,
        attendees,
    })
}

/// Plans or records a training (`id` None), or changes one; its attendees
/// are replaced by those given. All or nothing.
pub fn save(store: &mut Store, id: Option<i64>, input: &TrainingInput, today: NaiveDate) -> AppResult<Training> {
    let id = store.write(|tx| save_in(tx, id, input, today))?;
    get(store.conn(), id, today)
}

/// [`save`] inside the caller's transaction; returns the training's id.
pub fn save_in(tx: &Connection, id: Option<i64>, input: &TrainingInput, today: NaiveDate) -> AppResult<i64> {
    let c = check(tx, input, today)?;
    let id = match id {
        None => {
            tx.execute(
                "INSERT INTO training (planned_on, held_on, subject, title, trainer, hours_tenths, place, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    c.planned_on.to_string(),
                    c.held_on.map(|d| d.to_string()),
                    c.subject,
                    c.title,
                    c.trainer,
                    c.hours,
                    c.place,
                    c.note,
                    crate::dates::stamp()
                ],
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let n = tx.execute(
                "UPDATE training SET planned_on = ?2, held_on = ?3, subject = ?4, title = ?5, trainer = ?6,
                    hours_tenths = ?7, place = ?8, note = ?9 WHERE id = ?1",
                params![
                    id,
                    c.planned_on.to_string(),
                    c.held_on.map(|d| d.to_string()),
                    c.subject,
                    c.title,
                    c.trainer,
                    c.hours,
                    c.place,
                    c.note
                ],
            )?;
            if n == 0 {
                return Err(AppError::not_found("找不到该培训"));
            }
            tx.execute("DELETE FROM training_attendee WHERE training_id = ?1", [id])?;
            id
        }
    };
    for (staff_id, dealer_id, name, score, certificate, expires) in &c.attendees {
        tx.execute(
            "INSERT INTO training_attendee (training_id, staff_id, dealer_id, name, score, certificate,
                certificate_expires_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, staff_id, dealer_id, name, score, certificate, expires],
        )?;
    }
    Ok(id)
}

/// Cancels a planned training that was not held. One held is a record and
/// stays.
pub fn cancel(store: &mut Store, id: i64) -> AppResult<()> {
    let tx = store.conn_mut().transaction()?;
    let held: Option<Option<String>> = tx
        .query_row("SELECT held_on FROM training WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    match held {
        None => return Err(AppError::not_found("找不到该培训")),
        Some(Some(d)) => {
            return Err(AppError::invalid(
                "heldOn",
                format!("这次培训已于 {d} 举办，是培训记录，不能取消"),
            ))
        }
        Some(None) => {}
    }
    tx.execute("DELETE FROM training_attendee WHERE training_id = ?1", [id])?;
    tx.execute("DELETE FROM training WHERE id = ?1", [id])?;
    tx.commit()?;
    Ok(())
}

/// A person's training, as their roster card lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonTraining {
    pub training_id: i64,
    /// held, or planned when not held yet
    pub on: String,
    pub held: bool,
    pub subject_label: &'static str,
    pub title: String,
    pub hours: String,
    pub score: Option<i64>,
    pub certificate: String,
    pub certificate_expires_on: Option<String>,
}

/// A roster person's trainings, the latest first.
pub fn of_staff(conn: &Connection, staff_id: i64) -> AppResult<Vec<PersonTraining>> {
    let mut st = conn.prepare(
        "SELECT t.id, coalesce(t.held_on, t.planned_on), t.held_on IS NOT NULL, t.subject, t.title, t.hours_tenths,
                a.score, a.certificate, a.certificate_expires_on
         FROM training_attendee a JOIN training t ON t.id = a.training_id
         WHERE a.staff_id = ?1 ORDER BY coalesce(t.held_on, t.planned_on) DESC, t.id DESC",
    )?;
    let rows = st
        .query_map([staff_id], |r| {
            let subject: String = r.get(3)?;
            Ok(PersonTraining {
                training_id: r.get(0)?,
                on: r.get(1)?,
                held: r.get(2)?,
                subject_label: subject_label(&subject),
                title: r.get(4)?,
                hours: hours_text(r.get(5)?),
                score: r.get(6)?,
                certificate: r.get(7)?,
                certificate_expires_on: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A certificate to renew: its holder's latest of that certificate runs
/// out within [`CERTIFICATE_WARN_DAYS`] or has run out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateDue {
    pub name: String,
    /// the outlet, for an outlet's person ("" = the shop's own)
    pub dealer_name: String,
    pub certificate: String,
    pub expires_on: String,
    pub expired: bool,
}

/// The certificates to renew, the earliest first: the shop's active staff
/// and the outlets' people still in business.
pub fn certificates_due(conn: &Connection, today: NaiveDate) -> AppResult<Vec<CertificateDue>> {
    let until = (today + Days::new(CERTIFICATE_WARN_DAYS)).to_string();
    let t = today.to_string();
    let mut st = conn.prepare(
        "SELECT coalesce(s.name, a.name), coalesce(d.name, ''), a.certificate, max(a.certificate_expires_on) AS e
         FROM training_attendee a JOIN training t ON t.id = a.training_id
         LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN dealer d ON d.id = a.dealer_id
         WHERE a.certificate_expires_on IS NOT NULL AND t.held_on IS NOT NULL
           AND (s.active = 1 OR d.status = 'active')
         GROUP BY a.staff_id, a.dealer_id, CASE WHEN a.staff_id IS NULL THEN a.name END, a.certificate
         HAVING e <= ?1 ORDER BY e, 1",
    )?;
    let rows = st
        .query_map([&until], |r| {
            let expires_on: String = r.get(3)?;
            Ok(CertificateDue {
                name: r.get(0)?,
                dealer_name: r.get(1)?,
                certificate: r.get(2)?,
                expired: expires_on < t,
                expires_on,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The to-do's count: planned trainings not held by their day, and
/// certificates to renew.
pub fn todo_count(conn: &Connection, today: NaiveDate) -> AppResult<(i64, i64)> {
    Ok((overdue_count(conn, today)?, certificates_due(conn, today)?.len() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::roster::{self, StaffInput};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(s: &mut Store, name: &str, active: bool) -> i64 {
        roster::save(
            s,
            None,
            &StaffInput {
                name: name.into(),
                active,
                posts: vec!["J".into()],
                ..Default::default()
            },
            day("2026-01-01"),
        )
        .unwrap()
        .id
    }

    fn outlet(s: &mut Store, name: &str) -> i64 {
        crate::network::outlet::save(
            s,
            None,
            &crate::network::outlet::OutletInput {
                name: name.into(),
                ..Default::default()
            },
            day("2026-01-01"),
        )
        .unwrap()
        .id
    }

    #[test]
    fn planned_then_held_with_scores_and_certificates() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let li = person(&mut s, "李师傅", true);
        let zhang = person(&mut s, "张师傅", true);
        let wj = outlet(&mut s, "王集镇摩托维修部");
        let mut input = TrainingInput {
            planned_on: "2026-11-10".into(),
            subject: "维修技术".into(),
            title: "电喷系统故障诊断".into(),
            trainer: "厂家技术代表".into(),
            hours: "3.5".into(),
            attendees: vec![
                AttendeeInput {
                    staff_id: Some(li),
                    ..Default::default()
                },
                AttendeeInput {
                    staff_id: Some(zhang),
                    ..Default::default()
                },
                AttendeeInput {
                    dealer_id: Some(wj),
                    name: "王保国".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let t = save(&mut s, None, &input, today).unwrap();
        assert_eq!(
            (t.status_label, t.hours.as_str(), t.attendees.len()),
            ("逾期未办", "3.5", 3)
        );
        assert_eq!(todo_count(s.conn(), today).unwrap(), (1, 0));
        assert_eq!(t.attendees[2].dealer_name, "王集镇摩托维修部");

        // not held yet: no scores
        input.attendees[0].score = "90".into();
        let e = save(&mut s, Some(t.id), &input, today).unwrap_err();
        assert!(e.message.contains("还没有举办"), "{e:?}");

        // held on the 12th: scores, and 上岗证 for a year (李's runs out soon
        // from an earlier training, renewed here)
        input.held_on = "2026-11-12".into();
        input.attendees[0].certificate = "电喷上岗证".into();
        input.attendees[0].certificate_expires_on = "2027-11-11".into();
        input.attendees[1].score = "58".into();
        let t = save(&mut s, Some(t.id), &input, today).unwrap();
        assert_eq!(t.status_label, "已举办");
        assert_eq!(
            t.attendees.iter().map(|a| a.score).collect::<Vec<_>>(),
            [Some(90), Some(58), None]
        );
        let old = TrainingInput {
            planned_on: "2025-12-01".into(),
            held_on: "2025-12-01".into(),
            subject: "technique".into(),
            title: "电喷系统".into(),
            trainer: "王经理".into(),
            hours: "2".into(),
            attendees: vec![
                AttendeeInput {
                    staff_id: Some(li),
                    score: "80".into(),
                    certificate: "电喷上岗证".into(),
                    certificate_expires_on: "2026-12-01".into(),
                    ..Default::default()
                },
                AttendeeInput {
                    staff_id: Some(zhang),
                    score: "75".into(),
                    certificate: "电喷上岗证".into(),
                    certificate_expires_on: "2026-12-10".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        save(&mut s, None, &old, today).unwrap();
        // 李 renewed; 张's runs out on 12-10, within 30 days
        let due = certificates_due(s.conn(), today).unwrap();
        assert_eq!(
            due.iter()
                .map(|d| (d.name.as_str(), d.expires_on.as_str(), d.expired))
                .collect::<Vec<_>>(),
            [("张师傅", "2026-12-10", false)]
        );
        assert_eq!(todo_count(s.conn(), today).unwrap(), (0, 1));
        // a person who left is not reminded
        s.conn()
            .execute("UPDATE staff SET active = 0 WHERE id = ?1", [zhang])
            .unwrap();
        assert!(certificates_due(s.conn(), today).unwrap().is_empty());

        // the card lists both, the latest first
        let card = of_staff(s.conn(), li).unwrap();
        assert_eq!(
            card.iter().map(|c| (c.on.as_str(), c.score)).collect::<Vec<_>>(),
            [("2026-11-12", Some(90)), ("2025-12-01", Some(80))]
        );
        let y = year_summary(s.conn(), 2026, today).unwrap();
        assert_eq!(
            (y.held, y.hours.as_str(), y.attendances, y.outlet_attendances, y.overdue),
            (1, "3.5", 3, 1, 0)
        );
        // a training held is a record: it cannot be cancelled
        assert!(cancel(&mut s, t.id).is_err());
    }

    #[test]
    fn bad_input_is_refused_whole() {
        let today = day("2026-11-20");
        let mut s = Store::open_in_memory().unwrap();
        let li = person(&mut s, "李师傅", true);
        let e = save(
            &mut s,
            None,
            &TrainingInput {
                planned_on: "2026-11-01".into(),
                held_on: "2026-11-21".into(),
                subject: "喝茶".into(),
                title: String::new(),
                trainer: "王经理".into(),
                hours: "1.25".into(),
                attendees: vec![
                    AttendeeInput {
                        staff_id: Some(li),
                        score: "120".into(),
                        ..Default::default()
                    },
                    AttendeeInput {
                        staff_id: Some(li),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        let fields: Vec<_> = e.problems.iter().map(|p| p.field.clone().unwrap()).collect();
        assert_eq!(
            fields,
            ["heldOn", "subject", "title", "hours", "attendees.0", "attendees.1"]
        );
        let e = save(
            &mut s,
            None,
            &TrainingInput {
                planned_on: "2026-12-01".into(),
                subject: "safety".into(),
                title: "消防演练".into(),
                trainer: "王经理".into(),
                hours: "1".into(),
                ..Default::default()
            },
            today,
        )
        .unwrap_err();
        assert_eq!(e.problems[0].field.as_deref(), Some("attendees"));
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM training", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
