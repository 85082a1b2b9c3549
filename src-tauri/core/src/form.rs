//! 表单字段：parsing the text of a form's fields, collecting every problem
//! by field. Forms send text (see ARCHITECTURE.md, "Form values travel as
//! text"); each area's `…Input::parse` uses these so that the same mistake
//! gets the same Chinese message everywhere.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};

use crate::dates::{self, date_label};
use crate::error::Problem;
use crate::money::Money;

/// The problems of one form, by field.
#[derive(Debug, Default)]
pub struct Fields {
    pub problems: Vec<Problem>,
}

impl Fields {
    pub fn new() -> Fields {
        Fields::default()
    }

    pub fn bad(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::field(field, message));
    }

    pub fn has(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field.as_deref() == Some(field))
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Trimmed text of at most `max` characters; required unless `optional`.
    pub fn text(&mut self, field: &str, label: &str, v: &str, max: usize, required: bool) -> String {
        let t = v.trim().to_string();
        if required && t.is_empty() {
            self.bad(field, format!("请填写{label}"));
        } else if t.chars().count() > max {
            self.bad(field, format!("{label}不能超过 {max} 个字"));
        }
        t
    }

    /// A required choice from `table`, given as its code or its label;
    /// `missing` says what to choose when it is neither.
    pub fn choice(
        &mut self,
        field: &str,
        table: &Choices,
        v: &str,
        missing: impl Into<String>,
    ) -> Option<&'static str> {
        let code = code_of(table, v);
        if code.is_none() {
            self.bad(field, missing);
        }
        code
    }

    /// An optional date (empty = none), not after `today`.
    pub fn date(&mut self, field: &str, label: &str, v: &str, today: NaiveDate) -> Option<NaiveDate> {
        if v.trim().is_empty() {
            return None;
        }
        match dates::parse_date(field, v) {
            Ok(d) => match dates::not_in_future(field, label, d, today) {
                Ok(()) => Some(d),
                Err(e) => {
                    self.problems.extend(e.problems);
                    None
                }
            },
            Err(e) => {
                self.bad(field, format!("{label}：{}", e.message));
                None
            }
        }
    }

    /// A required date, not after `today`.
    pub fn required_date(&mut self, field: &str, label: &str, v: &str, today: NaiveDate) -> Option<NaiveDate> {
        if v.trim().is_empty() {
            self.bad(field, format!("请填写{label}"));
            return None;
        }
        self.date(field, label, v, today)
    }

    /// A date and time typed as `2026-11-26 14:30` (or with a `T`). Future
    /// times are allowed (a promised time is in the future).
    pub fn datetime(&mut self, field: &str, label: &str, v: &str) -> Option<NaiveDateTime> {
        let t = halfwidth(v.trim()).replace('T', " ");
        if t.is_empty() {
            self.bad(field, format!("请填写{label}"));
            return None;
        }
        // seconds are dropped (`2026-11-26 14:30:15`); cut on a character
        // boundary, whatever was typed
        let t = match (t.chars().count(), t.char_indices().nth(16)) {
            (19, Some((i, _))) => t[..i].to_string(),
            _ => t,
        };
        match NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M") {
            Ok(d) => Some(d),
            Err(_) => {
                self.bad(
                    field,
                    format!("{label}「{}」无效，应写成 2026-11-26 14:30 这样的形式", v.trim()),
                );
                None
            }
        }
    }

    /// An optional amount (empty = none), not negative, to the fen.
    pub fn money(&mut self, field: &str, label: &str, v: &str) -> Option<Money> {
        if v.trim().is_empty() {
            return None;
        }
        match Money::from_str(v) {
            Ok(m) if m.is_negative() => {
                self.bad(field, format!("{label}不能为负数"));
                None
            }
            Ok(m) => Some(m),
            Err(e) => {
                self.bad(field, format!("{label}：{}", e.0));
                None
            }
        }
    }

    /// An optional whole number from 0 to `max` (empty = none).
    pub fn count(&mut self, field: &str, label: &str, v: &str, max: i64) -> Option<i64> {
        let t: String = v.trim().chars().filter(|c| *c != ',' && *c != '，').collect();
        if t.is_empty() {
            return None;
        }
        match t.parse::<i64>() {
            Ok(n) if n < 0 => {
                self.bad(field, format!("{label}不能为负数"));
                None
            }
            Ok(n) if n > max => {
                self.bad(field, format!("{label}不能超过 {max}"));
                None
            }
            Ok(n) => Some(n),
            Err(_) => {
                self.bad(field, format!("{label}须为整数，「{}」不是", v.trim()));
                None
            }
        }
    }

    /// A Chinese mobile number (11 digits, 1[3-9]…); spaces and dashes are
    /// dropped. Empty is allowed unless `required`.
    pub fn mobile(&mut self, field: &str, v: &str, required: bool) -> String {
        let t: String = v.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        let t = t.strip_prefix("+86").unwrap_or(&t).to_string();
        if t.is_empty() {
            if required {
                self.bad(field, "请填写手机号");
            }
            return t;
        }
        if let Err(m) = check_mobile(&t) {
            self.bad(field, m);
        }
        t
    }

    /// `later` must not be before `earlier` (both present).
    pub fn not_before(
        &mut self,
        field: &str,
        label: &str,
        later: Option<NaiveDate>,
        what: &str,
        earlier: Option<NaiveDate>,
    ) {
        if let (Some(l), Some(e)) = (later, earlier) {
            if l < e {
                self.bad(
                    field,
                    format!("{label}（{}）早于{what}（{}）", date_label(l), date_label(e)),
                );
            }
        }
    }
}

