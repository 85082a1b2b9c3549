//! The workbook's record sheets, all of them in one list ([`SHEETS`]), and
//! the two that belong to no one area: 附件 (a factory document's or a claim's
//! files, in pieces of base64) and 月结 (the closings of months). Every
//! other sheet is declared beside its area's code (`parts::sheets`,
//! `customers::sheets`, …) on the frame in [`super::records`].

use rusqlite::params;

use super::records::*;
use crate::error::Problem;
use crate::{customers, documents, network, parts, report, staff, warranty};

/// Bytes of a file per 附件 row: its base64 (32,000 characters) stays
/// under Excel's 32,767 characters a cell.
pub const ATTACHMENT_PIECE: i64 = 24_000;

pub const ATTACHMENT_OWNERS: Choices = &crate::attachment::OWNER_KINDS;

/// 附件: the files kept in the data file, each over as many rows as it
/// needs (片段 「2/5」), in base64; a file is added when its last piece
/// has come and its size is right.
pub const ATTACHMENTS: RecordSheet = RecordSheet {
    name: "附件",
    columns: &[
        ("所属", 10),
        ("单号", 16),
        ("文件名", 24),
        ("添加时间", 18),
        ("添加人", 12),
        ("大小（字节）", 12),
        ("片段", 8),
        ("内容（base64）", 60),
    ],
    required: &[
        "所属",
        "单号",
        "文件名",
        "添加时间",
        "添加人",
        "大小（字节）",
        "片段",
        "内容（base64）",
    ],
    key: None,
    line: None,
    export_sql: || {
        format!(
            "WITH RECURSIVE piece(id, i, n) AS (
                SELECT id, 1, (size + {p} - 1) / {p} FROM attachment
                UNION ALL SELECT id, i + 1, n FROM piece WHERE i < n)
             SELECT {}, CASE a.owner_kind WHEN 'factory_document'
                    THEN (SELECT doc_no FROM factory_document WHERE id = a.owner_id)
                    ELSE (SELECT claim_no FROM warranty_claim WHERE id = a.owner_id) END,
                a.file_name, a.added_at, a.added_by, CAST(a.size AS TEXT), p.i || '/' || p.n,
                m4s_base64(substr(a.content, (p.i - 1) * {p} + 1, {p}))
             FROM piece p JOIN attachment a ON a.id = p.id ORDER BY a.id, p.i",
            case("a.owner_kind", ATTACHMENT_OWNERS),
            p = ATTACHMENT_PIECE
        )
    },
    import: |ctx, l| {
        use base64::Engine;
        let kind = l.choice("所属", ATTACHMENT_OWNERS);
        let no = l.get("单号");
        let name = l.text("文件名", 120, true);
        let at = l.text("添加时间", 19, true);
        let by = l.text("添加人", 20, true);
        let size = l.count("大小（字节）", true);
        let piece = l.get("片段");
        let (i, n) = match piece
            .split_once('/')
            .map(|(a, b)| (a.trim().parse::<usize>(), b.trim().parse::<usize>()))
        {
            Some((Ok(i), Ok(n))) if i >= 1 && i <= n => (i, n),
            _ => {
                l.bad("片段", format!("片段「{piece}」应写成「序号/总数」，如 1/3"));
                (0, 0)
            }
        };
        let bytes = match base64::engine::general_purpose::STANDARD.decode(l.get("内容（base64）")) {
            Ok(b) => Some(b),
            Err(_) => {
                l.bad("内容（base64）", "内容不是有效的 base64 文本（文件已损坏或被改动）");
                None
            }
        };
        let (Some(kind), Some(size), Some(bytes), true) = (kind, size, bytes, l.f.is_empty()) else {
            return Ok(());
        };
        let owner_id = match kind {
            "factory_document" => id_of(ctx.tx, "SELECT id FROM factory_document WHERE doc_no = ?1", &no)?,
            _ => id_of(ctx.tx, "SELECT id FROM warranty_claim WHERE claim_no = ?1", &no)?,
        };
        let Some(owner_id) = owner_id else {
            l.bad(
                "单号",
                format!(
                    "没有单号为「{no}」的{}",
                    if kind == "factory_document" {
                        "工厂文件"
                    } else {
                        "三包索赔"
                    }
                ),
            );
            return Ok(());
        };
        let key = (kind.to_string(), no.clone(), name.clone(), at.clone());
        let row = l.row;
        let p = ctx.pieces.entry(key.clone()).or_insert_with(|| Pieces {
            row,
            owner: crate::attachment::Owner::parse(kind, owner_id).expect("a known kind"),
            added_by: by.clone(),
            size,
            parts: vec![None; n],
        });
        if p.parts.len() != n || p.size != size {
            l.bad(
                "片段",
                format!("「{name}」各片段的总数或大小不一致（与第 {} 行不同）", p.row),
            );
            return Ok(());
        }
        if p.parts[i - 1].is_some() {
            l.bad("片段", format!("「{name}」的片段 {piece} 重复"));
            return Ok(());
        }
        p.parts[i - 1] = Some(bytes);
        if p.parts.iter().all(Option::is_some) {
            let p = ctx.pieces.remove(&key).expect("present");
            let whole: Vec<u8> = p.parts.into_iter().flatten().flatten().collect();
            if whole.len() as i64 != p.size {
                l.bad(
                    "大小（字节）",
                    format!(
                        "「{name}」拼合后 {} 字节，与大小 {} 不符（文件不完整）",
                        whole.len(),
                        p.size
                    ),
                );
                return Ok(());
            }
            if let Err(e) = crate::attachment::add_bytes_in(ctx.tx, p.owner, &name, &whole, &at, &p.added_by) {
                l.bad("文件名", e.message);
            }
        }
        Ok(())
    },
};

