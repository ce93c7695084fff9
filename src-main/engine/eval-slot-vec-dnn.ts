// `vecwb eval-slot --env vec-dnn` (the default): JSON text in, JSON text out, one slot of paper 1 and no
// randomness (shapes in src-main/sim/vec-dnn/eval-slot-io.ts). Loaded by the CLI's `eval-slot` when it runs.
import { UserError } from '../../src-shared/errors';
import { parseUserJson } from '../../src-shared/json-text';
import { evaluateVecDnnSlotInput } from '../sim/vec-dnn/eval-slot-io';

/** Parses the input JSON, evaluates the paper-1 slot and returns the output JSON (2-space indented, newline). */
export function runVecDnnEvalSlot(inputText: string): string {
  let data: unknown;
  try {
    data = parseUserJson(inputText);
  } catch (err) {
    throw new UserError(`eval-slot input is not valid JSON: ${(err as Error).message}`);
  }
  return JSON.stringify(evaluateVecDnnSlotInput(data), null, 2) + '\n';
}
