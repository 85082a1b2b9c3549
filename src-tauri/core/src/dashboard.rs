//! 工作台：the 22 monthly indicators of docs/domain.md §3 in one place — each
//! with its value, the target from the settings and a good/bad mark, the
//! change from the month before, what input is missing when a rate has no
//! base, and where its records are — the factory's seven marked, and the
//! desk's to-do counts.
//!
//! Every figure comes from the areas' own `indicators::compute` (parts 1–7,
//! 21, 22; warranty 8–10; customers 11–20), so the dashboard, the CLI and
//! the screens of each area show the same numbers for the same month.

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::customers::{self, follow_up};
use crate::dates::Month;
use crate::error::AppResult;
use crate::money::Money;
use crate::parts;
use crate::rate::Rate;
use crate::settings;
use crate::warranty;

/// The figures the factory asks for every month (工厂关注指标).
pub const FACTORY_SEVEN: [u8; 7] = [1, 6, 9, 11, 12, 14, 20];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "IndicatorKind")]
pub enum Kind {
    Money,
    Count,
    Rate,
}

/// One indicator of the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DashboardIndicator")]
pub struct Indicator {
    /// 1–22
    pub no: u8,
    pub name: &'static str,
    /// 配件 / 三包 / 客户 / 维修 / 机油
    pub group: &'static str,
    pub kind: Kind,
    /// a count's unit (份, 位, 台, 次, 件); empty for money and rates
    pub unit: &'static str,
    /// money `1234.50`, a count, or a rate in percent; None = 无数据
    pub value: Option<String>,
    pub previous: Option<String>,
    /// value − previous (percentage points for a rate)
    pub change: Option<String>,
    /// the target with the text's comparator (`> 90%`), from
    /// [`crate::targets`]; None for the indicators without one
    pub target: Option<crate::targets::Target>,
    /// 达标 / 未达标 against it, the figure as displayed
    pub mark: crate::targets::Mark,
    /// what is missing when the value is 无数据 because of an input, in
    /// words for any reader (printed on the summary: no menu paths)
    pub missing: Option<String>,
    /// where that input is entered (a route), when the window can take the
    /// manager there: 9 and 12 without the month's vehicle sales
    pub input_link: Option<String>,
    /// how to read a value that stands on an unconfirmed input (9 and 12
    /// on the vehicles recorded as sold while the sales are not confirmed)
    pub note: Option<String>,
    /// what the manager reads beside the figure, as of today: 12's cohort
    /// (the month's vehicles filed so far and still unfiled), 14's
    /// customers left out as 无法回访
    pub aside: Option<String>,
    /// one of the factory's seven
    pub factory: bool,
    /// how it is computed, in the manager's words
    pub definition: &'static str,
    /// the screen with the records behind it (a route with its tab)
    /// where the records behind the figure are, for this month
    /// (`…&month=YYYY-MM`: the 滞销 list is the month's, not today's)
    pub link: String,
}

impl Indicator {
    /// The value as shown: ¥1,234.50, 84.6%, 12 台, or 无数据.
    pub fn display(&self) -> String {
        self.show(self.value.as_deref())
    }

    /// A value of this indicator (this month's, the month before's, a
    /// reported one) as shown.
    pub fn show(&self, v: Option<&str>) -> String {
        let Some(v) = v else {
            return "无数据".to_string();
        };
        match self.kind {
            Kind::Money => v
                .parse::<Money>()
                .map(|m| m.display_cny())
                .unwrap_or_else(|_| v.to_string()),
            Kind::Rate => v
                .parse::<Decimal>()
                .map(|d| Rate::from_decimal(d).display())
                .unwrap_or_else(|_| v.to_string()),
            Kind::Count => format!("{v} {}", self.unit),
        }
    }
}

