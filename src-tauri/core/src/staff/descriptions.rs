//! 岗位说明书：one per post, with the text's fields (岗位名称, 员工姓名, 上级岗位,
//! 下级岗位, 岗位职责, 指标及目标, 考核标准, 岗位权限, 任职条件). The text gives
//! only the blank form, so the defaults written here for each duty A–J are
//! the shop's starting examples (示例), built from the text's duties and
//! indicators: every 指标及目标 is measurable, and each of the 22 indicators
//! is some post's to count. A combined post K–T joins the duties it holds,
//! without naming itself as its own superior or subordinate, and lists the
//! people holding any of its duties. The manager edits them; an edited
//! description is kept.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::posts;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::form::Fields;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PositionDescription")]
pub struct Description {
    pub post_code: String,
    /// 岗位名称 on the screens, its letter first: 「K 服务经理（兼配件主管）」
    pub title: String,
    /// 岗位名称 on the printed description: 「服务经理（兼配件主管）」 (no
    /// code letter, no gloss)
    #[serde(default)]
    pub formal_title: String,
    /// 员工姓名 (from the roster)
    pub staff_names: Vec<String>,
    pub superior: String,
    pub subordinates: String,
    /// one item per line
    pub duties: String,
    pub targets: String,
    /// 考核标准: the items of the duties the post holds, with weight and
    /// target (edited as the appraisal's items, [`super::appraisal`])
    pub appraisal: String,
    pub authority: String,
    pub requirements: String,
    /// false: the defaults
    pub edited: bool,
}

struct Default_ {
    superior: &'static str,
    subordinates: &'static str,
    duties: &'static [&'static str],
    targets: &'static [&'static str],
    authority: &'static [&'static str],
    requirements: &'static [&'static str],
}

