// Paper 1, Sec. 3.3: V2I and V2V rates (eqs. 1, 2) from distance, path loss and small-scale fading.

export interface PathLoss {
  /** Path gain in dB = interceptDb - slopeDb * log10(distance in m). */
  interceptDb: number;
  slopeDb: number;
}

/** Everything the rate formulas need, in SI units (powers in W). */
export interface LinkParams {
  bandwidthHz: number;
  txPowerW: number;
  noiseW: number;
  /** Distances below this are clamped before the log-distance path loss (avoids log10(0)). */
  minDistanceM: number;
}

/** dBm -> W. */
export function dbmToW(dbm: number): number {
  return 10 ** ((dbm - 30) / 10);
}

export function distanceM(ax: number, ay: number, bx: number, by: number): number {
  return Math.hypot(ax - bx, ay - by);
}

/** g in dB: -38.4 - 21.0 log10(dis) (V2I, under eq. 1) or -44.23 - 16.7 log10(dis) (V2V, under eq. 2). */
export function pathGainDb(pl: PathLoss, distM: number, minDistanceM: number): number {
  return pl.interceptDb - pl.slopeDb * Math.log10(Math.max(distM, minDistanceM));
}

/** h = 10^(g/10) |u|^2: the linear channel gain with the small-scale power gain |u|^2 (under eqs. 1, 2). */
export function channelGain(pl: PathLoss, distM: number, fadingPowerGain: number, minDistanceM: number): number {
  return 10 ** (pathGainDb(pl, distM, minDistanceM) / 10) * fadingPowerGain;
}

/** R = B log2(1 + p h / sigma^2) in bit/s. eqs. (1), (2) */
export function rateBps(link: LinkParams, pl: PathLoss, distM: number, fadingPowerGain: number): number {
  const h = channelGain(pl, distM, fadingPowerGain, link.minDistanceM);
  return link.bandwidthHz * Math.log2(1 + (link.txPowerW * h) / link.noiseW); // eqs. (1), (2)
}
