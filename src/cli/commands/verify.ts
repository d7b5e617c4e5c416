import path from 'node:path';
import { loadProject } from '../../api/project.js';
import { verifyProject } from '../../api/verify.js';
import { ExitCode } from '../../errors.js';
import { colors, print, type GlobalOptions } from '../output.js';
import { verifyProgress } from '../progress.js';
import { githubAnnotations, markdownReport, parseReportFormat, type Finding } from '../report.js';

export async function runVerify(opts: GlobalOptions): Promise<number> {
  const format = parseReportFormat(opts.format);
  const project = await loadProject(opts.config);
  const progress = verifyProgress();
  const report = await verifyProject(project, { onMigration: progress.onMigration }).finally(progress.done);
  const ok = report.problems.length === 0;
  const summary = ok
    ? `Verified ${report.migrations} migration(s): each replays, down.sql undoes it, and the history ends at the schema.`
    : `${report.problems.length} problem(s) in ${report.migrations} migration(s).`;
  const findings = report.problems.map((p): Finding => ({
    level: 'error',
    title: p.migration === null ? 'history' : `migration ${p.migration}`,
    message: p.message,
    ...(p.migration !== null ? { file: path.relative(process.cwd(), path.join(project.migrationsDir, p.migration)) } : {}),
  }));
  switch (format) {
    case 'json':
      print(JSON.stringify({ ok, ...report }, null, 2));
      break;
    case 'markdown':
      print(markdownReport('pgtide verify', summary, findings));
      break;
    case 'github':
      print(githubAnnotations(findings, summary));
      break;
    case 'human':
      if (ok) print(colors(opts).green(summary));
      else for (const p of report.problems) print(`${p.migration ?? 'history'}: ${p.message}`);
      break;
  }
  return ok ? ExitCode.ok : ExitCode.differences;
}
