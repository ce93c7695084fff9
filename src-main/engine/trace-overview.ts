// scenario.traceOverview: what the SUMO import screen needs from a stored FCD trace to let the user choose CVs,
// SVs and the episode window, and to draw the roads: every vehicle's first/last time (in order of first
// appearance) and the roads' outline, i.e. the positions any vehicle passes, snapped to a grid and deduplicated
// (the trace alone, without the .net.xml, shows where the roads are). One streaming pass over the file.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { UserError } from '../../src-shared/errors';
import type { TraceOverview } from '../../src-shared/api/scenarios';
import { confineTracePath } from '../sim/mobility/trace-confinement';

/** Outline points are snapped to cells of this size (m); at most MAX_OUTLINE_POINTS cells are kept. */
export const OUTLINE_CELL_M = 4;
export const MAX_OUTLINE_POINTS = 20_000;

function openText(file: string): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 16 });
  const text: Readable = file.toLowerCase().endsWith('.gz') ? pipeline(raw, createGunzip(), () => {}) : raw;
  text.setEncoding('utf8');
  return text;
}

/** Reads the whole trace once; `label` names the file in messages (the user knows it by its upload name). */
export async function readTraceOverview(file: string, label = file, cellM = OUTLINE_CELL_M): Promise<TraceOverview> {
  const spans = new Map<string, { id: string; firstTimeS: number; lastTimeS: number }>();
  const cells = new Set<string>();
  const outline: [number, number][] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let timeS = Number.NaN;
  let xmlError: Error | null = null;
  let problem: UserError | null = null;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const where = () => `${label}:${parser.line}`;
  parser.on('error', (err) => {
    xmlError ??= err;
  });
  parser.on('opentag', (tag) => {
    if (problem) return;
    if (tag.name === 'timestep') {
      timeS = Number(tag.attributes.time);
      if (!Number.isFinite(timeS)) problem = new UserError(`${where()}: <timestep> time="${String(tag.attributes.time)}" is not a number`);
      return;
    }
    if (tag.name !== 'vehicle' || Number.isNaN(timeS)) return;
    const id = String(tag.attributes.id ?? '');
    const x = Number(tag.attributes.x);
    const y = Number(tag.attributes.y);
    if (id === '' || !Number.isFinite(x) || !Number.isFinite(y)) {
      problem = new UserError(`${where()}: <vehicle id="${id}" x="${String(tag.attributes.x)}" y="${String(tag.attributes.y)}"> is not a position`);
      return;
    }
    const span = spans.get(id);
    if (span) span.lastTimeS = timeS;
    else spans.set(id, { id, firstTimeS: timeS, lastTimeS: timeS });
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
    const cx = Math.round(x / cellM);
    const cy = Math.round(y / cellM);
    const key = `${cx},${cy}`;
    if (outline.length < MAX_OUTLINE_POINTS && !cells.has(key)) {
      cells.add(key);
      outline.push([cx * cellM, cy * cellM]);
    }
  });
  const stream = openText(file);
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (problem) throw problem;
      if (xmlError) throw new UserError(`${label}: malformed FCD XML: ${(xmlError as Error).message}`);
    }
    parser.close();
  } finally {
    stream.destroy();
  }
  if (xmlError) throw new UserError(`${label}: malformed FCD XML: ${(xmlError as Error).message}`);
  if (spans.size === 0) throw new UserError(`${label}: the trace has no <vehicle> entries`);
  return {
    vehicles: [...spans.values()],
    outline,
    outlineCellM: cellM,
    bounds: { minX, minY, maxX, maxY },
  };
}

/** The route: the file must be an allowed trace (the upload store or a configured folder). */
export function traceOverview(file: string, baseDir: string, traceRoots: readonly string[]): Promise<TraceOverview> {
  const resolved = confineTracePath(file, baseDir, traceRoots);
  return readTraceOverview(resolved, file);
}
