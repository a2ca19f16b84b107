import type { Pattern } from '../types.js';
import apiError from './api-error.js';
import authFailed from './auth-failed.js';
import contextOverflow from './context-overflow.js';
import dedupDropped from './dedup-dropped.js';
import fallbackDisabled from './fallback-disabled.js';
import fallbackProbeFailed from './fallback-probe-failed.js';
import heartbeatDegraded from './heartbeat-degraded.js';
import heartbeatOverdue from './heartbeat-overdue.js';
import idleWaiterTimeout from './idle-waiter-timeout.js';
import langfuseOptional from './langfuse-optional.js';
import modeReadFailed from './mode-read-failed.js';
import modelFallback from './model-fallback.js';
import modelNotFound from './model-not-found.js';
import modelTimeout from './model-timeout.js';
import otelEmitFailed from './otel-emit-failed.js';
import promptFailure from './prompt-failure.js';
import redisChannelError from './redis-channel-error.js';
import redisDown from './redis-down.js';
import redisMaxRetries from './redis-max-retries.js';
import selfRestart from './self-restart.js';
import sessionBusy from './session-busy.js';
import sessionPressure from './session-pressure.js';
import startupGuard from './startup-guard.js';
import storeFailed from './store-failed.js';
import streamingRetry from './streaming-retry.js';
import telegramConflict from './telegram-conflict.js';
import uncaughtException from './uncaught-exception.js';
import unhandledRejection from './unhandled-rejection.js';
import watchdogDead from './watchdog-dead.js';
import watchdogStuck from './watchdog-stuck.js';
import watchdogStuckTimeout from './watchdog-stuck-timeout.js';

// The error-pattern catalog, one row per file (eslint's lib/rules/index.js): kept alphabetical by id so a new row
// has one obvious place, and test/replay/patterns/index.test.ts checks that every file is listed here.

/** Every pattern the error-log and stdout-log layers scan for, alphabetical by id. */
export const PATTERNS: readonly Pattern[] = [
  apiError,
  authFailed,
  contextOverflow,
  dedupDropped,
  fallbackDisabled,
  fallbackProbeFailed,
  heartbeatDegraded,
  heartbeatOverdue,
  idleWaiterTimeout,
  langfuseOptional,
  modeReadFailed,
  modelFallback,
  modelNotFound,
  modelTimeout,
  otelEmitFailed,
  promptFailure,
  redisChannelError,
  redisDown,
  redisMaxRetries,
  selfRestart,
  sessionBusy,
  sessionPressure,
  startupGuard,
  storeFailed,
  streamingRetry,
  telegramConflict,
  uncaughtException,
  unhandledRejection,
  watchdogDead,
  watchdogStuck,
  watchdogStuckTimeout,
];
