import { describe, expect, it } from 'vitest';
import { meanStdAcross, movingAverage, populationStd, sampleStd, tailMean } from '../../src-shared/charts/stats';

describe('movingAverage', () => {
  it('averages a trailing window, partial at the start', () => {
    // window 3 over 1, 2, 3, 4, 10: 1, (1+2)/2, (1+2+3)/3, (2+3+4)/3, (3+4+10)/3
    expect(movingAverage([1, 2, 3, 4, 10], 3)).toEqual([1, 1.5, 2, 3, 17 / 3]);
  });
  it('window 1 is the identity and an empty series stays empty', () => {
    expect(movingAverage([5, -1, 2], 1)).toEqual([5, -1, 2]);
    expect(movingAverage([], 4)).toEqual([]);
  });
  it('rejects a window below 1 or not an integer', () => {
    expect(() => movingAverage([1], 0)).toThrow(/window must be an integer >= 1/);
    expect(() => movingAverage([1], 2.5)).toThrow(/window/);
  });
});

describe('std and tail mean', () => {
  it('sample std divides by n - 1, population std by n', () => {
    // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(populationStd(v)).toBeCloseTo(2, 12);
    expect(sampleStd(v)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleStd([3])).toBe(0);
  });
  it('tailMean averages the last N finite values', () => {
    expect(tailMean([1, 2, 3, 4, 5], 2)).toBe(4.5);
    expect(tailMean([1, 2, Number.NaN, 6], 2)).toBe(4);
    expect(tailMean([7], 50)).toBe(7);
    expect(tailMean([], 3)).toBeNaN();
  });
});

describe('meanStdAcross', () => {
  it('aligns curves by episode and reports mean, sample std and count', () => {
    const band = meanStdAcross([
      { x: [1, 2, 3], y: [1, 2, 3] },
      { x: [1, 2], y: [3, 6] },
    ]);
    expect(band.x).toEqual([1, 2, 3]);
    expect(band.mean).toEqual([2, 4, 3]);
    // episode 1: values 1, 3 -> sample std sqrt(2); episode 2: 2, 6 -> sqrt(8); episode 3: one value -> 0
    expect(band.std[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(band.std[1]).toBeCloseTo(Math.sqrt(8), 12);
    expect(band.std[2]).toBe(0);
    expect(band.n).toEqual([2, 2, 1]);
  });
});
