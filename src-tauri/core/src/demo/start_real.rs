//! 开始使用本店数据: a shop that tried the demo starts its own records in
//! the same data file, without reinstalling — keeping, if it wants, the
//! demo's settings (targets, rules), its roster and its parts catalogue
//! (without stock). The new file is made whole beside the backups, then
//! swapped in by the restore path (one copy into the open database, the
//! demo kept first as a `before-restore` backup), so a failure half way
//! leaves the demo as it was.

use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::backup::{self, BackupFile};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::store::Store;

/// What to carry from the demo into the shop's own data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(rename = "KeepFromDemo")]
pub struct Keep {
    /// 店铺设置 (the shop's name loses its 「示例店铺·」) with its targets,
    /// the 回访与点检规则 and the 三包政策 in force (as the shop's from the
    /// beginning)
    pub settings: bool,
    /// 人员名册 with posts and logins
    pub roster: bool,
    /// 配件目录: every part with its prices and stock limits, no stock
    pub catalogue: bool,
}

/// The prefix the demo shop's name carries.
const DEMO_PREFIX: &str = "示例店铺·";

/// Replaces the demo with the shop's own, empty data (keeping what `keep`
/// says); answers the backup that holds the demo. Refused for a file that
/// is not the demo shop: real records are never thrown away this way.
pub fn start_real(store: &mut Store, keep: Keep, now: NaiveDateTime) -> AppResult<BackupFile> {
    if store.meta("demo")?.as_deref() != Some("1") {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "这份数据不是示例店铺，不能用「开始使用本店数据」清空；要换用别的数据，请从备份恢复",
        ));
    }
    let live = store
        .path()
        .ok_or_else(|| AppError::new(ErrorCode::Conflict, "内存中的数据不能这样切换"))?
        .to_path_buf();
    let dir = backup::backup_dir(store)?;
    std::fs::create_dir_all(&dir).map_err(|e| AppError::io("创建备份文件夹", &e))?;
    let fresh_path = dir.join(format!(".moto4s-start-{}.db", now.format("%Y%m%d%H%M%S")));
    crate::store::remove_data_file(&fresh_path);
    let made = (|| -> AppResult<()> {
        let mut fresh = Store::open(&fresh_path)?;
        let tx = fresh.conn_mut().transaction()?;
        tx.execute("ATTACH DATABASE ?1 AS demo", [live.to_string_lossy()])?;
        if keep.settings {
            tx.execute_batch("INSERT INTO main.shop_settings SELECT * FROM demo.shop_settings;")?;
            tx.execute(
                "UPDATE main.shop_settings SET shop_name = substr(shop_name, length(?1) + 1)
                 WHERE shop_name LIKE ?1 || '%' AND length(shop_name) > length(?1)",
                [DEMO_PREFIX],
            )?;
            // the rules in force now, as the shop's from the beginning: the
            // new data has no claims or sales an earlier version could judge
            tx.execute_batch(
                "DELETE FROM main.service_rules;
                 INSERT INTO main.service_rules SELECT * FROM demo.service_rules;
                 DELETE FROM main.warranty_policy_version;
                 INSERT INTO main.warranty_policy_version (effective_from, months, km, categories, wear_parts,
                         first_service_months, first_service_km, saved_at)
                     SELECT '0001-01-01', months, km, categories, wear_parts, first_service_months,
                         first_service_km, saved_at
                     FROM demo.warranty_policy_version ORDER BY effective_from DESC LIMIT 1;
                 DELETE FROM main.inspection_schedule;
                 INSERT INTO main.inspection_schedule (from_date, first_months, interval_months, span_months, created_at)
                     SELECT '0001-01-01', first_months, interval_months, span_months, created_at
                     FROM demo.inspection_schedule ORDER BY from_date DESC LIMIT 1;",
            )?;
        }
        if keep.roster {
            tx.execute_batch(
                "INSERT INTO main.staff SELECT * FROM demo.staff;
                 INSERT INTO main.staff_post SELECT * FROM demo.staff_post;",
            )?;
        }
        if keep.catalogue {
            tx.execute_batch(
                "INSERT INTO main.part (id, part_no, name, name_initials, fitment, unit, category, is_engine_oil,
                     cost_price_fen, retail_price_fen, bin_location, min_stock, max_stock, active, oil_ml, created_at)
                 SELECT id, part_no, name, name_initials, fitment, unit, category, is_engine_oil,
                     cost_price_fen, retail_price_fen, bin_location, min_stock, max_stock, active, oil_ml, created_at
                 FROM demo.part;",
            )?;
        }
        tx.commit()?;
        fresh.conn().execute("DETACH DATABASE demo", [])?;
        fresh.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        Ok(())
    })();
    let swapped = made.and_then(|()| backup::restore(store, &fresh_path, now));
    crate::store::remove_data_file(&fresh_path);
    let before = swapped?;
    let kept: Vec<&str> = [
        (keep.settings, "店铺设置"),
        (keep.roster, "人员名册"),
        (keep.catalogue, "配件目录（不含库存）"),
    ]
    .iter()
    .filter(|(k, _)| *k)
    .map(|(_, w)| *w)
    .collect();
    crate::auth::note(
        store,
        "开始使用本店数据",
        &format!(
            "示例店铺已清空（保存在备份 {}）；保留了{}",
            before.name,
            if kept.is_empty() {
                "：无".to_string()
            } else {
                kept.join("、")
            }
        ),
    )?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings;

    fn demo_shop(dir: &std::path::Path) -> Store {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        crate::demo::create_on(&dir.join("shop.db"), today).unwrap()
    }

    fn count(s: &Store, table: &str) -> i64 {
        s.conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn the_demo_gives_way_to_the_shops_own_data_keeping_what_was_asked() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = demo_shop(dir.path());
        let parts = count(&s, "part");
        let staff = count(&s, "staff");
        assert!(parts > 0 && staff > 0 && count(&s, "stock_movement") > 0);
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let before = start_real(
            &mut s,
            Keep {
                settings: true,
                roster: true,
                catalogue: true,
            },
            now,
        )
        .unwrap();
        // the demo is gone, what was kept is there, the catalogue without stock
        assert_eq!(s.meta("demo").unwrap(), None);
        assert_eq!(count(&s, "stock_movement"), 0);
        assert_eq!(count(&s, "vehicle"), 0);
        assert_eq!(count(&s, "warranty_claim"), 0);
        assert_eq!(count(&s, "month_closing"), 0);
        assert_eq!((count(&s, "part"), count(&s, "staff")), (parts, staff));
        let stock: i64 = s
            .conn()
            .query_row(
                "SELECT coalesce(sum(on_hand), 0) + coalesce(sum(stock_value_fen), 0) FROM part",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stock, 0);
        let shop = settings::load(s.conn()).unwrap().unwrap();
        assert_eq!(shop.shop_name, "宏达摩托4S店");
        // the policy and the inspection rule in force, from the beginning
        let later: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM warranty_policy_version WHERE effective_from <> '0001-01-01'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(later, 0);
        assert_eq!(count(&s, "inspection_schedule"), 1);
        // the demo is kept as a backup that restores whole
        assert!(std::path::Path::new(&before.path).exists(), "{}", before.path);
        assert!(backup::check_file(std::path::Path::new(&before.path)).is_ok());
        // the audit log says what happened
        let said: String = s
            .conn()
            .query_row(
                "SELECT detail FROM audit_log WHERE action = '开始使用本店数据'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(said.contains("人员名册") && said.contains("配件目录"), "{said}");
        // a second time: the file is no longer the demo, and nothing changes
        let e = start_real(&mut s, Keep::default(), now).unwrap_err();
        assert!(e.message.contains("不是示例店铺"), "{}", e.message);
        assert_eq!(count(&s, "part"), parts);
        // no side file left in the backup folder
        let left: Vec<String> = std::fs::read_dir(backup::backup_dir(&s).unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".moto4s-start"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn nothing_kept_is_an_empty_shop() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = demo_shop(dir.path());
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        start_real(&mut s, Keep::default(), now).unwrap();
        assert!(settings::load(s.conn()).unwrap().is_none());
        assert_eq!((count(&s, "part"), count(&s, "staff")), (0, 0));
    }
}
