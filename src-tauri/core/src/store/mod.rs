//! 存储：the shop's one SQLite file.
//!
//! Opening a file is careful, because the file is the shop's only copy of its
//! records:
//!
//! 1. an existing file is first inspected through a *read-only* connection —
//!    the SQLite header, our `application_id`, the schema version and
//!    `PRAGMA quick_check`. A file from a newer version of the app, a damaged
//!    file, or another program's database is refused with a clear Chinese
//!    message and not modified in any way (not even switched to WAL). The
//!    window opens with [`Store::open_deferring_check`]: the quick_check,
//!    seconds on a large shop, waits until its first screen has painted
//!    ([`check_integrity`]), unless a migration is about to write;
//! 2. only then is it opened read-write with WAL, `synchronous=FULL` (power
//!    cuts are common where this runs), `foreign_keys=ON` and a busy timeout,
//!    and the pending [`migrations`] are applied, each in its own transaction.

pub mod migrations;
pub mod query;
pub mod search;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::error::{AppError, AppResult, ErrorCode};

pub use migrations::SCHEMA_VERSION;

/// Marks a SQLite file as ours (`PRAGMA application_id`, "M4SD").
pub const APPLICATION_ID: i32 = 0x4D34_5344;

/// How long a write waits for a lock held by another connection.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The open data file.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// who is working (the audit triggers read it through m4s_actor())
    actor: ActorCell,
}

/// The store's current actor, shared with the SQL functions the audit
/// triggers call.
pub type ActorCell = std::sync::Arc<std::sync::Mutex<Option<crate::actor::Actor>>>;

/// Registers m4s_actor() and m4s_role() (the audit triggers' who and role;
/// NULL when no one is set) and m4s_now() (the app's one clock,
/// [`crate::dates::now`], as `2026-11-27 09:30:12`) and m4s_initials(text)
/// (pinyin initials, as the search columns hold them) and m4s_base64(blob)
/// (the workbook's 附件 sheet) and m4s_label(table, code) (a stored code's
/// label, [`crate::labels`]) on a connection.
pub(crate) fn register_functions(conn: &Connection, cell: ActorCell) -> AppResult<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8;
    conn.create_scalar_function("m4s_now", 0, flags, |_| {
        Ok(crate::dates::now().format("%Y-%m-%d %H:%M:%S").to_string())
    })?;
    let who = cell.clone();
    conn.create_scalar_function("m4s_actor", 0, flags, move |_| {
        Ok(who
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|a| a.name.clone()))
    })?;
    // pinyin initials of a name (a migration fills a new search column)
    conn.create_scalar_function("m4s_initials", 1, flags | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        let text: String = ctx.get::<Option<String>>(0)?.unwrap_or_default();
        Ok(search::pinyin_initials(&text))
    })?;
    // base64 of a blob: the workbook's 附件 sheet carries attachments as text
    conn.create_scalar_function("m4s_base64", 1, flags | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        use base64::Engine;
        let bytes: Vec<u8> = ctx.get::<Option<Vec<u8>>>(0)?.unwrap_or_default();
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    })?;
    // a stored code's label, from the tables the screens use (labels.rs):
    // the audit triggers' words for a kind or a status
    conn.create_scalar_function("m4s_label", 2, flags | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        let table: String = ctx.get(0)?;
        let Some(code) = ctx.get::<Option<String>>(1)? else {
            return Ok(None);
        };
        crate::labels::label(&table, &code).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))
    })?;
    conn.create_scalar_function("m4s_role", 0, flags, move |_| {
        Ok(cell
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|a| a.role_label.to_string()))
    })?;
    Ok(())
}

/// What `moto4s check` reports (数据检查).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    pub path: String,
    pub schema_version: i64,
    pub quick_check: String,
    /// (table, rows) for every table of ours.
    pub counts: Vec<(String, i64)>,
}

