// The dashboard's views: ranking, unit profile, trends, framework, map, robustness and what-if.
"use strict";
const VIEW_RENDERERS = {};

function periodSelect(value, onchange) {
  return el("label", {}, t("period"), " ", el("select", { id: "period-select", onchange: (e) => onchange(e.target.value) },
    ...ctx.run.periods.slice().reverse().map((p) => el("option", { value: p, selected: String(p) === String(value) }, p))));
}

function nodeSelect(value, onchange, { indicators = false } = {}) {
  const nodes = ctx.nodes.filter((n) => indicators || !n.is_indicator);
  return el("label", {}, t("node"), " ", el("select", { id: "node-select", onchange: (e) => onchange(e.target.value) },
    ...nodes.map((n) => el("option", { value: n.code, selected: n.code === value }, `${"· ".repeat(Math.max(0, (ctx.byNode[ctx.root].level - n.level)))}${nodeName(n.code)}`))));
}

function section(title, ...kids) {
  return el("section", { class: "panel" }, el("h2", {}, title), ...kids);
}

function latest() { return ctx.run.periods[ctx.run.periods.length - 1]; }

// --- ranking ------------------------------------------------------------------------------------
const RANK_SORT = { key: "rank", dir: 1 };

VIEW_RENDERERS.ranking = async (r) => {
  const period = r.params.get("period") || latest();
  const node = r.params.get("node") || ctx.root;
  const [rows, page] = await Promise.all([
    getJSON(`/runs/${ctx.run.run_id}/ranking`, { node, period }),
    getJSON(`/runs/${ctx.run.run_id}/scores`, { period, limit: 100000 }),
  ]);
  const kids = ctx.nodes.filter((n) => n.parent === node).map((n) => n.code);
  const dims = {};
  for (const s of page.items) (dims[s.unit] ||= {})[s.node] = s;
  const table = el("table", { id: "ranking-table", class: "data sortable" });
  const filter = el("input", { id: "ranking-filter", type: "search", placeholder: t("filterHint"), "aria-label": t("filter") });
  const count = el("span", { class: "count" });
  const cols = [
    { key: "rank", label: t("rank"), value: (m) => m.rank, num: true },
    { key: "change", label: t("change"), value: (m) => m.change, num: true },
    { key: "unit", label: t("unit"), value: (m) => unitName(m.unit) },
    { key: "score", label: t("score"), value: (m) => m.score, num: true },
    ...kids.map((k) => ({ key: k, label: nodeName(k), value: (m) => (dims[m.unit] && dims[m.unit][k] ? dims[m.unit][k].score : null), num: true })),
  ];
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = rows.filter((m) => !q || unitName(m.unit).toLowerCase().includes(q) || m.unit.toLowerCase().includes(q));
    const col = cols.find((c) => c.key === RANK_SORT.key) || cols[0];
    shown.sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (col.num ? x - y : String(x).localeCompare(String(y), LANG)) * RANK_SORT.dir;
    });
    const head = el("tr", {}, ...cols.map((c) => el("th", {
      "data-key": c.key, class: c.num ? "num" : null, tabindex: "0",
      "aria-sort": c.key === RANK_SORT.key ? (RANK_SORT.dir > 0 ? "ascending" : "descending") : "none",
      onclick: () => { RANK_SORT.dir = RANK_SORT.key === c.key ? -RANK_SORT.dir : 1; RANK_SORT.key = c.key; draw(); },
    }, c.label)));
    const body = shown.map((m) => el("tr", { "data-unit": m.unit, onclick: () => go("profile", m.unit, { period }) },
      el("td", { class: "num rank" }, m.rank ?? "–"),
      el("td", { class: "num" }, arrow(m.change)),
      el("td", { class: "unit" }, unitName(m.unit)),
      el("td", { class: "num score" }, fmt(m.score)),
      ...kids.map((k) => el("td", { class: "num" }, fmt(dims[m.unit] && dims[m.unit][k] ? dims[m.unit][k].score : null))),
    ));
    table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...body));
    count.textContent = t("unitsShown", { n: shown.length });
  };
  filter.addEventListener("input", draw);
  draw();
  const bar = chart({
    grid: { left: 110, right: 30, top: 10, bottom: 30 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "value" },
    yAxis: { type: "category", inverse: true, data: rows.map((m) => unitName(m.unit)), axisLabel: { fontSize: 11 } },
    series: [{ type: "bar", data: rows.map((m) => m.score), itemStyle: { color: "#1f4e79" } }],
  }, { height: Math.max(240, rows.length * 18 + 40), onclick: (p) => go("profile", rows[p.dataIndex].unit) });
  return el("div", { class: "view-ranking" },
    el("div", { class: "toolbar" },
      periodSelect(period, (p) => go("ranking", null, { period: p, node })),
      nodeSelect(node, (n) => go("ranking", null, { period, node: n })),
      filter, count,
      el("a", { class: "download", href: csvLink(`/runs/${ctx.run.run_id}/ranking`, { node, period }) }, t("download"))),
    el("div", { class: "ranking-grid" }, section(`${nodeName(node)} · ${period}`, table), section(t("score"), bar)));
};

