//! 数据库版本迁移：versioned schema migrations.
//!
//! `PRAGMA user_version` is the schema version. Migration *n* (1-based) takes
//! the schema from version *n − 1* to *n*; each runs in its own transaction
//! together with the version bump, so a power cut leaves the file at one
//! version or the next, never between. Migrations are append-only: a released
//! migration is never edited, a change is a new migration.
//!
//! (rusqlite_migration would do the same, but its current release pins an
//! older rusqlite; this runner is the forty lines it would save.)

use rusqlite::Connection;

use crate::error::{AppError, AppResult, ErrorCode};

/// One step of the schema.
pub struct Migration {
    pub description: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        description: "店铺设置与元数据",
        sql: include_str!("sql/0001_settings.sql"),
    },
    Migration {
        description: "配件目录与出入库台账",
        sql: include_str!("sql/0002_parts.sql"),
    },
    Migration {
        description: "经销商订单与发货",
        sql: include_str!("sql/0003_dealer_orders.sql"),
    },
    Migration {
        description: "盘点",
        sql: include_str!("sql/0004_stocktake.sql"),
    },
    Migration {
        description: "出入库月汇总与查询加速",
        sql: include_str!("sql/0005_ledger_speed.sql"),
    },
    Migration {
        description: "配件查询加速",
        sql: include_str!("sql/0006_part_search.sql"),
    },
    Migration {
        description: "客户、车辆、建档、回访、点检与维修单",
        sql: include_str!("sql/0007_customers_repairs.sql"),
    },
    Migration {
        description: "客户查询加速",
        sql: include_str!("sql/0008_customer_search.sql"),
    },
    Migration {
        description: "三包索赔与旧件返厂",
        sql: include_str!("sql/0009_warranty.sql"),
    },
    Migration {
        description: "人员名册与岗位说明书",
        sql: include_str!("sql/0010_staff.sql"),
    },
    Migration {
        description: "现场5S检查",
        sql: include_str!("sql/0011_five_s.sql"),
    },
    Migration {
        description: "工厂关注指标上报记录",
        sql: include_str!("sql/0012_factory_report.sql"),
    },
    Migration {
        description: "配件月末状态（滞销率加速）",
        sql: include_str!("sql/0013_part_month_state.sql"),
    },
    Migration {
        description: "登录账号与操作日志",
        sql: include_str!("sql/0014_accounts_audit.sql"),
    },
    Migration {
        description: "操作日志的时间走统一时钟",
        sql: include_str!("sql/0015_audit_clock.sql"),
    },
    Migration {
        description: "未改动的记录不写操作日志",
        sql: include_str!("sql/0016_audit_unchanged.sql"),
    },
    Migration {
        description: "月结：已结月份的记录不能再改动",
        sql: include_str!("sql/0017_month_closing.sql"),
    },
    Migration {
        description: "配件滞销率：新到配件不算滞销，冲销的出库不算动销，在用与否按月末",
        sql: include_str!("sql/0018_slow_moving_rule.sql"),
    },
    Migration {
        description: "5S 检查表用摩托车维修的说法",
        sql: include_str!("sql/0019_five_s_motorcycle_wording.sql"),
    },
    Migration {
        description: "无法回访的客户：原因与日期",
        sql: include_str!("sql/0020_unreachable_customers.sql"),
    },
    Migration {
        description: "配件一次供应率：供应期、撤销与结案、品种供应率",
        sql: include_str!("sql/0021_first_supply_window.sql"),
    },
    Migration {
        description: "经销商货款与收款：应收款，配件销售金额按收款计",
        sql: include_str!("sql/0022_dealer_payments.sql"),
    },
    Migration {
        description: "点检周期按售车时的规则",
        sql: include_str!("sql/0023_inspection_schedule.sql"),
    },
    Migration {
        description: "机油按升计、按实收计",
        sql: include_str!("sql/0024_engine_oil_litres.sql"),
    },
    Migration {
        description: "服务站代码",
        sql: include_str!("sql/0025_service_station_code.sql"),
    },
    Migration {
        description: "三包维修单与索赔单是同一件活：三包配件从维修单出库一次，厂家结算分配件与工时",
        sql: include_str!("sql/0026_warranty_job.sql"),
    },
    Migration {
        description: "首保是一种维修类型，按首保索赔；三包索赔记录包换、包退",
        sql: include_str!("sql/0027_first_service_and_outcomes.sql"),
    },
    Migration {
        description: "三包政策按生效日期：改政策不改变已录入的索赔",
        sql: include_str!("sql/0028_warranty_policy_versions.sql"),
    },
    Migration {
        description: "服务网络：网点名册、网点销售的车辆与报修的索赔、走访记录",
        sql: include_str!("sql/0029_service_network.sql"),
    },
    Migration {
        description: "车牌号",
        sql: include_str!("sql/0030_licence_plate.sql"),
    },
    Migration {
        description: "待回访计数的索引",
        sql: include_str!("sql/0031_follow_up_due_indexes.sql"),
    },
    Migration {
        description: "投诉处理：投诉登记、处理措施与结案",
        sql: include_str!("sql/0032_complaints.sql"),
    },
    Migration {
        description: "培训：计划与记录、参训人员、成绩与证书",
        sql: include_str!("sql/0033_training.sql"),
    },
    Migration {
        description: "流失客户：久未到店客户的回访结果与流失原因",
        sql: include_str!("sql/0034_lost_customers.sql"),
    },
    Migration {
        description: "服务礼仪：服务原则与服务标准登记",
        sql: include_str!("sql/0035_service_standards.sql"),
    },
    Migration {
        description: "礼仪检查：按服务标准的现场抽查与神秘客户",
        sql: include_str!("sql/0036_etiquette_checks.sql"),
    },
    Migration {
        description: "绩效考核：岗位的考核项目，每人每月的考核表",
        sql: include_str!("sql/0037_appraisal.sql"),
    },
    Migration {
        description: "维修单的接待员；流失客户的月数规则",
        sql: include_str!("sql/0038_receptionist_lost_months.sql"),
    },
    Migration {
        description: "设备工具：台账、厂家必备数量、保养校准周期、借出归还、报废",
        sql: include_str!("sql/0039_equipment.sql"),
    },
    Migration {
        description: "工厂文件与技术通报：登记、传达确认、服务活动/召回的范围与完成；附件存于数据文件内",
        sql: include_str!("sql/0040_factory_documents.sql"),
    },
    Migration {
        description: "服务项目与工时定额；维修单的服务项目和作业步骤（诊断、报价、质检）",
        sql: include_str!("sql/0041_service_items.sql"),
    },
    Migration {
        description: "应回访：回访规则排定的每一次回访作为一行保存，随销售、交车、回访记录和规则更新",
        sql: include_str!("sql/0042_follow_up_due.sql"),
    },
    Migration {
        description: "操作日志的名称取自程序的代码表（m4s_label），触发器不再各写一份",
        sql: include_str!("sql/0043_audit_labels.sql"),
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every pending migration. Refuses a database from a newer build.
pub fn migrate(conn: &mut Connection) -> AppResult<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies the migrations up to `target` (tests use this to step one at a time).
pub fn migrate_to(conn: &mut Connection, target: i64) -> AppResult<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(AppError::new(
            ErrorCode::DatabaseNewer,
            format!("数据文件由更新版本写入（数据版本 {current}，本程序只支持到 {SCHEMA_VERSION}），未做任何改动"),
        ));
    }
    if current >= target {
        return Ok(());
    }
    // processes opening the same new file take turns step by step; one may
    // wait for several of the other's steps, so the wait is longer than a
    // write's (the usual timeout comes back afterwards, whatever happened)
    conn.busy_timeout(MIGRATION_BUSY_TIMEOUT)?;
    let r = apply(conn, current, target);
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    r
}

