import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { bigint, index, integer, sql, table, text, unique, type AnyTableColumn } from '../../src/dsl/index.js';
import { chooseName, expressionColumnName, makeObjectName, nameAddition, truncateIdentifier } from '../../src/model/naming.js';
import { quoteIdent } from '../../src/sql/ident.js';
import { skipWithoutServer, testServerUrl, withTestDatabase } from '../helpers/postgres.js';
import { compileObjects } from './helpers.js';

describe('PostgreSQL naming rules', () => {
  it('makeObjectName joins parts and shortens the longer part first to 63 bytes', () => {
    expect(makeObjectName('users', 'email', 'key')).toBe('users_email_key');
    expect(makeObjectName('users', null, 'pkey')).toBe('users_pkey');
    const long = 'a'.repeat(60);
    expect(makeObjectName(long, 'email', 'key')).toBe(`${'a'.repeat(53)}_email_key`);
    expect(makeObjectName(long, 'b'.repeat(40), 'fkey')).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
  });

  it('truncates by bytes without splitting a multibyte character', () => {
    expect(Buffer.byteLength(truncateIdentifier('é'.repeat(40)))).toBe(62);
    expect(Buffer.byteLength(makeObjectName('é'.repeat(40), null, 'pkey'))).toBeLessThanOrEqual(63);
  });

  it('nameAddition stops once 64 bytes are reached; chooseName numbers clashes', () => {
    expect(nameAddition(['a', 'b'])).toBe('a_b');
    expect(nameAddition(['x'.repeat(40), 'y'.repeat(40), 'z'])).toBe(`${'x'.repeat(40)}_${'y'.repeat(40)}`);
    const taken = new Set(['t_a_idx', 't_a_idx1']);
    expect(chooseName('t', 'a', 'idx', (n) => taken.has(n))).toBe('t_a_idx2');
  });

  it.each([
    ['lower(email)', 'lower'],
    ['(lower(email))', 'lower'],
    ['public.f(a, b)', 'f'],
    ['email', 'email'],
    ['"Email"', 'Email'],
    ['a::text', 'a'],
    ['(a + b)::text', 'text'],
    ['lower(a) || lower(b)', 'expr'],
    ['a + 1', 'expr'],
  ])('expression %s is named %s', (expression, name) => {
    expect(expressionColumnName(expression)).toBe(name);
  });
});

// The same declarations as DDL without names, so the server picks the names and we compare.
const LONG = 'organisation_membership_invitations_with_a_really_long_name_x';
const DDL = [
  `CREATE TABLE ${LONG} (id bigint PRIMARY KEY, invited_email_address_of_the_person text UNIQUE, score integer CHECK (score > 0), parent bigint REFERENCES ${LONG} (id))`,
  `CREATE INDEX ON ${LONG} (lower(invited_email_address_of_the_person))`,
  `CREATE TABLE t (a integer, b text, UNIQUE (a, b))`,
  `CREATE INDEX ON t (a)`,
  `CREATE INDEX ON t (a)`,
  `CREATE INDEX ON t (a, a)`,
  `CREATE INDEX ON t (b) INCLUDE (a)`,
  `CREATE INDEX ON ${quoteIdent('tablé_ü')} (${quoteIdent('ß')})`,
];
const PRE = [`CREATE TABLE ${quoteIdent('tablé_ü')} (${quoteIdent('ß')} text UNIQUE)`];

function declared() {
  const long = table(LONG, {
    id: bigint().primaryKey(),
    invited_email_address_of_the_person: text().unique(),
    score: integer().check(sql`score > 0`),
    parent: bigint().references((): AnyTableColumn => long.id),
  }, () => [index().on(sql`lower(invited_email_address_of_the_person)`)]);
  const t = table('t', { a: integer(), b: text() }, (c) => [
    unique(c.a, c.b), index().on(c.a), index().on(c.a), index().on(c.a, c.a), index().on(c.b).include(c.a),
  ]);
  const u = table('tablé_ü', { ß: text().unique() }, (c) => [index().on(c.ß)]);
  const model = compileObjects({ long, t, u });
  return [...model.constraint.values(), ...model.index.values()].map((o) => `${o.table}.${o.name}`).sort();
}

const NAMES_QUERY = `
  SELECT c.relname || '.' || con.conname AS name FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
   WHERE c.relnamespace = 'public'::regnamespace AND con.contype <> 'n' -- PostgreSQL 18 records NOT NULL too
  UNION
  SELECT tablename || '.' || indexname FROM pg_indexes WHERE schemaname = 'public'
   AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace)
  ORDER BY 1`;

describe('generated names match the server', () => {
  it('on PGlite', async () => {
    const db = new PGlite();
    try {
      await db.exec([...PRE, ...DDL].join(';\n'));
      const rows = (await db.query<{ name: string }>(NAMES_QUERY)).rows.map((r) => r.name);
      expect(declared()).toEqual([...rows].sort());
    } finally {
      await db.close();
    }
  });

  it.skipIf(skipWithoutServer())('on the PostgreSQL test server', async () => {
    await withTestDatabase(async ({ url }) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query([...PRE, ...DDL].join(';\n'));
        const rows = (await client.query<{ name: string }>(NAMES_QUERY)).rows.map((r) => r.name);
        expect(declared()).toEqual([...rows].sort());
      } finally {
        await client.end();
      }
    });
    expect(testServerUrl).toBeDefined();
  });
});
