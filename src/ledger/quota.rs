//! Quotas: how many projects each unit declared against its unit type's rule (SPEC §6 单位汇总).
//!
//! The verdict travels as a [`QuotaVerdict`]; the Chinese words are produced only when a sheet
//! is written, by [`QuotaVerdict::label`] (the ledger) or [`QuotaVerdict::month_label`] (the
//! monthly status), so nothing compares Chinese strings read back from a sheet.

use crate::say::ledger as say;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::store::Ledger;
use crate::model::Column;
use crate::policy::Policy;
use crate::rules::units::UnitIndex;

/// Whether a unit's projects meet its quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaVerdict {
    /// The unit declared no project.
    NoProjects,
    /// Fewer projects than the minimum (the minimum).
    TooFew(usize),
    /// More projects than the maximum (the maximum).
    TooMany(usize),
    /// Fewer category-A projects than required (the minimum).
    TooFewA(usize),
    /// Within the quota.
    Met,
    /// The policy lists units and this one is not on the list.
    NotListed,
}

impl QuotaVerdict {
    /// The ledger's 是否符合 cell: `符合`, `不符合：少于 2 个`, `未报送` ….
    pub fn label(self) -> String {
        match self {
            QuotaVerdict::NoProjects => say::QUOTA_NONE.to_owned(),
            QuotaVerdict::TooFew(n) => say::quota_too_few(n),
            QuotaVerdict::TooMany(n) => say::quota_too_many(n),
            QuotaVerdict::TooFewA(n) => say::quota_too_few_a(n),
            QuotaVerdict::Met => say::QUOTA_MET.to_owned(),
            QuotaVerdict::NotListed => say::QUOTA_NOT_LISTED.to_owned(),
        }
    }

    /// The monthly status's wording, where 未报送 means a missing monthly report: a unit with no
    /// project reads 未申报项目 there.
    pub fn month_label(self) -> String {
        match self {
            QuotaVerdict::NoProjects => say::QUOTA_NONE_MONTH.to_owned(),
            other => other.label(),
        }
    }

    /// True when the unit meets its quota.
    pub fn is_met(self) -> bool {
        self == QuotaVerdict::Met
    }
}

/// One unit's projects against its quota (a row of 单位汇总).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitQuota {
    /// Canonical unit name.
    pub unit: String,
    /// Unit type from the policy (县区, 其他), empty when unknown.
    pub kind: String,
    /// Projects in the ledger.
    pub projects: usize,
    /// Category-A projects.
    pub category_a: usize,
    /// Progress reports in the ledger.
    pub reports: usize,
    /// The quota rule (`2–3 个，至少 1 个A类`), empty without one.
    pub rule: String,
    /// The verdict; `None` when the policy has no unit list and no rule for the unit.
    pub verdict: Option<QuotaVerdict>,
}

/// Every unit of the policy (those that sent nothing too), then every other unit in the ledger,
/// with its counts and quota verdict.
pub fn unit_quotas(ledger: &Ledger, policy: &Policy, units: &UnitIndex<'_>) -> Vec<UnitQuota> {
    let mut rows: BTreeMap<String, (String, usize, usize, usize)> = BTreeMap::new();
    let mut order: Vec<String> = policy.units.iter().map(|u| u.name.clone()).collect();
    for u in &policy.units {
        rows.insert(u.name.clone(), (u.kind.clone(), 0, 0, 0));
    }
    let mut unit_of_id: HashMap<String, String> = HashMap::new();
    let this_year: HashSet<usize> = ledger.year_rows(policy).collect();
    for row in ledger.counted_rows(policy) {
        let raw = ledger.projects.get(row, Column::Unit).display();
        let unit = units.find(&raw).map_or(raw.clone(), |u| u.name.clone());
        unit_of_id.insert(
            ledger.projects.get(row, Column::ProjectId).display(),
            unit.clone(),
        );
        if !rows.contains_key(&unit) {
            order.push(unit.clone());
        }
        let kind = units.find(&raw).map(|u| u.kind.clone()).unwrap_or_default();
        let entry = rows.entry(unit.clone()).or_insert((kind, 0, 0, 0));
        // A project carried from last year is listed (its reports count) but not in the quota.
        if !this_year.contains(&row) {
            continue;
        }
        entry.1 += 1;
        if ledger.projects.get(row, Column::Category).display() == "A" {
            entry.2 += 1;
        }
    }
    // 本年报告数: this year's reports, those of projects carried from last year included.
    let year = format!("{}-", policy.year);
    for r in 0..ledger.reports.rows.len() {
        if !ledger
            .reports
            .get(r, Column::Period)
            .display()
            .starts_with(&year)
        {
            continue;
        }
        if let Some(unit) = unit_of_id.get(&ledger.reports.get(r, Column::ProjectId).display()) {
            if let Some(e) = rows.get_mut(unit) {
                e.3 += 1;
            }
        }
    }
    let mut out = Vec::new();
    for unit in order {
        let Some((kind, count, a, reports)) = rows.get(&unit).cloned() else {
            continue;
        };
        let quota = policy.unit_types.iter().find(|t| t.name == kind);
        let (rule, verdict) = match quota {
            Some(q) => {
                let rule = if q.min_category_a > 0 {
                    say::quota_rule_a(q.min_projects, q.max_projects, q.min_category_a)
                } else {
                    say::quota_rule(q.min_projects, q.max_projects)
                };
                let verdict = if count == 0 {
                    QuotaVerdict::NoProjects
                } else if count < q.min_projects {
                    QuotaVerdict::TooFew(q.min_projects)
                } else if count > q.max_projects {
                    QuotaVerdict::TooMany(q.max_projects)
                } else if a < q.min_category_a {
                    QuotaVerdict::TooFewA(q.min_category_a)
                } else {
                    QuotaVerdict::Met
                };
                (rule, Some(verdict))
            }
            None => (
                String::new(),
                (!policy.units.is_empty()).then_some(QuotaVerdict::NotListed),
            ),
        };
        out.push(UnitQuota {
            unit,
            kind,
            projects: count,
            category_a: a,
            reports,
            rule,
            verdict,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_the_ledger_words() {
        assert_eq!(QuotaVerdict::TooFew(2).label(), "不符合：少于 2 个");
        assert_eq!(QuotaVerdict::TooFewA(1).label(), "不符合：A类少于 1 个");
        assert_eq!(QuotaVerdict::NoProjects.label(), "未报送");
        assert_eq!(QuotaVerdict::NoProjects.month_label(), "未申报项目");
        assert_eq!(QuotaVerdict::Met.month_label(), "符合");
    }
}
