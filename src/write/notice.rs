//! Notices to units from the ledger (`taizhang notices`, SPEC §10): the 立项批复 letter per unit
//! — each approved project with the 项目编号 the unit quotes on every report, and any 不予立项 /
//! 退回修改 with the clerk's 审核意见 — and the 立项名单 workbook the committee publishes.
//!
//! Letters are [`Reply`] values, so they are addressed, signed and saved (`.eml` and `.txt`)
//! exactly as the replies of `check --replies` are.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::XlsxError;

use super::reply::{self, Reply, ReplyKind};
use crate::ledger::status::{MonthlyStatus, Status};
use crate::ledger::Ledger;
use crate::model::{Column, Value};
use crate::policy::Policy;
use crate::rules::units::UnitIndex;
use crate::say::ledger::{APPROVAL_APPROVED, APPROVAL_REJECTED, APPROVAL_RETURNED};
use crate::say::letters;
use crate::say::notices as say;
use crate::xlsx::table::text_columns;
use crate::xlsx::{self, Kind, Row};

/// One decided project of the policy year, as the notices need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// 项目编号.
    pub id: String,
    /// The unit, canonical when the policy knows it.
    pub unit: String,
    /// 项目名称.
    pub name: String,
    /// 项目类别 (`A`, `B`, or empty).
    pub category: String,
    /// 责任人.
    pub owner: String,
    /// 完成时间, as the letter writes it (`2018年12月31日`).
    pub deadline: String,
    /// 完成时间 as in the ledger (a date when it is one).
    pub deadline_value: Value,
    /// 审核状态: 已批复, 不予立项 or 退回修改 (with `approval` off, every project is 已批复).
    pub state: String,
    /// 审核意见.
    pub note: String,
}

/// The policy year's projects that were decided, in ledger order. Carried projects of earlier
/// years were notified in their year; projects still 待审核 wait.
pub fn decided(ledger: &Ledger, policy: &Policy) -> Vec<Decided> {
    let units = UnitIndex::new(policy);
    let t = &ledger.projects;
    let mut out = Vec::new();
    for r in ledger.project_rows() {
        let get = |c: Column| t.get(r, c).display().trim().to_owned();
        if !ledger.is_of_year(r, policy.year) {
            continue;
        }
        let state = if policy.approval {
            get(Column::Approval)
        } else {
            APPROVAL_APPROVED.to_owned()
        };
        if ![APPROVAL_APPROVED, APPROVAL_REJECTED, APPROVAL_RETURNED].contains(&state.as_str()) {
            continue;
        }
        let raw = get(Column::Unit);
        let deadline_value = t.get(r, Column::Deadline).clone();
        let deadline = reply::day_words(&deadline_value);
        out.push(Decided {
            id: get(Column::ProjectId),
            unit: units.find(&raw).map_or(raw.clone(), |u| u.name.clone()),
            name: get(Column::Name),
            category: get(Column::Category),
            owner: get(Column::Owner),
            deadline,
            deadline_value,
            state,
            note: get(Column::ApprovalNote),
        });
    }
    out
}

