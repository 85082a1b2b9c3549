//! 配件目录：the parts catalogue.
//!
//! A part number (配件编号) is stored trimmed and upper-case and is unique.
//! The pinyin initials of the name are kept with it for search.

use std::str::FromStr;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult, ErrorCode, Problem};
use crate::money::Money;

/// Highest price, stock level or quantity the catalogue accepts.
pub const MAX_PRICE_YUAN: i64 = 1_000_000;
pub const MAX_QTY: i64 = 1_000_000;

/// A part of the catalogue with its current stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    pub id: i64,
    /// 配件编号
    pub part_no: String,
    /// 配件名称
    pub name: String,
    /// 拼音首字母
    pub name_initials: String,
    /// 适用车型
    pub fitment: String,
    /// 单位
    pub unit: String,
    /// 类别
    pub category: String,
    /// 机油
    pub is_engine_oil: bool,
    /// 机油升数: litres per unit of an engine oil (indicator 21), e.g. "1", "0.8"
    pub oil_litres: Option<String>,
    /// 进货价
    pub cost_price: Money,
    /// 限价 (retail price)
    pub retail_price: Money,
    /// 库位
    pub bin_location: String,
    pub min_stock: i64,
    pub max_stock: i64,
    pub active: bool,
    /// 库存数量
    pub on_hand: i64,
    /// 库存金额 (book value)
    pub stock_value: Money,
    /// 移动平均成本 (stock value ÷ on hand, to the fen; the cost price when there is no stock)
    pub average_cost: Money,
    pub last_movement_on: Option<String>,
    pub last_issue_on: Option<String>,
}

pub(crate) const PART_COLUMNS: &str = "id, part_no, name, name_initials, fitment, unit, category, is_engine_oil,
    cost_price_fen, retail_price_fen, bin_location, min_stock, max_stock, active, on_hand, stock_value_fen,
    last_movement_on, last_issue_on, oil_ml";

pub(crate) fn part_from_row(r: &Row<'_>) -> rusqlite::Result<Part> {
    let on_hand: i64 = r.get(14)?;
    let stock_value: Money = r.get(15)?;
    let cost_price: Money = r.get(8)?;
    Ok(Part {
        id: r.get(0)?,
        part_no: r.get(1)?,
        name: r.get(2)?,
        name_initials: r.get(3)?,
        fitment: r.get(4)?,
        unit: r.get(5)?,
        category: r.get(6)?,
        is_engine_oil: r.get(7)?,
        oil_litres: r.get::<_, Option<i64>>(18)?.map(litres_text),
        cost_price,
        retail_price: r.get(9)?,
        bin_location: r.get(10)?,
        min_stock: r.get(11)?,
        max_stock: r.get(12)?,
        active: r.get(13)?,
        on_hand,
        stock_value,
        average_cost: average_cost(stock_value, on_hand, cost_price),
        last_movement_on: r.get(16)?,
        last_issue_on: r.get(17)?,
    })
}

/// Millilitres as litres: 800 → "0.8", 1000 → "1".
pub fn litres_text(ml: i64) -> String {
    rust_decimal::Decimal::new(ml, 3).normalize().to_string()
}

/// Litres as typed ("1", "0.8", "4 升") → millilitres, or the problem.
pub fn parse_litres(v: &str) -> Result<i64, String> {
    let t = v.trim().trim_end_matches(['升', 'L', 'l']).trim();
    let d = rust_decimal::Decimal::from_str(t).map_err(|_| format!("机油升数「{}」不是数字", v.trim()))?;
    if d <= rust_decimal::Decimal::ZERO || d > rust_decimal::Decimal::from(1000) {
        return Err("机油升数须大于 0、不超过 1000".into());
    }
    if d.normalize().scale() > 3 {
        return Err("机油升数最多保留三位小数".into());
    }
    Ok((d * rust_decimal::Decimal::from(1000))
        .trunc()
        .try_into()
        .unwrap_or(1000))
}

/// Stock value ÷ quantity, rounded to the fen; the cost price with no stock.
pub fn average_cost(value: Money, on_hand: i64, cost_price: Money) -> Money {
    if on_hand <= 0 {
        cost_price
    } else {
        Money::round_from(value.as_decimal() / rust_decimal::Decimal::from(on_hand))
    }
}

