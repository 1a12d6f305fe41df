// taizhang serve: the page's script. It only shows what the API returns; every rule (what is an
// error, what a merge does, who is lagging) lives in the Rust library behind the API.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
let meta = { kinds: {}, statuses: [] };
let lastBatch = null;

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

async function api(path, options) {
  const opts = Object.assign({ headers: {} }, options || {});
  opts.headers.Authorization = "Bearer " + token;
  const res = await fetch(path, opts);
  const text = await res.text();
  let body = null;
  try { body = JSON.parse(text); } catch (e) { body = null; }
  if (!res.ok) {
    const message = body && body.error ? body.error : (text || "操作没有完成（" + res.status + "）");
    throw new Error(message);
  }
  return { body, res };
}

function month() { return $("month").value; }
function withToken(path) { return path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token); }

function say(id, text, isError) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle("error", !!isError);
}

// ---- steps ----
function show(step) {
  for (const b of document.querySelectorAll(".step")) b.classList.toggle("active", b.dataset.step === step);
  for (const s of document.querySelectorAll(".panel")) s.hidden = s.id !== step;
  if (step === "return") renderReturn();
  if (step === "merge") loadUndo();
}

// ---- 1 intake ----
function problemLines(problems) {
  return problems.map((p) =>
    el("div", { class: "problem " + (p.severity === "error" ? "bad" : "warn") },
      el("span", { class: "tag " + p.severity }, p.severity === "error" ? "错误" : "提醒"),
      p.message));
}

function unitOf(f) { return (f.record && f.record.unit) || "（单位不明）"; }

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
      el("td", {}, problemLines(f.problems))));
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

async function upload(files) {
  const list = Array.from(files);
  if (list.length === 0) return;
  const form = new FormData();
  for (const f of list) form.append("files", f, f.name);
  say("intake-msg", "正在保存并检查 " + list.length + " 个文件，请稍候……");
  try {
    const { body, res } = await api("/api/check?month=" + encodeURIComponent(month()), { method: "POST", body: form });
    renderBatch(body);
    let refused = [];
    try { refused = JSON.parse(decodeURIComponent(res.headers.get("x-taizhang-refused") || "%5B%5D")); } catch (e) { refused = []; }
    say("intake-msg", "已保存 " + (list.length - refused.length) + " 个文件，本月共 " + body.summary.files + " 个文件已检查。" +
      (refused.length ? " 以下文件不是表格、邮件或压缩包，未保存：" + refused.join("、") : ""), refused.length > 0);
    resetMerge();
  } catch (e) { say("intake-msg", e.message, true); }
  $("files").value = "";
}

// ---- 2 return ----
async function renderReturn() {
  const q = "?month=" + encodeURIComponent(month()) + ($("replies-ack").checked ? "&ack=true" : "");
  $("download-report").href = withToken("/files/report?month=" + encodeURIComponent(month()));
  $("download-replies").href = withToken("/files/replies" + q);
  const body = $("return-list").tBodies[0];
  body.replaceChildren();
  let replies = [];
  try { replies = (await api("/api/replies" + q)).body || []; } catch (e) { replies = []; }
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
      el("td", {}, f.unit),
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
  if (!dryRun) loadUndo();
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
  const left = 210, barW = 520, rowH = 28, top = 36;
  const height = top + units.length * rowH + 10;
  const root = svg("svg", { width: left + barW + 60, height, role: "img", "aria-label": "各单位项目状态" });
  status.statuses.forEach((label, i) => {
    root.append(svg("rect", { x: left + i * 100, y: 6, width: 14, height: 14, fill: status.colours[i] }));
    root.append(svg("text", { x: left + i * 100 + 20, y: 18, "font-size": 14 }, label));
  });
  units.forEach((u, r) => {
    const y = top + r * rowH;
    root.append(svg("text", { x: left - 8, y: y + 17, "text-anchor": "end", "font-size": 14 }, u.unit));
    let x = left;
    u.by_status.forEach((n, i) => {
      if (n === 0) return;
      const w = (n / max) * barW;
      const rect = svg("rect", { x, y: y + 3, width: w, height: rowH - 8, fill: status.colours[i] });
      rect.append(svg("title", {}, u.unit + "：" + status.statuses[i] + " " + n + " 个"));
      root.append(rect);
      x += w;
    });
    root.append(svg("text", { x: x + 6, y: y + 17, "font-size": 13 }, u.projects));
  });
  return root;
}

async function loadStatus() {
  const asOf = $("as-of").value;
  $("download-status").href = withToken("/files/status?as_of=" + encodeURIComponent(asOf));
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
  $("as-of").value = defaultAsOf();
  $("download-status").href = withToken("/files/status?as_of=" + encodeURIComponent($("as-of").value));
  loadChecks();
}

async function start() {
  for (const b of document.querySelectorAll(".step")) b.addEventListener("click", () => show(b.dataset.step));
  $("files").addEventListener("change", (e) => upload(e.target.files));
  const drop = $("drop");
  // A file dropped anywhere else must not make the browser leave the page.
  for (const t of ["dragover", "drop"]) document.addEventListener(t, (e) => e.preventDefault());
  drop.addEventListener("dragover", () => drop.classList.add("over"));
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { drop.classList.remove("over"); upload(e.dataTransfer.files); });
  $("only-problems").addEventListener("change", () => lastBatch && renderBatch(lastBatch));
  $("replies-ack").addEventListener("change", renderReturn);
  $("preview").addEventListener("click", () => merge(true));
  $("do-merge").addEventListener("click", () => merge(false));
  $("undo").addEventListener("click", undoLast);
  $("load-status").addEventListener("click", loadStatus);
  $("as-of").addEventListener("change", () => {
    $("download-status").href = withToken("/files/status?as_of=" + encodeURIComponent($("as-of").value));
  });
  $("month").addEventListener("change", onMonthChange);
  $("download-ledger").href = withToken("/files/ledger");
  $("download-scoresheet").href = withToken("/files/scoresheet");
  $("download-ranking").href = withToken("/files/ranking");
  $("download-exemplary").href = withToken("/files/exemplary");
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
  $("month").value = meta.month;
  onMonthChange();
  loadUndo();
}

start();
