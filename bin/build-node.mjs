#!/usr/bin/env node
// The Node build of the engine and the CLI: compiles src-main/ (minus the Electron shell, which electron-vite
// builds) and src-shared/ to ES modules under out/node/, one .js file and one source map per .ts file, so errors
// still point at the TypeScript. Each file keeps its own imports (no bundling): a command loads only the modules
// it imports, as in the sources. Packages stay external (node_modules), except zod: nearly every command loads
// it, and one bundled file (vendor/zod.js) loads faster than its many modules.
//
//   node bin/build-node.mjs          build when the sources changed since the last build (`npm run build:node`)
//   node bin/build-node.mjs --force  always build
//
// `bin/vecwb.mjs` calls ensureNodeBuild() on every start, so an edited checkout never runs stale code; the check
// is one stat per source file. A build is written to a fresh folder and published by renaming a pointer file,
// so parallel `vecwb` processes (test runs) never read a half-written build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = path.join(root, 'out', 'node');
const pointerFile = path.join(outRoot, 'current.json');
const sourceDirs = ['src-main', 'src-shared'];
const excluded = new Set([path.join('src-main', 'electron')]);
/** Inputs besides the sources whose change invalidates a build. */
const extraInputs = [fileURLToPath(import.meta.url), path.join(root, 'package.json')];
/** Older builds kept besides the current one (a long-running `vecwb serve` may still load modules of one), and
 * the age under which a build is never removed (a parallel process may have just published it). */
const KEEP_OLD_BUILDS = 2;
const KEEP_YOUNGER_THAN_MS = 10 * 60_000;

/** Every .ts file to compile (relative to root), and a fingerprint of the inputs (paths, sizes, mtimes). */
function scanSources() {
  const files = [];
  const parts = [];
  const walk = (rel) => {
    const abs = path.join(root, rel);
    parts.push(`${rel}/:${fs.statSync(abs).mtimeMs}`); // a rename or a deletion changes its folder's mtime
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (excluded.has(r)) continue;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const st = fs.statSync(path.join(root, r));
        files.push(r);
        parts.push(`${r}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  for (const d of sourceDirs) if (fs.existsSync(path.join(root, d))) walk(d);
  for (const f of extraInputs) if (fs.existsSync(f)) parts.push(`${path.relative(root, f)}:${fs.statSync(f).mtimeMs}`);
  return { files, fingerprint: fnv1a(parts.join('\n')) };
}

/** 32-bit FNV-1a of a string, as 8 hex digits (a change detector, not a security hash). */
function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function readPointer() {
  try {
    const p = JSON.parse(fs.readFileSync(pointerFile, 'utf8'));
    return typeof p.dir === 'string' && typeof p.fingerprint === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** Packages bundled into vendor/<name>.js of the build (imported by their bare name only). */
const VENDORED = ['zod'];

/**
 * esbuild plugin: packages stay imports of node_modules (vendored ones point at vendor/<name>.js); a relative
 * import gets the .js of its .ts file.
 */
function relativeImportsToJs(outdir) {
  return {
    name: 'relative-imports-to-js',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (VENDORED.includes(args.path)) {
          const importerOut = path.join(outdir, path.relative(root, path.dirname(args.importer)));
          const rel = path.relative(importerOut, path.join(outdir, 'vendor', `${args.path}.js`)).split(path.sep).join('/');
          return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
        }
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        if (/\.(m?js|json)$/.test(args.path)) return { path: args.path, external: true };
        const abs = path.resolve(args.resolveDir, args.path);
        if (fs.existsSync(`${abs}.ts`)) return { path: `${args.path}.js`, external: true };
        if (fs.existsSync(path.join(abs, 'index.ts'))) return { path: `${args.path}/index.js`, external: true };
        return { errors: [{ text: `cannot resolve ${args.path} (no ${args.path}.ts or ${args.path}/index.ts)` }] };
      });
    },
  };
}

/** Compiles every source into a new folder, publishes it and prunes old builds. Returns the build folder. */
export async function buildNode({ log = () => {} } = {}) {
  const { files, fingerprint } = scanSources();
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('the Node build of vecwb is missing or out of date and esbuild is not installed to build it (run `npm ci`)');
  }
  const started = Date.now();
  const name = `build-${fingerprint}-${process.pid}-${started.toString(36)}`;
  const outdir = path.join(outRoot, name);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: files,
    outdir,
    outbase: root,
    bundle: true, // only so that the plugin sees every import; every import is external
    plugins: [relativeImportsToJs(outdir)],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
  });
  for (const w of result.warnings) log(`warning: ${w.text}`);
  for (const pkg of VENDORED) {
    await esbuild.build({
      absWorkingDir: root,
      stdin: { contents: `export * from '${pkg}';`, resolveDir: root, sourcefile: `vendor-${pkg}.js` },
      outfile: path.join(outdir, 'vendor', `${pkg}.js`),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
  }
  const tmp = `${pointerFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ fingerprint, dir: name, files: files.length }) + '\n');
  fs.renameSync(tmp, pointerFile); // atomic: readers see the old build or the new one
  pruneBuilds(outRoot, name);
  log(`built ${files.length} files into out/node/${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outdir;
}

const USERS_DIR = '.users';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Whether a live process leased the build (leaseBuild): a long run keeps importing its modules lazily. */
function inUse(dir) {
  let names;
  try {
    names = fs.readdirSync(path.join(dir, USERS_DIR));
  } catch {
    return false;
  }
  return names.some((n) => /^\d+$/.test(n) && alive(Number(n)));
}

/**
 * Marks `buildDir` as used by this process until it exits, so a rebuild (sources edited while a long run or
 * sweep is going) does not prune the folder the running process still imports modules from.
 */
export function leaseBuild(buildDir) {
  try {
    const users = path.join(buildDir, USERS_DIR);
    fs.mkdirSync(users, { recursive: true });
    const mine = path.join(users, String(process.pid));
    fs.writeFileSync(mine, '');
    process.once('exit', () => fs.rmSync(mine, { force: true }));
  } catch {
    // a read-only install: nothing prunes it either
  }
}

/** Removes old builds from `dir` but the newest KEEP_OLD_BUILDS, any younger than KEEP_YOUNGER_THAN_MS and any in use. */
export function pruneBuilds(dir, current, now = Date.now()) {
  const builds = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('build-') && e.name !== current && !inUse(path.join(dir, e.name)))
    .map((e) => ({ name: e.name, mtime: fs.statSync(path.join(dir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const b of builds.slice(KEEP_OLD_BUILDS)) if (now - b.mtime > KEEP_YOUNGER_THAN_MS) fs.rmSync(path.join(dir, b.name), { recursive: true, force: true });
}

/** The folder of an up-to-date Node build, building it first when the sources changed (or none exists). */
export async function ensureNodeBuild({ log = () => {} } = {}) {
  const pointer = readPointer();
  const haveSources = sourceDirs.every((d) => fs.existsSync(path.join(root, d)));
  if (pointer && fs.existsSync(path.join(outRoot, pointer.dir))) {
    // An installed package may ship the build without sources: then the build is what there is.
    if (!haveSources || scanSources().fingerprint === pointer.fingerprint) return path.join(outRoot, pointer.dir);
  }
  return buildNode({ log });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const log = (s) => process.stderr.write(`build-node: ${s}\n`);
  try {
    if (process.argv.includes('--force')) await buildNode({ log });
    else await ensureNodeBuild({ log: (s) => log(s) });
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
