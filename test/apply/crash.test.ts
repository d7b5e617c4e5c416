import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { introspect } from '../../src/introspect/index.js';
import { replayFolders } from '../../src/verify/replay.js';
import type { ApplyEvent } from '../../src/apply/index.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { readMigrations } from '../../src/migrations/index.js';
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

describe.each(ENGINES)('apply crashed at every step boundary, on $name', (engine) => {
  it.skipIf(engine.skip)('resumes to exactly the desired schema with a consistent history', async () => {
    const dir = join(await temp(), 'migrations');
    const folders = await writeHistory(dir, MIXED);
    const reference = await scratchPglite();
    await replayFolders(reference, folders);
    const desired = await introspect(reference, { schemas: ['app'] });
    await reference.close();

    for (let k = 1; k <= BOUNDARIES + 1; k++) {
      const target = engine.name === 'pglite' ? memoryTarget() : await engine.create(temp);
      try {
        const db = await target.open();
        if (engine.name === 'pglite') {
          await crashInProcess(db, dir, k);
        } else {
          const crashed = crashRun(target.spec, dir, k);
          if (k <= BOUNDARIES) expect(crashed.signal, `boundary ${k}: ${crashed.stderr}`).toBe('SIGKILL');
          else expect(crashed.stdout, crashed.stderr).toContain(`boundaries ${BOUNDARIES}`);
        }
        try {
          await apply(db, dir, folders);
          expect(diff(await introspect(db, { schemas: ['app'] }), desired).changes, `boundary ${k}`).toEqual([]);
          expect(await rows(db, 'SELECT msg FROM app.log ORDER BY msg'), `boundary ${k}`).toEqual(
            ['base', 'contract', 'expand-1', 'expand-2'].map((msg) => ({ msg })),
          );
          expect(await appliedPhases(db)).toEqual(['20260101T000000Z/expand', '20260102T000000Z/contract', '20260102T000000Z/expand', '20260102T000000Z/migrate']);
          expect(await rows(db, 'SELECT * FROM pgtide.steps')).toEqual([]);
          expect(await rows(db, 'SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid')).toEqual([{ n: 0 }]);
        } finally {
          await db.close();
        }
      } finally {
        await target.drop();
      }
    }
  });
});
