//! The JSON API under the page, and the downloads. Each handler parses its request, runs the
//! library on tokio's blocking pool and turns the result into JSON: no rule lives here.
//!
//! | route | what |
//! |---|---|
//! | `GET /api/meta` | workspace, current month, the words the page shows (kinds, statuses), version and build date |
//! | `GET /api/check?month=YYYY-MM` | the month's inbox checked: exactly the SPEC §5 JSON |
//! | `POST /api/check?month=YYYY-MM` | multipart files streamed to disk, saved into the inbox, then as above |
//! | `DELETE /api/inbox?month=YYYY-MM&name=` | one file uploaded by mistake removed from the inbox, then as above |
//! | `POST /api/merge?month=YYYY-MM&dry_run=true` | the merge preview, or (`false`) the merge |
//! | `GET /api/undo` | whether the last merge can be undone: the backup's time, the confirm question |
//! | `POST /api/undo` | undoes the last merge: the ledger back to its `.bak` (409 while locked or open) |
//! | `GET /api/approvals` | the proposals waiting for a decision (审核状态 待审核 or empty), when the policy has `approval` |
//! | `POST /api/approve` | JSON `{ids, state, note?}`: `ledger::approve` on them (409 while locked or open, 422 refused) |
//! | `GET /api/status?as_of=YYYY-MM-DD` | the month's progress: counts, units, 督办清单 |
//! | `GET /files/report?month=` | 校验报告.xlsx |
//! | `GET /files/status?as_of=` | 月度汇总.xlsx |
//! | `GET /files/ledger` | 台账.xlsx as it is |
//! | `GET /api/replies?month=&ack=` | the reply letters, one per unit: unit, kind, to, subject, body |
//! | `GET /files/scoresheet` | 评分表.xlsx to send to the reviewers (year end) |
//! | `GET /files/ranking`, `GET /files/exemplary` | 年度综合排名.xlsx, 示范项目.xlsx from the score sheets received |
//! | `GET /files/replies?month=` | a zip of the reply drafts (`.eml` and `.txt`, one pair per unit) |
//! | `GET /files/reminders?as_of=` | a zip of the 督办通知 drafts, one pair per unit on the 督办清单 |

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use chrono::NaiveDate;
use serde_json::{json, Value};

use super::files::{
    exemplary_file, ledger_file, percent_encode, ranking_file, reminders_file, replies_file,
    replies_json, report_file, scoresheet_file, status_file,
};
use super::workspace::{accepted_name, Month, RemoveError, Workspace};
use super::AppState;
use crate::batch::{self, Batch};
use crate::form::FormKind;
use crate::ledger::approve::{approve, Decision};
use crate::ledger::merge::Action;
use crate::ledger::run::{describe, merge_inputs, summary_line, MergeJob, MergeRun};
use crate::ledger::schedule::Status;
use crate::ledger::status::{self, MonthlyStatus};
use crate::ledger::store::{existing_backup, Saved};
use crate::ledger::undo as ledger_undo;
use crate::ledger::{Ledger, LedgerError};
use crate::model::Column;
use crate::read::Limits;
use crate::rules::missing::MissingUnits;

/// Most files in one upload.
pub const MAX_FILES: usize = 500;
/// Most bytes in one upload request, all files together.
pub const MAX_REQUEST_BYTES: usize = 512 * 1024 * 1024;
/// The header listing uploaded names that were not saved (percent-encoded JSON array), so that
/// the body stays exactly the SPEC §5 JSON.
pub const REFUSED_HEADER: &str = "x-taizhang-refused";

pub(super) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub(super) const ZIP: &str = "application/zip";

/// The API's routes (token-guarded by the caller).
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/meta", get(meta))
        .route("/api/check", get(check).post(upload))
        .route("/api/inbox", delete(remove))
        .route("/api/merge", post(merge))
        .route("/api/undo", get(undo_info).post(undo_last))
        .route("/api/approvals", get(approvals))
        .route("/api/approve", post(approve_chosen))
        .route("/api/status", get(status_json))
        .route("/files/report", get(report_file))
        .route("/files/status", get(status_file))
        .route("/files/ledger", get(ledger_file))
        .route("/api/replies", get(replies_json))
        .route("/files/scoresheet", get(scoresheet_file))
        .route("/files/ranking", get(ranking_file))
        .route("/files/exemplary", get(exemplary_file))
        .route("/files/replies", get(replies_file))
        .route("/files/reminders", get(reminders_file))
}