/// One 立项批复 per unit with a decided project, in the order the units first appear. `charters`
/// says that a 项目责任书 comes with each approved project.
pub fn approval_letters(
    projects: &[Decided],
    policy: &Policy,
    today: NaiveDate,
    charters: bool,
) -> Vec<Reply> {
    let units = UnitIndex::new(policy);
    let kind = crate::say::project_kind(policy.preset);
    let mut order: Vec<&str> = Vec::new();
    for p in projects {
        if !order.contains(&p.unit.as_str()) {
            order.push(&p.unit);
        }
    }
    let mut out = Vec::new();
    for unit in order {
        let mine: Vec<&Decided> = projects.iter().filter(|p| p.unit == unit).collect();
        let of = |state: &str| -> Vec<&Decided> {
            mine.iter().copied().filter(|p| p.state == state).collect()
        };
        let mut lines = vec![
            letters::dear(unit),
            String::new(),
            say::approval_opening(policy.year, kind),
        ];
        let mut section = 0;
        let approved = of(APPROVAL_APPROVED);
        if !approved.is_empty() {
            lines.push(String::new());
            lines.push(say::section(section, say::APPROVED, approved.len()));
            section += 1;
            for (n, p) in approved.iter().enumerate() {
                let details = say::details(&p.category, &p.owner, &p.deadline);
                lines.push(say::approved_project(n + 1, &p.id, &p.name, &details));
            }
            lines.push(say::APPROVED_THEN.to_owned());
            if charters {
                lines.push(say::APPROVED_CHARTER.to_owned());
            }
        }
        for (state, words) in [
            (APPROVAL_REJECTED, say::REJECTED),
            (APPROVAL_RETURNED, say::RETURNED),
        ] {
            let these = of(state);
            if these.is_empty() {
                continue;
            }
            lines.push(String::new());
            lines.push(say::section(section, words, these.len()));
            section += 1;
            for (n, p) in these.iter().enumerate() {
                lines.push(say::decided_project(n + 1, &p.id, &p.name, &p.note));
            }
            if state == APPROVAL_RETURNED {
                lines.push(say::resend(reply::reply_by(policy, today).as_deref()));
            }
        }
        let subject = letters::subject(say::APPROVAL, &say::approval_topic(policy.year, kind));
        out.push(signed(
            unit,
            ReplyKind::Approval,
            subject,
            lines,
            &units,
            policy,
            today,
        ));
    }
    out
}

/// One 督办通知 per unit with a project on the month's 督办清单 (lagging, overdue, not
/// reported), in the 督办清单's order: each project with its reasons and what is due by when.
/// Units with nothing to chase get none. `today` dates the letter; the reply-by date is
/// `policy.resend_days` after it (none when 0).
pub fn reminder_letters(status: &MonthlyStatus, policy: &Policy, today: NaiveDate) -> Vec<Reply> {
    let units = UnitIndex::new(policy);
    let kind = crate::say::project_kind(policy.preset);
    let by = reply::reply_by(policy, today);
    let mut order: Vec<&str> = Vec::new();
    for p in status.chased() {
        if !order.contains(&p.unit.as_str()) {
            order.push(&p.unit);
        }
    }
    let mut out = Vec::new();
    for unit in order {
        let mut lines = vec![
            letters::dear(unit),
            String::new(),
            say::reminder_opening(&letters::date(status.as_of), kind),
        ];
        for (n, p) in status.chased().filter(|p| p.unit == unit).enumerate() {
            lines.push(String::new());
            lines.push(say::chased_project(n + 1, &p.id, &p.name, &p.owner));
            for reason in &p.reasons {
                lines.push(say::reason(reason));
            }
            if p.status == Status::Overdue {
                lines.push(say::finish_overdue(&letters::date(p.deadline)));
            } else if p.status == Status::Lagging {
                lines.push(say::SPEED_UP.to_owned());
            }
            if p.missing {
                lines.push(say::send_report(&status.due.words, by.as_deref()));
            }
        }
        lines.push(String::new());
        lines.push(say::reminder_closing(by.as_deref()));
        let topic = say::reminder_topic(&status.month_title(), kind);
        let subject = letters::subject(say::REMINDER, &topic);
        out.push(signed(
            unit,
            ReplyKind::Reminder,
            subject,
            lines,
            &units,
            policy,
            today,
        ));
    }
    out
}

/// A notice to `unit`: its lines signed, addressed to the unit's address in the policy.
fn signed(
    unit: &str,
    kind: ReplyKind,
    subject: String,
    mut lines: Vec<String>,
    units: &UnitIndex<'_>,
    policy: &Policy,
    today: NaiveDate,
) -> Reply {
    reply::sign(&mut lines, policy, today);
    let to = units
        .find(unit)
        .map(|u| u.email.trim().to_owned())
        .filter(|e| !e.is_empty());
    Reply {
        unit: unit.to_owned(),
        kind,
        to,
        subject,
        body: lines.join("\n") + "\n",
    }
}

