import { describe, expect, it } from 'vitest';
import { hoursByMachines, makespanSeconds } from '../../src-shared/reproduction/pool-projection';

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
