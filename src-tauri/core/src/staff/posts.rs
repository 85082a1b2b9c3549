//! 岗位与配置：the ten duties A–J, the combined posts K–T, and the staffing
//! table by annual vehicle sales (docs/domain.md §1–2, from the source text).
//!
//! Boundary rule (the text gives 150台以下, 150–350台, … without saying where
//! exactly 150 falls): Chinese usage — 以下 includes the number, so 150台以下
//! includes 150, and each band includes its upper bound: 350 台 is in
//! 150–350台, 600 in 350–600台, 900 in 600–900台, and 900台以上 begins above
//! 900. A shop that is a small regional agent (小区域代理) says so; that band
//! applies whatever its sales.

use serde::Serialize;

/// A post: one of the ten duties, or a combined post holding several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    pub code: &'static str,
    /// the source text's name, with its 「或称…」 glosses
    pub name: &'static str,
    /// the name a shop's papers use (no gloss): 服务经理, 配件主管
    pub title: &'static str,
    /// a combined post: the other duties it takes on, in words
    /// (`配件主管` for K); empty for A–J
    pub also: &'static str,
    /// the duties (A–J) the post holds: itself for A–J
    pub holds: &'static [&'static str],
}

pub const DUTIES: [Post; 10] = [
    Post {
        code: "A",
        name: "客服经理（或称服务经理、服务主管、4S服务店长）",
        title: "客服经理",
        also: "",
        holds: &["A"],
    },
    Post {
        code: "B",
        name: "服务内勤（服务接待）",
        title: "服务内勤",
        also: "",
        holds: &["B"],
    },
    Post {
        code: "C",
        name: "服务会计",
        title: "服务会计",
        also: "",
        holds: &["C"],
    },
    Post {
        code: "D",
        name: "配件主管（或称配件计划员）",
        title: "配件主管",
        also: "",
        holds: &["D"],
    },
    Post {
        code: "E",
        name: "配件库管员",
        title: "配件库管员",
        also: "",
        holds: &["E"],
    },
    Post {
        code: "F",
        name: "配件发运员",
        title: "配件发运员",
        also: "",
        holds: &["F"],
    },
    Post {
        code: "G",
        name: "三包维修主管",
        title: "三包维修主管",
        also: "",
        holds: &["G"],
    },
    Post {
        code: "H",
        name: "三包鉴定员",
        title: "三包鉴定员",
        also: "",
        holds: &["H"],
    },
    Post {
        code: "I",
        name: "客户信息员",
        title: "客户信息员",
        also: "",
        holds: &["I"],
    },
    Post {
        code: "J",
        name: "维修技师 / 维修工程师",
        title: "维修技师",
        also: "",
        holds: &["J"],
    },
];

pub const COMBINED: [Post; 8] = [
    Post {
        code: "K",
        name: "服务经理（或称客服经理、服务店长）",
        title: "服务经理",
        also: "配件主管",
        holds: &["A", "D"],
    },
    Post {
        code: "L",
        name: "服务经理（或称客服经理、服务店长）",
        title: "服务经理",
        also: "三包维修主管",
        holds: &["A", "G"],
    },
    Post {
        code: "M",
        name: "服务内勤（或称服务助理）",
        title: "服务内勤",
        also: "服务会计、客户信息员",
        holds: &["B", "C", "I"],
    },
    Post {
        code: "N",
        name: "配件管理员",
        title: "配件管理员",
        also: "库管、发运",
        holds: &["E", "F"],
    },
    Post {
        code: "P",
        name: "三包维修主管（或三包管理员）",
        title: "三包维修主管",
        also: "三包鉴定员、维修技师",
        holds: &["G", "H", "J"],
    },
    Post {
        code: "R",
        name: "三包维修技师（或维修工程师）",
        title: "三包维修技师",
        also: "三包鉴定员",
        holds: &["H", "J"],
    },
    Post {
        code: "S",
        name: "三包维修主管（或三包维修技师）",
        title: "三包维修主管",
        also: "维修技师",
        holds: &["G", "J"],
    },
    Post {
        code: "T",
        name: "服务内勤（或服务信息员）",
        title: "服务内勤",
        also: "客户信息员",
        holds: &["B", "I"],
    },
];

impl Post {
    /// The post as a paper names it, without the code letter:
    /// 「服务经理（兼配件主管）」, 「配件主管」.
    pub fn formal(&self) -> String {
        if self.also.is_empty() {
            self.title.to_string()
        } else {
            format!("{}（兼{}）", self.title, self.also)
        }
    }

    /// The post as the screens name it, its letter as a tag before it:
    /// 「K 服务经理（兼配件主管）」.
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.formal())
    }
}

/// Every post, A–J then K–T.
pub fn all() -> impl Iterator<Item = &'static Post> {
    DUTIES.iter().chain(COMBINED.iter())
}

pub fn find(code: &str) -> Option<&'static Post> {
    all().find(|p| p.code == code.trim().to_ascii_uppercase())
}

/// A band of the staffing table (售后服务各岗位组合推荐表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    pub label: &'static str,
    /// annual sales above `from` (exclusive) up to `to` (inclusive);
    /// None: no bound
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub headcount_min: i64,
    pub headcount_max: i64,
    /// the posts to fill; each slot lists its alternatives (K or L)
    pub posts: &'static [&'static [&'static str]],
}

