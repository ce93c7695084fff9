// The work of `vecwb reproduce <experiment>` (reproduce.ts registers the command and loads this when it runs):
// runs a paper experiment (a sweep of runs, resumable) at a scale (smoke | quick | paper), exports its figures
// (SVG + PNG) and their data (one XLSX, CSV files), and writes report.md / report.html with every claim of the
// paper about those figures beside the measured value and a verdict. Before starting it prints runs x episodes
// and the projected time (an estimate) and asks; `--yes` skips the question. Without a terminal on stdin (CI,
// scripts) it does not wait for an answer: it stops with an error unless --yes is given, or nothing is left to run.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { experimentRequestSchema, planExperiment } from '../../../src-shared/api/experiments';
import { UserError } from '../../../src-shared/errors';
import { parseDecimalInt } from '../parse-int';
import { formatDuration, projectExperiment, remainingSeconds } from '../../../src-shared/reproduction/projection';
import {
  getPaperExperiment,
  parseScale,
  sweepDefinition,
  type ExperimentOverrides,
  type PaperExperiment,
  type ScaleName,
} from '../../experiments/paper-experiments';
import { loadScenarioFile } from '../../experiments/scenarios';
import { SWEEP_INDEX, readSweepIndex } from '../../experiments/sweep-results';
import { claimsMarkdownTable } from '../../report/report-md';
import { reproduceExperiment } from '../../report/reproduction';
import { buildOptionsFrom, parseFigureOptions, type FigureCliOptions } from './figure-options';
import { listExperiments } from './reproduce-list';
import { sweepExecution, type SweepExecution } from './sweep-execution';
import { sweepProgressView, type SweepProgressView } from '../sweep-progress-view';
import { mergeHooks } from '../../engine/sweep-pool/sweep-progress';

/** What is about to run: runs x episodes and the projected (remaining) time. */
function planLine(exp: PaperExperiment, scale: string, def: ReturnType<typeof sweepDefinition>, outDir: string): { line: string; toRun: number } {
  const request = experimentRequestSchema.parse(def.experiment);
  const p = projectExperiment(request);
  const planned = planExperiment(request);
  let toRun = p.runs;
  let time = `~${formatDuration(p.seconds)}`;
  if (fs.existsSync(path.join(outDir, 'sweep', SWEEP_INDEX))) {
    const index = readSweepIndex(path.join(outDir, 'sweep'));
    const done = index.runs.filter((r) => r.status === 'completed').map((r) => ({ index: r.index, wallTimeS: r.summary?.wallTimeS ?? 0 }));
    toRun = p.runs - done.length;
    if (done.length > 0) time = `~${formatDuration(remainingSeconds(planned, done, null).seconds)} left (${done.length} run(s) done earlier, kept)`;
  }
  const line =
    `${exp.id} at scale ${scale}: ${p.runs} runs x ${p.episodesPerRun} episodes (${p.totalEpisodes} episodes with evaluation), ` +
    `projected ${time} [estimate]`;
  return { line, toRun };
}

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

function experimentOverrides(exp: PaperExperiment, raw: Record<string, unknown>): ExperimentOverrides {
  const out: ExperimentOverrides = {};
  if (raw.episodes !== undefined) {
    out.episodes = parseDecimalInt('--episodes', String(raw.episodes), 1, 1_000_000);
  }
  if (raw.seeds !== undefined) {
    out.seeds = String(raw.seeds)
      .split(',')
      .map((t) => parseDecimalInt('--seeds', t.trim(), 0, 2 ** 31 - 1));
  }
  if (raw.scenario !== undefined) {
    if (exp.kind !== 'sweep') throw new UserError(`--scenario: ${exp.id} draws a model, it runs no scenario`);
    const env = exp.request.env ?? 'vec-dnn';
    out.scenario = loadScenarioFile(String(raw.scenario), env).scenario as unknown as Record<string, unknown>;
  }
  return out;
}

