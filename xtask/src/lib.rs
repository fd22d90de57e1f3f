//! kindlab's tooling: installing what is missing, building and serving the web release,
//! driving Chromium. What the end-to-end tests share with it (the folders, process groups, the
//! static server, the Chromium guard, npm tools) lives in `kindlab-testkit` and is re-exported
//! here under the same names.

pub mod bench_lab;
pub mod bench_web;
pub mod fuzz;
pub mod setup;
pub mod site;
pub mod web;

pub use kindlab_testkit::{
    browser, dist_dir, files_under, free_port, proc, root, run, serve, target_dir, tools_dir,
    Result,
};
