//! 库存查询：the stock list — search as you type by part number, name or
//! pinyin initials; filters; sort by any column; totals; pages.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::catalog::{part_from_row, Part, PART_COLUMNS};
use crate::dates::Month;
use crate::error::AppResult;
use crate::money::Money;
use crate::store::query::Filter;
use crate::store::search::initials_pattern;

/// What the stock list asks for.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase", default)]
pub struct StockQuery {
    /// part number, name or pinyin initials
    pub q: String,
    pub category: String,
    /// 低于最低库存
    pub below_min: bool,
    /// 零库存
    pub zero_stock: bool,
    /// 滞销: the parts indicator 7 counts as slow-moving for `slow_month`
    /// ([`super::indicators::slow_moving_parts`])
    pub slow_moving: bool,
    /// YYYY-MM; empty = this month (本月至今)
    pub slow_month: String,
    /// 机油
    pub engine_oil: bool,
    /// YYYY-MM: the stock as it stood at that month's end (indicator 1's
    /// records) — each part's balance then, the parts in stock then, in use
    /// or not since; empty = now
    pub as_of_month: String,
    /// include inactive parts
    pub include_inactive: bool,
    /// a column of [`SORT_COLUMNS`]
    pub sort: String,
    pub descending: bool,
    /// 0-based page
    pub page: i64,
    pub page_size: i64,
}

/// Columns the list may be sorted by, and their SQL (never user text).
pub const SORT_COLUMNS: &[(&str, &str)] = &[
    ("partNo", "part_no"),
    ("name", "name_initials"),
    ("category", "category"),
    ("binLocation", "bin_location"),
    ("onHand", "on_hand"),
    ("stockValue", "stock_value_fen"),
    ("minStock", "min_stock"),
    ("retailPrice", "retail_price_fen"),
    ("lastIssueOn", "last_issue_on"),
];

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StockPage {
    pub rows: Vec<Part>,
    /// parts matching the filters (all pages)
    pub total_rows: i64,
    /// 合计数量 and 合计金额 over all matching parts
    pub total_qty: i64,
    pub total_value: Money,
}

