//! Exemplary projects (示范项目, SPEC §8): which ranked projects are published, and the phone
//! masking that publication needs.

use std::collections::HashMap;

use super::{Project, Ranking};
use crate::policy::Policy;
use crate::say;

/// The choice, with the reasons for every eligible project passed over.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    /// Indices into [`Ranking::scores`] of the exemplary projects, by place.
    pub chosen: Vec<usize>,
    /// Eligible projects not taken (index into [`Ranking::scores`], reason in Chinese).
    pub passed_over: Vec<(usize, String)>,
    /// Set when fewer projects qualify than `exemplary.min` (printed and written in the summary).
    pub warning: Option<String>,
}

/// Picks the exemplary projects: finished (已完成, or the latest report at 100 %), ranked, total
/// at least `exemplary.min_score`; taken by place, at most `max_per_unit` per unit, at most `max`
/// in all. Equal places are taken in ID order (the ranking's order).
pub fn select(projects: &[Project], ranking: &Ranking, policy: &Policy) -> Selection {
    let rule = &policy.exemplary;
    let mut out = Selection::default();
    let mut per_unit: HashMap<&str, usize> = HashMap::new();
    for (i, s) in ranking.scores.iter().enumerate() {
        let (Some(_), Some(total)) = (s.rank, s.total) else {
            continue;
        };
        let Some(p) = projects.get(s.project) else {
            continue;
        };
        if !p.finished || total + 1e-9 < rule.min_score {
            continue;
        }
        if rule.require_acceptance && p.acceptance != crate::say::ledger::ACCEPTANCE_PASSED {
            out.passed_over
                .push((i, say::year_end::not_accepted(&p.acceptance)));
            continue;
        }
        let taken = per_unit.entry(p.unit.as_str()).or_default();
        if *taken >= rule.max_per_unit {
            out.passed_over
                .push((i, say::year_end::unit_full(*taken, rule.max_per_unit)));
        } else if out.chosen.len() >= rule.max {
            out.passed_over
                .push((i, say::year_end::list_full(rule.max)));
        } else {
            *taken += 1;
            out.chosen.push(i);
        }
    }
    if out.chosen.len() < rule.min {
        out.warning = Some(say::problems::few_exemplary(out.chosen.len(), rule.min));
    }
    out
}

/// Masks phone numbers for publication: a mobile keeps its first 3 and last 4 digits
/// (`138****5678`); a landline keeps its area code and last 4 (`0554-***1234`); any other run of
/// five or more digits keeps only its last 4. Other text is left as it is.
pub fn mask_phone(text: &str) -> String {
    let chars: Vec<char> = crate::text::fold_width(text).chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A number: digits, with single hyphens between digit groups (`0554-3311234`).
        let start = i;
        let mut end = i;
        while end < chars.len() {
            let joins = matches!(chars[end], '-' | '—')
                && end + 1 < chars.len()
                && chars[end + 1].is_ascii_digit();
            if !(chars[end].is_ascii_digit() || joins) {
                break;
            }
            end += 1;
        }
        let token: String = chars[start..end].iter().collect();
        out.push_str(&mask_number(&token));
        i = end;
    }
    out
}

fn stars(n: usize) -> String {
    "*".repeat(n)
}

fn mask_number(token: &str) -> String {
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let is_mobile = n == 11 && digits.starts_with('1') && !token.contains(['-', '—']);
    if is_mobile {
        return format!("{}****{}", &digits[..3], &digits[7..]);
    }
    if let Some((area, local)) = token.split_once(['-', '—']) {
        let local: String = local.chars().filter(char::is_ascii_digit).collect();
        if area.starts_with('0') && (3..=4).contains(&area.len()) && local.len() >= 5 {
            let keep = &local[local.len() - 4..];
            return format!("{area}-{}{keep}", stars(local.len() - 4));
        }
    }
    if n >= 5 {
        return format!("{}{}", stars(n - 4), &digits[n - 4..]);
    }
    token.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rank::{rank, Entry};

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13805545678"), "138****5678");
        assert_eq!(mask_phone("0554-3311234"), "0554-***1234");
        assert_eq!(mask_phone("010-12345678"), "010-****5678");
        assert_eq!(mask_phone("１３８０５５４５６７８"), "138****5678");
        assert_eq!(
            mask_phone("13805545678、0554-3311234"),
            "138****5678、0554-***1234"
        );
        assert_eq!(mask_phone("1380554"), "***0554");
        assert_eq!(mask_phone(""), "");
    }

    fn project(id: &str, unit: &str, finished: bool) -> Project {
        Project {
            id: id.into(),
            unit: unit.into(),
            finished,
            ..Project::default()
        }
    }

    /// Three reviewers giving each project the same total (split over the four criteria).
    fn entries(totals: &[f64]) -> Vec<Entry> {
        let mut out = Vec::new();
        for (p, t) in totals.iter().enumerate() {
            for r in ["a", "b", "c"] {
                out.push(Entry {
                    project: p,
                    reviewer: r.into(),
                    source: "t.xlsx".into(),
                    scores: vec![Some(t - 60.0), Some(20.0), Some(20.0), Some(20.0)],
                    invalid: Vec::new(),
                });
            }
        }
        out
    }

    #[test]
    fn one_per_unit_up_to_the_maximum() {
        let mut policy = crate::policy::Policy::preset("innovation").unwrap();
        let projects = vec![
            project("2018-001", "甲", true),  // 95
            project("2018-002", "甲", true),  // 94: 甲 already has one
            project("2018-003", "乙", false), // 93: not finished
            project("2018-004", "丙", true),  // 92
            project("2018-005", "丁", true),  // 84: below 85
        ];
        let ranking = rank(
            &projects,
            &entries(&[95.0, 94.0, 93.0, 92.0, 84.0]),
            &policy,
        );
        let s = select(&projects, &ranking, &policy);
        let ids: Vec<&str> = s
            .chosen
            .iter()
            .map(|&i| projects[ranking.scores[i].project].id.as_str())
            .collect();
        assert_eq!(ids, vec!["2018-001", "2018-004"]);
        assert_eq!(s.passed_over.len(), 1);
        assert!(s.passed_over[0].1.contains("本单位已有"));
        // 2 < min 3: a warning.
        assert_eq!(
            s.warning.as_deref(),
            Some("符合条件的示范项目只有 2 个，少于要求的 3 个")
        );
        // max 1 in all: the second is passed over for the limit; min 1: no warning.
        policy.exemplary.max = 1;
        policy.exemplary.min = 1;
        let s = select(&projects, &ranking, &policy);
        assert_eq!(s.chosen.len(), 1);
        assert!(s.passed_over.iter().any(|(_, r)| r.contains("上限")));
        assert_eq!(s.warning, None);
        // Two per unit: both of 甲.
        policy.exemplary.max = 5;
        policy.exemplary.max_per_unit = 2;
        let s = select(&projects, &ranking, &policy);
        assert_eq!(s.chosen.len(), 3);
    }
}
