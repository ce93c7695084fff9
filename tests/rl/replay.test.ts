import { describe, expect, it } from 'vitest';
import { ReplayBuffer, type Transition } from '../../src-main/rl/buffers/replay';
import { Random } from '../../src-main/sim/random';

const dims = { obsDims: [2, 3], stateDim: 4, nActions: [3, 2] };

function transition(k: number): Transition {
  return {
    obs: [Float32Array.of(k, k + 0.5), Float32Array.of(-k, 1, 2)],
    state: Float32Array.of(k, 0, 0, 1),
    actions: [k % 3, k % 2],
    reward: -k,
    nextObs: [Float32Array.of(k + 1, k + 1.5), Float32Array.of(-k - 1, 1, 2)],
    nextState: Float32Array.of(k + 1, 0, 0, 1),
    nextMasks: [Uint8Array.of(1, k % 2, 1), Uint8Array.of(0, 1)],
    done: k % 5 === 4,
  };
}

describe('replay buffer', () => {
  it('stores per-agent fields and gathers them back', () => {
    const buf = new ReplayBuffer(dims, 10);
    for (let k = 0; k < 3; k++) buf.add(transition(k));
    const b = buf.gather([2, 0]);
    expect(Array.from(b.obs[0])).toEqual([2, 2.5, 0, 0.5]);
    expect(Array.from(b.obs[1])).toEqual([-2, 1, 2, -0, 1, 2]);
    expect(Array.from(b.actions[0])).toEqual([2, 0]);
    expect(Array.from(b.actions[1])).toEqual([0, 0]);
    expect(Array.from(b.reward)).toEqual([-2, -0]);
    expect(Array.from(b.nextMasks[0])).toEqual([1, 0, 1, 1, 0, 1]);
    expect(Array.from(b.nextState)).toEqual([3, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('overwrites the oldest transitions once full, growing storage on the way', () => {
    const buf = new ReplayBuffer(dims, 1500);
    for (let k = 0; k < 1600; k++) buf.add(transition(k));
    expect(buf.size).toBe(1500);
    expect(buf.cursor).toBe(100);
    expect(buf.gather([0]).reward[0]).toBe(-1500); // slot 0 now holds transition 1500
    expect(buf.gather([100]).reward[0]).toBe(-100);
    expect(buf.gather([4]).done[0]).toBe(1); // 1504 % 5 === 4
  });

  it('samples uniformly from the filled part with the given Random', () => {
    const buf = new ReplayBuffer(dims, 100);
    for (let k = 0; k < 4; k++) buf.add(transition(k));
    const b = buf.sample(400, Random.fromSeed(1));
    const counts = new Map<number, number>();
    for (const r of b.reward) counts.set(Math.abs(r), (counts.get(Math.abs(r)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const c of counts.values()) expect(Math.abs(c - 100)).toBeLessThan(35);
    expect(() => new ReplayBuffer(dims, 3).sample(1, Random.fromSeed(1))).toThrow(/empty/);
  });

  it('restores exactly what it saved', () => {
    const buf = new ReplayBuffer(dims, 7);
    for (let k = 0; k < 9; k++) buf.add(transition(k));
    const bytes = Buffer.concat(buf.chunks());
    const back = ReplayBuffer.restore(buf.meta(), new Uint8Array(bytes));
    expect(back.size).toBe(7);
    expect(back.cursor).toBe(2);
    const idx = [0, 1, 2, 3, 4, 5, 6];
    expect(back.gather(idx)).toEqual(buf.gather(idx));
    expect(() => ReplayBuffer.restore(buf.meta(), new Uint8Array(bytes.subarray(0, 10)))).toThrow(/truncated/);
  });
});
