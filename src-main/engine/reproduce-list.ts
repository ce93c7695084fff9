// `vecwb reproduce --list`: the paper experiments with runs x episodes and the projected time of each scale,
// without loading what running them takes.
import { experimentRequestSchema } from '../../src-shared/api/experiments';
import { formatDuration, projectExperiment } from '../../src-shared/reproduction/projection';
import { paperExperiments, scaleBudget, scaleNames, sweepDefinition } from '../experiments/paper-experiments';

/** One line per experiment and scale: runs x episodes, projected time (estimate) and why that budget. */
export function listExperiments(): string {
  const lines: string[] = [];
  for (const e of paperExperiments) {
    if (e.kind === 'model') {
      lines.push(`${e.id.padEnd(18)} ${e.figures.join(', ').padEnd(36)} ${e.title} (no runs: drawn from the ${e.modelName} layer table)`);
      continue;
    }
    lines.push(`${e.id.padEnd(18)} ${e.figures.join(', ').padEnd(36)} ${e.title} [${e.request.algos.map((a) => a.algo).join(', ')}]`);
    for (const scale of scaleNames) {
      const exp = experimentRequestSchema.parse(sweepDefinition(e, scale).experiment);
      const p = projectExperiment(exp);
      lines.push(`    ${scale.padEnd(6)} ${String(p.runs).padStart(3)} runs x ${String(p.episodesPerRun).padStart(4)} episodes  ~${formatDuration(p.seconds).padEnd(9)} ${scaleBudget(e, scale).why}`);
    }
  }
  lines.push('', 'Projected times are estimates (per-algorithm ms per slot from npm run bench and a smoke run on a 2-core VM, scaled by #CVs).');
  return lines.join('\n');
}

