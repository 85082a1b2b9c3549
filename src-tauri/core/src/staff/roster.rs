//! 人员名册 and 岗位配置: the staff with the posts each holds (a person may
//! hold several; a post such as technician may need several people), and
//! the plan — the shop's band from its annual sales, the recommended posts
//! and headcount, which of the ten duties the roster covers, which are
//! uncovered or thinly held, how the roster differs from the recommendation,
//! and what changes at the next band.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::posts::{self, Band};
use crate::dates::Month;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Staff {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub hired_on: Option<String>,
    pub active: bool,
    pub note: String,
    /// post codes, A–J and K–T
    pub posts: Vec<String>,
    /// the duties (A–J) those posts hold
    pub duties: Vec<String>,
    /// this month: vehicles repaired (indicator 17 by person) and claims appraised
    pub vehicles_repaired: i64,
    pub claims_appraised: i64,
    /// the sign-in role (manager / clerk / parts), None = no account
    pub role: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct StaffInput {
    pub name: String,
    pub phone: String,
    pub hired_on: String,
    pub active: bool,
    pub note: String,
    pub posts: Vec<String>,
    /// the sign-in account: None = leave as is, "" = none, or a role code
    pub account_role: Option<String>,
    /// a new password (empty = keep the old one)
    pub password: String,
}

fn duties_of(posts: &[String]) -> Vec<String> {
    let mut d: Vec<String> = posts
        .iter()
        .filter_map(|p| posts::find(p))
        .flat_map(|p| p.holds.iter().map(|x| x.to_string()))
        .collect();
    d.sort();
    d.dedup();
    d
}

/// The roster, active staff first, with this month's workload.
pub fn list(conn: &Connection, today: NaiveDate) -> AppResult<Vec<Staff>> {
    let m = Month::of(today);
    let (a, b) = (m.first_day().to_string(), format!("{} 99", m.last_day()));
    let mut st = conn.prepare(
        "SELECT s.id, s.name, s.phone, s.hired_on, s.active, s.note,
                (SELECT group_concat(post_code, ',') FROM (SELECT post_code FROM staff_post WHERE staff_id = s.id ORDER BY post_code)),
                (SELECT count(DISTINCT vehicle_id) FROM repair_order WHERE technician = s.name AND done_at BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM warranty_claim WHERE appraiser = s.name AND reported_on BETWEEN ?1 AND ?3),
                s.role
         FROM staff s ORDER BY s.active DESC, s.id",
    )?;
    let rows = st
        .query_map(params![a, b, m.last_day().to_string()], |r| {
            let posts: Vec<String> = r
                .get::<_, Option<String>>(6)?
                .unwrap_or_default()
                .split(',')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            Ok(Staff {
                id: r.get(0)?,
                name: r.get(1)?,
                phone: r.get(2)?,
                hired_on: r.get(3)?,
                active: r.get(4)?,
                note: r.get(5)?,
                duties: duties_of(&posts),
                posts,
                vehicles_repaired: r.get(7)?,
                claims_appraised: r.get(8)?,
                role: r.get(9)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds (id None) or changes a person, with their posts, in one transaction.
pub fn save(store: &mut Store, id: Option<i64>, input: &StaffInput, today: NaiveDate) -> AppResult<Staff> {
    let id = store.write(|tx| save_in(tx, id, input, today))?;
    list(store.conn(), today)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::not_found("找不到该人员"))
}

/// [`save`] inside the caller's transaction (the workbook import's); returns the id.
pub fn save_in(tx: &Connection, id: Option<i64>, input: &StaffInput, today: NaiveDate) -> AppResult<i64> {
    let mut f = Fields::new();
    let name = f.text("name", "姓名", &input.name, 20, true);
    let phone = f.mobile("phone", &input.phone, false);
    let hired = f.date("hiredOn", "入职日期", &input.hired_on, today);
    let note = f.text("note", "备注", &input.note, 200, false);
    let mut codes: Vec<String> = Vec::new();
    for p in &input.posts {
        match posts::find(p) {
            Some(post) => {
                if !codes.iter().any(|c| c == post.code) {
                    codes.push(post.code.to_string());
                }
            }
            None => f.bad(
                "posts",
                format!("岗位代码「{}」不存在（应为 A–J 或 K、L、M、N、P、R、S、T）", p.trim()),
            ),
        }
    }
    if !f.has("name") {
        let dup: Option<i64> = tx
            .query_row(
                "SELECT id FROM staff WHERE name = ?1 AND phone = ?2 AND id IS NOT ?3",
                params![name, phone, id],
                |r| r.get(0),
            )
            .optional()?;
        if dup.is_some() {
            f.bad(
                "name",
                if phone.is_empty() {
                    format!("名册里已有「{name}」；同名的人请填写手机号区分")
                } else {
                    format!("名册里已有「{name} {phone}」")
                },
            );
        }
    }
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    let hired = hired.map(|d| d.to_string());
    let id = match id {
        Some(id) => {
            let n = tx.execute(
                "UPDATE staff SET name = ?2, phone = ?3, hired_on = ?4, active = ?5, note = ?6 WHERE id = ?1",
                params![id, name, phone, hired, input.active, note],
            )?;
            if n == 0 {
                return Err(AppError::not_found("找不到该人员"));
            }
            tx.execute("DELETE FROM staff_post WHERE staff_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO staff (name, phone, hired_on, active, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![name, phone, hired, input.active, note, crate::dates::stamp()],
            )?;
            tx.last_insert_rowid()
        }
    };
    for c in &codes {
        tx.execute(
            "INSERT INTO staff_post (staff_id, post_code) VALUES (?1, ?2)",
            params![id, c],
        )?;
    }
    if let Some(role) = &input.account_role {
        crate::auth::set_account_in(tx, id, role, &input.password)?;
    }
    Ok(id)
}

/// One duty and who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DutyCoverage {
    pub code: &'static str,
    pub name: &'static str,
    pub holders: Vec<String>,
    /// covered / thin (one person who also carries three or more other duties) / uncovered
    pub state: &'static str,
    /// whether the band's recommended posts include this duty
    pub recommended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BandView {
    pub band: Band,
    /// the posts to fill, e.g. ["K/L", "M", "N"]
    pub slots: Vec<String>,
    /// duties the recommended posts leave to someone (e.g. E, F in the smallest bands)
    pub gaps: Vec<&'static str>,
    /// why, in the manager's words (the text's list leaves them out)
    pub gap_note: Option<String>,
}

/// The roster's headcount against the band's recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HeadcountCheck {
    /// `within`, `short` or `over`
    pub state: &'static str,
    /// 在册在岗 3 人，在推荐的 3–4 人之内 / 比推荐少 1 人 / 比推荐多 2 人
    pub text: String,
}

/// The vehicles sold in the last 12 whole months, offered as the annual
/// sales that choose the band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentSales {
    /// 2025年12月至2026年11月
    pub period: String,
    /// confirmed figures where entered, else the vehicles recorded as sold
    pub units: i64,
    /// months of the twelve with neither (counted as 0)
    pub months_without: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffingPlan {
    pub annual_sales: i64,
    pub small_agent: bool,
    pub rule: &'static str,
    pub current: BandView,
    pub next: Option<BandView>,
    pub headcount: i64,
    pub headcount_check: HeadcountCheck,
    /// the last 12 months' sales (None when no month has any)
    pub recent_sales: Option<RecentSales>,
    pub duties: Vec<DutyCoverage>,
    /// recommended slots no active person fills
    pub unfilled: Vec<String>,
    /// posts held that the band does not list
    pub extra: Vec<String>,
    /// what the next band adds: slots not yet filled by the roster
    pub next_unfilled: Vec<String>,
}

fn band_view(b: &'static Band) -> BandView {
    let covered = posts::covered_by(b);
    BandView {
        band: *b,
        slots: b.posts.iter().map(|s| s.join("/")).collect(),
        gaps: posts::DUTIES
            .iter()
            .map(|d| d.code)
            .filter(|d| !covered.contains(d))
            .collect(),
        gap_note: posts::gap_note(b),
    }
}

fn headcount_check(b: &Band, n: i64) -> HeadcountCheck {
    let range = if b.headcount_min == b.headcount_max {
        format!("{} 人", b.headcount_min)
    } else {
        format!("{}–{} 人", b.headcount_min, b.headcount_max)
    };
    if n < b.headcount_min {
        HeadcountCheck {
            state: "short",
            text: format!("在册在岗 {n} 人，比推荐的 {range}少 {} 人", b.headcount_min - n),
        }
    } else if n > b.headcount_max {
        HeadcountCheck {
            state: "over",
            text: format!("在册在岗 {n} 人，比推荐的 {range}多 {} 人", n - b.headcount_max),
        }
    } else {
        HeadcountCheck {
            state: "within",
            text: format!("在册在岗 {n} 人，在推荐的 {range}之内"),
        }
    }
}

/// The vehicles sold in the 12 whole months before `today`'s month.
pub fn recent_sales(conn: &Connection, today: NaiveDate) -> AppResult<Option<RecentSales>> {
    let last = crate::dates::Month::of(today).prev();
    let months = crate::dashboard::trend_months(last);
    let (mut units, mut without) = (0i64, 0i64);
    for m in &months {
        match crate::customers::sales::get(conn, *m)?.units_used {
            Some(n) => units += n,
            None => without += 1,
        }
    }
    Ok((without < 12).then(|| RecentSales {
        period: format!(
            "{}至{}",
            crate::dates::month_label(months[0]),
            crate::dates::month_label(last)
        ),
        units,
        months_without: without,
    }))
}

pub fn small_agent(store_conn: &Connection) -> AppResult<bool> {
    let v: Option<String> = store_conn
        .query_row("SELECT value FROM meta WHERE key = 'small_agent'", [], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref() == Some("1"))
}

pub fn set_small_agent(store: &mut Store, on: bool) -> AppResult<()> {
    // the shop's band is the manager's to change, whoever may read the plan
    crate::auth::require(store, crate::auth::Permission::Manage)?;
    store.set_meta("small_agent", if on { "1" } else { "0" })
}

/// The staffing plan for a shop of `annual_sales` (the settings' figure, or
/// one the manager tries out) against the active roster.
pub fn plan(conn: &Connection, annual_sales: i64, small: bool, today: NaiveDate) -> AppResult<StaffingPlan> {
    let staff: Vec<Staff> = list(conn, today)?.into_iter().filter(|s| s.active).collect();
    let band = posts::band_for(annual_sales, small);
    let current = band_view(band);
    let recommended = posts::covered_by(band);
    let duties = posts::DUTIES
        .iter()
        .map(|d| {
            let holders: Vec<&Staff> = staff.iter().filter(|s| s.duties.iter().any(|x| x == d.code)).collect();
            let state = match holders.as_slice() {
                [] => "uncovered",
                [one] if one.duties.len() >= 4 => "thin",
                _ => "covered",
            };
            DutyCoverage {
                code: d.code,
                name: d.name,
                holders: holders.iter().map(|s| s.name.clone()).collect(),
                state,
                recommended: recommended.contains(&d.code),
            }
        })
        .collect();
    let held: Vec<&str> = staff.iter().flat_map(|s| s.posts.iter().map(String::as_str)).collect();
    let unfilled_of = |b: &Band| -> Vec<String> {
        b.posts
            .iter()
            .filter(|slot| !slot.iter().any(|p| held.contains(p)))
            .map(|slot| slot.join("/"))
            .collect()
    };
    let listed: Vec<&str> = band.posts.iter().flat_map(|s| s.iter().copied()).collect();
    let mut extra: Vec<String> = held
        .iter()
        .filter(|p| !listed.contains(p))
        .map(|p| p.to_string())
        .collect();
    extra.sort();
    extra.dedup();
    let next = posts::next_band(band);
    Ok(StaffingPlan {
        annual_sales,
        small_agent: small,
        rule: posts::BOUNDARY_RULE,
        unfilled: unfilled_of(band),
        next_unfilled: next.map(unfilled_of).unwrap_or_default(),
        current,
        next: next.map(band_view),
        headcount: staff.len() as i64,
        headcount_check: headcount_check(band, staff.len() as i64),
        recent_sales: recent_sales(conn, today)?,
        duties,
        extra,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::testkit::day;

    fn person(name: &str, phone: &str, posts: &[&str]) -> StaffInput {
        StaffInput {
            name: name.into(),
            phone: phone.into(),
            active: true,
            posts: posts.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn coverage_gaps_and_the_next_band() {
        let mut s = Store::open_in_memory().unwrap();
        let t = day("2026-11-26");
        save(&mut s, None, &person("王经理", "13800000001", &["K"]), t).unwrap();
        save(&mut s, None, &person("张内勤", "13800000002", &["M"]), t).unwrap();
        save(&mut s, None, &person("刘师傅", "13800000003", &["P"]), t).unwrap();
        // 280 a year: band 150–350 wants K, M, P, N; N (storekeeper + shipper) is not filled
        let p = plan(s.conn(), 280, false, t).unwrap();
        assert_eq!(p.current.band.label, "150–350台");
        assert_eq!(p.unfilled, ["N"]);
        let state = |p: &StaffingPlan, c: &str| p.duties.iter().find(|d| d.code == c).unwrap().state;
        assert_eq!((state(&p, "E"), state(&p, "F")), ("uncovered", "uncovered"));
        assert_eq!(state(&p, "A"), "covered");
        // three on the roster: within the band's 3–4
        assert_eq!(p.headcount_check.state, "within");
        assert_eq!(p.headcount_check.text, "在册在岗 3 人，在推荐的 3–4 人之内");
        // 350 still is 150–350 (each band includes its upper bound)
        assert_eq!(plan(s.conn(), 350, false, t).unwrap().current.band.label, "150–350台");
        // across the boundary: 351 is the next band, which wants K/L, M, N, R, S
        let p2 = plan(s.conn(), 351, false, t).unwrap();
        assert_eq!(p2.headcount_check.text, "在册在岗 3 人，比推荐的 4–5 人少 1 人");
        assert_eq!(p2.current.band.label, "350–600台");
        assert_eq!(p2.unfilled, ["N", "R", "S"]);
        assert_eq!(p2.extra, ["P"]);
        assert_eq!(p.next.as_ref().unwrap().band.label, "350–600台");
        assert_eq!(p.next_unfilled, p2.unfilled);
        // a person holding many duties alone is thin cover
        save(&mut s, None, &person("李库管", "", &["N", "D"]), t).unwrap();
        let p3 = plan(s.conn(), 280, false, t).unwrap();
        assert!(p3.unfilled.is_empty());
        assert_eq!(state(&p3, "E"), "covered");
        // 900台以上: the text lists no H and no I, and the plan says so
        let top = plan(s.conn(), 1200, false, t).unwrap();
        assert_eq!(top.current.gaps, ["H", "I"]);
        assert!(top.current.gap_note.as_deref().unwrap().contains("客户信息员（I）"));
        assert_eq!(top.headcount_check.state, "short");
        assert_eq!(
            plan(s.conn(), 120, false, t).unwrap().headcount_check.text,
            "在册在岗 4 人，比推荐的 3 人多 1 人"
        );
    }

    #[test]
    fn the_last_twelve_months_sales_are_offered_for_the_band() {
        let mut s = Store::open_in_memory().unwrap();
        let t = day("2026-12-01");
        assert_eq!(recent_sales(s.conn(), t).unwrap(), None, "no sales, nothing offered");
        for (m, units) in [
            ("2025-11", "99"),
            ("2025-12", "20"),
            ("2026-06", "30"),
            ("2026-11", "25"),
            ("2026-12", "7"),
        ] {
            crate::customers::sales::set(
                &mut s,
                &crate::customers::sales::SalesInput {
                    month: m.into(),
                    units: units.into(),
                    amount: "100000".into(),
                },
                t,
            )
            .unwrap();
        }
        // December 2025 to November 2026: 20 + 30 + 25; November 2025 is
        // before, December 2026 not over yet
        let r = recent_sales(s.conn(), t).unwrap().unwrap();
        assert_eq!(r.period, "2025年12月至2026年11月");
        assert_eq!((r.units, r.months_without), (75, 9));
    }

    #[test]
    fn bad_staff_are_refused() {
        let mut s = Store::open_in_memory().unwrap();
        let t = day("2026-11-26");
        save(&mut s, None, &person("王经理", "13800000001", &["K"]), t).unwrap();
        let cases = [
            (person("", "", &["M"]), "请填写姓名"),
            (person("赵六", "", &["Q"]), "岗位代码「Q」不存在"),
            (
                person("王经理", "13800000001", &["M"]),
                "名册里已有「王经理 13800000001」",
            ),
            (person("钱七", "138", &[]), "手机号应为 11 位"),
        ];
        for (input, msg) in cases {
            let e = save(&mut s, None, &input, t).unwrap_err();
            assert!(e.problems.iter().any(|p| p.message.contains(msg)), "{msg}: {e:?}");
        }
        assert_eq!(list(s.conn(), t).unwrap().len(), 1);
    }
}
