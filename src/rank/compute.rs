//! The arithmetic of SPEC §8: per-reviewer totals, trimming, means, ranks with shared places,
//! grades, and the units' standing.
//!
//! Numbers are exact decimals. Scores are taken to four decimal places (reviewers type whole or
//! half points), sums are exact, and a mean is rounded once, to two decimals, half away from zero
//! on its decimal value (85.325 → 85.33, which binary floating point would give as 85.32).

use std::collections::HashMap;

use super::Project;
use crate::policy::Policy;
use crate::say::year_end as say;

/// One reviewer's row for one project.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index of the project in the project list.
    pub project: usize,
    /// The reviewer's name.
    pub reviewer: String,
    /// Where the row came from (file name, and sheet when the workbook has several).
    pub source: String,
    /// Scores in rubric order; `None` for a blank or invalid score.
    pub scores: Vec<Option<f64>>,
    /// Invalid scores in rubric order, as written (`25`, `优`): `Some` where the reviewer wrote
    /// something that is no score, `None` for a valid or blank one; empty when none is invalid.
    pub invalid: Vec<Option<String>>,
}

impl Entry {
    /// Every criterion scored: only such rows count.
    pub fn complete(&self) -> bool {
        self.scores.iter().all(Option::is_some)
    }

    /// Some score is invalid (out of range, not a number), not merely blank.
    pub fn has_invalid(&self) -> bool {
        self.invalid.iter().any(Option::is_some)
    }

    /// The invalid score of criterion `c`, as written.
    pub fn invalid_at(&self, c: usize) -> Option<&str> {
        self.invalid.get(c).and_then(|v| v.as_deref())
    }

    /// The sum of the given scores.
    pub fn total(&self) -> f64 {
        from_units(self.scores.iter().flatten().map(|s| units(*s)).sum())
    }

    fn total_units(&self) -> i64 {
        self.scores.iter().flatten().map(|s| units(*s)).sum()
    }
}

/// How a reviewer's row entered the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Counted in the means.
    Counted,
    /// The highest total, dropped by the trim.
    DroppedHigh,
    /// The lowest total, dropped by the trim.
    DroppedLow,
    /// A score is blank: not counted at all.
    Incomplete,
    /// A score is invalid (out of range, not a number): not counted at all.
    Invalid,
}

impl Use {
    /// The words in 评分明细.
    pub fn label(self) -> &'static str {
        match self {
            Use::Counted => say::USE_COUNTED,
            Use::DroppedHigh => say::USE_DROPPED_HIGH,
            Use::DroppedLow => say::USE_DROPPED_LOW,
            Use::Incomplete => say::USE_INCOMPLETE,
            Use::Invalid => say::USE_INVALID,
        }
    }
}

/// One project's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectScore {
    /// Index of the project in the project list.
    pub project: usize,
    /// Its reviewers' rows (indices into the entries) and how each was used, in input order.
    pub entries: Vec<(usize, Use)>,
    /// Reviewers with a complete row.
    pub reviewers: usize,
    /// True when the highest and lowest totals were dropped.
    pub trimmed: bool,
    /// Mean per criterion, two decimals; `None` without a complete row.
    pub means: Vec<Option<f64>>,
    /// Mean total, two decimals; `None` without a complete row.
    pub total: Option<f64>,
    /// Place, shared by equal totals (1, 2, 2, 4); `None` when not ranked.
    pub rank: Option<usize>,
    /// Grade from the policy's bands; `None` when not ranked.
    pub grade: Option<String>,
    /// Why it is not ranked, or what is special about it, in Chinese.
    pub note: String,
}

/// One unit's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScore {
    /// 申报单位.
    pub unit: String,
    /// Projects of the unit in the ledger.
    pub projects: usize,
    /// Of which ranked.
    pub ranked: usize,
    /// Mean total of the ranked projects, two decimals.
    pub mean: Option<f64>,
    /// Index into [`Ranking::scores`] of the unit's best-placed project.
    pub best: Option<usize>,
    /// Place among units by mean total (shared when equal).
    pub rank: Option<usize>,
}

