// The dashboard's frame: the run and its framework and units, the navigation, the language, the routes.
"use strict";
const VIEWS = ["ranking", "profile", "trends", "framework", "map", "audit", "whatif", "facts"];
const ctx = { info: null, runs: [], run: null, units: [], nodes: [], byUnit: {}, byNode: {}, root: null, children: [] };

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}

function unitName(code) {
  const u = ctx.byUnit[code];
  if (!u) return code;
  return LANG === "en" ? u.name_en || u.name || code : u.name || code;
}

function nodeName(code) {
  const n = ctx.byNode[code];
  if (!n) return code;
  return (LANG === "zh" ? n.name_zh || n.name_en : n.name_en || n.name_zh) || code;
}

function fmt(x, digits = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  return Number(x).toLocaleString(LANG === "zh" ? "zh-CN" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function arrow(change) {
  if (change === null || change === undefined) return el("span", { class: "move new", title: t("newEntry") }, "·");
  if (change > 0) return el("span", { class: "move up", title: t("up") }, `▲${change}`);
  if (change < 0) return el("span", { class: "move down", title: t("down") }, `▼${-change}`);
  return el("span", { class: "move same", title: t("same") }, "–");
}

function route() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, "").split("/");
  const [view, query] = (name || "ranking").split("?");
  return { view: VIEWS.includes(view) ? view : "ranking", arg: rest.length ? decodeURIComponent(rest.join("/").split("?")[0]) : null,
           params: new URLSearchParams((location.hash.split("?")[1]) || "") };
}

function go(view, arg, params) {
  const q = params ? "?" + new URLSearchParams(params).toString() : "";
  location.hash = `#/${view}${arg ? "/" + encodeURIComponent(arg) : ""}${q}`;
}

function showError(err) {
  const box = el("div", { class: "error", role: "alert" }, err.message || String(err));
  const view = document.getElementById("view");
  view.prepend(box);
}

function renderNav() {
  const nav = document.getElementById("nav");
  nav.replaceChildren(...VIEWS.map((v) => el("a", { href: `#/${v}`, class: route().view === v ? "active" : null, "data-view": v }, t(v))));
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  document.getElementById("lang-switch").textContent = LANG === "zh" ? "English" : "中文";
}

function renderTrace() {
  const r = ctx.run;
  const box = document.getElementById("trace");
  if (!r) { box.textContent = ""; return; }
  box.replaceChildren(
    el("span", {}, `${t("run")} ${r.run_id}`), " · ", el("span", {}, r.label || "default"), " · ",
    el("code", { title: "framework_hash" }, `fw ${r.framework_hash.slice(0, 12)}`), " ",
    el("code", { title: "settings_hash" }, `settings ${r.settings_hash.slice(0, 12)}`),
  );
}

async function loadRun(id) {
  ctx.run = await getJSON(`/runs/${id}`);
  const [units, nodes] = await Promise.all([getJSON(`/runs/${id}/units`), getJSON(`/runs/${id}/framework`)]);
  ctx.units = units;
  ctx.nodes = nodes;
  ctx.byUnit = Object.fromEntries(units.map((u) => [u.code, u]));
  ctx.byNode = Object.fromEntries(nodes.map((n) => [n.code, n]));
  ctx.root = ctx.run.root;
  ctx.children = nodes.filter((n) => n.parent === ctx.root).map((n) => n.code);
  renderTrace();
}

function renderRunSelect() {
  const sel = document.getElementById("run-select");
  sel.replaceChildren(...ctx.runs.map((r) => el("option", { value: r.run_id, selected: ctx.run && r.run_id === ctx.run.run_id },
    `${r.run_id} · ${r.label || "default"}`)));
}

async function render() {
  renderNav();
  const view = document.getElementById("view");
  disposeCharts();
  if (!ctx.run) { view.replaceChildren(el("p", { class: "empty" }, t("noRuns"))); return; }
  const r = route();
  view.replaceChildren(el("p", { class: "loading" }, "…"));
  try {
    const content = await VIEW_RENDERERS[r.view](r);
    view.replaceChildren(content);
    view.dataset.view = r.view;
    for (const f of PENDING_CHARTS.splice(0)) f();
  } catch (err) {
    view.replaceChildren();
    showError(err);
  }
}

async function start() {
  setLanguage(LANG);
  document.getElementById("lang-switch").addEventListener("click", () => { setLanguage(LANG === "zh" ? "en" : "zh"); render(); });
  document.getElementById("run-select").addEventListener("change", async (e) => { await loadRun(e.target.value); render(); });
  window.addEventListener("hashchange", render);
  try {
    ctx.info = await getJSON("/info");
    document.getElementById("title").textContent = ctx.info.name;
    document.title = `${ctx.info.name} · innoscope`;
    ctx.runs = await getJSON("/runs");
    if (ctx.runs.length) await loadRun(ctx.runs[ctx.runs.length - 1].run_id);
    renderRunSelect();
  } catch (err) {
    if (!(err instanceof ApiError && err.error.code === "E402")) showError(err);
  }
  await render();
  document.body.dataset.ready = "1";
}

async function refreshRuns(select) {
  ctx.runs = await getJSON("/runs");
  if (select) await loadRun(select);
  renderRunSelect();
}

start();
