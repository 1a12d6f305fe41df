// taizhang serve: the page's script. It only shows what the API returns; every rule (what is an
// error, what a merge does, who is lagging) lives in the Rust library behind the API.
"use strict";

// The token came once in the address printed at start; the server has put it in a cookie only
// it can read, so it leaves the address bar (and the history, and any copied link) at once.
if (new URLSearchParams(location.search).has("token")) {
  history.replaceState(null, "", location.pathname + location.hash);
}
const $ = (id) => document.getElementById(id);
let meta = { kinds: {}, statuses: [] };
let lastBatch = null;
// What the browser says when the server is not there any more.
const CLOSED = "taizhang 已关闭，请重新打开（双击 taizhang，或在命令行运行 taizhang serve）";

// Builds an element; strings become text nodes, so nothing received is ever parsed as HTML.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

// fetch() of the server, with its refusals and a closed server said in Chinese.
async function request(path, options) {
  let res;
  try { res = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {})); } catch (e) { throw new Error(CLOSED); }
  if (!res.ok) {
    let text = "";
    try { text = await res.text(); } catch (e) { text = ""; }
    let body = null;
    try { body = JSON.parse(text); } catch (e) { body = null; }
    throw new Error(body && body.error ? body.error : (text || "操作没有完成（" + res.status + "）"));
  }
  return res;
}

async function api(path, options) {
  const res = await request(path, options);
  let body = null;
  try { body = JSON.parse(await res.text()); } catch (e) { body = null; }
  return { body, res };
}

function month() { return $("month").value; }

// ---- the month and the step, kept in the address (#month=2018-05&step=return) for a reload ----
function remembered() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { month: p.get("month"), step: p.get("step") };
}

function remember() {
  const p = new URLSearchParams({ month: month(), step: currentStep });
  history.replaceState(null, "", location.pathname + "#" + p.toString());
}

// ---- downloads: fetched first, so that a refusal is said on the page, not shown as raw text ----
function filenameOf(res) {
  const d = res.headers.get("content-disposition") || "";
  const m = /filename\*=UTF-8''([^;]+)/i.exec(d);
  if (m) { try { return decodeURIComponent(m[1]); } catch (e) { /* below */ } }
  return "taizhang.xlsx";
}

async function download(link) {
  const target = link.dataset.msg;
  if (link.classList.contains("busy")) return;
  link.classList.add("busy");
  say(target, "正在生成“" + link.textContent + "”……");
  try {
    const res = await request(link.getAttribute("href"));
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: filenameOf(res), hidden: "" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say(target, "已下载：" + filenameOf(res));
  } catch (e) { say(target, e.message, true); }
  link.classList.remove("busy");
}

function setHref(id, path) { $(id).setAttribute("href", path); }

function say(id, text, isError) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle("error", !!isError);
}

// ---- steps ----
const STEPS = ["intake", "return", "merge", "status"];
let currentStep = "intake";
function show(step) {
  if (!STEPS.includes(step)) step = "intake";
  currentStep = step;
  remember();
  for (const b of document.querySelectorAll(".step")) b.classList.toggle("active", b.dataset.step === step);
  for (const s of document.querySelectorAll(".panel")) s.hidden = s.id !== step;
  if (step === "return") renderReturn();
  if (step === "merge") { loadUndo(); loadApprovals(); }
}

// ---- 1 intake ----
function problemLines(problems) {
  return problems.map((p) =>
    el("div", { class: "problem " + (p.severity === "error" ? "bad" : "warn") },
      el("span", { class: "tag " + p.severity }, p.severity === "error" ? "错误" : "提醒"),
      p.message));
}

// A score sheet is a reviewer's, not a unit's.
function unitOf(f) {
  if (f.kind === "scores") return "评委：" + ((f.record && f.record.reviewer) || "（未写评审人）");
  return (f.record && f.record.unit) || "（单位不明）";
}

function verdict(f) {
  const errors = f.problems.filter((p) => p.severity === "error").length;
  const warnings = f.problems.length - errors;
  if (f.kind === "skipped") return el("span", { class: "muted" }, "跳过：不是表格文件");
  if (f.superseded_by && errors > 0) return el("span", { class: "muted" }, "已由后来的文件取代：" + fileName(f.superseded_by) + "（不再退回，问题仅供参考）");
  if (errors > 0) return el("span", { class: "bad" }, "退回：" + errors + " 个错误" + (warnings ? "，" + warnings + " 个提醒" : ""));
  if (warnings > 0) return el("span", { class: "ok" }, "通过，" + warnings + " 个提醒");
  return el("span", { class: "ok" }, "通过");
}

