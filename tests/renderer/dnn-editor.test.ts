// The DNN editor's messages and new rows (issue 12, item 7): chain messages number rows as the table shows
// them, an invalid cell is reported once (never handed on as "cIn must be -5"), new rows take the output of
// the row before them, and type errors name the value found.
import { describe, expect, it } from 'vitest';
import { dnnModelSchema } from '../../src-shared/schemas/dnn-model';
import { safeParseDescribed } from '../../src-shared/validation';
import { outputBefore, type EditableLayer } from '../../src-renderer/src/stores/models';

const conv = (name: string, h: number, cIn: number, cOut: number): EditableLayer => ({ kind: 'conv', name, h, w: h, cIn, cOut, kernel: 3, stride: 1, padding: 1 });

function issues(layers: unknown[]): { path: string; message: string }[] {
  const r = safeParseDescribed(dnnModelSchema, { name: 'm', layers });
  return r.success ? [] : r.issues;
}

describe('DNN editor messages', () => {
  it('an invalid cell is reported at its cell only', () => {
    expect(issues([conv('c1', 8, 3, -5), conv('c2', 8, 4, 4)])).toEqual([{ path: 'layers.0.cOut', message: 'cOut must be >= 1; got -5; allowed 1..1e6 (integer)' }]);
    expect(issues([conv('c1', 8, 3, 4), conv('c2', 8, 0, 4)])).toEqual([{ path: 'layers.1.cIn', message: 'cIn must be >= 1; got 0; allowed 1..1e6 (integer)' }]);
  });

  it('chain messages number rows from 1, as the "#" column', () => {
    expect(issues([conv('c1', 8, 3, 4), conv('c2', 8, 5, 4)])).toEqual([
      { path: 'layers.1.cIn', message: 'row 2 (c2): cIn = 5 but the previous row (c1) outputs 8x8x4 (cIn must be 4)' },
    ]);
    expect(issues([conv('c1', 8, 3, 4), conv('c1', 8, 4, 4)])[0].message).toBe('row 2 (c1): name "c1" is already used by row 1; row names must be unique');
  });

  it('type errors name the value found', () => {
    expect(issues([{ ...conv('c1', 8, 3, 4), h: '8' }])).toEqual([{ path: 'layers.0.h', message: 'h must be a number; got "8"' }]);
    expect(issues([{ kind: 'dense', name: 'd' }])[0].message).toContain('got "dense"');
    expect(issues([{ kind: 'fc', name: 'f', uIn: 3 }])).toEqual([{ path: 'layers.0.uOut', message: 'uOut must be a number; missing' }]);
  });

  it('a new row takes the output of the row before it', () => {
    const layers = [conv('c1', 8, 3, 4), { kind: 'pool', name: 'p', h: 8, w: 8, cIn: 4, cOut: 4, kernel: 2, stride: 2, padding: 0 } as EditableLayer];
    expect(outputBefore(layers, 0)).toBeUndefined();
    expect(outputBefore(layers, 2)).toEqual({ kind: 'map', h: 4, w: 4, c: 4 });
    expect(outputBefore([...layers, { kind: 'fc', name: 'f', uIn: 64, uOut: 10 }], 3)).toEqual({ kind: 'vector', u: 10 });
    expect(outputBefore([conv('c1', 8, 3, -5)], 1)).toBeUndefined();
  });
});
