import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/errors';
import { ValidationError } from '../../../src-shared/validation';
import { selectBackend } from '../../../src-main/rl/backend';
import { actorShape, continuousShape, digitalTwinMask, ObservationPacker } from '../../../src-main/rl/continuous/env-adapter';
import { continuousLearnerFactories } from '../../../src-main/rl/continuous/index';
import { createIsacEnv } from '../../../src-main/sim/isac-dt/create-env';
import type { MultiAgentEnv } from '../../../src-main/sim/env';
import { Random } from '../../../src-main/sim/random';
import { CounterEnv } from '../../experiments/counter-env';
import { TargetEnv } from './target-env';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('environment adapter', () => {
  it('reads the shape of a continuous environment', () => {
    expect(continuousShape(new TargetEnv(3, 2, 4).spec)).toEqual({
      nAgents: 3,
      obsDim: 3,
      obsDims: [3, 3, 3],
      stateDim: 10,
      actionDim: 2,
      low: 0,
      high: 1,
      episodeLength: 4,
    });
  });

  it('refuses discrete or unequal action spaces', () => {
    expect(() => continuousShape(new CounterEnv().spec)).toThrow(/discrete actions/);
    const spec = new TargetEnv(2, 2, 4).spec;
    const odd = { ...spec, actionSpaces: [spec.actionSpaces[0], { kind: 'continuous' as const, dim: 3, low: 0, high: 1 }] };
    expect(() => continuousShape(odd)).toThrow(UserError);
  });

  it('zeroes exactly the digital-twin entries the environment names', () => {
    const env = new TargetEnv(2, 2, 4);
    const mask = digitalTwinMask(env, false, 'ly-mappo');
    expect(mask).toEqual({ obs: [[2], [2]], state: [2, 5, 6] });
    const packer = new ObservationPacker(continuousShape(env.spec), mask);
    const o = env.reset(3);
    const obs = packer.packObs(o);
    const state = packer.packState(o);
    expect([obs[2], obs[5], state[2], state[5], state[6]]).toEqual([0, 0, 0, 0, 0]);
    expect(obs[0]).toBe(o.obs[0][0]);
    expect(state[3]).toBe(o.state[3]);
    expect(digitalTwinMask(env, true, 'ly-dtmppo')).toBeNull();
  });

  // The learner's own masking follows the scenario's digitalTwin.offMasks, whether the entries come from the
  // environment's digitalTwinFeatures() or (an environment without it) from its observation names.
  for (const offMasks of ['rsu-queues', 'g-rsu'] as const) {
    for (const source of ['digitalTwinFeatures', 'names'] as const) {
      it(`masking a DT-on ISAC environment (offMasks '${offMasks}', via ${source}) gives exactly its own DT-off states`, async () => {
        const scenario = { cvs: { count: 3 }, slots: 6, digitalTwin: { offMasks } };
        const isacOn = await createIsacEnv(scenario);
        const on: MultiAgentEnv<Float32Array, unknown> =
          source === 'digitalTwinFeatures'
            ? (isacOn)
            : ({
                spec: isacOn.spec,
                params: isacOn.params,
                observationNames: isacOn.observationNames,
                reset: (seed: number) => isacOn.reset(seed),
                step: (actions: Float32Array[]) => isacOn.step(actions),
                slotMetrics: () => ({}),
              } as MultiAgentEnv<Float32Array, unknown>);
        const off = (await createIsacEnv({ ...scenario, digitalTwin: { enabled: false, offMasks } }));
        const mask = digitalTwinMask(on, false, 'ly-mappo');
        expect(mask).not.toBeNull();
        // 3 RSUs, local state 11 + 5 * 3 + 3 = 29 entries: Q^rsu_k at 15, 20, 25; G_rsu at 26, 27, 28.
        // Global state: 3 blocks of 29, then Q^rsu at 87..89 and G_rsu at 90..92.
        const local = offMasks === 'rsu-queues' ? [15, 20, 25, 26, 27, 28] : [26, 27, 28];
        const tail = offMasks === 'rsu-queues' ? [87, 88, 89, 90, 91, 92] : [90, 91, 92];
        expect(mask!.obs).toEqual([local, local, local]);
        expect(mask!.state).toEqual([...[0, 29, 58].flatMap((b) => local.map((j) => b + j)), ...tail]);
        expect(digitalTwinMask(off, false, 'ly-mappo')).toBeNull(); // the environment already zeroes them
        const shape = continuousShape(on.spec);
        const masked = new ObservationPacker(shape, mask);
        const plain = new ObservationPacker(shape, null);
        let a = on.reset(17);
        let b = off.reset(17);
        const rng = Random.fromSeed(2);
        let nonZeroHidden = 0;
        let nonZeroRsuQueues = 0;
        const names = isacOn.actionNames;
        expect(names.length).toBe(shape.actionDim);
        for (let t = 0; t < 6; t++) {
          expect([...masked.packObs(a)]).toEqual([...plain.packObs(b)]);
          expect([...masked.packState(a)]).toEqual([...plain.packState(b)]);
          nonZeroHidden += mask!.state.filter((j) => a.state[j] !== 0).length;
          nonZeroRsuQueues += [87, 88, 89].filter((j) => b.state[j] !== 0).length;
          // everything offloaded with a small CPU share so the RSU queues fill
          const actions = a.obs.map(() => Float32Array.from(names, (n) => (/^localRatio/.test(n) || /^cpuShare/.test(n) ? 0.05 * rng.uniform() : 1)));
          a = on.step(actions);
          b = off.step(actions.map((x) => x.slice()));
        }
        expect(nonZeroHidden).toBeGreaterThan(0); // the RSU queues did fill, so the mask hid something
        // under 'g-rsu' the DT-off environment (and so the learner) still shows the RSU queues
        if (offMasks === 'g-rsu') expect(nonZeroRsuQueues).toBeGreaterThan(0);
        else expect(nonZeroRsuQueues).toBe(0);
      });
    }
  }

  it('IsacEnv.digitalTwinFeatures takes the mode as an argument too', async () => {
    const env = await createIsacEnv({ cvs: { count: 2 }, rsus: { count: 1 } });
    // local state 11 + 5 + 3 = 19 entries: Q^rsu at 15, G_rsu at 16..18; global: 2 blocks of 19, Q^rsu 38, G_rsu 39..41
    expect(env.digitalTwinFeatures()).toEqual({ obs: [[15, 16, 17, 18], [15, 16, 17, 18]], state: [15, 16, 17, 18, 34, 35, 36, 37, 38, 39, 40, 41] });
    expect(env.digitalTwinFeatures('g-rsu')).toEqual({ obs: [[16, 17, 18], [16, 17, 18]], state: [16, 17, 18, 35, 36, 37, 39, 40, 41] });
  });

  it('an environment that cannot name its DT entries needs the scenario switch', () => {
    const env = new TargetEnv(2, 2, 4);
    const nameless: MultiAgentEnv<Float32Array, unknown> = {
      spec: env.spec,
      reset: (seed) => env.reset(seed),
      step: (actions) => env.step(actions),
      slotMetrics: () => ({}),
    };
    expect(() => digitalTwinMask(nameless, false, 'ly-mappo')).toThrow(/digitalTwin.enabled = false/);
  });

  it("Ly-MAPPO's actions do not depend on the DT entries", async () => {
    const env = new TargetEnv(2, 2, 4);
    const learner = await continuousLearnerFactories['ly-mappo'](env, { seed: 4, hyper: {} });
    const o = env.reset(8);
    const changed = { obs: o.obs.map((v) => Float32Array.from(v, (x, j) => (j === 2 ? x + 5 : x))), state: o.state };
    const a = (await learner.act(o, env, false)).map((v) => [...v]);
    const b = (await learner.act(changed, env, false)).map((v) => [...v]);
    expect(b).toEqual(a);
    const dt = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 4, hyper: {} });
    const c = (await dt.act(o, env, false)).map((v) => [...v]);
    const d = (await dt.act(changed, env, false)).map((v) => [...v]);
    expect(d).not.toEqual(c);
    learner.dispose?.();
    dt.dispose?.();
  });
});

