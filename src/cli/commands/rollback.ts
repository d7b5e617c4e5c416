import { loadProject } from '../../api/project.js';
import { rollbackProject } from '../../api/rollback.js';
import { formatMs } from '../../apply/index.js';
import { ExitCode } from '../../errors.js';
import { colors, print, type GlobalOptions } from '../output.js';
import { lockWaitMessage } from '../progress.js';

export async function runRollback(opts: GlobalOptions & { readonly dryRun?: boolean }): Promise<number> {
  const project = await loadProject(opts.config);
  const result = await rollbackProject(project, {
    ...(opts.database !== undefined ? { database: opts.database } : {}),
    dryRun: opts.dryRun ?? false,
    onLockWait: lockWaitMessage,
  });
  switch (result.status) {
    case 'nothing':
      print(`Nothing to roll back: no migration is applied to ${result.database}.`);
      break;
    case 'dry-run':
      print(`-- pgtide rollback --dry-run on ${result.database}: would run ${result.migration}/down.sql:`);
      print(result.script);
      break;
    case 'rolled-back':
      print(colors(opts).green(`Rolled back ${result.migration} on ${result.database} in ${formatMs(result.durationMs)} (down.sql ran; it is pending again).`));
      break;
    default: {
      const never: never = result;
      return never;
    }
  }
  return ExitCode.ok;
}
