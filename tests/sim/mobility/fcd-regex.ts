// Independent reading of an FCD file for the tests: plain regular expressions over the whole text
// (fine for the small fixture), no XML parser shared with the code under test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_FCD = fileURLToPath(new URL('../../fixtures/sumo/highway.fcd.xml', import.meta.url));

export interface RegexTimestep {
  timeS: number;
  vehicles: { id: string; x: number; y: number }[];
}

export function regexTimesteps(file: string): RegexTimestep[] {
  const text = readFileSync(file, 'utf8');
  const steps: RegexTimestep[] = [];
  const stepRe = /<timestep time="([^"]+)">([\s\S]*?)<\/timestep>/g;
  for (const m of text.matchAll(stepRe)) {
    const vehicles = [...m[2].matchAll(/<vehicle id="([^"]+)" x="([^"]+)" y="([^"]+)"/g)].map((v) => ({
      id: v[1],
      x: Number(v[2]),
      y: Number(v[3]),
    }));
    steps.push({ timeS: Number(m[1]), vehicles });
  }
  return steps;
}

/** Position of `id` at trace time `timeS` (exact match), from the regex reading. */
export function regexPosition(steps: RegexTimestep[], id: string, timeS: number): { x: number; y: number } {
  const step = steps.find((s) => s.timeS === timeS);
  const v = step?.vehicles.find((w) => w.id === id);
  if (!v) throw new Error(`fixture has no ${id} at ${timeS}`);
  return { x: v.x, y: v.y };
}
