#!/usr/bin/env node
// `npm run bench`: registers the TypeScript loader (tsx) and runs the learner benchmark (bench/learner-bench.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/learner-bench.ts');
await main(process.argv.slice(2));
