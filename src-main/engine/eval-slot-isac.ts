// `vecwb eval-slot --env isac-dt`: JSON text in, JSON text out, one slot of paper 2 and no randomness.
// The engine side of the command: `eval-slot` (the CLI) imports it when it runs with --env isac-dt.
import { UserError } from '../../src-shared/errors';
import { parseUserJson } from '../../src-shared/json-text';
import { evaluateIsacSlotInput } from '../sim/isac-dt/eval-slot-io';

/** Parses the input JSON, evaluates the slot and returns the output JSON (2-space indented, trailing newline). */
export function runIsacEvalSlot(inputText: string): string {
  let data: unknown;
  try {
    data = parseUserJson(inputText);
  } catch (err) {
    throw new UserError(`eval-slot input is not valid JSON: ${(err as Error).message}`);
  }
  return JSON.stringify(evaluateIsacSlotInput(data), null, 2) + '\n';
}
