// The geometry of a paper-2 (ISAC + DT) scenario for its preview: the east-west road and its lanes, the RSUs
// north of it with the ground footprint of their coverage (coverage is a 3-D radius (2) from an antenna at
// height H: on the ground it reaches sqrt(r^2 - H^2)), and the stretches of each lane no RSU covers.
// Same placement rules as the simulator (src-main/sim/isac-dt/channel.ts; a unit test keeps them equal).

export interface IsacLayoutInput {
  road: { lengthM: number; lanes: number; laneWidthM: number };
  rsus: { count: number; spacingM: number; positionsXM?: number[]; lateralOffsetM: number; heightM: number; coverageRadiusM: number };
}

export interface IsacLayout {
  lengthM: number;
  /** y of the road edges (centred on y = 0). */
  edgesYM: [number, number];
  laneCentresYM: number[];
  rsus: { x: number; y: number; groundRadiusM: number }[];
  /** Per lane (same order as laneCentresYM): [from, to] stretches of x in [0, lengthM] outside every RSU's coverage. */
  uncovered: [number, number][][];
}

export function laneCentreYM(lane: number, lanes: number, laneWidthM: number): number {
  return (lane + 0.5) * laneWidthM - (lanes * laneWidthM) / 2;
}

export function rsuPositionsXM(count: number, spacingM: number, roadLengthM: number, explicit?: number[]): number[] {
  if (explicit) return [...explicit];
  const centre = roadLengthM / 2;
  return Array.from({ length: count }, (_, k) => centre + (k - (count - 1) / 2) * spacingM);
}

/** Parts of [0, length] not inside any of the intervals. */
function complement(intervals: [number, number][], length: number): [number, number][] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const gaps: [number, number][] = [];
  let at = 0;
  for (const [lo, hi] of sorted) {
    if (lo > at) gaps.push([at, Math.min(lo, length)]);
    at = Math.max(at, hi);
    if (at >= length) break;
  }
  if (at < length) gaps.push([at, length]);
  return gaps.filter(([a, b]) => b - a > 1e-9);
}

export function isacLayout(s: IsacLayoutInput): IsacLayout {
  const { lengthM, lanes, laneWidthM } = s.road;
  const half = (lanes * laneWidthM) / 2;
  const laneCentresYM = Array.from({ length: lanes }, (_, k) => laneCentreYM(k, lanes, laneWidthM));
  const r = s.rsus;
  const ground = Math.sqrt(Math.max(0, r.coverageRadiusM ** 2 - r.heightM ** 2));
  const rsus = rsuPositionsXM(r.count, r.spacingM, lengthM, r.positionsXM).map((x) => ({ x, y: r.lateralOffsetM, groundRadiusM: ground }));
  const uncovered = laneCentresYM.map((y) => {
    const reach = rsus.flatMap((k): [number, number][] => {
      const dy = y - k.y;
      if (ground < Math.abs(dy)) return [];
      const dx = Math.sqrt(ground ** 2 - dy ** 2);
      return [[k.x - dx, k.x + dx]];
    });
    return complement(reach, lengthM);
  });
  return { lengthM, edgesYM: [-half, half], laneCentresYM, rsus, uncovered };
}
