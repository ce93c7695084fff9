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