// --- unit profile ---------------------------------------------------------------------------------
VIEW_RENDERERS.profile = async (r) => {
  const unit = r.arg || (await getJSON(`/runs/${ctx.run.run_id}/ranking`))[0].unit;
  const period = r.params.get("period") || undefined;
  const p = await getJSON(`/runs/${ctx.run.run_id}/units/${encodeURIComponent(unit)}/profile`, { period });
  const facts = await getJSON("/facts", { unit, limit: 50 });
  const periods = ctx.run.periods;
  const series = (node, what) => periods.map((y) => {
    const s = p.scores.find((x) => x.node === node && String(x.period) === String(y));
    return s ? s[what] : null;
  });
  const unitSel = el("select", { id: "unit-select", "aria-label": t("chooseUnit"), onchange: (e) => go("profile", e.target.value) },
    ...ctx.units.slice().sort((a, b) => unitName(a.code).localeCompare(unitName(b.code), LANG))
      .map((u) => el("option", { value: u.code, selected: u.code === unit }, unitName(u.code))));
  const overTime = chart({
    tooltip: { trigger: "axis" }, legend: { top: 0 },
    grid: { left: 50, right: 50, top: 40, bottom: 30 },
    xAxis: { type: "category", data: periods },
    yAxis: [{ type: "value", name: t("score"), scale: true }, { type: "value", name: t("rank"), inverse: true, minInterval: 1, min: 1, max: ctx.units.length }],
    series: [
      { name: t("score"), type: "line", data: series(ctx.root, "score"), symbolSize: 6 },
      { name: `${t("rank")}`, type: "line", yAxisIndex: 1, data: series(ctx.root, "rank"), lineStyle: { type: "dashed" } },
    ],
  }, { height: 300, cls: "chart profile-chart" });
  const dimRanks = chart({
    tooltip: { trigger: "axis" }, legend: { top: 0, type: "scroll" },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: periods },
    yAxis: { type: "value", inverse: true, minInterval: 1, min: 1, max: ctx.units.length, name: t("rank") },
    series: ctx.children.map((c) => ({ name: nodeName(c), type: "line", data: series(c, "rank") })),
  }, { height: 300, cls: "chart profile-chart" });
  const now = p.scores.filter((s) => String(s.period) === String(p.period));
  const dimTable = el("table", { class: "data" },
    el("thead", {}, el("tr", {}, el("th", {}, t("node")), el("th", { class: "num" }, t("score")), el("th", { class: "num" }, t("rank")))),
    el("tbody", {}, ...[ctx.root, ...ctx.children].map((c) => {
      const s = now.find((x) => x.node === c) || {};
      return el("tr", { class: c === ctx.root ? "total" : null }, el("td", {}, nodeName(c)), el("td", { class: "num" }, fmt(s.score)), el("td", { class: "num" }, s.rank ?? "–"));
    })));
  const list = (kind) => {
    const items = p.strengths.filter((s) => s.kind === kind).slice(0, 6);
    return items.length ? el("ul", { class: kind }, ...items.map((s) => el("li", {}, `${nodeName(s.node)}: ${t("rank")} ${s.rank} (${s.gap > 0 ? "+" : ""}${s.gap})`))) : el("p", { class: "muted" }, t("none"));
  };
  const notes = [];
  if (p.streak && p.streak.length > 1) notes.push(el("li", {}, t("streak", { n: p.streak.length, r: p.streak.rank, s: p.streak.since })));
  for (const rec of p.records) notes.push(el("li", {}, `${t("record")}: ${t((rec.direction === "best" ? "best" : "worst") + (rec.what === "rank" ? "Rank" : "Score"))} ${rec.what === "rank" ? rec.value : fmt(rec.value)}`));
  const intervals = p.intervals.length ? el("table", { class: "data", id: "profile-intervals" },
    el("thead", {}, el("tr", {}, el("th", {}, t("period")), el("th", { class: "num" }, t("nominal")), el("th", { class: "num" }, t("median")), el("th", {}, t("interval")))),
    el("tbody", {}, ...p.intervals.map((i) => el("tr", {}, el("td", {}, i.period), el("td", { class: "num" }, i.nominal_rank ?? "–"), el("td", { class: "num" }, fmt(i.median_rank, 1)), el("td", {}, `${fmt(i.q05_rank, 1)} – ${fmt(i.q95_rank, 1)}`)))))
    : el("p", { class: "muted" }, t("noAudit"));
  const factList = facts.items.length ? el("ul", { class: "facts-list" }, ...facts.items.map((f) => el("li", {},
    el("a", { href: `#/facts/${f.doc_id}?fact=${f.idx}` }, f.record.text), " ", el("span", { class: "muted" }, `${f.record.subject || ""} ${f.record.period || ""}`))))
    : el("p", { class: "muted" }, t("noFacts"));
  return el("div", { class: "view-profile" },
    el("div", { class: "toolbar" }, el("label", {}, t("chooseUnit"), " ", unitSel),
      el("span", { class: "muted" }, `${t("latest")}: ${p.period}`),
      el("a", { class: "download", href: csvLink(`/runs/${ctx.run.run_id}/scores`, { unit, limit: 100000 }) }, t("download"))),
    el("h1", { id: "profile-title" }, unitName(unit)),
    el("div", { class: "two" }, section(t("overTime"), overTime), section(t("dimRanks"), dimRanks)),
    el("div", { class: "three" },
      section(`${p.period}`, dimTable),
      section(t("strengths"), list("strength"), el("h2", {}, t("weaknesses")), list("weakness"), notes.length ? el("ul", { class: "notes" }, ...notes) : null),
      section(t("interval"), intervals)),
    section(t("unitFacts"), factList));
};

