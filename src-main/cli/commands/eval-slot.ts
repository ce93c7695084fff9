// `vecwb eval-slot`: JSON on stdin -> JSON on stdout, one slot evaluated from a given state and decisions with
// no randomness. --env vec-dnn (default, paper 1; eval-slot-vec-dnn.ts) or isac-dt (paper 2; eval-slot-isac.ts,
// docs/eval-slot-isac.md). The evaluator of the chosen paper is imported when the command runs.
import { Option, type Command } from 'commander';
import { envIds } from '../../../src-shared/env-ids';
import { readStdin } from '../read-stdin';

export function register(program: Command): void {
  program
    .command('eval-slot')
    .description(
      'evaluate one slot from a JSON state and decisions on stdin (no randomness); prints every delay term, ' +
        'the RSU CPU split, the next queues, objective and reward as JSON',
    )
    .addOption(new Option('--env <env>', 'environment (paper)').choices(envIds).default('vec-dnn'))
    .action(async (opts: { env: 'vec-dnn' | 'isac-dt' }) => {
      const text = await readStdin();
      if (opts.env === 'isac-dt') {
        const { runIsacEvalSlot } = await import('../../engine/eval-slot-isac');
        process.stdout.write(runIsacEvalSlot(text));
      } else {
        const { runVecDnnEvalSlot } = await import('../../engine/eval-slot-vec-dnn');
        process.stdout.write(runVecDnnEvalSlot(text));
      }
    });
}
