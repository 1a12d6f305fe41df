//! The page's downloads: the workbooks and reply drafts the clerk takes away, each also kept
//! under `输出/` in the workspace, and the reply list as JSON.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::api::{
    as_of_param, blocking, checked, month_param, monthly, read_ledger, ApiError, Params, XLSX, ZIP,
};
use super::workspace::{Month, Workspace};
use super::AppState;
use crate::read::Limits;

/// A workbook as a download, with a copy kept under `输出/` for the clerk to find later.
fn download(ws: &Workspace, name: &str, bytes: Vec<u8>, keep_copy: bool) -> Response {
    download_as(ws, name, bytes, keep_copy, XLSX)
}

fn download_as(
    ws: &Workspace,
    name: &str,
    bytes: Vec<u8>,
    keep_copy: bool,
    content_type: &'static str,
) -> Response {
    if keep_copy {
        let saved = ws
            .output(name)
            .map_err(|e| e.to_string())
            .and_then(|path| crate::fsio::write(&path, &bytes).map_err(|e| e.to_string()));
        if let Err(e) = saved {
            super::say_err(&crate::say::page::copy_not_saved(
                super::workspace::OUTPUT,
                e,
            ));
        }
    }
    let ascii = if content_type == ZIP {
        "taizhang.zip"
    } else {
        "taizhang.xlsx"
    };
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode(name)
    );
    let mut response = ([(header::CONTENT_TYPE, content_type)], bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

pub(super) async fn report_file(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    blocking(move || {
        let batch = checked(&state.workspace, &month)?.batch;
        let policy = state
            .workspace
            .policy()
            .map_err(|e| ApiError::internal(e.to_string()))?;
        let bytes = crate::write::report::report(&batch, &policy)
            .map_err(|e| ApiError::internal(crate::say::page::no_check_report(e)))?;
        let name = crate::say::page::check_report_file(month.as_str());
        Ok(download(&state.workspace, &name, bytes, true))
    })
    .await
}

/// The month's replies as the library composes them, for the page's 退回 list (score sheets,
/// from reviewers, get none).
fn replies(
    workspace: &Workspace,
    month: &Month,
    ack: bool,
) -> Result<(Vec<crate::write::reply::Reply>, crate::policy::Policy), ApiError> {
    let mut batch = checked(workspace, month)?.batch;
    // A reviewer's score sheet is not a unit's submission: nobody to return it to.
    batch
        .files
        .retain(|r| r.kind != crate::form::FormKind::Scores);
    let policy = workspace
        .policy()
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let today = chrono::Local::now().date_naive();
    let replies = crate::write::reply::compose(&batch, &policy, today, ack);
    Ok((replies, policy))
}

fn ack_param(params: &HashMap<String, String>) -> bool {
    params.get("ack").is_some_and(|v| v == "true" || v == "1")
}

pub(super) async fn replies_json(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    let ack = ack_param(&params);
    let (replies, _) = blocking(move || replies(&state.workspace, &month, ack)).await?;
    let list: Vec<Value> = replies
        .iter()
        .map(|r| {
            json!({
                "unit": r.unit, "kind": r.kind.label(), "to": r.to,
                "subject": r.subject, "body": r.body,
            })
        })
        .collect();
    Ok(axum::Json(list).into_response())
}

/// The month's reply drafts (`ack=true` adds receipts for units whose files were all good), as
/// one zip the clerk unpacks and opens draft by draft in the mail program.
pub(super) async fn replies_file(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let month = month_param(&params)?;
    let ack = ack_param(&params);
    blocking(move || {
        let (replies, policy) = replies(&state.workspace, &month, ack)?;
        let now = chrono::Local::now();
        if replies.is_empty() {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                crate::say::page::NO_REPLIES,
            ));
        }
        let files = crate::write::reply::files(&replies, &policy, now.timestamp())
            .map_err(|e| ApiError::internal(crate::say::page::no_replies(e)))?;
        let bytes = zip_of(&files).map_err(|e| ApiError::internal(crate::say::page::no_zip(e)))?;
        let name = crate::say::page::replies_file(month.as_str());
        Ok(download_as(&state.workspace, &name, bytes, false, ZIP))
    })
    .await
}