/// The upload bound for the whole request (axum refuses larger bodies before reading them).
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_REQUEST_BYTES)
}

/// An API failure: an HTTP status and a Chinese message, sent as `{"error": "…"}`.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What the clerk reads.
    pub message: String,
}

impl ApiError {
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub(super) fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub(super) fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<LedgerError> for ApiError {
    fn from(e: LedgerError) -> ApiError {
        let status = match e {
            LedgerError::Locked(_) | LedgerError::InUse(_) => StatusCode::CONFLICT,
            LedgerError::Write { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError::new(status, e.to_string())
    }
}

pub(super) type Params = Query<HashMap<String, String>>;

/// Runs library work on the blocking pool, away from the threads that answer requests.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(crate::say::page::interrupted(e)))?
}

pub(super) fn month_param(params: &HashMap<String, String>) -> Result<Month, ApiError> {
    match params
        .get("month")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        Some(m) => Month::parse(m).map_err(|e| ApiError::bad(e.to_string())),
        None => Ok(Month::current()),
    }
}

pub(super) fn as_of_param(params: &HashMap<String, String>) -> Result<NaiveDate, ApiError> {
    match params
        .get("as_of")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        Some(d) => status::parse_as_of(d).map_err(|e| ApiError::bad(e.to_string())),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// The month's inbox, checked exactly as `taizhang check inbox/YYYY-MM` checks it.
/// The month's inbox checked, with the units that sent nothing valid.
pub(super) struct Checked {
    pub(super) batch: Batch,
    pub(super) missing: Vec<MissingUnits>,
}

pub(super) fn checked(workspace: &Workspace, month: &Month) -> Result<Checked, ApiError> {
    let policy = workspace
        .policy()
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let inputs = workspace
        .inputs(month)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let batch = batch::check_inputs(&inputs, &policy, &Limits::default(), &|| {});
    let missing = batch.missing_units(&policy);
    Ok(Checked { batch, missing })
}

fn batch_json(checked: &Checked) -> Result<Response, ApiError> {
    let json = batch::CheckJson {
        batch: &checked.batch,
        missing_units: &checked.missing,
    };
    let body = serde_json::to_vec(&json).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn meta(State(state): State<Arc<AppState>>) -> Response {
    let kinds: serde_json::Map<String, Value> = [
        FormKind::Proposal,
        FormKind::Progress,
        FormKind::Closing,
        FormKind::Scores,
        FormKind::Unknown,
        FormKind::Skipped,
    ]
    .iter()
    .filter_map(|k| {
        let key = serde_json::to_value(k).ok()?.as_str()?.to_owned();
        Some((key, json!(k.label())))
    })
    .collect();
    let policy = state.workspace.policy();
    axum::Json(json!({
        "workspace": state.workspace.root().display().to_string(),
        "version": crate::VERSION,
        "build_date": crate::BUILD_DATE,
        "month": Month::current().as_str(),
        "today": chrono::Local::now().date_naive().to_string(),
        "ledger_exists": state.workspace.ledger().is_file(),
        "policy": match &policy {
            Ok(p) => json!({ "ok": true, "year": p.year }),
            Err(e) => json!({ "ok": false, "error": e.to_string() }),
        },
        "kinds": kinds,
        "statuses": Status::ALL.iter().map(|s| s.label()).collect::<Vec<_>>(),
        "limits": { "max_files": MAX_FILES, "max_file_mb": Limits::default().max_file_bytes / (1024 * 1024) },
    }))
    .into_response()
}

async fn check(State(state): State<Arc<AppState>>, params: Params) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    let batch = blocking(move || checked(&state.workspace, &month)).await?;
    batch_json(&batch)
}

/// One uploaded file, streamed to a staging file on disk until every file of the request has
/// passed the limits (never held whole in memory).
struct Upload {
    name: String,
    staged: tempfile::NamedTempFile,
}

/// Writes a received chunk to the staging file, off the threads that answer requests.
fn write_chunk(file: &mut tempfile::NamedTempFile, chunk: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    tokio::task::block_in_place(|| file.write_all(chunk))
}

async fn upload(
    State(state): State<Arc<AppState>>,
    params: Params,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    let max_file = Limits::default().max_file_bytes;
    let mut uploads: Vec<Upload> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    let mut count = 0usize;
    // After a limit is passed the rest of the body is still read (and dropped), so that the
    // browser receives the message instead of a reset connection. The staging files of a refused
    // or broken-off request are removed when dropped.
    let mut refusal: Option<ApiError> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        let Some(name) = field.file_name().map(str::to_owned) else {
            continue;
        };
        count += 1;
        if count > MAX_FILES && refusal.is_none() {
            refusal = Some(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                crate::say::page::too_many_files(MAX_FILES),
            ));
            uploads.clear();
        }
        let accepted = accepted_name(&name);
        if !accepted {
            refused.push(name.clone());
        }
        let mut staged = if refusal.is_none() && accepted {
            let file = tokio::task::block_in_place(|| state.workspace.staging_file())
                .map_err(|e| ApiError::internal(crate::say::page::cannot_save(&name, e)))?;
            Some(file)
        } else {
            None
        };
        let mut size = 0u64;
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            let Some(file) = staged.as_mut() else {
                continue;
            };
            size += chunk.len() as u64;
            if size > max_file {
                staged = None;
                uploads.clear();
                refusal = Some(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    crate::say::page::file_too_large(&name, max_file / (1024 * 1024)),
                ));
                continue;
            }
            write_chunk(file, &chunk)
                .map_err(|e| ApiError::internal(crate::say::page::cannot_save(&name, e)))?;
        }
        if let (Some(staged), None) = (staged, &refusal) {
            uploads.push(Upload { name, staged });
        }
    }
    if let Some(refusal) = refusal {
        return Err(refusal);
    }
    let batch = blocking(move || {
        for u in uploads {
            state
                .workspace
                .save_staged(&month, &u.name, u.staged)
                .map_err(|e| ApiError::internal(crate::say::page::cannot_save(&u.name, e)))?;
        }
        checked(&state.workspace, &month)
    })
    .await?;
    let mut response = batch_json(&batch)?;
    let listed = serde_json::to_string(&refused).unwrap_or_default();
    if let Ok(value) = HeaderValue::from_str(&percent_encode(&listed)) {
        response.headers_mut().insert(REFUSED_HEADER, value);
    }
    Ok(response)
}

