//! The policy (`taizhang.toml`): everything a city or college sets differently.
//!
//! Two presets are built in (SPEC §9): `innovation` (the 2018 city notice on 基层党建创新项目) and
//! `secretary` (the college plan for 书记项目). A clerk's `taizhang.toml` starts from one of them
//! (written by `taizhang init`, with comments) and may change any key.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use validator::Validate;

/// The innovation preset as commented TOML, as `taizhang init` writes it.
pub const INNOVATION_TOML: &str = include_str!("presets/innovation.toml");
/// The secretary preset as commented TOML, as `taizhang init` writes it.
pub const SECRETARY_TOML: &str = include_str!("presets/secretary.toml");

/// A policy that cannot be used, with the key (and line) at fault.
#[derive(Debug, Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("{}", crate::say::policy::unreadable(.path, .source))]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// TOML syntax or a value of the wrong type; the message names line and key.
    #[error("{}", crate::say::policy::syntax(.path, .message))]
    Syntax {
        /// The file.
        path: String,
        /// toml's message (with line, column and key).
        message: String,
    },
    /// A value that parses but makes no sense (team min > max, …).
    #[error("{}", crate::say::policy::invalid(.path, .key, .message))]
    Invalid {
        /// The file.
        path: String,
        /// The dotted key at fault.
        key: String,
        /// What is wrong.
        message: String,
    },
    /// An unknown preset name.
    #[error("{}", crate::say::policy::unknown_preset(.0))]
    UnknownPreset(String),
}

/// How often a progress report is due (SPEC §10): every month (the seeds' 定期汇报, the
/// default) or every quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// One report a month.
    #[default]
    Month,
    /// One report a quarter (报告期: any month of the quarter, or `2018年第二季度`).
    Quarter,
}

/// Which of the two built-in rule sets the policy derives from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// 基层党建创新项目 (city notice, 2018): categories A/B, quotas per county, 3–7 members.
    Innovation,
    /// 基层党建"书记项目" (college plan, 2017): one project per secretary, ≤ 12 (24) months.
    Secretary,
}

/// The whole policy. Field docs say which seed rule each key carries.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "known_unit_types"))]
pub struct Policy {
    /// The project year: IDs are `YEAR-NNN`, dates without a year take it.
    #[validate(range(min = 2000, max = 2100))]
    pub year: i32,
    /// The preset this policy derives from.
    pub preset: Preset,
    /// City or college name, shown in titles.
    #[serde(default)]
    pub organisation: String,
    /// Who signs the reply notices (`淮南市委组织部组织一科`); empty: the organisation.
    #[serde(default)]
    pub department: String,
    /// The department's mail address, the sender of reply drafts; empty: left to the mail client.
    #[serde(default)]
    pub department_email: String,
    /// Days a unit is given to resend a returned form, named in the reply (0: no date given).
    #[serde(default)]
    pub resend_days: u32,
    /// The office that sends the letters (`[office]`): its phone, under the letters' signature.
    #[serde(default)]
    pub office: Office,
    /// Proposals filled in after this date get `W_LATE`. A TOML date or a quoted `"2018-04-04"`.
    #[serde(default, deserialize_with = "toml_date")]
    pub submission_deadline: Option<NaiveDate>,
    /// Whether 项目类别 is required (innovation: yes).
    #[serde(default)]
    pub category_required: bool,
    /// Project categories and who may lead them.
    #[serde(default)]
    #[validate(nested)]
    pub categories: Vec<Category>,
    /// Without categories: the owner's post must contain one of these as a post of its own (`书记`,
    /// not `副书记`); empty: anyone. The secretary preset: the 书记项目 is led by the secretary.
    #[serde(default)]
    pub owner_titles: Vec<String>,
    /// Plain words for the message when the post does not fit `owner_titles`.
    #[serde(default)]
    pub owner_rule: String,
    /// Most projects one 责任人 may lead in the year, counted across units, batches and the
    /// ledger (secretary: 1, 每位书记每年确定 1 个项目); 0: not checked.
    #[serde(default)]
    pub per_owner: usize,
    /// How each 一般 rule is graded (`[rules]`): error, warning or off; unset: as taizhang
    /// always graded it.
    #[serde(default)]
    pub rules: Rules,
    /// Extra required proposal fields beyond the common ones (secretary: content, feasibility).
    #[serde(default)]
    pub required: Vec<String>,
    /// Team size (项目组成员), inclusive; `max = 0` means no limit.
    #[validate(nested)]
    pub team: Team,
    /// Project duration rules.
    #[validate(nested)]
    pub duration: Duration,
    /// Text length limits.
    #[validate(nested)]
    pub limits: Limits,
    /// Whether a project needs the clerk's approval (审核状态 已批复) before it is chased, counted
    /// against quotas and scored (SPEC §10). Default: yes.
    #[serde(default = "approval_default")]
    pub approval: bool,
    /// How often units report (`month` or `quarter`): what 未报送 is counted against.
    #[serde(default)]
    pub report_frequency: Frequency,
    /// Whether projects not finished by the year end and due in a later year are scored this
    /// year too; see [`Policy::scores_unfinished`] for the default.
    #[serde(default)]
    pub score_unfinished: Option<bool>,
    /// Lag tolerance in percentage points (滞后 when below expected by more than this).
    #[validate(range(min = 0.0, max = 100.0))]
    pub lag_tolerance: f64,
    /// Unit types and quotas.
    #[serde(default)]
    #[validate(nested)]
    pub unit_types: Vec<UnitType>,
    /// Known units (name, type, aliases, contact).
    #[serde(default)]
    #[validate(nested)]
    pub units: Vec<Unit>,
    /// The reference catalogue (参考目录): topic `n` is `catalogue[n-1]`. Empty: any topic.
    #[serde(default)]
    pub catalogue: Vec<String>,
    /// The year-end rubric.
    #[serde(default)]
    #[validate(nested)]
    pub rubric: Vec<Criterion>,
    /// Ranking settings.
    #[validate(nested)]
    pub ranking: Ranking,
    /// Exemplary-project settings.
    #[validate(nested)]
    pub exemplary: Exemplary,
}

