// report.html of a reproduction: the same content as report.md in one self-contained page (figures inlined as
// SVG), for opening from the folder or in the app.
import { formatDuration } from '../../src-shared/reproduction/projection';
import type { ReportData } from '../../src-shared/reproduction/report-schema';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const VERDICT_CLASS: Record<string, string> = { matches: 'ok', 'same direction': 'part', differs: 'bad', 'not measured': 'none' };

function diff(d: number | null, kind: string): string {
  if (d === null || !Number.isFinite(d)) return '';
  const v = Math.abs(d) >= 100 ? d.toFixed(1) : Math.abs(d) >= 1 ? d.toFixed(2) : d.toPrecision(3);
  return `${d > 0 ? '+' : ''}${v}${kind === 'relative' ? ' pp' : ''}`;
}

/** `svgOf(relativePath)` gives a figure's SVG text to inline (null: linked instead). */
export function renderReportHtml(r: ReportData, svgOf: (rel: string) => string | null): string {
  const c = r.counts;
  const rows = r.claims
    .map(
      (x) =>
        `<tr class="${VERDICT_CLASS[x.verdict]}"><td>${esc(x.figure)}</td><td>${esc(x.section)}</td><td>${esc(x.claim)}</td><td>${esc(x.paper)}</td>` +
        `<td>${esc(x.measured)}</td><td>${esc(diff(x.difference, x.kind))}</td><td class="verdict" title="${esc(x.rule)}">${esc(x.verdict)}</td></tr>`,
    )
    .join('\n');
  const figures = r.figures
    .map((f) => {
      const svg = f.files.find((p) => p.endsWith('.svg'));
      const body = svg ? (svgOf(svg) ?? `<img src="${esc(svg)}" alt="${esc(f.label)}">`) : `<p>A table: sheet <code>${esc(f.id)}</code> of ${esc(r.files.xlsx)}.</p>`;
      const links = f.files.map((p) => `<a href="${esc(p)}">${esc(p.split('/').pop() ?? p)}</a>`).join(' · ');
      const notes = f.warnings.map((w) => `<li>${esc(w)}</li>`).join('');
      return `<section class="figure"><h3>${esc(f.label)}: ${esc(f.title)}</h3>${body}<p>${links}</p>${notes ? `<ul class="notes">${notes}</ul>` : ''}</section>`;
    })
    .join('\n');
  const readings = r.readings.length
    ? `<table><tr><th>Where</th><th>Setting</th><th>Value</th><th>Default</th><th>Kind</th><th>Model notes</th></tr>${r.readings
        .map((x) => `<tr><td>${esc(x.scope)}</td><td><code>${esc(x.key)}</code></td><td>${esc(x.value)}</td><td>${esc(x.default)}</td><td>${esc(x.kind)}</td><td>${x.note ? `<a href="${esc(x.note)}">notes</a>` : ''}</td></tr>`)
        .join('')}</table>`
    : '<p>Every scenario field and hyper-parameter is the workbench default.</p>';
  const notes = r.notes.map((n) => `<li><a href="${esc(n.link)}">${esc(n.title)}</a></li>`).join('');
  const runs = r.runs;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reproduction of ${esc(r.experiment)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}tr.ok .verdict{background:#d9f2d9}tr.part .verdict{background:#fff2cc}tr.bad .verdict{background:#f8d0d0}tr.none .verdict{color:#777}
.figure svg{max-width:100%;height:auto}.smoke{background:#fff2cc;padding:.5em 1em;border-left:4px solid #e0b000}code{background:#f3f3f3;padding:0 3px}
</style></head><body>
<h1>Reproduction of ${esc(r.experiment)}: ${esc(r.title)}</h1>
<p>${esc(r.source)}. Scale <b>${esc(r.scale)}</b>; written ${esc(r.writtenAt)}.</p>
${r.scale === 'smoke' ? '<p class="smoke">Smoke scale proves the pipeline only: the learners are still exploring, so no verdict says anything about the paper.</p>' : ''}
<p id="verdict-counts">Verdicts: ${c.matches} matches, ${c['same direction']} same direction, ${c.differs} differs, ${c['not measured']} not measured.</p>
<h2>Claims beside the measured values</h2>
${r.claims.length ? `<table id="claims"><tr><th>Figure</th><th>Section</th><th>Claim</th><th>Paper</th><th>Measured (mean ± std over seeds)</th><th>Difference</th><th>Verdict</th></tr>\n${rows}</table><p>Hover a verdict for its rule and tolerance.</p>` : '<p>No claims of the paper are about these figures.</p>'}
<h2>Figures</h2>
${figures}
<h2>Readings in force</h2>
${readings}
${notes ? `<p>The defaults follow the papers; where they leave something open the reading is recorded in:</p><ul>${notes}</ul>` : ''}
<h2>How it was run</h2>
<ul>
<li>command: <code>${esc(r.command)}</code></li>
<li>runs: ${runs.count} (${esc(Object.entries(runs.statusCounts).map(([k, v]) => `${v} ${k}`).join(', ') || 'none')}); algorithms: ${esc(runs.algorithms.join(', ') || '-')}</li>
<li>seeds: ${esc(runs.seeds.join(', ') || '-')}; episodes per run: ${runs.episodes}${runs.slots !== null ? ` of ${runs.slots} slots` : ''}; evaluation: ${runs.evalEvery > 0 ? `${runs.evalEpisodes} exploration-off episodes every ${runs.evalEvery} episodes and after the last` : 'none'}</li>
<li>backend: ${esc(runs.backends.join(', ') || '-')}</li>
<li>versions: ${esc(Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(', '))}</li>
<li>wall time: ${formatDuration(runs.runsWallTimeS)} in runs (sum), ${formatDuration(r.elapsedS)} this session</li>
<li>data: <a href="${esc(r.files.xlsx)}">${esc(r.files.xlsx)}</a>, <a href="${esc(r.files.csvDir)}/">${esc(r.files.csvDir)}/</a>, <a href="${esc(r.files.markdown)}">${esc(r.files.markdown)}</a></li>
</ul>
</body></html>
`;
}
