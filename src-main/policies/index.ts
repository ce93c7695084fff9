// The paper-1 heuristics' factories by registry name (tests and tools; the registry uses each file's AlgorithmSpec).
import type { ControllerFactory } from '../sim/controller';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import { exhaustiveFactory } from './exhaustive';
import { allLocalFactory, allRsuFactory } from './fixed';
import { geneticFactory } from './genetic';
import { greedyFactory } from './greedy';
import { randomFactory } from './random';

export const policyFactories: Record<string, ControllerFactory<number, VecDnnStepInfo>> = {
  genetic: geneticFactory,
  greedy: greedyFactory,
  random: randomFactory,
  'all-local': allLocalFactory,
  'all-rsu': allRsuFactory,
  exhaustive: exhaustiveFactory,
};
