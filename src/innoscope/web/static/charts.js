// Charts: Apache ECharts drawn as SVG, made once their box is on the page and disposed with their view.
"use strict";
const CHARTS = [];
const PENDING_CHARTS = [];
const PALETTE = ["#1f4e79", "#c0504d", "#4f9a55", "#e39b2d", "#7a5ea8", "#2a9fb4", "#9c6b3c", "#d26fa6", "#6c7a89", "#b5b233"];

function chart(option, { height = 360, cls = "chart", onclick } = {}) {
  const box = el("div", { class: cls, style: `height:${height}px` });
  const make = () => {
    const c = echarts.init(box, null, { renderer: "svg" });
    c.setOption(Object.assign({ color: PALETTE, animation: false, textStyle: { fontFamily: "inherit" } }, option));
    if (onclick) c.on("click", onclick);
    CHARTS.push(c);
    box._chart = c;
  };
  if (document.body.contains(box)) make(); else PENDING_CHARTS.push(make);
  return box;
}

function disposeCharts() {
  for (const c of CHARTS.splice(0)) c.dispose();
  PENDING_CHARTS.length = 0;
}

window.addEventListener("resize", () => CHARTS.forEach((c) => c.resize()));

let CHINA_MAP = null;

async function chinaMap() {
  if (CHINA_MAP) return CHINA_MAP;
  const r = await fetch("/vendor/china-provinces.geojson");
  if (!r.ok) throw new Error("the map geometry is not installed (npm ci in src/innoscope/web)");
  const geo = await r.json();
  echarts.registerMap("china-provinces", geo);
  CHINA_MAP = geo;
  return geo;
}