/// The 附件 rows whose file never got all its pieces.
pub fn check_attachments(ctx: &Ctx, problems: &mut Vec<Problem>) {
    for ((_, _, name, _), p) in &ctx.pieces {
        let missing = p.parts.iter().filter(|x| x.is_none()).count();
        problems.push(Problem::row(
            ATTACHMENTS.name,
            p.row,
            format!(
                "附件「{name}」缺少 {missing} 个片段（共 {} 个），文件不完整",
                p.parts.len()
            ),
        ));
    }
}

/// 月结: every closing of a month, with its 22 figures and checklist as
/// stored (JSON in the cell: the record as it was signed), including the
/// reopened ones. Imported last: a closing freezes its month.
pub const MONTH_CLOSINGS: RecordSheet = RecordSheet {
    name: "月结",
    columns: &[
        ("月份", 9),
        ("月结时间", 20),
        ("月结人", 10),
        ("接受提示的原因", 24),
        ("反月结时间", 20),
        ("反月结人", 10),
        ("反月结原因", 24),
        ("22项指标（JSON）", 40),
        ("检查清单（JSON）", 40),
        ("口径", 6),
    ],
    required: &["月份", "月结时间", "月结人", "22项指标（JSON）"],
    key: None,
    line: None,
    export_sql: || {
        "SELECT month, closed_at, closed_by, accepted_reason, coalesce(reopened_at, ''), coalesce(reopened_by, ''),
                coalesce(reopen_reason, ''), figures, checklist, CAST(rules AS TEXT)
         FROM month_closing ORDER BY id"
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
        let closed_at = l.text("月结时间", 20, true);
        if !closed_at.is_empty() && crate::dates::parse_date("月结时间", &closed_at).is_err() {
            l.bad("月结时间", format!("月结时间「{closed_at}」无效"));
        }
        let by = l.text("月结人", 20, true);
        let accepted = l.text("接受提示的原因", 200, false);
        let reopened_at = l.text("反月结时间", 20, false);
        let reopened_by = l.text("反月结人", 20, false);
        let reopen_reason = l.text("反月结原因", 200, false);
        if reopened_at.is_empty() != reopened_by.is_empty() {
            l.bad("反月结人", "反月结时间和反月结人要么都填，要么都不填");
        }
        let figures = l.get("22项指标（JSON）");
        match serde_json::from_str::<Vec<(u8, Option<String>)>>(&figures) {
            Ok(v) if v.len() == 22 => {}
            _ => l.bad("22项指标（JSON）", "不是本程序写出的 22 项指标记录"),
        }
        // the rules its figures were computed under; a workbook made before
        // the column existed holds closings under the first rules
        let rules = match l.get("口径").as_str() {
            "" | "1" => 1i64,
            "2" => 2,
            "3" => 3,
            other => {
                l.bad("口径", format!("口径应为 1、2 或 3，不是「{other}」"));
                1
            }
        };
        let checklist = match l.get("检查清单（JSON）") {
            c if c.is_empty() => "[]".to_string(),
            c => {
                if serde_json::from_str::<Vec<crate::closing::CheckLine>>(&c).is_err() {
                    l.bad("检查清单（JSON）", "不是本程序写出的检查清单");
                }
                c
            }
        };
        if let (Some(m), true) = (month, l.f.is_empty()) {
            if reopened_at.is_empty() && crate::closing::is_closed(ctx.tx, m)? {
                l.bad("月份", format!("{} 在本店已经月结", crate::dates::month_label(m)));
                return Ok(());
            }
            let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
            ctx.tx.execute(
                "INSERT INTO month_closing (month, closed_at, closed_by, figures, checklist, accepted_reason,
                    reopened_at, reopened_by, reopen_reason, rules)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    m.iso(),
                    closed_at,
                    by,
                    figures,
                    checklist,
                    accepted,
                    opt(&reopened_at),
                    opt(&reopened_by),
                    if reopened_at.is_empty() {
                        None
                    } else {
                        Some(reopen_reason)
                    },
                    rules
                ],
            )?;
        }
        Ok(())
    },
};

