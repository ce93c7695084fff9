// Finds the built web renderer and (in a source checkout with vite installed) builds it when missing or older
// than its sources, so `vecwb serve` works right after `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root';

export const defaultRendererDir = path.join(packageRoot, 'out', 'renderer-web');
const viteConfig = path.join(packageRoot, 'vite.config.renderer.ts');
const sourceDirs = [path.join(packageRoot, 'src-renderer'), path.join(packageRoot, 'src-shared')];

function newestMtimeMs(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtimeMs(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when index.html is missing or older than a source file of the renderer or the shared code. */
export function rendererIsStale(outDir: string): boolean {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return Math.max(newestMtimeMs(sourceDirs[0]), newestMtimeMs(sourceDirs[1]), fs.existsSync(viteConfig) ? fs.statSync(viteConfig).mtimeMs : 0) > built;
}

/**
 * Builds the renderer into `outDir` with vite when needed (or always with `force`). Returns false when the
 * build is needed but impossible here (no sources or no vite: an installed package must ship out/renderer-web).
 */
export async function ensureRendererBuilt(outDir: string = defaultRendererDir, opts: { force?: boolean; log?: (s: string) => void } = {}): Promise<boolean> {
  const needed = opts.force || (fs.existsSync(viteConfig) ? rendererIsStale(outDir) : !fs.existsSync(path.join(outDir, 'index.html')));
  if (!needed) return true;
  if (!fs.existsSync(viteConfig)) return false;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    return fs.existsSync(path.join(outDir, 'index.html'));
  }
  opts.log?.(`building the UI into ${outDir} (vite)...`);
  await vite.build({ configFile: viteConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return true;
}
