// The work of `vecwb reproduce <experiment>` (reproduce.ts registers the command): runs a paper experiment (a
// sweep of runs, resumable) and exports its figures (SVG + PNG) and their data (one XLSX, and CSV files).
import fs from 'node:fs';
import path from 'node:path';
import { buildFigure, getFigure } from '../../../src-shared/charts/catalog';
import type { FigureInput } from '../../../src-shared/charts/figure-types';
import type { DataTable } from '../../../src-shared/charts/table';
import { UserError } from '../../../src-shared/errors';
import { writeCsv } from '../../export/csv';
import { writeFigureFile } from '../../export/figure-files';
import { layerProfileRows } from '../../export/layer-profile';
import { writeXlsx } from '../../export/xlsx';
import { listExperiments } from './reproduce-list';
import { getPaperExperiment, sweepDefinition, type ExperimentOverrides, type PaperExperiment } from '../../experiments/paper-experiments';
import { loadScenarioFile } from '../../experiments/scenarios';
import { loadSweepRuns } from '../../experiments/sweep-results';
import { runSweep, sweepStatusCounts } from '../../experiments/sweeps';
import { resolveModel } from '../../sim/vec-dnn/model-catalog';
import { buildOptionsFrom, parseFigureOptions, type FigureCliOptions } from './figure-options';


async function figureInput(
  exp: PaperExperiment,
  outDir: string,
  quick: boolean,
  overrides: ExperimentOverrides,
  signal: AbortSignal,
): Promise<{ input: FigureInput; config: unknown }> {
  if (exp.kind === 'model') {
    const model = resolveModel(exp.modelName);
    return {
      input: { runs: [], layerProfile: { modelName: model.name, layers: layerProfileRows(model, exp.bytesPerElement) } },
      config: { experiment: exp.id, source: exp.source, model: model.name, bytesPerElement: exp.bytesPerElement },
    };
  }
  const def = sweepDefinition(exp, quick, overrides);
  const sweepDir = path.join(outDir, 'sweep');
  const index = await runSweep(def, {
    outDir: sweepDir,
    signal,
    hooks: {
      onRunStart(entry, pos, total, skipped) {
        process.stderr.write(`[${pos}/${total}] ${entry.label}${skipped ? ': done earlier, kept' : ''}\n`);
      },
      onRecord(r) {
        if (r.kind !== 'episode') return;
        const reward = r.values.reward;
        process.stderr.write(`    episode ${r.episode}: reward ${typeof reward === 'number' ? reward.toFixed(3) : '-'}\n`);
      },
      onRunEnd(entry) {
        const wall = entry.summary ? `${entry.summary.wallTimeS.toFixed(1)} s` : '';
        process.stderr.write(`    -> ${entry.status} ${wall}${entry.error ? `: ${entry.error.split('\n')[0]}` : ''}\n`);
      },
    },
  });
  const counts = sweepStatusCounts(index);
  process.stderr.write(`sweep ${exp.id} (${def.scale}): ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
  const { runs } = loadSweepRuns(sweepDir);
  if (!runs.some((r) => r.records.some((rec) => rec.kind === 'episode'))) {
    throw new UserError(`no run of ${exp.id} finished an episode, so there is nothing to draw (errors above; re-run to retry)`);
  }
  if ((counts.failed ?? 0) > 0) {
    process.stderr.write(`vecwb: ${counts.failed} run(s) failed; figures show the others (re-run the same command to retry them)\n`);
    process.exitCode = 1;
  }
  return {
    input: { runs },
    config: { experiment: exp.id, title: exp.title, source: exp.source, scale: def.scale, sweep: index.experiment, statusCounts: counts },
  };
}

function experimentOverrides(exp: PaperExperiment, raw: Record<string, unknown>): ExperimentOverrides {
  const out: ExperimentOverrides = {};
  if (raw.episodes !== undefined) {
    const n = Number(raw.episodes);
    if (!Number.isInteger(n) || n < 1) throw new UserError(`--episodes must be an integer >= 1, got '${String(raw.episodes)}'`);
    out.episodes = n;
  }
  if (raw.seeds !== undefined) {
    const seeds = String(raw.seeds).split(',').map((t) => Number(t.trim()));
    if (seeds.length === 0 || seeds.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new UserError(`--seeds must be integers >= 0 separated by commas, got '${String(raw.seeds)}'`);
    }
    out.seeds = seeds;
  }
  if (raw.scenario !== undefined) {
    if (exp.kind !== 'sweep') throw new UserError(`--scenario: ${exp.id} draws a model, it runs no scenario`);
    const env = exp.request.env ?? 'vec-dnn';
    out.scenario = loadScenarioFile(String(raw.scenario), env).scenario as unknown as Record<string, unknown>;
  }
  return out;
}

/** Runs `vecwb reproduce` with commander's parsed arguments (--list is answered by reproduce.ts). */
export async function reproduce(id: string | undefined, raw: Record<string, unknown>): Promise<void> {
  if (!id) throw new UserError(`give an experiment id; known:\n${listExperiments()}`);
  const exp = getPaperExperiment(id);
  const quick = raw.quick === true;
  const overrides = experimentOverrides(exp, raw);
  const custom = Object.keys(overrides).length > 0;
  const outDir = path.resolve(typeof raw.out === 'string' ? raw.out : path.join('reproduce', `${exp.id}${custom ? '-custom' : quick ? '-quick' : ''}`));
  const formats = String(raw.formats).split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) if (f !== 'svg' && f !== 'png') throw new UserError(`--formats: '${f}' is not svg or png`);
  const o: FigureCliOptions = parseFigureOptions({ ...raw, format: 'svg', out: outDir });

  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\ninterrupted: cancelling the current run (re-run the same command to resume)\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  let prepared: { input: FigureInput; config: unknown };
  try {
    prepared = await figureInput(exp, outDir, quick, overrides, abort.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }

  const tables: DataTable[] = [];
  const written: string[] = [];
  for (const figId of exp.figures) {
    const spec = getFigure(figId);
    const built = buildFigure(figId, prepared.input, buildOptionsFrom(o));
    for (const w of built.warnings) process.stderr.write(`vecwb: ${figId}: ${w}\n`);
    tables.push(...built.tables);
    if (built.option === null) continue;
    for (const format of formats as ('svg' | 'png')[]) {
      const file = path.join(outDir, 'figures', `${spec.id}.${format}`);
      written.push(...writeFigureFile(figId, prepared.input, { format, out: file, width: o.width, height: o.height, scale: o.scale, build: buildOptionsFrom(o) }).files);
    }
  }
  const xlsx = path.join(outDir, `${exp.id}.xlsx`);
  writeXlsx(xlsx, tables, prepared.config);
  const csvFiles = writeCsv(path.join(outDir, 'data'), tables, prepared.config);
  fs.writeFileSync(path.join(outDir, 'figures.json'), JSON.stringify({ experiment: exp.id, figures: exp.figures, files: written }, null, 2) + '\n');
  for (const f of [...written, xlsx]) process.stdout.write(`${f}\n`);
  process.stdout.write(`${path.join(outDir, 'data')}/ (${csvFiles.length} csv files)\n`);
  if (abort.signal.aborted) process.exitCode = 130;
}
