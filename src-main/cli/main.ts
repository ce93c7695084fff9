// The `vecwb` command-line shell: parses arguments and calls the engine; holds no model logic.
import { Command, CommanderError } from 'commander';
// Parsing and --help load only commander and the command modules, which import their work when they run.
import { UserError, ValidationError } from '../../src-shared/errors';

export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program
    .name('vecwb')
    .description('VEC Workbench: vehicular edge computing scenarios, schedulers and paper reproduction')
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
    import('./commands/layers'),
    import('./commands/run'),
    import('./commands/scenario'),
  ]);
  for (const m of modules as { register(p: Command): void }[]) m.register(program);

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof ValidationError || err instanceof RangeError || err instanceof UserError) {
      process.stderr.write(`vecwb: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
