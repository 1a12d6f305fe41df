//! What the ledger already holds from each listed unit, so that `check --ledger` does not list as
//! 未报送 a unit whose forms were merged in an earlier batch.

use super::Ledger;
use crate::model::Column;
use crate::policy::Policy;
use crate::rules::missing::OnFile;
use crate::rules::units::UnitIndex;

/// The listed units with a project of the policy year in 项目台账 (a row without 年度 counts),
/// and every (unit, period) of 进度记录, by the policy's names.
pub fn on_file(ledger: &Ledger, policy: &Policy) -> OnFile {
    let index = UnitIndex::new(policy);
    let t = &ledger.projects;
    let mut units_of = std::collections::HashMap::new();
    let mut out = OnFile::default();
    for row in ledger.project_rows() {
        let Some(unit) = index.find(&t.get(row, Column::Unit).display()) else {
            continue;
        };
        units_of.insert(t.get(row, Column::ProjectId).display(), unit.name.clone());
        let year = t.get(row, Column::Year).number();
        if year.is_none_or(|y| (y - f64::from(policy.year)).abs() < 0.5) {
            out.proposals.insert(unit.name.clone());
        }
    }
    let r = &ledger.reports;
    for row in 0..r.rows.len() {
        if let Some(unit) = units_of.get(&r.get(row, Column::ProjectId).display()) {
            let period = r.get(row, Column::Period).display();
            out.reports.insert((unit.clone(), period));
        }
    }
    out
}
