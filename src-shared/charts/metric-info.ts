// Display names and units of the metric keys written to metrics.jsonl (src-shared/metrics.ts), for axes and
// spreadsheet headers. A key not listed here is shown by its own name without unit.

export interface MetricInfo {
  label: string;
  /** Unit as printed in brackets; '' for dimensionless. */
  unit: string;
  /** Label of entry i of an array metric (0-based). */
  entry?: (i: number) => string;
}

const perCv = (i: number) => `CV ${i + 1}`;
const perSv = (i: number) => `SV ${i + 1}`;
const perRsu = (i: number) => `RSU ${i + 1}`;

export const metricInfo: Record<string, MetricInfo> = {
  reward: { label: 'Reward', unit: '' },
  rewardPerCv: { label: 'Reward of each CV (r_i)', unit: '', entry: perCv },
  objective: { label: 'Objective', unit: '' },
  // Paper 1 (MAD2RL). The ISAC env of paper 2 streams completionTime*, queueCvGops (there 1e9 CPU cycles),
  // offloadRsuCount and localCount under the same names (src-main/sim/isac-dt/env.ts isacSlotMetrics).
  completionTimeMeanS: { label: 'Mean task completion time per CV', unit: 's' },
  completionTimeSumS: { label: 'Overall task completion time', unit: 's' },
  completionTimePerCvS: { label: 'Task completion time', unit: 's', entry: perCv },
  queueCvGops: { label: 'CV task queue length', unit: 'G operations', entry: perCv },
  queueDnnGops: { label: 'RSU task queue length per DNN type', unit: 'G operations', entry: (i) => `DNN ${i + 1}` },
  queueSvGops: { label: 'SV task queue length', unit: 'G operations', entry: perSv },
  offloadRsuCount: { label: 'Tasks offloaded to the RSU', unit: 'tasks' },
  offloadSvCount: { label: 'Tasks offloaded to SVs', unit: 'tasks' },
  localCount: { label: 'Tasks run locally', unit: 'tasks' },
  // Paper 2 (Ly-DTMPPO).
  delayMeanS: { label: 'Average delay', unit: 's' },
  delayPerCvS: { label: 'Delay', unit: 's', entry: perCv },
  energyMeanJ: { label: 'Average energy consumption', unit: 'J' },
  energyPerCvJ: { label: 'Energy consumption', unit: 'J', entry: perCv },
  costMean: { label: 'System average cost', unit: '' },
  virtualEnergyQueue: { label: 'Virtual energy queue', unit: 'J', entry: perCv },
  systemCost: { label: 'System cost', unit: '' },
  totalEnergyJ: { label: 'Total energy consumption', unit: 'J' },
  // Queues in scenario.lyapunov.queueUnitCycles (default 1e9 cycles).
  rsuQueue: { label: 'RSU task queue length', unit: 'G cycles', entry: perRsu },
  localQueue: { label: 'CV task queue length', unit: 'G cycles', entry: perCv },
  modeDataTCount: { label: 'Tasks offloaded as data (DataT)', unit: 'tasks' },
  modeInstrTCount: { label: 'Tasks offloaded as instructions (InstrT)', unit: 'tasks' },
  constraintViolations: { label: 'Constraint violations', unit: 'count' },
  // Learner metrics on episode lines.
  tdLoss: { label: 'TD loss', unit: '' },
  epsilon: { label: 'Exploration epsilon', unit: '' },
  policyLoss: { label: 'Policy loss', unit: '' },
  valueLoss: { label: 'Value loss', unit: '' },
  entropy: { label: 'Policy entropy', unit: '' },
};

/** The metric key of paper 2's per-CV local task queue Q^loc_i (eq. 16), shown in its Fig. 5. */
export const P2_CV_QUEUE_KEY = 'localQueue';

export function describeMetric(key: string): MetricInfo {
  return metricInfo[key] ?? { label: key, unit: '' };
}

/** "Label (unit)" or just the label for dimensionless quantities. */
export function withUnit(label: string, unit: string): string {
  return unit ? `${label} (${unit})` : label;
}

/** Spreadsheet column header of a metric (entry `i` of an array metric when given): "key [entry] (unit)". */
export function metricHeader(key: string, i?: number): string {
  const info = describeMetric(key);
  const entry = i === undefined ? '' : ` ${info.entry ? info.entry(i) : `[${i + 1}]`}`;
  return withUnit(`${key}${entry}`, info.unit);
}
