//! `annotext generate`: a corpus of realistic generated documents, or a pathological input.

use std::io::Write;

use annotext_corpus::DocumentShape;
use anyhow::Result;
use rayon::prelude::*;

use crate::cli::{usage_error, GenerateArgs, GenerateShape};
use crate::terminal::progress;
use crate::Outcome;

/// Writes the corpus `args` asks for.
pub fn generate(args: &GenerateArgs) -> Result<Outcome> {
    let shape = match (args.shape, args.count) {
        (Some(GenerateShape::Pathological(shape)), Some(count)) => {
            return generate_shape(args, shape, count);
        }
        (Some(GenerateShape::Pathological(shape)), None) => usage_error(
            "generate",
            format!("--shape {} needs --count N (its size)", shape.name()),
        ),
        (Some(GenerateShape::Document(shape)), Some(_)) => usage_error(
            "generate",
            format!(
                "--count sizes a pathological input; documents of --shape {} are sized by \
                 --mib and --documents",
                shape.name()
            ),
        ),
        (Some(GenerateShape::Document(shape)), None) => shape,
        (None, _) => DocumentShape::OutcomeList,
    };
    let total = (args.mib.max(0.0) * 1024.0 * 1024.0) as u64;
    let count = args
        .documents
        .unwrap_or_else(|| (total / (1024 * 1024)).max(1))
        .max(1);
    let per_document = usize::try_from(total / count).unwrap_or(usize::MAX);
    // The outcome list keeps the name its corpora always had.
    let prefix = match shape {
        DocumentShape::OutcomeList => "doc",
        shape => shape.name(),
    };
    let bar = progress(count, args.quiet, "generating");
    (0..count).into_par_iter().try_for_each(|index| {
        let text = annotext_corpus::document_of(shape, args.seed, index, per_document);
        let path = args.out.join(format!("{prefix}-{:05}.txt", index + 1));
        annotext_atomic_file::write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        bar.inc(1);
        anyhow::Ok(())
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        let of_shape = match shape {
            DocumentShape::OutcomeList => String::new(),
            shape => format!(" ({})", shape.name()),
        };
        eprintln!(
            "{count} documents{of_shape}, {:.1} MiB, written to {}",
            (per_document as u64 * count) as f64 / 1024.0 / 1024.0,
            args.out.display()
        );
    }
    Ok(Outcome::Success)
}

/// Writes one pathological input (`--shape`): a file, or a tree of files for `many-files`.
fn generate_shape(
    args: &GenerateArgs,
    shape: annotext_corpus::shapes::Shape,
    count: usize,
) -> Result<Outcome> {
    let files = shape.files(count);
    let bar = progress(files.len() as u64, args.quiet, "generating");
    files.par_iter().try_for_each(|(name, text)| {
        let path = args.out.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        annotext_atomic_file::write_atomic(&path, |w| w.write_all(text.as_bytes()))?;
        bar.inc(1);
        anyhow::Ok(())
    })?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "{} ({count}): {} file{} written to {}",
            shape.name(),
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            args.out.display()
        );
    }
    Ok(Outcome::Success)
}