// --- trends -----------------------------------------------------------------------------------------
VIEW_RENDERERS.trends = async (r) => {
  const node = r.params.get("node") || ctx.root;
  const metric = r.params.get("metric") || "score";
  const page = await getJSON(`/runs/${ctx.run.run_id}/scores`, { node, limit: 100000 });
  const ranking = await getJSON(`/runs/${ctx.run.run_id}/ranking`, { node });
  const chosen = (r.params.get("units") || ranking.slice(0, 5).map((m) => m.unit).join(",")).split(",").filter(Boolean);
  const periods = ctx.run.periods;
  const by = {};
  for (const s of page.items) (by[s.unit] ||= {})[String(s.period)] = s;
  const lines = chart({
    tooltip: { trigger: "axis" }, legend: { top: 0, type: "scroll" },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: periods },
    yAxis: metric === "rank" ? { type: "value", inverse: true, min: 1, max: ctx.units.length, minInterval: 1 } : { type: "value", scale: true },
    series: chosen.map((u) => ({ name: unitName(u), type: "line", data: periods.map((y) => (by[u] && by[u][String(y)] ? by[u][String(y)][metric] : null)) })),
  }, { height: 420, cls: "chart trends-chart" });
  const params = (extra) => Object.assign({ node, metric, units: chosen.join(",") }, extra);
  const boxes = el("div", { class: "unit-boxes" }, ...ranking.map((m) => el("label", {},
    el("input", { type: "checkbox", value: m.unit, checked: chosen.includes(m.unit), onchange: (e) => {
      const next = e.target.checked ? [...chosen, m.unit] : chosen.filter((u) => u !== m.unit);
      go("trends", null, params({ units: next.join(",") }));
    } }), " ", unitName(m.unit))));
  return el("div", { class: "view-trends" },
    el("div", { class: "toolbar" }, nodeSelect(node, (n) => go("trends", null, params({ node: n }))),
      el("label", {}, t("metric"), " ", el("select", { onchange: (e) => go("trends", null, params({ metric: e.target.value })) },
        el("option", { value: "score", selected: metric === "score" }, t("score")), el("option", { value: "rank", selected: metric === "rank" }, t("rank")))),
      el("a", { class: "download", href: csvLink(`/runs/${ctx.run.run_id}/scores`, { node, limit: 100000 }) }, t("download"))),
    section(`${nodeName(node)} · ${t(metric)}`, lines), section(t("trendNote"), boxes));
};

