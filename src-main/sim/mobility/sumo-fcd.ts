// Streaming reader of SUMO floating-car data (`sumo --fcd-output`):
//   <fcd-export><timestep time="..."><vehicle id="..." x="..." y="..." speed="..." .../>...</timestep>...</fcd-export>
// Traces can be hundreds of MB, so the file is fed chunk by chunk to a SAX parser and reading stops (the
// stream is destroyed) as soon as the requested window is complete. Files ending in .gz are gunzipped on the fly.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UserError } from '../../../src-shared/errors';
import { MAX_COORDINATE_M } from '../../../src-shared/schemas/mobility';
import type { MobilityTrace, VehiclePath } from './trace';

/** Timestep times match the slot times t_k = startTimeS + (k-1) tau within this many seconds. */
export const FCD_TIME_TOLERANCE_S = 1e-6;

export interface FcdWindowRequest {
  /** Resolved path of the FCD file. */
  file: string;
  slots: number;
  slotDurationS: number;
  /** Trace time mapped to slot 1. */
  startTimeS: number;
  cvCount: number;
  svCount: number;
  /** Explicit CV/SV ids; a missing list is filled from the ids present at the window start, in file order. */
  cvIds?: readonly string[];
  svIds?: readonly string[];
}

export interface FcdVehicleSummary {
  id: string;
  firstTimeS: number;
  lastTimeS: number;
  /** Number of timesteps the vehicle appears in. */
  samples: number;
}

/** What the SAX driver reports; `done()` returning true stops reading. */
interface FcdVisitor {
  timestep(timeS: number, where: string): void;
  vehicle(id: string, xM: number, yM: number, where: string): void;
  timestepEnd(where: string): void;
  done(): boolean;
}

function openText(file: string): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 16 });
  const text: Readable = file.toLowerCase().endsWith('.gz') ? pipeline(raw, createGunzip(), () => {}) : raw;
  text.setEncoding('utf8');
  return text;
}

function attr(tag: SaxesTagPlain, name: string, where: string): string {
  const value = tag.attributes[name];
  if (value === undefined) throw new UserError(`${where}: <${tag.name}> has no '${name}' attribute`);
  return value;
}

function numberAttr(tag: SaxesTagPlain, name: string, where: string): number {
  const text = attr(tag, name, where);
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new UserError(`${where}: <${tag.name}> attribute ${name}="${text}" is not a finite number`);
  }
  return value;
}

/** A position attribute: a finite number within +-MAX_COORDINATE_M metres. */
function coordinateAttr(tag: SaxesTagPlain, name: string, where: string): number {
  const value = numberAttr(tag, name, where);
  if (Math.abs(value) > MAX_COORDINATE_M) {
    throw new UserError(`${where}: <${tag.name}> attribute ${name}="${tag.attributes[name]}" is outside -1e7..1e7 m`);
  }
  return value;
}

/**
 * What every reader of a trace refuses, wherever in the file (the upload reads all of it, a run its window):
 * timestep times that do not increase, a vehicle twice in one timestep.
 */
class TimestepOrder {
  private previousTimeS = Number.NEGATIVE_INFINITY;
  private idsNow = new Set<string>();

  timestep(t: number, where: string): void {
    if (t < this.previousTimeS - FCD_TIME_TOLERANCE_S) {
      throw new UserError(`${where}: timestep time ${t} s comes after ${this.previousTimeS} s; times must increase`);
    }
    if (t <= this.previousTimeS + FCD_TIME_TOLERANCE_S) {
      throw new UserError(`${where}: a second timestep for time ${t} s; times must increase`);
    }
    this.previousTimeS = t;
    this.idsNow.clear();
  }

  vehicle(id: string, where: string): void {
    if (this.idsNow.has(id)) throw new UserError(`${where}: vehicle '${id}' appears twice at time ${this.previousTimeS} s`);
    this.idsNow.add(id);
  }
}

