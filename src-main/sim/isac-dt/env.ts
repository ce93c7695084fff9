// The paper-2 environment (DT-assisted ISAC IoV) behind the shared MultiAgentEnv interface: one agent per CV,
// continuous actions in [0, 1]^dim mapped onto decisions that satisfy C4-C6, team reward (44).
import type { EnvObservation, EnvSpec, MultiAgentEnv, SlotMetrics, StepResult } from '../env';
import { Random } from '../random';
import { ACTION_HIGH, ACTION_LOW, actionLayout, mapActions, type ActionLayout } from './action-mapping';
import { eligibleRsus, rsuDistancesM } from './association';
import {
  buildGlobalState,
  buildObservations,
  digitalTwinFeatureIndices,
  observationDim,
  observationNames,
  stateDim,
  type DtOffMasks,
} from './digital-twin';
import { drawFading, drawInitialQueue, drawTask } from './draws';
import { advanceCv, drawCvBody, type CvBody } from './mobility';
import type { IsacParams } from './params';
import { pushHistory } from './queues';
import { evaluateSlot } from './slot';
import type { CvDecision, CvSlotState, RsuSlotState, SlotOutcome } from './types';

export interface IsacStepInfo {
  /** 1-based slot index t. */
  slot: number;
  /** x positions (m) of the CVs during the slot. */
  cvXM: number[];
  decisions: CvDecision[];
  outcome: SlotOutcome;
}

interface SlotContext {
  distancesM: number[][];
  eligible: number[][];
  fading: number[][];
}

export class IsacEnv implements MultiAgentEnv<Float32Array, IsacStepInfo> {
  readonly spec: EnvSpec;
  readonly params: IsacParams;
  readonly layout: ActionLayout;
  private t = 0;
  private bodies: CvBody[] = [];
  private cvs: CvSlotState[] = [];
  private rsus: RsuSlotState[] = [];
  private ctx: SlotContext = { distancesM: [], eligible: [], fading: [] };
  private mobilityRng = Random.fromSeed(0);
  private taskRng = Random.fromSeed(0);
  private fadingRng = Random.fromSeed(0);

  constructor(params: IsacParams) {
    this.params = params;
    this.layout = actionLayout(params);
    const n = params.nCvs;
    this.spec = {
      envId: 'isac-dt',
      nAgents: n,
      obsDims: new Array<number>(n).fill(observationDim(params)),
      stateDim: stateDim(params),
      actionSpaces: new Array(n).fill(0).map(() => ({ kind: 'continuous' as const, dim: this.layout.dim, low: ACTION_LOW, high: ACTION_HIGH })),
      episodeLength: params.scenario.slots,
    };
  }

  /** Names of the entries of each agent's observation and action vectors. */
  get observationNames(): string[] {
    return observationNames(this.params);
  }

  /**
   * The observation/state entries the digital twin provides, as the scenario's digitalTwin.offMasks defines
   * them (or as `offMasks` does): what a learner without the DT (Ly-MAPPO) zeroes on a DT-on scenario.
   */
  digitalTwinFeatures(offMasks?: DtOffMasks): { obs: number[][]; state: number[] } {
    return digitalTwinFeatureIndices(this.params, offMasks);
  }

  get actionNames(): string[] {
    return [...this.layout.names];
  }

  /** The state of the current slot (what eval-slot takes as input). */
  currentSlot(): { slot: number; cvs: CvSlotState[]; rsus: RsuSlotState[]; fading: number[][] } {
    return { slot: this.t, cvs: structuredClone(this.cvs), rsus: structuredClone(this.rsus), fading: structuredClone(this.ctx.fading) };
  }

  reset(seed: number): EnvObservation {
    const s = this.params.scenario;
    const root = Random.fromSeed(seed);
    this.mobilityRng = root.fork();
    this.taskRng = root.fork();
    this.fadingRng = root.fork();
    const queueRng = root.fork();
    this.t = 1;
    this.bodies = Array.from({ length: this.params.nCvs }, () => drawCvBody(s, this.mobilityRng));
    this.cvs = this.bodies.map((b) => ({
      xM: b.xM,
      yM: b.yM,
      speedMps: b.speedMps,
      cpuHz: b.cpuHz,
      task: drawTask(s, this.taskRng),
      localQueueCycles: drawInitialQueue(s.queues.initialLocalCycles, queueRng),
      virtualEnergyQueueJ: 0, // V_i(0) = 0 (Sec. V)
      localQueueHistory: [],
      localArrivalHistory: [],
    }));
    this.rsus = Array.from({ length: this.params.nRsus }, () => ({
      queueCycles: drawInitialQueue(s.queues.initialRsuCycles, queueRng),
      queueHistory: [],
      arrivalHistory: [],
    }));
    this.prepareSlot();
    return this.observe();
  }

