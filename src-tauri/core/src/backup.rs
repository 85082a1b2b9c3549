//! 备份与恢复：verified copies of the shop's one data file.
//!
//! A backup is made with SQLite's online backup API from a connection of its
//! own (never a plain copy of a live file, which can catch a write half
//! done), into a temporary name in the backup folder; the copy is checked
//! with `integrity_check` and only then renamed to its final name, so every
//! file named `moto4s-*.db` in the folder is a good backup.
//!
//! - daily: at the first start of each day and on exit (the exit backup
//!   replaces that day's), `moto4s-daily-YYYY-MM-DD.db`, the newest 14 kept;
//! - monthly: the first daily backup of a month is also kept as
//!   `moto4s-monthly-YYYY-MM.db`, the newest 12 kept;
//! - by hand: `moto4s-manual-YYYY-MM-DD-HHMMSS.db` in a folder the manager
//!   picks; before a restore: `moto4s-before-restore-…db`, before an import
//!   `moto4s-before-import-…db`, before a new version of the app changes the
//!   file's schema `moto4s-before-upgrade-v<old version>-…db`, never pruned;
//! - a second folder (e.g. a USB stick), when set and present, gets a copy of
//!   each daily and monthly backup too, pruned the same way.
//!
//! Restoring checks the chosen file first (our file, not damaged, not from a
//! newer version), backs up the current data, then copies the chosen file
//! into the open database with the same backup API (one step, atomic for
//! SQLite) and brings its schema up to date.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::store::{migrations, Store, APPLICATION_ID, SCHEMA_VERSION};

const KEEP_DAILY: usize = 14;
const KEEP_MONTHLY: usize = 12;
/// The dashboard warns when the last good backup is older than this.
pub const STALE_AFTER_DAYS: i64 = 2;

const META_DIR: &str = "backup_dir";
const META_MIRROR: &str = "backup_mirror_dir";
const META_LAST: &str = "backup_last";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    /// daily / monthly / manual / before-restore
    pub kind: &'static str,
    /// 每日 / 每月 / 手动 / 恢复前
    pub kind_label: &'static str,
    /// `2026-11-27 09:30:12` (the file's modification time)
    pub taken_at: String,
    pub bytes: u64,
}

/// What the settings screen shows (备份与恢复).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub data_path: String,
    pub backup_dir: String,
    pub mirror_dir: Option<String>,
    /// the second folder is set and can be written now (the USB stick is in)
    pub mirror_present: bool,
    /// the last good backup (automatic or by hand)
    pub last: Option<BackupFile>,
    /// no good backup, or the last older than two days
    pub stale: bool,
    /// the automatic backups in the folder, newest first
    pub files: Vec<BackupFile>,
}

fn io(what: &str, e: std::io::Error) -> AppError {
    AppError::io(what, &e)
}

fn kind_of(name: &str) -> Option<(&'static str, &'static str)> {
    let rest = name.strip_prefix("moto4s-")?;
    if !name.ends_with(".db") {
        return None;
    }
    Some(if rest.starts_with("daily-") {
        ("daily", "每日")
    } else if rest.starts_with("monthly-") {
        ("monthly", "每月")
    } else if rest.starts_with("manual-") {
        ("manual", "手动")
    } else if rest.starts_with("before-restore-") {
        ("before-restore", "恢复前")
    } else if rest.starts_with("before-import-") {
        ("before-import", "导入前")
    } else if rest.starts_with("before-upgrade-") {
        ("before-upgrade", "升级前")
    } else {
        return None;
    })
}

fn describe(path: &Path) -> Option<BackupFile> {
    let name = path.file_name()?.to_string_lossy().to_string();
    let (kind, kind_label) = kind_of(&name)?;
    let meta = std::fs::metadata(path).ok()?;
    let taken: chrono::DateTime<chrono::Local> = meta.modified().ok()?.into();
    Some(BackupFile {
        path: path.display().to_string(),
        name,
        kind,
        kind_label,
        taken_at: taken.format("%Y-%m-%d %H:%M:%S").to_string(),
        bytes: meta.len(),
    })
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> Vec<BackupFile> {
    let mut out: Vec<BackupFile> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().filter_map(|e| describe(&e.path())).collect())
        .unwrap_or_default();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
    out
}