/// The desk's to-do counts, as of today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DashboardTodo")]
pub struct Todo {
    /// follow-ups due today or overdue (within [`follow_up::DESK_BACK_DAYS`])
    pub follow_ups_due: i64,
    /// inspections due this month not yet done
    pub inspections_open: i64,
    /// vehicles in the shop past their promised time
    pub repairs_overdue: i64,
    pub repairs_in_shop: i64,
    /// claims submitted or approved, waiting on the factory
    pub claims_waiting: i64,
    /// claims still being entered (not submitted)
    pub claims_draft: i64,
    /// old parts not yet returned
    pub old_parts_waiting: i64,
    /// active parts below their minimum stock
    pub parts_below_min: i64,
    /// follow-up actions from outlet visits not done, and of them past due
    pub network_actions_open: i64,
    pub network_actions_overdue: i64,
    /// complaints not closed (投诉处理), and of them past their due date
    pub complaints_open: i64,
    pub complaints_overdue: i64,
    /// planned trainings past their day and not held (培训), and
    /// certificates to renew within 30 days or run out
    pub trainings_overdue: i64,
    pub certificates_due: i64,
    /// equipment whose maintenance or calibration is past due or due within
    /// 30 days (设备工具), and loans not back by their day
    pub equipment_service_due: i64,
    pub equipment_loans_overdue: i64,
    /// factory documents whose action is not done, past its day or due
    /// within 7 days (工厂文件), and reading confirmations missing (传达)
    pub documents_due: i64,
    pub documents_unread: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub month: String,
    /// 已月结: its figures are the closing record (see `closed_at`, `closed_by`)
    pub closed: bool,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    /// an open month is 本月至今: the figures as of this day (YYYY-MM-DD);
    /// its change from the month before is not shown (a part of a month is
    /// not like for like with a whole one)
    #[serde(rename = "as_of")]
    pub as_of: Option<String>,
    /// the month is over and not yet closed: it waits to be closed (月结)
    /// and reported
    pub waiting_close: bool,
    pub shop_name: String,
    pub indicators: Vec<Indicator>,
    /// 参考库存金额 (indicator 1's reference, shown beside it)
    pub inventory_reference: Money,
}

/// A month's 22 values alone (no change, no to-do): what the CLI's JSON and
/// the benchmark's "a month's 22 indicators" measure.
pub fn month_values(conn: &Connection, month: Month) -> AppResult<Vec<(u8, Option<String>)>> {
    // a day past the month: the whole month, not 本月至今
    Ok(months_values(conn, &[month], month.next().first_day())?
        .pop()
        .expect("one month"))
}

/// A month's 22 values by indicator number (None = 无数据).
type MonthValues = Vec<(u8, Option<String>)>;

/// The values of several months (ascending) as of `today`: a closed month's
/// are its closing record (月结) — they do not move with the catalogue, the
/// rules or anything changed since, and nothing is computed for it; the
/// open months' parts indicators are computed together.
fn months_values(conn: &Connection, months: &[Month], today: NaiveDate) -> AppResult<Vec<MonthValues>> {
    let mut stored = Vec::with_capacity(months.len());
    for m in months {
        stored.push(crate::closing::current(conn, *m)?.map(|c| c.values));
    }
    let open: Vec<Month> = months
        .iter()
        .zip(&stored)
        .filter(|(_, s)| s.is_none())
        .map(|(m, _)| *m)
        .collect();
    let mut parts = parts::indicators::compute_many(conn, &open, today)?.into_iter();
    months
        .iter()
        .zip(stored)
        .map(|(m, s)| match s {
            Some(v) => Ok(v),
            None => computed_values(conn, *m, &parts.next().expect("one per open month"), today),
        })
        .collect()
}

/// The raw values of one month not closed, by indicator number, as of
/// `today`.
fn computed_values(
    conn: &Connection,
    month: Month,
    p: &parts::indicators::PartsIndicators,
    today: NaiveDate,
) -> AppResult<Vec<(u8, Option<String>)>> {
    let w = warranty::indicators::compute(conn, month)?;
    let c = customers::indicators::compute_to(conn, month, today)?;
    let m = |x: Money| Some(x.to_string());
    let n = |x: i64| Some(x.to_string());
    let r = |x: Option<Rate>| x.map(|r| r.as_decimal().to_string());
    Ok(vec![
        (1, m(p.inventory_value)),
        (2, m(p.inbound_value)),
        (3, m(p.outbound_value)),
        (4, m(p.parts_sales)),
        (5, r(p.turnover)),
        (6, r(p.first_supply_line_rate)),
        (7, r(p.slow_moving_rate)),
        (8, m(w.parts_value)),
        (9, r(w.cost_rate)),
        (10, m(w.returned_value)),
        (11, n(c.files)),
        (12, r(c.filing_rate)),
        (13, n(c.follow_ups)),
        (14, r(c.follow_up_rate)),
        (15, m(c.fees_registered)),
        (16, m(c.fees_returned)),
        (17, n(c.vehicles_repaired)),
        (18, n(c.onsite_repairs)),
        (19, m(c.repair_revenue)),
        (20, r(c.inspection_rate)),
        (21, Some(p.engine_oil_litres.to_string())),
        (22, m(p.engine_oil_sales)),
    ])
}

