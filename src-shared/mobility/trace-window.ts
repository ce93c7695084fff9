// Which slice of a SUMO FCD trace can serve as an episode: the paper's vehicles are all present from the first
// slot to the last (no arrivals or departures), so a start time works only if enough vehicles are on the road
// for the whole window [start, start + (T - 1) tau].

export interface TraceVehicleSpan {
  id: string;
  firstTimeS: number;
  lastTimeS: number;
}

/** Ids present over the whole window starting at `startS` and lasting `windowS` seconds. */
export function vehiclesCovering(vehicles: readonly TraceVehicleSpan[], startS: number, windowS: number): string[] {
  const endS = startS + windowS;
  const eps = 1e-6; // FCD times are printed with limited digits; matches the import's 1e-6 s tolerance
  return vehicles.filter((v) => v.firstTimeS <= startS + eps && v.lastTimeS >= endS - eps).map((v) => v.id);
}

/**
 * The earliest start time (one of the vehicles' first times, the only moments the covering set can grow) at
 * which `needed` vehicles cover the whole window; null if no start time has that many.
 */
export function earliestFullWindowStart(vehicles: readonly TraceVehicleSpan[], needed: number, windowS: number): number | null {
  const starts = [...new Set(vehicles.map((v) => v.firstTimeS))].sort((a, b) => a - b);
  for (const t of starts) if (vehiclesCovering(vehicles, t, windowS).length >= needed) return t;
  return null;
}

/** A start time at which the episode fits, with the vehicles that drive through the whole window. */
export interface FittingWindow {
  startS: number;
  covering: string[];
}

/**
 * Every start time (a vehicle's first time: the covering set only grows there) at which at least `needed`
 * vehicles drive through the whole window, earliest first, at most `max` of them. A window starting anywhere
 * else holds no more vehicles than the latest of these before it.
 */
export function fittingWindows(vehicles: readonly TraceVehicleSpan[], needed: number, windowS: number, max = 200): FittingWindow[] {
  const starts = [...new Set(vehicles.map((v) => v.firstTimeS))].sort((a, b) => a - b);
  const out: FittingWindow[] = [];
  for (const startS of starts) {
    const covering = vehiclesCovering(vehicles, startS, windowS);
    if (covering.length >= needed) out.push({ startS, covering });
    if (out.length >= max) break;
  }
  return out;
}

export interface RolePick {
  cvIds: string[];
  svIds: string[];
}

/**
 * CV and SV ids among the vehicles covering the window: the ids already chosen that still cover it keep their
 * role (in order), the remaining slots are filled with covering vehicles in trace order. Null when fewer than
 * cvCount + svCount vehicles cover the window.
 */
export function pickRoles(
  vehicles: readonly TraceVehicleSpan[],
  startS: number,
  windowS: number,
  cvCount: number,
  svCount: number,
  keep: Partial<RolePick> = {},
): RolePick | null {
  const covering = vehiclesCovering(vehicles, startS, windowS);
  if (covering.length < cvCount + svCount) return null;
  const inWindow = new Set(covering);
  const cvIds = (keep.cvIds ?? []).filter((id) => inWindow.has(id)).slice(0, cvCount);
  const svIds = (keep.svIds ?? []).filter((id) => inWindow.has(id) && !cvIds.includes(id)).slice(0, svCount);
  const free = covering.filter((id) => !cvIds.includes(id) && !svIds.includes(id));
  while (cvIds.length < cvCount) cvIds.push(free.shift() as string);
  while (svIds.length < svCount) svIds.push(free.shift() as string);
  return { cvIds, svIds };
}