pub const BANDS: [Band; 6] = [
    Band {
        label: "小区域代理",
        from: None,
        to: None,
        headcount_min: 2,
        headcount_max: 3,
        posts: &[&["K"], &["M"], &["P"]],
    },
    Band {
        label: "150台以下",
        from: None,
        to: Some(150),
        headcount_min: 3,
        headcount_max: 3,
        posts: &[&["K"], &["M"], &["P"]],
    },
    Band {
        label: "150–350台",
        from: Some(150),
        to: Some(350),
        headcount_min: 3,
        headcount_max: 4,
        posts: &[&["K"], &["M"], &["P"], &["N"]],
    },
    Band {
        label: "350–600台",
        from: Some(350),
        to: Some(600),
        headcount_min: 4,
        headcount_max: 5,
        posts: &[&["K", "L"], &["M"], &["N"], &["R"], &["S"]],
    },
    Band {
        label: "600–900台",
        from: Some(600),
        to: Some(900),
        headcount_min: 5,
        headcount_max: 6,
        posts: &[&["K", "L"], &["M"], &["N"], &["G"], &["H"], &["J"]],
    },
    Band {
        label: "900台以上",
        from: Some(900),
        to: None,
        headcount_min: 7,
        headcount_max: 9,
        posts: &[&["A"], &["B", "M", "T"], &["C"], &["D"], &["E"], &["N"], &["G"], &["J"]],
    },
];

/// The boundary rule as the screen shows it.
pub const BOUNDARY_RULE: &str = "按中文习惯，「以下」含本数，每档含其上限：恰好 150 台按「150台以下」配置，350 台按「150–350台」，600 台按「350–600台」，900 台按「600–900台」，超过 900 台按「900台以上」。小区域代理不论销量按「小区域代理」配置。";

/// The band of a shop.
pub fn band_for(annual_sales: i64, small_agent: bool) -> &'static Band {
    if small_agent {
        return &BANDS[0];
    }
    BANDS[1..]
        .iter()
        .find(|b| b.from.is_none_or(|f| annual_sales > f) && b.to.is_none_or(|t| annual_sales <= t))
        .unwrap_or(&BANDS[5])
}

/// The next band up (None for the top one and for a small agent).
pub fn next_band(b: &Band) -> Option<&'static Band> {
    let i = BANDS.iter().position(|x| x.label == b.label)?;
    if i == 0 || i + 1 >= BANDS.len() {
        None
    } else {
        Some(&BANDS[i + 1])
    }
}

/// Why the band's combination leaves duties out, as the screen explains it
/// (None when it covers all ten).
pub fn gap_note(b: &Band) -> Option<String> {
    let covered = covered_by(b);
    let gaps: Vec<String> = DUTIES
        .iter()
        .filter(|d| !covered.contains(&d.code))
        .map(|d| format!("{}（{}）", d.title, d.code))
        .collect();
    if gaps.is_empty() {
        return None;
    }
    Some(format!(
        "原文「{}」一档的推荐组合没有列出{}。这些职责仍须有人负责：请在人员名册中指定担任的人（单设岗位或由他人兼任）。",
        b.label,
        gaps.join("和")
    ))
}

/// The duties the band's posts cover (taking the first alternative of each slot).
pub fn covered_by(b: &Band) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = b
        .posts
        .iter()
        .filter_map(|slot| find(slot[0]))
        .flat_map(|p| p.holds.iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_boundary_rule() {
        let label = |n: i64| band_for(n, false).label;
        assert_eq!(label(0), "150台以下");
        assert_eq!(label(150), "150台以下", "以下 includes the number");
        assert_eq!(label(151), "150–350台");
        assert_eq!(label(350), "150–350台");
        assert_eq!(label(351), "350–600台");
        assert_eq!(label(600), "350–600台");
        assert_eq!(label(601), "600–900台");
        assert_eq!(label(900), "600–900台");
        assert_eq!(label(901), "900台以上");
        assert_eq!(label(5000), "900台以上");
        assert_eq!(band_for(800, true).label, "小区域代理");
        // the two smallest bands leave the storekeeper and shipper duties (E, F) to someone
        let gaps: Vec<&str> = DUTIES
            .iter()
            .map(|d| d.code)
            .filter(|d| !covered_by(&BANDS[1]).contains(d))
            .collect();
        assert_eq!(gaps, ["E", "F"]);
        assert_eq!(next_band(band_for(200, false)).unwrap().label, "350–600台");
        // the text's list for 900台以上 has no 三包鉴定员 (H) and no 客户信息员 (I)
        let top: Vec<&str> = DUTIES
            .iter()
            .map(|d| d.code)
            .filter(|d| !covered_by(&BANDS[5]).contains(d))
            .collect();
        assert_eq!(top, ["H", "I"]);
        assert!(gap_note(&BANDS[5]).unwrap().contains("三包鉴定员（H）"));
        assert!(next_band(band_for(1000, false)).is_none());
        assert_eq!(find("m").unwrap().holds, ["B", "C", "I"]);
        assert!(find("Q").is_none());
    }
}
