import { durationMs } from '../util/duration.js';
import type { PgtideConfig } from '../dsl/config.js';
import type { ColumnOrder, DiffOptions } from '../diff/index.js';
import type { HazardKind, PlanOptions } from '../plan/index.js';
import type { HazardApproval } from './hazard-gate.js';

export type { ColumnOrder };

/** The planner options a project's config sets: step timeouts and the backfill batch size. */
export function projectPlanOptions(config: PgtideConfig): Partial<PlanOptions> {
  return {
    ...(config.lockTimeout !== undefined ? { lockTimeoutMs: durationMs(config.lockTimeout) } : {}),
    ...(config.statementTimeout !== undefined ? { statementTimeoutMs: durationMs(config.statementTimeout) } : {}),
    ...(config.longStatementTimeout !== undefined ? { longStatementTimeoutMs: durationMs(config.longStatementTimeout) } : {}),
    ...(config.batchSize !== undefined ? { batchSize: config.batchSize } : {}),
  };
}

/** The diff options a project's config sets: how column order counts. */
export function projectDiffOptions(config: PgtideConfig): Partial<DiffOptions> {
  return config.columnOrder !== undefined ? { columnOrder: config.columnOrder } : {};
}

/** What the command line approves plus what the config approves for every run. */
export function withConfigApproval(cli: HazardApproval, config: PgtideConfig): HazardApproval {
  const fromConfig: readonly HazardKind[] = config.allowHazards ?? [];
  if (cli === true || fromConfig.length === 0) return cli;
  return [...new Set([...(cli === false ? [] : cli), ...fromConfig])];
}
