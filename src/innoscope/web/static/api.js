// Talking to the server: every request goes to this page's own origin; writes carry the bearer token.
"use strict";
const API = "/api/v1";

class ApiError extends Error {
  constructor(body, status) {
    const e = (body && body.error) || { code: "E000", title: `HTTP ${status}`, where: "", detail: "", advice: "" };
    super(`${e.code} ${e.where ? e.where + ": " : ""}${e.title}${e.detail ? ": " + e.detail : ""}. ${e.advice}`);
    this.error = e;
    this.status = status;
  }
}

function token() {
  return document.querySelector('meta[name="innoscope-token"]').content || sessionStorage.getItem("innoscope-token") || "";
}

async function getJSON(path, params) {
  const url = new URL(API + path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  const r = await fetch(url);
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new ApiError(body, r.status);
  return body;
}

async function send(path, options, retry = true) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const r = await fetch(API + path, Object.assign({}, options, { headers }));
  const body = await r.json().catch(() => null);
  if ((r.status === 401 || r.status === 403) && retry) {
    const given = window.prompt(t("tokenPrompt"));
    if (given) {
      sessionStorage.setItem("innoscope-token", given.trim());
      return send(path, options, false);
    }
  }
  if (!r.ok) throw new ApiError(body, r.status);
  return body;
}

function postJSON(path, data) {
  return send(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
}

function upload(path, file, fields) {
  const form = new FormData();
  form.append("file", file);
  for (const [k, v] of Object.entries(fields || {})) form.append(k, v);
  return send(path, { method: "POST", body: form });
}

function csvLink(path, params) {
  const url = new URL(API + path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  url.searchParams.set("format", "csv");
  return url.pathname + url.search;
}