function fileName(path) { return path.split("/").pop(); }

// The file in the inbox a row comes from: `inbox/2018-05/x.eml › a.zip › b.xlsx` is `x.eml`.
function inboxFile(path) {
  const prefix = "inbox/" + month() + "/";
  if (!path.startsWith(prefix)) return null;
  const rest = path.slice(prefix.length).split(" › ")[0];
  return rest.includes("/") ? null : rest;
}

async function removeFile(name, button) {
  if (!window.confirm("从本月收件夹中删除“" + name + "”？\n（只删除 taizhang 保存的副本，原文件不动。）")) return;
  button.disabled = true;
  try {
    const { body } = await api("/api/inbox?month=" + encodeURIComponent(month()) + "&name=" + encodeURIComponent(name), { method: "DELETE" });
    renderBatch(body);
    say("intake-msg", "已从收件夹删除：" + name);
    resetMerge();
  } catch (e) {
    button.disabled = false;
    say("intake-msg", e.message, true);
  }
}

function removeButton(path) {
  const name = inboxFile(path);
  if (!name) return "";
  const b = el("button", { class: "small remove", title: "从收件夹删除“" + name + "”" }, "删除");
  b.addEventListener("click", () => removeFile(name, b));
  return b;
}

function renderBatch(batch) {
  lastBatch = batch;
  const only = $("only-problems").checked;
  const body = $("results").tBodies[0];
  body.replaceChildren();
  for (const f of batch.files) {
    if (only && f.problems.length === 0) continue;
    body.append(el("tr", { "data-path": f.path },
      el("td", { class: "file", title: f.path }, fileName(f.path)),
      el("td", {}, unitOf(f)),
      el("td", { class: "nowrap" }, meta.kinds[f.kind] || f.kind),
      el("td", { class: "nowrap" }, verdict(f)),
      el("td", {}, problemLines(f.problems)),
      el("td", { class: "nowrap" }, removeButton(f.path))));
  }
  const s = batch.summary;
  $("results-empty").hidden = batch.files.length > 0;
  $("intake-summary").textContent = batch.files.length === 0 ? "" :
    "共 " + s.files + " 个文件：通过 " + (s.ok - Math.min(s.skipped, s.ok)) + " 个，需退回 " + s.with_errors +
    " 个，有提醒 " + s.warnings + " 个，跳过 " + s.skipped + " 个" +
    (s.superseded ? "，已由后来的文件取代 " + s.superseded + " 个" : "");
}

async function loadChecks() {
  $("inbox-name").textContent = "inbox/" + month() + "/";
  try {
    const { body } = await api("/api/check?month=" + encodeURIComponent(month()));
    renderBatch(body);
  } catch (e) { say("intake-msg", e.message, true); }
}

// One request for all the files (the server checks them together), with a bar per file from how
// far the body has gone; the drop zone takes nothing more until the answer is in.
let uploading = false;

function setBusy(busy) {
  uploading = busy;
  $("files").disabled = busy;
  $("drop").classList.toggle("busy", busy);
  $("drop").setAttribute("aria-disabled", busy ? "true" : "false");
}

function progressList(list) {
  const rows = list.map((f) => {
    const bar = el("progress", { max: String(Math.max(1, f.size)), value: "0" });
    const state = el("span", { class: "muted" }, "等待");
    return { file: f, bar, state, node: el("li", {}, el("span", { class: "file" }, f.name), bar, state) };
  });
  $("upload-progress").replaceChildren(...rows.map((r) => r.node));
  $("upload-progress").hidden = false;
  return rows;
}

function showProgress(rows, loaded, total) {
  // The body is the files in order plus a little framing: share the bytes out in that order.
  const sizes = rows.reduce((s, r) => s + r.file.size, 0);
  let left = sizes > 0 && total > 0 ? loaded * sizes / total : 0;
  for (const r of rows) {
    const got = Math.min(r.file.size, left);
    left -= got;
    r.bar.value = got;
    r.state.textContent = got >= r.file.size ? "已发送" : (got > 0 ? Math.floor(100 * got / r.file.size) + "%" : "等待");
  }
}