impl Store {
    /// Opens the data file at `path`, creating it (and its folder) when it
    /// does not exist, and brings its schema up to date.
    pub fn open(path: &Path) -> AppResult<Store> {
        Store::open_checked(path, true)
    }

    /// Opens the data file like [`Store::open`] but leaves its
    /// `PRAGMA quick_check` to the caller ([`check_integrity`], which the
    /// window runs once its first screen has painted): the header, our
    /// `application_id` and the schema version are still checked read-only
    /// first, and a file with migrations pending is quick-checked before
    /// anything writes to it. A damaged page met before the check is an
    /// error of the read that met it, never a silent wrong answer.
    pub fn open_deferring_check(path: &Path) -> AppResult<Store> {
        Store::open_checked(path, false)
    }

    fn open_checked(path: &Path, full_check: bool) -> AppResult<Store> {
        // SQLite keeps its log files beside the data file: a folder that
        // can't be written makes even reading fail, which must not be taken
        // for damage
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && d.is_dir()) {
            if let Err(e) = folder_writable(dir) {
                return Err(AppError::new(
                    ErrorCode::Io,
                    format!(
                        "数据文件所在的文件夹「{}」不能写入（{}）。服务经理台需要在数据文件旁边写日志文件；数据文件没有被改动。请检查文件夹权限，或把数据文件放到可以写入的位置（不要放在光盘或只读的U盘上）。",
                        dir.display(),
                        crate::error::io_reason(&e)
                    ),
                ));
            }
        }
        let meta = std::fs::metadata(path).ok();
        // an empty file is no new shop: a write that never finished (a full
        // disk, a copy cut short) left it, and it is refused like damage, so
        // that the start-up page offers the backups instead of the file
        // silently becoming an empty shop (a new file of ours never shows
        // empty: it appears whole, see `create_whole`)
        if meta.as_ref().is_some_and(|m| m.is_file() && m.len() == 0) {
            return Err(damaged(path, "文件是空的（0 字节），上次写入可能被中断；这不是新店铺"));
        }
        if meta.is_none() {
            create_whole(path)?;
        }
        inspect(path, full_check)?;
        let mut conn = open_read_write(path, path, "打开")?;
        // every transaction takes the write lock when it begins: a second
        // process writing the same file (the CLI beside the window) then
        // waits its turn through the busy timeout, instead of failing at
        // once when a transaction that has read tries to write
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        configure(&conn, true)?;
        let actor = ActorCell::default();
        register_functions(&conn, actor.clone())?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            actor,
        };
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// A private in-memory database with the full schema (tests, benches).
    pub fn open_in_memory() -> AppResult<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        let actor = ActorCell::default();
        register_functions(&conn, actor.clone())?;
        let mut store = Store {
            conn,
            path: None,
            actor,
        };
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// A private in-memory copy of this store (SQLite's backup API): a
    /// prepared shop that many test cases start from.
    pub fn copy_in_memory(&self) -> AppResult<Store> {
        let mut conn = Connection::open_in_memory()?;
        {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut conn)?;
            b.run_to_completion(4096, Duration::ZERO, None)?;
        }
        configure(&conn, false)?;
        let actor = ActorCell::default();
        register_functions(&conn, actor.clone())?;
        Ok(Store {
            conn,
            path: None,
            actor,
        })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Who is working now (None: no one signed in).
    pub fn actor(&self) -> Option<crate::actor::Actor> {
        self.actor.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Sets who is working: their writes are recorded in the audit log.
    pub fn set_actor(&self, actor: Option<crate::actor::Actor>) {
        *self.actor.lock().unwrap_or_else(|p| p.into_inner()) = actor;
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` in one transaction and commits only if it returns Ok: a
    /// write happens whole or not at all (the `_in` functions take the
    /// transaction, so a caller can put several in one). Like every
    /// transaction here it is BEGIN IMMEDIATE (see `open`).
    pub fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> AppResult<T>) -> AppResult<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version (`PRAGMA user_version`), without any check.
    pub fn schema_version(&self) -> AppResult<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Schema version, quick_check and row counts (数据检查).
    pub fn health(&self) -> AppResult<Health> {
        let schema_version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let quick_check = quick_check(&self.conn)?.join("; ");
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let tables: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut counts = Vec::with_capacity(tables.len());
        for t in tables {
            // table names come from sqlite_schema, not from user text
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            counts.push((t, n));
        }
        Ok(Health {
            path: self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| ":memory:".into()),
            schema_version,
            quick_check,
            counts,
        })
    }

    /// A value from the `meta` table.
    pub fn meta(&self, key: &str) -> AppResult<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> AppResult<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}

fn configure(conn: &Connection, file: bool) -> AppResult<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if file {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(AppError::new(
                ErrorCode::Io,
                format!("数据文件无法使用 WAL 日志模式（当前为 {mode}），请把数据放在本机硬盘上"),
            ));
        }
    }
    // a 64 MiB page cache (SQLite's default is 2 MiB): the stock list's and
    // the indicators' indexes of a large shop stay in memory between keystrokes
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;")?;
    Ok(())
}

fn quick_check(conn: &Connection) -> AppResult<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Whether files can be created in `dir` (a probe file, removed at once).
fn folder_writable(dir: &Path) -> std::io::Result<()> {
    // a name of its own per call: two threads opening stores in one folder
    // must not remove each other's probe
    static PROBES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = PROBES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let probe = dir.join(format!(".moto4s-write-probe-{}-{n}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)?;
    std::fs::remove_file(&probe)
}

/// The suffixes of the files SQLite keeps beside a data file: its
/// write-ahead log, shared memory and rollback journal.
pub const SIDE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `path` with a suffix appended to its file name (`shop.db` → `shop.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Removes a data file and the files SQLite keeps beside it: what a demo
/// or an import into a new file leaves when it does not finish.
pub fn remove_data_file(path: &Path) {
    let _ = std::fs::remove_file(path);
    for suffix in SIDE_SUFFIXES {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// Makes a new data file at `path` whole before anyone can see it: the
/// schema is built in a file of its own beside it (`.shop.db.creating-…`),
/// flushed, and only then linked in under the real name. Another process
/// opening the same path meanwhile finds no file, or a complete one at the
/// latest version — never one half-way through its migrations (which it
/// would take for an old shop to upgrade, copying it "before the upgrade"
/// while the first process was still writing it). Two processes creating
/// the same file each build one; the first link wins and the other's copy
/// is removed. A creation cut short by a power cut leaves only the side
/// file, removed by the next creation in that folder once it is an hour old.
fn create_whole(path: &Path) -> AppResult<()> {
    static CREATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| AppError::io("创建数据文件夹", &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.creating-");
    remove_stale_creations(&dir, &prefix);
    let n = CREATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!("{prefix}{}-{n}", std::process::id()));
    let built = (|| -> AppResult<()> {
        let mut conn = open_read_write(&temp, path, "创建")?;
        configure(&conn, true)?;
        // no one else sees this file until it is flushed whole below
        conn.execute_batch("PRAGMA synchronous = OFF")?;
        register_functions(&conn, ActorCell::default())?;
        migrations::migrate(&mut conn)?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.close().map_err(|(_, e)| AppError::from(e))?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| AppError::io("写入数据文件", &e))?;
        Ok(())
    })();
    if let Err(e) = built {
        remove_data_file(&temp);
        return Err(e);
    }
    let linked = match std::fs::hard_link(&temp, path) {
        Ok(()) => Ok(()),
        // another process made it first: theirs is the shop
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // a file system without hard links (a FAT-formatted stick): a
        // rename, unless the file appeared meanwhile
        Err(_) if path.exists() => Ok(()),
        Err(_) => std::fs::rename(&temp, path),
    };
    remove_data_file(&temp);
    linked.map_err(|e| AppError::io("创建数据文件", &e))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A read-write connection to the file at `file`; a failure names the data
/// file `shown` and what was being done (打开 / 创建).
fn open_read_write(file: &Path, shown: &Path, doing: &str) -> AppResult<Connection> {
    Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!(
                "无法{doing}数据文件「{}」：{}",
                shown.display(),
                AppError::from(e).message
            ),
        )
    })
}

/// Removes what creations cut short an hour or more ago left in `dir`.
fn remove_stale_creations(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().starts_with(prefix)
            && entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn damaged(path: &Path, detail: &str) -> AppError {
    AppError::new(
        ErrorCode::DatabaseDamaged,
        format!(
            "数据文件「{}」已损坏或不是本软件的数据文件（{detail}）。文件未做任何改动；请从备份恢复，或另选数据文件。",
            path.display()
        ),
    )
}

/// `PRAGMA quick_check` of the data file through a read-only connection of
/// its own (a store may be open on it meanwhile): a damaged file is a
/// [`ErrorCode::DatabaseDamaged`] error naming what the check found.
pub fn check_integrity(path: &Path) -> AppResult<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| damaged(path, &e.to_string()))?;
    let _ = conn.busy_timeout(BUSY_TIMEOUT);
    quick_check_of(path, &conn)
}

