// Learning check of the PPO update paths (docs/performance.md): Ly-DTMPPO on the small ISAC scenario of
// tests/rl/continuous/isac-learners.test.ts (2 CVs, 10 slots, lr 1e-3, 150 episodes), per seed on the tfjs path
// (VECWB_FAST_PPO=0) and the host path; prints the exploration-off reward of 30 episodes.   npx tsx bench/ppo-paths-seeds.ts

import { selectBackend } from '../src-main/rl/backend';
import { continuousLearnerFactories } from '../src-main/rl/continuous/index';
import { createIsacEnv } from '../src-main/sim/isac-dt/create-env';
import { isacDtReproductionReadings } from '../src-shared/schemas/isac-dt-reproduction';
import { runEpisodes } from '../tests/rl/continuous/target-env';
const SMALL = { ...isacDtReproductionReadings, cvs: { count: 2 }, slots: 10 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
async function main() {
  await selectBackend('wasm');
  const out: string[] = [];
  for (const seed of [7, 8, 9, 10, 11, 12, 13, 14]) {
    for (const fast of ['0', '1']) {
      process.env.VECWB_FAST_PPO = fast;
      const env = await createIsacEnv(SMALL);
      const l = await continuousLearnerFactories['ly-dtmppo'](env, { seed, hyper: { lr: 1e-3 }, backend: 'wasm' });
      await runEpisodes(env, l, 150, { train: true, seedBase: 0 });
      const r = mean(await runEpisodes(env, l, 30, { train: false, seedBase: 70_000 }));
      l.dispose?.();
      out.push(`seed ${seed} fast=${fast} ${r.toFixed(1)}`);
      console.log(out[out.length - 1]);
    }
  }
}
await main();