fn approval_default() -> bool {
    true
}

/// How a rule's breach is graded: an error returns the form, a warning is said and the form
/// merged, an `off` rule is not checked (nor mentioned on the forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleGrade {
    /// Keeps the file out of the ledger.
    Error,
    /// Reported; the file is merged.
    Warning,
    /// Not checked.
    Off,
}

/// The grade of each 一般 rule (`[rules]` in taizhang.toml): the seeds say 一般 (as a rule), so
/// the clerk decides how strictly each is held. Unset keys keep taizhang's own grade.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// 项目组成员人数 (`E_MEMBERS`, default error).
    pub team: Option<RuleGrade>,
    /// 项目负责人职务 (`E_OWNER_TITLE`, default error).
    pub owner_title: Option<RuleGrade>,
    /// The usual duration: within the year, or `duration.warn_months` (`W_DEADLINE`, warning).
    pub duration: Option<RuleGrade>,
    /// The longest duration, `duration.max_months` (`E_DURATION`, error).
    pub max_duration: Option<RuleGrade>,
    /// Projects per unit, `unit_types` (`W_QUOTA`, warning).
    pub quota: Option<RuleGrade>,
    /// Projects per 责任人, `per_owner` (`W_PER_OWNER`, warning).
    pub per_owner: Option<RuleGrade>,
    /// The submission deadline (`W_LATE`, warning).
    pub late: Option<RuleGrade>,
}

impl Rules {
    /// The policy's grade of the rule behind `code`, if the code is one of the graded rules and
    /// the policy sets it.
    pub fn of(&self, code: crate::rules::Code) -> Option<RuleGrade> {
        use crate::rules::Code as C;
        match code {
            C::E_MEMBERS => self.team,
            C::E_OWNER_TITLE => self.owner_title,
            C::W_DEADLINE => self.duration,
            C::E_DURATION => self.max_duration,
            C::W_QUOTA => self.quota,
            C::W_PER_OWNER => self.per_owner,
            C::W_LATE => self.late,
            _ => None,
        }
    }
}

/// The office that writes to the units (`[office]` in taizhang.toml).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// The phone units call with questions (`0554-6661234`), under the letters' signature;
    /// empty: none given.
    #[serde(default)]
    pub phone: String,
}

/// A project category (A 创新实践 / B 理论研究).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Short code written in the ledger (`A`).
    #[validate(length(min = 1))]
    pub code: String,
    /// Full name (`创新实践`).
    #[validate(length(min = 1))]
    pub name: String,
    /// Other ways units write the category (`实践创新`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The owner's post must contain one of these (`书记`, `委员`); empty: anyone.
    #[serde(default)]
    pub owner_titles: Vec<String>,
    /// Plain words for the message when the post does not fit.
    #[serde(default)]
    pub owner_rule: String,
}

/// Team size limits.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "team_in_order"))]
pub struct Team {
    /// Fewest members (0: not checked).
    pub min: usize,
    /// Most members (0: not checked).
    pub max: usize,
}