fn default_for(duty: &str) -> Default_ {
    match duty {
        "A" => Default_ {
            superior: "分公司经理、4S店总经理",
            subordinates: "服务内勤、服务会计、配件主管、三包维修主管、客户信息员",
            duties: &[
                "建立并完善本店售后服务体系（服务规范、作业流程、岗位规范、指标体系）",
                "组织、协调售后各岗位工作，落实工厂服务政策与指令",
                "制定并考核各岗位的服务指标，按月汇总并向工厂上报",
                "处理重大用户投诉，维护服务形象",
                "组织员工培训，推行现场5S管理",
            ],
            targets: &[
                "22 项服务指标每月月结，工厂关注七项（1、6、9、11、12、14、20）次月 10 日前上报",
                "配件一次供应率 > 90%，三包费用率 ≤ 8%",
                "用户建档率 100%，用户回访率 100%（已建档、能回访的用户），点检率 > 75%",
                "有效投诉当日处理，用户满意度（回访评分）平均 ≥ 4.5 分",
            ],
            authority: &[
                "售后人员的工作安排与考核",
                "服务费用的审批（在授权范围内）",
                "三包索赔与结算的审核",
            ],
            requirements: &[
                "大专以上学历或同等经验，三年以上摩托车售后服务经验",
                "熟悉工厂服务政策、三包规定",
                "有较强的组织协调、沟通和管理能力",
            ],
        },
        "B" => Default_ {
            superior: "客服经理",
            subordinates: "无",
            duties: &[
                "接待来店用户，登记车辆与故障，开具维修单",
                "告诉用户需要等待的时间，按时交车",
                "用户交车结算，介绍维修内容",
                "整理用户档案，协助回访",
            ],
            targets: &[
                "按承诺时间交车率 ≥ 95%（维修单）",
                "用户对接待的满意度（回访评分）平均 ≥ 4.5 分",
                "因接待态度的投诉 0 次/月",
            ],
            authority: &["维修单的开具与交车结算"],
            requirements: &["高中以上学历", "熟悉摩托车基本构造和常见故障", "服务意识强，善于沟通"],
        },
        "C" => Default_ {
            superior: "客服经理",
            subordinates: "无",
            duties: &[
                "售后收支记账，维修收入、配件销售收入核对",
                "建档费登记与返厂核对",
                "三包索赔款的结算跟踪",
                "协助编制月度服务指标",
            ],
            targets: &[
                "负责统计：15 建档费登记金额、16 建档费返厂金额、19 维修业务收入、4 配件销售金额",
                "账目差错 0 次/月，月结前账实核对完毕",
                "已登记的建档费次月底前全部返厂，索赔款结算后 30 天内到账",
            ],
            authority: &["收支单据的审核"],
            requirements: &["会计相关专业，有会计从业经验", "细致、守规"],
        },
        "D" => Default_ {
            superior: "客服经理",
            subordinates: "配件库管员、配件发运员",
            duties: &[
                "编制配件采购计划，保持合理库存",
                "处理经销商配件订单，保证一次供应",
                "分析滞销配件并提出处理办法",
                "组织月度盘点",
            ],
            targets: &[
                "负责统计：1 配件库存金额、2 配件入库金额、3 配件出库金额、4 配件销售金额、5 配件周转率、21 机油出库数量、22 机油销售金额",
                "6 配件一次供应率 > 90%",
                "7 配件滞销率 ≤ 5%",
                "配件库存金额与参考库存的偏差在 ±20% 以内",
            ],
            authority: &["配件采购计划的编制与调整（在授权范围内）"],
            requirements: &["熟悉本品牌配件和车型", "会用电脑和表格", "有计划和统计能力"],
        },
        "E" => Default_ {
            superior: "配件主管",
            subordinates: "无",
            duties: &[
                "配件入库验收、上架、出库发料",
                "按库位管理配件，做到账物相符",
                "参与盘点",
                "保持库房5S",
            ],
            targets: &["盘点账物相符率 100%", "出入库当日登记率 100%", "发错料 0 次/月"],
            authority: &["按单据发料，无单不发"],
            requirements: &["初中以上学历", "认真细致，熟悉配件"],
        },
        "F" => Default_ {
            superior: "配件主管",
            subordinates: "无",
            duties: &["经销商订单的备货、包装与发运", "旧件返厂的包装与发运", "发运单据的整理"],
            targets: &["经销商订单收单后 2 天内发运率 ≥ 95%", "发运差错 0 次/月", "旧件按厂家规定期限发运率 100%"],
            authority: &["发运方式的选择"],
            requirements: &["初中以上学历", "身体健康，责任心强"],
        },
        "G" => Default_ {
            superior: "客服经理",
            subordinates: "三包鉴定员、维修技师",
            duties: &[
                "组织三包维修与索赔，审核索赔单",
                "旧件的保管与按期返厂",
                "控制三包费用",
                "组织技术培训",
            ],
            targets: &[
                "负责统计：8 三包配件金额、10 三包旧件返厂金额",
                "9 三包费用率 ≤ 8%",
                "旧件在厂家规定期限内返厂率 100%",
                "索赔单一次通过率 ≥ 95%（不被退回、不被拒赔）",
            ],
            authority: &["三包维修的安排", "索赔单的初审"],
            requirements: &["三年以上维修经验，熟悉三包规定", "有一定管理能力"],
        },
        "H" => Default_ {
            superior: "三包维修主管",
            subordinates: "无",
            duties: &[
                "三包故障的鉴定，区分质量问题与使用不当",
                "填写鉴定单，拍照留证",
                "旧件的标识",
            ],
            targets: &["工厂复核改判 0 次/月", "鉴定单填写完整率 100%（车架号、里程、故障、照片）"],
            authority: &["三包鉴定结论"],
            requirements: &["熟练的维修技术，熟悉三包规定", "公正"],
        },
        "I" => Default_ {
            superior: "客服经理",
            subordinates: "无",
            duties: &[
                "用户档案的建立与维护",
                "按规定回访购车和维修用户，记录满意度和投诉",
                "点检提醒",
                "客户信息的统计",
            ],
            targets: &[
                "负责统计：11 用户建档数量、13 用户回访数量",
                "12 用户建档率 100%",
                "14 用户回访率 100%（已建档、能回访的用户）",
                "20 点检率 > 75%",
            ],
            authority: &["用户信息的查询与维护"],
            requirements: &["高中以上学历", "普通话标准，善于沟通"],
        },
        _ => Default_ {
            superior: "三包维修主管",
            subordinates: "无",
            duties: &[
                "车辆维修、保养和三包维修",
                "上门服务与派修",
                "车辆点检",
                "维修工具设备的保养，保持车间5S",
            ],
            targets: &[
                "负责统计：17 维修整车数量（本人工作量）、18 上门派修次数",
                "按承诺时间完工率 ≥ 95%",
                "30 天内返修率 ≤ 2%",
            ],
            authority: &["维修方案的确定（在授权范围内）"],
            requirements: &["持维修上岗证，熟悉本品牌车型", "吃苦耐劳"],
        },
    }
}

/// A duty's title as the other descriptions name it (上级/下级岗位).
fn short_title(duty: &str) -> &'static str {
    match duty {
        "A" => "客服经理",
        "B" => "服务内勤",
        "C" => "服务会计",
        "D" => "配件主管",
        "E" => "配件库管员",
        "F" => "配件发运员",
        "G" => "三包维修主管",
        "H" => "三包鉴定员",
        "I" => "客户信息员",
        _ => "维修技师",
    }
}

