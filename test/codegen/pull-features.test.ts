import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { connectPostgres } from '../../src/db/postgres.js';
import { scratchPglite } from '../../src/db/pglite.js';
import type { Queryable } from '../../src/db/queryable.js';
import { introspect } from '../../src/introspect/index.js';
import { skipWithoutServer, withTestDatabase } from '../helpers/postgres.js';
import { pullSource } from '../../src/codegen/pull.js';
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
      expect(pub).toContain("exclude('bookings_no_overlap', sql`USING gist (during WITH &&) INCLUDE (id) WHERE ((NOT cancelled))`).deferrable({ initiallyDeferred: true }).comment('No double booking.')");
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

describe('pull of what the DSL does not declare', () => {
  it('writes views, functions, triggers, policies and table options to objects.sql, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, owner text NOT NULL DEFAULT current_user, updated_at timestamptz);
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_notes ON notes USING (owner = current_user);
        CREATE VIEW note_bodies AS SELECT id, body FROM notes;
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
        CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      const sql = files.get('objects.sql') ?? '';
      for (const part of ['CREATE VIEW', 'CREATE OR REPLACE FUNCTION', 'CREATE TRIGGER', 'CREATE POLICY', 'ROW LEVEL SECURITY']) expect(sql).toContain(part);
      expect(files.get('public.ts')).toContain(`export const notes = table('notes', {`);
    } finally {
      await db.close();
    }
  });

  it('writes CLUSTER ON an index as .clustered() and CLUSTER ON a key\'s index as SQL, and round-trips', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`
        CREATE TABLE events (id int PRIMARY KEY, at timestamptz);
        CREATE INDEX events_at ON events (at);
        ALTER TABLE events CLUSTER ON events_at;
        CREATE TABLE logs (id int PRIMARY KEY, line text);
        ALTER TABLE logs CLUSTER ON logs_pkey;`);
      const { left, files } = await pullRoundTrip(await introspect(db));
      expect(left).toEqual([]);
      expect(files.get('public.ts')).toContain(`index('events_at').on(t.at).clustered()`);
      expect(files.get('objects.sql')).toContain('ALTER TABLE public.logs CLUSTER ON logs_pkey');
      expect(files.get('objects.sql') ?? '').not.toContain('events');
    } finally {
      await db.close();
    }
  });

  it('refuses partitioned tables with a clear message, writing nothing', async () => {
    const db = await scratchPglite();
    try {
      await db.exec(`CREATE TABLE events (at date NOT NULL) PARTITION BY RANGE (at);`);
      const model = await introspect(db);
      expect(() => pullSource(model)).toThrow(/partitioned, partition or inheriting tables yet: public\.events/);
    } finally {
      await db.close();
    }
  });
});