/// Removes a file uploaded by mistake from the month's inbox (`name`: its plain file name, as
/// the check lists it after `inbox/YYYY-MM/`), then answers with the month checked again.
async fn remove(State(state): State<Arc<AppState>>, params: Params) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    let name = params.get("name").cloned().unwrap_or_default();
    let batch = blocking(move || {
        let removed = state
            .workspace
            .remove_upload(&month, &name)
            .map_err(|e| match e {
                RemoveError::BadName(_) => ApiError::bad(e.to_string()),
                RemoveError::Io(_) => ApiError::new(StatusCode::CONFLICT, e.to_string()),
            })?;
        if !removed {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                crate::say::page::not_in_inbox(&name, month.as_str()),
            ));
        }
        checked(&state.workspace, &month)
    })
    .await?;
    batch_json(&batch)
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            crate::say::page::upload_too_large(MAX_REQUEST_BYTES / (1024 * 1024)),
        )
    } else {
        ApiError::bad(crate::say::page::upload_incomplete(e))
    }
}

async fn merge(State(state): State<Arc<AppState>>, params: Params) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    let dry_run = match params.get("dry_run").map(String::as_str) {
        None | Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        Some(other) => return Err(ApiError::bad(crate::say::page::bad_dry_run(other))),
    };
    let body = blocking(move || {
        let ws = &state.workspace;
        let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
        let inputs = ws
            .inputs(&month)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        let ledger = ws.ledger();
        // The page keeps the 佐证材料 beside the ledger, a folder per project.
        let materials = ws.root().join(crate::say::page::MATERIALS_FOLDER);
        let job = MergeJob {
            materials: Some(&materials),
            ledger: &ledger,
            inputs: &inputs,
            policy: &policy,
            limits: &Limits::default(),
            dry_run,
            now: chrono::Local::now().naive_local(),
        };
        let run = merge_inputs(&job, &|_| {})?;
        let units = run.batch.senders(&policy);
        Ok(merge_json(&run, &units, dry_run, ws))
    })
    .await?;
    Ok(axum::Json(body).into_response())
}

