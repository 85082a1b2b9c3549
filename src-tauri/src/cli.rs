//! 命令行：headless work on a data file.
//!
//! ```text
//! moto4s init   --data FILE            create a new, empty data file (a shop to set up)
//! moto4s demo   --data FILE            write the demo shop into a new file
//! moto4s check  --data FILE            schema version, quick_check, record counts
//! moto4s export --data FILE --xlsx OUT the data-exchange workbook
//! moto4s close --month YYYY-MM --data FILE [--accept-warnings --reason TEXT]   月结
//! moto4s reopen --month YYYY-MM --reason TEXT --data FILE                     反月结
//! moto4s import --data FILE --xlsx IN  all-or-nothing import of such a workbook
//! moto4s indicators --month YYYY-MM [--data FILE] [--json]  the month's 22 indicators
//! moto4s report --month YYYY-MM [--data FILE] [--pdf OUT] [--xlsx OUT]  the monthly summary
//! moto4s backup --data FILE --to DIR     a verified backup (online backup API) into DIR
//! moto4s restore --data FILE --from BACKUP  restore after backing up the current data
//! ```
//!
//! `--data` may be left out: then `MOTO4S_DATA` or the app-data folder is used,
//! as for the window. Exit codes: 0 done, 1 refused or failed (the reason is
//! printed in Chinese on stderr), 2 bad command line.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use moto4s_core::{demo, exchange, paths, AppError, Store};

/// Arguments of the window (no subcommand). Unknown arguments are ignored,
/// because the WebDriver launcher may add its own.
#[derive(Debug, Default, Clone)]
pub struct GuiArgs {
    pub data: Option<PathBuf>,
    /// Open the demo shop when the data file does not exist yet
    /// (the README's run command), instead of asking.
    pub demo_if_empty: bool,
}

impl GuiArgs {
    pub fn parse(args: &[OsString]) -> GuiArgs {
        let mut g = GuiArgs::default();
        let mut it = args.iter().skip(1);
        while let Some(a) = it.next() {
            let s = a.to_string_lossy();
            if s == "--data" {
                g.data = it.next().map(PathBuf::from);
            } else if let Some(v) = s.strip_prefix("--data=") {
                g.data = Some(PathBuf::from(v));
            } else if s == "--demo-if-empty" {
                g.demo_if_empty = true;
            }
        }
        g
    }
}

