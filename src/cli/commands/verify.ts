import { loadProject } from '../../api/project.js';
import { verifyProject } from '../../api/verify.js';
import { ExitCode } from '../../errors.js';
import { colors, parseFormat, print, type GlobalOptions } from '../output.js';

export async function runVerify(opts: GlobalOptions): Promise<number> {
  const format = parseFormat(opts.format, ['human', 'json'], 'human');
  const project = await loadProject(opts.config);
  const report = await verifyProject(project);
  const ok = report.problems.length === 0;
  if (format === 'json') {
    print(JSON.stringify({ ok, ...report }, null, 2));
  } else if (ok) {
    print(colors(opts).green(`Verified ${report.migrations} migration(s): each replays, down.sql undoes it, and the history ends at the schema.`));
  } else {
    for (const p of report.problems) print(`${p.migration ?? 'history'}: ${p.message}`);
  }
  return ok ? ExitCode.ok : ExitCode.differences;
}