/// A part as typed in the form or read from an import row: all text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct PartInput {
    pub part_no: String,
    pub name: String,
    pub fitment: String,
    pub unit: String,
    pub category: String,
    pub is_engine_oil: bool,
    /// litres per unit of an engine oil; empty means 1 L
    pub oil_litres: String,
    pub cost_price: String,
    pub retail_price: String,
    pub bin_location: String,
    pub min_stock: String,
    pub max_stock: String,
    pub active: bool,
}

/// A parsed, valid catalogue entry (without stock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartFields {
    pub part_no: String,
    pub name: String,
    pub fitment: String,
    pub unit: String,
    pub category: String,
    pub is_engine_oil: bool,
    /// millilitres per unit of an engine oil
    pub oil_ml: Option<i64>,
    pub cost_price: Money,
    pub retail_price: Money,
    pub bin_location: String,
    pub min_stock: i64,
    pub max_stock: i64,
    pub active: bool,
}

/// 配件编号 as stored: trimmed, upper-case, inner spaces removed.
pub fn normalize_part_no(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

impl PartInput {
    /// Every problem at once, by field.
    pub fn parse(&self) -> AppResult<PartFields> {
        let mut p = Vec::new();
        let part_no = normalize_part_no(&self.part_no);
        if part_no.is_empty() {
            p.push(Problem::field("partNo", "请填写配件编号"));
        } else if part_no.chars().count() > 30 {
            p.push(Problem::field("partNo", "配件编号不能超过 30 个字符"));
        } else if !part_no.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
            p.push(Problem::field(
                "partNo",
                format!("配件编号「{part_no}」只能包含字母、数字和 - _ . /"),
            ));
        }
        let name = self.name.trim().to_string();
        if name.is_empty() {
            p.push(Problem::field("name", "请填写配件名称"));
        } else if name.chars().count() > 40 {
            p.push(Problem::field("name", "配件名称不能超过 40 个字"));
        }
        let text = |p: &mut Vec<Problem>, field: &str, label: &str, v: &str, max: usize| -> String {
            let t = v.trim().to_string();
            if t.chars().count() > max {
                p.push(Problem::field(field, format!("{label}不能超过 {max} 个字")));
            }
            t
        };
        let fitment = text(&mut p, "fitment", "适用车型", &self.fitment, 60);
        let mut unit = text(&mut p, "unit", "单位", &self.unit, 6);
        if unit.is_empty() {
            unit = "件".into();
        }
        let category = text(&mut p, "category", "类别", &self.category, 20);
        let bin_location = text(&mut p, "binLocation", "库位", &self.bin_location, 20);
        let price = |p: &mut Vec<Problem>, field: &str, label: &str, v: &str| -> Money {
            match Money::from_str(v) {
                Ok(m) if m.is_negative() => {
                    p.push(Problem::field(field, format!("{label}不能为负数")));
                    Money::ZERO
                }
                Ok(m) if m > Money::from_yuan(MAX_PRICE_YUAN) => {
                    p.push(Problem::field(field, format!("{label}超出允许范围")));
                    Money::ZERO
                }
                Ok(m) => m,
                Err(e) => {
                    p.push(Problem::field(field, format!("{label}：{}", e.0)));
                    Money::ZERO
                }
            }
        };
        let cost_price = price(&mut p, "costPrice", "进货价", &self.cost_price);
        let retail_price = price(&mut p, "retailPrice", "限价", &self.retail_price);
        let level = |p: &mut Vec<Problem>, field: &str, label: &str, v: &str| -> i64 {
            let t = v.trim();
            if t.is_empty() {
                return 0;
            }
            match t.parse::<i64>() {
                Ok(n) if (0..=MAX_QTY).contains(&n) => n,
                Ok(_) => {
                    p.push(Problem::field(field, format!("{label}须在 0 到 1,000,000 之间")));
                    0
                }
                Err(_) => {
                    p.push(Problem::field(field, format!("{label}须为整数，「{t}」不是整数")));
                    0
                }
            }
        };
        let oil_ml = if !self.is_engine_oil {
            None
        } else if self.oil_litres.trim().is_empty() {
            Some(1000)
        } else {
            match parse_litres(&self.oil_litres) {
                Ok(ml) => Some(ml),
                Err(m) => {
                    p.push(Problem::field("oilLitres", m));
                    None
                }
            }
        };
        let min_stock = level(&mut p, "minStock", "最低库存", &self.min_stock);
        let max_stock = level(&mut p, "maxStock", "最高库存", &self.max_stock);
        if max_stock > 0 && max_stock < min_stock {
            p.push(Problem::field("maxStock", "最高库存不能低于最低库存"));
        }
        if !p.is_empty() {
            return Err(AppError::from_problems(ErrorCode::Validation, p));
        }
        Ok(PartFields {
            part_no,
            name,
            fitment,
            unit,
            category,
            is_engine_oil: self.is_engine_oil,
            oil_ml,
            cost_price,
            retail_price,
            bin_location,
            min_stock,
            max_stock,
            active: self.active,
        })
    }
}

