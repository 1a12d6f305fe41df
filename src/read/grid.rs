//! The grid: a workbook reduced to what forms need, every cell knowing its address.

use crate::model::Value;

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
    /// The value.
    pub value: Value,
}

/// One worksheet: its name, whether a person sees it, and its non-empty cells in row-major order.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name (`立项书`).
    pub name: String,
    /// False for hidden and very hidden sheets (dropdown sources, leftovers).
    pub visible: bool,
    /// Non-empty cells sorted by (row, col).
    pub cells: Vec<Cell>,
}

impl Sheet {
    /// A sheet from cells in any order; blank text cells are dropped.
    pub fn new(name: String, visible: bool, mut cells: Vec<Cell>) -> Sheet {
        cells.retain(|c| !c.value.is_empty());
        cells.sort_by_key(|c| (c.row, c.col));
        Sheet {
            name,
            visible,
            cells,
        }
    }

    /// The value at (row, col), if the cell is non-empty.
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&(row, col), |c| (c.row, c.col))
            .ok()
            .map(|i| &self.cells[i].value)
    }

    /// The non-empty cells of one row, left to right.
    pub fn row(&self, row: u32) -> &[Cell] {
        let start = self.cells.partition_point(|c| c.row < row);
        let end = self.cells.partition_point(|c| c.row <= row);
        &self.cells[start..end]
    }

    /// The address a clerk reads in Excel: `立项书!C7`.
    pub fn address(&self, row: u32, col: u32) -> String {
        let mut out = String::with_capacity(self.name.len() + 12);
        out.push_str(&self.name);
        out.push('!');
        push_cell_name(&mut out, row, col);
        out
    }
}

/// `C7` for (6, 2).
pub fn cell_name(row: u32, col: u32) -> String {
    let mut out = String::with_capacity(10);
    push_cell_name(&mut out, row, col);
    out
}

/// Appends `C7` for (6, 2) without intermediate allocations: every field's address is built.
fn push_cell_name(out: &mut String, row: u32, col: u32) {
    push_column_letters(out, col);
    use std::fmt::Write;
    let _ = write!(out, "{}", row as u64 + 1);
}

/// Appends the letters of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn push_column_letters(out: &mut String, col: u32) {
    let mut letters = [0u8; 4];
    let mut n = 0;
    let mut c = col as u64 + 1;
    while c > 0 && n < letters.len() {
        letters[n] = b'A' + ((c - 1) % 26) as u8;
        c = (c - 1) / 26;
        n += 1;
    }
    for &b in letters[..n].iter().rev() {
        out.push(b as char);
    }
}

/// A whole workbook as a grid.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    /// Sheets in workbook order.
    pub sheets: Vec<Sheet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 701), "ZZ10");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn rows_and_lookup() {
        let cells = vec![
            Cell {
                row: 1,
                col: 2,
                value: Value::Number(1.0),
            },
            Cell {
                row: 0,
                col: 0,
                value: Value::Text("a".into()),
            },
            Cell {
                row: 1,
                col: 0,
                value: Value::Text("  ".into()),
            },
        ];
        let s = Sheet::new("S".into(), true, cells);
        assert_eq!(s.cells.len(), 2);
        assert_eq!(s.row(1).len(), 1);
        assert_eq!(s.get(1, 2), Some(&Value::Number(1.0)));
        assert_eq!(s.get(1, 0), None);
        assert_eq!(s.address(1, 2), "S!C2");
    }
}
