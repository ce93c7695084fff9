import { describe, expect, it } from 'vitest';
import { greedyDecisions, greedyFactory, smallestTransferCut } from '../../src-main/policies/greedy';
import { handParams, handState } from '../sim/vec-dnn/fixtures';
import { tinyEnv } from './fixtures';

describe('greedy (Sec. 8.2)', () => {
  it('cuts where D_phi is smallest over phi = 1..L, earliest on ties', () => {
    expect(smallestTransferCut(handParams.profiles[0].units)).toBe(2); // D = 2e6, 1e6, 4e6 bits
    expect(smallestTransferCut([{ inputBytes: 5 }, { inputBytes: 3 }, { inputBytes: 3 }])).toBe(2);
    expect(smallestTransferCut([{ inputBytes: 1 }])).toBe(1);
  });

  it('sends each CV to the reachable node with the shortest queue (RSU first on ties)', () => {
    // RSU queues [6, 0] Gops, SV queues [1, 0]: Tiny CVs -> SV 2; the Small CV ties RSU (0) and SV 2 (0) -> RSU.
    expect(greedyDecisions(handParams, handState())).toEqual([
      { phi: 2, target: 2 },
      { phi: 2, target: 2 },
      { phi: 2, target: 0 },
    ]);
    // SV 2 at 3 Gops: CV 0 takes SV 1 (1 Gop); CV 1 cannot reach SV 1 (200 m) and takes SV 2 (3 < 6).
    const s = handState();
    s.svs[1].queueOps = 3e9;
    s.rsuQueueOps[1] = 4e9;
    expect(greedyDecisions(handParams, s)).toEqual([
      { phi: 2, target: 1 },
      { phi: 2, target: 2 },
      { phi: 2, target: 1 },
    ]);
  });

  it("cutRule 'feasible': the smallest-D cut among those whose local work plus backlog fits in f_i tau, else phi = 1", () => {
    // CV 0: f tau = 2.5 Gops, backlog 1: phi 2 needs 1 + 2 = 3 > 2.5, phi 3 needs 4 -> only phi 1 fits.
    // CV 1: f tau = 4, backlog 0: phi 1, 2 (2 Gops), 3 (3 Gops) all fit -> the smallest D, phi 2.
    // CV 2: f tau = 0.8, backlog 2 already exceeds it: no cut fits -> phi 1 (offload everything).
    expect(greedyDecisions(handParams, handState(), 'feasible')).toEqual([
      { phi: 1, target: 2 },
      { phi: 2, target: 2 },
      { phi: 1, target: 0 },
    ]);
    expect(greedyDecisions(handParams, handState(), 'printed').map((d) => d.phi)).toEqual([2, 2, 2]);
    expect(smallestTransferCut(handParams.profiles[0].units, (phi) => phi !== 2)).toBe(1); // D 2e6 < 4e6
    expect(smallestTransferCut(handParams.profiles[0].units, () => false)).toBe(1);
  });

  it('plays those decisions as action indices in the environment', async () => {
    const env = await tinyEnv();
    const greedy = await greedyFactory(env, { seed: 1, hyper: { cutRule: 'printed' } });
    const obs = env.reset(1);
    // Mini: D = 4000, 2000 B -> phi 2; Micro: phi 1; all queues empty -> RSU. a = (phi - 1) * 3.
    expect(await greedy.act(obs, env, false)).toEqual([3, 0]);
    env.step([3, 0]);
    // The RSU now holds Mini's 9990 ops minus service: 5 MHz drains them, so it stays at 0 and the RSU still wins.
    expect(await greedy.act(obs, env, false)).toEqual([3, 0]);
    await expect(greedyFactory(env, { seed: 1, hyper: { depth: 2 } })).rejects.toThrow(/greedy hyper-parameters/);
    await expect(greedyFactory(env, { seed: 1, hyper: { cutRule: 'smallest' } })).rejects.toThrow(/cutRule/);
  });
});
