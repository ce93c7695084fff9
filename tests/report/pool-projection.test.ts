import { describe, expect, it } from 'vitest';
import { hoursByMachines, makespanSeconds } from '../../src-shared/reproduction/pool-projection';
import { listExperiments } from '../../src-main/engine/reproduce-list';
import { planPool } from '../../src-main/engine/sweep-pool/pool-size';

describe('projected sweep time over workers', () => {
  it('schedules longest runs first onto the slot free soonest', () => {
    expect(makespanSeconds([3, 3, 2, 2, 2], 1)).toBe(12);
    expect(makespanSeconds([3, 3, 2, 2, 2], 2)).toBe(7);
    expect(makespanSeconds([3, 3, 2, 2, 2], 3)).toBe(5);
    expect(makespanSeconds([3, 3, 2, 2, 2], 10)).toBe(3);
    expect(makespanSeconds([], 4)).toBe(0);
  });

  it('hours on this machine and with each extra machine like it', () => {
    expect(hoursByMachines([3600, 3600, 3600, 3600], 1)).toEqual([4, 2, 2, 1]);
    expect(hoursByMachines([3600, 3600, 3600, 3600], 2, 2)).toEqual([2, 1]);
  });
});

describe('vecwb reproduce --list', () => {
  it('gives every sweep experiment its paper-scale hours on this machine and with 1-3 extra workers', () => {
    const text = listExperiments();
    const lines = text.split('\n').filter((l) => l.includes('paper on this machine'));
    expect(lines.length).toBe(text.split('\n').filter((l) => /^\s+paper\s+\d+ runs/.test(l)).length);
    const { workers } = planPool();
    for (const l of lines) expect(l).toMatch(new RegExp(`paper on this machine \\(${workers} run\\(s\\) at a time\\): ~\\d+\\.\\d h; with 1, 2, 3 extra workers like it \\(vecwb worker\\): ~\\d+\\.\\d h, ~\\d+\\.\\d h, ~\\d+\\.\\d h$`));
  });
});
