//! 指标目标：the six targets the source text gives, with the comparator it
//! writes — "一次供应率 >90%", "滞销率 5%", "三包费用率 8%", "建档率 100%",
//! "回访率 100%", "点检率 >75%" (docs/domain.md §3). ">" excludes the number; a
//! bare figure is a ceiling for a rate to keep low (5%, 8%) and a floor for
//! one to reach (100%), both inclusive. The shop sets the numbers
//! (`settings::IndicatorTargets`); the comparators are the text's.
//!
//! A mark (达标/未达标) compares the figure *as displayed* (one decimal,
//! [`Rate::display`]), so "90.0%" never stands beside 达标 for "> 90%".
//! The dashboard, the areas' indicator screens, the summary, the factory
//! report and the CLI all take their marks and target texts from here.

use serde::Serialize;

use crate::rate::Rate;
use crate::settings::ShopSettings;

/// How a figure is compared with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub enum Cmp {
    /// 高于 (">", the number itself falls short)
    #[serde(rename = ">")]
    Above,
    /// 不低于 ("≥")
    #[serde(rename = "≥")]
    AtLeast,
    /// 不高于 ("≤")
    #[serde(rename = "≤")]
    AtMost,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Above => ">",
            Cmp::AtLeast => "≥",
            Cmp::AtMost => "≤",
        }
    }

    /// in words, as the settings screen says it
    pub fn words(self) -> &'static str {
        match self {
            Cmp::Above => "高于",
            Cmp::AtLeast => "不低于",
            Cmp::AtMost => "不高于",
        }
    }
}

/// The indicators with a target and the text's comparator for each.
pub const RULES: [(u8, Cmp); 6] = [
    (6, Cmp::Above),
    (7, Cmp::AtMost),
    (9, Cmp::AtMost),
    (12, Cmp::AtLeast),
    (14, Cmp::AtLeast),
    (20, Cmp::Above),
];

/// One indicator's target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub no: u8,
    pub cmp: Cmp,
    /// the number of percent, e.g. 90
    pub goal: Rate,
    /// "> 90%", "≤ 5%"
    pub text: String,
    /// "高于 90%", "不高于 5%"
    pub words: String,
}

/// 达标 / 未达标 / no mark (no target, or 无数据).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Good,
    Bad,
    None,
}

impl Mark {
    pub fn code(self) -> &'static str {
        match self {
            Mark::Good => "good",
            Mark::Bad => "bad",
            Mark::None => "none",
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Mark::Good => "达标",
            Mark::Bad => "未达标",
            Mark::None => "—",
        }
    }
}

fn goal(s: &ShopSettings, no: u8) -> Option<Rate> {
    let t = &s.targets;
    Some(match no {
        6 => t.first_time_supply_min,
        7 => t.slow_moving_max,
        9 => t.warranty_cost_max,
        12 => t.filing_min,
        14 => t.follow_up_min,
        20 => t.inspection_min,
        _ => return None,
    })
}

/// The target of indicator `no` under the shop's settings, if it has one.
pub fn of(s: &ShopSettings, no: u8) -> Option<Target> {
    let (_, cmp) = RULES.iter().find(|(n, _)| *n == no)?;
    Some(target(no, *cmp, goal(s, no)?))
}

fn target(no: u8, cmp: Cmp, g: Rate) -> Target {
    let shown = g.display();
    Target {
        no,
        cmp,
        goal: g,
        text: format!("{} {shown}", cmp.symbol()),
        words: format!("{} {shown}", cmp.words()),
    }
}

/// Indicator 6's second measure, 数量供应率, shown beside its headline
/// 品种供应率 with a target of its own (the text's "> 90%" for both).
pub fn first_supply_qty(s: &ShopSettings) -> Target {
    target(6, Cmp::Above, s.targets.first_time_supply_qty_min)
}

/// The six targets, in indicator order.
pub fn all(s: &ShopSettings) -> Vec<Target> {
    RULES.iter().filter_map(|(no, _)| of(s, *no)).collect()
}

