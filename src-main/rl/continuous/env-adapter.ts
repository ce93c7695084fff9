// What the continuous learners need from a MultiAgentEnv: equal continuous action boxes, observation sizes
// (padded to the largest), and the digital-twin entries to hide for Ly-MAPPO (Sec. VII-B 4): the DT-provided
// entries (RSU queues, G_rsu of Sec. VI-B 2) are replaced with zeros of the same size.
import { UserError } from '../../../src-shared/errors';
import type { EnvObservation, EnvSpec, MultiAgentEnv } from '../../sim/env';

export interface ContinuousShape {
  nAgents: number;
  /** Largest local observation; shorter ones are zero-padded. */
  obsDim: number;
  obsDims: number[];
  stateDim: number;
  actionDim: number;
  low: number;
  high: number;
  episodeLength: number;
}

export function continuousShape(spec: EnvSpec): ContinuousShape {
  if (spec.nAgents < 1) throw new UserError('environment has no agents');
  const spaces = spec.actionSpaces;
  if (spaces.length !== spec.nAgents) throw new UserError(`environment lists ${spaces.length} action spaces for ${spec.nAgents} agents`);
  const first = spaces[0];
  if (first.kind !== 'continuous') {
    throw new UserError(`continuous learners need continuous action spaces; environment '${spec.envId}' has discrete actions`);
  }
  for (const [i, s] of spaces.entries()) {
    if (s.kind !== 'continuous' || s.dim !== first.dim || s.low !== first.low || s.high !== first.high) {
      throw new UserError(`continuous learners need the same action box for every agent; agent ${i} differs from agent 0`);
    }
  }
  if (!(first.high > first.low)) throw new UserError(`action box must have high > low, got [${first.low}, ${first.high}]`);
  return {
    nAgents: spec.nAgents,
    obsDim: Math.max(...spec.obsDims),
    obsDims: [...spec.obsDims],
    stateDim: spec.stateDim,
    actionDim: first.dim,
    low: first.low,
    high: first.high,
    episodeLength: spec.episodeLength,
  };
}

/** Optional capability of an environment: which observation/state entries the digital twin provides. */
export interface DigitalTwinFeatureSource {
  digitalTwinFeatures(): { obs: number[][]; state: number[] };
}

interface ScenarioCarrier {
  params?: { scenario?: { digitalTwin?: { enabled?: boolean; offMasks?: string } } };
  observationNames?: unknown;
}

/** Local-state entries the DT provides, by the names IsacEnv.observationNames gives them (Q^rsu_k, G_rsu). */
const DT_ENTRY_NAME = /(^|\.)rsuQueue\b|^gRsu/;
/** Under the scenario setting digitalTwin.offMasks = 'g-rsu' only G_rsu (Sec. VI-B 2)) is hidden (docs/model-notes.md). */
const G_RSU_NAME = /^gRsu/;

/**
 * DT entries of an environment that names its local-state entries but has no digitalTwinFeatures(): the
 * entries named like the RSU queues and G_rsu (only G_rsu when its scenario says digitalTwin.offMasks =
 * 'g-rsu'), in every agent's block of the global state too, plus after the agents' blocks everything (the global
 * RSU queues and G_rsu of (41)) or, under 'g-rsu', the last entries, as many as the local G_rsu (G_rsu ends (41)).
 * Null when the names do not fit that layout.
 */
function dtFeaturesFromNames(env: MultiAgentEnv<Float32Array, unknown>): { obs: number[][]; state: number[] } | null {
  const carrier = env as ScenarioCarrier;
  const names = carrier.observationNames;
  const { nAgents, obsDims, stateDim } = env.spec;
  if (!Array.isArray(names) || !obsDims.every((d) => d === names.length)) return null;
  const onlyG = carrier.params?.scenario?.digitalTwin?.offMasks === 'g-rsu';
  const pattern = onlyG ? G_RSU_NAME : DT_ENTRY_NAME;
  const local = names.flatMap((n, j) => (typeof n === 'string' && pattern.test(n) ? [j] : []));
  const agentBlocks = nAgents * names.length;
  if (local.length === 0 || stateDim <= agentBlocks) return null;
  const state: number[] = [];
  for (let i = 0; i < nAgents; i++) for (const j of local) state.push(i * names.length + j);
  const tailFrom = onlyG ? stateDim - local.length : agentBlocks;
  if (tailFrom < agentBlocks) return null;
  for (let k = tailFrom; k < stateDim; k++) state.push(k);
  return { obs: Array.from({ length: nAgents }, () => [...local]), state };
}

