import { APPLY_PHASES, applyProject, type ApplyPhase } from '../../api/apply.js';
import { loadProject } from '../../api/project.js';
import { ExitCode, usageError } from '../../errors.js';
import { colors, print, type GlobalOptions } from '../output.js';
import { applyProgress, lockWaitMessage } from '../progress.js';

export interface ApplyFlags extends GlobalOptions {
  readonly phase?: string;
  readonly to?: string | number;
  readonly dryRun?: boolean;
  readonly allowOutOfOrder?: boolean;
}

export function parsePhase(value: string | undefined): ApplyPhase {
  if (value === undefined) return 'all';
  if ((APPLY_PHASES as readonly string[]).includes(value)) return value as ApplyPhase;
  throw usageError(`--phase ${value} is not a phase; use one of: ${APPLY_PHASES.join(', ')}.`);
}

export async function runApply(opts: ApplyFlags): Promise<number> {
  if (opts.format !== undefined && opts.format !== 'human') throw usageError('apply prints a log of what it ran; --format is not available for it (use "pgtide status --format json" afterwards).');
  const phase = parsePhase(opts.phase);
  const project = await loadProject(opts.config);
  const result = await applyProject(project, {
    ...(opts.database !== undefined ? { database: opts.database } : {}),
    phase,
    to: opts.to === undefined ? null : String(opts.to),
    dryRun: opts.dryRun ?? false,
    allowOutOfOrder: opts.allowOutOfOrder ?? false,
    listen: applyProgress(),
    onLockWait: lockWaitMessage,
  });
  const c = colors(opts);
  if (result.script !== null) {
    print(`-- pgtide apply --dry-run on ${result.database}: ${result.items.length} phase(s) would run, exactly these statements:`);
    print(result.script);
  } else if (result.applied.length === 0) {
    print(`${c.green('Up to date.')} No pending ${phase === 'all' ? '' : `${phase} `}migrations for ${result.database}.`);
  } else {
    print(c.green(`Applied ${result.applied.length} phase(s) to ${result.database}.`));
  }
  return ExitCode.ok;
}
