// The paper-1 environment (MAD2RL: DNN partitioning and offloading over V2I/V2V) behind the shared MultiAgentEnv
// interface: one agent per CV, discrete actions (eq. 54), local states (52), joint state (53), team reward (56).
import type { VecDnnScenario } from '../../../src-shared/schemas/vec-dnn-scenario';
import type { EnvObservation, EnvSpec, MultiAgentEnv, SlotMetrics, StepResult } from '../env';
import type { MobilitySource, MobilityTrace } from '../mobility/trace';
import { Random } from '../random';
import { actionCount, decodeAction, formatIndexSet, type CvDecision } from './actions';
import { distanceM } from './channel';
import {
  buildGlobalState,
  buildMask,
  buildObservation,
  observationDim,
  observationNames,
  type ObservationConfig,
  type SlotPositions,
} from './observation';
import { decisionProblem, evaluateSlot, type SlotOutcome, type VecDnnParams, type VecDnnSlotState } from './slot';

export interface VecDnnEnvConfig {
  /** The validated scenario. */
  scenario: VecDnnScenario;
  params: VecDnnParams;
  /** Model type index (into params.profiles) of each CV. */
  cvModelTypes: number[];
  mobility: MobilitySource;
  /** Scalar (x, default, the paper's 2J + 1) or 2-D positions in the observation. */
  positions?: ObservationConfig['positions'];
}

export interface VecDnnStepInfo {
  /** 1-based slot index t. */
  slot: number;
  actions: number[];
  decisions: CvDecision[];
  /** Every delay component per CV, RSU CPU per model type, queues before/after, objective and reward. */
  outcome: SlotOutcome;
}

/** What heuristics see of the current slot: the full state incl. this slot's fading draws, and positions. */
export interface VecDnnCurrentSlot {
  slot: number;
  state: VecDnnSlotState;
  positions: SlotPositions;
}

const GOPS = 1e9;

export class VecDnnEnv implements MultiAgentEnv<number, VecDnnStepInfo> {
  readonly spec: EnvSpec;
  readonly params: VecDnnParams;
  readonly scenario: VecDnnScenario;
  readonly cvModelTypes: readonly number[];
  readonly observationConfig: ObservationConfig;
  private readonly mobility: MobilitySource;
  private t = 0;
  private trace: MobilityTrace | null = null;
  private cvCpuHz: number[] = [];
  private svCpuHz: number[] = [];
  private queues = { cvOps: [] as number[], rsuOps: [] as number[], svOps: [] as number[] };
  private fading = { rsu: [] as number[], sv: [] as number[][] };
  private fadingRng = Random.fromSeed(0);
  private masks: Uint8Array[] = [];

  constructor(cfg: VecDnnEnvConfig) {
    this.scenario = cfg.scenario;
    this.params = cfg.params;
    this.cvModelTypes = [...cfg.cvModelTypes];
    this.mobility = cfg.mobility;
    const s = cfg.scenario;
    if (this.cvModelTypes.length !== s.cvs.count) throw new RangeError(`vec-dnn env: ${this.cvModelTypes.length} model types for ${s.cvs.count} CVs`);
    this.cvModelTypes.forEach((k, i) => {
      if (!(Number.isInteger(k) && k >= 0 && k < cfg.params.profiles.length)) throw new RangeError(`vec-dnn env: CV ${i} has no model type ${k}`);
    });
    this.observationConfig = {
      normalise: s.observation.normalise,
      positions: cfg.positions ?? 'x',
      workloadUnitOps: s.workloadUnitOps,
      rsu: { x: s.rsu.x, y: s.rsu.y, coverageRadiusM: s.rsu.coverageRadiusM },
    };
    const J = this.edgeNodes;
    const obsDim = observationDim(s.svs.count, this.observationConfig.positions);
    this.spec = {
      envId: 'vec-dnn',
      nAgents: s.cvs.count,
      obsDims: new Array<number>(s.cvs.count).fill(obsDim),
      stateDim: s.cvs.count * obsDim,
      actionSpaces: this.cvModelTypes.map((k) => ({ kind: 'discrete' as const, n: actionCount(cfg.params.profiles[k].units.length, J) })),
      episodeLength: s.slots,
    };
  }

  /** J = 1 + #SVs: the RSU and the SVs. */
  get edgeNodes(): number {
    return 1 + this.scenario.svs.count;
  }

