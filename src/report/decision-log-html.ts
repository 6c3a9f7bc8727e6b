// The decision log (plan.decisions) as HTML: one table per pass in the order
// the passes ran, a row per decision — what kind of remark, about what, what
// was chosen, the numbers that decided — and the rejected options under it.
// The same content `dagc explain` prints, for a reader in a browser.
import type { Decision } from '../passes/decision-log.ts';
import { formatNumbers } from './format.ts';
import { escapeHtml } from './html-escape.ts';

export function decisionLogHtml(decisions: readonly Decision[]): string {
  if (decisions.length === 0) return '<p>The plan records no decisions.</p>';
  const byPass: Array<{ pass: string; decisions: Decision[] }> = [];
  for (const decision of decisions) {
    const last = byPass[byPass.length - 1];
    if (last && last.pass === decision.pass) last.decisions.push(decision);
    else byPass.push({ pass: decision.pass, decisions: [decision] });
  }
  return byPass
    .map(({ pass, decisions: list }) => {
      const rows = list
        .map((d) => {
          const rejected = d.rejected.length === 0 ? '' : `<ul class="rejected">${d.rejected.map((r) => `<li>rejected <b>${escapeHtml(r.option)}</b>: ${escapeHtml(r.reason)}${r.numbers ? ` <span class="numbers">${escapeHtml(formatNumbers(r.numbers))}</span>` : ''}</li>`).join('')}</ul>`;
          return `<tr class="decision ${d.kind}"><td class="kind">${d.kind}</td><td>${escapeHtml(d.subject)}</td><td>${escapeHtml(d.chosen)}${rejected}</td><td class="numbers">${escapeHtml(formatNumbers(d.numbers))}</td></tr>`;
        })
        .join('\n');
      return `<details open class="pass"><summary>${escapeHtml(pass)} <span class="count">(${list.length})</span></summary>\n<table class="decisions"><thead><tr><th>kind</th><th>subject</th><th>chosen</th><th>numbers</th></tr></thead><tbody>\n${rows}\n</tbody></table></details>`;
    })
    .join('\n');
}