/// The record sheets in the order they are imported: each after the
/// sheets whose records it names.
/// Every record sheet of the workbook, in the order it is written and read
/// (a sheet comes after those whose records it names). Each area declares
/// its own sheets beside its code (`parts::sheets`, `customers::sheets`, …);
/// the attachments and the month closings, which belong to no one area, are
/// declared here.
pub const SHEETS: &[&RecordSheet] = &[
    &parts::sheets::PART_ACTIVE_CHANGES,
    &customers::sheets::SERVICE_RULES,
    &customers::sheets::INSPECTION_SCHEDULES,
    &warranty::sheets::WARRANTY_POLICY,
    &staff::sheets::DESCRIPTIONS,
    &staff::sheets::SERVICE_STANDARDS,
    &customers::sheets::SERVICE_ITEMS,
    &network::sheets::DEALERS,
    &network::sheets::DEALER_VISITS,
    &parts::sheets::DEALER_ORDERS,
    &parts::sheets::DEALER_DELIVERIES,
    &parts::sheets::DEALER_PAYMENTS,
    &customers::sheets::FEE_BATCHES,
    &customers::sheets::REPAIRS,
    &customers::sheets::REPAIR_PARTS,
    &customers::sheets::REPAIR_ITEMS,
    &customers::sheets::REPAIR_STEPS,
    &customers::sheets::FOLLOW_UPS,
    &customers::sheets::UNREACHABLE,
    &customers::sheets::COMPLAINTS_SHEET,
    &staff::sheets::TRAININGS,
    &customers::sheets::LOST_CALLS,
    &staff::sheets::ETIQUETTE_CHECKS,
    &staff::sheets::APPRAISAL_ITEMS,
    &staff::sheets::APPRAISALS,
    &staff::sheets::EQUIPMENT,
    &staff::sheets::EQUIPMENT_LOANS,
    &customers::sheets::INSPECTIONS,
    &warranty::sheets::OLD_PART_BATCHES,
    &warranty::sheets::CLAIMS,
    &warranty::sheets::CLAIM_LINES,
    &warranty::sheets::CLAIM_EVENTS,
    &documents::sheets::FACTORY_DOCUMENTS,
    &documents::sheets::DOCUMENT_READERS,
    &documents::sheets::CAMPAIGN_VEHICLES,
    &ATTACHMENTS,
    &parts::sheets::STOCKTAKES,
    &staff::sheets::FIVE_S_ITEMS,
    &staff::sheets::FIVE_S,
    &staff::sheets::FIVE_S_FINDINGS,
    &report::sheets::FACTORY_REPORTS,
    &MONTH_CLOSINGS,
];
