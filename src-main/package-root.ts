// The package's root folder (the one holding its package.json), found from this module's own location, so the
// same code finds it from the sources (src-main/), the Node build (out/node/build-*/src-main/) and the Electron
// bundle (out/main/). Also: whether this module runs from TypeScript sources (tsx, vitest) or a build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'vec-workbench') return dir;
      } catch {
        // not a readable package.json: keep looking upwards
      }
    }
    if (path.dirname(dir) === dir) return path.resolve(here, '..'); // not found (a packaged app): the source layout
  }
}

export const packageRoot = findPackageRoot(here);

/** True when the running code is the TypeScript source itself (workers then need the tsx bootstrap). */
export const runningFromSources = import.meta.url.endsWith('.ts');
