//! The one cell value of taizhang: what a form cell, a ledger cell and an output cell hold.
//!
//! Every reader turns its library's cells into a [`Value`] through [`Value::from_calamine`], so a
//! boolean, an Excel error or a date with fractions of a second means the same thing whether it
//! came from a unit's form or from the clerk's ledger.

use calamine::DataType;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A cell's value, as the person who typed it meant it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// Nothing.
    #[default]
    Empty,
    /// Text, as typed (callers trim where a person would not see the spaces).
    Text(String),
    /// A number in a cell with no percent or date format.
    Number(f64),
    /// A number in a percent-formatted cell: the fraction (0.6 shown as 60 %).
    Percent(f64),
    /// A date (a date cell whose time is midnight).
    Date(NaiveDate),
    /// A date and time (merge times, a date cell with a time of day).
    DateTime(NaiveDateTime),
    /// TRUE / FALSE.
    Bool(bool),
    /// An Excel error such as `#REF!`.
    Error(String),
}

impl Value {
    /// Text, or [`Value::Empty`] for an empty string: an empty string is no value.
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }

    /// A date and time, or a plain date when the time is midnight (what Excel shows for both).
    pub fn date_time(t: NaiveDateTime) -> Value {
        if t.time() == NaiveTime::MIN {
            Value::Date(t.date())
        } else {
            Value::DateTime(t)
        }
    }

    /// The one conversion from calamine's cells (`Data` and `DataRef` alike); `percent` says the
    /// cell's number format is a percentage. Durations and unparsable ISO dates stay text.
    ///
    /// ```
    /// use calamine::{CellErrorType, Data};
    /// use taizhang::model::Value;
    ///
    /// assert_eq!(Value::from_calamine(&Data::Float(0.6), true), Value::Percent(0.6));
    /// assert_eq!(Value::from_calamine(&Data::Bool(true), false).display(), "是");
    /// let error = Value::from_calamine(&Data::Error(CellErrorType::NA), false);
    /// assert_eq!(error, Value::Error("#N/A".into()));
    /// ```
    pub fn from_calamine<T: DataType>(d: &T, percent: bool) -> Value {
        if let Some(s) = d.get_string() {
            return Value::text(s);
        }
        if let Some(i) = d.get_int() {
            return Value::numeric(i as f64, percent);
        }
        if let Some(f) = d.get_float() {
            return Value::numeric(f, percent);
        }
        if let Some(b) = d.get_bool() {
            return Value::Bool(b);
        }
        if let Some(dt) = d.get_datetime() {
            return match dt.as_datetime() {
                Some(t) if dt.is_datetime() => Value::date_time(t),
                _ => Value::Number(dt.as_f64()),
            };
        }
        if let Some(s) = d.get_datetime_iso() {
            return Value::iso(s);
        }
        if let Some(s) = d.get_duration_iso() {
            return Value::text(s);
        }
        if let Some(e) = d.get_error() {
            return Value::Error(e.to_string());
        }
        Value::Empty
    }

    fn numeric(n: f64, percent: bool) -> Value {
        if percent {
            Value::Percent(n)
        } else {
            Value::Number(n)
        }
    }

    /// An ISO date as ods and some xlsx writers store it (`2018-06-01`, `2018-06-01T08:30:00.5`).
    pub fn iso(s: &str) -> Value {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
            .map(Value::date_time)
            .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Value::Date))
            .unwrap_or_else(|_| Value::text(s))
    }

    /// The cell as a person reads it, exactly (`2018-12-31`, `60`, `60%`, `是`).
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.clone(),
            Value::Number(n) => crate::text::number_text(*n),
            Value::Percent(f) => format!("{}%", crate::text::number_text(*f * 100.0)),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::DateTime(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
            Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
            Value::Error(e) => e.clone(),
        }
    }

    /// [`Value::display`] without the spaces around text: what a form's value says.
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(s) => s.trim().to_owned(),
            other => other.display(),
        }
    }

    /// True when empty, or text holding only white space (full-width spaces too): such a cell is
    /// empty for a person.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.chars().all(crate::text::is_space),
            _ => false,
        }
    }

    /// The cell as a number, if it is one (or numeric text such as `60` or `60%`).
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Percent(f) => Some(*f * 100.0),
            Value::Text(s) => s.trim().trim_end_matches('%').parse().ok(),
            _ => None,
        }
    }

    /// The cell as a date, if it is one (or date text).
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            Value::DateTime(d) => Some(d.date()),
            Value::Text(s) => super::values::parse_date_text(s, super::values::DayRole::Start, 0),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, DataRef, ExcelDateTime, ExcelDateTimeType};

    /// `Data` and `DataRef` give the same value: one converter, not one per reader.
    #[test]
    fn data_and_data_ref_agree() {
        let date = ExcelDateTime::new(43465.0, ExcelDateTimeType::DateTime, false);
        let time = ExcelDateTime::new(43465.5, ExcelDateTimeType::DateTime, false);
        let cases: Vec<(Data, DataRef<'_>, Value)> = vec![
            (Data::Bool(true), DataRef::Bool(true), Value::Bool(true)),
            (
                Data::Error(calamine::CellErrorType::Ref),
                DataRef::Error(calamine::CellErrorType::Ref),
                Value::Error("#REF!".into()),
            ),
            (
                Data::DateTime(date),
                DataRef::DateTime(date),
                Value::Date(NaiveDate::from_ymd_opt(2018, 12, 31).unwrap()),
            ),
            (
                Data::DateTime(time),
                DataRef::DateTime(time),
                Value::DateTime(
                    NaiveDate::from_ymd_opt(2018, 12, 31)
                        .unwrap()
                        .and_hms_opt(12, 0, 0)
                        .unwrap(),
                ),
            ),
            (
                Data::DateTimeIso("2018-06-01T08:30:00.250".into()),
                DataRef::DateTimeIso("2018-06-01T08:30:00.250".into()),
                Value::DateTime(
                    NaiveDate::from_ymd_opt(2018, 6, 1)
                        .unwrap()
                        .and_hms_milli_opt(8, 30, 0, 250)
                        .unwrap(),
                ),
            ),
            (Data::Int(5), DataRef::Int(5), Value::Number(5.0)),
            (Data::String(String::new()), DataRef::Empty, Value::Empty),
        ];
        for (data, data_ref, want) in cases {
            assert_eq!(Value::from_calamine(&data, false), want, "{data:?}");
            assert_eq!(Value::from_calamine(&data_ref, false), want, "{data_ref:?}");
        }
        assert_eq!(
            Value::from_calamine(&Data::Float(0.6), true),
            Value::Percent(0.6)
        );
    }

    #[test]
    fn display_and_text() {
        assert_eq!(Value::Percent(0.6).display(), "60%");
        assert_eq!(Value::Text(" a ".into()).to_text(), "a");
        assert!(Value::Text("\u{3000} ".into()).is_empty());
        assert_eq!(Value::Text("60%".into()).number(), Some(60.0));
    }
}