/// The 立项名单 workbook: the approved projects (序号, 单位, 项目编号, 项目名称, 类别, 负责人,
/// 完成时间), by unit in ledger order, A4 portrait, for the committee to publish. 类别 only
/// when the policy has categories.
///
/// # Errors
/// Any [`XlsxError`] from rust_xlsxwriter.
pub fn list_workbook(projects: &[Decided], policy: &Policy) -> Result<Vec<u8>, XlsxError> {
    let categories = policy.has_categories();
    let title = say::list_title(policy.year, crate::say::project_kind(policy.preset));
    let mut columns = text_columns(&say::list_headers(categories));
    columns[0].kind = Kind::Count;
    if let Some(last) = columns.last_mut() {
        last.kind = Kind::Date;
    }
    let mut approved: Vec<&Decided> = projects
        .iter()
        .filter(|p| p.state == APPROVAL_APPROVED)
        .collect();
    // By unit, in the order the units first appear; within a unit, by ID.
    let first: Vec<&str> = approved.iter().map(|p| p.unit.as_str()).collect();
    let rank = |u: &str| first.iter().position(|x| *x == u).unwrap_or(usize::MAX);
    approved.sort_by(|a, b| (rank(&a.unit), &a.id).cmp(&(rank(&b.unit), &b.id)));
    let rows: Vec<Row> = approved
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut cells = vec![
                Value::Number((i + 1) as f64),
                Value::text(p.unit.clone()),
                Value::text(p.id.clone()),
                Value::text(p.name.clone()),
            ];
            if categories {
                cells.push(Value::text(p.category.clone()));
            }
            cells.push(Value::text(p.owner.clone()));
            cells.push(p.deadline_value.clone());
            Row::new(cells)
        })
        .collect();
    xlsx::list_workbook(&title, say::LIST_SHEET, columns, &rows)
}