fn merge_json(run: &MergeRun, units: &[String], dry_run: bool, ws: &Workspace) -> Value {
    let counts: Vec<Value> = [
        ("added", Action::Added),
        ("updated", Action::Updated),
        ("unchanged", Action::Unchanged),
        ("report_added", Action::ReportAdded),
        ("report_replaced", Action::ReportReplaced),
        ("closed", Action::Closed),
        ("rejected", Action::Rejected),
        ("superseded", Action::Superseded),
        ("already_merged", Action::AlreadyMerged),
        ("skipped", Action::Skipped),
        ("materials", Action::Material),
        ("materials_known", Action::MaterialKnown),
    ]
    .iter()
    .map(|(key, a)| json!({ "key": key, "label": a.label(), "count": run.outcome.count(*a) }))
    .collect();
    let files: Vec<Value> = run
        .outcome
        .files
        .iter()
        .filter_map(|(i, action, id)| {
            let r = run.batch.files.get(*i)?;
            Some(json!({
                "path": r.path,
                "kind": r.kind,
                "unit": units.get(*i),
                "action": action.label(),
                "id": id,
                "ok": r.ok,
                "problems": r.problems,
            }))
        })
        .collect();
    json!({
        "dry_run": dry_run,
        "counts": counts,
        "changes": run.outcome.changes,
        "summary": summary_line(&run.outcome),
        "text": describe(&run.batch, &run.outcome),
        "files": files,
        "warnings": run.warnings,
        "ledger": ws.ledger().display().to_string(),
        "backup": run.backup.as_ref().map(|b| b.display().to_string()),
    })
}

/// Whether the workspace's last merge can be undone, with what the page shows: the backup's time,
/// the note beside the button and the question confirm() asks.
fn undo_json(ws: &Workspace) -> Value {
    let ledger = ws.ledger();
    match ledger_undo::last_backup(&ledger) {
        Some(b) => json!({
            "available": true,
            "backup": b.path.display().to_string(),
            "time": crate::say::undo::backup_time(b.time),
            "generations": b.generations,
            "note": crate::say::undo::available(b.time, b.generations),
            "confirm": crate::say::undo::confirm(b.time, &ledger_undo::undone_path(&ledger)),
        }),
        None => json!({ "available": false }),
    }
}

async fn undo_info(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let body = blocking(move || Ok(undo_json(&state.workspace))).await?;
    Ok(axum::Json(body).into_response())
}

/// Undoes the last merge as `taizhang undo` does, under the ledger's lock. With `expect=` (the
/// backup time the page's question named) a backup changed since, by a merge or an undo
/// elsewhere, is refused (409): the clerk confirmed a different version.
async fn undo_last(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let expect = params.get("expect").cloned();
    let body = blocking(move || {
        let ws = &state.workspace;
        if let Some(expect) = expect {
            let now = ledger_undo::last_backup(&ws.ledger())
                .map(|b| crate::say::undo::backup_time(b.time));
            if now.as_deref() != Some(expect.as_str()) {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    crate::say::undo::backup_changed(&expect),
                ));
            }
        }
        let done = ledger_undo::undo(&ws.ledger())?;
        Ok(json!({
            "message": done.message(),
            "warning": done.warning,
            "ledger": done.ledger.display().to_string(),
            "undone": done.undone.as_ref().map(|u| u.display().to_string()),
            "remaining": done.remaining,
            "next": undo_json(ws),
        }))
    })
    .await?;
    Ok(axum::Json(body).into_response())
}

