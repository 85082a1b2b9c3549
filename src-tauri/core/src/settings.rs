//! 店铺设置：the shop's settings — who the shop is, its size, and the targets
//! its monthly indicators are judged against.
//!
//! The targets default to the reference values (评价参考) of the source text
//! (docs/domain.md §3): first-time supply > 90%, slow-moving ≤ 5%, warranty cost
//! ≤ 8%, filing 100%, follow-up 100%, inspection > 75%. The inventory
//! reference (indicator 1) is the text's formula: annual vehicles (sales or
//! parc) × annual parts consumption per vehicle × the stock factor.

use std::str::FromStr;

use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::money::Money;
use crate::rate::Rate;

/// Limits that make a number "absurd" for a motorcycle shop.
pub const MAX_ANNUAL_SALES: i64 = 50_000;
pub const MAX_PARC: i64 = 1_000_000;
pub const MAX_PARTS_PER_VEHICLE_YUAN: i64 = 10_000;
pub const MAX_NAME_CHARS: usize = 40;
/// 服务品牌: one. The 三包 policy, the claims and the factory's report are
/// the one brand's; a second brand would need its own of each.
pub const MAX_BRANDS: usize = 1;
/// 一次供应期: the default window and its limit, in days
pub const DEFAULT_FIRST_SUPPLY_DAYS: i64 = 2;
pub const MAX_FIRST_SUPPLY_DAYS: i64 = 30;

/// 参考库存基数：which vehicle count the inventory reference multiplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum InventoryBasis {
    /// 年均销量 annual vehicle sales
    Sales,
    /// 年度保有量 vehicle parc
    Parc,
}

impl InventoryBasis {
    pub fn code(self) -> &'static str {
        match self {
            InventoryBasis::Sales => "sales",
            InventoryBasis::Parc => "parc",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            InventoryBasis::Sales => "年销量",
            InventoryBasis::Parc => "保有量",
        }
    }

    pub fn from_code(s: &str) -> Option<InventoryBasis> {
        match s.trim() {
            "sales" | "年销量" | "销量" => Some(InventoryBasis::Sales),
            "parc" | "保有量" => Some(InventoryBasis::Parc),
            _ => None,
        }
    }
}

/// 指标目标：the targets the dashboard marks good or bad against (percent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorTargets {
    /// 配件一次供应率 — 品种供应率 (the headline) 高于
    pub first_time_supply_min: Rate,
    /// 配件一次供应率 — 数量供应率 (shown beside it) 高于
    pub first_time_supply_qty_min: Rate,
    /// 配件滞销率 不高于
    pub slow_moving_max: Rate,
    /// 三包费用率 不高于
    pub warranty_cost_max: Rate,
    /// 用户建档率 不低于
    pub filing_min: Rate,
    /// 用户回访率 不低于
    pub follow_up_min: Rate,
    /// 点检率 不低于
    pub inspection_min: Rate,
}

impl Default for IndicatorTargets {
    fn default() -> Self {
        IndicatorTargets {
            first_time_supply_min: Rate::percent(90),
            first_time_supply_qty_min: Rate::percent(90),
            slow_moving_max: Rate::percent(5),
            warranty_cost_max: Rate::percent(8),
            filing_min: Rate::percent(100),
            follow_up_min: Rate::percent(100),
            inspection_min: Rate::percent(75),
        }
    }
}

/// 店铺设置.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopSettings {
    /// 店铺名称
    pub shop_name: String,
    /// 服务品牌
    pub brands: Vec<String>,
    /// 所在地区 (省市县/乡镇)
    pub region: String,
    /// 详细地址
    pub address: String,
    /// 服务站代码: the code the factory gave the shop (printed on claims)
    pub service_station_code: String,
    /// 年整车销量（台）: picks the staffing band
    pub annual_vehicle_sales: i64,
    /// 保有量（台）: vehicles of the brand in the shop's area
    pub vehicle_parc: i64,
    /// 单车年均配件消耗（元/台）
    pub parts_consumption_per_vehicle: Money,
    /// 参考库存基数
    pub inventory_basis: InventoryBasis,
    /// 库存系数: the share of a year's parts consumption kept in stock
    #[serde(with = "rust_decimal::serde::str")]
    #[ts(type = "string")]
    pub inventory_factor: Decimal,
    /// 一次供应期（天）: a sub-dealer order's first-supply window runs this
    /// many days from its receipt; what ships within it is its first supply
    /// (indicator 6). Fixed on each order when it is made.
    pub first_supply_days: i64,
    pub targets: IndicatorTargets,
}

