//! `kindlab` opens the app; `kindlab sim ...` runs the simulator headless (no window needed).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("sim") {
        #[cfg(not(target_arch = "wasm32"))]
        std::process::exit(kindlab::cli::run(&args[1..]));
    }
    kindlab::ui::launch();
}