/// Reads the workspace's ledger, or says it is not there yet.
pub(super) fn read_ledger(ws: &Workspace) -> Result<Ledger, ApiError> {
    let path = ws.ledger();
    if !path.is_file() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            crate::say::page::NO_LEDGER,
        ));
    }
    Ok(Ledger::read(&path)?)
}

pub(super) fn monthly(ws: &Workspace, as_of: NaiveDate) -> Result<MonthlyStatus, ApiError> {
    let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
    let ledger = read_ledger(ws)?;
    Ok(status::monthly(&ledger, &policy, as_of))
}

async fn status_json(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let as_of = as_of_param(&params)?;
    let s = blocking(move || monthly(&state.workspace, as_of)).await?;
    let totals: Vec<Value> = Status::ALL
        .iter()
        .map(|st| json!({ "label": st.label(), "count": s.count(*st) }))
        .collect();
    let units: Vec<Value> = s
        .units
        .iter()
        .map(|u| {
            json!({
                "unit": u.unit, "kind": u.kind, "projects": u.projects, "by_status": u.by_status,
                "missing": u.missing, "quota": u.quota, "compliance": u.compliance.map(|v| v.month_label()).unwrap_or_default(),
            })
        })
        .collect();
    let chase: Vec<Value> = s
        .chased()
        .map(|p| {
            json!({
                "unit": p.unit, "id": p.id, "name": p.name, "owner": p.owner,
                "owner_title": p.owner_title, "phone": p.phone, "contact": p.contact,
                "status": p.status.label(), "expected": p.expected, "percent": p.percent,
                "period": p.period, "reasons": p.reasons,
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "as_of": s.as_of.to_string(),
        "month": s.month,
        "month_title": s.month_title(),
        "projects": s.projects.len(),
        "missing": s.missing(),
        "totals": totals,
        "statuses": Status::ALL.iter().map(|st| st.label()).collect::<Vec<_>>(),
        "colours": Status::ALL
            .iter()
            .map(|st| format!("#{:06X}", crate::write::status::series_colour(*st)))
            .collect::<Vec<_>>(),
        "units": units,
        "chase": chase,
    }))
    .into_response())
}

/// The columns the waiting list shows, with the JSON key of each.
const WAITING_COLUMNS: [(&str, Column); 5] = [
    ("id", Column::ProjectId),
    ("unit", Column::Unit),
    ("name", Column::Name),
    ("category", Column::Category),
    ("owner", Column::Owner),
];

/// The decisions the page offers: the state, its button and the question confirm() asks
/// (`{n}`: how many projects are ticked).
fn decisions_json() -> Vec<Value> {
    use crate::say::ledger::{APPROVAL_APPROVED, APPROVAL_REJECTED, APPROVAL_RETURNED};
    use crate::say::page::{approve_confirm, APPROVE_BUTTON, REJECT_BUTTON, RETURN_BUTTON};
    [
        (APPROVAL_APPROVED, APPROVE_BUTTON),
        (APPROVAL_RETURNED, RETURN_BUTTON),
        (APPROVAL_REJECTED, REJECT_BUTTON),
    ]
    .iter()
    .map(|(state, label)| json!({ "state": state, "label": label, "confirm": approve_confirm(state) }))
    .collect()
}