impl From<&Part> for PartInput {
    fn from(p: &Part) -> Self {
        PartInput {
            part_no: p.part_no.clone(),
            name: p.name.clone(),
            fitment: p.fitment.clone(),
            unit: p.unit.clone(),
            category: p.category.clone(),
            is_engine_oil: p.is_engine_oil,
            oil_litres: p.oil_litres.clone().unwrap_or_default(),
            cost_price: p.cost_price.to_string(),
            retail_price: p.retail_price.to_string(),
            bin_location: p.bin_location.clone(),
            min_stock: p.min_stock.to_string(),
            max_stock: p.max_stock.to_string(),
            active: p.active,
        }
    }
}

fn duplicate(conn: &Connection, part_no: &str, except: Option<i64>) -> AppResult<()> {
    let existing: Option<(i64, String)> = conn
        .query_row("SELECT id, name FROM part WHERE part_no = ?1", [part_no], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match existing {
        Some((id, name)) if Some(id) != except => Err(AppError {
            code: ErrorCode::Conflict,
            ..AppError::invalid("partNo", format!("配件编号「{part_no}」已存在（{name}）"))
        }),
        _ => Ok(()),
    }
}

/// Adds a part to the catalogue (no stock yet); returns it.
pub fn create(conn: &Connection, input: &PartInput) -> AppResult<Part> {
    let f = input.parse()?;
    duplicate(conn, &f.part_no, None)?;
    let now = crate::dates::stamp();
    conn.execute(
        "INSERT INTO part (part_no, name, name_initials, fitment, unit, category, is_engine_oil, cost_price_fen,
            retail_price_fen, bin_location, min_stock, max_stock, active, created_at, oil_ml)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            f.part_no,
            f.name,
            crate::store::search::pinyin_initials(&f.name),
            f.fitment,
            f.unit,
            f.category,
            f.is_engine_oil,
            f.cost_price,
            f.retail_price,
            f.bin_location,
            f.min_stock,
            f.max_stock,
            f.active,
            now,
            f.oil_ml
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Changes a part's catalogue fields (never its stock).
pub fn update(conn: &Connection, id: i64, input: &PartInput) -> AppResult<Part> {
    let f = input.parse()?;
    get(conn, id)?;
    duplicate(conn, &f.part_no, Some(id))?;
    conn.execute(
        "UPDATE part SET part_no = ?2, name = ?3, name_initials = ?4, fitment = ?5, unit = ?6, category = ?7,
            is_engine_oil = ?8, cost_price_fen = ?9, retail_price_fen = ?10, bin_location = ?11, min_stock = ?12,
            max_stock = ?13, active = ?14, oil_ml = ?15
         WHERE id = ?1",
        params![
            id,
            f.part_no,
            f.name,
            crate::store::search::pinyin_initials(&f.name),
            f.fitment,
            f.unit,
            f.category,
            f.is_engine_oil,
            f.cost_price,
            f.retail_price,
            f.bin_location,
            f.min_stock,
            f.max_stock,
            f.active,
            f.oil_ml
        ],
    )?;
    get(conn, id)
}

pub fn get(conn: &Connection, id: i64) -> AppResult<Part> {
    conn.query_row(
        &format!("SELECT {PART_COLUMNS} FROM part WHERE id = ?1"),
        [id],
        part_from_row,
    )
    .optional()?
    .ok_or_else(|| AppError::not_found("找不到该配件"))
}

/// The part with this number (typed or scanned; normalised first).
pub fn find_by_no(conn: &Connection, part_no: &str) -> AppResult<Option<Part>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PART_COLUMNS} FROM part WHERE part_no = ?1"),
            [normalize_part_no(part_no)],
            part_from_row,
        )
        .optional()?)
}

