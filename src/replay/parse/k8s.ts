import { asRecord } from './health.js';

// Readings of Kubernetes objects as the API serves them. Events recorded through the new events API
// (events.k8s.io, which the kubelet uses) reach core/v1 with `eventTime` at the first occurrence and the
// repeats in `series: {count, lastObservedTime}`, without `count` or `lastTimestamp` (k8s.io/api core/v1
// Event, EventSeries). A container the kubelet keeps restarting leaves the pod's phase `Running` and says
// so only in its `state.waiting.reason` (CrashLoopBackOff).

type Rec = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** When the event last happened: series.lastObservedTime, lastTimestamp, eventTime, firstTimestamp, creation. */
export function eventLastSeen(e: Rec): string | null {
  return text(asRecord(e.series)?.lastObservedTime) ?? text(e.lastTimestamp) ?? text(e.eventTime) ?? text(e.firstTimestamp) ?? text(asRecord(e.metadata)?.creationTimestamp);
}

/** How many times it happened: series.count, else count, else once. */
export function eventCount(e: Rec): number {
  const n = asRecord(e.series)?.count ?? e.count;
  return typeof n === 'number' && n > 0 ? n : 1;
}

/**
 * Waiting reasons of a container that is not coming up by itself (kubelet's container and image errors);
 * others (ContainerCreating, PodInitializing) are a start in progress.
 */
export const CONTAINER_DOWN_REASONS: ReadonlySet<string> = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError',
]);
