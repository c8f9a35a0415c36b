//! `annotext`: the command line. It only wires the crates together: find and read files, parse,
//! build tables, hand them to the exporters, and report errors with the file they concern.

mod check;
mod cli;
mod combine;
mod dataset;
mod generate;
mod inputs;
mod lock;
mod manifest;
mod outputs;
mod parse;
mod pause;
mod pipeline;
mod shard;
mod staging;
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse { file, compact }) => parse::parse_one(&file, compact),
        Some(Command::Run(args)) => pipeline::run(&args),
        Some(Command::Check(args)) => check::check(&args),
        Some(Command::Generate(args)) => generate::generate(&args),
        Some(Command::Verify(args)) => verify::verify(&args),
        Some(Command::Combine(args)) => combine::combine(&args),
        None => pipeline::run(&cli.run),
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
