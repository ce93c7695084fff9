// Turns each agent's continuous action in [0, 1]^dim into decisions that satisfy C4-C6 (projection onto the
// simplex and the capped simplex, fair sharing of RSU CPU), and checks explicit decisions against C4-C6.
import { UserError } from '../../../src-shared/errors';
import type { IsacParams } from './params';
import type { CvDecision, IsacTask } from './types';

export const ACTION_LOW = 0;
export const ACTION_HIGH = 1;

/**
 * Layout of one agent's action vector. With n offload targets (1 under 'nearest': the associated RSU; K under
 * 'all-in-coverage': RSU j) it is [l^{loc}, l^{rsu}_1..n, b_1..n, f_1..n], the f block (requested share of the
 * RSU's CPU) only when offloading.rsuCpu = 'action'.
 */
export interface ActionLayout {
  targets: number;
  dim: number;
  ratioOffset: number;
  bandwidthOffset: number;
  cpuOffset: number | null;
  names: string[];
}

export function actionLayout(p: IsacParams): ActionLayout {
  const n = p.scenario.offloading.targets === 'nearest' ? 1 : p.nRsus;
  const withCpu = p.scenario.offloading.rsuCpu === 'action';
  const tag = (j: number) => (n === 1 ? 'assoc' : String(j));
  const names = ['localRatio'];
  for (let j = 0; j < n; j++) names.push(`offloadRatio[${tag(j)}]`);
  for (let j = 0; j < n; j++) names.push(`bandwidthRatio[${tag(j)}]`);
  if (withCpu) for (let j = 0; j < n; j++) names.push(`cpuShare[${tag(j)}]`);
  return { targets: n, dim: names.length, ratioOffset: 1, bandwidthOffset: 1 + n, cpuOffset: withCpu ? 1 + 2 * n : null, names };
}

/** Euclidean projection onto the probability simplex {x >= 0, sum x = 1} (sort-and-threshold). */
export function projectOntoSimplex(v: readonly number[]): number[] {
  const n = v.length;
  if (n === 0) return [];
  const u = [...v].sort((a, b) => b - a);
  let cum = 0;
  let theta = 0;
  for (let j = 0; j < n; j++) {
    cum += u[j];
    const t = (cum - 1) / (j + 1);
    if (u[j] - t > 0) theta = t;
  }
  return v.map((x) => Math.max(x - theta, 0));
}

/** Euclidean projection onto the capped simplex {x >= 0, sum x <= 1}. */
export function projectOntoCappedSimplex(v: readonly number[]): number[] {
  const clipped = v.map((x) => Math.max(x, 0));
  const s = clipped.reduce((a, b) => a + b, 0);
  return s <= 1 ? clipped : projectOntoSimplex(v);
}

function toSimplex(v: readonly number[], how: 'euclidean' | 'normalise'): number[] {
  if (how === 'euclidean') return projectOntoSimplex(v);
  const s = v.reduce((a, b) => a + b, 0);
  return s > 0 ? v.map((x) => x / s) : v.map(() => 1 / v.length);
}

function toCappedSimplex(v: readonly number[], how: 'euclidean' | 'normalise'): number[] {
  if (how === 'euclidean') return projectOntoCappedSimplex(v);
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / Math.max(1, s));
}

const clip01 = (x: number) => Math.min(ACTION_HIGH, Math.max(ACTION_LOW, x));

/**
 * Maps every agent's action onto decisions. `eligible[i]` lists the RSUs CV i may use this slot. Split ratios
 * go onto the simplex over {local} and the eligible RSUs (C5); bandwidth ratios of eligible links onto the
 * capped simplex and then affinely above a floor (C4, rate (1) > 0); RSU CPU is shared so that the parts at
 * one RSU together get at most F^{max} - C^{twin} (C6).
 */
