// Paper 1, Sec. 7.4: each agent's local state s_i(t) (eq. 52), the joint state S(t) (eq. 53) and the legal-action
// masks (journal version: an SV farther than the V2V radius cannot take an offloaded part at that slot).
import { actionCount, decodeAction } from './actions';
import type { VecDnnParams, VecDnnSlotState } from './slot';

export interface ObservationConfig {
  /**
   * true: queues / (10 workloadUnitOps), positions (x - rsu.x) / coverage radius (and (y - rsu.y) / radius);
   * false: queues in workload units, positions in metres.
   */
  normalise: boolean;
  /** 'x': the position along the road only (the paper's 2J + 1 entries); 'xy': both coordinates (3J + 1). */
  positions: 'x' | 'xy';
  workloadUnitOps: number;
  rsu: { x: number; y: number; coverageRadiusM: number };
}

export interface Point {
  x: number;
  y: number;
}

/** Positions at the slot being observed. */
export interface SlotPositions {
  cvs: Point[];
  svs: Point[];
}

/** |s_i(t)|: 2J + 1 with scalar positions (eq. 52), J = 1 + #SVs. */
export function observationDim(nSv: number, positions: ObservationConfig['positions']): number {
  const J = 1 + nSv;
  return J + 1 + J * (positions === 'xy' ? 2 : 1);
}

/** Names of the entries of s_i(t), in order. */
export function observationNames(nSv: number, positions: ObservationConfig['positions']): string[] {
  const sv = Array.from({ length: nSv }, (_, j) => j + 1);
  const names = ['Q_loc', 'Q_rsu(own type)', ...sv.map((j) => `Q_sv${j}`)];
  const coords = positions === 'xy' ? ['x', 'y'] : ['x'];
  for (const c of coords) names.push(`${c}_cv`);
  for (const j of sv) for (const c of coords) names.push(`${c}_sv${j}`);
  return names;
}

/** s_i(t) = {Q_i^loc, Q_k^rsu, Q^veh, po_i^loc, P^veh}. eq. (52) */
export function buildObservation(cfg: ObservationConfig, state: VecDnnSlotState, pos: SlotPositions, i: number): Float32Array {
  const queueScale = cfg.normalise ? 1 / (10 * cfg.workloadUnitOps) : 1 / cfg.workloadUnitOps;
  const R = cfg.rsu.coverageRadiusM;
  const px = (x: number) => (cfg.normalise ? (x - cfg.rsu.x) / R : x);
  const py = (y: number) => (cfg.normalise ? (y - cfg.rsu.y) / R : y);
  const out: number[] = [
    state.cvs[i].queueOps * queueScale,
    state.rsuQueueOps[state.cvs[i].modelType] * queueScale,
    ...state.svs.map((sv) => sv.queueOps * queueScale),
  ];
  const push = (p: Point) => {
    out.push(px(p.x));
    if (cfg.positions === 'xy') out.push(py(p.y));
  };
  push(pos.cvs[i]);
  pos.svs.forEach(push);
  return Float32Array.from(out);
}

/** S(t) = {s_1(t), ..., s_I(t)}. eq. (53) */
export function buildGlobalState(obs: readonly Float32Array[]): Float32Array {
  const total = obs.reduce((n, o) => n + o.length, 0);
  const s = new Float32Array(total);
  let at = 0;
  for (const o of obs) {
    s.set(o, at);
    at += o.length;
  }
  return s;
}

/**
 * Legal actions of CV i (1 = legal) over the (L+1) J indices of eq. (54): an SV beyond p.v2vRadiusM is illegal for
 * phi <= L; with phi = L+1 nothing is sent, so every target is legal (and equivalent).
 */
export function buildMask(p: VecDnnParams, state: VecDnnSlotState, i: number): Uint8Array {
  const cv = state.cvs[i];
  const L = p.profiles[cv.modelType].units.length;
  const J = 1 + state.svs.length;
  const mask = new Uint8Array(actionCount(L, J));
  for (let a = 0; a < mask.length; a++) {
    const d = decodeAction(a, J);
    mask[a] = d.phi <= L && d.target >= 1 && !(cv.distSvM[d.target - 1] <= p.v2vRadiusM) ? 0 : 1;
  }
  return mask;
}
