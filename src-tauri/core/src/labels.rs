//! 代码名称: the label of a stored code for SQL — `m4s_label(table, code)`,
//! which the audit triggers call for a movement's kind, a claim's or repair
//! order's status, a login's role and the other codes they spell out.
//!
//! The triggers used to carry their own `CASE … WHEN 'receipt' THEN '采购入库'`
//! copies of these tables, and one had drifted (a lost customer's 服务态度
//! was logged as 态度). Now the words in the 操作日志 are the ones the screens
//! and the window's contract show, from the same tables; a new code needs no
//! migration. The store registers the function on every connection
//! ([`crate::store`]); this module is the one place it looks the tables up.

use crate::actor::Role;
use crate::customers::{complaint, lost, repair, service};
use crate::network::outlet;
use crate::parts::ledger::MovementKind;
use crate::staff::standards;
use crate::warranty::claim;

/// The tables `m4s_label` knows, by the name the triggers use.
pub const TABLES: &[&str] = &[
    "movement",
    "claim_status",
    "repair_status",
    "role",
    "outlet_status",
    "complaint_step",
    "complaint_confirmation",
    "lost_outcome",
    "check_method",
    "process_step",
];

/// The label of `code` in `table`: `Ok(None)` for a code the table does
/// not have (the trigger then writes what it chooses, usually the code),
/// `Err` for a table that does not exist (a mistake in a migration).
pub fn label(table: &str, code: &str) -> Result<Option<&'static str>, String> {
    let of = |t: &[(&'static str, &'static str)]| t.iter().find(|(c, _)| *c == code).map(|(_, l)| *l);
    Ok(match table {
        "movement" => MovementKind::from_code(code).map(MovementKind::label),
        "claim_status" => of(&claim::STATUSES),
        "repair_status" => of(&repair::STATUSES),
        "role" => Role::parse(code).map(Role::label),
        "outlet_status" => of(&outlet::STATUSES),
        "complaint_step" => of(&complaint::STEPS),
        "complaint_confirmation" => of(&complaint::CONFIRMATIONS),
        "lost_outcome" => of(&lost::OUTCOMES),
        "check_method" => of(&standards::METHODS),
        "process_step" => of(&service::STEPS),
        _ => return Err(format!("m4s_label: no code table named {table}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn sql_label(s: &Store, table: &str, code: &str) -> rusqlite::Result<Option<String>> {
        s.conn()
            .query_row("SELECT m4s_label(?1, ?2)", [table, code], |r| r.get(0))
    }

    #[test]
    fn the_sql_function_gives_the_screens_labels() {
        let s = Store::open_in_memory().unwrap();
        for k in MovementKind::ALL {
            assert_eq!(sql_label(&s, "movement", k.code()).unwrap().as_deref(), Some(k.label()));
        }
        for r in Role::ALL {
            assert_eq!(sql_label(&s, "role", r.code()).unwrap().as_deref(), Some(r.label()));
        }
        for (table, rows) in [
            ("claim_status", &claim::STATUSES[..]),
            ("repair_status", &repair::STATUSES[..]),
            ("outlet_status", &outlet::STATUSES[..]),
            ("complaint_step", &complaint::STEPS[..]),
            ("complaint_confirmation", &complaint::CONFIRMATIONS[..]),
            ("lost_outcome", &lost::OUTCOMES[..]),
            ("check_method", &standards::METHODS[..]),
            ("process_step", &service::STEPS[..]),
        ] {
            assert!(TABLES.contains(&table));
            for (code, label) in rows {
                assert_eq!(
                    sql_label(&s, table, code).unwrap().as_deref(),
                    Some(*label),
                    "{table} {code}"
                );
            }
            assert_eq!(sql_label(&s, table, "nonsense").unwrap(), None);
        }
        // a NULL code (a staff member without a login) is NULL
        let none: Option<String> = s
            .conn()
            .query_row("SELECT m4s_label('role', NULL)", [], |r| r.get(0))
            .unwrap();
        assert_eq!(none, None);
        let e = sql_label(&s, "movment", "receipt").unwrap_err();
        assert!(e.to_string().contains("no code table named movment"), "{e}");
    }

    /// No trigger spells out a code table of its own any more: each of
    /// these codes appears in a trigger only through `m4s_label`.
    #[test]
    fn no_trigger_keeps_a_copy_of_a_code_table() {
        let s = Store::open_in_memory().unwrap();
        let mut st = s
            .conn()
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'")
            .unwrap();
        let triggers: Vec<(String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(triggers.len() > 30, "{}", triggers.len());
        let codes = [
            "'receipt'",
            "'draft'",
            "'delivered'",
            "'manager'",
            "'suspended'",
            "'apology'",
            "'satisfied'",
            "'competitor'",
            "'spot'",
            "'diagnosis'",
        ];
        for (name, sql) in &triggers {
            for c in codes {
                assert!(!sql.contains(&format!("WHEN {c}")), "{name} still spells out {c}");
            }
        }
    }
}