function send(form, rows) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/check?month=" + encodeURIComponent(month()));
    xhr.upload.addEventListener("progress", (e) => { if (e.lengthComputable) showProgress(rows, e.loaded, e.total); });
    xhr.upload.addEventListener("load", () => {
      for (const r of rows) { r.bar.value = r.file.size; r.state.textContent = "已发送，正在检查"; }
    });
    xhr.addEventListener("load", () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve({ body, refusedHeader: xhr.getResponseHeader("x-taizhang-refused") });
      else reject(new Error(body && body.error ? body.error : (xhr.responseText || "操作没有完成（" + xhr.status + "）")));
    });
    xhr.addEventListener("error", () => reject(new Error(CLOSED)));
    xhr.addEventListener("abort", () => reject(new Error("上传已中断，请重试")));
    xhr.send(form);
  });
}

async function upload(files) {
  const list = Array.from(files || []);
  if (list.length === 0 || uploading) return;
  if (meta.limits && list.length > meta.limits.max_files) {
    say("intake-msg", "一次最多上传 " + meta.limits.max_files + " 个文件，本次选了 " + list.length + " 个，请分批上传", true);
    $("files").value = "";
    return;
  }
  const form = new FormData();
  for (const f of list) form.append("files", f, f.name);
  setBusy(true);
  const rows = progressList(list);
  say("intake-msg", "正在上传并检查 " + list.length + " 个文件，请稍候……");
  try {
    const { body, refusedHeader } = await send(form, rows);
    renderBatch(body);
    let refused = [];
    try { refused = JSON.parse(decodeURIComponent(refusedHeader || "%5B%5D")); } catch (e) { refused = []; }
    for (const r of rows) r.state.textContent = refused.includes(r.file.name) ? "未保存" : "已保存";
    say("intake-msg", "已保存 " + (list.length - refused.length) + " 个文件，本月共 " + body.summary.files + " 个文件已检查。" +
      (refused.length ? " 以下文件不是表格、邮件或压缩包，未保存：" + refused.join("、") : ""), refused.length > 0);
    resetMerge();
    // Done: the message above says what was saved and what not; the bars give way to the table.
    $("upload-progress").hidden = true;
  } catch (e) {
    for (const r of rows) r.state.textContent = "未保存";
    say("intake-msg", e.message, true);
  }
  setBusy(false);
  $("files").value = "";
}

// ---- 2 return ----
// Each call numbered, so that the answer for a month left meanwhile is not shown.
let returnSeq = 0;
async function renderReturn() {
  const seq = ++returnSeq;
  const q = "?month=" + encodeURIComponent(month()) + ($("replies-ack").checked ? "&ack=true" : "");
  setHref("download-report", "/files/report?month=" + encodeURIComponent(month()));
  setHref("download-replies", "/files/replies" + q);
  $("return-month").textContent = month();
  let replies = [];
  try { replies = (await api("/api/replies" + q)).body || []; } catch (e) { replies = []; say("return-msg", e.message, true); }
  if (seq !== returnSeq) return;
  const body = $("return-list").tBodies[0];
  body.replaceChildren();
  for (const r of replies) {
    const text = el("pre", { class: "letter" }, r.body);
    const copy = el("button", { class: "small" }, "复制");
    copy.addEventListener("click", async () => {
      try { await navigator.clipboard.writeText(r.body); copy.textContent = "已复制"; } catch (e) { copy.textContent = "请手动选择复制"; }
    });
    body.append(el("tr", {},
      el("td", {}, r.unit),
      el("td", { class: r.kind === "退回修改" ? "bad" : "ok" }, r.kind),
      el("td", {}, r.to || "（无邮箱）"),
      el("td", {}, el("details", {}, el("summary", {}, r.subject), text, copy))));
  }
  $("return-empty").hidden = replies.length > 0;
  $("download-replies").hidden = replies.length === 0;
}

// ---- 3 merge ----
function resetMerge() {
  $("do-merge").disabled = true;
  $("merge-tiles").replaceChildren();
  $("merge-files").hidden = true;
  say("merge-msg", "");
}

