import path from 'node:path';
import { loadProject } from '../../api/project.js';
import { verifyProject, type VerifiedMigration, type VerifyReport } from '../../api/verify.js';
import { ExitCode } from '../../errors.js';
import { mdCode, mdText } from '../markdown.js';
import { colors, print, type GlobalOptions } from '../output.js';
import { verifyProgress } from '../progress.js';
import { githubAnnotations, markdownReport, parseReportFormat, type Finding } from '../report.js';

/** What was checked of one migration, in words: every one replays; its down.sql is what differs. */
function checkedText(m: VerifiedMigration): string {
  const earlier = m.earlier ? ' (as an earlier verify of the same files found)' : '';
  switch (m.down) {
    case 'undoes':
      return `replays; down.sql undoes expand and migrate${earlier}`;
    case 'does-not-undo':
      return 'replays; down.sql does not undo expand and migrate';
    case 'none':
      return `replays; no down.sql: not reversible${earlier}`;
    default: {
      const never: never = m.down;
      return never;
    }
  }
}

/** The summary says only what was checked: down.sql undoes a migration only where there is one. */
function summaryOf(r: VerifyReport): string {
  if (r.problems.length > 0) return `${r.problems.length} problem(s) in ${r.migrations} migration(s).`;
  const without = r.checked.filter((m) => m.down === 'none').length;
  if (without === 0) return `Verified ${r.migrations} migration(s): each replays, its down.sql undoes expand and migrate, and the history ends at the schema.`;
  const down = without === r.migrations
    ? `none has a down.sql, so none is reversible`
    : `down.sql undoes expand and migrate in ${r.migrations - without}; ${without} have no down.sql and are not reversible`;
  return `Verified ${r.migrations} migration(s): each replays and the history ends at the schema; ${down}.`;
}

export async function runVerify(opts: GlobalOptions): Promise<number> {
  const format = parseReportFormat(opts.format);
  const project = await loadProject(opts.config);
  const progress = verifyProgress();
  const report = await verifyProject(project, { onMigration: progress.onMigration }).finally(progress.done);
  const ok = report.problems.length === 0;
  const summary = summaryOf(report);
  const findings = report.problems.map((p): Finding => ({
    level: 'error',
    title: p.migration === null ? 'history' : `migration ${p.migration}`,
    message: p.message,
    ...(p.migration !== null ? { file: path.relative(process.cwd(), path.join(project.migrationsDir, p.migration)) } : {}),
  }));
  const width = Math.max(0, ...report.checked.map((m) => m.migration.length));
  switch (format) {
    case 'json':
      print(JSON.stringify({ ok, ...report }, null, 2));
      break;
    case 'markdown': {
      const rows = report.checked.map((m) => `| ${mdCode(m.migration, { cell: true })} | ${mdText(checkedText(m))} |`);
      print([markdownReport('pgtide verify', summary, findings), ['| migration | checked |', '|---|---|', ...rows].join('\n')].join('\n\n'));
      break;
    }
    case 'github':
      print(githubAnnotations(findings, summary));
      break;
    case 'human': {
      const c = colors(opts);
      print(ok ? c.green(summary) : summary);
      for (const m of report.checked) print(`  ${m.migration.padEnd(width)}  ${m.down === 'does-not-undo' ? c.red(checkedText(m)) : checkedText(m)}`);
      if (!ok) for (const p of report.problems) print(`${p.migration ?? 'history'}: ${p.message}`);
      break;
    }
  }
  return ok ? ExitCode.ok : ExitCode.differences;
}
