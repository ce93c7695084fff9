// A reproduction report lists the defaults that are readings (the paper prints another value) next to the departures.
import { describe, expect, it } from 'vitest';
import { readingsInForce } from '../../src-main/report/readings';
import { defaultReadings } from '../../src-main/report/default-readings';
import { hyperDefaultsByAlgorithm } from '../../src-main/experiments/hyper-defaults';
import type { RunConfig } from '../../src-shared/schemas/run';

const config = (algo: string, hyper: Record<string, unknown>) => ({ scenario: {}, request: { algo, hyper } }) as RunConfig;

describe('default readings in a reproduction report', () => {
  it("lists gamma 0 and doubleQ of a run that kept the defaults, with the paper's printed value", () => {
    const rows = readingsInForce({ env: 'vec-dnn', configs: [config('pqmix', {})], figureSettings: new Set() });
    expect(rows.find((r) => r.key === 'gamma')).toMatchObject({ scope: 'hyper pqmix', value: '0', default: 'printed: 0.99 (Sec. 8.1)', kind: 'default reading' });
    expect(rows.find((r) => r.key === 'doubleQ')).toMatchObject({ value: 'true', kind: 'default reading' });
    // qHead and chainNoise are MAD2RL's only
    expect(rows.map((r) => r.key).sort()).toEqual(['doubleQ', 'gamma']);
    const mad = readingsInForce({ env: 'vec-dnn', configs: [config('mad2rl', {})], figureSettings: new Set() });
    expect(mad.map((r) => r.key).sort()).toEqual(['chainNoise', 'doubleQ', 'gamma', 'qHead']);
    expect(mad.find((r) => r.key === 'qHead')).toMatchObject({ value: 'logits', default: 'printed: softmax (eq. 41)' });
  });
  it('a run that sets the key itself gets a departure row (or none at the default value) instead', () => {
    const rows = readingsInForce({ env: 'vec-dnn', configs: [config('pqmix', { gamma: 0.99 })], figureSettings: new Set() });
    expect(rows.filter((r) => r.key === 'gamma')).toEqual([expect.objectContaining({ value: '0.99', default: '0', kind: 'departure' })]);
    const heuristics = readingsInForce({ env: 'vec-dnn', configs: [config('genetic', {})], figureSettings: new Set() });
    expect(heuristics).toEqual([]);
  });
  it('every registered key exists in its algorithms and its default is not the printed value', () => {
    for (const r of defaultReadings) {
      const defs = hyperDefaultsByAlgorithm(r.env);
      for (const algo of r.algos) {
        const d = defs.get(algo)!;
        expect(d, `${algo}.${r.key}`).toHaveProperty(r.key);
        expect(r.printed.split(' ')[0]).not.toBe(String(d[r.key]));
      }
    }
  });
});
