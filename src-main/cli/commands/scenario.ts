// `vecwb scenario`: print the paper's default scenario (a starting point to edit) or validate a scenario file.
import { Command, Option } from 'commander';
import { envIds } from '../../../src-shared/env-ids';

export function register(program: Command): void {
  const scenario = program.command('scenario').description('default scenarios and scenario file validation');
  scenario
    .command('default')
    .description("print the paper's default scenario as JSON")
    .addOption(new Option('--env <env>', 'environment (paper)').choices(envIds).default('vec-dnn'))
    .action(async (opts: { env: 'vec-dnn' | 'isac-dt' }) => {
      const { defaultScenario } = await import('../../engine/scenarios');
      process.stdout.write(JSON.stringify(defaultScenario(opts.env), null, 2) + '\n');
    });
  scenario
    .command('validate')
    .description('check a scenario file as `vecwb run` would (fields, DNN models, trace file, RSU coverage); prints the resolved scenario or every bad field')
    .argument('<file>', 'scenario JSON file')
    .addOption(new Option('--env <env>', 'environment (default: the file\'s env field)').choices(envIds))
    .action(async (file: string, opts: { env?: 'vec-dnn' | 'isac-dt' }) => {
      const { checkScenarioFile } = await import('../../engine/scenarios');
      const { scenario } = await checkScenarioFile(file, opts.env);
      process.stdout.write(JSON.stringify(scenario, null, 2) + '\n');
    });
}