/** Feeds the file to saxes and calls the visitor; stops early once `visitor.done()`. */
async function visitFcd(file: string, visitor: FcdVisitor): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: true; fileName: string }>({
    xmlns: false,
    position: true,
    fileName: file,
  });
  const where = () => `${file}:${parser.line}:${parser.column + 1}`;
  let xmlError: Error | null = null;
  let stopped = false;
  let sawRoot = false;
  let inTimestep = false;
  const order = new TimestepOrder();

  parser.on('error', (err) => {
    // Anything after the window (e.g. a truncated tail) is never looked at.
    if (!stopped && xmlError === null) xmlError = err;
  });
  parser.on('opentag', (tag) => {
    if (stopped || xmlError) return;
    if (!sawRoot) {
      sawRoot = true;
      if (tag.name !== 'fcd-export') {
        throw new UserError(
          `${where()}: not a SUMO floating-car-data file: root element is <${tag.name}>, expected <fcd-export> ` +
            `(write it with sumo --fcd-output)`,
        );
      }
      return;
    }
    if (tag.name === 'timestep') {
      inTimestep = true;
      const timeS = numberAttr(tag, 'time', where());
      order.timestep(timeS, where());
      visitor.timestep(timeS, where());
    } else if (tag.name === 'vehicle') {
      if (!inTimestep) throw new UserError(`${where()}: <vehicle> outside a <timestep>`);
      const id = attr(tag, 'id', where());
      if (id === '') throw new UserError(`${where()}: <vehicle> with an empty id`);
      order.vehicle(id, where());
      visitor.vehicle(id, coordinateAttr(tag, 'x', where()), coordinateAttr(tag, 'y', where()), where());
    }
    // Other elements (person, container, ...) carry no vehicle positions: skipped.
    if (visitor.done()) stopped = true;
  });
  parser.on('closetag', (tag) => {
    if (stopped || xmlError) return;
    if (tag.name === 'timestep') {
      inTimestep = false;
      visitor.timestepEnd(where());
      if (visitor.done()) stopped = true;
    }
  });

  const malformed = (err: Error) => new UserError(`malformed FCD XML: ${err.message}`);
  const stream = openText(file);
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (xmlError) throw malformed(xmlError);
      if (stopped) break; // leaving the loop destroys the stream: the rest of the file is never read
    }
    if (!stopped) {
      parser.close();
      if (xmlError) throw malformed(xmlError);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (xmlError) throw malformed(xmlError);
    const message = err instanceof Error ? err.message : String(err);
    throw new UserError(`cannot read FCD file ${file}: ${message}`);
  } finally {
    stream.destroy();
  }
}

/** All vehicle ids of a trace with their first/last time, in order of first appearance (reads the whole file). */
export async function listFcdVehicles(file: string): Promise<FcdVehicleSummary[]> {
  const vehicles = new Map<string, FcdVehicleSummary>();
  let timeS = 0;
  await visitFcd(file, {
    timestep(t) {
      timeS = t;
    },
    vehicle(id) {
      const v = vehicles.get(id);
      if (v === undefined) vehicles.set(id, { id, firstTimeS: timeS, lastTimeS: timeS, samples: 1 });
      else {
        v.lastTimeS = timeS;
        v.samples += 1;
      }
    },
    timestepEnd() {},
    done: () => false,
  });
  return [...vehicles.values()];
}

function checkRequest(req: FcdWindowRequest): void {
  const explicit = [...(req.cvIds ?? []), ...(req.svIds ?? [])];
  if (req.cvIds && req.cvIds.length !== req.cvCount) {
    throw new UserError(
      `mobility.cvIds lists ${req.cvIds.length} vehicle ids but the scenario has ${req.cvCount} CVs (cvs.count); ` +
        `give exactly ${req.cvCount} ids or leave mobility.cvIds out`,
    );
  }
  if (req.svIds && req.svIds.length !== req.svCount) {
    throw new UserError(
      `mobility.svIds lists ${req.svIds.length} vehicle ids but the scenario has ${req.svCount} SVs (svs.count); ` +
        `give exactly ${req.svCount} ids or leave mobility.svIds out`,
    );
  }
  const seen = new Set<string>();
  for (const id of explicit) {
    if (seen.has(id)) throw new UserError(`vehicle id '${id}' is listed twice in mobility.cvIds / mobility.svIds`);
    seen.add(id);
  }
}

