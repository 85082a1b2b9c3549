//! The demo shop's factory documents over the past year (工厂文件): a 三包
//! policy, bulletins, a service manual and two 服务活动/召回, read by the
//! people they concern (one recent bulletin not yet read by everyone, one
//! action due within the week), the campaigns' vehicles told and done by
//! the repair orders the demo shop already has; a scanned bulletin (a PDF)
//! and a photo of a failed part on the latest claim as attachments.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::documents::{self, campaign, FactoryDocumentInput, Scope};
use crate::error::AppResult;

fn staff(tx: &Connection, names: &[&str]) -> AppResult<Vec<i64>> {
    let mut ids = Vec::new();
    for n in names {
        if let Some(id) = tx
            .query_row("SELECT id FROM staff WHERE name = ?1", [n], |r| r.get(0))
            .optional()?
        {
            ids.push(id);
        }
    }
    Ok(ids)
}

const EVERYONE: &[&str] = &["王经理", "张内勤", "李库管", "刘师傅", "张师傅", "李师傅", "赵鉴定"];
const WORKSHOP: &[&str] = &["刘师傅", "张师傅", "李师傅", "赵鉴定"];

/// A 24-bit BMP of a worn sprocket on a bench (the demo's 旧件照片): BMP
/// needs no compression library and every browser engine shows it.
fn part_photo(w: u32, h: u32) -> Vec<u8> {
    let row = (w * 3).div_ceil(4) * 4;
    let size = 54 + row * h;
    let mut b = Vec::with_capacity(size as usize);
    b.extend_from_slice(b"BM");
    b.extend_from_slice(&size.to_le_bytes());
    b.extend_from_slice(&[0, 0, 0, 0]);
    b.extend_from_slice(&54u32.to_le_bytes());
    b.extend_from_slice(&40u32.to_le_bytes());
    b.extend_from_slice(&(w as i32).to_le_bytes());
    b.extend_from_slice(&(h as i32).to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&24u16.to_le_bytes());
    b.extend_from_slice(&[0; 4]);
    b.extend_from_slice(&(row * h).to_le_bytes());
    b.extend_from_slice(&[0; 16]);
    let (cx, cy) = (w as i64 / 2, h as i64 / 2);
    let r_out = (h as i64 * 2) / 5;
    let r_in = r_out / 3;
    for y in 0..h as i64 {
        let mut line = Vec::with_capacity(row as usize);
        for x in 0..w as i64 {
            let (dx, dy) = (x - cx, y - cy);
            let d2 = dx * dx + dy * dy;
            // teeth: every 30° a notch, some of them worn away
            let angle_step = ((dy as f64).atan2(dx as f64).to_degrees() + 360.0) as i64 % 30;
            let tooth = angle_step < 15 && d2 < (r_out + 8) * (r_out + 8);
            let (bch, gch, rch) = if d2 < r_in * r_in {
                (60u8, 62u8, 66u8)
            } else if d2 < r_out * r_out || (tooth && dx > -r_out / 2) {
                (92, 104, 120)
            } else {
                // the bench: a warm grey, lighter towards the top
                let shade = 150 + (y * 60 / h as i64) as u8;
                (shade - 20, shade - 8, shade)
            };
            line.extend_from_slice(&[bch, gch, rch]);
        }
        line.resize(row as usize, 0);
        b.extend_from_slice(&line);
    }
    b
}

