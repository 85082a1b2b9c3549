//! moto4s：摩托车4S店服务经理台.
//!
//! Without a subcommand this starts the desktop window; with one
//! (`demo`, `check`, `export`, `import`) it works headless on a data file,
//! in the spirit of gnucash-cli. See `cli.rs`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod cli;
mod commands;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if cli::is_cli(&args) {
        std::process::exit(cli::run(args));
    }
    let gui = cli::GuiArgs::parse(&args);
    app::run(gui);
}
