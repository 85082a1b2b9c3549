//! 数据文件位置：where the shop's SQLite file lives.
//!
//! Order of precedence: the `--data FILE` flag, then the `MOTO4S_DATA`
//! environment variable, then `moto4s.db` in the OS app-data folder
//! (`~/.local/share/cn.moto4s.desk/` on Linux, `%APPDATA%\cn.moto4s.desk\` on
//! Windows) — the same folder Tauri's `app_data_dir()` gives for the app's
//! identifier, so the shell and the CLI agree without asking Tauri.

use std::path::{Path, PathBuf};

/// The app's identifier; must equal `identifier` in tauri.conf.json.
pub const APP_IDENTIFIER: &str = "cn.moto4s.desk";
/// The environment variable that overrides the data file.
pub const DATA_ENV: &str = "MOTO4S_DATA";
/// The data file's name inside the app-data folder.
pub const DATA_FILE_NAME: &str = "moto4s.db";

/// The OS app-data folder for this app.
pub fn app_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

/// 数据文件锁: what taking `<data file>.lock` found.
pub enum DataLock {
    /// This process holds it until the file is dropped or the process
    /// ends, however it ends.
    Held(std::fs::File),
    /// No lock file can be made beside the data file (a read-only folder);
    /// the data file's own opening then says what is wrong with the folder.
    Unavailable,
    /// Another process (the window, or a command) still held it after the
    /// wait.
    Busy,
}

/// Takes the one lock every process of ours holds while it has the data
/// file open — the window for as long as it runs, a command line command
/// for its run — waiting up to `wait` for whoever holds it (a window making
/// its exit backup). It is an exclusive lock on `<data file>.lock`, beside
/// the data file, not one of SQLite's byte-range locks on the file itself:
/// those are POSIX advisory locks, which a process loses on *every*
/// descriptor of the file when it closes *any* one of them. The system file
/// dialog does exactly that when it lists the data file's folder (it opens
/// and closes the files to learn their type); a second process that then
/// opened and closed the data file would believe itself the last
/// connection and take away the write-ahead log the window still writes
/// to. This lock is std's `File::try_lock` (flock on Linux, LockFileEx on
/// Windows), tied to its own open file, so nothing else the process opens
/// or closes drops it.
pub fn lock_data_file(data: &Path, wait: std::time::Duration) -> Result<DataLock, crate::AppError> {
    let path = PathBuf::from(format!("{}.lock", data.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    else {
        return Ok(DataLock::Unavailable);
    };
    let deadline = std::time::Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(DataLock::Held(file)),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100))
            }
            Err(std::fs::TryLockError::WouldBlock) => return Ok(DataLock::Busy),
            Err(std::fs::TryLockError::Error(e)) => return Err(crate::AppError::io("锁定数据文件", &e)),
        }
    }
}

/// The data file to use, given the `--data` flag if there was one.
pub fn resolve_data_file(flag: Option<PathBuf>) -> PathBuf {
    if let Some(p) = flag {
        return p;
    }
    match std::env::var_os(DATA_ENV) {
        Some(v) if !v.is_empty() => PathBuf::from(v),
        _ => app_data_dir().join(DATA_FILE_NAME),
    }
}

