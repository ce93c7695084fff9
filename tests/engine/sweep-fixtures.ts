// A tiny sweep for the pool and cluster tests: P-QMIX (a learner: replay, training, exploration RNG) and Random
// on a 3-CV, 6-slot scenario, two seeds, checkpoints every 2 episodes; a few seconds of compute in all.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MetricRecord } from '../../src-shared/metrics';
import type { SweepDefinition } from '../../src-main/experiments/sweeps';

export function tinySweep(episodes = 4, seeds: number[] = [1, 2], algos: ('pqmix' | 'random')[] = ['pqmix', 'random']): SweepDefinition {
  return {
    id: 'tiny',
    title: 'tiny sweep',
    scale: 'custom',
    figures: [],
    experiment: {
      env: 'vec-dnn',
      name: 'tiny',
      scenario: { env: 'vec-dnn', cvs: { count: 3 }, svs: { count: 2 }, slots: 6 },
      algos: algos.map((algo) =>
        algo === 'pqmix' ? { algo, hyper: { hidden: [16, 16], batchSize: 8, learningStarts: 10, epsilonAnnealSteps: 40 } } : { algo },
      ),
      episodes,
      seeds,
      backend: 'cpu',
      checkpointEvery: 2,
      evalEvery: 0,
    },
  };
}

/** Records without their timings (wall time, decision and training milliseconds, threads). */
export function untimed(rs: readonly MetricRecord[]): MetricRecord[] {
  return rs.map((r) => {
    const values = { ...r.values };
    for (const k of ['decisionMs', 'trainStepMs', 'threads']) delete values[k];
    return r.kind === 'slot' ? { ...r, values } : { ...r, wallTimeS: 0, values };
  });
}

/** The Node build's run-process entry (bin/build-node.mjs; built when stale): starts much faster than the sources. */
export async function builtChildScript(): Promise<string> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const mod = (await import(pathToFileURL(path.join(root, 'bin', 'build-node.mjs')).href)) as { ensureNodeBuild(o?: object): Promise<string> };
  const buildDir = await mod.ensureNodeBuild();
  return path.join(buildDir, 'src-main', 'engine', 'sweep-pool', 'run-child.js');
}