impl Target {
    /// The mark of a figure, compared as displayed (rounded to one decimal).
    pub fn mark(&self, value: Option<Rate>) -> Mark {
        let Some(v) = value else {
            return Mark::None;
        };
        let shown = v
            .as_decimal()
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let goal = self.goal.as_decimal();
        let ok = match self.cmp {
            Cmp::Above => shown > goal,
            Cmp::AtLeast => shown >= goal,
            Cmp::AtMost => shown <= goal,
        };
        if ok {
            Mark::Good
        } else {
            Mark::Bad
        }
    }
}

/// One figure's mark with its target, for an area's indicator screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Marked {
    pub no: u8,
    pub mark: Mark,
    pub mark_text: &'static str,
    pub target: Target,
}

/// The marks of an area's figures (`(no, value)`; those without a target
/// are left out).
pub fn marks(s: &ShopSettings, figures: &[(u8, Option<Rate>)]) -> Vec<Marked> {
    figures
        .iter()
        .filter_map(|(no, v)| {
            let target = of(s, *no)?;
            let mark = target.mark(*v);
            Some(Marked {
                no: *no,
                mark,
                mark_text: mark.text(),
                target,
            })
        })
        .collect()
}

/// An area's figures with their marks (what its indicator screen shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct WithMarks<T> {
    #[serde(flatten)]
    pub figures: T,
    pub marks: Vec<Marked>,
}

/// [`marks`] under the shop's saved settings (the defaults before the
/// first start).
pub fn with_marks<T>(
    conn: &rusqlite::Connection,
    figures: T,
    rates: impl Fn(&T) -> Vec<(u8, Option<Rate>)>,
) -> crate::error::AppResult<WithMarks<T>> {
    let s = crate::settings::load(conn)?.unwrap_or_default();
    let marks = marks(&s, &rates(&figures));
    Ok(WithMarks { figures, marks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn rate(s: &str) -> Option<Rate> {
        Some(Rate::from_decimal(Decimal::from_str(s).unwrap()))
    }

    #[test]
    fn the_texts_comparators_as_written_and_marks_as_displayed() {
        let s = crate::demo::demo_settings();
        let t: Vec<String> = all(&s).iter().map(|t| t.text.clone()).collect();
        assert_eq!(t, ["> 90%", "≤ 5%", "≤ 8%", "≥ 100%", "≥ 100%", "> 75%"]);
        assert_eq!(of(&s, 20).unwrap().words, "高于 75%");
        assert_eq!(of(&s, 1), None);
        let supply = of(&s, 6).unwrap();
        // "> 90%": 90% itself falls short; so does 90.04%, shown as 90%;
        // 90.05% is shown as 90.1% and passes
        assert_eq!(supply.mark(rate("90")), Mark::Bad);
        assert_eq!(supply.mark(rate("90.04")), Mark::Bad);
        assert_eq!(supply.mark(rate("90.05")), Mark::Good);
        assert_eq!(supply.mark(None), Mark::None);
        // "≤ 5%": 5% passes, and 5.04% (shown 5%) too; 5.05% (5.1%) does not
        let slow = of(&s, 7).unwrap();
        assert_eq!(slow.mark(rate("5")), Mark::Good);
        assert_eq!(slow.mark(rate("5.04")), Mark::Good);
        assert_eq!(slow.mark(rate("5.05")), Mark::Bad);
        // "≥ 100%": 99.96% is shown as 100% and passes; 99.94% (99.9%) not
        let filing = of(&s, 12).unwrap();
        assert_eq!(filing.mark(rate("99.96")), Mark::Good);
        assert_eq!(filing.mark(rate("99.94")), Mark::Bad);
        assert_eq!(filing.mark(rate("125")), Mark::Good);
        let m = marks(&s, &[(1, None), (20, rate("75")), (14, rate("100"))]);
        assert_eq!(
            m.iter().map(|m| (m.no, m.mark_text)).collect::<Vec<_>>(),
            [(20, "未达标"), (14, "达标")]
        );
    }
}
