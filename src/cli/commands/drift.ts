import { driftProject, type DriftReport } from '../../api/drift.js';
import { loadProject } from '../../api/project.js';
import { ExitCode } from '../../errors.js';
import { colors, print, printErr, type GlobalOptions } from '../output.js';
import { githubAnnotations, markdownReport, parseReportFormat, type Finding } from '../report.js';
import { activity } from '../activity.js';

function findings(r: DriftReport): Finding[] {
  return r.drift.map((d) => ({ level: 'error', title: `drift: ${d.kind}`, message: `${d.description} (${d.kind} in the live database, not by a migration)` }));
}

export async function runDrift(opts: GlobalOptions): Promise<number> {
  const format = parseReportFormat(opts.format);
  const project = await loadProject(opts.config);
  const progress = activity('comparing the database with its migrations');
  const r = await driftProject(project, opts.database !== undefined ? { database: opts.database } : {}).finally(progress.done);
  const clean = r.drift.length === 0;
  for (const line of r.unmanaged) printErr(`note: ${line}`);
  // Not "exactly" when some objects were not compared: the notes above name them.
  const summary = clean
    ? r.unmanaged.length === 0
      ? `No drift: ${r.database} is exactly what its ${r.phases} applied migration phase(s) produce.`
      : `No drift in the objects pgtide manages: ${r.database} has what its ${r.phases} applied migration phase(s) produce; ${r.unmanaged.length} object(s) it does not manage were not compared.`
    : `${r.drift.length} difference(s) between ${r.database} and what its ${r.phases} applied migration phase(s) produce.`;
  switch (format) {
    case 'json':
      print(JSON.stringify({
        database: r.database,
        ok: clean,
        phases: r.phases,
        drift: r.drift.map((d) => ({ kind: d.kind, description: d.description, changes: d.changes.map((c) => c.kind) })),
        engineVersions: r.engineVersions,
      }, null, 2));
      break;
    case 'markdown':
      print(markdownReport('pgtide drift', summary, findings(r)));
      break;
    case 'github':
      print(githubAnnotations(findings(r), summary));
      break;
    case 'human': {
      const c = colors(opts);
      print(clean ? c.green(summary) : summary);
      for (const d of r.drift) print(`  ${d.kind.padEnd(8)} ${d.description}`);
      for (const v of r.engineVersions) {
        print(c.dim(`  extension ${v.extension}: ${v.live} in the database, ${v.expected} in the replay; each is its engine's default version, so this is not drift.`));
      }
      if (!clean) print('Put intended changes into the schema and generate a migration; undo the others by hand.');
      break;
    }
  }
  return clean ? ExitCode.ok : ExitCode.differences;
}
