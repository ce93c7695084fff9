// `vecwb reproduce --list`: the paper experiments, without loading what running them takes.
import { paperExperiments } from '../../experiments/paper-experiments';

/** One line per experiment: id, figures, title and (sweeps) the algorithms it runs. */
export function listExperiments(): string {
  return paperExperiments
    .map((e) => {
      const runs = e.kind === 'sweep' ? ` [${e.request.algos.map((a) => a.algo).join(', ')}]` : '';
      return `${e.id.padEnd(18)} ${e.figures.join(', ').padEnd(36)} ${e.title}${runs}`;
    })
    .join('\n');
}
