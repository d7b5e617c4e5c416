/**
 * `npm run bench [-- --sizes 100,500 --runs 3 --no-migra --no-history --no-everyday --only commands|everyday --no-write]`
 *
 * Builds dist/, then for each size: generates a schema pair, creates two uniquely named databases
 * on the local PostgreSQL server, measures the in-process phases in a child process (worker.ts),
 * times `pgtide diff <url> <url>` and @pgkit/migra on the same pair, and drops the databases. Then
 * `pgtide plan --from migrations` on a 100-migration history (cold and warm) and `pgtide --help`.
 * Prints the tables and writes docs/performance.md (unless --no-write). `--only commands` skips the
 * schema sizes and measures only the command rows (`--help`, the 100-migration plan); it then
 * rewrites only those rows and the Commands section of docs/performance.md, keeping the size tables
 * of the last full run. The everyday commands of issue 17 (everyday.ts: status, apply, plan, check,
 * drift, verify on the example project, best of --runs) run last; `--only everyday` runs only them
 * and rewrites only their section, `--no-everyday` skips them.
 */
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pgliteVersion } from '../../src/db/pglite-template.js';
import { benchEveryday, everydayTable, mergeEveryday, type EverydayRow } from './everyday.js';
import { buildHistoryProject } from './history.js';
import { fixedTable, markdown, mergeCommands, sizeTable, targetTable, type BenchResult, type FixedResult, type SizeResult } from './report.js';
import { measureRuns } from './spawn.js';
import { schemaPair } from './generate.js';
import { median } from './stats.js';
import type { WorkerOutput } from './worker.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PGTIDE = path.join(ROOT, 'bin/pgtide.js');
const MIGRA = path.join(ROOT, 'node_modules/@pgkit/migra/dist/command.js');
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Options {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly migra: boolean;
  readonly write: boolean;
  readonly history: boolean;
  /** Only the command rows: no schema sizes, no databases on the server. */
  readonly commandsOnly: boolean;
  /** Only the everyday commands of the example project. */
  readonly everydayOnly: boolean;
  readonly everyday: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let sizes = [100, 500, 1000, 2000];
  let runs = 5;
  let migra = true;
  let write = true;
  let history = true;
  let commandsOnly = false;
  let everydayOnly = false;
  let everyday = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes') sizes = value().split(',').map((s) => Number.parseInt(s, 10));
    else if (arg === '--runs') runs = Number.parseInt(value(), 10);
    else if (arg === '--no-migra') migra = false;
    else if (arg === '--no-write') write = false;
    else if (arg === '--no-history') history = false;
    else if (arg === '--no-everyday') everyday = false;
    else if (arg === '--only') {
      const only = value();
      if (only === 'commands') commandsOnly = true;
      else if (only === 'everyday') everydayOnly = true;
      else throw new Error('--only takes "commands" or "everyday"');
    } else throw new Error(`unknown option ${arg}; use --sizes 100,500 --runs N --no-migra --no-history --no-everyday --only commands|everyday --no-write`);
  }
  if (sizes.some((s) => !Number.isInteger(s) || s < 2) || !Number.isInteger(runs) || runs < 1) {
    throw new Error('--sizes takes a comma list of table counts (≥ 2) and --runs a count ≥ 1');
  }
  return { sizes: commandsOnly || everydayOnly ? [] : sizes, runs, migra, write, history, commandsOnly, everydayOnly, everyday: everyday || everydayOnly };
}

function serverUrl(): string {
  const url = process.env.PGTIDE_BENCH_DATABASE_URL ?? process.env.PGTIDE_TEST_DATABASE_URL ?? DEFAULT_URL;
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`the benchmark only runs against a local server, not ${host}`);
  return url;
}

function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(base: string, sql: string, database?: string): Promise<void> {
  const client = new pg.Client({ connectionString: database ? withDatabase(base, database) : base });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The databases this run created, dropped at the end whatever happens. */
const created = new Set<string>();

async function createDatabase(base: string, name: string, sql: string): Promise<string> {
  // Generated names are [a-z0-9_] only, so they need no quoting.
  await admin(base, `CREATE DATABASE ${name} TEMPLATE template0`);
  created.add(name);
  await admin(base, sql, name);
  return withDatabase(base, name);
}

async function dropDatabases(base: string): Promise<void> {
  for (const name of created) {
    await admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: unknown) => log(`could not drop ${name}: ${String(err)}`));
    created.delete(name);
  }
}

