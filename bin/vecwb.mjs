#!/usr/bin/env node
// Entry point of the `vecwb` CLI: runs the compiled CLI shell from out/node/ (bin/build-node.mjs; rebuilt first
// when the TypeScript sources changed), with source maps on so stack traces name the .ts files and lines.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeBuild, leaseBuild } from './build-node.mjs';

let buildDir;
try {
  buildDir = await ensureNodeBuild({ log: (s) => process.stderr.write(`vecwb: ${s}\n`) });
} catch (err) {
  process.stderr.write(`vecwb: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
leaseBuild(buildDir);
process.setSourceMapsEnabled(true);
const { main, installStrayErrorHandlers } = await import(pathToFileURL(path.join(buildDir, 'src-main', 'cli', 'main.js')).href);
installStrayErrorHandlers(process.argv);
await main(process.argv);
