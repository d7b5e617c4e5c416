/**
 * The benchmark's tables and docs/performance.md: per-size medians, peak memory, ratios to migra
 * and to the bare catalog queries, the fitted growth exponent of each phase, and the targets of
 * issue 7 with whether this run met them.
 */
import { cpus, totalmem, type as osType, release } from 'node:os';
import { formatMiB, formatMs, growthExponent } from './stats.js';

export interface SizeResult {
  readonly tables: number;
  readonly objects: number;
  readonly changes: number;
  /** Median ms per phase. */
  readonly ms: Record<string, number>;
  /** Peak KiB per process kind ('worker', 'cli-diff', 'migra'). */
  readonly peakKiB: Record<string, number | null>;
}

export interface FixedResult {
  readonly label: string;
  readonly ms: number;
  /** User + system CPU time (median). */
  readonly cpuMs: number;
  readonly peakKiB: number | null;
  readonly note?: string;
}

export interface BenchResult {
  readonly runs: number;
  readonly sizes: readonly SizeResult[];
  readonly fixed: readonly FixedResult[];
  readonly startedAt: Date;
  readonly loadAverage: readonly number[];
  readonly loadAverageEnd: readonly number[];
  readonly pglite: string;
  readonly server: string;
}

/** Phases in table order: key in SizeResult.ms, label, and whether its growth exponent is fitted. */
const PHASES: readonly (readonly [string, string])[] = [
  ['pg.introspect', 'introspect, PostgreSQL'],
  ['pg.floor', 'bare catalog queries, PostgreSQL'],
  ['pglite.introspect', 'introspect, PGlite'],
  ['pglite.floor', 'bare catalog queries, PGlite'],
  ['diff', 'diff'],
  ['plan', 'plan'],
  ['render', 'SQL rendering'],
  ['diff+plan', 'diff + plan'],
  ['diff+plan.cpu', 'diff + plan, CPU time'],
  ['cli.diff', '`pgtide diff <url> <url>`'],
  ['cli.diff.cpu', '`pgtide diff`, CPU time'],
  ['migra', '@pgkit/migra, same pair'],
  ['migra.cpu', 'migra, CPU time'],
];

function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined || !(b > 0) ? Number.NaN : a / b;
}

function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '–';
}