/// The unit a count is shown with: 11 建档 份, 13 回访 位 (customers),
/// 17 维修 台 (vehicles), 18 上门派修 次, 21 机油出库 升 (each oil part's
/// 机油升数; a month closed under the earlier rules counted 件).
pub fn unit(no: u8) -> &'static str {
    match no {
        11 => "份",
        13 => "位",
        17 => "台",
        18 => "次",
        21 => "升",
        _ => "",
    }
}

/// An indicator's name (1–22).
pub fn indicator_name(no: u8) -> Option<&'static str> {
    DEFS.iter().find(|d| d.no == no).map(|d| d.name)
}

/// How an indicator (1–22) is computed, in the manager's words: the one
/// text the dashboard, the printed summary and the areas' 指标 tabs show.
pub fn indicator_definition(no: u8) -> Option<&'static str> {
    DEFS.iter().find(|d| d.no == no).map(|d| d.definition)
}

struct Def {
    no: u8,
    name: &'static str,
    group: &'static str,
    kind: Kind,
    definition: &'static str,
    link: &'static str,
}

const DEFS: [Def; 22] = [
    Def {
        no: 1,
        name: "配件库存金额",
        group: "配件",
        kind: Kind::Money,
        definition: "月末各配件结存金额（移动加权平均成本）",
        link: "/parts?tab=stock&filter=monthend",
    },
    Def {
        no: 2,
        name: "配件入库金额",
        group: "配件",
        kind: Kind::Money,
        definition: "当月采购入库的进货金额（冲销已扣除）",
        link: "/parts?tab=stock",
    },
    Def {
        no: 3,
        name: "配件出库金额",
        group: "配件",
        kind: Kind::Money,
        definition: "当月销售、维修领用、三包更换、经销商发货、退厂的账面金额（盘盈、盘亏不计入出库）",
        link: "/parts?tab=indicators",
    },
    Def {
        no: 4,
        name: "配件销售金额",
        group: "配件",
        kind: Kind::Money,
        definition: "当月收到的配件现金：柜台销售实收（退货冲销已扣），加经销商货款收款（现结随发货收，赊欠的在收款当月计）；维修单上收取的配件款计入维修收入",
        link: "/parts?tab=indicators",
    },
    Def {
        no: 5,
        name: "配件周转率",
        group: "配件",
        kind: Kind::Rate,
        definition: "出库金额 ÷ 月末库存金额 × 100%",
        link: "/parts?tab=indicators",
    },
    Def {
        no: 6,
        name: "配件一次供应率",
        group: "配件",
        kind: Kind::Rate,
        definition: "品种供应率：一次供应期（默认订货后 2 天）在当月结束的经销商订单中，供应期内发齐的品种 ÷ 订货品种；没发的按未供应计，撤销的不计",
        link: "/parts?tab=orders",
    },
    Def {
        no: 7,
        name: "配件滞销率",
        group: "配件",
        kind: Kind::Rate,
        definition: "月末有库存的在用配件中，滞销的品种占比：截至月末的 6 个整月里没有销售、维修领用、三包更换或经销商发货（冲销的不算动销），且在这 6 个月之前就已入库（新到的配件不算滞销）",
        link: "/parts?tab=stock&filter=slow",
    },
    Def {
        no: 8,
        name: "三包配件金额",
        group: "三包",
        kind: Kind::Money,
        definition: "当月三包更换出库的配件账面金额（冲销已扣除）",
        link: "/warranty?tab=claims",
    },
    Def {
        no: 9,
        name: "三包费用率",
        group: "三包",
        kind: Kind::Rate,
        definition: "三包配件金额 ÷ 当月整车销售金额 × 100%",
        link: "/warranty?tab=windicators",
    },
    Def {
        no: 10,
        name: "三包旧件返厂金额",
        group: "三包",
        kind: Kind::Money,
        definition: "当月发出的旧件返厂批次中旧件的账面金额",
        link: "/warranty?tab=oldparts",
    },
    Def {
        no: 11,
        name: "用户建档数量",
        group: "客户",
        kind: Kind::Count,
        definition: "当月收回档案联并建档的本店售车数",
        link: "/customers?tab=filing",
    },
    Def {
        no: 12,
        name: "用户建档率",
        group: "客户",
        kind: Kind::Rate,
        definition: "建档数量 ÷ 当月整车销售数量 × 100%",
        link: "/customers?tab=filing",
    },
    Def {
        no: 13,
        name: "用户回访数量",
        group: "客户",
        kind: Kind::Count,
        definition: "当月有至少一次有效回访的客户数（同一客户多次回访算一次）",
        link: "/customers?tab=followups",
    },
    Def {
        no: 14,
        name: "用户回访率",
        group: "客户",
        kind: Kind::Rate,
        definition: "当月建档、能回访的客户中，购车后已有效回访的比例（记为无法回访的不计入）",
        link: "/customers?tab=followups",
    },
    Def {
        no: 15,
        name: "建档费登记金额",
        group: "客户",
        kind: Kind::Money,
        definition: "当月登记记账的档案联费用",
        link: "/customers?tab=filing",
    },
    Def {
        no: 16,
        name: "建档费返厂金额",
        group: "客户",
        kind: Kind::Money,
        definition: "当月返厂批次寄回工厂的建档费",
        link: "/customers?tab=filing",
    },
    Def {
        no: 17,
        name: "维修整车数量",
        group: "维修",
        kind: Kind::Count,
        definition: "当月完工维修单涉及的车辆数（同一车多次维修算一台；三包维修随其维修单计一次；也按技师统计）",
        link: "/customers?tab=indicators",
    },
    Def {
        no: 18,
        name: "上门派修次数",
        group: "维修",
        kind: Kind::Count,
        definition: "当月完工的上门服务和派修维修单数",
        link: "/customers?tab=repairs",
    },
    Def {
        no: 19,
        name: "维修业务收入",
        group: "维修",
        kind: Kind::Money,
        definition: "当月交车结算的维修单实收金额（用户付的钱；三包配件与索赔工时由厂家结算，按结算月另列，不计入）",
        link: "/customers?tab=repairs",
    },
    Def {
        no: 20,
        name: "点检率",
        group: "客户",
        kind: Kind::Rate,
        definition: "当月应点检车辆中月底前已点检的比例（提前 15 天内也算）",
        link: "/customers?tab=inspections",
    },
    Def {
        no: 21,
        name: "机油出库数量",
        group: "机油",
        kind: Kind::Count,
        definition: "当月各类出库的机油升数（每种机油按配件资料中的「机油升数」折算，冲销已扣）",
        link: "/parts?tab=stock&filter=oil",
    },
    Def {
        no: 22,
        name: "机油销售金额",
        group: "机油",
        kind: Kind::Money,
        definition: "当月卖给客户的机油金额，按实收价：柜台销售实收，维修单上的机油按单上价格（三包、免费的不算销售）；不经维修单的维修领用按限价",
        link: "/parts?tab=stock&filter=oil",
    },
];

