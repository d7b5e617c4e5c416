import { planProject } from '../../api/plan-project.js';
import { loadProject } from '../../api/project.js';
import { ExitCode } from '../../errors.js';
import { activity } from '../activity.js';
import { formatPlanHuman, formatPlanMarkdown, planJson } from '../format-plan.js';
import { colors, parseFormat, print, printErr, type GlobalOptions } from '../output.js';

export async function runPlan(opts: GlobalOptions & { from?: string; allowEmptySchema?: boolean }): Promise<number> {
  const format = parseFormat(opts.format, ['human', 'json', 'markdown', 'sql'], 'human');
  const progress = activity('loading the project');
  const result = await (async () => {
    const project = await loadProject(opts.config);
    const planned = await planProject(project, {
      from: opts.from, database: opts.database, allowHazards: true, allowEmptySchema: opts.allowEmptySchema === true, onStep: progress.step,
    });
    return { project, ...planned };
  })().finally(progress.done);
  const { project } = result;
  const { plan } = result.result;
  const title = `Plan from ${result.fromLabel} to the schema in ${project.configPath}`;
  for (const note of result.notes) printErr(`note: ${note}`);
  for (const line of result.unmanaged) printErr(`note: ${line}`);
  switch (format) {
    case 'json':
      print(JSON.stringify({ from: result.fromLabel, notes: result.notes, ...(planJson(plan) as object) }, null, 2));
      break;
    case 'markdown':
      print(formatPlanMarkdown(plan, title));
      break;
    case 'sql':
      print(result.result.script);
      break;
    case 'human':
      print(formatPlanHuman(plan, colors(opts), title));
      break;
  }
  return ExitCode.ok;
}