function fmtExp(k: number): string {
  return Number.isFinite(k) ? k.toFixed(2) : '–';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function sizeTable(r: BenchResult): string {
  const sizes = r.sizes;
  const head = row(['phase', ...sizes.map((s) => `${s.tables} tables`), 'growth k']);
  const sep = row(['---', ...sizes.map(() => '---:'), '---:']);
  const lines = [head, sep];
  for (const [key, label] of PHASES) {
    if (!sizes.some((s) => s.ms[key] !== undefined)) continue;
    const k = growthExponent(sizes.map((s) => ({ size: s.objects, ms: s.ms[key] ?? Number.NaN })));
    lines.push(row([label, ...sizes.map((s) => formatMs(s.ms[key] ?? Number.NaN)), fmtExp(k)]));
  }
  lines.push(row(['introspect ÷ bare queries, PostgreSQL', ...sizes.map((s) => fmtRatio(ratio(s.ms['pg.introspect'], s.ms['pg.floor']))), '']));
  lines.push(row(['introspect ÷ bare queries, PGlite', ...sizes.map((s) => fmtRatio(ratio(s.ms['pglite.introspect'], s.ms['pglite.floor']))), '']));
  lines.push(row(['`pgtide diff` ÷ migra', ...sizes.map((s) => fmtRatio(ratio(s.ms['cli.diff'], s.ms.migra))), '']));
  lines.push(row(['peak memory, in-process phases incl. PGlite', ...sizes.map((s) => formatMiB(s.peakKiB.worker ?? null)), '']));
  lines.push(row(['peak memory, `pgtide diff`', ...sizes.map((s) => formatMiB(s.peakKiB['cli-diff'] ?? null)), '']));
  lines.push(row(['peak memory, migra', ...sizes.map((s) => formatMiB(s.peakKiB.migra ?? null)), '']));
  lines.push(row(['objects (model) / changes', ...sizes.map((s) => `${s.objects} / ${s.changes}`), '']));
  return lines.join('\n');
}

export function fixedTable(r: BenchResult): string {
  const lines = [row(['command', 'median', 'CPU time', 'peak memory', 'note']), row(['---', '---:', '---:', '---:', '---'])];
  for (const f of r.fixed) lines.push(row([f.label, formatMs(f.ms), formatMs(f.cpuMs), formatMiB(f.peakKiB), f.note ?? '']));
  return lines.join('\n');
}

interface Target {
  readonly text: string;
  /** null when this run did not measure what the target needs. */
  readonly met: boolean | null;
  readonly measured: string;
}

function sizeOf(r: BenchResult, tables: number): SizeResult | undefined {
  return r.sizes.find((s) => s.tables === tables);
}

function fixed(r: BenchResult, label: string): FixedResult | undefined {
  return r.fixed.find((f) => f.label.startsWith(label));
}

export function targets(r: BenchResult): Target[] {
  const s500 = sizeOf(r, 500);
  const s1000 = sizeOf(r, 1000);
  const s2000 = sizeOf(r, 2000);
  const out: Target[] = [];
  const vsMigra = ratio(s500?.ms['cli.diff'], s500?.ms.migra);
  out.push({ text: '`pgtide diff` on 500 tables ≤ ⅓ of migra', met: Number.isFinite(vsMigra) ? vsMigra <= 1 / 3 : null, measured: fmtRatio(vsMigra) });
  const floor = ratio(s1000?.ms['pg.introspect'], s1000?.ms['pg.floor']);
  out.push({ text: 'introspection of 1,000 tables on PostgreSQL ≤ 1.5× the bare queries', met: Number.isFinite(floor) ? floor <= 1.5 : null, measured: fmtRatio(floor) });
  const dp = s2000?.ms['diff+plan'];
  const dpCpu = s2000?.ms['diff+plan.cpu'];
  out.push({
    text: 'diff + plan of 2,000 tables < 300 ms',
    met: dp === undefined ? null : dp < 300,
    measured: `${formatMs(dp ?? Number.NaN)} (CPU ${formatMs(dpCpu ?? Number.NaN)})`,
  });
  const exps = ['pg.introspect', 'pglite.introspect', 'diff', 'plan', 'render', 'cli.diff'].map((key) =>
    growthExponent(r.sizes.map((s) => ({ size: s.objects, ms: s.ms[key] ?? Number.NaN }))),
  );
  const worst = Math.max(...exps.filter(Number.isFinite));
  out.push({ text: 'growth exponent of every phase ≤ 1.2', met: r.sizes.length >= 2 && Number.isFinite(worst) ? worst <= 1.2 : null, measured: `max ${fmtExp(worst)}` });
  const warm = fixed(r, '`pgtide plan --from migrations`, warm');
  const withCpu = (f: FixedResult | undefined): string => `${formatMs(f?.ms ?? Number.NaN)} (CPU ${formatMs(f?.cpuMs ?? Number.NaN)})`;
  out.push({ text: '`pgtide plan` on 100 migrations, warm cache < 1.5 s', met: warm ? warm.ms < 1500 : null, measured: withCpu(warm) });
  const help = fixed(r, '`pgtide --help`');
  out.push({ text: '`pgtide --help` < 300 ms', met: help ? help.ms < 300 : null, measured: withCpu(help) });
  const pgtidePeak = s2000 ? Math.max(s2000.peakKiB.worker ?? 0, s2000.peakKiB['cli-diff'] ?? 0) : Number.NaN;
  out.push({ text: 'peak memory for 2,000 tables < 1 GiB incl. PGlite', met: s2000 ? pgtidePeak < 1024 * 1024 : null, measured: formatMiB(pgtidePeak) });
  return out;
}

export function targetTable(r: BenchResult): string {
  const lines = [row(['target', 'measured', 'met']), row(['---', '---:', ':---:'])];
  for (const t of targets(r)) lines.push(targetRow(t));
  return lines.join('\n');
}

function targetRow(t: Target): string {
  return row([t.text, t.measured, t.met === null ? 'not measured' : t.met ? 'yes' : '**no**']);
}

export function machine(r: BenchResult): string {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB; OS: ${osType()} ${release()}; Node ${process.version}`,
    `- PostgreSQL server: ${r.server}; PGlite ${r.pglite}`,
    `- ${loadLine(r)} (other work on the machine makes timings noisy)`,
    `- ${r.runs} timed run(s) per measurement, median shown; in-process phases after one warm-up run`,
  ].join('\n');
}

function loadLine(r: BenchResult): string {
  const fmt = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(', ');
  return `load average (1, 5, 15 min) at start: ${fmt(r.loadAverage)}; at end: ${fmt(r.loadAverageEnd)}`;
}

function commandsSection(r: BenchResult): string {
  return `## Commands

${fixedTable(r)}
${cacheNote(r)}`;
}

/**
 * docs/performance.md after a \`--only commands\` run: the Commands section and the target rows it
 * measures are replaced, the size tables of the last full run are kept, and the section says which
 * run its numbers come from.
 */
export function mergeCommands(existing: string, r: BenchResult, command: string): string {
  const at = existing.indexOf('\n## Commands\n');
  if (at < 0) throw new Error('docs/performance.md has no Commands section: run the whole benchmark once');
  const measured = targets(r).filter((t) => t.met !== null);
  const rows = existing
    .slice(0, at)
    .split('\n')
    .map((line) => {
      const t = measured.find((m) => line.startsWith(`| ${m.text} |`));
      return t ? targetRow(t) : line;
    });
  const provenance = `The rows below and the matching targets above were measured by \`${command}\` on ${r.startedAt.toISOString()}, ${r.runs} timed run(s) each, median shown; ${loadLine(r)}. The size tables come from the run named at the top.`;
  return `${rows.join('\n')}\n${commandsSection(r).replace('\n\n', `\n\n${provenance}\n\n`)}`;
}

export function markdown(r: BenchResult, command: string): string {
  return `# Performance

Generated by \`${command}\` on ${r.startedAt.toISOString()}; do not edit by hand, run the benchmark again.
The code is in [test/bench](../test/bench): a generator of synthetic schemas (tables with columns of
mixed types, identity and uuid keys, defaults, checks, unique constraints, foreign keys, enums, plain,
multi-column, partial and expression indexes, a view joining every tenth table to its parent) and a
second version of each with about 5% of its tables changed (columns added, dropped, retyped,
tightened; indexes added, dropped and changed; checks added; tables added and dropped; an enum value
added; view definitions changed). Both are loaded into fresh databases on the
PostgreSQL server, and the first into an in-memory PGlite.

## Machine

${machine(r)}

## Targets (issue 7)

${targetTable(r)}

## By schema size

The growth exponent k fits time ≈ c·n^k over the sizes measured, with n the number of objects in the
model (tables, constraints, indexes, enums, …). "Bare catalog queries" are the introspection's own
statements, recorded and run again in the same transaction with the rows fetched and dropped: the floor
any introspection on that connection pays. "CPU time" is the process's user + system time for the
phase, which other work on the machine inflates far less than wall time. In-process phases (introspection, diff, plan, rendering) run
in one child process per size, whose peak memory is shown; \`pgtide diff\` and migra are timed as whole
commands (process start included) on the same database pair.

${sizeTable(r)}

${commandsSection(r)}`;
}

/** What the warm run gained over the cold one: the replay cache's effect, or its absence. */
function cacheNote(r: BenchResult): string {
  const cold = fixed(r, '`pgtide plan --from migrations`, cold');
  const warm = fixed(r, '`pgtide plan --from migrations`, warm');
  if (!cold || !warm || !Number.isFinite(cold.ms) || !Number.isFinite(warm.ms)) return '';
  const share = warm.ms / cold.ms;
  return share > 0.8
    ? `\nThe warm run took ${(share * 100).toFixed(0)}% of the cold one: no cache took effect, so both replay all 100 migrations in PGlite.\n`
    : `\nThe warm run took ${(share * 100).toFixed(0)}% of the cold one: the cache took effect (the replayed and the desired model are read back from it, and no PGlite starts).\n`;
}
