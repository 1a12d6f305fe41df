//! A ledger sheet as a table: headers and rows of typed cells, addressed by header name.
//!
//! Columns are found by their header text, never by position, so a clerk may reorder columns or
//! add their own; every column read is written back, in the order it was read.

use crate::model::Value;

/// A sheet as a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Sheet name.
    pub name: String,
    /// Header texts, in sheet order.
    pub headers: Vec<String>,
    /// Rows, each as long as `headers`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// An empty table with the given headers.
    pub fn new(name: &str, headers: &[&str]) -> Table {
        Table {
            name: name.to_owned(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// The column index of a header.
    pub fn col(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }

    /// The cell at (row, header), or `Empty`.
    pub fn get(&self, row: usize, header: &str) -> &Value {
        const EMPTY: Value = Value::Empty;
        self.col(header)
            .and_then(|c| self.rows.get(row).and_then(|r| r.get(c)))
            .unwrap_or(&EMPTY)
    }

    /// Sets (row, header), adding the column if the table lacks it.
    pub fn set(&mut self, row: usize, header: &str, value: Value) {
        let c = match self.col(header) {
            Some(c) => c,
            None => {
                self.headers.push(header.to_owned());
                for r in &mut self.rows {
                    r.push(Value::Empty);
                }
                self.headers.len() - 1
            }
        };
        if let Some(r) = self.rows.get_mut(row) {
            if r.len() <= c {
                r.resize(c + 1, Value::Empty);
            }
            r[c] = value;
        }
    }

    /// Appends an empty row and returns its index.
    pub fn push_row(&mut self) -> usize {
        self.rows.push(vec![Value::Empty; self.headers.len()]);
        self.rows.len() - 1
    }

    /// Inserts columns that are missing, at the position the schema gives them.
    pub fn ensure_columns(&mut self, headers: &[&str]) {
        for (i, h) in headers.iter().enumerate() {
            if self.col(h).is_some() {
                continue;
            }
            // After the previous schema column present in the table, else at the end.
            let at = headers[..i]
                .iter()
                .rev()
                .find_map(|p| self.col(p))
                .map_or(self.headers.len(), |c| c + 1);
            self.headers.insert(at, (*h).to_owned());
            for r in &mut self.rows {
                if r.len() >= at {
                    r.insert(at, Value::Empty);
                } else {
                    r.resize(self.headers.len(), Value::Empty);
                }
            }
        }
    }
}