  /** Names of the model types, in the order of the RSU queues (queueDnnGops). */
  get modelTypeNames(): string[] {
    return this.params.profiles.map((p) => p.name);
  }

  /** Names of the entries of each agent's observation (eq. 52). */
  get observationNames(): string[] {
    return observationNames(this.scenario.svs.count, this.observationConfig.positions);
  }

  /** L_k of CV i's model. */
  units(i: number): number {
    return this.params.profiles[this.cvModelTypes[i]].units.length;
  }

  reset(seed: number): EnvObservation {
    const s = this.scenario;
    const root = Random.fromSeed(seed);
    const cpuRng = root.fork();
    const mobilityRng = root.fork();
    this.fadingRng = root.fork();
    // CPUs are fixed for the episode (Sec. 8.1 gives ranges): CVs first, then SVs.
    this.cvCpuHz = Array.from({ length: s.cvs.count }, () => cpuRng.uniformIn(s.cvs.cpuHz.min, s.cvs.cpuHz.max));
    this.svCpuHz = Array.from({ length: s.svs.count }, () => cpuRng.uniformIn(s.svs.cpuHz.min, s.svs.cpuHz.max));
    this.trace = this.mobility.episode(mobilityRng);
    this.checkTrace(this.trace);
    // Q(1) = 0 for every queue (eqs. 8, 10, 14).
    this.queues = {
      cvOps: new Array<number>(s.cvs.count).fill(0),
      rsuOps: new Array<number>(this.params.profiles.length).fill(0),
      svOps: new Array<number>(s.svs.count).fill(0),
    };
    this.t = 1;
    this.drawFading();
    return this.observe();
  }

  step(actions: number[]): StepResult<VecDnnStepInfo> {
    if (this.t < 1 || !this.trace) throw new Error('vec-dnn env: call reset() before step()');
    if (this.t > this.scenario.slots) throw new Error('vec-dnn env: episode finished, call reset()');
    const decisions = this.checkActions(actions);
    const outcome = evaluateSlot(this.params, this.slotState(), decisions);
    const info: VecDnnStepInfo = { slot: this.t, actions: [...actions], decisions, outcome };
    this.queues = {
      cvOps: [...outcome.queuesAfter.cvOps],
      rsuOps: [...outcome.queuesAfter.rsuOps],
      svOps: [...outcome.queuesAfter.svOps],
    };
    this.t++;
    const done = this.t > this.scenario.slots;
    if (!done) this.drawFading();
    return { ...this.observe(), reward: outcome.reward, done, info };
  }

  /** The current slot's full state (a copy): CPUs, queues, distances and this slot's fading draws. */
  currentSlot(): VecDnnCurrentSlot {
    if (!this.trace) throw new Error('vec-dnn env: call reset() before currentSlot()');
    return { slot: this.t, state: this.slotState(), positions: this.positions() };
  }

  /** Evaluates candidate decisions on the current slot without changing the environment. */
  evaluate(decisions: readonly CvDecision[]): SlotOutcome {
    return evaluateSlot(this.params, this.slotState(), decisions);
  }

  /** Legal action indices of agent i at the current slot. */
  legalActions(i: number): number[] {
    const out: number[] = [];
    this.masks[i].forEach((m, a) => {
      if (m) out.push(a);
    });
    return out;
  }

  decodeAction(a: number): CvDecision {
    return decodeAction(a, this.edgeNodes);
  }

  slotMetrics(info: VecDnnStepInfo): SlotMetrics {
    return vecDnnSlotMetrics(info.outcome);
  }

  private checkTrace(trace: MobilityTrace): void {
    const s = this.scenario;
    if (trace.cvs.length !== s.cvs.count || trace.svs.length !== s.svs.count) {
      throw new Error(`vec-dnn env: mobility gave ${trace.cvs.length} CVs / ${trace.svs.length} SVs, scenario wants ${s.cvs.count} / ${s.svs.count}`);
    }
    for (const p of [...trace.cvs, ...trace.svs]) {
      if (p.x.length < s.slots || p.y.length < s.slots) throw new Error(`vec-dnn env: vehicle ${p.id} has fewer than ${s.slots} positions`);
    }
  }