fn numbered(items: &[&str]) -> String {
    items.join("\n")
}

fn defaults(code: &str) -> (String, String, String, String, String, String) {
    let post = posts::find(code).expect("known post");
    let parts: Vec<Default_> = post.holds.iter().map(|d| default_for(d)).collect();
    let first = &parts[0];
    let join = |get: fn(&Default_) -> &'static [&'static str]| -> String {
        let mut v: Vec<&str> = Vec::new();
        for p in &parts {
            for x in get(p) {
                if !v.contains(x) {
                    v.push(x);
                }
            }
        }
        numbered(&v)
    };
    // a combined post is not its own superior or subordinate: K (A + D)
    // reports to A's superior, and 配件主管 is not under it
    let held: Vec<&str> = post.holds.iter().map(|d| short_title(d)).collect();
    let superior = parts
        .iter()
        .map(|p| p.superior)
        .find(|s| !held.contains(s))
        .unwrap_or(first.superior);
    let mut subordinates: Vec<&str> = Vec::new();
    for p in &parts {
        for s in p.subordinates.split('、') {
            if s != "无" && !held.contains(&s) && !subordinates.contains(&s) {
                subordinates.push(s);
            }
        }
    }
    (
        superior.to_string(),
        if subordinates.is_empty() {
            "无".to_string()
        } else {
            subordinates.join("、")
        },
        join(|p| p.duties),
        join(|p| p.targets),
        join(|p| p.authority),
        join(|p| p.requirements),
    )
}