fn quick_check_of(path: &Path, conn: &Connection) -> AppResult<()> {
    let result = quick_check(conn).map_err(|e| damaged(path, &e.message))?;
    if result != ["ok"] {
        let first = result.into_iter().take(3).collect::<Vec<_>>().join("；");
        return Err(damaged(path, &format!("完整性检查未通过：{first}")));
    }
    Ok(())
}

/// Read-only checks of an existing file before anything may write to it;
/// the quick_check only when `full_check` asks for it or a migration is
/// pending.
fn inspect(path: &Path, full_check: bool) -> AppResult<()> {
    let mut header = [0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| AppError::io("读取数据文件", &e))?;
    if f.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
        return Err(damaged(path, "文件头不是 SQLite 数据库"));
    }
    drop(f);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| damaged(path, &e.to_string()))?;
    let _ = conn.busy_timeout(BUSY_TIMEOUT);
    let probe = (|| -> rusqlite::Result<(i32, i64, i64)> {
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app_id, version, tables))
    })();
    let (app_id, version, tables) = probe.map_err(|e| damaged(path, &e.to_string()))?;
    if app_id != APPLICATION_ID && !(app_id == 0 && tables == 0) {
        return Err(damaged(path, "这是其他程序的数据库"));
    }
    if version > SCHEMA_VERSION {
        return Err(AppError::new(
            ErrorCode::DatabaseNewer,
            format!(
                "数据文件「{}」由更新版本的服务经理台写入（数据版本 {version}，本程序只支持到 {SCHEMA_VERSION}）。为保护数据，文件未做任何改动；请安装新版本后再打开。",
                path.display()
            ),
        ));
    }
    if full_check || version < SCHEMA_VERSION {
        quick_check_of(path, &conn)?;
    }
    // a file of ours from an earlier version: copied before any migration
    if version > 0 && version < SCHEMA_VERSION {
        crate::backup::before_upgrade(&conn, path, version, crate::dates::now())?;
    }
    Ok(())
}

