import { parseArgs } from 'node:util';
import { ENGINE_NAMES, type EngineName } from './engine.js';

export interface RunOptions {
  readonly engines: readonly EngineName[];
  readonly caseFilters: readonly string[];
  readonly jobs: number;
  readonly strict: boolean;
  readonly verbose: boolean;
  readonly corpusDir: string | null;
  /** Where to write the markdown report; null: don't. */
  readonly docsPath: string | null;
  /** Internal: a child process writes its results here as JSON instead of reporting. */
  readonly emitJson: string | null;
}

export const USAGE = `Usage: npm run conformance -- [options]

Runs every case of the shared schema-diff corpus through pgtide on PostgreSQL (the server at
PGTIDE_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and on PGlite.

  --engine pg|pglite|both   engines to run (default both)
  --case <substring>        only cases whose id (<source>/<case>) contains it; repeatable
  --jobs <n>                cases at once on the server engine (default 2; PGlite runs one at a
                            time because its instances share this process's thread)
  --strict                  exit 1 on any failing or unrunnable case, not only in-scope failures
  --verbose                 print every case as it finishes
  --corpus <dir>            the corpus folder (default ../shared/corpus next to the repository)
  --docs <path>             write the markdown report there (default docs/conformance.md on a full
                            run of both engines, nothing on a filtered run)
  --no-docs                 never write the markdown report
  --help`;

export class UsageError extends Error {}

function parseEngines(value: string): EngineName[] {
  if (value === 'both') return [...ENGINE_NAMES];
  if ((ENGINE_NAMES as readonly string[]).includes(value)) return [value as EngineName];
  throw new UsageError(`--engine must be pg, pglite or both, not "${value}"`);
}

function parseJobs(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 1 || String(n) !== value.trim()) throw new UsageError(`--jobs must be a positive integer, not "${value}"`);
  return n;
}

/** Parses argv; returns null for --help. Throws UsageError on bad input. */
export function parseOptions(argv: readonly string[], defaultDocsPath: string): RunOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        engine: { type: 'string', default: 'both' },
        case: { type: 'string', multiple: true, default: [] },
        jobs: { type: 'string', default: '2' },
        strict: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        docs: { type: 'string' },
        'no-docs': { type: 'boolean', default: false },
        'emit-json': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) return null;
  const engines = parseEngines(v.engine);
  const caseFilters = v.case;
  const fullRun = caseFilters.length === 0 && engines.length === ENGINE_NAMES.length;
  const docsPath = v['no-docs'] ? null : (v.docs ?? (fullRun ? defaultDocsPath : null));
  return {
    engines,
    caseFilters,
    jobs: parseJobs(v.jobs),
    strict: v.strict,
    verbose: v.verbose,
    corpusDir: v.corpus ?? null,
    docsPath: v['emit-json'] === undefined ? docsPath : null,
    emitJson: v['emit-json'] ?? null,
  };
}
