import path from 'node:path';
import { loadProject, type Project } from '../../api/project.js';
import { statusProject, type ProjectStatus } from '../../api/status.js';
import { formatMs, type PhaseStatus } from '../../apply/index.js';
import { ExitCode } from '../../errors.js';
import { colors, print, type Colors, type GlobalOptions } from '../output.js';
import { githubAnnotations, markdownReport, parseReportFormat, type Finding } from '../report.js';

function findings(project: Project, s: ProjectStatus): Finding[] {
  const rel = (file: string): string => path.relative(process.cwd(), path.join(project.migrationsDir, file));
  return [
    ...s.sumProblems.map((p): Finding => ({ level: 'error', title: `pgtide.sum: ${p.kind}`, message: p.message, file: rel(p.file) })),
    ...s.problems.map((p): Finding => ({ level: 'error', title: `history: ${p.kind}`, message: p.message, file: rel(p.file) })),
  ];
}

function phaseText(p: PhaseStatus, c: Colors): string {
  switch (p.state) {
    case 'applied': {
      const a = p.applied!;
      return c.green(`applied ${a.finishedAt!.toISOString()} (${formatMs(a.durationMs ?? 0)}, by ${a.appliedBy})`);
    }
    case 'partial':
      return c.yellow(`partial: started ${p.applied!.startedAt.toISOString()}, ${p.doneParts.size} step(s) done; "pgtide apply" resumes it`);
    case 'pending':
      return 'pending';
    case 'absent':
      return c.dim('-');
    default: {
      const never: never = p.state;
      return never;
    }
  }
}

function statusJson(s: ProjectStatus): unknown {
  return {
    database: s.database,
    ok: s.sumProblems.length === 0 && s.problems.length === 0,
    problems: [...s.sumProblems.map((p) => ({ kind: p.kind, file: p.file, message: p.message })), ...s.problems],
    migrations: s.migrations.map((m) => ({
      version: m.version,
      name: m.name,
      missing: m.folder === null,
      phases: Object.fromEntries(
        m.phases.map((p) => [
          p.phase,
          {
            state: p.state,
            startedAt: p.applied?.startedAt.toISOString() ?? null,
            finishedAt: p.applied?.finishedAt?.toISOString() ?? null,
            durationMs: p.applied?.durationMs ?? null,
            appliedBy: p.applied?.appliedBy ?? null,
            stepsDone: p.doneParts.size,
          },
        ]),
      ),
    })),
  };
}

function statusHuman(s: ProjectStatus, c: Colors, problems: readonly Finding[]): string {
  const out = [`Migrations on ${s.database}:`];
  if (s.migrations.length === 0) out.push('  (none)');
  for (const m of s.migrations) {
    out.push(`  ${m.version}_${m.name}${m.folder ? '' : c.red(' (folder missing)')}`);
    for (const p of m.phases) out.push(`    ${p.phase.padEnd(9)}${phaseText(p, c)}`);
  }
  if (problems.length > 0) out.push('', c.red(`${problems.length} problem(s):`), ...problems.map((f) => `  - ${f.message}`));
  return out.join('\n');
}

function statusMarkdown(s: ProjectStatus, problems: readonly Finding[]): string {
  const plain = colors({ color: false });
  const rows = s.migrations.map((m) => `| \`${m.version}_${m.name}\` | ${m.phases.map((p) => phaseText(p, plain).replace(/\|/g, '\\|')).join(' | ')} |`);
  const table = ['| migration | expand | migrate | contract |', '|---|---|---|---|', ...rows].join('\n');
  const summary = problems.length === 0 ? `History of ${s.database} matches the migration files.` : `${problems.length} problem(s) with the history of ${s.database}.`;
  return `${markdownReport('pgtide status', summary, problems)}\n\n${table}`;
}

export async function runStatus(opts: GlobalOptions): Promise<number> {
  const format = parseReportFormat(opts.format);
  const project = await loadProject(opts.config);
  const s = await statusProject(project, opts.database !== undefined ? { database: opts.database } : {});
  const problems = findings(project, s);
  switch (format) {
    case 'json':
      print(JSON.stringify(statusJson(s), null, 2));
      break;
    case 'markdown':
      print(statusMarkdown(s, problems));
      break;
    case 'github': {
      const pending = s.migrations.flatMap((m) => m.phases.filter((p) => p.state === 'pending' || p.state === 'partial').map((p) => `${m.version}_${m.name}/${p.phase}`));
      print(githubAnnotations(problems, `${pending.length} pending phase(s) on ${s.database}${pending.length > 0 ? `: ${pending.join(', ')}` : ''}`));
      break;
    }
    case 'human':
      print(statusHuman(s, colors(opts), problems));
      break;
  }
  return problems.length === 0 ? ExitCode.ok : ExitCode.usage;
}
