import { A } from '../bundle/artifacts.js';
import type { ReplayContext } from './context.js';
import { asRecord } from './parse/health.js';

// The two pi versions a gateway depends on (facts §1.10): the machine's `pi --version` and the version that
// packages/gateway/package.json pins for the embedded pi the daemon imports. Scenario 2b cites both; the
// machine facts compare them between bundles.

/** The embedded pi packages the daemon imports, in the order their pin is read. */
export const PINNED_PI_PACKAGES = ['@mariozechner/pi-ai', '@mariozechner/pi-coding-agent'] as const;
const VERSION = /\d+\.\d+\.\d+(?:[-+][\w.]+)?/;

export interface PiVersions {
  /** `pi --version` on the machine, or null when it was not collected or printed no version. */
  machine: string | null;
  /** The first pinned version of PINNED_PI_PACKAGES, without its range operator, or null. */
  pinned: string | null;
  /** Every pin as written in package.json (null when the package is not listed). */
  pins: Array<{ name: string; version: string | null }>;
}

// Why: one reading of both versions for scenario 2b and the machine facts.
export function piVersions(ctx: ReplayContext): PiVersions {
  return ctx.memo('piVersions', () => {
    const machine = ctx.absence(A.piVersion.id) ? null : (VERSION.exec(ctx.text(A.piVersion.id) ?? '')?.[0] ?? null);
    const deps = { ...asRecord(asRecord(ctx.json(A.gatewayPackageJson.id))?.dependencies) };
    const pins = PINNED_PI_PACKAGES.map((name) => ({ name, version: typeof deps[name] === 'string' ? (deps[name] as string) : null }));
    const pinned = pins.find((p) => p.version)?.version?.replace(/^[\^~=v]+/, '') ?? null;
    return { machine, pinned, pins };
  });
}
