//! The one table writer: a header row and rows of [`Value`]s, typed by a per-column [`Kind`].
//!
//! Every workbook taizhang writes (ledger, monthly status, check report, ranking, exemplary
//! projects) goes through [`Table::write`], so all of them freeze the header, filter, fit widths
//! to Chinese text, wrap long text, write dates as dates and never turn user text into a formula.
//! Formats are built once per column (and per fill colour used), never per row. The ledger's
//! sheets take only their layout from here ([`Table::write_layout`]); their rows are streamed in
//! by [`crate::xlsx::patch`].

use std::borrow::Cow;
use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::style::{self, Widths};
use crate::model::Value;
use crate::say::sheets as say;

/// What a column holds, which decides its number format and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Short text (names, IDs, words).
    Text,
    /// Long text that wraps (goals, measures, reasons); rows grow to show it.
    LongText,
    /// A date, `yyyy-mm-dd`.
    Date,
    /// A date and time, `yyyy-mm-dd hh:mm:ss`.
    DateTime,
    /// A percent kept as 0–100, shown `60%`.
    Percent,
    /// A score or total, two decimals.
    Score,
    /// A whole number (count, place).
    Count,
    /// Any other number, as typed.
    Number,
}

/// How a column's width is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// Fit the header and the cells' text, within the table's bounds.
    Fit,
    /// This width, whatever the text.
    Fixed(f64),
}

/// One column: its header, what it holds and how wide it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header text (row 1 of the table).
    pub header: String,
    /// What the column holds.
    pub kind: Kind,
    /// Its width rule.
    pub width: Width,
    /// Hidden (and grouped, so one click on the sheet's `+` shows it): a column the clerk
    /// rarely reads or prints, such as a file's SHA-256.
    pub hidden: bool,
}

impl Column {
    /// A column of `kind` whose width fits its text.
    pub fn new(header: impl Into<String>, kind: Kind) -> Column {
        Column {
            header: header.into(),
            kind,
            width: Width::Fit,
            hidden: false,
        }
    }

    /// A text column whose width fits its text.
    pub fn text(header: impl Into<String>) -> Column {
        Column::new(header, Kind::Text)
    }

    /// The same column, hidden.
    pub fn hidden(self) -> Column {
        Column {
            hidden: true,
            ..self
        }
    }

    /// The same column with a fixed width.
    pub fn fixed(self, width: f64) -> Column {
        Column {
            width: Width::Fixed(width),
            ..self
        }
    }
}

/// Text columns from header texts (the common case of the report sheets).
pub fn text_columns(headers: &[&str]) -> Vec<Column> {
    headers.iter().map(|h| Column::text(*h)).collect()
}

/// The look of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A document to read and print (reports, status, ranking): bordered cells, all text wrapped,
    /// a tall header, rows as high as their text (up to 20 lines).
    Boxed,
    /// A data sheet (the ledger): no borders, only long text wraps, rows at most
    /// [`style::DATA_MAX_LINES`] lines high and no row heights at all past [`HEIGHTS_MAX_ROWS`] rows (they cost memory until saved).
    Plain,
}

/// Rows of one sheet beyond which no row gets its own height: rust_xlsxwriter keeps a few hundred
/// bytes per row with a height until the file is saved (600 MB for 1,000,000 progress rows),
/// and in a sheet that long the clerk filters and searches rather than reads row by row.
pub const HEIGHTS_MAX_ROWS: usize = 200_000;

/// Rows measured for column widths: enough to fit every real column, and a million-row ledger
/// is not measured twice.
const MEASURED_ROWS: usize = 2000;

/// One row of a table: its cells and the fill (RGB) of each cell, if any.
pub trait TableRow {
    /// The cells, in column order (fewer than the columns is fine).
    fn cells(&self) -> &[Value];
    /// The background of one cell.
    fn fill(&self, _col: usize) -> Option<u32> {
        None
    }
}

impl TableRow for Vec<Value> {
    fn cells(&self) -> &[Value] {
        self
    }
}

/// A row with fills: one for the whole row and overrides for single cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Value>,
    /// Background of the whole row.
    pub fill: Option<u32>,
    /// Backgrounds of single cells (column, RGB), over the row's.
    pub cell_fills: Vec<(usize, u32)>,
}

impl Row {
    /// A row of cells with no fill.
    pub fn new(cells: Vec<Value>) -> Row {
        Row {
            cells,
            ..Row::default()
        }
    }

