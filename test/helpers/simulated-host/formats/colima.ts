import type { CommandAnswer } from '../spec.js';

// `colima status --json` (facts §7, Colima app/app.go statusInfo): JSON on stdout when the VM runs; when it
// does not, a logrus fatal line on stderr and exit 1. joelclaw treats Colima as healthy when `runtime` and
// `ip_address` are both non-empty.

/** `colima status --json`, running or not, at the given capture time (for the logrus `time=` field). */
export function colimaStatus(running: boolean, capturedAt = '2026-11-27T12:00:00.000Z'): CommandAnswer {
  if (!running) {
    const t = capturedAt.replace(/\.\d{3}Z$/, 'Z');
    return { stdout: '', stderr: `time="${t}" level=fatal msg="colima is not running"\n`, exitCode: 1 };
  }
  const status = {
    display_name: 'colima',
    driver: 'macOS Virtualization.Framework',
    arch: 'aarch64',
    runtime: 'docker',
    mount_type: 'virtiofs',
    ip_address: '192.168.106.2',
    docker_socket: 'unix:///Users/joel/.colima/default/docker.sock',
    kubernetes: true,
    cpu: 4,
    memory: 8589934592,
    disk: 107374182400,
  };
  return { stdout: `${JSON.stringify(status)}\n`, exitCode: 0 };
}
