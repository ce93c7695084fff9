// Per-slot reward, per-CV cost, delay and energy of random and a grid of fixed-ratio policies under the three energy
// readings (printed, Mb slip, kappa x 1e-2), 5 episodes each (docs/model-notes.md, "Paper 2: reproduction readings").
// Usage: npx tsx scripts/isac-fixed-policy-grid.mts   (V=<v> for another V, PERCV=1 for the per-CV virtual queue)
import { createIsacEnv } from '../src-main/sim/isac-dt/create-env';
import { fixedRatioAction, fixedRatioHyperSchema } from '../src-main/policies/fixed-ratio';
import { Random } from '../src-main/sim/random';
const readings: Record<string, object> = {
  printed: {},
  mb: { energy: { kappaCv: 1e-32, kappaRsu: 1e-34, eMaxPerCvJ: 5e-6 } },
  k1e2: { energy: { kappaCv: 1e-28, kappaRsu: 1e-30, eMaxPerCvJ: 0.5 } },
};
const V = Number(process.env.V ?? 5);
for (const [name, extra] of Object.entries(readings)) {
  const env = await createIsacEnv({ ...extra, lyapunov: { controlV: V, reward: "per-agent" }, ...(process.env.PERCV ? { energy: { ...(extra as {energy?: object}).energy, virtualQueue: "per-cv" } } : {}) });
  const run = (policy: (rng: Random) => Float32Array[], label: string) => {
    let r = 0, c = 0, d = 0, e = 0, n = 0;
    const rng = Random.fromSeed(7);
    for (let ep = 0; ep < 5; ep++) {
      env.reset(100 + ep);
      for (let t = 0; t < 30; t++) {
        const res = env.step(policy(rng));
        const m = env.slotMetrics(res.info);
        r += res.reward; c += m.costMean as number; d += m.delayMeanS as number; e += m.energyMeanJ as number; n++;
      }
    }
    console.log(`${name} V=${V} ${label.padEnd(22)} reward/slot ${(r / n).toPrecision(4)} cost ${(c / n).toPrecision(3)} delay ${(d / n).toPrecision(3)} energy ${(e / n).toPrecision(3)}`);
  };
  const dim = env.spec.actionSpaces[0];
  if (dim.kind !== 'continuous') throw new Error();
  run((rng) => env.spec.actionSpaces.map(() => Float32Array.from({ length: dim.dim }, () => rng.uniform())), 'random');
  for (const localShare of [0, 0.2, 0.4, 0.6, 1]) for (const cpuShare of [0.1, 0.2, 0.4]) {
    const h = fixedRatioHyperSchema.parse({ localShare, cpuShare });
    const a = fixedRatioAction(h, dim.dim, 1);
    run(() => env.spec.actionSpaces.map(() => a.slice()), `l=${localShare} f=${cpuShare}`);
  }
}
