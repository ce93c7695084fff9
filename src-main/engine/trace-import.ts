// scenario.importTrace: stores an uploaded SUMO FCD file under <runs>/_traces and checks it can be read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src-shared/errors';
import { listFcdVehicles } from '../sim/mobility/sumo-fcd';

/** A file name safe on every OS: letters, digits, '.', '_' and '-', at most 80 characters. */
export function safeFileName(name: string): string {
  const base = path.basename(name).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return (base || 'trace').slice(-80);
}

export async function importTrace(tracesDir: string, fileName: string, xml: string) {
  fs.mkdirSync(tracesDir, { recursive: true });
  const digest = crypto.createHash('sha256').update(xml).digest('hex').slice(0, 10);
  const name = safeFileName(fileName).replace(/(\.fcd)?\.xml$/i, '');
  const file = path.join(tracesDir, `${name}-${digest}.fcd.xml`);
  fs.writeFileSync(file, xml);
  try {
    const vehicles = await listFcdVehicles(file);
    if (vehicles.length === 0) throw new UserError(`${fileName}: the trace has no <vehicle> entries`);
    return {
      file,
      vehicleIds: vehicles.map((v) => v.id),
      firstTimeS: Math.min(...vehicles.map((v) => v.firstTimeS)),
      lastTimeS: Math.max(...vehicles.map((v) => v.lastTimeS)),
      vehicles: vehicles.map(({ id, firstTimeS, lastTimeS }) => ({ id, firstTimeS, lastTimeS })),
    };
  } catch (err) {
    fs.rmSync(file, { force: true });
    // The user knows the file by the name they uploaded, not by where the server stored it.
    if (err instanceof UserError) throw new UserError(err.message.split(file).join(fileName));
    throw err;
  }
}