/// Saves the letters into `dir` (created if missing) as `.eml` and `.txt` pairs, with an index
/// ([`say::INDEX_FILE`]); returns the paths written.
///
/// # Errors
/// [`crate::fsio::WriteError`] naming the folder or file that could not be written.
pub fn write_letters(
    dir: &Path,
    letters: &[Reply],
    policy: &Policy,
    timestamp: i64,
) -> Result<Vec<PathBuf>, crate::fsio::WriteError> {
    let fail = |e| crate::fsio::WriteError::new(dir, crate::fsio::Step::Create, e);
    let mut files = reply::files(letters, policy, timestamp).map_err(fail)?;
    let mut index = say::index_head(letters.len(), &reply::mail_date(timestamp));
    for (name, _) in &files {
        if let Some(stem) = name.strip_suffix(".eml") {
            let letter = letters.iter().find(|l| stem.starts_with(&l.file_stem()));
            let to = letter.and_then(|l| l.to.as_deref());
            let kind = letter.map_or(say::APPROVAL, |l| l.kind.label());
            index.push_str(&crate::say::letters::index_letter(stem, kind, to));
            index.push('\n');
        }
    }
    files.push((say::INDEX_FILE.to_owned(), reply::notepad_text(&index)));
    reply::save_into(dir, files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{innovation, innovation_with};

    fn ledger() -> Ledger {
        let mut l = Ledger::new();
        let rows = [
            ("2018-001", "田家庵区委", "社区网格工程", "已批复", ""),
            (
                "2018-002",
                "大通区委",
                "两新组织工程",
                "退回修改",
                "请补充经费预算",
            ),
            ("2018-003", "田家庵区委", "党员教育工程", "已批复", ""),
            ("2018-004", "潘集区委", "农村党建工程", "待审核", ""),
            (
                "2018-005",
                "田家庵区委",
                "理论研究课题",
                "不予立项",
                "与2018-001重复",
            ),
        ];
        for (id, unit, name, state, note) in rows {
            let r = l.projects.push_row();
            let t = &mut l.projects;
            t.set(r, Column::ProjectId, Value::text(id));
            t.set(r, Column::Year, Value::Number(2018.0));
            t.set(r, Column::Unit, Value::text(unit));
            t.set(r, Column::Name, Value::text(name));
            t.set(r, Column::Category, Value::text("A"));
            t.set(r, Column::Owner, Value::text("张伟"));
            t.set(
                r,
                Column::Deadline,
                Value::Date(NaiveDate::from_ymd_opt(2018, 12, 31).unwrap()),
            );
            t.set(r, Column::Approval, Value::text(state));
            t.set(r, Column::ApprovalNote, Value::text(note));
        }
        l
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, 4, 20).unwrap()
    }

    #[test]
    fn one_letter_per_unit_with_ids_notes_and_no_pending_projects() {
        let mut policy = innovation_with(
            "[[units]]\nname = \"田家庵区委\"\ntype = \"县区\"\nemail = \"tjaq@example.cn\"\n",
        );
        policy.resend_days = 5;
        let projects = decided(&ledger(), &policy);
        assert_eq!(projects.len(), 4, "2018-004 waits");
        let letters = approval_letters(&projects, &policy, today(), false);
        let units: Vec<&str> = letters.iter().map(|l| l.unit.as_str()).collect();
        assert_eq!(units, ["田家庵区委", "大通区委"]);
        let t = &letters[0];
        assert_eq!(t.to.as_deref(), Some("tjaq@example.cn"));
        assert!(t.subject.contains("立项批复"), "{}", t.subject);
        assert_eq!(t.file_stem(), "田家庵区委-立项批复");
        assert!(t.body.contains("一、同意立项（2个）"), "{}", t.body);
        assert!(
            t.body.contains(
                "项目编号 2018-001　“社区网格工程”（A类，负责人 张伟，完成时间 2018年12月31日）"
            ),
            "{}",
            t.body
        );
        assert!(t.body.contains("项目编号 2018-003"), "{}", t.body);
        assert!(t.body.contains("二、不予立项（1个）"), "{}", t.body);
        assert!(t.body.contains("意见：与2018-001重复"), "{}", t.body);
        assert!(!t.body.contains("退回修改（"), "{}", t.body);
        let d = &letters[1];
        assert!(d.body.contains("一、退回修改（1个）"), "{}", d.body);
        assert!(d.body.contains("意见：请补充经费预算"), "{}", d.body);
        assert!(d.body.contains("2018年4月25日前重新报送"), "{}", d.body);
        assert!(!d.body.contains("同意立项"), "{}", d.body);
    }

    #[test]
    fn the_list_holds_the_approved_projects_by_unit() {
        let policy = innovation();
        let bytes = list_workbook(&decided(&ledger(), &policy), &policy).unwrap();
        let book = crate::read::read_bytes(&bytes, "xlsx", &Default::default()).unwrap();
        let s = &book.sheets[0];
        assert_eq!(s.name, "立项名单");
        let row = |r: u32| -> Vec<String> { s.row(r).iter().map(|c| c.value.display()).collect() };
        assert_eq!(
            row(1),
            [
                "序号",
                "单位",
                "项目编号",
                "项目名称",
                "类别",
                "负责人",
                "完成时间"
            ]
        );
        assert_eq!(row(2)[..4], ["1", "田家庵区委", "2018-001", "社区网格工程"]);
        assert_eq!(row(3)[2], "2018-003");
        assert!(s.row(4).is_empty(), "only the approved: {:?}", row(4));
        assert_eq!(row(2)[6], "2018-12-31");
    }
}