/// The proposals waiting for the clerk's decision: 审核状态 待审核 or empty, when the workspace
/// policy has `approval = true` (none otherwise, and none before the first merge).
fn approvals_json(ws: &Workspace) -> Result<Value, ApiError> {
    let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
    let mut waiting = Vec::new();
    let mut extensions = Vec::new();
    if ws.ledger().is_file() {
        let ledger = read_ledger(ws)?;
        // The extensions asked for in reports (SPEC §10), granted with a new 完成时间.
        for r in crate::ledger::extension::pending(&ledger) {
            extensions.push(json!({
                "id": r.id, "unit": r.unit, "name": r.name, "period": r.period,
                "deadline": r.deadline.map(|d| d.to_string()), "asked": r.asked.to_string(),
                "label": crate::say::page::grant_button(&r.asked.to_string()),
            }));
        }
        if !policy.approval {
            return Ok(approvals_body(&policy, waiting, extensions));
        }
        for r in ledger.project_rows() {
            let state = ledger.projects.get(r, Column::Approval).display();
            if !matches!(state.trim(), "" | crate::say::ledger::APPROVAL_PENDING) {
                continue;
            }
            let row: serde_json::Map<String, Value> = WAITING_COLUMNS
                .iter()
                .filter(|(_, c)| policy.keeps(*c))
                .map(|(key, c)| {
                    let text = ledger.projects.get(r, *c).display();
                    ((*key).to_owned(), json!(text.trim()))
                })
                .collect();
            waiting.push(Value::Object(row));
        }
    }
    Ok(approvals_body(&policy, waiting, extensions))
}

/// The approvals list as the page reads it: the waiting proposals, the policy's columns, the
/// decisions, and the extension requests.
fn approvals_body(
    policy: &crate::policy::Policy,
    waiting: Vec<Value>,
    extensions: Vec<Value>,
) -> Value {
    json!({
        "approval": policy.approval,
        // The policy's columns only: no 项目类别 without categories.
        "columns": WAITING_COLUMNS
            .iter()
            .filter(|(_, c)| policy.keeps(*c))
            .map(|(key, c)| json!({ "key": key, "label": c.header() }))
            .collect::<Vec<_>>(),
        "waiting": waiting,
        "decisions": decisions_json(),
        "extensions": extensions,
    })
}

async fn approvals(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let body = blocking(move || approvals_json(&state.workspace)).await?;
    Ok(axum::Json(body).into_response())
}

/// What the page sends to decide: the ticked projects, the new 审核状态 and the note (审核意见).
#[derive(Debug, serde::Deserialize)]
struct ApproveRequest {
    ids: Vec<String>,
    /// The new 审核状态; absent when only an extension is granted.
    #[serde(default)]
    state: Option<String>,
    /// The new 完成时间 (`2019-03-31`): an extension a report asked for, granted.
    #[serde(default)]
    deadline: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// Sets 审核状态 of the ticked projects as `taizhang approve` does, under the ledger's lock, then
/// answers with the message and the waiting list again.
async fn approve_chosen(
    State(state): State<Arc<AppState>>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let request: ApproveRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(crate::say::page::bad_approve_request(e)))?;
    if request.ids.iter().all(|id| id.trim().is_empty()) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::say::page::APPROVE_NONE_TICKED,
        ));
    }
    let body = blocking(move || {
        let ws = &state.workspace;
        let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
        let ledger = ws.ledger();
        if !ledger.is_file() {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                crate::say::page::NO_LEDGER,
            ));
        }
        let note = request
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let deadline = match request.deadline.as_deref().map(str::trim) {
            Some(d) => Some(d.parse::<NaiveDate>().map_err(|_| {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, crate::say::cli::bad_day(d))
            })?),
            None => None,
        };
        let state = request.state.as_deref().map(str::trim);
        let decision = Decision {
            ids: &request.ids,
            all: false,
            state,
            deadline,
            acceptance: None,
            note,
        };
        let done = approve(&ledger, &decision, &policy, chrono::Local::now().naive_local())?;
        let warning = match &done.saved {
            Saved::Rewritten(reason) => Some(crate::say::ledger::rewritten(
                reason,
                existing_backup(&ledger).as_deref(),
            )),
            _ => None,
        };
        Ok(json!({
            "message": match (state, deadline) {
                (Some(s), _) => crate::say::ledger::approved(done.changed.len(), done.unchanged.len(), s),
                (None, Some(d)) => crate::say::ledger::extended(done.changed.len(), &d.to_string()),
                (None, None) => String::new(),
            },
            "changed": done.changed,
            "unchanged": done.unchanged,
            "warning": warning,
            "next": approvals_json(ws)?,
        }))
    })
    .await?;
    Ok(axum::Json(body).into_response())
}