    /// A row of cells with a fill for the whole row.
    pub fn filled(cells: Vec<Value>, fill: Option<u32>) -> Row {
        Row {
            cells,
            fill,
            cell_fills: Vec::new(),
        }
    }
}

/// Leaves out the columns whose header `shown` refuses, with their cells in every row: the
/// policy decides which columns a sheet has (no 项目类别 without categories), the writers build
/// every column and say so once here.
pub fn retain_columns(columns: &mut Vec<Column>, rows: &mut [Row], shown: impl Fn(&str) -> bool) {
    let keep: Vec<bool> = columns.iter().map(|c| shown(&c.header)).collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    // The new index of each kept column.
    let mut moved = Vec::with_capacity(keep.len());
    let mut next = 0;
    for k in &keep {
        moved.push(k.then(|| {
            next += 1;
            next - 1
        }));
    }
    let mut i = 0;
    columns.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for row in rows {
        let mut i = 0;
        row.cells.retain(|_| {
            i += 1;
            keep.get(i - 1).copied().unwrap_or(true)
        });
        row.cell_fills = row
            .cell_fills
            .iter()
            .filter_map(|&(c, f)| Some((moved.get(c).copied().flatten()?, f)))
            .collect();
    }
}

impl TableRow for Row {
    fn cells(&self) -> &[Value] {
        &self.cells
    }

    fn fill(&self, col: usize) -> Option<u32> {
        self.cell_fills
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, f)| *f)
            .or(self.fill)
    }
}

/// A table to write: columns, width bounds and look.
#[derive(Debug, Clone)]
pub struct Table {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// Narrowest fitted column.
    pub min_width: f64,
    /// Widest fitted column: longer text wraps.
    pub max_width: f64,
    /// Document or data sheet.
    pub look: Look,
    /// Widest the visible columns may be together, in column units, to print one page wide
    /// at a readable size ([`super::page::page_units`]): wider text columns are narrowed to it
    /// and their text wraps. `None`: as wide as the text.
    pub page: Option<f64>,
}

/// The formats one column needs, by the value written.
struct Formats {
    main: Format,
    date: Format,
    datetime: Format,
    percent: Format,
    wraps: bool,
}

impl Table {
    /// A document table ([`Look::Boxed`]) with widths from 6 to `max_width`, printed
    /// landscape one page wide.
    pub fn boxed(columns: Vec<Column>, max_width: f64) -> Table {
        let page = super::page::page_units(columns.len(), true);
        Table {
            columns,
            min_width: 6.0,
            max_width,
            look: Look::Boxed,
            page: Some(page),
        }
    }

    /// The same table printed portrait.
    pub fn portrait(self) -> Table {
        let visible = self.columns.iter().filter(|c| !c.hidden).count();
        Table {
            page: Some(super::page::page_units(visible, false)),
            ..self
        }
    }

    /// Column widths fitting the headers and the first rows of every given table (tables written
    /// one under another share their columns).
    pub fn widths<R: TableRow>(&self, tables: &[&[R]]) -> Widths {
        let headers: Vec<&str> = self.columns.iter().map(|c| c.header.as_str()).collect();
        let mut widths = Widths::new(&headers, self.min_width, self.max_width);
        for (c, col) in self.columns.iter().enumerate() {
            if let Width::Fixed(w) = col.width {
                widths.fix(c, w);
            }
        }
        // Slack for the fonts Excel, WPS and LibreOffice substitute for 宋体.
        let slack = match self.look {
            Look::Boxed => 2.2,
            Look::Plain => 0.0,
        };
        for row in tables.iter().flat_map(|t| t.iter()).take(MEASURED_ROWS) {
            for (c, cell) in row.cells().iter().enumerate() {
                if widths.is_fixed(c) || cell.is_empty() {
                    continue;
                }
                let kind = self.columns.get(c).map_or(Kind::Text, |col| col.kind);
                widths.see_padded(c, &shown(cell, kind), slack);
            }
        }
        if let Some(budget) = self.page {
            // Only text wraps; a number or date narrowed would show as ###.
            let shrink: Vec<bool> = self
                .columns
                .iter()
                .map(|c| match (c.kind, self.look) {
                    (Kind::LongText, _) => true,
                    // A data sheet's short text does not wrap: narrowed, it would be cut off.
                    (Kind::Text, Look::Boxed) => c.width == Width::Fit,
                    _ => false,
                })
                .collect();
            let skip: Vec<bool> = self.columns.iter().map(|c| c.hidden).collect();
            widths.fit_page(budget, &shrink, &skip, self.min_width.max(8.0));
        }
        widths
    }

