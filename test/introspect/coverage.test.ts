import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { CATALOG_COVERAGE, type ColumnUse } from '../../src/introspect/coverage.js';
import { ENGINES, type FreshDatabase } from '../helpers/engines.js';
import { coverageMarkdown } from './coverage-doc.js';
import { unknownField } from './coverage-rules.js';

/** The catalogs the readers of src/introspect take object rows from: each must be in the coverage table. */
const READ_CATALOGS = [
  'pg_class', 'pg_attribute', 'pg_attrdef', 'pg_index', 'pg_proc', 'pg_sequence', 'pg_type', 'pg_constraint',
  'pg_trigger', 'pg_policy', 'pg_namespace', 'pg_collation', 'pg_range', 'pg_aggregate', 'pg_statistic_ext',
  'pg_rewrite', 'pg_event_trigger', 'pg_default_acl', 'pg_enum', 'pg_extension', 'pg_inherits', 'pg_description', 'pg_depend',
  'pg_publication', 'pg_publication_rel', 'pg_publication_namespace',
];

const readers = readdirSync(new URL('../../src/introspect/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'coverage.ts')
  .map((f) => readFileSync(new URL(`../../src/introspect/${f}`, import.meta.url), 'utf8'))
  .join('\n');

const onServer = (use: ColumnUse, version: number): boolean =>
  (use.since === undefined || version >= use.since) && (use.until === undefined || version < use.until);

describe('catalog coverage table', () => {
  it('names every catalog the readers take rows from, and only catalogs they read', () => {
    expect(READ_CATALOGS.filter((c) => CATALOG_COVERAGE[c] === undefined)).toEqual([]);
    expect(Object.keys(CATALOG_COVERAGE).filter((c) => !new RegExp(`\\b${c}\\b`).test(readers))).toEqual([]);
  });

  it('every column it says is fed is one some reader selects, or the function it names is one a reader calls', () => {
    const named = (word: string): boolean => new RegExp(`\\b${word}\\b`).test(readers);
    const unread = Object.entries(CATALOG_COVERAGE).flatMap(([catalog, columns]) =>
      Object.entries(columns).flatMap(([column, use]) =>
        'fed' in use ? use.fed.filter((f) => !named(f.via ?? column)).map((f) => `${catalog}.${column} → ${f.kind}.${f.field}`) : []));
    expect(unread).toEqual([]);
  });

  it('every field it names is one the differ compares (or an identity)', () => {
    const unknown = Object.values(CATALOG_COVERAGE).flatMap((columns) =>
      Object.values(columns).flatMap((use) => ('fed' in use ? use.fed.map((f) => unknownField(f.kind, f.field)) : [])))
      .filter((u) => u !== null);
    expect(unknown).toEqual([]);
  });

  it('docs/coverage.md is the table this checkout makes', async () => {
    const text = coverageMarkdown();
    const file = new URL('../../docs/coverage.md', import.meta.url);
    if (process.env.PGTIDE_WRITE_COVERAGE === '1') await writeFile(file, text);
    expect(await readFile(file, 'utf8'), 'docs/coverage.md is out of date: run with PGTIDE_WRITE_COVERAGE=1').toBe(text);
  });
});

for (const engine of ENGINES) {
  describe.skipIf(engine.skip)(`catalog columns as ${engine.title} has them`, () => {
    let fresh: FreshDatabase;
    beforeAll(async () => {
      fresh = await engine.open({ prefix: 'pgtide_coverage' });
    });
    afterAll(async () => {
      await fresh?.dispose();
    });

    it('every column is compared by a reader or named with the reason it is not', async () => {
      const version = Number((await fresh.db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v);
      const { rows } = await fresh.db.query<{ catalog: string; columns: string[] }>(
        `SELECT c.relname::text AS catalog, array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relname = ANY ($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped
         GROUP BY c.relname`,
        [Object.keys(CATALOG_COVERAGE)],
      );
      expect(rows.map((r) => r.catalog).sort()).toEqual(Object.keys(CATALOG_COVERAGE).sort());
      const unplaced: string[] = [];
      const absent: string[] = [];
      for (const { catalog, columns } of rows) {
        const table = CATALOG_COVERAGE[catalog]!;
        for (const column of columns) {
          const use = table[column];
          if (use === undefined || !onServer(use, version)) unplaced.push(`${catalog}.${column}`);
        }
        for (const [column, use] of Object.entries(table)) {
          if (onServer(use, version) && !columns.includes(column)) absent.push(`${catalog}.${column}`);
        }
      }
      expect(unplaced, 'columns neither compared nor given a reason in src/introspect/coverage.ts').toEqual([]);
      expect(absent, 'columns the table names for this version that the server does not have').toEqual([]);
    });
  });
}