function runWorker(input: object): WorkerOutput {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/bench/worker.ts'), JSON.stringify(input)], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString('utf8').trim().split('\n').pop()!) as WorkerOutput;
}

async function benchSize(base: string, tables: number, opts: Options, tmp: string): Promise<SizeResult> {
  const pair = schemaPair(tables);
  const tag = `pgtide_bench_${randomBytes(3).toString('hex')}_${tables}`;
  log(`${tables} tables: creating ${tag}_a and ${tag}_b`);
  const urlA = await createDatabase(base, `${tag}_a`, pair.before);
  const urlB = await createDatabase(base, `${tag}_b`, pair.after);
  const beforeSqlFile = path.join(tmp, `before_${tables}.sql`);
  await writeFile(beforeSqlFile, pair.before);
  try {
    log(`${tables} tables: in-process phases`);
    const worker = await attempt('in-process phases', async () => runWorker({ urlA, urlB, beforeSqlFile, runs: opts.runs }));
    const w: WorkerOutput = worker instanceof Error ? { ms: {}, objects: Number.NaN, changes: Number.NaN, steps: Number.NaN, peakKiB: Number.NaN } : worker;
    const ms: Record<string, number> = {
      ...w.ms,
      'diff+plan': (w.ms.diff ?? Number.NaN) + (w.ms.plan ?? Number.NaN),
      'diff+plan.cpu': (w.ms['diff.cpu'] ?? Number.NaN) + (w.ms['plan.cpu'] ?? Number.NaN),
    };
    const peakKiB: Record<string, number | null> = { worker: w.peakKiB };
    log(`${tables} tables: pgtide diff`);
    const cli = await attempt('pgtide diff', () => measureRuns(opts.runs, process.execPath, [PGTIDE, 'diff', urlA, urlB, '--allow-hazards'], { cwd: ROOT }));
    if (!(cli instanceof Error)) {
      ms['cli.diff'] = median(cli.ms);
      ms['cli.diff.cpu'] = median(cli.cpuMs);
      peakKiB['cli-diff'] = cli.peakKiB;
    }
    if (opts.migra) {
      log(`${tables} tables: migra`);
      const migra = await attempt('migra', () => measureRuns(opts.runs, process.execPath, [MIGRA, urlA, urlB, '--unsafe'], { cwd: ROOT, okCodes: [0, 2] }));
      if (!(migra instanceof Error)) {
        ms.migra = median(migra.ms);
        ms['migra.cpu'] = median(migra.cpuMs);
        peakKiB.migra = migra.peakKiB;
      }
    }
    return { tables, objects: w.objects, changes: w.changes, ms, peakKiB };
  } finally {
    await dropDatabases(base);
  }
}

/** A failed measurement is reported in the table and the run goes on with the others. */
async function attempt<T>(label: string, fn: () => Promise<T>): Promise<T | Error> {
  try {
    return await fn();
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    log(`${label} failed: ${error.message}`);
    return error;
  }
}

function failed(label: string, err: Error): FixedResult {
  const first = err.message.split('\n').find((l) => l.startsWith('pgtide:')) ?? err.message.split('\n')[0] ?? '';
  return { label, ms: Number.NaN, cpuMs: Number.NaN, peakKiB: null, note: `failed: ${first.slice(0, 160)}` };
}

async function timePlan(label: string, runs: number, args: readonly string[], cwd: string, before: () => Promise<void>, note: string): Promise<FixedResult> {
  const result = await attempt(label, async () => {
    const ms: number[] = [];
    const cpu: number[] = [];
    let peak: number | null = null;
    for (let i = 0; i < runs; i++) {
      await before();
      const m = await measureRuns(1, process.execPath, args, { cwd });
      ms.push(...m.ms);
      cpu.push(...m.cpuMs);
      if (m.peakKiB !== null) peak = Math.max(peak ?? 0, m.peakKiB);
    }
    return { label, ms: median(ms), cpuMs: median(cpu), peakKiB: peak, note };
  });
  return result instanceof Error ? failed(label, result) : result;
}

