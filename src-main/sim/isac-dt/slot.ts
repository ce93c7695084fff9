// One slot of the paper-2 system, evaluated deterministically from the state, the fading draws and the
// decisions: every latency and energy term, the mode choice, cost, queue updates, objective (39) and reward (44).
// Shared by the environment's step() and `vecwb eval-slot --env isac-dt`.
import { pathGainLinear, v2iRateBps } from './channel';
import { cvCost, localComputeS, localEnergyJ, systemCost, taskEnergyJ } from './energy';
import { driftPlusPenalty } from './lyapunov';
import {
  chooseMode,
  coTransformEnergyJ,
  coTransformS,
  dataTUploadEnergyJ,
  dataTUploadS,
  instructionUploadS,
  rsuComputeEnergyJ,
  rsuComputeS,
} from './offload-modes';
import type { IsacParams } from './params';
import {
  littleQueueDelayS,
  localArrivalCycles,
  nextLocalQueue,
  nextRsuQueue,
  nextVirtualEnergyQueue,
  rsuArrivalCycles,
} from './queues';
import type { CvDecision, CvOutcome, CvSlotState, LinkOutcome, RsuOutcome, RsuSlotState, SlotOutcome } from './types';

export interface SlotInput {
  cvs: readonly CvSlotState[];
  rsus: readonly RsuSlotState[];
  /** |h_{i,k}|^2 per CV and RSU. */
  fadingPowerGain: readonly (readonly number[])[];
  /** CV-RSU distances (eq. (2)) and the RSUs each CV may use. */
  distancesM: readonly (readonly number[])[];
  eligible: readonly (readonly number[])[];
  decisions: readonly CvDecision[];
}

type PartialLink = Omit<LinkOutcome, 'queueDelayS' | 'partLatencyS'>;