function renderMerge(run) {
  $("merge-tiles").replaceChildren(...run.counts.map((c) =>
    el("div", { class: "tile" + (c.key === "rejected" && c.count > 0 ? " alert" : ""), "data-key": c.key },
      el("span", { class: "n" }, c.count), c.label)));
  const body = $("merge-files").tBodies[0];
  body.replaceChildren();
  for (const f of run.files) {
    body.append(el("tr", {},
      el("td", { class: "file", title: f.path }, fileName(f.path)),
      el("td", {}, f.kind === "scores" ? "评委评分表" : f.unit),
      el("td", { class: "nowrap" + (f.action === "退回" ? " bad" : "") }, f.action),
      el("td", { class: "nowrap" }, f.id || ""),
      el("td", {}, problemLines(f.problems))));
  }
  $("merge-files").hidden = run.files.length === 0;
}

async function merge(dryRun) {
  say("merge-msg", dryRun ? "正在预览……" : "正在合并，请不要关闭页面……");
  $("do-merge").disabled = true;
  try {
    const { body } = await api("/api/merge?month=" + encodeURIComponent(month()) + "&dry_run=" + dryRun, { method: "POST" });
    renderMerge(body);
    if (dryRun) {
      say("merge-msg", body.files.length === 0 ? "本月收件夹中还没有文件。" : "预览（台账未改动）：" + body.summary);
      $("do-merge").disabled = body.files.length === 0;
    } else {
      say("merge-msg", "已合并。台账已保存：" + body.ledger + (body.backup ? "（上一版本：" + body.backup + "）" : "") + "。" + body.summary);
      say("undo-msg", "");
    }
    for (const w of body.warnings) say("merge-msg", $("merge-msg").textContent + " 提醒：" + w);
  } catch (e) { say("merge-msg", e.message, true); }
  if (!dryRun) { loadUndo(); loadApprovals(); }
}

// ---- the proposals waiting for a decision (policy `approval`) ----
// The server says which projects wait, the columns, the buttons and the questions to ask.
let approvals = { approval: false, waiting: [], columns: [], decisions: [], extensions: [] };

function renderApprovals() {
  const a = approvals;
  $("approve-box").hidden = !a.approval || a.waiting.length === 0;
  $("approve-list").tHead.rows[0].replaceChildren(el("th", {}, el("input", { type: "checkbox", id: "approve-all" })),
    ...a.columns.map((c) => el("th", {}, c.label)));
  $("approve-all").addEventListener("change", (e) => {
    for (const b of document.querySelectorAll("#approve-list tbody input")) b.checked = e.target.checked;
  });
  $("approve-list").tBodies[0].replaceChildren(...a.waiting.map((p) => el("tr", { "data-id": p.id },
    el("td", {}, el("input", { type: "checkbox", value: p.id })),
    ...a.columns.map((c) => el("td", {}, p[c.key] || "")))));
  $("approve-buttons").replaceChildren(...a.decisions.map((d, i) => {
    const b = el("button", { class: "button" + (i === 0 ? " primary" : ""), "data-state": d.state }, d.label);
    b.addEventListener("click", () => decide(d));
    return b;
  }), " ");
  // The extensions asked for in reports: one button each, granting the date asked.
  const ext = a.extensions || [];
  $("extend-box").hidden = ext.length === 0;
  $("extend-list").tBodies[0].replaceChildren(...ext.map((r) => {
    const b = el("button", { class: "button", "data-id": r.id }, r.label);
    b.addEventListener("click", () => grant(r, b));
    return el("tr", { "data-id": r.id }, el("td", {}, r.id), el("td", {}, r.unit), el("td", {}, r.name),
      el("td", {}, r.period), el("td", {}, r.deadline || ""), el("td", {}, r.asked), el("td", {}, b));
  }));
}

async function grant(r, button) {
  if (!window.confirm("同意 " + r.id + " 延期至 " + r.asked + "？台账中的完成时间将改为这一天。")) return;
  button.disabled = true;
  try {
    const { body } = await api("/api/approve", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ids: [r.id], deadline: r.asked }),
    });
    approvals = body.next;
    renderApprovals();
    say("approve-msg", body.message + (body.warning ? " " + body.warning : ""), !!body.warning);
    loadUndo();
  } catch (e) {
    say("approve-msg", e.message, true);
    button.disabled = false;
  }
}

