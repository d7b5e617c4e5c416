import { checkProject } from '../../api/check.js';
import { loadProject } from '../../api/project.js';
import { describeChange } from '../../diff/describe-change.js';
import { ExitCode } from '../../errors.js';
import { colors, parseFormat, print, type GlobalOptions } from '../output.js';

export async function runCheck(opts: GlobalOptions): Promise<number> {
  const format = parseFormat(opts.format, ['human', 'json'], 'human');
  const project = await loadProject(opts.config);
  const result = await checkProject(project);
  const pending = result.changes.map(describeChange);
  if (format === 'json') {
    print(JSON.stringify({ ok: pending.length === 0, pending }, null, 2));
  } else if (pending.length === 0) {
    print(colors(opts).green('The migrations match the schema.'));
  } else {
    print(`${pending.length} change(s) in the schema have no migration yet; run "pgtide generate":`);
    for (const line of pending) print(`  - ${line}`);
  }
  return pending.length === 0 ? ExitCode.ok : ExitCode.differences;
}
