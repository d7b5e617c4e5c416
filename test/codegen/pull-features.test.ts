import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/index.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { pullRoundTrip } from './helpers.js';

vi.mock('pgtide', () => import('../../src/dsl/index.js'));

const FEATURES = new URL('./fixtures/features.sql', import.meta.url);

async function pulledFrom(db: Queryable): Promise<{ left: string[]; files: ReadonlyMap<string, string> }> {
  await db.exec(await readFile(FEATURES, 'utf8'));
  return pullRoundTrip(await introspect(db));
}

describe('pull of every option the model covers', () => {
  it('round-trips on PGlite and writes idiomatic, stable source', async () => {
    const db = await scratchPglite({ extensions: ['pg_trgm'] });
    try {
      const { left, files } = await pulledFrom(db);
      expect(left).toEqual([]);
      expect([...files.keys()]).toEqual(['common.ts', 'billing.ts', 'public.ts', 'index.ts']);
      const pub = files.get('public.ts') ?? '';
      // Keys that clash with table methods keep their column names through .named().
      expect(pub).toContain(`comment_: text().named('comment').comment('A column named comment.'),`);
      expect(pub).toContain(`tags: text().array().notNull().default(sql\`'{}'::text[]\`),`);
      expect(pub).toContain(`quote: text().default('it\\'s \`a\` \${b} \\\\ c'),`);
      expect(pub).toContain(`mood: mood().default('ok'),`);
      expect(files.get('common.ts')).toContain(`export const currency = billing.enumType('Currency', ['EUR', 'USD', 'it\\'s']).comment('ISO codes');`);
      const billing = files.get('billing.ts') ?? '';
      expect(billing).toContain(`no: bigint().identity('by-default', { start: 100, increment: 2 }),`);
      // A table that refers to itself needs a typed thunk to type-check.
      expect(billing).toContain(`references: (): readonly AnyTableColumn[] => [accounts.region, accounts.no]`);
      expect(billing).toContain(`import { user } from './public.js';`);
    } finally {
      await db.close();
    }
  });

  it.skipIf(skipWithoutServer())('round-trips from PostgreSQL 15 (normalized in PGlite, as plan does)', async () => {
    await withTestDatabase(async (t) => {
      const db = await connectPostgres(t.url);
      try {
        const { left } = await pulledFrom(db);
        expect(left).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });
});
