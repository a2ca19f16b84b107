import { type DiagnoseLayer, numberOf, textOf } from './diagnose-sublayers.js';
import { asRecord } from './parse/health.js';

// The real diagnose's L5 channel-health and L6 channel-healing layers (facts §2.4), from /health's
// `channels` and `channelHealth`. Each is pushed only when it has findings.

type Rec = Record<string, unknown> | undefined;

function telegram(t: Rec, findings: string[]): boolean {
  if (!t || t.configured !== true) return false;
  const owner = textOf(t.ownerState);
  const polling = textOf(t.pollingState);
  const label = owner === 'fallback' && t.leaseEnabled !== true ? 'fallback (lease disabled)' : (owner ?? (t.healthy ? 'healthy' : 'degraded'));
  findings.push(`telegram: ${label}${polling ? `, polling ${polling}` : ''}`);
  const retries = numberOf(t.retryAttempts) ?? 0;
  const conflicts = numberOf(t.conflictStreak) ?? 0;
  if (retries > 0 || conflicts > 0) findings.push(`telegram: ${retries} retries, ${conflicts} conflicts`);
  const retrying = polling === 'retrying' || polling === 'retrying_conflict';
  if (retrying) findings.push(`telegram ingress is down: polling ${polling}`);
  return t.healthy !== true || owner === 'passive' || (owner === 'fallback' && t.leaseEnabled === true) || owner === 'stopped' || retrying;
}

function simple(name: string, c: Rec, okKey: 'ready' | 'connected', findings: string[]): boolean {
  if (!c || c.configured !== true) return false;
  const up = c[okKey] === true;
  findings.push(`${name}: ${up ? okKey : `not ${okKey}`}${textOf(c.socketState) ? ` (${c.socketState})` : ''}`);
  const attempts = numberOf(c.reconnectAttempts) ?? 0;
  if (name === 'imessage' && attempts > 0) findings.push(`imessage: ${attempts} reconnect attempts`);
  return !up;
}

// Why: L5 tells whether a channel is deliberately passive/fallback, truly connected, or half-dead.
export function channelHealthLayer(channels: Rec, channelHealth: Rec): DiagnoseLayer | null {
  const findings: string[] = [];
  const bad: string[] = [];
  if (telegram(asRecord(channels?.telegram), findings)) bad.push('telegram');
  if (simple('discord', asRecord(channels?.discord), 'ready', findings)) bad.push('discord');
  if (simple('imessage', asRecord(channels?.imessage), 'connected', findings)) bad.push('imessage');
  if (simple('slack', asRecord(channels?.slack), 'connected', findings)) bad.push('slack');
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
  const alerting = asRecord(channelHealth?.alerting);
  const degradedChannels = list(channelHealth?.degradedChannels);
  if (degradedChannels.length > 0) findings.push(`degraded channels: ${degradedChannels.join(', ')}`);
  const muted = list(channelHealth?.mutedChannels ?? alerting?.mutedChannels);
  if (muted.length > 0) findings.push(`muted channels: ${muted.join(', ')}`);
  const last = asRecord(alerting?.lastEvent);
  if (last) {
    findings.push(`last alert: ${last.channel ?? '?'} ${last.kind ?? '?'} at ${last.at ?? '?'}`);
    if (textOf(last.detail)) findings.push(`last alert detail: ${last.detail}`);
    if (textOf(last.muteReason)) findings.push(`last alert mute reason: ${last.muteReason}`);
  }
  if (findings.length === 0) return null;
  const overallDegraded = channelHealth?.overall === 'degraded';
  const degraded = overallDegraded || bad.length > 0;
  const names = [...new Set([...bad, ...degradedChannels])];
  const detail = degraded ? `Channel health degraded${names.length > 0 ? `: ${names.join(', ')}` : ''}` : 'Configured channels healthy';
  return { layer: 'channel-health', status: degraded ? 'degraded' : 'ok', detail, findings };
}

// Why: L6 tells whether a heal is armed, failed, or needs a human (manual repair).
export function channelHealingLayer(channelHealth: Rec): DiagnoseLayer | null {
  const healing = asRecord(channelHealth?.healing);
  if (!healing) return null;
  const entries = asRecord(channelHealth?.entries);
  const findings: string[] = [];
  if (healing.restartAfterConsecutiveDegraded !== undefined) findings.push(`restart after ${healing.restartAfterConsecutiveDegraded} consecutive degraded checks`);
  const cooldown = numberOf(healing.cooldownMs);
  if (cooldown !== null) findings.push(`heal cooldown: ${Math.round(cooldown / 60_000)}m`);
  const troubled: string[] = [];
  for (const [ch, raw] of Object.entries(asRecord(healing.channels) ?? {})) {
    const c = asRecord(raw) ?? {};
    const policy = textOf(c.policy) ?? 'none';
    if (policy !== 'none') findings.push(`${ch}: policy ${policy}${textOf(c.policyReason) ? ` (${c.policyReason})` : ''}`);
    const scheduled = c.lastAttemptStatus === 'scheduled';
    const failed = c.lastAttemptStatus === 'failed';
    const manual = c.manualRepairRequired === true;
    const channelDegraded = asRecord(entries?.[ch])?.status === 'degraded' || c.status === 'degraded';
    if (scheduled) findings.push(`${ch}: heal attempt scheduled`);
    if (failed) findings.push(`${ch}: last heal attempt failed${textOf(c.lastAttemptError) ? `: ${c.lastAttemptError}` : ''}`);
    if (manual) findings.push(`${ch}: manual repair required${textOf(c.manualRepairSummary) ? `: ${c.manualRepairSummary}` : ''}`);
    if (manual && Array.isArray(c.manualRepairCommands)) for (const cmd of c.manualRepairCommands) findings.push(`${ch}: run ${String(cmd)}`);
    if (scheduled || failed || manual || (policy === 'manual' && channelDegraded)) troubled.push(ch);
  }
  if (findings.length === 0) return null;
  const detail = troubled.length > 0 ? `Channel healing needs attention: ${troubled.join(', ')}` : 'No channel heal pending';
  return { layer: 'channel-healing', status: troubled.length > 0 ? 'degraded' : 'ok', detail, findings };
}
