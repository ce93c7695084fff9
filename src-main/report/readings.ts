// The readings in force of a reproduction: every scenario field and hyper-parameter of its runs that is not the
// workbench default (defaults are the papers' printed values, or readings recorded in docs/model-notes.md),
// each linked to the model-notes section that mentions it.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reading } from '../../src-shared/reproduction/report-schema';
import type { EnvId, RunConfig } from '../../src-shared/schemas/run';
import { hyperDefaultsByAlgorithm } from '../experiments/hyper-defaults';
import { defaultScenario } from '../experiments/scenarios';
import { defaultReadingsOf } from './default-readings';

export const modelNotesPath = fileURLToPath(new URL('../../docs/model-notes.md', import.meta.url));

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchor(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

interface NoteSection {
  title: string;
  body: string;
}

function noteSections(): NoteSection[] {
  let text: string;
  try {
    text = fs.readFileSync(modelNotesPath, 'utf8');
  } catch {
    return [];
  }
  const out: NoteSection[] = [];
  for (const block of text.split(/^## /m).slice(1)) {
    const nl = block.indexOf('\n');
    out.push({ title: block.slice(0, nl).trim(), body: block.slice(nl + 1) });
  }
  return out;
}

const envSections = (env: EnvId) => (env === 'vec-dnn' ? /^Paper 1|^Figures|^Reproduction/ : /^Paper 2|^Figures|^Reproduction/);

/**
 * The first model-notes section of the environment's paper that names `key` in backticks (`cvs.count`, or a
 * plain key such as `epsilonAnnealSteps` also as `key:` / `key=`), as a link from `prefix` (the notes file).
 */
export function noteLinkFor(key: string, env: EnvId, sections: readonly NoteSection[] = noteSections(), prefix = 'docs/model-notes.md'): string | null {
  const patterns = key.includes('.') ? [`\`${key}\``] : [`\`${key}\``, `\`${key}:`, `\`${key}=`];
  const hit = sections.filter((s) => envSections(env).test(s.title)).find((s) => patterns.some((p) => s.body.includes(p)));
  return hit ? `${prefix}#${headingAnchor(hit.title)}` : null;
}

/** The model-notes sections behind an environment's defaults, linked from `prefix` (the notes file). */
export function envNoteLinks(env: EnvId, prefix = 'docs/model-notes.md'): { title: string; link: string }[] {
  return noteSections()
    .filter((s) => envSections(env).test(s.title))
    .map((s) => ({ title: s.title, link: `${prefix}#${headingAnchor(s.title)}` }));
}

function flatten(obj: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, obj);
  return out;
}

const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

export interface ReadingsInput {
  env: EnvId;
  configs: readonly RunConfig[];
  /** Scenario paths and hyper keys the paper states for this figure (e.g. 'cvs.count', 'lyapunovV', 'denoisingSteps'). */
  figureSettings: ReadonlySet<string>;
  /** How the report reaches docs/model-notes.md (a path relative to the report's folder). */
  notesLink?: string;
}

/** Settings of the runs that differ from the defaults, merged over runs (several values joined by ', '). */
export function readingsInForce({ env, configs, figureSettings, notesLink = 'docs/model-notes.md' }: ReadingsInput): Reading[] {
  const sections = noteSections();
  const scenarioDefaults = flatten(defaultScenario(env));
  const hyperDefaults = hyperDefaultsByAlgorithm(env);
  const found = new Map<string, { scope: string; key: string; values: Set<string>; def: string; printed: boolean }>();
  const add = (scope: string, key: string, value: unknown, def: unknown, printed = false) => {
    const id = `${scope}\u0000${key}\u0000${printed}`;
    const e = found.get(id) ?? { scope, key, values: new Set<string>(), def: printed ? String(def) : show(def), printed };
    e.values.add(show(value));
    found.set(id, e);
  };
  for (const c of configs) {
    for (const [key, value] of flatten(c.scenario)) {
      const def = scenarioDefaults.get(key);
      // The paper's own settings of the figure are listed even where they equal the default (e.g. 5 SVs).
      if (figureSettings.has(key) || JSON.stringify(def) !== JSON.stringify(value)) add('scenario', key, value, def);
    }
    const defs = hyperDefaults.get(c.request.algo) ?? {};
    for (const [key, value] of Object.entries(c.request.hyper)) {
      if (figureSettings.has(key) || JSON.stringify(defs[key]) !== JSON.stringify(value)) add(`hyper ${c.request.algo}`, key, value, defs[key]);
    }
    // Defaults that are readings (the paper prints another value), where the run kept the default.
    for (const r of defaultReadingsOf(env, c.request.algo)) {
      if (!(r.key in c.request.hyper)) add(`hyper ${c.request.algo}`, r.key, defs[r.key], `printed: ${r.printed}`, true);
    }
  }
  return [...found.values()].map((e) => ({
    scope: e.scope,
    key: e.key,
    value: [...e.values].join(', '),
    default: e.def,
    kind: e.printed ? 'default reading' : figureSettings.has(e.key) ? 'figure setting' : 'departure',
    note: noteLinkFor(e.key, env, sections, notesLink),
  }));
}