async function benchCommands(opts: Options, tmp: string): Promise<FixedResult[]> {
  const out: FixedResult[] = [];
  const helpLabel = '`pgtide --help`';
  const help = await attempt(helpLabel, () => measureRuns(opts.runs, process.execPath, [PGTIDE, '--help'], { cwd: ROOT }));
  out.push(help instanceof Error ? failed(helpLabel, help) : { label: helpLabel, ms: median(help.ms), cpuMs: median(help.cpuMs), peakKiB: help.peakKiB });
  if (!opts.history) return out;
  log('building the 100-migration history');
  const project = await buildHistoryProject(path.join(tmp, 'history'));
  const args = [PGTIDE, 'plan', '--from', 'migrations', '--config', project.configPath];
  log('pgtide plan --from migrations, cold');
  const clear = (): Promise<void> => clearReplayCache(project.dir);
  out.push(await timePlan('`pgtide plan --from migrations`, cold (100 migrations)', opts.runs, args, project.dir, clear, 'replay cache cleared before each run'));
  log('pgtide plan --from migrations, warm');
  let primed = false;
  const prime = async (): Promise<void> => {
    if (primed) return;
    primed = true;
    await measureRuns(1, process.execPath, args, { cwd: project.dir });
  };
  out.push(await timePlan('`pgtide plan --from migrations`, warm (100 migrations)', opts.runs, args, project.dir, prime, 'after one untimed run on the same history'));
  return out;
}

/** Removes whatever replay cache a run left for this project, so that the next run is cold. */
async function clearReplayCache(projectDir: string): Promise<void> {
  await rm(path.join(projectDir, '.pgtide'), { recursive: true, force: true });
}

function benchCommand(): string {
  return ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
}

/** The everyday commands, printed and merged into their section of docs/performance.md. */
async function everydayOnly(opts: Options, base: string, tmp: string, startedAt: Date, load: number[]): Promise<void> {
  const rows: EverydayRow[] = await benchEveryday({ root: ROOT, tmp, base, runs: opts.runs, log });
  process.stdout.write(`\n${everydayTable(rows)}\n`);
  if (!opts.write) return;
  const end = loadavg();
  const loadText = `Load average (1, 5, 15 min) at start: ${load.map((l) => l.toFixed(2)).join(', ')}; at end: ${end.map((l) => l.toFixed(2)).join(', ')}`;
  const doc = path.join(ROOT, 'docs/performance.md');
  await writeFile(doc, mergeEveryday(await readFile(doc, 'utf8'), rows, { command: benchCommand(), startedAt, runs: opts.runs, load: loadText }));
  log('wrote the everyday section of docs/performance.md');
}

async function serverVersion(base: string): Promise<string> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return ((await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? 'unknown').split(' ')[0]!;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const base = serverUrl();
  const startedAt = new Date();
  const load = loadavg();
  log('building dist/');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const tmp = await mkdtemp(path.join(tmpdir(), 'pgtide-bench-'));
  const interrupt = (): void => void dropDatabases(base).finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  try {
    if (opts.everydayOnly) {
      await everydayOnly(opts, base, tmp, startedAt, load);
      return;
    }
    const sizes: SizeResult[] = [];
    for (const tables of opts.sizes) sizes.push(await benchSize(base, tables, opts, tmp));
    const fixed = await benchCommands(opts, tmp);
    const server = opts.commandsOnly ? 'not used' : `PostgreSQL ${await serverVersion(base)}`;
    const result: BenchResult = { runs: opts.runs, sizes, fixed, startedAt, loadAverage: load, loadAverageEnd: loadavg(), pglite: pgliteVersion(), server };
    process.stdout.write(`\n${opts.commandsOnly ? '' : `${sizeTable(result)}\n\n`}${fixedTable(result)}\n\n${targetTable(result)}\n`);
    if (opts.write) {
      const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
      const doc = path.join(ROOT, 'docs/performance.md');
      await writeFile(doc, opts.commandsOnly ? mergeCommands(await readFile(doc, 'utf8'), result, command) : markdown(result, command));
      log('wrote docs/performance.md');
    }
    if (opts.everyday) await everydayOnly(opts, base, tmp, startedAt, load);
  } finally {
    await dropDatabases(base);
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
