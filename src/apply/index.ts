export { applyMigrations, assertHistoryIntact, readStatuses, type ApplyOptions, type ApplyOutcome } from './apply.js';
export { rollbackNewest, type RollbackOptions, type RollbackOutcome } from './rollback.js';
export { downEffects, downHazards, formatDownHazards, type DownHazard } from './down-hazards.js';
export { durationMs, formatMs } from '../util/duration.js';
export { readAppliedHistory, type AppliedHistory, type AppliedPhase } from './history-table.js';
export { fileParts, runFile, runPart, type Part } from './parts.js';
export { runWork, type ApplyEvent, type ApplyListener, type AppliedItem, type StepTimeouts } from './runner.js';
export { APPLY_PHASES, dryRunScript, selectWork, type ApplyPhase, type WorkItem } from './select.js';
export { fileChecksum, betweenPhases, integrityProblems, isStarted, migrationStatuses, type IntegrityProblem, type MigrationStatus, type PhaseState, type PhaseStatus } from './work.js';
