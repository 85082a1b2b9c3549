//! 上报 — its sheets of the data-exchange workbook (数据交换工作簿): 工厂上报 (the factory's
//! seven as reported). Each is a [`RecordSheet`] — its columns, the query that
//! exports it, the function that imports one row — listed with the others in
//! `exchange::records::SHEETS`, which reads and writes them all by the same
//! rules.

use rusqlite::params;

use crate::exchange::records::*;

/// 工厂上报: the months reported to the factory, with the seven figures as
/// they were sent.
pub const FACTORY_REPORTS: RecordSheet = RecordSheet {
    name: "工厂上报",
    columns: &[
        ("月份", 9),
        ("上报日期", 12),
        ("库存金额", 12),
        ("配件一次供应率", 14),
        ("三包费用率", 12),
        ("用户建档数量", 12),
        ("建档率", 9),
        ("回访率", 9),
        ("点检率", 9),
    ],
    required: &["月份", "上报日期"],
    key: Some("月份"),
    line: None,
    export_sql: || {
        "SELECT month, sent_on, coalesce(inventory_value, ''), coalesce(first_supply_rate, ''),
                coalesce(warranty_cost_rate, ''), coalesce(files, ''), coalesce(filing_rate, ''),
                coalesce(follow_up_rate, ''), coalesce(inspection_rate, '')
         FROM factory_report ORDER BY month"
            .into()
    },
    import: |ctx, l| {
        let month = match crate::dates::Month::parse(&l.get("月份")) {
            Ok(m) => Some(m),
            Err(e) => {
                l.bad("月份", e.message);
                None
            }
        };
        let sent = l.date("上报日期", ctx.today, true);
        if let (Some(m), Some(d)) = (month, &sent) {
            if d.as_str() < m.first_day().to_string().as_str() {
                l.bad("上报日期", "上报日期早于所报的月份");
            }
        }
        let figure = |l: &mut Line, h: &str| -> Option<String> {
            let v = l.text(h, 30, false);
            (!v.is_empty()).then_some(v)
        };
        let values: Vec<Option<String>> = [
            "库存金额",
            "配件一次供应率",
            "三包费用率",
            "用户建档数量",
            "建档率",
            "回访率",
            "点检率",
        ]
        .iter()
        .map(|h| figure(l, h))
        .collect();
        if let (Some(m), true) = (month, l.f.is_empty()) {
            ctx.tx.execute(
                "INSERT INTO factory_report (month, sent_on, inventory_value, first_supply_rate, warranty_cost_rate, files,
                    filing_rate, follow_up_rate, inspection_rate, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    m.iso(),
                    sent,
                    values[0],
                    values[1],
                    values[2],
                    values[3],
                    values[4],
                    values[5],
                    values[6],
                    ctx.stamp
                ],
            )?;
        }
        Ok(())
    },
};