impl Default for ShopSettings {
    /// A new shop: no name yet, the text's targets, our starting assumptions
    /// for the inventory reference (¥300 per vehicle a year, a factor of 0.3,
    /// about four months of consumption in stock).
    fn default() -> Self {
        ShopSettings {
            shop_name: String::new(),
            brands: Vec::new(),
            region: String::new(),
            address: String::new(),
            service_station_code: String::new(),
            annual_vehicle_sales: 0,
            vehicle_parc: 0,
            parts_consumption_per_vehicle: Money::from_yuan(300),
            inventory_basis: InventoryBasis::Sales,
            inventory_factor: Decimal::new(3, 1),
            first_supply_days: DEFAULT_FIRST_SUPPLY_DAYS,
            targets: IndicatorTargets::default(),
        }
    }
}

impl ShopSettings {
    /// 参考库存金额 = 基数 × 单车年均配件消耗 × 库存系数 (the text's formula).
    pub fn inventory_reference(&self) -> Money {
        let basis = match self.inventory_basis {
            InventoryBasis::Sales => self.annual_vehicle_sales,
            InventoryBasis::Parc => self.vehicle_parc,
        };
        Money::round_from(
            Decimal::from(basis) * self.parts_consumption_per_vehicle.as_decimal() * self.inventory_factor,
        )
    }

    /// Trims the text fields and drops empty brand entries.
    pub fn normalized(mut self) -> ShopSettings {
        self.shop_name = self.shop_name.trim().to_string();
        self.region = self.region.trim().to_string();
        self.address = self.address.trim().to_string();
        self.service_station_code = self.service_station_code.trim().to_uppercase();
        self.brands = self
            .brands
            .iter()
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty())
            .collect();
        self
    }

    /// Every rule the settings must keep; all problems at once, by field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Vec::new();
        let name_len = self.shop_name.chars().count();
        if name_len == 0 {
            p.push(Problem::field("shopName", "请填写店铺名称"));
        } else if name_len > MAX_NAME_CHARS {
            p.push(Problem::field(
                "shopName",
                format!("店铺名称不能超过 {MAX_NAME_CHARS} 个字"),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if self.brands.is_empty() {
            p.push(Problem::field("brands", "请填写服务品牌"));
        } else if let Some(b) = self.brands.iter().find(|b| !seen.insert(b.as_str())) {
            p.push(Problem::field("brands", format!("服务品牌「{b}」重复了")));
        } else if self.brands.len() > MAX_BRANDS {
            p.push(Problem::field(
                "brands",
                "服务品牌只填本店授权的一个品牌：三包政策、索赔和工厂报表都按一个品牌管理",
            ));
        } else if let Some(b) = self.brands.iter().find(|b| b.chars().count() > 20) {
            p.push(Problem::field("brands", format!("品牌名称「{b}」太长（最多 20 个字）")));
        }
        if self.region.chars().count() > 60 {
            p.push(Problem::field("region", "所在地区不能超过 60 个字"));
        }
        if self.address.chars().count() > 100 {
            p.push(Problem::field("address", "详细地址不能超过 100 个字"));
        }
        let code = &self.service_station_code;
        if code.chars().count() > 20 {
            p.push(Problem::field("serviceStationCode", "服务站代码不能超过 20 个字符"));
        } else if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            p.push(Problem::field(
                "serviceStationCode",
                format!("服务站代码「{code}」只能包含字母、数字和 -"),
            ));
        }
        if !(0..=MAX_ANNUAL_SALES).contains(&self.annual_vehicle_sales) {
            p.push(Problem::field(
                "annualVehicleSales",
                format!("年整车销量须在 0 到 {} 台之间", group(MAX_ANNUAL_SALES)),
            ));
        }
        if !(0..=MAX_PARC).contains(&self.vehicle_parc) {
            p.push(Problem::field(
                "vehicleParc",
                format!("保有量须在 0 到 {} 台之间", group(MAX_PARC)),
            ));
        }
        let per = self.parts_consumption_per_vehicle;
        if per.is_negative() || per > Money::from_yuan(MAX_PARTS_PER_VEHICLE_YUAN) {
            p.push(Problem::field(
                "partsConsumptionPerVehicle",
                format!("单车年均配件消耗须在 0 到 {} 元之间", group(MAX_PARTS_PER_VEHICLE_YUAN)),
            ));
        }
        let f = self.inventory_factor;
        if f <= Decimal::ZERO || f > Decimal::from(5) {
            p.push(Problem::field(
                "inventoryFactor",
                "库存系数须大于 0、不超过 5（例如 0.3 表示备约 4 个月的用量）",
            ));
        } else if f.normalize().scale() > 2 {
            p.push(Problem::field("inventoryFactor", "库存系数最多保留两位小数"));
        }
        if !(0..=MAX_FIRST_SUPPLY_DAYS).contains(&self.first_supply_days) {
            p.push(Problem::field(
                "firstSupplyDays",
                format!("一次供应期须在 0 到 {MAX_FIRST_SUPPLY_DAYS} 天之间（0 表示当天发货才算一次供应）"),
            ));
        }
        for d in SETTINGS {
            let Some(target) = d.target else { continue };
            let v = target(&self.targets).as_decimal();
            if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                p.push(Problem::field(d.key, format!("{}须在 0% 到 100% 之间", d.label)));
            }
        }
        p
    }

    /// The settings, normalised, or a validation error listing every problem.
    pub fn validated(self) -> AppResult<ShopSettings> {
        let s = self.normalized();
        let problems = s.problems();
        if problems.is_empty() {
            Ok(s)
        } else {
            Err(AppError::from_problems(ErrorCode::Validation, problems))
        }
    }
}