    /// Hides the hidden columns, each run of them an outline group the clerk opens with `+`.
    fn hide(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let mut c = 0;
        while c < self.columns.len() {
            if !self.columns[c].hidden {
                c += 1;
                continue;
            }
            let first = c;
            while c < self.columns.len() && self.columns[c].hidden {
                c += 1;
            }
            sheet.group_columns_collapsed(first as u16, c as u16 - 1)?;
        }
        Ok(())
    }

    /// Writes the table from `first_row`: widths, header, rows, frozen header and autofilter.
    pub fn write<R: TableRow>(
        &self,
        sheet: &mut Worksheet,
        first_row: u32,
        rows: &[R],
    ) -> Result<(), XlsxError> {
        self.write_fitted(sheet, first_row, rows, rows)
    }

    /// Everything of [`Table::write`] but the rows: widths fitted to `rows`, the header, the
    /// frozen pane and the filter over `rows`. The rows are then streamed in by
    /// [`crate::xlsx::patch`] (the ledger), which writes them as the kit would.
    pub fn write_layout<R: TableRow>(
        &self,
        sheet: &mut Worksheet,
        first_row: u32,
        rows: &[R],
    ) -> Result<(), XlsxError> {
        self.write_fitted(sheet, first_row, rows, &[])
    }

    /// Widths fitted to `rows`, hidden columns, the header and `body`, the frozen pane and the
    /// filter over `rows`: [`Table::write`] with `body` = `rows`, [`Table::write_layout`] with none.
    fn write_fitted<R: TableRow>(
        &self,
        sheet: &mut Worksheet,
        first_row: u32,
        rows: &[R],
        body: &[R],
    ) -> Result<(), XlsxError> {
        let widths = self.widths(&[rows]);
        widths.apply(sheet)?;
        self.hide(sheet)?;
        self.write_rows(sheet, first_row, body, &widths)?;
        self.filter(sheet, first_row, rows.len())
    }

    /// Freezes the header row at `first_row` and filters the `rows` below it (one filter per
    /// sheet, so a second table on the same sheet is written with [`Table::write_rows`] only).
    pub fn filter(
        &self,
        sheet: &mut Worksheet,
        first_row: u32,
        rows: usize,
    ) -> Result<(), XlsxError> {
        if self.columns.is_empty() {
            return Ok(());
        }
        sheet.set_freeze_panes(first_row + 1, 0)?;
        sheet.autofilter(
            first_row,
            0,
            first_row + rows.max(1) as u32,
            self.columns.len() as u16 - 1,
        )?;
        Ok(())
    }