/// The folder for automatic backups: the one set in the data file, or
/// `backups` beside the data file.
pub fn backup_dir(store: &Store) -> AppResult<PathBuf> {
    if let Some(d) = store.meta(META_DIR)?.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    Ok(store
        .path()
        .map(default_dir)
        .unwrap_or_else(|| crate::paths::app_data_dir().join("backups")))
}

/// Sets the second folder (empty = none). It need not be present now.
pub fn set_mirror_dir(store: &Store, dir: &str) -> AppResult<()> {
    let d = dir.trim();
    if !d.is_empty() && !Path::new(d).is_absolute() {
        return Err(AppError::invalid("mirrorDir", "第二备份位置应是完整的文件夹路径"));
    }
    store.set_meta(META_MIRROR, d)
}

fn mirror_dir(store: &Store) -> AppResult<Option<PathBuf>> {
    Ok(store.meta(META_MIRROR)?.filter(|d| !d.is_empty()).map(PathBuf::from))
}

/// Gives a finished backup file the time it was taken by the app's clock
/// ([`crate::dates::now`]) as its modification time, and flushes it to the
/// disk. The listing, the "last backup" and the staleness warning read that
/// time, so they agree with the app's clock even when it is set by
/// `MOTO4S_TODAY` (a test, a frozen demo) rather than the PC's.
fn seal(path: &Path, taken: NaiveDateTime) -> AppResult<()> {
    use chrono::TimeZone;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| io("保存备份文件", e))?;
    if let Some(t) = chrono::Local.from_local_datetime(&taken).earliest() {
        f.set_modified(t.into()).map_err(|e| io("保存备份文件", e))?;
    }
    f.sync_all().map_err(|e| io("保存备份文件", e))
}

/// Copies the database behind `src` into `dir/name`: backup API into a
/// temporary name, integrity_check, stamped with `taken` and flushed,
/// rename. Returns the file.
pub fn write_backup(src: &Connection, dir: &Path, name: &str, taken: NaiveDateTime) -> AppResult<BackupFile> {
    std::fs::create_dir_all(dir).map_err(|e| io("创建备份文件夹", e))?;
    let final_path = dir.join(name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> AppResult<()> {
        let mut dst = Connection::open(&tmp).map_err(|e| {
            AppError::new(
                ErrorCode::Io,
                format!("无法在「{}」写入备份：{}", dir.display(), AppError::from(e).message),
            )
        })?;
        {
            // all pages in one step, under one read transaction: a step by
            // step copy restarts whenever the source changes between steps
            // (and, on a file this user may only read, on every step)
            let b = Backup::new(src, &mut dst)?;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            loop {
                use rusqlite::backup::StepResult;
                match b.step(-1)? {
                    StepResult::Done => break,
                    // another process holds a lock: wait a little, within bounds
                    _ if std::time::Instant::now() < deadline => {
                        std::thread::sleep(std::time::Duration::from_millis(100))
                    }
                    _ => {
                        return Err(AppError::new(
                            ErrorCode::Storage,
                            "数据文件一直被其他程序占用，备份没有完成（稍后会再试）",
                        ))
                    }
                }
            }
        }
        // a backup is its own file: no WAL beside it
        dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        let check: String = dst.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(AppError::new(
                ErrorCode::DatabaseDamaged,
                format!("备份副本的完整性检查未通过（{check}），未保存"),
            ));
        }
        dst.close().map_err(|(_, e)| AppError::from(e))?;
        seal(&tmp, taken)?;
        std::fs::rename(&tmp, &final_path).map_err(|e| io("保存备份文件", e))?;
        crate::paths::sync_dir(dir);
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(dir.join(format!(".{name}.{}.tmp-journal", std::process::id())));
        return Err(e);
    }
    describe(&final_path).ok_or_else(|| AppError::new(ErrorCode::Io, "备份文件写入后无法读取"))
}