/// Duration limits, from start to deadline.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    /// Deadline after 31 December of the policy year is a warning (innovation).
    #[serde(default)]
    pub within_year: bool,
    /// Longer than this many months is a warning (secretary: 12). 0: not checked.
    #[serde(default)]
    pub warn_months: u32,
    /// Longer than this many months is an error (secretary: 24). 0: not checked.
    #[serde(default)]
    pub max_months: u32,
}

/// Length limits in characters.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Shortest project name.
    pub name_min: usize,
    /// Longest project name.
    pub name_max: usize,
    /// Shortest 工作目标.
    pub goals_min: usize,
    /// Shortest 主要措施.
    pub measures_min: usize,
}

/// A type of unit and its quota of projects per year.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "quota_in_order"))]
pub struct UnitType {
    /// Type name (`县区`, `其他`).
    #[validate(length(min = 1))]
    pub name: String,
    /// Fewest projects a unit of this type must propose.
    pub min_projects: usize,
    /// Most projects a unit of this type may propose.
    pub max_projects: usize,
    /// Fewest category-A projects among them.
    #[serde(default)]
    pub min_category_a: usize,
}

/// A known unit.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Canonical name, as written in the ledger.
    #[validate(length(min = 1))]
    pub name: String,
    /// One of `unit_types[].name`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Other names the unit signs with (淮南市田家庵区委).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Contact person.
    #[serde(default)]
    pub contact: String,
    /// Contact e-mail, for replies.
    #[serde(default)]
    pub email: String,
}

/// One rubric criterion.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Criterion name (`创新性`).
    #[validate(length(min = 1))]
    pub name: String,
    /// Maximum points.
    #[validate(range(exclusive_min = 0.0))]
    pub max: f64,
}

/// Ranking settings (SPEC §8).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    /// Trim the highest and lowest total from this many reviewers on.
    pub trim_min_reviewers: usize,
    /// Fewer reviewers than this: listed, not ranked.
    pub min_reviewers: usize,
    /// Grade bands, highest first.
    #[serde(default)]
    pub grades: Vec<Grade>,
}

/// A grade band: totals at or above `min` get `name`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Lowest total of the band.
    pub min: f64,
    /// Grade name (`优秀`).
    pub name: String,
}

/// Exemplary-project settings (SPEC §8).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "exemplary_in_order"))]
pub struct Exemplary {
    /// Lowest total that qualifies.
    pub min_score: f64,
    /// Most exemplary projects per unit.
    pub max_per_unit: usize,
    /// Fewer than this is a warning.
    pub min: usize,
    /// Most exemplary projects in all.
    pub max: usize,
    /// Only projects whose 验收结果 is 通过 can be exemplary (`taizhang accept`). Default: no.
    #[serde(default)]
    pub require_acceptance: bool,
}

impl Policy {
    /// The built-in preset by name (`innovation` or `secretary`).
    pub fn preset(name: &str) -> Result<Policy, PolicyError> {
        let text = match name {
            "innovation" => INNOVATION_TOML,
            "secretary" => SECRETARY_TOML,
            other => return Err(PolicyError::UnknownPreset(other.to_owned())),
        };
        Policy::from_toml(text, &crate::say::policy::preset_source(name))
    }