    /// Writes the header and rows from `first_row` with widths already applied to the sheet.
    pub fn write_rows<R: TableRow>(
        &self,
        sheet: &mut Worksheet,
        first_row: u32,
        rows: &[R],
        widths: &Widths,
    ) -> Result<(), XlsxError> {
        let header = style::header();
        for (c, col) in self.columns.iter().enumerate() {
            sheet.write_string_with_format(first_row, c as u16, &col.header, &header)?;
        }
        if self.look == Look::Boxed {
            let lines = self
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| style::cell_lines(&col.header, widths.get(c)))
                .fold(2.0, f64::max);
            let height = style::row_height(lines, style::DOCUMENT_MAX_LINES).unwrap_or(30.0);
            sheet.set_row_height(first_row, height)?;
        }
        let plain: Vec<Formats> = (0..self.columns.len())
            .map(|c| self.formats(c, None))
            .collect();
        let mut filled: HashMap<(usize, u32), Formats> = HashMap::new();
        let heights = self.look == Look::Boxed || rows.len() <= HEIGHTS_MAX_ROWS;
        let max_lines = match self.look {
            Look::Boxed => style::DOCUMENT_MAX_LINES,
            Look::Plain => style::DATA_MAX_LINES,
        };
        for (i, row) in rows.iter().enumerate() {
            let r = first_row + 1 + i as u32;
            // The height first, then the cells (rust_xlsxwriter's constant-memory mode, once used
            // here, wrote a height set afterwards as a second row of the same number).
            if heights {
                let mut lines = 1.0f64;
                for (c, cell) in row.cells().iter().enumerate() {
                    // A hidden column's text does not make a row tall.
                    let shown = self.columns.get(c).is_none_or(|col| !col.hidden);
                    let wraps = plain.get(c).map_or(self.look == Look::Boxed, |f| f.wraps);
                    let wraps = wraps && shown;
                    if let (true, Value::Text(s)) = (wraps, cell) {
                        lines = lines.max(style::cell_lines(s, widths.get(c)));
                    }
                }
                if let Some(height) = style::row_height(lines, max_lines) {
                    sheet.set_row_height(r, height)?;
                }
            }
            for (c, cell) in row.cells().iter().enumerate() {
                let formats = match row.fill(c) {
                    None => plain.get(c),
                    Some(rgb) => Some(
                        &*filled
                            .entry((c, rgb))
                            .or_insert_with(|| self.formats(c, Some(rgb))),
                    ),
                };
                let extra;
                let formats = match formats {
                    Some(f) => f,
                    None => {
                        extra = self.formats(c, row.fill(c));
                        &extra
                    }
                };
                write_value(sheet, r, c as u16, cell, formats, self.look)?;
            }
        }
        Ok(())
    }

    /// The formats of column `c` (a column past the last is text), with a fill.
    fn formats(&self, c: usize, fill: Option<u32>) -> Formats {
        let kind = self.columns.get(c).map_or(Kind::Text, |col| col.kind);
        let mut base = match self.look {
            Look::Boxed => style::body(),
            Look::Plain => Format::new()
                .set_font_name(style::FONT)
                .set_align(FormatAlign::Top),
        };
        if let Some(rgb) = fill {
            base = style::filled(base, rgb);
        }
        let wraps = match self.look {
            Look::Boxed => true,
            Look::Plain => kind == Kind::LongText,
        };
        // A data sheet wraps only the text of long columns, never a date or number in them.
        let numbers = base.clone();
        if wraps {
            base = base.set_text_wrap();
        }
        let numbers = match self.look {
            Look::Boxed => base.clone(),
            Look::Plain => numbers,
        };
        let aligned = |f: Format, align: FormatAlign| match self.look {
            Look::Boxed => f.set_align(align),
            Look::Plain => f,
        };
        let date = aligned(numbers.clone(), FormatAlign::Left).set_num_format("yyyy-mm-dd");
        let datetime =
            aligned(numbers.clone(), FormatAlign::Left).set_num_format("yyyy-mm-dd hh:mm:ss");
        let percent = aligned(numbers, FormatAlign::Right).set_num_format("0\"%\"");
        let main = match kind {
            Kind::Text | Kind::LongText => base,
            Kind::Date => date.clone(),
            Kind::DateTime => datetime.clone(),
            Kind::Percent => percent.clone(),
            Kind::Score => aligned(base, FormatAlign::Right).set_num_format("0.00"),
            Kind::Count => aligned(base, FormatAlign::Right).set_num_format("0"),
            Kind::Number => aligned(base, FormatAlign::Right),
        };
        Formats {
            main,
            date,
            datetime,
            percent,
            wraps,
        }
    }
}

/// Writes one value: text as text (never a formula), dates as dates, a percent fraction as 0–100.
fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    f: &Formats,
    look: Look,
) -> Result<(), XlsxError> {
    match value {
        // A document keeps its borders and fills on blank cells; a data sheet writes nothing.
        Value::Empty => {
            if look == Look::Boxed {
                sheet.write_blank(row, col, &f.main)?;
            }
        }
        Value::Text(s) => style::write_text(sheet, row, col, s, &f.main)?,
        Value::Number(n) => {
            sheet.write_number_with_format(row, col, *n, &f.main)?;
        }
        Value::Date(d) => {
            sheet.write_date_with_format(row, col, *d, &f.date)?;
        }
        Value::DateTime(d) => {
            sheet.write_datetime_with_format(row, col, *d, &f.datetime)?;
        }
        // A fraction from a percent cell: tables keep percents as 0–100.
        Value::Percent(p) => {
            sheet.write_number_with_format(row, col, *p * 100.0, &f.percent)?;
        }
        Value::Bool(b) => {
            sheet.write_boolean_with_format(row, col, *b, &f.main)?;
        }
        // An Excel error stays visible as its text: taizhang writes no formulas.
        Value::Error(e) => style::write_text(sheet, row, col, e, &f.main)?,
    }
    Ok(())
}

