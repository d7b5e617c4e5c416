import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { pullSource } from '../../src/codegen/pull.js';
import { scratchPglite } from '../../src/db/pglite.js';
import { introspect } from '../../src/introspect/index.js';
import { pullRoundTrip } from './helpers.js';
import { expectBefore } from '../helpers/expect-before.js';

vi.mock('pgtide', () => import('../../src/dsl/index.js'));

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * The real-projects data sits beside the repository (../shared/realworld); a git worktree one level
 * further down finds it one level up. It is always there in CI: without it the suite fails, it
 * does not skip.
 */
function realworld(): string {
  const found = [path.resolve(REPO, '../shared/realworld'), path.resolve(REPO, '../../shared/realworld')].find(existsSync);
  if (found === undefined) throw new Error(`../shared/realworld is missing beside ${REPO}: the Pagila schema comes from there.`);
  return found;
}

describe('pull of Pagila (PostgreSQL 15 schema, loaded in PGlite)', () => {
  it('declares the partitioned payment table and the aggregate, and round-trips', { timeout: 300_000 }, async () => {
    const db = await scratchPglite();
    try {
      await db.exec(await readFile(path.join(realworld(), 'pagila', 'pagila-schema-pg15.sql'), 'utf8'));
      const model = await introspect(db);
      const { files } = pullSource(model);
      const sql = files.get('objects.ts') ?? '';
      expect(sql).toContain(') PARTITION BY RANGE (payment_date);');
      for (let month = 1; month <= 7; month++) {
        expect(sql).toContain(`CREATE TABLE public.payment_p2022_0${month} PARTITION OF public.payment`);
        // Pagila indexes the partitions of its first six months only.
        if (month <= 6) expect(sql).toMatch(new RegExp(`CREATE INDEX (CONCURRENTLY )?idx_fk_payment_p2022_0${month}_customer_id ON public\\.payment_p2022_0${month}`));
      }
      expect(sql).toContain('ALTER TABLE public.payment ADD CONSTRAINT payment_pkey PRIMARY KEY (payment_date, payment_id);');
      expect(files.get('public.ts')).toContain(`export const rental = table('rental', {`);

      // The aggregate the views call (group_concat) is pulled, before them.
      expectBefore(sql, 'CREATE AGGREGATE public.group_concat(text)', 'CREATE VIEW public.actor_info');

      const { left } = await pullRoundTrip(model);
      expect(left).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