// --- framework ------------------------------------------------------------------------------------
VIEW_RENDERERS.framework = async () => {
  const kids = (code) => ctx.nodes.filter((n) => n.parent === code);
  const tree = (n) => ({ name: nodeName(n.code), value: n.weight, children: kids(n.code).map(tree) });
  const leaves = ctx.nodes.filter((n) => n.is_indicator).length;
  const chartBox = chart({
    tooltip: { formatter: (p) => `${p.name}<br>${t("weight")}: ${fmt(p.value, 3)}` },
    series: [{ type: "tree", data: [tree(ctx.byNode[ctx.root])], orient: "LR", left: 160, right: 330, top: 10, bottom: 10,
      symbolSize: 8, initialTreeDepth: -1, expandAndCollapse: true, label: { position: "left", fontSize: 12 },
      leaves: { label: { position: "right", align: "left" } } }],
  }, { height: Math.max(420, leaves * 22), cls: "chart framework-chart" });
  const table = el("table", { class: "data", id: "framework-table" },
    el("thead", {}, el("tr", {}, ...["code", "name", "level", "weight", "direction", "munit"].map((k) => el("th", { class: ["level", "weight", "direction"].includes(k) ? "num" : null }, t(k))))),
    el("tbody", {}, ...ctx.nodes.map((n) => el("tr", { class: n.is_indicator ? null : "aggregate" },
      el("td", {}, el("code", {}, n.code)), el("td", {}, nodeName(n.code)), el("td", { class: "num" }, n.level),
      el("td", { class: "num" }, fmt(n.weight, 3)), el("td", { class: "num" }, n.is_indicator ? (n.direction > 0 ? "+" : "−") : ""),
      el("td", {}, n.unit || "")))));
  return el("div", { class: "view-framework" }, section(t("tree"), chartBox), section(t("table"), table));
};

// --- map -------------------------------------------------------------------------------------------
VIEW_RENDERERS.map = async (r) => {
  const period = r.params.get("period") || latest();
  const node = r.params.get("node") || ctx.root;
  const provinces = ctx.units.filter((u) => u.region_code);
  const toolbar = el("div", { class: "toolbar" }, periodSelect(period, (p) => go("map", null, { period: p, node })),
    nodeSelect(node, (n) => go("map", null, { period, node: n })));
  if (!provinces.length) return el("div", {}, toolbar, el("p", { class: "empty" }, t("notProvinces")));
  const geo = await chinaMap();
  const page = await getJSON(`/runs/${ctx.run.run_id}/scores`, { node, period, limit: 100000 });
  const byCode = Object.fromEntries(provinces.map((u) => [u.region_code, u]));
  const nameOf = {};
  for (const f of geo.features) {
    const u = byCode[String(f.id)];
    nameOf[f.properties.name] = u ? unitName(u.code) : f.properties.name;
  }
  const featureOf = Object.fromEntries(geo.features.map((f) => [String(f.id), f.properties.name]));
  const data = page.items.filter((s) => ctx.byUnit[s.unit] && ctx.byUnit[s.unit].region_code)
    .map((s) => ({ name: nameOf[featureOf[ctx.byUnit[s.unit].region_code]], value: s.score, rank: s.rank, unit: s.unit }));
  const values = data.map((d) => d.value).filter((v) => v !== null);
  const map = chart({
    tooltip: { trigger: "item", formatter: (p) => (p.data ? `${p.name}<br>${t("score")}: ${fmt(p.data.value)}<br>${t("rank")}: ${p.data.rank ?? "–"}` : p.name) },
    visualMap: { min: Math.min(...values), max: Math.max(...values), left: 10, bottom: 20, calculable: true, text: [t("score"), ""],
      inRange: { color: ["#e8f0f8", "#9ec3e6", "#3a7dbf", "#173f6b"] } },
    series: [{ type: "map", map: "china-provinces", nameMap: nameOf, roam: true, data, label: { show: false },
      emphasis: { label: { show: true } }, itemStyle: { borderColor: "#fff", areaColor: "#eee" } }],
  }, { height: 560, cls: "chart map-chart", onclick: (p) => p.data && go("profile", p.data.unit) });
  return el("div", { class: "view-map" }, toolbar, section(`${nodeName(node)} · ${period}`, map,
    el("p", { class: "muted small" }, el("a", { href: "/vendor/china-provinces-LICENSE.md" }, t("mapNote")))));
};

