//! `kindlab` opens the app; `kindlab sim ...` runs the simulator headless (no window needed).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("sim") {
        // TEMP(lead): std::process::exit(kindlab::cli::run(&args[1..]));
        eprintln!("sim not wired yet");
        std::process::exit(2);
    }
    kindlab::ui::launch();
}