/// Writes the demo's factory documents, as of `today`.
pub fn documents(tx: &Connection, today: NaiveDate) -> AppResult<()> {
    let ago = |days: u64| today - Days::new(days);
    let iso = |d: NaiveDate| d.to_string();
    let year = today.format("%Y");
    let everyone = staff(tx, EVERYONE)?;
    let workshop = staff(tx, WORKSHOP)?;
    // (days ago, kind, number, title, content, action, due after days, done after days, readers, confirmed after days)
    type Doc<'a> = (
        u64,
        &'a str,
        String,
        &'a str,
        &'a str,
        &'a str,
        Option<u64>,
        Option<u64>,
        &'a [i64],
        Option<u64>,
    );
    let docs: Vec<Doc> = vec![
        (
            300,
            "policy",
            format!("FW-{year}-01"),
            "摩托车三包政策执行细则（修订）",
            "整车三包期、主要部件三包期与首保里程按新细则执行；鉴定须由鉴定员签字，旧件一律返厂。",
            "组织全员学习新细则，前台张贴三包说明",
            Some(30),
            Some(12),
            &everyone,
            Some(3),
        ),
        (
            200,
            "bulletin",
            format!("JT-{year}-018"),
            "化油器怠速不稳的检查与调整方法",
            "部分 HJ125-7 在气温低于 5 摄氏度时怠速不稳，按通报调整怠速螺钉并清洗主量孔。",
            "维修技师学习并按新方法调整，鉴定员掌握三包判定",
            Some(20),
            Some(9),
            &workshop,
            Some(2),
        ),
        (
            150,
            "manual",
            format!("SC-{year}-GN125"),
            "铃木 GN125 维修手册（第3版）",
            "更新了发动机拆装扭矩表和电路图。",
            "",
            None,
            None,
            &workshop,
            Some(6),
        ),
        (
            40,
            "bulletin",
            format!("JT-{year}-052"),
            "冬季蓄电池亏电的检查与处理",
            "入冬后用户反映启动困难的，先测静态电压与漏电流，不得直接按三包更换蓄电池。",
            "到店车辆一律检测蓄电池并记录电压；前台向用户说明冬季用车注意事项",
            Some(45),
            None,
            &workshop,
            None,
        ),
        (
            9,
            "policy",
            format!("FW-{year}-07"),
            "年终服务满意度回访要求",
            "12 月底前完成本年度购车用户的满意度回访，回访记录按月上报。",
            "前台安排回访并按月汇总上报",
            None,
            None,
            &everyone,
            None,
        ),
    ];
    for (days, kind, no, title, content, action, due, done, readers, confirmed) in docs {
        let received = ago(days);
        let input = FactoryDocumentInput {
            kind: kind.into(),
            doc_no: no.clone(),
            title: title.into(),
            received_on: iso(received),
            content: content.into(),
            action: action.into(),
            due_on: due.map(|d| iso(received + Days::new(d))).unwrap_or_default(),
            readers: readers.to_vec(),
            scope: Vec::new(),
        };
        let id = documents::save_in(tx, None, &input, today)?;
        if let Some(d) = done {
            tx.execute(
                "UPDATE factory_document SET done_on = ?2, done_note = ?3 WHERE id = ?1",
                params![id, iso(received + Days::new(d)), "已组织学习并按要求落实"],
            )?;
        }
        for (i, who) in readers.iter().enumerate() {
            // everyone confirmed by then; the recent ones: the first half
            let after = match confirmed {
                Some(a) => Some(a + i as u64 % 3),
                None if i < readers.len() / 2 => Some(1 + i as u64),
                None => None,
            };
            if let Some(a) = after.map(|a| received + Days::new(a)).filter(|d| *d <= today) {
                tx.execute(
                    "UPDATE factory_document_reader SET confirmed_on = ?3, confirmed_by = '王经理'
                     WHERE document_id = ?1 AND staff_id = ?2",
                    params![id, who, iso(a)],
                )?;
            }
        }
        if no.starts_with("JT-") && days == 200 {
            let pdf = crate::report::pdf::notice_bytes(
                "豪爵摩托车售后服务部",
                title,
                &format!("技术通报 {no}"),
                &[
                    content,
                    "检查方法：冷车启动后怠速运转 3 分钟，转速低于 1300 转/分或忽高忽低的，先检查空气滤清器，再调整怠速螺钉至 1400±100 转/分。",
                    "处理方法：怠速螺钉调整无效的，拆洗化油器主量孔与怠速量孔，不得更换化油器总成；确属化油器质量问题的按三包鉴定程序办理。",
                    "请各特约服务站组织维修技师学习，并在维修记录中注明处理方法。",
                ],
            )?;
            crate::attachment::add_bytes_in(
                tx,
                crate::attachment::Owner::FactoryDocument(id),
                &format!("{no} 扫描件.pdf"),
                &pdf,
                &format!("{} 10:20:00", iso(received)),
                "王经理",
            )?;
        }
    }
    campaigns(tx, today)?;
    // a photo of the failed part on the latest claim that has parts replaced
    let claim: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, reported_on FROM warranty_claim ORDER BY reported_on DESC, id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, on)) = claim {
        crate::attachment::add_bytes_in(
            tx,
            crate::attachment::Owner::WarrantyClaim(id),
            "旧件照片.bmp",
            &part_photo(320, 240),
            &format!("{on} 15:40:00"),
            "赵鉴定",
        )?;
    }
    Ok(())
}