/// The whole result.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Every project: ranked ones by place (then ID), then the unranked by ID.
    pub scores: Vec<ProjectScore>,
    /// Every unit: ranked ones by place, then the others.
    pub units: Vec<UnitScore>,
}

/// A score in ten-thousandths.
fn units(score: f64) -> i64 {
    (score * 10_000.0).round() as i64
}

fn from_units(u: i64) -> f64 {
    u as f64 / 10_000.0
}

/// The mean of values given in ten-thousandths, in hundredths, rounded half away from zero.
fn mean_hundredths(sum_units: i64, n: usize) -> i64 {
    let d = n as i128 * 100;
    let q = sum_units as i128;
    let r = if q >= 0 {
        (2 * q + d) / (2 * d)
    } else {
        -((-2 * q + d) / (2 * d))
    };
    r as i64
}

/// The mean of `values`, rounded to two decimals half away from zero on the decimal value.
/// `None` for no values.
pub fn mean2(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: i64 = values.iter().map(|v| units(*v)).sum();
    Some(mean_hundredths(sum, values.len()) as f64 / 100.0)
}

/// The grade of a total: the highest band whose minimum it reaches.
pub fn grade(total: f64, policy: &Policy) -> Option<String> {
    let mut bands: Vec<_> = policy.ranking.grades.iter().collect();
    bands.sort_by(|a, b| b.min.total_cmp(&a.min));
    bands
        .into_iter()
        .find(|g| total + 1e-9 >= g.min)
        .map(|g| g.name.clone())
}

/// Places with ties shared (1, 2, 2, 4) for values sorted best first.
pub fn shared_places(sorted_desc: &[i64]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_desc.len());
    for (i, v) in sorted_desc.iter().enumerate() {
        if i > 0 && sorted_desc[i - 1] == *v {
            out.push(out[i - 1]);
        } else {
            out.push(i + 1);
        }
    }
    out
}

/// Scores one project from its entries (indices into `entries`).
fn score_project(
    project: usize,
    mine: &[usize],
    entries: &[Entry],
    policy: &Policy,
) -> ProjectScore {
    let criteria = policy.rubric.len();
    let mut uses: Vec<(usize, Use)> = mine
        .iter()
        .map(|&i| {
            let u = if entries[i].has_invalid() {
                Use::Invalid
            } else if entries[i].complete() {
                Use::Counted
            } else {
                Use::Incomplete
            };
            (i, u)
        })
        .collect();
    let complete: Vec<usize> = (0..uses.len())
        .filter(|&k| uses[k].1 == Use::Counted)
        .collect();
    let reviewers = complete.len();
    let trimmed = reviewers >= policy.ranking.trim_min_reviewers.max(3);
    if trimmed {
        // Ties: the row read first is the one dropped.
        let totals: Vec<i64> = uses
            .iter()
            .map(|(i, _)| entries[*i].total_units())
            .collect();
        let total = |k: usize| totals[k];
        let high = complete
            .iter()
            .copied()
            .reduce(|a, b| if total(b) > total(a) { b } else { a });
        if let Some(h) = high {
            uses[h].1 = Use::DroppedHigh;
            let low = complete.iter().copied().filter(|&k| k != h).reduce(|a, b| {
                if total(b) < total(a) {
                    b
                } else {
                    a
                }
            });
            if let Some(l) = low {
                uses[l].1 = Use::DroppedLow;
            }
        }
    }
    let counted: Vec<&Entry> = uses
        .iter()
        .filter(|(_, u)| *u == Use::Counted)
        .map(|(i, _)| &entries[*i])
        .collect();
    let means = (0..criteria)
        .map(|c| {
            let v: Vec<f64> = counted.iter().filter_map(|e| e.scores[c]).collect();
            mean2(&v)
        })
        .collect();
    let total = (!counted.is_empty()).then(|| {
        let sum: i64 = counted.iter().map(|e| e.total_units()).sum();
        mean_hundredths(sum, counted.len()) as f64 / 100.0
    });
    let incomplete = uses.iter().filter(|(_, u)| *u == Use::Incomplete).count();
    let invalid = uses.iter().filter(|(_, u)| *u == Use::Invalid).count();
    let mut notes = Vec::new();
    let ranked = reviewers >= policy.ranking.min_reviewers.max(1);
    if reviewers == 0 {
        notes.push(say::NOT_SCORED.to_owned());
    } else if !ranked {
        notes.push(say::too_few_reviewers(reviewers));
    } else if !trimmed {
        notes.push(say::not_trimmed(
            reviewers,
            policy.ranking.trim_min_reviewers,
        ));
    }
    if invalid > 0 {
        notes.push(say::invalid(invalid));
    }
    if incomplete > 0 {
        notes.push(say::incomplete(incomplete));
    }
    ProjectScore {
        project,
        entries: uses,
        reviewers,
        trimmed,
        means,
        total,
        // A provisional place marks the project as rankable; `rank` sets the real one.
        rank: ranked.then_some(0),
        grade: None,
        note: notes.join("；"),
    }
}