// --- robustness (audits) --------------------------------------------------------------------------
VIEW_RENDERERS.audit = async () => {
  const audits = await getJSON("/audits", { run: ctx.run.run_id });
  const ua = audits.filter((a) => a.kind === "uncertainty").pop();
  const sa = audits.filter((a) => a.kind === "sensitivity").pop();
  const parts = [];
  if (!ua && !sa) return el("div", {}, el("p", { class: "empty" }, t("noAudit")));
  if (ua) {
    const rows = (await getJSON(`/audits/${ua.audit_id}/intervals`)).slice().sort((a, b) => (a.nominal_rank ?? 1e9) - (b.nominal_rank ?? 1e9));
    const names = rows.map((i) => unitName(i.unit));
    const box = chart({
      tooltip: { trigger: "axis" }, legend: { top: 0, data: [t("interval"), t("median"), t("nominal")] },
      grid: { left: 110, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "value", min: 1, name: t("rank") },
      yAxis: { type: "category", inverse: true, data: names },
      series: [
        { name: "q05", type: "bar", stack: "i", data: rows.map((i) => i.q05_rank), itemStyle: { color: "transparent" }, tooltip: { show: false } },
        { name: t("interval"), type: "bar", stack: "i", data: rows.map((i) => Math.max(i.q95_rank - i.q05_rank, 0.15)), itemStyle: { color: "#9ec3e6" } },
        { name: t("median"), type: "scatter", data: rows.map((i) => i.median_rank), symbol: "diamond", symbolSize: 9, itemStyle: { color: "#1f4e79" } },
        { name: t("nominal"), type: "scatter", data: rows.map((i) => i.nominal_rank), symbolSize: 7, itemStyle: { color: "#c0504d" } },
      ],
    }, { height: Math.max(300, rows.length * 20 + 60), cls: "chart intervals-chart" });
    parts.push(section(`${t("intervals")} · ${ua.period} · ${t("runsN", { n: ua.runs })}`, box,
      el("a", { class: "download", href: `${API}/audits/${ua.audit_id}/intervals?format=csv` }, t("download"))));
  }
  if (sa) {
    const rows = await getJSON(`/audits/${sa.audit_id}/sobol`);
    const box = chart({
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 140, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "value", min: 0 }, yAxis: { type: "category", data: rows.map((s) => s.factor) },
      series: [{ name: t("s1"), type: "bar", data: rows.map((s) => s.s1) }, { name: t("st"), type: "bar", data: rows.map((s) => s.st) }],
    }, { height: Math.max(240, rows.length * 40 + 80), cls: "chart sobol-chart" });
    parts.push(section(`${t("sobol")} · ${t("runsN", { n: sa.runs })}`, box, el("table", { class: "data" },
      el("thead", {}, el("tr", {}, el("th", {}, t("factor")), el("th", { class: "num" }, t("s1")), el("th", { class: "num" }, t("st")))),
      el("tbody", {}, ...rows.map((s) => el("tr", { class: s.flagged ? "flagged" : null }, el("td", {}, s.factor),
        el("td", { class: "num" }, `${fmt(s.s1, 3)} [${fmt(s.s1_low, 2)}, ${fmt(s.s1_high, 2)}]`),
        el("td", { class: "num" }, `${fmt(s.st, 3)} [${fmt(s.st_low, 2)}, ${fmt(s.st_high, 2)}]`)))))));
  }
  return el("div", { class: "view-audit two" }, ...parts);
};