/// How long an opener waits for another one's migration steps.
const MIGRATION_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

fn apply(conn: &mut Connection, current: i64, target: i64) -> AppResult<()> {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version <= current || version > target {
            continue;
        }
        // IMMEDIATE: the version is read again under the write lock, so two
        // processes opening the same new file take turns instead of both
        // applying the same step
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version <= now {
            continue;
        }
        tx.execute_batch(m.sql).map_err(|e| {
            AppError::new(
                ErrorCode::Storage,
                format!("数据库升级到第 {version} 版（{}）失败：{e}", m.description),
            )
        })?;
        if version == 1 {
            tx.execute_batch(&format!("PRAGMA application_id = {}", super::APPLICATION_ID))?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk_violations(c: &Connection) -> i64 {
        c.prepare("PRAGMA foreign_key_check")
            .unwrap()
            .query_map([], |_| Ok(()))
            .unwrap()
            .count() as i64
    }

    #[test]
    fn each_migration_applies_on_its_predecessor_and_leaves_a_sound_schema() {
        let mut c = Connection::open_in_memory().unwrap();
        c.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        super::super::register_functions(&c, Default::default()).unwrap();
        for target in 1..=SCHEMA_VERSION {
            migrate_to(&mut c, target).unwrap();
            let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(v, target);
            let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
            assert_eq!(ok, "ok");
            assert_eq!(fk_violations(&c), 0);
        }
        // running again is a no-op
        migrate(&mut c).unwrap();
    }

    #[test]
    fn migration_1_creates_the_settings_and_meta_tables() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate_to(&mut c, 1).unwrap();
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name IN ('shop_settings', 'meta')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2);
        // only one settings row may exist
        let insert = "INSERT INTO shop_settings (id, shop_name, brands, region, address, annual_vehicle_sales,
            vehicle_parc, parts_per_vehicle_fen, inventory_basis, inventory_factor, target_first_supply,
            target_slow_moving, target_warranty_cost, target_filing, target_follow_up, target_inspection, updated_at)
            VALUES (?1, 'x', '[]', '', '', 0, 0, 0, 'sales', '0.3', '90', '5', '8', '100', '100', '75', '')";
        c.execute(insert, [1]).unwrap();
        assert!(c.execute(insert, [2]).is_err());
    }

    #[test]
    fn migration_5_backfills_issue_dates_and_monthly_totals_from_existing_rows() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate_to(&mut c, 4).unwrap();
        c.execute_batch(
            "INSERT INTO part (id, part_no, name, name_initials, is_engine_oil, cost_price_fen, retail_price_fen,
                 on_hand, stock_value_fen, created_at)
             VALUES (1, 'OIL', '机油', 'jy', 1, 2500, 3800, 7, 17500, '');
             INSERT INTO stock_movement (id, part_id, moved_on, kind, qty, delta, value_fen, cash_fen, balance_qty,
                 balance_value_fen, operator, created_at) VALUES
               (1, 1, '2026-10-01', 'receipt', 10, 10, 25000, 0, 10, 25000, 'x', ''),
               (2, 1, '2026-10-05', 'sale', 2, -2, -5000, 7600, 8, 20000, 'x', ''),
               (3, 1, '2026-11-02', 'repair', 1, -1, -2500, 0, 7, 17500, 'x', '');",
        )
        .unwrap();
        migrate_to(&mut c, 5).unwrap();
        let as_of: Vec<Option<String>> = c
            .prepare("SELECT issue_as_of FROM stock_movement ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(as_of, vec![None, Some("2026-10-05".into()), Some("2026-11-02".into())]);
        let months: Vec<(String, String, i64, i64, i64, i64)> = c
            .prepare(
                "SELECT month, kind, delta, value_fen, cash_fen, retail_fen FROM ledger_month ORDER BY month, kind",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            months,
            vec![
                ("2026-10".into(), "receipt".into(), 10, 25000, 0, -38000),
                ("2026-10".into(), "sale".into(), -2, -5000, 7600, 7600),
                ("2026-11".into(), "repair".into(), -1, -2500, 0, 3800),
            ]
        );
        // the ledger stays append-only after the migration
        assert!(c.execute("UPDATE stock_movement SET qty = 3 WHERE id = 1", []).is_err());
    }

    /// A 三包 order from before orders and claims were one job: its part went
    /// out as 维修领用 and was charged. Nothing posted is rewritten, and the
    /// month's figures read as they did.
    #[test]
    fn migration_26_keeps_earlier_warranty_orders_as_they_were() {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::register_functions(&c, Default::default()).unwrap();
        migrate_to(&mut c, 25).unwrap();
        c.execute_batch(
            "INSERT INTO part (id, part_no, name, name_initials, is_engine_oil, cost_price_fen, retail_price_fen,
                 on_hand, stock_value_fen, created_at) VALUES (1, 'PIS', '活塞', 'hs', 0, 4000, 9900, 4, 16000, '');
             INSERT INTO stock_movement (id, part_id, moved_on, kind, qty, delta, value_fen, cash_fen, balance_qty,
                 balance_value_fen, operator, created_at) VALUES
               (1, 1, '2026-10-01', 'receipt', 5, 5, 20000, 0, 5, 20000, 'x', ''),
               (2, 1, '2026-10-20', 'repair', 1, -1, -4000, 9900, 4, 16000, 'x', '');
             INSERT INTO customer (id, name, name_initials, created_at) VALUES (1, '王小明', 'wxm', '');
             INSERT INTO vehicle (id, vin, vin_reversed, customer_id, sale_date, created_at)
               VALUES (1, 'LBPKE1300T0000009', '9000000T0031EKPBL', 1, '2026-05-01', '');
             INSERT INTO repair_order (id, order_no, vehicle_id, customer_id, kind, received_at, promised_at, complaint,
                 labour_fen, received_fen, status, done_at, delivered_at, created_at)
               VALUES (1, 'WX-202610-0001', 1, 1, 'warranty', '2026-10-20 09:00', '2026-10-20 12:00', '异响', 2000, 11900,
                 'delivered', '2026-10-20 11:00', '2026-10-20 11:30', '');
             INSERT INTO repair_part (repair_order_id, part_id, qty, price_fen, movement_id) VALUES (1, 1, 1, 9900, 2);",
        )
        .unwrap();
        migrate_to(&mut c, 26).unwrap();
        let line: (i64, i64, i64) = c
            .query_row("SELECT covered, price_fen, movement_id FROM repair_part", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(line, (0, 9900, 2));
        let kind: String = c
            .query_row("SELECT kind FROM stock_movement WHERE id = 2", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kind, "repair");
        // and the figures today's code computes from them, on today's schema
        migrate(&mut c).unwrap();
        let october = crate::dates::Month::parse("2026-10").unwrap();
        let ci = crate::customers::indicators::compute(&c, october).unwrap();
        assert_eq!(
            (ci.vehicles_repaired, ci.repair_revenue, ci.factory_paid_claims),
            (1, crate::Money::from_fen(11900), 0)
        );
        let w = crate::warranty::indicators::compute(&c, october).unwrap();
        assert_eq!(w.parts_value, crate::Money::ZERO);
        let o = crate::customers::repair::get(&c, 1, chrono::NaiveDateTime::default()).unwrap();
        assert_eq!((o.claim_id, o.total.to_fen()), (None, 11900));
    }

    #[test]
    fn migration_18_dates_first_receipts_and_drops_reversed_issues_from_the_latest_movement() {
        let mut c = Connection::open_in_memory().unwrap();
        super::super::register_functions(&c, Default::default()).unwrap();
        migrate_to(&mut c, 17).unwrap();
        // as the ledger wrote them before: a sale on 5 Oct reversed on 8 Oct
        // still stood as the part's latest 动销
        c.execute_batch(
            "INSERT INTO part (id, part_no, name, name_initials, is_engine_oil, cost_price_fen, retail_price_fen,
                 on_hand, stock_value_fen, last_issue_on, created_at)
             VALUES (1, 'SP', '火花塞', 'hhs', 0, 1000, 1500, 10, 10000, '2026-10-05', ''),
                    (2, 'NEW', '新件', 'xj', 0, 1000, 1500, 0, 0, NULL, '');
             INSERT INTO stock_movement (id, part_id, moved_on, kind, qty, delta, value_fen, cash_fen, balance_qty,
                 balance_value_fen, operator, created_at, issue_as_of, reverses_id) VALUES
               (1, 1, '2026-04-10', 'receipt', 10, 10, 10000, 0, 10, 10000, 'x', '', NULL, NULL),
               (2, 1, '2026-10-05', 'sale', 1, -1, -1000, 1500, 9, 9000, 'x', '', '2026-10-05', NULL),
               (3, 1, '2026-10-08', 'sale', 1, 1, 1000, 0, 10, 10000, 'x', '', '2026-10-05', 2);",
        )
        .unwrap();
        migrate_to(&mut c, 18).unwrap();
        let as_of: Vec<Option<String>> = c
            .prepare("SELECT issue_as_of FROM stock_movement ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(as_of, vec![None, Some("2026-10-05".into()), None]);
        let part: (Option<String>, Option<String>) = c
            .query_row("SELECT first_in_on, last_issue_on FROM part WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(part, (Some("2026-04-10".into()), None));
        let state: Vec<(String, String, String)> = c
            .prepare("SELECT from_month, until_month, issue_as_of FROM part_month_state ORDER BY from_month")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            state,
            vec![
                ("2026-04".into(), "2026-10".into(), String::new()),
                ("2026-10".into(), "9999-12".into(), String::new()),
            ]
        );
        // from now on: the first receipt is dated by a trigger, and a change
        // of 在用 is dated by the app's clock
        c.execute(
            "INSERT INTO stock_movement (part_id, moved_on, kind, qty, delta, value_fen, cash_fen, balance_qty,
                 balance_value_fen, operator, created_at) VALUES (2, '2026-11-03', 'receipt', 1, 1, 1000, 0, 1, 1000, 'x', '')",
            [],
        )
        .unwrap();
        c.execute("UPDATE part SET active = 0 WHERE id = 2", []).unwrap();
        let (first, changed, active): (String, String, i64) = c
            .query_row(
                "SELECT p.first_in_on, a.changed_on, a.active FROM part p JOIN part_active_change a ON a.part_id = p.id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((first.as_str(), active), ("2026-11-03", 0));
        assert_eq!(changed, crate::dates::today().to_string());
        assert!(c.execute("UPDATE stock_movement SET qty = 3 WHERE id = 1", []).is_err());
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 3))
            .unwrap();
        let e = migrate(&mut c).unwrap_err();
        assert_eq!(e.code, ErrorCode::DatabaseNewer);
    }
}
