// The page's stylesheet, inlined into the report (no file or font is fetched
// when the page is viewed). System fonts only; wide content (a workflow of a
// hundred steps) scrolls inside its own box instead of shrinking to nothing.
export const PAGE_STYLE = `
:root { color-scheme: light; }
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; color: #0f172a; background: #f8fafc; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 8px; border-bottom: 1px solid #e2e8f0; padding-bottom: 4px; }
p.lead { color: #475569; margin: 0 0 16px; }
section { background: #ffffff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.summary dt { color: #475569; }
dl.summary dd { margin: 0; font-variant-numeric: tabular-nums; }
.ok { color: #047857; font-weight: bold; }
.miss { color: #b91c1c; font-weight: bold; }
.warning { background: #fffbeb; border: 1px solid #f59e0b; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.graph-box svg { display: block; margin: 0 auto; }
.graph-box { overflow: auto; max-height: 900px; border: 1px solid #e2e8f0; border-radius: 6px; background: #ffffff; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; margin: 8px 0; font-size: 13px; }
.legend svg { vertical-align: middle; margin-right: 4px; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart figcaption { color: #475569; font-size: 13px; margin-top: 4px; }
table { border-collapse: collapse; font-size: 13px; }
table.decisions { width: 100%; }
th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid #f1f5f9; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.numbers, span.numbers { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12px; color: #334155; }
tr.decision.missed td.kind { color: #b45309; }
tr.decision.passed td.kind { color: #047857; }
tr.decision.analysis td.kind { color: #475569; }
ul.rejected { margin: 4px 0 0; padding-left: 18px; color: #475569; }
details.pass { margin: 8px 0; }
details.pass summary { font-weight: bold; cursor: pointer; }
span.count { color: #64748b; font-weight: normal; }
`;