// --- what-if ---------------------------------------------------------------------------------------
VIEW_RENDERERS.whatif = async (r) => {
  const period = r.params.get("period") || latest();
  const base = await getJSON(`/runs/${ctx.run.run_id}/whatif`, { period });
  const sum = Object.values(base.run_weights).reduce((a, b) => a + b, 0) || 1;
  const weights = Object.fromEntries(Object.entries(base.run_weights).map(([k, v]) => [k, Math.round((1000 * v) / sum) / 1000]));
  const table = el("table", { id: "whatif-table", class: "data" });
  const status = el("p", { class: "muted", id: "whatif-status" });
  const drawRows = (res) => {
    table.replaceChildren(
      el("thead", {}, el("tr", {}, el("th", { class: "num" }, t("newRank")), el("th", {}, t("change")), el("th", {}, t("unit")),
        el("th", { class: "num" }, t("newScore")), el("th", { class: "num" }, t("nominal")), el("th", { class: "num" }, t("runScore")))),
      el("tbody", {}, ...res.rows.map((w) => el("tr", { "data-unit": w.unit },
        el("td", { class: "num rank" }, w.rank ?? "–"), el("td", { class: "change", "data-change": w.change ?? "" }, arrow(w.change)),
        el("td", {}, unitName(w.unit)), el("td", { class: "num" }, fmt(w.score)), el("td", { class: "num" }, w.nominal_rank ?? "–"),
        el("td", { class: "num" }, fmt(w.nominal_score))))));
  };
  let pending = null;
  const update = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      const spec = Object.entries(weights).map(([k, v]) => `${k}:${v}`).join(",");
      try { drawRows(await getJSON(`/runs/${ctx.run.run_id}/whatif`, { period, weights: spec })); status.textContent = ""; }
      catch (err) { status.textContent = err.message; }
    }, 120);
  };
  const total = () => Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  const shares = {};
  const sliders = ctx.children.map((c) => {
    const share = el("span", { class: "share" });
    shares[c] = share;
    const input = el("input", { type: "range", min: "0", max: "1", step: "0.01", value: String(weights[c]), "data-node": c, "aria-label": nodeName(c),
      oninput: (e) => { weights[c] = Number(e.target.value); paint(); update(); } });
    return el("div", { class: "slider" }, el("label", {}, nodeName(c)), input, share);
  });
  const paint = () => { for (const c of ctx.children) shares[c].textContent = `${Math.round((100 * weights[c]) / total())}%`; };
  paint();
  drawRows(base);
  const reset = el("button", { type: "button", onclick: () => go("whatif", null, { period, t: Date.now() }) }, t("reset"));
  const save = el("button", { type: "button", id: "whatif-save", disabled: !ctx.info.workspace, onclick: async () => {
    try {
      const job = await postJSON("/runs", { overrides: { weights: { method: "given", values: weights } }, wait: 0 });
      status.textContent = t("jobQueued", { id: job.job_id.slice(0, 8) });
      let state = job;
      while (state.status === "queued" || state.status === "running") {
        await new Promise((ok) => setTimeout(ok, 500));
        state = await getJSON(`/jobs/${job.job_id}`);
      }
      if (state.status === "done") { status.textContent = t("jobDone", { id: state.result.run_id }); await refreshRuns(state.result.run_id); renderTrace(); }
      else status.textContent = t("jobFailed", { msg: `${state.error.code} ${state.error.title}: ${state.error.detail}` });
    } catch (err) { status.textContent = err.message; }
  } }, t("saveRun"));
  return el("div", { class: "view-whatif two" },
    section(`${t("weightsOf")} · ${nodeName(ctx.root)} · ${period}`, el("div", { class: "toolbar" }, periodSelect(period, (p) => go("whatif", null, { period: p }))),
      ...sliders, el("div", { class: "toolbar" }, reset, save), status),
    section(t("ranking"), table));
};
