import { describe, expect, it } from 'vitest';
import { policyFactories } from '../../src-main/policies/index';
import { algorithms } from '../../src-main/experiments/algorithms';
import type { MultiAgentEnv } from '../../src-main/sim/env';
import type { VecDnnStepInfo } from '../../src-main/sim/vec-dnn/env';
import { tinyEnv } from './fixtures';

describe('fixed, random policies and the registry', () => {
  it('registers every vec-dnn heuristic of the algorithm list', () => {
    const names = algorithms.filter((a) => a.env === 'vec-dnn' && a.kind === 'heuristic').map((a) => a.name).sort();
    expect(Object.keys(policyFactories).sort()).toEqual(names);
  });

  it('all-local plays phi = L+1, all-rsu plays phi = 1 to the RSU', async () => {
    const env = await tinyEnv();
    const obs = env.reset(1);
    const local = await policyFactories['all-local'](env, { seed: 1, hyper: {} });
    const rsu = await policyFactories['all-rsu'](env, { seed: 1, hyper: {} });
    expect(await local.act(obs, env, false)).toEqual([6, 3]); // Mini L = 2 -> a = 2 * 3; Micro L = 1 -> 3
    expect(await rsu.act(obs, env, false)).toEqual([0, 0]);
    const r = env.step((await local.act(obs, env, false)) as number[]);
    expect(env.slotMetrics(r.info)).toMatchObject({ localCount: 2, offloadRsuCount: 0, offloadSvCount: 0 });
  });

  it('random plays uniformly among legal actions, reproducibly', async () => {
    const env = await tinyEnv();
    const run = async (seed: number) => {
      const policy = await policyFactories.random(env, { seed, hyper: {} });
      let obs = env.reset(1);
      const seen: number[][] = [];
      for (let t = 0; t < 3; t++) {
        const acts = (await policy.act(obs, env, true)) as number[];
        acts.forEach((a, i) => expect(obs.masks![i][a]).toBe(1));
        seen.push(acts);
        obs = env.step(acts);
      }
      return seen;
    };
    expect(await run(4)).toEqual(await run(4));
    const counts = new Map<number, number>();
    const policy = await policyFactories.random(env, { seed: 5, hyper: {} });
    const obs = env.reset(1);
    for (let n = 0; n < 700; n++) {
      const a = ((await policy.act(obs, env, true)) as number[])[0];
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    // Slot 1: CV 0 has 7 legal actions (1 and 4 mask SV 1): each about 100 times.
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0, 2, 3, 5, 6, 7, 8]);
    for (const c of counts.values()) expect(c).toBeGreaterThan(60);
  });

  it('refuses other environments', async () => {
    const fake = { spec: { envId: 'isac-dt' } } as unknown as MultiAgentEnv<number, VecDnnStepInfo>;
    await expect(policyFactories.greedy(fake, { seed: 1, hyper: {} })).rejects.toThrow(/needs the vec-dnn environment, got 'isac-dt'/);
  });
});
