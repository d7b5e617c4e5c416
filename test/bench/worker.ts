/**
 * The in-process phases of one benchmark size, in a process of its own so that its peak memory
 * (which includes PGlite) belongs to that size alone. Reads a WorkerInput as JSON from argv[2] and
 * prints one WorkerOutput as JSON on stdout.
 */
import { readFile } from 'node:fs/promises';
import { connectPostgres } from '../../src/db/postgres.js';
import { openPglite } from '../../src/db/pglite.js';
import type { Queryable, QueryResult } from '../../src/db/queryable.js';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { objectCount, type Model } from '../../src/model/index.js';
import { planChanges } from '../../src/plan/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { cpuRuns, median, timeRuns } from './stats.js';

export interface WorkerInput {
  readonly urlA: string;
  readonly urlB: string;
  /** File with the first version's SQL, loaded into PGlite for its introspection. */
  readonly beforeSqlFile: string;
  readonly runs: number;
}

export interface WorkerOutput {
  /** Median milliseconds per phase name. */
  readonly ms: Record<string, number>;
  readonly objects: number;
  readonly changes: number;
  readonly steps: number;
  /** Peak resident set of this process in KiB. */
  readonly peakKiB: number;
}

type Call = { readonly type: 'query'; readonly sql: string; readonly params: readonly unknown[] } | { readonly type: 'exec'; readonly sql: string };

/** A Queryable that remembers every call, so the introspection's own queries can be run bare. */
function recording(db: Queryable, calls: Call[]): Queryable {
  return {
    engine: db.engine,
    serverVersion: db.serverVersion,
    displayName: db.displayName,
    query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      calls.push({ type: 'query', sql, params });
      return db.query<R>(sql, params);
    },
    exec(sql: string): Promise<void> {
      calls.push({ type: 'exec', sql });
      return db.exec(sql);
    },
    close: () => db.close(),
  };
}

/** The floor: the same statements, in the same transaction, with the rows fetched and dropped. */
async function runBare(db: Queryable, calls: readonly Call[]): Promise<void> {
  for (const call of calls) {
    if (call.type === 'exec') await db.exec(call.sql);
    else await db.query(call.sql, call.params);
  }
}

async function introspectPhases(db: Queryable, runs: number, prefix: string, ms: Record<string, number>): Promise<Model> {
  const calls: Call[] = [];
  const model = await introspect(recording(db, calls));
  ms[`${prefix}.introspect`] = median(await timeRuns(runs, () => introspect(db)));
  ms[`${prefix}.floor`] = median(await timeRuns(runs, () => runBare(db, calls)));
  return model;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '') as WorkerInput;
  const ms: Record<string, number> = {};
  const a = await connectPostgres(input.urlA, { readOnly: true });
  const b = await connectPostgres(input.urlB, { readOnly: true });
  let from: Model;
  let to: Model;
  try {
    from = await introspectPhases(a, input.runs, 'pg', ms);
    to = await introspect(b);
  } finally {
    await a.close();
    await b.close();
  }

  const lite = await openPglite({ memory: true });
  try {
    await lite.exec(await readFile(input.beforeSqlFile, 'utf8'));
    await introspectPhases(lite, input.runs, 'pglite', ms);
  } finally {
    await lite.close();
  }

  const result = diff(from, to);
  const plan = planChanges(result, { from, to });
  const phases: Record<string, () => unknown> = {
    diff: () => diff(from, to),
    plan: () => planChanges(result, { from, to }),
    render: () => gatedScript(plan, { allowHazards: true }),
  };
  for (const [name, fn] of Object.entries(phases)) {
    ms[name] = median(await timeRuns(input.runs, fn));
    ms[`${name}.cpu`] = median(await cpuRuns(input.runs, fn));
  }
  const out: WorkerOutput = {
    ms,
    objects: objectCount(from),
    changes: result.changes.length,
    steps: plan.steps.length,
    peakKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