export function mapActions(
  p: IsacParams,
  eligible: readonly number[][],
  tasks: readonly IsacTask[],
  actions: readonly ArrayLike<number>[],
): CvDecision[] {
  const layout = actionLayout(p);
  const K = p.nRsus;
  const m = p.scenario.actionMapping;
  if (actions.length !== p.nCvs) throw new RangeError(`expected ${p.nCvs} actions (one per CV), got ${actions.length}`);
  const requested: number[][] = [];
  const decisions: CvDecision[] = actions.map((a, i) => {
    if (a.length !== layout.dim) throw new RangeError(`action of CV ${i} must have ${layout.dim} entries, got ${a.length}`);
    for (let d = 0; d < a.length; d++) {
      if (!Number.isFinite(a[d])) throw new RangeError(`action of CV ${i} entry ${d} (${layout.names[d]}) is not finite: ${a[d]}`);
    }
    const targets = layout.targets === 1 ? eligible[i].slice(0, 1) : eligible[i];
    const slotOf = (k: number) => (layout.targets === 1 ? 0 : k);
    // C5: l^{loc} + sum_k l^{rsu}_k = 1 over local and eligible RSUs.
    const ratios = toSimplex([clip01(a[0]), ...targets.map((k) => clip01(a[layout.ratioOffset + slotOf(k)]))], m.simplex);
    const offloadRatios = new Array<number>(K).fill(0);
    targets.forEach((k, j) => (offloadRatios[k] = ratios[j + 1]));
    // C4: sum_k b_k <= 1, then b = b_min + (1 - n b_min) b so every usable link has a positive rate.
    const bandwidthRatios = new Array<number>(K).fill(0);
    if (targets.length > 0) {
      const b = toCappedSimplex(targets.map((k) => clip01(a[layout.bandwidthOffset + slotOf(k)])), m.simplex);
      const floor = Math.min(m.minBandwidthRatio, 1 / (2 * targets.length));
      targets.forEach((k, j) => (bandwidthRatios[k] = floor + (1 - targets.length * floor) * b[j]));
    }
    const share = new Array<number>(K).fill(0);
    for (const k of targets) {
      const raw = layout.cpuOffset === null ? 1 : clip01(a[layout.cpuOffset + slotOf(k)]);
      share[k] = m.minCpuShare + (1 - m.minCpuShare) * raw;
    }
    requested.push(share);
    return { localRatio: ratios[0], offloadRatios, bandwidthRatios, cpuHz: new Array<number>(K).fill(0) };
  });
  for (let k = 0; k < K; k++) {
    const users = decisions.map((d, i) => (d.offloadRatios[k] > 0 ? i : -1)).filter((i) => i >= 0);
    if (users.length === 0) continue;
    if (p.scenario.channel.bandwidthSharing === 'per-rsu') {
      const total = users.reduce((s, i) => s + decisions[i].bandwidthRatios[k], 0);
      if (total > 1) for (const i of users) decisions[i].bandwidthRatios[k] /= total;
    }
    // C6: sum_i F_{i,k} <= F^{max} - C^{twin}.
    const weight = users.map((i) =>
      p.scenario.offloading.rsuCpu === 'action'
        ? requested[i][k]
        : decisions[i].offloadRatios[k] * tasks[i].dataBits * tasks[i].cyclesPerBit,
    );
    const wSum = weight.reduce((s, w) => s + w, 0);
    const denom = p.scenario.offloading.rsuCpu === 'action' ? Math.max(1, wSum) : wSum;
    users.forEach((i, j) => (decisions[i].cpuHz[k] = (p.rsuAvailableCpuHz * weight[j]) / denom));
  }
  return decisions;
}

const TOL = 1e-9;

/** Checks explicit decisions (eval-slot input) against C4-C6 and eligibility; throws a UserError naming each field. */
export function checkDecisions(p: IsacParams, eligible: readonly number[][], decisions: readonly CvDecision[]): void {
  const errors: string[] = [];
  const K = p.nRsus;
  decisions.forEach((d, i) => {
    const at = `decisions.${i}`;
    for (const [name, arr] of [['offloadRatios', d.offloadRatios], ['bandwidthRatios', d.bandwidthRatios], ['cpuHz', d.cpuHz]] as const) {
      if (arr.length !== K) errors.push(`${at}.${name}: must have one entry per RSU (${K}), got ${arr.length}`);
    }
    if (errors.length > 0) return;
    const sum = d.localRatio + d.offloadRatios.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) errors.push(`${at}: localRatio + sum(offloadRatios) must be 1 (C5), got ${sum}`);
    const bSum = d.bandwidthRatios.reduce((a, b) => a + b, 0);
    if (bSum > 1 + 1e-6) errors.push(`${at}.bandwidthRatios: must sum to at most 1 (C4), got ${bSum}`);
    for (let k = 0; k < K; k++) {
      if (d.offloadRatios[k] > 0 && !eligible[i].includes(k)) {
        errors.push(`${at}.offloadRatios.${k}: RSU ${k} is not eligible for CV ${i} this slot (eligible: [${eligible[i].join(', ')}])`);
      }
      if (d.offloadRatios[k] > 0 && !(d.bandwidthRatios[k] > 0)) errors.push(`${at}.bandwidthRatios.${k}: must be > 0 where offloadRatios.${k} > 0`);
      if (d.offloadRatios[k] > 0 && !(d.cpuHz[k] > 0)) errors.push(`${at}.cpuHz.${k}: must be > 0 where offloadRatios.${k} > 0`);
    }
  });
  if (errors.length === 0) {
    for (let k = 0; k < K; k++) {
      const f = decisions.reduce((s, d) => s + d.cpuHz[k], 0);
      if (f > p.rsuAvailableCpuHz * (1 + TOL)) {
        errors.push(`decisions.*.cpuHz.${k}: RSU ${k} gives ${f} Hz in total, above F^max - C^twin = ${p.rsuAvailableCpuHz} Hz (C6)`);
      }
      if (p.scenario.channel.bandwidthSharing === 'per-rsu') {
        const b = decisions.reduce((s, d) => s + (d.offloadRatios[k] > 0 ? d.bandwidthRatios[k] : 0), 0);
        if (b > 1 + 1e-6) errors.push(`decisions.*.bandwidthRatios.${k}: CVs at RSU ${k} use ${b} > 1 of the band (per-rsu sharing)`);
      }
    }
  }
  if (errors.length > 0) throw new UserError(`invalid decisions:\n  - ${errors.join('\n  - ')}`);
}