pub fn query(conn: &Connection, q: &StockQuery, today: NaiveDate) -> AppResult<StockPage> {
    if !q.as_of_month.trim().is_empty() {
        return query_as_of(conn, q, Month::parse(q.as_of_month.trim())?);
    }
    let mut f = Filter::new();
    // the 滞销 list is the month's own (in use as of its end), whatever the
    // part's flag is now
    if !q.include_inactive && !q.slow_moving {
        f.and("active = 1");
    }
    let text = q.q.trim();
    if !text.is_empty() {
        let no = f.contains(&super::catalog::normalize_part_no(text));
        let name = f.contains(text);
        let mut ors = vec![
            format!("part_no LIKE {no} ESCAPE '\\'"),
            format!("name LIKE {name} ESCAPE '\\'"),
        ];
        if let Some(p) = initials_pattern(text) {
            ors.push(format!("name_initials LIKE {}", f.arg(p)));
        }
        f.and(format!("({})", ors.join(" OR ")));
    }
    if !q.category.trim().is_empty() {
        let c = f.arg(q.category.trim().to_string());
        f.and(format!("category = {c}"));
    }
    if q.below_min {
        f.and("on_hand < min_stock");
    }
    if q.zero_stock {
        f.and("on_hand = 0");
    }
    if q.engine_oil {
        f.and("is_engine_oil = 1");
    }
    if q.slow_moving {
        let month = match q.slow_month.trim() {
            "" => Month::of(today),
            m => Month::parse(m)?,
        };
        let ids = super::indicators::slow_moving_parts(conn, month)?;
        let list = format!("[{}]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
        let list = f.arg(list);
        f.and(format!("id IN (SELECT value FROM json_each({list}))"));
    }
    let where_sql = f.sql();
    let sort_col = SORT_COLUMNS
        .iter()
        .find(|(k, _)| *k == q.sort)
        .map(|(_, c)| *c)
        .unwrap_or("part_no");
    let dir = if q.descending { "DESC" } else { "ASC" };
    // The covering index `part_search` (migration 6) answers both parts. The
    // page is asked for first, with LIMIT: a broad query (one character
    // typed) stops after the page, and the totals are then one aggregate
    // scan; a narrow one returns fewer rows than the limit, which means it
    // scanned every match, so its totals are summed from those rows — one
    // scan either way for a narrow query, a short one plus an aggregate for
    // a broad one. INDEXED BY because the planner otherwise prefers the
    // part_no unique index for ORDER BY part_no and reads the table row
    // behind every entry.
    let size = q.page_size.clamp(1, 500) as usize;
    let offset = (q.page.max(0) as usize).saturating_mul(size);
    let want = offset + size;
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, on_hand, stock_value_fen FROM part INDEXED BY part_search {where_sql}
         ORDER BY {sort_col} {dir}, part_no ASC LIMIT {want}"
    ))?;
    let mut ids: Vec<i64> = Vec::new();
    let (mut total_qty, mut total_value) = (0i64, 0i64);
    let mut rows = st.query(f.params())?;
    while let Some(r) = rows.next()? {
        ids.push(r.get(0)?);
        total_qty += r.get::<_, i64>(1)?;
        total_value += r.get::<_, i64>(2)?;
    }
    drop(rows);
    let total_rows = if ids.len() < want {
        ids.len() as i64
    } else {
        let (n, qty, value): (i64, i64, i64) = conn.query_row(
            &format!(
                "SELECT count(*), coalesce(sum(on_hand), 0), coalesce(sum(stock_value_fen), 0)
                 FROM part INDEXED BY part_search {where_sql}"
            ),
            f.params(),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        total_qty = qty;
        total_value = value;
        n
    };
    let page_ids = &ids[offset.min(ids.len())..];
    let mut page: Vec<Part> = Vec::with_capacity(page_ids.len());
    if !page_ids.is_empty() {
        let list = page_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        let mut st = conn.prepare(&format!("SELECT {PART_COLUMNS} FROM part WHERE id IN ({list})"))?;
        let mut by_id: std::collections::HashMap<i64, Part> = st
            .query_map([], part_from_row)?
            .map(|p| p.map(|p| (p.id, p)))
            .collect::<Result<_, _>>()?;
        page.extend(page_ids.iter().filter_map(|i| by_id.remove(i)));
    }
    Ok(StockPage {
        rows: page,
        total_rows,
        total_qty,
        total_value: Money::from_fen(total_value),
    })
}

/// The stock at `month`'s end: every part with a balance then (its latest
/// movement on or before the last day, one index seek per part), with that
/// balance and value in place of today's; text, category and 机油 filter as
/// in the live list. The totals are indicator 1 for the month.
fn query_as_of(conn: &Connection, q: &StockQuery, month: Month) -> AppResult<StockPage> {
    let mut st = conn.prepare(
        "SELECT p.id, m.balance_qty, m.balance_value_fen
         FROM part p JOIN stock_movement m ON m.id = (SELECT id FROM stock_movement WHERE part_id = p.id
                                                      AND moved_on <= ?1 ORDER BY moved_on DESC, id DESC LIMIT 1)
         WHERE m.balance_qty <> 0 OR m.balance_value_fen <> 0",
    )?;
    let at: std::collections::HashMap<i64, (i64, i64)> = st
        .query_map([month.last_day().to_string()], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
        })?
        .collect::<Result<_, _>>()?;
    let text = q.q.trim();
    let no = super::catalog::normalize_part_no(text);
    let initials = initials_pattern(text).map(|p| p.replace('%', ""));
    let mut parts: Vec<Part> = Vec::new();
    let mut all = conn.prepare(&format!("SELECT {PART_COLUMNS} FROM part"))?;
    for p in all.query_map([], part_from_row)? {
        let mut p = p?;
        let Some((qty, value)) = at.get(&p.id).copied() else {
            continue;
        };
        let text_ok = text.is_empty()
            || p.part_no.contains(&no)
            || p.name.contains(text)
            || initials.as_deref().is_some_and(|i| is_subsequence(i, &p.name_initials));
        if !text_ok
            || (!q.category.trim().is_empty() && p.category != q.category.trim())
            || (q.engine_oil && !p.is_engine_oil)
        {
            continue;
        }
        p.on_hand = qty;
        p.stock_value = Money::from_fen(value);
        p.average_cost = super::catalog::average_cost(p.stock_value, qty, p.cost_price);
        parts.push(p);
    }
    parts.sort_by(|a, b| {
        let o = match q.sort.as_str() {
            "name" => a.name_initials.cmp(&b.name_initials),
            "category" => a.category.cmp(&b.category),
            "binLocation" => a.bin_location.cmp(&b.bin_location),
            "onHand" => a.on_hand.cmp(&b.on_hand),
            "stockValue" => a.stock_value.cmp(&b.stock_value),
            "minStock" => a.min_stock.cmp(&b.min_stock),
            "retailPrice" => a.retail_price.cmp(&b.retail_price),
            "lastIssueOn" => a.last_issue_on.cmp(&b.last_issue_on),
            _ => std::cmp::Ordering::Equal,
        };
        let o = if q.descending { o.reverse() } else { o };
        o.then_with(|| a.part_no.cmp(&b.part_no))
    });
    let total_qty = parts.iter().map(|p| p.on_hand).sum();
    let total_value = parts.iter().map(|p| p.stock_value).sum();
    let size = q.page_size.clamp(1, 500) as usize;
    let offset = (q.page.max(0) as usize).saturating_mul(size);
    let total_rows = parts.len() as i64;
    let rows = parts.into_iter().skip(offset).take(size).collect();
    Ok(StockPage {
        rows,
        total_rows,
        total_qty,
        total_value,
    })
}