/// An 11-digit mainland mobile number starting 13–19.
/// Full-width characters as typed with a Chinese input method (`２０２６－１１`,
/// `９：３０`, the ideographic space) as their ASCII forms, for parsing
/// numbers, dates and times.
pub fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

pub fn check_mobile(t: &str) -> Result<(), String> {
    if !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("手机号「{t}」只能是数字"));
    }
    if t.len() != 11 {
        return Err(format!("手机号应为 11 位，「{t}」是 {} 位", t.len()));
    }
    let b = t.as_bytes();
    if b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
        return Err(format!("「{t}」不是有效的手机号（应以 13–19 开头）"));
    }
    Ok(())
}

/// 选项表: a closed list of choices as (code kept in the database, label
/// shown and written in workbooks), in the order the screens offer them.
pub type Choices = [(&'static str, &'static str)];

/// The code of a choice given as its code (forms send codes) or its label
/// (workbooks and typed text carry labels); None when it is neither.
pub fn code_of(table: &Choices, v: &str) -> Option<&'static str> {
    let v = v.trim();
    table.iter().find(|(c, l)| *c == v || *l == v).map(|(c, _)| *c)
}

/// The label of a code; empty for a code not in the table.
pub fn label_of(table: &Choices, code: &str) -> &'static str {
    table.iter().find(|(c, _)| *c == code).map_or("", |(_, l)| l)
}

/// `2026-11-26 14:30`, the form the database keeps date-times in.
pub fn datetime_text(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_read_from_its_code_or_its_label_and_anything_else_is_refused_by_field() {
        const KINDS: [(&str, &str); 2] = [("equipment", "设备"), ("special_tool", "专用工具")];
        let mut f = Fields::new();
        assert_eq!(
            f.choice("kind", &KINDS, " special_tool ", "请选择类别"),
            Some("special_tool")
        );
        assert_eq!(f.choice("kind", &KINDS, "设备", "请选择类别"), Some("equipment"));
        assert!(f.is_empty());
        assert_eq!(f.choice("kind", &KINDS, "量具", "请选择类别"), None);
        assert_eq!(f.problems.len(), 1);
        assert_eq!(f.problems[0].field.as_deref(), Some("kind"));
        assert_eq!(f.problems[0].message, "请选择类别");
        assert_eq!(label_of(&KINDS, "special_tool"), "专用工具");
        assert_eq!(label_of(&KINDS, "gauge"), "");
    }

    #[test]
    fn full_width_dates_and_times_are_read_and_odd_text_is_refused_without_a_panic() {
        let mut f = Fields::new();
        assert_eq!(
            f.datetime("t", "进厂时间", "2026－11-26 9：30").map(|d| d.to_string()),
            Some("2026-11-26 09:30:00".into())
        );
        assert_eq!(
            f.datetime("t", "进厂时间", "２０２６－１１－２６　０９：３０")
                .map(|d| d.to_string()),
            Some("2026-11-26 09:30:00".into())
        );
        assert_eq!(
            f.datetime("t", "进厂时间", "2026-11-26 14:30:15")
                .map(|d| d.to_string()),
            Some("2026-11-26 14:30:00".into())
        );
        // nineteen characters, not nineteen bytes: no slicing inside a character
        for odd in [
            "２０２６－１１－２６　０９：３０：００",
            "进厂时间进厂时间进厂时间进厂时间进厂时间",
            "2026-11-26 14:3０",
        ] {
            let mut f = Fields::new();
            let _ = f.datetime("t", "进厂时间", odd);
        }
        assert_eq!(
            crate::dates::parse_date("d", "２０２６－１１－２６")
                .unwrap()
                .to_string(),
            "2026-11-26"
        );
    }

    #[test]
    fn mobiles_dates_amounts_and_counts() {
        let mut f = Fields::new();
        assert_eq!(f.mobile("m", "138 0013 8000", true), "13800138000");
        assert_eq!(f.mobile("m", "+86-139-0000-0000", true), "13900000000");
        assert!(f.is_empty());
        f.mobile("a", "1380013800", true);
        f.mobile("b", "23800138000", true);
        f.mobile("c", "1380013800x", true);
        f.mobile("d", "", true);
        let msgs: Vec<&str> = f.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "手机号应为 11 位，「1380013800」是 10 位",
                "「23800138000」不是有效的手机号（应以 13–19 开头）",
                "手机号「1380013800x」只能是数字",
                "请填写手机号"
            ]
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut f = Fields::new();
        assert_eq!(f.date("d", "销售日期", "", today), None);
        assert!(f.date("d", "销售日期", "2026-11-27", today).is_none());
        assert!(f.money("p", "售价", "-1").is_none());
        assert!(f.money("p", "售价", "1.005").is_none());
        assert!(f.count("k", "里程", "-5", 1_000_000).is_none());
        assert!(f.count("k", "里程", "12,345", 1_000_000) == Some(12345));
        assert!(f.datetime("t", "进厂时间", "2026-11-26 25:00").is_none());
        assert_eq!(
            f.datetime("t", "进厂时间", "2026-11-26T09:05")
                .map(datetime_text)
                .as_deref(),
            Some("2026-11-26 09:05")
        );
        let msgs: Vec<&str> = f.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(msgs[0], "销售日期（2026年11月27日）晚于今天（2026年11月26日），请检查");
        assert_eq!(msgs[1], "售价不能为负数");
        assert!(msgs[2].starts_with("售价："), "{msgs:?}");
        assert_eq!(msgs[3], "里程不能为负数");
        assert!(msgs[4].starts_with("进厂时间「2026-11-26 25:00」无效"));
    }
}
