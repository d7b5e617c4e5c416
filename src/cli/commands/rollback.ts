import { parseHazardApproval } from '../../api/hazard-gate.js';
import { loadProject } from '../../api/project.js';
import { formatMs } from '../../api/display.js';
import { formatDownHazards, rollbackProject, type DownHazard } from '../../api/rollback.js';
import { ExitCode } from '../../errors.js';
import { colors, print, printErr, type GlobalOptions } from '../output.js';
import { lockWaitMessage } from '../progress.js';

const UNRECORDED = 'note: the database has no checksum of this down.sql (the migration was applied by an older pgtide), so it is checked against pgtide.sum only.';

export async function runRollback(opts: GlobalOptions & { readonly dryRun?: boolean; readonly allowHazards?: unknown }): Promise<number> {
  const project = await loadProject(opts.config);
  const allowHazards = parseHazardApproval(opts.allowHazards);
  const approved = (hazards: readonly DownHazard[]): void => {
    print(`down.sql loses data (approved with --allow-hazards):\n${formatDownHazards(hazards).join('\n')}`);
  };
  const result = await rollbackProject(project, {
    ...(opts.database !== undefined ? { database: opts.database } : {}),
    dryRun: opts.dryRun ?? false,
    allowHazards,
    onLockWait: lockWaitMessage,
    onHazards: approved,
  });
  switch (result.status) {
    case 'nothing':
      print(`Nothing to roll back: no migration is applied to ${result.database}.`);
      return ExitCode.ok;
    case 'dry-run': {
      if (!result.downRecorded) printErr(UNRECORDED);
      print(`-- pgtide rollback --dry-run on ${result.database}: would run ${result.migration}/down.sql:`);
      print(result.script);
      // The dry run exits as the real run would: 4 when it would be refused for lack of approval.
      if (result.blocked.length > 0) {
        const kinds = [...new Set(result.blocked.map((h) => h.hazard.kind))].sort().join(',');
        printErr(`-- down.sql would lose data; "pgtide rollback" refuses to run it without --allow-hazards ${kinds} (exit 4):\n${formatDownHazards(result.blocked).map((l) => `--${l}`).join('\n')}`);
        return ExitCode.hazard;
      }
      if (result.hazards.length > 0) printErr(`-- down.sql loses data (approved with --allow-hazards):\n${formatDownHazards(result.hazards).map((l) => `--${l}`).join('\n')}`);
      return ExitCode.ok;
    }
    case 'rolled-back':
      if (!result.downRecorded) printErr(UNRECORDED);
      print(colors(opts).green(`Rolled back ${result.migration} on ${result.database} in ${formatMs(result.durationMs)} (down.sql ran; it is pending again).`));
      return ExitCode.ok;
    default: {
      const never: never = result;
      return never;
    }
  }
}
