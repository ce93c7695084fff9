// One reproduction of a paper experiment, shared by `vecwb reproduce` and the engine's Reproduce screen: runs
// its sweep (resumable), draws its figures (SVG, PNG), writes their data (one XLSX, CSV files), reads every
// claim of the paper about those figures against the runs, and writes report.md + report.html + report.json.
// reproduction.json in the folder tells a later session what was asked and how far it got.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildFigure, getFigure } from '../../src-shared/charts/catalog';
import type { FigureBuildOptions, FigureInput } from '../../src-shared/charts/figure-types';
import type { DataTable } from '../../src-shared/charts/table';
import { evaluateClaims, verdictCounts, type ClaimResult } from '../../src-shared/claims/verdict';
import { sweepScenarioPaths } from '../../src-shared/api/experiments';
import { UserError } from '../../src-shared/errors';
import type { ReportData } from '../../src-shared/reproduction/report-schema';
import type { EnvId, RunConfig } from '../../src-shared/schemas/run';
import { parseWith } from '../../src-shared/validation';
import { writeCsv } from '../export/csv';
import { writeFigureFile } from '../export/figure-files';
import { writeXlsx } from '../export/xlsx';
import { sweepDefinition, type ExperimentOverrides, type PaperExperiment, type ScaleName } from '../experiments/paper-experiments';
import { isRunFolder, readRunConfig, writeJsonAtomic } from '../experiments/run-folder';
import { loadSweepRuns, type SweepIndex } from '../experiments/sweep-results';
import { runSweep, sweepStatusCounts, type RunLauncher, type SweepHooks } from '../experiments/sweeps';
import { profileLayerRows } from '../sim/vec-dnn/dnn-layers';
import { resolveModel } from '../sim/vec-dnn/model-catalog';
import { paperClaims } from './claims-files';
import { envNoteLinks, modelNotesPath, readingsInForce } from './readings';
import { renderReportHtml } from './report-html';
import { renderReportMarkdown } from './report-md';

export const REPRODUCTION_FILE = 'reproduction.json';
export const REPORT_FILES = { json: 'report.json', markdown: 'report.md', html: 'report.html' } as const;

/** reproduction.json: what was asked, and the state of the last session that worked on it. */
export const reproductionStateSchema = z.object({
  version: z.literal(1),
  experiment: z.string(),
  scale: z.string(),
  status: z.enum(['running', 'completed', 'interrupted', 'failed']),
  startedAt: z.string(),
  updatedAt: z.string(),
  error: z.string().nullable(),
});
export type ReproductionState = z.infer<typeof reproductionStateSchema>;

export function readReproductionState(dir: string): ReproductionState | null {
  const file = path.join(dir, REPRODUCTION_FILE);
  if (!fs.existsSync(file)) return null;
  try {
    return parseWith(reproductionStateSchema, JSON.parse(fs.readFileSync(file, 'utf8')), file);
  } catch {
    return null;
  }
}

export interface DrawingOptions {
  formats: ('svg' | 'png')[];
  width?: number;
  height?: number;
  scale?: number;
  build?: FigureBuildOptions;
}

export interface ReproduceOptions {
  outDir: string;
  scale: ScaleName;
  overrides?: ExperimentOverrides;
  drawing: DrawingOptions;
  launcher?: RunLauncher;
  /** Runs executed at once (runSweep's concurrency; the launcher must execute them elsewhere). */
  concurrency?: number;
  hooks?: SweepHooks;
  signal?: AbortSignal;
  /** The command line (or UI action) that started it, for the report. */
  command: string;
  /** Warnings (figure notes, failed runs) as they come. */
  warn?(line: string): void;
}

export interface ReproduceResult {
  outDir: string;
  /** Figure files, the XLSX, the report files. */
  files: string[];
  csvFiles: string[];
  report: ReportData;
  statusCounts: Record<string, number>;
  aborted: boolean;
}