impl ProjectScore {
    fn total_hundredths(&self) -> i64 {
        self.total.map_or(i64::MIN, |t| (t * 100.0).round() as i64)
    }
}

/// Ranks every project: trims, averages, places, grades; then the units.
pub fn rank(projects: &[Project], entries: &[Entry], policy: &Policy) -> Ranking {
    let mut by_project: Vec<Vec<usize>> = vec![Vec::new(); projects.len()];
    for (i, e) in entries.iter().enumerate() {
        if let Some(list) = by_project.get_mut(e.project) {
            list.push(i);
        }
    }
    let mut scores: Vec<ProjectScore> = by_project
        .iter()
        .enumerate()
        .map(|(p, mine)| score_project(p, mine, entries, policy))
        .collect();
    let id = |s: &ProjectScore| projects.get(s.project).map_or("", |p| p.id.as_str());
    scores.sort_by(|a, b| {
        b.rank
            .is_some()
            .cmp(&a.rank.is_some())
            .then(b.total_hundredths().cmp(&a.total_hundredths()))
            .then(id(a).cmp(id(b)))
    });
    let ranked = scores.iter().filter(|s| s.rank.is_some()).count();
    let totals: Vec<i64> = scores[..ranked]
        .iter()
        .map(ProjectScore::total_hundredths)
        .collect();
    for (s, place) in scores.iter_mut().zip(shared_places(&totals)) {
        s.rank = Some(place);
        s.grade = s.total.and_then(|t| grade(t, policy));
    }
    let units = unit_scores(projects, &scores);
    Ranking { scores, units }
}

