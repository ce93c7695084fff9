// `vecwb serve`: the web shell. Serves the UI and the engine API on 127.0.0.1 with a per-launch token; open the
// printed URL locally or through an SSH tunnel (ssh -L <port>:127.0.0.1:<port> host).
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../../src-shared/errors';
import { decimalIntOption } from '../../../src-shared/parse-int';

const parsePort = decimalIntOption('--port', 0, 65535);
const parseWorkers = decimalIntOption('--workers', 1, 64);

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench UI and API on 127.0.0.1 (token-protected URL; use an SSH tunnel for remote machines)')
    .option('--port <n>', 'TCP port on 127.0.0.1 (0 = any free port)', parsePort, 8737)
    .option('--runs-dir <dir>', 'folder of run folders', 'runs')
    .option('--workers <n>', 'runs executed at the same time (worker threads)', parseWorkers)
    .option('--renderer-dir <dir>', 'built UI folder (default: out/renderer-web, built on first use)')
    .option('--state-file <file>', 'UI state file (default: <runs-dir>/.workbench-state.json)')
    .option('--queue <redis-url>', "run the Reproduce screen's sweeps on a cluster: redis://[:password@]host:port or rediss:// (vecwb worker executes them)")
    .action(async (opts: { port: number; runsDir: string; workers?: number; rendererDir?: string; stateFile?: string; queue?: string }) => {
      const { createEngine } = await import('../../engine/engine');
      const { startServer } = await import('../../server/server');
      const { defaultRendererDir, ensureRendererBuilt } = await import('../../server/renderer-build');
      const rendererDir = path.resolve(opts.rendererDir ?? defaultRendererDir);
      const log = (s: string) => process.stderr.write(`vecwb serve: ${s}\n`);
      if (!opts.rendererDir && !(await ensureRendererBuilt(rendererDir, { log }))) {
        throw new UserError(`the UI is not built (${rendererDir}/index.html missing) and vite is not available to build it`);
      }
      const sweepLaunchers = opts.queue === undefined ? undefined : await (await import('./serve-queue')).queueFromFlag(opts.queue, log);
      const engine = createEngine({
        sweepLaunchers,
        runsRoot: opts.runsDir,
        shell: 'web',
        workers: opts.workers,
        stateFile: opts.stateFile,
        onInternalError: (err, method) => log(`internal error in ${method}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      });
      let server;
      try {
        server = await startServer({ engine, rendererDir, port: opts.port });
      } catch (err) {
        await engine.close();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is in use; pass --port <n> (or --port 0 for any free port)`);
        throw err;
      }
      process.stdout.write(`VEC Workbench is running at ${server.url}\n`);
      process.stdout.write(`  runs folder: ${engine.runsRoot}\n`);
      process.stdout.write(`  remote machine? ssh -L ${server.port}:127.0.0.1:${server.port} <host>, then open the URL above locally\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write('\nstopping: cancelling active runs (they keep a checkpoint)...\n');
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await engine.close();
    });
}