async function loadApprovals() {
  try { approvals = (await api("/api/approvals")).body; } catch (e) { approvals = { approval: false, waiting: [], columns: [], decisions: [], extensions: [] }; }
  renderApprovals();
}

async function decide(d) {
  const ids = Array.from(document.querySelectorAll("#approve-list tbody input:checked")).map((b) => b.value);
  if (ids.length > 0 && !window.confirm(d.confirm.replace("{n}", String(ids.length)))) return;
  const note = $("approve-note").value.trim();
  for (const b of document.querySelectorAll("#approve-buttons button")) b.disabled = true;
  try {
    const { body } = await api("/api/approve", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(note ? { ids, state: d.state, note } : { ids, state: d.state }),
    });
    approvals = body.next;
    renderApprovals();
    $("approve-note").value = "";
    say("approve-msg", body.message + (body.warning ? " " + body.warning : ""), !!body.warning);
    // The decision was saved with a backup, like a merge: it can be undone.
    loadUndo();
  } catch (e) {
    say("approve-msg", e.message, true);
    for (const b of document.querySelectorAll("#approve-buttons button")) b.disabled = false;
  }
}

// ---- undo the last merge ----
// What the server says about the backup: whether there is one, its time, the question to ask.
let undoInfo = { available: false };

async function loadUndo() {
  try { undoInfo = (await api("/api/undo")).body; } catch (e) { undoInfo = { available: false }; }
  $("undo-box").hidden = !undoInfo.available;
  $("undo").disabled = !undoInfo.available;
  $("undo-note").textContent = undoInfo.available ? undoInfo.note : "";
}

async function undoLast() {
  if (!undoInfo.available || !window.confirm(undoInfo.confirm)) return;
  $("undo").disabled = true;
  say("undo-msg", "正在撤销……");
  try {
    const { body } = await api("/api/undo?expect=" + encodeURIComponent(undoInfo.time), { method: "POST" });
    resetMerge();
    say("undo-msg", body.message + (body.warning ? " " + body.warning : ""), !!body.warning);
  } catch (e) { say("undo-msg", e.message, true); }
  await loadUndo();
  loadApprovals();
}

// ---- 4 status ----
function endOfMonth(m) {
  const [y, mo] = m.split("-").map(Number);
  const d = new Date(Date.UTC(y, mo, 0));
  return d.toISOString().slice(0, 10);
}

function defaultAsOf() {
  const end = endOfMonth(month());
  return end < meta.today ? end : meta.today;
}

function chart(status) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const units = status.units.filter((u) => u.projects > 0);
  const max = Math.max(1, ...units.map((u) => u.projects));
  const left = 210, barW = 520, top = 36, perLine = 13, lineH = 17;
  // A long unit name wraps onto up to three lines beside its bar (the whole name on hover).
  const lines = (name) => {
    const chars = Array.from(name);
    const out = [];
    for (let i = 0; i < chars.length && out.length < 3; i += perLine) out.push(chars.slice(i, i + perLine).join(""));
    if (chars.length > 3 * perLine) out[2] = out[2].slice(0, perLine - 1) + "…";
    return out;
  };
  const rowHeights = units.map((u) => Math.max(28, lines(u.unit).length * lineH + 10));
  const height = top + rowHeights.reduce((a, b) => a + b, 0) + 10;
  const root = svg("svg", { width: left + barW + 60, height, role: "img", "aria-label": "各单位项目状态" });
  status.statuses.forEach((label, i) => {
    root.append(svg("rect", { x: left + i * 100, y: 6, width: 14, height: 14, fill: status.colours[i] }));
    root.append(svg("text", { x: left + i * 100 + 20, y: 18, "font-size": 14 }, label));
  });
  let y = top;
  units.forEach((u, r) => {
    const rowH = rowHeights[r];
    const label = svg("text", { x: left - 8, y: y + 17, "text-anchor": "end", "font-size": 14, class: "unit" });
    lines(u.unit).forEach((line, i) => label.append(svg("tspan", { x: left - 8, dy: i === 0 ? 0 : lineH }, line)));
    label.append(svg("title", {}, u.unit));
    root.append(label);
    let x = left;
    u.by_status.forEach((n, i) => {
      if (n === 0) return;
      const w = (n / max) * barW;
      const rect = svg("rect", { x, y: y + 3, width: w, height: Math.min(rowH - 8, 20), fill: status.colours[i] });
      rect.append(svg("title", {}, u.unit + "：" + status.statuses[i] + " " + n + " 个"));
      root.append(rect);
      x += w;
    });
    root.append(svg("text", { x: x + 6, y: y + 17, "font-size": 13 }, u.projects));
    y += rowH;
  });
  return root;
}