function fmtTime(t: number): string {
  return String(Math.round(t * 1e6) / 1e6);
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function fewIds(ids: Iterable<string>, max = 8): string {
  const all = [...ids];
  const shown = all.slice(0, max).map((id) => `'${id}'`);
  return all.length > max ? `${shown.join(', ')}, ... (${all.length} in total)` : shown.join(', ');
}

interface Track {
  x: Float64Array;
  y: Float64Array;
}

/**
 * Positions of the chosen CVs and SVs at the slot times startTimeS + (t-1) tau, t = 1..T. Reads only up to the
 * end of that window. Throws UserError for a malformed file, a slot time without timestep, an unknown id or a
 * vehicle absent at some slot time.
 */
export async function readFcdWindow(req: FcdWindowRequest): Promise<MobilityTrace> {
  checkRequest(req);
  const { file, slots, slotDurationS: tau, startTimeS } = req;
  const slotTime = (k: number) => startTimeS + k * tau; // slot k+1 <-> trace time t_1 + k tau
  const lastNeededS = slotTime(slots - 1);

  const seenSlot = new Array<boolean>(slots).fill(false);
  let slotsSeen = 0;
  let currentSlot = -1; // 0-based slot of the open timestep, -1 when it is not a slot time
  let previousTimeS = Number.NEGATIVE_INFINITY;
  let firstTimeS = Number.NaN;
  let passedWindow = false;
  const firstLast = new Map<string, { first: number; last: number }>(); // every id read, for messages
  let timeS = 0;

  // Until slot 1 is complete every vehicle present is kept (to fill CV/SV lists in order of appearance).
  const slot1Order: string[] = [];
  let tracks: Map<string, Track> | null = null;
  const slot1Positions = new Map<string, { x: number; y: number }>();
  let cvIds: string[] = [];
  let svIds: string[] = [];

  const resolveSelection = (where: string) => {
    const explicit = new Set([...(req.cvIds ?? []), ...(req.svIds ?? [])]);
    const pool = slot1Order.filter((id) => !explicit.has(id));
    const needed = (req.cvIds ? 0 : req.cvCount) + (req.svIds ? 0 : req.svCount);
    if (pool.length < needed) {
      throw new UserError(
        `${where}: at trace time ${fmtTime(startTimeS)} s (mobility.startTimeS, slot 1) the trace has ` +
          `${plural(slot1Order.length, 'vehicle')}` +
          `${explicit.size ? ` (${pool.length} not listed in mobility.cvIds/svIds)` : ''}, ` +
          `but ${needed} are needed to fill the ${req.cvIds ? '' : plural(req.cvCount, 'CV')}` +
          `${!req.cvIds && !req.svIds ? ' and ' : ''}${req.svIds ? '' : plural(req.svCount, 'SV')}; ` +
          `choose a later mobility.startTimeS, fewer vehicles (cvs.count, svs.count) or list ids explicitly`,
      );
    }
    cvIds = req.cvIds ? [...req.cvIds] : pool.slice(0, req.cvCount);
    const rest = req.cvIds ? pool : pool.slice(req.cvCount);
    svIds = req.svIds ? [...req.svIds] : rest.slice(0, req.svCount);
    tracks = new Map();
    for (const id of [...cvIds, ...svIds]) {
      const track = { x: new Float64Array(slots).fill(Number.NaN), y: new Float64Array(slots).fill(Number.NaN) };
      const p = slot1Positions.get(id);
      if (p) {
        track.x[0] = p.x;
        track.y[0] = p.y;
      }
      tracks.set(id, track);
    }
    slot1Positions.clear();
  };

  await visitFcd(file, {
    // Times in order and one line per vehicle and timestep: checked by visitFcd (TimestepOrder).
    timestep(t) {
      previousTimeS = t;
      timeS = t;
      if (Number.isNaN(firstTimeS)) firstTimeS = t;
      currentSlot = -1;
      if (t > lastNeededS + FCD_TIME_TOLERANCE_S) {
        passedWindow = true;
        return;
      }
      const k = Math.round((t - startTimeS) / tau);
      if (k >= 0 && k < slots && Math.abs(t - slotTime(k)) <= FCD_TIME_TOLERANCE_S) currentSlot = k;
    },
    vehicle(id, xM, yM, where) {
      const fl = firstLast.get(id);
      if (fl === undefined) firstLast.set(id, { first: timeS, last: timeS });
      else fl.last = timeS;
      if (currentSlot < 0) return;
      if (currentSlot === 0) {
        slot1Order.push(id);
        slot1Positions.set(id, { x: xM, y: yM });
        return;
      }
      const track = tracks?.get(id);
      if (track) {
        track.x[currentSlot] = xM;
        track.y[currentSlot] = yM;
      }
    },
    timestepEnd(where) {
      if (currentSlot < 0) return;
      if (currentSlot === 0) resolveSelection(where);
      seenSlot[currentSlot] = true;
      slotsSeen += 1;
      currentSlot = -1;
    },
    done: () => passedWindow || slotsSeen === slots,
  });

  const missingSlot = seenSlot.indexOf(false);
  if (missingSlot >= 0) {
    const read = Number.isNaN(firstTimeS)
      ? 'it contains no <timestep> elements'
      : `it has timesteps from ${fmtTime(firstTimeS)} s to ${fmtTime(previousTimeS)} s` +
        (passedWindow ? '' : ' (end of file)');
    throw new UserError(
      `${file}: no timestep at time ${fmtTime(slotTime(missingSlot))} s, needed for slot ${missingSlot + 1} ` +
        `(mobility.startTimeS = ${fmtTime(startTimeS)} s, slot duration ${fmtTime(tau)} s, ${slots} slots); ${read}. ` +
        `Choose mobility.startTimeS and the slot duration so that every slot time is a timestep of the trace`,
    );
  }

  const finalTracks = tracks as Map<string, Track> | null;
  if (finalTracks === null) throw new Error('internal: FCD window complete without a slot-1 timestep');
  const role = (id: string) => {
    const i = cvIds.indexOf(id);
    return i >= 0 ? `CV ${i + 1}${req.cvIds ? ', mobility.cvIds' : ''}` : `SV ${svIds.indexOf(id) + 1}${req.svIds ? ', mobility.svIds' : ''}`;
  };
  const toPath = (id: string): VehiclePath => {
    const track = finalTracks.get(id) as Track;
    const k = track.x.findIndex((v) => Number.isNaN(v));
    if (k >= 0) {
      const fl = firstLast.get(id);
      if (fl === undefined) {
        throw new UserError(
          `vehicle id '${id}' (${role(id)}) does not occur in ${file} (read up to time ${fmtTime(previousTimeS)} s); ` +
            `known ids include ${fewIds(firstLast.keys())}`,
        );
      }
      throw new UserError(
        `vehicle '${id}' (${role(id)}) is not in ${file} at time ${fmtTime(slotTime(k))} s (slot ${k + 1}); in the part ` +
          `read it is present from ${fmtTime(fl.first)} s to ${fmtTime(fl.last)} s. Choose another mobility.startTimeS ` +
          `or other vehicle ids (vehicles present at slot 1: ${fewIds(slot1Order)})`,
      );
    }
    return { id, x: track.x, y: track.y };
  };
  return { slots, cvs: cvIds.map(toPath), svs: svIds.map(toPath) };
}