/// 店铺设置 as typed in the form or read from a workbook: every value is
/// text, so that each one can be parsed here and a bad one reported against
/// its field (a typo in a number is a message, never a silent clamp).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct SettingsInput {
    pub shop_name: String,
    /// brand names separated by 、 , ， ; or spaces
    pub brands: String,
    pub region: String,
    pub address: String,
    pub service_station_code: String,
    pub annual_vehicle_sales: String,
    pub vehicle_parc: String,
    pub parts_consumption_per_vehicle: String,
    /// `sales`/`年销量` or `parc`/`保有量`
    pub inventory_basis: String,
    pub inventory_factor: String,
    pub first_supply_days: String,
    pub first_time_supply_min: String,
    pub first_time_supply_qty_min: String,
    pub slow_moving_max: String,
    pub warranty_cost_max: String,
    pub filing_min: String,
    pub follow_up_min: String,
    pub inspection_min: String,
}

/// 设置项: one shop setting, declared once. Its key names it in the form,
/// in a problem's `field` and in the order problems are listed; its label in
/// messages; its row, note and default-when-missing in the workbook's
/// 店铺设置 sheet (exchange); how its text is shown and read. The window's
/// contract carries the keys and labels (`SettingFields`).
pub struct SettingDef {
    /// `vehicleParc`, `targets.filingMin`
    pub key: &'static str,
    /// 保有量, 用户建档率目标
    pub label: &'static str,
    /// the workbook's 项目: 保有量（台）
    pub row: &'static str,
    /// the workbook's 说明
    pub note: &'static str,
    /// the value a workbook made before the row existed is read with
    /// (None: the row is required)
    pub missing: Option<&'static str>,
    /// the 项目 earlier workbooks wrote for it, read as this one
    pub former_rows: &'static [&'static str],
    /// its text in the form
    pub text: fn(&mut SettingsInput) -> &mut String,
    /// the saved value as the form's text
    show: fn(&ShopSettings) -> String,
    /// the saved value as the workbook's 值 when it differs from the form's
    /// text (a choice: the form holds its code, the workbook its label);
    /// None: as the form shows it
    cell: Option<fn(&ShopSettings) -> String>,
    /// reads the form's text into the settings, or says why not (the
    /// label is the setting's, for the message)
    read: fn(&mut ShopSettings, &str, &str) -> Result<(), String>,
    /// an indicator target: its value, kept between 0% and 100%
    pub target: Option<fn(&IndicatorTargets) -> Rate>,
}

impl SettingDef {
    /// The saved value as the workbook's 店铺设置 sheet writes it.
    pub fn cell_text(&self, s: &ShopSettings) -> String {
        self.cell.unwrap_or(self.show)(s)
    }
}

