// `vecwb reproduce --list`: the paper experiments with runs x episodes and the projected time of each scale,
// without loading what running them takes.
import { experimentRequestSchema, planExperiment } from '../../src-shared/api/experiments';
import { hoursByMachines } from '../../src-shared/reproduction/pool-projection';
import { formatDuration, projectExperiment, projectRunSeconds } from '../../src-shared/reproduction/projection';
import { planPool } from './sweep-pool/pool-size';
import { costSourceLine, loadCostTable } from './calibration-store';
import { paperExperiments, scaleBudget, scaleNames, sweepDefinition } from '../experiments/paper-experiments';

/**
 * One line per experiment and scale: runs x episodes, projected time (estimate) and why that budget; at the end,
 * the cost source (this machine's calibration file or the static table).
 */
export function listExperiments(): string {
  const lines: string[] = [];
  const pool = planPool();
  const table = loadCostTable();
  for (const e of paperExperiments) {
    if (e.kind === 'model') {
      lines.push(`${e.id.padEnd(18)} ${e.figures.join(', ').padEnd(36)} ${e.title} (no runs: drawn from the ${e.modelName} layer table)`);
      continue;
    }
    lines.push(`${e.id.padEnd(18)} ${e.figures.join(', ').padEnd(36)} ${e.title} [${e.request.algos.map((a) => a.algo).join(', ')}]`);
    for (const scale of scaleNames) {
      const exp = experimentRequestSchema.parse(sweepDefinition(e, scale).experiment);
      const p = projectExperiment(exp, table);
      lines.push(`    ${scale.padEnd(6)} ${String(p.runs).padStart(3)} runs x ${String(p.episodesPerRun).padStart(4)} episodes  ~${formatDuration(p.seconds).padEnd(9)} ${scaleBudget(e, scale).why}`);
      if (scale === 'paper') {
        const hours = hoursByMachines(planExperiment(exp).map((r) => projectRunSeconds(r, table.costs)), pool.workers).map((h) => `~${h.toFixed(1)} h`);
        lines.push(`           paper on this machine (${pool.workers} run(s) at a time): ${hours[0]}; with 1, 2, 3 extra workers like it (vecwb worker): ${hours.slice(1).join(', ')}`);
      }
    }
  }
  lines.push('', 'Projected times are estimates (per-algorithm ms per slot, scaled by #CVs; the last line says whose).');
  lines.push(`Hours at paper scale: longest runs first over ${pool.workers} run(s) at a time per machine (${pool.cores} cores / ${pool.threadsPerRun} thread(s) per run).`);
  lines.push(costSourceLine(table));
  return lines.join('\n');
}

