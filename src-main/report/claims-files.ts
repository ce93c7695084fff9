// Reads the papers' claims (resources/claims/paper<N>.json), validated by the claims schema.
import fs from 'node:fs';
import path from 'node:path';
import { claimsFileSchema, type ClaimsFile } from '../../src-shared/claims/schema';
import { UserError } from '../../src-shared/errors';
import { packageRoot } from '../package-root';
import { parseWith } from '../../src-shared/validation';

export const claimsDir = path.join(packageRoot, 'resources', 'claims');

export function claimsFilePath(paper: 1 | 2): string {
  return path.join(claimsDir, `paper${paper}.json`);
}

const cache = new Map<string, ClaimsFile>();

export function readClaimsFile(file: string): ClaimsFile {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read claims file ${file}: ${(err as Error).message}`);
  }
  return parseWith(claimsFileSchema, data, file);
}

/** The claims of paper 1 or 2 (read once per process). */
export function paperClaims(paper: 1 | 2): ClaimsFile {
  const file = claimsFilePath(paper);
  let c = cache.get(file);
  if (!c) {
    c = readClaimsFile(file);
    cache.set(file, c);
  }
  return c;
}
