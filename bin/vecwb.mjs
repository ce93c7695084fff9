#!/usr/bin/env node
// Entry point of the `vecwb` CLI: registers the TypeScript loader (tsx) and hands over to the CLI shell.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
await main(process.argv);
