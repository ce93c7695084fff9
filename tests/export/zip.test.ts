// The zip of many exported files: names with forward slashes, contents intact, duplicate names refused.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipBytes } from '../../src-main/export/zip';

describe('zipBytes', () => {
  it('round-trips names and contents; the archive starts with the local-file signature', () => {
    const csv = new TextEncoder().encode('episode,reward\n1,-2.5\n');
    const zeros = new Uint8Array(4096);
    const z = zipBytes([{ name: 'fig\\data.csv', data: csv }, { name: 'fig/zeros.bin', data: zeros }]);
    expect(Array.from(z.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(z.length).toBeLessThan(4096); // deflated
    const out = unzipSync(z);
    expect(Object.keys(out).sort()).toEqual(['fig/data.csv', 'fig/zeros.bin']);
    expect(new TextDecoder().decode(out['fig/data.csv'])).toBe('episode,reward\n1,-2.5\n');
    expect(out['fig/zeros.bin'].length).toBe(4096);
  });

  it('refuses two files with the same name', () => {
    const d = new Uint8Array(1);
    expect(() => zipBytes([{ name: 'a/x.csv', data: d }, { name: 'a\\x.csv', data: d }])).toThrow(/same name.*a\/x\.csv/);
  });
});