fn copy_verified(file: &Path, dir: &Path) -> AppResult<()> {
    std::fs::create_dir_all(dir).map_err(|e| io("创建第二备份文件夹", e))?;
    let name = file.file_name().expect("a file").to_string_lossy().to_string();
    let tmp = dir.join(format!(".{name}.tmp"));
    let taken = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local())
        .unwrap_or_else(|_| crate::dates::now());
    let result = (|| -> AppResult<()> {
        std::fs::copy(file, &tmp).map_err(|e| io("复制到第二备份位置", e))?;
        seal(&tmp, taken)?;
        // the copy on the stick is checked like the one on the disk
        check_file(&tmp).map_err(|e| {
            AppError::new(
                ErrorCode::Io,
                format!("复制到第二备份位置的副本未通过检查，未保存：{}", e.message),
            )
        })?;
        std::fs::rename(&tmp, dir.join(&name)).map_err(|e| io("复制到第二备份位置", e))?;
        crate::paths::sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn prune(dir: &Path) {
    remove_stale_temp_files(dir);
    let files = list(dir);
    for (kind, keep) in [("daily", KEEP_DAILY), ("monthly", KEEP_MONTHLY)] {
        let mut of: Vec<&BackupFile> = files.iter().filter(|f| f.kind == kind).collect();
        // names carry the date: newest last when sorted by name
        of.sort_by(|a, b| b.name.cmp(&a.name));
        for f in of.into_iter().skip(keep) {
            let _ = std::fs::remove_file(&f.path);
        }
    }
}

/// Removes what an interrupted backup left in `dir` (a power cut or a
/// killed process between the copy and the rename): `.moto4s-….tmp` files
/// and their journals, once they are an hour old — a backup still being
/// written is never older than that.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let ours = name.starts_with(".moto4s-") && (name.ends_with(".tmp") || name.ends_with(".tmp-journal"));
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .map(|t| t < hour_ago)
            .unwrap_or(false);
        if ours && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The reading connection a backup of the store is made from: a second
/// connection to the file (WAL lets it read while the app writes), or the
/// store's own for an in-memory store.
fn with_source<T>(store: &Store, f: impl FnOnce(&Connection) -> AppResult<T>) -> AppResult<T> {
    match store.path() {
        Some(p) => f(&open_source(p)?),
        None => f(store.conn()),
    }
}

/// Where an automatic backup goes, read from the store (under the app's
/// lock) so that the copy itself can run without holding it.
#[derive(Debug, Clone)]
pub struct Plan {
    pub data_path: PathBuf,
    pub dir: PathBuf,
    pub mirror: Option<PathBuf>,
}

pub fn plan(store: &Store) -> AppResult<Plan> {
    Ok(Plan {
        data_path: store
            .path()
            .map(Path::to_path_buf)
            .ok_or_else(|| AppError::new(ErrorCode::Io, "内存中的数据没有文件可备份"))?,
        dir: backup_dir(store)?,
        mirror: mirror_dir(store)?,
    })
}

fn open_source(data: &Path) -> AppResult<Connection> {
    let c = Connection::open_with_flags(data, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    c.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(c)
}

/// The automatic backup: at the first start of a day (`on_exit` false: only
/// when today's does not exist yet) and on exit (replacing today's). Also
/// keeps the month's first as the monthly backup, prunes, and copies to the
/// second folder when it is present. Returns the file written, if any. Reads
/// the data file through a connection of its own (WAL lets the app go on
/// writing meanwhile).
pub fn run_automatic(p: &Plan, now: NaiveDateTime, on_exit: bool) -> AppResult<Option<BackupFile>> {
    let day = now.date();
    let daily = format!("moto4s-daily-{day}.db");
    if !on_exit && p.dir.join(&daily).exists() {
        return Ok(None);
    }
    let src = open_source(&p.data_path)?;
    let file = write_backup(&src, &p.dir, &daily, now)?;
    let mut written = vec![PathBuf::from(&file.path)];
    let monthly = format!("moto4s-monthly-{:04}-{:02}.db", day.year(), day.month());
    if !p.dir.join(&monthly).exists() {
        let m = write_backup(&src, &p.dir, &monthly, now)?;
        written.push(PathBuf::from(&m.path));
    }
    drop(src);
    prune(&p.dir);
    if let Some(mirror) = &p.mirror {
        if mirror.exists() || mirror.parent().is_some_and(|d| d.exists()) {
            for w in &written {
                copy_verified(w, mirror)?;
            }
            prune(mirror);
        }
    }
    Ok(Some(file))
}

/// [`run_automatic`] for an open store, remembering the file as the last backup.
pub fn automatic(store: &Store, now: NaiveDateTime, on_exit: bool) -> AppResult<Option<BackupFile>> {
    let f = run_automatic(&plan(store)?, now, on_exit)?;
    if let Some(f) = &f {
        remember(store, f)?;
    }
    Ok(f)
}

/// Records `f` as the last good backup.
pub fn remember(store: &Store, f: &BackupFile) -> AppResult<()> {
    store.set_meta(META_LAST, &f.path)
}

/// 立即备份 to a folder the manager picked.
pub fn manual(store: &Store, dir: &Path, now: NaiveDateTime) -> AppResult<BackupFile> {
    let name = format!("moto4s-manual-{}.db", now.format("%Y-%m-%d-%H%M%S"));
    let f = with_source(store, |c| write_backup(c, dir, &name, now))?;
    remember(store, &f)?;
    Ok(f)
}

/// Checks a file offered for restore: a SQLite file of ours, not from a
/// newer version, passing integrity_check. Returns its schema version.
pub fn check_file(path: &Path) -> AppResult<i64> {
    let bad = |why: &str| {
        AppError::new(
            ErrorCode::DatabaseDamaged,
            format!("「{}」不能用来恢复：{why}。当前数据未做任何改动。", path.display()),
        )
    };
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| io("读取备份文件", e))?;
        if f.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
            return Err(bad("不是 SQLite 数据库文件"));
        }
    }
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| bad(&e.to_string()))?;
    let probe = (|| -> rusqlite::Result<(i32, i64)> {
        Ok((
            c.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            c.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ))
    })();
    let (app, version) = probe.map_err(|e| bad(&format!("文件已损坏（{e}）")))?;
    if app != APPLICATION_ID {
        return Err(bad("这不是服务经理台的数据文件"));
    }
    if version > SCHEMA_VERSION {
        return Err(bad(&format!(
            "它由更新版本的服务经理台写入（数据版本 {version}，本程序只支持到 {SCHEMA_VERSION}）"
        )));
    }
    let check: Vec<String> = {
        let mut st = c.prepare("PRAGMA integrity_check").map_err(|e| bad(&e.to_string()))?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| bad(&e.to_string()))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(&e.to_string()));
        rows?
    };
    if check != ["ok"] {
        return Err(bad(&format!(
            "完整性检查未通过（{}）",
            check.into_iter().take(2).collect::<Vec<_>>().join("；")
        )));
    }
    Ok(version)
}

