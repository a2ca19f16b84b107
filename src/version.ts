import { createRequire } from 'node:module';

// One source for the tool version: package.json, read at run time (dist/ and src/ both sit one level below it).
export const TOOL_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
