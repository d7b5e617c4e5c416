import { diffModels } from '../../api/diff-databases.js';
import { parseHazardApproval } from '../../api/hazard-gate.js';
import { loadSourceModel, parseSource } from '../../api/sources.js';
import { ExitCode, usageError } from '../../errors.js';
import type { ColumnOrder } from '../../diff/index.js';
import { formatPlanHuman, planJson } from '../format-plan.js';
import { colors, parseFormat, print, printErr, type GlobalOptions } from '../output.js';
import { describeChange } from '../../diff/describe-change.js';
import { sourceLabel } from '../../db/url.js';

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
  const [from, to] = await Promise.all([loadSourceModel(fromSource), loadSourceModel(toSource)]);
  const { plan, script: sql, blockedSteps: blocked, changeCount } = diffModels(from, to, {
    allowHazards: parseHazardApproval(opts.allowHazards),
    diff: { columnOrder },
  });
  switch (format) {
    case 'sql':
      if (sql.trim()) print(sql);
      if (blocked.length > 0) {
        printErr(`-- ${blocked.length} hazardous step(s) left out (pass --allow-hazards to include them):`);
        for (const s of blocked) printErr(`--   ${describeChange(s.source)}: ${s.hazards.map((h) => h.kind).join(', ')}`);
      }
      break;
    case 'json':
      print(JSON.stringify(planJson(plan), null, 2));
      break;
    case 'human':
      print(formatPlanHuman(plan, colors(opts), `Diff from ${sourceLabel(fromSpec)} to ${sourceLabel(toSpec)}`));
      break;
  }
  if (opts.exitCode && changeCount > 0) return ExitCode.differences;
  return ExitCode.ok;
}
