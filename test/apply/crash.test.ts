import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { replayFolders } from '../../src/verify/replay.js';
import type { ApplyEvent } from '../../src/apply/index.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { readMigrations, type MigrationFolder } from '../../src/migrations/index.js';
import type { Model } from '../../src/model/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { apply, appliedPhases, ENGINES, MIXED, rows, useTemp, writeHistory } from './helpers.js';

const temp = useTemp();
const script = join(import.meta.dirname, 'fixtures', 'crash-apply.ts');

function crashRun(spec: string, dir: string, k: number): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, spec, dir, String(k)], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// Start of each of the 7 parts, plus the 3 non-transactional parts (2 in expand, the batch) between
// running and being recorded.
const BOUNDARIES = 10;

/** One in-memory PGlite that open() hands out and that closes only when dropped. */
function memoryTarget(): { spec: string; open(): Promise<Queryable>; drop(): Promise<void> } {
  const instance = scratchPglite();
  const handle = instance.then((db): Queryable => ({ ...db, query: db.query.bind(db), exec: db.exec.bind(db), close: async () => undefined }));
  return { spec: 'pglite:memory', open: () => handle, drop: async () => (await instance).close() };
}

/**
 * On PostgreSQL the apply process is killed with SIGKILL. PGlite is an in-process database that
 * dies with its process, so there apply is stopped dead at the boundary by an exception from its
 * listener, and the same instance, as the crash left it, is resumed: this keeps the suite fast.
 */
async function crashInProcess(db: Queryable, dir: string, k: number): Promise<void> {
  let seen = 0;
  const listen = (e: ApplyEvent): void => {
    if (e.type !== 'part-start' && e.type !== 'part-executed') return;
    seen += 1;
    if (seen === k) throw new Error('simulated crash');
  };
  const done = await apply(db, dir, await readMigrations(dir), { listen }).then(() => true, (err: unknown) => {
    if (!(err instanceof Error && err.message === 'simulated crash')) throw err;
    return false;
  });
  expect(done).toBe(k > BOUNDARIES);
}

const KILL_POINTS = Array.from({ length: BOUNDARIES + 1 }, (_, i) => i + 1);

describe.each(ENGINES)('apply crashed at a step boundary, then run again, on $name', (engine) => {
  let dir = '';
  let folders: MigrationFolder[] = [];
  let desired: Model | null = null;
  beforeAll(async () => {
    if (engine.skip) return;
    dir = await tempDir('pgtide-crash-');
    folders = await writeHistory(join(dir, 'migrations'), MIXED);
    const reference = await scratchPglite();
    try {
      await replayFolders(reference, folders);
      desired = await introspect(reference, { schemas: ['app'] });
    } finally {
      await reference.close();
    }
  });

  // Boundary 11 is past the last one: the first run completes and the second finds nothing to do.
  it.skipIf(engine.skip).each(KILL_POINTS)('boundary %i: exactly the desired schema and a consistent history', async (k) => {
    const migrations = join(dir, 'migrations');
    const target = engine.name === 'pglite' ? memoryTarget() : await engine.create(temp);
    try {
      const db = await target.open();
      if (engine.name === 'pglite') {
        await crashInProcess(db, migrations, k);
      } else {
        const crashed = crashRun(target.spec, migrations, k);
        if (k <= BOUNDARIES) expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
        else expect(crashed.stdout, crashed.stderr).toContain(`boundaries ${BOUNDARIES}`);
      }
      try {
        await apply(db, migrations, folders);
        expect(diff(await introspect(db, { schemas: ['app'] }), desired!).changes).toEqual([]);
        expect(await rows(db, 'SELECT msg FROM app.log ORDER BY msg')).toEqual(['base', 'contract', 'expand-1', 'expand-2'].map((msg) => ({ msg })));
        expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand', '20260102T000000Z/contract', '20260102T000000Z/expand', '20260102T000000Z/migrate']);
        expect(await rows(db, 'SELECT * FROM pgtide.steps')).toEqual([]);
        expect(await rows(db, 'SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid')).toEqual([{ n: 0 }]);
      } finally {
        await db.close();
      }
    } finally {
      await target.drop();
    }
  });
});
