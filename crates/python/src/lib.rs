//! `annotext._annotext`, the native module of the Python package `annotext` (its Python side is
//! `python/annotext/__init__.py`). annotext works with the GIL released; tables leave as Arrow
//! C streams (the PyCapsule interface), which polars takes without copying.

use std::ffi::CString;
use std::path::PathBuf;

use polars::prelude::{CompatLevel, DataFrame, SchemaExt};
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::{ArrowDataType, Field};
use polars_arrow::ffi::{export_iterator, ArrowArrayStream};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyString};

use annotext_pipeline::run::error_chain;
use annotext_pipeline::{Format, PipelineError, RunOptions, Silent};

create_exception!(
    _annotext,
    AnnotextError,
    PyException,
    "An input, an option or an output folder annotext cannot work with; the message is the \
     command line's."
);

/// The Python exception for a pipeline error, with the command line's message.
fn python_error(error: &PipelineError) -> PyErr {
    AnnotextError::new_err(error_chain(error))
}

/// One table, exported once as an Arrow C stream (`__arrow_c_stream__`).
#[pyclass(module = "annotext._annotext")]
struct ArrowTable {
    frame: Option<DataFrame>,
}

#[pymethods]
impl ArrowTable {
    /// The table as an Arrow C stream in a PyCapsule (the Arrow PyCapsule interface): its
    /// chunks are handed over as they are, not copied. A table can be exported once.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &mut self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // The schema is the table's: a request for another is not honoured (the interface
        // allows that; the consumer casts).
        let _ = requested_schema;
        let frame = self
            .frame
            .take()
            .ok_or_else(|| PyTypeError::new_err("this table was already exported"))?;
        let stream = arrow_stream(frame);
        let name = CString::new("arrow_array_stream").expect("no NUL in the name");
        PyCapsule::new(py, stream, Some(name))
    }
}

/// A frame as an Arrow C stream of struct arrays, one per chunk.
fn arrow_stream(mut frame: DataFrame) -> ArrowArrayStream {
    // Chunks line up across columns only once aligned; cheap when they already are.
    frame.align_chunks_par();
    let fields: Vec<Field> = frame
        .schema()
        .to_arrow(CompatLevel::newest())
        .iter_values()
        .cloned()
        .collect();
    let dtype = ArrowDataType::Struct(fields);
    let batches: Vec<_> = frame.iter_chunks(CompatLevel::newest(), false).collect();
    let struct_type = dtype.clone();
    let chunks = batches.into_iter().map(move |batch| {
        let height = batch.height();
        let array = StructArray::new(struct_type.clone(), height, batch.into_arrays(), None);
        Ok(Box::new(array) as Box<dyn Array>)
    });
    export_iterator(Box::new(chunks), Field::new("".into(), dtype, false))
}

/// What `tables` is given: paths, or texts by document id.
enum Source {
    Paths(Vec<PathBuf>),
    Texts(Vec<(String, String)>),
}

fn source_of(source: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Ok(texts) = source.cast::<PyDict>() {
        let mut pairs = Vec::with_capacity(texts.len());
        for (id, text) in texts.iter() {
            pairs.push((id.extract::<String>()?, text.extract::<String>()?));
        }
        return Ok(Source::Texts(pairs));
    }
    if source.is_instance_of::<PyString>() {
        return Ok(Source::Paths(vec![source.extract::<PathBuf>()?]));
    }
    if let Ok(path) = source.extract::<PathBuf>() {
        return Ok(Source::Paths(vec![path]));
    }
    let paths = source
        .try_iter()?
        .map(|p| p.and_then(|p| p.extract::<PathBuf>()))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Source::Paths(paths))
}

