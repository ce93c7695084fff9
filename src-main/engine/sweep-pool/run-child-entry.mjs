// Run-process entry in a source checkout (tests): registers the TypeScript loader, then runs run-child.ts.
import { register } from 'tsx/esm/api';

register();
await import('./run-child.ts');
