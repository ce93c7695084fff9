// Table II of the published version of paper 1 (IEEE TMC 2025; /work/shared/papers/NOTES.md): per-step decision
// time of P-QMIX, MAD2RL and the GA with 5 CVs and 3..7 SVs, measured here beside the paper's range.
import { DEFAULT_LAST_N } from './figure-helpers';
import { describeFigure, algorithmsPhrase } from './figure-titles';
import type { FigureBuildOptions, FigureInput, FigureResult, FigureSpec } from './figure-types';
import { algoLabel, sortAlgos } from './labels';
import { sweepPointValue } from './run-data';
import { mean, sampleStd } from './stats';
import type { Cell, DataTable } from './table';

/** The paper's decision time per step (s) over 3..7 SVs (PyTorch 2.0; hardware not stated). */
export const PAPER_DECISION_TIME_S: Record<string, [number, number]> = {
  pqmix: [0.023, 0.052],
  mad2rl: [0.089, 0.183],
  genetic: [0.301, 1.338],
};

function table2(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const warnings: string[] = [];
  const lastN = opts.lastN ?? DEFAULT_LAST_N;
  const svCounts = [...new Set(input.runs.map((r) => r.params.svCount).filter((v): v is number => v !== undefined))].sort((a, b) => a - b);
  const rows: Cell[][] = [];
  for (const algo of sortAlgos(input.runs.map((r) => r.algo))) {
    for (const sv of svCounts) {
      const runs = input.runs.filter((r) => r.algo === algo && r.params.svCount === sv);
      const ms = runs.map((r) => sweepPointValue(r, 'decisionMs', lastN, opts.points ?? 'eval').value).filter((v) => Number.isFinite(v));
      if (ms.length === 0) continue;
      const paper = PAPER_DECISION_TIME_S[algo];
      rows.push([algoLabel(algo), sv, mean(ms), ms.length > 1 ? sampleStd(ms) : null, ms.length, paper ? paper[0] * 1000 : null, paper ? paper[1] * 1000 : null]);
    }
  }
  if (input.runs.some((r) => r.params.svCount === undefined)) warnings.push('runs without an SV count left out');
  const table: DataTable = {
    name: 'p1-table2',
    columns: [
      { name: 'Algorithm' },
      { name: 'SVs' },
      { name: 'Decision time per step, measured', unit: 'ms' },
      { name: 'std across seeds', unit: 'ms' },
      { name: 'seeds' },
      { name: 'Paper, fastest (3..7 SVs)', unit: 'ms' },
      { name: 'Paper, slowest (3..7 SVs)', unit: 'ms' },
    ],
    rows,
  };
  return {
    title: describeFigure('Decision time per step', { of: algorithmsPhrase(input.runs), how: 'versus the number of SVs', runs: input.runs, vary: ['svCount'] }),
    option: null,
    tables: [table],
    warnings,
  };
}

export const p1Table2: FigureSpec = {
  id: 'p1-table2', paper: 1, label: 'Table II (journal)', source: 'table', experiment: 'p1-decision-time',
  title: 'Per-step decision time of P-QMIX, MAD2RL and the GA',
  caption:
    'Wall time of one decision for all CVs (decisionMs: every agent network, or the whole GA search), mean over the slots of the last evaluation point (learners) or of the run (GA), mean +/- std across seeds; the paper gives PyTorch 2.0 times.',
  x: { name: 'Number of SVs' }, y: { name: 'Decision time per step', unit: 'ms' },
  build: table2,
};