/// Restores the store from `from`: checks it, backs up the current data
/// into the backup folder (`before-restore`), then copies the file into the
/// open database and migrates it. Returns the backup of what was there.
pub fn restore(store: &mut Store, from: &Path, now: NaiveDateTime) -> AppResult<BackupFile> {
    check_file(from)?;
    let dir = backup_dir(store)?;
    let name = format!("moto4s-before-restore-{}.db", now.format("%Y-%m-%d-%H%M%S"));
    let before = with_source(store, |c| write_backup(c, &dir, &name, now))?;
    store
        .conn_mut()
        .restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| {
            AppError::new(
                ErrorCode::Storage,
                format!("恢复失败，当前数据未改动：{}", AppError::from(e).message),
            )
        })?;
    migrations::migrate(store.conn_mut())?;
    Ok(before)
}

/// A backup of the data as it is before a workbook import (`before-import`
/// in the backup folder): an import that was valid but not meant can be
/// undone by restoring it.
pub fn before_import(store: &Store, now: NaiveDateTime) -> AppResult<BackupFile> {
    let dir = backup_dir(store)?;
    let name = format!("moto4s-before-import-{}.db", now.format("%Y-%m-%d-%H%M%S"));
    with_source(store, |c| write_backup(c, &dir, &name, now))
}

