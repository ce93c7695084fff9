import { describe, expect, it } from 'vitest';
import { actionCount, decodeAction, encodeAction, formatIndexSet, offloads } from '../../../src-main/sim/vec-dnn/actions';

describe('paper 1 action index (eq. 54)', () => {
  it('maps a to phi = floor(a / J) + 1 and target = a mod J', () => {
    // L = 3, J = 3 (RSU + 2 SVs): 12 actions.
    expect(actionCount(3, 3)).toBe(12);
    expect(decodeAction(0, 3)).toEqual({ phi: 1, target: 0 });
    expect(decodeAction(2, 3)).toEqual({ phi: 1, target: 2 });
    expect(decodeAction(4, 3)).toEqual({ phi: 2, target: 1 });
    expect(decodeAction(9, 3)).toEqual({ phi: 4, target: 0 });
    expect(decodeAction(11, 3)).toEqual({ phi: 4, target: 2 });
    for (let a = 0; a < 12; a++) expect(encodeAction(decodeAction(a, 3), 3)).toBe(a);
    expect(offloads({ phi: 3, target: 0 }, 3)).toBe(true);
    expect(offloads({ phi: 4, target: 2 }, 3)).toBe(false);
  });

  it('formats index sets compactly', () => {
    expect(formatIndexSet([0, 1, 2, 3, 5, 8, 9])).toBe('0-3, 5, 8-9');
    expect(formatIndexSet([4])).toBe('4');
    expect(formatIndexSet([])).toBe('(none)');
  });
});
