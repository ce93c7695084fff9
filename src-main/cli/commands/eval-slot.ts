// `vecwb eval-slot`: JSON on stdin -> JSON on stdout, one slot evaluated from a given state and decisions with
// no randomness. --env vec-dnn (default, paper 1; shapes in src-main/sim/vec-dnn/eval-slot-io.ts) or isac-dt
// (paper 2; docs/eval-slot-isac.md).
import { Option, type Command } from 'commander';
import { UserError } from '../../../src-shared/errors';
import { evaluateVecDnnSlotInput } from '../../sim/vec-dnn/eval-slot-io';
import { readStdin } from '../read-stdin';
import { runIsacEvalSlot } from './eval-slot-isac';

/** Parses the input JSON, evaluates the paper-1 slot and returns the output JSON (2-space indented, newline). */
export function runVecDnnEvalSlot(inputText: string): string {
  let data: unknown;
  try {
    data = JSON.parse(inputText);
  } catch (err) {
    throw new UserError(`eval-slot input is not valid JSON: ${(err as Error).message}`);
  }
  return JSON.stringify(evaluateVecDnnSlotInput(data), null, 2) + '\n';
}

export function register(program: Command): void {
  program
    .command('eval-slot')
    .description(
      'evaluate one slot from a JSON state and decisions on stdin (no randomness); prints every delay term, ' +
        'the RSU CPU split, the next queues, objective and reward as JSON',
    )
    .addOption(new Option('--env <env>', 'environment (paper)').choices(['vec-dnn', 'isac-dt']).default('vec-dnn'))
    .action(async (opts: { env: 'vec-dnn' | 'isac-dt' }) => {
      const text = await readStdin();
      process.stdout.write(opts.env === 'isac-dt' ? runIsacEvalSlot(text) : runVecDnnEvalSlot(text));
    });
}
