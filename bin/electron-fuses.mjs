#!/usr/bin/env node
// Electron fuses of the desktop app (https://www.electronjs.org/docs/latest/tutorial/fuses), flipped in the
// Electron binary a packaged app ships with:  node bin/electron-fuses.mjs <electron-binary> [--packaged]
// The development binary in node_modules is left alone: electron-vite, Playwright's Electron driver and
// bin/start.mjs's probe need Node's inspect flags and ELECTRON_RUN_AS_NODE there.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/**
 * The fuse settings. RunAsNode, NODE_OPTIONS and --inspect are off (the binary cannot be used as a plain Node
 * to run other code), cookies are encrypted at rest, file:// gets no extra privileges (the renderer is served
 * over app://). ASAR integrity and asar-only loading need the app packed into app.asar, so only `packaged`.
 */
export function fuseConfig({ packaged }) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    ...(packaged ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true, [FuseV1Options.OnlyLoadAppFromAsar]: true } : {}),
  };
}

/** Flips the fuses in `binary` and reads them back; throws when a fuse did not take the wanted value. */
export async function applyFuses(binary, { packaged }) {
  const config = fuseConfig({ packaged });
  await flipFuses(binary, config);
  const wire = await getCurrentFuseWire(binary);
  for (const [key, want] of Object.entries(config)) {
    if (key === 'version') continue;
    const state = wire[key];
    if (state !== (want ? 49 : 48)) throw new Error(`fuse ${FuseV1Options[key]} of ${binary} is ${state}, expected ${want ? 'on' : 'off'}`);
  }
  return wire;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = process.argv[2];
  if (!binary) {
    process.stderr.write('usage: node bin/electron-fuses.mjs <electron-binary> [--packaged]\n');
    process.exit(2);
  }
  try {
    await applyFuses(binary, { packaged: process.argv.includes('--packaged') });
    process.stdout.write(`fuses set in ${binary}\n`);
  } catch (err) {
    process.stderr.write(`electron-fuses: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
