// Titles that describe the data a figure actually draws: the algorithms of its runs and the setting (#CVs,
// #SVs, V) when all its runs agree on it. The catalogue prefixes them with the paper figure they follow
// ("Fig. 6b-style: ..."), so an exported greedy run is not titled after the paper's MAD2RL experiment.
import { algoLabel, formatParam, sortAlgos } from './labels';
import type { FigureParam, FigureRun } from './run-data';

/** "A", "A and B", "A, B and C"; "" for none. */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The algorithms of the runs in the papers' order, as display labels: "MAD2RL and P-QMIX". */
export function algorithmsPhrase(runs: readonly FigureRun[]): string {
  return listPhrase(sortAlgos(runs.map((r) => r.algo)).map(algoLabel));
}

/** The value every run has for a parameter, or undefined when some run lacks it or they differ. */
export function commonParam(runs: readonly FigureRun[], param: FigureParam): number | undefined {
  if (runs.length === 0) return undefined;
  const first = runs[0].params[param];
  if (first === undefined) return undefined;
  return runs.every((r) => r.params[param] === first) ? first : undefined;
}

const SETTING_PARAMS: readonly FigureParam[] = ['cvCount', 'svCount', 'lyapunovV'];

function settingPart(param: FigureParam, v: number): string {
  if (param === 'cvCount') return `${formatParam(v)} ${v === 1 ? 'CV' : 'CVs'}`;
  if (param === 'svCount') return `${formatParam(v)} ${v === 1 ? 'SV' : 'SVs'}`;
  return `V = ${formatParam(v)}`;
}

/** "5 CVs, 3 SVs, V = 10": the settings all runs share, leaving out the ones the figure varies. */
export function settingPhrase(runs: readonly FigureRun[], vary: readonly FigureParam[] = []): string {
  const parts: string[] = [];
  for (const p of SETTING_PARAMS) {
    if (vary.includes(p)) continue;
    const v = commonParam(runs, p);
    if (v !== undefined) parts.push(settingPart(p, v));
  }
  return parts.join(', ');
}

/**
 * A figure title from its parts: `what` (the quantity), `of` (algorithms), `how` (e.g. "versus V"), and the
 * shared setting in parentheses: "Episodic reward of Greedy algorithm (5 CVs, 3 SVs, V = 10)".
 */
export function describeFigure(what: string, parts: { of?: string; how?: string; runs?: readonly FigureRun[]; vary?: readonly FigureParam[] } = {}): string {
  let title = what;
  if (parts.of) title += ` of ${parts.of}`;
  if (parts.how) title += ` ${parts.how}`;
  const setting = parts.runs ? settingPhrase(parts.runs, parts.vary) : '';
  return setting ? `${title} (${setting})` : title;
}

/** The prefix that names the paper figure a title follows: "Fig. 6b-style: ...". */
export function styledTitle(label: string, title: string): string {
  return `${label}-style: ${title}`;
}
