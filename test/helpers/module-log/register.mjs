// `node --import <this file> ...` records the URL of every module the process loads, one per line, into the
// file named by GWBUNDLE_MODULE_LOG: how the tests prove a command loads only what it needs. ESM hooks see
// every ES module and the entry file of every CommonJS package imported from one (enough to name a package).
import { register } from 'node:module';

const file = process.env.GWBUNDLE_MODULE_LOG;
if (file) register('./hooks.mjs', import.meta.url, { data: { file } });