pub fn compute(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<Dashboard> {
    let mut v = months_values(conn, &[month.prev(), month], today)?;
    let now = v.pop().expect("two months");
    let before = v.pop().expect("two months");
    assemble(conn, month, now, before, today)
}

/// The 12 months ending with `last`, oldest first.
pub fn trend_months(last: Month) -> Vec<Month> {
    let mut m = last;
    for _ in 0..11 {
        m = m.prev();
    }
    (0..12)
        .map(|_| {
            let this = m;
            m = m.next();
            this
        })
        .collect()
}

/// 12-month trend (趋势): each indicator's value in each of the 12 months
/// ending with the dashboard's month, oldest first (None = 无数据).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DashboardTrend")]
pub struct Trend {
    /// YYYY-MM, oldest first
    pub months: Vec<String>,
    pub series: Vec<TrendSeries>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "DashboardTrendSeries")]
pub struct TrendSeries {
    pub no: u8,
    pub values: Vec<Option<String>>,
}

/// The month's dashboard with its 12-month trend: the trend's last two
/// months are the dashboard's values and their change, so each month is
/// computed once.
pub fn compute_with_trend(conn: &Connection, month: Month, today: NaiveDate) -> AppResult<(Dashboard, Trend)> {
    let (trend, mut all) = trend_values(conn, month, today)?;
    let now = all.pop().expect("12 months");
    let before = all.pop().expect("12 months");
    Ok((assemble(conn, month, now, before, today)?, trend))
}

/// The 12-month trend alone (the 22 indicators of each of the 12 months
/// ending with `last`, as of `today`).
pub fn trend(conn: &Connection, last: Month, today: NaiveDate) -> AppResult<Trend> {
    Ok(trend_values(conn, last, today)?.0)
}