/// The text a reader sees in a cell of `kind`, for widths.
fn shown(v: &Value, kind: Kind) -> Cow<'_, str> {
    match (v, kind) {
        (Value::Text(s), _) | (Value::Error(s), _) => Cow::Borrowed(s),
        (Value::Number(n), Kind::Percent) => Cow::Owned(format!("{n:.0}%")),
        (Value::Number(n), Kind::Score) => Cow::Owned(format!("{n:.2}")),
        (Value::Number(n), Kind::Count) => Cow::Owned(format!("{n:.0}")),
        (Value::Date(_), _) => Cow::Borrowed("2018-12-31"),
        (Value::DateTime(_), _) => Cow::Borrowed("2018-12-31 00:00:00"),
        _ => Cow::Owned(v.display()),
    }
}

/// A 说明 sheet: a two-column 项目 | 内容 table of notes, ending with the tool and its version,
/// shared by every workbook that explains itself.
pub fn notes(
    sheet: &mut Worksheet,
    notes: impl IntoIterator<Item = (&'static str, String)>,
    max_width: f64,
) -> Result<(), XlsxError> {
    let tool = format!("taizhang {}", env!("CARGO_PKG_VERSION"));
    let rows: Vec<Row> = notes
        .into_iter()
        .chain([(say::TOOL, tool)])
        .map(|(k, v)| Row::new(vec![Value::text(k), number_or_text(v)]))
        .collect();
    let table = Table {
        min_width: 10.0,
        ..Table::boxed(text_columns(say::NOTES_HEADERS), max_width)
    };
    table.write(sheet, 0, &rows)?;
    // A 说明 sheet prints like the others: A4, one page wide.
    super::page::Print {
        landscape: false,
        fit: super::page::Fit::Width,
        repeat: Some((0, 0)),
    }
    .apply(sheet)
}

/// A 说明 value: a count or figure (`21`, `20.5`) as a number, anything else (a year range, a
/// version, `0554`) as the text it is.
fn number_or_text(v: String) -> Value {
    let plain = !v.is_empty()
        && v.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !(v.len() > 1 && v.starts_with('0') && !v.starts_with("0."))
        && v.matches('.').count() <= 1;
    match v.parse::<f64>() {
        Ok(n) if plain => Value::Number(n),
        _ => Value::text(v),
    }
}

/// Text as a table cell (an empty string is a blank cell).
pub fn text(s: impl Into<String>) -> Value {
    Value::text(s)
}

/// A number, or a blank cell.
pub fn number(n: Option<f64>) -> Value {
    n.map_or(Value::Empty, Value::Number)
}

/// A count, or a blank cell.
pub fn count(n: Option<usize>) -> Value {
    n.map_or(Value::Empty, |n| Value::Number(n as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retained_columns_take_their_cells_and_fills_along() {
        let mut columns = text_columns(&["编号", "项目类别", "名称"]);
        let mut rows = vec![Row {
            cells: vec![text("1"), text("A"), text("甲")],
            fill: None,
            cell_fills: vec![(1, 7), (2, 9)],
        }];
        retain_columns(&mut columns, &mut rows, |h| h != "项目类别");
        let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["编号", "名称"]);
        assert_eq!(rows[0].cells, vec![text("1"), text("甲")]);
        assert_eq!(rows[0].cell_fills, vec![(1, 9)]);
    }

    #[test]
    fn shown_text_follows_the_kind() {
        assert_eq!(shown(&Value::Number(60.0), Kind::Percent), "60%");
        assert_eq!(shown(&Value::Number(85.325), Kind::Score), "85.33");
        assert_eq!(shown(&Value::Number(3.0), Kind::Count), "3");
    }

    #[test]
    fn writes_every_kind_and_user_text_stays_text() {
        let table = Table::boxed(
            vec![
                Column::text("名称"),
                Column::new("日期", Kind::Date),
                Column::new("进度", Kind::Percent),
                Column::new("得分", Kind::Score).fixed(10.0),
            ],
            30.0,
        );
        let d = chrono::NaiveDate::from_ymd_opt(2018, 6, 30);
        let rows = vec![Row::filled(
            vec![
                text("=1+1"),
                d.map_or(Value::Empty, Value::Date),
                Value::Number(60.0),
                Value::Number(18.5),
            ],
            Some(style::GREEN),
        )];
        assert!((table.widths(&[&rows]).get(3) - 10.0).abs() < 1e-9);
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        table.write(sheet, 0, &rows).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(!xml.contains("<f>"), "no formula: {xml}");
        assert!(xml.contains("autoFilter"));
    }
}