/// Every shop setting, in the order the form shows them (and problems are
/// listed).
pub const SETTINGS: &[SettingDef] = &[
    SettingDef {
        key: "shopName",
        label: "店铺名称",
        row: "店铺名称",
        note: "必填，最多 40 字",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.shop_name,
        show: |s| s.shop_name.clone(),
        read: |s, t, _| {
            s.shop_name = t.to_string();
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "brands",
        label: "服务品牌",
        row: "服务品牌",
        note: "多个品牌用顿号（、）或逗号分隔",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.brands,
        show: |s| s.brands.join("、"),
        read: |s, t, _| {
            s.brands = t
                .split(['、', ',', '，', ';', '；', ' ', '\t', '\n'])
                .map(|b| b.trim().to_string())
                .filter(|b| !b.is_empty())
                .collect();
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "region",
        label: "所在地区",
        row: "所在地区",
        note: "省市县或乡镇",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.region,
        show: |s| s.region.clone(),
        read: |s, t, _| {
            s.region = t.to_string();
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "address",
        label: "详细地址",
        row: "详细地址",
        note: "",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.address,
        show: |s| s.address.clone(),
        read: |s, t, _| {
            s.address = t.to_string();
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "serviceStationCode",
        label: "服务站代码",
        row: "服务站代码",
        note: "工厂给本店的代码，打印在三包索赔单上；字母、数字和 -",
        missing: Some(""),
        former_rows: &[],
        text: |i| &mut i.service_station_code,
        show: |s| s.service_station_code.clone(),
        read: |s, t, _| {
            s.service_station_code = t.to_string();
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "annualVehicleSales",
        label: "年整车销量",
        row: "年整车销量（台）",
        note: "整数，决定岗位配置档次",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.annual_vehicle_sales,
        show: |s| s.annual_vehicle_sales.to_string(),
        read: |s, t, l| {
            s.annual_vehicle_sales = whole(t, l)?;
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "vehicleParc",
        label: "保有量",
        row: "保有量（台）",
        note: "整数",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.vehicle_parc,
        show: |s| s.vehicle_parc.to_string(),
        read: |s, t, l| {
            s.vehicle_parc = whole(t, l)?;
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "partsConsumptionPerVehicle",
        label: "单车年均配件消耗",
        row: "单车年均配件消耗（元）",
        note: "金额，最多两位小数",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.parts_consumption_per_vehicle,
        show: |s| s.parts_consumption_per_vehicle.to_string(),
        read: |s, t, l| {
            s.parts_consumption_per_vehicle = Money::from_str(t).map_err(|e| format!("{l}：{}", e.0))?;
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "inventoryBasis",
        label: "参考库存基数",
        row: "参考库存基数",
        note: "年销量 或 保有量",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.inventory_basis,
        show: |s| s.inventory_basis.code().to_string(),
        read: |s, t, l| {
            s.inventory_basis = InventoryBasis::from_code(t).ok_or_else(|| format!("{l}应为「年销量」或「保有量」"))?;
            Ok(())
        },
        cell: Some(|s| s.inventory_basis.label().to_string()),
        target: None,
    },
    SettingDef {
        key: "inventoryFactor",
        label: "库存系数",
        row: "库存系数",
        note: "大于 0、不超过 5，例如 0.3",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.inventory_factor,
        show: |s| s.inventory_factor.normalize().to_string(),
        read: |s, t, l| {
            let t = t.trim();
            s.inventory_factor = match Decimal::from_str(t) {
                Ok(d) if !t.contains(['e', 'E']) => d,
                _ if t.is_empty() => return Err(format!("请填写{l}")),
                _ => return Err(format!("{l}「{t}」不是有效的数字")),
            };
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "firstSupplyDays",
        label: "一次供应期",
        row: "一次供应期（天）",
        note: "0–30，经销商订单自订货日起这些天内发出的算一次供应",
        missing: Some("2"),
        former_rows: &[],
        text: |i| &mut i.first_supply_days,
        show: |s| s.first_supply_days.to_string(),
        read: |s, t, l| {
            s.first_supply_days = whole(t, l)?;
            Ok(())
        },
        cell: None,
        target: None,
    },
    SettingDef {
        key: "targets.firstTimeSupplyMin",
        label: "品种供应率目标",
        row: "品种供应率目标（%，高于）",
        note: "0–100，配件一次供应率的主指标",
        missing: None,
        // the text writes "> 90%"; it was labelled 不低于 before (targets.rs)
        former_rows: &["配件一次供应率目标（%，不低于）", "配件一次供应率目标（%，高于）"],
        text: |i| &mut i.first_time_supply_min,
        show: |s| s.targets.first_time_supply_min.to_string(),
        read: |s, t, l| {
            s.targets.first_time_supply_min = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.first_time_supply_min),
    },
    SettingDef {
        key: "targets.firstTimeSupplyQtyMin",
        label: "数量供应率目标",
        row: "数量供应率目标（%，高于）",
        note: "0–100",
        missing: Some("90"),
        former_rows: &[],
        text: |i| &mut i.first_time_supply_qty_min,
        show: |s| s.targets.first_time_supply_qty_min.to_string(),
        read: |s, t, l| {
            s.targets.first_time_supply_qty_min = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.first_time_supply_qty_min),
    },
    SettingDef {
        key: "targets.slowMovingMax",
        label: "配件滞销率目标",
        row: "配件滞销率目标（%，不高于）",
        note: "0–100",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.slow_moving_max,
        show: |s| s.targets.slow_moving_max.to_string(),
        read: |s, t, l| {
            s.targets.slow_moving_max = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.slow_moving_max),
    },
    SettingDef {
        key: "targets.warrantyCostMax",
        label: "三包费用率目标",
        row: "三包费用率目标（%，不高于）",
        note: "0–100",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.warranty_cost_max,
        show: |s| s.targets.warranty_cost_max.to_string(),
        read: |s, t, l| {
            s.targets.warranty_cost_max = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.warranty_cost_max),
    },
    SettingDef {
        key: "targets.filingMin",
        label: "用户建档率目标",
        row: "用户建档率目标（%，不低于）",
        note: "0–100",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.filing_min,
        show: |s| s.targets.filing_min.to_string(),
        read: |s, t, l| {
            s.targets.filing_min = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.filing_min),
    },
    SettingDef {
        key: "targets.followUpMin",
        label: "用户回访率目标",
        row: "用户回访率目标（%，不低于）",
        note: "0–100",
        missing: None,
        former_rows: &[],
        text: |i| &mut i.follow_up_min,
        show: |s| s.targets.follow_up_min.to_string(),
        read: |s, t, l| {
            s.targets.follow_up_min = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.follow_up_min),
    },
    SettingDef {
        key: "targets.inspectionMin",
        label: "点检率目标",
        row: "点检率目标（%，高于）",
        note: "0–100",
        missing: None,
        // the text writes "> 75%"; it was labelled 不低于 before
        former_rows: &["点检率目标（%，不低于）"],
        text: |i| &mut i.inspection_min,
        show: |s| s.targets.inspection_min.to_string(),
        read: |s, t, l| {
            s.targets.inspection_min = rate(t, l)?;
            Ok(())
        },
        cell: None,
        target: Some(|t| t.inspection_min),
    },
];

/// A whole number as a clerk types it (`1,200`).
fn whole(v: &str, label: &str) -> Result<i64, String> {
    let t: String = v.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
    if t.is_empty() {
        Err(format!("请填写{label}"))
    } else {
        t.parse::<i64>()
            .map_err(|_| format!("{label}须为整数，「{}」不是整数", v.trim()))
    }
}

/// A percentage as typed (`92.5%`).
fn rate(v: &str, label: &str) -> Result<Rate, String> {
    Rate::from_str(v).map_err(|e| format!("{label}：{e}"))
}

/// The setting `key` names.
pub fn setting(key: &str) -> Option<&'static SettingDef> {
    SETTINGS.iter().find(|d| d.key == key)
}

impl From<&ShopSettings> for SettingsInput {
    fn from(s: &ShopSettings) -> Self {
        let mut input = SettingsInput::default();
        for d in SETTINGS {
            *(d.text)(&mut input) = (d.show)(s);
        }
        input
    }
}

impl SettingsInput {
    /// The text slot of a setting, by its key ([`SETTINGS`]).
    pub fn slot(&mut self, key: &str) -> Option<&mut String> {
        setting(key).map(|d| (d.text)(self))
    }

    /// Parses and validates every field; all problems at once, by field
    /// (target fields are named `targets.<name>`), in the form's order.
    pub fn parse(&self) -> AppResult<ShopSettings> {
        let mut p = Vec::new();
        let mut text = self.clone();
        let mut parsed = ShopSettings::default();
        for d in SETTINGS {
            if let Err(m) = (d.read)(&mut parsed, (d.text)(&mut text), d.label) {
                p.push(Problem::field(d.key, m));
            }
        }
        let parsed = parsed.normalized();
        // range rules only for fields that parsed
        let parse_failed: std::collections::HashSet<String> = p.iter().filter_map(|x| x.field.clone()).collect();
        p.extend(
            parsed
                .problems()
                .into_iter()
                .filter(|x| !x.field.as_ref().is_some_and(|f| parse_failed.contains(f))),
        );
        p.sort_by_key(|x| {
            x.field
                .as_deref()
                .and_then(|f| SETTINGS.iter().position(|d| d.key == f))
                .unwrap_or(usize::MAX)
        });
        if p.is_empty() {
            Ok(parsed)
        } else {
            Err(AppError::from_problems(ErrorCode::Validation, p))
        }
    }
}

/// `50,000`
fn group(n: i64) -> String {
    Money::from_yuan(n)
        .display_cny()
        .trim_start_matches('¥')
        .trim_end_matches(".00")
        .to_string()
}

/// The saved settings, or `None` when the shop has not been set up yet.
pub fn load(conn: &Connection) -> AppResult<Option<ShopSettings>> {
    let row = conn
        .query_row(
            "SELECT shop_name, brands, region, address, annual_vehicle_sales, vehicle_parc,
                    parts_per_vehicle_fen, inventory_basis, inventory_factor, target_first_supply,
                    target_slow_moving, target_warranty_cost, target_filing, target_follow_up,
                    target_inspection, first_supply_days, target_first_supply_qty, service_station_code
             FROM shop_settings WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Money>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    IndicatorTargets {
                        first_time_supply_min: r.get(9)?,
                        first_time_supply_qty_min: r.get(16)?,
                        slow_moving_max: r.get(10)?,
                        warranty_cost_max: r.get(11)?,
                        filing_min: r.get(12)?,
                        follow_up_min: r.get(13)?,
                        inspection_min: r.get(14)?,
                    },
                    r.get::<_, i64>(15)?,
                    r.get::<_, String>(17)?,
                ))
            },
        )
        .optional()?;
    let Some((shop_name, brands, region, address, sales, parc, per, basis, factor, targets, days, code)) = row else {
        return Ok(None);
    };
    let corrupt = |what: &str| {
        AppError::new(
            ErrorCode::Storage,
            format!("店铺设置中的{what}无法读取，请重新保存设置"),
        )
    };
    Ok(Some(ShopSettings {
        shop_name,
        brands: serde_json::from_str(&brands).map_err(|_| corrupt("服务品牌"))?,
        region,
        address,
        service_station_code: code,
        annual_vehicle_sales: sales,
        vehicle_parc: parc,
        parts_consumption_per_vehicle: per,
        inventory_basis: InventoryBasis::from_code(&basis).ok_or_else(|| corrupt("参考库存基数"))?,
        inventory_factor: Decimal::from_str(&factor).map_err(|_| corrupt("库存系数"))?,
        first_supply_days: days,
        targets,
    }))
}

/// Validates and saves the settings in one statement; on any problem nothing
/// is written and every problem is returned.
pub fn save(conn: &Connection, settings: ShopSettings) -> AppResult<ShopSettings> {
    let s = settings.validated()?;
    let brands = serde_json::to_string(&s.brands).expect("strings serialise");
    let now = crate::dates::stamp();
    let t = &s.targets;
    conn.execute(
        "INSERT INTO shop_settings (id, shop_name, brands, region, address, annual_vehicle_sales,
            vehicle_parc, parts_per_vehicle_fen, inventory_basis, inventory_factor, target_first_supply,
            target_slow_moving, target_warranty_cost, target_filing, target_follow_up, target_inspection,
            updated_at, first_supply_days, target_first_supply_qty, service_station_code)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
         ON CONFLICT(id) DO UPDATE SET
            shop_name = excluded.shop_name, brands = excluded.brands, region = excluded.region,
            address = excluded.address, annual_vehicle_sales = excluded.annual_vehicle_sales,
            vehicle_parc = excluded.vehicle_parc, parts_per_vehicle_fen = excluded.parts_per_vehicle_fen,
            inventory_basis = excluded.inventory_basis, inventory_factor = excluded.inventory_factor,
            target_first_supply = excluded.target_first_supply,
            target_slow_moving = excluded.target_slow_moving,
            target_warranty_cost = excluded.target_warranty_cost, target_filing = excluded.target_filing,
            target_follow_up = excluded.target_follow_up, target_inspection = excluded.target_inspection,
            updated_at = excluded.updated_at, first_supply_days = excluded.first_supply_days,
            target_first_supply_qty = excluded.target_first_supply_qty,
            service_station_code = excluded.service_station_code",
        params![
            s.shop_name,
            brands,
            s.region,
            s.address,
            s.annual_vehicle_sales,
            s.vehicle_parc,
            s.parts_consumption_per_vehicle,
            s.inventory_basis.code(),
            s.inventory_factor.normalize().to_string(),
            t.first_time_supply_min,
            t.slow_moving_max,
            t.warranty_cost_max,
            t.filing_min,
            t.follow_up_min,
            t.inspection_min,
            now,
            s.first_supply_days,
            t.first_time_supply_qty_min,
            s.service_station_code
        ],
    )?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn good() -> ShopSettings {
        ShopSettings {
            shop_name: "  宏达摩托4S店 ".into(),
            brands: vec![" ".into(), "豪爵".into()],
            region: "河南省周口市郸城县".into(),
            address: "城关镇建设路88号".into(),
            service_station_code: " hj-hn-0328 ".into(),
            annual_vehicle_sales: 280,
            vehicle_parc: 1900,
            parts_consumption_per_vehicle: "320".parse().unwrap(),
            inventory_basis: InventoryBasis::Sales,
            inventory_factor: Decimal::new(3, 1),
            first_supply_days: DEFAULT_FIRST_SUPPLY_DAYS,
            targets: IndicatorTargets::default(),
        }
    }

    #[test]
    fn defaults_are_the_texts_reference_values() {
        let t = IndicatorTargets::default();
        assert_eq!(t.first_time_supply_min.display(), "90%");
        assert_eq!(t.slow_moving_max.display(), "5%");
        assert_eq!(t.warranty_cost_max.display(), "8%");
        assert_eq!(t.filing_min.display(), "100%");
        assert_eq!(t.follow_up_min.display(), "100%");
        assert_eq!(t.inspection_min.display(), "75%");
    }

    #[test]
    fn save_then_load_round_trips_normalised() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(load(s.conn()).unwrap(), None);
        let saved = save(s.conn(), good()).unwrap();
        assert_eq!(saved.shop_name, "宏达摩托4S店");
        assert_eq!(saved.brands, vec!["豪爵"]);
        // the factory's code, trimmed and upper-case
        assert_eq!(saved.service_station_code, "HJ-HN-0328");
        assert_eq!(load(s.conn()).unwrap(), Some(saved.clone()));
        let mut odd = saved.clone();
        odd.service_station_code = "豪爵 01".into();
        let e = save(s.conn(), odd).unwrap_err();
        assert_eq!(e.message, "服务站代码「豪爵 01」只能包含字母、数字和 -");
        // 280 × ¥320 × 0.3 = ¥26,880.00
        assert_eq!(saved.inventory_reference().display_cny(), "¥26,880.00");
        let mut parc = saved.clone();
        parc.inventory_basis = InventoryBasis::Parc;
        assert_eq!(parc.inventory_reference().display_cny(), "¥182,400.00");
    }

    #[test]
    fn bad_values_are_all_reported_and_nothing_is_saved() {
        let s = Store::open_in_memory().unwrap();
        let first = save(s.conn(), good()).unwrap();
        let mut bad = good();
        bad.shop_name = "   ".into();
        bad.annual_vehicle_sales = -5;
        bad.vehicle_parc = 50_000_000;
        bad.parts_consumption_per_vehicle = "-1".parse().unwrap();
        bad.inventory_factor = Decimal::ZERO;
        bad.targets.inspection_min = "120".parse().unwrap();
        bad.targets.slow_moving_max = "-1".parse().unwrap();
        let err = save(s.conn(), bad).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        let fields: Vec<&str> = err.problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(
            fields,
            vec![
                "shopName",
                "annualVehicleSales",
                "vehicleParc",
                "partsConsumptionPerVehicle",
                "inventoryFactor",
                "targets.slowMovingMax",
                "targets.inspectionMin"
            ]
        );
        assert!(
            err.message.starts_with("共 7 处错误，第一处：请填写店铺名称"),
            "{}",
            err.message
        );
        assert_eq!(err.problems[6].message, "点检率目标须在 0% 到 100% 之间");
        assert_eq!(load(s.conn()).unwrap(), Some(first), "nothing may change");
    }

    #[test]
    fn one_bad_field_names_the_field() {
        let mut bad = good();
        bad.brands = vec!["豪爵".into(), "豪爵".into()];
        let err = bad.validated().unwrap_err();
        assert_eq!(err.field.as_deref(), Some("brands"));
        assert_eq!(err.message, "服务品牌「豪爵」重复了");
        let mut bad = good();
        bad.annual_vehicle_sales = 50_001;
        assert_eq!(
            bad.validated().unwrap_err().message,
            "年整车销量须在 0 到 50,000 台之间"
        );
    }

    #[test]
    fn ipc_form_uses_strings_for_money_rates_and_factor() {
        let json = serde_json::to_value(good().validated().unwrap()).unwrap();
        assert_eq!(json["partsConsumptionPerVehicle"], "320.00");
        assert_eq!(json["inventoryFactor"], "0.3");
        assert_eq!(json["targets"]["inspectionMin"], "75");
        assert_eq!(json["inventoryBasis"], "sales");
        let back: ShopSettings = serde_json::from_value(json).unwrap();
        assert_eq!(back, good().validated().unwrap());
    }

    #[test]
    fn text_input_reports_every_bad_field_in_form_order() {
        let mut input = SettingsInput::from(&good().validated().unwrap());
        assert_eq!(input.parse().unwrap(), good().validated().unwrap());
        input.shop_name = String::new();
        input.annual_vehicle_sales = "很多".into();
        input.vehicle_parc = "-1".into();
        input.parts_consumption_per_vehicle = "3.141".into();
        input.inventory_factor = "1e3".into();
        input.inspection_min = "abc".into();
        input.filing_min = "101".into();
        let err = input.parse().unwrap_err();
        let got: Vec<(String, String)> = err
            .problems
            .iter()
            .map(|p| (p.field.clone().unwrap(), p.message.clone()))
            .collect();
        let want = [
            ("shopName", "请填写店铺名称"),
            ("annualVehicleSales", "年整车销量须为整数，「很多」不是整数"),
            ("vehicleParc", "保有量须在 0 到 1,000,000 台之间"),
            (
                "partsConsumptionPerVehicle",
                "单车年均配件消耗：金额最多保留两位小数（精确到分）",
            ),
            ("inventoryFactor", "库存系数「1e3」不是有效的数字"),
            ("targets.filingMin", "用户建档率目标须在 0% 到 100% 之间"),
            ("targets.inspectionMin", "点检率目标：「abc」不是有效的百分比"),
        ];
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn text_input_accepts_what_a_clerk_types() {
        let mut input = SettingsInput::from(&good().validated().unwrap());
        input.brands = " 豪爵；".into();
        input.annual_vehicle_sales = " 1,200 ".into();
        input.parts_consumption_per_vehicle = "¥1,320.5".into();
        input.inventory_basis = "保有量".into();
        input.first_time_supply_min = "92.5%".into();
        let s = input.parse().unwrap();
        assert_eq!(s.brands, vec!["豪爵"]);
        // a second brand: the app keeps one brand's policy, claims and report
        let mut two = SettingsInput::from(&good().validated().unwrap());
        two.brands = "豪爵、五羊".into();
        let e = two.parse().unwrap_err();
        assert!(e.problems[0].message.contains("只填本店授权的一个品牌"), "{e:?}");
        assert_eq!(s.annual_vehicle_sales, 1200);
        assert_eq!(s.parts_consumption_per_vehicle.to_string(), "1320.50");
        assert_eq!(s.inventory_basis, InventoryBasis::Parc);
        assert_eq!(s.targets.first_time_supply_min.display(), "92.5%");
    }
}
