// report.md of a reproduction: the claims table (paper beside measured, verdict), the figures, the readings in
// force and what it takes to rerun it.
import { formatDuration } from '../../src-shared/reproduction/projection';
import type { ReportData } from '../../src-shared/reproduction/report-schema';

/** A table cell: pipes escaped, line breaks flattened. */
export function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fmtDiff(d: number | null, kind: string): string {
  if (d === null || !Number.isFinite(d)) return '';
  const v = Math.abs(d) >= 100 ? d.toFixed(1) : Math.abs(d) >= 1 ? d.toFixed(2) : d.toPrecision(3);
  return `${d > 0 ? '+' : ''}${v}${kind === 'relative' ? ' pp' : ''}`;
}

/** The claims table alone (also printed by `vecwb reproduce` at the end). */
export function claimsMarkdownTable(r: ReportData): string {
  if (r.claims.length === 0) return '_No claims of the paper are about these figures._\n';
  const lines = [
    '| Figure | Section | Claim | Paper | Measured (mean ± std over seeds) | Difference | Verdict |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const c of r.claims) {
    lines.push(`| ${[c.figure, c.section, c.claim, c.paper, c.measured, fmtDiff(c.difference, c.kind), `**${c.verdict}**`].map(mdCell).join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

export function renderReportMarkdown(r: ReportData): string {
  const out: string[] = [];
  out.push(`# Reproduction of ${r.experiment}: ${r.title}`, '');
  out.push(`${r.source}. Scale **${r.scale}**; written ${r.writtenAt}.`, '');
  const c = r.counts;
  out.push(`Verdicts: ${c.matches} matches, ${c['same direction']} same direction, ${c.differs} differs, ${c['not measured']} not measured.`, '');
  if (r.scale === 'smoke') {
    out.push('> Smoke scale proves the pipeline only: the learners are still exploring, so no verdict says anything about the paper.', '');
  }
  out.push('## Claims beside the measured values', '', claimsMarkdownTable(r));
  if (r.claims.length > 0) {
    out.push('Rules and tolerances per claim:', '');
    for (const cl of r.claims) out.push(`- \`${cl.id}\` (${cl.verdict}): ${cl.rule}`);
    out.push('');
  }
  out.push('## Figures', '');
  for (const f of r.figures) {
    out.push(`### ${f.label}: ${f.title}`, '');
    const svg = f.files.find((x) => x.endsWith('.svg')) ?? f.files[0];
    if (svg) out.push(`![${f.label}](${svg})`, '');
    else out.push(`(a table: see the sheet \`${f.id}\` of ${r.files.xlsx})`, '');
    for (const w of f.warnings) out.push(`- note: ${w}`);
    if (f.warnings.length) out.push('');
  }
  out.push('## Readings in force', '');
  if (r.readings.length === 0) out.push('Every scenario field and hyper-parameter is the workbench default.', '');
  else {
    out.push('Settings of the runs that are not the workbench defaults ("figure setting": stated by the paper for this figure; "departure": not the printed paper), and the defaults that are readings ("default reading": the paper prints the value in the Default column).', '');
    out.push('| Where | Setting | Value | Default | Kind | Model notes |', '|---|---|---|---|---|---|');
    for (const x of r.readings) out.push(`| ${[x.scope, `\`${x.key}\``, x.value, x.default, x.kind, x.note ? `[notes](${x.note})` : ''].map(mdCell).join(' | ')} |`);
    out.push('');
  }
  if (r.notes.length) {
    out.push('The defaults themselves follow the papers; where the papers leave something open the reading is recorded in:', '');
    for (const n of r.notes) out.push(`- [${n.title}](${n.link})`);
    out.push('');
  }
  out.push('## How it was run', '');
  const runs = r.runs;
  out.push(
    `- command: \`${r.command}\``,
    `- runs: ${runs.count} (${Object.entries(runs.statusCounts).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}); algorithms: ${runs.algorithms.join(', ') || '-'}`,
    `- seeds: ${runs.seeds.join(', ') || '-'}; episodes per run: ${runs.episodes}${runs.slots !== null ? ` of ${runs.slots} slots` : ''}; evaluation: ${runs.evalEvery > 0 ? `${runs.evalEpisodes} exploration-off episodes every ${runs.evalEvery} episodes and after the last` : 'none'}`,
    `- backend: ${runs.backends.join(', ') || '-'}`,
    `- versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `- wall time: ${formatDuration(runs.runsWallTimeS)} in runs (sum), ${formatDuration(r.elapsedS)} this session`,
    `- data: ${r.files.xlsx} (one sheet per figure table, plus \`claims\` and \`config\`), ${r.files.csvDir}/ (the same as CSV)`,
    '',
  );
  return out.join('\n');
}
