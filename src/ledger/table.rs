//! A ledger sheet as a table: headers and rows of typed cells, addressed by [`Column`].
//!
//! Columns are found by their header text, never by position, so a clerk may reorder columns or
//! add their own; every column read is written back, in the order it was read. taizhang's own
//! columns are named by [`Column`] (a misspelt header does not compile); the clerk's own columns
//! only by [`Table::col_named`] and [`Table::get_named`], which never add a column.

use crate::model::{Column, Sheet, Value};

/// A sheet as a table.
///
/// ```
/// use taizhang::ledger::Table;
/// use taizhang::model::{Column, Sheet, Value};
///
/// let mut t = Table::new(Sheet::Projects);
/// let row = t.push_row();
/// t.set(row, Column::ProjectId, Value::text("2018-001"));
/// t.set_named(row, "督办人", Value::text("王科长")); // the clerk's own column
/// assert_eq!(t.get(row, Column::ProjectId).display(), "2018-001");
/// assert_eq!(t.get_named(row, "督办人").display(), "王科长");
/// assert!(t.get(row, Column::Note).is_empty());
/// ```
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
    /// An empty table of one of taizhang's sheets, with its columns.
    pub fn new(sheet: Sheet) -> Table {
        Table {
            name: sheet.name().to_owned(),
            headers: sheet
                .columns()
                .iter()
                .map(|c| c.header().to_owned())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// An empty table of one of taizhang's sheets with the columns `policy` keeps.
    pub fn for_policy(sheet: Sheet, policy: &crate::policy::Policy) -> Table {
        Table {
            name: sheet.name().to_owned(),
            headers: policy
                .columns(sheet)
                .iter()
                .map(|c| c.header().to_owned())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// The column index of one of taizhang's columns.
    pub fn col(&self, column: Column) -> Option<usize> {
        self.col_named(column.header())
    }

    /// The column index of any header, the clerk's own included.
    pub fn col_named(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }

    /// The cell at (row, column), or `Empty`.
    pub fn get(&self, row: usize, column: Column) -> &Value {
        self.get_named(row, column.header())
    }

    /// The cell at (row, header) for any header, or `Empty`.
    pub fn get_named(&self, row: usize, header: &str) -> &Value {
        const EMPTY: Value = Value::Empty;
        self.col_named(header)
            .and_then(|c| self.rows.get(row).and_then(|r| r.get(c)))
            .unwrap_or(&EMPTY)
    }

    /// Sets (row, column), adding the column at the end if the table lacks it.
    pub fn set(&mut self, row: usize, column: Column, value: Value) {
        self.set_named(row, column.header(), value);
    }

    /// Sets (row, header) for any header, adding the column if the table lacks it: the path
    /// for a clerk's own column (taizhang's code names its columns with [`Table::set`]).
    pub fn set_named(&mut self, row: usize, header: &str, value: Value) {
        let c = match self.col_named(header) {
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

    /// The rows with a 项目编号: in 项目台账 the rows that are projects (see
    /// [`crate::ledger::Ledger::project_rows`]); an empty or ID-less row is no project.
    pub fn rows_with_id(&self) -> impl Iterator<Item = usize> + '_ {
        let col = self.col(Column::ProjectId);
        (0..self.rows.len()).filter(move |&r| {
            col.and_then(|c| self.rows[r].get(c))
                .is_some_and(|v| !v.display().trim().is_empty())
        })
    }

    /// Appends an empty row and returns its index.
    pub fn push_row(&mut self) -> usize {
        self.rows.push(vec![Value::Empty; self.headers.len()]);
        self.rows.len() - 1
    }

    /// Inserts the sheet's columns that are missing, at the position the schema gives them.
    pub fn ensure_columns(&mut self, columns: &[Column]) {
        for (i, column) in columns.iter().enumerate() {
            if self.col(*column).is_some() {
                continue;
            }
            // After the previous schema column present in the table, else at the end.
            let at = columns[..i]
                .iter()
                .rev()
                .find_map(|p| self.col(*p))
                .map_or(self.headers.len(), |c| c + 1);
            self.headers.insert(at, column.header().to_owned());
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
