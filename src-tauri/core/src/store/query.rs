//! 查询条件: the WHERE clause of a list screen's query, built from the
//! filters the screen sets, each value bound as a parameter (never spliced
//! into the SQL), with the LIKE patterns the searches use.

use rusqlite::types::Value;

use super::search::like_escape;

/// Conditions ANDed into a WHERE clause, and the values they bind.
#[derive(Debug, Default)]
pub struct Filter {
    conds: Vec<String>,
    args: Vec<Value>,
}

impl Filter {
    pub fn new() -> Filter {
        Filter::default()
    }

    /// Binds `v`; its placeholder (`?3`) for a condition.
    pub fn arg(&mut self, v: impl Into<Value>) -> String {
        self.args.push(v.into());
        format!("?{}", self.args.len())
    }

    /// Binds a LIKE pattern (for `… LIKE ?n ESCAPE '\'`) that matches
    /// `text` anywhere.
    pub fn contains(&mut self, text: &str) -> String {
        self.arg(format!("%{}%", like_escape(text)))
    }

    /// Binds a LIKE pattern (for `… LIKE ?n ESCAPE '\'`) that matches a
    /// value ending in `text` (a VIN's last digits).
    pub fn ends_with(&mut self, text: &str) -> String {
        self.arg(format!("%{}", like_escape(text)))
    }

    /// Adds a condition.
    pub fn and(&mut self, cond: impl Into<String>) {
        self.conds.push(cond.into());
    }

    /// `WHERE a AND b`, or nothing when no condition was added.
    pub fn sql(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conds.join(" AND "))
        }
    }

    /// The bound values, in order, for the statement.
    pub fn params(&self) -> rusqlite::ParamsFromIter<std::slice::Iter<'_, Value>> {
        rusqlite::params_from_iter(self.args.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn conditions_are_anded_and_values_bound_not_spliced() {
        let mut f = Filter::new();
        assert_eq!(f.sql(), "");
        let like = f.contains("50%_off");
        f.and(format!("name LIKE {like} ESCAPE '\\'"));
        let n = f.arg(2i64);
        f.and(format!("n >= {n}"));
        assert_eq!(f.sql(), "WHERE name LIKE ?1 ESCAPE '\\' AND n >= ?2");
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (name TEXT, n INTEGER);
             INSERT INTO t VALUES ('50%_off now', 2), ('500 off', 3), ('50%_off', 1);",
        )
        .unwrap();
        let got: Vec<String> = conn
            .prepare(&format!("SELECT name FROM t {} ORDER BY n", f.sql()))
            .unwrap()
            .query_map(f.params(), |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        // the % and _ typed are matched as themselves
        assert_eq!(got, ["50%_off now"]);
    }
}
