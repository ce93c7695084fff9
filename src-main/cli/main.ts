// The `vecwb` command-line shell: parses arguments and calls the engine; holds no model logic.
import { Command, CommanderError } from 'commander';
// Parsing and --help load only commander and the command modules, which import their work when they run.
import { isDebug, reportError } from './error-report';

/**
 * Errors that escape a command's promise (a stream, a timer) take the same one-line path. Installed by the
 * `vecwb` entry (bin/vecwb.mjs) only: in-process callers (tests) keep their own handlers.
 */
export function installStrayErrorHandlers(argv: readonly string[]): void {
  const debug = isDebug(argv);
  const onStray = (err: unknown) => {
    reportError(err, debug);
    process.exit(Number(process.exitCode ?? 1) || 1);
  };
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
}

export async function main(argv: string[]): Promise<void> {
  const debug = isDebug(argv);
  const program = new Command();
  program
    .name('vecwb')
    .description('VEC Workbench: vehicular edge computing scenarios, schedulers and paper reproduction')
    .option('--debug', 'print the stack trace of an error (also VECWB_DEBUG=1)')
    .showHelpAfterError()
    .exitOverride();

  // Each command lives in its own module under ./commands and registers itself here.
  const modules = await Promise.all([
    // COMMANDS (one line each)
    import('./commands/eval-slot'),
    import('./commands/export-figure'),
    import('./commands/export-data'),
    import('./commands/reproduce'),
    import('./commands/serve'),
    import('./commands/worker'),
    import('./commands/layers'),
    import('./commands/run'),
    import('./commands/runs'),
    import('./commands/scenario'),
  ]);
  for (const m of modules as { register(p: Command): void }[]) m.register(program);

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander printed its message; unknown options and missing arguments are bad input (exit 2).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    reportError(err, debug);
  }
}
