// `node --import ./libs/messaging/src/testing/run-ts.mjs apps/relay/src/main.ts` runs a TypeScript entry point.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
