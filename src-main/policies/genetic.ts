// The genetic-algorithm benchmark of Sec. 8.2: each slot, a population of chromosomes (one decision per CV) is
// refined by selection, crossover and mutation for a fixed number of generations; the chromosome with the lowest
// objective (32) (evaluated with the KKT RSU split) is played. The paper gives no GA settings; ours are below
// (docs/model-notes.md). Genes are drawn from each CV's distinct legal decisions (all-local once).
import { z } from 'zod';
import type { ControllerFactory } from '../sim/controller';
import type { CvDecision } from '../sim/vec-dnn/actions';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import type { Random } from '../sim/random';
import { evaluateSlot, type VecDnnParams, type VecDnnSlotState } from '../sim/vec-dnn/slot';
import { distinctDecisions, parseHyper, requireVecDnnEnv, toActions } from './common';
import { CheckpointedRng } from './rng-checkpoint';
import { defineAlgorithm } from '../sim/algorithm-spec';

export const geneticHyperSchema = z
  .strictObject({
    populationSize: z.number().int().min(2).max(10_000).default(30),
    generations: z.number().int().min(0).max(100_000).default(40),
    /** Probability that a child is the uniform crossover of two parents (else a copy of the first). */
    crossoverRate: z.number().min(0).max(1).default(0.8),
    /** Per-gene probability of replacing a CV's decision by a uniformly drawn legal one. */
    mutationRate: z.number().min(0).max(1).default(0.1),
    /** Best chromosomes copied unchanged into the next generation. */
    eliteCount: z.number().int().min(0).default(2),
    /** Tournament size of parent selection. */
    tournamentSize: z.number().int().min(1).max(100).default(3),
  })
  .refine((h) => h.eliteCount < h.populationSize, { message: 'eliteCount must be < populationSize', path: ['eliteCount'] });

export type GeneticHyper = z.output<typeof geneticHyperSchema>;

export interface GeneticResult {
  decisions: CvDecision[];
  objective: number;
  /** Distinct chromosomes evaluated. */
  evaluated: number;
}

/** Runs the GA on one slot; deterministic for a given rng state. */
export function geneticSearch(p: VecDnnParams, state: VecDnnSlotState, h: GeneticHyper, rng: Random): GeneticResult {
  const alphabet = state.cvs.map((_, i) => distinctDecisions(p, state, i));
  const I = alphabet.length;
  const cache = new Map<string, number>();
  const fitness = (c: number[]): number => {
    const key = c.join(',');
    let f = cache.get(key);
    if (f === undefined) {
      f = evaluateSlot(p, state, c.map((g, i) => alphabet[i][g])).objective; // eq. (32), lower is better
      cache.set(key, f);
    }
    return f;
  };
  const randomGene = (i: number) => rng.int(alphabet[i].length);
  type Scored = { genes: number[]; f: number };
  const score = (genes: number[]): Scored => ({ genes, f: fitness(genes) });
  let pop: Scored[] = Array.from({ length: h.populationSize }, () => score(Array.from({ length: I }, (_, i) => randomGene(i))));
  let best = pop.reduce((a, b) => (b.f < a.f ? b : a));

  const tournament = (): Scored => {
    let winner = pop[rng.int(pop.length)];
    for (let n = 1; n < h.tournamentSize; n++) {
      const c = pop[rng.int(pop.length)];
      if (c.f < winner.f) winner = c;
    }
    return winner;
  };
  for (let g = 0; g < h.generations; g++) {
    const sorted = [...pop].sort((a, b) => a.f - b.f);
    const next: Scored[] = sorted.slice(0, h.eliteCount);
    while (next.length < h.populationSize) {
      const a = tournament();
      const b = tournament();
      const genes = rng.uniform() < h.crossoverRate ? a.genes.map((x, i) => (rng.uniform() < 0.5 ? x : b.genes[i])) : [...a.genes];
      for (let i = 0; i < I; i++) if (rng.uniform() < h.mutationRate) genes[i] = randomGene(i);
      next.push(score(genes));
    }
    pop = next;
    for (const c of pop) if (c.f < best.f) best = c;
  }
  return { decisions: best.genes.map((g, i) => alphabet[i][g]), objective: best.f, evaluated: cache.size };
}

export const geneticFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { seed, hyper }) => {
  const h = parseHyper(geneticHyperSchema, hyper, 'genetic');
  const e = requireVecDnnEnv(env, 'genetic');
  const rng = new CheckpointedRng('genetic', seed);
  return {
    name: 'genetic',
    act: () => toActions(geneticSearch(e.params, e.currentSlot().state, h, rng.current).decisions, e.edgeNodes),
    save: (dir) => rng.save(dir),
    load: (dir) => rng.load(dir),
  };
};

export const geneticSpec = defineAlgorithm({
  name: 'genetic',
  env: 'vec-dnn',
  kind: 'heuristic',
  label: 'Genetic algorithm',
  hyperSchema: geneticHyperSchema,
  load: async () => geneticFactory,
});