/// The categories in use, for the filter list.
pub fn categories(conn: &Connection) -> AppResult<Vec<String>> {
    let mut st = conn.prepare("SELECT DISTINCT category FROM part WHERE category <> '' ORDER BY category")?;
    let rows = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    pub fn input(no: &str, name: &str) -> PartInput {
        PartInput {
            part_no: no.into(),
            name: name.into(),
            fitment: "CG125".into(),
            unit: "个".into(),
            category: "滤清器".into(),
            is_engine_oil: false,
            oil_litres: String::new(),
            cost_price: "12.50".into(),
            retail_price: "18".into(),
            bin_location: "A-01-02".into(),
            min_stock: "5".into(),
            max_stock: "40".into(),
            active: true,
        }
    }

    #[test]
    fn an_engine_oil_carries_its_litres_a_unit() {
        let s = Store::open_in_memory().unwrap();
        let oil = |litres: &str| PartInput {
            is_engine_oil: true,
            oil_litres: litres.into(),
            ..input("OIL-1", "机油 0.8L")
        };
        assert_eq!(
            create(s.conn(), &oil("0.8 升")).unwrap().oil_litres.as_deref(),
            Some("0.8")
        );
        let p = get(s.conn(), 1).unwrap();
        // empty: 1 L; other parts have none
        assert_eq!(
            update(s.conn(), p.id, &oil("")).unwrap().oil_litres.as_deref(),
            Some("1")
        );
        let other = create(s.conn(), &input("F-1", "滤清器")).unwrap();
        assert_eq!(other.oil_litres, None);
        for (bad, msg) in [
            ("0", "机油升数须大于 0、不超过 1000"),
            ("半升", "机油升数「半升」不是数字"),
            ("0.0005", "机油升数最多保留三位小数"),
        ] {
            let e = update(s.conn(), p.id, &oil(bad)).unwrap_err();
            assert_eq!(e.message, msg);
        }
        assert_eq!(get(s.conn(), p.id).unwrap().oil_litres.as_deref(), Some("1"));
    }

    #[test]
    fn a_part_is_stored_with_a_normalised_number_and_initials() {
        let s = Store::open_in_memory().unwrap();
        let p = create(s.conn(), &input("  15410-kpn-901 ", "机油滤清器")).unwrap();
        assert_eq!(p.part_no, "15410-KPN-901");
        assert_eq!(p.name_initials, "jylqq");
        assert_eq!(p.cost_price.display_cny(), "¥12.50");
        assert_eq!((p.on_hand, p.stock_value), (0, Money::ZERO));
        assert_eq!(find_by_no(s.conn(), "15410-kpn-901").unwrap().unwrap().id, p.id);
    }

    #[test]
    fn a_duplicate_number_is_refused_naming_the_other_part() {
        let s = Store::open_in_memory().unwrap();
        create(s.conn(), &input("15410-KPN-901", "机油滤清器")).unwrap();
        let e = create(s.conn(), &input("15410-kpn-901", "另一个")).unwrap_err();
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(e.field.as_deref(), Some("partNo"));
        assert_eq!(e.message, "配件编号「15410-KPN-901」已存在（机油滤清器）");
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM part", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn bad_fields_are_all_reported() {
        let mut i = input("AB C#1", "");
        i.cost_price = "1.234".into();
        i.retail_price = "-3".into();
        i.min_stock = "10".into();
        i.max_stock = "2".into();
        let e = i.parse().unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "配件编号「ABC#1」只能包含字母、数字和 - _ . /",
                "请填写配件名称",
                "进货价：金额最多保留两位小数（精确到分）",
                "限价不能为负数",
                "最高库存不能低于最低库存"
            ]
        );
    }
}