#[derive(Parser)]
#[command(name = "moto4s", version, about = "摩托车4S店服务经理台（不带子命令时打开窗口）")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新建一个空白数据文件（打开窗口后填写店铺设置）
    Init {
        /// 数据文件（必须尚不存在）
        #[arg(long)]
        data: PathBuf,
    },
    /// 把示例店铺写入一个新的数据文件
    Demo {
        /// 数据文件（必须尚不存在）
        #[arg(long)]
        data: PathBuf,
        /// small：示例店铺（一年数据）；large：基准测试用大型店铺（2 万种配件、约 200 万笔出入库、10 年）
        #[arg(long, default_value = "small", value_parser = ["small", "large"])]
        size: String,
    },
    /// 检查数据文件：数据版本、完整性检查、各表记录数
    Check {
        #[arg(long)]
        data: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 导出数据交换工作簿（.xlsx）
    Export {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        xlsx: PathBuf,
    },
    /// 导入数据交换工作簿（.xlsx）；有任何错误则不写入任何数据
    Import {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        xlsx: PathBuf,
    },
    /// 输出某月的 22 项服务指标（与工作台相同）
    Indicators {
        /// 月份，例如 2026-11；默认本月
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        data: Option<PathBuf>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 月结：列出该月的检查清单；没有须处理的项、提示已接受（--accept-warnings --reason）时结账
    Close {
        /// 月份，例如 2026-11
        #[arg(long)]
        month: String,
        #[arg(long)]
        data: Option<PathBuf>,
        /// 接受清单中的提示（须同时写 --reason）
        #[arg(long)]
        accept_warnings: bool,
        /// 接受提示的原因
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 反月结：重新打开最近一个已月结的月份（须写原因）
    Reopen {
        #[arg(long)]
        month: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// 立即备份：用 SQLite 在线备份接口复制数据文件并校验，写入指定文件夹
    Backup {
        #[arg(long)]
        data: Option<PathBuf>,
        /// 备份文件夹
        #[arg(long)]
        to: PathBuf,
    },
    /// 从备份恢复：先检查备份文件、备份当前数据，再恢复
    Restore {
        #[arg(long)]
        data: Option<PathBuf>,
        /// 备份文件
        #[arg(long)]
        from: PathBuf,
    },
    /// 忘记密码时：在这台电脑上关闭登录要求（记入操作日志）。之后打开服务经理台即以经理身份进入，
    /// 在「人员名册」为经理重设密码，再在「设置」中开启登录
    LoginOff {
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// 生成某月的月度汇总（A4 PDF 和/或 Excel），与工作台数字一致
    Report {
        /// 月份，例如 2026-11；默认本月
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        data: Option<PathBuf>,
        /// 保存为 PDF 的文件
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// 保存为 Excel 的文件
        #[arg(long)]
        xlsx: Option<PathBuf>,
    },
}

impl Command {
    /// The data file the command opens (each one opens one).
    fn data_file(&self) -> PathBuf {
        let flag = match self {
            Command::Init { data } | Command::Demo { data, .. } => Some(data.clone()),
            Command::Check { data, .. }
            | Command::Export { data, .. }
            | Command::Import { data, .. }
            | Command::Indicators { data, .. }
            | Command::Close { data, .. }
            | Command::Reopen { data, .. }
            | Command::Backup { data, .. }
            | Command::Restore { data, .. }
            | Command::LoginOff { data }
            | Command::Report { data, .. } => data.clone(),
        };
        paths::resolve_data_file(flag)
    }
}

/// Prints a line on stdout. When the reader has gone away (`moto4s
/// indicators | head`), the command ends quietly, as other command-line
/// tools do, instead of panicking on the broken pipe.
macro_rules! say {
    ($($t:tt)*) => { emit(format_args!($($t)*)) };
}

fn emit(line: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("错误：无法输出结果：{e}");
        std::process::exit(1);
    }
}

/// Whether the command line asks for the CLI rather than the window.
/// Whether the first argument is one of the subcommands (as clap declares
/// them, so a new subcommand needs no second list) or a help/version flag.
pub fn is_cli(args: &[OsString]) -> bool {
    use clap::CommandFactory;
    let Some(first) = args.get(1).map(|a| a.to_string_lossy().to_string()) else {
        return false;
    };
    ["help", "--help", "-h", "--version", "-V"].contains(&first.as_str())
        || Cli::command().get_subcommands().any(|c| c.get_name() == first)
}

fn fail(e: AppError) -> i32 {
    eprintln!("错误：{}", e.message);
    for p in e.problems.iter().skip(usize::from(e.problems.len() == 1)) {
        eprintln!("  - {}", p.describe());
    }
    1
}

/// An existing data file (the CLI never creates one by accident, except `demo`).
fn existing(data: Option<PathBuf>) -> Result<PathBuf, AppError> {
    let p = paths::resolve_data_file(data);
    if p.exists() {
        Ok(p)
    } else {
        Err(AppError::not_found(format!("数据文件「{}」不存在", p.display())))
    }
}

pub fn run(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    // the data file's lock, held for the whole command: a command never
    // opens the file while the window (or another command) has it open.
    // A command that only reads a file that is not there takes none (it
    // says the file is missing, and leaves no lock file or folder behind).
    let data_file = cli.command.data_file();
    let creates = matches!(
        cli.command,
        Command::Init { .. } | Command::Demo { .. } | Command::Import { .. }
    );
    let lock = match (data_file.exists() || creates)
        .then(|| paths::lock_data_file(&data_file, std::time::Duration::from_secs(8)))
    {
        None | Some(Ok(paths::DataLock::Unavailable)) => None,
        Some(Ok(paths::DataLock::Held(f))) => Some(f),
        Some(Ok(paths::DataLock::Busy)) => {
            return fail(AppError::new(
                moto4s_core::ErrorCode::Conflict,
                format!(
                    "服务经理台正在使用这份数据（{}）：命令行不能同时打开它。请先关闭服务经理台的窗口，再运行此命令",
                    data_file.display()
                ),
            ))
        }
        Some(Err(e)) => return fail(e),
    };
    let result: Result<(), AppError> = (|| match cli.command {
        Command::Init { data } => {
            if data.exists() {
                return Err(AppError::new(
                    moto4s_core::ErrorCode::Conflict,
                    format!(
                        "文件「{}」已存在；为免覆盖数据，只能新建到尚不存在的文件",
                        data.display()
                    ),
                ));
            }
            let store = Store::open(&data)?;
            say!(
                "已新建空白数据文件：{}（数据版本 {}）",
                data.display(),
                store.schema_version()?
            );
            say!("用 moto4s --data {} 打开窗口，先填写店铺设置。", data.display());
            Ok(())
        }
        Command::Demo { data, size } => {
            if size == "large" {
                if data.exists() {
                    return Err(AppError::new(
                        moto4s_core::ErrorCode::Conflict,
                        format!("文件「{}」已存在；为免覆盖数据，示例店铺只写入新文件", data.display()),
                    ));
                }
                let mut store = Store::open(&data)?;
                let today = moto4s_core::dates::today();
                let n = moto4s_core::demo::large::create(&mut store, today)?;
                say!("已写入大型示例店铺：{}（出入库 {n} 笔）", data.display());
            } else {
                demo::create(&data)?;
                say!("已写入示例店铺：{}", data.display());
            }
            Ok(())
        }
        Command::LoginOff { data } => {
            // only someone at this PC, with the data file in reach, can do
            // this: the way back for a manager who forgot the password
            let store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            moto4s_core::auth::set_login_required(&store, false)?;
            moto4s_core::auth::note(&store, "关闭登录", "在本机命令行关闭了登录要求（忘记密码时的恢复）")?;
            say!("已关闭登录要求：现在打开服务经理台即以经理身份进入。");
            say!("请在「人员与现场 → 人员名册」为经理重设密码，再到「设置」里重新开启登录。");
            Ok(())
        }
        Command::Check { data, json } => {
            let store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let h = store.health()?;
            let full = moto4s_core::check::run(&store)?;
            if json {
                let v = serde_json::json!({
                    "path": h.path,
                    "schemaVersion": h.schema_version,
                    "quickCheck": h.quick_check,
                    "counts": h.counts,
                    "check": full,
                });
                say!("{}", serde_json::to_string_pretty(&v).expect("serialisable"));
            } else {
                say!("数据文件：{}", h.path);
                say!("数据版本：{}", h.schema_version);
                say!("完整性检查：{}", h.quick_check);
                say!("记录数：");
                for (t, n) in &h.counts {
                    say!("  {t}: {n}");
                }
                if full.ok {
                    say!("全面检查：通过（完整性、外键、库存与出入库、月汇总、三包与维修用料）");
                } else {
                    say!("全面检查：发现 {} 个问题", full.problems.len());
                    for p in &full.problems {
                        say!("  - {p}");
                    }
                    match &full.last_good_backup {
                        Some(b) => say!("最近一份通过检查的备份：{}（{}，{}）", b.path, b.taken_at, b.kind_label),
                        None => say!("没有找到通过检查的备份"),
                    }
                }
            }
            if h.quick_check != "ok" || !full.ok {
                return Err(AppError::new(moto4s_core::ErrorCode::DatabaseDamaged, "数据检查未通过"));
            }
            Ok(())
        }
        Command::Export { data, xlsx } => {
            let store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            exchange::export(&store, &xlsx)?;
            say!("已导出：{}", xlsx.display());
            Ok(())
        }
        Command::Indicators { month, data, json } => {
            let store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let today = moto4s_core::dates::today();
            let m = match month {
                Some(m) => moto4s_core::dates::Month::parse(&m)?,
                None => moto4s_core::dates::Month::of(today),
            };
            let d = moto4s_core::dashboard::compute(store.conn(), m, today)?;
            if json {
                say!("{}", serde_json::to_string_pretty(&d).expect("serialisable"));
            } else {
                let state = match (&d.closed_at, &d.as_of) {
                    (Some(at), _) => format!("（已月结 {at}）"),
                    (None, Some(day)) => format!("（本月至今，截至 {day}）"),
                    _ => "（未月结）".to_string(),
                };
                say!("{} {} 服务指标{state}", d.shop_name, moto4s_core::dates::month_label(m));
                for i in &d.indicators {
                    let v = i.display();
                    let target = i
                        .target
                        .as_ref()
                        .map(|t| format!("  目标 {}", t.text))
                        .unwrap_or_default();
                    let mark = match i.mark {
                        moto4s_core::targets::Mark::None => String::new(),
                        m => format!("  {}", m.text()),
                    };
                    let factory = if i.factory { " [工厂]" } else { "" };
                    let missing = i
                        .missing
                        .as_deref()
                        .or(i.note.as_deref())
                        .map(|m| format!("  （{m}）"))
                        .unwrap_or_default();
                    let aside = i.aside.as_deref().map(|a| format!("  ｜{a}")).unwrap_or_default();
                    say!("{:>2} {}{factory}：{v}{target}{mark}{missing}{aside}", i.no, i.name);
                }
            }
            Ok(())
        }
        Command::Close {
            month,
            data,
            accept_warnings,
            reason,
        } => {
            let mut store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let m = moto4s_core::dates::Month::parse(&month)?;
            let now = moto4s_core::dates::now();
            let list = moto4s_core::closing::checklist(store.conn(), m, now.date())?;
            say!("{} 月结检查清单", moto4s_core::dates::month_label(m));
            if let Some(c) = &list.closing {
                say!("已于 {} 由 {} 月结", c.closed_at, c.closed_by);
                return Ok(());
            }
            for l in list.lines.iter().filter(|l| l.count > 0) {
                let mark = if l.blocking { "✗ 须处理" } else { "! 提示" };
                say!("  {mark}：{}", l.text);
            }
            if list.lines.iter().all(|l| l.count == 0) {
                say!("  ✓ 清单全部通过");
            }
            if accept_warnings && reason.trim().is_empty() {
                return Err(AppError::invalid("reason", "接受提示须用 --reason 写明原因"));
            }
            let reason = if accept_warnings { reason } else { String::new() };
            let c = moto4s_core::closing::close(&mut store, m, &reason, now)?;
            say!(
                "{} 已月结（{}，{}）",
                moto4s_core::dates::month_label(m),
                c.closed_at,
                c.closed_by
            );
            Ok(())
        }
        Command::Reopen { month, reason, data } => {
            let mut store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let m = moto4s_core::dates::Month::parse(&month)?;
            moto4s_core::closing::reopen(&mut store, m, &reason, moto4s_core::dates::now())?;
            say!("{} 已反月结：{}", moto4s_core::dates::month_label(m), reason.trim());
            Ok(())
        }
        Command::Backup { data, to } => {
            let store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let f = moto4s_core::backup::manual(&store, &to, moto4s_core::dates::now())?;
            say!("已备份：{}（{} 字节，已通过完整性检查）", f.path, f.bytes);
            Ok(())
        }
        Command::Restore { data, from } => {
            let data = existing(data)?;
            match Store::open(&data) {
                Ok(mut store) => {
                    store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
                    let before = moto4s_core::backup::restore(&mut store, &from, moto4s_core::dates::now())?;
                    say!("已从「{}」恢复；恢复前的数据已备份到：{}", from.display(), before.path);
                }
                // the data file is damaged: exactly when a restore is needed
                Err(e) if e.code == moto4s_core::ErrorCode::DatabaseDamaged => {
                    let (store, kept) =
                        moto4s_core::backup::restore_over_damaged(&data, &from, moto4s_core::dates::now())?;
                    store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
                    let _ = moto4s_core::auth::note(
                        &store,
                        "恢复",
                        &format!("数据文件已损坏，从「{}」恢复", from.display()),
                    );
                    say!("数据文件已损坏，已从「{}」恢复。", from.display());
                    if let Some(k) = kept {
                        say!("损坏的数据文件没有删除，保存在：{}", k.display());
                    }
                }
                Err(e) => return Err(e),
            }
            Ok(())
        }
        Command::Report { month, data, pdf, xlsx } => {
            if pdf.is_none() && xlsx.is_none() {
                return Err(AppError::invalid("pdf", "请用 --pdf 或 --xlsx 指定要保存的文件"));
            }
            let store = Store::open(&existing(data)?)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let today = moto4s_core::dates::today();
            let m = match month {
                Some(m) => moto4s_core::dates::Month::parse(&m)?,
                None => moto4s_core::dates::Month::of(today),
            };
            let s = moto4s_core::report::summary::build(store.conn(), m, today)?;
            if let Some(p) = pdf {
                moto4s_core::report::pdf::write_summary(&s, &p)?;
                say!("已保存月度汇总 PDF：{}", p.display());
            }
            if let Some(x) = xlsx {
                moto4s_core::report::summary::write_xlsx(&s, &x)?;
                say!("已保存月度汇总 Excel：{}", x.display());
            }
            Ok(())
        }
        Command::Import { data, xlsx } => {
            if !xlsx.is_file() {
                return Err(AppError::not_found(format!("导入文件「{}」不存在", xlsx.display())));
            }
            let path = paths::resolve_data_file(data);
            let created = !path.exists();
            let mut store = Store::open(&path)?;
            store.set_actor(Some(moto4s_core::auth::Actor::command_line()));
            let summary = match exchange::import(&mut store, &xlsx) {
                Ok(s) => s,
                Err(e) => {
                    // an import into a new file that failed leaves no empty shop behind
                    if created {
                        drop(store);
                        moto4s_core::store::remove_data_file(&path);
                    }
                    return Err(e);
                }
            };
            for (sheet, n) in summary.sheets {
                say!("已导入「{sheet}」：{n} 条");
            }
            Ok(())
        }
    })();
    if lock.is_some() && !data_file.exists() {
        // a command that was to make the file and did not (a refused
        // import into a new file) leaves nothing behind
        let _ = std::fs::remove_file(format!("{}.lock", data_file.display()));
    }
    drop(lock);
    match result {
        Ok(()) => 0,
        Err(e) => fail(e),
    }
}
