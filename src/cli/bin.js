#!/usr/bin/env node
// Entry point of the `partnerscope` command: lets Node run the TypeScript sources directly (tsx), then hands over.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
