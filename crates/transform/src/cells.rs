//! Table cells as text, the way CSV and spreadsheets show them, and columns read row by row.

use polars::prelude::*;

/// Separator between the values of a list cell when it is shown as text.
pub const LIST_SEPARATOR: &str = "; ";

/// A cell as text, the way CSV and spreadsheets show it: nulls empty, lists joined with
/// [`LIST_SEPARATOR`], categories as their label.
pub fn cell_text(value: &AnyValue) -> String {
    match value {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => (*s).to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Boolean(b) => b.to_string(),
        // Rust's shortest round-trip form: the value reads back exactly.
        AnyValue::Float64(f) => f.to_string(),
        AnyValue::Float32(f) => f.to_string(),
        AnyValue::List(series) => {
            let parts: Vec<String> = series.iter().map(|v| cell_text(&v)).collect();
            parts.join(LIST_SEPARATOR)
        }
        AnyValue::Categorical(..) | AnyValue::CategoricalOwned(..) => {
            value.get_str().map(str::to_owned).unwrap_or_default()
        }
        other => other.to_string(),
    }
}

/// A column made ready for reading row by row: text and numbers straight from their arrays,
/// without building a dynamic value (and a `String`) for every cell, which was most of the cost
/// of writing millions of rows.
pub enum Cells<'a> {
    /// Text, and categories as their labels.
    Text(StringChunked),
    /// Integers of up to 64 bits, signed or not below 2^63.
    Integer(Int64Chunked),
    /// Floating-point numbers.
    Float(Float64Chunked),
    /// Anything else (lists, booleans), read through [`cell_text`].
    Other(&'a Column),
}

impl<'a> Cells<'a> {
    /// Reads `column` as its type allows.
    pub fn new(column: &'a Column) -> PolarsResult<Cells<'a>> {
        Ok(match column.dtype() {
            DataType::String => Cells::Text(column.str()?.clone()),
            DataType::Categorical(..) => {
                Cells::Text(column.cast(&DataType::String)?.str()?.clone())
            }
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32 => Cells::Integer(column.cast(&DataType::Int64)?.i64()?.clone()),
            DataType::Float32 | DataType::Float64 => {
                Cells::Float(column.cast(&DataType::Float64)?.f64()?.clone())
            }
            _ => Cells::Other(column),
        })
    }
}

/// A column's cells as text ([`cell_text`]); empty when the table has no such column.
pub fn column_texts(df: &DataFrame, name: &str) -> Vec<String> {
    df.column(name)
        .map(|c| {
            (0..c.len())
                .map(|i| c.get(i).map(|v| cell_text(&v)).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

/// A text or categorical column as text cells, read without a copy each; `None` when the
/// table has no such column.
pub(crate) fn text_cells(df: &DataFrame, name: &str) -> Option<StringChunked> {
    let column = df.column(name).ok()?;
    column.cast(&DataType::String).ok()?.str().ok().cloned()
}

pub(crate) fn column_sum(df: &DataFrame, name: &str) -> f64 {
    column_texts(df, name)
        .iter()
        .filter_map(|v| v.parse::<f64>().ok())
        .sum()
}
