// The command and JSON examples of README.md, read from its fenced code blocks (```bash and ```json), so the
// tests (readme.test.ts) and the startup benchmark run exactly what the README shows.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ReadmeCommand {
  /** 1-based line of the README where the command starts. */
  line: number;
  /** The heading the command sits under. */
  section: string;
  /** The command as written (continuation lines joined, trailing comment removed). */
  text: string;
  /** Its words; `>` and the file after it are split off into `stdoutTo`. */
  argv: string[];
  stdoutTo?: string;
}

export interface ReadmeJson {
  line: number;
  section: string;
  text: string;
}

export interface ReadmeExamples {
  commands: ReadmeCommand[];
  json: ReadmeJson[];
}

/** Splits the README's bash and json blocks into commands (one per `&&` part) and JSON documents. */
export function readmeExamples(markdown: string): ReadmeExamples {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  const json: ReadmeJson[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#+\s+(.*)$/.exec(lines[i]);
    if (heading) section = heading[1].trim();
    const fence = /^```(\w+)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    if (end >= lines.length) throw new Error(`README line ${i + 1}: unclosed code block`);
    const body = lines.slice(start, end);
    if (fence[1] === 'json') json.push({ line: start + 1, section, text: body.join('\n') });
    else if (fence[1] === 'bash') {
      for (let k = 0; k < body.length; k++) {
        const first = k;
        let text = body[k];
        while (text.trimEnd().endsWith('\\') && k + 1 < body.length) text = text.trimEnd().slice(0, -1) + ' ' + body[++k].trim();
        text = text.replace(/\s+#.*$/, '').trim();
        if (text === '' || text.startsWith('#')) continue;
        for (const part of text.split('&&').map((p) => p.trim())) {
          const words = part.split(/\s+/);
          const redirect = words.indexOf('>');
          const argv = redirect >= 0 ? words.slice(0, redirect) : words;
          commands.push({ line: start + first + 1, section, text: part, argv, ...(redirect >= 0 ? { stdoutTo: words[redirect + 1] } : {}) });
        }
      }
    }
    i = end;
  }
  return { commands, json };
}

export function loadReadmeExamples(file = path.join(repoRoot, 'README.md')): ReadmeExamples {
  return readmeExamples(fs.readFileSync(file, 'utf8'));
}

/** The README's paper-1 `vecwb eval-slot` input: the first JSON block of the eval-slot section. */
export function readmeEvalSlotInput(examples: ReadmeExamples = loadReadmeExamples()): string {
  const block = examples.json.find((j) => j.section.includes('eval-slot'));
  if (!block) throw new Error('README.md has no JSON block in its eval-slot section');
  return block.text;
}

/**
 * Expands a command's optional flags written as `[--a] [--b]` into every combination (the command without
 * them first), e.g. `layers vgg16 [--rows] [--json]` -> 4 commands.
 */
export function expandOptional(argv: string[]): string[][] {
  const optional = argv.filter((w) => /^\[.*\]$/.test(w)).map((w) => w.slice(1, -1));
  const fixed = argv.filter((w) => !/^\[.*\]$/.test(w));
  const out: string[][] = [];
  for (let mask = 0; mask < 1 << optional.length; mask++) out.push([...fixed, ...optional.filter((_, b) => mask & (1 << b))]);
  return out;
}
