//! A ledger sheet as a table: headers and rows of typed cells, addressed by header name.
//!
//! Columns are found by their header text, never by position, so a clerk may reorder columns or
//! add their own; every column read is written back, in the order it was read.

use chrono::{NaiveDate, NaiveDateTime};

/// One ledger cell.
#[derive(Debug, Clone, PartialEq)]
pub enum LCell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
    /// A date and time (merge times).
    DateTime(NaiveDateTime),
}

impl LCell {
    /// Text, or `Empty` for an empty string.
    pub fn text(s: impl Into<String>) -> LCell {
        let s = s.into();
        if s.is_empty() {
            LCell::Empty
        } else {
            LCell::Text(s)
        }
    }

    /// The cell as text, as a person reads it (`2018-12-31`, `60`).
    pub fn display(&self) -> String {
        match self {
            LCell::Empty => String::new(),
            LCell::Text(s) => s.clone(),
            LCell::Number(n) => crate::text::number_text(*n),
            LCell::Date(d) => d.format("%Y-%m-%d").to_string(),
            LCell::DateTime(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
        }
    }

    /// True when empty (or blank text).
    pub fn is_empty(&self) -> bool {
        match self {
            LCell::Empty => true,
            LCell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a number, if it is one (or numeric text).
    pub fn number(&self) -> Option<f64> {
        match self {
            LCell::Number(n) => Some(*n),
            LCell::Text(s) => s.trim().trim_end_matches('%').parse().ok(),
            _ => None,
        }
    }

    /// The cell as a date, if it is one (or date text).
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            LCell::Date(d) => Some(*d),
            LCell::DateTime(d) => Some(d.date()),
            LCell::Text(s) => {
                crate::rules::values::parse_date_text(s, crate::rules::values::DayRole::Start, 0)
            }
            _ => None,
        }
    }
}

/// A sheet as a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Sheet name.
    pub name: String,
    /// Header texts, in sheet order.
    pub headers: Vec<String>,
    /// Rows, each as long as `headers`.
    pub rows: Vec<Vec<LCell>>,
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
    pub fn get(&self, row: usize, header: &str) -> &LCell {
        const EMPTY: LCell = LCell::Empty;
        self.col(header)
            .and_then(|c| self.rows.get(row).and_then(|r| r.get(c)))
            .unwrap_or(&EMPTY)
    }

    /// Sets (row, header), adding the column if the table lacks it.
    pub fn set(&mut self, row: usize, header: &str, value: LCell) {
        let c = match self.col(header) {
            Some(c) => c,
            None => {
                self.headers.push(header.to_owned());
                for r in &mut self.rows {
                    r.push(LCell::Empty);
                }
                self.headers.len() - 1
            }
        };
        if let Some(r) = self.rows.get_mut(row) {
            if r.len() <= c {
                r.resize(c + 1, LCell::Empty);
            }
            r[c] = value;
        }
    }

    /// Appends an empty row and returns its index.
    pub fn push_row(&mut self) -> usize {
        self.rows.push(vec![LCell::Empty; self.headers.len()]);
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
                    r.insert(at, LCell::Empty);
                } else {
                    r.resize(self.headers.len(), LCell::Empty);
                }
            }
        }
    }
}
