//! Extensions (SPEC §10): a progress report with 项目状态 申请延期 and a date in 申请延期至
//! asks for a later deadline. The request is listed for the clerk (after a merge, in `status`)
//! until the clerk grants it (`taizhang approve ID --deadline D`, which sets 完成时间 with a
//! 变更记录 row) or a later report no longer asks; status then follows the new 完成时间.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Ledger;
use crate::model::Column;

/// A pending request for a later deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// 项目编号.
    pub id: String,
    /// 申报单位.
    pub unit: String,
    /// 项目名称.
    pub name: String,
    /// 完成时间 now (`None` when the ledger's cell is no date).
    pub deadline: Option<NaiveDate>,
    /// The date asked for.
    pub asked: NaiveDate,
    /// The report that asks (`2018-11`).
    pub period: String,
}

/// Every project whose latest report asks for a deadline later than its 完成时间, in ledger
/// order.
pub fn pending(ledger: &Ledger) -> Vec<Request> {
    let r = &ledger.reports;
    let mut latest: HashMap<String, (String, Option<NaiveDate>)> = HashMap::new();
    for row in 0..r.rows.len() {
        let id = r.get(row, Column::ProjectId).display().trim().to_owned();
        let period = r.get(row, Column::Period).display().trim().to_owned();
        if id.is_empty() || latest.get(&id).is_some_and(|(p, _)| *p > period) {
            continue;
        }
        latest.insert(id, (period, r.get(row, Column::Extension).date()));
    }
    let t = &ledger.projects;
    let mut out = Vec::new();
    for row in ledger.project_rows() {
        let id = t.get(row, Column::ProjectId).display().trim().to_owned();
        let Some((period, Some(asked))) = latest.get(&id) else {
            continue;
        };
        let deadline = t.get(row, Column::Deadline).date();
        if deadline.is_some_and(|d| d >= *asked) {
            continue;
        }
        out.push(Request {
            unit: t.get(row, Column::Unit).display().trim().to_owned(),
            name: t.get(row, Column::Name).display().trim().to_owned(),
            id,
            deadline,
            asked: *asked,
            period: period.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn report(l: &mut Ledger, id: &str, period: &str, asked: Option<NaiveDate>) {
        let r = l.reports.push_row();
        l.reports.set(r, Column::ProjectId, Value::text(id));
        l.reports.set(r, Column::Period, Value::text(period));
        if let Some(a) = asked {
            l.reports.set(r, Column::Extension, Value::Date(a));
        }
    }

    #[test]
    fn the_latest_report_asking_for_a_later_date_is_pending() {
        let mut l = Ledger::new();
        for id in ["2018-001", "2018-002", "2018-003"] {
            let r = l.projects.push_row();
            l.projects.set(r, Column::ProjectId, Value::text(id));
            l.projects
                .set(r, Column::Deadline, Value::Date(d(2018, 12, 31)));
        }
        report(&mut l, "2018-001", "2018-11", Some(d(2019, 6, 30)));
        // Asked, then a later report no longer asks.
        report(&mut l, "2018-002", "2018-10", Some(d(2019, 3, 31)));
        report(&mut l, "2018-002", "2018-11", None);
        // Granted: the deadline is already the date asked.
        report(&mut l, "2018-003", "2018-11", Some(d(2018, 12, 31)));
        let p = pending(&l);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].id, "2018-001");
        assert_eq!(p[0].asked, d(2019, 6, 30));
        assert_eq!(p[0].deadline, Some(d(2018, 12, 31)));
        l.projects
            .set(0, Column::Deadline, Value::Date(d(2019, 6, 30)));
        assert!(pending(&l).is_empty());
    }
}