/// A copy of the data file as it stands before this version of the app's
/// migrations change it (`before-upgrade` in its backup folder — the one set
/// in the file, or `backups` beside it): a new version installed over the
/// shop's data never changes the only copy. [`Store::open`] calls it through
/// the read-only connection that has just checked the file, before the
/// first migration; when it cannot be made the file is not opened (and not
/// changed).
pub(crate) fn before_upgrade(
    src: &Connection,
    data: &Path,
    from_version: i64,
    now: NaiveDateTime,
) -> AppResult<BackupFile> {
    use rusqlite::OptionalExtension;
    let set: Option<String> = src
        .query_row("SELECT value FROM meta WHERE key = ?1", [META_DIR], |r| r.get(0))
        .optional()
        .unwrap_or(None);
    let dir = set
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| default_dir(data));
    let name = format!(
        "moto4s-before-upgrade-v{from_version}-{}.db",
        now.format("%Y-%m-%d-%H%M%S")
    );
    write_backup(src, &dir, &name, now).map_err(|e| {
        AppError::new(
            e.code,
            format!(
                "新版本需要升级数据文件，升级前的备份没有做成（{}）。为保护数据，文件未做任何改动；请腾出磁盘空间或检查备份文件夹「{}」后再打开。",
                e.message,
                dir.display()
            ),
        )
    })
}

/// The backup folder the app uses by default for the data file `data`
/// (`backups` beside it): where to look for backups when the data file
/// itself cannot be opened to say where its backups are.
pub fn default_dir(data: &Path) -> PathBuf {
    data.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// Restores the data file at `data` from `from` when the data file cannot
/// be opened at all (damaged) or does not exist yet (a new PC's first
/// start): the moments a restore matters most, and the ones when
/// [`restore`] cannot run, since it needs the open store.
///
/// `from` is checked first ([`check_file`]); nothing is touched if it is
/// not a sound backup of ours. The damaged file (with its -wal/-shm) is then
/// moved aside into the backup folder as `damaged-…` — kept, never deleted,
/// for whoever tries to rescue it — and the backup is copied in under a
/// temporary name, flushed and renamed into place, then opened (and
/// migrated) as the app opens any file. Returns the open store and where
/// the damaged file was put.
pub fn restore_over_damaged(data: &Path, from: &Path, now: NaiveDateTime) -> AppResult<(Store, Option<PathBuf>)> {
    if same_file(data, from) {
        return Err(AppError::new(
            ErrorCode::Validation,
            "不能用数据文件自己来恢复，请选择一个备份文件",
        ));
    }
    check_file(from)?;
    let dir = default_dir(data);
    let mut kept = None;
    if data.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| io("创建备份文件夹", e))?;
        let aside = dir.join(format!("damaged-{}.db", now.format("%Y-%m-%d-%H%M%S")));
        std::fs::rename(data, &aside).map_err(|e| io("移开已损坏的数据文件", e))?;
        for suffix in crate::store::SIDE_SUFFIXES {
            let side = crate::store::with_suffix(data, suffix);
            if side.exists() {
                let _ = std::fs::rename(&side, crate::store::with_suffix(&aside, suffix));
            }
        }
        kept = Some(aside);
    }
    let tmp = data.with_file_name(format!(
        ".{}.restore.tmp",
        data.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    ));
    let copy = || -> std::io::Result<()> {
        // a new PC's first start: the data folder may not exist yet
        if let Some(d) = data.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(d)?;
        }
        std::fs::copy(from, &tmp)?;
        std::fs::OpenOptions::new().write(true).open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, data)?;
        if let Some(d) = data.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::paths::sync_dir(d);
        }
        Ok(())
    };
    if let Err(e) = copy() {
        let _ = std::fs::remove_file(&tmp);
        // put the damaged file back where it was: nothing lost, nothing changed
        if let Some(aside) = &kept {
            let _ = std::fs::rename(aside, data);
        }
        return Err(io("恢复数据文件", e));
    }
    Ok((Store::open(data)?, kept))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Where the data and the backups are, and how old the last good one is.
