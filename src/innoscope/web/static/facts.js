// The fact browser: upload a document, see each fact highlighted in its source text.
"use strict";

function highlighted(text, facts) {
  const box = el("div", { class: "doc-text", id: "doc-text" });
  const spans = facts.map((f) => ({ f, start: f.source.start, end: f.source.end })).sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping spans: the first (longest) wins
    if (s.start > at) box.append(text.slice(at, s.start));
    const r = s.f.record;
    const tip = [`${t("value")}: ${r.value} ${r.unit || ""}`, r.subject ? `${t("subject")}: ${r.subject}` : "", r.period ? `${t("period")}: ${r.period}` : ""]
      .filter(Boolean).join("\n");
    box.append(el("mark", { class: "fact", "data-idx": s.f.idx, title: tip, tabindex: "0",
      onclick: () => selectFact(s.f.idx) }, text.slice(s.start, s.end)));
    at = s.end;
  }
  box.append(text.slice(at));
  return box;
}

function selectFact(idx) {
  document.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
  const mark = document.querySelector(`mark.fact[data-idx="${idx}"]`);
  const row = document.querySelector(`#facts-table tr[data-idx="${idx}"]`);
  for (const n of [mark, row]) if (n) { n.classList.add("selected"); n.scrollIntoView({ block: "center" }); }
}

function changeText(c) {
  if (!c) return "";
  const sign = (x) => (x > 0 ? "+" : "") + x;
  if (c.pct !== undefined && c.pct !== null) return `${sign(c.pct)}%${c.kind === "yoy" ? " (yoy)" : ""}`;
  if (c.pp !== undefined && c.pp !== null) return `${sign(c.pp)} pp`;
  if (c.times !== undefined && c.times !== null) return `×${c.times}`;
  if (c.delta !== undefined && c.delta !== null) return sign(c.delta);
  return c.kind || "";
}

function factTable(facts) {
  const fields = (r) => [r.text, fmt(r.value, r.value % 1 ? 2 : 0), r.unit || "", r.subject || "", r.period || "",
    changeText(r.change)];
  return el("table", { class: "data", id: "facts-table" },
    el("thead", {}, el("tr", {}, ...["text", "value", "munit", "subject", "period", "change"].map((k) => el("th", {}, t(k))))),
    el("tbody", {}, ...facts.map((f) => el("tr", { "data-idx": f.idx, onclick: () => selectFact(f.idx) }, ...fields(f.record).map((v) => el("td", {}, v))))));
}

async function documentPanel(docId, focus) {
  let body;
  try {
    body = await getJSON(`/documents/${docId}/text`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.error.code !== "E811") throw err;
    const doc = await getJSON(`/documents/${docId}`);
    const facts = (await getJSON("/facts", { doc_id: docId, limit: 100000 })).items;
    return section(doc.name, el("p", { class: "muted" }, t("textMissing")), ...facts.map((f) => el("p", { class: "sentence" }, f.record.sentence || f.record.text)), factTable(facts));
  }
  const panel = el("div", { class: "doc-panel" },
    section(`${body.document.name} · ${t("factsOf", { n: body.facts.length })}`, highlighted(body.text, body.facts)),
    section(t("facts"), el("a", { class: "download", href: csvLink("/facts", { doc_id: docId, limit: 100000 }) }, t("download")), factTable(body.facts)));
  if (focus !== null && focus !== undefined) PENDING_CHARTS.push(() => selectFact(focus));
  return panel;
}

VIEW_RENDERERS.facts = async (r) => {
  const docs = await getJSON("/documents");
  const chosen = r.arg || (docs.length ? docs[docs.length - 1].doc_id : null);
  const input = el("input", { type: "file", id: "upload-file", accept: ctx.info.document_types.join(","), "aria-label": t("uploadHint") });
  const status = el("p", { class: "muted", id: "upload-status" });
  const button = el("button", { type: "button", id: "upload-button", onclick: async () => {
    if (!input.files.length) { status.textContent = t("uploadHint"); return; }
    status.textContent = t("uploading");
    try {
      const res = await upload("/documents", input.files[0]);
      status.textContent = `${res.document.name}: ${t("factsOf", { n: res.facts.length })}`;
      go("facts", res.document.doc_id);
    } catch (err) { status.textContent = err.message; }
  } }, t("upload"));
  const list = docs.length ? el("ul", { class: "docs", id: "documents-list" }, ...docs.slice().reverse().map((d) => el("li", { class: d.doc_id === chosen ? "active" : null },
    el("a", { href: `#/facts/${d.doc_id}` }, d.name), el("span", { class: "muted" }, ` ${t("factsOf", { n: d.facts })} · ${d.lang}`))))
    : el("p", { class: "muted" }, t("noDocs"));
  const side = el("aside", { class: "panel side" }, el("h2", {}, t("upload")), input, button, status, el("h2", {}, t("documents")), list);
  const main = chosen ? await documentPanel(chosen, r.params.get("fact")) : el("div");
  return el("div", { class: "view-facts" }, side, main);
};
