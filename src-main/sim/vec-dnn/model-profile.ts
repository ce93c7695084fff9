// What the slot model needs to know about a DNN: its partition units with D_l (eq. 3) and B_l (eq. 6).

export interface PartitionUnit {
  /** Row name(s) of the layer table that form this unit. */
  name: string;
  /** D_l: bytes of the unit's input, i.e. what is transmitted when the cut is phi = l (eq. 3). */
  inputBytes: number;
  /** B_l: operations of the unit (eq. 6). */
  workloadOps: number;
}

export interface ModelProfile {
  name: string;
  /** Units l = 1..L in order; cut phi in 1..L+1 runs units 1..phi-1 locally and phi..L on the edge. */
  units: PartitionUnit[];
  totalOps: number;
}

/** Operations run locally for cut phi: sum_{l < phi} B_l (eqs. 7, 8). */
export function localOps(profile: ModelProfile, phi: number): number {
  let s = 0;
  for (let l = 1; l < phi; l++) s += profile.units[l - 1].workloadOps;
  return s;
}

/** Operations offloaded for cut phi: sum_{l >= phi} B_l (eqs. 9, 10, 13, 14). */
export function offloadedOps(profile: ModelProfile, phi: number): number {
  return profile.totalOps - localOps(profile, phi);
}

/** D_phi: bytes sent for cut phi; 0 when phi = L+1 (all local) (eqs. 4, 5). */
export function transmittedBytes(profile: ModelProfile, phi: number): number {
  return phi > profile.units.length ? 0 : profile.units[phi - 1].inputBytes;
}
