import type { Layer } from '../types.js';
import cliStatus from './cli-status.js';
import e2e from './e2e.js';
import errorLog from './error-log.js';
import modelApi from './model-api.js';
import otel from './otel.js';
import process from './process.js';
import redis from './redis.js';
import session from './session.js';
import stdoutLog from './stdout-log.js';
import substrate from './substrate.js';

/** The ten layers in the order of the hand procedure (the contract's order; the verdict depends on it). */
export const LAYERS: readonly Layer[] = [
  substrate,
  process,
  cliStatus,
  errorLog,
  stdoutLog,
  e2e,
  session,
  otel,
  modelApi,
  redis,
];
