// Writes the built-in DNN layer tables to resources/models/<name>.json, as examples of the user model
// format (`vecwb layers <name> --model-file <file>`, scenario `customModels`).
// Run: npx tsx scripts/export-model-presets.ts   (tests/sim/vec-dnn/model-catalog.test.ts checks they match)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listPresetModels } from '../src-main/sim/vec-dnn/model-catalog';

const dir = fileURLToPath(new URL('../resources/models/', import.meta.url));
for (const model of listPresetModels()) {
  const file = `${dir}${model.name.toLowerCase()}.json`;
  // One layer row per line, so the file reads like the layer table it is.
  const { layers, ...header } = model;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const rows = layers.map((row) => `    ${JSON.stringify(row)}`).join(',\n');
  writeFileSync(file, `${head},\n  "layers": [\n${rows}\n  ]\n}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