    /// Reads and validates a policy file.
    pub fn load(path: &Path) -> Result<Policy, PolicyError> {
        let text = std::fs::read_to_string(path).map_err(|source| PolicyError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Policy::from_toml(&text, &path.display().to_string())
    }

    /// The policy a run uses: the file given (`--policy F`), else `taizhang.toml` in `folder` (the
    /// current folder for the commands, the workspace for `taizhang serve`), else the innovation
    /// preset. One rule for every front end, so the page and the commands check alike.
    ///
    /// # Errors
    /// [`PolicyError`] when the chosen file cannot be read or is invalid.
    pub fn resolve(given: Option<&Path>, folder: &Path) -> Result<Policy, PolicyError> {
        match given {
            Some(path) => Policy::load(path),
            None => {
                let local = folder.join("taizhang.toml");
                if local.is_file() {
                    Policy::load(&local)
                } else {
                    Policy::preset("innovation")
                }
            }
        }
    }

    /// Parses and validates policy text; `origin` names it in messages.
    pub fn from_toml(text: &str, origin: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = toml::from_str(text).map_err(|e| PolicyError::Syntax {
            path: origin.to_owned(),
            message: e.to_string(),
        })?;
        policy.check(origin)?;
        Ok(policy)
    }

    fn check(&self, origin: &str) -> Result<(), PolicyError> {
        let invalid = |key: String, message: String| PolicyError::Invalid {
            path: origin.to_owned(),
            key,
            message,
        };
        match self.validate() {
            Ok(()) => Ok(()),
            Err(errors) => {
                let (key, message) = first_validation_error(&errors);
                Err(invalid(key, message))
            }
        }
    }

    /// The last day of the policy year (innovation deadline rule, `年底`).
    pub fn year_end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX)
    }

    /// The first day of the policy year (default start).
    pub fn year_start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Whether unfinished projects due in a later year are scored this year: as the policy says,
    /// else as its preset does. The city's year-end review takes every project of the year
    /// (innovation: yes); the college scores a two-year 书记项目 in the year its 完成时间 falls
    /// in (secretary: no), naming it in the ranking's 说明 until then.
    pub fn scores_unfinished(&self) -> bool {
        self.score_unfinished
            .unwrap_or(self.preset == Preset::Innovation)
    }

    /// Whether projects come in categories (A/B): the one test every sheet, form and message
    /// asks, so a preset without them never shows 项目类别 or A类项目数.
    pub fn has_categories(&self) -> bool {
        !self.categories.is_empty()
    }

    /// Whether the policy has `feature` (categories, a catalogue).
    pub fn has(&self, feature: crate::model::Feature) -> bool {
        use crate::model::Feature as F;
        match feature {
            F::Categories => self.has_categories(),
            F::Catalogue => !self.catalogue.is_empty(),
        }
    }

    /// Whether a column exists under this policy (a preset defines its columns).
    pub fn keeps(&self, column: crate::model::Column) -> bool {
        column.feature().is_none_or(|f| self.has(f))
    }

    /// Whether an output's column headed `header` is shown: taizhang's columns as
    /// [`Policy::keeps`] says, every other header always.
    pub fn shows(&self, header: &str) -> bool {
        crate::model::Column::for_header(header).is_none_or(|c| self.keeps(c))
    }

    /// How a breach of `code` is graded under this policy: its own severity unless `[rules]`
    /// says otherwise; `None` when the rule is off.
    pub fn severity(&self, code: crate::rules::Code) -> Option<crate::rules::Severity> {
        use crate::rules::Severity as S;
        match self.rules.of(code) {
            None => Some(code.severity()),
            Some(RuleGrade::Error) => Some(S::Error),
            Some(RuleGrade::Warning) => Some(S::Warning),
            Some(RuleGrade::Off) => None,
        }
    }

    /// Whether the rule behind `code` is checked at all (an `off` rule is not mentioned on
    /// the forms either).
    pub fn checks(&self, code: crate::rules::Code) -> bool {
        self.severity(code).is_some()
    }

    /// Grades `problems` as the policy says: severities set, problems of `off` rules dropped.
    pub fn grade(&self, problems: &mut Vec<crate::rules::Problem>) {
        problems.retain_mut(|p| match self.severity(p.code) {
            Some(s) => {
                p.severity = s;
                true
            }
            None => false,
        });
    }

    /// The headers of taizhang's columns this policy leaves out, for outputs built without it.
    pub fn hidden_headers(&self) -> Vec<&'static str> {
        crate::model::Column::ALL
            .iter()
            .filter(|c| !self.keeps(**c))
            .map(|c| c.header())
            .collect()
    }

    /// The columns of a new `sheet` under this policy, in order.
    pub fn columns(&self, sheet: crate::model::Sheet) -> Vec<crate::model::Column> {
        sheet
            .columns()
            .iter()
            .copied()
            .filter(|&c| self.keeps(c))
            .collect()
    }
}

/// Accepts a TOML date (`2018-04-04`) as well as a string, since clerks write either.
fn toml_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Date(toml::value::Datetime),
        Text(String),
    }
    let text = match Option::<Either>::deserialize(d)? {
        None => return Ok(None),
        Some(Either::Date(dt)) => dt.to_string(),
        Some(Either::Text(t)) => t,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| serde::de::Error::custom(crate::say::policy::bad_date(text)))
}

/// A check across keys that names its own key (relative to the struct it is on) and says what is
/// wrong; [`first_validation_error`] reads both back.
fn across(key: impl Into<String>, message: impl Into<String>) -> validator::ValidationError {
    let mut e = validator::ValidationError::new("across").with_message(message.into().into());
    e.add_param("key".into(), &key.into());
    e
}

/// `team.min` ≤ `team.max` (`max = 0`: no limit).
fn team_in_order(t: &Team) -> Result<(), validator::ValidationError> {
    if t.max != 0 && t.min > t.max {
        return Err(across("min", crate::say::policy::TEAM_MIN_ABOVE_MAX));
    }
    Ok(())
}