  step(actions: Float32Array[]): StepResult<IsacStepInfo> {
    if (this.t < 1) throw new Error('isac-dt env: call reset() before step()');
    if (this.t > this.params.scenario.slots) throw new Error('isac-dt env: episode finished, call reset()');
    const s = this.params.scenario;
    const decisions = mapActions(this.params, this.ctx.eligible, this.cvs.map((c) => c.task), actions);
    const outcome = evaluateSlot(this.params, {
      cvs: this.cvs,
      rsus: this.rsus,
      fadingPowerGain: this.ctx.fading,
      distancesM: this.ctx.distancesM,
      eligible: this.ctx.eligible,
      decisions,
    });
    const info: IsacStepInfo = { slot: this.t, cvXM: this.cvs.map((c) => c.xM), decisions, outcome };
    const keep = s.queues.windowSlots - 1;
    // Queues move to t+1 (16)(17)(27); the window of (18) keeps the newest m - 1 earlier slots.
    this.rsus = this.rsus.map((r, k) => ({
      queueCycles: outcome.rsus[k].nextQueueCycles,
      queueHistory: pushHistory(r.queueHistory, r.queueCycles, keep),
      arrivalHistory: pushHistory(r.arrivalHistory, outcome.rsus[k].arrivalCycles, keep),
    }));
    this.cvs = this.cvs.map((c, i) => {
      const o = outcome.cvs[i];
      const moved = advanceCv(s, this.bodies[i], this.mobilityRng);
      this.bodies[i] = moved.body;
      const b = moved.body;
      return {
        xM: b.xM,
        yM: b.yM,
        speedMps: b.speedMps,
        cpuHz: b.cpuHz,
        task: drawTask(s, this.taskRng),
        // A respawned CV is a new vehicle: its local queue starts empty; V_i is system-level and carries over.
        localQueueCycles: moved.respawned ? 0 : o.nextLocalQueueCycles,
        virtualEnergyQueueJ: o.nextVirtualEnergyQueueJ,
        localQueueHistory: moved.respawned ? [] : pushHistory(c.localQueueHistory, c.localQueueCycles, keep),
        localArrivalHistory: moved.respawned ? [] : pushHistory(c.localArrivalHistory, o.localArrivalCycles, keep),
      };
    });
    this.t++;
    const done = this.t > s.slots;
    this.prepareSlot();
    return { ...this.observe(), reward: outcome.reward, agentRewards: [...outcome.agentRewards], done, info };
  }

  slotMetrics(info: IsacStepInfo): SlotMetrics {
    return isacSlotMetrics(this.params, info.outcome);
  }

  private prepareSlot(): void {
    const distancesM = this.cvs.map((c) => rsuDistancesM(this.params, c.xM, c.yM));
    this.ctx = {
      distancesM,
      eligible: distancesM.map((d) => eligibleRsus(this.params, d)),
      fading: this.cvs.map(() => drawFading(this.params.scenario, this.params.nRsus, this.fadingRng)),
    };
  }

  private observe(): EnvObservation {
    const obs = buildObservations(this.params, this.cvs, this.rsus, this.ctx.distancesM, this.ctx.eligible, this.t);
    return { obs, state: buildGlobalState(this.params, obs, this.rsus) };
  }
}

/** Cycles per "G operation" in the paper-1 metric names (queueCvGops): 1e9 CPU cycles. */
const GIGA = 1e9;

/**
 * The per-slot metrics streamed to metrics.jsonl. Queues are the values the slot leaves (t+1): rsuQueue and
 * localQueue in queueUnitCycles (Gcycles by default), virtualEnergyQueue in J (one entry per CV, as V_i in (27)).
 * The paper-1 names that have a meaning here are streamed too (same name, same unit scale): the completion
 * time of a task is T^task_i of (19)/(21) (completionTimeSumS is the sum over CVs, like P1's objective), the
 * CV queue queueCvGops is Q^loc_i of (16) in 1e9 cycles (paper 2's operations are CPU cycles), offloadRsuCount
 * counts CVs with any part offloaded to an RSU and localCount CVs that keep the whole task (the two add to I).
 * Paper 1's SV and per-DNN queues have no counterpart and are not streamed.
 */
export function isacSlotMetrics(p: IsacParams, o: SlotOutcome): SlotMetrics {
  const u = p.scenario.lyapunov.queueUnitCycles;
  const n = Math.max(1, o.cvs.length);
  const delays = o.cvs.map((c) => c.taskLatencyS);
  const energies = o.cvs.map((c) => c.taskEnergyJ);
  const delaySumS = delays.reduce((a, b) => a + b, 0);
  const delayMeanS = delaySumS / n;
  const offloading = o.cvs.filter((c) => c.links.length > 0).length;
  return {
    reward: o.reward,
    rewardPerCv: [...o.agentRewards],
    objective: o.objective,
    delayMeanS,
    delayPerCvS: delays,
    energyMeanJ: energies.reduce((a, b) => a + b, 0) / n,
    energyPerCvJ: energies,
    costMean: o.systemCost / n,
    systemCost: o.systemCost,
    totalEnergyJ: o.totalEnergyJ,
    virtualEnergyQueue: o.cvs.map((c) => c.nextVirtualEnergyQueueJ),
    rsuQueue: o.rsus.map((r) => r.nextQueueCycles / u),
    localQueue: o.cvs.map((c) => c.nextLocalQueueCycles / u),
    constraintViolations: o.constraintViolations,
    modeDataTCount: o.modeDataTCount,
    modeInstrTCount: o.modeInstrTCount,
    completionTimeMeanS: delayMeanS,
    completionTimeSumS: delaySumS,
    completionTimePerCvS: [...delays],
    queueCvGops: o.cvs.map((c) => c.nextLocalQueueCycles / GIGA),
    offloadRsuCount: offloading,
    localCount: o.cvs.length - offloading,
  };
}
