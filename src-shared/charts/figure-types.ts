// Contracts of the figure catalogue: what a figure is built from, with which options, and what comes out.
import type { EChartsOption } from 'echarts';
import type { LayerProfile } from '../api/models';
import type { FigureRun } from './run-data';
import type { FigureOptions } from './style';
import type { DataTable } from './table';

export interface FigureInput {
  runs: readonly FigureRun[];
  /** Fig. 1 view: the per-row profile of one DNN model. */
  layerProfile?: { modelName: string; layers: readonly LayerProfile[] };
}

export type YScale = 'linear' | 'log' | 'auto';

export interface FigureBuildOptions extends FigureOptions {
  /** Trailing moving-average window of the curves, in episodes. Default per figure (see catalogue). */
  window?: number;
  /** Episodes at the end of each run averaged into one sweep point. Default 50. */
  lastN?: number;
  /**
   * Sweep points from each run's last exploration-off evaluation ('eval', default; runs without eval lines fall
   * back to the training tail) or from the mean of the last `lastN` training episodes ('train').
   */
  points?: 'eval' | 'train';
  /** Sweep figures: grouped bars (default) or lines with markers. */
  mode?: 'bar' | 'line';
  /** Draw mean +/- std across seeds (bands / error bars). Default true; false for the per-entry queue figures. */
  spread?: boolean;
  /**
   * Value axis of the sweep figures: 'linear', 'log', or 'auto' (default): log when every plotted mean is positive
   * and the largest is at least 100 times the smallest (a diverged run would otherwise flatten the others).
   */
  yScale?: YScale;
  /** Paper 1 completion time: per-slot sum over CVs (default, the objective of P1) or mean per CV. */
  completionTime?: 'sum' | 'mean';
  /** Only runs of this algorithm (figures of one method: Fig. 6a, 7, 9 / p2 Fig. 5a, 7). */
  algo?: string;
}

export interface FigureResult {
  /**
   * What the figure shows, from its data: the algorithms of the runs and the setting they share, after the
   * paper figure it follows ("Fig. 6b-style: Episodic reward of Greedy algorithm (5 CVs, 3 SVs, V = 10)").
   * The option's title (when shown) is the same text.
   */
  title: string;
  /** The ECharts option; null for tables (p2 Table III). */
  option: EChartsOption | null;
  /** The data behind the figure, one table per panel. */
  tables: DataTable[];
  /** Things the reader should know, e.g. runs that were left out for lack of a parameter value. */
  warnings: string[];
}

export type FigureSource = 'runs' | 'sweep' | 'model' | 'table';

export interface FigureSpec {
  id: string;
  paper: 1 | 2;
  /** How the paper numbers it, e.g. "Fig. 6b" or "Table III". */
  label: string;
  /** What kind of figure it is, without settings (the built figure's title says which runs it shows). */
  title: string;
  caption: string;
  source: FigureSource;
  /** Id of the paper experiment (src-main/experiments/paper-experiments.ts) whose runs feed this figure. */
  experiment: string | null;
  x: { name: string; unit?: string };
  y: { name: string; unit?: string };
  build(input: FigureInput, opts?: FigureBuildOptions): FigureResult;
}
