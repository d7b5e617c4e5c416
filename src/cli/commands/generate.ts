import path from 'node:path';
import { generateMigration } from '../../api/generate.js';
import { activity } from '../activity.js';
import { parseHazardApproval } from '../../api/hazard-gate.js';
import { loadProject } from '../../api/project.js';
import { ExitCode } from '../../errors.js';
import { formatPlanHuman } from '../format-plan.js';
import { colors, print, printErr, type GlobalOptions } from '../output.js';

export async function runGenerate(name: string | undefined, opts: GlobalOptions & { allowHazards?: unknown; allowEmptySchema?: boolean }): Promise<number> {
  const project = await loadProject(opts.config);
  const allowHazards = parseHazardApproval(opts.allowHazards);
  const progress = activity('replaying the migrations and planning');
  const result = await generateMigration(project, {
    name, allowHazards, allowEmptySchema: opts.allowEmptySchema === true,
  }).finally(progress.done);
  const c = colors(opts);
  for (const line of result.unmanaged) printErr(`note: ${line}`);
  if (result.status === 'unchanged') {
    print(`${c.green('No changes.')} The migrations already produce the schema; nothing was written.`);
    return ExitCode.ok;
  }
  const rel = path.relative(process.cwd(), result.dir) || result.dir;
  print(formatPlanHuman(result.plan, c, `Wrote ${rel} (proven by replaying the whole history in PGlite)`));
  print(`\nReview the files and commit them; "pgtide verify" replays the whole history again at any time.`);
  return ExitCode.ok;
}
