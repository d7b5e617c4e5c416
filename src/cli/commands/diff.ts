import { diffModels } from '../../api/diff-databases.js';
import { gateHazards, gateKinds, gateLines, parseHazardApproval } from '../../api/hazard-gate.js';
import type { ColumnOrder } from '../../api/plan-options.js';
import { loadSource, parseSource } from '../../api/sources.js';
import { unmanagedNotes } from '../../api/unmanaged.js';
import { ExitCode, usageError } from '../../errors.js';
import { formatPlanHuman, planJson } from '../format-plan.js';
import { colors, parseFormat, print, printErr, type GlobalOptions } from '../output.js';
import { sourceLabel } from '../../api/database-text.js';

function parseColumnOrder(value: unknown): ColumnOrder {
  if (value === undefined || value === 'append') return 'append';
  if (value === 'exact') return 'exact';
  throw usageError(`--column-order must be "append" or "exact", not ${JSON.stringify(value)}.`);
}

export async function runDiff(
  fromSpec: string,
  toSpec: string,
  opts: GlobalOptions & { allowHazards?: unknown; exitCode?: boolean; columnOrder?: unknown },
): Promise<number> {
  const format = parseFormat(opts.format, ['sql', 'json', 'human'], 'sql');
  const columnOrder = parseColumnOrder(opts.columnOrder);
  const fromSource = parseSource(fromSpec, process.cwd(), 'The <from> source');
  const toSource = parseSource(toSpec, process.cwd(), 'The <to> source');
  const [fromRead, toRead] = await Promise.all([loadSource(fromSource), loadSource(toSource)]);
  const [from, to] = [fromRead.model, toRead.model];
  const allowHazards = parseHazardApproval(opts.allowHazards);
  const { plan, script: sql, blockedSteps: blocked, changeCount } = diffModels(from, to, {
    allowHazards,
    diff: { columnOrder },
  });
  // Before the script: a reader of the terminal sees first that the script does not cover them. The
  // lines start with "--" like the gate's, so that stderr mixed into the script stays a comment.
  const unmanaged = unmanagedNotes([
    { label: sourceLabel(fromSpec), objects: fromRead.unmanaged },
    { label: sourceLabel(toSpec), objects: toRead.unmanaged },
  ]);
  for (const line of unmanaged) printErr(`-- note: ${line}`);
  switch (format) {
    case 'sql':
      if (sql.trim()) print(sql);
      break;
    case 'json':
      print(JSON.stringify(planJson(plan), null, 2));
      break;
    case 'human':
      print(formatPlanHuman(plan, colors(opts), `Diff from ${sourceLabel(fromSpec)} to ${sourceLabel(toSpec)}`));
      break;
  }
  // A script missing steps must not pass for the whole diff: a pipeline that runs it would stop
  // short of the target without noticing. The lines start with "--" so that stderr mixed into the
  // script stays a comment.
  if (blocked.length > 0) {
    const where = format === 'sql' ? 'left out of the script' : 'not approved';
    const hazards = gateHazards(blocked, allowHazards);
    printErr(`-- ${blocked.length} hazardous step(s) ${where}, for ${hazards.length} hazard(s); review them, then pass --allow-hazards ${gateKinds(hazards)} (exit 4):`);
    for (const line of gateLines(hazards).flatMap((l) => l.split('\n'))) printErr(`--   ${line}`);
    return ExitCode.hazard;
  }
  if (opts.exitCode && changeCount > 0) return ExitCode.differences;
  return ExitCode.ok;
}