  /** Positions at the current slot; after the last slot, those of slot T (the terminal observation). */
  private positions(): SlotPositions {
    const trace = this.trace as MobilityTrace;
    const idx = Math.min(this.t, this.scenario.slots) - 1;
    const at = (p: { x: Float64Array; y: Float64Array }) => ({ x: p.x[idx], y: p.y[idx] });
    return { cvs: trace.cvs.map(at), svs: trace.svs.map(at) };
  }

  private slotState(): VecDnnSlotState {
    const pos = this.positions();
    const rsu = this.scenario.rsu;
    return {
      cvs: pos.cvs.map((c, i) => ({
        modelType: this.cvModelTypes[i],
        cpuHz: this.cvCpuHz[i],
        queueOps: this.queues.cvOps[i],
        distRsuM: distanceM(c.x, c.y, rsu.x, rsu.y),
        distSvM: pos.svs.map((v) => distanceM(c.x, c.y, v.x, v.y)),
        fadingRsu: this.fading.rsu[i],
        fadingSv: [...this.fading.sv[i]],
      })),
      svs: this.svCpuHz.map((cpuHz, j) => ({ cpuHz, queueOps: this.queues.svOps[j] })),
      rsuQueueOps: [...this.queues.rsuOps],
    };
  }

  /** |u|^2 ~ Exp(1) per slot and link, CV by CV (RSU link, then SV links); all 1 without fading. */
  private drawFading(): void {
    const s = this.scenario;
    const draw = () => (s.channel.fading === 'rayleigh' ? this.fadingRng.exponential() : 1);
    const rsu: number[] = [];
    const sv: number[][] = [];
    for (let i = 0; i < s.cvs.count; i++) {
      rsu.push(draw());
      sv.push(Array.from({ length: s.svs.count }, draw));
    }
    this.fading = { rsu, sv };
  }

  private observe(): EnvObservation {
    const state = this.slotState();
    const pos = this.positions();
    const obs = state.cvs.map((_, i) => buildObservation(this.observationConfig, state, pos, i));
    this.masks = state.cvs.map((_, i) => buildMask(this.params, state, i));
    return { obs, state: buildGlobalState(obs), masks: this.masks.map((m) => Uint8Array.from(m)) };
  }

  private checkActions(actions: readonly number[]): CvDecision[] {
    const n = this.spec.nAgents;
    if (!Array.isArray(actions) || actions.length !== n) {
      throw new RangeError(`vec-dnn env: expected ${n} actions (one per CV), got ${Array.isArray(actions) ? actions.length : typeof actions}`);
    }
    return actions.map((a, i) => {
      const space = this.spec.actionSpaces[i];
      const size = space.kind === 'discrete' ? space.n : 0;
      if (!Number.isInteger(a) || a < 0 || a >= size) {
        throw new RangeError(`vec-dnn env: agent ${i}: action ${a} is not an integer in 0..${size - 1}`);
      }
      const d = decodeAction(a, this.edgeNodes);
      if (!this.masks[i][a]) {
        const why = decisionProblem(this.params, this.slotState(), i, d) ?? 'masked';
        throw new RangeError(
          `vec-dnn env: agent ${i}: action ${a} (cut ${d.phi}, target ${d.target}) is illegal at slot ${this.t}: ${why}; ` +
            `allowed actions: ${formatIndexSet(this.legalActions(i))}`,
        );
      }
      return d;
    });
  }
}

/**
 * The per-slot metrics streamed to metrics.jsonl. Queues are those the slot leaves (t+1), in G operations
 * (ops / 1e9, whatever workloadUnitOps is); queueDnnGops follows the model-type order of the RSU queues.
 */
export function vecDnnSlotMetrics(o: SlotOutcome): SlotMetrics {
  const d = o.cvs.map((c) => c.dS);
  const sum = d.reduce((a, b) => a + b, 0);
  const gops = (xs: readonly number[]) => xs.map((x) => x / GOPS);
  return {
    reward: o.reward,
    objective: o.objective,
    completionTimeMeanS: sum / Math.max(1, d.length),
    completionTimeSumS: sum,
    completionTimePerCvS: d,
    queueCvGops: gops(o.queuesAfter.cvOps),
    queueDnnGops: gops(o.queuesAfter.rsuOps),
    queueSvGops: gops(o.queuesAfter.svOps),
    offloadRsuCount: o.cvs.filter((c) => c.offloads && c.target === 0).length,
    offloadSvCount: o.cvs.filter((c) => c.offloads && c.target >= 1).length,
    localCount: o.cvs.filter((c) => !c.offloads).length,
  };
}