function hasFeatureSource(env: unknown): env is DigitalTwinFeatureSource {
  return typeof (env as Partial<DigitalTwinFeatureSource>).digitalTwinFeatures === 'function';
}

/**
 * The entries a learner with the DT switched off must zero. Null when nothing is to be hidden (the DT is
 * on, or the environment already has its DT off). They follow the environment's own DT-off setting (for the
 * ISAC scenario digitalTwin.offMasks): they come from the environment's digitalTwinFeatures() (IsacEnv lists
 * them per offMasks), else from its observation names (tests/rl/continuous/env-adapter.test.ts checks both
 * against the ISAC environment's own DT-off states). An environment that cannot name them and has its DT on cannot serve a
 * no-DT learner: that is a UserError naming the scenario switch.
 */
export function digitalTwinMask(
  env: MultiAgentEnv<Float32Array, unknown>,
  useDigitalTwin: boolean,
  algorithm: string,
): { obs: number[][]; state: number[] } | null {
  if (useDigitalTwin) return null;
  if ((env as ScenarioCarrier).params?.scenario?.digitalTwin?.enabled === false) return null;
  if (hasFeatureSource(env)) {
    const f = env.digitalTwinFeatures();
    const { nAgents, obsDims, stateDim } = env.spec;
    if (f.obs.length !== nAgents) throw new RangeError(`digitalTwinFeatures().obs lists ${f.obs.length} agents, expected ${nAgents}`);
    f.obs.forEach((idx, i) => {
      for (const j of idx) if (!(j >= 0 && j < obsDims[i])) throw new RangeError(`digital-twin obs index ${j} outside agent ${i}'s ${obsDims[i]} entries`);
    });
    for (const j of f.state) if (!(j >= 0 && j < stateDim)) throw new RangeError(`digital-twin state index ${j} outside ${stateDim}`);
    return f;
  }
  const byName = dtFeaturesFromNames(env);
  if (byName) return byName;
  throw new UserError(
    `${algorithm} runs without the digital twin, but environment '${env.spec.envId}' does not name its DT entries; ` +
      'set the scenario field digitalTwin.enabled = false',
  );
}

/** The shape the actors see: each agent's input is the global state (41) under actorInput 'global'. */
export function actorShape(shape: ContinuousShape, actorInput: 'local' | 'global'): ContinuousShape {
  return actorInput === 'global' ? { ...shape, obsDim: shape.stateDim, obsDims: shape.obsDims.map(() => shape.stateDim) } : shape;
}

/** Packs (and, for no-DT learners, masks) an observation into flat agent-major arrays. */
export class ObservationPacker {
  constructor(
    private readonly shape: ContinuousShape,
    private readonly mask: { obs: number[][]; state: number[] } | null,
    /** 'global': every agent's observation is the (masked) global state; shape.obsDim must be stateDim. */
    private readonly actorInput: 'local' | 'global' = 'local',
  ) {
    if (actorInput === 'global' && shape.obsDim !== shape.stateDim) throw new RangeError('global actor input needs obsDim = stateDim (actorShape)');
  }

  /** [N * obsDim], agent-major, zero-padded. */
  packObs(o: EnvObservation, out: Float32Array = new Float32Array(this.shape.nAgents * this.shape.obsDim)): Float32Array {
    const { nAgents, obsDim } = this.shape;
    if (o.obs.length !== nAgents) throw new RangeError(`observation has ${o.obs.length} agents, expected ${nAgents}`);
    if (this.actorInput === 'global') {
      const state = this.packState(o);
      for (let i = 0; i < nAgents; i++) out.set(state, i * obsDim);
      return out;
    }
    out.fill(0);
    for (let i = 0; i < nAgents; i++) {
      const src = o.obs[i];
      if (src.length > obsDim) throw new RangeError(`agent ${i} observation has ${src.length} entries, expected <= ${obsDim}`);
      out.set(src, i * obsDim);
      if (this.mask) for (const j of this.mask.obs[i]) out[i * obsDim + j] = 0;
    }
    return out;
  }

  packState(o: EnvObservation, out: Float32Array = new Float32Array(this.shape.stateDim)): Float32Array {
    if (o.state.length !== this.shape.stateDim) {
      throw new RangeError(`state has ${o.state.length} entries, expected ${this.shape.stateDim}`);
    }
    out.set(o.state);
    if (this.mask) for (const j of this.mask.state) out[j] = 0;
    return out;
  }
}

/** Checks observations and rewards for NaN/Infinity before they reach the networks. */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${what}[${i}] is ${values[i]}: the environment produced a non-finite value`);
  }
}
