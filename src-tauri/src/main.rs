//! moto4s：摩托车4S店服务经理台.
//!
//! Without a subcommand this starts the desktop window; with one
//! (`demo`, `check`, `export`, `import`) it works headless on a data file,
//! in the spirit of gnucash-cli. See `cli.rs`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod cli;
mod commands;
#[cfg(test)]
mod contract;
mod state;
mod webview;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // the one clock: a MOTO4S_TODAY that is set but unreadable is refused
    // here, before any record could be stamped with the wrong date
    if let Err(e) = moto4s_core::dates::clock_setting() {
        eprintln!("错误：{}", e.message);
        std::process::exit(2);
    }
    if cli::is_cli(&args) {
        std::process::exit(cli::run(args));
    }
    let gui = cli::GuiArgs::parse(&args);
    webview::prepare_environment();
    app::run(gui);
}
