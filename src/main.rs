//! `annotext`: the command line only: arguments, the terminal (progress, messages, reports)
//! and exit statuses. The work is done by the library crates: `annotext-pipeline` (inputs,
//! batches, tables, every format, `combine`) and `annotext-output-set` (the output folder:
//! staging, manifest, lock, verify, shards).

mod check;
mod cli;
mod combine;
mod generate;
mod parse;
mod run;
mod terminal;
mod verify;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

const EXIT_INPUT: u8 = 1;
const EXIT_RUN: u8 = 3;

/// How a command ended, when it did not fail outright.
pub enum Outcome {
    Success,
    BadInput,
}

/// Malloc arenas glibc may keep, unless `MALLOC_ARENA_MAX` or `GLIBC_TUNABLES`
/// (`glibc.malloc.arena_max`) says otherwise.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MALLOC_ARENAS: i32 = 2;

/// glibc gives threads that allocate at once arenas of their own, up to eight per core, and
/// memory freed in one arena serves only it: with the lanes' threads handing batches to each
/// other, the 100 MiB run peaked at 297 MB, 248–262 MB with two arenas, in the same time.
/// Called first, before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    let set_by_user = std::env::var_os("MALLOC_ARENA_MAX").is_some()
        || std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("arena_max"));
    if !set_by_user {
        // SAFETY: mallopt only sets a parameter of the allocator; no other thread runs yet.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, MALLOC_ARENAS);
        }
    }
}

/// Other allocators (musl, macOS, Windows) have no arenas to limit.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { file, compact }) => parse::parse_one(&file, compact),
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Check(args)) => check::check(&args),
        Some(Command::Generate(args)) => generate::generate(&args),
        Some(Command::Verify(args)) => verify::verify(&args),
        Some(Command::Combine(args)) => combine::combine(&args),
        None => run::run(&cli.run),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::BadInput) => ExitCode::from(EXIT_INPUT),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_RUN)
        }
    }
}