/// Whether the letters of `needle` appear in order in `hay` (拼音首字母
/// search: jlq finds jylqq).
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut h = hay.chars();
    needle.chars().all(|c| h.any(|x| x == c))
}

/// How many parts in use are below their minimum stock (the desk's to-do).
pub fn below_min_count(conn: &Connection) -> AppResult<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM part WHERE active = 1 AND on_hand < min_stock",
        [],
        |r| r.get(0),
    )?)
}

/// Quick lookup for the receipt/issue forms: an exact part number first,
/// then the best matches by number, name or initials.
pub fn lookup(conn: &Connection, text: &str, limit: i64, today: NaiveDate) -> AppResult<Vec<Part>> {
    let mut out = Vec::new();
    if let Some(p) = super::catalog::find_by_no(conn, text)? {
        if p.active {
            out.push(p);
        }
    }
    let page = query(
        conn,
        &StockQuery {
            q: text.to_string(),
            page_size: limit,
            ..Default::default()
        },
        today,
    )?;
    for p in page.rows {
        if out.len() as i64 >= limit {
            break;
        }
        if !out.iter().any(|o: &Part| o.id == p.id) {
            out.push(p);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::catalog::{create, PartInput};
    use crate::parts::ledger::post_on;
    use crate::store::Store;

    use crate::parts::testkit::{day, mv};

    fn shop() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        for (no, name, cat, oil, min) in [
            ("15410-KPN-901", "机油滤清器", "滤清器", false, 5),
            ("17210-KPN-900", "空气滤清器滤芯", "滤清器", false, 5),
            ("31916-KRM-841", "火花塞", "电气", false, 10),
            ("08232-M99-K1LN1", "机油 SJ 10W-30 1L", "油品", true, 20),
            ("06455-KPN-901", "前刹车片", "制动", false, 4),
        ] {
            create(
                s.conn(),
                &PartInput {
                    part_no: no.into(),
                    name: name.into(),
                    category: cat.into(),
                    is_engine_oil: oil,
                    cost_price: "10".into(),
                    retail_price: "15".into(),
                    min_stock: min.to_string(),
                    active: true,
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let t = day("2026-11-26");
        post_on(&mut s, &mv("15410-KPN-901", "receipt", "12", "2026-03-01"), t).unwrap();
        post_on(&mut s, &mv("15410-KPN-901", "repair", "2", "2026-11-20"), t).unwrap();
        post_on(&mut s, &mv("31916-KRM-841", "receipt", "6", "2026-03-01"), t).unwrap();
        post_on(&mut s, &mv("31916-KRM-841", "sale", "1", "2026-04-01"), t).unwrap();
        post_on(&mut s, &mv("08232-M99-K1LN1", "receipt", "30", "2026-11-01"), t).unwrap();
        s
    }

    fn nos(p: &StockPage) -> Vec<&str> {
        p.rows.iter().map(|r| r.part_no.as_str()).collect()
    }

    #[test]
    fn search_by_number_name_or_pinyin_initials() {
        let s = shop();
        let t = day("2026-11-26");
        let q = |text: &str| {
            query(
                s.conn(),
                &StockQuery {
                    q: text.into(),
                    page_size: 50,
                    ..Default::default()
                },
                t,
            )
            .unwrap()
        };
        assert_eq!(
            nos(&q("kpn-9")),
            vec!["06455-KPN-901", "15410-KPN-901", "17210-KPN-900"]
        );
        assert_eq!(nos(&q("滤清器")), vec!["15410-KPN-901", "17210-KPN-900"]);
        assert_eq!(nos(&q("jlq")), vec!["15410-KPN-901"]);
        assert_eq!(nos(&q("hhs")), vec!["31916-KRM-841"]);
        assert_eq!(nos(&q("50%")).len(), 0, "LIKE wildcards are taken literally");
    }

    #[test]
    fn filters_totals_sorting_and_pages() {
        let s = shop();
        let t = day("2026-11-26");
        let q = |f: StockQuery| query(s.conn(), &StockQuery { page_size: 50, ..f }, t).unwrap();
        let all = q(StockQuery::default());
        assert_eq!(
            (all.total_rows, all.total_qty, all.total_value.to_fen()),
            (5, 45, 45000)
        );
        assert_eq!(
            nos(&q(StockQuery {
                below_min: true,
                ..Default::default()
            })),
            vec!["06455-KPN-901", "17210-KPN-900", "31916-KRM-841"]
        );
        assert_eq!(
            nos(&q(StockQuery {
                zero_stock: true,
                ..Default::default()
            })),
            vec!["06455-KPN-901", "17210-KPN-900"]
        );
        assert_eq!(
            nos(&q(StockQuery {
                engine_oil: true,
                ..Default::default()
            })),
            vec!["08232-M99-K1LN1"]
        );
        // 火花塞: stock since March, last issue 1 April, before November's
        // six months (from 1 June); 机油: never issued, but it arrived on
        // 1 November — new stock, not slow
        assert_eq!(
            nos(&q(StockQuery {
                slow_moving: true,
                ..Default::default()
            })),
            vec!["31916-KRM-841"]
        );
        // in October (window from 1 May) the 火花塞 had last been issued on
        // 1 April: slow then too; so was the 机油滤清器, in stock since March
        // and first used on 20 November; the oil was not there yet
        assert_eq!(
            nos(&q(StockQuery {
                slow_moving: true,
                slow_month: "2026-10".into(),
                ..Default::default()
            })),
            vec!["15410-KPN-901", "31916-KRM-841"]
        );
        // in May (window from 1 December 2025) it had just been sold, and
        // arrived in March: nothing is slow
        assert!(nos(&q(StockQuery {
            slow_moving: true,
            slow_month: "2026-05".into(),
            ..Default::default()
        }))
        .is_empty());
        let bad = query(
            s.conn(),
            &StockQuery {
                slow_moving: true,
                slow_month: "2026-13".into(),
                page_size: 50,
                ..Default::default()
            },
            t,
        );
        assert!(bad.is_err(), "a month that does not exist is refused");
        assert_eq!(
            nos(&q(StockQuery {
                category: "滤清器".into(),
                ..Default::default()
            })),
            vec!["15410-KPN-901", "17210-KPN-900"]
        );
        let by_value = q(StockQuery {
            sort: "stockValue".into(),
            descending: true,
            ..Default::default()
        });
        assert_eq!(nos(&by_value)[0], "08232-M99-K1LN1");
        let page2 = query(
            s.conn(),
            &StockQuery {
                page: 1,
                page_size: 2,
                ..Default::default()
            },
            t,
        )
        .unwrap();
        assert_eq!(
            (nos(&page2), page2.total_rows),
            (vec!["15410-KPN-901", "17210-KPN-900"], 5)
        );
        // an unknown sort key falls back to the part number, never reaches SQL
        let odd = q(StockQuery {
            sort: "part_no; DROP TABLE part".into(),
            ..Default::default()
        });
        assert_eq!(odd.total_rows, 5);
    }

    #[test]
    fn lookup_puts_the_exact_number_first() {
        let s = shop();
        let found = lookup(s.conn(), "15410-kpn-901", 5, day("2026-11-26")).unwrap();
        assert_eq!(found[0].part_no, "15410-KPN-901");
        assert_eq!(found.len(), 1);
    }
}