fn unit_scores(projects: &[Project], scores: &[ProjectScore]) -> Vec<UnitScore> {
    let mut order: Vec<String> = Vec::new();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in projects {
        if !count.contains_key(p.unit.as_str()) {
            order.push(p.unit.clone());
        }
        *count.entry(p.unit.as_str()).or_default() += 1;
    }
    let mut units: Vec<UnitScore> = order
        .iter()
        .map(|unit| {
            let mine: Vec<usize> = (0..scores.len())
                .filter(|&i| {
                    scores[i].rank.is_some()
                        && projects
                            .get(scores[i].project)
                            .is_some_and(|p| &p.unit == unit)
                })
                .collect();
            let totals: Vec<f64> = mine.iter().filter_map(|&i| scores[i].total).collect();
            UnitScore {
                unit: unit.clone(),
                projects: count.get(unit.as_str()).copied().unwrap_or(0),
                ranked: mine.len(),
                mean: mean2(&totals),
                best: mine.first().copied(),
                rank: None,
            }
        })
        .collect();
    let key = |u: &UnitScore| u.mean.map_or(i64::MIN, |m| (m * 100.0).round() as i64);
    units.sort_by(|a, b| key(b).cmp(&key(a)).then(a.unit.cmp(&b.unit)));
    let with_mean = units.iter().filter(|u| u.mean.is_some()).count();
    let keys: Vec<i64> = units[..with_mean].iter().map(key).collect();
    for (u, place) in units.iter_mut().zip(shared_places(&keys)) {
        u.rank = Some(place);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::preset("innovation").unwrap()
    }

    fn project(id: &str, unit: &str) -> Project {
        Project {
            id: id.into(),
            unit: unit.into(),
            name: format!("项目{id}"),
            ..Project::default()
        }
    }

    /// One entry per total, its four scores split 30/20/30/20-wise from the given values.
    fn entry(project: usize, reviewer: &str, scores: [f64; 4]) -> Entry {
        Entry {
            project,
            reviewer: reviewer.into(),
            source: "t.xlsx".into(),
            scores: scores.iter().map(|s| Some(*s)).collect(),
            invalid: Vec::new(),
        }
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_decimals() {
        assert_eq!(mean2(&[85.325]), Some(85.33));
        // (85.3 + 85.35) / 2 = 85.325 exactly in decimals.
        assert_eq!(mean2(&[85.3, 85.35]), Some(85.33));
        assert_eq!(mean2(&[1.0, 2.0, 2.0]), Some(1.67));
        assert_eq!(mean2(&[0.005]), Some(0.01));
        assert_eq!(mean2(&[]), None);
    }

    #[test]
    fn five_reviewers_drop_highest_and_lowest_total() {
        let p = policy();
        let projects = vec![project("2018-001", "甲")];
        // Totals 90, 85, 80, 95, 70 → drop 95 (r4) and 70 (r5); mean of 90, 85, 80 = 85.
        let entries = vec![
            entry(0, "r1", [27.0, 18.0, 27.0, 18.0]),
            entry(0, "r2", [26.0, 17.0, 25.0, 17.0]),
            entry(0, "r3", [24.0, 16.0, 24.0, 16.0]),
            entry(0, "r4", [29.0, 19.0, 28.0, 19.0]),
            entry(0, "r5", [21.0, 14.0, 21.0, 14.0]),
        ];
        let r = rank(&projects, &entries, &p);
        let s = &r.scores[0];
        assert!(s.trimmed);
        assert_eq!(s.reviewers, 5);
        assert_eq!(s.entries[3].1, Use::DroppedHigh);
        assert_eq!(s.entries[4].1, Use::DroppedLow);
        assert_eq!(s.total, Some(85.0));
        // 目标完成度: (27 + 26 + 24) / 3 = 25.666… → 25.67; 创新性 (18+17+16)/3 = 17.
        assert_eq!(s.means[0], Some(25.67));
        assert_eq!(s.means[1], Some(17.0));
        assert_eq!(s.rank, Some(1));
        assert_eq!(s.grade.as_deref(), Some("良好"));
    }

    #[test]
    fn four_reviewers_are_not_trimmed_and_two_are_not_ranked() {
        let p = policy();
        let projects = vec![project("2018-001", "甲"), project("2018-002", "乙")];
        let entries = vec![
            entry(0, "r1", [27.0, 18.0, 27.0, 18.0]), // 90
            entry(0, "r2", [26.0, 17.0, 25.0, 17.0]), // 85
            entry(0, "r3", [24.0, 16.0, 24.0, 16.0]), // 80
            entry(0, "r4", [29.0, 19.0, 28.0, 19.0]), // 95
            entry(1, "r1", [29.0, 19.0, 28.0, 19.0]),
            entry(1, "r2", [29.0, 19.0, 28.0, 19.0]),
        ];
        let r = rank(&projects, &entries, &p);
        let a = &r.scores[0];
        assert!(!a.trimmed);
        assert_eq!(a.total, Some(87.5)); // (90 + 85 + 80 + 95) / 4
        assert!(a.note.contains("未去掉"));
        let b = &r.scores[1];
        assert_eq!(b.rank, None);
        assert_eq!(b.grade, None);
        assert_eq!(b.note, "评委不足（2人），不参加排名");
        assert_eq!(b.total, Some(95.0));
    }

    #[test]
    fn equal_totals_share_a_place() {
        assert_eq!(shared_places(&[9000, 8500, 8500, 8000]), vec![1, 2, 2, 4]);
        let p = policy();
        let projects: Vec<Project> = (1..=4)
            .map(|i| project(&format!("2018-00{i}"), "甲"))
            .collect();
        let totals = [80.0, 85.0, 90.0, 85.0];
        let mut entries = Vec::new();
        for (i, t) in totals.iter().enumerate() {
            for r in ["a", "b", "c"] {
                entries.push(entry(i, r, [t - 60.0, 20.0, 20.0, 20.0]));
            }
        }
        let r = rank(&projects, &entries, &p);
        let places: Vec<(usize, Option<usize>)> =
            r.scores.iter().map(|s| (s.project, s.rank)).collect();
        assert_eq!(
            places,
            vec![(2, Some(1)), (1, Some(2)), (3, Some(2)), (0, Some(4))]
        );
    }

    #[test]
    fn grade_boundaries() {
        let p = policy();
        assert_eq!(grade(90.0, &p).as_deref(), Some("优秀"));
        assert_eq!(grade(89.99, &p).as_deref(), Some("良好"));
        assert_eq!(grade(60.0, &p).as_deref(), Some("合格"));
        assert_eq!(grade(59.99, &p).as_deref(), Some("不合格"));
        // 89.995 as a mean rounds to 90.00 and is then 优秀.
        assert_eq!(mean2(&[89.99, 90.0]), Some(90.0));
    }

    #[test]
    fn incomplete_rows_are_not_counted_and_units_are_ranked() {
        let p = policy();
        let projects = vec![
            project("2018-001", "甲"),
            project("2018-002", "甲"),
            project("2018-003", "乙"),
        ];
        let mut entries = Vec::new();
        for r in ["a", "b", "c"] {
            entries.push(entry(0, r, [28.0, 18.0, 27.0, 18.0])); // 91
            entries.push(entry(1, r, [22.0, 14.0, 22.0, 14.0])); // 72
            entries.push(entry(2, r, [25.0, 16.0, 25.0, 16.0])); // 82
        }
        let mut partial = entry(2, "d", [30.0, 20.0, 30.0, 20.0]);
        partial.scores[1] = None;
        entries.push(partial);
        let r = rank(&projects, &entries, &p);
        let c = r.scores.iter().find(|s| s.project == 2).unwrap();
        assert_eq!(c.reviewers, 3);
        assert_eq!(c.total, Some(82.0));
        assert!(c.note.contains("1份评分不完整"));
        // 甲: (91 + 72) / 2 = 81.5 < 乙 82.
        assert_eq!(r.units[0].unit, "乙");
        assert_eq!(r.units[1].mean, Some(81.5));
        assert_eq!(r.units[1].rank, Some(2));
        let best = r.units[1].best.unwrap();
        assert_eq!(r.scores[best].project, 0);
    }

    #[test]
    fn an_invalid_score_is_told_apart_from_a_blank_one() {
        let p = policy();
        let projects = vec![project("2018-001", "甲")];
        let mut entries = Vec::new();
        for r in ["a", "b", "c"] {
            entries.push(entry(0, r, [28.0, 18.0, 27.0, 18.0]));
        }
        let mut wrong = entry(0, "d", [30.0, 20.0, 30.0, 20.0]);
        wrong.scores[1] = None;
        wrong.invalid = vec![None, Some("25".into()), None, None];
        entries.push(wrong);
        let mut blank = entry(0, "e", [30.0, 20.0, 30.0, 20.0]);
        blank.scores[2] = None;
        entries.push(blank);
        let r = rank(&projects, &entries, &p);
        let s = &r.scores[0];
        assert_eq!(s.reviewers, 3);
        let uses: Vec<Use> = s.entries.iter().map(|(_, u)| *u).collect();
        assert_eq!(uses[3], Use::Invalid);
        assert_eq!(uses[4], Use::Incomplete);
        assert_eq!(Use::Invalid.label(), "有无效分数，未计入");
        assert!(s.note.contains("1份有无效分数，未计入"), "{}", s.note);
        assert!(s.note.contains("1份评分不完整，未计入"), "{}", s.note);
        assert_eq!(entries[3].invalid_at(1), Some("25"));
    }
}