// The status step's downloads follow its date: the workbook and the 督办通知 drafts.
function statusLinks(asOf) {
  setHref("download-status", "/files/status?as_of=" + encodeURIComponent(asOf));
  setHref("download-reminders", "/files/reminders?as_of=" + encodeURIComponent(asOf));
}

async function loadStatus() {
  const asOf = $("as-of").value;
  statusLinks(asOf);
  say("status-msg", "正在计算……");
  try {
    const { body } = await api("/api/status?as_of=" + encodeURIComponent(asOf));
    say("status-msg", "截至 " + body.as_of + "，应报 " + body.month_title + " 进度报告：共 " + body.projects + " 个项目。");
    const tiles = body.totals.map((t) => el("div", { class: "tile" }, el("span", { class: "n" }, t.count), t.label));
    tiles.push(el("div", { class: "tile" + (body.missing ? " alert" : "") }, el("span", { class: "n" }, body.missing), "未报送"));
    tiles.push(el("div", { class: "tile" + (body.chase.length ? " alert" : "") }, el("span", { class: "n" }, body.chase.length), "需督办"));
    $("status-tiles").replaceChildren(...tiles);
    $("chart").replaceChildren(chart(body));
    const rows = $("chase").tBodies[0];
    rows.replaceChildren(...body.chase.map((p) => el("tr", {},
      el("td", {}, p.unit), el("td", {}, p.id), el("td", {}, p.name), el("td", {}, p.owner),
      el("td", {}, p.phone || p.contact), el("td", { class: p.status === "逾期" ? "bad" : "" }, p.status),
      el("td", {}, p.reasons.join("；")))));
    $("chase-empty").hidden = body.chase.length > 0;
    $("status-body").hidden = false;
  } catch (e) {
    $("status-body").hidden = true;
    say("status-msg", e.message, true);
  }
}

// ---- start ----
function onMonthChange() {
  resetMerge();
  remember();
  $("as-of").value = defaultAsOf();
  statusLinks($("as-of").value);
  loadChecks();
  if (currentStep === "return") renderReturn();
}

async function start() {
  for (const b of document.querySelectorAll(".step")) b.addEventListener("click", () => show(b.dataset.step));
  $("files").addEventListener("change", (e) => upload(e.target.files));
  for (const a of document.querySelectorAll("a.download")) {
    a.addEventListener("click", (e) => { e.preventDefault(); download(a); });
  }
  const drop = $("drop");
  // A file dropped anywhere else must not make the browser leave the page.
  for (const t of ["dragover", "drop"]) document.addEventListener(t, (e) => e.preventDefault());
  drop.addEventListener("dragover", () => { if (!uploading) drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { drop.classList.remove("over"); if (!uploading) upload(e.dataTransfer.files); });
  $("only-problems").addEventListener("change", () => lastBatch && renderBatch(lastBatch));
  $("replies-ack").addEventListener("change", renderReturn);
  $("preview").addEventListener("click", () => merge(true));
  $("do-merge").addEventListener("click", () => merge(false));
  $("undo").addEventListener("click", undoLast);
  $("load-status").addEventListener("click", loadStatus);
  $("as-of").addEventListener("change", () => {
    statusLinks($("as-of").value);
  });
  $("month").addEventListener("change", onMonthChange);
  try {
    meta = (await api("/api/meta")).body;
  } catch (e) {
    const n = $("notice");
    n.textContent = e.message;
    n.hidden = false;
    return;
  }
  if (!meta.policy.ok) {
    $("notice").textContent = meta.policy.error;
    $("notice").hidden = false;
  }
  $("workspace").textContent = "工作目录：" + meta.workspace;
  $("version").textContent = "　台账 " + meta.version + "（构建日期 " + meta.build_date + "）";
  const kept = remembered();
  $("month").value = kept.month && /^\d{4}-\d{2}$/.test(kept.month) ? kept.month : meta.month;
  onMonthChange();
  show(kept.step || "intake");
  loadUndo();
}

start();
