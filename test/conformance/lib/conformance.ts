import type { CorpusCase } from './cases.js';
import type { ConformanceEngine, EngineName } from './engine.js';
import { DEFAULT_SERVER_URL, PostgresEngine } from './engine-postgres.js';
import { PgliteEngine } from './engine-pglite.js';
import { runPool } from './pool.js';
import { runCase, type CaseResult, type DiffFn } from './run-case.js';

export interface ConformanceRun {
  readonly cases: readonly CorpusCase[];
  readonly engines: readonly ConformanceEngine[];
  readonly diff: DiffFn;
  /** Upper bound of cases in flight per engine; each engine also caps itself (maxParallel). */
  readonly jobs: number;
  readonly onResult?: (r: CaseResult) => void;
}

/** The server the pg engine uses: PGTIDE_TEST_DATABASE_URL, else the local default. */
export function serverUrl(): string {
  return process.env.PGTIDE_TEST_DATABASE_URL || DEFAULT_SERVER_URL;
}

/** Opens the named engines; on a failure, closes the ones already open. */
export async function openEngines(names: readonly EngineName[], jobs: number): Promise<ConformanceEngine[]> {
  const opened: ConformanceEngine[] = [];
  try {
    for (const name of names) {
      switch (name) {
        case 'pg':
          opened.push(await PostgresEngine.open(serverUrl(), jobs));
          break;
        case 'pglite':
          opened.push(new PgliteEngine());
          break;
        default: {
          const never: never = name;
          throw new Error(`unknown engine ${String(never)}`);
        }
      }
    }
    return opened;
  } catch (err) {
    await Promise.all(opened.map((e) => e.close().catch(() => undefined)));
    throw err;
  }
}

/**
 * Every case on every engine. Engines run side by side (the server works in its own processes
 * while PGlite keeps this thread busy); results come back grouped by engine, in case order.
 */
export async function runConformance(run: ConformanceRun): Promise<CaseResult[]> {
  const perEngine = await Promise.all(
    run.engines.map((engine) =>
      runPool(run.cases, Math.min(run.jobs, engine.maxParallel), (c) => runCase(c, engine, run.diff), run.onResult),
    ),
  );
  return perEngine.flat();
}
