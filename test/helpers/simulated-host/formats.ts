// Builders of the real artifact formats (facts §1-§7), one concern per file under formats/, gathered here so
// presets and tests import one module.

export { bunConsole, bunErrorValue, bunLog, bunRecord, BunErrorValue, type ConsoleMethod } from './formats/bun.js';
export { channelPreamble } from './formats/channel-context.js';
export { colimaStatus } from './formats/colima.js';
export { gatewayPackageJson, heartbeatTs, piModelsJson, piSettingsJson, plistXml, startScript, tripwirePlistXml } from './formats/config-files.js';
export { healthBody, healthResponse, type HealthBodyInput } from './formats/health.js';
export { GATEWAY_LABEL, launchctlList, launchctlNotFound, launchctlPrint, launchctlPrintDisabled } from './formats/launchctl.js';
export { otelEvent, otelMatches, otelSearch, otelSearchError, type OtelEvent } from './formats/otel.js';
export { DAEMON_COMMAND, psEtime, psLstart, psTable, TRANSPORT_COMMAND, type PsRow } from './formats/ps.js';
export {
  assistantText,
  assistantToolCall,
  compaction,
  entryId,
  FALLBACK,
  modelChange,
  piSessionFile,
  PRIMARY,
  rotationSummary,
  sessionFileName,
  sessionJsonl,
  toolResult,
  usage,
  userMessage,
  type PiSessionFile,
  type SessionEntryInput,
} from './formats/session-jsonl.js';