/// The next document number after `prefix` (e.g. `WX-202611-` → `WX-202611-0007`):
/// one more than the highest number with that prefix, at least `width`
/// digits and as many more as it needs (…9999 is followed by …10000: a
/// series never runs out). The highest is found by length first, then
/// text, because `…10000` sorts below `…9999` as text.
/// `table` and `column` are names from the code, never user text.
pub fn next_number(
    conn: &rusqlite::Connection,
    table: &str,
    column: &str,
    prefix: &str,
    width: usize,
) -> AppResult<String> {
    use rusqlite::OptionalExtension;
    let last: Option<String> = conn
        .query_row(
            &format!(
                "SELECT {column} FROM {table} WHERE {column} LIKE ?1 || '%'
                   AND substr({column}, ?2) <> '' AND substr({column}, ?2) NOT GLOB '*[^0-9]*'
                 ORDER BY length({column}) DESC, {column} DESC LIMIT 1"
            ),
            rusqlite::params![prefix, prefix.chars().count() + 1],
            |r| r.get(0),
        )
        .optional()?;
    let next = last
        .and_then(|l| l.get(prefix.len()..).and_then(|n| n.parse::<u64>().ok()))
        .unwrap_or(0)
        + 1;
    Ok(format!("{prefix}{next:0width$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_cannot_be_written_is_named_not_called_damage() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("只读");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("shop.db");
        drop(Store::open(&path).unwrap());
        let before = std::fs::read(&path).unwrap();
        // root may write anywhere; an immutable folder (chattr +i) stops even root
        let locked = std::process::Command::new("chattr")
            .arg("+i")
            .arg(&folder)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !locked && folder_writable(&folder).is_ok() {
            eprintln!("skipped: this file system can't make a folder read-only for this user");
            return;
        }
        let opened = Store::open(&path);
        // unlocked before any assertion, so that a failure leaves a folder the temp dir can remove
        if locked {
            let _ = std::process::Command::new("chattr").arg("-i").arg(&folder).status();
        }
        let e = opened.err().expect("refused");
        assert_eq!(e.code, ErrorCode::Io, "{}", e.message);
        assert!(
            e.message.contains("不能写入") && !e.message.contains("损坏"),
            "{}",
            e.message
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn an_empty_file_left_from_an_interrupted_write_is_refused_not_made_a_new_shop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        std::fs::write(&path, b"").unwrap();
        let e = Store::open(&path).err().expect("refused");
        assert_eq!(e.code, ErrorCode::DatabaseDamaged);
        assert!(e.message.contains("0 字节"), "{}", e.message);
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "left as it was");
        assert!(!dir.path().join("shop.db-wal").exists());
    }

    #[test]
    fn writers_on_two_connections_take_turns_instead_of_failing() {
        use crate::parts::{catalog, ledger, testkit};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        {
            let s = Store::open(&path).unwrap();
            catalog::create(s.conn(), &testkit::part("A-1", "机油滤清器")).unwrap();
        }
        let day = testkit::day("2026-11-20");
        let writers: Vec<_> = (0..3)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open(&path).unwrap();
                    let mut failed = Vec::new();
                    for _ in 0..40 {
                        // each post reads the balance, then writes: the case
                        // a deferred transaction lost at once with SQLITE_BUSY
                        if let Err(e) = ledger::post_on(&mut s, &testkit::mv("A-1", "receipt", "1", "2026-11-20"), day)
                        {
                            failed.push(e.message);
                        }
                    }
                    failed
                })
            })
            .collect();
        for w in writers {
            let failed = w.join().unwrap();
            assert!(failed.is_empty(), "{failed:?}");
        }
        let s = Store::open(&path).unwrap();
        let on_hand: i64 = s
            .conn()
            .query_row("SELECT on_hand FROM part WHERE part_no = 'A-1'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on_hand, 120);
    }

    #[test]
    fn two_processes_creating_one_new_file_both_open_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let openers: Vec<_> = (0..8)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Store::open(&path).map(|s| s.schema_version().unwrap()))
            })
            .collect();
        for o in openers {
            assert_eq!(o.join().unwrap().map_err(|e| e.message), Ok(SCHEMA_VERSION));
        }
        // none of them met the file half-way through its migrations (it would
        // have been copied as an old shop "before the upgrade"), and no
        // builder's own copy is left beside it
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("new.db-"))
            .collect();
        left.sort();
        assert_eq!(left, ["new.db"]);
    }

    #[test]
    fn document_numbers_go_past_their_width_without_running_out() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute_batch("CREATE TEMP TABLE doc (no TEXT UNIQUE)").unwrap();
        assert_eq!(next_number(c, "doc", "no", "SP-202611-", 4).unwrap(), "SP-202611-0001");
        c.execute("INSERT INTO doc VALUES ('SP-202611-9998'), ('SP-202611-0005')", [])
            .unwrap();
        for want in ["SP-202611-9999", "SP-202611-10000", "SP-202611-10001"] {
            let n = next_number(c, "doc", "no", "SP-202611-", 4).unwrap();
            assert_eq!(n, want);
            c.execute("INSERT INTO doc VALUES (?1)", [&n]).unwrap();
        }
        // a two-digit series goes on to three
        c.execute("INSERT INTO doc VALUES ('PD-99')", []).unwrap();
        assert_eq!(next_number(c, "doc", "no", "PD-", 2).unwrap(), "PD-100");
        // a number brought in by an import that is not a number after the
        // prefix (the longest, so it would be looked at first) is passed over
        c.execute("INSERT INTO doc VALUES ('PD-99-旧系统编号')", []).unwrap();
        assert_eq!(next_number(c, "doc", "no", "PD-", 2).unwrap(), "PD-100");
    }

    fn sha(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap()
    }

    #[test]
    fn a_new_file_gets_wal_full_sync_foreign_keys_and_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("shop.db");
        let store = Store::open(&path).unwrap();
        let c = store.conn();
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        let ver: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let app: i32 = c.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(
            (mode.as_str(), sync, fk, ver, app),
            ("wal", 2, 1, SCHEMA_VERSION, APPLICATION_ID)
        );
        let h = store.health().unwrap();
        assert_eq!(h.quick_check, "ok");
        assert!(h.counts.iter().any(|(t, _)| t == "shop_settings"));
        drop(store);
        // reopening is fine and changes nothing in the schema
        let again = Store::open(&path).unwrap();
        assert_eq!(again.health().unwrap().schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
                .unwrap();
        }
        let before = sha(&path);
        let err = Store::open(&path).err().unwrap();
        assert_eq!(err.code, ErrorCode::DatabaseNewer);
        assert!(err.message.contains("更新版本"), "{}", err.message);
        assert_eq!(sha(&path), before, "the file must not be touched");
    }

    /// A shop file in `dir` with enough rows to span several pages, all
    /// checkpointed into the file itself (nothing left in its log).
    fn many_pages(dir: &Path) -> PathBuf {
        let path = dir.join("shop.db");
        let s = Store::open(&path).unwrap();
        for i in 0..2000 {
            s.set_meta(&format!("k{i}"), &"x".repeat(200)).unwrap();
        }
        s.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        path
    }

    #[test]
    fn a_damaged_file_is_reported_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let path = many_pages(dir.path());
        // scribble over the middle of the file, past the header page
        let mut bytes = std::fs::read(&path).unwrap();
        let len = bytes.len();
        for b in &mut bytes[4096 + 100..len / 2] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(&path).err().unwrap();
        assert_eq!(err.code, ErrorCode::DatabaseDamaged);
        assert!(err.message.contains("已损坏"), "{}", err.message);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file must not be touched");
        // the window's deferred check finds the same damage
        let err = check_integrity(&path).err().unwrap();
        assert_eq!(err.code, ErrorCode::DatabaseDamaged);
        assert!(err.message.contains("已损坏"), "{}", err.message);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file must not be touched");
    }

    /// A file written by the previous version is copied into its backup
    /// folder before the first migration touches it; when no copy can be
    /// made the file is refused and left as it was.
    #[test]
    fn a_file_from_an_earlier_version_is_backed_up_before_it_is_upgraded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        let older = SCHEMA_VERSION - 1;
        {
            let mut c = Connection::open(&path).unwrap();
            register_functions(&c, Default::default()).unwrap();
            migrations::migrate_to(&mut c, older).unwrap();
            c.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')", [])
                .unwrap();
        }
        // a backup folder that is a file: no copy can be made
        let blocked = dir.path().join("backups");
        std::fs::write(&blocked, "挡住备份文件夹").unwrap();
        let before = sha(&path);
        let err = Store::open(&path).err().unwrap();
        assert!(err.message.contains("升级前的备份没有做成"), "{}", err.message);
        assert_eq!(sha(&path), before, "the file must not be touched");
        std::fs::remove_file(&blocked).unwrap();

        let s = Store::open_deferring_check(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        drop(s);
        let kept = crate::backup::list(&blocked);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].kind, "before-upgrade");
        assert!(
            kept[0].name.starts_with(&format!("moto4s-before-upgrade-v{older}-")),
            "{}",
            kept[0].name
        );
        let copy = Connection::open(&kept[0].path).unwrap();
        let (v, k): (i64, String) = copy
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), value FROM meta WHERE key = 'k'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((v, k.as_str()), (older, "v"));
        // opened again at today's version: no second copy
        drop(Store::open(&path).unwrap());
        assert_eq!(crate::backup::list(&blocked).len(), 1);
    }

    /// The window's opening leaves the quick_check for later on a file at
    /// today's schema (its header and version are still read), but not on
    /// one a migration is about to write to.
    #[test]
    fn the_deferred_check_waits_only_when_nothing_is_to_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = many_pages(dir.path());
        check_integrity(&path).unwrap();
        // damage to the meta table's later pages only
        let mut bytes = std::fs::read(&path).unwrap();
        let len = bytes.len();
        for b in &mut bytes[len - 3 * 4096 + 100..len - 4096] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(Store::open(&path).err().unwrap().code, ErrorCode::DatabaseDamaged);
        let s = Store::open_deferring_check(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        drop(s);
        assert_eq!(check_integrity(&path).err().unwrap().code, ErrorCode::DatabaseDamaged);
        // the same file a version behind: checked before the migration writes
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION - 1).unwrap();
        drop(c);
        assert_eq!(
            Store::open_deferring_check(&path).err().unwrap().code,
            ErrorCode::DatabaseDamaged
        );
    }

    #[test]
    fn a_file_that_is_not_a_database_or_not_ours_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "这不是数据库，只是一段文字。".repeat(20)).unwrap();
        let err = Store::open(&text).err().unwrap();
        assert_eq!(err.code, ErrorCode::DatabaseDamaged);

        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        let before = sha(&other);
        let err = Store::open(&other).err().unwrap();
        assert_eq!(err.code, ErrorCode::DatabaseDamaged);
        assert!(err.message.contains("其他程序"), "{}", err.message);
        assert_eq!(sha(&other), before);
    }

    #[test]
    fn document_numbers_follow_the_highest_with_their_prefix() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute_batch("CREATE TEMP TABLE doc (no TEXT)").unwrap();
        assert_eq!(next_number(c, "doc", "no", "WX-202611-", 4).unwrap(), "WX-202611-0001");
        for no in ["WX-202611-0009", "WX-202611-0002", "WX-202610-0042"] {
            c.execute("INSERT INTO doc VALUES (?1)", [no]).unwrap();
        }
        assert_eq!(next_number(c, "doc", "no", "WX-202611-", 4).unwrap(), "WX-202611-0010");
        assert_eq!(next_number(c, "doc", "no", "WX-202610-", 4).unwrap(), "WX-202610-0043");
        assert_eq!(next_number(c, "doc", "no", "WX-202612-", 2).unwrap(), "WX-202612-01");
    }

    #[test]
    fn meta_round_trips() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.meta("nope").unwrap(), None);
        s.set_meta("a", "1").unwrap();
        s.set_meta("a", "2").unwrap();
        assert_eq!(s.meta("a").unwrap().as_deref(), Some("2"));
    }
}
