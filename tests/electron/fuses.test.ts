// Electron fuses (issue 13 item 2): bin/electron-fuses.mjs flips them in a binary and checks them back. The
// binary here is a stand-in holding only Electron's fuse wire (sentinel, version 1, 8 fuses, all "inherit" as
// in a fresh download), so no Electron download is needed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { applyFuses } from '../../bin/electron-fuses.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49;
const OFF = 48;
const UNSET = 144;

function fakeBinary(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-fuses-')), 'electron');
  const wire = Buffer.from([1, 8, ...Array<number>(8).fill(UNSET)]);
  fs.writeFileSync(file, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(64, 7)]));
  return file;
}

/** The 8 fuse bytes after the sentinel, version and length. */
function fuseBytes(file: string): number[] {
  const buf = fs.readFileSync(file);
  const at = buf.indexOf(SENTINEL) + SENTINEL.length + 2;
  return [...buf.subarray(at, at + 8)];
}

describe('electron fuses', () => {
  it('a packaged binary: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; cookie encryption, ASAR integrity and asar-only on', async () => {
    const bin = fakeBinary();
    await applyFuses(bin, { packaged: true });
    // order: RunAsNode, CookieEncryption, NodeOptions, CliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol
    expect(fuseBytes(bin)).toEqual([OFF, ON, OFF, OFF, ON, ON, UNSET, OFF]);
  });

  it('an unpacked app keeps the ASAR fuses unset (it is not loaded from an asar)', async () => {
    const bin = fakeBinary();
    await applyFuses(bin, { packaged: false });
    expect(fuseBytes(bin)).toEqual([OFF, ON, OFF, OFF, UNSET, UNSET, UNSET, OFF]);
  });

  it('refuses a file that is not an Electron binary', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-fuses-')), 'not-electron');
    fs.writeFileSync(file, 'hello');
    await expect(applyFuses(file, { packaged: true })).rejects.toThrow(/Could not find sentinel/);
  });
});