pub fn status(store: &Store, today: NaiveDate) -> AppResult<BackupStatus> {
    let dir = backup_dir(store)?;
    let files = list(&dir);
    let last_known = store.meta(META_LAST)?.and_then(|p| describe(Path::new(&p)));
    let newest_auto = files.first().cloned();
    let last = match (last_known, newest_auto) {
        (Some(a), Some(b)) => Some(if a.taken_at >= b.taken_at { a } else { b }),
        (a, b) => a.or(b),
    };
    let stale = match &last {
        None => true,
        Some(f) => NaiveDate::parse_from_str(&f.taken_at[..10], "%Y-%m-%d")
            .map(|d| (today - d).num_days() > STALE_AFTER_DAYS)
            .unwrap_or(true),
    };
    let mirror = mirror_dir(store)?;
    Ok(BackupStatus {
        data_path: store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into()),
        backup_dir: dir.display().to_string(),
        mirror_present: mirror
            .as_ref()
            .is_some_and(|m| m.exists() || m.parent().is_some_and(|p| p.exists())),
        mirror_dir: mirror.map(|m| m.display().to_string()),
        last,
        stale,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn parts(s: &Store) -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM part", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn daily_and_monthly_backups_are_verified_kept_and_mirrored() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let store = demo::create(&data).unwrap();
        let usb = dir.path().join("usb");
        std::fs::create_dir(&usb).unwrap();
        set_mirror_dir(&store, usb.to_str().unwrap()).unwrap();
        // twenty days of first starts: 14 daily kept, one monthly per month
        let mut day = at("2026-10-20 08:00");
        for _ in 0..20 {
            assert!(automatic(&store, day, false).unwrap().is_some());
            // a second start the same day writes nothing
            assert!(automatic(&store, day + chrono::Duration::hours(2), false)
                .unwrap()
                .is_none());
            day += chrono::Duration::days(1);
        }
        let files = list(&backup_dir(&store).unwrap());
        assert_eq!(files.iter().filter(|f| f.kind == "daily").count(), 14);
        let monthly: Vec<_> = files
            .iter()
            .filter(|f| f.kind == "monthly")
            .map(|f| f.name.clone())
            .collect();
        assert_eq!(monthly.len(), 2, "{monthly:?}");
        assert!(
            !files.iter().any(|f| f.name == "moto4s-daily-2026-10-20.db"),
            "the oldest pruned"
        );
        // every kept file is a good copy of the shop
        for f in &files {
            assert_eq!(check_file(Path::new(&f.path)).unwrap(), SCHEMA_VERSION);
        }
        // the USB stick has the same
        let mirrored = list(&usb);
        assert_eq!(mirrored.len(), files.len());
        // no temporary files left
        let stray: Vec<_> = std::fs::read_dir(backup_dir(&store).unwrap())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(stray.is_empty());
        // the files carry the times the app took them at (its clock, here
        // the simulated days): fresh on the last day, stale three days on
        let today = (day - chrono::Duration::days(1)).date();
        let st = status(&store, today).unwrap();
        assert_eq!(st.last.as_ref().unwrap().taken_at, "2026-11-08 08:00:00");
        assert!(!st.stale && st.mirror_present);
        assert_eq!(st.last.unwrap().kind, "daily");
        assert!(status(&store, today + chrono::Days::new(3)).unwrap().stale);
        // what an interrupted backup left two hours ago is cleaned up by the next one
        let stale = backup_dir(&store).unwrap().join(".moto4s-daily-2026-11-09.db.4242.tmp");
        std::fs::write(&stale, b"half a copy").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        assert!(automatic(&store, day, false).unwrap().is_some());
        assert!(!stale.exists(), "the stale temporary file is removed");
    }

    #[test]
    fn restore_brings_back_the_records_after_backing_up_the_current_ones() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let mut store = demo::create(&data).unwrap();
        let n = parts(&store);
        let saved = manual(&store, &dir.path().join("picked"), at("2026-11-27 09:00")).unwrap();
        assert_eq!(saved.kind_label, "手动");
        store
            .conn()
            .execute("UPDATE part SET name = '改过的名字' WHERE id = 1", [])
            .unwrap();
        let before = restore(&mut store, Path::new(&saved.path), at("2026-11-27 10:00")).unwrap();
        assert_eq!(before.kind, "before-restore");
        let name: String = store
            .conn()
            .query_row("SELECT name FROM part WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_ne!(name, "改过的名字");
        assert_eq!(parts(&store), n);
        // the data as it was before the restore is kept
        let c = Connection::open(&before.path).unwrap();
        let old: String = c
            .query_row("SELECT name FROM part WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(old, "改过的名字");
        // and the file reopens as a sound shop
        drop(store);
        let again = Store::open(&data).unwrap();
        assert_eq!(again.health().unwrap().quick_check, "ok");
    }

    #[test]
    fn a_damaged_data_file_is_restored_from_a_backup_and_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let store = demo::create_on(&data, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap();
        let n = parts(&store);
        let good = manual(&store, &dir.path().join("u盘"), at("2026-11-20 18:00")).unwrap();
        drop(store);
        // the data file is damaged: it can't be opened any more
        let mut bytes = std::fs::read(&data).unwrap();
        for b in bytes.iter_mut().skip(4096).take(8192) {
            *b = 0x5A;
        }
        std::fs::write(&data, &bytes).unwrap();
        assert!(Store::open(&data).is_err());
        // a file that is no backup is refused first, and nothing moves
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, "不是数据库").unwrap();
        assert!(restore_over_damaged(&data, &junk, at("2026-11-21 08:00")).is_err());
        assert_eq!(std::fs::read(&data).unwrap(), bytes);
        let e = restore_over_damaged(&data, &data, at("2026-11-21 08:00"))
            .err()
            .unwrap();
        assert!(e.message.contains("不能用数据文件自己来恢复"), "{}", e.message);
        // the good backup brings the shop back; the damaged file is kept
        let (store, kept) = restore_over_damaged(&data, Path::new(&good.path), at("2026-11-21 08:00")).unwrap();
        assert_eq!(parts(&store), n);
        let kept = kept.unwrap();
        assert_eq!(kept, dir.path().join("backups").join("damaged-2026-11-21-080000.db"));
        assert_eq!(std::fs::read(&kept).unwrap(), bytes);
        // it is not offered as a backup
        assert!(list(&dir.path().join("backups"))
            .iter()
            .all(|f| !f.name.contains("damaged")));
    }

    #[test]
    fn a_damaged_foreign_or_newer_file_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let mut store = demo::create(&data).unwrap();
        let n = parts(&store);
        let good = manual(&store, dir.path(), at("2026-11-27 09:00")).unwrap();
        // a damaged copy: garbage in the middle of the file
        let damaged = dir.path().join("damaged.db");
        let mut bytes = std::fs::read(&good.path).unwrap();
        let mid = bytes.len() / 2;
        for b in &mut bytes[mid..mid + 8192] {
            *b = 0x5A;
        }
        std::fs::write(&damaged, &bytes).unwrap();
        // another program's database
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        // one from a newer version
        let newer = dir.path().join("newer.db");
        std::fs::copy(&good.path, &newer).unwrap();
        Connection::open(&newer)
            .unwrap()
            .execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "不是数据库").unwrap();
        for (f, msg) in [
            (&damaged, "不能用来恢复"),
            (&foreign, "不是服务经理台的数据文件"),
            (&newer, "更新版本"),
            (&text, "不是 SQLite 数据库文件"),
        ] {
            let e = restore(&mut store, f, at("2026-11-27 10:00")).unwrap_err();
            assert!(e.message.contains(msg), "{}: {}", f.display(), e.message);
        }
        assert_eq!(parts(&store), n);
        assert!(list(&backup_dir(&store).unwrap())
            .iter()
            .all(|f| f.kind != "before-restore"));
    }
}