pub fn get(conn: &Connection, code: &str) -> AppResult<Description> {
    let post = posts::find(code).ok_or_else(|| AppError::invalid("postCode", format!("岗位代码「{code}」不存在")))?;
    // everyone holding any of the post's duties, by whatever post: the
    // holder of K (A + D) is named on A's and D's descriptions too
    let mut names: Vec<String> = Vec::new();
    let mut st = conn.prepare(
        "SELECT s.name, p.post_code FROM staff s JOIN staff_post p ON p.staff_id = s.id
         WHERE s.active = 1 ORDER BY s.id",
    )?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (name, code) = row?;
        let shares = posts::find(&code).is_some_and(|p| p.holds.iter().any(|d| post.holds.contains(d)));
        if shares && !names.contains(&name) {
            names.push(name);
        }
    }
    let saved: Option<(String, String, String, String, String, String)> = conn
        .query_row(
            "SELECT superior, subordinates, duties, targets, authority, requirements
             FROM position_description WHERE post_code = ?1",
            [post.code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let edited = saved.is_some();
    let (superior, subordinates, duties, targets, authority, requirements) =
        saved.unwrap_or_else(|| defaults(post.code));
    let appraisal = super::appraisal::criteria_text(conn, post.code)?;
    Ok(Description {
        post_code: post.code.to_string(),
        title: post.label(),
        formal_title: post.formal(),
        staff_names: names,
        superior,
        subordinates: if subordinates.is_empty() {
            "无".into()
        } else {
            subordinates
        },
        duties,
        targets,
        appraisal,
        authority,
        requirements,
        edited,
    })
}

pub fn all(conn: &Connection) -> AppResult<Vec<Description>> {
    posts::all().map(|p| get(conn, p.code)).collect()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
#[ts(rename = "PositionDescriptionInput")]
pub struct DescriptionInput {
    pub superior: String,
    pub subordinates: String,
    pub duties: String,
    pub targets: String,
    pub authority: String,
    pub requirements: String,
}

pub fn save(store: &mut Store, code: &str, input: &DescriptionInput) -> AppResult<Description> {
    save_in(store.conn(), code, input)?;
    get(store.conn(), posts::find(code).map(|p| p.code).unwrap_or(code))
}

/// [`save`] inside the caller's transaction (the workbook import).
pub fn save_in(conn: &Connection, code: &str, input: &DescriptionInput) -> AppResult<()> {
    let post = posts::find(code).ok_or_else(|| AppError::invalid("postCode", format!("岗位代码「{code}」不存在")))?;
    let mut f = Fields::new();
    let superior = f.text("superior", "上级岗位", &input.superior, 100, false);
    let subordinates = f.text("subordinates", "下级岗位", &input.subordinates, 100, false);
    let duties = f.text("duties", "岗位职责", &input.duties, 2000, true);
    let targets = f.text("targets", "指标及目标", &input.targets, 2000, false);
    let authority = f.text("authority", "岗位权限", &input.authority, 2000, false);
    let requirements = f.text("requirements", "任职条件", &input.requirements, 2000, false);
    if !f.is_empty() {
        return Err(AppError::from_problems(ErrorCode::Validation, f.problems));
    }
    conn.execute(
        "INSERT INTO position_description (post_code, superior, subordinates, duties, targets, authority,
            requirements, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (post_code) DO UPDATE SET superior = ?2, subordinates = ?3, duties = ?4, targets = ?5,
            authority = ?6, requirements = ?7, updated_at = ?8",
        params![
            post.code,
            superior,
            subordinates,
            duties,
            targets,
            authority,
            requirements,
            crate::dates::stamp()
        ],
    )?;
    Ok(())
}

/// Back to the defaults.
pub fn reset(store: &mut Store, code: &str) -> AppResult<Description> {
    store.conn().execute(
        "DELETE FROM position_description WHERE post_code = ?1",
        [code.trim().to_ascii_uppercase()],
    )?;
    get(store.conn(), code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_for_every_post_and_edits_kept() {
        let mut s = Store::open_in_memory().unwrap();
        let all = all(s.conn()).unwrap();
        assert_eq!(all.len(), 18);
        assert!(all
            .iter()
            .all(|d| !d.duties.is_empty() && !d.targets.is_empty() && !d.edited));
        // the parts planner's targets are the first-time supply and slow-moving rates
        let d = get(s.conn(), "D").unwrap();
        assert!(
            d.targets.contains("一次供应率") && d.targets.contains("滞销率"),
            "{}",
            d.targets
        );
        // a combined post joins its duties: M = 服务内勤 + 服务会计 + 客户信息员
        let m = get(s.conn(), "M").unwrap();
        assert!(m.duties.contains("接待来店用户") && m.duties.contains("记账") && m.duties.contains("回访"));
        let mut input = DescriptionInput {
            superior: m.superior.clone(),
            subordinates: m.subordinates.clone(),
            duties: "接待\n回访".into(),
            targets: m.targets.clone(),
            authority: m.authority.clone(),
            requirements: m.requirements.clone(),
        };
        let saved = save(&mut s, "m", &input).unwrap();
        assert!(saved.edited);
        assert_eq!(get(s.conn(), "M").unwrap().duties, "接待\n回访");
        input.duties = " ".into();
        assert_eq!(save(&mut s, "M", &input).unwrap_err().message, "请填写岗位职责");
        assert!(save(&mut s, "Z", &input).unwrap_err().message.contains("不存在"));
        assert!(!reset(&mut s, "M").unwrap().edited);
    }

    #[test]
    fn every_indicator_is_a_posts_and_combined_posts_read_right() {
        let mut s = Store::open_in_memory().unwrap();
        // each of the 22 indicators is named in some duty's 指标及目标
        let duties: Vec<Description> = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
            .iter()
            .map(|c| get(s.conn(), c).unwrap())
            .collect();
        for no in 1..=22u8 {
            let name = crate::dashboard::indicator_name(no).unwrap();
            assert!(
                duties.iter().any(|d| d.targets.contains(name)),
                "indicator {no} {name} is no post's"
            );
        }
        // measurable: no vague "高/低/接近" left in the examples
        for d in &duties {
            for t in d.targets.lines() {
                assert!(
                    t.contains('%')
                        || t.contains("次")
                        || t.contains("天")
                        || t.contains("分")
                        || t.starts_with("负责统计"),
                    "{}: 「{t}」 is not measurable",
                    d.post_code
                );
            }
        }
        // K holds A + D: it reports to A's superior, and 配件主管 is not
        // its own subordinate
        let k = get(s.conn(), "K").unwrap();
        assert_eq!(k.superior, "分公司经理、4S店总经理");
        assert!(
            !k.subordinates.contains("配件主管") && k.subordinates.contains("配件库管员"),
            "{}",
            k.subordinates
        );
        // N holds E + F: its superior is 配件主管, it has no subordinate
        let n = get(s.conn(), "N").unwrap();
        assert_eq!((n.superior.as_str(), n.subordinates.as_str()), ("配件主管", "无"));
        // the holder of K is named on A's and D's descriptions too
        crate::staff::roster::save(
            &mut s,
            None,
            &crate::staff::roster::StaffInput {
                name: "王经理".into(),
                active: true,
                posts: vec!["K".into()],
                ..Default::default()
            },
            chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        )
        .unwrap();
        for code in ["K", "A", "D"] {
            assert_eq!(get(s.conn(), code).unwrap().staff_names, ["王经理"], "{code}");
        }
        assert!(get(s.conn(), "B").unwrap().staff_names.is_empty());
    }
}