/// Files into one zip in memory (UTF-8 names, which Windows Explorer, WPS and 7-Zip read).
fn zip_of(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

pub(super) async fn status_file(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let as_of = as_of_param(&params)?;
    blocking(move || {
        let s = monthly(&state.workspace, as_of)?;
        let bytes = crate::write::status::status_workbook(&s, as_of)
            .map_err(|e| ApiError::internal(crate::say::page::no_status(e)))?;
        let name = crate::say::page::status_file(&s.month);
        Ok(download(&state.workspace, &name, bytes, true))
    })
    .await
}

/// The 督办通知 drafts as of `as_of` (SPEC §10, `notices --kind reminder`): one `.eml` and `.txt`
/// per unit on the 督办清单, in one zip; 404 with a word when nothing is to be chased.
pub(super) async fn reminders_file(
    State(state): State<Arc<AppState>>,
    params: Params,
) -> Result<Response, ApiError> {
    let as_of = as_of_param(&params)?;
    blocking(move || {
        let ws = &state.workspace;
        let s = monthly(ws, as_of)?;
        let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
        let now = chrono::Local::now();
        let letters = crate::write::notice::reminder_letters(&s, &policy, now.date_naive());
        if letters.is_empty() {
            let word = crate::say::notices::nothing_to_chase(&as_of.to_string());
            return Err(ApiError::new(StatusCode::NOT_FOUND, word));
        }
        let files = crate::write::reply::files(&letters, &policy, now.timestamp())
            .map_err(|e| ApiError::internal(crate::say::page::no_replies(e)))?;
        let bytes = zip_of(&files).map_err(|e| ApiError::internal(crate::say::page::no_zip(e)))?;
        let name = crate::say::page::reminders_file(&s.month);
        Ok(download_as(ws, &name, bytes, false, ZIP))
    })
    .await
}

/// The blank score sheet for the reviewers: every project of the ledger, one column a criterion.
pub(super) async fn scoresheet_file(
    State(state): State<Arc<AppState>>,
) -> Result<Response, ApiError> {
    blocking(move || {
        let ws = &state.workspace;
        let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
        if policy.rubric.is_empty() {
            return Err(ApiError::bad(crate::say::page::NO_RUBRIC));
        }
        let projects = crate::rank::projects(&read_ledger(ws)?, &policy);
        if projects.is_empty() {
            return Err(ApiError::bad(crate::say::page::NO_PROJECTS));
        }
        let bytes = crate::rank::sheet::scoresheet(&projects, &policy, 1)
            .map_err(|e| ApiError::internal(crate::say::page::no_scoresheet(e)))?;
        Ok(download(ws, crate::say::page::SCORESHEET_FILE, bytes, true))
    })
    .await
}

/// Ranks from the score sheets received; `exemplary` picks which of the two workbooks to send.
fn year_end(ws: &Workspace, exemplary: bool) -> Result<Response, ApiError> {
    let policy = ws.policy().map_err(|e| ApiError::internal(e.to_string()))?;
    let ledger = read_ledger(ws)?;
    let sheets = ws.score_sheets(&policy);
    if sheets.is_empty() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            crate::say::page::NO_SCORES,
        ));
    }
    let today = chrono::Local::now().date_naive();
    let books = crate::rank::year::year_end(&ledger, &sheets, &policy, &Limits::default(), today)
        .map_err(|e| ApiError::bad(e.to_string()))?;
    Ok(if exemplary {
        download(ws, crate::say::page::EXEMPLARY_FILE, books.exemplary, true)
    } else {
        download(ws, crate::say::page::RANKING_FILE, books.ranking, true)
    })
}

pub(super) async fn ranking_file(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    blocking(move || year_end(&state.workspace, false)).await
}

pub(super) async fn exemplary_file(
    State(state): State<Arc<AppState>>,
) -> Result<Response, ApiError> {
    blocking(move || year_end(&state.workspace, true)).await
}

pub(super) async fn ledger_file(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    blocking(move || {
        let path = state.workspace.ledger();
        let bytes = std::fs::read(&path)
            .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, crate::say::page::NO_LEDGER))?;
        Ok(download(
            &state.workspace,
            super::workspace::LEDGER,
            bytes,
            false,
        ))
    })
    .await
}

/// Percent-encodes everything but unreserved ASCII (RFC 3986), for headers that carry Chinese.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