/// `_tables(source, rules=None, follow=False, max_file_mib=1024)`: the tables of files and
/// folders (a path or a list of them) or of texts (`{doc_id: text}`), as
/// `{table name: ArrowTable}`.
#[pyfunction]
#[pyo3(signature = (source, rules=None, follow=false, max_file_mib=1024))]
fn _tables<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    rules: Option<PathBuf>,
    follow: bool,
    max_file_mib: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let source = source_of(source)?;
    let built = py.detach(|| match &source {
        Source::Paths(paths) => annotext_pipeline::memory::tables_of_files(
            paths,
            rules.as_deref(),
            follow,
            max_file_mib.saturating_mul(1 << 20),
        ),
        Source::Texts(texts) => annotext_pipeline::memory::tables_of_texts(texts, rules.as_deref()),
    });
    let tables = built.map_err(|e| python_error(&e))?;
    let out = PyDict::new(py);
    for (name, frame) in tables.into_named() {
        out.set_item(name, ArrowTable { frame: Some(frame) })?;
    }
    Ok(out)
}

/// `_parse(text, doc_id="document")`: the record of a text as JSON, as `annotext parse` prints
/// it (compact).
#[pyfunction]
#[pyo3(signature = (text, doc_id="document"))]
fn _parse(py: Python<'_>, text: &str, doc_id: &str) -> PyResult<String> {
    py.detach(|| {
        let document =
            annotext_parser::parse_str(doc_id, text).map_err(|source| PipelineError::Input {
                path: PathBuf::from(doc_id),
                source,
            })?;
        let record = annotext_transform::document_record(&document);
        serde_json::to_string(&record)
            .map_err(|e| PipelineError::Refused(format!("cannot write the record: {e}")))
    })
    .map_err(|e| python_error(&e))
}

/// `_run(paths, out, formats, options)`: `annotext run`; returns its report as a dict.
#[pyfunction]
#[pyo3(signature = (paths, out="output".into(), formats=None, shard=None, csv_excel=false,
    rules=None, title=None, font=None, pinyin=false, lang="auto", batch_mib=2.0, follow=false,
    max_file_mib=1024, force=false))]
#[allow(clippy::too_many_arguments)]
fn _run<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    out: PathBuf,
    formats: Option<Vec<String>>,
    shard: Option<(u32, u32)>,
    csv_excel: bool,
    rules: Option<PathBuf>,
    title: Option<String>,
    font: Option<PathBuf>,
    pinyin: bool,
    lang: &str,
    batch_mib: f64,
    follow: bool,
    max_file_mib: u64,
    force: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let mut options = RunOptions::new(paths, out);
    options.formats = formats
        .unwrap_or_default()
        .iter()
        .map(|name| {
            Format::from_name(name).ok_or_else(|| {
                AnnotextError::new_err(format!(
                    "unknown format {name:?}: one of csv, parquet, jsonl, xlsx, pdf"
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    options.shard = shard
        .map(|(index, count)| annotext_output_set::shard::Shard::new(index, count))
        .transpose()
        .map_err(AnnotextError::new_err)?;
    options.csv_excel = csv_excel;
    options.rules = rules;
    options.title = title;
    options.font = font;
    options.pinyin = pinyin;
    options.lang = lang
        .parse::<annotext_export_pdf::Lang>()
        .map_err(|e| AnnotextError::new_err(e.to_string()))?;
    options.batch_mib = batch_mib;
    options.follow = follow;
    options.max_file_mib = max_file_mib;
    options.force = force;
    let report = py
        .detach(|| annotext_pipeline::run(&options, &Silent))
        .map_err(|e| python_error(&e))?;
    let out = PyDict::new(py);
    out.set_item("documents", report.documents)?;
    out.set_item("unreadable", report.unreadable)?;
    out.set_item("items", report.items)?;
    out.set_item("anomalies", report.anomalies)?;
    out.set_item("errors", report.errors)?;
    out.set_item("files_written", report.files_written)?;
    out.set_item("seconds", report.elapsed.as_secs_f64())?;
    out.set_item("summary", report.summary())?;
    Ok(out)
}

/// The module.
#[pymodule]
fn _annotext(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("AnnotextError", module.py().get_type::<AnnotextError>())?;
    module.add("TABLE_NAMES", annotext_transform::TABLE_NAMES.to_vec())?;
    module.add_class::<ArrowTable>()?;
    module.add_function(wrap_pyfunction!(_tables, module)?)?;
    module.add_function(wrap_pyfunction!(_parse, module)?)?;
    module.add_function(wrap_pyfunction!(_run, module)?)?;
    Ok(())
}