#[allow(clippy::type_complexity)]
fn trend_values(
    conn: &Connection,
    month: Month,
    today: NaiveDate,
) -> AppResult<(Trend, Vec<Vec<(u8, Option<String>)>>)> {
    let months = trend_months(month);
    let all = months_values(conn, &months, today)?;
    let trend = Trend {
        months: months.iter().map(|m| m.iso()).collect(),
        series: DEFS
            .iter()
            .map(|d| TrendSeries {
                no: d.no,
                values: all
                    .iter()
                    .map(|v| v.iter().find(|(n, _)| *n == d.no).and_then(|(_, x)| x.clone()))
                    .collect(),
            })
            .collect(),
    };
    Ok((trend, all))
}

fn assemble(
    conn: &Connection,
    month: Month,
    now: Vec<(u8, Option<String>)>,
    before: Vec<(u8, Option<String>)>,
    today: NaiveDate,
) -> AppResult<Dashboard> {
    let s = settings::load(conn)?.unwrap_or_default();
    let sales = customers::sales::get(conn, month)?;
    let closing = crate::closing::current(conn, month)?;
    // 本月至今: the month is not over yet (and not closed)
    let as_of = (closing.is_none() && month == Month::of(today)).then(|| today.to_string());
    let mut indicators = Vec::with_capacity(22);
    for d in DEFS.iter() {
        let value = now.iter().find(|(n, _)| *n == d.no).and_then(|(_, v)| v.clone());
        let previous = before.iter().find(|(n, _)| *n == d.no).and_then(|(_, v)| v.clone());
        let change = match (&value, &previous) {
            // a part of a month is not like for like with a whole one
            _ if as_of.is_some() => None,
            (Some(a), Some(b)) => match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
                (Ok(a), Ok(b)) => Some((a - b).normalize().to_string()),
                _ => None,
            },
            _ => None,
        };
        let t = crate::targets::of(&s, d.no);
        let mark = t.as_ref().map_or(crate::targets::Mark::None, |t| {
            t.mark(value.as_deref().and_then(|v| v.parse().ok()).map(Rate::from_decimal))
        });
        let missing = if value.is_some() {
            None
        } else {
            match d.no {
                9 if sales.amount_used.is_none() && sales.recorded_without_price > 0 => Some(format!(
                    "当月登记的售车有 {} 台没有售价，整车销售金额尚未确认",
                    sales.recorded_without_price
                )),
                9 if sales.amount_used.is_none() => Some("当月整车销售金额尚未录入，也没有登记的售车".to_string()),
                12 if sales.units_used.is_none() => Some("当月整车销售数量尚未录入，也没有登记的售车".to_string()),
                9 | 12 => Some("当月整车销售为 0".to_string()),
                5 => Some("月末没有库存".to_string()),
                6 => Some("当月没有一次供应期结束的经销商订单".to_string()),
                7 => Some("月末没有有库存的配件".to_string()),
                14 => Some("当月没有建档客户".to_string()),
                20 => Some("当月没有应点检的车辆".to_string()),
                _ => None,
            }
        };
        let note = match d.no {
            9 | 12 if value.is_some() && !sales.confirmed() && closing.is_none() => Some(format!(
                "按登记的 {} 台售车计算，销售数字尚未确认",
                sales.recorded_units
            )),
            _ => None,
        };
        let aside = match d.no {
            // beside 1, its reference (not a pass/fail target) and how far
            // the stock is from it
            1 => value.as_deref().and_then(|v| {
                let stock: Decimal = v.parse().ok()?;
                let reference = s.inventory_reference().as_decimal();
                let dev = Rate::ratio(stock - reference, reference)?;
                let d = dev
                    .as_decimal()
                    .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                    .normalize();
                Some(if d.is_zero() {
                    "与参考库存持平".to_string()
                } else if d.is_sign_positive() {
                    format!("比参考库存高 {d}%")
                } else {
                    format!("比参考库存低 {}%", -d)
                })
            }),
            12 => {
                let (sold, filed) = customers::indicators::cohort(conn, month)?;
                (sold > 0).then(|| {
                    format!(
                        "当月售车 {sold} 台至今已建档 {filed} 台（{}），未建档 {} 台",
                        Rate::ratio(Decimal::from(filed), Decimal::from(sold))
                            .map(|r| r.display())
                            .unwrap_or_default(),
                        sold - filed
                    )
                })
            }
            // beside 6's headline (品种供应率), its 数量供应率 with its own
            // target; a month closed under the earlier rule says what its
            // figure is
            6 if closing.as_ref().is_some_and(|c| c.rules < 2) => {
                Some("月结记录中的数字是当时口径：当月首次发货订单的数量供应率".to_string())
            }
            6 => {
                let (q, _, n) = parts::orders::supply_rates(conn, month, today)?;
                q.map(|q| {
                    let t = crate::targets::first_supply_qty(&s);
                    format!(
                        "数量供应率 {}（目标 {}，{}），{n} 张订单",
                        q.display(),
                        t.text,
                        t.mark(Some(q)).text()
                    )
                })
            }
            21 if closing.as_ref().is_some_and(|c| c.rules < 3) => {
                Some("月结记录中的数字是当时口径：机油出库件数".to_string())
            }
            22 if closing.as_ref().is_some_and(|c| c.rules < 3) => {
                Some("月结记录中的数字是当时口径：柜台销售和维修领用的机油按限价计".to_string())
            }
            // 19 is what customers paid; what the factory paid for 三包 work
            // is income too, shown beside it by its settlement month
            19 => {
                let (n, paid) = crate::warranty::indicators::factory_paid(conn, month)?;
                (n > 0).then(|| {
                    format!(
                        "另有厂家三包结算 {}（{n} 张索赔单），不计入维修收入",
                        paid.display_cny()
                    )
                })
            }
            14 => {
                let n = customers::indicators::filed_unreachable(conn, month)?;
                (n > 0).then(|| format!("另有 {n} 位记为无法回访，不计入"))
            }
            _ => None,
        };
        let input_link = (matches!(d.no, 9 | 12) && value.is_none() && missing.is_some())
            .then(|| format!("/customers?tab=filing&month={}", month.iso()));
        indicators.push(Indicator {
            no: d.no,
            name: d.name,
            group: d.group,
            kind: d.kind,
            // a month closed before migration 24 counted 21 in units
            unit: if d.no == 21 && closing.as_ref().is_some_and(|c| c.rules < 3) {
                "件"
            } else {
                unit(d.no)
            },
            value,
            previous,
            change,
            target: t,
            mark,
            missing,
            input_link,
            note,
            aside,
            factory: FACTORY_SEVEN.contains(&d.no),
            definition: d.definition,
            link: format!("{}&month={}", d.link, month.iso()),
        });
    }
    Ok(Dashboard {
        month: month.iso(),
        waiting_close: closing.is_none() && month < Month::of(today),
        closed: closing.is_some(),
        closed_at: closing.as_ref().map(|c| c.closed_at.clone()),
        closed_by: closing.map(|c| c.closed_by),
        as_of,
        shop_name: s.shop_name.clone(),
        indicators,
        inventory_reference: s.inventory_reference(),
    })
}