/// A unit type's `min_projects` ≤ `max_projects`.
fn quota_in_order(t: &UnitType) -> Result<(), validator::ValidationError> {
    if t.min_projects > t.max_projects {
        return Err(across(
            "min_projects",
            crate::say::policy::QUOTA_MIN_ABOVE_MAX,
        ));
    }
    Ok(())
}

/// `exemplary.min` ≤ `exemplary.max`.
fn exemplary_in_order(e: &Exemplary) -> Result<(), validator::ValidationError> {
    if e.min > e.max {
        return Err(across("min", crate::say::policy::EXEMPLARY_MIN_ABOVE_MAX));
    }
    Ok(())
}

/// Every unit's `type` is one of `unit_types`, so its quota is known.
fn known_unit_types(p: &Policy) -> Result<(), validator::ValidationError> {
    for (i, unit) in p.units.iter().enumerate() {
        if !unit.kind.is_empty() && !p.unit_types.iter().any(|t| t.name == unit.kind) {
            return Err(across(
                format!("units[{i}].type"),
                crate::say::policy::unknown_unit_type(&unit.kind),
            ));
        }
    }
    Ok(())
}

/// Flattens validator's nested errors into the first `key: message`: a range or length check
/// names its field, a check across keys ([`across`]) names the key it gave.
fn first_validation_error(errors: &validator::ValidationErrors) -> (String, String) {
    use validator::ValidationErrorsKind as K;
    for (field, kind) in errors.errors() {
        match kind {
            K::Field(list) => {
                let Some(e) = list.first() else { continue };
                let key = e.params.get("key").and_then(|k| k.as_str());
                return match (key, &e.message) {
                    (Some(key), Some(message)) => (key.to_owned(), message.to_string()),
                    _ => (field.to_string(), crate::say::policy::out_of_range(&e.code)),
                };
            }
            K::Struct(inner) => {
                let (k, m) = first_validation_error(inner);
                return (format!("{field}.{k}"), m);
            }
            K::List(items) => {
                if let Some((i, inner)) = items.iter().next() {
                    let (k, m) = first_validation_error(inner);
                    return (format!("{field}[{i}].{k}"), m);
                }
            }
        }
    }
    (String::new(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_parse() {
        let p = Policy::preset("innovation").unwrap();
        assert_eq!(p.catalogue.len(), 32);
        assert_eq!(p.team.min, 3);
        let s = Policy::preset("secretary").unwrap();
        assert_eq!(s.duration.max_months, 24);
    }

    #[test]
    fn bad_policy_names_key_and_line() {
        let text = INNOVATION_TOML.replace("lag_tolerance = 20.0", "lag_tolerance = \"很多\"");
        let err = Policy::from_toml(&text, "t.toml").unwrap_err().to_string();
        assert!(err.contains("lag_tolerance"), "{err}");
        assert!(err.contains("line"), "{err}");
        let text = INNOVATION_TOML.replace("lag_tolerance = 20.0", "lag_tolerance = 200.0");
        let err = Policy::from_toml(&text, "t.toml").unwrap_err().to_string();
        assert!(err.contains("lag_tolerance"), "{err}");
    }

    #[test]
    fn checks_across_keys_name_the_key() {
        let bad = |policy: Policy| policy.check("t.toml").unwrap_err().to_string();
        let mut p = Policy::preset("innovation").unwrap();
        p.team.min = 9;
        assert_eq!(
            bad(p),
            "政策文件 t.toml 中“team.min”不正确：不能大于 team.max"
        );
        let mut p = Policy::preset("innovation").unwrap();
        p.exemplary.min = p.exemplary.max + 1;
        assert_eq!(
            bad(p),
            "政策文件 t.toml 中“exemplary.min”不正确：不能大于 exemplary.max"
        );
        let mut p = Policy::preset("innovation").unwrap();
        p.unit_types[1].min_projects = p.unit_types[1].max_projects + 1;
        assert_eq!(
            bad(p),
            "政策文件 t.toml 中“unit_types[1].min_projects”不正确：不能大于 max_projects"
        );
        let mut p = Policy::preset("innovation").unwrap();
        p.units = vec![Unit {
            name: "某单位".into(),
            kind: "乡镇".into(),
            aliases: Vec::new(),
            contact: String::new(),
            email: String::new(),
        }];
        assert_eq!(
            bad(p),
            "政策文件 t.toml 中“units[0].type”不正确：“乡镇”不在 unit_types 中"
        );
    }
}
