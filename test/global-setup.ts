import type { TestProject } from 'vitest/node';
import { startRedisServer } from './helpers/redis-server.js';

// One real redis-server for the whole suite, stopped by pid at teardown. Tests use their own DB index
// (SELECT 1..31) so they do not see each other.

declare module 'vitest' {
  interface ProvidedContext {
    redisSocket: string;
    redisPort: number;
  }
}

export default async function setup(project: TestProject) {
  const redis = await startRedisServer();
  project.provide('redisSocket', redis.socket);
  project.provide('redisPort', redis.port);
  return () => redis.stop();
}