export function evaluateSlot(p: IsacParams, x: SlotInput): SlotOutcome {
  const s = p.scenario;
  const tau = s.slotDurationS;
  const ch = s.channel;
  const K = p.nRsus;

  // Per-link uploading and computing, eqs. (1), (7)-(15).
  const linkParts: PartialLink[][] = x.cvs.map((cv, i) => {
    const d = x.decisions[i];
    const out: PartialLink[] = [];
    for (let k = 0; k < K; k++) {
      const ratio = d.offloadRatios[k];
      if (!(ratio > 0)) continue;
      const distanceM = x.distancesM[i][k];
      const pathGain = pathGainLinear(distanceM, ch.pathLoss.interceptDb, ch.pathLoss.slopeDb);
      const fadingPowerGain = x.fadingPowerGain[i][k];
      const rateBps = v2iRateBps({
        sensingGain: ch.sensingGain,
        bandwidthRatio: d.bandwidthRatios[k],
        bandwidthHz: ch.bandwidthHz,
        txPowerW: ch.txPowerW,
        fadingPowerGain,
        pathGain,
        noiseW: ch.noiseW,
      }); // eq. (1)
      const cpuHz = d.cpuHz[k];
      const t = cv.task;
      const upS = dataTUploadS(ratio, t.dataBits, rateBps); // eq. (7)
      const upJ = dataTUploadEnergyJ(upS, ch.txPowerW); // eq. (8)
      const insS = instructionUploadS(t.instructionBits, rateBps); // eq. (9)
      const insJ = dataTUploadEnergyJ(insS, ch.txPowerW); // eq. (8) applied to the instruction
      const coS = coTransformS(ratio, t.dataBits, t.coTransformCyclesPerBit, cpuHz); // eq. (10)
      const coJ = coTransformEnergyJ(s.energy.kappaRsu, coS, cpuHz); // eq. (11)
      const withIns = s.offloading.instrTIncludesInstructionUpload;
      const instrTUploadS = withIns ? insS + coS : coS;
      const instrTEnergyJ = withIns ? insJ + coJ : coJ;
      const mode = chooseMode(upS, instrTUploadS); // eqs. (12)/(22)
      const eta: 0 | 1 = mode === 'InstrT' ? 1 : 0;
      const computeS = rsuComputeS(ratio, t.dataBits, t.cyclesPerBit, cpuHz); // eq. (13)
      const computeEnergyJ = rsuComputeEnergyJ(s.energy.kappaRsu, computeS, cpuHz); // eq. (14)
      const uploadS = Math.min(upS, instrTUploadS); // eq. (12)
      out.push({
        rsu: k,
        offloadRatio: ratio,
        bandwidthRatio: d.bandwidthRatios[k],
        cpuHz,
        distanceM,
        pathGain,
        fadingPowerGain,
        rateBps,
        dataTUploadS: upS,
        dataTUploadEnergyJ: upJ,
        instructionUploadS: insS,
        instructionUploadEnergyJ: insJ,
        coTransformS: coS,
        coTransformEnergyJ: coJ,
        instrTUploadS,
        instrTEnergyJ,
        mode,
        eta,
        uploadS,
        uploadEnergyJ: eta ? instrTEnergyJ : upJ,
        computeS,
        computeEnergyJ,
        edgeS: uploadS + computeS, // eq. (15)
        arrivalCycles: rsuArrivalCycles(ratio, t.dataBits, eta, t.coTransformCyclesPerBit, t.cyclesPerBit), // (17)
      });
    }
    return out;
  });

  // RSU arrivals, service and queueing delay, eqs. (17), (18).
  const rsuOut: RsuOutcome[] = x.rsus.map((r, k) => {
    let arrival = 0;
    let allocated = 0;
    let users = 0;
    for (let i = 0; i < x.cvs.length; i++) {
      for (const l of linkParts[i]) {
        if (l.rsu !== k) continue;
        arrival += l.arrivalCycles;
        allocated += l.cpuHz;
        users++;
      }
    }
    const serviceCpuHz = users === 0 && s.rsus.idleDrain ? p.rsuAvailableCpuHz : allocated;
    return {
      allocatedCpuHz: allocated,
      serviceCpuHz,
      arrivalCycles: arrival,
      queueCycles: r.queueCycles,
      queueDelayS: littleQueueDelayS(r.queueHistory, r.arrivalHistory, r.queueCycles, arrival, s.queues.windowSlots, tau), // (18)
      nextQueueCycles: nextRsuQueue(r.queueCycles, serviceCpuHz, tau, arrival), // eq. (17)
    };
  });

  // Per-CV local part, task latency (19)/(21), energy (20)/(23), cost (24).
  const partial = x.cvs.map((cv, i) => {
    const d = x.decisions[i];
    const t = cv.task;
    const locS = localComputeS(d.localRatio, t.dataBits, t.cyclesPerBit, cv.cpuHz); // eq. (5)
    const locJ = localEnergyJ(s.energy.kappaCv, locS, cv.cpuHz); // eq. (6)
    const lambdaLoc = localArrivalCycles(d.localRatio, t.dataBits, t.cyclesPerBit); // (16)
    const qDelay = littleQueueDelayS(cv.localQueueHistory, cv.localArrivalHistory, cv.localQueueCycles, lambdaLoc, s.queues.windowSlots, tau); // (18)
    const localPartLatencyS = d.localRatio > 0 ? locS + qDelay : 0; // T^{loc} of (19)
    const links: LinkOutcome[] = linkParts[i].map((l) => {
      const queueDelayS = rsuOut[l.rsu].queueDelayS;
      return { ...l, queueDelayS, partLatencyS: l.edgeS + queueDelayS }; // T^{rsu}_{i,k} of (19)/(21)
    });
    let taskLatencyS = localPartLatencyS; // eq. (19)/(21): the parts run in parallel
    for (const l of links) taskLatencyS = Math.max(taskLatencyS, l.partLatencyS);
    const eTask = taskEnergyJ(
      locJ,
      links.map((l) => ({ eta: l.eta, dataTUploadEnergyJ: l.dataTUploadEnergyJ, instrTEnergyJ: l.instrTEnergyJ, computeEnergyJ: l.computeEnergyJ })),
    ); // eq. (20)/(23)
    return {
      localRatio: d.localRatio,
      localComputeS: locS,
      localEnergyJ: locJ,
      localArrivalCycles: lambdaLoc,
      localQueueDelayS: qDelay,
      localPartLatencyS,
      links,
      taskLatencyS,
      taskEnergyJ: eTask,
      cost: cvCost(s.costWeightAlpha, taskLatencyS, eTask), // eq. (24)
      maxDelayS: t.maxDelayS,
      deadlineViolated: taskLatencyS > t.maxDelayS, // C8
      nextLocalQueueCycles: nextLocalQueue(cv.localQueueCycles, cv.cpuHz, tau, lambdaLoc), // eq. (16)
    };
  });

  const total = partial.reduce((a, c) => a + c.taskEnergyJ, 0); // E^{total}(t) of C3
  const I = x.cvs.length;
  const perCv = s.energy.virtualQueue === 'per-cv';
  const energyExcessJ = partial.map((c) => (perCv ? c.taskEnergyJ - p.eMaxJ / I : total - p.eMaxJ));
  const cvOut: CvOutcome[] = partial.map((c, i) => ({
    eligibleRsus: [...x.eligible[i]],
    ...c,
    nextVirtualEnergyQueueJ: nextVirtualEnergyQueue(
      x.cvs[i].virtualEnergyQueueJ,
      perCv ? p.eMaxJ / I : p.eMaxJ,
      perCv ? c.taskEnergyJ : total,
    ), // eq. (27)
  }));
  const cost = systemCost(cvOut.map((c) => c.cost)); // eq. (25)
  const terms = driftPlusPenalty({
    controlV: s.lyapunov.controlV,
    systemCost: cost,
    localQueueCycles: x.cvs.map((c) => c.localQueueCycles),
    localArrivalCycles: cvOut.map((c) => c.localArrivalCycles),
    cvCpuHz: x.cvs.map((c) => c.cpuHz),
    rsuQueueCycles: rsuOut.map((r) => r.queueCycles),
    rsuArrivalCycles: rsuOut.map((r) => r.arrivalCycles),
    rsuServiceCpuHz: rsuOut.map((r) => r.serviceCpuHz),
    virtualQueueJ: x.cvs.map((c) => c.virtualEnergyQueueJ),
    energyExcessJ,
    slotS: tau,
    queueUnitCycles: s.lyapunov.queueUnitCycles,
    cvCosts: cvOut.map((c) => c.cost),
    drift: s.lyapunov.drift,
    nextLocalQueueCycles: cvOut.map((c) => c.nextLocalQueueCycles),
    nextRsuQueueCycles: rsuOut.map((r) => r.nextQueueCycles),
    nextVirtualQueueJ: cvOut.map((c) => c.nextVirtualEnergyQueueJ),
  }); // eqs. (39), (44)
  const { agentRewards, ...summed } = terms;
  // 'per-agent': the reported (and learned) reward is the mean of the r_i, i.e. the summed reading / I.
  const reward = s.lyapunov.reward === 'per-agent' && I > 0 ? summed.reward / I : summed.reward;
  let dataT = 0;
  let instrT = 0;
  for (const c of cvOut) for (const l of c.links) (l.eta ? instrT++ : dataT++);
  return {
    cvs: cvOut,
    rsus: rsuOut,
    systemCost: cost,
    totalEnergyJ: total,
    eMaxJ: p.eMaxJ,
    ...summed,
    reward,
    agentRewards,
    constraintViolations: cvOut.filter((c) => c.deadlineViolated).length,
    modeDataTCount: dataT,
    modeInstrTCount: instrT,
  };
}
