// The work of `vecwb reproduce <experiment>` (reproduce.ts registers the command and loads this when it runs):
// the engine plans the reproduction (engine/reproduce.ts: scale, overrides, runs x episodes, projected time) and
// runs it (sweep, figures, data, report); this file asks before starting and prints the progress and the verdicts.
// Without a terminal on stdin (CI, scripts) it does not wait for an answer: it stops with an error unless --yes is
// given, or nothing is left to run.
import path from 'node:path';
import readline from 'node:readline/promises';
import { UserError } from '../../../src-shared/errors';
import { formatDuration } from '../../../src-shared/reproduction/projection';
import { claimsMarkdownTable, planReproduction, runReproduction, type ReproduceResult } from '../../engine/reproduce';
import { buildOptionsFrom, parseFigureOptions, type FigureCliOptions } from './figure-options';
import { sweepExecution, type SweepExecution } from '../../engine/sweep-execution';
import { mergeHooks } from '../../engine/sweep-pool/sweep-progress';
import { sweepProgressView, type SweepProgressView } from '../sweep-progress-view';

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

export async function reproduce(id: string | undefined, raw: Record<string, unknown>): Promise<void> {
  const plan = planReproduction(id, raw);
  const { exp, outDir } = plan;
  const o: FigureCliOptions = parseFigureOptions({ ...raw, scale: raw.pngScale, format: 'svg', out: outDir });

  let execution: SweepExecution | null = null;
  let view: SweepProgressView | null = null;
  if (plan.sweep) {
    const { line, toRun, planned, id: sweepId } = plan.sweep;
    process.stderr.write(`${line}\n  into ${outDir}\n`);
    if (toRun > 0 && raw.yes !== true) {
      if (!process.stdin.isTTY) throw new UserError(`stdin is not a terminal, so there is no one to ask: pass --yes to start ${toRun} run(s)`);
      if (!(await confirm('Start? [y/N] '))) {
        process.stderr.write('not started\n');
        process.exitCode = 1;
        return;
      }
    }
    execution = await sweepExecution(raw, planned, sweepId, path.join(outDir, 'sweep'), (w) => process.stderr.write(`vecwb: ${w}\n`));
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
  let result: ReproduceResult;
  try {
    result = await runReproduction(plan, {
      drawing: { width: o.width, height: o.height, scale: o.scale, build: buildOptionsFrom(o) },
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