describe("actorInput 'global'", () => {
  it('every agent sees the global state: the packed block of each agent is S(t), masked like the critic\'s', () => {
    const env = new TargetEnv(2, 2, 4);
    const shape = actorShape(continuousShape(env.spec), 'global');
    const S = env.spec.stateDim;
    expect(S).toBeGreaterThan(env.spec.obsDims[0]);
    expect(shape.obsDim).toBe(S);
    expect(shape.obsDims).toEqual([S, S]);
    const o = env.reset(3);
    const packed = new ObservationPacker(shape, null, 'global').packObs(o);
    expect(packed.length).toBe(2 * S);
    expect(Array.from(packed.subarray(0, S))).toEqual(Array.from(o.state));
    expect(Array.from(packed.subarray(S, 2 * S))).toEqual(Array.from(o.state));
    const masked = new ObservationPacker(shape, { obs: [[], []], state: [1, 4] }, 'global').packObs(o);
    expect(masked[1]).toBe(0);
    expect(masked[S + 4]).toBe(0);
    expect(masked[2]).toBe(o.state[2]);
    expect(() => new ObservationPacker(continuousShape(env.spec), null, 'global')).toThrow(/obsDim = stateDim/);
  });

  it("Ly-DTMPPO's actions then depend on the global state alone; with 'local' they do not", async () => {
    const env = new TargetEnv(2, 2, 4);
    const o = env.reset(8);
    const changed = { obs: o.obs, state: Float32Array.from(o.state, (x) => x + 3) }; // local states unchanged
    for (const actorInput of ['global', 'local'] as const) {
      const l = await continuousLearnerFactories['ly-dtmppo'](env, { seed: 4, hyper: { actorInput } });
      const a = [...(await l.act(o, env, false))[0]];
      const b = [...(await l.act(changed, env, false))[0]];
      if (actorInput === 'global') expect(b).not.toEqual(a);
      else expect(b).toEqual(a);
      l.dispose?.();
    }
  });
});

describe('hyper-parameters', () => {
  const env = new TargetEnv(2, 2, 4);
  it('unknown keys and out-of-range values are named', async () => {
    await expect(continuousLearnerFactories['ly-dtmppo'](env, { seed: 1, hyper: { clipRatio: 2 } })).rejects.toThrow(/clipRatio/);
    await expect(continuousLearnerFactories['ly-maddpg'](env, { seed: 1, hyper: { lr: 1e-3 } })).rejects.toThrow(ValidationError);
    await expect(continuousLearnerFactories['ly-masac'](env, { seed: 1, hyper: { initAlpha: -1 } })).rejects.toThrow(/initAlpha/);
  });

  it('the algorithm name fixes the digital-twin switch', async () => {
    await expect(continuousLearnerFactories['ly-mappo'](env, { seed: 1, hyper: { digitalTwin: true } })).rejects.toThrow(/use ly-dtmppo/);
    await expect(continuousLearnerFactories['ly-dtmppo'](env, { seed: 1, hyper: { digitalTwin: false } })).rejects.toThrow(UserError);
  });
});
