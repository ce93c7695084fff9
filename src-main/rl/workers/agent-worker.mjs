// Worker-thread bootstrap: registers the TypeScript loader (tsx, as bin/vecwb.mjs does) and starts the
// agent-group worker. Each worker owns its own TensorFlow.js backend (tfjs-wasm is single-threaded in
// Node, so a second worker is how the learner uses the second core).
import { register } from 'tsx/esm/api';

register();
await import('./agent-worker.ts');