function scaleOf(raw: Record<string, unknown>): ScaleName {
  if (raw.quick === true) {
    if (raw.scale !== undefined && raw.scale !== 'smoke') throw new UserError(`--quick means --scale smoke; it cannot be combined with --scale ${String(raw.scale)}`);
    return 'smoke';
  }
  return raw.scale === undefined ? 'paper' : parseScale(raw.scale);
}

export async function reproduce(id: string | undefined, raw: Record<string, unknown>): Promise<void> {
  if (!id) throw new UserError(`give an experiment id; known:\n${listExperiments()}`);
  const exp = getPaperExperiment(id);
  const scale = scaleOf(raw);
  const overrides = experimentOverrides(exp, raw);
  const custom = Object.keys(overrides).length > 0;
  const suffix = custom ? '-custom' : scale === 'paper' ? '' : `-${scale}`;
  const outDir = path.resolve(typeof raw.out === 'string' ? raw.out : path.join('reproduce', `${exp.id}${suffix}`));
  const formats = String(raw.formats).split(',').map((f) => f.trim()).filter(Boolean);
  for (const f of formats) if (f !== 'svg' && f !== 'png') throw new UserError(`--formats: '${f}' is not svg or png`);
  const o: FigureCliOptions = parseFigureOptions({ ...raw, scale: raw.pngScale, format: 'svg', out: outDir });

  let execution: SweepExecution | null = null;
  let view: SweepProgressView | null = null;
  if (exp.kind === 'sweep') {
    const def = sweepDefinition(exp, scale, overrides);
    const { line, toRun } = planLine(exp, custom ? 'custom' : scale, def, outDir);
    process.stderr.write(`${line}\n  into ${outDir}\n`);
    if (toRun > 0 && raw.yes !== true) {
      if (!process.stdin.isTTY) throw new UserError(`stdin is not a terminal, so there is no one to ask: pass --yes to start ${toRun} run(s)`);
      if (!(await confirm('Start? [y/N] '))) {
        process.stderr.write('not started\n');
        process.exitCode = 1;
        return;
      }
    }
    const planned = planExperiment(experimentRequestSchema.parse(def.experiment));
    execution = await sweepExecution(raw, planned, def.id, path.join(outDir, 'sweep'), (w) => process.stderr.write(`vecwb: ${w}\n`));
    if (execution.concurrency > 1) {
      process.stderr.write(`  ${execution.describe}\n`);
      view = await sweepProgressView(planned, execution.workers, process.stderr.isTTY === true);
    }
  }

  const abort = new AbortController();
  const onSigint = () => {
    process.stderr.write('\ninterrupted: cancelling the current run (re-run the same command to resume)\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  const started = Date.now();
  let result: Awaited<ReturnType<typeof reproduceExperiment>>;
  try {
    result = await reproduceExperiment(exp, {
      outDir,
      scale,
      overrides,
      drawing: { formats: formats as ('svg' | 'png')[], width: o.width, height: o.height, scale: o.scale, build: buildOptionsFrom(o) },
      signal: abort.signal,
      command: ['vecwb', 'reproduce', ...process.argv.slice(3)].join(' '),
      warn: (w) => process.stderr.write(`vecwb: ${w}\n`),
      launcher: execution?.launcher,
      concurrency: execution?.concurrency,
      hooks: view ? mergeHooks(view.hooks, view.lines) : {
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
  } finally {
    process.off('SIGINT', onSigint);
    view?.stop();
    await execution?.close();
  }
  const counts = result.statusCounts;
  if (exp.kind === 'sweep') process.stderr.write(`sweep ${exp.id}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
  if ((counts.failed ?? 0) > 0) process.exitCode = 1;
  process.stdout.write(claimsMarkdownTable(result.report));
  process.stdout.write(`verdicts: ${Object.entries(result.report.counts).map(([k, v]) => `${v} ${k}`).join(', ')}; wall time ${formatDuration((Date.now() - started) / 1000)}\n`);
  for (const f of result.files) process.stdout.write(`${f}\n`);
  process.stdout.write(`${path.join(outDir, 'data')}/ (${result.csvFiles.length} csv files)\n`);
  if (abort.signal.aborted) process.exitCode = 130;
}
