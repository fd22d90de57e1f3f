//! `kindlab` opens the app; `kindlab sim ...` and the other subcommands run without a window.
//! See `kindlab --help` (the command-line front lives in `cli.rs`).

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        if let Some(code) = kindlab::cli::front(std::env::args_os().skip(1).collect()) {
            std::process::exit(code);
        }
        if let Err(e) = kindlab::cli::can_open_window() {
            eprintln!("kindlab: {e}");
            std::process::exit(1);
        }
    }
    kindlab::ui::launch();
}
