import { checkProject } from '../../api/check.js';
import { loadProject } from '../../api/project.js';
import { describeChange } from '../../api/display.js';
import { ExitCode } from '../../errors.js';
import { colors, print, type GlobalOptions } from '../output.js';
import { githubAnnotations, markdownReport, parseReportFormat, type Finding } from '../report.js';
import { activity } from '../activity.js';

export async function runCheck(opts: GlobalOptions & { allowEmptySchema?: boolean }): Promise<number> {
  const format = parseReportFormat(opts.format);
  const project = await loadProject(opts.config);
  const progress = activity('checking the migrations against the schema');
  const result = await checkProject(project, { allowEmptySchema: opts.allowEmptySchema === true }).finally(progress.done);
  const pending = result.changes.map(describeChange);
  const summary = pending.length === 0
    ? 'The migrations match the schema.'
    : `${pending.length} change(s) in the schema have no migration yet; run "pgtide generate".`;
  const findings = pending.map((line): Finding => ({ level: 'error', title: 'change without a migration', message: `${line}: run "pgtide generate"` }));
  switch (format) {
    case 'json':
      print(JSON.stringify({ ok: pending.length === 0, pending }, null, 2));
      break;
    case 'markdown':
      print(markdownReport('pgtide check', summary, findings));
      break;
    case 'github':
      print(githubAnnotations(findings, summary));
      break;
    case 'human':
      if (pending.length === 0) {
        print(colors(opts).green(summary));
      } else {
        print(`${pending.length} change(s) in the schema have no migration yet; run "pgtide generate":`);
        for (const line of pending) print(`  - ${line}`);
      }
      break;
  }
  return pending.length === 0 ? ExitCode.ok : ExitCode.differences;
}
