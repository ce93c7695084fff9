import { listFcdVehicles, readFcdWindow } from './src-main/sim/mobility/sumo-fcd';
import { earliestFullWindowStart, vehiclesCovering } from './src-shared/mobility/trace-window';
const file = '/tmp/ui3/spider/spider.fcd.xml';
const v = await listFcdVehicles(file);
console.log(v.length, v.slice(0,15).map(x=>`${x.id}:${x.firstTimeS}-${x.lastTimeS}`).join(' '));
const s = earliestFullWindowStart(v, 12, 29);
console.log('start', s, s!==null && vehiclesCovering(v, s, 29));
try { const t = await readFcdWindow({ file, slots: 30, slotDurationS: 1, startTimeS: s!, cvCount: 7, svCount: 5 }); console.log('ok', t.cvs.map(c=>c.id)); } catch (e) { console.log('ERR', (e as Error).message); }
