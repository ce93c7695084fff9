// Worker-thread entry in a source checkout: registers the TypeScript loader, then runs the worker body.
// (The Electron build bundles run-worker.ts directly and does not use this file.)
import { register } from 'tsx/esm/api';

register();
await import('./run-worker.ts');