function gitCommit(): string | null {
  try {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    return execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** Scenario paths and hyper keys the paper states for the experiment (its scenario, the swept axes, the algos' hyper). */
function figureSettings(exp: Extract<PaperExperiment, { kind: 'sweep' }>, index: SweepIndex): Set<string> {
  const out = new Set<string>();
  const walk = (obj: unknown, prefix: string) => {
    if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) for (const [k, v] of Object.entries(obj)) walk(v, prefix ? `${prefix}.${k}` : k);
    else out.add(prefix);
  };
  walk(exp.request.scenario === 'default' ? {} : exp.request.scenario, '');
  for (const a of exp.request.algos) for (const k of Object.keys(a.hyper ?? {})) out.add(k);
  const env = index.experiment.env;
  for (const [axis, values] of Object.entries(index.experiment.sweep)) {
    if (values.length === 0) continue;
    const p = axis === 'denoisingSteps' ? ['denoisingSteps'] : sweepScenarioPaths[env][axis as 'cvCount'];
    if (p) out.add(p.join('.'));
  }
  return out;
}

function claimsTable(claims: readonly ClaimResult[]): DataTable {
  return {
    name: 'claims',
    columns: [
      { name: 'figure' }, { name: 'section' }, { name: 'claim' }, { name: 'paper' }, { name: 'measured' },
      { name: 'measured mean' }, { name: 'std across seeds' }, { name: 'seeds' }, { name: 'difference' }, { name: 'verdict' }, { name: 'rule' },
    ],
    rows: claims.map((c) => [c.figure, c.section, c.claim, c.paper, c.measured, c.value?.mean ?? null, c.value?.std ?? null, c.value?.n ?? null, c.difference, c.verdict, c.rule]),
  };
}

export async function reproduceExperiment(exp: PaperExperiment, opts: ReproduceOptions): Promise<ReproduceResult> {
  const t0 = Date.now();
  const outDir = path.resolve(opts.outDir);
  const warn = opts.warn ?? (() => {});
  const startedAt = new Date().toISOString();
  const scaleLabel = opts.overrides && Object.keys(opts.overrides).length > 0 ? 'custom' : opts.scale;
  const saveState = (status: ReproductionState['status'], error: string | null = null) => {
    fs.mkdirSync(outDir, { recursive: true });
    writeJsonAtomic(path.join(outDir, REPRODUCTION_FILE), { version: 1, experiment: exp.id, scale: scaleLabel, status, startedAt, updatedAt: new Date().toISOString(), error });
  };

  let input: FigureInput;
  let config: Record<string, unknown>;
  let index: SweepIndex | null = null;
  let configs: RunConfig[] = [];
  let statusCounts: Record<string, number> = {};
  if (exp.kind === 'model') {
    const model = resolveModel(exp.modelName);
    input = { runs: [], layerProfile: { modelName: model.name, layers: profileLayerRows(model, exp.bytesPerElement) } };
    config = { experiment: exp.id, source: exp.source, model: model.name, bytesPerElement: exp.bytesPerElement };
  } else {
    const def = sweepDefinition(exp, opts.scale, opts.overrides);
    const sweepDir = path.join(outDir, 'sweep');
    // A folder from an earlier session must hold the same sweep: checked by runSweep before anything is written.
    saveState('running');
    try {
      index = await runSweep(def, { outDir: sweepDir, signal: opts.signal, hooks: opts.hooks, launcher: opts.launcher, concurrency: opts.concurrency });
    } catch (err) {
      saveState('failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
    statusCounts = sweepStatusCounts(index);
    const loaded = loadSweepRuns(sweepDir);
    if (!loaded.runs.some((r) => r.records.some((rec) => rec.kind === 'episode'))) {
      const msg = `no run of ${exp.id} finished an episode, so there is nothing to draw${opts.signal?.aborted ? ' (interrupted: run it again to resume)' : ''}`;
      saveState(opts.signal?.aborted ? 'interrupted' : 'failed', msg);
      throw new UserError(msg);
    }
    if ((statusCounts.failed ?? 0) > 0) warn(`${statusCounts.failed} run(s) failed; figures show the others (run it again to retry them)`);
    input = { runs: loaded.runs };
    configs = index.runs.map((e) => path.resolve(sweepDir, e.dir)).filter(isRunFolder).map(readRunConfig);
    config = { experiment: exp.id, title: exp.title, source: exp.source, scale: def.scale, sweep: index.experiment, statusCounts };
  }

  // Figures and their data.
  const tables: DataTable[] = [];
  const files: string[] = [];
  const figures: ReportData['figures'] = [];
  for (const figId of exp.figures) {
    const spec = getFigure(figId);
    const built = buildFigure(figId, input, opts.drawing.build);
    for (const w of built.warnings) warn(`${figId}: ${w}`);
    tables.push(...built.tables);
    const figFiles: string[] = [];
    if (built.option !== null) {
      for (const format of opts.drawing.formats) {
        const rel = path.join('figures', `${spec.id}.${format}`);
        const { files: written } = writeFigureFile(figId, input, {
          format, out: path.join(outDir, rel), width: opts.drawing.width, height: opts.drawing.height, scale: opts.drawing.scale, build: opts.drawing.build,
        });
        files.push(...written);
        figFiles.push(rel);
      }
    }
    figures.push({ id: figId, label: spec.label, title: built.title, files: figFiles, warnings: built.warnings });
  }

  // Claims against the runs.
  const claimsFile = paperClaims(exp.paper);
  const claims = evaluateClaims(claimsFile, exp.figures, input.runs);
  if (claims.length > 0) tables.push(claimsTable(claims));

  const xlsx = path.join(outDir, `${exp.id}.xlsx`);
  writeXlsx(xlsx, tables, config);
  const csvFiles = writeCsv(path.join(outDir, 'data'), tables, config);
  fs.writeFileSync(path.join(outDir, 'figures.json'), JSON.stringify({ experiment: exp.id, figures: exp.figures, files }, null, 2) + '\n');

  const env: EnvId = exp.kind === 'sweep' ? (exp.request.env ?? 'vec-dnn') : 'vec-dnn';
  const versions: Record<string, string> = { ...(configs[0]?.versions ?? {}) };
  const commit = gitCommit();
  if (commit) versions['git commit'] = commit;
  if (!versions.node) versions.node = process.versions.node;
  const experiment = index?.experiment;
  const notesLink = path.relative(outDir, modelNotesPath).split(path.sep).join('/');
  const learnerBackends = [...new Set(configs.flatMap((c) => (c.backend ? [c.backend] : [])))];
  const heuristicRuns = configs.filter((c) => !c.backend).length;
  const report: ReportData = {
    experiment: exp.id,
    title: exp.title,
    source: exp.source,
    paper: exp.paper,
    scale: scaleLabel,
    figures,
    claims,
    counts: verdictCounts(claims),
    readings: index && exp.kind === 'sweep' ? readingsInForce({ env, configs, figureSettings: figureSettings(exp, index), notesLink }) : [],
    notes: envNoteLinks(env, notesLink),
    runs: {
      count: index?.runs.length ?? 0,
      statusCounts,
      seeds: experiment?.seeds ?? [],
      episodes: experiment?.episodes ?? 0,
      slots: typeof configs[0]?.scenario.slots === 'number' ? configs[0].scenario.slots : null,
      evalEvery: experiment?.evalEvery ?? 0,
      evalEpisodes: experiment?.evalEpisodes ?? 0,
      algorithms: experiment?.algos.map((a) => a.algo) ?? [],
      backends: [...learnerBackends, ...(heuristicRuns > 0 ? [`none (${heuristicRuns} heuristic run(s))`] : [])],
      runsWallTimeS: index?.runs.reduce((s, e) => s + (e.summary?.wallTimeS ?? 0), 0) ?? 0,
    },
    versions,
    elapsedS: (Date.now() - t0) / 1000,
    writtenAt: new Date().toISOString(),
    command: opts.command,
    files: { xlsx: path.basename(xlsx), csvDir: 'data', markdown: REPORT_FILES.markdown, html: REPORT_FILES.html },
  };
  const figureSvg = (rel: string) => {
    const abs = path.join(outDir, rel);
    return fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : null;
  };
  fs.writeFileSync(path.join(outDir, REPORT_FILES.markdown), renderReportMarkdown(report));
  fs.writeFileSync(path.join(outDir, REPORT_FILES.html), renderReportHtml(report, figureSvg));
  fs.writeFileSync(path.join(outDir, REPORT_FILES.json), JSON.stringify(report, null, 2) + '\n');
  files.push(xlsx, ...Object.values(REPORT_FILES).map((f) => path.join(outDir, f)));

  const aborted = opts.signal?.aborted ?? false;
  const unfinished = index ? index.runs.some((e) => e.status !== 'completed') : false;
  saveState(aborted || unfinished ? (aborted ? 'interrupted' : (statusCounts.failed ?? 0) > 0 ? 'failed' : 'interrupted') : 'completed');
  return { outDir, files, csvFiles, report, statusCounts, aborted };
}