/// Whether `path` is a database file that an export or a report must never
/// overwrite: a SQLite file (the shop's data file, a backup, any other
/// program's database), or the write-ahead log, shared-memory or journal
/// file beside one. Decided from the file itself, not from its name, so a
/// data file or backup renamed to `报表.xlsx` is still protected.
pub fn is_database_file(path: &std::path::Path) -> bool {
    use std::io::Read;
    let header = |p: &std::path::Path| -> Option<[u8; 16]> {
        let mut h = [0u8; 16];
        std::fs::File::open(p).ok()?.read_exact(&mut h).ok()?;
        Some(h)
    };
    if let Some(h) = header(path) {
        // SQLite's header, or a WAL's magic number (0x377f0682 / 0x377f0683)
        if &h == b"SQLite format 3\0" || (h[..3] == [0x37, 0x7f, 0x06] && (h[3] == 0x82 || h[3] == 0x83)) {
            return true;
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    crate::store::SIDE_SUFFIXES.iter().any(|suffix| {
        name.strip_suffix(suffix)
            .is_some_and(|base| header(&path.with_file_name(base)).is_some_and(|h| &h == b"SQLite format 3\0"))
    })
}

/// Flushes a folder after a rename in it, so the new name survives a power
/// cut (on systems where a folder can't be opened, nothing is done).
pub fn sync_dir(dir: &std::path::Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `out` (an export, a report) through a temporary file
/// beside it, flushed to the disk, then renamed over `out` and the folder
/// flushed: a reader, a power cut or a full disk never leaves half a file
/// under the chosen name, and the previous good file stays until the new one
/// is whole. A database file (see [`is_database_file`]) is never the target:
/// that is refused and nothing is written.
pub fn write_atomically(out: &std::path::Path, bytes: &[u8]) -> crate::AppResult<()> {
    use std::io::Write;
    write_atomically_with(out, |f| f.write_all(bytes))
}

/// [`write_atomically`] for output written in pieces (a large workbook
/// streamed from its temp files): `write` fills the temp file, which is then
/// fsynced and renamed onto `out`.
pub fn write_atomically_with(
    out: &std::path::Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> crate::AppResult<()> {
    if is_database_file(out) {
        return Err(crate::AppError::new(
            crate::ErrorCode::Conflict,
            format!(
                "「{}」是数据文件或备份，不能用导出或报表覆盖它；请另选一个文件名",
                out.display()
            ),
        ));
    }
    if out.is_dir() {
        return Err(crate::AppError::new(
            crate::ErrorCode::Validation,
            format!("「{}」是一个文件夹，请选择要保存的文件名", out.display()),
        ));
    }
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let all = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)?;
        sync_dir(dir);
        Ok(())
    };
    all().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        crate::AppError::io(&format!("保存「{}」", out.display()), &e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_and_default_is_in_the_app_data_folder() {
        let p = resolve_data_file(Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(p, PathBuf::from("/tmp/x.db"));
        assert!(app_data_dir().ends_with(APP_IDENTIFIER));
    }

    #[test]
    fn an_output_never_lands_on_a_database_and_replaces_a_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shop.db");
        let store = crate::Store::open(&data).unwrap();
        store.set_meta("probe", "1").unwrap();
        let wal = dir.path().join("shop.db-wal");
        let shm = dir.path().join("shop.db-shm");
        // a backup renamed to look like a workbook is still a database
        let renamed = dir.path().join("报表.xlsx");
        std::fs::copy(&data, &renamed).unwrap();
        for target in [&data, &wal, &shm, &renamed] {
            assert!(target.exists(), "{}", target.display());
            let before = std::fs::read(target).unwrap();
            let e = write_atomically(target, b"PK not a database").unwrap_err();
            assert!(e.message.contains("不能用导出或报表覆盖"), "{}", e.message);
            assert_eq!(std::fs::read(target).unwrap(), before, "{} unchanged", target.display());
        }
        assert_eq!(store.meta("probe").unwrap().as_deref(), Some("1"));
        // an ordinary file is replaced whole, with no temporary file left
        let out = dir.path().join("汇总.xlsx");
        std::fs::write(&out, b"old").unwrap();
        write_atomically(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        // a folder chosen by mistake is refused
        let e = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(e.message.contains("是一个文件夹"), "{}", e.message);
        let stray: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(stray.is_empty());
    }

    #[test]
    fn a_write_that_fails_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("ro").join("汇总.xlsx");
        std::fs::create_dir(out.parent().unwrap()).unwrap();
        std::fs::write(&out, b"previous good file").unwrap();
        // the folder can't take the temporary file (it is a file's name now)
        let blocked = out
            .parent()
            .unwrap()
            .join(format!(".汇总.xlsx.{}.tmp", std::process::id()));
        std::fs::create_dir(&blocked).unwrap();
        let e = write_atomically(&out, b"new").unwrap_err();
        assert!(e.message.starts_with("保存「"), "{}", e.message);
        assert_eq!(std::fs::read(&out).unwrap(), b"previous good file");
    }
}
