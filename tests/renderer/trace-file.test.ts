// The SUMO FCD upload of the Vehicles screen: plain XML and gzip (decompressed in the page with
// DecompressionStream, which Node has too), with clear errors for fake .gz files, corrupt data and bombs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTraceFile } from '../../src-renderer/src/api/trace-file';

const xml = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sumo/highway.fcd.xml'), 'utf8');

describe('readTraceFile', () => {
  it('reads plain XML as is', async () => {
    expect(await readTraceFile(new Blob([xml]), 'highway.fcd.xml')).toEqual({ fileName: 'highway.fcd.xml', xml });
  });

  it('decompresses a .gz upload and drops .gz from the stored name', async () => {
    const gz = zlib.gzipSync(Buffer.from(xml, 'utf8'));
    expect(gz.length).toBeLessThan(xml.length);
    const out = await readTraceFile(new Blob([gz]), 'highway.fcd.xml.GZ');
    expect(out.fileName).toBe('highway.fcd.xml');
    expect(out.xml).toBe(xml);
  });

  it('recognises gzip by its bytes, whatever the name', async () => {
    const gz = zlib.gzipSync(Buffer.from('<fcd-export/>', 'utf8'));
    expect(await readTraceFile(new Blob([gz]), 'trace.xml')).toEqual({ fileName: 'trace.xml', xml: '<fcd-export/>' });
  });

  it('refuses a .gz name without gzip data, and corrupt gzip, naming the file', async () => {
    await expect(readTraceFile(new Blob(['<fcd-export/>']), 'fake.xml.gz')).rejects.toThrow('fake.xml.gz is not gzip-compressed: upload the FCD XML itself or a real .gz file');
    const broken = zlib.gzipSync(Buffer.from(xml, 'utf8')).subarray(0, 200);
    await expect(readTraceFile(new Blob([broken]), 'cut.xml.gz')).rejects.toThrow(/^cut\.xml\.gz: cannot decompress the file \(/);
  });

  it('stops reading once the XML passes the limit (a small .gz that inflates a lot)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(readTraceFile(new Blob([bomb]), 'bomb.xml.gz', 1024 * 1024)).rejects.toThrow('bomb.xml.gz: the trace is larger than 1 MiB of XML');
  });
});
