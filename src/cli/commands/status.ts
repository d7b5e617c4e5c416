import path from 'node:path';
import { loadProject, type Project } from '../../api/project.js';
import { statusProject, type PhaseStatus, type ProjectStatus } from '../../api/status.js';
import { formatMs, PHASES } from '../../api/display.js';
import { ExitCode } from '../../errors.js';
import { colors, print, type Colors, type GlobalOptions } from '../output.js';
import { mdCode, mdText } from '../markdown.js';
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
  const last = s.summary.lastApplied;
  return {
    database: s.database,
    ok: s.sumProblems.length === 0 && s.problems.length === 0,
    summary: { ...s.summary, lastApplied: last === null ? null : { ...last, at: last.at.toISOString() } },
    problems: [...s.sumProblems.map((p) => ({ kind: p.kind, file: p.file, message: p.message })), ...s.problems],
    migrations: s.states.map(({ status: m, state }) => ({
      version: m.version,
      name: m.name,
      state,
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

/** One line: how many migrations stand where, and what ran last. */
export function summaryLine(s: ProjectStatus): string {
  const n = s.summary;
  const counts = [`${n.applied} applied`, `${n.pending} pending`, `${n.partial} partial`, `${n.withProblems} with problems`];
  const last = n.lastApplied === null ? 'nothing applied yet' : `last applied: ${n.lastApplied.migration}/${n.lastApplied.phase} at ${n.lastApplied.at.toISOString()}`;
  return `${n.migrations} migration(s) on ${s.database}: ${counts.join(', ')}; ${last}.`;
}

/** The migrations to list: all of them with --all, else only those that are not simply applied. */
function listed(s: ProjectStatus, all: boolean): ProjectStatus['states'] {
  return all ? s.states : s.states.filter((m) => m.state !== 'applied');
}

function hiddenNote(s: ProjectStatus, all: boolean): string | null {
  const hidden = s.states.length - listed(s, all).length;
  return hidden === 0 ? null : `${hidden} applied migration(s) not listed; "pgtide status --all" lists every migration.`;
}

function statusHuman(s: ProjectStatus, c: Colors, problems: readonly Finding[], all: boolean): string {
  const out = [summaryLine(s)];
  for (const { status: m } of listed(s, all)) {
    out.push(`  ${m.version}_${m.name}${m.folder ? '' : c.red(' (folder missing)')}`);
    for (const p of m.phases) out.push(`    ${p.phase.padEnd(9)}${phaseText(p, c)}`);
  }
  const note = hiddenNote(s, all);
  if (note !== null) out.push(c.dim(note));
  if (problems.length > 0) out.push('', c.red(`${problems.length} problem(s):`), ...problems.map((f) => `  - ${f.message}`));
  return out.join('\n');
}

function statusMarkdown(s: ProjectStatus, problems: readonly Finding[], all: boolean): string {
  const plain = colors({ color: false });
  const rows = listed(s, all).map(({ status: m }) => `| ${mdCode(`${m.version}_${m.name}`, { cell: true })} | ${m.phases.map((p) => mdText(phaseText(p, plain))).join(' | ')} |`);
  const health = problems.length === 0 ? `History of ${s.database} matches the migration files.` : `${problems.length} problem(s) with the history of ${s.database}.`;
  const out = [markdownReport('pgtide status', `${health} ${summaryLine(s)}`, problems)];
  if (rows.length > 0) out.push([`| migration | ${PHASES.join(' | ')} |`, `|---|${PHASES.map(() => '---|').join('')}`, ...rows].join('\n'));
  const note = hiddenNote(s, all);
  if (note !== null) out.push(mdText(note));
  return out.join('\n\n');
}

export async function runStatus(opts: GlobalOptions & { all?: boolean }): Promise<number> {
  const all = opts.all === true;
  const format = parseReportFormat(opts.format);
  const project = await loadProject(opts.config);
  const s = await statusProject(project, opts.database !== undefined ? { database: opts.database } : {});
  const problems = findings(project, s);
  switch (format) {
    case 'json':
      print(JSON.stringify(statusJson(s), null, 2));
      break;
    case 'markdown':
      print(statusMarkdown(s, problems, all));
      break;
    case 'github': {
      const pending = s.migrations.flatMap((m) => m.phases.filter((p) => p.state === 'pending' || p.state === 'partial').map((p) => `${m.version}_${m.name}/${p.phase}`));
      print(githubAnnotations(problems, `${pending.length} pending phase(s) on ${s.database}${pending.length > 0 ? `: ${pending.join(', ')}` : ''}`));
      break;
    }
    case 'human':
      print(statusHuman(s, colors(opts), problems, all));
      break;
  }
  return problems.length === 0 ? ExitCode.ok : ExitCode.usage;
}
