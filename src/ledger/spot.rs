//! 抽查复核 (the city seed's 自查考评 and 抽查复核): a reproducible draw of N finished projects.
//!
//! Each finished project gets the key SHA-256(`seed` + `:` + 项目编号); the N smallest keys are
//! drawn. The same seed always draws the same projects from the same ledger, and anyone can check
//! a draw with any SHA-256 tool, so the seed is printed with the list.

use sha2::{Digest, Sha256};

use super::Ledger;
use crate::model::Column;
use crate::policy::Policy;

/// One project drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// 项目编号.
    pub id: String,
    /// 申报单位.
    pub unit: String,
    /// 项目名称.
    pub name: String,
    /// 责任人.
    pub owner: String,
    /// The key it was drawn by (hex), for checking.
    pub key: String,
}

/// The finished projects that count under the policy (状态 已完成, or the latest report at
/// 100 %), and `count` of them drawn with `seed`, in draw order. Fewer when fewer are finished.
pub fn draw(ledger: &Ledger, policy: &Policy, count: usize, seed: &str) -> (usize, Vec<Drawn>) {
    let t = &ledger.projects;
    let mut finished: Vec<Drawn> = ledger
        .counted_rows(policy)
        .filter(|&r| ledger.is_finished(r))
        .map(|r| {
            let id = t.get(r, Column::ProjectId).display().trim().to_owned();
            let key = Sha256::digest(format!("{seed}:{id}").as_bytes());
            Drawn {
                unit: t.get(r, Column::Unit).display().trim().to_owned(),
                name: t.get(r, Column::Name).display().trim().to_owned(),
                owner: t.get(r, Column::Owner).display().trim().to_owned(),
                key: key.iter().map(|b| format!("{b:02x}")).collect(),
                id,
            }
        })
        .collect();
    let total = finished.len();
    finished.sort_by(|a, b| a.key.cmp(&b.key));
    finished.truncate(count);
    (total, finished)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::testkit::innovation;

    fn ledger() -> Ledger {
        let mut l = Ledger::new();
        for i in 1..=10 {
            let r = l.projects.push_row();
            let t = &mut l.projects;
            t.set(r, Column::ProjectId, Value::text(format!("2018-{i:03}")));
            t.set(r, Column::Approval, Value::text("已批复"));
            let status = if i % 3 == 0 { "推进中" } else { "已完成" };
            t.set(r, Column::Status, Value::text(status));
        }
        l
    }

    #[test]
    fn the_same_seed_draws_the_same_finished_projects() {
        let l = ledger();
        let policy = innovation();
        let (total, a) = draw(&l, &policy, 3, "2018年终");
        assert_eq!(total, 7, "only the finished");
        assert_eq!(a.len(), 3);
        assert_eq!(a, draw(&l, &policy, 3, "2018年终").1);
        assert!(a
            .iter()
            .all(|d| !["2018-003", "2018-006", "2018-009"].contains(&d.id.as_str())));
        let other = draw(&l, &policy, 3, "另一个种子").1;
        assert_ne!(a, other, "another seed, another draw");
        assert_eq!(draw(&l, &policy, 50, "x").1.len(), 7);
        // The key is checkable by hand: sha256("2018年终:2018-00N").
        let first = &a[0];
        let again: String = Sha256::digest(format!("2018年终:{}", first.id).as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(first.key, again);
    }
}
