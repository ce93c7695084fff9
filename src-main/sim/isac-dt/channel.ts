// Sensing-enhanced V2I channel of paper 2 (Sec. III-C): geometry, path loss and rate.

/** Lateral centre of lane `lane` (0 = southernmost) on a road centred on y = 0, north positive (m). */
export function laneCentreYM(lane: number, lanes: number, laneWidthM: number): number {
  return (lane + 0.5) * laneWidthM - (lanes * laneWidthM) / 2;
}

/** Longitudinal RSU positions: explicit, or `count` RSUs `spacingM` apart centred on the road. */
export function rsuPositionsXM(count: number, spacingM: number, roadLengthM: number, explicit?: number[]): number[] {
  if (explicit) return [...explicit];
  const centre = roadLengthM / 2;
  return Array.from({ length: count }, (_, k) => centre + (k - (count - 1) / 2) * spacingM);
}

/** eq. (2): 3-D CV-RSU distance from the longitudinal gap, the lateral gap (y_i - l_k) and the RSU height H_k. */
export function distance3dM(cvXM: number, cvYM: number, rsuXM: number, rsuLateralM: number, rsuHeightM: number): number {
  const dx = rsuXM - cvXM;
  const dy = cvYM - rsuLateralM;
  return Math.sqrt(dx * dx + dy * dy + rsuHeightM * rsuHeightM);
}

/** Distances below this are clamped before the log-distance law (avoids log10(0) with a zero-height RSU). */
export const MIN_PATH_LOSS_DISTANCE_M = 1;

/** Large-scale gain g (linear) from the dB law interceptDb - slopeDb log10(d) (Sec. III-C, -38.4 - 21.0 log10 d). */
export function pathGainLinear(distanceM: number, interceptDb: number, slopeDb: number): number {
  const d = Math.max(distanceM, MIN_PATH_LOSS_DISTANCE_M);
  return 10 ** ((interceptDb - slopeDb * Math.log10(d)) / 10);
}

export interface RateInputs {
  sensingGain: number;
  bandwidthRatio: number;
  bandwidthHz: number;
  txPowerW: number;
  /** |h|^2 of the small-scale fading. */
  fadingPowerGain: number;
  pathGain: number;
  noiseW: number;
}

/** eq. (1): R = Theta * b * B * log2(1 + P |h|^2 g / sigma0^2), bit/s. */
export function v2iRateBps(r: RateInputs): number {
  const snr = (r.txPowerW * r.fadingPowerGain * r.pathGain) / r.noiseW;
  return r.sensingGain * r.bandwidthRatio * r.bandwidthHz * Math.log2(1 + snr);
}