/// How many days into a month the dashboard still opens on the month
/// before while that one waits to be closed: the factory's monthly report
/// is due in the first days of the next month (上旬).
pub const CLOSE_DAYS: u32 = 10;

/// The month the dashboard opens on: the month before `today`'s while it
/// is not closed during the first [`CLOSE_DAYS`] days (it waits to be
/// closed and reported), else the current month.
pub fn start_month(conn: &Connection, today: NaiveDate) -> AppResult<Month> {
    let this = Month::of(today);
    let prev = this.prev();
    let waiting = chrono::Datelike::day(&today) <= CLOSE_DAYS
        && !crate::closing::is_closed(conn, prev)?
        && crate::closing::first_month(conn)?.is_some_and(|f| f <= prev);
    Ok(if waiting { prev } else { this })
}

/// The desk's to-do counts as of `today`: the same whichever month the
/// dashboard shows, so they are not part of [`Dashboard`] (the screen asks
/// for them once, not on every month picked; on the large shop they cost
/// more than a closed month's figures).
pub fn todo(conn: &Connection, today: NaiveDate) -> AppResult<Todo> {
    // each area counts its own records; the desk only puts them together
    let follow_ups_due = follow_up::due_count(conn, today, follow_up::DESK_BACK_DAYS)?;
    // the month's inspections due by today and not yet done (counted, not listed)
    let (due, done) = customers::inspection::due_counts_until(conn, Month::of(today), today)?;
    let (repairs_in_shop, repairs_overdue) = customers::repair::in_shop_counts(conn, crate::dates::now())?;
    let (complaints_open, complaints_overdue) = customers::complaint::open_counts(conn, today)?;
    let (trainings_overdue, certificates_due) = crate::staff::training::todo_count(conn, today)?;
    let (equipment_service_due, equipment_loans_overdue) = crate::staff::equipment::todo_count(conn, today)?;
    let (documents_due, documents_unread) = crate::documents::todo_count(conn, today)?;
    let (claims_waiting, claims_draft) = warranty::claim::todo_counts(conn)?;
    let (network_actions_open, network_actions_overdue) = crate::network::visit::open_action_counts(conn, today)?;
    Ok(Todo {
        documents_due,
        documents_unread,
        equipment_service_due,
        equipment_loans_overdue,
        follow_ups_due,
        complaints_open,
        complaints_overdue,
        trainings_overdue,
        certificates_due,
        inspections_open: due - done,
        repairs_overdue,
        repairs_in_shop,
        claims_waiting,
        claims_draft,
        old_parts_waiting: warranty::old_parts::waiting_count(conn)?,
        parts_below_min: parts::stock::below_min_count(conn)?,
        network_actions_open,
        network_actions_overdue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::store::Store;

    #[test]
    fn the_dashboard_shows_what_each_area_computes() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        demo::populate_on(&mut s, today).unwrap();
        let c = s.conn();
        let oct = Month::parse("2026-10").unwrap();
        let d = compute(c, oct, today).unwrap();
        assert_eq!(d.indicators.len(), 22);
        assert_eq!(
            d.indicators
                .iter()
                .filter(|i| i.factory)
                .map(|i| i.no)
                .collect::<Vec<_>>(),
            FACTORY_SEVEN
        );
        let by = |no: u8| d.indicators.iter().find(|i| i.no == no).unwrap();
        // the same figures as the areas' own screens
        let p = parts::indicators::compute(c, oct).unwrap();
        let cu = customers::indicators::compute(c, oct).unwrap();
        let w = warranty::indicators::compute(c, oct).unwrap();
        assert_eq!(by(1).value, Some(p.inventory_value.to_string()));
        assert_eq!(by(11).value, Some(cu.files.to_string()));
        assert_eq!(by(8).value, Some(w.parts_value.to_string()));
        assert_eq!(by(20).value, cu.inspection_rate.map(|r| r.as_decimal().to_string()));
        // the change from September, and marks against the targets
        let sep = customers::indicators::compute(c, oct.prev()).unwrap();
        assert_eq!(
            by(17).change,
            Some((cu.vehicles_repaired - sep.vehicles_repaired).to_string())
        );
        assert_eq!(by(20).target.as_ref().map(|t| t.text.as_str()), Some("> 75%"));
        assert!(matches!(
            by(20).mark,
            crate::targets::Mark::Good | crate::targets::Mark::Bad
        ));
        assert_eq!(by(2).mark, crate::targets::Mark::None);
        // beside 1, how far the stock is from its reference
        let reference = settings::load(c).unwrap().unwrap().inventory_reference().as_decimal();
        let dev = (p.inventory_value.as_decimal() - reference) / reference * Decimal::ONE_HUNDRED;
        let dev = dev
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        let want = if dev.is_sign_negative() {
            format!("比参考库存低 {}%", -dev)
        } else {
            format!("比参考库存高 {dev}%")
        };
        assert_eq!(by(1).aside.as_deref(), Some(want.as_str()));
        // beside 12, October's cohort as of today
        let (sold, filed) = customers::indicators::cohort(c, oct).unwrap();
        assert!(sold > 0);
        let aside = by(12).aside.clone().unwrap();
        assert!(
            aside.starts_with(&format!("当月售车 {sold} 台至今已建档 {filed} 台"))
                && aside.ends_with(&format!("未建档 {} 台", sold - filed)),
            "{aside}"
        );
        // 6: 品种供应率 the headline, 数量供应率 beside it with its target
        assert_eq!(
            by(6).value,
            p.first_supply_line_rate.map(|r| r.as_decimal().to_string())
        );
        let q = p.first_supply_qty_rate.unwrap();
        let t6 = crate::targets::first_supply_qty(&settings::load(c).unwrap().unwrap());
        assert_eq!(
            by(6).aside.as_deref(),
            Some(
                format!(
                    "数量供应率 {}（目标 > 90%，{}），{} 张订单",
                    q.display(),
                    t6.mark(Some(q)).text(),
                    p.first_supply_orders
                )
                .as_str()
            )
        );
        // a month closed under the earlier rule keeps its figure and says
        // what it is
        c.execute("UPDATE month_closing SET rules = 1 WHERE month = '2026-10'", [])
            .unwrap();
        let old = compute(c, oct, today).unwrap();
        let o6 = old.indicators.iter().find(|i| i.no == 6).unwrap();
        assert_eq!(o6.value, by(6).value);
        assert_eq!(
            o6.aside.as_deref(),
            Some("月结记录中的数字是当时口径：当月首次发货订单的数量供应率")
        );
        c.execute(
            "UPDATE month_closing SET rules = ?1 WHERE month = '2026-10'",
            [crate::closing::RULES],
        )
        .unwrap();
        assert_eq!(by(11).display(), format!("{} 份", cu.files));
        assert_eq!(by(1).display(), p.inventory_value.display_cny());
        assert_eq!(by(20).display(), cu.inspection_rate.unwrap().display());
        // October is closed in the demo: its figures are the closing record
        assert!(d.closed && d.as_of.is_none() && !d.waiting_close);
        // November, 本月至今: the sales are not confirmed, so 12 stands on the
        // vehicles recorded as sold and says so; no change from October is
        // shown (26 days are not like for like with a whole month)
        let nov_m = Month::parse("2026-11").unwrap();
        let nov = compute(c, nov_m, today).unwrap();
        assert_eq!(nov.as_of.as_deref(), Some("2026-11-26"));
        let n12 = nov.indicators.iter().find(|i| i.no == 12).unwrap();
        let sales = customers::sales::get(c, nov_m).unwrap();
        assert!(sales.recorded_units > 0 && !sales.confirmed());
        assert!(n12.value.is_some() && n12.missing.is_none());
        assert_eq!(
            n12.note.as_deref(),
            Some(format!("按登记的 {} 台售车计算，销售数字尚未确认", sales.recorded_units).as_str())
        );
        assert!(nov.indicators.iter().all(|i| i.change.is_none()));
        assert!(nov.indicators.iter().any(|i| i.previous.is_some()));
        let t = todo(c, today).unwrap();
        assert!(t.repairs_in_shop > 0 && t.claims_waiting > 0 && t.follow_ups_due > 0);
        // one number per thing: the tile is the 回访 list's calls already due
        let desk = follow_up::due(c, today, follow_up::DESK_BACK_DAYS, 3).unwrap();
        assert_eq!(
            t.follow_ups_due,
            desk.iter().filter(|d| d.overdue_days >= 0).count() as i64
        );
        // and 低于最低库存 is the 配件计划's parts below their minimum
        let plan = crate::parts::reorder::suggestions(c, today).unwrap();
        assert_eq!(
            t.parts_below_min,
            plan.iter().filter(|p| p.on_hand < p.min_stock).count() as i64
        );
        assert!(plan.len() as i64 >= t.parts_below_min);
        // and 点检 is the month's inspections list, due by today and not done
        assert_eq!(
            t.inspections_open,
            customers::inspection::due_in(c, nov_m)
                .unwrap()
                .iter()
                .filter(|d| d.inspected_on.is_none() && d.due_on.as_str() <= "2026-11-26")
                .count() as i64
        );
        assert!(t.inspections_open > 0);
        // 点检率 of the open month counts only what fell due by today
        let cu_nov = customers::indicators::compute_to(c, nov_m, today).unwrap();
        let n20 = nov.indicators.iter().find(|i| i.no == 20).unwrap();
        assert_eq!(n20.value, cu_nov.inspection_rate.map(|r| r.as_decimal().to_string()));
        let whole = customers::indicators::compute(c, nov_m).unwrap();
        assert!(cu_nov.inspections_due <= whole.inspections_due);
        // the desk opens on the current month: October and before are closed
        assert_eq!(start_month(c, today).unwrap(), nov_m);
    }

    #[test]
    fn last_month_waits_to_be_closed_in_the_first_days() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        demo::populate_open_on(&mut s, today).unwrap();
        let c = s.conn();
        let nov = Month::parse("2026-11").unwrap();
        // November is over and open: the desk opens on it, waiting to be closed
        assert_eq!(start_month(c, today).unwrap(), nov);
        let d = compute(c, nov, today).unwrap();
        assert!(d.waiting_close && !d.closed && d.as_of.is_none());
        // a whole month is like for like with the month before
        assert!(d.indicators.iter().any(|i| i.change.is_some()));
        // after the first days the desk opens on the current month
        assert_eq!(
            start_month(c, NaiveDate::from_ymd_opt(2026, 12, 11).unwrap()).unwrap(),
            Month::parse("2026-12").unwrap()
        );
        // closed, November no longer waits
        crate::closing::close_through(&mut s, nov, "测试", today.and_hms_opt(10, 0, 0).unwrap()).unwrap();
        assert_eq!(start_month(s.conn(), today).unwrap(), Month::parse("2026-12").unwrap());
        assert!(!compute(s.conn(), nov, today).unwrap().waiting_close);
    }
}