/// Two campaigns: one four months old on part of a model's VIN range, most
/// of it done at the vehicles' service visits since; one three weeks old
/// on a whole model, its customers being called.
fn campaigns(tx: &Connection, today: NaiveDate) -> AppResult<()> {
    let year = today.format("%Y");
    for (days, no, title, model, share, action) in [
        (
            120u64,
            format!("ZH-{year}-03"),
            "HJ125-7 油门拉线检查更换服务活动",
            "豪爵 HJ125-7",
            (20usize, 70usize),
            "到店车辆免费检查油门拉线，发卡滞的更换新型拉线；用户逐一电话通知",
        ),
        (
            20,
            format!("ZH-{year}-11"),
            "GN125 侧支架弹簧召回",
            "豪爵 铃木 GN125",
            (0, 100),
            "召回范围内车辆更换加强型侧支架弹簧，电话通知用户到店",
        ),
    ] {
        let received = today - Days::new(days);
        // the range: the model's vehicles from one share to another of its
        // production sequence (the VIN without its check digit)
        let mut vins: Vec<String> = {
            let mut st = tx.prepare("SELECT vin FROM vehicle WHERE model = ?1")?;
            let rows = st.query_map([model], |r| r.get(0))?.collect::<Result<_, _>>()?;
            rows
        };
        if vins.is_empty() {
            continue;
        }
        vins.sort_by_key(|v| documents::sequence_key(v));
        let scope = if share == (0, 100) {
            Scope {
                model: model.into(),
                ..Default::default()
            }
        } else {
            let at = |p: usize| vins[(vins.len() - 1) * p / 100].clone();
            Scope {
                model: model.into(),
                vin_from: at(share.0),
                vin_to: at(share.1),
            }
        };
        let id = documents::save_in(
            tx,
            None,
            &FactoryDocumentInput {
                kind: "campaign".into(),
                doc_no: no,
                title: title.into(),
                received_on: received.to_string(),
                content: "详见厂家服务活动通知及技术要求。".into(),
                action: action.into(),
                due_on: (received + Days::new(180)).to_string(),
                readers: staff(tx, &["王经理", "张内勤", "刘师傅", "张师傅", "李师傅"])?,
                scope: vec![scope],
            },
            today,
        )?;
        tx.execute(
            "UPDATE factory_document_reader SET confirmed_on = ?2, confirmed_by = '王经理' WHERE document_id = ?1",
            params![id, (received + Days::new(1)).min(today).to_string()],
        )?;
        let covered = campaign::progress(tx, id)?.vehicles;
        for (i, v) in covered.iter().enumerate() {
            // the first finished order of the vehicle since the campaign came
            let order: Option<String> = tx
                .query_row(
                    "SELECT order_no FROM repair_order WHERE vehicle_id = ?1 AND done_at >= ?2
                     ORDER BY done_at LIMIT 1",
                    params![v.vehicle_id, received.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            // told once the campaign came and the vehicle was sold
            let from = v
                .sale_date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map_or(received, |sold| sold.max(received));
            let told = from + Days::new(2 + (i as u64 % 10));
            if told <= today && i % 5 != 4 {
                tx.execute(
                    "INSERT INTO campaign_vehicle (document_id, vehicle_id, notified_on, note) VALUES (?1, ?2, ?3, ?4)",
                    params![id, v.vehicle_id, told.to_string(), "电话通知"],
                )?;
            }
            if let Some(order) = order {
                campaign::complete_in(tx, id, v.vehicle_id, &order)?;
            }
        }
    }
    Ok(())
}
